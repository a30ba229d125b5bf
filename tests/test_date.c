/* SPDX-License-Identifier: GPL-3.0-or-later */
/* date: validation, ISO text, decimal years. */

#include <string.h>

#include "ccap_test.h"

static void
test_date__parse_and_format(void)
{
    ccap_date d;
    char buf[16];

    CCAP_ASSERT_STATUS(ccap_date_parse("2020-11-01", &d), CCAP_OK);
    CU_ASSERT_EQUAL(d.year, 2020);
    CU_ASSERT_EQUAL(d.month, 11);
    CU_ASSERT_EQUAL(d.day, 1);
    CCAP_ASSERT_STATUS(ccap_date_format(d, buf, sizeof buf), CCAP_OK);
    CU_ASSERT_STRING_EQUAL(buf, "2020-11-01");
    CCAP_ASSERT_STATUS(ccap_date_parse("  2024-12-31\t", &d), CCAP_OK);
    CU_ASSERT_EQUAL(d.day, 31);
    CCAP_ASSERT_STATUS(ccap_date_parse("2024-02-29", &d), CCAP_OK); /* leap year */
}

/* The forms Excel gives a date on a Chinese Windows: 2020/11/1 and 2020年11月1日, with
 * months and days of one or two digits. */
static void
test_date__excel_forms(void)
{
    static const char *const census[] = {"2020/11/1", "2020/11/01", " 2020年11月1日 ",
                                         "2020年11月01日"};
    ccap_date d;
    size_t i;

    for (i = 0; i < sizeof census / sizeof census[0]; i++) {
        CCAP_ASSERT_STATUS(ccap_date_parse(census[i], &d), CCAP_OK);
        CU_ASSERT(d.year == 2020 && d.month == 11 && d.day == 1);
    }
    CCAP_ASSERT_STATUS(ccap_date_parse("2024/2/29", &d), CCAP_OK);
    CU_ASSERT(d.year == 2024 && d.month == 2 && d.day == 29);
    CCAP_ASSERT_STATUS(ccap_date_parse("2024年12月31日", &d), CCAP_OK);
    CU_ASSERT(d.year == 2024 && d.month == 12 && d.day == 31);
}

static void
test_date__rejects(void)
{
    ccap_date d = {1, 2, 3};
    char buf[16];

    CCAP_ASSERT_STATUS(ccap_date_parse("2021-02-29", &d), CCAP_EDOM); /* not a leap year */
    CU_ASSERT_EQUAL(d.year, 0);
    CCAP_ASSERT_STATUS(ccap_date_parse("1900-02-29", &d), CCAP_EDOM); /* century rule */
    CCAP_ASSERT_STATUS(ccap_date_parse("2000-02-29", &d), CCAP_OK);   /* 400-year rule */
    CCAP_ASSERT_STATUS(ccap_date_parse("2020-13-01", &d), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_date_parse("2020-04-31", &d), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_date_parse("0000-01-01", &d), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_date_parse("2020/13/1", &d), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_date_parse("2021年2月29日", &d), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_date_parse("2020/11/001", &d), CCAP_EPARSE);
    CCAP_ASSERT_STATUS(ccap_date_parse("2020/11-1", &d), CCAP_EPARSE);
    CCAP_ASSERT_STATUS(ccap_date_parse("2020年11月1", &d), CCAP_EPARSE);
    CCAP_ASSERT_STATUS(ccap_date_parse("2020年11月1日x", &d), CCAP_EPARSE);
    CCAP_ASSERT_STATUS(ccap_date_parse("20/11/1", &d), CCAP_EPARSE);
    CCAP_ASSERT_STATUS(ccap_date_parse("2020-11-1", &d), CCAP_EPARSE);
    CCAP_ASSERT_STATUS(ccap_date_parse("20201101", &d), CCAP_EPARSE);
    CCAP_ASSERT_STATUS(ccap_date_parse("", &d), CCAP_EPARSE);
    CCAP_ASSERT_STATUS(ccap_date_parse("2020-11-01x", &d), CCAP_EPARSE);
    CCAP_ASSERT_STATUS(ccap_date_parse(NULL, &d), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_date_parse("2020-11-01", NULL), CCAP_EINVAL);
    d.year = 2021;
    d.month = 2;
    d.day = 29;
    CU_ASSERT_FALSE(ccap_date_is_valid(d));
    CCAP_ASSERT_STATUS(ccap_date_format(d, buf, sizeof buf), CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(buf, "");
    CCAP_ASSERT_STATUS(ccap_date_format(d, buf, 10), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_date_format(d, NULL, 11), CCAP_EINVAL);
}

static void
test_date__decimal_year(void)
{
    ccap_date census = {2020, 11, 1}, end2024 = {2025, 1, 1}, mid = {2023, 7, 2};
    ccap_date bad = {2023, 2, 30};
    double y;

    /* 2020 is a leap year; 1 November is day 306, so 2020 + 305/366. */
    CCAP_ASSERT_STATUS(ccap_date_decimal_year(census, &y), CCAP_OK);
    CCAP_ASSERT_REL(y, 2020.0 + 305.0 / 366.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_date_decimal_year(end2024, &y), CCAP_OK);
    CCAP_ASSERT_REL(y, 2025.0, 1e-15);
    /* 2 July 2023 is day 183 of 365: 2023 + 182/365 = 2023.49863. */
    CCAP_ASSERT_STATUS(ccap_date_decimal_year(mid, &y), CCAP_OK);
    CCAP_ASSERT_REL(y, 2023.4986301369863, 1e-15);
    CCAP_ASSERT_STATUS(ccap_date_decimal_year(bad, &y), CCAP_EDOM);
    CU_ASSERT(isnan(y));
    CCAP_ASSERT_STATUS(ccap_date_decimal_year(census, NULL), CCAP_EINVAL);
}

static CU_TestInfo date_tests[] = {
    {"parse_and_format", test_date__parse_and_format},
    {"excel_forms", test_date__excel_forms},
    {"rejects", test_date__rejects},
    {"decimal_year", test_date__decimal_year},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "date", .pTests = date_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
