/* SPDX-License-Identifier: GPL-3.0-or-later */
/* From rate schedules to the rates of one projection step (see ccap_rates.h). */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

#include "../util/vmath.h"

ccap_rates_adjust
ccap_rates_adjust_none(void)
{
    ccap_rates_adjust a;

    a.fertility_factor = 1.0;
    a.tfr_shift = 0.0;
    a.mortality_factor = 1.0;
    a.migration_factor = 1.0;
    a.fertility_year = 0;
    a.mortality_year = 0;
    return a;
}

struct ccap_rates_workspace {
    size_t n_regions, n_ages, width;
    double *survival; /* [region][sex][n_ages] */
    double *asfr;     /* [region][n_ages] */
    double *srb;      /* [region] */
    double *migrants; /* [region][sex][n_ages] */
    ccap_lifetable *lt;
    double *mx; /* adjusted death rates, one schedule */
    size_t max_mx;
    const double *cached_mx[CCAP_N_SEXES]; /* schedule of the survival last computed per sex */
    size_t cached_region[CCAP_N_SEXES];
    const double *cached_fert; /* fertility row last spread on the groups ... */
    double *fert_groups;       /* ... and the result, before scaling: [n_ages] */
    /* ccap__rates_workspace_memo(): where the schedules of each step year are, for every
     * region, found in the first build of that year with these assumptions */
    const ccap_assumptions *memo_of;
    size_t memo_cap, memo_n;
    struct memo_key {
        int year, mort_year, fert_year;
    } * memo_keys;
    struct memo_row {
        const double *mort[CCAP_N_SEXES], *mig[CCAP_N_SEXES], *mig_rates[CCAP_N_SEXES];
        const double *fert, *srb;
        double tfr; /* of the fertility groups before scaling */
    } * memo_rows;  /* [entry][region] */
};

ccap_rates_workspace *
ccap_rates_workspace_alloc(size_t n_regions, size_t n_ages, size_t age_width,
                           size_t max_mortality_ages)
{
    ccap_rates_workspace *ws;
    size_t cells;

    /* survival and migrants [region][sex][age], asfr [region][age], srb [region]:
     * n_regions * (5 * n_ages + 1) doubles (n_ages is at most 1000 here), and n_ages more
     * for the fertility groups of one region */
    if (n_regions == 0 || n_regions > CCAP_POPULATION_REGIONS_MAX || n_ages < 2 ||
        n_ages > CCAP_POPULATION_AGES_MAX || age_width == 0 ||
        age_width > CCAP_POPULATION_WIDTH_MAX || max_mortality_ages == 0 ||
        max_mortality_ages > CCAP_SCHEDULE_AGES_MAX ||
        CCAP__CELLS(&cells, sizeof(double), n_regions, 5 * n_ages + 1) != CCAP_OK)
        return NULL;
    ws = calloc(1, sizeof *ws);
    if (ws == NULL)
        return NULL;
    ws->n_regions = n_regions;
    ws->n_ages = n_ages;
    ws->width = age_width;
    ws->survival = malloc(n_regions * CCAP_N_SEXES * n_ages * sizeof *ws->survival);
    ws->asfr = malloc(n_regions * n_ages * sizeof *ws->asfr);
    ws->srb = malloc(n_regions * sizeof *ws->srb);
    ws->migrants = malloc(n_regions * CCAP_N_SEXES * n_ages * sizeof *ws->migrants);
    ws->lt = ccap_lifetable_alloc(max_mortality_ages);
    ws->mx = malloc(max_mortality_ages * sizeof *ws->mx);
    ws->max_mx = max_mortality_ages;
    ws->fert_groups = malloc(n_ages * sizeof *ws->fert_groups);
    if (ws->survival == NULL || ws->asfr == NULL || ws->srb == NULL || ws->migrants == NULL ||
        ws->lt == NULL || ws->mx == NULL || ws->fert_groups == NULL) {
        ccap_rates_workspace_free(ws);
        return NULL;
    }
    return ws;
}

void
ccap_rates_workspace_free(ccap_rates_workspace *ws)
{
    if (ws == NULL)
        return;
    free(ws->survival);
    free(ws->asfr);
    free(ws->srb);
    free(ws->migrants);
    ccap_lifetable_free(ws->lt);
    free(ws->mx);
    free(ws->fert_groups);
    free(ws->memo_keys);
    free(ws->memo_rows);
    free(ws);
}

int
ccap__rates_workspace_memo(ccap_rates_workspace *ws, size_t n_years)
{
    if (ws == NULL || n_years == 0 || ws->memo_keys != NULL)
        return CCAP_EINVAL;
    ws->memo_keys = ccap__alloc(n_years, sizeof *ws->memo_keys);
    ws->memo_rows = ccap__alloc(n_years * ws->n_regions, sizeof *ws->memo_rows);
    if (ws->memo_keys == NULL || ws->memo_rows == NULL) {
        free(ws->memo_keys);
        free(ws->memo_rows);
        ws->memo_keys = NULL;
        ws->memo_rows = NULL;
        return CCAP_ENOMEM;
    }
    ws->memo_cap = n_years;
    ws->memo_n = 0;
    ws->memo_of = NULL;
    return CCAP_OK;
}

/* ccap_schedule_find(), or what it found before: through *slot when the memo row is
 * filled (fill 0; NULL for none), into *slot when it is being filled (fill 1). */
static int
find(const ccap_schedule *schedule, size_t r, int year, ccap_sex sex, const double **slot, int fill,
     const double **v)
{
    int status;

    if (slot != NULL && !fill) {
        *v = *slot;
        return *v != NULL ? CCAP_OK : CCAP_ENOTFOUND;
    }
    status = ccap_schedule_find(schedule, r, year, sex, v, NULL);
    if (slot != NULL)
        *slot = status == CCAP_OK ? *v : NULL;
    return status;
}

static const char *
input_name(ccap__rates_input input)
{
    switch (input) {
    case CCAP__RATES_NONE:
        return "none";
    case CCAP__RATES_MORTALITY:
        return "mortality";
    case CCAP__RATES_FERTILITY:
        return "fertility";
    case CCAP__RATES_SRB:
        return "srb";
    case CCAP__RATES_MIGRATION:
        return "migration";
    case CCAP__RATES_MIGRATION_RATES:
        return "migration_rates";
    default:
        return "unknown";
    }
}

static int
fail(ccap__rates_problem *problem, int status, ccap__rates_input input, size_t region,
     ccap_sex sex, int year)
{
    if (problem != NULL) {
        problem->input = input;
        problem->region = region;
        problem->sex = sex;
        problem->year = year;
    }
    return status;
}

/* Fertility on the projection's groups: the mean over the single years of age of each
 * group of the rate of the fertility group holding that age. */
static int
fertility_on_groups(const ccap_schedule *fert, const double *v, size_t width, size_t n_ages,
                    double out[])
{
    const size_t *ages = ccap_schedule_ages(fert);
    const size_t n = ccap_schedule_n_ages(fert), end = ccap_schedule_age_end(fert);
    size_t g, a, k;

    if (end == CCAP_AGE_OPEN || end > (n_ages - 1) * width || ages[0] < width)
        return CCAP_EDOM;
    for (g = 0; g < n_ages; g++) {
        double sum = 0.0;
        for (a = g * width, k = 0; a < (g + 1) * width; a++) {
            if (a < ages[0] || a >= end)
                continue;
            while (k + 1 < n && ages[k + 1] <= a) /* ages ascend: the group holding a */
                k++;
            sum += v[k];
        }
        out[g] = sum / (double)width;
        if (!(out[g] >= 0.0) || !isfinite(out[g]))
            return CCAP_EDOM;
    }
    return CCAP_OK;
}

/* Are the migration ages the projection's groups 0, w, ..., open+? */
static int
migration_fits(const ccap_schedule *mig, size_t width, size_t n_ages)
{
    size_t g;

    if (ccap_schedule_n_ages(mig) != n_ages || ccap_schedule_age_end(mig) != CCAP_AGE_OPEN)
        return 0;
    for (g = 0; g < n_ages; g++) {
        if (ccap_schedule_ages(mig)[g] != g * width)
            return 0;
    }
    return 1;
}

/* m·factor, or (m + rates·p·width)·factor when rates is not NULL, group by group, in place;
 * 1 when every result is finite.  The same numbers in every copy (no contraction to FMA
 * under -std=c11). */
CCAP__KERNEL_CLONES static int
migrants_row(double *m, const double *rates, const double *p, double width, double factor, size_t G)
{
    double z = 0.0;
    size_t g;

    if (rates != NULL) {
#pragma omp simd reduction(+ : z)
        for (g = 0; g < G; g++) {
            m[g] = (m[g] + rates[g] * p[g] * width) * factor;
            z += m[g] - m[g]; /* NaN from an Inf or a NaN */
        }
    } else {
#pragma omp simd reduction(+ : z)
        for (g = 0; g < G; g++) {
            m[g] *= factor;
            z += m[g] - m[g];
        }
    }
    return !isnan(z);
}

/* The rates of region r.  memo (may be NULL) is the region's row of the step year's memo,
 * read (fill 0) or filled (fill 1). */
static int
build_region(ccap_rates_workspace *ws, const ccap_assumptions *a, size_t r, int year,
             const ccap_population *start, const ccap_rates_adjust *adj,
             ccap__rates_problem *problem, struct memo_row *memo, int fill)
{
    const size_t G = ws->n_ages;
    const int mort_year = adj->mortality_year != 0 ? adj->mortality_year : year;
    const int fert_year = adj->fertility_year != 0 ? adj->fertility_year : year;
    const double *v, *p;
    size_t x, g;
    int status;

    for (x = 0; x < CCAP_N_SEXES; x++) {
        const ccap_sex sex = (ccap_sex)x;
        double *s = ws->survival + (r * CCAP_N_SEXES + x) * G;

        if (find(a->mortality, r, mort_year, sex, memo != NULL ? &memo->mort[x] : NULL, fill, &v) !=
            CCAP_OK)
            return fail(problem, CCAP_ENOTFOUND, CCAP__RATES_MORTALITY, r, sex, year);
        if (v == ws->cached_mx[x]) {
            /* the same schedule (say, a '*' one) as the region computed last: copy */
            memcpy(s, ws->survival + (ws->cached_region[x] * CCAP_N_SEXES + x) * G,
                   G * sizeof *s);
        } else {
            const size_t n_mx = ccap_schedule_n_ages(a->mortality);
            const double *mx = v;

            if (adj->mortality_factor < 1.0 || adj->mortality_factor > 1.0) {
                for (g = 0; g < n_mx; g++)
                    ws->mx[g] = v[g] * adj->mortality_factor;
                mx = ws->mx;
            }
            status = ccap_lifetable_from_mx(ws->lt, ccap_schedule_ages(a->mortality), mx,
                                            n_mx, sex, a->a0);
            if (status == CCAP_OK)
                status = ccap_lifetable_survival(ws->lt, ws->width, G, s);
            if (status == CCAP_OK && !ccap__all_in(s, G, 0.0, 1.0))
                status = CCAP_EDOM; /* a projection step would refuse it */
            if (status != CCAP_OK)
                return fail(problem, status == CCAP_ENOMEM ? status : CCAP_EDOM,
                            CCAP__RATES_MORTALITY, r, sex, year);
            ws->cached_mx[x] = v;
            ws->cached_region[x] = r;
        }
        if (a->migration != NULL || a->migration_rates != NULL) {
            double *m = ws->migrants + (r * CCAP_N_SEXES + x) * G;

            if (a->migration != NULL &&
                find(a->migration, r, year, sex, memo != NULL ? &memo->mig[x] : NULL, fill, &v) ==
                    CCAP_OK)
                memcpy(m, v, G * sizeof *v);
            else
                memset(m, 0, G * sizeof *m);
            p = NULL;
            if (a->migration_rates != NULL &&
                find(a->migration_rates, r, year, sex, memo != NULL ? &memo->mig_rates[x] : NULL,
                     fill, &v) == CCAP_OK) {
                if ((p = ccap_population_values(start, r, sex)) == NULL)
                    return fail(problem, CCAP_ENOTFOUND, CCAP__RATES_MIGRATION_RATES, r, sex, year);
            }
            if (!migrants_row(m, p != NULL ? v : NULL, p, (double)ws->width, adj->migration_factor,
                              G))
                return fail(problem, CCAP_ERANGE,
                            a->migration_rates != NULL ? CCAP__RATES_MIGRATION_RATES
                                                       : CCAP__RATES_MIGRATION,
                            r, sex, year);
        }
    }
    if (find(a->fertility, r, fert_year, CCAP_SEX_BOTH, memo != NULL ? &memo->fert : NULL, fill,
             &v) != CCAP_OK)
        return fail(problem, CCAP_ENOTFOUND, CCAP__RATES_FERTILITY, r, CCAP_SEX_BOTH, year);
    if (v == ws->cached_fert) {
        /* the same row (a '*' one) as the region spread last: its groups, unscaled */
        memcpy(ws->asfr + r * G, ws->fert_groups, G * sizeof *ws->asfr);
    } else {
        if (fertility_on_groups(a->fertility, v, ws->width, G, ws->asfr + r * G) != CCAP_OK)
            return fail(problem, CCAP_EDOM, CCAP__RATES_FERTILITY, r, CCAP_SEX_BOTH, year);
        memcpy(ws->fert_groups, ws->asfr + r * G, G * sizeof *ws->asfr);
        ws->cached_fert = v;
    }
    {
        double *f = ws->asfr + r * G, tfr = 0.0, scale = adj->fertility_factor;

        if (memo != NULL && !fill) {
            tfr = memo->tfr;
        } else {
            for (g = 0; g < G; g++)
                tfr += f[g] * (double)ws->width;
            if (memo != NULL)
                memo->tfr = tfr;
        }
        if (adj->tfr_shift < 0.0 || adj->tfr_shift > 0.0) {
            const double target = tfr * adj->fertility_factor + adj->tfr_shift;
            scale = tfr > 0.0 ? (target > 0.0 ? target : 0.0) / tfr : 0.0;
        }
        for (g = 0; g < G; g++)
            f[g] *= scale;
    }
    if (find(a->srb, r, year, CCAP_SEX_BOTH, memo != NULL ? &memo->srb : NULL, fill, &v) != CCAP_OK)
        return fail(problem, CCAP_ENOTFOUND, CCAP__RATES_SRB, r, CCAP_SEX_BOTH, year);
    if (!(v[0] > 0.0) || !isfinite(v[0]))
        return fail(problem, CCAP_EDOM, CCAP__RATES_SRB, r, CCAP_SEX_BOTH, year);
    ws->srb[r] = v[0];
    return CCAP_OK;
}

void
ccap__rates_problem_diag(const ccap__rates_problem *p, const ccap_regions *regions, size_t width,
                         size_t n_ages, int status, ccap_diag *diag)
{
    const char *field = input_name(p->input);
    char who[160];

    if (p->input == CCAP__RATES_NONE) {
        ccap__diag_set(diag, status, NULL, 0, 0, NULL, "%s", ccap_strerror(status));
        return;
    }
    snprintf(who, sizeof who, "region '%s'%s%s, step starting %d",
             regions != NULL && p->region < ccap_regions_count(regions)
                 ? ccap_regions_code(regions, p->region)
                 : "?",
             p->sex == CCAP_SEX_BOTH ? "" : ", ",
             p->sex == CCAP_SEX_BOTH ? "" : ccap_sex_name(p->sex), p->year);
    if (status == CCAP_ENOTFOUND)
        ccap__diag_set(diag, status, NULL, 0, 0, field,
                       "%s: no %s rates for this region (nor '*') in or before %d", who, field,
                       p->year);
    else if (status == CCAP_ERANGE &&
             (p->input == CCAP__RATES_MIGRATION || p->input == CCAP__RATES_MIGRATION_RATES))
        ccap__diag_set(diag, status, NULL, 0, 0, field,
                       "%s: net migrants beyond the range of a number (the migrants, or the "
                       "rates times the population, times the adjustment's factor)",
                       who);
    else if (status == CCAP_EINVAL && p->input == CCAP__RATES_MIGRATION_RATES)
        ccap__diag_set(diag, status, NULL, 0, 0, field,
                       "migration rates need the population at the start of the step");
    else if (p->input == CCAP__RATES_MIGRATION || p->input == CCAP__RATES_MIGRATION_RATES)
        ccap__diag_set(diag, status, NULL, 0, 0, field,
                       "the migration ages must be the population's %zu-year groups 0, %zu, "
                       "..., %zu+",
                       width, width, (n_ages - 1) * width);
    else if (p->input == CCAP__RATES_FERTILITY)
        ccap__diag_set(diag, status, NULL, 0, 0, field,
                       "%s: fertility ages must lie between %zu and the open age %zu", who, width,
                       (n_ages - 1) * width);
    else if (p->input == CCAP__RATES_SRB)
        ccap__diag_set(diag, status, NULL, 0, 0, field,
                       "%s: the sex ratio at birth must be a positive number", who);
    else
        ccap__diag_set(diag, status, NULL, 0, 0, field,
                       "%s: these rates cannot serve %zu-year age groups to %zu+: %s", who, width,
                       (n_ages - 1) * width, ccap_strerror(status));
}

/* The status of a rates build, and its diagnostic on failure. */
static int
report(int status, const ccap__rates_problem *p, const ccap_regions *regions,
       const ccap_rates_workspace *ws, ccap_diag *diag)
{
    if (status != CCAP_OK)
        ccap__rates_problem_diag(p, regions, ws != NULL ? ws->width : 0,
                                 ws != NULL ? ws->n_ages : 0, status, diag);
    return status;
}

int
ccap_rates_build(ccap_rates_workspace *ws, const ccap_assumptions *assumptions,
                 const ccap_regions *regions, int year, const ccap_population *start,
                 ccap_rates *rates_out, ccap_diag *diag)
{
    return ccap_rates_build_adjusted(ws, assumptions, regions, year, start, NULL, rates_out,
                                     diag);
}

int
ccap_rates_build_adjusted(ccap_rates_workspace *ws, const ccap_assumptions *assumptions,
                          const ccap_regions *regions, int year, const ccap_population *start,
                          const ccap_rates_adjust *adjust, ccap_rates *rates_out, ccap_diag *diag)
{
    ccap__rates_problem p;

    ccap_diag_clear(diag);
    return report(
        ccap__rates_build(ws, assumptions, regions, year, start, adjust, rates_out, &p), &p,
        regions, ws, diag);
}

int
ccap__rates_build(ccap_rates_workspace *ws, const ccap_assumptions *assumptions,
                  const ccap_regions *regions, int year, const ccap_population *start,
                  const ccap_rates_adjust *adjust, ccap_rates *rates_out,
                  ccap__rates_problem *problem)
{
    const ccap_assumptions *a = assumptions;
    const ccap_rates_adjust none = ccap_rates_adjust_none();
    const ccap_rates_adjust *adj = adjust != NULL ? adjust : &none;
    struct memo_row *memo = NULL;
    struct memo_key memo_key = {0, 0, 0};
    size_t r, x;
    int status, fill = 0;

    fail(problem, CCAP_OK, CCAP__RATES_NONE, 0, CCAP_SEX_BOTH, year);
    if (ws == NULL || a == NULL || regions == NULL || rates_out == NULL ||
        a->mortality == NULL || a->fertility == NULL || a->srb == NULL ||
        ccap_regions_count(regions) != ws->n_regions || !ccap_regions_is_finished(regions) ||
        ccap_schedule_n_ages(a->mortality) > ccap_lifetable_capacity(ws->lt) ||
        ccap_schedule_n_ages(a->srb) != 1)
        return CCAP_EINVAL;
    if (!(adj->fertility_factor >= 0.0) || !isfinite(adj->fertility_factor) ||
        !isfinite(adj->tfr_shift) || !(adj->mortality_factor > 0.0) ||
        !isfinite(adj->mortality_factor) || !isfinite(adj->migration_factor))
        return CCAP_EDOM;
    if (a->migration != NULL && !migration_fits(a->migration, ws->width, ws->n_ages))
        return fail(problem, CCAP_EDOM, CCAP__RATES_MIGRATION, 0, CCAP_SEX_BOTH, year);
    if (a->migration_rates != NULL &&
        (!migration_fits(a->migration_rates, ws->width, ws->n_ages) || start == NULL ||
         ccap_population_n_regions(start) != ws->n_regions ||
         ccap_population_n_ages(start) != ws->n_ages))
        return fail(problem, start == NULL ? CCAP_EINVAL : CCAP_EDOM,
                    CCAP__RATES_MIGRATION_RATES, 0, CCAP_SEX_BOTH, year);
    for (x = 0; x < CCAP_N_SEXES; x++)
        ws->cached_mx[x] = NULL;
    ws->cached_fert = NULL;
    if (ws->memo_keys != NULL) {
        const struct memo_key key = {year, adj->mortality_year != 0 ? adj->mortality_year : year,
                                     adj->fertility_year != 0 ? adj->fertility_year : year};
        size_t e;

        if (ws->memo_of != a) { /* other assumptions: forget */
            ws->memo_of = a;
            ws->memo_n = 0;
        }
        for (e = 0; e < ws->memo_n; e++) {
            if (ws->memo_keys[e].year == key.year && ws->memo_keys[e].mort_year == key.mort_year &&
                ws->memo_keys[e].fert_year == key.fert_year)
                break;
        }
        if (e < ws->memo_n) {
            memo = ws->memo_rows + e * ws->n_regions;
        } else if (ws->memo_n < ws->memo_cap) {
            memo = ws->memo_rows + ws->memo_n * ws->n_regions;
            memo_key = key;
            fill = 1;
        }
    }
    for (r = 0; r < ws->n_regions; r++) {
        if (ccap_regions_n_children(regions, r) > 0) {
            /* parents are sums of their children: harmless placeholder rates */
            for (x = 0; x < CCAP_N_SEXES * ws->n_ages; x++) {
                ws->survival[r * CCAP_N_SEXES * ws->n_ages + x] = 1.0;
                ws->migrants[r * CCAP_N_SEXES * ws->n_ages + x] = 0.0;
            }
            for (x = 0; x < ws->n_ages; x++)
                ws->asfr[r * ws->n_ages + x] = 0.0;
            ws->srb[r] = 100.0;
            continue;
        }
        if ((status = build_region(ws, a, r, year, start, adj, problem,
                                   memo != NULL ? memo + r : NULL, fill)) != CCAP_OK)
            return status;
    }
    if (fill) /* every region found: the entry holds */
        ws->memo_keys[ws->memo_n++] = memo_key;
    memset(rates_out, 0, sizeof *rates_out);
    rates_out->survival = ws->survival;
    rates_out->asfr = ws->asfr;
    rates_out->srb = ws->srb;
    rates_out->net_migrants =
        a->migration != NULL || a->migration_rates != NULL ? ws->migrants : NULL;
    rates_out->timing = a->timing;
    return CCAP_OK;
}

int
ccap_projection_run(ccap_projection *proj, const ccap_assumptions *assumptions,
                    const ccap_regions *regions, size_t n_steps, ccap_rates_workspace *ws,
                    ccap_diag *diag)
{
    return ccap_projection_run_adjusted(proj, assumptions, regions, n_steps, ws, NULL, diag);
}

int
ccap_variant_adjust(ccap_variant variant, double spread, int held_year,
                    ccap_rates_adjust *adjust_out)
{
    if (adjust_out == NULL)
        return CCAP_EINVAL;
    *adjust_out = ccap_rates_adjust_none();
    if (!(spread >= 0.0) || !isfinite(spread))
        return CCAP_EDOM;
    switch (variant) {
    case CCAP_VARIANT_MEDIUM:
        break;
    case CCAP_VARIANT_LOW:
        adjust_out->tfr_shift = -spread;
        break;
    case CCAP_VARIANT_HIGH:
        adjust_out->tfr_shift = spread;
        break;
    case CCAP_VARIANT_CONSTANT_FERTILITY:
        adjust_out->fertility_year = held_year;
        break;
    case CCAP_VARIANT_CONSTANT_MORTALITY:
        adjust_out->mortality_year = held_year;
        break;
    case CCAP_VARIANT_ZERO_MIGRATION:
        adjust_out->migration_factor = 0.0;
        break;
    default:
        return CCAP_EINVAL;
    }
    return CCAP_OK;
}

const char *
ccap_variant_name(ccap_variant variant)
{
    static const char *const names[CCAP_N_VARIANTS] = {
        "medium", "low", "high", "constant_fertility", "constant_mortality", "zero_migration"};

    return (size_t)variant < CCAP_N_VARIANTS ? names[variant] : "unknown";
}

int
ccap_projection_run_adjusted(ccap_projection *proj, const ccap_assumptions *assumptions,
                             const ccap_regions *regions, size_t n_steps,
                             ccap_rates_workspace *ws, const ccap_rates_adjust *adjust,
                             ccap_diag *diag)
{
    ccap__rates_problem problem;
    size_t s;
    int status;

    ccap_diag_clear(diag);
    if (proj == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "NULL projection");
    for (s = 0; s < n_steps; s++) {
        const size_t done = ccap_projection_steps_done(proj);
        const ccap_population *start = ccap_projection_population(proj, done);
        ccap_rates rates;

        if (start == NULL)
            return CCAP_ESTATE;
        status = ccap__rates_build(ws, assumptions, regions, ccap_population_year(start), start,
                                   adjust, &rates, &problem);
        if (status != CCAP_OK)
            return report(status, &problem, regions, ws, diag);
        if ((status = ccap_projection_step(proj, &rates)) != CCAP_OK)
            return ccap__diag_set(diag, status, NULL, 0, 0, NULL, "the step starting %d: %s",
                                  ccap_population_year(start), ccap_strerror(status));
    }
    return CCAP_OK;
}

int
ccap_rates_jump_off_steps(const ccap_population *base, int jump_off_year, size_t *n_steps_out)
{
    int year;

    if (n_steps_out != NULL)
        *n_steps_out = 0;
    if (base == NULL || n_steps_out == NULL)
        return CCAP_EINVAL;
    if (jump_off_year != 0 && (jump_off_year < CCAP_YEAR_MIN || jump_off_year > CCAP_YEAR_MAX))
        return CCAP_EDOM;
    /* step k starts in the year base + k·n (on the base's day); it starts before
     * 1 January of jump_off + 1 exactly when that year is at most jump_off */
    year = ccap_population_year(base);
    if (jump_off_year != 0 && jump_off_year >= year)
        *n_steps_out = (size_t)(jump_off_year - year) / ccap_population_age_width(base) + 1;
    return CCAP_OK;
}

int
ccap_projection_run_variant(ccap_projection *proj, const ccap_assumptions *assumptions,
                            const ccap_regions *regions, size_t n_steps, ccap_rates_workspace *ws,
                            ccap_variant variant, double spread, int jump_off_year,
                            ccap_diag *diag)
{
    const ccap_population *base = ccap_projection_population(proj, 0);
    ccap_rates_adjust adj;
    size_t fixed, done, central;
    int status, held;

    ccap_diag_clear(diag);
    if (proj == NULL || base == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "no initialised projection");
    if ((status = ccap_variant_adjust(variant, spread, 0, &adj)) != CCAP_OK)
        return ccap__diag_set(diag, status, NULL, 0, 0, NULL, "variant %d, spread %g: %s",
                              (int)variant, spread, ccap_strerror(status));
    if ((status = ccap_rates_jump_off_steps(base, jump_off_year, &fixed)) != CCAP_OK)
        return ccap__diag_set(diag, status, NULL, 0, 0, NULL, "jump-off year %d: %s",
                              jump_off_year, ccap_strerror(status));
    done = ccap_projection_steps_done(proj);
    central = fixed > done ? fixed - done : 0;
    if (central > n_steps)
        central = n_steps;
    if ((status = ccap_projection_run(proj, assumptions, regions, central, ws, diag)) != CCAP_OK)
        return status;
    /* the rates held: those of the last step before the jump-off, else the base's */
    held = ccap_population_year(base) +
           (fixed > 0 ? (int)((fixed - 1) * ccap_population_age_width(base)) : 0);
    ccap_variant_adjust(variant, spread, held, &adj);
    return ccap_projection_run_adjusted(proj, assumptions, regions, n_steps - central, ws, &adj,
                                        diag);
}
