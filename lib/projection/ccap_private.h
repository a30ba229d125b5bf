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
