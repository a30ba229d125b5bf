/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * childcare: provider names, supply metrics, demand, the slot inventory with its parent
 * rule, take-up, targets, the table of metrics, and the slots/targets/takeup files.
 * Expected values are worked out by hand in the comments.
 */

#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ccap_test.h"

/* C01 (0) -> A11 (1), B12 (2);  B12 -> B121 (3), B122 (4). */
static ccap_regions *tree;
static ccap_childcare_inventory *inv; /* the rows of inventory_rows[] */
static ccap_population *pop;          /* single years 0, 1, 2, 3, 4+ */
static ccap_childcare_takeup *takeup; /* '*': 0.05, 0.25, 0.40; A11: 0.03, 0.20, 0.35 */

enum { C01, A11, B12, B121, B122 };

/* The fixture inventory.  Added 2024 rows first, so that the year list must be sorted. */
static const struct {
    size_t region;
    int year;
    ccap_provider provider;
    ccap_inclusive inclusive;
    double slots;
    double enrolled; /* < 0: unknown */
} inventory_rows[] = {
    {A11, 2024, CCAP_PROVIDER_INSTITUTION, CCAP_INCLUSIVE_YES, 150.0, 131.0},
    {A11, 2024, CCAP_PROVIDER_HOME, CCAP_INCLUSIVE_NO, 12.0, 14.0}, /* over-enrolled */
    {A11, 2024, CCAP_PROVIDER_COMMUNITY, CCAP_INCLUSIVE_NO, 30.0, 22.0},
    {B121, 2024, CCAP_PROVIDER_KINDERGARTEN, CCAP_INCLUSIVE_YES, 80.0, 66.0},
    {B121, 2024, CCAP_PROVIDER_EMPLOYER, CCAP_INCLUSIVE_NO, 25.0, 19.0},
    {B122, 2024, CCAP_PROVIDER_COMMERCIAL, CCAP_INCLUSIVE_NO, 37.5, 30.0},
    {A11, 2023, CCAP_PROVIDER_INSTITUTION, CCAP_INCLUSIVE_YES, 120.0, 97.0},
    {A11, 2023, CCAP_PROVIDER_COMMUNITY, CCAP_INCLUSIVE_NO, 45.5, -1.0},
    {B121, 2023, CCAP_PROVIDER_KINDERGARTEN, CCAP_INCLUSIVE_YES, 60.0, 41.0},
};
#define N_INVENTORY_ROWS (sizeof inventory_rows / sizeof inventory_rows[0])

/* Population of the leaves, ages 0, 1, 2, 3, 4+ (parents have no data of their own).
 *   A11  female 1200.5 1250.25 1300.75 1350 95000, male 1290.5 1340.25 1380 1420 94000
 *   B121 female  600.25 610.5   640     650 48000, male  650.75 660    690.5  700 47500
 *   B122 female  300    320.5   330.25  340 25000, male  310    335.75 350    360 24500 */
static const double leaf_pop[3][2][5] = {
    {{1200.5, 1250.25, 1300.75, 1350.0, 95000.0}, {1290.5, 1340.25, 1380.0, 1420.0, 94000.0}},
    {{600.25, 610.5, 640.0, 650.0, 48000.0}, {650.75, 660.0, 690.5, 700.0, 47500.0}},
    {{300.0, 320.5, 330.25, 340.0, 25000.0}, {310.0, 335.75, 350.0, 360.0, 24500.0}},
};

static int
add_fixture_rows(ccap_childcare_inventory *to)
{
    size_t i;

    for (i = 0; i < N_INVENTORY_ROWS; i++) {
        const double e = inventory_rows[i].enrolled;
        if (ccap_childcare_inventory_add(to, inventory_rows[i].region, inventory_rows[i].year,
                                         inventory_rows[i].provider, inventory_rows[i].inclusive,
                                         inventory_rows[i].slots, e >= 0.0 ? &e : NULL,
                                         NULL) != CCAP_OK)
            return 1;
    }
    return 0;
}

static int
setup(void)
{
    static const size_t leaves[3] = {A11, B121, B122};
    const double star[3] = {0.05, 0.25, 0.40}, a11[3] = {0.03, 0.20, 0.35};
    size_t k;

    tree = ccap_test_city();
    inv = ccap_childcare_inventory_alloc(5);
    pop = ccap_population_alloc(5, 5, 1);
    takeup = ccap_childcare_takeup_alloc();
    if (tree == NULL || inv == NULL || pop == NULL || takeup == NULL || add_fixture_rows(inv))
        return 1;
    for (k = 0; k < 3; k++) {
        if (ccap_population_set_values(pop, leaves[k], CCAP_SEX_FEMALE, leaf_pop[k][0], 5) ||
            ccap_population_set_values(pop, leaves[k], CCAP_SEX_MALE, leaf_pop[k][1], 5))
            return 1;
    }
    return ccap_childcare_takeup_set(takeup, CCAP_REGION_ALL, star, 3) != CCAP_OK ||
           ccap_childcare_takeup_set(takeup, A11, a11, 3) != CCAP_OK;
}

static int
teardown(void)
{
    ccap_childcare_takeup_free(takeup);
    ccap_population_free(pop);
    ccap_childcare_inventory_free(inv);
    ccap_regions_free(tree);
    takeup = NULL;
    pop = NULL;
    inv = NULL;
    tree = NULL;
    return 0;
}

/* ---- names ---- */

static void
test_childcare__provider_names(void)
{
    static const char *const names[CCAP_N_PROVIDERS] = {
        "institution", "community", "kindergarten", "employer", "home", "commercial", "other"};
    ccap_provider p = CCAP_PROVIDER_OTHER;
    ccap_inclusive f = CCAP_INCLUSIVE_ANY;
    int k;

    for (k = 0; k < CCAP_N_PROVIDERS; k++) {
        CU_ASSERT_STRING_EQUAL(ccap_childcare_provider_name((ccap_provider)k), names[k]);
        CCAP_ASSERT_STATUS(ccap_childcare_provider_parse(names[k], &p), CCAP_OK);
        CU_ASSERT_EQUAL(p, (ccap_provider)k);
    }
    /* the values are part of the ABI */
    CU_ASSERT_EQUAL(CCAP_PROVIDER_INSTITUTION, 0);
    CU_ASSERT_EQUAL(CCAP_PROVIDER_OTHER, 6);
    CCAP_ASSERT_STATUS(ccap_childcare_provider_parse("Kindergarten", &p), CCAP_OK);
    CU_ASSERT_EQUAL(p, CCAP_PROVIDER_KINDERGARTEN);
    /* the longer forms of policy documents, as the tutorial's glossary writes them */
    CCAP_ASSERT_STATUS(ccap_childcare_provider_parse("用人单位办托", &p), CCAP_OK);
    CU_ASSERT_EQUAL(p, CCAP_PROVIDER_EMPLOYER);
    CCAP_ASSERT_STATUS(ccap_childcare_provider_parse("商业综合体托育点", &p), CCAP_OK);
    CU_ASSERT_EQUAL(p, CCAP_PROVIDER_COMMERCIAL);
    CU_ASSERT_STRING_EQUAL(ccap_childcare_provider_name(CCAP_PROVIDER_ANY), "any");
    CU_ASSERT_STRING_EQUAL(ccap_childcare_provider_name((ccap_provider)99), "unknown");
    CU_ASSERT_STRING_EQUAL(ccap_childcare_provider_name((ccap_provider)-1), "unknown");
    p = CCAP_PROVIDER_HOME;
    CCAP_ASSERT_STATUS(ccap_childcare_provider_parse("nursery", &p), CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_childcare_provider_parse("any", &p), CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_childcare_provider_parse("", &p), CCAP_ENOTFOUND);
    CU_ASSERT_EQUAL(p, CCAP_PROVIDER_HOME); /* unchanged */
    CCAP_ASSERT_STATUS(ccap_childcare_provider_parse(NULL, &p), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_provider_parse("home", NULL), CCAP_EINVAL);

    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_parse("yes", &f), CCAP_OK);
    CU_ASSERT_EQUAL(f, CCAP_INCLUSIVE_YES);
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_parse("0", &f), CCAP_OK);
    CU_ASSERT_EQUAL(f, CCAP_INCLUSIVE_NO);
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_parse("TRUE", &f), CCAP_OK);
    CU_ASSERT_EQUAL(f, CCAP_INCLUSIVE_YES);
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_parse("No", &f), CCAP_OK);
    CU_ASSERT_EQUAL(f, CCAP_INCLUSIVE_NO);
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_parse("1", &f), CCAP_OK);
    CU_ASSERT_EQUAL(f, CCAP_INCLUSIVE_YES);
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_parse("false", &f), CCAP_OK);
    CU_ASSERT_EQUAL(f, CCAP_INCLUSIVE_NO);
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_parse("maybe", &f), CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_parse("2", &f), CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_parse("y", &f), CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_parse(NULL, &f), CCAP_EINVAL);
    CU_ASSERT_STRING_EQUAL(ccap_childcare_inclusive_name(CCAP_INCLUSIVE_YES), "yes");
    CU_ASSERT_STRING_EQUAL(ccap_childcare_inclusive_name(CCAP_INCLUSIVE_NO), "no");
    CU_ASSERT_STRING_EQUAL(ccap_childcare_inclusive_name(CCAP_INCLUSIVE_ANY), "any");
    CU_ASSERT_STRING_EQUAL(ccap_childcare_inclusive_name((ccap_inclusive)7), "unknown");
}

/* ---- metrics on numbers ---- */

static void
test_childcare__per_1000(void)
{
    const double nanyang = 9713112.0; /* residents, 2020 census */
    double r = 0.0, s = 0.0;
    size_t i;

    /* 1000 * 30,000 / 9,713,112 = 30,000,000 / 9,713,112 by long division:
     *   3 * 9,713,112 = 29,139,336, remainder    860,664 -> 3.
     *   8,606,640 < 9,713,112                             -> 3.0
     *   86,066,400 - 8 * 9,713,112 = 8,361,504            -> 3.08
     *   83,615,040 - 8 * 9,713,112 = 5,910,144            -> 3.088
     *   59,101,440 - 6 * 9,713,112 =   822,768            -> 3.0886
     *   8,227,680 < 9,713,112                             -> 3.08860
     *   82,276,800 - 8 * 9,713,112 = 4,571,904            -> 3.088608
     *   45,719,040 - 4 * 9,713,112 = 6,866,592            -> 3.0886084
     *   68,665,920 - 7 * 9,713,112 =   674,136            -> 3.08860847
     *   6,741,360 < 9,713,112                             -> 3.088608470
     *   67,413,600 - 6 * 9,713,112 = 9,134,928            -> 3.0886084706
     * The ten digits bound the answer to [3.0886084706, 3.0886084707): relative 3e-11. */
    CCAP_ASSERT_STATUS(ccap_childcare_rate_per_1000(30000.0, nanyang, &r), CCAP_OK);
    CU_ASSERT(r >= 3.0886084706 && r < 3.0886084707);
    /* Round trips.  Each way is a product and a quotient, each correctly rounded (relative
     * error at most 2^-53 = 1.1e-16), so a round trip of four operations is off by at most
     * 4 * 2^-53 = 4.4e-16 (to first order): the tolerance 5e-16. */
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(r, nanyang, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 30000.0, 5e-16);
    for (i = 0; i < 5; i++) {
        const double x[5] = {0.5, 17.25, 3624.0, 39823.7592, 1.23456789e6};
        const double people[5] = {1.0, 18250.4, 9713112.0, 1411750000.0, 615.025};

        /* slots_for_rate(rate_per_1000(s, p), p) == s */
        CCAP_ASSERT_STATUS(ccap_childcare_rate_per_1000(x[i], people[i], &r), CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(r, people[i], &s), CCAP_OK);
        CCAP_ASSERT_REL(s, x[i], 5e-16);
        /* rate_per_1000(slots_for_rate(r, p), p) == r */
        CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(x[i], people[i], &s), CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_childcare_rate_per_1000(s, people[i], &r), CCAP_OK);
        CCAP_ASSERT_REL(r, x[i], 5e-16);
    }
    /* Nanyang's target: 4.1 per 1,000 of 9,713,112 = 4.1 * 9,713.112 = 39,823.7592 slots. */
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(4.1, nanyang, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 39823.7592, 1e-15);
    /* China, end of 2022 (NHC statistical bulletin): 362.4万 slots for 141,175万 residents,
     * published as 2.57 per 1,000 (two decimals): 3,624,000 / 1,411,750 = 2.567..., which
     * rounds to 2.57, so |rate - 2.57| <= 0.005. */
    CCAP_ASSERT_STATUS(ccap_childcare_rate_per_1000(3624000.0, 1411750000.0, &r), CCAP_OK);
    CU_ASSERT(fabs(r - 2.57) <= 0.005);
    /* zero slots are a rate of zero; zero residents are no rate at all */
    CCAP_ASSERT_STATUS(ccap_childcare_rate_per_1000(0.0, nanyang, &r), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(r, 0.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(4.5, 0.0, &s), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(s, 0.0, 0.0);
}

static void
test_childcare__per_1000_errors(void)
{
    double r = 1.0, s = 1.0;

    CCAP_ASSERT_STATUS(ccap_childcare_rate_per_1000(100.0, 0.0, &r), CCAP_EDOM);
    CU_ASSERT(isnan(r));
    r = 1.0;
    CCAP_ASSERT_STATUS(ccap_childcare_rate_per_1000(-1.0, 1000.0, &r), CCAP_EDOM);
    CU_ASSERT(isnan(r));
    CCAP_ASSERT_STATUS(ccap_childcare_rate_per_1000(NAN, 1000.0, &r), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_rate_per_1000(1.0, NAN, &r), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_rate_per_1000(INFINITY, 1000.0, &r), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_rate_per_1000(1.0, INFINITY, &r), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_rate_per_1000(1.0, -1000.0, &r), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_rate_per_1000(1.0, 1000.0, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(-4.1, 1000.0, &s), CCAP_EDOM);
    CU_ASSERT(isnan(s));
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(4.1, -1.0, &s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(NAN, 1.0, &s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(4.1, INFINITY, &s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_slots_for_rate_per_1000(4.1, 1.0, NULL), CCAP_EINVAL);
}

static void
test_childcare__ratios(void)
{
    double c = 0.0, u = 0.0, sh = 0.0;

    /* coverage: 100 * 1,837 / 24,613.5 = 183,700 / 24,613.5 = 7.46338391...
     * (24,613.5 * 7 = 172,294.5, remainder 11,405.5; 114,055 / 24,613.5 = 4 rem 15,601;
     *  156,010 / 24,613.5 = 6 rem 8,329; 83,290 / 24,613.5 = 3 rem 9,449.5;
     *  94,495 / 24,613.5 = 3 rem 20,654.5; 206,545 / 24,613.5 = 8 rem 9,637 -> 7.46338) */
    CCAP_ASSERT_STATUS(ccap_childcare_coverage_per_100(1837.0, 24613.5, &c), CCAP_OK);
    CCAP_ASSERT_REL(c, 7.46338391533, 1e-11);
    CCAP_ASSERT_REL(c, 100.0 * 1837.0 / 24613.5, 1e-15);
    /* utilisation: 1,402.5 / 1,837 = 0.76347305...; over-enrolment 2,011 / 1,837 = 1.0947196... */
    CCAP_ASSERT_STATUS(ccap_childcare_utilisation(1402.5, 1837.0, &u), CCAP_OK);
    CCAP_ASSERT_REL(u, 0.763473053892, 1e-11);
    CCAP_ASSERT_STATUS(ccap_childcare_utilisation(2011.0, 1837.0, &u), CCAP_OK);
    CCAP_ASSERT_REL(u, 1.09471965161, 1e-11);
    CCAP_ASSERT_STATUS(ccap_childcare_utilisation(0.0, 1837.0, &u), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(u, 0.0, 0.0);
    /* inclusive share: 1,129.25 / 1,837 = 0.61472509...; all inclusive gives exactly 1 */
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_share(1129.25, 1837.0, &sh), CCAP_OK);
    CCAP_ASSERT_REL(sh, 0.614725095264, 1e-11);
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_share(1837.0, 1837.0, &sh), CCAP_OK);
    CCAP_ASSERT_REL(sh, 1.0, 0.0);

    /* errors: each poisons its output */
    CCAP_ASSERT_STATUS(ccap_childcare_coverage_per_100(10.0, 0.0, &c), CCAP_EDOM);
    CU_ASSERT(isnan(c));
    CCAP_ASSERT_STATUS(ccap_childcare_coverage_per_100(-10.0, 100.0, &c), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_coverage_per_100(10.0, NAN, &c), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_coverage_per_100(INFINITY, 100.0, &c), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_coverage_per_100(10.0, 100.0, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_utilisation(5.0, 0.0, &u), CCAP_EDOM);
    CU_ASSERT(isnan(u));
    CCAP_ASSERT_STATUS(ccap_childcare_utilisation(-5.0, 10.0, &u), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_utilisation(NAN, 10.0, &u), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_utilisation(5.0, -10.0, &u), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_utilisation(5.0, 10.0, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_share(11.0, 10.0, &sh), CCAP_EDOM);
    CU_ASSERT(isnan(sh));
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_share(0.0, 0.0, &sh), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_share(-1.0, 10.0, &sh), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_share(NAN, 10.0, &sh), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_inclusive_share(1.0, 10.0, NULL), CCAP_EINVAL);
}

static void
test_childcare__demand_by_hand(void)
{
    const double children[3] = {60421.0, 63877.0, 71309.0};
    const double rates[3] = {0.05, 0.25, 0.40};
    double d = 0.0, s = 0.0;

    /* 60,421 * 0.05 = 3,021.05; 63,877 * 0.25 = 15,969.25; 71,309 * 0.40 = 28,523.6;
     * sum 47,513.9 children; at occupancy 0.8 they need 47,513.9 / 0.8 = 59,392.375 slots. */
    CCAP_ASSERT_STATUS(ccap_childcare_demand(children, rates, 3, &d), CCAP_OK);
    CCAP_ASSERT_REL(d, 47513.9, 1e-15);
    CCAP_ASSERT_STATUS(ccap_childcare_demand_slots(d, 0.8, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 59392.375, 1e-15);
    /* full occupancy: demand slots equal demand */
    CCAP_ASSERT_STATUS(ccap_childcare_demand_slots(d, 1.0, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, d, 0.0);
    /* take-up 0 and 1 are allowed ends of the domain: 71,309 children of age 2 only */
    {
        const double ends[3] = {0.0, 0.0, 1.0};
        CCAP_ASSERT_STATUS(ccap_childcare_demand(children, ends, 3, &d), CCAP_OK);
        CCAP_ASSERT_REL(d, 71309.0, 0.0);
    }
}

static void
test_childcare__demand_errors(void)
{
    const double children[3] = {60421.0, 63877.0, 71309.0};
    const double ok[3] = {0.05, 0.25, 0.40};
    double bad[3] = {0.05, 0.25, 0.40}, kids[3] = {60421.0, 63877.0, 71309.0};
    double d = 1.0, s = 1.0;

    bad[1] = 1.0000001; /* take-up above 1 */
    CCAP_ASSERT_STATUS(ccap_childcare_demand(children, bad, 3, &d), CCAP_EDOM);
    CU_ASSERT(isnan(d));
    bad[1] = -0.01; /* below 0 */
    CCAP_ASSERT_STATUS(ccap_childcare_demand(children, bad, 3, &d), CCAP_EDOM);
    bad[1] = NAN;
    CCAP_ASSERT_STATUS(ccap_childcare_demand(children, bad, 3, &d), CCAP_EDOM);
    kids[2] = -71309.0; /* negative children */
    CCAP_ASSERT_STATUS(ccap_childcare_demand(kids, ok, 3, &d), CCAP_EDOM);
    kids[2] = INFINITY;
    CCAP_ASSERT_STATUS(ccap_childcare_demand(kids, ok, 3, &d), CCAP_EDOM);
    /* ages 0-2 missing: two ages are not enough, four are too many */
    d = 1.0;
    CCAP_ASSERT_STATUS(ccap_childcare_demand(children, ok, 2, &d), CCAP_EINVAL);
    CU_ASSERT(isnan(d));
    CCAP_ASSERT_STATUS(ccap_childcare_demand(children, ok, 4, &d), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_demand(NULL, ok, 3, &d), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_demand(children, NULL, 3, &d), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_demand(children, ok, 3, NULL), CCAP_EINVAL);
    /* occupancy 0, above 1, negative, NaN */
    CCAP_ASSERT_STATUS(ccap_childcare_demand_slots(1000.0, 0.0, &s), CCAP_EDOM);
    CU_ASSERT(isnan(s));
    CCAP_ASSERT_STATUS(ccap_childcare_demand_slots(1000.0, 1.0000001, &s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_demand_slots(1000.0, -0.8, &s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_demand_slots(1000.0, NAN, &s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_demand_slots(-1000.0, 0.8, &s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_demand_slots(NAN, 0.8, &s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_demand_slots(1000.0, 0.8, NULL), CCAP_EINVAL);
}

/* ---- the inventory ---- */

static void
test_childcare__inventory_rows(void)
{
    ccap_childcare_entry e;
    const int *years;
    size_t n = 99;

    CU_ASSERT_EQUAL(ccap_childcare_inventory_count(inv), N_INVENTORY_ROWS);
    CU_ASSERT_EQUAL(ccap_childcare_inventory_n_regions(inv), 5);
    /* years sorted although 2024 came first */
    years = ccap_childcare_inventory_years(inv, &n);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_EQUAL(years[0], 2023);
    CU_ASSERT_EQUAL(years[1], 2024);
    /* rows keep their order; unknown enrolment reads as NAN */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_get(inv, 7, &e), CCAP_OK);
    CU_ASSERT_EQUAL(e.region, A11);
    CU_ASSERT_EQUAL(e.year, 2023);
    CU_ASSERT_EQUAL(e.provider, CCAP_PROVIDER_COMMUNITY);
    CU_ASSERT_EQUAL(e.inclusive, CCAP_INCLUSIVE_NO);
    CCAP_ASSERT_REL(e.slots, 45.5, 0.0);
    CU_ASSERT_FALSE(e.has_enrolled);
    CU_ASSERT(isnan(e.enrolled));
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_get(inv, 1, &e), CCAP_OK);
    CU_ASSERT_TRUE(e.has_enrolled);
    CCAP_ASSERT_REL(e.enrolled, 14.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_get(inv, N_INVENTORY_ROWS, &e), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_get(inv, 0, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_get(NULL, 0, &e), CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(ccap_childcare_inventory_years(NULL, &n));
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_PTR_NULL(ccap_childcare_inventory_years(inv, NULL));
    CU_ASSERT_PTR_NULL(ccap_childcare_inventory_alloc(0));
    CU_ASSERT_PTR_NULL(ccap_childcare_inventory_alloc(CCAP_POPULATION_REGIONS_MAX + 1));
    CU_ASSERT_EQUAL(ccap_childcare_inventory_count(NULL), 0);
    ccap_childcare_inventory_free(NULL);
}

static void
test_childcare__inventory_totals(void)
{
    double s = 0.0, e = 0.0;

    /* A11 2024: 150 + 12 + 30 = 192 slots, 131 + 14 + 22 = 167 enrolled */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(inv, tree, A11, 2024, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, &e),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 192.0, 0.0);
    CCAP_ASSERT_REL(e, 167.0, 0.0);
    /* B12 has no rows: B121 (80 + 25) + B122 37.5 = 142.5; C01: 192 + 142.5 = 334.5 slots,
     * enrolled 167 + (66 + 19) + 30 = 282 */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(inv, tree, B12, 2024, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, NULL),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 142.5, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(inv, tree, C01, 2024, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, &e),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 334.5, 0.0);
    CCAP_ASSERT_REL(e, 282.0, 0.0);
    /* filters: inclusive slots of C01 are A11's 150 institution + B121's 80 kindergarten */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(inv, tree, C01, 2024, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_YES, &s, &e),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 230.0, 0.0);
    CCAP_ASSERT_REL(e, 197.0, 0.0); /* 131 + 66 */
    /* market-priced: 334.5 - 230 = 104.5 */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(inv, tree, C01, 2024, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_NO, &s, NULL),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 104.5, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(inv, tree, C01, 2024,
                                                      CCAP_PROVIDER_KINDERGARTEN,
                                                      CCAP_INCLUSIVE_YES, &s, NULL),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 80.0, 0.0);
    /* B121's employer slots are not inclusive: 0 with data present */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(inv, tree, C01, 2024, CCAP_PROVIDER_EMPLOYER,
                                                      CCAP_INCLUSIVE_YES, &s, &e),
                       CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(s, 0.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(e, 0.0, 0.0);
    /* enrolment unknown in one row: the total is known, the enrolled sum is not */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(inv, tree, A11, 2023, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, &e),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 165.5, 0.0);
    CU_ASSERT(isnan(e));
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(inv, tree, A11, 2023, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_YES, &s, &e),
                       CCAP_OK);
    CCAP_ASSERT_REL(e, 97.0, 0.0);
    /* 2023: B122 has no rows, so neither B12 nor C01 can be summed */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(inv, tree, B12, 2023, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, &e),
                       CCAP_ENOTFOUND);
    CU_ASSERT(isnan(s));
    CU_ASSERT(isnan(e));
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(inv, tree, C01, 2023, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, NULL),
                       CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(inv, tree, B122, 2023, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, NULL),
                       CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(inv, tree, A11, 2019, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, NULL),
                       CCAP_ENOTFOUND);
    /* without a region table, a parent has only its own rows (none) */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(inv, NULL, C01, 2024, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, NULL),
                       CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(inv, NULL, A11, 2024, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, NULL),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 192.0, 0.0);
}

static void
test_childcare__inventory_parent_own_rows(void)
{
    ccap_childcare_inventory *own = ccap_childcare_inventory_alloc(5);
    double s = 0.0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(own);
    CU_ASSERT_EQUAL(add_fixture_rows(own), 0);
    /* The city reports its own 2024 total of 351: its own rows win over 334.5 from the
     * children.  B12 without rows is still the sum of its children. */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(own, C01, 2024, CCAP_PROVIDER_OTHER,
                                                    CCAP_INCLUSIVE_NO, 351.0, NULL, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(own, tree, C01, 2024, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, NULL),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 351.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(own, tree, C01, 2024, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_YES, &s, NULL),
                       CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(s, 0.0, 0.0); /* the city's own row is not inclusive */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(own, tree, B12, 2024, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, NULL),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 142.5, 0.0);
    /* A county with no slots at all is written as a 0 row; then 2023 sums:
     * B12 = 60 + 0 = 60, C01 = (120 + 45.5) + 60 = 225.5 */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(own, B122, 2023, CCAP_PROVIDER_OTHER,
                                                    CCAP_INCLUSIVE_NO, 0.0, NULL, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(own, tree, C01, 2023, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, NULL),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 225.5, 0.0);
    /* inclusive share of a region with data but no slots is undefined */
    CCAP_ASSERT_STATUS(
        ccap_childcare_inventory_inclusive_share(own, tree, B122, 2023, CCAP_PROVIDER_ANY, &s),
        CCAP_EDOM);
    CU_ASSERT(isnan(s));
    ccap_childcare_inventory_free(own);
}

static void
test_childcare__inventory_share_and_change(void)
{
    double x = 0.0;

    /* inclusive share of C01 in 2024: 230 / 334.5 = 0.68759342...; A11: 150 / 192 = 0.78125 */
    CCAP_ASSERT_STATUS(
        ccap_childcare_inventory_inclusive_share(inv, tree, C01, 2024, CCAP_PROVIDER_ANY, &x),
        CCAP_OK);
    CCAP_ASSERT_REL(x, 230.0 / 334.5, 1e-15);
    CCAP_ASSERT_REL(x, 0.687593423019, 1e-11);
    CCAP_ASSERT_STATUS(
        ccap_childcare_inventory_inclusive_share(inv, tree, A11, 2024, CCAP_PROVIDER_ANY, &x),
        CCAP_OK);
    CCAP_ASSERT_REL(x, 0.78125, 0.0);
    /* within one provider: B12's kindergarten slots are all inclusive */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_inclusive_share(inv, tree, B12, 2024,
                                                                CCAP_PROVIDER_KINDERGARTEN, &x),
                       CCAP_OK);
    CCAP_ASSERT_REL(x, 1.0, 0.0);
    CCAP_ASSERT_STATUS(
        ccap_childcare_inventory_inclusive_share(inv, tree, C01, 2023, CCAP_PROVIDER_ANY, &x),
        CCAP_ENOTFOUND);
    CU_ASSERT(isnan(x));
    CCAP_ASSERT_STATUS(
        ccap_childcare_inventory_inclusive_share(inv, tree, C01, 2024, CCAP_PROVIDER_ANY, NULL),
        CCAP_EINVAL);

    /* net change 2023 -> 2024: A11 192 - 165.5 = +26.5; B121 105 - 60 = +45;
     * A11 community 30 - 45.5 = -15.5 (net closures); A11 inclusive 150 - 120 = +30 */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_change(inv, tree, A11, 2023, 2024,
                                                       CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_ANY, &x),
                       CCAP_OK);
    CCAP_ASSERT_REL(x, 26.5, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_change(inv, tree, B121, 2023, 2024,
                                                       CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_ANY, &x),
                       CCAP_OK);
    CCAP_ASSERT_REL(x, 45.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_change(inv, tree, A11, 2023, 2024,
                                                       CCAP_PROVIDER_COMMUNITY, CCAP_INCLUSIVE_ANY,
                                                       &x),
                       CCAP_OK);
    CCAP_ASSERT_REL(x, -15.5, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_change(inv, tree, A11, 2023, 2024,
                                                       CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_YES, &x),
                       CCAP_OK);
    CCAP_ASSERT_REL(x, 30.0, 0.0);
    /* reversed years flip the sign */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_change(inv, tree, A11, 2024, 2023,
                                                       CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_ANY, &x),
                       CCAP_OK);
    CCAP_ASSERT_REL(x, -26.5, 0.0);
    /* a year without data */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_change(inv, tree, C01, 2023, 2024,
                                                       CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_ANY, &x),
                       CCAP_ENOTFOUND);
    CU_ASSERT(isnan(x));
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_change(inv, tree, A11, 2023, 2024,
                                                       CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_ANY, NULL),
                       CCAP_EINVAL);
}

static void
test_childcare__inventory_errors(void)
{
    ccap_childcare_inventory *t = ccap_childcare_inventory_alloc(5);
    ccap_regions *unfinished = ccap_regions_alloc();
    ccap_regions *small = ccap_regions_alloc();
    const double enrolled = 88.0, negative = -1.0, nan_value = NAN;
    size_t dup = 99;
    double s = 0.0, e = 0.0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(unfinished);
    CU_ASSERT_PTR_NOT_NULL_FATAL(small);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(t, A11, 2024, CCAP_PROVIDER_INSTITUTION,
                                                    CCAP_INCLUSIVE_YES, 96.0, &enrolled, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(t, A11, 2024, CCAP_PROVIDER_HOME,
                                                    CCAP_INCLUSIVE_YES, 6.0, NULL, NULL),
                       CCAP_OK);
    /* duplicate key, even with other numbers */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(t, A11, 2024, CCAP_PROVIDER_INSTITUTION,
                                                    CCAP_INCLUSIVE_YES, 12.0, NULL, &dup),
                       CCAP_EEXIST);
    CU_ASSERT_EQUAL(dup, 0);
    /* the same provider with the other flag is another key */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(t, A11, 2024, CCAP_PROVIDER_INSTITUTION,
                                                    CCAP_INCLUSIVE_NO, 12.0, NULL, &dup),
                       CCAP_OK);
    /* negative, NaN and infinite slots; negative and NaN enrolment */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(t, A11, 2025, CCAP_PROVIDER_OTHER,
                                                    CCAP_INCLUSIVE_NO, -3.0, NULL, NULL),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(t, A11, 2025, CCAP_PROVIDER_OTHER,
                                                    CCAP_INCLUSIVE_NO, NAN, NULL, NULL),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(t, A11, 2025, CCAP_PROVIDER_OTHER,
                                                    CCAP_INCLUSIVE_NO, INFINITY, NULL, NULL),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(t, A11, 2025, CCAP_PROVIDER_OTHER,
                                                    CCAP_INCLUSIVE_NO, 3.0, &negative, NULL),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(t, A11, 2025, CCAP_PROVIDER_OTHER,
                                                    CCAP_INCLUSIVE_NO, 3.0, &nan_value, NULL),
                       CCAP_EDOM);
    /* unknown provider, filter values where a single value is needed, bad region */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(t, A11, 2025, (ccap_provider)7,
                                                    CCAP_INCLUSIVE_NO, 3.0, NULL, NULL),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(t, A11, 2025, (ccap_provider)-1,
                                                    CCAP_INCLUSIVE_NO, 3.0, NULL, NULL),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(t, A11, 2025, CCAP_PROVIDER_OTHER,
                                                    CCAP_INCLUSIVE_ANY, 3.0, NULL, NULL),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(t, 5, 2025, CCAP_PROVIDER_OTHER,
                                                    CCAP_INCLUSIVE_NO, 3.0, NULL, NULL),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(NULL, A11, 2025, CCAP_PROVIDER_OTHER,
                                                    CCAP_INCLUSIVE_NO, 3.0, NULL, NULL),
                       CCAP_EINVAL);
    CU_ASSERT_EQUAL(ccap_childcare_inventory_count(t), 3); /* nothing added by the failures */
    {
        size_t n;
        ccap_childcare_inventory_years(t, &n);
        CU_ASSERT_EQUAL(n, 1);
    }

    /* query errors */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(t, tree, A11, 2024, (ccap_provider)8,
                                                      CCAP_INCLUSIVE_ANY, &s, &e),
                       CCAP_EINVAL);
    CU_ASSERT(isnan(s));
    CU_ASSERT(isnan(e));
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(t, tree, A11, 2024, CCAP_PROVIDER_ANY,
                                                      (ccap_inclusive)3, &s, NULL),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(t, tree, 5, 2024, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, NULL),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(NULL, tree, A11, 2024, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, NULL),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(t, tree, A11, 2024, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, NULL, &e),
                       CCAP_EINVAL);
    CU_ASSERT(isnan(e));
    /* a region table of another size, or one not finished */
    ccap_regions_add(small, "X", NULL, NULL, NULL, NULL);
    ccap_regions_finish(small, NULL);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(t, small, 0, 2024, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, NULL),
                       CCAP_EINVAL);
    {
        const char *codes[5] = {"C01", "A11", "B12", "B121", "B122"};
        size_t k;
        for (k = 0; k < 5; k++)
            ccap_regions_add(unfinished, codes[k], NULL, NULL, NULL, NULL);
    }
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(t, unfinished, A11, 2024, CCAP_PROVIDER_ANY,
                                                      CCAP_INCLUSIVE_ANY, &s, NULL),
                       CCAP_ESTATE);
    ccap_regions_free(small);
    ccap_regions_free(unfinished);
    ccap_childcare_inventory_free(t);
}

/* ---- take-up and targets ---- */

static void
test_childcare__takeup(void)
{
    ccap_childcare_takeup *t = ccap_childcare_takeup_alloc();
    const double ok[3] = {0.05, 0.25, 0.40}, b12[3] = {0.0, 0.125, 1.0};
    double bad[3] = {0.05, 0.25, 0.40};
    const double *rates = NULL;
    size_t region = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    /* nothing yet: not found */
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_find(t, A11, &rates), CCAP_ENOTFOUND);
    CU_ASSERT_PTR_NULL(rates);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_set(t, B12, b12, 3), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_find(t, A11, &rates), CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_set(t, CCAP_REGION_ALL, ok, 3), CCAP_OK);
    /* a region's own rates, else the default */
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_find(t, B12, &rates), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rates);
    CCAP_ASSERT_REL(rates[1], 0.125, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_find(t, A11, &rates), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rates);
    CCAP_ASSERT_REL(rates[2], 0.40, 0.0);
    CU_ASSERT_EQUAL(ccap_childcare_takeup_count(t), 2);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_get(t, 1, &region, &rates), CCAP_OK);
    CU_ASSERT_EQUAL(region, CCAP_REGION_ALL);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_get(t, 2, &region, &rates), CCAP_EINVAL);
    /* errors: outside [0, 1], NaN, missing ages, duplicates */
    bad[0] = 1.5;
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_set(t, A11, bad, 3), CCAP_EDOM);
    bad[0] = -0.05;
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_set(t, A11, bad, 3), CCAP_EDOM);
    bad[0] = NAN;
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_set(t, A11, bad, 3), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_set(t, A11, ok, 2), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_set(t, A11, NULL, 3), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_set(t, B12, ok, 3), CCAP_EEXIST);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_set(t, CCAP_REGION_ALL, ok, 3), CCAP_EEXIST);
    CU_ASSERT_EQUAL(ccap_childcare_takeup_count(t), 2);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_find(NULL, A11, &rates), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_find(t, A11, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_set(NULL, A11, ok, 3), CCAP_EINVAL);
    ccap_childcare_takeup_free(t);
    ccap_childcare_takeup_free(NULL);
}

static void
test_childcare__targets(void)
{
    const size_t zero = 0, three[3] = {0, 1, 2};
    ccap_schedule *t = ccap_schedule_alloc(&zero, 1, CCAP_AGE_OPEN);
    ccap_schedule *wide = ccap_schedule_alloc(three, 3, 3);
    const double national = 4.5, city = 4.1, county = 2.03, city_2025 = 4.6;
    double x = 0.0;
    int y = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(wide);
    ccap_schedule_add(t, CCAP_REGION_ALL, 2025, CCAP_SEX_BOTH, &national, 1);
    ccap_schedule_add(t, C01, 2024, CCAP_SEX_BOTH, &city, 1);
    ccap_schedule_add(t, A11, 2021, CCAP_SEX_BOTH, &county, 1);
    /* C01: its own 4.1 at the end of 2024; the later '*' 4.5 from 2025 on */
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(t, C01, 2024, &x, &y), CCAP_OK);
    CCAP_ASSERT_REL(x, 4.1, 0.0);
    CU_ASSERT_EQUAL(y, 2024);
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(t, C01, 2025, &x, &y), CCAP_OK);
    CCAP_ASSERT_REL(x, 4.5, 0.0);
    CU_ASSERT_EQUAL(y, 2025);
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(t, C01, 2030, &x, NULL), CCAP_OK);
    CCAP_ASSERT_REL(x, 4.5, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(t, C01, 2023, &x, &y), CCAP_ENOTFOUND);
    CU_ASSERT(isnan(x));
    /* A11: own 2.03 from 2021 until '*' takes over in 2025 */
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(t, A11, 2023, &x, &y), CCAP_OK);
    CCAP_ASSERT_REL(x, 2.03, 0.0);
    CU_ASSERT_EQUAL(y, 2021);
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(t, A11, 2025, &x, NULL), CCAP_OK);
    CCAP_ASSERT_REL(x, 4.5, 0.0);
    /* B12: only '*' */
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(t, B12, 2024, &x, NULL), CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(t, B12, 2026, &x, NULL), CCAP_OK);
    CCAP_ASSERT_REL(x, 4.5, 0.0);
    /* on the same year the region's own entry wins, whatever the order of the entries */
    ccap_schedule_add(t, C01, 2025, CCAP_SEX_BOTH, &city_2025, 1);
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(t, C01, 2025, &x, NULL), CCAP_OK);
    CCAP_ASSERT_REL(x, 4.6, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(t, A11, 2025, &x, NULL), CCAP_OK);
    CCAP_ASSERT_REL(x, 4.5, 0.0);
    /* errors */
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(t, CCAP_REGION_ALL, 2025, &x, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(wide, C01, 2025, &x, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(NULL, C01, 2025, &x, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(t, C01, 2025, NULL, NULL), CCAP_EINVAL);
    ccap_schedule_free(wide);
    ccap_schedule_free(t);
}

/* ---- the table of metrics ---- */

static void
test_childcare__metrics_table(void)
{
    ccap_childcare_row rows[5];

    CCAP_ASSERT_STATUS(ccap_childcare_metrics_table(pop, tree, inv, 2024, takeup, 0.8, rows, 5),
                       CCAP_OK);
    /* preorder: C01, A11, B12, B121, B122 */
    CU_ASSERT_EQUAL(rows[0].region, C01);
    CU_ASSERT_EQUAL(rows[1].region, A11);
    CU_ASSERT_EQUAL(rows[2].region, B12);
    CU_ASSERT_EQUAL(rows[3].region, B121);
    CU_ASSERT_EQUAL(rows[4].region, B122);
    CU_ASSERT_EQUAL(rows[0].depth, 0);
    CU_ASSERT_EQUAL(rows[3].depth, 2);

    /* A11: female 1200.5 + 1250.25 + 1300.75 + 1350 + 95000 = 100,101.5,
     *      male   1290.5 + 1340.25 + 1380 + 1420 + 94000   =  99,430.75; total 199,532.25.
     * Under 3: 3,751.5 + 4,010.75 = 7,762.25.  Slots 192 (150 inclusive), 167 enrolled.
     * per 1,000 = 192,000 / 199,532.25 = 0.96225046...;
     * per 100 under 3 = 19,200 / 7,762.25 = 2.47350961...;
     * utilisation 167 / 192 = 0.86979166...; inclusive share 150 / 192 = 0.78125.
     * Demand with A11's own rates 0.03, 0.20, 0.35 on ages 0, 1, 2 (both sexes)
     * 2,491, 2,590.5, 2,680.75: 74.73 + 518.1 + 938.2625 = 1,531.0925; / 0.8 = 1,913.865625. */
    CCAP_ASSERT_REL(rows[1].population, 199532.25, 1e-15);
    CCAP_ASSERT_REL(rows[1].under3, 7762.25, 1e-15);
    CCAP_ASSERT_REL(rows[1].slots, 192.0, 0.0);
    CCAP_ASSERT_REL(rows[1].inclusive_slots, 150.0, 0.0);
    CCAP_ASSERT_REL(rows[1].enrolled, 167.0, 0.0);
    CCAP_ASSERT_REL(rows[1].per_1000, 0.962250463271, 1e-11);
    CCAP_ASSERT_REL(rows[1].coverage_per_100, 2.47350961384, 1e-11);
    CCAP_ASSERT_REL(rows[1].utilisation, 0.869791666667, 1e-11);
    CCAP_ASSERT_REL(rows[1].inclusive_share, 0.78125, 1e-15);
    CCAP_ASSERT_REL(rows[1].demand, 1531.0925, 1e-14);
    CCAP_ASSERT_REL(rows[1].demand_slots, 1913.865625, 1e-14);

    /* B121 with the '*' rates 0.05, 0.25, 0.40 on 1,251, 1,270.5, 1,330.5:
     * 62.55 + 317.625 + 532.2 = 912.375.  B122 on 610, 656.25, 680.25:
     * 30.5 + 164.0625 + 272.1 = 466.6625.  B12 = 1,379.0375; C01 = 2,910.13. */
    CCAP_ASSERT_REL(rows[3].demand, 912.375, 1e-14);
    CCAP_ASSERT_REL(rows[4].demand, 466.6625, 1e-14);
    CCAP_ASSERT_REL(rows[2].demand, 1379.0375, 1e-14);
    CCAP_ASSERT_REL(rows[0].demand, 2910.13, 1e-14);
    CCAP_ASSERT_REL(rows[0].demand_slots, 2910.13 / 0.8, 1e-14);

    /* C01: population 199,532.25 + 100,702 + 52,146.5 = 352,380.75; under 3
     * 7,762.25 + 3,852 + 1,946.5 = 13,560.75; slots 334.5, inclusive 230, enrolled 282.
     * per 1,000 = 334,500 / 352,380.75 = 0.94925730...; per 100 = 33,450 / 13,560.75
     * = 2.46667773...; utilisation 282 / 334.5 = 0.84304933...; share 0.68759342... */
    CCAP_ASSERT_REL(rows[0].population, 352380.75, 1e-15);
    CCAP_ASSERT_REL(rows[0].under3, 13560.75, 1e-15);
    CCAP_ASSERT_REL(rows[0].slots, 334.5, 0.0);
    CCAP_ASSERT_REL(rows[0].per_1000, 0.949257301938, 1e-11);
    CCAP_ASSERT_REL(rows[0].coverage_per_100, 2.46667772800, 1e-11);
    CCAP_ASSERT_REL(rows[0].utilisation, 0.843049327354, 1e-11);
    CCAP_ASSERT_REL(rows[0].inclusive_share, 0.687593423019, 1e-11);
    /* B12: population 100,702 + 52,146.5 = 152,848.5; slots 142.5 */
    CCAP_ASSERT_REL(rows[2].population, 152848.5, 1e-15);
    CCAP_ASSERT_REL(rows[2].slots, 142.5, 0.0);
    /* Invariant: every additive column of a parent is the sum of its children. */
    CCAP_ASSERT_REL(rows[0].under3, rows[1].under3 + rows[2].under3, 1e-15);
    CCAP_ASSERT_REL(rows[2].under3, rows[3].under3 + rows[4].under3, 1e-15);
    CCAP_ASSERT_REL(rows[2].enrolled, rows[3].enrolled + rows[4].enrolled, 1e-15);
    CCAP_ASSERT_REL(rows[0].demand_slots, rows[1].demand_slots + rows[2].demand_slots, 1e-14);
    /* The single-row function gives the same numbers. */
    {
        ccap_childcare_row one;
        CCAP_ASSERT_STATUS(ccap_childcare_metrics_row(pop, tree, inv, 2024, takeup, 0.8, B12, &one),
                           CCAP_OK);
        CU_ASSERT_EQUAL(memcmp(&one, &rows[2], sizeof one), 0);
    }
}

static void
test_childcare__metrics_missing_values(void)
{
    ccap_childcare_row rows[5];

    /* 2023: B122 has no slot rows, so B12 and C01 have no slot total either; A11's
     * enrolment is not known for every row.  None of this is an error. */
    CCAP_ASSERT_STATUS(ccap_childcare_metrics_table(pop, tree, inv, 2023, NULL, 0.0, rows, 5),
                       CCAP_OK);
    CU_ASSERT(isnan(rows[0].slots));
    CU_ASSERT(isnan(rows[0].per_1000));
    CU_ASSERT(isnan(rows[2].slots));
    CU_ASSERT(isnan(rows[4].slots));
    CCAP_ASSERT_REL(rows[1].slots, 165.5, 0.0);
    CU_ASSERT(isnan(rows[1].enrolled));
    CU_ASSERT(isnan(rows[1].utilisation));
    CCAP_ASSERT_REL(rows[1].inclusive_share, 120.0 / 165.5, 1e-15);
    /* B121 2023: 60 slots, 41 enrolled: 41 / 60 */
    CCAP_ASSERT_REL(rows[3].utilisation, 41.0 / 60.0, 1e-15);
    /* no take-up: no demand (and the occupancy is not looked at) */
    CU_ASSERT(isnan(rows[1].demand));
    CU_ASSERT(isnan(rows[1].demand_slots));
    /* the population is there all the same */
    CCAP_ASSERT_REL(rows[0].population, 352380.75, 1e-15);
}

static void
test_childcare__metrics_errors(void)
{
    ccap_childcare_row rows[5], one;
    ccap_population *five = ccap_population_alloc(5, 18, 5);
    ccap_population *short_ages = ccap_population_alloc(5, 3, 1); /* 0, 1, 2+ */
    ccap_childcare_inventory *other = ccap_childcare_inventory_alloc(4);
    ccap_childcare_takeup *partial = ccap_childcare_takeup_alloc();
    const double rates[3] = {0.05, 0.25, 0.40};

    CU_ASSERT_PTR_NOT_NULL_FATAL(five);
    CU_ASSERT_PTR_NOT_NULL_FATAL(short_ages);
    CU_ASSERT_PTR_NOT_NULL_FATAL(other);
    CU_ASSERT_PTR_NOT_NULL_FATAL(partial);
    /* 5-year groups (no ages 0, 1, 2 of their own) and too few single years */
    CCAP_ASSERT_STATUS(ccap_childcare_metrics_table(five, tree, inv, 2024, takeup, 0.8, rows, 5),
                       CCAP_EDOM);
    CU_ASSERT(isnan(rows[0].slots) && isnan(rows[4].demand));
    CCAP_ASSERT_STATUS(
        ccap_childcare_metrics_table(short_ages, tree, inv, 2024, takeup, 0.8, rows, 5), CCAP_EDOM);
    /* occupancy outside (0, 1] when demand is asked for */
    CCAP_ASSERT_STATUS(ccap_childcare_metrics_table(pop, tree, inv, 2024, takeup, 0.0, rows, 5),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_metrics_table(pop, tree, inv, 2024, takeup, 1.25, rows, 5),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_metrics_table(pop, tree, inv, 2024, takeup, NAN, rows, 5),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_childcare_metrics_row(pop, tree, inv, 2024, takeup, 0.0, A11, &one),
                       CCAP_EDOM);
    CU_ASSERT(isnan(one.population) && isnan(one.demand_slots));
    /* take-up for A11 only: B121 and B122 have none (nor '*') */
    ccap_childcare_takeup_set(partial, A11, rates, 3);
    CCAP_ASSERT_STATUS(ccap_childcare_metrics_table(pop, tree, inv, 2024, partial, 0.8, rows, 5),
                       CCAP_ENOTFOUND);
    CU_ASSERT(isnan(rows[0].population) && isnan(rows[1].demand)); /* all rows poisoned */
    CCAP_ASSERT_STATUS(ccap_childcare_metrics_row(pop, tree, inv, 2024, partial, 0.8, A11, &one),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_childcare_metrics_row(pop, tree, inv, 2024, partial, 0.8, B12, &one),
                       CCAP_ENOTFOUND);
    CU_ASSERT(isnan(one.population));
    /* sizes */
    CCAP_ASSERT_STATUS(ccap_childcare_metrics_table(pop, tree, inv, 2024, takeup, 0.8, rows, 4),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_metrics_table(pop, tree, other, 2024, takeup, 0.8, rows, 5),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_metrics_table(NULL, tree, inv, 2024, takeup, 0.8, rows, 5),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_metrics_table(pop, tree, inv, 2024, takeup, 0.8, NULL, 5),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_metrics_row(pop, tree, inv, 2024, takeup, 0.8, 5, &one),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_childcare_metrics_row(pop, tree, inv, 2024, takeup, 0.8, A11, NULL),
                       CCAP_EINVAL);
    ccap_childcare_takeup_free(partial);
    ccap_childcare_inventory_free(other);
    ccap_population_free(short_ages);
    ccap_population_free(five);
}

/* ---- files ---- */

static ccap_regions *file_regions; /* tests/data/regions.csv: C01, A11, B121, B12, B122 */

static int
setup_files(void)
{
    char path[512];

    return ccap_csv_read_regions(ccap_test_data(path, sizeof path, "regions.csv"), &file_regions,
                                 NULL, NULL) != CCAP_OK;
}

static int
teardown_files(void)
{
    ccap_regions_free(file_regions);
    file_regions = NULL;
    return 0;
}

static size_t
code(const char *c)
{
    size_t index = (size_t)-1;

    ccap_regions_find(file_regions, c, &index);
    return index;
}

/* Totals of cc_slots.csv (the fixture rows in a file) in 2024: C01 334.5, B12 142.5. */
static void
check_slots_2024(const ccap_childcare_inventory *got)
{
    double s = 0.0;

    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(got, file_regions, code("C01"), 2024,
                                                      CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_ANY, &s,
                                                      NULL),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 334.5, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(got, file_regions, code("B12"), 2024,
                                                      CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_YES, &s,
                                                      NULL),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 80.0, 0.0);
}

static void
test_childcare__read_write_slots(void)
{
    ccap_childcare_inventory *a = NULL, *b = NULL, *flags = NULL;
    ccap_childcare_entry ea, eb;
    char path[512], tmp[512];
    ccap_diag diag;
    double s = 0.0, e = 0.0;
    size_t i;

    CCAP_ASSERT_STATUS(ccap_csv_read_slots(ccap_test_data(path, sizeof path, "cc_slots.csv"),
                                           file_regions, &a, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(ccap_childcare_inventory_count(a), 9);
    check_slots_2024(a);
    /* an empty enrolled cell is unknown */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(a, file_regions, code("A11"), 2023,
                                                      CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_ANY, &s,
                                                      &e),
                       CCAP_OK);
    CU_ASSERT(isnan(e));
    /* the same table as a spreadsheet writes it: CRLF, quotes, capitals, 1/FALSE/No flags,
     * padded numbers, an empty row and no enrolled column */
    CCAP_ASSERT_STATUS(ccap_csv_read_slots(ccap_test_data(path, sizeof path, "cc_slots_flags.csv"),
                                           file_regions, &flags, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(flags);
    check_slots_2024(flags);

    ccap_test_tmp(tmp, sizeof tmp, "roundtrip_slots.csv");
    CCAP_ASSERT_STATUS(ccap_csv_write_slots(tmp, file_regions, a, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_read_slots(tmp, file_regions, &b, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(ccap_childcare_inventory_count(b), ccap_childcare_inventory_count(a));
    for (i = 0; i < ccap_childcare_inventory_count(a); i++) {
        ccap_childcare_inventory_get(a, i, &ea);
        ccap_childcare_inventory_get(b, i, &eb);
        CU_ASSERT(ea.region == eb.region && ea.year == eb.year && ea.provider == eb.provider &&
                  ea.inclusive == eb.inclusive && ea.has_enrolled == eb.has_enrolled);
        CCAP_ASSERT_REL(eb.slots, ea.slots, 0.0);
        if (ea.has_enrolled) {
            CCAP_ASSERT_REL(eb.enrolled, ea.enrolled, 0.0);
        }
    }
    unlink(tmp);
    /* writer errors */
    CCAP_ASSERT_STATUS(ccap_csv_write_slots(tmp, file_regions, NULL, &diag), CCAP_EINVAL);
    {
        ccap_childcare_inventory *wrong = ccap_childcare_inventory_alloc(3);
        CCAP_ASSERT_STATUS(ccap_csv_write_slots(tmp, file_regions, wrong, &diag), CCAP_EINVAL);
        ccap_childcare_inventory_free(wrong);
    }
    ccap_childcare_inventory_free(flags);
    ccap_childcare_inventory_free(b);
    ccap_childcare_inventory_free(a);
}

/* Read a slots file of the bad-input corpus and compare the whole message. */
static void
check_slots_refused(const char *name, int status, const char *message)
{
    ccap_childcare_inventory *got = NULL;
    char path[512];
    ccap_diag diag;

    CCAP_ASSERT_STATUS(ccap_csv_read_slots(ccap_test_data(path, sizeof path, name), file_regions,
                                           &got, NULL, &diag),
                       status);
    CU_ASSERT_PTR_NULL(got);
    if (strcmp(diag.message, message) != 0)
        printf("\n%s: got      %s\n%s: expected %s\n", name, diag.message, name, message);
    CU_ASSERT_STRING_EQUAL(diag.message, message);
    ccap_childcare_inventory_free(got);
}

/* What a spreadsheet makes of a slots table, refused with a message that says what
 * happened: an unquoted 1,911 (slots 1, enrolled 911), enrolled three times the slots,
 * a district's rows beside those of one of its streets (乙区 B12 above 乙一街道 B121), one
 * of provider and inclusive without the other, a totals row twice. */
static void
test_childcare__slots_misreads_refused(void)
{
    check_slots_refused("bad/cc_slots_thousands_enrolled.csv", CCAP_EPARSE,
                        "enrolled 911 exceeds slots 1: is it slots 1,911 split at its comma? a "
                        "number with a thousands separator needs quotes (\"1,911\")");
    /* 75 > 2 x 25 = 50; the fields are no split number (25 and 75: the second is not three
     * digits) */
    check_slots_refused("bad/cc_slots_enrolled_thrice.csv", CCAP_EDOM,
                        "enrolled 75 exceeds slots 25 more than twice: check the columns "
                        "(over-enrolment is possible, not on that scale)");
    check_slots_refused("bad/cc_slots_parent_beside_children.csv", CCAP_EPARSE,
                        "B12 (乙区) has rows for 2024 (line 4) beside those of B121 (乙一街道), "
                        "one of its areas (line 3): give the slots of its areas only (ccap adds "
                        "them up), or of B12 alone");
    check_slots_refused("bad/cc_slots_inclusive_only.csv", CCAP_EPARSE,
                        "missing column; a table with the inclusive column needs the provider "
                        "column as well (or neither, for totals only)");
    check_slots_refused("bad/cc_slots_totals_duplicate.csv", CCAP_EPARSE,
                        "duplicate row: region 'A11', 2024 already on line 2");
    check_slots_refused("bad/cc_slots_bad_inclusive.csv", CCAP_EPARSE,
                        "'maybe' is not an inclusive flag; expected yes or no (or 1 and 0, true "
                        "and false, 是 and 否, 普惠 and 非普惠)");
}

/* Slots as Chinese spreadsheets write them: provider types by their Chinese names, the
 * inclusive flag as 普惠 / 非普惠 / 是 / 否, over-enrolment within twice the slots (14 in 12
 * slots, as the fixture); and a table of county totals without provider or inclusive
 * columns, read as provider 'other', not inclusive, with a warning. */
static void
test_childcare__slots_spreadsheet_forms(void)
{
    ccap_childcare_inventory *got = NULL;
    ccap_childcare_entry e;
    char path[512];
    ccap_diag diag;
    double s = 0.0, en = 0.0;

    ccap_test_write(path, sizeof path, "slots_zh.csv",
                    "region,year,provider,inclusive,slots,enrolled\n"
                    "A11,2024,托育机构,普惠,150,131\n"
                    "A11,2024,家庭托育点,非普惠,12,14\n"
                    "A11,2024,社区托育点,否,30,22\n"
                    "B121,2024,幼儿园托班,是,80,66\n"
                    "B121,2024,用人单位,非普惠,25,19\n"
                    "B122,2024,商业综合体,否,37.5,30\n"
                    "B122,2024,其他,普惠,2.5,\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_slots(path, file_regions, &got, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_STRING_EQUAL(diag.message, "");
    CU_ASSERT_EQUAL(ccap_childcare_inventory_count(got), 7);
    ccap_childcare_inventory_get(got, 0, &e);
    CU_ASSERT(e.provider == CCAP_PROVIDER_INSTITUTION && e.inclusive == CCAP_INCLUSIVE_YES);
    ccap_childcare_inventory_get(got, 6, &e);
    CU_ASSERT(e.provider == CCAP_PROVIDER_OTHER && e.inclusive == CCAP_INCLUSIVE_YES);
    /* the cc_slots.csv totals of 2024, 334.5, and 2.5 more; inclusive 150 + 80 + 2.5 */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(got, file_regions, code("C01"), 2024,
                                                      CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_ANY, &s,
                                                      NULL),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 337.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(got, file_regions, code("C01"), 2024,
                                                      CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_YES, &s,
                                                      NULL),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 232.5, 0.0);
    ccap_childcare_inventory_free(got);
    got = NULL;
    unlink(path);

    ccap_test_write(path, sizeof path, "slots_totals.csv",
                    "地区,年份,托位数\n"
                    "A11,2024,192\n"
                    "B121,2024,105\n"
                    "B122,2024,37.5\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_slots(path, file_regions, &got, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_EQUAL(diag.line, 1);
    CU_ASSERT_STRING_EQUAL(diag.message,
                           "no provider and inclusive columns: the slots are read as totals of "
                           "provider 'other', not inclusive (普惠), so the inclusive share is 0");
    ccap_childcare_inventory_get(got, 1, &e);
    CU_ASSERT(e.region == code("B121") && e.provider == CCAP_PROVIDER_OTHER &&
              e.inclusive == CCAP_INCLUSIVE_NO && !e.has_enrolled);
    CCAP_ASSERT_REL(e.slots, 105.0, 0.0);
    /* 192 + 105 + 37.5 = 334.5, as the full table */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_total(got, file_regions, code("C01"), 2024,
                                                      CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_ANY, &s,
                                                      &en),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 334.5, 0.0);
    ccap_childcare_inventory_free(got);
    unlink(path);
}

/* A per-1,000 target with the per mille sign (‰) is read as the number before it; a
 * percentage is not a per-1,000 figure. */
static void
test_childcare__targets_per_mille(void)
{
    ccap_schedule *got = NULL;
    const double *v = NULL;
    char path[512];
    ccap_diag diag;
    int used = 0;

    ccap_test_write(path, sizeof path, "targets_permille.csv",
                    "region,year,slots_per_1000\n"
                    "*,2024,4.1‰\n"
                    "*,2025,4.5 ‰\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_targets(path, file_regions, &got, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CCAP_ASSERT_STATUS(ccap_schedule_find(got, code("A11"), 2025, CCAP_SEX_BOTH, &v, &used),
                       CCAP_OK);
    CCAP_ASSERT_REL(v[0], 4.5, 0.0);
    CCAP_ASSERT_STATUS(ccap_schedule_find(got, code("A11"), 2024, CCAP_SEX_BOTH, &v, &used),
                       CCAP_OK);
    CCAP_ASSERT_REL(v[0], 4.1, 0.0);
    ccap_schedule_free(got);
    got = NULL;
    ccap_test_write(path, sizeof path, "targets_permille.csv",
                    "region,year,slots_per_1000\n"
                    "*,2025,0.45%\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_targets(path, file_regions, &got, NULL, &diag), CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(got);
    CU_ASSERT_STRING_EQUAL(diag.message, "'0.45%' is not a number");
    ccap_test_write(path, sizeof path, "targets_permille.csv",
                    "region,year,slots_per_1000\n"
                    "*,2025,‰\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_targets(path, file_regions, &got, NULL, &diag), CCAP_EPARSE);
    CU_ASSERT_STRING_EQUAL(diag.message, "empty value");
    unlink(path);
}

static void
test_childcare__read_write_targets(void)
{
    ccap_schedule *a = NULL, *b = NULL;
    char path[512], tmp[512];
    ccap_diag diag;
    double x = 0.0;

    CCAP_ASSERT_STATUS(ccap_csv_read_targets(ccap_test_data(path, sizeof path, "cc_targets.csv"),
                                             file_regions, &a, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(ccap_schedule_count(a), 2);
    /* C01 4.1 at the end of 2024, then the national 4.5; A11 only the national one */
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(a, code("C01"), 2024, &x, NULL), CCAP_OK);
    CCAP_ASSERT_REL(x, 4.1, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(a, code("C01"), 2025, &x, NULL), CCAP_OK);
    CCAP_ASSERT_REL(x, 4.5, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(a, code("A11"), 2024, &x, NULL), CCAP_ENOTFOUND);
    ccap_test_tmp(tmp, sizeof tmp, "roundtrip_targets.csv");
    CCAP_ASSERT_STATUS(ccap_csv_write_targets(tmp, file_regions, a, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_read_targets(tmp, file_regions, &b, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(ccap_schedule_count(b), 2);
    CCAP_ASSERT_STATUS(ccap_childcare_target_find(b, code("B122"), 2031, &x, NULL), CCAP_OK);
    CCAP_ASSERT_REL(x, 4.5, 0.0);
    unlink(tmp);
    /* a schedule that is not a target table */
    {
        const size_t ages[2] = {0, 1};
        ccap_schedule *two = ccap_schedule_alloc(ages, 2, CCAP_AGE_OPEN);
        CCAP_ASSERT_STATUS(ccap_csv_write_targets(tmp, file_regions, two, &diag), CCAP_EINVAL);
        ccap_schedule_free(two);
    }
    ccap_schedule_free(b);
    ccap_schedule_free(a);
}

static void
test_childcare__read_write_takeup(void)
{
    ccap_childcare_takeup *a = NULL, *b = NULL, *all = NULL;
    const double *r = NULL;
    char path[512], tmp[512];
    ccap_diag diag;

    CCAP_ASSERT_STATUS(ccap_csv_read_takeup(ccap_test_data(path, sizeof path, "cc_takeup.csv"),
                                            file_regions, &a, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(ccap_childcare_takeup_count(a), 2);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_find(a, code("A11"), &r), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CCAP_ASSERT_REL(r[0], 0.03, 0.0);
    CCAP_ASSERT_REL(r[2], 0.35, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_find(a, code("B122"), &r), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CCAP_ASSERT_REL(r[1], 0.25, 0.0);
    /* without a region column every row is for '*'; rows in any order */
    CCAP_ASSERT_STATUS(ccap_csv_read_takeup(ccap_test_data(path, sizeof path, "cc_takeup_all.csv"),
                                            file_regions, &all, NULL, &diag),
                       CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(all);
    CU_ASSERT_EQUAL(ccap_childcare_takeup_count(all), 1);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_find(all, code("A11"), &r), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CCAP_ASSERT_REL(r[0], 0.05, 0.0);
    CCAP_ASSERT_REL(r[1], 0.25, 0.0);
    CCAP_ASSERT_REL(r[2], 0.4, 0.0);

    ccap_test_tmp(tmp, sizeof tmp, "roundtrip_takeup.csv");
    CCAP_ASSERT_STATUS(ccap_csv_write_takeup(tmp, file_regions, a, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_csv_read_takeup(tmp, file_regions, &b, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(ccap_childcare_takeup_count(b), 2);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_find(b, code("A11"), &r), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CCAP_ASSERT_REL(r[1], 0.2, 0.0);
    CCAP_ASSERT_STATUS(ccap_childcare_takeup_find(b, code("C01"), &r), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CCAP_ASSERT_REL(r[2], 0.4, 0.0);
    unlink(tmp);
    {
        ccap_childcare_takeup *bad = ccap_childcare_takeup_alloc();
        const double rates[3] = {0.1, 0.2, 0.3};
        ccap_childcare_takeup_set(bad, 17, rates, 3); /* no region 17 in the table */
        CCAP_ASSERT_STATUS(ccap_csv_write_takeup(tmp, file_regions, bad, &diag), CCAP_EINVAL);
        ccap_childcare_takeup_free(bad);
    }
    ccap_childcare_takeup_free(all);
    ccap_childcare_takeup_free(b);
    ccap_childcare_takeup_free(a);
}

static void
test_childcare__reader_arguments(void)
{
    ccap_childcare_inventory *i = NULL;
    ccap_schedule *s = NULL;
    ccap_childcare_takeup *t = NULL;
    ccap_regions *unfinished = ccap_regions_alloc();
    char path[512];
    ccap_diag diag;

    CU_ASSERT_PTR_NOT_NULL_FATAL(unfinished);
    ccap_test_data(path, sizeof path, "cc_slots.csv");
    CCAP_ASSERT_STATUS(ccap_csv_read_slots(path, NULL, &i, NULL, &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_csv_read_slots(path, unfinished, &i, NULL, &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_csv_read_slots(NULL, file_regions, &i, NULL, &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_csv_read_targets(path, file_regions, NULL, NULL, &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_csv_read_takeup(path, NULL, &t, NULL, &diag), CCAP_EINVAL);
    /* a missing file */
    ccap_test_data(path, sizeof path, "cc_no_such_file.csv");
    CCAP_ASSERT_STATUS(ccap_csv_read_targets(path, file_regions, &s, NULL, &diag), CCAP_EIO);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_EQUAL(diag.status, CCAP_EIO);
    CU_ASSERT_PTR_NULL(i);
    CU_ASSERT_PTR_NULL(t);
    ccap_regions_free(unfinished);
}

/* The note column of a slots file: the inventory's provenance is the least certain kind of
 * its rows' notes (assumed before derived before published), with the first note of that
 * kind; rows without a kind change nothing, and a file without notes has none. */
static void
test_childcare__slots_notes(void)
{
    ccap_childcare_inventory *got = NULL;
    const char *note = "x";
    char path[512];
    ccap_diag diag;

    ccap_test_write(path, sizeof path, "slots_notes.csv",
                    "region,year,provider,inclusive,slots,note\n"
                    "A11,2024,institution,yes,150,published: 2024 bulletin\n"
                    "B121,2024,institution,yes,80,推算：按人口分摊\n"
                    "B122,2024,institution,no,30,a guess\n"
                    "B122,2024,kindergarten,no,20,derived: later note\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_slots(path, file_regions, &got, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_EQUAL(ccap_childcare_inventory_count(got), 4);
    CU_ASSERT_EQUAL(ccap_childcare_inventory_provenance(got, &note), CCAP_PROVENANCE_DERIVED);
    CU_ASSERT_STRING_EQUAL(note, "推算：按人口分摊");
    /* an assumed row outranks them */
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_note(got, "assumed: one rate"), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_childcare_inventory_provenance(got, &note), CCAP_PROVENANCE_ASSUMED);
    CU_ASSERT_STRING_EQUAL(note, "assumed: one rate");
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_note(got, "published: more"), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_childcare_inventory_provenance(got, NULL), CCAP_PROVENANCE_ASSUMED);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_note(NULL, "published: x"), CCAP_EINVAL);
    CU_ASSERT_EQUAL(ccap_childcare_inventory_provenance(NULL, &note), CCAP_PROVENANCE_NONE);
    CU_ASSERT_PTR_NULL(note);
    ccap_childcare_inventory_free(got);
    got = NULL;
    ccap_test_write(path, sizeof path, "slots_no_notes.csv",
                    "region,year,provider,inclusive,slots\nA11,2024,institution,yes,150\n");
    CCAP_ASSERT_STATUS(ccap_csv_read_slots(path, file_regions, &got, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_EQUAL(ccap_childcare_inventory_provenance(got, &note), CCAP_PROVENANCE_NONE);
    CU_ASSERT_PTR_NULL(note);
    ccap_childcare_inventory_free(got);
}

static CU_TestInfo childcare_tests[] = {
    {"provider_names", test_childcare__provider_names},
    {"per_1000", test_childcare__per_1000},
    {"per_1000_errors", test_childcare__per_1000_errors},
    {"ratios", test_childcare__ratios},
    {"demand_by_hand", test_childcare__demand_by_hand},
    {"demand_errors", test_childcare__demand_errors},
    {"inventory_rows", test_childcare__inventory_rows},
    {"inventory_totals", test_childcare__inventory_totals},
    {"inventory_parent_own_rows", test_childcare__inventory_parent_own_rows},
    {"inventory_share_and_change", test_childcare__inventory_share_and_change},
    {"inventory_errors", test_childcare__inventory_errors},
    {"takeup", test_childcare__takeup},
    {"targets", test_childcare__targets},
    {"metrics_table", test_childcare__metrics_table},
    {"metrics_missing_values", test_childcare__metrics_missing_values},
    {"metrics_errors", test_childcare__metrics_errors},
    CU_TEST_INFO_NULL,
};

static CU_TestInfo file_tests[] = {
    {"read_write_slots", test_childcare__read_write_slots},
    {"slots_misreads_refused", test_childcare__slots_misreads_refused},
    {"slots_spreadsheet_forms", test_childcare__slots_spreadsheet_forms},
    {"read_write_targets", test_childcare__read_write_targets},
    {"targets_per_mille", test_childcare__targets_per_mille},
    {"read_write_takeup", test_childcare__read_write_takeup},
    {"reader_arguments", test_childcare__reader_arguments},
    {"slots_notes", test_childcare__slots_notes},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "childcare", .pInitFunc = setup, .pCleanupFunc = teardown, .pTests = childcare_tests},
    {.pName = "childcare_files",
     .pInitFunc = setup_files,
     .pCleanupFunc = teardown_files,
     .pTests = file_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
