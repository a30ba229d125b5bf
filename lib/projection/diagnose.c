/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Checks of a projection: births the fertility path does not explain (ccap_diagnose.h). */

#include "ccap_private.h"

#include <ccap/ccap_diagnose.h>

#include <math.h>

/* Women aged [20, 35) and children under 3 of a region at the start of step s. */
static int
stocks(const ccap_projection *proj, size_t s, size_t region, double *women, double *under3)
{
    const ccap_population *p = ccap_projection_population(proj, s);
    const size_t w = p == NULL ? 0 : ccap_population_age_width(p);
    int status;

    if (p == NULL)
        return CCAP_EINVAL;
    status = ccap_population_sum_ages(p, region, CCAP_SEX_FEMALE, 20 - 20 % w, 35 - 35 % w, women);
    if (status == CCAP_OK)
        status =
            ccap_population_sum_ages(p, region, CCAP_SEX_BOTH, 0, w <= 3 ? 3 - 3 % w : w, under3);
    return status;
}

int
ccap_diagnose_births(const ccap_projection *proj, size_t region, size_t window, double threshold,
                     ccap_births_warning *out, int *found_out)
{
    const size_t steps = ccap_projection_steps_done(proj);
    const ccap_population *base = ccap_projection_population(proj, 0);
    double best = 0.0;
    size_t s;

    if (found_out != NULL)
        *found_out = 0;
    if (proj == NULL || out == NULL || found_out == NULL || window == 0 || !(threshold > 0.0) ||
        base == NULL || region >= ccap_population_n_regions(base))
        return CCAP_EINVAL;
    for (s = 1; s + window <= steps; s++) {
        const double b0 = ccap_projection_births(proj, s, region, CCAP_SEX_BOTH);
        const double b1 = ccap_projection_births(proj, s + window, region, CCAP_SEX_BOTH);
        double w0, w1, c0, c1, db, dw, dr;
        if (stocks(proj, s - 1, region, &w0, &c0) != CCAP_OK ||
            stocks(proj, s + window - 1, region, &w1, &c1) != CCAP_OK || !(b0 > 0.0) ||
            !(w0 > 0.0) || !(w1 > 0.0) || !(c0 > 0.0))
            continue;
        db = b1 / b0 - 1.0;
        dw = w1 / w0 - 1.0;
        dr = (b1 / w1) / (b0 / w0) - 1.0;
        if (fabs(db) > threshold && fabs(dw) > fabs(dr) && fabs(db) > best) {
            const int y0 = ccap_population_year(ccap_projection_population(proj, s - 1));
            const int y1 = ccap_population_year(ccap_projection_population(proj, s + window - 1));
            best = fabs(db);
            out->region = region;
            out->from_year = y0;
            out->to_year = y1;
            out->births_change = db;
            out->rate_change = dr;
            out->women_change = dw;
            out->under3_change = c1 / c0 - 1.0;
            out->born_from = y1 - 34;
            out->born_to = y1 - 20;
            *found_out = 1;
        }
    }
    return CCAP_OK;
}
