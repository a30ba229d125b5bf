/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mortality: Brass relational logit against the logit formula evaluated here, e0 solving,
 * Lee-Carter against known synthetic parameters and an independent power iteration on
 * UN WPP 2019 rates, and every error path. */

#include <stdio.h>
#include <string.h>

#include "ccap_test.h"

#define CAP 64

static ccap_mortality_workspace *ws;
static ccap_lifetable *standard, *lt;
static size_t std_ages[CAP], n_std;
static double std_mx[CAP];

/* The abridged mx of one period and sex of tests/data/wpp/china_mx_abridged.csv (UN WPP
 * 2019, China; see tests/data/wpp/README.md); returns the number of groups. */
static size_t
read_wpp_mx(const char *period, const char *sex, size_t ages[], double mx[], size_t max)
{
    char path[1024], line[256], p[32], s[16];
    FILE *fp = fopen(ccap_test_data(path, sizeof path, "wpp/china_mx_abridged.csv"), "r");
    size_t n = 0, age;
    double value;

    if (fp == NULL)
        return 0;
    while (fgets(line, sizeof line, fp) != NULL) {
        if (sscanf(line, "China,%31[^,],%15[^,],%zu,%lf", p, s, &age, &value) != 4)
            continue; /* header */
        if (strcmp(p, period) == 0 && strcmp(s, sex) == 0 && n < max) {
            ages[n] = age;
            mx[n++] = value;
        }
    }
    fclose(fp);
    return n;
}

/* Standard: China, female, 2015-2020, abridged 0, 1, 5, …, 100+, Andreev-Kingkade. */
static int
setup(void)
{
    ws = ccap_mortality_workspace_alloc(CAP);
    standard = ccap_lifetable_alloc(CAP);
    lt = ccap_lifetable_alloc(CAP);
    n_std = read_wpp_mx("2015-2020", "female", std_ages, std_mx, CAP);
    if (ws == NULL || standard == NULL || lt == NULL || n_std != 22)
        return 1;
    return ccap_lifetable_from_mx(standard, std_ages, std_mx, n_std, CCAP_SEX_FEMALE,
                                  CCAP_A0_ANDREEV_KINGKADE) != CCAP_OK;
}

static int
teardown(void)
{
    ccap_mortality_workspace_free(ws);
    ccap_lifetable_free(standard);
    ccap_lifetable_free(lt);
    ws = NULL;
    standard = lt = NULL;
    return 0;
}

static double
e0_of(const double mx[], size_t n)
{
    double e0 = NAN;

    if (ccap_lifetable_from_mx(lt, std_ages, mx, n, CCAP_SEX_FEMALE,
                               CCAP_A0_ANDREEV_KINGKADE) == CCAP_OK)
        ccap_lifetable_e0(lt, &e0);
    return e0;
}

/* ---- Brass ---- */

/* alpha = 0, beta = 1 is the identity on the logits.  The q of each group is formed
 * without cancellation, so only a few roundings separate the result from the standard:
 * 1e-13 relative (the largest difference seen is 4e-16). */
static void
test_mortality__brass_identity(void)
{
    double mx[CAP];
    size_t i;

    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, standard, 0.0, 1.0, mx, n_std), CCAP_OK);
    for (i = 0; i < n_std; i++)
        CCAP_ASSERT_REL(mx[i], std_mx[i], 1e-13);
}

/* The schedule's survivors against the definition, evaluated here directly:
 * l(x) = 1 / (1 + exp(2 (alpha + beta Ys(x)))), Ys(x) = 0.5 ln((1 - ls(x)) / ls(x)).
 * The direct formula loses digits in 1 - ls(x) near 1 (about 1e-14 relative at
 * ls = 0.99), hence 1e-12. */
static void
test_mortality__brass_logit(void)
{
    const double pairs[3][2] = {{0.3, 1.0}, {-0.45, 1.2}, {0.17, 0.8}};
    const double *ls = ccap_lifetable_lx(standard);
    double mx[CAP];
    size_t i, c;

    for (c = 0; c < 3; c++) {
        const double alpha = pairs[c][0], beta = pairs[c][1];

        CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, standard, alpha, beta, mx, n_std),
                           CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_lifetable_from_mx(lt, std_ages, mx, n_std, CCAP_SEX_FEMALE,
                                                  CCAP_A0_ANDREEV_KINGKADE),
                           CCAP_OK);
        CCAP_ASSERT_REL(ccap_lifetable_lx(lt)[0], 1.0, 0.0);
        for (i = 1; i < n_std; i++) {
            const double ys = 0.5 * log((1.0 - ls[i]) / ls[i]);
            const double l = 1.0 / (1.0 + exp(2.0 * (alpha + beta * ys)));

            CCAP_ASSERT_REL(ccap_lifetable_lx(lt)[i], l, 1e-12);
        }
        /* the open group keeps the standard's rate */
        CCAP_ASSERT_REL(mx[n_std - 1], std_mx[n_std - 1], 0.0);
    }
    /* alpha > 0 means more deaths at every age */
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, standard, 0.3, 1.0, mx, n_std), CCAP_OK);
    for (i = 0; i + 1 < n_std; i++)
        CU_ASSERT(mx[i] > std_mx[i]);
}

/* Solve alpha for several targets; the schedule's own life table has the target e0.
 * The check rebuilds the table from the returned rates, which differs from the solver's
 * table (built from q) by about 1e-11 years, far below the tolerance 1e-8. */
static void
test_mortality__brass_solve(void)
{
    const double targets[5] = {55.5, 63.25, 71.8, 79.4, 86.1};
    const double tol = 1e-8;
    double alpha[5], mx[CAP], e0_std;
    size_t i;

    ccap_lifetable_e0(standard, &e0_std);
    for (i = 0; i < 5; i++) {
        CCAP_ASSERT_STATUS(
            ccap_mortality_brass_alpha(ws, standard, 1.0, targets[i], tol, 100, &alpha[i]),
            CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, standard, alpha[i], 1.0, mx, n_std),
                           CCAP_OK);
        CU_ASSERT_DOUBLE_EQUAL(e0_of(mx, n_std), targets[i], tol);
    }
    /* alpha decreases as the target rises; alpha > 0 exactly when the target is below the
     * standard's e0 (78.93) */
    for (i = 1; i < 5; i++)
        CU_ASSERT(alpha[i] < alpha[i - 1]);
    for (i = 0; i < 5; i++)
        CU_ASSERT((alpha[i] > 0.0) == (targets[i] < e0_std));
    /* the standard's own e0 gives alpha = 0 */
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, standard, 1.0, e0_std, tol, 100, &alpha[0]),
                       CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(alpha[0], 0.0, 0.0);
    /* another shape */
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, standard, 0.85, 68.0, tol, 100, &alpha[1]),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, standard, alpha[1], 0.85, mx, n_std),
                       CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(e0_of(mx, n_std), 68.0, tol);
}

/* Nobody dying before 100 gives the largest e0 the model can reach, 100 + 1 / m(100+);
 * every newborn dying in the first year the smallest, a0 = 0.31411 years (the last
 * Andreev-Kingkade piece).  Targets outside are CCAP_ENOTREACHED. */
static void
test_mortality__brass_unreachable(void)
{
    const double e0_max = 100.0 + 1.0 / std_mx[n_std - 1];
    double alpha = 0.0, mx[CAP];

    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, standard, 1.0, 200.0, 1e-8, 100, &alpha),
                       CCAP_ENOTREACHED);
    CU_ASSERT(isnan(alpha));
    CCAP_ASSERT_STATUS(
        ccap_mortality_brass_alpha(ws, standard, 1.0, e0_max + 0.01, 1e-8, 100, &alpha),
        CCAP_ENOTREACHED);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, standard, 1.0, 0.2, 1e-8, 100, &alpha),
                       CCAP_ENOTREACHED);
    /* just inside the bound it is reached */
    CCAP_ASSERT_STATUS(
        ccap_mortality_brass_alpha(ws, standard, 1.0, e0_max - 0.5, 1e-8, 100, &alpha),
        CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, standard, alpha, 1.0, mx, n_std), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(e0_of(mx, n_std), e0_max - 0.5, 1e-8);
    /* too few iterations to bracket 30 years from the standard */
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, standard, 1.0, 30.0, 1e-8, 1, &alpha),
                       CCAP_ENOTREACHED);
}

/* ---- Lee-Carter ---- */

/* Rank-1 data from known parameters: mx[t][x] = exp(a[x] + b[x] k[t]) with sum b = 1 and
 * sum k = 0; the fit must return them (to 1e-10, the brief's bound; the SVD of an exactly
 * rank-1 matrix is accurate to a few ulps of its largest entry). */
static void
check_synthetic(size_t n_years, size_t n_ages)
{
    ccap_leecarter *lc = ccap_mortality_leecarter_alloc(n_years, n_ages);
    double a[32], b[32], k[32], mx[32 * 32], sum_b = 0.0, sum_k = 0.0, share;
    size_t t, x;

    CU_ASSERT_PTR_NOT_NULL(lc);
    if (lc == NULL)
        return;
    for (x = 0; x < n_ages; x++) {
        a[x] = -8.3 + 0.071 * (double)(x * x) / (double)n_ages + 0.013 * (double)x;
        b[x] = 1.0 + 0.37 * sin(0.9 * (double)x) + 0.05 * (double)x;
        sum_b += b[x];
    }
    for (x = 0; x < n_ages; x++)
        b[x] /= sum_b;
    for (t = 0; t < n_years; t++) {
        k[t] = 14.7 - 2.35 * (double)t + 0.41 * cos(1.3 * (double)t);
        sum_k += k[t];
    }
    for (t = 0; t < n_years; t++)
        k[t] -= sum_k / (double)n_years;
    for (t = 0; t < n_years; t++) {
        for (x = 0; x < n_ages; x++)
            mx[t * n_ages + x] = exp(a[x] + b[x] * k[t]);
    }

    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_fit(lc, mx, n_years, n_ages), CCAP_OK);
    for (x = 0; x < n_ages; x++) {
        CU_ASSERT_DOUBLE_EQUAL(ccap_mortality_leecarter_a(lc)[x], a[x], 1e-10);
        CU_ASSERT_DOUBLE_EQUAL(ccap_mortality_leecarter_b(lc)[x], b[x], 1e-10);
    }
    for (t = 0; t < n_years; t++)
        CU_ASSERT_DOUBLE_EQUAL(ccap_mortality_leecarter_k(lc)[t], k[t], 1e-10);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_explained(lc, &share), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(share, 1.0, 1e-12);
    /* rates for a fitted k reproduce the data */
    {
        double m[32];

        CCAP_ASSERT_STATUS(ccap_mortality_leecarter_mx(lc, k[2], m, n_ages), CCAP_OK);
        for (x = 0; x < n_ages; x++)
            CCAP_ASSERT_REL(m[x], mx[2 * n_ages + x], 1e-10);
    }
    ccap_mortality_leecarter_free(lc);
}

static void
test_mortality__leecarter_synthetic(void)
{
    check_synthetic(7, 12);  /* fewer years than ages: the transposed decomposition */
    check_synthetic(15, 6);  /* more years than ages */
    check_synthetic(9, 9);   /* square */
}

#define LC_YEARS 8
static const char *const lc_periods[LC_YEARS] = {"1980-1985", "1985-1990", "1990-1995",
                                                 "1995-2000", "2000-2005", "2005-2010",
                                                 "2010-2015", "2015-2020"};

/* China female mx 1980-1985 … 2015-2020 (8 periods x 22 ages). */
static int
read_lc_series(double mx[])
{
    size_t t, ages[CAP];

    for (t = 0; t < LC_YEARS; t++) {
        if (read_wpp_mx(lc_periods[t], "female", ages, mx + t * 22, 22) != 22)
            return 0;
    }
    return 1;
}

/* Fit to WPP: a is the mean log rate; b and k agree with the leading singular vectors
 * found here by power iteration on Z^T Z (an independent method; sigma_2 / sigma_1 is
 * 0.513 / 4.248 = 0.12 here, so 2000 steps converge to rounding many times over).
 *
 * Fit quality, measured: the rank-1 term holds 98.08% of the sum of squares of the
 * centred log rates; the root mean square of ln(fitted / WPP) is 0.0448, and its largest
 * absolute value 0.198 (the fitted rate 18% below WPP's, ages 5-9 in 1980-1985: child
 * mortality did not fall in step with the single index).  The asserts hold those values, rounded. */
static void
test_mortality__leecarter_wpp(void)
{
    double mx[LC_YEARS * 22], z[LC_YEARS * 22], a[22], v[22], w[22], u[LC_YEARS];
    double share, max_err = 0.0, sum_sq = 0.0, sum_v = 0.0, sigma = 0.0, norm;
    ccap_leecarter *lc = ccap_mortality_leecarter_alloc(LC_YEARS, 22);
    size_t t, x, y, it;

    CU_ASSERT_PTR_NOT_NULL(lc);
    CU_ASSERT(read_lc_series(mx));
    if (lc == NULL)
        return;
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_fit(lc, mx, LC_YEARS, 22), CCAP_OK);

    /* a and the centred matrix */
    for (x = 0; x < 22; x++) {
        a[x] = 0.0;
        for (t = 0; t < LC_YEARS; t++)
            a[x] += log(mx[t * 22 + x]) / LC_YEARS;
        CCAP_ASSERT_REL(ccap_mortality_leecarter_a(lc)[x], a[x], 1e-14);
        for (t = 0; t < LC_YEARS; t++)
            z[t * 22 + x] = log(mx[t * 22 + x]) - a[x];
    }
    /* power iteration: v <- Z^T Z v / |Z^T Z v| */
    for (x = 0; x < 22; x++)
        v[x] = 1.0;
    for (it = 0; it < 2000; it++) {
        for (t = 0; t < LC_YEARS; t++) {
            u[t] = 0.0;
            for (x = 0; x < 22; x++)
                u[t] += z[t * 22 + x] * v[x];
        }
        for (y = 0, norm = 0.0; y < 22; y++) {
            w[y] = 0.0;
            for (t = 0; t < LC_YEARS; t++)
                w[y] += z[t * 22 + y] * u[t];
            norm += w[y] * w[y];
        }
        for (y = 0; y < 22; y++)
            v[y] = w[y] / sqrt(norm);
    }
    for (t = 0; t < LC_YEARS; t++) {
        u[t] = 0.0;
        for (x = 0; x < 22; x++)
            u[t] += z[t * 22 + x] * v[x]; /* = sigma_1 u_1 */
        sigma += u[t] * u[t];
    }
    sigma = sqrt(sigma);
    for (x = 0; x < 22; x++)
        sum_v += v[x];
    for (x = 0; x < 22; x++)
        CU_ASSERT_DOUBLE_EQUAL(ccap_mortality_leecarter_b(lc)[x], v[x] / sum_v, 1e-10);
    for (t = 0; t < LC_YEARS; t++)
        CU_ASSERT_DOUBLE_EQUAL(ccap_mortality_leecarter_k(lc)[t], u[t] * sum_v, 1e-9);
    {
        double sb = 0.0, sk = 0.0, total = 0.0;

        for (x = 0; x < 22; x++)
            sb += ccap_mortality_leecarter_b(lc)[x];
        for (t = 0; t < LC_YEARS; t++)
            sk += ccap_mortality_leecarter_k(lc)[t];
        CU_ASSERT_DOUBLE_EQUAL(sb, 1.0, 1e-14);
        CU_ASSERT_DOUBLE_EQUAL(sk, 0.0, 1e-12);
        for (t = 0; t < LC_YEARS * 22; t++)
            total += z[t] * z[t];
        CCAP_ASSERT_STATUS(ccap_mortality_leecarter_explained(lc, &share), CCAP_OK);
        CCAP_ASSERT_REL(share, sigma * sigma / total, 1e-12);
    }

    /* fit quality */
    for (t = 0; t < LC_YEARS; t++) {
        double m[22];

        CCAP_ASSERT_STATUS(
            ccap_mortality_leecarter_mx(lc, ccap_mortality_leecarter_k(lc)[t], m, 22), CCAP_OK);
        for (x = 0; x < 22; x++) {
            const double err = fabs(log(m[x] / mx[t * 22 + x]));

            if (err > max_err)
                max_err = err;
            sum_sq += err * err;
        }
    }
    fprintf(stderr, "\nLee-Carter on WPP China female 1980-2020: share %.4f, max |ln ratio| %.4f, "
                    "rms %.4f\n",
            share, max_err, sqrt(sum_sq / (LC_YEARS * 22)));
    CU_ASSERT(share > 0.98);
    CU_ASSERT(max_err < 0.2);
    CU_ASSERT(sqrt(sum_sq / (LC_YEARS * 22)) < 0.045);
    ccap_mortality_leecarter_free(lc);
}

/* k for a target e0: the rates of the solved k have that e0; the e0 of a fitted period's
 * rates gives back that period's k. */
static void
test_mortality__leecarter_solve(void)
{
    double mx[LC_YEARS * 22], m[22], k, e0;
    const double tol = 1e-9;
    const double targets[3] = {68.4, 77.7, 84.25};
    ccap_leecarter *lc = ccap_mortality_leecarter_alloc(LC_YEARS, 22);
    size_t i;

    CU_ASSERT_PTR_NOT_NULL(lc);
    if (lc == NULL)
        return;
    CU_ASSERT(read_lc_series(mx));
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_fit(lc, mx, LC_YEARS, 22), CCAP_OK);
    for (i = 0; i < 3; i++) {
        CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(ws, lc, std_ages, 22,
                                                            CCAP_SEX_FEMALE,
                                                            CCAP_A0_ANDREEV_KINGKADE,
                                                            targets[i], tol, 100, &k),
                           CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_mortality_leecarter_mx(lc, k, m, 22), CCAP_OK);
        CU_ASSERT_DOUBLE_EQUAL(e0_of(m, 22), targets[i], tol);
    }
    /* round trip through a fitted period, 1995-2000 */
    {
        const double k3 = ccap_mortality_leecarter_k(lc)[3];

        CCAP_ASSERT_STATUS(ccap_mortality_leecarter_mx(lc, k3, m, 22), CCAP_OK);
        e0 = e0_of(m, 22);
        CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(ws, lc, std_ages, 22,
                                                            CCAP_SEX_FEMALE,
                                                            CCAP_A0_ANDREEV_KINGKADE, e0,
                                                            1e-10, 100, &k),
                           CCAP_OK);
        /* de0/dk is about -0.5 years per unit of k here, so 1e-10 years is 2e-10 in k */
        CU_ASSERT_DOUBLE_EQUAL(k, k3, 1e-8);
    }
    ccap_mortality_leecarter_free(lc);
}

/* ---- errors ---- */

static void
test_mortality__brass_errors(void)
{
    ccap_mortality_workspace *small = ccap_mortality_workspace_alloc(4);
    ccap_lifetable *empty = ccap_lifetable_alloc(4), *one = ccap_lifetable_alloc(4),
                   *closed = ccap_lifetable_alloc(4);
    const size_t ages[4] = {0, 1, 5, 10}, open_only[1] = {0};
    const double clamp_mx[4] = {0.0337, 0.00252, 0.5, 0.0815}, m1[1] = {0.02};
    double mx[CAP], alpha = 0.0;

    CU_ASSERT_PTR_NULL(ccap_mortality_workspace_alloc(0));
    CU_ASSERT_PTR_NULL(ccap_mortality_workspace_alloc(CCAP_LIFETABLE_AGES_MAX + 1));
    ccap_mortality_workspace_free(NULL);
    CU_ASSERT_PTR_NOT_NULL(small);
    CU_ASSERT_PTR_NOT_NULL(empty);
    ccap_lifetable_from_mx(one, open_only, m1, 1, CCAP_SEX_MALE, CCAP_A0_COALE_DEMENY);
    ccap_lifetable_from_mx(closed, ages, clamp_mx, 4, CCAP_SEX_MALE, CCAP_A0_COALE_DEMENY);

    /* brass_mx */
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(NULL, standard, 0.1, 1.0, mx, n_std),
                       CCAP_EINVAL);
    CU_ASSERT(isnan(mx[0]) && isnan(mx[n_std - 1]));
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, NULL, 0.1, 1.0, mx, n_std), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, standard, 0.1, 1.0, NULL, n_std),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, standard, 0.1, 1.0, mx, n_std - 1),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(small, standard, 0.1, 1.0, mx, n_std),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, empty, 0.1, 1.0, mx, n_std), CCAP_ESTATE);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, one, 0.1, 1.0, mx, 1), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, closed, 0.1, 1.0, mx, 4), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, standard, NAN, 1.0, mx, n_std), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, standard, INFINITY, 1.0, mx, n_std),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, standard, 0.1, 0.0, mx, n_std), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, standard, 0.1, -1.0, mx, n_std), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, standard, 0.1, NAN, mx, n_std), CCAP_EDOM);
    /* a shape so extreme that the odds overflow */
    CCAP_ASSERT_STATUS(ccap_mortality_brass_mx(ws, standard, 0.1, 1e6, mx, n_std), CCAP_ERANGE);
    CU_ASSERT(isnan(mx[0]));

    /* brass_alpha */
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, standard, 1.0, 70.0, 1e-8, 100, NULL),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(NULL, standard, 1.0, 70.0, 1e-8, 100, &alpha),
                       CCAP_EINVAL);
    CU_ASSERT(isnan(alpha));
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, NULL, 1.0, 70.0, 1e-8, 100, &alpha),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(small, standard, 1.0, 70.0, 1e-8, 100, &alpha),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, empty, 1.0, 70.0, 1e-8, 100, &alpha),
                       CCAP_ESTATE);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, closed, 1.0, 70.0, 1e-8, 100, &alpha),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, standard, 1.0, 70.0, 1e-8, 0, &alpha),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, standard, 0.0, 70.0, 1e-8, 100, &alpha),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, standard, 1.0, NAN, 1e-8, 100, &alpha),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, standard, 1.0, -70.0, 1e-8, 100, &alpha),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, standard, 1.0, 70.0, 0.0, 100, &alpha),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, standard, 1.0, 70.0, NAN, 100, &alpha),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_mortality_brass_alpha(ws, standard, 1e6, 70.0, 1e-8, 100, &alpha),
                       CCAP_ERANGE);
    CU_ASSERT(isnan(alpha));

    ccap_mortality_workspace_free(small);
    ccap_lifetable_free(empty);
    ccap_lifetable_free(one);
    ccap_lifetable_free(closed);
}

static void
test_mortality__leecarter_errors(void)
{
    ccap_leecarter *lc = ccap_mortality_leecarter_alloc(3, 4);
    ccap_mortality_workspace *small = ccap_mortality_workspace_alloc(3);
    double mx[12] = {0.012, 0.0011, 0.0009, 0.08, 0.010, 0.0010, 0.0008, 0.075,
                     0.008, 0.0008, 0.0007, 0.07};
    const size_t ages[4] = {0, 1, 5, 10}, bad_ages[4] = {0, 5, 5, 10};
    double m[4], k = 0.0, share = 0.0;

    CU_ASSERT_PTR_NULL(ccap_mortality_leecarter_alloc(1, 4));
    CU_ASSERT_PTR_NULL(ccap_mortality_leecarter_alloc(4, 1));
    CU_ASSERT_PTR_NULL(ccap_mortality_leecarter_alloc(CCAP_MORTALITY_YEARS_MAX + 1, 4));
    CU_ASSERT_PTR_NULL(ccap_mortality_leecarter_alloc(4, CCAP_LIFETABLE_AGES_MAX + 1));
    ccap_mortality_leecarter_free(NULL);
    CU_ASSERT_PTR_NOT_NULL(lc);
    CU_ASSERT_PTR_NOT_NULL(small);

    /* before a fit */
    CU_ASSERT_PTR_NULL(ccap_mortality_leecarter_a(lc));
    CU_ASSERT_PTR_NULL(ccap_mortality_leecarter_b(lc));
    CU_ASSERT_PTR_NULL(ccap_mortality_leecarter_k(NULL));
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_explained(lc, &share), CCAP_ESTATE);
    CU_ASSERT(isnan(share));
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_explained(NULL, &share), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_explained(lc, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_mx(lc, 0.0, m, 4), CCAP_ESTATE);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(ws, lc, ages, 4, CCAP_SEX_FEMALE, 0,
                                                        70.0, 1e-8, 100, &k),
                       CCAP_ESTATE);

    /* fit */
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_fit(NULL, mx, 3, 4), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_fit(lc, NULL, 3, 4), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_fit(lc, mx, 4, 3), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_fit(lc, mx, 3, 5), CCAP_EINVAL);
    mx[5] = 0.0;
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_fit(lc, mx, 3, 4), CCAP_EDOM);
    mx[5] = -0.001;
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_fit(lc, mx, 3, 4), CCAP_EDOM);
    mx[5] = NAN;
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_fit(lc, mx, 3, 4), CCAP_EDOM);
    mx[5] = INFINITY;
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_fit(lc, mx, 3, 4), CCAP_EDOM);
    CU_ASSERT_PTR_NULL(ccap_mortality_leecarter_a(lc));
    mx[5] = 0.0010;
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_fit(lc, mx, 3, 4), CCAP_OK);

    /* mx */
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_mx(NULL, 0.0, m, 4), CCAP_EINVAL);
    CU_ASSERT(isnan(m[0]));
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_mx(lc, 0.0, NULL, 4), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_mx(lc, 0.0, m, 3), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_mx(lc, NAN, m, 4), CCAP_EDOM);
    /* the rates fall over the three years, so b > 0 and a huge k overflows */
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_mx(lc, 1e308, m, 4), CCAP_ERANGE);
    CU_ASSERT(isnan(m[0]) && isnan(m[3]));

    /* solve_k */
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(ws, lc, ages, 4, CCAP_SEX_FEMALE, 0,
                                                        70.0, 1e-8, 100, NULL),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(NULL, lc, ages, 4, CCAP_SEX_FEMALE, 0,
                                                        70.0, 1e-8, 100, &k),
                       CCAP_EINVAL);
    CU_ASSERT(isnan(k));
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(ws, NULL, ages, 4, CCAP_SEX_FEMALE, 0,
                                                        70.0, 1e-8, 100, &k),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(ws, lc, NULL, 4, CCAP_SEX_FEMALE, 0,
                                                        70.0, 1e-8, 100, &k),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(ws, lc, ages, 3, CCAP_SEX_FEMALE, 0,
                                                        70.0, 1e-8, 100, &k),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(small, lc, ages, 4, CCAP_SEX_FEMALE, 0,
                                                        70.0, 1e-8, 100, &k),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(ws, lc, ages, 4, (ccap_sex)5, 0, 70.0,
                                                        1e-8, 100, &k),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(ws, lc, ages, 4, CCAP_SEX_FEMALE,
                                                        (ccap_a0_rule)5, 70.0, 1e-8, 100, &k),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(ws, lc, ages, 4, CCAP_SEX_FEMALE, 0,
                                                        70.0, 1e-8, 0, &k),
                       CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(ws, lc, bad_ages, 4, CCAP_SEX_FEMALE, 0,
                                                        70.0, 1e-8, 100, &k),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(ws, lc, ages, 4, CCAP_SEX_FEMALE, 0,
                                                        INFINITY, 1e-8, 100, &k),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(ws, lc, ages, 4, CCAP_SEX_FEMALE, 0,
                                                        70.0, -1e-8, 100, &k),
                       CCAP_EDOM);
    /* out of reach within two doublings of the step */
    CCAP_ASSERT_STATUS(ccap_mortality_leecarter_solve_k(ws, lc, ages, 4, CCAP_SEX_FEMALE, 0,
                                                        1000.0, 1e-8, 2, &k),
                       CCAP_ENOTREACHED);
    CU_ASSERT(isnan(k));
    /* rates constant over two years (the mean of two equal logs is exact, so every
     * centred value is exactly 0): k = 0, flat b, everything explained */
    {
        ccap_leecarter *two = ccap_mortality_leecarter_alloc(2, 4);
        double flat[8];
        size_t i;

        CU_ASSERT_PTR_NOT_NULL(two);
        for (i = 0; i < 8; i++)
            flat[i] = mx[i % 4];
        CCAP_ASSERT_STATUS(ccap_mortality_leecarter_fit(two, flat, 2, 4), CCAP_OK);
        if (ccap_mortality_leecarter_k(two) != NULL) {
            CU_ASSERT_DOUBLE_EQUAL(ccap_mortality_leecarter_k(two)[1], 0.0, 0.0);
            CU_ASSERT_DOUBLE_EQUAL(ccap_mortality_leecarter_b(two)[2], 0.25, 0.0);
        }
        CCAP_ASSERT_STATUS(ccap_mortality_leecarter_explained(two, &share), CCAP_OK);
        CU_ASSERT_DOUBLE_EQUAL(share, 1.0, 0.0);
        ccap_mortality_leecarter_free(two);
    }
    ccap_mortality_leecarter_free(lc);
    ccap_mortality_workspace_free(small);
}

static CU_TestInfo mortality_tests[] = {
    {"brass_identity", test_mortality__brass_identity},
    {"brass_logit", test_mortality__brass_logit},
    {"brass_solve", test_mortality__brass_solve},
    {"brass_unreachable", test_mortality__brass_unreachable},
    {"leecarter_synthetic", test_mortality__leecarter_synthetic},
    {"leecarter_wpp", test_mortality__leecarter_wpp},
    {"leecarter_solve", test_mortality__leecarter_solve},
    {"brass_errors", test_mortality__brass_errors},
    {"leecarter_errors", test_mortality__leecarter_errors},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "mortality", .pInitFunc = setup, .pCleanupFunc = teardown,
     .pTests = mortality_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
