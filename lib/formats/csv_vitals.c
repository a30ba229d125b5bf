/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reader of the vital statistics file (`region,year,measure,value[,note]`): births,
 * deaths, year-end population and crude rates as bulletins publish them.
 *
 * As the other readers, it builds its object completely before handing it over, and on
 * the first problem frees what it built, returns NULL through the out-parameter and names
 * FILE:LINE, the column and the field in the diag.
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

static int
field_measure(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
              ccap_vitals_measure *measure_out)
{
    const char *text = ccap__table_field(t, r, col);
    char buf[64];

    if (text[0] == '\0')
        return ccap__empty_error(t, diag, r, col);
    if (ccap_vitals_measure_parse(text, measure_out) != CCAP_OK)
        return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                                 "'%s' is not a measure; expected births, deaths, population, "
                                 "birth_rate or death_rate (or 出生人口, 死亡人口, 年末常住人口, "
                                 "出生率, 死亡率)",
                                 ccap__show(text, buf));
    return CCAP_OK;
}

/* The plausible range of each measure, in enum order (the table in ccap_vitals.h;
 * docs/conventions.md, "Plausible ranges"). */
static const ccap__range ranges[CCAP_VITALS_N_MEASURES] = {
    {0.0, CCAP_VITALS_COUNT_MAX, 0, "births", "check the unit", 0},
    {0.0, CCAP_VITALS_COUNT_MAX, 0, "deaths", "check the unit", 0},
    {0.0, CCAP_VITALS_POPULATION_MAX, 1, "residents", "check the unit", 0},
    {0.0, CCAP_VITALS_RATE_MAX, 0, "births per 1,000 residents",
     "the rate is per 1,000 (‰); a count belongs under births or deaths", 1},
    {0.0, CCAP_VITALS_RATE_MAX, 0, "deaths per 1,000 residents",
     "the rate is per 1,000 (‰); a count belongs under births or deaths", 1},
};

int
ccap_csv_read_vitals(const char *path, const ccap_regions *regions, ccap_vitals **vitals_out,
                     const ccap_read_options *options, ccap_diag *diag)
{
    enum { C_REGION, C_YEAR, C_MEASURE, C_VALUE, C_NOTE, N_COLS };
    ccap__column cols[N_COLS] = {
        {"region", 1, 0}, {"year", 1, 0}, {"measure", 1, 0}, {"value", 1, 0}, {"note", 0, 0}};
    ccap__table t;
    ccap_vitals *vitals = NULL;
    size_t r;
    int status;

    ccap_diag_clear(diag);
    if (vitals_out != NULL)
        *vitals_out = NULL;
    if (path == NULL || regions == NULL || vitals_out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if (!ccap_regions_is_finished(regions))
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "the region table is not finished");
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    if ((vitals = ccap_vitals_alloc()) == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    for (r = 1; r < t.n_rows; r++) {
        const char *note = ccap__table_field(&t, r, &cols[C_NOTE]);
        ccap_vitals_measure measure;
        size_t region = 0, dup = 0;
        double value;
        int year;

        if ((status = ccap__field_region(&t, diag, r, &cols[C_REGION], regions, &region)) !=
                CCAP_OK ||
            (status = ccap__field_year(&t, diag, r, &cols[C_YEAR], &year)) != CCAP_OK ||
            (status = field_measure(&t, diag, r, &cols[C_MEASURE], &measure)) != CCAP_OK ||
            (status = ccap__field_range(&t, diag, r, &cols[C_VALUE], &ranges[measure], &value)) !=
                CCAP_OK ||
            (status = ccap__numeric_note(&t, diag, r, &cols[C_VALUE], &cols[C_NOTE])) != CCAP_OK)
            goto out;
        if (strlen(note) > CCAP_VITALS_NOTE_MAX || ccap__has_control(note)) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_NOTE],
                                       "note longer than %d bytes or with control characters",
                                       CCAP_VITALS_NOTE_MAX);
            goto out;
        }
        status = ccap_vitals_add(vitals, region, year, measure, value, note, t.rows[r].line, &dup);
        if (status == CCAP_EEXIST) {
            ccap_vital first;

            ccap_vitals_get(vitals, dup, &first);
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_MEASURE],
                                       "duplicate: the same region, year and measure as line "
                                       "%lu",
                                       first.line);
            goto out;
        }
        if (status != CCAP_OK) {
            status = ccap__table_error(&t, diag, status, r, NULL, "%s", ccap_strerror(status));
            goto out;
        }
    }
    *vitals_out = vitals;
    vitals = NULL;
out:
    ccap_vitals_free(vitals);
    ccap__table_free(&t);
    return status;
}

/* ---- the calibration beside the published figures ---- */

int
ccap_csv_write_calibration(const char *path, const ccap_regions *regions,
                           const ccap_calibration *calibration, ccap_diag *diag)
{
    static const char *const header[] = {"region",     "year",     "measure", "published",
                                         "model",      "difference", "relative", "use"};
    static const char *const uses[] = {"fitted", "checked", "unused", "base"};
    ccap__outfile out;
    size_t i;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || regions == NULL || calibration == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, 8);
    for (i = 0; i < ccap_calibration_count(calibration); i++) {
        ccap_calibration_row row;
        char year[16], published[40], model[40], diff[40], rel[40];
        const char *fields[8];
        ccap_calibration_get(calibration, i, &row);
        snprintf(year, sizeof year, "%d", row.year);
        ccap__format_double(row.published, published, sizeof published);
        model[0] = diff[0] = rel[0] = '\0';
        if (isfinite(row.model)) {
            snprintf(model, sizeof model, "%.6g", row.model);
            if (fabs(row.model) >= 1e5)
                snprintf(model, sizeof model, "%.1f", row.model);
            snprintf(diff, sizeof diff, "%.4g", row.model - row.published);
            if (row.published > 0.0)
                snprintf(rel, sizeof rel, "%.3g", (row.model - row.published) / row.published);
        }
        fields[0] = ccap_regions_code(regions, row.region);
        fields[1] = year;
        fields[2] = ccap_vitals_measure_name(row.measure);
        fields[3] = published;
        fields[4] = model;
        fields[5] = diff;
        fields[6] = rel;
        fields[7] = (unsigned)row.use < 4 ? uses[row.use] : "";
        ccap__outfile_row(&out, fields, 8);
    }
    return ccap__outfile_commit(&out, diag);
}
