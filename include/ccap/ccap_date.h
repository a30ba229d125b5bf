/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_DATE_H
#define CCAP_DATE_H

/**
 * @file ccap_date.h
 * @brief Calendar dates (proleptic Gregorian) for reference times such as a census night.
 *
 * A population refers to an exact date, e.g. the 2020 census at 2020-11-01.
 * Dates are plain values; the text form is ISO 8601 `YYYY-MM-DD`.
 * A decimal year places a date on a continuous time axis:
 * `year + (day_of_year - 1) / days_in_year`, so 2020-11-01 is 2020.83333
 * (day 306 of 366) and 2025-01-01 (the end of 2024) is exactly 2025.0.
 */

#include <ccap/ccap_common.h>

CCAP_BEGIN_DECLS

/**
 * First calendar year of the data ccap reads: a year before it in a table is refused
 * (docs/conventions.md, "Plausible ranges").
 */
#define CCAP_YEAR_MIN 1700
/** Last calendar year ccap reads, and the last a projection may reach. */
#define CCAP_YEAR_MAX 2300

/** A calendar date.  `{0, 0, 0}` means "no date". */
typedef struct ccap_date {
    int year;  /**< 1 to 9999 */
    int month; /**< 1 to 12 */
    int day;   /**< 1 to the length of the month */
} ccap_date;

/**
 * Whether @p date is a real calendar date with a year from 1 to 9999.
 * @return 1 if valid, 0 otherwise (including the "no date" value).
 * @since 0.1
 */
CCAP_API int ccap_date_is_valid(ccap_date date);

/**
 * Parse a date: ISO 8601 `YYYY-MM-DD` (exactly four, two and two digits), or
 * as Excel writes dates on a Chinese Windows: `2020/11/1` (`YYYY/M/D`, month
 * and day of one or two digits) and `2020年11月1日` (year 年, month 月, day 日).
 *
 * Surrounding spaces and tabs are ignored.
 *
 * @param[in]  text      NUL-terminated text.
 * @param[out] date_out  Receives the date; set to `{0, 0, 0}` on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p text or @p date_out is NULL
 * @retval CCAP_EPARSE  @p text is none of these forms
 * @retval CCAP_EDOM    the form is right but the date does not exist (e.g. 2021-02-29)
 * @since 0.1
 */
CCAP_API int ccap_date_parse(const char *text, ccap_date *date_out);

/**
 * Write @p date as `YYYY-MM-DD` into @p buf (11 bytes with the NUL).
 *
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p buf is NULL or @p size < 11
 * @retval CCAP_EDOM    @p date is not valid (buf receives an empty string)
 * @since 0.1
 */
CCAP_API int ccap_date_format(ccap_date date, char *buf, size_t size);

/**
 * The date as a decimal year, `year + (day_of_year - 1) / days_in_year`.
 *
 * @param[in]  date      A valid date.
 * @param[out] year_out  Receives the decimal year; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p year_out is NULL
 * @retval CCAP_EDOM    @p date is not valid
 * @since 0.1
 */
CCAP_API int ccap_date_decimal_year(ccap_date date, double *year_out);

CCAP_END_DECLS

#endif /* CCAP_DATE_H */
