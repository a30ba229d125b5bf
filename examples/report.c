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
report_plan_init(report_plan *p, const cli_inputs *in, const ccap_plan *plan, int charts)
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
    return CLI_EXIT_OK;
}

void
report_plan_free(report_plan *p)
{
    free(p->pops);
    free(p->alloc);
    p->pops = NULL;
    p->alloc = NULL;
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

/* A column heading: a space, then text right-aligned in width terminal columns (Chinese
 * characters take two). */
static void
head(FILE *fp, const char *text, size_t width)
{
    fputc(' ', fp);
    cli_print_padded(fp, text, width, 1);
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

void
report_summary(FILE *fp, const report_plan *p)
{
    const cli_inputs *in = p->in;
    const ccap_regions *regions = in->regions;
    const size_t R = ccap_regions_count(regions), root = ccap_regions_preorder(regions, 0);
    const size_t n = (size_t)(p->to - p->first + 1);
    double probs[3];
    const double width = band(p, probs);
    char a[40], b[40], c[40], d[40], label[256];
    double pop0 = NAN, u3 = NAN;
    size_t k, i;
    const size_t W = label_width(p);
    int y, targets[8], n_targets = 0, jump_off = p->first - 1;

    ccap_population_total(in->base, root, CCAP_SEX_BOTH, &pop0);
    ccap_population_sum_ages(in->base, root, CCAP_SEX_BOTH, 0, 3, &u3);
    region_label(p, root, label, sizeof label);
    /* TRANSLATORS: the first %s is the city's name, then the first and the last year */
    fprintf(fp, _("%s: childcare plan (托育规划), %d-%d\n\n"), label, p->pop_year0, p->to);
    /* TRANSLATORS: the counts are "9,713,112" in English, "971.3万" in Chinese */
    fprintf(fp, _("Base population (%d): %s residents, %s children under 3.\n"), p->pop_year0,
            big(pop0, a), big(u3, b));
    {
        const ccap_gap_row *r0 = row_at(p, p->first - 1, root);
        fprintf(
            fp,
            _("Slots (托位) at the end of %d: %s, %.2f per 1,000 residents (每千人口托位数).\n"),
            p->first - 1, big(r0->slots, a), r0->per_1000);
    }
    /* the last observed year: the Monte Carlo run's jump-off */
    if (p->mc != NULL)
        jump_off = ccap_uncertainty_result_jump_off_year(p->mc);
    /* TRANSLATORS: %s is the city; then the last observed year, the band's width and the
     * number of trajectories */
    fprintf(fp,
            _("\nBirths in the calendar year and children under 3 at its end, %s: the "
              "calibrated projection; after %d with the %g%% band of %zu Monte Carlo "
              "trajectories (%d and before are observed: no band):\n"),
            place(p, root), jump_off, width, ccap_uncertainty_result_n_trajectories(p->mc),
            jump_off);
    fprintf(fp, "  ");
    cli_print_padded(fp, _("year"), 6, 0);
    head(fp, _("births"), 26);
    head(fp, _("under 3"), 30);
    fprintf(fp, "\n");
    for (y = ccap_population_year(in->base) + 1; y <= p->to; y++) {
        double qb[3], qu[3], births = NAN;
        char e[40], f[40];
        if (!(y == ccap_population_year(in->base) + 1 || y % 5 == 0 || y == p->to ||
              y == p->first - 1))
            continue;
        ccap_plan_events(p->plan, root, y, &births, NULL, NULL);
        if (y <= jump_off || !band_at(p, root, y, probs, qb, qu)) {
            fprintf(fp, "  %-6d %9s %17s %11s\n", y, count(births, a), "",
                    count(row_or_base(p, y, root), d));
            continue;
        }
        fprintf(fp, "  %-6d %9s (%7s-%7s) %11s (%7s-%7s)\n", y, count(births, a), count(qb[0], b),
                count(qb[2], c), count(row_or_base(p, y, root), d), count(qu[0], e),
                count(qu[2], f));
    }
    {
        ccap_births_warning w;
        int found = 0;
        if (ccap_diagnose_births(p->proj, root, 10, 0.15, &w, &found) == CCAP_OK && found)
            /* TRANSLATORS: births 2025-2035 change more than the births per woman explain */
            fprintf(fp,
                    _("  Note: births %+.0f%% from %d to %d while births per woman aged 20-34 "
                      "change %+.0f%%: women aged 20-34 %+.0f%% (born %d-%d), children under 3 "
                      "%+.0f%%. Cohort sizes, not fertility, drive it: check the base "
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
    fprintf(fp, _("\nSlots per 1,000 and the gap to each target (slots missing; - : spare):\n"));
    fprintf(fp, "  ");
    cli_print_padded(fp, _("region"), W, 0);
    head(fp, _("slots"), 10);
    /* TRANSLATORS: a column heading of 8 columns at most (a Chinese character takes 2) */
    head(fp, _("per1000"), 8);
    for (i = 0; i < (size_t)n_targets; i++) {
        char heading[40];
        snprintf(heading, sizeof heading, "%.1f@%d", row_at(p, targets[i], root)->target_per_1000,
                 targets[i]);
        fprintf(fp, " %12s", heading);
    }
    {
        char heading[40];
        /* TRANSLATORS: a column heading: slots per 1,000 at the end of the year, once the
         * plan's new slots are built; 12 columns at most */
        snprintf(heading, sizeof heading, _("after@%d"), p->first);
        head(fp, heading, 12);
    }
    fprintf(fp, "\n");
    for (k = 0; k < R; k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        const ccap_gap_row *now = row_at(p, p->first - 1, r);
        double after = NAN;
        region_label(p, r, label, sizeof label);
        fprintf(fp, "  ");
        cli_print_padded(fp, label, W, 0);
        fprintf(fp, " %10s %8.2f", count(now->slots, a), now->per_1000);
        for (i = 0; i < (size_t)n_targets; i++)
            fprintf(fp, " %12s", slots(row_at(p, targets[i], r)->gap, a));
        ccap_plan_slots_after(p->plan, r, p->first, NULL, &after);
        fprintf(fp, " %12.2f\n", after);
    }
    if (in->takeup != NULL) {
        fprintf(
            fp,
            _("\nDemand-based need (children under 3 x take-up 入托率 / occupancy %.0f%%), %s:\n"),
            100.0 * cli_scenario_get(in->sc, "occupancy"), place(p, root));
        for (y = p->first - 1; y <= p->to; y++) {
            const ccap_gap_row *r = row_at(p, y, root);
            if (y > p->first && y % 5 != 0 && y != p->to)
                continue;
            fprintf(fp, _("  %d: demand %s slots, per-1,000 target %s slots\n"), y,
                    big_slots(r->demand_slots, a), big_slots(r->target_slots, b));
        }
        if (p->overbuild_year != 0)
            fprintf(fp,
                    _("  The per-1,000 target first exceeds demand in %d: slots built to the "
                      "target beyond demand would stand idle.\n"),
                    p->overbuild_year);
        else
            fprintf(fp, _("  The per-1,000 target stays within demand through %d.\n"), p->to);
    }
    if (n > 6)
        fprintf(fp, _("\nMinimal build schedule (new slots each year to meet every target, whole "
                      "slots; the first 6 years, every year in schedule.csv):\n"));
    else
        fprintf(fp, _("\nMinimal build schedule (new slots each year to meet every target, whole "
                      "slots):\n"));
    fprintf(fp, "  ");
    cli_print_padded(fp, _("region"), W, 0);
    for (i = 0; i < n && i < 6; i++)
        fprintf(fp, " %8d", p->first + (int)i);
    head(fp, _("total"), 10);
    fprintf(fp, "\n");
    for (k = 0; k < R; k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        double total = 0.0;
        region_label(p, r, label, sizeof label);
        fprintf(fp, "  ");
        cli_print_padded(fp, label, W, 0);
        for (i = 0; i < n; i++) {
            total += p->schedule[r * n + i];
            if (i < 6)
                fprintf(fp, " %8s", count(p->schedule[r * n + i], a));
        }
        fprintf(fp, " %10s\n", count(total, a));
    }
    if (ccap_plan_options_used(p->plan)->rule == CCAP_PLAN_CITY_ONLY)
        fprintf(fp,
                _("\nNew slots at the end of %d: %s.  The city as a whole meets every target: "
                  "its own gap, spare slots in one county netted against shortfalls in "
                  "others, shared between the counties with the largest shortfall left "
                  "(--build-rule city):\n"),
                p->alloc_year, big(p->n_alloc, a));
    else
        fprintf(fp,
                _("\nNew slots at the end of %d: %s.  Every county meets every target on its "
                  "own: spare slots in one county are not lent to another, so the city builds "
                  "the sum of its counties' shortfalls (its own gap, spare slots netted, is "
                  "%s):\n"),
                p->alloc_year, big(p->n_alloc, a),
                big_slots(row_at(p, p->alloc_year, root)->gap, b));
    for (k = 0; k < R; k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        if (ccap_regions_n_children(regions, r) > 0 || p->alloc[r] <= 0.0)
            continue;
        region_label(p, r, label, sizeof label);
        fprintf(fp, "  ");
        cli_print_padded(fp, label, W, 0);
        fprintf(fp, " %10s\n", count(p->alloc[r], a));
    }
    if (p->have_cost)
        fprintf(fp,
                _("\nCost of the minimal build, %d-%d (yuan, present value at %.1f%%):\n"
                  "  capital %s, running %s; central subsidy for the %.0f%% inclusive "
                  "(普惠) new slots %s; local budgets %s\n"),
                p->first, p->to, 100.0 * p->discount, big(p->cost.pv_capital, a),
                big(p->cost.pv_running, b), 100.0 * p->inclusive_share, big(p->cost.pv_subsidy, c),
                big(p->cost.pv_capital + p->cost.pv_running - p->cost.pv_subsidy, d));
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
        ccap_csv_write_builds(path, regions, p->first, n, p->schedule, &diag) != CCAP_OK)
        goto fail;
    if (!report_path_in(path, sizeof path, dir, "allocation.csv") ||
        ccap_csv_write_allocation(path, regions, p->alloc, &diag) != CCAP_OK)
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

/* The five charts as `ext` files (svg or png); returns how many were drawn. */
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
    int drawn = 0, *years = malloc((S + n) * sizeof *years);
    double *buf = malloc((3 * S + 4 * n + R) * sizeof *buf);
    size_t i, k, nb = 0;

    if (years == NULL || buf == NULL)
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
    /* 2. births and children under 3, median and band (quantiles laid out as the
     *    lo, mid and hi rows of buf) */
    for (k = 0; k < 2; k++) {
        static const ccap_uncertainty_measure m[2] = {CCAP_UNCERTAINTY_BIRTHS,
                                                      CCAP_UNCERTAINTY_UNDER3};
        static const char *const base[2] = {"births", "under3"};
        static const char *const what[2] = {N_("births per year"), N_("children under 3")};
        double q[3];

        int y0 = 0, y1 = -1;
        size_t ny;

        /* the calendar years of the run (births in the year, children at its end) */
        ccap_uncertainty_result_years(p->mc, &y0, &y1);
        for (ny = 0; (int)ny <= y1 - y0 && ny < S; ny++) {
            years[ny] = y0 + (int)ny;
            if (ccap_uncertainty_quantiles(p->mc, root, years[ny], m[k], probs, 3, q) != CCAP_OK)
                goto out;
            buf[ny] = q[0];
            buf[S + ny] = q[1];
            buf[2 * S + ny] = q[2];
        }
        snprintf(title, sizeof title, _("%s: %s, median and %g%% band"), place(p, root), _(what[k]),
                 width);
        snprintf(file, sizeof file, "%s.%s", base[k], ext);
        report_path_in(path, sizeof path, dir, file);
        if (chart_band(path, title, k == 0 ? _("births") : _("children aged 0-2"), ny, years, buf,
                       buf + S, buf + 2 * S, NULL, legend, err, sizeof err) == 0)
            snprintf(names[drawn++], 32, "%s", file);
        else
            fprintf(stderr, "%s: %s: %s\n", PROGRAM, file, err);
    }
    /* 3. slots: per-1,000 target, demand, current (held) and planned, by year */
    {
        double *target = buf, *demand = buf + n, *current = buf + 2 * n, *planned = buf + 3 * n;
        const double *series[4];
        const char *labels[4];
        static const char *const snames[4] = {N_("needed for the per-1,000 target"),
                                              N_("needed for demand"), N_("current slots held"),
                                              N_("current + minimal build")};
        for (i = 0; i < n; i++) {
            const int y = p->first - 1 + (int)i;
            const ccap_gap_row *r = row_at(p, y, root);
            years[i] = y;
            target[i] = r->target_slots;
            demand[i] = r->demand_slots;
            current[i] = r->slots;
            ccap_plan_slots_after(p->plan, root, y, &planned[i], NULL);
        }
        k = 0;
        series[k] = target, labels[k++] = _(snames[0]);
        if (in->takeup != NULL)
            series[k] = demand, labels[k++] = _(snames[1]);
        series[k] = current, labels[k++] = _(snames[2]);
        series[k] = planned, labels[k++] = _(snames[3]);
        snprintf(title, sizeof title, _("%s: childcare slots needed and planned"), place(p, root));
        snprintf(file, sizeof file, "slots.%s", ext);
        report_path_in(path, sizeof path, dir, file);
        if (chart_lines(path, title, _("slots"), n, years, k, series, labels, err, sizeof err) == 0)
            snprintf(names[drawn++], 32, "%s", file);
        else
            fprintf(stderr, "%s: %s: %s\n", PROGRAM, file, err);
    }
    /* 4. gap by county at the first target year after the inventory, sorted */
    {
        const char *labels[256];
        char shortened[256][32];
        double *values = buf + 4 * n;
        for (k = 0; k < R && nb < 256; k++) {
            const size_t r = ccap_regions_preorder(regions, k);
            const double g = row_at(p, p->alloc_year, r)->gap;
            if (ccap_regions_n_children(regions, r) > 0 || isnan(g))
                continue;
            short_label(place(p, r)[0] != '\0' ? place(p, r) : ccap_regions_code(regions, r),
                        shortened[nb], sizeof shortened[nb]);
            labels[nb] = shortened[nb];
            values[nb++] = g;
        }
        snprintf(title, sizeof title, _("Gap to %.1f slots per 1,000 at the end of %d, by county"),
                 row_at(p, p->alloc_year, root)->target_per_1000, p->alloc_year);
        snprintf(file, sizeof file, "gaps.%s", ext);
        report_path_in(path, sizeof path, dir, file);
        if (nb > 0 && chart_bars(path, title, _("slots missing (negative: spare)"), nb, labels,
                                 values, err, sizeof err) == 0)
            snprintf(names[drawn++], 32, "%s", file);
        else if (nb > 0)
            fprintf(stderr, "%s: %s: %s\n", PROGRAM, file, err);
    }
out:
    free(years);
    free(buf);
    return drawn;
}

/* ---- index.html ---- */

static void
html_text(FILE *fp, const char *s)
{
    for (; *s != '\0'; s++) {
        switch (*s) {
        case '<':
            fputs("&lt;", fp);
            break;
        case '>':
            fputs("&gt;", fp);
            break;
        case '&':
            fputs("&amp;", fp);
            break;
        case '"':
            fputs("&quot;", fp);
            break;
        default:
            fputc(*s, fp);
        }
    }
}

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
    html_text(fp, text);
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

int
report_write_html(const report_plan *p, const char *dir, const char *shown,
                  const char *summary_text, char charts[][32], int n_charts, char png[][32],
                  int n_png, const char *charts_note)
{
    const ccap_regions *regions = p->in->regions;
    const size_t R = ccap_regions_count(regions), root = ccap_regions_preorder(regions, 0);
    const size_t n = (size_t)(p->to - p->first + 1);
    static const char *const files[] = {"summary.txt",       "population.csv", "gaps.csv",
                                        "schedule.csv",      "allocation.csv", "quantiles.csv",
                                        "probabilities.csv",
#ifdef CCAP_HAVE_XLSX
                                        "report.xlsx"
#endif
    };
    char path[4096], label[256], name[1024];
    FILE *fp;
    size_t k, i;
    int c, y;

    if (!report_path_in(path, sizeof path, dir, "index.html") || (fp = fopen(path, "w")) == NULL) {
        fprintf(stderr, _("%s/index.html: cannot write: %s\n"), shown, strerror(errno));
        return CLI_EXIT_DATA;
    }
    fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
            cli_lang_zh() ? "zh-CN" : "en");
    /* TRANSLATORS: the title of the report page; %s is the city's name */
    html_printf(fp, _("Childcare plan: %s"), place(p, root));
    fputs("</title>\n<style>\n"
          "body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;"
          "color:#222}\n"
          "pre{font-size:0.8em;background:#f6f6f6;padding:0.8em;overflow-x:auto}\n"
          "table{border-collapse:collapse;font-size:0.85em;margin:0.5em 0 1.5em}\n"
          "th,td{border:1px solid #ccc;padding:0.2em 0.5em;text-align:right}\n"
          "th:first-child,td:first-child{text-align:left}\n"
          "img{width:100%;height:auto;border:1px solid #eee;margin:0.5em 0}\n"
          "figure{margin:0;page-break-inside:avoid}\n"
          "@media print{body{max-width:none}pre{font-size:0.7em}}\n"
          "</style>\n</head>\n<body>\n<h1>",
          fp);
    region_label(p, root, label, sizeof label);
    html_escape(label, name, sizeof name);
    /* TRANSLATORS: HTML, keep "&ndash;": the heading of the report page with the city's
     * name, the first and the last year */
    fprintf(fp, _("Childcare plan (托育规划): %s, %d&ndash;%d"), name, p->pop_year0, p->to);
    fprintf(fp, "</h1>\n<h2>%s</h2>\n<pre>", _("Summary"));
    html_text(fp, summary_text);
    fprintf(fp, "</pre>\n<h2>%s</h2>\n", _("Charts"));
    if (n_charts == 0) {
        fputs("<p>", fp);
        html_text(fp, charts_note);
        fputs("</p>\n", fp);
    }
    for (c = 0; c < n_charts; c++) {
        fputs("<figure><img alt=\"", fp);
        html_text(fp, charts[c]);
        fputs("\" src=\"", fp);
        report_path_in(path, sizeof path, dir, charts[c]);
        html_data_uri(fp, path, "image/svg+xml");
        fputs("\"></figure>\n", fp);
    }
    /* slots and gaps, the years the target changes and the last year */
    fprintf(fp, "<h2>%s</h2>\n<table>\n<tr><th>%s</th>", _("Slots and gaps by region"),
            _("region"));
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
        region_label(p, r, label, sizeof label);
        fputs("<tr><td>", fp);
        html_text(fp, label);
        fputs("</td>", fp);
        for (y = p->first - 1; y <= p->first; y++) {
            const ccap_gap_row *g = row_at(p, y, r);
            html_cell(fp, g->population);
            html_cell(fp, g->slots);
            fprintf(fp, "<td>%.2f</td><td>%.1f</td>", g->per_1000, g->target_per_1000);
            {
                char a[40];
                fprintf(fp, "<td>%s</td>", slots(g->gap, a));
            }
        }
        fputs("</tr>\n", fp);
    }
    fprintf(fp, "</table>\n<h2>%s</h2>\n<table>\n<tr><th>%s</th>",
            _("Minimal build schedule (new slots)"), _("region"));
    for (i = 0; i < n; i++)
        fprintf(fp, "<th>%d</th>", p->first + (int)i);
    fputs("<th>", fp);
    html_text(fp, _("allocation (the first year's new slots)"));
    fputs("</th></tr>\n", fp);
    for (k = 0; k < R; k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        region_label(p, r, label, sizeof label);
        fputs("<tr><td>", fp);
        html_text(fp, label);
        fputs("</td>", fp);
        for (i = 0; i < n; i++)
            html_cell(fp, p->schedule[r * n + i]);
        html_cell(fp, p->alloc[r]);
        fputs("</tr>\n", fp);
    }
    fprintf(fp, "</table>\n<h2>%s</h2>\n<ul>\n", _("Files"));
    for (i = 0; i < sizeof files / sizeof files[0]; i++)
        fprintf(fp, "<li><a href=\"%s\">%s</a></li>\n", files[i], files[i]);
    for (c = 0; c < n_charts; c++)
        fprintf(fp, "<li><a href=\"%s\">%s</a></li>\n", charts[c], charts[c]);
    for (c = 0; c < n_png; c++)
        fprintf(fp, "<li><a href=\"%s\">%s</a></li>\n", png[c], png[c]);
    fputs("</ul>\n<p>", fp);
    html_printf(fp,
                _("Made with ccap %s.  Methods: docs/methods.md; inputs and their "
                  "provenance: the scenario's data directory."),
                CCAP_VERSION_STRING);
    fputs("</p>\n</body>\n</html>\n", fp);
    if (ferror(fp) | fclose(fp)) {
        fprintf(stderr, _("%s/index.html: cannot write: %s\n"), shown, strerror(errno));
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}
