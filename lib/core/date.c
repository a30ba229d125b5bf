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

static int
digits(const char *s, size_t n, int *value_out)
{
    int v = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *value_out = v;
    return 1;
}

int
ccap_date_parse(const char *text, ccap_date *date_out)
{
    static const ccap_date none = {0, 0, 0};
    ccap_date d;
    size_t n;

    if (date_out != NULL)
        *date_out = none;
    if (text == NULL || date_out == NULL)
        return CCAP_EINVAL;
    while (*text == ' ' || *text == '\t')
        text++;
    n = strlen(text);
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    if (n != 10 || text[4] != '-' || text[7] != '-' || !digits(text, 4, &d.year) ||
        !digits(text + 5, 2, &d.month) || !digits(text + 8, 2, &d.day))
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
