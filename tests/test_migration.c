/* SPDX-License-Identifier: GPL-3.0-or-later */
/* migration: Rogers-Castro schedule (values, integrals, age-group shares) and spreading.
 * Checked against closed forms derived by hand in the comments.
 *
 * Closed forms used below, for the double exponential g(x) = exp(-α (x-μ) - exp(-λ (x-μ))):
 * with t = exp(-λ (x-μ)) (so dx = -dt / (λ t) and exp(-α (x-μ)) = t^s, s = α/λ),
 *   ∫ g dx over [x0, x1] = (1/λ) ∫ t^(s-1) e^(-t) dt over [t1, t0]
 *                        = Γ(s)/λ · [P(s, t0) - P(s, t1)],
 * P the regularised lower incomplete gamma function; over the whole line it is Γ(s)/λ.
 * g'(x) = g(x) (-α + λ t) vanishes at t = s, i.e. at x* = μ + ln(λ/α)/λ, where
 * g(x*) = t*^s e^(-t*) = s^s e^(-s). */

#include <string.h>

#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>

#include "ccap_test.h"

static ccap_migration_rc
only_labour(void)
{
    ccap_migration_rc rc = ccap_migration_rc_default();

    rc.a1 = 0.0;
    rc.c = 0.0;
    return rc;
}

static void
test_migration__default_parameters(void)
{
    const ccap_migration_rc rc = ccap_migration_rc_default();

    /* Rogers & Castro (1981), fundamental parameters of the 7-parameter schedule. */
    CU_ASSERT_DOUBLE_EQUAL(rc.a1, 0.02, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(rc.alpha1, 0.1, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(rc.a2, 0.06, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(rc.alpha2, 0.1, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(rc.mu2, 20.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(rc.lambda2, 0.4, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(rc.a3, 0.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(rc.c, 0.003, 0.0);
}

static void
test_migration__labour_peak(void)
{
    const ccap_migration_rc labour = only_labour();
    const ccap_migration_rc full = ccap_migration_rc_default();
    /* x* = 20 + ln(0.4/0.1)/0.4 = 20 + 3.4657 = 23.4657 */
    const double x_star = 20.0 + log(4.0) / 0.4;
    double m = 0.0, left = 0.0, right = 0.0, slope;

    /* m(x*) = a2 s^s e^-s with s = 0.25: 0.06 · 0.70711 · 0.77880 = 0.033042 */
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&labour, x_star, &m), CCAP_OK);
    CCAP_ASSERT_REL(m, 0.06 * pow(0.25, 0.25) * exp(-0.25), 1e-15);
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&labour, x_star - 0.01, &left), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&labour, x_star + 0.01, &right), CCAP_OK);
    CU_ASSERT(left < m && right < m);
    /* At μ2 itself t = 1: m(20) = a2 e^-1 = 0.0220728 */
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&labour, 20.0, &m), CCAP_OK);
    CCAP_ASSERT_REL(m, 0.06 * exp(-1.0), 1e-15);

    /* Full schedule at x*: 0.033042 + a1 e^(-α1 x*) + c = 0.033042 + 0.02 · 0.095672 + 0.003
     * = 0.0379556 */
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&full, x_star, &m), CCAP_OK);
    CCAP_ASSERT_REL(m, 0.06 * pow(0.25, 0.25) * exp(-0.25) + 0.02 * exp(-0.1 * x_star) + 0.003,
                    1e-15);
    /* There the labour component is flat, so the slope is the childhood one,
     * -α1 a1 e^(-α1 x*) = -1.91e-4: the peak of the whole schedule lies a little younger.
     * Central difference with h = 1e-3: error h²/6 · |m'''| (≈ 1e-10 here) plus rounding
     * 2.2e-16 · 0.038 / h (≈ 1e-14), under 1e-9 relative to the slope, well within 1e-6. */
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&full, x_star - 1e-3, &left), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&full, x_star + 1e-3, &right), CCAP_OK);
    slope = (right - left) / 2e-3;
    CCAP_ASSERT_REL(slope, -0.1 * 0.02 * exp(-0.1 * x_star), 1e-6);
}

static void
test_migration__integrals_closed_form(void)
{
    ccap_migration_rc rc;
    double v = 0.0;

    /* Constant: c (hi - lo) = 0.0037 · 12.5 = 0.04625 */
    memset(&rc, 0, sizeof rc);
    rc.c = 0.0037;
    CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&rc, 17.5, 30.0, &v), CCAP_OK);
    CCAP_ASSERT_REL(v, 0.04625, 1e-15);
    /* Childhood: a1/α1 (e^(-α1 lo) - e^(-α1 hi)) = 0.025/0.137 (e^(-0.137·2) - e^(-0.137·7)) */
    memset(&rc, 0, sizeof rc);
    rc.a1 = 0.025;
    rc.alpha1 = 0.137;
    CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&rc, 2.0, 7.0, &v), CCAP_OK);
    CCAP_ASSERT_REL(v, 0.025 / 0.137 * (exp(-0.274) - exp(-0.959)), 1e-14);
    /* α1 = 0: a constant a1 */
    rc.alpha1 = 0.0;
    CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&rc, 2.0, 7.0, &v), CCAP_OK);
    CCAP_ASSERT_REL(v, 0.125, 1e-15);
    CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&rc, 7.0, 7.0, &v), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(v, 0.0, 0.0);

    /* Labour component over the whole line: a2 Γ(s)/λ2.  With α2 = 0.5, λ2 = 0.8, μ2 = 40
     * the tails outside [0, 150] are below e^(-e^32) on the left and e^(-0.5·110)/0.5
     * = 2.6e-24 on the right: Γ(0.625) · 0.071 / 0.8. */
    memset(&rc, 0, sizeof rc);
    rc.a2 = 0.071;
    rc.alpha2 = 0.5;
    rc.mu2 = 40.0;
    rc.lambda2 = 0.8;
    CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&rc, 0.0, 150.0, &v), CCAP_OK);
    CCAP_ASSERT_REL(v, 0.071 * gsl_sf_gamma(0.625) / 0.8, 1e-14);
    /* Retirement component alone, α3 = 1, λ3 = 0.6, μ3 = 67: a3 Γ(5/3)/0.6 (tails below
     * e^(-e^40) and e^(-83)). */
    memset(&rc, 0, sizeof rc);
    rc.a3 = 0.0042;
    rc.alpha3 = 1.0;
    rc.mu3 = 67.0;
    rc.lambda3 = 0.6;
    CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&rc, 0.0, 150.0, &v), CCAP_OK);
    CCAP_ASSERT_REL(v, 0.0042 * gsl_sf_gamma(1.0 / 0.6) / 0.6, 1e-14);

    /* Default labour component over [0, 100]: t0 = e^(0.4·20) = e^8 gives P(0.25, e^8) = 1
     * to double precision, t1 = e^(-0.4·80) = e^-32:
     * 0.06 Γ(0.25)/0.4 · (1 - P(0.25, e^-32)) = 0.54364 */
    rc = only_labour();
    CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&rc, 0.0, 100.0, &v), CCAP_OK);
    CCAP_ASSERT_REL(
        v, 0.06 * gsl_sf_gamma(0.25) / 0.4 * (1.0 - gsl_sf_gamma_inc_P(0.25, exp(-32.0))), 1e-14);
}

/* Each 5-year group of the default labour component against Γ(s)/λ [P(s,t0) - P(s,t1)].
 * GSL's P and Q are accurate to a few ulps, but their difference loses digits where they are
 * close; we take the difference of the smaller pair.  Groups holding less than 1e-12 of the
 * total are skipped (there the closed form is mostly cancellation).  Agreement to 1e-13. */
static void
test_migration__groups_against_incomplete_gamma(void)
{
    const ccap_migration_rc rc = only_labour();
    const double s = 0.25, lambda = 0.4, mu = 20.0;
    const double whole = gsl_sf_gamma(s) / lambda;
    double lo;

    for (lo = 0.0; lo < 150.0; lo += 5.0) {
        const double t0 = exp(-lambda * (lo - mu)), t1 = exp(-lambda * (lo + 5.0 - mu));
        const double p0 = gsl_sf_gamma_inc_P(s, t0), p1 = gsl_sf_gamma_inc_P(s, t1);
        const double exact =
            0.06 * whole *
            (p1 < 0.5 ? p0 - p1 : gsl_sf_gamma_inc_Q(s, t1) - gsl_sf_gamma_inc_Q(s, t0));
        double v = 0.0;

        CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&rc, lo, lo + 5.0, &v), CCAP_OK);
        if (exact > 1e-12 * 0.06 * whole)
            CCAP_ASSERT_REL(v, exact, 1e-13);
    }
}

/* Workspace for the adaptive reference integration, allocated by the suite set-up. */
static gsl_integration_workspace *qag_work;

static int
suite_init(void)
{
    qag_work = gsl_integration_workspace_alloc(200);
    return qag_work == NULL;
}

static int
suite_clean(void)
{
    gsl_integration_workspace_free(qag_work);
    qag_work = NULL;
    return 0;
}

static double
qag_integrand(double x, void *params)
{
    const ccap_migration_rc *rc = params;
    double m = NAN;

    ccap_migration_rc_eval(rc, x, &m);
    return m;
}

/* A second, independent reference: GSL's adaptive 61-point Gauss-Kronrod integration of
 * ccap_migration_rc_eval(), asked for 1e-12 relative, for every 5-year group of a schedule
 * with all four components (retirement: a3 = 0.0042, α3 = 1, μ3 = 67, λ3 = 0.6). */
static void
test_migration__groups_against_adaptive_quadrature(void)
{
    ccap_migration_rc rc = ccap_migration_rc_default();
    double lo;

    rc.a3 = 0.0042;
    rc.alpha3 = 1.0;
    rc.mu3 = 67.0;
    rc.lambda3 = 0.6;
    for (lo = 0.0; lo < 150.0; lo += 5.0) {
        gsl_function f = {qag_integrand, &rc};
        double ref = 0.0, err = 0.0, v = 0.0;

        CU_ASSERT_EQUAL(gsl_integration_qag(&f, lo, lo + 5.0, 0.0, 1e-12, 200, GSL_INTEG_GAUSS61,
                                            qag_work, &ref, &err),
                        0);
        CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&rc, lo, lo + 5.0, &v), CCAP_OK);
        CCAP_ASSERT_REL(v, ref, 1e-12);
    }
}

static void
test_migration__schedule_sums_to_one(void)
{
    const ccap_migration_rc rc = ccap_migration_rc_default();
    double sched[18], sum = 0.0, v = 0.0;
    size_t g;

    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&rc, 18, 5, 100.0, sched), CCAP_OK);
    for (g = 0; g < 18; g++) {
        CU_ASSERT(sched[g] > 0.0);
        sum += sched[g];
    }
    CCAP_ASSERT_REL(sum, 1.0, 18 * 2.2e-16);
    /* Each share is the group's integral over the integral on [0, 100]. */
    {
        double total = 0.0;
        CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&rc, 0.0, 100.0, &total), CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&rc, 20.0, 25.0, &v), CCAP_OK);
        CCAP_ASSERT_REL(sched[4], v / total, 1e-14);
    }
}

/* The open group 85+ by hand.  Its integral over [85, U] is c (U - 85)
 * + a1/α1 (e^-8.5 - e^(-0.1 U)) + a2/α2 (e^-6.5 - e^(-0.1 (U - 20))): beyond 85 the factor
 * exp(-e^(-λ2 (x - μ2))) differs from 1 by at most e^(-26) = 5e-12, so the labour component
 * is a plain exponential there.  The total over [0, U] is c U + a1/α1 (1 - e^(-0.1 U))
 * + a2 Γ(0.25)/0.4 (1 - P(0.25, e^(-0.4 (U - 20)))), as in integrals_closed_form.
 * U = 100: 0.045732 / 1.043631 = 4.38%;  U = 110: 0.076140 / 1.077620 = 7.07%. */
static void
test_migration__open_group_by_hand(void)
{
    const ccap_migration_rc rc = ccap_migration_rc_default();
    const double uppers[2] = {100.0, 110.0};
    double sched[18], share[2] = {0.0, 0.0};
    size_t k;

    for (k = 0; k < 2; k++) {
        const double u = uppers[k];
        const double open = 0.003 * (u - 85.0) + 0.2 * (exp(-8.5) - exp(-0.1 * u)) +
                            0.6 * (exp(-6.5) - exp(-0.1 * (u - 20.0)));
        const double total =
            0.003 * u + 0.2 * (1.0 - exp(-0.1 * u)) +
            0.15 * gsl_sf_gamma(0.25) * (1.0 - gsl_sf_gamma_inc_P(0.25, exp(-0.4 * (u - 20.0))));

        CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&rc, 18, 5, u, sched), CCAP_OK);
        CCAP_ASSERT_REL(sched[17], open / total, 1e-10);
        share[k] = sched[17];
    }
    /* The 4.4% and 7.1% quoted in ccap_migration.h, to the rounding of one decimal. */
    CU_ASSERT(fabs(share[0] - 0.044) < 0.0005);
    CU_ASSERT(fabs(share[1] - 0.071) < 0.0005);
}

static void
test_migration__constant_is_flat(void)
{
    ccap_migration_rc rc;
    double sched[18];
    size_t g;

    memset(&rc, 0, sizeof rc);
    rc.c = 0.0031;
    /* Switched-off components are ignored whatever their shape (finite) values. */
    rc.alpha2 = 123.0;
    rc.mu2 = -7.0;
    rc.lambda3 = -1.0;
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&rc, 18, 5, 100.0, sched), CCAP_OK);
    /* Proportional to the widths: 5/100 for 0-4 ... 80-84, 15/100 for 85-99. */
    for (g = 0; g < 17; g++)
        CCAP_ASSERT_REL(sched[g], 0.05, 1e-15);
    CCAP_ASSERT_REL(sched[17], 0.15, 1e-15);
    /* One group: everything in it. */
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&rc, 1, 5, 60.0, sched), CCAP_OK);
    CCAP_ASSERT_REL(sched[0], 1.0, 1e-15);
}

static void
test_migration__childhood_is_geometric(void)
{
    ccap_migration_rc rc;
    double sched[18];
    size_t g;

    memset(&rc, 0, sizeof rc);
    rc.a1 = 0.027;
    rc.alpha1 = 0.093;
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&rc, 18, 5, 100.0, sched), CCAP_OK);
    /* ∫ over [x+5, x+10] = e^(-5 α1) · ∫ over [x, x+5]: closed groups fall by e^-0.465. */
    for (g = 0; g + 2 < 18; g++)
        CCAP_ASSERT_REL(sched[g + 1] / sched[g], exp(-5.0 * 0.093), 1e-14);
    /* 0-4 holds (1 - e^-0.465) / (1 - e^-9.3) of the total. */
    CCAP_ASSERT_REL(sched[0], -expm1(-0.465) / -expm1(-9.3), 1e-14);
}

/* A single-year schedule (0 ... 99, 100+) summed in blocks of 5 equals the 5-year schedule
 * (0-4 ... 95-99, 100+) with the same upper age: both are the same integrals, computed on
 * different sub-intervals, each to about 1e-15. */
static void
test_migration__single_years_sum_to_five_year(void)
{
    ccap_migration_rc rc = ccap_migration_rc_default();
    double single[101], five[21];
    size_t g, i;

    rc.a3 = 0.0042; /* with a retirement bump, to exercise every component */
    rc.alpha3 = 1.0;
    rc.mu3 = 67.0;
    rc.lambda3 = 0.6;
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&rc, 101, 1, 110.0, single), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&rc, 21, 5, 110.0, five), CCAP_OK);
    for (g = 0; g < 20; g++) {
        double sum = 0.0;
        for (i = 0; i < 5; i++)
            sum += single[5 * g + i];
        CCAP_ASSERT_REL(sum, five[g], 1e-13);
    }
    CCAP_ASSERT_REL(single[100], five[20], 1e-13);
}

static void
test_migration__level_does_not_matter(void)
{
    const ccap_migration_rc rc = ccap_migration_rc_default();
    ccap_migration_rc big = rc;
    double a[18], b[18];
    size_t g;

    big.a1 *= 7.3;
    big.a2 *= 7.3;
    big.c *= 7.3;
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&rc, 18, 5, 100.0, a), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&big, 18, 5, 100.0, b), CCAP_OK);
    for (g = 0; g < 18; g++)
        CCAP_ASSERT_REL(b[g], a[g], 1e-14);
}

static void
test_migration__spread_by_hand(void)
{
    const double counts[4] = {1.0, 2.0, 3.0, 4.0};   /* sum 10 */
    const double reversed[4] = {4.0, 3.0, 2.0, 1.0}; /* sum 10 */
    double f[4], m[4];

    /* Net emigration of 500, 40% women: women -200 · (0.1, 0.2, 0.3, 0.4),
     * men -300 · (0.1, 0.2, 0.3, 0.4). */
    CCAP_ASSERT_STATUS(ccap_migration_spread(-500.0, 0.4, counts, NULL, 4, f, m), CCAP_OK);
    CCAP_ASSERT_REL(f[0], -20.0, 1e-15);
    CCAP_ASSERT_REL(f[3], -80.0, 1e-15);
    CCAP_ASSERT_REL(m[1], -60.0, 1e-15);
    CCAP_ASSERT_REL(m[3], -120.0, 1e-15);
    /* A separate male schedule: men -300 · (0.4, 0.3, 0.2, 0.1). */
    CCAP_ASSERT_STATUS(ccap_migration_spread(-500.0, 0.4, counts, reversed, 4, f, m), CCAP_OK);
    CCAP_ASSERT_REL(f[2], -60.0, 1e-15);
    CCAP_ASSERT_REL(m[0], -120.0, 1e-15);
    CCAP_ASSERT_REL(m[3], -30.0, 1e-15);
    /* All women. */
    CCAP_ASSERT_STATUS(ccap_migration_spread(250.0, 1.0, counts, NULL, 4, f, m), CCAP_OK);
    CCAP_ASSERT_REL(f[3], 100.0, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(m[3], 0.0, 0.0);
}

static void
test_migration__spread_conserves_total(void)
{
    const ccap_migration_rc rc = ccap_migration_rc_default();
    double sched[18], f[18], m[18], sum_f = 0.0, sum_m = 0.0;
    size_t g;

    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&rc, 18, 5, 100.0, sched), CCAP_OK);
    /* 12345.6 net immigrants, 48% women: 5925.888 women and 6419.712 men. */
    CCAP_ASSERT_STATUS(ccap_migration_spread(12345.6, 0.48, sched, NULL, 18, f, m), CCAP_OK);
    for (g = 0; g < 18; g++) {
        sum_f += f[g];
        sum_m += m[g];
    }
    /* Sums of 18 terms: rounding below 18 · 2.2e-16 relative. */
    CCAP_ASSERT_REL(sum_f, 5925.888, 4e-15);
    CCAP_ASSERT_REL(sum_m, 6419.712, 4e-15);
    CCAP_ASSERT_REL(sum_f + sum_m, 12345.6, 4e-15);

    /* A rate: -0.0021 net migrants per person in a city of 9,713,112 (Nanyang, 2020 census)
     * is -20397.5352 persons. */
    sum_f = sum_m = 0.0;
    CCAP_ASSERT_STATUS(ccap_migration_spread_rate(-0.0021, 9713112.0, 0.5, sched, NULL, 18, f, m),
                       CCAP_OK);
    for (g = 0; g < 18; g++) {
        sum_f += f[g];
        sum_m += m[g];
    }
    CCAP_ASSERT_REL(sum_f + sum_m, -20397.5352, 4e-15);
    CCAP_ASSERT_REL(f[4], -20397.5352 / 2.0 * sched[4], 1e-15);
}

static void
test_migration__errors(void)
{
    const ccap_migration_rc good = ccap_migration_rc_default();
    ccap_migration_rc rc;
    const double sched[3] = {0.2, 0.5, 0.3};
    double v = 0.0, out[18], f[3], m[3];

    /* NULL and sizes */
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(NULL, 20.0, &v), CCAP_EINVAL);
    CU_ASSERT(isnan(v));
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&good, 20.0, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_migration_rc_integral(NULL, 0.0, 5.0, &v), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&good, 0.0, 5.0, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(NULL, 18, 5, 100.0, out), CCAP_EINVAL);
    CU_ASSERT(isnan(out[0]) && isnan(out[17]));
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&good, 18, 5, 100.0, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&good, 0, 5, 100.0, out), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&good, 18, 0, 100.0, out), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_migration_spread(10.0, 0.5, NULL, NULL, 3, f, m), CCAP_EINVAL);
    CU_ASSERT(isnan(f[0]) && isnan(m[2]));
    CCAP_ASSERT_STATUS(ccap_migration_spread(10.0, 0.5, sched, NULL, 3, NULL, m), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_migration_spread(10.0, 0.5, sched, NULL, 3, f, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_migration_spread(10.0, 0.5, sched, NULL, 0, f, m), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_migration_spread_rate(0.01, 1e4, 0.5, NULL, NULL, 3, f, m),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_migration_spread_rate(0.01, 1e4, 0.5, sched, NULL, 0, f, m),
                       CCAP_EINVAL);

    /* Parameters out of their domain */
    rc = good;
    rc.a2 = -0.06;
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&rc, 20.0, &v), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&rc, 18, 5, 100.0, out), CCAP_EDOM);
    CU_ASSERT(isnan(out[3]));
    rc = good;
    rc.lambda2 = 0.0;
    CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&rc, 0.0, 5.0, &v), CCAP_EDOM);
    rc.lambda2 = CCAP_MIGRATION_RATE_MAX * 1.5;
    CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&rc, 0.0, 5.0, &v), CCAP_EDOM);
    rc = good;
    rc.alpha2 = NAN;
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&rc, 20.0, &v), CCAP_EDOM);
    rc = good;
    rc.mu2 = -1.0;
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&rc, 20.0, &v), CCAP_EDOM);
    rc.mu2 = CCAP_MIGRATION_AGE_MAX + 1.0;
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&rc, 20.0, &v), CCAP_EDOM);
    rc = good;
    rc.alpha1 = -0.1;
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&rc, 20.0, &v), CCAP_EDOM);
    rc = good;
    rc.c = INFINITY;
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&rc, 20.0, &v), CCAP_EDOM);
    rc = good;
    rc.a3 = 0.001; /* retirement on, with its rates left at 0 */
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&rc, 20.0, &v), CCAP_EDOM);
    rc = good;
    rc.mu3 = NAN; /* even a switched-off component must be finite */
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&rc, 20.0, &v), CCAP_EDOM);
    CU_ASSERT(isnan(v));

    /* Ages */
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&good, -0.5, &v), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&good, NAN, &v), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&good, CCAP_MIGRATION_AGE_MAX + 0.5, &v), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&good, 10.0, 5.0, &v), CCAP_EDOM);
    CU_ASSERT(isnan(v));
    CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&good, 0.0, INFINITY, &v), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&good, 18, 5, 85.0, out), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&good, 18, 5, 84.0, out), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&good, 18, 5, NAN, out), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&good, 18, 10, 200.0, out), CCAP_EDOM);
    CU_ASSERT(isnan(out[0]));

    /* Nothing to normalise */
    memset(&rc, 0, sizeof rc);
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&rc, 18, 5, 100.0, out), CCAP_EDOM);
    CU_ASSERT(isnan(out[0]));

    /* Overflow: α2 = 10 with λ2 = 0.01 at 150 years before μ2 is exp(1500 - e^1.5). */
    memset(&rc, 0, sizeof rc);
    rc.a2 = 1.0;
    rc.alpha2 = 10.0;
    rc.lambda2 = 0.01;
    rc.mu2 = 150.0;
    CCAP_ASSERT_STATUS(ccap_migration_rc_eval(&rc, 0.0, &v), CCAP_ERANGE);
    CU_ASSERT(isnan(v));
    CCAP_ASSERT_STATUS(ccap_migration_rc_integral(&rc, 0.0, 5.0, &v), CCAP_ERANGE);
    CCAP_ASSERT_STATUS(ccap_migration_rc_schedule(&rc, 18, 5, 100.0, out), CCAP_ERANGE);
    CU_ASSERT(isnan(out[0]));

    /* Spreading: share, total, schedules */
    CCAP_ASSERT_STATUS(ccap_migration_spread(10.0, -0.1, sched, NULL, 3, f, m), CCAP_EDOM);
    CU_ASSERT(isnan(f[1]) && isnan(m[1]));
    CCAP_ASSERT_STATUS(ccap_migration_spread(10.0, 1.1, sched, NULL, 3, f, m), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_migration_spread(10.0, NAN, sched, NULL, 3, f, m), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_migration_spread(NAN, 0.5, sched, NULL, 3, f, m), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_migration_spread(-INFINITY, 0.5, sched, NULL, 3, f, m), CCAP_EDOM);
    {
        const double negative[3] = {0.2, -0.5, 0.3};
        const double nan_one[3] = {0.2, NAN, 0.3};
        const double zeros[3] = {0.0, 0.0, 0.0};
        const double huge[3] = {1e308, 1e308, 0.0};
        CCAP_ASSERT_STATUS(ccap_migration_spread(10.0, 0.5, negative, NULL, 3, f, m), CCAP_EDOM);
        CCAP_ASSERT_STATUS(ccap_migration_spread(10.0, 0.5, sched, negative, 3, f, m), CCAP_EDOM);
        CCAP_ASSERT_STATUS(ccap_migration_spread(10.0, 0.5, nan_one, NULL, 3, f, m), CCAP_EDOM);
        CCAP_ASSERT_STATUS(ccap_migration_spread(10.0, 0.5, zeros, NULL, 3, f, m), CCAP_EDOM);
        CCAP_ASSERT_STATUS(ccap_migration_spread(10.0, 0.5, sched, zeros, 3, f, m), CCAP_EDOM);
        CU_ASSERT(isnan(f[0]) && isnan(m[0]));
        CCAP_ASSERT_STATUS(ccap_migration_spread(10.0, 0.5, huge, NULL, 3, f, m), CCAP_ERANGE);
    }
    CCAP_ASSERT_STATUS(ccap_migration_spread_rate(NAN, 1e4, 0.5, sched, NULL, 3, f, m), CCAP_EDOM);
    CU_ASSERT(isnan(f[2]) && isnan(m[2]));
    CCAP_ASSERT_STATUS(ccap_migration_spread_rate(0.01, -1e4, 0.5, sched, NULL, 3, f, m),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_migration_spread_rate(0.01, INFINITY, 0.5, sched, NULL, 3, f, m),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_migration_spread_rate(1e300, 1e10, 0.5, sched, NULL, 3, f, m),
                       CCAP_ERANGE);
    CCAP_ASSERT_STATUS(ccap_migration_spread_rate(0.01, 1e4, 2.0, sched, NULL, 3, f, m), CCAP_EDOM);
}

static CU_TestInfo migration_tests[] = {
    {"default_parameters", test_migration__default_parameters},
    {"labour_peak", test_migration__labour_peak},
    {"integrals_closed_form", test_migration__integrals_closed_form},
    {"groups_against_incomplete_gamma", test_migration__groups_against_incomplete_gamma},
    {"groups_against_adaptive_quadrature", test_migration__groups_against_adaptive_quadrature},
    {"schedule_sums_to_one", test_migration__schedule_sums_to_one},
    {"open_group_by_hand", test_migration__open_group_by_hand},
    {"constant_is_flat", test_migration__constant_is_flat},
    {"childhood_is_geometric", test_migration__childhood_is_geometric},
    {"single_years_sum_to_five_year", test_migration__single_years_sum_to_five_year},
    {"level_does_not_matter", test_migration__level_does_not_matter},
    {"spread_by_hand", test_migration__spread_by_hand},
    {"spread_conserves_total", test_migration__spread_conserves_total},
    {"errors", test_migration__errors},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "migration",
     .pInitFunc = suite_init,
     .pCleanupFunc = suite_clean,
     .pTests = migration_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
