/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Calibration of a city's projection assumptions to its published births, deaths and
 * year-end populations (ccap_calibrate.h; docs/methods.md, "Calibration").
 *
 * Parameters, for every region that publishes a measure ("owner") and every projection
 * step s (starting at t0 + s, t0 the base's decimal year):
 *   kf[r][s]  factor on the national fertility rates,
 *   km[r][s]  level on the national death rates,
 *   lm[r][s]  crude net migration rate per person and year (times the age profile).
 * A leaf follows, for each measure, the nearest region at or above it that publishes it.
 * Fitting is a fixed-point iteration over one projection of the published period: each
 * fitted step's factor is multiplied by published / model, each interval's migration rate
 * moved by the missing persons over the migrants a unit rate would bring; births are
 * exactly proportional to their step's factor, deaths and populations nearly, so a few
 * dozen rounds meet every figure to 1e-9.
 */

#include "ccap_private.h"

#include <ccap/ccap_calibrate.h>
#include <ccap/ccap_graduate.h>
#include <ccap/ccap_migration.h>
#include <ccap/ccap_reverse.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_MEASURES 3 /* fertility (births), mortality (deaths), migration (population) */
#define M_FERT 0
#define M_MORT 1
#define M_MIG 2
#define NO_OWNER ((size_t)-1)
#define MAX_ROUNDS 500
#define FIT_TOLERANCE 1e-10
#define DEFAULT_HORIZON 20
#define DEFAULT_CHILD_AGES 3
#define BASE_TOLERANCE 1e-10
#define BASE_MAX_ITER 10000

struct ccap_calibration {
    ccap_schedule *mortality, *fertility, *srb, *migration;
    ccap_calibration_row *rows;
    size_t n_rows, n_regions, n_steps;
    double t0;
    int base_year;
    size_t *follow[N_MEASURES]; /* [region]: the owner whose levels it reports */
    double *kf, *km, *lm, *tfr; /* [region][step], by owner */
    ccap_a0_rule a0;
    ccap_migration_timing timing;
};

void
ccap_calibrate_options_init(ccap_calibrate_options *options)
{
    if (options == NULL)
        return;
    memset(options, 0, sizeof *options);
    options->last_year = 0;
    options->fertility = CCAP_CALIBRATE_FERTILITY_NATIONAL;
    options->target_tfr = NAN;
    options->target_year = 0;
    options->profile = CCAP_CALIBRATE_PROFILE_SENDING;
    options->migration_scale = 1.0;
    options->a0 = CCAP_A0_ANDREEV_KINGKADE;
    options->timing = CCAP_MIGRATION_HALF;
    options->child_ages = DEFAULT_CHILD_AGES;
    options->warn = NULL;
    options->warn_data = NULL;
}

static void warn(const ccap_calibrate_options *o, unsigned long line, const char *field,
                 const char *fmt, ...) CCAP__PRINTF(4, 5);

/* A warning at `line` of the vital figures (0: none). */
static void
warn(const ccap_calibrate_options *o, unsigned long line, const char *field, const char *fmt, ...)
{
    ccap_diag d;
    va_list ap;

    if (o == NULL || o->warn == NULL)
        return;
    va_start(ap, fmt);
    ccap__diag_vset(&d, CCAP_OK, NULL, line, 0, field, fmt, ap);
    va_end(ap);
    o->warn(&d, o->warn_data);
}

/* ---- the age profile of net migration ---- */

static double
sending_value(double x)
{
    const double child = 0.005 * exp(-0.1 * x);
    const double labour = 0.06 * exp(-0.1 * (x - 20.0) - exp(-0.4 * (x - 20.0)));
    const double back = 0.008 * exp(-((x - 42.0) / 10.0) * ((x - 42.0) / 10.0));

    return child + labour - back;
}

int
ccap_calibrate_profile_values(ccap_calibrate_profile profile, size_t n_ages,
                              const double population[], double out[])
{
    double num = 0.0, den = 0.0;
    size_t a;

    if (out == NULL || n_ages < 2 || n_ages > CCAP_POPULATION_AGES_MAX)
        return CCAP_EINVAL;
    if (profile == CCAP_CALIBRATE_PROFILE_SENDING) {
        /* the mean over each single year (Simpson's rule on quarter years); the open
         * group is taken to the age of 110 and given per year of age */
        for (a = 0; a < n_ages; a++) {
            const double lo = (double)a, hi = a + 1 < n_ages ? (double)(a + 1) : 110.0;
            const size_t n = a + 1 < n_ages ? 4 : 40;
            const double h = (hi - lo) / (double)n;
            double s = sending_value(lo) + sending_value(hi);
            size_t k;
            for (k = 1; k < n; k++)
                s += (k % 2 == 1 ? 4.0 : 2.0) * sending_value(lo + h * (double)k);
            out[a] = s * h / 3.0 / (hi - lo);
        }
    } else if (profile == CCAP_CALIBRATE_PROFILE_ROGERS_CASTRO) {
        const ccap_migration_rc rc = ccap_migration_rc_default();
        int status = ccap_migration_rc_schedule(&rc, n_ages, 1, 110.0, out);
        if (status != CCAP_OK)
            return status;
        out[n_ages - 1] /= 110.0 - (double)(n_ages - 1);
    } else {
        return CCAP_EINVAL;
    }
    for (a = 0; a < n_ages; a++) {
        const double w = population == NULL ? 1.0 : population[a];
        if (!(w >= 0.0) || !isfinite(w))
            return CCAP_EDOM;
        num += w * out[a];
        den += w;
    }
    if (!(den > 0.0) || !(num > 0.0))
        return CCAP_EDOM;
    for (a = 0; a < n_ages; a++)
        out[a] *= den / num;
    return CCAP_OK;
}

/* ---- national schedules by time ---- */

/* The distinct years of a schedule's entries of one sex (or both), ascending. */
typedef struct periods {
    int *years;
    const double **values;
    size_t n;
} periods;

static int
periods_of(const ccap_schedule *s, ccap_sex sex, periods *p)
{
    const size_t n = ccap_schedule_count(s);
    size_t i, j;

    p->years = ccap__alloc(n + 1, sizeof *p->years);
    p->values = ccap__alloc(n + 1, sizeof *p->values);
    p->n = 0;
    if (p->years == NULL || p->values == NULL)
        return CCAP_ENOMEM;
    for (i = 0; i < n; i++) {
        size_t region;
        int year;
        ccap_sex x;
        const double *v;
        ccap_schedule_get(s, i, &region, &year, &x, &v);
        if (x != sex && !(x == CCAP_SEX_BOTH && sex != CCAP_SEX_BOTH))
            continue;
        /* the sex's own entry wins over `both`, as in a lookup */
        if (ccap_schedule_find(s, 0, year, sex, &v, NULL) != CCAP_OK)
            continue;
        for (j = 0; j < p->n && p->years[j] != year; j++)
            ;
        if (j < p->n)
            continue;
        for (j = p->n; j > 0 && p->years[j - 1] > year; j--) {
            p->years[j] = p->years[j - 1];
            p->values[j] = p->values[j - 1];
        }
        p->years[j] = year;
        p->values[j] = v;
        p->n++;
    }
    return CCAP_OK;
}

static void
periods_free(periods *p)
{
    free(p->years);
    free((void *)p->values);
    p->years = NULL;
    p->values = NULL;
}

/* Death rates at time t: log-linear between the midpoints of the periods, constant
 * before the first and after the last. */
static void
mx_at(const periods *p, size_t n, double t, double out[])
{
    size_t i, a;
    double mid_prev = 0.0;

    for (i = 0; i < p->n; i++) {
        const double len = i + 1 < p->n ? (double)(p->years[i + 1] - p->years[i])
                           : i > 0      ? (double)(p->years[i] - p->years[i - 1])
                                        : 5.0;
        const double mid = (double)p->years[i] + 0.5 * len;
        if (t <= mid) {
            if (i == 0) {
                memcpy(out, p->values[0], n * sizeof *out);
            } else {
                const double u = (t - mid_prev) / (mid - mid_prev);
                for (a = 0; a < n; a++) {
                    const double x0 = p->values[i - 1][a], x1 = p->values[i][a];
                    out[a] = x0 > 0.0 && x1 > 0.0 ? exp((1.0 - u) * log(x0) + u * log(x1))
                                                  : (1.0 - u) * x0 + u * x1;
                }
            }
            return;
        }
        mid_prev = mid;
    }
    memcpy(out, p->values[p->n - 1], n * sizeof *out);
}

/* A calendar year's values of a national schedule (latest entry not after it, else
 * the earliest). */
static const double *
by_year(const periods *p, int year)
{
    size_t i;

    for (i = p->n; i > 0; i--) {
        if (p->years[i - 1] <= year)
            return p->values[i - 1];
    }
    return p->values[0];
}

/* Rates of groups starting at ages[0 .. n_groups) (the first at 0, the last open) on
 * single years 0 .. n_ages−1: each year takes its group's rate, times k. */
static void
to_single_years(const size_t ages[], size_t n_groups, const double group[], double k, size_t n_ages,
                double out[])
{
    size_t a, g = 0;

    for (a = 0; a < n_ages; a++) {
        while (g + 1 < n_groups && ages[g + 1] <= a)
            g++;
        out[a] = k * group[g];
    }
}

/* ---- the working state ---- */

typedef struct figure {
    size_t vital, region;
    int year, measure;            /* M_FERT, M_MORT, M_MIG */
    int rate;                     /* published as a rate per 1,000 */
    ccap_vitals_measure vmeasure; /* as published */
    unsigned long line;           /* its line in the file, 0 if none */
    double published, target, model;
    long step; /* the fitted step (fertility, mortality) or interval (migration) */
    ccap_calibration_use use;
} figure;

typedef struct cal {
    const ccap_regions *regions;
    const ccap_population *base;
    const ccap_calibrate_options *o;
    size_t n_regions, n_ages, n_steps, n_fit, n_fert, n_mort, fert_first_age;
    double t0;
    int base_year;
    int *leaf;                 /* [region] */
    size_t *owner[N_MEASURES]; /* [leaf region]: owning region or NO_OWNER */
    int *fitted[N_MEASURES];   /* [region][step]: that step's level is fitted */
    double *kf, *km, *lm;      /* [region][step] */
    double *profile;           /* [age] */
    periods nat_mx[2], nat_fert, nat_srb;
    const size_t *fert_ages, *mort_ages;
    size_t fert_end;
    double *nat_asfr;     /* [step][fert group] */
    double *nat_tfr;      /* [step] */
    double *nat_srb_step; /* [step] */
    double *nat_mx_step;  /* [step][sex][mort group] */
    figure *fig;
    size_t n_fig;
    ccap_projection *proj;
    ccap_rates_workspace *ws;
    ccap_population *scratch;
} cal;

#define AT(c, arr, r, s) ((arr)[(r) * (c)->n_steps + (s)])

static size_t
follow_of(const cal *c, size_t r, int m, const ccap_vitals *vitals)
{
    for (;;) {
        size_t i, parent;
        for (i = 0; i < ccap_vitals_count(vitals); i++) {
            ccap_vital v;
            ccap_vitals_get(vitals, i, &v);
            if (v.region != r)
                continue;
            if ((m == M_FERT &&
                 (v.measure == CCAP_VITALS_BIRTHS || v.measure == CCAP_VITALS_BIRTH_RATE)) ||
                (m == M_MORT &&
                 (v.measure == CCAP_VITALS_DEATHS || v.measure == CCAP_VITALS_DEATH_RATE)) ||
                (m == M_MIG && v.measure == CCAP_VITALS_POPULATION))
                return r;
        }
        if (ccap_regions_parent(c->regions, r, &parent) != CCAP_OK || parent == r ||
            parent >= c->n_regions)
            return NO_OWNER;
        r = parent;
    }
}

/* Is `leaf` at or below `r`? */
static int
below(const cal *c, size_t leaf, size_t r)
{
    for (;;) {
        size_t parent;
        if (leaf == r)
            return 1;
        if (ccap_regions_parent(c->regions, leaf, &parent) != CCAP_OK || parent >= c->n_regions)
            return 0;
        leaf = parent;
    }
}

/* Overlap in years of [a0, a1) and [b0, b1). */
static double
overlap(double a0, double a1, double b0, double b1)
{
    const double lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
    return hi > lo ? hi - lo : 0.0;
}

/* The step whose dominant calendar year is `year` (may be negative: before the base). */
static long
step_of_year(const cal *c, int year)
{
    return (long)floor((double)year - c->t0 + 0.5);
}

static int
step_year(const cal *c, size_t s)
{
    return (int)floor(c->t0 + (double)s + 0.5);
}

/* Sum of the base's women aged [lo, hi) of a region, single years. */
static double
base_sum(const cal *c, size_t r, ccap_sex sex, size_t lo, size_t hi)
{
    double v = 0.0;

    if (lo >= c->n_ages || hi <= lo)
        return 0.0;
    ccap_population_sum_ages(c->base, r, sex, lo, hi >= c->n_ages ? CCAP_AGE_OPEN : hi, &v);
    return v;
}

/* National fertility of a calendar year applied to the base's women of region r. */
static double
births_at_base_rates(const cal *c, size_t r, int year)
{
    const double *asfr = by_year(&c->nat_fert, year);
    double b = 0.0;
    size_t g;

    for (g = 0; g < c->n_fert; g++) {
        const size_t lo = c->fert_ages[g];
        const size_t hi = g + 1 < c->n_fert ? c->fert_ages[g + 1] : c->fert_end;
        b += asfr[g] * base_sum(c, r, CCAP_SEX_FEMALE, lo, hi);
    }
    return b;
}

/* National deaths of the calendar year on the base population of region r. */
static int
deaths_at_base_rates(const cal *c, size_t r, int year, double *out)
{
    double *mx = ccap__alloc(c->n_mort, sizeof *mx);
    double d = 0.0;
    int x;
    size_t g;

    if (mx == NULL)
        return CCAP_ENOMEM;
    for (x = 0; x < 2; x++) {
        const ccap_sex sex = x == 0 ? CCAP_SEX_FEMALE : CCAP_SEX_MALE;
        mx_at(&c->nat_mx[x], c->n_mort, (double)year + 0.5, mx);
        for (g = 0; g < c->n_mort; g++) {
            const size_t lo = c->mort_ages[g];
            const size_t hi = g + 1 < c->n_mort ? c->mort_ages[g + 1] : c->n_ages;
            d += mx[g] * base_sum(c, r, sex, lo, hi);
        }
    }
    free(mx);
    *out = d;
    return CCAP_OK;
}

/* ---- schedules from the parameters ---- */

static void
national_steps(cal *c)
{
    size_t s, g;
    int x;

    for (s = 0; s < c->n_steps; s++) {
        const double t = c->t0 + (double)s;
        const int y0 = (int)floor(t);
        const double w1 = t - (double)y0, w0 = 1.0 - w1;
        const double *f0 = by_year(&c->nat_fert, y0), *f1 = by_year(&c->nat_fert, y0 + 1);
        double tfr = 0.0;
        for (g = 0; g < c->n_fert; g++) {
            const size_t hi = g + 1 < c->n_fert ? c->fert_ages[g + 1] : c->fert_end;
            c->nat_asfr[s * c->n_fert + g] = w0 * f0[g] + w1 * f1[g];
            tfr += c->nat_asfr[s * c->n_fert + g] * (double)(hi - c->fert_ages[g]);
        }
        c->nat_tfr[s] = tfr;
        c->nat_srb_step[s] =
            w0 * by_year(&c->nat_srb, y0)[0] + w1 * by_year(&c->nat_srb, y0 + 1)[0];
        for (x = 0; x < 2; x++)
            mx_at(&c->nat_mx[x], c->n_mort, t + 0.5, &c->nat_mx_step[(s * 2 + x) * c->n_mort]);
    }
}

/* The owner most leaves follow for measure m (NO_OWNER possible). */
static size_t
star_of(const cal *c, int m)
{
    size_t best = NO_OWNER, best_n = 0, l, k;

    for (l = 0; l < c->n_regions; l++) {
        size_t n = 0;
        if (!c->leaf[l])
            continue;
        for (k = 0; k < c->n_regions; k++)
            n += c->leaf[k] && c->owner[m][k] == c->owner[m][l];
        if (n > best_n) {
            best_n = n;
            best = c->owner[m][l];
        }
    }
    return best;
}

static int
add_rows(const cal *c, ccap_schedule *sch, int m, size_t region, size_t o, double *buf)
{
    size_t s, a;
    int x, status = CCAP_OK;

    for (s = 0; s < c->n_steps && status == CCAP_OK; s++) {
        const int year = c->base_year + (int)s;
        if (m == M_FERT) {
            const double k = o == NO_OWNER ? 1.0 : AT(c, c->kf, o, s);
            for (a = 0; a < c->n_fert; a++)
                buf[a] = k * c->nat_asfr[s * c->n_fert + a];
            status = ccap_schedule_add(sch, region, year, CCAP_SEX_BOTH, buf, c->n_fert);
        } else if (m == M_MORT) {
            /* on the base's single years, constant within each national group */
            const double k = o == NO_OWNER ? 1.0 : AT(c, c->km, o, s);
            for (x = 0; x < 2 && status == CCAP_OK; x++) {
                to_single_years(c->mort_ages, c->n_mort,
                                &c->nat_mx_step[(s * 2 + (size_t)x) * c->n_mort], k, c->n_ages,
                                buf);
                status = ccap_schedule_add(sch, region, year, (ccap_sex)x, buf, c->n_ages);
            }
        } else {
            const double k = o == NO_OWNER ? 0.0 : AT(c, c->lm, o, s);
            for (a = 0; a < c->n_ages; a++)
                buf[a] = k * c->profile[a];
            for (x = 0; x < 2 && status == CCAP_OK; x++)
                status = ccap_schedule_add(sch, region, year, (ccap_sex)x, buf, c->n_ages);
        }
    }
    return status;
}

/* Build the four schedules of every step from the parameters. */
static int
build(const cal *c, ccap_schedule **fert, ccap_schedule **mort, ccap_schedule **srb,
      ccap_schedule **mig)
{
    static const size_t zero = 0;
    size_t *single = ccap__alloc(c->n_ages, sizeof *single);
    double *buf = ccap__alloc(c->n_ages + c->n_mort + c->n_fert, sizeof *buf);
    ccap_schedule *sch[N_MEASURES];
    size_t a, s;
    int m, status = CCAP_OK;

    *fert = *mort = *srb = *mig = NULL;
    if (single == NULL || buf == NULL) {
        free(single);
        free(buf);
        return CCAP_ENOMEM;
    }
    for (a = 0; a < c->n_ages; a++)
        single[a] = a;
    sch[M_FERT] = ccap_schedule_alloc(c->fert_ages, c->n_fert, c->fert_end);
    sch[M_MORT] = ccap_schedule_alloc(single, c->n_ages, CCAP_AGE_OPEN);
    sch[M_MIG] = ccap_schedule_alloc(single, c->n_ages, CCAP_AGE_OPEN);
    *srb = ccap_schedule_alloc(&zero, 1, CCAP_AGE_OPEN);
    if (sch[0] == NULL || sch[1] == NULL || sch[2] == NULL || *srb == NULL)
        status = CCAP_ENOMEM;
    for (m = 0; m < N_MEASURES && status == CCAP_OK; m++) {
        const size_t star = star_of(c, m);
        size_t l;
        status = add_rows(c, sch[m], m, CCAP_REGION_ALL, star, buf);
        for (l = 0; l < c->n_regions && status == CCAP_OK; l++) {
            if (c->leaf[l] && c->owner[m][l] != star)
                status = add_rows(c, sch[m], m, l, c->owner[m][l], buf);
        }
    }
    for (s = 0; s < c->n_steps && status == CCAP_OK; s++)
        status = ccap_schedule_add(*srb, CCAP_REGION_ALL, c->base_year + (int)s, CCAP_SEX_BOTH,
                                   &c->nat_srb_step[s], 1);
    free(single);
    free(buf);
    *fert = sch[M_FERT];
    *mort = sch[M_MORT];
    *mig = sch[M_MIG];
    if (status != CCAP_OK) {
        ccap_schedule_free(*fert);
        ccap_schedule_free(*mort);
        ccap_schedule_free(*srb);
        ccap_schedule_free(*mig);
        *fert = *mort = *srb = *mig = NULL;
    }
    return status;
}

/* ---- levels between the fitted years ---- */

typedef struct anchor {
    double year, value, tfr;
} anchor;

/* Fill the steps of owner o that no figure fits: log-linear between anchors (pre-base
 * figures and fitted steps), the first anchor before, the future rule after. */
static void
interpolate(cal *c, int m, size_t o, const anchor *pre, size_t n_pre, anchor *buf)
{
    double *p = m == M_FERT ? c->kf : c->km;
    size_t n = 0, i, s;

    for (i = 0; i < n_pre; i++)
        buf[n++] = pre[i];
    for (s = 0; s < c->n_steps; s++) {
        if (AT(c, c->fitted[m], o, s)) {
            buf[n].year = (double)step_year(c, s);
            buf[n].value = AT(c, p, o, s);
            buf[n].tfr = AT(c, p, o, s) * c->nat_tfr[s];
            n++;
        }
    }
    if (n == 0)
        return;
    for (s = 0; s < c->n_steps; s++) {
        const double y = (double)step_year(c, s);
        if (AT(c, c->fitted[m], o, s))
            continue;
        if (y <= buf[0].year) {
            AT(c, p, o, s) = buf[0].value;
        } else if (y >= buf[n - 1].year) {
            const anchor *last = &buf[n - 1];
            double v = last->value;
            if (m == M_FERT && c->o->fertility == CCAP_CALIBRATE_FERTILITY_HOLD) {
                v = last->tfr / c->nat_tfr[s];
            } else if (m == M_FERT && c->o->fertility == CCAP_CALIBRATE_FERTILITY_TARGET) {
                const double span = (double)c->o->target_year - last->year;
                const double u = span > 0.0 ? (y - last->year) / span : 1.0;
                v = (last->tfr + (c->o->target_tfr - last->tfr) * (u < 1.0 ? u : 1.0)) /
                    c->nat_tfr[s];
            }
            AT(c, p, o, s) = v;
        } else {
            for (i = 1; i < n && buf[i].year < y; i++)
                ;
            {
                const double u = (y - buf[i - 1].year) / (buf[i].year - buf[i - 1].year);
                AT(c, p, o, s) = exp((1.0 - u) * log(buf[i - 1].value) + u * log(buf[i].value));
            }
        }
    }
}

/* ---- model values ---- */

/* Events of measure m (births or deaths) in calendar year y over the leaves below r that
 * follow (own != 0) or do not follow (own == 0) r, as every output counts them
 * (ccap_projection_year_events(): the overlapping shares of the steps on their own dates).
 * NAN when the year is not wholly within the projected steps. */
static double
events(const cal *c, int m, size_t r, int own, int y)
{
    double sum = 0.0;
    size_t l;

    for (l = 0; l < c->n_regions; l++) {
        double v = NAN;
        if (!c->leaf[l] || !below(c, l, r) || (c->owner[m][l] == r) != (own != 0))
            continue;
        if (ccap_projection_year_events(c->proj, l, y, CCAP_SEX_BOTH, m == M_FERT ? &v : NULL,
                                        m == M_FERT ? NULL : &v, NULL) != CCAP_OK)
            return NAN;
        sum += v;
    }
    return sum;
}

/* Residents of the leaves below r (own as for events()) at decimal year t (>= t0). */
static int
residents(cal *c, size_t r, int own, int m, double t, double *out)
{
    const ccap_population *pop = c->base;
    size_t l;

    *out = 0.0;
    if (t > c->t0 + 1e-9) {
        /* 1 January or 1 July: the figures are at those dates */
        const ccap_date d = {(int)floor(t), (t - floor(t)) * 365.0 > 100.0 ? 7 : 1, 1};
        int status = ccap_projection_population_at(c->proj, d, c->scratch);
        if (status != CCAP_OK)
            return status;
        pop = c->scratch;
    }
    for (l = 0; l < c->n_regions; l++) {
        double v = 0.0;
        if (c->leaf[l] && below(c, l, r) && (own < 0 || (c->owner[m][l] == r) == (own != 0))) {
            ccap_population_total(pop, l, CCAP_SEX_BOTH, &v);
            *out += v;
        }
    }
    return CCAP_OK;
}

/* Mean residents of calendar year y below r: at 1 July, or the base's before it. */
static int
mean_residents(cal *c, size_t r, int y, double *out)
{
    const double mid = (double)y + 0.5;
    return residents(c, r, -1, 0, mid > c->t0 ? mid : c->t0, out);
}

/* Migrants a unit crude rate brings to the leaves of r that follow it, over the steps of
 * interval (from, to]. */
static double
unit_migrants(const cal *c, size_t r, double from, double to)
{
    double sum = 0.0;
    size_t s, l, a;
    int x;

    for (s = 0; s < c->n_fit; s++) {
        const double w = overlap(c->t0 + (double)s, c->t0 + (double)s + 1.0, from, to);
        const ccap_population *p = ccap_projection_population(c->proj, s);
        if (w <= 0.0 || p == NULL)
            continue;
        for (l = 0; l < c->n_regions; l++) {
            if (!c->leaf[l] || c->owner[M_MIG][l] != r)
                continue;
            for (x = 0; x < 2; x++) {
                const double *v = ccap_population_values(p, l, (ccap_sex)x);
                for (a = 0; a < c->n_ages; a++)
                    sum += w * c->profile[a] * v[a];
            }
        }
    }
    return sum;
}

/* ---- the fit ---- */

static int
measure_of(ccap_vitals_measure v, int *rate)
{
    *rate = v == CCAP_VITALS_BIRTH_RATE || v == CCAP_VITALS_DEATH_RATE;
    return v == CCAP_VITALS_BIRTHS || v == CCAP_VITALS_BIRTH_RATE   ? M_FERT
           : v == CCAP_VITALS_DEATHS || v == CCAP_VITALS_DEATH_RATE ? M_MORT
                                                                    : M_MIG;
}

static int
owns_leaves(const cal *c, int m, size_t r)
{
    size_t l;
    for (l = 0; l < c->n_regions; l++) {
        if (c->leaf[l] && c->owner[m][l] == r)
            return 1;
    }
    return 0;
}

static int fail(ccap_diag *diag, int status, const cal *c, const figure *f, const char *fmt, ...)
    CCAP__PRINTF(5, 6);

static int
fail(ccap_diag *diag, int status, const cal *c, const figure *f, const char *fmt, ...)
{
    char text[CCAP_DIAG_MESSAGE_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return ccap__diag_set(diag, status, NULL, f->line, 0,
                          f->measure == M_FERT   ? "births"
                          : f->measure == M_MORT ? "deaths"
                                                 : "population",
                          "%s %d: %s", ccap_regions_code(c->regions, f->region), f->year, text);
}

/* Classify every figure: fitted step or interval, checked, unused.  Sets n_fit and the
 * fitted flags. */
static int
plan_figures(cal *c)
{
    size_t i, j;
    int pass;

    /* a population at or before the base cannot be projected */
    for (i = 0; i < c->n_fig; i++) {
        figure *f = &c->fig[i];
        if (f->measure == M_MIG && (double)f->year + 1.0 <= c->t0 + 1e-9)
            f->use = CCAP_CALIBRATION_UNUSED;
    }
    /* counts before rates, so that a count wins its step */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < c->n_fig; i++) {
            figure *f = &c->fig[i];
            if (f->rate != pass || f->use == CCAP_CALIBRATION_UNUSED)
                continue;
            f->use = CCAP_CALIBRATION_CHECKED;
            f->step = -1;
            if (!owns_leaves(c, f->measure, f->region))
                continue;
            if (f->measure == M_MIG) {
                f->use = CCAP_CALIBRATION_FITTED;
                continue;
            }
            if ((double)f->year + 1e-9 < c->t0) {
                f->use = CCAP_CALIBRATION_CHECKED; /* an anchor before the base */
                continue;
            }
            f->step = step_of_year(c, f->year);
            if (f->step < 0 || (size_t)f->step >= c->n_steps ||
                AT(c, c->fitted[f->measure], f->region, (size_t)f->step))
                continue;
            AT(c, c->fitted[f->measure], f->region, (size_t)f->step) = 1;
            f->use = CCAP_CALIBRATION_FITTED;
        }
    }
    /* populations: one interval per figure of an owner; a second figure of the same
     * year is checked */
    (void)0;
    for (i = 0; i < c->n_fig; i++) {
        figure *f = &c->fig[i];
        if (f->measure != M_MIG || f->use != CCAP_CALIBRATION_FITTED)
            continue;
        for (j = 0; j < i; j++) {
            if (c->fig[j].measure == M_MIG && c->fig[j].use == CCAP_CALIBRATION_FITTED &&
                c->fig[j].region == f->region && c->fig[j].year == f->year)
                f->use = CCAP_CALIBRATION_CHECKED;
        }
    }
    return CCAP_OK;
}

/* Does figure g count among the areas below figure f: the same measure and year, a
 * region strictly below f's, a published count (fitted == 0) or a fitted figure
 * (fitted != 0)? */
static int
part_of(const cal *c, const figure *f, const figure *g, int fitted)
{
    return g != f && g->measure == f->measure && g->year == f->year && g->region != f->region &&
           below(c, g->region, f->region) &&
           (fitted ? g->use == CCAP_CALIBRATION_FITTED : !g->rate);
}

/* Is figure g one of the highest such parts of f (no other part between them)? */
static int
top_part(const cal *c, const figure *f, const figure *g, int fitted)
{
    size_t p;

    if (!part_of(c, f, g, fitted))
        return 0;
    for (p = 0; p < c->n_fig; p++) {
        const figure *h = &c->fig[p];
        if (h != g && h->region != g->region && part_of(c, f, h, fitted) &&
            below(c, g->region, h->region))
            return 0;
    }
    return 1;
}

/* A figure must exceed the sum of the same figures of the areas below it (those with no
 * figure between them and it): checked on the published values, before any fit. */
static int
check_parts(const cal *c, ccap_diag *diag)
{
    size_t i, j;

    for (i = 0; i < c->n_fig; i++) {
        const figure *f = &c->fig[i];
        double sum = 0.0;
        char names[256] = "";
        size_t len = 0;
        if (f->rate)
            continue;
        for (j = 0; j < c->n_fig; j++) {
            const figure *g = &c->fig[j];
            if (!top_part(c, f, g, 0))
                continue;
            sum += g->published;
            if (len + 40 < sizeof names)
                len += (size_t)snprintf(names + len, sizeof names - len, "%s%s %.15g",
                                        len > 0 ? ", " : "",
                                        ccap_regions_code(c->regions, g->region), g->published);
        }
        if (sum > f->published)
            return fail(diag, CCAP_EDOM, c, f,
                        "the published %.15g is less than the %.15g of the areas below it "
                        "(%s): check the figures of that year",
                        f->published, sum, names);
    }
    return CCAP_OK;
}

/* The interval of a fitted population figure: from the previous fitted figure of the
 * same owner (or the base) to its year's end. */
static double
interval_start(const cal *c, const figure *f)
{
    double from = c->t0;
    size_t j;

    for (j = 0; j < c->n_fig; j++) {
        const figure *g = &c->fig[j];
        const double t = (double)g->year + 1.0;
        if (g->measure == M_MIG && g->use == CCAP_CALIBRATION_FITTED && g->region == f->region &&
            g->year < f->year && t > from)
            from = t;
    }
    return from;
}

/* Migration rates by step from the fitted intervals: a step takes the rate of the
 * interval holding its midpoint; after the last interval, the last rate times scale. */
static void
migration_steps(cal *c, size_t o, const double *level_of_fig)
{
    size_t s, i;

    for (s = 0; s < c->n_steps; s++) {
        const double mid = c->t0 + (double)s + 0.5;
        double best_end = INFINITY, last_end = -INFINITY, v = 0.0, last = 0.0;
        int found = 0;
        for (i = 0; i < c->n_fig; i++) {
            const figure *f = &c->fig[i];
            const double end = (double)f->year + 1.0;
            if (f->measure != M_MIG || f->use != CCAP_CALIBRATION_FITTED || f->region != o)
                continue;
            if (end >= mid && end < best_end && interval_start(c, f) < mid) {
                best_end = end;
                v = level_of_fig[i];
                found = 1;
            }
            if (end > last_end) {
                last_end = end;
                last = level_of_fig[i];
            }
        }
        if (!found) {
            /* after the last interval: the latest rate, times the scale for the steps that
             * start after the last figure's date (the step holding that date shapes it) */
            v = c->t0 + (double)s >= last_end - 1e-9 ? last * c->o->migration_scale : last;
        }
        AT(c, c->lm, o, s) = v;
    }
}

/* A fitted population figure whose interval holds no step's midpoint cannot move any
 * step: it is checked instead (say, the end of the census year after a November census). */
static void
drop_empty_intervals(cal *c)
{
    size_t i, s;
    int changed = 1;

    while (changed) {
        changed = 0;
        for (i = 0; i < c->n_fig; i++) {
            figure *f = &c->fig[i];
            const double end = (double)f->year + 1.0;
            double from;
            int any = 0;
            if (f->measure != M_MIG || f->use != CCAP_CALIBRATION_FITTED)
                continue;
            from = interval_start(c, f);
            for (s = 0; s < c->n_steps && !any; s++) {
                const double mid = c->t0 + (double)s + 0.5;
                any = mid > from && mid <= end;
            }
            if (!any) {
                f->use = CCAP_CALIBRATION_CHECKED;
                changed = 1;
            }
        }
    }
}

static void
cal_free(cal *c)
{
    int m, x;

    for (m = 0; m < N_MEASURES; m++) {
        free(c->owner[m]);
        free(c->fitted[m]);
    }
    for (x = 0; x < 2; x++)
        periods_free(&c->nat_mx[x]);
    periods_free(&c->nat_fert);
    periods_free(&c->nat_srb);
    free(c->leaf);
    free(c->kf);
    free(c->km);
    free(c->lm);
    free(c->profile);
    free(c->nat_asfr);
    free(c->nat_tfr);
    free(c->nat_srb_step);
    free(c->nat_mx_step);
    free(c->fig);
    ccap_projection_free(c->proj);
    ccap_rates_workspace_free(c->ws);
    ccap_population_free(c->scratch);
}

void
ccap_calibration_free(ccap_calibration *k)
{
    int m;

    if (k == NULL)
        return;
    ccap_schedule_free(k->mortality);
    ccap_schedule_free(k->fertility);
    ccap_schedule_free(k->srb);
    ccap_schedule_free(k->migration);
    for (m = 0; m < N_MEASURES; m++)
        free(k->follow[m]);
    free(k->rows);
    free(k->kf);
    free(k->km);
    free(k->lm);
    free(k->tfr);
    free(k);
}

/* Run the published period with the current parameters. */
static int
run(cal *c, ccap_diag *diag)
{
    ccap_schedule *fert, *mort, *srb, *mig;
    ccap_assumptions a;
    int status = build(c, &fert, &mort, &srb, &mig);

    if (status != CCAP_OK)
        return ccap__diag_set(diag, status, NULL, 0, 0, NULL, "cannot build the schedules");
    a.mortality = mort;
    a.fertility = fert;
    a.srb = srb;
    a.migration = NULL;
    a.migration_rates = mig;
    a.a0 = c->o->a0;
    a.timing = c->o->timing;
    status = ccap_projection_init(c->proj, c->base, c->regions);
    if (status == CCAP_OK)
        status = ccap_projection_run(c->proj, &a, c->regions, c->n_fit, c->ws, diag);
    ccap_schedule_free(fert);
    ccap_schedule_free(mort);
    ccap_schedule_free(srb);
    ccap_schedule_free(mig);
    if (status != CCAP_OK && diag != NULL) {
        /* the rates' own message, said to be of the published years */
        static const char prefix[] = "the projection of the published years: ";
        char message[CCAP_DIAG_MESSAGE_MAX];
        const size_t n = sizeof prefix - 1;

        memcpy(message, prefix, n);
        ccap__strlcpy_utf8(message + n, diag->message, sizeof message - n);
        memcpy(diag->message, message, sizeof message);
    }
    return status;
}

/* The model's value of a figure in its own unit (a rate per 1,000 for rates); also sets
 * f->target (the count the figure asks for) for fitted births and deaths. */
static int
model_value(cal *c, figure *f, double *own_out, double *other_out)
{
    int status = CCAP_OK;
    double own = 0.0, other = 0.0, mean = NAN;

    if (f->measure == M_MIG) {
        status = residents(c, f->region, 1, M_MIG, (double)f->year + 1.0, &own);
        if (status == CCAP_OK)
            status = residents(c, f->region, 0, M_MIG, (double)f->year + 1.0, &other);
        f->target = f->published;
        f->model = own + other;
    } else {
        own = events(c, f->measure, f->region, 1, f->year);
        other = events(c, f->measure, f->region, 0, f->year);
        if (f->rate) {
            status = mean_residents(c, f->region, f->year, &mean);
            f->target = f->published * mean / 1000.0;
            f->model = (own + other) / mean * 1000.0;
        } else {
            f->target = f->published;
            f->model = own + other;
        }
    }
    *own_out = own;
    *other_out = other;
    return status;
}

/* The fitted population figure of the same owner just before f, or NULL. */
static const figure *
previous_population(const cal *c, const figure *f)
{
    const figure *best = NULL;
    size_t j;

    for (j = 0; j < c->n_fig; j++) {
        const figure *g = &c->fig[j];
        if (g->measure == M_MIG && g->use == CCAP_CALIBRATION_FITTED && g->region == f->region &&
            g->year < f->year && (best == NULL || g->year > best->year))
            best = g;
    }
    return best;
}

/*
 * One round: project, compare, move every fitted level.  The areas below a figure that
 * have fitted figures of their own are taken at their published values (their own fit
 * meets them), so that a city's remaining leaves do not chase its counties' misses; an
 * interval's migration rate moves by the miss of its year-end less the miss carried from
 * the interval before (which that interval's own move removes).  *worst_out: the largest
 * relative miss before the move.
 */
static int
round_once(cal *c, double *level_of_fig, double *own, double *other, double *worst_out,
           size_t *worst_fig, ccap_diag *diag)
{
    size_t i, j, o;
    int status = run(c, diag);

    *worst_out = 0.0;
    for (i = 0; i < c->n_fig && status == CCAP_OK; i++) {
        figure *f = &c->fig[i];
        double miss;
        own[i] = other[i] = NAN;
        if (f->use != CCAP_CALIBRATION_FITTED || (f->measure != M_MIG && f->step < 0))
            continue;
        status = model_value(c, f, &own[i], &other[i]);
        if (status != CCAP_OK)
            return ccap__diag_set(diag, status, NULL, 0, 0, NULL, "interpolation failed");
        miss = fabs(own[i] + other[i] - f->target) / f->target;
        if (!(miss <= *worst_out)) {
            *worst_out = miss;
            *worst_fig = i;
        }
    }
    for (i = 0; i < c->n_fig && status == CCAP_OK; i++) {
        figure *f = &c->fig[i];
        double rest;
        if (!isfinite(own[i]))
            continue;
        /* the other areas as their own figures will be */
        rest = other[i];
        for (j = 0; j < c->n_fig; j++) {
            if (isfinite(own[j]) && top_part(c, f, &c->fig[j], 1))
                rest += c->fig[j].target - (own[j] + other[j]);
        }
        if (f->measure == M_MIG) {
            const figure *prev = previous_population(c, f);
            const double from = interval_start(c, f), to = (double)f->year + 1.0;
            const double unit = unit_migrants(c, f->region, from, to);
            double carried = 0.0;
            if (prev != NULL) {
                const size_t pi = (size_t)(prev - c->fig);
                if (isfinite(own[pi]))
                    carried = prev->target - own[pi] - other[pi];
            }
            if (!(unit > 0.0))
                return fail(diag, CCAP_EDOM, c, f, "no residents to migrate");
            level_of_fig[i] += (f->target - rest - own[i] - carried) / unit;
            if (!(fabs(level_of_fig[i]) < 0.5))
                return fail(diag, CCAP_EDOM, c, f,
                            "the population would need a net migration of %.0f per 1,000 "
                            "residents a year: check it against the census and the births "
                            "and deaths",
                            1000.0 * level_of_fig[i]);
        } else {
            double *p = f->measure == M_FERT ? c->kf : c->km;
            if (!(own[i] > 0.0))
                return fail(diag, CCAP_EDOM, c, f,
                            f->measure == M_FERT ? "no women of childbearing age"
                                                 : "no one to die");
            if (!(f->target - rest > 0.0))
                continue; /* checked against the published parts before the rounds */
            AT(c, p, f->region, (size_t)f->step) *= (f->target - rest) / own[i];
            if (!(AT(c, p, f->region, (size_t)f->step) < 100.0))
                return fail(diag, CCAP_EDOM, c, f,
                            "the published %.15g needs %g times the national rates", f->published,
                            AT(c, p, f->region, (size_t)f->step));
        }
    }
    for (o = 0; o < c->n_regions && status == CCAP_OK; o++) {
        if (owns_leaves(c, M_MIG, o))
            migration_steps(c, o, level_of_fig);
    }
    return status;
}

/* Anchors before the base of owner o and measure m (fertility, mortality), by year. */
static int
pre_anchors(cal *c, int m, size_t o, anchor *out, size_t *n_out)
{
    size_t i, n = 0, j, l;

    for (i = 0; i < c->n_fig; i++) {
        const figure *f = &c->fig[i];
        double expected = 0.0, count = f->published, total = 0.0;
        anchor a;
        if (f->measure != m || f->region != o || (double)f->year + 1e-9 >= c->t0)
            continue;
        if (f->rate) {
            ccap_population_total(c->base, o, CCAP_SEX_BOTH, &total);
            count = f->published * total / 1000.0;
        }
        /* the leaves that follow o, against what the figure leaves after the areas below
         * it with figures of their own (as after the base) */
        for (l = 0; l < c->n_regions; l++) {
            double e = 0.0;
            int status = CCAP_OK;
            if (!c->leaf[l] || (f->rate ? !below(c, l, o) : c->owner[m][l] != o))
                continue; /* a rate is of the whole region */
            if (m == M_FERT)
                e = births_at_base_rates(c, l, f->year);
            else
                status = deaths_at_base_rates(c, l, f->year, &e);
            if (status != CCAP_OK)
                return status;
            expected += e;
        }
        for (j = 0; j < c->n_fig && !f->rate; j++) {
            if (top_part(c, f, &c->fig[j], 0))
                count -= c->fig[j].published;
        }
        if (!(expected > 0.0) || !(count > 0.0))
            continue;
        a.year = (double)f->year;
        a.value = count / expected;
        a.tfr = (double)NAN;
        if (m == M_FERT) {
            /* the TFR of the national rates of that year times the factor */
            const double *asfr = by_year(&c->nat_fert, f->year);
            size_t g;
            a.tfr = 0.0;
            for (g = 0; g < c->n_fert; g++) {
                const size_t hi = g + 1 < c->n_fert ? c->fert_ages[g + 1] : c->fert_end;
                a.tfr += a.value * asfr[g] * (double)(hi - c->fert_ages[g]);
            }
        }
        for (j = n; j > 0 && out[j - 1].year > a.year; j--)
            out[j] = out[j - 1];
        out[j] = a;
        n++;
    }
    *n_out = n;
    return CCAP_OK;
}

static int
check_inputs(const ccap_regions *regions, const ccap_population *base, const ccap_vitals *vitals,
             const ccap_calibrate_national *national, const ccap_calibrate_options *o,
             ccap_calibration **out, ccap_diag *diag)
{
    if (out != NULL)
        *out = NULL;
    if (regions == NULL || base == NULL || vitals == NULL || national == NULL || out == NULL ||
        national->mortality == NULL || national->fertility == NULL || national->srb == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "a required argument is NULL");
    if (!ccap_regions_is_finished(regions))
        return ccap__diag_set(diag, CCAP_ESTATE, NULL, 0, 0, NULL, "the regions are not finished");
    if (ccap_population_age_width(base) != 1 ||
        ccap_population_n_regions(base) != ccap_regions_count(regions) ||
        ccap_population_n_ages(base) < 2)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, "population",
                              "the base must have single years and every region");
    if (o->last_year != 0 &&
        (o->last_year < ccap_population_year(base) || o->last_year > CCAP_YEAR_MAX - 1))
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, "last_year",
                              "the last year %d is before the base year %d or after %d",
                              o->last_year, ccap_population_year(base), CCAP_YEAR_MAX - 1);
    if (!(fabs(o->migration_scale) <= 10.0))
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, "migration_scale",
                              "the migration scale must be within -10 to 10");
    if (o->fertility == CCAP_CALIBRATE_FERTILITY_TARGET &&
        (!(o->target_tfr >= 0.1 && o->target_tfr <= 10.0) ||
         o->target_year <= ccap_population_year(base) || o->target_year > CCAP_YEAR_MAX))
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, "target_tfr",
                              "a target TFR must be 0.1 to 10 and its year after the base");
    if ((unsigned)o->fertility > CCAP_CALIBRATE_FERTILITY_TARGET ||
        (unsigned)o->profile > CCAP_CALIBRATE_PROFILE_ROGERS_CASTRO)
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, NULL, "an unknown option value");
    return CCAP_OK;
}

/* Allocate and fill the working state up to the first run. */
static int
setup(cal *c, const ccap_regions *regions, const ccap_population *base, const ccap_vitals *vitals,
      const ccap_calibrate_national *national, const ccap_calibrate_options *o, ccap_diag *diag)
{
    const size_t n_fig = ccap_vitals_count(vitals);
    double *weights;
    size_t r, i, n_cells, max_mort;
    int m, x, status;

    c->regions = regions;
    c->base = base;
    c->o = o;
    c->n_regions = ccap_regions_count(regions);
    c->n_ages = ccap_population_n_ages(base);
    c->t0 = ccap_population_time(base);
    c->base_year = ccap_population_year(base);
    c->n_steps = (size_t)((o->last_year != 0 ? o->last_year : c->base_year + DEFAULT_HORIZON) -
                          c->base_year + 1);
    c->fert_ages = ccap_schedule_ages(national->fertility);
    c->n_fert = ccap_schedule_n_ages(national->fertility);
    c->fert_end = ccap_schedule_age_end(national->fertility);
    c->mort_ages = ccap_schedule_ages(national->mortality);
    c->n_mort = ccap_schedule_n_ages(national->mortality);
    if (c->fert_end == CCAP_AGE_OPEN || c->n_fert == 0 || c->n_mort == 0 || c->mort_ages[0] != 0 ||
        ccap_schedule_age_end(national->mortality) != CCAP_AGE_OPEN)
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, NULL,
                              "the national fertility rates need closed age groups and the "
                              "death rates an open grid from age 0");
    for (x = 0; x < 2; x++) {
        if ((status = periods_of(national->mortality, (ccap_sex)x, &c->nat_mx[x])) != CCAP_OK)
            return status;
        if (c->nat_mx[x].n == 0)
            return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, "mortality",
                                  "the national death rates have no %s entries",
                                  ccap_sex_name((ccap_sex)x));
    }
    if ((status = periods_of(national->fertility, CCAP_SEX_BOTH, &c->nat_fert)) != CCAP_OK ||
        (status = periods_of(national->srb, CCAP_SEX_BOTH, &c->nat_srb)) != CCAP_OK)
        return status;
    if (c->nat_fert.n == 0 || c->nat_srb.n == 0)
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, c->nat_fert.n == 0 ? "fertility" : "srb",
                              "the national %s has no entry for both sexes",
                              c->nat_fert.n == 0 ? "fertility" : "sex ratio at birth");
    /* the steps the published years need: to the end of the last calendar year */
    c->n_fit = 1;
    for (i = 0; i < n_fig; i++) {
        ccap_vital v;
        double end;
        ccap_vitals_get(vitals, i, &v);
        end = (double)v.year + 1.0;
        if ((v.measure == CCAP_VITALS_POPULATION || (double)v.year + 1e-9 >= c->t0) &&
            end > c->t0 + 1e-9 && (size_t)ceil(end - c->t0 - 1e-9) > c->n_fit)
            c->n_fit = (size_t)ceil(end - c->t0 - 1e-9);
    }
    if (c->n_fit > c->n_steps)
        c->n_steps = c->n_fit;
    n_cells = c->n_regions * c->n_steps;
    c->leaf = ccap__alloc(c->n_regions, sizeof *c->leaf);
    c->kf = ccap__alloc(n_cells, sizeof *c->kf);
    c->km = ccap__alloc(n_cells, sizeof *c->km);
    c->lm = ccap__alloc(n_cells, sizeof *c->lm);
    c->profile = ccap__alloc(c->n_ages, sizeof *c->profile);
    c->fig = ccap__alloc(n_fig + 1, sizeof *c->fig);
    weights = ccap__alloc(c->n_ages, sizeof *weights);
    for (m = 0; m < N_MEASURES; m++) {
        c->owner[m] = ccap__alloc(c->n_regions, sizeof *c->owner[m]);
        c->fitted[m] = ccap__alloc(n_cells, sizeof *c->fitted[m]);
        if (c->owner[m] == NULL || c->fitted[m] == NULL)
            status = CCAP_ENOMEM;
    }
    if (status != CCAP_OK || c->leaf == NULL || c->kf == NULL || c->km == NULL || c->lm == NULL ||
        c->profile == NULL || c->fig == NULL || weights == NULL) {
        free(weights);
        return ccap__diag_set(diag, CCAP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    }
    for (i = 0; i < n_cells; i++) {
        c->kf[i] = 1.0;
        c->km[i] = 1.0;
        c->lm[i] = 0.0;
        for (m = 0; m < N_MEASURES; m++)
            c->fitted[m][i] = 0;
    }
    /* the profile, weighted by the population of the top regions */
    for (i = 0; i < c->n_ages; i++)
        weights[i] = 0.0;
    for (r = 0; r < c->n_regions; r++) {
        c->leaf[r] = ccap_regions_n_children(regions, r) == 0;
        if (c->leaf[r]) {
            for (x = 0; x < 2; x++) {
                const double *v = ccap_population_values(base, r, (ccap_sex)x);
                for (i = 0; i < c->n_ages && v != NULL; i++)
                    weights[i] += v[i];
            }
        }
    }
    status = ccap_calibrate_profile_values(o->profile, c->n_ages, weights, c->profile);
    free(weights);
    if (status != CCAP_OK)
        return ccap__diag_set(diag, status, NULL, 0, 0, "population",
                              "the base has no residents to weight the migration profile");
    for (m = 0; m < N_MEASURES; m++) {
        for (r = 0; r < c->n_regions; r++)
            c->owner[m][r] = c->leaf[r] ? follow_of(c, r, m, vitals) : NO_OWNER;
    }
    c->n_fig = n_fig;
    for (i = 0; i < n_fig; i++) {
        ccap_vital v;
        figure *f = &c->fig[i];
        ccap_vitals_get(vitals, i, &v);
        if (v.region >= c->n_regions)
            return ccap__diag_set(diag, CCAP_EINVAL, NULL, v.line, 0, NULL,
                                  "a figure's region index is out of range");
        f->vital = i;
        f->region = v.region;
        f->year = v.year;
        f->measure = measure_of(v.measure, &f->rate);
        f->vmeasure = v.measure;
        f->line = v.line;
        f->published = v.value;
        f->target = v.value;
        f->model = NAN;
        f->step = -1;
        f->use = CCAP_CALIBRATION_CHECKED;
    }
    plan_figures(c);
    if (o->fertility == CCAP_CALIBRATE_FERTILITY_TARGET) {
        int last = 0;
        for (i = 0; i < c->n_fig; i++) {
            if (c->fig[i].measure == M_FERT && c->fig[i].year > last)
                last = c->fig[i].year;
        }
        if (o->target_year <= last)
            return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, "target_year",
                                  "the year of the target TFR, %d, must come after the last year "
                                  "with births, %d",
                                  o->target_year, last);
    }
    /* national schedules by step, over every step (the plan may have added some) */
    c->nat_asfr = ccap__alloc(c->n_steps * c->n_fert, sizeof *c->nat_asfr);
    c->nat_tfr = ccap__alloc(c->n_steps, sizeof *c->nat_tfr);
    c->nat_srb_step = ccap__alloc(c->n_steps, sizeof *c->nat_srb_step);
    c->nat_mx_step = ccap__alloc(c->n_steps * 2 * c->n_mort, sizeof *c->nat_mx_step);
    if (c->nat_asfr == NULL || c->nat_tfr == NULL || c->nat_srb_step == NULL ||
        c->nat_mx_step == NULL)
        return ccap__diag_set(diag, CCAP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    if ((double)c->base_year + (double)c->n_steps > (double)CCAP_YEAR_MAX)
        return ccap__diag_set(diag, CCAP_ERANGE, NULL, 0, 0, NULL,
                              "the schedules would pass the year %d", CCAP_YEAR_MAX);
    national_steps(c);
    max_mort = c->n_mort > c->n_ages ? c->n_mort : c->n_ages;
    c->proj = ccap_projection_alloc(c->n_regions, c->n_ages, 1, c->n_fit);
    c->ws = ccap_rates_workspace_alloc(c->n_regions, c->n_ages, 1, max_mort + 1);
    c->scratch = ccap_population_alloc(c->n_regions, c->n_ages, 1);
    if (c->proj == NULL || c->ws == NULL || c->scratch == NULL)
        return ccap__diag_set(diag, CCAP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    return CCAP_OK;
}

static int
interpolate_all(cal *c, ccap_diag *diag)
{
    anchor *pre = ccap__alloc(2 * (c->n_fig + c->n_steps) + 2, sizeof *pre);
    anchor *buf = pre == NULL ? NULL : pre + c->n_fig + 1;
    size_t o, n_pre;
    int m, status = CCAP_OK;

    if (pre == NULL)
        return ccap__diag_set(diag, CCAP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    for (m = M_FERT; m <= M_MORT && status == CCAP_OK; m++) {
        for (o = 0; o < c->n_regions && status == CCAP_OK; o++) {
            if (!owns_leaves(c, m, o))
                continue;
            status = pre_anchors(c, m, o, pre, &n_pre);
            if (status == CCAP_OK)
                interpolate(c, m, o, pre, n_pre, buf);
        }
    }
    free(pre);
    return status;
}

static int
finish(cal *c, const ccap_vitals *vitals, ccap_calibration *k, ccap_diag *diag)
{
    size_t i, r;
    int m, status;

    k->n_regions = c->n_regions;
    k->n_steps = c->n_steps;
    k->t0 = c->t0;
    k->base_year = c->base_year;
    k->a0 = c->o->a0;
    k->timing = c->o->timing;
    k->rows = ccap__alloc(c->n_fig + 1, sizeof *k->rows);
    k->n_rows = c->n_fig;
    /* one row more: the national TFR, for regions that follow no one */
    k->tfr = ccap__alloc((c->n_regions + 1) * c->n_steps, sizeof *k->tfr);
    for (m = 0; m < N_MEASURES; m++)
        k->follow[m] = ccap__alloc(c->n_regions, sizeof *k->follow[m]);
    if (k->rows == NULL || k->tfr == NULL || k->follow[0] == NULL || k->follow[1] == NULL ||
        k->follow[2] == NULL)
        return ccap__diag_set(diag, CCAP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    status = build(c, &k->fertility, &k->mortality, &k->srb, &k->migration);
    if (status != CCAP_OK)
        return ccap__diag_set(diag, status, NULL, 0, 0, NULL, "cannot build the schedules");
    /* the rows: every figure, its model value from the last run */
    for (i = 0; i < c->n_fig; i++) {
        figure *f = &c->fig[i];
        ccap_calibration_row *row = &k->rows[i];
        double own, other;
        row->vital = f->vital;
        row->region = f->region;
        row->year = f->year;
        row->published = f->published;
        row->use = f->use;
        row->model = NAN;
        if (f->use != CCAP_CALIBRATION_UNUSED) {
            if (f->measure == M_FERT && (double)f->year + 1e-9 < c->t0) {
                row->use = CCAP_CALIBRATION_BASE;
            } else if (f->measure == M_MORT && (double)f->year + 1e-9 < c->t0) {
                /* the level the projection starts with, on the base's residents */
                double d = 0.0, total = 0.0;
                status = deaths_at_base_rates(c, f->region, f->year, &d);
                if (status == CCAP_OK && f->rate)
                    status = ccap_population_total(c->base, f->region, CCAP_SEX_BOTH, &total);
                if (owns_leaves(c, M_MORT, f->region))
                    row->model = AT(c, c->km, f->region, 0) * d;
                if (f->rate)
                    row->model *= 1000.0 / total;
            } else {
                status = model_value(c, f, &own, &other);
                row->model = f->model;
            }
            if (status != CCAP_OK)
                return ccap__diag_set(diag, status, NULL, 0, 0, NULL,
                                      "cannot compute the model's figures");
        }
        row->measure = f->vmeasure;
    }
    for (m = 0; m < N_MEASURES; m++) {
        for (r = 0; r < c->n_regions; r++)
            k->follow[m][r] = follow_of(c, r, m, vitals);
    }
    for (r = 0; r < c->n_regions; r++) {
        size_t s;
        for (s = 0; s < c->n_steps; s++)
            AT(c, k->tfr, r, s) = AT(c, c->kf, r, s) * c->nat_tfr[s];
    }
    for (i = 0; i < c->n_steps; i++)
        AT(c, k->tfr, c->n_regions, i) = c->nat_tfr[i];
    k->kf = c->kf;
    k->km = c->km;
    k->lm = c->lm;
    c->kf = c->km = c->lm = NULL;
    return CCAP_OK;
}

/* The levels the fitted figures ask for, against what populations on record show: a level
 * beyond CCAP_CALIBRATE_*_MAX / _MIN is refused (a figure of the wrong area, unit or year:
 * 650,000 births for 65,000 need a TFR near 17), one outside the plausible band is
 * warned about (options->warn). */
static int
check_levels(const cal *c, const ccap_calibration *k, ccap_diag *diag)
{
    size_t i;

    for (i = 0; i < c->n_fig; i++) {
        const figure *f = &c->fig[i];
        double tfr, km, mig;

        if (f->use != CCAP_CALIBRATION_FITTED ||
            ccap_calibration_levels(k, f->region, f->year, &tfr, NULL, &km, &mig) != CCAP_OK)
            continue;
        if (f->measure == M_FERT) {
            if (!(tfr >= CCAP_CALIBRATE_TFR_MIN && tfr <= CCAP_CALIBRATE_TFR_MAX))
                return fail(diag, CCAP_EDOM, c, f,
                            "%.0f births need a total fertility rate of %.3g children per "
                            "woman, outside [%g, %g], beyond any population on record: are "
                            "they the births of this area and year, in persons?",
                            f->published, tfr, CCAP_CALIBRATE_TFR_MIN, CCAP_CALIBRATE_TFR_MAX);
            if (!(tfr >= CCAP_CALIBRATE_TFR_LOW && tfr <= CCAP_CALIBRATE_TFR_HIGH))
                warn(c->o, f->line, "births",
                     "%s %d: the births need a total fertility rate of %.3g children per "
                     "woman, outside [%g, %g]: check the births and the base's women",
                     ccap_regions_code(c->regions, f->region), f->year, tfr, CCAP_CALIBRATE_TFR_LOW,
                     CCAP_CALIBRATE_TFR_HIGH);
        } else if (f->measure == M_MORT) {
            if (!(km >= CCAP_CALIBRATE_MORTALITY_MIN && km <= CCAP_CALIBRATE_MORTALITY_MAX))
                return fail(diag, CCAP_EDOM, c, f,
                            "the deaths need %.3g times the national death rates, outside "
                            "[%g, %g]: are they the deaths of this area and year, in persons?",
                            km, CCAP_CALIBRATE_MORTALITY_MIN, CCAP_CALIBRATE_MORTALITY_MAX);
            if (!(km >= CCAP_CALIBRATE_MORTALITY_LOW && km <= CCAP_CALIBRATE_MORTALITY_HIGH))
                warn(c->o, f->line, "deaths",
                     "%s %d: the deaths need %.3g times the national death rates, outside "
                     "[%g, %g]: check the deaths and the base's ages",
                     ccap_regions_code(c->regions, f->region), f->year, km,
                     CCAP_CALIBRATE_MORTALITY_LOW, CCAP_CALIBRATE_MORTALITY_HIGH);
        } else {
            if (!(fabs(mig) <= CCAP_CALIBRATE_MIGRATION_MAX))
                return fail(diag, CCAP_EDOM, c, f,
                            "the population needs net migration of %.4g per 1,000 residents "
                            "a year, beyond +/-%g: is it the population of this area at the "
                            "end of this year, in persons?",
                            mig, CCAP_CALIBRATE_MIGRATION_MAX);
            if (!(fabs(mig) <= CCAP_CALIBRATE_MIGRATION_HIGH))
                warn(c->o, f->line, "population",
                     "%s %d: the population needs net migration of %.3g per 1,000 residents "
                     "a year, beyond +/-%g: check the population and the base",
                     ccap_regions_code(c->regions, f->region), f->year, mig,
                     CCAP_CALIBRATE_MIGRATION_HIGH);
        }
    }
    return CCAP_OK;
}

int
ccap_calibrate(const ccap_regions *regions, const ccap_population *base, const ccap_vitals *vitals,
               const ccap_calibrate_national *national, const ccap_calibrate_options *options,
               ccap_calibration **calibration_out, ccap_diag *diag)
{
    ccap_calibrate_options defaults;
    ccap_calibration *k = NULL;
    double *level_of_fig = NULL, *own = NULL, *other = NULL, worst = INFINITY;
    size_t round, worst_fig = 0, i, o;
    cal c;
    int status;

    if (options == NULL) {
        ccap_calibrate_options_init(&defaults);
        options = &defaults;
    }
    status = check_inputs(regions, base, vitals, national, options, calibration_out, diag);
    if (status != CCAP_OK)
        return status;
    memset(&c, 0, sizeof c);
    status = setup(&c, regions, base, vitals, national, options, diag);
    if (status == CCAP_OK) {
        drop_empty_intervals(&c);
        level_of_fig = ccap__alloc(c.n_fig + 1, sizeof *level_of_fig);
        own = ccap__alloc(c.n_fig + 1, sizeof *own);
        other = ccap__alloc(c.n_fig + 1, sizeof *other);
        if (level_of_fig == NULL || own == NULL || other == NULL)
            status = ccap__diag_set(diag, CCAP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        for (i = 0; i < c.n_fig && level_of_fig != NULL; i++)
            level_of_fig[i] = 0.0;
    }
    if (status == CCAP_OK)
        status = check_parts(&c, diag);
    if (status == CCAP_OK)
        status = interpolate_all(&c, diag);
    for (round = 0; status == CCAP_OK && round < MAX_ROUNDS; round++) {
        status = round_once(&c, level_of_fig, own, other, &worst, &worst_fig, diag);
        if (status == CCAP_OK)
            status = interpolate_all(&c, diag);
        if (status == CCAP_OK && worst <= FIT_TOLERANCE)
            break;
    }
    if (status == CCAP_OK && !(worst <= FIT_TOLERANCE))
        status =
            fail(diag, CCAP_ENOTREACHED, &c, &c.fig[worst_fig],
                 "the levels did not settle: the model is %.3g %% off the figure", 100.0 * worst);
    /* the last round moved the levels: one more run for the rows */
    if (status == CCAP_OK)
        status = run(&c, diag);
    if (status == CCAP_OK) {
        for (o = 0; o < c.n_regions; o++) {
            int has = 0;
            for (i = 0; i < c.n_fig; i++)
                has |= c.fig[i].measure == M_MIG && c.fig[i].region == o;
            if (has && owns_leaves(&c, M_MIG, o)) {
                int fitted = 0;
                for (i = 0; i < c.n_fig; i++)
                    fitted |= c.fig[i].measure == M_MIG && c.fig[i].region == o &&
                              c.fig[i].use == CCAP_CALIBRATION_FITTED;
                if (!fitted)
                    warn(options, 0, "population",
                         "%s: no year-end population after the base: no net migration",
                         ccap_regions_code(regions, o));
            }
        }
        k = ccap__alloc(1, sizeof *k);
        if (k == NULL) {
            status = ccap__diag_set(diag, CCAP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        } else {
            memset(k, 0, sizeof *k);
            status = finish(&c, vitals, k, diag);
            if (status == CCAP_OK)
                status = check_levels(&c, k, diag);
        }
    }
    free(level_of_fig);
    free(own);
    free(other);
    cal_free(&c);
    if (status != CCAP_OK) {
        ccap_calibration_free(k);
        return status;
    }
    *calibration_out = k;
    if (diag != NULL)
        memset(diag, 0, sizeof *diag);
    return CCAP_OK;
}

const ccap_schedule *
ccap_calibration_mortality(const ccap_calibration *k)
{
    return k == NULL ? NULL : k->mortality;
}

const ccap_schedule *
ccap_calibration_fertility(const ccap_calibration *k)
{
    return k == NULL ? NULL : k->fertility;
}

const ccap_schedule *
ccap_calibration_srb(const ccap_calibration *k)
{
    return k == NULL ? NULL : k->srb;
}

const ccap_schedule *
ccap_calibration_migration_rates(const ccap_calibration *k)
{
    return k == NULL ? NULL : k->migration;
}

int
ccap_calibration_assumptions(const ccap_calibration *k, ccap_assumptions *out)
{
    if (k == NULL || out == NULL)
        return CCAP_EINVAL;
    out->mortality = k->mortality;
    out->fertility = k->fertility;
    out->srb = k->srb;
    out->migration = NULL;
    out->migration_rates = k->migration;
    out->a0 = k->a0;
    out->timing = k->timing;
    return CCAP_OK;
}

size_t
ccap_calibration_count(const ccap_calibration *k)
{
    return k == NULL ? 0 : k->n_rows;
}

int
ccap_calibration_get(const ccap_calibration *k, size_t index, ccap_calibration_row *row_out)
{
    if (k == NULL || row_out == NULL || index >= k->n_rows)
        return CCAP_EINVAL;
    *row_out = k->rows[index];
    return CCAP_OK;
}

int
ccap_calibration_levels(const ccap_calibration *k, size_t region, int year, double *tfr_out,
                        double *factor_out, double *mortality_out, double *migration_out)
{
    double w_sum = 0.0, tfr = 0.0, kf = 0.0, km = 0.0, lm = 0.0;
    size_t s;

    if (k == NULL || region >= k->n_regions)
        return CCAP_EINVAL;
    for (s = 0; s < k->n_steps; s++) {
        const double w = overlap(k->t0 + (double)s, k->t0 + (double)s + 1.0, year, year + 1.0);
        const size_t of = k->follow[M_FERT][region], om = k->follow[M_MORT][region],
                     og = k->follow[M_MIG][region];
        const size_t at = s;
        if (w <= 0.0)
            continue;
        w_sum += w;
        kf += w * (of == NO_OWNER ? 1.0 : k->kf[of * k->n_steps + at]);
        tfr += w * k->tfr[(of == NO_OWNER ? k->n_regions : of) * k->n_steps + at];
        km += w * (om == NO_OWNER ? 1.0 : k->km[om * k->n_steps + at]);
        lm += w * (og == NO_OWNER ? 0.0 : k->lm[og * k->n_steps + at]);
    }
    if (!(w_sum > 0.0))
        return CCAP_EDOM;
    if (tfr_out != NULL)
        *tfr_out = tfr / w_sum;
    if (factor_out != NULL)
        *factor_out = kf / w_sum;
    if (mortality_out != NULL)
        *mortality_out = km / w_sum;
    if (migration_out != NULL)
        *migration_out = 1000.0 * lm / w_sum;
    return CCAP_OK;
}

/* ---- the base population ---- */

/* Life tables of the national death rates at decimal year t, on single years. */
static int
national_tables(const ccap_calibrate_national *national, double t, size_t n_ages, ccap_a0_rule a0,
                ccap_lifetable *lt[2])
{
    const size_t n_mort = ccap_schedule_n_ages(national->mortality);
    const size_t *mort_ages = ccap_schedule_ages(national->mortality);
    size_t *ages = ccap__alloc(n_ages, sizeof *ages);
    double *mx = ccap__alloc(n_ages + n_mort, sizeof *mx);
    periods p;
    size_t a;
    int x, status = CCAP_OK;

    memset(&p, 0, sizeof p);
    if (ages == NULL || mx == NULL)
        status = CCAP_ENOMEM;
    for (x = 0; x < 2 && status == CCAP_OK; x++) {
        status = periods_of(national->mortality, (ccap_sex)x, &p);
        if (status == CCAP_OK && p.n == 0)
            status = CCAP_ENOTFOUND;
        if (status == CCAP_OK) {
            mx_at(&p, n_mort, t, mx + n_ages);
            to_single_years(mort_ages, n_mort, mx + n_ages, 1.0, n_ages, mx);
            for (a = 0; a < n_ages; a++)
                ages[a] = a;
            status = ccap_lifetable_from_mx(lt[x], ages, mx, n_ages, (ccap_sex)x, a0);
        }
        periods_free(&p);
    }
    free(ages);
    free(mx);
    return status;
}

static int has_births(const ccap_vitals *vitals, size_t r);

/* Do the children of region r come from births below it?  Yes when it has children and
 * every child publishes births or has such children itself: its own children's margins
 * would then be a second, rounded estimate of their sum, which need not agree with it. */
static int
covered_below(const ccap_regions *regions, const ccap_vitals *vitals, size_t r)
{
    const size_t n = ccap_regions_n_children(regions, r);
    size_t k;

    if (n == 0)
        return 0;
    for (k = 0; k < n; k++) {
        const size_t child = ccap_regions_child(regions, r, k);
        if (!has_births(vitals, child) && !covered_below(regions, vitals, child))
            return 0;
    }
    return 1;
}

static int
has_births(const ccap_vitals *vitals, size_t r)
{
    size_t i;
    for (i = 0; vitals != NULL && i < ccap_vitals_count(vitals); i++) {
        ccap_vital v;
        ccap_vitals_get(vitals, i, &v);
        if (v.region == r && v.measure == CCAP_VITALS_BIRTHS)
            return 1;
    }
    return 0;
}

int
ccap_calibrate_base(const ccap_regions *regions, ccap_margins *margins, int year, ccap_date date,
                    const ccap_population *standard, const ccap_vitals *vitals,
                    const ccap_calibrate_national *national, const ccap_calibrate_options *options,
                    ccap_population **base_out, ccap_margins_report **report_out, ccap_diag *diag)
{
    ccap_calibrate_options defaults;
    ccap_margins_report *report = NULL;
    ccap_lifetable *lt[2] = {NULL, NULL};
    ccap_population *pop = NULL;
    double t = NAN;
    size_t n_ages, r, n_child;
    int status;

    if (base_out != NULL)
        *base_out = NULL;
    if (report_out != NULL)
        *report_out = NULL;
    if (options == NULL) {
        ccap_calibrate_options_init(&defaults);
        options = &defaults;
    }
    if (regions == NULL || margins == NULL || standard == NULL || national == NULL ||
        national->mortality == NULL || national->srb == NULL || base_out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "a required argument is NULL");
    n_ages = ccap_population_n_ages(standard);
    if (ccap_population_age_width(standard) != 1 ||
        ccap_population_values(standard, 0, CCAP_SEX_FEMALE) == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, "standard",
                              "the standard must have single years in its first region");
    if (ccap_date_decimal_year(date, &t) != CCAP_OK || date.year != year)
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, "date",
                              "the census date must be a valid date in %d", year);
    status = ccap_margins_reconcile(margins, regions, year, &report, diag);
    if (status != CCAP_OK)
        goto done;
    n_child = options->child_ages < n_ages ? options->child_ages : n_ages - 1;
    if (n_child > 0 && vitals != NULL) {
        const double *srb = NULL;
        lt[0] = ccap_lifetable_alloc(n_ages + 1);
        lt[1] = ccap_lifetable_alloc(n_ages + 1);
        if (lt[0] == NULL || lt[1] == NULL) {
            status = ccap__diag_set(diag, CCAP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
            goto done;
        }
        status = national_tables(national, t, n_ages, options->a0, lt);
        if (status == CCAP_OK)
            status = ccap_schedule_find(national->srb, 0, year, CCAP_SEX_BOTH, &srb, NULL);
        if (status != CCAP_OK) {
            status = ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, NULL,
                                    "the national death rates or sex ratio at birth have no "
                                    "entry for %d",
                                    year);
            goto done;
        }
        for (r = 0; r < ccap_regions_count(regions) && status == CCAP_OK; r++) {
            size_t conflict = SIZE_MAX;
            ccap_diag d;
            if (!has_births(vitals, r) || covered_below(regions, vitals, r))
                continue;
            status = ccap_reverse_add_margins(margins, vitals, r, year, date, srb[0], lt[0], lt[1],
                                              n_child, &conflict, &d);
            if (status == CCAP_ENOTFOUND) {
                warn(options, 0, "births",
                     "%s: %s; its children under %zu come from the margins alone",
                     ccap_regions_code(regions, r), d.message, n_child);
                status = CCAP_OK;
            } else if (status == CCAP_EEXIST) {
                status = ccap__diag_set(
                    diag, CCAP_EEXIST, NULL, ccap_margins_line(margins, conflict), 0, "ages",
                    "%s: the children under %zu come from its births; a margin for those ages "
                    "is given too: remove one of the two",
                    ccap_regions_code(regions, r), n_child);
            } else if (status != CCAP_OK) {
                status = ccap__diag_set(diag, status, NULL, d.line, 0, "births", "%s: %s",
                                        ccap_regions_code(regions, r), d.message);
            }
        }
        if (status != CCAP_OK)
            goto done;
    }
    status = (options->rake ? ccap_graduate_base_from_margins : ccap_graduate_base_smooth)(
        regions, margins, year, ccap_population_values(standard, 0, CCAP_SEX_FEMALE),
        ccap_population_values(standard, 0, CCAP_SEX_MALE), n_ages, BASE_TOLERANCE, BASE_MAX_ITER,
        &pop, NULL, NULL, diag);
    if (status == CCAP_OK)
        status = ccap_population_set_date(pop, date);
done:
    ccap_lifetable_free(lt[0]);
    ccap_lifetable_free(lt[1]);
    if (report_out != NULL)
        *report_out = report;
    else
        ccap_margins_report_free(report);
    if (status != CCAP_OK) {
        ccap_population_free(pop);
        return status;
    }
    *base_out = pop;
    return CCAP_OK;
}
