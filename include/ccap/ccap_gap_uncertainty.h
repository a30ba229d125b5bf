/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_GAP_UNCERTAINTY_H
#define CCAP_GAP_UNCERTAINTY_H

/**
 * @file ccap_gap_uncertainty.h
 * @brief Childcare measures of Monte Carlo trajectories: target and demand slots, gaps,
 * their quantiles and the probability that a target is met or over-built.
 *
 * ccap_uncertainty_run() keeps, per trajectory, region and calendar year, the
 * population measures (residents, births, children at ages 0, 1 and 2 at the end of
 * the year).  This module turns them into the childcare measures of the planning
 * layer, per trajectory, region and calendar year `Y` (stocks at the end of `Y`):
 *
 * - **target slots** = `T(r, Y) · P / 1000` (ccap_childcare_slots_for_rate_per_1000()),
 *   `T` the per-1,000 target in force at the end of `Y` (ccap_childcare_target_find())
 *   and `P` the residents; NAN where the region has no target yet;
 * - **demand slots** = `Σ_a U_a · t_a / occupancy` (ccap_childcare_demand() and
 *   ccap_childcare_demand_slots()), `U_a` the children aged a = 0, 1, 2 and `t_a` the
 *   region's take-up; a parent's demand is the sum of its children's demands, each
 *   with its own take-up (a parent's own take-up is not used);
 * - **target gap** = target slots − slots, **demand gap** = demand slots − slots
 *   (positive: a shortfall), with the slots the caller gives for the end of `Y`.
 *
 * Quantiles are those of ccap_uncertainty_quantiles() (Hyndman and Fan's definition 7
 * on the trajectories' values).  Probabilities are shares of trajectories:
 * P(target met) = share with target gap ≤ 0; P(over-build) = share with target slots >
 * demand slots.  In the years up to the run's jump-off every trajectory has the
 * deterministic population, so the measures have no spread and the probabilities are
 * 0 or 1; tables start the year after it (ccap_csv_write_quantiles()).
 */

#include <ccap/ccap_common.h>
#include <ccap/ccap_region.h>
#include <ccap/ccap_schedule.h>
#include <ccap/ccap_uncertainty.h>

CCAP_BEGIN_DECLS

/**
 * The childcare inputs of ccap_gap_uncertainty_run(); all pointers are borrowed
 * during the call.  Years index the calendar years of the Monte Carlo result,
 * `first … last` (ccap_uncertainty_result_years()), `n_years = last − first + 1`.
 */
typedef struct ccap_gap_uncertainty_inputs {
    const ccap_schedule *targets; /**< per-1,000 targets, a one-value schedule
                                       (ccap_csv_read_targets()); NULL: no target measures */
    const double *takeup;         /**< [region][3] take-up at ages 0, 1, 2, each in [0, 1]; rows
                                       of parents are ignored; NULL: no demand measures */
    size_t n_takeup;              /**< elements of @c takeup: regions × 3 (0 when NULL) */
    double occupancy;             /**< target share of slots filled, in (0, 1] */
    const double *slots;          /**< [region][year − first] slots available at the end of
                                       each calendar year, finite, >= 0 (required) */
    size_t n_slots;               /**< elements of @c slots: regions × n_years */
} ccap_gap_uncertainty_inputs;

/** The childcare measures kept per trajectory, region and calendar year. */
typedef enum ccap_gap_uncertainty_measure {
    CCAP_GAP_UNCERTAINTY_TARGET_SLOTS = 0, /**< slots the per-1,000 target requires */
    CCAP_GAP_UNCERTAINTY_DEMAND_SLOTS = 1, /**< slots demand needs at the occupancy */
    CCAP_GAP_UNCERTAINTY_TARGET_GAP = 2,   /**< target slots − slots (> 0: shortfall) */
    CCAP_GAP_UNCERTAINTY_DEMAND_GAP = 3    /**< demand slots − slots */
} ccap_gap_uncertainty_measure;

/** Number of measures of ::ccap_gap_uncertainty_measure. */
#define CCAP_GAP_UNCERTAINTY_N_MEASURES 4

/**
 * The name of a measure in tables (the `measure` column of quantiles.csv):
 * "target_slots", "demand_slots", "target_gap", "demand_gap".
 * @param measure  The measure.
 * @return A static string; "unknown" for a value outside ::ccap_gap_uncertainty_measure.
 * @since 0.2
 */
CCAP_API const char *ccap_gap_uncertainty_measure_name(ccap_gap_uncertainty_measure measure);

/** Opaque result: the childcare measures of every trajectory, region and calendar year. */
typedef struct ccap_gap_uncertainty ccap_gap_uncertainty;

/**
 * The childcare measures of every trajectory of a Monte Carlo run.
 *
 * Memory: trajectories × regions × years × 4 doubles, within #CCAP_CELLS_MAX (it is
 * smaller than the Monte Carlo result itself).
 *
 * @param mc          The Monte Carlo result (borrowed during the call; the result
 *                    copies its years and jump-off).
 * @param regions     The finished region table of the run.
 * @param inputs      Targets, take-up, occupancy and slots.
 * @param[out] out    Receives the result (free with ccap_gap_uncertainty_free());
 *                    NULL on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument, regions not finished or of another count, array
 *                      sizes that differ from the run's, or targets with more than one
 *                      value per entry
 * @retval CCAP_EDOM    take-up outside [0, 1], occupancy outside (0, 1], slots negative
 *                      or not finite
 * @retval CCAP_ENOMEM  out of memory
 * @since 0.2
 */
CCAP_API int ccap_gap_uncertainty_run(const ccap_uncertainty_result *mc,
                                      const ccap_regions *regions,
                                      const ccap_gap_uncertainty_inputs *inputs,
                                      ccap_gap_uncertainty **out);

/**
 * Free @p gaps.  NULL is accepted and ignored.
 * @param gaps  The result, or NULL.
 * @since 0.2
 */
CCAP_API void ccap_gap_uncertainty_free(ccap_gap_uncertainty *gaps);

/**
 * One trajectory's value.
 * @param gaps        The result.
 * @param trajectory  Trajectory index.
 * @param region      Region index.
 * @param year        A calendar year of the Monte Carlo result.
 * @param measure     The measure.
 * @return The value in slots (NAN when not computed: no target or no take-up), or NAN
 *         for an argument out of range.
 * @since 0.2
 */
CCAP_API double ccap_gap_uncertainty_value(const ccap_gap_uncertainty *gaps, size_t trajectory,
                                           size_t region, int year,
                                           ccap_gap_uncertainty_measure measure);

/**
 * Quantiles of a measure over the trajectories.
 * @param gaps      The result.
 * @param region    Region index.
 * @param year      A calendar year of the Monte Carlo result.
 * @param measure   The measure.
 * @param probs     Probabilities, each in [0, 1].
 * @param n_probs   Number of probabilities, >= 1.
 * @param[out] quantiles_out  @p n_probs quantiles in slots; all NAN on failure.
 * @retval CCAP_OK        success
 * @retval CCAP_EINVAL    NULL argument, @p n_probs 0, region or measure out of range
 * @retval CCAP_ENOTFOUND @p year is not a year of the result
 * @retval CCAP_EDOM      a probability outside [0, 1] or NaN, or the measure was not
 *                        computed (no target for that year, no take-up)
 * @retval CCAP_ENOMEM    out of memory (for the sorted copy)
 * @since 0.2
 */
CCAP_API int ccap_gap_uncertainty_quantiles(const ccap_gap_uncertainty *gaps, size_t region,
                                            int year, ccap_gap_uncertainty_measure measure,
                                            const double probs[], size_t n_probs,
                                            double quantiles_out[]);

/**
 * Share of trajectories in which the target is met (target gap <= 0).
 * @param gaps      The result.
 * @param region    Region index.
 * @param year      A calendar year of the Monte Carlo result.
 * @param[out] prob_out  Receives the share in [0, 1]; NAN on failure.
 * @retval CCAP_OK        success
 * @retval CCAP_EINVAL    NULL argument or region out of range
 * @retval CCAP_ENOTFOUND @p year is not a year of the result
 * @retval CCAP_EDOM      the gap was not computed (no target for that year)
 * @since 0.2
 */
CCAP_API int ccap_gap_uncertainty_prob_target_met(const ccap_gap_uncertainty *gaps, size_t region,
                                                  int year, double *prob_out);

/**
 * Share of trajectories that over-build: target slots > demand slots.
 * @param gaps      The result.
 * @param region    Region index.
 * @param year      A calendar year of the Monte Carlo result.
 * @param[out] prob_out  Receives the share in [0, 1]; NAN on failure.
 * @retval CCAP_OK        success
 * @retval CCAP_EINVAL    NULL argument or region out of range
 * @retval CCAP_ENOTFOUND @p year is not a year of the result
 * @retval CCAP_EDOM      target or demand slots were not computed
 * @since 0.2
 */
CCAP_API int ccap_gap_uncertainty_prob_overbuild(const ccap_gap_uncertainty *gaps, size_t region,
                                                 int year, double *prob_out);

CCAP_END_DECLS

#endif /* CCAP_GAP_UNCERTAINTY_H */
