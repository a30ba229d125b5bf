/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workbook of the bundled plan (no trajectories), written with a row limit of its own: a sheet
 * with more rows than the limit is left out with a warning on stderr naming it and its rows, and
 * the rest of the workbook is still written.  With Excel's limit nothing is left out.  The parts
 * of the file (read back through zlib): the sheets in order, the Probabilities sheet only with a
 * Monte Carlo run (a second plan of a few trajectories), and the charts in the order of the PNG
 * charts, each of its kind, on its columns of the Charts sheet and in the PNG's colours.
 *
 *   test-workbook    writes under $CCAP_TEST_TMP (or /tmp) and removes its files
 *
 * Exit status 0 when all checks pass, 1 otherwise. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "workbook.h"

static int failures;

static void
check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stdout, "FAIL: %s\n", what);
        failures++;
    }
}

/* The whole of a small text file, NUL-terminated (empty when it cannot be read). */
static void
slurp(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    size_t n = 0;

    if (f != NULL) {
        n = fread(buf, 1, size - 1, f);
        fclose(f);
    }
    buf[n] = '\0';
}

static unsigned long
le(const unsigned char *p, int bytes)
{
    unsigned long v = 0;

    while (bytes-- > 0)
        v = v << 8 | p[bytes];
    return v;
}

/* The part name of the zip file at path, inflated into buf (size bytes, NUL-terminated; a part
 * is cut at size - 1), or with name ending in '*', the number of parts whose names start with
 * the rest of it.  -1 when the file cannot be read or has no such part. */
static long
zip_part(const char *path, const char *name, char *buf, size_t size)
{
    static unsigned char zip[1 << 22];
    const size_t prefix = strlen(name) - (name[strlen(name) - 1] == '*');
    FILE *f = fopen(path, "rb");
    size_t n = 0, at;
    long found = name[prefix] == '*' ? 0 : -1;

    if (f != NULL) {
        n = fread(zip, 1, sizeof zip, f);
        fclose(f);
    }
    if (n < 22 || n == sizeof zip)
        return -1;
    /* the central directory, from the end record */
    for (at = n - 22; at > 0 && le(zip + at, 4) != 0x06054b50UL; at--)
        ;
    for (at = le(zip + at + 16, 4); at + 46 < n && le(zip + at, 4) == 0x02014b50UL;
         at += 46 + le(zip + at + 28, 2) + le(zip + at + 30, 2) + le(zip + at + 32, 2)) {
        const size_t len = le(zip + at + 28, 2), local = le(zip + at + 42, 4);
        const char *entry = (const char *)zip + at + 46;
        z_stream z;
        if (found >= 0) {
            found += len >= prefix && strncmp(entry, name, prefix) == 0;
            continue;
        }
        if (len != strlen(name) || strncmp(entry, name, len) != 0 || local + 30 > n)
            continue;
        memset(&z, 0, sizeof z);
        z.next_in = zip + local + 30 + le(zip + local + 26, 2) + le(zip + local + 28, 2);
        z.avail_in = (uInt)le(zip + at + 20, 4);
        z.next_out = (unsigned char *)buf;
        z.avail_out = (uInt)(size - 1);
        if (le(zip + at + 10, 2) != 8 || inflateInit2(&z, -MAX_WBITS) != Z_OK)
            return -1;
        inflate(&z, Z_FINISH);
        buf[z.total_out] = '\0';
        inflateEnd(&z);
        return (long)z.total_out;
    }
    return found;
}

/* The sheet names of the workbook at path, in order, each followed by '|', into names. */
static void
sheet_names(const char *path, char *names, size_t size)
{
    static char xml[1 << 16];
    const char *p = xml;
    size_t used = 0;

    names[0] = '\0';
    if (zip_part(path, "xl/workbook.xml", xml, sizeof xml) < 0)
        return;
    while ((p = strstr(p, "<sheet name=\"")) != NULL) {
        const size_t len = strcspn(p += 13, "\"");
        if (used + len + 2 > size)
            break;
        memcpy(names + used, p, len);
        used += len;
        names[used++] = '|';
        names[used] = '\0';
    }
}

/* 1 when the chart k of the workbook at path holds every string of want (NULL-terminated). */
static int
chart_has(const char *path, int k, const char *const want[])
{
    static char xml[1 << 18];
    char name[64];

    snprintf(name, sizeof name, "xl/charts/chart%d.xml", k);
    if (zip_part(path, name, xml, sizeof xml) < 0)
        return 0;
    for (; *want != NULL; want++)
        if (strstr(xml, *want) == NULL) {
            printf("chart %d lacks %s\n", k, *want);
            return 0;
        }
    return 1;
}

/* The charts of the workbook at path written from wp: in the order of the PNG charts, each
 * of its kind, drawing its columns of the Charts sheet (in the PNG's colours where it has
 * them), the band with a Monte Carlo run (mc), the published births and residents as points
 * with vitals. */
static void
check_charts(const char *path, const workbook_plan *wp, int mc)
{
    /* 1. the pyramid: horizontal bars over the ages (AC), men (AD) and women (AE) overlaid,
     * blue and pink as charts.c draws them */
    static const char *const pyramid[] = {"<c:barChart>",
                                          "<c:barDir val=\"bar\"/>",
                                          "<c:overlap val=\"100\"/>",
                                          "Charts!$AC$2:$AC$",
                                          "Charts!$AD$2:$AD$",
                                          "Charts!$AE$2:$AE$",
                                          "78AADC",
                                          "F09696",
                                          NULL};
    /* 2. births over their years (X, Y), blue; the band (Z, AA); published (AB), orange */
    static const char *const births[] = {"<c:scatterChart>", "Charts!$X$2:$X$", "Charts!$Y$2:$Y$",
                                         "1F77B4", NULL};
    static const char *const births_band[] = {"Charts!$Z$2:$Z$", "Charts!$AA$2:$AA$", NULL};
    static const char *const births_published[] = {"Charts!$AB$2:$AB$", "FF7F0E", NULL};
    /* 3. children under 3 over the residents' years (P, U), the band (V, W) */
    static const char *const under3[] = {"<c:scatterChart>", "Charts!$P$2:$P$", "Charts!$U$2:$U$",
                                         NULL};
    static const char *const under3_band[] = {"Charts!$V$2:$V$", "Charts!$W$2:$W$", NULL};
    /* 4. residents (Q), published (T); 5. the slots, the target in steps (N, O); 6. the gap
     * by county (B); 7. carers (K); 8. who pays, stacked from its sheet */
    static const char *const residents[] = {"<c:scatterChart>", "Charts!$Q$2:$Q$", NULL};
    static const char *const residents_published[] = {"Charts!$T$2:$T$", NULL};
    static const char *const slots[] = {"<c:scatterChart>", "Charts!$O$2:$O$", NULL};
    static const char *const gaps[] = {"<c:barChart>", "Charts!$B$2:$B$", NULL};
    static const char *const carers[] = {"<c:lineChart>", "Charts!$K$2:$K$", NULL};
    static const char *const budget[] = {"<c:grouping val=\"stacked\"/>", "'Who pays'!$B$2", NULL};
    const long expected = 6 + (wp->workforce != NULL) + (wp->budget != NULL);
    char what[128];
    int k = 7;

    snprintf(what, sizeof what, "%ld charts expected", expected);
    check(zip_part(path, "xl/charts/chart*", NULL, 0) == expected, what);
    check(chart_has(path, 1, pyramid), "chart 1 is not the population pyramid");
    check(chart_has(path, 2, births), "chart 2 is not the births");
    check(!mc || chart_has(path, 2, births_band), "chart 2 has no band of the births");
    check(wp->vitals == NULL || chart_has(path, 2, births_published),
          "chart 2 has no published births");
    check(chart_has(path, 3, under3), "chart 3 is not the children under 3");
    check(!mc || chart_has(path, 3, under3_band), "chart 3 has no band of the children under 3");
    check(chart_has(path, 4, residents), "chart 4 is not the residents");
    check(wp->vitals == NULL || chart_has(path, 4, residents_published),
          "chart 4 has no published residents");
    check(chart_has(path, 5, slots), "chart 5 is not the slots");
    check(chart_has(path, 6, gaps), "chart 6 is not the gap by county");
    check(wp->workforce == NULL || chart_has(path, k++, carers), "no chart of the carers");
    check(wp->budget == NULL || chart_has(path, k, budget), "no chart of who pays");
}

/* The workbook at path written from wp: its sheets are sheets (names, each followed by '|'),
 * its charts as check_charts() wants them. */
static void
check_parts(const char *path, const workbook_plan *wp, int mc, const char *sheets)
{
    char names[1024];

    sheet_names(path, names, sizeof names);
    printf("sheets: %s\n", names);
    check(strcmp(names, sheets) == 0,
          mc ? "the sheets with a Monte Carlo run" : "the sheets without a Monte Carlo run");
    check_charts(path, wp, mc);
}

/* Write the workbook with stderr going to err_path; the return value of workbook_write(). */
static int
write_with_stderr_to(const char *path, const workbook_plan *wp, size_t max_rows,
                     const char *err_path)
{
    char err[256];
    int saved = dup(STDERR_FILENO), rc;

    fflush(stderr);
    if (saved < 0 || freopen(err_path, "w", stderr) == NULL)
        return -1;
    rc = workbook_write(path, wp, max_rows, err, sizeof err);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    if (rc != 0)
        printf("workbook_write: %s\n", err);
    return rc;
}

int
main(void)
{
    const char *dir = getenv("CCAP_TEST_TMP"), *data = getenv("CCAP_TEST_NANYANG");
    char path[1024], err_path[1024], text[4096], scenario[1024], rows[64];
    ccap_vitals *vitals = NULL;
    cli_inputs in;
    ccap_plan *plan = NULL;
    ccap_plan_options po;
    ccap_diag diag;
    workbook_plan wp;
    struct stat st;

    memset(&in, 0, sizeof in);
    memset(&wp, 0, sizeof wp);
    if (dir == NULL || dir[0] == '\0')
        dir = "/tmp";
    if (data == NULL)
        data = "examples/data/nanyang";
    snprintf(scenario, sizeof scenario, "%s/nanyang.ini", data);
    /* the bundled plan without trajectories, through the library's one call */
    if (ccap_scenario_read(scenario, &in.sc, NULL, &diag) != CCAP_OK ||
        cli_inputs_read("test-workbook", &in) != CLI_EXIT_OK) {
        printf("cannot read %s\n", scenario);
        return 1;
    }
    ccap_scenario_plan_options(in.sc, &po);
    po.n_trajectories = 0;
    if (ccap_plan_run(&in.plan, &po, &plan, &diag) != CCAP_OK ||
        report_plan_init(&wp, &in, plan, 1, &(ccap_payer_params)CLI_PAYER_PARAMS_INIT) !=
            CLI_EXIT_OK) {
        printf("plan: %s\n", diag.message);
        return 1;
    }
    snprintf(path, sizeof path, "%s/test-workbook-%ld.xlsx", dir, (long)getpid());
    snprintf(err_path, sizeof err_path, "%s/test-workbook-%ld.err", dir, (long)getpid());

    /* Population: 17 regions x 16 dates and the header, 273 rows; Gaps more than 20; the
     * Allocation, 17 regions and the header, fits in 20 */
    check(write_with_stderr_to(path, &wp, 20, err_path) == 0, "the workbook was not written");
    check(stat(path, &st) == 0 && st.st_size > 0, "no workbook with a row limit of 20");
    slurp(err_path, text, sizeof text);
    printf("%s", text);
    snprintf(rows, sizeof rows, "%zu rows", ccap_regions_count(in.regions) * wp.n_pops + 1);
    check(strstr(text, "Population") != NULL && strstr(text, rows) != NULL,
          "no warning naming the Population sheet and its rows");
    check(strstr(text, "Gaps") != NULL, "no warning naming the Gaps sheet");
    check(strstr(text, "Allocation") == NULL, "a sheet that fits was left out");
    unlink(path);

    check(write_with_stderr_to(path, &wp, WORKBOOK_EXCEL_ROWS, err_path) == 0,
          "the workbook was not written with Excel's limit");
    slurp(err_path, text, sizeof text);
    check(text[0] == '\0', "a warning with Excel's limit");
    /* without a Monte Carlo run no Probabilities sheet, and charts without bands */
    check_parts(path, &wp, 0,
                "Inputs and caveats|Population|Gaps|Build schedule|Allocation|Costs|"
                "Workforce|Who pays|Quantiles|Charts|");
    unlink(path);
    report_plan_free(&wp);
    ccap_plan_free(plan);
    plan = NULL;

    /* with 20 trajectories and the published figures: the Probabilities sheet before the
     * charts, bands and points on the charts */
    snprintf(text, sizeof text, "%s/vitals.csv", data);
    po.n_trajectories = 20;
    if (ccap_csv_read_vitals(text, in.regions, &vitals, cli_read_options(), &diag) != CCAP_OK ||
        ccap_plan_run(&in.plan, &po, &plan, &diag) != CCAP_OK ||
        report_plan_init(&wp, &in, plan, 1, &(ccap_payer_params)CLI_PAYER_PARAMS_INIT) !=
            CLI_EXIT_OK) {
        printf("plan with trajectories: %s\n", diag.message);
        return 1;
    }
    wp.vitals = vitals;
    check(write_with_stderr_to(path, &wp, WORKBOOK_EXCEL_ROWS, err_path) == 0,
          "the workbook of a Monte Carlo run was not written");
    check_parts(path, &wp, 1,
                "Inputs and caveats|Population|Gaps|Build schedule|Allocation|Costs|"
                "Workforce|Who pays|Quantiles|Probabilities|Charts|");
    unlink(path);
    unlink(err_path);

    report_plan_free(&wp);
    ccap_plan_free(plan);
    ccap_vitals_free(vitals);
    cli_inputs_free(&in);
    printf("%s\n", failures == 0 ? "ok" : "FAILED");
    return failures == 0 ? 0 : 1;
}
