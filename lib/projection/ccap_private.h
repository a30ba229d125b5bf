/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_PROJECTION_PRIVATE_H
#define CCAP_PROJECTION_PRIVATE_H

/*
 * Private header of the projection layer (lib/projection): the projection engine, rates,
 * Monte Carlo trajectories (uncertainty), the batch engine, calibration and the checks of
 * a projection.  The batch kernel has its
 * own header, batch_kernel.h.
 *
 * Never installed; every name here is ccap__* (double underscore) and hidden from the
 * shared library's ABI.  Each folder of lib/ has a ccap_private.h of its own, so that
 * `#include "ccap_private.h"` in a file of lib/LAYER/ gives that layer's: it includes the
 * private header of the layer below and the public headers of its own layer, never those
 * of a layer above (lib/layers.txt; the layers test checks the calls).
 */

#include "../demography/ccap_private.h"

#include <ccap/ccap_projection.h>
#include <ccap/ccap_rates.h>
#include <ccap/ccap_uncertainty.h>
#include <ccap/ccap_batch.h>
#include <ccap/ccap_calibrate.h>
#include <ccap/ccap_diagnose.h>

/* ---- projection.c: the pieces of the calendar-year measures, for the Monte Carlo ---- */

/* proj (of from's shape, room for at least `steps` steps) continues from the first `steps`
 * steps of from (which has done them): the same populations, events and regions, bit for
 * bit.  CCAP_EINVAL otherwise. */
int ccap__projection_restart(ccap_projection *proj, const ccap_projection *from, size_t steps);
/* proj, restarted from `steps` steps of a projection (ccap__projection_restart()) and
 * stepped on since, goes back to its end of step `steps` (at most its steps done): the
 * steps after it are dropped, those before it kept, as a restart from the same projection
 * would make them, without copying.  CCAP_EINVAL otherwise. */
int ccap__projection_rewind(ccap_projection *proj, size_t steps);
/* ccap_projection_step() for the Monte Carlo: the same populations and births, bit for bit,
 * but the step's deaths and migrants are not added up (they are NAN) and the parents'
 * populations of the new step are not filled (ccap__projection_interpolate() fills them at
 * each date). */
int ccap__projection_step_lean(ccap_projection *proj, const ccap_rates *rates);
/* The steps ccap_projection_population_at() interpolates between for date (*step_out and
 * *step_out + 1) and the fraction of the way (*u_out), as it computes them. */
int ccap__projection_bracket(const ccap_projection *proj, ccap_date date, size_t *step_out,
                             double *u_out);
/* ccap_projection_population_at() with the bracket given (no checks; the date of out is
 * not set). */
void ccap__projection_interpolate(const ccap_projection *proj, size_t step, double u,
                                  ccap_population *out);
/* The share of step `step` (>= 1, done) that falls in calendar year `year`, 0 if none:
 * ccap_projection_year_events() adds share·events over the steps with a share above 0. */
double ccap__projection_step_share(const ccap_projection *proj, size_t step, int year);

/* ---- rates.c: where the rates of a step failed ---- */

/* The assumption at fault. */
typedef enum ccap__rates_input {
    CCAP__RATES_NONE = 0,
    CCAP__RATES_MORTALITY,
    CCAP__RATES_FERTILITY,
    CCAP__RATES_SRB,
    CCAP__RATES_MIGRATION,
    CCAP__RATES_MIGRATION_RATES
} ccap__rates_input;

typedef struct ccap__rates_problem {
    ccap__rates_input input;
    size_t region;
    ccap_sex sex; /* CCAP_SEX_BOTH when not by sex */
    int year;     /* the step's start year */
} ccap__rates_problem;

/* ccap_rates_build_adjusted() that says where it failed in *problem (may be NULL) rather
 * than in a diagnostic: the inner loop of the trajectories keeps one per trajectory. */
int ccap__rates_build(ccap_rates_workspace *ws, const ccap_assumptions *assumptions,
                      const ccap_regions *regions, int year, const ccap_population *start,
                      const ccap_rates_adjust *adjust, ccap_rates *rates_out,
                      ccap__rates_problem *problem);

/* ws remembers, for up to n_years step years (a year and the adjustment's mortality and
 * fertility years), where each region's schedules are, found in the first
 * ccap__rates_build() of that year with the same assumptions (a build with other
 * assumptions forgets them): for the same assumptions built over and over, as the
 * trajectories do, and never changed in between.  CCAP_EINVAL if ws already remembers,
 * CCAP_ENOMEM. */
int ccap__rates_workspace_memo(ccap_rates_workspace *ws, size_t n_years);

/* The one message of a failed rates build: field the assumption, message the region, sex
 * and step and what is wrong, for age groups of `width` years in n_ages groups. */
void ccap__rates_problem_diag(const ccap__rates_problem *problem, const ccap_regions *regions,
                              size_t width, size_t n_ages, int status, ccap_diag *diag);

/* Quantiles of the n values v (reordered) at the probabilities probs, the values
 * gsl_stats_quantile_from_sorted_data() gives on the sorted values, bit for bit (Hyndman and
 * Fan's definition 7), found by selection; NAN out and CCAP_EDOM for a probability outside
 * [0, 1] or a NaN value (uncertainty.c). */
int ccap__quantiles(double v[], size_t n, const double probs[], size_t n_probs,
                    double quantiles_out[]);

/* Rearrange v[0..n) (n >= 1, k < n, no NaN) so that v[k] is the k-th smallest, nothing
 * larger before it and nothing smaller after it, and return it: Hoare's selection
 * (batch.c). */
double ccap__select_kth(double *v, size_t n, size_t k);

#endif /* CCAP_PROJECTION_PRIVATE_H */
