/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ccap-calibrate: from what a city publishes (census margins, births, deaths, year-end
 * populations) to the base population and the projection assumptions of a scenario,
 * calibrated to every published figure (ccap_calibrate_base(), ccap_calibrate()).
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "outdir.h"

#define PROGRAM "ccap-calibrate"
#define STANDARD_CODE "standard"
#define DEFAULT_YEARS 15

#ifndef CCAP_NATIONAL_DIR
#define CCAP_NATIONAL_DIR "/usr/local/share/ccap/national"
#endif

typedef struct args {
    const char *regions, *margins, *vitals, *national, *standard, *mortality, *fertility, *srb;
    const char *slots, *targets, *takeup, *costs, *out, *future;
    long years;
    int year, force;
    int observed; /* the last year of published births or populations: the scenario's jump-off */
    ccap_date date;
    ccap_calibrate_options opt;
    char national_buf[4096], paths[4][4096 + 32];
} args;

static void
usage(void)
{
    printf("Usage: %s --regions F --margins F --vitals F --out DIR [OPTION]...\n"
           "From what a city publishes to a scenario that ccap-plan and ccap-simulate run\n"
           "(and whose files ccap-project reads): the base population of the census and\n"
           "the mortality, fertility, sex-ratio and migration assumptions, calibrated so\n"
           "that a projection from the census meets every published birth, death and\n"
           "year-end population.\n"
           "\n"
           "What the city publishes:\n"
           "  -r, --regions F         the city and its counties (code,name,name_en,parent)\n"
           "  -m, --margins F         census totals by region, sex and broad age\n"
           "                          (region,year,sex,ages,population[,note])\n"
           "  -v, --vitals F          births, deaths and year-end populations by year\n"
           "                          (region,year,measure,value[,note]; measures births,\n"
           "                          deaths, population, birth_rate, death_rate or 出生人口,\n"
           "                          死亡人口, 年末常住人口, 出生率, 死亡率), city or county\n"
           "National defaults (UN WPP 2024, China), for whatever the city does not give:\n"
           "      --national DIR      folder of mortality.csv, fertility.csv, srb.csv and\n"
           "                          standard.csv (default: %s)\n"
           "      --mortality F       national death rates by period\n"
           "      --fertility F       national fertility rates by calendar year\n"
           "      --srb F             national sex ratio at birth by calendar year\n"
           "      --standard F        single-year standard age-sex pattern (region 'standard')\n"
           "Childcare files named in the scenario (copied as paths, not read):\n"
           "      --slots F --targets F --takeup F --costs F\n"
           "Method:\n"
           "      --year Y            census year of the margins (default: the only year)\n"
           "      --date YYYY-MM-DD   census date (default: 1 November of the census year)\n"
           "      --base-method smooth | rake\n"
           "                          single years within the census age ranges: smooth\n"
           "                          across the ranges (default), or raked (steps where\n"
           "                          ranges meet; for comparison)\n"
           "      --child-ages K      children under K from births by reverse survival,\n"
           "                          where births are given (default 3; 0: none)\n"
           "      --fertility-future national | hold | TFR@YEAR\n"
           "                          after the last year with births: the national path\n"
           "                          times the latest local factor (default), the latest TFR\n"
           "                          held, or a move to TFR by YEAR (e.g. 1.0@2030)\n"
           "      --migration-profile sending | rogers-castro\n"
           "                          age profile of net migration (default sending: young\n"
           "                          adults leave, children stay, some return)\n"
           "      --migration-scale X future net migration = X times the latest (default 1)\n"
           "      --years N           years the scenario projects (default %d)\n"
           "  -o, --out DIR           write regions.csv, population.csv, mortality.csv,\n"
           "                          fertility.csv, srb.csv, migration_rates.csv,\n"
           "                          calibration.csv and scenario.ini into DIR (created or\n"
           "                          updated as a whole)\n"
           "      --force             replace the files of an earlier run in DIR\n"
           "  -E, --encoding NAME     input encoding: auto (default), utf-8, gb18030\n"
           "      --lang en|zh        language of the messages shared with the other programs\n"
           "  -h, --help              show this help and exit\n"
           "  -V, --version           show the version and exit\n"
           "\n"
           "Example (the bundled Nanyang figures):\n"
           "  %s --regions examples/data/nanyang/regions.csv \\\n"
           "      --margins examples/data/nanyang/margins.csv \\\n"
           "      --vitals examples/data/nanyang/vitals.csv -o nanyang-calibrated\n"
           "  ccap-plan --scenario nanyang-calibrated/scenario.ini -o report\n"
           "calibration.csv lists every published figure beside the model's value.\n"
           "Method: docs/methods.md (Calibration); file formats: docs/data-formats.md.\n",
           PROGRAM, CCAP_NATIONAL_DIR, DEFAULT_YEARS, PROGRAM);
}

static int
parse_future(const char *text, ccap_calibrate_options *o)
{
    char *end;
    double tfr;
    long year;

    if (strcmp(text, "national") == 0) {
        o->fertility = CCAP_CALIBRATE_FERTILITY_NATIONAL;
        return CLI_EXIT_OK;
    }
    if (strcmp(text, "hold") == 0) {
        o->fertility = CCAP_CALIBRATE_FERTILITY_HOLD;
        return CLI_EXIT_OK;
    }
    errno = 0;
    tfr = strtod(text, &end);
    if (end != text && *end == '@' && errno == 0 && tfr >= 0.1 && tfr <= 10.0) {
        const char *y = end + 1;
        year = strtol(y, &end, 10);
        if (end != y && *end == '\0' && year >= CCAP_YEAR_MIN && year <= CCAP_YEAR_MAX) {
            o->fertility = CCAP_CALIBRATE_FERTILITY_TARGET;
            o->target_tfr = tfr;
            o->target_year = (int)year;
            return CLI_EXIT_OK;
        }
    }
    return cli_usage_error(PROGRAM,
                           "--fertility-future '%s': use national, hold or TFR@YEAR with a TFR "
                           "of 0.1 to 10 (e.g. 1.0@2030)",
                           text);
}

static int
parse_args(int argc, char **argv, args *a, int *done)
{
    enum {
        OPT_NATIONAL = 256,
        OPT_MORTALITY,
        OPT_FERTILITY,
        OPT_SRB,
        OPT_STANDARD,
        OPT_SLOTS,
        OPT_TARGETS,
        OPT_TAKEUP,
        OPT_COSTS,
        OPT_YEAR,
        OPT_DATE,
        OPT_CHILD,
        OPT_FUTURE,
        OPT_PROFILE,
        OPT_SCALE,
        OPT_YEARS,
        OPT_BASE_METHOD
    };
    static const struct option longopts[] = {
        {"regions", required_argument, NULL, 'r'},
        {"margins", required_argument, NULL, 'm'},
        {"vitals", required_argument, NULL, 'v'},
        {"national", required_argument, NULL, OPT_NATIONAL},
        {"mortality", required_argument, NULL, OPT_MORTALITY},
        {"fertility", required_argument, NULL, OPT_FERTILITY},
        {"srb", required_argument, NULL, OPT_SRB},
        {"standard", required_argument, NULL, OPT_STANDARD},
        {"slots", required_argument, NULL, OPT_SLOTS},
        {"targets", required_argument, NULL, OPT_TARGETS},
        {"takeup", required_argument, NULL, OPT_TAKEUP},
        {"costs", required_argument, NULL, OPT_COSTS},
        {"year", required_argument, NULL, OPT_YEAR},
        {"date", required_argument, NULL, OPT_DATE},
        {"child-ages", required_argument, NULL, OPT_CHILD},
        {"base-method", required_argument, NULL, OPT_BASE_METHOD},
        {"fertility-future", required_argument, NULL, OPT_FUTURE},
        {"migration-profile", required_argument, NULL, OPT_PROFILE},
        {"migration-scale", required_argument, NULL, OPT_SCALE},
        {"years", required_argument, NULL, OPT_YEARS},
        CLI_LONG_OPTIONS_OUTDIR,
        CLI_LONG_OPTIONS_COMMON,
    };
    int c, code;
    long v;
    double x;

    *done = 0;
    while ((c = getopt_long(argc, argv, ":r:m:v:o:E:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'r':
            a->regions = optarg;
            break;
        case 'm':
            a->margins = optarg;
            break;
        case 'v':
            a->vitals = optarg;
            break;
        case 'o':
            a->out = optarg;
            break;
        case CLI_OPT_FORCE:
            a->force = 1;
            break;
        case OPT_NATIONAL:
            a->national = optarg;
            break;
        case OPT_MORTALITY:
            a->mortality = optarg;
            break;
        case OPT_FERTILITY:
            a->fertility = optarg;
            break;
        case OPT_SRB:
            a->srb = optarg;
            break;
        case OPT_STANDARD:
            a->standard = optarg;
            break;
        case OPT_SLOTS:
            a->slots = optarg;
            break;
        case OPT_TARGETS:
            a->targets = optarg;
            break;
        case OPT_TAKEUP:
            a->takeup = optarg;
            break;
        case OPT_COSTS:
            a->costs = optarg;
            break;
        case OPT_YEAR:
            if ((code = cli_parse_year(PROGRAM, "--year", optarg, &a->year)) != CLI_EXIT_OK)
                return code;
            break;
        case OPT_DATE:
            if (ccap_date_parse(optarg, &a->date) != CCAP_OK)
                return cli_usage_error(PROGRAM, "--date '%s' is not a date YYYY-MM-DD", optarg);
            break;
        case OPT_CHILD:
            if ((code = cli_parse_long(PROGRAM, "--child-ages", optarg, 0, 15, &v)) != CLI_EXIT_OK)
                return code;
            a->opt.child_ages = (size_t)v;
            break;
        case OPT_BASE_METHOD:
            if (strcmp(optarg, "smooth") != 0 && strcmp(optarg, "rake") != 0)
                return cli_usage_error(PROGRAM, "--base-method '%s': use smooth or rake", optarg);
            a->opt.rake = strcmp(optarg, "rake") == 0;
            break;
        case OPT_FUTURE:
            if ((code = parse_future(optarg, &a->opt)) != CLI_EXIT_OK)
                return code;
            a->future = optarg;
            break;
        case OPT_PROFILE:
            if (strcmp(optarg, "sending") == 0)
                a->opt.profile = CCAP_CALIBRATE_PROFILE_SENDING;
            else if (strcmp(optarg, "rogers-castro") == 0)
                a->opt.profile = CCAP_CALIBRATE_PROFILE_ROGERS_CASTRO;
            else
                return cli_usage_error(
                    PROGRAM, "--migration-profile '%s': use sending or rogers-castro", optarg);
            break;
        case OPT_SCALE:
            if ((code = cli_parse_double(PROGRAM, "--migration-scale", optarg, -10.0, 10.0, &x)) !=
                CLI_EXIT_OK)
                return code;
            a->opt.migration_scale = x;
            break;
        case OPT_YEARS:
            if ((code = cli_parse_long(PROGRAM, "--years", optarg, 1, 100, &a->years)) !=
                CLI_EXIT_OK)
                return code;
            break;
        default:
            if ((code = cli_common_option(PROGRAM, c, argv, usage, done)) != CLI_EXIT_OK || *done)
                return code;
            break;
        }
    }
    if (optind < argc)
        return cli_usage_error(PROGRAM, "unexpected argument '%s'", argv[optind]);
    if (a->regions == NULL || a->margins == NULL || a->vitals == NULL || a->out == NULL)
        return cli_usage_error(PROGRAM, "--regions, --margins, --vitals and --out are required");
    return CLI_EXIT_OK;
}

/* The national folder: --national, else the build tree's when run from it, else the
 * installed one. */
static void
national_paths(args *a)
{
    static const char *const names[4] = {"mortality.csv", "fertility.csv", "srb.csv",
                                         "standard.csv"};
    const char **slot[4] = {&a->mortality, &a->fertility, &a->srb, &a->standard};
    const char *dir = a->national;
    int i;

    if (dir == NULL)
        cli_data_dir("CCAP_NATIONAL_DATA_DIR", "national", CCAP_NATIONAL_DIR, a->national_buf,
                     sizeof a->national_buf);
    else
        snprintf(a->national_buf, sizeof a->national_buf, "%s", dir);
    for (i = 0; i < 4; i++) {
        if (*slot[i] == NULL) {
            snprintf(a->paths[i], sizeof a->paths[i], "%s/%s", a->national_buf, names[i]);
            *slot[i] = a->paths[i];
        }
    }
}

static void
print_warning(const ccap_diag *w, void *data)
{
    const args *a = data;
    ccap_diag shown = *w;

    /* the warning of a figure at its line and field, as cli_read() prints a reader's */
    snprintf(shown.file, sizeof shown.file, "%s", a->vitals);
    if (shown.line == 0)
        shown.field[0] = '\0';
    cli_read(CCAP_OK, &shown);
}

/* A one-region table holding the code of the standard. */
static ccap_population *
read_standard(const char *path)
{
    ccap_regions *std = ccap_regions_alloc();
    ccap_population *pop = NULL;
    ccap_diag diag;

    if (std == NULL ||
        ccap_regions_add(std, STANDARD_CODE, "standard age-sex pattern", NULL, NULL, NULL) !=
            CCAP_OK ||
        ccap_regions_finish(std, NULL) != CCAP_OK) {
        fprintf(stderr, "%s: out of memory\n", PROGRAM);
    } else if (cli_read(ccap_csv_read_population(path, std, CCAP_YEAR_ANY, &pop, cli_read_options(),
                                                 &diag),
                        &diag) != CCAP_OK) {
        cli_print_diag(&diag);
    } else if (ccap_population_age_width(pop) != 1) {
        fprintf(stderr,
                "%s: the standard must have single years of age (ccap-base --standard-out "
                "writes them from 5-year groups)\n",
                path);
        ccap_population_free(pop);
        pop = NULL;
    }
    ccap_regions_free(std);
    return pop;
}

static int
write_scenario(cli_outdir *od, const args *a)
{
    static const char *const own[] = {"regions.csv",   "population.csv", "mortality.csv",
                                      "fertility.csv", "srb.csv",        "migration_rates.csv"};
    static const ccap_scenario_input own_in[] = {
        CCAP_SCENARIO_REGIONS,   CCAP_SCENARIO_POPULATION, CCAP_SCENARIO_MORTALITY,
        CCAP_SCENARIO_FERTILITY, CCAP_SCENARIO_SRB,        CCAP_SCENARIO_MIGRATION_RATES};
    const char *given[] = {a->slots, a->targets, a->takeup, a->costs};
    static const ccap_scenario_input given_in[] = {CCAP_SCENARIO_SLOTS, CCAP_SCENARIO_TARGETS,
                                                   CCAP_SCENARIO_TAKEUP, CCAP_SCENARIO_COSTS};
    ccap_scenario *sc = ccap_scenario_alloc();
    ccap_diag diag;
    char path[4096 + 64];
    size_t i;
    int status = sc == NULL ? CCAP_ENOMEM : CCAP_OK;

    for (i = 0; i < 6 && status == CCAP_OK; i++) {
        snprintf(path, sizeof path, "%s/%s", od->stage, own[i]);
        status = ccap_scenario_set_input(sc, own_in[i], path);
    }
    for (i = 0; i < 4 && status == CCAP_OK; i++) {
        if (given[i] != NULL)
            status = ccap_scenario_set_input(sc, given_in[i], given[i]);
    }
    if (status == CCAP_OK &&
        ((status = ccap_scenario_set_number(sc, "years", (double)a->years, &diag)) != CCAP_OK ||
         (status = ccap_scenario_set_number(sc, "step", 1.0, &diag)) != CCAP_OK ||
         (status = ccap_scenario_set(sc, "timing",
                                     a->opt.timing == CCAP_MIGRATION_END ? "end" : "half",
                                     &diag)) != CCAP_OK ||
         (status = ccap_scenario_set(sc, "a0",
                                     a->opt.a0 == CCAP_A0_COALE_DEMENY ? "coale-demeny"
                                                                       : "andreev-kingkade",
                                     &diag)) != CCAP_OK ||
         (a->observed != 0 &&
          (status = ccap_scenario_set_number(sc, "observed", a->observed, &diag)) != CCAP_OK))) {
        cli_print_diag(&diag);
    } else if (status == CCAP_OK) {
        status = ccap_scenario_write(cli_outdir_path(od, "scenario.ini"), sc, &diag);
        if (status != CCAP_OK)
            cli_outdir_print_diag(od, &diag);
    } else {
        fprintf(stderr, "%s: %s\n", PROGRAM, cli_strerror(status));
    }
    ccap_scenario_free(sc);
    return status;
}

static int
write_outputs(cli_outdir *od, const args *a, const ccap_regions *regions,
              const ccap_population *base, const ccap_calibration *k)
{
    ccap_diag diag;
    int status = ccap_csv_write_regions(cli_outdir_path(od, "regions.csv"), regions, &diag);

    if (status == CCAP_OK)
        status =
            ccap_csv_write_population(cli_outdir_path(od, "population.csv"), regions, base, &diag);
    if (status == CCAP_OK)
        status = ccap_csv_write_mortality(cli_outdir_path(od, "mortality.csv"), regions,
                                          ccap_calibration_mortality(k), &diag);
    if (status == CCAP_OK)
        status = ccap_csv_write_fertility(cli_outdir_path(od, "fertility.csv"), regions,
                                          ccap_calibration_fertility(k), &diag);
    if (status == CCAP_OK)
        status = ccap_csv_write_srb(cli_outdir_path(od, "srb.csv"), regions,
                                    ccap_calibration_srb(k), &diag);
    if (status == CCAP_OK)
        status = ccap_csv_write_migration_rates(cli_outdir_path(od, "migration_rates.csv"), regions,
                                                ccap_calibration_migration_rates(k), &diag);
    if (status == CCAP_OK)
        status =
            ccap_csv_write_calibration(cli_outdir_path(od, "calibration.csv"), regions, k, &diag);
    if (status != CCAP_OK) {
        cli_outdir_print_diag(od, &diag);
        return status;
    }
    return write_scenario(od, a);
}

/* The report: every figure, then the levels of each region that publishes. */
static void
print_report(const args *a, const ccap_regions *regions, const ccap_population *base,
             const ccap_calibration *k)
{
    static const char *const uses[] = {"fitted", "checked", "unused", "base"};
    const size_t n = ccap_regions_count(regions);
    int *owns = calloc(n, sizeof *owns);
    size_t i, r;
    int y;
    double total = 0.0;

    ccap_population_total(base, ccap_regions_preorder(regions, 0), CCAP_SEX_BOTH, &total);
    printf("%s: base population of %d from %s: %.0f residents\n", PROGRAM,
           ccap_population_year(base), a->margins, total);
    printf("\n%-10s %4s %-11s %14s %14s %9s  %s\n", "region", "year", "measure", "published",
           "model", "diff %", "use");
    for (i = 0; i < ccap_calibration_count(k); i++) {
        ccap_calibration_row row;
        ccap_calibration_get(k, i, &row);
        if (owns != NULL)
            owns[row.region] = 1;
        printf("%-10s %4d %-11s %14.2f ", ccap_regions_code(regions, row.region), row.year,
               ccap_vitals_measure_name(row.measure), row.published);
        if (isfinite(row.model))
            printf("%14.2f %+9.3f  %s\n", row.model,
                   100.0 * (row.model - row.published) / row.published, uses[row.use]);
        else
            printf("%14s %9s  %s\n", "-", "-", uses[row.use]);
    }
    for (r = 0; owns != NULL && r < n; r++) {
        if (!owns[r])
            continue;
        printf("\n%s %s: calibrated levels by calendar year\n", ccap_regions_code(regions, r),
               ccap_regions_name(regions, r));
        printf("  %4s %7s %8s %9s %13s\n", "year", "TFR", "factor", "mortality", "migration ‰");
        for (y = ccap_population_year(base); y <= ccap_population_year(base) + (int)a->years; y++) {
            double tfr, f, m, g;
            if (ccap_calibration_levels(k, r, y, &tfr, &f, &m, &g) == CCAP_OK)
                printf("  %4d %7.3f %8.4f %9.4f %+13.2f\n", y, tfr, f, m, g);
        }
    }
    free(owns);
}

/*
 * The deterministic projection of the calibrated scenario, for the report: births and
 * children under 3 of every region without a parent, and a warning when births move in a
 * way the births per woman do not explain (ccap_diagnose_births()).
 */
static int
print_path(const args *a, const ccap_regions *regions, const ccap_population *base,
           const ccap_calibration *k)
{
    const size_t n_reg = ccap_regions_count(regions), n_ages = ccap_population_n_ages(base);
    /* the end of base year + years: one step more than years */
    const size_t steps = ccap_projection_steps_to_year_end(base, (size_t)a->years);
    const int base_year = ccap_population_year(base), last = base_year + (int)a->years;
    ccap_projection *proj = ccap_projection_alloc(n_reg, n_ages, 1, steps);
    ccap_rates_workspace *ws = ccap_rates_workspace_alloc(n_reg, n_ages, 1, n_ages + 1);
    ccap_population *end = ccap_population_alloc(n_reg, n_ages, 1);
    ccap_assumptions as;
    ccap_diag diag;
    size_t r, parent;
    int status = proj == NULL || ws == NULL || end == NULL ? CCAP_ENOMEM : CCAP_OK, year;

    ccap_diag_clear(&diag);
    ccap_calibration_assumptions(k, &as);
    if (status == CCAP_OK)
        status = ccap_projection_init(proj, base, regions);
    if (status == CCAP_OK)
        status = ccap_projection_run(proj, &as, regions, steps, ws, &diag);
    for (r = 0; status == CCAP_OK && r < n_reg; r++) {
        ccap_births_warning w;
        int found = 0;
        if (ccap_regions_parent(regions, r, &parent) == CCAP_OK)
            continue;
        printf("\n%s %s: the calibrated projection (births in the calendar year, children 0-2 "
               "at its end)\n",
               ccap_regions_code(regions, r), ccap_regions_name(regions, r));
        printf("  %4s %10s %14s\n", "year", "births", "children 0-2");
        /* the base year's births are partly before the base: none shown for it */
        for (year = base_year; year <= last; year++) {
            double births = NAN, under3 = NAN;
            char b[32] = "";

            if (ccap_projection_year_events(proj, r, year, CCAP_SEX_BOTH, &births, NULL, NULL) ==
                CCAP_OK)
                snprintf(b, sizeof b, "%.0f", births);
            if (ccap_projection_year_end(proj, year, end) == CCAP_OK)
                ccap_population_sum_ages(end, r, CCAP_SEX_BOTH, 0, 3, &under3);
            printf("  %4d %10s %14.0f\n", year, b, under3);
        }
        if (ccap_diagnose_births(proj, r, 10, 0.15, &w, &found) == CCAP_OK && found)
            fprintf(stderr,
                    "note: %s: births %+.0f %% from %d to %d while births per woman aged 20-34 "
                    "change %+.0f %%: cohort sizes, not fertility, drive it (women aged 20-34 "
                    "%+.0f %%, born %d-%d; children under 3 %+.0f %%). Check that those "
                    "cohorts are real and not steps between census age ranges.\n",
                    ccap_regions_code(regions, r), 100.0 * w.births_change, w.from_year, w.to_year,
                    100.0 * w.rate_change, 100.0 * w.women_change, w.born_from, w.born_to,
                    100.0 * w.under3_change);
    }
    if (status != CCAP_OK) {
        fprintf(stderr, "%s: the projection of the calibrated scenario failed: ", PROGRAM);
        cli_print_diag(&diag);
    }
    ccap_population_free(end);
    ccap_rates_workspace_free(ws);
    ccap_projection_free(proj);
    return status;
}

int
main(int argc, char **argv)
{
    args a;
    ccap_regions *regions = NULL;
    ccap_margins *margins = NULL;
    ccap_vitals *vitals = NULL;
    ccap_population *standard = NULL, *base = NULL;
    ccap_schedule *mort = NULL, *fert = NULL, *srb = NULL;
    ccap_calibration *k = NULL;
    ccap_margins_report *report = NULL;
    ccap_calibrate_national national;
    ccap_diag diag;
    cli_outdir od;
    int code, done, status, staged = 0;

    ccap_library_init();
    if ((code = cli_i18n_init(PROGRAM, argc, argv)) != CLI_EXIT_OK)
        return code;
    memset(&a, 0, sizeof a);
    a.years = DEFAULT_YEARS;
    a.year = CCAP_YEAR_ANY;
    ccap_calibrate_options_init(&a.opt);
    if ((code = parse_args(argc, argv, &a, &done)) != CLI_EXIT_OK || done)
        return code;
    national_paths(&a);
    {
        const char *const files[] = {a.regions,   a.margins, a.vitals,   a.mortality,
                                     a.fertility, a.srb,     a.standard, a.slots,
                                     a.targets,   a.takeup,  a.costs};
        static const char *const names[] = {
            "regions.csv", "population.csv",      "mortality.csv",   "fertility.csv",
            "srb.csv",     "migration_rates.csv", "calibration.csv", "scenario.ini"};
        const cli_outdir_options opt = {.flags = a.force ? CLI_OUTDIR_FORCE : 0u,
                                        .known = names,
                                        .n_known = 8,
                                        .inputs = files,
                                        .n_inputs = 11};
        if ((code = cli_outdir_begin(&od, PROGRAM, a.out, &opt)) != CLI_EXIT_OK)
            return code;
        staged = 1;
    }
    code = CLI_EXIT_DATA;
    if (cli_read(ccap_csv_read_regions(a.regions, &regions, cli_read_options(), &diag), &diag) !=
            CCAP_OK ||
        cli_read(ccap_csv_read_margins(a.margins, regions, &margins, cli_read_options(), &diag),
                 &diag) != CCAP_OK ||
        cli_read(ccap_csv_read_vitals(a.vitals, regions, &vitals, cli_read_options(), &diag),
                 &diag) != CCAP_OK ||
        cli_read(ccap_csv_read_mortality(a.mortality, regions, &mort, cli_read_options(), &diag),
                 &diag) != CCAP_OK ||
        cli_read(ccap_csv_read_fertility(a.fertility, regions, &fert, cli_read_options(), &diag),
                 &diag) != CCAP_OK ||
        cli_read(ccap_csv_read_srb(a.srb, regions, &srb, cli_read_options(), &diag), &diag) !=
            CCAP_OK) {
        cli_print_diag(&diag);
        goto out;
    }
    if ((standard = read_standard(a.standard)) == NULL)
        goto out;
    if (cli_margins_year(margins, a.year, a.margins, &a.year) != CLI_EXIT_OK)
        goto out;
    if (a.date.year == 0) {
        a.date.year = a.year;
        a.date.month = 11;
        a.date.day = 1;
    } else if (a.date.year != a.year) {
        code = cli_usage_error(PROGRAM, "--date %04d-%02d-%02d is not in the census year %d",
                               a.date.year, a.date.month, a.date.day, a.year);
        goto out;
    }
    /* the scenario's last observed year: uncertainty and variants start after it */
    {
        size_t i;
        a.observed = 0;
        for (i = 0; i < ccap_vitals_count(vitals); i++) {
            ccap_vital v;
            ccap_vitals_get(vitals, i, &v);
            if ((v.measure == CCAP_VITALS_BIRTHS || v.measure == CCAP_VITALS_BIRTH_RATE ||
                 v.measure == CCAP_VITALS_POPULATION) &&
                v.year > a.observed)
                a.observed = v.year;
        }
    }
    if (a.opt.fertility == CCAP_CALIBRATE_FERTILITY_TARGET) {
        int last = a.year;
        size_t i;
        for (i = 0; i < ccap_vitals_count(vitals); i++) {
            ccap_vital v;
            ccap_vitals_get(vitals, i, &v);
            if ((v.measure == CCAP_VITALS_BIRTHS || v.measure == CCAP_VITALS_BIRTH_RATE) &&
                v.year > last)
                last = v.year;
        }
        if (a.opt.target_year <= last) {
            code = cli_usage_error(PROGRAM,
                                   "--fertility-future %s: the year must come after the census "
                                   "and the last year with births (%d)",
                                   a.future, last);
            goto out;
        }
    }
    national.mortality = mort;
    national.fertility = fert;
    national.srb = srb;
    a.opt.last_year = a.year + (int)a.years;
    a.opt.warn = print_warning;
    a.opt.warn_data = &a;
    status = ccap_calibrate_base(regions, margins, a.year, a.date, standard, vitals, &national,
                                 &a.opt, &base, &report, &diag);
    if (status != CCAP_OK && ccap_margins_report_n_disagree(report) == 0) {
        snprintf(diag.file, sizeof diag.file, "%s",
                 strcmp(diag.field, "births") == 0 ? a.vitals : a.margins);
        cli_print_diag(&diag);
    }
    cli_print_reconciliation(regions, margins, a.margins, report);
    if (status != CCAP_OK)
        goto out;
    status = ccap_calibrate(regions, base, vitals, &national, &a.opt, &k, &diag);
    if (status != CCAP_OK) {
        snprintf(diag.file, sizeof diag.file, "%s", a.vitals);
        cli_print_diag(&diag);
        goto out;
    }
    if (write_outputs(&od, &a, regions, base, k) != CCAP_OK)
        goto out;
    staged = 0;
    if ((code = cli_outdir_commit(&od)) == CLI_EXIT_OK) {
        print_report(&a, regions, base, k);
        print_path(&a, regions, base, k);
        printf("\nwrote %s/: scenario.ini, calibration.csv and the files it names\n", a.out);
        code = cli_close_stdout(PROGRAM);
    }
out:
    if (staged)
        cli_outdir_abort(&od);
    ccap_calibration_free(k);
    ccap_margins_report_free(report);
    ccap_population_free(base);
    ccap_population_free(standard);
    ccap_schedule_free(mort);
    ccap_schedule_free(fert);
    ccap_schedule_free(srb);
    ccap_vitals_free(vitals);
    ccap_margins_free(margins);
    ccap_regions_free(regions);
    return code;
}
