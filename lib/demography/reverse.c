/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Children by single year of age at a census from the births of the calendar years before
 * it: reverse survival (see ccap_reverse.h and docs/methods.md). */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

/* Largest net migrant count in absolute value, as for every count of persons. */
#define MIGRANTS_MAX 1e12

/* Check one life table: filled, of the right sex (or both), closed single years [a, a+1)
 * for every a < n_ages. */
static int
check_table(const ccap_lifetable *lt, ccap_sex want, const char *field, size_t n_ages,
            ccap_diag *diag)
{
    const size_t *ages;
    size_t n, i;
    ccap_sex sex;

    if (ccap_lifetable_sex(lt, &sex) != CCAP_OK)
        return ccap__diag_set(diag, CCAP_ESTATE, NULL, 0, 0, field,
                              "the life table has not been filled");
    if (sex != want && sex != CCAP_SEX_BOTH)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, field,
                              "a life table of %s where one of %s or both sexes is needed",
                              ccap_sex_name(sex), ccap_sex_name(want));
    n = ccap_lifetable_n_ages(lt);
    ages = ccap_lifetable_ages(lt);
    for (i = 0; i <= n_ages; i++) {
        if (i >= n || ages[i] != i) {
            /* the first age a < n_ages whose group [a, a+1) is not closed */
            size_t bad = i == 0 ? 0 : i - 1;
            return ccap__diag_set(
                diag, CCAP_EDOM, NULL, 0, 0, field,
                "age %zu is beyond the single years of the life table (%zu groups, open at "
                "%zu): ages 0 to %zu need groups 0, 1, ..., %zu",
                bad, n, ages[n - 1], n_ages - 1, n_ages);
        }
    }
    return CCAP_OK;
}

/* Index of year y among years[0..n), or n when absent. */
static size_t
find_year(const int years[], size_t n, int y)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (years[i] == y)
            return i;
    return n;
}

int
ccap_reverse_survival(const int years[], const double births[], size_t n_years, double srb,
                      const ccap_lifetable *female, const ccap_lifetable *male, double census,
                      const double net_migrants[], const double net_rates[], size_t n_ages,
                      double children_out[], double coverage_out[], ccap_diag *diag)
{
    const ccap_lifetable *tables[CCAP_N_SEXES];
    double share[CCAP_N_SEXES];
    double f;
    int y0;
    size_t i, j, a;
    int s, status;

    ccap_diag_clear(diag);
    if (children_out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, "children_out", "NULL argument");
    if (n_ages == 0 || n_ages >= CCAP_LIFETABLE_AGES_MAX) {
        /* children_out's length is unknown: nothing is written */
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, "n_ages",
                              "%zu ages: from 1 to %u are possible", n_ages,
                              CCAP_LIFETABLE_AGES_MAX - 1u);
    }
    ccap__fill_nan(children_out, 2 * n_ages);
    ccap__fill_nan(coverage_out, n_ages);

    if (female == NULL || male == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, female == NULL ? "female" : "male",
                              "NULL argument");
    if (n_years > 0 && (years == NULL || births == NULL))
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, years == NULL ? "years" : "births",
                              "NULL argument with %zu years", n_years);
    if (net_migrants != NULL && net_rates != NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, "net_rates",
                              "net migrants and net migration rates given together: give one");
    if (!(srb >= CCAP_REVERSE_SRB_MIN && srb <= CCAP_REVERSE_SRB_MAX))
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, "srb",
                              "%g is outside [80, 150] male births per 100 female births: a "
                              "ratio per female birth (1.05) or a share of boys must be "
                              "multiplied by 100 or converted",
                              srb);
    if (!(census >= (double)CCAP_YEAR_MIN && census <= (double)CCAP_YEAR_MAX + 1.0))
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, "census",
                              "%g is not a decimal year from %d to %d", census, CCAP_YEAR_MIN,
                              CCAP_YEAR_MAX + 1);
    for (i = 0; i < n_years; i++) {
        if (years[i] < CCAP_YEAR_MIN || years[i] > CCAP_YEAR_MAX)
            return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, "years",
                                  "year %d is outside %d to %d", years[i], CCAP_YEAR_MIN,
                                  CCAP_YEAR_MAX);
        if (!(births[i] >= 0.0 && births[i] <= CCAP_VITALS_COUNT_MAX))
            return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, "births",
                                  "the births of %d, %g, are outside [0, 1e+12] persons", years[i],
                                  births[i]);
        for (j = 0; j < i; j++)
            if (years[j] == years[i])
                return ccap__diag_set(diag, CCAP_EEXIST, NULL, 0, 0, "years",
                                      "year %d is given twice", years[i]);
    }
    if ((status = check_table(female, CCAP_SEX_FEMALE, "female", n_ages, diag)) != CCAP_OK ||
        (status = check_table(male, CCAP_SEX_MALE, "male", n_ages, diag)) != CCAP_OK)
        return status;
    for (i = 0; i < 2 * n_ages; i++) {
        if (net_migrants != NULL &&
            !(net_migrants[i] >= -MIGRANTS_MAX && net_migrants[i] <= MIGRANTS_MAX))
            return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, "net_migrants",
                                  "%s aged %zu: %g is outside [-1e+12, 1e+12] persons",
                                  ccap_sex_name((ccap_sex)(i / n_ages)), i % n_ages,
                                  net_migrants[i]);
        if (net_rates != NULL &&
            !(net_rates[i] >= -CCAP_REVERSE_RATE_MAX && net_rates[i] <= CCAP_REVERSE_RATE_MAX))
            return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, "net_rates",
                                  "%s aged %zu: %g is outside [-0.5, 0.5] net migrants per "
                                  "child and year: a rate per 1,000 must be divided by 1,000",
                                  ccap_sex_name((ccap_sex)(i / n_ages)), i % n_ages, net_rates[i]);
    }

    /* The census year Y0 and the part f of it already past; the window of age a holds
     * (1 - f) of year Y0 - a - 1 and f of year Y0 - a. */
    y0 = (int)floor(census);
    f = census - (double)y0;

    /* Coverage first, so that a missing year still reports it; the latest missing year
     * (that of the youngest age needing it) is named. */
    {
        int missing = 0;
        size_t missing_age = 0;

        for (a = 0; a < n_ages; a++) {
            int older = y0 - (int)a - 1, newer = y0 - (int)a;
            double c = 0.0;

            /* years fall as a rises and the newer year comes first: the first missing
             * year found is the latest */
            if (f > 0.0) {
                if (find_year(years, n_years, newer) < n_years)
                    c += f;
                else if (missing == 0) {
                    missing = newer;
                    missing_age = a;
                }
            }
            if (find_year(years, n_years, older) < n_years)
                c += 1.0 - f;
            else if (missing == 0) {
                missing = older;
                missing_age = a;
            }
            if (coverage_out != NULL)
                coverage_out[a] = c;
        }
        if (missing != 0)
            return ccap__diag_set(diag, CCAP_ENOTFOUND, NULL, 0, 0, "births",
                                  "no births given for %d, which the children aged %zu at the "
                                  "census need (born from %.4f to %.4f)",
                                  missing, missing_age, census - (double)missing_age - 1.0,
                                  census - (double)missing_age);
    }

    tables[CCAP_SEX_FEMALE] = female;
    tables[CCAP_SEX_MALE] = male;
    share[CCAP_SEX_FEMALE] = 100.0 / (100.0 + srb);
    share[CCAP_SEX_MALE] = srb / (100.0 + srb);

    for (s = 0; s < CCAP_N_SEXES; s++) {
        const double *L = ccap_lifetable_person_years(tables[s]);
        double cum_rate = 0.0;

        for (a = 0; a < n_ages; a++) {
            size_t io = find_year(years, n_years, y0 - (int)a - 1);
            size_t in = find_year(years, n_years, y0 - (int)a);
            double w = 0.0, n;
            size_t k = (size_t)s * n_ages + a;

            w += (1.0 - f) * births[io];
            if (f > 0.0)
                w += f * births[in];
            n = share[s] * w * L[a];
            if (net_rates != NULL) {
                n *= exp(cum_rate + 0.5 * net_rates[k]);
                cum_rate += net_rates[k];
            }
            if (net_migrants != NULL) {
                n += net_migrants[k];
                if (n < 0.0) {
                    ccap__fill_nan(children_out, 2 * n_ages);
                    return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, "net_migrants",
                                          "%s aged %zu: %g net migrants leave more than the "
                                          "%g survivors of the births",
                                          ccap_sex_name((ccap_sex)s), a, net_migrants[k],
                                          n - net_migrants[k]);
                }
            }
            children_out[k] = n;
        }
    }
    return CCAP_OK;
}

int
ccap_reverse_survival_vitals(const ccap_vitals *vitals, size_t region, ccap_date census, double srb,
                             const ccap_lifetable *female, const ccap_lifetable *male,
                             const double net_migrants[], const double net_rates[], size_t n_ages,
                             double children_out[], double coverage_out[], ccap_diag *diag)
{
    int *years;
    double *births;
    double t;
    size_t n = 0, a;
    int y0, y, status;

    ccap_diag_clear(diag);
    if (vitals == NULL || children_out == NULL || n_ages == 0 ||
        n_ages >= CCAP_LIFETABLE_AGES_MAX) {
        if (children_out != NULL && n_ages > 0 && n_ages < CCAP_LIFETABLE_AGES_MAX)
            ccap__fill_nan(children_out, 2 * n_ages);
        if (vitals == NULL)
            return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, "vitals", "NULL argument");
        /* the array function reports the other cases */
        return ccap_reverse_survival(NULL, NULL, 0, srb, female, male, 0.0, net_migrants, net_rates,
                                     n_ages, children_out, coverage_out, diag);
    }
    if (ccap_date_decimal_year(census, &t) != CCAP_OK || census.year < CCAP_YEAR_MIN ||
        census.year > CCAP_YEAR_MAX) {
        ccap__fill_nan(children_out, 2 * n_ages);
        ccap__fill_nan(coverage_out, n_ages);
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, "census",
                              "%04d-%02d-%02d is not a date from %d to %d", census.year,
                              census.month, census.day, CCAP_YEAR_MIN, CCAP_YEAR_MAX);
    }
    /* The years the windows can need: Y0 - n_ages to Y0. */
    years = malloc((n_ages + 1) * sizeof *years);
    births = malloc((n_ages + 1) * sizeof *births);
    if (years == NULL || births == NULL) {
        free(years);
        free(births);
        ccap__fill_nan(children_out, 2 * n_ages);
        ccap__fill_nan(coverage_out, n_ages);
        return ccap__diag_set(diag, CCAP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    }
    y0 = census.year;
    for (a = 0; a <= n_ages; a++) {
        double b;

        y = y0 - (int)a;
        if (y >= CCAP_YEAR_MIN &&
            ccap_vitals_find(vitals, region, y, CCAP_VITALS_BIRTHS, &b) == CCAP_OK) {
            years[n] = y;
            births[n] = b;
            n++;
        }
    }
    status = ccap_reverse_survival(years, births, n, srb, female, male, t, net_migrants, net_rates,
                                   n_ages, children_out, coverage_out, diag);
    free(years);
    free(births);
    return status;
}

int
ccap_reverse_add_margins(ccap_margins *margins, const ccap_vitals *vitals, size_t region, int year,
                         ccap_date census, double srb, const ccap_lifetable *female,
                         const ccap_lifetable *male, size_t n_ages, size_t *conflict_out,
                         ccap_diag *diag)
{
    double *children;
    size_t i, a;
    int s, status;

    if (conflict_out != NULL)
        *conflict_out = SIZE_MAX;
    ccap_diag_clear(diag);
    if (margins == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, "margins", "NULL argument");
    /* a figure already published for these children is neither met twice nor replaced */
    for (i = 0; n_ages > 0 && i < ccap_margins_count(margins); i++) {
        ccap_margin m;
        char ages[48];

        ccap_margins_get(margins, i, &m);
        if (m.region != region || m.year != year || m.age_hi == CCAP_AGE_OPEN || m.age_hi > n_ages)
            continue;
        if (conflict_out != NULL)
            *conflict_out = i;
        return ccap__diag_set(diag, CCAP_EEXIST, NULL, 0, 0, "ages",
                              "a margin of ages %s (%s) is already given for the children "
                              "under %zu that the births give: remove it to use the births, "
                              "or give no births for this region",
                              ccap_margin_ages_label(&m, ages, sizeof ages), ccap_sex_name(m.sex),
                              n_ages);
    }
    if (n_ages == 0 || n_ages >= CCAP_LIFETABLE_AGES_MAX)
        return ccap_reverse_survival_vitals(vitals, region, census, srb, female, male, NULL, NULL,
                                            n_ages, NULL, NULL, diag);
    children = malloc(2 * n_ages * sizeof *children);
    if (children == NULL)
        return ccap__diag_set(diag, CCAP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    status = ccap_reverse_survival_vitals(vitals, region, census, srb, female, male, NULL, NULL,
                                          n_ages, children, NULL, diag);
    for (s = 0; status == CCAP_OK && s < 2; s++)
        for (a = 0; status == CCAP_OK && a < n_ages; a++) {
            status = ccap_margins_add(
                margins, region, year, s == 0 ? CCAP_SEX_FEMALE : CCAP_SEX_MALE, a, a + 1,
                children[(size_t)s * n_ages + a], CCAP_REVERSE_MARGIN_NOTE, NULL);
            if (status != CCAP_OK)
                status = ccap__diag_set(diag, status, NULL, 0, 0, NULL, "cannot add a margin: %s",
                                        ccap_strerror(status));
        }
    free(children);
    return status;
}
