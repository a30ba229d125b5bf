/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_UNCERTAINTY_H
#define CCAP_UNCERTAINTY_H

/**
 * @file ccap_uncertainty.h
 * @brief Monte Carlo trajectories of a projection: quantiles of births, under-3s and gaps.
 *
 * A deterministic projection (ccap_projection_run()) gives one future.  This
 * module runs N **trajectories**, each a projection whose fertility,
 * mortality and migration are perturbed by random factors applied through
 * ccap_rates_build_adjusted(), and summarises them by quantiles and
 * probabilities.
 *
 * **Noise model.**  Years are counted t = 1, 2, … from the base year (the
 * first projected year is t = 1); a step of `n` years covers the years
 * `t = (s−1)·n + 1 … s·n` of step s = 1, 2, ….
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
 * - *Mortality*: one factor per trajectory on every death rate,
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
 * (gsl_ran_gaussian()), whatever the standard deviations, so trajectory i
 * depends only on (seed, i): results are the same for any number of threads,
 * in any order.  With OpenMP (when the library was built with it)
 * trajectories are shared among threads, each with its own projection and
 * rates workspace, allocated once per thread; ccap_uncertainty_threads()
 * gives how many.
 *
 * **Summaries.**  For every trajectory, region and step only these
 * measures are kept (::ccap_uncertainty_measure): the total population at
 * the end of the step; births during the step; children under 3 at the end
 * of the step (single-year ages only); and, with childcare inputs, the
 * slots the per-1,000 target requires, the slots demand needs, and the two
 * gaps (required minus available; see ccap_gap.h).  Parents are sums of their
 * children per trajectory (the projection sums populations and births; the
 * demand of a parent is the sum of its children's demands, each with its own
 * take-up), so a parent's quantile is the quantile of the sums, not the sum
 * of the children's quantiles.  Step s ends on the base date moved by `s·n`
 * years; it is paired with the slots and the target of the end of the year
 * nearest to that date (`round(t) − 1` for its decimal time t): a base on
 * 1 January 2020 makes step 1 the end of 2020, a census base of 2020-11-01
 * makes step 5 (2025-11-01) the end of 2025 (ccap_childcare_metrics_row()).
 *
 * **Quantiles** use gsl_stats_quantile_from_sorted_data() on the sorted
 * trajectory values: for probability p and N values `v_(0) ≤ … ≤ v_(N−1)`,
 * `q = (1−δ)·v_(k) + δ·v_(k+1)` with `k + δ = (N−1)·p` (Hyndman and Fan
 * 1996, definition 7).  Probabilities are shares of trajectories:
 * P(target met) = share with target gap ≤ 0; P(over-build) = share with
 * target slots > demand slots.
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

/** Parameters of a Monte Carlo run (see the file's introduction for the model). */
typedef struct ccap_uncertainty_params {
    size_t n_trajectories; /**< trajectories N, >= 1 (default 1000) */
    uint64_t seed;         /**< seed of the SplitMix64 sequence (default 20240101) */
    size_t n_threads;      /**< threads; 0: the OpenMP default; ignored without OpenMP (default 0) */
    double tfr_phi;        /**< AR(1) coefficient φ of log-TFR factor, in [0, 1) (default 0.9) */
    double tfr_sigma;      /**< innovation sd σ of the log-TFR factor, >= 0 (default 0.153) */
    double tfr_floor;      /**< lowest TFR a factor may produce, children per woman, >= 0 (default 0.3) */
    double mortality_sd;   /**< sd of the log mortality factor, >= 0 (default 0.05) */
    double migration_sd;   /**< sd of the yearly migration factor, >= 0 (default 0.25) */
} ccap_uncertainty_params;

/**
 * The default parameters: 1000 trajectories, seed 20240101, threads 0,
 * φ = 0.9, σ = 0.153, floor 0.3, mortality sd 0.05, migration sd 0.25 (see
 * the file's introduction for where they come from).
 * @return The defaults.
 * @since 0.1
 */
CCAP_API ccap_uncertainty_params ccap_uncertainty_params_default(void);

/**
 * Optional childcare inputs of a run; all pointers are borrowed during the run.
 * For step s (1 … S) of region r the slots available are
 * `slots[r·S + s−1]`, at the end of the year step s stands for (see above).
 */
typedef struct ccap_uncertainty_childcare {
    const ccap_schedule *targets; /**< per-1,000 targets (ccap_childcare_target_find()) */
    const double *takeup;         /**< [region][3] take-up at ages 0, 1, 2, each in [0, 1];
                                       rows of parents are ignored */
    size_t n_takeup;              /**< elements of @c takeup: regions × 3 */
    double occupancy;             /**< target occupancy, in (0, 1] */
    const double *slots;          /**< [region][step] slots available, finite, >= 0 */
    size_t n_slots;               /**< elements of @c slots: regions × steps */
} ccap_uncertainty_childcare;

/** The measures kept per trajectory, region and step. */
typedef enum ccap_uncertainty_measure {
    CCAP_UNCERTAINTY_POPULATION = 0,   /**< residents of all ages at the end of the step */
    CCAP_UNCERTAINTY_BIRTHS = 1,       /**< births (both sexes) during the step */
    CCAP_UNCERTAINTY_UNDER3 = 2,       /**< children aged 0-2 at the end (NAN unless single years) */
    CCAP_UNCERTAINTY_TARGET_SLOTS = 3, /**< slots the per-1,000 target requires */
    CCAP_UNCERTAINTY_DEMAND_SLOTS = 4, /**< slots demand needs at the occupancy */
    CCAP_UNCERTAINTY_TARGET_GAP = 5,   /**< target slots − slots (> 0: shortfall) */
    CCAP_UNCERTAINTY_DEMAND_GAP = 6    /**< demand slots − slots */
} ccap_uncertainty_measure;

/** Number of measures of ::ccap_uncertainty_measure. */
#define CCAP_UNCERTAINTY_N_MEASURES 7

/** Opaque result of a run: the measures of every trajectory. */
typedef struct ccap_uncertainty_result ccap_uncertainty_result;

/**
 * Run @p params->n_trajectories trajectories of @p n_steps steps.
 *
 * Memory: trajectories × regions × steps × 7 doubles for the results, plus
 * one projection and one rates workspace per thread; each must stay within
 * #CCAP_CELLS_MAX values.  Childcare measures are
 * NAN without @p childcare, and under-3s and demand are NAN for populations
 * not in single years of age.  A region without a target for a year has NAN
 * target slots and gap in that step.
 *
 * @param base         Base population (its year is the start; copied).
 * @param regions      Finished region table of the population's size.
 * @param assumptions  The schedules of the deterministic projection.
 * @param n_steps      Steps S, >= 1.
 * @param params       The noise model and run settings.
 * @param childcare    Childcare inputs, or NULL.
 * @param[out] result_out  Receives the result (free with
 *                     ccap_uncertainty_result_free()); NULL on failure.
 * @param[out] problem On #CCAP_ENOTFOUND or #CCAP_EDOM from the rates, where (may be NULL).
 * @retval CCAP_OK         success
 * @retval CCAP_EINVAL     NULL argument, zero size, sizes that differ, or
 *                         regions not finished
 * @retval CCAP_EDOM       a parameter out of its domain (see ::ccap_uncertainty_params),
 *                         or childcare inputs out of theirs (take-up outside [0, 1],
 *                         occupancy outside (0, 1], negative or non-finite slots);
 *                         or rates that do not fit (see @p problem)
 * @retval CCAP_ENOTFOUND  missing rates (see @p problem)
 * @retval CCAP_ERANGE     the result (trajectories × regions × steps × 7 values)
 *                         or a thread's projection (see ccap_projection_cells())
 *                         would hold more than #CCAP_CELLS_MAX values; checked
 *                         before anything is allocated (e.g. 1,000,000
 *                         trajectories × 500 steps of one region: 3.5·10^9)
 * @retval CCAP_ENOMEM     out of memory
 * @since 0.1
 */
CCAP_API int ccap_uncertainty_run(const ccap_population *base, const ccap_regions *regions,
                                  const ccap_assumptions *assumptions, size_t n_steps,
                                  const ccap_uncertainty_params *params,
                                  const ccap_uncertainty_childcare *childcare,
                                  ccap_uncertainty_result **result_out,
                                  ccap_rates_problem *problem);

/**
 * The numbers the result of a run would hold, and whether a run of these sizes
 * fits: the result (trajectories × regions × steps × 7), a thread's projection
 * (ccap_projection_cells()) and rates workspace must each stay within
 * #CCAP_CELLS_MAX.  ccap_uncertainty_run() makes the same checks; call this
 * first to tell the user why a run is refused.
 *
 * @param n_trajectories  Trajectories N, >= 1.
 * @param n_regions       Regions of the base population, >= 1.
 * @param n_ages          Age groups of the base population, >= 2.
 * @param n_steps         Steps S, >= 1.
 * @param[out] cells_out  Receives N × regions × S × 7; SIZE_MAX when too large.
 * @param[out] diag       Filled on failure (may be NULL), e.g. "1000000 trajectories
 *                        x 17 regions x 15 steps x 7 measures = 1.78e+09 numbers,
 *                        more than CCAP_CELLS_MAX (1073741824)".
 * @retval CCAP_OK      the run fits
 * @retval CCAP_EINVAL  NULL @p cells_out or a size below its minimum
 * @retval CCAP_ERANGE  the result or a workspace would hold more than #CCAP_CELLS_MAX values
 * @since 0.1
 */
CCAP_API int ccap_uncertainty_cells(size_t n_trajectories, size_t n_regions, size_t n_ages,
                                    size_t n_steps, size_t *cells_out, ccap_diag *diag);

/**
 * The threads a run uses: @p n_threads (0: the OpenMP default), but never more
 * than the trajectories, each thread holding a projection and a rates
 * workspace, nor more than twice the processors OpenMP sees, since more
 * threads than that only add workspaces (the results do not depend on the
 * number of threads).  1 without OpenMP (for n_trajectories >= 1); 0 for 0
 * trajectories.
 * @since 0.1
 */
CCAP_API size_t ccap_uncertainty_threads(size_t n_trajectories, size_t n_threads);

/** Free @p result.  NULL is accepted and ignored. @since 0.1 */
CCAP_API void ccap_uncertainty_result_free(ccap_uncertainty_result *result);

/** Number of trajectories (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_uncertainty_result_n_trajectories(const ccap_uncertainty_result *result);

/** Number of steps (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_uncertainty_result_n_steps(const ccap_uncertainty_result *result);

/**
 * The step whose end is 1 January of @p year (`year = base year + s·n`).
 * @param result        The result.
 * @param year          A year.
 * @param[out] step_out Receives the step, 1 … S.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument
 * @retval CCAP_ENOTFOUND no step ends in that year
 * @since 0.1
 */
CCAP_API int ccap_uncertainty_result_step(const ccap_uncertainty_result *result, int year,
                                          size_t *step_out);

/**
 * One trajectory's value (for checks and custom summaries).
 * @param result      The result.
 * @param trajectory  Trajectory index, below the number of trajectories.
 * @param region      Region index.
 * @param step        Step, 1 … S.
 * @param measure     The measure.
 * @return The value (NAN when not computed), or NAN for an argument out of range.
 * @since 0.1
 */
CCAP_API double ccap_uncertainty_value(const ccap_uncertainty_result *result, size_t trajectory,
                                       size_t region, size_t step,
                                       ccap_uncertainty_measure measure);

/**
 * Quantiles of a measure over the trajectories (see the file's introduction).
 * @param result    The result.
 * @param region    Region index.
 * @param step      Step, 1 … S.
 * @param measure   The measure.
 * @param probs     Probabilities, each in [0, 1].
 * @param n_probs   Number of probabilities, >= 1.
 * @param[out] quantiles_out  @p n_probs quantiles; all NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument, @p n_probs 0, region, step or measure out of range
 * @retval CCAP_EDOM    a probability outside [0, 1] or NaN, or the measure is NAN in
 *                      some trajectory (not computed)
 * @retval CCAP_ENOMEM  out of memory (for the sorted copy)
 * @since 0.1
 */
CCAP_API int ccap_uncertainty_quantiles(const ccap_uncertainty_result *result, size_t region,
                                        size_t step, ccap_uncertainty_measure measure,
                                        const double probs[], size_t n_probs,
                                        double quantiles_out[]);

/**
 * Share of trajectories in which the target is met (target gap <= 0).
 * @param result    The result.
 * @param region    Region index.
 * @param step      Step, 1 … S.
 * @param[out] prob_out  Receives the share in [0, 1]; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument, region or step out of range
 * @retval CCAP_EDOM    the gap was not computed (no childcare inputs or no target)
 * @since 0.1
 */
CCAP_API int ccap_uncertainty_prob_target_met(const ccap_uncertainty_result *result,
                                              size_t region, size_t step, double *prob_out);

/**
 * Share of trajectories that over-build: target slots > demand slots.
 * @param result    The result.
 * @param region    Region index.
 * @param step      Step, 1 … S.
 * @param[out] prob_out  Receives the share in [0, 1]; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument, region or step out of range
 * @retval CCAP_EDOM    target or demand slots were not computed
 * @since 0.1
 */
CCAP_API int ccap_uncertainty_prob_overbuild(const ccap_uncertainty_result *result,
                                             size_t region, size_t step, double *prob_out);

/**
 * The yearly fertility factors `exp(x_t)`, t = 1 … @p n_years, of trajectory
 * @p trajectory, before the floor: the same draws as ccap_uncertainty_run()
 * uses for that trajectory and seed.
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
