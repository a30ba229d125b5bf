/* SPDX-License-Identifier: GPL-3.0-or-later */
/* threads: the library keeps no global state.  Four threads at once each read the bundled
 * Nanyang scenario and run its plan for ten years with a small Monte Carlo simulation
 * (ccap_plan_run()); every thread's results must be identical, bit for bit, to a serial
 * run. */

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_test.h"

#define N_THREADS 4
#define YEARS 10
#define MAX_ROWS 1024

typedef struct result {
    int status;
    double totals[YEARS + 1]; /* city residents at the end of each year from the base year */
    double births[YEARS];     /* city births of each calendar year after the base year */
    ccap_gap_row rows[MAX_ROWS];
    size_t n_rows;
    double births_q[YEARS * 3]; /* city births, 10/50/90% */
} result;

static char nanyang[512];

/* Everything one thread does, through the plan (ccap_plan_run()); status CCAP_OK when every
 * call succeeded. */
static void *
work(void *arg)
{
    result *res = arg;
    ccap_scenario *sc = NULL;
    ccap_scenario_data *data = NULL;
    ccap_plan *plan = NULL;
    ccap_plan_inputs in;
    ccap_plan_options o;
    static const double probs[3] = {0.1, 0.5, 0.9};
    const ccap_gap_row *rows;
    const ccap_uncertainty_result *mc;
    char p[600];
    size_t s, root = 0;
    int st, year0;

    memset(res, 0, sizeof *res);
    snprintf(p, sizeof p, "%s/nanyang.ini", nanyang);
    if ((st = ccap_scenario_read(p, &sc, NULL, NULL)))
        goto out;
    if ((st = ccap_scenario_set_number(sc, "years", YEARS, NULL)))
        goto out;
    if ((st = ccap_scenario_read_inputs(sc, NULL, &data, NULL)) ||
        (st = ccap_scenario_data_inputs(data, &in)) || (st = ccap_scenario_plan_options(sc, &o)))
        goto out;
    o.n_trajectories = 16;
    o.uncertainty.seed = 20201101;
    o.uncertainty.n_threads = 1;
    if ((st = ccap_plan_run(&in, &o, &plan, NULL)))
        goto out;
    root = ccap_regions_preorder(in.regions, 0);
    year0 = ccap_population_year(in.base);
    for (s = 0; s <= YEARS; s++) {
        if ((st = ccap_population_total(ccap_plan_population(plan, year0 + (int)s), root,
                                        CCAP_SEX_BOTH, &res->totals[s])))
            goto out;
    }
    for (s = 0; s < YEARS; s++) {
        if ((st = ccap_plan_events(plan, root, year0 + 1 + (int)s, &res->births[s], NULL, NULL)))
            goto out;
    }
    rows = ccap_plan_gap_rows(plan, &res->n_rows);
    if (res->n_rows > MAX_ROWS) {
        st = CCAP_ERANGE;
        goto out;
    }
    memcpy(res->rows, rows, res->n_rows * sizeof *rows);
    mc = ccap_plan_uncertainty(plan);
    for (s = 0; s < YEARS; s++) {
        /* the calendar years of the run: to 2029 (the ten steps end on 2030-11-01) */
        int first = 0, last = -1;
        ccap_uncertainty_result_years(mc, &first, &last);
        if (year0 + 1 + (int)s > last)
            break;
        if ((st = ccap_uncertainty_quantiles(mc, root, year0 + 1 + (int)s, CCAP_UNCERTAINTY_BIRTHS,
                                             probs, 3, &res->births_q[3 * s])))
            goto out;
    }
out:
    res->status = st;
    ccap_plan_free(plan);
    ccap_scenario_data_free(data);
    ccap_scenario_free(sc);
    return NULL;
}

/* Rows field by field, bit for bit: the padding after `year` is never written. */
static int
same_rows(const ccap_gap_row *a, const ccap_gap_row *b, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const double x[9] = {a[i].population, a[i].under3,          a[i].slots,
                             a[i].per_1000,   a[i].target_per_1000, a[i].target_slots,
                             a[i].gap,        a[i].demand_slots,    a[i].demand_gap};
        const double y[9] = {b[i].population, b[i].under3,          b[i].slots,
                             b[i].per_1000,   b[i].target_per_1000, b[i].target_slots,
                             b[i].gap,        b[i].demand_slots,    b[i].demand_gap};

        if (a[i].region != b[i].region || a[i].year != b[i].year || memcmp(x, y, sizeof x) != 0)
            return 0;
    }
    return 1;
}

static int
same(const result *a, const result *b)
{
    return a->status == b->status && a->n_rows == b->n_rows &&
           memcmp(a->totals, b->totals, sizeof a->totals) == 0 &&
           memcmp(a->births, b->births, sizeof a->births) == 0 &&
           same_rows(a->rows, b->rows, a->n_rows) &&
           memcmp(a->births_q, b->births_q, sizeof a->births_q) == 0;
}

/* Serial first, then N_THREADS at once: every result equals the serial one. */
static void
test_threads__parallel_equals_serial(void)
{
    static result serial, parallel[N_THREADS];
    pthread_t tid[N_THREADS];
    int started[N_THREADS];
    size_t i;

    work(&serial);
    CCAP_ASSERT_STATUS(serial.status, CCAP_OK);
    /* the serial run is meaningful: about 9.5 million residents, births in the thousands */
    CU_ASSERT(serial.totals[0] > 9.0e6 && serial.totals[0] < 1.0e7);
    CU_ASSERT(serial.births_q[1] > 1.0e4 && serial.births_q[1] < 2.0e5);
    CU_ASSERT(serial.births[3] > 5.0e4 && serial.births[3] < 8.0e4); /* 2024: about 65,000 */
    CU_ASSERT(serial.n_rows > 0);
    for (i = 0; i < N_THREADS; i++)
        started[i] = pthread_create(&tid[i], NULL, work, &parallel[i]) == 0;
    for (i = 0; i < N_THREADS; i++) {
        CU_ASSERT_FATAL(started[i]);
        pthread_join(tid[i], NULL);
    }
    for (i = 0; i < N_THREADS; i++) {
        CCAP_ASSERT_STATUS(parallel[i].status, CCAP_OK);
        CU_ASSERT(same(&parallel[i], &serial));
    }
}

static int
setup(void)
{
    const char *dir = getenv("CCAP_TEST_NANYANG");

    if (dir == NULL || strlen(dir) >= sizeof nanyang)
        return 1;
    strcpy(nanyang, dir);
    return 0;
}

static int
teardown(void)
{
    return 0;
}

static CU_TestInfo threads_tests[] = {
    {"parallel_equals_serial", test_threads__parallel_equals_serial},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "threads", .pInitFunc = setup, .pCleanupFunc = teardown, .pTests = threads_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
