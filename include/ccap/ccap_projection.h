/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_PROJECTION_H
#define CCAP_PROJECTION_H

/**
 * @file ccap_projection.h
 * @brief Deterministic cohort-component projection (CCMPP), many regions, steps of one age width.
 *
 * A projection works on populations with `G` age groups of width `n` years
 * (the last open) and advances in steps of `n` years.  For each step, region
 * and sex, with survival ratios `S[g]`, fertility rates `f[g]` (births per
 * woman-year), the sex ratio at birth `srb` (male births per 100 female
 * births) and net migrants `M[g]` over the step:
 *
 * - **migration, first half** (timing #CCAP_MIGRATION_HALF):
 *   `P*(g) = P(g) + M(g)/2`; with #CCAP_MIGRATION_END, `P*(g) = P(g)`;
 * - **survival**: `P'(g) = P*(g-1)·S[g]` for `1 <= g <= G-2`, and the open
 *   group `P'(G-1) = (P*(G-2) + P*(G-1))·S[G-1]`;
 * - **migration, second half**: `P'(g) += M(g)/2` (or `M(g)` at the end);
 * - **births**: `B = n·Σ_g f[g]·(W*(g) + W'(g))/2`, the women of each group
 *   averaged over the start (after the first half of migration) and the end
 *   of the step; female births `B·100/(100+srb)`, male `B·srb/(100+srb)`;
 * - **first group**: `P'(0) = B_sex·S_sex[0] + M(0)/2` (or `+ M(0)`).
 *
 * The survival ratios are those of a life table, as ccap_lifetable_survival()
 * gives them: `S[0] = L(0,n)/(n·l0)` (births to group 0), `S[g] = L_g/L_{g-1}`,
 * `S[G-1] = T_{G-1}/T_{G-2}`.  This is the convention of Preston, Heuveline
 * and Guillot (2001), Box 6.1, which the tests reproduce to the person.
 *
 * Deaths are counted cohort by cohort, `P*(g)·(1 - S)` and `B_sex·(1 - S[0])`,
 * so that for every region and step the balancing equation
 * `P(t+n) = P(t) + B - D + M` holds.  If emigration would make a count
 * negative, the count is set to zero and the migrants actually removed are
 * recorded instead (ccap_projection_net_migrants() returns what was applied).
 *
 * Regions that have children in the region table are not projected: after
 * every step each parent is the sum of its children (population, births,
 * deaths, migrants).  Leaves are projected independently with their own rates.
 *
 * Usage: ccap_projection_alloc() once; ccap_projection_init() with the base
 * population; ccap_projection_step() once per step with that step's rates;
 * read results with ccap_projection_population() and the event counts.  The
 * step allocates nothing.  One workspace must not be used from two threads at
 * once; separate workspaces are independent.
 */

#include <ccap/ccap_common.h>
#include <ccap/ccap_population.h>
#include <ccap/ccap_region.h>

CCAP_BEGIN_DECLS

/** Opaque projection workspace: the base population and every step's results. */
typedef struct ccap_projection ccap_projection;

/** When net migrants join the population during a step. */
typedef enum ccap_migration_timing {
    CCAP_MIGRATION_HALF =
        0, /**< half at the start (exposed to survival and fertility), half at the end */
    CCAP_MIGRATION_END = 1 /**< all at the end of the step, by their age at the end */
} ccap_migration_timing;

/**
 * The rates of one step, as arrays owned by the caller.
 *
 * Each array holds values for every region in index order, or, when its
 * `_shared` flag is non-zero, one block used for all regions (a `*` region in
 * a rate file).  Blocks are laid out as documented per field; `G` is the
 * number of age groups.  Entries for parent regions are ignored.
 */
typedef struct ccap_rates {
    const double
        *survival; /**< [region][sex][G]: survival ratios, each in [0, 1] (sex: female, male) */
    int survival_shared; /**< non-zero: one [sex][G] block for all regions */
    const double *asfr;  /**< [region][G]: births per woman-year by age group of mother, >= 0 */
    int asfr_shared;     /**< non-zero: one [G] block for all regions */
    const double *srb;   /**< [region]: male births per 100 female births, > 0 */
    int srb_shared;      /**< non-zero: one value for all regions */
    const double *net_migrants;   /**< [region][sex][G]: net migrants over the step (any sign), or
                                     NULL for none */
    int net_migrants_shared;      /**< non-zero: one [sex][G] block for all regions */
    ccap_migration_timing timing; /**< when migrants join */
} ccap_rates;

/**
 * The number of values a projection workspace of these sizes holds, checked
 * against #CCAP_CELLS_MAX before anything is allocated: `max_steps + 1`
 * populations of `n_regions × 2 × n_ages` counts and the births, deaths and
 * net migrants of every step, region and sex, `n_regions × 2 ×
 * (n_ages·(max_steps + 1) + 3·max_steps)`.  Call it before
 * ccap_projection_alloc() to tell sizes that are too large from a lack of
 * memory.  Example: 2,850 regions, 101 single-year groups and 100 steps
 * give 6.0·10^7 values (480 MB of doubles).
 *
 * @param n_regions   Number of regions, >= 1.
 * @param n_ages      Number of age groups, >= 2.
 * @param max_steps   Number of steps, >= 1.
 * @param[out] cells_out  Receives the number of values; SIZE_MAX when too large.
 * @param[out] diag   On failure, a message naming the sizes (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p cells_out or a size below its minimum
 * @retval CCAP_ERANGE  the workspace would hold more than #CCAP_CELLS_MAX values
 * @since 0.1
 */
CCAP_API int ccap_projection_cells(size_t n_regions, size_t n_ages, size_t max_steps,
                                   size_t *cells_out, ccap_diag *diag);

/**
 * Allocate a workspace for @p n_regions regions, @p n_ages groups of width
 * @p age_width (the step length, in years) and up to @p max_steps steps.
 *
 * @return A new workspace, or NULL if a size is zero, above the limits of
 *         ccap_population_alloc(), if the workspace would hold more than
 *         #CCAP_CELLS_MAX values (ccap_projection_cells() says so with
 *         #CCAP_ERANGE), or if memory is exhausted.  Free with
 *         ccap_projection_free().
 * @since 0.1
 */
CCAP_API ccap_projection *ccap_projection_alloc(size_t n_regions, size_t n_ages, size_t age_width,
                                                size_t max_steps);

/** Free @p proj and all it owns.  NULL is accepted and ignored. @since 0.1 */
CCAP_API void ccap_projection_free(ccap_projection *proj);

/**
 * Start a projection from @p base.
 *
 * @param proj     The workspace; any earlier results are discarded.
 * @param base     Base population with the workspace's regions, groups and width.
 *                 Its year and date are the projection's start.  Copied.
 * @param regions  Region table for the hierarchy (parents are sums of their
 *                 children), or NULL to project every region on its own.
 *                 Borrowed: it must outlive the projection.
 * @retval CCAP_OK         success
 * @retval CCAP_EINVAL     NULL @p proj or @p base, or dimensions that differ
 * @retval CCAP_ESTATE     @p regions is not finished
 * @retval CCAP_ENOTFOUND  a region to be projected has no data in @p base
 * @retval CCAP_ERANGE     the last step would end after #CCAP_YEAR_MAX (the year of
 *                         @p base plus max_steps × width)
 * @since 0.1
 */
CCAP_API int ccap_projection_init(ccap_projection *proj, const ccap_population *base,
                                  const ccap_regions *regions);

/**
 * Advance the projection by one step of `age_width` years.
 *
 * @param proj   An initialised workspace.
 * @param rates  The rates of this step (see ::ccap_rates).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument or missing array (survival, asfr, srb)
 * @retval CCAP_EDOM    a rate is NaN, infinite or out of its domain (nothing is changed)
 * @retval CCAP_ESTATE  not initialised, or max_steps already done
 * @since 0.1
 */
CCAP_API int ccap_projection_step(ccap_projection *proj, const ccap_rates *rates);

/** Number of steps done since ccap_projection_init() (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_projection_steps_done(const ccap_projection *proj);

/**
 * The population after @p step steps (0 is the base).
 *
 * Its year is the base year plus `step·age_width`, and its date, when the
 * base has one, moves by the same number of years.
 * @return A population owned by @p proj, valid until the next
 *         ccap_projection_init() or ccap_projection_free(); NULL if @p step is
 *         beyond the steps done.
 * @since 0.1
 */
CCAP_API const ccap_population *ccap_projection_population(const ccap_projection *proj,
                                                           size_t step);

/**
 * Births of one sex in @p region during step @p step (1 is the first step).
 * @return The count, or NAN if an argument is out of range.
 * @since 0.1
 */
CCAP_API double ccap_projection_births(const ccap_projection *proj, size_t step, size_t region,
                                       ccap_sex sex);

/**
 * Deaths of one sex in @p region during step @p step (1 is the first step),
 * among those present at the start, migrants of the first half and births.
 * @return The count, or NAN if an argument is out of range.
 * @since 0.1
 */
CCAP_API double ccap_projection_deaths(const ccap_projection *proj, size_t step, size_t region,
                                       ccap_sex sex);

/**
 * Net migrants of one sex actually applied in @p region during step @p step.
 * @return The count, or NAN if an argument is out of range.
 * @since 0.1
 */
CCAP_API double ccap_projection_net_migrants(const ccap_projection *proj, size_t step,
                                             size_t region, ccap_sex sex);

/**
 * The steps a projection of @p n_steps steps from @p base needs to reach the end of base
 * year + n_steps·width (1 January after): the fewest steps whose end is not before it,
 * which is one more than @p n_steps for a base within a year and for a base on 1 January
 * alike, as a population on 1 January is the end of the year before (15 one-year steps
 * from 2020-11-01 end on 2035-11-01, 16 reach 2036-01-01; from 2020-01-01, 15 end on
 * 2035-01-01, the end of 2034, and 16 reach the end of 2035).
 *
 * @param base     The base population (its date, else 1 January of its year).
 * @param n_steps  Steps asked for.
 * @return The steps; @p n_steps for NULL @p base.
 * @since 0.2
 */
CCAP_API size_t ccap_projection_steps_to_year_end(const ccap_population *base, size_t n_steps);

/**
 * Events of one calendar year in @p region: births, deaths and net migrants from
 * 1 January of @p year to 1 January of @p year + 1, as statistical bulletins count them.
 *
 * Events are taken as spread evenly over each step, on the steps' own times
 * (ccap_population_time() of the populations at their ends), so a year receives from
 * every step the share of the step's length that falls in it: with a census base on
 * 2020-11-01 and one-year steps, births in 2024 are about 10/12 of the step
 * 2023-11-01 to 2024-11-01 and 2/12 of the step after it.
 *
 * @param proj          A workspace with steps done.
 * @param region        Region index.
 * @param year          The calendar year; it must lie wholly within the steps done.
 * @param sex           #CCAP_SEX_FEMALE, #CCAP_SEX_MALE or #CCAP_SEX_BOTH.
 * @param births        Receives the births (may be NULL).
 * @param deaths        Receives the deaths (may be NULL).
 * @param net_migrants  Receives the net migrants (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p proj, a region or sex out of range
 * @retval CCAP_EDOM    @p year is not wholly within the projected period (the outputs
 *                      are then NAN)
 * @since 0.2
 */
CCAP_API int ccap_projection_year_events(const ccap_projection *proj, size_t region, int year,
                                         ccap_sex sex, double *births, double *deaths,
                                         double *net_migrants);

/**
 * The population at any time between the base and the last step done,
 * interpolated exponentially, cell by cell, between the two bracketing steps:
 * `P(t) = P0·(P1/P0)^u` with `u` the fraction of the step elapsed (linear
 * where a count is zero at either end).  The regions projected are interpolated; a
 * parent is then the sum of its children, as after every step.
 *
 * @param proj   A workspace with at least one step done (or any time equal to the base).
 * @param date   The time; the base must have a date (e.g. the census night
 *               2020-11-01), or else steps start on 1 January of the base year.
 * @param out    Receives the counts; same dimensions as the projection; its
 *               year and date are set to @p date.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument or dimensions that differ
 * @retval CCAP_EDOM    invalid date, or a date outside the projected period
 * @since 0.1
 */
CCAP_API int ccap_projection_population_at(const ccap_projection *proj, ccap_date date,
                                           ccap_population *out);

/**
 * The calendar years wholly within the steps done: from the base year (a base on
 * 1 January, or without a date) or the year after (a census on 1 November), to the year
 * before the last step's end.  The years whose events ccap_projection_year_events() and
 * whose year-end residents ccap_projection_year_end() give.
 *
 * @param proj        A workspace with steps done.
 * @param[out] first_out  Receives the first year (may be NULL).
 * @param[out] last_out   Receives the last year (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p proj, or no step done
 * @retval CCAP_EDOM    the steps hold no whole calendar year (one five-month step, say)
 * @since 0.2
 */
CCAP_API int ccap_projection_calendar_years(const ccap_projection *proj, int *first_out,
                                            int *last_out);

/**
 * Residents at the end of @p year, as statistical bulletins count them (年末常住人口):
 * the population on 1 January of @p year + 1, by ccap_projection_population_at().  The
 * one rule for a stock of a calendar year, used by the plan and the CSV writers.
 *
 * @param proj   A workspace with at least one step done.
 * @param year   The calendar year.
 * @param out    Receives the counts; same dimensions as the projection; its year is set
 *               to @p year and its date to 1 January of @p year + 1.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument or dimensions that differ
 * @retval CCAP_EDOM    1 January of @p year + 1 is outside the projected period
 * @since 0.2
 */
CCAP_API int ccap_projection_year_end(const ccap_projection *proj, int year,
                                      ccap_population *out);

CCAP_END_DECLS

#endif /* CCAP_PROJECTION_H */
