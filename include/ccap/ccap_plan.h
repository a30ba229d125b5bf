/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file ccap_plan.h
 * @brief The whole childcare plan (托育规划) of a place in one call.
 *
 * ccap_plan_run() takes a base population and its assumptions (or populations already
 * projected), the slot inventory, the targets and optionally take-up and unit costs, and
 * computes everything a plan shows: the projection, events by calendar year, slots
 * against every target and against demand at the end of every year, the least build
 * schedule, the allocation of new slots between counties, each county's slots per 1,000
 * after the plan, the over-build year, the cost, and optionally a Monte Carlo run.  Every
 * program that presents a plan gets its numbers from here, so every output agrees.
 *
 * **The calendar.**  Events (births, deaths, migrants) are counted in calendar years, from
 * 1 January to 31 December (ccap_projection_year_events()); stocks (residents, children
 * under 3, slots) at the end of the year, i.e. on 1 January of the year after
 * (ccap_projection_population_at()).  A year Y of every table below means that.
 *
 * **The build rule.**  #CCAP_PLAN_EVERY_COUNTY (the default): every region without
 * children meets every target on its own; a county's spare slots are not lent to another,
 * so the city builds the sum of its counties' shortfalls, which may be more than the
 * city's own gap.  #CCAP_PLAN_CITY_ONLY: the city as a whole meets the target; each
 * year's new slots are shared between the counties with the largest shortfall left
 * (ccap_gap_table_allocate()), so spare slots in one county offset shortfalls in others.
 *
 * The plan borrows nothing after ccap_plan_run() returns: it copies what it keeps.  No
 * file is read or written here: ccap_scenario_read_inputs() reads a scenario's files.
 */
#ifndef CCAP_PLAN_H
#define CCAP_PLAN_H

#include <ccap/ccap_childcare.h>
#include <ccap/ccap_common.h>
#include <ccap/ccap_gap.h>
#include <ccap/ccap_gap_uncertainty.h>
#include <ccap/ccap_kindergarten.h>
#include <ccap/ccap_payers.h>
#include <ccap/ccap_population.h>
#include <ccap/ccap_projection.h>
#include <ccap/ccap_rates.h>
#include <ccap/ccap_region.h>
#include <ccap/ccap_schedule.h>
#include <ccap/ccap_targets.h>
#include <ccap/ccap_uncertainty.h>
#include <ccap/ccap_workforce.h>

CCAP_BEGIN_DECLS

/** Who must meet the targets (see the file's description). */
typedef enum ccap_plan_build_rule {
    CCAP_PLAN_EVERY_COUNTY = 0, /**< every region without children meets every target */
    CCAP_PLAN_CITY_ONLY = 1     /**< the top region meets it; new slots go where short */
} ccap_plan_build_rule;

/**
 * What a plan is made from; every pointer is borrowed for the duration of
 * ccap_plan_run() only.  Give either a base population and its assumptions (the plan
 * projects it) or populations already projected.
 */
typedef struct ccap_plan_inputs {
    unsigned int version;         /**< #CCAP_PLAN_INPUTS_VERSION */
    const ccap_regions *regions;  /**< finished region table (required) */
    const ccap_population *base;  /**< base population in single years, or NULL */
    ccap_assumptions assumptions; /**< rates for @c base (required with it) */
    size_t n_steps;               /**< projection steps from @c base, >= 1: the plan runs to the end
                                       of base year + n_steps·width (one step more is projected when the
                                       base is within a year, e.g. a census on 1 November) */
    const ccap_population *const *populations; /**< without @c base: populations in single
                                                    years, ascending in time */
    size_t n_populations;                      /**< number of @c populations */
    const ccap_childcare_inventory *inventory; /**< slots by region and year; NULL (with
                                                    targets NULL): a projection and its
                                                    Monte Carlo run only, no table */
    const ccap_schedule *targets;              /**< slots per 1,000 by region and year (with the
                                                    inventory) */
    const ccap_childcare_takeup *takeup;       /**< take-up by age 0-2, or NULL: no demand */
    const ccap_gap_costs *costs;               /**< unit costs, or NULL: no cost */
    const ccap_schedule *builds;               /**< slots already planned (region, year), or NULL */
    const double *caps; /**< per region, the most new slots the allocation may give it
                             (#CCAP_GAP_NO_CAP: none; >= 0), or NULL: used where slots are
                             shared (the city rule, `allocate`), not by the every-county
                             schedule, whose counties each build their own shortfall */
    const ccap_targets *target_set;   /**< since 0.2: targets of every measure (ccap_targets.h),
                                           or NULL; when given the table, schedule, allocation
                                           and cost follow the binding target of each region
                                           and year, and @c targets serves only the Monte
                                           Carlo run (it may then be NULL: no gaps simulated) */
    ccap_target_interp target_interp; /**< since 0.2: years between the targets of
                                           @c target_set; #CCAP_TARGET_STEP (0), the default */
    const ccap_workforce_standard *standard; /**< since 0.2: class sizes, carer ratios, health
                                                  staff and floor area
                                                  (ccap_csv_read_workforce_standard()), or
                                                  NULL: the 2019 national standard
                                                  (ccap_workforce_standard_2019()) */
    const ccap_kindergarten *kindergarten;   /**< since 0.2: kindergarten places by region
                                                  (ccap_csv_read_kindergarten()), or NULL: no
                                                  conversion; with them the schedule takes
                                                  its new slots from idle places first
                                                  (ccap_plan_kindergarten()) */
    const ccap_kindergarten_params *kindergarten_params; /**< since 0.2: the conversion's
                                                              parameters, or NULL:
                                                              #CCAP_KINDERGARTEN_PARAMS_INIT */
    const ccap_running_cost_params *running;             /**< since 0.2: running cost built up from
                                                              carers, health staff and floor area
                                                              (ccap_payers_running_cost()) for the
                                                              slots of the plan's first year, in place
                                                              of every provider's running cost in
                                                              @c costs; NULL: the costs as given */
    double infant_share; /**< since 0.2: the share of the children aged 0 at a year end who
                              are 6-12 months old, eligible for 乳儿班, from monthly births
                              (ccap_workforce_infant_share()); 0 (default): one half */
} ccap_plan_inputs;

/** The version of ::ccap_plan_inputs this header describes. */
#define CCAP_PLAN_INPUTS_VERSION 1
/** Initialiser of ::ccap_plan_inputs: nothing given. */
#define CCAP_PLAN_INPUTS_INIT                                                                      \
    {                                                                                              \
        .version = CCAP_PLAN_INPUTS_VERSION                                                        \
    }

/** How a plan is made.  Start from #CCAP_PLAN_OPTIONS_INIT or ccap_plan_options_init(). */
typedef struct ccap_plan_options {
    unsigned int version;      /**< #CCAP_PLAN_OPTIONS_VERSION */
    double occupancy;          /**< share of slots filled when demand is met, (0, 1]; 0.8 */
    double attrition;          /**< share of slots closing each year, [0, 1); 0 */
    double discount_rate;      /**< for present values of costs, [0, 1]; 0.03 */
    ccap_plan_build_rule rule; /**< who meets the targets; #CCAP_PLAN_EVERY_COUNTY */
    int from;                  /**< first year of the tables; 0: the first inventory year */
    int to;                    /**< last year; 0: the last year-end the projection covers */
    int maxmin;                /**< city rule: share new slots by lifting the lowest slots
                                    per 1,000 first (nonzero), or by the largest
                                    shortfall (0, the default) */
    double allocate;           /**< negative or NAN (the default, -1): the allocation is
                                    the plan's first-year build; else this many new slots,
                                    whole, are shared in @c allocate_year (ccap-gap
                                    --allocate), each region within its cap */
    int allocate_year;         /**< year whose gaps @c allocate closes; 0: from the first
                                    year of building on (the year after the inventory's
                                    last), the first year the top region falls short, else
                                    its first target year (the plan's own allocation year
                                    when it falls short then) */
    int takeup_from_enrolment; /**< since 0.2: nonzero to scale each region's take-up so
                                    that demand at the end of the inventory's last year is
                                    the children enrolled then
                                    (ccap_gap_takeup_from_enrolment()); 0 (default): the
                                    take-up as given */
    size_t n_trajectories;     /**< Monte Carlo trajectories; 0 (default): none */
    ccap_uncertainty_params uncertainty; /**< Monte Carlo parameters (its n_trajectories
                                              is replaced by @c n_trajectories; its
                                              progress callback, if any, is called during
                                              ccap_plan_run() only) */
} ccap_plan_options;

/** The version of ::ccap_plan_options this header describes. */
#define CCAP_PLAN_OPTIONS_VERSION 1
/** Initialiser of ::ccap_plan_options with the defaults (the Monte Carlo parameters are
 *  set by ccap_plan_options_init(); with this macro they are zero until then). */
#define CCAP_PLAN_OPTIONS_INIT                                                                     \
    {                                                                                              \
        .version = CCAP_PLAN_OPTIONS_VERSION, .occupancy = 0.8, .attrition = 0.0,                  \
        .discount_rate = 0.03, .rule = CCAP_PLAN_EVERY_COUNTY, .allocate = -1.0                    \
    }

/**
 * Fill @p options with the defaults of version @p version, Monte Carlo parameters
 * included (ccap_uncertainty_params_default()).
 *
 * @param options  The options to fill.
 * @param version  #CCAP_PLAN_OPTIONS_VERSION.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p options or a version this library does not know
 * @since 0.2
 */
CCAP_API int ccap_plan_options_init(ccap_plan_options *options, unsigned int version);

/** A plan computed by ccap_plan_run() (opaque). */
typedef struct ccap_plan ccap_plan;

/**
 * Run a plan.
 *
 * Projects the base (when given), builds the table of every region and year
 * (ccap_gap_table()), the least build schedule under the build rule, the allocation, the
 * slots after the plan, the over-build year, the cost of the schedule and, with
 * `options->n_trajectories` > 0, the Monte Carlo run.
 *
 * @param inputs    What the plan is made from (borrowed for the call).
 * @param options   How; NULL for the defaults.
 * @param[out] plan_out  The plan, to free with ccap_plan_free(); NULL on failure.
 * @param diag      Receives a message naming the region, year or input at fault (may be NULL).
 * @retval CCAP_OK        success
 * @retval CCAP_EINVAL    a required input missing, a version this library does not know,
 *                        or inputs whose sizes differ
 * @retval CCAP_EDOM      an option out of range, or years outside the projection
 * @retval CCAP_ENOTFOUND a rate missing for a region and year, or a region without
 *                        children with no slots at the end of the inventory's last year
 * @retval CCAP_ERANGE    the run would hold more than #CCAP_CELLS_MAX numbers
 * @retval CCAP_ENOMEM    out of memory
 * @return otherwise the status of the step that failed (named in @p diag)
 * @since 0.2
 */
CCAP_API int ccap_plan_run(const ccap_plan_inputs *inputs, const ccap_plan_options *options,
                           ccap_plan **plan_out, ccap_diag *diag);

/**
 * Free a plan.  NULL is a no-op.
 *
 * @param plan  The plan, or NULL.
 * @since 0.2
 */
CCAP_API void ccap_plan_free(ccap_plan *plan);

/**
 * The years of the plan's tables.
 *
 * @param plan       The plan.
 * @param[out] from_out   First year of the tables (may be NULL).
 * @param[out] to_out     Last year (may be NULL).
 * @param[out] first_build_out  First year of building: the year after the inventory's
 *                              last year (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p plan
 * @since 0.2
 */
CCAP_API int ccap_plan_years(const ccap_plan *plan, int *from_out, int *to_out,
                             int *first_build_out);

/**
 * Whether a year of the table lies outside the populations given, so that the nearest was
 * used (ccap_gap_table(); e.g. a census population for the years after it).
 *
 * @param plan  The plan.
 * @return 1 when a population was held, else 0 (also for NULL).
 * @since 0.2
 */
CCAP_API int ccap_plan_population_held(const ccap_plan *plan);

/**
 * The running cost per slot and year built up from staff and space (inputs.running): the
 * top region's slots once the plan is built at the end of its first year of building, as
 * ccap_payers_running_cost() prices the classes, carers, health staff and floor area they
 * take (ccap_plan_workforce()).
 * @param plan  The plan.
 * @param[out] per_slot_year_out  Yuan per slot and year; NAN when not built up.
 * @param[out] staff_space_share_out  Share of it spent on staff and rent; may be NULL.
 * @retval CCAP_OK        built up
 * @retval CCAP_ENOTFOUND the plan has no running cost of its own (no inputs.running, no
 *                        costs, or no year of building)
 * @retval CCAP_EINVAL    a NULL @p plan or @p per_slot_year_out
 * @since 0.2
 */
CCAP_API int ccap_plan_running_cost(const ccap_plan *plan, double *per_slot_year_out,
                                    double *staff_space_share_out);

/**
 * The factor a region's take-up was scaled by to meet the children enrolled at the end of
 * the inventory's last year (options.takeup_from_enrolment; ccap_gap_takeup_from_enrolment()).
 * @param plan    The plan.
 * @param region  A region index.
 * @return The factor; NAN when take-up was not calibrated, or for a NULL plan or a region
 *         out of range.
 * @since 0.2
 */
CCAP_API double ccap_plan_takeup_factor(const ccap_plan *plan, size_t region);

/**
 * The options the plan was made with, defaults filled in (from, to, allocate_year).
 *
 * @param plan  The plan.
 * @return The options, owned by @p plan; NULL for NULL @p plan.
 * @since 0.2
 */
CCAP_API const ccap_plan_options *ccap_plan_options_used(const ccap_plan *plan);

/**
 * The projection of the plan (NULL when the plan was given populations).
 *
 * @param plan  The plan.
 * @return The projection, owned by @p plan, valid until ccap_plan_free().
 * @since 0.2
 */
CCAP_API const ccap_projection *ccap_plan_projection(const ccap_plan *plan);

/**
 * One row of the plan's table: residents, children under 3, slots, target and demand of
 * @p region at the end of @p year (see ::ccap_gap_row), before any new building.
 *
 * @param plan    The plan.
 * @param region  Region index.
 * @param year    A year from the tables' first to their last.
 * @return The row, owned by @p plan; NULL when an argument is out of range.
 * @since 0.2
 */
CCAP_API const ccap_gap_row *ccap_plan_gap(const ccap_plan *plan, size_t region, int year);

/**
 * Residents by region × sex × age at the end of @p year (1 January of @p year + 1,
 * interpolated between the projection's steps; ccap_projection_population_at()), for
 * every year from the base year to the last: the population behind every stock of the
 * plan.  Its year is @p year; its date 1 January of the year after.
 *
 * @param plan  A plan with a projection.
 * @param year  From the base population's year to the last year of the plan.
 * @return The population, owned by @p plan; NULL for a plan given populations or a year
 *         out of range.
 * @since 0.2
 */
CCAP_API const ccap_population *ccap_plan_population(const ccap_plan *plan, int year);

/**
 * The whole table: every row of ccap_plan_gap(), years from the first to the last,
 * regions in index order within a year: `rows[(Y − from)·n_regions + region]`.
 *
 * @param plan  The plan.
 * @param[out] n_rows_out  Number of rows (may be NULL).
 * @return The rows, owned by @p plan; NULL for NULL @p plan.
 * @since 0.2
 */
CCAP_API const ccap_gap_row *ccap_plan_gap_rows(const ccap_plan *plan, size_t *n_rows_out);

/**
 * The whole build schedule: `new_slots[region·n + (Y − first)]` with n the years from
 * the first year of building to the last (see ccap_plan_new_slots()).
 *
 * @param plan  The plan.
 * @param[out] n_years_out  n (may be NULL).
 * @return The schedule, owned by @p plan; NULL for NULL @p plan.
 * @since 0.2
 */
CCAP_API const double *ccap_plan_schedule(const ccap_plan *plan, size_t *n_years_out);

/**
 * Events of calendar year @p year in @p region (ccap_projection_year_events()).
 *
 * @param plan    A plan with a projection.
 * @param region  Region index.
 * @param year    A calendar year wholly within the projection.
 * @param[out] births_out   Births, both sexes (may be NULL).
 * @param[out] deaths_out   Deaths (may be NULL).
 * @param[out] migrants_out Net migrants (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p plan, a plan without projection, @p region out of range
 * @retval CCAP_EDOM    @p year not wholly projected (outputs NAN)
 * @since 0.2
 */
CCAP_API int ccap_plan_events(const ccap_plan *plan, size_t region, int year, double *births_out,
                              double *deaths_out, double *migrants_out);

/**
 * New slots the plan builds in @p region during @p year, whole slots (parents: the sums
 * of their children).
 *
 * @param plan    The plan.
 * @param region  Region index.
 * @param year    From the first year of building to the last year.
 * @return The slots; NAN when an argument is out of range.
 * @since 0.2
 */
CCAP_API double ccap_plan_new_slots(const ccap_plan *plan, size_t region, int year);

/**
 * Slots of @p region at the end of @p year once the plan is built: the slots of the
 * table plus the new slots of the plan carried on with the attrition,
 * `c(Y) = c(Y−1)·(1 − attrition) + new(Y)`.
 *
 * @param plan    The plan.
 * @param region  Region index.
 * @param year    A year of the tables.
 * @param[out] slots_out     The slots (may be NULL).
 * @param[out] per_1000_out  Slots per 1,000 residents at the end of the year (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p plan, or an argument out of range (outputs NAN)
 * @since 0.2
 */
CCAP_API int ccap_plan_slots_after(const ccap_plan *plan, size_t region, int year,
                                   double *slots_out, double *per_1000_out);

/**
 * The allocation: new slots per region in the allocation year (the plan's first-year
 * build, or `options.allocate` slots in `options.allocate_year`).
 *
 * @param plan    The plan.
 * @param region  Region index.
 * @return New slots of @p region (parents: sums); NAN when out of range.
 * @since 0.2
 */
CCAP_API double ccap_plan_allocation(const ccap_plan *plan, size_t region);

/**
 * Classes, carers, health staff and floor area of the slots held, needed (the binding
 * target) and planned (after the plan's building), for every region and year of the
 * tables (ccap_workforce_table(); layout
 * `rows[((Y − from)·n_regions + region)·#CCAP_WORKFORCE_N_BASES + basis]`).
 * @param plan  The plan.
 * @param[out] n_rows_out  Number of rows (may be NULL; 0 for a plan without tables).
 * @return The rows, owned by @p plan; NULL for a plan without tables or NULL @p plan.
 * @since 0.2
 */
CCAP_API const ccap_workforce_row *ccap_plan_workforce(const ccap_plan *plan, size_t *n_rows_out);

/**
 * Kindergarten places and the 托班 slots converted from them (ccap_kindergarten.h), for
 * every region and year of building: `rows[region·n + (Y − first)]`, n and first as for
 * ccap_plan_schedule().  For each region without children and year: its children aged
 * 3-5 at the end of the year, its places (the latest row of the input not after the
 * year), demand and idle places, the whole slots that may stand converted (at most what
 * its children aged 2 need, less the kindergarten 托班 slots of the inventory's last
 * year), then ccap_kindergarten_convert() on its schedule; parents are the sums of their
 * children (places NAN when none of them has any).  The plan's cost
 * (ccap_plan_cost()) counts converted slots at the capital cost per converted slot and
 * the rest at the capital cost per new slot (`build_cost` NAN without costs), and the
 * workforce table's planned slots hold the converted ones as 幼儿园托班 places.
 *
 * @param plan  The plan.
 * @param[out] n_rows_out  Number of rows (may be NULL; 0 without kindergartens).
 * @return The rows, owned by @p plan; NULL for a plan without kindergarten places.
 * @since 0.2
 */
CCAP_API const ccap_kindergarten_row *ccap_plan_kindergarten(const ccap_plan *plan,
                                                             size_t *n_rows_out);

/**
 * The kindergarten rows of one region (ccap_plan_kindergarten()) added up over the years
 * of building: the 托班 slots converted from idle places, the new slots built, and the
 * conversion's capital cost.  The summary's and the report's totals.
 *
 * @param plan  The plan.
 * @param region  Region index (a parent's rows are already the sums of its children's).
 * @param[out] converted_out  Slots converted, or NULL; NAN on failure.
 * @param[out] built_out  New slots built, or NULL; NAN on failure.
 * @param[out] conversion_cost_out  Capital of the conversions, yuan, or NULL; NAN on failure.
 * @retval CCAP_OK        success
 * @retval CCAP_EINVAL    NULL @p plan or @p region out of range
 * @retval CCAP_ENOTFOUND the plan has no kindergarten places
 * @since 0.2
 */
CCAP_API int ccap_plan_kindergarten_totals(const ccap_plan *plan, size_t region,
                                           double *converted_out, double *built_out,
                                           double *conversion_cost_out);

/**
 * What the allocation shared.
 *
 * @param plan  The plan.
 * @param[out] year_out         The year whose gaps it closes (may be NULL).
 * @param[out] n_new_out        Slots shared (may be NULL).
 * @param[out] unallocated_out  Slots no region had a shortfall left for (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p plan
 * @since 0.2
 */
CCAP_API int ccap_plan_allocation_info(const ccap_plan *plan, int *year_out, double *n_new_out,
                                       double *unallocated_out);

/**
 * The first year the per-1,000 target of the top region needs more slots than demand
 * (ccap_gap_overbuild(), over every year of the table).
 *
 * @param plan  The plan.
 * @param[out] year_out  The year; 0 when the target stays within demand.
 * @retval CCAP_OK        success
 * @retval CCAP_EINVAL    NULL argument
 * @retval CCAP_ENOTFOUND the plan has no take-up, hence no demand (year 0)
 * @since 0.2
 */
CCAP_API int ccap_plan_overbuild_year(const ccap_plan *plan, int *year_out);

/**
 * The slots the per-1,000 target of the top region needs beyond what demand fills at the
 * end of @p year: the slots that would stand idle (`max(0, target slots − demand slots)`,
 * ccap_gap_overbuild()'s `idle_out`; fractional, as the table's).
 *
 * @param plan  The plan.
 * @param year  A year of the table (ccap_plan_years()).
 * @param[out] idle_out  The slots; untouched on failure.
 * @retval CCAP_OK        success
 * @retval CCAP_EINVAL    NULL argument
 * @retval CCAP_ENOTFOUND the plan has no take-up, hence no demand
 * @retval CCAP_EDOM      @p year outside the table
 * @since 0.2
 */
CCAP_API int ccap_plan_idle_slots(const ccap_plan *plan, int year, double *idle_out);

/**
 * The cost of the top region's build schedule (ccap_gap_schedule_cost()).  With
 * kindergarten places (ccap_plan_kindergarten()) each year's capital is that of the slots
 * converted and built, and the central subsidy for new inclusive slots is at most that
 * capital.
 *
 * @param plan  The plan.
 * @param[out] totals_out           Nominal and present-value totals.
 * @param[out] inclusive_share_out  Inclusive (普惠) share of the new slots (may be NULL).
 * @retval CCAP_OK        success
 * @retval CCAP_EINVAL    NULL @p plan or @p totals_out
 * @retval CCAP_ENOTFOUND no costs given, or none with a `*` or `institution` row
 * @since 0.2
 */
CCAP_API int ccap_plan_cost(const ccap_plan *plan, ccap_gap_cost_totals *totals_out,
                            double *inclusive_share_out);

/**
 * Who pays for the top region's plan, year by year (ccap_payers_budget()): from the first
 * year of building to the last year, the new slots of the plan (ccap_plan_new_slots()),
 * the slots operated once it is built (ccap_plan_slots_after()) and the children under 3
 * of each year, priced with the costs' `*` row (else its `institution` row), the plan's
 * occupancy and the inclusive (普惠) share of its new slots (ccap_plan_cost()).
 *
 * @param plan     The plan.
 * @param pp       Fees, operating subsidies, the childcare subsidy (育儿补贴) and the share
 *                 of children registered locally; its @c occupancy and @c inclusive_share
 *                 are not read (the plan's are used).  Borrowed for the call.
 * @param[out] rows_out  One row a year, the first year of building first (ccap_plan_years());
 *                       all NAN on a failure of ccap_payers_budget().
 * @param n_rows   Rows @p rows_out holds: at least last year − first year of building + 1.
 * @param[out] pv_out  Present values at the plan's discount rate
 *                     (ccap_payers_present_value(); may be NULL).
 * @retval CCAP_OK        success
 * @retval CCAP_EINVAL    NULL @p plan, @p pp or @p rows_out, or @p n_rows too small
 * @retval CCAP_ENOTFOUND no costs given, none with a `*` or `institution` row, or no year
 *                        of building
 * @retval CCAP_EDOM      an amount of @p pp out of its range (ccap_payers_budget())
 * @retval CCAP_ENOMEM    out of memory
 * @since 0.2
 */
CCAP_API int ccap_plan_budget(const ccap_plan *plan, const ccap_payer_params *pp,
                              ccap_budget_year rows_out[], size_t n_rows, ccap_budget_year *pv_out);

/**
 * The Monte Carlo run of the plan.
 *
 * @param plan  The plan.
 * @return The result, owned by @p plan; NULL when the plan ran no trajectories.
 * @since 0.2
 */
CCAP_API const ccap_uncertainty_result *ccap_plan_uncertainty(const ccap_plan *plan);

/**
 * The childcare measures of the Monte Carlo run (ccap_gap_uncertainty_run()): per
 * trajectory, the slots the targets and demand need and the gaps, against the slots of
 * the inventory's last year held (no new building), for every calendar year after the
 * jump-off.
 *
 * @param plan  The plan.
 * @return The measures, owned by @p plan; NULL when the plan ran no trajectories or has
 *         no slots or targets.
 * @since 0.2
 */
CCAP_API const ccap_gap_uncertainty *ccap_plan_gap_uncertainty(const ccap_plan *plan);

CCAP_END_DECLS

#endif /* CCAP_PLAN_H */
