/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Age schedules by region, year and sex (see ccap_schedule.h). */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

/* All entries of one (region, sex) key, ordered by year. */
typedef struct group {
    size_t region; /* or CCAP_REGION_ALL */
    int sex;
    int *years;      /* ascending */
    size_t *offsets; /* into values, parallel to years */
    size_t n, cap_years, cap_offsets;
} group;

struct ccap_schedule {
    size_t *ages;
    size_t n_ages, age_end;
    group *groups;
    size_t n_groups, cap_groups;
    ccap__index by_key; /* (region, sex) -> group */
    size_t n_entries;
    double *values;
    size_t values_cap;
};

ccap_schedule *
ccap_schedule_alloc(const size_t ages[], size_t n_ages, size_t age_end)
{
    ccap_schedule *s;
    size_t i;

    if (ages == NULL || n_ages == 0 || n_ages > CCAP_SCHEDULE_AGES_MAX)
        return NULL;
    for (i = 0; i < n_ages; i++) {
        if (ages[i] > 1000 || (i > 0 && ages[i] <= ages[i - 1]))
            return NULL;
    }
    if (age_end != CCAP_AGE_OPEN && (age_end <= ages[n_ages - 1] || age_end > 1000))
        return NULL;
    s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->ages = ccap__alloc(n_ages, sizeof *s->ages);
    if (s->ages == NULL) {
        free(s);
        return NULL;
    }
    memcpy(s->ages, ages, n_ages * sizeof *ages);
    s->n_ages = n_ages;
    s->age_end = age_end;
    ccap__index_init(&s->by_key);
    return s;
}

void
ccap_schedule_free(ccap_schedule *schedule)
{
    size_t i;

    if (schedule == NULL)
        return;
    for (i = 0; i < schedule->n_groups; i++) {
        free(schedule->groups[i].years);
        free(schedule->groups[i].offsets);
    }
    free(schedule->groups);
    ccap__index_free(&schedule->by_key);
    free(schedule->ages);
    free(schedule->values);
    free(schedule);
}

size_t
ccap_schedule_n_ages(const ccap_schedule *schedule)
{
    return schedule == NULL ? 0 : schedule->n_ages;
}

const size_t *
ccap_schedule_ages(const ccap_schedule *schedule)
{
    return schedule == NULL ? NULL : schedule->ages;
}

size_t
ccap_schedule_age_end(const ccap_schedule *schedule)
{
    return schedule == NULL ? CCAP_AGE_OPEN : schedule->age_end;
}

size_t
ccap_schedule_count(const ccap_schedule *schedule)
{
    return schedule == NULL ? 0 : schedule->n_entries;
}

static int
sex_ok(ccap_sex sex)
{
    return sex == CCAP_SEX_FEMALE || sex == CCAP_SEX_MALE || sex == CCAP_SEX_BOTH;
}

typedef struct group_key {
    size_t region;
    int sex;
} group_key;

static uint64_t
key_hash(size_t region, int sex)
{
    return ccap__hash_bytes(&sex, sizeof sex, ccap__hash_bytes(&region, sizeof region, 0));
}

static int
key_eq(size_t element, const void *key, const void *payload)
{
    const group *g = &((const ccap_schedule *)payload)->groups[element];
    const group_key *k = key;

    return g->region == k->region && g->sex == k->sex;
}

static group *
find_group(const ccap_schedule *s, size_t region, int sex)
{
    group_key k;
    size_t i;

    k.region = region;
    k.sex = sex;
    i = ccap__index_find(&s->by_key, key_hash(region, sex), &k, key_eq, s);
    return i == SIZE_MAX ? NULL : &s->groups[i];
}

/* The group for a key, created when absent; NULL when out of memory. */
static group *
get_group(ccap_schedule *s, size_t region, int sex)
{
    group *g = find_group(s, region, sex), *groups;

    if (g != NULL)
        return g;
    groups = ccap__grow(s->groups, &s->cap_groups, s->n_groups + 1, sizeof *groups);
    if (groups == NULL)
        return NULL;
    s->groups = groups;
    if (ccap__index_insert(&s->by_key, key_hash(region, sex), s->n_groups) != CCAP_OK)
        return NULL;
    g = &s->groups[s->n_groups++];
    memset(g, 0, sizeof *g);
    g->region = region;
    g->sex = sex;
    return g;
}

int
ccap_schedule_add(ccap_schedule *schedule, size_t region, int year, ccap_sex sex,
                  const double values[], size_t n_values)
{
    group *g;
    double *store;
    int *years;
    size_t *offsets, i, pos;

    if (schedule == NULL || values == NULL || n_values != schedule->n_ages || !sex_ok(sex))
        return CCAP_EINVAL;
    for (i = 0; i < n_values; i++) {
        if (!isfinite(values[i]))
            return CCAP_EDOM;
    }
    g = find_group(schedule, region, (int)sex);
    if (g != NULL) {
        for (i = 0; i < g->n; i++) {
            if (g->years[i] == year)
                return CCAP_EEXIST;
        }
    }
    store = ccap__grow(schedule->values, &schedule->values_cap,
                       (schedule->n_entries + 1) * schedule->n_ages, sizeof *store);
    if (store == NULL)
        return CCAP_ENOMEM;
    schedule->values = store;
    g = get_group(schedule, region, (int)sex);
    if (g == NULL)
        return CCAP_ENOMEM;
    years = ccap__grow(g->years, &g->cap_years, g->n + 1, sizeof *years);
    if (years == NULL)
        return CCAP_ENOMEM;
    g->years = years;
    offsets = ccap__grow(g->offsets, &g->cap_offsets, g->n + 1, sizeof *offsets);
    if (offsets == NULL)
        return CCAP_ENOMEM;
    g->offsets = offsets;
    /* keep the years ascending */
    for (pos = g->n; pos > 0 && g->years[pos - 1] > year; pos--) {
        g->years[pos] = g->years[pos - 1];
        g->offsets[pos] = g->offsets[pos - 1];
    }
    g->years[pos] = year;
    g->offsets[pos] = schedule->n_entries * schedule->n_ages;
    g->n++;
    memcpy(store + schedule->n_entries * schedule->n_ages, values, n_values * sizeof *values);
    schedule->n_entries++;
    return CCAP_OK;
}

int
ccap_schedule_get(const ccap_schedule *schedule, size_t index, size_t *region_out, int *year_out,
                  ccap_sex *sex_out, const double **values_out)
{
    size_t i;

    if (schedule == NULL || index >= schedule->n_entries)
        return CCAP_EINVAL;
    for (i = 0; i < schedule->n_groups; i++) {
        const group *g = &schedule->groups[i];

        if (index < g->n) {
            if (region_out != NULL)
                *region_out = g->region;
            if (year_out != NULL)
                *year_out = g->years[index];
            if (sex_out != NULL)
                *sex_out = (ccap_sex)g->sex;
            if (values_out != NULL)
                *values_out = schedule->values + g->offsets[index];
            return CCAP_OK;
        }
        index -= g->n;
    }
    return CCAP_EINTERNAL;
}

int
ccap_schedule_find(const ccap_schedule *schedule, size_t region, int year, ccap_sex sex,
                   const double **values_out, int *year_out)
{
    /* In order of preference: own region and sex, own region both sexes, all regions own
     * sex, all regions both sexes; in each, the latest year not after `year`. */
    size_t regions[2], k, i;
    int sexes[2], n_sexes, j;

    if (values_out != NULL)
        *values_out = NULL;
    if (schedule == NULL || values_out == NULL || !sex_ok(sex) || region == CCAP_REGION_ALL)
        return CCAP_EINVAL;
    regions[0] = region;
    regions[1] = CCAP_REGION_ALL;
    sexes[0] = (int)sex;
    sexes[1] = (int)CCAP_SEX_BOTH;
    n_sexes = sex == CCAP_SEX_BOTH ? 1 : 2;
    for (k = 0; k < 2; k++) {
        for (j = 0; j < n_sexes; j++) {
            const group *g = find_group(schedule, regions[k], sexes[j]);

            if (g == NULL)
                continue;
            for (i = g->n; i-- > 0;) {
                if (g->years[i] <= year) {
                    *values_out = schedule->values + g->offsets[i];
                    if (year_out != NULL)
                        *year_out = g->years[i];
                    return CCAP_OK;
                }
            }
        }
    }
    return CCAP_ENOTFOUND;
}
