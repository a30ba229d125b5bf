/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_LIFETABLE_H
#define CCAP_LIFETABLE_H

/**
 * @file ccap_lifetable.h
 * @brief Period life tables from death rates (mx) or death probabilities (qx), and the
 *        survival ratios of a cohort-component projection.
 *
 * A table has `N` age groups with lower bounds `x_0 = 0 < x_1 < … < x_{N-1}` in whole years;
 * group `i` covers `[x_i, x_{i+1})` and is `n_i = x_{i+1} - x_i` years wide; the last group
 * is open (`x_{N-1}` and over).  Any strictly increasing grid works: single years
 * (0, 1, 2, …, 100+), uniform 5-year groups (0, 5, …, 85+) or the abridged grid
 * (0, 1, 5, 10, …, 100+).  The radix is `l_0 = 1`, so `l_x` is the probability of
 * surviving to exact age `x` and `L_x`, `T_x` are person-years per person born.
 *
 * The columns follow Preston, Heuveline & Guillot (2001), *Demography: Measuring and
 * Modeling Population Processes*, ch. 3:
 *
 * - `q_i = n_i·m_i / (1 + (n_i - a_i)·m_i)` for a closed group; if
 *   `a_i·m_i >= 1` this would be 1 or more, and the group is treated like an open one:
 *   `q_i = 1`, `a_i = 1/m_i` (so that the group keeps its death rate `m_i = d_i / L_i`);
 * - `l_{i+1} = l_i·(1 - q_i)`, `d_i = l_i·q_i`, `L_i = n_i·l_{i+1} + a_i·d_i`;
 * - open group: `q = 1`, `a = 1/m`, `L = l/m`;
 * - `T_i = Σ_{j>=i} L_j`, `e_i = T_i / l_i` (when `l_i = 0`, after a group with
 *   `q = 1`, `e_i` is the expectation of a person who did reach `x_i`:
 *   `e_i = n_i·p_i + a_i·q_i + p_i·e_{i+1}`).
 *
 * Separation factors `a_i` (mean years lived in the group by those who die in it):
 * `n_i/2` for every closed group except
 * - the first year of life `[0, 1)`: `a_0` by the chosen ::ccap_a0_rule, as a function of
 *   `m_0`;
 * - an age group `[1, 5)` that follows `[0, 1)` (abridged tables): `4a1` of Coale & Demeny
 *   (as tabulated in Preston et al. 2001, Table 3.3) for both rules, since Andreev &
 *   Kingkade give `a_0` only.
 * A single-year table therefore uses `a_x = 0.5` from age 1, and a first group wider than
 * one year (uniform 5-year tables) uses `n/2`, which overstates the years lived by infants
 * who die: prefer an abridged grid when infant mortality matters.
 *
 * Coale–Demeny (Preston et al. 2001, Table 3.3):
 * | sex    | `a_0`, `m_0 >= 0.107` | `a_0`, `m_0 < 0.107` | `4a1`, `m_0 >= 0.107` | `4a1`, `m_0 < 0.107` |
 * |--------|------|---------------------|-------|-----------------------|
 * | female | 0.350 | 0.053 + 2.800 `m_0` | 1.361 | 1.522 − 1.518 `m_0` |
 * | male   | 0.330 | 0.045 + 2.684 `m_0` | 1.352 | 1.651 − 2.816 `m_0` |
 *
 * Andreev & Kingkade (2015), "Average age at death in infancy and infant mortality level:
 * reconsidering the Coale-Demeny formulas at current levels of low mortality",
 * *Demographic Research* 33(13):363–390, `a_0` from `m_0` as also given in the Human
 * Mortality Database Methods Protocol, version 6 (Wilmoth et al.):
 * | sex    | `m_0 < b_1` | `b_1 <= m_0 < b_2` | `m_0 >= b_2` | `b_1`, `b_2` |
 * |--------|-------------|--------------------|--------------|--------------|
 * | female | 0.14903 − 2.05527 `m_0` | 0.04667 + 3.88089 `m_0` | 0.31411 | 0.01724, 0.06891 |
 * | male   | 0.14929 − 1.99545 `m_0` | 0.02832 + 3.26021 `m_0` | 0.29915 | 0.02300, 0.08307 |
 *
 * (The male slope 3.26021 makes the middle piece meet 0.29915 at `m_0 = 0.08307`; the
 * value 3.26201 seen in some code does not.)
 *
 * For #CCAP_SEX_BOTH each factor is the mean of the female and male values at the same
 * `m_0`.
 *
 * From `q` (ccap_lifetable_from_qx()) the rates are recovered by inverting that relation,
 * `m_i = q_i / (n_i - (n_i - a_i)·q_i)`; where `a_0` depends on `m_0`, the equation is
 * solved exactly for `m_0` (a quadratic on each linear piece of the rule; at a jump of the
 * rule the smallest consistent `m_0` is taken), so that from_qx() inverts from_mx().
 *
 * Survival ratios for a projection in steps of `w` years with `G` groups of width `w`, the
 * last open at `(G-1)·w`, where `L(x, w)` sums the table's `L_i` over `[x, x+w)`:
 * - `s_0 = L(0, w) / (w·l_0)`: births during a step, alive in group 0 at its end;
 * - `s_g = L(g·w, w) / L((g-1)·w, w)` for `1 <= g <= G-2`: group g-1 to group g;
 * - `s_{G-1} = T((G-1)·w) / T((G-2)·w)`: groups G-2 and G-1 (open) into the open group.
 *
 * A table is an opaque object allocated for a capacity of age groups and filled by
 * ccap_lifetable_from_mx() or ccap_lifetable_from_qx(); it may be refilled any number of
 * times without allocating.
 */

#include <ccap/ccap_common.h>

CCAP_BEGIN_DECLS

/** How `a_0` (and, for abridged tables, `4a1`) is estimated from the infant death rate. */
typedef enum ccap_a0_rule {
    CCAP_A0_COALE_DEMENY = 0,     /**< Coale & Demeny, as in Preston et al. (2001), Table 3.3 */
    CCAP_A0_ANDREEV_KINGKADE = 1  /**< Andreev & Kingkade (2015); `4a1` by Coale–Demeny */
} ccap_a0_rule;

/** Opaque life table. */
typedef struct ccap_lifetable ccap_lifetable;

/** Largest capacity, in age groups, accepted by ccap_lifetable_alloc(). */
#define CCAP_LIFETABLE_AGES_MAX 1000u

/**
 * Allocate an empty life table that can hold up to @p max_ages age groups.
 *
 * @param max_ages  Capacity in age groups, 1 … #CCAP_LIFETABLE_AGES_MAX.
 * @return A new table with no content (ccap_lifetable_n_ages() is 0), or NULL when
 *         @p max_ages is 0 or above the maximum, or memory is exhausted.  Free with
 *         ccap_lifetable_free().
 * @since 0.1
 */
CCAP_API ccap_lifetable *ccap_lifetable_alloc(size_t max_ages);

/**
 * Free @p lt and everything it owns.  NULL is accepted and ignored.
 * @param lt  The table, or NULL.
 * @since 0.1
 */
CCAP_API void ccap_lifetable_free(ccap_lifetable *lt);

/**
 * Compute the table from central death rates.
 *
 * All arguments are checked before anything is written: on failure the table is left as
 * it was.
 *
 * @param lt      The table to fill; its previous content is replaced.
 * @param ages    Lower bounds of the age groups in whole years: `ages[0] == 0`, strictly
 *                increasing; the last group is open.  Copied.
 * @param mx      Central death rates per person-year, one per group: finite, `>= 0`; the
 *                open group's rate must be `> 0`.
 * @param n_ages  Number of groups, 1 … the table's capacity.
 * @param sex     #CCAP_SEX_FEMALE, #CCAP_SEX_MALE or #CCAP_SEX_BOTH (selects `a_0`, `4a1`).
 * @param rule    The ::ccap_a0_rule.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p lt, @p ages or @p mx; @p n_ages is 0 or above the capacity;
 *                      @p sex or @p rule is not a valid value
 * @retval CCAP_EDOM    `ages[0] != 0` or the ages are not strictly increasing; a rate is
 *                      negative, NaN or infinite; the open group's rate is 0
 * @since 0.1
 */
CCAP_API int ccap_lifetable_from_mx(ccap_lifetable *lt, const size_t ages[], const double mx[],
                                    size_t n_ages, ccap_sex sex, ccap_a0_rule rule);

/**
 * Compute the table from probabilities of dying within each closed group.
 *
 * The rates are recovered by inverting `q = n·m / (1 + (n - a)·m)` with the separation
 * factors of the rule (see the file description), so that
 * `from_qx(qx of from_mx(mx))` gives back the same table (except for groups closed by the
 * `q <= 1` guard, whose rate a `q` of 1 does not keep: they get `m = 1/a`).  On failure the
 * table is left as it was.
 *
 * @param lt       The table to fill; its previous content is replaced.
 * @param ages     As for ccap_lifetable_from_mx().
 * @param qx       Probabilities of dying, one per group, each in `[0, 1]`; the last element
 *                 (open group) must be exactly 1.
 * @param n_ages   Number of groups, 1 … the table's capacity.
 * @param open_mx  Death rate of the open group per person-year, finite and `> 0`.
 * @param sex      #CCAP_SEX_FEMALE, #CCAP_SEX_MALE or #CCAP_SEX_BOTH.
 * @param rule     The ::ccap_a0_rule.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p lt, @p ages or @p qx; @p n_ages is 0 or above the capacity;
 *                      bad @p sex or @p rule
 * @retval CCAP_EDOM    bad ages (as for from_mx); a `qx` outside `[0, 1]` or NaN; the last
 *                      `qx` is not 1; @p open_mx is not finite or not `> 0`
 * @since 0.1
 */
CCAP_API int ccap_lifetable_from_qx(ccap_lifetable *lt, const size_t ages[], const double qx[],
                                    size_t n_ages, double open_mx, ccap_sex sex,
                                    ccap_a0_rule rule);

/**
 * Number of age groups of the current table.
 * @param lt  The table.
 * @return The number of groups, or 0 for NULL or a table not yet filled.
 * @since 0.1
 */
CCAP_API size_t ccap_lifetable_n_ages(const ccap_lifetable *lt);

/**
 * The capacity given to ccap_lifetable_alloc().
 * @param lt  The table.
 * @return The capacity in age groups, or 0 for NULL.
 * @since 0.1
 */
CCAP_API size_t ccap_lifetable_capacity(const ccap_lifetable *lt);

/**
 * Sex the current table was computed for.
 * @param lt            The table.
 * @param[out] sex_out  Receives the sex.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument
 * @retval CCAP_ESTATE  the table has not been filled
 * @since 0.1
 */
CCAP_API int ccap_lifetable_sex(const ccap_lifetable *lt, ccap_sex *sex_out);

/**
 * Rule for `a_0` the current table was computed with.
 * @param lt             The table.
 * @param[out] rule_out  Receives the rule.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument
 * @retval CCAP_ESTATE  the table has not been filled
 * @since 0.1
 */
CCAP_API int ccap_lifetable_a0_rule(const ccap_lifetable *lt, ccap_a0_rule *rule_out);

/**
 * Lower bounds of the age groups in years (a copy of the `ages` given).
 * @param lt  The table.
 * @return ccap_lifetable_n_ages() values owned by @p lt, valid until the next from_* call
 *         or ccap_lifetable_free(); NULL for NULL or a table not yet filled.
 * @since 0.1
 */
CCAP_API const size_t *ccap_lifetable_ages(const ccap_lifetable *lt);

/**
 * Central death rates `m_x` per person-year (as given, or recovered from `q_x`).
 * @param lt  The table.
 * @return ccap_lifetable_n_ages() values owned by @p lt, valid until the next from_* call
 *         or ccap_lifetable_free(); NULL for NULL or a table not yet filled.
 * @since 0.1
 */
CCAP_API const double *ccap_lifetable_mx(const ccap_lifetable *lt);

/**
 * Probabilities `q_x` of dying in each group (1 for the open group).
 * @param lt  The table.
 * @return Values owned by @p lt (lifetime as for ccap_lifetable_mx()), or NULL.
 * @since 0.1
 */
CCAP_API const double *ccap_lifetable_qx(const ccap_lifetable *lt);

/**
 * Separation factors `a_x`: mean years lived in the group by those who die in it.
 * @param lt  The table.
 * @return Values owned by @p lt (lifetime as for ccap_lifetable_mx()), or NULL.
 * @since 0.1
 */
CCAP_API const double *ccap_lifetable_ax(const ccap_lifetable *lt);

/**
 * Survivors `l_x` at the exact age starting each group, radix `l_0 = 1`.
 * @param lt  The table.
 * @return Values owned by @p lt (lifetime as for ccap_lifetable_mx()), or NULL.
 * @since 0.1
 */
CCAP_API const double *ccap_lifetable_lx(const ccap_lifetable *lt);

/**
 * Deaths `d_x` in each group, per person born (`l_0 = 1`); they sum to 1.
 * @param lt  The table.
 * @return Values owned by @p lt (lifetime as for ccap_lifetable_mx()), or NULL.
 * @since 0.1
 */
CCAP_API const double *ccap_lifetable_dx(const ccap_lifetable *lt);

/**
 * Person-years `L_x` lived in each group per person born (the column written `nLx`).
 * @param lt  The table.
 * @return Values owned by @p lt (lifetime as for ccap_lifetable_mx()), or NULL.
 * @since 0.1
 */
CCAP_API const double *ccap_lifetable_person_years(const ccap_lifetable *lt);

/**
 * Person-years `T_x` lived above the age starting each group, per person born.
 * @param lt  The table.
 * @return Values owned by @p lt (lifetime as for ccap_lifetable_mx()), or NULL.
 * @since 0.1
 */
CCAP_API const double *ccap_lifetable_person_years_above(const ccap_lifetable *lt);

/**
 * Life expectancy `e_x` in years at the age starting each group.
 * @param lt  The table.
 * @return Values owned by @p lt (lifetime as for ccap_lifetable_mx()), or NULL.
 * @since 0.1
 */
CCAP_API const double *ccap_lifetable_ex(const ccap_lifetable *lt);

/**
 * Life expectancy at birth, `e_0 = T_0` (years).
 * @param lt           The table.
 * @param[out] e0_out  Receives `e_0`; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument
 * @retval CCAP_ESTATE  the table has not been filled
 * @since 0.1
 */
CCAP_API int ccap_lifetable_e0(const ccap_lifetable *lt, double *e0_out);

/**
 * Survival ratios of a cohort-component projection with @p n_groups age groups of
 * @p width years, the last open at `(n_groups-1)·width` (see the file description).
 *
 * Every ratio lies in `[0, 1]` (0 only where nobody reaches the older group; a ratio with
 * a zero denominator is 0).
 *
 * @param lt        A filled table.
 * @param width     Projection step and age-group width in years (1 or 5, or any width whose
 *                  multiples up to `(n_groups-1)·width` are boundaries of the table's grid).
 * @param n_groups  Number of projection age groups, the open one included; at least 2.
 * @param[out] s_out  Receives @p n_groups ratios; all NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument, @p width is 0 or @p n_groups < 2
 * @retval CCAP_ESTATE  the table has not been filled
 * @retval CCAP_EDOM    the table's open age is below `(n_groups-1)·width`, or a multiple of
 *                      @p width up to it is not a boundary of the table's grid
 * @since 0.1
 */
CCAP_API int ccap_lifetable_survival(const ccap_lifetable *lt, size_t width, size_t n_groups,
                                     double s_out[]);

CCAP_END_DECLS

#endif /* CCAP_LIFETABLE_H */
