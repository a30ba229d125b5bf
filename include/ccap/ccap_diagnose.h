/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_DIAGNOSE_H
#define CCAP_DIAGNOSE_H

/**
 * @file ccap_diagnose.h
 * @brief Checks of a projection that an analyst should see: births that move in a way
 *        fertility does not explain.
 *
 * Births are women times their fertility.  When the projected births of a region change
 * by more than a threshold over a window of years, ccap_diagnose_births() splits the
 * change into its two parts: the women aged 20–34 (who have about four births in five in
 * China) and the births per such woman (which moves with the TFR).  A change driven by the
 * women — large cohorts reaching their twenties, or a base population whose single years
 * step where census age ranges meet — is worth a look before the births are believed.
 */

#include <ccap/ccap_common.h>
#include <ccap/ccap_projection.h>

CCAP_BEGIN_DECLS

/** What ccap_diagnose_births() found for one region. */
typedef struct ccap_births_warning {
    size_t region;        /**< region index */
    int from_year;        /**< start year of the window's first step */
    int to_year;          /**< start year of the window's last step */
    double births_change; /**< relative change of the step's births, e.g. 0.31 for +31 % */
    double rate_change;   /**< relative change of births per woman aged 20–34 */
    double women_change;  /**< relative change of the women aged 20–34 */
    double under3_change; /**< relative change of the children under 3 at the steps' starts */
    int born_from;        /**< the women aged 20–34 at the window's end were born from … */
    int born_to;          /**< … to this year (calendar years of the step starts) */
} ccap_births_warning;

/**
 * Find the window of @p window steps in which the births of @p region change most, when
 * that change exceeds @p threshold (relative) and the change of the women aged 20–34 is
 * larger than that of the births per woman: births the fertility path does not explain.
 *
 * The births of step `s` (1-based) are compared with those of step `s + window`; the
 * women and children are those at the start of each step.  A projection with fewer than
 * `window + 1` steps gives nothing.
 *
 * @param proj       A projection with steps done, single years or 5-year groups.
 * @param region     A region index of the projection.
 * @param window     Steps in the window, at least 1 (10 for ten one-year steps).
 * @param threshold  Smallest relative change of births that counts, > 0 (e.g. 0.15).
 * @param[out] out   The window found (when *found_out is 1).
 * @param[out] found_out  1 when such a window exists, else 0.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument, @p window 0, @p threshold not positive, a region
 *                      out of range
 * @since 0.1
 */
CCAP_API int ccap_diagnose_births(const ccap_projection *proj, size_t region, size_t window,
                                  double threshold, ccap_births_warning *out, int *found_out);

CCAP_END_DECLS

#endif /* CCAP_DIAGNOSE_H */
