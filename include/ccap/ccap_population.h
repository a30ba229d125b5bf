/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_POPULATION_H
#define CCAP_POPULATION_H

/**
 * @file ccap_population.h
 * @brief Population counts by region × sex × age group at one reference time.
 *
 * Age groups have a uniform width `n` years (1 for single years, 5 for 5-year
 * groups).  Group `g` covers ages `[g·n, (g+1)·n)`; the last group is open:
 * with `G` groups it holds everyone aged `(G-1)·n` and over (e.g. 100+ with
 * G = 101, n = 1; 85+ with G = 18, n = 5).
 *
 * Counts are persons (doubles: estimates need not be whole).  Every count is
 * finite and non-negative.  A region "has data" once any of its counts was
 * set; regions without data read as NAN and are skipped by writers, so one
 * object can hold, say, only the counties of a city and have the city filled
 * in by ccap_population_aggregate().
 *
 * Age ranges in queries are half-open, `[age_lo, age_hi)` in completed years,
 * with #CCAP_AGE_OPEN as "no upper bound": children under 3 are
 * `[0, 3)`, working ages 15–59 are `[15, 60)`, 60+ is `[60, CCAP_AGE_OPEN)`.
 * Both bounds must fall on group boundaries (under 3 needs single years).
 */

#include <ccap/ccap_common.h>
#include <ccap/ccap_date.h>
#include <ccap/ccap_region.h>

CCAP_BEGIN_DECLS

/** Opaque population table. */
typedef struct ccap_population ccap_population;

/** Largest number of regions accepted by ccap_population_alloc(). */
#define CCAP_POPULATION_REGIONS_MAX 1000000u
/** Largest number of age groups accepted by ccap_population_alloc(). */
#define CCAP_POPULATION_AGES_MAX 1000u
/** Widest age group, in years, accepted by ccap_population_alloc(). */
#define CCAP_POPULATION_WIDTH_MAX 25u

/**
 * Allocate a population for @p n_regions regions and @p n_ages age groups of
 * width @p age_width, all counts unset.
 *
 * @return A new object, or NULL when a size is zero or above its maximum,
 *         when the counts, `n_regions × 2 × n_ages`, would exceed
 *         #CCAP_CELLS_MAX, or when memory is exhausted.  @p n_ages must be at
 *         least 2 (one closed group and the open group).  Free with
 *         ccap_population_free().
 * @since 0.1
 */
CCAP_API ccap_population *ccap_population_alloc(size_t n_regions, size_t n_ages,
                                                size_t age_width);

/** Free @p pop.  NULL is accepted and ignored. @since 0.1 */
CCAP_API void ccap_population_free(ccap_population *pop);

/** Number of regions (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_population_n_regions(const ccap_population *pop);
/** Number of age groups, the open one included (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_population_n_ages(const ccap_population *pop);
/** Width of the age groups in years (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_population_age_width(const ccap_population *pop);
/** Lower bound in years of the open age group, `(n_ages - 1) · width` (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_population_open_age(const ccap_population *pop);

/**
 * Set the calendar year the counts refer to (e.g. 2020 for the 2020 census).
 * Any integer is accepted; 0 (the default) means "not set".
 * @retval CCAP_OK success  @retval CCAP_EINVAL @p pop is NULL
 * @since 0.1
 */
CCAP_API int ccap_population_set_year(ccap_population *pop, int year);
/** The calendar year (0 if not set or @p pop is NULL). @since 0.1 */
CCAP_API int ccap_population_year(const ccap_population *pop);

/**
 * Set the exact reference date (e.g. 2020-11-01 for the census night).
 * `{0, 0, 0}` clears it.  Setting a date also sets the year when that is 0.
 * @retval CCAP_OK success  @retval CCAP_EINVAL @p pop is NULL
 * @retval CCAP_EDOM the date is neither valid nor `{0, 0, 0}`
 * @since 0.1
 */
CCAP_API int ccap_population_set_date(ccap_population *pop, ccap_date date);
/** The reference date; `{0, 0, 0}` when none is set. @since 0.1 */
CCAP_API ccap_date ccap_population_date(const ccap_population *pop);

/**
 * Set one count.
 * @param pop     The population.
 * @param region  Region index, below ccap_population_n_regions().
 * @param sex     #CCAP_SEX_FEMALE or #CCAP_SEX_MALE.
 * @param group   Age group index, below ccap_population_n_ages().
 * @param value   Persons; finite and >= 0.
 * @retval CCAP_OK      success; the region now has data
 * @retval CCAP_EINVAL  NULL @p pop, an index out of range, or a bad @p sex
 * @retval CCAP_EDOM    @p value is negative, NaN or infinite (nothing is changed)
 * @since 0.1
 */
CCAP_API int ccap_population_set(ccap_population *pop, size_t region, ccap_sex sex, size_t group,
                                 double value);

/**
 * Set all age groups of one region and sex from @p values[0 … n_values-1].
 * @retval CCAP_EINVAL  also when @p n_values differs from the number of age groups
 * @retval CCAP_EDOM    a value is negative or not finite (nothing is changed)
 * @since 0.1
 */
CCAP_API int ccap_population_set_values(ccap_population *pop, size_t region, ccap_sex sex,
                                        const double values[], size_t n_values);

/**
 * One count, or NAN when an index is out of range, @p sex is not female or
 * male, or the region has no data.
 * @since 0.1
 */
CCAP_API double ccap_population_get(const ccap_population *pop, size_t region, ccap_sex sex,
                                    size_t group);

/**
 * The counts of one region and sex, age groups in order.
 * @return A pointer to ccap_population_n_ages() doubles owned by @p pop, valid
 *         until @p pop is freed; NULL for a bad argument or a region without data.
 * @since 0.1
 */
CCAP_API const double *ccap_population_values(const ccap_population *pop, size_t region,
                                              ccap_sex sex);

/** Whether region @p region has data (1) or not (0, also for bad arguments). @since 0.1 */
CCAP_API int ccap_population_has_region(const ccap_population *pop, size_t region);

/**
 * Sum the counts of one region over the ages `[age_lo, age_hi)`.
 *
 * @param pop      The population.
 * @param region   Region index.
 * @param sex      Female, male or #CCAP_SEX_BOTH.
 * @param age_lo   First age in years; a multiple of the group width.
 * @param age_hi   End of the range (exclusive): a multiple of the width not
 *                 above the open age, or #CCAP_AGE_OPEN.  Must exceed @p age_lo.
 * @param[out] sum_out  Receives the sum; NAN on failure.
 * @retval CCAP_OK         success
 * @retval CCAP_EINVAL     NULL argument, region out of range or bad @p sex
 * @retval CCAP_EDOM       a bound is not on a group boundary, is inside the open
 *                         group, or @p age_hi <= @p age_lo
 * @retval CCAP_ENOTFOUND  the region has no data
 * @since 0.1
 */
CCAP_API int ccap_population_sum_ages(const ccap_population *pop, size_t region, ccap_sex sex,
                                      size_t age_lo, size_t age_hi, double *sum_out);

/**
 * Total of one region: ccap_population_sum_ages() over all ages.
 * @since 0.1
 */
CCAP_API int ccap_population_total(const ccap_population *pop, size_t region, ccap_sex sex,
                                   double *total_out);

/**
 * Sum ccap_population_sum_ages() over the direct children of @p region.
 *
 * Use it to check a parent that has its own data against its children.
 * @retval CCAP_ENOTFOUND  @p region has no children, or a child has no data
 * @retval CCAP_ESTATE     @p regions is not finished
 * @retval CCAP_EINVAL     also when @p regions does not have as many regions as @p pop
 * Other codes as for ccap_population_sum_ages().
 * @since 0.1
 */
CCAP_API int ccap_population_children_sum(const ccap_population *pop,
                                          const ccap_regions *regions, size_t region,
                                          ccap_sex sex, size_t age_lo, size_t age_hi,
                                          double *sum_out);

/**
 * Fill every parent region that has no data with the sum of its children,
 * from the deepest level up, for every sex and age group.
 *
 * Parents that already have data are kept as they are (compare them with
 * ccap_population_children_sum()).  A parent is filled only when all its
 * children have data, possibly filled by this same call.
 *
 * @param pop      The population to complete.
 * @param regions  A finished region table with as many regions as @p pop.
 * @param[out] n_filled_out  Number of parents filled (may be NULL).
 * @retval CCAP_OK      success (possibly with nothing to fill)
 * @retval CCAP_EINVAL  NULL argument, or @p regions does not have as many regions as @p pop
 * @retval CCAP_ESTATE  @p regions is not finished
 * @since 0.1
 */
CCAP_API int ccap_population_aggregate(ccap_population *pop, const ccap_regions *regions,
                                       size_t *n_filled_out);

/**
 * Regroup @p src into the wider age groups of @p dst.
 *
 * @p dst must have the same number of regions, a width that is a multiple of
 * the width of @p src, and an open age not above that of @p src (the open group
 * of @p dst absorbs every older group of @p src).  Regions without data in
 * @p src stay without data in @p dst; year and date are copied.
 * Example: single years 0 … 100+ into 5-year groups 0–4 … 80–84, 85+.
 *
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument or different numbers of regions
 * @retval CCAP_EDOM    widths or open ages are incompatible (nothing is changed)
 * @since 0.1
 */
CCAP_API int ccap_population_regroup(const ccap_population *src, ccap_population *dst);

/**
 * The decimal year a population refers to: its date's (see
 * ccap_date_decimal_year()), or 1 January of its year when it has no date.
 * @return The time, or NAN for NULL or a population with neither date nor year.
 * @since 0.1
 */
CCAP_API double ccap_population_time(const ccap_population *pop);

/**
 * The population at @p date, between two populations of the same shape,
 * interpolated cell by cell, exponentially: `P(t) = P0·(P1/P0)^u` with
 * `u = (t - t0)/(t1 - t0)` on the times of ccap_population_time() (linear
 * where a count is zero at either end).  Regions without data in either input
 * have none in @p out.  Example: the end of 2024 (2025-01-01) between the
 * populations of 2024-11-01 and 2025-11-01.
 *
 * @param from  The earlier population.
 * @param to    The later population (same regions, groups and width).
 * @param date  A date from the time of @p from to that of @p to.
 * @param out   Receives the counts (same shape); its year and date become @p date.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument or shapes that differ
 * @retval CCAP_EDOM    invalid date, a date outside [t0, t1], or t1 <= t0
 * @since 0.1
 */
CCAP_API int ccap_population_interpolate(const ccap_population *from, const ccap_population *to,
                                         ccap_date date, ccap_population *out);

CCAP_END_DECLS

#endif /* CCAP_POPULATION_H */
