/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_CALIBRATE_H
#define CCAP_CALIBRATE_H

/**
 * @file ccap_calibrate.h
 * @brief Projection assumptions of a city and its counties calibrated to the figures it
 *        publishes: births, deaths and year-end populations.
 *
 * A city publishes a census (turned into a base population by ccap-base's functions),
 * and then, year by year, births, deaths and the resident population at the end of the
 * year (::ccap_vitals).  ccap_calibrate() takes national schedules (death rates by
 * period, fertility rates and the sex ratio at birth by calendar year) and finds, for
 * every region that publishes a figure, the local levels that make a projection from the
 * base meet them:
 *
 * - **fertility**: a factor on the national rates for every year with published births;
 *   between two such years the factor moves log-linearly, and after the last it follows
 *   the chosen ::ccap_calibrate_fertility rule;
 * - **mortality**: a level on the national death rates, which themselves move
 *   log-linearly between the midpoints of their periods (no jump at 2025, 2030, …),
 *   fitted to every year with published deaths and interpolated the same way;
 * - **net migration**: a crude rate (net migrants per person and year) for every
 *   interval between the base and a published year-end population, shared out by age
 *   with a ::ccap_calibrate_profile; after the last interval the latest rate times a
 *   scale.
 *
 * Time.  Projection steps start on the base's date (for a census, 1 November) and last
 * one year; published figures are by calendar year.  A step's national rates are the
 * blend of the two calendar years it overlaps, weighted by the overlap; the births or
 * deaths of a calendar year are the overlapping shares of the steps' (events spread
 * evenly within a step); a year-end population is the projection interpolated to
 * 1 January of the next year (ccap_projection_population_at()).  The schedules that
 * ccap_calibrate() makes are keyed by the start year of the step, as every schedule is
 * (ccap_schedule.h).
 *
 * Regions.  A figure of a region constrains the sum of the regions without children
 * below it.  Each such leaf takes its levels from the nearest region at or above it that
 * publishes the measure; a region's levels are fitted to what its published figure
 * leaves after the leaves that follow a lower region's own figures.  Leaves with no such
 * region keep the national rates (factor 1) and no migration.
 *
 * Figures dated before the base cannot be projected.  Births of such years give a
 * fertility factor against the base's women (and made the base's children, by reverse
 * survival); deaths give a mortality level against the base population; populations
 * before the base are reported and not used.
 *
 * See docs/methods.md, "Calibration", for the formulas, references and worked numbers.
 */

#include <ccap/ccap_common.h>
#include <ccap/ccap_lifetable.h>
#include <ccap/ccap_margins.h>
#include <ccap/ccap_population.h>
#include <ccap/ccap_projection.h>
#include <ccap/ccap_rates.h>
#include <ccap/ccap_region.h>
#include <ccap/ccap_schedule.h>
#include <ccap/ccap_vitals.h>

CCAP_BEGIN_DECLS

/** What fertility does after the last year with published births. */
typedef enum ccap_calibrate_fertility {
    /** The national rates of each year times the latest local factor (the default). */
    CCAP_CALIBRATE_FERTILITY_NATIONAL = 0,
    /** The TFR of the latest fitted step, held (on each step's national age pattern). */
    CCAP_CALIBRATE_FERTILITY_HOLD = 1,
    /** The latest local rates scaled so that the TFR moves linearly to
     *  ::ccap_calibrate_options.target_tfr by ::ccap_calibrate_options.target_year,
     *  then held. */
    CCAP_CALIBRATE_FERTILITY_TARGET = 2
} ccap_calibrate_fertility;

/** The age profile of net migration. */
typedef enum ccap_calibrate_profile {
    /** A sending region (the default): young adults leave, most children stay with
     *  grandparents, some return in mid-life; see ccap_calibrate_profile_values(). */
    CCAP_CALIBRATE_PROFILE_SENDING = 0,
    /** The Rogers–Castro model schedule of ccap_migration_rc_default(), children
     *  moving with their parents. */
    CCAP_CALIBRATE_PROFILE_ROGERS_CASTRO = 1
} ccap_calibrate_profile;

/** Options of ccap_calibrate(); start from ccap_calibrate_options_init(). */
typedef struct ccap_calibrate_options {
    int last_year;                      /**< start year of the last step of the schedules made;
                                             0: the base year + 20 */
    ccap_calibrate_fertility fertility; /**< the future of fertility */
    double target_tfr;              /**< with #CCAP_CALIBRATE_FERTILITY_TARGET: the TFR to reach,
                                         0.1 to 10 children per woman */
    int target_year;                /**< with #CCAP_CALIBRATE_FERTILITY_TARGET: the calendar year by
                                         which it is reached, after the last year with births
                                         (#CCAP_EDOM otherwise) */
    ccap_calibrate_profile profile; /**< age profile of net migration */
    double migration_scale;         /**< future net migration rate = scale × the latest fitted
                                         rate, from the first step that starts after the
                                         last year-end population; 1 by default, 0 for
                                         none, at most 10 in size */
    ccap_a0_rule a0;                /**< infant a0 rule of the life tables */
    ccap_migration_timing timing;   /**< when migrants join during a step */
    int rake;                       /**< ccap_calibrate_base(): nonzero to rake the standard
                                         to the margins (ccap_graduate_base_from_margins()),
                                         whose single years step where age ranges meet,
                                         instead of the smooth estimate; for comparison */
    size_t child_ages;              /**< ccap_calibrate_base(): single years of children taken from
                                         births by reverse survival (3: ages 0-2; 15: 0-14); 0 for
                                         none */
    /** Called with each warning (a figure not used, a region whose children stay with
     *  the smooth fit for want of births, …): the diag's message says what and why, its
     *  field the measure, its line 0.  NULL: warnings are dropped. */
    void (*warn)(const ccap_diag *warning, void *data);
    void *warn_data; /**< passed to @p warn */
} ccap_calibrate_options;

/**
 * @name Plausible levels
 * The levels a fitted figure may ask for.  ccap_calibrate() refuses a figure whose level
 * is beyond the outer bounds (#CCAP_EDOM, naming the figure's line: a count of the wrong
 * area, unit or year, such as births with one zero too many), and warns (options->warn)
 * about one outside the inner band, which real cities reach only rarely.
 * - Total fertility rate, children per woman: refused outside [0.1, 10] (the lowest on
 *   record, about 0.5 in Seoul and Shanghai, and the highest, about 9 among the
 *   Hutterites); warned outside [0.4, 4].
 * - Level on the national death rates: refused outside [0.05, 10]; warned outside
 *   [0.25, 4].
 * - Crude net migration, per 1,000 residents and year: refused beyond ±500 (the range of
 *   net migration rates, half of a group leaving or arriving); warned beyond ±50.
 * @{
 */
#define CCAP_CALIBRATE_TFR_MIN 0.1 /**< lowest TFR a figure may need (children per woman) */
#define CCAP_CALIBRATE_TFR_MAX 10.0 /**< highest TFR a figure may need */
#define CCAP_CALIBRATE_TFR_LOW 0.4 /**< below it, a warning */
#define CCAP_CALIBRATE_TFR_HIGH 4.0 /**< above it, a warning */
#define CCAP_CALIBRATE_MORTALITY_MIN 0.05 /**< lowest level on the national death rates */
#define CCAP_CALIBRATE_MORTALITY_MAX 10.0 /**< highest level on the national death rates */
#define CCAP_CALIBRATE_MORTALITY_LOW 0.25 /**< below it, a warning */
#define CCAP_CALIBRATE_MORTALITY_HIGH 4.0 /**< above it, a warning */
#define CCAP_CALIBRATE_MIGRATION_MAX 500.0 /**< largest net migration, per 1,000 residents and year, either way */
#define CCAP_CALIBRATE_MIGRATION_HIGH 50.0 /**< beyond it either way, a warning */
/** @} */

/**
 * Fill @p options with the defaults: last year 0 (base year + 20), national fertility
 * path, sending profile, scale 1, Andreev–Kingkade a0, migrants at mid-step.
 * @param[out] options  The options; NULL is ignored.
 * @since 0.1
 */
CCAP_API void ccap_calibrate_options_init(ccap_calibrate_options *options);

/** National schedules; all borrowed for the duration of ccap_calibrate(). */
typedef struct ccap_calibrate_national {
    /** Death rates mx by sex (own entries of `female` and `male`, or `both`), region `*`,
     *  keyed by the first year of the period they describe (e.g. 2020 for 2020-2024,
     *  2025 for 2025-2029); any age grid the life tables accept, open at the top. */
    const ccap_schedule *mortality;
    /** Fertility rates (births per woman-year) by age of mother, sex `both`, region
     *  `*`, keyed by **calendar year**: the national path. */
    const ccap_schedule *fertility;
    /** Sex ratio at birth (males per 100 females), region `*`, by calendar year. */
    const ccap_schedule *srb;
} ccap_calibrate_national;

/**
 * The base population of a census from its published margins: the margins of @p year
 * are reconciled where they disagree by rounding (ccap_margins_reconcile()); the
 * children of every region with published births are added as single-year margins of
 * ages `0 … child_ages − 1` by sex (ccap_reverse_add_margins(), with the national death
 * rates and sex ratio of the census year), except a region all of whose areas have births
 * of their own (their sum gives its children; a second estimate from its own rounded
 * births would not add up with them); then every region gets a single-year
 * structure, smooth across the ranges of the margins, that meets all of them
 * (ccap_graduate_base_smooth()).
 *
 * @param[in] regions   A finished region table.
 * @param[in,out] margins  Published margins; reconciled in place, and the children's
 *                      margins added.
 * @param[in] year      The census year whose margins are used.
 * @param[in] date      The census date (e.g. 2020-11-01).
 * @param[in] standard  A single-year standard population (region 0, both sexes), any
 *                      unit.  Borrowed.
 * @param[in] vitals    Published figures (their births are used); may be NULL.
 * @param[in] national  National schedules (mortality and srb are used).
 * @param[in] options   Options (child_ages, warn), or NULL for the defaults.
 * @param[out] base_out Receives the population (free with ccap_population_free()).
 * @param[out] report_out  Receives the reconciliation report (free with
 *                      ccap_margins_report_free()), also on a disagreement; may be NULL.
 * @param[out] diag     On failure, the reason; may be NULL.
 * @retval CCAP_OK  success; otherwise the status of the step that failed:
 *                  ccap_margins_reconcile() (#CCAP_EDOM: margins that really disagree),
 *                  ccap_reverse_add_margins() (#CCAP_EEXIST: a children's margin is
 *                  already given), ccap_graduate_base_smooth()
 * @since 0.1
 */
CCAP_API int ccap_calibrate_base(const ccap_regions *regions, ccap_margins *margins, int year,
                                 ccap_date date, const ccap_population *standard,
                                 const ccap_vitals *vitals, const ccap_calibrate_national *national,
                                 const ccap_calibrate_options *options, ccap_population **base_out,
                                 ccap_margins_report **report_out, ccap_diag *diag);

/** Opaque result of ccap_calibrate(). */
typedef struct ccap_calibration ccap_calibration;

/** How a published figure took part in the calibration. */
typedef enum ccap_calibration_use {
    CCAP_CALIBRATION_FITTED = 0,  /**< a level was fitted to it; the model meets it */
    CCAP_CALIBRATION_CHECKED = 1, /**< not fitted (before the base, or another figure of
                                       the same step was): compared only */
    CCAP_CALIBRATION_UNUSED = 2,  /**< cannot be modelled (a population before the base);
                                       model is NAN */
    CCAP_CALIBRATION_BASE = 3     /**< births before the base: they made the base's children
                                       (ccap_calibrate_base()) and anchor the fertility
                                       factor; a projection from the base cannot give them,
                                       so model is NAN */
} ccap_calibration_use;

/** One published figure beside the model's value. */
typedef struct ccap_calibration_row {
    size_t vital;                /**< index of the figure in the ::ccap_vitals given */
    size_t region;               /**< region index */
    int year;                    /**< calendar year */
    ccap_vitals_measure measure; /**< as published (a rate stays a rate) */
    double published;            /**< the published value */
    double model;                /**< the model's value in the same unit; NAN if unused */
    ccap_calibration_use use;    /**< how it was used */
} ccap_calibration_row;

/**
 * Calibrate projection assumptions to published vital figures (see the file
 * description).
 *
 * @param[in] regions   A finished region table.
 * @param[in] base      The base population: single years (width 1), every region of
 *                      @p regions, with a date (e.g. the census night 2020-11-01) or
 *                      else 1 January of its year.  Borrowed.
 * @param[in] vitals    Published figures; region indices refer to @p regions.  May be
 *                      empty: the result is then the national schedules, unscaled, and no
 *                      migration.
 * @param[in] national  National schedules; all three required.
 * @param[in] options   Options, or NULL for the defaults.
 * @param[out] calibration_out  Receives the result (free with ccap_calibration_free());
 *                      NULL on failure.
 * @param[out] diag     On failure, what went wrong, naming the region and year (no file
 *                      or line: the caller knows the vital figure's line through
 *                      ccap_vitals_get()); the field names the measure.  May be NULL.
 * @retval CCAP_OK       success
 * @retval CCAP_EINVAL   NULL argument, a base of another width or region count, or a
 *                       national schedule missing
 * @retval CCAP_ESTATE   @p regions is not finished
 * @retval CCAP_EDOM     an option out of range; a national schedule with no entry for a
 *                       year the projection needs, or fertility rates on another age grid
 *                       from year to year; a figure the model cannot meet: a county's
 *                       births, deaths or population exceeding its city's, a population
 *                       that would need more emigrants than residents, births of a year
 *                       with no women of childbearing age
 * @retval CCAP_ENOTREACHED  the levels did not settle (the message names the figure
 *                       furthest from its fit)
 * @retval CCAP_ERANGE   the projection would pass #CCAP_YEAR_MAX
 * @retval CCAP_ENOMEM   out of memory
 * @since 0.1
 */
CCAP_API int ccap_calibrate(const ccap_regions *regions, const ccap_population *base,
                            const ccap_vitals *vitals, const ccap_calibrate_national *national,
                            const ccap_calibrate_options *options,
                            ccap_calibration **calibration_out, ccap_diag *diag);

/** Free @p calibration; NULL is accepted. @since 0.1 */
CCAP_API void ccap_calibration_free(ccap_calibration *calibration);

/**
 * The calibrated schedules, owned by @p calibration, keyed by the start year of the
 * projection step from the base year to ::ccap_calibrate_options.last_year:
 * death rates on the national grid, fertility rates on the national grid, the sex
 * ratio at birth, and net migration rates (per person and year) on the base's single
 * years.  Leaves of the region that most leaves follow use region `*`; the others
 * have their own entries.  NULL for NULL.
 * @since 0.1
 */
CCAP_API const ccap_schedule *ccap_calibration_mortality(const ccap_calibration *calibration);
/** See ccap_calibration_mortality(). @since 0.1 */
CCAP_API const ccap_schedule *ccap_calibration_fertility(const ccap_calibration *calibration);
/** See ccap_calibration_mortality(). @since 0.1 */
CCAP_API const ccap_schedule *ccap_calibration_srb(const ccap_calibration *calibration);
/** See ccap_calibration_mortality(). @since 0.1 */
CCAP_API const ccap_schedule *ccap_calibration_migration_rates(const ccap_calibration *calibration);

/**
 * Fill @p out with the calibrated schedules and the options' a0 rule and timing, ready
 * for ccap_projection_run().  The pointers are owned by @p calibration.
 * @param calibration  The result of ccap_calibrate().
 * @param[out] out     The assumptions.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument
 * @since 0.1
 */
CCAP_API int ccap_calibration_assumptions(const ccap_calibration *calibration,
                                          ccap_assumptions *out);

/** Number of published figures compared (every figure given). @since 0.1 */
CCAP_API size_t ccap_calibration_count(const ccap_calibration *calibration);

/**
 * Published figure @p index beside the model's value, in the order of the vitals.
 * @param calibration   The result of ccap_calibrate().
 * @param index         From 0 to ccap_calibration_count() − 1.
 * @param[out] row_out  The figure and the model's value.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument or @p index out of range
 * @since 0.1
 */
CCAP_API int ccap_calibration_get(const ccap_calibration *calibration, size_t index,
                                  ccap_calibration_row *row_out);

/**
 * The calibrated levels of @p region (the levels its leaves follow; for a region with
 * leaves following different regions, those of the region it follows itself) in
 * calendar year @p year, from the base year to the last year of the schedules.
 *
 * @param calibration         The result of ccap_calibrate().
 * @param region              A region index.
 * @param year                A calendar year.
 * @param[out] tfr_out        The total fertility rate, children per woman: the steps'
 *                            TFRs weighted by their overlap with the year.  May be NULL.
 * @param[out] factor_out     The fertility factor on the national rates.  May be NULL.
 * @param[out] mortality_out  The level on the national death rates.  May be NULL.
 * @param[out] migration_out  The crude net migration rate, per 1,000 residents and
 *                            year (negative: a net loss).  May be NULL.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p calibration, a region out of range
 * @retval CCAP_EDOM    @p year outside the schedules
 * @since 0.1
 */
CCAP_API int ccap_calibration_levels(const ccap_calibration *calibration, size_t region, int year,
                                     double *tfr_out, double *factor_out, double *mortality_out,
                                     double *migration_out);

/**
 * The net migration age profile: @p n_ages values by single year of age (the last an
 * open group), the same for both sexes, scaled so that their mean weighted by
 * @p population (the same ages, both sexes summed) is 1; NULL @p population weights
 * every age equally.  Positive values mean a net loss when the level is negative and
 * a gain when it is positive.  The sending profile, in persons per person and year
 * before scaling:
 * `0.005·e^{−0.1x} + 0.06·exp(−0.1(x−20) − e^{−0.4(x−20)}) − 0.008·exp(−((x−42)/10)²)`:
 * Rogers and Castro's labour-force peak (at 23.5), a quarter of their childhood
 * component (children left with grandparents), no constant, and a return in mid-life
 * of about a quarter of the outflow.
 *
 * @param profile        The profile.
 * @param n_ages         Single years wanted, 2 to #CCAP_POPULATION_AGES_MAX.
 * @param[in] population NULL, or @p n_ages weights, finite and >= 0, not all 0.
 * @param[out] out       Receives @p n_ages values.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p out, @p n_ages out of range, an unknown profile
 * @retval CCAP_EDOM    a weight negative or not finite, or weights whose mean profile
 *                      is not positive
 * @since 0.1
 */
CCAP_API int ccap_calibrate_profile_values(ccap_calibrate_profile profile, size_t n_ages,
                                           const double population[], double out[]);

CCAP_END_DECLS

#endif /* CCAP_CALIBRATE_H */
