/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * access: the provider register, areas and travel times (files in tests/data/access),
 * 2SFCA and E2SFCA against hand arithmetic, deserts, the grid of the straight-line mode
 * against comparing every pair, and the greedy choice of where to build.
 *
 * The hand case (tests/data/access): three areas, four providers, a 15-minute catchment.
 *
 *   children   A1 120, A2 60, A3 90        slots   J1 48, J2 20, J3 12, J4 50
 *   minutes    J1  J2  J3  J4
 *        A1     5  12  25  40
 *        A2    17   8  14  30
 *        A3    30  20  10  18
 *
 * Within 15 minutes: A1 reaches J1, J2; A2 reaches J2, J3; A3 reaches J3; nobody J4.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_test.h"

static ccap_access_providers *providers;
static ccap_access_areas *areas;
static ccap_access_times *times;

static int
setup(void)
{
    char path[512];

    if (ccap_csv_read_access_providers(ccap_test_data(path, sizeof path, "access/providers.csv"),
                                       NULL, &providers, NULL, NULL) != CCAP_OK ||
        ccap_csv_read_access_areas(ccap_test_data(path, sizeof path, "access/areas.csv"), NULL,
                                   &areas, NULL, NULL) != CCAP_OK ||
        ccap_csv_read_access_times(ccap_test_data(path, sizeof path, "access/times.csv"), areas,
                                   providers, &times, NULL, NULL) != CCAP_OK)
        return 1;
    return 0;
}

static int
teardown(void)
{
    ccap_access_times_free(times);
    ccap_access_areas_free(areas);
    ccap_access_providers_free(providers);
    times = NULL;
    areas = NULL;
    providers = NULL;
    return 0;
}

static void
test_access__files_read(void)
{
    ccap_access_provider p;
    ccap_access_area a;
    size_t i;

    CU_ASSERT_EQUAL(ccap_access_providers_count(providers), 4);
    CU_ASSERT_EQUAL(ccap_access_areas_count(areas), 3);
    CU_ASSERT_EQUAL(ccap_access_times_count(times), 12);
    CCAP_ASSERT_STATUS(ccap_access_providers_find(providers, "J3", &i), CCAP_OK);
    CU_ASSERT_EQUAL(i, 2);
    CCAP_ASSERT_STATUS(ccap_access_providers_get(providers, 2, &p), CCAP_OK);
    CU_ASSERT_STRING_EQUAL(p.name, "River Kindergarten Class");
    CU_ASSERT_STRING_EQUAL(p.township, "Town 2");
    CU_ASSERT_EQUAL(p.provider, CCAP_PROVIDER_KINDERGARTEN);
    CU_ASSERT_EQUAL(p.inclusive, CCAP_INCLUSIVE_NO);
    CU_ASSERT_DOUBLE_EQUAL(p.slots, 12.0, 0.0);
    CU_ASSERT(isnan(p.fee_month)); /* empty cell: unknown */
    CU_ASSERT_EQUAL(p.opened, 2018);
    CU_ASSERT_EQUAL(p.closed, 0);
    CCAP_ASSERT_STATUS(ccap_access_providers_find(providers, "J9", &i), CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_access_areas_find(areas, "A2", &i), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_access_areas_get(areas, i, &a), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(a.children, 60.0, 0.0);
    CU_ASSERT_STRING_EQUAL(a.region, "A11");
}

/*
 * 2SFCA, W = 1 within 15 minutes.
 * Step 1, demand within reach of each provider and its ratio R = S / D:
 *   J1: A1          D = 120        R1 = 48 / 120 = 0.4
 *   J2: A1, A2      D = 180        R2 = 20 / 180 = 0.111111
 *   J3: A2, A3      D = 150        R3 = 12 / 150 = 0.08
 *   J4: nobody      D = 0          R4 = 0 (its slots serve no child within reach)
 * Step 2, access per child:
 *   A1 = R1 + R2 = 0.4 + 0.111111 = 0.511111   (1.96 children per slot: not a desert)
 *   A2 = R2 + R3 = 0.111111 + 0.08 = 0.191111  (5.23 children per slot: a desert)
 *   A3 = R3 = 0.08                             (12.5 children per slot: a desert)
 * Check: sum P A = 120 * 0.511111 + 60 * 0.191111 + 90 * 0.08 = 61.3333 + 11.4667 + 7.2
 *   = 80 = 48 + 20 + 12, the slots of the providers within someone's reach.
 * Slots within reach (unweighted): A1 48 + 20 = 68, A2 20 + 12 = 32, A3 12.
 * Nearest: A1 J1 at 5, A2 J2 at 8, A3 J3 at 10 (over every pair given, J4 included).
 * Deserts by region: A11 (A1, A2) 60 of 180 children = 1/3; B12 (A3) 90 of 90 = 1.
 */
static void
test_access__2sfca_by_hand(void)
{
    ccap_access_options o = CCAP_ACCESS_OPTIONS_INIT;
    ccap_access_result *r = NULL;
    ccap_access_area_result ar;
    ccap_access_group g;
    ccap_diag d;
    static const double access[] = {0.4 + 20.0 / 180.0, 20.0 / 180.0 + 0.08, 0.08};
    static const double reach[] = {68.0, 32.0, 12.0};
    static const int desert[] = {0, 1, 1};
    static const size_t nearest[] = {0, 1, 2};
    static const double nearest_minutes[] = {5.0, 8.0, 10.0};
    size_t i;

    o.catchment_minutes = 15.0;
    CCAP_ASSERT_STATUS(ccap_access_run(areas, providers, times, &o, &r, &d), CCAP_OK);
    CU_ASSERT_EQUAL(d.message[0], '\0'); /* every area reaches someone: no warning */
    for (i = 0; i < 3 && r != NULL; i++) {
        CCAP_ASSERT_STATUS(ccap_access_result_area(r, i, &ar), CCAP_OK);
        CCAP_ASSERT_REL(ar.access, access[i], 1e-12);
        CCAP_ASSERT_REL(ar.slots_reachable, reach[i], 1e-15);
        CU_ASSERT_EQUAL(ar.desert, desert[i]);
        CU_ASSERT_EQUAL(ar.nearest, nearest[i]);
        CU_ASSERT_DOUBLE_EQUAL(ar.nearest_minutes, nearest_minutes[i], 0.0);
    }
    CU_ASSERT_EQUAL(ccap_access_result_n_groups(r), 2);
    CCAP_ASSERT_STATUS(ccap_access_result_group(r, 0, &g), CCAP_OK);
    CU_ASSERT_STRING_EQUAL(g.region, "A11");
    CU_ASSERT_EQUAL(g.n_areas, 2);
    CU_ASSERT_EQUAL(g.n_desert, 1);
    CCAP_ASSERT_REL(g.desert_share, 1.0 / 3.0, 1e-15);
    CCAP_ASSERT_REL(g.slots, 68.0, 1e-15); /* J1 and J2 are in A11 */
    CCAP_ASSERT_STATUS(ccap_access_result_group(r, 1, &g), CCAP_OK);
    CCAP_ASSERT_REL(g.desert_share, 1.0, 1e-15);
    CCAP_ASSERT_REL(g.slots, 62.0, 1e-15); /* J3 and J4 */
    CCAP_ASSERT_STATUS(ccap_access_result_total(r, &g), CCAP_OK);
    CCAP_ASSERT_REL(g.desert_children, 150.0, 1e-15);
    CCAP_ASSERT_REL(g.desert_share, 150.0 / 270.0, 1e-15);
    ccap_access_result_free(r);
}

/*
 * E2SFCA with the Gaussian W(t) = (exp(-t^2 / (2 * 15^2)) - e^-0.5) / (1 - e^-0.5),
 * e^-0.5 = 0.6065307:
 *   t =  5: exp(-25/450)  = 0.9459595, W = (0.9459595 - 0.6065307) / 0.3934693 = 0.8626563
 *   t =  8: exp(-64/450)  = 0.8674285, W = 0.6630702
 *   t = 10: exp(-100/450) = 0.8007374, W = 0.4935753
 *   t = 12: exp(-144/450) = 0.7261490, W = 0.3040094
 *   t = 14: exp(-196/450) = 0.6469052, W = 0.1026116
 * Step 1:
 *   D1 = 0.8626563 * 120                      = 103.51876,  R1 = 48 / 103.51876 = 0.4636841
 *   D2 = 0.3040094 * 120 + 0.6630702 * 60     =  76.26534,  R2 = 20 / 76.26534  = 0.2622423
 *   D3 = 0.1026116 * 60 + 0.4935753 * 90      =  50.57847,  R3 = 12 / 50.57847  = 0.2372551
 * Step 2:
 *   A1 = 0.8626563 * 0.4636841 + 0.3040094 * 0.2622423 = 0.4797241  (not a desert)
 *   A2 = 0.6630702 * 0.2622423 + 0.1026116 * 0.2372551 = 0.1982302  (a desert)
 *   A3 = 0.4935753 * 0.2372551                         = 0.1171033  (a desert)
 * Check: 120 * 0.4797241 + 60 * 0.1982302 + 90 * 0.1171033 = 80.000.
 */
static void
test_access__e2sfca_by_hand(void)
{
    ccap_access_options o = CCAP_ACCESS_OPTIONS_INIT;
    ccap_access_result *r = NULL;
    ccap_access_area_result ar;
    static const double access[] = {0.4797241, 0.1982302, 0.1171033};
    static const int desert[] = {0, 1, 1};
    double sum = 0.0;
    size_t i;

    o.method = CCAP_ACCESS_E2SFCA;
    o.catchment_minutes = 15.0;
    CCAP_ASSERT_STATUS(ccap_access_run(areas, providers, times, &o, &r, NULL), CCAP_OK);
    for (i = 0; i < 3 && r != NULL; i++) {
        CCAP_ASSERT_STATUS(ccap_access_result_area(r, i, &ar), CCAP_OK);
        CCAP_ASSERT_REL(ar.access, access[i], 1e-6); /* 7 digits */
        CU_ASSERT_EQUAL(ar.desert, desert[i]);
        sum += ar.children * ar.access;
    }
    CCAP_ASSERT_REL(sum, 80.0, 1e-12);
    ccap_access_result_free(r);
}

/*
 * A 9-minute catchment: A1 reaches J1 (5), A2 J2 (8), A3 nobody (J3 is 10 minutes away).
 *   R1 = 48 / 120 = 0.4, R2 = 20 / 60 = 0.333333; A1 = 0.4, A2 = 0.333333, A3 = 0.
 * A2 has exactly 3 children per slot: not more than 3, so not a desert.  A3 is one, and
 * the run warns about it by name; its nearest provider is still J3 at 10 minutes.
 */
static void
test_access__unreached_area_warned(void)
{
    ccap_access_options o = CCAP_ACCESS_OPTIONS_INIT;
    ccap_access_result *r = NULL;
    ccap_access_area_result ar;
    ccap_diag d;

    o.catchment_minutes = 9.0;
    CCAP_ASSERT_STATUS(ccap_access_run(areas, providers, times, &o, &r, &d), CCAP_OK);
    CU_ASSERT_EQUAL(d.status, CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.message, "1 of 3 areas reach no provider within 9 minutes"));
    CU_ASSERT_PTR_NOT_NULL(strstr(d.message, "'A3' (Area three)"));
    CU_ASSERT_EQUAL(ccap_access_result_unreached(r), 1);
    CCAP_ASSERT_STATUS(ccap_access_result_area(r, 1, &ar), CCAP_OK);
    CCAP_ASSERT_REL(ar.access, 1.0 / 3.0, 1e-15);
    CU_ASSERT_EQUAL(ar.desert, 0);
    CCAP_ASSERT_STATUS(ccap_access_result_area(r, 2, &ar), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(ar.access, 0.0, 0.0);
    CU_ASSERT_EQUAL(ar.n_reachable, 0);
    CU_ASSERT_EQUAL(ar.desert, 1);
    CU_ASSERT_EQUAL(ar.nearest, 2);
    CU_ASSERT_DOUBLE_EQUAL(ar.nearest_minutes, 10.0, 0.0);
    ccap_access_result_free(r);
}

/*
 * Two sites of 20 slots, candidates J2 and J3, 2SFCA as in the hand case (deserts A2 at
 * 0.191111 and A3 at 0.08; the threshold is 1/3 slot per child).
 * Step 1: at J2 (D 180) access rises by 20/180 = 0.111111 in A1 and A2: A2 0.302222,
 *   still a desert; covered need +60 * 0.111111 = 6.6667 (A1 is above 1/3 already).
 *   At J3 (D 150) by 20/150 = 0.133333 in A2 and A3: A2 0.324444, A3 0.213333, both still
 *   deserts; covered need +(60 + 90) * 0.133333 = 20.  No site ends a desert, so the
 *   covered need decides: J3.  Desert children 150; need 40 + 60 * 0.324444 + 90 *
 *   0.213333 = 40 + 19.4667 + 19.2 = 78.6667.
 * Step 2: J3 again: A2 0.457778, A3 0.346667, both out (150 children); J2 would end only
 *   A2's (60).  J3.  Desert children 0; need 40 + 20 + 30 = 90, every child's third.
 */
static void
test_access__build_greedy_by_hand(void)
{
    ccap_access_options o = CCAP_ACCESS_OPTIONS_INIT;
    ccap_access_result *r = NULL, *after = NULL;
    ccap_access_area_result ar;
    ccap_access_step steps[2];
    const size_t candidates[] = {1, 2};

    CCAP_ASSERT_STATUS(ccap_access_run(areas, providers, times, &o, &r, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_access_build(r, candidates, 2, 20.0, 2, CCAP_ACCESS_GOAL_DESERT, steps, &after, NULL),
        CCAP_OK);
    CU_ASSERT_EQUAL(steps[0].provider, 2);
    CCAP_ASSERT_REL(steps[0].desert_children, 150.0, 1e-15);
    CCAP_ASSERT_REL(steps[0].covered_need,
                    40.0 + 60 * (20.0 / 180 + 0.08 + 20.0 / 150) + 90 * (0.08 + 20.0 / 150), 1e-12);
    CU_ASSERT_EQUAL(steps[1].provider, 2);
    CU_ASSERT_DOUBLE_EQUAL(steps[1].desert_children, 0.0, 0.0);
    CCAP_ASSERT_REL(steps[1].covered_need, 90.0, 1e-12);
    CCAP_ASSERT_STATUS(ccap_access_result_area(after, 2, &ar), CCAP_OK);
    CCAP_ASSERT_REL(ar.access, 52.0 / 150.0, 1e-12); /* J3 now 12 + 40 slots */
    CCAP_ASSERT_REL(ar.slots_reachable, 52.0, 1e-15);
    CU_ASSERT_EQUAL(ar.desert, 0);
    /* the result given is unchanged */
    CCAP_ASSERT_STATUS(ccap_access_result_area(r, 2, &ar), CCAP_OK);
    CCAP_ASSERT_REL(ar.access, 0.08, 1e-12);
    /* bad arguments */
    CCAP_ASSERT_STATUS(
        ccap_access_build(r, candidates, 2, -1.0, 2, CCAP_ACCESS_GOAL_DESERT, steps, NULL, NULL),
        CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_access_build(r, (const size_t[]){7}, 1, 20.0, 1, CCAP_ACCESS_GOAL_NEED,
                                         steps, NULL, NULL),
                       CCAP_EINVAL);
    ccap_access_result_free(after);
    ccap_access_result_free(r);
}

/* The unknown area of tests/data/bad/acc_times_unknown_area.csv is refused on its line. */
static void
test_access__unknown_area_in_times_refused(void)
{
    ccap_access_times *t = NULL;
    ccap_diag d;
    char path[512], line[600];

    CCAP_ASSERT_STATUS(ccap_csv_read_access_times(
                           ccap_test_data(path, sizeof path, "bad/acc_times_unknown_area.csv"),
                           areas, providers, &t, NULL, &d),
                       CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(t);
    CU_ASSERT_EQUAL(d.line, 4);
    CU_ASSERT_STRING_EQUAL(d.field, "area");
    ccap_diag_format(&d, line, sizeof line);
    CU_ASSERT_PTR_NOT_NULL(strstr(line, "acc_times_unknown_area.csv:4: area: unknown area 'A9'"));
}

/*
 * A degree of latitude along a meridian is R * pi / 180 = 6371.0088 * 0.01745329 =
 * 111.19508 km; at 60 degrees north a degree of longitude along the parallel is half of
 * that, and the great circle between the two points is a little shorter (111.19508 * 0.5
 * = 55.59754 km along the parallel; the haversine gives 55.59701 km).
 */
static void
test_access__distance(void)
{
    CCAP_ASSERT_REL(ccap_access_distance_km(112.0, 33.0, 112.0, 34.0), 111.19508, 1e-6);
    CCAP_ASSERT_REL(ccap_access_distance_km(10.0, 60.0, 11.0, 60.0), 55.59701, 1e-6);
    CU_ASSERT(isnan(ccap_access_distance_km(NAN, 33.0, 112.0, 34.0)));
    CCAP_ASSERT_STATUS(ccap_access_check_lonlat(112.5, 33.0), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_access_check_lonlat(33.0, 112.5), CCAP_ERANGE);
    CCAP_ASSERT_STATUS(ccap_access_check_lonlat(-0.1, 51.5), CCAP_EDOM);
}

/* A small deterministic generator (xorshift64*), so that the test needs no seed from outside. */
static double
uniform(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return (double)((*s * 2685821657736338717u) >> 11) / 9007199254740992.0;
}

/*
 * The straight-line mode finds its pairs through a grid; comparing every area with every
 * provider must give the same access.  300 areas and 120 providers scattered over about
 * 60 x 50 km around Nanyang (112.4-113.0 E, 32.8-33.25 N), 15 minutes at 25 km/h
 * (6.25 km): each area's access is recomputed here from all 36,000 pairs.
 */
static void
test_access__grid_equals_every_pair(void)
{
    enum { NA = 300, NP = 120 };
    ccap_access_options o = CCAP_ACCESS_OPTIONS_INIT;
    ccap_access_areas *a = ccap_access_areas_alloc();
    ccap_access_providers *p = ccap_access_providers_alloc();
    ccap_access_result *r = NULL;
    static double lon[NA + NP], lat[NA + NP], pop[NA], slots[NP], demand[NP];
    uint64_t s = 0x9e3779b97f4a7c15u;
    size_t i, j, bad = 0;
    char code[16];

    for (i = 0; i < NA + NP; i++) {
        lon[i] = 112.4 + 0.6 * uniform(&s);
        lat[i] = 32.8 + 0.45 * uniform(&s);
    }
    for (i = 0; i < NA; i++) {
        ccap_access_area ar = {code, "", "", lon[i], lat[i], 0.0};
        pop[i] = ar.children = floor(500.0 * uniform(&s));
        snprintf(code, sizeof code, "a%zu", i);
        CCAP_ASSERT_STATUS(ccap_access_areas_add(a, &ar, NULL), CCAP_OK);
    }
    for (j = 0; j < NP; j++) {
        ccap_access_provider pr;
        memset(&pr, 0, sizeof pr);
        snprintf(code, sizeof code, "p%zu", j);
        pr.id = code;
        pr.lon = lon[NA + j];
        pr.lat = lat[NA + j];
        pr.provider = CCAP_PROVIDER_INSTITUTION;
        pr.inclusive = CCAP_INCLUSIVE_YES;
        pr.slots = slots[j] = floor(200.0 * uniform(&s));
        pr.enrolled = pr.fee_month = NAN;
        CCAP_ASSERT_STATUS(ccap_access_providers_add(p, &pr, NULL), CCAP_OK);
    }
    o.speed_kmh = 25.0;
    CCAP_ASSERT_STATUS(ccap_access_run(a, p, NULL, &o, &r, NULL), CCAP_OK);
    for (j = 0; j < NP; j++) {
        demand[j] = 0.0;
        for (i = 0; i < NA; i++) {
            if (ccap_access_distance_km(lon[i], lat[i], lon[NA + j], lat[NA + j]) / 25.0 * 60.0 <=
                15.0)
                demand[j] += pop[i];
        }
    }
    for (i = 0; i < NA && r != NULL; i++) {
        ccap_access_area_result ar;
        double acc = 0.0;
        for (j = 0; j < NP; j++) {
            if (ccap_access_distance_km(lon[i], lat[i], lon[NA + j], lat[NA + j]) / 25.0 * 60.0 <=
                    15.0 &&
                demand[j] > 0.0)
                acc += slots[j] / demand[j];
        }
        ccap_access_result_area(r, i, &ar);
        bad += fabs(ar.access - acc) > 1e-12 * (1.0 + acc);
    }
    CU_ASSERT_EQUAL(bad, 0);
    ccap_access_result_free(r);
    ccap_access_providers_free(p);
    ccap_access_areas_free(a);
}

/*
 * The region inventory derived from the register at the end of 2020 (tests/data/regions.csv):
 * J2 opened in 2021 and is left out; A11 has J1 (institution, inclusive, 48 slots, 40
 * enrolled); B12 has J3 (kindergarten, not inclusive, 12, 12 enrolled) and J4 (home, not
 * inclusive, 50, enrolment unknown).  At the end of 2021, A11's community row adds J2's 20.
 */
static void
test_access__inventory_from_register(void)
{
    ccap_regions *regions = NULL;
    ccap_childcare_inventory *inv = NULL;
    ccap_childcare_entry e;
    ccap_diag d;
    char path[512];
    double total = 0.0;
    size_t i;

    CCAP_ASSERT_STATUS(ccap_csv_read_regions(ccap_test_data(path, sizeof path, "regions.csv"),
                                             &regions, NULL, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_access_providers_inventory(providers, regions, 2020, &inv, &d),
                       CCAP_OK);
    CU_ASSERT_EQUAL(ccap_childcare_inventory_count(inv), 3);
    for (i = 0; i < ccap_childcare_inventory_count(inv); i++) {
        ccap_childcare_inventory_get(inv, i, &e);
        total += e.slots;
        if (e.provider == CCAP_PROVIDER_INSTITUTION) {
            CU_ASSERT_STRING_EQUAL(ccap_regions_code(regions, e.region), "A11");
            CU_ASSERT_EQUAL(e.has_enrolled, 1);
            CU_ASSERT_DOUBLE_EQUAL(e.enrolled, 40.0, 0.0);
        }
        if (e.provider == CCAP_PROVIDER_HOME) {
            CU_ASSERT_EQUAL(e.has_enrolled, 0);
        }
    }
    CU_ASSERT_DOUBLE_EQUAL(total, 48.0 + 12.0 + 50.0, 0.0);
    ccap_childcare_inventory_free(inv);
    CCAP_ASSERT_STATUS(ccap_access_providers_inventory(providers, regions, 2021, &inv, &d),
                       CCAP_OK);
    CU_ASSERT_EQUAL(ccap_childcare_inventory_count(inv), 4);
    ccap_childcare_inventory_free(inv);
    ccap_regions_free(regions);
}

/*
 * Children of 2030 from a projection's summary (tests/data/access/summary.csv), shared out
 * by the areas' present children: A11 240 between A1 (120) and A2 (60): 160 and 80; B12 45
 * all to A3; C01 has no areas of its own and is left out.  2SFCA, 15 minutes, then:
 *   R1 = 48 / 160 = 0.3, R2 = 20 / (160 + 80) = 0.083333, R3 = 12 / (80 + 45) = 0.096;
 *   A1 = 0.383333 (not a desert), A2 = 0.179333 (a desert), A3 = 0.096 (a desert).
 */
static void
test_access__children_shared_from_projection(void)
{
    ccap_access_areas *a = NULL;
    ccap_access_result *r = NULL;
    ccap_access_area_result ar;
    ccap_access_area area;
    ccap_diag d;
    char path[512], sum[512];
    size_t n = 0;

    CCAP_ASSERT_STATUS(
        ccap_csv_read_access_areas(ccap_test_data(path, sizeof path, "access/areas.csv"), NULL, &a,
                                   NULL, NULL),
        CCAP_OK);
    ccap_test_data(sum, sizeof sum, "access/summary.csv");
    CCAP_ASSERT_STATUS(ccap_csv_read_access_under3(sum, 2029, a, &n, NULL, &d), CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_csv_read_access_under3(sum, 2030, a, &n, NULL, &d), CCAP_OK);
    CU_ASSERT_EQUAL(n, 2);
    ccap_access_areas_get(a, 0, &area);
    CCAP_ASSERT_REL(area.children, 160.0, 1e-15);
    ccap_access_areas_get(a, 1, &area);
    CCAP_ASSERT_REL(area.children, 80.0, 1e-15);
    ccap_access_areas_get(a, 2, &area);
    CCAP_ASSERT_REL(area.children, 45.0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_access_run(a, providers, times, NULL, &r, NULL), CCAP_OK);
    ccap_access_result_area(r, 0, &ar);
    CCAP_ASSERT_REL(ar.access, 0.3 + 20.0 / 240.0, 1e-12);
    CU_ASSERT_EQUAL(ar.desert, 0);
    ccap_access_result_area(r, 1, &ar);
    CCAP_ASSERT_REL(ar.access, 20.0 / 240.0 + 0.096, 1e-12);
    CU_ASSERT_EQUAL(ar.desert, 1);
    ccap_access_result_area(r, 2, &ar);
    CCAP_ASSERT_REL(ar.access, 0.096, 1e-12);
    ccap_access_result_free(r);
    /* the library call alone; a region without areas, and one with no children to share by */
    CCAP_ASSERT_STATUS(ccap_access_areas_share_children(a, "C01", 10.0, &n), CCAP_ENOTFOUND);
    CU_ASSERT_EQUAL(n, 0);
    CCAP_ASSERT_STATUS(ccap_access_areas_share_children(a, "B12", 0.0, &n), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_access_areas_share_children(a, "B12", 10.0, &n), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_access_areas_share_children(a, "A11", -1.0, &n), CCAP_EDOM);
    ccap_access_areas_free(a);
}

/* The register's checks: a duplicate id, swapped coordinates, a year order. */
static void
test_access__register_checks(void)
{
    ccap_access_providers *p = ccap_access_providers_alloc();
    ccap_access_provider pr;
    size_t dup = 99;

    memset(&pr, 0, sizeof pr);
    pr.id = "X1";
    pr.lon = 112.5;
    pr.lat = 33.0;
    pr.provider = CCAP_PROVIDER_HOME;
    pr.inclusive = CCAP_INCLUSIVE_NO;
    pr.slots = 5.0;
    pr.enrolled = pr.fee_month = NAN;
    CCAP_ASSERT_STATUS(ccap_access_providers_add(p, &pr, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_access_providers_add(p, &pr, &dup), CCAP_EEXIST);
    CU_ASSERT_EQUAL(dup, 0);
    pr.id = "X2";
    pr.lon = 33.0;
    pr.lat = 112.5;
    CCAP_ASSERT_STATUS(ccap_access_providers_add(p, &pr, NULL), CCAP_ERANGE);
    pr.lon = 112.5;
    pr.lat = 33.0;
    pr.opened = 2022;
    pr.closed = 2020;
    CCAP_ASSERT_STATUS(ccap_access_providers_add(p, &pr, NULL), CCAP_EDOM);
    pr.closed = 0;
    pr.slots = -1.0;
    CCAP_ASSERT_STATUS(ccap_access_providers_add(p, &pr, NULL), CCAP_EDOM);
    CU_ASSERT_EQUAL(ccap_access_providers_count(p), 1);
    ccap_access_providers_free(p);
}

static void
test_access__bad_arguments(void)
{
    ccap_access_options o = CCAP_ACCESS_OPTIONS_INIT;
    ccap_access_result *r = (ccap_access_result *)&o;
    ccap_access_times *t = ccap_access_times_alloc(3, 4);

    CCAP_ASSERT_STATUS(ccap_access_run(NULL, providers, times, &o, &r, NULL), CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(r);
    o.catchment_minutes = NAN;
    CCAP_ASSERT_STATUS(ccap_access_run(areas, providers, times, &o, &r, NULL), CCAP_EDOM);
    o.catchment_minutes = 15.0;
    o.speed_kmh = 0.0;
    CCAP_ASSERT_STATUS(ccap_access_run(areas, providers, NULL, &o, &r, NULL), CCAP_EDOM);
    /* a radius of 0.17 mm: every area beyond reach, the grid still small, the nearest found */
    o.speed_kmh = 1e-3;
    o.catchment_minutes = 1e-2;
    CCAP_ASSERT_STATUS(ccap_access_run(areas, providers, NULL, &o, &r, NULL), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_access_result_unreached(r), 3);
    ccap_access_result_free(r);
    o.catchment_minutes = 15.0;
    o.version = 99;
    CCAP_ASSERT_STATUS(ccap_access_run(areas, providers, times, &o, &r, NULL), CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(ccap_access_times_alloc(0, 4));
    CCAP_ASSERT_STATUS(ccap_access_times_add(t, 0, 0, -1.0, NULL), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_access_times_add(t, 3, 0, 1.0, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_access_times_add(t, 2, 3, 1.0, NULL), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_access_times_add(t, 2, 3, 2.0, NULL), CCAP_EEXIST);
    ccap_access_times_free(t);
    ccap_access_result_free(NULL);
    ccap_access_areas_free(NULL);
    ccap_access_providers_free(NULL);
}

static CU_TestInfo access_tests[] = {
    {"files_read", test_access__files_read},
    {"2sfca_by_hand", test_access__2sfca_by_hand},
    {"e2sfca_by_hand", test_access__e2sfca_by_hand},
    {"unreached_area_warned", test_access__unreached_area_warned},
    {"build_greedy_by_hand", test_access__build_greedy_by_hand},
    {"unknown_area_in_times_refused", test_access__unknown_area_in_times_refused},
    {"distance", test_access__distance},
    {"grid_equals_every_pair", test_access__grid_equals_every_pair},
    {"inventory_from_register", test_access__inventory_from_register},
    {"children_shared_from_projection", test_access__children_shared_from_projection},
    {"register_checks", test_access__register_checks},
    {"bad_arguments", test_access__bad_arguments},
    CU_TEST_INFO_NULL};

static CU_SuiteInfo suites[] = {
    {.pName = "access", .pInitFunc = setup, .pCleanupFunc = teardown, .pTests = access_tests},
    CU_SUITE_INFO_NULL};

int
main(void)
{
    return ccap_test_run(suites);
}
