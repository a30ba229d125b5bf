/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * population_totals: read a region table and a population file, fill parent
 * regions with the sums of their children, and print each region's total,
 * children under 3 and women aged 15-49 as CSV (an empty cell where a sum is
 * not available).
 *
 * Introduces: ccap_csv_read_regions(), ccap_csv_read_population(),
 * ccap_population_aggregate(), ccap_population_sum_ages(), ccap_diag_format().
 *
 * usage: population_totals REGIONS.csv POPULATION.csv
 */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ccap/ccap.h>

/* One CSV cell: a number with one decimal, or an empty cell for one that is not available
 * (NAN), as the library's tables write it; never "nan". */
static void
cell(double x)
{
    if (isnan(x))
        printf(",");
    else
        printf(",%.1f", x);
}

int
main(int argc, char **argv)
{
    ccap_regions *regions = NULL;
    ccap_population *pop = NULL;
    ccap_diag diag;
    char message[1024];
    size_t r;
    int status;

    ccap_library_init(); /* once, at start: errors come back as codes, never abort */
    if (argc != 3) {
        fprintf(stderr, "usage: %s REGIONS.csv POPULATION.csv\n", argv[0]);
        return 2;
    }
    if ((status = ccap_csv_read_regions(argv[1], &regions, NULL, &diag)) != CCAP_OK ||
        (status = ccap_csv_read_population(argv[2], regions, CCAP_YEAR_ANY, &pop, NULL, &diag)) !=
            CCAP_OK ||
        (status = ccap_population_aggregate(pop, regions, NULL)) != CCAP_OK) {
        ccap_diag_format(&diag, message, sizeof message);
        fprintf(stderr, "%s\n", diag.status != CCAP_OK ? message : ccap_strerror(status));
        ccap_population_free(pop);
        ccap_regions_free(regions);
        return EXIT_FAILURE;
    }
    printf("region,total,under3,women15_49\n");
    for (r = 0; r < ccap_regions_count(regions); r++) {
        double total, under3 = NAN, women;

        if (!ccap_population_has_region(pop, r))
            continue;
        ccap_population_total(pop, r, CCAP_SEX_BOTH, &total);
        /* Under 3 needs single-year ages: with 5-year groups the call fails with
         * CCAP_EDOM and under3 stays NAN. */
        ccap_population_sum_ages(pop, r, CCAP_SEX_BOTH, 0, 3, &under3);
        ccap_population_sum_ages(pop, r, CCAP_SEX_FEMALE, 15, 50, &women);
        printf("%s", ccap_regions_code(regions, r));
        cell(total);
        cell(under3);
        cell(women);
        printf("\n");
    }
    ccap_population_free(pop);
    ccap_regions_free(regions);
    /* what was printed must have been written: a full disk is an error too */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "population_totals: standard output: cannot write: %s\n", strerror(errno));
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}
