/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gap_uncertainty: target and demand slots, gaps and probabilities of Monte Carlo
 * trajectories, against hand arithmetic; the quantiles.csv and probabilities.csv writers. */

#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_test.h"

/* C01 (0) -> A11 (1), B12 (2); B12 -> B121 (3), B122 (4).  Leaves: 1, 3, 4. */
enum { C01 = 0, A11 = 1, B12 = 2, B121 = 3, B122 = 4, NR = 5 };
#define G 5 /* single years 0, 1, 2, 3 and 4+ */
#define N 3 /* trajectories */

static ccap_regions *tree;
static ccap_population *base;
static ccap_schedule *mort, *fert, *srb, *targets;
static ccap_uncertainty_result *mc;

/*
 * A closed population without births and with no deaths below age 4 (mx = 0): a year on,
 * every cohort is one year older, whole.  The base on 1 January 2020 (no date), per sex:
 *   A11  100 200 300 400 500      B121  50 60 70 80 90      B122  10 20 30 40 50
 * so, both sexes, at the end of 2020 (ages 0, 1, 2): A11 0, 200, 400; B121 0, 100, 120;
 * B122 0, 20, 40; at the end of 2021: A11 0, 0, 200; B121 0, 0, 100; B122 0, 0, 20.
 * No noise: every trajectory is the same.
 */
static int
setup(void)
{
    static const double a11[G] = {100, 200, 300, 400, 500}, b121[G] = {50, 60, 70, 80, 90},
                        b122[G] = {10, 20, 30, 40, 50};
    const double *rows[NR] = {NULL, a11, NULL, b121, b122};
    size_t ages[G], fages[3] = {1, 2, 3}, zero = 0, r;
    double mx[G] = {0.0, 0.0, 0.0, 0.0, 0.2}, f[3] = {0.0, 0.0, 0.0}, sr = 105.0;
    const double t45 = 4.5, t40 = 4.0, t200 = 200.0;
    ccap_uncertainty_params p = ccap_uncertainty_params_default();
    ccap_assumptions a;
    int x;

    tree = ccap_test_city();
    base = ccap_population_alloc(NR, G, 1);
    for (r = 0; r < G; r++)
        ages[r] = r;
    mort = ccap_schedule_alloc(ages, G, CCAP_AGE_OPEN);
    fert = ccap_schedule_alloc(fages, 3, 4);
    srb = ccap_schedule_alloc(&zero, 1, CCAP_AGE_OPEN);
    targets = ccap_schedule_alloc(&zero, 1, CCAP_AGE_OPEN);
    if (tree == NULL || base == NULL || mort == NULL || fert == NULL || srb == NULL ||
        targets == NULL)
        return 1;
    /* targets: `*` 4.5 from 2021, A11 4.0 from 2020, B121 200 from 2021 */
    if (ccap_schedule_add(mort, CCAP_REGION_ALL, 2020, CCAP_SEX_BOTH, mx, G) ||
        ccap_schedule_add(fert, CCAP_REGION_ALL, 2020, CCAP_SEX_BOTH, f, 3) ||
        ccap_schedule_add(srb, CCAP_REGION_ALL, 2020, CCAP_SEX_BOTH, &sr, 1) ||
        ccap_schedule_add(targets, CCAP_REGION_ALL, 2021, CCAP_SEX_BOTH, &t45, 1) ||
        ccap_schedule_add(targets, A11, 2020, CCAP_SEX_BOTH, &t40, 1) ||
        ccap_schedule_add(targets, B121, 2021, CCAP_SEX_BOTH, &t200, 1))
        return 1;
    for (r = 0; r < NR; r++)
        for (x = 0; x < 2 && rows[r] != NULL; x++)
            if (ccap_population_set_values(base, r, (ccap_sex)x, rows[r], G))
                return 1;
    if (ccap_population_aggregate(base, tree, NULL) || ccap_population_set_year(base, 2020))
        return 1;
    memset(&a, 0, sizeof a);
    a.mortality = mort;
    a.fertility = fert;
    a.srb = srb;
    a.a0 = CCAP_A0_COALE_DEMENY;
    a.timing = CCAP_MIGRATION_HALF;
    p.n_trajectories = N;
    p.tfr_sigma = p.mortality_sd = p.migration_sd = 0.0;
    p.jump_off_year = 2020; /* tables start in 2021 */
    return ccap_uncertainty_run(base, tree, &a, 2, &p, &mc, NULL) != CCAP_OK;
}

static int
teardown(void)
{
    ccap_uncertainty_result_free(mc);
    ccap_schedule_free(targets);
    ccap_schedule_free(srb);
    ccap_schedule_free(fert);
    ccap_schedule_free(mort);
    ccap_population_free(base);
    ccap_regions_free(tree);
    return 0;
}

/* Take-up (ages 0, 1, 2): A11 0.1, 0.25, 0.5; B121 0.2, 0.3, 0.4; B122 0.2, 0.5, 0.5;
 * parents' rows 2 (not used: a parent's demand is its children's). */
static double takeup[NR * 3] = {2, 2, 2, 0.1, 0.25, 0.5, 2, 2, 2, 0.2, 0.3, 0.4, 0.2, 0.5, 0.5};
/* Slots at the end of 2020 and 2021 by region. */
static double slots[NR * 2] = {400, 390, 300, 300, 100, 100, 60, 90, 40, 10};

static ccap_gap_uncertainty_inputs
inputs(void)
{
    ccap_gap_uncertainty_inputs in;

    in.targets = targets;
    in.takeup = takeup;
    in.n_takeup = NR * 3;
    in.occupancy = 0.8;
    in.slots = slots;
    in.n_slots = NR * 2;
    return in;
}

static double
pop(size_t r, int year)
{
    return ccap_uncertainty_value(mc, 0, r, year, CCAP_UNCERTAINTY_POPULATION);
}

/*
 * Demand in children, Σ U_a·t_a:
 *   2020: A11 0.25·200 + 0.5·400 = 250; B121 0.3·100 + 0.4·120 = 78; B122 0.5·20 + 0.5·40
 *         = 30; B12 = 108; C01 = 358.  Slots at occupancy 0.8: 312.5, 97.5, 37.5, 135, 447.5.
 *   2021: A11 0.5·200 = 100; B121 0.4·100 = 40; B122 0.5·20 = 10; B12 50; C01 150.
 *         Slots: 125, 50, 12.5, 62.5, 187.5.
 * Demand gaps (minus the slots): 2020 A11 12.5, B121 37.5, B122 −2.5, B12 35, C01 47.5;
 *   2021 A11 −175, B121 −40, B122 2.5, B12 −37.5, C01 −202.5.
 * Targets (the latest entry not after the year): 2020 A11 4.0 per 1,000, the others none;
 *   2021 A11 4.5 (the `*` of 2021 is later than its own 2020), B121 200, the others 4.5.
 */
static void
test_gap_uncertainty__hand(void)
{
    static const double demand[2][NR] = {{447.5, 312.5, 135, 97.5, 37.5},
                                         {187.5, 125, 62.5, 50, 12.5}};
    static const double per_1000_2021[NR] = {4.5, 4.5, 4.5, 200, 4.5};
    ccap_gap_uncertainty_inputs in = inputs();
    ccap_gap_uncertainty *g = NULL;
    const double probs[3] = {0.1, 0.5, 0.9};
    double q[3], p;
    size_t i, r;
    int y;

    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_run(mc, tree, &in, &g), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    /* the cohorts moved up whole: ages 1 and 2 at the end of 2020 are the base's 0 and 1 */
    CCAP_ASSERT_REL(ccap_uncertainty_value(mc, 0, A11, 2020, CCAP_UNCERTAINTY_AGE2), 400.0, 1e-12);
    CCAP_ASSERT_REL(ccap_uncertainty_value(mc, 0, B121, 2021, CCAP_UNCERTAINTY_AGE2), 100.0, 1e-12);
    for (i = 0; i < N; i++)
        for (y = 2020; y <= 2021; y++)
            for (r = 0; r < NR; r++) {
                const double d = demand[y - 2020][r], s = slots[r * 2 + (size_t)(y - 2020)];
                const double t = y == 2020 ? (r == A11 ? 4.0 * pop(r, y) / 1000.0 : (double)NAN)
                                           : per_1000_2021[r] * pop(r, y) / 1000.0;

                CCAP_ASSERT_REL(
                    ccap_gap_uncertainty_value(g, i, r, y, CCAP_GAP_UNCERTAINTY_DEMAND_SLOTS), d,
                    1e-12);
                CCAP_ASSERT_REL(
                    ccap_gap_uncertainty_value(g, i, r, y, CCAP_GAP_UNCERTAINTY_DEMAND_GAP), d - s,
                    1e-12);
                if (isnan(t)) {
                    CU_ASSERT(isnan(
                        ccap_gap_uncertainty_value(g, i, r, y, CCAP_GAP_UNCERTAINTY_TARGET_GAP)));
                } else {
                    CCAP_ASSERT_REL(
                        ccap_gap_uncertainty_value(g, i, r, y, CCAP_GAP_UNCERTAINTY_TARGET_SLOTS),
                        t, 1e-14);
                    CCAP_ASSERT_REL(
                        ccap_gap_uncertainty_value(g, i, r, y, CCAP_GAP_UNCERTAINTY_TARGET_GAP),
                        t - s, 1e-12);
                }
            }
    /* B121 in 2021: 200 per 1,000 of its residents (700 less the deaths of the open
     * group, more than 450 left) is more than 90 slots: above its 90 slots (target not
     * met) and above the 50 demand needs (over-built) */
    CU_ASSERT(pop(B121, 2021) > 450.0 && pop(B121, 2021) < 700.0);
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_prob_target_met(g, B121, 2021, &p), CCAP_OK);
    CCAP_ASSERT_REL(p, 0.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_prob_overbuild(g, B121, 2021, &p), CCAP_OK);
    CCAP_ASSERT_REL(p, 1.0, 0.0);
    /* A11 in 2021: 4.5 per 1,000 of under 3,000 residents is under 13.5 slots: met, not
     * over-built */
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_prob_target_met(g, A11, 2021, &p), CCAP_OK);
    CCAP_ASSERT_REL(p, 1.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_prob_overbuild(g, A11, 2021, &p), CCAP_OK);
    CCAP_ASSERT_REL(p, 0.0, 0.0);
    /* no target for B121 in 2020 */
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_prob_target_met(g, B121, 2020, &p), CCAP_EDOM);
    CU_ASSERT(isnan(p));
    CCAP_ASSERT_STATUS(
        ccap_gap_uncertainty_quantiles(g, B121, 2020, CCAP_GAP_UNCERTAINTY_TARGET_GAP, probs, 3, q),
        CCAP_EDOM);
    /* without noise every quantile is the one value: B122's demand gap of 2021, 2.5 */
    CCAP_ASSERT_STATUS(
        ccap_gap_uncertainty_quantiles(g, B122, 2021, CCAP_GAP_UNCERTAINTY_DEMAND_GAP, probs, 3, q),
        CCAP_OK);
    for (i = 0; i < 3; i++)
        CCAP_ASSERT_REL(q[i], 2.5, 1e-12);
    CCAP_ASSERT_STATUS(
        ccap_gap_uncertainty_quantiles(g, B122, 2022, CCAP_GAP_UNCERTAINTY_DEMAND_GAP, probs, 3, q),
        CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_prob_overbuild(g, B122, 2019, &p), CCAP_ENOTFOUND);
    CU_ASSERT(isnan(ccap_gap_uncertainty_value(g, N, 0, 2020, CCAP_GAP_UNCERTAINTY_DEMAND_GAP)));
    CU_ASSERT(isnan(ccap_gap_uncertainty_value(g, 0, 0, 2020, (ccap_gap_uncertainty_measure)4)));
    CU_ASSERT_STRING_EQUAL(ccap_gap_uncertainty_measure_name(CCAP_GAP_UNCERTAINTY_TARGET_GAP),
                           "target_gap");
    CU_ASSERT_STRING_EQUAL(ccap_gap_uncertainty_measure_name((ccap_gap_uncertainty_measure)4),
                           "unknown");
    ccap_gap_uncertainty_free(g);
    ccap_gap_uncertainty_free(NULL);

    /* without take-up: no demand measures; without targets: no target measures */
    in.takeup = NULL;
    in.n_takeup = 0;
    in.targets = NULL;
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_run(mc, tree, &in, &g), CCAP_OK);
    CU_ASSERT(isnan(ccap_gap_uncertainty_value(g, 0, A11, 2021, CCAP_GAP_UNCERTAINTY_DEMAND_GAP)));
    CU_ASSERT(isnan(ccap_gap_uncertainty_value(g, 0, A11, 2021, CCAP_GAP_UNCERTAINTY_TARGET_GAP)));
    ccap_gap_uncertainty_free(g);
}

static void
test_gap_uncertainty__errors(void)
{
    ccap_gap_uncertainty_inputs in = inputs();
    ccap_gap_uncertainty *g = (ccap_gap_uncertainty *)&in; /* must become NULL */

    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_run(NULL, tree, &in, &g), CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(g);
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_run(mc, NULL, &in, &g), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_run(mc, tree, NULL, &g), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_run(mc, tree, &in, NULL), CCAP_EINVAL);
    in.n_slots = NR * 2 - 1;
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_run(mc, tree, &in, &g), CCAP_EINVAL);
    in = inputs();
    in.n_takeup = 3;
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_run(mc, tree, &in, &g), CCAP_EINVAL);
    in = inputs();
    in.occupancy = 0.0;
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_run(mc, tree, &in, &g), CCAP_EDOM);
    in = inputs();
    takeup[A11 * 3 + 1] = 1.5;
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_run(mc, tree, &in, &g), CCAP_EDOM);
    takeup[A11 * 3 + 1] = 0.25;
    slots[3] = -1.0;
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_run(mc, tree, &in, &g), CCAP_EDOM);
    slots[3] = 300.0;
    CU_ASSERT_PTR_NULL(g);
}

/* Count the lines of a file and those holding `text`. */
static size_t
lines(const char *path, const char *text, size_t *with)
{
    char line[256];
    size_t n = 0;
    FILE *fp = fopen(path, "r");

    *with = 0;
    if (fp == NULL)
        return 0;
    while (fgets(line, sizeof line, fp) != NULL) {
        n++;
        *with += strstr(line, text) != NULL;
    }
    fclose(fp);
    return n;
}

/* quantiles.csv: rows only after the jump-off (2020): 5 regions x 1 year (2021) x 7
 * measures (population, births, under3 and the four childcare ones, every region having a
 * target in 2021) x 2 probabilities = 70 rows and the header; probabilities.csv: 5 rows. */
static void
test_gap_uncertainty__writers(void)
{
    ccap_gap_uncertainty_inputs in = inputs();
    ccap_gap_uncertainty *g = NULL;
    const double probs[2] = {0.1, 0.9}, bad[1] = {1.5};
    char path[512], ppath[512];
    size_t with;

    ccap_test_tmp(path, sizeof path, "gap_uncertainty_quantiles.csv");
    ccap_test_tmp(ppath, sizeof ppath, "gap_uncertainty_probabilities.csv");
    CCAP_ASSERT_STATUS(ccap_gap_uncertainty_run(mc, tree, &in, &g), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_write_quantiles(path, tree, mc, g, probs, 2, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(lines(path, ",2021,", &with), 71);
    CU_ASSERT_EQUAL(with, 70);
    CU_ASSERT_EQUAL(lines(path, "region,name,year,measure,quantile,value", &with), 71);
    CU_ASSERT_EQUAL(with, 1);
    lines(path, ",target_gap,", &with);
    CU_ASSERT_EQUAL(with, 10);
    /* B122's demand gap of 2021, 2.5, at both probabilities; its name is its code (the
     * region table gives none) */
    lines(path, "B122,B122,2021,demand_gap,0.1,2.5", &with);
    CU_ASSERT_EQUAL(with, 1);
    CCAP_ASSERT_STATUS(ccap_csv_write_probabilities(ppath, tree, mc, g, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(lines(ppath, ",2021,", &with), 6);
    CU_ASSERT_EQUAL(with, 5);
    lines(ppath, "B121,B121,2021,0,1", &with);
    CU_ASSERT_EQUAL(with, 1);
    /* population measures only, without childcare */
    CCAP_ASSERT_STATUS(ccap_csv_write_quantiles(path, tree, mc, NULL, probs, 2, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(lines(path, ",2021,", &with), 31);
    CCAP_ASSERT_STATUS(ccap_csv_write_probabilities(ppath, tree, mc, NULL, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(lines(ppath, ",", &with), 1);
    CCAP_ASSERT_STATUS(ccap_csv_write_quantiles(path, tree, mc, g, bad, 1, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_csv_write_quantiles(path, tree, mc, g, probs, 0, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_csv_write_quantiles(path, tree, NULL, g, probs, 2, NULL), CCAP_EINVAL);
    remove(path);
    remove(ppath);
    ccap_gap_uncertainty_free(g);
}

static CU_TestInfo gap_uncertainty_tests[] = {
    {"hand", test_gap_uncertainty__hand},
    {"errors", test_gap_uncertainty__errors},
    {"writers", test_gap_uncertainty__writers},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "gap_uncertainty",
     .pInitFunc = setup,
     .pCleanupFunc = teardown,
     .pTests = gap_uncertainty_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
