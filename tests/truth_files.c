/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * truth_files: write what a simulated prefecture publishes (tests/truth_prefecture.h) as
 * the files a city's analyst would type from its census communiqué and statistical
 * bulletins: regions.csv, margins.csv and vitals.csv.  A city that is not Nanyang, for the
 * end-to-end test of the documented commands (tests/test-othercity.sh).
 * usage: truth_files WPP_DIR STANDARD_CSV N_COUNTIES OUT_DIR
 */

#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "truth_prefecture.h"

int
main(int argc, char **argv)
{
    ccap_regions *std = ccap_regions_alloc();
    ccap_population *standard = NULL;
    truth_prefecture *t = NULL;
    ccap_diag diag;
    char why[256], text[1200];
    long n;

    gsl_set_error_handler_off();
    if (argc != 5 || (n = strtol(argv[3], NULL, 10)) < 1) {
        fprintf(stderr, "usage: truth_files WPP_DIR STANDARD_CSV N_COUNTIES OUT_DIR\n");
        return 2;
    }
    if (std == NULL || ccap_regions_add(std, "standard", "standard", NULL, NULL, NULL) != CCAP_OK ||
        ccap_regions_finish(std, NULL) != CCAP_OK ||
        ccap_csv_read_population(argv[2], std, CCAP_YEAR_ANY, &standard, NULL, &diag) != CCAP_OK) {
        fprintf(stderr, "truth_files: cannot read the standard %s\n", argv[2]);
        return 1;
    }
    if (truth_prefecture_make(argv[1], standard, (size_t)n, &t, why, sizeof why) != CCAP_OK) {
        fprintf(stderr, "truth_files: %s\n", why);
        return 1;
    }
    if (truth_prefecture_write(t, argv[4], &diag) != CCAP_OK) {
        ccap_diag_format(&diag, text, sizeof text);
        fprintf(stderr, "truth_files: %s\n", text);
        return 1;
    }
    truth_prefecture_free(t);
    ccap_population_free(standard);
    ccap_regions_free(std);
    return 0;
}
