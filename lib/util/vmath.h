/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_UTIL_VMATH_H
#define CCAP_UTIL_VMATH_H

/*
 * Vectorisable exp and log (private): polynomials the compiler turns into SIMD code in a
 * loop, where libm's exp and log are calls.  Used by the batch kernel
 * (lib/projection/batch_kernel.c) and the exponential interpolation of populations
 * (vmath.c, ccap__interp_exp()).  The files that use them are built with
 * -fno-math-errno -fno-trapping-math -ffp-contract=fast -fopenmp-simd, never
 * -ffast-math: nothing is reassociated and NaN and Inf keep their meaning.
 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* On x86-64 with GCC, copies of a function for AVX-512 (x86-64-v4) and AVX2+FMA
 * (x86-64-v3) besides the portable one, chosen when the library is loaded (ifunc);
 * elsewhere one portable copy.  The copies may differ in the last bit (FMA), never
 * between runs or threads on one machine. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11 &&           \
    defined(__linux__)
#define CCAP__KERNEL_CLONES                                                                        \
    __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define CCAP__KERNEL_CLONES
#endif

/*
 * exp(x) for x in [-708, 709]; callers keep x in that range (there is no clamp here).
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
ccap__poly_exp(double x)
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
    p = 1.0 / 6227020800.0;        /* 1/13! */
    p = p * r + 1.0 / 479001600.0; /* 1/12! */
    p = p * r + 1.0 / 39916800.0;  /* 1/11! */
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

/*
 * log(x) for a positive normal x (callers check; there is no test here).
 *
 * The method of fdlibm's e_log.c, without branches: x = 2^k·(1 + f) with
 * √2/2 < 1 + f < √2 (the high word is shifted by 1 − √2/2 so that the exponent field
 * gives k and the mantissa, put back under exponent 0, gives 1 + f, as musl's log does);
 * s = f/(2 + f), log(1 + f) = f − s·(f − R) in the form
 * f − (hfsq − s·(hfsq + R)) with hfsq = f²/2 and R(s²) the polynomial Lg1…Lg7 of
 * e_log.c (|error| < 2^-58.45); k·ln2 with ln2 = ln2_hi + ln2_lo as in ccap__poly_exp().
 * Error below 1 ulp, as fdlibm's.  k is turned into a double through the bits of
 * 2^52 + (k + 1023), so that no integer conversion stops the vectoriser.
 */
static inline double
ccap__poly_log(double x)
{
    const double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01,
                 Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01,
                 Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
                 Lg7 = 1.479819860511658591e-01;
    const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
    uint64_t bits, hx, kbits;
    double m, f, s, z, w, R, hfsq, k;

    memcpy(&bits, &x, sizeof bits);
    hx = (bits >> 32) + (UINT64_C(0x3ff00000) - UINT64_C(0x3fe6a09e));
    kbits = UINT64_C(0x4330000000000000) | (hx >> 20); /* 2^52 + (k + 1023) */
    hx = (hx & UINT64_C(0x000fffff)) + UINT64_C(0x3fe6a09e);
    bits = (hx << 32) | (bits & UINT64_C(0xffffffff));
    memcpy(&m, &bits, sizeof m);
    memcpy(&k, &kbits, sizeof k);
    k = k - (0x1p52 + 1023.0);
    f = m - 1.0;
    s = f / (2.0 + f);
    z = s * s;
    w = z * z;
    R = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7))) + w * (Lg2 + w * (Lg4 + w * Lg6));
    hfsq = 0.5 * f * f;
    return k * ln2_hi - ((hfsq - (s * (hfsq + R) + k * ln2_lo)) - f);
}

/*
 * dst[i] = p0[i]·exp(u·log(p1[i]/p0[i])) where both are positive (geometric
 * interpolation at the fraction u of the way from p0 to p1), p0[i] + u·(p1[i] − p0[i])
 * otherwise; u in [0, 1].  The polynomials above, vectorised; the rare ratio outside
 * [2^-1000, 2^1000] by libm.  dst may be p0 or p1
 * (each element is read before it is written).
 */
void ccap__interp_exp(const double *p0, const double *p1, double u, double *dst, size_t n);

#endif /* CCAP_UTIL_VMATH_H */
