/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of slots, targets, gaps and demand by region and year (see ccap_gap.h). */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

static int
inventory_last_year(const ccap_childcare_inventory *inv)
{
    size_t n = 0;
    const int *years = ccap_childcare_inventory_years(inv, &n);

    return n > 0 ? years[n - 1] : 0;
}

int
ccap__population_at_end_of(const ccap_population *const pops[], size_t n_pops, int year,
                           ccap_population *out, int *held)
{
    const ccap_date date = {year + 1, 1, 1};
    const double t = (double)year + 1.0;
    size_t i;

    for (i = 0; i + 1 < n_pops; i++) {
        if (t >= ccap_population_time(pops[i]) && t <= ccap_population_time(pops[i + 1]))
            return ccap_population_interpolate(pops[i], pops[i + 1], date, out);
    }
    *held = 1;
    i = n_pops == 1 || t < ccap_population_time(pops[0]) ? 0 : n_pops - 1;
    return ccap_population_regroup(pops[i], out); /* a copy: the same groups */
}

/* Parents as sums of their children, for a per-region array. */
static void
sum_parents(const ccap_regions *regions, double v[])
{
    size_t k;

    for (k = ccap_regions_count(regions); k-- > 0;) {
        const size_t r = ccap_regions_preorder(regions, k);
        const size_t n = ccap_regions_n_children(regions, r);
        size_t c;

        if (n == 0)
            continue;
        v[r] = 0.0;
        for (c = 0; c < n; c++)
            v[r] += v[ccap_regions_child(regions, r, c)];
    }
}

/* The target of one measure for a row's region and year: from the set of every measure
 * when given, else (slots per 1,000 only) from the one-value schedule. */
static double
target_of(const ccap_gap_table_inputs *in, size_t region, int year, ccap_target_measure m)
{
    double v = NAN;

    if (in->target_set != NULL) {
        if (ccap_targets_find(in->target_set, region, year, m, in->interp, &v, NULL) != CCAP_OK)
            v = NAN;
    } else if (m == CCAP_TARGET_SLOTS_PER_1000) {
        if (ccap_childcare_target_find(in->targets, region, year, &v, NULL) != CCAP_OK)
            v = NAN;
    }
    return v;
}

/* The slots each target needs; the one needing more binds and gives target_slots and the
 * gap (on equal slots the per-1,000 target, the first measure, binds). */
static void
set_targets(const ccap_gap_table_inputs *in, ccap_gap_row *c, int year)
{
    c->target_per_1000 = target_of(in, c->region, year, CCAP_TARGET_SLOTS_PER_1000);
    c->enrolment_target = target_of(in, c->region, year, CCAP_TARGET_ENROLMENT_RATE);
    c->inclusive_target = target_of(in, c->region, year, CCAP_TARGET_INCLUSIVE_SHARE);
    c->per_1000_slots = NAN;
    c->enrolment_slots = NAN;
    if (!isnan(c->target_per_1000))
        ccap_childcare_slots_for_rate_per_1000(c->target_per_1000, c->population,
                                               &c->per_1000_slots);
    if (!isnan(c->enrolment_target))
        ccap_targets_enrolment_slots(c->enrolment_target, c->under3, in->occupancy,
                                     &c->enrolment_slots);
    c->enrolment_gap = c->enrolment_slots - c->slots;
    c->binding = CCAP_TARGET_NONE;
    c->target_slots = NAN;
    if (!isnan(c->per_1000_slots)) {
        c->binding = CCAP_TARGET_SLOTS_PER_1000;
        c->target_slots = c->per_1000_slots;
    }
    if (!isnan(c->enrolment_slots) && !(c->enrolment_slots <= c->target_slots)) {
        c->binding = CCAP_TARGET_ENROLMENT_RATE;
        c->target_slots = c->enrolment_slots;
    }
    c->gap = c->target_slots - c->slots;
}

/* Inclusive slots and observed enrolment, for the years of the inventory. */
static void
observe(const ccap_childcare_inventory *inventory, const ccap_regions *regions,
        const ccap_childcare_row *row, int observed, ccap_gap_row *c)
{
    c->inclusive_slots = NAN;
    c->enrolled = NAN;
    c->utilisation = NAN;
    c->enrolment_rate = NAN;
    if (observed) {
        if (ccap_childcare_inventory_total(inventory, regions, c->region, c->year,
                                           CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_YES,
                                           &c->inclusive_slots, NULL) != CCAP_OK)
            c->inclusive_slots = NAN;
        c->enrolled = row->enrolled;
        c->utilisation = row->utilisation;
        if (c->under3 > 0.0)
            c->enrolment_rate = c->enrolled / c->under3; /* NAN when enrolled is unknown */
    }
    c->inclusive_gap = c->inclusive_target * c->target_slots - c->inclusive_slots;
}

int
ccap_gap_table(const ccap_gap_table_inputs *in, int from, int to, ccap_gap_row rows_out[],
               size_t n_rows, int *held_out)
{
    const ccap_population *const *const pops = in != NULL ? in->pops : NULL;
    const size_t n_pops = in != NULL ? in->n_pops : 0;
    const ccap_regions *const regions = in != NULL ? in->regions : NULL;
    const ccap_childcare_inventory *const inventory = in != NULL ? in->inventory : NULL;
    const ccap_schedule *const targets = in != NULL ? in->targets : NULL;
    const ccap_childcare_takeup *const takeup = in != NULL ? in->takeup : NULL;
    const double occupancy = in != NULL ? in->occupancy : 0.0;
    const double attrition = in != NULL ? in->attrition : 0.0;
    const ccap_schedule *const builds = in != NULL ? in->builds : NULL;
    const size_t R = regions != NULL ? ccap_regions_count(regions) : 0;
    const int last_inv = inventory_last_year(inventory);
    ccap_childcare_row *rows = NULL;
    ccap_population *work = NULL;
    double *stock = NULL;
    int year, status = CCAP_OK, held = 0;
    size_t r, i;

    if (held_out != NULL)
        *held_out = 0;
    if (pops == NULL || n_pops == 0 || regions == NULL || inventory == NULL ||
        (targets == NULL && in->target_set == NULL) || rows_out == NULL || to < from ||
        n_rows != (size_t)(to - from + 1) * R ||
        (in->interp != CCAP_TARGET_STEP && in->interp != CCAP_TARGET_LINEAR))
        return CCAP_EINVAL;
    for (i = 0; i < n_pops; i++) {
        if (pops[i] == NULL || ccap_population_n_regions(pops[i]) != R ||
            ccap_population_age_width(pops[i]) != 1 ||
            ccap_population_n_ages(pops[i]) != ccap_population_n_ages(pops[0]))
            return CCAP_EINVAL;
    }
    if (!(attrition >= 0.0 && attrition < 1.0) ||
        (ccap_targets_has(in->target_set, CCAP_TARGET_ENROLMENT_RATE) &&
         !(occupancy > 0.0 && occupancy <= 1.0)))
        return CCAP_EDOM;
    rows = ccap__alloc(R, sizeof *rows);
    work = ccap_population_alloc(R, ccap_population_n_ages(pops[0]), 1);
    stock = ccap__alloc(R, sizeof *stock);
    if (rows == NULL || work == NULL || stock == NULL) {
        status = CCAP_ENOMEM;
        goto out;
    }
    for (r = 0; r < R; r++)
        stock[r] = NAN;
    for (year = from; year <= to; year++) {
        if ((status = ccap__population_at_end_of(pops, n_pops, year, work, &held)) != CCAP_OK ||
            (status = ccap_childcare_metrics_table(work, regions, inventory, year, takeup,
                                                   occupancy, rows, R)) != CCAP_OK)
            goto out;
        /* leaves: the inventory up to its last year, then carried on with attrition and the
         * planned new slots */
        for (r = 0; r < R; r++) {
            const double *b = NULL;
            int used = 0;

            if (ccap_regions_n_children(regions, r) > 0)
                continue;
            if (year <= last_inv) {
                double v = NAN;
                ccap_childcare_inventory_total(inventory, regions, r, year, CCAP_PROVIDER_ANY,
                                               CCAP_INCLUSIVE_ANY, &v, NULL);
                stock[r] = v;
            } else {
                stock[r] *= 1.0 - attrition;
                if (builds != NULL &&
                    ccap_schedule_find(builds, r, year, CCAP_SEX_BOTH, &b, &used) == CCAP_OK &&
                    used == year)
                    stock[r] += b[0];
            }
        }
        sum_parents(regions, stock);
        for (r = 0; r < R; r++) {
            const ccap_childcare_row *row = &rows[r];
            ccap_gap_row *c = &rows_out[(size_t)(year - from) * R + row->region];

            c->region = row->region;
            c->year = year;
            c->population = row->population;
            c->under3 = row->under3;
            c->slots = stock[row->region];
            ccap_childcare_rate_per_1000(c->slots, c->population, &c->per_1000);
            set_targets(in, c, year);
            c->demand_slots = row->demand_slots;
            c->demand_gap = c->demand_slots - c->slots;
            observe(inventory, regions, row, year <= last_inv, c);
        }
    }
    if (held_out != NULL)
        *held_out = held;
out:
    free(rows);
    free(stock);
    ccap_population_free(work);
    return status;
}

int
ccap_gap_table_schedule(const ccap_regions *regions, const ccap_gap_row rows[], int from, int to,
                        int first, double attrition, double new_slots_out[], size_t n_out,
                        size_t *region_out)
{
    const size_t R = regions != NULL ? ccap_regions_count(regions) : 0;
    const size_t n = first <= to ? (size_t)(to - first + 1) : 0;
    double *required = NULL, *built = NULL, *col = NULL;
    int status = CCAP_OK;
    size_t r, i;

    if (region_out != NULL)
        *region_out = 0;
    if (regions == NULL || rows == NULL || new_slots_out == NULL || first <= from || first > to ||
        n_out != n * R)
        return CCAP_EINVAL;
    if (!(attrition >= 0.0 && attrition < 1.0))
        return CCAP_EDOM;
    required = ccap__alloc(n, sizeof *required);
    built = ccap__alloc(n, sizeof *built);
    col = ccap__alloc(R, sizeof *col);
    if (required == NULL || built == NULL || col == NULL) {
        status = CCAP_ENOMEM;
        goto out;
    }
    for (r = 0; r < R; r++) {
        const double s0 = rows[(size_t)(first - 1 - from) * R + r].slots;

        for (i = 0; i < n; i++)
            new_slots_out[r * n + i] = 0.0;
        if (ccap_regions_n_children(regions, r) > 0)
            continue;
        for (i = 0; i < n; i++) {
            const double need = rows[((size_t)(first - from) + i) * R + r].target_slots;
            required[i] = 0.0;
            if (!isnan(need))
                ccap_gap_slots_round_up(need, 1e-9, &required[i]);
        }
        if (isnan(s0) ||
            ccap_gap_build_greedy(s0, attrition, required, n, built, NULL) != CCAP_OK) {
            if (region_out != NULL)
                *region_out = r;
            status = CCAP_ENOTFOUND;
            goto out;
        }
        for (i = 0; i < n; i++)
            ccap_gap_slots_round_up(built[i], 1e-9, &new_slots_out[r * n + i]);
    }
    for (i = 0; i < n; i++) {
        for (r = 0; r < R; r++)
            col[r] = new_slots_out[r * n + i];
        sum_parents(regions, col);
        for (r = 0; r < R; r++)
            new_slots_out[r * n + i] = col[r];
    }
out:
    free(required);
    free(built);
    free(col);
    return status;
}

int
ccap_gap_table_allocate(const ccap_regions *regions, const ccap_gap_row rows[], size_t n_rows,
                        const double cap[], double n_new, int maxmin, double alloc_out[],
                        double *unallocated_out)
{
    const size_t R = regions != NULL ? ccap_regions_count(regions) : 0;
    double *a = NULL, *gap, *slots, *pop, *caps, *x;
    int status;
    size_t r, n = 0;

    if (regions == NULL || rows == NULL || alloc_out == NULL || n_rows != R || R == 0)
        return CCAP_EINVAL;
    if (CCAP__CELLS(&n, sizeof *a, 5, R) != CCAP_OK)
        return CCAP_ERANGE;
    n = 0;
    a = ccap__alloc(5 * R, sizeof *a);
    if (a == NULL)
        return CCAP_ENOMEM;
    gap = a;
    slots = a + R;
    pop = a + 2 * R;
    caps = a + 3 * R;
    x = a + 4 * R;
    for (r = 0; r < R; r++) {
        if (ccap_regions_n_children(regions, r) > 0)
            continue;
        gap[n] = isnan(rows[r].gap) ? 0.0 : rows[r].gap;
        slots[n] = rows[r].slots;
        pop[n] = rows[r].population;
        caps[n] = cap != NULL ? cap[r] : CCAP_GAP_NO_CAP;
        n++;
    }
    status = maxmin ? ccap_gap_allocate_maxmin(slots, pop, caps, n, n_new, x, unallocated_out)
                    : ccap_gap_allocate_shortfall(gap, caps, n, n_new, x, unallocated_out);
    if (status == CCAP_OK) {
        for (r = 0, n = 0; r < R; r++)
            alloc_out[r] = ccap_regions_n_children(regions, r) > 0 ? 0.0 : x[n++];
        sum_parents(regions, alloc_out);
    }
    free(a);
    return status;
}

int
ccap_gap_schedule_cost(const ccap_gap_costs *costs, const ccap_childcare_inventory *inventory,
                       const ccap_regions *regions, size_t region, int inventory_year,
                       const double new_slots[], size_t n_years, double attrition,
                       double discount_rate, ccap_gap_cost_totals *totals_out,
                       double *inclusive_share_out)
{
    ccap_gap_unit_costs unit;
    double *x, share = NAN, cumulative = 0.0;
    size_t i;
    int status;

    if (inclusive_share_out != NULL)
        *inclusive_share_out = NAN;
    if (costs == NULL || inventory == NULL || regions == NULL || new_slots == NULL ||
        totals_out == NULL || n_years == 0 || region >= ccap_regions_count(regions))
        return CCAP_EINVAL;
    if (!(attrition >= 0.0 && attrition < 1.0))
        return CCAP_EDOM;
    if (ccap_gap_costs_get(costs, "*", &unit) != CCAP_OK &&
        ccap_gap_costs_get(costs, "institution", &unit) != CCAP_OK)
        return CCAP_ENOTFOUND;
    ccap_childcare_inventory_inclusive_share(inventory, regions, region, inventory_year,
                                             CCAP_PROVIDER_ANY, &share);
    if (isnan(share))
        share = 0.0;
    if (CCAP__CELLS(&i, sizeof *x, 3, n_years) != CCAP_OK)
        return CCAP_ERANGE;
    if ((x = ccap__alloc(3 * n_years, sizeof *x)) == NULL)
        return CCAP_ENOMEM;
    for (i = 0; i < n_years; i++) {
        x[i] = new_slots[i];
        x[n_years + i] = x[i] * share; /* inclusive in the inventory's share */
        cumulative = cumulative * (1.0 - attrition) + x[i];
        x[2 * n_years + i] = cumulative; /* slot-years run by the new slots */
    }
    status =
        ccap_gap_cost(&unit, x, x + n_years, x + 2 * n_years, n_years, discount_rate, totals_out);
    free(x);
    if (status == CCAP_OK && inclusive_share_out != NULL)
        *inclusive_share_out = share;
    return status;
}
