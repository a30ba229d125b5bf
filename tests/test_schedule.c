/* SPDX-License-Identifier: GPL-3.0-or-later */
/* schedule: rates by region, year, sex and age; and the readers of rate files. */

#include <string.h>

#include "ccap_test.h"

static ccap_regions *regions;

static int
setup(void)
{
    char path[512];

    return ccap_csv_read_regions(ccap_test_data(path, sizeof path, "regions.csv"), &regions, NULL,
                                 NULL) != CCAP_OK;
}

static int
teardown(void)
{
    ccap_regions_free(regions);
    regions = NULL;
    return 0;
}

static void
test_schedule__lookup_rules(void)
{
    static const size_t ages[3] = {0, 1, 5};
    const double all_both[3] = {0.0061, 0.00042, 0.0352};
    const double all_female[3] = {0.0052, 0.00038, 0.0301};
    const double r2_both_2025[3] = {0.0044, 0.0003, 0.0298};
    ccap_schedule *s = ccap_schedule_alloc(ages, 3, CCAP_AGE_OPEN);
    const double *v = NULL;
    int year = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(ccap_schedule_n_ages(s), 3);
    CU_ASSERT_EQUAL(ccap_schedule_ages(s)[2], 5);
    CU_ASSERT_EQUAL(ccap_schedule_age_end(s), CCAP_AGE_OPEN);
    CCAP_ASSERT_STATUS(ccap_schedule_add(s, CCAP_REGION_ALL, 2020, CCAP_SEX_BOTH, all_both, 3),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_schedule_add(s, CCAP_REGION_ALL, 2020, CCAP_SEX_FEMALE, all_female, 3), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_schedule_add(s, 2, 2025, CCAP_SEX_BOTH, r2_both_2025, 3), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_schedule_count(s), 3);

    /* region 2, women, 2030: its own 'both' schedule of 2025 beats '*' female of 2020 */
    CCAP_ASSERT_STATUS(ccap_schedule_find(s, 2, 2030, CCAP_SEX_FEMALE, &v, &year), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_EQUAL(year, 2025);
    CU_ASSERT_DOUBLE_EQUAL(v[0], 0.0044, 0.0);
    /* region 2 before 2025: falls back to '*', own sex first */
    CCAP_ASSERT_STATUS(ccap_schedule_find(s, 2, 2024, CCAP_SEX_FEMALE, &v, &year), CCAP_OK);
    CU_ASSERT_EQUAL(year, 2020);
    CU_ASSERT_DOUBLE_EQUAL(v[0], 0.0052, 0.0);
    CCAP_ASSERT_STATUS(ccap_schedule_find(s, 2, 2024, CCAP_SEX_MALE, &v, &year), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v[0], 0.0061, 0.0);
    /* asking for 'both' matches only 'both' entries */
    CCAP_ASSERT_STATUS(ccap_schedule_find(s, 1, 2021, CCAP_SEX_BOTH, &v, NULL), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v[2], 0.0352, 0.0);
    /* nothing in or before 2019 */
    CCAP_ASSERT_STATUS(ccap_schedule_find(s, 1, 2019, CCAP_SEX_MALE, &v, &year),
                       CCAP_ENOTFOUND);
    CU_ASSERT_PTR_NULL(v);
    /* errors */
    CCAP_ASSERT_STATUS(ccap_schedule_add(s, 2, 2025, CCAP_SEX_BOTH, r2_both_2025, 3),
                       CCAP_EEXIST);
    CCAP_ASSERT_STATUS(ccap_schedule_add(s, 2, 2026, CCAP_SEX_BOTH, r2_both_2025, 2),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_schedule_add(s, 2, 2026, (ccap_sex)4, r2_both_2025, 3),
                       CCAP_EINVAL);
    {
        double bad[3] = {0.1, 0.2, 0.3};
        bad[1] = NAN;
        CCAP_ASSERT_STATUS(ccap_schedule_add(s, 2, 2026, CCAP_SEX_BOTH, bad, 3), CCAP_EDOM);
    }
    CCAP_ASSERT_STATUS(ccap_schedule_find(s, CCAP_REGION_ALL, 2020, CCAP_SEX_BOTH, &v, NULL),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_schedule_find(s, 1, 2020, CCAP_SEX_BOTH, NULL, NULL), CCAP_EINVAL);
    CU_ASSERT_EQUAL(ccap_schedule_count(s), 3);
    ccap_schedule_free(s);
    ccap_schedule_free(NULL);
}

static void
test_schedule__years_in_any_order(void)
{
    static const size_t ages[1] = {0};
    ccap_schedule *s = ccap_schedule_alloc(ages, 1, CCAP_AGE_OPEN);
    const int years[5] = {2030, 2020, 2040, 2025, 2035};
    const double *v;
    int y, i, ok = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    for (i = 0; i < 5; i++) {
        double value = 100.0 + years[i] - 2000;
        ccap_schedule_add(s, 0, years[i], CCAP_SEX_BOTH, &value, 1);
    }
    /* each year from 2020 to 2044 finds the latest entry not after it */
    for (y = 2020; y < 2045; y++) {
        int used = 0;
        if (ccap_schedule_find(s, 0, y, CCAP_SEX_BOTH, &v, &used) == CCAP_OK &&
            used == y - (y % 5) && fabs(v[0] - (100.0 + used - 2000)) < 1e-12)
            ok++;
    }
    CU_ASSERT_EQUAL(ok, 25);
    ccap_schedule_free(s);
}

static void
test_schedule__grid_errors(void)
{
    const size_t good[3] = {15, 20, 25}, unsorted[3] = {15, 25, 20};

    CU_ASSERT_PTR_NULL(ccap_schedule_alloc(NULL, 3, 30));
    CU_ASSERT_PTR_NULL(ccap_schedule_alloc(good, 0, 30));
    CU_ASSERT_PTR_NULL(ccap_schedule_alloc(unsorted, 3, 30));
    CU_ASSERT_PTR_NULL(ccap_schedule_alloc(good, 3, 25)); /* end not above the last group */
    ccap_schedule_free(ccap_schedule_alloc(good, 3, 30));
}

static void
test_schedule__read_mortality(void)
{
    ccap_schedule *s = NULL;
    ccap_diag diag;
    char path[512];
    const double *v = NULL;
    int year = 0;

    CCAP_ASSERT_STATUS(ccap_csv_read_mortality(ccap_test_data(path, sizeof path, "mortality.csv"),
                                               regions, &s, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(ccap_schedule_n_ages(s), 5); /* 0, 1, 5, 10, 15+: abridged */
    CU_ASSERT_EQUAL(ccap_schedule_ages(s)[1], 1);
    CU_ASSERT_EQUAL(ccap_schedule_ages(s)[4], 15);
    CU_ASSERT_EQUAL(ccap_schedule_age_end(s), CCAP_AGE_OPEN);
    /* A11 (1) women in 2026 use A11's own 2025 schedule */
    CCAP_ASSERT_STATUS(ccap_schedule_find(s, 1, 2026, CCAP_SEX_FEMALE, &v, &year), CCAP_OK);
    CU_ASSERT_EQUAL(year, 2025);
    CU_ASSERT_DOUBLE_EQUAL(v[4], 0.0297, 0.0);
    /* A11 men use '*' both */
    CCAP_ASSERT_STATUS(ccap_schedule_find(s, 1, 2026, CCAP_SEX_MALE, &v, &year), CCAP_OK);
    CU_ASSERT_EQUAL(year, 2020);
    CU_ASSERT_DOUBLE_EQUAL(v[0], 0.0061, 0.0);
    ccap_schedule_free(s);
}

static void
test_schedule__read_fertility_srb_migration(void)
{
    ccap_schedule *f = NULL, *srb = NULL, *m = NULL;
    ccap_diag diag;
    char path[512];
    const double *v = NULL;
    double tfr = 0.0;
    size_t i;

    CCAP_ASSERT_STATUS(ccap_csv_read_fertility(ccap_test_data(path, sizeof path, "fertility.csv"),
                                               regions, &f, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(ccap_schedule_n_ages(f), 7);
    CU_ASSERT_EQUAL(ccap_schedule_ages(f)[0], 15);
    CU_ASSERT_EQUAL(ccap_schedule_age_end(f), 50); /* closed 5-year groups up to 45-49 */
    /* B121 (2): TFR = 5 * (0.0031 + 0.0715 + 0.0874 + 0.0506 + 0.0170 + 0.0033 + 0.0002)
     *               = 5 * 0.2331 = 1.1655 */
    CCAP_ASSERT_STATUS(ccap_schedule_find(f, 2, 2023, CCAP_SEX_BOTH, &v, NULL), CCAP_OK);
    for (i = 0; i < 7; i++)
        tfr += 5.0 * v[i];
    CCAP_ASSERT_REL(tfr, 1.1655, 1e-12);

    CCAP_ASSERT_STATUS(
        ccap_csv_read_srb(ccap_test_data(path, sizeof path, "srb.csv"), regions, &srb, NULL, &diag),
        CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(srb);
    CU_ASSERT_EQUAL(ccap_schedule_n_ages(srb), 1);
    CCAP_ASSERT_STATUS(ccap_schedule_find(srb, 1, 2031, CCAP_SEX_BOTH, &v, NULL), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v[0], 106.4, 0.0); /* A11's own value outranks '*' 2030 */
    CCAP_ASSERT_STATUS(ccap_schedule_find(srb, 3, 2031, CCAP_SEX_BOTH, &v, NULL), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v[0], 107.0, 0.0);

    CCAP_ASSERT_STATUS(ccap_csv_read_migration(ccap_test_data(path, sizeof path, "migration.csv"),
                                               regions, &m, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CCAP_ASSERT_STATUS(ccap_schedule_find(m, 1, 2020, CCAP_SEX_MALE, &v, NULL), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v[3], -140.75, 0.0);
    CCAP_ASSERT_STATUS(ccap_schedule_find(m, 3, 2020, CCAP_SEX_MALE, &v, NULL),
                       CCAP_ENOTFOUND);
    ccap_schedule_free(f);
    ccap_schedule_free(srb);
    ccap_schedule_free(m);
}

/* Every rate file written and read again gives the same entries, bit for bit. */
static void
test_schedule__write_read_round_trip(void)
{
    static const char *const files[4] = {"mortality.csv", "fertility.csv", "srb.csv",
                                         "migration.csv"};
    int (*const readers[4])(const char *, const ccap_regions *, ccap_schedule **,
                            const ccap_read_options *,
                            ccap_diag *) = {ccap_csv_read_mortality, ccap_csv_read_fertility,
                                            ccap_csv_read_srb, ccap_csv_read_migration};
    int (*const writers[4])(const char *, const ccap_regions *, const ccap_schedule *,
                            ccap_diag *) = {ccap_csv_write_mortality, ccap_csv_write_fertility,
                                            ccap_csv_write_srb, ccap_csv_write_migration};
    size_t k, i, mismatches = 0;

    for (k = 0; k < 4; k++) {
        ccap_schedule *a = NULL, *b = NULL;
        ccap_diag diag;
        char in[512], out[512];

        ccap_test_data(in, sizeof in, files[k]);
        ccap_test_tmp(out, sizeof out, files[k]);
        CCAP_ASSERT_STATUS(readers[k](in, regions, &a, NULL, &diag), CCAP_OK);
        CCAP_ASSERT_STATUS(writers[k](out, regions, a, &diag), CCAP_OK);
        CCAP_ASSERT_STATUS(readers[k](out, regions, &b, NULL, &diag), CCAP_OK);
        if (a == NULL || b == NULL) {
            mismatches++;
        } else {
            CU_ASSERT_EQUAL(ccap_schedule_count(a), ccap_schedule_count(b));
            CU_ASSERT_EQUAL(ccap_schedule_age_end(a), ccap_schedule_age_end(b));
            for (i = 0; i < ccap_schedule_count(a); i++) {
                size_t ra, rb;
                int ya, yb;
                ccap_sex sa, sb;
                const double *va, *vb;

                ccap_schedule_get(a, i, &ra, &ya, &sa, &va);
                ccap_schedule_get(b, i, &rb, &yb, &sb, &vb);
                if (ra != rb || ya != yb || sa != sb ||
                    memcmp(va, vb, ccap_schedule_n_ages(a) * sizeof *va) != 0)
                    mismatches++;
            }
        }
        /* writing with the wrong kind of grid is refused */
        if (k == 0)
            CCAP_ASSERT_STATUS(ccap_csv_write_fertility(out, regions, a, &diag), CCAP_EINVAL);
        ccap_schedule_free(a);
        ccap_schedule_free(b);
    }
    CU_ASSERT_EQUAL(mismatches, 0);
}

static CU_TestInfo schedule_tests[] = {
    {"lookup_rules", test_schedule__lookup_rules},
    {"years_in_any_order", test_schedule__years_in_any_order},
    {"grid_errors", test_schedule__grid_errors},
    {"read_mortality", test_schedule__read_mortality},
    {"read_fertility_srb_migration", test_schedule__read_fertility_srb_migration},
    {"write_read_round_trip", test_schedule__write_read_round_trip},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "schedule", .pInitFunc = setup, .pCleanupFunc = teardown,
     .pTests = schedule_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
