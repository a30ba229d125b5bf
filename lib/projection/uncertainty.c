/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Monte Carlo trajectories of a projection and their quantiles. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "ccap_private.h"

#define M_COUNT CCAP_UNCERTAINTY_N_MEASURES

struct ccap_uncertainty_result {
    size_t n_traj, n_regions, n_years;
    int first_year, jump_off_year;
    double
        *values; /* [((traj * n_regions + region) * n_years + year - first) * M_COUNT + measure] */
};

ccap_uncertainty_params
ccap_uncertainty_params_default(void)
{
    ccap_uncertainty_params p;

    p.n_trajectories = 1000;
    p.seed = CCAP_UNCERTAINTY_SEED_DEFAULT;
    p.n_threads = 0;
    p.jump_off_year = 0;
    p.tfr_phi = 0.9;
    p.tfr_sigma = 0.153;
    p.tfr_floor = 0.3;
    p.mortality_sd = 0.05;
    p.migration_sd = 0.25;
    p.progress = NULL;
    p.progress_ctx = NULL;
    return p;
}

static int
params_ok(const ccap_uncertainty_params *p)
{
    return p->tfr_phi >= 0.0 && p->tfr_phi < 1.0 && p->tfr_sigma >= 0.0 && isfinite(p->tfr_sigma) &&
           p->tfr_floor >= 0.0 && isfinite(p->tfr_floor) && p->mortality_sd >= 0.0 &&
           isfinite(p->mortality_sd) && p->migration_sd >= 0.0 && isfinite(p->migration_sd) &&
           (p->jump_off_year == 0 ||
            (p->jump_off_year >= CCAP_YEAR_MIN && p->jump_off_year <= CCAP_YEAR_MAX));
}

const char *
ccap_uncertainty_measure_name(ccap_uncertainty_measure measure)
{
    static const char *const names[M_COUNT] = {"population", "births", "under3",
                                               "age0",       "age1",   "age2"};

    return (unsigned)measure < M_COUNT ? names[measure] : "unknown";
}

/* The calendar years wholly within n_steps steps of width n from base: from the base
 * year (a base on 1 January, or without a date) or the next, to the year before the
 * year the last step ends in (it ends on the base's day of that year). */
static void
calendar_years(const ccap_population *base, size_t n_steps, size_t n, int *first, size_t *n_years)
{
    const ccap_date d = ccap_population_date(base);
    const int year = ccap_population_year(base);
    const int on_new_year = !ccap_date_is_valid(d) || (d.month == 1 && d.day == 1);
    const long last = (long)year + (long)(n_steps * n) - 1;

    *first = on_new_year ? year : year + 1;
    *n_years = last >= (long)*first ? (size_t)(last - (long)*first + 1) : 0;
}

/* The (i+1)-th output of SplitMix64 started at seed (Steele, Lea and Flood 2014). */
static uint64_t
splitmix64(uint64_t seed, uint64_t i)
{
    uint64_t z = seed + (i + 1u) * UINT64_C(0x9E3779B97F4A7C15);

    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/*
 * Seed rng for trajectory i and draw its noise: the mortality factor, then for
 * every year t = 1 … n_years the fertility innovation and the migration draw.
 * fert[t-1] = exp(x_t); mig[t-1] = 1 + sd·u_t (mig may be NULL).
 */
static void
draw_trajectory(gsl_rng *rng, const ccap_uncertainty_params *p, size_t i, size_t n_years,
                double *mort, double fert[], double mig[])
{
    double x = 0.0, z;
    size_t t;

    gsl_rng_set(rng, (unsigned long)(splitmix64(p->seed, (uint64_t)i) >> 32));
    z = gsl_ran_gaussian(rng, 1.0);
    *mort = exp(p->mortality_sd * z);
    for (t = 0; t < n_years; t++) {
        const double e = gsl_ran_gaussian(rng, 1.0);
        const double u = gsl_ran_gaussian(rng, 1.0);

        x = p->tfr_phi * x + p->tfr_sigma * e;
        fert[t] = exp(x);
        if (mig != NULL)
            mig[t] = 1.0 + p->migration_sd * u;
    }
}

int
ccap_uncertainty_tfr_factors(const ccap_uncertainty_params *params, size_t trajectory,
                             double factors_out[], size_t n_years)
{
    gsl_rng *rng;
    double mort;
    size_t t;

    if (factors_out != NULL)
        for (t = 0; t < n_years; t++)
            factors_out[t] = NAN;
    if (params == NULL || factors_out == NULL || n_years == 0)
        return CCAP_EINVAL;
    if (!params_ok(params))
        return CCAP_EDOM;
    if ((rng = gsl_rng_alloc(gsl_rng_mt19937)) == NULL)
        return CCAP_ENOMEM;
    draw_trajectory(rng, params, trajectory, n_years, &mort, factors_out, NULL);
    gsl_rng_free(rng);
    return CCAP_OK;
}

/* ---- one thread's workspace ---- */

typedef struct worker {
    ccap_projection *proj;
    ccap_rates_workspace *ws;
    gsl_rng *rng;
    ccap_population *scratch; /* a year-end */
    double *fert, *mig;       /* yearly factors, S·n each */
    /* the calendar years as the projection's dates give them (the same in every
     * trajectory; found after this thread's first): year y's end interpolated between
     * steps ystep[y] and ystep[y] + 1 at yu[y], its events the steps' shares
     * yshare[y·S + s − 1] */
    int planned;
    size_t *ystep;
    double *yu, *yshare;
    /* a year whose measures need only the central steps before the jump-off (yfixed[y]) is
     * the same in every trajectory: its measures are kept from this thread's first,
     * fixed_values[(y * R + r) * M_COUNT + m] */
    unsigned char *yfixed;
    double *fixed_values;
    int have_fixed;
    int started; /* proj holds the central steps, from this thread's first trajectory */
} worker;

static void
worker_free(worker *w)
{
    ccap_projection_free(w->proj);
    ccap_rates_workspace_free(w->ws);
    if (w->rng != NULL)
        gsl_rng_free(w->rng);
    ccap_population_free(w->scratch);
    free(w->fert);
    free(w->mig);
    free(w->ystep);
    free(w->yu);
    free(w->yshare);
    free(w->yfixed);
    free(w->fixed_values);
}

static int
worker_alloc(worker *w, size_t R, size_t G, size_t n, size_t S, size_t n_mx, size_t n_years)
{
    memset(w, 0, sizeof *w);
    w->proj = ccap_projection_alloc(R, G, n, S);
    w->ws = ccap_rates_workspace_alloc(R, G, n, n_mx);
    w->rng = gsl_rng_alloc(gsl_rng_mt19937);
    w->fert = ccap__alloc(S * n, sizeof *w->fert);
    w->mig = ccap__alloc(S * n, sizeof *w->mig);
    w->scratch = ccap_population_alloc(R, G, n);
    w->ystep = ccap__alloc(n_years, sizeof *w->ystep);
    w->yu = ccap__alloc(n_years, sizeof *w->yu);
    w->yshare = ccap__alloc(n_years * S, sizeof *w->yshare);
    w->yfixed = ccap__alloc(n_years, sizeof *w->yfixed);
    w->fixed_values = ccap__alloc(n_years * R * M_COUNT, sizeof *w->fixed_values);
    if (w->ws != NULL && ccap__rates_workspace_memo(w->ws, S) != CCAP_OK) {
        ccap_rates_workspace_free(w->ws);
        w->ws = NULL;
    }
    if (w->proj == NULL || w->ws == NULL || w->rng == NULL || w->fert == NULL || w->mig == NULL ||
        w->scratch == NULL || w->ystep == NULL || w->yu == NULL || w->yshare == NULL ||
        w->yfixed == NULL || w->fixed_values == NULL) {
        worker_free(w);
        memset(w, 0, sizeof *w);
        return CCAP_ENOMEM;
    }
    return CCAP_OK;
}

typedef struct run_ctx {
    const ccap_population *base;
    const ccap_regions *regions;
    const ccap_assumptions *a;
    const ccap_uncertainty_params *p;
    size_t R, G, n, S;
    size_t fixed; /* steps before the jump-off: central assumptions */
    const ccap_projection *prefix; /* those steps, done once (NULL when fixed is 0) */
    ccap_uncertainty_result *res;
} run_ctx;

/* Lowest TFR (n·Σ f) among the projected regions with positive fertility; 0 if none. */
static double
lowest_tfr(const ccap_rates *rates, const ccap_regions *regions, size_t R, size_t G, size_t n)
{
    double lo = 0.0;
    size_t r, g;

    for (r = 0; r < R; r++) {
        const double *f = rates->asfr_shared ? rates->asfr : rates->asfr + r * G;
        double tfr = 0.0;

        if (ccap_regions_n_children(regions, r) > 0)
            continue;
        for (g = 0; g < G; g++)
            tfr += f[g] * (double)n;
        if (tfr > 0.0 && (!(lo > 0.0) || tfr < lo))
            lo = tfr;
    }
    return lo;
}

/* The calendar years of w's plan from its projection, done (the dates are those of
 * every trajectory): ccap_projection_population_at()'s bracket of 1 January after each
 * year and ccap_projection_year_events()'s shares of the steps. */
static int
plan_years(const run_ctx *c, worker *w)
{
    size_t y, s;
    int status;

    for (y = 0; y < c->res->n_years; y++) {
        const int year = c->res->first_year + (int)y;
        double births;

        status =
            ccap__projection_bracket(w->proj, (ccap_date){year + 1, 1, 1}, &w->ystep[y], &w->yu[y]);
        if (status == CCAP_OK) /* the year lies within the steps */
            status =
                ccap_projection_year_events(w->proj, 0, year, CCAP_SEX_BOTH, &births, NULL, NULL);
        if (status != CCAP_OK)
            return status;
        w->yfixed[y] = w->ystep[y] + 1 <= c->fixed;
        for (s = 1; s <= c->S; s++) {
            w->yshare[y * c->S + s - 1] = ccap__projection_step_share(w->proj, s, year);
            if (s > c->fixed && w->yshare[y * c->S + s - 1] > 0.0)
                w->yfixed[y] = 0;
        }
    }
    w->planned = 1;
    return CCAP_OK;
}

/* The measures of every region and calendar year of w->proj, into the result: births of
 * the year, stocks on 1 January of the next (as ccap_projection_population_at() and
 * ccap_projection_year_events() give them, bit for bit). */
static int
collect(const run_ctx *c, worker *w, size_t traj)
{
    const int single = c->n == 1 && c->G > 3;
    size_t y, r, x, g, s;
    int status;

    if (!w->planned && (status = plan_years(c, w)) != CCAP_OK)
        return status;
    for (y = 0; y < c->res->n_years; y++) {
        const double *share = w->yshare + y * c->S;

        if (w->yfixed[y] && w->have_fixed) {
            for (r = 0; r < c->R; r++)
                memcpy(c->res->values + ((traj * c->R + r) * c->res->n_years + y) * M_COUNT,
                       w->fixed_values + (y * c->R + r) * M_COUNT,
                       M_COUNT * sizeof *w->fixed_values);
            continue;
        }
        ccap__projection_interpolate(w->proj, w->ystep[y], w->yu[y], w->scratch);
        for (r = 0; r < c->R; r++) {
            double *v = c->res->values + ((traj * c->R + r) * c->res->n_years + y) * M_COUNT;
            double total = 0.0, age[3] = {0.0, 0.0, 0.0}, births = 0.0;

            for (x = 0; x < CCAP_N_SEXES; x++) {
                const double *p = ccap_population_values(w->scratch, r, (ccap_sex)x);

                for (g = 0; g < c->G; g++)
                    total += p[g];
                for (g = 0; single && g < 3; g++)
                    age[g] += p[g];
            }
            for (s = 1; s <= c->S; s++) {
                if (share[s - 1] > 0.0)
                    births += share[s - 1] * ccap_projection_births(w->proj, s, r, CCAP_SEX_BOTH);
            }
            v[CCAP_UNCERTAINTY_POPULATION] = total;
            v[CCAP_UNCERTAINTY_BIRTHS] = births;
            v[CCAP_UNCERTAINTY_UNDER3] = single ? age[0] + age[1] + age[2] : (double)NAN;
            v[CCAP_UNCERTAINTY_AGE0] = single ? age[0] : (double)NAN;
            v[CCAP_UNCERTAINTY_AGE1] = single ? age[1] : (double)NAN;
            v[CCAP_UNCERTAINTY_AGE2] = single ? age[2] : (double)NAN;
            if (w->yfixed[y])
                memcpy(w->fixed_values + (y * c->R + r) * M_COUNT, v, M_COUNT * sizeof *v);
        }
    }
    w->have_fixed = 1;
    return CCAP_OK;
}

/* Steps 1 … c->fixed of proj, initialised, on the central assumptions, as
 * ccap_projection_run() makes them. */
static int
central_steps(const run_ctx *c, ccap_projection *proj, ccap_rates_workspace *ws,
              ccap__rates_problem *problem)
{
    size_t s;
    int status;

    for (s = 1; s <= c->fixed; s++) {
        const ccap_population *start = ccap_projection_population(proj, s - 1);
        ccap_rates rates;

        status = ccap__rates_build(ws, c->a, c->regions, ccap_population_year(start), start, NULL,
                                   &rates, problem);
        if (status == CCAP_OK)
            status = ccap_projection_step(proj, &rates);
        if (status != CCAP_OK)
            return status;
    }
    return CCAP_OK;
}

/* A projection of c->fixed central steps from the base, in *prefix_out (NULL on failure). */
static int
central_prefix(const run_ctx *c, ccap_projection **prefix_out, ccap__rates_problem *problem)
{
    ccap_projection *proj = ccap_projection_alloc(c->R, c->G, c->n, c->fixed);
    ccap_rates_workspace *ws =
        ccap_rates_workspace_alloc(c->R, c->G, c->n, ccap_schedule_n_ages(c->a->mortality));
    int status = proj == NULL || ws == NULL ? CCAP_ENOMEM : CCAP_OK;

    if (status == CCAP_OK)
        status = ccap_projection_init(proj, c->base, c->regions);
    if (status == CCAP_OK)
        status = central_steps(c, proj, ws, problem);
    ccap_rates_workspace_free(ws);
    if (status != CCAP_OK) {
        ccap_projection_free(proj);
        proj = NULL;
    }
    *prefix_out = proj;
    return status;
}

/* One trajectory; the workspace is reused. */
static int
run_one(const run_ctx *c, worker *w, size_t traj, ccap__rates_problem *problem)
{
    const ccap_uncertainty_params *p = c->p;
    ccap_rates_adjust adj = ccap_rates_adjust_none();
    double mort;
    size_t s, t;
    int status;

    draw_trajectory(w->rng, p, traj, c->S * c->n, &mort, w->fert, w->mig);
    adj.mortality_factor = mort;
    problem->input = CCAP__RATES_NONE;
    /* before the jump-off: the central steps, done once for every trajectory, copied into
     * this thread's projection once (the steps after them never change them) */
    if (w->started)
        status = ccap__projection_rewind(w->proj, c->fixed);
    else
        status = c->prefix != NULL ? ccap__projection_restart(w->proj, c->prefix, c->fixed)
                                   : ccap_projection_init(w->proj, c->base, c->regions);
    if (status != CCAP_OK)
        return status;
    w->started = 1;
    for (s = c->fixed + 1; s <= c->S; s++) {
        const ccap_population *start = ccap_projection_population(w->proj, s - 1);
        const int year = ccap_population_year(start);
        double f = 0.0, m = 0.0;
        ccap_rates rates;

        /* the k-th free step (k = s - fixed) takes the years (k-1)·n + 1 … k·n */
        for (t = (s - 1 - c->fixed) * c->n; t < (s - c->fixed) * c->n; t++) {
            f += w->fert[t];
            m += w->mig[t];
        }
        adj.fertility_factor = f / (double)c->n;
        adj.migration_factor = m / (double)c->n;
        status = ccap__rates_build(w->ws, c->a, c->regions, year, start, &adj, &rates, problem);
        if (status != CCAP_OK)
            return status;
        if (adj.fertility_factor < 1.0) {
            /* the floor, through the factor: lowest TFR at factor 1 is lo / factor */
            const double lo = lowest_tfr(&rates, c->regions, c->R, c->G, c->n);

            if (lo > 0.0 && lo < p->tfr_floor) {
                double cap = p->tfr_floor / (lo / adj.fertility_factor);

                adj.fertility_factor = cap < 1.0 ? cap : 1.0;
                status = ccap__rates_build(w->ws, c->a, c->regions, year, start, &adj, &rates,
                                           problem);
                if (status != CCAP_OK)
                    return status;
            }
        }
        if ((status = ccap__projection_step_lean(w->proj, &rates)) != CCAP_OK)
            return status;
    }
    return collect(c, w, traj);
}

int
ccap_uncertainty_cells(size_t n_trajectories, size_t n_regions, size_t n_ages, size_t age_width,
                       size_t n_steps, size_t *cells_out, ccap_diag *diag)
{
    size_t cells = 0, other;
    int status;

    ccap_diag_clear(diag);
    if (cells_out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "NULL argument");
    *cells_out = 0;
    if (n_trajectories == 0 || n_regions == 0 || n_ages < 2 || age_width == 0 || n_steps == 0)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL,
                              "a run needs at least 1 trajectory, 1 region, 2 age groups, steps "
                              "of 1 year or more and 1 step (%zu trajectories, %zu regions, %zu "
                              "age groups, %zu-year steps, %zu steps)",
                              n_trajectories, n_regions, n_ages, age_width, n_steps);
    /* the result, N·R·Y·M doubles with Y <= S·n calendar years; per thread a projection,
     * a rates workspace and a population; per trajectory a status and a problem */
    if (CCAP__CELLS(&cells, sizeof(double), n_trajectories, n_regions, n_steps, age_width,
                    M_COUNT) != CCAP_OK) {
        *cells_out = SIZE_MAX;
        return ccap__diag_set(diag, CCAP_ERANGE, NULL, 0, 0, NULL,
                              "%zu trajectories x %zu regions x %.3g years x %d measures = "
                              "%.3g numbers, more than CCAP_CELLS_MAX (%zu)",
                              n_trajectories, n_regions, (double)n_steps * (double)age_width,
                              M_COUNT,
                              (double)n_trajectories * (double)n_regions * (double)n_steps *
                                  (double)age_width * M_COUNT,
                              (size_t)CCAP_CELLS_MAX);
    }
    if ((status = ccap_projection_cells(n_regions, n_ages, n_steps, &other, diag)) != CCAP_OK) {
        *cells_out = SIZE_MAX;
        return status;
    }
    if (CCAP__CELLS(&other, sizeof(double), n_regions, 5 * n_ages + 1) != CCAP_OK ||
        CCAP__CELLS(&other, sizeof(double), n_steps, CCAP_POPULATION_WIDTH_MAX) != CCAP_OK ||
        CCAP__CELLS(&other, sizeof(ccap__rates_problem), n_trajectories) != CCAP_OK) {
        *cells_out = SIZE_MAX;
        return ccap__diag_set(diag, CCAP_ERANGE, NULL, 0, 0, NULL,
                              "a run of %zu trajectories x %zu regions x %zu age groups x %zu "
                              "steps needs workspaces larger than CCAP_CELLS_MAX (%zu)",
                              n_trajectories, n_regions, n_ages, n_steps, (size_t)CCAP_CELLS_MAX);
    }
    *cells_out = cells;
    return CCAP_OK;
}

size_t
ccap_uncertainty_threads(size_t n_trajectories, size_t n_threads)
{
    size_t n = 1;

#ifdef _OPENMP
    {
        const int procs = omp_get_num_procs();
        const size_t most = 2 * (size_t)(procs > 0 ? procs : 1);

        n = n_threads > 0 ? n_threads : (size_t)omp_get_max_threads();
        if (n > most)
            n = most;
    }
#else
    (void)n_threads;
#endif
    if (n > n_trajectories)
        n = n_trajectories;
    return n;
}

int
ccap_uncertainty_run(const ccap_population *base, const ccap_regions *regions,
                     const ccap_assumptions *assumptions, size_t n_steps,
                     const ccap_uncertainty_params *params, ccap_uncertainty_result **result_out,
                     ccap_diag *diag)
{
    run_ctx c;
    ccap_uncertainty_result *res;
    ccap_projection *prefix = NULL;
    int *status_of = NULL;
    ccap__rates_problem *problem_of = NULL;
    size_t N, R, i, cells, n_threads, n_years, fixed, done = 0;
    int status = CCAP_OK, alloc_failed = 0, first_year;

    ccap_diag_clear(diag);
    if (result_out != NULL)
        *result_out = NULL;
    if (base == NULL || regions == NULL || assumptions == NULL || params == NULL ||
        result_out == NULL || assumptions->mortality == NULL || n_steps == 0 ||
        params->n_trajectories == 0 || !ccap_regions_is_finished(regions))
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL,
                              "a NULL argument, no mortality, no step or trajectory, or a "
                              "region table not finished");
    R = ccap_population_n_regions(base);
    N = params->n_trajectories;
    if (ccap_regions_count(regions) != R)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL,
                              "the population has %zu regions, the table %zu", R,
                              ccap_regions_count(regions));
    if (!params_ok(params))
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, NULL,
                              "a parameter of the noise model out of its domain");
    /* Before anything is allocated: the result, a thread's workspaces, the trajectories'
     * statuses (ccap_uncertainty_cells()). */
    if (ccap_uncertainty_cells(N, R, ccap_population_n_ages(base), ccap_population_age_width(base),
                               n_steps, &cells, diag) != CCAP_OK)
        return CCAP_ERANGE;
    calendar_years(base, n_steps, ccap_population_age_width(base), &first_year, &n_years);
    if (n_years == 0)
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, NULL,
                              "no calendar year lies wholly within the steps");
    cells = N * R * n_years * M_COUNT;
    if ((status = ccap_rates_jump_off_steps(base, params->jump_off_year, &fixed)) != CCAP_OK)
        return ccap__diag_set(diag, status, NULL, 0, 0, NULL, "jump-off year %d: %s",
                              params->jump_off_year, ccap_strerror(status));
    n_threads = ccap_uncertainty_threads(N, params->n_threads);
    res = calloc(1, sizeof *res);
    if (res == NULL)
        return ccap__diag_set(diag, CCAP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    res->values = ccap__alloc(cells, sizeof *res->values);
    status_of = ccap__alloc(N, sizeof *status_of);
    problem_of = ccap__alloc(N, sizeof *problem_of);
    if (res->values == NULL || status_of == NULL || problem_of == NULL) {
        free(status_of);
        free(problem_of);
        ccap_uncertainty_result_free(res);
        return ccap__diag_set(diag, CCAP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    }
    for (i = 0; i < cells; i++)
        res->values[i] = NAN;
    res->n_traj = N;
    res->n_regions = R;
    res->n_years = n_years;
    res->first_year = first_year;
    res->jump_off_year = params->jump_off_year;

    c.base = base;
    c.regions = regions;
    c.a = assumptions;
    c.p = params;
    c.fixed = fixed < n_steps ? fixed : n_steps;
    c.R = R;
    c.G = ccap_population_n_ages(base);
    c.n = ccap_population_age_width(base);
    c.S = n_steps;
    c.res = res;
    c.prefix = NULL;
    if (c.fixed > 0) {
        /* the steps before the jump-off, the same in every trajectory: once */
        ccap__rates_problem problem;

        problem.input = CCAP__RATES_NONE;
        status = central_prefix(&c, &prefix, &problem);
        if (status != CCAP_OK) {
            if (status == CCAP_ENOMEM)
                ccap__diag_set(diag, status, NULL, 0, 0, NULL, "out of memory");
            else
                ccap__rates_problem_diag(&problem, regions, c.n, c.G, status, diag);
            free(status_of);
            free(problem_of);
            ccap_uncertainty_result_free(res);
            return status;
        }
        c.prefix = prefix;
    }

#ifdef _OPENMP
#pragma omp parallel num_threads((int)n_threads)
#else
    (void)n_threads;
#endif
    {
        worker w;
        long j;
        const int ok =
            worker_alloc(&w, c.R, c.G, c.n, c.S, ccap_schedule_n_ages(assumptions->mortality),
                         n_years) == CCAP_OK;

        if (!ok) {
#ifdef _OPENMP
#pragma omp atomic write
#endif
            alloc_failed = 1;
        }
#ifdef _OPENMP
#pragma omp for schedule(dynamic)
#endif
        for (j = 0; j < (long)N; j++) {
            status_of[j] = ok ? run_one(&c, &w, (size_t)j, &problem_of[j]) : CCAP_ENOMEM;
            if (params->progress != NULL) {
                size_t now_done;
#ifdef _OPENMP
#pragma omp atomic capture
#endif
                now_done = ++done;
#ifdef _OPENMP
                if (omp_get_thread_num() == 0) /* the thread that called the run */
#endif
                    params->progress(params->progress_ctx, now_done, N);
            }
        }
        if (ok)
            worker_free(&w);
    }
    if (params->progress != NULL)
        params->progress(params->progress_ctx, N, N);
    /* report the failure of the lowest trajectory, whatever the threads did */
    for (i = 0; i < N && status == CCAP_OK; i++) {
        if (status_of[i] != CCAP_OK) {
            status = status_of[i];
            ccap__rates_problem_diag(&problem_of[i], regions, c.n, c.G, status, diag);
        }
    }
    if (alloc_failed && status == CCAP_OK)
        status = ccap__diag_set(diag, CCAP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    free(status_of);
    free(problem_of);
    ccap_projection_free(prefix);
    if (status != CCAP_OK) {
        ccap_uncertainty_result_free(res);
        return status;
    }
    *result_out = res;
    return CCAP_OK;
}

void
ccap_uncertainty_result_free(ccap_uncertainty_result *result)
{
    if (result == NULL)
        return;
    free(result->values);
    free(result);
}

size_t
ccap_uncertainty_result_n_trajectories(const ccap_uncertainty_result *result)
{
    return result == NULL ? 0 : result->n_traj;
}

size_t
ccap_uncertainty_result_n_regions(const ccap_uncertainty_result *result)
{
    return result == NULL ? 0 : result->n_regions;
}

int
ccap_uncertainty_result_years(const ccap_uncertainty_result *result, int *first_out, int *last_out)
{
    if (result == NULL)
        return CCAP_EINVAL;
    if (first_out != NULL)
        *first_out = result->first_year;
    if (last_out != NULL)
        *last_out = result->first_year + (int)result->n_years - 1;
    return CCAP_OK;
}

int
ccap_uncertainty_result_jump_off_year(const ccap_uncertainty_result *result)
{
    return result == NULL ? 0 : result->jump_off_year;
}

/* The index of a calendar year of the result, or n_years when it has none. */
static size_t
year_index(const ccap_uncertainty_result *r, int year)
{
    const long d = (long)year - (long)r->first_year;

    return d >= 0 && (unsigned long)d < r->n_years ? (size_t)d : r->n_years;
}

static const double *
cell(const ccap_uncertainty_result *r, size_t traj, size_t region, size_t y)
{
    return r->values + ((traj * r->n_regions + region) * r->n_years + y) * M_COUNT;
}

double
ccap_uncertainty_value(const ccap_uncertainty_result *result, size_t trajectory, size_t region,
                       int year, ccap_uncertainty_measure measure)
{
    size_t y;

    if (result == NULL || region >= result->n_regions || trajectory >= result->n_traj ||
        (unsigned)measure >= M_COUNT || (y = year_index(result, year)) == result->n_years)
        return NAN;
    return cell(result, trajectory, region, y)[measure];
}

int
ccap_uncertainty_quantiles(const ccap_uncertainty_result *result, size_t region, int year,
                           ccap_uncertainty_measure measure, const double probs[], size_t n_probs,
                           double quantiles_out[])
{
    double *v;
    size_t i, y;
    int status;

    if (quantiles_out != NULL)
        ccap__fill_nan(quantiles_out, n_probs);
    if (result == NULL || region >= result->n_regions || probs == NULL || quantiles_out == NULL ||
        n_probs == 0 || (unsigned)measure >= M_COUNT)
        return CCAP_EINVAL;
    if ((y = year_index(result, year)) == result->n_years)
        return CCAP_ENOTFOUND;
    if ((v = ccap__alloc(result->n_traj, sizeof *v)) == NULL)
        return CCAP_ENOMEM;
    for (i = 0; i < result->n_traj; i++)
        v[i] = cell(result, i, region, y)[measure];
    status = ccap__quantiles(v, result->n_traj, probs, n_probs, quantiles_out);
    free(v);
    return status;
}

int
ccap__quantiles(double v[], size_t n, const double probs[], size_t n_probs, double quantiles_out[])
{
    size_t i, j;

    ccap__fill_nan(quantiles_out, n_probs);
    for (i = 0; i < n_probs; i++)
        if (!(probs[i] >= 0.0 && probs[i] <= 1.0))
            return CCAP_EDOM;
    for (i = 0; i < n; i++)
        if (isnan(v[i]))
            return CCAP_EDOM;
    if (n == 0) /* as gsl_stats_quantile_from_sorted_data() */
        return CCAP_OK;
    /* Order statistics by selection rather than a full sort, combined by the formula of
     * gsl_stats_quantile_from_sorted_data(): with h = p·(n−1), lhs = ⌊h⌋, δ = h − lhs,
     * (1 − δ)·v_(lhs) + δ·v_(lhs+1), or v_(lhs) when lhs = n − 1. */
    for (i = 0; i < n_probs; i++) {
        const double h = probs[i] * (double)(n - 1);
        const size_t lhs = (size_t)h;
        const double delta = h - (double)lhs;
        const double a = ccap__select_kth(v, n, lhs);
        double b;

        if (lhs == n - 1) {
            quantiles_out[i] = a;
            continue;
        }
        b = v[lhs + 1]; /* after selection, the smallest above lhs */
        for (j = lhs + 2; j < n; j++)
            b = v[j] < b ? v[j] : b;
        quantiles_out[i] = (1 - delta) * a + delta * b;
    }
    return CCAP_OK;
}
