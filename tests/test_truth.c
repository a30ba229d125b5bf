/* SPDX-License-Identifier: GPL-3.0-or-later */
/* truth: a simulated prefecture whose future is known (truth_prefecture.c), and what it
 * publishes.  These checks hold the generator itself: the balancing equation of the
 * truth projection, the city as the sum of its counties, the schedules it was built
 * from, and the rounding of every published figure. */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
