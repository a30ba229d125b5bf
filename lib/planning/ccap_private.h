/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_PLANNING_PRIVATE_H
#define CCAP_PLANNING_PRIVATE_H

/*
 * Private header of the planning layer (lib/planning): childcare, targets and gaps, the
 * childcare measures of Monte Carlo trajectories, the plan.
 *
 * Never installed; every name here is ccap__* (double underscore) and hidden from the
 * shared library's ABI.  Each folder of lib/ has a ccap_private.h of its own, so that
 * `#include "ccap_private.h"` in a file of lib/LAYER/ gives that layer's: it includes the
 * private header of the layer below and the public headers of its own layer, never those
 * of a layer above (lib/layers.txt; the layers test checks the calls).
 */

#include "../projection/ccap_private.h"

#include <ccap/ccap_childcare.h>
#include <ccap/ccap_gap.h>
#include <ccap/ccap_gap_uncertainty.h>
#include <ccap/ccap_plan.h>
#include <ccap/ccap_access.h>
#include <ccap/ccap_targets.h>
#include <ccap/ccap_workforce.h>
#include <ccap/ccap_kindergarten.h>
#include <ccap/ccap_payers.h>

/* gaptable.c: the population on 1 January of year+1, interpolated between the two of
 * pops[] (ascending in time) that bracket it, or (*held set to 1) a copy of the nearest.
 * out has the regions and ages of pops[0], in single years. */
int ccap__population_at_end_of(const ccap_population *const pops[], size_t n_pops, int year,
                               ccap_population *out, int *held);

#endif /* CCAP_PLANNING_PRIVATE_H */
