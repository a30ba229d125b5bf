/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Population counts by region x sex x age group. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"
#include "../util/vmath.h"

struct ccap_population {
    size_t n_regions, n_ages, width;
    int year;
    ccap_date date;
    double *data;       /* [(region * 2 + sex) * n_ages + group] */
    unsigned char *has; /* per region: 1 once any count was set */
};

ccap_population *
ccap_population_alloc(size_t n_regions, size_t n_ages, size_t age_width)
{
    ccap_population *pop;
    size_t cells;

    if (n_regions == 0 || n_regions > CCAP_POPULATION_REGIONS_MAX || n_ages < 2 ||
        n_ages > CCAP_POPULATION_AGES_MAX || age_width == 0 ||
        age_width > CCAP_POPULATION_WIDTH_MAX ||
        CCAP__CELLS(&cells, sizeof *pop->data, n_regions, CCAP_N_SEXES, n_ages) != CCAP_OK)
        return NULL;
    pop = calloc(1, sizeof *pop);
    if (pop == NULL)
        return NULL;
    pop->data = calloc(cells, sizeof *pop->data);
    pop->has = calloc(n_regions, 1);
    if (pop->data == NULL || pop->has == NULL) {
        ccap_population_free(pop);
        return NULL;
    }
    pop->n_regions = n_regions;
    pop->n_ages = n_ages;
    pop->width = age_width;
    return pop;
}

void
ccap_population_free(ccap_population *pop)
{
    if (pop == NULL)
        return;
    free(pop->data);
    free(pop->has);
    free(pop);
}

size_t
ccap_population_n_regions(const ccap_population *pop)
{
    return pop == NULL ? 0 : pop->n_regions;
}

size_t
ccap_population_n_ages(const ccap_population *pop)
{
    return pop == NULL ? 0 : pop->n_ages;
}

size_t
ccap_population_age_width(const ccap_population *pop)
{
    return pop == NULL ? 0 : pop->width;
}

size_t
ccap_population_open_age(const ccap_population *pop)
{
    return pop == NULL ? 0 : (pop->n_ages - 1) * pop->width;
}

int
ccap_population_set_year(ccap_population *pop, int year)
{
    if (pop == NULL)
        return CCAP_EINVAL;
    pop->year = year;
    return CCAP_OK;
}

int
ccap_population_year(const ccap_population *pop)
{
    return pop == NULL ? 0 : pop->year;
}

int
ccap_population_set_date(ccap_population *pop, ccap_date date)
{
    if (pop == NULL)
        return CCAP_EINVAL;
    if (!(date.year == 0 && date.month == 0 && date.day == 0) && !ccap_date_is_valid(date))
        return CCAP_EDOM;
    pop->date = date;
    if (pop->year == 0)
        pop->year = date.year;
    return CCAP_OK;
}

ccap_date
ccap_population_date(const ccap_population *pop)
{
    static const ccap_date none = {0, 0, 0};

    return pop == NULL ? none : pop->date;
}

static int
sex_stored(ccap_sex sex)
{
    return sex == CCAP_SEX_FEMALE || sex == CCAP_SEX_MALE;
}

static double *
row(const ccap_population *pop, size_t region, ccap_sex sex)
{
    return pop->data + (region * CCAP_N_SEXES + (size_t)sex) * pop->n_ages;
}

double *
ccap__population_row(ccap_population *pop, size_t region, ccap_sex sex)
{
    return row(pop, region, sex);
}

void
ccap__population_set_has(ccap_population *pop, size_t region, int has)
{
    pop->has[region] = has != 0;
}

int
ccap_population_set(ccap_population *pop, size_t region, ccap_sex sex, size_t group,
                    double value)
{
    if (pop == NULL || region >= pop->n_regions || !sex_stored(sex) || group >= pop->n_ages)
        return CCAP_EINVAL;
    if (!isfinite(value) || value < 0.0)
        return CCAP_EDOM;
    row(pop, region, sex)[group] = value;
    pop->has[region] = 1;
    return CCAP_OK;
}

int
ccap_population_set_values(ccap_population *pop, size_t region, ccap_sex sex,
                           const double values[], size_t n_values)
{
    size_t g;

    if (pop == NULL || values == NULL || region >= pop->n_regions || !sex_stored(sex) ||
        n_values != pop->n_ages)
        return CCAP_EINVAL;
    for (g = 0; g < n_values; g++) {
        if (!isfinite(values[g]) || values[g] < 0.0)
            return CCAP_EDOM;
    }
    memcpy(row(pop, region, sex), values, n_values * sizeof *values);
    pop->has[region] = 1;
    return CCAP_OK;
}

double
ccap_population_get(const ccap_population *pop, size_t region, ccap_sex sex, size_t group)
{
    if (pop == NULL || region >= pop->n_regions || !sex_stored(sex) || group >= pop->n_ages ||
        !pop->has[region])
        return NAN;
    return row(pop, region, sex)[group];
}

const double *
ccap_population_values(const ccap_population *pop, size_t region, ccap_sex sex)
{
    if (pop == NULL || region >= pop->n_regions || !sex_stored(sex) || !pop->has[region])
        return NULL;
    return row(pop, region, sex);
}

int
ccap_population_has_region(const ccap_population *pop, size_t region)
{
    return pop != NULL && region < pop->n_regions && pop->has[region];
}

/* Translate an age range into groups [g_lo, g_hi). */
static int
age_groups(const ccap_population *pop, size_t age_lo, size_t age_hi, size_t *g_lo,
           size_t *g_hi)
{
    const size_t open_age = (pop->n_ages - 1) * pop->width;

    if (age_hi <= age_lo || age_lo % pop->width != 0 || age_lo > open_age)
        return CCAP_EDOM;
    if (age_hi == CCAP_AGE_OPEN) {
        *g_hi = pop->n_ages;
    } else {
        if (age_hi % pop->width != 0 || age_hi > open_age)
            return CCAP_EDOM;
        *g_hi = age_hi / pop->width;
    }
    *g_lo = age_lo / pop->width;
    return CCAP_OK;
}

int
ccap_population_sum_ages(const ccap_population *pop, size_t region, ccap_sex sex,
                         size_t age_lo, size_t age_hi, double *sum_out)
{
    size_t g_lo, g_hi, g;
    double sum = 0.0;
    int status;

    if (sum_out == NULL)
        return CCAP_EINVAL;
    *sum_out = NAN;
    if (pop == NULL || region >= pop->n_regions ||
        !(sex_stored(sex) || sex == CCAP_SEX_BOTH))
        return CCAP_EINVAL;
    if ((status = age_groups(pop, age_lo, age_hi, &g_lo, &g_hi)) != CCAP_OK)
        return status;
    if (!pop->has[region])
        return CCAP_ENOTFOUND;
    for (g = g_lo; g < g_hi; g++) {
        if (sex != CCAP_SEX_MALE)
            sum += row(pop, region, CCAP_SEX_FEMALE)[g];
        if (sex != CCAP_SEX_FEMALE)
            sum += row(pop, region, CCAP_SEX_MALE)[g];
    }
    *sum_out = sum;
    return CCAP_OK;
}

int
ccap_population_total(const ccap_population *pop, size_t region, ccap_sex sex,
                      double *total_out)
{
    return ccap_population_sum_ages(pop, region, sex, 0, CCAP_AGE_OPEN, total_out);
}

static int
regions_match(const ccap_population *pop, const ccap_regions *regions)
{
    if (pop == NULL || regions == NULL || ccap_regions_count(regions) != pop->n_regions)
        return CCAP_EINVAL;
    if (!ccap_regions_is_finished(regions))
        return CCAP_ESTATE;
    return CCAP_OK;
}

int
ccap_population_children_sum(const ccap_population *pop, const ccap_regions *regions,
                             size_t region, ccap_sex sex, size_t age_lo, size_t age_hi,
                             double *sum_out)
{
    size_t n_children, k;
    double sum = 0.0, part;
    int status;

    if (sum_out == NULL)
        return CCAP_EINVAL;
    *sum_out = NAN;
    if ((status = regions_match(pop, regions)) != CCAP_OK)
        return status;
    if (region >= pop->n_regions)
        return CCAP_EINVAL;
    n_children = ccap_regions_n_children(regions, region);
    if (n_children == 0)
        return CCAP_ENOTFOUND;
    for (k = 0; k < n_children; k++) {
        status = ccap_population_sum_ages(pop, ccap_regions_child(regions, region, k), sex,
                                          age_lo, age_hi, &part);
        if (status != CCAP_OK)
            return status;
        sum += part;
    }
    *sum_out = sum;
    return CCAP_OK;
}

int
ccap_population_aggregate(ccap_population *pop, const ccap_regions *regions,
                          size_t *n_filled_out)
{
    size_t k, n_filled = 0;
    int status;

    if (n_filled_out != NULL)
        *n_filled_out = 0;
    if ((status = regions_match(pop, regions)) != CCAP_OK)
        return status;
    /* Reverse pre-order visits every child before its parent. */
    for (k = pop->n_regions; k-- > 0;) {
        const size_t r = ccap_regions_preorder(regions, k);
        const size_t n_children = ccap_regions_n_children(regions, r);
        size_t c, s, g;

        if (n_children == 0 || pop->has[r])
            continue;
        for (c = 0; c < n_children; c++) {
            if (!pop->has[ccap_regions_child(regions, r, c)])
                break;
        }
        if (c < n_children)
            continue;
        for (s = 0; s < CCAP_N_SEXES; s++) {
            double *dst = row(pop, r, (ccap_sex)s);
            for (g = 0; g < pop->n_ages; g++)
                dst[g] = 0.0;
            for (c = 0; c < n_children; c++) {
                const double *src = row(pop, ccap_regions_child(regions, r, c), (ccap_sex)s);
#pragma omp simd
                for (g = 0; g < pop->n_ages; g++)
                    dst[g] += src[g];
            }
        }
        pop->has[r] = 1;
        n_filled++;
    }
    if (n_filled_out != NULL)
        *n_filled_out = n_filled;
    return CCAP_OK;
}

double
ccap_population_time(const ccap_population *pop)
{
    double t;

    if (pop == NULL)
        return NAN;
    if (ccap_date_decimal_year(pop->date, &t) == CCAP_OK)
        return t;
    if (pop->year == 0)
        return NAN;
    return (double)pop->year;
}

static int
same_shape(const ccap_population *a, const ccap_population *b)
{
    return a->n_regions == b->n_regions && a->n_ages == b->n_ages && a->width == b->width;
}

int
ccap__population_copy(ccap_population *dst, const ccap_population *src)
{
    if (dst == NULL || src == NULL || !same_shape(dst, src))
        return CCAP_EINVAL;
    memcpy(dst->data, src->data, src->n_regions * CCAP_N_SEXES * src->n_ages * sizeof *dst->data);
    memcpy(dst->has, src->has, src->n_regions);
    dst->year = src->year;
    dst->date = src->date;
    return CCAP_OK;
}

double
ccap__population_fraction(const ccap_population *from, const ccap_population *to, ccap_date date)
{
    double t, t0, t1;

    if (from == NULL || to == NULL)
        return NAN;
    t0 = ccap_population_time(from);
    t1 = ccap_population_time(to);
    if (ccap_date_decimal_year(date, &t) != CCAP_OK || !(t1 > t0) || t < t0 || t > t1)
        return NAN;
    return (t - t0) / (t1 - t0);
}

void
ccap__population_interpolate_rows(const ccap_population *from, const ccap_population *to, double u,
                                  const unsigned char *rows, ccap_population *out)
{
    size_t r, s;

    for (r = 0; r < out->n_regions; r++) {
        out->has[r] = from->has[r] && to->has[r];
        if (!out->has[r] || (rows != NULL && !rows[r]))
            continue;
        for (s = 0; s < CCAP_N_SEXES; s++)
            ccap__interp_exp(row(from, r, (ccap_sex)s), row(to, r, (ccap_sex)s), u,
                             row(out, r, (ccap_sex)s), out->n_ages);
    }
}

int
ccap_population_interpolate(const ccap_population *from, const ccap_population *to, ccap_date date,
                            ccap_population *out)
{
    double u;

    if (from == NULL || to == NULL || out == NULL || !same_shape(from, to) ||
        !same_shape(from, out))
        return CCAP_EINVAL;
    if (isnan(u = ccap__population_fraction(from, to, date)))
        return CCAP_EDOM;
    ccap__population_interpolate_rows(from, to, u, NULL, out);
    out->year = date.year;
    out->date = date;
    return CCAP_OK;
}

int
ccap_population_regroup(const ccap_population *src, ccap_population *dst)
{
    size_t r, s, g;

    if (src == NULL || dst == NULL || src->n_regions != dst->n_regions)
        return CCAP_EINVAL;
    if (dst->width % src->width != 0 ||
        ccap_population_open_age(dst) > ccap_population_open_age(src))
        return CCAP_EDOM;
    for (r = 0; r < src->n_regions; r++) {
        dst->has[r] = src->has[r];
        for (s = 0; s < CCAP_N_SEXES; s++) {
            const double *in = row(src, r, (ccap_sex)s);
            double *out = row(dst, r, (ccap_sex)s);

            for (g = 0; g < dst->n_ages; g++)
                out[g] = 0.0;
            for (g = 0; g < src->n_ages; g++) {
                size_t d = g * src->width / dst->width;
                out[d < dst->n_ages ? d : dst->n_ages - 1] += in[g];
            }
        }
    }
    dst->year = src->year;
    dst->date = src->date;
    return CCAP_OK;
}
