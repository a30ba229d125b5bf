/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Kindergarten places left idle and converted into 托班 slots (ccap_kindergarten.h): the
 * arithmetic by hand, the table of places, kindergarten.csv, and a plan of three counties
 * whose schedule takes converted slots first. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_test.h"

/* 12,000 places and 10,500 children aged 3-5 at the 2023 rate of 91.1 %:
 * demand 10,500 × 0.911 = 9,565.5, idle 12,000 − 9,565.5 = 2,434.5.  With more children
 * than places (14,000 × 0.911 = 12,754 > 12,000) nothing is idle. */
static void
test_kindergarten__idle(void)
{
    double demand = 0.0, idle = 0.0;

    CCAP_ASSERT_STATUS(
        ccap_kindergarten_idle(12000.0, 10500.0, CCAP_KINDERGARTEN_ENROLMENT_2023, &demand, &idle),
        CCAP_OK);
    CCAP_ASSERT_REL(demand, 9565.5, 1e-12);
    CCAP_ASSERT_REL(idle, 2434.5, 1e-12);
    CCAP_ASSERT_STATUS(ccap_kindergarten_idle(12000.0, 14000.0, 0.911, &demand, &idle), CCAP_OK);
    CCAP_ASSERT_REL(demand, 12754.0, 1e-12);
    CU_ASSERT_EQUAL(idle, 0.0);
    /* no demand wanted */
    CCAP_ASSERT_STATUS(ccap_kindergarten_idle(350.0, 100.0, 1.2, NULL, &idle), CCAP_OK);
    CCAP_ASSERT_REL(idle, 230.0, 1e-12);
    /* errors: outputs NAN */
    CCAP_ASSERT_STATUS(ccap_kindergarten_idle(-1.0, 100.0, 0.9, &demand, &idle), CCAP_EDOM);
    CU_ASSERT(isnan(demand) && isnan(idle));
    CCAP_ASSERT_STATUS(ccap_kindergarten_idle(10.0, NAN, 0.9, &demand, &idle), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_kindergarten_idle(10.0, INFINITY, 0.9, &demand, &idle), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_kindergarten_idle(10.0, 5.0, 1.6, &demand, &idle), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_kindergarten_idle(10.0, 5.0, -0.1, &demand, &idle), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_kindergarten_idle(10.0, 5.0, 0.9, &demand, NULL), CCAP_EINVAL);
    CU_ASSERT(isnan(demand));
}

/* New 300, 500, 0, 400 and convertible 200, 450, 450, 1,000:
 *   year 1: room 200 − 0 = 200, converted min(300, 200) = 200, built 100;
 *   year 2: room 450 − 200 = 250, converted min(500, 250) = 250, built 250;
 *   year 3: nothing new, nothing converted;
 *   year 4: room 1,000 − 450 = 550, converted min(400, 550) = 400, built 0.
 * A convertible that falls below what was converted (demand rising again) converts no
 * more and takes nothing back: 100 after 200 gives 0. */
static void
test_kindergarten__convert(void)
{
    const double new_slots[4] = {300.0, 500.0, 0.0, 400.0}, conv[4] = {200.0, 450.0, 450.0, 1000.0};
    const double falls_new[2] = {250.0, 30.0}, falls_conv[2] = {200.0, 100.0};
    double converted[4], built[4];

    CCAP_ASSERT_STATUS(ccap_kindergarten_convert(new_slots, conv, 4, converted, built), CCAP_OK);
    CU_ASSERT_EQUAL(converted[0], 200.0);
    CU_ASSERT_EQUAL(converted[1], 250.0);
    CU_ASSERT_EQUAL(converted[2], 0.0);
    CU_ASSERT_EQUAL(converted[3], 400.0);
    CU_ASSERT_EQUAL(built[0], 100.0);
    CU_ASSERT_EQUAL(built[1], 250.0);
    CU_ASSERT_EQUAL(built[2], 0.0);
    CU_ASSERT_EQUAL(built[3], 0.0);
    CCAP_ASSERT_STATUS(ccap_kindergarten_convert(falls_new, falls_conv, 2, converted, NULL),
                       CCAP_OK);
    CU_ASSERT_EQUAL(converted[0], 200.0);
    CU_ASSERT_EQUAL(converted[1], 0.0);
    /* errors: outputs NAN */
    {
        const double bad[2] = {1.0, -2.0};
        CCAP_ASSERT_STATUS(ccap_kindergarten_convert(bad, conv, 2, converted, built), CCAP_EDOM);
        CU_ASSERT(isnan(converted[0]) && isnan(built[1]));
        CCAP_ASSERT_STATUS(ccap_kindergarten_convert(new_slots, bad, 2, converted, built),
                           CCAP_EDOM);
    }
    CCAP_ASSERT_STATUS(ccap_kindergarten_convert(new_slots, conv, 0, converted, built),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_kindergarten_convert(NULL, conv, 4, converted, built), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_kindergarten_convert(new_slots, conv, 4, NULL, built), CCAP_EINVAL);
}

static void
test_kindergarten__params(void)
{
    const ccap_kindergarten_params defaults = CCAP_KINDERGARTEN_PARAMS_INIT;
    ccap_kindergarten_params p = defaults;

    CU_ASSERT_EQUAL(defaults.enrolment_rate, 0.911);
    /* a 托班 of 20 (托育机构设置标准, 托大班) in a room for a 小班 of 25 (幼儿园工作规程) */
    CCAP_ASSERT_REL(defaults.slots_per_place, 20.0 / 25.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_kindergarten_params_check(&p), CCAP_OK);
    p.slots_per_place = 0.0;
    CCAP_ASSERT_STATUS(ccap_kindergarten_params_check(&p), CCAP_EDOM);
    p = defaults;
    p.enrolment_rate = NAN;
    CCAP_ASSERT_STATUS(ccap_kindergarten_params_check(&p), CCAP_EDOM);
    p = defaults;
    p.capital_per_converted_slot = -1.0;
    CCAP_ASSERT_STATUS(ccap_kindergarten_params_check(&p), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_kindergarten_params_check(NULL), CCAP_EINVAL);
}

/* Places stand until a later row: rows of 2022 and 2024 answer 2023 with 2022's. */
static void
test_kindergarten__table(void)
{
    ccap_kindergarten *kg = ccap_kindergarten_alloc();
    double places, enrolled;
    size_t dup = 99;
    int year;

    CU_ASSERT_PTR_NOT_NULL_FATAL(kg);
    CCAP_ASSERT_STATUS(ccap_kindergarten_add(kg, 1, 2022, 840.0, 702.0, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_kindergarten_add(kg, 1, 2024, 900.0, NAN, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_kindergarten_add(kg, 2, 2024, 130.0, 95.0, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_kindergarten_count(kg), 3);
    CCAP_ASSERT_STATUS(ccap_kindergarten_add(kg, 1, 2022, 1.0, NAN, &dup), CCAP_EEXIST);
    CU_ASSERT_EQUAL(dup, 0);
    CCAP_ASSERT_STATUS(ccap_kindergarten_add(kg, 3, 2022, -1.0, NAN, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_kindergarten_add(kg, 3, 2022, 1e13, NAN, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_kindergarten_add(kg, 3, 2022, 5.0, INFINITY, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_kindergarten_find(kg, 1, 2023, &places, &enrolled, &year), CCAP_OK);
    CU_ASSERT_EQUAL(places, 840.0);
    CU_ASSERT_EQUAL(enrolled, 702.0);
    CU_ASSERT_EQUAL(year, 2022);
    CCAP_ASSERT_STATUS(ccap_kindergarten_find(kg, 1, 2030, &places, &enrolled, &year), CCAP_OK);
    CU_ASSERT_EQUAL(places, 900.0);
    CU_ASSERT(isnan(enrolled));
    CU_ASSERT_EQUAL(year, 2024);
    CCAP_ASSERT_STATUS(ccap_kindergarten_find(kg, 1, 2021, &places, &enrolled, &year),
                       CCAP_ENOTFOUND);
    CU_ASSERT(isnan(places) && year == 0);
    CCAP_ASSERT_STATUS(ccap_kindergarten_find(kg, 0, 2024, &places, NULL, NULL), CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_kindergarten_find(NULL, 1, 2024, &places, NULL, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_kindergarten_add(NULL, 1, 2024, 1.0, NAN, NULL), CCAP_EINVAL);
    CU_ASSERT_EQUAL(ccap_kindergarten_count(NULL), 0);
    ccap_kindergarten_free(kg);
    ccap_kindergarten_free(NULL);
}

/* kindergarten.csv with Chinese headers (区县代码, 年份, 学位数, 在园幼儿数) and an empty
 * enrolled cell; the same with English headers and a name column. */
static void
test_kindergarten__read(void)
{
    ccap_regions *regions = NULL;
    ccap_kindergarten *kg = NULL;
    char path[1024];
    double places, enrolled;
    ccap_diag diag;

    CCAP_ASSERT_STATUS(ccap_csv_read_regions(ccap_test_data(path, sizeof path, "regions.csv"),
                                             &regions, NULL, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_csv_read_kindergarten(ccap_test_data(path, sizeof path, "kindergarten.csv"), regions,
                                   &kg, NULL, &diag),
        CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(kg);
    CU_ASSERT_EQUAL(ccap_kindergarten_count(kg), 3);
    CCAP_ASSERT_STATUS(ccap_kindergarten_find(kg, 1, 2024, &places, &enrolled, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(places, 1200.0);
    CU_ASSERT_EQUAL(enrolled, 1010.0);
    CCAP_ASSERT_STATUS(ccap_kindergarten_find(kg, 2, 2025, &places, &enrolled, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(places, 800.0);
    CU_ASSERT(isnan(enrolled));
    ccap_kindergarten_free(kg);
    kg = NULL;
    ccap_test_write(path, sizeof path, "kg-names.csv",
                    "region,name,year,places\nA11,甲县,2023,410\nB122,,2023,65\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_kindergarten(path, regions, &kg, NULL, &diag), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_kindergarten_count(kg), 2);
    ccap_kindergarten_free(kg);
    kg = NULL;
    /* a name that is another region's is refused */
    ccap_test_write(path, sizeof path, "kg-wrong-name.csv",
                    "region,name,year,places\nA11,乙区,2023,410\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_kindergarten(path, regions, &kg, NULL, &diag), CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(kg);
    CU_ASSERT_EQUAL(diag.line, 2);
    CCAP_ASSERT_STATUS(ccap_csv_read_kindergarten(NULL, regions, &kg, NULL, &diag), CCAP_EINVAL);
    ccap_regions_free(regions);
}

/* Three counties A, B and D of city C, 10,000 residents each at the end of 2024, 2025 and
 * 2026: each sex 10, 10 and 30 aged 0, 1, 2, 100 at each age 3, 4, 5 and 4,650 aged 6+.
 * Targets 10 per 1,000 for 2025 and 14 for 2026: 100 and 140 slots in every county.  Slots
 * at the end of 2024: A 40 (institution), B 80 (institution), D 30 institution + 20
 * kindergarten 托班.  Enrolment 0.9, 0.8 slot per place, 5,000 yuan per converted slot,
 * 20,000 per new slot (the `*` cost row), occupancy 0.8, no take-up.
 *
 * Every county: 600 children aged 3-5, demand 600 × 0.9 = 540; 60 children aged 2, whom
 * 托班 slots serve, need 60 / 0.8 = 75 slots.
 *   A: 700 places, idle 160, × 0.8 = 128; room 75 − 0 held = 75: convertible 75.
 *      New 60 (2025) and 40 (2026): converted 60, then min(40, 75 − 60) = 15; built 0, 25.
 *      Cost: 300,000 + 0; 75,000 + 25 × 20,000 = 500,000.
 *   B: 500 places, below the demand of 540: idle 0, convertible 0.  New 20 and 40, all
 *      built: 400,000 and 800,000.
 *   D: 1,000 places, idle 460, × 0.8 = 368; room 75 − 20 held = 55: convertible 55.
 *      New 50 and 40: converted 50, then min(40, 55 − 50) = 5; built 0, 35.
 *      Cost: 250,000; 25,000 + 700,000.
 *   C (sums): new 130, 120; converted 110, 20; built 20, 100; conversion cost 550,000 and
 *      100,000; build cost 400,000 and 2,000,000.  Capital 3,050,000 (not 250 × 20,000 =
 *      5,000,000); present value at 3 %: 950,000 + 2,100,000 / 1.03 = 2,988,834.9515.
 *      Central subsidy, 10,000 a new slot, all inclusive: 1,300,000 in 2025, more than
 *      that year's capital, so 950,000; 1,200,000 in 2026: 2,150,000 in all.
 * Workforce of D's planned slots at the end of 2026 (2019 standard): 50 + 50 + 40 = 140
 * slots, 55 of them converted, all 幼儿园托班; the other 85 split as D's inventory, 20 of
 * 50 (0.4) in kindergartens: 托班 places 85 × 0.4 + 55 = 89, in ⌈89/20⌉ = 5 classes, 4 of 18
 * and 1 of 17, carers 4·⌈18/7⌉ + ⌈17/7⌉ = 15.  Without kindergarten places: 140 × 0.4 = 56
 * places, 2 classes of 19 and 1 of 18, carers 3 + 3 + 3 = 9. */
static void
test_kindergarten__plan_three_counties(void)
{
    static const double ages[7] = {10.0, 10.0, 30.0, 100.0, 100.0, 100.0, 4650.0};
    const ccap_kindergarten_params params = {0.9, 0.8, 5000.0};
    const ccap_gap_unit_costs unit = {20000.0, 0.0, 10000.0};
    const ccap_plan_inputs init = CCAP_PLAN_INPUTS_INIT;
    const size_t C = 0, A = 1, B = 2, D = 3;
    ccap_regions *regions = NULL;
    ccap_population *pops[3];
    ccap_childcare_inventory *inv = NULL;
    ccap_targets *targets = NULL;
    ccap_kindergarten *kg = ccap_kindergarten_alloc();
    ccap_gap_costs *costs = ccap_gap_costs_alloc();
    ccap_plan_options o = CCAP_PLAN_OPTIONS_INIT;
    ccap_plan_inputs in = init;
    ccap_plan *plan = NULL;
    const ccap_kindergarten_row *rows;
    ccap_gap_cost_totals cost;
    size_t n = 0, i, r;
    char path[1024];

    CU_ASSERT_PTR_NOT_NULL_FATAL(kg);
    CU_ASSERT_PTR_NOT_NULL_FATAL(costs);
    ccap_test_write(path, sizeof path, "kg-regions.csv",
                    "code,name,parent\nC,City,\nA,County A,C\nB,County B,C\nD,County D,C\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_regions(path, &regions, NULL, NULL), CCAP_OK);
    for (i = 0; i < 3; i++) {
        pops[i] = ccap_population_alloc(4, 7, 1);
        CU_ASSERT_PTR_NOT_NULL_FATAL(pops[i]);
        for (r = 1; r < 4; r++) {
            ccap_population_set_values(pops[i], r, CCAP_SEX_FEMALE, ages, 7);
            ccap_population_set_values(pops[i], r, CCAP_SEX_MALE, ages, 7);
        }
        ccap_population_set_date(pops[i], (ccap_date){2025 + (int)i, 1, 1});
        ccap_population_set_year(pops[i], 2024 + (int)i);
    }
    ccap_test_write(path, sizeof path, "kg-slots.csv",
                    "region,year,provider,inclusive,slots\nA,2024,institution,yes,40\n"
                    "B,2024,institution,yes,80\nD,2024,institution,yes,30\n"
                    "D,2024,kindergarten,yes,20\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_slots(path, regions, &inv, NULL, NULL), CCAP_OK);
    ccap_test_write(path, sizeof path, "kg-targets.csv",
                    "region,year,slots_per_1000\n*,2025,10\n*,2026,14\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_target_set(path, regions, &targets, NULL, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_kindergarten_add(kg, A, 2024, 700.0, NAN, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_kindergarten_add(kg, B, 2024, 500.0, NAN, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_kindergarten_add(kg, D, 2024, 1000.0, NAN, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_gap_costs_set(costs, "*", &unit), CCAP_OK);
    in.regions = regions;
    in.populations = (const ccap_population *const *)pops;
    in.n_populations = 3;
    in.inventory = inv;
    in.target_set = targets;
    in.costs = costs;
    in.kindergarten = kg;
    in.kindergarten_params = &params;
    CCAP_ASSERT_STATUS(ccap_plan_run(&in, &o, &plan, NULL), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    rows = ccap_plan_kindergarten(plan, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
    CU_ASSERT_EQUAL_FATAL(n, 8); /* 4 regions × 2 years of building, 2025 and 2026 */
    /* rows[r·2 + (Y − 2025)] */
    CU_ASSERT_EQUAL(rows[A * 2].year, 2025);
    CCAP_ASSERT_REL(rows[A * 2].children, 600.0, 1e-12);
    CCAP_ASSERT_REL(rows[A * 2].demand, 540.0, 1e-12);
    CCAP_ASSERT_REL(rows[A * 2].idle, 160.0, 1e-12);
    CU_ASSERT_EQUAL(rows[A * 2].convertible, 75.0);
    CU_ASSERT_EQUAL(rows[A * 2].converted, 60.0);
    CU_ASSERT_EQUAL(rows[A * 2 + 1].converted, 15.0);
    CU_ASSERT_EQUAL(rows[A * 2 + 1].built, 25.0);
    CU_ASSERT_EQUAL(rows[A * 2 + 1].conversion_cost, 75000.0);
    CU_ASSERT_EQUAL(rows[A * 2 + 1].build_cost, 500000.0);
    CU_ASSERT_EQUAL(rows[B * 2].idle, 0.0);
    CU_ASSERT_EQUAL(rows[B * 2].convertible, 0.0);
    CU_ASSERT_EQUAL(rows[B * 2].converted, 0.0);
    CU_ASSERT_EQUAL(rows[B * 2].built, 20.0);
    CU_ASSERT_EQUAL(rows[B * 2 + 1].build_cost, 800000.0);
    CCAP_ASSERT_REL(rows[D * 2].idle, 460.0, 1e-12);
    CU_ASSERT_EQUAL(rows[D * 2].convertible, 55.0);
    CU_ASSERT_EQUAL(rows[D * 2].converted, 50.0);
    CU_ASSERT_EQUAL(rows[D * 2 + 1].converted, 5.0);
    CU_ASSERT_EQUAL(rows[D * 2 + 1].built, 35.0);
    CU_ASSERT_EQUAL(rows[D * 2 + 1].conversion_cost, 25000.0);
    /* the city: sums */
    CU_ASSERT_EQUAL(ccap_plan_new_slots(plan, C, 2025), 130.0);
    CU_ASSERT_EQUAL(ccap_plan_new_slots(plan, C, 2026), 120.0);
    CU_ASSERT_EQUAL(rows[C * 2].places, 2200.0);
    CU_ASSERT_EQUAL(rows[C * 2].converted, 110.0);
    CU_ASSERT_EQUAL(rows[C * 2 + 1].converted, 20.0);
    CU_ASSERT_EQUAL(rows[C * 2].built, 20.0);
    CU_ASSERT_EQUAL(rows[C * 2 + 1].built, 100.0);
    CU_ASSERT_EQUAL(rows[C * 2].conversion_cost, 550000.0);
    CU_ASSERT_EQUAL(rows[C * 2 + 1].conversion_cost, 100000.0);
    CU_ASSERT_EQUAL(rows[C * 2].build_cost, 400000.0);
    CU_ASSERT_EQUAL(rows[C * 2 + 1].build_cost, 2000000.0);
    CCAP_ASSERT_STATUS(ccap_plan_cost(plan, &cost, NULL), CCAP_OK);
    CCAP_ASSERT_REL(cost.capital, 3050000.0, 1e-12);
    {
        /* over both years: the city converts 110 + 20 = 130 slots for 550,000 + 100,000
         * yuan and builds 20 + 100 = 120; county A 60 + 15 = 75 converted */
        double converted = 0.0, built = 0.0, conv_cost = 0.0;
        CCAP_ASSERT_STATUS(ccap_plan_kindergarten_totals(plan, C, &converted, &built, &conv_cost),
                           CCAP_OK);
        CU_ASSERT_EQUAL(converted, 130.0);
        CU_ASSERT_EQUAL(built, 120.0);
        CU_ASSERT_EQUAL(conv_cost, 650000.0);
        CCAP_ASSERT_STATUS(ccap_plan_kindergarten_totals(plan, A, &converted, NULL, NULL), CCAP_OK);
        CU_ASSERT_EQUAL(converted, 75.0);
        CCAP_ASSERT_STATUS(ccap_plan_kindergarten_totals(plan, 4, &converted, NULL, NULL),
                           CCAP_EINVAL);
        CU_ASSERT(isnan(converted));
    }
    {
        /* rows[((Y − 2024)·4 + region)·3 + basis] */
        const ccap_workforce_row *w = ccap_plan_workforce(plan, NULL) + ((2 * 4 + D) * 3 + 2);
        CU_ASSERT_EQUAL(w->basis, CCAP_WORKFORCE_PLANNED);
        CU_ASSERT_EQUAL(w->slots, 140.0);
        CU_ASSERT_EQUAL(w->need.places[CCAP_CLASS_KINDERGARTEN], 89.0);
        CU_ASSERT_EQUAL(w->need.classes[CCAP_CLASS_KINDERGARTEN], 5.0);
        CU_ASSERT_EQUAL(w->need.carers[CCAP_CLASS_KINDERGARTEN], 15.0);
    }
    CCAP_ASSERT_REL(cost.pv_capital, 950000.0 + 2100000.0 / 1.03, 1e-12);
    CCAP_ASSERT_REL(cost.subsidy, 2150000.0, 1e-12);
    CCAP_ASSERT_REL(cost.pv_subsidy, 950000.0 + 1200000.0 / 1.03, 1e-12);
    /* schedule.csv with the four columns, read back as planned builds */
    {
        const double *sched = ccap_plan_schedule(plan, &n);
        ccap_schedule *back = NULL;
        FILE *fp;
        char line[256];

        CU_ASSERT_EQUAL_FATAL(n, 2);
        CCAP_ASSERT_STATUS(
            ccap_csv_write_schedule(ccap_test_tmp(path, sizeof path, "kg-schedule.csv"), regions,
                                    2025, n, sched, rows, NULL),
            CCAP_OK);
        fp = fopen(path, "r");
        CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
        CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, fp));
        CU_ASSERT_STRING_EQUAL(line, "region,name,year,new_slots,converted,conversion_cost,"
                                     "built,build_cost\n");
        CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, fp));
        CU_ASSERT_STRING_EQUAL(line, "C,City,2025,130,110,550000,20,400000\n");
        fclose(fp);
        CCAP_ASSERT_STATUS(ccap_csv_read_builds(path, regions, &back, NULL, NULL), CCAP_OK);
        ccap_schedule_free(back);
        CCAP_ASSERT_STATUS(ccap_csv_write_schedule(path, regions, 2025, 0, sched, rows, NULL),
                           CCAP_EINVAL);
    }
    ccap_plan_free(plan);
    plan = NULL;
    /* without kindergarten places: no rows, the full capital cost */
    in.kindergarten = NULL;
    CCAP_ASSERT_STATUS(ccap_plan_run(&in, &o, &plan, NULL), CCAP_OK);
    CU_ASSERT_PTR_NULL(ccap_plan_kindergarten(plan, &n));
    CCAP_ASSERT_STATUS(ccap_plan_kindergarten_totals(plan, 0, NULL, NULL, NULL), CCAP_ENOTFOUND);
    CU_ASSERT_EQUAL(n, 0);
    CCAP_ASSERT_STATUS(ccap_plan_cost(plan, &cost, NULL), CCAP_OK);
    CCAP_ASSERT_REL(cost.capital, 5000000.0, 1e-12);
    CCAP_ASSERT_REL(cost.subsidy, 2500000.0, 1e-12);
    {
        const ccap_workforce_row *w = ccap_plan_workforce(plan, NULL) + ((2 * 4 + D) * 3 + 2);
        CU_ASSERT_EQUAL(w->need.places[CCAP_CLASS_KINDERGARTEN], 56.0);
        CU_ASSERT_EQUAL(w->need.carers[CCAP_CLASS_KINDERGARTEN], 9.0);
    }
    ccap_plan_free(plan);
    plan = NULL;
    /* bad parameters are refused */
    {
        const ccap_kindergarten_params bad = {0.9, 1.5, 5000.0};
        ccap_diag diag;
        in.kindergarten = kg;
        in.kindergarten_params = &bad;
        CCAP_ASSERT_STATUS(ccap_plan_run(&in, &o, &plan, &diag), CCAP_EDOM);
        CU_ASSERT_PTR_NULL(plan);
    }
    for (i = 0; i < 3; i++)
        ccap_population_free(pops[i]);
    ccap_gap_costs_free(costs);
    ccap_kindergarten_free(kg);
    ccap_targets_free(targets);
    ccap_childcare_inventory_free(inv);
    ccap_regions_free(regions);
}

static CU_TestInfo kindergarten_tests[] = {
    {"idle", test_kindergarten__idle},
    {"convert", test_kindergarten__convert},
    {"params", test_kindergarten__params},
    {"table", test_kindergarten__table},
    {"read", test_kindergarten__read},
    {"plan_three_counties", test_kindergarten__plan_three_counties},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "kindergarten", .pTests = kindergarten_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
