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

CCAP_END_DECLS

#endif /* CCAP_MARGINS_H */
