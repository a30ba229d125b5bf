/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_TARGETS_H
#define CCAP_TARGETS_H

/**
 * @file ccap_targets.h
 * @brief Targets of several kinds: slots per 1,000, enrolment rate, inclusive share.
 *
 * Policy sets childcare (托育) targets in more than one measure:
 *
 * - #CCAP_TARGET_SLOTS_PER_1000: slots per 1,000 residents (每千人口托位数), the
 *   14th Five-Year Plan's indicator (4.5 by the end of 2025).  The slots it needs
 *   are `value · population / 1000`.
 * - #CCAP_TARGET_ENROLMENT_RATE: the share of children under 3 in care (入托率),
 *   the kind of target the draft 15th Five-Year Plan sets.  Slots are never all
 *   filled, so the slots it needs are `value · under3 / occupancy`
 *   (ccap_targets_enrolment_slots()): 8 % of 12,500 children at occupancy 0.8
 *   need 1,250 slots.
 * - #CCAP_TARGET_INCLUSIVE_SHARE: the share of slots that are inclusive (普惠).
 *   It asks for no more slots in all, only for inclusive ones among them.
 *
 * Where a region has both a per-1,000 and an enrolment target in a year, the
 * one that needs more slots **binds**: the plan builds for it (ccap_gap_table()).
 *
 * **Years between targets.**  A target given for year Y applies at the end of Y.
 * Among a region's own entries and the `*` entries (every region) of one
 * measure, the latest year not after the year asked for applies, the region's
 * own winning on equal years; before the first there is none.  That is the
 * step rule (#CCAP_TARGET_STEP, the default): a target holds until the next.
 * With #CCAP_TARGET_LINEAR the value between two entries moves in a straight
 * line, `v0 + (v1 − v0)·(Y − y0)/(y1 − y0)`, y0 the entry applying by the step
 * rule and y1 the next later entry (by the same own-before-`*` rule); after
 * the last entry it is held.  Example: slots per 1,000 of 4.5 for 2025 and 6.0
 * for 2030 give 4.5 for 2025 to 2029 by steps, and 4.8, 5.1, 5.4, 5.7 for
 * 2026 to 2029 on a ramp.
 *
 * Objects copy what they are given; independent objects may be used from
 * different threads.  Numeric outputs are NAN on failure.
 */

#include <stddef.h>

#include <ccap/ccap_common.h>
#include <ccap/ccap_schedule.h>

CCAP_BEGIN_DECLS

/** What a target measures.  The values are stable. */
typedef enum ccap_target_measure {
    CCAP_TARGET_NONE = -1,          /**< no target (e.g. none binds) */
    CCAP_TARGET_SLOTS_PER_1000 = 0, /**< `slots_per_1000`: slots per 1,000 residents */
    CCAP_TARGET_ENROLMENT_RATE = 1, /**< `enrolment_rate`: share of children under 3 in care */
    CCAP_TARGET_INCLUSIVE_SHARE = 2 /**< `inclusive_share`: share of slots that are inclusive */
} ccap_target_measure;

/** Number of target measures (#CCAP_TARGET_NONE excluded). */
#define CCAP_TARGET_N_MEASURES 3

/** How a target moves between two years that have one (see the file's description). */
typedef enum ccap_target_interp {
    CCAP_TARGET_STEP = 0,  /**< held until the next target (the default) */
    CCAP_TARGET_LINEAR = 1 /**< a straight line between two targets, held after the last */
} ccap_target_interp;

/**
 * The file name of a measure: `slots_per_1000`, `enrolment_rate`,
 * `inclusive_share`, or `none` for #CCAP_TARGET_NONE.
 * @param measure  A ::ccap_target_measure.
 * @return A static string; "unknown" for a value outside ::ccap_target_measure.
 * @since 0.2
 */
CCAP_API const char *ccap_target_measure_name(ccap_target_measure measure);

/**
 * Parse a measure: its English name (any case; `enrollment_rate` too) or a
 * Chinese alias: 每千人口托位数 or 每千人托位数, 入托率 or 托育服务入托率,
 * 普惠托位占比 or 普惠比例.
 * @param text              The text.
 * @param[out] measure_out  Receives the measure; unchanged on failure.
 * @retval CCAP_OK         success
 * @retval CCAP_EINVAL     NULL argument
 * @retval CCAP_ENOTFOUND  not a measure
 * @since 0.2
 */
CCAP_API int ccap_target_measure_parse(const char *text, ccap_target_measure *measure_out);

/**
 * The largest value a target of @p measure may have: 1,000 slots per 1,000
 * residents (a slot for every resident), 1 for a share.
 * @param measure  A measure.
 * @return The bound; NAN for #CCAP_TARGET_NONE or a value outside the enum.
 * @since 0.2
 */
CCAP_API double ccap_target_measure_max(ccap_target_measure measure);

/**
 * Slots an enrolment target needs: `rate · under3 / occupancy`.
 *
 * Example: a target of 0.08 (8 % of children under 3 in care) for 12,500
 * children, with slots 80 % full, needs 0.08 · 12,500 / 0.8 = 1,250 slots.
 *
 * @param rate       Share of children under 3 in care, in [0, 1].
 * @param under3     Children aged 0-2; finite, >= 0.
 * @param occupancy  Share of slots filled, in (0, 1].
 * @param[out] slots_out  Receives the slots (not rounded); NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p slots_out is NULL
 * @retval CCAP_EDOM    @p rate outside [0, 1], @p under3 negative or not finite, or
 *                      @p occupancy outside (0, 1] (NaN included)
 * @since 0.2
 */
CCAP_API int ccap_targets_enrolment_slots(double rate, double under3, double occupancy,
                                          double *slots_out);

/** Opaque set of targets: values by region (or `*`), year and measure. */
typedef struct ccap_targets ccap_targets;

/**
 * Allocate an empty set of targets.
 * @return A new set, or NULL when out of memory.  Free with ccap_targets_free().
 * @since 0.2
 */
CCAP_API ccap_targets *ccap_targets_alloc(void);

/**
 * Free @p targets.  NULL is accepted and ignored.
 * @param targets  The set, or NULL.
 * @since 0.2
 */
CCAP_API void ccap_targets_free(ccap_targets *targets);

/**
 * Number of entries (0 for NULL).
 * @param targets  The set.
 * @return The number of entries added.
 * @since 0.2
 */
CCAP_API size_t ccap_targets_count(const ccap_targets *targets);

/**
 * Add one target.
 * @param targets  The set.
 * @param region   Region index, or #CCAP_REGION_ALL (`*`) for every region.
 * @param year     The year at whose end the target applies.
 * @param measure  What it measures (not #CCAP_TARGET_NONE).
 * @param value    The target: 0 to ccap_target_measure_max() of @p measure.
 * @param[out] dup_out  On #CCAP_EEXIST, the index of the entry with the same region,
 *                      year and measure (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p targets is NULL or @p measure not a measure
 * @retval CCAP_EDOM    @p value NaN, negative or above the measure's maximum
 * @retval CCAP_EEXIST  an entry with the same region, year and measure exists
 * @retval CCAP_ERANGE  more than #CCAP_CELLS_MAX entries
 * @retval CCAP_ENOMEM  out of memory (the set is unchanged)
 * @since 0.2
 */
CCAP_API int ccap_targets_add(ccap_targets *targets, size_t region, int year,
                              ccap_target_measure measure, double value, size_t *dup_out);

/**
 * Copy entry @p index (entries keep the order they were added in).
 * @param targets       The set.
 * @param index         Below ccap_targets_count().
 * @param[out] region_out   Region index or #CCAP_REGION_ALL (may be NULL).
 * @param[out] year_out     Year (may be NULL).
 * @param[out] measure_out  Measure (may be NULL).
 * @param[out] value_out    Value (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p targets or @p index out of range
 * @since 0.2
 */
CCAP_API int ccap_targets_get(const ccap_targets *targets, size_t index, size_t *region_out,
                              int *year_out, ccap_target_measure *measure_out, double *value_out);

/**
 * Whether the set has an entry of @p measure (for any region and year).
 * @param targets  The set.
 * @param measure  A measure.
 * @return 1 or 0 (0 for NULL).
 * @since 0.2
 */
CCAP_API int ccap_targets_has(const ccap_targets *targets, ccap_target_measure measure);

/**
 * The target of @p measure for @p region at the end of @p year, by the rule of
 * the file's description.
 * @param targets  The set.
 * @param region   Region index (not #CCAP_REGION_ALL).
 * @param year     The year.
 * @param measure  The measure.
 * @param interp   #CCAP_TARGET_STEP or #CCAP_TARGET_LINEAR.
 * @param[out] value_out  Receives the target; NAN on failure.
 * @param[out] year_out   Receives the year of the entry the value starts from (may be NULL).
 * @retval CCAP_OK         found
 * @retval CCAP_ENOTFOUND  no entry of the measure for the region or `*` in or before @p year
 * @retval CCAP_EINVAL     NULL argument, @p region is #CCAP_REGION_ALL, or a bad
 *                         @p measure or @p interp
 * @since 0.2
 */
CCAP_API int ccap_targets_find(const ccap_targets *targets, size_t region, int year,
                               ccap_target_measure measure, ccap_target_interp interp,
                               double *value_out, int *year_out);

/**
 * The entries of one measure as a one-value schedule (as ccap_csv_read_targets()
 * returns slots per 1,000), for functions that take one.
 * @param targets   The set.
 * @param measure   The measure.
 * @param[out] out  Receives a new schedule (free with ccap_schedule_free()); it has no
 *                  entries when the set has none of @p measure; NULL on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument or a bad @p measure
 * @retval CCAP_ENOMEM  out of memory
 * @since 0.2
 */
CCAP_API int ccap_targets_schedule(const ccap_targets *targets, ccap_target_measure measure,
                                   ccap_schedule **out);

CCAP_END_DECLS

#endif /* CCAP_TARGETS_H */
