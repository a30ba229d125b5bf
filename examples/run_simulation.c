/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * run_simulation: 200 Monte Carlo trajectories of the bundled Nanyang
 * projection, five yearly steps from the census of 2020-11-01, in which
 * fertility, mortality and migration vary after the census year (the jump-off:
 * 2020 is taken as observed); print the 10%, 50% and 90% quantiles of the city's
 * births in calendar 2024, the last year the five steps cover wholly.
 *
 * Introduces: ccap_uncertainty_params_default(), ccap_uncertainty_run(),
 * ccap_uncertainty_quantiles(), ccap_uncertainty_result_free().
 *
 * usage: run_simulation DIR   (DIR: examples/data/nanyang)
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ccap/ccap.h>

#define STEPS 5
#define YEAR 2024 /* the last calendar year within the steps (to 2025-11-01) */

int
main(int argc, char **argv)
{
    static const char *const names[6] = {"regions", "population_2020", "mortality",
                                         "fertility", "srb", "migration_rates"};
    static const double probs[3] = {0.1, 0.5, 0.9};
    ccap_regions *regions = NULL;
    ccap_population *pop = NULL;
    ccap_schedule *mort = NULL, *fert = NULL, *srb = NULL, *mig = NULL;
    ccap_uncertainty_result *res = NULL;
    ccap_uncertainty_params params = ccap_uncertainty_params_default();
    ccap_assumptions a = {NULL, NULL, NULL, NULL, NULL, CCAP_A0_ANDREEV_KINGKADE,
                          CCAP_MIGRATION_HALF};
    ccap_diag diag;
    char f[6][512], message[1024];
    double q[3];
    size_t i, city;
    int status = CCAP_OK;

    ccap_library_init(); /* once, at start: errors come back as codes, never abort */
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    for (i = 0; i < 6; i++)
        snprintf(f[i], sizeof f[i], "%s/%s.csv", argv[1], names[i]);
    ccap_diag_clear(&diag);
    if ((status = ccap_csv_read_regions(f[0], &regions, NULL, &diag)) == CCAP_OK &&
        (status = ccap_csv_read_population(f[1], regions, CCAP_YEAR_ANY, &pop, NULL, &diag)) ==
            CCAP_OK &&
        (status = ccap_csv_read_mortality(f[2], regions, &mort, NULL, &diag)) == CCAP_OK &&
        (status = ccap_csv_read_fertility(f[3], regions, &fert, NULL, &diag)) == CCAP_OK &&
        (status = ccap_csv_read_srb(f[4], regions, &srb, NULL, &diag)) == CCAP_OK &&
        (status = ccap_csv_read_migration_rates(f[5], regions, &mig, NULL, &diag)) == CCAP_OK) {
        a.mortality = mort, a.fertility = fert, a.srb = srb, a.migration_rates = mig;
        params.n_trajectories = 200;
        params.seed = 20201101; /* the seed of examples/data/nanyang/nanyang.ini */
        params.jump_off_year = 2020; /* noise from the first step after the census year */
        status = ccap_uncertainty_run(pop, regions, &a, STEPS, &params, &res, NULL);
    }
    city = status == CCAP_OK ? ccap_regions_preorder(regions, 0) : 0; /* the root: Nanyang */
    if (status == CCAP_OK)
        status = ccap_uncertainty_quantiles(res, city, YEAR, CCAP_UNCERTAINTY_BIRTHS, probs, 3, q);
    if (status == CCAP_OK)
        printf("%s births in %d of %zu trajectories: 10%% %.0f, 50%% %.0f, 90%% %.0f\n",
               ccap_regions_code(regions, city), YEAR, ccap_uncertainty_result_n_trajectories(res),
               q[0], q[1], q[2]);
    else {
        ccap_diag_format(&diag, message, sizeof message);
        fprintf(stderr, "%s\n", diag.status != CCAP_OK ? message : ccap_strerror(status));
    }
    ccap_uncertainty_result_free(res);
    ccap_schedule_free(mig);
    ccap_schedule_free(srb);
    ccap_schedule_free(fert);
    ccap_schedule_free(mort);
    ccap_population_free(pop);
    ccap_regions_free(regions);
    if (status != CCAP_OK)
        return EXIT_FAILURE;
    /* what was printed must have been written: a full disk is an error too */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "run_simulation: standard output: cannot write: %s\n", strerror(errno));
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}
