/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ccap-bench: the cohort-component benchmark of docs/performance.md, run through the
 * library's batch API (ccap_batch_run, ccap_batch_quantiles).  It generates the
 * benchmark's inputs by its MINSTD rule, projects R regions × T trajectories over Y
 * years and prints the same CHECKSUM and TIME lines as the baseline scripts, timed over
 * the same scope: from inputs in memory to totals, under-3s and quantiles.
 */

#define _POSIX_C_SOURCE 200809L

#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define PROGRAM "ccap-bench"

enum { NA = 101, FERT_FIRST = 15, N_FERT = 35, N_Q = 3 };

/* Approximate China-2020 census counts by 5-year group 0-4 .. 95-99 and 100+ (shape only). */
static const double G5[21] = {77.88, 90.24, 85.26, 72.69, 74.94, 91.85, 124.14,
                              99.01, 93.00, 114.22, 121.96, 101.40, 73.38, 74.01,
                              49.59, 31.24, 20.38, 10.59, 3.51, 0.85, 0.12};
/* Base mortality A·exp(-B·x) + C + G·exp(H·x), female then male. */
static const double MORT[2][5] = {{0.005, 1.0, 0.00011, 1.1e-5, 0.105},
                                  {0.0055, 1.0, 0.00035, 3.2e-5, 0.097}};

static void
usage(void)
{
    printf("Usage: %s [--regions R] [--traj T] [--years Y] [--repeat N] [--threads N]\n",
           PROGRAM);
    printf("\n"
           "Project R regions x T trajectories over Y years with the library's batch\n"
           "engine, on the generated inputs of the benchmark (docs/performance.md), and\n"
           "print the checksums and the median time of the projection:\n"
           "  CHECKSUM final_total=...   total population of the last year, all lanes\n"
           "  CHECKSUM u3_sum=...        children under 3, all lanes and years\n"
           "  CHECKSUM q_sum=...         10/50/90 %% quantiles over trajectories (T > 1)\n"
           "  TIME projection_s median=... min=... runs=N\n"
           "The timed section goes from the inputs in memory to the totals, under-3s\n"
           "and quantiles; input generation and one warm-up run are not timed.\n"
           "\n"
           "Options:\n"
           "      --regions R   regions (default 1)\n"
           "      --traj T      trajectories per region (default 1)\n"
           "      --years Y     years (default 50)\n"
           "      --repeat N    timed runs after the warm-up (default 5; 0: none)\n"
           "      --threads N   threads (default 0: all; results do not depend on it)\n"
           "  -h, --help        show this help and exit\n"
           "  -V, --version     show the version and exit\n"
           "\n"
           "Workloads: W1 --regions 1 --traj 1 --years 50; W2 --regions 2850 --years 30;\n"
           "W3 --regions 16 --traj 1000 --years 30.\n"
           "\n"
           "Exit status: 0 on success, 1 when the library reports an error, 2 on bad usage.\n");
}

/* Park-Miller MINSTD: x <- 48271·x mod (2^31 - 1), u = x / (2^31 - 1). */
static double
minstd(uint64_t *x)
{
    *x = (48271u * *x) % 2147483647u;
    return (double)*x / 2147483647.0;
}

/* The inputs of the benchmark, laid out for ccap_batch_run(). */
typedef struct bench {
    size_t R, T, Y, lanes;
    double *pop;        /* [region][sex][age] */
    double lm[2 * NA], bx[2 * NA], ax[2 * NA], h[2 * NA];
    double *pasfr;      /* [region][35] */
    double *mig;        /* [region] */
    double *tfr, *k;    /* [lane][year] */
    double srb;
} bench;

static void
bench_free(bench *b)
{
    free(b->pop);
    free(b->pasfr);
    free(b->mig);
    free(b->tfr);
    free(b->k);
}

static int
bench_generate(bench *b, size_t R, size_t T, size_t Y)
{
    uint64_t x = 20240601u;
    double g[NA], hsum = 0.0, *tfr0, *k0;
    size_t r, t, y, a, s;

    memset(b, 0, sizeof *b);
    b->R = R;
    b->T = T;
    b->Y = Y;
    b->lanes = R * T;
    b->pop = malloc(R * 2 * NA * sizeof *b->pop);
    b->pasfr = malloc(R * N_FERT * sizeof *b->pasfr);
    b->mig = malloc(R * sizeof *b->mig);
    b->tfr = malloc(b->lanes * Y * sizeof *b->tfr);
    b->k = malloc(b->lanes * Y * sizeof *b->k);
    tfr0 = malloc(R * sizeof *tfr0);
    k0 = malloc(R * sizeof *k0);
    if (b->pop == NULL || b->pasfr == NULL || b->mig == NULL || b->tfr == NULL ||
        b->k == NULL || tfr0 == NULL || k0 == NULL) {
        free(tfr0);
        free(k0);
        bench_free(b);
        return CCAP_ENOMEM;
    }
    for (a = 0; a < NA; a++)
        g[a] = G5[a / 5 < 20 ? a / 5 : 20] / (a < 100 ? 5.0 : 1.0);
    for (r = 0; r < R; r++) {
        const double u1 = minstd(&x), u2 = minstd(&x), u3 = minstd(&x);
        const double u4 = minstd(&x), u5 = minstd(&x), u6 = minstd(&x);
        const double N = 15000.0 * exp(u1 * log(2500000.0 / 15000.0));
        const double tilt = 0.6 * u2 - 0.3, mac = 27.0 + 4.0 * u6;
        double w[NA], wsum = 0.0, phi[N_FERT], psum = 0.0;

        tfr0[r] = 0.9 + 0.6 * u3;
        k0[r] = 30.0 * u4 - 15.0;
        b->mig[r] = 0.008 * u5 - 0.004;
        for (a = 0; a < NA; a++) {
            w[a] = g[a] * exp(tilt * (40.0 - (double)a) / 40.0);
            wsum += w[a];
        }
        for (a = 0; a < NA; a++) {
            const double P = N * w[a] / wsum;
            const double ms = a <= 60 ? 0.53 - 0.0003 * (double)a : 0.512 - 0.0028 * ((double)a - 60.0);
            b->pop[(r * 2 + 0) * NA + a] = P * (1.0 - ms);
            b->pop[(r * 2 + 1) * NA + a] = P * ms;
        }
        for (a = 0; a < N_FERT; a++) {
            const double z = ((double)(a + FERT_FIRST) - mac) / 5.5;
            phi[a] = exp(-0.5 * z * z);
            psum += phi[a];
        }
        for (a = 0; a < N_FERT; a++)
            b->pasfr[r * N_FERT + a] = phi[a] / psum;
    }
    for (s = 0; s < 2; s++) {
        for (a = 0; a < NA; a++) {
            const double *c = MORT[s];
            const double xa = (double)a;
            b->lm[s * NA + a] = log(c[0] * exp(-c[1] * xa) + c[2] + c[3] * exp(c[4] * xa));
            b->bx[s * NA + a] = (1.5 - xa / 100.0) / 100.0;
            b->ax[s * NA + a] = a == 0 ? 0.1 : 0.5;
        }
    }
    for (a = 0; a < NA; a++) {
        const double z = ((double)a - 24.0) / 7.0;
        b->h[a] = exp(-0.5 * z * z) + 0.15 * exp(-(double)a / 8.0);
        hsum += b->h[a];
    }
    for (a = 0; a < NA; a++) {
        b->h[a] = b->h[a] / hsum;
        b->h[NA + a] = 0.5 * b->h[a]; /* half per sex: the rate applies to both sexes */
        b->h[a] = b->h[NA + a];
    }
    b->srb = 111.0; /* 1.11 males per female */
    for (r = 0; r < R; r++) {
        for (t = 0; t < T; t++) {
            const size_t l = r * T + t;
            double d = 0.0, e = 0.0;

            for (y = 0; y < Y; y++) {
                const double yy = (double)y;
                const double tfr_det = tfr0[r] + (1.4 - tfr0[r]) * (yy < 30.0 ? yy : 30.0) / 30.0;
                const double k_det = k0[r] - 1.5 * yy;

                if (T == 1) {
                    b->tfr[l * Y + y] = tfr_det;
                    b->k[l * Y + y] = k_det;
                } else {
                    const double ua = minstd(&x), ub = minstd(&x);

                    d = 0.9 * d + 0.4 * (ua - 0.5);
                    e = 0.9 * e + 10.0 * (ub - 0.5);
                    b->tfr[l * Y + y] = tfr_det + d > 0.3 ? tfr_det + d : 0.3;
                    b->k[l * Y + y] = k_det + e;
                }
            }
        }
    }
    free(tfr0);
    free(k0);
    return CCAP_OK;
}

/* The outputs of one timed run. */
typedef struct result {
    double *total, *u3, *q_reg, *q_all; /* [lane][Y+1] x2; [region][Y+1][3]; [Y+1][3] */
} result;

static void
result_free(result *res)
{
    free(res->total);
    free(res->u3);
    free(res->q_reg);
    free(res->q_all);
    memset(res, 0, sizeof *res);
}

/* The timed section: inputs in memory to totals, under-3s and quantiles. */
static int
run_once(const bench *b, size_t n_threads, result *res)
{
    static const double probs[N_Q] = {0.1, 0.5, 0.9};
    const size_t n_out = b->lanes * (b->Y + 1);
    ccap_batch_input in;
    ccap_batch_params params = ccap_batch_params_default();
    ccap_batch_output out;
    int status;

    memset(res, 0, sizeof *res);
    res->total = malloc(n_out * sizeof *res->total);
    res->u3 = malloc(n_out * sizeof *res->u3);
    if (res->total == NULL || res->u3 == NULL)
        return CCAP_ENOMEM;
    memset(&in, 0, sizeof in);
    in.n_regions = b->R;
    in.n_trajectories = b->T;
    in.n_ages = NA;
    in.n_years = b->Y;
    in.base_population = b->pop;
    in.log_mx = b->lm;
    in.mx_slope = b->bx;
    in.ax = b->ax;
    in.mortality_shared = 1;
    in.k = (ccap_batch_series){b->k, b->lanes * b->Y, b->T * b->Y, b->Y, 1};
    in.fertility_first_age = FERT_FIRST;
    in.n_fertility_ages = N_FERT;
    in.fertility_schedule = b->pasfr;
    in.tfr = (ccap_batch_series){b->tfr, b->lanes * b->Y, b->T * b->Y, b->Y, 1};
    in.srb = (ccap_batch_series){&b->srb, 1, 0, 0, 0};
    in.migration_rate = (ccap_batch_series){b->mig, b->R, 1, 0, 0};
    in.migration_schedule = b->h;
    in.migration_shared = 1;
    params.n_threads = n_threads;
    out = (ccap_batch_output){res->total, res->u3, NULL, NULL};
    if ((status = ccap_batch_run(&in, &params, &out)) != CCAP_OK)
        return status;
    if (b->T > 1) {
        res->q_reg = malloc(b->R * (b->Y + 1) * N_Q * sizeof *res->q_reg);
        res->q_all = malloc((b->Y + 1) * N_Q * sizeof *res->q_all);
        if (res->q_reg == NULL || res->q_all == NULL)
            return CCAP_ENOMEM;
        status = ccap_batch_quantiles(res->u3, b->R, b->T, b->Y + 1, probs, N_Q, n_threads,
                                      res->q_reg, res->q_all);
    }
    return status;
}

/* The numbers a run holds at once: the generated inputs (population, schedules, migration
 * rates; TFR and k by lane and year), one run's totals and under-3s by lane and year and its
 * quantiles.  Refused with the sizes when above CCAP_CELLS_MAX or the machine's memory,
 * before anything is generated. */
static int
check_size(size_t R, size_t T, size_t Y)
{
    const double lanes = (double)R * (double)T;
    const double numbers = (double)R * (2.0 * NA + N_FERT + 1.0) + 2.0 * lanes * (double)Y +
                           2.0 * lanes * ((double)Y + 1.0) +
                           (T > 1 ? ((double)R + 1.0) * ((double)Y + 1.0) * N_Q : 0.0);
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    const double memory = pages > 0 && page > 0 ? (double)pages * (double)page : HUGE_VAL;
    const double bytes = numbers * (double)sizeof(double);

    if (numbers <= (double)CCAP_CELLS_MAX && bytes <= memory)
        return CLI_EXIT_OK;
    fprintf(stderr,
            "%s: %zu regions x %zu trajectories = %.0f lanes x %zu years: the run would hold "
            "%.3g numbers (%.1f GB: TFR, k, totals and under-3s of every lane and year), more "
            "than %s",
            PROGRAM, R, T, lanes, Y, numbers, bytes / 1e9,
            numbers > (double)CCAP_CELLS_MAX ? "" : "the memory of this machine");
    if (numbers > (double)CCAP_CELLS_MAX)
        fprintf(stderr, "CCAP_CELLS_MAX (%zu)", (size_t)CCAP_CELLS_MAX);
    else
        fprintf(stderr, " (%.1f GB)", memory / 1e9);
    fprintf(stderr, "; use fewer --regions, --traj or --years\n");
    return CLI_EXIT_USAGE;
}

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int
cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static void
print_report(const bench *b, const result *res, size_t n_threads, double *times, size_t n_times)
{
    const size_t Y = b->Y, n_out = b->lanes * (Y + 1);
    double final_total = 0.0, u3_sum = 0.0, q_sum = 0.0, tot0 = 0.0, u30 = 0.0, u3Y = 0.0;
    size_t l, i;

    for (l = 0; l < b->lanes; l++) {
        final_total += res->total[l * (Y + 1) + Y];
        tot0 += res->total[l * (Y + 1)];
        u30 += res->u3[l * (Y + 1)];
        u3Y += res->u3[l * (Y + 1) + Y];
    }
    for (i = 0; i < n_out; i++)
        u3_sum += res->u3[i];
    printf("WORKLOAD regions=%zu traj=%zu years=%zu lanes=%zu threads=%zu engine=ccap_batch\n",
           b->R, b->T, Y, b->lanes, n_threads);
    printf("CHECKSUM final_total=%.17g\n", final_total);
    printf("CHECKSUM u3_sum=%.17g\n", u3_sum);
    if (b->T > 1) {
        for (i = 0; i < b->R * (Y + 1) * N_Q; i++)
            q_sum += res->q_reg[i];
        for (i = 0; i < (Y + 1) * N_Q; i++)
            q_sum += res->q_all[i];
        printf("CHECKSUM q_sum=%.17g\n", q_sum);
        printf("INFO national_u3_q10_q50_q90_final=%.6g %.6g %.6g\n", res->q_all[Y * N_Q],
               res->q_all[Y * N_Q + 1], res->q_all[Y * N_Q + 2]);
    }
    printf("INFO national_total_y0=%.6g final=%.6g u3_y0=%.6g u3_final=%.6g\n",
           tot0 / (double)b->T, final_total / (double)b->T, u30 / (double)b->T,
           u3Y / (double)b->T);
    if (n_times > 0) {
        qsort(times, n_times, sizeof *times, cmp_double);
        printf("TIME projection_s median=%.6f min=%.6f runs=%zu all=",
               n_times % 2 ? times[n_times / 2]
                           : 0.5 * (times[n_times / 2 - 1] + times[n_times / 2]),
               times[0], n_times);
        for (i = 0; i < n_times; i++)
            printf("%s%.6f", i > 0 ? "," : "", times[i]);
        printf("\n");
    }
}

int
main(int argc, char **argv)
{
    static const struct option longs[] = {
        {"regions", required_argument, NULL, 'R'}, {"traj", required_argument, NULL, 'T'},
        {"years", required_argument, NULL, 'Y'},   {"repeat", required_argument, NULL, 'n'},
        {"threads", required_argument, NULL, 't'}, {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},       {NULL, 0, NULL, 0}};
    long regions = 1, traj = 1, years = 50, repeat = 5, threads = 0;
    bench b;
    result res, last = {NULL, NULL, NULL, NULL};
    double *times;
    int opt, rc, status, stop;
    long i;

    ccap_library_init();
    while ((opt = getopt_long(argc, argv, "hV", longs, NULL)) != -1) {
        rc = CLI_EXIT_OK;
        switch (opt) {
        case 'R': rc = cli_parse_long(PROGRAM, "--regions", optarg, 1, 1000000, &regions); break;
        case 'T': rc = cli_parse_long(PROGRAM, "--traj", optarg, 1, 1000000, &traj); break;
        case 'Y':
            rc = cli_parse_long(PROGRAM, "--years", optarg, 1, CCAP_BATCH_YEARS_MAX, &years);
            break;
        case 'n': rc = cli_parse_long(PROGRAM, "--repeat", optarg, 0, 100000, &repeat); break;
        case 't': rc = cli_parse_long(PROGRAM, "--threads", optarg, 0, 4096, &threads); break;
        default:
            if ((rc = cli_common_option(PROGRAM, opt, argv, usage, &stop)) != CLI_EXIT_OK || stop)
                return rc;
            break;
        }
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    if (optind < argc)
        return cli_usage_error(PROGRAM, "unexpected argument '%s'", argv[optind]);
    if ((rc = check_size((size_t)regions, (size_t)traj, (size_t)years)) != CLI_EXIT_OK)
        return rc;

    if ((status = bench_generate(&b, (size_t)regions, (size_t)traj, (size_t)years)) != CCAP_OK) {
        fprintf(stderr, "%s: generating the inputs: %s\n", PROGRAM, ccap_strerror(status));
        return CLI_EXIT_DATA;
    }
    times = malloc(((size_t)repeat + 1) * sizeof *times);
    status = times == NULL ? CCAP_ENOMEM : run_once(&b, (size_t)threads, &last); /* warm-up */
    for (i = 0; i < repeat && status == CCAP_OK; i++) {
        double t0;

        result_free(&last); /* one run's results at a time */
        t0 = now();
        status = run_once(&b, (size_t)threads, &res);
        times[i] = now() - t0;
        last = res; /* on failure too: freed below */
    }
    if (status == CCAP_OK)
        print_report(&b, &last, (size_t)threads, times, (size_t)repeat);
    else
        fprintf(stderr, "%s: %s\n", PROGRAM, ccap_strerror(status));
    result_free(&last);
    free(times);
    bench_free(&b);
    return status == CCAP_OK ? cli_close_stdout(PROGRAM) : CLI_EXIT_DATA;
}
