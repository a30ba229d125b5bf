/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.xlsx: the tables of a ccap-plan report as an Excel workbook, with native charts,
 * through libxlsxwriter (compiled only when the build found it; see workbook.h).
 *
 * libxlsxwriter keeps the workbook in memory and writes the file at workbook_close(), which
 * reports the first error of the whole write; the calls before it can only fail on a bad
 * argument (an invalid sheet name, a row out of range), whose first error is kept and
 * reported instead.
 *
 * libxlsxwriter (1.1.4) assembles each sheet in a temporary file and does not check those
 * writes: with the disk full or a file size limit reached, a sheet comes out truncated while
 * workbook_close() reports success.  So the file is read back (verify()): every XML part of
 * the zip must inflate to its recorded size and CRC and end with the closing tag of its root
 * element.
 */

#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>
#include <zlib.h>

#include "i18n.h"
#include "workbook.h"

enum { MAX_DEPTH = 4 }; /* indent levels of region names; deeper regions use the last */

/* The workbook, its shared formats and the first error met. */
typedef struct book {
    lxw_workbook *wb;
    lxw_format *head[3], *head_year, *text, *name[MAX_DEPTH], *count, *per_1000, *pct, *pct_1,
        *year;
    lxw_error error;
    int names_zh;
    size_t max_rows; /* the most rows of a sheet, the header included */
} book;

/* A sheet being filled: the widest text of each column, in characters. */
typedef struct sheet {
    lxw_worksheet *ws;
    double *width;
    size_t n_cols;
    lxw_row_t row;  /* the next row to fill */
    char name[128]; /* the sheet's name, valid for Excel */
} sheet;

static void
keep(book *b, lxw_error e)
{
    if (b->error == LXW_NO_ERROR)
        b->error = e;
}

/* The language of region names, chosen by the translation of one marker:
 * TRANSLATORS: translate as "region-names:zh" to show the Chinese names of regions in the
 * workbook; keep "region-names:en" for the English names. */
static int
names_zh(void)
{
    return strcmp(_("region-names:en"), "region-names:zh") == 0;
}

static const char *
region_name(const book *b, const ccap_regions *regions, size_t r)
{
    const char *zh = ccap_regions_name(regions, r), *en = ccap_regions_name_en(regions, r);
    const char *first = b->names_zh ? zh : en, *second = b->names_zh ? en : zh;

    if (first != NULL && first[0] != '\0')
        return first;
    if (second != NULL && second[0] != '\0')
        return second;
    return ccap_regions_code(regions, r);
}

/* A valid sheet name from a (translated) label: at most 31 characters, none of []:*?/\ and
 * no apostrophe at either end (Excel's rules). */
static void
sheet_name(const char *label, char *buf, size_t size)
{
    size_t n = 0, chars = 0;
    const char *s;

    /* size is 128: 31 characters of at most 4 bytes always fit, so no character is cut */
    for (s = label; *s != '\0' && n + 1 < size; s++) {
        const unsigned char c = (unsigned char)*s;
        if ((c & 0xC0) != 0x80 && chars++ == 31)
            break;
        buf[n++] = strchr("[]:*?/\\", c) != NULL ? '_' : (char)c;
    }
    buf[n] = '\0';
    if (buf[0] == '\'')
        buf[0] = '_';
    if (n > 0 && buf[n - 1] == '\'')
        buf[n - 1] = '_';
    if (buf[0] == '\0')
        snprintf(buf, size, "Sheet");
}

/* Width in characters that text takes in a cell: East Asian wide characters count 2. */
static double
text_width(const char *text)
{
    return (double)cli_display_width(text);
}

static void
widen(sheet *sh, lxw_col_t col, double w)
{
    if (col < sh->n_cols && w > sh->width[col])
        sh->width[col] = w;
}

/* The width of a number as shown with grouped thousands and `decimals` decimals. */
static double
number_width(double v, int decimals, int grouped)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%.*f", decimals, fabs(v));
    int whole = decimals > 0 ? n - decimals - 1 : n;

    return (double)n + (grouped && whole > 3 ? (whole - 1) / 3 : 0) + (v < 0.0);
}

/* How a sheet is printed on A4: its columns fitted to the width of a portrait or landscape
 * page, or (the charts) laid out by the sheet itself. */
enum { PAGE_PORTRAIT = 0, PAGE_LANDSCAPE = 1, PAGE_CHARTS = 2 };

/* A new sheet with a header row: bold, wrapped, frozen, repeated on printed pages (but the
 * charts').  align
 * has a letter per column, l, c or r, to align each header with its column; page a PAGE_
 * layout.  A sheet of more than b->max_rows rows with the header (n_rows without) is left
 * out with a warning: -1 then too, without an error. */
static int
sheet_open(book *b, sheet *sh, const char *label, const char *const headers[], size_t n_cols,
           const char *align, int page, size_t n_rows)
{
    size_t c;
    double tallest = 1.0;

    memset(sh, 0, sizeof *sh);
    sheet_name(label, sh->name, sizeof sh->name);
    if (n_rows >= b->max_rows) {
        /* TRANSLATORS: the sheet's name, its rows, then the rows an Excel sheet holds */
        fprintf(stderr,
                _("report.xlsx: sheet %s left out: %zu rows, more than a sheet holds "
                  "(%zu); the CSV table of the report has them all\n"),
                sh->name, n_rows + 1, b->max_rows);
        return -1;
    }
    sh->ws = workbook_add_worksheet(b->wb, sh->name);
    sh->width = calloc(n_cols, sizeof *sh->width);
    if (sh->ws == NULL || sh->width == NULL) {
        keep(b, sh->ws == NULL ? LXW_ERROR_SHEETNAME_ALREADY_USED : LXW_ERROR_MEMORY_MALLOC_FAILED);
        return -1;
    }
    sh->n_cols = n_cols;
    for (c = 0; c < n_cols; c++) {
        /* the header wraps at spaces: the column takes its longest word, or half of it */
        const char *h = headers[c], *p = h;
        double word = 0.0, longest = 0.0, all = text_width(h);
        char piece[256];
        while (*p != '\0') {
            size_t len = strcspn(p, " ");
            if (len >= sizeof piece)
                len = sizeof piece - 1;
            memcpy(piece, p, len);
            piece[len] = '\0';
            word = text_width(piece);
            if (word > longest)
                longest = word;
            p += strcspn(p, " ");
            p += strspn(p, " ");
        }
        sh->width[c] = (longest > all / 2.0 ? longest : ceil(all / 2.0)) + 1.0; /* bold */
        if (all > sh->width[c])
            tallest = 2.0;
        keep(b, worksheet_write_string(sh->ws, 0, (lxw_col_t)c, h,
                                       b->head[align[c] == 'r' ? 2 : align[c] == 'c']));
    }
    keep(b, worksheet_set_row(sh->ws, 0, 15.0 * tallest, NULL));
    worksheet_freeze_panes(sh->ws, 1, 0);
    if (page != PAGE_CHARTS) /* the charts print without their tables */
        keep(b, worksheet_repeat_rows(sh->ws, 0, 0));
    worksheet_set_paper(sh->ws, 9); /* A4 */
    if (page == PAGE_LANDSCAPE)
        worksheet_set_landscape(sh->ws);
    if (page != PAGE_CHARTS)
        worksheet_fit_to_pages(sh->ws, 1, 0);
    keep(b, worksheet_set_header(sh->ws, "&C&A"));
    keep(b, worksheet_set_footer(sh->ws, "&C&P / &N"));
    sh->row = 1;
    return 0;
}

/* Column widths from the widest text, an autofilter on a long table; frees sh. */
static void
sheet_close(book *b, sheet *sh, int filter)
{
    size_t c;

    if (sh->ws != NULL) {
        for (c = 0; c < sh->n_cols; c++) {
            double w = sh->width[c] + 2.0;
            keep(b, worksheet_set_column(sh->ws, (lxw_col_t)c, (lxw_col_t)c,
                                         w < 6.0    ? 6.0
                                         : w > 60.0 ? 60.0
                                                    : w,
                                         NULL));
        }
        if (filter && sh->row > 1)
            keep(b, worksheet_autofilter(sh->ws, 0, 0, sh->row - 1, (lxw_col_t)(sh->n_cols - 1)));
    }
    free(sh->width);
    sh->width = NULL;
}

static void
put_text(book *b, sheet *sh, lxw_col_t col, const char *text, lxw_format *fmt)
{
    keep(b, worksheet_write_string(sh->ws, sh->row, col, text, fmt));
    widen(sh, col, text_width(text));
}

/* A number, or an empty cell when it is NaN (no target, no take-up). */
static void
put_number(book *b, sheet *sh, lxw_col_t col, double v, lxw_format *fmt)
{
    int decimals = 0, grouped = 0;

    if (!isfinite(v)) {
        keep(b, worksheet_write_blank(sh->ws, sh->row, col, fmt));
        return;
    }
    keep(b, worksheet_write_number(sh->ws, sh->row, col, v, fmt));
    if (fmt == b->count)
        grouped = 1;
    else if (fmt == b->per_1000)
        decimals = 2;
    else if (fmt == b->pct || fmt == b->pct_1)
        v *= 100.0, decimals = fmt == b->pct_1 ? 2 : 1; /* with the % sign */
    widen(sh, col, number_width(v, decimals, grouped));
}

/* Slots needed or a gap as whole slots, rounded up as the summary and the page show them
 * (ccap_gap_slots_round_up()): the cell holds the whole number, not a fraction behind a
 * format.  NaN stays NaN (an empty cell). */
static double
whole_slots(double v)
{
    double w = v;

    if (isfinite(v))
        ccap_gap_slots_round_up(v, 1e-9, &w);
    return w;
}

/* The code and the name of a region, the name indented by its depth. */
static void
put_region(book *b, sheet *sh, const ccap_regions *regions, size_t r)
{
    size_t depth = ccap_regions_depth(regions, r);

    if (depth >= MAX_DEPTH)
        depth = MAX_DEPTH - 1;
    put_text(b, sh, 0, ccap_regions_code(regions, r), b->text);
    put_text(b, sh, 1, region_name(b, regions, r), b->name[depth]);
    widen(sh, 1, text_width(region_name(b, regions, r)) + 2.0 * (double)depth);
}

static int
formats(book *b)
{
    size_t d;

    for (d = 0; d < 3; d++) {
        b->head[d] = workbook_add_format(b->wb);
        if (b->head[d] == NULL)
            return -1;
        format_set_bold(b->head[d]);
        format_set_text_wrap(b->head[d]);
        format_set_align(b->head[d], LXW_ALIGN_VERTICAL_TOP);
        format_set_align(b->head[d], d == 0   ? LXW_ALIGN_LEFT
                                     : d == 1 ? LXW_ALIGN_CENTER
                                              : LXW_ALIGN_RIGHT);
        format_set_bg_color(b->head[d], 0xDDE7F0);
        format_set_bottom(b->head[d], LXW_BORDER_THIN);
    }
    b->head_year = workbook_add_format(b->wb);
    b->text = workbook_add_format(b->wb);
    b->count = workbook_add_format(b->wb);
    b->per_1000 = workbook_add_format(b->wb);
    b->pct = workbook_add_format(b->wb);
    b->pct_1 = workbook_add_format(b->wb);
    b->year = workbook_add_format(b->wb);
    for (d = 0; d < MAX_DEPTH; d++) {
        b->name[d] = workbook_add_format(b->wb);
        if (b->name[d] == NULL)
            return -1;
        format_set_indent(b->name[d], (uint8_t)d);
    }
    if (b->head_year == NULL || b->text == NULL || b->count == NULL || b->per_1000 == NULL ||
        b->pct == NULL || b->pct_1 == NULL || b->year == NULL)
        return -1;
    format_set_bold(b->head_year);
    format_set_align(b->head_year, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(b->head_year, 0xDDE7F0);
    format_set_bottom(b->head_year, LXW_BORDER_THIN);
    format_set_num_format(b->head_year, "0");
    format_set_align(b->head_year, LXW_ALIGN_RIGHT);
    format_set_num_format(b->count, "#,##0");
    format_set_num_format(b->per_1000, "0.00");
    format_set_num_format(b->pct, "0%");
    format_set_num_format(b->pct_1, "0.0%");
    format_set_num_format(b->year, "0");
    format_set_align(b->year, LXW_ALIGN_CENTER);
    return 0;
}

/* ---- the tables ---- */

static void
population_sheet(book *b, const workbook_plan *wp)
{
    const cli_inputs *in = wp->in;
    const ccap_regions *regions = in->regions;
    const char *const headers[] = {_("code"), _("region"),     _("year"),
                                   _("date"), _("population"), _("children under 3")};
    sheet sh;
    size_t k, s;

    if (sheet_open(b, &sh, _("Population"), headers, 6, "llclrr", 0,
                   ccap_regions_count(regions) * wp->n_pops) != 0)
        goto out;
    for (k = 0; k < ccap_regions_count(regions); k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        for (s = 0; s < wp->n_pops; s++, sh.row++) {
            const ccap_population *pop = wp->pops[s];
            double total = NAN, u3 = NAN;
            char date[16] = "";
            if (ccap_date_is_valid(ccap_population_date(pop)))
                ccap_date_format(ccap_population_date(pop), date, sizeof date);
            ccap_population_total(pop, r, CCAP_SEX_BOTH, &total);
            ccap_population_sum_ages(pop, r, CCAP_SEX_BOTH, 0, 3, &u3);
            put_region(b, &sh, regions, r);
            put_number(b, &sh, 2, wp->pop_year0 + (int)s, b->year);
            put_text(b, &sh, 3, date, b->text);
            put_number(b, &sh, 4, total, b->count);
            put_number(b, &sh, 5, u3, b->count);
        }
    }
out:
    sheet_close(b, &sh, 1);
}

static void
gaps_sheet(book *b, const workbook_plan *wp)
{
    const ccap_regions *regions = wp->in->regions;
    const size_t R = ccap_regions_count(regions);
    const char *const headers[] = {_("code"),
                                   _("region"),
                                   _("year"),
                                   _("population"),
                                   _("children under 3"),
                                   _("slots"),
                                   _("slots per 1,000"),
                                   _("target per 1,000"),
                                   _("slots for the target"),
                                   _("gap to the target"),
                                   _("slots for demand"),
                                   _("gap to demand"),
                                   _("binding target"),
                                   _("enrolled"),
                                   _("utilisation"),
                                   _("enrolment rate"),
                                   _("estimated")};
    sheet sh;
    size_t k;
    int y;

    if (sheet_open(b, &sh, _("Gaps"), headers, 17, "llcrrrrrrrrrlrrrl", 1,
                   R * (size_t)(wp->to - wp->from + 1)) != 0)
        goto out;
    for (k = 0; k < R; k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        for (y = wp->from; y <= wp->to; y++, sh.row++) {
            const ccap_gap_row *g = &wp->rows[(size_t)(y - wp->from) * R + r];
            put_region(b, &sh, regions, r);
            put_number(b, &sh, 2, g->year, b->year);
            put_number(b, &sh, 3, g->population, b->count);
            put_number(b, &sh, 4, g->under3, b->count);
            put_number(b, &sh, 5, g->slots, b->count);
            put_number(b, &sh, 6, g->per_1000, b->per_1000);
            put_number(b, &sh, 7, g->target_per_1000, b->per_1000);
            put_number(b, &sh, 8, whole_slots(g->target_slots), b->count);
            put_number(b, &sh, 9, whole_slots(g->gap), b->count);
            put_number(b, &sh, 10, whole_slots(g->demand_slots), b->count);
            put_number(b, &sh, 11, whole_slots(g->demand_gap), b->count);
            put_text(b, &sh, 12,
                     g->binding == CCAP_TARGET_SLOTS_PER_1000   ? _("per 1,000 residents")
                     : g->binding == CCAP_TARGET_ENROLMENT_RATE ? _("enrolment rate")
                                                                : "",
                     b->text);
            put_number(b, &sh, 13, g->enrolled, b->count);
            put_number(b, &sh, 14, g->utilisation, b->pct_1);
            put_number(b, &sh, 15, g->enrolment_rate, b->pct_1);
            /* the slots of the inventory's years that are not counted (derived or assumed),
             * as the summary marks them † */
            if (y < wp->first && report_slots_estimated(wp, r))
                put_text(b, &sh, 16, _("slots"), b->text);
        }
    }
out:
    sheet_close(b, &sh, 1);
}

/* The minimal build, a row per region and a column per year, and the total. */
static void
schedule_sheet(book *b, const workbook_plan *wp)
{
    const ccap_regions *regions = wp->in->regions;
    const size_t R = ccap_regions_count(regions), n = (size_t)(wp->to - wp->first + 1);
    const char **headers = malloc((n + 3) * sizeof *headers);
    char *align = malloc(n + 3);
    char range[64], formula[80];
    sheet sh;
    size_t k, i;

    memset(&sh, 0, sizeof sh);
    if (headers == NULL || align == NULL) {
        free(headers);
        free(align);
        keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    headers[0] = _("code");
    headers[1] = _("region");
    for (i = 0; i < n; i++)
        headers[2 + i] = "0000"; /* the width of a year; the years are written as numbers */
    memset(align, 'r', n + 3);
    align[0] = align[1] = 'l';
    headers[n + 2] = _("total");
    if (sheet_open(b, &sh, _("Build schedule"), headers, n + 3, align, n > 8, R) != 0)
        goto out;
    for (i = 0; i < n; i++)
        keep(b, worksheet_write_number(sh.ws, 0, (lxw_col_t)(2 + i), wp->first + (int)i,
                                       b->head_year));
    worksheet_freeze_panes(sh.ws, 1, 2);
    for (k = 0; k < R; k++, sh.row++) {
        const size_t r = ccap_regions_preorder(regions, k);
        double total = 0.0;
        put_region(b, &sh, regions, r);
        for (i = 0; i < n; i++) {
            put_number(b, &sh, (lxw_col_t)(2 + i), wp->schedule[r * n + i], b->count);
            total += wp->schedule[r * n + i];
        }
        lxw_rowcol_to_range(range, sh.row, 2, sh.row, (lxw_col_t)(n + 1));
        snprintf(formula, sizeof formula, "=SUM(%s)", range);
        keep(b, worksheet_write_formula_num(sh.ws, sh.row, (lxw_col_t)(n + 2), formula, b->count,
                                            total));
        widen(&sh, (lxw_col_t)(n + 2), number_width(total, 0, 1));
    }
out:
    sheet_close(b, &sh, 0);
    free(headers);
    free(align);
}

static void
allocation_sheet(book *b, const workbook_plan *wp)
{
    const ccap_regions *regions = wp->in->regions;
    char what[128];
    const char *headers[3];
    sheet sh;
    size_t k;

    snprintf(what, sizeof what, _("new slots at the end of %d"), wp->alloc_year);
    headers[0] = _("code");
    headers[1] = _("region");
    headers[2] = what;
    if (sheet_open(b, &sh, _("Allocation"), headers, 3, "llr", 0, ccap_regions_count(regions)) != 0)
        goto out;
    for (k = 0; k < ccap_regions_count(regions); k++, sh.row++) {
        const size_t r = ccap_regions_preorder(regions, k);
        put_region(b, &sh, regions, r);
        put_number(b, &sh, 2, wp->alloc[r], b->count);
    }
out:
    sheet_close(b, &sh, 0);
}

static void
costs_sheet(book *b, const workbook_plan *wp)
{
    const ccap_gap_cost_totals *c = &wp->cost; /* called only with costs (have_cost) */
    const char *const headers[] = {_("cost of the minimal build"), _("yuan"),
                                   _("yuan, present value")};
    const char *const items[] = {_("capital"), _("running"),
                                 _("central subsidy for inclusive slots"),
                                 _("net of the central subsidy")};
    const double nominal[] = {c->capital, c->running, c->subsidy,
                              c->capital + c->running - c->subsidy};
    const double present[] = {c->pv_capital, c->pv_running, c->pv_subsidy,
                              c->pv_capital + c->pv_running - c->pv_subsidy};
    char years[64];
    sheet sh;
    size_t i;

    if (sheet_open(b, &sh, _("Costs"), headers, 3, "lrr", 0, 8) != 0)
        goto out;
    for (i = 0; i < 4; i++, sh.row++) {
        put_text(b, &sh, 0, items[i], b->text);
        put_number(b, &sh, 1, nominal[i], b->count);
        put_number(b, &sh, 2, present[i], b->count);
    }
    sh.row++;
    snprintf(years, sizeof years, "%d-%d", wp->first, wp->to);
    put_text(b, &sh, 0, _("years"), b->text);
    put_text(b, &sh, 1, years, b->text);
    sh.row++;
    put_text(b, &sh, 0, _("discount rate"), b->text);
    put_number(b, &sh, 1, wp->discount, b->pct_1);
    sh.row++;
    put_text(b, &sh, 0, _("inclusive share of new slots"), b->text);
    put_number(b, &sh, 1, wp->inclusive_share, b->pct);
    sh.row++;
out:
    sheet_close(b, &sh, 0);
}

/* The rows of workforce.csv: classes, carers, health staff and floor area of the slots
 * held, needed (the binding target) and planned, by region and year. */
/* With kindergarten places: the slots converted from idle places and built new, by region
 * and year of building (the columns of schedule.csv and the summary's table). */
static void
kindergarten_sheet(book *b, const workbook_plan *wp)
{
    const ccap_regions *regions = wp->in->regions;
    const size_t R = ccap_regions_count(regions), n = (size_t)(wp->to - wp->first + 1);
    const ccap_kindergarten_row *kg = ccap_plan_kindergarten(wp->plan, NULL);
    const char *const headers[] = {_("code"),      _("region"), _("year"),
                                   _("aged 3-5"),  _("places"), _("idle"),
                                   _("converted"), _("built"),  _("capital")};
    sheet sh;
    size_t k, i;

    if (kg == NULL)
        return;
    if (sheet_open(b, &sh, _("Kindergartens"), headers, 9, "llcrrrrrr", 1, R * n) != 0)
        goto out;
    for (k = 0; k < R; k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        for (i = 0; i < n; i++, sh.row++) {
            const ccap_kindergarten_row *x = &kg[r * n + i];
            put_region(b, &sh, regions, r);
            put_number(b, &sh, 2, x->year, b->year);
            put_number(b, &sh, 3, x->children, b->count);
            put_number(b, &sh, 4, x->places, b->count);
            put_number(b, &sh, 5, x->idle, b->count);
            put_number(b, &sh, 6, x->converted, b->count);
            put_number(b, &sh, 7, x->built, b->count);
            put_number(b, &sh, 8, x->conversion_cost + x->build_cost, b->count);
        }
    }
out:
    sheet_close(b, &sh, 1);
}

static void
workforce_sheet(book *b, const workbook_plan *wp)
{
    const ccap_regions *regions = wp->in->regions;
    const size_t R = ccap_regions_count(regions);
    const char *const headers[] = {_("code"),     _("region"),       _("year"),
                                   _("slots of"), _("slots"),        _("classes"),
                                   _("carers"),   _("health staff"), _("floor area m²")};
    const char *const basis[CCAP_WORKFORCE_N_BASES] = {_("held"), _("needed"), _("planned")};
    sheet sh;
    size_t k, j;
    int y;

    if (sheet_open(b, &sh, _("Workforce"), headers, 9, "llclrrrrr", 1, wp->n_workforce) != 0)
        goto out;
    for (k = 0; k < R; k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        for (y = wp->from; y <= wp->to; y++)
            for (j = 0; j < CCAP_WORKFORCE_N_BASES; j++) {
                const ccap_workforce_row *w =
                    &wp->workforce[((size_t)(y - wp->from) * R + r) * CCAP_WORKFORCE_N_BASES + j];
                if (isnan(w->slots))
                    continue;
                put_region(b, &sh, regions, r);
                put_number(b, &sh, 2, y, b->year);
                put_text(b, &sh, 3, basis[j], b->text);
                put_number(b, &sh, 4, whole_slots(w->slots), b->count);
                put_number(b, &sh, 5, w->need.classes_total, b->count);
                put_number(b, &sh, 6, w->need.carers_total, b->count);
                put_number(b, &sh, 7, w->need.health_staff, b->count);
                put_number(b, &sh, 8, w->need.floor_area_m2, b->count);
                sh.row++;
            }
    }
out:
    sheet_close(b, &sh, 1);
}

/* The rows of budget.csv: who pays each year, and the present values. */
static void
budget_sheet(book *b, const workbook_plan *wp)
{
    const char *const headers[] = {_("year"),
                                   _("central budget"),
                                   _("local budgets"),
                                   _("families"),
                                   _("providers"),
                                   _("capital"),
                                   _("central subsidy for inclusive slots"),
                                   _("childcare subsidy 育儿补贴"),
                                   _("operating subsidies"),
                                   _("fees"),
                                   _("running")};
    sheet sh;
    size_t i;

    if (sheet_open(b, &sh, _("Who pays"), headers, 11, "crrrrrrrrrr", 1, wp->n_budget + 1) != 0)
        goto out;
    for (i = 0; i <= wp->n_budget; i++, sh.row++) {
        const ccap_budget_year *v = i < wp->n_budget ? &wp->budget[i] : &wp->budget_pv;
        if (i < wp->n_budget)
            put_number(b, &sh, 0, v->year, b->year);
        else
            put_text(b, &sh, 0, _("present value"), b->text);
        put_number(b, &sh, 1, v->central, b->count);
        put_number(b, &sh, 2, v->local, b->count);
        put_number(b, &sh, 3, v->families, b->count);
        put_number(b, &sh, 4, v->providers, b->count);
        put_number(b, &sh, 5, v->capital, b->count);
        put_number(b, &sh, 6, v->capital_subsidy, b->count);
        put_number(b, &sh, 7, v->childcare_subsidy, b->count);
        put_number(b, &sh, 8, v->operating_subsidy, b->count);
        put_number(b, &sh, 9, v->fees, b->count);
        put_number(b, &sh, 10, v->running, b->count);
    }
out:
    sheet_close(b, &sh, 0);
}

/* The quantiles of one measure, region and year: population measures from the run, the
 * childcare ones (m >= CCAP_UNCERTAINTY_N_MEASURES) from its gaps. */
static int
quantiles_of(const workbook_plan *wp, size_t m, size_t r, int year, const double *probs, size_t nq,
             double *q)
{
    const ccap_gap_uncertainty *gaps = ccap_plan_gap_uncertainty(wp->plan);

    if (m < CCAP_UNCERTAINTY_N_MEASURES)
        return ccap_uncertainty_quantiles(wp->mc, r, year, (ccap_uncertainty_measure)m, probs, nq,
                                          q);
    return gaps == NULL
               ? CCAP_ENOTFOUND
               : ccap_gap_uncertainty_quantiles(
                     gaps, r, year, (ccap_gap_uncertainty_measure)(m - CCAP_UNCERTAINTY_N_MEASURES),
                     probs, nq, q);
}

/* The rows of quantiles.csv (ccap_csv_write_quantiles()): every measure of every region and
 * calendar year after the last observed one, each measure by its translated name and by the
 * library's code (ccap_uncertainty_measure_name(), as in quantiles.csv) for programs. */
static void
quantiles_sheet(book *b, const workbook_plan *wp)
{
    const cli_inputs *in = wp->in;
    const ccap_regions *regions = in->regions;
    size_t nq = 0;
    const double *probs = ccap_scenario_quantiles(in->sc, &nq);
    static const ccap_uncertainty_measure pm[3] = {
        CCAP_UNCERTAINTY_POPULATION, CCAP_UNCERTAINTY_BIRTHS, CCAP_UNCERTAINTY_UNDER3};
    const size_t M = 3 + CCAP_GAP_UNCERTAINTY_N_MEASURES;
    /* each measure (pm, then the childcare ones) by the name the other sheets and the charts
     * give it, translated; its code stays beside it for programs */
    static const char *const labels[3 + CCAP_GAP_UNCERTAINTY_N_MEASURES] = {
        N_("residents"),        N_("births"),
        N_("children under 3"), N_("slots for the target"),
        N_("slots for demand"), N_("gap to the target"),
        N_("gap to demand")};
    const char *const headers[] = {_("code"),         _("region"),   _("year"), _("measure"),
                                   _("measure code"), _("quantile"), _("value")};
    sheet sh;
    size_t k, j, i, n_rows = 0;
    int first = 0, last = -1, year;
    double *q = malloc(nq * sizeof *q);

    if (q == NULL) {
        keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    ccap_uncertainty_result_years(wp->mc, &first, &last);
    if (ccap_uncertainty_result_jump_off_year(wp->mc) >= first)
        first = ccap_uncertainty_result_jump_off_year(wp->mc) + 1;
    for (k = 0; k < ccap_regions_count(regions); k++)
        for (year = first; year <= last; year++)
            for (j = 0; j < M; j++)
                if (quantiles_of(wp, j < 3 ? (size_t)pm[j] : CCAP_UNCERTAINTY_N_MEASURES + j - 3, k,
                                 year, probs, nq, q) == CCAP_OK)
                    n_rows += nq;
    if (sheet_open(b, &sh, _("Quantiles"), headers, 7, "llcllrr", 0, n_rows) != 0)
        goto out;
    for (k = 0; k < ccap_regions_count(regions); k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        for (year = first; year <= last; year++) {
            for (j = 0; j < M; j++) {
                const size_t m = j < 3 ? (size_t)pm[j] : CCAP_UNCERTAINTY_N_MEASURES + j - 3;
                const char *name =
                    j < 3
                        ? ccap_uncertainty_measure_name(pm[j])
                        : ccap_gap_uncertainty_measure_name((ccap_gap_uncertainty_measure)(j - 3));
                if (quantiles_of(wp, m, r, year, probs, nq, q) != CCAP_OK)
                    continue;
                for (i = 0; i < nq; i++, sh.row++) {
                    put_region(b, &sh, regions, r);
                    put_number(b, &sh, 2, year, b->year);
                    put_text(b, &sh, 3, _(labels[j]), b->text);
                    put_text(b, &sh, 4, name, b->text);
                    put_number(b, &sh, 5, probs[i], b->pct);
                    put_number(b, &sh, 6, q[i], b->count);
                }
            }
        }
    }
out:
    sheet_close(b, &sh, 1);
    free(q);
}

/* The rows of probabilities.csv (ccap_csv_write_probabilities()): for every region and
 * calendar year after the last observed one, the share of the Monte Carlo trajectories in
 * which the slots of the last inventory, held without new building, meet the target, and
 * in which the target needs more slots than demand (ccap_gap_uncertainty_prob_target_met(),
 * ccap_gap_uncertainty_prob_overbuild()).  None without the run's childcare measures. */
static void
probabilities_sheet(book *b, const workbook_plan *wp)
{
    const ccap_regions *regions = wp->in->regions;
    const ccap_gap_uncertainty *gaps = ccap_plan_gap_uncertainty(wp->plan);
    const char *const headers[] = {
        _("code"), _("region"), _("year"),
        _("probability that the slots held, without new building, meet the target"),
        _("probability that the target needs more slots than demand (over-build)")};
    sheet sh;
    size_t k, pass, n_rows = 0;
    int first = 0, last = -1, year;

    if (wp->mc == NULL || gaps == NULL)
        return;
    ccap_uncertainty_result_years(wp->mc, &first, &last);
    if (ccap_uncertainty_result_jump_off_year(wp->mc) >= first)
        first = ccap_uncertainty_result_jump_off_year(wp->mc) + 1;
    /* the rows with either probability, counted, then written (as the CSV writes them) */
    for (pass = 0; pass < 2; pass++) {
        if (pass == 1 &&
            sheet_open(b, &sh, _("Probabilities"), headers, 5, "llcrr", 0, n_rows) != 0)
            goto out;
        for (k = 0; k < ccap_regions_count(regions); k++) {
            const size_t r = ccap_regions_preorder(regions, k);
            for (year = first; year <= last; year++) {
                double met = NAN, over = NAN;
                ccap_gap_uncertainty_prob_target_met(gaps, r, year, &met);
                ccap_gap_uncertainty_prob_overbuild(gaps, r, year, &over);
                if (isnan(met) && isnan(over))
                    continue;
                if (pass == 0) {
                    n_rows++;
                    continue;
                }
                put_region(b, &sh, regions, r);
                put_number(b, &sh, 2, year, b->year);
                put_number(b, &sh, 3, met, b->pct_1);
                put_number(b, &sh, 4, over, b->pct_1);
                sh.row++;
            }
        }
    }
out:
    sheet_close(b, &sh, 1);
}

/* ---- inputs and caveats ---- */

/* The first sheet: what the figures rest on (report_caveats()), one sentence a row. */
static void
caveats_sheet(book *b, const workbook_plan *wp)
{
    const char *const headers[] = {_("Inputs and caveats")};
    char lines[REPORT_CAVEATS_MAX][REPORT_CAVEAT_MAX];
    const int n = report_caveats(wp, lines, REPORT_CAVEATS_MAX);
    sheet sh;
    int i;

    lxw_format *wrap = workbook_add_format(b->wb);

    if (wrap == NULL) {
        keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    if (sheet_open(b, &sh, _("Inputs and caveats"), headers, 1, "l", 1, (size_t)n) != 0)
        goto out;
    for (i = 0; i < n; i++, sh.row++) {
        /* rows as tall as the wrapped sentence (a spreadsheet does not grow them itself) */
        const double rows = ceil(text_width(lines[i]) / 75.0);
        keep(b, worksheet_set_row(sh.ws, sh.row, 15.0 * (rows > 1.0 ? rows : 1.0), NULL));
        keep(b, worksheet_write_string(sh.ws, sh.row, 0, lines[i], wrap));
    }
out:
    if (sh.ws != NULL) /* one column as wide as a page, the sentences wrapped in it */
        keep(b, worksheet_set_column(sh.ws, 0, 0, 80.0, NULL));
    free(sh.width);
}

/* ---- the charts ---- */

/* The colours of the PNG and SVG charts' series (charts.c), in their order. */
static const lxw_color_t series_colour[4] = {0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728};

/* A series of chart from the column col, rows 1 to n, of the sheet named on, over the x values
 * (or categories) of column xcol; named name, in the k-th colour, solid (k = 0) or dashed,
 * or as markers only (markers 1: filled; 2: hollow, as the PNG marks derived or assumed
 * figures). */
static lxw_chart_series *
add_series(book *b, lxw_chart *chart, const char *on, lxw_row_t n, lxw_col_t xcol, lxw_col_t col,
           const char *label, size_t k, int thin, int markers)
{
    lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
    lxw_chart_line line = {.color = series_colour[k % 4], .width = thin ? 0.75 : 2.25};

    if (series == NULL) {
        keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    chart_series_set_categories(series, on, 1, xcol, n, xcol);
    chart_series_set_values(series, on, 1, col, n, col);
    chart_series_set_name(series, label);
    if (markers) {
        lxw_chart_line none = {.none = LXW_TRUE};
        lxw_chart_fill fill = {.color = series_colour[k % 4], .none = markers == 2};
        chart_series_set_line(series, &none);
        chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
        chart_series_set_marker_size(series, 6);
        chart_series_set_marker_fill(series, &fill);
        chart_series_set_marker_line(series, &(lxw_chart_line){.color = series_colour[k % 4]});
        return series;
    }
    line.dash_type = k == 0 ? LXW_CHART_LINE_DASH_SOLID
                     : thin ? LXW_CHART_LINE_DASH_ROUND_DOT
                            : LXW_CHART_LINE_DASH_DASH;
    chart_series_set_line(series, &line);
    return series;
}

/* A chart's title, axes from zero and legend below. */
static void
chart_frame(lxw_chart *chart, const char *title, const char *x, const char *y, int years)
{
    chart_title_set_name(chart, title);
    chart_axis_set_name(chart->x_axis, x);
    chart_axis_set_name(chart->y_axis, y);
    chart_axis_set_num_format(chart->y_axis, "#,##0");
    chart_axis_set_min(chart->y_axis, 0.0); /* amounts compare from zero, as in the PNG */
    if (years) {
        chart_axis_set_num_format(chart->x_axis, "0");
        chart_axis_set_major_unit(chart->x_axis, 1.0);
    }
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
}

/* A count of persons as a whole number, rounded as the summary prints it (cli_format_count()):
 * the cell holds the whole number, not a fraction behind a format.  NaN stays NaN. */
static double
whole_persons(double v)
{
    return isfinite(v) ? round(v) : v;
}

/* The figure of measure for region r and year y that the vitals give, when it is published
 * (want_estimated 0) or derived or assumed (want_estimated 1), else NAN: the filled and the
 * hollow points of the births and residents charts (report_vital_figure()). */
static double
vital_point(const workbook_plan *wp, size_t r, int y, ccap_vitals_measure measure,
            int want_estimated)
{
    int estimated = 0;
    const double v = report_vital_figure(wp->vitals, r, y, (int)measure, &estimated);

    return estimated == want_estimated ? v : (double)NAN;
}

/* The figure value of measure m for region r in year y at column col of the row being
 * filled, and the ends of its Monte Carlo band (probs[0] and probs[2]) in the two columns
 * after it, whole persons; the band's cells empty without a run or before its first year with
 * a spread (the jump-off's and earlier years are observed). */
static void
put_with_band(book *b, sheet *sh, const workbook_plan *wp, size_t r, int y,
              ccap_uncertainty_measure m, const double probs[3], lxw_col_t col, double value)
{
    double q[3] = {NAN, NAN, NAN};

    if (wp->mc != NULL && y > ccap_uncertainty_result_jump_off_year(wp->mc))
        ccap_uncertainty_quantiles(wp->mc, r, y, m, probs, 3, q);
    put_number(b, sh, col, whole_persons(value), b->count);
    put_number(b, sh, col + 1, whole_persons(q[0]), b->count);
    put_number(b, sh, col + 2, whole_persons(q[2]), b->count);
}

/* The rows a chart takes on the Charts sheet (its height, 1.5 times the default 288 pixels,
 * and a gap), and the most charts there are. */
enum { CHART_ROWS = 23, CHARTS_MAX = 8 };

/* Insert chart into sh at the next place down column col: charts are stacked in the order
 * they are inserted, the order of the PNG and SVG charts. */
static void
stack_chart(book *b, sheet *sh, lxw_chart *chart, lxw_col_t col, lxw_row_t *at)
{
    lxw_chart_options place = {0};

    place.x_scale = 1.6;
    place.y_scale = 1.5;
    keep(b, worksheet_insert_chart_opt(sh->ws, *at, col, chart, &place));
    *at += CHART_ROWS;
}

/* The tables of the charts and a chart of each, as the PNG and SVG charts draw them and in
 * their order (report_write_charts()): the city's population pyramid in the base year (men
 * to the left as negative bars, women to the right); its births and children under 3 (the
 * plan's figures, the Monte Carlo band, the published births); its residents (the same with
 * the published figures); its slots by year (the per-1,000 target as steps, demand with its
 * band, the slots held and after the minimal build); the gap by county in the allocation
 * year (bars); the carers the slots need; who pays (stacked).  Counts are whole numbers:
 * slots rounded up (whole_slots()), persons rounded (whole_persons()). */
static void
charts_sheet(book *b, const workbook_plan *wp)
{
    const cli_inputs *in = wp->in;
    const ccap_regions *regions = in->regions;
    const size_t R = ccap_regions_count(regions), root = ccap_regions_preorder(regions, 0);
    const size_t n = (size_t)(wp->to - wp->from + 1); /* from the first inventory year */
    const int yp0 = report_first_figure(wp->vitals, root, wp->pop_year0, CCAP_VITALS_POPULATION);
    const size_t np = (size_t)(wp->to - yp0 + 1); /* from the residents chart's first year */
    const size_t G = ccap_population_n_ages(in->base), width = ccap_population_age_width(in->base);
    const ccap_gap_row *at = &wp->rows[(size_t)(wp->alloc_year - wp->from) * R];
    const ccap_gap_uncertainty *gu = ccap_plan_gap_uncertainty(wp->plan);
    const char *const headers[] = {_("county"),
                                   _("gap (slots)"),
                                   "",
                                   _("year"),
                                   _("needed for the per-1,000 target"),
                                   _("needed for demand"),
                                   _("current slots held"),
                                   _("current + minimal build"),
                                   _("demand, low end of the band"),
                                   _("demand, high end of the band"),
                                   _("carers for the slots the binding target needs"),
                                   _("carers for the slots held"),
                                   _("carers for the slots after the minimal build"),
                                   _("year (steps)"),
                                   _("per-1,000 target (steps)"),
                                   _("year"),
                                   _("residents"),
                                   _("residents, low end of the band"),
                                   _("residents, high end of the band"),
                                   _("residents, published"),
                                   _("children under 3"),
                                   _("children under 3, low end of the band"),
                                   _("children under 3, high end of the band"),
                                   _("year"),
                                   _("births"),
                                   _("births, low end of the band"),
                                   _("births, high end of the band"),
                                   _("births, published"),
                                   _("age"),
                                   _("males (negative: to the left)"),
                                   _("females"),
                                   _("births, derived or assumed"),
                                   _("residents, derived or assumed")};
    enum { N_COLS = 33, CHART_COL = 34 };
    double probs[3] = {0.1, 0.5, 0.9};
    char title[256], budget_sheet_name[128], year_label[16], males[64], females[64];
    lxw_chart *bars, *chart;
    lxw_chart_series *series;
    lxw_row_t n_bars = 0, n_steps = 0, chart_at = 0;
    size_t *order = NULL;
    sheet sh;
    size_t k, i, nq = 0, nb = 0, used;
    const int y0 = report_first_figure(wp->vitals, root, wp->pop_year0, CCAP_VITALS_BIRTHS);

    {
        const double *q = ccap_scenario_quantiles(in->sc, &nq);
        if (nq > 0) {
            probs[0] = q[0];
            probs[2] = q[nq - 1];
        }
    }
    nb = (size_t)(wp->to - y0 + 1); /* the births chart's years, as the PNG's */
    if (sheet_open(b, &sh, _("Charts"), headers, N_COLS, "lrlcrrrrrrrrrcrcrrrrrrrcrrrrrrrrr",
                   PAGE_CHARTS, 2 * (R > n ? R : n) + np + nb + G) != 0)
        goto out;
    /* table 1: counties (regions without children) with a gap, in whole slots, largest
     * first as the PNG and SVG charts draw them (ties in the order of the regions) */
    order = malloc(R * sizeof *order);
    if (order == NULL) {
        keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        goto out;
    }
    for (k = 0; k < R; k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        size_t j;
        if (ccap_regions_n_children(regions, r) > 0 || isnan(at[r].gap))
            continue;
        for (j = n_bars; j > 0 && whole_slots(at[order[j - 1]].gap) < whole_slots(at[r].gap); j--)
            order[j] = order[j - 1];
        order[j] = r;
        n_bars++;
    }
    for (k = 0; k < (size_t)n_bars; k++) {
        sh.row = 1 + (lxw_row_t)k;
        put_text(b, &sh, 0, region_name(b, regions, order[k]), b->text);
        put_number(b, &sh, 1, whole_slots(at[order[k]].gap), b->count);
    }
    /* table 2: the city, from the first inventory year: the slots held up to the last
     * inventory year, the slots after the minimal build from it (the plan's, as the PNG and
     * SVG chart), demand's band, the carers; the target as steps, each value held until the
     * next year (two rows a year) */
    for (i = 0; i < n; i++) {
        const int y = wp->from + (int)i;
        const ccap_gap_row *g = &wp->rows[i * R + root], *next = i + 1 < n ? g + R : NULL;
        const size_t w = (i * R + root) * CCAP_WORKFORCE_N_BASES;
        double after = NAN, q[3] = {NAN, NAN, NAN};
        if (y >= wp->first - 1)
            ccap_plan_slots_after(wp->plan, root, y, &after, NULL);
        if (in->takeup != NULL && gu != NULL)
            ccap_gap_uncertainty_quantiles(gu, root, y, CCAP_GAP_UNCERTAINTY_DEMAND_SLOTS, probs, 3,
                                           q);
        sh.row = 1 + (lxw_row_t)i;
        put_number(b, &sh, 3, y, b->year);
        put_number(b, &sh, 4, whole_slots(g->target_slots), b->count);
        put_number(b, &sh, 5, in->takeup != NULL ? whole_slots(g->demand_slots) : (double)NAN,
                   b->count);
        put_number(b, &sh, 6, y < wp->first ? g->slots : (double)NAN, b->count);
        put_number(b, &sh, 7, after, b->count);
        put_number(b, &sh, 8, whole_slots(q[0]), b->count);
        put_number(b, &sh, 9, whole_slots(q[2]), b->count);
        if (wp->workforce != NULL) {
            put_number(b, &sh, 10, wp->workforce[w + CCAP_WORKFORCE_NEEDED].need.carers_total,
                       b->count);
            put_number(b, &sh, 11,
                       y < wp->first ? wp->workforce[w + CCAP_WORKFORCE_HELD].need.carers_total
                                     : (double)NAN,
                       b->count);
            put_number(b, &sh, 12,
                       y >= wp->first - 1
                           ? wp->workforce[w + CCAP_WORKFORCE_PLANNED].need.carers_total
                           : (double)NAN,
                       b->count);
        }
        sh.row = 1 + n_steps++;
        put_number(b, &sh, 13, y, b->year);
        put_number(b, &sh, 14, whole_slots(g->target_slots), b->count);
        if (next != NULL && !isnan(g->target_slots) && !isnan(next->target_slots)) {
            sh.row = 1 + n_steps++;
            put_number(b, &sh, 13, y + 1, b->year);
            put_number(b, &sh, 14, whole_slots(g->target_slots), b->count);
        }
    }
    /* table 3: residents and children under 3 at the end of each year from the residents
     * chart's first year (the Population sheet's from the base year), the band around the
     * plan's own projection after the last observed year, the residents of the vitals
     * (published; derived or assumed in column 32) */
    for (i = 0; i < np; i++) {
        const int y = yp0 + (int)i;
        double total = NAN, u3 = NAN;
        if (y >= wp->pop_year0) {
            ccap_population_total(wp->pops[y - wp->pop_year0], root, CCAP_SEX_BOTH, &total);
            ccap_population_sum_ages(wp->pops[y - wp->pop_year0], root, CCAP_SEX_BOTH, 0, 3, &u3);
        }
        sh.row = 1 + (lxw_row_t)i;
        put_number(b, &sh, 15, y, b->year);
        put_with_band(b, &sh, wp, root, y, CCAP_UNCERTAINTY_POPULATION, probs, 16, total);
        put_number(b, &sh, 19, vital_point(wp, root, y, CCAP_VITALS_POPULATION, 0), b->count);
        put_number(b, &sh, 32, vital_point(wp, root, y, CCAP_VITALS_POPULATION, 1), b->count);
        put_with_band(b, &sh, wp, root, y, CCAP_UNCERTAINTY_UNDER3, probs, 20, u3);
    }
    /* table 4: births in each calendar year from y0 (none before the projection's first),
     * the band, the births of the vitals (published; derived or assumed in column 31) */
    for (i = 0; i < nb; i++) {
        const int y = y0 + (int)i;
        double births = NAN;
        ccap_plan_events(wp->plan, root, y, &births, NULL, NULL);
        sh.row = 1 + (lxw_row_t)i;
        put_number(b, &sh, 23, y, b->year);
        put_with_band(b, &sh, wp, root, y, CCAP_UNCERTAINTY_BIRTHS, probs, 24, births);
        put_number(b, &sh, 27, vital_point(wp, root, y, CCAP_VITALS_BIRTHS, 0), b->count);
        put_number(b, &sh, 31, vital_point(wp, root, y, CCAP_VITALS_BIRTHS, 1), b->count);
    }
    /* table 5: the base population by age, men negative so that their bars point left */
    {
        const double *f = ccap_population_values(in->base, root, CCAP_SEX_FEMALE),
                     *m = ccap_population_values(in->base, root, CCAP_SEX_MALE);
        for (i = 0; f != NULL && m != NULL && i < G; i++) {
            char age[32];
            snprintf(age, sizeof age, i + 1 < G ? "%zu" : "%zu+", i * width);
            sh.row = 1 + (lxw_row_t)i;
            put_text(b, &sh, 28, age, b->text);
            put_number(b, &sh, 29, -whole_persons(m[i]), b->count);
            put_number(b, &sh, 30, whole_persons(f[i]), b->count);
        }
    }
    sh.row = (lxw_row_t)(n_steps > n_bars ? n_steps : n_bars);
    if (sh.row < np)
        sh.row = (lxw_row_t)np;
    if (sh.row < nb)
        sh.row = (lxw_row_t)nb;
    if (sh.row < G)
        sh.row = (lxw_row_t)G;
    sh.row++;

    /* chart 1: the population pyramid of the base year, bars by age from the youngest at the
     * bottom, in the PNG's colours for men and women */
    {
        static const lxw_color_t colour[2] = {0x78AADC, 0xF09696}; /* charts.c: men, women */
        double most = 1.0, step;
        snprintf(year_label, sizeof year_label, cli_lang_zh() ? "%d年" : "%d", wp->pop_year0);
        snprintf(males, sizeof males, _("Males, %s"), year_label);
        snprintf(females, sizeof females, _("Females, %s"), year_label);
        chart = workbook_add_chart(b->wb, LXW_CHART_BAR);
        if (chart == NULL) {
            keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
            goto out;
        }
        for (k = 0; k < 2; k++) {
            lxw_chart_fill fill = {.color = colour[k]};
            series = chart_add_series(chart, NULL, NULL);
            if (series == NULL) {
                keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
                goto out;
            }
            chart_series_set_categories(series, sh.name, 1, 28, (lxw_row_t)G, 28);
            chart_series_set_values(series, sh.name, 1, (lxw_col_t)(29 + k), (lxw_row_t)G,
                                    (lxw_col_t)(29 + k));
            chart_series_set_name(series, k == 0 ? males : females);
            chart_series_set_fill(series, &fill);
        }
        /* both sides alike, from zero to a round number above the largest group */
        for (i = 0; i < G; i++) {
            const double v[2] = {ccap_population_get(in->base, root, CCAP_SEX_MALE, i),
                                 ccap_population_get(in->base, root, CCAP_SEX_FEMALE, i)};
            for (k = 0; k < 2; k++)
                if (isfinite(v[k]) && v[k] > most)
                    most = v[k];
        }
        step = pow(10.0, floor(log10(most))) / 2.0; /* 108,258 persons: to 150,000 */
        most = step * ceil(most / step);
        chart_set_series_overlap(chart, 100);
        chart_set_series_gap(chart, 0);
        snprintf(title, sizeof title, _("%s: population by single year of age, %d"),
                 region_name(b, regions, root), wp->pop_year0);
        chart_title_set_name(chart, title);
        chart_axis_set_name(chart->x_axis, _("Population by single year of age (persons)"));
        chart_axis_set_num_format(chart->x_axis, "#,##0;#,##0"); /* men's side without a sign */
        chart_axis_set_min(chart->x_axis, -most);
        chart_axis_set_max(chart->x_axis, most);
        chart_axis_set_major_unit(chart->x_axis, step);
        snprintf(title, sizeof title, _("Age (years; top row %zu+)"), (G - 1) * width);
        chart_axis_set_name(chart->y_axis, title);
        chart_axis_set_label_position(chart->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
        chart_axis_set_interval_unit(chart->y_axis, (uint16_t)(G > 60 ? 10 : 5));
        chart_axis_set_interval_tick(chart->y_axis, (uint16_t)(G > 60 ? 10 : 5));
        chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
        stack_chart(b, &sh, chart, CHART_COL, &chart_at);
    }

    /* charts 2 to 4: births, children under 3 and residents, each the plan's figures (blue)
     * with the band (thin, dotted), and the published figures as points (orange) */
    for (k = 0; k < 3; k++) {
        static const char *const what[3] = {N_("births per year"), N_("children under 3"),
                                            N_("residents")};
        static const char *const axis[3] = {N_("births"), N_("children aged 0-2"),
                                            N_("residents at the end of the year")};
        static const lxw_col_t col[3] = {24, 20, 16}, xcol[3] = {23, 15, 15};
        const lxw_row_t rows = (lxw_row_t)(k == 0 ? nb : np);
        double pct = 100.0 * (probs[2] - probs[0]);
        chart = workbook_add_chart(b->wb, LXW_CHART_SCATTER_STRAIGHT);
        if (chart == NULL) {
            keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
            goto out;
        }
        add_series(b, chart, sh.name, rows, xcol[k], col[k], headers[col[k]], 0, 0, 0);
        if (wp->mc != NULL) {
            add_series(b, chart, sh.name, rows, xcol[k], col[k] + 1, headers[col[k] + 1], 0, 1, 0);
            add_series(b, chart, sh.name, rows, xcol[k], col[k] + 2, headers[col[k] + 2], 0, 1, 0);
        }
        if (wp->vitals != NULL && k != 1) {
            add_series(b, chart, sh.name, rows, xcol[k], col[k] + 3, headers[col[k] + 3], 1, 0, 1);
            add_series(b, chart, sh.name, rows, xcol[k], k == 0 ? 31 : 32,
                       headers[k == 0 ? 31 : 32], 1, 0, 2);
        }
        if (wp->mc != NULL)
            snprintf(title, sizeof title, _("%s: %s, projection and %g%% band"),
                     region_name(b, regions, root), _(what[k]), pct);
        else
            /* TRANSLATORS: the region, then what is projected (births per year, ...) */
            snprintf(title, sizeof title, _("%s: %s, projection"), region_name(b, regions, root),
                     _(what[k]));
        chart_frame(chart, title, _("year"), _(axis[k]), 1);
        chart_axis_set_min(chart->x_axis, k == 0 ? y0 : k == 2 ? yp0 : wp->pop_year0);
        chart_axis_set_max(chart->x_axis, wp->to);
        stack_chart(b, &sh, chart, CHART_COL, &chart_at);
    }

    /* chart 5: the slots needed and planned, over the years as numbers so that the target
     * can step: the series of the PNG and SVG chart in their order and colours */
    chart = workbook_add_chart(b->wb, LXW_CHART_SCATTER_STRAIGHT);
    if (chart == NULL) {
        keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        goto out;
    }
    used = 0;
    add_series(b, chart, sh.name, n_steps, 13, 14, headers[4], used++, 0, 0);
    if (in->takeup != NULL) {
        add_series(b, chart, sh.name, (lxw_row_t)n, 3, 5, headers[5], used, 0, 0);
        if (gu != NULL) {
            add_series(b, chart, sh.name, (lxw_row_t)n, 3, 8, headers[8], used, 1, 0);
            add_series(b, chart, sh.name, (lxw_row_t)n, 3, 9, headers[9], used, 1, 0);
        }
        used++;
    }
    add_series(b, chart, sh.name, (lxw_row_t)n, 3, 6, headers[6], used++, 0, 0);
    add_series(b, chart, sh.name, (lxw_row_t)n, 3, 7, headers[7], used++, 0, 0);
    snprintf(title, sizeof title, _("%s: childcare slots needed and planned"),
             region_name(b, regions, root));
    chart_frame(chart, title, _("year"), _("slots"), 1);
    chart_axis_set_min(chart->x_axis, wp->from);
    chart_axis_set_max(chart->x_axis, wp->to);
    stack_chart(b, &sh, chart, CHART_COL, &chart_at);

    /* chart 6: bars of the gap by county (none without counties) */
    if (n_bars > 0) {
        bars = workbook_add_chart(b->wb, LXW_CHART_BAR);
        series = bars != NULL ? chart_add_series(bars, NULL, NULL) : NULL;
        if (series == NULL) {
            keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
            goto out;
        }
        chart_series_set_categories(series, sh.name, 1, 0, n_bars, 0);
        chart_series_set_values(series, sh.name, 1, 1, n_bars, 1);
        chart_series_set_name(series, _("gap (slots)"));
        snprintf(title, sizeof title, _("Gap to %.1f slots per 1,000 at the end of %d, by county"),
                 at[root].target_per_1000, wp->alloc_year);
        chart_title_set_name(bars, title);
        chart_axis_set_name(bars->x_axis, _("slots missing (negative: spare)"));
        chart_axis_set_num_format(bars->x_axis, "#,##0");
        chart_axis_set_reverse(bars->y_axis); /* the counties top-down, largest gap first */
        {
            lxw_chart_fill fill = {.color = 0xD66028};
            chart_series_set_fill(series, &fill);
            chart_series_set_invert_if_negative(series);
        }
        chart_legend_set_position(bars, LXW_CHART_LEGEND_NONE);
        stack_chart(b, &sh, bars, CHART_COL, &chart_at);
    }
    /* chart 7: carers for the slots needed, held and planned */
    if (wp->workforce != NULL) {
        chart = workbook_add_chart(b->wb, LXW_CHART_LINE);
        if (chart == NULL) {
            keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
            goto out;
        }
        for (k = 0; k < 3; k++)
            add_series(b, chart, sh.name, (lxw_row_t)n, 3, (lxw_col_t)(10 + k), headers[10 + k], k,
                       0, 0);
        snprintf(title, sizeof title, _("%s: carers needed (2019 national standard)"),
                 region_name(b, regions, root));
        chart_frame(chart, title, _("year"), _("carers"), 0);
        stack_chart(b, &sh, chart, CHART_COL, &chart_at);
    }

    /* chart 8: who pays, stacked by year, from the Who pays sheet */
    if (wp->budget != NULL) {
        const char *const who[4] = {_("central budget"), _("local budgets"), _("families"),
                                    _("providers")};
        sheet_name(_("Who pays"), budget_sheet_name, sizeof budget_sheet_name);
        chart = workbook_add_chart(b->wb, LXW_CHART_COLUMN_STACKED);
        if (chart == NULL) {
            keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
            goto out;
        }
        for (k = 0; k < 4; k++) {
            lxw_chart_fill fill = {.color = series_colour[k]};
            series = chart_add_series(chart, NULL, NULL);
            if (series == NULL) {
                keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
                goto out;
            }
            chart_series_set_categories(series, budget_sheet_name, 1, 0, (lxw_row_t)wp->n_budget,
                                        0);
            chart_series_set_values(series, budget_sheet_name, 1, (lxw_col_t)(1 + k),
                                    (lxw_row_t)wp->n_budget, (lxw_col_t)(1 + k));
            chart_series_set_name(series, who[k]);
            chart_series_set_fill(series, &fill);
        }
        snprintf(title, sizeof title, _("%s: who pays for the slots, by year"),
                 region_name(b, regions, root));
        chart_frame(chart, title, _("year"), _("yuan"), 0);
        chart_axis_set_min(chart->y_axis, 0.0);
        stack_chart(b, &sh, chart, CHART_COL, &chart_at);
    }
    /* printed: the charts without their tables, three to an A4 page at 55% (LibreOffice's
     * columns are wider than Excel's: a chart still fits the width), none cut by a page */
    {
        lxw_row_t breaks[CHARTS_MAX / 3 + 1] = {0};
        for (k = 0; (lxw_row_t)(k + 1) * 3 * CHART_ROWS < chart_at && k < CHARTS_MAX / 3; k++)
            breaks[k] = (lxw_row_t)(k + 1) * 3 * CHART_ROWS;
        /* the columns under the charts as wide as Excel's default (64 pixels), which other
         * programs may not share: a chart, 768 pixels wide, takes 12 of them */
        keep(b, worksheet_set_column(sh.ws, CHART_COL, CHART_COL + 11, 8.43, NULL));
        keep(b, worksheet_print_area(sh.ws, 0, CHART_COL, chart_at - 1, CHART_COL + 11));
        keep(b, worksheet_set_h_pagebreaks(sh.ws, breaks));
        worksheet_set_print_scale(sh.ws, 55);
    }
out:
    free(order);
    sheet_close(b, &sh, 0);
}

/* ---- reading the file back ---- */

static unsigned long
le16(const unsigned char *p)
{
    return (unsigned long)p[0] | (unsigned long)p[1] << 8;
}

static unsigned long
le32(const unsigned char *p)
{
    return le16(p) | le16(p + 2) << 16;
}

/* The root element's name at the start of an XML text (after <?xml ...?>), into name. */
static int
root_name(const unsigned char *head, size_t n, char *name, size_t size)
{
    size_t i = 0, k = 0;

    while (i < n) {
        while (i < n && head[i] != '<')
            i++;
        if (i + 1 < n && head[i + 1] != '?' && head[i + 1] != '!')
            break;
        i++;
    }
    for (i++; i < n && k + 1 < size && strchr(" \t\r\n/>", head[i]) == NULL; i++)
        name[k++] = (char)head[i];
    name[k] = '\0';
    return k > 0 && i < n ? 0 : -1;
}

/* One XML part: inflated (or stored), of the recorded size and CRC, ending with the
 * closing tag of its root element.  0 if whole. */
static int
part_whole(const unsigned char *data, unsigned long csize, unsigned method, unsigned long usize,
           unsigned long crc)
{
    unsigned char out[16384], head[512], tail[256];
    size_t n_head = 0, n_tail = 0, total = 0;
    unsigned long sum = crc32(0L, Z_NULL, 0);
    char name[128], close[140];
    z_stream z;
    int status = Z_OK;

    memset(&z, 0, sizeof z);
    if (method != 0 && (method != 8 || inflateInit2(&z, -MAX_WBITS) != Z_OK))
        return -1;
    z.next_in = (unsigned char *)(uintptr_t)data; /* zlib does not write its input */
    z.avail_in = (uInt)csize;
    do {
        size_t got, keep_from;
        if (method == 0) {
            got = csize - total < sizeof out ? csize - total : sizeof out;
            memcpy(out, data + total, got);
            status = total + got == csize ? Z_STREAM_END : Z_OK;
        } else {
            z.next_out = out;
            z.avail_out = sizeof out;
            status = inflate(&z, Z_NO_FLUSH);
            if (status != Z_OK && status != Z_STREAM_END)
                break;
            got = sizeof out - z.avail_out;
        }
        sum = crc32(sum, out, (uInt)got);
        if (n_head < sizeof head) {
            const size_t c = got < sizeof head - n_head ? got : sizeof head - n_head;
            memcpy(head + n_head, out, c);
            n_head += c;
        }
        /* the last bytes seen: shift what is kept, then append */
        keep_from = got >= sizeof tail ? got - sizeof tail : 0;
        if (got - keep_from + n_tail > sizeof tail) {
            const size_t drop = got - keep_from + n_tail - sizeof tail;
            memmove(tail, tail + drop, n_tail - drop);
            n_tail -= drop;
        }
        memcpy(tail + n_tail, out + keep_from, got - keep_from);
        n_tail += got - keep_from;
        total += got;
    } while (status == Z_OK && (method == 8 || total < csize));
    if (method == 8)
        inflateEnd(&z);
    if (status != Z_STREAM_END || total != usize || sum != crc ||
        root_name(head, n_head, name, sizeof name) != 0)
        return -1;
    while (n_tail > 0 && strchr(" \t\r\n", tail[n_tail - 1]) != NULL)
        n_tail--;
    snprintf(close, sizeof close, "</%s>", name);
    return n_tail >= strlen(close) &&
                   memcmp(tail + n_tail - strlen(close), close, strlen(close)) == 0
               ? 0
               : -1;
}

/* Read the workbook back: 0 if it is a zip whose XML parts are whole, else -1 with a
 * reason in err. */
static int
verify(const char *path, char *err, size_t err_size)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *zip = NULL;
    const unsigned char *eocd = NULL, *cd;
    long size;
    unsigned long i, n_entries, at;
    int status = -1;

    if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 22 ||
        fseek(fp, 0, SEEK_SET) != 0 || (zip = malloc((size_t)size)) == NULL ||
        fread(zip, 1, (size_t)size, fp) != (size_t)size) {
        snprintf(err, err_size, "cannot read it back");
        goto out;
    }
    for (at = (unsigned long)size - 22; eocd == NULL; at--) {
        if (le32(zip + at) == 0x06054b50UL)
            eocd = zip + at;
        if (at == 0 || (unsigned long)size - at > 22 + 65535)
            break;
    }
    snprintf(err, err_size, "the file written is not a whole xlsx (zip) file");
    if (eocd == NULL || le32(eocd + 16) + le32(eocd + 12) > (unsigned long)(eocd - zip))
        goto out;
    n_entries = le16(eocd + 10);
    cd = zip + le32(eocd + 16);
    for (i = 0; i < n_entries; i++) {
        unsigned long csize, usize, name_len, local;
        const unsigned char *lh;
        if (cd + 46 > eocd || le32(cd) != 0x02014b50UL)
            goto out;
        csize = le32(cd + 20);
        usize = le32(cd + 24);
        name_len = le16(cd + 28);
        local = le32(cd + 42);
        if (local + 30 > (unsigned long)size)
            goto out;
        lh = zip + local;
        if (le32(lh) != 0x04034b50UL ||
            local + 30 + le16(lh + 26) + le16(lh + 28) + csize > (unsigned long)size)
            goto out;
        if ((name_len > 4 && memcmp(cd + 46 + name_len - 4, ".xml", 4) == 0) ||
            (name_len > 5 && memcmp(cd + 46 + name_len - 5, ".rels", 5) == 0)) {
            if (part_whole(lh + 30 + le16(lh + 26) + le16(lh + 28), csize, (unsigned)le16(cd + 10),
                           usize, le32(cd + 16)) != 0) {
                snprintf(err, err_size, "%.*s is cut short in the file written (disk full?)",
                         (int)(name_len < 200 ? name_len : 200), (const char *)(cd + 46));
                goto out;
            }
        }
        cd += 46 + name_len + le16(cd + 30) + le16(cd + 32);
    }
    status = 0;
out:
    free(zip);
    if (fp != NULL)
        fclose(fp);
    return status;
}

int
workbook_write(const char *path, const workbook_plan *wp, size_t max_rows, char *err,
               size_t err_size)
{
    lxw_workbook_options options = {0};
    const char *tmpdir = getenv("TMPDIR");
    lxw_error closed;
    book b;

    if (err_size > 0)
        err[0] = '\0';
    memset(&b, 0, sizeof b);
    b.names_zh = names_zh();
    b.max_rows = max_rows;
    if (tmpdir != NULL && tmpdir[0] != '\0' && (options.tmpdir = strdup(tmpdir)) == NULL) {
        snprintf(err, err_size, "%s", lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
        return -1;
    }
    b.wb = workbook_new_opt(path, &options);
    free(options.tmpdir); /* copied by the workbook */
    if (b.wb == NULL) {
        snprintf(err, err_size, "%s", lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
        return -1;
    }
    /* Reproducible files: the creation time recorded in the workbook is SOURCE_DATE_EPOCH
     * when set (the reproducible-builds convention), else the time of the run. */
    {
        const char *epoch = getenv("SOURCE_DATE_EPOCH");
        char *end;
        long long t = epoch != NULL ? strtoll(epoch, &end, 10) : -1;
        lxw_doc_properties props;

        if (epoch != NULL && *epoch != '\0' && *end == '\0' && t >= 0) {
            memset(&props, 0, sizeof props);
            props.created = (time_t)t;
            if (workbook_set_properties(b.wb, &props) != LXW_NO_ERROR)
                keep(&b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        }
    }
    if (formats(&b) != 0)
        keep(&b, LXW_ERROR_MEMORY_MALLOC_FAILED);
    else {
        caveats_sheet(&b, wp);
        population_sheet(&b, wp);
        gaps_sheet(&b, wp);
        schedule_sheet(&b, wp);
        kindergarten_sheet(&b, wp);
        allocation_sheet(&b, wp);
        if (wp->have_cost)
            costs_sheet(&b, wp);
        if (wp->workforce != NULL)
            workforce_sheet(&b, wp);
        if (wp->budget != NULL)
            budget_sheet(&b, wp);
        quantiles_sheet(&b, wp);
        probabilities_sheet(&b, wp);
        if (wp->charts)
            charts_sheet(&b, wp);
    }
    closed = workbook_close(b.wb); /* writes the file and frees the workbook */
    keep(&b, closed);
    if (b.error != LXW_NO_ERROR) {
        snprintf(err, err_size, "%s", lxw_strerror(b.error));
        return -1;
    }
    return verify(path, err, err_size);
}
