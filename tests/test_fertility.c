/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fertility: TFR, mean age, rescaling, PASFR, regrouping, births, calibration, SRB split.
 * Checked against hand calculations, UN WPP 2019 (China 2015-2020) and the textbook
 * example of Preston, Heuveline & Guillot (2001), Box 6.1 (Sweden, females, 1993). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_test.h"

#define N_AGES 7 /* 15-19 ... 45-49 */
#define NO_COLUMN ((size_t)-1)

/* A hand-made schedule, 15-19 ... 45-49, births per woman-year.
 * Σ = 0.0123 + 0.0871 + 0.1345 + 0.0982 + 0.0416 + 0.0071 + 0.0004 = 0.3812 */
static const double hand[N_AGES] = {0.0123, 0.0871, 0.1345, 0.0982, 0.0416, 0.0071, 0.0004};

/* Read the rows of a small CSV file from tests/data whose column measure_col equals
 * measure (any row when measure_col is NO_COLUMN): ages from age_col (NO_COLUMN: none)
 * and values from value_col, in file order.  Returns the number of rows read. */
static size_t
read_rows(const char *name, size_t measure_col, const char *measure, size_t age_col,
          size_t value_col, double ages[], double values[], size_t max)
{
    char path[1024], line[512];
    size_t n = 0;
    FILE *fp = fopen(ccap_test_data(path, sizeof path, name), "r");

    if (fp == NULL)
        return 0;
    if (fgets(line, sizeof line, fp) == NULL) { /* header */
        fclose(fp);
        return 0;
    }
    while (n < max && fgets(line, sizeof line, fp) != NULL) {
        char *field[8];
        size_t k = 0;
        char *p = line;

        line[strcspn(line, "\r\n")] = '\0';
        while (k < 8) {
            field[k++] = p;
            p = strchr(p, ',');
            if (p == NULL)
                break;
            *p++ = '\0';
        }
        if (value_col >= k || (age_col != NO_COLUMN && age_col >= k) ||
            (measure_col != NO_COLUMN && (measure_col >= k || strcmp(field[measure_col], measure))))
            continue;
        if (age_col != NO_COLUMN)
            ages[n] = strtod(field[age_col], NULL);
        values[n++] = strtod(field[value_col], NULL);
    }
    fclose(fp);
    return n;
}

static void
test_fertility__tfr_by_hand(void)
{
    const double single[4] = {0.0511, 0.0738, 0.0802, 0.0649};
    double tfr = 0.0;

    /* 5 · 0.3812 = 1.906 */
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(hand, N_AGES, 5, &tfr), CCAP_OK);
    CCAP_ASSERT_REL(tfr, 1.906, 1e-15);
    /* Single years: TFR = Σ = 0.0511 + 0.0738 + 0.0802 + 0.0649 = 0.27 */
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(single, 4, 1, &tfr), CCAP_OK);
    CCAP_ASSERT_REL(tfr, 0.27, 1e-15);
}

static void
test_fertility__mean_age_by_hand(void)
{
    const double one_group[4] = {0.0, 0.0, 0.0937, 0.0};
    double mac = 0.0;

    /* Σ (x + 2.5) f = 17.5·0.0123 + 22.5·0.0871 + 27.5·0.1345 + 32.5·0.0982
     *             + 37.5·0.0416 + 42.5·0.0071 + 47.5·0.0004
     *   = 0.21525 + 1.95975 + 3.69875 + 3.1915 + 1.56 + 0.30175 + 0.019 = 10.946
     * MAC = 10.946 / 0.3812 = 28.7146 years */
    CCAP_ASSERT_STATUS(ccap_fertility_mean_age(hand, N_AGES, 15, 5, &mac), CCAP_OK);
    CCAP_ASSERT_REL(mac, 10.946 / 0.3812, 1e-14);
    /* All births in the third group of 20-24, 25-29, 30-34, 35-39: MAC is its midpoint 32.5. */
    CCAP_ASSERT_STATUS(ccap_fertility_mean_age(one_group, 4, 20, 5, &mac), CCAP_OK);
    CCAP_ASSERT_REL(mac, 32.5, 1e-15);
    /* The mean does not depend on the level: rescaled schedules share it. */
    {
        double scaled[N_AGES], mac2 = 0.0;
        CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(hand, N_AGES, 5, 1.1, scaled), CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_fertility_mean_age(scaled, N_AGES, 15, 5, &mac2), CCAP_OK);
        CCAP_ASSERT_REL(mac2, 10.946 / 0.3812, 1e-14);
    }
}

/* Sweden 1993, Preston, Heuveline & Guillot (2001) Box 6.1, ASFR by 5-year group. */
static void
test_fertility__sweden_1993_textbook(void)
{
    double ages[18], asfr[18], tfr = 0.0, mac = 0.0;
    size_t n = read_rows("fert_sweden1993_inputs.csv", 4, "asfr", 3, 5, ages, asfr, 18);

    CU_ASSERT_EQUAL_FATAL(n, 18); /* 0-4 ... 80-84, 85+; zero outside 15-49 */
    CU_ASSERT_DOUBLE_EQUAL(ages[3], 15.0, 0.0);
    /* TFR = 5 · (0.012 + 0.0908 + 0.1499 + 0.1125 + 0.0441 + 0.0074 + 0.0003)
     *     = 5 · 0.417 = 2.085 births per woman */
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(asfr, 18, 5, &tfr), CCAP_OK);
    CCAP_ASSERT_REL(tfr, 2.085, 1e-15);
    /* Same from the seven fertile groups only. */
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(asfr + 3, N_AGES, 5, &tfr), CCAP_OK);
    CCAP_ASSERT_REL(tfr, 2.085, 1e-15);
    /* MAC = (17.5·0.012 + 22.5·0.0908 + 27.5·0.1499 + 32.5·0.1125 + 37.5·0.0441
     *        + 42.5·0.0074 + 47.5·0.0003) / 0.417
     *     = (0.21 + 2.043 + 4.12225 + 3.65625 + 1.65375 + 0.3145 + 0.01425) / 0.417
     *     = 12.014 / 0.417 = 28.8106 years; from age 0 the zero groups change nothing. */
    CCAP_ASSERT_STATUS(ccap_fertility_mean_age(asfr, 18, 0, 5, &mac), CCAP_OK);
    CCAP_ASSERT_REL(mac, 12.014 / 0.417, 1e-14);
}

/* Births by age of mother in Box 6.1: B(a) = asfr(a) · 5 · (P*(a) + P'(a)) / 2, with
 * P*(a) = P(a) + NM(a)/2 the start population plus half the period's net migrants and
 * P'(a) the published end population.  Each published birth count is rounded to a whole
 * number (±0.5) and P'(a) too, which moves the exposure by ±2.5 · 0.5 = ±1.25 woman-years
 * and the births by ±1.25 · asfr(a): the tolerance is 0.5 + 1.25 · asfr(a). */
static void
test_fertility__sweden_1993_births(void)
{
    double ages[18], start[8], nm[8], nm0[1], sx0[1], end[8], published[8], asfr[18];
    double exposure[N_AGES], b = 0.0, total = 0.0, female = 0.0, male = 0.0;
    size_t g;

    CU_ASSERT_EQUAL_FATAL(read_rows("fert_sweden1993_inputs.csv", 4, "asfr", 3, 5, ages, asfr, 18),
                          18);
    CU_ASSERT_EQUAL_FATAL(
        read_rows("fert_sweden1993_inputs.csv", 4, "pop_start_1993", 3, 5, ages, start, 8), N_AGES);
    CU_ASSERT_EQUAL_FATAL(
        read_rows("fert_sweden1993_inputs.csv", 4, "net_migrants", 3, 5, ages, nm, 8),
        N_AGES + 1); /* 15 ... 45, then 0 */
    CU_ASSERT_EQUAL_FATAL(read_rows("fert_sweden1993_inputs.csv", 4, "Sx", 3, 5, ages, sx0, 1), 1);
    CU_ASSERT_EQUAL_FATAL(
        read_rows("fert_sweden1993_expected.csv", 4, "pop_end_1998", 3, 5, ages, end, 8),
        N_AGES + 1); /* 0, then 15 ... 45 */
    CU_ASSERT_EQUAL_FATAL(read_rows("fert_sweden1993_expected.csv", 4,
                                    "births_by_mother_age_1993_1998", 3, 5, ages, published, 8),
                          N_AGES);
    nm0[0] = nm[N_AGES];
    for (g = 0; g < N_AGES; g++) {
        exposure[g] = 5.0 * ((start[g] + nm[g] / 2.0) + end[g + 1]) / 2.0;
        CCAP_ASSERT_STATUS(ccap_fertility_births(asfr + 3 + g, exposure + g, 1, &b), CCAP_OK);
        CU_ASSERT_DOUBLE_EQUAL(b, published[g], 0.5 + 1.25 * asfr[3 + g]);
    }
    /* 15-19 by hand: P* = 261346 + 5270/2 = 263981, P' = 244150,
     * exposure = 5 · (263981 + 244150) / 2 = 1270327.5, B = 0.012 · 1270327.5 = 15243.93 */
    CCAP_ASSERT_REL(exposure[0], 1270327.5, 1e-15);
    /* Total: the published B = 615988; the error bound adds up over the groups
     * (7 · 0.5 + 1.25 · 0.417 = 4.02). */
    CCAP_ASSERT_STATUS(ccap_fertility_births(asfr + 3, exposure, N_AGES, &total), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(total, 615988.0, 7 * 0.5 + 1.25 * 0.417);
    /* Female births with SRB 1.05 male per female (105 per 100), survived into 0-4 with
     * Sx(0) = 0.994974, plus half of the 6840 net migrants aged 0-4, give the published
     * P'(0-4) = 302392: B · 100/205 · 0.994974 + 3420.  P' rounding moves B by at most
     * 1.25 · 0.417 = 0.52, i.e. P'(0-4) by 0.26; with the ±0.5 of the published figure
     * the tolerance is 0.76. */
    CCAP_ASSERT_STATUS(ccap_fertility_births_by_sex(total, 105.0, &female, &male), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(female * sx0[0] + nm0[0] / 2.0, end[0], 0.76);
    CCAP_ASSERT_REL(male / female, 1.05, 1e-15);
}

/* UN WPP 2019, China 2015-2020.  The published ASFR (births per woman-year, see
 * tests/data/README.md) were derived by WPP as asfr = pasfr/100 · TFR / 5 and are
 * stored with 8 significant digits; PASFR has 5 decimals and TFR 2. */
static void
test_fertility__wpp2019_china(void)
{
    double ages[N_AGES], asfr[N_AGES], pasfr[N_AGES], tfr_wpp[1], rebuilt[N_AGES], tfr = 0.0;
    size_t g;

    CU_ASSERT_EQUAL_FATAL(
        read_rows("fert_wpp2019_china_asfr.csv", NO_COLUMN, NULL, 2, 3, ages, asfr, N_AGES),
        N_AGES);
    CU_ASSERT_EQUAL_FATAL(
        read_rows("fert_wpp2019_china_pasfr.csv", NO_COLUMN, NULL, 2, 3, ages, pasfr, N_AGES),
        N_AGES);
    CU_ASSERT_EQUAL_FATAL(
        read_rows("fert_wpp2019_china_tfr.csv", NO_COLUMN, NULL, NO_COLUMN, 2, NULL, tfr_wpp, 1),
        1);
    CU_ASSERT_DOUBLE_EQUAL(tfr_wpp[0], 1.69, 0.0);
    /* Σ pasfr = 2.25888 + 34.52367 + 34.68462 + 18.6571 + 6.85473 + 2.71302 + 0.30799
     *         = 100.00001, so WPP's ASFR add up to 1.69 · 1.0000001 / 5 and our TFR is
     * 1.69 · (1 + 1e-7), give or take the rounding of 7 ASFR to 8 significant digits
     * (at most 7 · 5e-9 · 5 = 1.75e-7 on the TFR, 1.04e-7 relative).  Tolerance 2.1e-7. */
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(asfr, N_AGES, 5, &tfr), CCAP_OK);
    CCAP_ASSERT_REL(tfr, tfr_wpp[0], 2.1e-7);
    /* Rebuilt from TFR and PASFR: the WPP values are these numbers rounded to 8 significant
     * digits, a relative error of at most 5e-8 (a leading digit of 1 is the worst case). */
    CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(tfr_wpp[0], pasfr, N_AGES, 5, 1e-6, rebuilt),
                       CCAP_OK);
    for (g = 0; g < N_AGES; g++)
        CCAP_ASSERT_REL(rebuilt[g], asfr[g], 5e-8);
    /* 20-24 by hand: 1.69 · 34.52367 / 100 / 5 = 0.1166900046, published 0.11669 */
    CCAP_ASSERT_REL(rebuilt[1], 0.1166900046, 1e-15);
    /* An exact sum is demanded with sum_rtol = 0; 100.00001 fails it. */
    CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(tfr_wpp[0], pasfr, N_AGES, 5, 0.0, rebuilt),
                       CCAP_EDOM);
    CU_ASSERT(isnan(rebuilt[0]));
    /* The same data at rates per 1,000 women are refused. */
    for (g = 0; g < N_AGES; g++)
        asfr[g] *= 1000.0;
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(asfr, N_AGES, 5, &tfr), CCAP_EDOM);
    CU_ASSERT(isnan(tfr));
}

static void
test_fertility__scale_to_tfr(void)
{
    double out[N_AGES], tfr = 0.0, copy[N_AGES];
    const double zeros[3] = {0.0, 0.0, 0.0};
    size_t g;

    /* TFR 1.906 → 1.3: each rate times 1.3 / 1.906, e.g. 25-29: 0.1345 · 1.3 / 1.906 */
    CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(hand, N_AGES, 5, 1.3, out), CCAP_OK);
    CCAP_ASSERT_REL(out[2], 0.1345 * 1.3 / 1.906, 1e-15);
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(out, N_AGES, 5, &tfr), CCAP_OK);
    CCAP_ASSERT_REL(tfr, 1.3, 1e-15);
    for (g = 0; g < N_AGES; g++) /* shape kept: ratios to the 25-29 rate */
        CCAP_ASSERT_REL(out[g] / out[2], hand[g] / hand[2], 1e-15);
    /* In place. */
    memcpy(copy, hand, sizeof copy);
    CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(copy, N_AGES, 5, 1.3, copy), CCAP_OK);
    CU_ASSERT_EQUAL(memcmp(copy, out, sizeof out), 0);
    /* Target 0 gives zeros; a zero schedule can be scaled to 0 only. */
    CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(hand, N_AGES, 5, 0.0, out), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(out[2], 0.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(zeros, 3, 5, 0.0, out), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(out[1], 0.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(zeros, 3, 5, 1.0, out), CCAP_EDOM);
    CU_ASSERT(isnan(out[0]) && isnan(out[2]));
    /* TFR 15 would need 0.1345 · 15 / 1.906 = 1.06 births per woman-year at 25-29. */
    CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(hand, N_AGES, 5, 15.0, out), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(hand, N_AGES, 5, 14.0, out), CCAP_OK);
}

static void
test_fertility__from_pasfr_by_hand(void)
{
    const double pasfr[N_AGES] = {2.0, 30.0, 40.0, 20.0, 6.0, 1.5, 0.5};
    const double fractions[N_AGES] = {0.02, 0.30, 0.40, 0.20, 0.06, 0.015, 0.005};
    const double short_sum[N_AGES] = {2.0, 30.0, 40.0, 20.0, 6.0, 1.5, 0.4}; /* 99.9 */
    /* asfr = 1.3 · p / 100 / 5 = 0.0026 p */
    const double expected[N_AGES] = {0.0052, 0.078, 0.104, 0.052, 0.0156, 0.0039, 0.0013};
    double out[N_AGES], tfr = 0.0;
    size_t g;

    CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(1.3, pasfr, N_AGES, 5, 0.0, out), CCAP_OK);
    for (g = 0; g < N_AGES; g++)
        CCAP_ASSERT_REL(out[g], expected[g], 1e-15);
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(out, N_AGES, 5, &tfr), CCAP_OK);
    CCAP_ASSERT_REL(tfr, 1.3, 1e-15);
    /* Fractions instead of percentages add up to 1, not 100. */
    CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(1.3, fractions, N_AGES, 5, 1e-3, out), CCAP_EDOM);
    CU_ASSERT(isnan(out[1]));
    /* 99.9 is 1e-3 away from 100 (relative): refused at 5e-4, accepted at 2e-3. */
    CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(1.3, short_sum, N_AGES, 5, 5e-4, out), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(1.3, short_sum, N_AGES, 5, 2e-3, out), CCAP_OK);
    CCAP_ASSERT_REL(out[6], 1.3 * 0.4 / 500.0, 1e-15); /* not renormalised */
    /* TFR 15 puts 15 · 0.4 / 5 = 1.2 births per woman-year in 25-29. */
    CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(15.0, pasfr, N_AGES, 5, 0.0, out), CCAP_EDOM);
}

/* Single years 15 ... 24 into 15-19 and 20-24. */
static const double single10[10] = {0.0021, 0.0047, 0.0102, 0.0188, 0.0297,
                                    0.0415, 0.0563, 0.0702, 0.0839, 0.0951};
static const double women10[10] = {10210, 10480, 10890, 11320, 11950,
                                   12400, 12110, 11870, 11500, 11230};

static void
test_fertility__regroup_by_hand(void)
{
    double out[2], tfr1 = 0.0, tfr5 = 0.0, births1 = 0.0, births5 = 0.0, w5[2];

    /* Equal exposure: 15-19: (0.0021 + 0.0047 + 0.0102 + 0.0188 + 0.0297) / 5 = 0.0655 / 5
     * = 0.0131; 20-24: (0.0415 + 0.0563 + 0.0702 + 0.0839 + 0.0951) / 5 = 0.347 / 5 = 0.0694 */
    CCAP_ASSERT_STATUS(ccap_fertility_regroup(single10, NULL, 10, 5, out), CCAP_OK);
    CCAP_ASSERT_REL(out[0], 0.0131, 1e-15);
    CCAP_ASSERT_REL(out[1], 0.0694, 1e-15);
    /* TFR preserved: Σ single = 0.4125 = 5 · (0.0131 + 0.0694) */
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(single10, 10, 1, &tfr1), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(out, 2, 5, &tfr5), CCAP_OK);
    CCAP_ASSERT_REL(tfr1, 0.4125, 1e-15);
    CCAP_ASSERT_REL(tfr5, tfr1, 1e-15);

    /* Exposure-weighted: 15-19 births 0.0021·10210 + 0.0047·10480 + 0.0102·10890
     * + 0.0188·11320 + 0.0297·11950 = 21.441 + 49.256 + 111.078 + 212.816 + 354.915
     * = 749.506 over 54850 women; 20-24: 514.6 + 681.793 + 833.274 + 964.85 + 1067.973
     * = 4062.49 over 59110 women. */
    CCAP_ASSERT_STATUS(ccap_fertility_regroup(single10, women10, 10, 5, out), CCAP_OK);
    CCAP_ASSERT_REL(out[0], 749.506 / 54850.0, 1e-15);
    CCAP_ASSERT_REL(out[1], 4062.49 / 59110.0, 1e-15);
    /* Births preserved: 749.506 + 4062.49 = 4811.996 */
    w5[0] = 54850.0;
    w5[1] = 59110.0;
    CCAP_ASSERT_STATUS(ccap_fertility_births(single10, women10, 10, &births1), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_fertility_births(out, w5, 2, &births5), CCAP_OK);
    CCAP_ASSERT_REL(births1, 4811.996, 1e-15);
    CCAP_ASSERT_REL(births5, births1, 1e-15);
    /* Equal women in a group make the two rules agree. */
    {
        const double flat[10] = {9000, 9000, 9000, 9000, 9000, 8000, 8000, 8000, 8000, 8000};
        double eq[2];
        CCAP_ASSERT_STATUS(ccap_fertility_regroup(single10, flat, 10, 5, eq), CCAP_OK);
        CCAP_ASSERT_REL(eq[0], 0.0131, 1e-15);
        CCAP_ASSERT_REL(eq[1], 0.0694, 1e-15);
    }
}

/* A smooth single-year schedule for ages 15 ... 49 (a scaled gamma-like curve; its exact
 * values do not matter): TFR is preserved by the equal-exposure grouping. */
static void
test_fertility__regroup_preserves_tfr(void)
{
    double single[35], grouped[7], tfr1 = 0.0, tfr5 = 0.0;
    size_t i;

    for (i = 0; i < 35; i++) {
        const double x = (double)i + 0.5;
        single[i] = 0.0031 * x * x * exp(-x / 4.7);
    }
    CCAP_ASSERT_STATUS(ccap_fertility_regroup(single, NULL, 35, 5, grouped), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(single, 35, 1, &tfr1), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(grouped, 7, 5, &tfr5), CCAP_OK);
    /* Equal up to the rounding of the two sums of 35 positive terms: each is within
     * 34 · 1.1e-16 of the exact sum (relative), so the two differ by at most 7.5e-15. */
    CCAP_ASSERT_REL(tfr5, tfr1, 7.5e-15);
}

static void
test_fertility__births_and_calibration(void)
{
    const double f[3] = {0.02, 0.1, 0.05};
    const double w[3] = {10000.0, 20000.0, 15000.0};
    double births = 0.0, k = 0.0, cal[3], copy[3], check = 0.0;

    /* 0.02·10000 + 0.1·20000 + 0.05·15000 = 200 + 2000 + 750 = 2950 */
    CCAP_ASSERT_STATUS(ccap_fertility_births(f, w, 3, &births), CCAP_OK);
    CCAP_ASSERT_REL(births, 2950.0, 1e-15);
    /* 2360 observed: k = 2360 / 2950 = 0.8; schedule 0.016, 0.08, 0.04 */
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(f, w, 3, 2360.0, &k, cal), CCAP_OK);
    CCAP_ASSERT_REL(k, 0.8, 1e-15);
    CCAP_ASSERT_REL(cal[0], 0.016, 1e-15);
    CCAP_ASSERT_REL(cal[1], 0.08, 1e-15);
    CCAP_ASSERT_REL(cal[2], 0.04, 1e-15);
    CCAP_ASSERT_STATUS(ccap_fertility_births(cal, w, 3, &check), CCAP_OK);
    CCAP_ASSERT_REL(check, 2360.0, 1e-15);
    /* Factor only; in place. */
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(f, w, 3, 2360.0, &k, NULL), CCAP_OK);
    CCAP_ASSERT_REL(k, 0.8, 1e-15);
    memcpy(copy, f, sizeof copy);
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(copy, w, 3, 2360.0, &k, copy), CCAP_OK);
    CU_ASSERT_EQUAL(memcmp(copy, cal, sizeof cal), 0);
    /* Zero observed births give a zero schedule. */
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(f, w, 3, 0.0, &k, cal), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(k, 0.0, 0.0);
    CU_ASSERT_DOUBLE_EQUAL(cal[1], 0.0, 0.0);
    /* 30000 births would need 0.1 · 30000 / 2950 = 1.02 births per woman-year. */
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(f, w, 3, 30000.0, &k, cal), CCAP_EDOM);
    CU_ASSERT(isnan(k) && isnan(cal[0]));
}

static void
test_fertility__zero_exposure(void)
{
    const double f[3] = {0.02, 0.1, 0.05};
    const double no_women[3] = {0.0, 0.0, 0.0};
    const double f_elsewhere[3] = {0.0, 0.1, 0.0};
    const double w_elsewhere[3] = {12000.0, 0.0, 8000.0};
    double k = 0.0, cal[3], births = -1.0, out[2];
    const double w10_gap[10] = {10210, 10480, 10890, 11320, 11950, 0, 0, 0, 0, 0};

    CCAP_ASSERT_STATUS(ccap_fertility_births(f, no_women, 3, &births), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(births, 0.0, 0.0);
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(f, no_women, 3, 100.0, &k, cal), CCAP_EDOM);
    CU_ASSERT(isnan(k) && isnan(cal[0]) && isnan(cal[2]));
    /* Women only where the schedule is zero: no exposure either. */
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(f_elsewhere, w_elsewhere, 3, 100.0, &k, cal),
                       CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(f_elsewhere, w_elsewhere, 3, 0.0, &k, NULL),
                       CCAP_EDOM);
    /* Exposure-weighted grouping of a group without women. */
    CCAP_ASSERT_STATUS(ccap_fertility_regroup(single10, w10_gap, 10, 5, out), CCAP_EDOM);
    CU_ASSERT(isnan(out[0]) && isnan(out[1]));
}

static void
test_fertility__births_by_sex(void)
{
    double female = 0.0, male = 0.0;

    /* 65000 births at the 2020 census ratio 111.3 male per 100 female:
     * female = 65000 · 100 / 211.3 = 30761.96, male = 65000 · 111.3 / 211.3 = 34238.04 */
    CCAP_ASSERT_STATUS(ccap_fertility_births_by_sex(65000.0, 111.3, &female, &male), CCAP_OK);
    CCAP_ASSERT_REL(female, 6500000.0 / 211.3, 1e-15);
    CCAP_ASSERT_REL(male, 7234500.0 / 211.3, 1e-15);
    CCAP_ASSERT_REL(female + male, 65000.0, 1e-15);
    CCAP_ASSERT_REL(100.0 * male / female, 111.3, 1e-15);
    /* 100 male per 100 female: an even split. */
    CCAP_ASSERT_STATUS(ccap_fertility_births_by_sex(1234.5, 100.0, &female, &male), CCAP_OK);
    CCAP_ASSERT_REL(female, 617.25, 1e-15);
    CCAP_ASSERT_REL(male, 617.25, 1e-15);
    CCAP_ASSERT_STATUS(ccap_fertility_births_by_sex(0.0, 111.3, &female, &male), CCAP_OK);
    CU_ASSERT_DOUBLE_EQUAL(female + male, 0.0, 0.0);
}

static void
test_fertility__errors(void)
{
    double x = 0.0, y = 0.0, out[N_AGES];
    double bad[N_AGES];
    const double w[N_AGES] = {1e4, 1e4, 1e4, 1e4, 1e4, 1e4, 1e4};
    double bad_w[N_AGES];

    /* NULL, n = 0, width = 0 */
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(NULL, N_AGES, 5, &x), CCAP_EINVAL);
    CU_ASSERT(isnan(x));
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(hand, N_AGES, 5, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(hand, 0, 5, &x), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(hand, N_AGES, 0, &x), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_mean_age(NULL, N_AGES, 15, 5, &x), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_mean_age(hand, N_AGES, 15, 5, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_mean_age(hand, 0, 15, 5, &x), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_mean_age(hand, N_AGES, 15, 0, &x), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(NULL, N_AGES, 5, 1.0, out), CCAP_EINVAL);
    CU_ASSERT(isnan(out[0]));
    CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(hand, N_AGES, 5, 1.0, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(hand, 0, 5, 1.0, out), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(hand, N_AGES, 0, 1.0, out), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(1.5, NULL, N_AGES, 5, 0.0, out), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(1.5, hand, N_AGES, 5, 0.0, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(1.5, hand, 0, 5, 0.0, out), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(1.5, hand, N_AGES, 0, 0.0, out), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_regroup(NULL, NULL, 10, 5, out), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_regroup(single10, NULL, 10, 5, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_regroup(single10, NULL, 0, 5, out), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_regroup(single10, NULL, 10, 0, out), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_regroup(single10, NULL, 9, 5, out), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_births(NULL, w, N_AGES, &x), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_births(hand, NULL, N_AGES, &x), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_births(hand, w, N_AGES, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_births(hand, w, 0, &x), CCAP_EINVAL);
    CU_ASSERT(isnan(x));
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(NULL, w, N_AGES, 10.0, &x, out), CCAP_EINVAL);
    CU_ASSERT(isnan(x) && isnan(out[0]));
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(hand, NULL, N_AGES, 10.0, &x, out), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(hand, w, N_AGES, 10.0, NULL, out), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(hand, w, 0, 10.0, &x, out), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_fertility_births_by_sex(100.0, 105.0, NULL, &y), CCAP_EINVAL);
    CU_ASSERT(isnan(y));
    CCAP_ASSERT_STATUS(ccap_fertility_births_by_sex(100.0, 105.0, &x, NULL), CCAP_EINVAL);
    CU_ASSERT(isnan(x));

    /* NaN, Inf, negative and per-1,000 rates */
    memcpy(bad, hand, sizeof bad);
    bad[3] = NAN;
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(bad, N_AGES, 5, &x), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_mean_age(bad, N_AGES, 15, 5, &x), CCAP_EDOM);
    CU_ASSERT(isnan(x));
    CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(bad, N_AGES, 5, 1.0, out), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_regroup(bad, NULL, N_AGES, 7, out), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_births(bad, w, N_AGES, &x), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(bad, w, N_AGES, 10.0, &x, out), CCAP_EDOM);
    bad[3] = -0.0982;
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(bad, N_AGES, 5, &x), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_births(bad, w, N_AGES, &x), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(1.5, bad, N_AGES, 5, 1.0, out), CCAP_EDOM);
    bad[3] = INFINITY;
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(bad, N_AGES, 5, &x), CCAP_EDOM);
    bad[3] = 98.2; /* per 1,000 women */
    CCAP_ASSERT_STATUS(ccap_fertility_tfr(bad, N_AGES, 5, &x), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(bad, w, N_AGES, 10.0, &x, NULL), CCAP_EDOM);
    bad[3] = 120.0; /* a percentage above 100 */
    CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(1.5, bad, N_AGES, 5, 1.0, out), CCAP_EDOM);

    /* Women: NaN, negative */
    memcpy(bad_w, w, sizeof bad_w);
    bad_w[1] = NAN;
    CCAP_ASSERT_STATUS(ccap_fertility_births(hand, bad_w, N_AGES, &x), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(hand, bad_w, N_AGES, 10.0, &x, out), CCAP_EDOM);
    bad_w[1] = -5.0;
    CCAP_ASSERT_STATUS(ccap_fertility_births(hand, bad_w, N_AGES, &x), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_regroup(hand, bad_w, N_AGES, 7, out), CCAP_EDOM);
    /* Overflowing sums: 1e308 + 1e308 women; 1 · 1e308 + 1 · 1e308 births */
    bad_w[1] = 1e308;
    bad_w[2] = 1e308;
    CCAP_ASSERT_STATUS(ccap_fertility_regroup(hand, bad_w, N_AGES, 7, out), CCAP_ERANGE);
    CU_ASSERT(isnan(out[0]));
    memcpy(bad, hand, sizeof bad);
    bad[1] = 1.0; /* the largest rate allowed */
    bad[2] = 1.0;
    CCAP_ASSERT_STATUS(ccap_fertility_births(bad, bad_w, N_AGES, &x), CCAP_ERANGE);
    CU_ASSERT(isnan(x));
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(bad, bad_w, N_AGES, 1.0, &x, out), CCAP_ERANGE);
    CU_ASSERT(isnan(x) && isnan(out[1]));

    /* Other domains: target TFR, TFR, sum_rtol, observed births, srb, births */
    CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(hand, N_AGES, 5, -0.1, out), CCAP_EDOM);
    CU_ASSERT(isnan(out[6]));
    CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(hand, N_AGES, 5, NAN, out), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_scale_to_tfr(hand, N_AGES, 5, INFINITY, out), CCAP_EDOM);
    {
        const double pasfr[N_AGES] = {2.0, 30.0, 40.0, 20.0, 6.0, 1.5, 0.5};
        CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(-1.5, pasfr, N_AGES, 5, 0.0, out), CCAP_EDOM);
        CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(NAN, pasfr, N_AGES, 5, 0.0, out), CCAP_EDOM);
        CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(1.5, pasfr, N_AGES, 5, -1e-6, out), CCAP_EDOM);
        CCAP_ASSERT_STATUS(ccap_fertility_from_pasfr(1.5, pasfr, N_AGES, 5, NAN, out), CCAP_EDOM);
        CU_ASSERT(isnan(out[3]));
    }
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(hand, w, N_AGES, -10.0, &x, out), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_calibrate(hand, w, N_AGES, NAN, &x, out), CCAP_EDOM);
    CU_ASSERT(isnan(x) && isnan(out[0]));
    CCAP_ASSERT_STATUS(ccap_fertility_births_by_sex(100.0, 0.0, &x, &y), CCAP_EDOM);
    CU_ASSERT(isnan(x) && isnan(y));
    CCAP_ASSERT_STATUS(ccap_fertility_births_by_sex(100.0, -105.0, &x, &y), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_births_by_sex(100.0, NAN, &x, &y), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_births_by_sex(100.0, INFINITY, &x, &y), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_births_by_sex(-1.0, 105.0, &x, &y), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_fertility_births_by_sex(NAN, 105.0, &x, &y), CCAP_EDOM);
    /* All-zero schedule: no mean age. */
    {
        const double zeros[3] = {0.0, 0.0, 0.0};
        CCAP_ASSERT_STATUS(ccap_fertility_mean_age(zeros, 3, 15, 5, &x), CCAP_EDOM);
        CU_ASSERT(isnan(x));
    }
}

static CU_TestInfo fertility_tests[] = {
    {"tfr_by_hand", test_fertility__tfr_by_hand},
    {"mean_age_by_hand", test_fertility__mean_age_by_hand},
    {"sweden_1993_textbook", test_fertility__sweden_1993_textbook},
    {"sweden_1993_births", test_fertility__sweden_1993_births},
    {"wpp2019_china", test_fertility__wpp2019_china},
    {"scale_to_tfr", test_fertility__scale_to_tfr},
    {"from_pasfr_by_hand", test_fertility__from_pasfr_by_hand},
    {"regroup_by_hand", test_fertility__regroup_by_hand},
    {"regroup_preserves_tfr", test_fertility__regroup_preserves_tfr},
    {"births_and_calibration", test_fertility__births_and_calibration},
    {"zero_exposure", test_fertility__zero_exposure},
    {"births_by_sex", test_fertility__births_by_sex},
    {"errors", test_fertility__errors},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "fertility", .pTests = fertility_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
