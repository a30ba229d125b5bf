/* SPDX-License-Identifier: GPL-3.0-or-later */
/* workforce: class types, the 2019 standard and its bundled file, age in months, classes
 * and carers of places by class, and the classes, carers, health staff and floor area of
 * the three-county case (tests/data/standards), each worked by hand in the comments. */

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
test_workforce__class_names(void)
{
    ccap_class_type c = CCAP_CLASS_OLDER;

    CU_ASSERT_STRING_EQUAL(ccap_class_type_name(CCAP_CLASS_INFANT), "infant");
    CU_ASSERT_STRING_EQUAL(ccap_class_type_name(CCAP_CLASS_KINDERGARTEN), "kindergarten");
    CU_ASSERT_STRING_EQUAL(ccap_class_type_name((ccap_class_type)6), "unknown");
    CCAP_ASSERT_STATUS(ccap_class_type_parse("TODDLER", &c), CCAP_OK);
    CU_ASSERT_EQUAL(c, CCAP_CLASS_TODDLER);
    CCAP_ASSERT_STATUS(ccap_class_type_parse("乳儿班", &c), CCAP_OK);
    CU_ASSERT_EQUAL(c, CCAP_CLASS_INFANT);
    CCAP_ASSERT_STATUS(ccap_class_type_parse("家庭托育点", &c), CCAP_OK);
    CU_ASSERT_EQUAL(c, CCAP_CLASS_HOME);
    CCAP_ASSERT_STATUS(ccap_class_type_parse("托班", &c), CCAP_OK);
    CU_ASSERT_EQUAL(c, CCAP_CLASS_KINDERGARTEN);
    CCAP_ASSERT_STATUS(ccap_class_type_parse("nursery", &c), CCAP_ENOTFOUND);
    CU_ASSERT_EQUAL(c, CCAP_CLASS_KINDERGARTEN);
    CCAP_ASSERT_STATUS(ccap_class_type_parse(NULL, &c), CCAP_EINVAL);
    CU_ASSERT_STRING_EQUAL(ccap_workforce_basis_name(CCAP_WORKFORCE_NEEDED), "needed");
}

/* The 2019 standard (articles 19-20; home sites 2023): 10 at 1:3, 15 at 1:5, 20 at 1:7, 18
 * mixed, 5 at home at 1:3; and the bundled file reads the same. */
static void
test_workforce__standard_2019(void)
{
    ccap_workforce_standard s, f;
    ccap_class_type bad = CCAP_CLASS_INFANT;
    char path[512];
    size_t c;

    CCAP_ASSERT_STATUS(ccap_workforce_standard_2019(&s), CCAP_OK);
    CCAP_ASSERT_REL(s.limits[CCAP_CLASS_INFANT].max_children, 10.0, 0.0);
    CCAP_ASSERT_REL(s.limits[CCAP_CLASS_INFANT].children_per_carer, 3.0, 0.0);
    CCAP_ASSERT_REL(s.limits[CCAP_CLASS_TODDLER].max_children, 15.0, 0.0);
    CCAP_ASSERT_REL(s.limits[CCAP_CLASS_TODDLER].children_per_carer, 5.0, 0.0);
    CCAP_ASSERT_REL(s.limits[CCAP_CLASS_OLDER].max_children, 20.0, 0.0);
    CCAP_ASSERT_REL(s.limits[CCAP_CLASS_OLDER].children_per_carer, 7.0, 0.0);
    CCAP_ASSERT_REL(s.limits[CCAP_CLASS_MIXED].max_children, 18.0, 0.0);
    CCAP_ASSERT_REL(s.limits[CCAP_CLASS_HOME].max_children, 5.0, 0.0);
    CCAP_ASSERT_REL(s.limits[CCAP_CLASS_HOME].children_per_carer, 3.0, 0.0);
    CCAP_ASSERT_REL(s.limits[CCAP_CLASS_OLDER].children_per_health_worker, 150.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_workforce_standard_check(&s, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_workforce_standard_2019(NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(
        ccap_csv_read_workforce_standard(
            ccap_test_data(path, sizeof path,
                           "../../examples/data/national/childcare_standard_2019.csv"),
            &f, NULL, NULL),
        CCAP_OK);
    for (c = 0; c < CCAP_N_CLASS_TYPES; c++)
        CU_ASSERT(memcmp(&s.limits[c], &f.limits[c], sizeof s.limits[c]) == 0);
    s.limits[CCAP_CLASS_OLDER].children_per_carer = 0.0;
    CCAP_ASSERT_STATUS(ccap_workforce_standard_check(&s, &bad), CCAP_EDOM);
    CU_ASSERT_EQUAL(bad, CCAP_CLASS_OLDER);
}

/* 1,200, 1,500, 1,800 children aged 0, 1, 2: half of the 1,200 are 6-12 months, so the
 * weights are 600, 1,500, 1,800 (3,900): shares 2/13, 5/13, 6/13.  With take-up 0.1, 0.2,
 * 0.3: 60, 300, 540 (900): 1/15, 1/3, 3/5. */
static void
test_workforce__age_in_months(void)
{
    const double children[3] = {1200.0, 1500.0, 1800.0}, takeup[3] = {0.1, 0.2, 0.3};
    const double none[3] = {0.0, 0.0, 0.0}, bad[3] = {0.1, 1.5, 0.3};
    double s[3];

    CCAP_ASSERT_STATUS(ccap_workforce_class_shares(children, NULL, s), CCAP_OK);
    CCAP_ASSERT_REL(s[0], 2.0 / 13.0, 1e-15);
    CCAP_ASSERT_REL(s[1], 5.0 / 13.0, 1e-15);
    CCAP_ASSERT_REL(s[2], 6.0 / 13.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_workforce_class_shares(children, takeup, s), CCAP_OK);
    CCAP_ASSERT_REL(s[0], 1.0 / 15.0, 1e-14);
    CCAP_ASSERT_REL(s[1], 1.0 / 3.0, 1e-14);
    CCAP_ASSERT_REL(s[2], 0.6, 1e-14);
    CCAP_ASSERT_STATUS(ccap_workforce_class_shares(none, NULL, s), CCAP_OK);
    CCAP_ASSERT_REL(s[1], 1.0 / 3.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_workforce_class_shares(children, bad, s), CCAP_EDOM);
    CU_ASSERT(isnan(s[0]));
    CCAP_ASSERT_STATUS(ccap_workforce_class_shares(NULL, NULL, s), CCAP_EINVAL);
}

/* 2019 standard; places 125 infants, 20.4 toddlers, 12 at home.
 *   125 infants: ⌈12.5⌉ = 13 classes, 125 = 13·9 + 8: 8 of 10 and 5 of 9, carers
 *   8·⌈10/3⌉ + 5·⌈9/3⌉ = 32 + 15 = 47.
 *   20.4 toddlers are 21 places: 2 classes of 11 and 10, ⌈11/5⌉ + ⌈10/5⌉ = 3 + 2 = 5.
 *   12 at home: 3 sites of 4, 3·⌈4/3⌉ = 6 carers.
 *   classes 13 + 2 + 3 = 18, carers 47 + 5 + 6 = 58; health ⌈(125 + 21)/150⌉ = 1 (home
 *   places need none); floor (125 + 21 + 12)·3 = 474 m².
 * 11 infants alone: 2 classes of 6 and 5, ⌈6/3⌉ + ⌈5/3⌉ = 2 + 2 = 4 carers (10 + 1 would
 * need 4 + 1 = 5). */
static void
test_workforce__need(void)
{
    ccap_workforce_standard s;
    ccap_workforce_need n;
    double places[CCAP_N_CLASS_TYPES] = {125.0, 20.4, 0.0, 0.0, 12.0, 0.0};
    const double eleven[CCAP_N_CLASS_TYPES] = {11.0, 0.0, 0.0, 0.0, 0.0, 0.0};

    ccap_workforce_standard_2019(&s);
    CCAP_ASSERT_STATUS(ccap_workforce_need_compute(&s, places, CCAP_N_CLASS_TYPES, &n), CCAP_OK);
    CCAP_ASSERT_REL(n.classes[CCAP_CLASS_INFANT], 13.0, 0.0);
    CCAP_ASSERT_REL(n.carers[CCAP_CLASS_INFANT], 47.0, 0.0);
    CCAP_ASSERT_REL(n.places[CCAP_CLASS_TODDLER], 21.0, 0.0);
    CCAP_ASSERT_REL(n.classes[CCAP_CLASS_TODDLER], 2.0, 0.0);
    CCAP_ASSERT_REL(n.carers[CCAP_CLASS_TODDLER], 5.0, 0.0);
    CCAP_ASSERT_REL(n.classes[CCAP_CLASS_HOME], 3.0, 0.0);
    CCAP_ASSERT_REL(n.carers[CCAP_CLASS_HOME], 6.0, 0.0);
    CCAP_ASSERT_REL(n.classes_total, 18.0, 0.0);
    CCAP_ASSERT_REL(n.carers_total, 58.0, 0.0);
    CCAP_ASSERT_REL(n.health_staff, 1.0, 0.0); /* ⌈146/150⌉: home places need none */
    CCAP_ASSERT_REL(n.floor_area_m2, 158.0 * 3.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_workforce_need_compute(&s, eleven, CCAP_N_CLASS_TYPES, &n), CCAP_OK);
    CCAP_ASSERT_REL(n.classes_total, 2.0, 0.0);
    CCAP_ASSERT_REL(n.carers_total, 4.0, 0.0);
    places[0] = -1.0;
    CCAP_ASSERT_STATUS(ccap_workforce_need_compute(&s, places, CCAP_N_CLASS_TYPES, &n), CCAP_EDOM);
    CU_ASSERT(isnan(n.carers_total));
    places[0] = NAN;
    CCAP_ASSERT_STATUS(ccap_workforce_need_compute(&s, places, CCAP_N_CLASS_TYPES, &n), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_workforce_need_compute(&s, eleven, 3, &n), CCAP_EINVAL);
    s.limits[CCAP_CLASS_INFANT].max_children = 0.5;
    CCAP_ASSERT_STATUS(ccap_workforce_need_compute(&s, eleven, CCAP_N_CLASS_TYPES, &n), CCAP_EDOM);
}

/* The three-county case at the end of 2024 (targets and gaps: tests/test_targets.c).
 * Slots split by the inventory's providers, the rest by age in months, each class rounded
 * up to whole places:
 *
 * B, 500 slots held, none at home or in kindergartens; children 900, 1,000, 1,100 weigh
 *   450, 1,000, 1,100 (2,550): infant 500·450/2,550 = 88.2 → 89, toddler 196.1 → 197,
 *   older 215.7 → 216.
 *   infant 89: 9 classes, 8 of 10 + 1 of 9: carers 8·4 + 3 = 35
 *   toddler 197: 14 classes, 1 of 15 + 13 of 14: carers 3 + 13·3 = 42
 *   older 216: 11 classes, 7 of 20 + 4 of 19: carers 7·3 + 4·3 = 33
 *   classes 34, carers 110, health ⌈502/150⌉ = 4, floor 502·3 = 1,506 m².
 * A, 900 slots held: 30 at home, 120 in kindergartens, 750 in classes by 2/13, 5/13, 6/13:
 *   infant 115.4 → 116 (12 classes: 8 of 10 + 4 of 9, carers 32 + 12 = 44); toddler 288.5 →
 *   289 (20: 9 of 15 + 11 of 14, carers 27 + 33 = 60); older 346.2 → 347 (18: 5 of 20 + 13
 *   of 19, carers 15 + 39 = 54); home 30 (6 sites of 5, 6·⌈5/3⌉ = 12); kindergarten 120 (6
 *   of 20, 18): classes 62, carers 188, health ⌈(116 + 289 + 347 + 120)/150⌉ = ⌈5.81⌉ = 6
 *   (home places need none), floor 902·3 = 2,706 m².
 * C, 600 slots needed (its enrolment target binds): kindergarten 100/450 of them, 133.3 →
 *   134; the other 466.7 by 350, 800, 900 (2,050): infant 79.7 → 80, toddler 182.1 → 183,
 *   older 204.9 → 205.
 *   infant 80: 8 classes of 10, 32 carers; toddler 183: 13 classes, 1 of 15 + 12 of 14,
 *   3 + 36 = 39; older 205: 11, 7 of 19 + 4 of 18, 21 + 12 = 33; kindergarten 134: 7, 1 of
 *   20 + 6 of 19, 3 + 18 = 21: classes 39, carers 125, health ⌈602/150⌉ = 5, 1,806 m².
 * The city's row is the sum of its counties' (each builds its own). */
static void
test_workforce__three_county_table(void)
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
    if (plan != NULL && ccap_plan_workforce(plan, NULL) != NULL) {
        size_t n = 0;
        const ccap_workforce_row *w = ccap_plan_workforce(plan, &n);
#define AT(reg, basis) (&w[code(reg) * CCAP_WORKFORCE_N_BASES + (basis)].need)
        const ccap_workforce_need *b = AT("B", CCAP_WORKFORCE_HELD),
                                  *a = AT("A", CCAP_WORKFORCE_HELD),
                                  *c = AT("C", CCAP_WORKFORCE_NEEDED),
                                  *city = AT("T", CCAP_WORKFORCE_NEEDED);

        CU_ASSERT_EQUAL(n, 2 * 4 * CCAP_WORKFORCE_N_BASES);
        CCAP_ASSERT_REL(b->places[CCAP_CLASS_INFANT], 89.0, 0.0);
        CCAP_ASSERT_REL(b->places[CCAP_CLASS_TODDLER], 197.0, 0.0);
        CCAP_ASSERT_REL(b->places[CCAP_CLASS_OLDER], 216.0, 0.0);
        CCAP_ASSERT_REL(b->carers[CCAP_CLASS_INFANT], 35.0, 0.0);
        CCAP_ASSERT_REL(b->carers[CCAP_CLASS_TODDLER], 42.0, 0.0);
        CCAP_ASSERT_REL(b->carers[CCAP_CLASS_OLDER], 33.0, 0.0);
        CCAP_ASSERT_REL(b->classes_total, 34.0, 0.0);
        CCAP_ASSERT_REL(b->carers_total, 110.0, 0.0);
        CCAP_ASSERT_REL(b->health_staff, 4.0, 0.0);
        CCAP_ASSERT_REL(b->floor_area_m2, 1506.0, 0.0);
        CCAP_ASSERT_REL(a->places[CCAP_CLASS_HOME], 30.0, 0.0);
        CCAP_ASSERT_REL(a->carers[CCAP_CLASS_HOME], 12.0, 0.0);
        CCAP_ASSERT_REL(a->places[CCAP_CLASS_KINDERGARTEN], 120.0, 0.0);
        CCAP_ASSERT_REL(a->classes_total, 62.0, 0.0);
        CCAP_ASSERT_REL(a->carers_total, 188.0, 0.0);
        CCAP_ASSERT_REL(a->health_staff, 6.0, 0.0);
        CCAP_ASSERT_REL(a->floor_area_m2, 2706.0, 0.0);
        CCAP_ASSERT_REL(c->places[CCAP_CLASS_KINDERGARTEN], 134.0, 0.0);
        CCAP_ASSERT_REL(c->classes_total, 39.0, 0.0);
        CCAP_ASSERT_REL(c->carers_total, 125.0, 0.0);
        CCAP_ASSERT_REL(c->health_staff, 5.0, 0.0);
        CCAP_ASSERT_REL(c->floor_area_m2, 1806.0, 0.0);
        /* the city needs its counties' sums: A 69 classes, 213 carers, 7 health staff */
        CCAP_ASSERT_REL(city->classes_total, 69.0 + 45.0 + 39.0, 0.0);
        CCAP_ASSERT_REL(city->carers_total, 213.0 + 147.0 + 125.0, 0.0);
        CCAP_ASSERT_REL(city->health_staff, 7.0 + 5.0 + 5.0, 0.0);
#undef AT
    }
    ccap_plan_free(plan);
    ccap_targets_free(t);
    ccap_childcare_inventory_free(inv);
    ccap_population_free(pop);
}

/* Monthly births: 6,000 a month in January to June and 5,000 in July to December are
 * 36,000 of 66,000 born in the first half, so 6/11 = 54.5 % of the children aged 0 at the
 * year end are 6-12 months old (one half if births were even).  With 1,200, 1,500 and 1,800
 * children aged 0, 1, 2 and no take-up the class weights are 1,200·6/11 = 7,200/11, 1,500
 * and 1,800, summing to 43,500/11: shares 7,200/43,500, 16,500/43,500 and 19,800/43,500.
 * The file reads the same with Chinese headers and months written 1月 … 12月. */
static void
test_workforce__monthly_births(void)
{
    double births[12], share, shares[3];
    const double children[3] = {1200.0, 1500.0, 1800.0};
    char path[512], text[512];
    size_t m, used = 0;
    ccap_diag diag;

    used += (size_t)snprintf(text + used, sizeof text - used, "月份,出生人口\n");
    for (m = 1; m <= 12; m++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%zu月,%d\n", m,
                                 m <= 6 ? 6000 : 5000);
    CCAP_ASSERT_STATUS(
        ccap_csv_read_monthly_births(ccap_test_write(path, sizeof path, "births_zh.csv", text),
                                     births, NULL, &diag),
        CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_workforce_infant_share(births, &share), CCAP_OK);
    CCAP_ASSERT_REL(share, 6.0 / 11.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_workforce_class_shares_at(children, NULL, share, shares), CCAP_OK);
    CCAP_ASSERT_REL(shares[0], 7200.0 / 43500.0, 1e-14);
    CCAP_ASSERT_REL(shares[1], 16500.0 / 43500.0, 1e-14);
    CCAP_ASSERT_REL(shares[2], 19800.0 / 43500.0, 1e-14);
    /* even births: the half rule of ccap_workforce_class_shares() */
    for (m = 0; m < 12; m++)
        births[m] = 1000.0;
    CCAP_ASSERT_STATUS(ccap_workforce_infant_share(births, &share), CCAP_OK);
    CCAP_ASSERT_REL(share, 0.5, 1e-15);
    births[3] = -1.0;
    CCAP_ASSERT_STATUS(ccap_workforce_infant_share(births, &share), CCAP_EDOM);
    CU_ASSERT(isnan(share));
    CCAP_ASSERT_STATUS(ccap_workforce_class_shares_at(children, NULL, 1.5, shares), CCAP_EDOM);
    /* the reader: a month twice, a month 13, a month missing */
    CCAP_ASSERT_STATUS(
        ccap_csv_read_monthly_births(
            ccap_test_write(path, sizeof path, "births_dup.csv", "month,births\n1,5\n1,6\n"),
            births, NULL, &diag),
        CCAP_EPARSE);
    CU_ASSERT_EQUAL(diag.line, 3);
    CU_ASSERT_STRING_EQUAL(diag.message, "duplicate row: month 1 already on line 2");
    CCAP_ASSERT_STATUS(
        ccap_csv_read_monthly_births(
            ccap_test_write(path, sizeof path, "births_13.csv", "month,births\n13,5\n"), births,
            NULL, &diag),
        CCAP_EPARSE);
    CU_ASSERT_STRING_EQUAL(diag.field, "month");
    CU_ASSERT_STRING_EQUAL(diag.message, "'13' is not a month from 1 to 12");
    CCAP_ASSERT_STATUS(
        ccap_csv_read_monthly_births(
            ccap_test_write(path, sizeof path, "births_short.csv", "month,births\n1,5\n2,6\n"),
            births, NULL, &diag),
        CCAP_EPARSE);
    CU_ASSERT_STRING_EQUAL(diag.message,
                           "no row for month 3: the births of every month 1 to 12 are needed");
}

static CU_TestInfo workforce_tests[] = {
    {"class_names", test_workforce__class_names},
    {"standard_2019", test_workforce__standard_2019},
    {"age_in_months", test_workforce__age_in_months},
    {"monthly_births", test_workforce__monthly_births},
    {"need", test_workforce__need},
    {"three_county_table", test_workforce__three_county_table},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "workforce", .pInitFunc = setup, .pCleanupFunc = teardown, .pTests = workforce_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
