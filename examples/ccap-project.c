/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ccap-project: project a population forward with the cohort-component method,
 * from a base population and rate files, and write population, births and a
 * summary as CSV.
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "outdir.h"

#define PROGRAM "ccap-project"

typedef struct inputs {
    const char *regions, *population, *mortality, *fertility, *srb, *migration, *out;
    const char *migration_rates;
    long years;
    size_t step;
    int year;
    ccap_migration_timing timing;
    ccap_a0_rule a0;
    int at_steps; /* --stocks steps: populations on the steps' own dates */
    int force;    /* --force: an earlier run's files in --out may be replaced */
} inputs;

static void
usage(void)
{
    /* the help is longer than a default buffer: in one buffer (nothing has been written to
     * stdout yet) */
    cli_stdout_buffered();
    printf(_("Usage: %s --regions F --population F --mortality F --fertility F --srb F\n"
             "                    [--migration F] [--migration-rates F] --years N [--step 1|5]\n"
             "                    --out DIR [OPTION]...\n"),
           PROGRAM);
    fputs(_("\n"
            "Project a base population forward by the cohort-component method, in steps\n"
            "of one age-group width (1 or 5 years), and write into DIR:\n"
            "  population.csv  region,name,year,sex,age,population,date (residents at the\n"
            "                  end of every year, base year to base year + N: 1 January\n"
            "                  after; with --stocks steps, the base and every step's end)\n"
            "  births.csv      region,year,sex,births          (calendar years)\n"
            "  summary.csv     region,year,population,births,deaths,net_migrants,under3\n"
            "                  (year = calendar year, as statistical bulletins count it:\n"
            "                  births, deaths and net migrants in the year, population and\n"
            "                  children under 3 at its end, 31 December; the calendar years\n"
            "                  wholly within the steps)\n"
            "Regions with children in the region table are the sums of their children.\n"
            "\n"
            "Inputs (formats: docs/data-formats.md):\n"
            "  -r, --regions F      region table\n"
            "  -p, --population F   base population by sex and age (single years or 5-year\n"
            "                       groups; its year and date are the start)\n"
            "  -d, --mortality F    death rates mx by region ('*' for all), year, sex, age;\n"
            "                       abridged ages (0, 1, 5, ...) are fine for 5-year steps\n"
            "  -f, --fertility F    fertility rates by region, year and age of mother\n"
            "  -s, --srb F          sex ratio at birth, male births per 100 female births\n"
            "  -m, --migration F    net migrants per step by region, year, sex, age (optional)\n"
            "      --migration-rates F  net migrants per person-year by region, year, sex,\n"
            "                       age (optional; applied to the population of each step)\n"
            "Rates given for a year apply to later years until the next year given.\n"
            "\n"
            "Options:\n"
            "  -n, --years N        years to project (a multiple of the step)\n"
            "  -w, --step N         step and age-group width: 1 or 5 (default: the\n"
            "                       population's; single years are grouped for --step 5)\n"
            "  -y, --year Y         base year, when the population file holds several\n"
            "      --timing T       when migrants join: 'half' (half at the start, half at\n"
            "                       the end of a step; default) or 'end'\n"
            "      --a0 RULE        infant a0 rule of the life tables: 'andreev-kingkade'\n"
            "                       (default) or 'coale-demeny'\n"
            "      --stocks WHEN    populations in population.csv: 'year-end' (residents at\n"
            "                       the end of every year, as bulletins count them; the run\n"
            "                       takes one step more than N/step, so that it reaches\n"
            "                       1 January after base year + N;\n"
            "                       default) or 'steps' (the base and the N/step steps on\n"
            "                       their own dates, e.g. 1 July for a back-test against UN\n"
            "                       WPP mid-year estimates)\n"),
          stdout);
    printf(_("  -o, --out DIR        output directory (created if missing; the three files are\n"
             "                       replaced together, or none if the run fails)\n"
             "      --force          replace the files of an earlier run in DIR\n"
             "      --encoding NAME  encoding of the input files: auto (UTF-8, or GB18030 with\n"
             "                       a warning; the default), utf-8 or gb18030\n"
             "      --lang en|zh     language of the summary and messages (default: from the\n"
             "                       environment, LANG=zh_CN.UTF-8 gives Chinese)\n"
             "  -h, --help           show this help and exit\n"
             "  -V, --version        show the version and exit\n"
             "\n"
             "Exit status: 0 on success, 1 on a data error (FILE:LINE: field: problem),\n"
             "2 on bad usage.\n"
             "\n"
             "Example, Nanyang 2020-2035 from the bundled data:\n"
             "  d=examples/data/nanyang\n"
             "  %s -r $d/regions.csv -p $d/population_2020.csv -d $d/mortality.csv \\\n"
             "      -f $d/fertility.csv -s $d/srb.csv --migration-rates $d/migration_rates.csv \\\n"
             "      -n 15 -o out\n"),
           PROGRAM);
}

/* The library's message of a failed projection, under the name of the input file at
 * fault (the diagnostic's field names the assumption). */
static void
print_problem(const inputs *in, ccap_diag *diag)
{
    static const char *const keys[] = {"mortality", "fertility", "srb", "migration",
                                       "migration_rates"};
    const char *files[] = {in->mortality, in->fertility, in->srb, in->migration,
                           in->migration_rates};
    size_t i;

    for (i = 0; i < 5 && diag->file[0] == '\0'; i++) {
        if (strcmp(diag->field, keys[i]) == 0 && files[i] != NULL)
            snprintf(diag->file, sizeof diag->file, "%s", files[i]);
    }
    if (diag->file[0] == '\0')
        snprintf(diag->file, sizeof diag->file, "%s", PROGRAM);
    cli_print_diag(diag);
}

/* The three tables, staged in od and put in place together (see outdir.h). */
static int
write_outputs(cli_outdir *od, const ccap_regions *regions, const ccap_projection *proj,
              const inputs *in, int base_year)
{
    const ccap_population *p0 = ccap_projection_population(proj, 0);
    const size_t steps = ccap_projection_steps_done(proj);
    const size_t n = in->at_steps ? steps + 1 : (size_t)in->years + 1;
    const ccap_population **pops = calloc(n, sizeof *pops);
    ccap_population **ends = in->at_steps ? NULL : calloc(n, sizeof *ends);
    const char *path;
    ccap_diag diag;
    size_t i;
    int status = pops != NULL && (in->at_steps || ends != NULL) ? CCAP_OK : CCAP_ENOMEM;

    ccap_diag_clear(&diag);
    /* residents at the end of every year, as the plan and the bulletins count them; or
     * the populations on the steps' own dates */
    for (i = 0; i < n && status == CCAP_OK; i++) {
        if (in->at_steps) {
            pops[i] = ccap_projection_population(proj, i);
            continue;
        }
        ends[i] = ccap_population_alloc(ccap_population_n_regions(p0), ccap_population_n_ages(p0),
                                        ccap_population_age_width(p0));
        status = ends[i] == NULL ? CCAP_ENOMEM
                                 : ccap_projection_year_end(proj, base_year + (int)i, ends[i]);
        pops[i] = ends[i];
    }
    if (status == CCAP_OK && (path = cli_outdir_path(od, "population.csv")) != NULL)
        status = ccap_csv_write_populations(path, regions, pops, n, &diag);
    else if (status != CCAP_OK)
        snprintf(diag.message, sizeof diag.message, _("residents at the year ends: %s"),
                 cli_strerror(status));
    for (i = 0; ends != NULL && i < n; i++)
        ccap_population_free(ends[i]);
    free(ends);
    free(pops);
    if (status == CCAP_OK)
        status = ccap_csv_write_births(cli_outdir_path(od, "births.csv"), regions, proj, &diag);
    if (status == CCAP_OK)
        status = ccap_csv_write_summary(cli_outdir_path(od, "summary.csv"), regions, proj, &diag);
    if (status != CCAP_OK) {
        cli_outdir_print_diag(od, &diag);
        cli_outdir_abort(od);
        return CLI_EXIT_DATA;
    }
    return cli_outdir_commit(od);
}

/* The base population with the step's width (single years grouped into 5-year groups). */
static ccap_population *
base_for_step(const inputs *in, ccap_population *pop)
{
    ccap_population *grouped;

    if (ccap_population_age_width(pop) == in->step)
        return pop;
    if (in->step % ccap_population_age_width(pop) != 0 ||
        ccap_population_open_age(pop) % in->step != 0) {
        fprintf(stderr,
                _("%s: the population has %zu-year age groups to %zu+; they cannot make "
                  "%zu-year steps\n"),
                in->population, ccap_population_age_width(pop), ccap_population_open_age(pop),
                in->step);
        ccap_population_free(pop);
        return NULL;
    }
    grouped = ccap_population_alloc(ccap_population_n_regions(pop),
                                    ccap_population_open_age(pop) / in->step + 1, in->step);
    if (grouped == NULL || ccap_population_regroup(pop, grouped) != CCAP_OK) {
        fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
        ccap_population_free(grouped);
        grouped = NULL;
    }
    ccap_population_free(pop);
    return grouped;
}

static void
print_summary(const inputs *in, const ccap_regions *regions, const ccap_projection *proj)
{
    const size_t steps = ccap_projection_steps_done(proj);
    const ccap_population *p0 = ccap_projection_population(proj, 0);
    ccap_population *end = ccap_population_alloc(ccap_population_n_regions(p0),
                                                 ccap_population_n_ages(p0),
                                                 ccap_population_age_width(p0));
    ccap_date d = ccap_population_date(p0);
    char a[32], b[32], from[32];
    size_t k;
    int first = 0, last = 0, last_year;

    if (!ccap_date_is_valid(d))
        d = (ccap_date){ccap_population_year(p0), 1, 1};
    snprintf(from, sizeof from, "%04d-%02d-%02d", d.year, d.month, d.day);
    ccap_projection_calendar_years(proj, &first, &last);
    last_year = in->at_steps ? last : ccap_population_year(p0) + (int)in->years;
    if (end == NULL || ccap_projection_year_end(proj, last_year, end) != CCAP_OK) {
        ccap_population_free(end);
        return; /* the tables are written; only the summary is missing */
    }
    printf(in->step > 1 ? _("%s: %zu steps of %zu years from %s, to the end of %d\n")
                        : _("%s: %zu steps of %zu year from %s, to the end of %d\n"),
           PROGRAM, steps, in->step, from, last_year);
    for (k = 0; k < ccap_regions_count(regions); k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        double p1, b0 = NAN, b1 = NAN;

        if (ccap_regions_depth(regions, r) > 0)
            continue; /* roots only: the rest is in summary.csv */
        ccap_population_total(p0, r, CCAP_SEX_BOTH, &p1);
        printf(_("  %s %s: residents %s on %s"), ccap_regions_code(regions, r),
               ccap_regions_name(regions, r), cli_format_count(p1, a, sizeof a), from);
        ccap_population_total(end, r, CCAP_SEX_BOTH, &p1);
        printf(_(", %s at the end of %d"), cli_format_count(p1, a, sizeof a), last_year);
        /* births of the first and the last calendar year wholly within the steps */
        ccap_projection_year_events(proj, r, first, CCAP_SEX_BOTH, &b0, NULL, NULL);
        ccap_projection_year_events(proj, r, last_year, CCAP_SEX_BOTH, &b1, NULL, NULL);
        printf(_("; births in %d %s, in %d %s\n"), first, cli_format_count(b0, a, sizeof a),
               last_year, cli_format_count(b1, b, sizeof b));
    }
    ccap_population_free(end);
    printf(_("  wrote %s/population.csv, births.csv, summary.csv\n"), in->out);
}

static int
parse_args(int argc, char **argv, inputs *in, int *done)
{
    static const struct option options[] = {
        {"regions", required_argument, NULL, 'r'},
        {"population", required_argument, NULL, 'p'},
        {"mortality", required_argument, NULL, 'd'},
        {"fertility", required_argument, NULL, 'f'},
        {"srb", required_argument, NULL, 's'},
        {"migration", required_argument, NULL, 'm'},
        {"years", required_argument, NULL, 'n'},
        {"step", required_argument, NULL, 'w'},
        {"year", required_argument, NULL, 'y'},
        {"timing", required_argument, NULL, 't'},
        {"a0", required_argument, NULL, 'a'},
        {"stocks", required_argument, NULL, 'S'},
        {"migration-rates", required_argument, NULL, 'M'},
        CLI_LONG_OPTIONS_OUTDIR,
        CLI_LONG_OPTIONS_COMMON,
    };
    long v;
    int opt, code;

    *done = 0;
    while ((opt = getopt_long(argc, argv, ":r:p:d:f:s:m:n:w:y:o:hV", options, NULL)) != -1) {
        switch (opt) {
        case 'r': in->regions = optarg; break;
        case 'p': in->population = optarg; break;
        case 'd': in->mortality = optarg; break;
        case 'f': in->fertility = optarg; break;
        case 's': in->srb = optarg; break;
        case 'm': in->migration = optarg; break;
        case 'M': in->migration_rates = optarg; break;
        case 'o': in->out = optarg; break;
        case CLI_OPT_FORCE:
            in->force = 1;
            break;
        case 'n':
            if (cli_parse_long(PROGRAM, "--years", optarg, 1, 500, &v) != CLI_EXIT_OK)
                return CLI_EXIT_USAGE;
            in->years = v;
            break;
        case 'w':
            if (strcmp(optarg, "1") != 0 && strcmp(optarg, "5") != 0)
                return cli_usage_error(PROGRAM, _("--step: '%s' is not 1 or 5"), optarg);
            in->step = (size_t)(optarg[0] - '0');
            break;
        case 'y':
            if (cli_parse_year(PROGRAM, "--year", optarg, &in->year) != CLI_EXIT_OK)
                return CLI_EXIT_USAGE;
            break;
        case 'S':
            if (strcmp(optarg, "year-end") == 0 || strcmp(optarg, "steps") == 0)
                in->at_steps = optarg[0] == 's';
            else
                return cli_usage_error(PROGRAM, _("--stocks: '%s' is not 'year-end' or 'steps'"),
                                       optarg);
            break;
        case 't':
            if (strcmp(optarg, "half") == 0)
                in->timing = CCAP_MIGRATION_HALF;
            else if (strcmp(optarg, "end") == 0)
                in->timing = CCAP_MIGRATION_END;
            else
                return cli_usage_error(PROGRAM, _("--timing: '%s' is not 'half' or 'end'"), optarg);
            break;
        case 'a':
            if (strcmp(optarg, "andreev-kingkade") == 0)
                in->a0 = CCAP_A0_ANDREEV_KINGKADE;
            else if (strcmp(optarg, "coale-demeny") == 0)
                in->a0 = CCAP_A0_COALE_DEMENY;
            else
                return cli_usage_error(PROGRAM,
                                       _("--a0: '%s' is not 'andreev-kingkade' or "
                                         "'coale-demeny'"),
                                       optarg);
            break;
        default:
            if ((code = cli_common_option(PROGRAM, opt, argv, usage, done)) != CLI_EXIT_OK || *done)
                return code;
            break;
        }
    }
    if (optind < argc)
        return cli_usage_error(PROGRAM, _("unexpected argument '%s'"), argv[optind]);
    if (in->regions == NULL || in->population == NULL || in->mortality == NULL ||
        in->fertility == NULL || in->srb == NULL || in->out == NULL || in->years == 0)
        return cli_usage_error(PROGRAM, _("--regions, --population, --mortality, --fertility, "
                                          "--srb, --years and --out are required"));
    return CLI_EXIT_OK;
}

int
main(int argc, char **argv)
{
    inputs in = {
        .year = CCAP_YEAR_ANY, .timing = CCAP_MIGRATION_HALF, .a0 = CCAP_A0_ANDREEV_KINGKADE};
    ccap_regions *regions = NULL;
    ccap_population *pop = NULL;
    ccap_schedule *mort = NULL, *fert = NULL, *srb = NULL, *mig = NULL, *mig_rates = NULL;
    ccap_projection *proj = NULL;
    ccap_rates_workspace *ws = NULL;
    ccap_assumptions assumptions;
    size_t n_ages, steps, cells;
    ccap_diag diag;
    cli_outdir od;
    int code, done, status, staged = 0;

    ccap_library_init();
    if (cli_i18n_init(PROGRAM, argc, argv) != CLI_EXIT_OK)
        return CLI_EXIT_USAGE;
    if ((code = parse_args(argc, argv, &in, &done)) != CLI_EXIT_OK || done)
        return code;
    {
        const char *const files[] = {in.regions, in.fertility, in.mortality, in.srb,
                                     in.population, in.migration, in.migration_rates};
        static const char *const names[] = {"population.csv", "births.csv", "summary.csv"};
        const cli_outdir_options opt = {.flags = in.force ? CLI_OUTDIR_FORCE : 0u,
                                        .known = names,
                                        .n_known = 3,
                                        .inputs = files,
                                        .n_inputs = 7};
        if ((code = cli_outdir_begin(&od, PROGRAM, in.out, &opt)) != CLI_EXIT_OK)
            return code;
        staged = 1;
    }
    code = CLI_EXIT_DATA;
    if (cli_read(ccap_csv_read_regions(in.regions, &regions, cli_read_options(), &diag), &diag) !=
            CCAP_OK ||
        cli_read(ccap_csv_read_population(in.population, regions, in.year, &pop, cli_read_options(),
                                          &diag),
                 &diag) != CCAP_OK ||
        cli_read(ccap_csv_read_mortality(in.mortality, regions, &mort, cli_read_options(), &diag),
                 &diag) != CCAP_OK ||
        cli_read(ccap_csv_read_fertility(in.fertility, regions, &fert, cli_read_options(), &diag),
                 &diag) != CCAP_OK ||
        cli_read(ccap_csv_read_srb(in.srb, regions, &srb, cli_read_options(), &diag), &diag) !=
            CCAP_OK ||
        (in.migration != NULL &&
         cli_read(ccap_csv_read_migration(in.migration, regions, &mig, cli_read_options(), &diag),
                  &diag) != CCAP_OK) ||
        (in.migration_rates != NULL &&
         cli_read(ccap_csv_read_migration_rates(in.migration_rates, regions, &mig_rates,
                                                cli_read_options(), &diag),
                  &diag) != CCAP_OK)) {
        cli_print_diag(&diag);
        goto out;
    }
    if (in.step == 0)
        in.step = ccap_population_age_width(pop);
    if (in.step != 1 && in.step != 5) {
        fprintf(stderr, _("%s: %zu-year age groups: use --step 1 or --step 5\n"), in.population,
                in.step);
        goto out;
    }
    if (in.years % (long)in.step != 0) {
        code = cli_usage_error(PROGRAM, _("--years %ld is not a multiple of the step %zu"),
                               in.years, in.step);
        goto out;
    }
    if ((pop = base_for_step(&in, pop)) == NULL)
        goto out;
    n_ages = ccap_population_n_ages(pop);
    /* N years reach the end of base year + N: one step more (a base on 1 January is the
     * end of the year before; a census on 1 November ends its steps on 1 November) */
    steps = in.at_steps ? (size_t)in.years / in.step
                        : ccap_projection_steps_to_year_end(pop, (size_t)in.years / in.step);
    if (ccap_population_year(pop) + in.years > CCAP_YEAR_MAX) {
        code = cli_usage_error(PROGRAM, _("--years %ld from %d would end in %ld, after %d"),
                               in.years, ccap_population_year(pop),
                               ccap_population_year(pop) + in.years, CCAP_YEAR_MAX);
        goto out;
    }
    if (ccap_projection_cells(ccap_regions_count(regions), n_ages, steps, &cells, &diag) !=
        CCAP_OK) {
        fprintf(stderr, "%s: %s\n", PROGRAM, diag.message);
        goto out;
    }
    /* a population.csv the readers would refuse is refused now, not after the run */
    {
        char table[4096 + 32];
        snprintf(table, sizeof table, "%s/population.csv", od.dir);
        if (ccap_csv_population_table_check(
                table, in.at_steps ? steps + 1 : (size_t)in.years + 1, ccap_regions_count(regions),
                n_ages, !in.at_steps || ccap_date_is_valid(ccap_population_date(pop)),
                &diag) != CCAP_OK) {
            cli_print_diag(&diag);
            goto out;
        }
    }
    proj = ccap_projection_alloc(ccap_regions_count(regions), n_ages, in.step, steps);
    ws = ccap_rates_workspace_alloc(ccap_regions_count(regions), n_ages, in.step,
                                    ccap_schedule_n_ages(mort));
    if (proj == NULL || ws == NULL) {
        fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
        goto out;
    }
    if (ccap_projection_init(proj, pop, regions) != CCAP_OK) {
        fprintf(stderr, _("%s: every region without children needs a population\n"), in.population);
        goto out;
    }
    assumptions.mortality = mort;
    assumptions.fertility = fert;
    assumptions.srb = srb;
    assumptions.migration = mig;
    assumptions.migration_rates = mig_rates;
    assumptions.a0 = in.a0;
    assumptions.timing = in.timing;
    status = ccap_projection_run(proj, &assumptions, regions, steps, ws, &diag);
    if (status != CCAP_OK) {
        print_problem(&in, &diag);
        goto out;
    }
    staged = 0;
    if ((code = write_outputs(&od, regions, proj, &in, ccap_population_year(pop))) ==
        CLI_EXIT_OK) {
        print_summary(&in, regions, proj);
        code = cli_close_stdout(PROGRAM);
    }
out:
    if (staged)
        cli_outdir_abort(&od);
    ccap_rates_workspace_free(ws);
    ccap_projection_free(proj);
    ccap_schedule_free(mort);
    ccap_schedule_free(fert);
    ccap_schedule_free(srb);
    ccap_schedule_free(mig);
    ccap_schedule_free(mig_rates);
    ccap_population_free(pop);
    ccap_regions_free(regions);
    return code;
}
