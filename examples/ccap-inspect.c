/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ccap-inspect: show what a population or margins file holds, region by
 * region (children indented under parents), and check that parents equal the
 * sum of their children, that sexes add up and that broad ages add up.
 */

#include <getopt.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define PROGRAM "ccap-inspect"

typedef struct column {
    const char *label;    /* text header (N_: translated where shown) */
    const char *csv_name; /* CSV header */
    ccap_sex sex;
    size_t lo, hi;
} column;

static const column columns[] = {
    {N_("population"), "population", CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN},
    {N_("female"), "female", CCAP_SEX_FEMALE, 0, CCAP_AGE_OPEN},
    {N_("male"), "male", CCAP_SEX_MALE, 0, CCAP_AGE_OPEN},
    {N_("under 3"), "under3", CCAP_SEX_BOTH, 0, 3},
    {N_("0-14"), "age0_14", CCAP_SEX_BOTH, 0, 15},
    {N_("15-59"), "age15_59", CCAP_SEX_BOTH, 15, 60},
    {N_("60+"), "age60plus", CCAP_SEX_BOTH, 60, CCAP_AGE_OPEN},
    {N_("65+"), "age65plus", CCAP_SEX_BOTH, 65, CCAP_AGE_OPEN},
};
#define N_COLUMNS (sizeof columns / sizeof columns[0])
enum { COL_TOTAL, COL_FEMALE, COL_MALE, COL_UNDER3, COL_0_14, COL_15_59, COL_60PLUS };

/* Everything shown: values[region][column] (NAN = not in the data) and footnote numbers. */
typedef struct report {
    const ccap_regions *regions;
    const ccap_population *pop;   /* one of pop and margins */
    const ccap_margins *margins;
    int year;
    double *values;
    size_t *notes;      /* 0 = none, k = footnote k (index k-1 in note_text) */
    const char **note_text;
    size_t n_notes;
    unsigned char *own; /* region had its own data in the file */
    size_t n_warnings;
    size_t n_checks;
} report;

static void
usage(void)
{
    /* the help is longer than a default buffer: in one buffer (nothing has been written to
     * stdout yet) */
    cli_stdout_buffered();
    printf(_("Usage: %s --regions FILE (--margins FILE | --population FILE) [OPTION]...\n"),
           PROGRAM);
    printf(_("\n"
             "Show what a population or margins file holds for each region, children\n"
             "indented under their parents: population, female, male, under 3, 0-14,\n"
             "15-59, 60+ and 65+ (a dash where the file does not give a figure), and check\n"
             "that each parent equals the sum of its children, that female + male equals\n"
             "the total and that 0-14 + 15-59 + 60+ equals the total.  Figures whose note\n"
             "does not start with \"published:\" (or 公布) are marked and their notes listed.\n"
             "\n"
             "Options:\n"
             "  -r, --regions FILE      region table (code,name,parent[,name_en])\n"
             "  -m, --margins FILE      published totals (region,year,sex,ages,population[,note])\n"
             "  -p, --population FILE   population by age (region,year,sex,age,population[,date])\n"
             "  -y, --year YEAR         year to show when the file holds several\n"
             "      --csv               print the table as CSV instead of text\n"
             "      --encoding NAME     encoding of the input files: auto (UTF-8, or GB18030 with\n"
             "                          a warning; the default), utf-8 or gb18030\n"
             "      --lang en|zh        language of the table, the checks and the messages\n"
             "                          (default: from the environment, LANG=zh_CN.UTF-8 gives\n"
             "                          Chinese); the CSV of --csv is the same in every language\n"
             "  -h, --help              show this help and exit\n"
             "  -V, --version           show the version and exit\n"
             "\n"
             "Exit status: 0 on success (also when a check fails: it is reported as a\n"
             "warning), 1 when a file cannot be read or is malformed (the message names\n"
             "FILE:LINE: field), 2 on bad usage.\n"
             "\n"
             "Example, the bundled 2020 census figures of Nanyang:\n"
             "  %s --regions examples/data/nanyang/regions.csv \\\n"
             "               --margins examples/data/nanyang/margins.csv\n"
             "\n"
             "File formats: docs/data-formats.md.\n"),
           PROGRAM);
}

static double *
cell(const report *rep, size_t region, size_t c)
{
    return &rep->values[region * N_COLUMNS + c];
}

/* Footnote number for a note that is not "published: ..." (or 公布), adding it if new. */
static size_t
footnote(report *rep, const char *note)
{
    size_t k;

    if (note[0] == '\0' || ccap_note_provenance(note) == CCAP_PROVENANCE_PUBLISHED)
        return 0;
    for (k = 0; k < rep->n_notes; k++) {
        if (strcmp(rep->note_text[k], note) == 0)
            return k + 1;
    }
    rep->note_text[rep->n_notes++] = note;
    return rep->n_notes;
}

/* Fill values from margins of rep->year; each cell is the margin with the column's key. */
static void
fill_from_margins(report *rep)
{
    const size_t n = ccap_regions_count(rep->regions);
    size_t i, c;
    ccap_margin m;

    for (i = 0; i < ccap_margins_count(rep->margins); i++) {
        ccap_margins_get(rep->margins, i, &m);
        if (m.year != rep->year || m.region >= n)
            continue;
        for (c = 0; c < N_COLUMNS; c++) {
            if (m.sex == columns[c].sex && m.age_lo == columns[c].lo &&
                m.age_hi == columns[c].hi) {
                *cell(rep, m.region, c) = m.value;
                rep->notes[m.region * N_COLUMNS + c] = footnote(rep, m.note);
                rep->own[m.region] = 1;
            }
        }
    }
}

static void
fill_from_population(report *rep)
{
    size_t r, c;

    for (r = 0; r < ccap_regions_count(rep->regions); r++) {
        for (c = 0; c < N_COLUMNS; c++) {
            double v;
            if (ccap_population_sum_ages(rep->pop, r, columns[c].sex, columns[c].lo,
                                         columns[c].hi, &v) == CCAP_OK)
                *cell(rep, r, c) = v;
        }
    }
}

static void
print_region_label(const report *rep, size_t r, FILE *fp)
{
    fprintf(fp, "%s %s", ccap_regions_code(rep->regions, r), ccap_regions_name(rep->regions, r));
}

/* Children sums per column for a parent: from the file's own children figures. */
static int
children_sum(const report *rep, size_t r, size_t c, double *sum_out)
{
    if (rep->margins != NULL)
        return ccap_margins_children_sum(rep->margins, rep->regions, r, rep->year,
                                         columns[c].sex, columns[c].lo, columns[c].hi,
                                         sum_out);
    return ccap_population_children_sum(rep->pop, rep->regions, r, columns[c].sex,
                                        columns[c].lo, columns[c].hi, sum_out);
}

static void
check_line(report *rep, FILE *fp, int ok, size_t r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void
check_line(report *rep, FILE *fp, int ok, size_t r, const char *fmt, ...)
{
    va_list ap;

    rep->n_checks++;
    if (!ok)
        rep->n_warnings++;
    if (fp == NULL) /* CSV mode: only warnings, on stderr */
        fp = ok ? NULL : stderr;
    if (fp == NULL)
        return;
    fputs("  ", fp);
    cli_print_padded(fp, ok ? _("ok") : _("WARNING"), 8, 0);
    fputc(' ', fp);
    print_region_label(rep, r, fp);
    fputs(": ", fp);
    va_start(ap, fmt);
    vfprintf(fp, fmt, ap);
    va_end(ap);
    fputc('\n', fp);
}

/* Differences below half a person are rounding, not disagreement. */
static int
agrees(double a, double b)
{
    return fabs(a - b) < 0.5;
}

static void
run_checks(report *rep, FILE *fp)
{
    const size_t n = ccap_regions_count(rep->regions);
    char a[32], b[32], d[32], e[32];
    size_t k, c;

    if (fp != NULL)
        fputs(_("\nChecks\n"), fp);
    for (k = 0; k < n; k++) {
        const size_t r = ccap_regions_preorder(rep->regions, k);
        const size_t n_children = ccap_regions_n_children(rep->regions, r);

        if (n_children > 0 && rep->own[r]) {
            char skipped[160] = "";
            for (c = 0; c < N_COLUMNS; c++) {
                double sum, v = *cell(rep, r, c);
                if (isnan(v))
                    continue;
                if (children_sum(rep, r, c, &sum) != CCAP_OK) {
                    size_t used = strlen(skipped);
                    snprintf(skipped + used, sizeof skipped - used, "%s%s",
                             /* TRANSLATORS: between the column names of a list */
                             used > 0 ? _(", ") : "", _(columns[c].label));
                    continue;
                }
                check_line(
                    rep, fp, agrees(v, sum), r,
                    agrees(v, sum) ? _("%s equals the sum of its %zu children (%s vs %s, "
                                       "difference %s)")
                                   : _("%s differs from the sum of its %zu children (%s vs %s, "
                                       "difference %s)"),
                    _(columns[c].label), n_children, cli_format_count(v, a, sizeof a),
                    cli_format_count(sum, b, sizeof b), cli_format_count(v - sum, d, sizeof d));
            }
            if (skipped[0] != '\0' && fp != NULL) {
                fputs("  ", fp);
                cli_print_padded(fp, _("skipped"), 8, 0);
                fputc(' ', fp);
                print_region_label(rep, r, fp);
                fprintf(fp, _(": %s not checked against the children (not given for each)\n"),
                        skipped);
            }
        }
        if (rep->margins == NULL)
            continue; /* in a population by age these sums hold by construction */
        {
            const double total = *cell(rep, r, COL_TOTAL), f = *cell(rep, r, COL_FEMALE),
                         m = *cell(rep, r, COL_MALE), y = *cell(rep, r, COL_0_14),
                         w = *cell(rep, r, COL_15_59), o = *cell(rep, r, COL_60PLUS);
            if (!isnan(total) && !isnan(f) && !isnan(m))
                check_line(rep, fp, agrees(f + m, total), r,
                           _("female + male = %s + %s = %s, total %s"), cli_format_count(f, a, 32),
                           cli_format_count(m, b, 32), cli_format_count(f + m, d, 32),
                           cli_format_count(total, e, 32));
            if (!isnan(total) && !isnan(y) && !isnan(w) && !isnan(o))
                check_line(rep, fp, agrees(y + w + o, total), r,
                           _("0-14 + 15-59 + 60+ = %s, total %s"),
                           cli_format_count(y + w + o, a, 32), cli_format_count(total, b, 32));
        }
    }
    if (fp == NULL)
        return;
    if (rep->n_checks == 0)
        fputs(rep->pop != NULL ? _("  nothing to check: no parent region has figures of its own "
                                   "(parents are shown as the sums of their children)\n")
                               : _("  nothing to check: no parent region has figures of its "
                                   "own\n"),
              fp);
    else if (rep->n_warnings == 0)
        fprintf(fp, _("  all %zu checks passed\n"), rep->n_checks);
    else
        fprintf(fp, _("  %zu of %zu checks failed\n"), rep->n_warnings, rep->n_checks);
}

static void
print_text(report *rep, const char *source)
{
    const size_t n = ccap_regions_count(rep->regions);
    size_t name_width = 4, k, c;
    char buf[32];

    for (k = 0; k < n; k++) {
        const size_t r = ccap_regions_preorder(rep->regions, k);
        size_t w = 2 * ccap_regions_depth(rep->regions, r) +
                   cli_display_width(ccap_regions_code(rep->regions, r)) + 1 +
                   cli_display_width(ccap_regions_name(rep->regions, r));
        if (w > name_width)
            name_width = w;
    }
    printf(_("%s: %s, year %d"), PROGRAM, source, rep->year);
    if (rep->pop != NULL) {
        ccap_date date = ccap_population_date(rep->pop);
        char text[16];
        if (ccap_date_format(date, text, sizeof text) == CCAP_OK)
            printf(" (%s)", text);
        printf(_(", %zu-year age groups, open group %zu+"), ccap_population_age_width(rep->pop),
               ccap_population_open_age(rep->pop));
    }
    printf(_(", %zu regions\n\n"), n);

    cli_print_padded(stdout, _("region"), name_width, 0);
    for (c = 0; c < N_COLUMNS; c++) {
        fputc(' ', stdout);
        cli_print_padded(stdout, _(columns[c].label), 11, 1);
        fputc(' ', stdout);
    }
    fputs(_(" English name\n"), stdout);
    for (k = 0; k < n; k++) {
        const size_t r = ccap_regions_preorder(rep->regions, k);
        char label[CCAP_REGION_CODE_MAX + CCAP_REGION_NAME_MAX + 200];
        const size_t depth = ccap_regions_depth(rep->regions, r);

        snprintf(label, sizeof label, "%*s%s %s", (int)(2 * depth), "",
                 ccap_regions_code(rep->regions, r), ccap_regions_name(rep->regions, r));
        cli_print_padded(stdout, label, name_width, 0);
        for (c = 0; c < N_COLUMNS; c++) {
            const size_t note = rep->notes[r * N_COLUMNS + c];
            fputc(' ', stdout);
            cli_print_padded(stdout, cli_format_count(*cell(rep, r, c), buf, sizeof buf), 11, 1);
            if (note > 0 && note <= 26)
                fputc('a' + (int)note - 1, stdout);
            else
                fputc(note > 0 ? '*' : ' ', stdout);
        }
        printf(" %s\n", ccap_regions_name_en(rep->regions, r));
    }
    fputs(_("\n  - not in the file"), stdout);
    if (rep->pop != NULL && ccap_population_age_width(rep->pop) > 1)
        fputs(_(" (under 3 needs single-year ages)"), stdout);
    printf("\n");
    for (k = 0; k < rep->n_notes; k++)
        printf("  %c %s\n", k < 26 ? 'a' + (int)k : '*', rep->note_text[k]);
    run_checks(rep, stdout);
}

static void
csv_field(const char *s)
{
    if (strpbrk(s, ",\"\n\r") == NULL) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s != '\0'; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

static void
print_csv(report *rep)
{
    size_t k, c, parent;

    printf("region,name,name_en,parent,year");
    for (c = 0; c < N_COLUMNS; c++)
        printf(",%s", columns[c].csv_name);
    printf("\n");
    for (k = 0; k < ccap_regions_count(rep->regions); k++) {
        const size_t r = ccap_regions_preorder(rep->regions, k);

        csv_field(ccap_regions_code(rep->regions, r));
        putchar(',');
        csv_field(ccap_regions_name(rep->regions, r));
        putchar(',');
        csv_field(ccap_regions_name_en(rep->regions, r));
        putchar(',');
        if (ccap_regions_parent(rep->regions, r, &parent) == CCAP_OK)
            csv_field(ccap_regions_code(rep->regions, parent));
        printf(",%d", rep->year);
        for (c = 0; c < N_COLUMNS; c++) {
            const double v = *cell(rep, r, c);
            if (isnan(v))
                printf(",");
            else
                printf(",%.15g", v); /* 15 digits: plenty for counts of persons */
        }
        printf("\n");
    }
    run_checks(rep, NULL);
}

/* The one year to show from margins: --year, or the only year present. */
int
main(int argc, char **argv)
{
    static const struct option options[] = {
        {"regions", required_argument, NULL, 'r'},
        {"margins", required_argument, NULL, 'm'},
        {"population", required_argument, NULL, 'p'},
        {"year", required_argument, NULL, 'y'},
        {"csv", no_argument, NULL, 'c'},
        CLI_LONG_OPTIONS_COMMON,
    };
    const char *regions_path = NULL, *margins_path = NULL, *population_path = NULL;
    int year = CCAP_YEAR_ANY, as_csv = 0, opt, status, exit_code = CLI_EXIT_DATA, code, stop;
    ccap_regions *regions = NULL;
    ccap_population *pop = NULL;
    ccap_margins *margins = NULL;
    report rep;
    ccap_diag diag;
    size_t n;

    ccap_library_init();
    if (cli_i18n_init(PROGRAM, argc, argv) != CLI_EXIT_OK)
        return CLI_EXIT_USAGE;
    memset(&rep, 0, sizeof rep);
    while ((opt = getopt_long(argc, argv, ":r:m:p:y:hV", options, NULL)) != -1) {
        switch (opt) {
        case 'r':
            regions_path = optarg;
            break;
        case 'm':
            margins_path = optarg;
            break;
        case 'p':
            population_path = optarg;
            break;
        case 'y':
            if (cli_parse_year(PROGRAM, "--year", optarg, &year) != CLI_EXIT_OK)
                return CLI_EXIT_USAGE;
            break;
        case 'c':
            as_csv = 1;
            break;
        default:
            if ((code = cli_common_option(PROGRAM, opt, argv, usage, &stop)) != CLI_EXIT_OK || stop)
                return code;
            break;
        }
    }
    if (optind < argc)
        return cli_usage_error(PROGRAM, _("unexpected argument '%s'"), argv[optind]);
    if (regions_path == NULL)
        return cli_usage_error(PROGRAM, _("--regions FILE is required"));
    if ((margins_path == NULL) == (population_path == NULL))
        return cli_usage_error(PROGRAM, _("give one of --margins FILE and --population FILE"));

    if ((status = cli_read(ccap_csv_read_regions(regions_path, &regions, cli_read_options(), &diag),
                           &diag)) != CCAP_OK) {
        cli_print_diag(&diag);
        goto out;
    }
    n = ccap_regions_count(regions);
    rep.regions = regions;
    rep.values = malloc(n * N_COLUMNS * sizeof *rep.values);
    rep.notes = calloc(n * N_COLUMNS, sizeof *rep.notes);
    rep.note_text = calloc(n * N_COLUMNS, sizeof *rep.note_text);
    rep.own = calloc(n, 1);
    if (rep.values == NULL || rep.notes == NULL || rep.note_text == NULL || rep.own == NULL) {
        fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
        goto out;
    }
    for (n = 0; n < ccap_regions_count(regions) * N_COLUMNS; n++)
        rep.values[n] = NAN;

    if (margins_path != NULL) {
        if ((status = cli_read(
                 ccap_csv_read_margins(margins_path, regions, &margins, cli_read_options(), &diag),
                 &diag)) != CCAP_OK) {
            cli_print_diag(&diag);
            goto out;
        }
        if ((exit_code = cli_margins_year(margins, year, margins_path, &rep.year)) != CLI_EXIT_OK) {
            exit_code = CLI_EXIT_DATA;
            goto out;
        }
        rep.margins = margins;
        fill_from_margins(&rep);
    } else {
        status = cli_read(ccap_csv_read_population(population_path, regions, year, &pop,
                                                   cli_read_options(), &diag),
                          &diag);
        if (status != CCAP_OK) {
            cli_print_diag(&diag);
            goto out;
        }
        rep.pop = pop;
        rep.year = ccap_population_year(pop);
        for (n = 0; n < ccap_regions_count(regions); n++)
            rep.own[n] = (unsigned char)ccap_population_has_region(pop, n);
        /* Parents without figures of their own are shown as the sum of their children. */
        if ((status = ccap_population_aggregate(pop, regions, NULL)) != CCAP_OK) {
            fprintf(stderr, "%s: %s\n", population_path, cli_strerror(status));
            goto out;
        }
        fill_from_population(&rep);
    }
    if (as_csv)
        print_csv(&rep);
    else
        print_text(&rep, margins_path != NULL ? margins_path : population_path);
    exit_code = cli_close_stdout(PROGRAM);
out:
    free(rep.values);
    free(rep.notes);
    free(rep.note_text);
    free(rep.own);
    ccap_margins_free(margins);
    ccap_population_free(pop);
    ccap_regions_free(regions);
    return exit_code;
}
