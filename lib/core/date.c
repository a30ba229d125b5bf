/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Calendar dates: validation, ISO 8601 text, decimal years. */

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ccap_private.h"

static int
is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

int
ccap_date_is_valid(ccap_date date)
{
    return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12 &&
           date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

/* A whole number of min to max digits at *s; advances *s. */
static int
number(const char **s, const char *end, size_t min, size_t max, int *value_out)
{
    const char *p = *s;
    int v = 0;

    while (p < end && *p >= '0' && *p <= '9' && (size_t)(p - *s) < max)
        v = v * 10 + (*p++ - '0');
    if ((size_t)(p - *s) < min || (p < end && *p >= '0' && *p <= '9'))
        return 0;
    *s = p;
    *value_out = v;
    return 1;
}

/* If the text at *s starts with word, skip it. */
static int
skip(const char **s, const char *end, const char *word)
{
    const size_t n = strlen(word);

    if ((size_t)(end - *s) < n || memcmp(*s, word, n) != 0)
        return 0;
    *s += n;
    return 1;
}

int
ccap_date_parse(const char *text, ccap_date *date_out)
{
    static const ccap_date none = {0, 0, 0};
    const char *s, *end;
    ccap_date d;
    int ok;

    if (date_out != NULL)
        *date_out = none;
    if (text == NULL || date_out == NULL)
        return CCAP_EINVAL;
    while (*text == ' ' || *text == '\t')
        text++;
    end = text + strlen(text);
    while (end > text && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    s = text;
    if (!number(&s, end, 4, 4, &d.year))
        return CCAP_EPARSE;
    if (s < end && *s == '-') /* ISO 8601: two digits each */
        ok = skip(&s, end, "-") && number(&s, end, 2, 2, &d.month) && skip(&s, end, "-") &&
             number(&s, end, 2, 2, &d.day);
    else if (s < end && *s == '/') /* Excel on Chinese Windows: 2020/11/1 */
        ok = skip(&s, end, "/") && number(&s, end, 1, 2, &d.month) && skip(&s, end, "/") &&
             number(&s, end, 1, 2, &d.day);
    else /* 2020年11月1日 */
        ok = skip(&s, end, "年") && number(&s, end, 1, 2, &d.month) && skip(&s, end, "月") &&
             number(&s, end, 1, 2, &d.day) && skip(&s, end, "日");
    if (!ok || s != end)
        return CCAP_EPARSE;
    if (!ccap_date_is_valid(d))
        return CCAP_EDOM;
    *date_out = d;
    return CCAP_OK;
}

int
ccap_date_format(ccap_date date, char *buf, size_t size)
{
    if (buf == NULL || size < 11)
        return CCAP_EINVAL;
    buf[0] = '\0';
    if (!ccap_date_is_valid(date))
        return CCAP_EDOM;
    snprintf(buf, size, "%04d-%02d-%02d", date.year, date.month, date.day);
    return CCAP_OK;
}

int
ccap_date_decimal_year(ccap_date date, double *year_out)
{
    int day_of_year = 0, m;

    if (year_out == NULL)
        return CCAP_EINVAL;
    *year_out = NAN;
    if (!ccap_date_is_valid(date))
        return CCAP_EDOM;
    for (m = 1; m < date.month; m++)
        day_of_year += days_in_month(date.year, m);
    day_of_year += date.day;
    *year_out = date.year + (day_of_year - 1) / (is_leap(date.year) ? 366.0 : 365.0);
    return CCAP_OK;
}
