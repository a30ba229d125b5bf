/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The whole plan of a place in one call (see ccap_plan.h). */

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

/* The most years a plan's tables may span. */
#define PLAN_YEARS_MAX 1000

struct ccap_plan {
    ccap_plan_options options; /* as used: defaults filled in */
    size_t n_regions, root;
    ccap_projection *proj;      /* NULL: populations were given */
    size_t steps;               /* steps projected */
    ccap_population **year_end; /* residents at the end of base_year + i (projected plans) */
    size_t n_year_end;
    int base_year;
    int from, to, first; /* table years; first year of building */
    ccap_gap_row *rows;  /* [(Y − from)·R + r] */
    double *new_slots;   /* [r·n + (Y − first)], n = to − first + 1 */
    double *after;       /* [(Y − from)·R + r]: slots once the plan is built */
    double *alloc;       /* [r] */
    double n_alloc, unallocated;
    int alloc_year;
    int overbuild_year; /* 0: none */
    double *idle;       /* [Y − from]: the top region's slots the target needs beyond demand */
    int have_demand, have_cost, held;
    ccap_gap_cost_totals cost;
    int have_unit;            /* the unit costs of the budget by payer are known */
    ccap_gap_unit_costs unit; /* the costs' `*` row, else its `institution` row */
    double inclusive_share;
    ccap_uncertainty_result *mc;
    ccap_gap_uncertainty *mc_gaps; /* its childcare measures (slots and targets given) */
    ccap_workforce_row *workforce; /* [((Y − from)·R + r)·bases + basis] */
    size_t n_workforce;
    ccap_kindergarten_row *kg; /* [r·n + (Y − first)]; NULL: no kindergarten places */
    size_t n_kg;
    double running, staff_share;   /* running cost built up from staff (NAN: not) */
    ccap_childcare_takeup *takeup; /* take-up calibrated to enrolment, or NULL */
    double *takeup_factor;         /* [r], with it */
};

int
ccap_plan_options_init(ccap_plan_options *options, unsigned int version)
{
    const ccap_plan_options init = CCAP_PLAN_OPTIONS_INIT;

    if (options == NULL || version != CCAP_PLAN_OPTIONS_VERSION)
        return CCAP_EINVAL;
    *options = init;
    options->uncertainty = ccap_uncertainty_params_default();
    options->uncertainty.n_trajectories = 0;
    return CCAP_OK;
}

void
ccap_plan_free(ccap_plan *plan)
{
    if (plan == NULL)
        return;
    ccap_gap_uncertainty_free(plan->mc_gaps);
    ccap_uncertainty_result_free(plan->mc);
    free(plan->idle);
    free(plan->kg);
    free(plan->workforce);
    ccap_childcare_takeup_free(plan->takeup);
    free(plan->takeup_factor);
    free(plan->alloc);
    free(plan->after);
    free(plan->new_slots);
    free(plan->rows);
    for (size_t i = 0; i < plan->n_year_end; i++)
        ccap_population_free(plan->year_end[i]);
    free(plan->year_end);
    ccap_projection_free(plan->proj);
    free(plan);
}

static int fail(ccap_diag *diag, int status, const char *fmt, ...) CCAP__PRINTF(3, 4);

static int
fail(ccap_diag *diag, int status, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    ccap__diag_vset(diag, status, NULL, 0, 0, NULL, fmt, ap);
    va_end(ap);
    return status;
}

/* The projection of the base, or CCAP_* with the region, year and input in diag. */
static int
project(ccap_plan *p, const ccap_plan_inputs *in, ccap_diag *diag)
{
    const size_t G = ccap_population_n_ages(in->base), width = ccap_population_age_width(in->base);
    ccap_rates_workspace *ws;
    size_t cells, i;
    int status;

    /* the years of the plan end with base year + steps·width; when the base is within a
     * year (a census on 1 November), one more step reaches the end of that year */
    p->base_year = ccap_population_year(in->base);
    p->steps = ccap_projection_steps_to_year_end(in->base, in->n_steps);
    status = ccap_projection_cells(p->n_regions, G, p->steps, &cells, diag);
    if (status != CCAP_OK)
        return status;
    if (in->assumptions.mortality == NULL)
        return fail(diag, CCAP_EINVAL, "the plan has a base population but no mortality");
    p->proj = ccap_projection_alloc(p->n_regions, G, width, p->steps);
    ws = ccap_rates_workspace_alloc(p->n_regions, G, width,
                                    ccap_schedule_n_ages(in->assumptions.mortality));
    if (p->proj == NULL || ws == NULL) {
        ccap_rates_workspace_free(ws);
        return fail(diag, CCAP_ENOMEM, "out of memory for the projection");
    }
    status = ccap_projection_init(p->proj, in->base, in->regions);
    if (status == CCAP_OK)
        status = ccap_projection_run(p->proj, &in->assumptions, in->regions, p->steps, ws, diag);
    else
        fail(diag, status, "projection: %s", ccap_strerror(status));
    ccap_rates_workspace_free(ws);
    if (status != CCAP_OK)
        return status; /* diag: the assumption, region and step at fault */
    /* residents at the end of every year: 1 January of the year after */
    p->n_year_end = (size_t)(in->n_steps * width) + 1;
    p->year_end = calloc(p->n_year_end, sizeof *p->year_end);
    if (p->year_end == NULL) {
        p->n_year_end = 0;
        return fail(diag, CCAP_ENOMEM, "out of memory");
    }
    for (i = 0; i < p->n_year_end; i++) {
        const int year = p->base_year + (int)i;
        p->year_end[i] = ccap_population_alloc(p->n_regions, G, width);
        if (p->year_end[i] == NULL)
            return fail(diag, CCAP_ENOMEM, "out of memory");
        status = ccap_projection_year_end(p->proj, year, p->year_end[i]);
        if (status != CCAP_OK)
            return fail(diag, status, "residents at the end of %d: %s", year,
                        ccap_strerror(status));
    }
    return CCAP_OK;
}

/* The last year whose end (1 January after) the populations reach. */
static int
last_year_end(const ccap_population *last)
{
    return (int)floor(ccap_population_time(last) + 1e-9) - 1;
}

static ccap_gap_row *
row(const ccap_plan *p, int year, size_t r)
{
    return &p->rows[(size_t)(year - p->from) * p->n_regions + r];
}

/* City rule: the top region's least schedule, each year's new slots shared between the
 * regions without children by the largest shortfall left (or the lowest ratio). */
static int
schedule_city(ccap_plan *p, const ccap_plan_inputs *in, size_t n)
{
    const size_t R = p->n_regions;
    double *required = ccap__alloc(n, sizeof *required), *built = ccap__alloc(n, sizeof *built);
    double *carried = ccap__alloc(R, sizeof *carried), *alloc = ccap__alloc(R, sizeof *alloc);
    ccap_gap_row *year_rows = ccap__alloc(R, sizeof *year_rows);
    const double s0 = row(p, p->first - 1, p->root)->slots;
    int status = CCAP_OK;
    size_t i, r;

    if (required == NULL || built == NULL || carried == NULL || alloc == NULL ||
        year_rows == NULL) {
        status = CCAP_ENOMEM;
        goto out;
    }
    for (i = 0; i < n; i++) {
        const double need = row(p, p->first + (int)i, p->root)->target_slots;
        required[i] = 0.0;
        if (!isnan(need))
            ccap_gap_slots_round_up(need, 1e-9, &required[i]);
    }
    status = isnan(s0) ? CCAP_ENOTFOUND
                       : ccap_gap_build_greedy(s0, p->options.attrition, required, n, built, NULL);
    if (status != CCAP_OK)
        goto out;
    for (r = 0; r < R; r++)
        carried[r] = 0.0;
    for (i = 0; i < n; i++) {
        double whole = 0.0, left = 0.0;
        ccap_gap_slots_round_up(built[i], 1e-9, &whole);
        for (r = 0; r < R; r++) {
            year_rows[r] = *row(p, p->first + (int)i, r);
            carried[r] *= 1.0 - p->options.attrition;
            year_rows[r].slots += carried[r];
            if (!isnan(year_rows[r].target_slots))
                year_rows[r].gap = year_rows[r].target_slots - year_rows[r].slots;
        }
        status = ccap_gap_table_allocate(in->regions, year_rows, R, in->caps, whole,
                                         p->options.maxmin, alloc, &left);
        if (status != CCAP_OK)
            goto out;
        if (i == 0)
            p->unallocated = left; /* the caps left these unbuilt in the first year */
        for (r = 0; r < R; r++) {
            p->new_slots[r * n + i] = alloc[r];
            if (ccap_regions_n_children(in->regions, r) == 0)
                carried[r] += alloc[r];
        }
    }
out:
    free(required);
    free(built);
    free(carried);
    free(alloc);
    free(year_rows);
    return status;
}

/* The build schedule under the rule, the slots after it and the allocation. */
static int
build(ccap_plan *p, const ccap_plan_inputs *in, ccap_diag *diag)
{
    const size_t R = p->n_regions, n = p->to >= p->first ? (size_t)(p->to - p->first + 1) : 0;
    size_t r, bad = 0;
    int y, status = CCAP_OK;

    p->new_slots = ccap__alloc(n > 0 ? n * R : 1, sizeof *p->new_slots);
    p->after = ccap__alloc((size_t)(p->to - p->from + 1) * R, sizeof *p->after);
    p->alloc = ccap__alloc(R, sizeof *p->alloc);
    if (p->new_slots == NULL || p->after == NULL || p->alloc == NULL)
        return fail(diag, CCAP_ENOMEM, "out of memory for the schedule");
    for (r = 0; r < R; r++)
        p->alloc[r] = 0.0;
    if (n == 0)
        ; /* no year to build in: the table only */
    else if (p->options.rule == CCAP_PLAN_CITY_ONLY)
        status = schedule_city(p, in, n);
    else
        status = ccap_gap_table_schedule(in->regions, p->rows, p->from, p->to, p->first,
                                         p->options.attrition, p->new_slots, n * R, &bad);
    if (status == CCAP_ENOTFOUND)
        return fail(
            diag, status,
            "region '%s' (%s) has no slots at the end of %d to build on: "
            "add its rows to the slots file, or a row of 0",
            ccap_regions_code(in->regions, p->options.rule == CCAP_PLAN_CITY_ONLY ? p->root : bad),
            ccap_regions_name(in->regions, p->options.rule == CCAP_PLAN_CITY_ONLY ? p->root : bad),
            p->first - 1);
    if (status != CCAP_OK)
        return fail(diag, status, "build schedule: %s", ccap_strerror(status));
    /* slots after the plan: the table's plus the plan's, carried on with the attrition */
    for (r = 0; r < R; r++) {
        double carried = 0.0;
        for (y = p->from; y <= p->to; y++) {
            if (y >= p->first && n > 0)
                carried = carried * (1.0 - p->options.attrition) +
                          p->new_slots[r * n + (size_t)(y - p->first)];
            p->after[(size_t)(y - p->from) * R + r] = row(p, y, r)->slots + carried;
        }
    }
    /* the allocation: the plan's first year (unallocated: what caps left unbuilt under the
     * city rule, else 0), or the slots the options give */
    if (!(p->options.allocate >= 0.0)) { /* negative or NAN: the plan's own */
        p->alloc_year = p->first;
        p->n_alloc = n > 0 ? p->new_slots[p->root * n] : 0.0;
        for (r = 0; r < R && n > 0; r++)
            p->alloc[r] = p->new_slots[r * n];
        return CCAP_OK;
    }
    /* by default the first year the top region falls short from the plan's first year on
     * (the years before it are observed: nothing can be built in them any more), else its
     * first target year from then on, else its first target year */
    p->alloc_year = p->options.allocate_year;
    for (y = p->first; p->alloc_year == 0 && y <= p->to; y++) {
        if (row(p, y, p->root)->gap > 0.0)
            p->alloc_year = y;
    }
    for (y = p->first; p->alloc_year == 0 && y <= p->to; y++) {
        if (!isnan(row(p, y, p->root)->target_per_1000))
            p->alloc_year = y;
    }
    for (y = p->from; p->alloc_year == 0 && y <= p->to; y++) {
        if (!isnan(row(p, y, p->root)->target_per_1000))
            p->alloc_year = y;
    }
    if (p->alloc_year < p->from || p->alloc_year > p->to)
        return fail(diag, CCAP_EDOM, "the allocation year %d is outside the plan's years %d-%d",
                    p->alloc_year, p->from, p->to);
    p->n_alloc = p->options.allocate;
    status = ccap_gap_table_allocate(in->regions, row(p, p->alloc_year, 0), R, in->caps, p->n_alloc,
                                     p->options.maxmin, p->alloc, &p->unallocated);
    if (status != CCAP_OK)
        return fail(diag, status, "allocation at the end of %d: %s", p->alloc_year,
                    ccap_strerror(status));
    return CCAP_OK;
}

/* The running cost per slot and year of the top region's slots at the end of the first
 * year of building, from the staff and space they take (ccap_payers_running_cost()). */
static int
running_from_staff(ccap_plan *p, const ccap_plan_inputs *in, ccap_diag *diag)
{
    const size_t base =
        ((size_t)(p->first - p->from) * p->n_regions + p->root) * CCAP_WORKFORCE_N_BASES;
    const ccap_workforce_row *w;
    int status;

    if (p->workforce == NULL || p->first > p->to)
        return fail(diag, CCAP_EDOM, "running cost from staff: no year of building");
    w = &p->workforce[base + CCAP_WORKFORCE_PLANNED];
    status =
        ccap_payers_running_cost(&w->need, w->slots, in->running, &p->running, &p->staff_share);
    if (status != CCAP_OK)
        return fail(diag, status,
                    "running cost from staff at the end of %d: %s (the slots %g, or a wage, "
                    "rent or other cost negative or not finite)",
                    p->first, ccap_strerror(status), w->slots);
    return CCAP_OK;
}

/* A copy of costs with every row's running cost replaced by running; NULL when out of
 * memory. */
static ccap_gap_costs *
costs_with_running(const ccap_gap_costs *costs, double running)
{
    ccap_gap_costs *out = ccap_gap_costs_alloc();
    ccap_gap_unit_costs u;
    size_t i;

    for (i = 0; out != NULL && i <= CCAP_GAP_N_PROVIDERS; i++) {
        const char *name = i < CCAP_GAP_N_PROVIDERS ? ccap_gap_costs_provider(i) : "*";
        if (!ccap_gap_costs_has(costs, name) || ccap_gap_costs_get(costs, name, &u) != CCAP_OK)
            continue;
        u.running_per_slot_year = running;
        if (ccap_gap_costs_set(out, name, &u) != CCAP_OK) {
            ccap_gap_costs_free(out);
            out = NULL;
        }
    }
    return out;
}

/* An inclusive-share target of the first year of building raises the share of the new
 * slots that are inclusive (普惠) above the inventory's, to what brings the slots once built
 * to the target: i = (t·(S + N) − I) / N, at most 1, with S and I the slots and inclusive
 * slots held, N the new slots; the central subsidy per new inclusive slot follows. */
static void
inclusive_by_target(ccap_plan *p, size_t n)
{
    const ccap_gap_row *held = row(p, p->first - 1, p->root), *g = row(p, p->first, p->root);
    const double N = p->new_slots[p->root * n];
    double need, f = 1.0;
    size_t i;

    if (isnan(g->inclusive_target) || isnan(held->inclusive_slots) || !(N > 0.0))
        return;
    need = (g->inclusive_target * (held->slots + N) - held->inclusive_slots) / N;
    if (need > 1.0)
        need = 1.0;
    if (!(need > p->inclusive_share))
        return;
    p->inclusive_share = need;
    p->cost.subsidy = p->cost.pv_subsidy = 0.0;
    for (i = 0; i < n; i++, f /= 1.0 + p->options.discount_rate) {
        const double x = p->unit.subsidy_per_inclusive_slot * need * p->new_slots[p->root * n + i];
        p->cost.subsidy += x;
        p->cost.pv_subsidy += f * x;
    }
}

/* The over-build year and the cost of the top region's schedule. */
static int
summarise(ccap_plan *p, const ccap_plan_inputs *in, ccap_diag *diag)
{
    const size_t n = p->to >= p->first ? (size_t)(p->to - p->first + 1) : 0,
                 n_all = (size_t)(p->to - p->from + 1);
    double *target = ccap__alloc(2 * n_all, sizeof *target), *demand;
    ccap_gap_costs *built = NULL;
    size_t i, over = CCAP_GAP_NO_YEAR;
    int status;

    if (target == NULL)
        return fail(diag, CCAP_ENOMEM, "out of memory");
    /* the over-build year, over every year of the table */
    demand = target + n_all;
    p->have_demand = in->takeup != NULL;
    for (i = 0; i < n_all && p->have_demand; i++) {
        target[i] = row(p, p->from + (int)i, p->root)->target_slots;
        demand[i] = row(p, p->from + (int)i, p->root)->demand_slots;
        if (isnan(target[i]))
            target[i] = 0.0;
        if (isnan(demand[i]))
            p->have_demand = 0;
    }
    if (p->have_demand && (p->idle = calloc(n_all, sizeof *p->idle)) == NULL) {
        free(target);
        return fail(diag, CCAP_ENOMEM, "out of memory");
    }
    if (p->have_demand)
        ccap_gap_overbuild(target, demand, n_all, p->idle, &over);
    p->overbuild_year = over == CCAP_GAP_NO_YEAR ? 0 : p->from + (int)over;
    free(target);
    if (in->costs == NULL || n == 0)
        return CCAP_OK;
    p->have_unit = ccap_gap_costs_get(in->costs, "*", &p->unit) == CCAP_OK ||
                   ccap_gap_costs_get(in->costs, "institution", &p->unit) == CCAP_OK;
    if (in->running != NULL) {
        if ((status = running_from_staff(p, in, diag)) != CCAP_OK)
            return status;
        if ((built = costs_with_running(in->costs, p->running)) == NULL)
            return fail(diag, CCAP_ENOMEM, "out of memory");
        p->unit.running_per_slot_year = p->running;
    }
    status = ccap_gap_schedule_cost(built != NULL ? built : in->costs, in->inventory, in->regions,
                                    p->root, p->first - 1, p->new_slots + p->root * n, n,
                                    p->options.attrition, p->options.discount_rate, &p->cost,
                                    &p->inclusive_share);
    ccap_gap_costs_free(built);
    p->have_cost = status == CCAP_OK;
    if (p->have_cost && p->have_unit)
        inclusive_by_target(p, n);
    if (status != CCAP_OK && status != CCAP_ENOTFOUND)
        return fail(diag, status, "cost: %s", ccap_strerror(status));
    if (p->have_cost && p->kg != NULL) {
        /* converted slots at their own capital cost: capital_t = unit·built_t +
         * conversion·converted_t, the conversion cost of each row already computed; the
         * central subsidy for the new inclusive slots never pays more than that capital */
        double f = 1.0;
        for (i = 0; i < n; i++, f /= 1.0 + p->options.discount_rate) {
            const ccap_kindergarten_row *k = &p->kg[p->root * n + i];
            const double new_t = p->new_slots[p->root * n + i];
            const double capital = k->build_cost + k->conversion_cost;
            const double saved = new_t * p->unit.capital_per_slot - capital;
            const double subsidy = p->unit.subsidy_per_inclusive_slot * p->inclusive_share * new_t;
            const double excess = subsidy > capital ? subsidy - capital : 0.0;
            p->cost.capital -= saved;
            p->cost.pv_capital -= f * saved;
            p->cost.subsidy -= excess;
            p->cost.pv_subsidy -= f * excess;
        }
    }
    return CCAP_OK;
}

/* The unit costs of a new slot: the costs' `*` row, else `institution`'s (as
 * ccap_gap_schedule_cost()); every field NAN without either. */
static ccap_gap_unit_costs
unit_costs(const ccap_gap_costs *costs)
{
    ccap_gap_unit_costs unit = {NAN, NAN, NAN};

    if (costs != NULL && ccap_gap_costs_get(costs, "*", &unit) != CCAP_OK)
        ccap_gap_costs_get(costs, "institution", &unit);
    return unit;
}

/* Sum the kindergarten row x into sum (places: NAN until one is known). */
static void
kg_add(ccap_kindergarten_row *sum, const ccap_kindergarten_row *x)
{
    if (!isnan(x->places))
        sum->places = isnan(sum->places) ? x->places : sum->places + x->places;
    sum->children += x->children;
    sum->demand += x->demand;
    sum->idle += x->idle;
    sum->convertible += x->convertible;
    sum->converted += x->converted;
    sum->built += x->built;
    sum->conversion_cost += x->conversion_cost;
    sum->build_cost += x->build_cost;
}

/* One region without children: its children, places and idle places in every year of
 * building, the slots that may stand converted, then its schedule split into converted
 * and built (ccap_kindergarten.h).  work: n_years × 2 doubles. */
static int
kg_region(ccap_plan *p, const ccap_plan_inputs *in, const ccap_kindergarten_params *kp,
          const ccap_population *const *years, size_t n, size_t r, double *work)
{
    const double *takeup = NULL, *new_slots = p->new_slots + r * n;
    double held = 0.0, *convertible = work, *converted = work + n;
    size_t i;
    int status;

    if (in->takeup != NULL &&
        (status = ccap_childcare_takeup_find(in->takeup, r, &takeup)) != CCAP_OK)
        return status;
    if (ccap_childcare_inventory_total(in->inventory, in->regions, r, p->first - 1,
                                       CCAP_PROVIDER_KINDERGARTEN, CCAP_INCLUSIVE_ANY, &held,
                                       NULL) != CCAP_OK ||
        isnan(held))
        held = 0.0;
    for (i = 0; i < n; i++) {
        ccap_kindergarten_row *k = &p->kg[r * n + i];
        double age2 = 0.0, room;

        k->region = r;
        k->year = p->first + (int)i;
        if ((status = ccap_population_sum_ages(years[i], r, CCAP_SEX_BOTH, 3, 6, &k->children)) !=
                CCAP_OK ||
            (status = ccap_population_sum_ages(years[i], r, CCAP_SEX_BOTH, 2, 3, &age2)) != CCAP_OK)
            return status;
        ccap_kindergarten_find(in->kindergarten, r, k->year, &k->places, NULL, NULL);
        status = ccap_kindergarten_idle(isnan(k->places) ? 0.0 : k->places, k->children,
                                        kp->enrolment_rate, &k->demand, &k->idle);
        if (status != CCAP_OK)
            return status;
        /* 托班 slots serve the children of 24-36 months only: those aged 2 */
        room = age2 * (takeup != NULL ? takeup[2] : 1.0) / p->options.occupancy - held;
        convertible[i] = k->idle * kp->slots_per_place;
        if (room < convertible[i])
            convertible[i] = room;
        convertible[i] = convertible[i] > 0.0 ? floor(convertible[i] + 1e-9) : 0.0;
        k->convertible = convertible[i];
    }
    if ((status = ccap_kindergarten_convert(new_slots, convertible, n, converted, NULL)) != CCAP_OK)
        return status;
    for (i = 0; i < n; i++) {
        ccap_kindergarten_row *k = &p->kg[r * n + i];
        k->converted = converted[i];
        k->built = new_slots[i] - converted[i];
        k->conversion_cost = converted[i] * kp->capital_per_converted_slot;
        k->build_cost = k->built * p->unit.capital_per_slot;
    }
    return CCAP_OK;
}

/* Kindergarten places and the slots converted from them in every year of building
 * (ccap_plan_kindergarten()). */
static int
kindergartens(ccap_plan *p, const ccap_plan_inputs *in, const ccap_population *const *pops,
              size_t n_pops, ccap_diag *diag)
{
    const ccap_kindergarten_params defaults = CCAP_KINDERGARTEN_PARAMS_INIT;
    const ccap_kindergarten_params *kp =
        in->kindergarten_params != NULL ? in->kindergarten_params : &defaults;
    const size_t R = p->n_regions, n = p->to >= p->first ? (size_t)(p->to - p->first + 1) : 0;
    ccap_population **years = NULL;
    double *work = NULL;
    size_t i, k;
    int held = 0, status = CCAP_OK;

    p->unit = unit_costs(in->costs);
    if (in->kindergarten == NULL || n == 0)
        return CCAP_OK;
    if (ccap_kindergarten_params_check(kp) != CCAP_OK)
        return fail(diag, CCAP_EDOM,
                    "kindergarten parameters: enrolment rate %g (0 to %g), slots per place %g "
                    "(above 0, at most 1), capital per converted slot %g (0 to 1e9)",
                    kp->enrolment_rate, CCAP_KINDERGARTEN_ENROLMENT_MAX, kp->slots_per_place,
                    kp->capital_per_converted_slot);
    p->n_kg = n * R;
    p->kg = ccap__alloc(p->n_kg, sizeof *p->kg);
    years = calloc(n, sizeof *years);
    work = ccap__alloc(2 * n, sizeof *work);
    if (p->kg == NULL || years == NULL || work == NULL) {
        status = fail(diag, CCAP_ENOMEM, "out of memory for the kindergartens");
        goto out;
    }
    for (i = 0; i < n; i++) {
        years[i] = ccap_population_alloc(R, ccap_population_n_ages(pops[0]), 1);
        if (years[i] == NULL) {
            status = fail(diag, CCAP_ENOMEM, "out of memory for the kindergartens");
            goto out;
        }
        status = ccap__population_at_end_of(pops, n_pops, p->first + (int)i, years[i], &held);
        if (status != CCAP_OK) {
            status = fail(diag, status, "children aged 3-5 at the end of %d: %s", p->first + (int)i,
                          ccap_strerror(status));
            goto out;
        }
    }
    /* regions without children, then parents as sums in reverse pre-order */
    for (k = R; k-- > 0;) {
        const size_t r = ccap_regions_preorder(in->regions, k);
        size_t c;

        if (ccap_regions_n_children(in->regions, r) == 0) {
            status = kg_region(p, in, kp, (const ccap_population *const *)years, n, r, work);
            if (status != CCAP_OK) {
                status = fail(diag, status, "kindergartens of region '%s': %s",
                              ccap_regions_code(in->regions, r), ccap_strerror(status));
                goto out;
            }
            continue;
        }
        for (i = 0; i < n; i++) {
            ccap_kindergarten_row *sum = &p->kg[r * n + i];
            memset(sum, 0, sizeof *sum);
            sum->region = r;
            sum->year = p->first + (int)i;
            sum->places = NAN;
            for (c = 0; c < ccap_regions_n_children(in->regions, r); c++)
                kg_add(sum, &p->kg[ccap_regions_child(in->regions, r, c) * n + i]);
        }
    }
out:
    for (i = 0; years != NULL && i < n; i++)
        ccap_population_free(years[i]);
    free(years);
    free(work);
    return status;
}

/* Classes, carers, health staff and floor area of the slots held, needed and planned
 * (ccap_workforce_table()), by the inputs' standard or the 2019 national one. */
static int
staff(ccap_plan *p, const ccap_plan_inputs *in, const ccap_population *const *pops, size_t n_pops,
      ccap_diag *diag)
{
    ccap_workforce_standard std;
    ccap_workforce_inputs wi;
    double *conv = NULL;
    int status;

    if (in->standard != NULL)
        std = *in->standard;
    else
        ccap_workforce_standard_2019(&std);
    p->n_workforce = (size_t)(p->to - p->from + 1) * p->n_regions * CCAP_WORKFORCE_N_BASES;
    if ((p->workforce = ccap__alloc(p->n_workforce, sizeof *p->workforce)) == NULL)
        return fail(diag, CCAP_ENOMEM, "out of memory for the workforce table");
    wi.pops = pops;
    wi.n_pops = n_pops;
    wi.regions = in->regions;
    wi.inventory = in->inventory;
    wi.takeup = in->takeup;
    wi.standard = &std;
    wi.gap_rows = p->rows;
    wi.planned = p->after;
    wi.infant_share = in->infant_share;
    wi.planned_kindergarten = NULL;
    if (p->kg != NULL) {
        /* the converted slots standing at the end of each year, carried on as p->after */
        const size_t R = p->n_regions, n = (size_t)(p->to - p->first + 1);
        size_t r;
        int y;

        if ((conv = ccap__alloc((size_t)(p->to - p->from + 1) * R, sizeof *conv)) == NULL)
            return fail(diag, CCAP_ENOMEM, "out of memory for the workforce table");
        for (r = 0; r < R; r++) {
            double carried = 0.0;
            for (y = p->from; y <= p->to; y++) {
                if (y >= p->first)
                    carried = carried * (1.0 - p->options.attrition) +
                              p->kg[r * n + (size_t)(y - p->first)].converted;
                conv[(size_t)(y - p->from) * R + r] = carried;
            }
        }
        wi.planned_kindergarten = conv;
    }
    status = ccap_workforce_table(&wi, p->from, p->to, p->workforce, p->n_workforce);
    free(conv);
    if (status != CCAP_OK)
        return fail(diag, status, "workforce: %s", ccap_strerror(status));
    return CCAP_OK;
}

/* The childcare measures of the trajectories: the slots at the end of every calendar year
 * of the run, held at the inventory's last year (no new building), the targets and the
 * take-up (ccap_gap_uncertainty_run()). */
static int
simulate_childcare(ccap_plan *p, const ccap_plan_inputs *in, ccap_diag *diag)
{
    const size_t R = p->n_regions;
    const int last_inv = p->first - 1;
    ccap_gap_uncertainty_inputs gi;
    double *slots, *takeup = NULL;
    int first = 0, last = -1, y, status;
    size_t r, n;

    memset(&gi, 0, sizeof gi);
    ccap_uncertainty_result_years(p->mc, &first, &last);
    if (last < first)
        return CCAP_OK;
    n = (size_t)(last - first + 1);
    slots = ccap__alloc(R * n, sizeof *slots);
    if (in->takeup != NULL)
        takeup = ccap__alloc(R * 3, sizeof *takeup);
    if (slots == NULL || (in->takeup != NULL && takeup == NULL)) {
        free(slots);
        free(takeup);
        return fail(diag, CCAP_ENOMEM, "out of memory");
    }
    for (r = 0; r < R; r++) {
        const double *t = NULL;
        for (y = first; y <= last; y++) {
            double v = NAN;
            ccap_childcare_inventory_total(in->inventory, in->regions, r,
                                           y < last_inv ? y : last_inv, CCAP_PROVIDER_ANY,
                                           CCAP_INCLUSIVE_ANY, &v, NULL);
            slots[r * n + (size_t)(y - first)] = isnan(v) ? 0.0 : v;
        }
        if (takeup != NULL) {
            takeup[r * 3] = takeup[r * 3 + 1] = takeup[r * 3 + 2] = 0.0;
            if (ccap_childcare_takeup_find(in->takeup, r, &t) == CCAP_OK)
                memcpy(takeup + r * 3, t, 3 * sizeof *t);
        }
    }
    gi.targets = in->targets;
    gi.takeup = takeup;
    gi.n_takeup = takeup != NULL ? R * 3 : 0;
    gi.occupancy = p->options.occupancy;
    gi.slots = slots;
    gi.n_slots = R * n;
    status = ccap_gap_uncertainty_run(p->mc, in->regions, &gi, &p->mc_gaps);
    free(slots);
    free(takeup);
    if (status != CCAP_OK)
        return fail(diag, status, "simulation of the gaps: %s", ccap_strerror(status));
    return CCAP_OK;
}

/* The Monte Carlo run: population measures by calendar year, noise after the jump-off (the
 * options', else the last year of the slot inventory, as a scenario's default). */
static int
simulate(ccap_plan *p, const ccap_plan_inputs *in, ccap_diag *diag)
{
    const size_t R = p->n_regions, S = p->steps; /* to the end of the last year */
    ccap_uncertainty_params params = p->options.uncertainty;
    size_t cells;
    int status;

    params.n_trajectories = p->options.n_trajectories;
    if (params.jump_off_year == 0 && in->inventory != NULL)
        params.jump_off_year = p->first - 1; /* the inventory's last year */
    status = ccap_uncertainty_cells(params.n_trajectories, R, ccap_population_n_ages(in->base),
                                    ccap_population_age_width(in->base), S, &cells, diag);
    if (status != CCAP_OK)
        return status;
    status =
        ccap_uncertainty_run(in->base, in->regions, &in->assumptions, S, &params, &p->mc, diag);
    if (status != CCAP_OK)
        return status; /* diag: as ccap_uncertainty_run() says */
    if (in->inventory == NULL || in->targets == NULL)
        return CCAP_OK;
    return simulate_childcare(p, in, diag);
}

static int
check(const ccap_plan_inputs *in, const ccap_plan_options *o, ccap_diag *diag)
{
    size_t i;

    if (in == NULL || in->version != CCAP_PLAN_INPUTS_VERSION)
        return fail(diag, CCAP_EINVAL,
                    "plan inputs: missing, or a version this library does "
                    "not know");
    if (o->version != CCAP_PLAN_OPTIONS_VERSION)
        return fail(diag, CCAP_EINVAL, "plan options: version %u, this library knows %d",
                    o->version, CCAP_PLAN_OPTIONS_VERSION);
    if (in->regions == NULL)
        return fail(diag, CCAP_EINVAL, "a plan needs a region table");
    if ((in->inventory == NULL || (in->targets == NULL && in->target_set == NULL)) &&
        in->base == NULL)
        return fail(diag, CCAP_EINVAL, "a plan of given populations needs slots and targets");
    if (in->base == NULL && (in->populations == NULL || in->n_populations == 0))
        return fail(diag, CCAP_EINVAL, "a plan needs a base population or projected populations");
    if (in->base != NULL && in->n_steps == 0)
        return fail(diag, CCAP_EINVAL, "a plan from a base population needs at least one step");
    if (!(o->occupancy > 0.0 && o->occupancy <= 1.0))
        return fail(diag, CCAP_EDOM, "occupancy %g is not in (0, 1]", o->occupancy);
    if (!(o->attrition >= 0.0 && o->attrition < 1.0))
        return fail(diag, CCAP_EDOM, "attrition %g is not in [0, 1)", o->attrition);
    if (!(o->discount_rate >= 0.0 && o->discount_rate <= 1.0))
        return fail(diag, CCAP_EDOM, "discount rate %g is not in [0, 1]", o->discount_rate);
    if (o->rule != CCAP_PLAN_EVERY_COUNTY && o->rule != CCAP_PLAN_CITY_ONLY)
        return fail(diag, CCAP_EDOM, "unknown build rule %d", (int)o->rule);
    if (o->allocate >= 0.0 && !(o->allocate - floor(o->allocate) <= 0.0 && o->allocate < 1e15))
        return fail(diag, CCAP_EDOM, "slots to allocate %g are not a whole number >= 0",
                    o->allocate);
    if (o->n_trajectories > 0 && in->base == NULL)
        return fail(diag, CCAP_EINVAL, "a Monte Carlo run needs a base population");
    if (o->from != 0 && o->to != 0 && o->from > o->to)
        return fail(diag, CCAP_EDOM, "the first year %d is after the last, %d", o->from, o->to);
    if (o->from < 0 || o->to < 0 || o->from > CCAP_YEAR_MAX || o->to > CCAP_YEAR_MAX ||
        (o->from != 0 && o->to != 0 && o->to - o->from > PLAN_YEARS_MAX))
        return fail(diag, CCAP_ERANGE, "years %d to %d: outside 0 to %d, or more than %d years",
                    o->from, o->to, CCAP_YEAR_MAX, PLAN_YEARS_MAX);
    if (in->base != NULL && ccap_population_age_width(in->base) != 1)
        return fail(diag, CCAP_EINVAL,
                    "a plan needs the base population in single years of "
                    "age (children under 3 by age); it has %zu-year groups",
                    ccap_population_age_width(in->base));
    for (i = 0; in->base == NULL && i < in->n_populations; i++) {
        if (in->populations[i] == NULL || ccap_population_age_width(in->populations[i]) != 1 ||
            isnan(ccap_population_time(in->populations[i])))
            return fail(diag, CCAP_EINVAL,
                        "population %zu of %zu is missing, undated or not in "
                        "single years of age",
                        i + 1, in->n_populations);
    }
    for (i = 0; in->caps != NULL && i < ccap_regions_count(in->regions); i++) {
        if (!(in->caps[i] >= 0.0))
            return fail(diag, CCAP_EDOM,
                        "the cap of region '%s' is %g, not a number of slots "
                        ">= 0",
                        ccap_regions_code(in->regions, i), in->caps[i]);
    }
    return CCAP_OK;
}

/* Take-up scaled to the children enrolled at the end of the inventory's last year
 * (ccap_gap_takeup_from_enrolment()), and the table made again with it; *local becomes
 * the inputs with that take-up. */
static int
calibrate_takeup(ccap_plan *p, const ccap_plan_inputs *in, ccap_plan_inputs *local,
                 const ccap_population *const *use, size_t n_pops, ccap_diag *diag)
{
    const size_t n_rows = (size_t)(p->to - p->from + 1) * p->n_regions;
    int status, held = 0;

    if ((p->takeup_factor = ccap__alloc(p->n_regions, sizeof *p->takeup_factor)) == NULL)
        return fail(diag, CCAP_ENOMEM, "out of memory");
    status =
        ccap_gap_takeup_from_enrolment(in->takeup, in->regions, p->rows, n_rows, p->first - 1,
                                       p->options.occupancy, &p->takeup, p->takeup_factor, diag);
    if (status != CCAP_OK)
        return status; /* diag: as ccap_gap_takeup_from_enrolment() says */
    *local = *in;
    local->takeup = p->takeup;
    {
        const ccap_gap_table_inputs tin = {.pops = use,
                                           .n_pops = n_pops,
                                           .regions = in->regions,
                                           .inventory = in->inventory,
                                           .targets = in->targets,
                                           .takeup = p->takeup,
                                           .occupancy = p->options.occupancy,
                                           .attrition = p->options.attrition,
                                           .builds = in->builds,
                                           .target_set = in->target_set,
                                           .interp = in->target_interp};
        status = ccap_gap_table(&tin, p->from, p->to, p->rows, n_rows, &held);
    }
    if (status != CCAP_OK)
        return fail(diag, status, "slots and targets with the calibrated take-up: %s",
                    ccap_strerror(status));
    return CCAP_OK;
}

int
ccap_plan_run(const ccap_plan_inputs *in, const ccap_plan_options *options, ccap_plan **plan_out,
              ccap_diag *diag)
{
    ccap_plan_options defaults;
    ccap_plan_inputs calibrated;
    const ccap_population **pops = NULL;
    const ccap_population *const *use;
    size_t n_pops, n_inv = 0, s;
    const int *inv_years;
    ccap_plan *p;
    int status, held = 0;

    if (plan_out != NULL)
        *plan_out = NULL;
    if (options == NULL) {
        ccap_plan_options_init(&defaults, CCAP_PLAN_OPTIONS_VERSION);
        options = &defaults;
    }
    if (plan_out == NULL)
        return fail(diag, CCAP_EINVAL, "no place for the plan");
    status = check(in, options, diag);
    if (status != CCAP_OK)
        return status;
    inv_years = ccap_childcare_inventory_years(in->inventory, &n_inv);
    if (in->inventory != NULL && (inv_years == NULL || n_inv == 0))
        return fail(diag, CCAP_EINVAL, "the slot inventory has no years");
    p = calloc(1, sizeof *p);
    if (p == NULL)
        return fail(diag, CCAP_ENOMEM, "out of memory");
    p->options = *options;
    p->running = p->staff_share = NAN;
    p->n_regions = ccap_regions_count(in->regions);
    p->root = ccap_regions_preorder(in->regions, 0);
    if (in->base != NULL) {
        status = project(p, in, diag);
        if (status != CCAP_OK)
            goto fail;
        n_pops = p->n_year_end;
        pops = ccap__alloc(n_pops, sizeof *pops);
        if (pops == NULL) {
            status = fail(diag, CCAP_ENOMEM, "out of memory");
            goto fail;
        }
        for (s = 0; s < n_pops; s++)
            pops[s] = p->year_end[s];
        use = pops;
    } else {
        use = in->populations;
        n_pops = in->n_populations;
    }
    if (in->inventory == NULL || (in->targets == NULL && in->target_set == NULL)) {
        /* a projection only: its years, its Monte Carlo run, no table */
        p->from = p->base_year;
        p->to = last_year_end(use[n_pops - 1]);
        p->first = p->to + 1;
        free(pops);
        pops = NULL;
        if (options->n_trajectories > 0 && (status = simulate(p, in, diag)) != CCAP_OK)
            goto fail;
        *plan_out = p;
        return CCAP_OK;
    }
    p->from = options->from != 0 ? options->from : inv_years[0];
    p->to = options->to != 0 ? options->to : last_year_end(use[n_pops - 1]);
    if (options->to == 0 && n_pops == 1 && in->base == NULL)
        p->to = inv_years[n_inv - 1]; /* one population (a census): the inventory's years */
    p->first = inv_years[n_inv - 1] + 1;
    if (p->first <= p->from)
        p->first = p->from + 1;
    p->options.from = p->from;
    p->options.to = p->to;
    if (p->to < p->from) {
        status =
            fail(diag, CCAP_EDOM, "no years to plan: the tables would start in %d and end in %d",
                 p->from, p->to);
        goto fail;
    }
    if (p->from > inv_years[n_inv - 1]) {
        status = fail(diag, CCAP_EDOM,
                      "the tables start in %d, after the slot inventory's last year %d: they "
                      "must start with a year it has",
                      p->from, inv_years[n_inv - 1]);
        goto fail;
    }
    if (in->base != NULL &&
        (p->from < p->base_year || p->to > p->base_year + (int)p->n_year_end - 1)) {
        status = fail(diag, CCAP_EDOM, "years %d to %d: the projection covers the ends of %d to %d",
                      p->from, p->to, p->base_year, p->base_year + (int)p->n_year_end - 1);
        goto fail;
    }
    p->rows = ccap__alloc((size_t)(p->to - p->from + 1) * p->n_regions, sizeof *p->rows);
    if (p->rows == NULL) {
        status = fail(diag, CCAP_ENOMEM, "out of memory for the table");
        goto fail;
    }
    {
        const ccap_gap_table_inputs tin = {.pops = use,
                                           .n_pops = n_pops,
                                           .regions = in->regions,
                                           .inventory = in->inventory,
                                           .targets = in->targets,
                                           .takeup = in->takeup,
                                           .occupancy = p->options.occupancy,
                                           .attrition = p->options.attrition,
                                           .builds = in->builds,
                                           .target_set = in->target_set,
                                           .interp = in->target_interp};
        status = ccap_gap_table(&tin, p->from, p->to, p->rows,
                                (size_t)(p->to - p->from + 1) * p->n_regions, &held);
    }
    p->held = held;
    if (status != CCAP_OK) {
        status = fail(diag, status, "slots and targets: %s", ccap_strerror(status));
        goto fail;
    }
    if (options->takeup_from_enrolment && in->takeup != NULL) {
        status = calibrate_takeup(p, in, &calibrated, use, n_pops, diag);
        if (status != CCAP_OK)
            goto fail;
        in = &calibrated; /* the rest of the plan reads the calibrated take-up */
    }
    status = build(p, in, diag);
    if (status == CCAP_OK)
        status = kindergartens(p, in, use, n_pops, diag);
    if (status == CCAP_OK)
        status = staff(p, in, use, n_pops, diag);
    if (status == CCAP_OK)
        status = summarise(p, in, diag);
    if (status == CCAP_OK && options->n_trajectories > 0)
        status = simulate(p, in, diag);
    if (status != CCAP_OK)
        goto fail;
    p->options.allocate_year = p->alloc_year;
    free(pops);
    *plan_out = p;
    return CCAP_OK;
fail:
    free(pops);
    ccap_plan_free(p);
    return status;
}

int
ccap_plan_running_cost(const ccap_plan *plan, double *per_slot_year_out,
                       double *staff_space_share_out)
{
    if (per_slot_year_out != NULL)
        *per_slot_year_out = NAN;
    if (staff_space_share_out != NULL)
        *staff_space_share_out = NAN;
    if (plan == NULL || per_slot_year_out == NULL)
        return CCAP_EINVAL;
    if (isnan(plan->running))
        return CCAP_ENOTFOUND;
    *per_slot_year_out = plan->running;
    if (staff_space_share_out != NULL)
        *staff_space_share_out = plan->staff_share;
    return CCAP_OK;
}

double
ccap_plan_takeup_factor(const ccap_plan *plan, size_t region)
{
    return plan != NULL && plan->takeup_factor != NULL && region < plan->n_regions
               ? plan->takeup_factor[region]
               : (double)NAN;
}

int
ccap_plan_years(const ccap_plan *plan, int *from_out, int *to_out, int *first_build_out)
{
    if (plan == NULL)
        return CCAP_EINVAL;
    if (from_out != NULL)
        *from_out = plan->from;
    if (to_out != NULL)
        *to_out = plan->to;
    if (first_build_out != NULL)
        *first_build_out = plan->first;
    return CCAP_OK;
}

int
ccap_plan_population_held(const ccap_plan *plan)
{
    return plan != NULL && plan->held;
}

const ccap_plan_options *
ccap_plan_options_used(const ccap_plan *plan)
{
    return plan != NULL ? &plan->options : NULL;
}

const ccap_projection *
ccap_plan_projection(const ccap_plan *plan)
{
    return plan != NULL ? plan->proj : NULL;
}

const ccap_gap_row *
ccap_plan_gap(const ccap_plan *plan, size_t region, int year)
{
    if (plan == NULL || plan->rows == NULL || region >= plan->n_regions || year < plan->from ||
        year > plan->to)
        return NULL;
    return row(plan, year, region);
}

const ccap_population *
ccap_plan_population(const ccap_plan *plan, int year)
{
    if (plan == NULL || plan->year_end == NULL || year < plan->base_year ||
        (size_t)(year - plan->base_year) >= plan->n_year_end)
        return NULL;
    return plan->year_end[year - plan->base_year];
}

const ccap_gap_row *
ccap_plan_gap_rows(const ccap_plan *plan, size_t *n_rows_out)
{
    if (n_rows_out != NULL)
        *n_rows_out = plan != NULL && plan->rows != NULL
                          ? (size_t)(plan->to - plan->from + 1) * plan->n_regions
                          : 0;
    return plan != NULL ? plan->rows : NULL;
}

const double *
ccap_plan_schedule(const ccap_plan *plan, size_t *n_years_out)
{
    if (n_years_out != NULL)
        *n_years_out =
            plan != NULL && plan->to >= plan->first ? (size_t)(plan->to - plan->first + 1) : 0;
    return plan != NULL ? plan->new_slots : NULL;
}

int
ccap_plan_events(const ccap_plan *plan, size_t region, int year, double *births_out,
                 double *deaths_out, double *migrants_out)
{
    if (plan == NULL || plan->proj == NULL) {
        if (births_out != NULL)
            *births_out = (double)NAN;
        if (deaths_out != NULL)
            *deaths_out = (double)NAN;
        if (migrants_out != NULL)
            *migrants_out = (double)NAN;
        return CCAP_EINVAL;
    }
    return ccap_projection_year_events(plan->proj, region, year, CCAP_SEX_BOTH, births_out,
                                       deaths_out, migrants_out);
}

double
ccap_plan_new_slots(const ccap_plan *plan, size_t region, int year)
{
    if (plan == NULL || plan->new_slots == NULL || region >= plan->n_regions ||
        year < plan->first || year > plan->to)
        return (double)NAN;
    return plan
        ->new_slots[region * (size_t)(plan->to - plan->first + 1) + (size_t)(year - plan->first)];
}

int
ccap_plan_slots_after(const ccap_plan *plan, size_t region, int year, double *slots_out,
                      double *per_1000_out)
{
    double v, pop;

    if (slots_out != NULL)
        *slots_out = NAN;
    if (per_1000_out != NULL)
        *per_1000_out = NAN;
    if (plan == NULL || plan->after == NULL || region >= plan->n_regions || year < plan->from ||
        year > plan->to)
        return CCAP_EINVAL;
    v = plan->after[(size_t)(year - plan->from) * plan->n_regions + region];
    pop = row(plan, year, region)->population;
    if (slots_out != NULL)
        *slots_out = v;
    if (per_1000_out != NULL)
        *per_1000_out = pop > 0.0 ? 1000.0 * v / pop : (double)NAN;
    return CCAP_OK;
}

double
ccap_plan_allocation(const ccap_plan *plan, size_t region)
{
    return plan != NULL && plan->alloc != NULL && region < plan->n_regions ? plan->alloc[region]
                                                                           : (double)NAN;
}

const ccap_workforce_row *
ccap_plan_workforce(const ccap_plan *plan, size_t *n_rows_out)
{
    if (n_rows_out != NULL)
        *n_rows_out = plan != NULL ? plan->n_workforce : 0;
    return plan != NULL ? plan->workforce : NULL;
}

const ccap_kindergarten_row *
ccap_plan_kindergarten(const ccap_plan *plan, size_t *n_rows_out)
{
    if (n_rows_out != NULL)
        *n_rows_out = plan != NULL ? plan->n_kg : 0;
    return plan != NULL ? plan->kg : NULL;
}

int
ccap_plan_kindergarten_totals(const ccap_plan *plan, size_t region, double *converted_out,
                              double *built_out, double *conversion_cost_out)
{
    double converted = 0.0, built = 0.0, cost = 0.0;
    size_t n, i;

    if (converted_out != NULL)
        *converted_out = NAN;
    if (built_out != NULL)
        *built_out = NAN;
    if (conversion_cost_out != NULL)
        *conversion_cost_out = NAN;
    if (plan == NULL || region >= plan->n_regions)
        return CCAP_EINVAL;
    if (plan->kg == NULL || plan->n_kg == 0)
        return CCAP_ENOTFOUND;
    n = plan->n_kg / plan->n_regions; /* the years of building */
    for (i = 0; i < n; i++) {
        const ccap_kindergarten_row *k = &plan->kg[region * n + i];
        converted += k->converted;
        built += k->built;
        cost += k->conversion_cost;
    }
    if (converted_out != NULL)
        *converted_out = converted;
    if (built_out != NULL)
        *built_out = built;
    if (conversion_cost_out != NULL)
        *conversion_cost_out = cost;
    return CCAP_OK;
}

int
ccap_plan_allocation_info(const ccap_plan *plan, int *year_out, double *n_new_out,
                          double *unallocated_out)
{
    if (plan == NULL)
        return CCAP_EINVAL;
    if (year_out != NULL)
        *year_out = plan->alloc_year;
    if (n_new_out != NULL)
        *n_new_out = plan->n_alloc;
    if (unallocated_out != NULL)
        *unallocated_out = plan->unallocated;
    return CCAP_OK;
}

int
ccap_plan_overbuild_year(const ccap_plan *plan, int *year_out)
{
    if (plan == NULL || year_out == NULL)
        return CCAP_EINVAL;
    *year_out = plan->overbuild_year;
    return plan->have_demand ? CCAP_OK : CCAP_ENOTFOUND;
}

int
ccap_plan_idle_slots(const ccap_plan *plan, int year, double *idle_out)
{
    if (plan == NULL || idle_out == NULL)
        return CCAP_EINVAL;
    if (!plan->have_demand)
        return CCAP_ENOTFOUND;
    if (year < plan->from || year > plan->to)
        return CCAP_EDOM;
    *idle_out = plan->idle[year - plan->from];
    return CCAP_OK;
}

int
ccap_plan_cost(const ccap_plan *plan, ccap_gap_cost_totals *totals_out, double *inclusive_share_out)
{
    if (plan == NULL || totals_out == NULL)
        return CCAP_EINVAL;
    if (!plan->have_cost)
        return CCAP_ENOTFOUND;
    *totals_out = plan->cost;
    if (inclusive_share_out != NULL)
        *inclusive_share_out = plan->inclusive_share;
    return CCAP_OK;
}

int
ccap_plan_budget(const ccap_plan *plan, const ccap_payer_params *pp, ccap_budget_year rows_out[],
                 size_t n_rows, ccap_budget_year *pv_out)
{
    ccap_payer_params use;
    double *x;
    size_t n, i;
    int status;

    if (plan == NULL || pp == NULL || rows_out == NULL)
        return CCAP_EINVAL;
    if (!plan->have_cost || !plan->have_unit || plan->to < plan->first)
        return CCAP_ENOTFOUND;
    n = (size_t)(plan->to - plan->first + 1);
    if (n_rows < n)
        return CCAP_EINVAL;
    use = *pp;
    use.occupancy = plan->options.occupancy;
    use.inclusive_share = isnan(plan->inclusive_share) ? 0.0 : plan->inclusive_share;
    x = ccap__alloc(3 * n, sizeof *x);
    if (x == NULL)
        return CCAP_ENOMEM;
    for (i = 0; i < n; i++) {
        const int y = plan->first + (int)i;
        x[i] = ccap_plan_new_slots(plan, plan->root, y);
        ccap_plan_slots_after(plan, plan->root, y, &x[n + i], NULL);
        x[2 * n + i] = row(plan, y, plan->root)->under3;
    }
    status = ccap_payers_budget(&plan->unit, &use, plan->first, x, x + n, x + 2 * n, n, rows_out);
    if (status == CCAP_OK && plan->kg != NULL) {
        /* with kindergarten places, converted slots at their own capital cost */
        for (i = 0; i < n; i++)
            x[i] = plan->kg[plan->root * n + i].conversion_cost +
                   plan->kg[plan->root * n + i].build_cost;
        status = ccap_payers_set_capital(rows_out, n, x);
    }
    if (status == CCAP_OK && pv_out != NULL)
        status = ccap_payers_present_value(rows_out, n, plan->options.discount_rate, pv_out);
    free(x);
    return status;
}

const ccap_uncertainty_result *
ccap_plan_uncertainty(const ccap_plan *plan)
{
    return plan != NULL ? plan->mc : NULL;
}

const ccap_gap_uncertainty *
ccap_plan_gap_uncertainty(const ccap_plan *plan)
{
    return plan != NULL ? plan->mc_gaps : NULL;
}
