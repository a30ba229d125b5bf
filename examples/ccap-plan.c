/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ccap-plan: the whole planning run of a place in one command: projection, Monte Carlo bands,
 * slots against the per-1,000 targets and against demand, the minimal build schedule, the
 * allocation between counties and its cost; a summary on stdout and a report directory
 * (tables, charts, index.html).  With no arguments it runs the bundled Nanyang scenario.
 */

#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charts.h"
#include "report.h"
#ifdef CCAP_HAVE_XLSX
#include "workbook.h"
#endif

#define PROGRAM "ccap-plan"

static void
usage(void)
{
    cli_stdout_buffered(); /* the help is longer than a default buffer */
    printf(_("Usage: %s [--scenario FILE] [--out DIR] [--force] [OPTION]...\n"), PROGRAM);
    fputs(_("\n"
            "Run a complete childcare plan (托育规划) and write a report: the projection\n"
            "of the population, births and children under 3 with a Monte Carlo band;\n"
            "slots (托位) per 1,000 residents and the gap to every target; the\n"
            "demand-based need and the year the target outruns it; the minimal build\n"
            "schedule; the allocation of the needed slots between counties; the cost.\n"
            "The summary goes to standard output; DIR gets\n"
            "  summary.txt     the summary\n"
            "  population.csv  region,name,year,sex,age,population,date: residents at\n"
            "                  the end of every year (date: 1 January after)\n"
            "  gaps.csv        slots, targets, gaps and demand by region and year\n"
            "  schedule.csv    region,name,year,new_slots: the minimal build (as ccap-gap)\n"
            "  allocation.csv  region,name,new_slots: the first year's new slots (as\n"
            "                  ccap-gap)\n"
            "  workforce.csv   classes, carers, health staff and m² of the slots held,\n"
            "                  needed and planned (as ccap-gap)\n"
            "  budget.csv      who pays each year and the present values: central and\n"
            "                  local budgets, families, providers (as ccap-gap)\n"
            "  quantiles.csv   region,name,year,measure,quantile,value and\n"
            "  probabilities.csv  region,name,year,p_target_met,p_overbuild: the Monte\n"
            "                  Carlo run after the last observed year (as ccap-simulate)\n"
            "  *.svg, *.png    charts, when built with PLplot (PNG when its Cairo driver\n"
            "                  is installed): pyramid, births, under3, population,\n"
            "                  slots, gaps,\n"
            "                  carers, budget (who pays, stacked by year)\n"
            "  report.xlsx     every table as a sheet of one workbook, and the charts\n"
            "                  above as native Excel charts\n"
            "  index.html      one page with the summary, the tables and the charts\n"
            "The directory is built under a temporary name and renamed when complete: a\n"
            "failed run leaves nothing behind.  The tables (CSV) are in English in every\n"
            "language: their column names are for programs.\n"
            "\n"
            "With no --scenario, the bundled Nanyang scenario (南阳市, 2020 census) is run.\n"),
          stdout);
    fputs(_("\n"
            "Options:\n"
            "      --scenario F       the run as a file (docs/data-formats.md, \"Scenario\")\n"
            "  -o, --out DIR          report directory (default ccap-report)\n"
            "      --force            replace DIR if it is an earlier report\n"
            "  -N, --trajectories N   Monte Carlo trajectories (default: the scenario's)\n"
            "      --seed S           random seed (default: the scenario's)\n"
            "      --threads T        threads (0: all; results do not depend on it)\n"
            "      --discount R       discount rate for present values (default 0.03)\n"
            "      --fee X            fee per child and month, yuan (budget.csv; default 0)\n"
            "      --operating-subsidy X  local subsidy per child in an inclusive slot and\n"
            "                         month, yuan (default 0)\n"
            "      --registered-share X  share of children under 3 registered locally, who\n"
            "                         receive the childcare subsidy 育儿补贴 (default 1)\n"
            "      --carer-wage X     cost of a carer to the provider, yuan a month; with\n"
            "                         --health-wage X, --rent X (yuan per m² and month) and\n"
            "                         --other-running X (yuan per slot and year) the running\n"
            "                         cost is built from the staff and space of the slots\n"
            "      --build-rule R     who meets the targets: 'county' (every county on its\n"
            "                         own, spare slots not lent; the default) or 'city' (the\n"
            "                         city as a whole, new slots where the shortfall is)\n"
            "      --no-charts        do not draw charts (none in report.xlsx either)\n"
            "      --vitals F         the city's published births and residents (region,year,\n"
            "                         measure,value,note; ccap-calibrate's input), drawn as\n"
            "                         points on the births and population charts when the\n"
            "                         note says 'published' (default with no --scenario: the\n"
            "                         bundled vitals.csv)\n"
            "      --encoding NAME    encoding of the input files: auto (UTF-8, or GB18030 with\n"
            "                         a warning; the default), utf-8 or gb18030\n"
            "      --lang en|zh       language of the summary, report, charts and messages:\n"
            "                         English or Chinese (default: from the environment,\n"
            "                         LANG=zh_CN.UTF-8 gives Chinese)\n"
            "  -h, --help, -V, --version\n"
            "\n"
            "Exit status: 0 on success, 1 on a data error, 2 on bad usage.\n"),
          stdout);
#ifndef CCAP_HAVE_XLSX
    fputs(_("\nreport.xlsx is not written by this build: it needs libxlsxwriter.\n"), stdout);
#endif
    printf(_("\n"
             "Examples:\n"
             "  %s                                   # Nanyang, report in ccap-report/\n"
             "  %s --scenario my.ini -o report --force\n"
             "  %s --lang zh                         # the same in Chinese\n"),
           PROGRAM, PROGRAM, PROGRAM);
}

typedef struct options {
    const char *scenario, *out, *vitals;
    ccap_payer_params pay; /* fees and subsidies of budget.csv */
    ccap_running_cost_params run; /* --carer-wage, --health-wage, --rent, --other-running */
    int run_given;
    long trajectories, threads;
    unsigned long seed;
    int seed_given, force, no_charts, city_rule;
    double discount;
} options;

static int
parse_args(int argc, char **argv, options *o, int *done)
{
    static const struct option longopts[] = {
        {"scenario", required_argument, NULL, 's'},
        {"trajectories", required_argument, NULL, 'N'},
        {"seed", required_argument, NULL, 'S'},
        {"threads", required_argument, NULL, 't'},
        {"discount", required_argument, NULL, 'd'},
        {"build-rule", required_argument, NULL, 'B'},
        {"no-charts", no_argument, NULL, 'c'},
        {"vitals", required_argument, NULL, 'v'},
        CLI_LONG_OPTIONS_PAYERS,
        CLI_LONG_OPTIONS_OUTDIR,
        CLI_LONG_OPTIONS_COMMON,
    };
    int c, code;

    *done = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:N:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 's':
            o->scenario = optarg;
            break;
        case 'o':
            o->out = optarg;
            break;
        case 'v':
            o->vitals = optarg;
            break;
        case CLI_OPT_FORCE:
            o->force = 1;
            break;
        case 'c':
            o->no_charts = 1;
            break;
        case 'W':
        case 'H':
        case 'P':
        case 'Q':
            if (cli_parse_running(PROGRAM,
                                  c == 'W'   ? "--carer-wage"
                                  : c == 'H' ? "--health-wage"
                                  : c == 'P' ? "--rent"
                                             : "--other-running",
                                  optarg, &o->run, &o->run_given) != CLI_EXIT_OK)
                return CLI_EXIT_USAGE;
            break;
        case 'e':
        case 'g':
        case 'G':
            if (cli_parse_payer(PROGRAM,
                                c == 'e'   ? "--fee"
                                : c == 'g' ? "--operating-subsidy"
                                           : "--registered-share",
                                optarg, &o->pay) != CLI_EXIT_OK)
                return CLI_EXIT_USAGE;
            break;
        case 'N':
            if (cli_parse_long(PROGRAM, "--trajectories", optarg, 1,
                               (long)CCAP_SCENARIO_TRAJECTORIES_MAX,
                               &o->trajectories) != CLI_EXIT_OK)
                return CLI_EXIT_USAGE;
            break;
        case 't':
            if (cli_parse_long(PROGRAM, "--threads", optarg, 0, (long)CCAP_SCENARIO_THREADS_MAX,
                               &o->threads) != CLI_EXIT_OK)
                return CLI_EXIT_USAGE;
            break;
        case 'S':
            if (ccap_scenario_parse_seed(optarg, &o->seed) != CCAP_OK)
                return cli_usage_error(PROGRAM, _("--seed: '%s' is not a valid seed"), optarg);
            o->seed_given = 1;
            break;
        case 'd':
            if (cli_parse_double(PROGRAM, "--discount", optarg, 0.0, 1.0, &o->discount) !=
                CLI_EXIT_OK)
                return CLI_EXIT_USAGE;
            break;
        case 'B':
            if (strcmp(optarg, "county") == 0)
                o->city_rule = 0;
            else if (strcmp(optarg, "city") == 0)
                o->city_rule = 1;
            else
                return cli_usage_error(PROGRAM, _("--build-rule: '%s' is not county or city"),
                                       optarg);
            break;
        default:
            if ((code = cli_common_option(PROGRAM, c, argv, usage, done)) != CLI_EXIT_OK || *done)
                return code;
            break;
        }
    }
    if (optind < argc)
        return cli_usage_error(PROGRAM, _("unexpected argument '%s'"), argv[optind]);
    return CLI_EXIT_OK;
}

/* A file of the bundled scenario (nanyang.ini, vitals.csv): the build tree's data when run
 * from it, else the installed copy. */
static const char *
bundled(const char *name, char *path, size_t size)
{
    char dir[4096];

    cli_data_dir("CCAP_DATA_DIR", "data", CCAP_PLAN_DATA_INSTALLED, dir, sizeof dir);
    snprintf(path, size, "%s/nanyang/%s", dir, name);
    return path;
}

/* ---- the report directory ---- */

/* The files of a report: what --force may replace (outdir.h). */
static const char *const report_files[] = {
    "summary.txt",       "index.html",     "report.xlsx",   "population.csv", "gaps.csv",
    "schedule.csv",      "allocation.csv", "workforce.csv", "budget.csv",     "quantiles.csv",
    "probabilities.csv", "pyramid.svg",    "pyramid.png",   "births.svg",     "births.png",
    "under3.svg",        "under3.png",     "slots.svg",     "slots.png",      "gaps.svg",
    "gaps.png",          "carers.svg",     "carers.png",    "budget.svg",     "budget.png",
    "population.svg",    "population.png"};
static const char *const report_required[] = {"summary.txt", "index.html"};

static int
write_file(const char *dir, const char *name, const char *text)
{
    char path[4096];
    FILE *fp;

    if (!report_path_in(path, sizeof path, dir, name) || (fp = fopen(path, "w")) == NULL)
        return -1;
    fputs(text, fp);
    return (ferror(fp) | fclose(fp)) ? -1 : 0;
}

int
main(int argc, char **argv)
{
    options o;
    cli_inputs in;
    ccap_plan *plan = NULL;
    ccap_vitals *vitals = NULL;
    report_plan p;
    char *text = NULL, charts[REPORT_CHARTS_MAX][32], png[REPORT_CHARTS_MAX][32];
    const char *tmp;
    size_t text_size = 0;
    FILE *mem = NULL;
    cli_outdir od;
    int code, done, n_charts = 0, n_png = 0, staged = 0;
    const char *charts_note = "";

    ccap_library_init();
    if (cli_i18n_init(PROGRAM, argc, argv) != CLI_EXIT_OK)
        return CLI_EXIT_USAGE;
    memset(&o, 0, sizeof o);
    memset(&in, 0, sizeof in);
    memset(&p, 0, sizeof p);
    o.pay = (ccap_payer_params)CLI_PAYER_PARAMS_INIT;
    o.out = "ccap-report";
    o.threads = -1;
    o.discount = 0.03;
    o.run.carer_wage_month = o.run.health_wage_month = NAN; /* NAN: not given */
    o.run.rent_m2_month = o.run.other_per_slot_year = NAN;
    if ((code = parse_args(argc, argv, &o, &done)) != CLI_EXIT_OK || done)
        return code;
    if (o.scenario == NULL) {
        static char scenario[4096 + 32], vitals_csv[4096 + 32];
        o.scenario = bundled("nanyang.ini", scenario, sizeof scenario);
        if (o.vitals == NULL)
            o.vitals = bundled("vitals.csv", vitals_csv, sizeof vitals_csv);
    }
    code = CLI_EXIT_DATA;
    {
        ccap_diag diag;
        if (cli_read(ccap_scenario_read(o.scenario, &in.sc, cli_read_options(), &diag), &diag) !=
            CCAP_OK) {
            cli_print_diag(&diag);
            goto out;
        }
    }
    if (o.run_given) {
        /* --carer-wage etc. override the scenario's [childcare] keys */
        const char *keys[] = {"carer_wage_month", "health_wage_month", "rent_m2_month",
                              "other_per_slot_year"};
        const double x[] = {o.run.carer_wage_month, o.run.health_wage_month, o.run.rent_m2_month,
                            o.run.other_per_slot_year};
        size_t i;

        for (i = 0; i < 4; i++)
            if (!isnan(x[i]) &&
                (code = cli_scenario_number(PROGRAM, in.sc, keys[i], x[i])) != CLI_EXIT_OK)
                goto out;
    }
    if ((o.trajectories > 0 &&
         (code = cli_scenario_number(PROGRAM, in.sc, "trajectories", (double)o.trajectories)) !=
             CLI_EXIT_OK) ||
        (o.threads >= 0 &&
         (code = cli_scenario_number(PROGRAM, in.sc, "threads", (double)o.threads)) !=
             CLI_EXIT_OK) ||
        (o.seed_given &&
         (code = cli_scenario_number(PROGRAM, in.sc, "seed", (double)o.seed)) != CLI_EXIT_OK) ||
        (code = cli_inputs_read(PROGRAM, &in)) != CLI_EXIT_OK)
        goto out;
    /* the report is made in a staging directory and swapped in whole (outdir.h): checked
     * now, before the run, and again when it is complete */
    {
        const char *files[CLI_INPUTS_FILES];
        const cli_outdir_options opt = {.flags =
                                            CLI_OUTDIR_REPORT | (o.force ? CLI_OUTDIR_FORCE : 0u),
                                        .known = report_files,
                                        .n_known = sizeof report_files / sizeof report_files[0],
                                        .required = report_required,
                                        .n_required = 2,
                                        .inputs = files,
                                        .n_inputs = CLI_INPUTS_FILES};
        cli_inputs_files(&in, o.scenario, files);
        if ((code = cli_outdir_begin(&od, PROGRAM, o.out, &opt)) != CLI_EXIT_OK)
            goto out;
        staged = 1;
        tmp = cli_outdir_stage(&od);
    }
    code = CLI_EXIT_DATA;
    if (in.inv == NULL || in.targets == NULL) {
        fprintf(stderr, _("%s: the scenario needs a slots file and a targets file\n"), o.scenario);
        goto out;
    }
    if (ccap_population_age_width(in.base) != 1) {
        fprintf(stderr, _("%s: a plan needs a population in single years of age\n"),
                ccap_scenario_input_path(in.sc, CCAP_SCENARIO_POPULATION));
        goto out;
    }
    {
        /* a population.csv the readers would refuse is refused now, not after the run */
        char table[4096 + 32];
        ccap_diag diag;
        snprintf(table, sizeof table, "%s/population.csv", od.dir);
        if (ccap_csv_population_table_check(table, (size_t)cli_scenario_get(in.sc, "years") + 2,
                                            ccap_regions_count(in.regions),
                                            ccap_population_n_ages(in.base), 1, &diag) != CCAP_OK) {
            cli_print_diag(&diag);
            goto out;
        }
    }
    {
        ccap_plan_options po;
        ccap_diag diag;
        cli_progress pr;
        int status;
        ccap_scenario_plan_options(in.sc, &po);
        po.discount_rate = o.discount;
        po.rule = o.city_rule ? CCAP_PLAN_CITY_ONLY : CCAP_PLAN_EVERY_COUNTY;
        if (isatty(STDERR_FILENO))
            fprintf(stderr, _("%s: simulating %zu trajectories...\n"), PROGRAM, po.n_trajectories);
        cli_progress_start(&pr, PROGRAM);
        po.uncertainty.progress = cli_progress_trajectories;
        po.uncertainty.progress_ctx = &pr;
        status = ccap_plan_run(&in.plan, &po, &plan, &diag);
        cli_progress_end(&pr);
        if (status != CCAP_OK) {
            cli_diag_translate(&diag);
            fprintf(stderr, "%s: %s\n", PROGRAM, diag.message);
            goto out;
        }
        {
            int to, first;
            ccap_plan_years(plan, NULL, &to, &first);
            if (to < first) {
                fprintf(stderr,
                        _("%s: the projection ends in %d, before the first year after the slot "
                          "inventory (%d)\n"),
                        PROGRAM, to, first);
                goto out;
            }
        }
        if (report_plan_init(&p, &in, plan, !o.no_charts, &o.pay) != CLI_EXIT_OK)
            goto out;
        if (o.vitals != NULL) {
            if (cli_read(
                    ccap_csv_read_vitals(o.vitals, in.regions, &vitals, cli_read_options(), &diag),
                    &diag) != CCAP_OK) {
                cli_print_diag(&diag);
                goto out;
            }
            p.vitals = vitals;
        }
    }
    /* the summary, to stdout and to the report */
    if ((mem = open_memstream(&text, &text_size)) == NULL) {
        fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
        goto out;
    }
    report_summary(mem, &p);
    if (fclose(mem) != 0) {
        mem = NULL;
        fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
        goto out;
    }
    mem = NULL;
    /* the report, in the staging directory */
    if (write_file(tmp, "summary.txt", text) != 0) {
        fprintf(stderr, _("%s/summary.txt: cannot write: %s\n"), o.out, strerror(errno));
        goto out;
    }
#ifdef CCAP_HAVE_XLSX
    /* the workbook second, before the larger CSV tables (tests/test-dataloss.sh stops a run
     * inside it by capping the size of files) */
    {

        char path[4096], err[256] = "the path is too long";
        if (!report_path_in(path, sizeof path, tmp, "report.xlsx") ||
            workbook_write(path, &p, WORKBOOK_EXCEL_ROWS, err, sizeof err) != 0) {
            fprintf(stderr, "%s/report.xlsx: cannot write: %s\n", o.out, err);
            goto out;
        }
    }
#endif
    if (report_write_tables(&p, &od) != CLI_EXIT_OK)
        goto out;
    if (o.no_charts)
        charts_note = _("Charts were not drawn (--no-charts).");
    else if (!charts_available())
        charts_note = _("Charts were skipped: this ccap was built without PLplot.");
    else {
        n_charts = report_write_charts(&p, tmp, "svg", charts);
        if (charts_png_available())
            n_png = report_write_charts(&p, tmp, "png", png);
        if (n_png > 0 && cli_lang_zh() && charts_cjk_font_available() == 0)
            fprintf(stderr,
                    _("%s: warning: no Chinese font found (fontconfig): the Chinese text of the "
                      "PNG charts shows as empty boxes; install one (Debian: fonts-wqy-microhei "
                      "or fonts-noto-cjk) and run again\n"),
                    PROGRAM);
    }
    if (report_write_html(&p, tmp, o.out, charts, n_charts, png, n_png, charts_note) != CLI_EXIT_OK)
        goto out;
    staged = 0;
    if (cli_outdir_commit(&od) != CLI_EXIT_OK)
        goto out;
    fputs(text, stdout);
    if (charts_note[0] != '\0')
        printf("\n%s\n", charts_note);
    if (n_png > 0)
        printf(_("\nReport: %s/index.html (%d charts as SVG and PNG, tables as CSV)\n"), o.out,
               n_charts);
    else
        printf(_("\nReport: %s/index.html (%d charts as SVG, tables as CSV)\n"), o.out, n_charts);
    code = cli_close_stdout(PROGRAM);
out:
    if (staged)
        cli_outdir_abort(&od);
    free(text);
    report_plan_free(&p);
    ccap_vitals_free(vitals);
    ccap_plan_free(plan);
    cli_inputs_free(&in);
    return code;
}
