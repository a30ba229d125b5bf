/* SPDX-License-Identifier: GPL-3.0-or-later */
/* margins: published totals, lookup, duplicates, sums over children. */

#include <math.h>
#include <stdio.h>
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
    CCAP_ASSERT_STATUS(
        ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 9713112.0, "census", NULL),
        CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 60, CCAP_AGE_OPEN, 1824647.0, NULL, NULL),
        CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 65, CCAP_AGE_OPEN, 1381305.0, "", NULL),
        CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 15, 60, 5341118.0, NULL, NULL),
                       CCAP_OK);
    CU_ASSERT_EQUAL(ccap_margins_count(m), 4);
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2020, CCAP_SEX_BOTH, 15, 60, &v), CCAP_OK);
    CCAP_ASSERT_REL(v, 5341118.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2020, CCAP_SEX_MALE, 15, 60, &v), CCAP_ENOTFOUND);
    CU_ASSERT(isnan(v));
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2021, CCAP_SEX_BOTH, 15, 60, &v), CCAP_ENOTFOUND);
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
    CCAP_ASSERT_STATUS(
        ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 60, CCAP_AGE_OPEN, 1.0, NULL, &dup),
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
    CCAP_ASSERT_STATUS(
        ccap_margins_children_sum(m, tree, 0, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 1500311.0, 1e-15);
    /* B12 has no male total */
    CCAP_ASSERT_STATUS(
        ccap_margins_children_sum(m, tree, 0, 2020, CCAP_SEX_MALE, 0, CCAP_AGE_OPEN, &s),
        CCAP_ENOTFOUND);
    CU_ASSERT(isnan(s));
    CCAP_ASSERT_STATUS(
        ccap_margins_children_sum(m, tree, 1, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, &s),
        CCAP_ENOTFOUND); /* leaf */
    CCAP_ASSERT_STATUS(
        ccap_margins_children_sum(m, tree, 5, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, &s),
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

/* The kind of a note, from its first word: English with a colon, Chinese as written. */
static void
test_margins__note_provenance(void)
{
    static const struct {
        const char *note;
        ccap_provenance kind;
    } cases[] = {
        {"published: 2020 census", CCAP_PROVENANCE_PUBLISHED},
        {"  Published : S6", CCAP_PROVENANCE_PUBLISHED},
        {"published：第七次人口普查", CCAP_PROVENANCE_PUBLISHED},
        {"公布：2020年人口普查", CCAP_PROVENANCE_PUBLISHED},
        {"公布 南阳市统计公报", CCAP_PROVENANCE_PUBLISHED},
        {"derived: Henan's births at Nanyang's share", CCAP_PROVENANCE_DERIVED},
        {"推算：按2019年比例", CCAP_PROVENANCE_DERIVED},
        {"估算", CCAP_PROVENANCE_DERIVED},
        {"ASSUMED: taken as 2018's", CCAP_PROVENANCE_ASSUMED},
        {"假定与2018年相同", CCAP_PROVENANCE_ASSUMED},
        {"假设", CCAP_PROVENANCE_ASSUMED},
        {"published in 2021", CCAP_PROVENANCE_NONE}, /* no colon: a sentence, not a kind */
        {"publish: S6", CCAP_PROVENANCE_NONE},
        {"statistical bulletin 2023", CCAP_PROVENANCE_NONE},
        {"未公布", CCAP_PROVENANCE_NONE}, /* "not published" */
        {"", CCAP_PROVENANCE_NONE},
        {NULL, CCAP_PROVENANCE_NONE},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (ccap_note_provenance(cases[i].note) != cases[i].kind)
            printf("\nnote '%s': got %d, expected %d\n",
                   cases[i].note != NULL ? cases[i].note : "(null)",
                   (int)ccap_note_provenance(cases[i].note), (int)cases[i].kind);
        CU_ASSERT_EQUAL(ccap_note_provenance(cases[i].note), cases[i].kind);
    }
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

/* Add a margin of 2020 read from `line`. */
static void
add_at(ccap_margins *m, size_t region, ccap_sex sex, size_t lo, size_t hi, double value,
       unsigned long line)
{
    CCAP_ASSERT_STATUS(ccap_margins_add(m, region, 2020, sex, lo, hi, value, NULL, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_margins_set_line(m, ccap_margins_count(m) - 1, line), CCAP_OK);
}

/*
 * The city's broad groups add up to its total + 1 (0-14 published one too high):
 * 2,547,348 + 5,341,118 + 1,824,647 = 9,713,113 against 9,713,112.  The allowance is
 * half a person for each of the four figures (all published to the person): 2, so the
 * relation agrees.  Reconciled, the total is kept and the groups scaled by
 * 9,713,112 / 9,713,113: 0-14 loses 2,547,348 / 9,713,113 = 0.26226 persons, 15-59
 * 0.54988, 60+ 0.18785; they add up to the total.  The overlapping 65+ belongs to no
 * partition and is left as published.
 */
static void
test_margins__check_groups_plus_one(void)
{
    ccap_margins *m = ccap_margins_alloc();
    ccap_margins_report *rep = NULL;
    ccap_margins_relation rel;
    ccap_diag diag;
    double v, sum = 0.0, published, adjusted;
    size_t k, which;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    add_at(m, 0, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 9713112.0, 9);
    add_at(m, 0, CCAP_SEX_BOTH, 0, 15, 2547348.0, 12);
    add_at(m, 0, CCAP_SEX_BOTH, 15, 60, 5341118.0, 13);
    add_at(m, 0, CCAP_SEX_BOTH, 60, CCAP_AGE_OPEN, 1824647.0, 14);
    add_at(m, 0, CCAP_SEX_BOTH, 65, CCAP_AGE_OPEN, 1381305.0, 15);
    CU_ASSERT_EQUAL(ccap_margins_line(m, 1), 12);
    CU_ASSERT_EQUAL(ccap_margins_line(m, 99), 0);

    CCAP_ASSERT_STATUS(ccap_margins_check(m, tree, 2020, &rep, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
    CU_ASSERT_EQUAL(ccap_margins_report_count(rep), 1);
    CU_ASSERT_EQUAL(ccap_margins_report_n_disagree(rep), 0);
    CU_ASSERT_EQUAL(ccap_margins_report_n_adjustments(rep), 0);
    CCAP_ASSERT_STATUS(ccap_margins_report_get(rep, 0, &rel), CCAP_OK);
    CU_ASSERT_EQUAL(rel.kind, CCAP_RELATION_AGES);
    CU_ASSERT_EQUAL(rel.whole, 0);
    CU_ASSERT_EQUAL(rel.n_parts, 3);
    CU_ASSERT(rel.parts[0] == 1 && rel.parts[1] == 2 && rel.parts[2] == 3);
    CU_ASSERT_DOUBLE_EQUAL(rel.published, 9713112.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(rel.implied, 9713113.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(rel.difference, 1.0, 0.0);
    CCAP_ASSERT_REL(rel.relative, 1.0 / 9713112.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(rel.allowance, 2.0, 0.0);
    CU_ASSERT_EQUAL(rel.agree, 1);
    CU_ASSERT_STRING_EQUAL(rel.text, "C01 both 0-14 + 15-59 + 60+ (lines 12-14) = 9,713,113, but "
                                     "the total (line 9) is 9,713,112: 1 person (1e-05 %) apart, "
                                     "within the rounding allowance of 2");
    CCAP_ASSERT_STATUS(ccap_margins_report_get(rep, 1, &rel), CCAP_EINVAL);
    ccap_margins_report_free(rep);

    rep = NULL;
    CCAP_ASSERT_STATUS(ccap_margins_reconcile(m, tree, 2020, &rep, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
    CU_ASSERT_EQUAL(ccap_margins_report_n_adjustments(rep), 3);
    for (k = 0; k < 3; k++) {
        CCAP_ASSERT_STATUS(ccap_margins_report_adjustment(rep, k, &which, &published, &adjusted),
                           CCAP_OK);
        CU_ASSERT_EQUAL(which, k + 1);
        CU_ASSERT(adjusted < published && published - adjusted <= 2.0);
        sum += adjusted;
    }
    CCAP_ASSERT_REL(sum, 9713112.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2020, CCAP_SEX_BOTH, 0, 15, &v), CCAP_OK);
    CCAP_ASSERT_REL(v, 2547348.0 - 2547348.0 / 9713113.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, &v), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v, 9713112.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2020, CCAP_SEX_BOTH, 65, CCAP_AGE_OPEN, &v),
                       CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v, 1381305.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_margins_report_adjustment(rep, 3, &which, &published, &adjusted),
                       CCAP_EINVAL);
    CU_ASSERT(isnan(published) && isnan(adjusted));
    ccap_margins_report_free(rep);

    /* Reconciled figures add up: a second check finds nothing to change. */
    rep = NULL;
    CCAP_ASSERT_STATUS(ccap_margins_reconcile(m, tree, 2020, &rep, &diag), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_margins_report_n_adjustments(rep), 0);
    ccap_margins_report_free(rep);
    ccap_margins_free(m);
}

/*
 * Six counties that add up to their city − 3: 100,001 + 100,002 + 100,003 + 99,999 +
 * 99,998 + 100,001 = 600,004 against 600,007.  Seven figures published to the person:
 * an allowance of 3.5, so the relation agrees.  The city is kept; each county is scaled
 * by 600,007 / 600,004, gaining about half a person (100,001 · 3 / 600,004 = 0.50000).
 */
static void
test_margins__check_counties_minus_three(void)
{
    static const double county[] = {100001.0, 100002.0, 100003.0, 99999.0, 99998.0, 100001.0};
    ccap_regions *r = ccap_regions_alloc();
    ccap_margins *m = ccap_margins_alloc();
    ccap_margins_report *rep = NULL;
    ccap_margins_relation rel;
    double v, sum = 0.0;
    size_t k;
    char code[8];

    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "C", NULL, NULL, NULL, NULL), CCAP_OK);
    for (k = 0; k < 6; k++) {
        snprintf(code, sizeof code, "K%zu", k + 1);
        CCAP_ASSERT_STATUS(ccap_regions_add(r, code, NULL, NULL, "C", NULL), CCAP_OK);
    }
    CCAP_ASSERT_STATUS(ccap_regions_finish(r, NULL), CCAP_OK);
    add_at(m, 0, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 600007.0, 2);
    for (k = 0; k < 6; k++)
        add_at(m, k + 1, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, county[k], (unsigned long)k + 3);

    CCAP_ASSERT_STATUS(ccap_margins_reconcile(m, r, 2020, &rep, NULL), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
    CU_ASSERT_EQUAL(ccap_margins_report_count(rep), 1);
    CCAP_ASSERT_STATUS(ccap_margins_report_get(rep, 0, &rel), CCAP_OK);
    CU_ASSERT_EQUAL(rel.kind, CCAP_RELATION_REGIONS);
    CU_ASSERT_DOUBLE_EQUAL(rel.difference, -3.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(rel.allowance, 3.5, 0.0);
    CU_ASSERT_EQUAL(rel.agree, 1);
    CU_ASSERT_STRING_EQUAL(rel.text,
                           "the 6 areas of C (K1, K2, K3, K4, K5, K6; lines 3-8) add up to 600,004 "
                           "for both total, but C (line 2) is 600,007: 3 persons (0.0005 %) "
                           "apart, within the rounding allowance of 3.5");
    CU_ASSERT_EQUAL(ccap_margins_report_n_adjustments(rep), 6);
    for (k = 0; k < 6; k++) {
        CCAP_ASSERT_STATUS(ccap_margins_find(m, k + 1, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, &v),
                           CCAP_OK);
        CCAP_ASSERT_REL(v - county[k], county[k] * 3.0 / 600004.0, 1e-6);
        sum += v;
    }
    CCAP_ASSERT_REL(sum, 600007.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, &v), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v, 600007.0, 0.0);
    ccap_margins_report_free(rep);
    ccap_margins_free(m);
    ccap_regions_free(r);
}

/*
 * Counties off their city by 0.2 %: A11 60,011 + B12 39,796 = 99,807 against C01's
 * 100,007, 200 persons apart where rounding explains 1.5.  Reconciliation refuses,
 * naming the counties, the lines and what to check, and changes nothing.
 */
static void
test_margins__check_counties_apart(void)
{
    ccap_margins *m = ccap_margins_alloc();
    ccap_margins_report *rep = NULL;
    ccap_margins_relation rel;
    ccap_diag diag;
    double v;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    add_at(m, 0, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 100007.0, 2);
    add_at(m, 1, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 60011.0, 3);
    add_at(m, 2, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 39796.0, 4);
    CCAP_ASSERT_STATUS(ccap_margins_reconcile(m, tree, 2020, &rep, &diag), CCAP_EDOM);
    CU_ASSERT_EQUAL(diag.status, CCAP_EDOM);
    CU_ASSERT_EQUAL(diag.line, 2);
    CU_ASSERT_STRING_EQUAL(diag.message,
                           "the 2 areas of C01 (A11, B12; lines 3, 4) add up to 99,807 for both "
                           "total, but C01 (line 2) is 100,007: 200 persons (0.2 %) apart, more "
                           "than the rounding allowance of 1.5; check the figures of C01 and of "
                           "its areas, and whether an area is missing from the region table");
    CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
    CU_ASSERT_EQUAL(ccap_margins_report_n_disagree(rep), 1);
    CU_ASSERT_EQUAL(ccap_margins_report_n_adjustments(rep), 0);
    CCAP_ASSERT_STATUS(ccap_margins_report_get(rep, 0, &rel), CCAP_OK);
    CU_ASSERT_EQUAL(rel.agree, 0);
    CCAP_ASSERT_REL(rel.relative, -200.0 / 100007.0, 1e-12);
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 1, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, &v), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v, 60011.0, 0.0);
    ccap_margins_report_free(rep);
    ccap_margins_free(m);
}

/*
 * Female + male one more than both: 503 + 499 = 1,002 against 1,001; three figures, an
 * allowance of 1.5.  Both is kept: female 503 · 1001/1002 = 502.49800, male
 * 499 · 1001/1002 = 498.50200.  A range published for one sex only (male 60+) is in no
 * relation.
 */
static void
test_margins__check_sexes_plus_one(void)
{
    ccap_margins *m = ccap_margins_alloc();
    ccap_margins_report *rep = NULL;
    ccap_margins_relation rel;
    ccap_diag diag;
    double v;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    add_at(m, 0, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 1001.0, 2);
    add_at(m, 0, CCAP_SEX_FEMALE, 0, CCAP_AGE_OPEN, 503.0, 3);
    add_at(m, 0, CCAP_SEX_MALE, 0, CCAP_AGE_OPEN, 499.0, 4);
    add_at(m, 0, CCAP_SEX_MALE, 60, CCAP_AGE_OPEN, 97.0, 5);
    CCAP_ASSERT_STATUS(ccap_margins_reconcile(m, tree, 2020, &rep, NULL), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
    CU_ASSERT_EQUAL(ccap_margins_report_count(rep), 1);
    CCAP_ASSERT_STATUS(ccap_margins_report_get(rep, 0, &rel), CCAP_OK);
    CU_ASSERT_EQUAL(rel.kind, CCAP_RELATION_SEXES);
    CU_ASSERT_DOUBLE_EQUAL(rel.allowance, 1.5, 0.0);
    CU_ASSERT_STRING_EQUAL(rel.text, "C01 total female + male (lines 3, 4) = 1,002, but both "
                                     "(line 2) is 1,001: 1 person (0.1 %) apart, within the "
                                     "rounding allowance of 1.5");
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2020, CCAP_SEX_FEMALE, 0, CCAP_AGE_OPEN, &v),
                       CCAP_OK);
    CCAP_ASSERT_REL(v, 503.0 * 1001.0 / 1002.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2020, CCAP_SEX_MALE, 0, CCAP_AGE_OPEN, &v), CCAP_OK);
    CCAP_ASSERT_REL(v, 499.0 * 1001.0 / 1002.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_margins_find(m, 0, 2020, CCAP_SEX_MALE, 60, CCAP_AGE_OPEN, &v),
                       CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v, 97.0, 0.0);
    ccap_margins_report_free(rep);

    /* One person of both sexes and no woman or man: within rounding (1 <= 1.5), but
     * zeros cannot be scaled to 1, so it is refused. */
    add_at(m, 1, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 1.0, 6);
    add_at(m, 1, CCAP_SEX_FEMALE, 0, CCAP_AGE_OPEN, 0.0, 7);
    add_at(m, 1, CCAP_SEX_MALE, 0, CCAP_AGE_OPEN, 0.0, 8);
    rep = NULL;
    CCAP_ASSERT_STATUS(ccap_margins_reconcile(m, tree, 2020, &rep, &diag), CCAP_EDOM);
    CU_ASSERT_EQUAL(ccap_margins_report_n_disagree(rep), 1);
    CU_ASSERT_EQUAL(diag.line, 6);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "the parts are all 0 and cannot be scaled"));
    ccap_margins_report_free(rep);
    ccap_margins_free(m);
}

/*
 * The rounding allowance of figures published in 万 with two decimals: 13.33万 =
 * 133,300 may be 50 persons off.  Three areas of 13.33万, 22.51万, 22.69万 (half units
 * 50 each) and a city of 585,351 (half a person): 585,300 is 51 short, within 150.5.
 * A figure with decimals counts half a person.
 */
static void
test_margins__check_rounded_figures(void)
{
    ccap_margins *m = ccap_margins_alloc();
    ccap_margins_report *rep = NULL;
    ccap_margins_relation rel;
    ccap_regions *r = ccap_regions_alloc();

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "C", NULL, NULL, NULL, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "GZ", NULL, NULL, "C", NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "CX", NULL, NULL, "C", NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_regions_add(r, "GX", NULL, NULL, "C", NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_regions_finish(r, NULL), CCAP_OK);
    add_at(m, 0, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 585351.0, 0);
    add_at(m, 1, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 133300.0, 0);
    add_at(m, 2, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 225100.0, 0);
    add_at(m, 3, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 226900.0, 0);
    CCAP_ASSERT_STATUS(ccap_margins_check(m, r, 2020, &rep, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_margins_report_get(rep, 0, &rel), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(rel.allowance, 150.5, 0.0);
    CU_ASSERT_EQUAL(rel.agree, 1);
    /* no line known: the figures are named without one */
    CU_ASSERT_STRING_EQUAL(rel.text, "the 3 areas of C (GZ, CX, GX) add up to 585,300 for both "
                                     "total, but C is 585,351: 51 persons (0.0087 %) apart, "
                                     "within the rounding allowance of 150.5");
    ccap_margins_report_free(rep);
    ccap_margins_free(m);
    ccap_regions_free(r);
}

/*
 * Many ranges of one region: single years 0 … 199 and two-year ranges a … a+1, with no
 * open range.  No chain reaches all ages, so there is no age relation; the paths that
 * lead nowhere number about 4·10^41 (Fibonacci), and the check must not follow them.
 * Adding 200+ gives as many chains as it likes: at most 16 are kept.
 */
static void
test_margins__check_many_ranges(void)
{
    ccap_margins *m = ccap_margins_alloc();
    ccap_margins_report *rep = NULL;
    ccap_margins_relation rel;
    size_t a;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    add_at(m, 0, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 30000.0, 0);
    for (a = 0; a < 200; a++) {
        add_at(m, 0, CCAP_SEX_BOTH, a, a + 1, 100.0, 0);
        add_at(m, 0, CCAP_SEX_BOTH, a, a + 2, 200.0, 0);
    }
    CCAP_ASSERT_STATUS(ccap_margins_check(m, tree, 2020, &rep, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_margins_report_count(rep), 0);
    ccap_margins_report_free(rep);
    /* 200 years of 100 and 200+ of 10,000: 30,000 */
    add_at(m, 0, CCAP_SEX_BOTH, 200, CCAP_AGE_OPEN, 10000.0, 0);
    CCAP_ASSERT_STATUS(ccap_margins_check(m, tree, 2020, &rep, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_margins_report_count(rep), 16);
    CU_ASSERT_EQUAL(ccap_margins_report_n_disagree(rep), 0);
    CCAP_ASSERT_STATUS(ccap_margins_report_get(rep, 0, &rel), CCAP_OK);
    CU_ASSERT_EQUAL(rel.n_parts, 201); /* 0, 1, …, 199, 200+ */
    CU_ASSERT_DOUBLE_EQUAL(rel.implied, 30000.0, 0.0);
    ccap_margins_report_free(rep);
    ccap_margins_free(m);
}

static void
test_margins__check_errors(void)
{
    ccap_margins *m = ccap_margins_alloc();
    ccap_margins_report *rep = (ccap_margins_report *)1;
    ccap_regions *unfinished = ccap_regions_alloc();
    ccap_margins_relation rel;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_PTR_NOT_NULL_FATAL(unfinished);
    CCAP_ASSERT_STATUS(ccap_margins_check(NULL, tree, 2020, &rep, NULL), CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(rep);
    CCAP_ASSERT_STATUS(ccap_margins_check(m, NULL, 2020, &rep, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_margins_check(m, tree, 2020, NULL, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_margins_reconcile(NULL, tree, 2020, &rep, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_margins_check(m, unfinished, 2020, &rep, NULL), CCAP_ESTATE);
    CCAP_ASSERT_STATUS(ccap_margins_set_line(NULL, 0, 1), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_margins_set_line(m, 0, 1), CCAP_EINVAL);
    CU_ASSERT_EQUAL(ccap_margins_line(NULL, 0), 0);
    /* a region index outside the table */
    CCAP_ASSERT_STATUS(
        ccap_margins_add(m, 99, 2020, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, 1.0, NULL, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_margins_check(m, tree, 2020, &rep, NULL), CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(rep);
    /* ... ignored in another year: nothing to check */
    CCAP_ASSERT_STATUS(ccap_margins_check(m, tree, 2021, &rep, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_margins_report_count(rep), 0);
    ccap_margins_report_free(rep);
    CU_ASSERT_EQUAL(ccap_margins_report_count(NULL), 0);
    CU_ASSERT_EQUAL(ccap_margins_report_n_disagree(NULL), 0);
    CU_ASSERT_EQUAL(ccap_margins_report_n_adjustments(NULL), 0);
    CCAP_ASSERT_STATUS(ccap_margins_report_get(NULL, 0, &rel), CCAP_EINVAL);
    ccap_margins_report_free(NULL);
    ccap_regions_free(unfinished);
    ccap_margins_free(m);
}

static CU_TestInfo margins_tests[] = {
    {"add_find_get", test_margins__add_find_get},
    {"add_errors", test_margins__add_errors},
    {"children_sum", test_margins__children_sum},
    {"many", test_margins__many},
    {"ages_label", test_margins__ages_label},
    {"note_provenance", test_margins__note_provenance},
    {"check_groups_plus_one", test_margins__check_groups_plus_one},
    {"check_counties_minus_three", test_margins__check_counties_minus_three},
    {"check_counties_apart", test_margins__check_counties_apart},
    {"check_sexes_plus_one", test_margins__check_sexes_plus_one},
    {"check_rounded_figures", test_margins__check_rounded_figures},
    {"check_many_ranges", test_margins__check_many_ranges},
    {"check_errors", test_margins__check_errors},
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
