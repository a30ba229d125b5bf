/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_MORTALITY_H
#define CCAP_MORTALITY_H

/**
 * @file ccap_mortality.h
 * @brief Mortality assumptions on top of life tables: the Brass relational logit model and
 *        the Lee–Carter model, each with a solver for a target life expectancy at birth.
 *
 * **Brass relational logit** (Brass 1971, "On the scale of mortality", in *Biological Aspects
 * of Demography*; Moultrie et al. 2013, *Tools for Demographic Estimation*, IUSSP).
 * With the logit `Y(x) = ½·ln((1 - l_x) / l_x)` of the survivors of a standard table,
 * a new schedule has
 *
 *     Y(x) = α + β·Y_s(x),   i.e.   l_x = 1 / (1 + e^{2α}·((1 - l^s_x) / l^s_x)^β)
 *
 * at every boundary `x > 0` of the standard's age grid (`l_0 = 1`).  α moves the level
 * (α > 0: more deaths), β the shape (β > 1: relatively more deaths at old ages).  The new
 * `q_x = 1 - l_{x+n} / l_x` of each closed group is computed in a form without
 * cancellation (`(o_{x+n}^β - o_x^β)·e^{2α} / (1 + e^{2α}·o_{x+n}^β)` with the odds
 * `o = (1 - l)/l`, the difference taken as `o_x^β·expm1(β·ln(o_{x+n}/o_x))` and `1 - l_x`
 * as the sum of the standard's deaths below `x`), and the death rates are recovered from
 * these `q_x` with the standard's separation factors, by ccap_lifetable_from_qx() with the
 * standard's sex and `a_0` rule.  The open group keeps the standard's death rate (the model
 * says nothing beyond the open age), so `e_0` is bounded above by
 * `x_open + 1/m^s_open`, reached when nobody dies before the open age.
 *
 * **Lee–Carter** (Lee & Carter 1992, "Modeling and forecasting U.S. mortality", JASA
 * 87(419):659–671).  From a years × ages matrix of death rates,
 *
 *     ln m(x, t) = a(x) + b(x)·k(t) + ε(x, t)
 *
 * with `a(x)` the mean over years of `ln m(x, t)`; `b` and `k` come from the first singular
 * triplet `(σ_1, u_1, v_1)` of the centred matrix `Z(t, x) = ln m(x, t) - a(x)`
 * (`gsl_linalg_SV_decomp`): `b = v_1 / Σv_1`, `k = σ_1·Σv_1·u_1`, so that `Σ_x b(x) = 1` and
 * `Σ_t k(t) = 0` (the columns of `Z` sum to zero).  This is the least-squares rank-1 fit of
 * `Z`; its share of the total sum of squares is `σ_1² / Σσ_i²`.  No second-stage
 * re-estimation of `k` is done.
 *
 * **Solving for a target `e_0`.**  `e_0` is a continuous, decreasing function of α (and of
 * `k` when `b > 0`).  The solvers bracket the target by stepping away from a start point in
 * both directions with doubling steps (Brass: α = 0 with first step 1 on the logit scale;
 * Lee–Carter: `k = 0`, the mean level, with first step `max_t |k(t)|`), stop a direction
 * when `e_0` no longer changes (saturation) or the schedule stops being a valid life table
 * (death rates overflowing or the open group's rate underflowing to 0), and then refine with
 * GSL's Brent solver until `|e_0 - target| < e0_tol`.  The step sizes only affect the
 * number of evaluations, not the answer.  All inputs are validated before any GSL call.
 *
 * A ::ccap_mortality_workspace holds what the solvers and ccap_mortality_brass_mx() need (a
 * life table, a buffer and the root solver), allocated once for a maximum number of age
 * groups.
 */

#include <ccap/ccap_common.h>
#include <ccap/ccap_lifetable.h>

CCAP_BEGIN_DECLS

/** Opaque workspace for the Brass functions and the `e_0` solvers. */
typedef struct ccap_mortality_workspace ccap_mortality_workspace;

/** Opaque Lee–Carter model: dimensions, the fitted `a`, `b`, `k` and the matrices of the fit. */
typedef struct ccap_leecarter ccap_leecarter;

/** Largest number of years accepted by ccap_mortality_leecarter_alloc(). */
#define CCAP_MORTALITY_YEARS_MAX 1000u

/**
 * Allocate a workspace for schedules of up to @p max_ages age groups.
 *
 * @param max_ages  Capacity in age groups, 1 … #CCAP_LIFETABLE_AGES_MAX.
 * @return A new workspace, or NULL when @p max_ages is out of range or memory is exhausted.
 *         Free with ccap_mortality_workspace_free().
 * @since 0.1
 */
CCAP_API ccap_mortality_workspace *ccap_mortality_workspace_alloc(size_t max_ages);

/**
 * Free @p ws.  NULL is accepted and ignored.
 * @param ws  The workspace, or NULL.
 * @since 0.1
 */
CCAP_API void ccap_mortality_workspace_free(ccap_mortality_workspace *ws);

/**
 * Death rates of the Brass relational logit model `Y(x) = α + β·Y_s(x)`.
 *
 * The rates are on the standard's age grid; the life table of the new schedule is
 * ccap_lifetable_from_mx() of @p mx_out with the standard's sex and `a_0` rule.
 * `α = 0, β = 1` gives back the standard's rates (to rounding).
 *
 * @param ws        Workspace with a capacity of at least the standard's number of groups.
 * @param standard  A filled standard life table with at least two groups and `l_x > 0` at
 *                  every age (no closed group with `q = 1`).
 * @param alpha     Level parameter α (finite).
 * @param beta      Shape parameter β (finite, `> 0`; 1 keeps the standard's shape).
 * @param[out] mx_out  Receives @p n_mx death rates per person-year; all NAN on failure.
 * @param n_mx      Number of elements of @p mx_out: the standard's number of groups.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument; @p n_mx differs from the standard's number of groups;
 *                      the standard has fewer than two groups or more than the capacity
 * @retval CCAP_ESTATE  the standard has not been filled
 * @retval CCAP_EDOM    @p alpha or @p beta not finite, `β <= 0`, or a standard `l_x` is 0
 * @retval CCAP_ERANGE  the transformed schedule is not representable (overflow for an
 *                      extreme β)
 * @since 0.1
 */
CCAP_API int ccap_mortality_brass_mx(ccap_mortality_workspace *ws,
                                     const ccap_lifetable *standard, double alpha, double beta,
                                     double mx_out[], size_t n_mx);

/**
 * The level α of the Brass model, for a given β, whose life table has `e_0` equal to
 * @p e0_target within @p e0_tol (see the file description for the method).
 *
 * Get the schedule with ccap_mortality_brass_mx() and this α.
 *
 * @param ws         Workspace with a capacity of at least the standard's number of groups.
 * @param standard   The standard table (conditions as for ccap_mortality_brass_mx()).
 * @param beta       Shape parameter β (finite, `> 0`; usually 1).
 * @param e0_target  Target life expectancy at birth in years (finite, `> 0`).
 * @param e0_tol     Accepted absolute error of `e_0` in years (finite, `> 0`), e.g. 1e-8.
 * @param max_iter   Most bracket doublings, and most Brent iterations (at least 1), e.g. 100.
 * @param[out] alpha_out  Receives α; NAN on failure.
 * @retval CCAP_OK           success
 * @retval CCAP_EINVAL       NULL argument, bad sizes (as for ccap_mortality_brass_mx()), or
 *                           @p max_iter is 0
 * @retval CCAP_ESTATE       the standard has not been filled
 * @retval CCAP_EDOM         @p beta, @p e0_target or @p e0_tol out of domain, or a standard
 *                           `l_x` is 0
 * @retval CCAP_ERANGE       the schedule at α = 0 is not representable
 * @retval CCAP_ENOTREACHED  no α gives the target (it lies outside the range of `e_0` the
 *                           model can produce), or @p max_iter iterations did not reach
 *                           @p e0_tol
 * @since 0.1
 */
CCAP_API int ccap_mortality_brass_alpha(ccap_mortality_workspace *ws,
                                        const ccap_lifetable *standard, double beta,
                                        double e0_target, double e0_tol, size_t max_iter,
                                        double *alpha_out);

/**
 * Allocate a Lee–Carter model for @p n_years × @p n_ages death rates.
 *
 * @param n_years  Number of years (or periods), 2 … #CCAP_MORTALITY_YEARS_MAX.
 * @param n_ages   Number of age groups, 2 … #CCAP_LIFETABLE_AGES_MAX.
 * @return A new, unfitted model, or NULL when a size is out of range or memory is
 *         exhausted.  Free with ccap_mortality_leecarter_free().
 * @since 0.1
 */
CCAP_API ccap_leecarter *ccap_mortality_leecarter_alloc(size_t n_years, size_t n_ages);

/**
 * Free @p lc.  NULL is accepted and ignored.
 * @param lc  The model, or NULL.
 * @since 0.1
 */
CCAP_API void ccap_mortality_leecarter_free(ccap_leecarter *lc);

/**
 * Fit `ln m(x, t) = a(x) + b(x)·k(t)` by singular value decomposition.
 *
 * On failure the model is left unfitted.  Rates whose centred logarithms are all exactly 0
 * (constant over time) give `k = 0` and `b(x) = 1/n_ages`.
 *
 * @param lc       A model allocated for exactly these dimensions.
 * @param mx       Death rates, row-major years × ages: `mx[t·n_ages + x]`; each finite and
 *                 `> 0`.
 * @param n_years  Number of rows.
 * @param n_ages   Number of columns.
 * @retval CCAP_OK      success; ccap_mortality_leecarter_a() etc. give the parameters
 * @retval CCAP_EINVAL  NULL argument or dimensions different from the allocated ones
 * @retval CCAP_EDOM    a rate is not finite or not `> 0` (the model needs its logarithm)
 * @retval CCAP_ERANGE  the first singular vector sums to 0 over ages, so `b` cannot be
 *                      normalised to sum to 1
 * @since 0.1
 */
CCAP_API int ccap_mortality_leecarter_fit(ccap_leecarter *lc, const double mx[], size_t n_years,
                                          size_t n_ages);

/**
 * The fitted `a(x)`, mean log death rate at each age.
 * @param lc  The model.
 * @return n_ages values owned by @p lc, valid until the next fit or free; NULL for NULL or an
 *         unfitted model.
 * @since 0.1
 */
CCAP_API const double *ccap_mortality_leecarter_a(const ccap_leecarter *lc);

/**
 * The fitted `b(x)`, age pattern of change, summing to 1.
 * @param lc  The model.
 * @return n_ages values owned by @p lc (lifetime as for ccap_mortality_leecarter_a()), or NULL.
 * @since 0.1
 */
CCAP_API const double *ccap_mortality_leecarter_b(const ccap_leecarter *lc);

/**
 * The fitted `k(t)`, mortality index of each year, summing to 0.
 * @param lc  The model.
 * @return n_years values owned by @p lc (lifetime as for ccap_mortality_leecarter_a()), or
 *         NULL.
 * @since 0.1
 */
CCAP_API const double *ccap_mortality_leecarter_k(const ccap_leecarter *lc);

/**
 * Share of the sum of squares of the centred log rates captured by the rank-1 fit,
 * `σ_1² / Σσ_i²` (1 when all centred log rates are 0).
 * @param lc              The model.
 * @param[out] share_out  Receives the share in `[0, 1]`; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument
 * @retval CCAP_ESTATE  the model has not been fitted
 * @since 0.1
 */
CCAP_API int ccap_mortality_leecarter_explained(const ccap_leecarter *lc, double *share_out);

/**
 * Death rates `m(x) = exp(a(x) + b(x)·k)` for a mortality index @p k.
 *
 * @param lc        A fitted model.
 * @param k         The mortality index (finite).
 * @param[out] mx_out  Receives @p n_mx rates; all NAN on failure.
 * @param n_mx      Number of elements of @p mx_out: the model's number of ages.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument or @p n_mx different from the model's number of ages
 * @retval CCAP_ESTATE  the model has not been fitted
 * @retval CCAP_EDOM    @p k is not finite
 * @retval CCAP_ERANGE  a rate overflows
 * @since 0.1
 */
CCAP_API int ccap_mortality_leecarter_mx(const ccap_leecarter *lc, double k, double mx_out[],
                                         size_t n_mx);

/**
 * The mortality index `k` whose rates give a life table with `e_0` equal to @p e0_target
 * within @p e0_tol (see the file description for the method).
 *
 * @param ws         Workspace with a capacity of at least @p n_ages groups.
 * @param lc         A fitted model.
 * @param ages       Lower bounds of the model's age groups (as for
 *                   ccap_lifetable_from_mx()).
 * @param n_ages     Number of groups: the model's number of ages.
 * @param sex        Sex for the separation factors (as for ccap_lifetable_from_mx()).
 * @param rule       The ::ccap_a0_rule.
 * @param e0_target  Target life expectancy at birth in years (finite, `> 0`).
 * @param e0_tol     Accepted absolute error of `e_0` in years (finite, `> 0`).
 * @param max_iter   Most bracket doublings, and most Brent iterations (at least 1).
 * @param[out] k_out  Receives `k`; NAN on failure.
 * @retval CCAP_OK           success
 * @retval CCAP_EINVAL       NULL argument; @p n_ages differs from the model's or exceeds the
 *                           workspace; bad @p sex or @p rule; @p max_iter is 0
 * @retval CCAP_ESTATE       the model has not been fitted
 * @retval CCAP_EDOM         bad @p ages (as for ccap_lifetable_from_mx()), or @p e0_target
 *                           or @p e0_tol out of domain
 * @retval CCAP_ERANGE       the rates at `k = 0` are not a valid life table (open-group rate
 *                           0 or a rate overflowing)
 * @retval CCAP_ENOTREACHED  no `k` gives the target, or @p max_iter iterations did not
 *                           reach @p e0_tol
 * @since 0.1
 */
CCAP_API int ccap_mortality_leecarter_solve_k(ccap_mortality_workspace *ws,
                                              const ccap_leecarter *lc, const size_t ages[],
                                              size_t n_ages, ccap_sex sex, ccap_a0_rule rule,
                                              double e0_target, double e0_tol, size_t max_iter,
                                              double *k_out);

CCAP_END_DECLS

#endif /* CCAP_MORTALITY_H */
