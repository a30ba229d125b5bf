/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_MARGINS_H
#define CCAP_MARGINS_H

/**
 * @file ccap_margins.h
 * @brief Published population totals ("margins"): by region, year, sex and broad age range.
 *
 * Census communiqués publish totals, not age detail: a city's residents, its
 * men and women, the 0–14, 15–59 and 60+ groups, a county's total.  A margin
 * is one such number: region, year, sex (female, male or both), an age range
 * `[age_lo, age_hi)` in completed years (#CCAP_AGE_OPEN for "and over"; the
 * total is `[0, CCAP_AGE_OPEN)`), the count and an optional note
 * (provenance or the assumption behind a derived figure).
 *
 * Ranges of one region may overlap (60+ and 65+).  Each (region, year, sex,
 * range) appears at most once.  Margins are the raw material for estimating a
 * base population by raking, and what ccap-inspect shows.
 */

#include <ccap/ccap_common.h>
#include <ccap/ccap_region.h>

CCAP_BEGIN_DECLS

/** Opaque list of margins. */
typedef struct ccap_margins ccap_margins;

/** Longest note in bytes (without the NUL). */
#define CCAP_MARGIN_NOTE_MAX 1023

/** Where a figure comes from, as the start of its note says (ccap_note_provenance()). */
typedef enum ccap_provenance {
    CCAP_PROVENANCE_NONE = 0,      /**< no note, or one that does not start with a kind */
    CCAP_PROVENANCE_PUBLISHED = 1, /**< `published:`, or `公布` (published) */
    CCAP_PROVENANCE_DERIVED = 2,   /**< `derived:`, or `推算` / `估算` (derived, estimated) */
    CCAP_PROVENANCE_ASSUMED = 3    /**< `assumed:`, or `假定` / `假设` (assumed) */
} ccap_provenance;

/**
 * The kind of a figure's note (margins, vital statistics): the English word
 * `published`, `derived` or `assumed` (any case) followed by a colon (`:` or
 * the full-width `：`), or a note starting with one of the Chinese words of
 * ::ccap_provenance (`公布：2020年人口普查`, `公布 …`).  Spaces before the
 * word are ignored.
 * @param note  UTF-8 note; NULL or "" for none.
 * @return The kind; #CCAP_PROVENANCE_NONE for none or any other note.
 * @since 0.1
 */
CCAP_API ccap_provenance ccap_note_provenance(const char *note);

/** One published total, as returned by ccap_margins_get(). */
typedef struct ccap_margin {
    size_t region;      /**< region index */
    int year;           /**< calendar year */
    ccap_sex sex;       /**< female, male or both */
    size_t age_lo;      /**< first age, in completed years */
    size_t age_hi;      /**< end of the range (exclusive), or #CCAP_AGE_OPEN */
    double value;       /**< persons */
    const char *note;   /**< "" when none; owned by the ::ccap_margins, valid until it is freed */
} ccap_margin;

/**
 * Allocate an empty list.
 * @return A new list, or NULL when memory is exhausted.  Free with ccap_margins_free().
 * @since 0.1
 */
CCAP_API ccap_margins *ccap_margins_alloc(void);

/** Free @p margins.  NULL is accepted and ignored. @since 0.1 */
CCAP_API void ccap_margins_free(ccap_margins *margins);

/**
 * Append a margin.
 * @param margins  The list.
 * @param region   Region index (any value; readers check it against a region table).
 * @param year     Calendar year.
 * @param sex      Female, male or both.
 * @param age_lo   First age.
 * @param age_hi   End of the range, > @p age_lo, or #CCAP_AGE_OPEN.
 * @param value    Persons; finite and >= 0.
 * @param note     UTF-8 note without control characters, or NULL / "" for none.
 * @param[out] dup_out  On #CCAP_EEXIST, the index of the margin with the same key (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p margins is NULL or @p sex is not a ::ccap_sex
 * @retval CCAP_EDOM    bad range, value or note
 * @retval CCAP_EEXIST  a margin with the same region, year, sex and range exists
 * @retval CCAP_ENOMEM  out of memory (the list is unchanged)
 * @since 0.1
 */
CCAP_API int ccap_margins_add(ccap_margins *margins, size_t region, int year, ccap_sex sex,
                              size_t age_lo, size_t age_hi, double value, const char *note,
                              size_t *dup_out);

/** Number of margins (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_margins_count(const ccap_margins *margins);

/**
 * Copy margin @p index into @p out.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument or @p index out of range
 * @since 0.1
 */
CCAP_API int ccap_margins_get(const ccap_margins *margins, size_t index, ccap_margin *out);

/**
 * Look up the value of the margin with this exact key.
 * @param margins  The list.
 * @param region   Region index.
 * @param year     Calendar year.
 * @param sex      Female, male or both.
 * @param age_lo   First age.
 * @param age_hi   End of the range (exclusive), or #CCAP_AGE_OPEN.
 * @param[out] value_out  Receives the value; NAN when not found.
 * @retval CCAP_OK         found
 * @retval CCAP_ENOTFOUND  no such margin
 * @retval CCAP_EINVAL     NULL argument
 * @since 0.1
 */
CCAP_API int ccap_margins_find(const ccap_margins *margins, size_t region, int year, ccap_sex sex,
                               size_t age_lo, size_t age_hi, double *value_out);

/**
 * Sum the margins with this key over the direct children of @p region.
 * @param margins  The list.
 * @param regions  A finished region table.
 * @param region   The parent region's index.
 * @param year     Calendar year.
 * @param sex      Female, male or both.
 * @param age_lo   First age.
 * @param age_hi   End of the range (exclusive), or #CCAP_AGE_OPEN.
 * @param[out] sum_out  Receives the sum; NAN on failure.
 * @retval CCAP_OK         success
 * @retval CCAP_ENOTFOUND  @p region has no children, or a child lacks this margin
 * @retval CCAP_ESTATE     @p regions is not finished
 * @retval CCAP_EINVAL     NULL argument or @p region out of range
 * @since 0.1
 */
CCAP_API int ccap_margins_children_sum(const ccap_margins *margins, const ccap_regions *regions,
                                       size_t region, int year, ccap_sex sex, size_t age_lo,
                                       size_t age_hi, double *sum_out);

/**
 * The ages of a margin as the margins file writes them: `total`, `60+`, `0`
 * (a single year) or `15-59` (ages 15 to 59).
 * @param margin  The margin.
 * @param buf     Destination; 48 bytes always suffice.
 * @param size    Size of @p buf.
 * @return @p buf (empty when @p margin is NULL), or NULL when @p buf is NULL or @p size is 0.
 * @since 0.1
 */
CCAP_API const char *ccap_margin_ages_label(const ccap_margin *margin, char *buf, size_t size);

/**
 * The 1-based line of the file margin @p index was read from.
 * @return The line, or 0 when none was recorded (a margin added by a program, or
 *         @p margins NULL or @p index out of range).
 * @since 0.1
 */
CCAP_API unsigned long ccap_margins_line(const ccap_margins *margins, size_t index);

/**
 * Record the 1-based line of the file margin @p index was read from, so that
 * messages about it can name the line.
 * @param margins  The list.
 * @param index    A margin of the list.
 * @param line     The line, or 0 for none.
 * @retval CCAP_OK success  @retval CCAP_EINVAL @p margins NULL or @p index out of range
 * @since 0.1
 */
CCAP_API int ccap_margins_set_line(ccap_margins *margins, size_t index, unsigned long line);

/* ---- consistency: published figures that must add up ---- */

/** What a relation between margins says (see ::ccap_margins_relation). */
typedef enum ccap_margins_relation_kind {
    CCAP_RELATION_AGES = 0,   /**< age groups of one region and sex add up to its total */
    CCAP_RELATION_SEXES = 1,  /**< female + male = both, for one region and age range */
    CCAP_RELATION_REGIONS = 2 /**< the children of a region add up to it, for one sex and range */
} ccap_margins_relation_kind;

/** Opaque result of ccap_margins_check() and ccap_margins_reconcile(). */
typedef struct ccap_margins_report ccap_margins_report;

/**
 * One relation: the margin `whole` should equal the sum of the margins `parts`.
 * Values are those published (before any reconciliation).
 */
typedef struct ccap_margins_relation {
    ccap_margins_relation_kind kind; /**< ages, sexes or regions */
    size_t whole;                    /**< index of the aggregate margin */
    const size_t *parts;             /**< indices of the margins summed; owned by the report */
    size_t n_parts;                  /**< number of @c parts (at least 2 for ages and sexes,
                                          at least 1 for regions) */
    double published;                /**< value of @c whole, persons */
    double implied;                  /**< sum of the @c parts, persons */
    double difference;               /**< implied − published, persons */
    double relative;                 /**< difference / published (0 when both are 0,
                                          ±infinity when only published is 0) */
    double allowance;                /**< largest |difference| that rounding explains, persons */
    int agree;                       /**< 1 when |difference| <= allowance, else 0 */
    const char *text;                /**< one line naming the figures, their lines and the
                                          difference; owned by the report */
} ccap_margins_relation;

/**
 * Check that the margins of @p year add up: for every region and sex with a
 * total, each chain of its age ranges that partitions all ages (0-14, 15-59,
 * 60+); for every region and range with all three sexes, female + male = both;
 * for every region with children and every (sex, range) that all its children
 * publish, the sum of the children.  Overlapping ranges (60+ and 65+) and ranges
 * that belong to no partition are not part of any relation.
 *
 * A relation agrees when |implied − published| is within the rounding allowance:
 * the sum, over its figures (the whole and every part), of half the unit of each
 * figure's last published digit.  That unit is the largest power of ten dividing
 * the figure, at most 100 (a figure published in 万 with two decimals, 13.33万 =
 * 133300, may be 50 persons off); 1 for a figure that is not a whole number.
 * See docs/methods.md, "Published figures that must add up".
 *
 * @param[in]  margins     The margins; their region indices refer to @p regions.
 * @param[in]  regions     A finished region table.
 * @param[in]  year        The year whose margins are checked.
 * @param[out] report_out  Receives the report (free with ccap_margins_report_free());
 *                         NULL on failure.  Disagreements are not a failure.
 * @param[out] diag        On failure, the reason; may be NULL.
 * @retval CCAP_OK      success (the report may list disagreements)
 * @retval CCAP_EINVAL  NULL argument, or a margin whose region is outside @p regions
 * @retval CCAP_ESTATE  @p regions is not finished
 * @retval CCAP_ENOMEM  out of memory
 * @since 0.1
 */
CCAP_API int ccap_margins_check(const ccap_margins *margins, const ccap_regions *regions,
                                int year, ccap_margins_report **report_out, ccap_diag *diag);

/**
 * Check the margins of @p year (ccap_margins_check()) and, when every relation
 * agrees, change the figures so that each relation holds exactly: the aggregate
 * figure of a relation is kept and its parts are scaled in proportion to it,
 * regions from the top of the tree down, in each region sexes before ages, and
 * passes repeated until every relation holds to a relative 1e-14 (at most 100
 * passes; relations that cross, such as a city's 0-14 and its counties' 0-14 and
 * totals, need more than one).  A figure that is the whole of a relation and a part of
 * none, such as the city's total, is therefore never changed.
 * Every changed figure is listed in the report, in the order of the margins
 * (ccap_margins_report_adjustment()).
 *
 * @param[in,out] margins  The margins; unchanged on failure.
 * @param[in]  regions     A finished region table.
 * @param[in]  year        The year whose margins are reconciled; others are untouched.
 * @param[out] report_out  Receives the report on #CCAP_OK and on #CCAP_EDOM (free with
 *                         ccap_margins_report_free()); NULL otherwise.
 * @param[out] diag        On #CCAP_EDOM, the first relation that disagrees, with the
 *                         line of the aggregate figure (no file) and a message naming
 *                         the figures, their lines, the difference and what to check.
 * @retval CCAP_OK      every relation agrees; the figures now add up exactly
 * @retval CCAP_EDOM    a relation disagrees by more than rounding (nothing is changed)
 * @retval CCAP_EINVAL  NULL argument, or a margin whose region is outside @p regions
 * @retval CCAP_ESTATE  @p regions is not finished
 * @retval CCAP_ENOMEM  out of memory
 * @since 0.1
 */
CCAP_API int ccap_margins_reconcile(ccap_margins *margins, const ccap_regions *regions, int year,
                                    ccap_margins_report **report_out, ccap_diag *diag);

/** Free @p report.  NULL is accepted and ignored. @since 0.1 */
CCAP_API void ccap_margins_report_free(ccap_margins_report *report);

/** Number of relations in @p report (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_margins_report_count(const ccap_margins_report *report);

/** Number of relations of @p report that disagree (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_margins_report_n_disagree(const ccap_margins_report *report);

/**
 * Copy relation @p index of @p report into @p out; its pointers are owned by the
 * report.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument or @p index out of range
 * @since 0.1
 */
CCAP_API int ccap_margins_report_get(const ccap_margins_report *report, size_t index,
                                     ccap_margins_relation *out);

/** Number of figures ccap_margins_reconcile() changed (0 for NULL or a check). @since 0.1 */
CCAP_API size_t ccap_margins_report_n_adjustments(const ccap_margins_report *report);

/**
 * Adjustment @p index of a reconciliation: which margin, as published and as changed.
 * @param report          The report.
 * @param index           From 0 to ccap_margins_report_n_adjustments() − 1.
 * @param[out] margin_out     Index of the margin (may be NULL).
 * @param[out] published_out  The published value, persons (may be NULL; NAN on failure).
 * @param[out] adjusted_out   The value after reconciliation (may be NULL; NAN on failure).
 * @retval CCAP_OK success  @retval CCAP_EINVAL @p report NULL or @p index out of range
 * @since 0.1
 */
CCAP_API int ccap_margins_report_adjustment(const ccap_margins_report *report, size_t index,
                                            size_t *margin_out, double *published_out,
                                            double *adjusted_out);

CCAP_END_DECLS

#endif /* CCAP_MARGINS_H */
