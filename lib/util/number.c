/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Numbers in and out of text, independent of the process locale.
 *
 * strtod() and snprintf() follow LC_NUMERIC, so a program that calls
 * setlocale(LC_ALL, "") in a locale with a decimal comma would misread "4.5".
 * Each conversion therefore runs under the "C" locale for the calling thread
 * only (uselocale), restored before returning: no process-wide state changes.
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

static int
is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Skip blanks; return the end of the non-blank part in *end_out. */
static const char *
trim(const char *text, const char **end_out)
{
    const char *end;

    while (is_blank(*text))
        text++;
    end = text + strlen(text);
    while (end > text && is_blank(end[-1]))
        end--;
    *end_out = end;
    return text;
}

/* Does [s, end) spell NaN or infinity, with an optional sign? */
static int
spells_non_finite(const char *s, const char *end)
{
    static const char *const words[] = {"nan", "inf", "infinity"};
    size_t n, i, k;

    if (s < end && (*s == '+' || *s == '-'))
        s++;
    n = (size_t)(end - s);
    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strlen(words[i]) != n)
            continue;
        for (k = 0; k < n; k++) {
            char c = s[k];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c != words[i][k])
                break;
        }
        if (k == n)
            return 1;
    }
    return 0;
}

/* Is [s, end) a plain decimal number: [+-]digits[.digits][(e|E)[+-]digits]? */
static int
is_decimal(const char *s, const char *end)
{
    size_t digits = 0;

    if (s < end && (*s == '+' || *s == '-'))
        s++;
    for (; s < end && is_digit(*s); s++)
        digits++;
    if (s < end && *s == '.') {
        for (s++; s < end && is_digit(*s); s++)
            digits++;
    }
    if (digits == 0)
        return 0;
    if (s < end && (*s == 'e' || *s == 'E')) {
        s++;
        if (s < end && (*s == '+' || *s == '-'))
            s++;
        if (s == end || !is_digit(*s))
            return 0;
        while (s < end && is_digit(*s))
            s++;
    }
    return s == end;
}

/* Is [s, end) a number grouped by thousands as Excel writes it: [+-]d{1,3}(,ddd)+[.d+]?
 * The first group has one to three digits, not starting with 0, and every later group
 * exactly three, so that "1,203" is 1203 while "1,2", "12,03", "1,2034" and "0,500" (a
 * decimal comma) are not numbers at all. */
static int
is_grouped(const char *s, const char *end)
{
    size_t lead = 0, groups = 0;

    if (s < end && (*s == '+' || *s == '-'))
        s++;
    if (s < end && *s == '0')
        return 0;
    for (; s < end && is_digit(*s); s++)
        lead++;
    if (lead == 0 || lead > 3)
        return 0;
    while (s < end && *s == ',') {
        if (end - s < 4 || !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3]))
            return 0;
        s += 4;
        groups++;
    }
    if (groups == 0 || (s < end && is_digit(*s)))
        return 0;
    if (s < end && *s == '.') {
        for (s++; s < end && is_digit(*s); s++)
            ;
    }
    return s == end;
}

int
ccap__parse_double(const char *text, double *value_out)
{
    char small[128], *buf = small;
    const char *s, *end;
    size_t n, k = 0;
    locale_t c_locale, old;
    double v;
    int overflow;

    *value_out = NAN;
    s = trim(text, &end);
    if (s == end)
        return CCAP_EPARSE;
    if (spells_non_finite(s, end))
        return CCAP_EDOM;
    if (!is_decimal(s, end) && !is_grouped(s, end))
        return CCAP_EPARSE;
    /* A copy for strtod, without the blanks and the commas: on the stack for the usual
     * numbers, on the heap for a long one ("0.000...0001" is a number however written). */
    n = (size_t)(end - s);
    if (n >= sizeof small && (buf = malloc(n + 1)) == NULL)
        return CCAP_ENOMEM;
    for (; s < end; s++) {
        if (*s != ',')
            buf[k++] = *s;
    }
    buf[k] = '\0';

    c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (c_locale == (locale_t)0) {
        if (buf != small)
            free(buf);
        return CCAP_ENOMEM;
    }
    old = uselocale(c_locale);
    errno = 0;
    v = strtod(buf, NULL);
    overflow = errno == ERANGE && fabs(v) > 1.0;
    uselocale(old);
    freelocale(c_locale);
    if (buf != small)
        free(buf);

    if (overflow || !isfinite(v))
        return CCAP_EDOM;
    *value_out = fpclassify(v) == FP_ZERO ? 0.0 : v; /* no negative zero */
    return CCAP_OK;
}

int
ccap__parse_long(const char *text, long lo, long hi, long *value_out)
{
    const char *s, *end, *p;
    int negative = 0;
    long v = 0;

    *value_out = 0;
    s = trim(text, &end);
    p = s;
    if (p < end && (*p == '+' || *p == '-')) {
        negative = *p == '-';
        p++;
    }
    if (p == end)
        return CCAP_EPARSE;
    for (; p < end; p++) {
        if (!is_digit(*p))
            return CCAP_EPARSE;
        if (v > (2147483647L - (*p - '0')) / 10)
            return CCAP_EDOM; /* beyond 32 bits: out of any range we use */
        v = v * 10 + (*p - '0');
    }
    if (negative)
        v = -v;
    if (v < lo || v > hi)
        return CCAP_EDOM;
    *value_out = v;
    return CCAP_OK;
}

void
ccap__format_double(double value, char *buf, size_t size)
{
    locale_t c_locale, old;
    int precision;

    if (size == 0)
        return;
    if (isnan(value)) { /* a number that is not available: an empty cell, never "nan" */
        buf[0] = '\0';
        return;
    }
    if (fpclassify(value) == FP_ZERO) { /* also turns -0 into 0 */
        snprintf(buf, size, "0");
        return;
    }
    c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    old = c_locale != (locale_t)0 ? uselocale(c_locale) : (locale_t)0;
    for (precision = 15; precision <= 17; precision++) {
        snprintf(buf, size, "%.*g", precision, value);
        const double back = strtod(buf, NULL);
        if (memcmp(&back, &value, sizeof value) == 0) /* reads back bit for bit */
            break;
    }
    if (c_locale != (locale_t)0) {
        uselocale(old);
        freelocale(c_locale);
    }
}
