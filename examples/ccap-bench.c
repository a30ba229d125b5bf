/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ccap-bench: the cohort-component benchmark of docs/performance.md, run through the
 * library's batch API (ccap_batch_run, ccap_batch_summary_*).  It generates the
 * benchmark's inputs by its MINSTD rule, projects R regions × T trajectories over Y
 * years block by block (whole regions, so that a national run holds one block at a time)
 * and prints the same CHECKSUM and TIME lines as the baseline scripts, timed over the
 * same scope: from inputs in memory to totals, under-3s and quantiles.
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
    printf("Usage: %s [--regions R] [--traj T] [--years Y] [--repeat N] [--warmup N]\n"
           "       [--threads N]\n",
           PROGRAM);
    printf("\n"
           "Project R regions x T trajectories over Y years with the library's batch\n"
           "engine, on the generated inputs of the benchmark (docs/performance.md), and\n"
           "print the checksums and the median time of the projection:\n"
           "  CHECKSUM final_total=...   total population of the last year, all lanes\n"
           "  CHECKSUM u3_sum=...        children under 3, all lanes and years\n"
           "  CHECKSUM q_sum=...         10/50/90 %% quantiles over trajectories (T > 1)\n"
           "  TIME projection_s median=... min=... runs=N\n"
           "  TIME projection_cpu_s ...   the same runs' CPU time, all threads\n"
           "The timed section goes from the inputs in memory to the totals, under-3s\n"
           "and quantiles; input generation and the warm-up runs are not timed.  Lanes\n"
           "run in blocks of whole regions (about 16,000 lanes), so memory does not grow\n"
           "with the regions; on a terminal, progress goes to stderr after a second.\n"
           "\n"
           "Options:\n"
           "      --regions R   regions (default 1)\n"
           "      --traj T      trajectories per region (default 1)\n"
           "      --years Y     years (default 50)\n"
           "      --repeat N    timed runs after the warm-up (default 5; 0: none)\n"
           "      --warmup N    untimed runs first (default 1)\n"
           "      --threads N   threads (default 0: all; results do not depend on it)\n"
           "  -h, --help        show this help and exit\n"
           "  -V, --version     show the version and exit\n"
           "\n"
           "Workloads: W1 --regions 1 --traj 1 --years 50; W2 --regions 2850 --years 30;\n"
           "W3 --regions 16 --traj 1000 --years 30; W4 --regions 2850 --traj 1000 --years 30.\n"
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

/* Lanes projected at once: whole regions, at least one.  W1-W3 are one block; W4 (2,850,000
 * lanes) runs in 179 blocks of 16 regions × 1,000 trajectories, so memory holds one block's
 * drivers and results (16,000 lanes × 30 years × 4 doubles ≈ 16 MB), not the 2.7 GB of all. */
#define BLOCK_LANES 16384u

/* The inputs of the benchmark: everything per region, and the drivers (TFR and k by lane and
 * year) of one block of regions at a time, laid out for ccap_batch_run(). */
typedef struct bench {
    size_t R, T, Y, lanes, block_regions;
    double *pop;        /* [region][sex][age] */
    double lm[2 * NA], bx[2 * NA], ax[2 * NA], h[2 * NA];
    double *pasfr;      /* [region][35] */
    double *mig;        /* [region] */
    double *tfr0, *k0;  /* [region] */
    double *tfr, *k;    /* [lane of the block][year] */
    double srb;
    uint64_t x_lanes; /* the generator after the region draws: the first lane's draws */
} bench;

static void
bench_free(bench *b)
{
    free(b->pop);
    free(b->pasfr);
    free(b->mig);
    free(b->tfr0);
    free(b->k0);
    free(b->tfr);
    free(b->k);
}

/* The regions' inputs and the shared schedules; the drivers come block by block
 * (bench_drivers). */
static int
bench_generate(bench *b, size_t R, size_t T, size_t Y)
{
    uint64_t x = 20240601u;
    double g[NA], hsum = 0.0;
    size_t r, a, s, block_lanes;

    memset(b, 0, sizeof *b);
    b->R = R;
    b->T = T;
    b->Y = Y;
    b->lanes = R * T;
    b->block_regions = T >= BLOCK_LANES ? 1 : BLOCK_LANES / T;
    if (b->block_regions > R)
        b->block_regions = R;
    block_lanes = b->block_regions * T;
    b->pop = malloc(R * 2 * NA * sizeof *b->pop);
    b->pasfr = malloc(R * N_FERT * sizeof *b->pasfr);
    b->mig = malloc(R * sizeof *b->mig);
    b->tfr0 = malloc(R * sizeof *b->tfr0);
    b->k0 = malloc(R * sizeof *b->k0);
    b->tfr = malloc(block_lanes * Y * sizeof *b->tfr);
    b->k = malloc(block_lanes * Y * sizeof *b->k);
    if (b->pop == NULL || b->pasfr == NULL || b->mig == NULL || b->tfr0 == NULL || b->k0 == NULL ||
        b->tfr == NULL || b->k == NULL) {
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

        b->tfr0[r] = 0.9 + 0.6 * u3;
        b->k0[r] = 30.0 * u4 - 15.0;
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
    b->x_lanes = x;
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
    return CCAP_OK;
}

/* The drivers of regions r0 … r0+n−1, into b->tfr and b->k.  Lanes draw in order from the
 * generator state *x (two draws per year), so blocks taken in order continue the stream. */
static void
bench_drivers(bench *b, size_t r0, size_t n, uint64_t *x)
{
    const size_t T = b->T, Y = b->Y;
    size_t r, t, y;

    for (r = r0; r < r0 + n; r++) {
        for (t = 0; t < T; t++) {
            const size_t l = (r - r0) * T + t;
            double d = 0.0, e = 0.0;

            for (y = 0; y < Y; y++) {
                const double yy = (double)y;
                const double tfr_det =
                    b->tfr0[r] + (1.4 - b->tfr0[r]) * (yy < 30.0 ? yy : 30.0) / 30.0;
                const double k_det = b->k0[r] - 1.5 * yy;

                if (T == 1) {
                    b->tfr[l * Y + y] = tfr_det;
                    b->k[l * Y + y] = k_det;
                } else {
                    const double ua = minstd(x), ub = minstd(x);

                    d = 0.9 * d + 0.4 * (ua - 0.5);
                    e = 0.9 * e + 10.0 * (ub - 0.5);
                    b->tfr[l * Y + y] = tfr_det + d > 0.3 ? tfr_det + d : 0.3;
                    b->k[l * Y + y] = k_det + e;
                }
            }
        }
    }
}

/* What a run keeps: the checksums' sums, in lane order, and the quantiles. */
typedef struct result {
    double final_total, u3_sum, tot0, u30, u3Y;
    double *q_reg, *q_all; /* [region][Y+1][3]; [Y+1][3] */
    double seconds;        /* the timed part: wall-clock time */
    double cpu_seconds;    /* and the CPU time of the process (all threads) */
} result;

static void
result_free(result *res)
{
    free(res->q_reg);
    free(res->q_all);
    memset(res, 0, sizeof *res);
}

static double now(void);
static double cpu_now(void);

/* Progress on stderr when it is a terminal and the run is long (cli_progress). */
typedef struct progress {
    cli_progress line;
    size_t run, n_runs, lanes_done, lanes_all;
} progress;

static void
progress_show(progress *pr)
{
    char text[128];

    snprintf(text, sizeof text, "run %zu of %zu, %zu of %zu lanes", pr->run, pr->n_runs,
             pr->lanes_done, pr->lanes_all);
    cli_progress_show(&pr->line, text, (double)((pr->run - 1) * pr->lanes_all + pr->lanes_done),
                      (double)(pr->n_runs * pr->lanes_all));
}

/* One run, block by block: the drivers of each block are generated (not timed), then
 * projected and summarised (timed, from the inputs in memory to totals, under-3s and
 * quantiles). */
static int
run_once(bench *b, size_t n_threads, progress *pr, result *res)
{
    static const double probs[N_Q] = {0.1, 0.5, 0.9};
    const size_t R = b->R, T = b->T, Y = b->Y, block_lanes = b->block_regions * T;
    ccap_batch_params params = ccap_batch_params_default();
    ccap_batch_summary *summary = NULL;
    double *total = NULL, *u3 = NULL, t0, c0;
    uint64_t x = b->x_lanes;
    size_t r0, i;
    int status = CCAP_OK;

    memset(res, 0, sizeof *res);
    params.n_threads = n_threads;
    t0 = now();
    c0 = cpu_now();
    total = malloc(block_lanes * (Y + 1) * sizeof *total);
    u3 = malloc(block_lanes * (Y + 1) * sizeof *u3);
    if (total == NULL || u3 == NULL)
        status = CCAP_ENOMEM;
    if (status == CCAP_OK && T > 1) {
        res->q_reg = malloc(R * (Y + 1) * N_Q * sizeof *res->q_reg);
        res->q_all = malloc((Y + 1) * N_Q * sizeof *res->q_all);
        status = res->q_reg == NULL || res->q_all == NULL
                     ? CCAP_ENOMEM
                     : ccap_batch_summary_alloc(T, Y + 1, probs, N_Q, n_threads, &summary);
    }
    res->seconds += now() - t0;
    res->cpu_seconds += cpu_now() - c0;
    for (r0 = 0; r0 < R && status == CCAP_OK; r0 += b->block_regions) {
        const size_t n = R - r0 < b->block_regions ? R - r0 : b->block_regions, lanes = n * T;
        ccap_batch_input in;
        ccap_batch_output out = {total, u3, NULL, NULL};
        size_t l;

        bench_drivers(b, r0, n, &x);
        t0 = now();
        c0 = cpu_now();
        memset(&in, 0, sizeof in);
        in.n_regions = n;
        in.n_trajectories = T;
        in.n_ages = NA;
        in.n_years = Y;
        in.base_population = b->pop + r0 * 2 * NA;
        in.log_mx = b->lm;
        in.mx_slope = b->bx;
        in.ax = b->ax;
        in.mortality_shared = 1;
        in.k = (ccap_batch_series){b->k, lanes * Y, T * Y, Y, 1};
        in.fertility_first_age = FERT_FIRST;
        in.n_fertility_ages = N_FERT;
        in.fertility_schedule = b->pasfr + r0 * N_FERT;
        in.tfr = (ccap_batch_series){b->tfr, lanes * Y, T * Y, Y, 1};
        in.srb = (ccap_batch_series){&b->srb, 1, 0, 0, 0};
        in.migration_rate = (ccap_batch_series){b->mig + r0, n, 1, 0, 0};
        in.migration_schedule = b->h;
        in.migration_shared = 1;
        status = ccap_batch_run(&in, &params, &out);
        if (status == CCAP_OK && summary != NULL)
            status = ccap_batch_summary_add(summary, u3, n, res->q_reg + r0 * (Y + 1) * N_Q);
        res->seconds += now() - t0;
        res->cpu_seconds += cpu_now() - c0;
        /* the checksums' sums, in lane order whatever the blocks (not timed) */
        for (l = 0; l < lanes; l++) {
            res->final_total += total[l * (Y + 1) + Y];
            res->tot0 += total[l * (Y + 1)];
            res->u30 += u3[l * (Y + 1)];
            res->u3Y += u3[l * (Y + 1) + Y];
        }
        for (i = 0; i < lanes * (Y + 1); i++)
            res->u3_sum += u3[i];
        pr->lanes_done += lanes;
        progress_show(pr);
    }
    t0 = now();
    c0 = cpu_now();
    if (status == CCAP_OK && summary != NULL)
        status = ccap_batch_summary_total(summary, res->q_all);
    ccap_batch_summary_free(summary);
    free(total);
    free(u3);
    res->seconds += now() - t0;
    res->cpu_seconds += cpu_now() - c0;
    return status;
}

/* The numbers a run holds at once: the inputs by region (population, schedules, migration
 * rate, base TFR and k), one block's drivers (TFR and k by lane and year) and results (totals
 * and under-3s by lane and year), and with T > 1 the sums by trajectory and year, a copy of
 * the trajectories per thread and the quantiles.  Refused with the sizes when above
 * CCAP_CELLS_MAX or the machine's memory, before anything is generated. */
static int
check_size(size_t R, size_t T, size_t Y)
{
    const double lanes = (double)R * (double)T;
    const double block_regions = T >= BLOCK_LANES ? 1.0 : (double)(BLOCK_LANES / T);
    const double block = (block_regions < (double)R ? block_regions : (double)R) * (double)T;
    const double numbers =
        (double)R * (2.0 * NA + N_FERT + 3.0) + 2.0 * block * (double)Y +
        2.0 * block * ((double)Y + 1.0) +
        (T > 1 ? (double)T * ((double)Y + 2.0) + ((double)R + 1.0) * ((double)Y + 1.0) * N_Q : 0.0);
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    const double memory = pages > 0 && page > 0 ? (double)pages * (double)page : HUGE_VAL;
    const double bytes = numbers * (double)sizeof(double);

    if (numbers <= (double)CCAP_CELLS_MAX && bytes <= memory)
        return CLI_EXIT_OK;
    fprintf(stderr,
            "%s: %zu regions x %zu trajectories = %.0f lanes x %zu years: the run would hold "
            "%.3g numbers (%.1f GB: TFR, k, totals and under-3s of every lane and year of a "
            "block of %.0f lanes), more than %s",
            PROGRAM, R, T, lanes, Y, numbers, bytes / 1e9, block,
            numbers > (double)CCAP_CELLS_MAX ? "" : "the memory of this machine");
    if (numbers > (double)CCAP_CELLS_MAX)
        fprintf(stderr, "CCAP_CELLS_MAX (%zu)", (size_t)CCAP_CELLS_MAX);
    else
        fprintf(stderr, " (%.1f GB)", memory / 1e9);
    fprintf(stderr, "; use fewer --traj or --years\n");
    return CLI_EXIT_USAGE;
}

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU time of the process, all threads: on a machine shared with other work it grows only
 * while the run has a core, so it varies less than the wall-clock time. */
static double
cpu_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int
cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* TIME NAME median=... min=... runs=N all=... (v is sorted) */
static void
print_times(const char *name, double *v, size_t n)
{
    size_t i;

    qsort(v, n, sizeof *v, cmp_double);
    printf("TIME %s median=%.6f min=%.6f runs=%zu all=", name,
           n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]), v[0], n);
    for (i = 0; i < n; i++)
        printf("%s%.6f", i > 0 ? "," : "", v[i]);
    printf("\n");
}

static void
print_report(const bench *b, const result *res, size_t n_threads, double *times, size_t n_times)
{
    const size_t Y = b->Y;
    double q_sum = 0.0;
    size_t i;

    printf("WORKLOAD regions=%zu traj=%zu years=%zu lanes=%zu threads=%zu engine=ccap_batch\n",
           b->R, b->T, Y, b->lanes, n_threads);
    printf("CHECKSUM final_total=%.17g\n", res->final_total);
    printf("CHECKSUM u3_sum=%.17g\n", res->u3_sum);
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
           res->tot0 / (double)b->T, res->final_total / (double)b->T, res->u30 / (double)b->T,
           res->u3Y / (double)b->T);
    if (n_times > 0) {
        print_times("projection_s", times, n_times);
        print_times("projection_cpu_s", times + n_times, n_times);
    }
}

int
main(int argc, char **argv)
{
    static const struct option longs[] = {{"regions", required_argument, NULL, 'R'},
                                          {"traj", required_argument, NULL, 'T'},
                                          {"years", required_argument, NULL, 'Y'},
                                          {"repeat", required_argument, NULL, 'n'},
                                          {"threads", required_argument, NULL, 't'},
                                          {"warmup", required_argument, NULL, 'w'},
                                          {"help", no_argument, NULL, 'h'},
                                          {"version", no_argument, NULL, 'V'},
                                          {NULL, 0, NULL, 0}};
    long regions = 1, traj = 1, years = 50, repeat = 5, warmup = 1, threads = 0;
    bench b;
    result res, last;
    progress pr;
    double *times;
    int opt, rc, status = CCAP_OK, stop;
    long i;

    ccap_library_init();
    while ((opt = getopt_long(argc, argv, ":hV", longs, NULL)) != -1) {
        rc = CLI_EXIT_OK;
        switch (opt) {
        case 'R': rc = cli_parse_long(PROGRAM, "--regions", optarg, 1, 1000000, &regions); break;
        case 'T': rc = cli_parse_long(PROGRAM, "--traj", optarg, 1, 1000000, &traj); break;
        case 'Y':
            rc = cli_parse_long(PROGRAM, "--years", optarg, 1, CCAP_BATCH_YEARS_MAX, &years);
            break;
        case 'n': rc = cli_parse_long(PROGRAM, "--repeat", optarg, 0, 100000, &repeat); break;
        case 't': rc = cli_parse_long(PROGRAM, "--threads", optarg, 0, 4096, &threads); break;
        case 'w':
            rc = cli_parse_long(PROGRAM, "--warmup", optarg, 0, 100000, &warmup);
            break;
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
    memset(&last, 0, sizeof last);
    memset(&pr, 0, sizeof pr);
    cli_progress_start(&pr.line, PROGRAM);
    pr.n_runs = (size_t)(warmup + repeat);
    pr.lanes_all = b.lanes;
    times = malloc(2 * ((size_t)repeat + 1) * sizeof *times); /* wall, then CPU */
    if (times == NULL)
        status = CCAP_ENOMEM;
    for (i = 0; i < warmup + repeat && status == CCAP_OK; i++) {
        result_free(&last); /* one run's results at a time */
        pr.run = (size_t)i + 1;
        pr.lanes_done = 0;
        status = run_once(&b, (size_t)threads, &pr, &res);
        if (i >= warmup) {
            times[i - warmup] = res.seconds;
            times[repeat + i - warmup] = res.cpu_seconds;
        }
        last = res; /* on failure too: freed below */
    }
    cli_progress_end(&pr.line);
    if (status == CCAP_OK && warmup + repeat == 0)
        status = run_once(&b, (size_t)threads, &pr, &last); /* the checksums need one run */
    if (status == CCAP_OK)
        print_report(&b, &last, (size_t)threads, times, (size_t)repeat);
    else
        fprintf(stderr, "%s: %s\n", PROGRAM, ccap_strerror(status));
    result_free(&last);
    free(times);
    bench_free(&b);
    return status == CCAP_OK ? cli_close_stdout(PROGRAM) : CLI_EXIT_DATA;
}
