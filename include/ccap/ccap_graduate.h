/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_GRADUATE_H
#define CCAP_GRADUATE_H

/**
 * @file ccap_graduate.h
 * @brief Age-group conversion and raking: 5-year groups to single years, iterative
 *        proportional fitting, and a single-year base population from published margins
 *        (raked, or smooth across the margins' age boundaries).
 *
 * **Steffen graduation.**  Counts in `G` groups of `w` years, `n_0 … n_{G-2}` closed
 * and `n_{G-1}` open (aged `A = (G-1)·w` and over), become single years
 * `0 … A-1` plus the same open group.  The cumulative count
 * `C(x) = Σ_{g < x/w} n_g` is known at the group boundaries `x_k = k·w`,
 * `k = 0 … G-1`; between them it is interpolated with Steffen's monotone cubic
 * Hermite spline (Steffen 1990; GSL's `gsl_interp_steffen`), and the count at
 * single age `x` is `C(x+1) − C(x)`.  Because the spline passes through every
 * node, each closed group keeps its total; because it is monotone wherever the
 * data are (the cumulative count never decreases), no single year is negative;
 * and because its derivative is continuous, the single years join smoothly across
 * group boundaries.  Interpolating the cumulative count rather than the counts is
 * the classical device for count-preserving graduation (McNeil, Trussell and
 * Turner 1977); a monotone interpolant is what keeps it free of negative counts
 * (Smith, Hyndman and Wood 2004).  The open group is copied unchanged.
 *
 * Steffen's slope at an inner node is
 * `y'_k = (sign s_{k-1} + sign s_k) · min(|s_{k-1}|, |s_k|, |p_k|/2)`, with `s_k`
 * the secant slope `n_k / w` of segment `k` and `p_k` the slope of the parabola
 * through the three nodes (Steffen 1990, eq. 11); at the two end nodes GSL uses
 * the secant slope.  For counts `s_k ≥ 0`, so every slope lies between its two
 * neighbouring secants.  If all closed groups hold the same count `n`, every slope
 * equals `n/w`, the cubic reduces to the straight line and each single year gets
 * exactly `n/w`.
 *
 * **Raking** (iterative proportional fitting, Deming and Stephan 1940) adjusts
 * non-negative cells `c_i` to constraints "the cells of subset `S_k` add up to
 * `t_k`": a sweep visits the constraints in order and multiplies the cells of
 * `S_k` by `t_k / Σ_{i∈S_k} c_i`.  Sweeps repeat until the largest relative
 * deviation `max_k |Σ_{S_k} c_i − t_k| / t_k` is at most a tolerance.  When the
 * constraints can be met by a table with the seed's zero pattern, the sweeps
 * converge to the table that meets them and is closest to the seed in
 * Kullback–Leibler divergence (Ireland and Kullback 1968; Csiszár 1975); a
 * two-way table keeps the seed's cross-product ratios (Mosteller 1968).
 * Inconsistent constraints (row totals that do not add up to the column total,
 * a part larger than its whole) never converge: the sweeps stop after a given
 * number and report #CCAP_ENOTREACHED.
 *
 * **Base population from margins.**  Census communiqués publish totals by region,
 * sex and broad age (ccap_margins.h).  ccap_graduate_base_from_margins() gives each
 * leaf region (a region without children) the single-year age–sex structure of a
 * standard population scaled to its published total, then rakes all leaves
 * together to every published margin of the year: a margin of a parent region
 * constrains the sum over the leaves below it, sex "both" covers both sexes, and
 * an age range covers its single years (the open group standing for its lower age
 * and over).  Parents are finally filled with the sums of their children.
 *
 * **Smooth base population.**  Raking multiplies each broad age range by its own
 * factor, so single years step where ranges meet, and a projection carries the steps
 * forward as spurious echoes in births.  ccap_graduate_base_smooth() uses the same seed
 * and constraints but writes every cell as its seed times a ratio and chooses the
 * ratios of each leaf and sex to be as smooth in age as the margins allow (least sum of
 * squared first differences, a penalised least-squares solve with the margins as exact
 * constraints); a raking pass finishes only when a cell would be negative.
 *
 * References:
 * - Csiszár, I. (1975). I-divergence geometry of probability distributions and
 *   minimization problems. Annals of Probability 3(1), 146–158.
 * - Deming, W. E. and Stephan, F. F. (1940). On a least squares adjustment of a sampled
 *   frequency table when the expected marginal totals are known. Annals of Mathematical
 *   Statistics 11(4), 427–444.
 * - Ireland, C. T. and Kullback, S. (1968). Contingency tables with given marginals.
 *   Biometrika 55(1), 179–188.
 * - McNeil, D. R., Trussell, T. J. and Turner, J. C. (1977). Spline interpolation of
 *   demographic data. Demography 14(2), 245–252.
 * - Mosteller, F. (1968). Association and estimation in contingency tables. Journal of
 *   the American Statistical Association 63(321), 1–28.
 * - Smith, L., Hyndman, R. J. and Wood, S. N. (2004). Spline interpolation for
 *   demographic variables: the monotonicity problem. Journal of Population Research
 *   21(1), 95–98.
 * - Steffen, M. (1990). A simple method for monotonic interpolation in one dimension.
 *   Astronomy and Astrophysics 239, 443–450.
 */

#include <ccap/ccap_common.h>
#include <ccap/ccap_margins.h>
#include <ccap/ccap_population.h>
#include <ccap/ccap_region.h>

CCAP_BEGIN_DECLS

/** Opaque workspace for Steffen graduation of one group layout. */
typedef struct ccap_graduate_workspace ccap_graduate_workspace;

/**
 * Allocate a workspace for graduating @p n_groups age groups of @p width years
 * (the last group open) into single years.
 *
 * The workspace holds the interpolation nodes, the GSL Steffen interpolant and
 * one row of single-year output, so that graduating many regions and sexes
 * allocates nothing.  One workspace must not be used from two threads at once.
 *
 * @param n_groups  Number of groups, the open one included; at least 3 (Steffen's
 *                  method needs three nodes, i.e. two closed groups).
 * @param width     Width of the closed groups in years; at least 1.
 * @return A new workspace, or NULL when @p n_groups < 3, @p width is 0, the
 *         single-year layout `(n_groups − 1)·width + 1` does not fit in a `size_t`
 *         or exceeds 2^53 ages, @p n_groups or that layout exceeds
 *         #CCAP_CELLS_MAX, or memory is exhausted.  Free with
 *         ccap_graduate_workspace_free().
 * @since 0.1
 */
CCAP_API ccap_graduate_workspace *ccap_graduate_workspace_alloc(size_t n_groups, size_t width);

/**
 * Free @p work.  NULL is accepted and ignored.
 * @param work  The workspace, or NULL.
 * @since 0.1
 */
CCAP_API void ccap_graduate_workspace_free(ccap_graduate_workspace *work);

/**
 * Graduate counts in age groups into single years with Steffen's monotone
 * interpolation of the cumulative count (see the file description).
 *
 * Output: `single_out[x]` for `x = 0 … A−1` holds the persons aged `x`, and
 * `single_out[A]` the open group `A+` (a copy of `counts[n_groups − 1]`), where
 * `A = (n_groups − 1)·width`.  Every closed group keeps its total: the cumulative
 * sums are formed in floating point, so the differences of a group may miss its
 * count by rounding in the last places of the cumulative total; each group's
 * single years are therefore scaled by count / (sum of its single years), a factor
 * within rounding of 1, which keeps the total to within a few units in the last
 * place of the group's own count.  Differences that rounding makes negative are
 * set to zero first, so no single year is negative.
 *
 * @param work        A workspace allocated for @p n_groups groups; its width is the
 *                    width of the closed groups.
 * @param[in]  counts     Persons in each group, youngest first, open group last;
 *                        finite and >= 0.
 * @param[in]  n_groups   Number of entries in @p counts (at least 3).
 * @param[out] single_out Receives `n_single` single-year counts; all NAN on failure.
 * @param[in]  n_single   Size of @p single_out: must be `(n_groups − 1)·width + 1`.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument, @p n_groups < 3, @p n_groups differs from the
 *                      workspace's, or @p n_single is not `(n_groups − 1)·width + 1`
 * @retval CCAP_EDOM    a count is negative, NaN or infinite
 * @retval CCAP_ERANGE  the cumulative count overflows
 * @retval CCAP_ENUMERIC the interpolation failed (not expected after validation)
 * @since 0.1
 */
CCAP_API int ccap_graduate_steffen(ccap_graduate_workspace *work, const double counts[],
                                   size_t n_groups, double single_out[], size_t n_single);

/**
 * Graduate a whole population from groups of width `w` to single years.
 *
 * Every region with data in @p src is graduated, each sex separately, with
 * ccap_graduate_steffen(); regions without data in @p src are left untouched in
 * @p dst (use a freshly allocated @p dst).  Year and date are copied.
 * Example: 5-year groups 0–4 … 95–99, 100+ (21 groups) into 0 … 99, 100+
 * (101 groups).
 *
 * @param work  A workspace allocated for ccap_population_n_ages(@p src) groups of
 *              ccap_population_age_width(@p src) years.
 * @param[in]  src  The population in groups; at least 3 groups.
 * @param[out] dst  A population with the same number of regions, width 1 and
 *                  ccap_population_open_age(@p src) + 1 age groups.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument, different numbers of regions, or a workspace
 *                      that does not match the groups of @p src
 * @retval CCAP_EDOM    @p dst does not have width 1 and the open age of @p src
 *                      (nothing is changed)
 * @retval CCAP_ENUMERIC as for ccap_graduate_steffen()
 * @since 0.1
 */
CCAP_API int ccap_graduate_steffen_population(ccap_graduate_workspace *work,
                                              const ccap_population *src, ccap_population *dst);

/**
 * Rake non-negative cells to totals over arbitrary subsets of them (iterative
 * proportional fitting; see the file description).
 *
 * Constraint `k` (`0 ≤ k < n_constraints`) says that the cells
 * `con_cells[con_start[k]] … con_cells[con_start[k+1] − 1]` add up to
 * `targets[k]` (compressed sparse rows: @p con_start has `n_constraints + 1`
 * non-decreasing entries).  Subsets may overlap and need not cover every cell;
 * a cell may appear at most once in one constraint.  One sweep multiplies the
 * cells of each constraint in turn by `target / sum` (by 0 when the target is 0).
 * Before each sweep the largest relative deviation
 * `max_k |sum_k − targets[k]| / targets[k]` is measured (for a zero target:
 * 0 when its cells sum to 0, +∞ otherwise); the raking stops as soon as it is at
 * most @p tolerance.  Constraints with a positive target whose cells are all zero
 * can never be met.
 *
 * @param[in,out] cells   The seed (finite, >= 0), replaced by the raked values.  On
 *                        #CCAP_ENOTREACHED it holds the values after the last sweep;
 *                        on an argument error it is unchanged.
 * @param[in] n_cells      Number of cells (at least 1).
 * @param[in] con_start    `n_constraints + 1` offsets into @p con_cells, non-decreasing.
 * @param[in] con_cells    Cell indices, each below @p n_cells, no index twice within one
 *                         constraint; may be NULL only when every constraint is empty.
 * @param[in] targets      Target total of each constraint, finite and >= 0.
 * @param[in] n_constraints Number of constraints (at least 1).
 * @param[in] tolerance    Largest relative deviation accepted, finite and >= 0
 *                         (e.g. 1e-10).
 * @param[in] max_iter     Largest number of sweeps (at least 1).
 * @param[out] iterations_out  Number of sweeps done (0 when the seed already meets
 *                         every constraint); may be NULL.
 * @param[out] max_rel_dev_out Largest relative deviation after the last sweep; may be
 *                         NULL.  NAN on failure, except on #CCAP_ENOTREACHED, where it
 *                         says how far the constraints still are.
 * @retval CCAP_OK          every constraint met within @p tolerance
 * @retval CCAP_ENOTREACHED not met after @p max_iter sweeps (inconsistent constraints,
 *                          or a tolerance too tight for the sweeps allowed)
 * @retval CCAP_EINVAL      NULL argument, zero size, @p max_iter 0, offsets decreasing,
 *                          a cell index out of range or repeated within a constraint
 * @retval CCAP_EDOM        a cell, target or the tolerance is negative, NaN or infinite,
 *                          or a constraint with a positive target has only zero cells
 *                          (checked on the seed, and during the sweeps, where zero
 *                          targets can empty another constraint: @p cells then hold
 *                          the values reached)
 * @retval CCAP_ERANGE      a sum or a scaling factor overflows
 * @since 0.1
 */
CCAP_API int ccap_graduate_rake(double cells[], size_t n_cells, const size_t con_start[],
                                const size_t con_cells[], const double targets[],
                                size_t n_constraints, double tolerance, size_t max_iter,
                                size_t *iterations_out, double *max_rel_dev_out);

/**
 * Estimate a single-year base population of every region from published margins,
 * by raking a standard age–sex pattern (see the file description).
 *
 * The output has width 1 and @p n_ages groups, `0 … A−1` and the open group `A+`
 * with `A = n_ages − 1`.  Steps:
 * 1. Seed: every leaf region (no children) gets its `both`-sexes, all-ages margin
 *    of @p year times the standard, normalised to sum to 1 over both sexes.
 * 2. Constraints: every margin of @p year becomes one constraint on the leaf cells:
 *    the leaves at or below its region, the sexes it names (both for `both`) and the
 *    single years of its age range (`[lo, hi)`; an open range `lo+` takes the ages
 *    `lo … A−1` and the open group).
 * 3. ccap_graduate_rake() with @p tolerance and @p max_iter.
 * 4. Parents are filled with ccap_population_aggregate(); year @p year is set.
 *
 * Margins of other years are ignored.  Consistent margins (children adding up to
 * parents, sexes and disjoint age groups adding up to totals) are met to within
 * @p tolerance; inconsistent ones give #CCAP_ENOTREACHED, even when they differ by
 * one person: reconcile published figures first with ccap_margins_reconcile().
 *
 * @param[in]  regions          A finished region table.
 * @param[in]  margins          Published totals; their region indices refer to @p regions.
 * @param[in]  year             The year whose margins are used.
 * @param[in]  standard_female  Standard pattern for women, single years 0 … A−1 and A+;
 *                              finite, >= 0, in any unit (only proportions matter).
 * @param[in]  standard_male    The same for men.
 * @param[in]  n_ages           Entries in each standard array, `A + 1`; from 2 to
 *                              #CCAP_POPULATION_AGES_MAX.
 * @param[in]  tolerance        Largest relative deviation accepted for any margin.
 * @param[in]  max_iter         Largest number of raking sweeps.
 * @param[out] pop_out          Receives the new population (free with
 *                              ccap_population_free()); NULL on failure.
 * @param[out] iterations_out   Sweeps done (may be NULL); 0 on failure other than
 *                              #CCAP_ENOTREACHED.
 * @param[out] max_rel_dev_out  Largest relative deviation of any margin after raking
 *                              (may be NULL); NAN on failure other than
 *                              #CCAP_ENOTREACHED.
 * @param[out] diag             On failure, a message naming the region and margin at
 *                              fault (no file or line); may be NULL.
 * @retval CCAP_OK          success
 * @retval CCAP_EINVAL      NULL argument, @p n_ages out of range, @p max_iter 0, or a
 *                          margin whose region index is outside @p regions
 * @retval CCAP_ESTATE      @p regions is not finished
 * @retval CCAP_ENOTFOUND   a leaf region has no both-sexes total for @p year
 * @retval CCAP_EDOM        a standard value or @p tolerance is negative or not finite,
 *                          the standard is all zero, a margin's age range starts or
 *                          ends inside the open group `A+` (e.g. 105+ or 90-104 with
 *                          A = 100), or a positive margin covers only cells with a
 *                          zero seed
 * @retval CCAP_ENOTREACHED the margins were not all met within @p max_iter sweeps
 *                          (usually: they are inconsistent); the message names the
 *                          relation furthest apart as ccap_margins_check() gives it
 *                          (with the line of its aggregate figure when known), or,
 *                          when every relation holds, the margin furthest off
 * @retval CCAP_ERANGE      the population (`regions × 2 × n_ages`) would exceed
 *                          #CCAP_CELLS_MAX or @p regions has more than
 *                          #CCAP_POPULATION_REGIONS_MAX regions (checked before
 *                          anything is allocated), the cells of all margins together
 *                          exceed #CCAP_CELLS_MAX, or a sum overflows
 * @retval CCAP_ENOMEM      out of memory
 * @since 0.1
 */
CCAP_API int ccap_graduate_base_from_margins(const ccap_regions *regions,
                                             const ccap_margins *margins, int year,
                                             const double standard_female[],
                                             const double standard_male[], size_t n_ages,
                                             double tolerance, size_t max_iter,
                                             ccap_population **pop_out, size_t *iterations_out,
                                             double *max_rel_dev_out, ccap_diag *diag);

/**
 * Largest number of margins of one year that ccap_graduate_base_smooth() accepts: it
 * solves a dense system of one equation per margin (8·m² bytes, about m³/3 operations;
 * 32 MB and about a second at the limit).
 * @since 0.1
 */
#define CCAP_GRADUATE_SMOOTH_MARGINS_MAX 2000

/**
 * Estimate a single-year base population of every region from published margins, with
 * single years that change smoothly across the boundaries of the margins' age ranges
 * (see the file description).
 *
 * Same arguments, seed, constraints, checks and messages as
 * ccap_graduate_base_from_margins(); only the estimate differs.  Raking multiplies each
 * broad age range by its own factor, so single years step where ranges meet (ages 14 and
 * 15 of a city's women may differ by half); here every cell is its seed times a ratio,
 * `x = s·r`, and the ratios of each leaf and sex are chosen as smooth in age as the
 * margins allow: they minimise
 *
 *     Σ_blocks [ (S_b / n_ages) Σ_a (r(a+1) − r(a))²  +  ε Σ_a s(a) (r(a) − 1)² ]
 *
 * subject to every margin being met exactly, where a block is one leaf region and sex
 * and `S_b` its seed total (so a block's weight does not depend on its size).  The
 * second term, ε times the chi-square distance `Σ (x − s)² / s` of the cells from the
 * seed, with ε = 10⁻⁶, is there to make the problem definite and to share a margin
 * among blocks as raking does: a margin over whole blocks (a sex total beside leaf
 * totals) scales each block by one factor, giving raking's table.  With `u = r − 1`,
 * `B = A·diag(s)` (A: which cells each margin covers) and `Q` the block-diagonal matrix
 * of the penalty, `u = Q⁻¹Bᵀλ` where `(B Q⁻¹ Bᵀ) λ = t − B·1`; Q is tridiagonal in each
 * block, the m × m system is solved by a Cholesky factorisation with diagonal pivoting
 * that drops margins implied by others (a city's total beside its counties' totals,
 * male + female beside both sexes), and the multipliers are refined up to twice on the
 * residual when a margin is missed by more than @p tolerance.  If a cell comes out
 * negative, or a margin is still missed, the cells (negative ones set to 0) are finished
 * by raking, which then changes little; inconsistent margins end there with
 * #CCAP_ENOTREACHED and the message of ccap_graduate_base_from_margins().
 *
 * Within the margins' ranges the result keeps the standard's single-year shape only
 * as far as the ratios are flat; at a boundary the ratio bends instead of stepping.
 * A margin on a single year (the children aged 0, 1 and 2 by sex, say) is met exactly
 * like any other.  Counts are in the unit of the margins (persons).
 *
 * @param[in]  regions          As for ccap_graduate_base_from_margins().
 * @param[in]  margins          As for ccap_graduate_base_from_margins(); at most
 *                              #CCAP_GRADUATE_SMOOTH_MARGINS_MAX of them for @p year.
 * @param[in]  year             The year whose margins are used.
 * @param[in]  standard_female  As for ccap_graduate_base_from_margins().
 * @param[in]  standard_male    As for ccap_graduate_base_from_margins().
 * @param[in]  n_ages           As for ccap_graduate_base_from_margins().
 * @param[in]  tolerance        Largest relative deviation accepted for any margin; above
 *                              it the raking pass runs.
 * @param[in]  max_iter         Largest number of sweeps of that raking pass (at least 1,
 *                              even when no pass is needed).
 * @param[out] pop_out          Receives the new population (free with
 *                              ccap_population_free()); NULL on failure.
 * @param[out] iterations_out   Sweeps of the raking pass: 0 when the smooth solution met
 *                              every margin within @p tolerance with no negative cell
 *                              (may be NULL); 0 on failure other than #CCAP_ENOTREACHED.
 * @param[out] max_rel_dev_out  Largest relative deviation of any margin in the result
 *                              (may be NULL); NAN on failure other than
 *                              #CCAP_ENOTREACHED.
 * @param[out] diag             As for ccap_graduate_base_from_margins().
 * @retval CCAP_OK          success
 * @retval CCAP_EINVAL      as for ccap_graduate_base_from_margins()
 * @retval CCAP_ESTATE      @p regions is not finished
 * @retval CCAP_ENOTFOUND   a leaf region has no both-sexes total for @p year
 * @retval CCAP_EDOM        as for ccap_graduate_base_from_margins()
 * @retval CCAP_ENOTREACHED as for ccap_graduate_base_from_margins() (the raking pass
 *                          did not meet the margins)
 * @retval CCAP_ERANGE      as for ccap_graduate_base_from_margins(), or @p year has more
 *                          than #CCAP_GRADUATE_SMOOTH_MARGINS_MAX margins (nothing is
 *                          estimated: rake with ccap_graduate_base_from_margins(), or
 *                          estimate each part of a large table on its own)
 * @retval CCAP_ENOMEM      out of memory
 * @since 0.1
 */
CCAP_API int ccap_graduate_base_smooth(const ccap_regions *regions, const ccap_margins *margins,
                                       int year, const double standard_female[],
                                       const double standard_male[], size_t n_ages,
                                       double tolerance, size_t max_iter, ccap_population **pop_out,
                                       size_t *iterations_out, double *max_rel_dev_out,
                                       ccap_diag *diag);

CCAP_END_DECLS

#endif /* CCAP_GRADUATE_H */
