/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A simulated prefecture with a known future, and what it publishes: see
 * truth_prefecture.h for the conventions. */

#include "truth_prefecture.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846

#define NAT_FIRST 2005 /* calendar years of the national fertility and SRB paths */
#define NAT_LAST 2040
#define NAT_N (NAT_LAST - NAT_FIRST + 1)
#define N_FERT 7                      /* five-year groups 15-19 ... 45-49 */
#define N_ABRIDGED 22                 /* 0, 1-4, 5-9, ..., 95-99, 100+ */
#define N_PERIODS 7                   /* 2005, 2010, ..., 2035 */
#define WPP_PERIODS 4                 /* 2020-2025 ... 2035-2040 in the WPP file */
#define STEP_SHARE_NEXT (10.0 / 12.0) /* a step starting y-11-01 lies 10/12 in year y+1 */

/*
 * The national paths, calendar years.
 *
 * TFR: WPP 2024 (estimates to 2023, medium variant from 2024) from 2019; before, a path
 * of about 1.6-1.7 with the bump of the two-child policy (2016-2017), which is not WPP's
 * but of its order.  Age pattern: WPP 2024's 2020-2025 percentages for every year.
 * SRB: WPP 2024 from 2019 (× 100); before, 117 to 2010, falling to 114 in 2018.
 * Death rates: WPP 2024's 2020-2025 ... 2035-2040 periods; the periods 2005, 2010 and
 * 2015 take the 2020-2025 rates × 1.1.  Single years take their abridged group's rate
 * (constant within a group, as ccap-calibrate expands the national rates).
 */
static const double tfr_before_2019[] = {
    1.62, 1.62, 1.62, 1.62, 1.62, 1.62, 1.62, 1.62, 1.62, /* 2005-2013 */
    1.66, 1.62, 1.72, 1.70, 1.60                          /* 2014-2018 */
};

typedef struct national {
    double asfr[NAT_N][N_FERT]; /* births per woman-year by five-year group */
    double srb[NAT_N];          /* male births per 100 female births */
    double mx[2][N_PERIODS][TRUTH_N_AGES];
} national;

/* Four kinds of county; TRUTH_COUNTIES_MAX counties repeat them at other sizes. */
static const truth_county kinds[4] = {
    /* a city district: young, low fertility, gaining migrants */
    {1050000.0, -0.15, 0.25, 0.80, 0.80, 0.90, 3.0, 2.0},
    /* a large county whose fertility falls faster than the nation's */
    {1560000.0, 0.05, -0.15, 1.15, 0.95, 1.05, -8.0, -5.0},
    /* a middle county on the national path */
    {800000.0, 0.10, -0.15, 1.00, 1.00, 1.00, -8.0, -5.0},
    /* a small, old county with high fertility and the heaviest losses */
    {360000.0, 0.15, -0.25, 1.25, 1.08, 1.15, -10.0, -6.0},
};
/* size multipliers of the later repeats (counties 4, 8, ...: 0.55 × the kind's, ...) */
static const double repeat_size[5] = {1.0, 0.55, 0.8, 0.35, 1.25};

static int
fail(char *why, size_t size, int status, const char *fmt, ...)
{
    va_list ap;

    if (why != NULL && size > 0) {
        va_start(ap, fmt);
        vsnprintf(why, size, fmt, ap);
        va_end(ap);
    }
    return status;
}

double
truth_round(double x, double unit)
{
    return x < 0.0 ? -unit * floor(-x / unit + 0.5) : unit * floor(x / unit + 0.5);
}

/* ---- reading the WPP extracts ---- */

static FILE *
open_wpp(const char *dir, const char *name)
{
    char path[1024];

    snprintf(path, sizeof path, "%s/%s", dir, name);
    return fopen(path, "r");
}

static int
read_national(const char *dir, national *n, char *why, size_t why_size)
{
    double tfr[NAT_N], pasfr[N_FERT], wpp_mx[2][WPP_PERIODS][N_ABRIDGED];
    int have_tfr[NAT_N] = {0}, have_srb[NAT_N] = {0};
    size_t n_pasfr = 0, n_mx = 0, i, g, x;
    char line[256];
    FILE *fp;
    int y, s, p;

    if ((fp = open_wpp(dir, "wpp2024_china_tfr_annual.csv")) == NULL)
        return fail(why, why_size, CCAP_EIO, "%s: cannot open the TFR file", dir);
    while (fgets(line, sizeof line, fp) != NULL) {
        double v;
        if (sscanf(line, "China,%d,%*[a-z],%lf", &y, &v) == 2 && y >= NAT_FIRST && y <= NAT_LAST) {
            tfr[y - NAT_FIRST] = v;
            have_tfr[y - NAT_FIRST] = 1;
        }
    }
    fclose(fp);
    if ((fp = open_wpp(dir, "wpp2024_china_srb_annual.csv")) == NULL)
        return fail(why, why_size, CCAP_EIO, "%s: cannot open the SRB file", dir);
    while (fgets(line, sizeof line, fp) != NULL) {
        double v;
        if (sscanf(line, "China,%d,%lf", &y, &v) == 2 && y >= NAT_FIRST && y <= NAT_LAST) {
            n->srb[y - NAT_FIRST] = 100.0 * v;
            have_srb[y - NAT_FIRST] = 1;
        }
    }
    fclose(fp);
    if ((fp = open_wpp(dir, "wpp2024_china_pasfr_2020_2025.csv")) == NULL)
        return fail(why, why_size, CCAP_EIO, "%s: cannot open the PASFR file", dir);
    while (fgets(line, sizeof line, fp) != NULL) {
        unsigned age;
        double v;
        if (sscanf(line, "China,2020-2025,%u,%lf", &age, &v) == 2 && age == 15 + 5 * n_pasfr &&
            n_pasfr < N_FERT)
            pasfr[n_pasfr++] = v;
    }
    fclose(fp);
    if ((fp = open_wpp(dir, "wpp2024_china_mx_abridged.csv")) == NULL)
        return fail(why, why_size, CCAP_EIO, "%s: cannot open the death rates", dir);
    while (fgets(line, sizeof line, fp) != NULL) {
        char sex[16];
        unsigned age;
        int p1;
        double v;
        if (sscanf(line, "China,%d-%d,%15[a-z],%u,%lf", &y, &p1, sex, &age, &v) != 5)
            continue;
        s = strcmp(sex, "male") == 0;
        p = (y - 2020) / 5;
        g = age == 0 ? 0 : age < 5 ? 1 : 1 + age / 5;
        if (p < 0 || p >= WPP_PERIODS || (y - 2020) % 5 != 0 || g >= N_ABRIDGED ||
            (age >= 5 && age % 5 != 0))
            continue;
        wpp_mx[s][p][g] = v;
        n_mx++;
    }
    fclose(fp);
    if (n_pasfr != N_FERT || n_mx != 2 * WPP_PERIODS * N_ABRIDGED)
        return fail(why, why_size, CCAP_EPARSE, "%s: %zu PASFR rows and %zu death rates", dir,
                    n_pasfr, n_mx);
    for (y = NAT_FIRST; y <= NAT_LAST; y++) {
        i = (size_t)(y - NAT_FIRST);
        if (y < 2019) {
            tfr[i] = tfr_before_2019[i];
            n->srb[i] = y <= 2010 ? 117.0 : 117.0 - 0.375 * (y - 2010);
        } else if (!have_tfr[i] || !have_srb[i]) {
            return fail(why, why_size, CCAP_EPARSE, "%s: no TFR or SRB for %d", dir, y);
        }
        for (g = 0; g < N_FERT; g++)
            n->asfr[i][g] = tfr[i] * pasfr[g] / 100.0 / 5.0;
    }
    for (s = 0; s < 2; s++) {
        for (p = 0; p < N_PERIODS; p++) {
            const int wp = p < 3 ? 0 : p - 3;
            const double k = p < 3 ? 1.1 : 1.0;
            for (x = 0; x < TRUTH_N_AGES; x++) {
                g = x == 0 ? 0 : x < 5 ? 1 : 1 + x / 5;
                n->mx[s][p][x] = k * wpp_mx[s][wp][g];
            }
        }
    }
    return CCAP_OK;
}

/* National calendar-year values, held outside NAT_FIRST ... NAT_LAST. */
static const double *
nat_asfr(const national *n, int year)
{
    year = year < NAT_FIRST ? NAT_FIRST : year > NAT_LAST ? NAT_LAST : year;
    return n->asfr[year - NAT_FIRST];
}

static double
nat_srb(const national *n, int year)
{
    year = year < NAT_FIRST ? NAT_FIRST : year > NAT_LAST ? NAT_LAST : year;
    return n->srb[year - NAT_FIRST];
}

/* Death rates at decimal time t: log-linear between the period midpoints p + 2.5. */
static void
nat_mx_at(const national *n, int sex, double t, double out[])
{
    const double first = NAT_FIRST + 2.5, last = NAT_FIRST + 5.0 * (N_PERIODS - 1) + 2.5;
    size_t x;

    if (t <= first || t >= last) {
        memcpy(out, n->mx[sex][t <= first ? 0 : N_PERIODS - 1], TRUTH_N_AGES * sizeof *out);
        return;
    }
    {
        const size_t p = (size_t)floor((t - first) / 5.0);
        const double u = (t - first - 5.0 * (double)p) / 5.0;
        for (x = 0; x < TRUTH_N_AGES; x++)
            out[x] = exp((1.0 - u) * log(n->mx[sex][p][x]) + u * log(n->mx[sex][p + 1][x]));
    }
}

/* ---- the counties ---- */

static double
fert_factor(const truth_county *c, int year)
{
    if (year <= 2015)
        return c->fert_2015;
    if (year >= 2024)
        return c->fert_2024;
    return c->fert_2015 + (c->fert_2024 - c->fert_2015) * (year - 2015) / 9.0;
}

/* The migration age profile before scaling, persons per person and year (a loss for a
 * negative level): children leaving at half Rogers-Castro's childhood rate, a labour
 * peak at 18 + ln(0.5/0.13)/0.5 = 20.7, returns centred on 50 of about a quarter of the
 * labour outflow. */
static double
profile_raw(double x)
{
    return 0.012 * exp(-0.12 * x) + 0.07 * exp(-0.13 * (x - 18.0) - exp(-0.5 * (x - 18.0))) -
           0.010 * exp(-((x - 50.0) / 6.0) * ((x - 50.0) / 6.0));
}

static void
county_params(size_t k, truth_county *c)
{
    const size_t v = k / 4;

    *c = kinds[k % 4];
    c->size_2005 *= repeat_size[v % 5];
    if (v > 0) { /* repeats differ a little in their levels too */
        c->fert_2015 *= 1.0 + 0.03 * (double)(v % 3);
        c->fert_2024 *= 1.0 + 0.02 * (double)(v % 2);
        c->mort_level *= 1.0 + 0.02 * (double)(v % 4);
    }
}

/* Region 0, the city, is the sum of regions 1 ... n_counties. */
static int
city_of_counties(ccap_population *pop, size_t n_counties)
{
    double v[TRUTH_N_AGES];
    size_t k, x;
    int s, status = CCAP_OK;

    for (s = 0; s < 2 && status == CCAP_OK; s++) {
        for (x = 0; x < TRUTH_N_AGES; x++) {
            v[x] = 0.0;
            for (k = 1; k <= n_counties; k++)
                v[x] += ccap_population_get(pop, k, (ccap_sex)s, x);
        }
        status = ccap_population_set_values(pop, 0, (ccap_sex)s, v, TRUTH_N_AGES);
    }
    return status;
}

/* The start population 2005-11-01 of the counties (region k+1 for county k).
 * The national shape: the standard of 2020 moved back 15 years (age x in 2005 is age x+15
 * in 2020) and divided by the survival of the national 2005 life table from x to x+15,
 * to age 70; above 70 the stationary shape L(x)/L(70) of that table, the open group
 * T(100)/L(70).  Then prefecture-wide and county-specific waves by birth year (cohorts of
 * this prefecture are not the nation's), an age tilt and a labour-age bump or dip. */
static int
start_population(truth_prefecture *t, const national *n, const ccap_population *standard, char *why,
                 size_t why_size)
{
    size_t ages[TRUTH_N_AGES], x, k;
    double shape[2][TRUTH_N_AGES];
    ccap_lifetable *lt = ccap_lifetable_alloc(TRUTH_N_AGES);
    int s, status = CCAP_OK;

    if (lt == NULL)
        return fail(why, why_size, CCAP_ENOMEM, "out of memory");
    for (x = 0; x < TRUTH_N_AGES; x++)
        ages[x] = x;
    for (s = 0; s < 2; s++) {
        const double *std = ccap_population_values(standard, 0, (ccap_sex)s);
        const double *l, *L, *T;
        if (std == NULL) {
            status = fail(why, why_size, CCAP_EINVAL, "the standard has no region 0");
            break;
        }
        status = ccap_lifetable_from_mx(lt, ages, n->mx[s][0], TRUTH_N_AGES, (ccap_sex)s,
                                        CCAP_A0_ANDREEV_KINGKADE);
        if (status != CCAP_OK) {
            fail(why, why_size, status, "life table of 2005: %s", ccap_strerror(status));
            break;
        }
        l = ccap_lifetable_lx(lt);
        L = ccap_lifetable_person_years(lt);
        T = ccap_lifetable_person_years_above(lt);
        for (x = 0; x <= 70; x++)
            shape[s][x] = std[x + 15] * l[x] / l[x + 15];
        for (x = 71; x < TRUTH_N_AGES - 1; x++)
            shape[s][x] = shape[s][70] * L[x] / L[70];
        shape[s][TRUTH_N_AGES - 1] = shape[s][70] * T[TRUTH_N_AGES - 1] / L[70];
    }
    ccap_lifetable_free(lt);
    if (status != CCAP_OK)
        return status;
    t->start = ccap_population_alloc(t->n_regions, TRUTH_N_AGES, 1);
    if (t->start == NULL)
        return fail(why, why_size, CCAP_ENOMEM, "out of memory");
    for (k = 0; k < t->n_counties; k++) {
        const truth_county *c = &t->county[k];
        double v[2][TRUTH_N_AGES], total = 0.0;
        for (s = 0; s < 2; s++) {
            for (x = 0; x < TRUTH_N_AGES; x++) {
                const double b = 2005.0 - (double)x - 1950.0; /* birth year − 1950 */
                const double wave =
                    1.0 + 0.05 * sin(2.0 * PI * b / 9.0) + 0.03 * sin(2.0 * PI * b / 4.3);
                const double own = 1.0 + 0.02 * sin(2.0 * PI * (b + 2.7 * (double)k) / 6.1);
                const double dx = ((double)x - 27.0) / 9.0;
                v[s][x] = shape[s][x] * wave * own * exp(c->tilt * ((double)x - 40.0) / 40.0) *
                          (1.0 + c->labour * exp(-dx * dx));
                total += v[s][x];
            }
        }
        for (s = 0; s < 2; s++) {
            for (x = 0; x < TRUTH_N_AGES; x++)
                v[s][x] *= c->size_2005 / total;
            status = ccap_population_set_values(t->start, k + 1, (ccap_sex)s, v[s], TRUTH_N_AGES);
            if (status != CCAP_OK)
                return fail(why, why_size, status, "start population: %s", ccap_strerror(status));
        }
    }
    {
        const ccap_date nov = {TRUTH_BASE_YEAR, 11, 1};
        ccap_population_set_year(t->start, TRUTH_BASE_YEAR);
        ccap_population_set_date(t->start, nov);
        status = city_of_counties(t->start, t->n_counties);
    }
    return status == CCAP_OK ? CCAP_OK
                             : fail(why, why_size, status, "aggregate: %s", ccap_strerror(status));
}

/*
 * The children of the start population follow the county's own fertility: the shape
 * above gives every county children in proportion to its adults (times its tilt), while
 * a county with fertility 0.8 times the nation's has fewer.  Left so, the first cohort
 * born in the projection would be smaller or larger than the last of the start, a seam
 * that a census 15 years later would show at age 14/15.  So, after one step: the
 * children aged 0-14 of county k are scaled by c_k = (persons aged 0 after the step) /
 * (persons aged 0 at the start), ages 15-24 by a factor moving linearly from c_k to 1,
 * and the county scaled back to its size.
 */
static int
children_of_fertility(truth_prefecture *t, char *why, size_t why_size)
{
    const ccap_population *one = ccap_projection_population(t->proj, 1);
    size_t k, x;
    int s, status = CCAP_OK;

    for (k = 0; k < t->n_counties && status == CCAP_OK; k++) {
        const size_t r = k + 1;
        const double c = (ccap_population_get(one, r, CCAP_SEX_FEMALE, 0) +
                          ccap_population_get(one, r, CCAP_SEX_MALE, 0)) /
                         (ccap_population_get(t->start, r, CCAP_SEX_FEMALE, 0) +
                          ccap_population_get(t->start, r, CCAP_SEX_MALE, 0));
        double v[2][TRUTH_N_AGES], total = 0.0;
        for (s = 0; s < 2; s++) {
            for (x = 0; x < TRUTH_N_AGES; x++) {
                const double m = x < 15   ? c
                                 : x < 25 ? c + (1.0 - c) * (double)(x - 14) / 11.0
                                          : 1.0;
                v[s][x] = m * ccap_population_get(t->start, r, (ccap_sex)s, x);
                total += v[s][x];
            }
        }
        for (s = 0; s < 2 && status == CCAP_OK; s++) {
            for (x = 0; x < TRUTH_N_AGES; x++)
                v[s][x] *= t->county[k].size_2005 / total;
            status = ccap_population_set_values(t->start, r, (ccap_sex)s, v[s], TRUTH_N_AGES);
        }
    }
    if (status == CCAP_OK)
        status = city_of_counties(t->start, t->n_counties);
    return status == CCAP_OK ? CCAP_OK
                             : fail(why, why_size, status, "children: %s", ccap_strerror(status));
}

/* ---- schedules ---- */

static int
national_schedules(truth_prefecture *t, const national *n)
{
    static const size_t fert_ages[N_FERT] = {15, 20, 25, 30, 35, 40, 45};
    const size_t zero = 0;
    size_t ages[TRUTH_N_AGES], x;
    int y, s, p, status = CCAP_OK;

    for (x = 0; x < TRUTH_N_AGES; x++)
        ages[x] = x;
    t->nat_mortality = ccap_schedule_alloc(ages, TRUTH_N_AGES, CCAP_AGE_OPEN);
    t->nat_fertility = ccap_schedule_alloc(fert_ages, N_FERT, 50);
    t->nat_srb = ccap_schedule_alloc(&zero, 1, CCAP_AGE_OPEN);
    if (t->nat_mortality == NULL || t->nat_fertility == NULL || t->nat_srb == NULL)
        return CCAP_ENOMEM;
    for (s = 0; s < 2 && status == CCAP_OK; s++) {
        for (p = 0; p < N_PERIODS && status == CCAP_OK; p++)
            status = ccap_schedule_add(t->nat_mortality, CCAP_REGION_ALL, NAT_FIRST + 5 * p,
                                       (ccap_sex)s, n->mx[s][p], TRUTH_N_AGES);
    }
    for (y = NAT_FIRST; y <= NAT_LAST && status == CCAP_OK; y++) {
        const double srb = nat_srb(n, y);
        status = ccap_schedule_add(t->nat_fertility, CCAP_REGION_ALL, y, CCAP_SEX_BOTH,
                                   nat_asfr(n, y), N_FERT);
        if (status == CCAP_OK)
            status = ccap_schedule_add(t->nat_srb, CCAP_REGION_ALL, y, CCAP_SEX_BOTH, &srb, 1);
    }
    return status;
}

/* The truth, keyed by the start year of each step. */
static int
truth_schedules(truth_prefecture *t, const national *n, const ccap_population *standard)
{
    static const size_t fert_ages[N_FERT] = {15, 20, 25, 30, 35, 40, 45};
    const size_t zero = 0;
    const double w1 = STEP_SHARE_NEXT, w0 = 1.0 - w1;
    size_t ages[TRUTH_N_AGES], x, k, g;
    double mean = 0.0, weight = 0.0;
    int y, s, status = CCAP_OK;

    for (x = 0; x < TRUTH_N_AGES; x++) {
        const double p = ccap_population_get(standard, 0, CCAP_SEX_FEMALE, x) +
                         ccap_population_get(standard, 0, CCAP_SEX_MALE, x);
        ages[x] = x;
        t->profile[x] = profile_raw((double)x);
        mean += t->profile[x] * p;
        weight += p;
    }
    for (x = 0; x < TRUTH_N_AGES; x++)
        t->profile[x] /= mean / weight;
    t->mortality = ccap_schedule_alloc(ages, TRUTH_N_AGES, CCAP_AGE_OPEN);
    t->fertility = ccap_schedule_alloc(fert_ages, N_FERT, 50);
    t->srb = ccap_schedule_alloc(&zero, 1, CCAP_AGE_OPEN);
    t->migration_rates = ccap_schedule_alloc(ages, TRUTH_N_AGES, CCAP_AGE_OPEN);
    if (t->mortality == NULL || t->fertility == NULL || t->srb == NULL ||
        t->migration_rates == NULL)
        return CCAP_ENOMEM;
    for (y = TRUTH_BASE_YEAR; y < TRUTH_BASE_YEAR + TRUTH_STEPS && status == CCAP_OK; y++) {
        const double srb = w0 * nat_srb(n, y) + w1 * nat_srb(n, y + 1);
        const double mid = (double)y + STEP_SHARE_NEXT + 0.5;
        double mx[2][TRUTH_N_AGES];

        status = ccap_schedule_add(t->srb, CCAP_REGION_ALL, y, CCAP_SEX_BOTH, &srb, 1);
        for (s = 0; s < 2; s++)
            nat_mx_at(n, s, mid, mx[s]);
        for (k = 0; k < t->n_counties && status == CCAP_OK; k++) {
            const truth_county *c = &t->county[k];
            const double f0 = fert_factor(c, y), f1 = fert_factor(c, y + 1);
            const double level = (y < 2015 ? c->mig_before : c->mig_after) / 1000.0;
            double asfr[N_FERT], v[TRUTH_N_AGES];

            for (g = 0; g < N_FERT; g++)
                asfr[g] = w0 * nat_asfr(n, y)[g] * f0 + w1 * nat_asfr(n, y + 1)[g] * f1;
            status = ccap_schedule_add(t->fertility, k + 1, y, CCAP_SEX_BOTH, asfr, N_FERT);
            for (s = 0; s < 2 && status == CCAP_OK; s++) {
                for (x = 0; x < TRUTH_N_AGES; x++)
                    v[x] = mx[s][x] * c->mort_level;
                status = ccap_schedule_add(t->mortality, k + 1, y, (ccap_sex)s, v, TRUTH_N_AGES);
            }
            for (x = 0; x < TRUTH_N_AGES; x++)
                v[x] = level * t->profile[x];
            if (status == CCAP_OK)
                status =
                    ccap_schedule_add(t->migration_rates, k + 1, y, CCAP_SEX_BOTH, v, TRUTH_N_AGES);
        }
    }
    return status;
}

/* ---- events and stocks by calendar year ---- */

double
truth_calendar_events(const ccap_projection *proj, int base_year, size_t r, int year, int births)
{
    double e[2];
    int i;

    for (i = 0; i < 2; i++) {
        const long step = (long)(year - 1 + i) - base_year + 1; /* starts in year-1, year */
        if (step < 1)
            return NAN;
        e[i] = births ? ccap_projection_births(proj, (size_t)step, r, CCAP_SEX_FEMALE) +
                            ccap_projection_births(proj, (size_t)step, r, CCAP_SEX_MALE)
                      : ccap_projection_deaths(proj, (size_t)step, r, CCAP_SEX_FEMALE) +
                            ccap_projection_deaths(proj, (size_t)step, r, CCAP_SEX_MALE);
    }
    return STEP_SHARE_NEXT * e[0] + (1.0 - STEP_SHARE_NEXT) * e[1];
}

double
truth_year_end(const ccap_projection *proj, ccap_population *scratch, size_t r, int year, size_t lo,
               size_t hi)
{
    const ccap_date jan = {year + 1, 1, 1};
    double sum;

    if (ccap_projection_population_at(proj, jan, scratch) != CCAP_OK ||
        ccap_population_sum_ages(scratch, r, CCAP_SEX_BOTH, lo, hi, &sum) != CCAP_OK)
        return NAN;
    return sum;
}

static double
sum_at(const ccap_population *pop, size_t r, ccap_sex sex, size_t lo, size_t hi)
{
    double sum = NAN;

    ccap_population_sum_ages(pop, r, sex, lo, hi, &sum);
    return sum;
}

/* ---- what the prefecture publishes ---- */

static int
publish(truth_prefecture *t, ccap_population *scratch)
{
    static const struct {
        ccap_sex sex;
        size_t lo, hi;
    } city_margins[] = {
        {CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN},
        {CCAP_SEX_MALE, 0, CCAP_AGE_OPEN},
        {CCAP_SEX_FEMALE, 0, CCAP_AGE_OPEN},
        {CCAP_SEX_BOTH, 0, 15},
        {CCAP_SEX_BOTH, 15, 60},
        {CCAP_SEX_BOTH, 60, CCAP_AGE_OPEN},
        {CCAP_SEX_BOTH, 65, CCAP_AGE_OPEN},
    };
    const ccap_population *census = ccap_projection_population(t->proj, TRUTH_CENSUS_STEP);
    const char *census_note = "census communique 2020 (simulated)";
    const int base = TRUTH_BASE_YEAR;
    const size_t bc = TRUTH_BIRTHS_COUNTY + 1, pa = TRUTH_POP_COUNTY_A + 1,
                 pb = TRUTH_POP_COUNTY_B + 1;
    size_t i, k;
    int y, status = CCAP_OK;

    t->margins = ccap_margins_alloc();
    t->vitals = ccap_vitals_alloc();
    if (t->margins == NULL || t->vitals == NULL || census == NULL)
        return CCAP_ENOMEM;
    for (i = 0; i < sizeof city_margins / sizeof city_margins[0] && status == CCAP_OK; i++)
        status = ccap_margins_add(t->margins, 0, TRUTH_CENSUS_YEAR, city_margins[i].sex,
                                  city_margins[i].lo, city_margins[i].hi,
                                  truth_round(sum_at(census, 0, city_margins[i].sex,
                                                     city_margins[i].lo, city_margins[i].hi),
                                              1.0),
                                  census_note, NULL);
    for (k = 1; k < t->n_regions && status == CCAP_OK; k++)
        status =
            ccap_margins_add(t->margins, k, TRUTH_CENSUS_YEAR, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN,
                             truth_round(sum_at(census, k, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN), 1.0),
                             census_note, NULL);
    /* the city's bulletins: births 2017-2024, deaths and year-end population 2021-2024 */
    for (y = 2017; y <= 2024 && status == CCAP_OK; y++)
        status = ccap_vitals_add(t->vitals, 0, y, CCAP_VITALS_BIRTHS,
                                 truth_round(truth_calendar_events(t->proj, base, 0, y, 1), 100.0),
                                 "city bulletin (simulated), in 万 to 2 decimals", 0, NULL);
    for (y = 2021; y <= 2024 && status == CCAP_OK; y++) {
        status = ccap_vitals_add(t->vitals, 0, y, CCAP_VITALS_DEATHS,
                                 truth_round(truth_calendar_events(t->proj, base, 0, y, 0), 100.0),
                                 "city bulletin (simulated), in 万 to 2 decimals", 0, NULL);
        if (status == CCAP_OK)
            status = ccap_vitals_add(
                t->vitals, 0, y, CCAP_VITALS_POPULATION,
                truth_round(truth_year_end(t->proj, scratch, 0, y, 0, CCAP_AGE_OPEN), 100.0),
                "city bulletin (simulated), in 万 to 2 decimals", 0, NULL);
    }
    /* one county's births 2021-2024, to the ten */
    for (y = 2021; y <= 2024 && status == CCAP_OK; y++)
        status = ccap_vitals_add(t->vitals, bc, y, CCAP_VITALS_BIRTHS,
                                 truth_round(truth_calendar_events(t->proj, base, bc, y, 1), 10.0),
                                 "county bulletin (simulated)", 0, NULL);
    /* two counties' year-end populations of 2022 and 2024 */
    for (y = 2022; y <= 2024 && status == CCAP_OK; y += 2) {
        for (i = 0; i < 2 && status == CCAP_OK; i++) {
            const size_t r = i == 0 ? pa : pb;
            status = ccap_vitals_add(
                t->vitals, r, y, CCAP_VITALS_POPULATION,
                truth_round(truth_year_end(t->proj, scratch, r, y, 0, CCAP_AGE_OPEN), 100.0),
                "county bulletin (simulated), in 万 to 2 decimals", 0, NULL);
        }
    }
    return status;
}

/* For diagnosis, what no city publishes: the census margins of every county as the city's
 * (sexes, 0-14, 15-59, 60+, 65+), and every county's births 2017-2024 (to the ten),
 * deaths and year-end populations 2021-2024 (to the hundred).  The city's own figures are
 * left out of the bulletins: they are the sums, and its children from its births by reverse
 * survival would be a second, slightly different margin beside the sum of its counties'. */
static int
publish_full(truth_prefecture *t, ccap_population *scratch)
{
    static const struct {
        ccap_sex sex;
        size_t lo, hi;
    } ranges[] = {
        {CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN},
        {CCAP_SEX_MALE, 0, CCAP_AGE_OPEN},
        {CCAP_SEX_FEMALE, 0, CCAP_AGE_OPEN},
        {CCAP_SEX_BOTH, 0, 15},
        {CCAP_SEX_BOTH, 15, 60},
        {CCAP_SEX_BOTH, 60, CCAP_AGE_OPEN},
        {CCAP_SEX_BOTH, 65, CCAP_AGE_OPEN},
    };
    const ccap_population *census = ccap_projection_population(t->proj, TRUTH_CENSUS_STEP);
    const char *note = "not published (diagnosis)";
    size_t i, r;
    int y, status = CCAP_OK;

    t->margins_full = ccap_margins_alloc();
    t->vitals_full = ccap_vitals_alloc();
    if (t->margins_full == NULL || t->vitals_full == NULL)
        return CCAP_ENOMEM;
    for (r = 0; r < t->n_regions; r++) {
        const double unit = 10.0;
        for (i = 0; i < sizeof ranges / sizeof ranges[0] && status == CCAP_OK; i++)
            status = ccap_margins_add(
                t->margins_full, r, TRUTH_CENSUS_YEAR, ranges[i].sex, ranges[i].lo, ranges[i].hi,
                truth_round(sum_at(census, r, ranges[i].sex, ranges[i].lo, ranges[i].hi), 1.0),
                note, NULL);
        for (y = 2017; y <= 2024 && status == CCAP_OK && r > 0; y++)
            status = ccap_vitals_add(
                t->vitals_full, r, y, CCAP_VITALS_BIRTHS,
                truth_round(truth_calendar_events(t->proj, TRUTH_BASE_YEAR, r, y, 1), unit), note,
                0, NULL);
        for (y = 2021; y <= 2024 && status == CCAP_OK && r > 0; y++) {
            status = ccap_vitals_add(
                t->vitals_full, r, y, CCAP_VITALS_DEATHS,
                truth_round(truth_calendar_events(t->proj, TRUTH_BASE_YEAR, r, y, 0), unit), note,
                0, NULL);
            if (status == CCAP_OK)
                status = ccap_vitals_add(
                    t->vitals_full, r, y, CCAP_VITALS_POPULATION,
                    truth_round(truth_year_end(t->proj, scratch, r, y, 0, CCAP_AGE_OPEN), 100.0),
                    note, 0, NULL);
        }
    }
    return status;
}

static int
keep_truth(truth_prefecture *t, ccap_population *scratch)
{
    const size_t n = t->n_regions * TRUTH_N_YEARS;
    size_t r;
    int y;

    t->under3_nov = calloc(n, sizeof *t->under3_nov);
    t->under3_end = calloc(n, sizeof *t->under3_end);
    t->births = calloc(n, sizeof *t->births);
    if (t->under3_nov == NULL || t->under3_end == NULL || t->births == NULL)
        return CCAP_ENOMEM;
    for (r = 0; r < t->n_regions; r++) {
        for (y = TRUTH_FIRST; y <= TRUTH_LAST; y++) {
            const size_t i = r * TRUTH_N_YEARS + (size_t)(y - TRUTH_FIRST);
            t->under3_nov[i] =
                sum_at(ccap_projection_population(t->proj, (size_t)(y - TRUTH_BASE_YEAR)), r,
                       CCAP_SEX_BOTH, 0, 3);
            t->under3_end[i] = truth_year_end(t->proj, scratch, r, y, 0, 3);
            t->births[i] = truth_calendar_events(t->proj, TRUTH_BASE_YEAR, r, y, 1);
            if (!isfinite(t->under3_nov[i]) || !isfinite(t->under3_end[i]) ||
                !isfinite(t->births[i]))
                return CCAP_EINTERNAL;
        }
    }
    return CCAP_OK;
}

/* ---- the whole ---- */

static int
make_regions(truth_prefecture *t)
{
    size_t k;
    int status = ccap_regions_add(t->regions, "419900", "真值市", "Truth City", NULL, NULL);

    for (k = 0; k < t->n_counties && status == CCAP_OK; k++) {
        static const char *const kind_name[4] = {"District", "Large county", "Middle county",
                                                 "Small county"};
        char code[32], name[64];
        snprintf(code, sizeof code, "4199%02u", (unsigned)(k + 1));
        snprintf(name, sizeof name, "%s %zu", kind_name[k % 4], k + 1);
        status = ccap_regions_add(t->regions, code, name, name, "419900", NULL);
    }
    return status == CCAP_OK ? ccap_regions_finish(t->regions, NULL) : status;
}

int
truth_prefecture_make(const char *wpp_dir, const ccap_population *standard, size_t n_counties,
                      truth_prefecture **out, char *why, size_t why_size)
{
    truth_prefecture *t;
    national *n;
    ccap_rates_workspace *ws = NULL;
    ccap_population *scratch = NULL;
    ccap_diag problem;
    ccap_assumptions a;
    size_t k;
    int status;

    if (out == NULL)
        return CCAP_EINVAL;
    *out = NULL;
    if (wpp_dir == NULL || standard == NULL || n_counties < 1 || n_counties > TRUTH_COUNTIES_MAX ||
        ccap_population_n_ages(standard) != TRUTH_N_AGES ||
        ccap_population_age_width(standard) != 1)
        return fail(why, why_size, CCAP_EINVAL,
                    "need a WPP directory, 1 to %d counties and a standard of 0 ... 100+",
                    TRUTH_COUNTIES_MAX);
    t = calloc(1, sizeof *t);
    n = calloc(1, sizeof *n);
    if (t == NULL || n == NULL) {
        free(t);
        free(n);
        return fail(why, why_size, CCAP_ENOMEM, "out of memory");
    }
    t->n_counties = n_counties;
    t->n_regions = n_counties + 1;
    for (k = 0; k < n_counties; k++)
        county_params(k, &t->county[k]);
    t->regions = ccap_regions_alloc();
    status = t->regions == NULL ? CCAP_ENOMEM : make_regions(t);
    if (status != CCAP_OK) {
        fail(why, why_size, status, "regions: %s", ccap_strerror(status));
        goto done;
    }
    if ((status = read_national(wpp_dir, n, why, why_size)) != CCAP_OK ||
        (status = start_population(t, n, standard, why, why_size)) != CCAP_OK)
        goto done;
    if ((status = national_schedules(t, n)) != CCAP_OK ||
        (status = truth_schedules(t, n, standard)) != CCAP_OK) {
        fail(why, why_size, status, "schedules: %s", ccap_strerror(status));
        goto done;
    }
    t->proj = ccap_projection_alloc(t->n_regions, TRUTH_N_AGES, 1, TRUTH_STEPS);
    ws = ccap_rates_workspace_alloc(t->n_regions, TRUTH_N_AGES, 1, TRUTH_N_AGES);
    scratch = ccap_population_alloc(t->n_regions, TRUTH_N_AGES, 1);
    if (t->proj == NULL || ws == NULL || scratch == NULL) {
        status = fail(why, why_size, CCAP_ENOMEM, "out of memory");
        goto done;
    }
    memset(&a, 0, sizeof a);
    a.mortality = t->mortality;
    a.fertility = t->fertility;
    a.srb = t->srb;
    a.migration_rates = t->migration_rates;
    a.a0 = CCAP_A0_ANDREEV_KINGKADE;
    a.timing = CCAP_MIGRATION_HALF;
    /* a first step to learn the births of each county's own fertility, which set its
     * children in the start population; then the whole projection */
    if ((status = ccap_projection_init(t->proj, t->start, t->regions)) != CCAP_OK ||
        (status = ccap_projection_run(t->proj, &a, t->regions, 1, ws, &problem)) != CCAP_OK ||
        (status = children_of_fertility(t, why, why_size)) != CCAP_OK ||
        (status = ccap_projection_init(t->proj, t->start, t->regions)) != CCAP_OK ||
        (status = ccap_projection_run(t->proj, &a, t->regions, TRUTH_STEPS, ws, &problem)) !=
            CCAP_OK) {
        fail(why, why_size, status, "truth projection: %s (%s: %s)", ccap_strerror(status),
             problem.field, problem.message);
        goto done;
    }
    if ((status = publish(t, scratch)) != CCAP_OK ||
        (status = publish_full(t, scratch)) != CCAP_OK) {
        fail(why, why_size, status, "publishing: %s", ccap_strerror(status));
        goto done;
    }
    if ((status = keep_truth(t, scratch)) != CCAP_OK)
        fail(why, why_size, status, "keeping the truth: %s", ccap_strerror(status));
done:
    ccap_rates_workspace_free(ws);
    ccap_population_free(scratch);
    free(n);
    if (status != CCAP_OK) {
        truth_prefecture_free(t);
        return status;
    }
    *out = t;
    return CCAP_OK;
}

void
truth_prefecture_free(truth_prefecture *t)
{
    if (t == NULL)
        return;
    ccap_regions_free(t->regions);
    ccap_schedule_free(t->nat_mortality);
    ccap_schedule_free(t->nat_fertility);
    ccap_schedule_free(t->nat_srb);
    ccap_schedule_free(t->mortality);
    ccap_schedule_free(t->fertility);
    ccap_schedule_free(t->srb);
    ccap_schedule_free(t->migration_rates);
    ccap_population_free(t->start);
    ccap_projection_free(t->proj);
    ccap_margins_free(t->margins);
    ccap_vitals_free(t->vitals);
    ccap_margins_free(t->margins_full);
    ccap_vitals_free(t->vitals_full);
    free(t->under3_nov);
    free(t->under3_end);
    free(t->births);
    free(t);
}

/* ---- CSV files ---- */

int
truth_prefecture_write(const truth_prefecture *t, const char *dir, ccap_diag *diag)
{
    static const char *const header[] = {"region", "year", "measure", "value", "note"};
    char path[1024];
    ccap_csv_writer *w;
    size_t i;
    int status;

    snprintf(path, sizeof path, "%s/regions.csv", dir);
    if ((status = ccap_csv_write_regions(path, t->regions, diag)) != CCAP_OK)
        return status;
    snprintf(path, sizeof path, "%s/margins.csv", dir);
    if ((status = ccap_csv_write_margins(path, t->regions, t->margins, diag)) != CCAP_OK)
        return status;
    snprintf(path, sizeof path, "%s/vitals.csv", dir);
    if ((w = ccap_csv_writer_open(path, header, 5, diag)) == NULL)
        return diag != NULL ? diag->status : CCAP_EIO;
    for (i = 0; i < ccap_vitals_count(t->vitals) && status == CCAP_OK; i++) {
        ccap_vital v;
        char year[16], value[32];
        const char *fields[5];
        ccap_vitals_get(t->vitals, i, &v);
        snprintf(year, sizeof year, "%d", v.year);
        ccap_csv_writer_number(v.value, value, sizeof value);
        fields[0] = ccap_regions_code(t->regions, v.region);
        fields[1] = year;
        fields[2] = ccap_vitals_measure_name(v.measure);
        fields[3] = value;
        fields[4] = v.note;
        status = ccap_csv_writer_row(w, fields, 5);
    }
    if (status != CCAP_OK) {
        ccap_csv_writer_abort(w);
        return status;
    }
    return ccap_csv_writer_commit(w, diag);
}
