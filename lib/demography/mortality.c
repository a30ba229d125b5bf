/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Mortality assumptions: Brass relational logit and Lee-Carter, with e0 solvers. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_vector.h>

#include "ccap_private.h"

struct ccap_mortality_workspace {
    size_t capacity;
    ccap_lifetable *lt; /* the table of the last schedule evaluated */
    double *buf;        /* capacity doubles: q or m of a schedule */
    gsl_root_fsolver *solver;
};

struct ccap_leecarter {
    size_t n_years, n_ages;
    int fitted;
    double explained;
    double *a, *b, *k; /* n_ages, n_ages, n_years */
    /* SVD storage: Z is rows x cols with rows >= cols (years x ages, or its transpose) */
    size_t rows, cols;
    double *z, *v, *s, *work; /* rows*cols, cols*cols, cols, cols */
};

/* ---- workspace ---- */

ccap_mortality_workspace *
ccap_mortality_workspace_alloc(size_t max_ages)
{
    ccap_mortality_workspace *ws;

    if (max_ages == 0 || max_ages > CCAP_LIFETABLE_AGES_MAX)
        return NULL;
    ws = calloc(1, sizeof *ws);
    if (ws == NULL)
        return NULL;
    ws->capacity = max_ages;
    ws->lt = ccap_lifetable_alloc(max_ages);
    ws->buf = calloc(max_ages, sizeof *ws->buf);
    if (ws->lt == NULL || ws->buf == NULL) {
        ccap_mortality_workspace_free(ws);
        return NULL;
    }
    ws->solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (ws->solver == NULL) {
        ccap_mortality_workspace_free(ws);
        return NULL;
    }
    return ws;
}

void
ccap_mortality_workspace_free(ccap_mortality_workspace *ws)
{
    if (ws == NULL)
        return;
    if (ws->solver != NULL)
        gsl_root_fsolver_free(ws->solver);
    ccap_lifetable_free(ws->lt);
    free(ws->buf);
    free(ws);
}

/* ---- solving e0(x) = target ---- */

/* Evaluate the schedule at x into ws->lt and give its e0.  CCAP_OK, or a status when x
 * gives no valid life table. */
typedef int (*e0_function)(ccap_mortality_workspace *ws, const void *model, double x,
                           double *e0_out);

typedef struct solve_ctx {
    ccap_mortality_workspace *ws;
    const void *model;
    e0_function fn;
    double target;
    int status; /* first failure seen inside the GSL solver */
} solve_ctx;

/* The function handed to GSL: always finite, so that GSL never calls its error handler;
 * a failed evaluation is recorded and reported as a root, and the caller checks status. */
static double
gsl_residual(double x, void *params)
{
    solve_ctx *c = params;
    double e0;
    int status = c->fn(c->ws, c->model, x, &e0);

    if (status != CCAP_OK) {
        if (c->status == CCAP_OK)
            c->status = status;
        return 0.0;
    }
    return e0 - c->target;
}

static int
same_value(double a, double b)
{
    return !(a < b) && !(a > b);
}

/* Find x with |e0(x) - target| < tol: bracket from x0 with doubling steps in both
 * directions, then Brent.  e0(x0) must have been checked to be valid by the caller (its
 * status is returned otherwise). */
static int
solve_e0(ccap_mortality_workspace *ws, const void *model, e0_function fn, double x0,
         double step, double target, double tol, size_t max_iter, double *x_out)
{
    solve_ctx ctx = {ws, model, fn, target, CCAP_OK};
    gsl_function gf;
    double e0, f0, lo = x0, hi = x0;
    double prev[2], fprev[2];
    int alive[2] = {1, 1}, bracketed = 0;
    size_t it;
    int status;

    if ((status = fn(ws, model, x0, &e0)) != CCAP_OK)
        return status;
    f0 = e0 - target;
    if (fabs(f0) < tol) {
        *x_out = x0;
        return CCAP_OK;
    }
    prev[0] = prev[1] = x0;
    fprev[0] = fprev[1] = f0;
    for (it = 0; it < max_iter && !bracketed && (alive[0] || alive[1]); it++, step *= 2.0) {
        int side;

        for (side = 0; side < 2 && !bracketed; side++) {
            const double x = side == 0 ? x0 + step : x0 - step;
            double f;

            if (!alive[side])
                continue;
            if (!isfinite(x) || fn(ws, model, x, &e0) != CCAP_OK) {
                alive[side] = 0; /* left the range of valid schedules */
                continue;
            }
            f = e0 - target;
            if (fabs(f) < tol) {
                *x_out = x;
                return CCAP_OK;
            }
            if ((f > 0.0) != (f0 > 0.0)) {
                lo = side == 0 ? prev[0] : x;
                hi = side == 0 ? x : prev[1];
                bracketed = 1;
            } else if (same_value(f, fprev[side])) {
                alive[side] = 0; /* saturated: e0 no longer changes in this direction */
            }
            prev[side] = x;
            fprev[side] = f;
        }
    }
    if (!bracketed)
        return CCAP_ENOTREACHED;

    /* lo < hi, e0 finite at both ends, and e0 - target of opposite signs: GSL's checks in
     * gsl_root_fsolver_set() all pass. */
    gf.function = gsl_residual;
    gf.params = &ctx;
    if (gsl_root_fsolver_set(ws->solver, &gf, lo, hi) != GSL_SUCCESS || ctx.status != CCAP_OK)
        return ctx.status != CCAP_OK ? ctx.status : CCAP_EINTERNAL;
    for (it = 0; it < max_iter; it++) {
        double x;

        if (gsl_root_fsolver_iterate(ws->solver) != GSL_SUCCESS)
            return CCAP_EINTERNAL;
        if (ctx.status != CCAP_OK)
            return ctx.status;
        x = gsl_root_fsolver_root(ws->solver);
        if ((status = fn(ws, model, x, &e0)) != CCAP_OK)
            return status;
        if (gsl_root_test_residual(e0 - target, tol) == GSL_SUCCESS) {
            *x_out = x;
            return CCAP_OK;
        }
        if (!(gsl_root_fsolver_x_lower(ws->solver) < gsl_root_fsolver_x_upper(ws->solver)))
            break; /* a jump of e0 across the target: no x within tol */
    }
    return CCAP_ENOTREACHED;
}

static int
check_solver_args(double e0_target, double e0_tol, size_t max_iter)
{
    if (max_iter == 0)
        return CCAP_EINVAL;
    if (!isfinite(e0_target) || !(e0_target > 0.0) || !isfinite(e0_tol) || !(e0_tol > 0.0))
        return CCAP_EDOM;
    return CCAP_OK;
}

/* ---- Brass relational logit ---- */

typedef struct brass_model {
    const ccap_lifetable *standard;
    double beta;
} brass_model;

static int
check_standard(const ccap_mortality_workspace *ws, const ccap_lifetable *standard)
{
    const size_t n = ccap_lifetable_n_ages(standard);
    const double *lx;
    size_t i;

    if (ws == NULL || standard == NULL)
        return CCAP_EINVAL;
    if (n == 0)
        return CCAP_ESTATE;
    if (n < 2 || n > ws->capacity)
        return CCAP_EINVAL;
    lx = ccap_lifetable_lx(standard);
    for (i = 0; i < n; i++) {
        if (!(lx[i] > 0.0))
            return CCAP_EDOM;
    }
    return CCAP_OK;
}

/* Probabilities of dying of the Brass schedule (alpha, beta) into q[0 .. n-1], then its
 * life table into ws->lt.  The standard has been checked. */
static int
brass_table(ccap_mortality_workspace *ws, const ccap_lifetable *standard, double alpha,
            double beta)
{
    const size_t n = ccap_lifetable_n_ages(standard);
    const double *lx = ccap_lifetable_lx(standard);
    const double *dx = ccap_lifetable_dx(standard);
    const double *qx = ccap_lifetable_qx(standard);
    const double *mx = ccap_lifetable_mx(standard);
    const double inv_c = exp(-2.0 * alpha); /* 1 / e^{2 alpha}; may be 0 or inf */
    double dead = 0.0;                      /* 1 - l_x of the standard, as a sum of deaths */
    double *q = ws->buf;
    ccap_sex sex;
    ccap_a0_rule rule;
    size_t i;

    for (i = 0; i + 1 < n; i++) {
        const double dead_next = dead + dx[i];
        const double odds_next = pow(dead_next / lx[i + 1], beta);
        double diff; /* o_{x+n}^beta - o_x^beta */

        if (dead > 0.0) {
            const double log_ratio = log1p(dx[i] / dead) - log1p(-qx[i]); /* ln(o_{x+n}/o_x) */

            diff = pow(dead / lx[i], beta) * expm1(beta * log_ratio);
        } else {
            diff = odds_next; /* o_x = 0 */
        }
        q[i] = diff > 0.0 ? diff / (inv_c + odds_next) : 0.0;
        if (!isfinite(q[i]))
            return CCAP_ERANGE;
        if (q[i] > 1.0)
            q[i] = 1.0; /* rounding only: diff <= odds_next */
        dead = dead_next;
    }
    q[n - 1] = 1.0;
    ccap_lifetable_sex(standard, &sex);
    ccap_lifetable_a0_rule(standard, &rule);
    return ccap_lifetable_from_qx(ws->lt, ccap_lifetable_ages(standard), q, n, mx[n - 1], sex,
                                  rule);
}

static int
brass_e0(ccap_mortality_workspace *ws, const void *model, double alpha, double *e0_out)
{
    const brass_model *bm = model;
    int status = brass_table(ws, bm->standard, alpha, bm->beta);

    if (status != CCAP_OK)
        return status;
    return ccap_lifetable_e0(ws->lt, e0_out);
}

int
ccap_mortality_brass_mx(ccap_mortality_workspace *ws, const ccap_lifetable *standard,
                        double alpha, double beta, double mx_out[], size_t n_mx)
{
    int status;

    ccap__fill_nan(mx_out, n_mx);
    if (mx_out == NULL)
        return CCAP_EINVAL;
    if ((status = check_standard(ws, standard)) != CCAP_OK)
        return status;
    if (n_mx != ccap_lifetable_n_ages(standard))
        return CCAP_EINVAL;
    if (!isfinite(alpha) || !isfinite(beta) || !(beta > 0.0))
        return CCAP_EDOM;
    if ((status = brass_table(ws, standard, alpha, beta)) != CCAP_OK)
        return status;
    memcpy(mx_out, ccap_lifetable_mx(ws->lt), n_mx * sizeof *mx_out);
    return CCAP_OK;
}

int
ccap_mortality_brass_alpha(ccap_mortality_workspace *ws, const ccap_lifetable *standard,
                           double beta, double e0_target, double e0_tol, size_t max_iter,
                           double *alpha_out)
{
    brass_model bm;
    int status;

    if (alpha_out == NULL)
        return CCAP_EINVAL;
    *alpha_out = NAN;
    if ((status = check_standard(ws, standard)) != CCAP_OK)
        return status;
    if ((status = check_solver_args(e0_target, e0_tol, max_iter)) != CCAP_OK)
        return status;
    if (!isfinite(beta) || !(beta > 0.0))
        return CCAP_EDOM;
    bm.standard = standard;
    bm.beta = beta;
    /* start at the standard's level; a first step of 1 on the logit scale multiplies the
     * odds of dying by e^2 */
    return solve_e0(ws, &bm, brass_e0, 0.0, 1.0, e0_target, e0_tol, max_iter, alpha_out);
}

/* ---- Lee-Carter ---- */

/* The per-dimension maxima bound the matrices (rows x cols, cols x cols) far below
 * CCAP_CELLS_MAX. */
_Static_assert((size_t)CCAP_MORTALITY_YEARS_MAX * CCAP_LIFETABLE_AGES_MAX * 2 +
                       2 * (CCAP_MORTALITY_YEARS_MAX + CCAP_LIFETABLE_AGES_MAX) <=
                   CCAP_CELLS_MAX,
               "a Lee-Carter fit of the largest sizes must fit CCAP_CELLS_MAX");

ccap_leecarter *
ccap_mortality_leecarter_alloc(size_t n_years, size_t n_ages)
{
    ccap_leecarter *lc;

    if (n_years < 2 || n_years > CCAP_MORTALITY_YEARS_MAX || n_ages < 2 ||
        n_ages > CCAP_LIFETABLE_AGES_MAX)
        return NULL;
    lc = calloc(1, sizeof *lc);
    if (lc == NULL)
        return NULL;
    lc->n_years = n_years;
    lc->n_ages = n_ages;
    lc->rows = n_years >= n_ages ? n_years : n_ages;
    lc->cols = n_years >= n_ages ? n_ages : n_years;
    /* the maxima keep every product far below CCAP_CELLS_MAX (see above) */
    lc->a = calloc(2 * n_ages + n_years, sizeof *lc->a);
    lc->z = calloc(lc->rows * lc->cols + lc->cols * lc->cols + 2 * lc->cols, sizeof *lc->z);
    if (lc->a == NULL || lc->z == NULL) {
        ccap_mortality_leecarter_free(lc);
        return NULL;
    }
    lc->b = lc->a + n_ages;
    lc->k = lc->b + n_ages;
    lc->v = lc->z + lc->rows * lc->cols;
    lc->s = lc->v + lc->cols * lc->cols;
    lc->work = lc->s + lc->cols;
    return lc;
}

void
ccap_mortality_leecarter_free(ccap_leecarter *lc)
{
    if (lc == NULL)
        return;
    free(lc->a);
    free(lc->z);
    free(lc);
}

int
ccap_mortality_leecarter_fit(ccap_leecarter *lc, const double mx[], size_t n_years,
                             size_t n_ages)
{
    const int by_year = n_years >= n_ages; /* Z is years x ages, else ages x years */
    gsl_matrix_view z, v;
    gsl_vector_view s, work;
    double sum_v = 0.0, total = 0.0;
    size_t t, x, i;

    if (lc == NULL || mx == NULL || n_years != lc->n_years || n_ages != lc->n_ages)
        return CCAP_EINVAL;
    for (i = 0; i < n_years * n_ages; i++) {
        if (!isfinite(mx[i]) || !(mx[i] > 0.0))
            return CCAP_EDOM;
    }
    lc->fitted = 0;
    for (x = 0; x < n_ages; x++) {
        double sum = 0.0;

        for (t = 0; t < n_years; t++)
            sum += log(mx[t * n_ages + x]);
        lc->a[x] = sum / (double)n_years;
    }
    for (t = 0; t < n_years; t++) {
        for (x = 0; x < n_ages; x++) {
            const double c = log(mx[t * n_ages + x]) - lc->a[x];

            lc->z[by_year ? t * n_ages + x : x * n_years + t] = c;
        }
    }

    /* Sizes: rows >= cols >= 2, V cols x cols, S and work of length cols: every check of
     * gsl_linalg_SV_decomp() passes; the entries are finite. */
    z = gsl_matrix_view_array(lc->z, lc->rows, lc->cols);
    v = gsl_matrix_view_array(lc->v, lc->cols, lc->cols);
    s = gsl_vector_view_array(lc->s, lc->cols);
    work = gsl_vector_view_array(lc->work, lc->cols);
    if (gsl_linalg_SV_decomp(&z.matrix, &v.matrix, &s.vector, &work.vector) != GSL_SUCCESS)
        return CCAP_ENUMERIC;

    for (i = 0; i < lc->cols; i++)
        total += lc->s[i] * lc->s[i];
    if (!(lc->s[0] > 0.0)) {
        /* no change over time: any b fits; take the flat one */
        for (x = 0; x < n_ages; x++)
            lc->b[x] = 1.0 / (double)n_ages;
        for (t = 0; t < n_years; t++)
            lc->k[t] = 0.0;
        lc->explained = 1.0;
        lc->fitted = 1;
        return CCAP_OK;
    }
    /* first left singular vector: column 0 of U (in z); first right one: column 0 of V */
    for (x = 0; x < n_ages; x++) {
        lc->b[x] = by_year ? lc->v[x * lc->cols] : lc->z[x * lc->cols];
        sum_v += lc->b[x];
    }
    if (!(fabs(sum_v) > 0.0))
        return CCAP_ERANGE;
    for (x = 0; x < n_ages; x++)
        lc->b[x] /= sum_v;
    for (t = 0; t < n_years; t++) {
        const double u = by_year ? lc->z[t * lc->cols] : lc->v[t * lc->cols];

        lc->k[t] = lc->s[0] * sum_v * u;
    }
    lc->explained = lc->s[0] * lc->s[0] / total;
    lc->fitted = 1;
    return CCAP_OK;
}

const double *
ccap_mortality_leecarter_a(const ccap_leecarter *lc)
{
    return lc == NULL || !lc->fitted ? NULL : lc->a;
}

const double *
ccap_mortality_leecarter_b(const ccap_leecarter *lc)
{
    return lc == NULL || !lc->fitted ? NULL : lc->b;
}

const double *
ccap_mortality_leecarter_k(const ccap_leecarter *lc)
{
    return lc == NULL || !lc->fitted ? NULL : lc->k;
}

int
ccap_mortality_leecarter_explained(const ccap_leecarter *lc, double *share_out)
{
    if (share_out == NULL)
        return CCAP_EINVAL;
    *share_out = NAN;
    if (lc == NULL)
        return CCAP_EINVAL;
    if (!lc->fitted)
        return CCAP_ESTATE;
    *share_out = lc->explained;
    return CCAP_OK;
}

/* m(x) = exp(a + b k) into out[]; CCAP_ERANGE if a rate overflows. */
static int
leecarter_rates(const ccap_leecarter *lc, double k, double out[])
{
    size_t x;

    for (x = 0; x < lc->n_ages; x++) {
        out[x] = exp(lc->a[x] + lc->b[x] * k);
        if (!isfinite(out[x]))
            return CCAP_ERANGE;
    }
    return CCAP_OK;
}

int
ccap_mortality_leecarter_mx(const ccap_leecarter *lc, double k, double mx_out[], size_t n_mx)
{
    int status;

    ccap__fill_nan(mx_out, n_mx);
    if (lc == NULL || mx_out == NULL)
        return CCAP_EINVAL;
    if (!lc->fitted)
        return CCAP_ESTATE;
    if (n_mx != lc->n_ages)
        return CCAP_EINVAL;
    if (!isfinite(k))
        return CCAP_EDOM;
    if ((status = leecarter_rates(lc, k, mx_out)) != CCAP_OK) {
        ccap__fill_nan(mx_out, n_mx);
        return status;
    }
    return CCAP_OK;
}

typedef struct leecarter_model {
    const ccap_leecarter *lc;
    const size_t *ages;
    ccap_sex sex;
    ccap_a0_rule rule;
} leecarter_model;

static int
leecarter_e0(ccap_mortality_workspace *ws, const void *model, double k, double *e0_out)
{
    const leecarter_model *lm = model;
    const size_t n = lm->lc->n_ages;
    int status;

    if ((status = leecarter_rates(lm->lc, k, ws->buf)) != CCAP_OK)
        return status;
    if (!(ws->buf[n - 1] > 0.0))
        return CCAP_ERANGE; /* the open group's rate underflowed */
    status = ccap_lifetable_from_mx(ws->lt, lm->ages, ws->buf, n, lm->sex, lm->rule);
    if (status != CCAP_OK)
        return status;
    return ccap_lifetable_e0(ws->lt, e0_out);
}

int
ccap_mortality_leecarter_solve_k(ccap_mortality_workspace *ws, const ccap_leecarter *lc,
                                 const size_t ages[], size_t n_ages, ccap_sex sex,
                                 ccap_a0_rule rule, double e0_target, double e0_tol,
                                 size_t max_iter, double *k_out)
{
    leecarter_model lm;
    double step = 0.0, e0;
    size_t t;
    int status;

    if (k_out == NULL)
        return CCAP_EINVAL;
    *k_out = NAN;
    if (ws == NULL || lc == NULL || ages == NULL)
        return CCAP_EINVAL;
    if (!lc->fitted)
        return CCAP_ESTATE;
    if (n_ages != lc->n_ages || n_ages > ws->capacity)
        return CCAP_EINVAL;
    if ((status = check_solver_args(e0_target, e0_tol, max_iter)) != CCAP_OK)
        return status;
    lm.lc = lc;
    lm.ages = ages;
    lm.sex = sex;
    lm.rule = rule;
    /* validates ages, sex and rule (and the rates at k = 0) before any GSL call */
    if ((status = leecarter_e0(ws, &lm, 0.0, &e0)) != CCAP_OK)
        return status;
    for (t = 0; t < lc->n_years; t++) {
        if (fabs(lc->k[t]) > step)
            step = fabs(lc->k[t]);
    }
    if (!(step > 0.0))
        step = 1.0; /* k = 0 fitted throughout: any positive step brackets as well */
    return solve_e0(ws, &lm, leecarter_e0, 0.0, step, e0_target, e0_tol, max_iter, k_out);
}
