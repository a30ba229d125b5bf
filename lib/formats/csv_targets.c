/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The targets file of every measure (ccap_targets.h): the long form
 * `region,year,measure,value`, or the per-1,000 form `region,year,slots_per_1000`
 * that ccap_csv_read_targets() reads.  As the other readers, it builds the whole set
 * before handing it over and names FILE:LINE, the column and the field of the first
 * problem.
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

static const ccap__range range_share = {0.0, 1.0, 0, "(a share)", "write 0.08 for 8%, not 8", 0};

int
ccap_csv_read_target_set(const char *path, const ccap_regions *regions, ccap_targets **out,
                         const ccap_read_options *options, ccap_diag *diag)
{
    enum { C_REGION, C_YEAR, C_MEASURE, C_VALUE, C_PER_1000, N_COLS };
    ccap__column cols[N_COLS] = {{"region", 1, 0},
                                 {"year", 1, 0},
                                 {"measure", 0, 0},
                                 {"value", 0, 0},
                                 {"slots_per_1000", 0, 0}};
    ccap__table t;
    ccap_targets *set = NULL;
    unsigned long *lines = NULL;
    int status, is_long;
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
    /* the form is the header's: measure and value, or slots_per_1000 */
    is_long = cols[C_MEASURE].pos != SIZE_MAX || cols[C_VALUE].pos != SIZE_MAX;
    if (is_long && cols[C_PER_1000].pos != SIZE_MAX) {
        status = ccap__diag_set(diag, CCAP_EPARSE, path, t.rows[0].line, cols[C_PER_1000].pos + 1,
                                "slots_per_1000",
                                "a long targets file (measure, value) gives slots per 1,000 as "
                                "rows of measure slots_per_1000, not as a column");
        goto out;
    }
    if (is_long && (cols[C_MEASURE].pos == SIZE_MAX || cols[C_VALUE].pos == SIZE_MAX)) {
        const char *missing = cols[C_MEASURE].pos == SIZE_MAX ? "measure" : "value";
        status = ccap__diag_set(diag, CCAP_EPARSE, path, t.rows[0].line, 0, missing,
                                "missing column; a long targets file names region, year, "
                                "measure, value");
        goto out;
    }
    if (!is_long && cols[C_PER_1000].pos == SIZE_MAX) {
        status = ccap__diag_set(diag, CCAP_EPARSE, path, t.rows[0].line, 0, "slots_per_1000",
                                "missing column; the header must name region, year, "
                                "slots_per_1000 (or region, year, measure, value)");
        goto out;
    }
    set = ccap_targets_alloc();
    lines = ccap__alloc(t.n_rows, sizeof *lines);
    if (set == NULL || lines == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    for (r = 1; r < t.n_rows; r++) {
        const ccap__column *vcol = is_long ? &cols[C_VALUE] : &cols[C_PER_1000];
        ccap_target_measure m = CCAP_TARGET_SLOTS_PER_1000;
        size_t region = 0, dup = 0;
        double value = NAN;
        char buf[64];
        int year;

        if ((status = ccap__field_region_or_all(&t, diag, r, &cols[C_REGION], regions, &region)) !=
                CCAP_OK ||
            (status = ccap__field_year(&t, diag, r, &cols[C_YEAR], &year)) != CCAP_OK)
            goto out;
        if (is_long) {
            const char *text = ccap__table_field(&t, r, &cols[C_MEASURE]);
            if (text[0] == '\0') {
                status = ccap__empty_error(&t, diag, r, &cols[C_MEASURE]);
                goto out;
            }
            if (ccap_target_measure_parse(text, &m) != CCAP_OK) {
                status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_MEASURE],
                                           "'%s' is not a target measure; expected "
                                           "slots_per_1000, enrolment_rate or inclusive_share",
                                           ccap__show(text, buf));
                goto out;
            }
        }
        status = ccap__field_range(
            &t, diag, r, vcol,
            m == CCAP_TARGET_SLOTS_PER_1000 ? &ccap__range_per_1000 : &range_share, &value);
        if (status != CCAP_OK)
            goto out;
        status = ccap_targets_add(set, region, year, m, value, &dup);
        if (status == CCAP_EEXIST) {
            status = ccap__table_error(
                &t, diag, CCAP_EPARSE, r, &cols[C_YEAR],
                "duplicate row: region '%s', %d, %s already on line %lu",
                region == CCAP_REGION_ALL ? "*" : ccap_regions_code(regions, region), year,
                ccap_target_measure_name(m), lines[dup]);
            goto out;
        }
        if (status != CCAP_OK) {
            status = ccap__table_error(&t, diag, status, r, NULL, "%s", ccap_strerror(status));
            goto out;
        }
        lines[ccap_targets_count(set) - 1] = t.rows[r].line;
    }
    *out = set;
    set = NULL;
out:
    free(lines);
    ccap_targets_free(set);
    ccap__table_free(&t);
    return status;
}
