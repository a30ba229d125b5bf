/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ccap-access: who can reach a childcare slot.  Reads a provider register, areas with their
 * children and travel times (or uses straight lines at a speed), runs 2SFCA or E2SFCA, and
 * writes the access table, a summary of deserts by county and an HTML page with a map;
 * optionally chooses where new sites raise access most.
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "access_report.h"
#include "cli.h"
#include "outdir.h"

#define PROGRAM "ccap-access"

typedef struct options {
    const char *providers, *areas, *times, *candidates, *boundaries, *under3, *out;
    int force;
    long year;
    ccap_access_options access;
    double site_slots;
    long sites;
    ccap_access_goal goal;
} options;

static void
usage(void)
{
    printf(_("Usage: %s --providers F --areas F (--times F | --speed KMH) --catchment MINUTES\n"
             "                   [--under3 F --year Y] [--method 2sfca|e2sfca] [--desert-ratio R]\n"
             "                   [--candidates F --sites N --site-slots S [--goal desert|need]]\n"
             "                   [--boundaries F] -o DIR\n"),
           PROGRAM);
    printf(_("\n"
             "Measure, for every area (township 乡镇, street 街道 or community 社区), the\n"
             "childcare slots its children can reach within a catchment, shared with every\n"
             "other child who can reach the same providers: the two-step floating catchment\n"
             "area method (2SFCA; E2SFCA with a Gaussian distance decay).  An area with more\n"
             "than R children per slot of access (3 by default) is a childcare desert.\n"
             "Writes into DIR:\n"
             "  access.csv          area,name,region,children,slots_reachable,\n"
             "                      providers_reachable,access_per_child,children_per_slot,\n"
             "                      desert,nearest,nearest_minutes\n"
             "  access_summary.txt  the summary printed below, deserts by county\n"
             "  access.html         a map of areas and providers, and the desert table\n"
             "  build.csv           step,provider,slots,desert_children,covered_need (with\n"
             "                      --candidates) and access_after.csv, access after building\n"
             "\n"
             "Inputs (formats: docs/data-formats.md):\n"
             "  -p, --providers F    provider register: id,name,region,township,lon,lat,\n"
             "                       provider,inclusive,slots[,enrolled][,fee_month][,opened]\n"
             "                       [,closed]; lon/lat in WGS-84 or CGCS2000 degrees\n"
             "  -a, --areas F        areas: code,name[,region],lon,lat,children\n"
             "  -t, --times F        travel times area,provider,minutes (pairs not given are\n"
             "                       out of reach)\n"
             "  -s, --speed KMH      without --times: straight-line distance at this speed\n"
             "  -c, --catchment MIN  the catchment in minutes\n"
             "      --under3 F --year Y  children of year Y from a projection's summary.csv\n"
             "                       (ccap-project: region,year,...,under3), shared out among\n"
             "                       each county's areas by their children in --areas\n"
             "      --method M       2sfca (every provider within the catchment counts fully;\n"
             "                       the default) or e2sfca (Gaussian decay to 0 at the\n"
             "                       catchment)\n"
             "      --desert-ratio R children per slot above which an area is a desert (3)\n"
             "      --candidates F   ids of planned sites, one per line (a header 'id'); each\n"
             "                       must be a provider of the register, with 0 slots if it\n"
             "                       is not built yet\n"
             "      --sites N, --site-slots S  place N sites of S slots greedily\n"
             "      --goal G         desert (take most children out of deserts; the default)\n"
             "                       or need (raise the covered need most)\n"
             "      --boundaries F   area outlines for the map: GeoJSON, a FeatureCollection\n"
             "                       of Polygons or MultiPolygons with a property 'code'\n"
             "  -o, --out DIR        output directory (the files are replaced together)\n"
             "      --force          replace the files of an earlier run in DIR\n"
             "      --encoding NAME  encoding of the input files: auto, utf-8 or gb18030\n"
             "      --lang en|zh     language of the summary, the page and messages\n"
             "  -h, --help, -V, --version\n"
             "\n"
             "Exit status: 0 on success, 1 on a data error (FILE:LINE: field: problem),\n"
             "2 on bad usage.\n"
             "\n"
             "Example, the bundled synthetic district:\n"
             "  d=examples/data/access-demo\n"
             "  %s -p $d/providers.csv -a $d/areas.csv -t $d/times.csv -c 15 \\\n"
             "      --candidates $d/candidates.csv --sites 2 --site-slots 60 -o access\n"),
           PROGRAM);
}

static int
parse_args(int argc, char **argv, options *o, int *done)
{
    static const struct option longs[] = {
        {"providers", required_argument, NULL, 'p'},
        {"areas", required_argument, NULL, 'a'},
        {"times", required_argument, NULL, 't'},
        {"speed", required_argument, NULL, 's'},
        {"catchment", required_argument, NULL, 'c'},
        {"method", required_argument, NULL, 'm'},
        {"desert-ratio", required_argument, NULL, 'R'},
        {"candidates", required_argument, NULL, 'C'},
        {"sites", required_argument, NULL, 'N'},
        {"site-slots", required_argument, NULL, 'S'},
        {"goal", required_argument, NULL, 'G'},
        {"under3", required_argument, NULL, 'U'},
        {"year", required_argument, NULL, 'Y'},
        {"boundaries", required_argument, NULL, 'B'},
        CLI_LONG_OPTIONS_OUTDIR,
        CLI_LONG_OPTIONS_COMMON,
    };
    int opt, code, have_speed = 0, have_catchment = 0;

    *done = 0;
    while ((opt = getopt_long(argc, argv, ":p:a:t:s:c:o:hV", longs, NULL)) != -1) {
        code = CLI_EXIT_OK;
        switch (opt) {
        case 'p':
            o->providers = optarg;
            break;
        case 'a':
            o->areas = optarg;
            break;
        case 't':
            o->times = optarg;
            break;
        case 'C':
            o->candidates = optarg;
            break;
        case 'B':
            o->boundaries = optarg;
            break;
        case 'U':
            o->under3 = optarg;
            break;
        case 'Y':
            code =
                cli_parse_long(PROGRAM, "--year", optarg, CCAP_YEAR_MIN, CCAP_YEAR_MAX, &o->year);
            break;
        case 'o':
            o->out = optarg;
            break;
        case CLI_OPT_FORCE:
            o->force = 1;
            break;
        case 's':
            code = cli_parse_double(PROGRAM, "--speed", optarg, 0.1, 1000.0, &o->access.speed_kmh);
            have_speed = 1;
            break;
        case 'c':
            code = cli_parse_double(PROGRAM, "--catchment", optarg, 0.1, CCAP_ACCESS_MINUTES_MAX,
                                    &o->access.catchment_minutes);
            have_catchment = 1;
            break;
        case 'R':
            code = cli_parse_double(PROGRAM, "--desert-ratio", optarg, 0.01, 1000.0,
                                    &o->access.desert_children_per_slot);
            break;
        case 'S':
            code = cli_parse_double(PROGRAM, "--site-slots", optarg, 1.0, 1e6, &o->site_slots);
            break;
        case 'N':
            code = cli_parse_long(PROGRAM, "--sites", optarg, 1, 10000, &o->sites);
            break;
        case 'm':
            if (strcmp(optarg, "2sfca") != 0 && strcmp(optarg, "e2sfca") != 0)
                return cli_usage_error(PROGRAM, _("--method: '%s' is not '2sfca' or 'e2sfca'"),
                                       optarg);
            o->access.method =
                strcmp(optarg, "e2sfca") == 0 ? CCAP_ACCESS_E2SFCA : CCAP_ACCESS_2SFCA;
            break;
        case 'G':
            if (strcmp(optarg, "desert") != 0 && strcmp(optarg, "need") != 0)
                return cli_usage_error(PROGRAM, _("--goal: '%s' is not 'desert' or 'need'"),
                                       optarg);
            o->goal = strcmp(optarg, "need") == 0 ? CCAP_ACCESS_GOAL_NEED : CCAP_ACCESS_GOAL_DESERT;
            break;
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
    if (o->providers == NULL || o->areas == NULL || !have_catchment || o->out == NULL)
        return cli_usage_error(PROGRAM,
                               _("--providers, --areas, --catchment and --out are required"));
    if ((o->times != NULL) == have_speed)
        return cli_usage_error(PROGRAM, _("give either --times or --speed"));
    if ((o->candidates != NULL) != (o->sites > 0) || (o->candidates != NULL) != (o->site_slots > 0))
        return cli_usage_error(PROGRAM, _("--candidates, --sites and --site-slots go together"));
    if ((o->under3 != NULL) != (o->year != 0))
        return cli_usage_error(PROGRAM, _("--under3 and --year go together"));
    return CLI_EXIT_OK;
}

typedef struct inputs {
    ccap_access_providers *providers;
    ccap_access_areas *areas;
    ccap_access_times *times;
    size_t *candidates;
    size_t n_candidates;
    access_boundaries *boundaries;
} inputs;

static void
free_inputs(inputs *in)
{
    access_boundaries_free(in->boundaries);
    free(in->candidates);
    ccap_access_times_free(in->times);
    ccap_access_areas_free(in->areas);
    ccap_access_providers_free(in->providers);
}

/* Candidate ids, one per line after a header "id": each a provider of the register. */
static int
read_candidates(const char *path, const ccap_access_providers *providers, inputs *in)
{
    FILE *f = fopen(path, "r");
    char line[512];
    unsigned long no = 0;
    size_t cap = 0;

    if (f == NULL) {
        fprintf(stderr, _("%s: cannot read: %s\n"), path, strerror(errno));
        return CLI_EXIT_DATA;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        size_t len = strcspn(line, "\r\n,"), index;
        line[len] = '\0';
        no++;
        if (len == 0 ||
            (no == 1 && (strcmp(line, "id") == 0 || strcmp(line, "\xef\xbb\xbfid") == 0)))
            continue;
        if (ccap_access_providers_find(providers, line, &index) != CCAP_OK) {
            fprintf(stderr, _("%s:%lu: id: unknown provider '%s' (not in the provider register)\n"),
                    path, no, line);
            fclose(f);
            return CLI_EXIT_DATA;
        }
        if (in->n_candidates == cap) {
            size_t *grown = realloc(in->candidates, (cap = cap * 2 + 16) * sizeof *grown);
            if (grown == NULL) {
                fclose(f);
                fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
                return CLI_EXIT_DATA;
            }
            in->candidates = grown;
        }
        in->candidates[in->n_candidates++] = index;
    }
    fclose(f);
    if (in->n_candidates == 0) {
        fprintf(stderr, _("%s: no candidate sites\n"), path);
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}

static int
read_inputs(const options *o, inputs *in)
{
    ccap_diag diag;

    if (cli_read(ccap_csv_read_access_providers(o->providers, NULL, &in->providers,
                                                cli_read_options(), &diag),
                 &diag) != CCAP_OK ||
        cli_read(ccap_csv_read_access_areas(o->areas, NULL, &in->areas, cli_read_options(), &diag),
                 &diag) != CCAP_OK) {
        cli_print_diag(&diag);
        return CLI_EXIT_DATA;
    }
    if (ccap_access_providers_count(in->providers) == 0 ||
        ccap_access_areas_count(in->areas) == 0) {
        fprintf(stderr, _("%s: no rows\n"),
                ccap_access_providers_count(in->providers) == 0 ? o->providers : o->areas);
        return CLI_EXIT_DATA;
    }
    if (o->under3 != NULL) {
        size_t n = 0;
        if (cli_read(ccap_csv_read_access_under3(o->under3, (int)o->year, in->areas, &n,
                                                 cli_read_options(), &diag),
                     &diag) != CCAP_OK) {
            cli_print_diag(&diag);
            return CLI_EXIT_DATA;
        }
        fprintf(stderr,
                _("%s: children under 3 at the end of %ld shared out among the areas of %zu "
                  "counties\n"),
                o->under3, o->year, n);
    }
    if (o->times != NULL &&
        cli_read(ccap_csv_read_access_times(o->times, in->areas, in->providers, &in->times,
                                            cli_read_options(), &diag),
                 &diag) != CCAP_OK) {
        cli_print_diag(&diag);
        return CLI_EXIT_DATA;
    }
    if (o->candidates != NULL && read_candidates(o->candidates, in->providers, in) != CLI_EXIT_OK)
        return CLI_EXIT_DATA;
    if (o->boundaries != NULL &&
        access_boundaries_read(o->boundaries, in->areas, &in->boundaries) != CLI_EXIT_OK)
        return CLI_EXIT_DATA;
    if (in->boundaries != NULL && in->boundaries->n_unknown > 0)
        fprintf(stderr, _("warning: %s: %zu features outline no area of %s: left out\n"),
                o->boundaries, in->boundaries->n_unknown, o->areas);
    return CLI_EXIT_OK;
}

int
main(int argc, char **argv)
{
    options o = {.access = CCAP_ACCESS_OPTIONS_INIT, .goal = CCAP_ACCESS_GOAL_DESERT};
    inputs in;
    ccap_access_result *result = NULL, *after = NULL;
    ccap_access_step *steps = NULL;
    cli_outdir od;
    char *summary = NULL;
    size_t summary_size = 0;
    int code, done, staged = 0;

    ccap_library_init();
    if (cli_i18n_init(PROGRAM, argc, argv) != CLI_EXIT_OK)
        return CLI_EXIT_USAGE;
    memset(&in, 0, sizeof in);
    if ((code = parse_args(argc, argv, &o, &done)) != CLI_EXIT_OK || done)
        return code;
    {
        const char *const files[] = {o.providers,  o.areas,      o.times,
                                     o.candidates, o.boundaries, o.under3};
        static const char *const names[] = {"access.csv", "access_summary.txt", "access.html",
                                            "build.csv", "access_after.csv"};
        const cli_outdir_options opt = {.flags = o.force ? CLI_OUTDIR_FORCE : 0u,
                                        .known = names,
                                        .n_known = 5,
                                        .inputs = files,
                                        .n_inputs = 6};
        if ((code = cli_outdir_begin(&od, PROGRAM, o.out, &opt)) != CLI_EXIT_OK)
            return code;
        staged = 1;
    }
    if ((code = read_inputs(&o, &in)) != CLI_EXIT_OK)
        goto out;
    code = CLI_EXIT_DATA;
    {
        ccap_diag diag;
        if (ccap_access_run(in.areas, in.providers, in.times, &o.access, &result, &diag) !=
            CCAP_OK) {
            fprintf(stderr, "%s: ", PROGRAM);
            cli_print_diag(&diag);
            goto out;
        }
        if (diag.message[0] != '\0') {
            /* a warning of the run's inputs, in the program's language (cli_read()) */
            snprintf(diag.file, sizeof diag.file, "%s", o.times != NULL ? o.times : o.areas);
            diag.field[0] = '\0';
            cli_read(CCAP_OK, &diag);
        }
        if (ccap_csv_write_access(cli_outdir_path(&od, "access.csv"), in.areas, in.providers,
                                  result, &diag) != CCAP_OK) {
            cli_outdir_print_diag(&od, &diag);
            goto out;
        }
        if (in.candidates != NULL) {
            steps = calloc((size_t)o.sites, sizeof *steps);
            if (steps == NULL) {
                fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
                goto out;
            }
            if (ccap_access_build(result, in.candidates, in.n_candidates, o.site_slots,
                                  (size_t)o.sites, o.goal, steps, &after, &diag) != CCAP_OK) {
                fprintf(stderr, "%s: %s\n", PROGRAM, diag.message);
                goto out;
            }
            if (ccap_csv_write_access(cli_outdir_path(&od, "access_after.csv"), in.areas,
                                      in.providers, after, &diag) != CCAP_OK) {
                cli_outdir_print_diag(&od, &diag);
                goto out;
            }
        }
    }
    {
        FILE *mem = open_memstream(&summary, &summary_size);
        access_report rep = {in.areas,        in.providers, result, after,           steps,
                             (size_t)o.sites, &o.access,    o.goal, o.times != NULL, in.boundaries};
        if (mem == NULL) {
            fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
            goto out;
        }
        access_report_summary(mem, &rep);
        if (fclose(mem) != 0 ||
            access_report_text(cli_outdir_path(&od, "access_summary.txt"), summary) !=
                CLI_EXIT_OK ||
            (steps != NULL &&
             access_report_build_csv(cli_outdir_path(&od, "build.csv"), &rep) != CLI_EXIT_OK) ||
            access_report_html(cli_outdir_path(&od, "access.html"), &rep) != CLI_EXIT_OK)
            goto out;
    }
    staged = 0;
    if (cli_outdir_commit(&od) != CLI_EXIT_OK)
        goto out;
    fputs(summary, stdout);
    if (steps != NULL)
        printf(_("\nwrote %s/access.csv, access_summary.txt, access.html, build.csv, "
                 "access_after.csv\n"),
               o.out);
    else
        printf(_("\nwrote %s/access.csv, access_summary.txt, access.html\n"), o.out);
    code = cli_close_stdout(PROGRAM);
out:
    if (staged)
        cli_outdir_abort(&od);
    free(summary);
    free(steps);
    ccap_access_result_free(after);
    ccap_access_result_free(result);
    free_inputs(&in);
    return code;
}
