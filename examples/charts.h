/* Charts for the ccap-plan report, drawn with PLplot when the build found it.
 *
 * Each function writes one file whose format follows the file name's extension: ".svg" (always,
 * PLplot's own SVG device) or ".png" (when PLplot's Cairo driver is installed: the pngcairo
 * device). The page is 800 x 500 pixels, readable at A4 width (chart_page_size() sets another,
 * e.g. a narrow one for phones: the text keeps its size in pixels, so it is larger against the
 * page, and the axes have fewer ticks); a PNG has twice the pixels and the resolution (1600 x
 * 1000), for high-density screens and print.  A title or an x-axis title wider than the page
 * takes two lines, broken between words.  Value axes start at zero when
 * the values are not negative.  A function returns 0 on success and non-zero
 * on failure with a one-line message in err (err_size bytes, always terminated when err_size > 0).
 * Nothing prints, aborts or exits: PLplot's exit handler is replaced while a chart is drawn, and a
 * fatal PLplot error becomes a failure return (the half-written file is removed).
 *
 * Built without PLplot (CCAP_HAVE_PLPLOT undefined), every chart function fails with the message
 * "charts not available (built without PLplot)" and charts_available() returns 0, so a program can
 * say that its charts were skipped.
 *
 * Text is UTF-8.  PLplot's escape character '#' is doubled internally, so titles may contain it.
 * The SVG device writes text as characters and leaves the glyphs to the viewer: Chinese region
 * names show correctly where the viewer has a CJK font (any browser on a Chinese-language system)
 * and as empty boxes where it has none.  The PNG device draws glyphs at writing time with the fonts
 * fontconfig finds on the machine, so Chinese needs a CJK font installed there (e.g. Debian's
 * fonts-noto-cjk); use English labels otherwise.
 *
 * PLplot keeps global state.  Each chart creates its own PLplot stream and ends it, restoring the
 * caller's current stream, so charts can be drawn one after another in one process.  The charts
 * are not safe to draw from several threads at once (PLplot's stream table is shared).
 */
#ifndef CCAP_EXAMPLES_CHARTS_H
#define CCAP_EXAMPLES_CHARTS_H

#include <stddef.h>

/* Population pyramid by single year of age 0 .. n_ages-1, the last age open ("N+").  Males to the
 * left, females to the right; series a (e.g. the base year) as filled bars, series b (e.g. 2035) as
 * an outline.  Values are persons (non-negative); the axis switches to thousands when they are
 * large.  female_b and male_b may both be NULL to draw series a alone (label_b is then unused). */
int chart_pyramid(const char *path, const char *title, size_t n_ages,
                  const double female_a[], const double male_a[], const char *label_a,
                  const double female_b[], const double male_b[], const char *label_b,
                  char *err, size_t err_size);

/* A projected quantity by year: median line, shaded band between lo and hi, observed values as
 * points (observed may be NULL; NAN where a year has none).  lo <= mid <= hi, all finite.  The
 * band's legend is band_label, or "80% band (10th to 90th percentile)" when it is NULL. */
int chart_band(const char *path, const char *title, const char *y_label, size_t n_years,
               const int years[], const double lo[], const double mid[], const double hi[],
               const double observed[], const char *band_label, char *err, size_t err_size);

/* n_series lines over the same years (up to 8 series), each with its own colour and dash pattern,
 * and a legend with the names.  A NAN value leaves a gap in its line. */
int chart_lines(const char *path, const char *title, const char *y_label, size_t n_years,
                const int years[], size_t n_series, const double *series[],
                const char *const names[], char *err, size_t err_size);

/* One series of chart_series_lines(): its name in the legend and its values by year (NAN: none
 * that year, a gap in the line); lo and hi (both or neither) a band drawn under it in its
 * colour, translucent (NAN where there is none); step: drawn as steps, each value holding
 * until the next year given (a target that applies from its deadline); points: markers only
 * (observed figures, filled), no line; estimated: NULL, or non-zero for each year whose value
 * is derived or assumed rather than published or counted, drawn as a hollow marker (on the
 * line, or in place of a point's filled one), and the legend gains an entry saying what a
 * hollow marker means. */
typedef struct chart_series {
    const char *name;
    const double *values;
    const double *lo, *hi;
    int step;
    int points;
    const int *estimated;
} chart_series;

/* chart_lines() with a band, steps or markers for each series (up to 8); series k takes the
 * k-th colour and dash pattern of the palette, so a series keeps its colour in every chart
 * that lists the same series in the same order.  The years reach half a year beyond the first
 * and the last when a marker is drawn there, so that no marker is cut by the frame. */
int chart_series_lines(const char *path, const char *title, const char *y_label, size_t n_years,
                       const int years[], size_t n_series, const chart_series series[], char *err,
                       size_t err_size);

/* Horizontal bars, one per label, sorted by value (largest on top).  Negative values (e.g. spare
 * capacity) extend to the left of zero in a second colour.  Each bar carries its value.  A
 * label wider than 0.4 of the page takes two lines, broken between words.  On a page narrower
 * than the default (chart_page_size()) the page grows taller as the bars need, up to 4000
 * pixels: 13 pixels of text need about 34 a bar. */
int chart_bars(const char *path, const char *title, const char *x_label, size_t n,
               const char *const labels[], const double values[], char *err, size_t err_size);

/* chart_bars() with the values that are derived or assumed rather than counted marked: a
 * dagger (†) after the value where estimated[i] is non-zero, and a note under the x-axis
 * title saying what it means.  estimated may be NULL (none marked). */
int chart_bars_marked(const char *path, const char *title, const char *x_label, size_t n,
                      const char *const labels[], const double values[], const int estimated[],
                      char *err, size_t err_size);

/* Vertical bars by year, one stacked part per series (up to 8), each in the colour of the
 * palette's k-th series, with a legend of the names: positive parts stacked upward from
 * zero, negative ones (a surplus) downward.  Values finite. */
int chart_stacked_bars(const char *path, const char *title, const char *y_label, size_t n_years,
                       const int years[], size_t n_series, const double *const series[],
                       const char *const names[], char *err, size_t err_size);

/* The page of the charts this thread draws next: width and height in pixels (200 to 4000 each;
 * a PNG has twice as many), or 0 and 0 for the default 800 x 500.  Returns 0, or -1 (and
 * changes nothing) for another size. */
int chart_page_size(int width, int height);

/* 1 when the charts are built in (PLplot was found), 0 otherwise. */
int charts_available(void);

/* 1 when fontconfig finds a font that covers Simplified Chinese (language zh-cn), which PNG
 * charts need to draw Chinese text (without one it shows as boxes; SVG leaves the glyphs to
 * the viewer); 0 when it finds none; -1 when the build has no fontconfig to ask. */
int charts_cjk_font_available(void);

/* 1 when ".png" files can be written (PLplot's pngcairo device is installed), 0 otherwise. */
int charts_png_available(void);

#endif
