/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_FERTILITY_H
#define CCAP_FERTILITY_H

/**
 * @file ccap_fertility.h
 * @brief Age-specific fertility: TFR, mean age at childbearing, rescaling, births, calibration.
 *
 * A fertility schedule is an array of age-specific fertility rates (ASFR)
 * `f[g]`, g = 0 … n_groups-1, in **births per woman-year** (not per 1,000
 * women) for age groups of a uniform width `width` years.  Group `g` covers
 * the ages `[first_age + g·width, first_age + (g+1)·width)`: the usual
 * schedule is 15–19 … 45–49, i.e. `first_age = 15`, `width = 5`, 7 groups.
 * Only the functions that need ages take `first_age`.
 *
 * Every rate must be finite and lie in `[0, 1]`: a group average above one
 * birth per woman-year does not occur in human populations, and such a value
 * almost always means the rates are per 1,000 women (as the UN World
 * Population Prospects publishes them).  Results that would contain a rate
 * above 1 are refused in the same way, so every schedule this module returns
 * is accepted by it again.
 *
 * Formulas (Preston, Heuveline & Guillot 2001, chapters 5 and 6):
 *
 * - total fertility rate: `TFR = width · Σ f[g]`;
 * - mean age at childbearing: `MAC = Σ (x_g + width/2) · f[g] / Σ f[g]`,
 *   with `x_g = first_age + g·width`, the group's lower bound;
 * - a schedule with the shape of `f` and a given TFR: `f'[g] = f[g] · TFR' / TFR`;
 * - from a proportional schedule in percent (PASFR, as UN WPP publishes it):
 *   `f[g] = TFR · pasfr[g] / 100 / width`;
 * - births over an exposure: `B = Σ f[g] · W[g]`, with `W[g]` in woman-years
 *   (the mid-year number of women for one year, `n · (W_start + W_end) / 2`
 *   over an n-year step);
 * - calibration to observed births: `k = B_obs / Σ f[g] · W[g]`, schedule `k · f`;
 * - births by sex from the sex ratio at birth `srb` in male births per 100
 *   female births (the Chinese convention; 111.3 in the 2020 census):
 *   `female = B · 100 / (100 + srb)`, `male = B · srb / (100 + srb)`.
 *
 * All functions are pure: no allocation, no state, safe from any thread.
 * Output arrays may be the input array where a function says so; on failure
 * numeric outputs are set to NAN (whole output arrays when they could be
 * reached).
 */

#include <ccap/ccap_common.h>

CCAP_BEGIN_DECLS

/**
 * Total fertility rate of a schedule, `width · Σ asfr[g]`.
 *
 * @param asfr      Rates in births per woman-year, each in `[0, 1]`.
 * @param n_groups  Number of age groups (at least 1).
 * @param width     Width of each age group in years (at least 1).
 * @param[out] tfr_out  Births per woman over a lifetime; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p asfr or @p tfr_out is NULL, @p n_groups or @p width is 0
 * @retval CCAP_EDOM    a rate is NaN, infinite, negative or above 1
 * @since 0.1
 */
CCAP_API int ccap_fertility_tfr(const double asfr[], size_t n_groups, size_t width,
                                double *tfr_out);

/**
 * Mean age at childbearing, `Σ (x_g + width/2) · asfr[g] / Σ asfr[g]`, where
 * `x_g = first_age + g · width`.
 *
 * Group midpoints stand for the ages of the mothers, as is usual for grouped
 * rates; the result is in years.
 *
 * @param asfr       Rates in births per woman-year, each in `[0, 1]`.
 * @param n_groups   Number of age groups (at least 1).
 * @param first_age  Lower bound in years of the first group (15 for 15–19).
 * @param width      Width of each age group in years (at least 1).
 * @param[out] mean_age_out  Mean age in years; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a pointer is NULL, @p n_groups or @p width is 0
 * @retval CCAP_EDOM    a rate is NaN, infinite, negative or above 1, or all rates
 *                      are zero (the mean is undefined)
 * @since 0.1
 */
CCAP_API int ccap_fertility_mean_age(const double asfr[], size_t n_groups, size_t first_age,
                                     size_t width, double *mean_age_out);

/**
 * Rescale a schedule to a target TFR, keeping its shape:
 * `asfr_out[g] = asfr[g] · target_tfr / TFR(asfr)`.
 *
 * @param asfr        Rates in births per woman-year, each in `[0, 1]`.
 * @param n_groups    Number of age groups (at least 1).
 * @param width       Width of each age group in years (at least 1).
 * @param target_tfr  The TFR wanted, finite and >= 0.
 * @param[out] asfr_out  @p n_groups rescaled rates; may be @p asfr itself.
 *                       All NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a pointer is NULL, @p n_groups or @p width is 0
 * @retval CCAP_EDOM    a rate is invalid; @p target_tfr is negative or not finite;
 *                      all rates are zero and @p target_tfr is not (no shape to keep);
 *                      or a rescaled rate would exceed 1
 * @since 0.1
 */
CCAP_API int ccap_fertility_scale_to_tfr(const double asfr[], size_t n_groups, size_t width,
                                         double target_tfr, double asfr_out[]);

/**
 * Build a schedule from a TFR and a proportional age schedule in percent
 * (PASFR, the share of the TFR each group contributes, as UN WPP publishes it):
 * `asfr_out[g] = tfr · pasfr_percent[g] / 100 / width`.
 *
 * The percentages must add up to 100 within a relative tolerance chosen by the
 * caller: published percentages are rounded (UN WPP 2019 gives 5 decimals, so
 * 7 groups may add up to 100 ± 3.5e-5, a relative 3.5e-7), and a schedule of
 * fractions (adding up to 1) instead of percentages is refused.  The formula is
 * applied as it is, without renormalising, so the TFR of the result is
 * `tfr · Σ pasfr_percent / 100`.
 *
 * @param tfr            Total fertility rate, finite and >= 0.
 * @param pasfr_percent  Percentages, each finite and in `[0, 100]`.
 * @param n_groups       Number of age groups (at least 1).
 * @param width          Width of each age group in years (at least 1).
 * @param sum_rtol       Accepted relative deviation of `Σ pasfr_percent` from 100;
 *                       finite and >= 0 (0 demands an exact sum).
 * @param[out] asfr_out  @p n_groups rates in births per woman-year; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a pointer is NULL, @p n_groups or @p width is 0
 * @retval CCAP_EDOM    @p tfr, a percentage or @p sum_rtol is out of its domain, the
 *                      percentages do not add up to 100 within @p sum_rtol, or a rate
 *                      would exceed 1
 * @since 0.1
 */
CCAP_API int ccap_fertility_from_pasfr(double tfr, const double pasfr_percent[], size_t n_groups,
                                       size_t width, double sum_rtol, double asfr_out[]);

/**
 * Group single-year rates into groups of @p width years.
 *
 * Without @p women_single (NULL) each group's rate is the mean of its
 * single-year rates, i.e. every single year is given the same exposure; then
 * `width · Σ asfr_out = Σ asfr_single`: the TFR is preserved (to rounding).
 * With @p women_single each group's rate is the exposure-weighted mean
 * `Σ f(x) W(x) / Σ W(x)`: the births of those women are preserved, the TFR
 * only when the women are spread evenly within each group.
 *
 * @param asfr_single   Single-year rates, each in `[0, 1]`, starting at a group
 *                      boundary (e.g. ages 15, 16, …, 49).
 * @param women_single  Women (or woman-years) at each single age, finite and >= 0,
 *                      or NULL for equal exposure.
 * @param n_single      Number of single years: a positive multiple of @p width.
 * @param width         Width of the output groups in years (at least 1).
 * @param[out] asfr_out `n_single / width` grouped rates; NAN on failure.  Must not
 *                      overlap the inputs.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a required pointer is NULL, @p n_single or @p width is 0, or
 *                      @p n_single is not a multiple of @p width
 * @retval CCAP_EDOM    a rate or a number of women is out of its domain, or the women
 *                      of a group add up to zero (its weighted mean is undefined)
 * @retval CCAP_ERANGE  a sum of women overflows
 * @since 0.1
 */
CCAP_API int ccap_fertility_regroup(const double asfr_single[], const double women_single[],
                                    size_t n_single, size_t width, double asfr_out[]);

/**
 * Births from a schedule and the exposure of women, `Σ asfr[g] · women[g]`.
 *
 * @param asfr      Rates in births per woman-year, each in `[0, 1]`.
 * @param women     Woman-years lived in each group over the period: for one year the
 *                  mid-year (or average) number of women; over an n-year step
 *                  `n · (W_start + W_end) / 2`.  Finite and >= 0.
 * @param n_groups  Number of age groups (at least 1).
 * @param[out] births_out  Births (both sexes) over the period; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a pointer is NULL or @p n_groups is 0
 * @retval CCAP_EDOM    a rate or a number of women is out of its domain
 * @retval CCAP_ERANGE  the sum overflows
 * @since 0.1
 */
CCAP_API int ccap_fertility_births(const double asfr[], const double women[], size_t n_groups,
                                   double *births_out);

/**
 * Calibrate a schedule to observed births (cities publish births, not ASFR).
 *
 * The factor is `k = births_observed / Σ asfr[g] · women[g]`; the calibrated
 * schedule `k · asfr` gives exactly the observed births with these women and
 * keeps the shape of @p asfr, so its TFR is `k · TFR(asfr)`.
 *
 * @param asfr             Rates in births per woman-year, each in `[0, 1]`.
 * @param women            Woman-years in each group over the period the births were
 *                         observed in (see ccap_fertility_births()); finite and >= 0.
 * @param n_groups         Number of age groups (at least 1).
 * @param births_observed  Births (both sexes) observed over that period, finite and >= 0.
 * @param[out] factor_out  The factor k; NAN on failure.
 * @param[out] asfr_out    The calibrated schedule (@p n_groups rates), or NULL when only
 *                         the factor is wanted; may be @p asfr itself.  NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a required pointer is NULL or @p n_groups is 0
 * @retval CCAP_EDOM    an input is out of its domain; the exposure `Σ asfr · women`
 *                      is zero (no women, or no fertility where the women are); or a
 *                      calibrated rate would exceed 1
 * @retval CCAP_ERANGE  the exposure overflows
 * @since 0.1
 */
CCAP_API int ccap_fertility_calibrate(const double asfr[], const double women[], size_t n_groups,
                                      double births_observed, double *factor_out,
                                      double asfr_out[]);

/**
 * Split births by sex with the sex ratio at birth in male births per 100
 * female births: `female = births · 100 / (100 + srb)`,
 * `male = births · srb / (100 + srb)`.
 *
 * A ratio in male births per female birth (UN WPP: 1.06) must be multiplied
 * by 100 first.
 *
 * @param births       Births of both sexes, finite and >= 0.
 * @param srb_per_100  Male births per 100 female births, finite and > 0 (e.g. 111.3).
 * @param[out] female_out  Female births; NAN on failure.
 * @param[out] male_out    Male births; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  an output pointer is NULL
 * @retval CCAP_EDOM    @p births is negative or not finite, or @p srb_per_100 is not
 *                      finite and positive
 * @since 0.1
 */
CCAP_API int ccap_fertility_births_by_sex(double births, double srb_per_100, double *female_out,
                                          double *male_out);

CCAP_END_DECLS

#endif /* CCAP_FERTILITY_H */
