/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * nanyang-inputs: build the bundled Nanyang projection assumptions from their sources,
 * calibrating fertility and migration to Nanyang's published figures.
 *
 * usage: nanyang-inputs DATA_DIR WPP_DIR OUT_DIR
 *   DATA_DIR  examples/data/nanyang (regions.csv, population_2020.csv, vitals.csv)
 *   WPP_DIR   examples/data/wpp (the UN WPP 2024 China extracts)
 *   OUT_DIR   where mortality.csv, fertility.csv, srb.csv and migration.csv are written
 *
 * Method (docs/methods.md, "The bundled Nanyang assumptions"):
 *  - mortality: WPP 2024 China death rates by 5-year period and sex, constant within each
 *    group of WPP's abridged table, on single years 0..100+;
 *  - fertility: WPP 2024 China's age pattern of 2020-2025 and its annual TFR, times a
 *    Nanyang factor k(y): k(2019) makes 2019 births equal the published 120,700 (women
 *    of the 2020 base as exposure), k(2024) makes projected births in calendar 2024 equal
 *    the published 65,000, log k is linear between the two and constant after 2024;
 *  - sex ratio at birth: WPP 2024 China, annual;
 *  - net migration: rates by age, the same for every county and both sexes, shaped by the
 *    Rogers-Castro model schedule (ccap_migration_rc_default()) and scaled so that the
 *    projected population on 2025-01-01 (the end of 2024) equals the published 9,454,000;
 *    the counts follow each county's population year by year.
 */

#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <ccap/ccap.h>

#define N_AGES 101 /* 0 .. 99, 100+ */
#define N_FERT 7   /* 15-19 .. 45-49 */
#define FIRST 2019
#define LAST 2040
#define STEPS 5 /* 2020-11-01 .. 2025-11-01, enough to reach the end of 2024 */

typedef struct wpp {
    double mx[4][2][N_AGES]; /* periods 2020, 2025, 2030, 2035 */
    double tfr[LAST - FIRST + 1];
    double srb[LAST - FIRST + 1];
    double pasfr[N_FERT];
} wpp;

typedef struct targets {
    double births_2019, births_2024, pop_end_2024, deaths_2024;
} targets;

typedef struct model {
    const ccap_regions *regions;
    const ccap_population *base;
    wpp w;
    size_t root;
    double k2019;
    ccap_schedule *mort, *fert, *srb, *mig;
} model;

static void
die(const char *what)
{
    fprintf(stderr, "nanyang-inputs: %s\n", what);
    exit(1);
}

/* Split a line of a plain CSV (no quotes) into at most max fields. */
static size_t
split(char *line, char *fields[], size_t max)
{
    size_t n = 0;
    char *p = line;

    line[strcspn(line, "\r\n")] = '\0';
    while (n < max) {
        fields[n++] = p;
        p = strchr(p, ',');
        if (p == NULL)
            break;
        *p++ = '\0';
    }
    return n;
}

static FILE *
open_in(const char *dir, const char *name)
{
    char path[4096];
    FILE *fp;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    fp = fopen(path, "r");
    if (fp == NULL) {
        fprintf(stderr, "nanyang-inputs: cannot open %s\n", path);
        exit(1);
    }
    return fp;
}

static void
read_wpp(const char *dir, wpp *w)
{
    char line[512], *f[8];
    FILE *fp;

    memset(w, 0, sizeof *w);
    fp = open_in(dir, "wpp2024_china_mx_abridged.csv"); /* region,period,sex,age,value */
    fgets(line, sizeof line, fp);
    while (fgets(line, sizeof line, fp) != NULL) {
        int period, sex, age, a, lo, hi;
        if (split(line, f, 8) != 5)
            die("mx: bad row");
        period = (atoi(f[1]) - 2020) / 5;
        sex = strcmp(f[2], "female") == 0 ? 0 : strcmp(f[2], "male") == 0 ? 1 : -1;
        age = atoi(f[3]);
        if (period < 0 || period > 3 || sex < 0)
            continue;
        /* constant within the abridged group: 0 | 1-4 | 5-9 | ... | 100+ */
        lo = age;
        hi = age == 0 ? 1 : age == 1 ? 5 : age == 100 ? 101 : age + 5;
        for (a = lo; a < hi && a < N_AGES; a++)
            w->mx[period][sex][a] = strtod(f[4], NULL);
    }
    fclose(fp);
    fp = open_in(dir, "wpp2024_china_tfr_annual.csv"); /* region,year,variant,value */
    fgets(line, sizeof line, fp);
    while (fgets(line, sizeof line, fp) != NULL) {
        int y;
        if (split(line, f, 8) != 4)
            die("tfr: bad row");
        y = atoi(f[1]);
        if (y >= FIRST && y <= LAST)
            w->tfr[y - FIRST] = strtod(f[3], NULL);
    }
    fclose(fp);
    fp = open_in(dir, "wpp2024_china_srb_annual.csv"); /* region,year,value */
    fgets(line, sizeof line, fp);
    while (fgets(line, sizeof line, fp) != NULL) {
        int y;
        if (split(line, f, 8) != 3)
            die("srb: bad row");
        y = atoi(f[1]);
        if (y >= FIRST && y <= LAST)
            w->srb[y - FIRST] = 100.0 * strtod(f[2], NULL); /* males per 100 females */
    }
    fclose(fp);
    fp = open_in(dir, "wpp2024_china_pasfr_2020_2025.csv"); /* region,period,age,value */
    fgets(line, sizeof line, fp);
    while (fgets(line, sizeof line, fp) != NULL) {
        int g;
        if (split(line, f, 8) != 4)
            die("pasfr: bad row");
        g = (atoi(f[2]) - 15) / 5;
        if (g >= 0 && g < N_FERT)
            w->pasfr[g] = strtod(f[3], NULL);
    }
    fclose(fp);
}

static void
read_targets(const char *dir, targets *t)
{
    char line[512], *f[8];
    FILE *fp = open_in(dir, "vitals.csv"); /* region,region_zh,year,measure,value,unit,... */

    memset(t, 0, sizeof *t);
    fgets(line, sizeof line, fp);
    while (fgets(line, sizeof line, fp) != NULL) {
        double v;
        int y;
        if (split(line, f, 8) < 6 || strcmp(f[0], "Nanyang") != 0)
            continue;
        y = atoi(f[2]);
        v = strtod(f[4], NULL) * (strcmp(f[5], "10k_persons") == 0 ? 10000.0 : 1.0);
        if (y == 2019 && strcmp(f[3], "births") == 0)
            t->births_2019 = v;
        if (y == 2024 && strcmp(f[3], "births") == 0)
            t->births_2024 = v;
        if (y == 2024 && strcmp(f[3], "deaths") == 0)
            t->deaths_2024 = v;
        if (y == 2024 && strcmp(f[3], "resident_pop_yearend") == 0)
            t->pop_end_2024 = v;
    }
    fclose(fp);
    if (t->births_2019 <= 0 || t->births_2024 <= 0 || t->pop_end_2024 <= 0)
        die("vitals.csv lacks Nanyang's 2019 and 2024 births or the 2024 population");
}

static const size_t *
single_ages(void)
{
    static size_t ages[N_AGES];
    size_t a;

    for (a = 0; a < N_AGES; a++)
        ages[a] = a;
    return ages;
}

static void
check(int status, const char *what)
{
    if (status != CCAP_OK) {
        fprintf(stderr, "nanyang-inputs: %s: %s\n", what, ccap_strerror(status));
        exit(1);
    }
}

/* WPP China's 2019 age pattern and level: births per woman-year by 5-year group. */
static void
china_asfr(const wpp *w, int year, double factor, double asfr[N_FERT])
{
    check(ccap_fertility_from_pasfr(factor * w->tfr[year - FIRST], w->pasfr, N_FERT, 5, 1e-4,
                                    asfr),
          "fertility from PASFR");
}

/* The Nanyang factor of year y, given the calibrated factors of 2019 and 2024. */
static double
factor(const model *m, double k2024, int year)
{
    if (year >= 2024)
        return k2024;
    return m->k2019 * pow(k2024 / m->k2019, (double)(year - 2019) / 5.0);
}

static void
build_fertility(model *m, double k2024)
{
    static const size_t ages[N_FERT] = {15, 20, 25, 30, 35, 40, 45};
    double asfr[N_FERT];
    int y;

    ccap_schedule_free(m->fert);
    m->fert = ccap_schedule_alloc(ages, N_FERT, 50);
    if (m->fert == NULL)
        die("out of memory");
    for (y = 2020; y <= LAST; y++) {
        china_asfr(&m->w, y, factor(m, k2024, y), asfr);
        check(ccap_schedule_add(m->fert, CCAP_REGION_ALL, y, CCAP_SEX_BOTH, asfr, N_FERT),
              "fertility");
    }
}

/* Net migration rates by age, the same for every county and both sexes: the Rogers-Castro
 * schedule scaled so that, applied to the city's 2020 population, the year's net migrants
 * total `total` (negative: a net loss).  The counts then follow each county's population. */
static void
build_migration(model *m, double total)
{
    const ccap_migration_rc rc = ccap_migration_rc_default();
    double shape[N_AGES], rate[N_AGES], exposure = 0.0;
    size_t a;
    int x;

    ccap_schedule_free(m->mig);
    m->mig = ccap_schedule_alloc(single_ages(), N_AGES, CCAP_AGE_OPEN);
    if (m->mig == NULL)
        die("out of memory");
    /* the open group 100+ is integrated to age 110: ten years, so its intensity per year
     * of age is a tenth of its share */
    check(ccap_migration_rc_schedule(&rc, N_AGES, 1, 110.0, shape), "Rogers-Castro");
    shape[N_AGES - 1] /= 110.0 - 100.0;
    for (a = 0; a < N_AGES; a++) {
        for (x = 0; x < 2; x++)
            exposure += shape[a] * ccap_population_get(m->base, m->root, (ccap_sex)x, a);
    }
    for (a = 0; a < N_AGES; a++)
        rate[a] = total * shape[a] / exposure;
    for (x = 0; x < 2; x++)
        check(ccap_schedule_add(m->mig, CCAP_REGION_ALL, 2020, (ccap_sex)x, rate, N_AGES),
              "migration rates");
}

static void
build_fixed(model *m)
{
    int period, sex, y;

    m->mort = ccap_schedule_alloc(single_ages(), N_AGES, CCAP_AGE_OPEN);
    m->srb = ccap_schedule_alloc(single_ages(), 1, CCAP_AGE_OPEN);
    if (m->mort == NULL || m->srb == NULL)
        die("out of memory");
    for (period = 0; period < 4; period++) {
        for (sex = 0; sex < 2; sex++)
            check(ccap_schedule_add(m->mort, CCAP_REGION_ALL, 2020 + 5 * period, (ccap_sex)sex,
                                    m->w.mx[period][sex], N_AGES),
                  "mortality");
    }
    for (y = 2020; y <= LAST; y++)
        check(ccap_schedule_add(m->srb, CCAP_REGION_ALL, y, CCAP_SEX_BOTH,
                                &m->w.srb[y - FIRST], 1),
              "srb");
}

typedef struct outcome {
    double births_2024; /* calendar 2024 */
    double pop_end_2024; /* 2025-01-01 */
    double deaths_2024;
    double births_step[STEPS];
} outcome;

/* Project five one-year steps from the census and measure the calibration targets. */
static outcome
project(model *m, double k2024, double migration)
{
    ccap_projection *proj = ccap_projection_alloc(ccap_regions_count(m->regions), N_AGES, 1, STEPS);
    ccap_rates_workspace *ws =
        ccap_rates_workspace_alloc(ccap_regions_count(m->regions), N_AGES, 1, N_AGES);
    ccap_population *end2024 = ccap_population_alloc(ccap_regions_count(m->regions), N_AGES, 1);
    const ccap_date new_year_2025 = {2025, 1, 1};
    ccap_assumptions a;
    ccap_rates_problem problem;
    outcome o;
    size_t s;

    if (proj == NULL || ws == NULL || end2024 == NULL)
        die("out of memory");
    build_fertility(m, k2024);
    build_migration(m, migration);
    a.mortality = m->mort;
    a.fertility = m->fert;
    a.srb = m->srb;
    a.migration = NULL;
    a.migration_rates = m->mig;
    a.a0 = CCAP_A0_ANDREEV_KINGKADE;
    a.timing = CCAP_MIGRATION_HALF;
    check(ccap_projection_init(proj, m->base, m->regions), "projection");
    check(ccap_projection_run(proj, &a, m->regions, STEPS, ws, &problem), "projection");
    for (s = 0; s < STEPS; s++)
        o.births_step[s] = ccap_projection_births(proj, s + 1, m->root, CCAP_SEX_BOTH);
    /* steps run from 1 November: calendar 2024 is 10/12 of the step starting in 2023
     * and 2/12 of the step starting in 2024 */
    o.births_2024 = o.births_step[3] * 10.0 / 12.0 + o.births_step[4] * 2.0 / 12.0;
    o.deaths_2024 = ccap_projection_deaths(proj, 4, m->root, CCAP_SEX_BOTH) * 10.0 / 12.0 +
                    ccap_projection_deaths(proj, 5, m->root, CCAP_SEX_BOTH) * 2.0 / 12.0;
    check(ccap_projection_population_at(proj, new_year_2025, end2024), "interpolation");
    ccap_population_total(end2024, m->root, CCAP_SEX_BOTH, &o.pop_end_2024);
    ccap_population_free(end2024);
    ccap_rates_workspace_free(ws);
    ccap_projection_free(proj);
    return o;
}

/* Bisection on an increasing function of x: the x in [lo, hi] where it reaches target. */
static double
solve(model *m, int which, double other, double target, double lo, double hi)
{
    int i;

    for (i = 0; i < 60; i++) {
        const double mid = 0.5 * (lo + hi);
        const outcome o = which == 0 ? project(m, mid, other) : project(m, other, mid);
        const double got = which == 0 ? o.births_2024 : o.pop_end_2024;

        if (got < target)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

static void
write_all(model *m, const char *out)
{
    char path[4096];
    ccap_diag d;
    char msg[1200];

    snprintf(path, sizeof path, "%s/mortality.csv", out);
    if (ccap_csv_write_mortality(path, m->regions, m->mort, &d) != CCAP_OK)
        goto fail;
    snprintf(path, sizeof path, "%s/fertility.csv", out);
    if (ccap_csv_write_fertility(path, m->regions, m->fert, &d) != CCAP_OK)
        goto fail;
    snprintf(path, sizeof path, "%s/srb.csv", out);
    if (ccap_csv_write_srb(path, m->regions, m->srb, &d) != CCAP_OK)
        goto fail;
    snprintf(path, sizeof path, "%s/migration_rates.csv", out);
    if (ccap_csv_write_migration_rates(path, m->regions, m->mig, &d) != CCAP_OK)
        goto fail;
    return;
fail:
    ccap_diag_format(&d, msg, sizeof msg);
    die(msg);
}

int
main(int argc, char **argv)
{
    ccap_regions *regions = NULL;
    ccap_population *base = NULL;
    model m;
    targets t;
    ccap_diag d;
    char path[4096], msg[1200];
    double women[N_FERT] = {0}, asfr[N_FERT], k2024 = 1.0, migration = 0.0;
    size_t g, a, iter;
    outcome o;

    gsl_set_error_handler_off();
    if (argc != 4) {
        fprintf(stderr, "usage: %s DATA_DIR WPP_DIR OUT_DIR\n", argv[0]);
        return 2;
    }
    memset(&m, 0, sizeof m);
    read_wpp(argv[2], &m.w);
    read_targets(argv[1], &t);
    snprintf(path, sizeof path, "%s/regions.csv", argv[1]);
    if (ccap_csv_read_regions(path, &regions, NULL, &d) != CCAP_OK)
        goto fail;
    snprintf(path, sizeof path, "%s/population_2020.csv", argv[1]);
    if (ccap_csv_read_population(path, regions, 2020, &base, NULL, &d) != CCAP_OK)
        goto fail;
    if (ccap_population_n_ages(base) != N_AGES || ccap_population_age_width(base) != 1)
        die("population_2020.csv must have single years 0 .. 100+");
    m.regions = regions;
    m.base = base;
    m.root = ccap_regions_preorder(regions, 0);
    build_fixed(&m);

    /* k(2019): 2019 births from China's 2019 rates on the women of the 2020 census. */
    for (g = 0; g < N_FERT; g++) {
        for (a = 15 + 5 * g; a < 20 + 5 * g; a++)
            women[g] += ccap_population_get(base, m.root, CCAP_SEX_FEMALE, a);
    }
    china_asfr(&m.w, 2019, 1.0, asfr);
    check(ccap_fertility_calibrate(asfr, women, N_FERT, t.births_2019, &m.k2019, NULL),
          "2019 calibration");

    /* k(2024) and the migration total depend on each other: alternate until both settle. */
    for (iter = 0; iter < 6; iter++) {
        k2024 = solve(&m, 0, migration, t.births_2024, 0.05, 5.0);
        migration = solve(&m, 1, k2024, t.pop_end_2024, -500000.0, 500000.0);
    }
    o = project(&m, k2024, migration);
    write_all(&m, argv[3]);

    printf("Nanyang assumptions, calibrated:\n");
    printf("  fertility factor on China's TFR: %.4f in 2019 (2019 births %.0f), %.4f from 2024\n",
           m.k2019, t.births_2019, k2024);
    printf("  Nanyang TFR: 2019 %.3f, 2020 %.3f, 2024 %.3f, 2030 %.3f, 2035 %.3f\n",
           m.k2019 * m.w.tfr[0], factor(&m, k2024, 2020) * m.w.tfr[1],
           k2024 * m.w.tfr[2024 - FIRST], k2024 * m.w.tfr[2030 - FIRST],
           k2024 * m.w.tfr[2035 - FIRST]);
    printf("  net migration: %.0f in the first year (rates follow the population)\n",
           migration);
    printf("  births by step from 1 November: 2020 %.0f, 2021 %.0f, 2022 %.0f, 2023 %.0f, "
           "2024 %.0f\n",
           o.births_step[0], o.births_step[1], o.births_step[2], o.births_step[3],
           o.births_step[4]);
    printf("  calendar 2024: births %.0f (published %.0f), deaths %.0f (published %.0f)\n",
           o.births_2024, t.births_2024, o.deaths_2024, t.deaths_2024);
    printf("  population at the end of 2024: %.0f (published %.0f)\n", o.pop_end_2024,
           t.pop_end_2024);
    ccap_schedule_free(m.mort);
    ccap_schedule_free(m.fert);
    ccap_schedule_free(m.srb);
    ccap_schedule_free(m.mig);
    ccap_population_free(base);
    ccap_regions_free(regions);
    return 0;
fail:
    ccap_diag_format(&d, msg, sizeof msg);
    fprintf(stderr, "%s\n", msg);
    return 1;
}
