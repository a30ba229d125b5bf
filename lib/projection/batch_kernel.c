/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The inner loop of the batch projection (see ccap_batch.h for the method).
 *
 * Every loop over ages is written so that the compiler vectorises it (OpenMP simd
 * pragmas; this file is built with -fno-math-errno -fno-trapping-math
 * -ffp-contract=fast, never -ffast-math: no result depends on reassociation).  The
 * exponential is the polynomial of lib/util/vmath.h, not libm's, so that it vectorises too.
 */

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "../util/vmath.h"
#include "batch_kernel.h"

CCAP__KERNEL_CLONES void
ccap__batch_exp(const double *x, size_t n, double *out)
{
    size_t i;

#pragma omp simd
    for (i = 0; i < n; i++)
        out[i] = ccap__poly_exp(x[i]);
}

/* Total, age-range sum and (if wanted) the full population of year y. */
static inline void
record(const ccap__batch_lane *ln, const double *restrict P, size_t y, double total)
{
    const size_t A = ln->n_ages;
    size_t x;

    if (ln->total != NULL)
        ln->total[y] = total;
    if (ln->age_sum != NULL) {
        double s = 0.0;
        for (x = ln->sum_first; x < ln->sum_first + ln->sum_count; x++)
            s += P[x] + P[A + x];
        ln->age_sum[y] = s;
    }
    if (ln->population != NULL)
        memcpy(ln->population + y * 2 * A, P, 2 * A * sizeof *P);
}

CCAP__KERNEL_CLONES void
ccap__batch_lane_run(const ccap__batch_lane *ln)
{
    const size_t A = ln->n_ages, A2 = 2 * A;
    const double *restrict lm = ln->log_mx;
    const double *restrict bx = ln->mx_slope;
    const double *restrict ax = ln->ax;
    const double *restrict fert = ln->fert;
    const double *restrict h = ln->mig_schedule;
    const double cap = ln->cap;
    double *restrict P = ln->scratch;
    double *restrict Q = P + A2;
    double *restrict m = Q + A2;
    double *restrict num = m + A2;
    double *restrict den = num + A2;
    double total = 0.0;
    size_t y, i, s;

    memcpy(P, ln->base, A2 * sizeof *P);
#pragma omp simd reduction(+ : total)
    for (i = 0; i < A2; i++)
        total += P[i];
    record(ln, P, 0, total);

    for (y = 0; y < ln->n_years; y++) {
        const double k = ln->k[y * ln->k_step];
        const double tfr = ln->tfr[y * ln->tfr_step];
        const double srb = ln->srb[y * ln->srb_step];
        double w = 0.0, births, bm, after = 0.0;

        /* Death rates and the two factors of the closed-form survival ratios. */
#pragma omp simd
        for (i = 0; i < A2; i++) {
            const double mi = ccap__poly_exp(lm[i] + bx[i] * k);
            const double nu = 1.0 - ax[i] * mi;

            m[i] = mi;
            num[i] = nu > 0.0 ? nu : 0.0; /* q_x <= 1; checked, kept against rounding */
            den[i] = 1.0 + (1.0 - ax[i]) * mi;
        }
        /* Survival: Q_{x+1} = P_x·S_x; the open group takes the last two.  `after` sums
         * the survivors for the migration base. */
        for (s = 0; s < 2; s++) {
            const double *restrict Ps = P + s * A;
            const double *restrict ns = num + s * A;
            const double *restrict ds = den + s * A;
            double *restrict Qs = Q + s * A;
            size_t x;

#pragma omp simd reduction(+ : after)
            for (x = 0; x < A - 2; x++) {
                const double q = Ps[x] * ns[x] / ds[x + 1];

                Qs[x + 1] = q;
                after += q;
            }
            Qs[A - 1] = (Ps[A - 2] + Ps[A - 1]) * ns[A - 2] / (m[s * A + A - 1] + ns[A - 2]);
            after += Qs[A - 1];
        }
        /* Births from women averaged over the start and the survivors at the end. */
        {
            const double *restrict Pf = P + ln->fert_first;
            const double *restrict Qf = Q + ln->fert_first;
            size_t j;

#pragma omp simd reduction(+ : w)
            for (j = 0; j < ln->n_fert; j++)
                w += fert[j] * (Pf[j] + Qf[j]);
        }
        births = w * (0.5 * tfr);
        bm = births * srb / (100.0 + srb);
        Q[0] = (births - bm) / den[0];
        Q[A] = bm / den[A];
        if (ln->births != NULL)
            ln->births[y] = births;

        /* Net migration at the end of the step, out-migration capped; totals on the fly. */
        total = 0.0;
        if (ln->mig != NULL) {
            const double c = ln->mig[y * ln->mig_step] * (after + Q[0] + Q[A]);

#pragma omp simd reduction(+ : total)
            for (i = 0; i < A2; i++) {
                const double in = c * h[i];
                const double out = -cap * Q[i];
                const double v = Q[i] + (in > out ? in : out);

                P[i] = v;
                total += v;
            }
        } else {
#pragma omp simd reduction(+ : total)
            for (i = 0; i < A2; i++) {
                P[i] = Q[i];
                total += Q[i];
            }
        }
        record(ln, P, y + 1, total);
    }
}
