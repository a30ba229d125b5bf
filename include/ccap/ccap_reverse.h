/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_REVERSE_H
#define CCAP_REVERSE_H

/**
 * @file ccap_reverse.h
 * @brief Children by single year of age at a census date from the births of the
 *        calendar years before it (reverse survival of births).
 *
 * Where a city publishes its births year by year, the children under 15 (or under 3)
 * at a census are better estimated from those births than from a standard age pattern
 * raked to broad margins: the children aged `a` in completed years at time `t` are the
 * survivors of the births between `t − a − 1` and `t − a`.
 *
 * Lexis geometry.  Let the census be at the decimal year `t` (ccap_date_decimal_year():
 * 2020-11-01 is 2020.8333), `Y_0 = floor(t)` and `f = t − Y_0` the part of the census
 * year already past.  The birth window of age `a` is `[t − a − 1, t − a)`; it holds the
 * last `1 − f` of calendar year `Y_0 − a − 1` and the first `f` of calendar year
 * `Y_0 − a`.  With each year's births `B_y` spread evenly over the year, the window holds
 *
 *     W_a = (1 − f)·B_{Y_0−a−1} + f·B_{Y_0−a}
 *
 * births (a census on 1 January, `f = 0`, needs year `Y_0 − a − 1` only).  Births are split
 * by the sex ratio at birth `S` (male per 100 female): a share `S / (100 + S)` are boys.
 * Born evenly over one year, a cohort is aged `[a, a + 1)` at the census, and the share of
 * it alive is the life table's `L_a / l_0` (person-years lived in `[a, a + 1)` per birth,
 * `l_0 = 1`), so that
 *
 *     N_{s,a} = share_s · W_a · L_{s,a}
 *
 * is the expected number of children of sex `s` aged `a`.  The only approximation beyond
 * the life table's own is the even spread of births within each calendar year; the
 * tests measure it (under 0.1 % for births changing by 10 % a year).  References:
 * Preston, Heuveline & Guillot (2001), *Demography*, ch. 3 (the person-years `L_x`) and
 * the reverse survival of indirect estimation; United Nations (1983), *Manual X:
 * Indirect Techniques for Demographic Estimation*; Moultrie et al. (2013), *Tools for
 * Demographic Estimation*, IUSSP, "Reverse-survival fertility estimation".
 * Details and a worked example: docs/methods.md, "Children from births (`reverse`)".
 *
 * Death rates by single year of age become the life tables this needs with
 * ccap_lifetable_from_mx() on the grid `0, 1, …, k` (the open group at `k` or later),
 * e.g. with #CCAP_A0_ANDREEV_KINGKADE as the projection uses by default.
 *
 * Net migration of children is optional (zero by default), given in one of two forms:
 * - counts: net migrants of each sex and age who are residents at the census, added to
 *   `N_{s,a}`;
 * - rates: net migrants per child and year at each age of life, `r_{s,x}`, constant
 *   within each year of age; a cohort aged `a` has lived the ages `0 … a − 1` and, on
 *   average, half of age `a`, so `N_{s,a}` is multiplied by
 *   `exp(r_{s,0} + … + r_{s,a−1} + r_{s,a}/2)`.
 */

#include <ccap/ccap_common.h>
#include <ccap/ccap_date.h>
#include <ccap/ccap_lifetable.h>
#include <ccap/ccap_margins.h>
#include <ccap/ccap_vitals.h>

CCAP_BEGIN_DECLS

/** Smallest sex ratio at birth accepted (male births per 100 female births). */
#define CCAP_REVERSE_SRB_MIN 80.0
/** Largest sex ratio at birth accepted (male births per 100 female births). */
#define CCAP_REVERSE_SRB_MAX 150.0
/** Largest net migration rate in absolute value, net migrants per child and year. */
#define CCAP_REVERSE_RATE_MAX 0.5

/**
 * Expected children by sex and single year of age at a census, from calendar-year births.
 *
 * Every argument is checked before anything is computed (see the file description for
 * the formula).  @p children_out is set to NAN on every failure; @p coverage_out is
 * filled whenever the arguments are valid, also when a needed year is missing.
 *
 * @param years        Calendar years of the births, #CCAP_YEAR_MIN to #CCAP_YEAR_MAX, in
 *                     any order, each at most once; years not needed are ignored.
 * @param births       Live births (both sexes) in each of @p years: finite, 0 to
 *                     #CCAP_VITALS_COUNT_MAX.
 * @param n_years      Number of years given (0 is allowed: every year is then missing).
 * @param srb          Sex ratio at birth, male births per 100 female births,
 *                     #CCAP_REVERSE_SRB_MIN to #CCAP_REVERSE_SRB_MAX (e.g. 111.3).
 * @param female       Filled life table of girls (sex female or both).
 * @param male         Filled life table of boys (sex male or both); may be @p female.
 *                     Both tables must have single-year groups `[a, a + 1)` for every
 *                     age `a < n_ages` (ages `0, 1, …, n_ages` among their first
 *                     groups, the open group starting at `n_ages` or later).
 * @param census       Census time as a decimal year (ccap_date_decimal_year()), from
 *                     #CCAP_YEAR_MIN to #CCAP_YEAR_MAX + 1.
 * @param net_migrants NULL, or `2·n_ages` counts of net migrants resident at the census,
 *                     `[sex·n_ages + a]` with sex #CCAP_SEX_FEMALE (0) or #CCAP_SEX_MALE
 *                     (1): finite, at most 10^12 in absolute value.
 * @param net_rates    NULL, or `2·n_ages` net migration rates per child and year at each
 *                     age, laid out as @p net_migrants, each within
 *                     ±#CCAP_REVERSE_RATE_MAX.  At most one of @p net_migrants and
 *                     @p net_rates may be given.
 * @param n_ages       Number of single years of age wanted, `0 … n_ages − 1`; 1 to
 *                     #CCAP_LIFETABLE_AGES_MAX − 1.  Ages 0–2 need 3 (four calendar years
 *                     of births when the census is not on 1 January), ages 0–14 need 15.
 * @param[out] children_out  Receives `2·n_ages` expected children, persons,
 *                     `[sex·n_ages + a]`; all NAN on failure.
 * @param[out] coverage_out  NULL, or receives @p n_ages shares in `[0, 1]`: the part of
 *                     each age's birth window that falls in years with births given
 *                     (1 for every age on success); NAN when an argument is invalid.
 * @param[out] diag    NULL, or filled with the reason on failure (no file or line;
 *                     the field names the argument); cleared on success.
 * @retval CCAP_OK        success
 * @retval CCAP_EINVAL    NULL @p female, @p male or @p children_out; NULL @p years or
 *                        @p births with @p n_years > 0; @p n_ages 0 or too large; both
 *                        @p net_migrants and @p net_rates; a table of the other sex
 * @retval CCAP_ESTATE    a life table has not been filled
 * @retval CCAP_EDOM      @p census, @p srb, a year, a birth count, a migrant count or a
 *                        rate outside its range or NaN; an age `< n_ages` that is not a
 *                        closed single year of a life table; net emigrants exceeding the
 *                        survivors of an age
 * @retval CCAP_EEXIST    a year given twice
 * @retval CCAP_ENOTFOUND the births of a year a birth window needs are not given; the
 *                        message names the latest such year and the age that needs it
 * @since 0.1
 */
CCAP_API int ccap_reverse_survival(const int years[], const double births[], size_t n_years,
                                   double srb, const ccap_lifetable *female,
                                   const ccap_lifetable *male, double census,
                                   const double net_migrants[], const double net_rates[],
                                   size_t n_ages, double children_out[], double coverage_out[],
                                   ccap_diag *diag);

/**
 * As ccap_reverse_survival(), with the births of a region taken from published vital
 * statistics (#CCAP_VITALS_BIRTHS figures) and the census given as a date.
 *
 * Only the years the birth windows need are looked up; each must have a births figure
 * for @p region, or the call fails with #CCAP_ENOTFOUND naming the year (the latest
 * missing one).  Rates, deaths and populations are not used to fill a gap.
 *
 * @param vitals       Published figures (see ccap_vitals.h).
 * @param region       Region index of the figures to use.
 * @param census       Census date, valid, in a year from #CCAP_YEAR_MIN to #CCAP_YEAR_MAX.
 * @param srb, female, male, net_migrants, net_rates, n_ages
 *                     As for ccap_reverse_survival().
 * @param[out] children_out, coverage_out, diag  As for ccap_reverse_survival().
 * @retval CCAP_OK        success
 * @retval CCAP_EINVAL    NULL @p vitals, or as for ccap_reverse_survival()
 * @retval CCAP_EDOM      @p census not a valid date or outside the years, or as for
 *                        ccap_reverse_survival()
 * @retval CCAP_ENOTFOUND a needed year has no births figure for @p region
 * @retval CCAP_ESTATE    as for ccap_reverse_survival()
 * @retval CCAP_ENOMEM    out of memory
 * @since 0.1
 */
CCAP_API int ccap_reverse_survival_vitals(const ccap_vitals *vitals, size_t region,
                                          ccap_date census, double srb,
                                          const ccap_lifetable *female, const ccap_lifetable *male,
                                          const double net_migrants[], const double net_rates[],
                                          size_t n_ages, double children_out[],
                                          double coverage_out[], ccap_diag *diag);

/** The note of the margins added by ccap_reverse_add_margins(). */
#define CCAP_REVERSE_MARGIN_NOTE "derived from births by reverse survival"

/**
 * Add a region's children by sex and single year of age at a census, estimated from its
 * births by ccap_reverse_survival_vitals() (no migration), to @p margins: `2·n_ages`
 * margins of @p year, female and male, ages `a-a` for `a = 0 … n_ages − 1`, each with the
 * note #CCAP_REVERSE_MARGIN_NOTE, so that a base population raked to the margins
 * (ccap_graduate_base_from_margins()) meets them.  See docs/methods.md, "Children from
 * births in the base population".
 *
 * A published figure for the same children must not be met twice, nor silently replaced:
 * when @p margins already holds a margin of @p region and @p year whose ages lie within
 * `0 … n_ages − 1` (such as `0-2` for `n_ages` 3; a range reaching beyond, such as `0-14`,
 * is kept and raked to), nothing is added and the call fails with #CCAP_EEXIST, giving
 * that margin's index (whose file line ccap_margins_line() gives).
 *
 * @param margins      The margins to add to.
 * @param vitals       Published figures with the births of @p region
 *                     (#CCAP_VITALS_BIRTHS).
 * @param region       Region index, the same in @p vitals and @p margins.
 * @param year         Year of the margins added (the year of the margins raked).
 * @param census, srb, female, male, n_ages  As for ccap_reverse_survival_vitals().
 * @param[out] conflict_out  NULL, or on #CCAP_EEXIST the index of the margin in the way;
 *                     SIZE_MAX otherwise.
 * @param[out] diag    NULL, or filled with the reason on failure (no file or line);
 *                     cleared on success.
 * @retval CCAP_OK        success: `2·n_ages` margins added
 * @retval CCAP_EEXIST    a margin of the region and year covers ages within
 *                        `0 … n_ages − 1`; nothing added
 * @retval CCAP_ENOTFOUND a year the birth windows need has no births figure for @p region
 *                        (the message names the latest such year); nothing added
 * @retval CCAP_EINVAL, CCAP_EDOM, CCAP_ESTATE  as for ccap_reverse_survival_vitals(), or
 *                        NULL @p margins; nothing added
 * @retval CCAP_ENOMEM    out of memory; some of the margins may have been added
 * @since 0.1
 */
CCAP_API int ccap_reverse_add_margins(ccap_margins *margins, const ccap_vitals *vitals,
                                      size_t region, int year, ccap_date census, double srb,
                                      const ccap_lifetable *female, const ccap_lifetable *male,
                                      size_t n_ages, size_t *conflict_out, ccap_diag *diag);

CCAP_END_DECLS

#endif /* CCAP_REVERSE_H */
