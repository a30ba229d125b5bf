/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csv: reading and writing regions, population and margins; round trips. */

#define _POSIX_C_SOURCE 200809L

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ccap_test.h"

static ccap_regions *regions;

static int
setup(void)
{
    char path[512];
    ccap_diag diag;

    return ccap_csv_read_regions(ccap_test_data(path, sizeof path, "regions.csv"), &regions, NULL,
                                 &diag) != CCAP_OK;
}

static int
teardown(void)
{
    ccap_regions_free(regions);
    regions = NULL;
    return 0;
}

static int
file_exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0;
}

static void
test_csv__regions(void)
{
    size_t b12 = 0, parent = 0;

    CU_ASSERT_EQUAL(ccap_regions_count(regions), 5);
    CU_ASSERT_TRUE(ccap_regions_is_finished(regions));
    CCAP_ASSERT_STATUS(ccap_regions_find(regions, "B12", &b12), CCAP_OK);
    CU_ASSERT_EQUAL(b12, 3);
    CU_ASSERT_STRING_EQUAL(ccap_regions_name(regions, b12), "乙区");
    CU_ASSERT_STRING_EQUAL(ccap_regions_name_en(regions, b12), "District B");
    CCAP_ASSERT_STATUS(ccap_regions_parent(regions, 2, &parent), CCAP_OK); /* B121 */
    CU_ASSERT_EQUAL(parent, b12);
    CU_ASSERT_EQUAL(ccap_regions_n_children(regions, 0), 2);
}

/*
 * pop5.csv holds 5-year groups 0, 5, 10, 15+ for the leaves A11, B121 and
 * B122 (values in the file).  Hand sums:
 *   A11 female total = 1203.5 + 1187.25 + 1321 + 5406.75 = 9118.5
 *   A11 male total   = 1290.5 + 1250 + 1398.75 + 5120    = 9059.25
 *   B12 (= B121 + B122) both 0-4 = 402.25 + 455 + 611 + 668.25 = 2136.5
 *   C01 total = 9118.5 + 9059.25 + (3421.75 + 3422.25) + (4871.75 + 4922.5) = 34816
 */
static void
check_pop5(const ccap_population *pop)
{
    double s = 0.0;
    ccap_date d = ccap_population_date(pop);

    CU_ASSERT_EQUAL(ccap_population_n_regions(pop), 5);
    CU_ASSERT_EQUAL(ccap_population_n_ages(pop), 4);
    CU_ASSERT_EQUAL(ccap_population_age_width(pop), 5);
    CU_ASSERT_EQUAL(ccap_population_open_age(pop), 15);
    CU_ASSERT_EQUAL(ccap_population_year(pop), 2020);
    CU_ASSERT_EQUAL(d.year, 2020);
    CU_ASSERT_EQUAL(d.month, 11);
    CU_ASSERT_EQUAL(d.day, 1);
    CU_ASSERT_FALSE(ccap_population_has_region(pop, 0));
    CU_ASSERT_FALSE(ccap_population_has_region(pop, 3));
    CCAP_ASSERT_STATUS(ccap_population_total(pop, 1, CCAP_SEX_FEMALE, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 9118.5, 1e-15);
    CCAP_ASSERT_STATUS(ccap_population_total(pop, 1, CCAP_SEX_MALE, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 9059.25, 1e-15);
    CCAP_ASSERT_REL(ccap_population_get(pop, 4, CCAP_SEX_MALE, 3), 2911.75, 1e-15);
}

static void
test_csv__population(void)
{
    ccap_population *pop = NULL;
    ccap_diag diag;
    char path[512];
    double s = 0.0;
    size_t filled = 0;

    CCAP_ASSERT_STATUS(ccap_csv_read_population(ccap_test_data(path, sizeof path, "pop5.csv"),
                                                regions, CCAP_YEAR_ANY, &pop, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_EQUAL(diag.status, CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    check_pop5(pop);
    CCAP_ASSERT_STATUS(ccap_population_aggregate(pop, regions, &filled), CCAP_OK);
    CU_ASSERT_EQUAL(filled, 2);
    CCAP_ASSERT_STATUS(ccap_population_sum_ages(pop, 3, CCAP_SEX_BOTH, 0, 5, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 2136.5, 1e-15);
    CCAP_ASSERT_STATUS(ccap_population_total(pop, 0, CCAP_SEX_BOTH, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 34816.0, 1e-15);
    ccap_population_free(pop);
}

static void
test_csv__population_select_year(void)
{
    ccap_population *pop = (ccap_population *)&pop; /* must be reset to NULL */
    ccap_diag diag;
    char path[512];

    ccap_test_data(path, sizeof path, "pop5.csv");
    CCAP_ASSERT_STATUS(ccap_csv_read_population(path, regions, 2020, &pop, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL(pop);
    ccap_population_free(pop);
    CCAP_ASSERT_STATUS(ccap_csv_read_population(path, regions, 2025, &pop, NULL, &diag),
                       CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(pop);
    CU_ASSERT_EQUAL(diag.line, 1);
    CU_ASSERT_STRING_EQUAL(diag.field, "year");
    CU_ASSERT_STRING_EQUAL(diag.message, "no rows for year 2025");
}

/* BOM, CRLF, quotes, spaces, capitalised headers and values, reordered columns and an
 * empty row: the same table as pop5.csv. */
static void
test_csv__population_excel_dialect(void)
{
    ccap_population *a = NULL, *b = NULL;
    ccap_diag diag;
    char path[512];
    size_t r, g;
    int s, same = 1;

    CCAP_ASSERT_STATUS(ccap_csv_read_population(ccap_test_data(path, sizeof path, "pop5.csv"),
                                                regions, CCAP_YEAR_ANY, &a, NULL, &diag),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_read_population(ccap_test_data(path, sizeof path, "pop5_excel.csv"),
                                                regions, CCAP_YEAR_ANY, &b, NULL, &diag),
                       CCAP_OK);
    if (a == NULL || b == NULL) {
        char msg[600];
        ccap_diag_format(&diag, msg, sizeof msg);
        fprintf(stderr, "%s\n", msg);
        CU_FAIL("read failed");
    } else {
        check_pop5(b);
        for (r = 0; r < 5; r++) {
            for (s = 0; s < 2; s++) {
                for (g = 0; g < 4; g++) {
                    double x = ccap_population_get(a, r, (ccap_sex)s, g);
                    double y = ccap_population_get(b, r, (ccap_sex)s, g);
                    same &= (isnan(x) && isnan(y)) || memcmp(&x, &y, sizeof x) == 0;
                }
            }
        }
        CU_ASSERT_TRUE(same);
    }
    ccap_population_free(a);
    ccap_population_free(b);
}

/* Write then read gives the same object, bit for bit, for awkward doubles too. */
static void
test_csv__population_round_trip(void)
{
    ccap_population *pop = ccap_population_alloc(5, 12, 1), *back = NULL;
    ccap_date census = {2020, 11, 1};
    ccap_diag diag;
    char path[512];
    size_t r, g;
    int s, same = 1;

    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    for (r = 1; r < 5; r++) {
        for (s = 0; s < 2; s++) {
            for (g = 0; g < 12; g++)
                ccap_population_set(pop, r, (ccap_sex)s, g,
                                    1.0 / 3.0 * (double)(r * 1000 + g) + 0.1 * s + 1e-7 * g);
        }
    }
    ccap_population_set(pop, 1, CCAP_SEX_MALE, 0, 1e12); /* the largest count read back */
    ccap_population_set(pop, 1, CCAP_SEX_MALE, 1, 4.9e-324); /* smallest subnormal */
    ccap_population_set(pop, 1, CCAP_SEX_MALE, 2, 0.0);
    /* B12 (3) the sum of B121 (2) and B122 (4), as the reader requires of a parent's rows */
    for (s = 0; s < 2; s++) {
        for (g = 0; g < 12; g++)
            ccap_population_set(pop, 3, (ccap_sex)s, g,
                                ccap_population_get(pop, 2, (ccap_sex)s, g) +
                                    ccap_population_get(pop, 4, (ccap_sex)s, g));
    }
    ccap_population_set_date(pop, census);
    ccap_test_tmp(path, sizeof path, "roundtrip_pop.csv");
    CCAP_ASSERT_STATUS(ccap_csv_write_population(path, regions, pop, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_read_population(path, regions, CCAP_YEAR_ANY, &back, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    CU_ASSERT_EQUAL(ccap_population_n_ages(back), 12);
    CU_ASSERT_EQUAL(ccap_population_age_width(back), 1);
    CU_ASSERT_EQUAL(ccap_population_year(back), 2020);
    CU_ASSERT_EQUAL(ccap_population_date(back).day, 1);
    CU_ASSERT_FALSE(ccap_population_has_region(back, 0));
    for (r = 1; r < 5; r++) {
        for (s = 0; s < 2; s++) {
            for (g = 0; g < 12; g++) {
                double x = ccap_population_get(pop, r, (ccap_sex)s, g);
                double y = ccap_population_get(back, r, (ccap_sex)s, g);
                same &= memcmp(&x, &y, sizeof x) == 0;
            }
        }
    }
    CU_ASSERT_TRUE(same);
    ccap_population_free(pop);
    ccap_population_free(back);
    unlink(path);
}

static void
test_csv__regions_round_trip(void)
{
    ccap_regions *back = NULL;
    ccap_diag diag;
    char path[512];
    size_t i, p1, p2;

    ccap_test_tmp(path, sizeof path, "roundtrip_regions.csv");
    CCAP_ASSERT_STATUS(ccap_csv_write_regions(path, regions, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_read_regions(path, &back, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    CU_ASSERT_EQUAL(ccap_regions_count(back), ccap_regions_count(regions));
    for (i = 0; i < ccap_regions_count(regions); i++) {
        CU_ASSERT_STRING_EQUAL(ccap_regions_code(back, i), ccap_regions_code(regions, i));
        CU_ASSERT_STRING_EQUAL(ccap_regions_name(back, i), ccap_regions_name(regions, i));
        CU_ASSERT_STRING_EQUAL(ccap_regions_name_en(back, i), ccap_regions_name_en(regions, i));
        CU_ASSERT_EQUAL(ccap_regions_parent(back, i, &p1), ccap_regions_parent(regions, i, &p2));
    }
    ccap_regions_free(back);
    unlink(path);
}

static void
test_csv__margins_and_round_trip(void)
{
    ccap_margins *m = NULL, *back = NULL;
    ccap_margin a, b;
    ccap_diag diag;
    char path[512];
    double v = 0.0;
    size_t i;

    CCAP_ASSERT_STATUS(ccap_csv_read_margins(ccap_test_data(path, sizeof path, "margins.csv"),
                                             regions, &m, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(ccap_margins_count(m), 11);
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2020, CCAP_SEX_BOTH, 15, 60, &v), CCAP_OK);
    CCAP_ASSERT_REL(v, 5341118.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2020, CCAP_SEX_BOTH, 0, 15, &v), CCAP_OK);
    CCAP_ASSERT_REL(v, 2547347.0, 1e-15);
    /* "0-2" is ages 0, 1 and 2: [0, 3); a single age "0" is [0, 1). */
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2020, CCAP_SEX_BOTH, 0, 3, &v), CCAP_OK);
    CCAP_ASSERT_REL(v, 290017.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2020, CCAP_SEX_FEMALE, 0, 1, &v), CCAP_OK);
    CCAP_ASSERT_REL(v, 45012.5, 1e-15);
    CCAP_ASSERT_STATUS(ccap_margins_get(m, 8, &a), CCAP_OK);
    CU_ASSERT_STRING_EQUAL(a.note, "derived: residual, \"rounded\"");
    /* The census figures as read: sexes add up to the total, 4,876,561 + 4,836,551. */
    {
        double male = 0.0, female = 0.0;
        ccap_margins_find(m, 0, 2020, CCAP_SEX_MALE, 0, CCAP_AGE_OPEN, &male);
        ccap_margins_find(m, 0, 2020, CCAP_SEX_FEMALE, 0, CCAP_AGE_OPEN, &female);
        CCAP_ASSERT_REL(male + female, 9713112.0, 1e-15);
    }
    CCAP_ASSERT_STATUS(ccap_margins_children_sum(m, regions, 0, 2020, CCAP_SEX_BOTH, 0,
                                                 CCAP_AGE_OPEN, &v),
                       CCAP_OK);
    CCAP_ASSERT_REL(v, 9713112.0, 1e-15); /* 633,563 + 9,079,549 */

    ccap_test_tmp(path, sizeof path, "roundtrip_margins.csv");
    CCAP_ASSERT_STATUS(ccap_csv_write_margins(path, regions, m, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_read_margins(path, regions, &back, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    CU_ASSERT_EQUAL(ccap_margins_count(back), 11);
    for (i = 0; i < 11; i++) {
        ccap_margins_get(m, i, &a);
        ccap_margins_get(back, i, &b);
        CU_ASSERT(a.region == b.region && a.year == b.year && a.sex == b.sex &&
                  a.age_lo == b.age_lo && a.age_hi == b.age_hi);
        CU_ASSERT_EQUAL(memcmp(&a.value, &b.value, sizeof a.value), 0);
        CU_ASSERT_STRING_EQUAL(a.note, b.note);
    }
    ccap_margins_free(m);
    ccap_margins_free(back);
    unlink(path);
}

/* Reading and writing do not depend on the process locale's decimal separator. */
static void
test_csv__locale_independent(void)
{
    static const char *const comma_locales[] = {"de_DE.UTF-8", "fr_FR.UTF-8", "ru_RU.UTF-8"};
    ccap_population *pop = NULL;
    ccap_diag diag;
    char path[512];
    double s = 0.0;
    size_t i;
    int switched = 0;

    for (i = 0; i < 3 && !switched; i++)
        switched = setlocale(LC_NUMERIC, comma_locales[i]) != NULL;
    if (!switched) {
        fprintf(stderr, " (no decimal-comma locale installed: checking the C locale only) ");
    }
    CCAP_ASSERT_STATUS(ccap_csv_read_population(ccap_test_data(path, sizeof path, "pop5.csv"),
                                                regions, CCAP_YEAR_ANY, &pop, NULL, &diag),
                       CCAP_OK);
    if (pop != NULL) {
        CCAP_ASSERT_STATUS(ccap_population_total(pop, 1, CCAP_SEX_FEMALE, &s), CCAP_OK);
        CCAP_ASSERT_REL(s, 9118.5, 1e-15); /* 1203.5 read as 1203.5, not 1203 */
    }
    ccap_population_free(pop);
    setlocale(LC_NUMERIC, "C");
}

static void
test_csv__write_failures_leave_nothing(void)
{
    ccap_diag diag;
    char path[512], dir[512], tmp[600];

    /* A directory that does not exist: EIO naming the file. */
    ccap_test_tmp(path, sizeof path, "no-such-dir/out.csv");
    CCAP_ASSERT_STATUS(ccap_csv_write_regions(path, regions, &diag), CCAP_EIO);
    CU_ASSERT_EQUAL(diag.status, CCAP_EIO);
    CU_ASSERT_STRING_EQUAL(diag.file, path);

    /* The target is a directory: the rename fails, the directory is untouched, and the
     * temporary file is removed. */
    ccap_test_tmp(dir, sizeof dir, "target-is-a-dir");
    mkdir(dir, 0777);
    CCAP_ASSERT_STATUS(ccap_csv_write_regions(dir, regions, &diag), CCAP_EIO);
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld-0", dir, (long)getpid());
    CU_ASSERT_FALSE(file_exists(tmp));
    CU_ASSERT_EQUAL(rmdir(dir), 0);
}

static void
test_csv__overwrite_is_atomic_replace(void)
{
    ccap_diag diag;
    char path[512], tmp[600];
    ccap_regions *back = NULL;
    FILE *fp;

    ccap_test_tmp(path, sizeof path, "replace.csv");
    fp = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fputs("old content\n", fp);
    fclose(fp);
    CCAP_ASSERT_STATUS(ccap_csv_write_regions(path, regions, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_read_regions(path, &back, NULL, &diag), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_regions_count(back), 5);
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld-0", path, (long)getpid());
    CU_ASSERT_FALSE(file_exists(tmp));
    ccap_regions_free(back);
    unlink(path);
}

/* What Chinese spreadsheets write: 女/男, ages 0岁 … 3岁及以上 (and 3岁以上), numbers grouped
 * by thousands inside quotes.  Each file must give exactly the population of the plain file;
 * the grouped "1,203.5" is 1203.5 and "9,713,112" is 9713112 by definition. */
static void
test_csv__chinese_labels_and_grouped_numbers(void)
{
    static const char plain[] = "region,year,sex,age,population\n"
                                "A11,2020,female,0,1203.5\nA11,2020,female,1,9713112\n"
                                "A11,2020,female,2,12\nA11,2020,female,3+,1000\n"
                                "A11,2020,male,0,1\nA11,2020,male,1,2\n"
                                "A11,2020,male,2,3\nA11,2020,male,3+,1234567.25\n";
    static const char zh[] = "region,year,sex,age,population\n"
                             "A11,2020,女,0岁,\"1,203.5\"\nA11,2020,女,1岁,\"9,713,112\"\n"
                             "A11,2020,女,2 岁,12\nA11,2020,女,3岁及以上,\"1,000\"\n"
                             "A11,2020,男,0周岁,1\nA11,2020,男,1岁,2\n"
                             "A11,2020,男,2岁,3\nA11,2020,男,3岁以上,\"1,234,567.25\"\n";
    ccap_population *a = NULL, *b = NULL;
    ccap_diag diag;
    char path[512];
    size_t r, g;
    int s, same = 1;

    CCAP_ASSERT_STATUS(
        ccap_csv_read_population(ccap_test_write(path, sizeof path, "plain.csv", plain), regions,
                                 2020, &a, NULL, &diag),
        CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_read_population(ccap_test_write(path, sizeof path, "zh.csv", zh),
                                                regions, 2020, &b, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(ccap_population_n_ages(b), 4);
    for (r = 0; r < ccap_regions_count(regions); r++) {
        for (s = 0; s < 2; s++) {
            for (g = 0; g < 4; g++) {
                double x = ccap_population_get(a, r, (ccap_sex)s, g);
                double y = ccap_population_get(b, r, (ccap_sex)s, g);
                if (memcmp(&x, &y, sizeof x) != 0)
                    same = 0;
            }
        }
    }
    CU_ASSERT_TRUE(same);
    CU_ASSERT_EQUAL(ccap_population_get(b, 1, CCAP_SEX_FEMALE, 1), 9713112.0);
    ccap_population_free(a);
    ccap_population_free(b);

    /* A comma that is not a thousands separator is not a number. */
    CCAP_ASSERT_STATUS(
        ccap_csv_read_population(ccap_test_write(path, sizeof path, "decimal_comma.csv",
                                                 "region,year,sex,age,population\n"
                                                 "A11,2020,female,0,\"1,5\"\n"),
                                 regions, 2020, &a, NULL, &diag),
        CCAP_EPARSE);
    CU_ASSERT_STRING_EQUAL(diag.field, "population");
    CU_ASSERT_PTR_NULL(a);
}

/* Margins: 合计 (total) as the sex means both sexes and as the ages all ages; Chinese age
 * ranges 15-59岁 and 60岁及以上 are the ranges [15, 60) and [60, open). */
static void
test_csv__margins_chinese_totals(void)
{
    ccap_margins *m = NULL;
    ccap_margin x;
    ccap_diag diag;
    char path[512];

    CCAP_ASSERT_STATUS(ccap_csv_read_margins(ccap_test_write(path, sizeof path, "margins_zh.csv",
                                                             "region,year,sex,ages,population\n"
                                                             "C01,2020,合计,合计,\"9,713,112\"\n"
                                                             "C01,2020,合计,15-59岁,5341118\n"
                                                             "C01,2020,女,60岁及以上,1000\n"),
                                             regions, &m, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL_FATAL(ccap_margins_count(m), 3);
    CCAP_ASSERT_STATUS(ccap_margins_get(m, 0, &x), CCAP_OK);
    CU_ASSERT_EQUAL(x.sex, CCAP_SEX_BOTH);
    CU_ASSERT_EQUAL(x.age_lo, 0);
    CU_ASSERT_EQUAL(x.age_hi, CCAP_AGE_OPEN);
    CU_ASSERT_EQUAL(x.value, 9713112.0);
    CCAP_ASSERT_STATUS(ccap_margins_get(m, 1, &x), CCAP_OK);
    CU_ASSERT_EQUAL(x.age_lo, 15);
    CU_ASSERT_EQUAL(x.age_hi, 60);
    CCAP_ASSERT_STATUS(ccap_margins_get(m, 2, &x), CCAP_OK);
    CU_ASSERT_EQUAL(x.sex, CCAP_SEX_FEMALE);
    CU_ASSERT_EQUAL(x.age_lo, 60);
    CU_ASSERT_EQUAL(x.age_hi, CCAP_AGE_OPEN);
    ccap_margins_free(m);
}

/* A margins row whose population lost its quotes: 268,979 read as population 268 and the
 * note "979", refused as one number split at its comma; a note that is only a number is
 * refused too, at the note. */
static void
test_csv__margins_split_number_refused(void)
{
    static const struct {
        const char *file;
        unsigned long column;
        const char *message;
    } cases[] = {
        {"bad/mar_thousands_note.csv", 5,
         "'268' and the note '979' read as one number, 268,979, split at its comma: a number "
         "with a thousands separator needs quotes (\"268,979\")"},
        {"bad/mar_numeric_note.csv", 6,
         "the note '2020' is a number: a note says where a figure comes from (published: ..., "
         "derived: ..., assumed: ...); is a value in the wrong column?"},
    };
    ccap_margins *m = NULL;
    ccap_margin x;
    ccap_diag diag;
    char path[512];
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CCAP_ASSERT_STATUS(ccap_csv_read_margins(ccap_test_data(path, sizeof path, cases[i].file),
                                                 regions, &m, NULL, &diag),
                           CCAP_EPARSE);
        CU_ASSERT_PTR_NULL(m);
        CU_ASSERT_EQUAL(diag.line, 3);
        CU_ASSERT_EQUAL(diag.column, cases[i].column);
        CU_ASSERT_STRING_EQUAL(diag.message, cases[i].message);
    }
    /* quoted, the same figure is read whole; a note in words after it is kept */
    CCAP_ASSERT_STATUS(ccap_csv_read_margins(ccap_test_write(path, sizeof path, "margins_q.csv",
                                                             "region,year,sex,ages,population,"
                                                             "note\n"
                                                             "A11,2020,both,total,\"268,979\","
                                                             "公布：2020年人口普查\n"),
                                             regions, &m, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CCAP_ASSERT_STATUS(ccap_margins_get(m, 0, &x), CCAP_OK);
    CU_ASSERT_EQUAL(x.value, 268979.0);
    CU_ASSERT_STRING_EQUAL(x.note, "公布：2020年人口普查");
    CU_ASSERT_EQUAL(ccap_note_provenance(x.note), CCAP_PROVENANCE_PUBLISHED);
    ccap_margins_free(m);
}

/* The census date as Excel on a Chinese Windows writes it, 2020/11/1 or 2020年11月1日, is
 * the date 2020-11-01. */
static void
test_csv__population_excel_dates(void)
{
    static const char *const dates[] = {"2020/11/1", "2020年11月1日"};
    ccap_population *p = NULL;
    ccap_diag diag;
    char path[512], text[512];
    ccap_date d;
    size_t i;

    for (i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        snprintf(text, sizeof text,
                 "region,year,sex,age,population,date\n"
                 "A11,2020,female,0,10,%s\nA11,2020,female,1+,20,%s\n"
                 "A11,2020,male,0,11,%s\nA11,2020,male,1+,21,%s\n",
                 dates[i], dates[i], dates[i], dates[i]);
        CCAP_ASSERT_STATUS(
            ccap_csv_read_population(ccap_test_write(path, sizeof path, "pop_dates.csv", text),
                                     regions, 2020, &p, NULL, &diag),
            CCAP_OK);
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        d = ccap_population_date(p);
        CU_ASSERT(d.year == 2020 && d.month == 11 && d.day == 1);
        ccap_population_free(p);
        p = NULL;
    }
}

/* A file over CCAP_CSV_FILE_MAX is refused from its size, before a byte is read: a sparse
 * file of 1 GiB + 1 bytes takes no disk space, and the reader must not allocate 1 GiB
 * (under AddressSanitizer or valgrind that would show). */
static void
test_csv__huge_file_refused_before_reading(void)
{
    ccap_regions *r = NULL;
    ccap_diag diag;
    char path[512];
    FILE *fp;

    ccap_test_tmp(path, sizeof path, "huge.csv");
    fp = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    CU_ASSERT_EQUAL(ftruncate(fileno(fp), (off_t)CCAP_CSV_FILE_MAX + 1), 0);
    fclose(fp);
    CCAP_ASSERT_STATUS(ccap_csv_read_regions(path, &r, NULL, &diag), CCAP_ERANGE);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "larger than 1073741824 bytes"));
    unlink(path);
}

/* Excel's "CSV (逗号分隔)" on a Chinese Windows: the header 地区 (region) in GB18030 bytes.
 * Automatic detection converts it with one warning naming the file; asking for GB18030
 * converts it silently; asking for UTF-8 refuses it at line 1, offset 0, the first byte
 * 0xB5 of 地 (B5D8 in GB18030).  The rows are the plain ASCII ones of the file. */
static void
test_csv__gb18030_converted(void)
{
    ccap_read_options gb = {CCAP_ENCODING_GB18030}, utf8 = {CCAP_ENCODING_UTF8};
    ccap_population *pop = NULL;
    ccap_diag diag;
    char path[512];

    ccap_test_data(path, sizeof path, "gb18030_header.csv");
    CCAP_ASSERT_STATUS(ccap_csv_read_population(path, regions, 2020, &pop, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    CU_ASSERT_EQUAL(diag.status, CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "read as GB18030"));
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.file, "gb18030_header.csv"));
    CU_ASSERT_EQUAL(ccap_population_get(pop, 1, CCAP_SEX_FEMALE, 0), 100.5);
    ccap_population_free(pop);
    pop = NULL;

    CCAP_ASSERT_STATUS(ccap_csv_read_population(path, regions, 2020, &pop, &gb, &diag), CCAP_OK);
    CU_ASSERT_EQUAL(diag.message[0], '\0'); /* asked for: no warning */
    ccap_population_free(pop);
    pop = NULL;

    CCAP_ASSERT_STATUS(ccap_csv_read_population(path, regions, 2020, &pop, &utf8, &diag),
                       CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(pop);
    CU_ASSERT_EQUAL(diag.line, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "byte 0xB5 at offset 0 is not valid UTF-8"));
}

/* Latin-1 text is neither UTF-8 nor GB18030 text: 'ü' (0xFC) before the letter 'r' would
 * make a valid GBK pair, so the detection rule (no trail byte in 0x40-0x7E) is what refuses
 * it, at the first bad byte: line 2, offset 35 of tests/data/bad/latin1.csv.  Asked for as
 * GB18030, "Zü" converts (to a wrong character) but 'é' (0xE9) before a space does not:
 * line 3, offset 50. */
static void
test_csv__latin1_refused(void)
{
    ccap_read_options gb = {CCAP_ENCODING_GB18030};
    ccap_regions *r = NULL;
    ccap_diag diag;
    char path[512];

    ccap_test_data(path, sizeof path, "bad/latin1.csv");
    CCAP_ASSERT_STATUS(ccap_csv_read_regions(path, &r, NULL, &diag), CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_EQUAL(diag.line, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "byte 0xFC at offset 35"));
    CCAP_ASSERT_STATUS(ccap_csv_read_regions(path, &r, &gb, &diag), CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_EQUAL(diag.line, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "byte 0xE9 at offset 50 is not valid GB18030"));
}

/* Chinese column headers are aliases of the English ones (here a slots table with 是/否
 * for the inclusive flag), matched exactly like the English names. */
static void
test_csv__chinese_headers(void)
{
    ccap_population *a = NULL, *b = NULL;
    ccap_diag diag;
    char path[512];
    double x, y;

    CCAP_ASSERT_STATUS(
        ccap_csv_read_population(
            ccap_test_write(path, sizeof path, "zh_headers.csv",
                            "地区,年份,性别,年龄,人口,日期\n"
                            "A11,2020,女,0岁,10,2020-11-01\nA11,2020,女,1岁及以上,20,2020-11-01\n"
                            "A11,2020,男,0岁,30,2020-11-01\nA11,2020,男,1岁及以上,40,2020-11-01\n"),
            regions, 2020, &a, NULL, &diag),
        CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_csv_read_population(
            ccap_test_write(path, sizeof path, "en_headers.csv",
                            "region,year,sex,age,population,date\n"
                            "A11,2020,female,0,10,2020-11-01\nA11,2020,female,1+,20,2020-11-01\n"
                            "A11,2020,male,0,30,2020-11-01\nA11,2020,male,1+,40,2020-11-01\n"),
            regions, 2020, &b, NULL, &diag),
        CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    x = ccap_population_get(a, 1, CCAP_SEX_MALE, 1);
    y = ccap_population_get(b, 1, CCAP_SEX_MALE, 1);
    CU_ASSERT_EQUAL(x, 40.0);
    CU_ASSERT_EQUAL(y, 40.0);
    ccap_population_free(a);
    ccap_population_free(b);
}

/* Tables as Chinese spreadsheets write them: the county column headed 区县, years as
 * "2020年" (or 2020年末), read as the codes and years they mean; a region's name where its
 * code belongs is refused with the code to give ('甲县' is A11), the names of two regions
 * with both codes. */
static void
test_csv__chinese_years_and_region_names(void)
{
    ccap_population *a = NULL;
    ccap_diag diag;
    char path[512];

    CCAP_ASSERT_STATUS(
        ccap_csv_read_population(
            ccap_test_write(
                path, sizeof path, "zh_years.csv",
                "区县,年份,性别,年龄,人口,日期\n"
                "A11,2020年,女,0岁,10,2020-11-01\nA11,2020年末,女,1岁及以上,20,2020-11-01\n"
                "A11,2020年,男,0岁,30,2020-11-01\nA11,2020年底,男,1岁及以上,40,2020-11-01\n"),
            regions, 2020, &a, NULL, &diag),
        CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(ccap_population_get(a, 1, CCAP_SEX_MALE, 1), 40.0);
    ccap_population_free(a);
    a = NULL;
    CCAP_ASSERT_STATUS(
        ccap_csv_read_population(ccap_test_write(path, sizeof path, "zh_names.csv",
                                                 "区县,年份,性别,年龄,人口\n"
                                                 "A11,2020,女,0,10\n甲县,2020,女,1+,20\n"),
                                 regions, 2020, &a, NULL, &diag),
        CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(a);
    CU_ASSERT_EQUAL(diag.line, 3);
    CU_ASSERT_STRING_EQUAL(diag.field, "region");
    CU_ASSERT_STRING_EQUAL(diag.message,
                           "'甲县' is a name: give its code, A11 (the region table's code column)");
    CCAP_ASSERT_STATUS(ccap_csv_read_population(ccap_test_write(path, sizeof path, "en_names.csv",
                                                                "region,year,sex,age,population\n"
                                                                "B North,2020,female,0,10\n"),
                                                regions, 2020, &a, NULL, &diag),
                       CCAP_EPARSE);
    CU_ASSERT_STRING_EQUAL(diag.message, "'B North' is a name: give its code, B121 (the region "
                                         "table's code column)");
    CCAP_ASSERT_STATUS(ccap_csv_read_population(ccap_test_write(path, sizeof path, "bad_year.csv",
                                                                "region,year,sex,age,population\n"
                                                                "A11,2020年度,female,0,10\n"),
                                                regions, 2020, &a, NULL, &diag),
                       CCAP_EPARSE);
    CU_ASSERT_STRING_EQUAL(diag.message, "'2020年度' is not a whole year");
}

/* The peak resident memory of this process so far, in kB (VmHWM), or -1 when /proc does
 * not tell.  reset_peak() starts a new peak where the kernel allows it (clear_refs 5). */
static long
peak_kb(void)
{
    char line[256];
    long kb = -1;
    FILE *fp = fopen("/proc/self/status", "r");

    if (fp == NULL)
        return -1;
    while (fgets(line, sizeof line, fp) != NULL) {
        if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
            break;
    }
    fclose(fp);
    return kb;
}

static void
reset_peak(void)
{
    FILE *fp = fopen("/proc/self/clear_refs", "w");

    if (fp != NULL) {
        fputs("5", fp);
        fclose(fp);
    }
}

static double
seconds_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* A FIFO nobody writes to, a device that never ends (/dev/zero) and a directory are refused
 * before a byte is read: at once, and without memory growing (the old reader waited for a
 * writer for ever, and read /dev/zero to 1 GiB before "out of memory").  alarm() ends the
 * test run instead of letting a blocked read hang it. */
static void
test_csv__fifo_and_device_refused(void)
{
    ccap_regions *r = (ccap_regions *)&r;
    ccap_diag diag;
    char path[512];
    double t0;
    long before;

    alarm(5);
    reset_peak();
    before = peak_kb();
    t0 = seconds_now();
    CCAP_ASSERT_STATUS(ccap_csv_read_regions("/dev/zero", &r, NULL, &diag), CCAP_EIO);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT(seconds_now() - t0 < 1.0);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "not a regular file (a character device)"));
    if (before > 0)
        CU_ASSERT(peak_kb() - before < 100 * 1024);

    ccap_test_tmp(path, sizeof path, "fifo.csv");
    unlink(path);
    CU_ASSERT_EQUAL_FATAL(mkfifo(path, 0600), 0);
    r = (ccap_regions *)&r;
    t0 = seconds_now();
    CCAP_ASSERT_STATUS(ccap_csv_read_regions(path, &r, NULL, &diag), CCAP_EIO);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT(seconds_now() - t0 < 1.0);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "not a regular file (a FIFO or pipe)"));
    CU_ASSERT_EQUAL(diag.line, 0);
    unlink(path);

    r = (ccap_regions *)&r;
    CCAP_ASSERT_STATUS(
        ccap_csv_read_regions(ccap_test_tmp(path, sizeof path, "."), &r, NULL, &diag), CCAP_EIO);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "not a regular file (a directory)"));
    alarm(0);
}

/* A file of exactly CCAP_CSV_FILE_MAX bytes is inside the limit: it is read, here to be
 * refused for what it holds (a sparse file: NUL bytes, refused as they are read, so
 * without the memory of the whole file), not for "out of memory" (the buffer used to be
 * grown past the limit by its reading slack). */
static void
test_csv__file_at_limit_not_out_of_memory(void)
{
    ccap_regions *r = NULL;
    ccap_diag diag;
    char path[512];
    long before;
    FILE *fp;

    ccap_test_tmp(path, sizeof path, "at_limit.csv");
    fp = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    CU_ASSERT_EQUAL(ftruncate(fileno(fp), (off_t)CCAP_CSV_FILE_MAX), 0);
    fclose(fp);
    reset_peak();
    before = peak_kb();
    CCAP_ASSERT_STATUS(ccap_csv_read_regions(path, &r, NULL, &diag), CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_EQUAL(diag.line, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "NUL byte at offset 0"));
    if (before > 0)
        CU_ASSERT(peak_kb() - before < 100 * 1024);
    unlink(path);
}

/* A field longer than CCAP_CSV_FIELD_BYTES_MAX (64 KiB) is refused as it arrives, naming
 * its line and its place in the row: here 1 MB of digits as the second field of line 3,
 * once unquoted and once quoted over two lines (the line where it passes the limit). */
static void
test_csv__long_field_refused(void)
{
    static const char head[] = "region,year,sex,ages,population,note\n"
                               "C01,2020,both,total,9713112,\n";
    size_t n = 1000000, k = CCAP_CSV_FIELD_BYTES_MAX;
    char *text = malloc(sizeof head + n + 64), *p;
    ccap_margins *m = (ccap_margins *)&m;
    ccap_diag diag;
    char path[512];

    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    p = text + sprintf(text, "%sC01,", head);
    memset(p, '7', n);
    strcpy(p + n, ",both,total,1,\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_margins(ccap_test_write(path, sizeof path, "long.csv", text),
                                             regions, &m, NULL, &diag),
                       CCAP_ERANGE);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_EQUAL(diag.line, 3);
    CU_ASSERT_EQUAL(diag.column, 2);
    CU_ASSERT_STRING_EQUAL(diag.field, "field 2");
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "65536 bytes"));

    /* quoted, 40000 digits on line 3 and the rest on line 4 */
    p = text + sprintf(text, "%sC01,\"", head);
    memset(p, '7', n);
    p[40000] = '\n';
    strcpy(p + n, "\",both,total,1,\n");
    m = (ccap_margins *)&m;
    CCAP_ASSERT_STATUS(ccap_csv_read_margins(ccap_test_write(path, sizeof path, "long.csv", text),
                                             regions, &m, NULL, &diag),
                       CCAP_ERANGE);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_EQUAL(diag.line, 4);
    CU_ASSERT_STRING_EQUAL(diag.field, "field 2");

    /* A note of exactly the limit passes the tokeniser, to be refused by the rule for
     * notes (CCAP_MARGIN_NOTE_MAX); one byte more does not. */
    p = text + sprintf(text, "%sC01,2020,male,total,1,", head);
    memset(p, 'x', k + 1);
    strcpy(p + k, "\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_margins(ccap_test_write(path, sizeof path, "long.csv", text),
                                             regions, &m, NULL, &diag),
                       CCAP_EPARSE);
    CU_ASSERT_STRING_EQUAL(diag.field, "note");
    p[k] = 'x';
    strcpy(p + k + 1, "\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_margins(ccap_test_write(path, sizeof path, "long.csv", text),
                                             regions, &m, NULL, &diag),
                       CCAP_ERANGE);
    CU_ASSERT_EQUAL(diag.line, 3);
    CU_ASSERT_STRING_EQUAL(diag.field, "field 6");
    unlink(path);
    free(text);
}

/* Line ends of old Mac exports, a lone CR, count as lines (as LF and CRLF do): the bad
 * value is on line 4 of a file of CR, LF and CRLF lines, and of a file of CRs only. */
static void
test_csv__cr_line_ends(void)
{
    ccap_population *p = (ccap_population *)&p;
    ccap_diag diag;
    char path[512];

    CCAP_ASSERT_STATUS(ccap_csv_read_population(ccap_test_write(path, sizeof path, "cr.csv",
                                                                "region,year,sex,age,population\r"
                                                                "A11,2020,female,0,10\n"
                                                                "A11,2020,female,1+,20\r\n"
                                                                "A11,2020,male,0,x30\r"
                                                                "A11,2020,male,1+,40\r"),
                                                regions, 2020, &p, NULL, &diag),
                       CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_EQUAL(diag.line, 4);
    CU_ASSERT_EQUAL(diag.column, 5);

    /* a quoted name over two lines ended by CRs: the row starts on line 3 */
    p = (ccap_population *)&p;
    CCAP_ASSERT_STATUS(ccap_csv_read_population(ccap_test_write(path, sizeof path, "cr.csv",
                                                                "region,year,sex,age,population\r"
                                                                "A11,2020,female,0,10\r"
                                                                "\"A\r11\",2020,female,1+,20\r"),
                                                regions, 2020, &p, NULL, &diag),
                       CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_EQUAL(diag.line, 3);
    unlink(path);
}

/* A byte-order mark is skipped once; a second one (a file saved twice with a BOM) or a
 * U+FEFF inside a column name would otherwise show as an invisible character in "unknown
 * column": refused, saying so. */
static void
test_csv__bom_in_header(void)
{
    ccap_population *p = (ccap_population *)&p;
    ccap_diag diag;
    char path[512];

    CCAP_ASSERT_STATUS(
        ccap_csv_read_population(ccap_test_data(path, sizeof path, "bad/double_bom.csv"), regions,
                                 2020, &p, NULL, &diag),
        CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_EQUAL(diag.line, 1);
    CU_ASSERT_EQUAL(diag.column, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "a second byte-order mark (U+FEFF)"));
    CU_ASSERT_PTR_NULL(strstr(diag.message, "\xEF\xBB\xBF"));

    p = (ccap_population *)&p;
    CCAP_ASSERT_STATUS(
        ccap_csv_read_population(ccap_test_write(path, sizeof path, "bom.csv",
                                                 "region,year,\xEF\xBB\xBFsex,age,population\n"
                                                 "A11,2020,female,0,10\n"),
                                 regions, 2020, &p, NULL, &diag),
        CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_EQUAL(diag.column, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "byte-order mark (U+FEFF)"));
    CU_ASSERT_PTR_NULL(strstr(diag.message, "\xEF\xBB\xBF"));
    CU_ASSERT_PTR_NULL(strstr(diag.field, "\xEF\xBB\xBF"));
    unlink(path);
}

/* GB18030 text (地区 B5D8 C7F8 in the header, 女 C5AE on line 2) with a byte that is
 * neither GB18030 nor UTF-8 (0xFF) on line 3: the error is at that byte, on line 3, not
 * at the first Chinese character (which is only "not UTF-8"), whether the encoding is
 * detected or asked for. */
static void
test_csv__gb18030_bad_byte_line(void)
{
    static const char text[] = "\xB5\xD8\xC7\xF8,year,sex,age,population\n"
                               "A11,2020,\xC5\xAE,0,10\n"
                               "A11,2020,female,1+,\xFF"
                               "20\n";
    ccap_read_options gb = {CCAP_ENCODING_GB18030};
    ccap_population *p = (ccap_population *)&p;
    ccap_diag diag;
    char path[512];
    char offset[64];

    snprintf(offset, sizeof offset, "byte 0xFF at offset %zu", strchr(text, '\xFF') - text);
    ccap_test_write(path, sizeof path, "gb_bad.csv", text);
    CCAP_ASSERT_STATUS(ccap_csv_read_population(path, regions, 2020, &p, NULL, &diag), CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_EQUAL(diag.line, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, offset));
    p = (ccap_population *)&p;
    CCAP_ASSERT_STATUS(ccap_csv_read_population(path, regions, 2020, &p, &gb, &diag), CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_EQUAL(diag.line, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, offset));
    unlink(path);
}

/* A valid decimal is a number however many digits it is written with: 10 followed by
 * 200 zeros after the point, 2.5e-151 written out, and 40 after 200 leading zeros. */
static void
test_csv__long_decimals(void)
{
    char text[2048], ten[256], small[256], forty[256];
    ccap_population *p = NULL;
    ccap_diag diag;
    char path[512];

    snprintf(ten, sizeof ten, "10.%0200d", 0);
    snprintf(small, sizeof small, "0.%0150d25", 0);
    snprintf(forty, sizeof forty, "%0200d40", 0);
    snprintf(text, sizeof text,
             "region,year,sex,age,population\nA11,2020,female,0,%s\nA11,2020,female,1+,%s\n"
             "A11,2020,male,0,%s\nA11,2020,male,1+,\"%s\"\n",
             ten, small, forty,
             "1,203.50000000000000000000000000000000000000000000000000000"
             "00000000000000000000000000000000000000000000000000000000000");
    CCAP_ASSERT_STATUS(
        ccap_csv_read_population(ccap_test_write(path, sizeof path, "long_num.csv", text), regions,
                                 2020, &p, NULL, &diag),
        CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(ccap_population_get(p, 1, CCAP_SEX_FEMALE, 0), 10.0);
    CU_ASSERT_EQUAL(ccap_population_get(p, 1, CCAP_SEX_FEMALE, 1), 2.5e-151);
    CU_ASSERT_EQUAL(ccap_population_get(p, 1, CCAP_SEX_MALE, 0), 40.0);
    CU_ASSERT_EQUAL(ccap_population_get(p, 1, CCAP_SEX_MALE, 1), 1203.5);
    ccap_population_free(p);
    unlink(path);
}

static void
test_csv__argument_errors(void)
{
    ccap_regions *r = (ccap_regions *)&r;
    ccap_population *p = NULL;
    ccap_margins *m = NULL;
    ccap_regions *unfinished = ccap_regions_alloc();
    ccap_diag diag;
    char path[512];

    CCAP_ASSERT_STATUS(ccap_csv_read_regions(NULL, &r, NULL, &diag), CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(r);
    CCAP_ASSERT_STATUS(ccap_csv_read_regions("x.csv", NULL, NULL, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_csv_read_population("x.csv", NULL, CCAP_YEAR_ANY, &p, NULL, &diag),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_csv_read_margins("x.csv", regions, NULL, NULL, &diag), CCAP_EINVAL);
    ccap_regions_add(unfinished, "X", NULL, NULL, NULL, NULL);
    CCAP_ASSERT_STATUS(ccap_csv_read_population(ccap_test_data(path, sizeof path, "pop5.csv"),
                                                unfinished, CCAP_YEAR_ANY, &p, NULL, &diag),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_csv_write_regions("x.csv", unfinished, &diag), CCAP_ESTATE);
    ccap_regions_free(unfinished);
    /* A missing file is an I/O error naming the file, without a line. */
    CCAP_ASSERT_STATUS(ccap_csv_read_margins("does-not-exist.csv", regions, &m, NULL, &diag),
                       CCAP_EIO);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_STRING_EQUAL(diag.file, "does-not-exist.csv");
    CU_ASSERT_EQUAL(diag.line, 0);
    CU_ASSERT(strstr(diag.message, "cannot open") != NULL);
}

/* A file that gives a parent's rows as well as its children's.  Ages 0 and 5+; the
 * leaves A11, B121 and B122 have 10, 20 and 30 persons in every cell, then come the rows of
 * C01 and (b12 >= 0) of B12, each the same in every cell. */
static int
write_parent_file(const char *path, double c01, double b12)
{
    static const char *const code[] = {"A11", "B121", "B122", "C01", "B12"};
    const double v[] = {10.0, 20.0, 30.0, c01, b12};
    FILE *fp = fopen(path, "w");
    size_t i, s, a;

    if (fp == NULL)
        return -1;
    fprintf(fp, "region,year,sex,age,population\n");
    for (i = 0; i < (b12 >= 0.0 ? 5u : 4u); i++)
        for (s = 0; s < 2; s++)
            for (a = 0; a < 2; a++)
                fprintf(fp, "%s,2020,%s,%s,%g\n", code[i], s == 0 ? "female" : "male",
                        a == 0 ? "0" : "5+", v[i]);
    return fclose(fp);
}

/* The rows of a parent must add up its children's: C01's children (A11 and B12, itself the
 * sum of B121 and B122) add up to 60 a cell, 240 in all.  Rows that agree up to rounding
 * (60.4) are kept as read; rows of 30 a cell are refused at the first of them, with both
 * totals; so is a B12 of 45 a cell against the 50 of its own children. */
static void
test_csv__population_parent_rows_checked(void)
{
    ccap_population *pop = NULL;
    ccap_diag diag;
    char path[512];
    double s = 0.0;

    ccap_test_tmp(path, sizeof path, "parent.csv");
    CU_ASSERT_EQUAL_FATAL(write_parent_file(path, 60.4, -1.0), 0);
    CCAP_ASSERT_STATUS(ccap_csv_read_population(path, regions, CCAP_YEAR_ANY, &pop, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    CCAP_ASSERT_STATUS(ccap_population_total(pop, 0, CCAP_SEX_BOTH, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 241.6, 1e-15);
    ccap_population_free(pop);
    pop = NULL;

    CU_ASSERT_EQUAL_FATAL(write_parent_file(path, 60.0, 50.0), 0);
    CCAP_ASSERT_STATUS(ccap_csv_read_population(path, regions, CCAP_YEAR_ANY, &pop, NULL, &diag),
                       CCAP_OK);
    ccap_population_free(pop);
    pop = NULL;

    CU_ASSERT_EQUAL_FATAL(write_parent_file(path, 30.0, -1.0), 0);
    CCAP_ASSERT_STATUS(ccap_csv_read_population(path, regions, CCAP_YEAR_ANY, &pop, NULL, &diag),
                       CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(pop);
    CU_ASSERT_EQUAL(diag.line, 14); /* the header, 12 rows of the leaves, C01 female 0 */
    CU_ASSERT_STRING_EQUAL(diag.field, "population");
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "region 'C01'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, " 120 "));
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, " 240 "));

    CU_ASSERT_EQUAL_FATAL(write_parent_file(path, 55.0, 45.0), 0);
    CCAP_ASSERT_STATUS(ccap_csv_read_population(path, regions, CCAP_YEAR_ANY, &pop, NULL, &diag),
                       CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(pop);
    CU_ASSERT_EQUAL(diag.line, 18);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "region 'B12'"));
    unlink(path);
}

/* A population table the readers would refuse is not written: 7,000 populations of 5
 * regions x 2 sexes x 101 ages are 7,070,000 rows, 42,420,006 fields with the header (6 a
 * row: region,name,year,sex,age,population), more than CCAP_CSV_FIELDS_MAX (2^25).  Refused
 * before the file is opened.  One of them is written with the region's name beside its
 * code, and read back: the name is taken and left, the counts are the same. */
static void
test_csv__population_table_too_large_not_written(void)
{
    enum { N = 7000 };
    ccap_population *pop = ccap_population_alloc(5, 101, 1);
    const ccap_population **pops = malloc(N * sizeof *pops);
    ccap_diag diag;
    char path[512];
    size_t i, r;

    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pops);
    for (r = 0; r < 5; r++)
        ccap_population_set(pop, r, CCAP_SEX_FEMALE, 0, 1.0);
    for (i = 0; i < N; i++)
        pops[i] = pop;
    ccap_test_tmp(path, sizeof path, "too_large_pop.csv");
    unlink(path);
    CCAP_ASSERT_STATUS(ccap_csv_write_populations(path, regions, pops, N, &diag), CCAP_ERANGE);
    CU_ASSERT_FALSE(file_exists(path));
    CU_ASSERT_STRING_EQUAL(diag.file, path);
    /* (7000 x 5 x 2 x 101 + 1 header) rows x 6 fields (region,name,year,sex,age,population) */
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "42420006 fields (7000 populations x 5 regions "
                                                "x 2 sexes x 101 age groups, 6 fields a row)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "CCAP_CSV_FIELDS_MAX, 33554432"));
    /* one of them is written */
    CCAP_ASSERT_STATUS(ccap_csv_write_populations(path, regions, pops, 1, &diag), CCAP_OK);
    CU_ASSERT_TRUE(file_exists(path));
    unlink(path);
    /* a table of the counties alone (A11, B121, B122: one child aged 0 each), named, and
     * read back: A11 holds its one child */
    {
        ccap_population *leaves = ccap_population_alloc(5, 101, 1);
        const ccap_population *one[1];
        FILE *fp;
        char line[256] = "", want[256];
        ccap_population *back = NULL;
        double v = NAN;
        CU_ASSERT_PTR_NOT_NULL_FATAL(leaves);
        ccap_population_set_year(leaves, 2020);
        for (r = 0; r < 5; r++)
            if (ccap_regions_n_children(regions, r) == 0)
                ccap_population_set(leaves, r, CCAP_SEX_FEMALE, 0, 1.0);
        one[0] = leaves;
        CCAP_ASSERT_STATUS(ccap_csv_write_populations(path, regions, one, 1, &diag), CCAP_OK);
        ccap_population_free(leaves);
        fp = fopen(path, "r");
        CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
        CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, fp));
        CU_ASSERT_STRING_EQUAL(line, "region,name,year,sex,age,population\n");
        CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, fp));
        snprintf(want, sizeof want, "%s,%s,", ccap_regions_code(regions, 1),
                 ccap_regions_name(regions, 1)); /* A11,甲县, */
        CU_ASSERT_EQUAL(strncmp(line, want, strlen(want)), 0);
        fclose(fp);
        CCAP_ASSERT_STATUS(
            ccap_csv_read_population(path, regions, CCAP_YEAR_ANY, &back, NULL, &diag), CCAP_OK);
        CU_ASSERT_PTR_NOT_NULL_FATAL(back);
        CCAP_ASSERT_STATUS(ccap_population_total(back, 1, CCAP_SEX_BOTH, &v), CCAP_OK);
        CU_ASSERT_EQUAL(v, 1.0);
        ccap_population_free(back);
    }
    unlink(path);
    free(pops);
    ccap_population_free(pop);
}

/* A program's table is never one the readers refuse: 257 columns are refused at the open;
 * with 256 the header and 131,071 rows make 2^25 fields, the most a reader takes, and the
 * next row is refused, so is the commit, and nothing is left behind. */
static void
test_csv__writer_refuses_what_readers_refuse(void)
{
    static const char *fields[257];
    ccap_csv_writer *w;
    ccap_diag diag;
    char path[512];
    size_t i;
    int status = CCAP_OK;

    for (i = 0; i < 257; i++)
        fields[i] = "";
    ccap_test_tmp(path, sizeof path, "writer_limits.csv");
    unlink(path);
    CU_ASSERT_PTR_NULL(ccap_csv_writer_open(path, fields, 257, &diag));
    CU_ASSERT_EQUAL(diag.status, CCAP_ERANGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "257 columns"));
    w = ccap_csv_writer_open(path, fields, 256, &diag);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    for (i = 0; i < 200000 && status == CCAP_OK; i++)
        status = ccap_csv_writer_row(w, fields, 256);
    CU_ASSERT_EQUAL(status, CCAP_ERANGE);
    CU_ASSERT_EQUAL(i, 131072); /* 131,071 rows written, the next refused */
    CCAP_ASSERT_STATUS(ccap_csv_writer_row(w, fields, 256), CCAP_ERANGE);
    CCAP_ASSERT_STATUS(ccap_csv_writer_commit(w, &diag), CCAP_ERANGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "after 131072 rows (33554432 fields"));
    CU_ASSERT_STRING_EQUAL(diag.file, path);
    CU_ASSERT_FALSE(file_exists(path));
}

static CU_TestInfo csv_tests[] = {
    {"regions", test_csv__regions},
    {"population", test_csv__population},
    {"population_select_year", test_csv__population_select_year},
    {"population_excel_dialect", test_csv__population_excel_dialect},
    {"population_excel_dates", test_csv__population_excel_dates},
    {"margins_split_number_refused", test_csv__margins_split_number_refused},
    {"population_parent_rows_checked", test_csv__population_parent_rows_checked},
    {"chinese_labels_and_grouped_numbers", test_csv__chinese_labels_and_grouped_numbers},
    {"margins_chinese_totals", test_csv__margins_chinese_totals},
    {"gb18030_converted", test_csv__gb18030_converted},
    {"latin1_refused", test_csv__latin1_refused},
    {"chinese_headers", test_csv__chinese_headers},
    {"chinese_years_and_region_names", test_csv__chinese_years_and_region_names},
    {"huge_file_refused_before_reading", test_csv__huge_file_refused_before_reading},
    {"fifo_and_device_refused", test_csv__fifo_and_device_refused},
    {"file_at_limit_not_out_of_memory", test_csv__file_at_limit_not_out_of_memory},
    {"long_field_refused", test_csv__long_field_refused},
    {"cr_line_ends", test_csv__cr_line_ends},
    {"bom_in_header", test_csv__bom_in_header},
    {"gb18030_bad_byte_line", test_csv__gb18030_bad_byte_line},
    {"long_decimals", test_csv__long_decimals},
    {"population_round_trip", test_csv__population_round_trip},
    {"population_table_too_large_not_written", test_csv__population_table_too_large_not_written},
    {"writer_refuses_what_readers_refuse", test_csv__writer_refuses_what_readers_refuse},
    {"regions_round_trip", test_csv__regions_round_trip},
    {"margins_and_round_trip", test_csv__margins_and_round_trip},
    {"locale_independent", test_csv__locale_independent},
    {"write_failures_leave_nothing", test_csv__write_failures_leave_nothing},
    {"overwrite_is_atomic_replace", test_csv__overwrite_is_atomic_replace},
    {"argument_errors", test_csv__argument_errors},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "csv", .pInitFunc = setup, .pCleanupFunc = teardown, .pTests = csv_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
