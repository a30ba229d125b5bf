/* SPDX-License-Identifier: GPL-3.0-or-later */
/* reverse: children by age at a census from calendar-year births.  A hand-computed case,
 * a known truth made by integrating births and survival over the Lexis diagram, Nanyang's
 * published births, and every refusal by exact status. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_test.h"

/* ---- a small life table of both sexes, single years 0, 1 and 2+ ---- */

static ccap_lifetable *
small_table(void)
{
    static const size_t ages[] = {0, 1, 2};
    static const double mx[] = {0.02, 0.002, 0.05};
    ccap_lifetable *lt = ccap_lifetable_alloc(3);

    if (lt != NULL &&
        ccap_lifetable_from_mx(lt, ages, mx, 3, CCAP_SEX_BOTH, CCAP_A0_COALE_DEMENY) != CCAP_OK) {
        ccap_lifetable_free(lt);
        lt = NULL;
    }
    return lt;
}

/*
 * Hand arithmetic.  Both sexes, Coale-Demeny: a_0 is the mean of the female and male
 * rules at m_0 = 0.02, (0.053 + 2.800·0.02 + 0.045 + 2.684·0.02) / 2 = 0.10384;
 *   q_0 = 0.02 / (1 + (1 − 0.10384)·0.02) = 0.02 / 1.0179232 = 0.0196478,
 *   l_1 = 0.9803522, L_0 = l_1 + a_0·q_0 = 0.9803522 + 0.0020402 = 0.9823924
 *   (the survival of births spread over a year to the ages [0, 1), about l(0.5));
 *   q_1 = 0.002 / 1.001 = 0.0019980, l_2 = 0.9803522·(1 − 0.0019980) = 0.9783934,
 *   L_1 = (l_1 + l_2) / 2 = 0.9793728 (about l(1.5)).
 *
 * Births 100,000 in 2019 and 90,000 in 2020.
 *
 * Census on 2021-01-01 (decimal year 2021.0, f = 0): the children aged 0 were born in
 * 2020, those aged 1 in 2019.  With 100 boys per 100 girls each sex has half the births:
 *   girls aged 0: 0.5 · 90,000 · 0.9823924 = 44,207.657
 *   girls aged 1: 0.5 · 100,000 · 0.9793728 = 48,968.639
 * and with 105 boys per 100 girls, boys are 105/205 of the births:
 *   boys aged 0: 90,000 · 0.9823924 · 105/205 = 45,285.893
 *   boys aged 1: 100,000 · 0.9793728 · 105/205 = 50,162.996
 *
 * Census on 2020-07-02 (day 184 of 366: decimal year 2020.5, f = 0.5): the children aged 0
 * were born from 2019.5 to 2020.5, half of 2019's births and half of 2020's,
 * 0.5·100,000 + 0.5·90,000 = 95,000; girls (SRB 105): 95,000 · 0.9823924 · 100/205 =
 * 45,525.501.
 */
static void
test_reverse__hand(void)
{
    static const int years[] = {2020, 2019}; /* any order */
    static const double births[] = {90000.0, 100000.0};
    ccap_lifetable *lt = small_table();
    double out[4], cov[2];
    ccap_date mid = {2020, 7, 2};
    double t;

    CU_ASSERT_PTR_NOT_NULL_FATAL(lt);
    CCAP_ASSERT_REL(ccap_lifetable_person_years(lt)[0], 0.9823924, 1e-7);
    CCAP_ASSERT_REL(ccap_lifetable_person_years(lt)[1], 0.9793728, 1e-7);

    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 2, 100.0, lt, lt, 2021.0, NULL, NULL, 2,
                                             out, cov, NULL),
                       CCAP_OK);
    CCAP_ASSERT_REL(out[0], 44207.657, 1e-7); /* girls aged 0 */
    CCAP_ASSERT_REL(out[1], 48968.639, 1e-7); /* girls aged 1 */
    CCAP_ASSERT_REL(out[2], 44207.657, 1e-7); /* boys aged 0 */
    CCAP_ASSERT_REL(out[3], 48968.639, 1e-7);
    CU_ASSERT_DOUBLE_EQUAL(cov[0], 1.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(cov[1], 1.0, 0.0);

    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 2, 105.0, lt, lt, 2021.0, NULL, NULL, 2,
                                             out, NULL, NULL),
                       CCAP_OK);
    CCAP_ASSERT_REL(out[2], 45285.893, 1e-7);
    CCAP_ASSERT_REL(out[3], 50162.996, 1e-7);
    CCAP_ASSERT_REL(out[0] + out[2], 90000.0 * 0.9823924, 1e-7); /* the sexes add up */

    CU_ASSERT_EQUAL_FATAL(ccap_date_decimal_year(mid, &t), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(t, 2020.5, 0.0);
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(years, births, 2, 105.0, lt, lt, t, NULL, NULL, 1, out, cov, NULL),
        CCAP_OK);
    CCAP_ASSERT_REL(out[0], 45525.501, 1e-7);
    CU_ASSERT_DOUBLE_EQUAL(cov[0], 1.0, 0.0);
    ccap_lifetable_free(lt);
}

/*
 * Net migration.  Census 2021-01-01 as above, SRB 100.
 * Counts: +500 girls aged 0 and −1,000 boys aged 1 are added:
 *   44,207.657 + 500 = 44,707.657; 48,968.639 − 1,000 = 47,968.639.
 * Rates: 0.01 a year at age 0 and 0.02 at age 1 for both sexes: aged 0 × exp(0.01/2),
 *   aged 1 × exp(0.01 + 0.02/2) = exp(0.02):
 *   44,207.657 · 1.0050125 = 44,429.251; 48,968.639 · 1.0202013 = 49,957.868.
 */
static void
test_reverse__migration(void)
{
    static const int years[] = {2019, 2020};
    static const double births[] = {100000.0, 90000.0};
    static const double counts[] = {500.0, 0.0, 0.0, -1000.0};
    static const double rates[] = {0.01, 0.02, 0.01, 0.02};
    static const double too_many[] = {0.0, 0.0, 0.0, -60000.0};
    ccap_lifetable *lt = small_table();
    double out[4];
    ccap_diag diag;

    CU_ASSERT_PTR_NOT_NULL_FATAL(lt);
    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 2, 100.0, lt, lt, 2021.0, counts, NULL,
                                             2, out, NULL, NULL),
                       CCAP_OK);
    CCAP_ASSERT_REL(out[0], 44707.657, 1e-7);
    CCAP_ASSERT_REL(out[1], 48968.639, 1e-7);
    CCAP_ASSERT_REL(out[2], 44207.657, 1e-7);
    CCAP_ASSERT_REL(out[3], 47968.639, 1e-7);

    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 2, 100.0, lt, lt, 2021.0, NULL, rates,
                                             2, out, NULL, NULL),
                       CCAP_OK);
    CCAP_ASSERT_REL(out[0], 44429.251, 1e-7);
    CCAP_ASSERT_REL(out[1], 49957.868, 1e-7);
    CCAP_ASSERT_REL(out[3], 49957.868, 1e-7);

    /* more emigrants than survivors */
    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 2, 100.0, lt, lt, 2021.0, too_many,
                                             NULL, 2, out, NULL, &diag),
                       CCAP_EDOM);
    CU_ASSERT_EQUAL(diag.status, CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(diag.field, "net_migrants");
    CU_ASSERT(isnan(out[0]) && isnan(out[3]));
    /* both forms at once */
    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 2, 100.0, lt, lt, 2021.0, counts, rates,
                                             2, out, NULL, NULL),
                       CCAP_EINVAL);
    ccap_lifetable_free(lt);
}

/* ---- known truth: births and deaths integrated over the Lexis diagram ----
 *
 * A closed population (no migration) with a birth density b(u) per year at time u and a
 * force of mortality constant within each single year of age (mu_0 = 0.0052 girls,
 * 0.0062 boys; 0.0004 at 1-4, 0.0002 at 5-15, 0.0003 from 16).  The children of sex s aged
 * a at the census t are
 *     N_{s,a} = share_s · ∫_{t−a−1}^{t−a} b(u)·S_s(t − u) du,
 *     S_s(x) = exp(−∫_0^x mu_s),
 * computed by Simpson's rule on each calendar-year piece of the window (2,000 intervals a
 * piece: the integrand is smooth there, the rule's error below 1e-12).  The calendar-year
 * births B_y = ∫_y^{y+1} b are computed the same way and are all the function is given,
 * with the rates mu as the death rates m of its life tables. */

#define TRUTH_AGES 15

static const double PI = 3.14159265358979323846;

typedef struct births_model {
    double b0;    /* births per year at 2000.0 */
    double trend; /* exponential change per year (-0.1: falling about 10 % a year) */
    double amp;   /* seasonal amplitude: 1 + amp·cos(2π(u − 0.75)), peak in October */
} births_model;

static double
birth_density(const births_model *m, double u)
{
    return m->b0 * exp(m->trend * (u - 2000.0)) * (1.0 + m->amp * cos(2.0 * PI * (u - 0.75)));
}

static const double mu_female[] = {0.0052, 0.0004, 0.0004, 0.0004, 0.0004, 0.0002,
                                   0.0002, 0.0002, 0.0002, 0.0002, 0.0002, 0.0002,
                                   0.0002, 0.0002, 0.0002, 0.0002, 0.0003};
static const double mu_male[] = {0.0062, 0.0004, 0.0004, 0.0004, 0.0004, 0.0002,
                                 0.0002, 0.0002, 0.0002, 0.0002, 0.0002, 0.0002,
                                 0.0002, 0.0002, 0.0002, 0.0002, 0.0003};
static const double mu_none[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.0003};
#define MU_N (sizeof mu_female / sizeof mu_female[0]) /* ages 0 ... 15, 16+ */

static double
survival(const double mu[], double x)
{
    double h = 0.0;
    size_t i;

    for (i = 0; i + 1 < MU_N && x > (double)(i + 1); i++)
        h += mu[i];
    h += mu[i] * (x - (double)i);
    return exp(-h);
}

/* Simpson's rule of b(u)·S(t − u) (or of b alone, mu NULL) over [lo, hi]. */
static double
simpson(const births_model *m, const double *mu, double t, double lo, double hi)
{
    const int n = 2000;
    double h = (hi - lo) / n, sum = 0.0;
    int i;

    for (i = 0; i <= n; i++) {
        double u = lo + i * h;
        double w = (i == 0 || i == n) ? 1.0 : (i % 2 ? 4.0 : 2.0);
        sum += w * birth_density(m, u) * (mu != NULL ? survival(mu, t - u) : 1.0);
    }
    return sum * h / 3.0;
}

/* The exact children of both sexes' mu at t: window split at the calendar year. */
static double
truth(const births_model *m, const double *mu, double t, size_t a)
{
    double lo = t - (double)a - 1.0, hi = t - (double)a, y = floor(hi);

    return simpson(m, mu, t, lo, y) + simpson(m, mu, t, y, hi);
}

static ccap_lifetable *
table_of(const double mu[], ccap_sex sex)
{
    size_t ages[MU_N], i;
    ccap_lifetable *lt = ccap_lifetable_alloc(MU_N);

    for (i = 0; i < MU_N; i++)
        ages[i] = i;
    if (lt != NULL &&
        ccap_lifetable_from_mx(lt, ages, mu, MU_N, sex, CCAP_A0_ANDREEV_KINGKADE) != CCAP_OK) {
        ccap_lifetable_free(lt);
        lt = NULL;
    }
    return lt;
}

/* Largest relative error of the function against the truth over ages 0..14 and both
 * sexes, for a births model, death rates (female, male) and the census 2020-11-01. */
static double
worst_error(const births_model *m, const double *muf, const double *mum, double *age0_err,
            double *under3_err)
{
    const double srb = 111.3, t = 2020.0 + 305.0 / 366.0; /* 2020-11-01 */
    int years[TRUTH_AGES + 1];
    double births[TRUTH_AGES + 1], out[2 * TRUTH_AGES], cov[TRUTH_AGES];
    double worst = 0.0, got3 = 0.0, want3 = 0.0;
    ccap_lifetable *f = table_of(muf, CCAP_SEX_FEMALE), *ml = table_of(mum, CCAP_SEX_MALE);
    size_t i, a;
    int s;

    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ml);
    for (i = 0; i <= TRUTH_AGES; i++) {
        years[i] = 2020 - (int)i;
        births[i] = simpson(m, NULL, 0.0, (double)years[i], (double)years[i] + 1.0);
    }
    CU_ASSERT_EQUAL_FATAL(ccap_reverse_survival(years, births, TRUTH_AGES + 1, srb, f, ml, t, NULL,
                                                NULL, TRUTH_AGES, out, cov, NULL),
                          CCAP_OK);
    *age0_err = 0.0;
    for (s = 0; s < 2; s++) {
        double share = s == 0 ? 100.0 / (100.0 + srb) : srb / (100.0 + srb);
        for (a = 0; a < TRUTH_AGES; a++) {
            double want = share * truth(m, s == 0 ? muf : mum, t, a);
            double got = out[(size_t)s * TRUTH_AGES + a];
            double e = fabs(got / want - 1.0);

            if (a < 3) {
                got3 += got;
                want3 += want;
            }
            if (a == 0 && e > *age0_err)
                *age0_err = e;
            else if (a > 0 && e > worst)
                worst = e;
            CU_ASSERT_DOUBLE_EQUAL(cov[a], 1.0, 0.0);
        }
    }
    *under3_err = fabs(got3 / want3 - 1.0);
    ccap_lifetable_free(f);
    ccap_lifetable_free(ml);
    return worst;
}

/*
 * Errors measured (census 2020-11-01, SRB 111.3; relative, the largest over both sexes,
 * for ages 1-14, age 0 and the sum of ages 0-2):
 *
 * | births                                 | deaths      | ages 1-14 | age 0   | 0-2     |
 * |----------------------------------------|-------------|-----------|---------|---------|
 * | flat (120,000 a year, even)            | none < 16   | < 1e-10   | < 1e-10 | < 1e-10 |
 * | falling 10 % a year                    | none < 16   | 7.1e-4    | 7.1e-4  | 7.1e-4  |
 * | falling 10 % a year, ±15 % seasonal    | none < 16   | 5.2e-4    | 5.2e-4  | 5.2e-4  |
 * | flat                                   | forces above| 1.4e-5    | 2.2e-3  | 6.8e-4  |
 * | falling 10 % a year                    | forces above| 7.3e-4    | 1.5e-3  | 1.1e-4  |
 * | falling 10 % a year, ±15 % seasonal    | forces above| 5.1e-4    | 2.8e-3  | 1.1e-3  |
 *
 * Without deaths the function counts the births of each window, and the only error is the
 * even spread of births within a calendar year: with a steady 10 % fall, the last two
 * months of the older year hold more than 2/12 of its births (7.1e-4, the same at every
 * age since the fall is exponential).  A seasonal swing of one-year period cancels over a
 * one-year window and changes little.  With deaths, ages 1-14 keep that error (the life
 * table's a_x = 0.5 matches a constant force to 1.4e-5); age 0 adds the life table's own
 * assumption that infant deaths come early (Andreev-Kingkade a_0 = 0.138 for girls,
 * against 0.5 under a constant force: L_0 is low by about 0.36·q_0 = 1.9e-3 girls,
 * 2.2e-3 boys), which is a property of the death rates given, not of the births.
 *
 * Tolerances, about one and a half to twice the measured errors and all under 1 %:
 * 1e-10 for flat births without deaths; 1e-3 for every age without deaths; with deaths
 * 1e-4 (flat) or 1e-3 for ages 1-14, 4e-3 for age 0 and 2e-3 for ages 0-2.
 */
static void
check(const births_model *m, const double *muf, const double *mum, double tol_ages, double tol_0,
      double tol_under3)
{
    double age0, under3, worst = worst_error(m, muf, mum, &age0, &under3);

    CU_ASSERT(worst < tol_ages);
    CU_ASSERT(age0 < tol_0);
    CU_ASSERT(under3 < tol_under3);
}

static void
test_reverse__known_truth(void)
{
    static const births_model flat = {120000.0, 0.0, 0.0};
    static const births_model smooth = {200000.0, -0.1, 0.0};
    static const births_model seasonal = {200000.0, -0.1, 0.15};

    check(&flat, mu_none, mu_none, 1e-10, 1e-10, 1e-10);
    check(&smooth, mu_none, mu_none, 1e-3, 1e-3, 1e-3);
    check(&seasonal, mu_none, mu_none, 1e-3, 1e-3, 1e-3);
    check(&flat, mu_female, mu_male, 1e-4, 4e-3, 2e-3);
    check(&smooth, mu_female, mu_male, 1e-3, 4e-3, 2e-3);
    check(&seasonal, mu_female, mu_male, 1e-3, 4e-3, 2e-3);
}

/* ---- refusals, by exact status ---- */

static void
test_reverse__errors(void)
{
    static const int years[] = {2019, 2020};
    static const double births[] = {100000.0, 90000.0};
    static const double t = 2020.0 + 305.0 / 366.0; /* 2020-11-01 */
    ccap_lifetable *lt = small_table(), *empty = ccap_lifetable_alloc(3);
    ccap_lifetable *girls = ccap_lifetable_alloc(3);
    static const size_t ages3[] = {0, 1, 2};
    static const double mx3[] = {0.02, 0.002, 0.05};
    double out[6], cov[3], bad[2];
    int dup[] = {2019, 2019};
    int old[] = {1699, 2020};
    double rates[4] = {0.0, 0.0, 0.6, 0.0}, counts[4] = {0.0, NAN, 0.0, 0.0};
    ccap_diag diag;
    char line[400];

    CU_ASSERT_PTR_NOT_NULL_FATAL(lt);
    CU_ASSERT_PTR_NOT_NULL_FATAL(empty);
    CU_ASSERT_PTR_NOT_NULL_FATAL(girls);
    CU_ASSERT_EQUAL_FATAL(
        ccap_lifetable_from_mx(girls, ages3, mx3, 3, CCAP_SEX_FEMALE, CCAP_A0_COALE_DEMENY),
        CCAP_OK);

    /* a missing year: the children aged 1 on 2020-11-01 were born from 2018-11 to 2019-10 */
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(years, births, 2, 111.3, lt, lt, t, NULL, NULL, 2, out, cov, &diag),
        CCAP_ENOTFOUND);
    CU_ASSERT_EQUAL(diag.status, CCAP_ENOTFOUND);
    ccap_diag_format(&diag, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "births: no births given for 2018, which the children aged 1 "
                                 "at the census need (born from 2018.8333 to 2019.8333)");
    CU_ASSERT(isnan(out[0]) && isnan(out[1]) && isnan(out[2]) && isnan(out[3]));
    CU_ASSERT_DOUBLE_EQUAL(cov[0], 1.0, 1e-15);           /* 2019 and 2020 */
    CU_ASSERT_DOUBLE_EQUAL(cov[1], 305.0 / 366.0, 1e-12); /* 2019 only: its last 10/12 */
    /* no years at all: the census year is the latest missing */
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(NULL, NULL, 0, 111.3, lt, lt, t, NULL, NULL, 1, out, cov, &diag),
        CCAP_ENOTFOUND);
    CU_ASSERT(strstr(diag.message, "for 2020,") != NULL);
    CU_ASSERT_DOUBLE_EQUAL(cov[0], 0.0, 0.0);
    /* a census on 1 January needs no births of its own year */
    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 2, 111.3, lt, lt, 2021.0, NULL, NULL, 2,
                                             out, cov, &diag),
                       CCAP_OK);
    CU_ASSERT_EQUAL(diag.status, CCAP_OK);

    /* births: NaN, negative, above 1e12; years: duplicate, out of range */
    bad[0] = NAN;
    bad[1] = 90000.0;
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(years, bad, 2, 111.3, lt, lt, t, NULL, NULL, 1, out, cov, &diag),
        CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(diag.field, "births");
    CU_ASSERT(isnan(out[0]) && isnan(cov[0]));
    bad[0] = -1.0;
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(years, bad, 2, 111.3, lt, lt, t, NULL, NULL, 1, out, NULL, &diag),
        CCAP_EDOM);
    ccap_diag_format(&diag, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "births: the births of 2019, -1, are outside [0, 1e+12] persons");
    bad[0] = 2e12;
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(years, bad, 2, 111.3, lt, lt, t, NULL, NULL, 1, out, NULL, NULL),
        CCAP_EDOM);
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(dup, births, 2, 111.3, lt, lt, t, NULL, NULL, 1, out, NULL, &diag),
        CCAP_EEXIST);
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(old, births, 2, 111.3, lt, lt, t, NULL, NULL, 1, out, NULL, &diag),
        CCAP_EDOM);

    /* sex ratio at birth: 80 to 150 male per 100 female */
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(years, births, 2, 1.05, lt, lt, t, NULL, NULL, 1, out, NULL, &diag),
        CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(diag.field, "srb");
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(years, births, 2, 79.99, lt, lt, t, NULL, NULL, 1, out, NULL, NULL),
        CCAP_EDOM);
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(years, births, 2, 150.01, lt, lt, t, NULL, NULL, 1, out, NULL, NULL),
        CCAP_EDOM);
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(years, births, 2, NAN, lt, lt, t, NULL, NULL, 1, out, NULL, NULL),
        CCAP_EDOM);
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(years, births, 2, 80.0, lt, lt, t, NULL, NULL, 1, out, NULL, NULL),
        CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(years, births, 2, 150.0, lt, lt, t, NULL, NULL, 1, out, NULL, NULL),
        CCAP_OK);

    /* ages beyond the life table: 0, 1, 2+ has closed single years 0 and 1 only */
    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 2, 111.3, lt, lt, 2021.0, NULL, NULL, 3,
                                             out, NULL, &diag),
                       CCAP_EDOM);
    ccap_diag_format(&diag, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "female: age 2 is beyond the single years of the life table "
                                 "(3 groups, open at 2): ages 0 to 2 need groups 0, 1, ..., 3");
    CU_ASSERT(isnan(out[0]) && isnan(out[5]));
    /* an unfilled table, a table of the other sex */
    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 2, 111.3, empty, lt, t, NULL, NULL, 1,
                                             out, NULL, NULL),
                       CCAP_ESTATE);
    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 2, 111.3, girls, girls, t, NULL, NULL,
                                             1, out, NULL, &diag),
                       CCAP_EINVAL);
    CU_ASSERT_STRING_EQUAL(diag.field, "male");
    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 2, 111.3, girls, lt, t, NULL, NULL, 1,
                                             out, NULL, NULL),
                       CCAP_OK);

    /* census time */
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(years, births, 2, 111.3, lt, lt, NAN, NULL, NULL, 1, out, NULL, NULL),
        CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 2, 111.3, lt, lt, 1600.5, NULL, NULL, 1,
                                             out, NULL, NULL),
                       CCAP_EDOM);
    /* migration out of range */
    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 2, 111.3, lt, lt, 2021.0, NULL, rates,
                                             2, out, NULL, &diag),
                       CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(diag.field, "net_rates");
    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 2, 111.3, lt, lt, 2021.0, counts, NULL,
                                             2, out, NULL, &diag),
                       CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(diag.field, "net_migrants");

    /* NULL and sizes */
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(years, births, 2, 111.3, lt, lt, t, NULL, NULL, 1, NULL, NULL, NULL),
        CCAP_EINVAL);
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(years, births, 2, 111.3, lt, lt, t, NULL, NULL, 0, out, NULL, NULL),
        CCAP_EINVAL);
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(years, births, 2, 111.3, NULL, lt, t, NULL, NULL, 1, out, NULL, NULL),
        CCAP_EINVAL);
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival(NULL, births, 2, 111.3, lt, lt, t, NULL, NULL, 1, out, NULL, NULL),
        CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 2, 111.3, lt, lt, t, NULL, NULL,
                                             CCAP_LIFETABLE_AGES_MAX, out, NULL, NULL),
                       CCAP_EINVAL);
    ccap_lifetable_free(lt);
    ccap_lifetable_free(empty);
    ccap_lifetable_free(girls);
}

/* The vitals form looks up the years it needs and names the one that is missing. */
static void
test_reverse__vitals(void)
{
    ccap_vitals *v = ccap_vitals_alloc();
    ccap_lifetable *lt = small_table();
    ccap_date jan = {2021, 1, 1}, bad_date = {2021, 2, 29};
    double out[4], cov[2];
    ccap_diag diag;

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_PTR_NOT_NULL_FATAL(lt);
    CU_ASSERT_EQUAL(ccap_vitals_add(v, 0, 2019, CCAP_VITALS_BIRTHS, 100000.0, "bulletin", 2, NULL),
                    CCAP_OK);
    CU_ASSERT_EQUAL(ccap_vitals_add(v, 0, 2020, CCAP_VITALS_BIRTHS, 90000.0, "bulletin", 3, NULL),
                    CCAP_OK);
    /* other measures and regions are not births of region 0 */
    CU_ASSERT_EQUAL(ccap_vitals_add(v, 0, 2018, CCAP_VITALS_BIRTH_RATE, 9.5, NULL, 4, NULL),
                    CCAP_OK);
    CU_ASSERT_EQUAL(ccap_vitals_add(v, 1, 2018, CCAP_VITALS_BIRTHS, 1000.0, NULL, 5, NULL),
                    CCAP_OK);

    /* as by hand: 2021-01-01, SRB 100 */
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival_vitals(v, 0, jan, 100.0, lt, lt, NULL, NULL, 2, out, cov, &diag),
        CCAP_OK);
    CCAP_ASSERT_REL(out[0], 44207.657, 1e-7);
    CCAP_ASSERT_REL(out[1], 48968.639, 1e-7);
    /* a census on 2020-11-01 needs 2018 for age 1 */
    jan.year = 2020;
    jan.month = 11;
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival_vitals(v, 0, jan, 100.0, lt, lt, NULL, NULL, 2, out, cov, &diag),
        CCAP_ENOTFOUND);
    CU_ASSERT(strstr(diag.message, "no births given for 2018,") != NULL);
    CU_ASSERT(isnan(out[0]));
    CU_ASSERT_DOUBLE_EQUAL(cov[1], 305.0 / 366.0, 1e-12);
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival_vitals(v, 2, jan, 100.0, lt, lt, NULL, NULL, 2, out, cov, &diag),
        CCAP_ENOTFOUND);
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival_vitals(v, 0, bad_date, 100.0, lt, lt, NULL, NULL, 2, out, cov, &diag),
        CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(diag.field, "census");
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival_vitals(NULL, 0, jan, 100.0, lt, lt, NULL, NULL, 2, out, cov, &diag),
        CCAP_EINVAL);
    CU_ASSERT(isnan(out[0]));
    CCAP_ASSERT_STATUS(
        ccap_reverse_survival_vitals(v, 0, jan, 100.0, lt, lt, NULL, NULL, 0, out, cov, &diag),
        CCAP_EINVAL);
    ccap_lifetable_free(lt);
    ccap_vitals_free(v);
}

/* ---- Nanyang, 2020 census (examples/data/nanyang) ---- */

static FILE *
nanyang_open(const char *name)
{
    const char *dir = getenv("CCAP_TEST_NANYANG");
    char path[1024];

    if (dir == NULL)
        return NULL;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return fopen(path, "r");
}

/* Life tables of 2020 from the national death rates (examples/data/national/mortality.csv,
 * WPP 2024 China, rows `*,2020,SEX,AGE,mx` of the period 2020-2025 on the abridged ages 0,
 * 1, 5, ..., 100+), constant within each group on single years 0 ... 99, 100+, by the
 * projection's default rule, Andreev-Kingkade. */
static int
nanyang_tables(ccap_lifetable *lt[2])
{
    const char *dir = getenv("CCAP_TEST_NATIONAL");
    FILE *fp;
    size_t ages[101];
    double mx[2][101];
    size_t n[2] = {0, 0}, i;
    char line[256], path[1024];
    int s;

    if (dir == NULL)
        return -1;
    snprintf(path, sizeof path, "%s/mortality.csv", dir);
    if ((fp = fopen(path, "r")) == NULL)
        return -1;
    while (fgets(line, sizeof line, fp) != NULL) {
        char sex[16];
        int year;
        unsigned age;
        double m;

        if (sscanf(line, "*,%d,%15[a-z],%u%*[+],%lf", &year, sex, &age, &m) != 4 &&
            sscanf(line, "*,%d,%15[a-z],%u,%lf", &year, sex, &age, &m) != 4)
            continue;
        s = strcmp(sex, "male") == 0;
        if (year != 2020 || age > 100 || age != n[s])
            continue;
        /* the group from this age to the next one given (1-4, 5-9, ...; 100+ alone) */
        for (i = age; i < (age == 0 ? 1u : age == 1 ? 5u : age == 100 ? 101u : age + 5u); i++)
            mx[s][n[s]++] = m;
    }
    fclose(fp);
    if (n[0] != 101 || n[1] != 101)
        return -1;
    for (i = 0; i < 101; i++)
        ages[i] = i;
    for (s = 0; s < 2; s++) {
        lt[s] = ccap_lifetable_alloc(101);
        if (lt[s] == NULL ||
            ccap_lifetable_from_mx(lt[s], ages, mx[s], 101, s ? CCAP_SEX_MALE : CCAP_SEX_FEMALE,
                                   CCAP_A0_ANDREEV_KINGKADE) != CCAP_OK)
            return -1;
    }
    return 0;
}

/* The city's (411300) children aged 0-2 in population_2020.csv, by sex. */
static int
nanyang_base_under3(double base[2][3])
{
    FILE *fp = nanyang_open("population_2020.csv");
    char line[256];
    int found = 0;

    if (fp == NULL)
        return -1;
    while (fgets(line, sizeof line, fp) != NULL) {
        char sex[16];
        unsigned age;
        double p;

        if (sscanf(line, "411300,2020,%15[a-z],%u,%lf,", sex, &age, &p) == 3 && age < 3 &&
            line[strlen("411300,2020,") + strlen(sex) + 2] == ',') {
            base[strcmp(sex, "male") == 0][age] = p;
            found++;
        }
    }
    fclose(fp);
    return found == 6 ? 0 : -1;
}

/*
 * Nanyang publishes its births for 2019 (120,700, S6) and 2024 (65,000, S7) only.  The
 * children aged 0-2 on 2020-11-01 were born from 2017-11-01 to 2020-10-31 and need the
 * births of 2017, 2018, 2019 and 2020: with the published figures alone the function
 * refuses, naming 2020 (the latest missing year), and says which parts of the windows
 * 2019 covers: age 0 the last 2/12 of 2019 (1/6; the first 10/12 of 2020 are missing),
 * age 1 the first 10/12 of 2019 (5/6), age 2 nothing.
 *
 * The derived 0-2 margin of margins.csv fills the gap with a labelled assumption: 2018
 * and 2020 from Henan's births (1,270,000 and 917,000, S15, S16, S18) at Nanyang's 2019
 * share of them (120,700 / 1,204,000 = 10.025 %), i.e. 127,316.4 and 91,928.2, and 2017
 * taken as 2018.  Its note reckons 2/12·2017 + 2018 + 2019 + 10/12·2020 = 345,843 births
 * and 0.996 survival, 344,460 children, the 0-2 margin the raked base population met.  With
 * the same births, the national 2020-2025 death rates (Andreev-Kingkade) and the 2020 sex ratio
 * at birth of srb.csv (111.2), reverse survival gives 343,844 children under 3, 616
 * (0.18 %) fewer than the margin: survival from birth to the census averages 0.99422, not
 * 0.996.  By hand for girls aged 0: born from 2019-11-01 to 2020-10-31,
 * 1/6·120,700 + 5/6·91,928.2 = 96,723.7 births, 100/211.2 of them girls, and
 * a_0 = 0.14903 − 2.05527·0.00523073 = 0.13828, q_0 = 0.00523073 / (1 + 0.86172·0.00523073)
 * = 0.0052073, L_0 = 1 − 0.86172·0.0052073 = 0.9955128: 96,723.7 · 0.4734848 · 0.9955128 =
 * 45,591.7.
 *
 * | ages 0, 1, 2  | base population (raked)      | reverse survival             |
 * |---------------|------------------------------|------------------------------|
 * | girls         | 55,461  55,355  55,408       | 45,592  57,360  59,933       |
 * | boys          | 59,512  59,312  59,412       | 50,656  63,723  66,580       |
 * | total         | 344,460 (boys per 100 girls: 107.2) | 343,844 (111.1)       |
 *
 * The totals agree because the margin was made from these births; the single years do
 * not: the raking spreads the margin evenly over ages 0-2 in China's shape, while the
 * births fell from 2018 to 2020: age 0 is 16 % lower (96,248 against 114,973), age 1 6 %
 * higher and age 2 10 % higher than in the base, and the sex ratio follows the births'
 * 111.2.
 */
static void
test_reverse__nanyang(void)
{
    const double share = 120700.0 / 1204000.0; /* Nanyang's part of Henan's 2019 births */
    const int years[] = {2017, 2018, 2019, 2020};
    const double births[] = {1270000.0 * share, 1270000.0 * share, 120700.0, 917000.0 * share};
    ccap_lifetable *lt[2] = {NULL, NULL};
    ccap_vitals *v = ccap_vitals_alloc();
    ccap_date census = {2020, 11, 1};
    double base[2][3], out[6], cov[3], t, base3, rs3, window;
    ccap_diag diag;
    char line[400];
    size_t a;

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_EQUAL_FATAL(nanyang_tables(lt), 0);
    CU_ASSERT_EQUAL_FATAL(nanyang_base_under3(base), 0);

    /* the published births alone */
    CU_ASSERT_EQUAL(ccap_vitals_add(v, 0, 2019, CCAP_VITALS_BIRTHS, 120700.0, "S6", 3, NULL),
                    CCAP_OK);
    CU_ASSERT_EQUAL(ccap_vitals_add(v, 0, 2024, CCAP_VITALS_BIRTHS, 65000.0, "S7", 8, NULL),
                    CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_reverse_survival_vitals(v, 0, census, 111.2, lt[0], lt[1], NULL, NULL,
                                                    3, out, cov, &diag),
                       CCAP_ENOTFOUND);
    ccap_diag_format(&diag, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "births: no births given for 2020, which the children aged 0 "
                                 "at the census need (born from 2019.8333 to 2020.8333)");
    CU_ASSERT_DOUBLE_EQUAL(cov[0], 1.0 / 6.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(cov[1], 5.0 / 6.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(cov[2], 0.0, 0.0);

    /* with the derived births of the 0-2 margin's note */
    CU_ASSERT_EQUAL_FATAL(ccap_date_decimal_year(census, &t), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_reverse_survival(years, births, 4, 111.2, lt[0], lt[1], t, NULL, NULL,
                                             3, out, cov, &diag),
                       CCAP_OK);
    window = births[0] / 6.0 + births[1] + births[2] + births[3] * 5.0 / 6.0;
    CCAP_ASSERT_REL(window, 345843.0, 2e-6); /* the note's figure, to the person */
    base3 = rs3 = 0.0;
    for (a = 0; a < 3; a++) {
        base3 += base[0][a] + base[1][a];
        rs3 += out[a] + out[3 + a];
        CU_ASSERT_DOUBLE_EQUAL(cov[a], 1.0, 0.0);
    }
    /* the bundled base takes its children from these births (ccap-calibrate), with the
     * national death rates interpolated to the census date between the periods 2015-2020
     * and 2020-2025 rather than those of 2020-2025 alone: within 0.2 % */
    CU_ASSERT(fabs(base3 / rs3 - 1.0) < 2e-3);
    CCAP_ASSERT_REL(rs3, 343843.5, 1e-6);
    CCAP_ASSERT_REL(out[0], 45591.7, 2e-6); /* by hand above */
    CCAP_ASSERT_REL(out[0] + out[1] + out[2], 162884.3, 1e-6);
    CCAP_ASSERT_REL(out[3] + out[4] + out[5], 180959.2, 1e-6);
    ccap_lifetable_free(lt[0]);
    ccap_lifetable_free(lt[1]);
    ccap_vitals_free(v);
}

/*
 * Margins from births, the births of the hand case above (100,000 in 2019, 90,000 in
 * 2020), census 2021-01-01, 100 boys per 100 girls, 2 ages: four margins of 2020,
 *   female 0-0: 0.5 · 90,000 · 0.9823924 = 44,207.657    male 0-0: the same
 *   female 1-1: 0.5 · 100,000 · 0.9793728 = 48,968.639   male 1-1: the same
 * with the note; a 0-14 margin is kept; a 1-1 margin of another region is no conflict,
 * one of the region is (nothing added); a missing year is ENOTFOUND (nothing added).
 */
static void
test_reverse__margins(void)
{
    ccap_lifetable *lt = small_table();
    ccap_vitals *v = ccap_vitals_alloc();
    ccap_margins *m = ccap_margins_alloc();
    const ccap_date census = {2021, 1, 1};
    ccap_margin got;
    ccap_diag diag;
    size_t conflict = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(lt);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 0, 2019, CCAP_VITALS_BIRTHS, 100000.0, NULL, 0, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_vitals_add(v, 0, 2020, CCAP_VITALS_BIRTHS, 90000.0, NULL, 0, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_margins_add(m, 0, 2020, CCAP_SEX_BOTH, 0, 15, 400000.0, NULL, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_margins_add(m, 1, 2020, CCAP_SEX_BOTH, 1, 2, 5000.0, NULL, NULL),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(
        ccap_reverse_add_margins(m, v, 0, 2020, census, 100.0, lt, lt, 2, &conflict, &diag),
        CCAP_OK);
    CU_ASSERT_EQUAL(conflict, SIZE_MAX);
    CU_ASSERT_EQUAL_FATAL(ccap_margins_count(m), 6);
    ccap_margins_get(m, 2, &got);
    CU_ASSERT(got.region == 0 && got.year == 2020 && got.sex == CCAP_SEX_FEMALE &&
              got.age_lo == 0 && got.age_hi == 1);
    CCAP_ASSERT_REL(got.value, 44207.657, 1e-7);
    CU_ASSERT_STRING_EQUAL(got.note, "derived from births by reverse survival");
    ccap_margins_get(m, 3, &got);
    CU_ASSERT(got.sex == CCAP_SEX_FEMALE && got.age_lo == 1 && got.age_hi == 2);
    CCAP_ASSERT_REL(got.value, 48968.639, 1e-7);
    ccap_margins_get(m, 4, &got);
    CU_ASSERT(got.sex == CCAP_SEX_MALE && got.age_lo == 0 && got.age_hi == 1);
    CCAP_ASSERT_REL(got.value, 44207.657, 1e-7);
    ccap_margins_get(m, 5, &got);
    CU_ASSERT(got.sex == CCAP_SEX_MALE && got.age_lo == 1 && got.age_hi == 2);
    CCAP_ASSERT_REL(got.value, 48968.639, 1e-7);

    /* the region now has 0-0 and 1-1: a second call is refused, naming the first of them */
    CCAP_ASSERT_STATUS(
        ccap_reverse_add_margins(m, v, 0, 2020, census, 100.0, lt, lt, 2, &conflict, &diag),
        CCAP_EEXIST);
    CU_ASSERT_EQUAL(conflict, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "ages 0 (female)"));
    CU_ASSERT_EQUAL(ccap_margins_count(m), 6);
    /* region 1 has a 1-1 margin: refused; of the year 2019 it would not be */
    CCAP_ASSERT_STATUS(
        ccap_reverse_add_margins(m, v, 1, 2020, census, 100.0, lt, lt, 2, &conflict, &diag),
        CCAP_EEXIST);
    CU_ASSERT_EQUAL(conflict, 1);
    /* region 2 has no births: the latest missing year is named, nothing added */
    CCAP_ASSERT_STATUS(
        ccap_reverse_add_margins(m, v, 2, 2020, census, 100.0, lt, lt, 2, &conflict, &diag),
        CCAP_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "2020"));
    CU_ASSERT_EQUAL(ccap_margins_count(m), 6);
    CCAP_ASSERT_STATUS(
        ccap_reverse_add_margins(NULL, v, 0, 2020, census, 100.0, lt, lt, 2, NULL, NULL),
        CCAP_EINVAL);
    ccap_margins_free(m);
    ccap_vitals_free(v);
    ccap_lifetable_free(lt);
}

static CU_TestInfo reverse_tests[] = {
    {"hand", test_reverse__hand},
    {"migration", test_reverse__migration},
    {"known_truth", test_reverse__known_truth},
    {"errors", test_reverse__errors},
    {"vitals", test_reverse__vitals},
    {"nanyang", test_reverse__nanyang},
    {"margins", test_reverse__margins},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "reverse", .pTests = reverse_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
