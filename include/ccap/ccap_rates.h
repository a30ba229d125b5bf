/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_RATES_H
#define CCAP_RATES_H

/**
 * @file ccap_rates.h
 * @brief From assumptions (rate schedules) to the rates of each projection step.
 *
 * A projection's assumptions are schedule tables (see ccap_schedule.h): death
 * rates, fertility rates, the sex ratio at birth and, optionally, net
 * migrants, each by region (or `*`), year and age.  For the step starting in
 * year `y`, for every region without children:
 *
 * - **survival**: the death rates that apply in `y` (region's own, else `*`;
 *   sex's own, else `both`) make a life table (ccap_lifetable_from_mx(), with
 *   the chosen a0 rule) whose survival ratios for the projection's age groups
 *   come from ccap_lifetable_survival();
 * - **fertility**: each projection age group gets the mean, over the single
 *   years of age it covers, of the rate of the fertility group holding that
 *   age (so 5-year rates serve single-year projections and the reverse);
 *   fertility must start at or above the first group's upper bound and end at
 *   or below the open age;
 * - **sex ratio at birth** (male births per 100 female births);
 * - **net migrants** over the step, on the projection's own age groups; a
 *   region or sex without an entry has none;
 * - **net migration rates** (net migrants per person and year, by sex and age
 *   on the projection's groups): the step's migrants are then
 *   `rate · P(g, t) · n`, the population of the group at the start of the
 *   step times the rate times the step length, added to any counts.  Rates
 *   follow the population: a county that shrinks sends fewer migrants, and a
 *   large cohort sends more when it reaches the ages of moving.
 *
 * ccap_rates_build() fills a caller-owned workspace and points a ::ccap_rates
 * at it; ccap_projection_run() does that for every step and advances the
 * projection.
 */

#include <ccap/ccap_common.h>
#include <ccap/ccap_lifetable.h>
#include <ccap/ccap_projection.h>
#include <ccap/ccap_region.h>
#include <ccap/ccap_schedule.h>

CCAP_BEGIN_DECLS

/** The assumptions of a projection; all pointers are borrowed. */
typedef struct ccap_assumptions {
    const ccap_schedule *mortality; /**< death rates mx (required) */
    const ccap_schedule *fertility; /**< fertility rates, sex `both` (required) */
    const ccap_schedule *srb;       /**< sex ratio at birth, one value, sex `both` (required) */
    const ccap_schedule *migration; /**< net migrants per step by sex and age, or NULL */
    const ccap_schedule *migration_rates; /**< net migrants per person-year by sex and age, or NULL */
    ccap_a0_rule a0;                /**< infant a0 rule of the life tables */
    ccap_migration_timing timing;   /**< when migrants join during a step */
} ccap_assumptions;

/**
 * Changes to the assumptions for variants and simulated trajectories, applied
 * by ccap_rates_build_adjusted() after the schedules are looked up.
 * ccap_rates_adjust_none() gives the values that change nothing.
 */
typedef struct ccap_rates_adjust {
    double fertility_factor; /**< multiplies every fertility rate (1: none); >= 0 */
    double tfr_shift;        /**< children per woman added to each region's TFR after the
                                  factor, the age pattern kept (0: none; the TFR stops at 0) */
    double mortality_factor; /**< multiplies every death rate (1: none); > 0 */
    double migration_factor; /**< multiplies net migrants, counts and rates (1: none) */
    int fertility_year;      /**< non-zero: use the fertility of this year in every step */
    int mortality_year;      /**< non-zero: use the death rates of this year in every step */
} ccap_rates_adjust;

/** The adjustment that changes nothing. @since 0.1 */
CCAP_API ccap_rates_adjust ccap_rates_adjust_none(void);

/** Opaque workspace holding one step's rates. */
typedef struct ccap_rates_workspace ccap_rates_workspace;

/**
 * Allocate a workspace for @p n_regions regions and @p n_ages age groups of
 * @p age_width years, with life tables of up to @p max_mortality_ages groups.
 * @return A new workspace, or NULL for a zero or too large size, when its rates,
 *         `n_regions × (5·n_ages + 1)` values, would exceed #CCAP_CELLS_MAX, or
 *         when out of memory.  Free with ccap_rates_workspace_free().
 * @since 0.1
 */
CCAP_API ccap_rates_workspace *ccap_rates_workspace_alloc(size_t n_regions, size_t n_ages,
                                                          size_t age_width,
                                                          size_t max_mortality_ages);

/** Free @p ws.  NULL is accepted and ignored. @since 0.1 */
CCAP_API void ccap_rates_workspace_free(ccap_rates_workspace *ws);

/**
 * Build the rates of the step starting in @p year.
 *
 * @param ws            Workspace; the rates live in it until the next call.
 * @param assumptions   The schedules.
 * @param regions       Finished region table (regions with children are skipped).
 * @param year          Start year of the step.
 * @param start         The population at the start of the step (needed only with
 *                      migration rates; may be NULL otherwise).
 * @param[out] rates_out  Filled with pointers into @p ws.
 * @param[out] diag     Optional; cleared, and on failure filled: field the assumption at
 *                      fault ("mortality", "fertility", "srb", "migration",
 *                      "migration_rates"), message the region, sex and step and what is
 *                      wrong, e.g. `region '411302', step starting 2021: no fertility rates
 *                      for this region (nor '*') in or before 2021`.
 * @retval CCAP_OK         success
 * @retval CCAP_EINVAL     NULL argument, or sizes that do not match
 * @retval CCAP_ENOTFOUND  no rates for a region, sex and year (see @p diag)
 * @retval CCAP_EDOM       rates that cannot serve the projection's age groups, or
 *                         invalid values (negative mx, …) (see @p diag)
 * @since 0.1
 */
CCAP_API int ccap_rates_build(ccap_rates_workspace *ws, const ccap_assumptions *assumptions,
                              const ccap_regions *regions, int year,
                              const ccap_population *start, ccap_rates *rates_out,
                              ccap_diag *diag);

/**
 * ccap_rates_build() with an adjustment (NULL: none).  Fertility rates are
 * `f·factor` and then, for `tfr_shift`, scaled to the TFR `n·Σf + shift`
 * (`max(0, …)`); death rates `mx·mortality_factor` before the life table
 * (a higher factor, lower survival); migrants `·migration_factor`.
 * @param ws            Workspace.
 * @param assumptions   The schedules.
 * @param regions       Finished region table.
 * @param year          Start year of the step.
 * @param start         Population at the start of the step (for migration rates).
 * @param adjust        The changes, or NULL.
 * @param[out] rates_out  Filled with pointers into @p ws.
 * @param[out] diag     As for ccap_rates_build().
 * @return As ccap_rates_build(); also #CCAP_EDOM for an adjustment out of its domain.
 * @since 0.1
 */
CCAP_API int ccap_rates_build_adjusted(ccap_rates_workspace *ws,
                                       const ccap_assumptions *assumptions,
                                       const ccap_regions *regions, int year,
                                       const ccap_population *start,
                                       const ccap_rates_adjust *adjust, ccap_rates *rates_out,
                                       ccap_diag *diag);

/**
 * Advance @p proj by @p n_steps steps, building each step's rates from
 * @p assumptions for the year the step starts (the year of the population
 * at its start).
 *
 * @param proj         An initialised projection (with @p regions, or NULL when
 *                     every region is projected: then pass the same table here).
 * @param assumptions  The schedules.
 * @param regions      The region table (finished).
 * @param n_steps      Steps to do.
 * @param ws           A workspace of the projection's sizes.
 * @param[out] diag    As for ccap_rates_build(); a failed step names the step.
 * @return #CCAP_OK, a code of ccap_rates_build(), or of ccap_projection_step().
 *         Steps done before a failure stay done.
 * @since 0.1
 */
CCAP_API int ccap_projection_run(ccap_projection *proj, const ccap_assumptions *assumptions,
                                 const ccap_regions *regions, size_t n_steps,
                                 ccap_rates_workspace *ws, ccap_diag *diag);

/**
 * ccap_projection_run() with the same adjustment in every step (NULL: none).
 * @param proj         An initialised projection.
 * @param assumptions  The schedules.
 * @param regions      The region table (finished).
 * @param n_steps      Steps to do.
 * @param ws           A workspace of the projection's sizes.
 * @param adjust       The changes, or NULL.
 * @param[out] diag    As for ccap_rates_build(); a failed step names the step.
 * @return As ccap_projection_run().
 * @since 0.1
 */
CCAP_API int ccap_projection_run_adjusted(ccap_projection *proj,
                                          const ccap_assumptions *assumptions,
                                          const ccap_regions *regions, size_t n_steps,
                                          ccap_rates_workspace *ws,
                                          const ccap_rates_adjust *adjust,
                                          ccap_diag *diag);

/**
 * The steps of a projection that keep the central assumptions when variants and
 * simulated trajectories start after a jump-off year, the last year with observed
 * figures: the steps that start before 1 January of @p jump_off_year + 1.  Step k
 * (k = 0, 1, …) starts on the base date moved by `k·n` years (`n` the age width;
 * 1 January of the base year for a base without a date), so the number is
 * `⌊(jump_off_year − base year) / n⌋ + 1` for a jump-off in or after the base year,
 * else 0.
 *
 * The step that straddles the end of the jump-off year is one of them: a census on
 * 2020-11-01, one-year steps and a jump-off of 2024 give 5 (the steps from
 * 2020-11-01 to 2024-11-01; the first free step starts on 2025-11-01), so the
 * events of 2024 and the population at its end (interpolated between 2024-11-01 and
 * 2025-11-01) are the central ones.  A base on 1 January 2020 gives 5 too (the first
 * free step starts on 2025-01-01).
 *
 * @param base           The base population (its year and age width).
 * @param jump_off_year  The last observed year; 0: none (the result is 0).
 * @param[out] n_steps_out  Receives the number of steps (not bounded by any run's length).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument
 * @retval CCAP_EDOM    @p jump_off_year neither 0 nor within #CCAP_YEAR_MIN … #CCAP_YEAR_MAX
 * @since 0.2
 */
CCAP_API int ccap_rates_jump_off_steps(const ccap_population *base, int jump_off_year,
                                       size_t *n_steps_out);

/** Deterministic variants of a projection, after the UN's. */
typedef enum ccap_variant {
    CCAP_VARIANT_MEDIUM = 0,             /**< the assumptions as they are */
    CCAP_VARIANT_LOW = 1,                /**< TFR lower by the spread (0.5 child: the UN's) */
    CCAP_VARIANT_HIGH = 2,               /**< TFR higher by the spread */
    CCAP_VARIANT_CONSTANT_FERTILITY = 3, /**< the fertility of the jump-off year throughout */
    CCAP_VARIANT_CONSTANT_MORTALITY = 4, /**< the death rates of the jump-off year throughout */
    CCAP_VARIANT_ZERO_MIGRATION = 5      /**< no migration */
} ccap_variant;

/** Number of ::ccap_variant values. */
#define CCAP_N_VARIANTS 6

/**
 * The adjustment of a variant.
 * @param variant    The variant.
 * @param spread     Children per woman for the low and high variants (0.5 in the UN's).
 * @param held_year  The year (of the schedules) whose rates the constant variants keep;
 *                   ccap_projection_run_variant() passes the start year of the last step
 *                   before the jump-off.
 * @param[out] adjust_out  The adjustment; ccap_rates_adjust_none() on failure.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL @p adjust_out or an unknown variant
 * @retval CCAP_EDOM @p spread negative or not finite
 * @since 0.1
 */
CCAP_API int ccap_variant_adjust(ccap_variant variant, double spread, int held_year,
                                 ccap_rates_adjust *adjust_out);

/**
 * Advance @p proj by @p n_steps steps of a variant that starts after a jump-off year:
 * the steps that start before 1 January of @p jump_off_year + 1
 * (ccap_rates_jump_off_steps(), counted from the projection's base) keep the
 * assumptions as they are, so the observed years are the same in every variant; the
 * later steps take the variant's adjustment (ccap_variant_adjust()), the constant
 * variants holding the rates of the last step before the jump-off (its start year:
 * 2024 for a census on 2020-11-01 and a jump-off of 2024), or of the base year when
 * no step comes before it.
 *
 * @param proj           An initialised projection (ccap_projection_init()); steps
 *                       already done count towards the jump-off.
 * @param assumptions    The schedules.
 * @param regions        The region table (finished).
 * @param n_steps        Steps to do.
 * @param ws             A workspace of the projection's sizes.
 * @param variant        The variant.
 * @param spread         Children per woman for the low and high variants, >= 0.
 * @param jump_off_year  The last observed year; 0: the variant from the base.
 * @param[out] diag      As for ccap_rates_build().
 * @return #CCAP_OK; #CCAP_EINVAL for a NULL argument or an unknown variant; #CCAP_EDOM
 *         for a spread or jump-off out of its domain; else as ccap_projection_run().
 * @since 0.2
 */
CCAP_API int ccap_projection_run_variant(ccap_projection *proj, const ccap_assumptions *assumptions,
                                         const ccap_regions *regions, size_t n_steps,
                                         ccap_rates_workspace *ws, ccap_variant variant,
                                         double spread, int jump_off_year,
                                         ccap_diag *diag);

/**
 * The file name of a variant: "medium", "low", "high", "constant_fertility",
 * "constant_mortality", "zero_migration" ("unknown" otherwise).
 * @since 0.1
 */
CCAP_API const char *ccap_variant_name(ccap_variant variant);

CCAP_END_DECLS

#endif /* CCAP_RATES_H */
