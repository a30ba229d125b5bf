/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Under-3 childcare: provider types, the slot inventory, metrics and demand (see ccap_childcare.h).
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

#define NONE ((size_t)-1)

/* ---- names ---- */

static const char *const provider_names[CCAP_N_PROVIDERS] = {
    "institution", "community", "kindergarten", "employer", "home", "commercial", "other"};
/* The same types as Chinese tables name them (ccap_childcare.h prints each beside its
 * English name): 托育机构, 社区托育点, 幼儿园托班, 用人单位, 家庭托育点, 商业综合体, 其他. */
static const char *const provider_names_zh[CCAP_N_PROVIDERS] = {
    "托育机构", "社区托育点", "幼儿园托班", "用人单位", "家庭托育点", "商业综合体", "其他"};
/* Their longer forms, as policy documents write two of them: 用人单位办托 (employer-run
 * care), 商业综合体托育点 (a site in a shopping centre); NULL where there is none. */
static const char *const provider_names_zh_long[CCAP_N_PROVIDERS] = {
    NULL, NULL, NULL, "用人单位办托", NULL, "商业综合体托育点", NULL};

const char *
ccap_childcare_provider_name(ccap_provider provider)
{
    const int p = (int)provider;

    if (p >= 0 && p < CCAP_N_PROVIDERS)
        return provider_names[p];
    return p == (int)CCAP_PROVIDER_ANY ? "any" : "unknown";
}

int
ccap_childcare_provider_parse(const char *name, ccap_provider *provider_out)
{
    int p;

    if (name == NULL || provider_out == NULL)
        return CCAP_EINVAL;
    for (p = 0; p < CCAP_N_PROVIDERS; p++) {
        if (ccap__ascii_casecmp_eq(name, provider_names[p]) ||
            strcmp(name, provider_names_zh[p]) == 0 ||
            (provider_names_zh_long[p] != NULL && strcmp(name, provider_names_zh_long[p]) == 0)) {
            *provider_out = (ccap_provider)p;
            return CCAP_OK;
        }
    }
    return CCAP_ENOTFOUND;
}

const char *
ccap_childcare_inclusive_name(ccap_inclusive inclusive)
{
    switch ((int)inclusive) {
    case CCAP_INCLUSIVE_NO:
        return "no";
    case CCAP_INCLUSIVE_YES:
        return "yes";
    case CCAP_INCLUSIVE_ANY:
        return "any";
    default:
        return "unknown";
    }
}

int
ccap_childcare_inclusive_parse(const char *text, ccap_inclusive *inclusive_out)
{
    if (text == NULL || inclusive_out == NULL)
        return CCAP_EINVAL;
    /* 是 yes, 否 no, 普惠 inclusive, 非普惠 not inclusive, as Chinese tables write them */
    if (ccap__ascii_casecmp_eq(text, "yes") || ccap__ascii_casecmp_eq(text, "true") ||
        strcmp(text, "1") == 0 || strcmp(text, "是") == 0 || strcmp(text, "普惠") == 0) {
        *inclusive_out = CCAP_INCLUSIVE_YES;
        return CCAP_OK;
    }
    if (ccap__ascii_casecmp_eq(text, "no") || ccap__ascii_casecmp_eq(text, "false") ||
        strcmp(text, "0") == 0 || strcmp(text, "否") == 0 || strcmp(text, "非普惠") == 0) {
        *inclusive_out = CCAP_INCLUSIVE_NO;
        return CCAP_OK;
    }
    return CCAP_ENOTFOUND;
}

/* ---- metrics on numbers ---- */

/* A finite number >= 0. */
static int
is_count(double x)
{
    return isfinite(x) && x >= 0.0;
}

/* A finite number > 0 (a denominator). */
static int
is_positive(double x)
{
    return isfinite(x) && x > 0.0;
}

int
ccap_childcare_rate_per_1000(double slots, double population, double *rate_out)
{
    if (rate_out == NULL)
        return CCAP_EINVAL;
    *rate_out = NAN;
    if (!is_count(slots) || !is_positive(population))
        return CCAP_EDOM;
    *rate_out = 1000.0 * slots / population;
    return CCAP_OK;
}

int
ccap_childcare_slots_for_rate_per_1000(double rate_per_1000, double population, double *slots_out)
{
    if (slots_out == NULL)
        return CCAP_EINVAL;
    *slots_out = NAN;
    if (!is_count(rate_per_1000) || !is_count(population))
        return CCAP_EDOM;
    *slots_out = rate_per_1000 * population / 1000.0;
    return CCAP_OK;
}

int
ccap_childcare_coverage_per_100(double slots, double under3, double *coverage_out)
{
    if (coverage_out == NULL)
        return CCAP_EINVAL;
    *coverage_out = NAN;
    if (!is_count(slots) || !is_positive(under3))
        return CCAP_EDOM;
    *coverage_out = 100.0 * slots / under3;
    return CCAP_OK;
}

int
ccap_childcare_utilisation(double enrolled, double slots, double *util_out)
{
    if (util_out == NULL)
        return CCAP_EINVAL;
    *util_out = NAN;
    if (!is_count(enrolled) || !is_positive(slots))
        return CCAP_EDOM;
    *util_out = enrolled / slots;
    return CCAP_OK;
}

int
ccap_childcare_inclusive_share(double inclusive_slots, double slots, double *share_out)
{
    if (share_out == NULL)
        return CCAP_EINVAL;
    *share_out = NAN;
    if (!is_count(inclusive_slots) || !is_positive(slots) || inclusive_slots > slots)
        return CCAP_EDOM;
    *share_out = inclusive_slots / slots;
    return CCAP_OK;
}

/* A take-up rate: in [0, 1] (NaN fails both comparisons). */
static int
is_rate(double x)
{
    return x >= 0.0 && x <= 1.0;
}

int
ccap_childcare_demand(const double children[], const double takeup[], size_t n_ages,
                      double *demand_out)
{
    double d = 0.0;
    size_t a;

    if (demand_out == NULL)
        return CCAP_EINVAL;
    *demand_out = NAN;
    if (children == NULL || takeup == NULL || n_ages != CCAP_CHILDCARE_AGES)
        return CCAP_EINVAL;
    for (a = 0; a < n_ages; a++) {
        if (!is_count(children[a]) || !is_rate(takeup[a]))
            return CCAP_EDOM;
    }
    for (a = 0; a < n_ages; a++)
        d += children[a] * takeup[a];
    *demand_out = d;
    return CCAP_OK;
}

int
ccap_childcare_demand_slots(double demand, double occupancy, double *slots_out)
{
    if (slots_out == NULL)
        return CCAP_EINVAL;
    *slots_out = NAN;
    if (!is_count(demand) || !(occupancy > 0.0 && occupancy <= 1.0))
        return CCAP_EDOM;
    *slots_out = demand / occupancy;
    return CCAP_OK;
}

/* ---- the slot inventory ---- */

typedef struct inv_key {
    size_t region;
    int year;
    int provider;
    int inclusive;
} inv_key;

typedef struct inv_row {
    inv_key key;
    double slots;
    double enrolled; /* NAN when unknown */
    int has_enrolled;
} inv_row;

struct ccap_childcare_inventory {
    size_t n_regions;
    inv_row *rows;
    size_t n, cap;
    ccap__index by_key;
    int *years; /* distinct, ascending */
    size_t n_years, cap_years;
    ccap_provenance provenance; /* where the slots come from (the least certain kind given) */
    char *provenance_note;      /* a note of that kind, owned; NULL: none */
};

ccap_childcare_inventory *
ccap_childcare_inventory_alloc(size_t n_regions)
{
    ccap_childcare_inventory *inv;

    if (n_regions == 0 || n_regions > CCAP_POPULATION_REGIONS_MAX)
        return NULL;
    inv = calloc(1, sizeof *inv);
    if (inv == NULL)
        return NULL;
    inv->n_regions = n_regions;
    ccap__index_init(&inv->by_key);
    return inv;
}

void
ccap_childcare_inventory_free(ccap_childcare_inventory *inv)
{
    if (inv == NULL)
        return;
    free(inv->rows);
    free(inv->years);
    free(inv->provenance_note);
    ccap__index_free(&inv->by_key);
    free(inv);
}

/* The rank of a kind by how little it is certain: none, published, derived, assumed. */
static int
uncertainty_rank(ccap_provenance kind)
{
    return kind == CCAP_PROVENANCE_ASSUMED     ? 3
           : kind == CCAP_PROVENANCE_DERIVED   ? 2
           : kind == CCAP_PROVENANCE_PUBLISHED ? 1
                                               : 0;
}

int
ccap_childcare_inventory_note(ccap_childcare_inventory *inv, const char *note)
{
    const ccap_provenance kind = ccap_note_provenance(note);
    char *copy;

    if (inv == NULL)
        return CCAP_EINVAL;
    if (uncertainty_rank(kind) <= uncertainty_rank(inv->provenance))
        return CCAP_OK;
    if ((copy = ccap__strdup(note)) == NULL)
        return CCAP_ENOMEM;
    free(inv->provenance_note);
    inv->provenance_note = copy;
    inv->provenance = kind;
    return CCAP_OK;
}

ccap_provenance
ccap_childcare_inventory_provenance(const ccap_childcare_inventory *inv, const char **note_out)
{
    if (note_out != NULL)
        *note_out = inv != NULL ? inv->provenance_note : NULL;
    return inv != NULL ? inv->provenance : CCAP_PROVENANCE_NONE;
}

size_t
ccap_childcare_inventory_n_regions(const ccap_childcare_inventory *inv)
{
    return inv == NULL ? 0 : inv->n_regions;
}

size_t
ccap_childcare_inventory_count(const ccap_childcare_inventory *inv)
{
    return inv == NULL ? 0 : inv->n;
}

static void
make_key(inv_key *k, size_t region, int year, int provider, int inclusive)
{
    memset(k, 0, sizeof *k); /* padding too: the key is hashed field by field */
    k->region = region;
    k->year = year;
    k->provider = provider;
    k->inclusive = inclusive;
}

static uint64_t
key_hash(const inv_key *k)
{
    uint64_t h = ccap__hash_bytes(&k->region, sizeof k->region, 0);

    h = ccap__hash_bytes(&k->year, sizeof k->year, h);
    h = ccap__hash_bytes(&k->provider, sizeof k->provider, h);
    return ccap__hash_bytes(&k->inclusive, sizeof k->inclusive, h);
}

static int
key_eq(size_t element, const void *key, const void *payload)
{
    const inv_key *a = &((const ccap_childcare_inventory *)payload)->rows[element].key;
    const inv_key *b = key;

    return a->region == b->region && a->year == b->year && a->provider == b->provider &&
           a->inclusive == b->inclusive;
}

static size_t
lookup(const ccap_childcare_inventory *inv, size_t region, int year, int provider, int inclusive)
{
    inv_key k;

    make_key(&k, region, year, provider, inclusive);
    return ccap__index_find(&inv->by_key, key_hash(&k), &k, key_eq, inv);
}

/* Position of year in the sorted list (where it is, or where it would go). */
static size_t
year_position(const ccap_childcare_inventory *inv, int year)
{
    size_t lo = 0, hi = inv->n_years;

    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (inv->years[mid] < year)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int
ccap_childcare_inventory_add(ccap_childcare_inventory *inv, size_t region, int year,
                             ccap_provider provider, ccap_inclusive inclusive, double slots,
                             const double *enrolled, size_t *dup_out)
{
    const int p = (int)provider, f = (int)inclusive;
    inv_row *rows;
    inv_key key;
    size_t dup, pos;
    int new_year, status;

    if (inv == NULL || region >= inv->n_regions || p < 0 || p >= CCAP_N_PROVIDERS ||
        (f != CCAP_INCLUSIVE_NO && f != CCAP_INCLUSIVE_YES))
        return CCAP_EINVAL;
    if (!is_count(slots) || (enrolled != NULL && !is_count(*enrolled)))
        return CCAP_EDOM;
    dup = lookup(inv, region, year, p, f);
    if (dup != NONE) {
        if (dup_out != NULL)
            *dup_out = dup;
        return CCAP_EEXIST;
    }
    /* Reserve everything first, so that a failure leaves the inventory as it was. */
    rows = ccap__grow(inv->rows, &inv->cap, inv->n + 1, sizeof *rows);
    if (rows == NULL)
        return CCAP_ENOMEM;
    inv->rows = rows;
    pos = year_position(inv, year);
    new_year = pos == inv->n_years || inv->years[pos] != year;
    if (new_year) {
        int *years = ccap__grow(inv->years, &inv->cap_years, inv->n_years + 1, sizeof *years);
        if (years == NULL)
            return CCAP_ENOMEM;
        inv->years = years;
    }
    make_key(&key, region, year, p, f);
    if ((status = ccap__index_insert(&inv->by_key, key_hash(&key), inv->n)) != CCAP_OK)
        return status;
    rows[inv->n].key = key;
    rows[inv->n].slots = slots;
    rows[inv->n].has_enrolled = enrolled != NULL;
    rows[inv->n].enrolled = enrolled != NULL ? *enrolled : (double)NAN;
    inv->n++;
    if (new_year) {
        memmove(inv->years + pos + 1, inv->years + pos, (inv->n_years - pos) * sizeof *inv->years);
        inv->years[pos] = year;
        inv->n_years++;
    }
    return CCAP_OK;
}

int
ccap_childcare_inventory_get(const ccap_childcare_inventory *inv, size_t index,
                             ccap_childcare_entry *out)
{
    const inv_row *r;

    if (inv == NULL || out == NULL || index >= inv->n)
        return CCAP_EINVAL;
    r = &inv->rows[index];
    out->region = r->key.region;
    out->year = r->key.year;
    out->provider = (ccap_provider)r->key.provider;
    out->inclusive = (ccap_inclusive)r->key.inclusive;
    out->slots = r->slots;
    out->has_enrolled = r->has_enrolled;
    out->enrolled = r->enrolled;
    return CCAP_OK;
}

const int *
ccap_childcare_inventory_years(const ccap_childcare_inventory *inv, size_t *n_out)
{
    if (n_out == NULL)
        return NULL;
    *n_out = 0;
    if (inv == NULL || inv->n_years == 0)
        return NULL;
    *n_out = inv->n_years;
    return inv->years;
}

/* Sum of a region's own rows of a year that pass the filters.  *has_rows_out tells whether
 * the region has any row that year, whatever the filters.  *enrolled_out is NAN when a
 * passing row has no enrolled count. */
static void
own_total(const ccap_childcare_inventory *inv, size_t region, int year, int provider, int inclusive,
          double *slots_out, double *enrolled_out, int *has_rows_out)
{
    double slots = 0.0, enrolled = 0.0;
    int p, f, has = 0;

    for (p = 0; p < CCAP_N_PROVIDERS; p++) {
        for (f = CCAP_INCLUSIVE_NO; f <= CCAP_INCLUSIVE_YES; f++) {
            const size_t i = lookup(inv, region, year, p, f);

            if (i == NONE)
                continue;
            has = 1;
            if ((provider != CCAP_PROVIDER_ANY && p != provider) ||
                (inclusive != CCAP_INCLUSIVE_ANY && f != inclusive))
                continue;
            slots += inv->rows[i].slots;
            enrolled += inv->rows[i].enrolled; /* NAN when unknown, and stays NAN */
        }
    }
    *slots_out = slots;
    *enrolled_out = enrolled;
    *has_rows_out = has;
}

/* The parent rule: own rows if any, else the sum over the children (all must have data). */
static int
region_total(const ccap_childcare_inventory *inv, const ccap_regions *regions, size_t region,
             int year, int provider, int inclusive, double *slots_out, double *enrolled_out)
{
    size_t k, n_children;
    int has, status;

    own_total(inv, region, year, provider, inclusive, slots_out, enrolled_out, &has);
    if (has)
        return CCAP_OK;
    n_children = regions != NULL ? ccap_regions_n_children(regions, region) : 0;
    if (n_children == 0)
        return CCAP_ENOTFOUND;
    *slots_out = 0.0;
    *enrolled_out = 0.0;
    for (k = 0; k < n_children; k++) {
        double s, e;

        status = region_total(inv, regions, ccap_regions_child(regions, region, k), year, provider,
                              inclusive, &s, &e);
        if (status != CCAP_OK)
            return status;
        *slots_out += s;
        *enrolled_out += e;
    }
    return CCAP_OK;
}

/* Arguments shared by the inventory queries. */
static int
check_query(const ccap_childcare_inventory *inv, const ccap_regions *regions, size_t region,
            int provider, int inclusive)
{
    if (inv == NULL || region >= inv->n_regions || provider < 0 ||
        provider > (int)CCAP_PROVIDER_ANY || inclusive < 0 || inclusive > (int)CCAP_INCLUSIVE_ANY)
        return CCAP_EINVAL;
    if (regions != NULL) {
        if (ccap_regions_count(regions) != inv->n_regions)
            return CCAP_EINVAL;
        if (!ccap_regions_is_finished(regions))
            return CCAP_ESTATE;
    }
    return CCAP_OK;
}

int
ccap_childcare_inventory_total(const ccap_childcare_inventory *inv, const ccap_regions *regions,
                               size_t region, int year, ccap_provider provider,
                               ccap_inclusive inclusive, double *slots_out, double *enrolled_out)
{
    double s, e;
    int status;

    if (enrolled_out != NULL)
        *enrolled_out = NAN;
    if (slots_out == NULL)
        return CCAP_EINVAL;
    *slots_out = NAN;
    if ((status = check_query(inv, regions, region, (int)provider, (int)inclusive)) != CCAP_OK)
        return status;
    status = region_total(inv, regions, region, year, (int)provider, (int)inclusive, &s, &e);
    if (status != CCAP_OK)
        return status;
    *slots_out = s;
    if (enrolled_out != NULL)
        *enrolled_out = e;
    return CCAP_OK;
}

int
ccap_childcare_inventory_inclusive_share(const ccap_childcare_inventory *inv,
                                         const ccap_regions *regions, size_t region, int year,
                                         ccap_provider provider, double *share_out)
{
    double all, incl;
    int status;

    if (share_out == NULL)
        return CCAP_EINVAL;
    *share_out = NAN;
    if ((status = ccap_childcare_inventory_total(inv, regions, region, year, provider,
                                                 CCAP_INCLUSIVE_ANY, &all, NULL)) != CCAP_OK ||
        (status = ccap_childcare_inventory_total(inv, regions, region, year, provider,
                                                 CCAP_INCLUSIVE_YES, &incl, NULL)) != CCAP_OK)
        return status;
    return ccap_childcare_inclusive_share(incl, all, share_out);
}

int
ccap_childcare_inventory_change(const ccap_childcare_inventory *inv, const ccap_regions *regions,
                                size_t region, int year_from, int year_to, ccap_provider provider,
                                ccap_inclusive inclusive, double *change_out)
{
    double from, to;
    int status;

    if (change_out == NULL)
        return CCAP_EINVAL;
    *change_out = NAN;
    if ((status = ccap_childcare_inventory_total(inv, regions, region, year_from, provider,
                                                 inclusive, &from, NULL)) != CCAP_OK ||
        (status = ccap_childcare_inventory_total(inv, regions, region, year_to, provider, inclusive,
                                                 &to, NULL)) != CCAP_OK)
        return status;
    *change_out = to - from;
    return CCAP_OK;
}

/* ---- take-up ---- */

typedef struct takeup_entry {
    size_t region; /* or CCAP_REGION_ALL */
    double rates[CCAP_CHILDCARE_AGES];
} takeup_entry;

struct ccap_childcare_takeup {
    takeup_entry *entries;
    size_t n, cap;
};

ccap_childcare_takeup *
ccap_childcare_takeup_alloc(void)
{
    return calloc(1, sizeof(ccap_childcare_takeup));
}

void
ccap_childcare_takeup_free(ccap_childcare_takeup *takeup)
{
    if (takeup == NULL)
        return;
    free(takeup->entries);
    free(takeup);
}

size_t
ccap_childcare_takeup_count(const ccap_childcare_takeup *takeup)
{
    return takeup == NULL ? 0 : takeup->n;
}

static size_t
takeup_index(const ccap_childcare_takeup *takeup, size_t region)
{
    size_t i;

    for (i = 0; i < takeup->n; i++) {
        if (takeup->entries[i].region == region)
            return i;
    }
    return NONE;
}

int
ccap_childcare_takeup_set(ccap_childcare_takeup *takeup, size_t region, const double rates[],
                          size_t n_rates)
{
    takeup_entry *entries;
    size_t a;

    if (takeup == NULL || rates == NULL || n_rates != CCAP_CHILDCARE_AGES)
        return CCAP_EINVAL;
    for (a = 0; a < n_rates; a++) {
        if (!is_rate(rates[a]))
            return CCAP_EDOM;
    }
    if (takeup_index(takeup, region) != NONE)
        return CCAP_EEXIST;
    entries = ccap__grow(takeup->entries, &takeup->cap, takeup->n + 1, sizeof *entries);
    if (entries == NULL)
        return CCAP_ENOMEM;
    takeup->entries = entries;
    entries[takeup->n].region = region;
    memcpy(entries[takeup->n].rates, rates, sizeof entries[takeup->n].rates);
    takeup->n++;
    return CCAP_OK;
}

int
ccap_childcare_takeup_find(const ccap_childcare_takeup *takeup, size_t region,
                           const double **rates_out)
{
    size_t i;

    if (rates_out == NULL)
        return CCAP_EINVAL;
    *rates_out = NULL;
    if (takeup == NULL)
        return CCAP_EINVAL;
    i = takeup_index(takeup, region);
    if (i == NONE)
        i = takeup_index(takeup, CCAP_REGION_ALL);
    if (i == NONE)
        return CCAP_ENOTFOUND;
    *rates_out = takeup->entries[i].rates;
    return CCAP_OK;
}

int
ccap_childcare_takeup_get(const ccap_childcare_takeup *takeup, size_t index, size_t *region_out,
                          const double **rates_out)
{
    if (takeup == NULL || index >= takeup->n)
        return CCAP_EINVAL;
    if (region_out != NULL)
        *region_out = takeup->entries[index].region;
    if (rates_out != NULL)
        *rates_out = takeup->entries[index].rates;
    return CCAP_OK;
}

/* ---- targets ---- */

int
ccap_childcare_target_find(const ccap_schedule *targets, size_t region, int year,
                           double *per_1000_out, int *year_out)
{
    size_t i, best = NONE, best_region = NONE;
    int best_year = 0;

    if (per_1000_out == NULL)
        return CCAP_EINVAL;
    *per_1000_out = NAN;
    if (targets == NULL || region == CCAP_REGION_ALL || ccap_schedule_n_ages(targets) != 1)
        return CCAP_EINVAL;
    for (i = 0; i < ccap_schedule_count(targets); i++) {
        size_t r;
        int y;
        ccap_sex sex;

        ccap_schedule_get(targets, i, &r, &y, &sex, NULL);
        if (sex != CCAP_SEX_BOTH || (r != region && r != CCAP_REGION_ALL) || y > year)
            continue;
        /* the latest year wins; on equal years the region's own entry wins over '*' */
        if (best == NONE || y > best_year || (y == best_year && r == region && best_region != r)) {
            best = i;
            best_year = y;
            best_region = r;
        }
    }
    if (best == NONE)
        return CCAP_ENOTFOUND;
    {
        const double *v;
        ccap_schedule_get(targets, best, NULL, NULL, NULL, &v);
        *per_1000_out = v[0];
    }
    if (year_out != NULL)
        *year_out = best_year;
    return CCAP_OK;
}

/* ---- the table of metrics ---- */

static void
poison_row(ccap_childcare_row *row)
{
    row->population = row->under3 = row->slots = row->inclusive_slots = row->enrolled = NAN;
    row->per_1000 = row->coverage_per_100 = row->utilisation = row->inclusive_share = NAN;
    row->demand = row->demand_slots = NAN;
}

/* A region's population over [lo, hi): its own data, else the sum over its children. */
static int
population_sum(const ccap_population *pop, const ccap_regions *regions, size_t region, size_t lo,
               size_t hi, double *sum_out)
{
    size_t k, n_children;

    if (ccap_population_has_region(pop, region))
        return ccap_population_sum_ages(pop, region, CCAP_SEX_BOTH, lo, hi, sum_out);
    n_children = ccap_regions_n_children(regions, region);
    if (n_children == 0)
        return CCAP_ENOTFOUND;
    *sum_out = 0.0;
    for (k = 0; k < n_children; k++) {
        double s;
        int status =
            population_sum(pop, regions, ccap_regions_child(regions, region, k), lo, hi, &s);
        if (status != CCAP_OK)
            return status;
        *sum_out += s;
    }
    return CCAP_OK;
}

/* Everything but the region index: sizes, state, age grid, occupancy. */
static int
check_metrics(const ccap_population *pop, const ccap_regions *regions,
              const ccap_childcare_inventory *inv, const ccap_childcare_takeup *takeup,
              double occupancy)
{
    const size_t n = ccap_regions_count(regions);

    if (pop == NULL || regions == NULL || inv == NULL)
        return CCAP_EINVAL;
    if (ccap_population_n_regions(pop) != n || inv->n_regions != n)
        return CCAP_EINVAL;
    if (!ccap_regions_is_finished(regions))
        return CCAP_ESTATE;
    if (ccap_population_age_width(pop) != 1 || ccap_population_open_age(pop) < CCAP_CHILDCARE_AGES)
        return CCAP_EDOM;
    if (takeup != NULL && !(occupancy > 0.0 && occupancy <= 1.0))
        return CCAP_EDOM;
    return CCAP_OK;
}

/* Demand of a region: with its own population data, Σ U_a t_a with its own rates (or '*');
 * else the sum over its children.  NAN (and CCAP_OK) when some population data are missing;
 * CCAP_ENOTFOUND when a region with data has no rates. */
static int
region_demand(const ccap_population *pop, const ccap_regions *regions,
              const ccap_childcare_takeup *takeup, size_t region, double *demand_out)
{
    size_t k, n_children;
    int status;

    *demand_out = NAN;
    if (ccap_population_has_region(pop, region)) {
        double children[CCAP_CHILDCARE_AGES];
        const double *rates;
        size_t a;

        if ((status = ccap_childcare_takeup_find(takeup, region, &rates)) != CCAP_OK)
            return status;
        for (a = 0; a < CCAP_CHILDCARE_AGES; a++) {
            status = ccap_population_sum_ages(pop, region, CCAP_SEX_BOTH, a, a + 1, &children[a]);
            if (status != CCAP_OK)
                return status;
        }
        return ccap_childcare_demand(children, rates, CCAP_CHILDCARE_AGES, demand_out);
    }
    n_children = ccap_regions_n_children(regions, region);
    if (n_children == 0)
        return CCAP_OK; /* no data: NAN */
    *demand_out = 0.0;
    for (k = 0; k < n_children; k++) {
        double d;

        status = region_demand(pop, regions, takeup, ccap_regions_child(regions, region, k), &d);
        if (status != CCAP_OK)
            return status;
        *demand_out += d; /* a child without data makes the sum NAN */
    }
    return CCAP_OK;
}

/* One row, arguments already checked. */
static int
metrics_row(const ccap_population *pop, const ccap_regions *regions,
            const ccap_childcare_inventory *inv, int year, const ccap_childcare_takeup *takeup,
            double occupancy, size_t region, ccap_childcare_row *row)
{
    double e;
    int status;

    row->region = region;
    row->depth = ccap_regions_depth(regions, region);
    poison_row(row);

    status = population_sum(pop, regions, region, 0, CCAP_AGE_OPEN, &row->population);
    if (status == CCAP_OK)
        status = population_sum(pop, regions, region, 0, CCAP_CHILDCARE_AGES, &row->under3);
    if (status == CCAP_ENOTFOUND)
        row->population = row->under3 = NAN;
    else if (status != CCAP_OK)
        return status;

    status = region_total(inv, regions, region, year, CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_ANY,
                          &row->slots, &row->enrolled);
    if (status == CCAP_OK)
        status = region_total(inv, regions, region, year, CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_YES,
                              &row->inclusive_slots, &e);
    if (status == CCAP_ENOTFOUND)
        row->slots = row->enrolled = row->inclusive_slots = NAN;
    else if (status != CCAP_OK)
        return status;

    if (takeup != NULL) {
        if ((status = region_demand(pop, regions, takeup, region, &row->demand)) != CCAP_OK)
            return status;
        ccap_childcare_demand_slots(row->demand, occupancy, &row->demand_slots);
    }
    /* Each ratio stays NAN when an input is unknown or its denominator is zero. */
    ccap_childcare_rate_per_1000(row->slots, row->population, &row->per_1000);
    ccap_childcare_coverage_per_100(row->slots, row->under3, &row->coverage_per_100);
    ccap_childcare_utilisation(row->enrolled, row->slots, &row->utilisation);
    ccap_childcare_inclusive_share(row->inclusive_slots, row->slots, &row->inclusive_share);
    return CCAP_OK;
}

int
ccap_childcare_metrics_row(const ccap_population *pop, const ccap_regions *regions,
                           const ccap_childcare_inventory *inv, int year,
                           const ccap_childcare_takeup *takeup, double occupancy, size_t region,
                           ccap_childcare_row *row_out)
{
    int status;

    if (row_out == NULL)
        return CCAP_EINVAL;
    row_out->region = region;
    row_out->depth = NONE;
    poison_row(row_out);
    if ((status = check_metrics(pop, regions, inv, takeup, occupancy)) != CCAP_OK)
        return status;
    if (region >= ccap_regions_count(regions))
        return CCAP_EINVAL;
    status = metrics_row(pop, regions, inv, year, takeup, occupancy, region, row_out);
    if (status != CCAP_OK)
        poison_row(row_out);
    return status;
}

int
ccap_childcare_metrics_table(const ccap_population *pop, const ccap_regions *regions,
                             const ccap_childcare_inventory *inv, int year,
                             const ccap_childcare_takeup *takeup, double occupancy,
                             ccap_childcare_row rows_out[], size_t n_rows)
{
    size_t k;
    int status;

    if (rows_out == NULL)
        return CCAP_EINVAL;
    for (k = 0; k < n_rows; k++) {
        rows_out[k].region = NONE;
        rows_out[k].depth = NONE;
        poison_row(&rows_out[k]);
    }
    if ((status = check_metrics(pop, regions, inv, takeup, occupancy)) != CCAP_OK)
        return status;
    if (n_rows != ccap_regions_count(regions))
        return CCAP_EINVAL;
    for (k = 0; k < n_rows; k++) {
        status = metrics_row(pop, regions, inv, year, takeup, occupancy,
                             ccap_regions_preorder(regions, k), &rows_out[k]);
        if (status != CCAP_OK) {
            size_t j;
            for (j = 0; j <= k; j++)
                poison_row(&rows_out[j]);
            return status;
        }
    }
    return CCAP_OK;
}
