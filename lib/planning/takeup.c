/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Take-up calibrated to observed enrolment (see ccap_gap_takeup_from_enrolment()). */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

int
ccap_gap_takeup_from_enrolment(const ccap_childcare_takeup *takeup, const ccap_regions *regions,
                               const ccap_gap_row rows[], size_t n_rows, int year, double occupancy,
                               ccap_childcare_takeup **takeup_out, double factor_out[],
                               ccap_diag *diag)
{
    const size_t R = regions != NULL ? ccap_regions_count(regions) : 0;
    ccap_childcare_takeup *out = NULL;
    double *own = NULL;
    size_t i, r, n_own = 0;
    int status = CCAP_OK;

    if (takeup_out != NULL)
        *takeup_out = NULL;
    if (takeup == NULL || regions == NULL || rows == NULL || takeup_out == NULL || R == 0)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "a required argument is NULL");
    if (!(occupancy > 0.0 && occupancy <= 1.0))
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, "occupancy",
                              "occupancy %g is not in (0, 1]", occupancy);
    own = ccap__alloc(R, sizeof *own);
    out = ccap_childcare_takeup_alloc();
    if (own == NULL || out == NULL) {
        status = ccap__diag_set(diag, CCAP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        goto out;
    }
    /* each region's own factor, where it has enrolment and demand that year */
    for (r = 0; r < R; r++)
        own[r] = NAN;
    for (i = 0; i < n_rows; i++) {
        const ccap_gap_row *g = &rows[i];
        const double children = g->demand_slots * occupancy;
        if (g->year != year || g->region >= R || !isfinite(g->enrolled) ||
            !(children > 0.0 && isfinite(children)))
            continue;
        own[g->region] = g->enrolled / children;
        n_own++;
    }
    if (n_own == 0) {
        status = ccap__diag_set(diag, CCAP_ENOTFOUND, NULL, 0, 0, "enrolled",
                                "no region has children enrolled at the end of %d to calibrate "
                                "take-up to",
                                year);
        goto out;
    }
    for (r = 0; r < R && status == CCAP_OK; r++) {
        double k = own[r], rates[CCAP_CHILDCARE_AGES];
        const double *base;
        size_t a, up = r;

        /* no factor of its own: the nearest ancestor's, else 1 */
        while (isnan(k) && ccap_regions_parent(regions, up, &up) == CCAP_OK)
            k = own[up];
        if (isnan(k))
            k = 1.0;
        if (factor_out != NULL)
            factor_out[r] = k;
        if (ccap_childcare_takeup_find(takeup, r, &base) != CCAP_OK)
            continue; /* no rates: no demand, as before */
        for (a = 0; a < CCAP_CHILDCARE_AGES; a++) {
            rates[a] = k * base[a];
            if (!(rates[a] <= 1.0)) {
                status = ccap__diag_set(
                    diag, CCAP_EDOM, NULL, 0, 0, "enrolled",
                    "region '%s' (%s), end of %d: the children enrolled are %.3g times those "
                    "take-up gives, which puts take-up at age %zu at %.3g, above 1: are they "
                    "enrolled of another year or area?",
                    ccap_regions_code(regions, r), ccap_regions_name(regions, r), year, k, a,
                    rates[a]);
                break;
            }
        }
        if (status == CCAP_OK &&
            (status = ccap_childcare_takeup_set(out, r, rates, CCAP_CHILDCARE_AGES)) != CCAP_OK)
            ccap__diag_set(diag, status, NULL, 0, 0, NULL, "cannot set the take-up of '%s'",
                           ccap_regions_code(regions, r));
    }
out:
    free(own);
    if (status != CCAP_OK) {
        ccap_childcare_takeup_free(out);
        if (factor_out != NULL)
            for (r = 0; r < R; r++)
                factor_out[r] = NAN;
        return status;
    }
    *takeup_out = out;
    if (diag != NULL)
        memset(diag, 0, sizeof *diag);
    return CCAP_OK;
}
