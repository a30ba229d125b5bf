/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Vectorised geometric interpolation (vmath.h). */

#include <math.h>

#include "vmath.h"

/* The geometric value at u, by the polynomials (ratio r in [2^-1000, 2^1000]) or libm. */
static inline double
geometric(double a, double b, double u, int by_libm)
{
    return by_libm ? a * exp(u * log(b / a)) : a * ccap__poly_exp(u * ccap__poly_log(b / a));
}

CCAP__KERNEL_CLONES void
ccap__interp_exp(const double *p0, const double *p1, double u, double *dst, size_t n)
{
    const double lo = 0x1p-1000, hi = 0x1p1000;
    size_t i, outside = 0;

    /* u·log(r) then lies in [-694, 694], inside ccap__poly_exp()'s domain */
#pragma omp simd reduction(+ : outside)
    for (i = 0; i < n; i++) {
        const double a = p0[i], b = p1[i];
        const double r = a > 0.0 && b > 0.0 ? b / a : 1.0;

        outside += !(r >= lo && r <= hi);
    }
    if (outside > 0) {
        for (i = 0; i < n; i++) {
            const double a = p0[i], b = p1[i];

            dst[i] = a > 0.0 && b > 0.0 ? geometric(a, b, u, !(b / a >= lo && b / a <= hi))
                                        : a + u * (b - a);
        }
        return;
    }
#pragma omp simd
    for (i = 0; i < n; i++) {
        const double a = p0[i], b = p1[i];
        const int both = a > 0.0 && b > 0.0;
        const double r = both ? b / a : 1.0;

        dst[i] = both ? a * ccap__poly_exp(u * ccap__poly_log(r)) : a + u * (b - a);
    }
}
