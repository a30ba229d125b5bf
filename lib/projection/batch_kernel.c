/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The inner loop of the batch projection (see ccap_batch.h for the method).
 *
 * Every loop over ages is written so that the compiler vectorises it (OpenMP simd
 * pragmas; this file is built with -fno-math-errno -fno-trapping-math
 * -ffp-contract=fast, never -ffast-math: no result depends on reassociation).  The
 * exponential is the polynomial below, not libm's, so that it vectorises too.
 */

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "batch_kernel.h"

/* On x86-64 with GCC, copies of each kernel for AVX-512 (x86-64-v4) and AVX2+FMA
 * (x86-64-v3) besides the portable one, chosen when the library is loaded (ifunc);
 * elsewhere one portable copy. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11 &&       \
    defined(__linux__)
#define KERNEL_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define KERNEL_CLONES
#endif

/*
 * exp(x) for x in [-708, 709]; the callers check that range (batch.c), so there is
 * no clamp here.
 *
 * x = n·ln2 + r with n = round(x·log2(e)): adding 1.5·2^52 rounds x·log2(e) to an
 * integer held in the low bits of t.  ln2 = ln2_hi + ln2_lo, where ln2_hi has 11
 * trailing zero bits, so n·ln2_hi is exact for |n| < 2^11 and r = x - n·ln2_hi -
 * n·ln2_lo loses nothing but the last rounding; |r| <= ln2/2 (plus rounding).
 * e^r: Taylor polynomial of degree 13, Horner form; the remainder is below
 * (ln2/2)^14/14! = 4.2e-18 relative.  2^n: (n + 1023) in the exponent field, a normal
 * number for n in [-1021, 1023].  The constants are those of fdlibm's e_exp.c.
 */
static inline double
poly_exp(double x)
{
    const double shifter = 0x1.8p52;
    const double log2e = 0x1.71547652b82fep0;
    const double ln2_hi = 0x1.62e42fee00000p-1;
    const double ln2_lo = 0x1.a39ef35793c76p-33;
    double t, n, r, p, scale;
    uint64_t bits;

    t = x * log2e + shifter;
    n = t - shifter;
    r = x - n * ln2_hi;
    r = r - n * ln2_lo;
    p = 1.0 / 6227020800.0;          /* 1/13! */
    p = p * r + 1.0 / 479001600.0;   /* 1/12! */
    p = p * r + 1.0 / 39916800.0;    /* 1/11! */
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    memcpy(&bits, &t, sizeof bits);
    bits = (bits - UINT64_C(0x4338000000000000) + 1023u) << 52; /* bits of t hold n */
    memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

KERNEL_CLONES void
ccap__batch_exp(const double *x, size_t n, double *out)
{
    size_t i;

#pragma omp simd
    for (i = 0; i < n; i++)
        out[i] = poly_exp(x[i]);
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

KERNEL_CLONES void
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
            const double mi = poly_exp(lm[i] + bx[i] * k);
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
