/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_MIGRATION_H
#define CCAP_MIGRATION_H

/**
 * @file ccap_migration.h
 * @brief Net migration by age and sex: the Rogers–Castro model schedule and spreading totals.
 *
 * **Model schedule.**  Rogers & Castro (1981) describe the age pattern of
 * migration rates as a sum of components:
 *
 *     m(x) = a1 · exp(−α1 x)                                      childhood
 *          + a2 · exp(−α2 (x − μ2) − exp(−λ2 (x − μ2)))           labour force
 *          + a3 · exp(−α3 (x − μ3) − exp(−λ3 (x − μ3)))           retirement (optional)
 *          + c                                                     constant
 *
 * with x the exact age in years.  The childhood component falls from a1 at
 * birth (children move with their parents); the labour-force component is a
 * double exponential that rises at rate λ2 and falls at rate α2; its peak is
 * at `x = μ2 + ln(λ2/α2) / λ2`, where it equals `a2 · s^s · e^(−s)` with
 * `s = α2/λ2`.  Setting a3 = 0 gives the 7-parameter model most projections use.
 *
 * ccap_migration_rc_default() returns the "fundamental" parameters Rogers and
 * Castro (1981) propose as a standard when no data are at hand:
 * a1 = 0.02, α1 = 0.1, a2 = 0.06, α2 = 0.1, μ2 = 20, λ2 = 0.4, c = 0.003
 * (tabulated, e.g., as `rc9.fund` in the R package migest by G. J. Abel).
 *
 * **Age groups.**  ccap_migration_rc_schedule() integrates m(x) over each age
 * group `[g·width, (g+1)·width)` and over the open group `[(n−1)·width,
 * upper_age)`, then divides by the total so that the shares add up to 1.  The
 * childhood and constant components are integrated in closed form; the double
 * exponentials by composite 10-point Gauss–Legendre quadrature on
 * sub-intervals of at most `0.5 / max(α, λ)` years, which keeps the error far
 * below the rounding of the result (the tests hold it to 1e-13 relative against
 * the closed form `Γ(s)/λ · [P(s, t0) − P(s, t1)]`, P the regularised incomplete
 * gamma function, `s = α/λ`, `t = exp(−λ (x − μ))`, and to 1e-12 against adaptive
 * Gauss–Kronrod integration).
 *
 * **Spreading.**  ccap_migration_spread() shares a total number of net migrants
 * (negative for net emigration) between the sexes by a female share and over
 * ages by a schedule; the parts add up to the total.
 *
 * **Domain.**  Ages, μ2 and μ3 lie in `[0, CCAP_MIGRATION_AGE_MAX]`; the rates
 * α and λ of a component that is switched on lie in
 * `(0, CCAP_MIGRATION_RATE_MAX]` (α1 may be 0: a constant childhood level);
 * heights a1, a2, a3 and c are finite and >= 0.  Fields of a component whose
 * height is 0 are ignored but must be finite.
 *
 * References: Rogers, A. and Castro, L. J. (1981), *Model Migration Schedules*,
 * IIASA Research Report RR-81-30; Abramowitz, M. and Stegun, I. A. (1964),
 * *Handbook of Mathematical Functions*, 25.4.29–30 (Gauss–Legendre quadrature).
 *
 * All functions are pure: no allocation, no state, safe from any thread.
 */

#include <ccap/ccap_common.h>

CCAP_BEGIN_DECLS

/** Highest age in years that a schedule is evaluated at (no one lives longer). */
#define CCAP_MIGRATION_AGE_MAX 150.0
/** Largest rate of rise or fall (α, λ) in 1/year: a component that changes by a factor
 *  e within five weeks is not an age pattern.  The bound also bounds the work. */
#define CCAP_MIGRATION_RATE_MAX 10.0

/**
 * Parameters of a Rogers–Castro model migration schedule (see the file
 * description).  A transparent value type: fill it yourself or start from
 * ccap_migration_rc_default().
 */
typedef struct ccap_migration_rc {
    double a1;      /**< height of the childhood component at age 0 */
    double alpha1;  /**< rate of descent of the childhood component, 1/year */
    double a2;      /**< height of the labour-force component */
    double alpha2;  /**< rate of descent of the labour-force component, 1/year */
    double mu2;     /**< position of the labour-force component, years */
    double lambda2; /**< rate of ascent of the labour-force component, 1/year */
    double a3;      /**< height of the retirement component; 0 switches it off */
    double alpha3;  /**< rate of descent of the retirement component, 1/year */
    double mu3;     /**< position of the retirement component, years */
    double lambda3; /**< rate of ascent of the retirement component, 1/year */
    double c;       /**< constant level at every age */
} ccap_migration_rc;

/**
 * The fundamental parameters of Rogers & Castro (1981):
 * a1 = 0.02, α1 = 0.1, a2 = 0.06, α2 = 0.1, μ2 = 20, λ2 = 0.4, c = 0.003,
 * with the retirement component off (a3 = α3 = μ3 = λ3 = 0).
 *
 * The labour-force peak is at 20 + ln(4)/0.4 = 23.47 years.  Only the shape
 * matters to ccap_migration_rc_schedule(), not the level.
 *
 * @return The parameter set, by value.
 * @since 0.1
 */
CCAP_API ccap_migration_rc ccap_migration_rc_default(void);

/**
 * Evaluate m(x) at exact age @p age.
 *
 * @param rc     Parameters (see the domain in the file description).
 * @param age    Exact age in years, in `[0, CCAP_MIGRATION_AGE_MAX]`.
 * @param[out] m_out  m(age); NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p rc or @p m_out is NULL
 * @retval CCAP_EDOM    a parameter or @p age is out of its domain
 * @retval CCAP_ERANGE  the value overflows (a component with α much larger than λ)
 * @since 0.1
 */
CCAP_API int ccap_migration_rc_eval(const ccap_migration_rc *rc, double age, double *m_out);

/**
 * Integrate m(x) over the ages `[age_lo, age_hi]`.
 *
 * @param rc      Parameters (see the domain in the file description).
 * @param age_lo  Lower end in years, in `[0, CCAP_MIGRATION_AGE_MAX]`.
 * @param age_hi  Upper end in years, in `[age_lo, CCAP_MIGRATION_AGE_MAX]`.
 * @param[out] integral_out  The integral (rate × years); NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p rc or @p integral_out is NULL
 * @retval CCAP_EDOM    a parameter or an age is out of its domain, or @p age_hi < @p age_lo
 * @retval CCAP_ERANGE  the integral overflows
 * @since 0.1
 */
CCAP_API int ccap_migration_rc_integral(const ccap_migration_rc *rc, double age_lo, double age_hi,
                                        double *integral_out);

/**
 * Age schedule of migrants for @p n_groups age groups of @p width years,
 * normalised to add up to 1.
 *
 * Group g < n_groups − 1 covers `[g·width, (g+1)·width)`; the last group is
 * open and is integrated from `(n_groups − 1)·width` up to @p upper_age, the
 * age taken as the end of life for migrants.  A single-year schedule summed
 * into 5-year groups equals the 5-year schedule with the same @p upper_age.
 * The choice of @p upper_age matters only through the constant c (and the tails
 * of the other components): with the default parameters, moving it from 100 to
 * 110 for an 85+ group raises that group's share from 4.4% to 7.1%.
 * Use the age up to which people live in numbers (e.g. 100 for 85+, 110 for 100+).
 *
 * @param rc         Parameters (see the domain in the file description).
 * @param n_groups   Number of age groups, the open one included (at least 1).
 * @param width      Width of the closed groups in years (at least 1).
 * @param upper_age  End of the open group in years: above `(n_groups − 1)·width`
 *                   and at most #CCAP_MIGRATION_AGE_MAX.
 * @param[out] schedule_out  @p n_groups shares adding up to 1; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p rc or @p schedule_out is NULL, or @p n_groups or @p width is 0
 * @retval CCAP_EDOM    a parameter or @p upper_age is out of its domain, or the schedule
 *                      is zero at every age (nothing to normalise)
 * @retval CCAP_ERANGE  an integral overflows
 * @since 0.1
 */
CCAP_API int ccap_migration_rc_schedule(const ccap_migration_rc *rc, size_t n_groups, size_t width,
                                        double upper_age, double schedule_out[]);

/**
 * Spread a total of net migrants over sexes and ages.
 *
 * `female_out[g] = total · female_share · sf[g] / Σ sf` and
 * `male_out[g] = (total − total · female_share) · sm[g] / Σ sm`, where sf and sm
 * are @p schedule_female and @p schedule_male.  The schedules need not add up to
 * 1 (a schedule of counts, e.g. migrants by age from a census, works as well);
 * they are normalised here.  Negative totals (net emigration) are spread the
 * same way; the sum of all outputs equals @p total to rounding.
 *
 * @param total            Net migrants of both sexes (persons; any finite sign).
 * @param female_share     Share of the total that is female, in `[0, 1]`.
 * @param schedule_female  Age schedule of the women: @p n_groups finite values >= 0,
 *                         not all zero.
 * @param schedule_male    Age schedule of the men, or NULL to use @p schedule_female.
 * @param n_groups         Number of age groups (at least 1).
 * @param[out] female_out  @p n_groups female net migrants; NAN on failure.
 * @param[out] male_out    @p n_groups male net migrants; NAN on failure.  Neither output
 *                         may overlap an input.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a required pointer is NULL or @p n_groups is 0
 * @retval CCAP_EDOM    @p total is not finite, @p female_share is outside `[0, 1]`, or
 *                      a schedule has a negative or non-finite value or is all zero
 * @retval CCAP_ERANGE  a schedule's sum overflows
 * @since 0.1
 */
CCAP_API int ccap_migration_spread(double total, double female_share,
                                   const double schedule_female[], const double schedule_male[],
                                   size_t n_groups, double female_out[], double male_out[]);

/**
 * Spread `rate_per_person · population` net migrants with ccap_migration_spread().
 *
 * @param rate_per_person  Net migrants per person over the period (e.g. −0.0021 per
 *                         year, not per 1,000); finite, any sign.
 * @param population       The population the rate applies to; finite and >= 0.
 * @param female_share     As for ccap_migration_spread().
 * @param schedule_female  As for ccap_migration_spread().
 * @param schedule_male    As for ccap_migration_spread().
 * @param n_groups         As for ccap_migration_spread().
 * @param[out] female_out  As for ccap_migration_spread().
 * @param[out] male_out    As for ccap_migration_spread().
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a required pointer is NULL or @p n_groups is 0
 * @retval CCAP_EDOM    @p rate_per_person or @p population is out of its domain, or as
 *                      for ccap_migration_spread()
 * @retval CCAP_ERANGE  the product or a schedule's sum overflows
 * @since 0.1
 */
CCAP_API int ccap_migration_spread_rate(double rate_per_person, double population,
                                        double female_share, const double schedule_female[],
                                        const double schedule_male[], size_t n_groups,
                                        double female_out[], double male_out[]);

CCAP_END_DECLS

#endif /* CCAP_MIGRATION_H */
