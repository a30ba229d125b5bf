/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rates: from schedules to the rates of a step, and the adjustments for variants. */

#include <string.h>

#include "ccap_test.h"

#define G 21 /* 0-4, ..., 95-99, 100+ */

static ccap_regions *regions;
static ccap_population *base;
static ccap_schedule *mort, *fert, *srb, *mig;
static ccap_assumptions assumptions;

static int
setup(void)
{
    char path[512];
    ccap_diag diag;

    if (ccap_csv_read_regions(ccap_test_data(path, sizeof path, "wpp2019/regions.csv"), &regions,
                              NULL, &diag) != CCAP_OK ||
        ccap_csv_read_population(ccap_test_data(path, sizeof path, "wpp2019/population_2015.csv"),
                                 regions, CCAP_YEAR_ANY, &base, NULL, &diag) != CCAP_OK ||
        ccap_csv_read_mortality(ccap_test_data(path, sizeof path, "wpp2019/mortality.csv"), regions,
                                &mort, NULL, &diag) != CCAP_OK ||
        ccap_csv_read_fertility(ccap_test_data(path, sizeof path, "wpp2019/fertility.csv"), regions,
                                &fert, NULL, &diag) != CCAP_OK ||
        ccap_csv_read_srb(ccap_test_data(path, sizeof path, "wpp2019/srb.csv"), regions, &srb, NULL,
                          &diag) != CCAP_OK ||
        ccap_csv_read_migration(ccap_test_data(path, sizeof path, "wpp2019/migration.csv"), regions,
                                &mig, NULL, &diag) != CCAP_OK)
        return 1;
    assumptions.mortality = mort;
    assumptions.fertility = fert;
    assumptions.srb = srb;
    assumptions.migration = mig;
    assumptions.migration_rates = NULL;
    assumptions.a0 = CCAP_A0_ANDREEV_KINGKADE;
    assumptions.timing = CCAP_MIGRATION_HALF;
    return 0;
}

static int
teardown(void)
{
    ccap_schedule_free(mort);
    ccap_schedule_free(fert);
    ccap_schedule_free(srb);
    ccap_schedule_free(mig);
    ccap_population_free(base);
    ccap_regions_free(regions);
    return 0;
}

/* A copy of a step's rates, so that two builds can be compared. */
typedef struct copy {
    double survival[2 * G], asfr[G], srb, migrants[2 * G];
} copy;

static int
build(ccap_rates_workspace *ws, int year, const ccap_rates_adjust *adj, copy *out)
{
    ccap_rates rates;
    int status = adj != NULL ? ccap_rates_build_adjusted(ws, &assumptions, regions, year, base,
                                                        adj, &rates, NULL)
                             : ccap_rates_build(ws, &assumptions, regions, year, base, &rates,
                                                NULL);

    if (status == CCAP_OK) {
        memcpy(out->survival, rates.survival, sizeof out->survival);
        memcpy(out->asfr, rates.asfr, sizeof out->asfr);
        out->srb = rates.srb[0];
        memcpy(out->migrants, rates.net_migrants, sizeof out->migrants);
    }
    return status;
}

static double
tfr_of(const double asfr[G])
{
    double t = 0.0;
    size_t g;

    for (g = 0; g < G; g++)
        t += 5.0 * asfr[g];
    return t;
}

static void
test_rates__plain_build(void)
{
    ccap_rates_workspace *ws = ccap_rates_workspace_alloc(1, G, 5, ccap_schedule_n_ages(mort));
    ccap_rates_adjust none = ccap_rates_adjust_none();
    copy a, b;
    size_t g, ok = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(ws);
    CCAP_ASSERT_STATUS(build(ws, 2015, NULL, &a), CCAP_OK);
    /* WPP 2019 China 2015-2020: TFR 1.69 (the file's ASFR are 5-year rates, placed as they are) */
    CCAP_ASSERT_REL(tfr_of(a.asfr), 1.69, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(a.asfr[0], 0.0, 0.0);
    CCAP_ASSERT_REL(a.srb, 113.0, 1e-15);
    for (g = 0; g < 2 * G; g++)
        ok += a.survival[g] > 0.0 && a.survival[g] <= 1.0;
    CU_ASSERT_EQUAL(ok, 2 * G);
    /* the adjustment that changes nothing changes nothing, bit for bit */
    CCAP_ASSERT_STATUS(build(ws, 2015, &none, &b), CCAP_OK);
    CU_ASSERT_EQUAL(memcmp(&a, &b, sizeof a), 0);
    /* a later year: the 2020 rates */
    CCAP_ASSERT_STATUS(build(ws, 2021, NULL, &b), CCAP_OK);
    CCAP_ASSERT_REL(tfr_of(b.asfr), 1.7048, 1e-4);
    ccap_rates_workspace_free(ws);
}

static void
test_rates__adjustments(void)
{
    ccap_rates_workspace *ws = ccap_rates_workspace_alloc(1, G, 5, ccap_schedule_n_ages(mort));
    ccap_rates_adjust adj;
    copy a, b;
    size_t g, lower = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(ws);
    CCAP_ASSERT_STATUS(build(ws, 2015, NULL, &a), CCAP_OK);
    /* fertility factor 1.25: every rate times 1.25 */
    adj = ccap_rates_adjust_none();
    adj.fertility_factor = 1.25;
    CCAP_ASSERT_STATUS(build(ws, 2015, &adj, &b), CCAP_OK);
    CCAP_ASSERT_REL(b.asfr[5], 1.25 * a.asfr[5], 1e-15);
    /* the UN's high variant: half a child more, the age pattern kept: 1.69 + 0.5 = 2.19 */
    adj = ccap_rates_adjust_none();
    adj.tfr_shift = 0.5;
    CCAP_ASSERT_STATUS(build(ws, 2015, &adj, &b), CCAP_OK);
    CCAP_ASSERT_REL(tfr_of(b.asfr), tfr_of(a.asfr) + 0.5, 1e-12);
    CCAP_ASSERT_REL(b.asfr[6] / b.asfr[5], a.asfr[6] / a.asfr[5], 1e-12);
    /* a shift below zero stops at zero */
    adj.tfr_shift = -5.0;
    CCAP_ASSERT_STATUS(build(ws, 2015, &adj, &b), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(tfr_of(b.asfr), 0.0, 0.0);
    /* death rates 10% higher: every survival ratio below 1 falls */
    adj = ccap_rates_adjust_none();
    adj.mortality_factor = 1.1;
    CCAP_ASSERT_STATUS(build(ws, 2015, &adj, &b), CCAP_OK);
    for (g = 0; g < 2 * G; g++)
        lower += b.survival[g] < a.survival[g];
    CU_ASSERT_EQUAL(lower, 2 * G);
    /* migration halved and switched off */
    adj = ccap_rates_adjust_none();
    adj.migration_factor = 0.5;
    CCAP_ASSERT_STATUS(build(ws, 2015, &adj, &b), CCAP_OK);
    CCAP_ASSERT_REL(b.migrants[7], 0.5 * a.migrants[7], 1e-15);
    adj.migration_factor = 0.0;
    CCAP_ASSERT_STATUS(build(ws, 2015, &adj, &b), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(b.migrants[7], 0.0, 0.0);
    /* constant fertility: the 2015 rates in 2030 */
    adj = ccap_rates_adjust_none();
    adj.fertility_year = 2015;
    CCAP_ASSERT_STATUS(build(ws, 2030, &adj, &b), CCAP_OK);
    CU_ASSERT_EQUAL(memcmp(a.asfr, b.asfr, sizeof a.asfr), 0);
    /* constant mortality: the 2015 death rates in 2030 */
    adj = ccap_rates_adjust_none();
    adj.mortality_year = 2015;
    CCAP_ASSERT_STATUS(build(ws, 2030, &adj, &b), CCAP_OK);
    CU_ASSERT_EQUAL(memcmp(a.survival, b.survival, sizeof a.survival), 0);
    ccap_rates_workspace_free(ws);
}

static void
test_rates__errors(void)
{
    ccap_rates_workspace *ws = ccap_rates_workspace_alloc(1, G, 5, ccap_schedule_n_ages(mort));
    ccap_rates_workspace *single = ccap_rates_workspace_alloc(1, 101, 1, 1000);
    ccap_population *base1 = ccap_population_alloc(1, 101, 1);
    ccap_rates_adjust adj = ccap_rates_adjust_none();
    ccap_diag problem;
    ccap_rates rates;

    CU_ASSERT_PTR_NOT_NULL_FATAL(ws);
    CU_ASSERT_PTR_NOT_NULL_FATAL(single);
    CU_ASSERT_PTR_NOT_NULL_FATAL(base1);
    adj.fertility_factor = -1.0;
    CCAP_ASSERT_STATUS(ccap_rates_build_adjusted(ws, &assumptions, regions, 2015, base, &adj,
                                                 &rates, &problem),
                       CCAP_EDOM);
    adj = ccap_rates_adjust_none();
    adj.mortality_factor = 0.0;
    CCAP_ASSERT_STATUS(ccap_rates_build_adjusted(ws, &assumptions, regions, 2015, base, &adj,
                                                 &rates, &problem),
                       CCAP_EDOM);
    adj.mortality_factor = NAN;
    CCAP_ASSERT_STATUS(ccap_rates_build_adjusted(ws, &assumptions, regions, 2015, base, &adj,
                                                 &rates, &problem),
                       CCAP_EDOM);
    /* a finite factor whose migrants are not: refused here, not left to the step (China's
     * 2015 migrants are in the tens of thousands a group, times 1e308 beyond a double) */
    adj = ccap_rates_adjust_none();
    adj.migration_factor = 1e308;
    CCAP_ASSERT_STATUS(
        ccap_rates_build_adjusted(ws, &assumptions, regions, 2015, base, &adj, &rates, &problem),
        CCAP_ERANGE);
    CU_ASSERT_STRING_EQUAL(problem.field, "migration");
    {
        char want[240];
        snprintf(want, sizeof want,
                 "region '%s', female, step starting 2015: net migrants beyond the range of a "
                 "number (the migrants, or the rates times the population, times the "
                 "adjustment's factor)",
                 ccap_regions_code(regions, 0));
        CU_ASSERT_STRING_EQUAL(problem.message, want);
    }
    /* no rates before 2015: the diagnostic names mortality, the region, sex and year */
    CCAP_ASSERT_STATUS(ccap_rates_build(ws, &assumptions, regions, 2010, base, &rates, &problem),
                       CCAP_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(problem.field, "mortality");
    CU_ASSERT_EQUAL(problem.status, CCAP_ENOTFOUND);
    {
        char want[200];
        snprintf(want, sizeof want,
                 "region '%s', female, step starting 2010: no mortality rates for this region "
                 "(nor '*') in or before 2010",
                 ccap_regions_code(regions, 0));
        CU_ASSERT_STRING_EQUAL(problem.message, want);
    }
    /* 5-year migrants do not fit single-year groups */
    CCAP_ASSERT_STATUS(ccap_rates_build(single, &assumptions, regions, 2015, base1, &rates,
                                        &problem),
                       CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(problem.field, "migration");
    CU_ASSERT_STRING_EQUAL(problem.message, "the migration ages must be the population's 1-year "
                                            "groups 0, 1, ..., 100+");
    /* and an abridged life table cannot give single-year survival */
    {
        ccap_assumptions no_mig = assumptions;
        no_mig.migration = NULL;
        CCAP_ASSERT_STATUS(ccap_rates_build(single, &no_mig, regions, 2015, base1, &rates,
                                            &problem),
                           CCAP_EDOM);
        CU_ASSERT_STRING_EQUAL(problem.field, "mortality");
    }
    CCAP_ASSERT_STATUS(ccap_rates_build(NULL, &assumptions, regions, 2015, base, &rates, NULL),
                       CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(ccap_rates_workspace_alloc(0, G, 5, 10));
    ccap_rates_workspace_free(NULL);
    ccap_rates_workspace_free(ws);
    ccap_rates_workspace_free(single);
    ccap_population_free(base1);
}

/* The variants: medium is the plain run; high has more births than medium, low fewer; zero
 * migration has none; each against a projection of WPP 2019 China 2015 -> 2025. */
static void
test_rates__variants(void)
{
    ccap_rates_workspace *ws = ccap_rates_workspace_alloc(1, G, 5, ccap_schedule_n_ages(mort));
    double births[CCAP_N_VARIANTS], migrants[CCAP_N_VARIANTS], plain = 0.0;
    ccap_rates_adjust adj;
    size_t v;

    CU_ASSERT_PTR_NOT_NULL_FATAL(ws);
    for (v = 0; v < CCAP_N_VARIANTS; v++) {
        ccap_projection *p = ccap_projection_alloc(1, G, 5, 2);

        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        CCAP_ASSERT_STATUS(ccap_variant_adjust((ccap_variant)v, 0.5, 2015, &adj), CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_projection_init(p, base, regions), CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_projection_run_adjusted(p, &assumptions, regions, 2, ws, &adj,
                                                        NULL),
                           CCAP_OK);
        births[v] = ccap_projection_births(p, 2, 0, CCAP_SEX_BOTH);
        migrants[v] = ccap_projection_net_migrants(p, 2, 0, CCAP_SEX_BOTH);
        if (v == 0) {
            ccap_projection *q = ccap_projection_alloc(1, G, 5, 2);
            CU_ASSERT_PTR_NOT_NULL_FATAL(q);
            ccap_projection_init(q, base, regions);
            ccap_projection_run(q, &assumptions, regions, 2, ws, NULL);
            plain = ccap_projection_births(q, 2, 0, CCAP_SEX_BOTH);
            ccap_projection_free(q);
        }
        ccap_projection_free(p);
    }
    CU_ASSERT_DOUBLE_EQUAL(births[CCAP_VARIANT_MEDIUM], plain, 0.0);
    CU_ASSERT(births[CCAP_VARIANT_HIGH] > births[CCAP_VARIANT_MEDIUM]);
    CU_ASSERT(births[CCAP_VARIANT_LOW] < births[CCAP_VARIANT_MEDIUM]);
    /* the TFR is 1.7048 in 2020-2025: +0.5 child is +29% births in that step, to first order */
    CCAP_ASSERT_REL(births[CCAP_VARIANT_HIGH] / births[CCAP_VARIANT_MEDIUM], 2.2048 / 1.7048,
                    0.02);
    CU_ASSERT_DOUBLE_EQUAL(migrants[CCAP_VARIANT_ZERO_MIGRATION], 0.0, 0.0);
    CU_ASSERT(migrants[CCAP_VARIANT_MEDIUM] < 0.0);
    CU_ASSERT_STRING_EQUAL(ccap_variant_name(CCAP_VARIANT_ZERO_MIGRATION), "zero_migration");
    CU_ASSERT_STRING_EQUAL(ccap_variant_name((ccap_variant)9), "unknown");
    CCAP_ASSERT_STATUS(ccap_variant_adjust((ccap_variant)9, 0.5, 2015, &adj), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_variant_adjust(CCAP_VARIANT_LOW, -0.5, 2015, &adj), CCAP_EDOM);
    ccap_rates_workspace_free(ws);
}

static CU_TestInfo rates_tests[] = {
    {"plain_build", test_rates__plain_build},
    {"adjustments", test_rates__adjustments},
    {"errors", test_rates__errors},
    {"variants", test_rates__variants},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "rates", .pInitFunc = setup, .pCleanupFunc = teardown, .pTests = rates_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
