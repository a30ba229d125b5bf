/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Childcare measures of Monte Carlo trajectories (see ccap_gap_uncertainty.h). */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

#define G_COUNT CCAP_GAP_UNCERTAINTY_N_MEASURES

struct ccap_gap_uncertainty {
    size_t n_traj, n_regions, n_years;
    int first_year;
    double *values; /* [((traj * n_regions + region) * n_years + year - first) * G_COUNT + m] */
};

const char *
ccap_gap_uncertainty_measure_name(ccap_gap_uncertainty_measure measure)
{
    static const char *const names[G_COUNT] = {"target_slots", "demand_slots", "target_gap",
                                               "demand_gap"};

    return (unsigned)measure < G_COUNT ? names[measure] : "unknown";
}

static int
inputs_ok(const ccap_gap_uncertainty_inputs *in, const ccap_regions *regions, size_t R, size_t Y)
{
    size_t i;

    if (in->slots == NULL || in->n_slots != R * Y ||
        (in->takeup != NULL && in->n_takeup != R * CCAP_CHILDCARE_AGES) ||
        (in->targets != NULL && ccap_schedule_n_ages(in->targets) != 1))
        return CCAP_EINVAL;
    if (in->takeup != NULL && !(in->occupancy > 0.0 && in->occupancy <= 1.0))
        return CCAP_EDOM;
    for (i = 0; in->takeup != NULL && i < in->n_takeup; i++) {
        if (ccap_regions_n_children(regions, i / CCAP_CHILDCARE_AGES) == 0 &&
            !(in->takeup[i] >= 0.0 && in->takeup[i] <= 1.0))
            return CCAP_EDOM;
    }
    for (i = 0; i < in->n_slots; i++) {
        if (!(in->slots[i] >= 0.0) || !isfinite(in->slots[i]))
            return CCAP_EDOM;
    }
    return CCAP_OK;
}

/* The measures of one trajectory and year; demand[] is scratch of R children's counts. */
static void
one_year(ccap_gap_uncertainty *g, const ccap_uncertainty_result *mc, const ccap_regions *regions,
         const ccap_gap_uncertainty_inputs *in, size_t traj, size_t y, double *demand)
{
    const size_t R = g->n_regions;
    const int year = g->first_year + (int)y;
    size_t k, r, c;

    /* demand in children: leaves from their own take-up, parents as sums of their children
     * (children come after their parent in pre-order, so go backwards) */
    for (k = R; k-- > 0;) {
        const size_t nc = ccap_regions_n_children(regions, r = ccap_regions_preorder(regions, k));

        demand[r] = NAN;
        if (in->takeup == NULL)
            continue;
        if (nc == 0) {
            double children[CCAP_CHILDCARE_AGES];

            children[0] = ccap_uncertainty_value(mc, traj, r, year, CCAP_UNCERTAINTY_AGE0);
            children[1] = ccap_uncertainty_value(mc, traj, r, year, CCAP_UNCERTAINTY_AGE1);
            children[2] = ccap_uncertainty_value(mc, traj, r, year, CCAP_UNCERTAINTY_AGE2);
            if (ccap_childcare_demand(children, in->takeup + r * CCAP_CHILDCARE_AGES,
                                      CCAP_CHILDCARE_AGES, &demand[r]) != CCAP_OK)
                demand[r] = NAN; /* not single years of age */
        } else {
            double d = 0.0;
            for (c = 0; c < nc; c++)
                d += demand[ccap_regions_child(regions, r, c)];
            demand[r] = d;
        }
    }
    for (r = 0; r < R; r++) {
        double *v = g->values + ((traj * R + r) * g->n_years + y) * G_COUNT;
        const double slots = in->slots[r * g->n_years + y];
        const double pop = ccap_uncertainty_value(mc, traj, r, year, CCAP_UNCERTAINTY_POPULATION);
        double per_1000, target = NAN, need = NAN;

        if (in->targets != NULL &&
            ccap_childcare_target_find(in->targets, r, year, &per_1000, NULL) == CCAP_OK)
            ccap_childcare_slots_for_rate_per_1000(per_1000, pop, &target);
        if (!isnan(demand[r]))
            ccap_childcare_demand_slots(demand[r], in->occupancy, &need);
        v[CCAP_GAP_UNCERTAINTY_TARGET_SLOTS] = target;
        v[CCAP_GAP_UNCERTAINTY_DEMAND_SLOTS] = need;
        v[CCAP_GAP_UNCERTAINTY_TARGET_GAP] = target - slots;
        v[CCAP_GAP_UNCERTAINTY_DEMAND_GAP] = need - slots;
    }
}

int
ccap_gap_uncertainty_run(const ccap_uncertainty_result *mc, const ccap_regions *regions,
                         const ccap_gap_uncertainty_inputs *inputs, ccap_gap_uncertainty **out)
{
    ccap_gap_uncertainty *g;
    double *demand;
    size_t R, N, Y, i, y, cells = 0;
    int first, last, status;

    if (out != NULL)
        *out = NULL;
    if (mc == NULL || regions == NULL || inputs == NULL || out == NULL ||
        !ccap_regions_is_finished(regions) ||
        ccap_regions_count(regions) != ccap_uncertainty_result_n_regions(mc) ||
        ccap_uncertainty_result_years(mc, &first, &last) != CCAP_OK)
        return CCAP_EINVAL;
    R = ccap_uncertainty_result_n_regions(mc);
    N = ccap_uncertainty_result_n_trajectories(mc);
    Y = (size_t)(last - first + 1);
    if ((status = inputs_ok(inputs, regions, R, Y)) != CCAP_OK)
        return status;
    /* fewer numbers than the Monte Carlo result, which passed the same check */
    if (CCAP__CELLS(&cells, sizeof(double), N, R, Y, G_COUNT) != CCAP_OK)
        return CCAP_ENOMEM;
    if ((g = calloc(1, sizeof *g)) == NULL)
        return CCAP_ENOMEM;
    g->values = ccap__alloc(cells, sizeof *g->values);
    demand = ccap__alloc(R, sizeof *demand);
    if (g->values == NULL || demand == NULL) {
        free(demand);
        ccap_gap_uncertainty_free(g);
        return CCAP_ENOMEM;
    }
    g->n_traj = N;
    g->n_regions = R;
    g->n_years = Y;
    g->first_year = first;
    for (i = 0; i < N; i++)
        for (y = 0; y < Y; y++)
            one_year(g, mc, regions, inputs, i, y, demand);
    free(demand);
    *out = g;
    return CCAP_OK;
}

void
ccap_gap_uncertainty_free(ccap_gap_uncertainty *gaps)
{
    if (gaps == NULL)
        return;
    free(gaps->values);
    free(gaps);
}

/* The index of a year of the result, or n_years when it has none. */
static size_t
year_index(const ccap_gap_uncertainty *g, int year)
{
    const long d = (long)year - (long)g->first_year;

    return d >= 0 && (unsigned long)d < g->n_years ? (size_t)d : g->n_years;
}

static const double *
cell(const ccap_gap_uncertainty *g, size_t traj, size_t region, size_t y)
{
    return g->values + ((traj * g->n_regions + region) * g->n_years + y) * G_COUNT;
}

double
ccap_gap_uncertainty_value(const ccap_gap_uncertainty *gaps, size_t trajectory, size_t region,
                           int year, ccap_gap_uncertainty_measure measure)
{
    size_t y;

    if (gaps == NULL || trajectory >= gaps->n_traj || region >= gaps->n_regions ||
        (unsigned)measure >= G_COUNT || (y = year_index(gaps, year)) == gaps->n_years)
        return NAN;
    return cell(gaps, trajectory, region, y)[measure];
}

int
ccap_gap_uncertainty_quantiles(const ccap_gap_uncertainty *gaps, size_t region, int year,
                               ccap_gap_uncertainty_measure measure, const double probs[],
                               size_t n_probs, double quantiles_out[])
{
    double *v;
    size_t i, y;
    int status;

    if (quantiles_out != NULL)
        ccap__fill_nan(quantiles_out, n_probs);
    if (gaps == NULL || region >= gaps->n_regions || probs == NULL || quantiles_out == NULL ||
        n_probs == 0 || (unsigned)measure >= G_COUNT)
        return CCAP_EINVAL;
    if ((y = year_index(gaps, year)) == gaps->n_years)
        return CCAP_ENOTFOUND;
    if ((v = ccap__alloc(gaps->n_traj, sizeof *v)) == NULL)
        return CCAP_ENOMEM;
    for (i = 0; i < gaps->n_traj; i++)
        v[i] = cell(gaps, i, region, y)[measure];
    status = ccap__quantiles(v, gaps->n_traj, probs, n_probs, quantiles_out);
    free(v);
    return status;
}

/* Share of trajectories with a > b (b_measure >= 0) or a <= 0 (b_measure < 0). */
static int
share(const ccap_gap_uncertainty *g, size_t region, int year, int a_measure, int b_measure,
      double *prob_out)
{
    size_t i, y, hits = 0;

    if (prob_out != NULL)
        *prob_out = NAN;
    if (g == NULL || region >= g->n_regions || prob_out == NULL)
        return CCAP_EINVAL;
    if ((y = year_index(g, year)) == g->n_years)
        return CCAP_ENOTFOUND;
    for (i = 0; i < g->n_traj; i++) {
        const double *v = cell(g, i, region, y);
        const double a = v[a_measure], b = b_measure >= 0 ? v[b_measure] : 0.0;

        if (isnan(a) || isnan(b))
            return CCAP_EDOM;
        if (b_measure >= 0 ? a > b : a <= 0.0)
            hits++;
    }
    *prob_out = (double)hits / (double)g->n_traj;
    return CCAP_OK;
}

int
ccap_gap_uncertainty_prob_target_met(const ccap_gap_uncertainty *gaps, size_t region, int year,
                                     double *prob_out)
{
    return share(gaps, region, year, CCAP_GAP_UNCERTAINTY_TARGET_GAP, -1, prob_out);
}

int
ccap_gap_uncertainty_prob_overbuild(const ccap_gap_uncertainty *gaps, size_t region, int year,
                                    double *prob_out)
{
    return share(gaps, region, year, CCAP_GAP_UNCERTAINTY_TARGET_SLOTS,
                 CCAP_GAP_UNCERTAINTY_DEMAND_SLOTS, prob_out);
}
