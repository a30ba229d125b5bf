/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_BATCH_H
#define CCAP_BATCH_H

/**
 * @file ccap_batch.h
 * @brief Batch cohort-component projection: many regions × trajectories in one call, reduced on the fly.
 *
 * A stochastic plan for a province (100–180 county-level areas) or a
 * country (2,850) runs every region over a thousand trajectories.  This
 * module projects all of them in one call.  A **lane** is one (region r,
 * trajectory t) pair, numbered `l = r·T + t` (region-major); lanes are
 * independent and are shared among threads.  Each lane is projected over
 * `Y` one-year steps with single years of age `0 … A−2` and an open group
 * `A−1` (typically `A = 101`, 100+), two sexes (0 female, 1 male).
 *
 * **Mortality** is given in Lee–Carter form (Lee and Carter 1992): for each
 * sex and age a log base rate `lm_x` and a sensitivity `b_x`, and per lane
 * and year an index `k`:
 * `m_x = exp(lm_x + b_x·k)`.  Survival follows from the life table with
 * separation factors `a_x` (`l_0 = 1`, `q_x = m_x/(1 + (1 − a_x)·m_x)`,
 * `l_{x+1} = l_x·(1 − q_x)`, `L_x = l_{x+1} + a_x·(l_x − l_{x+1})`,
 * `L_{A−1} = l_{A−1}/m_{A−1}`), in the closed form that needs no running
 * product, because `L_x = l_x/(1 + (1 − a_x)·m_x)`:
 *
 * - `S_x = (1 − a_x·m_x)/(1 + (1 − a_{x+1})·m_{x+1})` for x = 0 … A−3
 *   (survival from age x to x+1, i.e. `L_{x+1}/L_x`);
 * - `S_open = (1 − a_{A−2}·m_{A−2})/(m_{A−1} + 1 − a_{A−2}·m_{A−2})`
 *   (`L_{A−1}/(L_{A−2} + L_{A−1})`);
 * - `S_b = 1/(1 + (1 − a_0)·m_0)` (`L_0`, births to age 0).
 *
 * The rates are computed inside the step and never stored, so memory does
 * not grow with lanes × years × ages.
 *
 * **One step** (year y to y+1) of a lane with population `P`:
 * 1. `Q_{x+1} = P_x·S_x`, x = 0 … A−3; `Q_{A−1} = (P_{A−2} + P_{A−1})·S_open`;
 * 2. births `B = tfr·Σ_{j} f_j·(Pf_{x_j} + Qf_{x_j})/2` over the fertile
 *    ages `x_j = first + j`, with the proportional schedule `f` (it should
 *    sum to 1 so that `tfr` is the total fertility rate);
 * 3. `Bm = B·srb/(100 + srb)`, `Bf = B − Bm`; `Qm_0 = Bm·S_b,m`, `Qf_0 = Bf·S_b,f`;
 * 4. net migration at the end of the step, as a rate on the population
 *    after survival and births: `c = rate·Σ_{sex,x} Q`, then
 *    `P'_x = Q_x + max(c·h_x, −cap·Q_x)` for both sexes, with an age-sex
 *    schedule `h` (summing to 1 over both sexes) and the out-migration cap
 *    (default 80 % of each age-sex group, so no count becomes negative).
 *
 * This is the step of bayesPop's `CCM()` with migration at the end of the
 * interval given as a total rate times a schedule, and the step of
 * ccap_projection_step() with #CCAP_MIGRATION_END timing when its survival
 * ratios are those above (the tests check both agree to 1e-12).
 *
 * **Outputs** are reduced on the fly, per lane and year `y = 0 … Y` (0 is
 * the base): the total population and the sum over an age range of both
 * sexes (children under 3 by default); optionally births per step and the
 * full populations (`lanes·(Y+1)·2·A` doubles: ask only when needed).
 * ccap_batch_quantiles() then summarises trajectories per region and for
 * the sum of all regions.
 *
 * **The exponential** is a polynomial written in the library (see
 * ccap_batch_exp()) that the compiler vectorises over ages; on x86-64 the
 * kernel is also built for AVX2+FMA and for AVX-512, chosen at run time.  Its relative
 * error is below 2.5e-16 (measured 1.4e-16 with FMA).
 *
 * **Determinism.**  Each lane is computed by one thread from its own inputs
 * and every reduction has a fixed order, so the results are bit-identical
 * for any number of threads.  They can differ at rounding level (1e-16)
 * between builds or machines (FMA or not).
 *
 * **Indexed inputs** (k, tfr, srb, migration rate) are ::ccap_batch_series:
 * an array with three strides, so that one type expresses per lane and year,
 * per region and year, per region, or one value for all.
 *
 * References: Lee, R. D. and Carter, L. R. (1992), Modeling and forecasting
 * U.S. mortality, JASA 87(419); Preston, Heuveline and Guillot (2001),
 * Demography, ch. 3 and 6; Ševčíková et al., bayesPop (R package),
 * `projection_functions.c`.
 */

#include <stddef.h>

#include <ccap/ccap_common.h>

CCAP_BEGIN_DECLS

/** Largest number of one-year steps of a batch run (beyond it: #CCAP_ERANGE). */
#define CCAP_BATCH_YEARS_MAX 1000u

/**
 * A value per (region, trajectory, year): element
 * `values[r·region_stride + t·trajectory_stride + y·year_stride]`.
 *
 * Examples for R regions, T trajectories and Y years: per lane and year,
 * `[lane][year]`: strides (T·Y, Y, 1); per region and year: (Y, 0, 1);
 * per region: (1, 0, 0); one value for all: (0, 0, 0).  Every one of the
 * @c n_values elements is checked, also those no lane uses.
 */
typedef struct ccap_batch_series {
    const double *values;     /**< the array, owned by the caller */
    size_t n_values;          /**< its number of elements (every index used must be below it) */
    size_t region_stride;     /**< step between regions */
    size_t trajectory_stride; /**< step between trajectories */
    size_t year_stride;       /**< step between years (the step from year y to y+1) */
} ccap_batch_series;

/**
 * The inputs of a batch run; all arrays are owned by the caller and only
 * read during the call.  `A` is @c n_ages; blocks laid out `[sex][age]`
 * hold `2·A` values, female first.
 */
typedef struct ccap_batch_input {
    size_t n_regions;       /**< regions R, >= 1 */
    size_t n_trajectories;  /**< trajectories T per region, >= 1 */
    size_t n_ages;          /**< age groups A (single years 0 … A−2, open A−1), >= 3 */
    size_t n_years;         /**< one-year steps Y, 1 … #CCAP_BATCH_YEARS_MAX */
    const double *base_population; /**< [region][sex][age]: persons at year 0, finite, >= 0 */
    const double *log_mx;   /**< [sex][age] per region (or one block): lm_x, log of deaths per person-year */
    const double *mx_slope; /**< [sex][age] per region (or one block): b_x, finite */
    const double *ax;       /**< [sex][age] per region (or one block): separation factors a_x in [0, 1] (the open age's is not used) */
    int mortality_shared;   /**< non-zero: log_mx, mx_slope and ax are one block for all regions */
    ccap_batch_series k;    /**< Lee–Carter index per (region, trajectory, year), finite */
    size_t fertility_first_age; /**< first fertile age (e.g. 15) */
    size_t n_fertility_ages;    /**< number of fertile ages (e.g. 35: 15–49), >= 1, first + n <= A */
    const double *fertility_schedule; /**< [region][n_fertility_ages] (or one block): proportions f_j, finite, >= 0 */
    int fertility_shared;   /**< non-zero: one fertility schedule for all regions */
    ccap_batch_series tfr;  /**< total fertility rate, children per woman, finite, >= 0 */
    ccap_batch_series srb;  /**< sex ratio at birth, male births per 100 female, finite, > 0 */
    ccap_batch_series migration_rate; /**< net migrants per resident per year, in [−1, 1]; values NULL: no migration */
    const double *migration_schedule; /**< [sex][age] per region (or one block): h, finite (sums to 1 over sex and age); may be NULL without migration */
    int migration_shared;   /**< non-zero: one migration schedule for all regions */
} ccap_batch_input;

/** Settings of a batch run (ccap_batch_params_default() gives the defaults). */
typedef struct ccap_batch_params {
    size_t n_threads;     /**< threads; 0: the OpenMP default; at most the lanes and twice
                               the processors; ignored without OpenMP (default 0) */
    size_t sum_age_first; /**< first age of the summed range (default 0) */
    size_t sum_age_count; /**< number of ages summed, >= 1, first + count <= A (default 3: under 3) */
    double migration_cap; /**< largest share of an age-sex group that may leave in a step, in [0, 1] (default 0.8) */
} ccap_batch_params;

/**
 * The outputs of a batch run: caller-owned arrays, each NULL when not
 * wanted.  Lane l = r·T + t; year y = 0 … Y (0 is the base year).
 */
typedef struct ccap_batch_output {
    double *total;      /**< [lane][Y+1]: population of both sexes and all ages */
    double *age_sum;    /**< [lane][Y+1]: both sexes, ages sum_age_first … first+count−1 */
    double *births;     /**< [lane][Y]: births of both sexes during step y → y+1 */
    double *population; /**< [lane][Y+1][sex][A]: full populations (large: use for few lanes) */
} ccap_batch_output;

/**
 * The default settings: threads 0 (OpenMP default), the under-3 range
 * (ages 0, 1, 2), out-migration cap 0.8.
 * @return The defaults.
 * @since 0.1
 */
CCAP_API ccap_batch_params ccap_batch_params_default(void);

/**
 * Project every lane of @p input (see the file's introduction).
 *
 * Every input is checked before anything is computed.  Beyond the domains
 * stated in ::ccap_batch_input, the mortality must keep each life table
 * valid for every value of k in the series: `lm_x + b_x·k` in
 * [−700, 700], and `a_x·m_x <= 1` for the closed ages (so `q_x <= 1`).
 * Memory: one scratch block of `10·A` doubles per thread; no allocation per
 * lane or year.
 *
 * @param input   The inputs.
 * @param params  Settings, or NULL for ccap_batch_params_default().
 * @param output  Where the results go (each array may be NULL; the struct may not).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p input, @p output or a required array; a size
 *                      of zero; fertile or summed ages outside `0 … A−1`; a
 *                      series index at or beyond its @c n_values
 * @retval CCAP_ERANGE  sizes too large: A above 1000, Y above
 *                      #CCAP_BATCH_YEARS_MAX, or outputs whose element counts
 *                      overflow `size_t`
 * @retval CCAP_EDOM    a value outside its domain (NaN, Inf, negative
 *                      population or rate, a_x outside [0, 1], cap outside
 *                      [0, 1], migration rate outside [−1, 1], or mortality
 *                      that makes a life table invalid)
 * @retval CCAP_ENOMEM  out of memory
 * On failure after the sizes were checked, every requested output array is
 * filled with NAN; with invalid sizes the outputs are not touched.
 * @since 0.1
 */
CCAP_API int ccap_batch_run(const ccap_batch_input *input, const ccap_batch_params *params,
                            const ccap_batch_output *output);

/**
 * Quantiles over trajectories, per group and for the sum of all groups.
 *
 * @p values holds `[group][trajectory][point]` (the layout of
 * ::ccap_batch_output with groups = regions and points = years).  For each
 * group and point, the quantiles of its @p n_trajectories values; for each
 * point, the quantiles of the per-trajectory sums over groups (summed in
 * group order): the quantile of a total, not the total of quantiles.
 * Definition 7 of Hyndman and Fan (1996), as R's default and numpy's
 * `linear`: with the values sorted `v_(0) <= … <= v_(N−1)` and
 * `h = (N−1)·p`, `q = v_(⌊h⌋) + (h − ⌊h⌋)·(v_(⌊h⌋+1) − v_(⌊h⌋))`.  Order
 * statistics are found by selection, not a full sort; results do not depend
 * on the number of threads.
 *
 * @param values       The values, finite.
 * @param n_groups     Groups, >= 1.
 * @param n_trajectories Trajectories N, >= 1.
 * @param n_points     Points (e.g. years), >= 1.
 * @param probs        Probabilities, each in [0, 1].
 * @param n_probs      Number of probabilities, >= 1.
 * @param n_threads    Threads; 0: the OpenMP default (ignored without OpenMP).
 * @param[out] group_quantiles_out  `[group][point][prob]`, or NULL.
 * @param[out] total_quantiles_out  `[point][prob]`, or NULL (not both NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p values or @p probs, both outputs NULL, or a size of zero
 * @retval CCAP_ERANGE  element counts that overflow `size_t`
 * @retval CCAP_EDOM    a value not finite, or a probability outside [0, 1]
 * @retval CCAP_ENOMEM  out of memory (a copy of N values per thread)
 * On failure after the sizes were checked the outputs are filled with NAN.
 * @since 0.1
 */
CCAP_API int ccap_batch_quantiles(const double values[], size_t n_groups, size_t n_trajectories,
                                  size_t n_points, const double probs[], size_t n_probs,
                                  size_t n_threads, double group_quantiles_out[],
                                  double total_quantiles_out[]);

/**
 * Opaque state of a streaming summary: the per-trajectory sums over the groups added so far.
 *
 * ccap_batch_quantiles() needs every group's values at once; a national run (2,850
 * regions × 1,000 trajectories × 31 years) would hold 88 million of them per measure.  A
 * summary takes the groups block by block instead, in order, as the caller projects them
 * (ccap_batch_run() on the regions of one block): ccap_batch_summary_add() gives the
 * block's quantiles per group and adds its values to the sums per trajectory and point,
 * and ccap_batch_summary_total() gives the quantiles of those sums.  Memory: trajectories ×
 * points doubles for the sums and one copy of the trajectories per thread, whatever the
 * number of groups.  The results are bit-identical to ccap_batch_quantiles() on all the
 * groups at once (which is built on it), however the groups are split into blocks and for
 * any number of threads: each sum adds its groups in their order, starting from 0.
 */
typedef struct ccap_batch_summary ccap_batch_summary;

/**
 * A new, empty streaming summary.
 *
 * @param n_trajectories  Trajectories N of every group, >= 1.
 * @param n_points        Points P (e.g. years) of every group, >= 1.
 * @param probs           Probabilities, each in [0, 1] (copied).
 * @param n_probs         Number of probabilities, >= 1.
 * @param n_threads       Threads; 0: the OpenMP default; at most twice the processors;
 *                        ignored without OpenMP.
 * @param[out] summary_out  Receives the summary (free with ccap_batch_summary_free());
 *                        NULL on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p summary_out or @p probs, or a size of zero
 * @retval CCAP_EDOM    a probability outside [0, 1] or NaN
 * @retval CCAP_ERANGE  N × P (the sums) overflows `size_t`
 * @retval CCAP_ENOMEM  out of memory
 * @since 0.2
 */
CCAP_API int ccap_batch_summary_alloc(size_t n_trajectories, size_t n_points, const double probs[],
                                      size_t n_probs, size_t n_threads,
                                      ccap_batch_summary **summary_out);

/**
 * Add the next @p n_groups groups: their quantiles, and their values to the sums.
 *
 * @param summary    The summary.
 * @param values     `[group][trajectory][point]` for these groups (the layout of
 *                   ::ccap_batch_output with groups = regions), finite; only read.
 * @param n_groups   Groups in @p values, >= 1.
 * @param[out] group_quantiles_out  `[group][point][prob]` for these groups (definition 7
 *                   of Hyndman and Fan, as ccap_batch_quantiles()), or NULL for the sums only.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p summary or @p values, or @p n_groups 0
 * @retval CCAP_ERANGE  element counts that overflow `size_t`
 * @retval CCAP_EDOM    a value not finite: nothing is added and @p group_quantiles_out is
 *                      filled with NAN
 * @since 0.2
 */
CCAP_API int ccap_batch_summary_add(ccap_batch_summary *summary, const double values[],
                                    size_t n_groups, double group_quantiles_out[]);

/**
 * The quantiles over trajectories of the sums of all groups added so far (the quantile of a
 * total, not the total of quantiles).  More groups may be added afterwards.
 *
 * @param summary   The summary (its scratch is used, so not from two threads at once).
 * @param[out] total_quantiles_out  `[point][prob]`; NAN on #CCAP_EINVAL with no group added.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument, or no group added yet
 * @since 0.2
 */
CCAP_API int ccap_batch_summary_total(ccap_batch_summary *summary, double total_quantiles_out[]);

/**
 * Free @p summary.  NULL is accepted and ignored.
 * @param summary  The summary, or NULL.
 * @since 0.2
 */
CCAP_API void ccap_batch_summary_free(ccap_batch_summary *summary);

/**
 * The exponential of the batch kernel, element by element.
 *
 * Method: `x = n·ln2 + r` with `n = round(x/ln2)` and `|r| <= ln2/2`
 * (ln2 split in two parts, the first with 11 trailing zero bits so that
 * `n·ln2_hi` is exact); `e^r` by its Taylor polynomial of degree 13 in
 * Horner form (truncation error `(ln2/2)^14/14! < 4.2e-18`); `2^n` built
 * in the exponent bits.  The relative error against the exact value is
 * below 2.5e-16 on the whole domain (tests/test_batch.c measures it on
 * millions of points against `expl`: 1.4e-16 with FMA).
 *
 * @param x         Arguments, each in [−708, 709] (results stay normal).
 * @param n         Number of elements, >= 1.
 * @param[out] out  `exp(x[i])`; all NAN on failure (may be @p x itself).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument or @p n 0
 * @retval CCAP_EDOM    an argument NaN or outside [−708, 709]
 * @since 0.1
 */
CCAP_API int ccap_batch_exp(const double x[], size_t n, double out[]);

CCAP_END_DECLS

#endif /* CCAP_BATCH_H */
