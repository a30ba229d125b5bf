/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ccap-base: estimate a single-year base population (region x sex x age 0 ... A-1, A+)
 * from published margins, by fitting a standard age-sex pattern to every margin of a
 * year (smoothly across the margins' age boundaries, or by raking), write it as a
 * population CSV and show how each margin is met.
 */

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outdir.h"

#define PROGRAM "ccap-base"
#define STANDARD_CODE "standard"
#define DEFAULT_TOLERANCE 1e-10 /* 0.001 persons on the 9.7 million of a city */
#define MIN_TOLERANCE 1e-12     /* the rounding of double sums: lib/demography/graduate.c */
#define DEFAULT_MAX_ITER 1000
#define DEFAULT_SRB 111.3    /* male births per 100 female, China's 2020 census */
#define DEFAULT_CHILD_AGES 3 /* the children under 3 of childcare */

static void
usage(void)
{
    /* the help is longer than a default buffer: in one buffer (nothing has been written to
     * stdout yet) */
    cli_stdout_buffered();
    printf(_("Usage: %s --regions FILE --margins FILE --standard FILE --out FILE [OPTION]...\n"),
           PROGRAM);
    printf(_("\n"
             "Estimate the population of every region by sex and single year of age from\n"
             "published totals (margins): each region without sub-regions starts from its\n"
             "total times a standard age-sex pattern, which is then fitted to every margin\n"
             "of the year; parent regions are the sums of their children.  The result is\n"
             "written as a population file; every margin is shown with its published and\n"
             "estimated value and their difference.\n"
             "\n"
             "Options:\n"
             "  -r, --regions FILE      region table (code,name,parent[,name_en])\n"
             "  -m, --margins FILE      published totals (region,year,sex,ages,population[,note])\n"
             "  -s, --standard FILE     standard age-sex pattern: a population file whose only\n"
             "                          region is 'standard'; single years 0 ... A-1, A+ fix\n"
             "                          the ages of the result; wider groups (e.g. 5-year) are\n"
             "                          first graduated to single years (Steffen's method)\n"
             "  -o, --out FILE          population file to write (region,year,sex,age,population)\n"
             "      --force             replace --out and --standard-out if they exist\n"
             "  -y, --year YEAR         year of the margins to use (default: the only year in\n"
             "                          the margins file)\n"
             "  -d, --date YYYY-MM-DD   reference date written with the population (e.g. the\n"
             "                          census night 2020-11-01)\n"
             "      --method M          how the standard is fitted to the margins:\n"
             "                          smooth (the default): ratios to the standard as smooth\n"
             "                          in age as the margins allow, so that single years do\n"
             "                          not step where age groups meet (0-14 | 15-59);\n"
             "                          rake: iterative proportional fitting, one factor per\n"
             "                          age group, with steps at their boundaries\n"
             "  -t, --tolerance T       largest relative deviation accepted for any margin\n"
             "                          (default %g)\n"
             "      --max-iter N        largest number of raking sweeps (default %d; with\n"
             "                          smooth, of the raking pass that finishes it when a\n"
             "                          margin is missed or a count would be negative)\n"
             "      --standard-out FILE also write the single-year standard that was used\n"
             "      --vitals FILE       published births (region,year,measure,value[,note]): the\n"
             "                          children of every region with births for all the years\n"
             "                          ages 0 ... K-1 need are estimated at --date by reverse\n"
             "                          survival and added as single-year margins by sex\n"
             "      --mortality FILE    death rates for --vitals (region,year,sex,age,mx; the\n"
             "                          latest year up to the census)\n"
             "      --srb X             sex ratio at birth for --vitals, male births per 100\n"
             "                          female (default %g)\n"
             "      --child-ages K      ages 0 ... K-1 from --vitals (default %d)\n"
             "      --encoding NAME     encoding of the input files: auto (UTF-8, or GB18030 with\n"
             "                          a warning; the default), utf-8 or gb18030\n"
             "      --lang en|zh        language of the summary and messages (default: from the\n"
             "                          environment, LANG=zh_CN.UTF-8 gives Chinese)\n"
             "  -h, --help              show this help and exit\n"
             "  -V, --version           show the version and exit\n"
             "\n"
             "Exit status: 0 on success, 1 when a file cannot be read or written, is\n"
             "malformed, or the margins cannot all be met (the message names FILE:LINE:\n"
             "field, or the margin at fault), 2 on bad usage.\n"
             "\n"
             "Example, the Nanyang base population of the 2020 census:\n"
             "  %s --regions examples/data/nanyang/regions.csv \\\n"
             "            --margins examples/data/nanyang/margins.csv \\\n"
             "            --standard examples/data/wpp/standard_china_2020.csv \\\n"
             "            --year 2020 --date 2020-11-01 --out population_2020.csv\n"
             "\n"
             "Method: docs/methods.md (graduate); file formats: docs/data-formats.md.\n"),
           DEFAULT_TOLERANCE, DEFAULT_MAX_ITER, DEFAULT_SRB, DEFAULT_CHILD_AGES, PROGRAM);
}

/* The single year of the margins file, or the year asked for (which must be present). */
/*
 * Read the standard (region 'standard') and bring it to single years: returns a
 * population of one region, width 1, or NULL after printing the reason.
 */
static ccap_population *
read_standard(const char *path, ccap_regions **std_regions)
{
    ccap_population *in = NULL, *single = NULL;
    ccap_graduate_workspace *work = NULL;
    ccap_diag diag;
    int status;

    *std_regions = ccap_regions_alloc();
    if (*std_regions == NULL ||
        ccap_regions_add(*std_regions, STANDARD_CODE, "standard age-sex pattern", NULL, NULL,
                         NULL) != CCAP_OK ||
        ccap_regions_finish(*std_regions, NULL) != CCAP_OK) {
        fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
        return NULL;
    }
    status = cli_read(
        ccap_csv_read_population(path, *std_regions, CCAP_YEAR_ANY, &in, cli_read_options(), &diag),
        &diag);
    if (status != CCAP_OK) {
        cli_print_diag(&diag);
        if (status == CCAP_EPARSE && strstr(diag.message, "unknown region") != NULL)
            fprintf(stderr, _("%s: the standard must use the region code '%s'\n"), path,
                    STANDARD_CODE);
        return NULL;
    }
    if (ccap_population_age_width(in) == 1)
        return in;
    if (ccap_population_n_ages(in) < 3) {
        fprintf(stderr, _("%s: %zu age groups: graduating to single years needs at least 3\n"),
                path, ccap_population_n_ages(in));
        ccap_population_free(in);
        return NULL;
    }
    work = ccap_graduate_workspace_alloc(ccap_population_n_ages(in), ccap_population_age_width(in));
    single = ccap_population_alloc(1, ccap_population_open_age(in) + 1, 1);
    status = work == NULL || single == NULL ? CCAP_ENOMEM
                                            : ccap_graduate_steffen_population(work, in, single);
    if (status != CCAP_OK) {
        fprintf(stderr, _("%s: cannot graduate to single years: %s\n"), path, cli_strerror(status));
        ccap_population_free(single);
        single = NULL;
    }
    ccap_graduate_workspace_free(work);
    ccap_population_free(in);
    return single;
}

/* Every margin of the year: published, estimated, difference.  Returns the largest
 * absolute difference. */
static double
print_margins(const ccap_regions *regions, const ccap_margins *margins, const ccap_population *pop,
              int year, const ccap_margins_report *report)
{
    size_t i, j = 0, name_width = 4, n = 0;
    double worst = 0.0;
    ccap_margin m, worst_m;
    char ages[48], label[CCAP_REGION_CODE_MAX + CCAP_REGION_NAME_MAX + 8];

    memset(&worst_m, 0, sizeof worst_m);
    for (i = 0; i < ccap_margins_count(margins); i++) {
        size_t w;
        ccap_margins_get(margins, i, &m);
        w = cli_display_width(ccap_regions_code(regions, m.region)) + 1 +
            cli_display_width(ccap_regions_name(regions, m.region));
        if (m.year == year && w > name_width)
            name_width = w;
    }
    /* the headers padded by their width on the terminal (Chinese takes 2 columns a character) */
    cli_print_padded(stdout, _("region"), name_width, 0);
    fputs("  ", stdout);
    cli_print_padded(stdout, _("sex"), 6, 0);
    fputs(" ", stdout);
    cli_print_padded(stdout, _("ages"), 6, 0);
    fputs(" ", stdout);
    cli_print_padded(stdout, _("published"), 15, 1);
    fputs(" ", stdout);
    cli_print_padded(stdout, _("estimated"), 19, 1);
    fputs(" ", stdout);
    cli_print_padded(stdout, _("difference"), 11, 1);
    fputs("\n", stdout);
    for (i = 0; i < ccap_margins_count(margins); i++) {
        double est = NAN;
        ccap_margins_get(margins, i, &m);
        if (m.year != year)
            continue;
        /* as published, not as reconciled (the adjustments are in the margins' order) */
        if (j < ccap_margins_report_n_adjustments(report)) {
            size_t which = SIZE_MAX;
            double published = NAN;
            ccap_margins_report_adjustment(report, j, &which, &published, NULL);
            if (which == i) {
                m.value = published;
                j++;
            }
        }
        ccap_population_sum_ages(pop, m.region, m.sex, m.age_lo, m.age_hi, &est);
        snprintf(label, sizeof label, "%s %s", ccap_regions_code(regions, m.region),
                 ccap_regions_name(regions, m.region));
        cli_print_padded(stdout, label, name_width, 0);
        printf("  %-6s %-6s %15.15g %19.3f %11.2g\n", ccap_sex_name(m.sex),
               ccap_margin_ages_label(&m, ages, sizeof ages), m.value, est, est - m.value);
        if (!(fabs(est - m.value) <= worst)) {
            worst = fabs(est - m.value);
            worst_m = m;
        }
        n++;
    }
    if (n > 0)
        printf(_("\nlargest difference: %.3g persons (%s %s %s)\n"), worst,
               ccap_regions_code(regions, worst_m.region), ccap_sex_name(worst_m.sex),
               ccap_margin_ages_label(&worst_m, ages, sizeof ages));
    return worst;
}

/*
 * Check that the margins of the year add up and reconcile those apart by rounding
 * (cli_print_reconciliation() says what was done, or why not).  Returns CCAP_OK or the
 * library's status.
 */
static int
reconcile_margins(const ccap_regions *regions, ccap_margins *margins, int year, const char *path,
                  ccap_margins_report **report)
{
    ccap_diag diag;
    int status = ccap_margins_reconcile(margins, regions, year, report, &diag);

    if (status != CCAP_OK && ccap_margins_report_n_disagree(*report) == 0) {
        snprintf(diag.file, sizeof diag.file, "%s", path);
        cli_print_diag(&diag);
    }
    cli_print_reconciliation(regions, margins, path, *report);
    return status;
}

/*
 * Add the children of every region with births in @p vitals as margins (see
 * ccap_reverse_add_margins()): a region without births is left to the other margins
 * silently, one whose births lack a year with a warning naming it; a margin already given
 * for those ages is an error naming its line.  Returns CCAP_OK or the failing status.
 */
static int
add_children_from_births(const ccap_regions *regions, ccap_margins *margins, int year,
                         const char *margins_path, const ccap_vitals *vitals,
                         const char *vitals_path, const ccap_schedule *mortality,
                         const char *mortality_path, ccap_date date, double srb, size_t n_child)
{
    const size_t n_mx = ccap_schedule_n_ages(mortality);
    const size_t *ages = ccap_schedule_ages(mortality);
    ccap_lifetable *lt[2] = {ccap_lifetable_alloc(n_mx), ccap_lifetable_alloc(n_mx)};
    ccap_diag diag;
    char place[CCAP_DIAG_FILE_MAX + 32];
    size_t r, i, conflict = SIZE_MAX, added = 0;
    int status = CCAP_OK, s;

    if (lt[0] == NULL || lt[1] == NULL) {
        fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
        status = CCAP_ENOMEM;
    }
    for (r = 0; status == CCAP_OK && r < ccap_regions_count(regions); r++) {
        int has_births = 0;
        for (i = 0; i < ccap_vitals_count(vitals) && !has_births; i++) {
            ccap_vital v;
            ccap_vitals_get(vitals, i, &v);
            has_births = v.region == r && v.measure == CCAP_VITALS_BIRTHS;
        }
        if (!has_births)
            continue;
        for (s = 0; s < 2 && status == CCAP_OK; s++) {
            const ccap_sex sex = s == 0 ? CCAP_SEX_FEMALE : CCAP_SEX_MALE;
            const double *mx = NULL;
            status = ccap_schedule_find(mortality, r, date.year, sex, &mx, NULL);
            if (status != CCAP_OK)
                fprintf(stderr, _("%s: no %s death rates for %s in or before %d\n"), mortality_path,
                        ccap_sex_name(sex), ccap_regions_code(regions, r), date.year);
            else if ((status = ccap_lifetable_from_mx(lt[s], ages, mx, n_mx, sex,
                                                      CCAP_A0_ANDREEV_KINGKADE)) != CCAP_OK)
                fprintf(stderr, _("%s: %s, %s: cannot make a life table: %s\n"), mortality_path,
                        ccap_regions_code(regions, r), ccap_sex_name(sex), cli_strerror(status));
        }
        if (status != CCAP_OK)
            break;
        status = ccap_reverse_add_margins(margins, vitals, r, year, date, srb, lt[0], lt[1],
                                          n_child, &conflict, &diag);
        if (status != CCAP_OK)
            cli_diag_translate(&diag); /* its message in the language of the program */
        if (status == CCAP_ENOTFOUND) {
            fprintf(stderr, _("warning: %s: %s: %s; its children are left to the other margins\n"),
                    vitals_path, ccap_regions_code(regions, r), diag.message);
            status = CCAP_OK;
        } else if (status == CCAP_EEXIST) {
            cli_margin_place(margins_path, margins, conflict, place, sizeof place);
            fprintf(stderr, "%s: %s: %s (--vitals %s)\n", place, ccap_regions_code(regions, r),
                    diag.message, vitals_path);
        } else if (status != CCAP_OK) {
            fprintf(stderr, "%s: %s: %s: %s\n", vitals_path, ccap_regions_code(regions, r),
                    diag.field, diag.message);
        } else {
            added++;
        }
    }
    if (status == CCAP_OK)
        printf(_("%s: children 0-%zu of %zu regions from births in %s by reverse survival "
                 "(SRB %g, death rates %s)\n"),
               PROGRAM, n_child - 1, added, vitals_path, srb, mortality_path);
    ccap_lifetable_free(lt[0]);
    ccap_lifetable_free(lt[1]);
    return status;
}

static int
parse_size(const char *text, size_t *out)
{
    char *end;
    unsigned long long v;

    if (text[0] < '0' || text[0] > '9')
        return 0;
    errno = 0;
    v = strtoull(text, &end, 10);
    if (*end != '\0' || errno != 0 || v == 0 || v > (unsigned long long)SIZE_MAX)
        return 0;
    *out = (size_t)v;
    return 1;
}

int
main(int argc, char **argv)
{
    enum {
        OPT_MAX_ITER = 256,
        OPT_STANDARD_OUT,
        OPT_VITALS,
        OPT_MORTALITY,
        OPT_SRB,
        OPT_CHILD_AGES,
        OPT_METHOD
    };
    static const struct option options[] = {
        {"regions", required_argument, NULL, 'r'},
        {"margins", required_argument, NULL, 'm'},
        {"standard", required_argument, NULL, 's'},
        {"year", required_argument, NULL, 'y'},
        {"date", required_argument, NULL, 'd'},
        {"tolerance", required_argument, NULL, 't'},
        {"max-iter", required_argument, NULL, OPT_MAX_ITER},
        {"standard-out", required_argument, NULL, OPT_STANDARD_OUT},
        {"vitals", required_argument, NULL, OPT_VITALS},
        {"mortality", required_argument, NULL, OPT_MORTALITY},
        {"srb", required_argument, NULL, OPT_SRB},
        {"child-ages", required_argument, NULL, OPT_CHILD_AGES},
        {"method", required_argument, NULL, OPT_METHOD},
        CLI_LONG_OPTIONS_OUTDIR,
        CLI_LONG_OPTIONS_COMMON,
    };
    const char *regions_path = NULL, *margins_path = NULL, *standard_path = NULL, *out_path = NULL,
               *standard_out = NULL, *vitals_path = NULL, *mortality_path = NULL;
    int year = CCAP_YEAR_ANY, opt, status, exit_code = CLI_EXIT_DATA, smooth = 1, code, stop;
    int force = 0;
    double tolerance = DEFAULT_TOLERANCE, dev = NAN, srb = DEFAULT_SRB;
    size_t max_iter = DEFAULT_MAX_ITER, n_child = DEFAULT_CHILD_AGES, iterations = 0, n_ages, r,
           n_leaves = 0;
    ccap_date date = {0, 0, 0};
    ccap_regions *regions = NULL, *std_regions = NULL;
    ccap_margins *margins = NULL;
    ccap_vitals *vitals = NULL;
    ccap_schedule *mortality = NULL;
    ccap_margins_report *report = NULL;
    ccap_population *standard = NULL, *pop = NULL;
    ccap_diag diag;

    ccap_library_init();
    if (cli_i18n_init(PROGRAM, argc, argv) != CLI_EXIT_OK)
        return CLI_EXIT_USAGE;
    while ((opt = getopt_long(argc, argv, ":r:m:s:o:y:d:t:hV", options, NULL)) != -1) {
        switch (opt) {
        case 'r':
            regions_path = optarg;
            break;
        case 'm':
            margins_path = optarg;
            break;
        case 's':
            standard_path = optarg;
            break;
        case 'o':
            out_path = optarg;
            break;
        case CLI_OPT_FORCE:
            force = 1;
            break;
        case 'y':
            if (cli_parse_year(PROGRAM, "--year", optarg, &year) != CLI_EXIT_OK)
                return CLI_EXIT_USAGE;
            break;
        case 'd':
            if (ccap_date_parse(optarg, &date) != CCAP_OK)
                return cli_usage_error(PROGRAM, _("--date: '%s' is not a date YYYY-MM-DD"), optarg);
            break;
        case 't': {
            char *end;
            tolerance = strtod(optarg, &end);
            if (*optarg == '\0' || *end != '\0' || !isfinite(tolerance) || tolerance < 0.0)
                return cli_usage_error(PROGRAM, _("--tolerance: '%s' is not a number >= 0"),
                                       optarg);
            /* Below it only the rounding of the sums is left to remove, which raking cannot. */
            if (tolerance < MIN_TOLERANCE)
                return cli_usage_error(PROGRAM,
                                       _("--tolerance: %s is below %g, the rounding of sums of "
                                         "millions of persons: give %g or more"),
                                       optarg, MIN_TOLERANCE, MIN_TOLERANCE);
            break;
        }
        case OPT_MAX_ITER:
            if (!parse_size(optarg, &max_iter))
                return cli_usage_error(PROGRAM, _("--max-iter: '%s' is not a whole number >= 1"),
                                       optarg);
            break;
        case OPT_STANDARD_OUT:
            standard_out = optarg;
            break;
        case OPT_VITALS:
            vitals_path = optarg;
            break;
        case OPT_MORTALITY:
            mortality_path = optarg;
            break;
        case OPT_SRB: {
            char *end;
            srb = strtod(optarg, &end);
            if (*optarg == '\0' || *end != '\0' || !(srb >= CCAP_REVERSE_SRB_MIN) ||
                !(srb <= CCAP_REVERSE_SRB_MAX))
                return cli_usage_error(PROGRAM,
                                       _("--srb: '%s' is not a number from %g to %g (male births "
                                         "per 100 female births)"),
                                       optarg, CCAP_REVERSE_SRB_MIN, CCAP_REVERSE_SRB_MAX);
            break;
        }
        case OPT_CHILD_AGES:
            if (!parse_size(optarg, &n_child) || n_child >= CCAP_LIFETABLE_AGES_MAX)
                return cli_usage_error(PROGRAM,
                                       _("--child-ages: '%s' is not a whole number from 1 "
                                         "to %d"),
                                       optarg, CCAP_LIFETABLE_AGES_MAX - 1);
            break;
        case OPT_METHOD:
            if (strcmp(optarg, "smooth") == 0 || strcmp(optarg, "rake") == 0)
                smooth = optarg[0] == 's';
            else
                return cli_usage_error(PROGRAM, _("--method: '%s' is not smooth or rake"), optarg);
            break;
        default:
            if ((code = cli_common_option(PROGRAM, opt, argv, usage, &stop)) != CLI_EXIT_OK || stop)
                return code;
            break;
        }
    }
    if (optind < argc)
        return cli_usage_error(PROGRAM, _("unexpected argument '%s'"), argv[optind]);
    if (regions_path == NULL || margins_path == NULL || standard_path == NULL || out_path == NULL)
        return cli_usage_error(PROGRAM,
                               _("--regions, --margins, --standard and --out are required"));
    if (vitals_path != NULL && (mortality_path == NULL || !ccap_date_is_valid(date)))
        return cli_usage_error(PROGRAM, _("--vitals needs --mortality and --date"));
    if (vitals_path == NULL && mortality_path != NULL)
        return cli_usage_error(PROGRAM, _("--mortality is used only with --vitals"));
    {
        /* an output must not destroy an input, nor the other output */
        const char *const files[] = {regions_path, margins_path, standard_path,
                                     vitals_path != NULL ? vitals_path : regions_path,
                                     mortality_path != NULL ? mortality_path : regions_path};
        if (standard_out != NULL && cli_same_file(out_path, standard_out))
            return cli_usage_error(PROGRAM, _("--out and --standard-out name the same file, %s"),
                                   out_path);
        if ((exit_code = cli_output_not_input(PROGRAM, out_path, files, 5)) != CLI_EXIT_OK ||
            (standard_out != NULL &&
             (exit_code = cli_output_not_input(PROGRAM, standard_out, files, 5)) != CLI_EXIT_OK) ||
            (exit_code = cli_output_new(PROGRAM, out_path, "--out", force)) != CLI_EXIT_OK ||
            (standard_out != NULL &&
             (exit_code = cli_output_new(PROGRAM, standard_out, "--standard-out", force)) !=
                 CLI_EXIT_OK))
            return exit_code;
        exit_code = CLI_EXIT_DATA;
    }

    if (cli_read(ccap_csv_read_regions(regions_path, &regions, cli_read_options(), &diag), &diag) !=
            CCAP_OK ||
        cli_read(ccap_csv_read_margins(margins_path, regions, &margins, cli_read_options(), &diag),
                 &diag) != CCAP_OK) {
        cli_print_diag(&diag);
        goto out;
    }
    if (vitals_path != NULL &&
        (cli_read(ccap_csv_read_vitals(vitals_path, regions, &vitals, cli_read_options(), &diag),
                  &diag) != CCAP_OK ||
         cli_read(ccap_csv_read_mortality(mortality_path, regions, &mortality, cli_read_options(),
                                          &diag),
                  &diag) != CCAP_OK)) {
        cli_print_diag(&diag);
        goto out;
    }
    if (cli_margins_year(margins, year, margins_path, &year) != CLI_EXIT_OK)
        goto out;
    if (vitals_path != NULL &&
        add_children_from_births(regions, margins, year, margins_path, vitals, vitals_path,
                                 mortality, mortality_path, date, srb, n_child) != CCAP_OK)
        goto out;
    if (reconcile_margins(regions, margins, year, margins_path, &report) != CCAP_OK)
        goto out;
    if ((standard = read_standard(standard_path, &std_regions)) == NULL)
        goto out;
    if (standard_out != NULL &&
        ccap_csv_write_population(standard_out, std_regions, standard, &diag) != CCAP_OK) {
        cli_print_diag(&diag);
        goto out;
    }
    n_ages = ccap_population_n_ages(standard);

    status = (smooth ? ccap_graduate_base_smooth : ccap_graduate_base_from_margins)(
        regions, margins, year, ccap_population_values(standard, 0, CCAP_SEX_FEMALE),
        ccap_population_values(standard, 0, CCAP_SEX_MALE), n_ages, tolerance, max_iter, &pop,
        &iterations, &dev, &diag);
    if (status != CCAP_OK) {
        snprintf(diag.file, sizeof diag.file, "%s", margins_path);
        cli_print_diag(&diag);
        if (smooth && status == CCAP_ERANGE &&
            ccap_margins_count(margins) > CCAP_GRADUATE_SMOOTH_MARGINS_MAX)
            fprintf(stderr, _("%s: --method rake estimates from any number of margins\n"), PROGRAM);
        goto out;
    }
    if (ccap_date_is_valid(date) && (status = ccap_population_set_date(pop, date)) != CCAP_OK) {
        fprintf(stderr, "%s: --date: %s\n", PROGRAM, cli_strerror(status));
        goto out;
    }
    if (ccap_csv_write_population(out_path, regions, pop, &diag) != CCAP_OK) {
        cli_print_diag(&diag);
        goto out;
    }

    for (r = 0; r < ccap_regions_count(regions); r++)
        n_leaves += ccap_regions_n_children(regions, r) == 0;
    printf(_("%s: margins of %d from %s, standard %s (single years 0-%zu and %zu+)\n"), PROGRAM,
           year, margins_path, standard_path, n_ages - 2, n_ages - 1);
    printf(_("%zu regions, %zu of them without sub-regions; "), ccap_regions_count(regions),
           n_leaves);
    if (!smooth)
        printf(_("raking: %zu sweeps"), iterations);
    else if (iterations == 0)
        fputs(_("smooth estimate, no raking pass needed"), stdout);
    else
        printf(_("smooth estimate, then a raking pass of %zu sweeps"), iterations);
    printf(_(", largest relative deviation %.3g (tolerance %g)\n\n"), dev, tolerance);
    print_margins(regions, margins, pop, year, report);
    printf(_("wrote %s\n"), out_path);
    exit_code = cli_close_stdout(PROGRAM);
out:
    ccap_margins_report_free(report);
    ccap_population_free(pop);
    ccap_population_free(standard);
    ccap_margins_free(margins);
    ccap_vitals_free(vitals);
    ccap_schedule_free(mortality);
    ccap_regions_free(std_regions);
    ccap_regions_free(regions);
    return exit_code;
}
