/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The presentation of a plan (ccap_plan_run()): the summary, the tables (CSV), the charts
 * and index.html of ccap-plan's report directory, and the view of the plan that they and
 * the workbook (workbook.h) read.  Nothing here computes: every number comes from the plan.
 */
#ifndef CCAP_EXAMPLES_REPORT_H
#define CCAP_EXAMPLES_REPORT_H

#include <stdio.h>

#include "inputs.h"
#include "outdir.h"

/* A plan as the presentation reads it: the plan's tables, borrowed, and what is derived
 * for printing (the projection's populations as an array, the allocation). */
typedef struct report_plan {
    const cli_inputs *in;              /* regions, scenario, steps */
    const ccap_plan *plan;             /* the plan */
    const ccap_projection *proj;       /* its projection */
    const ccap_population **pops;      /* residents at the end of pop_year0 + i (owned) */
    size_t n_pops;                     /* from the base year to the last year */
    int pop_year0;                     /* the base population's year */
    const ccap_gap_row *rows;          /* [year − from][region], years from .. to */
    int from, to, first;               /* years of rows; first year of building */
    const double *schedule;            /* [region][year − first]: the build */
    double *alloc;                     /* [region]: the allocation (owned) */
    double n_alloc, unallocated;       /* slots shared; not placed */
    int alloc_year;                    /* the year the allocation closes */
    int overbuild_year;                /* first year the target outruns demand; 0: none */
    ccap_gap_cost_totals cost;         /* with have_cost */
    int have_cost;                     /* 0: no costs */
    double discount, inclusive_share;  /* of the costs */
    const ccap_uncertainty_result *mc; /* the Monte Carlo run, or NULL */
    int charts;                        /* 0: no charts (--no-charts) */
    const ccap_vitals *vitals;         /* published figures drawn as points, or NULL
                                          (borrowed: set after report_plan_init()) */
    const ccap_workforce_row *workforce; /* classes, carers, staff and space by region, year
                                            and basis (ccap_plan_workforce()), or NULL */
    size_t n_workforce;                  /* its rows */
    ccap_payer_params pay;               /* fees and subsidies of the budget by payer */
    ccap_budget_year *budget;            /* [Y − first]: who pays (owned), or NULL: no costs */
    size_t n_budget;                     /* its years */
    ccap_budget_year budget_pv;          /* its present values */
} report_plan;

/* The view of plan (borrowed; in and plan must outlive it), its budget by payer priced with
 * pay (ccap_plan_budget()).  CLI_EXIT_OK, or CLI_EXIT_DATA when out of memory or the budget
 * cannot be computed (said on stderr). */
int report_plan_init(report_plan *p, const cli_inputs *in, const ccap_plan *plan, int charts,
                     const ccap_payer_params *pay);

/* Free what report_plan_init() allocated. */
void report_plan_free(report_plan *p);

/* Longest line of the inputs and caveats, in bytes, and the most lines. */
#define REPORT_CAVEAT_MAX 768
#define REPORT_CAVEATS_MAX 10

/* The inputs and caveats that open the summary, the page and the workbook, one sentence
 * each, in the language of the program's messages: what is estimated (the base population
 * by single year of age), published, derived or assumed (the slots, targets, take-up,
 * occupancy and costs, as the scenario's [sources] notes say: assumed without one; a county
 * slot inventory that is one rate shared by population) and projected.  At most max lines
 * into lines; returns how many. */
int report_caveats(const report_plan *p, char lines[][REPORT_CAVEAT_MAX], int max);

/* The figure of measure (a ccap_vitals_measure: births, residents) of region r in year y
 * from vitals (may be NULL), else NAN; also NAN for measure -1 (children under 3, of which
 * no figure is given).  *estimated: 1 when its note does not say it is published (derived,
 * assumed or no kind: ccap_note_provenance()), else 0.  The points of the births and
 * residents charts, in the PNG, SVG and workbook alike. */
double report_vital_figure(const ccap_vitals *vitals, size_t r, int y, int measure, int *estimated);
/* The first year of the births, under-3 or residents chart of region root (measure as
 * report_vital_figure()): the year after the base year for births, else the base year, or
 * the first year of a figure of vitals up to 10 years before it (published, derived or
 * assumed: the history the projection starts from). */
int report_first_figure(const ccap_vitals *vitals, size_t root, int base_year, int measure);
/* 1 when the slots of region r are not counted ones (marked † in the summary and the page,
 * "estimated" in the workbook): the slots are derived or assumed (the scenario's [sources],
 * else the slots file's notes), or the counties share one rate and r is a county. */
int report_slots_estimated(const report_plan *p, size_t r);

/* The summary text (summary.txt and standard output). */
void report_summary(FILE *fp, const report_plan *p);

/* dir/name into buf; 0 when it does not fit. */
int report_path_in(char *buf, size_t size, const char *dir, const char *name);

/* population.csv, gaps.csv, schedule.csv, allocation.csv, workforce.csv, budget.csv (with
 * costs), quantiles.csv in the staging
 * directory of od.  CLI_EXIT_OK or CLI_EXIT_DATA (said on stderr). */
int report_write_tables(const report_plan *p, const cli_outdir *od);

/* The most charts of a report. */
#define REPORT_CHARTS_MAX 8

/* The charts as files NAME.ext in dir; their names into names (REPORT_CHARTS_MAX of them);
 * returns how many. */
int report_write_charts(const report_plan *p, const char *dir, const char *ext, char names[][32]);

/* index.html in dir: the inputs and caveats, the summary as HTML tables, the charts (the SVG
 * files as data URIs, with alt text that says what each shows), the tables, and a list of the
 * files of dir that the report holds; shown is dir as the user named it, for messages.
 * The page needs no other file: no external style, script or image.
 * CLI_EXIT_OK or CLI_EXIT_DATA (said on stderr). */
int report_write_html(const report_plan *p, const char *dir, const char *shown, char charts[][32],
                      int n_charts, char png[][32], int n_png, const char *charts_note);

#endif /* CCAP_EXAMPLES_REPORT_H */
