/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Published vital statistics by region, year and measure. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

typedef struct vital_key {
    size_t region;
    int year;
    int measure;
} vital_key;

typedef struct item {
    vital_key key;
    double value;
    char *note; /* NULL for none */
    unsigned long line;
} item;

struct ccap_vitals {
    item *items;
    size_t n, cap;
    ccap__index by_key;
};

/* File names of the measures, in enum order. */
static const char *const measure_names[CCAP_VITALS_N_MEASURES] = {"births", "deaths", "population",
                                                                  "birth_rate", "death_rate"};

/* Chinese names as statistical bulletins write them: 出生人口 / 出生数 births, 死亡人口 /
 * 死亡数 deaths, 年末常住人口 / 常住人口 year-end resident population, 出生率 and 死亡率
 * the crude rates per 1,000 (‰). */
static const struct {
    const char *name;
    ccap_vitals_measure measure;
} measure_aliases[] = {
    {"出生人口", CCAP_VITALS_BIRTHS},         {"出生数", CCAP_VITALS_BIRTHS},
    {"死亡人口", CCAP_VITALS_DEATHS},         {"死亡数", CCAP_VITALS_DEATHS},
    {"年末常住人口", CCAP_VITALS_POPULATION}, {"常住人口", CCAP_VITALS_POPULATION},
    {"出生率", CCAP_VITALS_BIRTH_RATE},       {"死亡率", CCAP_VITALS_DEATH_RATE},
};

static int
measure_valid(ccap_vitals_measure measure)
{
    return (int)measure >= 0 && (int)measure < CCAP_VITALS_N_MEASURES;
}

const char *
ccap_vitals_measure_name(ccap_vitals_measure measure)
{
    return measure_valid(measure) ? measure_names[measure] : "unknown";
}

int
ccap_vitals_measure_parse(const char *name, ccap_vitals_measure *measure_out)
{
    size_t i;

    if (name == NULL || measure_out == NULL)
        return CCAP_EINVAL;
    for (i = 0; i < CCAP_VITALS_N_MEASURES; i++) {
        if (ccap__ascii_casecmp_eq(name, measure_names[i])) {
            *measure_out = (ccap_vitals_measure)i;
            return CCAP_OK;
        }
    }
    for (i = 0; i < sizeof measure_aliases / sizeof measure_aliases[0]; i++) {
        if (strcmp(name, measure_aliases[i].name) == 0) {
            *measure_out = measure_aliases[i].measure;
            return CCAP_OK;
        }
    }
    return CCAP_ENOTFOUND;
}

/* Is value in the range of the measure (see the table in ccap_vitals.h)?  NaN never is. */
static int
value_valid(ccap_vitals_measure measure, double value)
{
    switch (measure) {
    case CCAP_VITALS_BIRTHS:
    case CCAP_VITALS_DEATHS:
        return value >= 0.0 && value <= CCAP_VITALS_COUNT_MAX;
    case CCAP_VITALS_POPULATION:
        return value > 0.0 && value <= CCAP_VITALS_POPULATION_MAX;
    case CCAP_VITALS_BIRTH_RATE:
    case CCAP_VITALS_DEATH_RATE:
        return value >= 0.0 && value <= CCAP_VITALS_RATE_MAX;
    default:
        return 0;
    }
}

ccap_vitals *
ccap_vitals_alloc(void)
{
    ccap_vitals *v = calloc(1, sizeof *v);

    if (v != NULL)
        ccap__index_init(&v->by_key);
    return v;
}

void
ccap_vitals_free(ccap_vitals *vitals)
{
    size_t i;

    if (vitals == NULL)
        return;
    for (i = 0; i < vitals->n; i++)
        free(vitals->items[i].note);
    free(vitals->items);
    ccap__index_free(&vitals->by_key);
    free(vitals);
}

static uint64_t
key_hash(const vital_key *k)
{
    uint64_t h = ccap__hash_bytes(&k->region, sizeof k->region, 0);

    h = ccap__hash_bytes(&k->year, sizeof k->year, h);
    return ccap__hash_bytes(&k->measure, sizeof k->measure, h);
}

static int
key_eq(size_t element, const void *key, const void *payload)
{
    const vital_key *a = &((const ccap_vitals *)payload)->items[element].key;
    const vital_key *b = key;

    return a->region == b->region && a->year == b->year && a->measure == b->measure;
}

static size_t
lookup(const ccap_vitals *v, const vital_key *k)
{
    return ccap__index_find(&v->by_key, key_hash(k), k, key_eq, v);
}

static void
make_key(vital_key *k, size_t region, int year, ccap_vitals_measure measure)
{
    memset(k, 0, sizeof *k); /* padding too, as the key is hashed field by field */
    k->region = region;
    k->year = year;
    k->measure = (int)measure;
}

int
ccap_vitals_add(ccap_vitals *vitals, size_t region, int year, ccap_vitals_measure measure,
                double value, const char *note, unsigned long line, size_t *dup_out)
{
    vital_key key;
    size_t dup;
    char *copy = NULL;
    item *items;

    if (vitals == NULL || !measure_valid(measure))
        return CCAP_EINVAL;
    if (year < CCAP_YEAR_MIN || year > CCAP_YEAR_MAX || !value_valid(measure, value))
        return CCAP_EDOM;
    if (note != NULL && note[0] != '\0') {
        if (strlen(note) > CCAP_VITALS_NOTE_MAX || !ccap__utf8_valid(note, strlen(note), NULL) ||
            ccap__has_control(note))
            return CCAP_EDOM;
    }
    make_key(&key, region, year, measure);
    dup = lookup(vitals, &key);
    if (dup != SIZE_MAX) {
        if (dup_out != NULL)
            *dup_out = dup;
        return CCAP_EEXIST;
    }
    items = ccap__grow(vitals->items, &vitals->cap, vitals->n + 1, sizeof *items);
    if (items == NULL)
        return CCAP_ENOMEM;
    vitals->items = items;
    if (note != NULL && note[0] != '\0' && (copy = ccap__strdup(note)) == NULL)
        return CCAP_ENOMEM;
    if (ccap__index_insert(&vitals->by_key, key_hash(&key), vitals->n) != CCAP_OK) {
        free(copy);
        return CCAP_ENOMEM;
    }
    vitals->items[vitals->n].key = key;
    vitals->items[vitals->n].value = value;
    vitals->items[vitals->n].note = copy;
    vitals->items[vitals->n].line = line;
    vitals->n++;
    return CCAP_OK;
}

size_t
ccap_vitals_count(const ccap_vitals *vitals)
{
    return vitals == NULL ? 0 : vitals->n;
}

int
ccap_vitals_get(const ccap_vitals *vitals, size_t index, ccap_vital *out)
{
    const item *it;

    if (vitals == NULL || out == NULL || index >= vitals->n)
        return CCAP_EINVAL;
    it = &vitals->items[index];
    out->region = it->key.region;
    out->year = it->key.year;
    out->measure = (ccap_vitals_measure)it->key.measure;
    out->value = it->value;
    out->note = it->note != NULL ? it->note : "";
    out->line = it->line;
    return CCAP_OK;
}

int
ccap_vitals_find(const ccap_vitals *vitals, size_t region, int year, ccap_vitals_measure measure,
                 double *value_out)
{
    vital_key key;
    size_t i;

    if (value_out == NULL)
        return CCAP_EINVAL;
    *value_out = NAN;
    if (vitals == NULL || !measure_valid(measure))
        return CCAP_EINVAL;
    make_key(&key, region, year, measure);
    i = lookup(vitals, &key);
    if (i == SIZE_MAX)
        return CCAP_ENOTFOUND;
    *value_out = vitals->items[i].value;
    return CCAP_OK;
}
