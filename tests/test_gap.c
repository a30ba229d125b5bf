/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gap: targets and gaps, target paths, demand gap, build schedules, attainment and
 * over-build years, allocation of slots and budgets, costs, and the caps and costs files.
 * Values are checked against hand calculations (in the comments), against simple
 * one-slot-at-a-time reference rules, and against brute force over every allocation of
 * many small random instances. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_test.h"

#define NANYANG_2020 9713112.0 /* residents, 7th census, 2020-11-01 */
#define NONE CCAP_GAP_NO_CAP

static ccap_regions *regions;

static int
setup(void)
{
    char path[512];

    return ccap_csv_read_regions(ccap_test_data(path, sizeof path, "regions.csv"), &regions, NULL,
                                 NULL) != CCAP_OK;
}

static int
teardown(void)
{
    ccap_regions_free(regions);
    regions = NULL;
    return 0;
}

/* Exact equality without -Wfloat-equal: the values compared are whole numbers or copies. */
static int
eq(double a, double b)
{
    return !(a < b) && !(a > b);
}

static int
all_nan(const double x[], size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (!isnan(x[i]))
            return 0;
    }
    return 1;
}

/* ---- targets and gaps ---- */

/* Nanyang, 2020 census population 9,713,112, a target of 4.1 per 1,000 (end of 2024):
 *   4.1 · 9,713,112 = 39,823,759.2;  / 1000 = 39,823.7592 slots;
 *   with 30,000 slots the gap is 9,823.7592; in whole slots (rounded up) 39,824 and 9,824.
 * The national 4.5 gives 4.5 · 9,713,112 / 1000 = 43,709.004 slots. */
static void
test_gap__nanyang_known_case(void)
{
    double target = 0.0, gap = 0.0, whole = 0.0;

    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(4.1, NANYANG_2020, &target), CCAP_OK);
    CCAP_ASSERT_REL(target, 39823.7592, 1e-15);
    CCAP_ASSERT_STATUS(ccap_gap_slots(4.1, NANYANG_2020, 30000.0, &gap), CCAP_OK);
    CCAP_ASSERT_REL(gap, 9823.7592, 1e-14); /* 1e-14: the subtraction loses 2 digits */
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(target, 0.0, &whole), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(whole, 39824.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(gap, 0.0, &whole), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(whole, 9824.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(gap, 1e-12, &whole), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(whole, 9824.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(4.5, NANYANG_2020, &target), CCAP_OK);
    CCAP_ASSERT_REL(target, 43709.004, 1e-15);
    /* Spare capacity: 4.1 per 1,000 of 10,000 residents is 41 slots; 50 slots leave -9. */
    CCAP_ASSERT_STATUS(ccap_gap_slots(4.1, 10000.0, 50.0, &gap), CCAP_OK);
    CCAP_ASSERT_REL(gap, -9.0, 1e-14);
    /* The gap is zero when slots equal the requirement. */
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(2.57, 1411750000.0, &target),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_gap_slots(2.57, 1411750000.0, target, &gap), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(gap, 0.0, 0.0);
}

static void
test_gap__round_up(void)
{
    double whole = 0.0, target = 0.0;

    /* 1.1 per 1,000 of 50,000 residents is 55 slots, but 1.1 · 50,000 / 1000 evaluates to
     * 55.00000000000001 in double precision: a strict ceiling says 56, a relative
     * tolerance of 1e-12 (the error is 1.3e-16 relative) says 55. */
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(1.1, 50000.0, &target), CCAP_OK);
    CU_ASSERT(target > 55.0);
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(target, 0.0, &whole), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(whole, 56.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(target, 1e-12, &whole), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(whole, 55.0, 0.0);
    /* Below a whole number by a rounding error: 2.03 · 100,000 / 1000 = 202.99999999999997. */
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(2.03, 100000.0, &target), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(target, 1e-12, &whole), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(whole, 203.0, 0.0);
    /* Spare capacity of 5.3 slots is 5 whole slots spare: -5 (and not -0 for -0.3). */
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(-5.3, 0.0, &whole), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(whole, -5.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(-0.3, 0.0, &whole), CCAP_OK);
    CU_ASSERT(eq(whole, 0.0) && !signbit(whole));
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(7.0, 0.0, &whole), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(whole, 7.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(0.001, 0.0, &whole), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(whole, 1.0, 0.0);
    /* Errors. */
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(NAN, 0.0, &whole), CCAP_EDOM);
    CU_ASSERT(isnan(whole));
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(INFINITY, 0.0, &whole), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(3.2, -1e-12, &whole), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(3.2, 1.0, &whole), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(3.2, NAN, &whole), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_slots_round_up(3.2, 0.0, NULL), CCAP_EINVAL);
}

static void
test_gap__target_errors(void)
{
    double out = 0.0;

    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(-4.1, NANYANG_2020, &out), CCAP_EDOM);
    CU_ASSERT(isnan(out));
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(4.1, -1.0, &out), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(NAN, NANYANG_2020, &out), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(4.1, INFINITY, &out), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(4.1, NANYANG_2020, NULL),
                       CCAP_EINVAL);
    out = 0.0;
    CCAP_ASSERT_STATUS(ccap_gap_slots(4.1, NANYANG_2020, -1.0, &out), CCAP_EDOM); /* slots < 0 */
    CU_ASSERT(isnan(out));
    CCAP_ASSERT_STATUS(ccap_gap_slots(4.1, NANYANG_2020, NAN, &out), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_slots(4.1, NAN, 30000.0, &out), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_slots(4.1, NANYANG_2020, 30000.0, NULL), CCAP_EINVAL);
}

/* ---- target paths ---- */

static void
test_gap__path(void)
{
    const int nanyang[2] = {2024, 2025};
    const double nanyang_target[2] = {4.1, 4.5};
    /* National: 2.03 at the end of 2021, 4.5 at the end of 2025. */
    const int national[2] = {2021, 2025};
    const double national_target[2] = {2.03, 4.5};
    double v = 0.0;

    CCAP_ASSERT_STATUS(ccap_gap_path_eval(nanyang, nanyang_target, 2, 2023, &v), CCAP_ENOTFOUND);
    CU_ASSERT(isnan(v));
    CCAP_ASSERT_STATUS(ccap_gap_path_eval(nanyang, nanyang_target, 2, 2024, &v), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v, 4.1, 0.0);
    CCAP_ASSERT_STATUS(ccap_gap_path_eval(nanyang, nanyang_target, 2, 2025, &v), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v, 4.5, 0.0);
    CCAP_ASSERT_STATUS(ccap_gap_path_eval(nanyang, nanyang_target, 2, 2035, &v), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v, 4.5, 0.0); /* held after the last year */
    /* Linear in between: 2023 is halfway, 2.03 + (4.5 - 2.03) · 2/4 = 3.265;
     * 2022: 2.03 + 2.47/4 = 2.6475. */
    CCAP_ASSERT_STATUS(ccap_gap_path_eval(national, national_target, 2, 2023, &v), CCAP_OK);
    CCAP_ASSERT_REL(v, 3.265, 1e-15);
    CCAP_ASSERT_STATUS(ccap_gap_path_eval(national, national_target, 2, 2022, &v), CCAP_OK);
    CCAP_ASSERT_REL(v, 2.6475, 1e-15);
    /* A single point: nothing before, held after. */
    CCAP_ASSERT_STATUS(ccap_gap_path_eval(nanyang, nanyang_target, 1, 2030, &v), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v, 4.1, 0.0);
    /* Three points, the middle segment found by bisection: 2.03 (2021), 3.38 (2023),
     * 4.5 (2025): 2024 -> 3.38 + 1.12/2 = 3.94. */
    {
        const int y3[3] = {2021, 2023, 2025};
        const double t3[3] = {2.03, 3.38, 4.5};
        CCAP_ASSERT_STATUS(ccap_gap_path_eval(y3, t3, 3, 2024, &v), CCAP_OK);
        CCAP_ASSERT_REL(v, 3.94, 1e-15);
        CCAP_ASSERT_STATUS(ccap_gap_path_eval(y3, t3, 3, 2022, &v), CCAP_OK);
        CCAP_ASSERT_REL(v, 2.705, 1e-15);
    }
}

static void
test_gap__path_errors(void)
{
    const int unsorted[2] = {2025, 2024}, repeated[2] = {2024, 2024}, ok[2] = {2024, 2025};
    const double t[2] = {4.1, 4.5}, bad_nan[2] = {4.1, NAN}, bad_neg[2] = {-4.1, 4.5};
    double v = 0.0;

    CCAP_ASSERT_STATUS(ccap_gap_path_eval(unsorted, t, 2, 2025, &v), CCAP_EDOM);
    CU_ASSERT(isnan(v));
    CCAP_ASSERT_STATUS(ccap_gap_path_eval(repeated, t, 2, 2025, &v), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_path_eval(ok, bad_nan, 2, 2025, &v), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_path_eval(ok, bad_neg, 2, 2025, &v), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_path_eval(ok, t, 0, 2025, &v), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_path_eval(NULL, t, 2, 2025, &v), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_path_eval(ok, NULL, 2, 2025, &v), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_path_eval(ok, t, 2, 2025, NULL), CCAP_EINVAL);
}

/* ---- demand ---- */

/* 80,000, 100,000 and 110,000 children aged 0, 1, 2; take-up 0.02, 0.08, 0.15;
 * occupancy 0.8: (1,600 + 8,000 + 16,500) / 0.8 = 26,100 / 0.8 = 32,625 slots;
 * with 30,000 slots the demand gap is 2,625; with 40,000 it is -7,375. */
static void
test_gap__demand(void)
{
    const double children[3] = {80000.0, 100000.0, 110000.0};
    const double takeup[3] = {0.02, 0.08, 0.15};
    const double bad_takeup[3] = {0.02, 1.08, 0.15};
    const double bad_children[3] = {80000.0, -1.0, 110000.0};
    const double nan_children[3] = {80000.0, NAN, 110000.0};
    double demand = 0.0, gap = 0.0;

    CCAP_ASSERT_STATUS(ccap_gap_demand(children, takeup, 3, 0.8, 30000.0, &demand, &gap), CCAP_OK);
    CCAP_ASSERT_REL(demand, 32625.0, 1e-15);
    CCAP_ASSERT_REL(gap, 2625.0, 1e-13);
    CCAP_ASSERT_STATUS(ccap_gap_demand(children, takeup, 3, 0.8, 40000.0, NULL, &gap), CCAP_OK);
    CCAP_ASSERT_REL(gap, -7375.0, 1e-13);
    /* Occupancy 1: demand equals the children who take up, 26,100. */
    CCAP_ASSERT_STATUS(ccap_gap_demand(children, takeup, 3, 1.0, 0.0, &demand, &gap), CCAP_OK);
    CCAP_ASSERT_REL(demand, 26100.0, 1e-15);

    CCAP_ASSERT_STATUS(ccap_gap_demand(children, takeup, 3, 0.0, 30000.0, &demand, &gap),
                       CCAP_EDOM); /* occupancy <= 0 */
    CU_ASSERT(isnan(demand) && isnan(gap));
    CCAP_ASSERT_STATUS(ccap_gap_demand(children, takeup, 3, -0.8, 30000.0, &demand, &gap),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_demand(children, takeup, 3, 1.2, 30000.0, &demand, &gap),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_demand(children, takeup, 3, NAN, 30000.0, &demand, &gap),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_demand(children, bad_takeup, 3, 0.8, 30000.0, &demand, &gap),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_demand(bad_children, takeup, 3, 0.8, 30000.0, &demand, &gap),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_demand(nan_children, takeup, 3, 0.8, 30000.0, &demand, &gap),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_demand(children, takeup, 3, 0.8, -1.0, &demand, &gap), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_demand(children, takeup, 0, 0.8, 30000.0, &demand, &gap),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_demand(NULL, takeup, 3, 0.8, 30000.0, &demand, &gap), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_demand(children, NULL, 3, 0.8, 30000.0, &demand, &gap),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_demand(children, takeup, 3, 0.8, 30000.0, &demand, NULL),
                       CCAP_EINVAL);
}

/* ---- build schedules ---- */

/* S0 = 30,000, attrition 5%, required 35,000, 39,823.7592 (4.1 per 1,000 of Nanyang),
 * 43,709.004 (4.5 per 1,000):
 *   year 1: kept 30,000 · 0.95 = 28,500;      new 6,500;                   S = 35,000
 *   year 2: kept 35,000 · 0.95 = 33,250;      new 6,573.7592;              S = 39,823.7592
 *   year 3: kept 39,823.7592 · 0.95 = 37,832.57124; new 5,876.43276;       S = 43,709.004
 * A year whose requirement is below the kept slots builds nothing: 20,000 < 28,500. */
static void
test_gap__greedy_by_hand(void)
{
    const double required[3] = {35000.0, 39823.7592, 43709.004};
    const double low[2] = {20000.0, 27000.0};
    double added[3], s[3];

    CCAP_ASSERT_STATUS(ccap_gap_build_greedy(30000.0, 0.05, required, 3, added, s), CCAP_OK);
    CCAP_ASSERT_REL(added[0], 6500.0, 1e-15);
    CCAP_ASSERT_REL(added[1], 6573.7592, 1e-12);
    CCAP_ASSERT_REL(added[2], 5876.43276, 1e-12);
    CCAP_ASSERT_REL(s[0], 35000.0, 1e-15);
    CCAP_ASSERT_REL(s[1], 39823.7592, 1e-15);
    CCAP_ASSERT_REL(s[2], 43709.004, 1e-15);
    /* 28,500 kept > 20,000: nothing built; then 28,500 · 0.95 = 27,075 > 27,000. */
    CCAP_ASSERT_STATUS(ccap_gap_build_greedy(30000.0, 0.05, low, 2, added, s), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(added[0], 0.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(added[1], 0.0, 0.0);
    CCAP_ASSERT_REL(s[1], 27075.0, 1e-15);
    /* slots_out may be NULL. */
    CCAP_ASSERT_STATUS(ccap_gap_build_greedy(30000.0, 0.05, required, 3, added, NULL), CCAP_OK);
    CCAP_ASSERT_REL(added[2], 5876.43276, 1e-12);
}

/* With no attrition the minimal schedule reaches each target exactly, and builds
 * R[T] - S0 in all when the targets rise. */
static void
test_gap__greedy_zero_attrition_exact(void)
{
    const double required[6] = {31234.567, 33701.25, 35999.999, 36000.0, 39823.7592, 43709.004};
    double added[6], s[6], total = 0.0;
    size_t t;

    CCAP_ASSERT_STATUS(ccap_gap_build_greedy(30000.0, 0.0, required, 6, added, s), CCAP_OK);
    for (t = 0; t < 6; t++) {
        CU_ASSERT_DOUBLE_EQUAL(s[t], required[t], 0.0); /* exactly */
        CU_ASSERT(added[t] > 0.0);
        total += added[t];
    }
    CCAP_ASSERT_REL(total, 43709.004 - 30000.0, 1e-13);
    /* Minimal: one slot less in any year leaves that year short. */
    for (t = 0; t < 6; t++) {
        const double before = t == 0 ? 30000.0 : s[t - 1];
        CU_ASSERT(before + added[t] - 1.0 < required[t]);
    }
}

static void
test_gap__greedy_errors(void)
{
    const double required[2] = {35000.0, 39823.7592};
    const double bad[2] = {35000.0, -1.0};
    double added[2], s[2];

    CCAP_ASSERT_STATUS(ccap_gap_build_greedy(-1.0, 0.05, required, 2, added, s), CCAP_EDOM);
    CU_ASSERT(all_nan(added, 2) && all_nan(s, 2));
    CCAP_ASSERT_STATUS(ccap_gap_build_greedy(NAN, 0.05, required, 2, added, s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_build_greedy(30000.0, 1.0, required, 2, added, s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_build_greedy(30000.0, -0.01, required, 2, added, s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_build_greedy(30000.0, NAN, required, 2, added, s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_build_greedy(30000.0, 0.05, bad, 2, added, s), CCAP_EDOM);
    CU_ASSERT(all_nan(added, 2));
    CCAP_ASSERT_STATUS(ccap_gap_build_greedy(30000.0, 0.05, required, 0, added, s), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_build_greedy(30000.0, 0.05, NULL, 2, added, s), CCAP_EINVAL);
    CU_ASSERT(all_nan(added, 2));
    CCAP_ASSERT_STATUS(ccap_gap_build_greedy(30000.0, 0.05, required, 2, NULL, s), CCAP_EINVAL);
}

/* Two years to reach 39,823.7592 from 30,000:
 * - no attrition: b = 9,823.7592 / 2 = 4,911.8796, whole 4,912;
 * - 5%: S2 = 30,000 · 0.95² + b (1 + 0.95) = 27,075 + 1.95 b, so
 *   b = (39,823.7592 − 27,075) / 1.95 = 12,748.7592 / 1.95 = 6,537.82523…, whole 6,538:
 *   6,538 gives 27,075 + 12,749.1 = 39,824.1 >= 39,823.7592, 6,537 gives 39,822.15 < it. */
static void
test_gap__even_by_hand(void)
{
    double b = 0.0;

    CCAP_ASSERT_STATUS(ccap_gap_build_even(30000.0, 0.0, 39823.7592, 2, &b), CCAP_OK);
    CCAP_ASSERT_REL(b, 4911.8796, 1e-13);
    CCAP_ASSERT_STATUS(ccap_gap_build_even_whole(30000.0, 0.0, 39823.7592, 2, 0.0, &b), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(b, 4912.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_gap_build_even(30000.0, 0.05, 39823.7592, 2, &b), CCAP_OK);
    CCAP_ASSERT_REL(b, 12748.7592 / 1.95, 1e-13);
    CCAP_ASSERT_STATUS(ccap_gap_build_even_whole(30000.0, 0.05, 39823.7592, 2, 1e-12, &b), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(b, 6538.0, 0.0);
    {
        double s = 30000.0;
        size_t t;

        for (t = 0; t < 2; t++)
            s = s * 0.95 + b;
        CU_ASSERT(s >= 39823.7592);
        CU_ASSERT((30000.0 * 0.95 + b - 1.0) * 0.95 + b - 1.0 < 39823.7592);
    }
    /* Already enough after attrition: 30,000 · 0.95² = 27,075 >= 20,000: nothing to build. */
    CCAP_ASSERT_STATUS(ccap_gap_build_even(30000.0, 0.05, 20000.0, 2, &b), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(b, 0.0, 0.0);
    /* One year: b = R - S0 q = 39,823.7592 - 28,500 = 11,323.7592. */
    CCAP_ASSERT_STATUS(ccap_gap_build_even(30000.0, 0.05, 39823.7592, 1, &b), CCAP_OK);
    CCAP_ASSERT_REL(b, 11323.7592, 1e-13);
}

/* A tiny attrition keeps its accuracy: a = 1e-9, T = 10, S0 = 0, R = 1000.
 * G = Σ_{j<10} (1-a)^j = 10 - 45a + 120a² - ... = 9.99999995500000012,
 * b = 1000 / G = 100 · (1 + 4.5e-9 + 8.25e-18 ...) = 100.00000045000000(08).
 * Computing 1 - q^T directly would lose about 8 digits to cancellation. */
static void
test_gap__even_small_attrition(void)
{
    double b = 0.0;

    CCAP_ASSERT_STATUS(ccap_gap_build_even(0.0, 1e-9, 1000.0, 10, &b), CCAP_OK);
    CCAP_ASSERT_REL(b, 100.00000045, 1e-14);
}

static void
test_gap__even_errors(void)
{
    double b = 0.0;

    CCAP_ASSERT_STATUS(ccap_gap_build_even(-1.0, 0.05, 100.0, 2, &b), CCAP_EDOM);
    CU_ASSERT(isnan(b));
    CCAP_ASSERT_STATUS(ccap_gap_build_even(100.0, 1.0, 100.0, 2, &b), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_build_even(100.0, -0.5, 100.0, 2, &b), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_build_even(100.0, 0.05, NAN, 2, &b), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_build_even(100.0, 0.05, 100.0, 0, &b), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_build_even(100.0, 0.05, 100.0, 2, NULL), CCAP_EINVAL);
    b = 0.0;
    CCAP_ASSERT_STATUS(ccap_gap_build_even_whole(100.0, 0.05, 100.0, 2, -1.0, &b), CCAP_EDOM);
    CU_ASSERT(isnan(b));
    CCAP_ASSERT_STATUS(ccap_gap_build_even_whole(100.0, 1.5, 100.0, 2, 0.0, &b), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_build_even_whole(100.0, 0.05, 100.0, 0, 0.0, &b), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_build_even_whole(100.0, 0.05, 100.0, 2, 0.0, NULL), CCAP_EINVAL);
}

/* ---- attainment ---- */

/* S0 = 30,000, 5% attrition, 5,000 new slots a year, 39,823.7592 required every year:
 *   S1 = 28,500 + 5,000 = 33,500; S2 = 31,825 + 5,000 = 36,825;
 *   S3 = 34,983.75 + 5,000 = 39,983.75 >= 39,823.7592: the third year (index 2).
 * 1,000 a year converge to 1,000 / 0.05 = 20,000 and never get there. */
static void
test_gap__attainment_by_hand(void)
{
    double required[10];
    size_t t, year = 0;

    for (t = 0; t < 10; t++)
        required[t] = 39823.7592;
    CCAP_ASSERT_STATUS(ccap_gap_attainment_year(30000.0, 0.05, 5000.0, required, 10, &year),
                       CCAP_OK);
    CU_ASSERT_EQUAL(year, 2);
    CCAP_ASSERT_STATUS(ccap_gap_attainment_year(30000.0, 0.05, 1000.0, required, 10, &year),
                       CCAP_ENOTREACHED);
    CU_ASSERT_EQUAL(year, CCAP_GAP_NO_YEAR);
    /* Two years only: not within the horizon with 5,000 a year. */
    CCAP_ASSERT_STATUS(ccap_gap_attainment_year(30000.0, 0.05, 5000.0, required, 2, &year),
                       CCAP_ENOTREACHED);
    /* No attrition, 4,911.8796 a year (the even rate): exactly 39,823.7592 in year 2. */
    required[1] = 30000.0 + 2.0 * 4911.8796;
    CCAP_ASSERT_STATUS(ccap_gap_attainment_year(30000.0, 0.0, 4911.8796, required, 10, &year),
                       CCAP_OK);
    CU_ASSERT_EQUAL(year, 1);
}

/* Deterministic generator for the randomised tests (xorshift64*, Vigna 2016): results do
 * not depend on the platform's rand(). */
typedef struct rng {
    unsigned long long s;
} rng;

static unsigned long long
rng_next(rng *g)
{
    g->s ^= g->s >> 12;
    g->s ^= g->s << 25;
    g->s ^= g->s >> 27;
    return g->s * 2685821657736338717ULL;
}

/* Uniform whole number in [0, n). */
static unsigned
rng_below(rng *g, unsigned n)
{
    return (unsigned)((rng_next(g) >> 33) % n);
}

/* A higher build rate never attains later, on random requirement paths. */
static void
test_gap__attainment_monotone(void)
{
    const unsigned long long seed = 20240624ULL;
    rng g = {seed};
    size_t c, t;

    for (c = 0; c < 300; c++) {
        double required[12], b, attrition = 0.01 * rng_below(&g, 20);
        double s0 = 100.0 * rng_below(&g, 400);
        size_t last = 0; /* year of the previous (lower) rate, 12 = not reached */
        int ok = 1;

        for (t = 0; t < 12; t++)
            required[t] = 37.25 * rng_below(&g, 1500);
        for (b = 0.0; b <= 8000.0; b += 137.5) {
            size_t year = 0;
            int status = ccap_gap_attainment_year(s0, attrition, b, required, 12, &year);
            size_t y = status == CCAP_OK ? year : 12;

            if ((status != CCAP_OK && status != CCAP_ENOTREACHED) || (b > 0.0 && y > last))
                ok = 0;
            last = y;
        }
        if (!ok)
            fprintf(stderr, "\nattainment not monotone: seed %llu, case %zu\n", seed, c);
        CU_ASSERT_TRUE(ok);
    }
}

static void
test_gap__attainment_errors(void)
{
    const double required[2] = {100.0, 200.0}, bad[2] = {100.0, NAN};
    size_t year = 0;

    CCAP_ASSERT_STATUS(ccap_gap_attainment_year(-5.0, 0.05, 10.0, required, 2, &year), CCAP_EDOM);
    CU_ASSERT_EQUAL(year, CCAP_GAP_NO_YEAR);
    CCAP_ASSERT_STATUS(ccap_gap_attainment_year(5.0, 1.0, 10.0, required, 2, &year), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_attainment_year(5.0, 0.05, -10.0, required, 2, &year), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_attainment_year(5.0, 0.05, INFINITY, required, 2, &year),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_attainment_year(5.0, 0.05, 10.0, bad, 2, &year), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_attainment_year(5.0, 0.05, 10.0, required, 0, &year), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_attainment_year(5.0, 0.05, 10.0, NULL, 2, &year), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_attainment_year(5.0, 0.05, 10.0, required, 2, NULL), CCAP_EINVAL);
}

/* ---- over-build ---- */

/* Target 100, 120, 140, 160 slots; demand 150, 130, 120, 110: the target first needs more
 * than demand in the third year (140 > 120); idle 0, 0, 20, 50. */
static void
test_gap__overbuild(void)
{
    const double target[4] = {100.0, 120.0, 140.0, 160.0};
    const double demand[4] = {150.0, 130.0, 120.0, 110.0};
    const double equal[2] = {100.0, 120.0};
    double idle[4];
    size_t year = 0;

    CCAP_ASSERT_STATUS(ccap_gap_overbuild(target, demand, 4, idle, &year), CCAP_OK);
    CU_ASSERT_EQUAL(year, 2);
    CU_ASSERT_DOUBLE_EQUAL(idle[0], 0.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(idle[1], 0.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(idle[2], 20.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(idle[3], 50.0, 0.0);
    /* Equal is not over. */
    CCAP_ASSERT_STATUS(ccap_gap_overbuild(equal, equal, 2, idle, &year), CCAP_ENOTREACHED);
    CU_ASSERT_EQUAL(year, CCAP_GAP_NO_YEAR);
    CU_ASSERT_DOUBLE_EQUAL(idle[0], 0.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(idle[1], 0.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_gap_overbuild(target, demand, 4, NULL, &year), CCAP_OK);
    CU_ASSERT_EQUAL(year, 2);
}

static void
test_gap__overbuild_errors(void)
{
    const double ok[2] = {1.0, 2.0}, neg[2] = {1.0, -2.0}, nan2[2] = {NAN, 2.0};
    double idle[2];
    size_t year = 0;

    CCAP_ASSERT_STATUS(ccap_gap_overbuild(neg, ok, 2, idle, &year), CCAP_EDOM);
    CU_ASSERT(all_nan(idle, 2));
    CU_ASSERT_EQUAL(year, CCAP_GAP_NO_YEAR);
    CCAP_ASSERT_STATUS(ccap_gap_overbuild(ok, nan2, 2, idle, &year), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_overbuild(ok, ok, 0, idle, &year), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_overbuild(NULL, ok, 2, idle, &year), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_overbuild(ok, NULL, 2, idle, &year), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_overbuild(ok, ok, 2, idle, NULL), CCAP_EINVAL);
}

/* ---- allocation: reference rules, one slot at a time ---- */

static int
has_room(const double cap[], const double x[], size_t r)
{
    return cap == NULL || x[r] < cap[r];
}

/* Next slot to the largest remaining shortfall gap - x > 0, ties to the lower index. */
static double
ref_shortfall(const double gap[], const double cap[], size_t n, double n_new, double x[])
{
    double left = n_new;
    size_t r;

    for (r = 0; r < n; r++)
        x[r] = 0.0;
    while (left > 0.0) {
        size_t best = n;

        for (r = 0; r < n; r++) {
            if (has_room(cap, x, r) && gap[r] - x[r] > 0.0 &&
                (best == n || gap[r] - x[r] > gap[best] - x[best]))
                best = r;
        }
        if (best == n)
            break;
        x[best] += 1.0;
        left -= 1.0;
    }
    return left;
}

static double
ratio(const double slots[], const double pop[], const double x[], size_t r)
{
    return (slots[r] + x[r]) / pop[r];
}

/* Next slot to the lowest ratio, ties to the lower index. */
static double
ref_maxmin(const double slots[], const double pop[], const double cap[], size_t n, double n_new,
           double x[])
{
    double left = n_new;
    size_t r;

    for (r = 0; r < n; r++)
        x[r] = 0.0;
    while (left > 0.0) {
        size_t best = n;

        for (r = 0; r < n; r++) {
            if (has_room(cap, x, r) &&
                (best == n || ratio(slots, pop, x, r) < ratio(slots, pop, x, best)))
                best = r;
        }
        if (best == n)
            break;
        x[best] += 1.0;
        left -= 1.0;
    }
    return left;
}

/* Cheapest useful slot first, then the largest remaining shortfall, then the lower index;
 * stop when it does not fit. */
static double
ref_shortfall_budget(const double gap[], const double cap[], const double cost[], size_t n,
                     double budget, double x[])
{
    double left = budget;
    size_t r;

    for (r = 0; r < n; r++)
        x[r] = 0.0;
    for (;;) {
        size_t best = n;

        for (r = 0; r < n; r++) {
            if (!has_room(cap, x, r) || !(gap[r] - x[r] > 0.0))
                continue;
            if (best == n || cost[r] < cost[best] ||
                (!(cost[r] > cost[best]) && gap[r] - x[r] > gap[best] - x[best]))
                best = r;
        }
        if (best == n || cost[best] > left)
            break;
        x[best] += 1.0;
        left -= cost[best];
    }
    return left;
}

/* Lowest ratio among the regions whose next slot fits, ties to the lower index. */
static double
ref_maxmin_budget(const double slots[], const double pop[], const double cap[], const double cost[],
                  size_t n, double budget, double x[])
{
    double left = budget;
    size_t r;

    for (r = 0; r < n; r++)
        x[r] = 0.0;
    for (;;) {
        size_t best = n;

        for (r = 0; r < n; r++) {
            if (has_room(cap, x, r) && cost[r] <= left &&
                (best == n || ratio(slots, pop, x, r) < ratio(slots, pop, x, best)))
                best = r;
        }
        if (best == n)
            break;
        x[best] += 1.0;
        left -= cost[best];
    }
    return left;
}

static int
same_allocation(const double a[], const double b[], size_t n)
{
    size_t r;

    for (r = 0; r < n; r++) {
        if (!(a[r] >= b[r] && a[r] <= b[r]))
            return 0;
    }
    return 1;
}

/* ---- allocation by hand ---- */

/* Gaps 5.5, 2, 0.25, no caps:
 *   N = 5: remaining 5.5 → 4.5 → 3.5 → 2.5 (region 0, each above 2), then 2 > 1.5
 *          (region 1): x = (4, 1, 0); shortfall 1.5 + 1 + 0.25 = 2.75.
 *   N = 10: then 1.5 (r0), 1 (r1), 0.5 (r0), 0.25 (r2), nothing left: x = (6, 2, 1),
 *          1 unallocated (= ⌈5.5⌉ + ⌈2⌉ + ⌈0.25⌉ = 9 slots close every shortfall).
 * Caps 3, none, 0 and N = 5: three to r0 (capped), then 2, 1 to r1: x = (3, 2, 0);
 *   N = 7: nothing else lowers a shortfall: 2 unallocated.
 * Ties: gaps 3, 3 and N = 3: r0 (tie), r1 (3 > 2), r0 (tie 2, 2): x = (2, 1). */
static void
test_gap__allocate_shortfall_by_hand(void)
{
    const double gap[3] = {5.5, 2.0, 0.25}, cap[3] = {3.0, NONE, 0.0}, tie[2] = {3.0, 3.0};
    double x[3], left = -1.0;

    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, NULL, 3, 5.0, x, &left), CCAP_OK);
    CU_ASSERT(eq(x[0], 4.0) && eq(x[1], 1.0) && eq(x[2], 0.0) && eq(left, 0.0));
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, NULL, 3, 10.0, x, &left), CCAP_OK);
    CU_ASSERT(eq(x[0], 6.0) && eq(x[1], 2.0) && eq(x[2], 1.0) && eq(left, 1.0));
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, cap, 3, 5.0, x, &left), CCAP_OK);
    CU_ASSERT(eq(x[0], 3.0) && eq(x[1], 2.0) && eq(x[2], 0.0) && eq(left, 0.0));
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, cap, 3, 7.0, x, &left), CCAP_OK);
    CU_ASSERT(eq(x[0], 3.0) && eq(x[1], 2.0) && eq(x[2], 0.0) && eq(left, 2.0));
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(tie, NULL, 2, 3.0, x, &left), CCAP_OK);
    CU_ASSERT(eq(x[0], 2.0) && eq(x[1], 1.0) && eq(left, 0.0));
    /* Nothing to give: N = 0; and spare capacity everywhere (negative gaps). */
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, NULL, 3, 0.0, x, &left), CCAP_OK);
    CU_ASSERT(eq(x[0], 0.0) && eq(x[1], 0.0) && eq(x[2], 0.0) && eq(left, 0.0));
    {
        const double spare[2] = {-12.5, 0.0};
        CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(spare, NULL, 2, 4.0, x, &left), CCAP_OK);
        CU_ASSERT(eq(x[0], 0.0) && eq(x[1], 0.0) && eq(left, 4.0));
    }
}

/* Slots 100 and 50, residents 10,000 and 20,000 (10 and 2.5 per 1,000), N = 200:
 * region 1 takes the first 150 slots ((50 + k) / 20,000 < 0.01 for k < 150); at 200 /
 * 20,000 = 100 / 10,000 = 0.01 the tie goes to region 0 (101 / 10,000 = 0.0101), then
 * region 1 twice (0.01005, then 0.0101 = tie, to region 0): the last 50 slots go round in
 * threes (r0, r1, r1): 16 rounds and r0, r1: x = (17, 183).
 * Cap 100 on region 1: it takes 100, region 0 the other 100.
 * Caps 10 and 20 with N = 50: both capped, 20 unallocated. */
static void
test_gap__allocate_maxmin_by_hand(void)
{
    const double slots[2] = {100.0, 50.0}, pop[2] = {10000.0, 20000.0};
    const double cap1[2] = {NONE, 100.0}, caps[2] = {10.0, 20.0};
    double x[2], left = -1.0;

    CCAP_ASSERT_STATUS(ccap_gap_allocate_maxmin(slots, pop, NULL, 2, 200.0, x, &left), CCAP_OK);
    CU_ASSERT(eq(x[0], 17.0) && eq(x[1], 183.0) && eq(left, 0.0));
    CCAP_ASSERT_STATUS(ccap_gap_allocate_maxmin(slots, pop, cap1, 2, 200.0, x, &left), CCAP_OK);
    CU_ASSERT(eq(x[0], 100.0) && eq(x[1], 100.0) && eq(left, 0.0));
    CCAP_ASSERT_STATUS(ccap_gap_allocate_maxmin(slots, pop, caps, 2, 50.0, x, &left), CCAP_OK);
    CU_ASSERT(eq(x[0], 10.0) && eq(x[1], 20.0) && eq(left, 20.0));
}

/* Budget, shortfall: gaps 4, 3, 2.5 at 30,000, 10,000, 10,000 yuan a slot, 75,000 yuan:
 * the cheap regions first, larger remaining shortfall first: r1 (3), then r2 (2.5 vs 2),
 * r1 (2), r2 (1.5 vs 1), r1 (1), r2 (0.5): 6 slots, 60,000 yuan, all their shortfall
 * (3 + ⌈2.5⌉ = 6 slots); the 15,000 left do not buy a 30,000 slot.
 * With 125,000: r0 then gets 2 slots (60,000), 5,000 unspent. */
static void
test_gap__allocate_budget_by_hand(void)
{
    const double gap[3] = {4.0, 3.0, 2.5}, cost[3] = {30000.0, 10000.0, 10000.0};
    double x[3], left = -1.0;

    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall_budget(gap, NULL, cost, 3, 75000.0, x, &left),
                       CCAP_OK);
    CU_ASSERT(eq(x[0], 0.0) && eq(x[1], 3.0) && eq(x[2], 3.0) && eq(left, 15000.0));
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall_budget(gap, NULL, cost, 3, 125000.0, x, &left),
                       CCAP_OK);
    CU_ASSERT(eq(x[0], 2.0) && eq(x[1], 3.0) && eq(x[2], 3.0) && eq(left, 5000.0));
    /* Max-min, slots 100 and 50, residents 10,000 and 20,000, costs 25,000 and 12,000,
     * budget 1,000,000: region 1 buys while its ratio is the lowest (up to 150 slots would
     * cost 1,800,000): 83 slots cost 996,000; 4,000 left buy nothing. */
    {
        const double slots[2] = {100.0, 50.0}, pop[2] = {10000.0, 20000.0};
        const double c2[2] = {25000.0, 12000.0};
        CCAP_ASSERT_STATUS(
            ccap_gap_allocate_maxmin_budget(slots, pop, NULL, c2, 2, 1000000.0, x, &left), CCAP_OK);
        CU_ASSERT(eq(x[0], 0.0) && eq(x[1], 83.0) && eq(left, 4000.0));
        /* With 2,000,000: r1 buys 150 (1,800,000), then the tie goes to r0 at 25,000
         * (175,000 left), then r1 (163,000), r1 (151,000), r0 (126,000), r1, r1 (102,000),
         * r0 (77,000), r1, r1 (53,000), r0 (28,000), r1 (16,000), r1 (4,000): now
         * neither 25,000 nor 12,000 fits: x = (4, 158), 4,000 left. */
        CCAP_ASSERT_STATUS(
            ccap_gap_allocate_maxmin_budget(slots, pop, NULL, c2, 2, 2000000.0, x, &left), CCAP_OK);
        CU_ASSERT(eq(x[0], 4.0) && eq(x[1], 158.0) && eq(left, 4000.0));
    }
}

/* ---- allocation against brute force ---- */

typedef struct instance {
    size_t n;
    double gap[4], slots[4], pop[4], cap[4], cost[4];
    double n_new, budget;
} instance;

static void
random_instance(rng *g, instance *in)
{
    size_t r;

    in->n = 1 + rng_below(g, 4);
    for (r = 0; r < in->n; r++) {
        const unsigned c = rng_below(g, 7);

        in->gap[r] = 0.25 * ((double)rng_below(g, 29) - 8.0); /* -2 ... 5, quarters */
        in->slots[r] = (double)rng_below(g, 12);
        in->pop[r] = (double)(2 + rng_below(g, 6)); /* small: many exact ties in ratios */
        in->cap[r] = c >= 5 ? NONE : (double)c;
        in->cost[r] = (double)(2 + rng_below(g, 4)); /* 2 ... 5 */
    }
    in->n_new = (double)rng_below(g, 9);
    in->budget = (double)rng_below(g, 31);
}

/* Every allocation x with 0 <= x_r <= lim_r, visited by odometer; lim_r is the cap, or
 * what N (or the budget) could buy in region r alone when that is smaller. */
typedef struct walk {
    size_t n;
    double lim[4];
    double x[4];
} walk;

static void
walk_start(walk *w, const instance *in, int budget)
{
    size_t r;

    memset(w, 0, sizeof *w);
    w->n = in->n;
    for (r = 0; r < in->n; r++) {
        const double most = budget ? floor(in->budget / in->cost[r]) : in->n_new;
        w->lim[r] = in->cap[r] < most ? in->cap[r] : most;
    }
}

static int
walk_next(walk *w)
{
    size_t r;

    for (r = 0; r < w->n; r++) {
        if (w->x[r] + 1.0 <= w->lim[r]) {
            w->x[r] += 1.0;
            return 1;
        }
        w->x[r] = 0.0;
    }
    return 0;
}

static double
shortfall(const instance *in, const double x[], int whole)
{
    double s = 0.0;
    size_t r;

    for (r = 0; r < in->n; r++) {
        const double need = whole ? ceil(in->gap[r]) : in->gap[r];
        s += need - x[r] > 0.0 ? need - x[r] : 0.0;
    }
    return s;
}

/* Ratios sorted ascending (insertion sort of at most 4). */
static void
sorted_ratios(const instance *in, const double x[], double out[])
{
    size_t r, k;

    for (r = 0; r < in->n; r++) {
        const double v = ratio(in->slots, in->pop, x, r);
        for (k = r; k > 0 && out[k - 1] > v; k--)
            out[k] = out[k - 1];
        out[k] = v;
    }
}

static double
sum(const double x[], size_t n)
{
    double s = 0.0;
    size_t r;

    for (r = 0; r < n; r++)
        s += x[r];
    return s;
}

static double
spent(const instance *in, const double x[])
{
    double s = 0.0;
    size_t r;

    for (r = 0; r < in->n; r++)
        s += in->cost[r] * x[r];
    return s;
}

static int
within_caps(const instance *in, const double x[])
{
    size_t r;

    for (r = 0; r < in->n; r++) {
        if (!(x[r] >= 0.0 && x[r] <= in->cap[r] && eq(x[r], floor(x[r]))))
            return 0;
    }
    return 1;
}

/* N slots: feasibility, the reference rule, and brute-force optima of both objectives. */
static void
test_gap__allocate_brute_force(void)
{
    const unsigned long long seed = 4100ULL; /* 4.1 per 1,000 */
    rng g = {seed};
    size_t c;

    for (c = 0; c < 3000; c++) {
        instance in;
        walk w;
        double x[4], ref[4], left = 0.0, ref_left, best_frac = HUGE_VAL, best_whole = HUGE_VAL;
        double best_min = -HUGE_VAL, mine_sorted[4], cand_sorted[4];
        int ok = 1;
        size_t r;

        random_instance(&g, &in);
        /* (a) shortfall */
        if (ccap_gap_allocate_shortfall(in.gap, in.cap, in.n, in.n_new, x, &left) != CCAP_OK)
            ok = 0;
        ref_left = ref_shortfall(in.gap, in.cap, in.n, in.n_new, ref);
        ok = ok && same_allocation(x, ref, in.n) && eq(left, ref_left);
        ok = ok && within_caps(&in, x) && eq(sum(x, in.n) + left, in.n_new);
        walk_start(&w, &in, 0);
        do {
            if (sum(w.x, in.n) <= in.n_new) {
                const double f = shortfall(&in, w.x, 0), h = shortfall(&in, w.x, 1);
                best_frac = f < best_frac ? f : best_frac;
                best_whole = h < best_whole ? h : best_whole;
            }
        } while (walk_next(&w));
        ok = ok && fabs(shortfall(&in, x, 0) - best_frac) <= 1e-12 &&
             eq(shortfall(&in, x, 1), best_whole);
        /* Slots come back only when every region is met (x >= ⌈gap⌉) or capped. */
        for (r = 0; r < in.n && left > 0.0; r++)
            ok = ok && (x[r] >= ceil(in.gap[r]) || x[r] >= in.cap[r]);
        if (!ok)
            fprintf(stderr, "\nshortfall allocation differs: seed %llu, case %zu\n", seed, c);
        CU_ASSERT_TRUE(ok);

        /* (b) max-min: the smallest ratio is the best possible.  (The whole sorted vector
         * need not be the leximin one: slots 0, 1, 0 over 7, 5, 5 residents, caps 1, 1, 2,
         * N = 1: the tie at ratio 0 goes to region 0 (1/7), while region 2 would give 1/5.) */
        ok =
            ccap_gap_allocate_maxmin(in.slots, in.pop, in.cap, in.n, in.n_new, x, &left) == CCAP_OK;
        ref_left = ref_maxmin(in.slots, in.pop, in.cap, in.n, in.n_new, ref);
        ok = ok && same_allocation(x, ref, in.n) && eq(left, ref_left);
        ok = ok && within_caps(&in, x) && eq(sum(x, in.n) + left, in.n_new);
        walk_start(&w, &in, 0);
        do {
            if (sum(w.x, in.n) <= in.n_new) {
                sorted_ratios(&in, w.x, cand_sorted);
                best_min = cand_sorted[0] > best_min ? cand_sorted[0] : best_min;
            }
        } while (walk_next(&w));
        sorted_ratios(&in, x, mine_sorted);
        ok = ok && eq(mine_sorted[0], best_min);
        /* Left over only when every region is capped. */
        for (r = 0; r < in.n && left > 0.0; r++)
            ok = ok && x[r] >= in.cap[r];
        if (!ok)
            fprintf(stderr, "\nmax-min allocation differs: seed %llu, case %zu\n", seed, c);
        CU_ASSERT_TRUE(ok);
    }
}

/* Budgets: within budget, the reference rule, and brute-force optima. */
static void
test_gap__allocate_budget_brute_force(void)
{
    const unsigned long long seed = 10000ULL; /* yuan per new inclusive slot */
    rng g = {seed};
    size_t c;

    for (c = 0; c < 3000; c++) {
        instance in;
        walk w;
        double x[4], ref[4], left = 0.0, ref_left, best_whole = HUGE_VAL, best_cost = HUGE_VAL;
        double best_min = -HUGE_VAL, mine_sorted[4], cand_sorted[4];
        int ok;
        size_t r;

        random_instance(&g, &in);
        /* (a) shortfall in whole slots, then the least cost for it */
        ok = ccap_gap_allocate_shortfall_budget(in.gap, in.cap, in.cost, in.n, in.budget, x,
                                                &left) == CCAP_OK;
        ref_left = ref_shortfall_budget(in.gap, in.cap, in.cost, in.n, in.budget, ref);
        ok = ok && same_allocation(x, ref, in.n) && eq(left, ref_left);
        ok = ok && within_caps(&in, x) && eq(spent(&in, x) + left, in.budget) && left >= 0.0;
        walk_start(&w, &in, 1);
        do {
            if (spent(&in, w.x) <= in.budget) {
                const double h = shortfall(&in, w.x, 1), s = spent(&in, w.x);
                if (h < best_whole || (eq(h, best_whole) && s < best_cost)) {
                    best_whole = h;
                    best_cost = s;
                }
            }
        } while (walk_next(&w));
        ok = ok && eq(shortfall(&in, x, 1), best_whole) && eq(spent(&in, x), best_cost);
        if (!ok)
            fprintf(stderr, "\nshortfall budget differs: seed %llu, case %zu\n", seed, c);
        CU_ASSERT_TRUE(ok);

        /* (b) max-min: the smallest ratio is the best any plan within budget reaches, and
         * no region with room can afford one more slot. */
        ok = ccap_gap_allocate_maxmin_budget(in.slots, in.pop, in.cap, in.cost, in.n, in.budget, x,
                                             &left) == CCAP_OK;
        ref_left = ref_maxmin_budget(in.slots, in.pop, in.cap, in.cost, in.n, in.budget, ref);
        ok = ok && same_allocation(x, ref, in.n) && eq(left, ref_left);
        ok = ok && within_caps(&in, x) && eq(spent(&in, x) + left, in.budget) && left >= 0.0;
        walk_start(&w, &in, 1);
        do {
            if (spent(&in, w.x) <= in.budget) {
                sorted_ratios(&in, w.x, cand_sorted);
                best_min = cand_sorted[0] > best_min ? cand_sorted[0] : best_min;
            }
        } while (walk_next(&w));
        sorted_ratios(&in, x, mine_sorted);
        ok = ok && eq(mine_sorted[0], best_min);
        for (r = 0; r < in.n; r++)
            ok = ok && (x[r] >= in.cap[r] || in.cost[r] > left);
        if (!ok)
            fprintf(stderr, "\nmax-min budget differs: seed %llu, case %zu\n", seed, c);
        CU_ASSERT_TRUE(ok);
    }
}

/* Larger instances (37 regions, tens of thousands of slots, fractional gaps, costs in
 * yuan): the threshold method gives exactly the slot-by-slot answer. */
static void
test_gap__allocate_large_matches_reference(void)
{
    const unsigned long long seed = 9713112ULL;
    rng g = {seed};
    size_t c;

    for (c = 0; c < 6; c++) {
        enum { N = 37 };
        double gap[N], slots[N], pop[N], cap[N], cost[N], x[N], ref[N];
        double n_new = (double)(1000 + rng_below(&g, 30000)), budget, left = 0.0, ref_left;
        int ok = 1;
        size_t r;

        budget = 1000.0 * (double)(20000 + rng_below(&g, 200000));
        for (r = 0; r < N; r++) {
            const unsigned k = rng_below(&g, 10);
            pop[r] = (double)(50000 + rng_below(&g, 1500000));
            slots[r] = (double)rng_below(&g, 8000);
            gap[r] = 4.1 * pop[r] / 1000.0 - slots[r];
            cap[r] = k < 3 ? (double)rng_below(&g, 2000) : NONE;
            cost[r] = (double)(8000 + 500 * rng_below(&g, 40));
        }
        ok = ok && ccap_gap_allocate_shortfall(gap, cap, N, n_new, x, &left) == CCAP_OK;
        ref_left = ref_shortfall(gap, cap, N, n_new, ref);
        ok = ok && same_allocation(x, ref, N) && eq(left, ref_left);
        ok = ok && ccap_gap_allocate_maxmin(slots, pop, cap, N, n_new, x, &left) == CCAP_OK;
        ref_left = ref_maxmin(slots, pop, cap, N, n_new, ref);
        ok = ok && same_allocation(x, ref, N) && eq(left, ref_left);
        ok = ok &&
             ccap_gap_allocate_shortfall_budget(gap, cap, cost, N, budget, x, &left) == CCAP_OK;
        ref_left = ref_shortfall_budget(gap, cap, cost, N, budget, ref);
        ok = ok && same_allocation(x, ref, N) && eq(left, ref_left);
        ok = ok &&
             ccap_gap_allocate_maxmin_budget(slots, pop, cap, cost, N, budget, x, &left) == CCAP_OK;
        ref_left = ref_maxmin_budget(slots, pop, cap, cost, N, budget, ref);
        ok = ok && same_allocation(x, ref, N) && eq(left, ref_left);
        if (!ok)
            fprintf(stderr, "\nlarge allocation differs: seed %llu, case %zu\n", seed, c);
        CU_ASSERT_TRUE(ok);
    }
}

/* Sizes near the limit stay exact: 2^50 new slots over two regions without caps. */
static void
test_gap__allocate_huge(void)
{
    const double big = CCAP_GAP_WHOLE_MAX;
    const double gap[2] = {big, big / 2.0}, slots[2] = {0.0, 0.0}, pop[2] = {3.0, 1.0};
    double x[2], left = -1.0;

    /* Remaining shortfalls equalise at 2^49 - 2^49 ... : region 0 takes 2^49 + k, region 1
     * k, with 2^49 + 2k = 2^50: k = 2^48; x = (3 · 2^48, 2^48). */
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, NULL, 2, big, x, &left), CCAP_OK);
    CU_ASSERT(eq(x[0], 3.0 * big / 4.0) && eq(x[1], big / 4.0) && eq(left, 0.0));
    /* Ratios x0 / 3 and x1 / 1 equalise: x = (3/4, 1/4) of 2^50. */
    CCAP_ASSERT_STATUS(ccap_gap_allocate_maxmin(slots, pop, NULL, 2, big, x, &left), CCAP_OK);
    CU_ASSERT(eq(x[0], 3.0 * big / 4.0) && eq(x[1], big / 4.0) && eq(left, 0.0));
}

static void
test_gap__allocate_errors(void)
{
    const double gap[2] = {5.0, 2.0}, slots[2] = {10.0, 20.0}, pop[2] = {1000.0, 2000.0};
    const double cost[2] = {10000.0, 12000.0};
    const double cap_neg[2] = {-1.0, NONE}, cap_frac[2] = {2.5, NONE}, cap_nan[2] = {NAN, 1.0};
    const double cap_minf[2] = {-INFINITY, 1.0}, cap_big[2] = {2.0 * CCAP_GAP_WHOLE_MAX, 1.0};
    const double gap_nan[2] = {NAN, 1.0}, gap_inf[2] = {INFINITY, 1.0};
    const double gap_big[2] = {-2.0 * CCAP_GAP_WHOLE_MAX, 1.0};
    const double slots_neg[2] = {-10.0, 20.0}, pop_zero[2] = {0.0, 2000.0};
    const double pop_inf[2] = {INFINITY, 2000.0}, cost_zero[2] = {0.0, 1.0};
    const double cost_frac[2] = {10000.5, 1.0}, cost_neg[2] = {-5.0, 1.0};
    double x[2] = {0.0, 0.0}, left = 0.0;

    /* shortfall */
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, NULL, 2, -1.0, x, &left), CCAP_EDOM);
    CU_ASSERT(all_nan(x, 2) && isnan(left)); /* N negative */
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, NULL, 2, 2.5, x, &left), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, NULL, 2, NAN, x, &left), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, NULL, 2, INFINITY, x, &left), CCAP_EDOM);
    CCAP_ASSERT_STATUS(
        ccap_gap_allocate_shortfall(gap, NULL, 2, 4.0 * CCAP_GAP_WHOLE_MAX, x, &left), CCAP_ERANGE);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, cap_neg, 2, 5.0, x, &left), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, cap_frac, 2, 5.0, x, &left), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, cap_nan, 2, 5.0, x, &left), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, cap_minf, 2, 5.0, x, &left), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, cap_big, 2, 5.0, x, &left), CCAP_ERANGE);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap_nan, NULL, 2, 5.0, x, &left), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap_inf, NULL, 2, 5.0, x, &left), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap_big, NULL, 2, 5.0, x, &left), CCAP_ERANGE);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(NULL, NULL, 2, 5.0, x, &left), CCAP_EINVAL);
    CU_ASSERT(all_nan(x, 2) && isnan(left));
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, NULL, 0, 5.0, x, &left), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, NULL, 2, 5.0, NULL, &left), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall(gap, NULL, 2, 5.0, x, NULL), CCAP_EINVAL);
    /* max-min */
    CCAP_ASSERT_STATUS(ccap_gap_allocate_maxmin(slots, pop, NULL, 2, -3.0, x, &left), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_maxmin(slots_neg, pop, NULL, 2, 3.0, x, &left), CCAP_EDOM);
    CU_ASSERT(all_nan(x, 2) && isnan(left));
    CCAP_ASSERT_STATUS(ccap_gap_allocate_maxmin(slots, pop_zero, NULL, 2, 3.0, x, &left),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_maxmin(slots, pop_inf, NULL, 2, 3.0, x, &left), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_maxmin(slots, pop, cap_neg, 2, 3.0, x, &left), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_maxmin(slots, NULL, NULL, 2, 3.0, x, &left), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_maxmin(NULL, pop, NULL, 2, 3.0, x, &left), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_maxmin(slots, pop, NULL, 0, 3.0, x, &left), CCAP_EINVAL);
    /* budgets */
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall_budget(gap, NULL, cost, 2, -100.0, x, &left),
                       CCAP_EDOM);
    CU_ASSERT(all_nan(x, 2) && isnan(left)); /* budget negative */
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall_budget(gap, NULL, cost, 2, 100.5, x, &left),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall_budget(gap, NULL, cost, 2, NAN, x, &left),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall_budget(gap, NULL, cost_zero, 2, 100.0, x, &left),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall_budget(gap, NULL, cost_frac, 2, 100.0, x, &left),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall_budget(gap, NULL, cost_neg, 2, 100.0, x, &left),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall_budget(gap, cap_frac, cost, 2, 100.0, x, &left),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(
        ccap_gap_allocate_shortfall_budget(gap, NULL, cost, 2, 2.0 * CCAP_GAP_WHOLE_MAX, x, &left),
        CCAP_ERANGE);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_shortfall_budget(gap, NULL, NULL, 2, 100.0, x, &left),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(
        ccap_gap_allocate_maxmin_budget(slots, pop, NULL, cost_zero, 2, 100.0, x, &left),
        CCAP_EDOM);
    CU_ASSERT(all_nan(x, 2) && isnan(left));
    CCAP_ASSERT_STATUS(ccap_gap_allocate_maxmin_budget(slots, pop, NULL, cost, 2, -1.0, x, &left),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(
        ccap_gap_allocate_maxmin_budget(slots, pop_zero, NULL, cost, 2, 100.0, x, &left),
        CCAP_EDOM);
    CCAP_ASSERT_STATUS(
        ccap_gap_allocate_maxmin_budget(slots, pop, cap_nan, cost, 2, 100.0, x, &left), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_maxmin_budget(slots, pop, NULL, NULL, 2, 100.0, x, &left),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_allocate_maxmin_budget(slots, pop, NULL, cost, 2, 100.0, x, NULL),
                       CCAP_EINVAL);
}

/* ---- costs ---- */

/* Unit costs 20,000 capital, 8,000 running a slot-year, 10,000 subsidy per inclusive slot;
 * new slots 1,000 and 500 (inclusive 600 and 500), slot-years 500, 1,250 and 1,500 over
 * three years, discount rate 3% (t = 0 undiscounted):
 *   capital 20,000 · 1,500 = 30,000,000;  PV 20,000,000 + 10,000,000 / 1.03 = 29,708,737.864
 *   running 8,000 · 3,250 = 26,000,000;   PV 4,000,000 + 10,000,000 / 1.03
 *                                           + 12,000,000 / 1.0609 = 25,019,888.774
 *   subsidy 10,000 · 1,100 = 11,000,000;  PV 6,000,000 + 5,000,000 / 1.03 = 10,854,368.932 */
static void
test_gap__cost_pv_by_hand(void)
{
    const ccap_gap_unit_costs unit = {20000.0, 8000.0, CCAP_GAP_SUBSIDY_INCLUSIVE_SLOT_CNY};
    const double added[3] = {1000.0, 500.0, 0.0}, inclusive[3] = {600.0, 500.0, 0.0};
    const double slot_years[3] = {500.0, 1250.0, 1500.0};
    ccap_gap_cost_totals t;

    CCAP_ASSERT_STATUS(ccap_gap_cost(&unit, added, inclusive, slot_years, 3, 0.03, &t), CCAP_OK);
    CCAP_ASSERT_REL(t.capital, 30000000.0, 1e-15);
    CCAP_ASSERT_REL(t.running, 26000000.0, 1e-15);
    CCAP_ASSERT_REL(t.subsidy, 11000000.0, 1e-15);
    CCAP_ASSERT_REL(t.pv_capital, 20000000.0 + 10000000.0 / 1.03, 1e-14);
    CCAP_ASSERT_REL(t.pv_running, 4000000.0 + 10000000.0 / 1.03 + 12000000.0 / 1.0609, 1e-14);
    CCAP_ASSERT_REL(t.pv_subsidy, 6000000.0 + 5000000.0 / 1.03, 1e-14);
    CCAP_ASSERT_REL(t.pv_capital, 29708737.864077672, 1e-12);
    /* No discounting: present values equal the sums; no inclusive slots, no running. */
    CCAP_ASSERT_STATUS(ccap_gap_cost(&unit, added, NULL, NULL, 3, 0.0, &t), CCAP_OK);
    CCAP_ASSERT_REL(t.pv_capital, 30000000.0, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(t.subsidy, 0.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(t.pv_running, 0.0, 0.0);
}

static void
test_gap__cost_errors(void)
{
    const ccap_gap_unit_costs unit = {20000.0, 8000.0, 10000.0};
    const ccap_gap_unit_costs bad_unit = {20000.0, -8000.0, 10000.0};
    const ccap_gap_unit_costs nan_unit = {NAN, 8000.0, 10000.0};
    const double added[2] = {10.0, 5.0}, too_many[2] = {11.0, 5.0}, neg[2] = {-1.0, 5.0};
    ccap_gap_cost_totals t;

    CCAP_ASSERT_STATUS(ccap_gap_cost(&unit, added, too_many, NULL, 2, 0.03, &t), CCAP_EDOM);
    CU_ASSERT(isnan(t.capital) && isnan(t.pv_subsidy));
    CCAP_ASSERT_STATUS(ccap_gap_cost(&unit, added, neg, NULL, 2, 0.03, &t), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_cost(&unit, neg, NULL, NULL, 2, 0.03, &t), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_cost(&unit, added, NULL, neg, 2, 0.03, &t), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_cost(&bad_unit, added, NULL, NULL, 2, 0.03, &t), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_cost(&nan_unit, added, NULL, NULL, 2, 0.03, &t), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_cost(&unit, added, NULL, NULL, 2, -1.0, &t), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_cost(&unit, added, NULL, NULL, 2, NAN, &t), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_cost(&unit, added, NULL, NULL, 2, INFINITY, &t), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_cost(&unit, added, NULL, NULL, 0, 0.03, &t), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_cost(NULL, added, NULL, NULL, 2, 0.03, &t), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_cost(&unit, NULL, NULL, NULL, 2, 0.03, &t), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_cost(&unit, added, NULL, NULL, 2, 0.03, NULL), CCAP_EINVAL);
}

static void
test_gap__costs_table(void)
{
    const ccap_gap_unit_costs inst = {25000.0, 14400.0, 10000.0};
    const ccap_gap_unit_costs all = {18000.0, 12000.0, 10000.0};
    const ccap_gap_unit_costs bad = {18000.0, INFINITY, 10000.0};
    const char *const providers[3] = {"institution", "Home", "community"};
    ccap_gap_costs *costs = ccap_gap_costs_alloc();
    ccap_gap_unit_costs u;
    double capital[3];

    CU_ASSERT_PTR_NOT_NULL_FATAL(costs);
    CU_ASSERT_STRING_EQUAL(ccap_gap_costs_provider(0), "institution");
    CU_ASSERT_STRING_EQUAL(ccap_gap_costs_provider(6), "other");
    CU_ASSERT_PTR_NULL(ccap_gap_costs_provider(CCAP_GAP_N_PROVIDERS));
    CCAP_ASSERT_STATUS(ccap_gap_costs_get(costs, "home", &u), CCAP_ENOTFOUND);
    CU_ASSERT(isnan(u.capital_per_slot));
    CCAP_ASSERT_STATUS(ccap_gap_costs_set(costs, "INSTITUTION", &inst), CCAP_OK);
    CU_ASSERT_TRUE(ccap_gap_costs_has(costs, "institution"));
    CU_ASSERT_FALSE(ccap_gap_costs_has(costs, "*"));
    CCAP_ASSERT_STATUS(ccap_gap_costs_capital_by_region(costs, providers, 3, capital),
                       CCAP_ENOTFOUND); /* home: no row, no default */
    CU_ASSERT(all_nan(capital, 3));
    CCAP_ASSERT_STATUS(ccap_gap_costs_set(costs, "*", &all), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_gap_costs_get(costs, "home", &u), CCAP_OK); /* the default */
    CU_ASSERT_DOUBLE_EQUAL(u.capital_per_slot, 18000.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_gap_costs_get(costs, "institution", &u), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(u.running_per_slot_year, 14400.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_gap_costs_capital_by_region(costs, providers, 3, capital), CCAP_OK);
    CU_ASSERT(eq(capital[0], 25000.0) && eq(capital[1], 18000.0) && eq(capital[2], 18000.0));
    /* Errors. */
    CCAP_ASSERT_STATUS(ccap_gap_costs_set(costs, "school", &all), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_costs_set(costs, "home", &bad), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_costs_set(costs, NULL, &all), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_costs_set(NULL, "home", &all), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_costs_get(costs, "school", &u), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_costs_get(costs, "home", NULL), CCAP_EINVAL);
    CU_ASSERT_FALSE(ccap_gap_costs_has(costs, "school"));
    {
        const char *const unknown[2] = {"institution", "school"};
        const char *const with_null[2] = {"institution", NULL};
        CCAP_ASSERT_STATUS(ccap_gap_costs_capital_by_region(costs, unknown, 2, capital), CCAP_EDOM);
        CCAP_ASSERT_STATUS(ccap_gap_costs_capital_by_region(costs, with_null, 2, capital),
                           CCAP_EINVAL);
        CCAP_ASSERT_STATUS(ccap_gap_costs_capital_by_region(costs, providers, 0, capital),
                           CCAP_EINVAL);
    }
    ccap_gap_costs_free(costs);
    ccap_gap_costs_free(NULL);
}

/* ---- files ---- */

/* tests/data/gap_caps.csv: A11 1200, B121 none, B122 350; C01 and B12 absent (no cap).
 * Region indices: C01 0, A11 1, B121 2, B12 3, B122 4. */
static void
test_gap__csv_caps(void)
{
    char path[512], tmp[512];
    double caps[5], again[5];
    ccap_diag diag;
    size_t r;

    CCAP_ASSERT_STATUS(ccap_csv_read_caps(ccap_test_data(path, sizeof path, "gap_caps.csv"),
                                          regions, caps, 5, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT(isinf(caps[0]) && eq(caps[1], 1200.0) && isinf(caps[2]) && isinf(caps[3]) &&
              eq(caps[4], 350.0));
    ccap_test_tmp(tmp, sizeof tmp, "gap_caps_roundtrip.csv");
    CCAP_ASSERT_STATUS(ccap_csv_write_caps(tmp, regions, caps, 5, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_read_caps(tmp, regions, again, 5, NULL, &diag), CCAP_OK);
    for (r = 0; r < 5; r++)
        CU_ASSERT(eq(again[r], caps[r]));
    remove(tmp);
    /* The number of regions must match the table. */
    CCAP_ASSERT_STATUS(ccap_csv_read_caps(path, regions, caps, 4, NULL, &diag), CCAP_EINVAL);
    CU_ASSERT(all_nan(caps, 4));
    CCAP_ASSERT_STATUS(ccap_csv_read_caps(path, NULL, caps, 5, NULL, &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_csv_write_caps(tmp, regions, again, 4, &diag), CCAP_EINVAL);
    again[1] = -3.0;
    CCAP_ASSERT_STATUS(ccap_csv_write_caps(tmp, regions, again, 5, &diag), CCAP_EDOM);
    CU_ASSERT(strstr(diag.message, "A11") != NULL);
}

/* tests/data/gap_costs.csv: institution 25,000 / 14,400 / 10,000, community 12,000 /
 * 9,600 / 10,000, kindergarten 8,000 / 10,800 / 10,000, employer 15,000 / 12,000 / 0,
 * default * 18,000 / 12,000 / 10,000. */
static void
test_gap__csv_costs(void)
{
    char path[512], tmp[512];
    ccap_gap_costs *costs = NULL, *again = NULL;
    ccap_gap_unit_costs u, v;
    ccap_diag diag;
    size_t i;

    CCAP_ASSERT_STATUS(ccap_csv_read_costs(ccap_test_data(path, sizeof path, "gap_costs.csv"),
                                           &costs, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(costs);
    CCAP_ASSERT_STATUS(ccap_gap_costs_get(costs, "employer", &u), CCAP_OK);
    CU_ASSERT(eq(u.capital_per_slot, 15000.0) && eq(u.running_per_slot_year, 12000.0) &&
              eq(u.subsidy_per_inclusive_slot, 0.0));
    CCAP_ASSERT_STATUS(ccap_gap_costs_get(costs, "home", &u), CCAP_OK); /* from '*' */
    CU_ASSERT(eq(u.capital_per_slot, 18000.0));
    CU_ASSERT_FALSE(ccap_gap_costs_has(costs, "home"));
    ccap_test_tmp(tmp, sizeof tmp, "gap_costs_roundtrip.csv");
    CCAP_ASSERT_STATUS(ccap_csv_write_costs(tmp, costs, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_read_costs(tmp, &again, NULL, &diag), CCAP_OK);
    for (i = 0; i <= CCAP_GAP_N_PROVIDERS && again != NULL; i++) {
        const char *name = i < CCAP_GAP_N_PROVIDERS ? ccap_gap_costs_provider(i) : "*";
        CU_ASSERT_EQUAL(ccap_gap_costs_has(costs, name), ccap_gap_costs_has(again, name));
        if (ccap_gap_costs_has(costs, name)) {
            ccap_gap_costs_get(costs, name, &u);
            ccap_gap_costs_get(again, name, &v);
            CU_ASSERT(eq(u.capital_per_slot, v.capital_per_slot) &&
                      eq(u.running_per_slot_year, v.running_per_slot_year) &&
                      eq(u.subsidy_per_inclusive_slot, v.subsidy_per_inclusive_slot));
        }
    }
    remove(tmp);
    ccap_gap_costs_free(again);
    ccap_gap_costs_free(costs);
    CCAP_ASSERT_STATUS(ccap_csv_read_costs(path, NULL, NULL, &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_csv_write_costs(tmp, NULL, &diag), CCAP_EINVAL);
}

/* The table of a plan on the known case: 9,713,112 residents (ages 0-2: 258,000), 30,000
 * slots at the end of 2024, target 4.1: 39,823.7592 slots, gap 9,823.7592; in 2025 the
 * slots carried on with 10% attrition are 27,000, the target held at 4.1. */
static void
test_gap__table_known_case(void)
{
    ccap_regions *known = NULL;
    ccap_population *pop = NULL;
    ccap_childcare_inventory *inv = NULL;
    ccap_schedule *targets = NULL;
    ccap_gap_row rows[2];
    char path[512];
    int held = 0;

    CCAP_ASSERT_STATUS(
        ccap_csv_read_regions(ccap_test_data(path, sizeof path, "gap_known/regions.csv"), &known,
                              NULL, NULL),
        CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_csv_read_population(ccap_test_data(path, sizeof path, "gap_known/population.csv"),
                                 known, CCAP_YEAR_ANY, &pop, NULL, NULL),
        CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_read_slots(ccap_test_data(path, sizeof path, "gap_known/slots.csv"),
                                           known, &inv, NULL, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_csv_read_targets(ccap_test_data(path, sizeof path, "gap_known/targets.csv"), known,
                              &targets, NULL, NULL),
        CCAP_OK);
    if (known != NULL && pop != NULL && inv != NULL && targets != NULL) {
        const ccap_population *pops[1];
        ccap_gap_table_inputs tin = {.pops = pops,
                                     .n_pops = 1,
                                     .regions = known,
                                     .inventory = inv,
                                     .targets = targets,
                                     .occupancy = 0.8,
                                     .attrition = 0.1};
        pops[0] = pop;
        CCAP_ASSERT_STATUS(ccap_gap_table(&tin, 2024, 2025, rows, 2, &held), CCAP_OK);
        CU_ASSERT_EQUAL(held, 1); /* one population: the nearest is used for both years */
        CU_ASSERT_EQUAL(rows[0].year, 2024);
        CCAP_ASSERT_REL(rows[0].population, 9713112.0, 1e-15);
        CCAP_ASSERT_REL(rows[0].under3, 258000.0, 1e-15);
        CCAP_ASSERT_REL(rows[0].target_slots, 39823.7592, 1e-12);
        CCAP_ASSERT_REL(rows[0].gap, 9823.7592, 1e-12);
        CCAP_ASSERT_REL(rows[0].per_1000, 30000.0 / 9713.112, 1e-14);
        CU_ASSERT(isnan(rows[0].demand_slots)); /* no take-up given */
        CCAP_ASSERT_REL(rows[1].slots, 27000.0, 1e-15);
        CCAP_ASSERT_REL(rows[1].gap, 39823.7592 - 27000.0, 1e-12);
        {
            /* the table as gaps.csv: header, then X's two years; no take-up: empty demand */
            char tmp[512], text[1024];
            FILE *fp;
            size_t len = 0;

            ccap_test_tmp(tmp, sizeof tmp, "gap_table.csv");
            CCAP_ASSERT_STATUS(ccap_csv_write_gaps(tmp, known, rows, 2, NULL), CCAP_OK);
            if ((fp = fopen(tmp, "r")) != NULL) {
                len = fread(text, 1, sizeof text - 1, fp);
                fclose(fp);
            }
            text[len] = '\0';
            {
                /* header, then two rows whose numbers read back as the table's */
                const char *header = "region,name,year,population,under3,slots,"
                                     "slots_per_1000,target_per_1000,target_slots,gap,"
                                     "demand_slots,demand_gap,per_1000_slots,per_1000_gap,"
                                     "enrolment_rate_target,enrolment_slots,enrolment_gap,"
                                     "inclusive_share_target,inclusive_slots,inclusive_gap,"
                                     "enrolled,utilisation,enrolment_rate,binding\n";
                const char *p = text + strlen(header);
                size_t y;

                CU_ASSERT_FATAL(strncmp(text, header, strlen(header)) == 0);
                for (y = 0; y < 2; y++) {
                    const double want[9] = {rows[y].population,
                                            rows[y].under3,
                                            rows[y].slots,
                                            rows[y].per_1000,
                                            rows[y].target_per_1000,
                                            rows[y].target_slots,
                                            rows[y].gap,
                                            NAN,
                                            NAN};
                    char *end;
                    double v;
                    size_t f;

                    /* the code, then its name in the region table (已知市, 9 bytes) */
                    CU_ASSERT_FATAL(strncmp(p, y == 0 ? "X,已知市,2024," : "X,已知市,2025,", 17) ==
                                    0);
                    p += 17;
                    for (f = 0; f < 9; f++) {
                        if (isnan(want[f])) { /* not available: an empty cell, not "nan" */
                            CU_ASSERT_FATAL(*p == ',' || *p == '\n');
                            p++;
                            continue;
                        }
                        v = strtod(p, &end);
                        CU_ASSERT_FATAL(end != p && (*end == ',' || *end == '\n'));
                        CCAP_ASSERT_REL(v, want[f], 1e-15);
                        p = end + 1;
                    }
                    /* the binding target ends the row: per 1,000, the only one */
                    CU_ASSERT_FATAL(strstr(p, "slots_per_1000\n") != NULL);
                    p = strstr(p, "slots_per_1000\n") + strlen("slots_per_1000\n");
                }
                CU_ASSERT_EQUAL(*p, '\0');
            }
            CCAP_ASSERT_STATUS(ccap_csv_write_gaps(tmp, known, rows, 0, NULL), CCAP_EINVAL);
            remove(tmp);
        }
        {
            /* The cost of building 1000 then 500 slots with 50% attrition: all 30,000 slots
             * of the inventory are inclusive (share 1), so the subsidy covers every new slot;
             * slot-years 1000, then 1000·0.5 + 500 = 1000.  Unit costs 20,000 / 8,000 /
             * 10,000 yuan, 3%: capital 20,000,000 + 10,000,000 / 1.03, running 8,000,000 +
             * 8,000,000 / 1.03, subsidy 10,000,000 + 5,000,000 / 1.03. */
            const ccap_gap_unit_costs unit = {20000.0, 8000.0, 10000.0};
            const double plan[2] = {1000.0, 500.0};
            ccap_gap_costs *costs = ccap_gap_costs_alloc();
            ccap_gap_cost_totals t;
            double share = -1.0;

            CU_ASSERT_FATAL(costs != NULL);
            CCAP_ASSERT_STATUS(
                ccap_gap_schedule_cost(costs, inv, known, 0, 2024, plan, 2, 0.5, 0.03, &t, &share),
                CCAP_ENOTFOUND); /* no '*' or 'institution' row yet */
            CCAP_ASSERT_STATUS(ccap_gap_costs_set(costs, "*", &unit), CCAP_OK);
            CCAP_ASSERT_STATUS(
                ccap_gap_schedule_cost(costs, inv, known, 0, 2024, plan, 2, 0.5, 0.03, &t, &share),
                CCAP_OK);
            CU_ASSERT_DOUBLE_EQUAL(share, 1.0, 0.0);
            CCAP_ASSERT_REL(t.pv_capital, 20000000.0 + 10000000.0 / 1.03, 1e-14);
            CCAP_ASSERT_REL(t.pv_running, 8000000.0 + 8000000.0 / 1.03, 1e-14);
            CCAP_ASSERT_REL(t.pv_subsidy, 10000000.0 + 5000000.0 / 1.03, 1e-14);
            CCAP_ASSERT_STATUS(
                ccap_gap_schedule_cost(costs, inv, known, 0, 2024, plan, 2, 1.0, 0.03, &t, &share),
                CCAP_EDOM);
            CCAP_ASSERT_STATUS(
                ccap_gap_schedule_cost(costs, inv, known, 1, 2024, plan, 2, 0.5, 0.03, &t, &share),
                CCAP_EINVAL);
            ccap_gap_costs_free(costs);
        }
        tin.attrition = 1.0;
        CCAP_ASSERT_STATUS(ccap_gap_table(&tin, 2024, 2025, rows, 2, &held), CCAP_EDOM);
        tin.attrition = 0.1;
        CCAP_ASSERT_STATUS(ccap_gap_table(&tin, 2024, 2025, rows, 3, &held), CCAP_EINVAL);
        CCAP_ASSERT_STATUS(ccap_gap_table(NULL, 2024, 2025, rows, 2, &held), CCAP_EINVAL);
    }
    ccap_schedule_free(targets);
    ccap_childcare_inventory_free(inv);
    ccap_population_free(pop);
    ccap_regions_free(known);
}

/* Schedules and allocations from a table, on the test regions (C01 > A11, B12 > B121, B122).
 * End of 2024: A11 100 slots, B121 40, B122 10.  2025 targets: A11 150.2 slots (151 whole),
 * B121 none, B122 25.  Without attrition the minimal builds are 151 - 100 = 51, 0 and
 * 25 - 10 = 15: B12 15 and C01 66.  With attrition 0.5: 151 - 50 = 101, 0 and 25 - 5 = 20:
 * B12 20, C01 121.  Allocation of 5 slots against the 2025 gaps 5.5, 2.0 and 0.25 (as in
 * allocate_shortfall_by_hand): 4, 1 and 0, so B12 1 and C01 5. */
static void
test_gap__table_schedule_allocate(void)
{
    const char *codes[3] = {"A11", "B121", "B122"};
    const double slots[3] = {100.0, 40.0, 10.0}, need[3] = {150.2, NAN, 25.0};
    const double gaps[3] = {5.5, 2.0, 0.25};
    ccap_gap_row rows[10];
    double built[5], alloc[5], left = -1.0;
    size_t leaf[3], c01 = 0, b12 = 0, bad = 99, r, i;

    CU_ASSERT_EQUAL_FATAL(ccap_regions_count(regions), 5);
    CCAP_ASSERT_STATUS(ccap_regions_find(regions, "C01", &c01), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_regions_find(regions, "B12", &b12), CCAP_OK);
    for (i = 0; i < 3; i++)
        CCAP_ASSERT_STATUS(ccap_regions_find(regions, codes[i], &leaf[i]), CCAP_OK);
    for (r = 0; r < 10; r++) {
        memset(&rows[r], 0, sizeof rows[r]);
        rows[r].region = r % 5;
        rows[r].year = 2024 + (int)(r / 5);
        rows[r].slots = NAN;
        rows[r].target_slots = NAN;
        rows[r].gap = NAN;
        rows[r].population = 1000.0;
    }
    for (i = 0; i < 3; i++) {
        rows[leaf[i]].slots = slots[i];
        rows[5 + leaf[i]].target_slots = need[i];
        rows[5 + leaf[i]].gap = gaps[i];
        rows[5 + leaf[i]].slots = slots[i];
    }
    CCAP_ASSERT_STATUS(
        ccap_gap_table_schedule(regions, rows, 2024, 2025, 2025, 0.0, built, 5, &bad), CCAP_OK);
    CU_ASSERT(eq(built[leaf[0]], 51.0) && eq(built[leaf[1]], 0.0) && eq(built[leaf[2]], 15.0));
    CU_ASSERT(eq(built[b12], 15.0) && eq(built[c01], 66.0));
    CCAP_ASSERT_STATUS(
        ccap_gap_table_schedule(regions, rows, 2024, 2025, 2025, 0.5, built, 5, NULL), CCAP_OK);
    CU_ASSERT(eq(built[leaf[0]], 101.0) && eq(built[leaf[1]], 0.0) && eq(built[leaf[2]], 20.0));
    CU_ASSERT(eq(built[b12], 20.0) && eq(built[c01], 121.0));
    {
        /* the schedule as a builds file reads back as ccap_csv_read_builds() sees it */
        char tmp[512];
        ccap_schedule *back = NULL;
        const double *v = NULL;
        int used = 0;

        ccap_test_tmp(tmp, sizeof tmp, "gap_schedule.csv");
        CCAP_ASSERT_STATUS(ccap_csv_write_builds(tmp, regions, 2025, 1, built, NULL), CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_csv_read_builds(tmp, regions, &back, NULL, NULL), CCAP_OK);
        if (back != NULL) {
            CCAP_ASSERT_STATUS(ccap_schedule_find(back, leaf[0], 2025, CCAP_SEX_BOTH, &v, &used),
                               CCAP_OK);
            CU_ASSERT(v != NULL && used == 2025 && eq(v[0], 101.0));
            CCAP_ASSERT_STATUS(ccap_schedule_find(back, leaf[2], 2025, CCAP_SEX_BOTH, &v, &used),
                               CCAP_OK);
            CU_ASSERT(v != NULL && eq(v[0], 20.0));
        }
        ccap_schedule_free(back);
        CCAP_ASSERT_STATUS(ccap_csv_write_builds(tmp, regions, 2025, 0, built, NULL), CCAP_EINVAL);
        remove(tmp);
        /* the name beside a code must be that region's */
        {
            ccap_diag diag;
            char path[512];

            CCAP_ASSERT_STATUS(
                ccap_csv_read_builds(ccap_test_data(path, sizeof path, "bad/builds_wrong_name.csv"),
                                     regions, &back, NULL, &diag),
                CCAP_EPARSE);
            CU_ASSERT_PTR_NULL(back);
            CU_ASSERT_STRING_EQUAL(diag.message,
                                   "'乙二街道' is not the name of B121 (乙一街道): is the row in "
                                   "the wrong region, or the region table another city's?");
        }
    }
    CCAP_ASSERT_STATUS(ccap_gap_table_allocate(regions, rows + 5, 5, NULL, 5.0, 0, alloc, &left),
                       CCAP_OK);
    CU_ASSERT(eq(alloc[leaf[0]], 4.0) && eq(alloc[leaf[1]], 1.0) && eq(alloc[leaf[2]], 0.0));
    CU_ASSERT(eq(alloc[b12], 1.0) && eq(alloc[c01], 5.0) && eq(left, 0.0));
    {
        /* allocation.csv: header, then the regions in pre-order with their new slots */
        char tmp[512], text[512], want[512];
        size_t len = 0, k, at = 0;
        FILE *fp;

        ccap_test_tmp(tmp, sizeof tmp, "gap_allocation.csv");
        CCAP_ASSERT_STATUS(ccap_csv_write_allocation(tmp, regions, alloc, NULL), CCAP_OK);
        if ((fp = fopen(tmp, "r")) != NULL) {
            len = fread(text, 1, sizeof text - 1, fp);
            fclose(fp);
        }
        text[len] = '\0';
        at = (size_t)snprintf(want, sizeof want, "region,name,new_slots\n");
        for (k = 0; k < 5; k++) {
            const size_t pre = ccap_regions_preorder(regions, k);
            at += (size_t)snprintf(want + at, sizeof want - at, "%s,%s,%.0f\n",
                                   ccap_regions_code(regions, pre), ccap_regions_name(regions, pre),
                                   alloc[pre]);
        }
        CU_ASSERT_STRING_EQUAL(text, want);
        CCAP_ASSERT_STATUS(ccap_csv_write_allocation(tmp, NULL, alloc, NULL), CCAP_EINVAL);
        remove(tmp);
    }
    /* errors: a leaf with no slots to build on is named; bad years, lengths, attrition */
    rows[leaf[2]].slots = NAN;
    CCAP_ASSERT_STATUS(
        ccap_gap_table_schedule(regions, rows, 2024, 2025, 2025, 0.0, built, 5, &bad),
        CCAP_ENOTFOUND);
    CU_ASSERT_EQUAL(bad, leaf[2]);
    CCAP_ASSERT_STATUS(
        ccap_gap_table_schedule(regions, rows, 2024, 2025, 2024, 0.0, built, 5, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(
        ccap_gap_table_schedule(regions, rows, 2024, 2025, 2025, 0.0, built, 4, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(
        ccap_gap_table_schedule(regions, rows, 2024, 2025, 2025, 1.0, built, 5, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_gap_table_allocate(regions, rows + 5, 4, NULL, 5.0, 0, alloc, &left),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_table_allocate(NULL, rows + 5, 5, NULL, 5.0, 0, alloc, &left),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_table_allocate(regions, rows + 5, 5, NULL, -1.0, 0, alloc, &left),
                       CCAP_EDOM);
}

/* Take-up calibrated to enrolment, by hand (regions.csv: C01 with A11 and B12, B12 with
 * B121 and B122; take-up `*` 0.02, 0.10, 0.20; occupancy 0.8).  End of 2024:
 *   A11: 1,000 children at each age -> 20 + 100 + 200 = 320 would use a slot (demand slots
 *        400); 240 enrolled: k = 240 / 320 = 0.75, rates 0.015, 0.075, 0.15.
 *   B121: demand slots 125 (100 children), 50 enrolled: k = 0.5.
 *   C01: demand slots 750 (600 children), 300 enrolled: k = 0.5.
 *   B12 and B122 have no enrolment: B122 and B12 take C01's 0.5 (B12 has none itself).
 * Rows of 2023 are not read.  Then A11 with 2,000 enrolled: k = 6.25 puts take-up at age 2
 * at 1.25, refused; no enrolment in 2024 at all is refused too. */
static void
test_gap__takeup_from_enrolment(void)
{
    ccap_childcare_takeup *base = ccap_childcare_takeup_alloc(), *cal = NULL;
    const double rates[3] = {0.02, 0.10, 0.20};
    const double *got;
    size_t a11, b12, b121, b122, c01, R = ccap_regions_count(regions), i;
    ccap_gap_row rows[10];
    double factor[5];
    ccap_diag diag;

    CU_ASSERT_FATAL(base != NULL && R == 5);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_set(base, CCAP_REGION_ALL, rates, 3), CCAP_OK);
    ccap_regions_find(regions, "A11", &a11);
    ccap_regions_find(regions, "B12", &b12);
    ccap_regions_find(regions, "B121", &b121);
    ccap_regions_find(regions, "B122", &b122);
    ccap_regions_find(regions, "C01", &c01);
    for (i = 0; i < 10; i++) {
        memset(&rows[i], 0, sizeof rows[i]);
        rows[i].region = i % R;
        rows[i].year = i < R ? 2023 : 2024;
        rows[i].enrolled = i < R ? 1.0 : (double)NAN; /* 2023: one child each, not read */
        rows[i].demand_slots = 1000.0;
    }
    rows[R + a11].demand_slots = 400.0;
    rows[R + a11].enrolled = 240.0;
    rows[R + b121].demand_slots = 125.0;
    rows[R + b121].enrolled = 50.0;
    rows[R + c01].demand_slots = 750.0;
    rows[R + c01].enrolled = 300.0;
    CCAP_ASSERT_STATUS(
        ccap_gap_takeup_from_enrolment(base, regions, rows, 10, 2024, 0.8, &cal, factor, &diag),
        CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cal);
    CCAP_ASSERT_REL(factor[a11], 0.75, 1e-15);
    CCAP_ASSERT_REL(factor[b121], 0.5, 1e-15);
    CCAP_ASSERT_REL(factor[b122], 0.5, 1e-15);
    CCAP_ASSERT_REL(factor[b12], 0.5, 1e-15);
    CCAP_ASSERT_REL(factor[c01], 0.5, 1e-15);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_find(cal, a11, &got), CCAP_OK);
    CCAP_ASSERT_REL(got[0], 0.015, 1e-15);
    CCAP_ASSERT_REL(got[1], 0.075, 1e-15);
    CCAP_ASSERT_REL(got[2], 0.15, 1e-15);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_find(cal, b122, &got), CCAP_OK);
    CCAP_ASSERT_REL(got[2], 0.10, 1e-15);
    ccap_childcare_takeup_free(cal);
    cal = NULL;

    rows[R + a11].enrolled = 2000.0;
    CCAP_ASSERT_STATUS(
        ccap_gap_takeup_from_enrolment(base, regions, rows, 10, 2024, 0.8, &cal, factor, &diag),
        CCAP_EDOM);
    CU_ASSERT_PTR_NULL(cal);
    CU_ASSERT(isnan(factor[a11]));
    CU_ASSERT_STRING_EQUAL(diag.field, "enrolled");
    CU_ASSERT_STRING_EQUAL(diag.message,
                           "region 'A11' (甲县), end of 2024: the children enrolled are 6.25 "
                           "times those take-up gives, which puts take-up at age 2 at 1.25, "
                           "above 1: are they enrolled of another year or area?");
    CCAP_ASSERT_STATUS(
        ccap_gap_takeup_from_enrolment(base, regions, rows, 10, 2025, 0.8, &cal, NULL, &diag),
        CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(
        ccap_gap_takeup_from_enrolment(base, regions, rows, 10, 2024, 0.0, &cal, NULL, &diag),
        CCAP_EDOM);
    CCAP_ASSERT_STATUS(
        ccap_gap_takeup_from_enrolment(NULL, regions, rows, 10, 2024, 0.8, &cal, NULL, &diag),
        CCAP_EINVAL);
    ccap_childcare_takeup_free(base);
}

static CU_TestInfo gap_tests[] = {
    {"nanyang_known_case", test_gap__nanyang_known_case},
    {"round_up", test_gap__round_up},
    {"target_errors", test_gap__target_errors},
    {"path", test_gap__path},
    {"path_errors", test_gap__path_errors},
    {"demand", test_gap__demand},
    {"greedy_by_hand", test_gap__greedy_by_hand},
    {"greedy_zero_attrition_exact", test_gap__greedy_zero_attrition_exact},
    {"greedy_errors", test_gap__greedy_errors},
    {"even_by_hand", test_gap__even_by_hand},
    {"even_small_attrition", test_gap__even_small_attrition},
    {"even_errors", test_gap__even_errors},
    {"attainment_by_hand", test_gap__attainment_by_hand},
    {"attainment_monotone", test_gap__attainment_monotone},
    {"attainment_errors", test_gap__attainment_errors},
    {"overbuild", test_gap__overbuild},
    {"overbuild_errors", test_gap__overbuild_errors},
    {"allocate_shortfall_by_hand", test_gap__allocate_shortfall_by_hand},
    {"allocate_maxmin_by_hand", test_gap__allocate_maxmin_by_hand},
    {"allocate_budget_by_hand", test_gap__allocate_budget_by_hand},
    {"allocate_brute_force", test_gap__allocate_brute_force},
    {"allocate_budget_brute_force", test_gap__allocate_budget_brute_force},
    {"allocate_large_matches_reference", test_gap__allocate_large_matches_reference},
    {"allocate_huge", test_gap__allocate_huge},
    {"allocate_errors", test_gap__allocate_errors},
    {"cost_pv_by_hand", test_gap__cost_pv_by_hand},
    {"cost_errors", test_gap__cost_errors},
    {"costs_table", test_gap__costs_table},
    {"csv_caps", test_gap__csv_caps},
    {"csv_costs", test_gap__csv_costs},
    {"table_known_case", test_gap__table_known_case},
    {"table_schedule_allocate", test_gap__table_schedule_allocate},
    {"takeup_from_enrolment", test_gap__takeup_from_enrolment},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "gap", .pInitFunc = setup, .pCleanupFunc = teardown, .pTests = gap_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
