/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_TRUTH_PREFECTURE_H
#define CCAP_TRUTH_PREFECTURE_H

/*
 * A simulated prefecture whose future is known: a city and its counties projected from
 * 2005-11-01 to 2036-11-01 with schedules chosen here (the TRUTH), and what its census
 * communiqué and statistical bulletins would publish about it (margins of the 2020
 * census, births, deaths and year-end populations), rounded as they are published.
 * A calibration that sees only the published figures and the national paths can then be
 * judged against the truth.  Built with the public libccap API only; deterministic.
 *
 * Time.  Projection steps start on 1 November and last one year; a schedule entry of
 * year y is for the step from y-11-01 to (y+1)-11-01.  That step overlaps calendar year
 * y by 2/12 and y+1 by 10/12 (exactly: 2020-11-01 is the decimal year 2020 + 10/12), so
 *   - a step's national fertility rates and sex ratio at birth are
 *     2/12 · (calendar y) + 10/12 · (calendar y+1), arithmetic;
 *   - a step's national death rates are those at its midpoint, y + 10/12 + 1/2, moving
 *     log-linearly between the midpoints of the five-year periods (constant before the
 *     first midpoint and after the last);
 *   - the births or deaths of calendar year Y are 10/12 of the step starting in Y-1 plus
 *     2/12 of the step starting in Y (events spread evenly within a step);
 *   - the population at the end of year Y is the projection at (Y+1)-01-01, interpolated
 *     by ccap_projection_population_at().
 * These are the conventions ccap_calibrate.h documents, so that a calibration given the
 * national paths (truth_prefecture.nat_*) sees exactly the rates the truth used where a
 * county's factor is 1.
 *
 * The truth of county c (see truth_prefecture.c for the numbers):
 *   - fertility: national rates of the calendar year times a factor F_c(Y), linear from
 *     2015 to 2024 and held outside;
 *   - mortality: national death rates times a constant level;
 *   - migration: net migration RATES by single year of age (ccap's migration_rates), a
 *     level per 1,000 (one before 2015, one from 2015) times an age profile of a sending
 *     region that is not the calibrator's default: a labour peak at about 21, children
 *     leaving at half Rogers-Castro's childhood rate, returns at about 50.
 */

#include <stddef.h>

#include <ccap/ccap.h>

#define TRUTH_BASE_YEAR 2005   /* the start: 2005-11-01 */
#define TRUTH_STEPS 31         /* to 2036-11-01 */
#define TRUTH_N_AGES 101       /* single years 0 ... 99 and 100+ */
#define TRUTH_CENSUS_YEAR 2020 /* census night 2020-11-01 */
#define TRUTH_CENSUS_STEP ((size_t)(TRUTH_CENSUS_YEAR - TRUTH_BASE_YEAR))
#define TRUTH_FIRST 2021 /* the years of the truth kept */
#define TRUTH_LAST 2035
#define TRUTH_N_YEARS (TRUTH_LAST - TRUTH_FIRST + 1)
#define TRUTH_COUNTIES_MAX 64

/* The county (0-based among the counties; region index + 1) that publishes its own births
 * 2021-2024, and the two that publish their year-end populations of 2022 and 2024. */
#define TRUTH_BIRTHS_COUNTY 1
#define TRUTH_POP_COUNTY_A 0
#define TRUTH_POP_COUNTY_B 1

/* The parameters of one county's truth. */
typedef struct truth_county {
    double size_2005;  /* residents on 2005-11-01 */
    double tilt;       /* age structure: exp(tilt·(x − 40)/40) */
    double labour;     /* and 1 + labour·exp(−((x − 27)/9)²) */
    double fert_2015;  /* fertility factor up to 2015 (calendar years) */
    double fert_2024;  /* from 2024; linear in between */
    double mort_level; /* factor on the national death rates */
    double mig_before; /* net migration level per 1,000 and year, steps before 2015 */
    double mig_after;  /* from the step starting in 2015 */
} truth_county;

typedef struct truth_prefecture {
    size_t n_counties;
    size_t n_regions; /* 1 + n_counties: region 0 is the city */
    truth_county county[TRUTH_COUNTIES_MAX];
    ccap_regions *regions;

    /* The national paths (what a calibration is told), as ccap_calibrate_national wants
     * them: death rates by sex on single years 0 ... 100+, keyed by the first year of
     * five-year periods 2005 ... 2035; fertility rates (five-year groups 15 ... 45,
     * sex both) and the sex ratio at birth, keyed by calendar year 2005 ... 2040. */
    ccap_schedule *nat_mortality, *nat_fertility, *nat_srb;

    /* The truth: schedules by step start year 2005 ... 2035, the start population and
     * the projection of TRUTH_STEPS steps (population after step s on (2005+s)-11-01). */
    ccap_schedule *mortality, *fertility, *srb, *migration_rates;
    double profile[TRUTH_N_AGES]; /* migration age profile, mean 1 over the standard */
    ccap_population *start;
    ccap_projection *proj;

    /* What is published (rounded): the census margins of 2020 and the bulletins. */
    ccap_margins *margins;
    ccap_vitals *vitals;
    /* For diagnosis only, what no city publishes: margins of every county as detailed as
     * the city's, and births 2017-2024, deaths and year-end populations 2021-2024 of
     * every county (events to the ten), none of the city's. */
    ccap_margins *margins_full;
    ccap_vitals *vitals_full;

    /* The truth kept, [region][year − TRUTH_FIRST], both sexes:
     * children aged 0-2 on 1 November and on 1 January of the next year (the end of the
     * year), and births in the calendar year. */
    double *under3_nov, *under3_end, *births;
} truth_prefecture;

/*
 * Build a prefecture of @p n_counties counties (1 to TRUTH_COUNTIES_MAX; 4 is the
 * reference case, more repeat its four kinds of county at other sizes), from the WPP
 * files of @p wpp_dir (examples/data/wpp) and a single-year standard population
 * @p standard (region 0, 101 ages, e.g. standard_china_2020.csv).
 * Returns CCAP_OK, or a status with a sentence in @p why.
 */
int truth_prefecture_make(const char *wpp_dir, const ccap_population *standard, size_t n_counties,
                          truth_prefecture **out, char *why, size_t why_size);

void truth_prefecture_free(truth_prefecture *t);

/* Births or deaths (births != 0 or 0) of region @p r in calendar year @p year
 * (2006 ... 2036), both sexes, from the steps of @p proj that started 1 November of the
 * given base year plus k: 10/12 of the step starting in year−1, 2/12 of the one in year. */
double truth_calendar_events(const ccap_projection *proj, int base_year, size_t r, int year,
                             int births);

/* Residents of region @p r at the end of @p year (1 January of year + 1), ages
 * [lo, hi), both sexes; NAN if outside the projection.  @p scratch has its shape. */
double truth_year_end(const ccap_projection *proj, ccap_population *scratch, size_t r, int year,
                      size_t lo, size_t hi);

/* Round to a multiple of @p unit, halves away from zero. */
double truth_round(double x, double unit);

/* Write the published figures and the region table as CSV files into @p dir
 * (regions.csv, margins.csv, vitals.csv) with the library's writers. */
int truth_prefecture_write(const truth_prefecture *t, const char *dir, ccap_diag *diag);

#endif /* CCAP_TRUTH_PREFECTURE_H */
