/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Period life tables (Preston, Heuveline & Guillot 2001, ch. 3) and projection survival ratios. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

/* Number of columns of doubles stored per age group. */
#define N_COLUMNS 8

struct ccap_lifetable {
    size_t capacity, n;
    ccap_sex sex;
    ccap_a0_rule rule;
    size_t *ages;
    double *block; /* N_COLUMNS * capacity doubles, one column after the other */
    double *mx, *qx, *ax, *lx, *dx, *Lx, *Tx, *ex;
};

/* ---- separation factors of the first years of life ---- */

/* On [lo, next piece's lo) a factor is c + d * m0. */
typedef struct piece {
    double lo, c, d;
} piece;

/* Most pieces a rule can have: the union of the female and male break points of
 * Andreev-Kingkade (two each) splits [0, inf) into five. */
#define PIECES_MAX 5

typedef struct schedule {
    size_t n;
    piece p[PIECES_MAX];
} schedule;

/* Coale-Demeny a0 and 4a1 (Preston et al. 2001, Table 3.3), female then male. */
static const schedule cd_a0[2] = {
    {2, {{0.0, 0.053, 2.800}, {0.107, 0.350, 0.0}}},
    {2, {{0.0, 0.045, 2.684}, {0.107, 0.330, 0.0}}},
};
static const schedule cd_4a1[2] = {
    {2, {{0.0, 1.522, -1.518}, {0.107, 1.361, 0.0}}},
    {2, {{0.0, 1.651, -2.816}, {0.107, 1.352, 0.0}}},
};
/* Andreev & Kingkade (2015) a0 from m0, female then male (see ccap_lifetable.h). */
static const schedule ak_a0[2] = {
    {3, {{0.0, 0.14903, -2.05527}, {0.01724, 0.04667, 3.88089}, {0.06891, 0.31411, 0.0}}},
    {3, {{0.0, 0.14929, -1.99545}, {0.02300, 0.02832, 3.26021}, {0.08307, 0.29915, 0.0}}},
};

static size_t
piece_at(const schedule *s, double m)
{
    size_t k = 0;

    while (k + 1 < s->n && m >= s->p[k + 1].lo)
        k++;
    return k;
}

/* The schedule for one sex, or the mean of the female and male schedules, piece by piece
 * over the union of their break points. */
static void
schedule_for(const schedule pair[2], ccap_sex sex, schedule *out)
{
    const schedule *f = &pair[CCAP_SEX_FEMALE], *m = &pair[CCAP_SEX_MALE];
    size_t i = 0, j = 0;

    if (sex != CCAP_SEX_BOTH) {
        *out = pair[sex];
        return;
    }
    out->n = 0;
    for (;;) {
        const double lo = f->p[i].lo > m->p[j].lo ? f->p[i].lo : m->p[j].lo;
        piece *p = &out->p[out->n++];
        double next_f, next_m;

        p->lo = lo;
        p->c = 0.5 * (f->p[i].c + m->p[j].c);
        p->d = 0.5 * (f->p[i].d + m->p[j].d);
        next_f = i + 1 < f->n ? f->p[i + 1].lo : HUGE_VAL;
        next_m = j + 1 < m->n ? m->p[j + 1].lo : HUGE_VAL;
        if (isinf(next_f) && isinf(next_m))
            break;
        if (next_f <= next_m)
            i++;
        if (next_m <= next_f)
            j++;
    }
}

static double
schedule_eval(const schedule *s, double m)
{
    const piece *p = &s->p[piece_at(s, m)];

    return p->c + p->d * m;
}

/* The m0 for which the one-year relation q0 = m0 / (1 + (1 - a0(m0)) m0) gives q0, with
 * a0 = c + d m0 on each piece: the smallest root of q d m^2 + (1 - q (1 - c)) m - q = 0 in
 * the piece.  If q0 falls in a gap left by a jump of the rule, the m0 of the jump. */
static double
solve_m0(const schedule *s, double q)
{
    size_t k;

    for (k = 0; k < s->n; k++) {
        const piece *p = &s->p[k];
        const double b = 1.0 - q * (1.0 - p->c); /* >= c > 0 for q in [0, 1] */
        const double disc = b * b + 4.0 * p->d * q * q;
        double m;

        if (disc < 0.0)
            continue; /* the piece's curve stays below q: the root is further up */
        m = 2.0 * q / (b + sqrt(disc));
        if (m < p->lo)
            return p->lo;
        if (k + 1 == s->n || m < s->p[k + 1].lo)
            return m;
    }
    return s->p[s->n - 1].lo; /* not reached: the last piece is constant, disc >= 0 */
}

/* ---- the object ---- */

/* The per-dimension maximum bounds the block far below CCAP_CELLS_MAX. */
_Static_assert((size_t)N_COLUMNS * CCAP_LIFETABLE_AGES_MAX <= CCAP_CELLS_MAX,
               "a life table of CCAP_LIFETABLE_AGES_MAX groups must fit CCAP_CELLS_MAX");

ccap_lifetable *
ccap_lifetable_alloc(size_t max_ages)
{
    ccap_lifetable *lt;

    if (max_ages == 0 || max_ages > CCAP_LIFETABLE_AGES_MAX)
        return NULL;
    lt = calloc(1, sizeof *lt);
    if (lt == NULL)
        return NULL;
    lt->ages = calloc(max_ages, sizeof *lt->ages);
    lt->block = calloc(N_COLUMNS * max_ages, sizeof *lt->block);
    if (lt->ages == NULL || lt->block == NULL) {
        ccap_lifetable_free(lt);
        return NULL;
    }
    lt->capacity = max_ages;
    lt->mx = lt->block;
    lt->qx = lt->mx + max_ages;
    lt->ax = lt->qx + max_ages;
    lt->lx = lt->ax + max_ages;
    lt->dx = lt->lx + max_ages;
    lt->Lx = lt->dx + max_ages;
    lt->Tx = lt->Lx + max_ages;
    lt->ex = lt->Tx + max_ages;
    return lt;
}

void
ccap_lifetable_free(ccap_lifetable *lt)
{
    if (lt == NULL)
        return;
    free(lt->ages);
    free(lt->block);
    free(lt);
}

/* ---- validation ---- */

static int
check_common(const ccap_lifetable *lt, const size_t ages[], const double values[],
             size_t n_ages, ccap_sex sex, ccap_a0_rule rule)
{
    size_t i;

    if (lt == NULL || ages == NULL || values == NULL || n_ages == 0 || n_ages > lt->capacity)
        return CCAP_EINVAL;
    if (sex != CCAP_SEX_FEMALE && sex != CCAP_SEX_MALE && sex != CCAP_SEX_BOTH)
        return CCAP_EINVAL;
    if (rule != CCAP_A0_COALE_DEMENY && rule != CCAP_A0_ANDREEV_KINGKADE)
        return CCAP_EINVAL;
    if (ages[0] != 0)
        return CCAP_EDOM;
    for (i = 1; i < n_ages; i++) {
        if (ages[i] <= ages[i - 1])
            return CCAP_EDOM;
    }
    return CCAP_OK;
}

/* Which closed groups take a rule-based separation factor. */
static int
is_infant_group(const size_t ages[], size_t n_ages, size_t i)
{
    return i == 0 && n_ages > 1 && ages[1] == 1;
}

static int
is_child_group(const size_t ages[], size_t n_ages, size_t i)
{
    return i == 1 && n_ages > 2 && ages[1] == 1 && ages[2] == 5;
}

/* ---- the columns ---- */

/* Fill lx, dx, Lx, Tx, ex from mx, qx, ax (already in lt) for lt->n groups. */
static void
fill_columns(ccap_lifetable *lt)
{
    const size_t n = lt->n;
    double l = 1.0, t = 0.0;
    size_t i;

    for (i = 0; i < n; i++) {
        lt->lx[i] = l;
        if (i + 1 == n) {
            lt->dx[i] = l;
            lt->Lx[i] = l / lt->mx[i];
        } else {
            const double width = (double)(lt->ages[i + 1] - lt->ages[i]);
            const double next = l * (1.0 - lt->qx[i]);

            lt->dx[i] = l * lt->qx[i];
            lt->Lx[i] = width * next + lt->ax[i] * lt->dx[i];
            l = next;
        }
    }
    for (i = n; i-- > 0;) {
        t += lt->Lx[i];
        lt->Tx[i] = t;
        if (lt->lx[i] > 0.0) {
            lt->ex[i] = t / lt->lx[i];
        } else if (i + 1 == n) {
            lt->ex[i] = 1.0 / lt->mx[i];
        } else {
            /* nobody reaches this age: the expectation of someone who would */
            const double width = (double)(lt->ages[i + 1] - lt->ages[i]);
            const double p = 1.0 - lt->qx[i];

            lt->ex[i] = width * p + lt->ax[i] * lt->qx[i] + p * lt->ex[i + 1];
        }
    }
}

static void
store_header(ccap_lifetable *lt, const size_t ages[], size_t n_ages, ccap_sex sex,
             ccap_a0_rule rule)
{
    memcpy(lt->ages, ages, n_ages * sizeof *ages);
    lt->n = n_ages;
    lt->sex = sex;
    lt->rule = rule;
}

int
ccap_lifetable_from_mx(ccap_lifetable *lt, const size_t ages[], const double mx[],
                       size_t n_ages, ccap_sex sex, ccap_a0_rule rule)
{
    schedule a0, a1;
    size_t i;
    int status;

    if ((status = check_common(lt, ages, mx, n_ages, sex, rule)) != CCAP_OK)
        return status;
    for (i = 0; i < n_ages; i++) {
        if (!isfinite(mx[i]) || mx[i] < 0.0)
            return CCAP_EDOM;
    }
    if (!(mx[n_ages - 1] > 0.0))
        return CCAP_EDOM;

    schedule_for(rule == CCAP_A0_ANDREEV_KINGKADE ? ak_a0 : cd_a0, sex, &a0);
    schedule_for(cd_4a1, sex, &a1);
    store_header(lt, ages, n_ages, sex, rule);
    memcpy(lt->mx, mx, n_ages * sizeof *mx);
    for (i = 0; i + 1 < n_ages; i++) {
        const double width = (double)(ages[i + 1] - ages[i]);
        const double m = mx[i];
        double a = 0.5 * width;

        if (is_infant_group(ages, n_ages, i))
            a = schedule_eval(&a0, m);
        else if (is_child_group(ages, n_ages, i))
            a = schedule_eval(&a1, mx[0]);
        if (a * m >= 1.0) {
            /* q would reach 1: close the group like an open one, keeping its rate */
            lt->qx[i] = 1.0;
            lt->ax[i] = 1.0 / m;
        } else {
            lt->qx[i] = width * m / (1.0 + (width - a) * m);
            lt->ax[i] = a;
        }
    }
    lt->qx[n_ages - 1] = 1.0;
    lt->ax[n_ages - 1] = 1.0 / mx[n_ages - 1];
    fill_columns(lt);
    return CCAP_OK;
}

int
ccap_lifetable_from_qx(ccap_lifetable *lt, const size_t ages[], const double qx[],
                       size_t n_ages, double open_mx, ccap_sex sex, ccap_a0_rule rule)
{
    schedule a0, a1;
    double m0 = 0.0;
    size_t i;
    int status;

    if ((status = check_common(lt, ages, qx, n_ages, sex, rule)) != CCAP_OK)
        return status;
    for (i = 0; i + 1 < n_ages; i++) {
        if (!(qx[i] >= 0.0 && qx[i] <= 1.0))
            return CCAP_EDOM;
    }
    if (!(qx[n_ages - 1] >= 1.0 && qx[n_ages - 1] <= 1.0))
        return CCAP_EDOM;
    if (!isfinite(open_mx) || !(open_mx > 0.0))
        return CCAP_EDOM;

    schedule_for(rule == CCAP_A0_ANDREEV_KINGKADE ? ak_a0 : cd_a0, sex, &a0);
    schedule_for(cd_4a1, sex, &a1);
    store_header(lt, ages, n_ages, sex, rule);
    memcpy(lt->qx, qx, n_ages * sizeof *qx);
    for (i = 0; i + 1 < n_ages; i++) {
        const double width = (double)(ages[i + 1] - ages[i]);
        const double q = qx[i];
        double a;

        if (is_infant_group(ages, n_ages, i)) {
            m0 = solve_m0(&a0, q);
            lt->mx[i] = m0;
            lt->ax[i] = schedule_eval(&a0, m0);
            continue;
        }
        if (is_child_group(ages, n_ages, i))
            a = schedule_eval(&a1, m0);
        else
            a = 0.5 * width;
        /* q = n m / (1 + (n - a) m)  <=>  m = q / (n - (n - a) q); denominator >= a > 0 */
        lt->mx[i] = q / (width - (width - a) * q);
        lt->ax[i] = a;
    }
    lt->mx[n_ages - 1] = open_mx;
    lt->ax[n_ages - 1] = 1.0 / open_mx;
    fill_columns(lt);
    return CCAP_OK;
}

/* ---- accessors ---- */

size_t
ccap_lifetable_n_ages(const ccap_lifetable *lt)
{
    return lt == NULL ? 0 : lt->n;
}

size_t
ccap_lifetable_capacity(const ccap_lifetable *lt)
{
    return lt == NULL ? 0 : lt->capacity;
}

int
ccap_lifetable_sex(const ccap_lifetable *lt, ccap_sex *sex_out)
{
    if (lt == NULL || sex_out == NULL)
        return CCAP_EINVAL;
    if (lt->n == 0)
        return CCAP_ESTATE;
    *sex_out = lt->sex;
    return CCAP_OK;
}

int
ccap_lifetable_a0_rule(const ccap_lifetable *lt, ccap_a0_rule *rule_out)
{
    if (lt == NULL || rule_out == NULL)
        return CCAP_EINVAL;
    if (lt->n == 0)
        return CCAP_ESTATE;
    *rule_out = lt->rule;
    return CCAP_OK;
}

const size_t *
ccap_lifetable_ages(const ccap_lifetable *lt)
{
    return lt == NULL || lt->n == 0 ? NULL : lt->ages;
}

static const double *
column(const ccap_lifetable *lt, const double *col)
{
    return lt == NULL || lt->n == 0 ? NULL : col;
}

const double *
ccap_lifetable_mx(const ccap_lifetable *lt)
{
    return column(lt, lt == NULL ? NULL : lt->mx);
}

const double *
ccap_lifetable_qx(const ccap_lifetable *lt)
{
    return column(lt, lt == NULL ? NULL : lt->qx);
}

const double *
ccap_lifetable_ax(const ccap_lifetable *lt)
{
    return column(lt, lt == NULL ? NULL : lt->ax);
}

const double *
ccap_lifetable_lx(const ccap_lifetable *lt)
{
    return column(lt, lt == NULL ? NULL : lt->lx);
}

const double *
ccap_lifetable_dx(const ccap_lifetable *lt)
{
    return column(lt, lt == NULL ? NULL : lt->dx);
}

const double *
ccap_lifetable_person_years(const ccap_lifetable *lt)
{
    return column(lt, lt == NULL ? NULL : lt->Lx);
}

const double *
ccap_lifetable_person_years_above(const ccap_lifetable *lt)
{
    return column(lt, lt == NULL ? NULL : lt->Tx);
}

const double *
ccap_lifetable_ex(const ccap_lifetable *lt)
{
    return column(lt, lt == NULL ? NULL : lt->ex);
}

int
ccap_lifetable_e0(const ccap_lifetable *lt, double *e0_out)
{
    if (e0_out == NULL)
        return CCAP_EINVAL;
    *e0_out = NAN;
    if (lt == NULL)
        return CCAP_EINVAL;
    if (lt->n == 0)
        return CCAP_ESTATE;
    *e0_out = lt->ex[0];
    return CCAP_OK;
}

/* ---- survival ratios ---- */

static double
ratio(double num, double den)
{
    return den > 0.0 ? num / den : 0.0;
}

int
ccap_lifetable_survival(const ccap_lifetable *lt, size_t width, size_t n_groups,
                        double s_out[])
{
    size_t g, i, i_prev, i_open_prev = 0;
    double sum_prev = 0.0;

    if (s_out == NULL)
        return CCAP_EINVAL;
    for (g = 0; g < n_groups; g++)
        s_out[g] = NAN;
    if (lt == NULL || width == 0 || n_groups < 2)
        return CCAP_EINVAL;
    if (lt->n == 0)
        return CCAP_ESTATE;
    /* (n_groups - 1) * width <= open age, written so that it cannot overflow */
    if (n_groups - 1 > lt->ages[lt->n - 1] / width)
        return CCAP_EDOM;
    /* every boundary g * width, 1 <= g <= n_groups - 1, must be an age of the grid */
    for (g = 1, i = 0; g < n_groups; g++) {
        while (lt->ages[i] < g * width)
            i++; /* stops at the open age at the latest */
        if (lt->ages[i] != g * width)
            return CCAP_EDOM;
    }

    for (g = 0, i_prev = 0, i = 0; g + 1 < n_groups; g++) {
        double sum = 0.0;

        while (lt->ages[i] < (g + 1) * width)
            sum += lt->Lx[i++];
        if (g == 0)
            s_out[0] = sum / ((double)width * lt->lx[0]);
        else
            s_out[g] = ratio(sum, sum_prev);
        sum_prev = sum;
        i_open_prev = i_prev;
        i_prev = i;
    }
    /* i_prev indexes (n_groups - 1) * width, i_open_prev (n_groups - 2) * width */
    s_out[n_groups - 1] = ratio(lt->Tx[i_prev], lt->Tx[i_open_prev]);
    return CCAP_OK;
}
