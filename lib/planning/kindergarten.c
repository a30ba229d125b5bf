/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Kindergarten places left idle, converted into 托班 slots (see ccap_kindergarten.h). */

#include <math.h>
#include <stdlib.h>

#include "ccap_private.h"

/* Counts of a kindergarten table: persons and places, bounded as slots are. */
#define KG_COUNT_MAX 1e12

typedef struct kg_entry {
    size_t region;
    int year;
    double places, enrolled;
} kg_entry;

struct ccap_kindergarten {
    kg_entry *e;
    size_t n, cap;
};

static int
count_ok(double x)
{
    return x >= 0.0 && x <= KG_COUNT_MAX;
}

int
ccap_kindergarten_params_check(const ccap_kindergarten_params *params)
{
    if (params == NULL)
        return CCAP_EINVAL;
    if (!(params->enrolment_rate >= 0.0 &&
          params->enrolment_rate <= CCAP_KINDERGARTEN_ENROLMENT_MAX) ||
        !(params->slots_per_place > 0.0 && params->slots_per_place <= 1.0) ||
        !(params->capital_per_converted_slot >= 0.0 && params->capital_per_converted_slot <= 1e9))
        return CCAP_EDOM;
    return CCAP_OK;
}

int
ccap_kindergarten_idle(double places, double children, double enrolment_rate, double *demand_out,
                       double *idle_out)
{
    double demand;

    if (demand_out != NULL)
        *demand_out = NAN;
    if (idle_out == NULL)
        return CCAP_EINVAL;
    *idle_out = NAN;
    if (!(places >= 0.0 && isfinite(places)) || !(children >= 0.0 && isfinite(children)) ||
        !(enrolment_rate >= 0.0 && enrolment_rate <= CCAP_KINDERGARTEN_ENROLMENT_MAX))
        return CCAP_EDOM;
    demand = children * enrolment_rate;
    if (demand_out != NULL)
        *demand_out = demand;
    *idle_out = places > demand ? places - demand : 0.0;
    return CCAP_OK;
}

int
ccap_kindergarten_convert(const double new_slots[], const double convertible[], size_t n_years,
                          double converted_out[], double built_out[])
{
    double done = 0.0;
    size_t t;

    for (t = 0; converted_out != NULL && t < n_years; t++)
        converted_out[t] = NAN;
    for (t = 0; built_out != NULL && t < n_years; t++)
        built_out[t] = NAN;
    if (new_slots == NULL || convertible == NULL || converted_out == NULL || n_years == 0)
        return CCAP_EINVAL;
    for (t = 0; t < n_years; t++) {
        if (!(new_slots[t] >= 0.0 && isfinite(new_slots[t])) ||
            !(convertible[t] >= 0.0 && isfinite(convertible[t])))
            return CCAP_EDOM;
    }
    for (t = 0; t < n_years; t++) {
        const double room = convertible[t] > done ? convertible[t] - done : 0.0;
        converted_out[t] = new_slots[t] < room ? new_slots[t] : room;
        done += converted_out[t];
        if (built_out != NULL)
            built_out[t] = new_slots[t] - converted_out[t];
    }
    return CCAP_OK;
}

ccap_kindergarten *
ccap_kindergarten_alloc(void)
{
    return calloc(1, sizeof(ccap_kindergarten));
}

void
ccap_kindergarten_free(ccap_kindergarten *kg)
{
    if (kg == NULL)
        return;
    free(kg->e);
    free(kg);
}

size_t
ccap_kindergarten_count(const ccap_kindergarten *kg)
{
    return kg != NULL ? kg->n : 0;
}

int
ccap_kindergarten_add(ccap_kindergarten *kg, size_t region, int year, double places,
                      double enrolled, size_t *dup_out)
{
    kg_entry *grown;
    size_t i;

    if (kg == NULL)
        return CCAP_EINVAL;
    if (!count_ok(places) || !(isnan(enrolled) || count_ok(enrolled)))
        return CCAP_EDOM;
    for (i = 0; i < kg->n; i++) {
        if (kg->e[i].region == region && kg->e[i].year == year) {
            if (dup_out != NULL)
                *dup_out = i;
            return CCAP_EEXIST;
        }
    }
    if (kg->n + 1 > CCAP_CELLS_MAX)
        return CCAP_ERANGE;
    grown = ccap__grow(kg->e, &kg->cap, kg->n + 1, sizeof *kg->e);
    if (grown == NULL)
        return CCAP_ENOMEM;
    kg->e = grown;
    kg->e[kg->n].region = region;
    kg->e[kg->n].year = year;
    kg->e[kg->n].places = places;
    kg->e[kg->n].enrolled = enrolled;
    kg->n++;
    return CCAP_OK;
}

int
ccap_kindergarten_find(const ccap_kindergarten *kg, size_t region, int year, double *places_out,
                       double *enrolled_out, int *year_out)
{
    const kg_entry *best = NULL;
    size_t i;

    if (places_out != NULL)
        *places_out = NAN;
    if (enrolled_out != NULL)
        *enrolled_out = NAN;
    if (year_out != NULL)
        *year_out = 0;
    if (kg == NULL || places_out == NULL)
        return CCAP_EINVAL;
    for (i = 0; i < kg->n; i++) {
        const kg_entry *e = &kg->e[i];
        if (e->region == region && e->year <= year && (best == NULL || e->year > best->year))
            best = e;
    }
    if (best == NULL)
        return CCAP_ENOTFOUND;
    *places_out = best->places;
    if (enrolled_out != NULL)
        *enrolled_out = best->enrolled;
    if (year_out != NULL)
        *year_out = best->year;
    return CCAP_OK;
}
