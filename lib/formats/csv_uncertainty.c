/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tables of a Monte Carlo run: quantiles.csv and probabilities.csv (ccap_csv.h). */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ccap_private.h"

/* The measures quantiles.csv holds, in the order of its rows. */
static const ccap_uncertainty_measure population_measures[] = {
    CCAP_UNCERTAINTY_POPULATION, CCAP_UNCERTAINTY_BIRTHS, CCAP_UNCERTAINTY_UNDER3};
#define N_POPULATION (sizeof population_measures / sizeof population_measures[0])

static int
check(const char *path, const ccap_regions *regions, const ccap_uncertainty_result *mc,
      const ccap_gap_uncertainty *gaps, int *first, int *last, ccap_diag *diag)
{
    if (path == NULL || regions == NULL || mc == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if (ccap_regions_count(regions) != ccap_uncertainty_result_n_regions(mc) ||
        !ccap_regions_is_finished(regions))
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "the region table is not the run's");
    (void)gaps;
    ccap_uncertainty_result_years(mc, first, last);
    /* only the years after the jump-off have a spread */
    if (ccap_uncertainty_result_jump_off_year(mc) >= *first)
        *first = ccap_uncertainty_result_jump_off_year(mc) + 1;
    return CCAP_OK;
}

int
ccap_csv_write_quantiles(const char *path, const ccap_regions *regions,
                         const ccap_uncertainty_result *mc, const ccap_gap_uncertainty *gaps,
                         const double probs[], size_t n_probs, ccap_diag *diag)
{
    static const char *const header[] = {"region", "name", "year", "measure", "quantile", "value"};
    const size_t n_measures = N_POPULATION + (gaps != NULL ? CCAP_GAP_UNCERTAINTY_N_MEASURES : 0);
    ccap__outfile out;
    double *q;
    size_t k, m, i;
    int first, last, year, status;

    ccap_diag_clear(diag);
    if ((status = check(path, regions, mc, gaps, &first, &last, diag)) != CCAP_OK)
        return status;
    if (probs == NULL || n_probs == 0)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "no quantiles");
    for (i = 0; i < n_probs; i++) {
        if (!(probs[i] >= 0.0 && probs[i] <= 1.0))
            return ccap__diag_set(diag, CCAP_EDOM, path, 0, 0, "quantile",
                                  "%g is not a probability", probs[i]);
    }
    if ((q = ccap__alloc(n_probs, sizeof *q)) == NULL)
        return ccap__diag_set(diag, CCAP_ENOMEM, path, 0, 0, NULL, "out of memory");
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK) {
        free(q);
        return status;
    }
    ccap__outfile_row(&out, header, 6);
    for (k = 0; k < ccap_regions_count(regions); k++) {
        const size_t r = ccap_regions_preorder(regions, k);

        for (year = first; year <= last; year++) {
            char y[16], qt[40], val[40];
            const char *fields[6];

            snprintf(y, sizeof y, "%d", year);
            for (m = 0; m < n_measures; m++) {
                const char *name;

                if (m < N_POPULATION) {
                    status = ccap_uncertainty_quantiles(mc, r, year, population_measures[m], probs,
                                                        n_probs, q);
                    name = ccap_uncertainty_measure_name(population_measures[m]);
                } else {
                    const ccap_gap_uncertainty_measure g =
                        (ccap_gap_uncertainty_measure)(m - N_POPULATION);
                    status = ccap_gap_uncertainty_quantiles(gaps, r, year, g, probs, n_probs, q);
                    name = ccap_gap_uncertainty_measure_name(g);
                }
                if (status == CCAP_ENOMEM) {
                    ccap__outfile_abort(&out);
                    free(q);
                    return ccap__diag_set(diag, CCAP_ENOMEM, path, 0, 0, NULL, "out of memory");
                }
                if (status != CCAP_OK)
                    continue; /* not computed: no target yet, no take-up, 5-year ages */
                for (i = 0; i < n_probs; i++) {
                    ccap__format_double(probs[i], qt, sizeof qt);
                    ccap__format_double(q[i], val, sizeof val);
                    fields[0] = ccap_regions_code(regions, r);
                    fields[1] = ccap_regions_name(regions, r);
                    fields[2] = y;
                    fields[3] = name;
                    fields[4] = qt;
                    fields[5] = val;
                    ccap__outfile_row(&out, fields, 6);
                }
            }
        }
    }
    free(q);
    return ccap__outfile_commit(&out, diag);
}

int
ccap_csv_write_probabilities(const char *path, const ccap_regions *regions,
                             const ccap_uncertainty_result *mc, const ccap_gap_uncertainty *gaps,
                             ccap_diag *diag)
{
    static const char *const header[] = {"region", "name", "year", "p_target_met", "p_overbuild"};
    ccap__outfile out;
    size_t k;
    int first, last, year, status;

    ccap_diag_clear(diag);
    if ((status = check(path, regions, mc, gaps, &first, &last, diag)) != CCAP_OK)
        return status;
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, 5);
    for (k = 0; gaps != NULL && k < ccap_regions_count(regions); k++) {
        const size_t r = ccap_regions_preorder(regions, k);

        for (year = first; year <= last; year++) {
            char y[16], pm[40], po[40];
            const char *fields[5];
            double met = NAN, over = NAN;

            ccap_gap_uncertainty_prob_target_met(gaps, r, year, &met);
            ccap_gap_uncertainty_prob_overbuild(gaps, r, year, &over);
            if (isnan(met) && isnan(over))
                continue;
            snprintf(y, sizeof y, "%d", year);
            pm[0] = po[0] = '\0'; /* NAN: an empty field */
            if (!isnan(met))
                ccap__format_double(met, pm, sizeof pm);
            if (!isnan(over))
                ccap__format_double(over, po, sizeof po);
            fields[0] = ccap_regions_code(regions, r);
            fields[1] = ccap_regions_name(regions, r);
            fields[2] = y;
            fields[3] = pm;
            fields[4] = po;
            ccap__outfile_row(&out, fields, 5);
        }
    }
    return ccap__outfile_commit(&out, diag);
}
