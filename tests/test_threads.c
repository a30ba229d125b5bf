/* SPDX-License-Identifier: GPL-3.0-or-later */
/* threads: the library keeps no global state.  Four threads at once each read the bundled
 * Nanyang inputs, project them ten years, build the gap table and run a small Monte Carlo
 * simulation; every thread's results must be identical, bit for bit, to a serial run. */

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_test.h"

#define N_THREADS 4
#define STEPS 10
#define FROM 2021
#define TO 2030
#define MAX_REGIONS 32

typedef struct result {
    int status;
    double totals[STEPS + 1]; /* city population per step */
    ccap_gap_row rows[(TO - FROM + 1) * MAX_REGIONS];
    size_t n_rows;
    double births_q[STEPS * 3]; /* city births, 10/50/90% */
} result;

static char nanyang[512];

static const char *
input(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", nanyang, name);
    return buf;
}

/* Everything one thread does; status CCAP_OK when every call succeeded. */
static void *
work(void *arg)
{
    result *res = arg;
    ccap_regions *regions = NULL;
    ccap_population *base = NULL;
    ccap_schedule *mort = NULL, *fert = NULL, *srb = NULL, *mig = NULL, *targets = NULL;
    ccap_childcare_inventory *inv = NULL;
    ccap_childcare_takeup *takeup = NULL;
    ccap_projection *proj = NULL;
    ccap_rates_workspace *ws = NULL;
    ccap_uncertainty_result *mc = NULL;
    ccap_assumptions a = {
        NULL, NULL, NULL, NULL, NULL, CCAP_A0_ANDREEV_KINGKADE, CCAP_MIGRATION_HALF};
    ccap_uncertainty_params params = ccap_uncertainty_params_default();
    const ccap_population *pops[STEPS + 1];
    static const double probs[3] = {0.1, 0.5, 0.9};
    char p[600];
    size_t R = 0, s, root = 0;
    int st;

    memset(res, 0, sizeof *res);
    if ((st = ccap_csv_read_regions(input(p, sizeof p, "regions.csv"), &regions, NULL, NULL)) ||
        (st = ccap_csv_read_population(input(p, sizeof p, "population_2020.csv"), regions,
                                       CCAP_YEAR_ANY, &base, NULL, NULL)) ||
        (st = ccap_csv_read_mortality(input(p, sizeof p, "mortality.csv"), regions, &mort, NULL,
                                      NULL)) ||
        (st = ccap_csv_read_fertility(input(p, sizeof p, "fertility.csv"), regions, &fert, NULL,
                                      NULL)) ||
        (st = ccap_csv_read_srb(input(p, sizeof p, "srb.csv"), regions, &srb, NULL, NULL)) ||
        (st = ccap_csv_read_migration_rates(input(p, sizeof p, "migration_rates.csv"), regions,
                                            &mig, NULL, NULL)) ||
        (st = ccap_csv_read_slots(input(p, sizeof p, "slots.csv"), regions, &inv, NULL, NULL)) ||
        (st = ccap_csv_read_targets(input(p, sizeof p, "targets.csv"), regions, &targets, NULL,
                                    NULL)) ||
        (st = ccap_csv_read_takeup(input(p, sizeof p, "takeup.csv"), regions, &takeup, NULL, NULL)))
        goto out;
    R = ccap_regions_count(regions);
    root = ccap_regions_preorder(regions, 0);
    if (R > MAX_REGIONS) {
        st = CCAP_ERANGE;
        goto out;
    }
    a.mortality = mort, a.fertility = fert, a.srb = srb, a.migration_rates = mig;
    proj = ccap_projection_alloc(R, ccap_population_n_ages(base), 1, STEPS);
    ws = ccap_rates_workspace_alloc(R, ccap_population_n_ages(base), 1, ccap_schedule_n_ages(mort));
    if (proj == NULL || ws == NULL) {
        st = CCAP_ENOMEM;
        goto out;
    }
    if ((st = ccap_projection_init(proj, base, regions)) ||
        (st = ccap_projection_run(proj, &a, regions, STEPS, ws, NULL)))
        goto out;
    for (s = 0; s <= STEPS; s++) {
        pops[s] = ccap_projection_population(proj, s);
        if ((st = ccap_population_total(pops[s], root, CCAP_SEX_BOTH, &res->totals[s])))
            goto out;
    }
    res->n_rows = (size_t)(TO - FROM + 1) * R;
    {
        const ccap_gap_table_inputs tin = {.pops = pops,
                                           .n_pops = STEPS + 1,
                                           .regions = regions,
                                           .inventory = inv,
                                           .targets = targets,
                                           .takeup = takeup,
                                           .occupancy = 0.8};
        if ((st = ccap_gap_table(&tin, FROM, TO, res->rows, res->n_rows, NULL)))
            goto out;
    }
    params.n_trajectories = 16;
    params.seed = 20201101;
    params.n_threads = 1;
    if ((st = ccap_uncertainty_run(base, regions, &a, STEPS, &params, &mc, NULL)))
        goto out;
    {
        /* births of each calendar year the steps cover wholly */
        int first = 0, last = -1, y;
        ccap_uncertainty_result_years(mc, &first, &last);
        for (y = first; y <= last; y++) {
            if ((st = ccap_uncertainty_quantiles(mc, root, y, CCAP_UNCERTAINTY_BIRTHS, probs, 3,
                                                 &res->births_q[3 * (size_t)(y - first)])))
                goto out;
        }
    }
out:
    res->status = st;
    ccap_uncertainty_result_free(mc);
    ccap_rates_workspace_free(ws);
    ccap_projection_free(proj);
    ccap_childcare_takeup_free(takeup);
    ccap_childcare_inventory_free(inv);
    ccap_schedule_free(targets);
    ccap_schedule_free(mig);
    ccap_schedule_free(srb);
    ccap_schedule_free(fert);
    ccap_schedule_free(mort);
    ccap_population_free(base);
    ccap_regions_free(regions);
    return NULL;
}

static int
same(const result *a, const result *b)
{
    return a->status == b->status && a->n_rows == b->n_rows &&
           memcmp(a->totals, b->totals, sizeof a->totals) == 0 &&
           memcmp(a->rows, b->rows, a->n_rows * sizeof a->rows[0]) == 0 &&
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
