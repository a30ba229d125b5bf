/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The presentation of a plan: the summary, the tables, the charts and index.html (see
 * report.h). */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charts.h"
#include "report.h"

#define PROGRAM "ccap-plan"

/* The Monte Carlo band of the summary and the charts: the median between the lowest and the
 * highest of the scenario's quantiles (probs lo, 0.5, hi); returns its width in percent
 * (80 for the default 0.1 to 0.9). */
static double
band(const report_plan *p, double probs[3])
{
    size_t nq = 0;
    const double *q = ccap_scenario_quantiles(p->in->sc, &nq);

    probs[0] = q[0];
    probs[1] = 0.5;
    probs[2] = q[nq - 1];
    return 100.0 * (probs[2] - probs[0]);
}

static const ccap_gap_row *
row_at(const report_plan *p, int year, size_t region)
{
    return &p->rows[(size_t)(year - p->from) * ccap_regions_count(p->in->regions) + region];
}

int
report_plan_init(report_plan *p, const cli_inputs *in, const ccap_plan *plan, int charts,
                 const ccap_payer_params *pay)
{
    const size_t R = ccap_regions_count(in->regions);
    size_t s, r;
    int year;

    memset(p, 0, sizeof *p);
    p->in = in;
    p->plan = plan;
    p->charts = charts;
    p->proj = ccap_plan_projection(plan);
    p->rows = ccap_plan_gap_rows(plan, NULL);
    p->schedule = ccap_plan_schedule(plan, NULL);
    ccap_plan_years(plan, &p->from, &p->to, &p->first);
    p->pop_year0 = ccap_population_year(in->base);
    p->n_pops = (size_t)(p->to - p->pop_year0 + 1);
    p->pops = malloc(p->n_pops * sizeof *p->pops);
    p->alloc = malloc(R * sizeof *p->alloc);
    if (p->pops == NULL || p->alloc == NULL) {
        report_plan_free(p);
        fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
        return CLI_EXIT_DATA;
    }
    for (s = 0; s < p->n_pops; s++)
        p->pops[s] = ccap_plan_population(plan, p->pop_year0 + (int)s);
    for (r = 0; r < R; r++)
        p->alloc[r] = ccap_plan_allocation(plan, r);
    ccap_plan_allocation_info(plan, &p->alloc_year, &p->n_alloc, &p->unallocated);
    p->overbuild_year = 0;
    if (ccap_plan_overbuild_year(plan, &year) == CCAP_OK)
        p->overbuild_year = year;
    p->have_cost = ccap_plan_cost(plan, &p->cost, &p->inclusive_share) == CCAP_OK;
    p->discount = ccap_plan_options_used(plan)->discount_rate;
    p->mc = ccap_plan_uncertainty(plan);
    p->workforce = ccap_plan_workforce(plan, &p->n_workforce);
    p->pay = *pay;
    if (p->have_cost && p->to >= p->first) {
        int status;
        p->n_budget = (size_t)(p->to - p->first + 1);
        if ((p->budget = malloc(p->n_budget * sizeof *p->budget)) == NULL) {
            report_plan_free(p);
            fprintf(stderr, _("%s: out of memory\n"), PROGRAM);
            return CLI_EXIT_DATA;
        }
        status = ccap_plan_budget(plan, pay, p->budget, p->n_budget, &p->budget_pv);
        if (status == CCAP_ENOTFOUND) { /* costs without a `*` or `institution` row */
            free(p->budget);
            p->budget = NULL;
            p->n_budget = 0;
        } else if (status != CCAP_OK) {
            report_plan_free(p);
            fprintf(stderr, _("%s: the budget by payer cannot be computed\n"), PROGRAM);
            return CLI_EXIT_DATA;
        }
    }
    return CLI_EXIT_OK;
}

void
report_plan_free(report_plan *p)
{
    free(p->pops);
    free(p->alloc);
    free(p->budget);
    p->pops = NULL;
    p->alloc = NULL;
    p->budget = NULL;
}

/* ---- the summary ---- */

static const char *
count(double v, char *buf)
{
    return cli_format_count(v, buf, 40);
}

/* Slots a target or demand needs, or a gap: whole slots, rounded up as a plan must build
 * them (ccap_gap_slots_round_up(); a spare capacity of 9.5 shows as -9). */
static const char *
slots(double v, char *buf)
{
    double whole = v;

    if (!isnan(v))
        ccap_gap_slots_round_up(v, 1e-9, &whole);
    return cli_format_count(whole, buf, 40);
}

/* A count in running text: as in the tables in English, in 万 and 亿 in Chinese. */
static const char *
big(double v, char *buf)
{
    return cli_lang_zh() ? cli_format_wan(v, buf, 40) : cli_format_count(v, buf, 40);
}

/* Whole slots in running text (rounded up as slots()), in 万 in Chinese. */
static const char *
big_slots(double v, char *buf)
{
    double whole = v;

    if (!isnan(v))
        ccap_gap_slots_round_up(v, 1e-9, &whole);
    return big(whole, buf);
}

/* The name of a region in running text: the English name, the Chinese one in Chinese. */
static const char *
place(const report_plan *p, size_t r)
{
    return cli_lang_zh() ? ccap_regions_name(p->in->regions, r)
                         : ccap_regions_name_en(p->in->regions, r);
}

/* A region's row label, indented by depth: both names in English ("南阳市 Nanyang"), the
 * Chinese name alone in Chinese. */
static void
region_label(const report_plan *p, size_t r, char *buf, size_t size)
{
    const ccap_regions *regions = p->in->regions;
    const char *en = cli_lang_zh() ? "" : ccap_regions_name_en(regions, r);

    snprintf(buf, size, "%*s%s%s%s", (int)(2 * ccap_regions_depth(regions, r)), "",
             ccap_regions_name(regions, r), en != NULL && en[0] != '\0' ? " " : "",
             en != NULL ? en : "");
}

/* The widest region label, in terminal columns. */
static size_t
label_width(const report_plan *p)
{
    char label[256];
    size_t k, w = cli_display_width(_("region"));

    if (w < 6)
        w = 6;
    for (k = 0; k < ccap_regions_count(p->in->regions); k++) {
        region_label(p, k, label, sizeof label);
        if (cli_display_width(label) > w)
            w = cli_display_width(label);
    }
    return w;
}

/* ---- one summary, as text or as HTML ---- */


/* Where the summary goes: text in terminal columns (summary.txt and standard output), or the
 * same paragraphs and tables as HTML elements (index.html). */
typedef struct doc {
    FILE *fp;
    int html;
    size_t pending; /* text: spaces owed before the next printed cell */
    int first;      /* text: the next cell is the first of its row */
    int head;       /* html: the row is a header row */
} doc;

/* Formatted text: as it is in text; in HTML a paragraph (tag "p"), a list item ("li") or a
 * caption, without the text's leading and trailing spaces and newlines. */
static void doc_vtag(doc *d, const char *tag, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 0)))
#endif
    ;

static void
doc_vtag(doc *d, const char *tag, const char *fmt, va_list ap)
{
    char text[2048], *s, *e;

    vsnprintf(text, sizeof text, fmt, ap);
    if (!d->html) {
        fputs(text, d->fp);
        return;
    }
    for (s = text; *s == '\n' || *s == ' '; s++)
        ;
    if (strncmp(s, "- ", 2) == 0) /* a list item's mark in text */
        s += 2;
    for (e = s + strlen(s); e > s && (e[-1] == '\n' || e[-1] == ' '); e--)
        ;
    *e = '\0';
    fprintf(d->fp, "<%s>", tag);
    cli_html_text(d->fp, s);
    fprintf(d->fp, "</%s>\n", tag);
}

static void doc_para(doc *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void
doc_para(doc *d, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    doc_vtag(d, "p", fmt, ap);
    va_end(ap);
}

static void doc_item(doc *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void
doc_item(doc *d, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    doc_vtag(d, "li", fmt, ap);
    va_end(ap);
}

/* HTML only: opening or closing markup (a list, a box). */
static void
doc_html(doc *d, const char *markup)
{
    if (d->html)
        fputs(markup, d->fp);
}

/* A table in its own scrolling box (HTML), or columns of text. */
static void
doc_table(doc *d, int open)
{
    doc_html(d, open ? "<div class=\"scroll\"><table>\n" : "</table></div>\n");
}

/* A row: "  " first in text; head: a header row in HTML; cls: its class (NULL: none). */
static void
doc_row(doc *d, int head, const char *cls)
{
    d->pending = 2;
    d->first = 1;
    d->head = head;
    if (d->html)
        fprintf(d->fp, cls != NULL ? "<tr class=\"%s\">" : "<tr>", cls);
}

static void
doc_row_end(doc *d)
{
    fputs(d->html ? "</tr>\n" : "\n", d->fp);
}

/* A cell of width terminal columns (Chinese characters take two), after one space unless it
 * is the first of its row; text aligned left (right = 0) or right; in HTML a cell spanning
 * span columns.  Text mode prints no trailing spaces: empty cells only add to what is owed. */
static void
doc_cell_span(doc *d, const char *text, size_t width, int right, int span)
{
    const size_t w = cli_display_width(text);

    if (d->html) {
        const char *tag = d->head ? "th" : "td";
        if (span > 1)
            fprintf(d->fp, "<%s colspan=\"%d\">", tag, span);
        else
            fprintf(d->fp, "<%s>", tag);
        cli_html_text(d->fp, text);
        fprintf(d->fp, "</%s>", tag);
        return;
    }
    d->pending += d->first ? 0 : 1;
    d->first = 0;
    if (right)
        d->pending += width > w ? width - w : 0;
    if (text[0] == '\0') {
        d->pending += right ? 0 : width;
        return;
    }
    fprintf(d->fp, "%*s%s", (int)d->pending, "", text);
    d->pending = right ? 0 : width > w ? width - w : 0;
}

static void
doc_cell(doc *d, const char *text, size_t width, int right)
{
    doc_cell_span(d, text, width, right, 1);
}

/* A region's name as the first cell of a row, indented by its depth. */
static void
doc_region(doc *d, const report_plan *p, size_t r, size_t width)
{
    char label[256];

    region_label(p, r, label, sizeof label);
    if (!d->html) {
        doc_cell(d, label, width, 0);
        return;
    }
    fprintf(d->fp, "<th scope=\"row\" class=\"d%zu\">",
            ccap_regions_depth(p->in->regions, r) < 3 ? ccap_regions_depth(p->in->regions, r)
                                                      : (size_t)3);
    cli_html_text(d->fp, label + 2 * ccap_regions_depth(p->in->regions, r));
    fputs("</th>", d->fp);
}

/* Children under 3 at the end of year y: the plan's table, or its year-end population
 * before the table's first year. */
static double
row_or_base(const report_plan *p, int y, size_t r)
{
    double u3 = NAN;

    if (y >= p->from && y <= p->to)
        return row_at(p, y, r)->under3;
    ccap_population_sum_ages(ccap_plan_population(p->plan, y), r, CCAP_SEX_BOTH, 0, 3, &u3);
    return u3;
}

/* The Monte Carlo band of births and under-3s for year y (the lowest and highest of the
 * scenario's quantiles); 0 when there is none. */
static int
band_at(const report_plan *p, size_t r, int y, const double probs[3], double qb[3], double qu[3])
{
    /* calendar years: births in y, children at its end */
    return p->mc != NULL &&
           ccap_uncertainty_quantiles(p->mc, r, y, CCAP_UNCERTAINTY_BIRTHS, probs, 3, qb) ==
               CCAP_OK &&
           ccap_uncertainty_quantiles(p->mc, r, y, CCAP_UNCERTAINTY_UNDER3, probs, 3, qu) ==
               CCAP_OK;
}

/* The slots per 1,000 of the regions without children at the end of year y, when they are
 * all within 1% of each other (two or more of them): a county inventory made by sharing one rate
 * out by population rather than by counting.  0 otherwise. */
static int
one_rate(const report_plan *p, int y, double *rate)
{
    const ccap_regions *regions = p->in->regions;
    double lo = INFINITY, hi = -INFINITY;
    size_t r, n = 0;

    if (p->in->inv == NULL || y < p->from)
        return 0;
    for (r = 0; r < ccap_regions_count(regions); r++) {
        const double v = row_at(p, y, r)->per_1000;
        if (ccap_regions_n_children(regions, r) > 0 || isnan(v))
            continue;
        lo = fmin(lo, v);
        hi = fmax(hi, v);
        n++;
    }
    *rate = 0.5 * (lo + hi);
    return n >= 2 && hi - lo <= 0.01 * hi;
}

/* The note on where a scenario figure (slots, targets, takeup, costs, occupancy,
 * kindergarten) comes from:
 * the scenario's [sources] (ccap_scenario_source()), else, for the slots, the note column of
 * the slots file (ccap_childcare_inventory_provenance()); NULL without one. */
static const char *
source_note(const report_plan *p, const char *figure)
{
    const char *src = ccap_scenario_source(p->in->sc, figure);

    if (src == NULL && strcmp(figure, "slots") == 0)
        ccap_childcare_inventory_provenance(p->in->inv, &src);
    return src;
}

/* The kind of a scenario figure, as its note says (source_note()): "Published", "Derived"
 * or, without a note, "Assumed"; the note, in parentheses after a space, into note ("" without
 * one). */
static const char *
provenance(const report_plan *p, const char *figure, char *note, size_t size)
{
    const char *src = source_note(p, figure);

    note[0] = '\0';
    if (src != NULL)
        snprintf(note, size, " (%s)", src);
    switch (ccap_note_provenance(src)) {
    case CCAP_PROVENANCE_PUBLISHED:
        return _("Published");
    case CCAP_PROVENANCE_DERIVED:
        return _("Derived");
    default:
        return _("Assumed");
    }
}

/* 1 when the slots of region r are not counted ones: the scenario says the slots are derived
 * or assumed, or the counties share one rate (one_rate()) and r is a county. */
int
report_slots_estimated(const report_plan *p, size_t r)
{
    double rate;
    const ccap_provenance kind = ccap_note_provenance(source_note(p, "slots"));

    return kind == CCAP_PROVENANCE_DERIVED || kind == CCAP_PROVENANCE_ASSUMED ||
           (ccap_regions_n_children(p->in->regions, r) == 0 && one_rate(p, p->first - 1, &rate));
}

int
report_caveats(const report_plan *p, char lines[][REPORT_CAVEAT_MAX], int max)
{
    const cli_inputs *in = p->in;
    const int last_inv = p->first - 1;
    const int jump_off = p->mc != NULL ? ccap_uncertainty_result_jump_off_year(p->mc) : last_inv;
    const double *t = NULL;
    char note[REPORT_CAVEAT_MAX / 2];
    const char *kind;
    double rate;
    int n = 0;

    if (n < max)
        /* TRANSLATORS: the base year, then the last year with published figures */
        snprintf(lines[n++], REPORT_CAVEAT_MAX,
                 _("Estimated: the base population (%d) by single year of age is made from "
                   "broad census age groups (a standard age pattern fitted to the published "
                   "totals); so are the children under 3 of every year up to %d, which follow "
                   "from it and the published births."),
                 p->pop_year0, jump_off);
    if (n < max && source_note(p, "slots") != NULL) {
        kind = provenance(p, "slots", note, sizeof note);
        /* TRANSLATORS: Published, Derived or Assumed; the last year of the inventory; the
         * scenario's note on where the slots come from, in parentheses */
        snprintf(lines[n++], REPORT_CAVEAT_MAX, _("%s: the slots (托位) up to the end of %d%s."),
                 kind, last_inv, note);
    }
    if (n < max && one_rate(p, last_inv, &rate))
        snprintf(lines[n++], REPORT_CAVEAT_MAX,
                 _("Assumed: every county has %.2f slots per 1,000 residents at the end of %d, "
                   "one rate shared out by population rather than counted slots; the county "
                   "gaps show what that rate implies, not where slots are missing."),
                 rate, last_inv);
    {
        /* the children enrolled come with the slots file and are as certain as it */
        const ccap_gap_row *g = row_at(p, last_inv, ccap_regions_preorder(in->regions, 0));
        char a[40];
        if (n < max && g != NULL && !isnan(g->enrolled)) {
            kind = provenance(p, "slots", note, sizeof note);
            /* TRANSLATORS: Published, Derived or Assumed; the children enrolled, the year,
             * the share of the slots in use */
            snprintf(lines[n++], REPORT_CAVEAT_MAX,
                     _("%s: the children enrolled of the slots file (%s at the end of %d, %.0f%% "
                       "of the slots in use); the observed use shown is theirs."),
                     kind, count(g->enrolled, a), last_inv, 100.0 * g->utilisation);
        }
    }
    if (n < max && ccap_scenario_source(in->sc, "targets") != NULL) {
        kind = provenance(p, "targets", note, sizeof note);
        snprintf(lines[n++], REPORT_CAVEAT_MAX, _("%s: the targets%s."), kind, note);
    }
    if (n < max && in->takeup != NULL &&
        ccap_childcare_takeup_get(in->takeup, 0, NULL, &t) == CCAP_OK && t != NULL) {
        kind = provenance(p, "takeup", note, sizeof note);
        /* TRANSLATORS: Published, Derived or Assumed; the rates; the scenario's note */
        snprintf(lines[n++], REPORT_CAVEAT_MAX,
                 _("%s: take-up (入托率) of %.0f%%, %.0f%% and %.0f%% at ages 0, 1 and 2%s; the "
                   "demand-based need moves with it."),
                 kind, 100.0 * t[0], 100.0 * t[1], 100.0 * t[2], note);
        if (n < max) {
            kind = provenance(p, "occupancy", note, sizeof note);
            snprintf(lines[n++], REPORT_CAVEAT_MAX,
                     _("%s: an occupancy of %.0f%%, the share of slots filled when demand is "
                       "met%s."),
                     kind, 100.0 * cli_scenario_get(in->sc, "occupancy"), note);
        }
    }
    if (n < max && p->have_cost) {
        kind = provenance(p, "costs", note, sizeof note);
        snprintf(lines[n++], REPORT_CAVEAT_MAX,
                 _("%s: the unit costs of the costs file (yuan per slot and per slot-year)%s; "
                   "assumed: the discount rate of %.1f%%."),
                 kind, note, 100.0 * p->discount);
    }
    if (n < max && ccap_plan_kindergarten(p->plan, NULL) != NULL) {
        char a[40];
        kind = provenance(p, "kindergarten", note, sizeof note);
        /* TRANSLATORS: Published, Derived or Assumed; the enrolment rate; the yuan per
         * converted slot; the scenario's note */
        snprintf(lines[n++], REPORT_CAVEAT_MAX,
                 _("%s: %.1f%% of the children aged 3-5 in kindergarten and %s yuan to convert "
                   "an idle kindergarten place into a 托班 slot%s (kindergarten_enrolment, "
                   "conversion_cost)."),
                 kind, 100.0 * in->kg.enrolment_rate, count(in->kg.capital_per_converted_slot, a),
                 note);
    }
    if (n < max && p->budget != NULL) {
        char a[40], b[40], c[40];
        /* TRANSLATORS: the share of children registered locally, the childcare subsidy a
         * year, the fee and the operating subsidy a month */
        snprintf(lines[n++], REPORT_CAVEAT_MAX,
                 _("Assumed: who pays rests on %.0f%% of children under 3 registered locally "
                   "for the childcare subsidy (育儿补贴, %s yuan a year), fees of %s and "
                   "operating subsidies of %s yuan a child and month (--registered-share, "
                   "--fee, --operating-subsidy)."),
                 100.0 * p->pay.registered_share, count(p->pay.childcare_subsidy_per_child_year, a),
                 count(p->pay.fee_per_child_month, b),
                 count(p->pay.operating_subsidy_per_child_month, c));
    }
    if (n < max)
        snprintf(lines[n++], REPORT_CAVEAT_MAX,
                 _("Projected: every figure after %d (births, residents, children under 3, "
                   "slots needed), with its band where the Monte Carlo run gives one."),
                 jump_off);
    return n;
}

/* "Inputs and caveats": what the figures rest on, before the figures. */
static void
caveats(doc *d, const report_plan *p)
{
    char lines[REPORT_CAVEATS_MAX][REPORT_CAVEAT_MAX];
    const int n = report_caveats(p, lines, REPORT_CAVEATS_MAX);
    int i;

    doc_html(d, "<section class=\"caveats\">\n<h2>");
    if (d->html)
        cli_html_text(d->fp, _("Inputs and caveats"));
    else
        fprintf(d->fp, "%s\n", _("Inputs and caveats:"));
    doc_html(d, "</h2>\n<ul>\n");
    for (i = 0; i < n; i++)
        doc_item(d, "  - %s\n", lines[i]);
    doc_html(d, "</ul>\n</section>\n");
}

/* A note under the gaps when a parent's gap differs from the sum of its children's: each
 * is rounded up to whole slots on its own, and spare slots in one child are netted in the
 * parent's. */
static void
gap_sums(doc *d, const report_plan *p, const int *targets, int n_targets)
{
    const ccap_regions *regions = p->in->regions;
    const size_t root = ccap_regions_preorder(regions, 0);
    const size_t nc = ccap_regions_n_children(regions, root);
    char a[40], b[40];
    int i;

    if (nc == 0)
        return;
    for (i = 0; i < n_targets; i++) {
        double sum = 0.0, whole = 0.0, city = 0.0;
        int spare = 0;
        size_t k;
        for (k = 0; k < nc; k++) {
            const double g = row_at(p, targets[i], ccap_regions_child(regions, root, k))->gap;
            ccap_gap_slots_round_up(g, 1e-9, &whole);
            sum += whole;
            spare |= whole < 0.0;
        }
        ccap_gap_slots_round_up(row_at(p, targets[i], root)->gap, 1e-9, &city);
        if (fabs(sum - city) < 0.5) /* whole numbers */
            continue;
        /* TRANSLATORS: the year, the sum of the counties' gaps, the city's gap */
        doc_para(d,
                 _("  The county gaps of %d add to %s, the city's is %s: each gap is rounded "
                   "up to whole slots on its own%s.\n"),
                 targets[i], count(sum, a), count(city, b),
                 spare ? _(", and spare slots in one county count against shortfalls in "
                           "others in the city's")
                       : "");
    }
}

/* The workforce row of region r at the end of year y for basis b, or NULL. */
static const ccap_workforce_row *
workforce_at(const report_plan *p, int y, size_t r, ccap_workforce_basis b)
{
    const size_t R = ccap_regions_count(p->in->regions);
    const size_t i = ((size_t)(y - p->from) * R + r) * CCAP_WORKFORCE_N_BASES + (size_t)b;

    return p->workforce != NULL && y >= p->from && i < p->n_workforce ? &p->workforce[i] : NULL;
}

/* The binding target of a row, named: "4.5 per 1,000" or "enrolment 30%"; "" when none. */
static const char *
binding_label(const ccap_gap_row *g, char *buf, size_t size)
{
    buf[0] = '\0';
    if (g->binding == CCAP_TARGET_SLOTS_PER_1000 && !isnan(g->target_per_1000))
        /* TRANSLATORS: the binding target, 16 columns at most (a Chinese character takes 2) */
        snprintf(buf, size, _("%.1f per 1,000"), g->target_per_1000);
    else if (g->binding == CCAP_TARGET_ENROLMENT_RATE && !isnan(g->enrolment_target))
        /* TRANSLATORS: the binding target, 16 columns at most (a Chinese character takes 2) */
        snprintf(buf, size, _("enrolment %.0f%%"), 100.0 * g->enrolment_target);
    return buf;
}

/* A share in percent with one decimal, or "" for NaN. */
static const char *
percent(double v, char *buf)
{
    if (isnan(v))
        buf[0] = '\0';
    else
        snprintf(buf, 40, "%.1f%%", 100.0 * v);
    return buf;
}

/* Year by year, the city's binding target, the use observed (enrolled children, slots in
 * use, children under 3 in care) and the classes, carers, health staff and floor area of
 * the slots the binding target needs (gaps.csv, workforce.csv). */
static void
targets_and_staff(doc *d, const report_plan *p, int jump_off)
{
    const size_t root = ccap_regions_preorder(p->in->regions, 0);
    char a[40], e[64];
    int y;

    doc_para(d,
             _("\nBinding target, observed use and what the slots needed take, %s (gaps.csv, "
               "workforce.csv; the 2019 national standard): enrolled children, the share of "
               "slots in use (utilisation) and of children under 3 in care (enrolment rate) "
               "where the slots file counts them, and from the first year of building as "
               "demand projects them (the children take-up puts in care, in the slots once "
               "the plan is built); classes, carers, health staff and floor area for the "
               "slots the binding target needs:\n"),
             place(p, root));
    doc_table(d, 1);
    doc_row(d, 1, NULL);
    doc_cell(d, _("year"), 6, 0);
    /* TRANSLATORS: column headings of the summary's table; each fits the width of its
     * column: 16, 12, 9, 8, 8, 8, 8, 12 and 10 columns (a Chinese character takes 2) */
    doc_cell(d, _("binding target"), 16, 0);
    doc_cell(d, _("slots needed"), 12, 1);
    doc_cell(d, _("enrolled"), 9, 1);
    doc_cell(d, _("in use"), 8, 1);
    doc_cell(d, _("in care"), 8, 1);
    doc_cell(d, _("classes"), 8, 1);
    doc_cell(d, _("carers"), 8, 1);
    doc_cell(d, _("health staff"), 12, 1);
    doc_cell(d, _("floor m²"), 10, 1);
    doc_row_end(d);
    for (y = p->from; y <= p->to; y++) {
        const ccap_gap_row *g = row_at(p, y, root);
        const ccap_workforce_row *w = workforce_at(p, y, root, CCAP_WORKFORCE_NEEDED);
        const int staffed = w != NULL && !isnan(w->need.classes_total);
        doc_row(d, 0, y > jump_off ? "est" : NULL);
        snprintf(e, sizeof e, "%d", y);
        doc_cell(d, e, 6, 0);
        doc_cell(d, binding_label(g, e, sizeof e), 16, 0);
        doc_cell(d, isnan(g->target_slots) ? "" : slots(g->target_slots, a), 12, 1);
        doc_cell(d, isnan(g->enrolled) ? "" : count(g->enrolled, a), 9, 1);
        if (y >= p->first && !isnan(g->demand_slots)) {
            /* projected: the children demand puts in care, in the slots once the plan is
             * built and among the children under 3 (marked estimated with the row) */
            const double occupancy = ccap_plan_options_used(p->plan)->occupancy;
            const double in_care = g->demand_slots * occupancy;
            double after = NAN;
            ccap_plan_slots_after(p->plan, root, y, &after, NULL);
            doc_cell(d, percent(after > 0.0 ? in_care / after : (double)NAN, a), 8, 1);
            doc_cell(d, percent(g->under3 > 0.0 ? in_care / g->under3 : (double)NAN, a), 8, 1);
        } else {
            doc_cell(d, percent(g->utilisation, a), 8, 1);
            doc_cell(d, percent(g->enrolment_rate, a), 8, 1);
        }
        doc_cell(d, staffed ? count(w->need.classes_total, a) : "", 8, 1);
        doc_cell(d, staffed ? count(w->need.carers_total, a) : "", 8, 1);
        doc_cell(d, staffed ? count(w->need.health_staff, a) : "", 12, 1);
        doc_cell(d, staffed ? count(w->need.floor_area_m2, a) : "", 10, 1);
        doc_row_end(d);
    }
    doc_table(d, 0);
}

/* Who pays for the minimal build and the slots it runs: central and local budgets, families
 * and providers, every fifth year and the present values (budget.csv has every year). */
static void
who_pays(doc *d, const report_plan *p)
{
    const ccap_budget_year *v;
    char a[40], b[40], c[40], e[40], f[40], g[40];
    size_t i;

    if (p->budget == NULL)
        return;
    /* TRANSLATORS: the first and last year, the discount rate, the childcare subsidy a year,
     * the share of children registered locally, the fee and the operating subsidy a month */
    doc_para(d,
             _("\nWho pays for the slots operated once the plan is built, %d-%d (budget.csv; "
               "yuan, present values at %.1f%%): the central budget pays the subsidy per new "
               "inclusive slot and the childcare subsidy "
               "(育儿补贴, %s a year for %.0f%% of children under 3); local budgets the "
               "capital net of it and operating subsidies (%s a child and month); families "
               "fees (%s a child and month); providers the running cost left (negative: a "
               "surplus):\n"),
             p->first, p->to, 100.0 * p->discount,
             count(p->pay.childcare_subsidy_per_child_year, a), 100.0 * p->pay.registered_share,
             count(p->pay.operating_subsidy_per_child_month, b),
             count(p->pay.fee_per_child_month, c));
    doc_table(d, 1);
    doc_row(d, 1, NULL);
    doc_cell(d, _("year"), 13, 0);
    /* TRANSLATORS: column headings of who pays, 14 columns at most */
    doc_cell(d, _("central"), 14, 1);
    doc_cell(d, _("local"), 14, 1);
    doc_cell(d, _("families"), 14, 1);
    doc_cell(d, _("providers"), 14, 1);
    doc_cell(d, _("total"), 14, 1);
    doc_row_end(d);
    for (i = 0; i <= p->n_budget; i++) {
        v = i < p->n_budget ? &p->budget[i] : &p->budget_pv;
        if (i < p->n_budget && i > 0 && v->year % 5 != 0 && i + 1 < p->n_budget)
            continue;
        doc_row(d, i == p->n_budget, "est");
        if (i < p->n_budget)
            snprintf(g, sizeof g, "%d", v->year);
        else
            snprintf(g, sizeof g, "%s", _("present value"));
        doc_cell(d, g, 13, 0);
        doc_cell(d, count(v->central, a), 14, 1);
        doc_cell(d, count(v->local, b), 14, 1);
        doc_cell(d, count(v->families, c), 14, 1);
        doc_cell(d, count(v->providers, e), 14, 1);
        doc_cell(d, count(v->central + v->local + v->families + v->providers, f), 14, 1);
        doc_row_end(d);
    }
    doc_table(d, 0);
}

/* The summary, as text or HTML. */
/* With kindergarten places: the slots the schedule converts from idle places (幼儿园学位)
 * and builds new, in the city, and its first years of building (ccap_plan_kindergarten(),
 * the rows of schedule.csv). */
static void
kindergartens(doc *d, const report_plan *p)
{
    const ccap_regions *regions = p->in->regions;
    const size_t root = ccap_regions_preorder(regions, 0), n = (size_t)(p->to - p->first + 1);
    const ccap_kindergarten_row *k = ccap_plan_kindergarten(p->plan, NULL);
    double converted = NAN, built = NAN, cost = NAN;
    char a[40], b[40], c[40], e[40];
    size_t i;

    if (k == NULL ||
        ccap_plan_kindergarten_totals(p->plan, root, &converted, &built, &cost) != CCAP_OK)
        return;
    k += root * n;
    doc_para(d,
             _("\nKindergartens (幼儿园): at %.1f%% of the children aged 3-5 enrolled, %d-%d the "
               "schedule converts idle places into %s 托班 slots (%s yuan) and builds %s new "
               "slots; the city's first years of building (every year and county in "
               "schedule.csv):\n"),
             100.0 * p->in->kg.enrolment_rate, p->first, p->to, big(converted, a), big(cost, b),
             big(built, c));
    doc_table(d, 1);
    doc_row(d, 1, NULL);
    /* TRANSLATORS: column headings of the kindergarten table, 12 columns at most */
    doc_cell(d, _("year"), 6, 0);
    doc_cell(d, _("aged 3-5"), 12, 1);
    doc_cell(d, _("places"), 12, 1);
    doc_cell(d, _("idle"), 12, 1);
    doc_cell(d, _("converted"), 12, 1);
    doc_cell(d, _("built"), 12, 1);
    doc_cell(d, _("capital"), 14, 1);
    doc_row_end(d);
    for (i = 0; i < n && i < 6; i++) {
        snprintf(e, sizeof e, "%d", k[i].year);
        doc_row(d, 0, NULL);
        doc_cell(d, e, 6, 0);
        doc_cell(d, count(k[i].children, a), 12, 1);
        doc_cell(d, count(k[i].places, b), 12, 1);
        doc_cell(d, count(k[i].idle, c), 12, 1);
        doc_cell(d, count(k[i].converted, a), 12, 1);
        doc_cell(d, count(k[i].built, b), 12, 1);
        doc_cell(d, count(k[i].conversion_cost + k[i].build_cost, c), 14, 1);
        doc_row_end(d);
    }
    doc_table(d, 0);
}

static void
summary(doc *d, const report_plan *p)
{
    const cli_inputs *in = p->in;
    const ccap_regions *regions = in->regions;
    const size_t R = ccap_regions_count(regions), root = ccap_regions_preorder(regions, 0);
    const size_t n = (size_t)(p->to - p->first + 1);
    double probs[3];
    const double width = band(p, probs);
    char a[40], b[40], c[40], e[80], label[256];
    double pop0 = NAN, u3 = NAN;
    size_t k, i;
    const size_t W = d->html ? 0 : label_width(p);
    int y, targets[8], n_targets = 0, jump_off = p->first - 1;

    ccap_population_total(in->base, root, CCAP_SEX_BOTH, &pop0);
    ccap_population_sum_ages(in->base, root, CCAP_SEX_BOTH, 0, 3, &u3);
    /* the last observed year: the Monte Carlo run's jump-off */
    if (p->mc != NULL)
        jump_off = ccap_uncertainty_result_jump_off_year(p->mc);
    region_label(p, root, label, sizeof label);
    if (!d->html)
        /* TRANSLATORS: the first %s is the city's name, then the first and the last year */
        fprintf(d->fp, _("%s: childcare plan (托育规划), %d-%d\n\n"), label, p->pop_year0, p->to);
    caveats(d, p);
    doc_html(d, "<h2>");
    if (d->html)
        cli_html_text(d->fp, _("Summary"));
    doc_html(d, "</h2>\n");
    if (!d->html)
        fputc('\n', d->fp);
    {
        const ccap_gap_row *r0 = row_at(p, p->first - 1, root);
        /* TRANSLATORS: the counts are "9,713,112" in English, "971.3万" in Chinese */
        doc_para(d, _("Base population (%d): %s residents, %s children under 3.\n"), p->pop_year0,
                 big(pop0, a), big(u3, b));
        doc_para(d,
                 _("Slots (托位) at the end of %d: %s, %.2f per 1,000 residents "
                   "(每千人口托位数).\n"),
                 p->first - 1, big(r0->slots, c), r0->per_1000);
    }
    /* TRANSLATORS: %s is the city; then the last observed year, the band's width and the
     * number of trajectories */
    doc_para(d,
             _("\nBirths in the calendar year and children under 3 at its end, %s: the "
               "calibrated projection; after %d with the %g%% band of %zu Monte Carlo "
               "trajectories (%d and before are observed: no band):\n"),
             place(p, root), jump_off, width, ccap_uncertainty_result_n_trajectories(p->mc),
             jump_off);
    doc_table(d, 1);
    doc_row(d, 1, NULL);
    doc_cell(d, _("year"), 6, 0);
    doc_cell_span(d, _("births"), 26, 1, 2);
    doc_cell_span(d, _("under 3"), 30, 1, 2);
    doc_row_end(d);
    for (y = ccap_population_year(in->base) + 1; y <= p->to; y++) {
        double qb[3], qu[3], births = NAN;
        const int banded = y > jump_off && band_at(p, root, y, probs, qb, qu);
        if (!(y == ccap_population_year(in->base) + 1 || y % 5 == 0 || y == p->to ||
              y == p->first - 1))
            continue;
        ccap_plan_events(p->plan, root, y, &births, NULL, NULL);
        doc_row(d, 0, y > jump_off ? "est" : NULL);
        snprintf(e, sizeof e, "%d", y);
        doc_cell(d, e, 6, 0);
        doc_cell(d, count(births, a), 9, 1);
        if (banded)
            snprintf(e, sizeof e, d->html ? "%s\u2013%s" : "(%7s-%7s)", count(qb[0], b),
                     count(qb[2], c));
        doc_cell(d, banded ? e : "", 17, 1);
        /* the children under 3 of the observed years are estimated (Inputs and caveats) */
        snprintf(e, sizeof e, "%s%s", count(row_or_base(p, y, root), a), y <= jump_off ? "†" : "");
        doc_cell(d, e, 11, 1);
        if (banded)
            snprintf(e, sizeof e, d->html ? "%s\u2013%s" : "(%7s-%7s)", count(qu[0], b),
                     count(qu[2], c));
        doc_cell(d, banded ? e : "", 17, 1);
        doc_row_end(d);
    }
    doc_table(d, 0);
    doc_para(d, "%s", _("  † estimated (Inputs and caveats).\n"));
    if (d->html)
        doc_para(d, "%s", _("Italic rows are projected."));
    {
        ccap_births_warning w;
        int found = 0;
        if (ccap_diagnose_births(p->proj, root, 10, 0.15, &w, &found) == CCAP_OK && found)
            /* TRANSLATORS: births 2025-2035 change more than the births per woman explain */
            doc_para(d,
                     _("  Note: births %+.0f%% from %d to %d while births per woman aged 20-34 "
                       "change %+.0f%%: women aged 20-34 %+.0f%% (born %d-%d), children under "
                       "3 %+.0f%%. Cohort sizes, not fertility, drive it: check the base "
                       "population and the migration profile.\n"),
                     100.0 * w.births_change, w.from_year, w.to_year, 100.0 * w.rate_change,
                     100.0 * w.women_change, w.born_from, w.born_to, 100.0 * w.under3_change);
    }
    /* target years: the years whose target differs from the year before */
    for (y = p->from; y <= p->to && n_targets < 8; y++) {
        const double t = row_at(p, y, root)->target_per_1000;
        const double before = y > p->from ? row_at(p, y - 1, root)->target_per_1000 : (double)NAN;
        if (!isnan(t) && (isnan(before) || fabs(t - before) > 1e-12))
            targets[n_targets++] = y;
    }
    doc_para(d, _("\nSlots per 1,000 and the gap to each target (slots missing; - : spare):\n"));
    doc_table(d, 1);
    doc_row(d, 1, NULL);
    doc_cell(d, _("region"), W, 0);
    doc_cell(d, _("slots"), 10, 1);
    /* TRANSLATORS: a column heading of 8 columns at most (a Chinese character takes 2) */
    doc_cell(d, _("per1000"), 8, 1);
    for (i = 0; i < (size_t)n_targets; i++) {
        snprintf(e, sizeof e, "%.1f@%d", row_at(p, targets[i], root)->target_per_1000, targets[i]);
        doc_cell(d, e, 12, 1);
    }
    /* TRANSLATORS: a column heading: slots per 1,000 at the end of the year, once the
     * plan's new slots are built; 12 columns at most */
    snprintf(e, sizeof e, _("after@%d"), p->first);
    doc_cell(d, e, 12, 1);
    doc_row_end(d);
    for (k = 0; k < R; k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        const ccap_gap_row *now = row_at(p, p->first - 1, r);
        double after = NAN;
        doc_row(d, 0, NULL);
        doc_region(d, p, r, W);
        snprintf(e, sizeof e, "%s%s", count(now->slots, a),
                 report_slots_estimated(p, r) ? "†" : "");
        doc_cell(d, e, 10, 1);
        snprintf(e, sizeof e, "%.2f", now->per_1000);
        doc_cell(d, e, 8, 1);
        for (i = 0; i < (size_t)n_targets; i++)
            doc_cell(d, slots(row_at(p, targets[i], r)->gap, a), 12, 1);
        ccap_plan_slots_after(p->plan, r, p->first, NULL, &after);
        snprintf(e, sizeof e, "%.2f", after);
        doc_cell(d, e, 12, 1);
        doc_row_end(d);
    }
    doc_table(d, 0);
    for (k = 0; k < R && !report_slots_estimated(p, ccap_regions_preorder(regions, k)); k++)
        ;
    if (k < R)
        doc_para(d, "%s",
                 _("  † not counted slots: derived or assumed (Inputs and caveats); so are "
                   "the gaps of these regions.\n"));
    gap_sums(d, p, targets, n_targets);
    if (in->takeup != NULL) {
        doc_para(d,
                 _("\nDemand-based need (children under 3 x take-up 入托率 / occupancy "
                   "%.0f%%), %s:\n"),
                 100.0 * cli_scenario_get(in->sc, "occupancy"), place(p, root));
        doc_html(d, "<ul>\n");
        for (y = p->first - 1; y <= p->to; y++) {
            const ccap_gap_row *r = row_at(p, y, root);
            if (y > p->first && y % 5 != 0 && y != p->to)
                continue;
            doc_item(d, _("  %d: demand %s slots, per-1,000 target %s slots\n"), y,
                     big_slots(r->demand_slots, a), big_slots(r->target_slots, b));
        }
        if (p->overbuild_year != 0)
            doc_item(d,
                     _("  The per-1,000 target first exceeds demand in %d: slots built to the "
                       "target beyond demand would stand idle.\n"),
                     p->overbuild_year);
        else
            doc_item(d, _("  The per-1,000 target stays within demand through %d.\n"), p->to);
        doc_html(d, "</ul>\n");
    }
    targets_and_staff(d, p, jump_off);
    /* the page shows the whole schedule and the allocation in a table of its own */
    if (!d->html) {
        if (n > 6)
            doc_para(d, _("\nMinimal build schedule (new slots each year to meet every target, "
                          "whole slots; the first 6 years, every year in schedule.csv):\n"));
        else
            doc_para(d, _("\nMinimal build schedule (new slots each year to meet every target, "
                          "whole slots):\n"));
        doc_row(d, 1, NULL);
        doc_cell(d, _("region"), W, 0);
        for (i = 0; i < n && i < 6; i++) {
            snprintf(e, sizeof e, "%d", p->first + (int)i);
            doc_cell(d, e, 8, 1);
        }
        doc_cell(d, _("total"), 10, 1);
        doc_row_end(d);
        for (k = 0; k < R; k++) {
            const size_t r = ccap_regions_preorder(regions, k);
            double total = 0.0;
            doc_row(d, 0, NULL);
            doc_region(d, p, r, W);
            for (i = 0; i < n; i++) {
                total += p->schedule[r * n + i];
                if (i < 6)
                    doc_cell(d, count(p->schedule[r * n + i], a), 8, 1);
            }
            doc_cell(d, count(total, a), 10, 1);
            doc_row_end(d);
        }
    }
    kindergartens(d, p);
    if (ccap_plan_options_used(p->plan)->rule == CCAP_PLAN_CITY_ONLY)
        doc_para(d,
                 _("\nNew slots at the end of %d: %s.  The city as a whole meets every target: "
                   "its own gap, spare slots in one county netted against shortfalls in "
                   "others, shared between the counties with the largest shortfall left "
                   "(--build-rule city):\n"),
                 p->alloc_year, big(p->n_alloc, a));
    else
        doc_para(d,
                 _("\nNew slots at the end of %d: %s.  Every county meets every target on its "
                   "own: spare slots in one county are not lent to another, so the city "
                   "builds the sum of its counties' shortfalls (its own gap, spare slots "
                   "netted, is %s):\n"),
                 p->alloc_year, big(p->n_alloc, a),
                 big_slots(row_at(p, p->alloc_year, root)->gap, b));
    for (k = 0; k < R && !d->html; k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        if (ccap_regions_n_children(regions, r) > 0 || p->alloc[r] <= 0.0)
            continue;
        doc_row(d, 0, NULL);
        doc_region(d, p, r, W);
        doc_cell(d, count(p->alloc[r], a), 10, 1);
        doc_row_end(d);
    }
    if (p->have_cost) {
        char f[40];
        double per_slot, staff_share;
        doc_para(d,
                 _("\nCost of the minimal build, %d-%d (yuan, present value at %.1f%%):\n"
                   "  capital %s, running %s; central subsidy for the %.0f%% inclusive "
                   "(普惠) new slots %s; net of it %s, for local budgets, families and "
                   "providers to share\n"),
                 p->first, p->to, 100.0 * p->discount, big(p->cost.pv_capital, a),
                 big(p->cost.pv_running, b), 100.0 * p->inclusive_share, big(p->cost.pv_subsidy, c),
                 big(p->cost.pv_capital + p->cost.pv_running - p->cost.pv_subsidy, f));
        if (ccap_plan_running_cost(p->plan, &per_slot, &staff_share) == CCAP_OK)
            doc_para(d,
                     _("  running cost built up from the staff and space of the slots at the "
                       "end of %d: %s yuan per slot and year, %.0f%% of it staff and rent (in "
                       "place of the costs file's)\n"),
                     p->first, count(per_slot, a), 100.0 * staff_share);
    }
    who_pays(d, p);
}

void
report_summary(FILE *fp, const report_plan *p)
{
    doc d = {fp, 0, 0, 1, 0};

    summary(&d, p);
}

/* ---- the files ---- */

int
report_path_in(char *buf, size_t size, const char *dir, const char *name)
{
    const size_t a = strlen(dir), b = strlen(name);

    if (a + 1 + b >= size) {
        buf[0] = '\0';
        return 0;
    }
    memcpy(buf, dir, a);
    buf[a] = '/';
    memcpy(buf + a + 1, name, b + 1);
    return 1;
}

/* The tables, in the staging directory of od; a writer's diagnostic names the file as
 * DIR/NAME (cli_outdir_print_diag). */
int
report_write_tables(const report_plan *p, const cli_outdir *od)
{
    const char *dir = cli_outdir_stage(od);
    const cli_inputs *in = p->in;
    const ccap_regions *regions = in->regions;
    const size_t R = ccap_regions_count(regions), n = (size_t)(p->to - p->first + 1);
    char path[4096];
    ccap_diag diag;
    size_t nq = 0;
    const double *q = ccap_scenario_quantiles(in->sc, &nq);

    if (!report_path_in(path, sizeof path, dir, "population.csv") ||
        ccap_csv_write_populations(path, regions, p->pops, p->n_pops, &diag) != CCAP_OK)
        goto fail;
    if (!report_path_in(path, sizeof path, dir, "gaps.csv") ||
        ccap_csv_write_gaps(path, regions, p->rows, (size_t)(p->to - p->from + 1) * R, &diag) !=
            CCAP_OK)
        goto fail;
    if (!report_path_in(path, sizeof path, dir, "schedule.csv") ||
        ccap_csv_write_schedule(path, regions, p->first, n, p->schedule,
                                ccap_plan_kindergarten(p->plan, NULL), &diag) != CCAP_OK)
        goto fail;
    if (!report_path_in(path, sizeof path, dir, "allocation.csv") ||
        ccap_csv_write_allocation(path, regions, p->alloc, &diag) != CCAP_OK)
        goto fail;
    /* who staffs and who pays, by the writers of ccap-gap */
    if (p->workforce != NULL &&
        (!report_path_in(path, sizeof path, dir, "workforce.csv") ||
         ccap_csv_write_workforce(path, regions, p->workforce, p->n_workforce, &diag) != CCAP_OK))
        goto fail;
    if (p->budget != NULL &&
        (!report_path_in(path, sizeof path, dir, "budget.csv") ||
         ccap_csv_write_budget(path, p->budget, p->n_budget, &p->budget_pv, &diag) != CCAP_OK))
        goto fail;
    /* the Monte Carlo results by the library's writers, as ccap-simulate writes them */
    if (p->mc != NULL &&
        (!report_path_in(path, sizeof path, dir, "quantiles.csv") ||
         ccap_csv_write_quantiles(path, regions, p->mc, ccap_plan_gap_uncertainty(p->plan),
                                  q, nq, &diag) != CCAP_OK ||
         !report_path_in(path, sizeof path, dir, "probabilities.csv") ||
         ccap_csv_write_probabilities(path, regions, p->mc, ccap_plan_gap_uncertainty(p->plan),
                                      &diag) != CCAP_OK))
        goto fail;
    return CLI_EXIT_OK;
fail:
    cli_outdir_print_diag(od, &diag);
    return CLI_EXIT_DATA;
}

/* A bar label short enough for the chart's margin: the name up to " (", at most size − 1
 * bytes, cut on a character boundary with "..." when longer. */
static void
short_label(const char *name, char *buf, size_t size)
{
    const char *paren = strstr(name, " (");
    size_t len = paren != NULL ? (size_t)(paren - name) : strlen(name);

    if (len >= size) {
        len = size - 4;
        while (len > 0 && ((unsigned char)name[len] & 0xC0) == 0x80)
            len--;
        memcpy(buf, name, len);
        memcpy(buf + len, "...", 4);
        return;
    }
    memcpy(buf, name, len);
    buf[len] = '\0';
}

/* The series of the slots chart and of the workbook's, in the order of their colours. */
static const char *const slot_series[4] = {N_("needed for the per-1,000 target"),
                                           N_("needed for demand"), N_("current slots held"),
                                           N_("current + minimal build")};

double
report_vital_figure(const ccap_vitals *vitals, size_t r, int y, int measure, int *estimated)
{
    ccap_vital v;
    size_t i;

    *estimated = 0;
    for (i = 0; measure >= 0 && vitals != NULL && i < ccap_vitals_count(vitals); i++)
        if (ccap_vitals_get(vitals, i, &v) == CCAP_OK && v.region == r && v.year == y &&
            (int)v.measure == measure) {
            *estimated = ccap_note_provenance(v.note) != CCAP_PROVENANCE_PUBLISHED;
            return v.value;
        }
    return NAN;
}

int
report_first_figure(const ccap_vitals *vitals, size_t root, int base_year, int measure)
{
    int y, est, first = measure == CCAP_VITALS_BIRTHS ? base_year + 1 : base_year;

    for (y = base_year - 10; y < first; y++)
        if (!isnan(report_vital_figure(vitals, root, y, measure, &est)))
            return y;
    return first;
}

/* The charts (at most REPORT_CHARTS_MAX) as `ext` files (svg or png); returns how many were
 * drawn. */
int
report_write_charts(const report_plan *p, const char *dir, const char *ext, char names[][32])
{
    const cli_inputs *in = p->in;
    const ccap_regions *regions = in->regions;
    const size_t R = ccap_regions_count(regions), root = ccap_regions_preorder(regions, 0);
    const size_t G = ccap_population_n_ages(in->base), S = in->steps;
    const size_t n = (size_t)(p->to - p->first + 2); /* from the last inventory year */
    double probs[3];
    const double width = band(p, probs);
    char path[4096], err[512], title[256], file[32], legend[128];
    const size_t nh = (size_t)(p->to - p->from + 1);
    int drawn = 0, *years = malloc((S + n + nh) * sizeof *years);
    int *est = calloc(2 * (S + n + nh), sizeof *est); /* the years' estimated figures */
    double *buf = malloc((4 * (S + n) + 6 * nh + R) * sizeof *buf);
    const int jump_off =
        p->mc != NULL ? ccap_uncertainty_result_jump_off_year(p->mc) : p->first - 1;
    size_t i, k, nb = 0;

    if (years == NULL || est == NULL || buf == NULL)
        goto out;
    /* 1. population pyramid, base year against the last */
    snprintf(title, sizeof title, _("%s: population by single year of age, %d and %d"),
             place(p, root), p->pop_year0, p->to);
    snprintf(file, sizeof file, "pyramid.%s", ext);
    report_path_in(path, sizeof path, dir, file);
    {
        char la[16], lb[16];
        /* the years as legends: "2035", or "2035年" in Chinese */
        snprintf(la, sizeof la, cli_lang_zh() ? "%d年" : "%d", p->pop_year0);
        snprintf(lb, sizeof lb, cli_lang_zh() ? "%d年" : "%d", p->to);
        const ccap_population *last = p->pops[p->n_pops - 1];
        if (chart_pyramid(path, title, G, ccap_population_values(in->base, root, CCAP_SEX_FEMALE),
                          ccap_population_values(in->base, root, CCAP_SEX_MALE), la,
                          ccap_population_values(last, root, CCAP_SEX_FEMALE),
                          ccap_population_values(last, root, CCAP_SEX_MALE), lb, err,
                          sizeof err) == 0)
            snprintf(names[drawn++], 32, "%s", file);
        else
            fprintf(stderr, "%s: %s: %s\n", PROGRAM, file, err);
    }
    /* TRANSLATORS: the band's width in percent, then its quantiles as percentiles */
    snprintf(legend, sizeof legend, _("%g%% band (percentiles %g to %g)"), width, 100.0 * probs[0],
             100.0 * probs[2]);
    /* 2. births, children under 3 and residents: the plan's figures from the base year (the
     *    ones the summary prints; children under 3 estimated up to the last observed year,
     *    as the summary marks them), the band after the last observed year, and the figures
     *    of the vitals as points, hollow where derived or assumed
     *    (the rows lo, mid, hi and published of buf, ny years from y0; est: the line's
     *    estimated years, then the points') */
    for (k = 0; k < 3; k++) {
        static const ccap_uncertainty_measure m[3] = {
            CCAP_UNCERTAINTY_BIRTHS, CCAP_UNCERTAINTY_UNDER3, CCAP_UNCERTAINTY_POPULATION};
        static const int vital[3] = {CCAP_VITALS_BIRTHS, -1, CCAP_VITALS_POPULATION};
        static const char *const base[3] = {"births", "under3", "population"};
        static const char *const what[3] = {N_("births per year"), N_("children under 3"),
                                            N_("residents")};
        static const char *const axis[3] = {N_("births"), N_("children aged 0-2"),
                                            N_("residents at the end of the year")};
        double q[3], *lo = buf, *mid = buf + S + n, *hi = buf + 2 * (S + n),
                     *pub = buf + 3 * (S + n);
        chart_series series[2];
        int y0 = report_first_figure(p->vitals, root, p->pop_year0, vital[k]), n_pub = 0,
            *est_pub = est + S + n + nh;
        size_t ny;

        for (ny = 0; y0 + (int)ny <= p->to && ny < S + n; ny++) {
            const int y = y0 + (int)ny;
            years[ny] = y;
            mid[ny] = lo[ny] = hi[ny] = NAN;
            if (k == 0)
                ccap_plan_events(p->plan, root, y, &mid[ny], NULL, NULL);
            else if (k == 1 && y >= p->pop_year0)
                mid[ny] = row_or_base(p, y, root);
            else if (k == 2 && y >= p->pop_year0)
                ccap_population_total(p->pops[y - p->pop_year0], root, CCAP_SEX_BOTH, &mid[ny]);
            if (y > ccap_uncertainty_result_jump_off_year(p->mc) &&
                ccap_uncertainty_quantiles(p->mc, root, y, m[k], probs, 3, q) == CCAP_OK) {
                lo[ny] = q[0];
                hi[ny] = q[2];
            }
            est[ny] = k == 1 && !isnan(mid[ny]) && y <= jump_off;
            pub[ny] = report_vital_figure(p->vitals, root, y, vital[k], &est_pub[ny]);
            n_pub += !isnan(pub[ny]);
        }
        snprintf(title, sizeof title, _("%s: %s, projection and %g%% band"), place(p, root),
                 _(what[k]), width);
        series[0] = (chart_series){_("Projection and band"), mid, lo, hi, 0, 0, est};
        series[1] = (chart_series){_("Published"), pub, NULL, NULL, 0, 1, est_pub};
        snprintf(file, sizeof file, "%s.%s", base[k], ext);
        report_path_in(path, sizeof path, dir, file);
        if (chart_series_lines(path, title, _(axis[k]), ny, years, n_pub > 0 ? 2 : 1, series, err,
                               sizeof err) == 0)
            snprintf(names[drawn++], 32, "%s", file);
        else
            fprintf(stderr, "%s: %s: %s\n", PROGRAM, file, err);
    }
    /* 3. slots from the first inventory year: held, the per-1,000 target (steps: each
     *    applies from its deadline), demand with its band, and after the minimal build */
    {
        double *target = buf, *demand = buf + nh, *current = buf + 2 * nh, *planned = buf + 3 * nh,
               *dlo = buf + 4 * nh, *dhi = buf + 5 * nh;
        const ccap_gap_uncertainty *gu = ccap_plan_gap_uncertainty(p->plan);
        const ccap_provenance kind = ccap_note_provenance(source_note(p, "slots"));
        chart_series series[4];
        for (i = 0; i < nh; i++) {
            const int y = p->from + (int)i;
            const ccap_gap_row *r = row_at(p, y, root);
            double q[3];
            years[i] = y;
            target[i] = r->target_slots;
            ccap_gap_slots_round_up(target[i], 1e-9, &target[i]);
            demand[i] = in->takeup != NULL ? r->demand_slots : (double)NAN;
            dlo[i] = dhi[i] = NAN;
            if (in->takeup != NULL && gu != NULL &&
                ccap_gap_uncertainty_quantiles(gu, root, y, CCAP_GAP_UNCERTAINTY_DEMAND_SLOTS,
                                               probs, 3, q) == CCAP_OK) {
                dlo[i] = q[0];
                dhi[i] = q[2];
            }
            current[i] = y < p->first ? r->slots : (double)NAN;
            /* the slots file's years, when its notes or the scenario's [sources] say they are
             * derived or assumed */
            est[i] = !isnan(current[i]) &&
                     (kind == CCAP_PROVENANCE_DERIVED || kind == CCAP_PROVENANCE_ASSUMED);
            planned[i] = NAN;
            if (y >= p->first - 1)
                ccap_plan_slots_after(p->plan, root, y, &planned[i], NULL);
        }
        k = 0;
        series[k++] = (chart_series){_(slot_series[0]), target, NULL, NULL, 1, 0, NULL};
        if (in->takeup != NULL)
            series[k++] = (chart_series){_(slot_series[1]), demand, dlo, dhi, 0, 0, NULL};
        /* slots not counted: hollow markers on the line, and said in the legend */
        series[k++] =
            (chart_series){report_slots_estimated(p, root) ? _("current slots held (derived "
                                                               "or assumed)")
                                                           : _(slot_series[2]),
                           current,
                           NULL,
                           NULL,
                           0,
                           0,
                           est};
        /* built by each deadline, held until the next year as the target is */
        series[k++] = (chart_series){_(slot_series[3]), planned, NULL, NULL, 1, 0, NULL};
        snprintf(title, sizeof title, _("%s: childcare slots needed and planned"), place(p, root));
        snprintf(file, sizeof file, "slots.%s", ext);
        report_path_in(path, sizeof path, dir, file);
        if (chart_series_lines(path, title, _("slots"), nh, years, k, series, err, sizeof err) == 0)
            snprintf(names[drawn++], 32, "%s", file);
        else
            fprintf(stderr, "%s: %s: %s\n", PROGRAM, file, err);
    }
    /* 4. gap by county at the first target year after the inventory, sorted; a dagger on the
     *    gaps of counties whose slots are not counted (report_slots_estimated()) */
    {
        const char *labels[256];
        char shortened[256][96];
        int est_bar[256];
        double *values = buf + 6 * nh;
        for (k = 0; k < R && nb < 256; k++) {
            const size_t r = ccap_regions_preorder(regions, k);
            const double g = row_at(p, p->alloc_year, r)->gap;
            if (ccap_regions_n_children(regions, r) > 0 || isnan(g))
                continue;
            short_label(place(p, r)[0] != '\0' ? place(p, r) : ccap_regions_code(regions, r),
                        shortened[nb], sizeof shortened[nb]);
            labels[nb] = shortened[nb];
            est_bar[nb] = report_slots_estimated(p, r);
            ccap_gap_slots_round_up(g, 1e-9, &values[nb++]); /* whole slots, as the tables */
        }
        snprintf(title, sizeof title, _("Gap to %.1f slots per 1,000 at the end of %d, by county"),
                 row_at(p, p->alloc_year, root)->target_per_1000, p->alloc_year);
        snprintf(file, sizeof file, "gaps.%s", ext);
        report_path_in(path, sizeof path, dir, file);
        double rate;
        if (nb > 0 && chart_bars_marked(
                          path, title,
                          one_rate(p, p->first - 1, &rate)
                              ? _("slots missing (negative: spare); county slots assumed: one rate")
                              : _("slots missing (negative: spare)"),
                          nb, labels, values, est_bar, err, sizeof err) == 0)
            snprintf(names[drawn++], 32, "%s", file);
        else if (nb > 0)
            fprintf(stderr, "%s: %s: %s\n", PROGRAM, file, err);
    }
    /* 5. carers for the slots held, needed (the binding target) and planned, by year, in
     *    the colours of the slots chart's held, target and planned series */
    if (p->workforce != NULL) {
        double *held = buf, *needed = buf + nh, *planned = buf + 2 * nh;
        chart_series series[3];
        for (i = 0; i < nh; i++) {
            const int y = p->from + (int)i;
            const ccap_workforce_row *w[3] = {workforce_at(p, y, root, CCAP_WORKFORCE_NEEDED),
                                              workforce_at(p, y, root, CCAP_WORKFORCE_HELD),
                                              workforce_at(p, y, root, CCAP_WORKFORCE_PLANNED)};
            years[i] = y;
            needed[i] = w[0] != NULL ? w[0]->need.carers_total : (double)NAN;
            held[i] = w[1] != NULL && y < p->first ? w[1]->need.carers_total : (double)NAN;
            planned[i] = w[2] != NULL && y >= p->first - 1 ? w[2]->need.carers_total : (double)NAN;
        }
        /* the build in steps, as in the slots chart */
        series[0] = (chart_series){
            _("for the slots the binding target needs"), needed, NULL, NULL, 0, 0, NULL};
        series[1] = (chart_series){_("for the slots held"), held, NULL, NULL, 0, 0, NULL};
        series[2] = (chart_series){
            _("for the slots after the minimal build"), planned, NULL, NULL, 1, 0, NULL};
        snprintf(title, sizeof title, _("%s: carers needed (2019 national standard)"),
                 place(p, root));
        snprintf(file, sizeof file, "carers.%s", ext);
        report_path_in(path, sizeof path, dir, file);
        if (chart_series_lines(path, title, _("carers"), nh, years, 3, series, err, sizeof err) ==
            0)
            snprintf(names[drawn++], 32, "%s", file);
        else
            fprintf(stderr, "%s: %s: %s\n", PROGRAM, file, err);
    }
    /* 6. who pays, by year: stacked bars in millions of yuan */
    if (p->budget != NULL && p->n_budget <= nh) {
        double *part[4] = {buf, buf + nh, buf + 2 * nh, buf + 3 * nh};
        const char *const who[4] = {_("central budget"), _("local budgets"), _("families"),
                                    _("providers")};
        for (i = 0; i < p->n_budget; i++) {
            years[i] = p->budget[i].year;
            part[0][i] = p->budget[i].central / 1e6;
            part[1][i] = p->budget[i].local / 1e6;
            part[2][i] = p->budget[i].families / 1e6;
            part[3][i] = p->budget[i].providers / 1e6;
        }
        snprintf(title, sizeof title, _("%s: who pays for the slots, by year"), place(p, root));
        snprintf(file, sizeof file, "budget.%s", ext);
        report_path_in(path, sizeof path, dir, file);
        if (chart_stacked_bars(path, title, _("million yuan"), p->n_budget, years, 4,
                               (const double *const *)part, who, err, sizeof err) == 0)
            snprintf(names[drawn++], 32, "%s", file);
        else
            fprintf(stderr, "%s: %s: %s\n", PROGRAM, file, err);
    }
out:
    free(years);
    free(est);
    free(buf);
    return drawn;
}

/* ---- index.html ---- */

/* text escaped for HTML into buf (cut short if it does not fit) */
static void
html_escape(const char *text, char *buf, size_t size)
{
    size_t out = 0;

    for (; *text != '\0'; text++) {
        const char *e = *text == '<'   ? "&lt;"
                        : *text == '>' ? "&gt;"
                        : *text == '&' ? "&amp;"
                        : *text == '"' ? "&quot;"
                                       : NULL;
        const size_t len = e != NULL ? strlen(e) : 1;
        if (out + len >= size)
            break;
        memcpy(buf + out, e != NULL ? e : text, len);
        out += len;
    }
    buf[out] = '\0';
}

/* Formatted text, escaped for HTML ("&ndash;" for the '-' between two years). */
static void html_printf(FILE *fp, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void
html_printf(FILE *fp, const char *fmt, ...)
{
    char text[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    cli_html_text(fp, text);
}

/* The file as a base64 data URI, so that the page needs no other file to show it. */
static int
html_data_uri(FILE *fp, const char *path, const char *type)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned char in[3];
    size_t got;
    FILE *src = fopen(path, "rb");

    if (src == NULL)
        return -1;
    fprintf(fp, "data:%s;base64,", type);
    while ((got = fread(in, 1, 3, src)) > 0) {
        const unsigned v =
            (unsigned)in[0] << 16 | (got > 1 ? (unsigned)in[1] << 8 : 0u) | (got > 2 ? in[2] : 0u);
        fputc(b64[v >> 18 & 63], fp);
        fputc(b64[v >> 12 & 63], fp);
        fputc(got > 1 ? b64[v >> 6 & 63] : '=', fp);
        fputc(got > 2 ? b64[v & 63] : '=', fp);
    }
    fclose(src);
    return 0;
}

static void
html_cell(FILE *fp, double v)
{
    char a[40];
    fprintf(fp, "<td>%s</td>", cli_format_count(v, a, sizeof a));
}

/* What chart file shows, for its alt text: its title and what it compares. */
static void
chart_alt(const report_plan *p, const char *file, char *buf, size_t size)
{
    const size_t root = ccap_regions_preorder(p->in->regions, 0);
    const ccap_gap_row *at = row_at(p, p->alloc_year, root);
    const int jump_off =
        p->mc != NULL ? ccap_uncertainty_result_jump_off_year(p->mc) : p->first - 1;
    size_t k; /* the first county whose gap the gap chart marks, else the number of regions */

    for (k = 0; k < ccap_regions_count(p->in->regions); k++)
        if (ccap_regions_n_children(p->in->regions, k) == 0 && report_slots_estimated(p, k))
            break;

    if (strncmp(file, "pyramid.", 8) == 0)
        snprintf(buf, size,
                 _("Population pyramid chart of %s: residents by single year of age and sex, %d as "
                   "filled bars and %d as an outline, men to the left, women to the right."),
                 place(p, root), p->pop_year0, p->to);
    else if (strncmp(file, "births.", 7) == 0)
        snprintf(buf, size,
                 _("Line chart of births per year in %s, %d-%d: published births as filled "
                   "points, derived or assumed ones as hollow points, the projection as a line "
                   "with its band after %d."),
                 place(p, root),
                 report_first_figure(p->vitals, root, p->pop_year0, CCAP_VITALS_BIRTHS), p->to,
                 p->first - 1);
    else if (strncmp(file, "under3.", 7) == 0)
        snprintf(buf, size,
                 _("Line chart of children under 3 at the end of each year in %s, %d-%d: the "
                   "estimates up to %d as hollow points on the line, the projection with its "
                   "band after %d."),
                 place(p, root), p->pop_year0, p->to, jump_off, p->first - 1);
    else if (strncmp(file, "population.", 11) == 0)
        snprintf(buf, size,
                 _("Line chart of the residents of %s at the end of each year, %d-%d, from "
                   "zero: published figures as filled points, derived or assumed ones as hollow "
                   "points, the projection as a line with its band after %d."),
                 place(p, root),
                 report_first_figure(p->vitals, root, p->pop_year0, CCAP_VITALS_POPULATION), p->to,
                 p->first - 1);
    else if (strncmp(file, "carers.", 7) == 0)
        snprintf(buf, size,
                 _("Line chart of the carers the 2019 national standard requires in %s, %d-%d, "
                   "from zero: for the slots the binding target needs, for the slots held and "
                   "for the slots after the minimal build."),
                 place(p, root), p->from, p->to);
    else if (strncmp(file, "budget.", 7) == 0)
        snprintf(buf, size,
                 _("Stacked bar chart of who pays in %s, %d-%d, in millions of yuan: the "
                   "central budget, local budgets, families and providers each year (a "
                   "providers' surplus below zero)."),
                 place(p, root), p->first, p->to);
    else if (strncmp(file, "slots.", 6) == 0)
        snprintf(buf, size,
                 _("Line chart of childcare slots in %s, %d-%d, from zero: slots held (hollow "
                   "points where derived or assumed), the slots each per-1,000 target requires "
                   "(steps at its deadlines), the slots demand needs with its band, and slots "
                   "after the minimal build (steps too)."),
                 place(p, root), p->from, p->to);
    else
        snprintf(buf, size,
                 _("Bar chart of the gap to %.1f slots per 1,000 at the end of %d, one bar per "
                   "county, largest shortfall on top, in whole slots%s."),
                 at->target_per_1000, p->alloc_year,
                 k < ccap_regions_count(p->in->regions)
                     ? _("; a dagger marks a gap whose slots are derived or assumed")
                     : "");
}

/* The charts of the page on a narrow page for phones, NARROW_WIDTH x NARROW_HEIGHT pixels
 * (at 390 CSS pixels a chart is shown about 350 wide: text of 17 pixels, as the default
 * 800-pixel page has it, stays above 12 CSS pixels, the smallest of 14.5 above 10), shown by
 * <picture> where the window is at most NARROW_MEDIA wide. */
enum { NARROW_WIDTH = 480, NARROW_HEIGHT = 600 };
#define NARROW_MEDIA "(max-width: 600px)"

/* A file of the report, listed when it is there. */
static void
html_file_item(FILE *fp, const char *dir, const char *name)
{
    char path[4096];
    struct stat st;

    if (report_path_in(path, sizeof path, dir, name) && stat(path, &st) == 0)
        fprintf(fp, "<li><a href=\"%s\">%s</a></li>\n", name, name);
}

/* The page's style: tables in their own scrolling box, region names that wrap only between
 * words (at most 13 em wide, so that the figures beside them show on a phone), charts as
 * wide as the page, and for print an A4 page without the scrolling boxes. */
static const char html_style[] =
    "body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;color:#222;"
    "line-height:1.4}\n"
    "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}\n"
    ".scroll{overflow-x:auto;max-width:100%;margin:0.5em 0 1.2em}\n"
    "table{border-collapse:collapse;font-size:0.85em}\n"
    "th,td{border:1px solid #ccc;padding:0.2em 0.5em;text-align:right;white-space:nowrap;"
    "font-variant-numeric:tabular-nums}\n"
    "th:first-child{text-align:left}th[scope=row]{text-align:left;font-weight:normal;word-break:"
    "keep-all;white-space:normal;min-width:10em;max-width:13em}\n"
    "th.d1{padding-left:1.5em}th.d2{padding-left:2.5em}th.d3{padding-left:3.5em}\n"
    "tr.est td{font-style:italic;color:#555}\n"
    ".caveats{border:2px solid #c80;background:#fff8e8;padding:0.2em 1em;margin:1em 0}\n"
    ".caveats h2{margin-top:0.5em}\n"
    "img{display:block;max-width:100%;height:auto;border:1px solid #eee;margin:0.5em 0}\n"
    "figure{margin:0 0 1em;break-inside:avoid;page-break-inside:avoid}\n"
    "figcaption{font-size:0.85em;color:#555}\n"
    "@page{size:A4;margin:15mm}\n"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}"
    ".scroll{overflow:visible}table{font-size:8pt}th,td{padding:0.1em 0.3em}"
    "h2{break-after:avoid;page-break-after:avoid}tr{break-inside:avoid}"
    "a{color:inherit;text-decoration:none}}\n";

int
report_write_html(const report_plan *p, const char *dir, const char *shown, char charts[][32],
                  int n_charts, char png[][32], int n_png, const char *charts_note)
{
    const ccap_regions *regions = p->in->regions;
    const size_t R = ccap_regions_count(regions), root = ccap_regions_preorder(regions, 0);
    const size_t n = (size_t)(p->to - p->first + 1);
    static const char *const files[] = {
        "summary.txt",   "population.csv", "gaps.csv",      "schedule.csv",      "allocation.csv",
        "workforce.csv", "budget.csv",     "quantiles.csv", "probabilities.csv", "report.xlsx"};
    char path[4096], label[256], name[1024], alt[512], narrow_dir[4096];
    char narrow[REPORT_CHARTS_MAX][32];
    doc d = {NULL, 1, 0, 1, 0};
    FILE *fp;
    size_t k, i;
    int c, y, n_narrow = 0;

    if (!report_path_in(path, sizeof path, dir, "index.html") || (fp = fopen(path, "w")) == NULL) {
        fprintf(stderr, _("%s/index.html: cannot write: %s\n"), shown, strerror(errno));
        return CLI_EXIT_DATA;
    }
    d.fp = fp;
    fprintf(fp,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
            cli_lang_zh() ? "zh-CN" : "en");
    /* TRANSLATORS: the title of the report page; %s is the city's name */
    html_printf(fp, _("Childcare plan: %s"), place(p, root));
    fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", html_style);
    region_label(p, root, label, sizeof label);
    html_escape(label, name, sizeof name);
    /* TRANSLATORS: HTML, keep "&ndash;": the heading of the report page with the city's
     * name, the first and the last year */
    fprintf(fp, _("Childcare plan (托育规划): %s, %d&ndash;%d"), name, p->pop_year0, p->to);
    fputs("</h1>\n", fp);
    summary(&d, p);
    fprintf(fp, "<h2>%s</h2>\n", _("Charts"));
    if (n_charts == 0) {
        fputs("<p>", fp);
        cli_html_text(fp, charts_note);
        fputs("</p>\n", fp);
    }
    /* the same charts on a narrow page, drawn in a directory of their own and embedded
     * beside the wide ones; the directory is removed once the page has them */
    if (n_charts > 0 && report_path_in(narrow_dir, sizeof narrow_dir, dir, "narrow") &&
        mkdir(narrow_dir, 0777) == 0) {
        chart_page_size(NARROW_WIDTH, NARROW_HEIGHT);
        n_narrow = report_write_charts(p, narrow_dir, "svg", narrow);
        chart_page_size(0, 0);
    }
    for (c = 0; c < n_charts; c++) {
        int m;
        chart_alt(p, charts[c], alt, sizeof alt);
        fputs("<figure><picture>", fp);
        for (m = 0; m < n_narrow && strcmp(narrow[m], charts[c]) != 0; m++)
            ;
        if (m < n_narrow && report_path_in(path, sizeof path, narrow_dir, narrow[m])) {
            fputs("<source media=\"" NARROW_MEDIA "\" srcset=\"", fp);
            html_data_uri(fp, path, "image/svg+xml");
            fputs("\">", fp);
        }
        fputs("<img alt=\"", fp);
        cli_html_text(fp, alt);
        fputs("\" src=\"", fp);
        report_path_in(path, sizeof path, dir, charts[c]);
        html_data_uri(fp, path, "image/svg+xml");
        fputs("\"></picture><figcaption>", fp);
        cli_html_text(fp, alt);
        fputs("</figcaption></figure>\n", fp);
    }
    for (c = 0; c < n_narrow; c++)
        if (report_path_in(path, sizeof path, narrow_dir, narrow[c]))
            remove(path);
    if (n_charts > 0)
        rmdir(narrow_dir);
    /* slots and gaps, the years the target changes and the last year */
    fprintf(fp, "<h2>%s</h2>\n<div class=\"scroll\"><table>\n<tr><th>%s</th>",
            _("Slots and gaps by region"), _("region"));
    for (y = p->first - 1; y <= p->first; y++) {
        fputs("<th>", fp);
        html_printf(fp, _("population %d"), y);
        fputs("</th><th>", fp);
        html_printf(fp, _("slots %d"), y);
        fprintf(fp, "</th><th>%s</th><th>%s</th><th>%s</th>", _("per 1,000"), _("target"),
                _("gap"));
    }
    fputs("</tr>\n", fp);
    for (k = 0; k < R; k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        doc_row(&d, 0, NULL);
        doc_region(&d, p, r, 0);
        for (y = p->first - 1; y <= p->first; y++) {
            const ccap_gap_row *g = row_at(p, y, r);
            char a[40];
            html_cell(fp, g->population);
            html_cell(fp, g->slots);
            fprintf(fp, "<td>%.2f</td><td>%.1f</td>", g->per_1000, g->target_per_1000);
            fprintf(fp, "<td>%s</td>", slots(g->gap, a));
        }
        fputs("</tr>\n", fp);
    }
    fprintf(fp, "</table></div>\n<h2>%s</h2>\n<div class=\"scroll\"><table>\n<tr><th>%s</th>",
            _("Minimal build schedule (new slots)"), _("region"));
    for (i = 0; i < n; i++)
        fprintf(fp, "<th>%d</th>", p->first + (int)i);
    fputs("<th>", fp);
    cli_html_text(fp, _("allocation (the first year's new slots)"));
    fputs("</th></tr>\n", fp);
    for (k = 0; k < R; k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        doc_row(&d, 0, NULL);
        doc_region(&d, p, r, 0);
        for (i = 0; i < n; i++)
            html_cell(fp, p->schedule[r * n + i]);
        html_cell(fp, p->alloc[r]);
        fputs("</tr>\n", fp);
    }
    fprintf(fp, "</table></div>\n<h2>%s</h2>\n<ul>\n", _("Files"));
    for (i = 0; i < sizeof files / sizeof files[0]; i++)
        html_file_item(fp, dir, files[i]);
    for (c = 0; c < n_charts; c++)
        html_file_item(fp, dir, charts[c]);
    for (c = 0; c < n_png; c++)
        html_file_item(fp, dir, png[c]);
    fputs("</ul>\n<p>", fp);
    /* TRANSLATORS: the footer of the report page; %s is the version */
    html_printf(fp,
                _("Made with ccap %s from the inputs of the scenario; every figure above is "
                  "in the files listed here."),
                CCAP_VERSION_STRING);
    fputs("</p>\n</body>\n</html>\n", fp);
    if (ferror(fp) | fclose(fp)) {
        fprintf(stderr, _("%s/index.html: cannot write: %s\n"), shown, strerror(errno));
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}
