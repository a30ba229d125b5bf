/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void
cli_print_diag(const ccap_diag *diag)
{
    char line[CCAP_DIAG_FILE_MAX + CCAP_DIAG_FIELD_MAX + CCAP_DIAG_MESSAGE_MAX + 32];

    ccap_diag_format(diag, line, sizeof line);
    fprintf(stderr, "%s\n", line[0] != '\0' ? line : ccap_strerror(diag->status));
}

/* The programs run single-threaded: one set of reading options, set once from --encoding. */
static ccap_read_options read_options;

const ccap_read_options *
cli_read_options(void)
{
    return &read_options;
}

int
cli_set_encoding(const char *program, const char *name)
{
    if (ccap_encoding_parse(name, &read_options.encoding) != CCAP_OK)
        return cli_usage_error(program, "--encoding: '%s' is not auto, utf-8 or gb18030", name);
    return CLI_EXIT_OK;
}

int
cli_read(int status, const ccap_diag *diag)
{
    char line[CCAP_DIAG_FILE_MAX + CCAP_DIAG_FIELD_MAX + CCAP_DIAG_MESSAGE_MAX + 32];

    if (status == CCAP_OK && diag->message[0] != '\0') {
        ccap_diag_format(diag, line, sizeof line);
        fprintf(stderr, "warning: %s\n", line);
    }
    return status;
}

int
cli_usage_error(const char *program, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: ", program);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s --help' for more information.\n", program);
    return CLI_EXIT_USAGE;
}

void
cli_print_version(const char *program)
{
    printf("%s %s (libccap %s)\n", program, CCAP_VERSION_STRING, ccap_version_string());
    printf("License GPL-3.0-or-later: GNU GPL version 3 or later.\n"
           "This is free software: you are free to change and redistribute it.\n"
           "There is NO WARRANTY, to the extent permitted by law.\n");
}

const char *
cli_format_count(double value, char *buf, size_t size)
{
    char digits[32];
    size_t n, i, out = 0;
    double r;

    if (size == 0)
        return buf;
    if (isnan(value) || fabs(value) >= 1e18) {
        snprintf(buf, size, "%s", isnan(value) ? "-" : "huge");
        return buf;
    }
    r = round(value);
    snprintf(digits, sizeof digits, "%.0f", fabs(r));
    n = strlen(digits);
    if (r < 0.0 && out + 1 < size)
        buf[out++] = '-';
    for (i = 0; i < n && out + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[out++] = ',';
        buf[out++] = digits[i];
    }
    buf[out] = '\0';
    return buf;
}

/* Decode one UTF-8 character (input already validated by the library's readers). */
static uint32_t
next_char(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c = s[0];
    size_t n = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
    size_t i;

    if (n > 0)
        c &= 0x3f >> n;
    for (i = 1; i <= n && s[i] != '\0'; i++)
        c = (c << 6) | (s[i] & 0x3f);
    *p = s + i;
    return c;
}

static int
is_wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f) ||
           (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
           (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
           (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd);
}

size_t
cli_display_width(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t width = 0;

    while (*p != '\0')
        width += is_wide(next_char(&p)) ? 2 : 1;
    return width;
}

void
cli_print_padded(FILE *fp, const char *text, size_t width, int right)
{
    size_t w = cli_display_width(text), i;

    if (!right)
        fputs(text, fp);
    for (i = w; i < width; i++)
        fputc(' ', fp);
    if (right)
        fputs(text, fp);
}

int
cli_margins_year(const ccap_margins *margins, int wanted, const char *path, int *year_out)
{
    ccap_margin m;
    size_t i;
    int first = 0, found = 0;

    for (i = 0; i < ccap_margins_count(margins); i++) {
        ccap_margins_get(margins, i, &m);
        if (wanted != CCAP_YEAR_ANY) {
            found |= m.year == wanted;
        } else if (i == 0) {
            first = m.year;
        } else if (m.year != first) {
            fprintf(stderr,
                    "%s: the file holds several years (%d and %d): choose one with --year\n", path,
                    first, m.year);
            return CLI_EXIT_DATA;
        }
    }
    if (wanted != CCAP_YEAR_ANY && !found) {
        fprintf(stderr, "%s: no margins for year %d\n", path, wanted);
        return CLI_EXIT_DATA;
    }
    *year_out = wanted != CCAP_YEAR_ANY ? wanted : first;
    return CLI_EXIT_OK;
}

int
cli_parse_long(const char *program, const char *opt, const char *text, long lo, long hi,
               long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi)
        return cli_usage_error(program, "%s: '%s' is not a whole number from %ld to %ld", opt,
                               text, lo, hi);
    *out = v;
    return CLI_EXIT_OK;
}

int
cli_parse_double(const char *program, const char *opt, const char *text, double lo, double hi,
                 double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(text, &end);
    if (*text == '\0' || *end != '\0' || errno != 0 || !(v >= lo && v <= hi))
        return cli_usage_error(program, "%s: '%s' is not a number from %g to %g", opt, text, lo,
                               hi);
    *out = v;
    return CLI_EXIT_OK;
}
