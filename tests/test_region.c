/* SPDX-License-Identifier: GPL-3.0-or-later */
/* region: adding, finishing, lookup and the hierarchy. */

#include <string.h>

#include "ccap_test.h"

#define NONE ((size_t)-1)

static ccap_regions *tree;

/*
 * A city with a county and a district, the district with two sub-districts;
 * a sub-district is added before its parent on purpose.
 *
 *   C01 ─┬─ A11
 *        └─ B12 ─┬─ B121
 *                └─ B122
 */
static int
setup_tree(void)
{
    tree = ccap_regions_alloc();
    if (tree == NULL)
        return 1;
    return ccap_regions_add(tree, "C01", "测试市", "Test City", NULL, NULL) ||
           ccap_regions_add(tree, "A11", "甲县", "County A", "C01", NULL) ||
           ccap_regions_add(tree, "B121", "乙一街道", NULL, "B12", NULL) ||
           ccap_regions_add(tree, "B12", "乙区", "", "C01", NULL) ||
           ccap_regions_add(tree, "B122", NULL, NULL, "B12", NULL) ||
           ccap_regions_finish(tree, NULL);
}

static int
teardown_tree(void)
{
    ccap_regions_free(tree);
    tree = NULL;
    return 0;
}

static void
test_region__lookup_and_names(void)
{
    size_t i = NONE;

    CU_ASSERT_EQUAL(ccap_regions_count(tree), 5);
    CCAP_ASSERT_STATUS(ccap_regions_find(tree, "B12", &i), CCAP_OK);
    CU_ASSERT_EQUAL(i, 3);
    CU_ASSERT_STRING_EQUAL(ccap_regions_code(tree, i), "B12");
    CU_ASSERT_STRING_EQUAL(ccap_regions_name(tree, i), "乙区");
    CU_ASSERT_STRING_EQUAL(ccap_regions_name_en(tree, i), "");
    CU_ASSERT_STRING_EQUAL(ccap_regions_name_en(tree, 0), "Test City");
    CU_ASSERT_STRING_EQUAL(ccap_regions_name(tree, 4), "B122"); /* no name: the code */
    CCAP_ASSERT_STATUS(ccap_regions_find(tree, "b12", &i), CCAP_ENOTFOUND); /* case matters */
    CCAP_ASSERT_STATUS(ccap_regions_find(tree, "B1", NULL), CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_regions_find(NULL, "B12", &i), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_regions_find(tree, NULL, &i), CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(ccap_regions_code(tree, 5));
    CU_ASSERT_PTR_NULL(ccap_regions_name(tree, 5));
    CU_ASSERT_PTR_NULL(ccap_regions_name_en(NULL, 0));
}

static void
test_region__hierarchy(void)
{
    size_t p = NONE;

    CU_ASSERT_TRUE(ccap_regions_is_finished(tree));
    CCAP_ASSERT_STATUS(ccap_regions_parent(tree, 0, &p), CCAP_ENOTFOUND); /* root */
    CCAP_ASSERT_STATUS(ccap_regions_parent(tree, 2, &p), CCAP_OK);       /* B121 -> B12 */
    CU_ASSERT_EQUAL(p, 3);
    CCAP_ASSERT_STATUS(ccap_regions_parent(tree, 9, &p), CCAP_EINVAL);
    CU_ASSERT_EQUAL(ccap_regions_n_children(tree, 0), 2);
    CU_ASSERT_EQUAL(ccap_regions_child(tree, 0, 0), 1); /* A11, in the order added */
    CU_ASSERT_EQUAL(ccap_regions_child(tree, 0, 1), 3); /* B12 */
    CU_ASSERT_EQUAL(ccap_regions_child(tree, 0, 2), NONE);
    CU_ASSERT_EQUAL(ccap_regions_n_children(tree, 3), 2);
    CU_ASSERT_EQUAL(ccap_regions_child(tree, 3, 0), 2); /* B121 */
    CU_ASSERT_EQUAL(ccap_regions_child(tree, 3, 1), 4); /* B122 */
    CU_ASSERT_EQUAL(ccap_regions_n_children(tree, 1), 0);
    CU_ASSERT_EQUAL(ccap_regions_depth(tree, 0), 0);
    CU_ASSERT_EQUAL(ccap_regions_depth(tree, 1), 1);
    CU_ASSERT_EQUAL(ccap_regions_depth(tree, 4), 2);
    CU_ASSERT_EQUAL(ccap_regions_depth(tree, 5), NONE);
}

static void
test_region__preorder(void)
{
    /* C01, A11, B12, B121, B122 as printed with indentation. */
    static const size_t expected[] = {0, 1, 3, 2, 4};
    size_t k;

    for (k = 0; k < 5; k++)
        CU_ASSERT_EQUAL(ccap_regions_preorder(tree, k), expected[k]);
    CU_ASSERT_EQUAL(ccap_regions_preorder(tree, 5), NONE);
}

static void
test_region__several_roots(void)
{
    ccap_regions *r = ccap_regions_alloc();

    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "X2", "x", NULL, "X", NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "Y", "y", NULL, NULL, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "X", "x", NULL, "", NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_regions_finish(r, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_regions_finish(r, NULL), CCAP_OK); /* idempotent */
    /* roots in the order added: Y, then X with its child X2 */
    CU_ASSERT_EQUAL(ccap_regions_preorder(r, 0), 1);
    CU_ASSERT_EQUAL(ccap_regions_preorder(r, 1), 2);
    CU_ASSERT_EQUAL(ccap_regions_preorder(r, 2), 0);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "Z", "z", NULL, NULL, NULL), CCAP_ESTATE);
    ccap_regions_free(r);
}

static void
test_region__add_errors(void)
{
    ccap_regions *r = ccap_regions_alloc();
    char long_code[CCAP_REGION_CODE_MAX + 2];
    size_t i = NONE;

    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    memset(long_code, 'A', sizeof long_code - 1);
    long_code[sizeof long_code - 1] = '\0';
    CCAP_ASSERT_STATUS(ccap_regions_add(NULL, "A", NULL, NULL, NULL, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, NULL, NULL, NULL, NULL, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "", NULL, NULL, NULL, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "A B", NULL, NULL, NULL, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "A,B", NULL, NULL, NULL, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "南阳", NULL, NULL, NULL, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, long_code, NULL, NULL, NULL, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "A", "bad\nname", NULL, NULL, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "A", "\xC3\x28", NULL, NULL, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "A", NULL, NULL, "A", NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "A", NULL, NULL, "P Q", NULL), CCAP_EDOM);
    CU_ASSERT_EQUAL(ccap_regions_count(r), 0);
    CCAP_ASSERT_STATUS(ccap_regions_finish(r, NULL), CCAP_EINVAL); /* empty */
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "A", NULL, NULL, NULL, &i), CCAP_OK);
    CU_ASSERT_EQUAL(i, 0);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "A", "again", NULL, NULL, NULL), CCAP_EEXIST);
    CU_ASSERT_EQUAL(ccap_regions_count(r), 1);
    /* before finishing, hierarchy queries are refused */
    CCAP_ASSERT_STATUS(ccap_regions_parent(r, 0, &i), CCAP_ESTATE);
    CU_ASSERT_EQUAL(ccap_regions_n_children(r, 0), 0);
    CU_ASSERT_EQUAL(ccap_regions_depth(r, 0), NONE);
    ccap_regions_free(r);
    ccap_regions_free(NULL);
}

static void
test_region__missing_parent_then_fixed(void)
{
    ccap_regions *r = ccap_regions_alloc();
    size_t bad = NONE;

    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "K1", NULL, NULL, "K", NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_regions_finish(r, &bad), CCAP_ENOTFOUND);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_FALSE(ccap_regions_is_finished(r));
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "K", NULL, NULL, NULL, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_regions_finish(r, &bad), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_regions_depth(r, 0), 1);
    ccap_regions_free(r);
}

static void
test_region__cycle_and_depth(void)
{
    ccap_regions *r = ccap_regions_alloc();
    char code[16], parent[16];
    size_t bad = NONE, i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    /* R0 <- R1 <- R2 <- R0: a cycle of three, plus a root elsewhere. */
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "ROOT", NULL, NULL, NULL, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "R0", NULL, NULL, "R2", NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "R1", NULL, NULL, "R0", NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "R2", NULL, NULL, "R1", NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_regions_finish(r, &bad), CCAP_EDOM);
    CU_ASSERT_EQUAL(bad, 1);
    ccap_regions_free(r);

    /* A chain one level deeper than allowed. */
    r = ccap_regions_alloc();
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    for (i = 0; i <= CCAP_REGION_DEPTH_MAX + 1; i++) {
        snprintf(code, sizeof code, "L%zu", i);
        snprintf(parent, sizeof parent, "L%zu", i - 1);
        CCAP_ASSERT_STATUS(ccap_regions_add(r, code, NULL, NULL, i == 0 ? NULL : parent, NULL),
                           CCAP_OK);
    }
    CCAP_ASSERT_STATUS(ccap_regions_finish(r, &bad), CCAP_ERANGE);
    CU_ASSERT_EQUAL(bad, CCAP_REGION_DEPTH_MAX + 1);
    ccap_regions_free(r);
}

static void
test_region__many_codes(void)
{
    /* The hash index grows through several resizes and still finds every code. */
    ccap_regions *r = ccap_regions_alloc();
    char code[16];
    size_t i, found, ok = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    for (i = 0; i < 3000; i++) {
        snprintf(code, sizeof code, "%06zu", 110000 + 7 * i);
        if (ccap_regions_add(r, code, NULL, NULL, i == 0 ? NULL : "110000", NULL) == CCAP_OK)
            ok++;
    }
    CU_ASSERT_EQUAL(ok, 3000);
    CCAP_ASSERT_STATUS(ccap_regions_finish(r, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_regions_n_children(r, 0), 2999);
    ok = 0;
    for (i = 0; i < 3000; i++) {
        snprintf(code, sizeof code, "%06zu", 110000 + 7 * i);
        ok += ccap_regions_find(r, code, &found) == CCAP_OK && found == i;
    }
    CU_ASSERT_EQUAL(ok, 3000);
    CCAP_ASSERT_STATUS(ccap_regions_find(r, "110001", &found), CCAP_ENOTFOUND);
    ccap_regions_free(r);
}

static CU_TestInfo region_tests[] = {
    {"lookup_and_names", test_region__lookup_and_names},
    {"hierarchy", test_region__hierarchy},
    {"preorder", test_region__preorder},
    CU_TEST_INFO_NULL,
};

static CU_TestInfo region_build_tests[] = {
    {"several_roots", test_region__several_roots},
    {"add_errors", test_region__add_errors},
    {"missing_parent_then_fixed", test_region__missing_parent_then_fixed},
    {"cycle_and_depth", test_region__cycle_and_depth},
    {"many_codes", test_region__many_codes},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "region", .pInitFunc = setup_tree, .pCleanupFunc = teardown_tree, .pTests = region_tests},
    {.pName = "region_build", .pTests = region_build_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
