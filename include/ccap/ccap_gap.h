/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_GAP_H
#define CCAP_GAP_H

/**
 * @file ccap_gap.h
 * @brief Target gaps, build schedules, attainment and over-build years, allocation, costs.
 *
 * China measures under-3 childcare (托育) supply by the indicator "slots per
 * 1,000 residents" (每千人口托位数), which divides by the *total* population:
 * the national target is 4.5 by the end of 2025, Nanyang's 4.1 by the end of
 * 2024.  Demand comes from children under 3 instead.  This module puts the two
 * side by side and plans the slots to build.
 *
 * **Units and signs.**  Slots are counted in slots (doubles: requirements such
 * as 39,823.7592 are not whole); rates are slots per 1,000 residents; money is
 * in yuan (any one currency unit).  Every gap is *required minus available*:
 * a positive gap is a shortfall (slots missing), a negative gap is spare
 * capacity.
 *
 * **Target and gap.**  `target_slots = target_per_1000 · population / 1000`,
 * `gap = target_slots − slots`.  Nanyang, 2020 census: 9,713,112 residents at
 * 4.1 per 1,000 need 39,823.7592 slots; with 30,000 slots the gap is
 * 9,823.7592.  Slots are built whole, so a requirement is met only by the next
 * whole number above it: **slots needed are rounded up** (39,824 slots, a gap
 * of 9,824) by ccap_gap_slots_round_up().
 *
 * **Target paths.**  A target given for year Y applies at the *end* of Y, that
 * is on 1 January of Y+1 ("4.1 by the end of 2024").  Between two given years
 * the target is interpolated linearly, after the last one it is held, before
 * the first one there is none (ccap_gap_path_eval()).
 *
 * **Demand.**  `demand_slots = Σ_a children[a] · takeup[a] / occupancy` over
 * the ages 0, 1, 2 (or any ages given): the slots that the children who would
 * use childcare need when slots are filled to the target occupancy (e.g. 0.8).
 * `demand_gap = demand_slots − slots`.
 *
 * **Build schedules.**  Years t = 1 … T; S[0] the slots now; a yearly
 * attrition `a` in [0, 1) (the share of last year's slots that close during
 * the year); new[t] slots opened in year t; at the end of year t
 * `S[t] = S[t−1]·(1−a) + new[t]`; R[t] the slots required at the end of year t.
 * - Greedy (front-loaded, minimal): `new[t] = max(0, R[t] − S[t−1]·(1−a))`.  It
 *   meets every year and, year by year, builds the least that does so: any
 *   schedule meeting every year has at least as many slots at the end of each
 *   year, hence at least as many new slots up to each year.
 * - Even: the smallest constant `b` with `S[T] ≥ R[T]`.  From
 *   `S[T] = S[0]·q^T + b·G`, `q = 1−a`, `G = Σ_{j=0}^{T−1} q^j = (1−q^T)/a`
 *   (`G = T` when `a = 0`): `b = max(0, (R[T] − S[0]·q^T) / G)`; whole slots:
 *   `ceil(b)`.  Only the last year is guaranteed.
 * - Attainment: with a planned `b` new slots a year, the first year with
 *   `S[t] ≥ R[t]`, or #CCAP_ENOTREACHED.  Because every S[t] grows with `b`, a
 *   higher rate never attains later.
 *
 * **Over-build year.**  The first year in which the per-1,000 target needs
 * more slots than demand fills; `idle[t] = max(0, target_slots[t] − demand_slots[t])`.
 *
 * **Allocation.**  N whole new slots (or a budget) are shared among regions
 * r = 0 … n−1, each with a cap on its new slots (or #CCAP_GAP_NO_CAP).
 * Every rule gives slots one at a time; the functions compute the same result
 * with a threshold search (bisection on the key of the last slot given, at
 * most 64 passes over the regions per round), so they stay fast for millions
 * of slots.  Ties go to the lower region index.
 * - Shortfall: the next slot goes to the region with the largest remaining
 *   shortfall `gap_r − x_r` (> 0).  Each slot lowers `Σ_r max(0, gap_r − x_r)`
 *   by `min(1, gap_r − x_r)`, so giving it to the largest remaining shortfall
 *   gives it the largest decrease: with concave, separable gains and a count
 *   limit this greedy order is optimal.  It also minimises the shortfall in
 *   whole slots, `Σ_r max(0, ⌈gap_r⌉ − x_r)`, since no slot goes beyond
 *   `⌈gap_r⌉`.  Slots that would lower no shortfall (every region met or
 *   capped) are returned as unallocated.
 * - Max-min (water-filling): the next slot goes to the region with the lowest
 *   ratio `(slots_r + x_r) / pop_r` (compared in double precision), which
 *   maximises the smallest ratio: for every ratio above ρ, region r needs the
 *   slots whose ratio before them is below ρ, and the greedy order gives out
 *   exactly those slots before any other.  (The ratios above the minimum are
 *   not always the best possible: ties go to the lower index, not to the
 *   region a slot lifts most.)  Slots are left over only when every region is
 *   capped.
 * - With a budget, slot `x` of region r costs `cost_r` (capital cost per new
 *   slot).  Shortfall: the cheapest regions first, then as above; this buys the
 *   most whole slots of shortfall that the budget allows, at the least cost.
 *   (With fractional gaps the exact optimum would be a knapsack problem; whole
 *   slots make the greedy order exact.)  Max-min: water-filling as above, a
 *   region whose next slot costs more than what is left drops out (it can
 *   never afford it later) and the others go on.
 *
 * **Costs.**  For years t = 0 … T−1 (t = 0 is the first year):
 * `capital_t = capital_per_slot · new[t]`,
 * `running_t = running_per_slot_year · slot_years[t]`,
 * `subsidy_t = subsidy_per_inclusive_slot · new_inclusive[t]`, and present
 * values `PV = Σ_t cost_t / (1+r)^t` at a discount rate r: the first year is not
 * discounted.  The subsidy is the part of the capital cost paid by the central
 * budget for new inclusive (普惠) slots, #CCAP_GAP_SUBSIDY_INCLUSIVE_SLOT_CNY
 * yuan nationally; the cost to local budgets is capital + running − subsidy.
 *
 * **Whole numbers.**  Counts of new slots, caps, budgets and costs used by the
 * allocation functions must be whole numbers no larger than
 * #CCAP_GAP_WHOLE_MAX, so that every sum is exact in double precision (use
 * fen instead of yuan for prices with fractions of a yuan).
 *
 * All functions are pure (no allocation, no state) except the
 * ::ccap_gap_costs table; numeric outputs are set to NAN on failure.
 */

#include <math.h>
#include <stddef.h>

#include <ccap/ccap_common.h>
#include <ccap/ccap_childcare.h>
#include <ccap/ccap_population.h>
#include <ccap/ccap_region.h>
#include <ccap/ccap_schedule.h>
#include <ccap/ccap_targets.h>

CCAP_BEGIN_DECLS

/** A cap meaning "no limit on new slots" (positive infinity). */
#define CCAP_GAP_NO_CAP HUGE_VAL

/** Returned as a year index when there is none (not reached, or on failure). */
#define CCAP_GAP_NO_YEAR ((size_t)-1)

/** Largest whole count or amount the allocation functions accept: 2^50 (about 1.1e15). */
#define CCAP_GAP_WHOLE_MAX 1125899906842624.0

/**
 * The national subsidy per new inclusive (普惠) slot, in yuan: the central
 * budget's 10,000 yuan for each new slot of the special action to support
 * inclusive childcare services (支持社会力量发展普惠托育服务专项行动, NDRC and
 * NHC, 2019).
 */
#define CCAP_GAP_SUBSIDY_INCLUSIVE_SLOT_CNY 10000.0

/* ---- targets and gaps ---- */

/**
 * Gap to a per-1,000 target: `target_per_1000 · population / 1000 − slots`.
 *
 * Positive: slots missing; negative: spare slots.  Nanyang: 4.1, 9,713,112
 * residents, 30,000 slots give 9,823.7592.
 *
 * @param target_per_1000  Slots per 1,000 residents; finite, >= 0.
 * @param population       Residents; finite, >= 0.
 * @param slots            Slots available; finite, >= 0.
 * @param[out] gap_out     The gap in slots; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p gap_out is NULL
 * @retval CCAP_EDOM    an input is negative, NaN or infinite
 * @since 0.1
 */
CCAP_API int ccap_gap_slots(double target_per_1000, double population, double slots,
                            double *gap_out);

/**
 * Round a number of slots up to whole slots: the rule for slots needed.
 *
 * A requirement of 39,823.7592 slots is met by 39,824 slots, not 39,823, so
 * requirements and gaps are rounded *up* (`ceil`): a gap of 9,823.7592 is
 * 9,824 whole slots, a spare capacity of −5.3 is −5 (five whole slots spare).
 * Because `rate · population / 1000` carries rounding errors, a value within
 * `rel_tol · |slots|` of a whole number is taken as that number: with
 * `rel_tol = 1e-12`, 4500.000000000001 gives 4500, not 4501.  Pass 0 for a
 * strict ceiling.
 *
 * @param slots     Slots (any sign); finite.
 * @param rel_tol   Relative tolerance for "already whole"; finite, in [0, 1).
 * @param[out] whole_out  The whole number of slots; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p whole_out is NULL
 * @retval CCAP_EDOM    @p slots is NaN or infinite, or @p rel_tol is outside [0, 1)
 * @since 0.1
 */
CCAP_API int ccap_gap_slots_round_up(double slots, double rel_tol, double *whole_out);

/**
 * The target of a path in a given year.
 *
 * A path is a list of years (strictly increasing) with a target in slots per
 * 1,000 for each; the target of year Y applies at the end of Y (on 1 January
 * of Y+1).  For a year between two given years the target is interpolated
 * linearly, `v_i + (v_{i+1} − v_i)·(year − y_i)/(y_{i+1} − y_i)`; from the last
 * year on it is held at the last value; before the first year there is no
 * target (#CCAP_ENOTFOUND).  Example: 4.1 in 2024 and 4.5 in 2025 give 4.1 for
 * 2024, 4.5 for 2025 and every later year, and nothing for 2023.
 *
 * @param years            @p n_points years, strictly increasing.
 * @param target_per_1000  @p n_points targets, each finite and >= 0.
 * @param n_points         Number of points, at least 1.
 * @param year             The year whose (end-of-year) target is wanted.
 * @param[out] target_out  The target in slots per 1,000; NAN on failure or when none.
 * @retval CCAP_OK         success
 * @retval CCAP_EINVAL     a pointer is NULL or @p n_points is 0
 * @retval CCAP_EDOM       years not strictly increasing (unsorted or repeated), or a
 *                         target negative, NaN or infinite
 * @retval CCAP_ENOTFOUND  @p year is before the first year of the path
 * @since 0.1
 */
CCAP_API int ccap_gap_path_eval(const int years[], const double target_per_1000[], size_t n_points,
                                int year, double *target_out);

/**
 * Demand slots and the demand gap.
 *
 * `demand_slots = Σ_a children[a] · takeup[a] / occupancy` and
 * `gap = demand_slots − slots` (positive: demand exceeds the slots).
 * Example: 80,000, 100,000 and 110,000 children aged 0, 1, 2 with take-up 0.02,
 * 0.08, 0.15 at occupancy 0.8 need (1,600 + 8,000 + 16,500) / 0.8 = 32,625
 * slots.
 *
 * @param children   Children by age (usually ages 0, 1, 2); finite, >= 0.
 * @param takeup     Share of the children of each age who would use a slot, in [0, 1].
 * @param n_ages     Number of ages, at least 1.
 * @param occupancy  Target share of slots filled, in (0, 1].
 * @param slots      Slots available; finite, >= 0.
 * @param[out] demand_slots_out  Slots demand needs; may be NULL; NAN on failure.
 * @param[out] gap_out           The demand gap; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p children, @p takeup or @p gap_out is NULL, or @p n_ages is 0
 * @retval CCAP_EDOM    a count negative or not finite, a take-up outside [0, 1], or
 *                      @p occupancy outside (0, 1]
 * @since 0.1
 */
CCAP_API int ccap_gap_demand(const double children[], const double takeup[], size_t n_ages,
                             double occupancy, double slots, double *demand_slots_out,
                             double *gap_out);

/* ---- build schedules ---- */

/**
 * The minimal (front-loaded) build schedule that meets every year.
 *
 * For t = 1 … n_years (array index t−1): `kept = S[t−1]·(1−a)`,
 * `new[t] = max(0, R[t] − kept)`, `S[t] = max(kept, R[t])`.  S[t] is set to
 * R[t] itself when slots are built, so with no attrition the schedule reaches
 * every target exactly.
 *
 * @param slots0     Slots at the start, S[0]; finite, >= 0.
 * @param attrition  Share of last year's slots that close each year, in [0, 1).
 * @param required   R[1] … R[n_years], slots required at the end of each year; finite, >= 0.
 * @param n_years    Number of years, at least 1.
 * @param[out] new_out    @p n_years new slots per year; all NAN on failure.
 * @param[out] slots_out  @p n_years slots at the end of each year; may be NULL; all NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p required or @p new_out is NULL, or @p n_years is 0
 * @retval CCAP_EDOM    a slot count negative or not finite, or @p attrition outside [0, 1)
 * @since 0.1
 */
CCAP_API int ccap_gap_build_greedy(double slots0, double attrition, const double required[],
                                   size_t n_years, double new_out[], double slots_out[]);

/**
 * The smallest constant number of new slots a year that meets the requirement
 * at the end of the last year:
 * `b = max(0, (required − S0·q^T) / G)`, `q = 1 − a`,
 * `G = Σ_{j=0}^{T−1} q^j = (1 − q^T)/a` (`T` when `a = 0`), computed as
 * `−expm1(T·log1p(−a))/a` to keep its accuracy for small `a`.
 *
 * @param slots0     Slots at the start; finite, >= 0.
 * @param attrition  Yearly share of slots that close, in [0, 1).
 * @param required   Slots required at the end of year @p n_years; finite, >= 0.
 * @param n_years    Number of years T, at least 1.
 * @param[out] per_year_out  b, slots per year (not whole); NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p per_year_out is NULL or @p n_years is 0
 * @retval CCAP_EDOM    a slot count negative or not finite, or @p attrition outside [0, 1)
 * @since 0.1
 */
CCAP_API int ccap_gap_build_even(double slots0, double attrition, double required, size_t n_years,
                                 double *per_year_out);

/**
 * Whole-slot version of ccap_gap_build_even(): `ceil(b)`, the smallest whole
 * number of new slots a year that meets @p required at the end of the last
 * year (S[T] grows with b), rounded with ccap_gap_slots_round_up().
 *
 * @param slots0     Slots at the start; finite, >= 0.
 * @param attrition  Yearly share of slots that close, in [0, 1).
 * @param required   Slots required at the end of year @p n_years; finite, >= 0.
 * @param n_years    Number of years, at least 1.
 * @param rel_tol    Tolerance for "already whole", as for ccap_gap_slots_round_up().
 * @param[out] per_year_out  Whole slots per year; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p per_year_out is NULL or @p n_years is 0
 * @retval CCAP_EDOM    a slot count negative or not finite, @p attrition outside [0, 1),
 *                      or @p rel_tol outside [0, 1)
 * @since 0.1
 */
CCAP_API int ccap_gap_build_even_whole(double slots0, double attrition, double required,
                                       size_t n_years, double rel_tol, double *per_year_out);

/**
 * The first year a planned build rate meets the requirement.
 *
 * `S[t] = S[t−1]·(1−a) + build_per_year` for t = 1 … n_years; the answer is
 * the array index t−1 of the first t with `S[t] >= R[t]`.  The start (S[0])
 * is not checked.
 *
 * @param slots0          Slots at the start; finite, >= 0.
 * @param attrition       Yearly share of slots that close, in [0, 1).
 * @param build_per_year  New slots each year; finite, >= 0.
 * @param required        R[1] … R[n_years]; finite, >= 0.
 * @param n_years         Number of years, at least 1.
 * @param[out] year_out   Index (0 = first year) of the attainment year; #CCAP_GAP_NO_YEAR
 *                        when not reached or on failure.
 * @retval CCAP_OK           success
 * @retval CCAP_ENOTREACHED  no year within @p n_years meets the requirement (expected outcome)
 * @retval CCAP_EINVAL       @p required or @p year_out is NULL, or @p n_years is 0
 * @retval CCAP_EDOM         a count negative or not finite, or @p attrition outside [0, 1)
 * @since 0.1
 */
CCAP_API int ccap_gap_attainment_year(double slots0, double attrition, double build_per_year,
                                      const double required[], size_t n_years, size_t *year_out);

/**
 * The over-build year and the idle slots the target implies.
 *
 * The over-build year is the first year with `target_slots[t] > demand_slots[t]`;
 * `idle_out[t] = max(0, target_slots[t] − demand_slots[t])` for every year
 * (zero before the over-build year by definition).  Both outputs are valid
 * when #CCAP_ENOTREACHED is returned (all idle slots are then zero).
 *
 * @param target_slots  Slots the per-1,000 target requires each year; finite, >= 0.
 * @param demand_slots  Slots demand needs each year; finite, >= 0.
 * @param n_years       Number of years, at least 1.
 * @param[out] idle_out  @p n_years idle slots; may be NULL; all NAN on failure.
 * @param[out] year_out  Index of the over-build year; #CCAP_GAP_NO_YEAR when none or on failure.
 * @retval CCAP_OK           success
 * @retval CCAP_ENOTREACHED  the target never exceeds demand in these years (expected outcome)
 * @retval CCAP_EINVAL       @p target_slots, @p demand_slots or @p year_out is NULL, or
 *                           @p n_years is 0
 * @retval CCAP_EDOM         a count negative or not finite
 * @since 0.1
 */
CCAP_API int ccap_gap_overbuild(const double target_slots[], const double demand_slots[],
                                size_t n_years, double idle_out[], size_t *year_out);

/* ---- allocation ---- */

/**
 * Share N whole new slots to minimise the total shortfall `Σ_r max(0, gap_r − x_r)`.
 *
 * Slot by slot, the next one goes to the region with the largest remaining
 * shortfall `gap_r − x_r > 0` whose cap allows one more, ties to the lower
 * index (see the file description for why this is optimal, also for the
 * shortfall in whole slots).  Slots left when every region is met or capped
 * are not placed and come back in @p unallocated_out.
 * Example: gaps 5.5, 2, 0.25 (no caps) and N = 5: the first four slots go to
 * region 0 (remaining 5.5, 4.5, 3.5, 2.5, each above 2), the fifth to region 1
 * (2 > 1.5): x = (4, 1, 0), shortfall 1.5 + 1 + 0.25 = 2.75.  With N = 10 the
 * result is (6, 2, 1), no shortfall left, and 1 slot unallocated.
 *
 * @param gap        Gap per region in slots (any sign; negative: spare), |gap| <=
 * #CCAP_GAP_WHOLE_MAX.
 * @param cap        Largest number of new slots per region, whole and >= 0, or
 *                   #CCAP_GAP_NO_CAP; NULL for no caps at all.
 * @param n_regions  Number of regions, at least 1.
 * @param n_new      N, whole, >= 0 and <= #CCAP_GAP_WHOLE_MAX.
 * @param[out] alloc_out        @p n_regions new slots per region (whole); all NAN on failure.
 * @param[out] unallocated_out  Slots not placed; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p gap, @p alloc_out or @p unallocated_out is NULL, or @p n_regions is 0
 * @retval CCAP_EDOM    a gap NaN or infinite, a cap negative, NaN or not whole, or
 *                      @p n_new negative, NaN, infinite or not whole
 * @retval CCAP_ERANGE  a gap, cap or @p n_new above #CCAP_GAP_WHOLE_MAX in size
 * @since 0.1
 */
CCAP_API int ccap_gap_allocate_shortfall(const double gap[], const double cap[], size_t n_regions,
                                         double n_new, double alloc_out[], double *unallocated_out);

/**
 * Share N whole new slots to lift the lowest slots-per-resident ratio first (water-filling).
 *
 * Slot by slot, the next one goes to the region with the lowest
 * `(slots_r + x_r) / population_r` whose cap allows one more, ties to the
 * lower index.  This maximises the smallest ratio (per 1,000 or per resident
 * alike); the others are not always as high as they could be (see the file
 * description).  Slots are left over only when every region is capped.
 *
 * @param slots       Slots now per region; finite, >= 0, <= #CCAP_GAP_WHOLE_MAX.
 * @param population  Residents per region; finite, > 0.
 * @param cap         Caps as for ccap_gap_allocate_shortfall(); NULL for none.
 * @param n_regions   Number of regions, at least 1.
 * @param n_new       N, whole, >= 0 and <= #CCAP_GAP_WHOLE_MAX.
 * @param[out] alloc_out        @p n_regions new slots per region; all NAN on failure.
 * @param[out] unallocated_out  Slots not placed (every region capped); NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a required pointer is NULL or @p n_regions is 0
 * @retval CCAP_EDOM    slots negative or not finite, a population not positive or not
 *                      finite, a cap or @p n_new invalid as for ccap_gap_allocate_shortfall()
 * @retval CCAP_ERANGE  slots, a cap or @p n_new above #CCAP_GAP_WHOLE_MAX
 * @since 0.1
 */
CCAP_API int ccap_gap_allocate_maxmin(const double slots[], const double population[],
                                      const double cap[], size_t n_regions, double n_new,
                                      double alloc_out[], double *unallocated_out);

/**
 * Spend a budget on new slots to minimise the shortfall in whole slots,
 * `Σ_r max(0, ⌈gap_r⌉ − x_r)`.
 *
 * Slot by slot: among regions with a remaining shortfall (`gap_r − x_r > 0`)
 * and room under their cap, the cheapest; among equally cheap ones the largest
 * remaining shortfall; then the lower index.  When the cheapest such slot costs
 * more than what is left, no other slot can be bought and the rest of the budget
 * is returned.  This buys the largest number of useful slots the budget allows
 * (they are the cheapest ones), and among such plans the cheapest.
 *
 * @param gap            Gap per region (any sign), |gap| <= #CCAP_GAP_WHOLE_MAX.
 * @param cap            Caps as for ccap_gap_allocate_shortfall(); NULL for none.
 * @param cost_per_slot  Capital cost of one new slot per region: whole, > 0,
 *                       <= #CCAP_GAP_WHOLE_MAX.
 * @param n_regions      Number of regions, at least 1.
 * @param budget         Money to spend: whole, >= 0, <= #CCAP_GAP_WHOLE_MAX.
 * @param[out] alloc_out    @p n_regions new slots per region; all NAN on failure.
 * @param[out] unspent_out  Budget left: `budget − Σ_r cost_r · x_r`; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a required pointer is NULL or @p n_regions is 0
 * @retval CCAP_EDOM    a gap not finite; a cap invalid; a cost not positive, not finite or
 *                      not whole; @p budget negative, not finite or not whole
 * @retval CCAP_ERANGE  a value above #CCAP_GAP_WHOLE_MAX in size
 * @since 0.1
 */
CCAP_API int ccap_gap_allocate_shortfall_budget(const double gap[], const double cap[],
                                                const double cost_per_slot[], size_t n_regions,
                                                double budget, double alloc_out[],
                                                double *unspent_out);

/**
 * Spend a budget on new slots, lifting the lowest slots-per-resident ratio first.
 *
 * Slot by slot: among regions with room under their cap whose next slot costs
 * no more than what is left, the lowest `(slots_r + x_r) / population_r`, ties
 * to the lower index.  A region whose next slot costs more than what is left
 * drops out; the others go on until no slot can be bought.  The smallest ratio
 * reached is the largest any plan within the budget reaches.
 *
 * @param slots          Slots now per region; finite, >= 0, <= #CCAP_GAP_WHOLE_MAX.
 * @param population     Residents per region; finite, > 0.
 * @param cap            Caps as for ccap_gap_allocate_shortfall(); NULL for none.
 * @param cost_per_slot  Capital cost of one new slot per region: whole, > 0.
 * @param n_regions      Number of regions, at least 1.
 * @param budget         Money to spend: whole, >= 0.
 * @param[out] alloc_out    @p n_regions new slots per region; all NAN on failure.
 * @param[out] unspent_out  Budget left; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a required pointer is NULL or @p n_regions is 0
 * @retval CCAP_EDOM    an input outside its domain (as for the functions above)
 * @retval CCAP_ERANGE  a value above #CCAP_GAP_WHOLE_MAX
 * @since 0.1
 */
CCAP_API int ccap_gap_allocate_maxmin_budget(const double slots[], const double population[],
                                             const double cap[], const double cost_per_slot[],
                                             size_t n_regions, double budget, double alloc_out[],
                                             double *unspent_out);

/* ---- costs ---- */

/** Unit costs of one provider type, in yuan. */
typedef struct ccap_gap_unit_costs {
    double capital_per_slot;           /**< building or fitting out one new slot */
    double running_per_slot_year;      /**< running one slot for one year */
    double subsidy_per_inclusive_slot; /**< central subsidy per new inclusive slot */
} ccap_gap_unit_costs;

/** Costs of a plan by component: nominal sums and present values, in yuan. */
typedef struct ccap_gap_cost_totals {
    double capital;    /**< Σ_t capital_t */
    double running;    /**< Σ_t running_t */
    double subsidy;    /**< Σ_t subsidy_t */
    double pv_capital; /**< Σ_t capital_t / (1+r)^t */
    double pv_running; /**< Σ_t running_t / (1+r)^t */
    double pv_subsidy; /**< Σ_t subsidy_t / (1+r)^t */
} ccap_gap_cost_totals;

/**
 * Cost of a build plan by component, nominal and discounted.
 *
 * For year t = 0 … n_years−1 (t = 0 the first year of the plan, not
 * discounted): capital `unit.capital_per_slot · new_slots[t]`, running
 * `unit.running_per_slot_year · slot_years[t]`, subsidy
 * `unit.subsidy_per_inclusive_slot · new_inclusive[t]`; each present value is
 * `Σ_t cost_t / (1 + discount_rate)^t`.  For several provider types or
 * regions, call once per type and add the totals (the costs are linear).
 * Example: 1,000 new slots in year 0 and 500 in year 1 at 20,000 yuan, 3%:
 * capital 30,000,000, PV 20,000,000 + 10,000,000/1.03 = 29,708,737.86.
 *
 * @param unit           Unit costs; each finite and >= 0.
 * @param new_slots      New slots opened each year; finite, >= 0.
 * @param new_inclusive  Of which inclusive (普惠) slots; finite, >= 0 and <= @p new_slots;
 *                       NULL for none.
 * @param slot_years     Slot-years operated each year (e.g. the mean of the slots at the
 *                       start and end of the year); finite, >= 0; NULL for no running costs.
 * @param n_years        Number of years, at least 1.
 * @param discount_rate  r, finite and > −1 (0.03 for 3% a year; 0 for no discounting).
 * @param[out] totals_out  The totals; every field NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p unit, @p new_slots or @p totals_out is NULL, or @p n_years is 0
 * @retval CCAP_EDOM    a cost or count negative or not finite, inclusive slots above new
 *                      slots, or @p discount_rate not finite or <= −1
 * @since 0.1
 */
CCAP_API int ccap_gap_cost(const ccap_gap_unit_costs *unit, const double new_slots[],
                           const double new_inclusive[], const double slot_years[], size_t n_years,
                           double discount_rate, ccap_gap_cost_totals *totals_out);

/** Number of provider types in a cost table: those of ::ccap_provider. */
#define CCAP_GAP_N_PROVIDERS CCAP_N_PROVIDERS

/**
 * Name of provider type @p index: 0 `institution` (托育机构), 1 `community`
 * (社区托育点), 2 `kindergarten` (幼儿园托班), 3 `employer` (用人单位办托),
 * 4 `home` (家庭托育点), 5 `commercial` (商业综合体托育点), 6 `other`.
 * @param index  0 … #CCAP_GAP_N_PROVIDERS − 1.
 * @return A static string, or NULL when @p index is out of range.
 * @since 0.1
 */
CCAP_API const char *ccap_gap_costs_provider(size_t index);

/** Opaque table of unit costs by provider type, with an optional default row `*`. */
typedef struct ccap_gap_costs ccap_gap_costs;

/**
 * Allocate an empty cost table.
 * @return A new table, or NULL when memory is exhausted.  Free with ccap_gap_costs_free().
 * @since 0.1
 */
CCAP_API ccap_gap_costs *ccap_gap_costs_alloc(void);

/** Free @p costs.  NULL is accepted and ignored. @since 0.1 */
CCAP_API void ccap_gap_costs_free(ccap_gap_costs *costs);

/**
 * Set the unit costs of a provider type, or of the default `*`.
 * @param costs     The table.
 * @param provider  A name from ccap_gap_costs_provider() (any case) or `*`.
 * @param unit      Unit costs, each finite and >= 0; copied.
 * @retval CCAP_OK      success (a row already set is replaced)
 * @retval CCAP_EINVAL  a pointer is NULL
 * @retval CCAP_EDOM    an unknown provider name, or a cost negative or not finite
 * @since 0.1
 */
CCAP_API int ccap_gap_costs_set(ccap_gap_costs *costs, const char *provider,
                                const ccap_gap_unit_costs *unit);

/**
 * Whether the table has a row of its own for @p provider (or `*`).
 * @param costs     The table.
 * @param provider  A provider name or `*`.
 * @return 1 if set, 0 if not, or if an argument is NULL or the name unknown.
 * @since 0.1
 */
CCAP_API int ccap_gap_costs_has(const ccap_gap_costs *costs, const char *provider);

/**
 * Unit costs of a provider type: its own row, else the default row `*`.
 * @param costs     The table.
 * @param provider  A provider name (any case) or `*`.
 * @param[out] unit_out  The unit costs; every field NAN on failure.
 * @retval CCAP_OK         success
 * @retval CCAP_EINVAL     a pointer is NULL
 * @retval CCAP_EDOM       an unknown provider name
 * @retval CCAP_ENOTFOUND  neither the provider nor `*` has a row
 * @since 0.1
 */
CCAP_API int ccap_gap_costs_get(const ccap_gap_costs *costs, const char *provider,
                                ccap_gap_unit_costs *unit_out);

/**
 * Capital cost per new slot of each region, from the provider type it builds.
 *
 * `capital_out[r]` is the `capital_per_slot` of `providers[r]` (or of `*`):
 * the cost array of ccap_gap_allocate_shortfall_budget() and
 * ccap_gap_allocate_maxmin_budget().
 *
 * @param costs      The table.
 * @param providers  @p n_regions provider names.
 * @param n_regions  Number of regions, at least 1.
 * @param[out] capital_out  @p n_regions costs; all NAN on failure.
 * @retval CCAP_OK         success
 * @retval CCAP_EINVAL     a pointer (or a name) is NULL, or @p n_regions is 0
 * @retval CCAP_EDOM       an unknown provider name
 * @retval CCAP_ENOTFOUND  a provider without a row while the table has no `*` row
 * @since 0.1
 */
CCAP_API int ccap_gap_costs_capital_by_region(const ccap_gap_costs *costs,
                                              const char *const providers[], size_t n_regions,
                                              double capital_out[]);

/* ---- the table of a plan ---- */

/** One region and year of ccap_gap_table(): supply, target and demand side by side. */
typedef struct ccap_gap_row {
    size_t region;          /**< region index */
    int year;               /**< year: slots at its end, population on 1 January after */
    double population;      /**< residents */
    double under3;          /**< children aged 0-2 */
    double slots;           /**< slots at the end of the year */
    double per_1000;        /**< slots per 1,000 residents */
    double target_per_1000; /**< the target of the year (NAN: none) */
    double target_slots;    /**< slots the target needs (NAN: no target) */
    double gap;             /**< target_slots − slots (> 0: missing) */
    double demand_slots;    /**< slots demand needs (NAN without take-up) */
    double demand_gap;      /**< demand_slots − slots */
    /* since 0.2: targets of several kinds (ccap_targets.h) and observed enrolment */
    double per_1000_slots;       /**< slots the per-1,000 target needs (NAN: none) */
    double enrolment_target;     /**< target share of children under 3 in care (NAN: none) */
    double enrolment_slots;      /**< slots it needs, enrolment_target · under3 / occupancy */
    double enrolment_gap;        /**< enrolment_slots − slots */
    ccap_target_measure binding; /**< the target whose slots are @c target_slots: the one
                                      needing more; #CCAP_TARGET_NONE without targets */
    double inclusive_target;     /**< target inclusive (普惠) share of slots (NAN: none) */
    double inclusive_slots;      /**< inclusive slots held (NAN after the inventory's years) */
    double inclusive_gap;        /**< inclusive_target · target_slots − inclusive_slots */
    double enrolled;             /**< children enrolled, observed (NAN: not known) */
    double utilisation;          /**< enrolled / slots, observed */
    double enrolment_rate;       /**< enrolled / under3, observed */
} ccap_gap_row;

/** What ccap_gap_table() compares; every pointer is borrowed for the call. */
typedef struct ccap_gap_table_inputs {
    const ccap_population *const *pops;        /**< populations in single years of age, ascending in
                                                    time (e.g. the end of every year), at least one */
    size_t n_pops;                             /**< number of @c pops */
    const ccap_regions *regions;               /**< finished region table */
    const ccap_childcare_inventory *inventory; /**< the slot inventory */
    const ccap_schedule *targets;              /**< targets (ccap_csv_read_targets()) */
    const ccap_childcare_takeup *takeup;       /**< take-up, or NULL (demand NAN) */
    double occupancy;                          /**< occupancy in (0, 1] (with @c takeup) */
    double attrition;                          /**< yearly share of slots closing after the
                                                    inventory, in [0, 1) */
    const ccap_schedule *builds;               /**< planned new slots by region and year, or NULL */
    const ccap_targets *target_set;            /**< since 0.2: targets of every measure, or
                                                    NULL; when given, @c targets is not used
                                                    and may be NULL */
    ccap_target_interp interp;                 /**< since 0.2: years between the targets of
                                                    @c target_set; #CCAP_TARGET_STEP (0) */
} ccap_gap_table_inputs;

/**
 * Slots against the per-1,000 target and against demand for every region and
 * year from @p from to @p to.
 *
 * For year Y: the population on 1 January of Y+1, interpolated between the
 * two of `in->pops` whose times bracket it (ccap_population_interpolate()), or
 * the nearest one outside them (then @p held_out is set); the slots at the end
 * of Y from the inventory up to its last year, then carried on as
 * `S(Y) = S(Y−1)·(1 − attrition) + new(Y)` with the planned new slots of
 * `in->builds` (exact year; `*` for every region); the target of Y
 * (ccap_childcare_target_find()), its slots and the gap; demand slots from
 * take-up and occupancy (ccap_childcare_metrics_row()).  Parents are the
 * sums of their children.  Rows are year by year, regions in index order:
 * `rows_out[(Y − from)·n_regions + region]`.
 *
 * @param in         What is compared.
 * @param from       First year.
 * @param to         Last year, >= @p from.
 * @param[out] rows_out  `(to − from + 1)·n_regions` rows.
 * @param n_rows     Number of elements of @p rows_out.
 * @param[out] held_out  Set to 1 when a year used the nearest population (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument, sizes that differ, a population not in single years
 * @retval CCAP_EDOM    attrition or occupancy out of range
 * @retval CCAP_ENOTFOUND  take-up without rates for a region
 * @retval CCAP_ENOMEM  out of memory
 * @since 0.2 (0.1 took the inputs as 9 arguments)
 */
CCAP_API int ccap_gap_table(const ccap_gap_table_inputs *in, int from, int to,
                            ccap_gap_row rows_out[], size_t n_rows, int *held_out);

/**
 * Take-up calibrated to observed enrolment: each region's rates scaled by one factor so
 * that the children who would use a slot at the end of @p year are the children enrolled
 * then, `k_r = enrolled_r / (demand_slots_r · occupancy)` (the row's demand before the
 * occupancy), rates `k_r · takeup_r(a)` for ages 0, 1 and 2.  A region with no enrolment
 * observed that year (or no demand) takes the factor of its nearest ancestor that has one,
 * else keeps its rates (factor 1).  Every region of the table gets rates of its own.
 *
 * This reads observed use as demand, a scenario choice: enrolment is also held down by
 * fees, distance and the slots there are, so the calibrated demand is what use would be
 * if it grew only with the children.
 *
 * Example: 1,000 children aged 0, 1,000 aged 1 and 1,000 aged 2 at take-up 0.02, 0.10
 * and 0.20 are 320 children; 240 enrolled give k = 0.75 and rates 0.015, 0.075, 0.15.
 *
 * @param takeup     The rates to scale (their `*` default applies to regions without
 *                   rates of their own).
 * @param regions    Finished region table.
 * @param rows       A table of ccap_gap_table() made with @p takeup and @p occupancy.
 * @param n_rows     Its number of rows.
 * @param year       The year of the enrolment (e.g. the inventory's last).
 * @param occupancy  The occupancy of @p rows, in (0, 1].
 * @param[out] takeup_out  The calibrated rates (free with ccap_childcare_takeup_free());
 *                   NULL on failure.
 * @param[out] factor_out  The factor of each region (`n_regions` values), or NULL.
 * @param[out] diag  On failure, the reason naming the region; may be NULL.
 * @retval CCAP_OK        success
 * @retval CCAP_EINVAL    a NULL pointer (other than @p factor_out and @p diag)
 * @retval CCAP_EDOM      @p occupancy out of range; a calibrated rate above 1 (more
 *                        children enrolled than take-up can reach: enrolled of another
 *                        year or area?)
 * @retval CCAP_ENOTFOUND no row of @p year has children enrolled
 * @retval CCAP_ENOMEM    out of memory
 * @since 0.2
 */
CCAP_API int ccap_gap_takeup_from_enrolment(const ccap_childcare_takeup *takeup,
                                            const ccap_regions *regions, const ccap_gap_row rows[],
                                            size_t n_rows, int year, double occupancy,
                                            ccap_childcare_takeup **takeup_out, double factor_out[],
                                            ccap_diag *diag);

/**
 * The minimal build schedule of every region from a table of ccap_gap_table().
 *
 * For each region without children: the slots at the end of @p first − 1 and the
 * targets of @p first .. @p to (rounded up to whole slots; no target: 0) go to
 * ccap_gap_build_greedy(), and the new slots of each year are rounded up to whole
 * slots.  Parents are the sums of their children.
 *
 * @param regions     Finished region table.
 * @param rows        The table, years @p from .. @p to (layout of ccap_gap_table()).
 * @param from        First year of @p rows.
 * @param to          Last year of @p rows and of the schedule.
 * @param first       First year of building, > @p from and <= @p to.
 * @param attrition   Share of slots lost each year, in [0, 1).
 * @param[out] new_slots_out  `new_slots_out[region·n + (Y − first)]`, n = to − first + 1.
 * @param n_out       Length of @p new_slots_out: n · (number of regions).
 * @param[out] region_out  On #CCAP_ENOTFOUND, the region with no slots to build on; may be NULL.
 * @retval CCAP_OK        success
 * @retval CCAP_EINVAL    a required pointer is NULL, @p first outside (from, to] or @p n_out wrong
 * @retval CCAP_EDOM      @p attrition outside [0, 1)
 * @retval CCAP_ENOTFOUND a region without children has no slots at the end of @p first − 1
 * @retval CCAP_ENOMEM    out of memory
 * @since 0.1
 */
CCAP_API int ccap_gap_table_schedule(const ccap_regions *regions, const ccap_gap_row rows[],
                                     int from, int to, int first, double attrition,
                                     double new_slots_out[], size_t n_out, size_t *region_out);

/**
 * Share N new slots between the regions without children of one year of a table.
 *
 * Gaps (NAN counted as 0), slots and populations of the regions without children
 * go to ccap_gap_allocate_shortfall() or, with @p maxmin, to
 * ccap_gap_allocate_maxmin(); parents receive the sums of their children.
 *
 * @param regions    Finished region table.
 * @param rows       The rows of one year, regions in index order (one year of ccap_gap_table()).
 * @param n_rows     Number of rows: the number of regions.
 * @param cap        Cap per region (index order), #CCAP_GAP_NO_CAP for none; NULL for none.
 * @param n_new      Slots to share, whole, >= 0.
 * @param maxmin     Nonzero: lift the lowest ratio first; zero: reduce the shortfall.
 * @param[out] alloc_out        New slots per region (index order).
 * @param[out] unallocated_out  Slots not placed.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a required pointer is NULL or @p n_rows is not the number of regions
 * @retval CCAP_ERANGE  the workspace, 5 values per region, would exceed #CCAP_CELLS_MAX
 * @retval CCAP_ENOMEM  out of memory
 * @return otherwise the status of the allocation function
 * @since 0.1
 */
CCAP_API int ccap_gap_table_allocate(const ccap_regions *regions, const ccap_gap_row rows[],
                                     size_t n_rows, const double cap[], double n_new, int maxmin,
                                     double alloc_out[], double *unallocated_out);

/**
 * The cost of a build schedule of one region.
 *
 * Unit costs are the `*` row of @p costs, else its `institution` row.  The new
 * slots are inclusive (普惠) in the share the region's inventory has at the end of
 * @p inventory_year (ccap_childcare_inventory_inclusive_share(); 0 when it has
 * none); the slot-years run are the new slots carried on with @p attrition,
 * `c_t = c_{t−1}·(1 − attrition) + new_t`.  Then ccap_gap_cost().
 *
 * @param costs          Unit costs (ccap_csv_read_costs()).
 * @param inventory      The slot inventory.
 * @param regions        Finished region table.
 * @param region         The region (index).
 * @param inventory_year Year of the inventory whose inclusive share is used.
 * @param new_slots      New slots per year of the schedule, the first year first.
 * @param n_years        Years of the schedule, at least 1.
 * @param attrition      Share of slots lost each year, in [0, 1).
 * @param discount_rate  Discount rate, as for ccap_gap_cost().
 * @param[out] totals_out          Nominal and present-value totals.
 * @param[out] inclusive_share_out The inclusive share used; may be NULL.
 * @retval CCAP_OK        success
 * @retval CCAP_EINVAL    a required pointer is NULL, @p n_years is 0 or @p region out of range
 * @retval CCAP_EDOM      @p attrition outside [0, 1)
 * @retval CCAP_ENOTFOUND @p costs has neither a `*` nor an `institution` row
 * @retval CCAP_ERANGE    the workspace, 3 × @p n_years values, would exceed #CCAP_CELLS_MAX
 *                        (checked before allocating)
 * @retval CCAP_ENOMEM    out of memory
 * @return otherwise the status of ccap_gap_cost()
 * @since 0.1
 */
CCAP_API int ccap_gap_schedule_cost(const ccap_gap_costs *costs,
                                    const ccap_childcare_inventory *inventory,
                                    const ccap_regions *regions, size_t region, int inventory_year,
                                    const double new_slots[], size_t n_years, double attrition,
                                    double discount_rate, ccap_gap_cost_totals *totals_out,
                                    double *inclusive_share_out);

CCAP_END_DECLS

#endif /* CCAP_GAP_H */
