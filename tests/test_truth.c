/* SPDX-License-Identifier: GPL-3.0-or-later */
/* truth: a simulated prefecture whose future is known (truth_prefecture.c), and what it
 * publishes.  Suite "truth" holds the generator itself: the balancing equation of the
 * truth projection, the city as the sum of its counties, the schedules it was built
 * from, and the rounding of every published figure.  Suite "calibration" calibrates from
 * the published figures alone (ccap_calibrate_base(), ccap_calibrate()), projects, and
 * compares the children under 3 with the truth, city and counties, 2021-2035. */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ccap_test.h"
#include "truth_prefecture.h"

static truth_prefecture *truth4;  /* the reference case: a city and 4 counties */
static ccap_population *standard; /* standard_china_2020.csv, single years */

static const char *
wpp_dir(void)
{
    const char *dir = getenv("CCAP_TEST_WPP");
    return dir != NULL ? dir : "examples/data/wpp";
}

static ccap_population *
read_standard(void)
{
    ccap_regions *r = ccap_regions_alloc();
    ccap_population *pop = NULL;
    char path[1024];
    ccap_diag diag;

    snprintf(path, sizeof path, "%s/standard_china_2020.csv", wpp_dir());
    if (r != NULL && ccap_regions_add(r, "standard", NULL, NULL, NULL, NULL) == CCAP_OK &&
        ccap_regions_finish(r, NULL) == CCAP_OK &&
        ccap_csv_read_population(path, r, CCAP_YEAR_ANY, &pop, NULL, &diag) != CCAP_OK)
        fprintf(stderr, "%s:%lu: %s\n", path, diag.line, diag.message);
    ccap_regions_free(r);
    return pop;
}

static int
suite_init(void)
{
    char why[256] = "";
    int status;

    if ((standard = read_standard()) == NULL)
        return 1;
    status = truth_prefecture_make(wpp_dir(), standard, 4, &truth4, why, sizeof why);
    if (status != CCAP_OK) {
        fprintf(stderr, "truth_prefecture_make: %s: %s\n", ccap_strerror(status), why);
        return 1;
    }
    return 0;
}

static int
suite_clean(void)
{
    truth_prefecture_free(truth4);
    ccap_population_free(standard);
    truth4 = NULL;
    standard = NULL;
    return 0;
}

static double
total(const ccap_population *pop, size_t r, ccap_sex sex, size_t lo, size_t hi)
{
    double sum = NAN;

    ccap_population_sum_ages(pop, r, sex, lo, hi, &sum);
    return sum;
}

/* ---- the truth projection ---- */

/* P(t+1) = P(t) + B − D + M for every region, sex and step, to 1e-6 relative. */
static void
test_truth__balance(void)
{
    const truth_prefecture *t = truth4;
    double worst = 0.0;
    size_t s, r;
    int x;

    CU_ASSERT_EQUAL_FATAL(ccap_projection_steps_done(t->proj), TRUTH_STEPS);
    for (s = 1; s <= TRUTH_STEPS; s++) {
        const ccap_population *p0 = ccap_projection_population(t->proj, s - 1);
        const ccap_population *p1 = ccap_projection_population(t->proj, s);
        for (r = 0; r < t->n_regions; r++) {
            for (x = 0; x < 2; x++) {
                const double before = total(p0, r, (ccap_sex)x, 0, CCAP_AGE_OPEN);
                const double after = total(p1, r, (ccap_sex)x, 0, CCAP_AGE_OPEN);
                const double flow = ccap_projection_births(t->proj, s, r, (ccap_sex)x) -
                                    ccap_projection_deaths(t->proj, s, r, (ccap_sex)x) +
                                    ccap_projection_net_migrants(t->proj, s, r, (ccap_sex)x);
                const double e = fabs(before + flow - after) / after;
                if (e > worst)
                    worst = e;
            }
        }
    }
    printf("\n  balancing equation: largest relative residual %.2g\n", worst);
    CU_ASSERT(worst < 1e-6);
}

/* The city is the sum of its counties: population, events and the truth kept. */
static void
test_truth__city_is_sum(void)
{
    const truth_prefecture *t = truth4;
    double worst = 0.0;
    size_t s, r, i;
    int x;

    for (s = 0; s <= TRUTH_STEPS; s++) {
        const ccap_population *p = ccap_projection_population(t->proj, s);
        for (x = 0; x < 2; x++) {
            double sum = 0.0, events[3] = {0.0, 0.0, 0.0};
            for (r = 1; r < t->n_regions; r++) {
                sum += total(p, r, (ccap_sex)x, 0, CCAP_AGE_OPEN);
                if (s > 0) {
                    events[0] += ccap_projection_births(t->proj, s, r, (ccap_sex)x);
                    events[1] += ccap_projection_deaths(t->proj, s, r, (ccap_sex)x);
                    events[2] += ccap_projection_net_migrants(t->proj, s, r, (ccap_sex)x);
                }
            }
            CCAP_ASSERT_REL(total(p, 0, (ccap_sex)x, 0, CCAP_AGE_OPEN), sum, 1e-12);
            if (s > 0) {
                CCAP_ASSERT_REL(ccap_projection_births(t->proj, s, 0, (ccap_sex)x), events[0],
                                1e-12);
                CCAP_ASSERT_REL(ccap_projection_deaths(t->proj, s, 0, (ccap_sex)x), events[1],
                                1e-12);
                CU_ASSERT(fabs(ccap_projection_net_migrants(t->proj, s, 0, (ccap_sex)x) -
                               events[2]) <= 1e-9 * sum);
            }
        }
    }
    for (i = 0; i < TRUTH_N_YEARS; i++) {
        double nov = 0.0, end = 0.0, births = 0.0;
        for (r = 1; r < t->n_regions; r++) {
            nov += t->under3_nov[r * TRUTH_N_YEARS + i];
            end += t->under3_end[r * TRUTH_N_YEARS + i];
            births += t->births[r * TRUTH_N_YEARS + i];
        }
        CCAP_ASSERT_REL(t->under3_nov[i], nov, 1e-12);
        CCAP_ASSERT_REL(t->births[i], births, 1e-12);
        /* interpolation is cell by cell, exponential: the city's cells interpolate
         * sums, close to the sum of the interpolated counties but not equal */
        if (fabs(t->under3_end[i] / end - 1.0) > worst)
            worst = fabs(t->under3_end[i] / end - 1.0);
    }
    printf("\n  city under 3 at year end against the sum of its counties: %.2g\n", worst);
    CU_ASSERT(worst < 1e-4);
}

/* The schedules are those documented: fertility = national × the county's factor, the
 * national blend of two calendar years; mortality = national × level; migration =
 * level × profile, the profile averaging 1 over the standard. */
static void
test_truth__schedules(void)
{
    const truth_prefecture *t = truth4;
    const double *v, *n0, *n1, *m, *nm;
    double mean = 0.0, weight = 0.0;
    size_t k, g, x;

    for (k = 0; k < t->n_counties; k++) {
        const truth_county *c = &t->county[k];
        /* the step starting 2019-11-01: 2/12 of 2019, 10/12 of 2020 */
        const double f19 = c->fert_2015 + (c->fert_2024 - c->fert_2015) * 4.0 / 9.0;
        const double f20 = c->fert_2015 + (c->fert_2024 - c->fert_2015) * 5.0 / 9.0;
        CU_ASSERT_EQUAL_FATAL(
            ccap_schedule_find(t->fertility, k + 1, 2019, CCAP_SEX_BOTH, &v, NULL), CCAP_OK);
        CU_ASSERT_EQUAL_FATAL(
            ccap_schedule_find(t->nat_fertility, k + 1, 2019, CCAP_SEX_BOTH, &n0, NULL), CCAP_OK);
        CU_ASSERT_EQUAL_FATAL(
            ccap_schedule_find(t->nat_fertility, k + 1, 2020, CCAP_SEX_BOTH, &n1, NULL), CCAP_OK);
        for (g = 0; g < ccap_schedule_n_ages(t->fertility); g++)
            CCAP_ASSERT_REL(v[g], (2.0 * n0[g] * f19 + 10.0 * n1[g] * f20) / 12.0, 1e-12);
        /* mortality of the step starting 2030-11-01: at its midpoint 2031 + 4/12, 23/30
         * of the way from the midpoint of 2025-2029 (2027.5) to that of 2030-2034 */
        CU_ASSERT_EQUAL_FATAL(
            ccap_schedule_find(t->mortality, k + 1, 2030, CCAP_SEX_MALE, &m, NULL), CCAP_OK);
        CU_ASSERT_EQUAL_FATAL(
            ccap_schedule_find(t->nat_mortality, k + 1, 2025, CCAP_SEX_MALE, &n0, NULL), CCAP_OK);
        CU_ASSERT_EQUAL_FATAL(
            ccap_schedule_find(t->nat_mortality, k + 1, 2030, CCAP_SEX_MALE, &nm, NULL), CCAP_OK);
        CCAP_ASSERT_REL(m[40], c->mort_level * pow(n0[40], 7.0 / 30.0) * pow(nm[40], 23.0 / 30.0),
                        1e-12);
        /* before the first midpoint (2007.5), the first period's */
        CU_ASSERT_EQUAL_FATAL(
            ccap_schedule_find(t->mortality, k + 1, 2005, CCAP_SEX_FEMALE, &m, NULL), CCAP_OK);
        CU_ASSERT_EQUAL_FATAL(
            ccap_schedule_find(t->nat_mortality, k + 1, 2005, CCAP_SEX_FEMALE, &nm, NULL), CCAP_OK);
        CCAP_ASSERT_REL(m[70], c->mort_level * nm[70], 1e-12);
        /* migration */
        CU_ASSERT_EQUAL_FATAL(
            ccap_schedule_find(t->migration_rates, k + 1, 2014, CCAP_SEX_FEMALE, &v, NULL),
            CCAP_OK);
        CCAP_ASSERT_REL(v[21], c->mig_before / 1000.0 * t->profile[21], 1e-12);
        CU_ASSERT_EQUAL_FATAL(
            ccap_schedule_find(t->migration_rates, k + 1, 2015, CCAP_SEX_MALE, &v, NULL), CCAP_OK);
        CCAP_ASSERT_REL(v[21], c->mig_after / 1000.0 * t->profile[21], 1e-12);
    }
    for (x = 0; x < TRUTH_N_AGES; x++) {
        const double p = ccap_population_get(standard, 0, CCAP_SEX_FEMALE, x) +
                         ccap_population_get(standard, 0, CCAP_SEX_MALE, x);
        mean += t->profile[x] * p;
        weight += p;
    }
    CCAP_ASSERT_REL(mean / weight, 1.0, 1e-12);
    /* a labour peak at 20-21, returns in the 40s-50s (negative), children leaving */
    for (x = 0; x < 60; x++)
        CU_ASSERT(t->profile[x] <= t->profile[21] || x == 20);
    CU_ASSERT(t->profile[50] < 0.0);
    CU_ASSERT(t->profile[1] > 0.0);
}

/* ---- what is published ---- */

static void
test_truth__published(void)
{
    const truth_prefecture *t = truth4;
    const ccap_population *census = ccap_projection_population(t->proj, TRUTH_CENSUS_STEP);
    ccap_population *scratch = ccap_population_alloc(t->n_regions, TRUTH_N_AGES, 1);
    ccap_margins_report *report = NULL;
    double city = NAN, sum = NAN;
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(scratch);
    /* 7 margins of the city, one of each county, whole persons within 0.5 of the truth */
    CU_ASSERT_EQUAL(ccap_margins_count(t->margins), 7 + t->n_counties);
    for (i = 0; i < ccap_margins_count(t->margins); i++) {
        ccap_margin m;
        ccap_margins_get(t->margins, i, &m);
        CU_ASSERT_EQUAL(m.year, TRUTH_CENSUS_YEAR);
        CU_ASSERT_DOUBLE_EQUAL(m.value, floor(m.value), 0.0);
        CU_ASSERT(fabs(m.value - total(census, m.region, m.sex, m.age_lo, m.age_hi)) <= 0.5);
    }
    /* they do not add up exactly, but within rounding: reconcile would accept them */
    CU_ASSERT_EQUAL(ccap_margins_find(t->margins, 0, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, &city),
                    CCAP_OK);
    CU_ASSERT_EQUAL(ccap_margins_children_sum(t->margins, t->regions, 0, 2020, CCAP_SEX_BOTH, 0,
                                              CCAP_AGE_OPEN, &sum),
                    CCAP_OK);
    printf("\n  census: city %.0f, sum of counties %.0f (%+.0f)\n", city, sum, sum - city);
    CU_ASSERT(fabs(sum - city) <= 0.5 * (double)t->n_counties + 0.5);
    CU_ASSERT_EQUAL(ccap_margins_check(t->margins, t->regions, 2020, &report, NULL), CCAP_OK);
    CU_ASSERT(ccap_margins_report_count(report) >= 3);
    CU_ASSERT_EQUAL(ccap_margins_report_n_disagree(report), 0);
    ccap_margins_report_free(report);

    /* 8 + 4 + 4 + 4 + 4 figures, each within half its unit of the truth */
    CU_ASSERT_EQUAL(ccap_vitals_count(t->vitals), 24);
    for (i = 0; i < ccap_vitals_count(t->vitals); i++) {
        ccap_vital v;
        double exact, unit;
        ccap_vitals_get(t->vitals, i, &v);
        unit =
            v.region == TRUTH_BIRTHS_COUNTY + 1 && v.measure == CCAP_VITALS_BIRTHS ? 10.0 : 100.0;
        exact = v.measure == CCAP_VITALS_POPULATION
                    ? truth_year_end(t->proj, scratch, v.region, v.year, 0, CCAP_AGE_OPEN)
                    : truth_calendar_events(t->proj, TRUTH_BASE_YEAR, v.region, v.year,
                                            v.measure == CCAP_VITALS_BIRTHS);
        CU_ASSERT_DOUBLE_EQUAL(v.value, unit * floor(v.value / unit + 0.5), 0.0);
        CU_ASSERT(fabs(v.value - exact) <= 0.5 * unit);
        CU_ASSERT(v.year >= 2017 && v.year <= 2024);
    }
    /* the diagnosis set: every county as detailed as the city, within rounding too */
    CU_ASSERT_EQUAL(ccap_margins_count(t->margins_full), 7 * t->n_regions);
    CU_ASSERT_EQUAL(ccap_vitals_count(t->vitals_full), 16 * t->n_counties);
    CU_ASSERT_EQUAL(ccap_margins_check(t->margins_full, t->regions, 2020, &report, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_margins_report_n_disagree(report), 0);
    ccap_margins_report_free(report);
    for (i = 0; i < ccap_vitals_count(t->vitals_full); i++) {
        ccap_vital v;
        double exact;
        ccap_vitals_get(t->vitals_full, i, &v);
        exact = v.measure == CCAP_VITALS_POPULATION
                    ? truth_year_end(t->proj, scratch, v.region, v.year, 0, CCAP_AGE_OPEN)
                    : truth_calendar_events(t->proj, TRUTH_BASE_YEAR, v.region, v.year,
                                            v.measure == CCAP_VITALS_BIRTHS);
        CU_ASSERT(fabs(v.value - exact) <= 50.0);
    }
    ccap_population_free(scratch);
}

/* Calendar-year events are the overlapping shares of the steps; a year-end population
 * lies between its two November neighbours. */
static void
test_truth__calendar(void)
{
    const truth_prefecture *t = truth4;
    ccap_population *scratch = ccap_population_alloc(t->n_regions, TRUTH_N_AGES, 1);
    const size_t s23 = 2023 - TRUTH_BASE_YEAR + 1, s24 = s23 + 1;
    double b, p, nov24, nov25;

    CU_ASSERT_PTR_NOT_NULL_FATAL(scratch);
    b = (10.0 * (ccap_projection_births(t->proj, s23, 2, CCAP_SEX_FEMALE) +
                 ccap_projection_births(t->proj, s23, 2, CCAP_SEX_MALE)) +
         2.0 * (ccap_projection_births(t->proj, s24, 2, CCAP_SEX_FEMALE) +
                ccap_projection_births(t->proj, s24, 2, CCAP_SEX_MALE))) /
        12.0;
    CCAP_ASSERT_REL(truth_calendar_events(t->proj, TRUTH_BASE_YEAR, 2, 2024, 1), b, 1e-14);
    CU_ASSERT(isnan(truth_calendar_events(t->proj, TRUTH_BASE_YEAR, 2, 2005, 1)));
    p = truth_year_end(t->proj, scratch, 0, 2024, 0, CCAP_AGE_OPEN);
    nov24 = total(ccap_projection_population(t->proj, 2024 - TRUTH_BASE_YEAR), 0, CCAP_SEX_BOTH, 0,
                  CCAP_AGE_OPEN);
    nov25 = total(ccap_projection_population(t->proj, 2025 - TRUTH_BASE_YEAR), 0, CCAP_SEX_BOTH, 0,
                  CCAP_AGE_OPEN);
    CU_ASSERT(p < fmax(nov24, nov25) && p > fmin(nov24, nov25));
    CU_ASSERT(isnan(truth_year_end(t->proj, scratch, 0, 2036, 0, 3)));
    CCAP_ASSERT_REL(truth_round(1234.5, 10.0), 1230.0, 0.0);
    CCAP_ASSERT_REL(truth_round(1235.0, 10.0), 1240.0, 0.0);
    CCAP_ASSERT_REL(truth_round(-1235.0, 10.0), -1240.0, 0.0);
    ccap_population_free(scratch);
}

/*
 * A plausible prefecture: counties of 0.3 to 1.5 million at the census, births falling
 * after 2017 and children under 3 with them, the city's crude net migration near the
 * levels chosen.  The table is printed for the record.
 */
static void
test_truth__plausible(void)
{
    const truth_prefecture *t = truth4;
    const ccap_population *census = ccap_projection_population(t->proj, TRUTH_CENSUS_STEP);
    const ccap_population *p2005 = ccap_projection_population(t->proj, 0);
    const ccap_population *p2035 = ccap_projection_population(t->proj, 30);
    size_t r, i;

    printf("\n  region     2005-11   2020-11   2035-11   0-14 %%  60+ %%  TFR 2024  "
           "mig/1000 2021-24\n");
    for (r = 0; r < t->n_regions; r++) {
        const double pop = total(census, r, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN);
        double mig = 0.0, mean = 0.0, tfr = 0.0;
        const double *f;
        size_t s, g;
        for (s = 2021 - TRUTH_BASE_YEAR + 1; s <= 2024 - TRUTH_BASE_YEAR + 1; s++) {
            mig += ccap_projection_net_migrants(t->proj, s, r, CCAP_SEX_FEMALE) +
                   ccap_projection_net_migrants(t->proj, s, r, CCAP_SEX_MALE);
            mean += total(ccap_projection_population(t->proj, s - 1), r, CCAP_SEX_BOTH, 0,
                          CCAP_AGE_OPEN);
        }
        if (r > 0 &&
            ccap_schedule_find(t->fertility, r, 2024, CCAP_SEX_BOTH, &f, NULL) == CCAP_OK) {
            for (g = 0; g < ccap_schedule_n_ages(t->fertility); g++)
                tfr += 5.0 * f[g];
        }
        printf("  %-8s %9.0f %9.0f %9.0f  %5.1f  %5.1f  %8.3f  %6.2f\n",
               ccap_regions_code(t->regions, r), total(p2005, r, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN),
               pop, total(p2035, r, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN),
               100.0 * total(census, r, CCAP_SEX_BOTH, 0, 15) / pop,
               100.0 * total(census, r, CCAP_SEX_BOTH, 60, CCAP_AGE_OPEN) / pop, tfr,
               1000.0 * mig / mean);
        if (r > 0) {
            CU_ASSERT(pop >= 3e5 && pop <= 1.5e6);
            /* the crude rate follows the level, within what the age structure moves it */
            CU_ASSERT(fabs(1000.0 * mig / mean - t->county[r - 1].mig_after) <
                      0.4 * fabs(t->county[r - 1].mig_after));
        }
    }
    printf("\n  year  city births  under 3 (11-01)  under 3 (year end)  county births\n");
    for (i = 0; i < 4; i++)
        printf("  %d  %10.0f\n", 2017 + (int)i,
               truth_calendar_events(t->proj, TRUTH_BASE_YEAR, 0, 2017 + (int)i, 1));
    for (i = 0; i < TRUTH_N_YEARS; i++) {
        printf("  %d  %10.0f  %15.0f  %18.0f  ", TRUTH_FIRST + (int)i, t->births[i],
               t->under3_nov[i], t->under3_end[i]);
        for (r = 1; r < t->n_regions; r++)
            printf(" %7.0f", t->births[r * TRUTH_N_YEARS + i]);
        printf("\n");
        CU_ASSERT(t->under3_nov[i] > 0.0 && t->births[i] > 0.0);
    }
    /* births fall from 2017 to 2024, and the children under 3 from 2021 to 2025 */
    CU_ASSERT(truth_calendar_events(t->proj, TRUTH_BASE_YEAR, 0, 2024, 1) <
              0.75 * truth_calendar_events(t->proj, TRUTH_BASE_YEAR, 0, 2017, 1));
    CU_ASSERT(t->under3_nov[4] < t->under3_nov[0]);
}

/* The same call gives the same prefecture, to the bit. */
static void
test_truth__deterministic(void)
{
    truth_prefecture *again = NULL;
    char why[256];
    size_t i;

    CU_ASSERT_EQUAL_FATAL(truth_prefecture_make(wpp_dir(), standard, 4, &again, why, sizeof why),
                          CCAP_OK);
    CU_ASSERT_EQUAL(ccap_vitals_count(again->vitals), ccap_vitals_count(truth4->vitals));
    for (i = 0; i < ccap_vitals_count(again->vitals); i++) {
        ccap_vital a, b;
        ccap_vitals_get(again->vitals, i, &a);
        ccap_vitals_get(truth4->vitals, i, &b);
        CU_ASSERT(memcmp(&a.value, &b.value, sizeof a.value) == 0 && a.year == b.year &&
                  a.region == b.region);
    }
    CU_ASSERT(memcmp(again->under3_nov, truth4->under3_nov,
                     truth4->n_regions * TRUTH_N_YEARS * sizeof *again->under3_nov) == 0);
    truth_prefecture_free(again);
}

/* The published figures as CSV files the library reads back. */
static void
test_truth__files(void)
{
    char dir[1024], path[1100];
    ccap_regions *regions = NULL;
    ccap_margins *margins = NULL;
    ccap_vitals *vitals = NULL;
    ccap_diag diag;

    ccap_test_tmp(dir, sizeof dir, "truth-prefecture");
    CU_ASSERT_FATAL(mkdir(dir, 0755) == 0 || errno == EEXIST);
    CU_ASSERT_EQUAL_FATAL(truth_prefecture_write(truth4, dir, &diag), CCAP_OK);
    snprintf(path, sizeof path, "%s/regions.csv", dir);
    CU_ASSERT_EQUAL_FATAL(ccap_csv_read_regions(path, &regions, NULL, &diag), CCAP_OK);
    snprintf(path, sizeof path, "%s/margins.csv", dir);
    CU_ASSERT_EQUAL(ccap_csv_read_margins(path, regions, &margins, NULL, &diag), CCAP_OK);
    snprintf(path, sizeof path, "%s/vitals.csv", dir);
    CU_ASSERT_EQUAL(ccap_csv_read_vitals(path, regions, &vitals, NULL, &diag), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_margins_count(margins), ccap_margins_count(truth4->margins));
    CU_ASSERT_EQUAL(ccap_vitals_count(vitals), ccap_vitals_count(truth4->vitals));
    ccap_vitals_free(vitals);
    ccap_margins_free(margins);
    ccap_regions_free(regions);
}

/* ==== calibration against the truth ====
 *
 * The calibrator sees what the prefecture publishes (the census margins and the
 * bulletins' figures), the standard age pattern (standard_china_2020.csv) and the national
 * paths the truth was built from (truth_prefecture.nat_*): not the counties' fertility
 * factors, mortality levels, migration levels nor the migration age profile.  From those
 * alone: ccap_calibrate_base() → ccap_calibrate() → ccap_projection_run() of 15 steps with
 * ccap_calibration_assumptions(), and the children under 3 on every 1 November 2021-2035
 * compared with the truth, city and counties.
 *
 * Measured, with the smooth base of ccap_calibrate_base() (ccap_graduate_base_smooth()):
 * the city within 1.12 % every year (worst 2030), the counties within 8.4 % to 19.6 %
 * (worst 2035); see the tables the tests print.  With a raked base
 * (ccap_graduate_base_from_margins()) the city was within 3.06 %, the counties 10.7 % to
 * 21.0 %.
 * The counties' errors are those of what is published, not of the method:
 * test_calibration__components takes them apart by giving the calibrator more (every
 * county's margins and bulletins) or the truth's own parts, one at a time:
 *   - with every county's bulletins and the truth's base, the counties come within
 *     6.1 % and the city 2.9 %; projecting then with the truth's migration rates instead
 *     of the calibrated ones brings every region within 1 %: what remains is the
 *     migration AGE PROFILE (the calibrator's sending profile peaks at 23.5 with a
 *     quarter of Rogers-Castro's children, the truth's at 21 with half);
 *   - fertility and mortality, once a region publishes births and deaths, add little:
 *     swapping in the truth's changes the errors by at most 1.0 and 0.01 point;
 *   - as published, three counties publish no births and two no population: they share
 *     the city's residual fertility factor (0.80, 1.00 and 1.08 in the truth) and
 *     migration rate, and have only their census totals, so the base gives each the
 *     city's age structure (20-34 year-olds off by -8 % to +27 %).
 */

#define CAL_STEPS TRUTH_N_YEARS /* 2020-11-01 → 2035-11-01 */

/* Bounds, from the measured errors above: */
#define CITY_BOUND 0.02        /* the city, as published: measured 1.12 % */
#define COUNTY_BOUND 0.25      /* each county, as published: measured 19.6 % */
#define FULL_COUNTY_BOUND 0.10 /* each region with every county's figures: 7.9 % */
#define METHOD_BOUND                                                                               \
    0.015 /* truth's base and migration, every county's bulletins:                                 \
             0.96 % */
/* No cliff in the base: the change from one single year to the next at ages 12-17 and
 * 57-67 (where the margins' ranges 0-14, 15-59, 60+ and 65+ meet) at most the truth's own
 * change plus 3 points.  The smooth base of ccap_calibrate_base() (ccap_graduate_base_smooth())
 * stays within 2.5 points of it; a raked base steps by +4.7 % from 14 to 15 (truth -0.1 %) and
 * +11.9 % from 59 to 60 (truth -4.6 %). */
#define CLIFF_MARGIN 0.03

/* What the calibrator is given, and truth components swapped in to find what drives an
 * error. */
enum {
    SWAP_BASE = 1,      /* calibrate from the truth's census population */
    SWAP_FERTILITY = 2, /* project with the truth's fertility rates */
    SWAP_MORTALITY = 4, /* ... death rates */
    SWAP_MIGRATION = 8, /* ... migration rates (levels and profile) */
    INFO_MARGINS = 16,  /* + every county's census margins as detailed as the city's */
    INFO_VITALS = 32,   /* + every county's births, deaths and year-end populations */
    PROFILE_RC = 64     /* the calibrator's Rogers-Castro profile instead of its default */
};

typedef struct calibrated {
    ccap_population *base; /* 2020-11-01, estimated (or the truth's, SWAP_BASE) */
    ccap_calibration *cal;
    ccap_projection *proj;                            /* CAL_STEPS steps from the base */
    double under3[TRUTH_COUNTIES_MAX + 1][CAL_STEPS]; /* on 1 November 2021 ... 2035 */
    size_t n_warnings;
} calibrated;

static calibrated *cal4; /* the 4-county prefecture as published, nothing swapped */

static void
count_warning(const ccap_diag *warning, void *data)
{
    calibrated *c = data;

    c->n_warnings++;
    if (getenv("CCAP_TEST_VERBOSE") != NULL)
        printf("  warning: %s: %s\n", warning->field, warning->message);
}

static void
calibrated_free(calibrated *c)
{
    if (c == NULL)
        return;
    ccap_population_free(c->base);
    ccap_calibration_free(c->cal);
    ccap_projection_free(c->proj);
    free(c);
}

static void
options_of(ccap_calibrate_options *o, calibrated *c, int flags)
{
    ccap_calibrate_options_init(o);
    if (flags & PROFILE_RC)
        o->profile = CCAP_CALIBRATE_PROFILE_ROGERS_CASTRO;
    o->last_year = TRUTH_LAST;
    o->warn = count_warning;
    o->warn_data = c;
}

/* The base population: ccap_calibrate_base() on a copy of the margins (it reconciles
 * them and adds the children from births). */
static int
estimate_base(const truth_prefecture *t, int flags, const ccap_calibrate_options *o,
              ccap_population **out, ccap_diag *diag)
{
    const ccap_margins *published = flags & INFO_MARGINS ? t->margins_full : t->margins;
    const ccap_vitals *vitals = flags & INFO_VITALS ? t->vitals_full : t->vitals;
    const ccap_calibrate_national national = {t->nat_mortality, t->nat_fertility, t->nat_srb};
    const ccap_date census = {TRUTH_CENSUS_YEAR, 11, 1};
    ccap_margins *m = ccap_margins_alloc();
    size_t i;
    int status = m == NULL ? CCAP_ENOMEM : CCAP_OK;

    for (i = 0; i < ccap_margins_count(published) && status == CCAP_OK; i++) {
        ccap_margin g;
        ccap_margins_get(published, i, &g);
        status =
            ccap_margins_add(m, g.region, g.year, g.sex, g.age_lo, g.age_hi, g.value, g.note, NULL);
    }
    if (status == CCAP_OK)
        status = ccap_calibrate_base(t->regions, m, TRUTH_CENSUS_YEAR, census, standard, vitals,
                                     &national, o, out, NULL, diag);
    ccap_margins_free(m);
    return status;
}

static int
truth_base(const truth_prefecture *t, ccap_population **out)
{
    const ccap_population *truth = ccap_projection_population(t->proj, TRUTH_CENSUS_STEP);
    ccap_population *base = ccap_population_alloc(t->n_regions, TRUTH_N_AGES, 1);
    size_t r;
    int x, status = base == NULL ? CCAP_ENOMEM : CCAP_OK;

    for (r = 0; r < t->n_regions && status == CCAP_OK; r++) {
        for (x = 0; x < 2 && status == CCAP_OK; x++)
            status = ccap_population_set_values(
                base, r, (ccap_sex)x, ccap_population_values(truth, r, (ccap_sex)x), TRUTH_N_AGES);
    }
    if (status == CCAP_OK)
        status = ccap_population_set_date(base, ccap_population_date(truth));
    if (status != CCAP_OK) {
        ccap_population_free(base);
        base = NULL;
    }
    *out = base;
    return status;
}

/* Calibrate as @p flags say, project CAL_STEPS steps, keep the children under 3. */
static int
calibrate(const truth_prefecture *t, int flags, calibrated **out)
{
    const ccap_calibrate_national national = {t->nat_mortality, t->nat_fertility, t->nat_srb};
    calibrated *c = calloc(1, sizeof *c);
    ccap_calibrate_options o;
    ccap_rates_workspace *ws = NULL;
    ccap_diag problem;
    ccap_assumptions a;
    ccap_diag diag;
    size_t r, s;
    int status;

    *out = NULL;
    if (c == NULL)
        return CCAP_ENOMEM;
    options_of(&o, c, flags);
    memset(&diag, 0, sizeof diag);
    status =
        flags & SWAP_BASE ? truth_base(t, &c->base) : estimate_base(t, flags, &o, &c->base, &diag);
    if (status != CCAP_OK) {
        printf("\n  base: %s: %s\n", ccap_strerror(status), diag.message);
        calibrated_free(c);
        return status;
    }
    status = ccap_calibrate(t->regions, c->base, flags & INFO_VITALS ? t->vitals_full : t->vitals,
                            &national, &o, &c->cal, &diag);
    if (status != CCAP_OK) {
        printf("\n  calibrate: %s: %s: %s\n", ccap_strerror(status), diag.field, diag.message);
        calibrated_free(c);
        return status;
    }
    ccap_calibration_assumptions(c->cal, &a);
    if (flags & SWAP_FERTILITY)
        a.fertility = t->fertility;
    if (flags & SWAP_MORTALITY)
        a.mortality = t->mortality;
    if (flags & SWAP_MIGRATION)
        a.migration_rates = t->migration_rates;
    c->proj = ccap_projection_alloc(t->n_regions, TRUTH_N_AGES, 1, CAL_STEPS);
    ws = ccap_rates_workspace_alloc(t->n_regions, TRUTH_N_AGES, 1, TRUTH_N_AGES);
    status = c->proj == NULL || ws == NULL ? CCAP_ENOMEM
                                           : ccap_projection_init(c->proj, c->base, t->regions);
    if (status == CCAP_OK)
        status = ccap_projection_run(c->proj, &a, t->regions, CAL_STEPS, ws, &problem);
    ccap_rates_workspace_free(ws);
    if (status != CCAP_OK) {
        printf("\n  projection: %s (%s: %s)\n", ccap_strerror(status), problem.field,
               problem.message);
        calibrated_free(c);
        return status;
    }
    for (r = 0; r < t->n_regions; r++) {
        for (s = 0; s < CAL_STEPS; s++)
            c->under3[r][s] =
                total(ccap_projection_population(c->proj, s + 1), r, CCAP_SEX_BOTH, 0, 3);
    }
    *out = c;
    return CCAP_OK;
}

/* calibrated / truth − 1 of the children under 3 of region r on 1 November 2021 + s. */
static double
error_of(const truth_prefecture *t, const calibrated *c, size_t r, size_t s)
{
    return c->under3[r][s] / t->under3_nov[r * TRUTH_N_YEARS + s] - 1.0;
}

/* The largest |error| of region r over 2021-2035. */
static double
worst_of(const truth_prefecture *t, const calibrated *c, size_t r)
{
    double w = 0.0;
    size_t s;

    for (s = 0; s < CAL_STEPS; s++)
        w = fmax(w, fabs(error_of(t, c, r, s)));
    return w;
}

static int
calibration_init(void)
{
    if (suite_init() != 0)
        return 1;
    return calibrate(truth4, 0, &cal4) == CCAP_OK ? 0 : 1;
}

static int
calibration_clean(void)
{
    calibrated_free(cal4);
    cal4 = NULL;
    return suite_clean();
}

/* The calibration meets every figure it fitted; births before the base made the base. */
static void
test_calibration__fits(void)
{
    const calibrated *c = cal4;
    size_t i, n_fitted = 0;

    CU_ASSERT_EQUAL(ccap_calibration_count(c->cal), ccap_vitals_count(truth4->vitals));
    printf("\n  figure                     published        model   use\n");
    for (i = 0; i < ccap_calibration_count(c->cal); i++) {
        ccap_calibration_row row;
        CU_ASSERT_EQUAL_FATAL(ccap_calibration_get(c->cal, i, &row), CCAP_OK);
        printf("  %-6s %d %-11s %12.0f %12.1f   %s\n",
               ccap_regions_code(truth4->regions, row.region), row.year,
               ccap_vitals_measure_name(row.measure), row.published, row.model,
               row.use == CCAP_CALIBRATION_FITTED    ? "fitted"
               : row.use == CCAP_CALIBRATION_CHECKED ? "checked"
               : row.use == CCAP_CALIBRATION_BASE    ? "base"
                                                     : "unused");
        if (row.use == CCAP_CALIBRATION_FITTED) {
            n_fitted++;
            CCAP_ASSERT_REL(row.model, row.published, 1e-6);
        } else {
            /* births 2017-2020, before the base: they made the base's children (ages 0-2
             * by reverse survival) and anchor the fertility factor; a projection from the
             * base cannot give them, so they carry no model value */
            CU_ASSERT_EQUAL(row.use, CCAP_CALIBRATION_BASE);
            CU_ASSERT(row.year <= TRUTH_CENSUS_YEAR && row.measure == CCAP_VITALS_BIRTHS);
            CU_ASSERT(isnan(row.model));
        }
    }
    CU_ASSERT_EQUAL(n_fitted, 20);
}

/* With every part swapped for the truth's (base, fertility, mortality, migration), the
 * harness reproduces the truth: what the other comparisons measure is the calibration. */
static void
test_calibration__harness(void)
{
    calibrated *c = NULL;
    size_t r;

    CU_ASSERT_EQUAL_FATAL(
        calibrate(truth4, SWAP_BASE | SWAP_FERTILITY | SWAP_MORTALITY | SWAP_MIGRATION, &c),
        CCAP_OK);
    for (r = 0; r < truth4->n_regions; r++)
        CU_ASSERT(worst_of(truth4, c, r) < 1e-9);
    calibrated_free(c);
}

/* The children under 3 on every 1 November 2021-2035, calibrated against the truth; the
 * city's at the end of the year and its births beside them. */
static void
test_calibration__under3(void)
{
    const truth_prefecture *t = truth4;
    const calibrated *c = cal4;
    ccap_population *scratch = ccap_population_alloc(t->n_regions, TRUTH_N_AGES, 1);
    size_t r, s;

    CU_ASSERT_PTR_NOT_NULL_FATAL(scratch);
    printf("\n  children under 3 on 1 November: calibrated / truth - 1, per cent\n");
    printf("  year  city truth    city");
    for (r = 1; r < t->n_regions; r++)
        printf("  %s", ccap_regions_code(t->regions, r));
    printf("   city: under 3 at year end, births\n");
    for (s = 0; s < CAL_STEPS; s++) {
        const int y = TRUTH_FIRST + (int)s;
        printf("  %d  %10.0f  %+6.2f", y, t->under3_nov[s], 100.0 * error_of(t, c, 0, s));
        for (r = 1; r < t->n_regions; r++)
            printf("  %+6.2f", 100.0 * error_of(t, c, r, s));
        if (y < TRUTH_LAST)
            printf("   %+6.2f  %+6.2f",
                   100.0 * (truth_year_end(c->proj, scratch, 0, y, 0, 3) / t->under3_end[s] - 1.0),
                   100.0 *
                       (truth_calendar_events(c->proj, TRUTH_CENSUS_YEAR, 0, y, 1) / t->births[s] -
                        1.0));
        printf("\n");
        CU_ASSERT(fabs(error_of(t, c, 0, s)) <= CITY_BOUND);
        for (r = 1; r < t->n_regions; r++)
            CU_ASSERT(fabs(error_of(t, c, r, s)) <= COUNTY_BOUND);
    }
    printf("  worst             %6.2f", 100.0 * worst_of(t, c, 0));
    for (r = 1; r < t->n_regions; r++)
        printf("  %6.2f", 100.0 * worst_of(t, c, r));
    printf("   (bounds: city %.0f, counties %.0f)\n", 100.0 * CITY_BOUND, 100.0 * COUNTY_BOUND);
    ccap_population_free(scratch);
}

/* The estimated base population against the truth at the census, by broad age. */
static void
test_calibration__base(void)
{
    static const size_t groups[][2] = {{0, 3},   {3, 15},  {15, 20},           {20, 35},
                                       {35, 60}, {60, 65}, {65, CCAP_AGE_OPEN}};
    const truth_prefecture *t = truth4;
    const ccap_population *truth = ccap_projection_population(t->proj, TRUTH_CENSUS_STEP);
    size_t r, g;

    printf("\n  base 2020-11-01: estimated / truth - 1, per cent, by age\n  region  ");
    for (g = 0; g < sizeof groups / sizeof groups[0]; g++)
        printf(groups[g][1] == CCAP_AGE_OPEN ? "   %2zu+  " : " %2zu-%-2zu  ", groups[g][0],
               groups[g][1] - 1);
    printf("\n");
    for (r = 0; r < t->n_regions; r++) {
        printf("  %s ", ccap_regions_code(t->regions, r));
        for (g = 0; g < sizeof groups / sizeof groups[0]; g++) {
            const double e = total(cal4->base, r, CCAP_SEX_BOTH, groups[g][0], groups[g][1]) /
                                 total(truth, r, CCAP_SEX_BOTH, groups[g][0], groups[g][1]) -
                             1.0;
            printf(" %+6.2f ", 100.0 * e);
            if (r == 0 && groups[g][0] >= 60)
                CU_ASSERT(fabs(e) < 1e-6); /* 60-64 and 65+ are the city's margins */
        }
        printf("\n");
    }
}

/* No cliff from the method: the change from one single year of the estimated base to
 * the next at ages 12-17 and 57-67 at most the truth's own change + CLIFF_MARGIN. */
static void
test_calibration__base_no_cliff(void)
{
    static const size_t edges[][2] = {{12, 17}, {57, 67}};
    const truth_prefecture *t = truth4;
    const ccap_population *truth = ccap_projection_population(t->proj, TRUTH_CENSUS_STEP);
    const ccap_population *base = cal4->base;
    double worst_excess = -1.0;
    size_t r, e, a, at = 0, at_region = 0;

    for (r = 0; r < t->n_regions; r++) {
        for (e = 0; e < 2; e++) {
            for (a = edges[e][0]; a < edges[e][1]; a++) {
                const double jb = fabs(total(base, r, CCAP_SEX_BOTH, a + 1, a + 2) /
                                           total(base, r, CCAP_SEX_BOTH, a, a + 1) -
                                       1.0);
                const double jt = fabs(total(truth, r, CCAP_SEX_BOTH, a + 1, a + 2) /
                                           total(truth, r, CCAP_SEX_BOTH, a, a + 1) -
                                       1.0);
                if (jb - jt > worst_excess) {
                    worst_excess = jb - jt;
                    at = a;
                    at_region = r;
                }
                if (getenv("CCAP_TEST_VERBOSE") != NULL)
                    printf("\n    %s %zu->%zu: estimated %5.2f %%, truth %5.2f %%",
                           ccap_regions_code(t->regions, r), a, a + 1, 100.0 * jb, 100.0 * jt);
                CU_ASSERT(jb <= jt + CLIFF_MARGIN);
            }
        }
    }
    printf("\n  largest change beyond the truth's: %+.2f points, %s, age %zu to %zu "
           "(allowed %.0f)\n",
           100.0 * worst_excess, ccap_regions_code(t->regions, at_region), at, at + 1,
           100.0 * CLIFF_MARGIN);
}

/* What drives the errors: the calibrator given more than is published, or the truth's
 * own parts, one at a time (see the comment at the top of this section). */
static void
test_calibration__components(void)
{
    static const struct {
        int flags;
        const char *name;
    } cases[] = {
        {0, "as published"},
        {INFO_MARGINS, "+county margins"},
        {INFO_VITALS, "+county bulletins"},
        {INFO_MARGINS | INFO_VITALS, "+both"},
        {PROFILE_RC, "RC profile"},
        {SWAP_BASE, "truth base (tb)"},
        {SWAP_BASE | INFO_VITALS, "tb+bulletins"},
        {SWAP_BASE | INFO_VITALS | PROFILE_RC, "tb+bull., RC prof."},
        {SWAP_BASE | INFO_VITALS | SWAP_FERTILITY, "tb+bull.+t.fert"},
        {SWAP_BASE | INFO_VITALS | SWAP_MORTALITY, "tb+bull.+t.mort"},
        {SWAP_BASE | INFO_VITALS | SWAP_MIGRATION, "tb+bull.+t.migr"},
        {SWAP_BASE | SWAP_MIGRATION, "tb+t.migr"},
        {SWAP_BASE | SWAP_FERTILITY | SWAP_MIGRATION, "tb+t.fert+t.migr"},
    };
    const truth_prefecture *t = truth4;
    size_t i, r;

    printf("\n  children under 3: largest |error| 2021-2035 (error in 2035), per cent\n  %-18s",
           "");
    for (r = 0; r < t->n_regions; r++)
        printf("  %-15s", ccap_regions_code(t->regions, r));
    printf("\n");
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        calibrated *c = NULL;
        const int flags = cases[i].flags;
        CU_ASSERT_EQUAL_FATAL(calibrate(t, flags, &c), CCAP_OK);
        printf("  %-18s", cases[i].name);
        for (r = 0; r < t->n_regions; r++) {
            const double w = worst_of(t, c, r);
            printf("  %5.2f (%+6.2f)", 100.0 * w, 100.0 * error_of(t, c, r, CAL_STEPS - 1));
            if (flags == (INFO_MARGINS | INFO_VITALS))
                CU_ASSERT(w <= FULL_COUNTY_BOUND);
            if (flags == (SWAP_BASE | INFO_VITALS | SWAP_MIGRATION))
                CU_ASSERT(w <= METHOD_BOUND);
        }
        printf("\n");
        calibrated_free(c);
    }
}

/* How long ccap_calibrate_base() and ccap_calibrate() take for a city of 20 counties
 * (printed, not asserted). */
static void
test_calibration__timing(void)
{
    truth_prefecture *t20 = NULL;
    calibrated *c = calloc(1, sizeof *c);
    ccap_calibrate_options o;
    struct timespec t0, t1, t2;
    ccap_diag diag;
    char why[256];

    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    if (truth_prefecture_make(wpp_dir(), standard, 20, &t20, why, sizeof why) != CCAP_OK) {
        CU_FAIL("truth_prefecture_make, 20 counties");
    } else {
        const ccap_calibrate_national national = {t20->nat_mortality, t20->nat_fertility,
                                                  t20->nat_srb};
        int status;
        options_of(&o, c, 0);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        status = estimate_base(t20, 0, &o, &c->base, &diag);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (status == CCAP_OK)
            status =
                ccap_calibrate(t20->regions, c->base, t20->vitals, &national, &o, &c->cal, &diag);
        clock_gettime(CLOCK_MONOTONIC, &t2);
        CU_ASSERT_EQUAL(status, CCAP_OK);
        printf("\n  20 counties (%zu regions): ccap_calibrate_base() %.4f s, ccap_calibrate() "
               "%.4f s\n",
               t20->n_regions,
               (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec),
               (double)(t2.tv_sec - t1.tv_sec) + 1e-9 * (double)(t2.tv_nsec - t1.tv_nsec));
    }
    calibrated_free(c);
    truth_prefecture_free(t20);
}

static CU_TestInfo calibration_tests[] = {
    {"fits", test_calibration__fits},
    {"harness", test_calibration__harness},
    {"under3", test_calibration__under3},
    {"base", test_calibration__base},
    {"base_no_cliff", test_calibration__base_no_cliff},
    {"components", test_calibration__components},
    {"timing", test_calibration__timing},
    CU_TEST_INFO_NULL,
};

static CU_TestInfo truth_tests[] = {
    {"balance", test_truth__balance},
    {"city_is_sum", test_truth__city_is_sum},
    {"schedules", test_truth__schedules},
    {"published", test_truth__published},
    {"calendar", test_truth__calendar},
    {"plausible", test_truth__plausible},
    {"deterministic", test_truth__deterministic},
    {"files", test_truth__files},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "truth", .pInitFunc = suite_init, .pCleanupFunc = suite_clean, .pTests = truth_tests},
    {.pName = "calibration",
     .pInitFunc = calibration_init,
     .pCleanupFunc = calibration_clean,
     .pTests = calibration_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
