/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_BATCH_KERNEL_H
#define CCAP_BATCH_KERNEL_H

/*
 * The inner loop of the batch projection (batch_kernel.c), built with its own
 * floating-point flags (no errno from libm, no trapping math, contraction to FMA) and,
 * on x86-64, also for AVX2+FMA and for AVX-512, chosen at run time.  Inputs are checked by
 * batch.c before the kernel runs; the kernel checks nothing.
 */

#include <stddef.h>

/* One lane: every pointer is already offset to this lane's data. */
typedef struct ccap__batch_lane {
    size_t n_ages, n_years;
    size_t fert_first, n_fert, sum_first, sum_count;
    const double *base;          /* [sex][age] */
    const double *log_mx;        /* [sex][age] */
    const double *mx_slope;      /* [sex][age] */
    const double *ax;            /* [sex][age] */
    const double *fert;          /* [n_fert] */
    const double *mig_schedule;  /* [sex][age], NULL without migration */
    double cap;
    const double *k, *tfr, *srb, *mig; /* series at year 0 of this lane (mig may be NULL) */
    size_t k_step, tfr_step, srb_step, mig_step; /* year strides */
    double *total, *age_sum, *births, *population; /* this lane's rows, each may be NULL */
    double *scratch;             /* 10 * n_ages doubles */
} ccap__batch_lane;

/* Project one lane over its years. */
void ccap__batch_lane_run(const ccap__batch_lane *lane);

/* out[i] = exp(x[i]) by the kernel's polynomial; x[i] in [-708, 709]. */
void ccap__batch_exp(const double *x, size_t n, double *out);

#endif /* CCAP_BATCH_KERNEL_H */
