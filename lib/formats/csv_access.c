/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Readers of the files of spatial access (the provider register, areas, travel times)
 * and the writer of the access table.
 *
 * As the other readers, each builds its object completely before handing it over, and on
 * the first problem frees what it built, returns NULL through the out-parameter and names
 * FILE:LINE, the column and the field in the diag.
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

#include <ccap/ccap_access_csv.h>

#define NONE ((size_t)-1)

static const ccap__range range_fee = {0.0, 1e9, 0, "yuan per month", "check the unit", 0};
static const ccap__range range_minutes = {0.0, CCAP_ACCESS_MINUTES_MAX, 0, "minutes",
                                          "a travel time is given in minutes, at most a day", 0};

/* An optional region code: empty, or (with a table) one of its codes. */
static int
field_region_code(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                  const ccap_regions *regions)
{
    const char *text = ccap__table_field(t, r, col);
    size_t region;

    if (regions == NULL || col->pos == NONE || text[0] == '\0')
        return CCAP_OK;
    return ccap__field_region(t, diag, r, col, regions, &region);
}

/* Longitude and latitude in degrees, in China's range and in that order. */
static int
field_lonlat(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *lon_col,
             const ccap__column *lat_col, double *lon, double *lat)
{
    char a[64], b[64];
    int status;

    if ((status = ccap__field_number(t, diag, r, lon_col, ANY_FINITE, lon)) != CCAP_OK ||
        (status = ccap__field_number(t, diag, r, lat_col, ANY_FINITE, lat)) != CCAP_OK)
        return status;
    ccap__show(ccap__table_field(t, r, lon_col), a);
    ccap__show(ccap__table_field(t, r, lat_col), b);
    switch (ccap_access_check_lonlat(*lon, *lat)) {
    case CCAP_OK:
        return CCAP_OK;
    case CCAP_ERANGE:
        return ccap__table_error(t, diag, CCAP_EDOM, r, lon_col,
                                 "%s is a latitude and %s a longitude: the two are swapped "
                                 "(lon, degrees east, comes first)",
                                 a, b);
    default:
        break;
    }
    if (fabs(*lon) > 360.0 || fabs(*lat) > 360.0)
        return ccap__table_error(t, diag, CCAP_EDOM, r, fabs(*lon) > 360.0 ? lon_col : lat_col,
                                 "%s is not in degrees: convert coordinates of a projected "
                                 "grid (metres) to longitude and latitude",
                                 fabs(*lon) > 360.0 ? a : b);
    if (!(*lon >= CCAP_ACCESS_LON_MIN && *lon <= CCAP_ACCESS_LON_MAX))
        return ccap__table_error(t, diag, CCAP_EDOM, r, lon_col,
                                 "%s is outside China's longitudes [%g, %g] degrees east", a,
                                 CCAP_ACCESS_LON_MIN, CCAP_ACCESS_LON_MAX);
    return ccap__table_error(t, diag, CCAP_EDOM, r, lat_col,
                             "%s is outside China's latitudes [%g, %g] degrees north", b,
                             CCAP_ACCESS_LAT_MIN, CCAP_ACCESS_LAT_MAX);
}

/* A provider type by its English name or its Chinese name. */
static int
field_provider_type(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                    ccap_provider *out)
{
    const char *text = ccap__table_field(t, r, col);
    char buf[64];

    if (text[0] == '\0')
        return ccap__empty_error(t, diag, r, col);
    if (ccap_childcare_provider_parse(text, out) == CCAP_OK) /* English or Chinese */
        return CCAP_OK;
    return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                             "'%s' is not a provider type; expected institution, community, "
                             "kindergarten, employer, home, commercial or other (or 托育机构, "
                             "社区托育点, 幼儿园托班, 用人单位, 家庭托育点, 商业综合体, 其他)",
                             ccap__show(text, buf));
}

static int
field_inclusive_flag(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                     ccap_inclusive *out)
{
    const char *text = ccap__table_field(t, r, col);
    char buf[64];

    if (text[0] == '\0')
        return ccap__empty_error(t, diag, r, col);
    if (ccap_childcare_inclusive_parse(text, out) != CCAP_OK)
        return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                                 "'%s' is not an inclusive flag; expected yes or no (是 or 否)",
                                 ccap__show(text, buf));
    return CCAP_OK;
}

/* An optional number: NAN when the cell is empty or the column absent. */
static int
field_optional(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
               const ccap__range *range, double *out)
{
    *out = NAN;
    if (col->pos == NONE || ccap__table_field(t, r, col)[0] == '\0')
        return CCAP_OK;
    return ccap__field_range(t, diag, r, col, range, out);
}

static int
field_optional_year(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                    int *out)
{
    *out = 0;
    if (col->pos == NONE || ccap__table_field(t, r, col)[0] == '\0')
        return CCAP_OK;
    return ccap__field_year(t, diag, r, col, out);
}

/* A non-empty key (id or code). */
static int
field_key(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col)
{
    const char *text = ccap__table_field(t, r, col);

    if (text[0] == '\0')
        return ccap__empty_error(t, diag, r, col);
    if (ccap__has_control(text))
        return ccap__table_error(t, diag, CCAP_EPARSE, r, col, "a control character in a code");
    return CCAP_OK;
}

int
ccap_csv_read_access_providers(const char *path, const ccap_regions *regions,
                               ccap_access_providers **out, const ccap_read_options *options,
                               ccap_diag *diag)
{
    enum {
        C_ID,
        C_NAME,
        C_REGION,
        C_TOWNSHIP,
        C_LON,
        C_LAT,
        C_PROVIDER,
        C_INCLUSIVE,
        C_SLOTS,
        C_ENROLLED,
        C_FEE,
        C_OPENED,
        C_CLOSED,
        N_COLS
    };
    ccap__column cols[N_COLS] = {{"id", 1, 0},       {"name", 1, 0},      {"region", 1, 0},
                                 {"township", 1, 0}, {"lon", 1, 0},       {"lat", 1, 0},
                                 {"provider", 1, 0}, {"inclusive", 1, 0}, {"slots", 1, 0},
                                 {"enrolled", 0, 0}, {"fee_month", 0, 0}, {"opened", 0, 0},
                                 {"closed", 0, 0}};
    ccap__table t;
    ccap_access_providers *set = NULL;
    unsigned long *lines = NULL;
    size_t r;
    int status;

    ccap_diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (path == NULL || out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if (regions != NULL && !ccap_regions_is_finished(regions))
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "the region table is not finished");
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    set = ccap_access_providers_alloc();
    lines = ccap__alloc(t.n_rows, sizeof *lines);
    if (set == NULL || lines == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    for (r = 1; r < t.n_rows; r++) {
        ccap_access_provider p;
        size_t dup = 0;

        memset(&p, 0, sizeof p);
        p.id = ccap__table_field(&t, r, &cols[C_ID]);
        p.name = ccap__table_field(&t, r, &cols[C_NAME]);
        p.region = ccap__table_field(&t, r, &cols[C_REGION]);
        p.township = ccap__table_field(&t, r, &cols[C_TOWNSHIP]);
        if ((status = field_key(&t, diag, r, &cols[C_ID])) != CCAP_OK ||
            (status = field_region_code(&t, diag, r, &cols[C_REGION], regions)) != CCAP_OK ||
            (status = field_lonlat(&t, diag, r, &cols[C_LON], &cols[C_LAT], &p.lon, &p.lat)) !=
                CCAP_OK ||
            (status = field_provider_type(&t, diag, r, &cols[C_PROVIDER], &p.provider)) !=
                CCAP_OK ||
            (status = field_inclusive_flag(&t, diag, r, &cols[C_INCLUSIVE], &p.inclusive)) !=
                CCAP_OK ||
            (status = ccap__field_range(&t, diag, r, &cols[C_SLOTS], &ccap__range_slots,
                                        &p.slots)) != CCAP_OK ||
            (status = field_optional(&t, diag, r, &cols[C_ENROLLED], &ccap__range_children,
                                     &p.enrolled)) != CCAP_OK ||
            (status = field_optional(&t, diag, r, &cols[C_FEE], &range_fee, &p.fee_month)) !=
                CCAP_OK ||
            (status = field_optional_year(&t, diag, r, &cols[C_OPENED], &p.opened)) != CCAP_OK ||
            (status = field_optional_year(&t, diag, r, &cols[C_CLOSED], &p.closed)) != CCAP_OK)
            goto out;
        if (p.opened != 0 && p.closed != 0 && p.closed <= p.opened) {
            status =
                ccap__table_error(&t, diag, CCAP_EDOM, r, &cols[C_CLOSED],
                                  "closed in %d, not after it opened (%d)", p.closed, p.opened);
            goto out;
        }
        status = ccap_access_providers_add(set, &p, &dup);
        if (status == CCAP_EEXIST) {
            char buf[64];
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_ID],
                                       "duplicate id '%s': already on line %lu",
                                       ccap__show(p.id, buf), lines[dup]);
            goto out;
        }
        if (status != CCAP_OK) {
            status = ccap__table_error(&t, diag, status, r, NULL, "%s", ccap_strerror(status));
            goto out;
        }
        lines[ccap_access_providers_count(set) - 1] = t.rows[r].line;
    }
    *out = set;
    set = NULL;
out:
    free(lines);
    ccap_access_providers_free(set);
    ccap__table_free(&t);
    return status;
}

int
ccap_csv_read_access_areas(const char *path, const ccap_regions *regions, ccap_access_areas **out,
                           const ccap_read_options *options, ccap_diag *diag)
{
    enum { C_CODE, C_NAME, C_REGION, C_LON, C_LAT, C_CHILDREN, N_COLS };
    ccap__column cols[N_COLS] = {{"code", 1, 0}, {"name", 1, 0}, {"region", 0, 0},
                                 {"lon", 1, 0},  {"lat", 1, 0},  {"children", 1, 0}};
    ccap__table t;
    ccap_access_areas *set = NULL;
    unsigned long *lines = NULL;
    size_t r;
    int status;

    ccap_diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (path == NULL || out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if (regions != NULL && !ccap_regions_is_finished(regions))
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "the region table is not finished");
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    set = ccap_access_areas_alloc();
    lines = ccap__alloc(t.n_rows, sizeof *lines);
    if (set == NULL || lines == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    for (r = 1; r < t.n_rows; r++) {
        ccap_access_area a;
        size_t dup = 0;

        memset(&a, 0, sizeof a);
        a.code = ccap__table_field(&t, r, &cols[C_CODE]);
        a.name = ccap__table_field(&t, r, &cols[C_NAME]);
        a.region = ccap__table_field(&t, r, &cols[C_REGION]);
        if ((status = field_key(&t, diag, r, &cols[C_CODE])) != CCAP_OK ||
            (status = field_region_code(&t, diag, r, &cols[C_REGION], regions)) != CCAP_OK ||
            (status = field_lonlat(&t, diag, r, &cols[C_LON], &cols[C_LAT], &a.lon, &a.lat)) !=
                CCAP_OK ||
            (status = ccap__field_range(&t, diag, r, &cols[C_CHILDREN], &ccap__range_children,
                                        &a.children)) != CCAP_OK)
            goto out;
        status = ccap_access_areas_add(set, &a, &dup);
        if (status == CCAP_EEXIST) {
            char buf[64];
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_CODE],
                                       "duplicate code '%s': already on line %lu",
                                       ccap__show(a.code, buf), lines[dup]);
            goto out;
        }
        if (status != CCAP_OK) {
            status = ccap__table_error(&t, diag, status, r, NULL, "%s", ccap_strerror(status));
            goto out;
        }
        lines[ccap_access_areas_count(set) - 1] = t.rows[r].line;
    }
    *out = set;
    set = NULL;
out:
    free(lines);
    ccap_access_areas_free(set);
    ccap__table_free(&t);
    return status;
}

/* The number of areas of a region and their children. */
static void
region_children(const ccap_access_areas *areas, const char *region, size_t *n_out, double *sum_out)
{
    ccap_access_area a;
    size_t i;

    *n_out = 0;
    *sum_out = 0.0;
    for (i = 0; i < ccap_access_areas_count(areas); i++) {
        ccap_access_areas_get(areas, i, &a);
        if (strcmp(a.region, region) == 0) {
            (*n_out)++;
            *sum_out += a.children;
        }
    }
}

int
ccap_csv_read_access_under3(const char *path, int year, ccap_access_areas *areas, size_t *n_out,
                            const ccap_read_options *options, ccap_diag *diag)
{
    enum { C_REGION, C_YEAR, C_POP, C_BIRTHS, C_DEATHS, C_MIGRANTS, C_UNDER3, N_COLS };
    ccap__column cols[N_COLS] = {{"region", 1, 0}, {"year", 1, 0},   {"population", 0, 0},
                                 {"births", 0, 0}, {"deaths", 0, 0}, {"net_migrants", 0, 0},
                                 {"under3", 1, 0}};
    ccap__table t;
    size_t r, n = 0, k, *rows = NULL;
    double *totals = NULL;
    int status;

    ccap_diag_clear(diag);
    if (n_out != NULL)
        *n_out = 0;
    if (path == NULL || areas == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    rows = ccap__alloc(t.n_rows, sizeof *rows);
    totals = ccap__alloc(t.n_rows, sizeof *totals);
    if (rows == NULL || totals == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    /* every row checked first, so that the areas change only when the file is sound */
    for (r = 1; r < t.n_rows; r++) {
        const char *region = ccap__table_field(&t, r, &cols[C_REGION]);
        int y;
        size_t n_areas = 0;
        double sum = 0.0;

        if ((status = field_key(&t, diag, r, &cols[C_REGION])) != CCAP_OK ||
            (status = ccap__field_year(&t, diag, r, &cols[C_YEAR], &y)) != CCAP_OK)
            goto out;
        if (y != year || ccap__table_field(&t, r, &cols[C_UNDER3])[0] == '\0')
            continue;
        if ((status = ccap__field_range(&t, diag, r, &cols[C_UNDER3], &ccap__range_children,
                                        &totals[n])) != CCAP_OK)
            goto out;
        /* a region without areas is left out; one whose areas have no children is an error */
        region_children(areas, region, &n_areas, &sum);
        if (n_areas == 0)
            continue;
        for (k = 0; k < n; k++) {
            if (strcmp(ccap__table_field(&t, rows[k], &cols[C_REGION]), region) == 0) {
                status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_REGION],
                                           "duplicate row: region '%s', %d already on line %lu",
                                           region, year, t.rows[rows[k]].line);
                goto out;
            }
        }
        if (!(sum > 0.0)) {
            status = ccap__table_error(&t, diag, CCAP_EDOM, r, &cols[C_REGION],
                                       "the areas of region '%s' have no children to share its "
                                       "children under 3 by",
                                       region);
            goto out;
        }
        rows[n++] = r;
    }
    if (n == 0) {
        status = ccap__diag_set(diag, CCAP_ENOTFOUND, path, 0, 0, "year",
                                "no children under 3 of %d for a region of the areas", year);
        goto out;
    }
    for (k = 0; k < n; k++) {
        if ((status = ccap_access_areas_share_children(
                 areas, ccap__table_field(&t, rows[k], &cols[C_REGION]), totals[k], NULL)) !=
            CCAP_OK) {
            status =
                ccap__table_error(&t, diag, status, rows[k], NULL, "%s", ccap_strerror(status));
            goto out;
        }
    }
    if (n_out != NULL)
        *n_out = n;
out:
    free(rows);
    free(totals);
    ccap__table_free(&t);
    return status;
}

int
ccap_csv_read_access_times(const char *path, const ccap_access_areas *areas,
                           const ccap_access_providers *providers, ccap_access_times **out,
                           const ccap_read_options *options, ccap_diag *diag)
{
    enum { C_AREA, C_PROVIDER, C_MINUTES, N_COLS };
    ccap__column cols[N_COLS] = {{"area", 1, 0}, {"provider", 1, 0}, {"minutes", 1, 0}};
    ccap__table t;
    ccap_access_times *times = NULL;
    unsigned long *lines = NULL;
    size_t r;
    int status;

    ccap_diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (path == NULL || areas == NULL || providers == NULL || out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if (ccap_access_areas_count(areas) == 0 || ccap_access_providers_count(providers) == 0)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "no areas or no providers to give times for");
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    times = ccap_access_times_alloc(ccap_access_areas_count(areas),
                                    ccap_access_providers_count(providers));
    lines = ccap__alloc(t.n_rows, sizeof *lines);
    if (times == NULL || lines == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    for (r = 1; r < t.n_rows; r++) {
        const char *area_text = ccap__table_field(&t, r, &cols[C_AREA]);
        const char *provider_text = ccap__table_field(&t, r, &cols[C_PROVIDER]);
        size_t area, provider, dup = 0;
        double minutes;
        char buf[64], buf2[64];

        if ((status = field_key(&t, diag, r, &cols[C_AREA])) != CCAP_OK ||
            (status = field_key(&t, diag, r, &cols[C_PROVIDER])) != CCAP_OK)
            goto out;
        if (ccap_access_areas_find(areas, area_text, &area) != CCAP_OK) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_AREA],
                                       "unknown area '%s' (not among the areas)",
                                       ccap__show(area_text, buf));
            goto out;
        }
        if (ccap_access_providers_find(providers, provider_text, &provider) != CCAP_OK) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_PROVIDER],
                                       "unknown provider '%s' (not in the provider register)",
                                       ccap__show(provider_text, buf));
            goto out;
        }
        if ((status = ccap__field_range(&t, diag, r, &cols[C_MINUTES], &range_minutes, &minutes)) !=
            CCAP_OK)
            goto out;
        status = ccap_access_times_add(times, area, provider, minutes, &dup);
        if (status == CCAP_EEXIST) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_PROVIDER],
                                       "duplicate pair: area '%s', provider '%s' already on "
                                       "line %lu",
                                       ccap__show(area_text, buf), ccap__show(provider_text, buf2),
                                       lines[dup]);
            goto out;
        }
        if (status != CCAP_OK) {
            status = ccap__table_error(&t, diag, status, r, NULL, "%s", ccap_strerror(status));
            goto out;
        }
        lines[ccap_access_times_count(times) - 1] = t.rows[r].line;
    }
    *out = times;
    times = NULL;
out:
    free(lines);
    ccap_access_times_free(times);
    ccap__table_free(&t);
    return status;
}

int
ccap_csv_write_access(const char *path, const ccap_access_areas *areas,
                      const ccap_access_providers *providers, const ccap_access_result *result,
                      ccap_diag *diag)
{
    static const char *const header[] = {"area",
                                         "name",
                                         "region",
                                         "children",
                                         "slots_reachable",
                                         "providers_reachable",
                                         "access_per_child",
                                         "children_per_slot",
                                         "desert",
                                         "nearest",
                                         "nearest_minutes"};
    enum { N = sizeof header / sizeof header[0] };
    ccap__outfile out;
    size_t i;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || areas == NULL || providers == NULL || result == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, N);
    for (i = 0; i < ccap_access_areas_count(areas); i++) {
        ccap_access_area a;
        ccap_access_area_result ar;
        ccap_access_provider p;
        char children[40], slots[40], n_reach[24], access[40], per_slot[40], minutes[40];
        const char *fields[N];

        if (ccap_access_result_area(result, i, &ar) != CCAP_OK) {
            ccap__outfile_abort(&out);
            return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                                  "the result has fewer areas than the %zu given",
                                  ccap_access_areas_count(areas));
        }
        ccap_access_areas_get(areas, i, &a);
        ccap__format_double(ar.children, children, sizeof children);
        ccap__format_double(ar.slots_reachable, slots, sizeof slots);
        snprintf(n_reach, sizeof n_reach, "%zu", ar.n_reachable);
        ccap__format_double(ar.access, access, sizeof access);
        ccap__format_double(ar.access > 0.0 ? 1.0 / ar.access : (double)NAN, per_slot,
                            sizeof per_slot);
        ccap__format_double(ar.nearest_minutes, minutes, sizeof minutes);
        fields[0] = a.code;
        fields[1] = a.name;
        fields[2] = a.region;
        fields[3] = children;
        fields[4] = slots;
        fields[5] = n_reach;
        fields[6] = access;
        fields[7] = per_slot;
        fields[8] = ar.desert ? "yes" : "no";
        fields[9] = ccap_access_providers_get(providers, ar.nearest, &p) == CCAP_OK ? p.id : "";
        fields[10] = minutes;
        ccap__outfile_row(&out, fields, N);
    }
    return ccap__outfile_commit(&out, diag);
}
