/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ccap-simulate: deterministic variants and Monte Carlo trajectories of a projection, with
 * quantile bands for population, births, children under 3 and the slot gaps, and the
 * probability that a target is met or over-built.
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inputs.h"
#include "outdir.h"

#define PROGRAM "ccap-simulate"
#define MAX_Q 32

static void
usage(void)
{
    printf(_("Usage: %s --scenario FILE [OPTION]... --out DIR\n"
             "       %s -r F -p F -d F -f F -s F [--migration-rates F] -n YEARS\n"
             "                     [--slots F --targets F [--takeup F]] [OPTION]... --out DIR\n"),
           PROGRAM, PROGRAM);
    printf(_("\n"
             "Run the deterministic variants of a projection (medium; low and high fertility,\n"
             "TFR -/+ 0.5 child; constant fertility; constant mortality; zero migration) and\n"
             "N Monte Carlo trajectories in which fertility, mortality and migration vary\n"
             "(docs/methods.md, \"Uncertainty\"), and write into DIR:\n"
             "  variants.csv       variant,region,name,year,population,births,under3\n"
             "  quantiles.csv      region,name,year,measure,quantile,value (measures:\n"
             "                     population, births, under3, target_slots, demand_slots,\n"
             "                     target_gap, demand_gap)\n"
             "  probabilities.csv  region,name,year,p_target_met,p_overbuild\n"
             "A year is a calendar year: births in the year, population, children under 3 and\n"
             "slots at its end (31 December).  Variants and trajectories start after the last\n"
             "observed year (the scenario's 'observed'; else the last year of the slots, else\n"
             "the base year): the years up to it are the same in every variant and trajectory,\n"
             "and quantiles.csv and probabilities.csv start the year after it.  Results are\n"
             "the same for any number of threads: every trajectory has its own random stream.\n"
             "\n"
             "Inputs: a scenario file (docs/data-formats.md, \"Scenario\") or the files of\n"
             "ccap-project (-r/--regions, -p/--population, -d/--mortality, -f/--fertility,\n"
             "-s/--srb, -m/--migration, --migration-rates, -n/--years) and of ccap-gap\n"
             "(--slots, --targets, --takeup); options on the command line override the\n"
             "scenario's values.\n"
             "\n"
             "Options:\n"
             "      --scenario F       the run as a file\n"
             "  -N, --trajectories N   Monte Carlo trajectories (default 1000)\n"
             "      --seed S           random seed (default: the scenario's, else 20240101)\n"
             "      --threads T        threads (0: all; results do not depend on it)\n"
             "      --quantiles LIST   probabilities, e.g. 0.1,0.5,0.9 (the default)\n"
             "      --spread X         TFR spread of the low and high variants (default 0.5)\n"
             "  -o, --out DIR          output directory (created if missing; the three files are\n"
             "                         replaced together, or none if the run fails)\n"
             "      --force            replace the files of an earlier run in DIR\n"
             "      --encoding NAME    encoding of the input files: auto (UTF-8, or GB18030 with\n"
             "                         a warning; the default), utf-8 or gb18030\n"
             "      --lang en|zh       language of the summary and messages (default: from the\n"
             "                         environment, LANG=zh_CN.UTF-8 gives Chinese)\n"
             "  -h, --help, -V, --version\n"
             "\n"
             "Exit status: 0 on success, 1 on a data error, 2 on bad usage.\n"
             "\n"
             "Example, Nanyang with the bundled scenario:\n"
             "  %s --scenario examples/data/nanyang/nanyang.ini --trajectories 1000 -o sim\n"),
           PROGRAM);
}

typedef struct options {
    const char *scenario;
    const char *inputs[CCAP_SCENARIO_N_INPUTS];
    long years, trajectories, threads;
    unsigned long seed;
    int seed_given, force;
    double quantiles[MAX_Q];
    size_t n_quantiles;
    double spread;
    const char *out;
} options;

static int
parse_list(const char *text, double q[], size_t *n)
{
    char *end;
    const char *p = text;

    *n = 0;
    while (*p != '\0' && *n < MAX_Q) {
        double v;
        errno = 0;
        v = strtod(p, &end);
        if (end == p || errno != 0 || !(v > 0.0 && v < 1.0) || (*n > 0 && v <= q[*n - 1]))
            return 0;
        q[(*n)++] = v;
        if (*end == ',')
            end++;
        else if (*end != '\0')
            return 0;
        p = end;
    }
    return *n > 0 && *p == '\0';
}

static int
parse_args(int argc, char **argv, options *o, int *done)
{
    static const struct option longs[] = {
        {"scenario", required_argument, NULL, 'S'},
        {"regions", required_argument, NULL, 'r'},
        {"population", required_argument, NULL, 'p'},
        {"mortality", required_argument, NULL, 'd'},
        {"fertility", required_argument, NULL, 'f'},
        {"srb", required_argument, NULL, 's'},
        {"migration", required_argument, NULL, 'm'},
        {"migration-rates", required_argument, NULL, 'M'},
        {"slots", required_argument, NULL, 'l'},
        {"targets", required_argument, NULL, 't'},
        {"takeup", required_argument, NULL, 'u'},
        {"years", required_argument, NULL, 'n'},
        {"trajectories", required_argument, NULL, 'N'},
        {"seed", required_argument, NULL, 'e'},
        {"threads", required_argument, NULL, 'T'},
        {"quantiles", required_argument, NULL, 'q'},
        {"spread", required_argument, NULL, 'x'},
        CLI_LONG_OPTIONS_OUTDIR,
        CLI_LONG_OPTIONS_COMMON,
    };
    int opt, code;

    *done = 0;
    while ((opt = getopt_long(argc, argv, ":r:p:d:f:s:m:n:N:o:hV", longs, NULL)) != -1) {
        code = CLI_EXIT_OK;
        switch (opt) {
        case 'S':
            o->scenario = optarg;
            break;
        case 'r':
            o->inputs[CCAP_SCENARIO_REGIONS] = optarg;
            break;
        case 'p':
            o->inputs[CCAP_SCENARIO_POPULATION] = optarg;
            break;
        case 'd':
            o->inputs[CCAP_SCENARIO_MORTALITY] = optarg;
            break;
        case 'f':
            o->inputs[CCAP_SCENARIO_FERTILITY] = optarg;
            break;
        case 's':
            o->inputs[CCAP_SCENARIO_SRB] = optarg;
            break;
        case 'm':
            o->inputs[CCAP_SCENARIO_MIGRATION] = optarg;
            break;
        case 'M':
            o->inputs[CCAP_SCENARIO_MIGRATION_RATES] = optarg;
            break;
        case 'l':
            o->inputs[CCAP_SCENARIO_SLOTS] = optarg;
            break;
        case 't':
            o->inputs[CCAP_SCENARIO_TARGETS] = optarg;
            break;
        case 'u':
            o->inputs[CCAP_SCENARIO_TAKEUP] = optarg;
            break;
        case 'o':
            o->out = optarg;
            break;
        case CLI_OPT_FORCE:
            o->force = 1;
            break;
        case 'n':
            code = cli_parse_long(PROGRAM, "--years", optarg, 1, 500, &o->years);
            break;
        case 'N':
            code = cli_parse_long(PROGRAM, "--trajectories", optarg, 1, 1000000, &o->trajectories);
            break;
        case 'T':
            code = cli_parse_long(PROGRAM, "--threads", optarg, 0, 4096, &o->threads);
            break;
        case 'e':
            if (ccap_scenario_parse_seed(optarg, &o->seed) != CCAP_OK)
                return cli_usage_error(PROGRAM, _("--seed: '%s' is not a valid seed"), optarg);
            o->seed_given = 1;
            break;
        case 'q':
            if (!parse_list(optarg, o->quantiles, &o->n_quantiles))
                return cli_usage_error(PROGRAM,
                                       _("--quantiles: '%s' is not a list of increasing "
                                         "probabilities between 0 and 1"),
                                       optarg);
            break;
        case 'x': {
            char *end;
            o->spread = strtod(optarg, &end);
            if (*optarg == '\0' || *end != '\0' || !(o->spread >= 0.0 && o->spread <= 5.0))
                return cli_usage_error(PROGRAM, _("--spread: '%s' is not from 0 to 5"), optarg);
            break;
        }
        default:
            if ((code = cli_common_option(PROGRAM, opt, argv, usage, done)) != CLI_EXIT_OK || *done)
                return code;
            break;
        }
        if (code != CLI_EXIT_OK)
            return code;
    }
    if (optind < argc)
        return cli_usage_error(PROGRAM, _("unexpected argument '%s'"), argv[optind]);
    if (o->out == NULL)
        return cli_usage_error(PROGRAM, _("--out DIR is required"));
    return CLI_EXIT_OK;
}

typedef cli_inputs run;

/* The scenario file (if any) with the command line's values on top. */
static int
make_scenario(const options *o, run *r)
{
    ccap_diag diag;
    size_t i;

    if (o->scenario != NULL) {
        if (cli_read(ccap_scenario_read(o->scenario, &r->sc, cli_read_options(), &diag), &diag) !=
            CCAP_OK) {
            cli_print_diag(&diag);
            return CLI_EXIT_DATA;
        }
    } else if ((r->sc = ccap_scenario_alloc()) == NULL) {
        fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
        return CLI_EXIT_DATA;
    }
    for (i = 0; i < CCAP_SCENARIO_N_INPUTS; i++) {
        if (o->inputs[i] != NULL &&
            ccap_scenario_set_input(r->sc, (ccap_scenario_input)i, o->inputs[i]) != CCAP_OK) {
            fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
            return CLI_EXIT_DATA;
        }
    }
    if ((o->years > 0 &&
         cli_scenario_number(PROGRAM, r->sc, "years", (double)o->years) != CLI_EXIT_OK) ||
        (o->trajectories > 0 &&
         cli_scenario_number(PROGRAM, r->sc, "trajectories", (double)o->trajectories) !=
             CLI_EXIT_OK) ||
        (o->threads >= 0 &&
         cli_scenario_number(PROGRAM, r->sc, "threads", (double)o->threads) != CLI_EXIT_OK) ||
        (o->seed_given && cli_scenario_number(PROGRAM, r->sc, "seed", (double)o->seed) != CLI_EXIT_OK))
        return CLI_EXIT_DATA;
    if (o->n_quantiles > 0 &&
        ccap_scenario_set_quantiles(r->sc, o->quantiles, o->n_quantiles) != CCAP_OK) {
        fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}

/* A table of the run, staged in od (see outdir.h). */
static int
open_table(cli_outdir *od, const char *name, const char *const header[], size_t n,
           ccap_csv_writer **w)
{
    ccap_diag diag;

    if ((*w = ccap_csv_writer_open(cli_outdir_path(od, name), header, n, &diag)) == NULL) {
        cli_outdir_print_diag(od, &diag);
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}

static int
close_table(const cli_outdir *od, ccap_csv_writer *w)
{
    ccap_diag diag;

    if (ccap_csv_writer_commit(w, &diag) != CCAP_OK) {
        cli_outdir_print_diag(od, &diag);
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}

/* The calendar years a projection of r->steps steps covers wholly: births of the whole
 * year and stocks at its end (ccap_projection_year_events() and
 * ccap_projection_population_at()). */
static void
calendar_years(const run *r, int *first, int *last)
{
    const ccap_date d = ccap_population_date(r->base);
    const int year = ccap_population_year(r->base);

    *first = !ccap_date_is_valid(d) || (d.month == 1 && d.day == 1) ? year : year + 1;
    *last = year + (int)(r->steps * ccap_population_age_width(r->base)) - 1;
}

/* The population, births and children under 3 of `year` in region reg: births in the
 * calendar year, stocks at its end (scratch receives the year-end population). */
static int
year_values(const ccap_projection *proj, size_t reg, int year, ccap_population *scratch,
            double *pop, double *births, double *under3)
{
    const ccap_date end = {year + 1, 1, 1};
    int status;

    *pop = *births = *under3 = NAN;
    if ((status = ccap_projection_year_events(proj, reg, year, CCAP_SEX_BOTH, births, NULL,
                                              NULL)) != CCAP_OK ||
        (status = ccap_projection_population_at(proj, end, scratch)) != CCAP_OK)
        return status;
    ccap_population_total(scratch, reg, CCAP_SEX_BOTH, pop);
    if (ccap_population_age_width(scratch) == 1)
        ccap_population_sum_ages(scratch, reg, CCAP_SEX_BOTH, 0, 3, under3);
    return CCAP_OK;
}

/* The deterministic variants, written to variants.csv: by calendar year, each starting
 * after the jump-off (the years up to it are the same in every variant). */
static int
variants(const options *o, cli_outdir *od, const run *r, int jump_off)
{
    static const char *const header[] = {"variant",    "region", "name",  "year",
                                         "population", "births", "under3"};
    const size_t R = ccap_regions_count(r->regions), G = ccap_population_n_ages(r->base),
                 W = ccap_population_age_width(r->base);
    ccap_rates_workspace *ws = ccap_rates_workspace_alloc(R, G, W, ccap_schedule_n_ages(r->mort));
    ccap_projection *proj = ccap_projection_alloc(R, G, W, r->steps);
    ccap_population *scratch = ccap_population_alloc(R, G, W);
    ccap_csv_writer *w = NULL;
    ccap_assumptions a;
    int code = CLI_EXIT_DATA, first, last, year;
    size_t v, k;

    if (ws == NULL || proj == NULL || scratch == NULL) {
        fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
        goto out;
    }
    if (open_table(od, "variants.csv", header, 7, &w) != CLI_EXIT_OK)
        goto out;
    cli_inputs_assumptions(r, &a);
    calendar_years(r, &first, &last);
    for (v = 0; v < CCAP_N_VARIANTS; v++) {
        ccap_diag diag;
        int status;

        ccap_diag_clear(&diag);
        if ((status = ccap_projection_init(proj, r->base, r->regions)) != CCAP_OK ||
            (status =
                 ccap_projection_run_variant(proj, &a, r->regions, r->steps, ws, (ccap_variant)v,
                                             o->spread, jump_off, &diag)) != CCAP_OK) {
            fprintf(stderr, "%s: ", PROGRAM);
            if (diag.status != CCAP_OK)
                cli_print_diag(&diag);
            else
                fprintf(stderr, "%s\n", cli_strerror(status));
            goto out;
        }
        for (k = 0; k < R; k++) {
            const size_t reg = ccap_regions_preorder(r->regions, k);
            for (year = first; year <= last; year++) {
                char y[16], pop[40], births[40], under3[40];
                const char *fields[7];
                double total, b, u3;

                if (year_values(proj, reg, year, scratch, &total, &b, &u3) != CCAP_OK)
                    continue;
                snprintf(y, sizeof y, "%d", year);
                ccap_csv_writer_number(total, pop, sizeof pop);
                ccap_csv_writer_number(b, births, sizeof births);
                ccap_csv_writer_number(u3, under3, sizeof under3);
                fields[0] = ccap_variant_name((ccap_variant)v);
                fields[1] = ccap_regions_code(r->regions, reg);
                fields[2] = ccap_regions_name(r->regions, reg); /* beside the code, as gaps.csv */
                fields[3] = y;
                fields[4] = pop;
                fields[5] = births;
                fields[6] = under3;
                ccap_csv_writer_row(w, fields, 7);
            }
        }
    }
    code = close_table(od, w);
    w = NULL;
out:
    ccap_csv_writer_abort(w);
    ccap_population_free(scratch);
    ccap_projection_free(proj);
    ccap_rates_workspace_free(ws);
    return code;
}

/* quantiles.csv and probabilities.csv, by the library's writers (one schema). */
static int
write_results(cli_outdir *od, const run *r, const ccap_uncertainty_result *mc,
              const ccap_gap_uncertainty *gaps)
{
    ccap_diag diag;
    size_t nq = 0;
    const double *q = ccap_scenario_quantiles(r->sc, &nq);

    if (ccap_csv_write_quantiles(cli_outdir_path(od, "quantiles.csv"), r->regions, mc, gaps, q, nq,
                                 &diag) != CCAP_OK ||
        ccap_csv_write_probabilities(cli_outdir_path(od, "probabilities.csv"), r->regions, mc, gaps,
                                     &diag) != CCAP_OK) {
        cli_outdir_print_diag(od, &diag);
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}

/* One line of the summary: the median and the 80 % band of a measure in `year`, or, up to
 * the observed year, the one value every trajectory has. */
static void
print_band(const ccap_uncertainty_result *mc, size_t reg, int year, ccap_uncertainty_measure m)
{
    static const double p[3] = {0.1, 0.5, 0.9};
    double v[3];
    char a[40], b[40], c[40];

    if (ccap_uncertainty_quantiles(mc, reg, year, m, p, 3, v) != CCAP_OK)
        return;
    if (m == CCAP_UNCERTAINTY_BIRTHS)
        printf(_("  births in %d:         "), year);
    else
        printf(_("  under 3, end of %d:   "), year);
    if (year <= ccap_uncertainty_result_jump_off_year(mc))
        printf(_("%s (observed years: no band)\n"), cli_format_count(v[1], a, sizeof a));
    else
        printf(_("%s (80%% band %s to %s)\n"), cli_format_count(v[1], a, sizeof a),
               cli_format_count(v[0], b, sizeof b), cli_format_count(v[2], c, sizeof c));
}

static void
summary(const run *r, const ccap_uncertainty_result *mc, const ccap_gap_uncertainty *gaps,
        size_t n_traj)
{
    const size_t root = ccap_regions_preorder(r->regions, 0);
    const int jump_off = ccap_uncertainty_result_jump_off_year(mc);
    int first, last, y, target_year = 0;
    size_t k;

    ccap_uncertainty_result_years(mc, &first, &last);
    printf(_("%s: %zu trajectories, %zu steps from %d; observed to %d, bands from %d\n\n"), PROGRAM,
           n_traj, r->steps, ccap_population_year(r->base), jump_off,
           (jump_off >= first ? jump_off : first - 1) + 1);
    printf(_("%s %s: median and 80%% band (births in the year, children under 3 at its end)\n"),
           ccap_regions_code(r->regions, root), ccap_regions_name(r->regions, root));
    for (y = first; y <= last; y++) {
        if (y == jump_off || y == jump_off + 1 || y % 5 == 0 || y == last) {
            print_band(mc, root, y, CCAP_UNCERTAINTY_BIRTHS);
            print_band(mc, root, y, CCAP_UNCERTAINTY_UNDER3);
        }
    }
    if (gaps == NULL)
        return;
    /* the probability of meeting the target at the end of 2025 (or of the first year after
     * the observed ones that has a probability) */
    for (y = first > jump_off ? first : jump_off + 1; y <= last && target_year == 0; y++) {
        double p;
        if (y >= 2025 && ccap_gap_uncertainty_prob_target_met(gaps, root, y, &p) == CCAP_OK)
            target_year = y;
    }
    if (target_year == 0)
        return;
    printf(_("\nProbability of meeting the target at the end of %d (slots held at the latest "
             "inventory):\n"),
           target_year);
    for (k = 0; k < ccap_regions_count(r->regions); k++) {
        const size_t reg = ccap_regions_preorder(r->regions, k);
        char label[CCAP_REGION_CODE_MAX + CCAP_REGION_NAME_MAX + 80];
        double p = NAN, over = NAN;

        ccap_gap_uncertainty_prob_target_met(gaps, reg, target_year, &p);
        ccap_gap_uncertainty_prob_overbuild(gaps, reg, target_year, &over);
        snprintf(label, sizeof label, "%*s%s %s", (int)(2 * ccap_regions_depth(r->regions, reg)),
                 "", ccap_regions_code(r->regions, reg), ccap_regions_name(r->regions, reg));
        printf("  ");
        cli_print_padded(stdout, label, 30, 0);
        printf(_("  met %5.1f%%"), 100.0 * p);
        if (!isnan(over))
            printf(_("   over-built %5.1f%%"), 100.0 * over);
        printf("\n");
    }
}

/* The city's target gap and demand gap at the end of `year` in a deterministic run whose
 * steps after the jump-off take an adjustment, with a take-up shift (percentage points
 * added at every age). */
static int
gaps_at(const run *r, const ccap_rates_adjust *adj, int jump_off, double takeup_points, int year,
        double *target_gap, double *demand_gap)
{
    const size_t R = ccap_regions_count(r->regions), G = ccap_population_n_ages(r->base),
                 W = ccap_population_age_width(r->base);
    const size_t root = ccap_regions_preorder(r->regions, 0);
    const ccap_date end = {year + 1, 1, 1};
    ccap_rates_workspace *ws = ccap_rates_workspace_alloc(R, G, W, ccap_schedule_n_ages(r->mort));
    ccap_projection *proj = ccap_projection_alloc(R, G, W, r->steps);
    ccap_population *pop = ccap_population_alloc(R, G, W);
    ccap_childcare_takeup *tu = ccap_childcare_takeup_alloc();
    ccap_childcare_row row;
    ccap_assumptions a;
    size_t i, k, fixed = 0;
    int status = CCAP_ENOMEM, last;
    double slots = NAN, per_1000 = NAN, target = NAN;

    *target_gap = *demand_gap = NAN;
    if (ws == NULL || proj == NULL || pop == NULL || tu == NULL)
        goto out;
    /* take-up with the shift, for every region */
    for (i = 0; i < ccap_childcare_takeup_count(r->takeup); i++) {
        size_t reg;
        const double *rates;
        double shifted[3];
        if (ccap_childcare_takeup_get(r->takeup, i, &reg, &rates) != CCAP_OK)
            continue;
        for (k = 0; k < 3; k++)
            shifted[k] = fmin(1.0, fmax(0.0, rates[k] + takeup_points / 100.0));
        ccap_childcare_takeup_set(tu, reg, shifted, 3);
    }
    cli_inputs_assumptions(r, &a);
    ccap_rates_jump_off_steps(r->base, jump_off, &fixed);
    if (fixed > r->steps)
        fixed = r->steps;
    if ((status = ccap_projection_init(proj, r->base, r->regions)) != CCAP_OK ||
        (status = ccap_projection_run(proj, &a, r->regions, fixed, ws, NULL)) != CCAP_OK ||
        (status = ccap_projection_run_adjusted(proj, &a, r->regions, r->steps - fixed, ws, adj,
                                               NULL)) != CCAP_OK ||
        (status = ccap_projection_population_at(proj, end, pop)) != CCAP_OK)
        goto out;
    last = cli_inputs_last_inventory_year(r);
    ccap_childcare_inventory_total(r->inv, r->regions, root, year < last ? year : last,
                                   CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_ANY, &slots, NULL);
    status =
        ccap_childcare_metrics_row(pop, r->regions, r->inv, year, tu, cli_scenario_get(r->sc, "occupancy"), root, &row);
    if (status != CCAP_OK)
        goto out;
    if (ccap_childcare_target_find(r->targets, root, year, &per_1000, NULL) == CCAP_OK &&
        ccap_childcare_slots_for_rate_per_1000(per_1000, row.population, &target) == CCAP_OK)
        *target_gap = target - slots;
    *demand_gap = row.demand_slots - slots;
out:
    ccap_childcare_takeup_free(tu);
    ccap_population_free(pop);
    ccap_projection_free(proj);
    ccap_rates_workspace_free(ws);
    return status;
}

/* The year-end of the sensitivity: the scenario's `sensitivity_year`, else the last year of
 * the targets within the run, else the run's last calendar year. */
static int
sensitivity_year(const run *r, int last)
{
    size_t i;
    int best = 0;

    if (ccap_scenario_given(r->sc, "sensitivity_year"))
        return (int)cli_scenario_get(r->sc, "sensitivity_year");
    for (i = 0; r->targets != NULL && i < ccap_schedule_count(r->targets); i++) {
        int y = 0;
        if (ccap_schedule_get(r->targets, i, NULL, &y, NULL, NULL) == CCAP_OK && y <= last &&
            y > best)
            best = y;
    }
    return best > 0 ? best : last;
}

/* The change in the city's gaps at the end of the sensitivity year per 0.1 child of TFR
 * and per point of take-up; says why when it cannot be computed. */
static void
sensitivity(const run *r, int jump_off)
{
    ccap_rates_adjust none = ccap_rates_adjust_none(), more = ccap_rates_adjust_none();
    double t0, d0, t1, d1, t2, d2;
    char a[40], b[40];
    int first, last, year;

    calendar_years(r, &first, &last);
    year = sensitivity_year(r, last);
    if (r->inv == NULL || r->targets == NULL || r->takeup == NULL) {
        printf(_("\nSensitivity of the gaps: not computed (it needs slots, targets and "
                 "take-up)\n"));
        return;
    }
    if (year < first || year > last) {
        printf(_("\nSensitivity of the gaps at the end of %d: not computed (the run covers "
                 "%d to %d)\n"),
               year, first, last);
        return;
    }
    more.tfr_shift = 0.1;
    if (gaps_at(r, &none, jump_off, 0.0, year, &t0, &d0) != CCAP_OK ||
        gaps_at(r, &more, jump_off, 0.0, year, &t1, &d1) != CCAP_OK ||
        gaps_at(r, &none, jump_off, 1.0, year, &t2, &d2) != CCAP_OK || isnan(t0)) {
        printf(_("\nSensitivity of the gaps at the end of %d: not computed (no target or "
                 "slots for that year)\n"),
               year);
        return;
    }
    printf(_("\nSensitivity of the city's gaps at the end of %d (deterministic, slots held):\n"
             "  TFR +0.1 child:    target gap %+.0f slots, demand gap %+.0f slots\n"
             "  take-up +1 point:  target gap %+.0f slots, demand gap %+.0f slots\n"
             "  (medium: target gap %s, demand gap %s)\n"),
           year, t1 - t0, d1 - d0, t2 - t0, d2 - d0, cli_format_count(t0, a, sizeof a),
           cli_format_count(d0, b, sizeof b));
}

int
main(int argc, char **argv)
{
    options o;
    run r;
    ccap_uncertainty_params params = ccap_uncertainty_params_default();
    ccap_plan *plan = NULL;
    const ccap_uncertainty_result *res = NULL;
    const ccap_gap_uncertainty *gaps = NULL;
    cli_outdir od;
    ccap_diag diag;
    size_t cells;
    int code, done, status, staged = 0;

    ccap_library_init();
    if (cli_i18n_init(PROGRAM, argc, argv) != CLI_EXIT_OK)
        return CLI_EXIT_USAGE;
    memset(&o, 0, sizeof o);
    memset(&r, 0, sizeof r);
    o.threads = -1;
    o.spread = 0.5;
    if ((code = parse_args(argc, argv, &o, &done)) != CLI_EXIT_OK || done)
        return code;
    if ((code = make_scenario(&o, &r)) != CLI_EXIT_OK ||
        (code = cli_inputs_read(PROGRAM, &r)) != CLI_EXIT_OK)
        goto out;
    code = CLI_EXIT_DATA;
    /* a run too large is refused with its sizes before anything is projected or written */
    cli_inputs_uncertainty_params(&r, &params);
    if (ccap_uncertainty_cells(params.n_trajectories, ccap_population_n_regions(r.base),
                               ccap_population_n_ages(r.base), ccap_population_age_width(r.base),
                               r.steps, &cells, &diag) != CCAP_OK) {
        fprintf(stderr, _("%s: simulation: %s\n"), PROGRAM, diag.message);
        goto out;
    }
    /* the three files are replaced together or not at all (outdir.h) */
    {
        const char *files[CLI_INPUTS_FILES];
        static const char *const names[] = {"variants.csv", "quantiles.csv", "probabilities.csv"};
        const cli_outdir_options opt = {.flags = o.force ? CLI_OUTDIR_FORCE : 0u,
                                        .known = names,
                                        .n_known = 3,
                                        .inputs = files,
                                        .n_inputs = CLI_INPUTS_FILES};
        cli_inputs_files(&r, o.scenario, files);
        if ((code = cli_outdir_begin(&od, PROGRAM, o.out, &opt)) != CLI_EXIT_OK)
            goto out;
    }
    code = CLI_EXIT_DATA;
    staged = 1;
    if (variants(&o, &od, &r, params.jump_off_year) != CLI_EXIT_OK)
        goto out;
    /* the Monte Carlo run, through the plan (ccap-plan's run and files for the same
     * scenario, seed and trajectories) */
    if (isatty(STDERR_FILENO))
        fprintf(stderr, _("%s: simulating %zu trajectories of %zu steps...\n"), PROGRAM,
                params.n_trajectories, r.steps);
    {
        ccap_plan_options po;
        cli_progress pr;
        ccap_scenario_plan_options(r.sc, &po);
        po.n_trajectories = params.n_trajectories;
        po.uncertainty.jump_off_year = params.jump_off_year;
        cli_progress_start(&pr, PROGRAM);
        po.uncertainty.progress = cli_progress_trajectories;
        po.uncertainty.progress_ctx = &pr;
        status = ccap_plan_run(&r.plan, &po, &plan, &diag);
        cli_progress_end(&pr);
        if (status != CCAP_OK) {
            fprintf(stderr, "%s: %s\n", PROGRAM, diag.message);
            goto out;
        }
        res = ccap_plan_uncertainty(plan);
        gaps = ccap_plan_gap_uncertainty(plan);
    }
    if (write_results(&od, &r, res, gaps) != CLI_EXIT_OK)
        goto out;
    staged = 0;
    if (cli_outdir_commit(&od) != CLI_EXIT_OK)
        goto out;
    summary(&r, res, gaps, params.n_trajectories);
    sensitivity(&r, params.jump_off_year);
    printf(_("\nwrote %s/variants.csv, quantiles.csv, probabilities.csv\n"), o.out);
    code = cli_close_stdout(PROGRAM);
out:
    if (staged)
        cli_outdir_abort(&od);
    ccap_plan_free(plan);
    cli_inputs_free(&r);
    return code;
}
