/* SPDX-License-Identifier: GPL-3.0-or-later */
/* uncertainty: Monte Carlo trajectories, reproducibility, the TFR process, quantiles. */

#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "ccap_test.h"

/* C01 (0) -> A11 (1), B12 (2); B12 -> B121 (3), B122 (4).  Leaves: 1, 3, 4. */
enum { C01 = 0, A11 = 1, B12 = 2, B121 = 3, B122 = 4, NR = 5 };
#define G 51 /* single years 0 ... 49, 50+ */
#define BASE_YEAR 2020
#define NSTEPS 6
#define LAST_YEAR (BASE_YEAR + NSTEPS - 1) /* the year step NSTEPS ends */

static ccap_regions *tree;
static ccap_population *base;
static ccap_schedule *mort, *fert, *fert_low, *srb, *mig;
static ccap_assumptions assume;

/* Fertility by 5-year group 15-19 ... 45-49: Σ = 0.24, TFR = 5·0.24 = 1.2. */
static const double asfr5[7] = {0.01, 0.06, 0.09, 0.05, 0.02, 0.008, 0.002};

static int
add_fertility(ccap_schedule *s, double scale)
{
    double f[7], fa[7];
    size_t i;

    for (i = 0; i < 7; i++) {
        f[i] = asfr5[i] * scale;
        fa[i] = f[i] * 1.25; /* A11: TFR 1.5 */
    }
    return ccap_schedule_add(s, CCAP_REGION_ALL, BASE_YEAR, CCAP_SEX_BOTH, f, 7) ||
           ccap_schedule_add(s, A11, BASE_YEAR, CCAP_SEX_BOTH, fa, 7);
}

static int
setup(void)
{
    size_t ages[G], fages[7], zero = 0, r, g;
    double mx[G], m[G], v[G], sr = 106.0;
    int x;

    tree = ccap_test_city();
    base = ccap_population_alloc(NR, G, 1);
    for (g = 0; g < G; g++) {
        ages[g] = g;
        mx[g] = g == 0 ? 0.006 : 0.0003 + 0.00002 * exp(0.09 * (double)g);
        m[g] = g >= 20 && g < 30 ? 20.0 : 0.0;
    }
    mx[G - 1] = 0.05;
    for (g = 0; g < 7; g++)
        fages[g] = 15 + 5 * g;
    mort = ccap_schedule_alloc(ages, G, CCAP_AGE_OPEN);
    fert = ccap_schedule_alloc(fages, 7, 50);
    fert_low = ccap_schedule_alloc(fages, 7, 50);
    srb = ccap_schedule_alloc(&zero, 1, CCAP_AGE_OPEN);
    mig = ccap_schedule_alloc(ages, G, CCAP_AGE_OPEN);
    if (tree == NULL || base == NULL || mort == NULL || fert == NULL || fert_low == NULL ||
        srb == NULL || mig == NULL)
        return 1;
    if (ccap_schedule_add(mort, CCAP_REGION_ALL, BASE_YEAR, CCAP_SEX_BOTH, mx, G) ||
        add_fertility(fert, 1.0) || add_fertility(fert_low, 0.25) ||
        ccap_schedule_add(srb, CCAP_REGION_ALL, BASE_YEAR, CCAP_SEX_BOTH, &sr, 1) ||
        ccap_schedule_add(mig, CCAP_REGION_ALL, BASE_YEAR, CCAP_SEX_BOTH, m, G))
        return 1;
    /* leaves of different sizes and shapes; parents as sums */
    for (r = 0; r < NR; r++) {
        if (ccap_regions_n_children(tree, r) > 0)
            continue;
        for (x = 0; x < 2; x++) {
            for (g = 0; g < G; g++)
                v[g] = (800.0 + 300.0 * (double)r) * exp(-0.004 * (double)(g * (r + 1))) +
                       10.0 * x;
            if (ccap_population_set_values(base, r, (ccap_sex)x, v, G))
                return 1;
        }
    }
    if (ccap_population_aggregate(base, tree, NULL) || ccap_population_set_year(base, BASE_YEAR))
        return 1;
    memset(&assume, 0, sizeof assume);
    assume.mortality = mort;
    assume.fertility = fert;
    assume.srb = srb;
    assume.migration = mig;
    assume.a0 = CCAP_A0_COALE_DEMENY;
    assume.timing = CCAP_MIGRATION_HALF;
    return 0;
}

static int
teardown(void)
{
    ccap_schedule_free(mort);
    ccap_schedule_free(fert);
    ccap_schedule_free(fert_low);
    ccap_schedule_free(srb);
    ccap_schedule_free(mig);
    ccap_population_free(base);
    ccap_regions_free(tree);
    return 0;
}

/* Bit-for-bit equality (the build warns on floating-point ==). */
static int
same(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static ccap_uncertainty_params
quiet(size_t n)
{
    ccap_uncertainty_params p = ccap_uncertainty_params_default();

    p.n_trajectories = n;
    p.tfr_sigma = 0.0;
    p.mortality_sd = 0.0;
    p.migration_sd = 0.0;
    return p;
}

/* A deterministic projection of NSTEPS steps with the given assumptions (NULL on failure). */
static ccap_projection *
deterministic(const ccap_assumptions *a)
{
    ccap_projection *proj = ccap_projection_alloc(NR, G, 1, NSTEPS);
    ccap_rates_workspace *ws = ccap_rates_workspace_alloc(NR, G, 1, G);

    if (proj == NULL || ws == NULL || ccap_projection_init(proj, base, tree) ||
        ccap_projection_run(proj, a, tree, NSTEPS, ws, NULL)) {
        ccap_projection_free(proj);
        proj = NULL;
    }
    ccap_rates_workspace_free(ws);
    return proj;
}

static double
pop_total(const ccap_population *p, size_t r, size_t g_end)
{
    double t = 0.0;
    size_t g;
    int x;

    for (x = 0; x < 2; x++)
        for (g = 0; g < g_end; g++)
            t += ccap_population_values(p, r, (ccap_sex)x)[g];
    return t;
}

/* Zero noise: every factor is exactly 1, so every trajectory is the deterministic
 * projection.  The base has no date: steps start on 1 January, so calendar year Y is
 * step Y − 2019 (2020 … 2025), its births those of the step, its year-end the step's end. */
static void
test_uncertainty__zero_noise_is_deterministic(void)
{
    ccap_uncertainty_params p = quiet(4);
    ccap_uncertainty_result *res = NULL;
    ccap_projection *proj = deterministic(&assume);
    ccap_population *end = ccap_population_alloc(NR, G, 1);
    size_t i, r, s;
    int first = 0, last = 0;

    CU_ASSERT_FATAL(proj != NULL && end != NULL);
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, NSTEPS, &p, &res, NULL), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    CU_ASSERT_EQUAL(ccap_uncertainty_result_n_trajectories(res), 4);
    CU_ASSERT_EQUAL(ccap_uncertainty_result_n_regions(res), NR);
    CCAP_ASSERT_STATUS(ccap_uncertainty_result_years(res, &first, &last), CCAP_OK);
    CU_ASSERT_EQUAL(first, 2020);
    CU_ASSERT_EQUAL(last, 2025);
    CU_ASSERT_EQUAL(ccap_uncertainty_result_jump_off_year(res), 0);
    for (s = 1; s <= NSTEPS; s++) {
        const int year = BASE_YEAR + (int)s - 1;
        const ccap_population *pop = ccap_projection_population(proj, s);

        CCAP_ASSERT_STATUS(ccap_projection_population_at(proj, (ccap_date){year + 1, 1, 1}, end),
                           CCAP_OK);
        for (i = 0; i < 4; i++)
            for (r = 0; r < NR; r++) {
                const double births = ccap_projection_births(proj, s, r, CCAP_SEX_FEMALE) +
                                      ccap_projection_births(proj, s, r, CCAP_SEX_MALE);
                double events = NAN;

                ccap_projection_year_events(proj, r, year, CCAP_SEX_BOTH, &events, NULL, NULL);
                /* the rule every output uses, bit for bit */
                CU_ASSERT(
                    same(ccap_uncertainty_value(res, i, r, year, CCAP_UNCERTAINTY_BIRTHS), events));
                CU_ASSERT(same(ccap_uncertainty_value(res, i, r, year, CCAP_UNCERTAINTY_POPULATION),
                               pop_total(end, r, G)));
                CCAP_ASSERT_REL(ccap_uncertainty_value(res, i, r, year, CCAP_UNCERTAINTY_UNDER3),
                                pop_total(end, r, 3), 1e-15);
                /* and, with steps on 1 January, the step's own births and end */
                CCAP_ASSERT_REL(ccap_uncertainty_value(res, i, r, year, CCAP_UNCERTAINTY_BIRTHS),
                                births, 1e-14);
                CCAP_ASSERT_REL(
                    ccap_uncertainty_value(res, i, r, year, CCAP_UNCERTAINTY_POPULATION),
                    pop_total(pop, r, G), 1e-14);
                CCAP_ASSERT_REL(ccap_uncertainty_value(res, i, r, year, CCAP_UNCERTAINTY_AGE0) +
                                    ccap_uncertainty_value(res, i, r, year, CCAP_UNCERTAINTY_AGE1) +
                                    ccap_uncertainty_value(res, i, r, year, CCAP_UNCERTAINTY_AGE2),
                                pop_total(pop, r, 3), 1e-14);
            }
    }
    ccap_uncertainty_result_free(res);
    ccap_population_free(end);
    ccap_projection_free(proj);
}

/* Zero noise, a base on the census night and a jump-off: every trajectory is the
 * deterministic projection bit for bit, in every year before the jump-off and after it.
 * On one thread the trajectories after the first go back to the central steps of the first
 * instead of copying them, take the schedules it found for each step year and the measures
 * of the years before the jump-off it made; on two threads each thread does so for its
 * own.  Migration by counts and by rates (in and out, by region, and other in each of the
 * trajectories' step years 2023, 2024 and 2025 for A11) on top of the setup's. */
static void
test_uncertainty__zero_noise_after_jump_off(void)
{
    ccap_uncertainty_params p = quiet(5);
    ccap_schedule *rates = NULL;
    ccap_assumptions a = assume;
    ccap_projection *proj = ccap_projection_alloc(NR, G, 1, NSTEPS);
    ccap_rates_workspace *ws = ccap_rates_workspace_alloc(NR, G, 1, G);
    ccap_population *end = ccap_population_alloc(NR, G, 1);
    ccap_uncertainty_result *res[2] = {NULL, NULL};
    size_t ages[G], g, i, r, t;
    double all[G], b121[G], a11[G];
    int y;

    CU_ASSERT_FATAL(proj != NULL && ws != NULL && end != NULL);
    for (g = 0; g < G; g++) {
        ages[g] = g;
        all[g] = g >= 18 && g <= 30 ? 0.001 : 0.0;
        b121[g] = g >= 20 && g <= 25 ? 0.003 : 0.0;
        a11[g] = g >= 18 && g <= 22 ? -0.002 : 0.0;
    }
    rates = ccap_schedule_alloc(ages, G, CCAP_AGE_OPEN);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rates);
    CU_ASSERT_FATAL(
        ccap_schedule_add(rates, CCAP_REGION_ALL, BASE_YEAR, CCAP_SEX_BOTH, all, G) == CCAP_OK &&
        ccap_schedule_add(rates, B121, BASE_YEAR, CCAP_SEX_FEMALE, b121, G) == CCAP_OK &&
        ccap_schedule_add(rates, A11, 2023, CCAP_SEX_BOTH, a11, G) == CCAP_OK &&
        ccap_schedule_add(rates, A11, 2024, CCAP_SEX_BOTH, all, G) == CCAP_OK);
    a.migration_rates = rates;
    CCAP_ASSERT_STATUS(ccap_population_set_date(base, (ccap_date){2020, 11, 1}), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_projection_init(proj, base, tree), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_projection_run(proj, &a, tree, NSTEPS, ws, NULL), CCAP_OK);
    p.jump_off_year = 2022; /* the first 3 steps are central, the other 3 are trajectories' */
    for (t = 0; t < 2; t++) {
        p.n_threads = t + 1;
        CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &a, NSTEPS, &p, &res[t], NULL),
                           CCAP_OK);
        CU_ASSERT_PTR_NOT_NULL_FATAL(res[t]);
    }
    for (y = 2021; y <= 2025; y++) {
        CCAP_ASSERT_STATUS(ccap_projection_population_at(proj, (ccap_date){y + 1, 1, 1}, end),
                           CCAP_OK);
        for (r = 0; r < NR; r++) {
            double births = NAN;
            size_t wrong = 0;

            ccap_projection_year_events(proj, r, y, CCAP_SEX_BOTH, &births, NULL, NULL);
            for (t = 0; t < 2; t++)
                for (i = 0; i < 5; i++) {
                    wrong += !same(ccap_uncertainty_value(res[t], i, r, y, CCAP_UNCERTAINTY_BIRTHS),
                                   births);
                    wrong +=
                        !same(ccap_uncertainty_value(res[t], i, r, y, CCAP_UNCERTAINTY_POPULATION),
                              pop_total(end, r, G));
                    wrong += !same(ccap_uncertainty_value(res[t], i, r, y, CCAP_UNCERTAINTY_AGE0),
                                   ccap_population_values(end, r, CCAP_SEX_MALE)[0] +
                                       ccap_population_values(end, r, CCAP_SEX_FEMALE)[0]);
                }
            CU_ASSERT_EQUAL(wrong, 0);
        }
    }
    CCAP_ASSERT_STATUS(ccap_population_set_date(base, (ccap_date){0, 0, 0}), CCAP_OK);
    ccap_uncertainty_result_free(res[0]);
    ccap_uncertainty_result_free(res[1]);
    ccap_schedule_free(rates);
    ccap_population_free(end);
    ccap_rates_workspace_free(ws);
    ccap_projection_free(proj);
}

static int
same_values(const ccap_uncertainty_result *a, const ccap_uncertainty_result *b, size_t n)
{
    size_t i, r, m;
    int y;

    for (i = 0; i < n; i++)
        for (r = 0; r < NR; r++)
            for (y = BASE_YEAR; y < BASE_YEAR + NSTEPS; y++)
                for (m = 0; m < CCAP_UNCERTAINTY_N_MEASURES; m++)
                    if (!same(ccap_uncertainty_value(a, i, r, y, (ccap_uncertainty_measure)m),
                              ccap_uncertainty_value(b, i, r, y, (ccap_uncertainty_measure)m)))
                        return 0;
    return 1;
}

/* Same seed, same numbers for 1 and 2 threads and for any number of trajectories. */
static void
test_uncertainty__reproducible(void)
{
    ccap_uncertainty_params p = ccap_uncertainty_params_default();
    ccap_uncertainty_result *one = NULL, *two = NULL, *few = NULL, *other = NULL;

    p.n_trajectories = 24;
    p.n_threads = 1;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, NSTEPS, &p, &one, NULL), CCAP_OK);
    p.n_threads = 2; /* serial when the library has no OpenMP: the test then checks reruns */
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, NSTEPS, &p, &two, NULL), CCAP_OK);
    p.n_trajectories = 7; /* trajectory i does not depend on how many run before or after it */
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, NSTEPS, &p, &few, NULL), CCAP_OK);
    p.n_trajectories = 24;
    p.seed += 1;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, NSTEPS, &p, &other, NULL),
                       CCAP_OK);
    CU_ASSERT_FATAL(one != NULL && two != NULL && few != NULL && other != NULL);
    CU_ASSERT(same_values(one, two, 24));
    CU_ASSERT(same_values(one, few, 7));
    CU_ASSERT(!same_values(one, other, 1));
    /* and the trajectories of one run differ from each other */
    CU_ASSERT(!same(ccap_uncertainty_value(one, 0, C01, LAST_YEAR, CCAP_UNCERTAINTY_BIRTHS),
                    ccap_uncertainty_value(one, 1, C01, LAST_YEAR, CCAP_UNCERTAINTY_BIRTHS)));
    ccap_uncertainty_result_free(one);
    ccap_uncertainty_result_free(two);
    ccap_uncertainty_result_free(few);
    ccap_uncertainty_result_free(other);
}

/* What the progress callback saw. */
typedef struct seen {
    pthread_t caller;
    size_t calls, last, total;
    int decreasing, other_thread, bad_total;
} seen;

static void
record_progress(void *ctx, size_t done, size_t total)
{
    seen *s = ctx;

    s->decreasing |= done < s->last;
    s->other_thread |= !pthread_equal(pthread_self(), s->caller);
    s->bad_total |= total != s->total;
    s->last = done;
    s->calls++;
}

/* Progress: called from the calling thread only, done never decreasing, the last call with
 * done = total (with 2 threads, how many trajectories the caller's thread runs depends on
 * the sharing: 1 call per trajectory of its own, at most 24, and the last); with 1 thread
 * 24 + 1 calls.  The numbers are those of a run without the callback, bit for bit. */
static void
test_uncertainty__progress(void)
{
    ccap_uncertainty_params p = ccap_uncertainty_params_default();
    ccap_uncertainty_result *with = NULL, *without = NULL;
    seen s;

    memset(&s, 0, sizeof s);
    s.caller = pthread_self();
    s.total = 24;
    p.n_trajectories = 24;
    p.n_threads = 2;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, NSTEPS, &p, &without, NULL),
                       CCAP_OK);
    p.progress = record_progress;
    p.progress_ctx = &s;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, NSTEPS, &p, &with, NULL), CCAP_OK);
    CU_ASSERT_FATAL(with != NULL && without != NULL);
    CU_ASSERT(same_values(with, without, 24));
    CU_ASSERT(s.calls >= 1); /* the end at least */
    CU_ASSERT(s.calls <= 25);
    CU_ASSERT_EQUAL(s.last, 24);
    CU_ASSERT(!s.decreasing);
    CU_ASSERT(!s.other_thread);
    CU_ASSERT(!s.bad_total);
    /* one thread: every trajectory, then the end */
    memset(&s, 0, sizeof s);
    s.caller = pthread_self();
    s.total = 24;
    p.n_threads = 1;
    ccap_uncertainty_result_free(with);
    with = NULL;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, NSTEPS, &p, &with, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(s.calls, 25);
    CU_ASSERT_EQUAL(s.last, 24);
    CU_ASSERT(!s.decreasing && !s.other_thread && !s.bad_total);
    CU_ASSERT(same_values(with, without, 24));
    ccap_uncertainty_result_free(with);
    ccap_uncertainty_result_free(without);
}

/*
 * The log-TFR factor is AR(1), x_t = φ x_{t-1} + σ e_t, x_0 = 0.  With the
 * defaults φ = 0.9, σ = 0.153:
 *
 * (a) One long path, n = 200,000 years after a burn-in of 200 (φ^200 ≈ 7e-10:
 *     stationary).  Stationary variance V = σ²/(1−φ²) = 0.023409/0.19 = 0.123205.
 *     Sampling sds for an AR(1) with Gaussian innovations (Box, Jenkins and
 *     Reinsel, ch. 2 and 7):
 *     mean:   sqrt(V/n · (1+φ)/(1−φ)) = sqrt(0.123205·19/2e5) = 0.00342;
 *     var:    sqrt(2V²/n · (1+φ²)/(1−φ²)) = sqrt(2·0.015179/2e5·9.526) = 0.00120;
 *     lag-1:  sqrt((1−φ²)/n) = sqrt(0.19/2e5) = 0.000975 (Bartlett).
 *     Tolerance 5 sds each (a false alarm about once in 1.7 million runs; the
 *     draws are fixed by the seed, so the test is deterministic anyway).
 * (b) Across 20,000 trajectories at t = 10 (independent draws): the mean is 0
 *     with sd sqrt(V10/n), and V10 = σ²(1−φ^20)/(1−φ²) = 0.023409·4.623281 =
 *     0.108226, whose sample variance has sd V10·sqrt(2/(n−1)) = 0.00108.
 */
static void
test_uncertainty__tfr_process(void)
{
    ccap_uncertainty_params p = ccap_uncertainty_params_default();
    const size_t burn = 200, n = 200000, nt = 20000;
    double *f = malloc((burn + n) * sizeof *f), f10[10], *x10 = malloc(nt * sizeof *x10);
    const double V = 0.153 * 0.153 / (1.0 - 0.81), V10 = V * (1.0 - pow(0.9, 20));
    double mean, var, r1;
    size_t t;

    CU_ASSERT_FATAL(f != NULL && x10 != NULL);
    CCAP_ASSERT_STATUS(ccap_uncertainty_tfr_factors(&p, 3, f, burn + n), CCAP_OK);
    for (t = 0; t < burn + n; t++)
        f[t] = log(f[t]);
    mean = gsl_stats_mean(f + burn, 1, n);
    var = gsl_stats_variance_m(f + burn, 1, n, mean);
    r1 = gsl_stats_lag1_autocorrelation_m(f + burn, 1, n, mean);
    CU_ASSERT(fabs(mean) < 5 * 0.00342);
    CU_ASSERT(fabs(var - V) < 5 * 0.00120);
    CU_ASSERT(fabs(r1 - 0.9) < 5 * 0.000975);

    for (t = 0; t < nt; t++) {
        CCAP_ASSERT_STATUS(ccap_uncertainty_tfr_factors(&p, t, f10, 10), CCAP_OK);
        x10[t] = log(f10[9]);
    }
    mean = gsl_stats_mean(x10, 1, nt);
    var = gsl_stats_variance_m(x10, 1, nt, mean);
    CU_ASSERT(fabs(mean) < 5 * sqrt(V10 / (double)nt));
    CU_ASSERT(fabs(var - V10) < 5 * V10 * sqrt(2.0 / (double)(nt - 1)));
    /* 80 % band of a TFR of 1.15 after 10 years: 1.15·exp(±1.2816·sqrt(V10)) = 0.754, 1.753 */
    gsl_sort(x10, 1, nt);
    CCAP_ASSERT_REL(1.15 * exp(gsl_stats_quantile_from_sorted_data(x10, 1, nt, 0.1)), 0.754, 0.02);
    CCAP_ASSERT_REL(1.15 * exp(gsl_stats_quantile_from_sorted_data(x10, 1, nt, 0.9)), 1.753, 0.02);

    /* σ = 0: every factor is exactly 1 */
    p.tfr_sigma = 0.0;
    CCAP_ASSERT_STATUS(ccap_uncertainty_tfr_factors(&p, 5, f10, 10), CCAP_OK);
    for (t = 0; t < 10; t++)
        CU_ASSERT(same(f10[t], 1.0));
    free(f);
    free(x10);
}

/* Quantiles equal GSL's on the raw values; a parent's quantile is that of the sums. */
static void
test_uncertainty__quantiles(void)
{
    ccap_uncertainty_params p = ccap_uncertainty_params_default();
    ccap_uncertainty_result *res = NULL;
    const double probs[3] = {0.1, 0.5, 0.9};
    double q[3], qa[3], qb[3], qp[3], v[101], sum[101];
    size_t i, k;

    p.n_trajectories = 101;
    p.migration_sd = 1.0; /* regions differ in size and migration share: weak correlation */
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, NSTEPS, &p, &res, NULL), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    CCAP_ASSERT_STATUS(
        ccap_uncertainty_quantiles(res, B121, 2023, CCAP_UNCERTAINTY_BIRTHS, probs, 3, q), CCAP_OK);
    for (i = 0; i < 101; i++)
        v[i] = ccap_uncertainty_value(res, i, B121, 2023, CCAP_UNCERTAINTY_BIRTHS);
    gsl_sort(v, 1, 101);
    /* 101 values: p = 0.1, 0.5, 0.9 fall exactly on the sorted values 10, 50 and 90 */
    CU_ASSERT(same(q[0], v[10]));
    CU_ASSERT(same(q[1], v[50]));
    CU_ASSERT(same(q[2], v[90]));
    for (k = 0; k < 3; k++)
        CU_ASSERT(same(q[k], gsl_stats_quantile_from_sorted_data(v, 1, 101, probs[k])));
    {
        /* between order statistics too (found by selection, not a sort): GSL's values bit
         * for bit, e.g. p = 0.123: h = 12.3, 0.7·v_(12) + 0.3·v_(13) */
        const double between[7] = {0.0, 0.123, 0.25, 1.0 / 3.0, 0.6789, 0.975, 1.0};
        double qb7[7];

        CCAP_ASSERT_STATUS(
            ccap_uncertainty_quantiles(res, B121, 2023, CCAP_UNCERTAINTY_BIRTHS, between, 7, qb7),
            CCAP_OK);
        for (k = 0; k < 7; k++)
            CU_ASSERT(same(qb7[k], gsl_stats_quantile_from_sorted_data(v, 1, 101, between[k])));
        CU_ASSERT(same(qb7[0], v[0]) && same(qb7[6], v[100]));
    }

    /* the parent B12 is B121 + B122 per trajectory */
    for (i = 0; i < 101; i++) {
        sum[i] = ccap_uncertainty_value(res, i, B121, LAST_YEAR, CCAP_UNCERTAINTY_POPULATION) +
                 ccap_uncertainty_value(res, i, B122, LAST_YEAR, CCAP_UNCERTAINTY_POPULATION);
        CCAP_ASSERT_REL(ccap_uncertainty_value(res, i, B12, LAST_YEAR, CCAP_UNCERTAINTY_POPULATION),
                        sum[i], 1e-13);
    }
    gsl_sort(sum, 1, 101);
    CCAP_ASSERT_STATUS(
        ccap_uncertainty_quantiles(res, B12, LAST_YEAR, CCAP_UNCERTAINTY_POPULATION, probs, 3, qp),
        CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_uncertainty_quantiles(res, B121, LAST_YEAR, CCAP_UNCERTAINTY_POPULATION, probs, 3, qa),
        CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_uncertainty_quantiles(res, B122, LAST_YEAR, CCAP_UNCERTAINTY_POPULATION, probs, 3, qb),
        CCAP_OK);
    for (k = 0; k < 3; k++)
        CCAP_ASSERT_REL(qp[k], gsl_stats_quantile_from_sorted_data(sum, 1, 101, probs[k]), 1e-13);
    /* the 10 % quantile of a sum is above the sum of the 10 % quantiles, the 90 % below,
     * unless the children move in lockstep (they do not: each has its own migration share) */
    CU_ASSERT(qp[0] > qa[0] + qb[0]);
    CU_ASSERT(qp[2] < qa[2] + qb[2]);
    ccap_uncertainty_result_free(res);
}

/* The TFR floor: factors never push the lowest TFR (1.2) below 0.3, i.e. the factor is at
 * least 0.25, so births are never below those of the fertility schedule times 0.25. */
static void
test_uncertainty__tfr_floor(void)
{
    ccap_uncertainty_params p = quiet(200);
    ccap_uncertainty_result *res = NULL;
    ccap_assumptions low = assume;
    ccap_projection *proj;
    double lowest = HUGE_VAL, b1;
    size_t i, hits = 0;

    low.fertility = fert_low;
    proj = deterministic(&low);
    CU_ASSERT_PTR_NOT_NULL_FATAL(proj);
    b1 = ccap_projection_births(proj, 1, B121, CCAP_SEX_FEMALE) +
         ccap_projection_births(proj, 1, B121, CCAP_SEX_MALE);
    p.tfr_phi = 0.0;
    p.tfr_sigma = 2.0; /* P(exp(2z) < 0.25) = P(z < −0.693) = 0.24 */
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, 1, &p, &res, NULL), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    for (i = 0; i < 200; i++) {
        const double b = ccap_uncertainty_value(res, i, B121, BASE_YEAR, CCAP_UNCERTAINTY_BIRTHS);
        if (b < lowest)
            lowest = b;
        if (fabs(b - b1) <= 1e-12 * b1)
            hits++;
    }
    CCAP_ASSERT_REL(lowest, b1, 1e-12);
    CU_ASSERT(hits > 20); /* about 48 of 200 expected at the floor */
    ccap_uncertainty_result_free(res);
    ccap_projection_free(proj);
}

/*
 * The jump-off: a base dated 2020-11-01 (a census), 6 one-year steps (to 2026-11-01: the
 * calendar years 2021 … 2025) and the last observed year 2022.  The steps that start before
 * 2023-01-01 (2020-11-01, 2021-11-01 and 2022-11-01, the one straddling the year end: 3,
 * ccap_rates_jump_off_steps()) keep the central assumptions, so births of 2021 and 2022
 * and the populations at the ends of those years are the deterministic projection's, bit
 * for bit, in every trajectory; the step from 2023-11-01 is free, so births of 2023 (its
 * first 2/12) and the end of 2023 (interpolated towards 2024-11-01) differ.
 */
static void
test_uncertainty__jump_off(void)
{
    ccap_uncertainty_params p = ccap_uncertainty_params_default();
    ccap_population *dated = base, *end = ccap_population_alloc(NR, G, 1);
    ccap_projection *proj = ccap_projection_alloc(NR, G, 1, NSTEPS);
    ccap_rates_workspace *ws = ccap_rates_workspace_alloc(NR, G, 1, G);
    ccap_uncertainty_result *res = NULL;
    const double probs[2] = {0.0, 1.0};
    double q[2];
    size_t i, r, fixed = 99;
    int first = 0, last = 0, y, differs = 0;

    CU_ASSERT_FATAL(dated != NULL && end != NULL && proj != NULL && ws != NULL);
    CCAP_ASSERT_STATUS(ccap_population_set_date(dated, (ccap_date){2020, 11, 1}), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_rates_jump_off_steps(dated, 2022, &fixed), CCAP_OK);
    CU_ASSERT_EQUAL(fixed, 3);
    CCAP_ASSERT_STATUS(ccap_projection_init(proj, dated, tree), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_projection_run(proj, &assume, tree, NSTEPS, ws, NULL), CCAP_OK);
    p.n_trajectories = 20;
    p.tfr_sigma = 0.5;
    p.jump_off_year = 2022;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(dated, tree, &assume, NSTEPS, &p, &res, NULL), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    CCAP_ASSERT_STATUS(ccap_uncertainty_result_years(res, &first, &last), CCAP_OK);
    CU_ASSERT_EQUAL(first, 2021);
    CU_ASSERT_EQUAL(last, 2025);
    CU_ASSERT_EQUAL(ccap_uncertainty_result_jump_off_year(res), 2022);
    for (y = 2021; y <= 2023; y++) {
        CCAP_ASSERT_STATUS(ccap_projection_population_at(proj, (ccap_date){y + 1, 1, 1}, end),
                           CCAP_OK);
        for (r = 0; r < NR; r++) {
            double b = NAN;
            ccap_projection_year_events(proj, r, y, CCAP_SEX_BOTH, &b, NULL, NULL);
            for (i = 0; i < 20; i++) {
                const int eq_b =
                    same(ccap_uncertainty_value(res, i, r, y, CCAP_UNCERTAINTY_BIRTHS), b);
                const int eq_p =
                    same(ccap_uncertainty_value(res, i, r, y, CCAP_UNCERTAINTY_POPULATION),
                         pop_total(end, r, G));
                /* (summed in another order: to the last bit or two) */
                const int eq_u =
                    fabs(ccap_uncertainty_value(res, i, r, y, CCAP_UNCERTAINTY_UNDER3) -
                         pop_total(end, r, 3)) <= 1e-15 * pop_total(end, r, 3);
                if (y <= 2022) {
                    CU_ASSERT(eq_b && eq_p && eq_u);
                } else {
                    differs += !eq_b && !eq_p;
                }
            }
        }
    }
    CU_ASSERT(differs > 0);
    /* the observed years carry no band: the lowest and highest trajectory agree */
    CCAP_ASSERT_STATUS(
        ccap_uncertainty_quantiles(res, C01, 2022, CCAP_UNCERTAINTY_BIRTHS, probs, 2, q), CCAP_OK);
    CU_ASSERT(same(q[0], q[1]));
    CCAP_ASSERT_STATUS(
        ccap_uncertainty_quantiles(res, C01, 2025, CCAP_UNCERTAINTY_BIRTHS, probs, 2, q), CCAP_OK);
    CU_ASSERT(q[0] < q[1]);
    ccap_uncertainty_result_free(res);

    /* the rule of the first free step: ⌊(J − base year)/n⌋ + 1 steps, 0 without a jump-off */
    CCAP_ASSERT_STATUS(ccap_rates_jump_off_steps(base, 2024, &fixed), CCAP_OK);
    CU_ASSERT_EQUAL(fixed, 5); /* 2020-01-01 … 2024-01-01; free from 2025-01-01 */
    CCAP_ASSERT_STATUS(ccap_rates_jump_off_steps(base, 2020, &fixed), CCAP_OK);
    CU_ASSERT_EQUAL(fixed, 1);
    CCAP_ASSERT_STATUS(ccap_rates_jump_off_steps(base, 2019, &fixed), CCAP_OK);
    CU_ASSERT_EQUAL(fixed, 0);
    CCAP_ASSERT_STATUS(ccap_rates_jump_off_steps(base, 0, &fixed), CCAP_OK);
    CU_ASSERT_EQUAL(fixed, 0);
    CCAP_ASSERT_STATUS(ccap_rates_jump_off_steps(base, 5, &fixed), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_rates_jump_off_steps(NULL, 2020, &fixed), CCAP_EINVAL);
    {
        /* five-year steps from 2020: 2024 is within the first step (1), 2025 starts the
         * second (2) */
        ccap_population *five = ccap_population_alloc(1, 3, 5);
        CU_ASSERT_FATAL(five != NULL);
        ccap_population_set_year(five, 2020);
        CCAP_ASSERT_STATUS(ccap_rates_jump_off_steps(five, 2024, &fixed), CCAP_OK);
        CU_ASSERT_EQUAL(fixed, 1);
        CCAP_ASSERT_STATUS(ccap_rates_jump_off_steps(five, 2025, &fixed), CCAP_OK);
        CU_ASSERT_EQUAL(fixed, 2);
        ccap_population_free(five);
    }
    /* one one-year step from a census on 1 November holds no whole calendar year */
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(dated, tree, &assume, 1, &p, &res, NULL), CCAP_EDOM);
    CU_ASSERT_PTR_NULL(res);
    ccap_rates_workspace_free(ws);
    ccap_projection_free(proj);
    ccap_population_free(end);
    ccap_population_set_date(base, (ccap_date){0, 0, 0}); /* the other tests' base */
}

static void
test_uncertainty__errors(void)
{
    ccap_uncertainty_params p = quiet(2), bad;
    ccap_uncertainty_result *res = NULL, *ok = NULL;
    ccap_diag problem;
    ccap_assumptions late = assume;
    ccap_schedule *fert_late = ccap_schedule_alloc(ccap_schedule_ages(fert), 7, 50);
    double q[2], f[3];
    const double probs[2] = {0.5, 1.5};
    int first = 0;

    CU_ASSERT_FATAL(fert_late != NULL);
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(NULL, tree, &assume, 2, &p, &res, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, NULL, &assume, 2, &p, &res, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, NULL, 2, &p, &res, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, 0, &p, &res, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, 2, NULL, &res, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, 2, &p, NULL, NULL), CCAP_EINVAL);
    bad = p;
    bad.n_trajectories = 0;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, 2, &bad, &res, NULL), CCAP_EINVAL);
    bad = p;
    bad.tfr_phi = 1.0;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, 2, &bad, &res, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_uncertainty_tfr_factors(&bad, 0, f, 3), CCAP_EDOM);
    CU_ASSERT(isnan(f[0]) && isnan(f[2]));
    bad = p;
    bad.tfr_sigma = NAN;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, 2, &bad, &res, NULL), CCAP_EDOM);
    bad = p;
    bad.mortality_sd = -0.1;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, 2, &bad, &res, NULL), CCAP_EDOM);
    bad = p;
    bad.migration_sd = HUGE_VAL;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, 2, &bad, &res, NULL), CCAP_EDOM);
    bad = p;
    bad.tfr_floor = -1.0;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, 2, &bad, &res, NULL), CCAP_EDOM);
    bad = p;
    bad.jump_off_year = 24; /* not a year a table holds */
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, 2, &bad, &res, NULL), CCAP_EDOM);
    CU_ASSERT_PTR_NULL(res);

    /* missing rates: fertility only from 2022 */
    {
        double fv[7];
        memcpy(fv, asfr5, sizeof fv);
        ccap_schedule_add(fert_late, CCAP_REGION_ALL, 2022, CCAP_SEX_BOTH, fv, 7);
    }
    late.fertility = fert_late;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &late, 2, &p, &res, &problem),
                       CCAP_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(problem.field, "fertility");
    CU_ASSERT_PTR_NOT_NULL(strstr(problem.message, "step starting 2020: no fertility rates"));
    CU_ASSERT_PTR_NULL(res);

    /* result accessors: two steps from 1 January 2020 hold 2020 and 2021 */
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(base, tree, &assume, 2, &p, &ok, NULL), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ok);
    CCAP_ASSERT_STATUS(ccap_uncertainty_result_years(NULL, &first, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_uncertainty_result_years(ok, NULL, NULL), CCAP_OK);
    CU_ASSERT(isnan(ccap_uncertainty_value(ok, 2, 0, 2020, CCAP_UNCERTAINTY_BIRTHS)));
    CU_ASSERT(isnan(ccap_uncertainty_value(ok, 0, NR, 2020, CCAP_UNCERTAINTY_BIRTHS)));
    CU_ASSERT(isnan(ccap_uncertainty_value(ok, 0, 0, 2019, CCAP_UNCERTAINTY_BIRTHS)));
    CU_ASSERT(isnan(ccap_uncertainty_value(ok, 0, 0, 2022, CCAP_UNCERTAINTY_BIRTHS)));
    CU_ASSERT(!isnan(ccap_uncertainty_value(ok, 0, 0, 2021, CCAP_UNCERTAINTY_BIRTHS)));
    CU_ASSERT(isnan(ccap_uncertainty_value(ok, 0, 0, 2020, (ccap_uncertainty_measure)6)));
    CCAP_ASSERT_STATUS(
        ccap_uncertainty_quantiles(ok, 0, 2020, CCAP_UNCERTAINTY_BIRTHS, probs, 2, q), CCAP_EDOM);
    CU_ASSERT(isnan(q[0]) && isnan(q[1]));
    CCAP_ASSERT_STATUS(
        ccap_uncertainty_quantiles(ok, 0, 2022, CCAP_UNCERTAINTY_BIRTHS, probs, 1, q),
        CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(
        ccap_uncertainty_quantiles(ok, 0, 2020, CCAP_UNCERTAINTY_BIRTHS, probs, 0, q), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_uncertainty_quantiles(ok, 0, 2020, CCAP_UNCERTAINTY_BIRTHS, NULL, 1, q),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_uncertainty_tfr_factors(NULL, 0, f, 3), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_uncertainty_tfr_factors(&p, 0, f, 0), CCAP_EINVAL);
    CU_ASSERT_EQUAL(ccap_uncertainty_result_n_trajectories(NULL), 0);
    CU_ASSERT_EQUAL(ccap_uncertainty_result_n_regions(NULL), 0);
    CU_ASSERT_EQUAL(ccap_uncertainty_result_jump_off_year(NULL), 0);
    /* the names of the measures, as quantiles.csv writes them */
    CU_ASSERT_STRING_EQUAL(ccap_uncertainty_measure_name(CCAP_UNCERTAINTY_POPULATION),
                           "population");
    CU_ASSERT_STRING_EQUAL(ccap_uncertainty_measure_name(CCAP_UNCERTAINTY_BIRTHS), "births");
    CU_ASSERT_STRING_EQUAL(ccap_uncertainty_measure_name(CCAP_UNCERTAINTY_UNDER3), "under3");
    CU_ASSERT_STRING_EQUAL(ccap_uncertainty_measure_name(CCAP_UNCERTAINTY_AGE2), "age2");
    CU_ASSERT_STRING_EQUAL(ccap_uncertainty_measure_name((ccap_uncertainty_measure)6), "unknown");
    /* one default seed, for the library and for scenarios */
    CU_ASSERT_EQUAL(ccap_uncertainty_params_default().seed, CCAP_UNCERTAINTY_SEED_DEFAULT);
    ccap_uncertainty_result_free(NULL);
    ccap_uncertainty_result_free(ok);
    ccap_schedule_free(fert_late);
}

/* Threads never outnumber the trajectories, nor twice the processors. */
static void
test_uncertainty__threads_bounded(void)
{
    const long procs = sysconf(_SC_NPROCESSORS_ONLN);
    const size_t most = 2 * (size_t)(procs > 0 ? procs : 1);
    size_t n;

    CU_ASSERT_EQUAL(ccap_uncertainty_threads(1, 4096), 1);
    CU_ASSERT_EQUAL(ccap_uncertainty_threads(1, 0), 1);
    CU_ASSERT_EQUAL(ccap_uncertainty_threads(3, 1), 1);
    n = ccap_uncertainty_threads(1000000, 4096);
    CU_ASSERT(n >= 1 && n <= most);
    n = ccap_uncertainty_threads(1000000, 0);
    CU_ASSERT(n >= 1 && n <= most);
    CU_ASSERT_EQUAL(ccap_uncertainty_threads(0, 4), 0);
}

static CU_TestInfo uncertainty_tests[] = {
    {"zero_noise_is_deterministic", test_uncertainty__zero_noise_is_deterministic},
    {"zero_noise_after_jump_off", test_uncertainty__zero_noise_after_jump_off},
    {"reproducible", test_uncertainty__reproducible},
    {"progress", test_uncertainty__progress},
    {"tfr_process", test_uncertainty__tfr_process},
    {"quantiles", test_uncertainty__quantiles},
    {"tfr_floor", test_uncertainty__tfr_floor},
    {"jump_off", test_uncertainty__jump_off},
    {"errors", test_uncertainty__errors},
    {"threads_bounded", test_uncertainty__threads_bounded},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "uncertainty", .pInitFunc = setup, .pCleanupFunc = teardown,
     .pTests = uncertainty_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
