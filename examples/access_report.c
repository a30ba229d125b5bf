/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The presentation of ccap-access: summary, build table and an HTML page whose map is an
 * inline SVG drawn from the coordinates (an equirectangular projection scaled by the
 * cosine of the mean latitude, exact enough for a county).
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "access_report.h"
#include "cli.h"

#define MAP_W 760.0
#define MAP_H 560.0
#define MARGIN 24.0

static const char *
method_name(const access_report *rep)
{
    return rep->opt->method == CCAP_ACCESS_E2SFCA ? "E2SFCA" : "2SFCA";
}

static const char *
provider_id(const access_report *rep, size_t j)
{
    ccap_access_provider p;
    return ccap_access_providers_get(rep->providers, j, &p) == CCAP_OK ? p.id : "-";
}

void
access_report_summary(FILE *fp, const access_report *rep)
{
    ccap_access_group g;
    size_t k;
    char a[40], b[40], c[40];

    ccap_access_result_total(rep->result, &g);
    fprintf(fp, _("%s: access to childcare slots, %s within %g minutes (%s)\n\n"), "ccap-access",
            method_name(rep), rep->opt->catchment_minutes,
            rep->times ? _("travel times given") : _("straight lines"));
    if (!rep->times)
        fprintf(fp, _("Straight-line speed: %g km/h.\n"), rep->opt->speed_kmh);
    fprintf(fp,
            _("%zu areas, %s children under 3, %s slots at %zu providers.\n"
              "Deserts (more than %g children per slot within reach): %zu areas, %s children "
              "(%.1f%%).\n"),
            g.n_areas, cli_format_count(g.children, a, sizeof a),
            cli_format_count(g.slots, b, sizeof b), ccap_access_providers_count(rep->providers),
            rep->opt->desert_children_per_slot, g.n_desert,
            cli_format_count(g.desert_children, c, sizeof c), 100.0 * g.desert_share);
    if (ccap_access_result_unreached(rep->result) > 0)
        fprintf(fp, _("%zu areas reach no provider within the catchment.\n"),
                ccap_access_result_unreached(rep->result));
    fprintf(fp, "\n");
    cli_print_padded(fp, _("county"), 12, 0);
    cli_print_padded(fp, _("areas"), 8, 1);
    cli_print_padded(fp, _("deserts"), 9, 1);
    cli_print_padded(fp, _("children"), 11, 1);
    cli_print_padded(fp, _("in deserts"), 12, 1);
    cli_print_padded(fp, _("share"), 8, 1);
    fprintf(fp, "\n");
    for (k = 0; k < ccap_access_result_n_groups(rep->result); k++) {
        char n[24], d[24], share[24];
        ccap_access_result_group(rep->result, k, &g);
        snprintf(n, sizeof n, "%zu", g.n_areas);
        snprintf(d, sizeof d, "%zu", g.n_desert);
        if (isnan(g.desert_share))
            snprintf(share, sizeof share, "-");
        else
            snprintf(share, sizeof share, "%.1f%%", 100.0 * g.desert_share);
        cli_print_padded(fp, g.region[0] != '\0' ? g.region : "-", 12, 0);
        cli_print_padded(fp, n, 8, 1);
        cli_print_padded(fp, d, 9, 1);
        cli_print_padded(fp, cli_format_count(g.children, a, sizeof a), 11, 1);
        cli_print_padded(fp, cli_format_count(g.desert_children, b, sizeof b), 12, 1);
        cli_print_padded(fp, share, 8, 1);
        fprintf(fp, "\n");
    }
    if (rep->steps != NULL && rep->n_steps > 0) {
        ccap_access_group before, after;
        size_t i;

        ccap_access_result_total(rep->result, &before);
        ccap_access_result_total(rep->after, &after);
        fprintf(fp, _("\nWhere to build (%s; build.csv):\n"),
                rep->goal == CCAP_ACCESS_GOAL_DESERT ? _("most children out of deserts first")
                                                     : _("most covered need first"));
        for (i = 0; i < rep->n_steps; i++) {
            if (rep->steps[i].provider == SIZE_MAX) {
                fprintf(fp, _("  site %zu: no candidate reaches a child\n"), i + 1);
                continue;
            }
            fprintf(fp, _("  site %zu: %s slots at %s; children in deserts after it: %s\n"), i + 1,
                    cli_format_count(rep->steps[i].slots, a, sizeof a),
                    provider_id(rep, rep->steps[i].provider),
                    cli_format_count(rep->steps[i].desert_children, b, sizeof b));
        }
        fprintf(fp, _("Children in deserts: %s before, %s after (access_after.csv).\n"),
                cli_format_count(before.desert_children, a, sizeof a),
                cli_format_count(after.desert_children, b, sizeof b));
    }
}

int
access_report_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
        fprintf(stderr, _("%s: cannot write: %s\n"), path, strerror(errno));
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}

int
access_report_build_csv(const char *path, const access_report *rep)
{
    static const char *const header[] = {"step",  "provider",        "name",
                                         "slots", "desert_children", "covered_need"};
    ccap_csv_writer *w;
    ccap_diag diag;
    size_t i;

    if ((w = ccap_csv_writer_open(path, header, 6, &diag)) == NULL) {
        cli_print_diag(&diag);
        return CLI_EXIT_DATA;
    }
    for (i = 0; i < rep->n_steps; i++) {
        const ccap_access_step *s = &rep->steps[i];
        ccap_access_provider p;
        const int known = ccap_access_providers_get(rep->providers, s->provider, &p) == CCAP_OK;
        char step[24], slots[32], desert[32], need[32];
        const char *fields[6];

        snprintf(step, sizeof step, "%zu", i + 1);
        ccap_csv_writer_number(s->slots, slots, sizeof slots);
        ccap_csv_writer_number(s->desert_children, desert, sizeof desert);
        ccap_csv_writer_number(s->covered_need, need, sizeof need);
        fields[0] = step;
        fields[1] = known ? p.id : "";
        fields[2] = known ? p.name : "";
        fields[3] = slots;
        fields[4] = desert;
        fields[5] = need;
        ccap_csv_writer_row(w, fields, 6);
    }
    if (ccap_csv_writer_commit(w, &diag) != CCAP_OK) {
        cli_print_diag(&diag);
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}

/* The map's frame: degrees to SVG units. */
typedef struct frame {
    double lon0, lat1, scale, kx;
} frame;

static double
fx(const frame *fr, double lon)
{
    return MARGIN + (lon - fr->lon0) * fr->kx * fr->scale;
}

static double
fy(const frame *fr, double lat)
{
    return MARGIN + (fr->lat1 - lat) * fr->scale;
}

/* Widen the box {lon0, lon1, lat0, lat1} to hold a point. */
static void
widen(double box[4], double lon, double lat)
{
    box[0] = fmin(box[0], lon);
    box[1] = fmax(box[1], lon);
    box[2] = fmin(box[2], lat);
    box[3] = fmax(box[3], lat);
}

static frame
make_frame(const access_report *rep)
{
    double box[4] = {1e9, -1e9, 1e9, -1e9}, kx, w, h;
    frame fr;
    size_t i;

    for (i = 0; i < ccap_access_areas_count(rep->areas); i++) {
        ccap_access_area a;
        ccap_access_areas_get(rep->areas, i, &a);
        widen(box, a.lon, a.lat);
    }
    for (i = 0; i < ccap_access_providers_count(rep->providers); i++) {
        ccap_access_provider p;
        ccap_access_providers_get(rep->providers, i, &p);
        widen(box, p.lon, p.lat);
    }
    for (i = 0; rep->boundaries != NULL && i < rep->boundaries->n_pts; i++)
        widen(box, rep->boundaries->pts[2 * i], rep->boundaries->pts[2 * i + 1]);
    kx = cos((box[2] + box[3]) / 2.0 * 3.14159265358979323846 / 180.0);
    w = fmax((box[1] - box[0]) * kx, 1e-6);
    h = fmax(box[3] - box[2], 1e-6);
    fr.lon0 = box[0];
    fr.lat1 = box[3];
    fr.kx = kx;
    fr.scale = fmin((MAP_W - 2 * MARGIN) / w, (MAP_H - 2 * MARGIN) / h);
    return fr;
}

/* Colour of an area by its children per slot of access. */
static const char *
area_colour(const ccap_access_area_result *ar, double ratio)
{
    if (ar->children <= 0.0)
        return "#bdbdbd";
    if (ar->desert)
        return "#d7301f";
    if (ar->access * ratio < 2.0) /* between ratio/2 and ratio children per slot */
        return "#fdae61";
    return "#1a9850";
}

static void
html_map(FILE *f, const access_report *rep, const ccap_access_result *res)
{
    const frame fr = make_frame(rep);
    double max_children = 1.0, max_slots = 1.0;
    size_t i, j;

    for (i = 0; i < ccap_access_areas_count(rep->areas); i++) {
        ccap_access_area a;
        ccap_access_areas_get(rep->areas, i, &a);
        max_children = fmax(max_children, a.children);
    }
    for (j = 0; j < ccap_access_providers_count(rep->providers); j++) {
        ccap_access_provider p;
        ccap_access_providers_get(rep->providers, j, &p);
        max_slots = fmax(max_slots, p.slots);
    }
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "viewBox=\"0 0 %.0f %.0f\" role=\"img\">\n",
            MAP_W, MAP_H, MAP_W, MAP_H);
    fprintf(f, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#f7f7f7\"/>\n", MAP_W, MAP_H);
    for (i = 0; rep->boundaries != NULL && i < rep->boundaries->n_rings; i++) {
        const geo_ring *g = &rep->boundaries->rings[i];
        const double *pt = rep->boundaries->pts + 2 * g->first;
        ccap_access_area_result ar;
        size_t k;

        ccap_access_result_area(res, g->area, &ar);
        fputs("<path d=\"", f);
        for (k = 0; k < g->n; k++)
            fprintf(f, "%c%.1f %.1f", k == 0 ? 'M' : 'L', fx(&fr, pt[2 * k]),
                    fy(&fr, pt[2 * k + 1]));
        fprintf(f, "Z\" fill=\"%s\" fill-opacity=\"0.25\" stroke=\"#777\" stroke-width=\"0.8\"/>\n",
                area_colour(&ar, rep->opt->desert_children_per_slot));
    }
    for (i = 0; i < ccap_access_areas_count(rep->areas); i++) {
        ccap_access_area a;
        ccap_access_area_result ar;
        ccap_access_areas_get(rep->areas, i, &a);
        ccap_access_result_area(res, i, &ar);
        fprintf(f,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" fill-opacity=\"0.75\" "
                "stroke=\"#555\"><title>",
                fx(&fr, a.lon), fy(&fr, a.lat), 4.0 + 14.0 * sqrt(a.children / max_children),
                area_colour(&ar, rep->opt->desert_children_per_slot));
        cli_html_text(f, a.code);
        fputc(' ', f);
        cli_html_text(f, a.name);
        fprintf(f, _(": %.0f children, %.3f slots per child"), a.children, ar.access);
        fputs("</title></circle>\n", f);
    }
    for (j = 0; j < ccap_access_providers_count(rep->providers); j++) {
        ccap_access_provider p;
        double s;
        ccap_access_providers_get(rep->providers, j, &p);
        s = 3.0 + 8.0 * sqrt(p.slots / max_slots);
        fprintf(f,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                "stroke=\"#08306b\"><title>",
                fx(&fr, p.lon) - s / 2, fy(&fr, p.lat) - s / 2, s, s,
                p.slots > 0.0 ? "#2171b5" : "none");
        cli_html_text(f, p.id);
        fputc(' ', f);
        cli_html_text(f, p.name);
        fprintf(f, _(": %.0f slots"), p.slots);
        fputs("</title></rect>\n", f);
    }
    for (i = 0; rep->steps != NULL && i < rep->n_steps; i++) {
        ccap_access_provider p;
        if (ccap_access_providers_get(rep->providers, rep->steps[i].provider, &p) != CCAP_OK)
            continue;
        fprintf(f,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"none\" stroke=\"#6a3d9a\" "
                "stroke-width=\"2.5\"/>\n",
                fx(&fr, p.lon), fy(&fr, p.lat));
    }
    fputs("</svg>\n", f);
}

static void
html_legend(FILE *f, double ratio)
{
    fprintf(f,
            _("<p class=\"legend\"><span style=\"color:#d7301f\">&#9679;</span> desert (more than "
              "%g children per slot) <span style=\"color:#fdae61\">&#9679;</span> %g to %g "
              "<span style=\"color:#1a9850\">&#9679;</span> fewer than %g "
              "<span style=\"color:#2171b5\">&#9632;</span> provider (size: slots; hollow: "
              "planned, no slots yet) <span style=\"color:#6a3d9a\">&#9675;</span> site chosen; "
              "circles sized by children</p>\n"),
            ratio, ratio / 2.0, ratio, ratio / 2.0);
}

static int
cmp_desc(const void *pa, const void *pb)
{
    const double a = ((const double *)pa)[0], b = ((const double *)pb)[0];
    return a < b ? 1 : a > b ? -1 : 0;
}

static void
html_deserts(FILE *f, const access_report *rep)
{
    const size_t n = ccap_access_areas_count(rep->areas);
    double *order = malloc(2 * (n > 0 ? n : 1) * sizeof *order);
    size_t i, m = 0;

    fprintf(f, _("<h2>Deserts by area</h2>\n<table><tr><th>area</th><th>name</th><th>county"
                 "</th><th>children</th><th>slots within reach</th><th>slots per child</th>"
                 "<th>nearest provider</th><th>minutes</th></tr>\n"));
    if (order == NULL) {
        fputs("</table>\n", f);
        return;
    }
    for (i = 0; i < n; i++) {
        ccap_access_area_result ar;
        ccap_access_result_area(rep->result, i, &ar);
        if (ar.desert) {
            order[2 * m] = ar.children;
            order[2 * m + 1] = (double)i;
            m++;
        }
    }
    qsort(order, m, 2 * sizeof *order, cmp_desc);
    for (i = 0; i < m; i++) {
        const size_t k = (size_t)order[2 * i + 1];
        ccap_access_area a;
        ccap_access_area_result ar;
        ccap_access_areas_get(rep->areas, k, &a);
        ccap_access_result_area(rep->result, k, &ar);
        fputs("<tr><td>", f);
        cli_html_text(f, a.code);
        fputs("</td><td>", f);
        cli_html_text(f, a.name);
        fputs("</td><td>", f);
        cli_html_text(f, a.region);
        fprintf(f,
                "</td><td class=\"n\">%.0f</td><td class=\"n\">%.0f</td><td class=\"n\">%.3f"
                "</td><td>",
                a.children, ar.slots_reachable, ar.access);
        cli_html_text(f, ar.nearest != SIZE_MAX ? provider_id(rep, ar.nearest) : "-");
        if (isnan(ar.nearest_minutes))
            fputs("</td><td class=\"n\">-</td></tr>\n", f);
        else
            fprintf(f, "</td><td class=\"n\">%.1f</td></tr>\n", ar.nearest_minutes);
    }
    fputs("</table>\n", f);
    free(order);
}

int
access_report_html(const char *path, const access_report *rep)
{
    FILE *f = fopen(path, "w");
    char *summary = NULL;
    size_t size = 0;
    FILE *mem;

    if (f == NULL) {
        fprintf(stderr, _("%s: cannot write: %s\n"), path, strerror(errno));
        return CLI_EXIT_DATA;
    }
    fprintf(f,
            "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">\n<title>%s"
            "</title>\n<style>body{font-family:sans-serif;max-width:800px;margin:1em auto}"
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}"
            "td.n{text-align:right}pre{background:#f4f4f4;padding:8px}"
            ".legend span{font-size:1.3em}</style></head><body>\n",
            cli_lang_zh() ? "zh-CN" : "en", _("Access to childcare"));
    fprintf(f, "<h1>%s</h1>\n", _("Access to childcare"));
    mem = open_memstream(&summary, &size);
    if (mem != NULL) {
        access_report_summary(mem, rep);
        if (fclose(mem) == 0) {
            fputs("<pre>", f);
            cli_html_text(f, summary);
            fputs("</pre>\n", f);
        }
        free(summary);
    }
    fprintf(f, "<h2>%s</h2>\n", _("Map"));
    html_legend(f, rep->opt->desert_children_per_slot);
    html_map(f, rep, rep->result);
    if (rep->after != NULL) {
        fprintf(f, "<h2>%s</h2>\n", _("Map after building"));
        html_map(f, rep, rep->after);
    }
    html_deserts(f, rep);
    fputs("</body></html>\n", f);
    if (fclose(f) != 0) {
        fprintf(stderr, _("%s: cannot write: %s\n"), path, strerror(errno));
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}
