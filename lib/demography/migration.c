/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Net migration: the Rogers-Castro model schedule, its integrals over age groups, and
 * spreading totals over sexes and ages. */

#include <math.h>

#include "ccap_private.h"

/* 10-point Gauss-Legendre rule on [-1, 1]: the positive roots of the Legendre polynomial
 * P10 and their weights (Abramowitz & Stegun 1964, table 25.4).  The rule is exact for
 * polynomials of degree 19; these are exact constants, not tuning values. */
static const double gl_node[5] = {
    0.1488743389816312108848260, 0.4333953941292471907992659, 0.6794095682990244062343274,
    0.8650633666889845107320967, 0.9739065285171717200779640,
};
static const double gl_weight[5] = {
    0.2955242247147528701738930, 0.2692667193099963550912269, 0.2190863625159820439955349,
    0.1494513491505805931457763, 0.0666713443086881375935688,
};

/* Sub-intervals are at most GL_STEP / max(alpha, lambda) years long.  In the variable
 * v = lambda (x - mu) a component is exp(-s v - e^(-v)), s = alpha / lambda; the step keeps
 * v and s v within 0.5 per sub-interval, where a 10-point rule is accurate to far below
 * double rounding (see ccap_migration.h and the tests). */
#define GL_STEP 0.5

ccap_migration_rc
ccap_migration_rc_default(void)
{
    /* Rogers & Castro (1981), fundamental parameters of the 7-parameter model. */
    ccap_migration_rc rc = {0};

    rc.a1 = 0.02;
    rc.alpha1 = 0.1;
    rc.a2 = 0.06;
    rc.alpha2 = 0.1;
    rc.mu2 = 20.0;
    rc.lambda2 = 0.4;
    rc.c = 0.003;
    return rc;
}

static int
in_range(double x, double lo, double hi)
{
    return x >= lo && x <= hi; /* false for NaN */
}

static int
age_ok(double x)
{
    return in_range(x, 0.0, CCAP_MIGRATION_AGE_MAX);
}

static int
rate_ok(double r)
{
    return r > 0.0 && r <= CCAP_MIGRATION_RATE_MAX;
}

/* A double-exponential component (labour force or retirement). */
static int
peak_ok(double a, double alpha, double mu, double lambda)
{
    if (!isfinite(a) || !isfinite(alpha) || !isfinite(mu) || !isfinite(lambda) || a < 0.0)
        return 0;
    return !(a > 0.0) || (rate_ok(alpha) && rate_ok(lambda) && age_ok(mu));
}

static int
rc_check(const ccap_migration_rc *rc)
{
    if (!isfinite(rc->a1) || !isfinite(rc->alpha1) || rc->a1 < 0.0)
        return CCAP_EDOM;
    if (rc->a1 > 0.0 && !in_range(rc->alpha1, 0.0, CCAP_MIGRATION_RATE_MAX))
        return CCAP_EDOM;
    if (!peak_ok(rc->a2, rc->alpha2, rc->mu2, rc->lambda2) ||
        !peak_ok(rc->a3, rc->alpha3, rc->mu3, rc->lambda3))
        return CCAP_EDOM;
    if (!(isfinite(rc->c) && rc->c >= 0.0))
        return CCAP_EDOM;
    return CCAP_OK;
}

/* exp(-alpha u - exp(-lambda u)), u = x - mu. */
static double
peak_shape(double alpha, double mu, double lambda, double x)
{
    const double u = x - mu;

    return exp(-alpha * u - exp(-lambda * u));
}

/* Integral of a * peak_shape over [lo, hi] by composite Gauss-Legendre. */
static double
peak_integral(double a, double alpha, double mu, double lambda, double lo, double hi)
{
    const double fastest = alpha > lambda ? alpha : lambda;
    double n_real, h, sum = 0.0;
    size_t n, k, i;

    if (!(a > 0.0) || !(hi > lo))
        return 0.0;
    /* (hi - lo) <= CCAP_MIGRATION_AGE_MAX and fastest <= CCAP_MIGRATION_RATE_MAX, so n is
     * at most 3000. */
    n_real = ceil((hi - lo) * fastest / GL_STEP);
    n = n_real < 1.0 ? 1 : (size_t)n_real;
    h = (hi - lo) / (double)n;
    for (k = 0; k < n; k++) {
        const double mid = lo + ((double)k + 0.5) * h;
        double part = 0.0;

        for (i = 0; i < 5; i++) {
            const double d = 0.5 * h * gl_node[i];
            part += gl_weight[i] * (peak_shape(alpha, mu, lambda, mid - d) +
                                    peak_shape(alpha, mu, lambda, mid + d));
        }
        sum += 0.5 * h * part;
    }
    return a * sum;
}

/* Integral of m(x) over [lo, hi], parameters and ages already checked. */
static double
integral(const ccap_migration_rc *rc, double lo, double hi)
{
    double sum = rc->c * (hi - lo);

    if (rc->a1 > 0.0) {
        if (rc->alpha1 > 0.0) /* a1 e^(-alpha1 lo) (1 - e^(-alpha1 (hi - lo))) / alpha1 */
            sum += rc->a1 * exp(-rc->alpha1 * lo) * -expm1(-rc->alpha1 * (hi - lo)) / rc->alpha1;
        else
            sum += rc->a1 * (hi - lo);
    }
    sum += peak_integral(rc->a2, rc->alpha2, rc->mu2, rc->lambda2, lo, hi);
    sum += peak_integral(rc->a3, rc->alpha3, rc->mu3, rc->lambda3, lo, hi);
    return sum;
}

int
ccap_migration_rc_eval(const ccap_migration_rc *rc, double age, double *m_out)
{
    double m;
    int status;

    if (m_out == NULL)
        return CCAP_EINVAL;
    *m_out = NAN;
    if (rc == NULL)
        return CCAP_EINVAL;
    if ((status = rc_check(rc)) != CCAP_OK)
        return status;
    if (!age_ok(age))
        return CCAP_EDOM;
    m = rc->c;
    if (rc->a1 > 0.0)
        m += rc->a1 * exp(-rc->alpha1 * age);
    if (rc->a2 > 0.0)
        m += rc->a2 * peak_shape(rc->alpha2, rc->mu2, rc->lambda2, age);
    if (rc->a3 > 0.0)
        m += rc->a3 * peak_shape(rc->alpha3, rc->mu3, rc->lambda3, age);
    if (!isfinite(m))
        return CCAP_ERANGE;
    *m_out = m;
    return CCAP_OK;
}

int
ccap_migration_rc_integral(const ccap_migration_rc *rc, double age_lo, double age_hi,
                           double *integral_out)
{
    double v;
    int status;

    if (integral_out == NULL)
        return CCAP_EINVAL;
    *integral_out = NAN;
    if (rc == NULL)
        return CCAP_EINVAL;
    if ((status = rc_check(rc)) != CCAP_OK)
        return status;
    if (!age_ok(age_lo) || !age_ok(age_hi) || age_hi < age_lo)
        return CCAP_EDOM;
    v = integral(rc, age_lo, age_hi);
    if (!isfinite(v))
        return CCAP_ERANGE;
    *integral_out = v;
    return CCAP_OK;
}

int
ccap_migration_rc_schedule(const ccap_migration_rc *rc, size_t n_groups, size_t width,
                           double upper_age, double schedule_out[])
{
    double open_age, total = 0.0;
    size_t g;
    int status;

    if (schedule_out == NULL)
        return CCAP_EINVAL;
    if (rc == NULL || n_groups == 0 || width == 0) {
        ccap__fill_nan(schedule_out, n_groups);
        return CCAP_EINVAL;
    }
    ccap__fill_nan(schedule_out, n_groups);
    if ((status = rc_check(rc)) != CCAP_OK)
        return status;
    open_age = (double)(n_groups - 1) * (double)width;
    if (!age_ok(upper_age) || !(upper_age > open_age))
        return CCAP_EDOM;
    for (g = 0; g < n_groups; g++) {
        const double lo = (double)g * (double)width;
        const double hi = g + 1 < n_groups ? lo + (double)width : upper_age;
        const double v = integral(rc, lo, hi);

        if (!isfinite(v)) {
            ccap__fill_nan(schedule_out, n_groups);
            return CCAP_ERANGE;
        }
        schedule_out[g] = v;
        total += v;
    }
    if (!isfinite(total)) {
        ccap__fill_nan(schedule_out, n_groups);
        return CCAP_ERANGE;
    }
    if (!(total > 0.0)) {
        ccap__fill_nan(schedule_out, n_groups);
        return CCAP_EDOM;
    }
    for (g = 0; g < n_groups; g++)
        schedule_out[g] /= total;
    return CCAP_OK;
}

/* Sum of a schedule: CCAP_EDOM for a bad value or an all-zero schedule, CCAP_ERANGE when the
 * sum overflows. */
static int
schedule_sum(const double s[], size_t n, double *sum_out)
{
    double sum = 0.0;
    size_t i;

    for (i = 0; i < n; i++) {
        if (!isfinite(s[i]) || s[i] < 0.0)
            return CCAP_EDOM;
        sum += s[i];
    }
    if (!isfinite(sum))
        return CCAP_ERANGE;
    if (!(sum > 0.0))
        return CCAP_EDOM;
    *sum_out = sum;
    return CCAP_OK;
}

int
ccap_migration_spread(double total, double female_share, const double schedule_female[],
                      const double schedule_male[], size_t n_groups, double female_out[],
                      double male_out[])
{
    const double *sm = schedule_male != NULL ? schedule_male : schedule_female;
    double sum_f = 0.0, sum_m = 0.0, total_f, total_m;
    size_t g;
    int status;

    if (schedule_female == NULL || female_out == NULL || male_out == NULL || n_groups == 0) {
        if (female_out != NULL)
            ccap__fill_nan(female_out, n_groups);
        if (male_out != NULL)
            ccap__fill_nan(male_out, n_groups);
        return CCAP_EINVAL;
    }
    ccap__fill_nan(female_out, n_groups);
    ccap__fill_nan(male_out, n_groups);
    if (!isfinite(total) || !in_range(female_share, 0.0, 1.0))
        return CCAP_EDOM;
    if ((status = schedule_sum(schedule_female, n_groups, &sum_f)) != CCAP_OK ||
        (status = schedule_sum(sm, n_groups, &sum_m)) != CCAP_OK)
        return status;
    /* The male part is the remainder, so that the two parts add up to the total. */
    total_f = total * female_share;
    total_m = total - total_f;
    for (g = 0; g < n_groups; g++) {
        female_out[g] = total_f * (schedule_female[g] / sum_f);
        male_out[g] = total_m * (sm[g] / sum_m);
    }
    return CCAP_OK;
}

int
ccap_migration_spread_rate(double rate_per_person, double population, double female_share,
                           const double schedule_female[], const double schedule_male[],
                           size_t n_groups, double female_out[], double male_out[])
{
    double total;

    if (schedule_female == NULL || female_out == NULL || male_out == NULL || n_groups == 0)
        return ccap_migration_spread(0.0, female_share, schedule_female, schedule_male, n_groups,
                                     female_out, male_out);
    if (!isfinite(rate_per_person) || !(isfinite(population) && population >= 0.0)) {
        ccap__fill_nan(female_out, n_groups);
        ccap__fill_nan(male_out, n_groups);
        return CCAP_EDOM;
    }
    total = rate_per_person * population;
    if (!isfinite(total)) {
        ccap__fill_nan(female_out, n_groups);
        ccap__fill_nan(male_out, n_groups);
        return CCAP_ERANGE;
    }
    return ccap_migration_spread(total, female_share, schedule_female, schedule_male, n_groups,
                                 female_out, male_out);
}
