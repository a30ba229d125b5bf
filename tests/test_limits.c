/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Limits: absurd sizes are refused before anything is allocated.
 *
 * Every call here asks for far more than CCAP_CELLS_MAX (2^30) numbers, or for
 * sizes whose product overflows a size_t, and must fail at once with
 * CCAP_ERANGE (or NULL from an _alloc function).  Were a check to come after
 * the allocation, the call would ask for tens of gigabytes to exabytes: the
 * sanitizer build aborts on such requests and an ordinary build runs out of
 * memory or time, so the suite passing shows that the checks come first.
 */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ccap_test.h"

/* 2^30, written out: the value documented for CCAP_CELLS_MAX. */
#define CELLS_MAX 1073741824u

static int
setup(void)
{
    return 0;
}

static int
teardown(void)
{
    return 0;
}

static void
test_limits__constant(void)
{
    CU_ASSERT_EQUAL(CCAP_CELLS_MAX, (size_t)CELLS_MAX);
}

static void
test_limits__population_alloc(void)
{
    /* 1,000,000 regions x 2 sexes x 1000 ages = 2e9 numbers (16 GB): each dimension
     * is at its own maximum, the product is above the limit */
    CU_ASSERT_PTR_NULL(ccap_population_alloc(CCAP_POPULATION_REGIONS_MAX,
                                             CCAP_POPULATION_AGES_MAX, 1));
    /* 536,871 x 2 x 1000 = 1,073,742,000 > 2^30 = 1,073,741,824 */
    CU_ASSERT_PTR_NULL(ccap_population_alloc(536871, CCAP_POPULATION_AGES_MAX, 1));
    /* overflow-sized factors are refused by the per-dimension maxima */
    CU_ASSERT_PTR_NULL(ccap_population_alloc(SIZE_MAX / 2, SIZE_MAX / 2, 1));
}

static void
test_limits__projection_cells(void)
{
    ccap_diag diag;
    size_t cells = 0;

    /* 2,850 regions x 2 sexes x (101 ages x 101 populations + 3 events x 100 steps)
     * = 5,700 x 10,501 = 59,855,700 */
    CCAP_ASSERT_STATUS(ccap_projection_cells(2850, 101, 100, &cells, &diag), CCAP_OK);
    CU_ASSERT_EQUAL(cells, (size_t)59855700);
    CU_ASSERT_EQUAL(diag.status, CCAP_OK);

    /* 5,000 steps: 5,700 x (101 x 5,001 + 15,000) = 2.9e9 > 2^30 */
    CCAP_ASSERT_STATUS(ccap_projection_cells(2850, 101, 5000, &cells, &diag), CCAP_ERANGE);
    CU_ASSERT_EQUAL(cells, SIZE_MAX);
    CU_ASSERT_EQUAL(diag.status, CCAP_ERANGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "2.96e+09 numbers"));
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "2850 regions x 2 sexes x 101 age groups x "
                                                "5000 steps"));
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "CCAP_CELLS_MAX (1073741824)"));

    /* boundary: 1 region, 2 ages, S steps hold 2 x (2(S + 1) + 3S) = 10S + 4 numbers;
     * S = 107,374,182 gives exactly 2^30, one step more is too many */
    CCAP_ASSERT_STATUS(ccap_projection_cells(1, 2, 107374182, &cells, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(cells, (size_t)CELLS_MAX);
    CCAP_ASSERT_STATUS(ccap_projection_cells(1, 2, 107374183, &cells, NULL), CCAP_ERANGE);

    /* overflow: no wrap-around to a small product */
    CCAP_ASSERT_STATUS(ccap_projection_cells(SIZE_MAX / 2, SIZE_MAX / 2, 2, &cells, NULL),
                       CCAP_ERANGE);
    CCAP_ASSERT_STATUS(ccap_projection_cells(1, 2, SIZE_MAX, &cells, NULL), CCAP_ERANGE);
    CCAP_ASSERT_STATUS(ccap_projection_cells(SIZE_MAX, 2, SIZE_MAX, &cells, NULL),
                       CCAP_ERANGE);
    /* 2^(w-1) x 2 x 2 x 2: the unchecked product is 0 modulo 2^w (w bits of size_t) */
    CCAP_ASSERT_STATUS(ccap_projection_cells(SIZE_MAX / 2 + 1, 2, 1, &cells, NULL),
                       CCAP_ERANGE);

    /* arguments */
    CCAP_ASSERT_STATUS(ccap_projection_cells(1, 2, 1, NULL, &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_projection_cells(0, 2, 1, &cells, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_projection_cells(1, 1, 1, &cells, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_projection_cells(1, 2, 0, &cells, NULL), CCAP_EINVAL);
}

static void
test_limits__projection_alloc(void)
{
    /* the examples above, through the allocator: NULL without allocating */
    CU_ASSERT_PTR_NULL(ccap_projection_alloc(2850, 101, 1, 5000));
    CU_ASSERT_PTR_NULL(ccap_projection_alloc(1, 2, 1, 107374183));
    CU_ASSERT_PTR_NULL(ccap_projection_alloc(CCAP_POPULATION_REGIONS_MAX,
                                             CCAP_POPULATION_AGES_MAX, 1, SIZE_MAX));
    CU_ASSERT_PTR_NULL(ccap_projection_alloc(1, 101, 1, SIZE_MAX / 2));
    /* rates: 1,000,000 regions x (5 x 1000 + 1) = 5.0e9 */
    CU_ASSERT_PTR_NULL(ccap_rates_workspace_alloc(CCAP_POPULATION_REGIONS_MAX,
                                                  CCAP_POPULATION_AGES_MAX, 1, 101));
    /* graduation: (2^29 - 1) x 4 + 1 single years, about 2^31 */
    CU_ASSERT_PTR_NULL(ccap_graduate_workspace_alloc((size_t)1 << 29, 4));
    CU_ASSERT_PTR_NULL(ccap_graduate_workspace_alloc(SIZE_MAX / 2, SIZE_MAX / 2));
}

/* Everything ccap_uncertainty_run() checks before the sizes, valid; one region. */
typedef struct run_inputs {
    ccap_regions *regions;
    ccap_population *base;
    ccap_schedule *mort;
    ccap_assumptions a;
    ccap_uncertainty_params p;
} run_inputs;

static int
run_inputs_init(run_inputs *in)
{
    static const size_t age0[] = {0};

    memset(in, 0, sizeof *in);
    in->regions = ccap_regions_alloc();
    if (in->regions == NULL || ccap_regions_add(in->regions, "R1", NULL, NULL, NULL, NULL) ||
        ccap_regions_finish(in->regions, NULL))
        return -1;
    in->base = ccap_population_alloc(1, 101, 1);
    in->mort = ccap_schedule_alloc(age0, 1, CCAP_AGE_OPEN);
    if (in->base == NULL || in->mort == NULL)
        return -1;
    ccap_population_set_year(in->base, 2020);
    in->a.mortality = in->mort;
    in->p = ccap_uncertainty_params_default();
    return 0;
}

static void
run_inputs_free(run_inputs *in)
{
    ccap_regions_free(in->regions);
    ccap_population_free(in->base);
    ccap_schedule_free(in->mort);
}

static void
test_limits__uncertainty(void)
{
    run_inputs in;
    ccap_uncertainty_result *res = (ccap_uncertainty_result *)&in; /* must become NULL */
    ccap_diag problem;

    CU_ASSERT_FATAL(run_inputs_init(&in) == 0);
    /* 1,000,000 trajectories x 1 region x 500 years x 6 measures = 3.0e9 (24 GB) */
    in.p.n_trajectories = 1000000;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(in.base, in.regions, &in.a, 500, &in.p, &res, &problem),
                       CCAP_ERANGE);
    CU_ASSERT_PTR_NULL(res);
    CU_ASSERT_STRING_EQUAL(problem.field, ""); /* not the rates' fault */

    /* overflow: SIZE_MAX/2 trajectories x SIZE_MAX/2 steps */
    in.p.n_trajectories = SIZE_MAX / 2;
    CCAP_ASSERT_STATUS(
        ccap_uncertainty_run(in.base, in.regions, &in.a, SIZE_MAX / 2, &in.p, &res, NULL),
        CCAP_ERANGE);
    in.p.n_trajectories = SIZE_MAX;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(in.base, in.regions, &in.a, 1, &in.p, &res, NULL),
                       CCAP_ERANGE);

    /* the result fits (1 x 1 x 6,000,000 x 6 = 3.6e7) but each thread's projection
     * does not: 2 x (101 x 6,000,001 + 3 x 6,000,000) = 1.25e9 > 2^30 */
    in.p.n_trajectories = 1;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(in.base, in.regions, &in.a, 6000000, &in.p, &res, NULL),
                       CCAP_ERANGE);
    CU_ASSERT_PTR_NULL(res);

    /* the size check comes after the argument checks */
    in.p.n_trajectories = 1000000;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(in.base, in.regions, &in.a, 0, &in.p, &res, NULL),
                       CCAP_EINVAL);
    in.p.tfr_phi = 1.0;
    CCAP_ASSERT_STATUS(ccap_uncertainty_run(in.base, in.regions, &in.a, 500, &in.p, &res, NULL),
                       CCAP_EDOM);
    run_inputs_free(&in);
}

/* The sizes of a run, checked alone with the reason in words: the result of 1,000,000
 * trajectories x 17 regions x 15 one-year steps (15 years) x 6 measures (1.53e9) is
 * refused, as is a thread's projection of 6,000,000 steps; 1,000 x 2,850 x 50 x 6
 * (8.55e8) fits, and so do 10 five-year steps of the same (50 years). */
static void
test_limits__uncertainty_cells(void)
{
    ccap_diag diag;
    size_t cells = 0;

    CCAP_ASSERT_STATUS(ccap_uncertainty_cells(1000000, 17, 101, 1, 15, &cells, &diag), CCAP_ERANGE);
    CU_ASSERT_EQUAL(cells, SIZE_MAX);
    CU_ASSERT_EQUAL(diag.status, CCAP_ERANGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "1000000 trajectories x 17 regions x 15 years "
                                                "x 6 measures = 1.53e+09 numbers, more than "
                                                "CCAP_CELLS_MAX (1073741824)"));
    CCAP_ASSERT_STATUS(ccap_uncertainty_cells(1, 1, 101, 1, 6000000, &cells, &diag), CCAP_ERANGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "the projection would hold"));
    CCAP_ASSERT_STATUS(
        ccap_uncertainty_cells(SIZE_MAX, SIZE_MAX, 101, SIZE_MAX, SIZE_MAX, &cells, &diag),
        CCAP_ERANGE);
    CCAP_ASSERT_STATUS(ccap_uncertainty_cells(1000, 2850, 101, 1, 50, &cells, &diag), CCAP_OK);
    CU_ASSERT_EQUAL(cells, (size_t)1000 * 2850 * 50 * 6);
    CU_ASSERT_EQUAL(diag.status, CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_uncertainty_cells(1000, 2850, 21, 5, 10, &cells, &diag), CCAP_OK);
    CU_ASSERT_EQUAL(cells, (size_t)1000 * 2850 * 50 * 6);
    CCAP_ASSERT_STATUS(ccap_uncertainty_cells(0, 2850, 101, 1, 50, &cells, &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_uncertainty_cells(1, 1, 101, 0, 50, &cells, &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_uncertainty_cells(1, 1, 101, 1, 1, NULL, &diag), CCAP_EINVAL);
}

static void
test_limits__gap_schedule_cost(void)
{
    ccap_regions *regions = ccap_test_city();
    ccap_childcare_inventory *inv = ccap_childcare_inventory_alloc(5);
    ccap_gap_costs *costs = ccap_gap_costs_alloc();
    const ccap_gap_unit_costs unit = {20000.0, 12000.0, 10000.0};
    const double new_slots[1] = {10.0};
    ccap_gap_cost_totals totals;
    double share = 0.0;

    CU_ASSERT_FATAL(regions != NULL && inv != NULL && costs != NULL);
    CCAP_ASSERT_STATUS(ccap_gap_costs_set(costs, "*", &unit), CCAP_OK);
    /* a workspace of 3 x n_years numbers: refused before it is allocated (new_slots is
     * never read) */
    CCAP_ASSERT_STATUS(ccap_gap_schedule_cost(costs, inv, regions, 1, 2024, new_slots,
                                              SIZE_MAX / 2, 0.0, 0.03, &totals, &share),
                       CCAP_ERANGE);
    CU_ASSERT(isnan(share));
    CCAP_ASSERT_STATUS(ccap_gap_schedule_cost(costs, inv, regions, 1, 2024, new_slots,
                                              CELLS_MAX / 3 + 1, 0.0, 0.03, &totals, NULL),
                       CCAP_ERANGE);
    /* and one year is fine */
    CCAP_ASSERT_STATUS(ccap_gap_schedule_cost(costs, inv, regions, 1, 2024, new_slots, 1, 0.0,
                                              0.03, &totals, NULL),
                       CCAP_OK);
    ccap_gap_costs_free(costs);
    ccap_childcare_inventory_free(inv);
    ccap_regions_free(regions);
}

/*
 * A population file of three rows, 0, 1 and 999+, makes 1000 single-year groups.
 * Against a region table of 536,871 regions the population would hold
 * 536,871 x 2 x 1000 = 1,073,742,000 numbers, just above 2^30 = 1,073,741,824:
 * the reader refuses it at the open age group (line 4, field 4 "age").
 */
static void
test_limits__read_population(void)
{
    enum { N_REGIONS = 536871 };
    char path[512], code[32];
    ccap_regions *regions = ccap_regions_alloc();
    ccap_population *pop = NULL;
    ccap_diag diag;
    FILE *fp;
    size_t r;
    int ok = regions != NULL;

    for (r = 0; ok && r < N_REGIONS; r++) {
        snprintf(code, sizeof code, "R%zu", r);
        ok = ccap_regions_add(regions, code, NULL, NULL, NULL, NULL) == CCAP_OK;
    }
    CU_ASSERT_FATAL(ok && ccap_regions_finish(regions, NULL) == CCAP_OK);
    ccap_test_tmp(path, sizeof path, "limits_population.csv");
    fp = fopen(path, "w");
    CU_ASSERT_FATAL(fp != NULL);
    fputs("region,year,sex,age,population\n"
          "R0,2020,female,0,10\n"
          "R0,2020,female,1,10\n"
          "R0,2020,female,999+,1\n",
          fp);
    CU_ASSERT_FATAL(fclose(fp) == 0);

    CCAP_ASSERT_STATUS(ccap_csv_read_population(path, regions, CCAP_YEAR_ANY, &pop, NULL, &diag),
                       CCAP_ERANGE);
    CU_ASSERT_PTR_NULL(pop);
    CU_ASSERT_EQUAL(diag.status, CCAP_ERANGE);
    CU_ASSERT_EQUAL(diag.line, 4);
    CU_ASSERT_EQUAL(diag.column, 4);
    CU_ASSERT_STRING_EQUAL(diag.field, "age");
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "open age group 999+"));
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "536871 regions x 2 sexes x 1000 age groups"));
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "CCAP_CELLS_MAX"));

    remove(path);
    ccap_regions_free(regions);
}

/* A population table is checked against what the readers accept before any work:
 * 16 populations x 10,000 regions x 2 sexes x 101 ages = 32,320,000 rows, (rows + header)
 * x 7 fields (region,name,year,sex,age,population,date) = 226,240,007 fields > 2^25.  At
 * the edge, with 6 fields a row (no date) and one region and age: 2,796,202 populations
 * give (5,592,404 + 1) x 6 = 33,554,430 fields, within 2^25 = 33,554,432; one population
 * more gives (5,592,406 + 1) x 6 = 33,554,442, beyond it. */
static void
test_limits__population_table_check(void)
{
    ccap_diag diag;

    CCAP_ASSERT_STATUS(ccap_csv_population_table_check("p.csv", 16, 10000, 101, 1, &diag),
                       CCAP_ERANGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "the table would hold 226240007 fields (16 "
                                                "populations x 10000 regions x 2 sexes x 101 "
                                                "age groups, 7 fields a row)"));
    CU_ASSERT_STRING_EQUAL(diag.file, "p.csv");
    CCAP_ASSERT_STATUS(ccap_csv_population_table_check("p.csv", 16, 17, 101, 1, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_population_table_check(NULL, 2796202, 1, 1, 0, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_population_table_check(NULL, 2796203, 1, 1, 0, &diag), CCAP_ERANGE);
    CCAP_ASSERT_STATUS(ccap_csv_population_table_check(NULL, SIZE_MAX, SIZE_MAX, 1000, 1, NULL),
                       CCAP_ERANGE);
}

static CU_TestInfo limits_tests[] = {
    {"constant", test_limits__constant},
    {"population_alloc", test_limits__population_alloc},
    {"projection_cells", test_limits__projection_cells},
    {"projection_alloc", test_limits__projection_alloc},
    {"uncertainty", test_limits__uncertainty},
    {"uncertainty_cells", test_limits__uncertainty_cells},
    {"population_table_check", test_limits__population_table_check},
    {"gap_schedule_cost", test_limits__gap_schedule_cost},
    {"read_population", test_limits__read_population},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "limits", .pInitFunc = setup, .pCleanupFunc = teardown, .pTests = limits_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
