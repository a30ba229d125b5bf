/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fields of CSV tables: region codes, years, sexes, numbers and age labels, each read
 * with a message that names FILE:LINE, the column and the value when it is wrong.
 * Shared by the readers of the csv module.
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

#define YEAR_MIN CCAP_YEAR_MIN
#define YEAR_MAX CCAP_YEAR_MAX
/* A count of persons above 10^12 (over a hundred times the world's population) is a unit
 * or typing error; sums of such counts could also lose every digit of smaller ones. */
#define COUNT_MAX 1e12

/* The plausible ranges of the inputs read as numbers of a range; docs/conventions.md,
 * "Plausible ranges", says why each is what it is. */
const ccap__range ccap__range_mx = {
    0.0, 2.0, 0, "deaths per person-year", "a rate per 1,000 must be divided by 1,000", 0};
const ccap__range ccap__range_asfr = {
    0.0, 1.0, 0, "births per woman-year", "a rate per 1,000 women must be divided by 1,000", 0};
const ccap__range ccap__range_srb = {80.0,
                                     150.0,
                                     0,
                                     "male births per 100 female births",
                                     "write 105 for 105 boys per 100 girls, not 1.05",
                                     0};
const ccap__range ccap__range_migrants = {-COUNT_MAX, COUNT_MAX, 0, "persons", "check the unit", 0};
const ccap__range ccap__range_migration_rate = {
    -0.5,
    0.5,
    0,
    "net migrants per person and year",
    "-0.01 is a net loss of 1% a year; a rate per 1,000 must be divided by 1,000",
    0};
const ccap__range ccap__range_slots = {0.0, COUNT_MAX, 0, "slots", "check the unit", 0};
const ccap__range ccap__range_children = {0.0, COUNT_MAX, 0, "children", "check the unit", 0};
const ccap__range ccap__range_per_1000 = {
    0.0, 1000.0, 0, "slots per 1,000 residents", "1,000 would be a slot for every resident", 1};
const ccap__range ccap__range_cost = {0.0, 1e9, 0, "yuan per slot", "check the unit", 0};

/* A short, printable copy of a field for messages. */
const char *
ccap__show(const char *value, char buf[64])
{
    size_t i;

    ccap__strlcpy_utf8(buf, value, 44);
    for (i = 0; buf[i] != '\0'; i++) {
        if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
            buf[i] = '?';
    }
    if (strlen(value) > strlen(buf))
        strcpy(buf + strlen(buf), "...");
    return buf;
}

/* Words a spreadsheet puts on a totals or subtotals row, in English or Chinese
 * (合计 total, 总计 grand total, 小计 subtotal). */
static int
is_totals_word(const char *text)
{
    static const char *const words[] = {"total", "totals", "sum", "all", "all ages",
                                        "合计", "总计", "小计"};
    size_t i;

    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (ccap__ascii_casecmp_eq(text, words[i]))
            return 1;
    }
    return 0;
}

/* The one message for a totals row met where a region, sex or age is expected. */
static int
totals_error(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
             const char *text, const char *what)
{
    char buf[64];

    return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                             "'%s' marks a totals row, not %s: delete the row (ccap adds "
                             "up the rows itself)",
                             ccap__show(text, buf), what);
}

int
ccap__empty_error(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col)
{
    return ccap__table_error(t, diag, CCAP_EPARSE, r, col, "empty value");
}

int
ccap__field_region(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
             const ccap_regions *regions, size_t *region_out)
{
    const char *text = ccap__table_field(t, r, col);
    char buf[64];

    if (text[0] == '\0')
        return ccap__empty_error(t, diag, r, col);
    if (ccap_regions_find(regions, text, region_out) == CCAP_OK)
        return CCAP_OK;
    if (is_totals_word(text))
        return totals_error(t, diag, r, col, text, "a region");
    {
        /* a region's name where its code belongs, as many spreadsheets write them */
        const size_t n = ccap_regions_count(regions);
        size_t i, found = n, again = n;
        for (i = 0; i < n; i++) {
            const char *en = ccap_regions_name_en(regions, i);
            if (strcmp(text, ccap_regions_name(regions, i)) == 0 ||
                (en != NULL && en[0] != '\0' && strcmp(text, en) == 0)) {
                if (found == n)
                    found = i;
                else if (again == n)
                    again = i;
            }
        }
        if (found < n && again == n)
            return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                                     "'%s' is a name: give its code, %s (the region table's "
                                     "code column)",
                                     ccap__show(text, buf), ccap_regions_code(regions, found));
        if (found < n)
            return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                                     "'%s' is the name of more than one region (%s, %s): give "
                                     "the code",
                                     ccap__show(text, buf), ccap_regions_code(regions, found),
                                     ccap_regions_code(regions, again));
    }
    return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                                 "unknown region code '%s' (not in the region table)",
                                 ccap__show(text, buf));
}

int
ccap__field_region_or_all(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                          const ccap_regions *regions, size_t *region_out)
{
    if (strcmp(ccap__table_field(t, r, col), "*") == 0) {
        *region_out = CCAP_REGION_ALL;
        return CCAP_OK;
    }
    return ccap__field_region(t, diag, r, col, regions, region_out);
}

int
ccap__field_region_name(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                        const ccap_regions *regions, size_t region)
{
    const char *text = ccap__table_field(t, r, col);
    const char *en = ccap_regions_name_en(regions, region);
    char buf[64];

    if (text[0] == '\0' || strcmp(text, ccap_regions_name(regions, region)) == 0 ||
        (en != NULL && en[0] != '\0' && strcmp(text, en) == 0))
        return CCAP_OK;
    return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                             "'%s' is not the name of %s (%s): is the row in the wrong region, "
                             "or the region table another city's?",
                             ccap__show(text, buf), ccap_regions_code(regions, region),
                             ccap_regions_name(regions, region));
}

int
ccap__field_year(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
           int *year_out)
{
    const char *text = ccap__table_field(t, r, col);
    char buf[64];
    long year;
    int status;

    if (text[0] == '\0')
        return ccap__empty_error(t, diag, r, col);
    {
        /* "2024年" (and "2024年末", "2024年底": the end of the year, as tables of year-end
         * figures write it) is the year 2024 */
        static const char *const units[] = {"年末", "年底", "年"};
        const size_t len = strlen(text);
        size_t u;
        for (u = 0; u < sizeof units / sizeof units[0]; u++) {
            const size_t ul = strlen(units[u]);
            if (len > ul && len - ul < sizeof buf && strcmp(text + len - ul, units[u]) == 0) {
                memcpy(buf, text, len - ul);
                buf[len - ul] = '\0';
                if (ccap__parse_long(buf, YEAR_MIN, YEAR_MAX, &year) == CCAP_OK) {
                    *year_out = (int)year;
                    return CCAP_OK;
                }
                break;
            }
        }
    }
    status = ccap__parse_long(text, YEAR_MIN, YEAR_MAX, &year);
    if (status == CCAP_EPARSE)
        return ccap__table_error(t, diag, CCAP_EPARSE, r, col, "'%s' is not a whole year",
                                 ccap__show(text, buf));
    if (status != CCAP_OK)
        return ccap__table_error(t, diag, CCAP_EPARSE, r, col, "year %s is outside %d-%d",
                                 ccap__show(text, buf), YEAR_MIN, YEAR_MAX);
    *year_out = (int)year;
    return CCAP_OK;
}

int
ccap__field_sex(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
          int allow_both, ccap_sex *sex_out)
{
    const char *text = ccap__table_field(t, r, col);
    char buf[64];

    if (text[0] == '\0')
        return ccap__empty_error(t, diag, r, col);
    /* 女 female, 男 male, as Chinese tables write them. */
    if (ccap__ascii_casecmp_eq(text, "female") || strcmp(text, "女") == 0) {
        *sex_out = CCAP_SEX_FEMALE;
    } else if (ccap__ascii_casecmp_eq(text, "male") || strcmp(text, "男") == 0) {
        *sex_out = CCAP_SEX_MALE;
    } else if (allow_both && (ccap__ascii_casecmp_eq(text, "both") || is_totals_word(text))) {
        *sex_out = CCAP_SEX_BOTH;
    } else if (ccap__ascii_casecmp_eq(text, "both") || is_totals_word(text)) {
        return totals_error(t, diag, r, col, text, "a sex");
    } else {
        return ccap__table_error(t, diag, CCAP_EPARSE, r, col, "'%s' is not a sex; expected %s",
                                 ccap__show(text, buf),
                                 allow_both ? "female, male or both" : "female or male");
    }
    return CCAP_OK;
}

/* The number text of a field (the field itself, or what is left of it without a per
 * mille sign) in a domain; messages quote the field as it is in the file. */
static int
number_text(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
            const char *text, ccap__domain dom, double *value_out)
{
    const char *field = ccap__table_field(t, r, col);
    char buf[64];
    int status;

    if (text[0] == '\0')
        return ccap__empty_error(t, diag, r, col);
    status = ccap__parse_double(text, value_out);
    if (status == CCAP_EPARSE)
        return ccap__table_error(
            t, diag, CCAP_EPARSE, r, col, "'%s' is not a number%s", ccap__show(field, buf),
            strchr(text, ',') != NULL ? ": a comma may only group thousands (9,713,112); "
                                        "write decimals with a point"
                                      : "");
    if (status == CCAP_EDOM)
        return ccap__table_error(t, diag, CCAP_EDOM, r, col, "'%s' is not a finite number",
                                 ccap__show(field, buf));
    if (status != CCAP_OK)
        return ccap__table_error(t, diag, status, r, col, "%s", ccap_strerror(status));
    if (dom == NON_NEGATIVE && *value_out < 0.0)
        return ccap__table_error(t, diag, CCAP_EDOM, r, col, "negative value %s",
                                 ccap__show(field, buf));
    if (dom == POSITIVE && !(*value_out > 0.0))
        return ccap__table_error(t, diag, CCAP_EDOM, r, col, "%s is not positive",
                                 ccap__show(field, buf));
    return CCAP_OK;
}

/* A finite number in a domain. */
int
ccap__field_number(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                   ccap__domain dom, double *value_out)
{
    return number_text(t, diag, r, col, ccap__table_field(t, r, col), dom, value_out);
}

/* A count of persons: finite, >= 0 and at most COUNT_MAX. */
int
ccap__field_count(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
            double *value_out)
{
    char buf[64];
    int status = ccap__field_number(t, diag, r, col, NON_NEGATIVE, value_out);

    if (status == CCAP_OK && *value_out > COUNT_MAX) {
        *value_out = NAN;
        return ccap__table_error(t, diag, CCAP_EDOM, r, col,
                                 "%s persons is more than 10^12: check the unit",
                                 ccap__show(ccap__table_field(t, r, col), buf));
    }
    return status;
}

/* A bound of a range as people read it: 10^12 rather than 1000000000000. */
static void
format_bound(double x, char *buf, size_t size)
{
    const double a = fabs(x);
    int k;

    /* log10 only of a bound that is large and finite: log10(0) is -inf, and converting it
     * (or +inf) to int is undefined */
    if (a >= 1e6 && a <= 1e300) {
        k = (int)floor(log10(a) + 0.5);
        if (!(fabs(a - pow(10.0, k)) > 0.0)) {
            snprintf(buf, size, "%s10^%d", x < 0.0 ? "-" : "", k);
            return;
        }
    }
    ccap__format_double(x, buf, size);
}

/* A number in a plausible range.  Below a range that starts at 0 the message is the
 * usual "negative value"; beyond it, the message gives the range and the likely mistake. */
int
ccap__field_range(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                  const ccap__range *range, double *value_out)
{
    const ccap__domain dom = !(range->lo < 0.0 || range->lo > 0.0)
                                 ? (range->lo_open ? POSITIVE : NON_NEGATIVE)
                                 : ANY_FINITE;
    const char *text = ccap__table_field(t, r, col);
    char buf[64], lo[32], hi[32], number[64];
    size_t n = strlen(text);
    int status;

    /* 4.5‰ in a per-1,000 field is 4.5 per 1,000: the sign (U+2030, E2 80 B0 in UTF-8) and
     * the spaces before it are dropped; a text too long for a number is left whole. */
    if (range->per_mille && n >= 3 && n < sizeof number &&
        strcmp(text + n - 3, "\xE2\x80\xB0") == 0) {
        for (n -= 3; n > 0 && text[n - 1] == ' '; n--)
            ;
        memcpy(number, text, n);
        number[n] = '\0';
        text = number;
    }
    if ((status = number_text(t, diag, r, col, text, dom, value_out)) != CCAP_OK)
        return status;
    if (*value_out <= range->hi &&
        (range->lo_open ? *value_out > range->lo : *value_out >= range->lo))
        return CCAP_OK;
    *value_out = NAN;
    format_bound(range->lo, lo, sizeof lo);
    format_bound(range->hi, hi, sizeof hi);
    return ccap__table_error(t, diag, CCAP_EDOM, r, col, "%s is outside %s%s, %s]%s%s%s%s",
                             ccap__show(ccap__table_field(t, r, col), buf),
                             range->lo_open ? "(" : "[", lo, hi, range->unit[0] != '\0' ? " " : "",
                             range->unit, range->hint[0] != '\0' ? ": " : "", range->hint);
}

/* Whether text is a whole number of 1 to 3 digits (first) or of exactly 3 digits with an
 * optional decimal part (later), as the pieces of a number split at its commas are. */
static int
is_group(const char *text, int first)
{
    const char *const digits = "0123456789";
    size_t n = strspn(text, digits);

    if (first)
        return n >= 1 && n <= 3 && text[n] == '\0';
    if (n != 3)
        return 0;
    if (text[n] == '.')
        n += 1 + strspn(text + n + 1, digits);
    return text[n] == '\0';
}

int
ccap__split_thousands(const ccap__table *t, size_t r, const ccap__column *number,
                      const ccap__column *next, char joined[64])
{
    const char *a = ccap__table_field(t, r, number), *b = ccap__table_field(t, r, next);

    if (number->pos == SIZE_MAX || next->pos != number->pos + 1 || !is_group(a, 1) ||
        !is_group(b, 0))
        return 0;
    snprintf(joined, 64, "%s,%s", a, b);
    return 1;
}

int
ccap__numeric_note(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *number,
                   const ccap__column *note)
{
    const char *text = ccap__table_field(t, r, note);
    char buf[64], joined[64];
    double x;

    if (ccap__parse_double(text, &x) != CCAP_OK) /* words, or empty */
        return CCAP_OK;
    if (ccap__split_thousands(t, r, number, note, joined))
        return ccap__table_error(t, diag, CCAP_EPARSE, r, number,
                                 "'%s' and the note '%s' read as one number, %s, split at its "
                                 "comma: a number with a thousands separator needs quotes "
                                 "(\"%s\")",
                                 ccap__table_field(t, r, number), text, joined, joined);
    return ccap__table_error(t, diag, CCAP_EPARSE, r, note,
                             "the note '%s' is a number: a note says where a figure comes from "
                             "(published: ..., derived: ..., assumed: ...); is a value in the "
                             "wrong column?",
                             ccap__show(text, buf));
}

/* If s starts with word, return the text after it, else NULL. */
static const char *
skip_word(const char *s, const char *word)
{
    size_t n = strlen(word);

    return strncmp(s, word, n) == 0 ? s + n : NULL;
}

/* Parse an unsigned whole number of years at s, with Chinese tables' unit 岁 or 周岁
 * (years of age) allowed after it; advance *end. */
static int
parse_age(const char *s, const char **end, size_t *age_out)
{
    size_t age = 0;
    const char *p = s, *q;

    while (*p == ' ')
        p++;
    if (*p < '0' || *p > '9')
        return 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        age = age * 10 + (size_t)(*p - '0');
        if (age > 1000)
            return 0;
    }
    while (*p == ' ')
        p++;
    if ((q = skip_word(p, "周岁")) != NULL || (q = skip_word(p, "岁")) != NULL) {
        for (p = q; *p == ' ';)
            p++;
    }
    *end = p;
    *age_out = age;
    return 1;
}

/* The mark of an open age group: "+", or 及以上 / 以上 ("and over", "over") as Chinese
 * census tables write 100岁及以上 and 85岁以上. */
static int
is_open_mark(const char *s)
{
    return strcmp(s, "+") == 0 || strcmp(s, "及以上") == 0 || strcmp(s, "以上") == 0;
}

/* An age label: "37" (single), "100+" (open) or "15-59" (range, inclusive), as the
 * half-open [lo, hi) with CCAP_AGE_OPEN for open labels. */
ccap__age_form
ccap__parse_age_label(const char *text, size_t *lo_out, size_t *hi_out)
{
    const char *end;
    size_t last;

    if (!parse_age(text, &end, lo_out))
        return AGE_BAD;
    if (*end == '\0') {
        *hi_out = *lo_out + 1;
        return AGE_SINGLE;
    }
    if (is_open_mark(end)) {
        *hi_out = CCAP_AGE_OPEN;
        return AGE_OPEN;
    }
    if ((end[0] == '-' || end[0] == '~') && parse_age(end + 1, &end, &last) && *end == '\0') {
        *hi_out = last + 1;
        return AGE_RANGE;
    }
    return AGE_BAD;
}

/* Population age label: "37" or "100+".  Sets *open_out for the open group. */
int
ccap__field_age(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
          size_t *age_out, int *open_out)
{
    const char *text = ccap__table_field(t, r, col);
    size_t hi;
    char buf[64];

    if (text[0] == '\0')
        return ccap__empty_error(t, diag, r, col);
    if (is_totals_word(text))
        return totals_error(t, diag, r, col, text, "an age");
    switch (ccap__parse_age_label(text, age_out, &hi)) {
    case AGE_SINGLE:
    case AGE_OPEN:
        *open_out = hi == CCAP_AGE_OPEN;
        return CCAP_OK;
    case AGE_RANGE:
        return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                                 "'%s' is a range: write the lower bound of the group (%zu)",
                                 ccap__show(text, buf), *age_out);
    default:
        return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                                 "'%s' is not an age: expected a whole number of years such "
                                 "as 37, or the open group such as 100+",
                                 ccap__show(text, buf));
    }
}

/* Margin age range: "total", "15-59", "60+" or a single age "0", as [lo, hi). */
int
ccap__field_ages(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
           size_t *lo_out, size_t *hi_out)
{
    const char *text = ccap__table_field(t, r, col);
    char buf[64];

    if (text[0] == '\0')
        return ccap__empty_error(t, diag, r, col);
    if (is_totals_word(text)) {
        *lo_out = 0;
        *hi_out = CCAP_AGE_OPEN;
        return CCAP_OK;
    }
    switch (ccap__parse_age_label(text, lo_out, hi_out)) {
    case AGE_SINGLE:
    case AGE_OPEN:
        return CCAP_OK;
    case AGE_RANGE:
        if (*hi_out > *lo_out)
            return CCAP_OK;
        return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                                 "range '%s' ends before it starts", ccap__show(text, buf));
    default:
        return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                                 "'%s' is not an age range: expected total, a range such as "
                                 "15-59 or an open range such as 60+",
                                 ccap__show(text, buf));
    }
}

