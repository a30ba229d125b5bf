/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Spatial access to childcare: the provider register, areas, travel times, the two-step
 * floating catchment area method (2SFCA, Luo and Wang 2003; E2SFCA with a Gaussian decay,
 * Luo and Qi 2009, Dai 2010), deserts and a greedy choice of where to build.
 *
 * The catchment pairs (area, provider, weight) are found once and kept in two compressed
 * lists, by provider and by area; every later step (access, the build steps) runs over
 * them only.  Without a time matrix the pairs come from a grid on the coordinates whose
 * cells are at least a catchment wide, so that only the 3 x 3 cells around an area can
 * hold a provider within reach (docs/methods.md gives the bound).
 */

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

#include <ccap/ccap_access.h>
#include <ccap/ccap_date.h>

#define NONE SIZE_MAX
/* Mean radius of the Earth, km (IUGG R1). */
#define EARTH_KM 6371.0088
#define DEG (3.14159265358979323846 / 180.0)
#define SLOTS_MAX 1e12
#define SITES_MAX 1000000

int
ccap_access_check_lonlat(double lon, double lat)
{
    const int lon_ok = lon >= CCAP_ACCESS_LON_MIN && lon <= CCAP_ACCESS_LON_MAX;
    const int lat_ok = lat >= CCAP_ACCESS_LAT_MIN && lat <= CCAP_ACCESS_LAT_MAX;

    if (lon_ok && lat_ok)
        return CCAP_OK;
    if (lat >= CCAP_ACCESS_LON_MIN && lat <= CCAP_ACCESS_LON_MAX && lon >= CCAP_ACCESS_LAT_MIN &&
        lon <= CCAP_ACCESS_LAT_MAX)
        return CCAP_ERANGE;
    return CCAP_EDOM;
}

double
ccap_access_distance_km(double lon1, double lat1, double lon2, double lat2)
{
    double h;

    if (!isfinite(lon1) || !isfinite(lat1) || !isfinite(lon2) || !isfinite(lat2))
        return NAN;
    h = pow(sin((lat2 - lat1) * DEG / 2.0), 2.0) +
        cos(lat1 * DEG) * cos(lat2 * DEG) * pow(sin((lon2 - lon1) * DEG / 2.0), 2.0);
    if (h > 1.0)
        h = 1.0;
    return 2.0 * EARTH_KM * asin(sqrt(h));
}

/* ---- keyed lists of records with copied strings ---- */

static uint64_t
hash_text(const char *s)
{
    return ccap__hash_bytes(s, strlen(s), 0x6163636573730000u);
}

static char *
dup_or_empty(const char *s)
{
    return ccap__strdup(s != NULL ? s : "");
}

struct ccap_access_providers {
    ccap_access_provider *v; /* the strings point into own[] */
    char **own;              /* 4 per provider: id, name, region, township */
    size_t n, cap, own_cap;
    ccap__index idx;
};

static int
provider_eq(size_t element, const void *key, const void *payload)
{
    const ccap_access_providers *p = payload;
    return strcmp(p->v[element].id, key) == 0;
}

ccap_access_providers *
ccap_access_providers_alloc(void)
{
    ccap_access_providers *p = calloc(1, sizeof *p);

    if (p != NULL)
        ccap__index_init(&p->idx);
    return p;
}

void
ccap_access_providers_free(ccap_access_providers *providers)
{
    size_t i;

    if (providers == NULL)
        return;
    for (i = 0; i < 4 * providers->n; i++)
        free(providers->own[i]);
    free(providers->own);
    free(providers->v);
    ccap__index_free(&providers->idx);
    free(providers);
}

size_t
ccap_access_providers_count(const ccap_access_providers *providers)
{
    return providers != NULL ? providers->n : 0;
}

static int
check_year(int year)
{
    return year == 0 || (year >= CCAP_YEAR_MIN && year <= CCAP_YEAR_MAX);
}

static int
check_provider(const ccap_access_provider *p)
{
    int status;

    if (p->id == NULL || p->id[0] == '\0')
        return CCAP_EINVAL;
    if ((int)p->provider < 0 || (int)p->provider >= CCAP_N_PROVIDERS ||
        (p->inclusive != CCAP_INCLUSIVE_YES && p->inclusive != CCAP_INCLUSIVE_NO))
        return CCAP_EINVAL;
    if ((status = ccap_access_check_lonlat(p->lon, p->lat)) != CCAP_OK)
        return status;
    if (!(p->slots >= 0.0 && p->slots <= SLOTS_MAX) ||
        (!isnan(p->enrolled) && !(p->enrolled >= 0.0 && p->enrolled <= SLOTS_MAX)) ||
        (!isnan(p->fee_month) && !(p->fee_month >= 0.0 && p->fee_month <= 1e9)))
        return CCAP_EDOM;
    if (!check_year(p->opened) || !check_year(p->closed) ||
        (p->opened != 0 && p->closed != 0 && p->closed <= p->opened))
        return CCAP_EDOM;
    return CCAP_OK;
}

int
ccap_access_providers_add(ccap_access_providers *providers, const ccap_access_provider *provider,
                          size_t *dup_out)
{
    ccap_access_provider *e;
    ccap_access_providers *p = providers;
    char **own;
    uint64_t h;
    size_t found, k;
    void *grown;
    int status = CCAP_ENOMEM;

    if (p == NULL || provider == NULL)
        return CCAP_EINVAL;
    if ((status = check_provider(provider)) != CCAP_OK)
        return status;
    h = hash_text(provider->id);
    found = ccap__index_find(&p->idx, h, provider->id, provider_eq, p);
    if (found != NONE) {
        if (dup_out != NULL)
            *dup_out = found;
        return CCAP_EEXIST;
    }
    if ((grown = ccap__grow(p->v, &p->cap, p->n + 1, sizeof *p->v)) == NULL)
        return CCAP_ENOMEM;
    p->v = grown;
    if ((grown = ccap__grow(p->own, &p->own_cap, 4 * (p->n + 1), sizeof *p->own)) == NULL)
        return CCAP_ENOMEM;
    p->own = grown;
    own = &p->own[4 * p->n];
    own[0] = ccap__strdup(provider->id);
    own[1] = dup_or_empty(provider->name);
    own[2] = dup_or_empty(provider->region);
    own[3] = dup_or_empty(provider->township);
    if (own[0] == NULL || own[1] == NULL || own[2] == NULL || own[3] == NULL ||
        (status = ccap__index_insert(&p->idx, h, p->n)) != CCAP_OK) {
        for (k = 0; k < 4; k++)
            free(own[k]);
        return status == CCAP_ERANGE ? CCAP_ERANGE : CCAP_ENOMEM;
    }
    e = &p->v[p->n];
    *e = *provider;
    e->id = own[0];
    e->name = own[1];
    e->region = own[2];
    e->township = own[3];
    p->n++;
    return CCAP_OK;
}

int
ccap_access_providers_get(const ccap_access_providers *providers, size_t index,
                          ccap_access_provider *out)
{
    if (providers == NULL || out == NULL || index >= providers->n)
        return CCAP_EINVAL;
    *out = providers->v[index];
    return CCAP_OK;
}

int
ccap_access_providers_find(const ccap_access_providers *providers, const char *id,
                           size_t *index_out)
{
    size_t found;

    if (providers == NULL || id == NULL || index_out == NULL)
        return CCAP_EINVAL;
    found = ccap__index_find(&providers->idx, hash_text(id), id, provider_eq, providers);
    if (found == NONE)
        return CCAP_ENOTFOUND;
    *index_out = found;
    return CCAP_OK;
}

int
ccap_access_providers_inventory(const ccap_access_providers *providers, const ccap_regions *regions,
                                int year, ccap_childcare_inventory **out, ccap_diag *diag)
{
    /* one cell per region, type and flag: slots, enrolled, providers, providers with enrolled */
    const size_t per_region = (size_t)CCAP_N_PROVIDERS * 2;
    ccap_childcare_inventory *inv = NULL;
    double *slots = NULL, *enrolled = NULL;
    size_t *count = NULL, *known = NULL, n_cells = 0, i, c;
    int status = CCAP_OK;

    ccap_diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (providers == NULL || regions == NULL || out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "NULL argument");
    if (!ccap_regions_is_finished(regions))
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL,
                              "the region table is not finished");
    if (year < CCAP_YEAR_MIN || year > CCAP_YEAR_MAX)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "year %d is outside %d-%d", year,
                              CCAP_YEAR_MIN, CCAP_YEAR_MAX);
    if (CCAP__CELLS(&n_cells, sizeof(double), ccap_regions_count(regions), per_region) != CCAP_OK)
        return ccap__diag_set(diag, CCAP_ERANGE, NULL, 0, 0, NULL, "too many regions");
    inv = ccap_childcare_inventory_alloc(ccap_regions_count(regions));
    slots = calloc(n_cells, sizeof *slots);
    enrolled = calloc(n_cells, sizeof *enrolled);
    count = calloc(n_cells, sizeof *count);
    known = calloc(n_cells, sizeof *known);
    if (inv == NULL || slots == NULL || enrolled == NULL || count == NULL || known == NULL) {
        status = ccap__diag_nomem(diag, NULL);
        goto out;
    }
    for (i = 0; i < providers->n; i++) {
        const ccap_access_provider *p = &providers->v[i];
        size_t region;

        if ((p->opened != 0 && p->opened > year) || (p->closed != 0 && p->closed <= year))
            continue;
        if (ccap_regions_find(regions, p->region, &region) != CCAP_OK) {
            status = ccap__diag_set(diag, CCAP_ENOTFOUND, NULL, 0, 0, "region",
                                    "provider '%s': %s region code '%s' (not in the region table)",
                                    p->id, p->region[0] == '\0' ? "no" : "unknown", p->region);
            goto out;
        }
        c = region * per_region + (size_t)p->provider * 2 + (size_t)p->inclusive;
        slots[c] += p->slots;
        count[c]++;
        if (!isnan(p->enrolled)) {
            enrolled[c] += p->enrolled;
            known[c]++;
        }
    }
    for (c = 0; c < n_cells; c++) {
        if (count[c] == 0)
            continue;
        status = ccap_childcare_inventory_add(
            inv, c / per_region, year, (ccap_provider)(c % per_region / 2), (ccap_inclusive)(c % 2),
            slots[c], known[c] == count[c] ? &enrolled[c] : NULL, NULL);
        if (status != CCAP_OK) {
            ccap__diag_set(diag, status, NULL, 0, 0, NULL, "%s", ccap_strerror(status));
            goto out;
        }
    }
    *out = inv;
    inv = NULL;
out:
    ccap_childcare_inventory_free(inv);
    free(slots);
    free(enrolled);
    free(count);
    free(known);
    return status;
}

/* ---- areas ---- */

struct ccap_access_areas {
    ccap_access_area *v; /* the strings point into own[] */
    char **own;          /* 3 per area: code, name, region */
    size_t n, cap, own_cap;
    ccap__index idx;
};

static int
area_eq(size_t element, const void *key, const void *payload)
{
    const ccap_access_areas *a = payload;
    return strcmp(a->v[element].code, key) == 0;
}

ccap_access_areas *
ccap_access_areas_alloc(void)
{
    ccap_access_areas *a = calloc(1, sizeof *a);

    if (a != NULL)
        ccap__index_init(&a->idx);
    return a;
}

void
ccap_access_areas_free(ccap_access_areas *areas)
{
    size_t i;

    if (areas == NULL)
        return;
    for (i = 0; i < 3 * areas->n; i++)
        free(areas->own[i]);
    free(areas->own);
    free(areas->v);
    ccap__index_free(&areas->idx);
    free(areas);
}

size_t
ccap_access_areas_count(const ccap_access_areas *areas)
{
    return areas != NULL ? areas->n : 0;
}

int
ccap_access_areas_add(ccap_access_areas *areas, const ccap_access_area *area, size_t *dup_out)
{
    ccap_access_area *e;
    char **own;
    uint64_t h;
    size_t found, k;
    void *grown;
    int status = CCAP_ENOMEM;

    if (areas == NULL || area == NULL || area->code == NULL || area->code[0] == '\0')
        return CCAP_EINVAL;
    if ((status = ccap_access_check_lonlat(area->lon, area->lat)) != CCAP_OK)
        return status;
    if (!(area->children >= 0.0 && area->children <= SLOTS_MAX))
        return CCAP_EDOM;
    h = hash_text(area->code);
    found = ccap__index_find(&areas->idx, h, area->code, area_eq, areas);
    if (found != NONE) {
        if (dup_out != NULL)
            *dup_out = found;
        return CCAP_EEXIST;
    }
    if ((grown = ccap__grow(areas->v, &areas->cap, areas->n + 1, sizeof *areas->v)) == NULL)
        return CCAP_ENOMEM;
    areas->v = grown;
    if ((grown = ccap__grow(areas->own, &areas->own_cap, 3 * (areas->n + 1), sizeof *areas->own)) ==
        NULL)
        return CCAP_ENOMEM;
    areas->own = grown;
    own = &areas->own[3 * areas->n];
    own[0] = ccap__strdup(area->code);
    own[1] = dup_or_empty(area->name);
    own[2] = dup_or_empty(area->region);
    if (own[0] == NULL || own[1] == NULL || own[2] == NULL ||
        (status = ccap__index_insert(&areas->idx, h, areas->n)) != CCAP_OK) {
        for (k = 0; k < 3; k++)
            free(own[k]);
        return status == CCAP_ERANGE ? CCAP_ERANGE : CCAP_ENOMEM;
    }
    e = &areas->v[areas->n];
    *e = *area;
    e->code = own[0];
    e->name = own[1];
    e->region = own[2];
    areas->n++;
    return CCAP_OK;
}

int
ccap_access_areas_get(const ccap_access_areas *areas, size_t index, ccap_access_area *out)
{
    if (areas == NULL || out == NULL || index >= areas->n)
        return CCAP_EINVAL;
    *out = areas->v[index];
    return CCAP_OK;
}

int
ccap_access_areas_find(const ccap_access_areas *areas, const char *code, size_t *index_out)
{
    size_t found;

    if (areas == NULL || code == NULL || index_out == NULL)
        return CCAP_EINVAL;
    found = ccap__index_find(&areas->idx, hash_text(code), code, area_eq, areas);
    if (found == NONE)
        return CCAP_ENOTFOUND;
    *index_out = found;
    return CCAP_OK;
}

int
ccap_access_areas_share_children(ccap_access_areas *areas, const char *region, double total,
                                 size_t *n_out)
{
    double sum = 0.0;
    size_t i, n = 0;

    if (n_out != NULL)
        *n_out = 0;
    if (areas == NULL || region == NULL)
        return CCAP_EINVAL;
    if (!(total >= 0.0 && total <= SLOTS_MAX))
        return CCAP_EDOM;
    for (i = 0; i < areas->n; i++) {
        if (strcmp(areas->v[i].region, region) == 0) {
            sum += areas->v[i].children;
            n++;
        }
    }
    if (n_out != NULL)
        *n_out = n;
    if (n == 0)
        return CCAP_ENOTFOUND;
    if (!(sum > 0.0))
        return CCAP_EDOM;
    for (i = 0; i < areas->n; i++) {
        if (strcmp(areas->v[i].region, region) == 0)
            areas->v[i].children = total * (areas->v[i].children / sum);
    }
    return CCAP_OK;
}

/* ---- travel times ---- */

typedef struct pair {
    size_t area, provider;
    double minutes;
} pair;

struct ccap_access_times {
    size_t n_areas, n_providers;
    pair *v;
    size_t n, cap;
    ccap__index idx;
};

static uint64_t
hash_pair(size_t area, size_t provider)
{
    const size_t key[2] = {area, provider};
    return ccap__hash_bytes(key, sizeof key, 0x74696d6573000000u);
}

static int
pair_eq(size_t element, const void *key, const void *payload)
{
    const ccap_access_times *t = payload;
    const size_t *k = key;
    return t->v[element].area == k[0] && t->v[element].provider == k[1];
}

ccap_access_times *
ccap_access_times_alloc(size_t n_areas, size_t n_providers)
{
    ccap_access_times *t;

    if (n_areas == 0 || n_providers == 0)
        return NULL;
    if ((t = calloc(1, sizeof *t)) == NULL)
        return NULL;
    t->n_areas = n_areas;
    t->n_providers = n_providers;
    ccap__index_init(&t->idx);
    return t;
}

void
ccap_access_times_free(ccap_access_times *times)
{
    if (times == NULL)
        return;
    free(times->v);
    ccap__index_free(&times->idx);
    free(times);
}

size_t
ccap_access_times_count(const ccap_access_times *times)
{
    return times != NULL ? times->n : 0;
}

int
ccap_access_times_add(ccap_access_times *times, size_t area, size_t provider, double minutes,
                      size_t *dup_out)
{
    const size_t key[2] = {area, provider};
    uint64_t h;
    size_t found;
    void *grown;
    int status;

    if (times == NULL || area >= times->n_areas || provider >= times->n_providers)
        return CCAP_EINVAL;
    if (!(minutes >= 0.0 && minutes <= CCAP_ACCESS_MINUTES_MAX))
        return CCAP_EDOM;
    h = hash_pair(area, provider);
    found = ccap__index_find(&times->idx, h, key, pair_eq, times);
    if (found != NONE) {
        if (dup_out != NULL)
            *dup_out = found;
        return CCAP_EEXIST;
    }
    if ((grown = ccap__grow(times->v, &times->cap, times->n + 1, sizeof *times->v)) == NULL)
        return CCAP_ENOMEM;
    times->v = grown;
    if ((status = ccap__index_insert(&times->idx, h, times->n)) != CCAP_OK)
        return status;
    times->v[times->n].area = area;
    times->v[times->n].provider = provider;
    times->v[times->n].minutes = minutes;
    times->n++;
    return CCAP_OK;
}

/* ---- the result ---- */

struct ccap_access_result {
    const ccap_access_areas *areas;
    const ccap_access_providers *providers;
    ccap_access_options opt;
    size_t n_areas, n_providers, n_pairs;
    /* the pairs within the catchment, by provider (p_*) and by area (a_*) */
    size_t *p_start, *p_area;
    double *p_w;
    size_t *a_start, *a_provider;
    double *a_w;
    double *slots;  /* per provider, with any sites added */
    double *demand; /* D_j = sum of W P over the areas within reach */
    double *access; /* A_i */
    double *reach_slots;
    size_t *nearest;
    double *nearest_minutes;
    size_t unreached;
    size_t n_groups;
    size_t *area_group, *provider_group;
    ccap_access_group *groups;
    ccap_access_group total;
};

void
ccap_access_result_free(ccap_access_result *r)
{
    if (r == NULL)
        return;
    free(r->p_start);
    free(r->p_area);
    free(r->p_w);
    free(r->a_start);
    free(r->a_provider);
    free(r->a_w);
    free(r->slots);
    free(r->demand);
    free(r->access);
    free(r->reach_slots);
    free(r->nearest);
    free(r->nearest_minutes);
    free(r->area_group);
    free(r->provider_group);
    free(r->groups);
    free(r);
}

/* Allocate every array of a result of these sizes. */
static ccap_access_result *
result_alloc(size_t n_areas, size_t n_providers, size_t n_pairs)
{
    ccap_access_result *r = calloc(1, sizeof *r);
    const size_t np = n_pairs > 0 ? n_pairs : 1;

    if (r == NULL)
        return NULL;
    r->n_areas = n_areas;
    r->n_providers = n_providers;
    r->n_pairs = n_pairs;
    r->p_start = ccap__alloc(n_providers + 1, sizeof *r->p_start);
    r->p_area = ccap__alloc(np, sizeof *r->p_area);
    r->p_w = ccap__alloc(np, sizeof *r->p_w);
    r->a_start = ccap__alloc(n_areas + 1, sizeof *r->a_start);
    r->a_provider = ccap__alloc(np, sizeof *r->a_provider);
    r->a_w = ccap__alloc(np, sizeof *r->a_w);
    r->slots = ccap__alloc(n_providers, sizeof *r->slots);
    r->demand = ccap__alloc(n_providers, sizeof *r->demand);
    r->access = ccap__alloc(n_areas, sizeof *r->access);
    r->reach_slots = ccap__alloc(n_areas, sizeof *r->reach_slots);
    r->nearest = ccap__alloc(n_areas, sizeof *r->nearest);
    r->nearest_minutes = ccap__alloc(n_areas, sizeof *r->nearest_minutes);
    r->area_group = ccap__alloc(n_areas, sizeof *r->area_group);
    r->provider_group = ccap__alloc(n_providers, sizeof *r->provider_group);
    r->groups = ccap__alloc(n_areas, sizeof *r->groups);
    if (r->p_start == NULL || r->p_area == NULL || r->p_w == NULL || r->a_start == NULL ||
        r->a_provider == NULL || r->a_w == NULL || r->slots == NULL || r->demand == NULL ||
        r->access == NULL || r->reach_slots == NULL || r->nearest == NULL ||
        r->nearest_minutes == NULL || r->area_group == NULL || r->provider_group == NULL ||
        r->groups == NULL) {
        ccap_access_result_free(r);
        return NULL;
    }
    return r;
}

#define COPY(field, count) memcpy(c->field, r->field, (count) * sizeof *r->field)

static ccap_access_result *
result_clone(const ccap_access_result *r)
{
    ccap_access_result *c = result_alloc(r->n_areas, r->n_providers, r->n_pairs);

    if (c == NULL)
        return NULL;
    c->areas = r->areas;
    c->providers = r->providers;
    c->opt = r->opt;
    c->unreached = r->unreached;
    c->n_groups = r->n_groups;
    c->total = r->total;
    COPY(p_start, r->n_providers + 1);
    COPY(p_area, r->n_pairs);
    COPY(p_w, r->n_pairs);
    COPY(a_start, r->n_areas + 1);
    COPY(a_provider, r->n_pairs);
    COPY(a_w, r->n_pairs);
    COPY(slots, r->n_providers);
    COPY(demand, r->n_providers);
    COPY(access, r->n_areas);
    COPY(reach_slots, r->n_areas);
    COPY(nearest, r->n_areas);
    COPY(nearest_minutes, r->n_areas);
    COPY(area_group, r->n_areas);
    COPY(provider_group, r->n_providers);
    COPY(groups, r->n_groups);
    return c;
}

#undef COPY

/* W(t) within the catchment c. */
static double
weight(const ccap_access_options *opt, double minutes)
{
    double x, e;

    if (opt->method == CCAP_ACCESS_2SFCA)
        return 1.0;
    x = minutes / opt->catchment_minutes;
    e = exp(-0.5);
    return (exp(-0.5 * x * x) - e) / (1.0 - e);
}

static int
is_desert(const ccap_access_result *r, size_t i, double access)
{
    return r->areas->v[i].children > 0.0 && access * r->opt.desert_children_per_slot < 1.0;
}

/* Slots, demand, access, reachable slots and the desert totals from r->slots. */
static void
result_compute(ccap_access_result *r)
{
    size_t i, j, k, g;

    for (j = 0; j < r->n_providers; j++) {
        double d = 0.0;
        for (k = r->p_start[j]; k < r->p_start[j + 1]; k++)
            d += r->p_w[k] * r->areas->v[r->p_area[k]].children;
        r->demand[j] = d;
    }
    for (i = 0; i < r->n_areas; i++) {
        double a = 0.0, s = 0.0;
        for (k = r->a_start[i]; k < r->a_start[i + 1]; k++) {
            j = r->a_provider[k];
            if (r->demand[j] > 0.0)
                a += r->a_w[k] * r->slots[j] / r->demand[j];
            s += r->slots[j];
        }
        r->access[i] = a;
        r->reach_slots[i] = s;
    }
    for (g = 0; g < r->n_groups; g++) {
        r->groups[g].n_areas = r->groups[g].n_desert = 0;
        r->groups[g].children = r->groups[g].desert_children = r->groups[g].slots = 0.0;
    }
    memset(&r->total, 0, sizeof r->total);
    r->total.region = "";
    for (i = 0; i < r->n_areas; i++) {
        ccap_access_group *gr = &r->groups[r->area_group[i]];
        const double p = r->areas->v[i].children;
        const int desert = is_desert(r, i, r->access[i]);

        gr->n_areas++;
        gr->children += p;
        r->total.n_areas++;
        r->total.children += p;
        if (desert) {
            gr->n_desert++;
            gr->desert_children += p;
            r->total.n_desert++;
            r->total.desert_children += p;
        }
    }
    for (j = 0; j < r->n_providers; j++) {
        r->total.slots += r->slots[j];
        if (r->provider_group[j] != NONE)
            r->groups[r->provider_group[j]].slots += r->slots[j];
    }
    for (g = 0; g < r->n_groups; g++)
        r->groups[g].desert_share = r->groups[g].children > 0.0
                                        ? r->groups[g].desert_children / r->groups[g].children
                                        : (double)NAN;
    r->total.desert_share =
        r->total.children > 0.0 ? r->total.desert_children / r->total.children : (double)NAN;
}

static int
group_eq(size_t element, const void *key, const void *payload)
{
    const ccap_access_result *r = payload;
    return strcmp(r->groups[element].region, key) == 0;
}

/* The areas' regions in the order they first appear, and the region of each provider
 * among them (NONE when no area is in its region). */
static int
result_groups(ccap_access_result *r)
{
    ccap__index idx;
    size_t i, j;
    int status = CCAP_OK;

    ccap__index_init(&idx);
    r->n_groups = 0;
    for (i = 0; i < r->n_areas; i++) {
        const char *region = r->areas->v[i].region;
        const uint64_t h = hash_text(region);
        size_t g = ccap__index_find(&idx, h, region, group_eq, r);

        if (g == NONE) {
            g = r->n_groups;
            memset(&r->groups[g], 0, sizeof r->groups[g]);
            r->groups[g].region = region;
            if ((status = ccap__index_insert(&idx, h, g)) != CCAP_OK)
                goto out;
            r->n_groups++;
        }
        r->area_group[i] = g;
    }
    for (j = 0; j < r->n_providers; j++) {
        const char *region = r->providers->v[j].region;
        r->provider_group[j] = ccap__index_find(&idx, hash_text(region), region, group_eq, r);
    }
out:
    ccap__index_free(&idx);
    return status;
}

/* Growing list of pairs. */
typedef struct pair_list {
    pair *v;
    size_t n, cap;
} pair_list;

static int
pair_push(pair_list *l, size_t area, size_t provider, double minutes)
{
    void *grown;

    if (l->n == l->cap) {
        if ((grown = ccap__grow(l->v, &l->cap, l->n + 1, sizeof *l->v)) == NULL)
            return CCAP_ENOMEM;
        l->v = grown;
    }
    l->v[l->n].area = area;
    l->v[l->n].provider = provider;
    l->v[l->n].minutes = minutes;
    l->n++;
    return CCAP_OK;
}

static double
minutes_between(const ccap_access_area *a, const ccap_access_provider *p, double speed)
{
    return ccap_access_distance_km(a->lon, a->lat, p->lon, p->lat) / speed * 60.0;
}

/* Pairs within the catchment by straight line, through a grid on the providers. */
static int
pairs_by_distance(ccap_access_result *r, pair_list *l)
{
    const ccap_access_areas *areas = r->areas;
    const ccap_access_providers *prov = r->providers;
    const double speed = r->opt.speed_kmh, c = r->opt.catchment_minutes;
    const double radius = speed * c / 60.0; /* km */
    double lon0 = 1e9, lat0 = 1e9, lon1 = -1e9, lat1 = -1e9, latmax = 0.0, w, h, x;
    size_t nx, ny, n_cells, i, j, *start = NULL, *items = NULL, *fill = NULL;
    int status = CCAP_OK;

    for (j = 0; j < prov->n; j++) {
        lon0 = fmin(lon0, prov->v[j].lon);
        lon1 = fmax(lon1, prov->v[j].lon);
        lat0 = fmin(lat0, prov->v[j].lat);
        lat1 = fmax(lat1, prov->v[j].lat);
        latmax = fmax(latmax, fabs(prov->v[j].lat));
    }
    for (i = 0; i < areas->n; i++)
        latmax = fmax(latmax, fabs(areas->v[i].lat));
    /* Points two cells apart in latitude are more than h apart in angle, so at least
     * radius apart; in longitude, sin(d/2R) >= cos(latmax) sin(dlon/2) for any two points
     * at or below latmax, so a cell width w with cos(latmax) sin(w/2) = radius/2R keeps
     * points two cells apart beyond the radius too. */
    h = radius / EARTH_KM / DEG;
    x = radius / (2.0 * EARTH_KM * cos(latmax * DEG));
    w = x < 1.0 ? 2.0 * asin(x) / DEG : 360.0;
    /* Cells no smaller than needed to keep their number near that of the providers (larger
     * cells only hold more pairs to measure, never fewer); counted in doubles, so that a
     * radius of a micrometre cannot overflow them. */
    w = fmax(w, 1e-9);
    h = fmax(h, 1e-9);
    while ((floor((lon1 - lon0) / w) + 1.0) * (floor((lat1 - lat0) / h) + 1.0) >
           4.0 * (double)prov->n + 4096.0) {
        w *= 1.5;
        h *= 1.5;
    }
    nx = (size_t)((lon1 - lon0) / w) + 1;
    ny = (size_t)((lat1 - lat0) / h) + 1;
    n_cells = nx * ny;
    start = calloc(n_cells + 1, sizeof *start);
    fill = calloc(n_cells, sizeof *fill);
    items = ccap__alloc(prov->n, sizeof *items);
    if (start == NULL || fill == NULL || items == NULL) {
        status = CCAP_ENOMEM;
        goto out;
    }
#define CELL_X(lon) ((size_t)(((lon)-lon0) / w))
#define CELL_Y(lat) ((size_t)(((lat)-lat0) / h))
    for (j = 0; j < prov->n; j++)
        start[CELL_Y(prov->v[j].lat) * nx + CELL_X(prov->v[j].lon) + 1]++;
    for (i = 0; i < n_cells; i++)
        start[i + 1] += start[i];
    for (j = 0; j < prov->n; j++) {
        const size_t cell = CELL_Y(prov->v[j].lat) * nx + CELL_X(prov->v[j].lon);
        items[start[cell] + fill[cell]++] = j;
    }
    for (i = 0; i < areas->n; i++) {
        const ccap_access_area *a = &areas->v[i];
        /* the area's cell, clamped to one cell beyond the grid (further is as far) */
        const double fx = fmin(fmax(floor((a->lon - lon0) / w), -2.0), (double)nx + 1.0);
        const double fy = fmin(fmax(floor((a->lat - lat0) / h), -2.0), (double)ny + 1.0);
        double best = INFINITY;
        size_t best_j = NONE, found = 0;
        long cx, cy;

        for (cy = (long)fy - 1; cy <= (long)fy + 1; cy++) {
            if (cy < 0 || cy >= (long)ny)
                continue;
            for (cx = (long)fx - 1; cx <= (long)fx + 1; cx++) {
                size_t cell, k;
                if (cx < 0 || cx >= (long)nx)
                    continue;
                cell = (size_t)cy * nx + (size_t)cx;
                for (k = start[cell]; k < start[cell + 1]; k++) {
                    const double t = minutes_between(a, &prov->v[items[k]], speed);
                    if (t <= c) {
                        if ((status = pair_push(l, i, items[k], t)) != CCAP_OK)
                            goto out;
                        found++;
                    }
                    if (t < best || (!(t > best) && items[k] < best_j)) {
                        best = t;
                        best_j = items[k];
                    }
                }
            }
        }
        if (found == 0) { /* the nearest beyond the catchment: every provider */
            best = INFINITY;
            best_j = NONE;
            for (j = 0; j < prov->n; j++) {
                const double t = minutes_between(a, &prov->v[j], speed);
                if (t < best) {
                    best = t;
                    best_j = j;
                }
            }
        }
        r->nearest[i] = best_j;
        r->nearest_minutes[i] = best_j != NONE ? best : (double)NAN;
    }
#undef CELL_X
#undef CELL_Y
out:
    free(start);
    free(fill);
    free(items);
    return status;
}

/* Pairs within the catchment from the matrix; the nearest from every pair given. */
static int
pairs_by_times(ccap_access_result *r, const ccap_access_times *times, pair_list *l)
{
    size_t i, k;
    int status;

    for (i = 0; i < r->n_areas; i++) {
        r->nearest[i] = NONE;
        r->nearest_minutes[i] = NAN;
    }
    for (k = 0; k < times->n; k++) {
        const pair *p = &times->v[k];
        const double best = r->nearest_minutes[p->area];

        if (p->minutes <= r->opt.catchment_minutes &&
            (status = pair_push(l, p->area, p->provider, p->minutes)) != CCAP_OK)
            return status;
        if (isnan(best) || p->minutes < best ||
            (!(p->minutes > best) && p->provider < r->nearest[p->area])) {
            r->nearest[p->area] = p->provider;
            r->nearest_minutes[p->area] = p->minutes;
        }
    }
    return CCAP_OK;
}

static int
check_options(const ccap_access_options *o, int need_speed, ccap_diag *diag)
{
    if (o->version != CCAP_ACCESS_OPTIONS_VERSION)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL,
                              "options version %u, expected %u", o->version,
                              CCAP_ACCESS_OPTIONS_VERSION);
    if (o->method != CCAP_ACCESS_2SFCA && o->method != CCAP_ACCESS_E2SFCA)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "unknown method %d",
                              (int)o->method);
    if (!(o->catchment_minutes > 0.0 && o->catchment_minutes <= CCAP_ACCESS_MINUTES_MAX))
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, NULL,
                              "the catchment must be above 0 and at most %g minutes",
                              CCAP_ACCESS_MINUTES_MAX);
    if (need_speed && !(o->speed_kmh > 0.0 && o->speed_kmh <= 1000.0))
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, NULL,
                              "the speed must be above 0 and at most 1000 km/h");
    if (!(o->desert_children_per_slot > 0.0 && o->desert_children_per_slot <= 1e6))
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, NULL,
                              "the desert threshold must be above 0 children per slot");
    return CCAP_OK;
}

int
ccap_access_run(const ccap_access_areas *areas, const ccap_access_providers *providers,
                const ccap_access_times *times, const ccap_access_options *options,
                ccap_access_result **out, ccap_diag *diag)
{
    const ccap_access_options defaults = CCAP_ACCESS_OPTIONS_INIT;
    const ccap_access_options *o = options != NULL ? options : &defaults;
    ccap_access_result *r = NULL;
    pair_list l = {NULL, 0, 0};
    size_t i, j, k, *fill = NULL, first_unreached = NONE;
    int status;

    ccap_diag_clear(diag);
    if (out != NULL)
        *out = NULL;
    if (areas == NULL || providers == NULL || out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "NULL argument");
    if (areas->n == 0 || providers->n == 0)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "%s",
                              areas->n == 0 ? "no areas" : "no providers");
    if (times != NULL && (times->n_areas != areas->n || times->n_providers != providers->n))
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL,
                              "the time matrix is for %zu areas and %zu providers, not %zu and "
                              "%zu",
                              times->n_areas, times->n_providers, areas->n, providers->n);
    if ((status = check_options(o, times == NULL, diag)) != CCAP_OK)
        return status;
    /* the per-area and per-provider arrays first, the pairs once they are known */
    r = result_alloc(areas->n, providers->n, 0);
    if (r == NULL)
        return ccap__diag_nomem(diag, NULL);
    r->areas = areas;
    r->providers = providers;
    r->opt = *o;
    status = times != NULL ? pairs_by_times(r, times, &l) : pairs_by_distance(r, &l);
    if (status != CCAP_OK)
        goto fail;
    /* the compressed lists of the pairs, by provider and by area */
    free(r->p_area);
    free(r->p_w);
    free(r->a_provider);
    free(r->a_w);
    r->n_pairs = l.n;
    r->p_area = ccap__alloc(l.n > 0 ? l.n : 1, sizeof *r->p_area);
    r->p_w = ccap__alloc(l.n > 0 ? l.n : 1, sizeof *r->p_w);
    r->a_provider = ccap__alloc(l.n > 0 ? l.n : 1, sizeof *r->a_provider);
    r->a_w = ccap__alloc(l.n > 0 ? l.n : 1, sizeof *r->a_w);
    fill = calloc(areas->n + providers->n, sizeof *fill);
    if (r->p_area == NULL || r->p_w == NULL || r->a_provider == NULL || r->a_w == NULL ||
        fill == NULL) {
        status = CCAP_ENOMEM;
        goto fail;
    }
    memset(r->p_start, 0, (providers->n + 1) * sizeof *r->p_start);
    memset(r->a_start, 0, (areas->n + 1) * sizeof *r->a_start);
    for (k = 0; k < l.n; k++) {
        r->p_start[l.v[k].provider + 1]++;
        r->a_start[l.v[k].area + 1]++;
    }
    for (j = 0; j < providers->n; j++)
        r->p_start[j + 1] += r->p_start[j];
    for (i = 0; i < areas->n; i++)
        r->a_start[i + 1] += r->a_start[i];
    for (k = 0; k < l.n; k++) {
        const double wt = weight(o, l.v[k].minutes);
        const size_t pk = r->p_start[l.v[k].provider] + fill[areas->n + l.v[k].provider]++;
        const size_t ak = r->a_start[l.v[k].area] + fill[l.v[k].area]++;

        r->p_area[pk] = l.v[k].area;
        r->p_w[pk] = wt;
        r->a_provider[ak] = l.v[k].provider;
        r->a_w[ak] = wt;
    }
    for (j = 0; j < providers->n; j++)
        r->slots[j] = providers->v[j].slots;
    r->unreached = 0;
    for (i = 0; i < areas->n; i++) {
        if (r->a_start[i + 1] == r->a_start[i]) {
            if (r->unreached++ == 0)
                first_unreached = i;
        }
    }
    if ((status = result_groups(r)) != CCAP_OK)
        goto fail;
    result_compute(r);
    free(l.v);
    free(fill);
    if (r->unreached > 0) {
        const ccap_access_area *a = &areas->v[first_unreached];
        ccap__diag_set(diag, CCAP_OK, NULL, 0, 0, "area",
                       "%zu of %zu areas reach no provider within %g minutes, the first '%s'%s%s%s",
                       r->unreached, areas->n, o->catchment_minutes, a->code,
                       a->name[0] != '\0' ? " (" : "", a->name, a->name[0] != '\0' ? ")" : "");
    }
    *out = r;
    return CCAP_OK;
fail:
    free(l.v);
    free(fill);
    ccap_access_result_free(r);
    if (status == CCAP_ENOMEM)
        return ccap__diag_nomem(diag, NULL);
    return ccap__diag_set(diag, status, NULL, 0, 0, NULL, "%s", ccap_strerror(status));
}

int
ccap_access_result_area(const ccap_access_result *result, size_t index,
                        ccap_access_area_result *out)
{
    const ccap_access_result *r = result;

    if (r == NULL || out == NULL || index >= r->n_areas)
        return CCAP_EINVAL;
    out->children = r->areas->v[index].children;
    out->slots_reachable = r->reach_slots[index];
    out->n_reachable = r->a_start[index + 1] - r->a_start[index];
    out->access = r->access[index];
    out->desert = is_desert(r, index, r->access[index]);
    out->nearest = r->nearest[index];
    out->nearest_minutes = r->nearest_minutes[index];
    return CCAP_OK;
}

size_t
ccap_access_result_unreached(const ccap_access_result *result)
{
    return result != NULL ? result->unreached : 0;
}

size_t
ccap_access_result_n_groups(const ccap_access_result *result)
{
    return result != NULL ? result->n_groups : 0;
}

int
ccap_access_result_group(const ccap_access_result *result, size_t k, ccap_access_group *out)
{
    if (result == NULL || out == NULL || k >= result->n_groups)
        return CCAP_EINVAL;
    *out = result->groups[k];
    return CCAP_OK;
}

int
ccap_access_result_total(const ccap_access_result *result, ccap_access_group *out)
{
    if (result == NULL || out == NULL)
        return CCAP_EINVAL;
    *out = result->total;
    return CCAP_OK;
}

/* ---- where to build ---- */

/* What new slots s at provider c would change: children out of deserts, covered need. */
static void
site_gain(const ccap_access_result *r, size_t c, double s, double *desert_out, double *need_out)
{
    const double tau = 1.0 / r->opt.desert_children_per_slot;
    double desert = 0.0, need = 0.0;
    size_t k;

    *desert_out = *need_out = 0.0;
    if (!(r->demand[c] > 0.0))
        return;
    for (k = r->p_start[c]; k < r->p_start[c + 1]; k++) {
        const size_t i = r->p_area[k];
        const double p = r->areas->v[i].children, a = r->access[i];
        const double a2 = a + r->p_w[k] * s / r->demand[c];

        if (is_desert(r, i, a) && !is_desert(r, i, a2))
            desert += p;
        need += p * (fmin(a2, tau) - fmin(a, tau));
    }
    *desert_out = desert;
    *need_out = need;
}

static double
covered_need(const ccap_access_result *r)
{
    const double tau = 1.0 / r->opt.desert_children_per_slot;
    double need = 0.0;
    size_t i;

    for (i = 0; i < r->n_areas; i++)
        need += r->areas->v[i].children * fmin(r->access[i], tau);
    return need;
}

int
ccap_access_build(const ccap_access_result *before, const size_t *candidates, size_t n_candidates,
                  double site_slots, size_t n_sites, ccap_access_goal goal, ccap_access_step *steps,
                  ccap_access_result **after, ccap_diag *diag)
{
    ccap_access_result *r;
    size_t step, k, i;

    ccap_diag_clear(diag);
    if (after != NULL)
        *after = NULL;
    if (before == NULL || candidates == NULL || steps == NULL || n_candidates == 0)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL,
                              "NULL argument or no candidates");
    if (goal != CCAP_ACCESS_GOAL_DESERT && goal != CCAP_ACCESS_GOAL_NEED)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "unknown goal %d", (int)goal);
    for (k = 0; k < n_candidates; k++) {
        if (candidates[k] >= before->n_providers)
            return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL,
                                  "candidate %zu is provider %zu of %zu", k, candidates[k],
                                  before->n_providers);
    }
    if (!(site_slots > 0.0 && site_slots <= SLOTS_MAX) || n_sites == 0 || n_sites > SITES_MAX)
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, NULL,
                              "a site needs above 0 and at most 10^12 slots, and 1 to %d sites",
                              SITES_MAX);
    if ((r = result_clone(before)) == NULL)
        return ccap__diag_nomem(diag, NULL);
    for (step = 0; step < n_sites; step++) {
        double best_main = 0.0, best_tie = 0.0, best_demand = 0.0;
        size_t best = NONE;

        for (k = 0; k < n_candidates; k++) {
            const size_t c = candidates[k];
            double desert, need, main, tie;

            site_gain(r, c, site_slots, &desert, &need);
            main = goal == CCAP_ACCESS_GOAL_DESERT ? desert : need;
            tie = goal == CCAP_ACCESS_GOAL_DESERT ? need : desert;
            if (best == NONE
                    ? r->demand[c] > 0.0
                    : (main > best_main || (!(main < best_main) && tie > best_tie) ||
                       (!(main < best_main) && !(tie < best_tie) && r->demand[c] > best_demand))) {
                best = c;
                best_main = main;
                best_tie = tie;
                best_demand = r->demand[c];
            }
        }
        steps[step].provider = best;
        steps[step].slots = best != NONE ? site_slots : 0.0;
        if (best != NONE) {
            const double add = site_slots / r->demand[best];
            r->slots[best] += site_slots;
            for (k = r->p_start[best]; k < r->p_start[best + 1]; k++)
                r->access[r->p_area[k]] += r->p_w[k] * add;
        }
        steps[step].desert_children = 0.0;
        for (i = 0; i < r->n_areas; i++) {
            if (is_desert(r, i, r->access[i]))
                steps[step].desert_children += r->areas->v[i].children;
        }
        steps[step].covered_need = covered_need(r);
    }
    result_compute(r); /* the totals, and access again from the slots */
    if (after != NULL)
        *after = r;
    else
        ccap_access_result_free(r);
    return CCAP_OK;
}
