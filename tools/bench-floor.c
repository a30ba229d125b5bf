/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-floor: what a projection step cannot do without, timed alone, as the floor that
 * docs/performance.md compares ccap-bench with.  Per lane and year it does only the work no
 * cohort-component step can avoid on the benchmark's workload: 202 exponentials (a death rate
 * per age and sex, with the C library's vector exp), 202 divisions (the survival ratios'
 * denominators) and the shift of the population by one year of age, with the total summed on
 * the way.  No births, no migration, no checks, no quantiles: a lower bound, not a projection.
 *
 * Built outside the library (it is not part of ccap), with the flags that let GCC call
 * glibc's vector exp (libmvec: AVX-512 or AVX2 versions, chosen at run time):
 *   cc -O2 -march=native -ffast-math -fopenmp -o bench-floor tools/bench-floor.c -lm
 * usage: bench-floor LANES YEARS [THREADS [REPEAT]]
 * prints: FLOOR lanes=... years=... threads=... median_s=... min_s=... ns_per_lane_year=...
 *         checksum=...
 */

#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef _OPENMP
#include <omp.h>
#endif

enum { NA = 101, A2 = 2 * NA };

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int
cmp(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* One run over every lane; returns the sum of the last year's totals. */
static double
run(size_t lanes, size_t years, int threads, const double *lm, const double *bx, const double *ax,
    const double *base)
{
    double all = 0.0;
    long l;

#pragma omp parallel for num_threads(threads) schedule(static) reduction(+ : all)
    for (l = 0; l < (long)lanes; l++) {
        double P[A2], Q[A2], m[A2], d[A2], total = 0.0;
        size_t y, i;

        memcpy(P, base, sizeof P);
        for (y = 0; y < years; y++) {
            const double k = -10.0 - 1.5 * (double)y + 1e-6 * (double)(l % 1000);

#pragma omp simd
            for (i = 0; i < A2; i++)
                m[i] = exp(lm[i] + bx[i] * k);
#pragma omp simd
            for (i = 0; i < A2; i++)
                d[i] = (1.0 - ax[i] * m[i]) / (1.0 + (1.0 - ax[i]) * m[i]);
            /* the shift by one year of age (both sexes in one sweep), total on the way */
            total = 0.0;
#pragma omp simd reduction(+ : total)
            for (i = 1; i < A2; i++) {
                Q[i] = P[i - 1] * d[i];
                total += Q[i];
            }
            Q[0] = 0.01 * total * d[0];
            total += Q[0];
            memcpy(P, Q, sizeof P);
        }
        all += total;
    }
    return all;
}

int
main(int argc, char **argv)
{
    size_t lanes, years, repeat = 5, r, x;
    int threads = 1;
    double lm[A2], bx[A2], ax[A2], base[A2], *t, sum = 0.0;

    if (argc < 3) {
        fprintf(stderr, "usage: %s LANES YEARS [THREADS [REPEAT]]\n", argv[0]);
        return 2;
    }
    lanes = strtoul(argv[1], NULL, 10);
    years = strtoul(argv[2], NULL, 10);
    if (argc > 3)
        threads = atoi(argv[3]);
    if (argc > 4)
        repeat = strtoul(argv[4], NULL, 10);
    if (lanes == 0 || years == 0 || threads < 1 || repeat == 0)
        return 2;
    /* The benchmark's female and male mortality and its population shape, roughly. */
    for (x = 0; x < A2; x++) {
        const double a = (double)(x % NA);
        const int male = x >= NA;

        lm[x] = log((male ? 0.0055 : 0.005) * exp(-a) + (male ? 0.00035 : 0.00011) +
                    (male ? 3.2e-5 : 1.1e-5) * exp((male ? 0.097 : 0.105) * a));
        bx[x] = (1.5 - a / 100.0) / 100.0;
        ax[x] = x % NA == 0 ? 0.1 : 0.5;
        base[x] = 1000.0 * exp(-a / 60.0);
    }
    if ((t = malloc(repeat * sizeof *t)) == NULL)
        return 1;
    sum = run(lanes, years, threads, lm, bx, ax, base); /* warm-up */
    for (r = 0; r < repeat; r++) {
        const double t0 = now();

        sum = run(lanes, years, threads, lm, bx, ax, base);
        t[r] = now() - t0;
    }
    qsort(t, repeat, sizeof *t, cmp);
    printf("FLOOR lanes=%zu years=%zu threads=%d median_s=%.6f min_s=%.6f "
           "ns_per_lane_year=%.1f checksum=%.17g\n",
           lanes, years, threads, t[repeat / 2], t[0],
           1e9 * t[repeat / 2] / ((double)lanes * (double)years), sum);
    free(t);
    return 0;
}
