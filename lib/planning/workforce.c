/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Classes, carers, health staff and floor area of slots, by the standards (see
 * ccap_workforce.h). */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

static const char *const class_names[CCAP_N_CLASS_TYPES] = {"infant", "toddler", "older",
                                                            "mixed",  "home",    "kindergarten"};

static const struct {
    ccap_class_type type;
    const char *alias;
} class_aliases[] = {
    {CCAP_CLASS_INFANT, "乳儿班"},     {CCAP_CLASS_TODDLER, "托小班"},
    {CCAP_CLASS_OLDER, "托大班"},      {CCAP_CLASS_MIXED, "混合班"},
    {CCAP_CLASS_MIXED, "混合编班"},    {CCAP_CLASS_HOME, "家庭托育点"},
    {CCAP_CLASS_KINDERGARTEN, "托班"}, {CCAP_CLASS_KINDERGARTEN, "幼儿园托班"},
};

static const char *const basis_names[CCAP_WORKFORCE_N_BASES] = {"held", "needed", "planned"};

/* Places above this are no real region's (the plausible range of slots). */
#define PLACES_MAX 1e12

const char *
ccap_class_type_name(ccap_class_type type)
{
    return (int)type >= 0 && (int)type < CCAP_N_CLASS_TYPES ? class_names[type] : "unknown";
}

int
ccap_class_type_parse(const char *text, ccap_class_type *type_out)
{
    size_t i;

    if (text == NULL || type_out == NULL)
        return CCAP_EINVAL;
    for (i = 0; i < CCAP_N_CLASS_TYPES; i++) {
        if (ccap__ascii_casecmp_eq(text, class_names[i])) {
            *type_out = (ccap_class_type)i;
            return CCAP_OK;
        }
    }
    for (i = 0; i < sizeof class_aliases / sizeof class_aliases[0]; i++) {
        if (strcmp(text, class_aliases[i].alias) == 0) {
            *type_out = class_aliases[i].type;
            return CCAP_OK;
        }
    }
    return CCAP_ENOTFOUND;
}

const char *
ccap_workforce_basis_name(ccap_workforce_basis basis)
{
    return (int)basis >= 0 && (int)basis < CCAP_WORKFORCE_N_BASES ? basis_names[basis] : "unknown";
}

int
ccap_workforce_standard_2019(ccap_workforce_standard *out)
{
    /* max children, children per carer, m² per child, children per health worker */
    static const ccap_class_limits limits[CCAP_N_CLASS_TYPES] = {
        {10.0, 3.0, 3.0, 150.0}, /* 乳儿班: article 19, 20 */
        {15.0, 5.0, 3.0, 150.0}, /* 托小班 */
        {20.0, 7.0, 3.0, 150.0}, /* 托大班 */
        {18.0, 5.0, 3.0, 150.0}, /* 混合班: 18 (article 19); 1:5 assumed */
        {5.0, 3.0, 3.0, 0.0},    /* 家庭托育点 (2023): 5 children, 1:3 */
        {20.0, 7.0, 3.0, 150.0}, /* 幼儿园托班: as 托大班, assumed */
    };

    if (out == NULL)
        return CCAP_EINVAL;
    memcpy(out->limits, limits, sizeof limits);
    return CCAP_OK;
}

int
ccap_workforce_standard_check(const ccap_workforce_standard *std, ccap_class_type *type_out)
{
    size_t c;

    if (std == NULL)
        return CCAP_EINVAL;
    for (c = 0; c < CCAP_N_CLASS_TYPES; c++) {
        const ccap_class_limits *l = &std->limits[c];
        if (!(l->max_children >= 1.0 && isfinite(l->max_children)) ||
            !(l->children_per_carer > 0.0 && isfinite(l->children_per_carer)) ||
            !(l->floor_area_m2_per_child >= 0.0 && isfinite(l->floor_area_m2_per_child)) ||
            !(l->children_per_health_worker >= 0.0 && isfinite(l->children_per_health_worker))) {
            if (type_out != NULL)
                *type_out = (ccap_class_type)c;
            return CCAP_EDOM;
        }
    }
    return CCAP_OK;
}

int
ccap_workforce_class_shares(const double children[], const double takeup[], double shares_out[])
{
    return ccap_workforce_class_shares_at(children, takeup, 0.5, shares_out);
}

int
ccap_workforce_infant_share(const double births_by_month[], double *share_out)
{
    double first = 0.0, all = 0.0;
    size_t m;

    if (share_out != NULL)
        *share_out = NAN;
    if (births_by_month == NULL || share_out == NULL)
        return CCAP_EINVAL;
    for (m = 0; m < 12; m++) {
        if (!(births_by_month[m] >= 0.0 && isfinite(births_by_month[m])))
            return CCAP_EDOM;
        if (m < 6)
            first += births_by_month[m];
        all += births_by_month[m];
    }
    if (!(all > 0.0))
        return CCAP_EDOM;
    *share_out = first / all;
    return CCAP_OK;
}

int
ccap_workforce_class_shares_at(const double children[], const double takeup[], double infant_share,
                               double shares_out[])
{
    double w[3], sum = 0.0;
    size_t a;

    if (shares_out != NULL)
        shares_out[0] = shares_out[1] = shares_out[2] = NAN;
    if (children == NULL || shares_out == NULL)
        return CCAP_EINVAL;
    if (!(infant_share >= 0.0 && infant_share <= 1.0))
        return CCAP_EDOM;
    for (a = 0; a < 3; a++) {
        const double t = takeup != NULL ? takeup[a] : 1.0;
        if (!(children[a] >= 0.0 && isfinite(children[a])) || !(t >= 0.0 && t <= 1.0))
            return CCAP_EDOM;
        /* age 0 at the end of a year is 0-12 months: the 6-12 months (infant_share of them,
         * one half with births spread evenly) are eligible (乳儿班); ages 1 and 2 are 托小班
         * and 托大班 */
        w[a] = (a == 0 ? infant_share : 1.0) * children[a] * t;
        sum += w[a];
    }
    for (a = 0; a < 3; a++)
        shares_out[a] = sum > 0.0 ? w[a] / sum : 1.0 / 3.0;
    return CCAP_OK;
}

static void
need_nan(ccap_workforce_need *out)
{
    size_t c;

    for (c = 0; c < CCAP_N_CLASS_TYPES; c++)
        out->places[c] = out->classes[c] = out->carers[c] = NAN;
    out->classes_total = out->carers_total = out->health_staff = out->floor_area_m2 = NAN;
}

int
ccap_workforce_need_compute(const ccap_workforce_standard *std, const double places[],
                            size_t n_types, ccap_workforce_need *out)
{
    double health = 0.0;
    size_t c;

    if (out != NULL)
        need_nan(out);
    if (std == NULL || places == NULL || out == NULL || n_types != CCAP_N_CLASS_TYPES)
        return CCAP_EINVAL;
    if (ccap_workforce_standard_check(std, NULL) != CCAP_OK)
        return CCAP_EDOM;
    for (c = 0; c < CCAP_N_CLASS_TYPES; c++) {
        if (!(places[c] >= 0.0 && places[c] <= PLACES_MAX))
            return CCAP_EDOM;
    }
    out->classes_total = out->carers_total = out->floor_area_m2 = 0.0;
    for (c = 0; c < CCAP_N_CLASS_TYPES; c++) {
        const ccap_class_limits *l = &std->limits[c];
        double n = 0.0, k, q, big;

        ccap_gap_slots_round_up(places[c], 1e-9, &n);
        n += 0.0; /* -0 to 0 */
        k = ceil(n / l->max_children);
        q = k > 0.0 ? floor(n / k) : 0.0;
        big = n - k * q; /* classes of q + 1; the other k − big of q */
        out->places[c] = n;
        out->classes[c] = k;
        out->carers[c] = big * ceil((q + 1.0) / l->children_per_carer) +
                         (k - big) * ceil(q / l->children_per_carer);
        out->classes_total += k;
        out->carers_total += out->carers[c];
        out->floor_area_m2 += n * l->floor_area_m2_per_child;
        if (l->children_per_health_worker > 0.0)
            health += n / l->children_per_health_worker;
    }
    ccap_gap_slots_round_up(health, 1e-9, &out->health_staff);
    out->health_staff += 0.0;
    return CCAP_OK;
}

/* Shares of a leaf's slots at home-based sites and in kindergartens, from the inventory's
 * latest year not after `year` (its first year when all are after). */
static void
provider_shares(const ccap_childcare_inventory *inv, const ccap_regions *regions, size_t r,
                int year, double *home, double *kg)
{
    size_t n = 0, i;
    const int *years = ccap_childcare_inventory_years(inv, &n);
    int y;
    double all = NAN, h = NAN, k = NAN;

    *home = *kg = 0.0;
    if (n == 0)
        return;
    for (i = 0; i + 1 < n && years[i + 1] <= year; i++)
        ;
    y = years[i];
    if (ccap_childcare_inventory_total(inv, regions, r, y, CCAP_PROVIDER_ANY, CCAP_INCLUSIVE_ANY,
                                       &all, NULL) != CCAP_OK ||
        !(all > 0.0))
        return;
    ccap_childcare_inventory_total(inv, regions, r, y, CCAP_PROVIDER_HOME, CCAP_INCLUSIVE_ANY, &h,
                                   NULL);
    ccap_childcare_inventory_total(inv, regions, r, y, CCAP_PROVIDER_KINDERGARTEN,
                                   CCAP_INCLUSIVE_ANY, &k, NULL);
    *home = isnan(h) ? 0.0 : h / all;
    *kg = isnan(k) ? 0.0 : k / all;
}

static void
add_need(ccap_workforce_need *sum, const ccap_workforce_need *x)
{
    size_t c;

    for (c = 0; c < CCAP_N_CLASS_TYPES; c++) {
        sum->places[c] += x->places[c];
        sum->classes[c] += x->classes[c];
        sum->carers[c] += x->carers[c];
    }
    sum->classes_total += x->classes_total;
    sum->carers_total += x->carers_total;
    sum->health_staff += x->health_staff;
    sum->floor_area_m2 += x->floor_area_m2;
}

static void
need_zero(ccap_workforce_need *out)
{
    memset(out, 0, sizeof *out);
}

int
ccap_workforce_table(const ccap_workforce_inputs *in, int from, int to,
                     ccap_workforce_row rows_out[], size_t n_rows)
{
    const size_t R = in != NULL && in->regions != NULL ? ccap_regions_count(in->regions) : 0;
    ccap_population *work = NULL;
    int year, held = 0, status = CCAP_OK;
    size_t i, k;

    if (in == NULL || in->pops == NULL || in->n_pops == 0 || in->regions == NULL ||
        in->inventory == NULL || in->standard == NULL || in->gap_rows == NULL || rows_out == NULL ||
        to < from || n_rows != (size_t)(to - from + 1) * R * CCAP_WORKFORCE_N_BASES)
        return CCAP_EINVAL;
    for (i = 0; i < in->n_pops; i++) {
        if (in->pops[i] == NULL || ccap_population_n_regions(in->pops[i]) != R ||
            ccap_population_age_width(in->pops[i]) != 1 ||
            ccap_population_n_ages(in->pops[i]) != ccap_population_n_ages(in->pops[0]))
            return CCAP_EINVAL;
    }
    if (ccap_workforce_standard_check(in->standard, NULL) != CCAP_OK)
        return CCAP_EDOM;
    if ((work = ccap_population_alloc(R, ccap_population_n_ages(in->pops[0]), 1)) == NULL)
        return CCAP_ENOMEM;
    for (year = from; year <= to && status == CCAP_OK; year++) {
        const size_t base = (size_t)(year - from) * R;
        if ((status = ccap__population_at_end_of(in->pops, in->n_pops, year, work, &held)) !=
            CCAP_OK)
            break;
        /* leaves, then parents as sums in reverse pre-order (children before parents) */
        for (k = ccap_regions_count(in->regions); k-- > 0 && status == CCAP_OK;) {
            const size_t r = ccap_regions_preorder(in->regions, k);
            const ccap_gap_row *g = &in->gap_rows[base + r];
            const double slots[CCAP_WORKFORCE_N_BASES] = {
                g->slots, g->target_slots,
                in->planned != NULL ? in->planned[base + r] : (double)NAN};
            const size_t n_children = ccap_regions_n_children(in->regions, r);
            double children[3], shares[3], home = 0.0, kg = 0.0;
            const double *t = NULL;
            size_t b, a, c;
            int have_shares = 0;

            if (n_children == 0) {
                have_shares = 1;
                for (a = 0; a < 3; a++) {
                    if (ccap_population_sum_ages(work, r, CCAP_SEX_BOTH, a, a + 1, &children[a]) !=
                        CCAP_OK)
                        have_shares = 0;
                }
                if (in->takeup != NULL &&
                    (status = ccap_childcare_takeup_find(in->takeup, r, &t)) != CCAP_OK)
                    break;
                if (have_shares &&
                    ccap_workforce_class_shares_at(
                        children, t,
                        in->infant_share > 0.0 && in->infant_share <= 1.0 ? in->infant_share : 0.5,
                        shares) != CCAP_OK)
                    have_shares = 0;
                provider_shares(in->inventory, in->regions, r, year, &home, &kg);
            }
            for (b = 0; b < CCAP_WORKFORCE_N_BASES; b++) {
                ccap_workforce_row *w = &rows_out[(base + r) * CCAP_WORKFORCE_N_BASES + b];
                int complete = 1;

                w->region = r;
                w->year = year;
                w->basis = (ccap_workforce_basis)b;
                w->slots = slots[b];
                need_nan(&w->need);
                if (n_children > 0) {
                    need_zero(&w->need);
                    for (c = 0; c < n_children; c++) {
                        const size_t child = ccap_regions_child(in->regions, r, c);
                        const ccap_workforce_row *x =
                            &rows_out[(base + child) * CCAP_WORKFORCE_N_BASES + b];
                        if (isnan(x->need.classes_total))
                            complete = 0;
                        else
                            add_need(&w->need, &x->need);
                    }
                    if (!complete)
                        need_nan(&w->need);
                } else if (have_shares && !isnan(slots[b]) && slots[b] >= 0.0) {
                    /* planned slots converted from kindergarten places are 托班 places */
                    const double conv =
                        b == CCAP_WORKFORCE_PLANNED && in->planned_kindergarten != NULL
                            ? fmin(in->planned_kindergarten[base + r], slots[b])
                            : 0.0;
                    const double split = slots[b] - conv;
                    const double rest = home + kg < 1.0 ? split * (1.0 - home - kg) : 0.0;
                    double places[CCAP_N_CLASS_TYPES] = {0};

                    places[CCAP_CLASS_INFANT] = rest * shares[0];
                    places[CCAP_CLASS_TODDLER] = rest * shares[1];
                    places[CCAP_CLASS_OLDER] = rest * shares[2];
                    places[CCAP_CLASS_HOME] = split * home;
                    places[CCAP_CLASS_KINDERGARTEN] = split * kg + conv;
                    if (ccap_workforce_need_compute(in->standard, places, CCAP_N_CLASS_TYPES,
                                                    &w->need) != CCAP_OK)
                        need_nan(&w->need);
                }
            }
        }
    }
    ccap_population_free(work);
    return status;
}
