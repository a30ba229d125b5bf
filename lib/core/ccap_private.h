/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_CORE_PRIVATE_H
#define CCAP_CORE_PRIVATE_H

/*
 * Private header of the core layer (lib/core): dates, regions, populations, margins,
 * vital statistics.
 *
 * Never installed; every name here is ccap__* (double underscore) and hidden from the
 * shared library's ABI.  Each folder of lib/ has a ccap_private.h of its own, so that
 * `#include "ccap_private.h"` in a file of lib/LAYER/ gives that layer's: it includes the
 * private header of the layer below and the public headers of its own layer, never those
 * of a layer above (lib/layers.txt; the layers test checks the calls).
 */

#include "../util/ccap_private.h"

#include <ccap/ccap_date.h>
#include <ccap/ccap_region.h>
#include <ccap/ccap_population.h>
#include <ccap/ccap_margins.h>
#include <ccap/ccap_vitals.h>

/* ---- population.c: raw access for the projection engine (no checks) ---- */

/* The n_ages counts of one region and sex (sex female or male), writable. */
double *ccap__population_row(ccap_population *pop, size_t region, ccap_sex sex);
/* Mark a region as having data (has != 0) or not. */
void ccap__population_set_has(ccap_population *pop, size_t region, int has);
/* Copy src's counts, regions with data, year and date into dst, of the same shape
 * (CCAP_EINVAL otherwise). */
int ccap__population_copy(ccap_population *dst, const ccap_population *src);
/* The fraction u of the way from `from`'s time to `to`'s at date, as
 * ccap_population_interpolate() computes it; NaN when the date is outside or the times
 * are not increasing. */
double ccap__population_fraction(const ccap_population *from, const ccap_population *to,
                                 ccap_date date);
/* ccap_population_interpolate()'s counts at the fraction u, without checks: every region
 * gets has = both have it, and its counts when rows is NULL or rows[region] is non-zero
 * (the others keep theirs).  The date is not set. */
void ccap__population_interpolate_rows(const ccap_population *from, const ccap_population *to,
                                       double u, const unsigned char *rows, ccap_population *out);

/* ---- region.c: validation shared with the readers ---- */

int ccap__region_code_valid(const char *code);
int ccap__region_name_valid(const char *name);

#endif /* CCAP_CORE_PRIVATE_H */
