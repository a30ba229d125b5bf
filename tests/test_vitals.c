/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vitals: published births, deaths, year-end population and rates; names, lookup,
 * duplicates, every refusal of ccap_vitals_add, and the reader on good files. */

#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ccap_test.h"

static ccap_regions *tree;

/* tests/data/regions.csv: C01 (0), A11 (1), B121 (2), B12 (3), B122 (4). */
static int
setup(void)
{
    char path[512];

    return ccap_csv_read_regions(ccap_test_data(path, sizeof path, "regions.csv"), &tree, NULL,
                                 NULL) != CCAP_OK;
}

static int
teardown(void)
{
    ccap_regions_free(tree);
    tree = NULL;
    return 0;
}

static size_t
code(const char *c)
{
    size_t i = SIZE_MAX;

    ccap_regions_find(tree, c, &i);
    return i;
}

static void
test_vitals__measure_names(void)
{
    static const struct {
        const char *text;
        ccap_vitals_measure measure;
    } names[] = {
        {"births", CCAP_VITALS_BIRTHS},         {"Deaths", CCAP_VITALS_DEATHS},
        {"POPULATION", CCAP_VITALS_POPULATION}, {"birth_rate", CCAP_VITALS_BIRTH_RATE},
        {"death_rate", CCAP_VITALS_DEATH_RATE}, {"出生人口", CCAP_VITALS_BIRTHS},
        {"出生数", CCAP_VITALS_BIRTHS},         {"死亡人口", CCAP_VITALS_DEATHS},
        {"死亡数", CCAP_VITALS_DEATHS},         {"年末常住人口", CCAP_VITALS_POPULATION},
        {"常住人口", CCAP_VITALS_POPULATION},   {"出生率", CCAP_VITALS_BIRTH_RATE},
        {"死亡率", CCAP_VITALS_DEATH_RATE},
    };
    static const char *const not_measures[] = {"", "birth", "births ", "rate", "合计",
                                               "出生", "人口", "出生率‰"};
    ccap_vitals_measure m;
    size_t i;
    int k;

    for (k = 0; k < CCAP_VITALS_N_MEASURES; k++) {
        m = CCAP_VITALS_DEATH_RATE;
        CCAP_ASSERT_STATUS(
            ccap_vitals_measure_parse(ccap_vitals_measure_name((ccap_vitals_measure)k), &m),
            CCAP_OK);
        CU_ASSERT_EQUAL(m, k);
    }
    CU_ASSERT_STRING_EQUAL(ccap_vitals_measure_name(CCAP_VITALS_BIRTHS), "births");
    CU_ASSERT_STRING_EQUAL(ccap_vitals_measure_name(CCAP_VITALS_POPULATION), "population");
    CU_ASSERT_STRING_EQUAL(ccap_vitals_measure_name(CCAP_VITALS_DEATH_RATE), "death_rate");
    CU_ASSERT_STRING_EQUAL(ccap_vitals_measure_name((ccap_vitals_measure)5), "unknown");
    CU_ASSERT_STRING_EQUAL(ccap_vitals_measure_name((ccap_vitals_measure)-1), "unknown");
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        m = (ccap_vitals_measure)99;
        CCAP_ASSERT_STATUS(ccap_vitals_measure_parse(names[i].text, &m), CCAP_OK);
        CU_ASSERT_EQUAL(m, names[i].measure);
    }
    for (i = 0; i < sizeof not_measures / sizeof not_measures[0]; i++) {
        m = (ccap_vitals_measure)99;
        CCAP_ASSERT_STATUS(ccap_vitals_measure_parse(not_measures[i], &m), CCAP_ENOTFOUND);
        CU_ASSERT_EQUAL(m, 99); /* unchanged */
    }
    CCAP_ASSERT_STATUS(ccap_vitals_measure_parse(NULL, &m), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_vitals_measure_parse("births", NULL), CCAP_EINVAL);
}

static void
test_vitals__add_find_get(void)
{
    ccap_vitals *v = ccap_vitals_alloc();
    ccap_vital got;
    double x = 0.0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_EQUAL(ccap_vitals_count(v), 0);
    CU_ASSERT_EQUAL(ccap_vitals_count(NULL), 0);
    /* Nanyang 2024 (S7): 65,000 births, 82,500 deaths, 9,454,000 residents at the end. */
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 0, 2024, CCAP_VITALS_BIRTHS, 65000.0,
                                       "statistical bulletin 2024", 12, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 0, 2024, CCAP_VITALS_DEATHS, 82500.0, NULL, 13, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_vitals_add(v, 0, 2024, CCAP_VITALS_POPULATION, 9454000.0, "", 0, NULL), CCAP_OK);
    /* crude birth rate, kept per 1,000 as given */
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 1, 2024, CCAP_VITALS_BIRTH_RATE, 6.85, NULL, 0, NULL),
                       CCAP_OK);
    CU_ASSERT_EQUAL(ccap_vitals_count(v), 4);

    CCAP_ASSERT_STATUS(ccap_vitals_find(v, 0, 2024, CCAP_VITALS_DEATHS, &x), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(x, 82500.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_vitals_find(v, 1, 2024, CCAP_VITALS_BIRTH_RATE, &x), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(x, 6.85, 0.0);
    /* another year, region or measure: not found, NAN */
    CCAP_ASSERT_STATUS(ccap_vitals_find(v, 0, 2023, CCAP_VITALS_BIRTHS, &x), CCAP_ENOTFOUND);
    CU_ASSERT(isnan(x));
    CCAP_ASSERT_STATUS(ccap_vitals_find(v, 2, 2024, CCAP_VITALS_BIRTHS, &x), CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_vitals_find(v, 0, 2024, CCAP_VITALS_BIRTH_RATE, &x),
                       CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_vitals_find(v, 1, 2024, CCAP_VITALS_DEATH_RATE, &x),
                       CCAP_ENOTFOUND);
    CU_ASSERT(isnan(x));
    /* bad arguments */
    CCAP_ASSERT_STATUS(ccap_vitals_find(v, 0, 2024, CCAP_VITALS_BIRTHS, NULL), CCAP_EINVAL);
    x = 0.0;
    CCAP_ASSERT_STATUS(ccap_vitals_find(NULL, 0, 2024, CCAP_VITALS_BIRTHS, &x), CCAP_EINVAL);
    CU_ASSERT(isnan(x));
    x = 0.0;
    CCAP_ASSERT_STATUS(ccap_vitals_find(v, 0, 2024, (ccap_vitals_measure)5, &x), CCAP_EINVAL);
    CU_ASSERT(isnan(x));

    /* by index, in the order added */
    CCAP_ASSERT_STATUS(ccap_vitals_get(v, 0, &got), CCAP_OK);
    CU_ASSERT_EQUAL(got.region, 0);
    CU_ASSERT_EQUAL(got.year, 2024);
    CU_ASSERT_EQUAL(got.measure, CCAP_VITALS_BIRTHS);
    CU_ASSERT_DOUBLE_EQUAL(got.value, 65000.0, 0.0);
    CU_ASSERT_STRING_EQUAL(got.note, "statistical bulletin 2024");
    CU_ASSERT_EQUAL(got.line, 12);
    CCAP_ASSERT_STATUS(ccap_vitals_get(v, 1, &got), CCAP_OK);
    CU_ASSERT_STRING_EQUAL(got.note, "");
    CU_ASSERT_EQUAL(got.line, 13);
    CCAP_ASSERT_STATUS(ccap_vitals_get(v, 2, &got), CCAP_OK);
    CU_ASSERT_EQUAL(got.measure, CCAP_VITALS_POPULATION);
    CU_ASSERT_STRING_EQUAL(got.note, "");
    CU_ASSERT_EQUAL(got.line, 0);
    CCAP_ASSERT_STATUS(ccap_vitals_get(v, 3, &got), CCAP_OK);
    CU_ASSERT_EQUAL(got.region, 1);
    CU_ASSERT_EQUAL(got.measure, CCAP_VITALS_BIRTH_RATE);
    CCAP_ASSERT_STATUS(ccap_vitals_get(v, 4, &got), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_vitals_get(v, SIZE_MAX, &got), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_vitals_get(v, 0, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_vitals_get(NULL, 0, &got), CCAP_EINVAL);
    ccap_vitals_free(v);
    ccap_vitals_free(NULL);
}

static void
test_vitals__duplicates(void)
{
    ccap_vitals *v = ccap_vitals_alloc();
    size_t dup = 99;
    double x = 0.0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 0, 2019, CCAP_VITALS_BIRTHS, 120700.0, NULL, 2, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 0, 2024, CCAP_VITALS_BIRTHS, 65000.0, NULL, 3, NULL),
                       CCAP_OK);
    /* the same year and region with another measure, or another region: not duplicates */
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 0, 2024, CCAP_VITALS_BIRTH_RATE, 6.9, NULL, 4, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 1, 2024, CCAP_VITALS_BIRTHS, 3050.0, NULL, 5, NULL),
                       CCAP_OK);
    /* the same key, another value and note: refused, naming the first; nothing changes */
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 0, 2024, CCAP_VITALS_BIRTHS, 66000.0,
                                       "secondary article", 6, &dup),
                       CCAP_EEXIST);
    CU_ASSERT_EQUAL(dup, 1);
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 0, 2024, CCAP_VITALS_BIRTHS, 65000.0, NULL, 7, NULL),
                       CCAP_EEXIST);
    CU_ASSERT_EQUAL(ccap_vitals_count(v), 4);
    CCAP_ASSERT_STATUS(ccap_vitals_find(v, 0, 2024, CCAP_VITALS_BIRTHS, &x), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(x, 65000.0, 0.0);
    ccap_vitals_free(v);
}

/* One ccap_vitals_add that must fail with status and leave the list as it was. */
#define REFUSED(v, status, region, year, measure, value, note)                                    \
    do {                                                                                           \
        size_t n_ = ccap_vitals_count(v);                                                          \
        CCAP_ASSERT_STATUS(ccap_vitals_add((v), (region), (year), (measure), (value), (note), 1,  \
                                           NULL),                                                  \
                           (status));                                                              \
        CU_ASSERT_EQUAL(ccap_vitals_count(v), n_);                                                 \
    } while (0)

static void
test_vitals__add_errors(void)
{
    ccap_vitals *v = ccap_vitals_alloc();
    char note[CCAP_VITALS_NOTE_MAX + 2];
    int k;

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    /* EINVAL: no list, a measure outside the enum */
    CCAP_ASSERT_STATUS(
        ccap_vitals_add(NULL, 0, 2024, CCAP_VITALS_BIRTHS, 1.0, NULL, 0, NULL), CCAP_EINVAL);
    REFUSED(v, CCAP_EINVAL, 0, 2024, (ccap_vitals_measure)5, 1.0, NULL);
    REFUSED(v, CCAP_EINVAL, 0, 2024, (ccap_vitals_measure)-1, 1.0, NULL);
    /* EDOM for every measure: NaN, infinities, negative values */
    for (k = 0; k < CCAP_VITALS_N_MEASURES; k++) {
        ccap_vitals_measure m = (ccap_vitals_measure)k;

        REFUSED(v, CCAP_EDOM, 0, 2024, m, NAN, NULL);
        REFUSED(v, CCAP_EDOM, 0, 2024, m, INFINITY, NULL);
        REFUSED(v, CCAP_EDOM, 0, 2024, m, -INFINITY, NULL);
        REFUSED(v, CCAP_EDOM, 0, 2024, m, -1.0, NULL);
        REFUSED(v, CCAP_EDOM, 0, 2024, m, -DBL_MIN, NULL);
        /* years outside CCAP_YEAR_MIN..CCAP_YEAR_MAX (1700..2300), as the readers take them */
        REFUSED(v, CCAP_EDOM, 0, 0, m, 1.0, NULL);
        REFUSED(v, CCAP_EDOM, 0, -2024, m, 1.0, NULL);
        REFUSED(v, CCAP_EDOM, 0, CCAP_YEAR_MIN - 1, m, 1.0, NULL);
        REFUSED(v, CCAP_EDOM, 0, CCAP_YEAR_MAX + 1, m, 1.0, NULL);
    }
    /* EDOM at the upper bounds of each measure, just above them */
    REFUSED(v, CCAP_EDOM, 0, 2024, CCAP_VITALS_BIRTHS, nextafter(1e12, INFINITY), NULL);
    REFUSED(v, CCAP_EDOM, 0, 2024, CCAP_VITALS_DEATHS, 2e12, NULL);
    REFUSED(v, CCAP_EDOM, 0, 2024, CCAP_VITALS_POPULATION, nextafter(1e10, INFINITY), NULL);
    REFUSED(v, CCAP_EDOM, 0, 2024, CCAP_VITALS_BIRTH_RATE, nextafter(100.0, INFINITY), NULL);
    REFUSED(v, CCAP_EDOM, 0, 2024, CCAP_VITALS_DEATH_RATE, 120.7, NULL);
    /* a population must be positive */
    REFUSED(v, CCAP_EDOM, 0, 2024, CCAP_VITALS_POPULATION, 0.0, NULL);
    REFUSED(v, CCAP_EDOM, 0, 2024, CCAP_VITALS_POPULATION, -0.0, NULL);
    /* notes: too long, control characters, not UTF-8 */
    memset(note, 'x', sizeof note - 1);
    note[sizeof note - 1] = '\0'; /* CCAP_VITALS_NOTE_MAX + 1 bytes */
    REFUSED(v, CCAP_EDOM, 0, 2024, CCAP_VITALS_BIRTHS, 1.0, note);
    REFUSED(v, CCAP_EDOM, 0, 2024, CCAP_VITALS_BIRTHS, 1.0, "line\nbreak");
    REFUSED(v, CCAP_EDOM, 0, 2024, CCAP_VITALS_BIRTHS, 1.0, "tab\there");
    REFUSED(v, CCAP_EDOM, 0, 2024, CCAP_VITALS_BIRTHS, 1.0, "Z\xfcrich");
    CU_ASSERT_EQUAL(ccap_vitals_count(v), 0);

    /* ... and the same bounds, inclusive, accepted */
    note[sizeof note - 2] = '\0'; /* CCAP_VITALS_NOTE_MAX bytes */
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 0, 2024, CCAP_VITALS_BIRTHS, 1e12, note, 0, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 0, 2024, CCAP_VITALS_DEATHS, 0.0, NULL, 0, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 0, 2024, CCAP_VITALS_POPULATION, 1e10, NULL, 0, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 0, 2024, CCAP_VITALS_BIRTH_RATE, 100.0, NULL, 0, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 0, 2024, CCAP_VITALS_DEATH_RATE, 0.0, NULL, 0, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_vitals_add(v, 0, CCAP_YEAR_MIN, CCAP_VITALS_BIRTHS, 0.0, NULL, 0, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_vitals_add(v, 0, CCAP_YEAR_MAX, CCAP_VITALS_BIRTHS, 0.0, NULL, 0, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 0, CCAP_YEAR_MAX, CCAP_VITALS_POPULATION,
                                       DBL_TRUE_MIN, NULL, 0, NULL),
                       CCAP_OK);
    CU_ASSERT_EQUAL(ccap_vitals_count(v), 8);
    ccap_vitals_free(v);
}

/* A deterministic generator of high-entropy doubles (xorshift64*), in [0, 1). */
static double
uniform(uint64_t *state)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return (double)((*state * 2685821657736338717ULL) >> 11) * 0x1p-53;
}

/* Values with all 53 bits of the significand in use, across the range of each measure:
 * kept bit for bit by add and find, and read back bit for bit from the text the CSV writer
 * gives them (the shortest text that reads back to the same double). */
static void
test_vitals__high_entropy_values(void)
{
    enum { N = 400 };
    static const double hi[CCAP_VITALS_N_MEASURES] = {1e12, 1e12, 1e10, 100.0, 100.0};
    ccap_vitals *v = ccap_vitals_alloc(), *back = NULL;
    double values[N], x;
    uint64_t state = 0x9e3779b97f4a7c15ULL;
    char path[512], text[40];
    ccap_diag diag;
    FILE *fp;
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    fp = fopen(ccap_test_tmp(path, sizeof path, "vitals_entropy.csv"), "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fprintf(fp, "region,year,measure,value,note\n");
    for (i = 0; i < N; i++) {
        ccap_vitals_measure m = (ccap_vitals_measure)(i % CCAP_VITALS_N_MEASURES);
        int year = 1900 + (int)(i / CCAP_VITALS_N_MEASURES);
        /* spread over 12 decades below the bound; never 0 for a population */
        double u = uniform(&state);

        values[i] = hi[m] * pow(10.0, -12.0 * uniform(&state)) * (u > 0.0 ? u : 0.5);
        CCAP_ASSERT_STATUS(ccap_vitals_add(v, (i / 5) % 5, year, m, values[i], NULL, i + 2, NULL),
                           CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_csv_writer_number(values[i], text, sizeof text), CCAP_OK);
        fprintf(fp, "%s,%d,%s,%s,\n", ccap_regions_code(tree, (i / 5) % 5), year,
                ccap_vitals_measure_name(m), text);
    }
    CU_ASSERT_EQUAL_FATAL(fclose(fp), 0);
    CU_ASSERT_EQUAL(ccap_vitals_count(v), N);
    CCAP_ASSERT_STATUS(ccap_csv_read_vitals(path, tree, &back, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    CU_ASSERT_EQUAL(ccap_vitals_count(back), N);
    for (i = 0; i < N; i++) {
        ccap_vitals_measure m = (ccap_vitals_measure)(i % CCAP_VITALS_N_MEASURES);
        int year = 1900 + (int)(i / CCAP_VITALS_N_MEASURES);
        ccap_vital got;

        CCAP_ASSERT_STATUS(ccap_vitals_find(v, (i / 5) % 5, year, m, &x), CCAP_OK);
        CU_ASSERT(memcmp(&x, &values[i], sizeof x) == 0);
        CCAP_ASSERT_STATUS(ccap_vitals_find(back, (i / 5) % 5, year, m, &x), CCAP_OK);
        CU_ASSERT(memcmp(&x, &values[i], sizeof x) == 0);
        CCAP_ASSERT_STATUS(ccap_vitals_get(back, i, &got), CCAP_OK);
        CU_ASSERT_EQUAL(got.line, i + 2);
    }
    remove(path);
    ccap_vitals_free(back);
    ccap_vitals_free(v);
}

/* tests/data/vitals.csv: Chinese column and measure names, a quoted note with a quote and
 * a comma, numbers grouped by thousands, an empty row, measures in any case. */
static void
test_vitals__read_chinese_aliases(void)
{
    static const struct {
        const char *region;
        int year;
        ccap_vitals_measure measure;
        double value;
        const char *note;
        unsigned long line;
    } want[] = {
        {"C01", 2023, CCAP_VITALS_BIRTHS, 12070.0, "statistical bulletin 2023", 2},
        {"C01", 2023, CCAP_VITALS_DEATHS, 8260.0, "", 3},
        {"C01", 2023, CCAP_VITALS_POPULATION, 1003160.0, "statistical bulletin 2023", 4},
        {"C01", 2023, CCAP_VITALS_BIRTH_RATE, 12.02, "statistical bulletin 2023", 5},
        {"C01", 2023, CCAP_VITALS_DEATH_RATE, 8.23, "", 7}, /* after the empty line 6 */
        {"A11", 2024, CCAP_VITALS_BIRTHS, 3050.5,
         "derived: 6.5‰ × mean population, \"rounded\"", 8},
        {"B121", 2024, CCAP_VITALS_POPULATION, 45000.0, "", 9},
        {"C01", 2024, CCAP_VITALS_BIRTHS, 6500.0, "statistical bulletin 2024", 10},
        {"C01", 2024, CCAP_VITALS_DEATHS, 0.0, "", 11},
    };
    ccap_diag diag;
    ccap_vitals *v = (ccap_vitals *)&diag; /* poisoned: must be replaced */
    char path[512];
    double x;
    size_t i;

    CCAP_ASSERT_STATUS(ccap_csv_read_vitals(ccap_test_data(path, sizeof path, "vitals.csv"),
                                            tree, &v, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_EQUAL(diag.status, CCAP_OK);
    CU_ASSERT_EQUAL_FATAL(ccap_vitals_count(v), sizeof want / sizeof want[0]);
    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
        ccap_vital got;

        CCAP_ASSERT_STATUS(ccap_vitals_get(v, i, &got), CCAP_OK);
        CU_ASSERT_EQUAL(got.region, code(want[i].region));
        CU_ASSERT_EQUAL(got.year, want[i].year);
        CU_ASSERT_EQUAL(got.measure, want[i].measure);
        CU_ASSERT_DOUBLE_EQUAL(got.value, want[i].value, 0.0);
        CU_ASSERT_STRING_EQUAL(got.note, want[i].note);
        CU_ASSERT_EQUAL(got.line, want[i].line);
    }
    /* rates are kept per 1,000, as given */
    CCAP_ASSERT_STATUS(ccap_vitals_find(v, code("C01"), 2023, CCAP_VITALS_BIRTH_RATE, &x),
                       CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(x, 12.02, 0.0);
    CCAP_ASSERT_STATUS(ccap_vitals_find(v, code("A11"), 2023, CCAP_VITALS_BIRTHS, &x),
                       CCAP_ENOTFOUND);
    CU_ASSERT(isnan(x));
    ccap_vitals_free(v);

    /* read with no diag: the same */
    v = NULL;
    CCAP_ASSERT_STATUS(ccap_csv_read_vitals(path, tree, &v, NULL, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_vitals_count(v), sizeof want / sizeof want[0]);
    ccap_vitals_free(v);
}

/* tests/data/vitals_nanyang.csv: the published figures bundled for Nanyang (S6, S7 of
 * examples/data/nanyang/README.md), read against the Nanyang region table. */
static void
test_vitals__read_nanyang(void)
{
    ccap_regions *ny = NULL;
    ccap_vitals *v = NULL;
    char path[512];
    ccap_diag diag;
    size_t city = SIZE_MAX;
    ccap_vital got;
    double x;

    CCAP_ASSERT_STATUS(
        ccap_csv_read_regions(
            ccap_test_data(path, sizeof path, "../../examples/data/nanyang/regions.csv"), &ny,
            NULL, &diag),
        CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ny);
    CCAP_ASSERT_STATUS(ccap_regions_find(ny, "411300", &city), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_read_vitals(
                           ccap_test_data(path, sizeof path, "vitals_nanyang.csv"), ny, &v,
                           NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_EQUAL(ccap_vitals_count(v), 7);
    /* births 2019: 12.07万 = 120,700 (S6); 2024: 6.5万 = 65,000 (S7) */
    CCAP_ASSERT_STATUS(ccap_vitals_find(v, city, 2019, CCAP_VITALS_BIRTHS, &x), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(x, 120700.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_vitals_find(v, city, 2024, CCAP_VITALS_BIRTHS, &x), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(x, 65000.0, 0.0);
    /* end of 2024: 945.4万 = 9,454,000 residents (S7) */
    CCAP_ASSERT_STATUS(ccap_vitals_find(v, city, 2024, CCAP_VITALS_POPULATION, &x), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(x, 9454000.0, 0.0);
    /* the census year 2020 is not a year-end figure and is not in the file */
    CCAP_ASSERT_STATUS(ccap_vitals_find(v, city, 2020, CCAP_VITALS_POPULATION, &x),
                       CCAP_ENOTFOUND);
    /* each figure keeps its line, for messages such as "vitals_nanyang.csv:7: births: ..." */
    CCAP_ASSERT_STATUS(ccap_vitals_get(v, 5, &got), CCAP_OK);
    CU_ASSERT_EQUAL(got.line, 7);
    CU_ASSERT_EQUAL(got.measure, CCAP_VITALS_BIRTHS);
    CU_ASSERT_EQUAL(got.year, 2024);
    CU_ASSERT(strncmp(got.note, "published: 6.5万", strlen("published: 6.5万")) == 0);
    ccap_vitals_free(v);
    ccap_regions_free(ny);
}

static void
test_vitals__read_arguments(void)
{
    ccap_vitals *v = (ccap_vitals *)&tree;
    ccap_regions *open = ccap_regions_alloc();
    char path[512];
    ccap_diag diag;

    ccap_test_data(path, sizeof path, "vitals.csv");
    CCAP_ASSERT_STATUS(ccap_csv_read_vitals(NULL, tree, &v, NULL, &diag), CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(v);
    CU_ASSERT_EQUAL(diag.status, CCAP_EINVAL);
    v = (ccap_vitals *)&tree;
    CCAP_ASSERT_STATUS(ccap_csv_read_vitals(path, NULL, &v, NULL, &diag), CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(v);
    CCAP_ASSERT_STATUS(ccap_csv_read_vitals(path, tree, NULL, NULL, &diag), CCAP_EINVAL);
    /* a region table not finished */
    CU_ASSERT_PTR_NOT_NULL_FATAL(open);
    CCAP_ASSERT_STATUS(ccap_regions_add(open, "C01", "City", "City", NULL, NULL), CCAP_OK);
    v = (ccap_vitals *)&tree;
    CCAP_ASSERT_STATUS(ccap_csv_read_vitals(path, open, &v, NULL, &diag), CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(v);
    CU_ASSERT_STRING_EQUAL(diag.message, "the region table is not finished");
    ccap_regions_free(open);
    /* a file that is not there */
    v = (ccap_vitals *)&tree;
    CCAP_ASSERT_STATUS(ccap_csv_read_vitals(ccap_test_data(path, sizeof path, "no-such.csv"),
                                            tree, &v, NULL, &diag),
                       CCAP_EIO);
    CU_ASSERT_PTR_NULL(v);
    CU_ASSERT_EQUAL(diag.status, CCAP_EIO);
}

/* The messages of the reader, whole, as docs/data-formats.md quotes them. */
static void
test_vitals__read_messages(void)
{
    static const struct {
        const char *file;
        const char *message;
    } cases[] = {
        {"vit_unknown_measure.csv",
         "vit_unknown_measure.csv:3: measure: 'births_total' is not a measure; expected "
         "births, deaths, population, birth_rate or death_rate (or 出生人口, 死亡人口, "
         "年末常住人口, 出生率, 死亡率)"},
        {"vit_duplicate.csv", "vit_duplicate.csv:4: measure: duplicate: the same region, year "
                              "and measure as line 2"},
        {"vit_rate_above_100.csv",
         "vit_rate_above_100.csv:3: value: 120.7 is outside [0, 100] births per 1,000 "
         "residents: the rate is per 1,000 (‰); a count belongs under births or deaths"},
        {"vit_population_zero.csv", "vit_population_zero.csv:2: value: 0 is not positive"},
        {"vit_huge_population.csv",
         "vit_huge_population.csv:3: value: 1.2e10 is outside (0, 10^10] residents: check the "
         "unit"},
        {"vit_year_range.csv", "vit_year_range.csv:3: year: year 1650 is outside 1700-2300"},
        {"vit_negative.csv", "vit_negative.csv:3: value: negative value -826"},
        {"vit_totals_region.csv",
         "vit_totals_region.csv:4: region: '合计' marks a totals row, not a region: delete "
         "the row (ccap adds up the rows itself)"},
        /* 65,000 unquoted: births 65 and a note "000" */
        {"vit_thousands_note.csv",
         "vit_thousands_note.csv:3: value: '65' and the note '000' read as one number, 65,000, "
         "split at its comma: a number with a thousands separator needs quotes (\"65,000\")"},
    };
    char path[512], dir[512], line[800];
    size_t i;

    ccap_test_data(dir, sizeof dir, "bad/");
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ccap_vitals *v = NULL;
        ccap_diag diag;
        char want[800];

        snprintf(path, sizeof path, "%s%s", dir, cases[i].file);
        CU_ASSERT(ccap_csv_read_vitals(path, tree, &v, NULL, &diag) != CCAP_OK);
        CU_ASSERT_PTR_NULL(v);
        ccap_diag_format(&diag, line, sizeof line);
        snprintf(want, sizeof want, "%s%s", dir, cases[i].message);
        if (strcmp(line, want) != 0)
            fprintf(stderr, "\n got: %s\nwant: %s\n", line, want);
        CU_ASSERT_STRING_EQUAL(line, want);
    }
}

static CU_TestInfo vitals_tests[] = {
    {"measure_names", test_vitals__measure_names},
    {"add_find_get", test_vitals__add_find_get},
    {"duplicates", test_vitals__duplicates},
    {"add_errors", test_vitals__add_errors},
    {"high_entropy_values", test_vitals__high_entropy_values},
    {"read_chinese_aliases", test_vitals__read_chinese_aliases},
    {"read_nanyang", test_vitals__read_nanyang},
    {"read_arguments", test_vitals__read_arguments},
    {"read_messages", test_vitals__read_messages},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "vitals", .pInitFunc = setup, .pCleanupFunc = teardown, .pTests = vitals_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
