/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ccap-gap: childcare slots against the per-1,000 target and against demand,
 * region by region and year by year; the minimal build schedule; an allocation of
 * new slots between regions; and what the schedule costs.
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

#define PROGRAM "ccap-gap"
#define MAX_POP_YEARS 200

typedef struct options {
    const char *regions, *population, *slots, *targets, *takeup, *build, *caps, *costs, *out;
    const char *standard;   /* class sizes and carer ratios; NULL: the 2019 national standard */
    const char *monthly_births; /* births by month: the 6-12-month share of age 0 */
    const char *kindergarten; /* kindergarten places: idle ones converted into 托班 slots */
    ccap_plan_options plan; /* occupancy, attrition, discount, allocation, years */
    int ramp;               /* targets in a straight line between their years */
    ccap_payer_params pay;  /* fees, operating subsidies, 育儿补贴 (budget.csv) */
    int force;              /* --force: an earlier run's files in --out may be replaced */
    ccap_running_cost_params run; /* --carer-wage, --health-wage, --rent, --other-running */
    int run_given;
    ccap_kindergarten_params kg; /* enrolment rate, slots per place, cost of a conversion */
    int kg_given;                /* --kindergarten-enrolment or --conversion-cost */
} options;

typedef ccap_gap_row cell;

static void
usage(void)
{
    /* the help is longer than a default buffer: in one buffer (nothing has been written to
     * stdout yet) */
    cli_stdout_buffered();
    printf(_("Usage: %s --regions F --population F --slots F --targets F [--takeup F]\n"
             "                [--ramp] [--occupancy X] [--attrition A] [--build F]\n"
             "                [--allocate N [--caps F] [--objective total|maxmin] [--year Y]]\n"
             "                [--costs F [--discount R]] [--standard F] [--kindergarten F]\n"
             "                [--from Y] [--to Y] --out DIR\n"),
           PROGRAM);
    fputs(
        _("\n"
          "Compare childcare slots (托位) with the targets, in slots per 1,000 residents\n"
          "(每千人口托位数) or as an enrolment rate (入托率), and with demand, for every\n"
          "region and year, and plan the slots to build for the binding target.\n"
          "A year Y means the end of Y: slots at the end of Y against the\n"
          "population on 1 January of Y+1 (interpolated between the years of the\n"
          "population file) and the target for Y.  Gaps are required minus available:\n"
          "positive means slots are missing.  Writes into DIR:\n"
          "  gaps.csv        region,name,year,population,under3,slots,slots_per_1000,\n"
          "                  target_per_1000,target_slots,gap,demand_slots,demand_gap,\n"
          "                  then each target's slots and gap, the binding target and\n"
          "                  the observed enrolment (docs/data-formats.md)\n"
          "  schedule.csv    region,name,year,new_slots: the least building that meets\n"
          "                  the target every year after the last year of the inventory\n"
          "                  (with --kindergarten: then converted,conversion_cost,built,\n"
          "                  build_cost)\n"
          "  allocation.csv  region,name,new_slots (with --allocate)\n"
          "  workforce.csv   classes, carers, health staff and m² of the slots held,\n"
          "                  needed and planned\n"
          "(name: the region's name in the region table, beside its code)\n"
          "and prints a summary.\n"
          "\n"
          "Inputs (formats: docs/data-formats.md):\n"
          "  -r, --regions F      region table\n"
          "  -p, --population F   population by single year of age: a census-year file\n"
          "                       or the population.csv of ccap-project\n"
          "  -s, --slots F        slot inventory: region,year,provider,inclusive,slots[,enrolled]\n"
          "  -t, --targets F      targets: region,year,measure,value (slots_per_1000,\n"
          "                       enrolment_rate, inclusive_share) or region,year,\n"
          "                       slots_per_1000 ('*' for every region)\n"
          "  -u, --takeup F       take-up by age 0-2 (age,rate): adds demand and the\n"
          "                       over-build year\n"
          "      --takeup-from-enrolment  scale each region's take-up so that demand at\n"
          "                       the end of the inventory's last year is the children\n"
          "                       enrolled then (the slots file's enrolled column)\n"
          "      --build F        planned new slots: region,year,new_slots\n"
          "      --caps F         largest new slots per region for --allocate: "
          "region,max_new_slots\n"
          "      --costs F        unit costs by provider: provider,capital_per_slot,\n"
          "                       running_per_slot_year,subsidy_per_inclusive_slot\n"
          "      --standard F     class sizes and carer ratios (default: the 2019\n"
          "                       national standard)\n"
          "      --monthly-births F  births of the last observed year by month (month,births):\n"
          "                       the share of the children aged 0 old enough (6-12 months)\n"
          "                       for 乳儿班 (default: one half)\n"
          "      --kindergarten F kindergarten places (幼儿园学位): "
          "region,year,places[,enrolled];\n"
          "                       places that children aged 3-5 leave idle become 托班\n"
          "                       slots, taken before new building\n"),
        stdout);
    printf(_("Options:\n"
             "      --ramp           targets change linearly between their years, not in steps\n"
             "      --occupancy X    share of slots filled when demand is met (default 0.8)\n"
             "      --attrition A    share of slots closing each year (default 0)\n"
             "      --allocate N     share N new slots between the regions without children\n"
             "      --objective O    'total' (least total shortfall; default) or 'maxmin'\n"
             "                       (raise the lowest slots per 1,000 first)\n"
             "      --year Y         year whose gaps --allocate closes (default: the first\n"
             "                       year of building the city falls short, else its first\n"
             "                       target year from then on)\n"
             "      --discount R     discount rate for the present value of costs (default 0.03)\n"
             "      --fee X          fee per child and month, yuan (budget.csv; default 0)\n"
             "      --operating-subsidy X  local subsidy per child and month (default 0)\n"
             "      --registered-share X  share of children under 3 registered locally\n"
             "      --carer-wage X   cost of a carer to the provider, yuan a month; with\n"
             "                       --health-wage X (a health worker), --rent X (yuan per m²\n"
             "                       and month) and --other-running X (yuan per slot and year),\n"
             "                       the running cost is built from the staff and space the\n"
             "                       slots take, in place of the costs file's\n"
             "      --kindergarten-enrolment X  kindergarten children per child aged 3-5\n"
             "                       (with --kindergarten; default 0.911, the national gross\n"
             "                       enrolment rate of 2023)\n"
             "      --conversion-cost X  yuan per idle place converted into a 托班 slot\n"
             "                       (with --kindergarten; default 5000, assumed)\n"
             "      --from Y, --to Y years to report (default: the first inventory year to\n"
             "                       the last year the population covers)\n"
             "  -o, --out DIR        output directory (created if missing; the files are replaced\n"
             "                       together, or none if the run fails)\n"
             "      --force          replace the files of an earlier run in DIR\n"
             "      --encoding NAME  encoding of the input files: auto (UTF-8, or GB18030 with\n"
             "                       a warning; the default), utf-8 or gb18030\n"
             "      --lang en|zh     language of the summary and messages (default: from the\n"
             "                       environment, LANG=zh_CN.UTF-8 gives Chinese)\n"
             "  -h, --help, -V, --version\n"
             "\n"
             "Exit status: 0 on success, 1 on a data error (FILE:LINE: field: problem),\n"
             "2 on bad usage.\n"
             "\n"
             "Example, Nanyang with the bundled data and a projection made by ccap-project:\n"
             "  d=examples/data/nanyang\n"
             "  %s -r $d/regions.csv -p out/population.csv -s $d/slots.csv -t $d/targets.csv \\\n"
             "      -u $d/takeup.csv --costs $d/costs.csv --allocate 5000 -o gaps\n"),
           PROGRAM);
}

static int
parse_args(int argc, char **argv, options *o, int *done)
{
    static const struct option longs[] = {
        {"regions", required_argument, NULL, 'r'},
        {"population", required_argument, NULL, 'p'},
        {"slots", required_argument, NULL, 's'},
        {"targets", required_argument, NULL, 't'},
        {"takeup", required_argument, NULL, 'u'},
        {"build", required_argument, NULL, 'b'},
        {"caps", required_argument, NULL, 'c'},
        {"costs", required_argument, NULL, 'k'},
        {"occupancy", required_argument, NULL, 'O'},
        {"attrition", required_argument, NULL, 'a'},
        {"allocate", required_argument, NULL, 'A'},
        {"objective", required_argument, NULL, 'j'},
        {"year", required_argument, NULL, 'y'},
        {"discount", required_argument, NULL, 'd'},
        {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'},
        {"ramp", no_argument, NULL, 'R'},
        {"takeup-from-enrolment", no_argument, NULL, 'U'},
        {"standard", required_argument, NULL, 'S'},
        {"kindergarten", required_argument, NULL, 'K'},
        {"monthly-births", required_argument, NULL, 'M'},
        {"kindergarten-enrolment", required_argument, NULL, 'N'},
        {"conversion-cost", required_argument, NULL, 'C'},
        CLI_LONG_OPTIONS_PAYERS,
        CLI_LONG_OPTIONS_OUTDIR,
        CLI_LONG_OPTIONS_COMMON,
    };
    int opt, code;

    *done = 0;
    while ((opt = getopt_long(argc, argv, ":r:p:s:t:u:o:hV", longs, NULL)) != -1) {
        code = CLI_EXIT_OK;
        switch (opt) {
        case 'r':
            o->regions = optarg;
            break;
        case 'p':
            o->population = optarg;
            break;
        case 's':
            o->slots = optarg;
            break;
        case 't':
            o->targets = optarg;
            break;
        case 'u':
            o->takeup = optarg;
            break;
        case 'R':
            o->ramp = 1;
            break;
        case 'U':
            o->plan.takeup_from_enrolment = 1;
            break;
        case 'M':
            o->monthly_births = optarg;
            break;
        case 'S':
            o->standard = optarg;
            break;
        case 'K':
            o->kindergarten = optarg;
            break;
        case 'N':
            code = cli_parse_double(PROGRAM, "--kindergarten-enrolment", optarg, 0.0,
                                    CCAP_KINDERGARTEN_ENROLMENT_MAX, &o->kg.enrolment_rate);
            o->kg_given = 1;
            break;
        case 'C':
            code = cli_parse_double(PROGRAM, "--conversion-cost", optarg, 0.0, 1e9,
                                    &o->kg.capital_per_converted_slot);
            o->kg_given = 1;
            break;
        case 'b':
            o->build = optarg;
            break;
        case 'c':
            o->caps = optarg;
            break;
        case 'k':
            o->costs = optarg;
            break;
        case 'o':
            o->out = optarg;
            break;
        case CLI_OPT_FORCE:
            o->force = 1;
            break;
        case 'O':
            code = cli_parse_double(PROGRAM, "--occupancy", optarg, CCAP_SCENARIO_OCCUPANCY_MIN,
                                    1.0, &o->plan.occupancy);
            break;
        case 'a':
            code =
                cli_parse_double(PROGRAM, "--attrition", optarg, 0.0, 0.999999, &o->plan.attrition);
            break;
        case 'd':
            code =
                cli_parse_double(PROGRAM, "--discount", optarg, 0.0, 1.0, &o->plan.discount_rate);
            break;
        case 'e':
            code = cli_parse_payer(PROGRAM, "--fee", optarg, &o->pay);
            break;
        case 'g':
            code = cli_parse_payer(PROGRAM, "--operating-subsidy", optarg, &o->pay);
            break;
        case 'W':
        case 'H':
        case 'P':
        case 'Q':
            code = cli_parse_running(PROGRAM,
                                     opt == 'W'   ? "--carer-wage"
                                     : opt == 'H' ? "--health-wage"
                                     : opt == 'P' ? "--rent"
                                                  : "--other-running",
                                     optarg, &o->run, &o->run_given);
            break;
        case 'G':
            code = cli_parse_payer(PROGRAM, "--registered-share", optarg, &o->pay);
            break;
        case 'A':
            code = cli_parse_double(PROGRAM, "--allocate", optarg, 0.0, 1e12, &o->plan.allocate);
            if (code == CLI_EXIT_OK && floor(o->plan.allocate) < o->plan.allocate)
                code =
                    cli_usage_error(PROGRAM, _("--allocate: '%s' is not a whole number"), optarg);
            break;
        case 'j':
            if (strcmp(optarg, "total") != 0 && strcmp(optarg, "maxmin") != 0)
                return cli_usage_error(PROGRAM, _("--objective: '%s' is not 'total' or 'maxmin'"),
                                       optarg);
            o->plan.maxmin = strcmp(optarg, "maxmin") == 0;
            break;
        case 'y':
        case 'F':
        case 'T':
            code = cli_parse_year(PROGRAM,
                                  opt == 'y'   ? "--year"
                                  : opt == 'F' ? "--from"
                                               : "--to",
                                  optarg,
                                  opt == 'y'   ? &o->plan.allocate_year
                                  : opt == 'F' ? &o->plan.from
                                               : &o->plan.to);
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
    if (o->regions == NULL || o->population == NULL || o->slots == NULL || o->targets == NULL ||
        o->out == NULL)
        return cli_usage_error(
            PROGRAM, _("--regions, --population, --slots, --targets and --out are required"));
    if (o->kg_given && o->kindergarten == NULL)
        return cli_usage_error(
            PROGRAM, _("--kindergarten-enrolment and --conversion-cost go with --kindergarten"));
    if ((o->caps != NULL || o->plan.allocate_year != 0) && o->plan.allocate < 0.0)
        return cli_usage_error(PROGRAM, _("--caps and --year go with --allocate"));
    if (o->plan.from != 0 && o->plan.to != 0 && o->plan.from > o->plan.to)
        return cli_usage_error(PROGRAM, _("--from %d is after --to %d"), o->plan.from, o->plan.to);
    return CLI_EXIT_OK;
}

typedef struct inputs {
    ccap_regions *regions;
    ccap_childcare_inventory *inv;
    ccap_schedule *targets, *builds; /* targets: the slots per 1,000 of target_set */
    ccap_targets *target_set;
    ccap_childcare_takeup *takeup;
    ccap_gap_costs *costs;
    ccap_kindergarten *kindergarten;
    ccap_workforce_standard standard;
    double infant_share; /* from --monthly-births; 0: one half */
    double *caps;
    ccap_population *pops[MAX_POP_YEARS];
    size_t n_pops;
} inputs;

static void
free_inputs(inputs *in)
{
    size_t i;

    for (i = 0; i < in->n_pops; i++)
        ccap_population_free(in->pops[i]);
    free(in->caps);
    ccap_kindergarten_free(in->kindergarten);
    ccap_gap_costs_free(in->costs);
    ccap_childcare_takeup_free(in->takeup);
    ccap_schedule_free(in->builds);
    ccap_schedule_free(in->targets);
    ccap_targets_free(in->target_set);
    ccap_childcare_inventory_free(in->inv);
    ccap_regions_free(in->regions);
}

/* The share of the children aged 0 who are 6-12 months old, from the births by month of
 * path (ccap_csv_read_monthly_births(), ccap_workforce_infant_share()). */
static int
read_infant_share(const char *path, double *share_out, ccap_diag *diag)
{
    double births[12];
    int status = ccap_csv_read_monthly_births(path, births, cli_read_options(), diag);

    if (status == CCAP_OK)
        status = ccap_workforce_infant_share(births, share_out);
    return status;
}

static int
read_inputs(const options *o, inputs *in)
{
    int years[MAX_POP_YEARS];
    ccap_diag diag;
    size_t i;

    if (cli_read(ccap_csv_read_regions(o->regions, &in->regions, cli_read_options(), &diag),
                 &diag) != CCAP_OK ||
        cli_read(ccap_csv_read_slots(o->slots, in->regions, &in->inv, cli_read_options(), &diag),
                 &diag) != CCAP_OK ||
        cli_read(ccap_csv_read_target_set(o->targets, in->regions, &in->target_set,
                                          cli_read_options(), &diag),
                 &diag) != CCAP_OK ||
        (o->takeup != NULL && cli_read(ccap_csv_read_takeup(o->takeup, in->regions, &in->takeup,
                                                            cli_read_options(), &diag),
                                       &diag) != CCAP_OK) ||
        (o->build != NULL && cli_read(ccap_csv_read_builds(o->build, in->regions, &in->builds,
                                                           cli_read_options(), &diag),
                                      &diag) != CCAP_OK) ||
        (o->costs != NULL &&
         cli_read(ccap_csv_read_costs(o->costs, &in->costs, cli_read_options(), &diag), &diag) !=
             CCAP_OK) ||
        (o->monthly_births != NULL &&
         cli_read(read_infant_share(o->monthly_births, &in->infant_share, &diag), &diag) !=
             CCAP_OK) ||
        (o->standard != NULL && cli_read(ccap_csv_read_workforce_standard(
                                             o->standard, &in->standard, cli_read_options(), &diag),
                                         &diag) != CCAP_OK) ||
        (o->kindergarten != NULL &&
         cli_read(ccap_csv_read_kindergarten(o->kindergarten, in->regions, &in->kindergarten,
                                             cli_read_options(), &diag),
                  &diag) != CCAP_OK) ||
        cli_read(ccap_csv_population_years(o->population, years, MAX_POP_YEARS, &in->n_pops,
                                           cli_read_options(), &diag),
                 &diag) != CCAP_OK) {
        cli_print_diag(&diag);
        return CLI_EXIT_DATA;
    }
    if (ccap_targets_schedule(in->target_set, CCAP_TARGET_SLOTS_PER_1000, &in->targets) !=
        CCAP_OK) {
        fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
        return CLI_EXIT_DATA;
    }
    if (o->caps != NULL) {
        in->caps = malloc(ccap_regions_count(in->regions) * sizeof *in->caps);
        if (in->caps == NULL ||
            cli_read(ccap_csv_read_caps(o->caps, in->regions, in->caps,
                                        ccap_regions_count(in->regions), cli_read_options(), &diag),
                     &diag) != CCAP_OK) {
            cli_print_diag(&diag);
            return CLI_EXIT_DATA;
        }
    }
    for (i = 0; i < in->n_pops; i++) {
        ccap_population *p = NULL;
        if (cli_read(ccap_csv_read_population(o->population, in->regions, years[i], &p,
                                              cli_read_options(), &diag),
                     &diag) != CCAP_OK) {
            cli_print_diag(&diag);
            in->n_pops = i;
            return CLI_EXIT_DATA;
        }
        in->pops[i] = p;
        if (ccap_population_age_width(p) != 1) {
            fprintf(stderr,
                    _("%s: children under 3 need single years of age; this file has "
                      "%zu-year groups\n"),
                    o->population, ccap_population_age_width(p));
            in->n_pops = i + 1;
            return CLI_EXIT_DATA;
        }
    }
    return CLI_EXIT_OK;
}

typedef struct table {
    int from, to; /* years reported */
    size_t n_years, n_regions;
    const cell *cells; /* [year index][region] */
    int held_any;
} table;

static const cell *
at(const table *t, int year, size_t region)
{
    return &t->cells[(size_t)(year - t->from) * t->n_regions + region];
}

static int
write_gaps(cli_outdir *od, const inputs *in, const table *t)
{
    ccap_diag diag;

    if (ccap_csv_write_gaps(cli_outdir_path(od, "gaps.csv"), in->regions, t->cells,
                            t->n_years * t->n_regions, &diag) != CCAP_OK) {
        cli_outdir_print_diag(od, &diag);
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}

static int
write_workforce(cli_outdir *od, const inputs *in, const ccap_plan *plan)
{
    size_t n = 0;
    const ccap_workforce_row *rows = ccap_plan_workforce(plan, &n);
    ccap_diag diag;

    if (ccap_csv_write_workforce(cli_outdir_path(od, "workforce.csv"), in->regions, rows, n,
                                 &diag) != CCAP_OK) {
        cli_outdir_print_diag(od, &diag);
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}

static int
write_schedule(cli_outdir *od, const inputs *in, const table *t, int first, const double *new_slots,
               const ccap_plan *plan)
{
    ccap_diag diag;

    /* with kindergarten places: the slots converted and built, and their cost */
    if (ccap_csv_write_schedule(cli_outdir_path(od, "schedule.csv"), in->regions, first,
                                (size_t)(t->to - first + 1), new_slots,
                                ccap_plan_kindergarten(plan, NULL), &diag) != CCAP_OK) {
        cli_outdir_print_diag(od, &diag);
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}

static int
write_allocation(cli_outdir *od, const inputs *in, const double *alloc_region)
{
    ccap_diag diag;

    if (ccap_csv_write_allocation(cli_outdir_path(od, "allocation.csv"), in->regions, alloc_region,
                                  &diag) != CCAP_OK) {
        cli_outdir_print_diag(od, &diag);
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}

static void
print_region(const ccap_regions *regions, size_t r, size_t width)
{
    char label[CCAP_REGION_CODE_MAX + CCAP_REGION_NAME_MAX + 80];

    snprintf(label, sizeof label, "%*s%s %s", (int)(2 * ccap_regions_depth(regions, r)), "",
             ccap_regions_code(regions, r), ccap_regions_name(regions, r));
    cli_print_padded(stdout, label, width, 0);
}

static void
print_count(double v, size_t width)
{
    char buf[40];
    double whole = v;

    /* slots needed are whole: rounded up as a plan builds them (a spare 1.5 is -1) */
    if (!isnan(v))
        ccap_gap_slots_round_up(v, 1e-9, &whole);
    cli_print_padded(stdout, cli_format_count(whole + 0.0, buf, sizeof buf), width, 1);
}

/* Whole slots, rounded up as print_count() does. */
static double
whole_slots(double v)
{
    double whole = v;

    if (!isnan(v))
        ccap_gap_slots_round_up(v, 1e-9, &whole);
    return whole + 0.0; /* + 0.0 turns -0 into 0 */
}

/* The classes, carers, health staff and floor area of the city's slots held and needed at
 * the end of a year (workforce.csv). */
static void
print_workforce(const options *o, const inputs *in, const table *t, const ccap_plan *plan, int year)
{
    const size_t root = ccap_regions_preorder(in->regions, 0);
    const ccap_workforce_row *rows = ccap_plan_workforce(plan, NULL);
    size_t b;

    printf(_("\nWorkforce (workforce.csv; %s), %s %s at the end of %d:\n"),
           o->standard != NULL ? o->standard : _("the 2019 national standard"),
           ccap_regions_code(in->regions, root), ccap_regions_name(in->regions, root), year);
    if (in->infant_share > 0.0)
        printf(_("  %.1f%% of the children aged 0 are 6-12 months old, old enough for 乳儿班 "
                 "(births by month of %s; one half if births were even)\n"),
               100.0 * in->infant_share, o->monthly_births);
    for (b = 0; b < 2; b++) {
        const ccap_workforce_row *w =
            &rows[((size_t)(year - t->from) * t->n_regions + root) * CCAP_WORKFORCE_N_BASES + b];
        char s[40], c[40], k[40], h[40], f[40];

        if (isnan(w->need.classes_total))
            continue;
        printf(b == CCAP_WORKFORCE_HELD
                   ? _("  the %s slots held take %s classes, %s carers, %s health staff and %s "
                       "m² of floor area\n")
                   : _("  the %s slots the targets need take %s classes, %s carers, %s health "
                       "staff and %s m² of floor area\n"),
               cli_format_count(whole_slots(w->slots), s, sizeof s),
               cli_format_count(w->need.classes_total, c, sizeof c),
               cli_format_count(w->need.carers_total, k, sizeof k),
               cli_format_count(w->need.health_staff, h, sizeof h),
               cli_format_count(w->need.floor_area_m2, f, sizeof f));
    }
}

/* Years with a target, the first two of them reported by county. */
static void
summary(const options *o, const inputs *in, const table *t, const ccap_plan *plan, int first_build,
        const double *new_slots, const double *alloc_region, double unallocated, int ya)
{
    const size_t root = ccap_regions_preorder(in->regions, 0);
    int years[2] = {0, 0}, year, y;
    size_t k, n_target_years = 0, i;
    char a[40], b[40], c[40], e[40];

    for (year = t->from; year <= t->to && n_target_years < 2; year++) {
        if (!isnan(at(t, year, root)->target_slots))
            years[n_target_years++] = year;
    }
    printf(_("%s: slots at the end of each year against the targets (per 1,000 residents or\n"
             "enrolment rate), %d-%d; gap = slots the binding target needs minus slots\n"
             "(positive: missing)%s\n\n"),
           PROGRAM, t->from, t->to,
           t->held_any ? _(";\nyears beyond the population file use its nearest year") : "");
    for (i = 0; i < n_target_years; i++) {
        const cell *x = at(t, years[i], root);
        if (!isnan(x->target_per_1000))
            printf(_("%s %s, end of %d: %s slots, %.2f per 1,000 of %s residents; the target "
                     "%.1f needs %s: gap %s\n"),
                   ccap_regions_code(in->regions, root), ccap_regions_name(in->regions, root),
                   years[i], cli_format_count(x->slots, a, sizeof a), x->per_1000,
                   cli_format_count(x->population, b, sizeof b), x->target_per_1000,
                   cli_format_count(whole_slots(x->per_1000_slots), c, sizeof c),
                   cli_format_count(whole_slots(x->per_1000_slots - x->slots), e, sizeof e));
        if (!isnan(x->enrolment_target))
            printf(_("%s %s, end of %d: %s slots for %s children under 3; the enrolment target "
                     "%.1f%% needs %s (slots %.0f%% full): gap %s\n"),
                   ccap_regions_code(in->regions, root), ccap_regions_name(in->regions, root),
                   years[i], cli_format_count(x->slots, a, sizeof a),
                   cli_format_count(x->under3, b, sizeof b), 100.0 * x->enrolment_target,
                   cli_format_count(whole_slots(x->enrolment_slots), c, sizeof c),
                   100.0 * o->plan.occupancy,
                   cli_format_count(whole_slots(x->enrolment_gap), e, sizeof e));
        if (!isnan(x->target_per_1000) && !isnan(x->enrolment_target))
            printf(x->binding == CCAP_TARGET_ENROLMENT_RATE
                       ? _("  the enrolment target binds: the plan builds for it\n")
                       : _("  the per-1,000 target binds: the plan builds for it\n"));
    }
    if (n_target_years > 0) {
        printf("\n");
        cli_print_padded(stdout, _("region"), 30, 0);
        for (i = 0; i < n_target_years; i++) {
            char h1[40], h2[40];
            snprintf(h1, sizeof h1, _("per 1,000 %d"), years[i]);
            snprintf(h2, sizeof h2, _("gap %d"), years[i]);
            cli_print_padded(stdout, h1, 16, 1);
            cli_print_padded(stdout, h2, 12, 1);
        }
        printf("\n");
        for (k = 0; k < t->n_regions; k++) {
            const size_t r = ccap_regions_preorder(in->regions, k);
            print_region(in->regions, r, 30);
            for (i = 0; i < n_target_years; i++) {
                char rate[32];
                snprintf(rate, sizeof rate, "%.2f", at(t, years[i], r)->per_1000);
                cli_print_padded(stdout, rate, 16, 1);
                print_count(at(t, years[i], r)->gap, 12);
            }
            printf("\n");
        }
    }
    if (in->takeup != NULL) {
        int over = 0;
        const int s = ccap_plan_overbuild_year(plan, &over);
        double idle_over = NAN, idle_last = NAN;
        y = n_target_years > 0 ? years[0] : t->from;
        printf(_("\nDemand (take-up by age 0-2, slots %.0f%% full): at the end of %d the "
                 "children need %s slots, the target %s.\n"),
               100.0 * o->plan.occupancy, y,
               cli_format_count(whole_slots(at(t, y, root)->demand_slots), a, sizeof a),
               cli_format_count(whole_slots(at(t, y, root)->target_slots), b, sizeof b));
        if (!isnan(ccap_plan_takeup_factor(plan, root))) {
            int fb = 0;
            ccap_plan_years(plan, NULL, NULL, &fb);
            printf(_("Take-up calibrated to the %s children enrolled at the end of %d (%s %s: "
                     "take-up times %.3f), so that demand then is %s slots at %.0f%% full.\n"),
                   cli_format_count(at(t, fb - 1, root)->enrolled, a, sizeof a), fb - 1,
                   ccap_regions_code(in->regions, root), ccap_regions_name(in->regions, root),
                   ccap_plan_takeup_factor(plan, root),
                   cli_format_count(whole_slots(at(t, fb - 1, root)->demand_slots), b, sizeof b),
                   100.0 * o->plan.occupancy);
        }
        if (s == CCAP_OK && over != 0 &&
            ccap_plan_idle_slots(plan, over, &idle_over) == CCAP_OK &&
            ccap_plan_idle_slots(plan, t->to, &idle_last) == CCAP_OK)
            printf(_("Over-build year: %d, the first year the target needs more slots than "
                     "demand fills (%s idle slots that year, %s at the end of %d).\n"),
                   over, cli_format_count(idle_over, a, sizeof a),
                   cli_format_count(idle_last, b, sizeof b), t->to);
        else if (s == CCAP_OK && over == 0)
            printf(_("The target stays within demand through %d: no over-build.\n"), t->to);
    }
    if (in->builds != NULL) {
        /* the year the planned slots first meet the target (city) */
        for (y = first_build; y <= t->to; y++) {
            const cell *x = at(t, y, root);
            if (!isnan(x->gap) && x->gap <= 0.0)
                break;
        }
        if (y <= t->to)
            printf(_("\nWith the planned new slots (%s), the city meets its target at the end of "
                     "%d.\n"),
                   o->build, y);
        else
            printf(_("\nWith the planned new slots (%s), the city does not meet its target by the "
                     "end of %d.\n"),
                   o->build, t->to);
    }
    if (new_slots != NULL && first_build <= t->to) {
        const size_t n = (size_t)(t->to - first_build + 1);
        double total = 0.0;
        for (i = 0; i < n; i++)
            total += new_slots[root * n + i];
        printf(_("\nMinimal build (schedule.csv): %s new slots from %d to %d, %s of them in %d"),
               cli_format_count(total, a, sizeof a), first_build, t->to,
               cli_format_count(new_slots[root * n], b, sizeof b), first_build);
        if (o->plan.attrition > 0.0)
            printf(_(" (%.1f%% of slots closing each year).\n"), 100.0 * o->plan.attrition);
        else
            printf(_(".\n"));
    }
    if (alloc_region != NULL) {
        printf(_("\nAllocation of %s new slots at the end of %d (%s; allocation.csv):\n"),
               cli_format_count(o->plan.allocate, a, sizeof a), ya,
               o->plan.maxmin ? _("lowest slots per 1,000 first") : _("least total shortfall"));
        for (k = 0; k < t->n_regions; k++) {
            const size_t r = ccap_regions_preorder(in->regions, k);
            if (alloc_region[r] <= 0.0 || ccap_regions_depth(in->regions, r) == 0)
                continue;
            printf("  ");
            print_region(in->regions, r, 30);
            cli_print_padded(stdout, cli_format_count(alloc_region[r], a, sizeof a), 10, 1);
            printf("\n");
        }
        if (unallocated > 0.0)
            printf(_("  %s slots not needed (every shortfall closed or capped)\n"),
                   cli_format_count(unallocated, a, sizeof a));
    }
}

static void
print_costs(const options *o, const ccap_plan *plan, const table *t, int first)
{
    double share = NAN, per_slot, staff_share;
    ccap_gap_cost_totals totals;
    char a[40], b[40], c[40];
    int s = ccap_plan_cost(plan, &totals, &share);

    if (s == CCAP_ENOTFOUND) {
        fprintf(stderr, _("%s: no '*' or 'institution' row: no costs computed\n"), o->costs);
        return;
    }
    if (s == CCAP_OK) {
        printf(_("\nCost of the minimal build, %d-%d (yuan; present value at %.1f%%):\n"
                 "  capital %s, running %s, central subsidy for the %.0f%% inclusive new slots "
                 "%s\n"),
               first, t->to, 100.0 * o->plan.discount_rate,
               cli_format_count(totals.pv_capital, a, 40),
               cli_format_count(totals.pv_running, b, 40), 100.0 * share,
               cli_format_count(totals.pv_subsidy, c, 40));
        if (ccap_plan_running_cost(plan, &per_slot, &staff_share) == CCAP_OK)
            printf(_("  running cost built up from the staff and space of the slots at the end "
                     "of %d: %s yuan per slot and year, %.0f%% of it staff and rent (in place "
                     "of the costs file's)\n"),
                   first, cli_format_count(per_slot, a, 40), 100.0 * staff_share);
    }
}

/* One line: the city's kindergarten places at the end of the first year of building, and
 * the slots the schedule converts from idle places and builds new (schedule.csv). */
static void
print_kindergarten(const options *o, const inputs *in, const ccap_plan *plan, const table *t,
                   int first)
{
    const size_t root = ccap_regions_preorder(in->regions, 0), n = (size_t)(t->to - first + 1);
    const ccap_kindergarten_row *k = ccap_plan_kindergarten(plan, NULL);
    double converted = NAN, built = NAN, cost = NAN;
    char a[40], b[40], c[40], d[40], e[40], f[40], g[40];

    if (k == NULL ||
        ccap_plan_kindergarten_totals(plan, root, &converted, &built, &cost) != CCAP_OK)
        return;
    k += root * n;
    printf(_("\nKindergartens (%s): at the end of %d, %s children aged 3-5 fill %s of %s "
             "places (%.1f%% enrolled), %s idle; %d-%d the schedule converts idle places into "
             "%s 托班 slots (%s yuan) and builds %s new slots\n"),
           o->kindergarten, first, cli_format_count(k[0].children, a, sizeof a),
           cli_format_count(k[0].demand, b, sizeof b), cli_format_count(k[0].places, c, sizeof c),
           100.0 * o->kg.enrolment_rate, cli_format_count(k[0].idle, d, sizeof d), first, t->to,
           cli_format_count(converted, e, sizeof e), cli_format_count(cost, f, sizeof f),
           cli_format_count(built, g, sizeof g));
}

/* The budget by payer of the city's plan, from the first building year to the last
 * (budget.csv), and its present values into *pv.  *done is set when it was written. */
static int
write_budget(cli_outdir *od, const options *o, const ccap_plan *plan, const table *t, int first,
             ccap_budget_year *pv, int *done)
{
    const size_t n = (size_t)(t->to - first + 1);
    ccap_budget_year *rows = malloc(n * sizeof *rows);
    ccap_diag diag;
    int code = CLI_EXIT_DATA, status;

    *done = 0;
    if (rows == NULL) {
        fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
        goto out;
    }
    status = ccap_plan_budget(plan, &o->pay, rows, n, pv);
    code = CLI_EXIT_OK; /* without a '*' or institution row: no costs (print_costs says so) */
    if (status == CCAP_ENOTFOUND)
        goto out;
    code = CLI_EXIT_DATA;
    if (status != CCAP_OK) {
        fprintf(stderr, _("%s: the budget by payer cannot be computed\n"), PROGRAM);
        goto out;
    }
    if (ccap_csv_write_budget(cli_outdir_path(od, "budget.csv"), rows, n, pv, &diag) != CCAP_OK) {
        cli_outdir_print_diag(od, &diag);
        goto out;
    }
    *done = 1;
    code = CLI_EXIT_OK;
out:
    free(rows);
    return code;
}

static void
print_budget(const options *o, const ccap_budget_year *pv, int first, int to)
{
    char a[40], b[40], c[40], d[40], e[40], f[40];

    printf(_("Who pays, %d-%d (budget.csv; present values, yuan): central %s, of which "
             "育儿补贴 %s (3,600 a year for %.0f%% of children under 3); local %s; families "
             "%s in fees of %s a month; providers %s of running costs not covered\n"),
           first, to, cli_format_count(pv->central, a, sizeof a),
           cli_format_count(pv->childcare_subsidy, b, sizeof b), 100.0 * o->pay.registered_share,
           cli_format_count(pv->local, c, sizeof c), cli_format_count(pv->families, d, sizeof d),
           cli_format_count(o->pay.fee_per_child_month, e, sizeof e),
           cli_format_count(pv->providers, f, sizeof f));
}

int
main(int argc, char **argv)
{
    options o = {.plan = CCAP_PLAN_OPTIONS_INIT,
                 .pay = CLI_PAYER_PARAMS_INIT,
                 .kg = CCAP_KINDERGARTEN_PARAMS_INIT};
    ccap_budget_year pv;
    int have_budget = 0;
    inputs in;
    table t;
    const double *new_slots = NULL;
    double *alloc_region = NULL, unallocated = 0.0;
    ccap_plan *plan = NULL;
    cli_outdir od;
    int code, done, first_build = 0, ya = 0, staged = 0;

    ccap_library_init();
    if (cli_i18n_init(PROGRAM, argc, argv) != CLI_EXIT_OK)
        return CLI_EXIT_USAGE;
    memset(&in, 0, sizeof in);
    memset(&t, 0, sizeof t);
    if ((code = parse_args(argc, argv, &o, &done)) != CLI_EXIT_OK || done)
        return code;
    /* the files are replaced together or not at all (outdir.h) */
    {
        const char *const files[] = {o.regions,  o.population,   o.slots,         o.targets,
                                     o.takeup,   o.build,        o.caps,          o.costs,
                                     o.standard, o.kindergarten, o.monthly_births};
        static const char *const names[] = {"gaps.csv", "schedule.csv", "allocation.csv",
                                            "workforce.csv", "budget.csv"};
        const cli_outdir_options opt = {.flags = o.force ? CLI_OUTDIR_FORCE : 0u,
                                        .known = names,
                                        .n_known = 5,
                                        .inputs = files,
                                        .n_inputs = 11};
        if ((code = cli_outdir_begin(&od, PROGRAM, o.out, &opt)) != CLI_EXIT_OK)
            return code;
        staged = 1;
    }
    if ((code = read_inputs(&o, &in)) != CLI_EXIT_OK)
        goto out;
    code = CLI_EXIT_DATA;
    {
        ccap_plan_inputs pin = CCAP_PLAN_INPUTS_INIT;
        ccap_diag diag;
        int status;
        size_t n = 0;

        pin.regions = in.regions;
        pin.populations = (const ccap_population *const *)in.pops;
        pin.n_populations = in.n_pops;
        pin.inventory = in.inv;
        pin.targets = in.targets;
        pin.target_set = in.target_set;
        pin.target_interp = o.ramp ? CCAP_TARGET_LINEAR : CCAP_TARGET_STEP;
        pin.standard = o.standard != NULL ? &in.standard : NULL;
        pin.infant_share = in.infant_share;
        pin.kindergarten = in.kindergarten;
        pin.kindergarten_params = &o.kg;
        pin.takeup = in.takeup;
        pin.costs = in.costs;
        pin.running = o.run_given ? &o.run : NULL;
        pin.builds = in.builds;
        pin.caps = in.caps;
        status = ccap_plan_run(&pin, &o.plan, &plan, &diag);
        if (status == CCAP_EDOM && in.n_pops > 0) {
            /* no year between the inventory's first and the populations' last (--from) */
            size_t n_inv = 0;
            const int *inv_years = ccap_childcare_inventory_years(in.inv, &n_inv);
            fprintf(stderr, _("%s: no years to report (inventory from %d, population to %d)\n"),
                    PROGRAM, n_inv > 0 ? inv_years[0] : 0,
                    ccap_population_year(in.pops[in.n_pops - 1]));
            fprintf(stderr, "%s: %s\n", PROGRAM, diag.message);
        } else if (status == CCAP_ENOTFOUND)
            fprintf(stderr, "%s: %s\n", o.slots, diag.message);
        else if (status != CCAP_OK)
            fprintf(stderr, "%s: %s\n", PROGRAM, diag.message);
        if (status != CCAP_OK)
            goto out;
        ccap_plan_years(plan, &t.from, &t.to, &first_build);
        t.n_regions = ccap_regions_count(in.regions);
        t.n_years = (size_t)(t.to - t.from + 1);
        t.cells = ccap_plan_gap_rows(plan, NULL);
        t.held_any = ccap_plan_population_held(plan);
        new_slots = ccap_plan_schedule(plan, &n);
        if (n == 0)
            new_slots = NULL;
    }
    if (write_gaps(&od, &in, &t) != CLI_EXIT_OK || write_workforce(&od, &in, plan) != CLI_EXIT_OK ||
        (new_slots != NULL &&
         write_schedule(&od, &in, &t, first_build, new_slots, plan) != CLI_EXIT_OK))
        goto out;
    if (o.plan.allocate >= 0.0) {
        size_t r;
        ccap_plan_allocation_info(plan, &ya, NULL, &unallocated);
        alloc_region = calloc(t.n_regions, sizeof *alloc_region);
        if (alloc_region == NULL) {
            fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
            goto out;
        }
        for (r = 0; r < t.n_regions; r++)
            alloc_region[r] = ccap_plan_allocation(plan, r);
        if (write_allocation(&od, &in, alloc_region) != CLI_EXIT_OK)
            goto out;
    }
    if (in.costs != NULL && new_slots != NULL && first_build <= t.to &&
        write_budget(&od, &o, plan, &t, first_build, &pv, &have_budget) != CLI_EXIT_OK)
        goto out;
    staged = 0;
    if (cli_outdir_commit(&od) != CLI_EXIT_OK)
        goto out;
    summary(&o, &in, &t, plan, first_build, new_slots, alloc_region, unallocated, ya);
    {
        /* observed use in the inventory's last year, when its enrolled children are known */
        const size_t root = ccap_regions_preorder(in.regions, 0);
        const int yo = first_build - 1 >= t.from ? first_build - 1 : t.from;
        const cell *x = at(&t, yo, root);
        char a[40];
        if (!isnan(x->enrolled))
            printf(_("\nObserved at the end of %d: %s children enrolled, %.0f%% of the slots in "
                     "use, %.1f%% of children under 3 in care (gaps.csv: utilisation, "
                     "enrolment_rate)\n"),
                   yo, cli_format_count(x->enrolled, a, sizeof a), 100.0 * x->utilisation,
                   100.0 * x->enrolment_rate);
    }
    {
        /* the first year with a target, else the inventory's last */
        const size_t root = ccap_regions_preorder(in.regions, 0);
        int y = t.from;
        while (y < t.to && isnan(at(&t, y, root)->target_slots))
            y++;
        print_workforce(&o, &in, &t, plan, isnan(at(&t, y, root)->target_slots) ? t.from : y);
    }
    if (in.costs != NULL && new_slots != NULL)
        print_costs(&o, plan, &t, first_build);
    if (in.kindergarten != NULL && new_slots != NULL)
        print_kindergarten(&o, &in, plan, &t, first_build);
    if (have_budget)
        print_budget(&o, &pv, first_build, t.to);
    printf(_("\nwrote %s/gaps.csv, workforce.csv%s%s%s\n"), o.out,
           new_slots != NULL ? ", schedule.csv" : "",
           alloc_region != NULL ? ", allocation.csv" : "", have_budget ? ", budget.csv" : "");
    code = cli_close_stdout(PROGRAM);
out:
    if (staged)
        cli_outdir_abort(&od);
    free(alloc_region);
    ccap_plan_free(plan);
    free_inputs(&in);
    return code;
}
