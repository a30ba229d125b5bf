/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_SCHEDULE_H
#define CCAP_SCHEDULE_H

/**
 * @file ccap_schedule.h
 * @brief Rates and counts by region, year, sex and age: the assumptions of a projection.
 *
 * A schedule table holds age schedules (death rates mx, fertility rates,
 * net migrants, a sex ratio at birth, …) on one age grid, each keyed by
 * region, year and sex.  A key may stand for all regions (#CCAP_REGION_ALL,
 * written `*` in rate files) and for both sexes (#CCAP_SEX_BOTH), so that one
 * schedule can serve many regions.
 *
 * The grid is a list of age-group lower bounds `ages[0] < ages[1] < …` and an
 * end: the upper bound of the last group, or #CCAP_AGE_OPEN when it is open
 * (`85+`).  Death rates use an open grid that may be abridged (0, 1, 5, 10,
 * …); fertility rates a closed one (15, 20, …, 45, ending at 50); a value
 * without ages (the sex ratio at birth) a grid of one open group from 0.
 *
 * **Lookup** (ccap_schedule_find()): for a region, year and sex, the most
 * specific entry wins — the region's own before `*`, the sex's own before
 * `both` — and among those, the latest year not after the one asked for.
 * A rate given for 2020 therefore applies to 2020, 2021, … until the next
 * year given.  `year` means the start of the projection step the rate is for.
 */

#include <ccap/ccap_common.h>

CCAP_BEGIN_DECLS

/** Opaque table of age schedules. */
typedef struct ccap_schedule ccap_schedule;

/** Region index meaning "every region" (`*` in a rate file). */
#define CCAP_REGION_ALL ((size_t)-1)

/** Most age groups in a grid. */
#define CCAP_SCHEDULE_AGES_MAX 1000u

/**
 * Allocate an empty table on an age grid.
 *
 * @param ages     Lower bounds of the age groups, strictly increasing, at most
 *                 1000 years; copied.
 * @param n_ages   Number of groups, 1 to #CCAP_SCHEDULE_AGES_MAX.
 * @param age_end  Upper bound of the last group (greater than its lower
 *                 bound), or #CCAP_AGE_OPEN for an open last group.
 * @return A new table, or NULL for an invalid grid or when out of memory.
 *         Free with ccap_schedule_free().
 * @since 0.1
 */
CCAP_API ccap_schedule *ccap_schedule_alloc(const size_t ages[], size_t n_ages, size_t age_end);

/** Free @p schedule.  NULL is accepted and ignored. @since 0.1 */
CCAP_API void ccap_schedule_free(ccap_schedule *schedule);

/** Number of age groups of the grid (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_schedule_n_ages(const ccap_schedule *schedule);

/**
 * The lower bounds of the age groups.
 * @return ccap_schedule_n_ages() values owned by @p schedule, valid until it is
 *         freed; NULL for NULL.
 * @since 0.1
 */
CCAP_API const size_t *ccap_schedule_ages(const ccap_schedule *schedule);

/** Upper bound of the last group, or #CCAP_AGE_OPEN (also for NULL). @since 0.1 */
CCAP_API size_t ccap_schedule_age_end(const ccap_schedule *schedule);

/** Number of entries (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_schedule_count(const ccap_schedule *schedule);

/**
 * Add one schedule.
 *
 * @param schedule  The table.
 * @param region    Region index, or #CCAP_REGION_ALL.
 * @param year      First year (step start) the schedule applies to.
 * @param sex       Female, male or #CCAP_SEX_BOTH.
 * @param values    One finite value per age group; copied.
 * @param n_values  Must equal ccap_schedule_n_ages().
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument, wrong @p n_values or bad @p sex
 * @retval CCAP_EDOM    a value is NaN or infinite
 * @retval CCAP_EEXIST  an entry with the same region, year and sex exists
 * @retval CCAP_ENOMEM  out of memory (nothing is added)
 * @since 0.1
 */
CCAP_API int ccap_schedule_add(ccap_schedule *schedule, size_t region, int year, ccap_sex sex,
                               const double values[], size_t n_values);

/**
 * Entry @p index, for listing a table (entries come grouped by region and sex,
 * years ascending within a group).
 * @param schedule         The table.
 * @param index            Below ccap_schedule_count().
 * @param[out] region_out  Region index or #CCAP_REGION_ALL (may be NULL).
 * @param[out] year_out    Year (may be NULL).
 * @param[out] sex_out     Sex (may be NULL).
 * @param[out] values_out  ccap_schedule_n_ages() values owned by @p schedule (may be NULL).
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL @p schedule or @p index out of range
 * @since 0.1
 */
CCAP_API int ccap_schedule_get(const ccap_schedule *schedule, size_t index, size_t *region_out,
                               int *year_out, ccap_sex *sex_out, const double **values_out);

/**
 * Find the schedule that applies to a region, year and sex (see the lookup
 * rule above).
 *
 * @param schedule         The table.
 * @param region           Region index (not #CCAP_REGION_ALL).
 * @param year             The year of the step start.
 * @param sex              Female, male or #CCAP_SEX_BOTH (then only `both` entries match).
 * @param[out] values_out  Receives ccap_schedule_n_ages() values owned by
 *                         @p schedule, valid until it is freed; NULL on failure.
 * @param[out] year_out    Receives the year of the entry used (may be NULL).
 * @retval CCAP_OK         found
 * @retval CCAP_ENOTFOUND  no entry for this region (nor `*`) and sex in or before @p year
 * @retval CCAP_EINVAL     NULL argument or bad @p sex
 * @since 0.1
 */
CCAP_API int ccap_schedule_find(const ccap_schedule *schedule, size_t region, int year,
                                ccap_sex sex, const double **values_out, int *year_out);

CCAP_END_DECLS

#endif /* CCAP_SCHEDULE_H */
