/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Targets of several kinds and the rule for the years between them (see ccap_targets.h). */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

typedef struct target_entry {
    size_t region; /* or CCAP_REGION_ALL */
    int year;
    ccap_target_measure measure;
    double value;
} target_entry;

struct ccap_targets {
    target_entry *e;
    size_t n, cap;
};

static const char *const measure_names[CCAP_TARGET_N_MEASURES] = {
    "slots_per_1000", "enrolment_rate", "inclusive_share"};

/* Other spellings: American English and the Chinese names of the indicators. */
static const struct {
    ccap_target_measure measure;
    const char *alias;
} measure_aliases[] = {
    {CCAP_TARGET_SLOTS_PER_1000, "每千人口托位数"},  {CCAP_TARGET_SLOTS_PER_1000, "每千人托位数"},
    {CCAP_TARGET_ENROLMENT_RATE, "enrollment_rate"}, {CCAP_TARGET_ENROLMENT_RATE, "入托率"},
    {CCAP_TARGET_ENROLMENT_RATE, "托育服务入托率"},  {CCAP_TARGET_INCLUSIVE_SHARE, "普惠托位占比"},
    {CCAP_TARGET_INCLUSIVE_SHARE, "普惠比例"},
};

static int
is_measure(ccap_target_measure m)
{
    return m >= CCAP_TARGET_SLOTS_PER_1000 && m <= CCAP_TARGET_INCLUSIVE_SHARE;
}

const char *
ccap_target_measure_name(ccap_target_measure measure)
{
    if (measure == CCAP_TARGET_NONE)
        return "none";
    return is_measure(measure) ? measure_names[measure] : "unknown";
}

int
ccap_target_measure_parse(const char *text, ccap_target_measure *measure_out)
{
    size_t i;

    if (text == NULL || measure_out == NULL)
        return CCAP_EINVAL;
    for (i = 0; i < CCAP_TARGET_N_MEASURES; i++) {
        if (ccap__ascii_casecmp_eq(text, measure_names[i])) {
            *measure_out = (ccap_target_measure)i;
            return CCAP_OK;
        }
    }
    for (i = 0; i < sizeof measure_aliases / sizeof measure_aliases[0]; i++) {
        if (ccap__ascii_casecmp_eq(text, measure_aliases[i].alias)) {
            *measure_out = measure_aliases[i].measure;
            return CCAP_OK;
        }
    }
    return CCAP_ENOTFOUND;
}

double
ccap_target_measure_max(ccap_target_measure measure)
{
    if (!is_measure(measure))
        return NAN;
    return measure == CCAP_TARGET_SLOTS_PER_1000 ? 1000.0 : 1.0;
}

int
ccap_targets_enrolment_slots(double rate, double under3, double occupancy, double *slots_out)
{
    if (slots_out == NULL)
        return CCAP_EINVAL;
    *slots_out = NAN;
    if (!(rate >= 0.0 && rate <= 1.0) || !(under3 >= 0.0 && isfinite(under3)) ||
        !(occupancy > 0.0 && occupancy <= 1.0))
        return CCAP_EDOM;
    *slots_out = rate * under3 / occupancy;
    return CCAP_OK;
}

ccap_targets *
ccap_targets_alloc(void)
{
    return calloc(1, sizeof(ccap_targets));
}

void
ccap_targets_free(ccap_targets *targets)
{
    if (targets == NULL)
        return;
    free(targets->e);
    free(targets);
}

size_t
ccap_targets_count(const ccap_targets *targets)
{
    return targets != NULL ? targets->n : 0;
}

int
ccap_targets_add(ccap_targets *targets, size_t region, int year, ccap_target_measure measure,
                 double value, size_t *dup_out)
{
    target_entry *grown;
    size_t i;

    if (targets == NULL || !is_measure(measure))
        return CCAP_EINVAL;
    if (!(value >= 0.0 && value <= ccap_target_measure_max(measure)))
        return CCAP_EDOM;
    for (i = 0; i < targets->n; i++) {
        const target_entry *e = &targets->e[i];
        if (e->region == region && e->year == year && e->measure == measure) {
            if (dup_out != NULL)
                *dup_out = i;
            return CCAP_EEXIST;
        }
    }
    if (targets->n + 1 > CCAP_CELLS_MAX)
        return CCAP_ERANGE;
    grown = ccap__grow(targets->e, &targets->cap, targets->n + 1, sizeof *targets->e);
    if (grown == NULL)
        return CCAP_ENOMEM;
    targets->e = grown;
    targets->e[targets->n].region = region;
    targets->e[targets->n].year = year;
    targets->e[targets->n].measure = measure;
    targets->e[targets->n].value = value;
    targets->n++;
    return CCAP_OK;
}

int
ccap_targets_get(const ccap_targets *targets, size_t index, size_t *region_out, int *year_out,
                 ccap_target_measure *measure_out, double *value_out)
{
    const target_entry *e;

    if (targets == NULL || index >= targets->n)
        return CCAP_EINVAL;
    e = &targets->e[index];
    if (region_out != NULL)
        *region_out = e->region;
    if (year_out != NULL)
        *year_out = e->year;
    if (measure_out != NULL)
        *measure_out = e->measure;
    if (value_out != NULL)
        *value_out = e->value;
    return CCAP_OK;
}

int
ccap_targets_has(const ccap_targets *targets, ccap_target_measure measure)
{
    size_t i;

    for (i = 0; targets != NULL && i < targets->n; i++) {
        if (targets->e[i].measure == measure)
            return 1;
    }
    return 0;
}

/* Is entry e a better choice than best (NULL: none yet) for the year on the side asked:
 * after = 0, the latest year not after `year`; after = 1, the earliest year after it.
 * On equal years the region's own entry wins over '*'. */
static int
better(const target_entry *e, const target_entry *best, int year, int after)
{
    if (after ? e->year <= year : e->year > year)
        return 0;
    if (best == NULL)
        return 1;
    if (e->year != best->year)
        return after ? e->year < best->year : e->year > best->year;
    return e->region != CCAP_REGION_ALL && best->region == CCAP_REGION_ALL;
}

int
ccap_targets_find(const ccap_targets *targets, size_t region, int year, ccap_target_measure measure,
                  ccap_target_interp interp, double *value_out, int *year_out)
{
    const target_entry *prev = NULL, *next = NULL;
    size_t i;

    if (value_out != NULL)
        *value_out = NAN;
    if (year_out != NULL)
        *year_out = 0;
    if (targets == NULL || value_out == NULL || region == CCAP_REGION_ALL || !is_measure(measure) ||
        (interp != CCAP_TARGET_STEP && interp != CCAP_TARGET_LINEAR))
        return CCAP_EINVAL;
    for (i = 0; i < targets->n; i++) {
        const target_entry *e = &targets->e[i];

        if (e->measure != measure || (e->region != region && e->region != CCAP_REGION_ALL))
            continue;
        if (better(e, prev, year, 0))
            prev = e;
        if (better(e, next, year, 1))
            next = e;
    }
    if (prev == NULL)
        return CCAP_ENOTFOUND;
    if (year_out != NULL)
        *year_out = prev->year;
    if (interp == CCAP_TARGET_LINEAR && next != NULL) {
        const int years[2] = {prev->year, next->year};
        const double values[2] = {prev->value, next->value};
        return ccap_gap_path_eval(years, values, 2, year, value_out);
    }
    *value_out = prev->value;
    return CCAP_OK;
}

int
ccap_targets_schedule(const ccap_targets *targets, ccap_target_measure measure, ccap_schedule **out)
{
    const size_t zero = 0;
    ccap_schedule *s;
    size_t i;
    int status = CCAP_OK;

    if (out != NULL)
        *out = NULL;
    if (targets == NULL || out == NULL || !is_measure(measure))
        return CCAP_EINVAL;
    if ((s = ccap_schedule_alloc(&zero, 1, CCAP_AGE_OPEN)) == NULL)
        return CCAP_ENOMEM;
    for (i = 0; i < targets->n && status == CCAP_OK; i++) {
        const target_entry *e = &targets->e[i];
        if (e->measure == measure)
            status = ccap_schedule_add(s, e->region, e->year, CCAP_SEX_BOTH, &e->value, 1);
    }
    if (status != CCAP_OK) {
        ccap_schedule_free(s);
        return status;
    }
    *out = s;
    return CCAP_OK;
}
