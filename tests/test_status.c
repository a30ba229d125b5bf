/* SPDX-License-Identifier: GPL-3.0-or-later */
/* status: ccap_strerror, ccap_diag, ccap_sex_name, version, ccap_library_init. */

#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "ccap_test.h"

static void
test_status__strerror_every_code(void)
{
    static const int codes[] = {CCAP_OK,     CCAP_EINVAL,      CCAP_EDOM,      CCAP_ENOMEM,
                                CCAP_ERANGE, CCAP_ENOTREACHED, CCAP_ENUMERIC,  CCAP_EINTERNAL,
                                CCAP_EIO,    CCAP_EPARSE,      CCAP_ENOTFOUND, CCAP_EEXIST,
                                CCAP_ESTATE};
    const char *unknown = ccap_strerror(12345);
    size_t i, j;

    CU_ASSERT_STRING_EQUAL(unknown, "unknown status code");
    CU_ASSERT_STRING_EQUAL(ccap_strerror(CCAP_OK), "success");
    CU_ASSERT_STRING_EQUAL(ccap_strerror(CCAP_EPARSE), "malformed input");
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        const char *msg = ccap_strerror(codes[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(msg);
        CU_ASSERT(strlen(msg) > 0);
        CU_ASSERT(strcmp(msg, unknown) != 0);
        for (j = 0; j < i; j++) /* every code has its own text */
            CU_ASSERT(strcmp(msg, ccap_strerror(codes[j])) != 0);
    }
    CU_ASSERT_STRING_EQUAL(ccap_strerror(-13), unknown);
    CU_ASSERT_STRING_EQUAL(ccap_strerror(1), unknown);
}

static void
test_status__diag_format(void)
{
    ccap_diag d;
    char buf[600];
    size_t n;

    ccap_diag_clear(&d);
    CU_ASSERT_EQUAL(d.status, CCAP_OK);
    CU_ASSERT_EQUAL(d.line, 0);
    strcpy(d.file, "pop.csv");
    d.line = 17;
    d.column = 4;
    strcpy(d.field, "age");
    strcpy(d.message, "age 40 missing");
    n = ccap_diag_format(&d, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "pop.csv:17: age: age 40 missing");
    CU_ASSERT_EQUAL(n, strlen("pop.csv:17: age: age 40 missing"));

    d.field[0] = '\0';
    ccap_diag_format(&d, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "pop.csv:17: age 40 missing");

    d.line = 0;
    ccap_diag_format(&d, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "pop.csv: age 40 missing");

    d.file[0] = '\0';
    ccap_diag_format(&d, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "age 40 missing");

    /* Truncation: snprintf semantics, always terminated. */
    strcpy(d.file, "pop.csv");
    d.line = 17;
    n = ccap_diag_format(&d, buf, 8);
    CU_ASSERT_STRING_EQUAL(buf, "pop.csv");
    CU_ASSERT_EQUAL(n, strlen("pop.csv:17: age 40 missing"));

    CU_ASSERT_EQUAL(ccap_diag_format(NULL, buf, sizeof buf), 0);
    CU_ASSERT_EQUAL(ccap_diag_format(&d, NULL, 10), 0);
    ccap_diag_clear(NULL); /* no crash */
}

static void
test_status__sex_names(void)
{
    CU_ASSERT_STRING_EQUAL(ccap_sex_name(CCAP_SEX_FEMALE), "female");
    CU_ASSERT_STRING_EQUAL(ccap_sex_name(CCAP_SEX_MALE), "male");
    CU_ASSERT_STRING_EQUAL(ccap_sex_name(CCAP_SEX_BOTH), "both");
    CU_ASSERT_STRING_EQUAL(ccap_sex_name((ccap_sex)7), "unknown");
}

#ifndef CCAP_TEST_PROJECT_VERSION
#error "compile with -DCCAP_TEST_PROJECT_VERSION=\"<meson.project_version()>\" (tests/meson.build)"
#endif

/* The version the build system gives (meson.project_version()), the header's macros and the
 * library's answers are one version: the string is the project's, and the numbers are read
 * back from the string, not from the same macros that made it. */
static void
test_status__version(void)
{
    const char *project = CCAP_TEST_PROJECT_VERSION;
    unsigned major = 0, minor = 0, micro = 0;
    char rest = '\0';
    int n;

    n = sscanf(project, "%u.%u.%u%c", &major, &minor, &micro, &rest);
    CU_ASSERT_EQUAL_FATAL(n, 3); /* exactly MAJOR.MINOR.MICRO, nothing after */
    CU_ASSERT_STRING_EQUAL(CCAP_VERSION_STRING, project);
    CU_ASSERT_STRING_EQUAL(ccap_version_string(), project);
    CU_ASSERT_EQUAL(CCAP_VERSION_MAJOR, major);
    CU_ASSERT_EQUAL(CCAP_VERSION_MINOR, minor);
    CU_ASSERT_EQUAL(CCAP_VERSION_MICRO, micro);
    CU_ASSERT_EQUAL((unsigned)CCAP_VERSION_NUMBER, major * 10000 + minor * 100 + micro);
    CU_ASSERT_EQUAL(ccap_version_number(), major * 10000 + minor * 100 + micro);
}

/* ccap_library_init() turns GSL's aborting handler off, and a second call changes nothing. */
static void
test_status__library_init(void)
{
    gsl_error_handler_t *runner = gsl_set_error_handler(NULL); /* the runner's, kept */
    gsl_error_handler_t *first, *second;

    CU_ASSERT_EQUAL(ccap_library_init(), CCAP_OK);
    first = gsl_set_error_handler(NULL);
    CU_ASSERT_PTR_NOT_NULL(first); /* NULL is GSL's default, the one that aborts */
    CU_ASSERT(first != runner);
    CU_ASSERT_EQUAL(ccap_library_init(), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_library_init(), CCAP_OK);
    second = gsl_set_error_handler(runner);
    CU_ASSERT_PTR_EQUAL(second, first);
}

static CU_TestInfo status_tests[] = {
    {"strerror_every_code", test_status__strerror_every_code},
    {"diag_format", test_status__diag_format},
    {"sex_names", test_status__sex_names},
    {"version", test_status__version},
    {"library_init", test_status__library_init},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "status", .pTests = status_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
