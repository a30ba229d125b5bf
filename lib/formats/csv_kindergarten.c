/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kindergarten places (幼儿园学位, ccap_kindergarten.h): the reader of kindergarten.csv,
 * `region,year,places[,enrolled]`, and the build schedule with the slots converted from
 * idle places.  As the other readers, it builds the whole table before handing it over
 * and names FILE:LINE, the column and the field of the first problem.
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

static const ccap__range range_places = {0.0, 1e12, 0, "places", "check the unit", 0};

int
ccap_csv_read_kindergarten(const char *path, const ccap_regions *regions, ccap_kindergarten **out,
                           const ccap_read_options *options, ccap_diag *diag)
{
    enum { C_REGION, C_YEAR, C_PLACES, C_ENROLLED, C_NAME, N_COLS };
    ccap__column cols[N_COLS] = {
        {"region", 1, 0}, {"year", 1, 0}, {"places", 1, 0}, {"enrolled", 0, 0}, {"name", 0, 0}};
    ccap__table t;
    ccap_kindergarten *kg = NULL;
    unsigned long *lines = NULL;
    int status;
    size_t r;

    ccap_diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (path == NULL || regions == NULL || out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if (!ccap_regions_is_finished(regions))
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "the region table is not finished");
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    kg = ccap_kindergarten_alloc();
    lines = ccap__alloc(t.n_rows, sizeof *lines);
    if (kg == NULL || lines == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    for (r = 1; r < t.n_rows; r++) {
        const char *enrolled_text = ccap__table_field(&t, r, &cols[C_ENROLLED]);
        double places = NAN, enrolled = NAN;
        size_t region = 0, dup = 0;
        int year;

        if (strcmp(ccap__table_field(&t, r, &cols[C_REGION]), "*") == 0) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_REGION],
                                       "'*' (every region) has no meaning for kindergarten "
                                       "places: give the places of each county");
            goto out;
        }
        if ((status = ccap__field_region(&t, diag, r, &cols[C_REGION], regions, &region)) !=
                CCAP_OK ||
            (cols[C_NAME].pos != SIZE_MAX &&
             (status = ccap__field_region_name(&t, diag, r, &cols[C_NAME], regions, region)) !=
                 CCAP_OK) ||
            (status = ccap__field_year(&t, diag, r, &cols[C_YEAR], &year)) != CCAP_OK ||
            (status = ccap__field_range(&t, diag, r, &cols[C_PLACES], &range_places, &places)) !=
                CCAP_OK)
            goto out;
        if (ccap_regions_n_children(regions, region) > 0) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_REGION],
                                       "region '%s' (%s) has areas of its own: give the places "
                                       "of each of them (a city's places are their sum)",
                                       ccap_regions_code(regions, region),
                                       ccap_regions_name(regions, region));
            goto out;
        }
        /* an empty enrolled cell means "not known" */
        if (enrolled_text[0] != '\0' &&
            ((status = ccap__field_range(&t, diag, r, &cols[C_ENROLLED], &ccap__range_children,
                                         &enrolled)) != CCAP_OK ||
             (status = ccap__check_enrolled(&t, diag, r, &cols[C_PLACES], &cols[C_ENROLLED],
                                            "places", places, enrolled)) != CCAP_OK))
            goto out;
        status = ccap_kindergarten_add(kg, region, year, places, enrolled, &dup);
        if (status == CCAP_EEXIST) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_YEAR],
                                       "duplicate row: region '%s', %d already on line %lu",
                                       ccap_regions_code(regions, region), year, lines[dup]);
            goto out;
        }
        if (status != CCAP_OK) {
            status = ccap__table_error(&t, diag, status, r, NULL, "%s", ccap_strerror(status));
            goto out;
        }
        lines[ccap_kindergarten_count(kg) - 1] = t.rows[r].line;
    }
    *out = kg;
    kg = NULL;
out:
    free(lines);
    ccap_kindergarten_free(kg);
    ccap__table_free(&t);
    return status;
}

int
ccap_csv_write_schedule(const char *path, const ccap_regions *regions, int first_year,
                        size_t n_years, const double new_slots[], const ccap_kindergarten_row kg[],
                        ccap_diag *diag)
{
    static const char *const header[] = {"region",    "name",      "year",
                                         "new_slots", "converted", "conversion_cost",
                                         "built",     "build_cost"};
    const size_t n_cols = kg != NULL ? 8 : 4;
    ccap__outfile out;
    char num[5][40], year_text[16];
    size_t k, i;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || regions == NULL || new_slots == NULL || n_years == 0)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument or no years");
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, n_cols);
    for (k = 0; k < ccap_regions_count(regions); k++) {
        const size_t r = ccap_regions_preorder(regions, k);
        for (i = 0; i < n_years; i++) {
            const size_t at = r * n_years + i;
            const char *fields[8];
            snprintf(year_text, sizeof year_text, "%d", first_year + (int)i);
            ccap__format_double(new_slots[at], num[0], sizeof num[0]);
            fields[0] = ccap_regions_code(regions, r);
            fields[1] = ccap_regions_name(regions, r);
            fields[2] = year_text;
            fields[3] = num[0];
            if (kg != NULL) {
                ccap__format_double(kg[at].converted, num[1], sizeof num[1]);
                ccap__format_double(kg[at].conversion_cost, num[2], sizeof num[2]);
                ccap__format_double(kg[at].built, num[3], sizeof num[3]);
                ccap__format_double(kg[at].build_cost, num[4], sizeof num[4]);
                fields[4] = num[1];
                fields[5] = num[2];
                fields[6] = num[3];
                fields[7] = num[4];
            }
            ccap__outfile_row(&out, fields, n_cols);
        }
    }
    return ccap__outfile_commit(&out, diag);
}
