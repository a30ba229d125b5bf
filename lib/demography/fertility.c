/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Age-specific fertility: TFR, mean age, rescaling, PASFR, regrouping, births, calibration. */

#include <math.h>

#include "ccap_private.h"

/* Largest group-average rate in births per woman-year (see ccap_fertility.h). */
#define RATE_MAX 1.0

/* CCAP_OK if every rate is finite and in [0, RATE_MAX]; *sum_out and *max_out receive
 * the sum and the largest rate. */
static int
check_rates(const double f[], size_t n, double *sum_out, double *max_out)
{
    double sum = 0.0, max = 0.0;
    size_t i;

    for (i = 0; i < n; i++) {
        if (!(f[i] >= 0.0 && f[i] <= RATE_MAX)) /* also false for NaN */
            return CCAP_EDOM;
        sum += f[i];
        if (f[i] > max)
            max = f[i];
    }
    *sum_out = sum;
    *max_out = max;
    return CCAP_OK;
}

/* CCAP_OK if every value is finite and >= 0. */
static int
check_counts(const double x[], size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (!isfinite(x[i]) || x[i] < 0.0)
            return CCAP_EDOM;
    }
    return CCAP_OK;
}

int
ccap_fertility_tfr(const double asfr[], size_t n_groups, size_t width, double *tfr_out)
{
    double sum, max;
    int status;

    if (tfr_out == NULL)
        return CCAP_EINVAL;
    *tfr_out = NAN;
    if (asfr == NULL || n_groups == 0 || width == 0)
        return CCAP_EINVAL;
    if ((status = check_rates(asfr, n_groups, &sum, &max)) != CCAP_OK)
        return status;
    *tfr_out = (double)width * sum;
    return CCAP_OK;
}

int
ccap_fertility_mean_age(const double asfr[], size_t n_groups, size_t first_age, size_t width,
                        double *mean_age_out)
{
    const double w = (double)width;
    double sum, max, weighted = 0.0;
    size_t g;
    int status;

    if (mean_age_out == NULL)
        return CCAP_EINVAL;
    *mean_age_out = NAN;
    if (asfr == NULL || n_groups == 0 || width == 0)
        return CCAP_EINVAL;
    if ((status = check_rates(asfr, n_groups, &sum, &max)) != CCAP_OK)
        return status;
    if (!(sum > 0.0))
        return CCAP_EDOM;
    for (g = 0; g < n_groups; g++)
        weighted += ((double)first_age + (double)g * w + 0.5 * w) * asfr[g];
    *mean_age_out = weighted / sum;
    return CCAP_OK;
}

int
ccap_fertility_scale_to_tfr(const double asfr[], size_t n_groups, size_t width, double target_tfr,
                            double asfr_out[])
{
    double sum, max, tfr, k;
    size_t g;
    int status;

    if (asfr == NULL || asfr_out == NULL || n_groups == 0 || width == 0) {
        if (asfr_out != NULL)
            ccap__fill_nan(asfr_out, n_groups);
        return CCAP_EINVAL;
    }
    status = check_rates(asfr, n_groups, &sum, &max);
    if (status == CCAP_OK && !(isfinite(target_tfr) && target_tfr >= 0.0))
        status = CCAP_EDOM;
    if (status != CCAP_OK) {
        ccap__fill_nan(asfr_out, n_groups);
        return status;
    }
    tfr = (double)width * sum;
    if (!(tfr > 0.0)) {
        /* No shape to keep: only a zero target can be met. */
        if (target_tfr > 0.0) {
            ccap__fill_nan(asfr_out, n_groups);
            return CCAP_EDOM;
        }
        for (g = 0; g < n_groups; g++)
            asfr_out[g] = 0.0;
        return CCAP_OK;
    }
    k = target_tfr / tfr;
    if (!(max * k <= RATE_MAX)) {
        ccap__fill_nan(asfr_out, n_groups);
        return CCAP_EDOM;
    }
    for (g = 0; g < n_groups; g++)
        asfr_out[g] = asfr[g] * k;
    return CCAP_OK;
}

int
ccap_fertility_from_pasfr(double tfr, const double pasfr_percent[], size_t n_groups, size_t width,
                          double sum_rtol, double asfr_out[])
{
    double sum = 0.0, max = 0.0, k;
    size_t g;

    if (pasfr_percent == NULL || asfr_out == NULL || n_groups == 0 || width == 0) {
        if (asfr_out != NULL)
            ccap__fill_nan(asfr_out, n_groups);
        return CCAP_EINVAL;
    }
    ccap__fill_nan(asfr_out, n_groups);
    if (!(isfinite(tfr) && tfr >= 0.0) || !(isfinite(sum_rtol) && sum_rtol >= 0.0))
        return CCAP_EDOM;
    for (g = 0; g < n_groups; g++) {
        const double p = pasfr_percent[g];

        if (!(p >= 0.0 && p <= 100.0))
            return CCAP_EDOM;
        sum += p;
        if (p > max)
            max = p;
    }
    if (!(fabs(sum - 100.0) <= sum_rtol * 100.0))
        return CCAP_EDOM;
    k = tfr / 100.0 / (double)width;
    if (!(max * k <= RATE_MAX))
        return CCAP_EDOM;
    for (g = 0; g < n_groups; g++)
        asfr_out[g] = pasfr_percent[g] * k;
    return CCAP_OK;
}

int
ccap_fertility_regroup(const double asfr_single[], const double women_single[], size_t n_single,
                       size_t width, double asfr_out[])
{
    size_t n_groups, g, i;
    double sum, max;
    int status;

    if (asfr_single == NULL || asfr_out == NULL || n_single == 0 || width == 0 ||
        n_single % width != 0) {
        if (asfr_out != NULL && width != 0)
            ccap__fill_nan(asfr_out, n_single / width);
        return CCAP_EINVAL;
    }
    n_groups = n_single / width;
    ccap__fill_nan(asfr_out, n_groups);
    if ((status = check_rates(asfr_single, n_single, &sum, &max)) != CCAP_OK)
        return status;
    if (women_single != NULL && (status = check_counts(women_single, n_single)) != CCAP_OK)
        return status;
    for (g = 0; g < n_groups; g++) {
        const double *f = asfr_single + g * width;
        double births = 0.0, exposure = 0.0;

        if (women_single == NULL) {
            for (i = 0; i < width; i++)
                births += f[i];
            asfr_out[g] = births / (double)width;
            continue;
        }
        for (i = 0; i < width; i++) {
            births += f[i] * women_single[g * width + i];
            exposure += women_single[g * width + i];
        }
        if (!isfinite(exposure) || !isfinite(births)) {
            ccap__fill_nan(asfr_out, n_groups);
            return CCAP_ERANGE;
        }
        if (!(exposure > 0.0)) {
            ccap__fill_nan(asfr_out, n_groups);
            return CCAP_EDOM;
        }
        /* A weighted mean of values in [0, 1] stays there; min() guards the last ulp. */
        asfr_out[g] = fmin(births / exposure, RATE_MAX);
    }
    return CCAP_OK;
}

/* Σ f·W after validation; CCAP_ERANGE when it overflows. */
static int
exposure_births(const double asfr[], const double women[], size_t n_groups, double *max_out,
                double *births_out)
{
    double sum, births = 0.0;
    size_t g;
    int status;

    if ((status = check_rates(asfr, n_groups, &sum, max_out)) != CCAP_OK)
        return status;
    if ((status = check_counts(women, n_groups)) != CCAP_OK)
        return status;
    for (g = 0; g < n_groups; g++)
        births += asfr[g] * women[g];
    if (!isfinite(births))
        return CCAP_ERANGE;
    *births_out = births;
    return CCAP_OK;
}

int
ccap_fertility_births(const double asfr[], const double women[], size_t n_groups,
                      double *births_out)
{
    double max, births;
    int status;

    if (births_out == NULL)
        return CCAP_EINVAL;
    *births_out = NAN;
    if (asfr == NULL || women == NULL || n_groups == 0)
        return CCAP_EINVAL;
    if ((status = exposure_births(asfr, women, n_groups, &max, &births)) != CCAP_OK)
        return status;
    *births_out = births;
    return CCAP_OK;
}

int
ccap_fertility_calibrate(const double asfr[], const double women[], size_t n_groups,
                         double births_observed, double *factor_out, double asfr_out[])
{
    double max, expected, k = NAN;
    size_t g;
    int status;

    if (factor_out != NULL)
        *factor_out = NAN;
    if (asfr == NULL || women == NULL || factor_out == NULL || n_groups == 0) {
        if (asfr_out != NULL)
            ccap__fill_nan(asfr_out, n_groups);
        return CCAP_EINVAL;
    }
    status = exposure_births(asfr, women, n_groups, &max, &expected);
    if (status == CCAP_OK && !(isfinite(births_observed) && births_observed >= 0.0))
        status = CCAP_EDOM;
    if (status == CCAP_OK && !(expected > 0.0))
        status = CCAP_EDOM; /* zero exposure: no schedule can produce the births */
    if (status == CCAP_OK) {
        k = births_observed / expected;
        if (!(max * k <= RATE_MAX))
            status = CCAP_EDOM;
    }
    if (status != CCAP_OK) {
        ccap__fill_nan(asfr_out, n_groups);
        return status;
    }
    if (asfr_out != NULL) {
        for (g = 0; g < n_groups; g++)
            asfr_out[g] = asfr[g] * k;
    }
    *factor_out = k;
    return CCAP_OK;
}

int
ccap_fertility_births_by_sex(double births, double srb_per_100, double *female_out,
                             double *male_out)
{
    if (female_out != NULL)
        *female_out = NAN;
    if (male_out != NULL)
        *male_out = NAN;
    if (female_out == NULL || male_out == NULL)
        return CCAP_EINVAL;
    if (!(isfinite(births) && births >= 0.0) || !(isfinite(srb_per_100) && srb_per_100 > 0.0))
        return CCAP_EDOM;
    /* Ratios first, so that no intermediate product can overflow. */
    *female_out = births * (100.0 / (100.0 + srb_per_100));
    *male_out = births * (srb_per_100 / (100.0 + srb_per_100));
    return CCAP_OK;
}
