/* SPDX-License-Identifier: GPL-3.0-or-later */
/* margins: published totals, lookup, duplicates, sums over children. */

#include <string.h>

#include "ccap_test.h"

static ccap_regions *tree;

/* C01 (0) -> A11 (1), B12 (2); B12 -> B121 (3), B122 (4). */
static int
setup(void)
{
    tree = ccap_test_city();
    return tree == NULL;
}

static int
teardown(void)
{
    ccap_regions_free(tree);
    tree = NULL;
    return 0;
}

static void
test_margins__add_find_get(void)
{
    ccap_margins *m = ccap_margins_alloc();
    ccap_margin got;
    double v = 0.0;
    size_t dup = 99;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    /* Nanyang 2020: total, 60+ and the overlapping 65+ may all be present. */
    CCAP_ASSERT_STATUS(ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 9713112.0,
                                        "census", NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 60, CCAP_AGE_OPEN, 1824647.0,
                                        NULL, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 65, CCAP_AGE_OPEN, 1381305.0,
                                        "", NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 15, 60, 5341118.0, NULL,
                                        NULL),
                       CCAP_OK);
    CU_ASSERT_EQUAL(ccap_margins_count(m), 4);
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2020, CCAP_SEX_BOTH, 15, 60, &v), CCAP_OK);
    CCAP_ASSERT_REL(v, 5341118.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2020, CCAP_SEX_MALE, 15, 60, &v),
                       CCAP_ENOTFOUND);
    CU_ASSERT(isnan(v));
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2021, CCAP_SEX_BOTH, 15, 60, &v),
                       CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_margins_get(m, 0, &got), CCAP_OK);
    CU_ASSERT_EQUAL(got.region, 0);
    CU_ASSERT_EQUAL(got.year, 2020);
    CU_ASSERT_EQUAL(got.sex, CCAP_SEX_BOTH);
    CU_ASSERT_EQUAL(got.age_lo, 0);
    CU_ASSERT_EQUAL(got.age_hi, CCAP_AGE_OPEN);
    CU_ASSERT_STRING_EQUAL(got.note, "census");
    CCAP_ASSERT_STATUS(ccap_margins_get(m, 2, &got), CCAP_OK);
    CU_ASSERT_STRING_EQUAL(got.note, "");
    CCAP_ASSERT_STATUS(ccap_margins_get(m, 4, &got), CCAP_EINVAL);

    /* duplicates name the first entry */
    CCAP_ASSERT_STATUS(ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 60, CCAP_AGE_OPEN, 1.0, NULL,
                                        &dup),
                       CCAP_EEXIST);
    CU_ASSERT_EQUAL(dup, 1);
    CU_ASSERT_EQUAL(ccap_margins_count(m), 4);
    ccap_margins_free(m);
    ccap_margins_free(NULL);
}

static void
test_margins__add_errors(void)
{
    ccap_margins *m = ccap_margins_alloc();
    char long_note[CCAP_MARGIN_NOTE_MAX + 2];

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    memset(long_note, 'n', sizeof long_note - 1);
    long_note[sizeof long_note - 1] = '\0';
    CCAP_ASSERT_STATUS(ccap_margins_add(NULL, 0, 2020, CCAP_SEX_BOTH, 0, 5, 1.0, NULL, NULL),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_margins_add(m, 0, 2020, (ccap_sex)5, 0, 5, 1.0, NULL, NULL),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 5, 5, 1.0, NULL, NULL),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 0, 5, -3.5, NULL, NULL),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 0, 5, NAN, NULL, NULL),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 0, 5, 1.0, "a\tb", NULL),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 0, 5, 1.0, long_note, NULL),
                       CCAP_EDOM);
    CU_ASSERT_EQUAL(ccap_margins_count(m), 0);
    ccap_margins_free(m);
}

static void
test_margins__children_sum(void)
{
    ccap_margins *m = ccap_margins_alloc();
    double s = 0.0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    ccap_margins_add(m, 1, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 633563.0, NULL, NULL);
    ccap_margins_add(m, 2, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 866748.0, NULL, NULL);
    ccap_margins_add(m, 1, 2020, CCAP_SEX_MALE, 0, CCAP_AGE_OPEN, 318001.0, NULL, NULL);
    /* 633,563 + 866,748 = 1,500,311 */
    CCAP_ASSERT_STATUS(ccap_margins_children_sum(m, tree, 0, 2020, CCAP_SEX_BOTH, 0,
                                                 CCAP_AGE_OPEN, &s),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 1500311.0, 1e-15);
    /* B12 has no male total */
    CCAP_ASSERT_STATUS(ccap_margins_children_sum(m, tree, 0, 2020, CCAP_SEX_MALE, 0,
                                                 CCAP_AGE_OPEN, &s),
                       CCAP_ENOTFOUND);
    CU_ASSERT(isnan(s));
    CCAP_ASSERT_STATUS(ccap_margins_children_sum(m, tree, 1, 2020, CCAP_SEX_BOTH, 0,
                                                 CCAP_AGE_OPEN, &s),
                       CCAP_ENOTFOUND); /* leaf */
    CCAP_ASSERT_STATUS(ccap_margins_children_sum(m, tree, 5, 2020, CCAP_SEX_BOTH, 0,
                                                 CCAP_AGE_OPEN, &s),
                       CCAP_EINVAL); /* no region 5 */
    ccap_margins_free(m);
}

static void
test_margins__many(void)
{
    /* 20,000 keys: every one found again after the index has grown. */
    ccap_margins *m = ccap_margins_alloc();
    size_t i, ok = 0;
    double v;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    for (i = 0; i < 20000; i++)
        ok += ccap_margins_add(m, i % 97, 2000 + (int)(i / 97), CCAP_SEX_FEMALE, 0, i % 7 + 1,
                               (double)i + 0.25, NULL, NULL) == CCAP_OK;
    CU_ASSERT_EQUAL(ok, 20000);
    ok = 0;
    for (i = 0; i < 20000; i++)
        ok += ccap_margins_find(m, i % 97, 2000 + (int)(i / 97), CCAP_SEX_FEMALE, 0, i % 7 + 1,
                                &v) == CCAP_OK &&
              fabs(v - ((double)i + 0.25)) < 1e-9;
    CU_ASSERT_EQUAL(ok, 20000);
    ccap_margins_free(m);
}

static void
test_margins__ages_label(void)
{
    ccap_margin m = {0, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 1.0, ""};
    char buf[48];

    CU_ASSERT_STRING_EQUAL(ccap_margin_ages_label(&m, buf, sizeof buf), "total");
    m.age_lo = 60;
    CU_ASSERT_STRING_EQUAL(ccap_margin_ages_label(&m, buf, sizeof buf), "60+");
    m.age_lo = 15;
    m.age_hi = 60;
    CU_ASSERT_STRING_EQUAL(ccap_margin_ages_label(&m, buf, sizeof buf), "15-59");
    m.age_lo = 0;
    m.age_hi = 1;
    CU_ASSERT_STRING_EQUAL(ccap_margin_ages_label(&m, buf, sizeof buf), "0");
    m.age_hi = 3;
    CU_ASSERT_STRING_EQUAL(ccap_margin_ages_label(&m, buf, sizeof buf), "0-2");
    CU_ASSERT_STRING_EQUAL(ccap_margin_ages_label(NULL, buf, sizeof buf), "");
    CU_ASSERT_PTR_NULL(ccap_margin_ages_label(&m, NULL, 10));
    CU_ASSERT_PTR_NULL(ccap_margin_ages_label(&m, buf, 0));
}

static CU_TestInfo margins_tests[] = {
    {"add_find_get", test_margins__add_find_get},
    {"add_errors", test_margins__add_errors},
    {"children_sum", test_margins__children_sum},
    {"many", test_margins__many},
    {"ages_label", test_margins__ages_label},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "margins", .pInitFunc = setup, .pCleanupFunc = teardown, .pTests = margins_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
