/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Files of the workforce module (ccap_workforce.h): the standard a province plans by,
 * `class,max_children,children_per_carer,floor_area_m2_per_child,children_per_health_worker`,
 * one row for each class type; and the table of classes, carers, health staff and floor
 * area (`workforce.csv`); the budget by payer (`budget.csv`).  Every problem is reported as
 * FILE:LINE: field.
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

static const ccap__range range_class = {1.0, 1000.0, 0, "children in a class",
                                        "a class of more than 1,000 is no class", 0};
static const ccap__range range_carer = {0.0, 100.0, 1, "children per carer",
                                        "write 3 for a ratio of 1:3", 0};
static const ccap__range range_area = {0.0, 1000.0, 0, "m² per child", "check the unit", 0};
static const ccap__range range_health = {0.0, 1e5, 0, "children per health worker",
                                         "write 150 for one per 150 children, 0 for none", 0};

int
ccap_csv_read_monthly_births(const char *path, double births_out[],
                             const ccap_read_options *options, ccap_diag *diag)
{
    enum { C_MONTH, C_BIRTHS, N_COLS };
    ccap__column cols[N_COLS] = {{"month", 1, 0}, {"births", 1, 0}};
    unsigned long line[12] = {0};
    double births[12], total = 0.0;
    ccap__table t;
    size_t r, m;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || births_out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    for (r = 1; r < t.n_rows; r++) {
        const char *text = ccap__table_field(&t, r, &cols[C_MONTH]);
        char buf[64], *end;
        long month;

        if (text[0] == '\0') {
            status = ccap__empty_error(&t, diag, r, &cols[C_MONTH]);
            goto out;
        }
        month = strtol(text, &end, 10);
        if (end != text && strcmp(end, "月") == 0)
            end += strlen("月");
        if (end == text || *end != '\0' || month < 1 || month > 12) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_MONTH],
                                       "'%s' is not a month from 1 to 12", ccap__show(text, buf));
            goto out;
        }
        if (line[month - 1] != 0) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_MONTH],
                                       "duplicate row: month %ld already on line %lu", month,
                                       line[month - 1]);
            goto out;
        }
        if ((status = ccap__field_count(&t, diag, r, &cols[C_BIRTHS], &births[month - 1])) !=
            CCAP_OK)
            goto out;
        line[month - 1] = t.rows[r].line;
        total += births[month - 1];
    }
    for (m = 0; m < 12; m++) {
        if (line[m] == 0) {
            status = ccap__diag_set(diag, CCAP_EPARSE, path, t.rows[t.n_rows - 1].line, 0, "month",
                                    "no row for month %zu: the births of every month 1 to 12 "
                                    "are needed",
                                    m + 1);
            goto out;
        }
    }
    if (!(total > 0.0)) {
        status = ccap__diag_set(diag, CCAP_EDOM, path, t.rows[t.n_rows - 1].line, 0, "births",
                                "no births in any month");
        goto out;
    }
    memcpy(births_out, births, sizeof births);
    status = CCAP_OK;
out:
    ccap__table_free(&t);
    return status;
}

int
ccap_csv_read_workforce_standard(const char *path, ccap_workforce_standard *out,
                                 const ccap_read_options *options, ccap_diag *diag)
{
    enum { C_CLASS, C_MAX, C_CARER, C_AREA, C_HEALTH, N_COLS };
    ccap__column cols[N_COLS] = {{"class", 1, 0},
                                 {"max_children", 1, 0},
                                 {"children_per_carer", 1, 0},
                                 {"floor_area_m2_per_child", 1, 0},
                                 {"children_per_health_worker", 1, 0}};
    unsigned long line[CCAP_N_CLASS_TYPES] = {0};
    ccap_workforce_standard std;
    ccap__table t;
    size_t r, c;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    for (r = 1; r < t.n_rows; r++) {
        const char *text = ccap__table_field(&t, r, &cols[C_CLASS]);
        ccap_class_type type;
        ccap_class_limits l;
        char buf[64];

        if (text[0] == '\0') {
            status = ccap__empty_error(&t, diag, r, &cols[C_CLASS]);
            goto out;
        }
        if (ccap_class_type_parse(text, &type) != CCAP_OK) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_CLASS],
                                       "'%s' is not a class type; expected infant, toddler, "
                                       "older, mixed, home or kindergarten",
                                       ccap__show(text, buf));
            goto out;
        }
        if (line[type] != 0) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_CLASS],
                                       "duplicate row: class %s already on line %lu",
                                       ccap_class_type_name(type), line[type]);
            goto out;
        }
        if ((status = ccap__field_range(&t, diag, r, &cols[C_MAX], &range_class,
                                        &l.max_children)) != CCAP_OK ||
            (status = ccap__field_range(&t, diag, r, &cols[C_CARER], &range_carer,
                                        &l.children_per_carer)) != CCAP_OK ||
            (status = ccap__field_range(&t, diag, r, &cols[C_AREA], &range_area,
                                        &l.floor_area_m2_per_child)) != CCAP_OK ||
            (status = ccap__field_range(&t, diag, r, &cols[C_HEALTH], &range_health,
                                        &l.children_per_health_worker)) != CCAP_OK)
            goto out;
        line[type] = t.rows[r].line;
        std.limits[type] = l;
    }
    for (c = 0; c < CCAP_N_CLASS_TYPES; c++) {
        if (line[c] == 0) {
            status = ccap__diag_set(diag, CCAP_EPARSE, path, t.rows[t.n_rows - 1].line, 0, "class",
                                    "no row for class %s: a standard gives every class "
                                    "type (infant, toddler, older, mixed, home, kindergarten)",
                                    ccap_class_type_name((ccap_class_type)c));
            goto out;
        }
    }
    *out = std;
    status = CCAP_OK;
out:
    ccap__table_free(&t);
    return status;
}

int
ccap_csv_write_workforce(const char *path, const ccap_regions *regions,
                         const ccap_workforce_row rows[], size_t n_rows, ccap_diag *diag)
{
    enum { N_NUM = 11, N_COLS = N_NUM + 4 };
    static const char *const header[N_COLS] = {"region", "name",         "year",         "basis",
                                               "slots",  "infant",       "toddler",      "older",
                                               "mixed",  "home",         "kindergarten", "classes",
                                               "carers", "health_staff", "floor_area_m2"};
    const size_t per_year =
        regions != NULL ? ccap_regions_count(regions) * CCAP_WORKFORCE_N_BASES : 0;
    ccap__outfile out;
    char num[N_NUM][40], year_text[16];
    size_t n_years, k, y, b, i;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || regions == NULL || rows == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if (per_year == 0 || n_rows == 0 || n_rows % per_year != 0)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "the rows are not whole years of every region and basis");
    n_years = n_rows / per_year;
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, N_COLS);
    for (k = 0; k < ccap_regions_count(regions); k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        for (y = 0; y < n_years; y++) {
            for (b = 0; b < CCAP_WORKFORCE_N_BASES; b++) {
                const ccap_workforce_row *w = &rows[y * per_year + r * CCAP_WORKFORCE_N_BASES + b];
                const ccap_workforce_need *n = &w->need;
                const double v[N_NUM] = {w->slots,
                                         n->places[CCAP_CLASS_INFANT],
                                         n->places[CCAP_CLASS_TODDLER],
                                         n->places[CCAP_CLASS_OLDER],
                                         n->places[CCAP_CLASS_MIXED],
                                         n->places[CCAP_CLASS_HOME],
                                         n->places[CCAP_CLASS_KINDERGARTEN],
                                         n->classes_total,
                                         n->carers_total,
                                         n->health_staff,
                                         n->floor_area_m2};
                const char *fields[N_COLS];

                snprintf(year_text, sizeof year_text, "%d", w->year);
                fields[0] = ccap_regions_code(regions, r);
                fields[1] = ccap_regions_name(regions, r);
                fields[2] = year_text;
                fields[3] = ccap_workforce_basis_name(w->basis);
                for (i = 0; i < N_NUM; i++) {
                    ccap__format_double(v[i], num[i], sizeof num[i]);
                    fields[4 + i] = num[i];
                }
                ccap__outfile_row(&out, fields, N_COLS);
            }
        }
    }
    return ccap__outfile_commit(&out, diag);
}

int
ccap_csv_write_budget(const char *path, const ccap_budget_year rows[], size_t n_rows,
                      const ccap_budget_year *pv, ccap_diag *diag)
{
    enum { N_NUM = 10, N_COLS = N_NUM + 1 };
    static const char *const header[N_COLS] = {"year",
                                               "central",
                                               "local",
                                               "families",
                                               "providers",
                                               "capital",
                                               "capital_subsidy",
                                               "childcare_subsidy",
                                               "operating_subsidy",
                                               "fees",
                                               "running"};
    ccap__outfile out;
    char num[N_NUM][40], year_text[16];
    size_t t, i;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || rows == NULL || n_rows == 0)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument or no rows");
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, N_COLS);
    for (t = 0; t <= n_rows; t++) {
        const ccap_budget_year *r = t < n_rows ? &rows[t] : pv;
        const char *fields[N_COLS];

        if (r == NULL)
            break;
        {
            const double v[N_NUM] = {
                r->central, r->local,           r->families,          r->providers,
                r->capital, r->capital_subsidy, r->childcare_subsidy, r->operating_subsidy,
                r->fees,    r->running};
            snprintf(year_text, sizeof year_text, "%d", r->year);
            fields[0] = t < n_rows ? year_text : "pv";
            for (i = 0; i < N_NUM; i++) {
                ccap__format_double(v[i], num[i], sizeof num[i]);
                fields[1 + i] = num[i];
            }
        }
        ccap__outfile_row(&out, fields, N_COLS);
    }
    return ccap__outfile_commit(&out, diag);
}
