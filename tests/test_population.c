/* SPDX-License-Identifier: GPL-3.0-or-later */
/* population: counts, age sums, aggregation into parents, regrouping. */

#include <string.h>

#include "ccap_test.h"

static ccap_regions *tree;

/* C01 (0) -> A11 (1), B12 (2); B12 -> B121 (3), B122 (4). */
static int
setup(void)
{
    tree = ccap_test_city();
    return tree == NULL;
}

static int
teardown(void)
{
    ccap_regions_free(tree);
    tree = NULL;
    return 0;
}

/* Single years 0 ... 9, 10+ (11 groups); value(region, sex, g) = base + 10.25 g. */
static double
value_of(size_t region, int sex, size_t g)
{
    return 100.0 * (double)(region + 1) + 37.5 * sex + 10.25 * (double)g;
}

static ccap_population *
make_single_years(void)
{
    ccap_population *pop = ccap_population_alloc(5, 11, 1);
    size_t r, g;
    int s;

    if (pop == NULL)
        return NULL;
    for (r = 1; r < 5; r++) { /* leaves and B12 get data; C01 does not */
        if (r == 2)
            continue;
        for (s = 0; s < 2; s++) {
            for (g = 0; g < 11; g++)
                ccap_population_set(pop, r, (ccap_sex)s, g, value_of(r, s, g));
        }
    }
    return pop;
}

static void
test_population__shape(void)
{
    ccap_population *pop = ccap_population_alloc(5, 18, 5);

    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    CU_ASSERT_EQUAL(ccap_population_n_regions(pop), 5);
    CU_ASSERT_EQUAL(ccap_population_n_ages(pop), 18);
    CU_ASSERT_EQUAL(ccap_population_age_width(pop), 5);
    CU_ASSERT_EQUAL(ccap_population_open_age(pop), 85);
    CU_ASSERT_FALSE(ccap_population_has_region(pop, 0));
    CU_ASSERT(isnan(ccap_population_get(pop, 0, CCAP_SEX_FEMALE, 0))); /* no data yet */
    CU_ASSERT_PTR_NULL(ccap_population_values(pop, 0, CCAP_SEX_MALE));
    ccap_population_free(pop);

    CU_ASSERT_PTR_NULL(ccap_population_alloc(0, 18, 5));
    CU_ASSERT_PTR_NULL(ccap_population_alloc(5, 1, 5)); /* needs a closed and an open group */
    CU_ASSERT_PTR_NULL(ccap_population_alloc(5, 18, 0));
    CU_ASSERT_PTR_NULL(ccap_population_alloc(5, CCAP_POPULATION_AGES_MAX + 1, 1));
    CU_ASSERT_PTR_NULL(ccap_population_alloc(5, 18, CCAP_POPULATION_WIDTH_MAX + 1));
    CU_ASSERT_PTR_NULL(ccap_population_alloc((size_t)-1, (size_t)-1, 1)); /* no overflow */
    ccap_population_free(NULL);
    CU_ASSERT_EQUAL(ccap_population_n_ages(NULL), 0);
}

static void
test_population__set_get_errors(void)
{
    ccap_population *pop = ccap_population_alloc(2, 4, 5);
    const double good[4] = {18250.4, 17990.25, 18811.0, 60230.75};
    const double bad[4] = {18250.4, -1.0, 18811.0, 60230.75};
    double nan_values[4] = {1.0, 2.0, 3.0, 4.0};

    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    nan_values[2] = NAN;
    CCAP_ASSERT_STATUS(ccap_population_set(pop, 1, CCAP_SEX_MALE, 3, 2310.5), CCAP_OK);
    CU_ASSERT_TRUE(ccap_population_has_region(pop, 1));
    CU_ASSERT_DOUBLE_EQUAL(ccap_population_get(pop, 1, CCAP_SEX_MALE, 3), 2310.5, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(ccap_population_get(pop, 1, CCAP_SEX_FEMALE, 3), 0.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_population_set(pop, 1, CCAP_SEX_MALE, 3, -0.5), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_population_set(pop, 1, CCAP_SEX_MALE, 3, NAN), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_population_set(pop, 1, CCAP_SEX_MALE, 3, INFINITY), CCAP_EDOM);
    CU_ASSERT_DOUBLE_EQUAL(ccap_population_get(pop, 1, CCAP_SEX_MALE, 3), 2310.5, 0.0);
    CCAP_ASSERT_STATUS(ccap_population_set(pop, 2, CCAP_SEX_MALE, 0, 1.0), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_population_set(pop, 0, CCAP_SEX_MALE, 4, 1.0), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_population_set(pop, 0, CCAP_SEX_BOTH, 0, 1.0), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_population_set(NULL, 0, CCAP_SEX_MALE, 0, 1.0), CCAP_EINVAL);
    CU_ASSERT_FALSE(ccap_population_has_region(pop, 0));

    CCAP_ASSERT_STATUS(ccap_population_set_values(pop, 0, CCAP_SEX_FEMALE, bad, 4), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_population_set_values(pop, 0, CCAP_SEX_FEMALE, nan_values, 4),
                       CCAP_EDOM);
    CU_ASSERT_FALSE(ccap_population_has_region(pop, 0)); /* nothing changed */
    CCAP_ASSERT_STATUS(ccap_population_set_values(pop, 0, CCAP_SEX_FEMALE, good, 3),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_population_set_values(pop, 0, CCAP_SEX_FEMALE, NULL, 4),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_population_set_values(pop, 0, CCAP_SEX_FEMALE, good, 4), CCAP_OK);
    CU_ASSERT_EQUAL(memcmp(ccap_population_values(pop, 0, CCAP_SEX_FEMALE), good, sizeof good),
                    0);
    CU_ASSERT(isnan(ccap_population_get(pop, 0, CCAP_SEX_BOTH, 0)));
    ccap_population_free(pop);
}

static void
test_population__sums(void)
{
    ccap_population *pop = make_single_years();
    double s = 0.0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    /* A11 (region 1) female, ages 0-2: 3 * 200 + 10.25 * (0 + 1 + 2) = 630.75 */
    CCAP_ASSERT_STATUS(ccap_population_sum_ages(pop, 1, CCAP_SEX_FEMALE, 0, 3, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 630.75, 1e-15);
    /* male adds 37.5 per group: 630.75 + 112.5 = 743.25; both sexes 1374 */
    CCAP_ASSERT_STATUS(ccap_population_sum_ages(pop, 1, CCAP_SEX_MALE, 0, 3, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 743.25, 1e-15);
    CCAP_ASSERT_STATUS(ccap_population_sum_ages(pop, 1, CCAP_SEX_BOTH, 0, 3, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 1374.0, 1e-15);
    /* 8+ for B121 (region 3) female: groups 8, 9, 10+: 3 * 400 + 10.25 * 27 = 1476.75 */
    CCAP_ASSERT_STATUS(ccap_population_sum_ages(pop, 3, CCAP_SEX_FEMALE, 8, CCAP_AGE_OPEN, &s),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, 1476.75, 1e-15);
    /* total female B121: 11 * 400 + 10.25 * 55 = 4963.75 */
    CCAP_ASSERT_STATUS(ccap_population_total(pop, 3, CCAP_SEX_FEMALE, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 4963.75, 1e-15);
    /* [0, 10) plus 10+ equals the total */
    {
        double a, b;
        ccap_population_sum_ages(pop, 3, CCAP_SEX_BOTH, 0, 10, &a);
        ccap_population_sum_ages(pop, 3, CCAP_SEX_BOTH, 10, CCAP_AGE_OPEN, &b);
        ccap_population_total(pop, 3, CCAP_SEX_BOTH, &s);
        CCAP_ASSERT_REL(a + b, s, 1e-15);
    }
    /* errors */
    CCAP_ASSERT_STATUS(ccap_population_sum_ages(pop, 1, CCAP_SEX_FEMALE, 3, 3, &s), CCAP_EDOM);
    CU_ASSERT(isnan(s));
    CCAP_ASSERT_STATUS(ccap_population_sum_ages(pop, 1, CCAP_SEX_FEMALE, 0, 11, &s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_population_sum_ages(pop, 1, CCAP_SEX_FEMALE, 11, CCAP_AGE_OPEN, &s),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_population_sum_ages(pop, 0, CCAP_SEX_FEMALE, 0, 3, &s),
                       CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_population_sum_ages(pop, 5, CCAP_SEX_FEMALE, 0, 3, &s),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_population_sum_ages(pop, 1, (ccap_sex)3, 0, 3, &s), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_population_sum_ages(pop, 1, CCAP_SEX_FEMALE, 0, 3, NULL),
                       CCAP_EINVAL);
    ccap_population_free(pop);
}

static void
test_population__under3_needs_single_years(void)
{
    ccap_population *pop = ccap_population_alloc(1, 18, 5);
    double s = 0.0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    CCAP_ASSERT_STATUS(ccap_population_set(pop, 0, CCAP_SEX_FEMALE, 0, 2512.5), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_population_sum_ages(pop, 0, CCAP_SEX_FEMALE, 0, 3, &s), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_population_sum_ages(pop, 0, CCAP_SEX_FEMALE, 0, 5, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 2512.5, 1e-15);
    ccap_population_free(pop);
}

static void
test_population__aggregate(void)
{
    ccap_population *pop = make_single_years();
    double s = 0.0, c = 0.0;
    size_t filled = 99, g;

    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    /* The city C01 cannot be summed yet: its child B12 has no data. */
    CCAP_ASSERT_STATUS(ccap_population_children_sum(pop, tree, 0, CCAP_SEX_BOTH, 0,
                                                    CCAP_AGE_OPEN, &s),
                       CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(ccap_population_children_sum(pop, tree, 1, CCAP_SEX_BOTH, 0,
                                                    CCAP_AGE_OPEN, &s),
                       CCAP_ENOTFOUND); /* A11 is a leaf */
    CCAP_ASSERT_STATUS(ccap_population_aggregate(pop, tree, &filled), CCAP_OK);
    CU_ASSERT_EQUAL(filled, 2); /* B12 from B121 + B122, then C01 from A11 + B12 */
    CU_ASSERT_TRUE(ccap_population_has_region(pop, 0));
    for (g = 0; g < 11; g++) {
        /* C01 female at g = sum over leaves 1, 3, 4 of (100 (r + 1) + 10.25 g) */
        CCAP_ASSERT_REL(ccap_population_get(pop, 0, CCAP_SEX_FEMALE, g),
                        200.0 + 400.0 + 500.0 + 3 * 10.25 * (double)g, 1e-15);
    }
    /* Balancing: the city total equals the sum of its children's totals. */
    CCAP_ASSERT_STATUS(ccap_population_total(pop, 0, CCAP_SEX_BOTH, &s), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_population_children_sum(pop, tree, 0, CCAP_SEX_BOTH, 0,
                                                    CCAP_AGE_OPEN, &c),
                       CCAP_OK);
    CCAP_ASSERT_REL(s, c, 1e-15);
    /* both sexes, 3 leaves, 11 ages: 2 * 11 * 1100 + 3 * 37.5 * 11 + 2 * 3 * 10.25 * 55 */
    CCAP_ASSERT_REL(s, 24200.0 + 1237.5 + 3382.5, 1e-15);
    /* A second call has nothing left to fill. */
    CCAP_ASSERT_STATUS(ccap_population_aggregate(pop, tree, &filled), CCAP_OK);
    CU_ASSERT_EQUAL(filled, 0);
    ccap_population_free(pop);
}

static void
test_population__aggregate_keeps_parent_data(void)
{
    ccap_population *pop = make_single_years();
    double s = 0.0, c = 0.0;
    size_t filled = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    /* Published B12 figure that disagrees with its parts by 12.5 persons. */
    CCAP_ASSERT_STATUS(ccap_population_set(pop, 2, CCAP_SEX_MALE, 0, 12.5), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_population_aggregate(pop, tree, &filled), CCAP_OK);
    CU_ASSERT_EQUAL(filled, 1); /* only C01 */
    CCAP_ASSERT_STATUS(ccap_population_total(pop, 2, CCAP_SEX_BOTH, &s), CCAP_OK);
    CCAP_ASSERT_REL(s, 12.5, 1e-15);
    CCAP_ASSERT_STATUS(ccap_population_children_sum(pop, tree, 2, CCAP_SEX_BOTH, 0,
                                                    CCAP_AGE_OPEN, &c),
                       CCAP_OK);
    CU_ASSERT(c > s);
    ccap_population_free(pop);
}

static void
test_population__aggregate_errors(void)
{
    ccap_population *pop = ccap_population_alloc(4, 11, 1);
    ccap_regions *unfinished = ccap_regions_alloc();
    size_t filled;
    double s;

    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    CU_ASSERT_PTR_NOT_NULL_FATAL(unfinished);
    CCAP_ASSERT_STATUS(ccap_population_aggregate(pop, tree, &filled), CCAP_EINVAL); /* 4 != 5 */
    CCAP_ASSERT_STATUS(ccap_population_aggregate(NULL, tree, &filled), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_population_children_sum(pop, tree, 0, CCAP_SEX_BOTH, 0, 3, &s),
                       CCAP_EINVAL);
    ccap_population_free(pop);
    pop = ccap_population_alloc(1, 11, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    ccap_regions_add(unfinished, "X", NULL, NULL, NULL, NULL);
    CCAP_ASSERT_STATUS(ccap_population_aggregate(pop, unfinished, &filled), CCAP_ESTATE);
    ccap_population_free(pop);
    ccap_regions_free(unfinished);
}

static void
test_population__regroup(void)
{
    ccap_population *single = make_single_years();
    ccap_population *five = ccap_population_alloc(5, 3, 5);  /* 0-4, 5-9, 10+ */
    ccap_population *wide = ccap_population_alloc(5, 2, 5);  /* 0-4, 5+ */
    ccap_population *too_old = ccap_population_alloc(5, 4, 5); /* open 15+ > 10+ */
    ccap_population *odd = ccap_population_alloc(5, 3, 3);
    ccap_date census = {2020, 11, 1};
    double a, b;
    size_t r;
    int s;

    CU_ASSERT_PTR_NOT_NULL_FATAL(single);
    CU_ASSERT_PTR_NOT_NULL_FATAL(five);
    CU_ASSERT_PTR_NOT_NULL_FATAL(wide);
    CU_ASSERT_PTR_NOT_NULL_FATAL(too_old);
    CU_ASSERT_PTR_NOT_NULL_FATAL(odd);
    ccap_population_set_date(single, census);
    CCAP_ASSERT_STATUS(ccap_population_regroup(single, five), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_population_year(five), 2020);
    CU_ASSERT_EQUAL(ccap_population_date(five).month, 11);
    /* A11 female 0-4: 5 * 200 + 10.25 * (0+1+2+3+4) = 1102.5; 10+: 200 + 102.5 = 302.5 */
    CCAP_ASSERT_REL(ccap_population_get(five, 1, CCAP_SEX_FEMALE, 0), 1102.5, 1e-15);
    CCAP_ASSERT_REL(ccap_population_get(five, 1, CCAP_SEX_FEMALE, 2), 302.5, 1e-15);
    CU_ASSERT_FALSE(ccap_population_has_region(five, 0));
    /* Totals are preserved for every region and sex with data. */
    for (r = 1; r < 5; r++) {
        for (s = 0; s < 2; s++) {
            if (!ccap_population_has_region(single, r))
                continue;
            ccap_population_total(single, r, (ccap_sex)s, &a);
            ccap_population_total(five, r, (ccap_sex)s, &b);
            CCAP_ASSERT_REL(b, a, 1e-15);
        }
    }
    /* The open group absorbs older groups: 5+ = total - (0-4). */
    CCAP_ASSERT_STATUS(ccap_population_regroup(single, wide), CCAP_OK);
    ccap_population_total(single, 1, CCAP_SEX_MALE, &a);
    CCAP_ASSERT_REL(ccap_population_get(wide, 1, CCAP_SEX_MALE, 1),
                    a - ccap_population_get(five, 1, CCAP_SEX_MALE, 0), 1e-15);
    CCAP_ASSERT_STATUS(ccap_population_regroup(single, too_old), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_population_regroup(five, odd), CCAP_EDOM); /* 3 not a multiple of 5 */
    CCAP_ASSERT_STATUS(ccap_population_regroup(single, NULL), CCAP_EINVAL);
    ccap_population_free(single);
    ccap_population_free(five);
    ccap_population_free(wide);
    ccap_population_free(too_old);
    ccap_population_free(odd);
}

static void
test_population__year_and_date(void)
{
    ccap_population *pop = ccap_population_alloc(1, 2, 1);
    ccap_date bad = {2021, 2, 29}, none = {0, 0, 0}, census = {2020, 11, 1};

    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    CU_ASSERT_EQUAL(ccap_population_year(pop), 0);
    CCAP_ASSERT_STATUS(ccap_population_set_date(pop, bad), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_population_set_date(pop, census), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_population_year(pop), 2020);
    CCAP_ASSERT_STATUS(ccap_population_set_year(pop, 2021), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_population_year(pop), 2021);
    CCAP_ASSERT_STATUS(ccap_population_set_date(pop, none), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_population_date(pop).year, 0);
    CCAP_ASSERT_STATUS(ccap_population_set_year(NULL, 2021), CCAP_EINVAL);
    ccap_population_free(pop);
}

/* Exponential interpolation between two dated populations. */
static void
test_population__interpolate(void)
{
    ccap_population *a = ccap_population_alloc(1, 3, 1), *b = ccap_population_alloc(1, 3, 1);
    ccap_population *out = ccap_population_alloc(1, 3, 1), *odd = ccap_population_alloc(1, 4, 1);
    const double pa[3] = {1000.0, 0.0, 512.5}, pb[3] = {2000.0, 80.0, 512.5};
    ccap_date d0 = {2020, 11, 1}, d1 = {2021, 11, 1}, mid = {2021, 5, 2}, late = {2022, 1, 1};
    /* times: 2020 + 305/366 and 2021 + 304/365; 2021-05-02 is 2021 + 121/365 */
    const double t0 = 2020.0 + 305.0 / 366.0, t1 = 2021.0 + 304.0 / 365.0;
    const double u = (2021.0 + 121.0 / 365.0 - t0) / (t1 - t0);

    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_PTR_NOT_NULL_FATAL(odd);
    ccap_population_set_values(a, 0, CCAP_SEX_FEMALE, pa, 3);
    ccap_population_set_values(a, 0, CCAP_SEX_MALE, pa, 3);
    ccap_population_set_values(b, 0, CCAP_SEX_FEMALE, pb, 3);
    ccap_population_set_values(b, 0, CCAP_SEX_MALE, pb, 3);
    ccap_population_set_date(a, d0);
    ccap_population_set_date(b, d1);
    CCAP_ASSERT_REL(ccap_population_time(a), t0, 1e-15);
    CCAP_ASSERT_STATUS(ccap_population_interpolate(a, b, mid, out), CCAP_OK);
    CCAP_ASSERT_REL(ccap_population_get(out, 0, CCAP_SEX_FEMALE, 0), 1000.0 * pow(2.0, u), 1e-14);
    CCAP_ASSERT_REL(ccap_population_get(out, 0, CCAP_SEX_FEMALE, 1), 80.0 * u, 1e-14); /* linear */
    CCAP_ASSERT_REL(ccap_population_get(out, 0, CCAP_SEX_MALE, 2), 512.5, 1e-15);
    CU_ASSERT_EQUAL(ccap_population_date(out).month, 5);
    /* the end points give the inputs */
    CCAP_ASSERT_STATUS(ccap_population_interpolate(a, b, d1, out), CCAP_OK);
    CCAP_ASSERT_REL(ccap_population_get(out, 0, CCAP_SEX_FEMALE, 0), 2000.0, 1e-14);
    CCAP_ASSERT_STATUS(ccap_population_interpolate(a, b, late, out), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_population_interpolate(b, a, mid, out), CCAP_EDOM); /* t1 < t0 */
    CCAP_ASSERT_STATUS(ccap_population_interpolate(a, b, mid, odd), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_population_interpolate(NULL, b, mid, out), CCAP_EINVAL);
    CU_ASSERT(isnan(ccap_population_time(NULL)));
    ccap_population_free(a);
    ccap_population_free(b);
    ccap_population_free(out);
    ccap_population_free(odd);
}

/*
 * Geometric interpolation over many groups (the vectorised loop of the library, its own
 * exp and log): every group against p0·(p1/p0)^u by libm's pow, within 1e-15 relative
 * (each of exp and log is within 1 ulp; a few roundings more; see g = 9).  Ratios from 1e-6 to 1e6,
 * zeros (linear), a ratio below 2^-1000 (libm's path), and in place (out = from).
 */
static void
test_population__interpolate_many(void)
{
    enum { G = 101 };
    ccap_population *a = ccap_population_alloc(1, G, 1), *b = ccap_population_alloc(1, G, 1);
    ccap_population *out = ccap_population_alloc(1, G, 1);
    double pa[G], pb[G];
    /* 2021-01-01 between 2020-11-01 and 2021-11-01: u = (1 - 305/366) / (1 + 304/365 - 305/366) */
    const double t0 = 2020.0 + 305.0 / 366.0, t1 = 2021.0 + 304.0 / 365.0;
    const double u = (2021.0 - t0) / (t1 - t0);
    size_t g;
    int x;

    CU_ASSERT_FATAL(a != NULL && b != NULL && out != NULL);
    for (g = 0; g < G; g++) {
        pa[g] = 1000.0 + 37.0 * (double)g;
        pb[g] = pa[g] * pow(10.0, -6.0 + 12.0 * (double)g / (G - 1));
    }
    pa[7] = 0.0;   /* linear: from nobody */
    pb[8] = 0.0;   /* linear: to nobody */
    pa[9] = 1e300; /* ratio 1e-310 */
    pb[9] = 1e-10;
    for (x = 0; x < 2; x++) {
        ccap_population_set_values(a, 0, (ccap_sex)x, pa, G);
        ccap_population_set_values(b, 0, (ccap_sex)x, pb, G);
    }
    ccap_population_set_date(a, (ccap_date){2020, 11, 1});
    ccap_population_set_date(b, (ccap_date){2021, 11, 1});
    CCAP_ASSERT_STATUS(ccap_population_interpolate(a, b, (ccap_date){2021, 1, 1}, out), CCAP_OK);
    for (x = 0; x < 2; x++)
        for (g = 0; g < G; g++) {
            const double want = pa[g] > 0.0 && pb[g] > 0.0 ? pa[g] * pow(pb[g] / pa[g], u)
                                                           : pa[g] + u * (pb[g] - pa[g]);

            /* at g = 9, u·log(r) = -121: 1 ulp of the log is 1.3e-14 of the result */
            CCAP_ASSERT_REL(ccap_population_get(out, 0, (ccap_sex)x, g), want,
                            g == 9 ? 1e-13 : 1e-15);
        }
    CU_ASSERT_DOUBLE_EQUAL(ccap_population_get(out, 0, CCAP_SEX_MALE, 7), u * pb[7], 1e-9);
    CCAP_ASSERT_REL(ccap_population_get(out, 0, CCAP_SEX_MALE, 8), (1.0 - u) * pa[8], 1e-15);
    /* in place: the result is the same */
    CCAP_ASSERT_STATUS(ccap_population_interpolate(a, b, (ccap_date){2021, 1, 1}, a), CCAP_OK);
    for (g = 0; g < G; g++)
        CCAP_ASSERT_REL(ccap_population_get(a, 0, CCAP_SEX_FEMALE, g),
                        ccap_population_get(out, 0, CCAP_SEX_FEMALE, g), 0.0);
    ccap_population_free(a);
    ccap_population_free(b);
    ccap_population_free(out);
}

static CU_TestInfo population_tests[] = {
    {"shape", test_population__shape},
    {"set_get_errors", test_population__set_get_errors},
    {"sums", test_population__sums},
    {"under3_needs_single_years", test_population__under3_needs_single_years},
    {"aggregate", test_population__aggregate},
    {"aggregate_keeps_parent_data", test_population__aggregate_keeps_parent_data},
    {"aggregate_errors", test_population__aggregate_errors},
    {"regroup", test_population__regroup},
    {"year_and_date", test_population__year_and_date},
    {"interpolate", test_population__interpolate},
    {"interpolate_many", test_population__interpolate_many},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "population", .pInitFunc = setup, .pCleanupFunc = teardown,
     .pTests = population_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
