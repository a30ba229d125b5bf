/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>
#include <gsl/gsl_errno.h>

#include "ccap_test.h"

unsigned int ccap_test_gsl_errors = 0;

static void
gsl_handler(const char *reason, const char *file, int line, int gsl_errno)
{
    ccap_test_gsl_errors++;
    fprintf(stderr, "GSL error reached through libccap: %s (%s:%d, code %d)\n", reason, file,
            line, gsl_errno);
}

int
ccap_test_run(CU_SuiteInfo suites[])
{
    unsigned int failed;

    gsl_set_error_handler(gsl_handler); /* records, never aborts */
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 99; /* meson: hard error */
    if (CU_register_suites(suites) != CUE_SUCCESS) {
        fprintf(stderr, "cannot register suites: %s\n", CU_get_error_msg());
        CU_cleanup_registry();
        return 99;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    /* CU_basic_run_tests() returns success even when asserts fail: count failures. */
    failed = CU_get_number_of_failures() + CU_get_number_of_suites_failed() +
             CU_get_number_of_tests_failed();
    if (CU_get_number_of_tests_run() == 0)
        failed++;
    CU_cleanup_registry();
    return failed == 0 && ccap_test_gsl_errors == 0 ? 0 : 1;
}

int
ccap_test_close_rel(double actual, double expected, double rtol, const char *what,
                    const char *file, int line)
{
    double err = fabs(actual - expected);

    if (isfinite(actual) && err <= rtol * fabs(expected))
        return 1;
    fprintf(stderr, "\n%s:%d: %s = %.17g, expected %.17g (relative error %.3g > %.3g)\n", file,
            line, what, actual, expected, fpclassify(expected) != FP_ZERO ? err / fabs(expected) : err, rtol);
    return 0;
}

ccap_regions *
ccap_test_city(void)
{
    ccap_regions *r = ccap_regions_alloc();

    if (r == NULL || ccap_regions_add(r, "C01", "测试市", "Test City", NULL, NULL) ||
        ccap_regions_add(r, "A11", "甲县", "County A", "C01", NULL) ||
        ccap_regions_add(r, "B12", "乙区", "District B", "C01", NULL) ||
        ccap_regions_add(r, "B121", NULL, NULL, "B12", NULL) ||
        ccap_regions_add(r, "B122", NULL, NULL, "B12", NULL) ||
        ccap_regions_finish(r, NULL)) {
        ccap_regions_free(r);
        return NULL;
    }
    return r;
}

const char *
ccap_test_data(char *buf, size_t size, const char *name)
{
    const char *dir = getenv("CCAP_TEST_DATA");

    snprintf(buf, size, "%s/%s", dir != NULL ? dir : "tests/data", name);
    return buf;
}

const char *
ccap_test_tmp(char *buf, size_t size, const char *name)
{
    /* meson gives the build tree; never the current directory, which may be the source tree */
    const char *dir = getenv("CCAP_TEST_TMP") != NULL ? getenv("CCAP_TEST_TMP")
                      : getenv("TMPDIR") != NULL    ? getenv("TMPDIR")
                                                    : "/tmp";

    snprintf(buf, size, "%s/%s", dir, name);
    return buf;
}

const char *
ccap_test_write(char *buf, size_t size, const char *name, const char *text)
{
    FILE *fp;

    ccap_test_tmp(buf, size, name);
    fp = fopen(buf, "wb");
    if (fp == NULL)
        return buf;
    fputs(text, fp);
    fclose(fp);
    return buf;
}
