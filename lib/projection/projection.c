/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Deterministic cohort-component projection (see ccap_projection.h for the method). */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

#include "../util/vmath.h"

struct ccap_projection {
    size_t n_regions, n_ages, width, max_steps, steps_done;
    int initialised;
    ccap_population **pops; /* max_steps + 1 populations; pops[0] is the base */
    double *births;         /* [(step - 1) * n_regions + region][sex] */
    double *deaths;
    double *migrants;
    const ccap_regions *regions; /* borrowed; NULL: every region is projected */
    unsigned char *projected;    /* 1 for regions projected (leaves), 0 for parents */
    double *start; /* scratch: P*(g) for both sexes, 2 * n_ages, then n_ages for the parts */
};

void
ccap_projection_free(ccap_projection *proj)
{
    size_t s;

    if (proj == NULL)
        return;
    if (proj->pops != NULL) {
        for (s = 0; s <= proj->max_steps; s++)
            ccap_population_free(proj->pops[s]);
    }
    free(proj->pops);
    free(proj->births);
    free(proj->deaths);
    free(proj->migrants);
    free(proj->projected);
    free(proj->start);
    free(proj);
}

int
ccap_projection_cells(size_t n_regions, size_t n_ages, size_t max_steps, size_t *cells_out,
                      ccap_diag *diag)
{
    size_t pops = SIZE_MAX, events = SIZE_MAX;

    ccap_diag_clear(diag);
    if (cells_out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "NULL argument");
    *cells_out = 0;
    if (n_regions == 0 || n_ages < 2 || max_steps == 0)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL,
                              "a projection needs at least 1 region, 2 age groups and 1 "
                              "step (%zu regions, %zu age groups, %zu steps)",
                              n_regions, n_ages, max_steps);
    /* max_steps + 1 populations of regions x sexes x ages, and births, deaths and
     * migrants by step, region and sex (the scratch arrays are smaller than one
     * population); max_steps <= CCAP_CELLS_MAX keeps max_steps + 1 from wrapping */
    if (max_steps > CCAP_CELLS_MAX ||
        CCAP__CELLS(&pops, sizeof(double), n_regions, CCAP_N_SEXES, n_ages, max_steps + 1) !=
            CCAP_OK ||
        CCAP__CELLS(&events, sizeof(double), 3, max_steps, n_regions, CCAP_N_SEXES) != CCAP_OK ||
        pops > CCAP_CELLS_MAX - events) {
        *cells_out = SIZE_MAX;
        return ccap__diag_set(
            diag, CCAP_ERANGE, NULL, 0, 0, NULL,
            "the projection would hold %.3g numbers (%zu regions x 2 sexes "
            "x %zu age groups x %zu steps and the base, with births, deaths "
            "and migrants), more than CCAP_CELLS_MAX (%zu)",
            (double)n_regions * CCAP_N_SEXES *
                ((double)n_ages * ((double)max_steps + 1.0) + 3.0 * (double)max_steps),
            n_regions, n_ages, max_steps, (size_t)CCAP_CELLS_MAX);
    }
    *cells_out = pops + events;
    return CCAP_OK;
}

ccap_projection *
ccap_projection_alloc(size_t n_regions, size_t n_ages, size_t age_width, size_t max_steps)
{
    ccap_projection *proj;
    size_t s, n_events, cells;

    if (n_regions == 0 || n_regions > CCAP_POPULATION_REGIONS_MAX || n_ages < 2 ||
        n_ages > CCAP_POPULATION_AGES_MAX || age_width == 0 ||
        age_width > CCAP_POPULATION_WIDTH_MAX || max_steps == 0 ||
        ccap_projection_cells(n_regions, n_ages, max_steps, &cells, NULL) != CCAP_OK)
        return NULL;
    proj = calloc(1, sizeof *proj);
    if (proj == NULL)
        return NULL;
    proj->n_regions = n_regions;
    proj->n_ages = n_ages;
    proj->width = age_width;
    proj->max_steps = max_steps;
    n_events = max_steps * n_regions * CCAP_N_SEXES;
    proj->pops = calloc(max_steps + 1, sizeof *proj->pops);
    proj->births = calloc(n_events, sizeof *proj->births);
    proj->deaths = calloc(n_events, sizeof *proj->deaths);
    proj->migrants = calloc(n_events, sizeof *proj->migrants);
    proj->projected = calloc(n_regions, 1);
    proj->start = calloc((CCAP_N_SEXES + 1) * n_ages, sizeof *proj->start);
    if (proj->pops == NULL || proj->births == NULL || proj->deaths == NULL ||
        proj->migrants == NULL || proj->projected == NULL || proj->start == NULL) {
        ccap_projection_free(proj);
        return NULL;
    }
    for (s = 0; s <= max_steps; s++) {
        proj->pops[s] = ccap_population_alloc(n_regions, n_ages, age_width);
        if (proj->pops[s] == NULL) {
            ccap_projection_free(proj);
            return NULL;
        }
    }
    return proj;
}

/* The date and year of step s: the base moved by s * width years. */
static void
set_time(ccap_population *pop, const ccap_population *base, size_t years)
{
    ccap_date d = ccap_population_date(base);

    ccap_population_set_year(pop, 0);
    ccap_population_set_date(pop, (ccap_date){0, 0, 0});
    if (ccap_date_is_valid(d)) {
        d.year += (int)years;
        if (d.month == 2 && d.day == 29 && !ccap_date_is_valid(d))
            d.day = 28;
        ccap_population_set_date(pop, d);
    }
    ccap_population_set_year(pop, ccap_population_year(base) + (int)years);
}

/* Parents (regions with children) become the sums of their children, in pop and in the
 * event counts of step s (s >= 1). */
static void
aggregate_population(const ccap_projection *proj, ccap_population *pop)
{
    size_t r;

    if (proj->regions == NULL)
        return;
    for (r = 0; r < proj->n_regions; r++) {
        if (!proj->projected[r])
            ccap__population_set_has(pop, r, 0);
    }
    ccap_population_aggregate(pop, proj->regions, NULL);
}

/* The events of step s (>= 1) of the parents as the sums of their children's: births, and
 * with all the deaths and migrants (else NAN). */
static void
aggregate_events(ccap_projection *proj, size_t s, int all)
{
    size_t k;

    if (proj->regions == NULL)
        return;
    for (k = proj->n_regions; k-- > 0;) {
        const size_t p = ccap_regions_preorder(proj->regions, k);
        const size_t n_children = ccap_regions_n_children(proj->regions, p);
        const size_t base = (s - 1) * proj->n_regions;
        size_t c, x;

        if (n_children == 0)
            continue;
        for (x = 0; x < CCAP_N_SEXES; x++) {
            double b = 0.0, d = 0.0, m = 0.0;
            for (c = 0; c < n_children; c++) {
                const size_t i =
                    (base + ccap_regions_child(proj->regions, p, c)) * CCAP_N_SEXES + x;
                b += proj->births[i];
                d += proj->deaths[i];
                m += proj->migrants[i];
            }
            proj->births[(base + p) * CCAP_N_SEXES + x] = b;
            proj->deaths[(base + p) * CCAP_N_SEXES + x] = all ? d : (double)NAN;
            proj->migrants[(base + p) * CCAP_N_SEXES + x] = all ? m : (double)NAN;
        }
    }
}

static void
aggregate(ccap_projection *proj, ccap_population *pop, size_t s)
{
    aggregate_population(proj, pop);
    if (s > 0)
        aggregate_events(proj, s, 1);
}

int
ccap_projection_init(ccap_projection *proj, const ccap_population *base,
                     const ccap_regions *regions)
{
    ccap_population *p0;
    size_t r, x;

    if (proj == NULL || base == NULL || ccap_population_n_regions(base) != proj->n_regions ||
        ccap_population_n_ages(base) != proj->n_ages ||
        ccap_population_age_width(base) != proj->width)
        return CCAP_EINVAL;
    if (regions != NULL) {
        if (ccap_regions_count(regions) != proj->n_regions)
            return CCAP_EINVAL;
        if (!ccap_regions_is_finished(regions))
            return CCAP_ESTATE;
    }
    /* The last step must end in a year a reader accepts (the base year is at most
     * CCAP_YEAR_MAX, and max_steps · width at most CCAP_CELLS_MAX, so no overflow). */
    if ((double)ccap_population_year(base) + (double)(proj->max_steps * proj->width) >
        (double)CCAP_YEAR_MAX)
        return CCAP_ERANGE;
    for (r = 0; r < proj->n_regions; r++) {
        const int leaf = regions == NULL || ccap_regions_n_children(regions, r) == 0;
        if (leaf && !ccap_population_has_region(base, r))
            return CCAP_ENOTFOUND;
    }
    proj->initialised = 0;
    proj->regions = regions;
    proj->steps_done = 0;
    p0 = proj->pops[0];
    for (r = 0; r < proj->n_regions; r++) {
        proj->projected[r] = regions == NULL || ccap_regions_n_children(regions, r) == 0;
        for (x = 0; x < CCAP_N_SEXES; x++) {
            if (proj->projected[r])
                memcpy(ccap__population_row(p0, r, (ccap_sex)x),
                       ccap_population_values(base, r, (ccap_sex)x), proj->n_ages * sizeof(double));
        }
        ccap__population_set_has(p0, r, proj->projected[r]);
    }
    set_time(p0, base, 0);
    aggregate(proj, p0, 0);
    proj->initialised = 1;
    return CCAP_OK;
}

/* The block of an array for region r: shared arrays have one block for all. */
static const double *
block(const double *array, int shared, size_t r, size_t block_size)
{
    return shared ? array : array + r * block_size;
}

static int
all_finite(const double *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (!isfinite(v[i]))
            return 0;
    }
    return 1;
}

/* Check every rate that will be used before anything changes. */
static int
check_rates(const ccap_projection *proj, const ccap_rates *rates)
{
    const size_t G = proj->n_ages;
    size_t r;

    if (rates->survival == NULL || rates->asfr == NULL || rates->srb == NULL)
        return CCAP_EINVAL;
    if (rates->timing != CCAP_MIGRATION_HALF && rates->timing != CCAP_MIGRATION_END)
        return CCAP_EDOM;
    for (r = 0; r < proj->n_regions; r++) {
        const double *f = block(rates->asfr, rates->asfr_shared, r, G);
        const double *srb = block(rates->srb, rates->srb_shared, r, 1);

        if (!proj->projected[r])
            continue;
        if (!ccap__all_in(block(rates->survival, rates->survival_shared, r, CCAP_N_SEXES * G),
                          CCAP_N_SEXES * G, 0.0, 1.0) ||
            !ccap__all_in(f, G, 0.0, HUGE_VAL) || f[0] > 0.0 || !isfinite(f[0]) ||
            !(srb[0] > 0.0) || !isfinite(srb[0]))
            return CCAP_EDOM;
        if (rates->net_migrants != NULL &&
            !all_finite(block(rates->net_migrants, rates->net_migrants_shared, r, CCAP_N_SEXES * G),
                        CCAP_N_SEXES * G))
            return CCAP_EDOM;
        if (rates->survival_shared && rates->asfr_shared && rates->srb_shared &&
            (rates->net_migrants == NULL || rates->net_migrants_shared))
            break; /* one block checked covers every region */
    }
    return CCAP_OK;
}

/* *out = before + m, or zero if that is below zero.  Returns what was applied. */
static inline double
clamped_add(double *out, double before, double m)
{
    const double v = before + m;
    const double after = v < 0.0 ? 0.0 : v;

    *out = after;
    return after - before;
}

/* Add m to *count; a result below zero becomes zero.  Returns what was applied. */
static double
add_migrants(double *count, double m)
{
    return clamped_add(count, *count, m);
}

/* Project one region one step.  With accounts 0 the deaths and migrants of the step are not
 * added up (they are left NAN): the populations and births are the same bit for bit. */
CCAP__KERNEL_CLONES static void
step_region(ccap_projection *proj, const ccap_rates *rates, size_t r, const ccap_population *prev,
            ccap_population *next, double births[2], double deaths[2], double migrants[2],
            int accounts)
{
    const size_t G = proj->n_ages, n = proj->width;
    const double *S = block(rates->survival, rates->survival_shared, r, CCAP_N_SEXES * G);
    const double *f = block(rates->asfr, rates->asfr_shared, r, G);
    const double srb = *block(rates->srb, rates->srb_shared, r, 1);
    const double *M =
        rates->net_migrants != NULL
            ? block(rates->net_migrants, rates->net_migrants_shared, r, CCAP_N_SEXES * G)
            : NULL;
    const double first = rates->timing == CCAP_MIGRATION_HALF ? 0.5 : 0.0;
    double total_births = 0.0;
    size_t x, g;

    for (x = 0; x < CCAP_N_SEXES; x++) {
        const double *src = ccap_population_values(prev, r, (ccap_sex)x);
        const double *Sx = S + x * G;
        const double *Mx = M != NULL ? M + x * G : NULL;
        double *start = proj->start + x * G;
        double *part = proj->start + CCAP_N_SEXES * G; /* scratch: one sex's groups */
        double *dst = ccap__population_row(next, r, (ccap_sex)x);
        double d = 0.0, m = 0.0, open;

        /* Each loop is element by element (vectorised) into `part`, then summed in the
         * order of the ages, as add_migrants() one group after the other would. */
        if (Mx != NULL && first > 0.0) {
#pragma omp simd
            for (g = 0; g < G; g++)
                part[g] = clamped_add(&start[g], src[g], first * Mx[g]);
            for (g = 0; accounts && g < G; g++)
                m += part[g];
        } else {
            memcpy(start, src, G * sizeof *start);
        }
        if (accounts) {
#pragma omp simd
            for (g = 1; g < G - 1; g++) {
                dst[g] = start[g - 1] * Sx[g];
                part[g] = start[g - 1] * (1.0 - Sx[g]);
            }
            for (g = 1; g + 1 < G; g++)
                d += part[g];
        } else {
#pragma omp simd
            for (g = 1; g < G - 1; g++)
                dst[g] = start[g - 1] * Sx[g];
        }
        open = start[G - 2] + start[G - 1];
        dst[G - 1] = open * Sx[G - 1];
        d += open * (1.0 - Sx[G - 1]);
        /* The second half joins before births are counted: the textbook's convention. */
        if (Mx != NULL && first > 0.0) {
#pragma omp simd
            for (g = 1; g < G; g++)
                part[g] = clamped_add(&dst[g], dst[g], (1.0 - first) * Mx[g]);
            for (g = 1; accounts && g < G; g++)
                m += part[g];
        }
        deaths[x] = accounts ? d : (double)NAN;
        migrants[x] = accounts ? m : (double)NAN;
    }
    /* Births: women averaged over the start (after the first half of migration) and the
     * end (after the second half; migrants who arrive at the very end are not exposed). */
    {
        const double *w_start = proj->start; /* female block */
        const double *w_end = ccap__population_row(next, r, CCAP_SEX_FEMALE);

        for (g = 1; g < G; g++)
            total_births += f[g] * (w_start[g] + w_end[g]);
        total_births *= 0.5 * (double)n;
    }
    if (M != NULL && first <= 0.0) {
        for (x = 0; x < CCAP_N_SEXES; x++) {
            double *dst = ccap__population_row(next, r, (ccap_sex)x);
            for (g = 1; g < G; g++)
                migrants[x] += add_migrants(&dst[g], M[x * G + g]);
        }
    }
    births[CCAP_SEX_FEMALE] = total_births * 100.0 / (100.0 + srb);
    births[CCAP_SEX_MALE] = total_births * srb / (100.0 + srb);
    for (x = 0; x < CCAP_N_SEXES; x++) {
        const double s0 = S[x * G];
        double *dst = ccap__population_row(next, r, (ccap_sex)x);

        dst[0] = births[x] * s0;
        deaths[x] += births[x] * (1.0 - s0);
        if (M != NULL)
            migrants[x] += add_migrants(&dst[0], (1.0 - first) * M[x * G]);
    }
    ccap__population_set_has(next, r, 1);
}

/* One step; with accounts 0, step_region()'s and aggregate()'s short way, for rates made by
 * ccap__rates_build(), which checks what it makes (check_rates() is not needed). */
static int
step(ccap_projection *proj, const ccap_rates *rates, int accounts)
{
    const ccap_population *prev;
    ccap_population *next;
    size_t r, s;
    int status;

    if (proj == NULL || rates == NULL)
        return CCAP_EINVAL;
    if (!proj->initialised || proj->steps_done >= proj->max_steps)
        return CCAP_ESTATE;
    if (accounts && (status = check_rates(proj, rates)) != CCAP_OK)
        return status;
    if (rates->survival == NULL || rates->asfr == NULL || rates->srb == NULL ||
        (rates->timing != CCAP_MIGRATION_HALF && rates->timing != CCAP_MIGRATION_END))
        return CCAP_EINVAL;
    s = proj->steps_done + 1;
    prev = proj->pops[s - 1];
    next = proj->pops[s];
    for (r = 0; r < proj->n_regions; r++) {
        const size_t i = ((s - 1) * proj->n_regions + r) * CCAP_N_SEXES;

        ccap__population_set_has(next, r, 0);
        if (proj->projected[r])
            step_region(proj, rates, r, prev, next, proj->births + i, proj->deaths + i,
                        proj->migrants + i, accounts);
    }
    set_time(next, proj->pops[0], s * proj->width);
    if (accounts)
        aggregate(proj, next, s);
    else
        aggregate_events(proj, s, 0);
    proj->steps_done = s;
    return CCAP_OK;
}

int
ccap_projection_step(ccap_projection *proj, const ccap_rates *rates)
{
    return step(proj, rates, 1);
}

int
ccap__projection_step_lean(ccap_projection *proj, const ccap_rates *rates)
{
    return step(proj, rates, 0);
}

size_t
ccap_projection_steps_done(const ccap_projection *proj)
{
    return proj == NULL ? 0 : proj->steps_done;
}

const ccap_population *
ccap_projection_population(const ccap_projection *proj, size_t step)
{
    if (proj == NULL || !proj->initialised || step > proj->steps_done)
        return NULL;
    return proj->pops[step];
}

static double
event(const ccap_projection *proj, const double *events, size_t step, size_t region, ccap_sex sex)
{
    if (proj == NULL || step == 0 || step > proj->steps_done || region >= proj->n_regions ||
        (sex != CCAP_SEX_FEMALE && sex != CCAP_SEX_MALE && sex != CCAP_SEX_BOTH))
        return NAN;
    events += ((step - 1) * proj->n_regions + region) * CCAP_N_SEXES;
    return sex == CCAP_SEX_BOTH ? events[0] + events[1] : events[sex];
}

double
ccap_projection_births(const ccap_projection *proj, size_t step, size_t region, ccap_sex sex)
{
    if (proj == NULL)
        return NAN;
    return event(proj, proj->births, step, region, sex);
}

double
ccap_projection_deaths(const ccap_projection *proj, size_t step, size_t region, ccap_sex sex)
{
    if (proj == NULL)
        return NAN;
    return event(proj, proj->deaths, step, region, sex);
}

double
ccap_projection_net_migrants(const ccap_projection *proj, size_t step, size_t region, ccap_sex sex)
{
    if (proj == NULL)
        return NAN;
    return event(proj, proj->migrants, step, region, sex);
}

size_t
ccap_projection_steps_to_year_end(const ccap_population *base, size_t n_steps)
{
    const double t0 = ccap_population_time(base);
    const size_t width = ccap_population_age_width(base);
    size_t steps = n_steps;
    double end;

    if (base == NULL || isnan(t0) || width == 0)
        return n_steps;
    end = (double)ccap_population_year(base) + (double)(n_steps * width) + 1.0;
    while (t0 + (double)(steps * width) < end - 1e-9)
        steps++;
    return steps;
}

/* The share of step s (s >= 1) that lies in [t0, t1] (decimal years), 0 if none. */
static double
share(const ccap_projection *proj, size_t s, double t0, double t1)
{
    const double a = ccap_population_time(proj->pops[s - 1]),
                 b = ccap_population_time(proj->pops[s]);
    const double lo = a > t0 ? a : t0, hi = b < t1 ? b : t1;

    return hi <= lo || b <= a ? 0.0 : (hi - lo) / (b - a);
}

/* [t0, t1]: calendar year `year` in decimal years. */
static int
year_span(int year, double *t0, double *t1)
{
    if (ccap_date_decimal_year((ccap_date){year, 1, 1}, t0) != CCAP_OK ||
        ccap_date_decimal_year((ccap_date){year + 1, 1, 1}, t1) != CCAP_OK)
        return CCAP_EDOM;
    return CCAP_OK;
}

double
ccap__projection_step_share(const ccap_projection *proj, size_t step, int year)
{
    double t0, t1;

    if (proj == NULL || !proj->initialised || step == 0 || step > proj->steps_done ||
        year_span(year, &t0, &t1) != CCAP_OK)
        return 0.0;
    return share(proj, step, t0, t1);
}

int
ccap_projection_year_events(const ccap_projection *proj, size_t region, int year, ccap_sex sex,
                            double *births, double *deaths, double *net_migrants)
{
    double *const out[3] = {births, deaths, net_migrants};
    double sum[3] = {0.0, 0.0, 0.0}, t0, t1;
    size_t s, k;

    for (k = 0; k < 3; k++) {
        if (out[k] != NULL)
            *out[k] = NAN;
    }
    if (proj == NULL || !proj->initialised || region >= proj->n_regions ||
        (sex != CCAP_SEX_FEMALE && sex != CCAP_SEX_MALE && sex != CCAP_SEX_BOTH))
        return CCAP_EINVAL;
    if (proj->steps_done == 0 || year_span(year, &t0, &t1) != CCAP_OK ||
        t0 < ccap_population_time(proj->pops[0]) - 1e-9 ||
        t1 > ccap_population_time(proj->pops[proj->steps_done]) + 1e-9)
        return CCAP_EDOM;
    for (s = 1; s <= proj->steps_done; s++) {
        const double w = share(proj, s, t0, t1);

        if (!(w > 0.0))
            continue;
        sum[0] += w * event(proj, proj->births, s, region, sex);
        sum[1] += w * event(proj, proj->deaths, s, region, sex);
        sum[2] += w * event(proj, proj->migrants, s, region, sex);
    }
    for (k = 0; k < 3; k++) {
        if (out[k] != NULL)
            *out[k] = sum[k];
    }
    return CCAP_OK;
}

int
ccap__projection_restart(ccap_projection *proj, const ccap_projection *from, size_t steps)
{
    size_t s, n;

    if (proj == NULL || from == NULL || !from->initialised || steps > from->steps_done ||
        steps > proj->max_steps || proj->n_regions != from->n_regions ||
        proj->n_ages != from->n_ages || proj->width != from->width)
        return CCAP_EINVAL;
    for (s = 0; s <= steps; s++)
        ccap__population_copy(proj->pops[s], from->pops[s]);
    n = steps * proj->n_regions * CCAP_N_SEXES;
    if (n > 0) {
        memcpy(proj->births, from->births, n * sizeof *proj->births);
        memcpy(proj->deaths, from->deaths, n * sizeof *proj->deaths);
        memcpy(proj->migrants, from->migrants, n * sizeof *proj->migrants);
    }
    memcpy(proj->projected, from->projected, proj->n_regions);
    proj->regions = from->regions;
    proj->steps_done = steps;
    proj->initialised = 1;
    return CCAP_OK;
}

int
ccap__projection_rewind(ccap_projection *proj, size_t steps)
{
    if (proj == NULL || !proj->initialised || steps > proj->steps_done)
        return CCAP_EINVAL;
    proj->steps_done = steps;
    return CCAP_OK;
}

int
ccap__projection_bracket(const ccap_projection *proj, ccap_date date, size_t *step_out,
                         double *u_out)
{
    double t;
    size_t s;

    if (proj == NULL || !proj->initialised)
        return CCAP_EINVAL;
    if (ccap_date_decimal_year(date, &t) != CCAP_OK)
        return CCAP_EDOM;
    if (proj->steps_done == 0)
        return CCAP_EDOM; /* no interval to interpolate in */
    /* The bracketing steps [s, s+1], by the steps' own dates (calendar years differ in
     * length, so the date of a step falls exactly on it). */
    for (s = 0; s + 1 < proj->steps_done && t >= ccap_population_time(proj->pops[s + 1]); s++)
        ;
    *step_out = s;
    *u_out = ccap__population_fraction(proj->pops[s], proj->pops[s + 1], date);
    return isnan(*u_out) ? CCAP_EDOM : CCAP_OK;
}

void
ccap__projection_interpolate(const ccap_projection *proj, size_t step, double u,
                             ccap_population *out)
{
    /* the projected regions; a parent is the sum of its children at any date, as after
     * every step */
    ccap__population_interpolate_rows(proj->pops[step], proj->pops[step + 1], u, proj->projected,
                                      out);
    aggregate_population(proj, out);
}

int
ccap_projection_population_at(const ccap_projection *proj, ccap_date date, ccap_population *out)
{
    double u;
    size_t s;
    int status;

    if (proj == NULL || out == NULL || !proj->initialised)
        return CCAP_EINVAL;
    if (ccap_population_n_regions(out) != proj->n_regions ||
        ccap_population_n_ages(out) != proj->n_ages ||
        ccap_population_age_width(out) != proj->width)
        return CCAP_EINVAL;
    if ((status = ccap__projection_bracket(proj, date, &s, &u)) != CCAP_OK)
        return status;
    ccap__projection_interpolate(proj, s, u, out);
    ccap_population_set_year(out, date.year);
    ccap_population_set_date(out, date);
    return CCAP_OK;
}

int
ccap_projection_calendar_years(const ccap_projection *proj, int *first_out, int *last_out)
{
    const ccap_population *p0;
    ccap_date d;
    int first, last;

    if (proj == NULL || !proj->initialised || proj->steps_done == 0)
        return CCAP_EINVAL;
    p0 = proj->pops[0];
    d = ccap_population_date(p0);
    first = ccap_population_year(p0) + (ccap_date_is_valid(d) && !(d.month == 1 && d.day == 1));
    last = ccap_population_year(proj->pops[proj->steps_done]) - 1;
    if (last < first)
        return CCAP_EDOM;
    if (first_out != NULL)
        *first_out = first;
    if (last_out != NULL)
        *last_out = last;
    return CCAP_OK;
}

int
ccap_projection_year_end(const ccap_projection *proj, int year, ccap_population *out)
{
    int status;

    if (year < CCAP_YEAR_MIN || year >= CCAP_YEAR_MAX)
        return CCAP_EDOM;
    status = ccap_projection_population_at(proj, (ccap_date){year + 1, 1, 1}, out);
    if (status == CCAP_OK)
        ccap_population_set_year(out, year);
    return status;
}
