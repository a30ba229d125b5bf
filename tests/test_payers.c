/* SPDX-License-Identifier: GPL-3.0-or-later */
/* payers: the budget by payer and year and its present values, against hand arithmetic. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_test.h"

static const ccap_gap_unit_costs unit = {20000.0, 12000.0, 10000.0};

static ccap_payer_params
params(void)
{
    ccap_payer_params pp;

    pp.fee_per_child_month = 1000.0;
    pp.operating_subsidy_per_child_month = 300.0;
    pp.childcare_subsidy_per_child_year = CCAP_PAYERS_CHILDCARE_SUBSIDY_CNY;
    pp.registered_share = 0.6;
    pp.occupancy = 0.8;
    pp.inclusive_share = 0.5;
    return pp;
}

/* Year 2026: 100 slots operated, 10 new (half inclusive), 1,000 children under 3.
 *   capital 10·20,000 = 200,000; central subsidy 10·0.5·10,000 = 50,000
 *   育儿补贴 3,600·0.6·1,000 = 2,160,000: central 2,210,000
 *   enrolled 0.8·100 = 80: fees 12·1,000·80 = 960,000; operating 12·300·0.5·80 = 144,000
 *   local 200,000 − 50,000 + 144,000 = 294,000
 *   running 12,000·100 = 1,200,000: providers 1,200,000 − 960,000 − 144,000 = 96,000
 * Year 2027: 110 slots, no new ones, 900 children: central 3,600·0.6·900 = 1,944,000,
 *   enrolled 88: fees 1,056,000, operating 158,400, local 158,400, running 1,320,000,
 *   providers 105,600.
 * At 3 %: central PV 2,210,000 + 1,944,000/1.03 = 4,097,378.640776699. */
static void
test_payers__budget(void)
{
    const double new_slots[2] = {10.0, 0.0}, slots[2] = {100.0, 110.0}, u3[2] = {1000.0, 900.0};
    const ccap_payer_params pp = params();
    ccap_budget_year b[2], pv;

    CCAP_ASSERT_STATUS(ccap_payers_budget(&unit, &pp, 2026, new_slots, slots, u3, 2, b), CCAP_OK);
    CU_ASSERT_EQUAL(b[0].year, 2026);
    CU_ASSERT_EQUAL(b[1].year, 2027);
    CCAP_ASSERT_REL(b[0].capital, 200000.0, 1e-15);
    CCAP_ASSERT_REL(b[0].capital_subsidy, 50000.0, 1e-15);
    CCAP_ASSERT_REL(b[0].childcare_subsidy, 2160000.0, 1e-15);
    CCAP_ASSERT_REL(b[0].central, 2210000.0, 1e-15);
    CCAP_ASSERT_REL(b[0].operating_subsidy, 144000.0, 1e-15);
    CCAP_ASSERT_REL(b[0].local, 294000.0, 1e-15);
    CCAP_ASSERT_REL(b[0].families, 960000.0, 1e-15);
    CCAP_ASSERT_REL(b[0].running, 1200000.0, 1e-15);
    CCAP_ASSERT_REL(b[0].providers, 96000.0, 1e-15);
    CCAP_ASSERT_REL(b[1].central, 1944000.0, 1e-15);
    CCAP_ASSERT_REL(b[1].fees, 1056000.0, 1e-15);
    CCAP_ASSERT_REL(b[1].local, 158400.0, 1e-15);
    CCAP_ASSERT_REL(b[1].providers, 105600.0, 1e-12);
    CCAP_ASSERT_STATUS(ccap_payers_present_value(b, 2, 0.03, &pv), CCAP_OK);
    CU_ASSERT_EQUAL(pv.year, 2026);
    CCAP_ASSERT_REL(pv.central, 2210000.0 + 1944000.0 / 1.03, 1e-15);
    CCAP_ASSERT_REL(pv.families, 960000.0 + 1056000.0 / 1.03, 1e-15);
    /* every year the payers share the costs: central + local + families + providers =
     * capital + running + childcare subsidy */
    CCAP_ASSERT_REL(b[0].central + b[0].local + b[0].families + b[0].providers,
                    b[0].capital + b[0].running + b[0].childcare_subsidy, 1e-15);
}

static void
test_payers__errors(void)
{
    const double ok[1] = {1.0}, neg[1] = {-1.0};
    ccap_payer_params pp = params();
    ccap_budget_year b[1], pv;

    CCAP_ASSERT_STATUS(ccap_payers_budget(&unit, &pp, 2026, neg, ok, ok, 1, b), CCAP_EDOM);
    CU_ASSERT(isnan(b[0].central));
    CCAP_ASSERT_STATUS(ccap_payers_budget(&unit, &pp, 2026, ok, ok, ok, 0, b), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_payers_budget(NULL, &pp, 2026, ok, ok, ok, 1, b), CCAP_EINVAL);
    pp.registered_share = 1.2;
    CCAP_ASSERT_STATUS(ccap_payers_budget(&unit, &pp, 2026, ok, ok, ok, 1, b), CCAP_EDOM);
    pp = params();
    pp.occupancy = 0.0;
    CCAP_ASSERT_STATUS(ccap_payers_budget(&unit, &pp, 2026, ok, ok, ok, 1, b), CCAP_EDOM);
    pp = params();
    pp.fee_per_child_month = NAN;
    CCAP_ASSERT_STATUS(ccap_payers_budget(&unit, &pp, 2026, ok, ok, ok, 1, b), CCAP_EDOM);
    pp = params();
    CCAP_ASSERT_STATUS(ccap_payers_budget(&unit, &pp, 2026, ok, ok, ok, 1, b), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_payers_present_value(b, 1, -1.0, &pv), CCAP_EDOM);
    CU_ASSERT(isnan(pv.central));
    CCAP_ASSERT_STATUS(ccap_payers_present_value(b, 0, 0.03, &pv), CCAP_EINVAL);
}

/* Running cost from staff and space, on the 2019 standard: 100 places in 托大班 (at most
 * 20 children, 1 carer per 7) take ⌈100/20⌉ = 5 classes of 20, 5·⌈20/7⌉ = 15 carers,
 * ⌈100/150⌉ = 1 health worker and 100·3 = 300 m² (3 m² per child, the data file's
 * assumed area).  At 5,000 and 6,000 yuan a month, 30 yuan per m² and month and 2,000
 * yuan per slot and year of other costs:
 *   12·(15·5,000 + 1·6,000 + 300·30) = 12·90,000 = 1,080,000; + 100·2,000 = 1,280,000
 *   per slot 12,800 a year, staff and rent 1,080,000 / 1,280,000 = 84.375 %. */
static void
test_payers__running_cost(void)
{
    ccap_workforce_standard std;
    ccap_workforce_need need;
    double places[CCAP_N_CLASS_TYPES] = {0.0}, per_slot, share;
    const ccap_running_cost_params p = {5000.0, 6000.0, 30.0, 2000.0};
    ccap_running_cost_params bad = p;

    CCAP_ASSERT_STATUS(ccap_workforce_standard_2019(&std), CCAP_OK);
    places[CCAP_CLASS_OLDER] = 100.0;
    CCAP_ASSERT_STATUS(ccap_workforce_need_compute(&std, places, CCAP_N_CLASS_TYPES, &need),
                       CCAP_OK);
    CU_ASSERT_EQUAL(need.carers_total, 15.0);
    CU_ASSERT_EQUAL(need.health_staff, 1.0);
    CCAP_ASSERT_REL(need.floor_area_m2, 300.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_payers_running_cost(&need, 100.0, &p, &per_slot, &share), CCAP_OK);
    CCAP_ASSERT_REL(per_slot, 12800.0, 1e-15);
    CCAP_ASSERT_REL(share, 0.84375, 1e-15);
    /* the example of the header: 20 carers, 1 health worker, 300 m² for 100 slots */
    need.carers_total = 20.0;
    CCAP_ASSERT_STATUS(ccap_payers_running_cost(&need, 100.0, &p, &per_slot, NULL), CCAP_OK);
    CCAP_ASSERT_REL(per_slot, 15800.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_payers_running_cost(&need, 0.0, &p, &per_slot, &share), CCAP_EDOM);
    CU_ASSERT(isnan(per_slot) && isnan(share));
    bad.rent_m2_month = -1.0;
    CCAP_ASSERT_STATUS(ccap_payers_running_cost(&need, 100.0, &bad, &per_slot, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_payers_running_cost(NULL, 100.0, &p, &per_slot, NULL), CCAP_EINVAL);
}

/* The year 2026 above with its capital replaced by 120,000 (4 of the 10 new slots converted
 * at 5,000 and 6 built at 20,000: 20,000 + 120,000 would be 140,000; any figure will do):
 * local 120,000 − 50,000 + 144,000 = 214,000; central, fees and providers unchanged. */
static void
test_payers__set_capital(void)
{
    const double new_slots[2] = {10.0, 0.0}, slots[2] = {100.0, 110.0}, u3[2] = {1000.0, 900.0};
    const double capital[2] = {120000.0, 0.0}, bad[2] = {1.0, -1.0};
    const ccap_payer_params pp = params();
    ccap_budget_year b[2];

    CCAP_ASSERT_STATUS(ccap_payers_budget(&unit, &pp, 2026, new_slots, slots, u3, 2, b), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_payers_set_capital(b, 2, bad), CCAP_EDOM);
    CCAP_ASSERT_REL(b[0].local, 294000.0, 1e-15); /* unchanged */
    CCAP_ASSERT_STATUS(ccap_payers_set_capital(b, 2, capital), CCAP_OK);
    CCAP_ASSERT_REL(b[0].capital, 120000.0, 1e-15);
    CCAP_ASSERT_REL(b[0].local, 214000.0, 1e-15);
    CCAP_ASSERT_REL(b[0].central, 2210000.0, 1e-15);
    CCAP_ASSERT_REL(b[0].providers, 96000.0, 1e-15);
    CCAP_ASSERT_REL(b[1].local, 158400.0, 1e-15);
    /* a capital below the subsidy of 50,000: the subsidy pays 30,000, central 2,190,000,
     * local 30,000 − 30,000 + 144,000 = 144,000 */
    {
        const double low[2] = {30000.0, 0.0};
        CCAP_ASSERT_STATUS(ccap_payers_set_capital(b, 2, low), CCAP_OK);
        CCAP_ASSERT_REL(b[0].capital_subsidy, 30000.0, 1e-15);
        CCAP_ASSERT_REL(b[0].central, 2190000.0, 1e-15);
        CCAP_ASSERT_REL(b[0].local, 144000.0, 1e-15);
    }
    CCAP_ASSERT_STATUS(ccap_payers_set_capital(NULL, 2, capital), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_payers_set_capital(b, 0, capital), CCAP_EINVAL);
}

static CU_TestInfo payers_tests[] = {
    {"budget", test_payers__budget},
    {"set_capital", test_payers__set_capital},
    {"errors", test_payers__errors},
    {"running_cost", test_payers__running_cost},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "payers", .pTests = payers_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
