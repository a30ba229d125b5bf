/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Files of the gap module: caps on new slots by region (`region,max_new_slots`) and unit
 * costs by provider type (`provider,capital_per_slot,running_per_slot_year,
 * subsidy_per_inclusive_slot`).  Every problem is reported as FILE:LINE: field.
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

#define NO_CAP_WORD "none"

static int
is_whole(double x)
{
    return isfinite(x) && !(floor(x) < x) && !(floor(x) > x);
}

/* ---- caps ---- */

/* max_new_slots: "none", or a whole number of slots in the plausible range of slots. */
static int
field_cap(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col, double *cap_out)
{
    const char *text = ccap__table_field(t, r, col);
    char buf[64];
    int status;

    if (ccap__ascii_casecmp_eq(text, NO_CAP_WORD)) {
        *cap_out = CCAP_GAP_NO_CAP;
        return CCAP_OK;
    }
    if ((status = ccap__field_number(t, diag, r, col, NON_NEGATIVE, cap_out)) != CCAP_OK)
        return status;
    if (!is_whole(*cap_out))
        return ccap__table_error(t, diag, CCAP_EDOM, r, col, "%s is not a whole number of slots",
                                 ccap__show(text, buf));
    if (*cap_out > ccap__range_slots.hi)
        return ccap__table_error(t, diag, CCAP_EDOM, r, col, "%s is more than 10^12 slots: %s",
                                 ccap__show(text, buf), ccap__range_slots.hint);
    return CCAP_OK;
}

int
ccap_csv_read_caps(const char *path, const ccap_regions *regions, double caps_out[],
                   size_t n_regions, const ccap_read_options *options, ccap_diag *diag)
{
    enum { C_REGION, C_CAP, N_COLS };
    ccap__column cols[N_COLS] = {{"region", 1, 0}, {"max_new_slots", 1, 0}};
    ccap__table t;
    unsigned long *first = NULL; /* line of each region's row, 0 if none yet */
    size_t r, i;
    char buf[64];
    int status;

    ccap_diag_clear(diag);
    ccap__fill_nan(caps_out, n_regions);
    if (path == NULL || regions == NULL || caps_out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if (n_regions != ccap_regions_count(regions))
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "room for %zu caps but the region table has %zu regions", n_regions,
                              ccap_regions_count(regions));
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    first = calloc(n_regions > 0 ? n_regions : 1, sizeof *first);
    if (first == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    for (i = 0; i < n_regions; i++)
        caps_out[i] = CCAP_GAP_NO_CAP;
    for (r = 1; r < t.n_rows; r++) {
        size_t region = 0;
        double cap;

        if ((status = ccap__field_region(&t, diag, r, &cols[C_REGION], regions, &region)) !=
                CCAP_OK ||
            (status = field_cap(&t, diag, r, &cols[C_CAP], &cap)) != CCAP_OK)
            goto out;
        if (first[region] != 0) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_REGION],
                                       "duplicate region '%s' (first on line %lu)",
                                       ccap__show(ccap_regions_code(regions, region), buf),
                                       first[region]);
            goto out;
        }
        first[region] = t.rows[r].line;
        caps_out[region] = cap;
    }
    status = CCAP_OK;
out:
    if (status != CCAP_OK)
        ccap__fill_nan(caps_out, n_regions);
    free(first);
    ccap__table_free(&t);
    return status;
}

int
ccap_csv_write_caps(const char *path, const ccap_regions *regions, const double caps[],
                    size_t n_regions, ccap_diag *diag)
{
    static const char *const header[] = {"region", "max_new_slots"};
    ccap__outfile out;
    char value[40];
    size_t i;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || regions == NULL || caps == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if (n_regions != ccap_regions_count(regions))
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "%zu caps but the region table has %zu regions", n_regions,
                              ccap_regions_count(regions));
    for (i = 0; i < n_regions; i++) {
        if (!(isinf(caps[i]) && caps[i] > 0.0) &&
            !(is_whole(caps[i]) && caps[i] >= 0.0 && caps[i] <= CCAP_GAP_WHOLE_MAX))
            return ccap__diag_set(diag, CCAP_EDOM, path, 0, 0, NULL,
                                  "cap of region '%s' is not a whole number of slots from 0 "
                                  "to %.0f, nor CCAP_GAP_NO_CAP",
                                  ccap_regions_code(regions, i), CCAP_GAP_WHOLE_MAX);
    }
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, 2);
    for (i = 0; i < n_regions; i++) {
        const char *fields[2];

        if (isinf(caps[i]))
            snprintf(value, sizeof value, "%s", NO_CAP_WORD);
        else
            ccap__format_double(caps[i], value, sizeof value);
        fields[0] = ccap_regions_code(regions, i);
        fields[1] = value;
        ccap__outfile_row(&out, fields, 2);
    }
    return ccap__outfile_commit(&out, diag);
}

/* ---- costs ---- */

/* Index of a provider name (any case) in ccap_gap_costs_provider()'s list, the default
 * row '*' being CCAP_GAP_N_PROVIDERS; 0 if the name is unknown. */
static int
provider_index(const char *name, size_t *index_out)
{
    size_t i;

    if (strcmp(name, "*") == 0) {
        *index_out = CCAP_GAP_N_PROVIDERS;
        return 1;
    }
    for (i = 0; i < CCAP_GAP_N_PROVIDERS; i++) {
        if (ccap__ascii_casecmp_eq(name, ccap_gap_costs_provider(i))) {
            *index_out = i;
            return 1;
        }
    }
    return 0;
}

int
ccap_csv_read_costs(const char *path, ccap_gap_costs **costs_out, const ccap_read_options *options,
                    ccap_diag *diag)
{
    enum { C_PROVIDER, C_CAPITAL, C_RUNNING, C_SUBSIDY, N_COLS };
    ccap__column cols[N_COLS] = {{"provider", 1, 0},
                                 {"capital_per_slot", 1, 0},
                                 {"running_per_slot_year", 1, 0},
                                 {"subsidy_per_inclusive_slot", 1, 0}};
    unsigned long first[CCAP_GAP_N_PROVIDERS + 1] = {0};
    ccap_gap_costs *costs = NULL;
    ccap__table t;
    size_t r;
    char buf[64];
    int status;

    ccap_diag_clear(diag);
    if (costs_out != NULL)
        *costs_out = NULL;
    if (path == NULL || costs_out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    costs = ccap_gap_costs_alloc();
    if (costs == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    for (r = 1; r < t.n_rows; r++) {
        const char *name = ccap__table_field(&t, r, &cols[C_PROVIDER]);
        ccap_gap_unit_costs unit;
        size_t index = 0;

        if (name[0] == '\0') {
            status = ccap__empty_error(&t, diag, r, &cols[C_PROVIDER]);
            goto out;
        }
        if (!provider_index(name, &index)) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_PROVIDER],
                                       "'%s' is not a provider type; expected institution, "
                                       "community, kindergarten, employer, home, commercial, "
                                       "other or *",
                                       ccap__show(name, buf));
            goto out;
        }
        if (first[index] != 0) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_PROVIDER],
                                       "duplicate provider '%s' (first on line %lu)",
                                       ccap__show(name, buf), first[index]);
            goto out;
        }
        if ((status = ccap__field_range(&t, diag, r, &cols[C_CAPITAL], &ccap__range_cost,
                                        &unit.capital_per_slot)) != CCAP_OK ||
            (status = ccap__field_range(&t, diag, r, &cols[C_RUNNING], &ccap__range_cost,
                                        &unit.running_per_slot_year)) != CCAP_OK ||
            (status = ccap__field_range(&t, diag, r, &cols[C_SUBSIDY], &ccap__range_cost,
                                        &unit.subsidy_per_inclusive_slot)) != CCAP_OK)
            goto out;
        if ((status = ccap_gap_costs_set(costs, name, &unit)) != CCAP_OK) {
            status = ccap__table_error(&t, diag, status, r, NULL, "%s", ccap_strerror(status));
            goto out;
        }
        first[index] = t.rows[r].line;
    }
    *costs_out = costs;
    costs = NULL;
out:
    ccap_gap_costs_free(costs);
    ccap__table_free(&t);
    return status;
}

int
ccap_csv_write_costs(const char *path, const ccap_gap_costs *costs, ccap_diag *diag)
{
    static const char *const header[] = {"provider", "capital_per_slot", "running_per_slot_year",
                                         "subsidy_per_inclusive_slot"};
    ccap__outfile out;
    char values[3][40];
    size_t i;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || costs == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, 4);
    for (i = 0; i <= CCAP_GAP_N_PROVIDERS; i++) {
        const char *name = i < CCAP_GAP_N_PROVIDERS ? ccap_gap_costs_provider(i) : "*";
        const char *fields[4];
        ccap_gap_unit_costs unit;

        if (!ccap_gap_costs_has(costs, name) || ccap_gap_costs_get(costs, name, &unit) != CCAP_OK)
            continue;
        ccap__format_double(unit.capital_per_slot, values[0], sizeof values[0]);
        ccap__format_double(unit.running_per_slot_year, values[1], sizeof values[1]);
        ccap__format_double(unit.subsidy_per_inclusive_slot, values[2], sizeof values[2]);
        fields[0] = name;
        fields[1] = values[0];
        fields[2] = values[1];
        fields[3] = values[2];
        ccap__outfile_row(&out, fields, 4);
    }
    return ccap__outfile_commit(&out, diag);
}

int
ccap_csv_write_gaps(const char *path, const ccap_regions *regions, const ccap_gap_row rows[],
                    size_t n_rows, ccap_diag *diag)
{
    enum { N_NUM = 20, N_COLS = N_NUM + 4 };
    static const char *const header[N_COLS] = {"region",
                                               "name",
                                               "year",
                                               "population",
                                               "under3",
                                               "slots",
                                               "slots_per_1000",
                                               "target_per_1000",
                                               "target_slots",
                                               "gap",
                                               "demand_slots",
                                               "demand_gap",
                                               "per_1000_slots",
                                               "per_1000_gap",
                                               "enrolment_rate_target",
                                               "enrolment_slots",
                                               "enrolment_gap",
                                               "inclusive_share_target",
                                               "inclusive_slots",
                                               "inclusive_gap",
                                               "enrolled",
                                               "utilisation",
                                               "enrolment_rate",
                                               "binding"};
    ccap__outfile out;
    char num[N_NUM][40], year_text[16];
    size_t R, n_years, k, y, i;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || regions == NULL || rows == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    R = ccap_regions_count(regions);
    if (R == 0 || n_rows == 0 || n_rows % R != 0)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "the rows are not whole years of every region");
    n_years = n_rows / R;
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, N_COLS);
    for (k = 0; k < R; k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        for (y = 0; y < n_years; y++) {
            const ccap_gap_row *c = &rows[y * R + r];
            const double v[N_NUM] = {c->population,
                                     c->under3,
                                     c->slots,
                                     c->per_1000,
                                     c->target_per_1000,
                                     c->target_slots,
                                     c->gap,
                                     c->demand_slots,
                                     c->demand_gap,
                                     c->per_1000_slots,
                                     c->per_1000_slots - c->slots,
                                     c->enrolment_target,
                                     c->enrolment_slots,
                                     c->enrolment_gap,
                                     c->inclusive_target,
                                     c->inclusive_slots,
                                     c->inclusive_gap,
                                     c->enrolled,
                                     c->utilisation,
                                     c->enrolment_rate};
            const char *fields[N_COLS];

            snprintf(year_text, sizeof year_text, "%d", c->year);
            fields[0] = ccap_regions_code(regions, r);
            fields[1] = ccap_regions_name(regions, r);
            fields[2] = year_text;
            for (i = 0; i < N_NUM; i++) {
                ccap__format_double(v[i], num[i], sizeof num[i]);
                fields[3 + i] = num[i];
            }
            fields[N_COLS - 1] =
                c->binding == CCAP_TARGET_NONE ? "" : ccap_target_measure_name(c->binding);
            ccap__outfile_row(&out, fields, N_COLS);
        }
    }
    return ccap__outfile_commit(&out, diag);
}

int
ccap_csv_write_builds(const char *path, const ccap_regions *regions, int first_year,
                      size_t n_years, const double new_slots[], ccap_diag *diag)
{
    return ccap_csv_write_schedule(path, regions, first_year, n_years, new_slots, NULL, diag);
}

int
ccap_csv_write_allocation(const char *path, const ccap_regions *regions,
                          const double new_slots[], ccap_diag *diag)
{
    static const char *const header[] = {"region", "name", "new_slots"};
    ccap__outfile out;
    char value[40];
    size_t k;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || regions == NULL || new_slots == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, 3);
    for (k = 0; k < ccap_regions_count(regions); k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        const char *fields[3];
        ccap__format_double(new_slots[r], value, sizeof value);
        fields[0] = ccap_regions_code(regions, r);
        fields[1] = ccap_regions_name(regions, r);
        fields[2] = value;
        ccap__outfile_row(&out, fields, 3);
    }
    return ccap__outfile_commit(&out, diag);
}
