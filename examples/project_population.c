/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * project_population: project the bundled Nanyang population five years
 * ahead by the cohort-component method and print, for the city, the
 * residents at the end of each calendar year and the births in it, as
 * statistical bulletins count them.
 * (What it introduces: examples/README.md.)
 *
 * usage: project_population DIR   (DIR: examples/data/nanyang)
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ccap/ccap.h>

#define YEARS 5

int
main(int argc, char **argv)
{
    ccap_regions *regions = NULL;
    ccap_population *pop = NULL;
    ccap_schedule *mort = NULL, *fert = NULL, *srb = NULL, *mig = NULL;
    ccap_projection *proj = NULL;
    ccap_rates_workspace *ws = NULL;
    ccap_assumptions a = {NULL, NULL, NULL, NULL, NULL, CCAP_A0_ANDREEV_KINGKADE,
                          CCAP_MIGRATION_HALF};
    ccap_diag diag;
    static const char *const names[6] = {"regions", "population_2020", "mortality",
                                         "fertility", "srb", "migration_rates"};
    char f[6][512], message[1024];
    size_t i, city, n_ages, steps;
    int status = CCAP_OK, code = EXIT_FAILURE, year, first, last;

    ccap_library_init(); /* once, at start: errors come back as codes, never abort */
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    for (i = 0; i < 6; i++)
        snprintf(f[i], sizeof f[i], "%s/%s.csv", argv[1], names[i]);
    ccap_diag_clear(&diag);
    if ((status = ccap_csv_read_regions(f[0], &regions, NULL, &diag)) != CCAP_OK ||
        (status = ccap_csv_read_population(f[1], regions, CCAP_YEAR_ANY, &pop, NULL, &diag)) !=
            CCAP_OK ||
        (status = ccap_csv_read_mortality(f[2], regions, &mort, NULL, &diag)) != CCAP_OK ||
        (status = ccap_csv_read_fertility(f[3], regions, &fert, NULL, &diag)) != CCAP_OK ||
        (status = ccap_csv_read_srb(f[4], regions, &srb, NULL, &diag)) != CCAP_OK ||
        (status = ccap_csv_read_migration_rates(f[5], regions, &mig, NULL, &diag)) != CCAP_OK)
        goto out;
    n_ages = ccap_population_n_ages(pop);
    /* 5 years from the census of 2020-11-01 reach the end of 2025 in 6 one-year steps */
    steps = ccap_projection_steps_to_year_end(pop, YEARS);
    proj = ccap_projection_alloc(ccap_regions_count(regions), n_ages, 1, steps);
    ws = ccap_rates_workspace_alloc(ccap_regions_count(regions), n_ages, 1,
                                    ccap_schedule_n_ages(mort));
    if (proj == NULL || ws == NULL)
        status = CCAP_ENOMEM;
    a.mortality = mort, a.fertility = fert, a.srb = srb, a.migration_rates = mig;
    if (status != CCAP_OK || (status = ccap_projection_init(proj, pop, regions)) != CCAP_OK ||
        (status = ccap_projection_run(proj, &a, regions, steps, ws, NULL)) != CCAP_OK ||
        (status = ccap_projection_calendar_years(proj, &first, NULL)) != CCAP_OK)
        goto out;
    city = ccap_regions_preorder(regions, 0); /* the root: Nanyang */
    printf("%s: year,residents_at_end,births_in_year\n", ccap_regions_code(regions, city));
    last = ccap_population_year(pop) + YEARS; /* pop is reused below: its year changes */
    for (year = first; year <= last; year++) {
        double total, births;

        /* residents on 1 January after, and the births of the steps' shares in the year */
        if ((status = ccap_projection_year_end(proj, year, pop)) != CCAP_OK ||
            (status = ccap_population_total(pop, city, CCAP_SEX_BOTH, &total)) != CCAP_OK ||
            (status = ccap_projection_year_events(proj, city, year, CCAP_SEX_BOTH, &births, NULL,
                                                  NULL)) != CCAP_OK)
            goto out;
        printf("%d,%.0f,%.0f\n", year, total, births);
    }
    code = EXIT_SUCCESS;
out:
    if (code != EXIT_SUCCESS) {
        ccap_diag_format(&diag, message, sizeof message);
        fprintf(stderr, "%s\n", diag.status != CCAP_OK ? message : ccap_strerror(status));
    }
    ccap_rates_workspace_free(ws);
    ccap_projection_free(proj);
    ccap_schedule_free(mig);
    ccap_schedule_free(srb);
    ccap_schedule_free(fert);
    ccap_schedule_free(mort);
    ccap_population_free(pop);
    ccap_regions_free(regions);
    /* what was printed must have been written: a full disk is an error too */
    if (code == EXIT_SUCCESS && (fflush(stdout) != 0 || ferror(stdout))) {
        fprintf(stderr, "project_population: standard output: cannot write: %s\n", strerror(errno));
        code = EXIT_FAILURE;
    }
    return code;
}
