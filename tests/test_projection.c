/* SPDX-License-Identifier: GPL-3.0-or-later */
/* projection: the cohort-component engine against the textbook, invariants and the Leslie matrix.
 */

#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_roots.h>

#include "ccap_test.h"

#define G 18 /* 0-4, ..., 80-84, 85+ */
#define W 5

/* Values of one measure, by age group, from a textbook CSV (…,age,measure,value). */
static int
load_measure(const char *file, const char *measure, double out[G])
{
    char path[512], line[256];
    size_t found = 0;
    FILE *fp = fopen(ccap_test_data(path, sizeof path, file), "r");

    if (fp == NULL)
        return 0;
    while (fgets(line, sizeof line, fp) != NULL) {
        char *fields[6], *save = NULL, *tok;
        size_t n = 0;

        for (tok = strtok_r(line, ",\n", &save); tok != NULL && n < 6;
             tok = strtok_r(NULL, ",\n", &save))
            fields[n++] = tok;
        if (n == 6 && strcmp(fields[4], measure) == 0) {
            long age = strtol(fields[3], NULL, 10);
            if (age >= 0 && age % W == 0 && age / W < G) {
                out[age / W] = strtod(fields[5], NULL);
                found++;
            }
        }
    }
    fclose(fp);
    return found == G;
}

typedef struct textbook {
    double pop[G], sx[G], asfr[G], migrants[G], expected[G], closed[G];
} textbook;

static textbook tb;

static int
setup(void)
{
    static const char *inputs = "textbook/sweden1993_phg_inputs.csv";

    return !(load_measure(inputs, "pop_start_1993", tb.pop) && load_measure(inputs, "Sx", tb.sx) &&
             load_measure(inputs, "asfr", tb.asfr) &&
             load_measure(inputs, "net_migrants", tb.migrants) &&
             load_measure("textbook/sweden1993_phg_expected.csv", "pop_end_1998", tb.expected) &&
             load_measure("textbook/sweden1993_closed_derived.csv",
                          "pop_end_1998_no_migration_derived", tb.closed));
}

/* The textbook's female inputs for both sexes (as ccmppWPP does for its male check). */
static ccap_projection *
sweden_projection(int with_migration, ccap_migration_timing timing)
{
    ccap_population *base = ccap_population_alloc(1, G, W);
    ccap_projection *proj = ccap_projection_alloc(1, G, W, 1);
    double survival[2 * G], migrants[2 * G], srb = 105.0; /* 1.05 males per female */
    ccap_rates rates;
    int ok;

    if (base == NULL || proj == NULL) {
        ccap_population_free(base);
        ccap_projection_free(proj);
        return NULL;
    }
    memcpy(survival, tb.sx, sizeof tb.sx);
    memcpy(survival + G, tb.sx, sizeof tb.sx);
    memcpy(migrants, tb.migrants, sizeof tb.migrants);
    memcpy(migrants + G, tb.migrants, sizeof tb.migrants);
    ccap_population_set_values(base, 0, CCAP_SEX_FEMALE, tb.pop, G);
    ccap_population_set_values(base, 0, CCAP_SEX_MALE, tb.pop, G);
    ccap_population_set_year(base, 1993);
    memset(&rates, 0, sizeof rates);
    rates.survival = survival;
    rates.asfr = tb.asfr;
    rates.srb = &srb;
    rates.net_migrants = with_migration ? migrants : NULL;
    rates.timing = timing;
    ok = ccap_projection_init(proj, base, NULL) == CCAP_OK &&
         ccap_projection_step(proj, &rates) == CCAP_OK;
    ccap_population_free(base);
    if (!ok) {
        ccap_projection_free(proj);
        return NULL;
    }
    return proj;
}

/*
 * Preston, Heuveline & Guillot (2001), Box 6.2: Sweden, females, 1993 -> 1998.  Every
 * published 1998 count is a whole number, so "within one person" is the tolerance.
 */
static void
test_projection__textbook_sweden(void)
{
    ccap_projection *proj = sweden_projection(1, CCAP_MIGRATION_HALF);
    const ccap_population *end;
    size_t g, within = 0;
    double births;

    CU_ASSERT_PTR_NOT_NULL_FATAL(proj);
    end = ccap_projection_population(proj, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(end);
    CU_ASSERT_EQUAL(ccap_population_year(end), 1998);
    for (g = 0; g < G; g++) {
        const double got = ccap_population_get(end, 0, CCAP_SEX_FEMALE, g);
        if (fabs(got - tb.expected[g]) <= 1.0)
            within++;
        else
            fprintf(stderr, "\nage %zu: %.2f, published %.0f\n", g * W, got, tb.expected[g]);
    }
    CU_ASSERT_EQUAL(within, G);
    /* Births by age of mother, published: 15244 + 126688 + 229354 + 170057 + 63203 + 10971
     * + 472 = 615989 (the text's total, 615988, sums unrounded values). */
    births = ccap_projection_births(proj, 1, 0, CCAP_SEX_BOTH);
    CU_ASSERT(fabs(births - 615988.0) <= 1.0);
    /* Female births: 615988 / 2.05 = 300482; survivors 300482 * 0.994974 + 6840 / 2. */
    CCAP_ASSERT_REL(ccap_projection_births(proj, 1, 0, CCAP_SEX_FEMALE), births / 2.05, 1e-12);
    /* ccmppWPP's check value: males 0-4 in 1998 when male inputs equal female ones. */
    CU_ASSERT(fabs(ccap_population_get(end, 0, CCAP_SEX_MALE, 0) - 317340.0) <= 1.0);
    ccap_projection_free(proj);
}

/* Without migration (the derived closed variant of the same projection). */
static void
test_projection__textbook_closed(void)
{
    ccap_projection *proj = sweden_projection(0, CCAP_MIGRATION_HALF);
    size_t g, within = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(proj);
    for (g = 0; g < G; g++) {
        const double got =
            ccap_population_get(ccap_projection_population(proj, 1), 0, CCAP_SEX_FEMALE, g);
        within += fabs(got - tb.closed[g]) <= 0.1; /* derived values have one decimal */
    }
    CU_ASSERT_EQUAL(within, G);
    CU_ASSERT_DOUBLE_EQUAL(ccap_projection_net_migrants(proj, 1, 0, CCAP_SEX_BOTH), 0.0, 0.0);
    /* Closed, group 5-9: 293395 * 0.999298474130982 = 293189.2 (Sx of 5-9 on 0-4 women). */
    CCAP_ASSERT_REL(ccap_population_get(ccap_projection_population(proj, 1), 0, CCAP_SEX_FEMALE, 1),
                    293395.0 * 0.999298474130982, 1e-14);
    ccap_projection_free(proj);
}

/* End-of-interval timing: migrants are not exposed to death or fertility. */
static void
test_projection__end_timing(void)
{
    ccap_projection *half = sweden_projection(1, CCAP_MIGRATION_HALF);
    ccap_projection *end = sweden_projection(1, CCAP_MIGRATION_END);
    ccap_projection *closed = sweden_projection(0, CCAP_MIGRATION_HALF);
    const ccap_population *pe, *pc;
    size_t g, ok = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(half);
    CU_ASSERT_PTR_NOT_NULL_FATAL(end);
    CU_ASSERT_PTR_NOT_NULL_FATAL(closed);
    pe = ccap_projection_population(end, 1);
    pc = ccap_projection_population(closed, 1);
    /* Groups 1..G-1: closed projection + all migrants of the group. */
    for (g = 1; g < G; g++)
        ok += fabs(ccap_population_get(pe, 0, CCAP_SEX_FEMALE, g) -
                   (ccap_population_get(pc, 0, CCAP_SEX_FEMALE, g) + tb.migrants[g])) < 1e-6;
    CU_ASSERT_EQUAL(ok, G - 1);
    /* Births are those of the closed population, since migrants arrive at the end. */
    CCAP_ASSERT_REL(ccap_projection_births(end, 1, 0, CCAP_SEX_BOTH),
                    ccap_projection_births(closed, 1, 0, CCAP_SEX_BOTH), 1e-14);
    CU_ASSERT(ccap_projection_births(half, 1, 0, CCAP_SEX_BOTH) >
              ccap_projection_births(end, 1, 0, CCAP_SEX_BOTH));
    ccap_projection_free(half);
    ccap_projection_free(end);
    ccap_projection_free(closed);
}

/* Zero fertility and unit survival: a pure shift of every cohort by one group. */
static void
test_projection__pure_shift(void)
{
    ccap_population *base = ccap_population_alloc(1, 6, 1);
    ccap_projection *proj = ccap_projection_alloc(1, 6, 1, 2);
    const double f[6] = {1203.5, 1187.25, 1321.0, 998.75, 1410.5, 5406.25};
    const double m[6] = {1290.5, 1250.0, 1398.75, 1040.0, 1377.25, 5120.5};
    double survival[12], asfr[6] = {0}, srb = 111.3;
    const ccap_population *p1;
    ccap_rates rates = {0};
    size_t g;

    CU_ASSERT_PTR_NOT_NULL_FATAL(base);
    CU_ASSERT_PTR_NOT_NULL_FATAL(proj);
    for (g = 0; g < 12; g++)
        survival[g] = 1.0;
    ccap_population_set_values(base, 0, CCAP_SEX_FEMALE, f, 6);
    ccap_population_set_values(base, 0, CCAP_SEX_MALE, m, 6);
    rates.survival = survival;
    rates.asfr = asfr;
    rates.srb = &srb;
    CCAP_ASSERT_STATUS(ccap_projection_init(proj, base, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_projection_step(proj, &rates), CCAP_OK);
    p1 = ccap_projection_population(proj, 1);
    CU_ASSERT_DOUBLE_EQUAL(ccap_population_get(p1, 0, CCAP_SEX_FEMALE, 0), 0.0, 0.0);
    for (g = 1; g < 5; g++) {
        CU_ASSERT_DOUBLE_EQUAL(ccap_population_get(p1, 0, CCAP_SEX_FEMALE, g), f[g - 1], 0.0);
        CU_ASSERT_DOUBLE_EQUAL(ccap_population_get(p1, 0, CCAP_SEX_MALE, g), m[g - 1], 0.0);
    }
    /* the open group keeps its own and gains the last closed group: 1410.5 + 5406.25 */
    CU_ASSERT_DOUBLE_EQUAL(ccap_population_get(p1, 0, CCAP_SEX_FEMALE, 5), 6816.75, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(ccap_projection_deaths(proj, 1, 0, CCAP_SEX_BOTH), 0.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(ccap_projection_births(proj, 1, 0, CCAP_SEX_BOTH), 0.0, 0.0);
    ccap_population_free(base);
    ccap_projection_free(proj);
}

/* A deterministic pseudo-random generator for test rates (MINSTD). */
static double
minstd(unsigned long *state)
{
    *state = (*state * 48271UL) % 2147483647UL;
    return (double)*state / 2147483647.0;
}

/* Three leaves under two parents, varied rates, immigration and heavy emigration. */
static void
test_projection__balancing_and_hierarchy(void)
{
    ccap_regions *city = ccap_test_city(); /* C01 -> A11, B12; B12 -> B121, B122 */
    const size_t R = 5, A = 21, steps = 12;
    ccap_population *base = ccap_population_alloc(R, A, 1);
    ccap_projection *proj = ccap_projection_alloc(R, A, 1, steps);
    double *survival = malloc(R * 2 * A * sizeof(double));
    double *asfr = malloc(R * A * sizeof(double));
    double *mig = malloc(R * 2 * A * sizeof(double));
    double srb[5] = {0, 111.3, 0, 106.25, 117.5};
    unsigned long seed = 20201101UL;
    size_t r, x, g, s, worst_leaf = 0, bad = 0;
    ccap_rates rates = {0};

    CU_ASSERT_PTR_NOT_NULL_FATAL(city);
    CU_ASSERT_PTR_NOT_NULL_FATAL(base);
    CU_ASSERT_PTR_NOT_NULL_FATAL(proj);
    CU_ASSERT_PTR_NOT_NULL_FATAL(survival);
    CU_ASSERT_PTR_NOT_NULL_FATAL(asfr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mig);
    for (r = 0; r < R; r++) {
        for (x = 0; x < 2; x++) {
            for (g = 0; g < A; g++) {
                survival[(r * 2 + x) * A + g] = 0.95 + 0.0499 * minstd(&seed);
                /* region B122 (4) loses far more young adults than it has */
                mig[(r * 2 + x) * A + g] =
                    r == 4 && g >= 5 && g < 10 ? -5000.0 : 400.0 * (minstd(&seed) - 0.4);
                if (r != 0 && r != 2)
                    ccap_population_set(base, r, (ccap_sex)x, g, 800.0 + 900.0 * minstd(&seed));
            }
        }
        for (g = 0; g < A; g++)
            asfr[r * A + g] = g >= 5 && g < 15 ? 0.02 + 0.1 * minstd(&seed) : 0.0;
    }
    /* the parents' own base data are replaced by their children's sums */
    ccap_population_set(base, 0, CCAP_SEX_FEMALE, 3, 1.0);
    ccap_population_set_year(base, 2020);
    rates.survival = survival;
    rates.asfr = asfr;
    rates.srb = srb;
    rates.net_migrants = mig;
    CCAP_ASSERT_STATUS(ccap_projection_init(proj, base, city), CCAP_OK);
    for (s = 1; s <= steps; s++) {
        rates.timing = s % 2 == 0 ? CCAP_MIGRATION_END : CCAP_MIGRATION_HALF;
        CCAP_ASSERT_STATUS(ccap_projection_step(proj, &rates), CCAP_OK);
    }
    CU_ASSERT_EQUAL(ccap_projection_steps_done(proj), steps);
    CU_ASSERT_EQUAL(ccap_population_year(ccap_projection_population(proj, steps)), 2032);
    /* P(t+1) = P(t) + B - D + M for every region (parents included) and step. */
    for (s = 1; s <= steps; s++) {
        for (r = 0; r < R; r++) {
            double p0, p1, b = ccap_projection_births(proj, s, r, CCAP_SEX_BOTH),
                           d = ccap_projection_deaths(proj, s, r, CCAP_SEX_BOTH),
                           m = ccap_projection_net_migrants(proj, s, r, CCAP_SEX_BOTH);
            ccap_population_total(ccap_projection_population(proj, s - 1), r, CCAP_SEX_BOTH, &p0);
            ccap_population_total(ccap_projection_population(proj, s), r, CCAP_SEX_BOTH, &p1);
            if (fabs(p1 - (p0 + b - d + m)) > 1e-9 * p1) {
                bad++;
                fprintf(stderr, "\nstep %zu region %zu: %.6f vs %.6f\n", s, r, p1, p0 + b - d + m);
            }
            if (b < 0.0 || d < 0.0)
                bad++;
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    /* Parents are the sums of their children, cell by cell. */
    for (s = 0; s <= steps; s++) {
        const ccap_population *p = ccap_projection_population(proj, s);
        for (x = 0; x < 2; x++) {
            for (g = 0; g < A; g++) {
                double city_sum = ccap_population_get(p, 1, (ccap_sex)x, g) +
                                  ccap_population_get(p, 3, (ccap_sex)x, g) +
                                  ccap_population_get(p, 4, (ccap_sex)x, g);
                if (fabs(ccap_population_get(p, 0, (ccap_sex)x, g) - city_sum) > 1e-9 * city_sum)
                    bad++;
            }
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    /* Emigration larger than the population: counts stop at zero, and the migrants
     * recorded are those actually removed (so far less than 5000 per cell and step). */
    for (s = 1; s <= steps; s++) {
        const double *v =
            ccap_population_values(ccap_projection_population(proj, s), 4, CCAP_SEX_FEMALE);
        for (g = 0; g < A; g++)
            worst_leaf += v[g] < 0.0;
        CU_ASSERT(ccap_projection_net_migrants(proj, s, 4, CCAP_SEX_FEMALE) > -5000.0 * 5);
    }
    CU_ASSERT_EQUAL(worst_leaf, 0);
    free(survival);
    free(asfr);
    free(mig);
    ccap_population_free(base);
    ccap_projection_free(proj);
    ccap_regions_free(city);
}

/* Euler-Lotka characteristic function for the discrete model: sum phi_g exp(-r n (g+1)) - 1. */
typedef struct lotka {
    const double *phi;
    size_t n;
    double width;
} lotka;

static double
lotka_f(double r, void *params)
{
    const lotka *l = params;
    double sum = 0.0;
    size_t g;

    for (g = 0; g < l->n; g++)
        sum += l->phi[g] * exp(-r * l->width * (double)(g + 1));
    return sum - 1.0;
}

/*
 * Constant rates, no migration: the female population converges to the stable growth of
 * the equivalent Leslie matrix.  Three answers must agree:
 *  (1) the projection's long-run growth ratio per step;
 *  (2) the dominant eigenvalue of the Leslie matrix (GSL non-symmetric eigensolver), built
 *      here from the rates: first row F_g = n/2 * p_f * S[0] * (f_g + f_{g+1} S_{g+1}),
 *      sub-diagonal S_g, and S_open on the last diagonal entry;
 *  (3) Lotka's r from the discrete Euler-Lotka equation 1 = sum_g phi_g exp(-r n (g+1)),
 *      phi_g = F_g * prod_{i<=g} S_i (i >= 1), solved with Brent's method: r = log(lambda)/n.
 */
static void
test_projection__lotka_leslie(void)
{
    const size_t steps = 400;
    ccap_population *base = ccap_population_alloc(1, G, W);
    ccap_projection *proj = ccap_projection_alloc(1, G, W, steps);
    double survival[2 * G], srb = 105.0, asfr[G], growth, lambda = 0.0, r_lotka = NAN;
    double phi[G], surv = 1.0, pf = 100.0 / 205.0;
    gsl_matrix *leslie = gsl_matrix_calloc(G, G);
    gsl_vector_complex *eval = gsl_vector_complex_alloc(G);
    gsl_eigen_nonsymm_workspace *ws = gsl_eigen_nonsymm_alloc(G);
    ccap_rates rates = {0};
    double p_last, p_prev;
    size_t g, s;

    CU_ASSERT_PTR_NOT_NULL_FATAL(base);
    CU_ASSERT_PTR_NOT_NULL_FATAL(proj);
    CU_ASSERT_PTR_NOT_NULL_FATAL(leslie);
    CU_ASSERT_PTR_NOT_NULL_FATAL(eval);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ws);
    /* Swedish survival; fertility raised by 60% so that the population grows. */
    for (g = 0; g < G; g++)
        asfr[g] = 1.6 * tb.asfr[g];
    memcpy(survival, tb.sx, sizeof tb.sx);
    memcpy(survival + G, tb.sx, sizeof tb.sx);
    ccap_population_set_values(base, 0, CCAP_SEX_FEMALE, tb.pop, G);
    ccap_population_set_values(base, 0, CCAP_SEX_MALE, tb.pop, G);
    rates.survival = survival;
    rates.asfr = asfr;
    rates.srb = &srb;
    CCAP_ASSERT_STATUS(ccap_projection_init(proj, base, NULL), CCAP_OK);
    for (s = 0; s < steps; s++)
        ccap_projection_step(proj, &rates);
    ccap_population_total(ccap_projection_population(proj, steps), 0, CCAP_SEX_FEMALE, &p_last);
    ccap_population_total(ccap_projection_population(proj, steps - 1), 0, CCAP_SEX_FEMALE, &p_prev);
    growth = p_last / p_prev;

    for (g = 0; g < G; g++) {
        const double next = g + 1 < G ? asfr[g + 1] * tb.sx[g + 1] : 0.0;
        gsl_matrix_set(leslie, 0, g, 0.5 * W * pf * tb.sx[0] * (asfr[g] + next));
        if (g + 1 < G)
            gsl_matrix_set(leslie, g + 1, g, tb.sx[g + 1]);
    }
    /* open group: its own survivors stay in it (row G-1 gets S_open from G-2 and G-1) */
    gsl_matrix_set(leslie, G - 1, G - 2, tb.sx[G - 1]);
    gsl_matrix_set(leslie, G - 1, G - 1, tb.sx[G - 1]);
    /* phi before the eigen call, which overwrites the matrix */
    for (g = 0; g < G; g++) {
        phi[g] = gsl_matrix_get(leslie, 0, g) * surv;
        if (g + 1 < G)
            surv *= tb.sx[g + 1];
    }
    if (gsl_eigen_nonsymm(leslie, eval, ws) == GSL_SUCCESS) {
        for (g = 0; g < G; g++) {
            gsl_complex z = gsl_vector_complex_get(eval, g);
            if (fabs(GSL_IMAG(z)) < 1e-12 && GSL_REAL(z) > lambda)
                lambda = GSL_REAL(z);
        }
    }
    {
        /* The open group makes the exact characteristic equation slightly different from
         * Euler-Lotka's, but fertility ends at 50, far below the open age 85, so phi_g
         * is zero wherever the open group matters. */
        lotka params = {phi, G, W};
        gsl_function F = {lotka_f, &params};
        gsl_root_fsolver *solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
        double lo = -0.2, hi = 0.2;
        int iter = 0, status = GSL_CONTINUE;

        CU_ASSERT_PTR_NOT_NULL_FATAL(solver);
        CU_ASSERT(lotka_f(lo, &params) > 0.0 && lotka_f(hi, &params) < 0.0);
        gsl_root_fsolver_set(solver, &F, lo, hi);
        while (status == GSL_CONTINUE && iter++ < 200) {
            gsl_root_fsolver_iterate(solver);
            lo = gsl_root_fsolver_x_lower(solver);
            hi = gsl_root_fsolver_x_upper(solver);
            status = gsl_root_test_interval(lo, hi, 0.0, 1e-14);
        }
        r_lotka = gsl_root_fsolver_root(solver);
        gsl_root_fsolver_free(solver);
    }
    CU_ASSERT(lambda > 1.0); /* a growing population, so the test is not trivial */
    CCAP_ASSERT_REL(growth, lambda, 1e-10);
    CCAP_ASSERT_REL(r_lotka, log(lambda) / W, 1e-9);
    CCAP_ASSERT_REL(log(growth) / W, r_lotka, 1e-9);
    gsl_eigen_nonsymm_free(ws);
    gsl_vector_complex_free(eval);
    gsl_matrix_free(leslie);
    ccap_population_free(base);
    ccap_projection_free(proj);
}

/* Exponential interpolation between steps, and the census-night dates of the steps. */
static void
test_projection__population_at(void)
{
    ccap_population *base = ccap_population_alloc(1, 4, 1);
    ccap_population *out = ccap_population_alloc(1, 4, 1);
    ccap_projection *proj = ccap_projection_alloc(1, 4, 1, 5);
    const double f[4] = {1000.0, 1000.0, 1000.0, 1000.0};
    double survival[8] = {1, 0.5, 1, 1, 1, 1, 1, 1}, asfr[4] = {0}, srb = 105.0;
    ccap_date census = {2020, 11, 1}, end2024 = {2025, 1, 1}, at_step = {2022, 11, 1};
    ccap_date too_late = {2026, 1, 1};
    ccap_rates rates = {0};
    size_t s;
    double expect;

    CU_ASSERT_PTR_NOT_NULL_FATAL(base);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_PTR_NOT_NULL_FATAL(proj);
    ccap_population_set_values(base, 0, CCAP_SEX_FEMALE, f, 4);
    ccap_population_set_values(base, 0, CCAP_SEX_MALE, f, 4);
    ccap_population_set_date(base, census);
    rates.survival = survival;
    rates.asfr = asfr;
    rates.srb = &srb;
    CCAP_ASSERT_STATUS(ccap_projection_init(proj, base, NULL), CCAP_OK);
    for (s = 0; s < 5; s++)
        CCAP_ASSERT_STATUS(ccap_projection_step(proj, &rates), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_population_date(ccap_projection_population(proj, 4)).year, 2024);
    CU_ASSERT_EQUAL(ccap_population_date(ccap_projection_population(proj, 4)).month, 11);
    /* At a step's own date the result is that step. */
    CCAP_ASSERT_STATUS(ccap_projection_population_at(proj, at_step, out), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(
        ccap_population_get(out, 0, CCAP_SEX_FEMALE, 3),
        ccap_population_get(ccap_projection_population(proj, 2), 0, CCAP_SEX_FEMALE, 3), 1e-9);
    /* Women (survival 1, 0.5, 1, 1; no births), 1000 at each age 0, 1, 2, 3+ in 2020:
     *   2021: 0, 500, 1000, 2000;  2022: 0, 0, 500, 3000;  2023 on: 0, 0, 0, 3500.
     * The end of 2024 (2025-01-01) lies between steps 4 and 5, where 3+ is 3500 both times. */
    CCAP_ASSERT_REL(ccap_population_get(ccap_projection_population(proj, 2), 0, CCAP_SEX_FEMALE, 2),
                    500.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_projection_population_at(proj, end2024, out), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_population_date(out).year, 2025);
    CCAP_ASSERT_REL(ccap_population_get(out, 0, CCAP_SEX_FEMALE, 3), 3500.0, 1e-12);
    /* A cell that changes: men (survival 1) at 3+ go from 1000 (2020-11-01) to 2000
     * (2021-11-01).  On 2021-05-02 (2021 + 121/365), the fraction of the step elapsed is
     * u = (2021 + 121/365 - 2020 - 305/366) / (2021 + 304/365 - 2020 - 305/366), and the
     * count is 1000 * 2^u. */
    {
        ccap_date mid = {2021, 5, 2};
        double t0 = 2020.0 + 305.0 / 366.0, t = 2021.0 + 121.0 / 365.0;
        double u = (t - t0) / (2021.0 + 304.0 / 365.0 - t0);
        double p0 = 1000.0,
               p1 = ccap_population_get(ccap_projection_population(proj, 1), 0, CCAP_SEX_MALE, 3);
        expect = p0 * pow(p1 / p0, u);
        CCAP_ASSERT_STATUS(ccap_projection_population_at(proj, mid, out), CCAP_OK);
        CCAP_ASSERT_REL(ccap_population_get(out, 0, CCAP_SEX_MALE, 3), expect, 1e-12);
        CU_ASSERT(p1 > p0); /* a cell that really changes */
    }
    CCAP_ASSERT_STATUS(ccap_projection_population_at(proj, too_late, out), CCAP_EDOM);
    ccap_population_free(base);
    ccap_population_free(out);
    ccap_projection_free(proj);
}

/* Events by calendar year from steps that start on the census night (2020-11-01). */
static void
test_projection__year_events(void)
{
    ccap_population *base = ccap_population_alloc(1, 4, 1);
    ccap_projection *proj = ccap_projection_alloc(1, 4, 1, 4);
    const double f[4] = {1000.0, 1000.0, 1000.0, 1000.0};
    double survival[8] = {1, 0.9, 1, 1, 1, 0.9, 1, 1}, asfr[4] = {0, 0, 0.2, 0}, srb = 105.0;
    ccap_rates rates = {0};
    double b[5], births, deaths, mig, t[5], w1, w2, sum;
    size_t s;

    CU_ASSERT_PTR_NOT_NULL_FATAL(base);
    CU_ASSERT_PTR_NOT_NULL_FATAL(proj);
    ccap_population_set_values(base, 0, CCAP_SEX_FEMALE, f, 4);
    ccap_population_set_values(base, 0, CCAP_SEX_MALE, f, 4);
    ccap_population_set_date(base, (ccap_date){2020, 11, 1});
    rates.survival = survival;
    rates.asfr = asfr;
    rates.srb = &srb;
    CCAP_ASSERT_STATUS(ccap_projection_init(proj, base, NULL), CCAP_OK);
    for (s = 0; s < 4; s++)
        CCAP_ASSERT_STATUS(ccap_projection_step(proj, &rates), CCAP_OK);
    for (s = 1; s <= 4; s++)
        b[s] = ccap_projection_births(proj, s, 0, CCAP_SEX_BOTH);
    CU_ASSERT(fabs(b[2] - b[1]) > 1.0); /* births differ from step to step */
    /* Step s runs from 1 November of 2019 + s to 1 November of 2020 + s; as decimal years
     * 2020 + 305/366, 2021 + 304/365, 2022 + 304/365, ...  Calendar 2021 takes from step 1
     * the part from 2021.0 on, (304/365) / (1 + 304/365 - 305/366) of it, and from step 2
     * the part before 2022.0, (1 - 304/365) / 1. */
    t[0] = 2020.0 + 305.0 / 366.0;
    t[1] = 2021.0 + 304.0 / 365.0;
    w1 = (t[1] - 2021.0) / (t[1] - t[0]);
    w2 = (2022.0 - t[1]) / 1.0;
    CCAP_ASSERT_STATUS(
        ccap_projection_year_events(proj, 0, 2021, CCAP_SEX_BOTH, &births, &deaths, &mig), CCAP_OK);
    CCAP_ASSERT_REL(births, w1 * b[1] + w2 * b[2], 1e-12);
    CU_ASSERT(deaths > 0.0);
    CU_ASSERT_DOUBLE_EQUAL(mig, 0.0, 1e-12);
    /* Both sexes are the sum of the two. */
    {
        double bf = 0.0, bm = 0.0;
        CCAP_ASSERT_STATUS(
            ccap_projection_year_events(proj, 0, 2022, CCAP_SEX_FEMALE, &bf, NULL, NULL), CCAP_OK);
        CCAP_ASSERT_STATUS(
            ccap_projection_year_events(proj, 0, 2022, CCAP_SEX_MALE, &bm, NULL, NULL), CCAP_OK);
        CCAP_ASSERT_STATUS(
            ccap_projection_year_events(proj, 0, 2022, CCAP_SEX_BOTH, &births, NULL, NULL),
            CCAP_OK);
        CCAP_ASSERT_REL(births, bf + bm, 1e-12);
    }
    /* Nothing is lost: 2021 to 2023 and the parts of 2020 and 2024 inside the steps add up
     * to the births of the four steps. */
    sum = 0.0;
    for (s = 2021; s <= 2023; s++) {
        CCAP_ASSERT_STATUS(
            ccap_projection_year_events(proj, 0, (int)s, CCAP_SEX_BOTH, &births, NULL, NULL),
            CCAP_OK);
        sum += births;
    }
    sum += (2021.0 - t[0]) / (t[1] - t[0]) * b[1]; /* Nov-Dec 2020 */
    sum += (2024.0 + 305.0 / 366.0 - 2024.0) / (2024.0 + 305.0 / 366.0 - 2023.0 - 304.0 / 365.0) *
           b[4]; /* 2024 to November */
    CCAP_ASSERT_REL(sum, b[1] + b[2] + b[3] + b[4], 1e-12);
    /* 2020 starts before the base and 2024 ends after the last step: not computed. */
    CCAP_ASSERT_STATUS(
        ccap_projection_year_events(proj, 0, 2020, CCAP_SEX_BOTH, &births, &deaths, NULL),
        CCAP_EDOM);
    CU_ASSERT(isnan(births) && isnan(deaths));
    CCAP_ASSERT_STATUS(
        ccap_projection_year_events(proj, 0, 2024, CCAP_SEX_BOTH, &births, NULL, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(
        ccap_projection_year_events(proj, 1, 2021, CCAP_SEX_BOTH, &births, NULL, NULL),
        CCAP_EINVAL);
    CCAP_ASSERT_STATUS(
        ccap_projection_year_events(NULL, 0, 2021, CCAP_SEX_BOTH, &births, NULL, NULL),
        CCAP_EINVAL);
    ccap_population_free(base);
    ccap_projection_free(proj);
}

static void
test_projection__errors(void)
{
    ccap_population *base = ccap_population_alloc(2, 4, 1);
    ccap_population *wrong = ccap_population_alloc(2, 5, 1);
    ccap_projection *proj = ccap_projection_alloc(2, 4, 1, 1);
    const double v[4] = {10.5, 20.25, 30.0, 40.75};
    double survival[8] = {0.99, 0.98, 0.97, 0.9, 0.99, 0.98, 0.97, 0.9};
    double asfr[4] = {0.0, 0.05, 0.1, 0.0}, srb = 105.0;
    ccap_rates rates = {0};

    CU_ASSERT_PTR_NOT_NULL_FATAL(base);
    CU_ASSERT_PTR_NOT_NULL_FATAL(wrong);
    CU_ASSERT_PTR_NOT_NULL_FATAL(proj);
    CU_ASSERT_PTR_NULL(ccap_projection_alloc(0, 4, 1, 1));
    CU_ASSERT_PTR_NULL(ccap_projection_alloc(2, 1, 1, 1));
    CU_ASSERT_PTR_NULL(ccap_projection_alloc(2, 4, 0, 1));
    CU_ASSERT_PTR_NULL(ccap_projection_alloc(2, 4, 1, 0));
    CU_ASSERT_PTR_NULL(ccap_projection_alloc(2, 4, 1, (size_t)-1));
    ccap_projection_free(NULL);

    rates.survival = survival;
    rates.survival_shared = 1;
    rates.asfr = asfr;
    rates.asfr_shared = 1;
    rates.srb = &srb;
    rates.srb_shared = 1;
    CCAP_ASSERT_STATUS(ccap_projection_step(proj, &rates), CCAP_ESTATE); /* not initialised */
    ccap_population_set_values(base, 0, CCAP_SEX_FEMALE, v, 4);
    ccap_population_set_values(base, 0, CCAP_SEX_MALE, v, 4);
    CCAP_ASSERT_STATUS(ccap_projection_init(proj, base, NULL), CCAP_ENOTFOUND); /* region 1 */
    ccap_population_set_values(base, 1, CCAP_SEX_FEMALE, v, 4);
    ccap_population_set_values(base, 1, CCAP_SEX_MALE, v, 4);
    CCAP_ASSERT_STATUS(ccap_projection_init(proj, wrong, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_projection_init(NULL, base, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_projection_init(proj, base, NULL), CCAP_OK);

    survival[2] = 1.01;
    CCAP_ASSERT_STATUS(ccap_projection_step(proj, &rates), CCAP_EDOM);
    survival[2] = NAN;
    CCAP_ASSERT_STATUS(ccap_projection_step(proj, &rates), CCAP_EDOM);
    survival[2] = 0.97;
    asfr[1] = -0.01;
    CCAP_ASSERT_STATUS(ccap_projection_step(proj, &rates), CCAP_EDOM);
    asfr[1] = 0.05;
    asfr[0] = 0.01; /* fertility in the first group is not allowed */
    CCAP_ASSERT_STATUS(ccap_projection_step(proj, &rates), CCAP_EDOM);
    asfr[0] = 0.0;
    srb = 0.0;
    CCAP_ASSERT_STATUS(ccap_projection_step(proj, &rates), CCAP_EDOM);
    srb = 105.0;
    rates.timing = (ccap_migration_timing)7;
    CCAP_ASSERT_STATUS(ccap_projection_step(proj, &rates), CCAP_EDOM);
    rates.timing = CCAP_MIGRATION_HALF;
    rates.asfr = NULL;
    CCAP_ASSERT_STATUS(ccap_projection_step(proj, &rates), CCAP_EINVAL);
    rates.asfr = asfr;
    CU_ASSERT_EQUAL(ccap_projection_steps_done(proj), 0); /* nothing changed */
    CCAP_ASSERT_STATUS(ccap_projection_step(proj, &rates), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_projection_step(proj, &rates), CCAP_ESTATE); /* max_steps */
    CU_ASSERT_PTR_NULL(ccap_projection_population(proj, 2));
    CU_ASSERT(isnan(ccap_projection_births(proj, 0, 0, CCAP_SEX_BOTH)));
    CU_ASSERT(isnan(ccap_projection_births(proj, 2, 0, CCAP_SEX_BOTH)));
    CU_ASSERT(isnan(ccap_projection_deaths(proj, 1, 2, CCAP_SEX_BOTH)));
    CU_ASSERT(isnan(ccap_projection_net_migrants(NULL, 1, 0, CCAP_SEX_BOTH)));
    /* Shared blocks: births 1 * (0.05 * (20.25 + 10.5*0.98) + 0.1 * (30 + 20.25*0.97)) / 2. */
    CCAP_ASSERT_REL(ccap_projection_births(proj, 1, 1, CCAP_SEX_BOTH),
                    0.5 * (0.05 * (20.25 + 10.5 * 0.98) + 0.1 * (30.0 + 20.25 * 0.97)), 1e-14);
    ccap_population_free(base);
    ccap_population_free(wrong);
    ccap_projection_free(proj);
}

/* The CSV writers of a projection: population of every step, births, and the summary whose
 * rows obey the balancing equation. */
static void
test_projection__write_results(void)
{
    ccap_projection *proj = sweden_projection(1, CCAP_MIGRATION_HALF);
    ccap_regions *regions = ccap_regions_alloc();
    ccap_population *back = NULL;
    const ccap_population *pops[2];
    char pop_path[512], births_path[512], summary_path[512], line[256];
    double p[2] = {0, 0}, b = 0, d = 0, m = 0;
    ccap_diag diag;
    FILE *fp;
    size_t g, same = 0, rows = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(proj);
    CU_ASSERT_PTR_NOT_NULL_FATAL(regions);
    ccap_regions_add(regions, "SE", "Sverige", "Sweden", NULL, NULL);
    ccap_regions_finish(regions, NULL);
    pops[0] = ccap_projection_population(proj, 0);
    pops[1] = ccap_projection_population(proj, 1);
    ccap_test_tmp(pop_path, sizeof pop_path, "projection_population.csv");
    ccap_test_tmp(births_path, sizeof births_path, "projection_births.csv");
    ccap_test_tmp(summary_path, sizeof summary_path, "projection_summary.csv");
    CCAP_ASSERT_STATUS(ccap_csv_write_populations(pop_path, regions, pops, 2, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_write_births(births_path, regions, proj, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_write_summary(summary_path, regions, proj, &diag), CCAP_OK);
    /* the 1998 population reads back bit for bit */
    CCAP_ASSERT_STATUS(ccap_csv_read_population(pop_path, regions, 1998, &back, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    for (g = 0; g < G; g++) {
        double x = ccap_population_get(back, 0, CCAP_SEX_FEMALE, g);
        double y = ccap_population_get(pops[1], 0, CCAP_SEX_FEMALE, g);
        same += memcmp(&x, &y, sizeof x) == 0;
    }
    CU_ASSERT_EQUAL(same, G);
    /* summary: SE,1993,P0,B,D,M,  then SE,1998,P1,,,, with P1 = P0 + B - D + M */
    fp = fopen(summary_path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, fp));
    CU_ASSERT_STRING_EQUAL(line, "region,year,population,births,deaths,net_migrants,under3\n");
    if (fgets(line, sizeof line, fp) != NULL &&
        sscanf(line, "SE,1993,%lf,%lf,%lf,%lf,", &p[0], &b, &d, &m) == 4)
        rows++;
    if (fgets(line, sizeof line, fp) != NULL && sscanf(line, "SE,1998,%lf,,,,", &p[1]) == 1)
        rows++;
    fclose(fp);
    CU_ASSERT_EQUAL(rows, 2);
    CCAP_ASSERT_REL(p[1], p[0] + b - d + m, 1e-12);
    CCAP_ASSERT_REL(b, ccap_projection_births(proj, 1, 0, CCAP_SEX_BOTH), 1e-15);
    /* the years of the file */
    {
        int years[4] = {0, 0, 0, 0};
        size_t n = 0;
        CCAP_ASSERT_STATUS(ccap_csv_population_years(pop_path, years, 4, &n, NULL, &diag), CCAP_OK);
        CU_ASSERT_EQUAL(n, 2);
        CU_ASSERT_EQUAL(years[0], 1993);
        CU_ASSERT_EQUAL(years[1], 1998);
        CCAP_ASSERT_STATUS(ccap_csv_population_years(pop_path, years, 1, &n, NULL, &diag),
                           CCAP_ERANGE);
        CU_ASSERT_EQUAL(n, 1);
    }
    /* errors */
    CCAP_ASSERT_STATUS(ccap_csv_write_populations(pop_path, regions, pops, 0, &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_csv_write_summary(summary_path, regions, NULL, &diag), CCAP_EINVAL);
    ccap_population_free(back);
    ccap_regions_free(regions);
    ccap_projection_free(proj);
}

static CU_TestInfo projection_tests[] = {
    {"textbook_sweden", test_projection__textbook_sweden},
    {"textbook_closed", test_projection__textbook_closed},
    {"end_timing", test_projection__end_timing},
    {"pure_shift", test_projection__pure_shift},
    {"balancing_and_hierarchy", test_projection__balancing_and_hierarchy},
    {"lotka_leslie", test_projection__lotka_leslie},
    {"population_at", test_projection__population_at},
    {"year_events", test_projection__year_events},
    {"errors", test_projection__errors},
    {"write_results", test_projection__write_results},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "projection", .pInitFunc = setup, .pTests = projection_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
