/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_WORKFORCE_H
#define CCAP_WORKFORCE_H

/**
 * @file ccap_workforce.h
 * @brief Classes, carers, health staff and floor area that slots take, by the national standard.
 *
 * A slot is a place in a class, and a class needs carers and a room.  The 2019 national
 * standard for childcare institutions (托育机构设置标准（试行）, 国卫人口发〔2019〕58号,
 * articles 19-21) sets the classes and their limits; the rules for home-based sites
 * (家庭托育点管理办法（试行）, 2023) set theirs:
 *
 * | class type | ages | at most | children per carer |
 * |---|---|---|---|
 * | #CCAP_CLASS_INFANT 乳儿班 | 6-12 months | 10 | 3 |
 * | #CCAP_CLASS_TODDLER 托小班 | 12-24 months | 15 | 5 |
 * | #CCAP_CLASS_OLDER 托大班 | 24-36 months | 20 | 7 |
 * | #CCAP_CLASS_MIXED 混合班 | 18-36 months | 18 | 5 (assumed: the standard gives none) |
 * | #CCAP_CLASS_HOME 家庭托育点 | under 3 | 5 | 3 |
 * | #CCAP_CLASS_KINDERGARTEN 幼儿园托班 | 24-36 months | 20 | 7 (assumed: as 托大班) |
 *
 * Health staff: one per 150 children or part (the standard refers to the rules for the
 * health care of nurseries, 托儿所幼儿园卫生保健管理办法, which set one per 150).  Floor area: a
 * per-child area for each class type, a parameter (the 2019 default, 3 m² of use area per
 * child in the children's rooms, is marked assumed in the bundled file).  The limits are a
 * value (::ccap_workforce_standard) that ccap_workforce_standard_2019() fills and
 * ccap_csv_read_workforce_standard() reads from a file, so a province passes its own.
 *
 * **Classes and carers of N places of one class type** with limit m and ratio k: the
 * fewest classes, `c = ⌈N/m⌉`, the places spread as evenly as the classes allow
 * (`N − c·⌊N/c⌋` classes of `⌊N/c⌋ + 1`, the rest of `⌊N/c⌋`), and each class its own
 * carers, `⌈size/k⌉`.  A full 乳儿班 of 10 needs ⌈10/3⌉ = 4 carers; 11 infants take two
 * classes of 6 and 5, 2 + 2 = 4 carers.  Places are whole: N is rounded up first.
 * Health staff `⌈Σ_c N_c / h_c⌉` over the class types that require them; floor area
 * `Σ_c N_c · a_c`.  Both are the least a region needs, as if all its places were in one
 * institution: several institutions each round up on their own.
 *
 * **Age in months.**  Single-year ages at the end of a year are completed years: the
 * children aged 0 are 0-12 months old.  With births spread evenly over the year, half
 * of them are 6-12 months (乳儿班) and half under 6 months, whom no class of the
 * standard takes; the children aged 1 are 12-24 months (托小班), those aged 2 are 24-36
 * months (托大班).  ccap_workforce_class_shares() gives the shares of places by class
 * from children (and take-up) by age.
 *
 * All functions set numeric outputs to NAN on failure.
 */

#include <stddef.h>

#include <ccap/ccap_childcare.h>
#include <ccap/ccap_common.h>
#include <ccap/ccap_gap.h>
#include <ccap/ccap_population.h>
#include <ccap/ccap_region.h>

CCAP_BEGIN_DECLS

/** Class types of the standards.  The values are stable. */
typedef enum ccap_class_type {
    CCAP_CLASS_INFANT = 0,      /**< `infant`: 乳儿班, 6-12 months */
    CCAP_CLASS_TODDLER = 1,     /**< `toddler`: 托小班, 12-24 months */
    CCAP_CLASS_OLDER = 2,       /**< `older`: 托大班, 24-36 months */
    CCAP_CLASS_MIXED = 3,       /**< `mixed`: 混合班, 18-36 months */
    CCAP_CLASS_HOME = 4,        /**< `home`: 家庭托育点, a home-based site */
    CCAP_CLASS_KINDERGARTEN = 5 /**< `kindergarten`: 幼儿园托班, 24-36 months */
} ccap_class_type;

/** Number of class types. */
#define CCAP_N_CLASS_TYPES 6

/** The limits of one class type. */
typedef struct ccap_class_limits {
    double max_children;               /**< children in one class (or site), >= 1 */
    double children_per_carer;         /**< children per carer (1:k), > 0 */
    double floor_area_m2_per_child;    /**< floor area per child, m², >= 0 */
    double children_per_health_worker; /**< children per health worker, > 0; 0: none required */
} ccap_class_limits;

/** A standard: the limits of every class type, indexed by ::ccap_class_type. */
typedef struct ccap_workforce_standard {
    ccap_class_limits limits[CCAP_N_CLASS_TYPES]; /**< by class type */
} ccap_workforce_standard;

/**
 * The file name of a class type: `infant`, `toddler`, `older`, `mixed`, `home`,
 * `kindergarten`.
 * @param type  A ::ccap_class_type.
 * @return A static string; "unknown" for other values.
 * @since 0.2
 */
CCAP_API const char *ccap_class_type_name(ccap_class_type type);

/**
 * Parse a class type: its English name (any case) or its Chinese name (乳儿班, 托小班,
 * 托大班, 混合班 or 混合编班, 家庭托育点, 托班 or 幼儿园托班).
 * @param text           The text.
 * @param[out] type_out  Receives the type; unchanged on failure.
 * @retval CCAP_OK         success
 * @retval CCAP_EINVAL     NULL argument
 * @retval CCAP_ENOTFOUND  not a class type
 * @since 0.2
 */
CCAP_API int ccap_class_type_parse(const char *text, ccap_class_type *type_out);

/**
 * Fill @p out with the 2019 national standard (the table of this file's description;
 * floor area 3 m² per child, assumed; health staff one per 150 children except at
 * home-based sites, 0).
 * @param[out] out  The standard.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p out is NULL
 * @since 0.2
 */
CCAP_API int ccap_workforce_standard_2019(ccap_workforce_standard *out);

/**
 * Check a standard: every limit finite, class sizes >= 1, ratios > 0, areas and health
 * ratios >= 0.
 * @param std  The standard.
 * @param[out] type_out  On #CCAP_EDOM, the first class type at fault (may be NULL).
 * @retval CCAP_OK      valid
 * @retval CCAP_EINVAL  @p std is NULL
 * @retval CCAP_EDOM    a limit out of range
 * @since 0.2
 */
CCAP_API int ccap_workforce_standard_check(const ccap_workforce_standard *std,
                                           ccap_class_type *type_out);

/**
 * Shares of places by class (乳儿班, 托小班, 托大班) from children by age at the end of
 * a year: weights `0.5·U0·t0`, `U1·t1`, `U2·t2` (half the children aged 0 are 6-12
 * months; see the file's description), divided by their sum.  Without take-up every
 * t is 1; when every weight is 0 the shares are 1/3 each.
 *
 * Example: 1,200, 1,500 and 1,800 children aged 0, 1, 2 without take-up weigh 600,
 * 1,500, 1,800 (3,900 in all): shares 2/13, 5/13, 6/13.
 *
 * @param children   #CCAP_CHILDCARE_AGES counts, ages 0, 1, 2; finite, >= 0.
 * @param takeup     #CCAP_CHILDCARE_AGES rates in [0, 1], or NULL.
 * @param[out] shares_out  3 shares (infant, toddler, older), summing to 1; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p children or @p shares_out is NULL
 * @retval CCAP_EDOM    a count negative or not finite, or a rate outside [0, 1]
 * @since 0.2
 */
CCAP_API int ccap_workforce_class_shares(const double children[], const double takeup[],
                                         double shares_out[]);

/**
 * The share of the children aged 0 at the end of a year who are 6-12 months old, from the
 * births of that year by month: those born January to June, `Σ_{m=1}^{6} B_m / Σ_{m=1}^{12}
 * B_m` (infant deaths, about 0.5 % in China, taken as spread evenly).  Births spread evenly
 * give the 1/2 that ccap_workforce_class_shares() uses.
 *
 * Example: 6,000 births a month in January to June and 5,000 in July to December give
 * 36,000 / 66,000 = 0.545.
 *
 * @param births_by_month  12 counts, January first; finite, >= 0, not all 0.
 * @param[out] share_out   The share, in [0, 1]; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a NULL pointer
 * @retval CCAP_EDOM    a count negative or not finite, or no births at all
 * @since 0.2
 */
CCAP_API int ccap_workforce_infant_share(const double births_by_month[], double *share_out);

/**
 * ccap_workforce_class_shares() with the share of the children aged 0 who are 6-12 months
 * old given (ccap_workforce_infant_share()) instead of one half: weights
 * `infant_share·U0·t0`, `U1·t1`, `U2·t2`.
 * @param children      #CCAP_CHILDCARE_AGES counts, ages 0, 1, 2; finite, >= 0.
 * @param takeup        #CCAP_CHILDCARE_AGES rates in [0, 1], or NULL.
 * @param infant_share  In [0, 1].
 * @param[out] shares_out  3 shares, summing to 1; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p children or @p shares_out is NULL
 * @retval CCAP_EDOM    a count, rate or @p infant_share out of range
 * @since 0.2
 */
CCAP_API int ccap_workforce_class_shares_at(const double children[], const double takeup[],
                                            double infant_share, double shares_out[]);

/** What places of each class type take (ccap_workforce_need()). */
typedef struct ccap_workforce_need {
    double places[CCAP_N_CLASS_TYPES];  /**< places, whole (rounded up) */
    double classes[CCAP_N_CLASS_TYPES]; /**< classes (sites for #CCAP_CLASS_HOME) */
    double carers[CCAP_N_CLASS_TYPES];  /**< carers */
    double classes_total;               /**< Σ classes */
    double carers_total;                /**< Σ carers */
    double health_staff;                /**< ⌈Σ places / children_per_health_worker⌉ */
    double floor_area_m2;               /**< Σ places · floor_area_m2_per_child */
} ccap_workforce_need;

/**
 * Classes, carers, health staff and floor area for places by class type (the rules of
 * the file's description).
 *
 * Example (2019 standard): 125 places in 乳儿班 take ⌈125/10⌉ = 13 classes, 8 of 10 and
 * 5 of 9 (125 = 13·9 + 8), carers 8·⌈10/3⌉ + 5·⌈9/3⌉ = 32 + 15 = 47.
 *
 * @param std     The standard (ccap_workforce_standard_check() must pass).
 * @param places  #CCAP_N_CLASS_TYPES places by class type; finite, >= 0 (fractions are
 *                rounded up).
 * @param n_types Must be #CCAP_N_CLASS_TYPES.
 * @param[out] out  The need; every number NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument or @p n_types wrong
 * @retval CCAP_EDOM    a bad standard, or places negative, not finite or above 10^12
 * @since 0.2
 */
CCAP_API int ccap_workforce_need_compute(const ccap_workforce_standard *std, const double places[],
                                         size_t n_types, ccap_workforce_need *out);

/** Which slots a row of the workforce table is for. */
typedef enum ccap_workforce_basis {
    CCAP_WORKFORCE_HELD = 0,   /**< `held`: the slots of the gap table */
    CCAP_WORKFORCE_NEEDED = 1, /**< `needed`: the slots the binding target needs */
    CCAP_WORKFORCE_PLANNED = 2 /**< `planned`: the slots once the plan is built */
} ccap_workforce_basis;

/** Number of bases. */
#define CCAP_WORKFORCE_N_BASES 3

/**
 * The file name of a basis: `held`, `needed`, `planned`.
 * @param basis  A ::ccap_workforce_basis.
 * @return A static string; "unknown" for other values.
 * @since 0.2
 */
CCAP_API const char *ccap_workforce_basis_name(ccap_workforce_basis basis);

/** One region, year and basis of ccap_workforce_table(). */
typedef struct ccap_workforce_row {
    size_t region;              /**< region index */
    int year;                   /**< end of the year */
    ccap_workforce_basis basis; /**< which slots */
    double slots;               /**< the slots (NAN: none, e.g. no target; then all NAN) */
    ccap_workforce_need need;   /**< what they take */
} ccap_workforce_row;

/** What ccap_workforce_table() reads; pointers are borrowed for the call. */
typedef struct ccap_workforce_inputs {
    const ccap_population *const *pops;        /**< populations in single years, ascending */
    size_t n_pops;                             /**< number of @c pops, >= 1 */
    const ccap_regions *regions;               /**< finished region table */
    const ccap_childcare_inventory *inventory; /**< the slot inventory */
    const ccap_childcare_takeup *takeup;       /**< take-up, or NULL (children alone) */
    const ccap_workforce_standard *standard;   /**< the limits */
    const ccap_gap_row *gap_rows;              /**< ccap_gap_table() rows of @c from .. @c to */
    const double *planned; /**< slots after the plan, `[(Y − from)·n_regions + r]`, or NULL */
    double infant_share;   /**< since 0.2: share of the children aged 0 who are 6-12 months
                                old (ccap_workforce_infant_share()); NAN or 0: one half */
    const double *planned_kindergarten; /**< since 0.2: of @c planned, the slots converted from
                                             kindergarten places (ccap_kindergarten.h), all
                                             #CCAP_CLASS_KINDERGARTEN; same layout, or NULL:
                                             none */
} ccap_workforce_inputs;

/**
 * Classes, carers, health staff and floor area of the slots held, needed and planned,
 * for every region and year of a gap table.
 *
 * The slots S of a region without children are split by provider as its inventory splits
 * them in the latest year not after Y (its first year before it): the share of home-based
 * slots to #CCAP_CLASS_HOME, of kindergarten slots to #CCAP_CLASS_KINDERGARTEN, the rest to
 * 乳儿班, 托小班 and 托大班 by ccap_workforce_class_shares() of the region's children aged
 * 0-2 on 1 January of Y+1 (interpolated as ccap_gap_table() does) and its take-up; then
 * ccap_workforce_need_compute().  Of the planned slots, those converted from kindergarten
 * places (`planned_kindergarten`) are all #CCAP_CLASS_KINDERGARTEN, the rest split so.  A parent's
 * row is the sum of its children's (its places, classes, carers, staff and area: each county builds
 * its own).  Rows: `rows_out[((Y − from)·n_regions + r)·3 + basis]`.
 *
 * @param in        The inputs.
 * @param from      First year of the gap rows.
 * @param to        Last year, >= @p from.
 * @param[out] rows_out  `(to − from + 1)·n_regions·3` rows.
 * @param n_rows    Number of elements of @p rows_out.
 * @retval CCAP_OK         success
 * @retval CCAP_EINVAL     NULL argument, sizes that differ, populations not in single years
 * @retval CCAP_EDOM       a bad standard
 * @retval CCAP_ENOTFOUND  take-up without rates for a region
 * @retval CCAP_ENOMEM     out of memory
 * @since 0.2
 */
CCAP_API int ccap_workforce_table(const ccap_workforce_inputs *in, int from, int to,
                                  ccap_workforce_row rows_out[], size_t n_rows);

CCAP_END_DECLS

#endif /* CCAP_WORKFORCE_H */
