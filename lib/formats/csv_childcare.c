/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Readers and writers for the childcare tables: slots, targets and take-up.
 *
 * As the other readers, each builds its object completely before handing it
 * over, and on the first problem frees what it built, returns NULL through the
 * out-parameter and names FILE:LINE, the column and the field in the diag.
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

#define NONE ((size_t)-1)

static int
check_regions(const char *path, const ccap_regions *regions, ccap_diag *diag)
{
    if (!ccap_regions_is_finished(regions))
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "the region table is not finished");
    return CCAP_OK;
}

static const char *
region_label(const ccap_regions *regions, size_t region)
{
    return region == CCAP_REGION_ALL ? "*" : ccap_regions_code(regions, region);
}

/* ---- slots ---- */

static int
field_provider(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
               ccap_provider *provider_out)
{
    const char *text = ccap__table_field(t, r, col);
    char buf[64];

    if (text[0] == '\0')
        return ccap__empty_error(t, diag, r, col);
    if (ccap_childcare_provider_parse(text, provider_out) != CCAP_OK)
        return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                                 "'%s' is not a provider type; expected institution, community, "
                                 "kindergarten, employer, home, commercial or other (or 托育机构, "
                                 "社区托育点, 幼儿园托班, 用人单位, 家庭托育点, 商业综合体, 其他)",
                                 ccap__show(text, buf));
    return CCAP_OK;
}

static int
field_inclusive(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                ccap_inclusive *inclusive_out)
{
    const char *text = ccap__table_field(t, r, col);
    char buf[64];

    if (text[0] == '\0')
        return ccap__empty_error(t, diag, r, col);
    if (ccap_childcare_inclusive_parse(text, inclusive_out) != CCAP_OK)
        return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                                 "'%s' is not an inclusive flag; expected yes or no (or 1 and 0, "
                                 "true and false, 是 and 否, 普惠 and 非普惠)",
                                 ccap__show(text, buf));
    return CCAP_OK;
}

/* Enrolled children more than twice the slots (or places, as `what` names them):
 * over-enrolment happens, but not on that scale (docs/conventions.md, "Plausible ranges");
 * it is a number split at its comma (an unquoted 1,911 read as slots 1 and enrolled 911),
 * which the message says when the fields look so, or a value in the wrong column. */
int
ccap__check_enrolled(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *slots_col,
                     const ccap__column *enrolled_col, const char *what, double slots,
                     double enrolled)
{
    char a[40], b[40], joined[64];

    if (!(enrolled > 2.0 * slots))
        return CCAP_OK;
    ccap__format_double(enrolled, a, sizeof a);
    ccap__format_double(slots, b, sizeof b);
    if (ccap__split_thousands(t, r, slots_col, enrolled_col, joined))
        return ccap__table_error(t, diag, CCAP_EPARSE, r, enrolled_col,
                                 "enrolled %s exceeds %s %s: is it %s %s split at its "
                                 "comma? a number with a thousands separator needs quotes "
                                 "(\"%s\")",
                                 a, what, b, what, joined, joined);
    return ccap__table_error(t, diag, CCAP_EDOM, r, enrolled_col,
                             "enrolled %s exceeds %s %s more than twice: check the columns "
                             "(over-enrolment is possible, not on that scale)",
                             a, what, b);
}

/* A region and one of the regions above it, both with rows of one year: which to count
 * would be a guess (the parent's rows may be its areas' total, or slots beside theirs), so
 * this is refused, naming both lines.  lines[i] is the line of entry i. */
static int
check_parent_rows(const ccap__table *t, const ccap_regions *regions,
                  const ccap_childcare_inventory *inv, const unsigned long lines[], ccap_diag *diag)
{
    const size_t n = ccap_childcare_inventory_count(inv);
    size_t i, j, up;

    for (i = 0; i < n; i++) {
        ccap_childcare_entry e, f;

        ccap_childcare_inventory_get(inv, i, &e);
        for (up = e.region; ccap_regions_parent(regions, up, &up) == CCAP_OK;) {
            double s;

            if (ccap_childcare_inventory_total(inv, NULL, up, e.year, CCAP_PROVIDER_ANY,
                                               CCAP_INCLUSIVE_ANY, &s, NULL) != CCAP_OK)
                continue; /* no rows of its own in that year */
            for (j = 0; j < n; j++) {
                ccap_childcare_inventory_get(inv, j, &f);
                if (f.region == up && f.year == e.year)
                    break;
            }
            return ccap__diag_set(
                diag, CCAP_EPARSE, t->path, lines[j > i ? j : i], 1, "region",
                "%s (%s) has rows for %d (line %lu) beside those of %s (%s), one of its areas "
                "(line %lu): give the slots of its areas only (ccap adds them up), or of %s "
                "alone",
                ccap_regions_code(regions, up), ccap_regions_name(regions, up), e.year, lines[j],
                ccap_regions_code(regions, e.region), ccap_regions_name(regions, e.region),
                lines[i], ccap_regions_code(regions, up));
        }
    }
    return CCAP_OK;
}

int
ccap_csv_read_slots(const char *path, const ccap_regions *regions, ccap_childcare_inventory **out,
                    const ccap_read_options *options, ccap_diag *diag)
{
    enum { C_REGION, C_YEAR, C_PROVIDER, C_INCLUSIVE, C_SLOTS, C_ENROLLED, C_NOTE, N_COLS };
    ccap__column cols[N_COLS] = {{"region", 1, 0},    {"year", 1, 0},  {"provider", 0, 0},
                                 {"inclusive", 0, 0}, {"slots", 1, 0}, {"enrolled", 0, 0},
                                 {"note", 0, 0}};
    ccap__table t;
    ccap_childcare_inventory *inv = NULL;
    unsigned long *lines = NULL;
    size_t r;
    int status;

    ccap_diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (path == NULL || regions == NULL || out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((status = check_regions(path, regions, diag)) != CCAP_OK)
        return status;
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    /* Totals only (no provider, no inclusive column) are read as provider 'other', not
     * inclusive, with a warning; one of the two columns alone would be half a breakdown. */
    if ((cols[C_PROVIDER].pos == NONE) != (cols[C_INCLUSIVE].pos == NONE)) {
        const int no_provider = cols[C_PROVIDER].pos == NONE;
        status = ccap__diag_set(diag, CCAP_EPARSE, path, t.rows[0].line, 0,
                                cols[no_provider ? C_PROVIDER : C_INCLUSIVE].name,
                                "missing column; a table with the %s column needs the %s column "
                                "as well (or neither, for totals only)",
                                cols[no_provider ? C_INCLUSIVE : C_PROVIDER].name,
                                cols[no_provider ? C_PROVIDER : C_INCLUSIVE].name);
        ccap__table_free(&t);
        return status;
    }
    inv = ccap_childcare_inventory_alloc(ccap_regions_count(regions));
    lines = ccap__alloc(t.n_rows, sizeof *lines);
    if (inv == NULL || lines == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    for (r = 1; r < t.n_rows; r++) {
        const char *enrolled_text = ccap__table_field(&t, r, &cols[C_ENROLLED]);
        ccap_provider provider = CCAP_PROVIDER_OTHER;
        ccap_inclusive inclusive = CCAP_INCLUSIVE_NO;
        size_t region = 0, dup = 0;
        double slots, enrolled = 0.0;
        int year;

        if (strcmp(ccap__table_field(&t, r, &cols[C_REGION]), "*") == 0) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_REGION],
                                       "'*' (every region) has no meaning in a slot inventory: "
                                       "give the slots of each region");
            goto out;
        }
        if ((status = ccap__field_region(&t, diag, r, &cols[C_REGION], regions, &region)) !=
                CCAP_OK ||
            (status = ccap__field_year(&t, diag, r, &cols[C_YEAR], &year)) != CCAP_OK ||
            (cols[C_PROVIDER].pos != NONE &&
             ((status = field_provider(&t, diag, r, &cols[C_PROVIDER], &provider)) != CCAP_OK ||
              (status = field_inclusive(&t, diag, r, &cols[C_INCLUSIVE], &inclusive)) !=
                  CCAP_OK)) ||
            (status = ccap__field_range(&t, diag, r, &cols[C_SLOTS], &ccap__range_slots, &slots)) !=
                CCAP_OK)
            goto out;
        /* An empty enrolled cell means "not known". */
        if (enrolled_text[0] != '\0' &&
            (status = ccap__field_range(&t, diag, r, &cols[C_ENROLLED], &ccap__range_children,
                                        &enrolled)) != CCAP_OK)
            goto out;
        if (enrolled_text[0] != '\0' &&
            (status = ccap__check_enrolled(&t, diag, r, &cols[C_SLOTS], &cols[C_ENROLLED], "slots",
                                           slots, enrolled)) != CCAP_OK)
            goto out;
        status = ccap_childcare_inventory_add(inv, region, year, provider, inclusive, slots,
                                              enrolled_text[0] != '\0' ? &enrolled : NULL, &dup);
        if (status == CCAP_EEXIST && cols[C_PROVIDER].pos == NONE) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_YEAR],
                                       "duplicate row: region '%s', %d already on line %lu",
                                       ccap_regions_code(regions, region), year, lines[dup]);
            goto out;
        }
        if (status == CCAP_EEXIST) {
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_INCLUSIVE],
                                       "duplicate row: region '%s', %d, %s, inclusive %s already "
                                       "on line %lu",
                                       ccap_regions_code(regions, region), year,
                                       ccap_childcare_provider_name(provider),
                                       ccap_childcare_inclusive_name(inclusive), lines[dup]);
            goto out;
        }
        if (status != CCAP_OK) {
            status = ccap__table_error(&t, diag, status, r, NULL, "%s", ccap_strerror(status));
            goto out;
        }
        lines[ccap_childcare_inventory_count(inv) - 1] = t.rows[r].line;
        /* where the row's slots come from: published, derived or assumed */
        if (cols[C_NOTE].pos != NONE &&
            ccap_childcare_inventory_note(inv, ccap__table_field(&t, r, &cols[C_NOTE])) !=
                CCAP_OK) {
            status = ccap__diag_nomem(diag, path);
            goto out;
        }
    }
    if ((status = check_parent_rows(&t, regions, inv, lines, diag)) != CCAP_OK)
        goto out;
    if (cols[C_PROVIDER].pos == NONE && diag != NULL && diag->message[0] == '\0')
        ccap__diag_set(diag, CCAP_OK, path, t.rows[0].line, 0, NULL,
                       "no provider and inclusive columns: the slots are read as totals of "
                       "provider 'other', not inclusive (普惠), so the inclusive share is 0");
    *out = inv;
    inv = NULL;
out:
    free(lines);
    ccap_childcare_inventory_free(inv);
    ccap__table_free(&t);
    return status;
}

int
ccap_csv_write_slots(const char *path, const ccap_regions *regions,
                     const ccap_childcare_inventory *inv, ccap_diag *diag)
{
    static const char *const header[] = {"region",    "year",  "provider",
                                         "inclusive", "slots", "enrolled"};
    const size_t n = ccap_childcare_inventory_count(inv);
    ccap__outfile out;
    ccap_childcare_entry e;
    char year[16], slots[40], enrolled[40];
    size_t i, n_cols = 5;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || regions == NULL || inv == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if (ccap_childcare_inventory_n_regions(inv) != ccap_regions_count(regions))
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "the region table has %zu regions, the inventory %zu",
                              ccap_regions_count(regions), ccap_childcare_inventory_n_regions(inv));
    for (i = 0; i < n; i++) { /* the enrolled column only when some count is known */
        ccap_childcare_inventory_get(inv, i, &e);
        if (e.has_enrolled)
            n_cols = 6;
    }
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, n_cols);
    for (i = 0; i < n; i++) {
        const char *fields[6];

        ccap_childcare_inventory_get(inv, i, &e);
        snprintf(year, sizeof year, "%d", e.year);
        ccap__format_double(e.slots, slots, sizeof slots);
        enrolled[0] = '\0';
        if (e.has_enrolled)
            ccap__format_double(e.enrolled, enrolled, sizeof enrolled);
        fields[0] = ccap_regions_code(regions, e.region);
        fields[1] = year;
        fields[2] = ccap_childcare_provider_name(e.provider);
        fields[3] = ccap_childcare_inclusive_name(e.inclusive);
        fields[4] = slots;
        fields[5] = enrolled;
        ccap__outfile_row(&out, fields, n_cols);
    }
    return ccap__outfile_commit(&out, diag);
}

/* ---- targets ---- */

typedef struct key_row {
    size_t region; /* or CCAP_REGION_ALL */
    int year;      /* targets */
    size_t age;    /* take-up */
    double value;
    size_t row; /* table row */
} key_row;

int
ccap_csv_read_targets(const char *path, const ccap_regions *regions, ccap_schedule **out,
                      const ccap_read_options *options, ccap_diag *diag)
{
    enum { C_REGION, C_YEAR, C_VALUE, N_COLS };
    ccap__column cols[N_COLS] = {{"region", 1, 0}, {"year", 1, 0}, {"slots_per_1000", 1, 0}};
    const size_t zero = 0;
    ccap__table t;
    ccap_schedule *sched = NULL;
    key_row *rows = NULL;
    size_t r, n = 0;
    int status;

    ccap_diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (path == NULL || regions == NULL || out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((status = check_regions(path, regions, diag)) != CCAP_OK)
        return status;
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    sched = ccap_schedule_alloc(&zero, 1, CCAP_AGE_OPEN);
    rows = ccap__alloc(t.n_rows, sizeof *rows);
    if (sched == NULL || rows == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    for (r = 1; r < t.n_rows; r++) {
        key_row *p = &rows[n];

        p->row = r;
        p->age = 0;
        if ((status = ccap__field_region_or_all(&t, diag, r, &cols[C_REGION], regions,
                                                &p->region)) != CCAP_OK ||
            (status = ccap__field_year(&t, diag, r, &cols[C_YEAR], &p->year)) != CCAP_OK ||
            (status = ccap__field_range(&t, diag, r, &cols[C_VALUE], &ccap__range_per_1000,
                                        &p->value)) != CCAP_OK)
            goto out;
        status = ccap_schedule_add(sched, p->region, p->year, CCAP_SEX_BOTH, &p->value, 1);
        if (status == CCAP_EEXIST) {
            size_t k;

            for (k = 0; k < n && (rows[k].region != p->region || rows[k].year != p->year); k++)
                ;
            status = ccap__table_error(&t, diag, CCAP_EPARSE, r, &cols[C_YEAR],
                                       "duplicate row: region '%s', %d already on line %lu",
                                       region_label(regions, p->region), p->year,
                                       k < n ? t.rows[rows[k].row].line : 0UL);
            goto out;
        }
        if (status != CCAP_OK) {
            status = ccap__table_error(&t, diag, status, r, NULL, "%s", ccap_strerror(status));
            goto out;
        }
        n++;
    }
    *out = sched;
    sched = NULL;
out:
    free(rows);
    ccap_schedule_free(sched);
    ccap__table_free(&t);
    return status;
}

/* Every entry's region must be in the table, or '*'. */
static int
check_entry_regions(const char *path, const ccap_regions *regions, size_t n_entries,
                    size_t (*region_of)(const void *, size_t), const void *obj, ccap_diag *diag)
{
    size_t i;

    for (i = 0; i < n_entries; i++) {
        const size_t region = region_of(obj, i);
        if (region != CCAP_REGION_ALL && region >= ccap_regions_count(regions))
            return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                                  "entry %zu refers to region %zu of %zu", i, region,
                                  ccap_regions_count(regions));
    }
    return CCAP_OK;
}

static size_t
schedule_region(const void *obj, size_t i)
{
    size_t region = NONE;

    ccap_schedule_get(obj, i, &region, NULL, NULL, NULL);
    return region;
}

int
ccap_csv_write_targets(const char *path, const ccap_regions *regions, const ccap_schedule *targets,
                       ccap_diag *diag)
{
    static const char *const header[] = {"region", "year", "slots_per_1000"};
    ccap__outfile out;
    char year[16], value[40];
    size_t i;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || regions == NULL || targets == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if (ccap_schedule_n_ages(targets) != 1)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                              "targets have one value per entry, this schedule %zu",
                              ccap_schedule_n_ages(targets));
    if ((status = check_entry_regions(path, regions, ccap_schedule_count(targets), schedule_region,
                                      targets, diag)) != CCAP_OK)
        return status;
    for (i = 0; i < ccap_schedule_count(targets); i++) {
        ccap_sex sex;
        ccap_schedule_get(targets, i, NULL, NULL, &sex, NULL);
        if (sex != CCAP_SEX_BOTH)
            return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL,
                                  "entry %zu is for one sex; targets are for both", i);
    }
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, 3);
    for (i = 0; i < ccap_schedule_count(targets); i++) {
        const char *fields[3];
        const double *v;
        size_t region;
        int y;

        ccap_schedule_get(targets, i, &region, &y, NULL, &v);
        snprintf(year, sizeof year, "%d", y);
        ccap__format_double(v[0], value, sizeof value);
        fields[0] = region_label(regions, region);
        fields[1] = year;
        fields[2] = value;
        ccap__outfile_row(&out, fields, 3);
    }
    return ccap__outfile_commit(&out, diag);
}

/* ---- take-up ---- */

static int
field_takeup_age(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                 size_t *age_out)
{
    const char *text = ccap__table_field(t, r, col);
    size_t hi;
    char buf[64];

    if (text[0] == '\0')
        return ccap__empty_error(t, diag, r, col);
    if (ccap__parse_age_label(text, age_out, &hi) != AGE_SINGLE)
        return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                                 "'%s' is not an age: expected 0, 1 or 2", ccap__show(text, buf));
    if (*age_out >= CCAP_CHILDCARE_AGES)
        return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                                 "age %zu is not under 3: take-up is given for ages 0, 1 and 2",
                                 *age_out);
    return CCAP_OK;
}

static int
field_rate(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
           double *rate_out)
{
    const char *text = ccap__table_field(t, r, col);
    char buf[64];
    int status;

    if (strchr(text, '%') != NULL)
        return ccap__table_error(t, diag, CCAP_EPARSE, r, col,
                                 "'%s' is not a number: write a share without %% (0.25 for 25%%)",
                                 ccap__show(text, buf));
    if ((status = ccap__field_number(t, diag, r, col, ANY_FINITE, rate_out)) != CCAP_OK)
        return status;
    if (*rate_out < 0.0 || *rate_out > 1.0)
        return ccap__table_error(t, diag, CCAP_EDOM, r, col,
                                 "%s is outside [0, 1]: write the share of the children of that "
                                 "age in childcare (0.25 for 25%%)",
                                 ccap__show(text, buf));
    return CCAP_OK;
}

static int
takeup_row_cmp(const void *pa, const void *pb)
{
    const key_row *a = pa, *b = pb;

    if (a->region != b->region)
        return a->region < b->region ? -1 : 1;
    if (a->age != b->age)
        return a->age < b->age ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

int
ccap_csv_read_takeup(const char *path, const ccap_regions *regions, ccap_childcare_takeup **out,
                     const ccap_read_options *options, ccap_diag *diag)
{
    enum { C_REGION, C_AGE, C_RATE, N_COLS };
    ccap__column cols[N_COLS] = {{"region", 0, 0}, {"age", 1, 0}, {"rate", 1, 0}};
    ccap__table t;
    ccap_childcare_takeup *takeup = NULL;
    key_row *rows = NULL;
    size_t r, i, n = 0;
    int status;

    ccap_diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (path == NULL || regions == NULL || out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((status = check_regions(path, regions, diag)) != CCAP_OK)
        return status;
    if ((status = ccap__table_open(&t, path, options, cols, N_COLS, diag)) != CCAP_OK)
        return status;
    takeup = ccap_childcare_takeup_alloc();
    rows = ccap__alloc(t.n_rows, sizeof *rows);
    if (takeup == NULL || rows == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    for (r = 1; r < t.n_rows; r++) {
        key_row *p = &rows[n];

        p->row = r;
        p->year = 0;
        p->region = CCAP_REGION_ALL; /* without a region column, every row is for '*' */
        if ((cols[C_REGION].pos != NONE &&
             (status = ccap__field_region_or_all(&t, diag, r, &cols[C_REGION], regions,
                                                 &p->region)) != CCAP_OK) ||
            (status = field_takeup_age(&t, diag, r, &cols[C_AGE], &p->age)) != CCAP_OK ||
            (status = field_rate(&t, diag, r, &cols[C_RATE], &p->value)) != CCAP_OK)
            goto out;
        n++;
    }
    /* Group by region (codes in table order, '*' last); each needs ages 0, 1, 2 once. */
    qsort(rows, n, sizeof *rows, takeup_row_cmp);
    for (i = 0; i < n;) {
        const ccap__column *age_col = &cols[C_AGE];
        double rates[CCAP_CHILDCARE_AGES];
        size_t j = i, expect = 0;

        while (j < n && rows[j].region == rows[i].region && rows[j].age == expect) {
            rates[expect++] = rows[j].value;
            j++;
        }
        if (expect != CCAP_CHILDCARE_AGES || (j < n && rows[j].region == rows[i].region)) {
            /* Rows of one region are sorted by age: a repeat follows its twin, a gap shows
             * on the row after it (or on the region's last row). */
            const int same = j < n && rows[j].region == rows[i].region;
            if (same && rows[j].age < expect)
                status = ccap__table_error(&t, diag, CCAP_EPARSE, rows[j].row, age_col,
                                           "duplicate row: region '%s', age %zu already on line "
                                           "%lu",
                                           region_label(regions, rows[i].region), rows[j].age,
                                           t.rows[rows[j - 1].row].line);
            else
                status = ccap__table_error(&t, diag, CCAP_EPARSE,
                                           same ? rows[j].row : rows[j - 1].row, age_col,
                                           "region '%s': age %zu missing (take-up is needed for "
                                           "ages 0, 1 and 2)",
                                           region_label(regions, rows[i].region), expect);
            goto out;
        }
        status = ccap_childcare_takeup_set(takeup, rows[i].region, rates, CCAP_CHILDCARE_AGES);
        if (status != CCAP_OK) {
            status =
                ccap__table_error(&t, diag, status, rows[i].row, NULL, "%s", ccap_strerror(status));
            goto out;
        }
        i = j;
    }
    *out = takeup;
    takeup = NULL;
out:
    free(rows);
    ccap_childcare_takeup_free(takeup);
    ccap__table_free(&t);
    return status;
}

static size_t
takeup_region(const void *obj, size_t i)
{
    size_t region = NONE;

    ccap_childcare_takeup_get(obj, i, &region, NULL);
    return region;
}

int
ccap_csv_write_takeup(const char *path, const ccap_regions *regions,
                      const ccap_childcare_takeup *takeup, ccap_diag *diag)
{
    static const char *const header[] = {"region", "age", "rate"};
    ccap__outfile out;
    char age[8], value[40];
    size_t i, a;
    int status;

    ccap_diag_clear(diag);
    if (path == NULL || regions == NULL || takeup == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    if ((status = check_entry_regions(path, regions, ccap_childcare_takeup_count(takeup),
                                      takeup_region, takeup, diag)) != CCAP_OK)
        return status;
    if ((status = ccap__outfile_open(&out, path, diag)) != CCAP_OK)
        return status;
    ccap__outfile_row(&out, header, 3);
    for (i = 0; i < ccap_childcare_takeup_count(takeup); i++) {
        const double *rates;
        size_t region;

        ccap_childcare_takeup_get(takeup, i, &region, &rates);
        for (a = 0; a < CCAP_CHILDCARE_AGES; a++) {
            const char *fields[3];

            snprintf(age, sizeof age, "%zu", a);
            ccap__format_double(rates[a], value, sizeof value);
            fields[0] = region_label(regions, region);
            fields[1] = age;
            fields[2] = value;
            ccap__outfile_row(&out, fields, 3);
        }
    }
    return ccap__outfile_commit(&out, diag);
}
