/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Batch cohort-component projection: checks, lanes shared among threads, quantiles
 * (see ccap_batch.h for the method; the inner loop is batch_kernel.c). */

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "batch_kernel.h"
#include "ccap_private.h"

/* Scratch doubles per thread, in units of n_ages: P, Q, m, num, den for two sexes. */
#define SCRATCH_PER_AGE 10u
/* The arguments of the exponential are kept in [-LOG_MX_LIMIT, LOG_MX_LIMIT]: death
 * rates from e^-700 to e^700, all normal doubles, so the kernel's exp is exact to
 * rounding there (its own domain is [-708, 709]). */
#define LOG_MX_LIMIT 700.0

ccap_batch_params
ccap_batch_params_default(void)
{
    ccap_batch_params p;

    p.n_threads = 0;
    p.sum_age_first = 0;
    p.sum_age_count = 3;
    p.migration_cap = 0.8;
    return p;
}

/* a * b, or 0 with *overflow set when it does not fit in size_t. */
static size_t
mul(size_t a, size_t b, int *overflow)
{
    if (b != 0 && a > SIZE_MAX / b) {
        *overflow = 1;
        return 0;
    }
    return a * b;
}

/* Whether every index of the series for R regions, T trajectories and Y years is below
 * n_values (computed without overflow). */
static int
series_indices_ok(const ccap_batch_series *s, size_t R, size_t T, size_t Y)
{
    const size_t last = s->n_values - 1;
    const size_t count[3] = {R - 1, T - 1, Y - 1};
    const size_t stride[3] = {s->region_stride, s->trajectory_stride, s->year_stride};
    size_t idx = 0, d;

    for (d = 0; d < 3; d++) {
        if (count[d] == 0 || stride[d] == 0)
            continue;
        if (count[d] > last / stride[d])
            return 0;
        if (count[d] * stride[d] > last - idx)
            return 0;
        idx += count[d] * stride[d];
    }
    return 1;
}

/* The smallest and largest value of a series; CCAP_EDOM if one is not finite. */
static int
series_range(const ccap_batch_series *s, double *min_out, double *max_out)
{
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    size_t i;

    for (i = 0; i < s->n_values; i++) {
        const double v = s->values[i];
        if (!isfinite(v))
            return CCAP_EDOM;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
    }
    *min_out = lo;
    *max_out = hi;
    return CCAP_OK;
}

/* Sizes derived from the input once they are known to be valid. */
typedef struct sizes {
    size_t lanes, per_lane, n_blocks_mort, n_blocks_fert, n_blocks_mig;
    size_t n_out, n_births, n_population;
} sizes;

/* Everything that can be checked from the sizes alone (CCAP_EINVAL, CCAP_ERANGE). */
static int
check_sizes(const ccap_batch_input *in, const ccap_batch_params *p, const ccap_batch_output *out,
            sizes *z)
{
    const size_t R = in->n_regions, T = in->n_trajectories, A = in->n_ages, Y = in->n_years;
    const ccap_batch_series *series[3] = {&in->k, &in->tfr, &in->srb};
    int overflow = 0;
    size_t i;

    if (in->base_population == NULL || in->log_mx == NULL || in->mx_slope == NULL ||
        in->ax == NULL || in->fertility_schedule == NULL)
        return CCAP_EINVAL;
    if (R == 0 || T == 0 || A < 3 || Y == 0 || in->n_fertility_ages == 0 ||
        p->sum_age_count == 0)
        return CCAP_EINVAL;
    if (A > CCAP_POPULATION_AGES_MAX || Y > CCAP_BATCH_YEARS_MAX)
        return CCAP_ERANGE;
    if (in->fertility_first_age >= A || in->n_fertility_ages > A - in->fertility_first_age ||
        p->sum_age_first >= A || p->sum_age_count > A - p->sum_age_first)
        return CCAP_EINVAL;
    for (i = 0; i < 3; i++) {
        if (series[i]->values == NULL || series[i]->n_values == 0)
            return CCAP_EINVAL;
    }
    if (in->migration_rate.values != NULL &&
        (in->migration_rate.n_values == 0 || in->migration_schedule == NULL))
        return CCAP_EINVAL;

    z->lanes = mul(R, T, &overflow);
    z->per_lane = 2 * A;
    (void)mul(R, z->per_lane, &overflow); /* base population */
    z->n_out = mul(z->lanes, Y + 1, &overflow);
    z->n_births = z->lanes * Y;
    z->n_population = out->population != NULL ? mul(z->n_out, z->per_lane, &overflow) : 0;
    if (overflow || z->n_out > SIZE_MAX / sizeof(double) ||
        z->n_population > SIZE_MAX / sizeof(double))
        return CCAP_ERANGE;
    for (i = 0; i < 3; i++) {
        if (!series_indices_ok(series[i], R, T, Y))
            return CCAP_EINVAL;
    }
    if (in->migration_rate.values != NULL && !series_indices_ok(&in->migration_rate, R, T, Y))
        return CCAP_EINVAL;
    z->n_blocks_mort = in->mortality_shared ? 1 : R;
    z->n_blocks_fert = in->fertility_shared ? 1 : R;
    z->n_blocks_mig = in->migration_shared ? 1 : R;
    return CCAP_OK;
}

/* Every value against its domain (CCAP_EDOM). */
static int
check_values(const ccap_batch_input *in, const ccap_batch_params *p, const sizes *z)
{
    const size_t A = in->n_ages, A2 = 2 * A;
    double kmin, kmax, lo, hi;
    size_t b, i;
    int status;

    if (!(p->migration_cap >= 0.0 && p->migration_cap <= 1.0))
        return CCAP_EDOM;
    if (!ccap__all_in(in->base_population, in->n_regions * A2, 0.0, DBL_MAX) ||
        !ccap__all_in(in->fertility_schedule, z->n_blocks_fert * in->n_fertility_ages, 0.0, DBL_MAX))
        return CCAP_EDOM;
    if ((status = series_range(&in->tfr, &lo, &hi)) != CCAP_OK || lo < 0.0)
        return CCAP_EDOM;
    if ((status = series_range(&in->srb, &lo, &hi)) != CCAP_OK || !(lo > 0.0))
        return CCAP_EDOM;
    if (in->migration_rate.values != NULL) {
        if ((status = series_range(&in->migration_rate, &lo, &hi)) != CCAP_OK || lo < -1.0 ||
            hi > 1.0 || !ccap__all_in(in->migration_schedule, z->n_blocks_mig * A2, -DBL_MAX, DBL_MAX))
            return CCAP_EDOM;
    }
    if ((status = series_range(&in->k, &kmin, &kmax)) != CCAP_OK)
        return CCAP_EDOM;
    /* lm + b·k is linear in k: its extremes over the series are at kmin and kmax. */
    for (b = 0; b < z->n_blocks_mort; b++) {
        const double *lm = in->log_mx + b * A2, *bx = in->mx_slope + b * A2, *ax = in->ax + b * A2;

        for (i = 0; i < A2; i++) {
            const double e1 = lm[i] + bx[i] * kmin, e2 = lm[i] + bx[i] * kmax;
            const double emax = e1 > e2 ? e1 : e2, emin = e1 < e2 ? e1 : e2;

            if (!isfinite(lm[i]) || !isfinite(bx[i]) || !(ax[i] >= 0.0 && ax[i] <= 1.0) ||
                !(emin >= -LOG_MX_LIMIT && emax <= LOG_MX_LIMIT))
                return CCAP_EDOM;
            if (i % A != A - 1 && ax[i] * exp(emax) > 1.0) /* q_x <= 1 for closed ages */
                return CCAP_EDOM;
        }
    }
    return CCAP_OK;
}

/* The lane's view of a series: its year-0 element. */
static const double *
series_at(const ccap_batch_series *s, size_t r, size_t t)
{
    return s->values + r * s->region_stride + t * s->trajectory_stride;
}

static size_t
threads_for(size_t wanted, size_t work)
{
    size_t n = 1;

#ifdef _OPENMP
    const int procs = omp_get_num_procs();

    /* at most twice the processors, as ccap_uncertainty_threads() */
    n = wanted > 0 ? wanted : (size_t)omp_get_max_threads();
    if (n > 2 * (size_t)(procs > 0 ? procs : 1))
        n = 2 * (size_t)(procs > 0 ? procs : 1);
#else
    (void)wanted;
#endif
    if (n > work)
        n = work;
    if (n > (size_t)INT32_MAX)
        n = (size_t)INT32_MAX;
    return n > 0 ? n : 1;
}

int
ccap_batch_run(const ccap_batch_input *input, const ccap_batch_params *params,
               const ccap_batch_output *output)
{
    const ccap_batch_params defaults = ccap_batch_params_default();
    const ccap_batch_params *p = params != NULL ? params : &defaults;
    sizes z;
    size_t nt, l, per_thread;
    double *scratch;
    int status, overflow = 0;

    if (input == NULL || output == NULL)
        return CCAP_EINVAL;
    if ((status = check_sizes(input, p, output, &z)) != CCAP_OK)
        return status;
    nt = threads_for(p->n_threads, z.lanes);
    per_thread = SCRATCH_PER_AGE * input->n_ages;
    if ((status = check_values(input, p, &z)) != CCAP_OK)
        goto fail;
    (void)mul(nt, per_thread * sizeof(double), &overflow);
    scratch = overflow ? NULL : malloc(nt * per_thread * sizeof(double));
    if (scratch == NULL) {
        status = CCAP_ENOMEM;
        goto fail;
    }

#ifdef _OPENMP
#pragma omp parallel for num_threads((int)nt) schedule(static) if (nt > 1)
#endif
    for (l = 0; l < z.lanes; l++) {
        const ccap_batch_input *in = input;
        const size_t A = in->n_ages, A2 = 2 * A, Y = in->n_years;
        const size_t r = l / in->n_trajectories, t = l % in->n_trajectories;
        const size_t bm = in->mortality_shared ? 0 : r;
        size_t tid = 0;
        ccap__batch_lane ln;

#ifdef _OPENMP
        tid = (size_t)omp_get_thread_num();
#endif
        ln.n_ages = A;
        ln.n_years = Y;
        ln.fert_first = in->fertility_first_age;
        ln.n_fert = in->n_fertility_ages;
        ln.sum_first = p->sum_age_first;
        ln.sum_count = p->sum_age_count;
        ln.base = in->base_population + r * A2;
        ln.log_mx = in->log_mx + bm * A2;
        ln.mx_slope = in->mx_slope + bm * A2;
        ln.ax = in->ax + bm * A2;
        ln.fert = in->fertility_schedule + (in->fertility_shared ? 0 : r) * in->n_fertility_ages;
        ln.cap = p->migration_cap;
        ln.k = series_at(&in->k, r, t);
        ln.k_step = in->k.year_stride;
        ln.tfr = series_at(&in->tfr, r, t);
        ln.tfr_step = in->tfr.year_stride;
        ln.srb = series_at(&in->srb, r, t);
        ln.srb_step = in->srb.year_stride;
        if (in->migration_rate.values != NULL) {
            ln.mig = series_at(&in->migration_rate, r, t);
            ln.mig_step = in->migration_rate.year_stride;
            ln.mig_schedule = in->migration_schedule + (in->migration_shared ? 0 : r) * A2;
        } else {
            ln.mig = NULL;
            ln.mig_step = 0;
            ln.mig_schedule = NULL;
        }
        ln.total = output->total != NULL ? output->total + l * (Y + 1) : NULL;
        ln.age_sum = output->age_sum != NULL ? output->age_sum + l * (Y + 1) : NULL;
        ln.births = output->births != NULL ? output->births + l * Y : NULL;
        ln.population = output->population != NULL ? output->population + l * (Y + 1) * A2 : NULL;
        ln.scratch = scratch + tid * per_thread;
        ccap__batch_lane_run(&ln);
    }
    free(scratch);
    return CCAP_OK;

fail:
    ccap__fill_nan(output->total, z.n_out);
    ccap__fill_nan(output->age_sum, z.n_out);
    ccap__fill_nan(output->births, z.n_births);
    ccap__fill_nan(output->population, z.n_population);
    return status;
}

/* ---- quantiles ---- */

static void
swap(double *a, double *b)
{
    const double t = *a;

    *a = *b;
    *b = t;
}

/* Rearrange v[0..n) so that v[k] is the k-th smallest, nothing larger before it and
 * nothing smaller after it: Hoare's selection (Hoare 1961, FIND) with a median-of-three
 * pivot, which also leaves v[lo] <= pivot <= v[hi] as sentinels for the scans. */
double
ccap__select_kth(double *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;

    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        size_t i = lo, j = hi;
        double pivot;

        if (v[mid] < v[lo])
            swap(&v[mid], &v[lo]);
        if (v[hi] < v[lo])
            swap(&v[hi], &v[lo]);
        if (v[hi] < v[mid])
            swap(&v[hi], &v[mid]);
        pivot = v[mid];
        for (;;) {
            while (v[i] < pivot)
                i++;
            while (pivot < v[j])
                j--;
            if (i >= j)
                break;
            swap(&v[i], &v[j]);
            i++;
            j--;
        }
        /* v[lo..j] <= pivot <= v[j+1..hi], with lo <= j < hi */
        if (k <= j)
            hi = j;
        else
            lo = j + 1;
    }
    return v[k];
}

/* Type-7 quantiles of v[0..n) (v is reordered). */
static void
quantiles_of(double *v, size_t n, const double *probs, size_t n_probs, double *out)
{
    size_t i, j;

    for (i = 0; i < n_probs; i++) {
        const double h = (double)(n - 1) * probs[i];
        const size_t lo = (size_t)h;
        const double frac = h - (double)lo;
        const double a = ccap__select_kth(v, n, lo);
        double b = a;

        if (lo + 1 < n && frac > 0.0) {
            b = v[lo + 1];
            for (j = lo + 2; j < n; j++) /* after selection, the smallest above lo */
                b = v[j] < b ? v[j] : b;
        }
        out[i] = a + frac * (b - a);
    }
}

/* ---- streaming summary ---- */

struct ccap_batch_summary {
    size_t n_trajectories, n_points, n_probs, n_threads, n_groups;
    double *probs;   /* [n_probs] */
    double *sums;    /* [trajectory][point]: sums over the groups added, in their order */
    double *scratch; /* [thread][trajectory] */
};

void
ccap_batch_summary_free(ccap_batch_summary *summary)
{
    if (summary == NULL)
        return;
    free(summary->probs);
    free(summary->sums);
    free(summary->scratch);
    free(summary);
}

int
ccap_batch_summary_alloc(size_t n_trajectories, size_t n_points, const double probs[],
                         size_t n_probs, size_t n_threads, ccap_batch_summary **summary_out)
{
    const size_t N = n_trajectories, P = n_points;
    ccap_batch_summary *s;
    size_t n_sums, n_scratch, nt;
    int overflow = 0;

    if (summary_out == NULL)
        return CCAP_EINVAL;
    *summary_out = NULL;
    if (probs == NULL || N == 0 || P == 0 || n_probs == 0)
        return CCAP_EINVAL;
    if (!ccap__all_in(probs, n_probs, 0.0, 1.0))
        return CCAP_EDOM;
    nt = threads_for(n_threads, SIZE_MAX);
    n_sums = mul(N, P, &overflow);
    n_scratch = mul(nt, N, &overflow);
    (void)mul(P, n_probs, &overflow);
    if (overflow || n_sums > SIZE_MAX / sizeof(double) || n_scratch > SIZE_MAX / sizeof(double) ||
        n_probs > SIZE_MAX / sizeof(double))
        return CCAP_ERANGE;
    if ((s = calloc(1, sizeof *s)) == NULL)
        return CCAP_ENOMEM;
    s->n_trajectories = N;
    s->n_points = P;
    s->n_probs = n_probs;
    s->n_threads = nt;
    s->probs = malloc(n_probs * sizeof *s->probs);
    s->sums = calloc(n_sums, sizeof *s->sums);
    s->scratch = malloc(n_scratch * sizeof *s->scratch);
    if (s->probs == NULL || s->sums == NULL || s->scratch == NULL) {
        ccap_batch_summary_free(s);
        return CCAP_ENOMEM;
    }
    memcpy(s->probs, probs, n_probs * sizeof *probs);
    *summary_out = s;
    return CCAP_OK;
}

/* The quantiles of the trajectories' values col[t·P], t = 0 … N−1, copied into the calling
 * thread's scratch. */
static void
column_quantiles(const ccap_batch_summary *s, const double *col, double *out)
{
    const size_t N = s->n_trajectories, P = s->n_points;
    size_t tid = 0, t;
    double *v;

#ifdef _OPENMP
    tid = (size_t)omp_get_thread_num();
#endif
    v = s->scratch + tid * N;
    for (t = 0; t < N; t++)
        v[t] = col[t * P];
    quantiles_of(v, N, s->probs, s->n_probs, out);
}

int
ccap_batch_summary_add(ccap_batch_summary *summary, const double values[], size_t n_groups,
                       double group_quantiles_out[])
{
    ccap_batch_summary *s = summary;
    size_t N, P, G, n_values, n_out, n_tasks, nt, i;
    int overflow = 0;

    if (s == NULL || values == NULL || n_groups == 0)
        return CCAP_EINVAL;
    N = s->n_trajectories, P = s->n_points, G = n_groups;
    n_values = mul(mul(G, N, &overflow), P, &overflow);
    n_out = mul(mul(G, P, &overflow), s->n_probs, &overflow);
    if (overflow || n_values > SIZE_MAX / sizeof(double) || n_out > SIZE_MAX / sizeof(double))
        return CCAP_ERANGE;
    if (!ccap__all_in(values, n_values, -DBL_MAX, DBL_MAX)) {
        ccap__fill_nan(group_quantiles_out, n_out);
        return CCAP_EDOM;
    }

    /* The sums, cell by cell over the groups in their order (0.0 + g0 + g1 + …, whatever
     * the blocks): trajectories shared among threads. */
    nt = s->n_threads < N ? s->n_threads : N;
#ifdef _OPENMP
#pragma omp parallel for num_threads((int)nt) schedule(static) if (nt > 1)
#endif
    for (i = 0; i < N; i++) {
        double *restrict row = s->sums + i * P;
        size_t g, pt;

        for (g = 0; g < G; g++) {
            const double *restrict v = values + (g * N + i) * P;
            for (pt = 0; pt < P; pt++)
                row[pt] += v[pt];
        }
    }
    s->n_groups += G;
    if (group_quantiles_out == NULL)
        return CCAP_OK;

    /* Tasks: group g = i / P, point i % P. */
    n_tasks = G * P;
    nt = s->n_threads < n_tasks ? s->n_threads : n_tasks;
#ifdef _OPENMP
#pragma omp parallel for num_threads((int)nt) schedule(dynamic, 8) if (nt > 1)
#endif
    for (i = 0; i < n_tasks; i++)
        column_quantiles(s, values + (i / P) * N * P + i % P, group_quantiles_out + i * s->n_probs);
    return CCAP_OK;
}

int
ccap_batch_summary_total(ccap_batch_summary *summary, double total_quantiles_out[])
{
    ccap_batch_summary *s = summary;
    size_t P, nt, pt;

    if (s == NULL || total_quantiles_out == NULL)
        return CCAP_EINVAL;
    if (s->n_groups == 0) {
        ccap__fill_nan(total_quantiles_out, s->n_points * s->n_probs);
        return CCAP_EINVAL;
    }
    P = s->n_points;
    nt = s->n_threads < P ? s->n_threads : P;
#ifdef _OPENMP
#pragma omp parallel for num_threads((int)nt) schedule(dynamic, 1) if (nt > 1)
#endif
    for (pt = 0; pt < P; pt++)
        column_quantiles(s, s->sums + pt, total_quantiles_out + pt * s->n_probs);
    return CCAP_OK;
}

int
ccap_batch_quantiles(const double values[], size_t n_groups, size_t n_trajectories,
                     size_t n_points, const double probs[], size_t n_probs, size_t n_threads,
                     double group_quantiles_out[], double total_quantiles_out[])
{
    const size_t G = n_groups, N = n_trajectories, P = n_points;
    size_t n_values, n_group_out, n_total_out;
    ccap_batch_summary *s = NULL;
    int overflow = 0, status;

    if (values == NULL || probs == NULL ||
        (group_quantiles_out == NULL && total_quantiles_out == NULL) || G == 0 || N == 0 ||
        P == 0 || n_probs == 0)
        return CCAP_EINVAL;
    n_values = mul(mul(G, N, &overflow), P, &overflow);
    n_group_out = mul(mul(G, P, &overflow), n_probs, &overflow);
    n_total_out = mul(P, n_probs, &overflow);
    if (overflow || n_values > SIZE_MAX / sizeof(double) ||
        n_group_out > SIZE_MAX / sizeof(double))
        return CCAP_ERANGE;
    if (!ccap__all_in(probs, n_probs, 0.0, 1.0) || !ccap__all_in(values, n_values, -DBL_MAX, DBL_MAX)) {
        status = CCAP_EDOM;
        goto fail;
    }
    if ((status = ccap_batch_summary_alloc(N, P, probs, n_probs, n_threads, &s)) != CCAP_OK ||
        (status = ccap_batch_summary_add(s, values, G, group_quantiles_out)) != CCAP_OK ||
        (total_quantiles_out != NULL &&
         (status = ccap_batch_summary_total(s, total_quantiles_out)) != CCAP_OK))
        goto fail;
    ccap_batch_summary_free(s);
    return CCAP_OK;

fail:
    ccap_batch_summary_free(s);
    ccap__fill_nan(group_quantiles_out, n_group_out);
    ccap__fill_nan(total_quantiles_out, n_total_out);
    return status;
}

int
ccap_batch_exp(const double x[], size_t n, double out[])
{
    if (x == NULL || out == NULL || n == 0)
        return CCAP_EINVAL;
    if (!ccap__all_in(x, n, -708.0, 709.0)) {
        ccap__fill_nan(out, n);
        return CCAP_EDOM;
    }
    ccap__batch_exp(x, n, out);
    return CCAP_OK;
}
