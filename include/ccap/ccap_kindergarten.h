/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_KINDERGARTEN_H
#define CCAP_KINDERGARTEN_H

/**
 * @file ccap_kindergarten.h
 * @brief Kindergarten places (幼儿园学位) left idle by falling cohorts, converted into 托班 slots.
 *
 * Kindergartens take the children aged 3-5.  As births fall, their places empty, and
 * policy asks kindergartens to open under-3 classes (托班) in the rooms that empty.  A
 * region's kindergarten places are an input (kindergarten.csv, ccap_csv_read_kindergarten());
 * the children aged 3-5 at the end of a year come from the projection.
 *
 * **Demand and idle places.**  `demand = children_3_5 · enrolment_rate`, with the
 * enrolment rate the gross kindergarten enrolment rate (学前教育毛入园率): 91.1 % in
 * 2023 nationally (Ministry of Education, 2023年全国教育事业发展统计公报),
 * #CCAP_KINDERGARTEN_ENROLMENT_2023.  `idle = max(0, places − demand)`.
 *
 * **Conversion.**  A 托班 child needs more room than a kindergarten child: a room that
 * holds a small class (小班, children aged 3-4) of 25 (幼儿园工作规程, 2016, article 11)
 * holds a 托班 of at most 20 (托育机构设置标准（试行）, 2019: 托大班 of 24-36 months at most
 * 20; ccap_workforce.h, #CCAP_CLASS_KINDERGARTEN).  So one idle place makes 20/25 = 0.8
 * 托班 slot (#CCAP_KINDERGARTEN_SLOTS_PER_PLACE), a parameter.  Converted slots are
 * 幼儿园托班 slots: they take only children of 24-36 months (the children aged 2 at the end
 * of a year), so a region converts at most the slots its children aged 2 need
 * (`children_2 · takeup_2 / occupancy`, take-up 1 without a take-up table) less the
 * kindergarten 托班 slots it holds already.  The slots a region may hold converted at the
 * end of year Y: `convertible = ⌊min(idle · slots_per_place, room for 托班)⌋`, whole.
 *
 * **The schedule.**  Converted slots cost less than new ones (a refitted room, not a new
 * building), so each year's new slots are taken from conversion first, up to what is
 * convertible less what was converted before, and built new for the rest
 * (ccap_kindergarten_convert()).  Converted places do not come back: when demand rises
 * again the converted slots stay, and no more are converted.
 *
 * Numeric outputs are NAN on failure.  Objects copy what they are given.
 */

#include <stddef.h>

#include <ccap/ccap_common.h>

CCAP_BEGIN_DECLS

/** Gross kindergarten enrolment rate (学前教育毛入园率) of China in 2023: 91.1 % (Ministry of
 *  Education, 2023年全国教育事业发展统计公报). */
#define CCAP_KINDERGARTEN_ENROLMENT_2023 0.911

/** 托班 slots one idle kindergarten place makes: a 托班 of 20 in a room for a 小班 of 25. */
#define CCAP_KINDERGARTEN_SLOTS_PER_PLACE 0.8

/** Capital cost of converting one idle place into a 托班 slot, yuan: **assumed** (a refit
 *  of an existing room, its furniture, washrooms and safety fittings, against 12,000 to
 *  25,000 for a new slot in the bundled costs.csv, itself assumed). */
#define CCAP_KINDERGARTEN_CONVERSION_CNY 5000.0

/** Largest enrolment rate accepted: a gross rate counts children of other ages too and
 *  passes 1 (100 %) in some provinces, never 1.5. */
#define CCAP_KINDERGARTEN_ENROLMENT_MAX 1.5

/** The parameters of conversion.  Start from #CCAP_KINDERGARTEN_PARAMS_INIT. */
typedef struct ccap_kindergarten_params {
    double enrolment_rate;             /**< kindergarten children per child aged 3-5, [0, 1.5] */
    double slots_per_place;            /**< 托班 slots one idle place makes, (0, 1] */
    double capital_per_converted_slot; /**< yuan per converted slot, [0, 10^9] */
} ccap_kindergarten_params;

/** The defaults: 91.1 % enrolled, 0.8 slot per place, 5,000 yuan per converted slot. */
#define CCAP_KINDERGARTEN_PARAMS_INIT                                                              \
    {                                                                                              \
        CCAP_KINDERGARTEN_ENROLMENT_2023, CCAP_KINDERGARTEN_SLOTS_PER_PLACE,                       \
            CCAP_KINDERGARTEN_CONVERSION_CNY                                                       \
    }

/**
 * Check parameters.
 * @param params  The parameters.
 * @retval CCAP_OK      valid
 * @retval CCAP_EINVAL  @p params is NULL
 * @retval CCAP_EDOM    a parameter outside its range (see ::ccap_kindergarten_params)
 * @since 0.2
 */
CCAP_API int ccap_kindergarten_params_check(const ccap_kindergarten_params *params);

/**
 * Kindergarten demand and idle places.
 *
 * `demand = children · enrolment_rate`, `idle = max(0, places − demand)`.  Example:
 * 12,000 places, 10,500 children aged 3-5 at 91.1 %: demand 9,565.5, idle 2,434.5.
 *
 * @param places          Kindergarten places; finite, >= 0.
 * @param children        Children aged 3-5; finite, >= 0.
 * @param enrolment_rate  Kindergarten children per child aged 3-5, in [0, 1.5].
 * @param[out] demand_out  Places the children fill (may be NULL).
 * @param[out] idle_out    Idle places.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p idle_out is NULL
 * @retval CCAP_EDOM    a count negative or not finite, or the rate out of range
 * @since 0.2
 */
CCAP_API int ccap_kindergarten_idle(double places, double children, double enrolment_rate,
                                    double *demand_out, double *idle_out);

/**
 * Take each year's new slots from conversion first.
 *
 * For t = 0 … n−1, with K the slots converted before year t:
 * `converted[t] = min(new[t], max(0, convertible[t] − K))`, `built[t] = new[t] −
 * converted[t]`.  Example: new 300, 500, 0, 400 and convertible 200, 450, 450, 1,000
 * give converted 200, 250, 0, 400 and built 100, 250, 0, 0.
 *
 * @param new_slots    @p n_years new slots a year; finite, >= 0.
 * @param convertible  @p n_years: slots that may stand converted at the end of each
 *                     year (ccap_kindergarten.h); finite, >= 0.
 * @param n_years      Number of years, at least 1.
 * @param[out] converted_out  @p n_years converted slots; all NAN on failure.
 * @param[out] built_out      @p n_years slots built new (may be NULL); all NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a required pointer NULL or @p n_years 0
 * @retval CCAP_EDOM    a count negative or not finite
 * @since 0.2
 */
CCAP_API int ccap_kindergarten_convert(const double new_slots[], const double convertible[],
                                       size_t n_years, double converted_out[], double built_out[]);

/** Opaque table of kindergarten places by region and year (kindergarten.csv). */
typedef struct ccap_kindergarten ccap_kindergarten;

/**
 * Allocate an empty table.
 * @return A new table, or NULL when out of memory.  Free with ccap_kindergarten_free().
 * @since 0.2
 */
CCAP_API ccap_kindergarten *ccap_kindergarten_alloc(void);

/**
 * Free @p kg.  NULL is accepted and ignored.
 * @param kg  The table, or NULL.
 * @since 0.2
 */
CCAP_API void ccap_kindergarten_free(ccap_kindergarten *kg);

/**
 * Number of rows (0 for NULL).
 * @param kg  The table.
 * @return The rows added.
 * @since 0.2
 */
CCAP_API size_t ccap_kindergarten_count(const ccap_kindergarten *kg);

/**
 * Add the places of a region at the end of a year.
 * @param kg        The table.
 * @param region    Region index.
 * @param year      The year.
 * @param places    Kindergarten places (学位数); finite, 0 to 10^12.
 * @param enrolled  Children enrolled (在园幼儿数), 0 to 10^12, or NAN: not known.
 * @param[out] dup_out  On #CCAP_EEXIST, the index of the row of the same region and year
 *                      (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p kg is NULL
 * @retval CCAP_EDOM    a count out of range
 * @retval CCAP_EEXIST  a row of the same region and year exists
 * @retval CCAP_ERANGE  more than #CCAP_CELLS_MAX rows
 * @retval CCAP_ENOMEM  out of memory (the table is unchanged)
 * @since 0.2
 */
CCAP_API int ccap_kindergarten_add(ccap_kindergarten *kg, size_t region, int year, double places,
                                   double enrolled, size_t *dup_out);

/**
 * The places of @p region at the end of @p year: the row of the latest year not after it
 * (places stand until a later row says otherwise).
 * @param kg        The table.
 * @param region    Region index.
 * @param year      The year.
 * @param[out] places_out    Places; NAN when none.
 * @param[out] enrolled_out  Enrolled children of that row, NAN when not known (may be NULL).
 * @param[out] year_out      The year of the row used (may be NULL; 0 when none).
 * @retval CCAP_OK         found
 * @retval CCAP_EINVAL     @p kg or @p places_out is NULL
 * @retval CCAP_ENOTFOUND  no row of @p region in or before @p year
 * @since 0.2
 */
CCAP_API int ccap_kindergarten_find(const ccap_kindergarten *kg, size_t region, int year,
                                    double *places_out, double *enrolled_out, int *year_out);

/** One region and year of a plan's kindergartens (ccap_plan_kindergarten()). */
typedef struct ccap_kindergarten_row {
    size_t region;          /**< region index */
    int year;               /**< end of the year (a year of building) */
    double children;        /**< children aged 3-5 */
    double places;          /**< kindergarten places (NAN: not given) */
    double demand;          /**< children · enrolment rate */
    double idle;            /**< max(0, places − demand) */
    double convertible;     /**< whole 托班 slots that may stand converted at the year's end */
    double converted;       /**< slots converted during the year */
    double built;           /**< new slots built during the year: the schedule's less converted */
    double conversion_cost; /**< converted · capital per converted slot, yuan */
    double build_cost;      /**< built · capital per new slot, yuan (NAN: no costs) */
} ccap_kindergarten_row;

CCAP_END_DECLS

#endif /* CCAP_KINDERGARTEN_H */
