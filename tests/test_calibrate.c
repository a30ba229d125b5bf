/* SPDX-License-Identifier: GPL-3.0-or-later */
/* calibrate: assumptions fitted to published births, deaths and year-end populations.
 * Known truths made by scaling the national schedules (the truth is projected by the
 * general engine from schedules the fit never sees), what a county's own figures do, the
 * future rules, the migration profile, the base from margins and births, and refusals. */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_test.h"

#define N_AGES 101
#define FIRST_NAT 2010
#define LAST_NAT 2060

/* ---- a small world: city 419900 with counties 419901 and 419902 ---- */

static ccap_regions *
city(void)
{
    ccap_regions *r = ccap_regions_alloc();

    if (r == NULL || ccap_regions_add(r, "419900", "城", "City", NULL, NULL) != CCAP_OK ||
        ccap_regions_add(r, "419901", "甲", "A County", "419900", NULL) != CCAP_OK ||
        ccap_regions_add(r, "419902", "乙", "B County", "419900", NULL) != CCAP_OK ||
        ccap_regions_finish(r, NULL) != CCAP_OK) {
        ccap_regions_free(r);
        return NULL;
    }
    return r;
}

/* A base on 2020-11-01: irregular cohorts (large ones born 1985-1990, small after 2000),
 * county B a third of A, its young adults fewer. */
static ccap_population *
base_population(const ccap_regions *r)
{
    ccap_population *p = ccap_population_alloc(3, N_AGES, 1);
    const ccap_date census = {2020, 11, 1};
    size_t a;
    int x;

    if (p == NULL)
        return NULL;
    for (x = 0; x < 2; x++) {
        double va[N_AGES], vb[N_AGES];
        for (a = 0; a < N_AGES; a++) {
            const double shape = 12000.0 * exp(-(double)a / 55.0) *
                                 (1.0 + 0.35 * exp(-pow(((double)a - 32.0) / 4.0, 2.0))) *
                                 (a < 20 ? 0.8 : 1.0) * (x == 1 && a < 60 ? 1.05 : 1.0);
            va[a] = shape;
            vb[a] = shape / 3.0 * (a >= 18 && a < 40 ? 0.8 : 1.0);
        }
        va[N_AGES - 1] = 40.0;
        vb[N_AGES - 1] = 15.0;
        ccap_population_set_values(p, 1, (ccap_sex)x, va, N_AGES);
        ccap_population_set_values(p, 2, (ccap_sex)x, vb, N_AGES);
    }
    ccap_population_aggregate(p, r, NULL);
    ccap_population_set_date(p, census);
    return p;
}

/* National schedules: death rates of two periods on an abridged grid (the second 10 %
 * lower), fertility by calendar year with a falling TFR, a constant SRB of 106. */
static void
national(ccap_calibrate_national *n)
{
    static const size_t mort_ages[] = {0,  1,  5,  10, 15, 20, 25, 30, 35, 40, 45,
                                       50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100};
    static const size_t fert_ages[] = {15, 20, 25, 30, 35, 40, 45};
    static const double pattern[] = {0.02, 0.20, 0.34, 0.26, 0.13, 0.04, 0.01};
    static const size_t zero = 0;
    ccap_schedule *m = ccap_schedule_alloc(mort_ages, 22, CCAP_AGE_OPEN);
    ccap_schedule *f = ccap_schedule_alloc(fert_ages, 7, 50);
    ccap_schedule *s = ccap_schedule_alloc(&zero, 1, CCAP_AGE_OPEN);
    double mx[22], asfr[7], srb = 106.0;
    int period, x, y;
    size_t g;

    for (period = 0; period < 3; period++) {
        for (x = 0; x < 2; x++) {
            for (g = 0; g < 22; g++) {
                const double a = (double)mort_ages[g];
                mx[g] = (g == 0 ? 0.006 : 0.0004 * exp(0.085 * (a - 30.0)) + 0.0002) *
                        (x == 1 ? 1.3 : 1.0) * pow(0.9, period);
                if (mx[g] > 0.6)
                    mx[g] = 0.6;
            }
            ccap_schedule_add(m, CCAP_REGION_ALL, 2015 + 5 * period, (ccap_sex)x, mx, 22);
        }
    }
    for (y = FIRST_NAT; y <= LAST_NAT; y++) {
        const double tfr = y < 2025 ? 1.6 - 0.04 * (y - FIRST_NAT) : 1.0 + 0.005 * (y - 2025);
        for (g = 0; g < 7; g++)
            asfr[g] = tfr * pattern[g] / 5.0;
        ccap_schedule_add(f, CCAP_REGION_ALL, y, CCAP_SEX_BOTH, asfr, 7);
        ccap_schedule_add(s, CCAP_REGION_ALL, y, CCAP_SEX_BOTH, &srb, 1);
    }
    n->mortality = m;
    n->fertility = f;
    n->srb = s;
}

static void
national_free(ccap_calibrate_national *n)
{
    ccap_schedule_free((ccap_schedule *)(uintptr_t)n->mortality);
    ccap_schedule_free((ccap_schedule *)(uintptr_t)n->fertility);
    ccap_schedule_free((ccap_schedule *)(uintptr_t)n->srb);
}

/* A copy of a schedule with each leaf's rows multiplied (fertility and mortality) or
 * replaced by rate × profile (migration): factor[region] for regions 1 and 2. */
static ccap_schedule *
scaled(const ccap_schedule *src, const double factor[3], const double *profile)
{
    ccap_schedule *out = ccap_schedule_alloc(ccap_schedule_ages(src), ccap_schedule_n_ages(src),
                                             ccap_schedule_age_end(src));
    const size_t n = ccap_schedule_n_ages(src);
    double *v = malloc(n * sizeof *v);
    size_t i, a, r;

    for (i = 0; out != NULL && v != NULL && i < ccap_schedule_count(src); i++) {
        size_t region;
        int year;
        ccap_sex sex;
        const double *values;
        ccap_schedule_get(src, i, &region, &year, &sex, &values);
        for (r = 1; r <= 2; r++) {
            for (a = 0; a < n; a++)
                v[a] = profile != NULL ? factor[r] * profile[a] : factor[r] * values[a];
            ccap_schedule_add(out, r, year, sex, v, n);
        }
    }
    free(v);
    return out;
}

typedef struct truth {
    double births[3][8], deaths[3][8], pop[3][8]; /* calendar 2021 .. 2028 by region */
} truth;

/* Project the base with the national schedules of ccap_calibrate() (no figures: factor 1)
 * scaled by the true levels, and publish the calendar-year figures. */
static void
make_truth(const ccap_regions *r, const ccap_population *base, const ccap_calibrate_national *n,
           const double kf[3], const double km[3], const double lm[3], truth *t)
{
    ccap_vitals *none = ccap_vitals_alloc();
    ccap_calibration *k = NULL;
    ccap_schedule *f, *m, *g;
    ccap_assumptions as;
    ccap_projection *proj = ccap_projection_alloc(3, N_AGES, 1, 10);
    ccap_rates_workspace *ws = ccap_rates_workspace_alloc(3, N_AGES, 1, N_AGES + 1);
    ccap_population *at = ccap_population_alloc(3, N_AGES, 1);
    double profile[N_AGES], weights[N_AGES];
    size_t a, reg, s;
    int y;

    CCAP_ASSERT_STATUS(ccap_calibrate(r, base, none, n, NULL, &k, NULL), CCAP_OK);
    for (a = 0; a < N_AGES; a++)
        weights[a] = ccap_population_get(base, 0, CCAP_SEX_FEMALE, a) +
                     ccap_population_get(base, 0, CCAP_SEX_MALE, a);
    CCAP_ASSERT_STATUS(
        ccap_calibrate_profile_values(CCAP_CALIBRATE_PROFILE_SENDING, N_AGES, weights, profile),
        CCAP_OK);
    ccap_calibration_assumptions(k, &as);
    f = scaled(as.fertility, kf, NULL);
    m = scaled(as.mortality, km, NULL);
    g = scaled(as.migration_rates, lm, profile);
    as.fertility = f;
    as.mortality = m;
    as.migration_rates = g;
    CCAP_ASSERT_STATUS(ccap_projection_init(proj, base, r), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_projection_run(proj, &as, r, 10, ws, NULL), CCAP_OK);
    /* steps start on 1 November: calendar year y is 10/12 of the step from November y-1
     * and 2/12 of the step from November y (step s + 1 starts in 2020 + s) */
    for (y = 2021; y <= 2028; y++) {
        const ccap_date jan = {y + 1, 1, 1};
        s = (size_t)(y - 2020);
        CCAP_ASSERT_STATUS(ccap_projection_population_at(proj, jan, at), CCAP_OK);
        for (reg = 0; reg < 3; reg++) {
            t->births[reg][y - 2021] =
                ccap_projection_births(proj, s, reg, CCAP_SEX_BOTH) * 10.0 / 12.0 +
                ccap_projection_births(proj, s + 1, reg, CCAP_SEX_BOTH) * 2.0 / 12.0;
            t->deaths[reg][y - 2021] =
                ccap_projection_deaths(proj, s, reg, CCAP_SEX_BOTH) * 10.0 / 12.0 +
                ccap_projection_deaths(proj, s + 1, reg, CCAP_SEX_BOTH) * 2.0 / 12.0;
            ccap_population_total(at, reg, CCAP_SEX_BOTH, &t->pop[reg][y - 2021]);
        }
    }
    ccap_schedule_free(f);
    ccap_schedule_free(m);
    ccap_schedule_free(g);
    ccap_population_free(at);
    ccap_rates_workspace_free(ws);
    ccap_projection_free(proj);
    ccap_calibration_free(k);
    ccap_vitals_free(none);
}

/*
 * The city publishes births, deaths and year-end populations for 2021-2024; the truth
 * has fertility 1.2 times, mortality 0.9 times the national, and a net loss of 6 per
 * 1,000 a year on the sending profile, the same in both counties.  Every figure is met to
 * 1e-9 and the levels come back: calendar 2022-2024 are whole steps of the truth.
 */
static void
test_calibrate__known_truth(void)
{
    ccap_regions *r = city();
    ccap_population *base = base_population(r);
    ccap_calibrate_national n;
    ccap_vitals *v = ccap_vitals_alloc();
    ccap_calibration *k = NULL;
    const double kf[3] = {1.0, 1.2, 1.2}, km[3] = {1.0, 0.9, 0.9}, lm[3] = {0.0, -0.006, -0.006};
    ccap_diag diag;
    truth t;
    size_t i;
    int y;

    national(&n);
    make_truth(r, base, &n, kf, km, lm, &t);
    for (y = 2021; y <= 2024; y++) {
        ccap_vitals_add(v, 0, y, CCAP_VITALS_BIRTHS, t.births[0][y - 2021], NULL, 0, NULL);
        ccap_vitals_add(v, 0, y, CCAP_VITALS_DEATHS, t.deaths[0][y - 2021], NULL, 0, NULL);
        ccap_vitals_add(v, 0, y, CCAP_VITALS_POPULATION, t.pop[0][y - 2021], NULL, 0, NULL);
    }
    CCAP_ASSERT_STATUS(ccap_calibrate(r, base, v, &n, NULL, &k, &diag), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_calibration_count(k), 12);
    for (i = 0; i < ccap_calibration_count(k); i++) {
        ccap_calibration_row row;
        ccap_calibration_get(k, i, &row);
        CU_ASSERT_EQUAL(row.use, CCAP_CALIBRATION_FITTED);
        CCAP_ASSERT_REL(row.model, row.published, 1e-9);
    }
    for (y = 2022; y <= 2024; y++) {
        double tfr, factor, mort, mig;
        CCAP_ASSERT_STATUS(ccap_calibration_levels(k, 1, y, &tfr, &factor, &mort, &mig), CCAP_OK);
        CCAP_ASSERT_REL(factor, 1.2, 2e-3);
        CCAP_ASSERT_REL(mort, 0.9, 2e-3);
        CCAP_ASSERT_REL(mig, -6.0, 2e-3);
    }
    /* after the last figure: the latest factor on the national path (the default) */
    {
        double f2030, tfr2030;
        CCAP_ASSERT_STATUS(ccap_calibration_levels(k, 0, 2030, &tfr2030, &f2030, NULL, NULL),
                           CCAP_OK);
        CCAP_ASSERT_REL(f2030, 1.2, 2e-3);
        /* national TFR of the step from 2029-11-01: 2/12 of 2029's 1.020, 10/12 of 2030's
         * 1.025, and of the step before; calendar 2030 = 10/12 step 2029 + 2/12 step 2030 */
        CCAP_ASSERT_REL(tfr2030, 1.2 * 1.025, 3e-3);
    }
    /* the future scale leaves the fitted past alone: the step holding the last year-end
     * (2025-01-01) keeps the fitted rate, the scale starts with the step after it */
    {
        ccap_calibrate_options o;
        ccap_calibration *k0 = NULL;
        double mig1, mig0, later;
        ccap_calibrate_options_init(&o);
        o.migration_scale = 0.0;
        CCAP_ASSERT_STATUS(ccap_calibrate(r, base, v, &n, &o, &k0, NULL), CCAP_OK);
        ccap_calibration_levels(k, 0, 2024, NULL, NULL, NULL, &mig1);
        ccap_calibration_levels(k0, 0, 2024, NULL, NULL, NULL, &mig0);
        ccap_calibration_levels(k0, 0, 2027, NULL, NULL, NULL, &later);
        CCAP_ASSERT_REL(mig0, mig1, 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(later, 0.0, 0.0);
        ccap_calibration_free(k0);
    }
    ccap_calibration_free(k);
    ccap_vitals_free(v);
    national_free(&n);
    ccap_population_free(base);
    ccap_regions_free(r);
}

/*
 * County A publishes its own births and population; the city its totals.  A keeps its own
 * levels (fertility 1.4, a gain of 3 per 1,000), B the rest (1.1, a loss of 8 per 1,000).
 */
static void
test_calibrate__county(void)
{
    ccap_regions *r = city();
    ccap_population *base = base_population(r);
    ccap_calibrate_national n;
    ccap_vitals *v = ccap_vitals_alloc();
    ccap_calibration *k = NULL;
    const double kf[3] = {1.0, 1.4, 1.1}, km[3] = {1.0, 1.0, 1.0}, lm[3] = {0.0, 0.003, -0.008};
    double factor, mig;
    truth t;
    int y;

    national(&n);
    make_truth(r, base, &n, kf, km, lm, &t);
    for (y = 2021; y <= 2024; y++) {
        ccap_vitals_add(v, 0, y, CCAP_VITALS_BIRTHS, t.births[0][y - 2021], NULL, 0, NULL);
        ccap_vitals_add(v, 1, y, CCAP_VITALS_BIRTHS, t.births[1][y - 2021], NULL, 0, NULL);
        ccap_vitals_add(v, 0, y, CCAP_VITALS_POPULATION, t.pop[0][y - 2021], NULL, 0, NULL);
        ccap_vitals_add(v, 1, y, CCAP_VITALS_POPULATION, t.pop[1][y - 2021], NULL, 0, NULL);
    }
    CCAP_ASSERT_STATUS(ccap_calibrate(r, base, v, &n, NULL, &k, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_calibration_levels(k, 1, 2023, NULL, &factor, NULL, &mig), CCAP_OK);
    CCAP_ASSERT_REL(factor, 1.4, 2e-3);
    CCAP_ASSERT_REL(mig, 3.0, 5e-3);
    CCAP_ASSERT_STATUS(ccap_calibration_levels(k, 2, 2023, NULL, &factor, NULL, &mig), CCAP_OK);
    CCAP_ASSERT_REL(factor, 1.1, 2e-3);
    CCAP_ASSERT_REL(mig, -8.0, 5e-3);
    /* the city's own levels are those of the leaves that follow it: B */
    CCAP_ASSERT_STATUS(ccap_calibration_levels(k, 0, 2023, NULL, &factor, NULL, NULL), CCAP_OK);
    CCAP_ASSERT_REL(factor, 1.1, 2e-3);
    ccap_calibration_free(k);
    ccap_vitals_free(v);
    national_free(&n);
    ccap_population_free(base);
    ccap_regions_free(r);
}

/* Death rates change smoothly across the national periods (2015, 2020, 2025): the
 * step-to-step ratio of the rates at age 70 never jumps.  The national rates fall by 10 %
 * per 5-year period, so a log-linear path falls by 1 − 0.9^(1/5) = 2.09 % a year. */
static void
test_calibrate__smooth_mortality(void)
{
    ccap_regions *r = city();
    ccap_population *base = base_population(r);
    ccap_calibrate_national n;
    ccap_vitals *v = ccap_vitals_alloc();
    ccap_calibration *k = NULL;
    const double *prev = NULL, *cur = NULL;
    int y;

    national(&n);
    CCAP_ASSERT_STATUS(ccap_calibrate(r, base, v, &n, NULL, &k, NULL), CCAP_OK);
    for (y = 2020; y <= 2027; y++) {
        CCAP_ASSERT_STATUS(
            ccap_schedule_find(ccap_calibration_mortality(k), 1, y, CCAP_SEX_FEMALE, &cur, NULL),
            CCAP_OK);
        /* between the midpoints 2017.5, 2022.5 and 2027.5 the fall is the same each year */
        if (prev != NULL && y >= 2019 && y <= 2026)
            CCAP_ASSERT_REL(cur[70] / prev[70], pow(0.9, 0.2), 1e-9);
        prev = cur;
    }
    ccap_calibration_free(k);
    ccap_vitals_free(v);
    national_free(&n);
    ccap_population_free(base);
    ccap_regions_free(r);
}

/* The future rules: hold the latest TFR; move to 1.5 by 2030. */
static void
test_calibrate__future(void)
{
    ccap_regions *r = city();
    ccap_population *base = base_population(r);
    ccap_calibrate_national n;
    ccap_vitals *v = ccap_vitals_alloc();
    ccap_calibration *k = NULL;
    ccap_calibrate_options o;
    double tfr2023, tfr, tfr2035;

    national(&n);
    ccap_vitals_add(v, 0, 2023, CCAP_VITALS_BIRTHS, 9000.0, NULL, 0, NULL);
    ccap_calibrate_options_init(&o);
    o.fertility = CCAP_CALIBRATE_FERTILITY_HOLD;
    CCAP_ASSERT_STATUS(ccap_calibrate(r, base, v, &n, &o, &k, NULL), CCAP_OK);
    /* the fitted step is the one from 2022-11-01; from 2024 every step holds its TFR */
    ccap_calibration_levels(k, 0, 2024, &tfr2023, NULL, NULL, NULL);
    ccap_calibration_levels(k, 0, 2034, &tfr, NULL, NULL, NULL);
    CCAP_ASSERT_REL(tfr, tfr2023, 1e-12);
    ccap_calibration_free(k);
    o.fertility = CCAP_CALIBRATE_FERTILITY_TARGET;
    o.target_tfr = 1.5;
    o.target_year = 2030;
    CCAP_ASSERT_STATUS(ccap_calibrate(r, base, v, &n, &o, &k, NULL), CCAP_OK);
    ccap_calibration_levels(k, 0, 2032, &tfr, NULL, NULL, NULL);
    ccap_calibration_levels(k, 0, 2035, &tfr2035, NULL, NULL, NULL);
    CCAP_ASSERT_REL(tfr, 1.5, 1e-12);
    CCAP_ASSERT_REL(tfr2035, 1.5, 1e-12);
    ccap_calibration_free(k);
    ccap_vitals_free(v);
    national_free(&n);
    ccap_population_free(base);
    ccap_regions_free(r);
}

/* The sending profile: mean 1 by construction, the peak of leaving at 22-25, a net return
 * around 42, children aged 5 below a fifth of the peak.  Rogers-Castro moves children with
 * their parents: at age 5 more than a third of its peak. */
static void
test_calibrate__profile(void)
{
    double p[N_AGES], rc[N_AGES], mean = 0.0;
    size_t a, peak = 0, rc_peak = 0;

    CCAP_ASSERT_STATUS(
        ccap_calibrate_profile_values(CCAP_CALIBRATE_PROFILE_SENDING, N_AGES, NULL, p), CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_calibrate_profile_values(CCAP_CALIBRATE_PROFILE_ROGERS_CASTRO, N_AGES, NULL, rc),
        CCAP_OK);
    for (a = 0; a < N_AGES; a++) {
        mean += p[a] / N_AGES;
        if (p[a] > p[peak])
            peak = a;
        if (rc[a] > rc[rc_peak])
            rc_peak = a;
    }
    CCAP_ASSERT_REL(mean, 1.0, 1e-12);
    CU_ASSERT(peak >= 22 && peak <= 25);
    CU_ASSERT(p[42] < 0.0);
    CU_ASSERT(p[5] < 0.2 * p[peak]);
    CU_ASSERT(rc[5] > 0.3 * rc[rc_peak]);
    CCAP_ASSERT_STATUS(ccap_calibrate_profile_values(CCAP_CALIBRATE_PROFILE_SENDING, 1, NULL, p),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_calibrate_profile_values((ccap_calibrate_profile)7, N_AGES, NULL, p),
                       CCAP_EINVAL);
}

/* Refusals: a county's births above its city's name both; NULL and options out of range. */
static void
test_calibrate__errors(void)
{
    ccap_regions *r = city();
    ccap_population *base = base_population(r);
    ccap_calibrate_national n;
    ccap_vitals *v = ccap_vitals_alloc();
    ccap_calibration *k = NULL;
    ccap_calibrate_options o;
    ccap_diag diag;

    national(&n);
    ccap_vitals_add(v, 0, 2023, CCAP_VITALS_BIRTHS, 5000.0, NULL, 0, NULL);
    ccap_vitals_add(v, 1, 2023, CCAP_VITALS_BIRTHS, 7000.0, NULL, 0, NULL);
    CCAP_ASSERT_STATUS(ccap_calibrate(r, base, v, &n, NULL, &k, &diag), CCAP_EDOM);
    CU_ASSERT_PTR_NULL(k);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "419900 2023"));
    CU_ASSERT_STRING_EQUAL(diag.field, "births");
    CCAP_ASSERT_STATUS(ccap_calibrate(NULL, base, v, &n, NULL, &k, &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_calibrate(r, base, v, &n, NULL, NULL, &diag), CCAP_EINVAL);
    ccap_calibrate_options_init(&o);
    o.migration_scale = 11.0;
    CCAP_ASSERT_STATUS(ccap_calibrate(r, base, v, &n, &o, &k, &diag), CCAP_EDOM);
    ccap_calibrate_options_init(&o);
    o.fertility = CCAP_CALIBRATE_FERTILITY_TARGET;
    o.target_tfr = 0.0;
    o.target_year = 2030;
    CCAP_ASSERT_STATUS(ccap_calibrate(r, base, v, &n, &o, &k, &diag), CCAP_EDOM);
    ccap_calibrate_options_init(&o);
    o.last_year = 2019;
    CCAP_ASSERT_STATUS(ccap_calibrate(r, base, v, &n, &o, &k, &diag), CCAP_EDOM);
    ccap_vitals_free(v);
    national_free(&n);
    ccap_population_free(base);
    ccap_regions_free(r);
}

/* Births driven by cohorts: a base whose girls under 15 are twice the women of 20-34,
 * at constant fertility, gives births that rise by far more than 15 % in ten years while
 * births per woman aged 20-34 hardly move; a flat base gives nothing. */
static ccap_projection *
cohort_projection(double girls)
{
    static const size_t fert_ages[] = {15, 20, 25, 30, 35, 40, 45};
    static const double asfr[] = {0.002, 0.04, 0.08, 0.06, 0.02, 0.004, 0.0005};
    static const size_t zero = 0;
    ccap_regions *r = ccap_regions_alloc();
    ccap_population *p = ccap_population_alloc(1, N_AGES, 1);
    ccap_schedule *f = ccap_schedule_alloc(fert_ages, 7, 50);
    ccap_schedule *s = ccap_schedule_alloc(&zero, 1, CCAP_AGE_OPEN);
    size_t ages[N_AGES];
    double mx[N_AGES], v[N_AGES], srb = 105.0;
    ccap_schedule *m;
    ccap_projection *proj = ccap_projection_alloc(1, N_AGES, 1, 15);
    ccap_rates_workspace *ws = ccap_rates_workspace_alloc(1, N_AGES, 1, N_AGES);
    ccap_assumptions a;
    size_t i;
    int x;

    for (i = 0; i < N_AGES; i++) {
        ages[i] = i;
        mx[i] = 0.0005 + 0.0001 * exp(0.09 * (double)i);
        v[i] = 1000.0 * (i < 15 ? girls : 1.0);
    }
    m = ccap_schedule_alloc(ages, N_AGES, CCAP_AGE_OPEN);
    ccap_regions_add(r, "X", "X", NULL, NULL, NULL);
    ccap_regions_finish(r, NULL);
    for (x = 0; x < 2; x++) {
        ccap_population_set_values(p, 0, (ccap_sex)x, v, N_AGES);
        ccap_schedule_add(m, CCAP_REGION_ALL, 2020, (ccap_sex)x, mx, N_AGES);
    }
    ccap_population_set_year(p, 2020);
    ccap_schedule_add(f, CCAP_REGION_ALL, 2020, CCAP_SEX_BOTH, asfr, 7);
    ccap_schedule_add(s, CCAP_REGION_ALL, 2020, CCAP_SEX_BOTH, &srb, 1);
    a.mortality = m;
    a.fertility = f;
    a.srb = s;
    a.migration = NULL;
    a.migration_rates = NULL;
    a.a0 = CCAP_A0_ANDREEV_KINGKADE;
    a.timing = CCAP_MIGRATION_HALF;
    CCAP_ASSERT_STATUS(ccap_projection_init(proj, p, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_projection_run(proj, &a, r, 15, ws, NULL), CCAP_OK);
    ccap_rates_workspace_free(ws);
    ccap_schedule_free(m);
    ccap_schedule_free(f);
    ccap_schedule_free(s);
    ccap_population_free(p);
    ccap_regions_free(r);
    return proj;
}

static void
test_calibrate__diagnose(void)
{
    ccap_projection *proj = cohort_projection(2.0);
    ccap_births_warning w;
    int found = -1;

    CCAP_ASSERT_STATUS(ccap_diagnose_births(proj, 0, 10, 0.15, &w, &found), CCAP_OK);
    CU_ASSERT_EQUAL(found, 1);
    CU_ASSERT(w.births_change > 0.15);
    CU_ASSERT(fabs(w.women_change) > fabs(w.rate_change));
    CU_ASSERT_EQUAL(w.to_year - w.from_year, 10);
    CU_ASSERT_EQUAL(w.born_to - w.born_from, 14);
    CCAP_ASSERT_STATUS(ccap_diagnose_births(proj, 0, 0, 0.15, &w, &found), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_diagnose_births(proj, 1, 10, 0.15, &w, &found), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_diagnose_births(NULL, 0, 10, 0.15, &w, &found), CCAP_EINVAL);
    ccap_projection_free(proj);
    proj = cohort_projection(1.0);
    CCAP_ASSERT_STATUS(ccap_diagnose_births(proj, 0, 10, 0.15, &w, &found), CCAP_OK);
    CU_ASSERT_EQUAL(found, 0);
    ccap_projection_free(proj);
}

/*
 * The base from margins and births: a city and both its counties publish births 2017-2020
 * (the counties' rounded to 10, the city's to 100, so they do not add up); the children
 * come from the counties' births and the city's are their sum.  The counties' totals add
 * up to the city's minus one: reconciled.  A 0-2 margin beside births is refused.
 */
static void
test_calibrate__base(void)
{
    ccap_regions *r = city();
    ccap_population *census_pop = base_population(r),
                    *standard = ccap_population_alloc(1, N_AGES, 1);
    ccap_population *base = NULL;
    ccap_margins *m = ccap_margins_alloc();
    ccap_vitals *v = ccap_vitals_alloc();
    ccap_margins_report *report = NULL;
    ccap_calibrate_national n;
    const ccap_date census = {2020, 11, 1};
    double t[3], sum = 0.0, under3 = 0.0;
    size_t reg;
    int x, y;
    ccap_diag diag;

    national(&n);
    for (x = 0; x < 2; x++)
        ccap_population_set_values(standard, 0, (ccap_sex)x,
                                   ccap_population_values(census_pop, 1, (ccap_sex)x), N_AGES);
    for (reg = 0; reg < 3; reg++)
        ccap_population_total(census_pop, reg, CCAP_SEX_BOTH, &t[reg]);
    ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, round(t[0]), NULL, NULL);
    ccap_margins_add(m, 1, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, round(t[1]), NULL, NULL);
    ccap_margins_add(m, 2, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, round(t[2]) - 1.0, NULL, NULL);
    for (y = 2017; y <= 2020; y++) {
        const double a = 10.0 * round(0.0011 * t[1] * (1.0 - 0.05 * (y - 2017)));
        const double b = 10.0 * round(0.0009 * t[2] * (1.0 - 0.05 * (y - 2017)));
        ccap_vitals_add(v, 1, y, CCAP_VITALS_BIRTHS, a, NULL, 0, NULL);
        ccap_vitals_add(v, 2, y, CCAP_VITALS_BIRTHS, b, NULL, 0, NULL);
        ccap_vitals_add(v, 0, y, CCAP_VITALS_BIRTHS, 100.0 * round((a + b) / 100.0), NULL, 0, NULL);
        sum += y == 2019 ? a : 0.0;
    }
    CCAP_ASSERT_STATUS(
        ccap_calibrate_base(r, m, 2020, census, standard, v, &n, NULL, &base, &report, &diag),
        CCAP_OK);
    CU_ASSERT_EQUAL(ccap_margins_report_n_adjustments(report), 2);
    /* children from county A's births: about three years of its births, less deaths */
    ccap_population_sum_ages(base, 1, CCAP_SEX_BOTH, 0, 3, &under3);
    CU_ASSERT(under3 > 2.7 * sum && under3 < 3.3 * sum);
    ccap_population_total(base, 0, CCAP_SEX_BOTH, &sum);
    CCAP_ASSERT_REL(sum, round(t[0]), 1e-9);
    ccap_population_free(base);
    ccap_margins_report_free(report);
    /* a margin for the children beside the births that make them (on fresh margins: the
     * call above added the children's) */
    ccap_margins_free(m);
    m = ccap_margins_alloc();
    ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, round(t[0]), NULL, NULL);
    ccap_margins_add(m, 1, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, round(t[1]), NULL, NULL);
    ccap_margins_add(m, 2, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, round(t[2]), NULL, NULL);
    ccap_margins_add(m, 1, 2020, CCAP_SEX_BOTH, 0, 3, 3000.0, NULL, NULL);
    ccap_margins_set_line(m, 3, 9);
    CCAP_ASSERT_STATUS(
        ccap_calibrate_base(r, m, 2020, census, standard, v, &n, NULL, &base, NULL, &diag),
        CCAP_EEXIST);
    CU_ASSERT_EQUAL(diag.line, 9);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "419901"));
    CU_ASSERT_PTR_NULL(base);
    ccap_margins_free(m);
    ccap_vitals_free(v);
    national_free(&n);
    ccap_population_free(standard);
    ccap_population_free(census_pop);
    ccap_regions_free(r);
}

/*
 * Births before the census anchor the factors: county A publishes 1.5 times what the
 * national rates of 2019 give its women (TFR 1.6 - 0.04 * 9 = 1.24 on the test's pattern),
 * the city the sum with B's 1.1 times.  With no births after the census, each keeps its
 * anchor: A 1.5, and B, which follows the city, 1.1 (the city's figure less A's, against
 * B's women alone).
 */
static void
test_calibrate__anchors(void)
{
    static const double pattern[] = {0.02, 0.20, 0.34, 0.26, 0.13, 0.04, 0.01};
    ccap_regions *r = city();
    ccap_population *base = base_population(r);
    ccap_calibrate_national n;
    ccap_vitals *v = ccap_vitals_alloc();
    ccap_calibration *k = NULL;
    double expected[3] = {0.0, 0.0, 0.0}, factor;
    size_t reg, g, a;

    national(&n);
    for (reg = 1; reg <= 2; reg++) {
        for (g = 0; g < 7; g++) {
            for (a = 15 + 5 * g; a < 20 + 5 * g; a++)
                expected[reg] +=
                    1.24 * pattern[g] / 5.0 * ccap_population_get(base, reg, CCAP_SEX_FEMALE, a);
        }
    }
    ccap_vitals_add(v, 1, 2019, CCAP_VITALS_BIRTHS, 1.5 * expected[1], NULL, 0, NULL);
    ccap_vitals_add(v, 0, 2019, CCAP_VITALS_BIRTHS, 1.5 * expected[1] + 1.1 * expected[2], NULL, 0,
                    NULL);
    CCAP_ASSERT_STATUS(ccap_calibrate(r, base, v, &n, NULL, &k, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_calibration_levels(k, 1, 2022, NULL, &factor, NULL, NULL), CCAP_OK);
    CCAP_ASSERT_REL(factor, 1.5, 1e-12);
    CCAP_ASSERT_STATUS(ccap_calibration_levels(k, 2, 2022, NULL, &factor, NULL, NULL), CCAP_OK);
    CCAP_ASSERT_REL(factor, 1.1, 1e-12);
    ccap_calibration_free(k);
    ccap_vitals_free(v);
    national_free(&n);
    ccap_population_free(base);
    ccap_regions_free(r);
}

static CU_TestInfo calibrate_tests[] = {
    {"known_truth", test_calibrate__known_truth},
    {"county", test_calibrate__county},
    {"smooth_mortality", test_calibrate__smooth_mortality},
    {"future", test_calibrate__future},
    {"profile", test_calibrate__profile},
    {"errors", test_calibrate__errors},
    {"diagnose", test_calibrate__diagnose},
    {"base", test_calibrate__base},
    {"anchors", test_calibrate__anchors},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "calibrate", .pTests = calibrate_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
