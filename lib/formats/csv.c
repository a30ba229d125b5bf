/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Readers and writers for the CSV tables: regions, population, margins.
 *
 * Every reader builds its object completely before handing it over; on the
 * first problem it frees what it built, returns NULL through the out-parameter
 * and describes the problem in the diag: FILE:LINE, column and field.
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

#define NONE ((size_t)-1)

/* ---- regions ---- */

int
ccap_csv_read_regions(const char *path, ccap_regions **regions_out,
                      const ccap_read_options *options, ccap_diag *diag)
{
    enum { C_CODE, C_NAME, C_PARENT, C_NAME_EN, N_COLS };
    ccap__column cols[N_COLS] = {
        {"code", 1, 0}, {"name", 1, 0}, {"parent", 1, 0}, {"name_en", 0, 0}};
    ccap__table t;
    ccap_regions *regions = NULL;
    unsigned long *lines = NULL;
    size_t r, bad, index;
    char buf[64];
    int status;

    ccap_diag_clear(diag);
    if (regions_out != NULL)
        *regions_out = NULL;
    if (path == NULL || regions_out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    regions = ccap_regions_alloc();
    lines = ccap__alloc(t.n_rows, sizeof *lines);
    if (regions == NULL || lines == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    for (r = 1; r < t.n_rows; r++) {
        const char *code = ccap__table_field(&t, r, &cols[C_CODE]);
        const char *name = ccap__table_field(&t, r, &cols[C_NAME]);
        const char *parent = ccap__table_field(&t, r, &cols[C_PARENT]);
        const char *name_en = ccap__table_field(&t, r, &cols[C_NAME_EN]);

        if (code[0] == '\0') {
            status = ccap__empty_error(&t, diag, r, &cols[C_CODE]);
            goto out;
        }
        if (!ccap__region_code_valid(code)) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_CODE],
                                       "'%s' is not a valid code: use up to %d letters, digits "
                                       "or punctuation, without spaces, commas or quotes",
                                       ccap__show(code, buf), CCAP_REGION_CODE_MAX);
            goto out;
        }
        if (strcmp(code, "*") == 0) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_CODE],
                                       "'*' means every region in rate and target files and "
                                       "cannot be the code of one");
            goto out;
        }
        if (!ccap__region_name_valid(name) || !ccap__region_name_valid(name_en)) {
            const ccap__column *c =
                ccap__region_name_valid(name) ? &cols[C_NAME_EN] : &cols[C_NAME];
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, c,
                                       "name longer than %d bytes or with control characters",
                                       CCAP_REGION_NAME_MAX);
            goto out;
        }
        if (parent[0] != '\0' && !ccap__region_code_valid(parent)) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_PARENT],
                                       "'%s' is not a valid code", ccap__show(parent, buf));
            goto out;
        }
        if (strcmp(parent, code) == 0) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_PARENT],
                                       "region '%s' is its own parent", ccap__show(code, buf));
            goto out;
        }
        status = ccap_regions_add(regions, code, name, name_en, parent, &index);
        if (status == CCAP_EEXIST) {
            size_t first = 0;
            ccap_regions_find(regions, code, &first);
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_CODE],
                                       "duplicate code '%s' (first on line %lu)",
                                       ccap__show(code, buf), lines[first]);
            goto out;
        }
        if (status != CCAP_OK) {
            status = ccap__table_error(&t, diag, status, r, NULL, "%s", ccap_strerror(status));
            goto out;
        }
        lines[index] = t.rows[r].line;
    }
    status = ccap_regions_finish(regions, &bad);
    if (status != CCAP_OK) {
        const char *code = ccap_regions_code(regions, bad);
        size_t row;

        for (row = 1; row < t.n_rows && t.rows[row].line != lines[bad]; row++)
            ;
        if (status == CCAP_ENOTFOUND)
            status = ccap__table_error(&t, diag, CCAP_EPARSE, row, &cols[C_PARENT],
                                       "parent '%s' of region '%s' is not a code in this file",
                                       ccap__show(ccap__table_field(&t, row, &cols[C_PARENT]), buf),
                                       code);
        else if (status == CCAP_EDOM)
            status = ccap__table_error(&t, diag, CCAP_EPARSE, row, &cols[C_PARENT],
                                       "the parent links of region '%s' form a cycle", code);
        else if (status == CCAP_ERANGE)
            status = ccap__table_error(&t, diag, CCAP_EPARSE, row, &cols[C_PARENT],
                                       "region '%s' is nested deeper than %d levels", code,
                                       CCAP_REGION_DEPTH_MAX);
        else
            status = ccap__diag_set(diag, status, path, 0, 0, NULL, "%s",
                                    ccap_strerror(status));
        goto out;
    }
    *regions_out = regions;
    regions = NULL;
out:
    free(lines);
    ccap_regions_free(regions);
    ccap__table_free(&t);
    return status;
}

/* ---- population ---- */

typedef struct pop_row {
    size_t region;
    ccap_sex sex;
    size_t age;
    int open;
    double value;
    size_t row; /* table row */
} pop_row;

/* Check the age structure and derive width and number of groups. */
static int
population_shape(const ccap__table *t, ccap_diag *diag, const ccap__column *age_col,
                 const pop_row *rows, size_t n, size_t n_regions, size_t *width_out,
                 size_t *n_ages_out)
{
    size_t i, open_age = NONE, open_row = 0, width = NONE, max_row = 0, max_age = 0, cells;
    char label[32];

    for (i = 0; i < n; i++) {
        if (rows[i].open) {
            if (open_age == NONE) {
                open_age = rows[i].age;
                open_row = rows[i].row;
            } else if (rows[i].age != open_age) {
                return ccap__table_error(t, diag, CCAP_EPARSE, rows[i].row, age_col,
                                         "open age group %zu+ differs from %zu+ on line %lu",
                                         rows[i].age, open_age, t->rows[open_row].line);
            }
        } else {
            if (rows[i].age > 0 && rows[i].age < width)
                width = rows[i].age;
            if (max_row == 0 || rows[i].age > max_age) { /* first row of the oldest age */
                max_age = rows[i].age;
                max_row = rows[i].row;
            }
        }
    }
    if (open_age == NONE)
        return ccap__table_error(t, diag, CCAP_EPARSE, max_row, age_col,
                                 "no open age group: write the last group with a plus, "
                                 "e.g. %zu+",
                                 max_age + (width == NONE ? 1 : width));
    if (open_age == 0)
        return ccap__table_error(t, diag, CCAP_EPARSE, open_row, age_col,
                                 "open age group 0+ leaves no closed age groups");
    if (width == NONE)
        width = open_age; /* only 0 and the open group */
    if (width > CCAP_POPULATION_WIDTH_MAX)
        return ccap__table_error(t, diag, CCAP_EPARSE, open_row, age_col,
                                 "age groups of %zu years are wider than %u years", width,
                                 CCAP_POPULATION_WIDTH_MAX);
    if (open_age % width != 0)
        return ccap__table_error(t, diag, CCAP_EPARSE, open_row, age_col,
                                 "open age group %zu+ is not on the %zu-year grid of the other "
                                 "ages",
                                 open_age, width);
    for (i = 0; i < n; i++) {
        if (rows[i].open)
            continue;
        if (rows[i].age % width != 0)
            return ccap__table_error(t, diag, CCAP_EPARSE, rows[i].row, age_col,
                                     "age %zu is not on the %zu-year grid 0, %zu, %zu, ...",
                                     rows[i].age, width, width, 2 * width);
        if (rows[i].age >= open_age) {
            snprintf(label, sizeof label, "%zu+", open_age);
            return ccap__table_error(t, diag, CCAP_EPARSE, rows[i].row, age_col,
                                     "age %zu is inside the open group %s", rows[i].age, label);
        }
    }
    if (open_age / width + 1 > CCAP_POPULATION_AGES_MAX)
        return ccap__table_error(t, diag, CCAP_EPARSE, open_row, age_col,
                                 "more than %u age groups", CCAP_POPULATION_AGES_MAX);
    /* the population and the reader's table of rows seen, region x sex x group each */
    if (CCAP__CELLS(&cells, sizeof(double) > sizeof(size_t) ? sizeof(double) : sizeof(size_t),
                    n_regions, CCAP_N_SEXES, open_age / width + 1) != CCAP_OK)
        return ccap__table_error(t, diag, CCAP_ERANGE, open_row, age_col,
                                 "open age group %zu+: the population would hold %.3g "
                                 "numbers (%zu regions x 2 sexes x %zu age groups), more than "
                                 "CCAP_CELLS_MAX (%zu)",
                                 open_age,
                                 (double)n_regions * CCAP_N_SEXES * (double)(open_age / width + 1),
                                 n_regions, open_age / width + 1, (size_t)CCAP_CELLS_MAX);
    *width_out = width;
    *n_ages_out = open_age / width + 1;
    return CCAP_OK;
}

/* Every region present has both sexes and all groups; report the first gap. */
static int
population_complete(const ccap__table *t, ccap_diag *diag, const ccap__column *age_col,
                    const ccap__column *sex_col, const ccap_regions *regions,
                    const size_t *seen, size_t n_regions, size_t n_ages, size_t width)
{
    size_t region, s, g, k;

    for (region = 0; region < n_regions; region++) {
        const size_t *f = seen + region * CCAP_N_SEXES * n_ages;
        const size_t *m = f + n_ages;
        size_t any = NONE;

        for (k = 0; k < CCAP_N_SEXES * n_ages && any == NONE; k++)
            any = f[k];
        if (any == NONE)
            continue; /* region absent from the file */
        for (s = 0; s < CCAP_N_SEXES; s++) {
            const size_t *v = s == 0 ? f : m;
            size_t first = NONE, last = NONE;

            for (g = 0; g < n_ages; g++) {
                if (v[g] != NONE) {
                    if (first == NONE)
                        first = v[g];
                    last = v[g];
                }
            }
            if (first == NONE)
                return ccap__table_error(t, diag, CCAP_EPARSE, any, sex_col,
                                         "region '%s' has no %s rows",
                                         ccap_regions_code(regions, region),
                                         ccap_sex_name((ccap_sex)s));
            for (g = 0; g < n_ages; g++) {
                size_t next;

                if (v[g] != NONE)
                    continue;
                for (next = g + 1; next < n_ages && v[next] == NONE; next++)
                    ;
                if (g == n_ages - 1)
                    return ccap__table_error(t, diag, CCAP_EPARSE, last, age_col,
                                             "region '%s', %s: open age group %zu+ missing",
                                             ccap_regions_code(regions, region),
                                             ccap_sex_name((ccap_sex)s), g * width);
                return ccap__table_error(t, diag, CCAP_EPARSE, next < n_ages ? v[next] : last,
                                         age_col, "region '%s', %s: age %zu missing",
                                         ccap_regions_code(regions, region),
                                         ccap_sex_name((ccap_sex)s), g * width);
            }
        }
    }
    return CCAP_OK;
}

/* Add the cells of region r to acc (sex by group): its own rows when the file has them,
 * else the sum of its children's.  Returns the number of regions whose rows were added, 0
 * when some region under r has none (then acc is incomplete). */
static size_t
add_cells(const ccap_population *pop, const ccap_regions *regions, size_t r, double acc[],
          size_t n_ages)
{
    const size_t n_children = ccap_regions_n_children(regions, r);
    size_t s, g, c, k, added = 0;

    if (ccap_population_has_region(pop, r)) {
        for (s = 0; s < CCAP_N_SEXES; s++) {
            const double *v = ccap_population_values(pop, r, (ccap_sex)s);
            for (g = 0; g < n_ages; g++)
                acc[s * n_ages + g] += v[g];
        }
        return 1;
    }
    for (c = 0; c < n_children; c++) {
        if ((k = add_cells(pop, regions, ccap_regions_child(regions, r, c), acc, n_ages)) == 0)
            return 0;
        added += k;
    }
    return added;
}

/* A parent's rows in the file must agree with its children's, which every projection and
 * table uses instead (parents are sums of their children): each cell within rounding, half
 * a person for each region added and the parent's own, or 1e-9 of the sum.  The first row
 * in the file that disagrees is reported, with the two totals. */
static int
population_parents(const ccap__table *t, ccap_diag *diag, const ccap__column *pop_col,
                   const ccap_regions *regions, const ccap_population *pop, const size_t *seen,
                   size_t n_regions, size_t n_ages)
{
    double *acc = ccap__alloc(CCAP_N_SEXES * n_ages, sizeof *acc);
    size_t r, c, i, k, bad_row = NONE, bad_region = 0;
    double own = 0.0, sum = 0.0;

    if (acc == NULL)
        return ccap__diag_nomem(diag, t->path);
    for (r = 0; r < n_regions; r++) {
        const size_t n_children = ccap_regions_n_children(regions, r);
        size_t added = 0;

        if (n_children == 0 || !ccap_population_has_region(pop, r))
            continue;
        for (i = 0; i < CCAP_N_SEXES * n_ages; i++)
            acc[i] = 0.0;
        for (c = 0; c < n_children; c++) {
            if ((k = add_cells(pop, regions, ccap_regions_child(regions, r, c), acc, n_ages)) == 0)
                break;
            added += k;
        }
        if (c < n_children)
            continue; /* a child without rows: nothing to compare with */
        for (i = 0; i < CCAP_N_SEXES * n_ages; i++) {
            const double v = ccap_population_values(pop, r, (ccap_sex)(i / n_ages))[i % n_ages];
            const size_t row = seen[r * CCAP_N_SEXES * n_ages + i];

            if (fabs(v - acc[i]) > 0.5 * (double)(added + 1) + 1e-9 * fabs(acc[i])) {
                if (bad_row == NONE || row < bad_row) {
                    bad_row = row;
                    bad_region = r;
                }
                break;
            }
        }
    }
    if (bad_row == NONE) {
        free(acc);
        return CCAP_OK;
    }
    for (i = 0; i < CCAP_N_SEXES * n_ages; i++)
        acc[i] = 0.0;
    for (c = 0; c < ccap_regions_n_children(regions, bad_region); c++)
        add_cells(pop, regions, ccap_regions_child(regions, bad_region, c), acc, n_ages);
    for (i = 0; i < CCAP_N_SEXES * n_ages; i++) {
        own += ccap_population_values(pop, bad_region, (ccap_sex)(i / n_ages))[i % n_ages];
        sum += acc[i];
    }
    free(acc);
    return ccap__table_error(t, diag, CCAP_EPARSE, bad_row, pop_col,
                             "region '%s': its rows add up to %.10g persons, its children's "
                             "to %.10g persons; a parent's rows must agree with its "
                             "children's (or be left out, to be summed)",
                             ccap_regions_code(regions, bad_region), own, sum);
}

int
ccap_csv_read_population(const char *path, const ccap_regions *regions, int year,
                         ccap_population **pop_out, const ccap_read_options *options,
                         ccap_diag *diag)
{
    /* name: the region's name beside its code, as ccap writes the table; not read */
    enum { C_REGION, C_YEAR, C_SEX, C_AGE, C_POP, C_DATE, C_NAME, N_COLS };
    ccap__column cols[N_COLS] = {{"region", 1, 0},     {"year", 1, 0}, {"sex", 1, 0}, {"age", 1, 0},
                                 {"population", 1, 0}, {"date", 0, 0}, {"name", 0, 0}};
    ccap__table t;
    ccap_population *pop = NULL;
    pop_row *rows = NULL;
    size_t *seen = NULL;
    size_t n = 0, r, i, width = 0, n_ages = 0, n_regions, year_row = 0, date_row = 0;
    int file_year = CCAP_YEAR_ANY, status;
    ccap_date date = {0, 0, 0};
    char buf[64];

    ccap_diag_clear(diag);
    if (pop_out != NULL)
        *pop_out = NULL;
    if (path == NULL || regions == NULL || pop_out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if (!ccap_regions_is_finished(regions))
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "the region table is not finished");
    n_regions = ccap_regions_count(regions);
    if (n_regions > CCAP_POPULATION_REGIONS_MAX)
        return ccap__diag_set(diag, CCAP_ERANGE, path, 0, 0, NULL,
                              "the region table has %zu regions, more than "
                              "CCAP_POPULATION_REGIONS_MAX (%u)",
                              n_regions, CCAP_POPULATION_REGIONS_MAX);
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    rows = ccap__alloc(t.n_rows, sizeof *rows);
    if (rows == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }

    for (r = 1; r < t.n_rows; r++) {
        pop_row *p = &rows[n];
        int y;

        if ((status = ccap__field_year(&t, diag, r, &cols[C_YEAR], &y)) != CCAP_OK)
            goto out;
        if (year != CCAP_YEAR_ANY && y != year)
            continue;
        if (year == CCAP_YEAR_ANY) {
            if (file_year == CCAP_YEAR_ANY) {
                file_year = y;
                year_row = r;
            } else if (y != file_year) {
                status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_YEAR],
                                           "the file holds several years (%d on line %lu, %d "
                                           "here): choose one",
                                           file_year, t.rows[year_row].line, y);
                goto out;
            }
        }
        if ((status = ccap__field_region(&t, diag, r, &cols[C_REGION], regions, &p->region)) !=
                CCAP_OK ||
            (status = ccap__field_sex(&t, diag, r, &cols[C_SEX], 0, &p->sex)) != CCAP_OK ||
            (status = ccap__field_age(&t, diag, r, &cols[C_AGE], &p->age, &p->open)) != CCAP_OK ||
            (status = ccap__field_count(&t, diag, r, &cols[C_POP], &p->value)) != CCAP_OK)
            goto out;
        if (cols[C_DATE].pos != NONE) {
            const char *text = ccap__table_field(&t, r, &cols[C_DATE]);
            ccap_date d;

            status = ccap_date_parse(text, &d);
            if (status != CCAP_OK) {
                status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_DATE],
                                           status == CCAP_EDOM
                                               ? "'%s' is not a calendar date"
                                               : "'%s' is not a date of the form YYYY-MM-DD "
                                                 "(or 2020/11/1, 2020年11月1日)",
                                           ccap__show(text, buf));
                goto out;
            }
            if (n == 0) {
                date = d;
                date_row = r;
            } else if (d.year != date.year || d.month != date.month || d.day != date.day) {
                status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_DATE],
                                           "date %s differs from line %lu: a population has "
                                           "one reference date",
                                           ccap__show(text, buf), t.rows[date_row].line);
                goto out;
            }
        }
        p->row = r;
        n++;
    }
    if (n == 0) {
        status = ccap__diag_set(diag, CCAP_EPARSE, path, t.rows[0].line, cols[C_YEAR].pos + 1,
                                "year", "no rows for year %d", year);
        goto out;
    }
    if ((status = population_shape(&t, diag, &cols[C_AGE], rows, n, n_regions, &width,
                                   &n_ages)) != CCAP_OK)
        goto out;

    pop = ccap_population_alloc(n_regions, n_ages, width);
    seen = ccap__alloc(n_regions * CCAP_N_SEXES * n_ages, sizeof *seen);
    if (pop == NULL || seen == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    for (i = 0; i < n_regions * CCAP_N_SEXES * n_ages; i++)
        seen[i] = NONE;
    for (i = 0; i < n; i++) {
        const pop_row *p = &rows[i];
        const size_t g = p->open ? n_ages - 1 : p->age / width;
        size_t *slot = &seen[(p->region * CCAP_N_SEXES + (size_t)p->sex) * n_ages + g];

        if (*slot != NONE) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, p->row, &cols[C_AGE],
                                       "duplicate row: region '%s', %s, age %s already on "
                                       "line %lu",
                                       ccap_regions_code(regions, p->region),
                                       ccap_sex_name(p->sex),
                                       ccap__show(ccap__table_field(&t, p->row, &cols[C_AGE]), buf),
                                       t.rows[*slot].line);
            goto out;
        }
        *slot = p->row;
        if ((status = ccap_population_set(pop, p->region, p->sex, g, p->value)) != CCAP_OK) {
            status = ccap__table_error(&t, diag, status, p->row, &cols[C_POP], "%s",
                                       ccap_strerror(status));
            goto out;
        }
    }
    if ((status = population_complete(&t, diag, &cols[C_AGE], &cols[C_SEX], regions, seen,
                                      n_regions, n_ages, width)) != CCAP_OK)
        goto out;
    if ((status = population_parents(&t, diag, &cols[C_POP], regions, pop, seen, n_regions,
                                     n_ages)) != CCAP_OK)
        goto out;
    ccap_population_set_year(pop, year != CCAP_YEAR_ANY ? year : file_year);
    ccap_population_set_date(pop, date);
    *pop_out = pop;
    pop = NULL;
out:
    free(seen);
    free(rows);
    ccap_population_free(pop);
    ccap__table_free(&t);
    return status;
}

int
ccap_csv_population_years(const char *path, int years[], size_t max, size_t *n_out,
                          const ccap_read_options *options, ccap_diag *diag)
{
    /* name: the region's name beside its code, as ccap writes the table; not read */
    enum { C_REGION, C_YEAR, C_SEX, C_AGE, C_POP, C_DATE, C_NAME, N_COLS };
    ccap__column cols[N_COLS] = {{"region", 1, 0},     {"year", 1, 0}, {"sex", 1, 0}, {"age", 1, 0},
                                 {"population", 1, 0}, {"date", 0, 0}, {"name", 0, 0}};
    ccap__table t;
    size_t r, n = 0, i;
    int status;

    ccap_diag_clear(diag);
    if (n_out != NULL)
        *n_out = 0;
    if (path == NULL || n_out == NULL || (years == NULL && max > 0))
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    for (r = 1; r < t.n_rows; r++) {
        int y, known = 0;

        if ((status = ccap__field_year(&t, diag, r, &cols[C_YEAR], &y)) != CCAP_OK)
            break;
        /* insertion into the sorted list of the first max years; count every distinct year */
        for (i = 0; i < n; i++) {
            if (years[i] == y) {
                known = 1;
                break;
            }
        }
        if (known)
            continue;
        if (n == max) {
            status = ccap__table_error(&t, diag, CCAP_ERANGE, r, &cols[C_YEAR],
                                       "more than %zu years in the file", max);
            break;
        }
        for (i = n; i > 0 && years[i - 1] > y; i--)
            years[i] = years[i - 1];
        years[i] = y;
        n++;
    }
    ccap__table_free(&t);
    *n_out = n;
    return status;
}

/* ---- margins ---- */

int
ccap_csv_read_margins(const char *path, const ccap_regions *regions, ccap_margins **margins_out,
                      const ccap_read_options *options, ccap_diag *diag)
{
    enum { C_REGION, C_YEAR, C_SEX, C_AGES, C_POP, C_NOTE, N_COLS };
    ccap__column cols[N_COLS] = {{"region", 1, 0}, {"year", 1, 0},       {"sex", 1, 0},
                                 {"ages", 1, 0},   {"population", 1, 0}, {"note", 0, 0}};
    ccap__table t;
    ccap_margins *margins = NULL;
    unsigned long *lines = NULL;
    size_t r;
    int status;

    ccap_diag_clear(diag);
    if (margins_out != NULL)
        *margins_out = NULL;
    if (path == NULL || regions == NULL || margins_out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    margins = ccap_margins_alloc();
    lines = ccap__alloc(t.n_rows, sizeof *lines);
    if (margins == NULL || lines == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    for (r = 1; r < t.n_rows; r++) {
        const char *note = ccap__table_field(&t, r, &cols[C_NOTE]);
        size_t region = 0, lo = 0, hi = 0, dup = 0;
        ccap_sex sex;
        double value;
        int year;

        if ((status = ccap__field_region(&t, diag, r, &cols[C_REGION], regions, &region)) !=
                CCAP_OK ||
            (status = ccap__field_year(&t, diag, r, &cols[C_YEAR], &year)) != CCAP_OK ||
            (status = ccap__field_sex(&t, diag, r, &cols[C_SEX], 1, &sex)) != CCAP_OK ||
            (status = ccap__field_ages(&t, diag, r, &cols[C_AGES], &lo, &hi)) != CCAP_OK ||
            (status = ccap__field_count(&t, diag, r, &cols[C_POP], &value)) != CCAP_OK ||
            (status = ccap__numeric_note(&t, diag, r, &cols[C_POP], &cols[C_NOTE])) != CCAP_OK)
            goto out;
        if (strlen(note) > CCAP_MARGIN_NOTE_MAX || ccap__has_control(note)) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_NOTE],
                                       "note longer than %d bytes or with control characters",
                                       CCAP_MARGIN_NOTE_MAX);
            goto out;
        }
        status = ccap_margins_add(margins, region, year, sex, lo, hi, value, note, &dup);
        if (status == CCAP_EEXIST) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_AGES],
                                       "duplicate: the same region, year, sex and ages as "
                                       "line %lu",
                                       lines[dup]);
            goto out;
        }
        if (status != CCAP_OK) {
            status = ccap__table_error(&t, diag, status, r, NULL, "%s", ccap_strerror(status));
            goto out;
        }
        lines[ccap_margins_count(margins) - 1] = t.rows[r].line;
        ccap_margins_set_line(margins, ccap_margins_count(margins) - 1, t.rows[r].line);
    }
    *margins_out = margins;
    margins = NULL;
out:
    free(lines);
    ccap_margins_free(margins);
    ccap__table_free(&t);
    return status;
}

/* ---- rate tables (schedules) ---- */

typedef struct schedule_spec {
    const char *value;        /* name of the value column */
    int has_sex;              /* a sex column: female or male */
    int allow_both;           /* ... or both */
    int has_age;              /* an age column */
    int open_grid;            /* the last age group must be open ("85+"); else closed, uniform */
    int open_positive;        /* the open group's value must be above 0 (a death rate) */
    const ccap__range *range; /* plausible values */
    int schedule_columns;     /* accept and ignore the columns ccap_csv_write_schedule() writes
                                 after new_slots (converted, conversion_cost, built, build_cost) */
} schedule_spec;

static const schedule_spec mortality_spec = {"mx", 1, 1, 1, 1, 1, &ccap__range_mx, 0};
static const schedule_spec fertility_spec = {"asfr", 0, 0, 1, 0, 0, &ccap__range_asfr, 0};
static const schedule_spec srb_spec = {"srb", 0, 0, 0, 0, 0, &ccap__range_srb, 0};
static const schedule_spec migration_spec = {"net_migrants",        1, 0, 1, 1, 0,
                                             &ccap__range_migrants, 0};
static const schedule_spec migration_rate_spec = {
    "rate", 1, 0, 1, 1, 0, &ccap__range_migration_rate, 0};
static const schedule_spec builds_spec = {"new_slots", 0, 0, 0, 0, 0, &ccap__range_slots, 1};

typedef struct sched_row {
    size_t region; /* or CCAP_REGION_ALL */
    int year;
    int sex;
    size_t age;  /* lower bound */
    int open;    /* open age group */
    size_t slot; /* index in the grid, once known */
    double value;
    size_t row; /* table row */
} sched_row;

static int
sched_row_cmp(const void *pa, const void *pb)
{
    const sched_row *a = pa, *b = pb;

    if (a->region != b->region)
        return a->region < b->region ? -1 : 1;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->sex != b->sex)
        return a->sex < b->sex ? -1 : 1;
    if (a->slot != b->slot)
        return a->slot < b->slot ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

static int
size_cmp(const void *pa, const void *pb)
{
    const size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

    return a < b ? -1 : a > b;
}

static const char *
region_label(const ccap_regions *regions, size_t region)
{
    return region == CCAP_REGION_ALL ? "*" : ccap_regions_code(regions, region);
}

/* The age grid of a rate table: sorted distinct lower bounds (the open one last). */
static int
schedule_grid(const ccap__table *t, ccap_diag *diag, const ccap__column *age_col,
              const schedule_spec *spec, sched_row *rows, size_t n, size_t *ages,
              size_t *n_ages_out, size_t *age_end_out)
{
    size_t i, k, n_ages = 0, open_age = NONE, open_row = 0;

    for (i = 0; i < n; i++) {
        if (rows[i].open) {
            if (!spec->open_grid)
                return ccap__table_error(t, diag, CCAP_EPARSE, rows[i].row, age_col,
                                         "open age group %zu+ in a table of closed age groups "
                                         "(write the lower bound only)",
                                         rows[i].age);
            if (open_age == NONE) {
                open_age = rows[i].age;
                open_row = rows[i].row;
            } else if (rows[i].age != open_age) {
                return ccap__table_error(t, diag, CCAP_EPARSE, rows[i].row, age_col,
                                         "open age group %zu+ differs from %zu+ on line %lu",
                                         rows[i].age, open_age, t->rows[open_row].line);
            }
            continue;
        }
        ages[n_ages++] = rows[i].age; /* distinct below */
    }
    qsort(ages, n_ages, sizeof *ages, size_cmp);
    for (i = 0, k = 0; i < n_ages; i++) {
        if (k == 0 || ages[i] != ages[k - 1])
            ages[k++] = ages[i];
    }
    n_ages = k;
    if (spec->open_grid) {
        if (open_age == NONE)
            return ccap__table_error(t, diag, CCAP_EPARSE, rows[n - 1].row, age_col,
                                     "no open age group: write the last group with a plus, "
                                     "e.g. 100+");
        for (i = 0; i < n; i++) {
            if (!rows[i].open && rows[i].age >= open_age)
                return ccap__table_error(t, diag, CCAP_EPARSE, rows[i].row, age_col,
                                         "age %zu is inside the open group %zu+", rows[i].age,
                                         open_age);
        }
        if (n_ages == 0 || ages[0] != 0)
            return ccap__table_error(t, diag, CCAP_EPARSE, rows[0].row, age_col,
                                     "the age groups must start at 0");
        ages[n_ages++] = open_age;
        *age_end_out = CCAP_AGE_OPEN;
    } else {
        size_t width;

        if (n_ages < 2)
            return ccap__table_error(t, diag, CCAP_EPARSE, rows[0].row, age_col,
                                     "at least two age groups are needed to know their width");
        width = ages[1] - ages[0];
        for (i = 2; i < n_ages; i++) {
            if (ages[i] - ages[i - 1] != width) {
                for (k = 0; k < n && rows[k].age != ages[i]; k++)
                    ;
                return ccap__table_error(t, diag, CCAP_EPARSE, rows[k].row, age_col,
                                         "age %zu breaks the %zu-year grid of the other ages "
                                         "(%zu, %zu, ...)",
                                         ages[i], width, ages[0], ages[1]);
            }
        }
        *age_end_out = ages[n_ages - 1] + width;
    }
    if (n_ages > CCAP_SCHEDULE_AGES_MAX)
        return ccap__table_error(t, diag, CCAP_EPARSE, rows[0].row, age_col,
                                 "more than %u age groups", CCAP_SCHEDULE_AGES_MAX);
    *n_ages_out = n_ages;
    return CCAP_OK;
}

static int
read_schedule(const char *path, const ccap_regions *regions, const schedule_spec *spec,
              ccap_schedule **out, const ccap_read_options *options, ccap_diag *diag)
{
    enum { C_REGION, C_YEAR, C_SEX, C_AGE, C_VALUE, C_NAME, C_SCHEDULE, N_COLS = C_SCHEDULE + 4 };
    ccap__column cols[N_COLS] = {
        {"region", 1, 0}, {"year", 1, 0},      {"sex", 1, 0},       {"age", 1, 0},
        {NULL, 1, 0},     {"name", 0, 0},      {"converted", 0, 0}, {"conversion_cost", 0, 0},
        {"built", 0, 0},  {"build_cost", 0, 0}};
    ccap__column *used[N_COLS];
    ccap__table t;
    ccap_schedule *sched = NULL;
    sched_row *rows = NULL;
    size_t *ages = NULL;
    double *values = NULL;
    size_t n_used = 0, n = 0, r, i, n_ages = 1, age_end = CCAP_AGE_OPEN, zero = 0;
    int status;

    ccap_diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (path == NULL || regions == NULL || out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    cols[C_VALUE].name = spec->value;
    /* the columns of this kind of table, in a compact array for the header check */
    {
        ccap__column wanted[N_COLS];
        size_t k;

        for (k = 0; k < N_COLS; k++) {
            if ((k == C_SEX && !spec->has_sex) || (k == C_AGE && !spec->has_age) ||
                (k >= C_SCHEDULE && !spec->schedule_columns))
                continue;
            wanted[n_used] = cols[k];
            used[n_used++] = &cols[k];
        }
        if ((status = ccap__table_open(&t, path, options, wanted, n_used, diag)) != CCAP_OK)
            return status;
        for (k = 0; k < n_used; k++)
            used[k]->pos = wanted[k].pos;
        if (!spec->has_sex)
            cols[C_SEX].pos = NONE;
        if (!spec->has_age)
            cols[C_AGE].pos = NONE;
    }
    rows = ccap__alloc(t.n_rows, sizeof *rows);
    ages = ccap__alloc(t.n_rows, sizeof *ages);
    if (rows == NULL || ages == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    for (r = 1; r < t.n_rows; r++) {
        sched_row *p = &rows[n];
        const char *code = ccap__table_field(&t, r, &cols[C_REGION]);

        memset(p, 0, sizeof *p);
        p->row = r;
        if (strcmp(code, "*") == 0)
            p->region = CCAP_REGION_ALL;
        else if ((status = ccap__field_region(&t, diag, r, &cols[C_REGION], regions, &p->region)) !=
                     CCAP_OK ||
                 (status = ccap__field_region_name(&t, diag, r, &cols[C_NAME], regions,
                                                   p->region)) != CCAP_OK)
            goto out;
        if ((status = ccap__field_year(&t, diag, r, &cols[C_YEAR], &p->year)) != CCAP_OK)
            goto out;
        if (spec->has_sex) {
            ccap_sex sex;
            if ((status = ccap__field_sex(&t, diag, r, &cols[C_SEX], spec->allow_both, &sex)) !=
                CCAP_OK)
                goto out;
            p->sex = (int)sex;
        } else {
            p->sex = (int)CCAP_SEX_BOTH;
        }
        if (spec->has_age &&
            (status = ccap__field_age(&t, diag, r, &cols[C_AGE], &p->age, &p->open)) != CCAP_OK)
            goto out;
        if ((status = ccap__field_range(&t, diag, r, &cols[C_VALUE], spec->range, &p->value)) !=
            CCAP_OK)
            goto out;
        if (spec->open_positive && p->open && !(p->value > 0.0)) {
            status = ccap__table_error(&t, diag, CCAP_EDOM, r, &cols[C_VALUE],
                                       "a death rate of 0 in the open age group %zu+: its "
                                       "members would never die; give the group's rate",
                                       p->age);
            goto out;
        }
        n++;
    }
    if (spec->has_age) {
        if ((status = schedule_grid(&t, diag, &cols[C_AGE], spec, rows, n, ages, &n_ages,
                                    &age_end)) != CCAP_OK)
            goto out;
        for (i = 0; i < n; i++) {
            size_t lo = 0, hi = n_ages;
            if (rows[i].open) {
                rows[i].slot = n_ages - 1;
                continue;
            }
            while (lo < hi) { /* binary search in the sorted grid */
                size_t mid = lo + (hi - lo) / 2;
                if (ages[mid] < rows[i].age)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            rows[i].slot = lo;
        }
    }
    sched = ccap_schedule_alloc(spec->has_age ? ages : &zero, n_ages, age_end);
    values = ccap__alloc(n_ages, sizeof *values);
    if (sched == NULL || values == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    /* Group the rows by key; each key must have every age group exactly once. */
    qsort(rows, n, sizeof *rows, sched_row_cmp);
    for (i = 0; i < n;) {
        size_t j = i, expect = 0;

        while (j < n && rows[j].region == rows[i].region && rows[j].year == rows[i].year &&
               rows[j].sex == rows[i].sex && rows[j].slot == expect) {
            values[expect++] = rows[j].value;
            j++;
        }
        if (expect != n_ages || (j < n && rows[j].region == rows[i].region &&
                                 rows[j].year == rows[i].year && rows[j].sex == rows[i].sex)) {
            /* A gap (reported on the row after it, or the key's last row), or the same age
             * twice (rows of one key are sorted by age, so a repeat follows its twin). */
            const int same_key = j < n && rows[j].region == rows[i].region &&
                                 rows[j].year == rows[i].year && rows[j].sex == rows[i].sex;
            const int dup = same_key && rows[j].slot < expect;
            const ccap__column *c = spec->has_age ? &cols[C_AGE] : &cols[C_YEAR];
            char key[CCAP_REGION_CODE_MAX + 48], age[32] = "";

            snprintf(key, sizeof key, "region '%s', %d%s%s", region_label(regions, rows[i].region),
                     rows[i].year, spec->has_sex ? ", " : "",
                     spec->has_sex ? ccap_sex_name((ccap_sex)rows[i].sex) : "");
            if (dup) {
                if (spec->has_age)
                    snprintf(age, sizeof age, ", age %zu%s", ages[rows[j].slot],
                             rows[j].open ? "+" : "");
                status = ccap__table_error(&t, diag, CCAP_EPARSE, rows[j].row, c,
                                           "duplicate row: %s%s already on line %lu", key, age,
                                           t.rows[rows[j - 1].row].line);
            } else {
                status = ccap__table_error(
                    &t, diag, CCAP_EPARSE, same_key ? rows[j].row : rows[j - 1].row, c,
                    "%s: age %zu%s missing", key, ages[expect],
                    expect + 1 == n_ages && age_end == CCAP_AGE_OPEN ? "+" : "");
            }
            goto out;
        }
        status = ccap_schedule_add(sched, rows[i].region, rows[i].year, (ccap_sex)rows[i].sex,
                                   values, n_ages);
        if (status != CCAP_OK) {
            status = ccap__table_error(&t, diag, status, rows[i].row, NULL, "%s",
                                       ccap_strerror(status));
            goto out;
        }
        i = j;
    }
    *out = sched;
    sched = NULL;
out:
    free(values);
    free(ages);
    free(rows);
    ccap_schedule_free(sched);
    ccap__table_free(&t);
    return status;
}

int
ccap_csv_read_mortality(const char *path, const ccap_regions *regions, ccap_schedule **out,
                        const ccap_read_options *options, ccap_diag *diag)
{
    return read_schedule(path, regions, &mortality_spec, out, options, diag);
}

int
ccap_csv_read_fertility(const char *path, const ccap_regions *regions, ccap_schedule **out,
                        const ccap_read_options *options, ccap_diag *diag)
{
    return read_schedule(path, regions, &fertility_spec, out, options, diag);
}

int
ccap_csv_read_srb(const char *path, const ccap_regions *regions, ccap_schedule **out,
                  const ccap_read_options *options, ccap_diag *diag)
{
    return read_schedule(path, regions, &srb_spec, out, options, diag);
}

int
ccap_csv_read_migration(const char *path, const ccap_regions *regions, ccap_schedule **out,
                        const ccap_read_options *options, ccap_diag *diag)
{
    return read_schedule(path, regions, &migration_spec, out, options, diag);
}

/* ---- writers ---- */

int
ccap_csv_write_regions(const char *path, const ccap_regions *regions, ccap_diag *diag)
{
    static const char *const header[] = {"code", "name", "name_en", "parent"};
    ccap__outfile out;
    size_t i, parent;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || regions == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if (!ccap_regions_is_finished(regions))
        return ccap__diag_set(diag, CCAP_ESTATE, path, 0, 0, NULL,
                              "the region table is not finished");
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, 4);
    for (i = 0; i < ccap_regions_count(regions); i++) {
        const char *fields[4];

        fields[0] = ccap_regions_code(regions, i);
        fields[1] = ccap_regions_name(regions, i);
        fields[2] = ccap_regions_name_en(regions, i);
        fields[3] = ccap_regions_parent(regions, i, &parent) == CCAP_OK
                        ? ccap_regions_code(regions, parent)
                        : "";
        ccap__outfile_row(&out, fields, 4);
    }
    return ccap__outfile_commit(&out, diag);
}

/* Age label of group g: "37", or "100+" for the open group. */
static void
age_label(const ccap_population *pop, size_t g, char *buf, size_t size)
{
    const size_t width = ccap_population_age_width(pop);

    snprintf(buf, size, "%zu%s", g * width, g + 1 == ccap_population_n_ages(pop) ? "+" : "");
}

/* Rows of one population, regions with data in index order, female then male; named: the
 * region's name in a column beside its code. */
static void
population_rows(ccap__outfile *out, const ccap_regions *regions, const ccap_population *pop,
                int with_date, int named)
{
    const ccap_date date = ccap_population_date(pop);
    char year[16], age[32], value[40], date_text[16] = "";
    size_t region, s, g;

    snprintf(year, sizeof year, "%d", ccap_population_year(pop));
    if (with_date)
        ccap_date_format(date, date_text, sizeof date_text);
    for (region = 0; region < ccap_population_n_regions(pop); region++) {
        if (!ccap_population_has_region(pop, region))
            continue;
        for (s = 0; s < CCAP_N_SEXES; s++) {
            const double *v = ccap_population_values(pop, region, (ccap_sex)s);

            for (g = 0; g < ccap_population_n_ages(pop); g++) {
                const char *fields[7];
                size_t n = 0;

                age_label(pop, g, age, sizeof age);
                ccap__format_double(v[g], value, sizeof value);
                fields[n++] = ccap_regions_code(regions, region);
                if (named)
                    fields[n++] = ccap_regions_name(regions, region);
                fields[n++] = year;
                fields[n++] = ccap_sex_name((ccap_sex)s);
                fields[n++] = age;
                fields[n++] = value;
                if (with_date)
                    fields[n++] = date_text;
                ccap__outfile_row(out, fields, n);
            }
        }
    }
}

static const char *const population_header[] = {"region", "year", "sex", "age", "population",
                                                 "date"};
/* The table of several populations (a projection's years), the name beside the code as in
 * gaps.csv. */
static const char *const populations_header[] = {"region", "name",       "year", "sex",
                                                 "age",    "population", "date"};

/* A population table must be one that the readers take back: at most CCAP_CSV_FIELDS_MAX
 * fields, header included.  Checked before the file is opened.  (The fields bind first:
 * a population row has at most about 20 bytes a field, so 2^25 fields stay well below
 * CCAP_CSV_FILE_MAX.) */
/* The message of a table too large for the readers. */
static int
too_many_fields(const char *path, double fields, size_t n_pops, size_t n_regions, size_t n_ages,
                size_t n_cols, ccap_diag *diag)
{
    return ccap__diag_set(diag, CCAP_ERANGE, path, 0, 0, NULL,
                          "the table would hold %.0f fields (%zu populations x %zu regions x "
                          "2 sexes x %zu age groups, %zu fields a row), more than the readers "
                          "accept (CCAP_CSV_FIELDS_MAX, %u): write fewer regions, steps or "
                          "age groups",
                          fields, n_pops, n_regions, n_ages, n_cols, CCAP_CSV_FIELDS_MAX);
}

static int
population_table_fits(const char *path, const ccap_population *const pops[], size_t n_pops,
                      size_t n_cols, ccap_diag *diag)
{
    const size_t n_ages = ccap_population_n_ages(pops[0]);
    double rows = 0.0, fields;
    size_t i, r, most = 0;

    for (i = 0; i < n_pops; i++) {
        size_t with_data = 0;

        for (r = 0; r < ccap_population_n_regions(pops[i]); r++)
            with_data += ccap_population_has_region(pops[i], r) != 0;
        if (with_data > most)
            most = with_data;
        rows += (double)with_data * CCAP_N_SEXES * (double)n_ages;
    }
    fields = (rows + 1.0) * (double)n_cols;
    if (fields <= (double)CCAP_CSV_FIELDS_MAX)
        return CCAP_OK;
    return too_many_fields(path, fields, n_pops, most, n_ages, n_cols, diag);
}

int
ccap_csv_population_table_check(const char *path, size_t n_pops, size_t n_regions,
                                size_t n_ages, int with_date, ccap_diag *diag)
{
    const size_t n_cols = with_date ? 7 : 6;
    const double fields =
        ((double)n_pops * (double)n_regions * CCAP_N_SEXES * (double)n_ages + 1.0) *
        (double)n_cols;

    ccap_diag_clear(diag);
    if (fields <= (double)CCAP_CSV_FIELDS_MAX)
        return CCAP_OK;
    return too_many_fields(path, fields, n_pops, n_regions, n_ages, n_cols, diag);
}

int
ccap_csv_write_population(const char *path, const ccap_regions *regions,
                          const ccap_population *pop, ccap_diag *diag)
{
    ccap__outfile out;
    int status, with_date;

    ccap_diag_clear(diag);
    if (path == NULL || regions == NULL || pop == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if (ccap_regions_count(regions) != ccap_population_n_regions(pop))
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "the region table has %zu regions, the population %zu",
                              ccap_regions_count(regions), ccap_population_n_regions(pop));
    with_date = ccap_date_is_valid(ccap_population_date(pop));
    if ((status = population_table_fits(path, &pop, 1, with_date ? 6 : 5, diag)) != CCAP_OK ||
        (status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, population_header, with_date ? 6 : 5);
    population_rows(&out, regions, pop, with_date, 0);
    return ccap__outfile_commit(&out, diag);
}

int
ccap_csv_write_populations(const char *path, const ccap_regions *regions,
                           const ccap_population *const pops[], size_t n_pops, ccap_diag *diag)
{
    ccap__outfile out;
    size_t i;
    int status, with_date;

    ccap_diag_clear(diag);
    if (path == NULL || regions == NULL || pops == NULL || n_pops == 0)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    for (i = 0; i < n_pops; i++) {
        if (pops[i] == NULL || ccap_population_n_regions(pops[i]) != ccap_regions_count(regions) ||
            ccap_population_n_ages(pops[i]) != ccap_population_n_ages(pops[0]) ||
            ccap_population_age_width(pops[i]) != ccap_population_age_width(pops[0]))
            return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                                  "population %zu does not match the region table or the "
                                  "first population",
                                  i);
    }
    /* a date column when every population has a date (a projection from a census) */
    for (i = 0; i < n_pops && ccap_date_is_valid(ccap_population_date(pops[i])); i++)
        ;
    with_date = i == n_pops;
    if ((status = population_table_fits(path, pops, n_pops, with_date ? 7 : 6, diag)) != CCAP_OK ||
        (status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, populations_header, with_date ? 7 : 6);
    for (i = 0; i < n_pops; i++)
        population_rows(&out, regions, pops[i], with_date, 1);
    return ccap__outfile_commit(&out, diag);
}

static int
check_projection(const char *path, const ccap_regions *regions, const ccap_projection *proj,
                 ccap_diag *diag)
{
    const ccap_population *base = ccap_projection_population(proj, 0);

    if (path == NULL || regions == NULL || proj == NULL || base == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if (ccap_population_n_regions(base) != ccap_regions_count(regions) ||
        ccap_projection_steps_done(proj) == 0)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "the projection has no step or other regions than the table");
    return CCAP_OK;
}

/* The calendar years wholly within the steps of proj, or a diagnostic naming path. */
static int
calendar_years(const char *path, const ccap_projection *proj, int *first, int *last,
               ccap_diag *diag)
{
    if (ccap_projection_calendar_years(proj, first, last) != CCAP_OK)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "the steps hold no whole calendar year");
    return CCAP_OK;
}

int
ccap_csv_write_births(const char *path, const ccap_regions *regions, const ccap_projection *proj,
                      ccap_diag *diag)
{
    static const char *const header[] = {"region", "year", "sex", "births"};
    ccap__outfile out;
    size_t region, s;
    char year[16], value[40];
    int status, y, first, last;

    ccap_diag_clear(diag);
    if ((status = check_projection(path, regions, proj, diag)) != CCAP_OK ||
        (status = calendar_years(path, proj, &first, &last, diag)) != CCAP_OK)
        return status;
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, 4);
    for (region = 0; region < ccap_regions_count(regions); region++) {
        if (!ccap_population_has_region(ccap_projection_population(proj, 0), region))
            continue;
        for (y = first; y <= last; y++) {
            snprintf(year, sizeof year, "%d", y);
            for (s = 0; s < CCAP_N_SEXES; s++) {
                const char *fields[4];
                double b;

                if (ccap_projection_year_events(proj, region, y, (ccap_sex)s, &b, NULL, NULL) !=
                    CCAP_OK)
                    continue;
                ccap__format_double(b, value, sizeof value);
                fields[0] = ccap_regions_code(regions, region);
                fields[1] = year;
                fields[2] = ccap_sex_name((ccap_sex)s);
                fields[3] = value;
                ccap__outfile_row(&out, fields, 4);
            }
        }
    }
    return ccap__outfile_commit(&out, diag);
}

int
ccap_csv_write_summary(const char *path, const ccap_regions *regions, const ccap_projection *proj,
                       ccap_diag *diag)
{
    static const char *const header[] = {"region", "year",         "population", "births",
                                         "deaths", "net_migrants", "under3"};
    const ccap_population *p0 = ccap_projection_population(proj, 0);
    ccap_population *end = NULL;
    ccap__outfile out;
    size_t region;
    char year[16], pop[40], births[40], deaths[40], migrants[40], under3[40];
    int status, y, first, last;

    ccap_diag_clear(diag);
    if ((status = check_projection(path, regions, proj, diag)) != CCAP_OK ||
        (status = calendar_years(path, proj, &first, &last, diag)) != CCAP_OK)
        return status;
    end = ccap_population_alloc(ccap_population_n_regions(p0), ccap_population_n_ages(p0),
                                ccap_population_age_width(p0));
    if (end == NULL)
        return ccap__diag_set(diag, CCAP_ENOMEM, path, 0, 0, NULL, "out of memory");
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK) {
        ccap_population_free(end);
        return status;
    }
    ccap__outfile_row(&out, header, 7);
    for (y = first; y <= last; y++) {
        if (ccap_projection_year_end(proj, y, end) != CCAP_OK)
            continue;
        for (region = 0; region < ccap_regions_count(regions); region++) {
            const char *fields[7];
            double v, b, d, m;

            if (!ccap_population_has_region(end, region) ||
                ccap_projection_year_events(proj, region, y, CCAP_SEX_BOTH, &b, &d, &m) != CCAP_OK)
                continue;
            snprintf(year, sizeof year, "%d", y);
            ccap_population_total(end, region, CCAP_SEX_BOTH, &v);
            ccap__format_double(v, pop, sizeof pop);
            under3[0] = '\0';
            if (ccap_population_sum_ages(end, region, CCAP_SEX_BOTH, 0, 3, &v) == CCAP_OK)
                ccap__format_double(v, under3, sizeof under3);
            ccap__format_double(b, births, sizeof births);
            ccap__format_double(d, deaths, sizeof deaths);
            ccap__format_double(m, migrants, sizeof migrants);
            fields[0] = ccap_regions_code(regions, region);
            fields[1] = year;
            fields[2] = pop;
            fields[3] = births;
            fields[4] = deaths;
            fields[5] = migrants;
            fields[6] = under3;
            ccap__outfile_row(&out, fields, 7);
        }
    }
    ccap_population_free(end);
    return ccap__outfile_commit(&out, diag);
}

static int
write_schedule(const char *path, const ccap_regions *regions, const ccap_schedule *schedule,
               const schedule_spec *spec, ccap_diag *diag)
{
    const char *header[5];
    const size_t n_ages = ccap_schedule_n_ages(schedule);
    const size_t *ages = ccap_schedule_ages(schedule);
    ccap__outfile out;
    size_t n_cols = 0, i, g, region;
    char year[16], age[32], value[40];
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || regions == NULL || schedule == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((spec->has_age && spec->open_grid) !=
            (spec->has_age && ccap_schedule_age_end(schedule) == CCAP_AGE_OPEN) ||
        (!spec->has_age && n_ages != 1))
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "the schedule's age grid does not fit this format");
    for (i = 0; i < ccap_schedule_count(schedule); i++) {
        ccap_schedule_get(schedule, i, &region, NULL, NULL, NULL);
        if (region != CCAP_REGION_ALL && region >= ccap_regions_count(regions))
            return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                                  "entry %zu refers to region %zu of %zu", i, region,
                                  ccap_regions_count(regions));
    }
    header[n_cols++] = "region";
    header[n_cols++] = "year";
    if (spec->has_sex)
        header[n_cols++] = "sex";
    if (spec->has_age)
        header[n_cols++] = "age";
    header[n_cols++] = spec->value;
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, n_cols);
    for (i = 0; i < ccap_schedule_count(schedule); i++) {
        const double *v;
        ccap_sex sex;
        int y;

        ccap_schedule_get(schedule, i, &region, &y, &sex, &v);
        snprintf(year, sizeof year, "%d", y);
        for (g = 0; g < n_ages; g++) {
            const char *fields[5];
            size_t k = 0;

            snprintf(age, sizeof age, "%zu%s", ages[g],
                     g + 1 == n_ages && spec->open_grid ? "+" : "");
            ccap__format_double(v[g], value, sizeof value);
            fields[k++] = region == CCAP_REGION_ALL ? "*" : ccap_regions_code(regions, region);
            fields[k++] = year;
            if (spec->has_sex)
                fields[k++] = ccap_sex_name(sex);
            if (spec->has_age)
                fields[k++] = age;
            fields[k++] = value;
            ccap__outfile_row(&out, fields, k);
        }
    }
    return ccap__outfile_commit(&out, diag);
}

int
ccap_csv_write_mortality(const char *path, const ccap_regions *regions,
                         const ccap_schedule *schedule, ccap_diag *diag)
{
    return write_schedule(path, regions, schedule, &mortality_spec, diag);
}

int
ccap_csv_write_fertility(const char *path, const ccap_regions *regions,
                         const ccap_schedule *schedule, ccap_diag *diag)
{
    return write_schedule(path, regions, schedule, &fertility_spec, diag);
}

int
ccap_csv_write_srb(const char *path, const ccap_regions *regions, const ccap_schedule *schedule,
                   ccap_diag *diag)
{
    return write_schedule(path, regions, schedule, &srb_spec, diag);
}

int
ccap_csv_write_migration(const char *path, const ccap_regions *regions,
                         const ccap_schedule *schedule, ccap_diag *diag)
{
    return write_schedule(path, regions, schedule, &migration_spec, diag);
}

int
ccap_csv_read_migration_rates(const char *path, const ccap_regions *regions, ccap_schedule **out,
                              const ccap_read_options *options, ccap_diag *diag)
{
    return read_schedule(path, regions, &migration_rate_spec, out, options, diag);
}

int
ccap_csv_read_builds(const char *path, const ccap_regions *regions, ccap_schedule **out,
                     const ccap_read_options *options, ccap_diag *diag)
{
    return read_schedule(path, regions, &builds_spec, out, options, diag);
}

/* ---- tables written by programs ---- */

struct ccap_csv_writer {
    ccap__outfile out;
    size_t n_columns;
    size_t n_rows, n_fields, n_bytes; /* written so far, the header included */
    int too_large;                    /* a row was refused: the readers would refuse the table */
};

/* The bytes a field takes in the file, with its comma or line end (as ccap__outfile_row()
 * writes it: quoted, its quotes doubled, when it starts or ends with a blank or holds a
 * comma, a quote or a line break). */
static size_t
field_bytes(const char *s)
{
    const size_t n = strlen(s);
    size_t quotes = 0, i;

    for (i = 0; i < n; i++)
        quotes += s[i] == '"';
    if ((n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')) ||
        strpbrk(s, ",\"\r\n") != NULL)
        return n + quotes + 3;
    return n + 1;
}

/* Count a row; 0 when the table would pass what the readers accept. */
static int
writer_count(ccap_csv_writer *w, const char *const fields[], size_t n)
{
    size_t bytes = 0, i;

    for (i = 0; i < n; i++)
        bytes += field_bytes(fields[i] != NULL ? fields[i] : "");
    if (w->n_fields > CCAP_CSV_FIELDS_MAX - n || w->n_bytes > CCAP_CSV_FILE_MAX ||
        bytes > CCAP_CSV_FILE_MAX - w->n_bytes)
        return 0;
    w->n_fields += n;
    w->n_bytes += bytes;
    w->n_rows++;
    return 1;
}

ccap_csv_writer *
ccap_csv_writer_open(const char *path, const char *const header[], size_t n_columns,
                     ccap_diag *diag)
{
    ccap_csv_writer *w;

    ccap_diag_clear(diag);
    if (path == NULL || header == NULL || n_columns == 0) {
        ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument or no columns");
        return NULL;
    }
    if (n_columns > CCAP_CSV_ROW_FIELDS_MAX) {
        ccap__diag_set(diag, CCAP_ERANGE, path, 0, 0, NULL,
                       "%zu columns, more than the readers accept in a row "
                       "(CCAP_CSV_ROW_FIELDS_MAX, %u)",
                       n_columns, CCAP_CSV_ROW_FIELDS_MAX);
        return NULL;
    }
    w = calloc(1, sizeof *w);
    if (w == NULL) {
        ccap__diag_nomem(diag, path);
        return NULL;
    }
    if (ccap__outfile_open(&w->out, path, diag) != CCAP_OK) {
        free(w);
        return NULL;
    }
    w->n_columns = n_columns;
    (void)writer_count(w, header, n_columns); /* the header row: far below the limits */
    ccap__outfile_row(&w->out, header, n_columns);
    return w;
}

int
ccap_csv_writer_row(ccap_csv_writer *writer, const char *const fields[], size_t n_fields)
{
    if (writer == NULL || fields == NULL || n_fields != writer->n_columns)
        return CCAP_EINVAL;
    if (writer->too_large || !writer_count(writer, fields, n_fields)) {
        writer->too_large = 1;
        return CCAP_ERANGE;
    }
    ccap__outfile_row(&writer->out, fields, n_fields);
    return writer->out.failed ? CCAP_EIO : CCAP_OK;
}

int
ccap_csv_writer_number(double value, char *buf, size_t size)
{
    if (buf == NULL || size < 32)
        return CCAP_EINVAL;
    ccap__format_double(value, buf, size); /* NAN: an empty field */
    return CCAP_OK;
}

int
ccap_csv_writer_commit(ccap_csv_writer *writer, ccap_diag *diag)
{
    int status;

    ccap_diag_clear(diag);
    if (writer == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "NULL argument");
    if (writer->too_large) {
        status = ccap__diag_set(diag, CCAP_ERANGE, writer->out.path, 0, 0, NULL,
                                "not written: after %zu rows (%zu fields, %zu bytes) the table "
                                "would pass what the readers accept (CCAP_CSV_FIELDS_MAX %u, "
                                "CCAP_CSV_FILE_MAX %zu bytes); write fewer regions or years",
                                writer->n_rows, writer->n_fields, writer->n_bytes,
                                CCAP_CSV_FIELDS_MAX, (size_t)CCAP_CSV_FILE_MAX);
        ccap_csv_writer_abort(writer);
        return status;
    }
    status = ccap__outfile_commit(&writer->out, diag);
    free(writer);
    return status;
}

void
ccap_csv_writer_abort(ccap_csv_writer *writer)
{
    if (writer == NULL)
        return;
    ccap__outfile_abort(&writer->out);
    free(writer);
}

int
ccap_csv_write_migration_rates(const char *path, const ccap_regions *regions,
                               const ccap_schedule *schedule, ccap_diag *diag)
{
    return write_schedule(path, regions, schedule, &migration_rate_spec, diag);
}

int
ccap_csv_write_margins(const char *path, const ccap_regions *regions,
                       const ccap_margins *margins, ccap_diag *diag)
{
    static const char *const header[] = {"region", "year", "sex", "ages", "population", "note"};
    char year[16], ages[48], value[40];
    ccap__outfile out;
    ccap_margin m;
    size_t i;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || regions == NULL || margins == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    for (i = 0; i < ccap_margins_count(margins); i++) {
        ccap_margins_get(margins, i, &m);
        if (m.region >= ccap_regions_count(regions))
            return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                                  "margin %zu refers to region %zu of %zu", i, m.region,
                                  ccap_regions_count(regions));
    }
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, 6);
    for (i = 0; i < ccap_margins_count(margins); i++) {
        const char *fields[6];

        ccap_margins_get(margins, i, &m);
        snprintf(year, sizeof year, "%d", m.year);
        ccap_margin_ages_label(&m, ages, sizeof ages);
        ccap__format_double(m.value, value, sizeof value);
        fields[0] = ccap_regions_code(regions, m.region);
        fields[1] = year;
        fields[2] = ccap_sex_name(m.sex);
        fields[3] = ages;
        fields[4] = value;
        fields[5] = m.note;
        ccap__outfile_row(&out, fields, 6);
    }
    return ccap__outfile_commit(&out, diag);
}
