/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Published totals by region, year, sex and age range. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

typedef struct margin_key {
    size_t region;
    int year;
    int sex;
    size_t age_lo, age_hi;
} margin_key;

typedef struct item {
    margin_key key;
    double value;
    char *note; /* NULL for none */
} item;

struct ccap_margins {
    item *items;
    size_t n, cap;
    ccap__index by_key;
};

ccap_margins *
ccap_margins_alloc(void)
{
    ccap_margins *m = calloc(1, sizeof *m);

    if (m != NULL)
        ccap__index_init(&m->by_key);
    return m;
}

void
ccap_margins_free(ccap_margins *margins)
{
    size_t i;

    if (margins == NULL)
        return;
    for (i = 0; i < margins->n; i++)
        free(margins->items[i].note);
    free(margins->items);
    ccap__index_free(&margins->by_key);
    free(margins);
}

static uint64_t
key_hash(const margin_key *k)
{
    uint64_t h = ccap__hash_bytes(&k->region, sizeof k->region, 0);

    h = ccap__hash_bytes(&k->year, sizeof k->year, h);
    h = ccap__hash_bytes(&k->sex, sizeof k->sex, h);
    h = ccap__hash_bytes(&k->age_lo, sizeof k->age_lo, h);
    return ccap__hash_bytes(&k->age_hi, sizeof k->age_hi, h);
}

static int
key_eq(size_t element, const void *key, const void *payload)
{
    const margin_key *a = &((const ccap_margins *)payload)->items[element].key;
    const margin_key *b = key;

    return a->region == b->region && a->year == b->year && a->sex == b->sex &&
           a->age_lo == b->age_lo && a->age_hi == b->age_hi;
}

static size_t
lookup(const ccap_margins *m, const margin_key *k)
{
    return ccap__index_find(&m->by_key, key_hash(k), k, key_eq, m);
}

static int
make_key(margin_key *k, size_t region, int year, ccap_sex sex, size_t age_lo, size_t age_hi)
{
    memset(k, 0, sizeof *k); /* padding too, as the key is hashed field by field */
    k->region = region;
    k->year = year;
    k->sex = (int)sex;
    k->age_lo = age_lo;
    k->age_hi = age_hi;
    if (sex != CCAP_SEX_FEMALE && sex != CCAP_SEX_MALE && sex != CCAP_SEX_BOTH)
        return CCAP_EINVAL;
    if (age_hi <= age_lo || age_lo == CCAP_AGE_OPEN)
        return CCAP_EDOM;
    return CCAP_OK;
}

int
ccap_margins_add(ccap_margins *margins, size_t region, int year, ccap_sex sex, size_t age_lo,
                 size_t age_hi, double value, const char *note, size_t *dup_out)
{
    margin_key key;
    size_t dup;
    char *copy = NULL;
    item *items;
    int status;

    if (margins == NULL)
        return CCAP_EINVAL;
    if ((status = make_key(&key, region, year, sex, age_lo, age_hi)) != CCAP_OK)
        return status;
    if (!isfinite(value) || value < 0.0)
        return CCAP_EDOM;
    if (note != NULL && note[0] != '\0') {
        if (strlen(note) > CCAP_MARGIN_NOTE_MAX || !ccap__utf8_valid(note, strlen(note), NULL) ||
            ccap__has_control(note))
            return CCAP_EDOM;
    }
    dup = lookup(margins, &key);
    if (dup != SIZE_MAX) {
        if (dup_out != NULL)
            *dup_out = dup;
        return CCAP_EEXIST;
    }
    items = ccap__grow(margins->items, &margins->cap, margins->n + 1, sizeof *items);
    if (items == NULL)
        return CCAP_ENOMEM;
    margins->items = items;
    if (note != NULL && note[0] != '\0' && (copy = ccap__strdup(note)) == NULL)
        return CCAP_ENOMEM;
    if (ccap__index_insert(&margins->by_key, key_hash(&key), margins->n) != CCAP_OK) {
        free(copy);
        return CCAP_ENOMEM;
    }
    margins->items[margins->n].key = key;
    margins->items[margins->n].value = value;
    margins->items[margins->n].note = copy;
    margins->n++;
    return CCAP_OK;
}

size_t
ccap_margins_count(const ccap_margins *margins)
{
    return margins == NULL ? 0 : margins->n;
}

int
ccap_margins_get(const ccap_margins *margins, size_t index, ccap_margin *out)
{
    const item *it;

    if (margins == NULL || out == NULL || index >= margins->n)
        return CCAP_EINVAL;
    it = &margins->items[index];
    out->region = it->key.region;
    out->year = it->key.year;
    out->sex = (ccap_sex)it->key.sex;
    out->age_lo = it->key.age_lo;
    out->age_hi = it->key.age_hi;
    out->value = it->value;
    out->note = it->note != NULL ? it->note : "";
    return CCAP_OK;
}

int
ccap_margins_find(const ccap_margins *margins, size_t region, int year, ccap_sex sex,
                  size_t age_lo, size_t age_hi, double *value_out)
{
    margin_key key;
    size_t i;
    int status;

    if (value_out == NULL)
        return CCAP_EINVAL;
    *value_out = NAN;
    if (margins == NULL)
        return CCAP_EINVAL;
    if ((status = make_key(&key, region, year, sex, age_lo, age_hi)) != CCAP_OK)
        return status == CCAP_EDOM ? CCAP_ENOTFOUND : status;
    i = lookup(margins, &key);
    if (i == SIZE_MAX)
        return CCAP_ENOTFOUND;
    *value_out = margins->items[i].value;
    return CCAP_OK;
}

const char *
ccap_margin_ages_label(const ccap_margin *margin, char *buf, size_t size)
{
    if (buf == NULL || size == 0)
        return NULL;
    if (margin == NULL)
        buf[0] = '\0';
    else if (margin->age_lo == 0 && margin->age_hi == CCAP_AGE_OPEN)
        snprintf(buf, size, "total");
    else if (margin->age_hi == CCAP_AGE_OPEN)
        snprintf(buf, size, "%zu+", margin->age_lo);
    else if (margin->age_hi == margin->age_lo + 1)
        snprintf(buf, size, "%zu", margin->age_lo);
    else
        snprintf(buf, size, "%zu-%zu", margin->age_lo, margin->age_hi - 1);
    return buf;
}

int
ccap_margins_children_sum(const ccap_margins *margins, const ccap_regions *regions,
                          size_t region, int year, ccap_sex sex, size_t age_lo, size_t age_hi,
                          double *sum_out)
{
    size_t n_children, k;
    double sum = 0.0, part;
    int status;

    if (sum_out == NULL)
        return CCAP_EINVAL;
    *sum_out = NAN;
    if (margins == NULL || regions == NULL || region >= ccap_regions_count(regions))
        return CCAP_EINVAL;
    if (!ccap_regions_is_finished(regions))
        return CCAP_ESTATE;
    n_children = ccap_regions_n_children(regions, region);
    if (n_children == 0)
        return CCAP_ENOTFOUND;
    for (k = 0; k < n_children; k++) {
        status = ccap_margins_find(margins, ccap_regions_child(regions, region, k), year, sex,
                                   age_lo, age_hi, &part);
        if (status != CCAP_OK)
            return status;
        sum += part;
    }
    *sum_out = sum;
    return CCAP_OK;
}
