/* Charts for the ccap-plan report (see charts.h).  PLplot only when CCAP_HAVE_PLPLOT is defined;
 * otherwise every chart function is a stub that reports "charts not available". */
#include "charts.h"
#include "i18n.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_err(char *err, size_t err_size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void set_err(char *err, size_t err_size, const char *fmt, ...)
{
    va_list ap;
    if (err == NULL || err_size == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, err_size, fmt, ap);
    va_end(ap);
}

#ifndef CCAP_HAVE_PLPLOT

#define NOT_AVAILABLE "charts not available (built without PLplot)"

int chart_pyramid(const char *path, const char *title, size_t n_ages,
                  const double female_a[], const double male_a[], const char *label_a,
                  const double female_b[], const double male_b[], const char *label_b,
                  char *err, size_t err_size)
{
    (void)path; (void)title; (void)n_ages; (void)female_a; (void)male_a; (void)label_a;
    (void)female_b; (void)male_b; (void)label_b;
    set_err(err, err_size, "%s", NOT_AVAILABLE);
    return -1;
}

int
chart_band(const char *path, const char *title, const char *y_label, size_t n_years,
           const int years[], const double lo[], const double mid[], const double hi[],
           const double observed[], const char *band_label, char *err, size_t err_size)
{
    (void)path; (void)title; (void)y_label; (void)n_years; (void)years; (void)lo; (void)mid;
    (void)hi;
    (void)observed;
    (void)band_label;
    set_err(err, err_size, "%s", NOT_AVAILABLE);
    return -1;
}

int chart_lines(const char *path, const char *title, const char *y_label, size_t n_years,
                const int years[], size_t n_series, const double *series[],
                const char *const names[], char *err, size_t err_size)
{
    (void)path; (void)title; (void)y_label; (void)n_years; (void)years; (void)n_series;
    (void)series; (void)names;
    set_err(err, err_size, "%s", NOT_AVAILABLE);
    return -1;
}

int
chart_series_lines(const char *path, const char *title, const char *y_label, size_t n_years,
                   const int years[], size_t n_series, const chart_series series[], char *err,
                   size_t err_size)
{
    (void)path;
    (void)title;
    (void)y_label;
    (void)n_years;
    (void)years;
    (void)n_series;
    (void)series;
    set_err(err, err_size, "%s", NOT_AVAILABLE);
    return -1;
}

int chart_bars(const char *path, const char *title, const char *x_label, size_t n,
               const char *const labels[], const double values[], char *err, size_t err_size)
{
    (void)path; (void)title; (void)x_label; (void)n; (void)labels; (void)values;
    set_err(err, err_size, "%s", NOT_AVAILABLE);
    return -1;
}

int
chart_bars_marked(const char *path, const char *title, const char *x_label, size_t n,
                  const char *const labels[], const double values[], const int estimated[],
                  char *err, size_t err_size)
{
    (void)estimated;
    return chart_bars(path, title, x_label, n, labels, values, err, err_size);
}

int
chart_stacked_bars(const char *path, const char *title, const char *y_label, size_t n_years,
                   const int years[], size_t n_series, const double *const series[],
                   const char *const names[], char *err, size_t err_size)
{
    (void)path;
    (void)title;
    (void)y_label;
    (void)n_years;
    (void)years;
    (void)n_series;
    (void)series;
    (void)names;
    set_err(err, err_size, "%s", NOT_AVAILABLE);
    return -1;
}

int
chart_page_size(int width, int height)
{
    (void)width;
    (void)height;
    return 0;
}

int charts_available(void) { return 0; }

int charts_png_available(void) { return 0; }

#else /* CCAP_HAVE_PLPLOT */

#include <errno.h>
#include <setjmp.h>

#include <plplot.h>
#ifdef CCAP_HAVE_LIBPNG
#include <png.h>
#endif
#if defined(CCAP_HAVE_LIBPNG) && defined(__GLIBC__)
#include <malloc.h>
#endif

enum {
    PAGE_WIDTH = 800, /* pixels: readable at A4 width */
    PAGE_HEIGHT = 500,
    PNG_DPI = 90,     /* the resolution PLplot's Cairo drivers assume by default */
    CHAR_PIXELS = 13, /* PLplot's default character height on the default page, in pixels */
    MAX_SERIES = 8,
    MSG_SIZE = 256
};

/* cmap0 palette: 0 background, 1 text and axes, 2 grid, 3..10 series, 11.. fills. */
enum {
    COL_BG = 0,
    COL_FG = 1,
    COL_GRID = 2,
    COL_SERIES = 3,
    COL_BAND = 11,
    COL_MALE = 12,
    COL_FEMALE = 13,
    COL_POS = 14,
    COL_NEG = 15,
    COL_SHADE = 16,
    N_COLOURS = 17
};

static const struct {
    int r, g, b;
    double a;
} palette[N_COLOURS] = {
    {255, 255, 255, 1.0}, {0, 0, 0, 1.0},       {215, 215, 215, 1.0}, {31, 119, 180, 1.0},
    {255, 127, 14, 1.0},  {44, 160, 44, 1.0},   {214, 39, 40, 1.0},   {148, 103, 189, 1.0},
    {140, 86, 75, 1.0},   {227, 119, 194, 1.0}, {127, 127, 127, 1.0}, {31, 119, 180, 0.25},
    {120, 170, 220, 1.0}, {240, 150, 150, 1.0}, {214, 96, 40, 1.0},   {44, 160, 44, 1.0},
    {0, 0, 0, 0.2}, /* a band of a series: its colour, translucent (set when drawn) */
};

/* Width of a character of the default font in character heights (a measured approximation for
 * digits and Latin letters; a CJK character counts as two), and of a legend's line sample as a
 * fraction of the viewport width. */
#define CHAR_WIDTH 0.8
#define LEGEND_SAMPLE 0.06

#define TITLE_SCALE 1.25     /* the title's height in default character heights */
#define LINE_SPACING 1.3     /* from one line of a title to the next, in character heights */
#define BAR_LABEL_WIDTH 0.4  /* a bar's label wider than this fraction of the page: two lines */
#define BAR_LABEL_SCALE 0.85 /* the largest height of a label in two lines */
#define MARKER_RADIUS 0.4    /* a marker's radius in character heights */

/* Markers: a published or counted figure filled, a derived or assumed one hollow (drawn over a
 * filled one in the background colour, so that a line does not show through).  Unicode
 * characters, which the SVG and Cairo devices draw alike from the font. */
#define OBSERVED_SYMBOL "#[0x25cf]"  /* ● BLACK CIRCLE */
#define ESTIMATED_SYMBOL "#[0x25cb]" /* ○ WHITE CIRCLE */

/* One chart being drawn: where PLplot's exit handler jumps to, the first PLplot message, and the
 * memory the drawing allocated (freed whether the drawing finished or PLplot bailed out). */
struct session {
    jmp_buf jump;
    char message[MSG_SIZE];
    int warned;
    void **blocks;
    size_t n_blocks, cap_blocks;
    double chx, chy;             /* character height as fractions of the page width, height */
    double vl, vr, vb, vt;       /* the viewport, as fractions of the page */
    double wscale;               /* the page's width against the default (PAGE_WIDTH) */
    const char *title[2];        /* the title's lines (place()); title[1] NULL for one */
    const char *x_title[2];      /* the x-axis title's lines, x_lines of them */
    int x_lines;
    double below; /* character heights from the plot down to the legend */
};

/* The size of the pages drawn next on this thread, in pixels (chart_page_size()). */
static _Thread_local PLINT page_width = PAGE_WIDTH, page_height = PAGE_HEIGHT;

/* PLplot's handlers take no user data, so the session being drawn on this thread is found through
 * this pointer.  It is set only while a chart is drawn and restored afterwards. */
static _Thread_local struct session *active;

static int on_plexit(const char *msg)
{
    struct session *s = active;
    if (s == NULL)
        return 1; /* not ours: PLplot's own behaviour */
    snprintf(s->message, sizeof s->message, "PLplot: %s", msg);
    longjmp(s->jump, 1);
}

static void on_plabort(const char *msg)
{
    struct session *s = active;
    if (s == NULL) {
        fprintf(stderr, "*** PLPLOT WARNING ***\n%s\n", msg); /* what PLplot prints by default */
        return;
    }
    if (!s->warned)
        snprintf(s->message, sizeof s->message, "PLplot: %s", msg);
    s->warned = 1;
}

static void fail(struct session *s, const char *msg)
{
    snprintf(s->message, sizeof s->message, "%s", msg);
    longjmp(s->jump, 1);
}

static void *sess_alloc(struct session *s, size_t n, size_t size)
{
    void *p;
    if (s->n_blocks == s->cap_blocks) {
        size_t cap = s->cap_blocks ? 2 * s->cap_blocks : 16;
        void **b = realloc(s->blocks, cap * sizeof *b);
        if (b == NULL)
            fail(s, "out of memory");
        s->blocks = b;
        s->cap_blocks = cap;
    }
    if (n == 0 || size > (size_t)-1 / n || (p = malloc(n * size)) == NULL)
        fail(s, "out of memory");
    s->blocks[s->n_blocks++] = p;
    return p;
}

/* A copy of UTF-8 text for PLplot: its escape character '#' doubled. */
static const char *text(struct session *s, const char *t)
{
    size_t n = 0, i, j;
    char *out;
    if (t == NULL)
        t = "";
    for (i = 0; t[i] != '\0'; i++)
        n += t[i] == '#' ? 2 : 1;
    out = sess_alloc(s, n + 1, 1);
    for (i = 0, j = 0; t[i] != '\0'; i++) {
        out[j++] = t[i];
        if (t[i] == '#')
            out[j++] = '#';
    }
    out[j] = '\0';
    return out;
}

static int device_installed(const char *name)
{
    const char *menus[128], *devs[128];
    const char **pm = menus, **pd = devs;
    int n = 128, i;
    plgDevs(&pm, &pd, &n);
    for (i = 0; i < n; i++)
        if (devs[i] != NULL && strcmp(devs[i], name) == 0)
            return 1;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    size_t i;
    if (n < m)
        return 0;
    for (i = 0; i < m; i++) {
        char c = s[n - m + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return 0;
    }
    return 1;
}

/* Display width of UTF-8 text in half-width character cells: code points from U+1100 up (CJK
 * and other wide scripts, in a simple approximation) count two. */
static size_t text_cells(const char *t)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)t;
    for (; *p != '\0'; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        w += *p >= 0xE1 ? 2 : 1;
    }
    return w;
}

/* ---- axes ---------------------------------------------------------------------------------- */

/* A "nice" tick step (1, 2 or 5 times a power of ten) giving about `ticks` intervals over range. */
static double nice_step(double range, double ticks)
{
    double raw = range / ticks, mag, norm;
    if (!(raw > 0) || !isfinite(raw))
        return 1;
    mag = pow(10, floor(log10(raw)));
    norm = raw / mag;
    return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
}

struct axis_fmt {
    int decimals[2];   /* x, y */
    int absolute[2];   /* print |value| (pyramid) */
    int plain[2];      /* no thousands separators (years) */
};

static int decimals_for(double step)
{
    int d = (int)ceil(-log10(step) - 1e-9);
    return d < 0 ? 0 : d > 6 ? 6 : d;
}

/* Tick labels: fixed decimals from the tick step, thousands separated by commas. */
static void label_axis(PLINT axis, PLFLT value, char *label, PLINT length, PLPointer data)
{
    const struct axis_fmt *f = data;
    int k = axis == PL_Y_AXIS ? 1 : 0;
    char num[64], out[96];
    size_t i, j = 0, int_len;
    double v = f->absolute[k] ? fabs(value) : value;
    if (fabs(v) < 0.5 * pow(10, -f->decimals[k]))
        v = 0; /* no "-0" */
    snprintf(num, sizeof num, "%.*f", f->decimals[k], v);
    if (f->plain[k]) {
        snprintf(label, (size_t)length, "%s", num);
        return;
    }
    i = num[0] == '-' ? 1 : 0;
    if (i)
        out[j++] = '-';
    int_len = strcspn(num + i, ".");
    for (; num[i] != '\0'; i++) {
        size_t pos = i - (num[0] == '-' ? 1 : 0);
        if (pos > 0 && pos < int_len && (int_len - pos) % 3 == 0)
            out[j++] = ',';
        out[j++] = num[i];
    }
    out[j] = '\0';
    snprintf(label, (size_t)length, "%s", out);
}

/* A value range extended to whole tick steps; starts at zero when the data are non-negative:
 * the charts compare amounts (persons, slots), whose heights only compare honestly from zero. */
static void value_range(double lo, double hi, double *a, double *b, double *step)
{
    if (lo >= 0)
        lo = 0;
    if (!(hi > lo)) {
        double pad = fabs(hi) > 0 ? 0.1 * fabs(hi) : 1;
        lo -= pad;
        hi += pad;
    }
    *step = nice_step(hi - lo, 6);
    *a = floor(lo / *step) * *step;
    *b = ceil(hi / *step) * *step;
    if (*b - hi < 0.02 * (*b - *a))
        *b += *step; /* room for the legend */
}

/* The years' range, half a year wider at each end when pad (a marker at the first or the last
 * year stays whole), with a tick step for about 8 ticks across a default page (fewer on a
 * narrower one). */
static void
year_range(const struct session *s, size_t n, const int years[], int pad, double *a, double *b,
           double *step)
{
    *a = years[0];
    *b = years[n - 1];
    if (*b <= *a) {
        *a -= 1;
        *b += 1;
    }
    /* a narrow page: fewer, so that years of four digits keep a label's width apart */
    *step = nice_step(*b - *a, s->wscale < 1 ? 6.5 * s->wscale : 8);
    if (*step < 1)
        *step = 1;
    if (pad) {
        *a -= 0.5;
        *b += 0.5;
    }
}

/* Grid, then the frame and tick labels drawn over it. */
static void axes(const char *xopt, double xstep, const char *yopt, double ystep)
{
    plcol0(COL_GRID);
    plwidth(0.5);
    plbox("g", xstep, 0, "g", ystep, 0);
    plcol0(COL_FG);
    plwidth(1);
    plbox(xopt, xstep, 0, yopt, ystep, 0);
}

/* Width of text as a fraction of the page width, at `scale` times the default height. */
static double
text_width(const struct session *s, const char *t, double scale)
{
    return CHAR_WIDTH * (double)text_cells(t) * scale * s->chx;
}

/* Text as one or two lines for PLplot (escaped as text() does), into lines[0] and lines[1]
 * (NULL when one line does): when the text is wider than `width` (a fraction of the page
 * width) at `scale`, broken at a space (which goes) or after a full-width comma or colon (which
 * stays), preferring a break after a comma, colon or semicolon where both lines then fit,
 * else where the wider line is narrowest.  Returns the number of lines. */
static int
split_text(struct session *s, const char *t, double width, double scale, const char *lines[2])
{
    size_t best = 0, skip = 0, i, len;
    double best_w = INFINITY;
    int best_punct = 0;
    char *a;

    if (t == NULL)
        t = "";
    lines[0] = text(s, t);
    lines[1] = NULL;
    if (text_width(s, t, scale) <= width)
        return 1;
    len = strlen(t);
    a = sess_alloc(s, len + 1, 1);
    for (i = 1; i + 1 < len; i++) {
        size_t cut, next;
        int punct;
        double w;
        if (t[i] == ' ') {
            cut = i;
            next = i + 1;
            punct = t[i - 1] == ',' || t[i - 1] == ':' || t[i - 1] == ';';
        } else if (strncmp(t + i, "\xef\xbc\x8c", 3) == 0 ||
                   strncmp(t + i, "\xef\xbc\x9a", 3) == 0) { /* ， ： */
            cut = next = i + 3;
            punct = 1;
        } else {
            continue;
        }
        if (next >= len)
            continue;
        memcpy(a, t, cut);
        a[cut] = '\0';
        w = fmax(text_width(s, a, scale), text_width(s, t + next, scale));
        punct = punct && w <= width;
        if (punct > best_punct || (punct == best_punct && w < best_w)) {
            best_w = w;
            best = cut;
            skip = next;
            best_punct = punct;
        }
    }
    if (best == 0)
        return 1; /* no place to break: as it is */
    memcpy(a, t, best);
    a[best] = '\0';
    lines[0] = text(s, a);
    lines[1] = text(s, t + skip);
    return 2;
}

/* Sets the viewport: left_chars character heights on the left for tick labels and the y-axis
 * title, the x-axis title (x_title: two lines when it is wider than the plot) and `rows` rows
 * of legend below, the title above (two lines when it is wider than the page). */
static void
place(struct session *s, double left_chars, PLINT rows, const char *title, const char *x_title)
{
    const int title_lines = split_text(s, title, 0.96, TITLE_SCALE, s->title);
    s->vl = fmin(0.45, left_chars * s->chx);
    s->vr = 1 - 2.0 * s->chx;
    s->x_lines = split_text(s, x_title, s->vr - s->vl, 1.0, s->x_title);
    s->below = 4.4 + LINE_SPACING * (s->x_lines - 1);
    s->vb = (s->below + (rows > 0 ? 0.6 + 1.7 * (double)rows : 0)) * s->chy;
    s->vt = 1 - (3.2 + LINE_SPACING * TITLE_SCALE * (title_lines - 1)) * s->chy;
    plvpor(s->vl, s->vr, s->vb, s->vt);
}

/* Width in characters of the widest of the tick labels at both ends of an axis. */
static double tick_chars(PLINT axis, double a, double b, struct axis_fmt *f)
{
    char la[96], lb[96];
    size_t wa, wb;
    label_axis(axis, a, la, (PLINT)sizeof la, f);
    label_axis(axis, b, lb, (PLINT)sizeof lb, f);
    wa = strlen(la);
    wb = strlen(lb);
    return (double)(wa > wb ? wa : wb);
}

/* Axis titles and the chart title (as place() split them), centred on the page; the x-axis
 * title is centred under the plot when it fits there.  y_disp: the y title's distance from the
 * axis in character heights. */
static void
labels(struct session *s, const char *y, double y_disp)
{
    const double page_centre = (0.5 - s->vl) / (s->vr - s->vl);
    double x_pos = 0.5;
    int i;

    plcol0(COL_FG);
    plschr(0, 1.0);
    for (i = 0; i < s->x_lines; i++)
        if (text_width(s, s->x_title[i], 1.0) > s->vr - s->vl)
            x_pos = page_centre;
    for (i = 0; i < s->x_lines; i++)
        plmtex("b", 3.0 + LINE_SPACING * i, x_pos, 0.5, s->x_title[i]);
    if (y != NULL)
        plmtex("l", y_disp, 0.5, 0.5, text(s, y));
    plschr(0, TITLE_SCALE);
    for (i = 0; i < 2 && s->title[i] != NULL; i++)
        plmtex("t", 1.0 + LINE_SPACING * (s->title[1] != NULL ? 1 - i : 0), page_centre, 0.5,
               s->title[i]);
    plschr(0, 1.0);
}

/* ---- legend -------------------------------------------------------------------------------- */

enum { LEG_LINE, LEG_BOX, LEG_SYMBOL, LEG_HOLLOW };

struct legend {
    PLINT n;
    PLINT opt[MAX_SERIES + 2], colour[MAX_SERIES + 2], style[MAX_SERIES + 2];
    PLINT patterns[MAX_SERIES + 2], symbol_n[MAX_SERIES + 2];
    PLFLT width[MAX_SERIES + 2], scales[MAX_SERIES + 2], sym_scale[MAX_SERIES + 2];
    const char *texts[MAX_SERIES + 2];
    const char *symbols[MAX_SERIES + 2];
};

static void legend_add(struct legend *l, int kind, const char *t, int colour, int style, double width)
{
    PLINT i = l->n++;
    l->opt[i] = kind == LEG_LINE ? PL_LEGEND_LINE : kind == LEG_BOX ? PL_LEGEND_COLOR_BOX
                                                                    : PL_LEGEND_SYMBOL;
    l->colour[i] = colour;
    l->style[i] = style;
    l->width[i] = width;
    l->patterns[i] = 0;
    l->scales[i] = 0.9;
    l->sym_scale[i] = 1.2;
    l->symbol_n[i] = 1;
    l->texts[i] = t;
    l->symbols[i] = kind == LEG_HOLLOW ? ESTIMATED_SYMBOL : OBSERVED_SYMBOL;
}

/* Legend rows and columns: as many equal columns as fit across the page (PLplot makes every
 * column as wide as the widest entry). */
static PLINT legend_rows(const struct session *s, const struct legend *l, PLINT *ncol)
{
    size_t cells = 0;
    double col, avail = 0.9 / s->chx;
    PLINT i, nrow;
    for (i = 0; i < l->n; i++)
        cells = cells > text_cells(l->texts[i]) ? cells : text_cells(l->texts[i]);
    col = CHAR_WIDTH * (double)cells + LEGEND_SAMPLE * 0.9 / s->chx + 3.0;
    *ncol = (PLINT)floor(avail / col);
    *ncol = *ncol < 1 ? 1 : *ncol > l->n ? l->n : *ncol;
    nrow = (l->n + *ncol - 1) / *ncol;
    *ncol = (l->n + nrow - 1) / nrow;
    return nrow;
}

/* The legend below the x-axis title, outside the plot, so that it never hides data. */
static void legend_draw(const struct session *s, const struct legend *l)
{
    PLFLT w, h;
    PLINT text_col[MAX_SERIES + 2];
    PLINT i, ncol, nrow = legend_rows(s, l, &ncol);
    for (i = 0; i < l->n; i++)
        text_col[i] = COL_FG;
    plschr(0, 1.0);
    pllegend(&w, &h, PL_LEGEND_ROW_MAJOR, PL_POSITION_BOTTOM | PL_POSITION_OUTSIDE, 0.0,
             s->below * s->chy / (s->vt - s->vb), LEGEND_SAMPLE, COL_BG, COL_GRID, 1, nrow, ncol,
             l->n, l->opt, 1.0, 1.0, 1.8, 0.0, text_col, l->texts, l->colour, l->patterns,
             l->scales, l->width, l->colour, l->style, l->width, l->colour, l->sym_scale,
             l->symbol_n, l->symbols);
}

/* ---- the runner ---------------------------------------------------------------------------- */

typedef void (*draw_fn)(struct session *s, const void *args);

#ifdef CCAP_HAVE_LIBPNG
/* The w × h RGBA pixels (alpha dropped: the background is opaque) as a PNG file at path, at
 * zlib's level 3 with the "up" filter on every row.  PLplot's pngcairo device writes the same
 * pixels through Cairo at libpng's defaults (level 6, every filter tried on every row), which
 * cost 2.7 times the instructions of the whole chart for files a fifth smaller. */
static int
write_png(const char *path, const unsigned char *rgba, int w, int h, char *err, size_t err_size)
{
    FILE *f = fopen(path, "wb");
    png_structp png = NULL;
    png_infop info = NULL;
    unsigned char *volatile row = NULL;
    int ok = 0;

    if (f == NULL) {
        set_err(err, err_size, "%s: %s", path, strerror(errno));
        return -1;
    }
    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    info = png != NULL ? png_create_info_struct(png) : NULL;
    row = malloc((size_t)w * 3);
    if (png != NULL && info != NULL && row != NULL && setjmp(png_jmpbuf(png)) == 0) {
        png_init_io(png, f);
        png_set_compression_level(png, 3);
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
        png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
        png_write_info(png, info);
        for (int y = 0; y < h; y++) {
            const unsigned char *in = rgba + (size_t)y * (size_t)w * 4;
            for (int x = 0; x < w; x++) {
                row[3 * x] = in[4 * x];
                row[3 * x + 1] = in[4 * x + 1];
                row[3 * x + 2] = in[4 * x + 2];
            }
            png_write_row(png, row);
        }
        png_write_end(png, info);
        ok = 1;
    }
    png_destroy_write_struct(png != NULL ? &png : NULL, info != NULL ? &info : NULL);
    free(row);
    if (fclose(f) != 0)
        ok = 0;
    if (!ok) {
        set_err(err, err_size, "%s: the PNG could not be written", path);
        remove(path);
        return -1;
    }
    return 0;
}
#endif

/* Draws one chart on a stream of its own.  PLplot's exit handler jumps back here, so no PLplot
 * error can end the program; the caller's current stream is restored in every case. */
static int chart_run(const char *path, draw_fn draw, const void *args, char *err, size_t err_size)
{
    struct session s;
    struct session *volatile previous = active;
    const char *device;
    volatile int stage = 0;
    volatile PLINT stream = -1;
    PLINT old_stream = 0, new_stream = -1;
    volatile int failed = 0;
    FILE *probe;
#ifdef CCAP_HAVE_LIBPNG
    const int png = ends_with(path != NULL ? path : "", ".png");
#else
    const int png = 0; /* PNG through PLplot's own device */
#endif
    const int png_w = 2 * (int)page_width, png_h = 2 * (int)page_height;
    unsigned char *volatile pixels = NULL;

    if (path == NULL) {
        set_err(err, err_size, "no output file");
        return -1;
    }
    if (ends_with(path, ".svg"))
        device = "svg";
    else if (ends_with(path, ".png"))
        device = png ? "memcairo" : "pngcairo"; /* memcairo: in memory, then write_png() */
    else {
        set_err(err, err_size, "%s: unknown chart format (use .svg or .png)", path);
        return -1;
    }
    /* PLplot asks on stdin for a device or a file name it cannot use: make sure it never has to. */
    if (!device_installed(device)) {
        set_err(err, err_size, "%s: PLplot's %s device is not installed%s", path, device,
                strcmp(device, "svg") != 0 ? " (package plplot-driver-cairo); use .svg" : "");
        return -1;
    }
    probe = fopen(path, "wb");
    if (probe == NULL) {
        set_err(err, err_size, "%s: %s", path, strerror(errno));
        return -1;
    }
    fclose(probe);

    memset(&s, 0, sizeof s);
    plgstrm(&old_stream);
    active = &s;
    plsexit(on_plexit);
    plsabort(on_plabort);
    if (setjmp(s.jump) == 0) {
        plmkstrm(&new_stream);
        stream = new_stream;
        if (stream < 0)
            fail(&s, "PLplot: no free stream");
        stage = 1;
        plsdev(device);
        /* PNG at twice the pixels and the resolution (sharp on high-density screens and
         * in print, the same layout), on the background colour; SVG at the page's own size */
        if (png) {
            const size_t n = (size_t)png_w * (size_t)png_h;
#ifdef __GLIBC__
            /* the pixels (ours, and the copy PLplot draws on) are large blocks that glibc
             * would map and unmap for every chart, their pages faulted in anew each time
             * (about 0.15 s of system time for a report): keep them in the heap instead */
            static int heap_kept;
            if (!heap_kept) {
                mallopt(M_MMAP_THRESHOLD, 64 << 20);
                mallopt(M_TRIM_THRESHOLD, 256 << 20);
                heap_kept = 1;
            }
#endif
            pixels = malloc(n * 4);
            if (pixels == NULL)
                fail(&s, "out of memory");
            for (size_t i = 0; i < n; i++) {
                pixels[4 * i] = (unsigned char)palette[0].r;
                pixels[4 * i + 1] = (unsigned char)palette[0].g;
                pixels[4 * i + 2] = (unsigned char)palette[0].b;
                pixels[4 * i + 3] = 255;
            }
            plsmema(png_w, png_h, pixels);
            plspage(2 * PNG_DPI, 2 * PNG_DPI, png_w, png_h, 0, 0);
        } else if (strcmp(device, "pngcairo") == 0) {
            plsfnam(path);
            plspage(2 * PNG_DPI, 2 * PNG_DPI, png_w, png_h, 0, 0);
        } else {
            plsfnam(path);
            plspage(0, 0, page_width, page_height, 0, 0);
        }
        plspause(0);
        plscmap0n(N_COLOURS);
        for (int i = 0; i < N_COLOURS; i++)
            plscol0a(i, palette[i].r, palette[i].g, palette[i].b, palette[i].a);
        plinit();
        pladv(0);
        {
            PLFLT def_mm, ht_mm, x0, x1, y0, y1;
            plgchr(&def_mm, &ht_mm);
            plgspa(&x0, &x1, &y0, &y1);
            if (page_width != PAGE_WIDTH || page_height != PAGE_HEIGHT) {
                /* PLplot scales its default text with the page: keep the default page's
                 * CHAR_PIXELS instead, so that text on a small page is as large */
                ht_mm = CHAR_PIXELS * (x1 - x0) / page_width;
                plschr(ht_mm, 1.0);
            }
            s.chx = ht_mm / (x1 - x0);
            s.chy = ht_mm / (y1 - y0);
            s.wscale = (double)page_width / PAGE_WIDTH;
        }
        draw(&s, args);
        stage = 2;
        plend1();
        stage = 3;
    } else {
        failed = 1;
        /* PLplot gave up half way; end its stream, unless that fails too. */
        if (stage >= 1 && stage < 3 && setjmp(s.jump) == 0) {
            stage = 3;
            plsstrm(stream);
            plend1();
        }
    }
    plsstrm(old_stream);
    active = previous;
    for (size_t k = 0; k < s.n_blocks; k++)
        free(s.blocks[k]);
    free(s.blocks);
    if (failed || s.warned) {
        free(pixels);
        remove(path);
        set_err(err, err_size, "%s: %s", path, s.message[0] ? s.message : "PLplot failed");
        return -1;
    }
#ifdef CCAP_HAVE_LIBPNG
    if (png) {
        const int status = write_png(path, pixels, png_w, png_h, err, err_size);
        free(pixels);
        return status;
    }
#endif
    return 0;
}

/* ---- pyramid ------------------------------------------------------------------------------- */

struct pyramid_args {
    const char *title;
    size_t n;
    const double *female_a, *male_a, *female_b, *male_b;
    const char *label_a, *label_b;
};

/* The outline of one side as a step polygon from age 0 to n: x = sign * value / scale. */
static void step_path(size_t n, const double v[], double sign, double scale, PLFLT x[], PLFLT y[])
{
    size_t a;
    x[0] = 0;
    y[0] = 0;
    for (a = 0; a < n; a++) {
        x[1 + 2 * a] = sign * v[a] / scale;
        y[1 + 2 * a] = (double)a;
        x[2 + 2 * a] = sign * v[a] / scale;
        y[2 + 2 * a] = (double)(a + 1);
    }
    x[2 * n + 1] = 0;
    y[2 * n + 1] = (double)n;
}

static void draw_pyramid(struct session *s, const void *args)
{
    const struct pyramid_args *p = args;
    size_t n = p->n, a, np = 2 * p->n + 2;
    PLFLT *x = sess_alloc(s, np, sizeof *x), *y = sess_alloc(s, np, sizeof *y);
    double m = 0, scale = 1, step, lim, ystep = p->n > 60 ? 10 : 5;
    struct axis_fmt fmt = {{0, 0}, {1, 0}, {0, 1}};
    struct legend l = {0};
    char ylab[96];

    for (a = 0; a < n; a++) {
        m = fmax(m, fmax(p->female_a[a], p->male_a[a]));
        if (p->female_b != NULL)
            m = fmax(m, fmax(p->female_b[a], p->male_b[a]));
    }
    if (m >= 1e4) {
        scale = 1e3;
    }
    m /= scale;
    if (!(m > 0))
        m = 1;
    step = nice_step(2 * m, 8 * s->wscale);
    lim = ceil(m / step) * step;
    fmt.decimals[0] = decimals_for(step);

    {
        const char *label_a = p->label_a ? p->label_a : "";
        const size_t nm = strlen(_("Males, %s")) + strlen(label_a) + 1;
        const size_t nf = strlen(_("Females, %s")) + strlen(label_a) + 1;
        char *ma = sess_alloc(s, nm, 1);
        char *fa = sess_alloc(s, nf, 1);
        PLINT ncol;
        snprintf(ma, nm, _("Males, %s"), label_a);
        snprintf(fa, nf, _("Females, %s"), label_a);
        legend_add(&l, LEG_BOX, text(s, ma), COL_MALE, 1, 1);
        legend_add(&l, LEG_BOX, text(s, fa), COL_FEMALE, 1, 1);
        if (p->female_b != NULL)
            legend_add(&l, LEG_LINE, text(s, p->label_b), COL_FG, 1, 1.5);
        place(s, 5.2, legend_rows(s, &l, &ncol), p->title,
              scale > 1 ? _("Population by single year of age (thousands)")
                        : _("Population by single year of age (persons)"));
    }
    plwind(-lim, lim, 0, (double)n);
    plslabelfunc(label_axis, &fmt);

    step_path(n, p->male_a, -1, scale, x, y);
    plcol0(COL_MALE);
    plfill((PLINT)np, x, y);
    step_path(n, p->female_a, 1, scale, x, y);
    plcol0(COL_FEMALE);
    plfill((PLINT)np, x, y);
    axes("bcnsto", step, "bcnstv", ystep);
    if (p->female_b != NULL) {
        plcol0(COL_FG);
        plwidth(1.5);
        step_path(n, p->male_b, -1, scale, x, y);
        plline((PLINT)np, x, y);
        step_path(n, p->female_b, 1, scale, x, y);
        plline((PLINT)np, x, y);
        plwidth(1);
    }
    plcol0(COL_FG);
    pljoin(0, 0, 0, (double)n);
    plslabelfunc(NULL, NULL);

    snprintf(ylab, sizeof ylab, _("Age (years; top row %zu+)"), n - 1);
    labels(s, ylab, 3.4);
    plmtex("t", -1.5, 0.02, 0.0, text(s, _("Males")));
    plmtex("t", -1.5, 0.98, 1.0, text(s, _("Females")));
    legend_draw(s, &l);
}

static int finite_nonneg(size_t n, const double v[])
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!isfinite(v[i]) || v[i] < 0)
            return 0;
    return 1;
}

int chart_pyramid(const char *path, const char *title, size_t n_ages,
                  const double female_a[], const double male_a[], const char *label_a,
                  const double female_b[], const double male_b[], const char *label_b,
                  char *err, size_t err_size)
{
    struct pyramid_args p = {title, n_ages, female_a, male_a, female_b, male_b, label_a, label_b};
    if (n_ages < 2 || n_ages > 200 || female_a == NULL || male_a == NULL
        || (female_b == NULL) != (male_b == NULL)) {
        set_err(err, err_size, "pyramid: needs 2 to 200 ages and both sexes of each series");
        return -1;
    }
    if (!finite_nonneg(n_ages, female_a) || !finite_nonneg(n_ages, male_a)
        || (female_b != NULL && (!finite_nonneg(n_ages, female_b) || !finite_nonneg(n_ages, male_b)))) {
        set_err(err, err_size, "pyramid: populations must be finite and non-negative");
        return -1;
    }
    return chart_run(path, draw_pyramid, &p, err, err_size);
}

/* A marker at (x, y) in colour: a disc MARKER_RADIUS character heights across the page, round
 * whatever the scales of the axes (a polygon, so that the SVG and PNG devices draw it alike);
 * a hollow one is the background colour inside a ring of the colour. */
static void
draw_marker(const struct session *s, PLFLT x, PLFLT y, int hollow, PLINT colour)
{
    enum { SIDES = 24 };
    PLFLT px[SIDES + 1], py[SIDES + 1], wx0, wx1, wy0, wy1;
    double rx, ry;
    int i;

    plgvpw(&wx0, &wx1, &wy0, &wy1);
    rx = MARKER_RADIUS * s->chx * (wx1 - wx0) / (s->vr - s->vl);
    ry = MARKER_RADIUS * s->chy * (wy1 - wy0) / (s->vt - s->vb);
    for (i = 0; i <= SIDES; i++) {
        const double a = 2 * 3.14159265358979323846 * i / SIDES;
        px[i] = x + rx * cos(a);
        py[i] = y + ry * sin(a);
    }
    plcol0(hollow ? COL_BG : colour);
    plfill(SIDES, px, py);
    if (hollow) {
        plcol0(colour);
        plwidth(1.5);
        plline(SIDES + 1, px, py);
        plwidth(1);
    }
}

/* ---- band ---------------------------------------------------------------------------------- */

struct band_args {
    const char *title, *y_label;
    size_t n;
    const int *years;
    const double *lo, *mid, *hi, *observed;
    const char *band_label;
};

static void draw_band(struct session *s, const void *args)
{
    const struct band_args *b = args;
    size_t n = b->n, i, n_obs = 0;
    PLFLT *x = sess_alloc(s, 2 * n, sizeof *x), *y = sess_alloc(s, 2 * n, sizeof *y);
    double x0, x1, xstep, y0, y1, ystep, ydisp, lo = INFINITY, hi = -INFINITY;
    struct axis_fmt fmt = {{0, 0}, {0, 0}, {1, 0}};
    struct legend l = {0};
    PLINT ncol;

    for (i = 0; i < n; i++) {
        lo = fmin(lo, b->lo[i]);
        hi = fmax(hi, b->hi[i]);
        if (b->observed != NULL && isfinite(b->observed[i])) {
            lo = fmin(lo, b->observed[i]);
            hi = fmax(hi, b->observed[i]);
            n_obs++;
        }
    }
    year_range(s, n, b->years, n_obs > 0, &x0, &x1, &xstep);
    value_range(lo, hi, &y0, &y1, &ystep);
    fmt.decimals[1] = decimals_for(ystep);
    legend_add(&l, LEG_LINE, _("Median projection"), COL_SERIES, 1, 2);
    legend_add(&l, LEG_BOX,
               b->band_label != NULL ? b->band_label : _("80% band (10th to 90th percentile)"),
               COL_BAND, 1, 1);
    if (n_obs > 0)
        legend_add(&l, LEG_SYMBOL, _("Observed"), COL_FG, 1, 1);
    ydisp = CHAR_WIDTH * tick_chars(PL_Y_AXIS, y0, y1, &fmt) + 1.6;
    place(s, ydisp + 1.0, legend_rows(s, &l, &ncol), b->title, _("Year"));
    plwind(x0, x1, y0, y1);
    plslabelfunc(label_axis, &fmt);
    axes("bcnsto", xstep, "bcnstvo", ystep);
    plslabelfunc(NULL, NULL);

    for (i = 0; i < n; i++) {
        x[i] = b->years[i];
        y[i] = b->hi[i];
        x[2 * n - 1 - i] = b->years[i];
        y[2 * n - 1 - i] = b->lo[i];
    }
    plcol0(COL_BAND);
    if (n > 1)
        plfill((PLINT)(2 * n), x, y);
    for (i = 0; i < n; i++)
        y[i] = b->mid[i];
    plcol0(COL_SERIES);
    plwidth(2);
    if (n > 1)
        plline((PLINT)n, x, y);
    else
        draw_marker(s, x[0], y[0], 0, COL_SERIES);
    plwidth(1);
    if (n_obs > 0) {
        plcol0(COL_FG);
        for (i = 0; i < n; i++)
            if (isfinite(b->observed[i])) {
                draw_marker(s, b->years[i], b->observed[i], 0, COL_FG);
            }
    }
    labels(s, b->y_label, ydisp);
    legend_draw(s, &l);
}

int chart_band(const char *path, const char *title, const char *y_label, size_t n_years,
               const int years[], const double lo[], const double mid[], const double hi[],
               const double observed[], const char *band_label, char *err, size_t err_size)
{
    struct band_args b = {title, y_label, n_years, years, lo, mid, hi, observed, band_label};
    size_t i;
    if (n_years == 0 || years == NULL || lo == NULL || mid == NULL || hi == NULL) {
        set_err(err, err_size, "band: needs at least one year and the lo, mid and hi series");
        return -1;
    }
    for (i = 0; i < n_years; i++) {
        if (!isfinite(lo[i]) || !isfinite(mid[i]) || !isfinite(hi[i])
            || lo[i] > mid[i] || mid[i] > hi[i]) {
            set_err(err, err_size, "band: year %d: need finite lo <= mid <= hi", years[i]);
            return -1;
        }
        if (i > 0 && years[i] <= years[i - 1]) {
            set_err(err, err_size, "band: years must increase");
            return -1;
        }
        if (observed != NULL && isinf(observed[i])) {
            set_err(err, err_size, "band: year %d: observed value is infinite", years[i]);
            return -1;
        }
    }
    return chart_run(path, draw_band, &b, err, err_size);
}

/* ---- lines ----------------------------------------------------------------------------------- */

struct lines_args {
    const char *title, *y_label;
    size_t n, n_series;
    const int *years;
    const chart_series *series;
};

/* Series k's runs of finite values as lines (a single value as a point); as steps when step:
 * each value holds until the next year given, where the line rises or falls to the next. */
static void
draw_runs(const struct session *s, PLFLT *x, PLFLT *y, size_t n, const int years[],
          const double v[], int step, PLINT colour)
{
    size_t i, m;

    for (i = 0; i < n;) { /* each run of finite values */
        m = 0;
        while (i + m < n && isfinite(v[i + m])) {
            const size_t k = step ? 2 * m : m;
            x[k] = years[i + m];
            y[k] = v[i + m];
            if (step && i + m + 1 < n && isfinite(v[i + m + 1])) {
                x[k + 1] = years[i + m + 1];
                y[k + 1] = v[i + m];
            }
            m++;
        }
        if (step && m > 0)
            m = 2 * m - 1;
        if (m > 1)
            plline((PLINT)m, x, y);
        else if (m == 1)
            draw_marker(s, x[0], y[0], 0, colour);
        i += m > 0 ? (step ? (m + 1) / 2 : m) : 1;
    }
}

/* The marker series c has at year i of n: 0 none, 1 filled (a point of a points series, or
 * a value alone between gaps on a line), 2 hollow (a value c->estimated marks). */
static int
marker_at(const chart_series *c, size_t i, size_t n)
{
    if (!isfinite(c->values[i]))
        return 0;
    if (c->estimated != NULL && c->estimated[i])
        return 2;
    if (c->points)
        return 1;
    return (i == 0 || !isfinite(c->values[i - 1])) && (i + 1 == n || !isfinite(c->values[i + 1]));
}

static void draw_lines(struct session *s, const void *args)
{
    const struct lines_args *a = args;
    size_t n = a->n, i, k;
    PLFLT *x = sess_alloc(s, 2 * n, sizeof *x), *y = sess_alloc(s, 2 * n, sizeof *y);
    double x0, x1, xstep, y0, y1, ystep, ydisp, lo = INFINITY, hi = -INFINITY;
    struct axis_fmt fmt = {{0, 0}, {0, 0}, {1, 0}};
    struct legend l = {0};
    PLINT ncol;
    size_t n_est = 0;
    int pad = 0;

    for (k = 0; k < a->n_series; k++)
        for (i = 0; i < n; i++) {
            const chart_series *c = &a->series[k];
            const double v[3] = {c->values[i], c->lo != NULL ? c->lo[i] : (double)NAN,
                                 c->hi != NULL ? c->hi[i] : (double)NAN};
            for (size_t j = 0; j < 3; j++)
                if (isfinite(v[j])) {
                    lo = fmin(lo, v[j]);
                    hi = fmax(hi, v[j]);
                }
        }
    if (!isfinite(lo))
        lo = hi = 0;
    for (k = 0; k < a->n_series; k++) {
        for (i = 0; i < n; i++)
            if (marker_at(&a->series[k], i, n) == 2)
                n_est++;
        if (marker_at(&a->series[k], 0, n) || marker_at(&a->series[k], n - 1, n))
            pad = 1;
    }
    year_range(s, n, a->years, pad, &x0, &x1, &xstep);
    value_range(lo, hi, &y0, &y1, &ystep);
    fmt.decimals[1] = decimals_for(ystep);
    for (k = 0; k < a->n_series; k++)
        legend_add(&l, a->series[k].points ? LEG_SYMBOL : LEG_LINE, text(s, a->series[k].name),
                   (PLINT)(COL_SERIES + k), (PLINT)(k % 8 + 1), 2);
    if (n_est > 0)
        legend_add(&l, LEG_HOLLOW, text(s, _("hollow marker: derived or assumed")), COL_FG, 1, 1);
    ydisp = CHAR_WIDTH * tick_chars(PL_Y_AXIS, y0, y1, &fmt) + 1.6;
    place(s, ydisp + 1.0, legend_rows(s, &l, &ncol), a->title, _("Year"));
    plwind(x0, x1, y0, y1);
    plslabelfunc(label_axis, &fmt);
    axes("bcnsto", xstep, "bcnstvo", ystep);
    plslabelfunc(NULL, NULL);

    /* the bands first, under every line: each run of years with both ends */
    for (k = 0; k < a->n_series; k++) {
        const chart_series *c = &a->series[k];
        if (c->lo == NULL || c->hi == NULL)
            continue;
        plscol0a(COL_SHADE, palette[COL_SERIES + k].r, palette[COL_SERIES + k].g,
                 palette[COL_SERIES + k].b, 0.2);
        plcol0(COL_SHADE);
        for (i = 0; i < n;) {
            size_t m = 0, j;
            while (i + m < n && isfinite(c->lo[i + m]) && isfinite(c->hi[i + m]))
                m++;
            for (j = 0; j < m; j++) {
                x[j] = a->years[i + j];
                y[j] = c->hi[i + j];
                x[2 * m - 1 - j] = a->years[i + j];
                y[2 * m - 1 - j] = c->lo[i + j];
            }
            if (m > 1)
                plfill((PLINT)(2 * m), x, y);
            i += m > 0 ? m : 1;
        }
    }
    for (k = 0; k < a->n_series; k++) {
        const chart_series *c = &a->series[k];
        PLINT colour = (PLINT)(COL_SERIES + k), style = (PLINT)(k % 8 + 1);
        plcol0(colour);
        if (!c->points) {
            pllsty(style);
            plwidth(2);
            draw_runs(s, x, y, n, a->years, c->values, c->step, colour);
            pllsty(1);
            plwidth(1);
        }
        for (i = 0; i < n; i++) /* the markers over the line */
            if (marker_at(c, i, n) == 2 || (c->points && marker_at(c, i, n) == 1))
                draw_marker(s, a->years[i], c->values[i], marker_at(c, i, n) == 2, colour);
    }
    labels(s, a->y_label, ydisp);
    legend_draw(s, &l);
}

int
chart_series_lines(const char *path, const char *title, const char *y_label, size_t n_years,
                   const int years[], size_t n_series, const chart_series series[], char *err,
                   size_t err_size)
{
    struct lines_args a = {title, y_label, n_years, n_series, years, series};
    size_t i, k;
    if (n_years == 0 || years == NULL || n_series == 0 || n_series > MAX_SERIES || series == NULL) {
        set_err(err, err_size, "lines: needs at least one year and 1 to %d named series",
                MAX_SERIES);
        return -1;
    }
    for (i = 1; i < n_years; i++)
        if (years[i] <= years[i - 1]) {
            set_err(err, err_size, "lines: years must increase");
            return -1;
        }
    for (k = 0; k < n_series; k++) {
        const chart_series *c = &series[k];
        if (c->values == NULL || c->name == NULL || (c->lo == NULL) != (c->hi == NULL)) {
            set_err(err, err_size, "lines: series %zu has no values, no name or half a band",
                    k + 1);
            return -1;
        }
        for (i = 0; i < n_years; i++)
            if (isinf(c->values[i]) || (c->lo != NULL && (isinf(c->lo[i]) || isinf(c->hi[i])))) {
                set_err(err, err_size, "lines: %s: value for %d is infinite", c->name, years[i]);
                return -1;
            }
    }
    return chart_run(path, draw_lines, &a, err, err_size);
}

int
chart_lines(const char *path, const char *title, const char *y_label, size_t n_years,
            const int years[], size_t n_series, const double *series[], const char *const names[],
            char *err, size_t err_size)
{
    chart_series c[MAX_SERIES];
    size_t k;
    if (n_series == 0 || n_series > MAX_SERIES || series == NULL || names == NULL)
        return chart_series_lines(path, title, y_label, n_years, years, 0, NULL, err, err_size);
    for (k = 0; k < n_series; k++)
        c[k] = (chart_series){names[k], series[k], NULL, NULL, 0, 0, NULL};
    return chart_series_lines(path, title, y_label, n_years, years, n_series, c, err, err_size);
}

/* ---- bars ---------------------------------------------------------------------------------- */

struct bars_args {
    const char *title, *x_label;
    size_t n;
    const char *const *labels;
    const double *values;
    const int *estimated;
};

static void draw_bars(struct session *s, const void *args)
{
    const struct bars_args *b = args;
    size_t n = b->n, i, j, *order = sess_alloc(s, n, sizeof *order);
    const char **lines = sess_alloc(s, 2 * n, sizeof *lines);
    double lo = 0, hi = 0, x0, x1, step, pad, margin = 0;
    struct axis_fmt fmt = {{0, 0}, {0, 0}, {0, 0}};
    char num[64], shown[72];

    /* labels wider than BAR_LABEL_WIDTH in two lines, at BAR_LABEL_SCALE */
    for (i = 0; i < n; i++) {
        const int two = split_text(s, b->labels[i], BAR_LABEL_WIDTH, 1.0, &lines[2 * i]) == 2;
        for (j = 0; j < 2 && lines[2 * i + j] != NULL; j++)
            margin = fmax(margin, CHAR_WIDTH * (double)text_cells(lines[2 * i + j]) *
                                      (two ? BAR_LABEL_SCALE : 1.0));
    }

    for (i = 0; i < n; i++) { /* insertion sort by value, largest first */
        for (j = i; j > 0 && b->values[order[j - 1]] < b->values[i]; j--)
            order[j] = order[j - 1];
        order[j] = i;
        lo = fmin(lo, b->values[i]);
        hi = fmax(hi, b->values[i]);
    }
    if (!(hi > lo))
        hi = 1;
    step = nice_step(hi - lo, 6 * s->wscale);
    pad = 0.14 * (hi - lo); /* room for the value printed beside a bar */
    x0 = lo < 0 ? floor((lo - pad) / step) * step : 0;
    x1 = hi > 0 ? ceil((hi + pad) / step) * step : step;
    fmt.decimals[0] = decimals_for(step);

    for (i = 0; b->estimated != NULL && i < n && !b->estimated[i]; i++)
        ;
    place(s, margin + 1.2, i < n && b->estimated != NULL, b->title, b->x_label);
    plwind(x0, x1, 0, (double)n);
    plslabelfunc(label_axis, &fmt);
    plcol0(COL_GRID);
    plwidth(0.5);
    plbox("g", step, 0, "", 0, 0);
    plcol0(COL_FG);
    plwidth(1);
    plbox("bcnsto", step, 0, "bc", 0, 0);
    plslabelfunc(NULL, NULL);

    for (j = 0; j < n; j++) {
        double v = b->values[order[j]], yc = (double)(n - j) - 0.5, h = n > 30 ? 0.4 : 0.35;
        PLFLT bx[4] = {0, v, v, 0}, by[4] = {yc - h, yc - h, yc + h, yc + h};
        PLINT len = 64;
        plcol0(v < 0 ? COL_NEG : COL_POS);
        plfill(4, bx, by);
        plcol0(COL_FG);
        if (lines[2 * order[j] + 1] == NULL) {
            plmtex("lv", 0.6, yc / (double)n, 1.0, lines[2 * order[j]]);
        } else { /* two lines around the bar's centre, as large as the row lets them be */
            const double row = (s->vt - s->vb) / ((double)n * s->chy); /* character heights */
            const double scale = fmin(BAR_LABEL_SCALE, row / 2.6);
            const double half = 0.55 * scale * s->chy / (s->vt - s->vb);
            plschr(0, scale);
            plmtex("lv", 0.6, yc / (double)n + half, 1.0, lines[2 * order[j]]);
            plmtex("lv", 0.6, yc / (double)n - half, 1.0, lines[2 * order[j] + 1]);
            plschr(0, 1.0);
        }
        label_axis(PL_X_AXIS, v, num, len, &(struct axis_fmt){{decimals_for(step / 10), 0},
                                                               {0, 0}, {0, 0}});
        snprintf(shown, sizeof shown, "%s%s", num,
                 b->estimated != NULL && b->estimated[order[j]] ? " †" : "");
        plschr(0, 0.85);
        plptex(v + (v < 0 ? -1 : 1) * 0.01 * (x1 - x0), yc, 1, 0, v < 0 ? 1.0 : 0.0, shown);
        plschr(0, 1.0);
    }
    plcol0(COL_FG);
    pljoin(0, 0, 0, (double)n);
    labels(s, NULL, 0);
    if (i < n && b->estimated != NULL) /* the dagger's note, where a legend would be */
        plmtex("b", s->below + 0.8, (0.5 - s->vl) / (s->vr - s->vl), 0.5,
               text(s, _("† derived or assumed, not counted")));
}

int chart_bars(const char *path, const char *title, const char *x_label, size_t n,
               const char *const labels[], const double values[], char *err, size_t err_size)
{
    return chart_bars_marked(path, title, x_label, n, labels, values, NULL, err, err_size);
}

int
chart_bars_marked(const char *path, const char *title, const char *x_label, size_t n,
                  const char *const labels[], const double values[], const int estimated[],
                  char *err, size_t err_size)
{
    struct bars_args b = {title, x_label, n, labels, values, estimated};
    const PLINT height = page_height;
    int rc;
    size_t i;
    if (n == 0 || n > 100 || labels == NULL || values == NULL) {
        set_err(err, err_size, "bars: needs 1 to 100 labelled values");
        return -1;
    }
    for (i = 0; i < n; i++)
        if (labels[i] == NULL || !isfinite(values[i])) {
            set_err(err, err_size, "bars: bar %zu has no label or a value that is not finite",
                    i + 1);
            return -1;
        }
    /* a page narrower than the default (a phone's) grows taller, up to the largest page,
     * to give each bar 2.6 character heights (a label in two lines) and the titles, the axis
     * and the note 16 */
    if (page_width < PAGE_WIDTH)
        page_height = (PLINT)fmax(height, fmin(4000, CHAR_PIXELS * (16 + 2.6 * (double)n)));
    rc = chart_run(path, draw_bars, &b, err, err_size);
    page_height = height;
    return rc;
}

/* ---- stacked bars ------------------------------------------------------------------------- */

struct stacked_args {
    const char *title, *y_label;
    size_t n, n_series;
    const int *years;
    const double *const *series;
    const char *const *names;
};

static void
draw_stacked(struct session *s, const void *args)
{
    const struct stacked_args *a = args;
    size_t i, k;
    double lo = 0, hi = 0, x0, x1, xstep, y0, y1, ystep, ydisp;
    struct axis_fmt fmt = {{0, 0}, {0, 0}, {1, 0}};
    struct legend l = {0};
    PLINT ncol;

    for (i = 0; i < a->n; i++) {
        double up = 0, down = 0;
        for (k = 0; k < a->n_series; k++) {
            if (a->series[k][i] > 0)
                up += a->series[k][i];
            else
                down += a->series[k][i];
        }
        hi = fmax(hi, up);
        lo = fmin(lo, down);
    }
    year_range(s, a->n, a->years, 0, &x0, &x1, &xstep);
    x0 -= 0.6; /* half a bar beyond the first and the last year */
    x1 += 0.6;
    value_range(lo, hi, &y0, &y1, &ystep);
    fmt.decimals[1] = decimals_for(ystep);
    for (k = 0; k < a->n_series; k++)
        legend_add(&l, LEG_BOX, text(s, a->names[k]), (PLINT)(COL_SERIES + k), 1, 1);
    ydisp = CHAR_WIDTH * tick_chars(PL_Y_AXIS, y0, y1, &fmt) + 1.6;
    place(s, ydisp + 1.0, legend_rows(s, &l, &ncol), a->title, _("Year"));
    plwind(x0, x1, y0, y1);
    plslabelfunc(label_axis, &fmt);
    axes("bcnsto", xstep, "bcnstvo", ystep);
    plslabelfunc(NULL, NULL);
    for (i = 0; i < a->n; i++) {
        double up = 0, down = 0;
        const double xc = a->years[i];
        for (k = 0; k < a->n_series; k++) {
            const double v = a->series[k][i];
            double *base = v > 0 ? &up : &down;
            PLFLT bx[4] = {xc - 0.38, xc + 0.38, xc + 0.38, xc - 0.38},
                  by[4] = {*base, *base, *base + v, *base + v};
            if (!(fabs(v) > 0))
                continue;
            plcol0((PLINT)(COL_SERIES + k));
            plfill(4, bx, by);
            *base += v;
        }
    }
    plcol0(COL_FG);
    pljoin(x0, 0, x1, 0);
    labels(s, a->y_label, ydisp);
    legend_draw(s, &l);
}

int
chart_stacked_bars(const char *path, const char *title, const char *y_label, size_t n_years,
                   const int years[], size_t n_series, const double *const series[],
                   const char *const names[], char *err, size_t err_size)
{
    struct stacked_args a = {title, y_label, n_years, n_series, years, series, names};
    size_t i, k;
    if (n_years == 0 || years == NULL || n_series == 0 || n_series > MAX_SERIES || series == NULL ||
        names == NULL) {
        set_err(err, err_size, "stacked bars: needs at least one year and 1 to %d named series",
                MAX_SERIES);
        return -1;
    }
    for (i = 1; i < n_years; i++)
        if (years[i] <= years[i - 1]) {
            set_err(err, err_size, "stacked bars: years must increase");
            return -1;
        }
    for (k = 0; k < n_series; k++) {
        if (series[k] == NULL || names[k] == NULL) {
            set_err(err, err_size, "stacked bars: series %zu has no values or no name", k + 1);
            return -1;
        }
        for (i = 0; i < n_years; i++)
            if (!isfinite(series[k][i])) {
                set_err(err, err_size, "stacked bars: %s: value for %d is not finite", names[k],
                        years[i]);
                return -1;
            }
    }
    return chart_run(path, draw_stacked, &a, err, err_size);
}

int
chart_page_size(int width, int height)
{
    if (width == 0 && height == 0) {
        width = PAGE_WIDTH;
        height = PAGE_HEIGHT;
    }
    if (width < 200 || width > 4000 || height < 200 || height > 4000)
        return -1;
    page_width = width;
    page_height = height;
    return 0;
}

int charts_available(void) { return 1; }

int charts_png_available(void) { return device_installed("pngcairo"); }

#endif /* CCAP_HAVE_PLPLOT */

#ifdef CCAP_HAVE_FONTCONFIG
#include <fontconfig/fontconfig.h>

int
charts_cjk_font_available(void)
{
    FcPattern *pattern;
    FcObjectSet *os;
    FcFontSet *fonts;
    FcLangSet *zh;
    int found = 0;

    if (!FcInit())
        return 0;
    pattern = FcPatternCreate();
    zh = FcLangSetCreate();
    os = FcObjectSetBuild(FC_FAMILY, (char *)NULL);
    if (pattern != NULL && zh != NULL && os != NULL && FcLangSetAdd(zh, (const FcChar8 *)"zh-cn") &&
        FcPatternAddLangSet(pattern, FC_LANG, zh)) {
        fonts = FcFontList(NULL, pattern, os);
        found = fonts != NULL && fonts->nfont > 0;
        FcFontSetDestroy(fonts);
    }
    if (os != NULL)
        FcObjectSetDestroy(os);
    if (zh != NULL)
        FcLangSetDestroy(zh);
    if (pattern != NULL)
        FcPatternDestroy(pattern);
    return found;
}
#else
int
charts_cjk_font_available(void)
{
    return -1;
}
#endif
