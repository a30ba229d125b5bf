/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_TEST_H
#define CCAP_TEST_H

/*
 * Shared test support: the runner (exit code from CUnit's failure counters),
 * a recording GSL error handler, relative-tolerance asserts and test data paths.
 */

#include <math.h>
#include <stddef.h>

#include <CUnit/CUnit.h>

#include <ccap/ccap.h>

/* Number of GSL errors seen; any is a failure of the run (our validation missed a case). */
extern unsigned int ccap_test_gsl_errors;

/* Register and run the suites; return the process exit code (0 only when all passed). */
int ccap_test_run(CU_SuiteInfo suites[]);

/* 1 if |actual - expected| <= rtol * |expected|; prints both values when not. */
int ccap_test_close_rel(double actual, double expected, double rtol, const char *what,
                        const char *file, int line);

/* Path of a file in tests/data (CCAP_TEST_DATA), in a static buffer per call site is not
 * allowed: the caller passes its buffer. */
const char *ccap_test_data(char *buf, size_t size, const char *name);

/* A finished region table used by several suites: a city with a county and a district,
 * the district with two sub-districts, in this index order:
 *   C01 (0) -> A11 (1), B12 (2);  B12 -> B121 (3), B122 (4).
 * NULL when out of memory.  Free with ccap_regions_free(). */
ccap_regions *ccap_test_city(void);

/* A scratch path NAME under the build directory: CCAP_TEST_TMP, which meson sets, else
 * TMPDIR, else /tmp; never the current directory. */
const char *ccap_test_tmp(char *buf, size_t size, const char *name);

/* Write text to the scratch file NAME (ccap_test_tmp()); its path is in buf. */
const char *ccap_test_write(char *buf, size_t size, const char *name, const char *text);

#define CCAP_ASSERT_REL(a, e, rtol)                                                               \
    CU_assertImplementation(ccap_test_close_rel((a), (e), (rtol), #a, __FILE__, __LINE__),         \
                            __LINE__, "CCAP_ASSERT_REL(" #a ", " #e ", " #rtol ")", __FILE__, "",  \
                            CU_FALSE)

#define CCAP_ASSERT_STATUS(call, expected) CU_ASSERT_EQUAL((call), (expected))

#endif /* CCAP_TEST_H */
