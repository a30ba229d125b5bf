/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_UNCERTAINTY_H
#define CCAP_UNCERTAINTY_H

/**
 * @file ccap_uncertainty.h
 * @brief Monte Carlo trajectories of a projection: births, population and under-3s by calendar
 * year.
 *
 * A deterministic projection (ccap_projection_run()) gives one future.  This
 * module runs N **trajectories**, each a projection whose fertility,
 * mortality and migration are perturbed by random factors applied through
 * ccap_rates_build_adjusted(), and summarises them by quantiles.
 *
 * **Calendar and jump-off.**  Results are by calendar year, as statistical
 * bulletins count them: births in the year (ccap_projection_year_events(): the
 * overlapping shares of the steps on their own dates) and stocks at the end of
 * the year, on 1 January of the next (ccap_projection_population_at(): exponential
 * between the steps around it, cell by cell, parents the sums of their children).  The calendar
 * years of a run are those wholly within its steps: from the base year (a base on 1 January or
 * without a date) or the year after it (a census on 2020-11-01) to the year before the last step
 * ends.  Uncertainty starts after the **jump-off**, the last year with observed figures
 * (ccap_uncertainty_params::jump_off_year): every step that starts before 1 January of the year
 * after it follows the central assumptions in every trajectory (factor 1, no draw), and noise acts
 * from the first step starting on or after that day (ccap_rates_jump_off_steps()).  The step that
 * straddles the end of the jump-off year (2024-11-01 to 2025-11-01 for a census on 1 November) is
 * therefore deterministic: the births of the jump-off year and every earlier year, and the stocks
 * at their ends, are exactly the deterministic projection's in every trajectory, and carry no band;
 * the cost is that noise enters the year after the jump-off only for the share of it the first free
 * step covers (2/12 of 2025 for that census).  A factor applied to part of the straddling step
 * could not keep the year-end exact, since the year-end is interpolated towards the step's end.  A
 * jump-off of 0, or before the base year, starts the noise at the base.
 *
 * **Noise model.**  Years are counted t = 1, 2, … from the start of the first free
 * step; a step of `n` years covers the years `t = (k−1)·n + 1 … k·n` of the k-th
 * free step.
 *
 * - *Fertility*: a log-scale AR(1) process on the TFR multiplier,
 *   `x_t = φ·x_{t−1} + σ·e_t`, `e_t ~ N(0,1)`, with `x_0 = 0` (the jump-off
 *   year's fertility is taken as known, so the spread grows from zero).  The
 *   yearly factor is `exp(x_t)`; a step's factor is the mean of the yearly
 *   factors of its years (the TFR of a period is the mean of its annual
 *   TFRs).  The factor multiplies every fertility rate
 *   (ccap_rates_adjust::fertility_factor).  Since `Var(x_t) = σ²(1−φ^{2t})/(1−φ²)`,
 *   the defaults `φ = 0.9`, `σ = 0.153` give `sd(x_10) = 0.153·√4.6233 = 0.329`,
 *   so after 10 years the 80 % band of a TFR of 1.15 is
 *   `1.15·exp(±1.2816·0.329)` = 0.754 to 1.753: one child wide, the width of
 *   the United Nations' low and high variants (±0.5 child; UN DESA, World
 *   Population Prospects 2019, Methodology report).  On the log scale the band
 *   is asymmetric (−0.40, +0.60).  The stationary sd is `σ/√(1−φ²)` = 0.351.
 * - *TFR floor*: no trajectory pushes a region's TFR below `tfr_floor`
 *   (default 0.3 children per woman, below any national TFR observed).  The
 *   floor acts through the factor: when the lowest TFR among the projected
 *   regions, `T_min`, times the factor would fall below the floor, the factor
 *   is raised to `tfr_floor / T_min` (never above 1, so the floor never lifts
 *   an assumption that is itself below it).  Regions with more fertility stay
 *   above the floor.
 * - *Mortality*: one factor per trajectory on every death rate of the free steps,
 *   `exp(sd_m·z)`, `z ~ N(0,1)` (ccap_rates_adjust::mortality_factor);
 *   default `sd_m = 0.05` (death rates 5 % higher or lower at one sd, a
 *   shift of about half a year of life expectancy at the mortality of
 *   China today, a small share of the uncertainty of under-3 counts).
 * - *Migration*: a yearly factor `1 + sd_g·u_t`, `u_t ~ N(0,1)`, on net
 *   migrants (counts and rates; ccap_rates_adjust::migration_factor); a step
 *   uses the mean over its years (migrants of a step are the sum of its
 *   years').  Default `sd_g = 0.25`: county net migration is poorly measured
 *   and volatile between years.
 *
 * **Random numbers.**  Trajectory i has its own GSL generator (MT19937),
 * seeded with the (i+1)-th output of SplitMix64 started at `seed` (Steele,
 * Lea and Flood 2014): `z = seed + (i+1)·0x9E3779B97F4A7C15`, then
 * `z = (z ^ (z>>30))·0xBF58476D1CE4E5B9`, `z = (z ^ (z>>27))·0x94D049BB133111EB`,
 * `z ^= z>>31`; MT19937 takes the upper 32 bits.  Each trajectory draws, in
 * this order, `z` and then for t = 1 … S·n the pair `e_t`, `u_t`
 * (gsl_ran_gaussian()), whatever the standard deviations and the jump-off, so
 * trajectory i depends only on (seed, i): results are the same for any number of
 * threads, in any order.  With OpenMP (when the library was built with it)
 * trajectories are shared among threads, each with its own projection, rates
 * workspace and scratch population, allocated once per thread;
 * ccap_uncertainty_threads() gives how many.
 *
 * **Measures.**  For every trajectory, region and calendar year only population
 * measures are kept (::ccap_uncertainty_measure): residents at the end of the year,
 * births in the year, children under 3 and at ages 0, 1 and 2 at the end of the year
 * (single-year ages only; NAN otherwise).  A parent's births and stocks are the sums
 * of its children's, per trajectory, so a parent's quantile is the quantile of the sums,
 * not the sum of the children's quantiles.  The childcare measures built on them (target and
 * demand slots, gaps, the probability of meeting the target) are the planning
 * layer's: ccap_gap_uncertainty.h.
 *
 * **Quantiles** use gsl_stats_quantile_from_sorted_data() on the sorted
 * trajectory values: for probability p and N values `v_(0) ≤ … ≤ v_(N−1)`,
 * `q = (1−δ)·v_(k) + δ·v_(k+1)` with `k + δ = (N−1)·p` (Hyndman and Fan
 * 1996, definition 7).
 *
 * With every sd set to 0 each trajectory equals ccap_projection_run() bit
 * for bit (all factors are exactly 1).
 */

#include <stdint.h>

#include <ccap/ccap_common.h>
#include <ccap/ccap_population.h>
#include <ccap/ccap_rates.h>
#include <ccap/ccap_region.h>
#include <ccap/ccap_schedule.h>

CCAP_BEGIN_DECLS

/**
 * The default random seed of a Monte Carlo run: of ccap_uncertainty_params_default()
 * and of a scenario without a `seed` (ccap_scenario_alloc()).
 */
#define CCAP_UNCERTAINTY_SEED_DEFAULT 20240101u

/** Parameters of a Monte Carlo run (see the file's introduction for the model). */
typedef struct ccap_uncertainty_params {
    size_t n_trajectories; /**< trajectories N, >= 1 (default 1000) */
    uint64_t seed; /**< seed of the SplitMix64 sequence (default #CCAP_UNCERTAINTY_SEED_DEFAULT) */
    size_t n_threads;      /**< threads; 0: the OpenMP default; ignored without OpenMP (default 0) */
    int jump_off_year;     /**< the last year with observed figures: steps starting before 1 January
                                of the next year follow the central assumptions; 0 (the default):
                                noise from the base; else #CCAP_YEAR_MIN to #CCAP_YEAR_MAX */
    double tfr_phi;        /**< AR(1) coefficient φ of log-TFR factor, in [0, 1) (default 0.9) */
    double tfr_sigma;      /**< innovation sd σ of the log-TFR factor, >= 0 (default 0.153) */
    double tfr_floor;      /**< lowest TFR a factor may produce, children per woman, >= 0 (default 0.3) */
    double mortality_sd;   /**< sd of the log mortality factor, >= 0 (default 0.05) */
    double migration_sd;   /**< sd of the yearly migration factor, >= 0 (default 0.25) */
    /** Progress of a long run, or NULL (the default): called with the trajectories done so
        far (`done`, 0 to `total`, non-decreasing) and `total` (the number of trajectories),
        always from the thread that called ccap_uncertainty_run() (with OpenMP, after each
        trajectory that thread finishes, counting those of every thread), and once more
        with `done` = `total` when all are done.  It must not call back into the run; it
        may print (the library never does).  The results do not depend on it.
        @since 0.2 */
    void (*progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx; /**< passed to progress as it is (default NULL) @since 0.2 */
} ccap_uncertainty_params;

/**
 * The default parameters: 1000 trajectories, seed #CCAP_UNCERTAINTY_SEED_DEFAULT,
 * threads 0, jump-off 0 (noise from the base), φ = 0.9, σ = 0.153, floor 0.3,
 * mortality sd 0.05, migration sd 0.25 (see the file's introduction for where they
 * come from); no progress callback.
 * @return The defaults.
 * @since 0.1
 */
CCAP_API ccap_uncertainty_params ccap_uncertainty_params_default(void);

/** The measures kept per trajectory, region and calendar year. */
typedef enum ccap_uncertainty_measure {
    CCAP_UNCERTAINTY_POPULATION = 0, /**< residents of all ages at the end of the year */
    CCAP_UNCERTAINTY_BIRTHS = 1,     /**< births (both sexes) in the calendar year */
    CCAP_UNCERTAINTY_UNDER3 =
        2, /**< children aged 0-2 at the end of the year (NAN unless single years) */
    CCAP_UNCERTAINTY_AGE0 =
        3, /**< children aged 0 at the end of the year (NAN unless single years) */
    CCAP_UNCERTAINTY_AGE1 =
        4, /**< children aged 1 at the end of the year (NAN unless single years) */
    CCAP_UNCERTAINTY_AGE2 =
        5 /**< children aged 2 at the end of the year (NAN unless single years) */
} ccap_uncertainty_measure;

/** Number of measures of ::ccap_uncertainty_measure. */
#define CCAP_UNCERTAINTY_N_MEASURES 6

/**
 * The name of a measure in tables (the `measure` column of quantiles.csv):
 * "population", "births", "under3", "age0", "age1", "age2".
 * @param measure  The measure.
 * @return A static string; "unknown" for a value outside ::ccap_uncertainty_measure.
 * @since 0.2
 */
CCAP_API const char *ccap_uncertainty_measure_name(ccap_uncertainty_measure measure);

/** Opaque result of a run: the measures of every trajectory, region and calendar year. */
typedef struct ccap_uncertainty_result ccap_uncertainty_result;

/**
 * Run @p params->n_trajectories trajectories of @p n_steps steps and keep the
 * measures of every calendar year the steps cover wholly (see the introduction).
 *
 * Memory: trajectories × regions × years × 6 doubles for the results (years at most
 * steps × step length), plus one projection, one rates workspace and one population
 * per thread; each must stay within #CCAP_CELLS_MAX values.
 *
 * @param base         Base population (its date, or 1 January of its year, is the
 *                     start; copied).
 * @param regions      Finished region table of the population's size.
 * @param assumptions  The schedules of the deterministic projection.
 * @param n_steps      Steps S, >= 1.
 * @param params       The noise model, the jump-off and run settings.
 * @param[out] result_out  Receives the result (free with
 *                     ccap_uncertainty_result_free()); NULL on failure.
 * @param[out] diag    Optional; cleared, and on #CCAP_ENOTFOUND or #CCAP_EDOM from the
 *                     rates filled as by ccap_rates_build().
 * @retval CCAP_OK         success
 * @retval CCAP_EINVAL     NULL argument, zero size, sizes that differ, or
 *                         regions not finished
 * @retval CCAP_EDOM       a parameter out of its domain (see ::ccap_uncertainty_params),
 *                         no calendar year lies wholly within the steps (one one-year
 *                         step from a census on 1 November), or rates that do not fit
 *                         (see @p diag)
 * @retval CCAP_ENOTFOUND  missing rates (see @p diag)
 * @retval CCAP_ERANGE     the result or a thread's projection (see ccap_uncertainty_cells())
 *                         would hold more than #CCAP_CELLS_MAX values; checked
 *                         before anything is allocated
 * @retval CCAP_ENOMEM     out of memory
 * @since 0.1
 */
CCAP_API int ccap_uncertainty_run(const ccap_population *base, const ccap_regions *regions,
                                  const ccap_assumptions *assumptions, size_t n_steps,
                                  const ccap_uncertainty_params *params,
                                  ccap_uncertainty_result **result_out,
                                  ccap_diag *diag);

/**
 * The numbers the result of a run would hold, and whether a run of these sizes
 * fits: the result (trajectories × regions × years × 6, years = steps × step
 * length at most), a thread's projection (ccap_projection_cells()) and rates
 * workspace must each stay within #CCAP_CELLS_MAX.  ccap_uncertainty_run() makes
 * the same checks; call this first to tell the user why a run is refused.
 *
 * @param n_trajectories  Trajectories N, >= 1.
 * @param n_regions       Regions of the base population, >= 1.
 * @param n_ages          Age groups of the base population, >= 2.
 * @param age_width       Width of the age groups and length of a step, in years, >= 1.
 * @param n_steps         Steps S, >= 1.
 * @param[out] cells_out  Receives N × regions × S·width × 6; SIZE_MAX when too large.
 * @param[out] diag       Filled on failure (may be NULL), e.g. "1000000 trajectories
 *                        x 17 regions x 15 years x 6 measures = 1.53e+09 numbers,
 *                        more than CCAP_CELLS_MAX (1073741824)".
 * @retval CCAP_OK      the run fits
 * @retval CCAP_EINVAL  NULL @p cells_out or a size below its minimum
 * @retval CCAP_ERANGE  the result or a workspace would hold more than #CCAP_CELLS_MAX values
 * @since 0.1
 */
CCAP_API int ccap_uncertainty_cells(size_t n_trajectories, size_t n_regions, size_t n_ages,
                                    size_t age_width, size_t n_steps, size_t *cells_out,
                                    ccap_diag *diag);

/**
 * The threads a run uses: @p n_threads (0: the OpenMP default), but never more
 * than the trajectories, each thread holding a projection and a rates
 * workspace, nor more than twice the processors OpenMP sees, since more
 * threads than that only add workspaces (the results do not depend on the
 * number of threads).  1 without OpenMP (for n_trajectories >= 1); 0 for 0
 * trajectories.
 * @param n_trajectories  Trajectories of the run.
 * @param n_threads       Threads asked for; 0: the OpenMP default.
 * @return The number of threads.
 * @since 0.1
 */
CCAP_API size_t ccap_uncertainty_threads(size_t n_trajectories, size_t n_threads);

/**
 * Free @p result.  NULL is accepted and ignored.
 * @param result  The result, or NULL.
 * @since 0.1
 */
CCAP_API void ccap_uncertainty_result_free(ccap_uncertainty_result *result);

/**
 * Number of trajectories.
 * @param result  The result, or NULL.
 * @return The number (0 for NULL).
 * @since 0.1
 */
CCAP_API size_t ccap_uncertainty_result_n_trajectories(const ccap_uncertainty_result *result);

/**
 * Number of regions.
 * @param result  The result, or NULL.
 * @return The number (0 for NULL).
 * @since 0.2
 */
CCAP_API size_t ccap_uncertainty_result_n_regions(const ccap_uncertainty_result *result);

/**
 * The calendar years the result holds: births of the whole year and stocks at its
 * end, from @p first_out to @p last_out (a base on 2020-11-01 and 15 one-year steps:
 * 2021 to 2034; a base on 1 January 2020 and 15 steps: 2020 to 2034).
 * @param result     The result.
 * @param[out] first_out  Receives the first year (may be NULL).
 * @param[out] last_out   Receives the last year (may be NULL).
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL @p result
 * @since 0.2
 */
CCAP_API int ccap_uncertainty_result_years(const ccap_uncertainty_result *result, int *first_out,
                                           int *last_out);

/**
 * The jump-off year of the run (ccap_uncertainty_params::jump_off_year): the years up
 * to it are the deterministic projection's in every trajectory; tables of bands start
 * the year after it.
 * @param result  The result, or NULL.
 * @return The year, 0 when noise starts at the base or for NULL.
 * @since 0.2
 */
CCAP_API int ccap_uncertainty_result_jump_off_year(const ccap_uncertainty_result *result);

/**
 * One trajectory's value (for checks and custom summaries).
 * @param result      The result.
 * @param trajectory  Trajectory index, below the number of trajectories.
 * @param region      Region index.
 * @param year        A calendar year of the result (ccap_uncertainty_result_years()).
 * @param measure     The measure.
 * @return The value (NAN when not computed), or NAN for an argument out of range.
 * @since 0.1
 */
CCAP_API double ccap_uncertainty_value(const ccap_uncertainty_result *result, size_t trajectory,
                                       size_t region, int year, ccap_uncertainty_measure measure);

/**
 * Quantiles of a measure over the trajectories (see the file's introduction).
 * @param result    The result.
 * @param region    Region index.
 * @param year      A calendar year of the result.
 * @param measure   The measure.
 * @param probs     Probabilities, each in [0, 1].
 * @param n_probs   Number of probabilities, >= 1.
 * @param[out] quantiles_out  @p n_probs quantiles; all NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument, @p n_probs 0, region or measure out of range
 * @retval CCAP_ENOTFOUND @p year is not a year of the result
 * @retval CCAP_EDOM    a probability outside [0, 1] or NaN, or the measure is NAN in
 *                      some trajectory (not computed)
 * @retval CCAP_ENOMEM  out of memory (for the sorted copy)
 * @since 0.1
 */
CCAP_API int ccap_uncertainty_quantiles(const ccap_uncertainty_result *result, size_t region,
                                        int year, ccap_uncertainty_measure measure,
                                        const double probs[], size_t n_probs,
                                        double quantiles_out[]);

/**
 * The yearly fertility factors `exp(x_t)`, t = 1 … @p n_years, of trajectory
 * @p trajectory, before the floor: the same draws as ccap_uncertainty_run()
 * uses for that trajectory and seed (t = 1 is the first year of the first free step).
 * @param params      The parameters (seed, φ, σ; the other sds are checked too).
 * @param trajectory  Trajectory index (any value; the number of trajectories is not used).
 * @param[out] factors_out  @p n_years factors; all NAN on failure.
 * @param n_years     Number of years, >= 1.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument or @p n_years 0
 * @retval CCAP_EDOM    a parameter out of its domain
 * @retval CCAP_ENOMEM  out of memory
 * @since 0.1
 */
CCAP_API int ccap_uncertainty_tfr_factors(const ccap_uncertainty_params *params,
                                          size_t trajectory, double factors_out[],
                                          size_t n_years);

CCAP_END_DECLS

#endif /* CCAP_UNCERTAINTY_H */
