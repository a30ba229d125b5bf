/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The plan as one call (ccap_plan_run()): a city of two counties worked by hand, both build
 * rules, the slots after the plan, the allocation, and the errors. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_test.h"

/* City C with counties A and B; 1,000 residents each at the end of 2024 and of 2025
 * (women and men: 10, 10, 10 at ages 0, 1, 2 and 470 aged 3+).  Slots at the end of 2024:
 * A 2, B 6; target 4.5 per 1,000 from 2025. */
typedef struct fixture {
    ccap_regions *regions;
    ccap_population *pops[2];
    ccap_childcare_inventory *inv;
    ccap_schedule *targets;
    ccap_plan_inputs in;
} fixture;

static void
write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fputs(text, fp);
    fclose(fp);
}

static void
fixture_make(fixture *f, const char *slots)
{
    static const double ages[4] = {10.0, 10.0, 10.0, 470.0};
    const ccap_plan_inputs init = CCAP_PLAN_INPUTS_INIT;
    char path[1024];
    size_t i, r;

    memset(f, 0, sizeof *f);
    write_text(ccap_test_tmp(path, sizeof path, "plan-regions.csv"),
               "code,name,parent\nC,City,\nA,County A,C\nB,County B,C\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_regions(path, &f->regions, NULL, NULL), CCAP_OK);
    for (i = 0; i < 2; i++) {
        f->pops[i] = ccap_population_alloc(3, 4, 1);
        CU_ASSERT_PTR_NOT_NULL_FATAL(f->pops[i]);
        for (r = 1; r < 3; r++) {
            ccap_population_set_values(f->pops[i], r, CCAP_SEX_FEMALE, ages, 4);
            ccap_population_set_values(f->pops[i], r, CCAP_SEX_MALE, ages, 4);
        }
        ccap_population_set_date(f->pops[i], (ccap_date){2025 + (int)i, 1, 1});
        ccap_population_set_year(f->pops[i], 2024 + (int)i);
    }
    write_text(ccap_test_tmp(path, sizeof path, "plan-slots.csv"), slots);
    CCAP_ASSERT_STATUS(ccap_csv_read_slots(path, f->regions, &f->inv, NULL, NULL), CCAP_OK);
    write_text(ccap_test_tmp(path, sizeof path, "plan-targets.csv"),
               "region,year,slots_per_1000\n*,2025,4.5\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_targets(path, f->regions, &f->targets, NULL, NULL), CCAP_OK);
    f->in = init;
    f->in.regions = f->regions;
    f->in.populations = (const ccap_population *const *)f->pops;
    f->in.n_populations = 2;
    f->in.inventory = f->inv;
    f->in.targets = f->targets;
}

static void
fixture_free(fixture *f)
{
    ccap_schedule_free(f->targets);
    ccap_childcare_inventory_free(f->inv);
    ccap_population_free(f->pops[0]);
    ccap_population_free(f->pops[1]);
    ccap_regions_free(f->regions);
}

static const char *const slots_ab = "region,year,provider,inclusive,slots\n"
                                    "A,2024,institution,yes,2\nB,2024,institution,yes,6\n";

/* Every county meets the target (the default).  At the end of 2025 A needs 4.5 slots and
 * has 2: 2.5 missing, 3 whole slots; B needs 4.5 and has 6: 1.5 spare, not lent.  The city's
 * own gap is 9 − 8 = 1, yet it builds 3 + 0 = 3.  After the plan: A 5 (5.0 per 1,000), B 6,
 * the city 11 (5.5 per 1,000). */
static void
test_plan__every_county(void)
{
    fixture f;
    ccap_plan *plan = NULL;
    ccap_plan_options o = CCAP_PLAN_OPTIONS_INIT;
    const size_t C = 0, A = 1, B = 2;
    double slots, per_1000, n_new, left;
    int from, to, first, year;
    ccap_gap_cost_totals cost;

    fixture_make(&f, slots_ab);
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, &o, &plan, NULL), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    CCAP_ASSERT_STATUS(ccap_plan_years(plan, &from, &to, &first), CCAP_OK);
    CU_ASSERT_EQUAL(from, 2024);
    CU_ASSERT_EQUAL(to, 2025);
    CU_ASSERT_EQUAL(first, 2025);
    CCAP_ASSERT_REL(ccap_plan_gap(plan, C, 2025)->gap, 1.0, 1e-12);
    CCAP_ASSERT_REL(ccap_plan_gap(plan, A, 2025)->gap, 2.5, 1e-12);
    CCAP_ASSERT_REL(ccap_plan_gap(plan, B, 2025)->gap, -1.5, 1e-12);
    CCAP_ASSERT_REL(ccap_plan_gap(plan, A, 2025)->under3, 60.0, 1e-12);
    CU_ASSERT_EQUAL(ccap_plan_new_slots(plan, A, 2025), 3.0);
    CU_ASSERT_EQUAL(ccap_plan_new_slots(plan, B, 2025), 0.0);
    CU_ASSERT_EQUAL(ccap_plan_new_slots(plan, C, 2025), 3.0);
    CCAP_ASSERT_STATUS(ccap_plan_slots_after(plan, A, 2025, &slots, &per_1000), CCAP_OK);
    CCAP_ASSERT_REL(slots, 5.0, 1e-12);
    CCAP_ASSERT_REL(per_1000, 5.0, 1e-12);
    CCAP_ASSERT_STATUS(ccap_plan_slots_after(plan, C, 2025, &slots, &per_1000), CCAP_OK);
    CCAP_ASSERT_REL(slots, 11.0, 1e-12);
    CCAP_ASSERT_REL(per_1000, 5.5, 1e-12);
    /* before building, the slots are the inventory's */
    CCAP_ASSERT_STATUS(ccap_plan_slots_after(plan, A, 2024, &slots, NULL), CCAP_OK);
    CCAP_ASSERT_REL(slots, 2.0, 1e-12);
    /* the allocation is the first year of the schedule: one build number */
    CCAP_ASSERT_STATUS(ccap_plan_allocation_info(plan, &year, &n_new, &left), CCAP_OK);
    CU_ASSERT_EQUAL(year, 2025);
    CU_ASSERT_EQUAL(n_new, 3.0);
    CU_ASSERT_EQUAL(left, 0.0);
    CU_ASSERT_EQUAL(ccap_plan_allocation(plan, A), 3.0);
    CU_ASSERT_EQUAL(ccap_plan_allocation(plan, B), 0.0);
    /* nothing to compute without take-up, costs, projection or trajectories */
    CCAP_ASSERT_STATUS(ccap_plan_overbuild_year(plan, &year), CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_plan_cost(plan, &cost, NULL), CCAP_ENOTFOUND);
    CU_ASSERT_PTR_NULL(ccap_plan_projection(plan));
    CU_ASSERT_PTR_NULL(ccap_plan_uncertainty(plan));
    CU_ASSERT_PTR_NULL(ccap_plan_population(plan, 2024));
    CCAP_ASSERT_STATUS(ccap_plan_events(plan, C, 2025, NULL, NULL, NULL), CCAP_EINVAL);
    /* out of range */
    CU_ASSERT_PTR_NULL(ccap_plan_gap(plan, 3, 2025));
    CU_ASSERT_PTR_NULL(ccap_plan_gap(plan, C, 2026));
    CU_ASSERT(isnan(ccap_plan_new_slots(plan, A, 2024)));
    ccap_plan_free(plan);
    fixture_free(&f);
}

/* Who pays (ccap_plan_budget()), every county meeting the target: in 2025 the city builds 3
 * new slots, all inclusive as its inventory is, and runs 11; 120 children under 3 (60 a
 * county), occupancy 0.8: 8.8 enrolled.  Costs `*`: capital 20,000, running 12,000, subsidy
 * 10,000 a new inclusive slot; fee 1,000 and operating subsidy 300 a month, 育儿补贴 3,600 a
 * year for the half registered locally:
 *   capital 20,000·3 = 60,000; its central subsidy 10,000·3 = 30,000; 育儿补贴
 *   3,600·0.5·120 = 216,000; central 246,000;
 *   local 60,000 − 30,000 + 12·300·1·8.8 = 30,000 + 31,680 = 61,680;
 *   families 12·1,000·8.8 = 105,600; running 12,000·11 = 132,000;
 *   providers 132,000 − 105,600 − 31,680 = −5,280 (a surplus).
 * One year: the present values are the same. */
static void
test_plan__budget(void)
{
    fixture f;
    ccap_plan *plan = NULL;
    ccap_plan_options o = CCAP_PLAN_OPTIONS_INIT;
    ccap_payer_params pp = {1000.0, 300.0, CCAP_PAYERS_CHILDCARE_SUBSIDY_CNY, 0.5, 0.1, 0.0};
    ccap_budget_year rows[2], pv;
    ccap_gap_costs *costs = NULL;
    char path[1024];

    fixture_make(&f, slots_ab);
    /* no costs: no budget */
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, &o, &plan, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_plan_budget(plan, &pp, rows, 2, &pv), CCAP_ENOTFOUND);
    ccap_plan_free(plan);
    write_text(ccap_test_tmp(path, sizeof path, "plan-costs.csv"),
               "provider,capital_per_slot,running_per_slot_year,subsidy_per_inclusive_slot\n"
               "*,20000,12000,10000\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_costs(path, &costs, NULL, NULL), CCAP_OK);
    f.in.costs = costs;
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, &o, &plan, NULL), CCAP_OK);
    /* pp's occupancy (0.1) and inclusive share (0) are the plan's, not read */
    CCAP_ASSERT_STATUS(ccap_plan_budget(plan, &pp, rows, 2, &pv), CCAP_OK);
    CU_ASSERT_EQUAL(rows[0].year, 2025);
    CCAP_ASSERT_REL(rows[0].capital, 60000.0, 1e-12);
    CCAP_ASSERT_REL(rows[0].capital_subsidy, 30000.0, 1e-12);
    CCAP_ASSERT_REL(rows[0].childcare_subsidy, 216000.0, 1e-12);
    CCAP_ASSERT_REL(rows[0].central, 246000.0, 1e-12);
    CCAP_ASSERT_REL(rows[0].local, 61680.0, 1e-12);
    CCAP_ASSERT_REL(rows[0].families, 105600.0, 1e-12);
    CCAP_ASSERT_REL(rows[0].running, 132000.0, 1e-12);
    CCAP_ASSERT_REL(rows[0].providers, -5280.0, 1e-12);
    CCAP_ASSERT_REL(pv.central, 246000.0, 1e-12);
    CCAP_ASSERT_REL(pv.providers, -5280.0, 1e-12);
    /* errors */
    CCAP_ASSERT_STATUS(ccap_plan_budget(plan, &pp, rows, 0, &pv), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_plan_budget(NULL, &pp, rows, 2, &pv), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_plan_budget(plan, NULL, rows, 2, &pv), CCAP_EINVAL);
    pp.registered_share = 2.0;
    CCAP_ASSERT_STATUS(ccap_plan_budget(plan, &pp, rows, 2, NULL), CCAP_EDOM);
    ccap_plan_free(plan);
    ccap_gap_costs_free(costs);
    fixture_free(&f);
}

/* The city meets the target as a whole: it needs ceil(9) = 9 and has 8, so it builds 1, and
 * the slot goes to A, the county with the shortfall.  After the plan A has 3 (3.0 per
 * 1,000, still short of 4.5) and the city 9. */
static void
test_plan__city_only(void)
{
    fixture f;
    ccap_plan *plan = NULL;
    ccap_plan_options o;
    double slots, per_1000;

    fixture_make(&f, slots_ab);
    CCAP_ASSERT_STATUS(ccap_plan_options_init(&o, CCAP_PLAN_OPTIONS_VERSION), CCAP_OK);
    o.rule = CCAP_PLAN_CITY_ONLY;
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, &o, &plan, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_plan_new_slots(plan, 0, 2025), 1.0);
    CU_ASSERT_EQUAL(ccap_plan_new_slots(plan, 1, 2025), 1.0);
    CU_ASSERT_EQUAL(ccap_plan_new_slots(plan, 2, 2025), 0.0);
    CCAP_ASSERT_STATUS(ccap_plan_slots_after(plan, 1, 2025, &slots, &per_1000), CCAP_OK);
    CCAP_ASSERT_REL(per_1000, 3.0, 1e-12);
    CCAP_ASSERT_STATUS(ccap_plan_slots_after(plan, 0, 2025, &slots, NULL), CCAP_OK);
    CCAP_ASSERT_REL(slots, 9.0, 1e-12);
    CU_ASSERT_EQUAL(ccap_plan_allocation(plan, 1), 1.0);
    ccap_plan_free(plan);
    /* a given number of slots to share (ccap-gap --allocate): 4 slots, A's shortfall of
     * 2.5 takes 3 (whole slots), 1 is left with nobody short */
    o.rule = CCAP_PLAN_EVERY_COUNTY;
    o.allocate = 4.0;
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, &o, &plan, NULL), CCAP_OK);
    {
        double n_new, left;
        int year;
        ccap_plan_allocation_info(plan, &year, &n_new, &left);
        CU_ASSERT_EQUAL(n_new, 4.0);
        CU_ASSERT_EQUAL(ccap_plan_allocation(plan, 1) + ccap_plan_allocation(plan, 2) + left, 4.0);
        CU_ASSERT(ccap_plan_allocation(plan, 1) >= 2.5);
    }
    ccap_plan_free(plan);
    fixture_free(&f);
}

/* Errors name what is wrong; nothing is returned. */
static void
test_plan__errors(void)
{
    fixture f;
    ccap_plan *plan = (ccap_plan *)1;
    ccap_plan_options o = CCAP_PLAN_OPTIONS_INIT;
    ccap_plan_inputs bad;
    ccap_diag diag;

    CCAP_ASSERT_STATUS(ccap_plan_options_init(NULL, CCAP_PLAN_OPTIONS_VERSION), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_plan_options_init(&o, 99), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_plan_run(NULL, NULL, &plan, &diag), CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(plan);
    /* a county without slot rows: named, with the way out */
    fixture_make(&f, "region,year,provider,inclusive,slots\nA,2024,institution,yes,2\n");
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, NULL, &plan, &diag), CCAP_ENOTFOUND);
    CU_ASSERT_PTR_NULL(plan);
    CU_ASSERT_STRING_EQUAL(diag.message,
                           "region 'B' (County B) has no slots at the end of 2024 to build on: "
                           "add its rows to the slots file, or a row of 0");
    fixture_free(&f);
    fixture_make(&f, slots_ab);
    o = (ccap_plan_options)CCAP_PLAN_OPTIONS_INIT;
    o.occupancy = 0.0;
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, &o, &plan, &diag), CCAP_EDOM);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "occupancy"));
    o = (ccap_plan_options)CCAP_PLAN_OPTIONS_INIT;
    o.version = 2;
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, &o, &plan, &diag), CCAP_EINVAL);
    o = (ccap_plan_options)CCAP_PLAN_OPTIONS_INIT;
    o.allocate = 2.5;
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, &o, &plan, &diag), CCAP_EDOM);
    o = (ccap_plan_options)CCAP_PLAN_OPTIONS_INIT;
    o.n_trajectories = 10; /* a Monte Carlo run needs a base population */
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, &o, &plan, &diag), CCAP_EINVAL);
    /* years: first after last, the tables starting after the inventory, absurd spans */
    o = (ccap_plan_options)CCAP_PLAN_OPTIONS_INIT;
    o.from = 2030;
    o.to = 2025;
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, &o, &plan, &diag), CCAP_EDOM);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "2030 is after the last, 2025"));
    o.from = 2025;
    o.to = 0;
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, &o, &plan, &diag), CCAP_EDOM);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "after the slot inventory's last year 2024"));
    o.from = 2;
    o.to = 2000000000;
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, &o, &plan, &diag), CCAP_ERANGE);
    /* NAN slots to allocate: the default, the plan's own first year */
    o = (ccap_plan_options)CCAP_PLAN_OPTIONS_INIT;
    o.allocate = NAN;
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, &o, &plan, &diag), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_plan_allocation(plan, 1), 3.0);
    ccap_plan_free(plan);
    plan = NULL;
    /* a missing population, a cap that is not a number */
    {
        const ccap_population *holes[2] = {f.pops[0], NULL};
        double caps[3] = {CCAP_GAP_NO_CAP, NAN, 1.0};
        bad = f.in;
        bad.populations = holes;
        CCAP_ASSERT_STATUS(ccap_plan_run(&bad, NULL, &plan, &diag), CCAP_EINVAL);
        CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "population 2 of 2"));
        bad = f.in;
        bad.caps = caps;
        CCAP_ASSERT_STATUS(ccap_plan_run(&bad, NULL, &plan, &diag), CCAP_EDOM);
        CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "region 'A'"));
        /* under the city rule a cap of 0 on A leaves the city's slot unbuilt, and says so */
        caps[1] = 0.0;
        o = (ccap_plan_options)CCAP_PLAN_OPTIONS_INIT;
        o.rule = CCAP_PLAN_CITY_ONLY;
        CCAP_ASSERT_STATUS(ccap_plan_run(&bad, &o, &plan, &diag), CCAP_OK);
        {
            double n_new = 0.0, left = 0.0;
            ccap_plan_allocation_info(plan, NULL, &n_new, &left);
            CU_ASSERT_EQUAL(n_new, 0.0);
            CU_ASSERT_EQUAL(left, 1.0);
        }
        ccap_plan_free(plan);
        plan = NULL;
    }
    bad = f.in;
    bad.targets = NULL;
    CCAP_ASSERT_STATUS(ccap_plan_run(&bad, NULL, &plan, &diag), CCAP_EINVAL);
    bad = f.in;
    bad.version = 7;
    CCAP_ASSERT_STATUS(ccap_plan_run(&bad, NULL, &plan, &diag), CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(plan);
    ccap_plan_free(NULL);
    fixture_free(&f);
}

/* The bundled Nanyang scenario through the formats call and the plan: births of calendar
 * years, stocks at the year end, the table's under-3s equal to the year-end population's. */
static void
test_plan__nanyang(void)
{
    const char *dir = getenv("CCAP_TEST_NANYANG");
    char path[1024];
    ccap_scenario *sc = NULL;
    ccap_scenario_data *data = NULL;
    ccap_plan_inputs in;
    ccap_plan_options o;
    ccap_plan *plan = NULL;
    ccap_diag diag;
    double births, u3 = NAN;
    int from, to, first;

    if (dir == NULL)
        return;
    snprintf(path, sizeof path, "%s/nanyang.ini", dir);
    CCAP_ASSERT_STATUS(ccap_scenario_read(path, &sc, NULL, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_scenario_read_inputs(sc, NULL, &data, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_scenario_data_inputs(data, &in), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_scenario_plan_options(sc, &o), CCAP_OK);
    o.n_trajectories = 0;
    CCAP_ASSERT_STATUS(ccap_plan_run(&in, &o, &plan, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_plan_years(plan, &from, &to, &first), CCAP_OK);
    /* years = 15 from the census of 2020-11-01: to the end of 2035 */
    CU_ASSERT_EQUAL(to, 2035);
    /* the published births of 2024 (vitals.csv: 65,000), within 2 % */
    CCAP_ASSERT_STATUS(ccap_plan_events(plan, 0, 2024, &births, NULL, NULL), CCAP_OK);
    CCAP_ASSERT_REL(births, 65000.0, 0.02);
    /* the table's children under 3 at the end of 2024 are those of the year-end population */
    CU_ASSERT_PTR_NOT_NULL_FATAL(ccap_plan_population(plan, 2024));
    ccap_population_sum_ages(ccap_plan_population(plan, 2024), 0, CCAP_SEX_BOTH, 0, 3, &u3);
    CCAP_ASSERT_REL(ccap_plan_gap(plan, 0, 2024)->under3, u3, 1e-12);
    ccap_plan_free(plan);
    plan = NULL;
    /* a year beyond the projection is refused, not held */
    o.to = 2050;
    CCAP_ASSERT_STATUS(ccap_plan_run(&in, &o, &plan, &diag), CCAP_EDOM);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "the projection covers the ends of 2020 to 2035"));
    ccap_scenario_data_free(data);
    ccap_scenario_free(sc);
}

/* Reading a scenario's files in one call: what is missing is named, a file that cannot be
 * read is named with its path, and a NULL diag is allowed. */
static void
test_plan__scenario_inputs(void)
{
    const char *dir = getenv("CCAP_TEST_NANYANG");
    char path[1024], missing[1024], saved[1024];
    ccap_scenario *sc = NULL;
    ccap_scenario_data *data = (ccap_scenario_data *)1;
    ccap_diag diag;

    if (dir == NULL)
        return;
    snprintf(path, sizeof path, "%s/nanyang.ini", dir);
    CCAP_ASSERT_STATUS(ccap_scenario_read(path, &sc, NULL, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_scenario_read_inputs(sc, NULL, &data, NULL), CCAP_OK);
    CU_ASSERT_PTR_NULL(ccap_scenario_data_warning(data, 0));
    ccap_scenario_data_free(data);
    /* the key kindergarten: its places reach the plan's inputs (16 counties) */
    {
        ccap_plan_inputs in;
        char kg[1024];

        CCAP_ASSERT_STATUS(
            ccap_scenario_set_input(sc, CCAP_SCENARIO_KINDERGARTEN,
                                    ccap_test_data(kg, sizeof kg, "kindergarten_nanyang.csv")),
            CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_scenario_read_inputs(sc, NULL, &data, NULL), CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_scenario_data_inputs(data, &in), CCAP_OK);
        CU_ASSERT_EQUAL(ccap_kindergarten_count(in.kindergarten), 16);
        ccap_scenario_data_free(data);
        CCAP_ASSERT_STATUS(ccap_scenario_set_input(sc, CCAP_SCENARIO_KINDERGARTEN, NULL), CCAP_OK);
    }
    /* no mortality file */
    CU_ASSERT_PTR_NOT_NULL_FATAL(ccap_scenario_input_path(sc, CCAP_SCENARIO_MORTALITY));
    snprintf(saved, sizeof saved, "%s", ccap_scenario_input_path(sc, CCAP_SCENARIO_MORTALITY));
    CCAP_ASSERT_STATUS(ccap_scenario_set_input(sc, CCAP_SCENARIO_MORTALITY, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_scenario_read_inputs(sc, NULL, &data, &diag), CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(data);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "no mortality file"));
    /* a file that is not there */
    ccap_test_tmp(missing, sizeof missing, "no-such-file.csv");
    CCAP_ASSERT_STATUS(ccap_scenario_set_input(sc, CCAP_SCENARIO_MORTALITY, missing), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_scenario_read_inputs(sc, NULL, &data, &diag), CCAP_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.file, "no-such-file.csv"));
    CCAP_ASSERT_STATUS(ccap_scenario_read_inputs(sc, NULL, &data, NULL), CCAP_EIO);
    /* years that are not given: the same inputs in a new scenario */
    {
        ccap_scenario *bare = ccap_scenario_alloc();
        int i;

        CU_ASSERT_PTR_NOT_NULL_FATAL(bare);
        CCAP_ASSERT_STATUS(ccap_scenario_set_input(bare, CCAP_SCENARIO_MORTALITY, saved), CCAP_OK);
        for (i = 0; i < CCAP_SCENARIO_N_INPUTS; i++) {
            if (i != CCAP_SCENARIO_MORTALITY)
                CCAP_ASSERT_STATUS(
                    ccap_scenario_set_input(bare, (ccap_scenario_input)i,
                                            ccap_scenario_input_path(sc, (ccap_scenario_input)i)),
                    CCAP_OK);
        }
        CU_ASSERT(!ccap_scenario_given(bare, "years"));
        CCAP_ASSERT_STATUS(ccap_scenario_read_inputs(bare, NULL, &data, &diag), CCAP_EINVAL);
        CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "no number of years"));
        ccap_scenario_free(bare);
    }
    CCAP_ASSERT_STATUS(ccap_scenario_read_inputs(NULL, NULL, &data, &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_scenario_data_inputs(NULL, NULL), CCAP_EINVAL);
    ccap_scenario_data_free(NULL);
    ccap_scenario_free(sc);
}

/* Take-up 2 % at ages 0-2: the city's 120 children under 3 need 120 x 0.02 / 0.8 = 3 slots
 * (occupancy 80 %).  No target in 2024: nothing idle; in 2025 the target's 9 slots
 * (4.5 x 2,000 / 1,000) are 6 beyond demand: the over-build year is 2025, 6 idle slots. */
static void
test_plan__idle_slots(void)
{
    fixture f;
    ccap_plan *plan = NULL;
    ccap_plan_options o = CCAP_PLAN_OPTIONS_INIT;
    ccap_childcare_takeup *takeup = NULL;
    char path[1024];
    double idle = -1.0;
    int year = -1;

    fixture_make(&f, slots_ab);
    write_text(ccap_test_tmp(path, sizeof path, "plan-takeup.csv"),
               "region,age,rate\n*,0,0.02\n*,1,0.02\n*,2,0.02\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_takeup(path, f.regions, &takeup, NULL, NULL), CCAP_OK);
    f.in.takeup = takeup;
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, &o, &plan, NULL), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    CCAP_ASSERT_REL(ccap_plan_gap(plan, 0, 2025)->demand_slots, 3.0, 1e-12);
    CCAP_ASSERT_STATUS(ccap_plan_overbuild_year(plan, &year), CCAP_OK);
    CU_ASSERT_EQUAL(year, 2025);
    CCAP_ASSERT_STATUS(ccap_plan_idle_slots(plan, 2024, &idle), CCAP_OK);
    CU_ASSERT_EQUAL(idle, 0.0);
    CCAP_ASSERT_STATUS(ccap_plan_idle_slots(plan, 2025, &idle), CCAP_OK);
    CCAP_ASSERT_REL(idle, 6.0, 1e-12);
    CCAP_ASSERT_STATUS(ccap_plan_idle_slots(plan, 2026, &idle), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_plan_idle_slots(plan, 2025, NULL), CCAP_EINVAL);
    ccap_plan_free(plan);
    /* without take-up there is no demand */
    f.in.takeup = NULL;
    CCAP_ASSERT_STATUS(ccap_plan_run(&f.in, &o, &plan, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_plan_idle_slots(plan, 2025, &idle), CCAP_ENOTFOUND);
    ccap_plan_free(plan);
    ccap_childcare_takeup_free(takeup);
    fixture_free(&f);
}

static CU_TestInfo plan_tests[] = {
    {"every_county", test_plan__every_county},
    {"budget", test_plan__budget},
    {"idle_slots", test_plan__idle_slots},
    {"city_only", test_plan__city_only},
    {"errors", test_plan__errors},
    {"nanyang", test_plan__nanyang},
    {"scenario_inputs", test_plan__scenario_inputs},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "plan", .pTests = plan_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
