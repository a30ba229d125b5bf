/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Target gaps, build schedules, attainment and over-build years, allocation of new
 * slots or of a budget among regions, and the cost of a plan.  The formulas and the
 * optimality arguments are in ccap_gap.h and docs/methods-gap.md.
 */

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

/* ---- helpers ---- */

static int
same_value(double a, double b)
{
    return !(a < b) && !(a > b);
}

/* Finite and >= 0 (false for NaN). */
static int
is_count(double x)
{
    return isfinite(x) && x >= 0.0;
}

static int
is_whole(double x)
{
    return isfinite(x) && same_value(floor(x), x);
}

static int
check_counts(const double x[], size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (!is_count(x[i]))
            return CCAP_EDOM;
    }
    return CCAP_OK;
}

/* Attrition in [0, 1). */
static int
is_attrition(double a)
{
    return a >= 0.0 && a < 1.0;
}

static int
is_rel_tol(double t)
{
    return t >= 0.0 && t < 1.0;
}

/* ---- targets and gaps ---- */

int
ccap_gap_slots(double target_per_1000, double population, double slots, double *gap_out)
{
    double target;
    int status;

    if (gap_out == NULL)
        return CCAP_EINVAL;
    *gap_out = NAN;
    if ((status = ccap_childcare_slots_for_rate_per_1000(target_per_1000, population, &target)) !=
        CCAP_OK)
        return status;
    if (!is_count(slots))
        return CCAP_EDOM;
    *gap_out = target - slots;
    return CCAP_OK;
}

int
ccap_gap_slots_round_up(double slots, double rel_tol, double *whole_out)
{
    double nearest;

    if (whole_out == NULL)
        return CCAP_EINVAL;
    *whole_out = NAN;
    if (!isfinite(slots) || !is_rel_tol(rel_tol))
        return CCAP_EDOM;
    nearest = round(slots);
    if (fabs(slots - nearest) <= rel_tol * fabs(slots))
        *whole_out = nearest + 0.0; /* + 0.0 turns -0 into 0 */
    else
        *whole_out = ceil(slots) + 0.0;
    return CCAP_OK;
}

int
ccap_gap_path_eval(const int years[], const double target_per_1000[], size_t n_points, int year,
                   double *target_out)
{
    size_t i, lo, hi;
    double w;

    if (target_out == NULL)
        return CCAP_EINVAL;
    *target_out = NAN;
    if (years == NULL || target_per_1000 == NULL || n_points == 0)
        return CCAP_EINVAL;
    for (i = 0; i < n_points; i++) {
        if (!is_count(target_per_1000[i]) || (i > 0 && years[i] <= years[i - 1]))
            return CCAP_EDOM;
    }
    if (year < years[0])
        return CCAP_ENOTFOUND;
    if (year >= years[n_points - 1]) {
        *target_out = target_per_1000[n_points - 1];
        return CCAP_OK;
    }
    /* years[lo] <= year < years[hi] */
    lo = 0;
    hi = n_points - 1;
    while (hi - lo > 1) {
        const size_t mid = lo + (hi - lo) / 2;
        if (years[mid] <= year)
            lo = mid;
        else
            hi = mid;
    }
    w = ((double)year - (double)years[lo]) / ((double)years[hi] - (double)years[lo]);
    *target_out = target_per_1000[lo] + (target_per_1000[hi] - target_per_1000[lo]) * w;
    return CCAP_OK;
}

int
ccap_gap_demand(const double children[], const double takeup[], size_t n_ages, double occupancy,
                double slots, double *demand_slots_out, double *gap_out)
{
    double demand, need;
    int status;

    if (demand_slots_out != NULL)
        *demand_slots_out = NAN;
    if (gap_out == NULL)
        return CCAP_EINVAL;
    *gap_out = NAN;
    /* the demand itself is the childcare module's; this adds the comparison with slots */
    if ((status = ccap_childcare_demand(children, takeup, n_ages, &demand)) != CCAP_OK ||
        (status = ccap_childcare_demand_slots(demand, occupancy, &need)) != CCAP_OK)
        return status;
    if (!is_count(slots))
        return CCAP_EDOM;
    if (demand_slots_out != NULL)
        *demand_slots_out = need;
    *gap_out = need - slots;
    return CCAP_OK;
}

/* ---- build schedules ---- */

int
ccap_gap_build_greedy(double slots0, double attrition, const double required[], size_t n_years,
                      double new_out[], double slots_out[])
{
    const double q = 1.0 - attrition;
    double s = slots0;
    size_t t;

    if (required == NULL || new_out == NULL || n_years == 0) {
        ccap__fill_nan(new_out, n_years);
        ccap__fill_nan(slots_out, n_years);
        return CCAP_EINVAL;
    }
    if (!is_count(slots0) || !is_attrition(attrition) ||
        check_counts(required, n_years) != CCAP_OK) {
        ccap__fill_nan(new_out, n_years);
        ccap__fill_nan(slots_out, n_years);
        return CCAP_EDOM;
    }
    for (t = 0; t < n_years; t++) {
        const double kept = s * q;

        if (required[t] > kept) {
            new_out[t] = required[t] - kept;
            s = required[t]; /* exactly the requirement, not kept + (required - kept) */
        } else {
            new_out[t] = 0.0;
            s = kept;
        }
        if (slots_out != NULL)
            slots_out[t] = s;
    }
    return CCAP_OK;
}

int
ccap_gap_build_even(double slots0, double attrition, double required, size_t n_years,
                    double *per_year_out)
{
    const double years = (double)n_years;
    double q_t, g, b;

    if (per_year_out == NULL)
        return CCAP_EINVAL;
    *per_year_out = NAN;
    if (n_years == 0)
        return CCAP_EINVAL;
    if (!is_count(slots0) || !is_attrition(attrition) || !is_count(required))
        return CCAP_EDOM;
    if (attrition > 0.0) {
        const double log_q = log1p(-attrition); /* finite: attrition < 1 */

        q_t = exp(years * log_q);
        g = -expm1(years * log_q) / attrition; /* (1 - q^T) / a */
    } else {
        q_t = 1.0;
        g = years;
    }
    b = (required - slots0 * q_t) / g;
    *per_year_out = b > 0.0 ? b : 0.0;
    return CCAP_OK;
}

int
ccap_gap_build_even_whole(double slots0, double attrition, double required, size_t n_years,
                          double rel_tol, double *per_year_out)
{
    double b;
    int status;

    if (per_year_out == NULL)
        return CCAP_EINVAL;
    *per_year_out = NAN;
    if ((status = ccap_gap_build_even(slots0, attrition, required, n_years, &b)) != CCAP_OK)
        return status;
    return ccap_gap_slots_round_up(b, rel_tol, per_year_out);
}

int
ccap_gap_attainment_year(double slots0, double attrition, double build_per_year,
                         const double required[], size_t n_years, size_t *year_out)
{
    const double q = 1.0 - attrition;
    double s = slots0;
    size_t t;

    if (year_out == NULL)
        return CCAP_EINVAL;
    *year_out = CCAP_GAP_NO_YEAR;
    if (required == NULL || n_years == 0)
        return CCAP_EINVAL;
    if (!is_count(slots0) || !is_attrition(attrition) || !is_count(build_per_year) ||
        check_counts(required, n_years) != CCAP_OK)
        return CCAP_EDOM;
    for (t = 0; t < n_years; t++) {
        s = s * q + build_per_year;
        if (s >= required[t]) {
            *year_out = t;
            return CCAP_OK;
        }
    }
    return CCAP_ENOTREACHED;
}

int
ccap_gap_overbuild(const double target_slots[], const double demand_slots[], size_t n_years,
                   double idle_out[], size_t *year_out)
{
    size_t t;

    if (year_out != NULL)
        *year_out = CCAP_GAP_NO_YEAR;
    if (target_slots == NULL || demand_slots == NULL || year_out == NULL || n_years == 0) {
        ccap__fill_nan(idle_out, n_years);
        return CCAP_EINVAL;
    }
    if (check_counts(target_slots, n_years) != CCAP_OK ||
        check_counts(demand_slots, n_years) != CCAP_OK) {
        ccap__fill_nan(idle_out, n_years);
        return CCAP_EDOM;
    }
    for (t = 0; t < n_years; t++) {
        const int over = target_slots[t] > demand_slots[t];

        if (idle_out != NULL)
            idle_out[t] = over ? target_slots[t] - demand_slots[t] : 0.0;
        if (over && *year_out == CCAP_GAP_NO_YEAR)
            *year_out = t;
    }
    return *year_out == CCAP_GAP_NO_YEAR ? CCAP_ENOTREACHED : CCAP_OK;
}

/* ---- allocation ----
 *
 * Every rule hands out "items" (the k-th new slot of region r, k = 0, 1, ...) one at a
 * time in the order of a key, ties to the lower region index, buying an item when its
 * weight (1, or the region's cost per slot) is no more than what is left, and otherwise
 * dropping the region: its next slot can never be afforded later, as what is left only
 * shrinks.  So a region takes part exactly while its weight is <= what is left, and no
 * state beyond the allocation itself is needed.
 *
 * Keys increase strictly with k within a region:
 *   shortfall: key = k - gap_r (the largest remaining shortfall gap_r - k comes first);
 *              exact in double, as |gap_r| and k are at most 2^50 and k is whole;
 *   ratio:     key = (slots_r + k) / pop_r; slots_r + k < 2^52, so consecutive keys
 *              differ by more than their rounding.
 *
 * A round gives out, in one go, the longest run of items in key order that fits what is
 * left: bisection over the doubles (ordered as integers, at most 64 steps) finds the
 * smallest key value kappa at which the items with key <= kappa weigh more than what is
 * left; every item with key < kappa is bought, then the items with key == kappa (at most
 * one per region) in index order, each if it still fits.  At least one of these does not
 * fit (else the items up to kappa would fit), so each round but the last drops a region:
 * at most n_regions + 1 rounds.  Counts and amounts are whole numbers <= 2^50 and sums
 * stop as soon as they pass what is left, so all the arithmetic on them is exact. */

typedef enum key_kind { KEY_SHORTFALL, KEY_RATIO } key_kind;

typedef struct fill {
    key_kind kind;
    const double *gap;   /* KEY_SHORTFALL */
    const double *slots; /* KEY_RATIO */
    const double *pop;   /* KEY_RATIO */
    const double *cap;   /* NULL: no caps; CCAP_GAP_NO_CAP: none for a region */
    const double *cost;  /* NULL: every item weighs 1 */
    int by_level;        /* take only regions with cost == level */
    double level;
    size_t n;
    double *x; /* whole new slots so far */
    double left;
} fill;

static double
item_key(const fill *f, size_t r, double k)
{
    if (f->kind == KEY_SHORTFALL)
        return k - f->gap[r];
    return (f->slots[r] + k) / f->pop[r];
}

static double
item_weight(const fill *f, size_t r)
{
    return f->cost != NULL ? f->cost[r] : 1.0;
}

/* Largest whole m with m * w <= left (left, w whole, w > 0, both <= 2^50). */
static double
affordable(double left, double w)
{
    double m = floor(left / w);

    while (m > 0.0 && m * w > left)
        m -= 1.0;
    while ((m + 1.0) * w <= left)
        m += 1.0;
    return m;
}

/* End (exclusive) of the items of region r that this round may consider, from the
 * allocation x0 at the start of the round and what was left then. */
static double
item_end(const fill *f, size_t r, double x0, double left0)
{
    const double w = item_weight(f, r);
    double end;

    if ((f->by_level && !same_value(f->cost[r], f->level)) || w > left0)
        return x0;
    end = x0 + affordable(left0, w);
    if (f->cap != NULL && f->cap[r] < end)
        end = f->cap[r];
    if (f->kind == KEY_SHORTFALL) {
        const double useful = f->gap[r] > 0.0 ? ceil(f->gap[r]) : 0.0;
        if (useful < end)
            end = useful;
    }
    return end > x0 ? end : x0;
}

static int
key_before(double key, double kappa, int strict)
{
    return strict ? key < kappa : key <= kappa;
}

/* Number of items k in [from, end) of region r with key <= kappa (< kappa if strict). */
static double
count_items(const fill *f, size_t r, double from, double end, double kappa, int strict)
{
    double e;

    if (!(from < end))
        return 0.0;
    /* First guess from the inverse of the key, then exact steps (at most a few). */
    if (f->kind == KEY_SHORTFALL)
        e = floor(f->gap[r] + kappa) + 1.0;
    else
        e = floor(kappa * f->pop[r] - f->slots[r]) + 1.0;
    if (!(e > from))
        e = from;
    if (e > end)
        e = end;
    while (e > from && !key_before(item_key(f, r, e - 1.0), kappa, strict))
        e -= 1.0;
    while (e < end && key_before(item_key(f, r, e), kappa, strict))
        e += 1.0;
    return e - from;
}

/* Weight of the items with key <= kappa this round; stops once it passes left0. */
static double
weight_upto(const fill *f, double left0, double kappa)
{
    double sum = 0.0;
    size_t r;

    for (r = 0; r < f->n && sum <= left0; r++) {
        const double end = item_end(f, r, f->x[r], left0);
        sum += item_weight(f, r) * count_items(f, r, f->x[r], end, kappa, 0);
    }
    return sum;
}

/* Doubles as ordered unsigned integers, and back. */
static uint64_t
ordered(double v)
{
    uint64_t u;

    memcpy(&u, &v, sizeof u);
    return (u >> 63) != 0 ? ~u : u | (UINT64_C(1) << 63);
}

static double
unordered(uint64_t u)
{
    double v;

    u = (u >> 63) != 0 ? u & ~(UINT64_C(1) << 63) : ~u;
    memcpy(&v, &u, sizeof v);
    return v;
}

static void
fill_run(fill *f)
{
    size_t r;

    for (;;) {
        const double left0 = f->left;
        double total = 0.0, lo_key = HUGE_VAL, hi_key = -HUGE_VAL, kappa, below = 0.0, tie_left;
        uint64_t lo, hi;
        int any = 0;

        for (r = 0; r < f->n; r++) {
            const double end = item_end(f, r, f->x[r], left0);

            if (!(end > f->x[r]))
                continue;
            any = 1;
            if (total <= left0)
                total += item_weight(f, r) * (end - f->x[r]);
            if (item_key(f, r, f->x[r]) < lo_key)
                lo_key = item_key(f, r, f->x[r]);
            if (item_key(f, r, end - 1.0) > hi_key)
                hi_key = item_key(f, r, end - 1.0);
        }
        if (!any)
            return;
        if (total <= left0) { /* everything fits */
            for (r = 0; r < f->n; r++) {
                const double end = item_end(f, r, f->x[r], left0);
                f->left -= item_weight(f, r) * (end - f->x[r]);
                f->x[r] = end;
            }
            return;
        }
        /* Smallest kappa whose items up to it weigh more than left0 (exists: hi_key). */
        lo = ordered(lo_key);
        hi = ordered(hi_key);
        while (lo < hi) {
            const uint64_t mid = lo + (hi - lo) / 2;
            if (weight_upto(f, left0, unordered(mid)) > left0)
                hi = mid;
            else
                lo = mid + 1;
        }
        kappa = unordered(lo);
        for (r = 0; r < f->n; r++) {
            const double end = item_end(f, r, f->x[r], left0);
            below += item_weight(f, r) * count_items(f, r, f->x[r], end, kappa, 1);
        }
        /* Buy the items below kappa (they fit: below <= left0), then those at kappa in
         * index order while they fit. */
        tie_left = left0 - below;
        for (r = 0; r < f->n; r++) {
            const double w = item_weight(f, r);
            const double end = item_end(f, r, f->x[r], left0);
            const double c = count_items(f, r, f->x[r], end, kappa, 1);

            f->x[r] += c;
            if (f->x[r] < end && same_value(item_key(f, r, f->x[r]), kappa) && w <= tie_left) {
                f->x[r] += 1.0;
                tie_left -= w;
            }
        }
        f->left = tie_left;
    }
}

/* Caps: NULL, or each whole and >= 0, or CCAP_GAP_NO_CAP. */
static int
check_caps(const double cap[], size_t n)
{
    size_t i;

    if (cap == NULL)
        return CCAP_OK;
    for (i = 0; i < n; i++) {
        if (isinf(cap[i]) && cap[i] > 0.0)
            continue;
        if (!is_whole(cap[i]) || cap[i] < 0.0)
            return CCAP_EDOM;
        if (cap[i] > CCAP_GAP_WHOLE_MAX)
            return CCAP_ERANGE;
    }
    return CCAP_OK;
}

/* A whole amount >= 0 (> 0 if positive), at most CCAP_GAP_WHOLE_MAX. */
static int
check_amount(double v, int positive)
{
    if (!is_whole(v) || v < 0.0 || (positive && !(v > 0.0)))
        return CCAP_EDOM;
    if (v > CCAP_GAP_WHOLE_MAX)
        return CCAP_ERANGE;
    return CCAP_OK;
}

static int
check_amounts(const double v[], size_t n, int positive)
{
    size_t i;
    int status;

    for (i = 0; i < n; i++) {
        if ((status = check_amount(v[i], positive)) != CCAP_OK)
            return status;
    }
    return CCAP_OK;
}

static int
check_gaps(const double gap[], size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (!isfinite(gap[i]))
            return CCAP_EDOM;
        if (fabs(gap[i]) > CCAP_GAP_WHOLE_MAX)
            return CCAP_ERANGE;
    }
    return CCAP_OK;
}

/* Slots now (finite, >= 0, <= 2^50) and populations (finite, > 0). */
static int
check_ratio_inputs(const double slots[], const double population[], size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (!is_count(slots[i]) || !(population[i] > 0.0 && isfinite(population[i])))
            return CCAP_EDOM;
        if (slots[i] > CCAP_GAP_WHOLE_MAX)
            return CCAP_ERANGE;
    }
    return CCAP_OK;
}

static void
zero(double x[], size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        x[i] = 0.0;
}

/* Common end of the allocation functions: poison the outputs on failure. */
static int
alloc_result(int status, double alloc_out[], size_t n, double *left_out, double left)
{
    if (status != CCAP_OK) {
        ccap__fill_nan(alloc_out, n);
        if (left_out != NULL)
            *left_out = NAN;
        return status;
    }
    *left_out = left;
    return CCAP_OK;
}

int
ccap_gap_allocate_shortfall(const double gap[], const double cap[], size_t n_regions, double n_new,
                            double alloc_out[], double *unallocated_out)
{
    fill f;
    int status;

    if (gap == NULL || alloc_out == NULL || unallocated_out == NULL || n_regions == 0)
        return alloc_result(CCAP_EINVAL, alloc_out, n_regions, unallocated_out, 0.0);
    if ((status = check_gaps(gap, n_regions)) != CCAP_OK ||
        (status = check_caps(cap, n_regions)) != CCAP_OK ||
        (status = check_amount(n_new, 0)) != CCAP_OK)
        return alloc_result(status, alloc_out, n_regions, unallocated_out, 0.0);
    memset(&f, 0, sizeof f);
    f.kind = KEY_SHORTFALL;
    f.gap = gap;
    f.cap = cap;
    f.n = n_regions;
    f.x = alloc_out;
    f.left = n_new;
    zero(alloc_out, n_regions);
    fill_run(&f);
    return alloc_result(CCAP_OK, alloc_out, n_regions, unallocated_out, f.left);
}

int
ccap_gap_allocate_maxmin(const double slots[], const double population[], const double cap[],
                         size_t n_regions, double n_new, double alloc_out[],
                         double *unallocated_out)
{
    fill f;
    int status;

    if (slots == NULL || population == NULL || alloc_out == NULL || unallocated_out == NULL ||
        n_regions == 0)
        return alloc_result(CCAP_EINVAL, alloc_out, n_regions, unallocated_out, 0.0);
    if ((status = check_ratio_inputs(slots, population, n_regions)) != CCAP_OK ||
        (status = check_caps(cap, n_regions)) != CCAP_OK ||
        (status = check_amount(n_new, 0)) != CCAP_OK)
        return alloc_result(status, alloc_out, n_regions, unallocated_out, 0.0);
    memset(&f, 0, sizeof f);
    f.kind = KEY_RATIO;
    f.slots = slots;
    f.pop = population;
    f.cap = cap;
    f.n = n_regions;
    f.x = alloc_out;
    f.left = n_new;
    zero(alloc_out, n_regions);
    fill_run(&f);
    return alloc_result(CCAP_OK, alloc_out, n_regions, unallocated_out, f.left);
}

int
ccap_gap_allocate_shortfall_budget(const double gap[], const double cap[],
                                   const double cost_per_slot[], size_t n_regions, double budget,
                                   double alloc_out[], double *unspent_out)
{
    fill f;
    size_t r;
    int status;

    if (gap == NULL || cost_per_slot == NULL || alloc_out == NULL || unspent_out == NULL ||
        n_regions == 0)
        return alloc_result(CCAP_EINVAL, alloc_out, n_regions, unspent_out, 0.0);
    if ((status = check_gaps(gap, n_regions)) != CCAP_OK ||
        (status = check_caps(cap, n_regions)) != CCAP_OK ||
        (status = check_amounts(cost_per_slot, n_regions, 1)) != CCAP_OK ||
        (status = check_amount(budget, 0)) != CCAP_OK)
        return alloc_result(status, alloc_out, n_regions, unspent_out, 0.0);
    memset(&f, 0, sizeof f);
    f.kind = KEY_SHORTFALL;
    f.gap = gap;
    f.cap = cap;
    f.cost = cost_per_slot;
    f.by_level = 1;
    f.level = 0.0; /* below every cost */
    f.n = n_regions;
    f.x = alloc_out;
    f.left = budget;
    zero(alloc_out, n_regions);
    /* Cost levels from the cheapest up; within a level, the largest remaining
     * shortfall first.  Once a level is dearer than what is left, so are the rest. */
    for (;;) {
        double next = HUGE_VAL;

        for (r = 0; r < n_regions; r++) {
            if (cost_per_slot[r] > f.level && cost_per_slot[r] < next)
                next = cost_per_slot[r];
        }
        if (!(next <= f.left))
            break;
        f.level = next;
        fill_run(&f);
    }
    return alloc_result(CCAP_OK, alloc_out, n_regions, unspent_out, f.left);
}

int
ccap_gap_allocate_maxmin_budget(const double slots[], const double population[], const double cap[],
                                const double cost_per_slot[], size_t n_regions, double budget,
                                double alloc_out[], double *unspent_out)
{
    fill f;
    int status;

    if (slots == NULL || population == NULL || cost_per_slot == NULL || alloc_out == NULL ||
        unspent_out == NULL || n_regions == 0)
        return alloc_result(CCAP_EINVAL, alloc_out, n_regions, unspent_out, 0.0);
    if ((status = check_ratio_inputs(slots, population, n_regions)) != CCAP_OK ||
        (status = check_caps(cap, n_regions)) != CCAP_OK ||
        (status = check_amounts(cost_per_slot, n_regions, 1)) != CCAP_OK ||
        (status = check_amount(budget, 0)) != CCAP_OK)
        return alloc_result(status, alloc_out, n_regions, unspent_out, 0.0);
    memset(&f, 0, sizeof f);
    f.kind = KEY_RATIO;
    f.slots = slots;
    f.pop = population;
    f.cap = cap;
    f.cost = cost_per_slot;
    f.n = n_regions;
    f.x = alloc_out;
    f.left = budget;
    zero(alloc_out, n_regions);
    fill_run(&f);
    return alloc_result(CCAP_OK, alloc_out, n_regions, unspent_out, f.left);
}

/* ---- costs ---- */

static void
totals_nan(ccap_gap_cost_totals *t)
{
    t->capital = t->running = t->subsidy = NAN;
    t->pv_capital = t->pv_running = t->pv_subsidy = NAN;
}

static int
unit_valid(const ccap_gap_unit_costs *u)
{
    return is_count(u->capital_per_slot) && is_count(u->running_per_slot_year) &&
           is_count(u->subsidy_per_inclusive_slot);
}

int
ccap_gap_cost(const ccap_gap_unit_costs *unit, const double new_slots[],
              const double new_inclusive[], const double slot_years[], size_t n_years,
              double discount_rate, ccap_gap_cost_totals *totals_out)
{
    ccap_gap_cost_totals t = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    size_t i;

    if (totals_out == NULL)
        return CCAP_EINVAL;
    totals_nan(totals_out);
    if (unit == NULL || new_slots == NULL || n_years == 0)
        return CCAP_EINVAL;
    if (!unit_valid(unit) || !isfinite(discount_rate) || !(discount_rate > -1.0) ||
        check_counts(new_slots, n_years) != CCAP_OK ||
        (slot_years != NULL && check_counts(slot_years, n_years) != CCAP_OK))
        return CCAP_EDOM;
    if (new_inclusive != NULL) {
        if (check_counts(new_inclusive, n_years) != CCAP_OK)
            return CCAP_EDOM;
        for (i = 0; i < n_years; i++) {
            if (new_inclusive[i] > new_slots[i])
                return CCAP_EDOM;
        }
    }
    for (i = 0; i < n_years; i++) {
        const double factor = pow(1.0 + discount_rate, (double)i); /* > 0 */
        const double capital = unit->capital_per_slot * new_slots[i];
        const double running =
            slot_years != NULL ? unit->running_per_slot_year * slot_years[i] : 0.0;
        const double subsidy =
            new_inclusive != NULL ? unit->subsidy_per_inclusive_slot * new_inclusive[i] : 0.0;

        t.capital += capital;
        t.running += running;
        t.subsidy += subsidy;
        t.pv_capital += capital / factor;
        t.pv_running += running / factor;
        t.pv_subsidy += subsidy / factor;
    }
    *totals_out = t;
    return CCAP_OK;
}

/* ---- cost tables ---- */

#define DEFAULT_ROW CCAP_GAP_N_PROVIDERS /* the row of '*' */

struct ccap_gap_costs {
    ccap_gap_unit_costs row[CCAP_GAP_N_PROVIDERS + 1];
    int has[CCAP_GAP_N_PROVIDERS + 1];
};

const char *
ccap_gap_costs_provider(size_t index)
{
    return index < CCAP_GAP_N_PROVIDERS ? ccap_childcare_provider_name((ccap_provider)index) : NULL;
}

/* Row of a provider name (any case) or '*'; 0 if unknown. */
static int
provider_row(const char *name, size_t *row_out)
{
    ccap_provider p;

    if (strcmp(name, "*") == 0) {
        *row_out = DEFAULT_ROW;
        return 1;
    }
    if (ccap_childcare_provider_parse(name, &p) != CCAP_OK || p == CCAP_PROVIDER_ANY)
        return 0;
    *row_out = (size_t)p;
    return 1;
}

ccap_gap_costs *
ccap_gap_costs_alloc(void)
{
    return calloc(1, sizeof(ccap_gap_costs));
}

void
ccap_gap_costs_free(ccap_gap_costs *costs)
{
    free(costs);
}

int
ccap_gap_costs_set(ccap_gap_costs *costs, const char *provider, const ccap_gap_unit_costs *unit)
{
    size_t row;

    if (costs == NULL || provider == NULL || unit == NULL)
        return CCAP_EINVAL;
    if (!provider_row(provider, &row) || !unit_valid(unit))
        return CCAP_EDOM;
    costs->row[row] = *unit;
    costs->has[row] = 1;
    return CCAP_OK;
}

int
ccap_gap_costs_has(const ccap_gap_costs *costs, const char *provider)
{
    size_t row;

    if (costs == NULL || provider == NULL || !provider_row(provider, &row))
        return 0;
    return costs->has[row];
}

int
ccap_gap_costs_get(const ccap_gap_costs *costs, const char *provider, ccap_gap_unit_costs *unit_out)
{
    size_t row;

    if (unit_out == NULL)
        return CCAP_EINVAL;
    unit_out->capital_per_slot = unit_out->running_per_slot_year = NAN;
    unit_out->subsidy_per_inclusive_slot = NAN;
    if (costs == NULL || provider == NULL)
        return CCAP_EINVAL;
    if (!provider_row(provider, &row))
        return CCAP_EDOM;
    if (!costs->has[row])
        row = DEFAULT_ROW;
    if (!costs->has[row])
        return CCAP_ENOTFOUND;
    *unit_out = costs->row[row];
    return CCAP_OK;
}

int
ccap_gap_costs_capital_by_region(const ccap_gap_costs *costs, const char *const providers[],
                                 size_t n_regions, double capital_out[])
{
    ccap_gap_unit_costs unit;
    size_t r;
    int status;

    if (capital_out == NULL)
        return CCAP_EINVAL;
    ccap__fill_nan(capital_out, n_regions);
    if (costs == NULL || providers == NULL || n_regions == 0)
        return CCAP_EINVAL;
    for (r = 0; r < n_regions; r++) {
        if (providers[r] == NULL)
            return CCAP_EINVAL;
    }
    for (r = 0; r < n_regions; r++) {
        if ((status = ccap_gap_costs_get(costs, providers[r], &unit)) != CCAP_OK) {
            ccap__fill_nan(capital_out, n_regions);
            return status;
        }
        capital_out[r] = unit.capital_per_slot;
    }
    return CCAP_OK;
}
