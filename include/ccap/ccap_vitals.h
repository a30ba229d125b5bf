/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_VITALS_H
#define CCAP_VITALS_H

/**
 * @file ccap_vitals.h
 * @brief Published vital statistics: births, deaths, year-end population and crude rates.
 *
 * Statistical bulletins (统计公报) publish, year by year, a city's or a
 * county's births (出生人口), deaths (死亡人口), resident population at the
 * end of the year (年末常住人口), and the crude birth and death rates
 * (出生率, 死亡率) per 1,000 residents.  A vital figure is one such number:
 * region, year, measure, value, an optional note (its provenance, e.g.
 * "statistical bulletin 2024") and the line of the file it was read from, so
 * that a later comparison with a projection can point at the figure.
 *
 * Each (region, year, measure) appears at most once; any subset of years
 * (#CCAP_YEAR_MIN to #CCAP_YEAR_MAX) and regions may be given.  Values are
 * kept as given: a rate stays per 1,000 residents and is not turned into a
 * count here.
 *
 * | measure                 | unit                        | accepted values                  |
 * |-------------------------|-----------------------------|----------------------------------|
 * | #CCAP_VITALS_BIRTHS     | live births in the year     | 0 to #CCAP_VITALS_COUNT_MAX      |
 * | #CCAP_VITALS_DEATHS     | deaths in the year          | 0 to #CCAP_VITALS_COUNT_MAX      |
 * | #CCAP_VITALS_POPULATION | residents at the year's end | > 0, <= #CCAP_VITALS_POPULATION_MAX |
 * | #CCAP_VITALS_BIRTH_RATE | births per 1,000 residents  | 0 to #CCAP_VITALS_RATE_MAX       |
 * | #CCAP_VITALS_DEATH_RATE | deaths per 1,000 residents  | 0 to #CCAP_VITALS_RATE_MAX       |
 *
 * Read a file of them with ccap_csv_read_vitals() (ccap_csv.h).
 */

#include <ccap/ccap_common.h>
#include <ccap/ccap_date.h>

CCAP_BEGIN_DECLS

/** Opaque list of vital figures. */
typedef struct ccap_vitals ccap_vitals;

/** What a vital figure counts.  The values are stable; files use the names of
 * ccap_vitals_measure_name(). */
typedef enum ccap_vitals_measure {
    CCAP_VITALS_BIRTHS = 0,     /**< `births` (出生人口): live births in the calendar year */
    CCAP_VITALS_DEATHS = 1,     /**< `deaths` (死亡人口): deaths in the calendar year */
    CCAP_VITALS_POPULATION = 2, /**< `population` (年末常住人口): residents at the end of the year */
    CCAP_VITALS_BIRTH_RATE = 3, /**< `birth_rate` (出生率): births per 1,000 residents */
    CCAP_VITALS_DEATH_RATE = 4  /**< `death_rate` (死亡率): deaths per 1,000 residents */
} ccap_vitals_measure;

/** Number of measures. */
#define CCAP_VITALS_N_MEASURES 5

/** Most births or deaths in a year a figure may hold (10^12, as for every count of persons). */
#define CCAP_VITALS_COUNT_MAX 1e12

/** Largest year-end population a figure may hold (10^10, above the world's population). */
#define CCAP_VITALS_POPULATION_MAX 1e10

/** Largest crude birth or death rate, per 1,000 residents. */
#define CCAP_VITALS_RATE_MAX 100.0

/** Longest note in bytes (without the NUL). */
#define CCAP_VITALS_NOTE_MAX 1023

/** One published figure, as returned by ccap_vitals_get(). */
typedef struct ccap_vital {
    size_t region;               /**< region index */
    int year;                    /**< calendar year: of the events, or at whose end the count is */
    ccap_vitals_measure measure; /**< what the value counts */
    double value;                /**< persons, or per 1,000 residents for the rates */
    const char *note;            /**< "" when none; owned by the ::ccap_vitals until it is freed */
    unsigned long line;          /**< 1-based line of the figure in its file; 0 if none */
} ccap_vital;

/**
 * The file name of a measure: `births`, `deaths`, `population`,
 * `birth_rate` or `death_rate`.
 * @param measure  A ::ccap_vitals_measure.
 * @return A static string; "unknown" for a value outside ::ccap_vitals_measure.
 * @since 0.1
 */
CCAP_API const char *ccap_vitals_measure_name(ccap_vitals_measure measure);

/**
 * Parse a measure: a name of ccap_vitals_measure_name() in any case, or a
 * Chinese name as bulletins write it: 出生人口 or 出生数 (births), 死亡人口 or
 * 死亡数 (deaths), 年末常住人口 or 常住人口 (population), 出生率 (birth_rate),
 * 死亡率 (death_rate).
 * @param name              The text, UTF-8.
 * @param[out] measure_out  Receives the measure; unchanged on failure.
 * @retval CCAP_OK         success
 * @retval CCAP_EINVAL     NULL argument
 * @retval CCAP_ENOTFOUND  not a measure
 * @since 0.1
 */
CCAP_API int ccap_vitals_measure_parse(const char *name, ccap_vitals_measure *measure_out);

/**
 * Allocate an empty list.
 * @return A new list, or NULL when memory is exhausted.  Free with ccap_vitals_free().
 * @since 0.1
 */
CCAP_API ccap_vitals *ccap_vitals_alloc(void);

/** Free @p vitals.  NULL is accepted and ignored. @since 0.1 */
CCAP_API void ccap_vitals_free(ccap_vitals *vitals);

/**
 * Append a figure.  The note is copied.
 * @param vitals   The list.
 * @param region   Region index (any value; readers check it against a region table).
 * @param year     Calendar year, #CCAP_YEAR_MIN to #CCAP_YEAR_MAX.
 * @param measure  What @p value counts.
 * @param value    Persons or per 1,000 residents, in the range the table at the top of
 *                 this file gives for @p measure (so finite).
 * @param note     UTF-8 note of at most #CCAP_VITALS_NOTE_MAX bytes without control
 *                 characters, or NULL / "" for none.
 * @param line     1-based line of the file the figure comes from, or 0 for none.
 * @param[out] dup_out  On #CCAP_EEXIST, the index of the figure with the same key (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p vitals is NULL or @p measure is not a ::ccap_vitals_measure
 * @retval CCAP_EDOM    @p year, @p value or @p note out of its domain (NaN, infinite,
 *                      negative, a rate above 100, a population of 0, ...)
 * @retval CCAP_EEXIST  a figure with the same region, year and measure exists
 * @retval CCAP_ENOMEM  out of memory (the list is unchanged)
 * @since 0.1
 */
CCAP_API int ccap_vitals_add(ccap_vitals *vitals, size_t region, int year,
                             ccap_vitals_measure measure, double value, const char *note,
                             unsigned long line, size_t *dup_out);

/** Number of figures (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_vitals_count(const ccap_vitals *vitals);

/**
 * Copy figure @p index (in the order they were added) into @p out.
 * @param vitals  The list.
 * @param index   0 to ccap_vitals_count() − 1.
 * @param[out] out  Receives the figure; its note is owned by @p vitals.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument or @p index out of range
 * @since 0.1
 */
CCAP_API int ccap_vitals_get(const ccap_vitals *vitals, size_t index, ccap_vital *out);

/**
 * Look up the value of the figure with this region, year and measure.
 * @param vitals   The list.
 * @param region   Region index.
 * @param year     Calendar year.
 * @param measure  What is looked up.
 * @param[out] value_out  Receives the value (persons or per 1,000); NAN when not found.
 * @retval CCAP_OK         found
 * @retval CCAP_ENOTFOUND  no such figure
 * @retval CCAP_EINVAL     NULL argument or @p measure not a ::ccap_vitals_measure
 * @since 0.1
 */
CCAP_API int ccap_vitals_find(const ccap_vitals *vitals, size_t region, int year,
                              ccap_vitals_measure measure, double *value_out);

CCAP_END_DECLS

#endif /* CCAP_VITALS_H */
