/* SPDX-License-Identifier: GPL-3.0-or-later */
/* national: the national default assumptions (examples/data/national, UN WPP 2024 China) read
 * with the library's own readers from the build tree's copy (CCAP_NATIONAL_BUILD_DIR), every
 * value checked against the WPP 2024 extracts (region China) of tools/wpp2024-national.py. */

#include <stdio.h>
#include <string.h>

#include "ccap_test.h"

#if !defined(CCAP_NATIONAL_DIR) || !defined(CCAP_NATIONAL_BUILD_DIR)
#error "compile with national_args (top-level meson.build)"
#endif

#define FIRST 2010 /* calendar years of fertility.csv and srb.csv */
#define LAST 2050

static ccap_regions *regions, *std_regions;
static ccap_schedule *mort, *fert, *srb;
static ccap_population *standard;

static int
setup(void)
{
    ccap_diag diag;

    regions = ccap_test_city(); /* any finished table: every row is for '*' */
    std_regions = ccap_regions_alloc();
    if (regions == NULL || std_regions == NULL ||
        ccap_regions_add(std_regions, "standard", NULL, NULL, NULL, NULL) != CCAP_OK ||
        ccap_regions_finish(std_regions, NULL) != CCAP_OK)
        return 1;
    if (ccap_csv_read_mortality(CCAP_NATIONAL_BUILD_DIR "/mortality.csv", regions, &mort, NULL,
                                &diag) != CCAP_OK ||
        ccap_csv_read_fertility(CCAP_NATIONAL_BUILD_DIR "/fertility.csv", regions, &fert, NULL,
                                &diag) != CCAP_OK ||
        ccap_csv_read_srb(CCAP_NATIONAL_BUILD_DIR "/srb.csv", regions, &srb, NULL, &diag) !=
            CCAP_OK ||
        ccap_csv_read_population(CCAP_NATIONAL_BUILD_DIR "/standard.csv", std_regions,
                                 CCAP_YEAR_ANY, &standard, NULL, &diag) != CCAP_OK) {
        fprintf(stderr, "%s:%lu: %s\n", diag.file, diag.line, diag.message);
        return 1;
    }
    return 0;
}

static int
teardown(void)
{
    ccap_schedule_free(mort);
    ccap_schedule_free(fert);
    ccap_schedule_free(srb);
    ccap_population_free(standard);
    ccap_regions_free(std_regions);
    ccap_regions_free(regions);
    return 0;
}

/* The installed directory is DATADIR/ccap/national under the prefix. */
static void
test_national__dirs(void)
{
    static const char tail[] = "/ccap/national";
    const size_t n = strlen(CCAP_NATIONAL_DIR);

    CU_ASSERT_FATAL(n > sizeof tail - 1);
    CU_ASSERT_STRING_EQUAL(CCAP_NATIONAL_DIR + n - (sizeof tail - 1), tail);
    CU_ASSERT(CCAP_NATIONAL_DIR[0] == '/');
    CU_ASSERT(strlen(CCAP_NATIONAL_BUILD_DIR) > 0);
}

/* Abridged grid 0, 1, 5, ..., 95, 100+; periods 2010-2015 ... 2050-2055, female and male. */
static void
test_national__mortality_grid(void)
{
    const size_t *ages = ccap_schedule_ages(mort);
    size_t i;

    CU_ASSERT_EQUAL_FATAL(ccap_schedule_n_ages(mort), 22);
    CU_ASSERT_EQUAL(ages[0], 0);
    CU_ASSERT_EQUAL(ages[1], 1);
    for (i = 2; i < 22; i++)
        CU_ASSERT_EQUAL(ages[i], 5 * (i - 1));
    CU_ASSERT_EQUAL(ccap_schedule_age_end(mort), CCAP_AGE_OPEN);
    CU_ASSERT_EQUAL(ccap_schedule_count(mort), 9 * 2); /* 9 periods x 2 sexes */
}

/* Values copied unchanged from mx_abridged_5y.csv. */
static void
test_national__mortality_values(void)
{
    const double *v = NULL;
    int year = 0;

    /* China,2020-2025,female,0,0.00523073 / ...,1,0.00039958 / ...,100,0.55387104 */
    CCAP_ASSERT_STATUS(ccap_schedule_find(mort, 0, 2020, CCAP_SEX_FEMALE, &v, &year), CCAP_OK);
    CU_ASSERT_EQUAL(year, 2020);
    CU_ASSERT_DOUBLE_EQUAL(v[0], 0.00523073, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(v[1], 0.00039958, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(v[21], 0.55387104, 0.0);
    /* the period's rates serve the steps starting 2020 ... 2024:
     * China,2020-2025,male,0,0.00617945 */
    CCAP_ASSERT_STATUS(ccap_schedule_find(mort, 1, 2024, CCAP_SEX_MALE, &v, &year), CCAP_OK);
    CU_ASSERT_EQUAL(year, 2020);
    CU_ASSERT_DOUBLE_EQUAL(v[0], 0.00617945, 0.0);
    /* China,2010-2015,female,1,0.00066376 */
    CCAP_ASSERT_STATUS(ccap_schedule_find(mort, 0, 2010, CCAP_SEX_FEMALE, &v, &year), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v[1], 0.00066376, 0.0);
    /* China,2050-2055,male,0,0.00269848 / ...,100,0.50935098; the last period serves later
     * steps too */
    CCAP_ASSERT_STATUS(ccap_schedule_find(mort, 2, 2063, CCAP_SEX_MALE, &v, &year), CCAP_OK);
    CU_ASSERT_EQUAL(year, 2050);
    CU_ASSERT_DOUBLE_EQUAL(v[0], 0.00269848, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(v[21], 0.50935098, 0.0);
    /* nothing before 2010, and no 'both' rows */
    CCAP_ASSERT_STATUS(ccap_schedule_find(mort, 0, 2009, CCAP_SEX_FEMALE, &v, &year),
                       CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_schedule_find(mort, 0, 2020, CCAP_SEX_BOTH, &v, &year), CCAP_ENOTFOUND);
}

static void
test_national__fertility_grid(void)
{
    const double *v = NULL;
    int y, year = 0;
    size_t g;

    CU_ASSERT_EQUAL_FATAL(ccap_schedule_n_ages(fert), 7);
    for (g = 0; g < 7; g++)
        CU_ASSERT_EQUAL(ccap_schedule_ages(fert)[g], 15 + 5 * g);
    CU_ASSERT_EQUAL(ccap_schedule_age_end(fert), 50);
    CU_ASSERT_EQUAL(ccap_schedule_count(fert), LAST - FIRST + 1);
    for (y = FIRST; y <= LAST; y++) { /* one schedule per calendar year */
        CCAP_ASSERT_STATUS(ccap_schedule_find(fert, 0, y, CCAP_SEX_BOTH, &v, &year), CCAP_OK);
        CU_ASSERT_EQUAL(year, y);
    }
    CCAP_ASSERT_STATUS(ccap_schedule_find(fert, 0, FIRST - 1, CCAP_SEX_BOTH, &v, &year),
                       CCAP_ENOTFOUND);
}

/*
 * ASFR = TFR(year) x PASFR(period holding the year) / 100 / 5.
 *
 * 2010, ages 15-19: tfr_annual China,2010,estimate,1.686548; pasfr China,2010-2015,15,3.442343:
 *   1.686548 x 3.442343 / 100 / 5 = 5.80567670 / 500 = 0.011611353403928.
 * 2024 (medium variant): TFR 1.012982; pasfr 2020-2025 = 2.623966, 23.114319, 34.875322,
 *   24.582858, 11.036304, 2.888566, 0.878664, adding up to 99.999999 (WPP's rounding), so
 *   5 x sum(asfr) = 1.012982 x 0.99999999 = 1.01298198987018: the TFR within 1e-8 of it,
 *   not rescaled.  Ages 25-29: 1.012982 x 34.875322 / 500 = 0.070656146860408.
 * 2050: TFR 1.18416; pasfr 2050-2055 = 1.493019, 10.931475, 29.08817, 34.673979, 18.948575,
 *   4.493516, 0.371266, adding up to 100.000000, so 5 x sum(asfr) = 1.18416.
 */
static void
test_national__fertility_values(void)
{
    static const double pasfr_2020[7] = {2.623966,  23.114319, 34.875322, 24.582858,
                                         11.036304, 2.888566,  0.878664};
    double asfr[7], tfr;
    const double *v = NULL;
    size_t g;

    CCAP_ASSERT_STATUS(ccap_schedule_find(fert, 0, 2010, CCAP_SEX_BOTH, &v, NULL), CCAP_OK);
    CCAP_ASSERT_REL(v[0], 0.011611353403928, 1e-13);

    CCAP_ASSERT_STATUS(ccap_schedule_find(fert, 0, 2024, CCAP_SEX_BOTH, &v, NULL), CCAP_OK);
    CCAP_ASSERT_REL(v[2], 0.070656146860408, 1e-13);
    for (tfr = 0.0, g = 0; g < 7; g++)
        tfr += 5.0 * v[g];
    CCAP_ASSERT_REL(tfr, 1.01298198987018, 1e-13);
    CCAP_ASSERT_REL(tfr, 1.012982, 2e-8); /* 1e-8 from WPP's rounding, and the doubles' */
    /* the same doubles as the library's own conversion */
    CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(1.012982, pasfr_2020, 7, 5, 1e-6, asfr), CCAP_OK);
    for (g = 0; g < 7; g++)
        CU_ASSERT_DOUBLE_EQUAL(v[g], asfr[g], 0.0);

    CCAP_ASSERT_STATUS(ccap_schedule_find(fert, 0, 2050, CCAP_SEX_BOTH, &v, NULL), CCAP_OK);
    for (tfr = 0.0, g = 0; g < 7; g++)
        tfr += 5.0 * v[g];
    CCAP_ASSERT_REL(tfr, 1.18416, 1e-12);
}

/* srb_annual: males per female x 100, by calendar year. */
static void
test_national__srb(void)
{
    const double *v = NULL;
    int y, year = 0;

    CU_ASSERT_EQUAL(ccap_schedule_n_ages(srb), 1);
    CU_ASSERT_EQUAL(ccap_schedule_count(srb), LAST - FIRST + 1);
    for (y = FIRST; y <= LAST; y++) {
        CCAP_ASSERT_STATUS(ccap_schedule_find(srb, 0, y, CCAP_SEX_BOTH, &v, &year), CCAP_OK);
        CU_ASSERT_EQUAL(year, y);
    }
    /* China,2010,1.171 */
    CCAP_ASSERT_STATUS(ccap_schedule_find(srb, 0, 2010, CCAP_SEX_BOTH, &v, NULL), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v[0], 117.1, 0.0);
    /* China,2020,1.112 */
    CCAP_ASSERT_STATUS(ccap_schedule_find(srb, 0, 2020, CCAP_SEX_BOTH, &v, NULL), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v[0], 111.2, 0.0);
    /* China,2024,1.103 */
    CCAP_ASSERT_STATUS(ccap_schedule_find(srb, 0, 2024, CCAP_SEX_BOTH, &v, NULL), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v[0], 110.3, 0.0);
    /* China,2050,1.061 */
    CCAP_ASSERT_STATUS(ccap_schedule_find(srb, 0, 2050, CCAP_SEX_BOTH, &v, NULL), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v[0], 106.1, 0.0);
}

/* standard.csv is examples/data/wpp/standard_china_2020.csv: single years 0 ... 99, 100+. */
static void
test_national__standard(void)
{
    CU_ASSERT_EQUAL(ccap_population_n_ages(standard), 101);
    CU_ASSERT_EQUAL(ccap_population_age_width(standard), 1);
    CU_ASSERT_EQUAL(ccap_population_open_age(standard), 100);
    CU_ASSERT_EQUAL(ccap_population_year(standard), 2020);
    /* standard,2020,female,0,7880198.056 */
    CU_ASSERT_DOUBLE_EQUAL(ccap_population_get(standard, 0, CCAP_SEX_FEMALE, 0), 7880198.056, 0.0);
}

static CU_TestInfo national_tests[] = {
    {"dirs", test_national__dirs},
    {"mortality_grid", test_national__mortality_grid},
    {"mortality_values", test_national__mortality_values},
    {"fertility_grid", test_national__fertility_grid},
    {"fertility_values", test_national__fertility_values},
    {"srb", test_national__srb},
    {"standard", test_national__standard},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "national", .pInitFunc = setup, .pCleanupFunc = teardown, .pTests = national_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
