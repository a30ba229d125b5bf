/* SPDX-License-Identifier: GPL-3.0-or-later */
/* targets: measures and their names, the step and ramp rules between target years, the
 * slots an enrolment target needs, the targets file in both forms, and the gap table of a
 * three-county case (tests/data/standards) whose every number is worked by hand below. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_test.h"

static ccap_regions *regions; /* T, a city of three counties A, B, C */

static int
setup(void)
{
    char path[512];

    return ccap_csv_read_regions(ccap_test_data(path, sizeof path, "standards/regions.csv"),
                                 &regions, NULL, NULL) != CCAP_OK;
}

static int
teardown(void)
{
    ccap_regions_free(regions);
    regions = NULL;
    return 0;
}

static size_t
code(const char *c)
{
    size_t r = CCAP_REGION_ALL;

    ccap_regions_find(regions, c, &r);
    return r;
}

static void
test_targets__measure_names(void)
{
    ccap_target_measure m = CCAP_TARGET_NONE;

    CU_ASSERT_STRING_EQUAL(ccap_target_measure_name(CCAP_TARGET_SLOTS_PER_1000), "slots_per_1000");
    CU_ASSERT_STRING_EQUAL(ccap_target_measure_name(CCAP_TARGET_ENROLMENT_RATE), "enrolment_rate");
    CU_ASSERT_STRING_EQUAL(ccap_target_measure_name(CCAP_TARGET_INCLUSIVE_SHARE),
                           "inclusive_share");
    CU_ASSERT_STRING_EQUAL(ccap_target_measure_name(CCAP_TARGET_NONE), "none");
    CU_ASSERT_STRING_EQUAL(ccap_target_measure_name((ccap_target_measure)7), "unknown");
    CCAP_ASSERT_STATUS(ccap_target_measure_parse("Enrolment_Rate", &m), CCAP_OK);
    CU_ASSERT_EQUAL(m, CCAP_TARGET_ENROLMENT_RATE);
    CCAP_ASSERT_STATUS(ccap_target_measure_parse("enrollment_rate", &m), CCAP_OK);
    CU_ASSERT_EQUAL(m, CCAP_TARGET_ENROLMENT_RATE);
    CCAP_ASSERT_STATUS(ccap_target_measure_parse("入托率", &m), CCAP_OK);
    CU_ASSERT_EQUAL(m, CCAP_TARGET_ENROLMENT_RATE);
    CCAP_ASSERT_STATUS(ccap_target_measure_parse("每千人口托位数", &m), CCAP_OK);
    CU_ASSERT_EQUAL(m, CCAP_TARGET_SLOTS_PER_1000);
    CCAP_ASSERT_STATUS(ccap_target_measure_parse("普惠托位占比", &m), CCAP_OK);
    CU_ASSERT_EQUAL(m, CCAP_TARGET_INCLUSIVE_SHARE);
    m = CCAP_TARGET_NONE;
    CCAP_ASSERT_STATUS(ccap_target_measure_parse("coverage", &m), CCAP_ENOTFOUND);
    CU_ASSERT_EQUAL(m, CCAP_TARGET_NONE); /* unchanged */
    CCAP_ASSERT_STATUS(ccap_target_measure_parse(NULL, &m), CCAP_EINVAL);
    CCAP_ASSERT_REL(ccap_target_measure_max(CCAP_TARGET_SLOTS_PER_1000), 1000.0, 0.0);
    CCAP_ASSERT_REL(ccap_target_measure_max(CCAP_TARGET_ENROLMENT_RATE), 1.0, 0.0);
    CU_ASSERT(isnan(ccap_target_measure_max(CCAP_TARGET_NONE)));
}

/* 8 % of 12,500 children, slots 80 % full: 0.08 · 12,500 = 1,000 children, / 0.8 = 1,250
 * slots.  0.1375 of 2,400 at 0.85: 330 children, / 0.85 = 388.235294... slots. */
static void
test_targets__enrolment_slots(void)
{
    double s = 0.0;

    CCAP_ASSERT_STATUS(ccap_targets_enrolment_slots(0.08, 12500.0, 0.8, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 1250.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_targets_enrolment_slots(0.1375, 2400.0, 0.85, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 330.0 / 0.85, 1e-15);
    CCAP_ASSERT_STATUS(ccap_targets_enrolment_slots(1.2, 2400.0, 0.8, &s), CCAP_EDOM);
    CU_ASSERT(isnan(s));
    CCAP_ASSERT_STATUS(ccap_targets_enrolment_slots(0.1, -1.0, 0.8, &s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_targets_enrolment_slots(0.1, INFINITY, 0.8, &s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_targets_enrolment_slots(0.1, 100.0, 0.0, &s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_targets_enrolment_slots(0.1, 100.0, NAN, &s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_targets_enrolment_slots(NAN, 100.0, 0.8, &s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_targets_enrolment_slots(0.1, 100.0, 0.8, NULL), CCAP_EINVAL);
}

static void
test_targets__add_and_get(void)
{
    ccap_targets *t = ccap_targets_alloc();
    size_t dup = 99, region = 0;
    ccap_target_measure m = CCAP_TARGET_NONE;
    double v = 0.0;
    int year = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CCAP_ASSERT_STATUS(
        ccap_targets_add(t, CCAP_REGION_ALL, 2025, CCAP_TARGET_SLOTS_PER_1000, 4.5, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_targets_add(t, 2, 2025, CCAP_TARGET_ENROLMENT_RATE, 0.137, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_targets_add(t, 2, 2025, CCAP_TARGET_ENROLMENT_RATE, 0.2, &dup),
                       CCAP_EEXIST);
    CU_ASSERT_EQUAL(dup, 1);
    CCAP_ASSERT_STATUS(ccap_targets_add(t, 2, 2025, CCAP_TARGET_INCLUSIVE_SHARE, 1.01, NULL),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_targets_add(t, 2, 2025, CCAP_TARGET_SLOTS_PER_1000, 1000.5, NULL),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_targets_add(t, 2, 2025, CCAP_TARGET_SLOTS_PER_1000, -0.1, NULL),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_targets_add(t, 2, 2025, CCAP_TARGET_SLOTS_PER_1000, NAN, NULL),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_targets_add(t, 2, 2025, CCAP_TARGET_NONE, 0.1, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_targets_add(NULL, 2, 2025, CCAP_TARGET_SLOTS_PER_1000, 1.0, NULL),
                       CCAP_EINVAL);
    CU_ASSERT_EQUAL(ccap_targets_count(t), 2);
    CCAP_ASSERT_STATUS(ccap_targets_get(t, 1, &region, &year, &m, &v), CCAP_OK);
    CU_ASSERT_EQUAL(region, 2);
    CU_ASSERT_EQUAL(year, 2025);
    CU_ASSERT_EQUAL(m, CCAP_TARGET_ENROLMENT_RATE);
    CCAP_ASSERT_REL(v, 0.137, 0.0);
    CCAP_ASSERT_STATUS(ccap_targets_get(t, 2, NULL, NULL, NULL, NULL), CCAP_EINVAL);
    CU_ASSERT(ccap_targets_has(t, CCAP_TARGET_ENROLMENT_RATE));
    CU_ASSERT(!ccap_targets_has(t, CCAP_TARGET_INCLUSIVE_SHARE));
    CU_ASSERT_EQUAL(ccap_targets_count(NULL), 0);
    ccap_targets_free(t);
    ccap_targets_free(NULL);
}

/* Slots per 1,000: `*` 4.5 for 2025 and 6.0 for 2030, region 3 its own 4.1 for 2024 and
 * 5.0 for 2030.  Steps: region 1 has nothing before 2025, 4.5 from 2025 to 2029, 6.0 from
 * 2030; region 3 has 4.1 in 2024, 4.5 in 2025 ('*' is the latest entry then), and 5.0 from
 * 2030 (its own wins on the equal year).  Ramp: region 1 in 2027 is
 * 4.5 + (6.0 − 4.5)·(2027 − 2025)/(2030 − 2025) = 4.5 + 1.5·0.4 = 5.1; region 3 in 2027
 * goes from '*' 4.5 (2025) to its own 5.0 (2030): 4.5 + 0.5·0.4 = 4.7; after 2030 held. */
static void
test_targets__step_and_ramp(void)
{
    ccap_targets *t = ccap_targets_alloc();
    double v = 0.0;
    int y = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    ccap_targets_add(t, CCAP_REGION_ALL, 2025, CCAP_TARGET_SLOTS_PER_1000, 4.5, NULL);
    ccap_targets_add(t, CCAP_REGION_ALL, 2030, CCAP_TARGET_SLOTS_PER_1000, 6.0, NULL);
    ccap_targets_add(t, 3, 2024, CCAP_TARGET_SLOTS_PER_1000, 4.1, NULL);
    ccap_targets_add(t, 3, 2030, CCAP_TARGET_SLOTS_PER_1000, 5.0, NULL);
    ccap_targets_add(t, 3, 2026, CCAP_TARGET_ENROLMENT_RATE, 0.12, NULL);

    CCAP_ASSERT_STATUS(
        ccap_targets_find(t, 1, 2024, CCAP_TARGET_SLOTS_PER_1000, CCAP_TARGET_STEP, &v, &y),
        CCAP_ENOTFOUND);
    CU_ASSERT(isnan(v));
    CCAP_ASSERT_STATUS(
        ccap_targets_find(t, 1, 2027, CCAP_TARGET_SLOTS_PER_1000, CCAP_TARGET_STEP, &v, &y),
        CCAP_OK);
    CCAP_ASSERT_REL(v, 4.5, 0.0);
    CU_ASSERT_EQUAL(y, 2025);
    CCAP_ASSERT_STATUS(
        ccap_targets_find(t, 1, 2027, CCAP_TARGET_SLOTS_PER_1000, CCAP_TARGET_LINEAR, &v, &y),
        CCAP_OK);
    CCAP_ASSERT_REL(v, 5.1, 1e-15);
    CU_ASSERT_EQUAL(y, 2025);
    CCAP_ASSERT_STATUS(
        ccap_targets_find(t, 1, 2034, CCAP_TARGET_SLOTS_PER_1000, CCAP_TARGET_LINEAR, &v, &y),
        CCAP_OK);
    CCAP_ASSERT_REL(v, 6.0, 0.0); /* held after the last */
    CCAP_ASSERT_STATUS(
        ccap_targets_find(t, 3, 2024, CCAP_TARGET_SLOTS_PER_1000, CCAP_TARGET_LINEAR, &v, &y),
        CCAP_OK);
    CCAP_ASSERT_REL(v, 4.1, 0.0); /* the ramp starts at a given year */
    CCAP_ASSERT_STATUS(
        ccap_targets_find(t, 3, 2025, CCAP_TARGET_SLOTS_PER_1000, CCAP_TARGET_STEP, &v, &y),
        CCAP_OK);
    CCAP_ASSERT_REL(v, 4.5, 0.0);
    CCAP_ASSERT_STATUS(
        ccap_targets_find(t, 3, 2027, CCAP_TARGET_SLOTS_PER_1000, CCAP_TARGET_LINEAR, &v, &y),
        CCAP_OK);
    CCAP_ASSERT_REL(v, 4.7, 1e-15);
    CCAP_ASSERT_STATUS(
        ccap_targets_find(t, 3, 2030, CCAP_TARGET_SLOTS_PER_1000, CCAP_TARGET_STEP, &v, &y),
        CCAP_OK);
    CCAP_ASSERT_REL(v, 5.0, 0.0);
    /* measures do not mix: region 1 has no enrolment target, region 3 one from 2026 */
    CCAP_ASSERT_STATUS(
        ccap_targets_find(t, 1, 2030, CCAP_TARGET_ENROLMENT_RATE, CCAP_TARGET_STEP, &v, &y),
        CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(
        ccap_targets_find(t, 3, 2031, CCAP_TARGET_ENROLMENT_RATE, CCAP_TARGET_LINEAR, &v, &y),
        CCAP_OK);
    CCAP_ASSERT_REL(v, 0.12, 0.0);
    CCAP_ASSERT_STATUS(ccap_targets_find(t, CCAP_REGION_ALL, 2030, CCAP_TARGET_SLOTS_PER_1000,
                                         CCAP_TARGET_STEP, &v, &y),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(
        ccap_targets_find(t, 1, 2030, CCAP_TARGET_SLOTS_PER_1000, (ccap_target_interp)2, &v, &y),
        CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_targets_find(t, 1, 2030, CCAP_TARGET_NONE, CCAP_TARGET_STEP, &v, &y),
                       CCAP_EINVAL);
    {
        /* the per-1,000 entries as a one-value schedule find the same steps */
        ccap_schedule *s = NULL;
        double w = 0.0;

        CCAP_ASSERT_STATUS(ccap_targets_schedule(t, CCAP_TARGET_SLOTS_PER_1000, &s), CCAP_OK);
        CU_ASSERT_EQUAL(ccap_schedule_count(s), 4);
        CCAP_ASSERT_STATUS(ccap_childcare_target_find(s, 3, 2025, &w, NULL), CCAP_OK);
        CCAP_ASSERT_REL(w, 4.5, 0.0);
        ccap_schedule_free(s);
        CCAP_ASSERT_STATUS(ccap_targets_schedule(t, CCAP_TARGET_NONE, &s), CCAP_EINVAL);
        CU_ASSERT_PTR_NULL(s);
    }
    ccap_targets_free(t);
}

/* The long file and its Chinese-headed twin read the same six entries; the per-1,000 form
 * (gap_known/targets.csv: X,2024,4.1) reads as one slots_per_1000 entry. */
static void
test_targets__read_forms(void)
{
    const char *files[2] = {"standards/targets.csv", "standards/targets_zh.csv"};
    char path[512];
    size_t f;

    for (f = 0; f < 2; f++) {
        ccap_targets *t = NULL;
        ccap_diag diag;
        size_t region = 0;
        ccap_target_measure m = CCAP_TARGET_NONE;
        double v = 0.0;
        int year = 0;

        CCAP_ASSERT_STATUS(ccap_csv_read_target_set(ccap_test_data(path, sizeof path, files[f]),
                                                    regions, &t, NULL, &diag),
                           CCAP_OK);
        if (t == NULL)
            continue;
        CU_ASSERT_EQUAL(ccap_targets_count(t), 6);
        ccap_targets_get(t, 2, &region, &year, &m, &v);
        CU_ASSERT_EQUAL(region, code("A"));
        CU_ASSERT_EQUAL(year, 2024);
        CU_ASSERT_EQUAL(m, CCAP_TARGET_ENROLMENT_RATE);
        CCAP_ASSERT_REL(v, 0.18, 0.0);
        ccap_targets_get(t, 4, &region, &year, &m, &v);
        CU_ASSERT_EQUAL(region, CCAP_REGION_ALL);
        CU_ASSERT_EQUAL(m, CCAP_TARGET_INCLUSIVE_SHARE);
        ccap_targets_free(t);
    }
    {
        ccap_regions *known = NULL;
        ccap_targets *t = NULL;
        ccap_target_measure m = CCAP_TARGET_NONE;
        double v = 0.0;

        ccap_csv_read_regions(ccap_test_data(path, sizeof path, "gap_known/regions.csv"), &known,
                              NULL, NULL);
        CCAP_ASSERT_STATUS(
            ccap_csv_read_target_set(ccap_test_data(path, sizeof path, "gap_known/targets.csv"),
                                     known, &t, NULL, NULL),
            CCAP_OK);
        CU_ASSERT_EQUAL(ccap_targets_count(t), 1);
        ccap_targets_get(t, 0, NULL, NULL, &m, &v);
        CU_ASSERT_EQUAL(m, CCAP_TARGET_SLOTS_PER_1000);
        CCAP_ASSERT_REL(v, 4.1, 0.0);
        ccap_targets_free(t);
        ccap_regions_free(known);
    }
}

/* The three-county case, end of 2024 (tests/data/standards; one population, dated
 * 2024-12-31, held for the year-end):
 *
 *   county  residents  ages 0/1/2          under 3  slots  enrolled  inclusive slots
 *   A       200,000    1,200/1,500/1,800   4,500    900    675       500 + 120 = 620
 *   B       150,000      900/1,000/1,100   3,000    500    330       300
 *   C       100,000      700/800/900       2,400    450    330       350
 *   T       450,000                        9,900    1,850  1,335     1,270
 *
 * Targets for 2024: 4.5 slots per 1,000 everywhere; enrolment 0.15 ('*'), A 0.18, C 0.20;
 * inclusive share 0.6; occupancy 0.8.
 *   per 1,000:  A 4.5·200,000/1000 = 900;  B 675;  C 450;  T 2,025
 *   enrolment:  A 0.18·4,500/0.8 = 810/0.8 = 1,012.5;  B 0.15·3,000/0.8 = 450/0.8 = 562.5;
 *               C 0.20·2,400/0.8 = 480/0.8 = 600;      T 0.15·9,900/0.8 = 1,485/0.8 = 1,856.25
 *   binding:    A enrolment (1,012.5 > 900), gap 1,012.5 − 900 = 112.5
 *               B per 1,000 (675 > 562.5),  gap 675 − 500 = 175
 *               C enrolment (600 > 450),    gap 600 − 450 = 150
 *               T per 1,000 (2,025 > 1,856.25), gap 2,025 − 1,850 = 175
 *   per-1,000 gaps: A 900 − 900 = 0; C 450 − 450 = 0; enrolment gap of B 562.5 − 500 = 62.5
 *   inclusive:  0.6 · binding slots − inclusive slots: A 607.5 − 620 = −12.5;
 *               B 405 − 300 = 105; C 360 − 350 = 10
 *   observed:   utilisation A 675/900 = 0.75, B 330/500 = 0.66, C 330/450 = 0.7333…;
 *               enrolment rate A 675/4,500 = 0.15, B 330/3,000 = 0.11, C 330/2,400 = 0.1375,
 *               T 1,335/9,900 = 0.134848… */
static void
test_targets__three_county_table(void)
{
    ccap_population *pop = NULL;
    ccap_childcare_inventory *inv = NULL;
    ccap_targets *t = NULL;
    ccap_gap_row rows[4];
    char path[512];
    int held = 0;

    CCAP_ASSERT_STATUS(
        ccap_csv_read_population(ccap_test_data(path, sizeof path, "standards/population.csv"),
                                 regions, CCAP_YEAR_ANY, &pop, NULL, NULL),
        CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_read_slots(ccap_test_data(path, sizeof path, "standards/slots.csv"),
                                           regions, &inv, NULL, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_csv_read_target_set(ccap_test_data(path, sizeof path, "standards/targets.csv"),
                                 regions, &t, NULL, NULL),
        CCAP_OK);
    if (pop != NULL && inv != NULL && t != NULL) {
        const ccap_population *pops[1];
        const ccap_gap_table_inputs tin = {.pops = pops,
                                           .n_pops = 1,
                                           .regions = regions,
                                           .inventory = inv,
                                           .target_set = t,
                                           .occupancy = 0.8};
        const ccap_gap_row *a = &rows[code("A")], *b = &rows[code("B")], *c = &rows[code("C")],
                           *city = &rows[code("T")];
        pops[0] = pop;
        CCAP_ASSERT_STATUS(ccap_gap_table(&tin, 2024, 2024, rows, 4, &held), CCAP_OK);
        CCAP_ASSERT_REL(a->under3, 4500.0, 1e-15);
        CCAP_ASSERT_REL(city->under3, 9900.0, 1e-15);
        CCAP_ASSERT_REL(a->per_1000_slots, 900.0, 1e-14);
        CCAP_ASSERT_REL(b->per_1000_slots, 675.0, 1e-14);
        CCAP_ASSERT_REL(c->per_1000_slots, 450.0, 1e-14);
        CCAP_ASSERT_REL(city->per_1000_slots, 2025.0, 1e-14);
        CCAP_ASSERT_REL(a->enrolment_target, 0.18, 0.0);
        CCAP_ASSERT_REL(b->enrolment_target, 0.15, 0.0);
        CCAP_ASSERT_REL(a->enrolment_slots, 1012.5, 1e-14);
        CCAP_ASSERT_REL(b->enrolment_slots, 562.5, 1e-14);
        CCAP_ASSERT_REL(c->enrolment_slots, 600.0, 1e-14);
        CCAP_ASSERT_REL(city->enrolment_slots, 1856.25, 1e-14);
        CU_ASSERT_EQUAL(a->binding, CCAP_TARGET_ENROLMENT_RATE);
        CU_ASSERT_EQUAL(b->binding, CCAP_TARGET_SLOTS_PER_1000);
        CU_ASSERT_EQUAL(c->binding, CCAP_TARGET_ENROLMENT_RATE);
        CU_ASSERT_EQUAL(city->binding, CCAP_TARGET_SLOTS_PER_1000);
        CCAP_ASSERT_REL(a->target_slots, 1012.5, 1e-14);
        CCAP_ASSERT_REL(a->gap, 112.5, 1e-12);
        CCAP_ASSERT_REL(b->gap, 175.0, 1e-12);
        CCAP_ASSERT_REL(c->gap, 150.0, 1e-12);
        CCAP_ASSERT_REL(city->gap, 175.0, 1e-12);
        CCAP_ASSERT_REL(b->enrolment_gap, 62.5, 1e-12);
        CU_ASSERT_DOUBLE_EQUAL(a->per_1000_slots - a->slots, 0.0, 1e-9);
        CCAP_ASSERT_REL(a->inclusive_slots, 620.0, 1e-15);
        CCAP_ASSERT_REL(a->inclusive_gap, -12.5, 1e-12);
        CCAP_ASSERT_REL(b->inclusive_gap, 105.0, 1e-12);
        CCAP_ASSERT_REL(c->inclusive_gap, 10.0, 1e-12);
        CCAP_ASSERT_REL(a->utilisation, 0.75, 1e-15);
        CCAP_ASSERT_REL(b->utilisation, 0.66, 1e-15);
        CCAP_ASSERT_REL(c->utilisation, 330.0 / 450.0, 1e-15);
        CCAP_ASSERT_REL(a->enrolment_rate, 0.15, 1e-15);
        CCAP_ASSERT_REL(b->enrolment_rate, 0.11, 1e-15);
        CCAP_ASSERT_REL(c->enrolment_rate, 0.1375, 1e-15);
        CCAP_ASSERT_REL(city->enrolled, 1335.0, 1e-15);
        CCAP_ASSERT_REL(city->enrolment_rate, 1335.0 / 9900.0, 1e-15);
    }
    ccap_targets_free(t);
    ccap_childcare_inventory_free(inv);
    ccap_population_free(pop);
}

/* A plan follows the binding target: with the 2024 targets held in 2025 (steps), the same
 * population (held) and no attrition, the every-county schedule builds each county's 2024
 * binding gap in 2025 in whole slots: ceil(112.5) = 113 in A, 175 in B, 150 in C, 438 in
 * all, where the per-1,000 target alone would build 0 + 175 + 0 = 175. */
static void
test_targets__plan_follows_binding(void)
{
    ccap_population *pop = NULL;
    ccap_childcare_inventory *inv = NULL;
    ccap_targets *t = NULL;
    ccap_plan *plan = NULL;
    char path[512];

    ccap_csv_read_population(ccap_test_data(path, sizeof path, "standards/population.csv"), regions,
                             CCAP_YEAR_ANY, &pop, NULL, NULL);
    ccap_csv_read_slots(ccap_test_data(path, sizeof path, "standards/slots.csv"), regions, &inv,
                        NULL, NULL);
    ccap_csv_read_target_set(ccap_test_data(path, sizeof path, "standards/targets.csv"), regions,
                             &t, NULL, NULL);
    if (pop != NULL && inv != NULL && t != NULL) {
        const ccap_population *pops[1] = {pop};
        ccap_plan_inputs in = CCAP_PLAN_INPUTS_INIT;
        ccap_plan_options o = CCAP_PLAN_OPTIONS_INIT;

        in.regions = regions;
        in.populations = pops;
        in.n_populations = 1;
        in.inventory = inv;
        in.target_set = t;
        o.to = 2025;
        CCAP_ASSERT_STATUS(ccap_plan_run(&in, &o, &plan, NULL), CCAP_OK);
    }
    if (plan != NULL) {
        CCAP_ASSERT_REL(ccap_plan_new_slots(plan, code("A"), 2025), 113.0, 0.0);
        CCAP_ASSERT_REL(ccap_plan_new_slots(plan, code("B"), 2025), 175.0, 0.0);
        CCAP_ASSERT_REL(ccap_plan_new_slots(plan, code("C"), 2025), 150.0, 0.0);
        CCAP_ASSERT_REL(ccap_plan_new_slots(plan, code("T"), 2025), 438.0, 0.0);
    }
    ccap_plan_free(plan);
    ccap_targets_free(t);
    ccap_childcare_inventory_free(inv);
    ccap_population_free(pop);
}

static CU_TestInfo targets_tests[] = {
    {"measure_names", test_targets__measure_names},
    {"enrolment_slots", test_targets__enrolment_slots},
    {"add_and_get", test_targets__add_and_get},
    {"step_and_ramp", test_targets__step_and_ramp},
    {"read_forms", test_targets__read_forms},
    {"three_county_table", test_targets__three_county_table},
    {"plan_follows_binding", test_targets__plan_follows_binding},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "targets", .pInitFunc = setup, .pCleanupFunc = teardown, .pTests = targets_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
