/* Draws every chart of charts.h from synthetic but realistic figures (a prefecture of about ten
 * million people, like Nanyang) and checks the files: an SVG starts with "<?xml" or "<svg", ends
 * its document with "</svg>" and is not trivially small; a PNG starts with the PNG signature.
 * Every chart is drawn twice in the same process (PLplot keeps state between charts), and every
 * invalid call must fail with a message instead of ending the program.
 *
 *   test-charts [DIR]   write into DIR and keep the files; without DIR a temporary directory
 *                       under $CCAP_TEST_TMP (or /tmp) is used and removed afterwards.
 *
 * Exit status 0 when all checks pass, 1 otherwise, 77 (skipped) when built without PLplot. */
#define _POSIX_C_SOURCE 200809L
#include "charts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

enum { N_AGES = 91, N_YEARS = 16, N_COUNTIES = 13, MIN_BYTES = 2000 };

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "FAIL: %s\n", what);
        failures++;
    }
}

/* The whole file, NUL-terminated; *size its length. */
static char *slurp(const char *path, long *size)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    *size = -1;
    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (*size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0
        || (buf = malloc((size_t)*size + 1)) == NULL) {
        fclose(f);
        return NULL;
    }
    if (fread(buf, 1, (size_t)*size, f) != (size_t)*size) {
        free(buf);
        fclose(f);
        return NULL;
    }
    buf[*size] = '\0';
    fclose(f);
    return buf;
}

/* Checks a chart file; `needle` is ASCII text that must appear in an SVG (NULL: none). */
static void check_file(const char *path, const char *needle)
{
    long size;
    char *buf = slurp(path, &size);
    char what[512];
    snprintf(what, sizeof what, "%s exists", path);
    check(buf != NULL, what);
    if (buf == NULL)
        return;
    snprintf(what, sizeof what, "%s has at least %d bytes (has %ld)", path, MIN_BYTES, size);
    check(size >= MIN_BYTES, what);
    if (strstr(path, ".svg") != NULL) {
        const char *start = buf + strspn(buf, " \t\r\n");
        snprintf(what, sizeof what, "%s starts with <?xml or <svg", path);
        check(strncmp(start, "<?xml", 5) == 0 || strncmp(start, "<svg", 4) == 0, what);
        snprintf(what, sizeof what, "%s contains </svg>", path);
        check(strstr(buf, "</svg>") != NULL, what);
        if (needle != NULL) {
            /* PLplot's SVG device writes each character as a reference: "A" as "&#x41;" */
            char encoded[512];
            size_t i, j = 0;
            for (i = 0; needle[i] != '\0' && j + 8 < sizeof encoded; i++)
                j += (size_t)snprintf(encoded + j, sizeof encoded - j, "&#x%x;",
                                      (unsigned)(unsigned char)needle[i]);
            snprintf(what, sizeof what, "%s contains \"%s\" (as %s...)", path, needle,
                     j > 0 ? "&#x..;" : "");
            check(strstr(buf, encoded) != NULL, what);
        }
    } else {
        static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        snprintf(what, sizeof what, "%s starts with the PNG signature", path);
        check(size >= 8 && memcmp(buf, sig, 8) == 0, what);
    }
    free(buf);
}

/* The segments of an SVG's polylines of one stroke colour ("#1F77B4"), filled (markers) or
 * not (lines), as PLplot's SVG device writes them: <polyline ... stroke="#RRGGBB" ...
 * fill="none" or a colour ... points="x,y x,y ..."/>. */
struct segments {
    int lines, horizontal, vertical, diagonal; /* lines: polylines of that colour */
    double min_x, max_x;                       /* over all their points (SVG units) */
};

static struct segments
svg_segments(const char *svg, const char *stroke, int filled)
{
    struct segments g = {0, 0, 0, 0, INFINITY, -INFINITY};
    const char *p = svg;
    char want[32];

    snprintf(want, sizeof want, "stroke=\"%s\"", stroke);
    while ((p = strstr(p, "<polyline")) != NULL) {
        const char *end = strstr(p, "/>"), *st = strstr(p, want), *fill = strstr(p, "fill=\""),
                   *pts = strstr(p, "points=\"");
        double x0 = NAN, y0 = NAN, x, y;
        char *next;
        if (end == NULL)
            break;
        if (st == NULL || st > end || fill == NULL || fill > end || pts == NULL || pts > end ||
            (strncmp(fill, "fill=\"none\"", 11) != 0) != filled) {
            p = end;
            continue;
        }
        g.lines++;
        for (pts += 8;; pts = next) {
            x = strtod(pts, &next);
            if (next == pts || *next != ',')
                break;
            y = strtod(next + 1, &next);
            g.min_x = fmin(g.min_x, x);
            g.max_x = fmax(g.max_x, x);
            if (!isnan(x0) && (fabs(x - x0) > 0.02 || fabs(y - y0) > 0.02)) {
                if (fabs(y - y0) <= 0.02)
                    g.horizontal++;
                else if (fabs(x - x0) <= 0.02)
                    g.vertical++;
                else
                    g.diagonal++;
            }
            x0 = x;
            y0 = y;
        }
        p = end;
    }
    return g;
}

/* The geometry of the chart of steps, a band and points (series k in the k-th colour of the
 * palette: #1F77B4, #FF7F0E, #2CA02C): the steps have no slope and rise or fall at every one
 * of the n_years - 1 changes of the target; the line with a band has slopes (so that the
 * check can fail); every point's disc lies inside the frame (black lines), also the first
 * year's; and each of the n_est estimated points is a ring (a hollow marker). */
static void
check_series_geometry(const char *path, int n_est)
{
    long size;
    char *svg = slurp(path, &size), what[1400];
    struct segments steps, band, frame, discs, rings;

    if (svg == NULL)
        return; /* check_file() says so */
    steps = svg_segments(svg, "#1F77B4", 0);
    band = svg_segments(svg, "#FF7F0E", 0);
    frame = svg_segments(svg, "#000000", 0);
    discs = svg_segments(svg, "#2CA02C", 1);
    rings = svg_segments(svg, "#2CA02C", 0);
    snprintf(what, sizeof what, "%s: the steps have no slope (%d sloping segments)", path,
             steps.diagonal);
    check(steps.lines > 0 && steps.diagonal == 0, what);
    snprintf(what, sizeof what, "%s: the steps rise or fall %d times (want %d)", path,
             steps.vertical, N_YEARS - 1);
    check(steps.vertical == N_YEARS - 1, what);
    snprintf(what, sizeof what, "%s: the line with a band has slopes", path);
    check(band.diagonal > 0, what);
    snprintf(what, sizeof what, "%s: %d discs and %d rings for 4 points, %d of them hollow", path,
             discs.lines, rings.lines, n_est);
    check(discs.lines == 4 - n_est && rings.lines == n_est, what);
    snprintf(what, sizeof what, "%s: the points (x %.1f to %.1f) inside the frame (%.1f to %.1f)",
             path, fmin(discs.min_x, rings.min_x), fmax(discs.max_x, rings.max_x), frame.min_x,
             frame.max_x);
    check(fmin(discs.min_x, rings.min_x) > frame.min_x &&
              fmax(discs.max_x, rings.max_x) < frame.max_x,
          what);
    free(svg);
}

/* A failed call: non-zero, a message, and no file left behind. */
static void check_fails(int rc, const char *err, const char *path, const char *what)
{
    struct stat st;
    char msg[512];
    snprintf(msg, sizeof msg, "%s fails (rc %d, message \"%s\")", what, rc, err);
    check(rc != 0 && err[0] != '\0', msg);
    if (path != NULL) {
        snprintf(msg, sizeof msg, "%s leaves no file %s", what, path);
        check(stat(path, &st) != 0, msg);
    }
}

/* Single-year populations of a prefecture of ten million: the 2020 base with small cohorts under
 * ten (fertility fell after 2017) and large ones at 30-35 and 50-55, and 2035 as the same cohorts
 * fifteen years older with survival falling with age and new births about 60% of 2020's. */
static void make_pyramid(double fa[], double ma[], double fb[], double mb[])
{
    int a;
    for (a = 0; a < N_AGES; a++) {
        double base = 150000.0 * exp(-pow(a / 72.0, 4.0));
        base *= 1 + 0.25 * exp(-pow((a - 32) / 4.0, 2)) + 0.35 * exp(-pow((a - 53) / 5.0, 2));
        if (a < 10)
            base *= 0.72 + 0.02 * a;
        if (a == N_AGES - 1)
            base *= 2.5; /* the open group 90+ */
        fa[a] = 0.49 * base;
        ma[a] = 0.51 * base * (a > 60 ? 0.95 : 1.0);
    }
    for (a = 0; a < N_AGES; a++) {
        if (a < 15) {
            fb[a] = 0.6 * fa[a < 10 ? a : 9];
            mb[a] = 0.6 * ma[a < 10 ? a : 9];
        } else {
            double s = exp(-pow(a / 85.0, 6.0));
            fb[a] = fa[a - 15] * s;
            mb[a] = ma[a - 15] * s * 0.97;
        }
    }
}

static int draw_all(const char *dir, const char *tag, const char *ext)
{
    static const char *const counties[N_COUNTIES] = {
        "宛城区 Wancheng", "卧龙区 Wolong", "南召县 Nanzhao", "方城县 Fangcheng", "西峡县 Xixia",
        "镇平县 Zhenping", "内乡县 Neixiang", "淅川县 Xichuan", "社旗县 Sheqi", "唐河县 Tanghe",
        "新野县 Xinye", "桐柏县 Tongbai", "邓州市 Dengzhou"};
    /* slots short (+) or spare (-) against 4.5 per 1,000 in 2025 */
    static const double gap[N_COUNTIES] = {2310, 1640, -180, 860, -420, 590, 120, -260, 340,
                                           1280, 410, -95, 1720};
    double fa[N_AGES], ma[N_AGES], fb[N_AGES], mb[N_AGES];
    int years[N_YEARS];
    double lo[N_YEARS], mid[N_YEARS], hi[N_YEARS], obs[N_YEARS];
    double need[N_YEARS], demand[N_YEARS], slots[N_YEARS];
    const double *series[3] = {need, demand, slots};
    const char *const names[3] = {"Slots for 4.5 per 1,000 residents", "Demand-based need",
                                  "Current and planned slots"};
    char path[4][1024], err[256];
    int i, rc;

    make_pyramid(fa, ma, fb, mb);
    for (i = 0; i < N_YEARS; i++) {
        double t = i, spread = 0.012 * t * (1 + 0.05 * t);
        years[i] = 2020 + i;
        mid[i] = 262000 * exp(-0.028 * t) + 1500 * t; /* children 0-2 */
        lo[i] = mid[i] * (1 - spread);
        hi[i] = mid[i] * (1 + 1.15 * spread);
        obs[i] = i < 4 ? mid[i] * (1 + 0.01 * ((i % 2) ? 1 : -1)) : (double)NAN;
        need[i] = 4.5 * (9.71e6 - 22000 * t) / 1000; /* 4.5 slots per 1,000 residents */
        demand[i] = 0.18 * mid[i];
        slots[i] = i < 3 ? NAN : 33000 + 2500 * (i > 5 ? 5 : i - 3) + (i > 10 ? 1500 : 0);
    }
    snprintf(path[0], sizeof path[0], "%s/pyramid-%s.%s", dir, tag, ext);
    snprintf(path[1], sizeof path[1], "%s/band-%s.%s", dir, tag, ext);
    snprintf(path[2], sizeof path[2], "%s/lines-%s.%s", dir, tag, ext);
    snprintf(path[3], sizeof path[3], "%s/bars-%s.%s", dir, tag, ext);

    rc = chart_pyramid(path[0], "Nanyang 南阳市: population 2020 and projected 2035", N_AGES,
                       fa, ma, "2020 (census-based)", fb, mb, "2035 (projected)", err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "pyramid: %s\n", err);
    check(rc == 0, "chart_pyramid succeeds");
    rc = chart_band(path[1], "Children aged 0-2, Nanyang: projection with 80% band (#1)",
                    "Children aged 0-2 (persons)", N_YEARS, years, lo, mid, hi, obs, NULL, err,
                    sizeof err);
    if (rc != 0)
        fprintf(stderr, "band: %s\n", err);
    check(rc == 0, "chart_band succeeds");
    rc = chart_lines(path[2], "Childcare slots needed and available, Nanyang",
                     "Childcare slots (places)", N_YEARS, years, 3, series, names, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "lines: %s\n", err);
    check(rc == 0, "chart_lines succeeds");
    {
        /* a target in steps, demand with its band, published points (the first of them
         * derived: hollow): one chart */
        static const int derived[N_YEARS] = {1};
        chart_series cs[3] = {{"Target (steps)", need, NULL, NULL, 1, 0, NULL},
                              {"Demand with band", mid, lo, hi, 0, 0, NULL},
                              {"Published", obs, NULL, NULL, 0, 1, derived}};
        char sp[1100];
        snprintf(sp, sizeof sp, "%s/series-%s.%s", dir, tag, ext);
        rc = chart_series_lines(sp, "Steps, bands and points", "persons", N_YEARS, years, 3, cs,
                                err, sizeof err);
        if (rc != 0)
            fprintf(stderr, "series: %s\n", err);
        check(rc == 0, "chart_series_lines succeeds");
        check_file(sp, strcmp(ext, "svg") == 0 ? "Target (steps)" : NULL);
        if (strcmp(ext, "svg") == 0) {
            check_file(sp, "hollow marker: derived or assumed");
            check_series_geometry(sp, 1);
        }
        cs[1].hi = NULL; /* half a band */
        err[0] = '\0';
        snprintf(sp, sizeof sp, "%s/half-%s.%s", dir, tag, ext);
        rc = chart_series_lines(sp, "t", "y", N_YEARS, years, 3, cs, err, sizeof err);
        check_fails(rc, err, sp, "half a band");
    }
    {
        /* who pays, stacked: a surplus (negative) below zero */
        const double central[3] = {30, 20, 20}, local[3] = {10, 12, 14}, prov[3] = {-5, 3, 4};
        const double hole[3] = {1, NAN, 2};
        const double *const parts[3] = {central, local, prov};
        const char *const who[3] = {"Central budget", "Local budgets", "Providers"};
        char sp[1100];
        snprintf(sp, sizeof sp, "%s/stacked-%s.%s", dir, tag, ext);
        rc = chart_stacked_bars(sp, "Who pays", "million yuan", 3, years, 3, parts, who, err,
                                sizeof err);
        if (rc != 0)
            fprintf(stderr, "stacked: %s\n", err);
        check(rc == 0, "chart_stacked_bars succeeds");
        check_file(sp, strcmp(ext, "svg") == 0 ? "Local budgets" : NULL);
        err[0] = '\0';
        snprintf(sp, sizeof sp, "%s/stacked-bad-%s.%s", dir, tag, ext);
        rc = chart_stacked_bars(sp, "t", "y", 3, years, 3,
                                (const double *const[]){central, hole, prov}, who, err, sizeof err);
        check_fails(rc, err, sp, "a NaN part");
    }
    rc = chart_bars(path[3], "Slot gap by county, 2025 (positive: shortfall; negative: spare)",
                    "Slots short of 4.5 per 1,000 residents (places)", N_COUNTIES, counties, gap,
                    err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "bars: %s\n", err);
    check(rc == 0, "chart_bars succeeds");
    if (strcmp(ext, "svg") == 0) { /* the last three counties' slots shared out: marked */
        static const int shared[N_COUNTIES] = {[10] = 1, [11] = 1, [12] = 1};
        char bp[1100];
        long size;
        char *svg;
        snprintf(bp, sizeof bp, "%s/bars-marked-%s.svg", dir, tag);
        rc = chart_bars_marked(bp, "Marked gaps", "places", N_COUNTIES, counties, gap, shared, err,
                               sizeof err);
        check(rc == 0, "chart_bars_marked succeeds");
        check_file(bp, "derived or assumed, not counted");
        svg = slurp(bp, &size);
        if (svg != NULL) { /* a dagger (U+2020) after each of the three values */
            int daggers = 0;
            for (const char *q = svg; (q = strstr(q, "&#x2020;")) != NULL; q++)
                daggers++;
            check(daggers == 3 + 1, "three values and the note carry a dagger");
            free(svg);
        }
    }

    if (strcmp(ext, "svg") == 0) {
        check_file(path[0], "2035 (projected)");
        check_file(path[1], "Median projection");
        check_file(path[2], "Demand-based need");
        check_file(path[3], "Slot gap by county");
    } else {
        for (i = 0; i < 4; i++)
            check_file(path[i], NULL);
    }
    return 0;
}

static void invalid_calls(const char *dir)
{
    char path[1024], err[256];
    int years[3] = {2020, 2021, 2022}, bad_years[3] = {2020, 2020, 2022};
    double v[3] = {1, 2, 3}, lo[3] = {1, 1, 1}, hi[3] = {3, 3, 3}, nan3[3] = {1, NAN, 3};
    double neg[3] = {1, -2, 3};
    const double *series[9] = {v, v, v, v, v, v, v, v, v};
    const char *const names[9] = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
    const char *const labels[3] = {"a", "b", "c"};
    int rc;

    snprintf(path, sizeof path, "%s/bad.pdf", dir);
    err[0] = '\0';
    rc = chart_bars(path, "t", "x", 3, labels, v, err, sizeof err);
    check_fails(rc, err, path, "an unknown extension");
    snprintf(path, sizeof path, "%s/no-such-dir/x.svg", dir);
    err[0] = '\0';
    rc = chart_bars(path, "t", "x", 3, labels, v, err, sizeof err);
    check_fails(rc, err, path, "an unwritable path");
    snprintf(path, sizeof path, "%s/bad.svg", dir);
    err[0] = '\0';
    rc = chart_bars(NULL, "t", "x", 3, labels, v, err, sizeof err);
    check_fails(rc, err, NULL, "a NULL path");
    err[0] = '\0';
    rc = chart_bars(path, "t", "x", 0, labels, v, err, sizeof err);
    check_fails(rc, err, path, "no bars");
    err[0] = '\0';
    rc = chart_bars(path, "t", "x", 3, labels, nan3, err, sizeof err);
    check_fails(rc, err, path, "a NaN bar");
    err[0] = '\0';
    rc = chart_pyramid(path, "t", 3, v, neg, "a", NULL, NULL, "b", err, sizeof err);
    check_fails(rc, err, path, "a negative population");
    err[0] = '\0';
    rc = chart_pyramid(path, "t", 3, v, v, "a", v, NULL, "b", err, sizeof err);
    check_fails(rc, err, path, "a second series with one sex");
    err[0] = '\0';
    rc = chart_band(path, "t", "y", 3, years, hi, v, lo, NULL, NULL, err, sizeof err);
    check_fails(rc, err, path, "a band with lo > hi");
    err[0] = '\0';
    rc = chart_band(path, "t", "y", 3, bad_years, lo, v, hi, NULL, NULL, err, sizeof err);
    check_fails(rc, err, path, "repeated years");
    err[0] = '\0';
    rc = chart_lines(path, "t", "y", 3, years, 9, series, names, err, sizeof err);
    check_fails(rc, err, path, "nine series");
    /* err_size 0 and a NULL err must not be written to */
    check(chart_lines(path, "t", "y", 0, years, 1, series, names, NULL, 0) != 0, "NULL err");

    /* valid calls still work after the failures: draw one series alone */
    snprintf(path, sizeof path, "%s/pyramid-one.svg", dir);
    {
        double f[N_AGES], m[N_AGES], fb[N_AGES], mb[N_AGES];
        make_pyramid(f, m, fb, mb);
        rc = chart_pyramid(path, "One series", N_AGES, f, m, "2020", NULL, NULL, NULL, err,
                           sizeof err);
        check(rc == 0, "a pyramid of one series after failed calls");
        if (rc == 0)
            check_file(path, "One series");
    }
}

int main(int argc, char **argv)
{
    char tmpl[1024], err[256];
    const char *dir, *base = getenv("CCAP_TEST_TMP");
    int keep = argc > 1;

    if (!charts_available()) {
        int rc = chart_bars("x.svg", "t", "x", 0, NULL, NULL, err, sizeof err);
        check(rc != 0 && strstr(err, "not available") != NULL, "stubs say charts are not available");
        check(!charts_png_available(), "no PNG without PLplot");
        printf("charts not available (built without PLplot): skipped\n");
        return failures ? 1 : 77;
    }
    if (keep) {
        dir = argv[1];
    } else {
        snprintf(tmpl, sizeof tmpl, "%s/test-charts-XXXXXX", base != NULL ? base : "/tmp");
        dir = mkdtemp(tmpl);
        if (dir == NULL) {
            perror(tmpl);
            return 1;
        }
    }
    draw_all(dir, "1", "svg");
    invalid_calls(dir);
    draw_all(dir, "2", "svg"); /* again in the same process */
    /* a narrow page, as the report's variant for phones */
    check(chart_page_size(100, 600) != 0, "a page 100 px wide is refused");
    check(chart_page_size(480, 600) == 0, "a page 480 x 600 px is taken");
    draw_all(dir, "narrow", "svg");
    check(chart_page_size(0, 0) == 0, "0 x 0: back to the default page");
    if (charts_png_available()) {
        draw_all(dir, "1", "png");
        draw_all(dir, "2", "png");
    } else {
        printf("PNG charts not available (PLplot's cairo driver is not installed)\n");
    }
    if (!keep && failures == 0) { /* every file the run wrote, then the directory */
        DIR *d = opendir(dir);
        struct dirent *e;
        char path[1400];
        while (d != NULL && (e = readdir(d)) != NULL)
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
                snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
                remove(path);
            }
        if (d != NULL)
            closedir(d);
        rmdir(dir);
    }
    printf("%s: %d failure(s)\n", failures ? "FAIL" : "ok", failures);
    return failures ? 1 : 0;
}
