/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Age-group conversion: Steffen graduation, raking, base population from margins. */

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_interp.h>

#include "ccap_private.h"

/* Largest whole number a double holds exactly: ages beyond it would not be distinct nodes. */
#define EXACT_INTEGER_MAX 9007199254740992.0 /* 2^53 */

struct ccap_graduate_workspace {
    size_t n_groups, width, n_single;
    double *x;   /* group boundaries k * width, k = 0 .. n_groups-1 */
    double *y;   /* cumulative counts at the boundaries */
    double *row; /* one single-year row, for ccap_graduate_steffen_population() */
    gsl_interp *interp;
    gsl_interp_accel *acc;
};

ccap_graduate_workspace *
ccap_graduate_workspace_alloc(size_t n_groups, size_t width)
{
    ccap_graduate_workspace *work;

    /* gsl_interp_alloc() reports fewer than 3 points through the GSL error handler:
     * refuse them here. */
    /* the single-year row, (n_groups - 1) * width + 1 doubles, within CCAP_CELLS_MAX
     * (and so n_groups too), checked before anything is allocated */
    if (n_groups < 3 || width == 0 || n_groups - 1 > (CCAP_CELLS_MAX - 1) / width)
        return NULL;
    if ((double)((n_groups - 1) * width) > EXACT_INTEGER_MAX)
        return NULL;
    work = calloc(1, sizeof *work);
    if (work == NULL)
        return NULL;
    work->n_groups = n_groups;
    work->width = width;
    work->n_single = (n_groups - 1) * width + 1;
    if (work->n_single > SIZE_MAX / sizeof(double)) {
        free(work);
        return NULL;
    }
    work->x = ccap__alloc(n_groups, sizeof *work->x);
    work->y = ccap__alloc(n_groups, sizeof *work->y);
    work->row = ccap__alloc(work->n_single, sizeof *work->row);
    if (work->x != NULL && work->y != NULL && work->row != NULL) {
        work->interp = gsl_interp_alloc(gsl_interp_steffen, n_groups);
        work->acc = gsl_interp_accel_alloc();
    }
    if (work->interp == NULL || work->acc == NULL) {
        ccap_graduate_workspace_free(work);
        return NULL;
    }
    return work;
}

void
ccap_graduate_workspace_free(ccap_graduate_workspace *work)
{
    if (work == NULL)
        return;
    if (work->interp != NULL)
        gsl_interp_free(work->interp);
    if (work->acc != NULL)
        gsl_interp_accel_free(work->acc);
    free(work->x);
    free(work->y);
    free(work->row);
    free(work);
}

/* The graduation proper; arguments already validated. */
static int
steffen(ccap_graduate_workspace *work, const double counts[], double out[])
{
    const size_t G = work->n_groups, w = work->width;
    size_t g, j;

    work->y[0] = 0.0;
    for (g = 0; g < G; g++) {
        work->x[g] = (double)(g * w);
        if (g + 1 < G) {
            work->y[g + 1] = work->y[g] + counts[g];
            if (!isfinite(work->y[g + 1]))
                return CCAP_ERANGE;
        }
    }
    /* Nodes x[0..G-1] are strictly increasing and G >= 3 = the Steffen minimum size. */
    if (gsl_interp_init(work->interp, work->x, work->y, G) != GSL_SUCCESS)
        return CCAP_ENUMERIC;
    gsl_interp_accel_reset(work->acc);

    for (g = 0; g + 1 < G; g++) {
        const size_t base = g * w;
        double prev = work->y[g], next, sum = 0.0;

        for (j = 0; j < w; j++) {
            if (j + 1 == w) {
                next = work->y[g + 1]; /* the node itself, exactly */
            } else if (gsl_interp_eval_e(work->interp, work->x, work->y, (double)(base + j + 1),
                                         work->acc, &next) != GSL_SUCCESS ||
                       !isfinite(next)) {
                return CCAP_ENUMERIC;
            }
            /* Exact arithmetic gives next >= prev (the spline is monotone here);
             * rounding may not. */
            out[base + j] = next > prev ? next - prev : 0.0;
            sum += out[base + j];
            prev = next;
        }
        /* Remove the rounding of the cumulative sums: scale to the group's own count. */
        if (!(counts[g] > 0.0)) {
            for (j = 0; j < w; j++)
                out[base + j] = 0.0;
        } else if (sum > 0.0) {
            const double factor = counts[g] / sum;
            for (j = 0; j < w; j++)
                out[base + j] *= factor;
        } else {
            /* The count is below the rounding of the cumulative total: spread it evenly. */
            for (j = 0; j < w; j++)
                out[base + j] = counts[g] / (double)w;
        }
    }
    out[(G - 1) * w] = counts[G - 1];
    return CCAP_OK;
}

int
ccap_graduate_steffen(ccap_graduate_workspace *work, const double counts[], size_t n_groups,
                      double single_out[], size_t n_single)
{
    size_t g;
    int status;

    if (single_out == NULL)
        return CCAP_EINVAL;
    ccap__fill_nan(single_out, n_single);
    if (work == NULL || counts == NULL || n_groups < 3 || n_groups != work->n_groups ||
        n_single != work->n_single)
        return CCAP_EINVAL;
    for (g = 0; g < n_groups; g++) {
        if (!isfinite(counts[g]) || counts[g] < 0.0)
            return CCAP_EDOM;
    }
    status = steffen(work, counts, single_out);
    if (status != CCAP_OK)
        ccap__fill_nan(single_out, n_single);
    return status;
}

int
ccap_graduate_steffen_population(ccap_graduate_workspace *work, const ccap_population *src,
                                 ccap_population *dst)
{
    size_t r, n_regions;
    int s, status;

    if (work == NULL || src == NULL || dst == NULL)
        return CCAP_EINVAL;
    n_regions = ccap_population_n_regions(src);
    if (ccap_population_n_regions(dst) != n_regions ||
        ccap_population_n_ages(src) != work->n_groups ||
        ccap_population_age_width(src) != work->width)
        return CCAP_EINVAL;
    if (ccap_population_age_width(dst) != 1 || ccap_population_n_ages(dst) != work->n_single)
        return CCAP_EDOM;
    /* The rows of src are finite and >= 0 (the population object guarantees it); only
     * their cumulative sums can overflow.  Check that before changing dst. */
    for (r = 0; r < n_regions; r++) {
        for (s = 0; s < CCAP_N_SEXES && ccap_population_has_region(src, r); s++) {
            const double *v = ccap_population_values(src, r, (ccap_sex)s);
            double sum = 0.0;
            size_t g;
            for (g = 0; g < work->n_groups; g++)
                sum += v[g];
            if (!isfinite(sum))
                return CCAP_ERANGE;
        }
    }
    for (r = 0; r < n_regions; r++) {
        for (s = 0; s < CCAP_N_SEXES && ccap_population_has_region(src, r); s++) {
            status = steffen(work, ccap_population_values(src, r, (ccap_sex)s), work->row);
            if (status == CCAP_OK)
                status = ccap_population_set_values(dst, r, (ccap_sex)s, work->row, work->n_single);
            if (status != CCAP_OK)
                return status;
        }
    }
    ccap_population_set_year(dst, ccap_population_year(src));
    return ccap_population_set_date(dst, ccap_population_date(src));
}

/* ---- raking ---- */

/* Sum of the cells of one constraint (may be +Inf on overflow). */
static double
constraint_sum(const double cells[], const size_t idx[], size_t lo, size_t hi)
{
    double sum = 0.0;
    size_t i;

    for (i = lo; i < hi; i++)
        sum += cells[idx[i]];
    return sum;
}

static double
relative_deviation(double sum, double target)
{
    if (target > 0.0)
        return fabs(sum - target) / target;
    return sum > 0.0 ? (double)INFINITY : 0.0;
}

/* 1 if a constraint lists a cell twice.  Marks visited cells by flipping their sign bit
 * (every cell is >= +0 here), then restores them: no allocation needed. */
static int
has_repeated_cell(double cells[], const size_t idx[], size_t lo, size_t hi)
{
    size_t i, end = hi;
    int repeated = 0;

    for (i = lo; i < hi; i++) {
        if (signbit(cells[idx[i]])) {
            repeated = 1;
            end = i;
            break;
        }
        cells[idx[i]] = -cells[idx[i]];
    }
    for (i = lo; i < end; i++)
        cells[idx[i]] = fabs(cells[idx[i]]);
    return repeated;
}

static int
rake_validate(double cells[], size_t n_cells, const size_t con_start[], const size_t con_cells[],
              const double targets[], size_t n_constraints, double tolerance, size_t max_iter)
{
    size_t i, k;

    if (cells == NULL || con_start == NULL || targets == NULL || n_cells == 0 ||
        n_constraints == 0 || max_iter == 0)
        return CCAP_EINVAL;
    for (k = 0; k < n_constraints; k++) {
        if (con_start[k + 1] < con_start[k])
            return CCAP_EINVAL;
    }
    if (con_start[n_constraints] > con_start[0] && con_cells == NULL)
        return CCAP_EINVAL;
    for (i = con_start[0]; i < con_start[n_constraints]; i++) {
        if (con_cells[i] >= n_cells)
            return CCAP_EINVAL;
    }
    if (!isfinite(tolerance) || tolerance < 0.0)
        return CCAP_EDOM;
    for (k = 0; k < n_constraints; k++) {
        if (!isfinite(targets[k]) || targets[k] < 0.0)
            return CCAP_EDOM;
    }
    for (i = 0; i < n_cells; i++) {
        if (!isfinite(cells[i]) || cells[i] < 0.0)
            return CCAP_EDOM;
    }
    for (i = 0; i < n_cells; i++) {
        if (signbit(cells[i]))
            cells[i] = 0.0; /* -0 to +0: the same value, and the sign bit is free to mark */
    }
    for (k = 0; k < n_constraints; k++) {
        if (has_repeated_cell(cells, con_cells, con_start[k], con_start[k + 1]))
            return CCAP_EINVAL;
    }
    for (k = 0; k < n_constraints; k++) {
        const double sum = constraint_sum(cells, con_cells, con_start[k], con_start[k + 1]);
        if (!isfinite(sum))
            return CCAP_ERANGE;
        if (targets[k] > 0.0 && !(sum > 0.0))
            return CCAP_EDOM;
    }
    return CCAP_OK;
}

int
ccap_graduate_rake(double cells[], size_t n_cells, const size_t con_start[],
                   const size_t con_cells[], const double targets[], size_t n_constraints,
                   double tolerance, size_t max_iter, size_t *iterations_out,
                   double *max_rel_dev_out)
{
    size_t iter, k, i;
    int status;

    if (iterations_out != NULL)
        *iterations_out = 0;
    if (max_rel_dev_out != NULL)
        *max_rel_dev_out = NAN;
    status = rake_validate(cells, n_cells, con_start, con_cells, targets, n_constraints, tolerance,
                           max_iter);
    if (status != CCAP_OK)
        return status;

    for (iter = 0;; iter++) {
        double dev = 0.0;

        for (k = 0; k < n_constraints; k++) {
            const double sum = constraint_sum(cells, con_cells, con_start[k], con_start[k + 1]);
            const double d = relative_deviation(sum, targets[k]);
            if (!isfinite(sum))
                return CCAP_ERANGE;
            if (d > dev)
                dev = d;
        }
        if (iterations_out != NULL)
            *iterations_out = iter;
        if (dev <= tolerance || iter == max_iter) {
            if (max_rel_dev_out != NULL)
                *max_rel_dev_out = dev;
            return dev <= tolerance ? CCAP_OK : CCAP_ENOTREACHED;
        }
        for (k = 0; k < n_constraints; k++) {
            const double sum = constraint_sum(cells, con_cells, con_start[k], con_start[k + 1]);
            double factor;

            if (!(sum > 0.0)) {
                if (targets[k] > 0.0)
                    return CCAP_EDOM; /* emptied by a zero target of another constraint */
                continue;
            }
            factor = targets[k] / sum;
            if (!isfinite(factor))
                return CCAP_ERANGE;
            for (i = con_start[k]; i < con_start[k + 1]; i++)
                cells[con_cells[i]] *= factor;
        }
    }
}

/* ---- base population from margins ---- */

/* Everything the estimation allocates, freed in one place. */
typedef struct base_work {
    size_t n_regions, n_leaves, n_ages, n_cells, n_con, nnz;
    size_t *position;    /* pre-order position of each region */
    size_t *leaf;        /* leaf number of each region, or SIZE_MAX for a parent */
    size_t *leaf_region; /* region index of each leaf */
    size_t *margin_of;   /* margin index of each constraint */
    size_t *con_start, *con_cells;
    double *targets, *cells;
} base_work;

static void
base_work_free(base_work *b)
{
    free(b->position);
    free(b->leaf);
    free(b->leaf_region);
    free(b->margin_of);
    free(b->con_start);
    free(b->con_cells);
    free(b->targets);
    free(b->cells);
}

static size_t
cell_index(const base_work *b, size_t leaf, int sex, size_t age)
{
    return (leaf * CCAP_N_SEXES + (size_t)sex) * b->n_ages + age;
}

/* Single-year ages [lo, hi) of a margin, the open group being age A = n_ages - 1. */
static int
margin_ages(const base_work *b, const ccap_margin *m, size_t *lo, size_t *hi)
{
    const size_t A = b->n_ages - 1;

    if (m->age_lo > A)
        return CCAP_EDOM;
    if (m->age_hi == CCAP_AGE_OPEN) {
        *hi = A + 1;
    } else {
        if (m->age_hi > A)
            return CCAP_EDOM;
        *hi = m->age_hi;
    }
    *lo = m->age_lo;
    return CCAP_OK;
}

/* Count the leaves at or below region r and, when out is not NULL, store their leaf
 * numbers there.  A subtree is contiguous in pre-order. */
static size_t
leaves_below(const base_work *b, const ccap_regions *regions, size_t r, size_t *out)
{
    const size_t depth = ccap_regions_depth(regions, r);
    size_t p, n = 0;

    for (p = b->position[r]; p < b->n_regions; p++) {
        const size_t q = ccap_regions_preorder(regions, p);
        if (p > b->position[r] && ccap_regions_depth(regions, q) <= depth)
            break;
        if (b->leaf[q] != SIZE_MAX) {
            if (out != NULL)
                out[n] = b->leaf[q];
            n++;
        }
    }
    return n;
}

static int
margin_error(ccap_diag *diag, int status, const ccap_regions *regions, const ccap_margin *m,
             const char *what)
{
    char ages[48];

    return ccap__diag_set(diag, status, NULL, 0, 0, NULL, "margin %s,%d,%s,%s: %s",
                          ccap_regions_code(regions, m->region), m->year, ccap_sex_name(m->sex),
                          ccap_margin_ages_label(m, ages, sizeof ages), what);
}

/* Index the regions, check the margins of the year and size the constraints. */
static int
base_plan(base_work *b, const ccap_regions *regions, const ccap_margins *margins, int year,
          ccap_diag *diag)
{
    const size_t n_margins = ccap_margins_count(margins);
    size_t k, r, i;
    ccap_margin m;

    b->position = ccap__alloc(b->n_regions, sizeof *b->position);
    b->leaf = ccap__alloc(b->n_regions, sizeof *b->leaf);
    b->leaf_region = ccap__alloc(b->n_regions, sizeof *b->leaf_region);
    if (b->position == NULL || b->leaf == NULL || b->leaf_region == NULL)
        return ccap__diag_nomem(diag, NULL);
    for (k = 0; k < b->n_regions; k++)
        b->position[ccap_regions_preorder(regions, k)] = k;
    for (r = 0; r < b->n_regions; r++) {
        b->leaf[r] = SIZE_MAX;
        if (ccap_regions_n_children(regions, r) == 0) {
            b->leaf_region[b->n_leaves] = r;
            b->leaf[r] = b->n_leaves++;
        }
    }
    for (i = 0; i < b->n_leaves; i++) {
        double total;
        r = b->leaf_region[i];
        if (ccap_margins_find(margins, r, year, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN, &total) != CCAP_OK)
            return ccap__diag_set(diag, CCAP_ENOTFOUND, NULL, 0, 0, NULL,
                                  "region %s has no sub-regions and no margin %s,%d,both,"
                                  "total: every region without sub-regions needs its total "
                                  "to seed the estimate",
                                  ccap_regions_code(regions, r), ccap_regions_code(regions, r),
                                  year);
    }
    for (i = 0; i < n_margins; i++) {
        size_t lo = 0, hi = 0, n_sexes, n_below;

        ccap_margins_get(margins, i, &m);
        if (m.year != year)
            continue;
        if (m.region >= b->n_regions)
            return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL,
                                  "margin %zu refers to region index %zu, outside the "
                                  "region table of %zu regions",
                                  i, m.region, b->n_regions);
        if (margin_ages(b, &m, &lo, &hi) != CCAP_OK) {
            char what[160];
            snprintf(what, sizeof what,
                     "the age range %s inside the open age group %zu+ of the standard",
                     m.age_lo > b->n_ages - 1 ? "starts" : "ends", b->n_ages - 1);
            return margin_error(diag, CCAP_EDOM, regions, &m, what);
        }
        n_sexes = m.sex == CCAP_SEX_BOTH ? 2 : 1;
        n_below = leaves_below(b, regions, m.region, NULL);
        /* n_below <= n_leaves and hi - lo <= n_ages, whose product is n_cells / 2 and
         * was checked against CCAP_CELLS_MAX by the caller: the sum is what may grow. */
        if (b->nnz > CCAP_CELLS_MAX - n_below * n_sexes * (hi - lo))
            return ccap__diag_set(diag, CCAP_ERANGE, NULL, 0, 0, NULL,
                                  "the margins of %d constrain more than CCAP_CELLS_MAX (%zu) "
                                  "cells in all (%zu margins so far)",
                                  year, (size_t)CCAP_CELLS_MAX, b->n_con + 1);
        b->nnz += n_below * n_sexes * (hi - lo);
        b->n_con++;
    }
    return CCAP_OK;
}

/* Seed the cells and write the constraints. */
static int
base_fill(base_work *b, const ccap_regions *regions, const ccap_margins *margins, int year,
          const double *const standard[CCAP_N_SEXES], ccap_diag *diag)
{
    const size_t n_margins = ccap_margins_count(margins);
    double std_sum = 0.0;
    size_t i, k = 0, a, pos = 0;
    int s;
    ccap_margin m;

    b->cells = ccap__alloc(b->n_cells, sizeof *b->cells);
    b->con_start = ccap__alloc(b->n_con + 1, sizeof *b->con_start);
    b->con_cells = ccap__alloc(b->nnz > 0 ? b->nnz : 1, sizeof *b->con_cells);
    b->targets = ccap__alloc(b->n_con > 0 ? b->n_con : 1, sizeof *b->targets);
    b->margin_of = ccap__alloc(b->n_con > 0 ? b->n_con : 1, sizeof *b->margin_of);
    if (b->cells == NULL || b->con_start == NULL || b->con_cells == NULL || b->targets == NULL ||
        b->margin_of == NULL)
        return ccap__diag_nomem(diag, NULL);

    for (s = 0; s < CCAP_N_SEXES; s++) {
        for (a = 0; a < b->n_ages; a++)
            std_sum += standard[s][a];
    }
    if (!isfinite(std_sum))
        return ccap__diag_set(diag, CCAP_ERANGE, NULL, 0, 0, NULL,
                              "the standard's total overflows");
    for (i = 0; i < b->n_leaves; i++) {
        double total;
        ccap_margins_find(margins, b->leaf_region[i], year, CCAP_SEX_BOTH, 0, CCAP_AGE_OPEN,
                          &total);
        for (s = 0; s < CCAP_N_SEXES; s++) {
            for (a = 0; a < b->n_ages; a++)
                b->cells[cell_index(b, i, s, a)] = total * (standard[s][a] / std_sum);
        }
    }

    b->con_start[0] = 0;
    for (i = 0; i < n_margins; i++) {
        size_t lo = 0, hi = 0, n_below, l;

        ccap_margins_get(margins, i, &m);
        if (m.year != year)
            continue;
        margin_ages(b, &m, &lo, &hi); /* checked by base_plan() */
        n_below = leaves_below(b, regions, m.region, b->con_cells + pos);
        /* Expand the leaves in place, last first, into leaf x sex x age cells. */
        {
            const size_t n_sexes = m.sex == CCAP_SEX_BOTH ? 2 : 1;
            const size_t span = n_sexes * (hi - lo);
            for (l = n_below; l-- > 0;) {
                const size_t leaf = b->con_cells[pos + l];
                size_t q = pos + l * span;
                for (s = 0; s < CCAP_N_SEXES; s++) {
                    if (m.sex != CCAP_SEX_BOTH && (ccap_sex)s != m.sex)
                        continue;
                    for (a = lo; a < hi; a++)
                        b->con_cells[q++] = cell_index(b, leaf, s, a);
                }
            }
            pos += n_below * span;
        }
        b->targets[k] = m.value;
        b->margin_of[k] = i;
        b->con_start[++k] = pos;
    }
    CCAP__ASSERT_INTERNAL(k == b->n_con && pos == b->nnz);

    /* A positive margin over cells the seed leaves empty cannot be met: say which. */
    for (k = 0; k < b->n_con; k++) {
        double sum = 0.0;
        for (i = b->con_start[k]; i < b->con_start[k + 1]; i++)
            sum += b->cells[b->con_cells[i]];
        if (b->targets[k] > 0.0 && !(sum > 0.0)) {
            ccap_margins_get(margins, b->margin_of[k], &m);
            return margin_error(diag, CCAP_EDOM, regions, &m,
                                "the seed has no one here (zero totals below this region, "
                                "or a standard without anyone of this sex and age)");
        }
    }
    return CCAP_OK;
}

/* A relative deviation at or below this is the rounding of sums of doubles (a million
 * cells add up to within about 1e-13 of their exact sum), not a disagreement of margins. */
#define ROUNDING_DEVIATION 1e-12

/* After a failed raking: margins that do not add up are the usual cause.  Name the
 * relation furthest apart (ccap_margins_check()) when there is one; 0 when none. */
static int
report_relation(const ccap_regions *regions, const ccap_margins *margins, int year, ccap_diag *diag)
{
    ccap_margins_report *report = NULL;
    ccap_margins_relation rel, worst;
    size_t k;
    int found = 0;

    if (ccap_margins_check(margins, regions, year, &report, NULL) != CCAP_OK)
        return 0;
    for (k = 0; k < ccap_margins_report_count(report); k++) {
        ccap_margins_report_get(report, k, &rel);
        if (!(fabs(rel.difference) > 0.0))
            continue;
        /* a real disagreement before one of rounding; then the largest */
        if (!found || (!rel.agree && worst.agree) ||
            (rel.agree == worst.agree && fabs(rel.relative) > fabs(worst.relative))) {
            worst = rel;
            found = 1;
        }
    }
    if (found)
        ccap__diag_set(diag, CCAP_ENOTREACHED, NULL, ccap_margins_line(margins, worst.whole), 0,
                       NULL, "%s%s", worst.text,
                       worst.agree ? ": reconcile the margins first (ccap_margins_reconcile())"
                                   : "");
    ccap_margins_report_free(report);
    return found;
}

/* After a failed raking: name the margin furthest from its target. */
static int
report_worst(const base_work *b, const ccap_regions *regions, const ccap_margins *margins,
             size_t max_iter, ccap_diag *diag)
{
    size_t k, i, worst = 0;
    double worst_dev = -1.0, worst_sum = NAN;
    ccap_margin m;
    char what[200];

    for (k = 0; k < b->n_con; k++) {
        double sum = 0.0, d;
        for (i = b->con_start[k]; i < b->con_start[k + 1]; i++)
            sum += b->cells[b->con_cells[i]];
        d = relative_deviation(sum, b->targets[k]);
        if (d > worst_dev) {
            worst_dev = d;
            worst = k;
            worst_sum = sum;
        }
    }
    ccap_margins_get(margins, b->margin_of[worst], &m);
    if (worst_dev > ROUNDING_DEVIATION && report_relation(regions, margins, m.year, diag))
        return CCAP_ENOTREACHED;
    if (worst_dev <= ROUNDING_DEVIATION)
        snprintf(what, sizeof what,
                 "missed only by rounding (published %.15g, estimated %.15g, relative "
                 "deviation %.3g): the margins agree; use a tolerance of %g or more",
                 m.value, worst_sum, worst_dev, ROUNDING_DEVIATION);
    else
        snprintf(what, sizeof what,
                 "not met after %zu raking sweeps (published %.15g, estimated %.15g, relative "
                 "deviation %.3g): the margins of %d are probably inconsistent",
                 max_iter, m.value, worst_sum, worst_dev, m.year);
    return margin_error(diag, CCAP_ENOTREACHED, regions, &m, what);
}

/* The estimate proper, on the seeded cells and the constraints of b: it replaces the
 * cells and reports the sweeps done and the largest relative deviation left. */
typedef int (*base_method)(base_work *b, const ccap_regions *regions, const ccap_margins *margins,
                           double tolerance, size_t max_iter, size_t *iterations, double *dev,
                           ccap_diag *diag);

/* Raking of the seed (ccap_graduate_base_from_margins()). */
static int
base_rake(base_work *b, const ccap_regions *regions, const ccap_margins *margins, double tolerance,
          size_t max_iter, size_t *iterations, double *dev, ccap_diag *diag)
{
    const int status =
        ccap_graduate_rake(b->cells, b->n_cells, b->con_start, b->con_cells, b->targets, b->n_con,
                           tolerance, max_iter, iterations, dev);

    if (status == CCAP_ENOTREACHED)
        report_worst(b, regions, margins, max_iter, diag);
    else if (status != CCAP_OK)
        ccap__diag_set(diag, status, NULL, 0, 0, NULL, "raking failed: %s", ccap_strerror(status));
    return status;
}

/* What both base estimators share: the checks of the arguments, the seed and the
 * constraints, then the method, then the population with its parents filled. */
static int
base_estimate(const ccap_regions *regions, const ccap_margins *margins, int year,
              const double standard_female[], const double standard_male[], size_t n_ages,
              double tolerance, size_t max_iter, ccap_population **pop_out, size_t *iterations_out,
              double *max_rel_dev_out, ccap_diag *diag, base_method method)
{
    const double *const standard[CCAP_N_SEXES] = {standard_female, standard_male};
    base_work b;
    ccap_population *pop = NULL;
    size_t i, a, iterations = 0;
    double dev = NAN, std_sum = 0.0;
    int s, status;

    ccap_diag_clear(diag);
    if (pop_out != NULL)
        *pop_out = NULL;
    if (iterations_out != NULL)
        *iterations_out = 0;
    if (max_rel_dev_out != NULL)
        *max_rel_dev_out = NAN;
    if (regions == NULL || margins == NULL || standard_female == NULL || standard_male == NULL ||
        pop_out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "NULL argument");
    if (n_ages < 2 || n_ages > CCAP_POPULATION_AGES_MAX)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL,
                              "the standard has %zu age groups: expected 2 to %u", n_ages,
                              CCAP_POPULATION_AGES_MAX);
    if (max_iter == 0)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL,
                              "the number of raking sweeps must be at least 1");
    if (!ccap_regions_is_finished(regions))
        return ccap__diag_set(diag, CCAP_ESTATE, NULL, 0, 0, NULL,
                              "the region table is not finished");
    if (!isfinite(tolerance) || tolerance < 0.0)
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, NULL,
                              "the tolerance must be a finite number >= 0");
    for (s = 0; s < CCAP_N_SEXES; s++) {
        for (a = 0; a < n_ages; a++) {
            if (!isfinite(standard[s][a]) || standard[s][a] < 0.0)
                return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, NULL,
                                      "standard, %s, age %zu%s: %g is not a count >= 0",
                                      ccap_sex_name((ccap_sex)s), a, a + 1 == n_ages ? "+" : "",
                                      standard[s][a]);
            std_sum += standard[s][a];
        }
    }
    if (!(std_sum > 0.0))
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, NULL,
                              "the standard is zero at every age");

    memset(&b, 0, sizeof b);
    b.n_regions = ccap_regions_count(regions);
    b.n_ages = n_ages;
    /* The result holds regions x sexes x ages, more than the leaves' cells estimated. */
    if (b.n_regions > CCAP_POPULATION_REGIONS_MAX ||
        CCAP__CELLS(&b.n_cells, sizeof(double), b.n_regions, CCAP_N_SEXES, n_ages) != CCAP_OK)
        return ccap__diag_set(diag, CCAP_ERANGE, NULL, 0, 0, NULL,
                              "the population would hold %.3g numbers (%zu regions x 2 sexes "
                              "x %zu age groups), more than CCAP_CELLS_MAX (%zu), or more "
                              "regions than CCAP_POPULATION_REGIONS_MAX (%u)",
                              (double)b.n_regions * CCAP_N_SEXES * (double)n_ages, b.n_regions,
                              n_ages, (size_t)CCAP_CELLS_MAX, CCAP_POPULATION_REGIONS_MAX);
    status = base_plan(&b, regions, margins, year, diag);
    if (status == CCAP_OK)
        b.n_cells = b.n_leaves * CCAP_N_SEXES * n_ages; /* at most the product checked above */
    if (status == CCAP_OK)
        status = base_fill(&b, regions, margins, year, standard, diag);
    if (status == CCAP_OK)
        status = method(&b, regions, margins, tolerance, max_iter, &iterations, &dev, diag);
    if (status == CCAP_OK) {
        pop = ccap_population_alloc(b.n_regions, n_ages, 1);
        if (pop == NULL)
            status = ccap__diag_nomem(diag, NULL);
    }
    for (i = 0; status == CCAP_OK && i < b.n_leaves; i++) {
        for (s = 0; status == CCAP_OK && s < CCAP_N_SEXES; s++)
            status = ccap_population_set_values(pop, b.leaf_region[i], (ccap_sex)s,
                                                b.cells + cell_index(&b, i, s, 0), n_ages);
    }
    if (status == CCAP_OK) {
        ccap_population_set_year(pop, year);
        status = ccap_population_aggregate(pop, regions, NULL);
    }
    base_work_free(&b);
    if (iterations_out != NULL)
        *iterations_out = status == CCAP_OK || status == CCAP_ENOTREACHED ? iterations : 0;
    if (max_rel_dev_out != NULL)
        *max_rel_dev_out = status == CCAP_OK || status == CCAP_ENOTREACHED ? dev : (double)NAN;
    if (status != CCAP_OK) {
        ccap_population_free(pop);
        return status;
    }
    *pop_out = pop;
    return CCAP_OK;
}

/* ---- smooth base population ---- */

/* Weight of the chi-square distance of the cells from the seed, sum s (r - 1)^2, against
 * the roughness: small enough that the shape within a block is the roughness's alone
 * (the smallest non-zero eigenvalue of D'D is 4 sin^2(pi / 2n), above 2.4e-6 for the
 * CCAP_POPULATION_AGES_MAX = 1000 ages); there to make Q definite and to share a margin
 * among blocks (leaf x sex) as raking would: a margin over whole blocks scales each of
 * them by one and the same factor. */
#define SMOOTH_RIDGE 1e-6
/* A constraint whose pivot, relative to its own diagonal, falls below this is a linear
 * combination of those before it (a city's total beside its counties' totals, male +
 * female beside both): rounding leaves ~1e-15 there, while independent margins keep
 * larger pivots (on Nanyang's margins and the known truths of the tests the smallest is
 * 3.0e-5, a 65+ beside a 60+; the first left out is 1.5e-15). */
#define SMOOTH_PIVOT 1e-10
/* Refinements of the multipliers on the residual, before a raking pass finishes. */
#define SMOOTH_REFINE 2

typedef struct smooth_work {
    size_t n, m, n_blocks, rank;
    size_t *cell_start, *cell_con; /* the constraints of each cell (transpose of con_*) */
    size_t *local, *list;          /* one block's constraints: column of each, and reverse */
    size_t *perm;                  /* pivot order of the constraints */
    double *tri_d;                 /* one block's T = L diag(tri_d) L', L unit bidiagonal */
    double *weight;                /* per block: mean seed per age (0: an empty block) */
    double *cols;                  /* n x m, column-major: T^-1 B_b' / weight of one block */
    double *gram;                  /* m x m: B Q^-1 B', then its pivoted Cholesky factor */
    double *scale, *rhs, *lambda, *delta, *z; /* m each */
    double *seed, *u;                         /* n_cells seed; n: one block's ratio - 1 */
} smooth_work;

static void
smooth_work_free(smooth_work *w)
{
    free(w->cell_start);
    free(w->cell_con);
    free(w->local);
    free(w->list);
    free(w->perm);
    free(w->tri_d);
    free(w->weight);
    free(w->cols);
    free(w->gram);
    free(w->scale);
    free(w->rhs);
    free(w->lambda);
    free(w->delta);
    free(w->z);
    free(w->seed);
    free(w->u);
}

/* T_b = D'D + SMOOTH_RIDGE diag(seed / weight) for block blk, D the first differences of
 * n >= 2 ages: D'D has 1 at both ends of its diagonal, 2 inside and -1 beside it.  Its
 * LDL' factor has l_i = -1 / d_{i-1} and d_i = T_ii - 1 / d_{i-1}, all d_i > 0: T_b is
 * positive definite, D'D's only null vector, the constant, having a positive ridge. */
static void
tri_factor(smooth_work *w, size_t blk)
{
    const double *seed = w->seed + blk * w->n, ridge = SMOOTH_RIDGE / w->weight[blk];
    size_t i;

    w->tri_d[0] = 1.0 + ridge * seed[0];
    for (i = 1; i < w->n; i++)
        w->tri_d[i] = (i + 1 < w->n ? 2.0 : 1.0) + ridge * seed[i] - 1.0 / w->tri_d[i - 1];
}

/* y = T^-1 y in place: L z = y, then L' y = z / d. */
static void
tri_solve(const smooth_work *w, double y[])
{
    const double *d = w->tri_d;
    size_t i;

    for (i = 1; i < w->n; i++)
        y[i] += y[i - 1] / d[i - 1];
    y[w->n - 1] /= d[w->n - 1];
    for (i = w->n - 1; i-- > 0;)
        y[i] = (y[i] + y[i + 1]) / d[i];
}

/* Gather the constraints of block blk into list[0 .. mb), local[k] their column. */
static size_t
block_constraints(smooth_work *w, size_t blk)
{
    size_t a, i, mb = 0;

    for (a = 0; a < w->n; a++) {
        const size_t c = blk * w->n + a;
        for (i = w->cell_start[c]; i < w->cell_start[c + 1]; i++) {
            const size_t k = w->cell_con[i];
            if (w->local[k] == SIZE_MAX) {
                w->local[k] = mb;
                w->list[mb++] = k;
            }
        }
    }
    return mb;
}

/* gram = B Q^-1 B', a sum over blocks: Q is block diagonal, Q_b = weight_b T_b. */
static void
smooth_gram(smooth_work *w)
{
    const size_t n = w->n, m = w->m;
    size_t blk, a, i, j, mb;

    memset(w->gram, 0, m * m * sizeof *w->gram);
    for (blk = 0; blk < w->n_blocks; blk++) {
        if (!(w->weight[blk] > 0.0))
            continue;
        tri_factor(w, blk);
        mb = block_constraints(w, blk);
        memset(w->cols, 0, n * mb * sizeof *w->cols);
        for (a = 0; a < n; a++) {
            const size_t c = blk * n + a;
            for (i = w->cell_start[c]; i < w->cell_start[c + 1]; i++)
                w->cols[w->local[w->cell_con[i]] * n + a] = w->seed[c] / w->weight[blk];
        }
        for (j = 0; j < mb; j++)
            tri_solve(w, w->cols + j * n);
        for (a = 0; a < n; a++) {
            const size_t c = blk * n + a;
            for (i = w->cell_start[c]; i < w->cell_start[c + 1]; i++) {
                double *row = w->gram + w->cell_con[i] * m;
                for (j = 0; j < mb; j++)
                    row[w->list[j]] += w->seed[c] * w->cols[j * n + a];
            }
        }
        for (j = 0; j < mb; j++)
            w->local[w->list[j]] = SIZE_MAX;
    }
}

/* Cholesky factor with diagonal pivoting (LINPACK's dchdc, LAPACK's dpstrf) of the gram
 * scaled to a unit diagonal, on its lower triangle, stopped at the first pivot below
 * SMOOTH_PIVOT: rank = the constraints kept, in the order perm. */
static void
smooth_factor(smooth_work *w)
{
    const size_t m = w->m;
    double *g = w->gram, *col = w->delta, t;
    size_t i, j, k, q;

    for (k = 0; k < m; k++) {
        w->scale[k] = g[k * m + k] > 0.0 ? 1.0 / sqrt(g[k * m + k]) : 0.0; /* 0: no seed */
        w->perm[k] = k;
    }
    for (i = 0; i < m; i++) {
        for (k = 0; k <= i; k++)
            g[i * m + k] *= w->scale[i] * w->scale[k];
    }
    for (w->rank = 0; w->rank < m; w->rank++) {
        j = w->rank;
        for (q = j, i = j + 1; i < m; i++) {
            if (g[i * m + i] > g[q * m + q])
                q = i;
        }
        if (!(g[q * m + q] > SMOOTH_PIVOT))
            break;
        if (q != j) { /* swap rows and columns j and q of the symmetric matrix */
#define SWAP(x, y) (t = (x), (x) = (y), (y) = t)
            k = w->perm[j];
            w->perm[j] = w->perm[q];
            w->perm[q] = k;
            for (k = 0; k < j; k++)
                SWAP(g[j * m + k], g[q * m + k]);
            SWAP(g[j * m + j], g[q * m + q]);
            for (i = j + 1; i < q; i++)
                SWAP(g[i * m + j], g[q * m + i]);
            for (i = q + 1; i < m; i++)
                SWAP(g[i * m + j], g[i * m + q]);
#undef SWAP
        }
        t = sqrt(g[j * m + j]);
        g[j * m + j] = t;
        for (i = j + 1; i < m; i++)
            col[i] = g[i * m + j] /= t;
        for (i = j + 1; i < m; i++) {
            double *row = g + i * m;
            const double l = col[i];
            for (k = j + 1; k <= i; k++)
                row[k] -= l * col[k];
        }
    }
}

/* Solve gram lambda = rhs on the constraints kept (the others get 0). */
static void
smooth_solve(const smooth_work *w, const double rhs[], double lambda[])
{
    const size_t m = w->m, r = w->rank;
    const double *g = w->gram;
    double *z = w->z;
    size_t i, k;

    for (i = 0; i < r; i++) {
        double v = rhs[w->perm[i]] * w->scale[w->perm[i]];
        for (k = 0; k < i; k++)
            v -= g[i * m + k] * z[k];
        z[i] = v / g[i * m + i];
    }
    for (i = r; i-- > 0;) {
        double v = z[i];
        for (k = i + 1; k < r; k++)
            v -= g[k * m + i] * z[k];
        z[i] = v / g[i * m + i];
    }
    for (k = 0; k < m; k++)
        lambda[k] = 0.0;
    for (i = 0; i < r; i++)
        lambda[w->perm[i]] = z[i] * w->scale[w->perm[i]];
}

/* cells = seed (1 + Q^-1 B' lambda), block by block. */
static void
smooth_cells(smooth_work *w, const double lambda[], double cells[])
{
    const size_t n = w->n;
    size_t blk, a, i;

    for (blk = 0; blk < w->n_blocks; blk++) {
        const double *seed = w->seed + blk * n;
        if (!(w->weight[blk] > 0.0)) {
            memcpy(cells + blk * n, seed, n * sizeof *cells); /* all zero */
            continue;
        }
        tri_factor(w, blk);
        for (a = 0; a < n; a++) {
            const size_t c = blk * n + a;
            double v = 0.0;
            for (i = w->cell_start[c]; i < w->cell_start[c + 1]; i++)
                v += lambda[w->cell_con[i]];
            w->u[a] = v * seed[a] / w->weight[blk];
        }
        tri_solve(w, w->u);
        for (a = 0; a < n; a++)
            cells[blk * n + a] = seed[a] * (1.0 + w->u[a]);
    }
}

/* rhs = targets - B cells; returns the largest relative deviation (NaN or +Inf when a
 * sum is not finite). */
static double
smooth_residual(const base_work *b, const double cells[], double rhs[])
{
    size_t k;
    double dev = 0.0;

    for (k = 0; k < b->n_con; k++) {
        const double sum =
            constraint_sum(cells, b->con_cells, b->con_start[k], b->con_start[k + 1]);
        const double d = relative_deviation(sum, b->targets[k]);
        rhs[k] = b->targets[k] - sum;
        if (!(d <= dev))
            dev = d;
    }
    return dev;
}

static int
smooth_alloc(smooth_work *w, const base_work *b)
{
    size_t k, i, blk, a;

    w->n = b->n_ages;
    w->m = b->n_con;
    w->n_blocks = b->n_leaves * CCAP_N_SEXES;
    w->cell_start = ccap__alloc(b->n_cells + 1, sizeof *w->cell_start);
    w->cell_con = ccap__alloc(b->nnz > 0 ? b->nnz : 1, sizeof *w->cell_con);
    w->local = ccap__alloc(w->m, sizeof *w->local);
    w->list = ccap__alloc(w->m, sizeof *w->list);
    w->perm = ccap__alloc(w->m, sizeof *w->perm);
    w->tri_d = ccap__alloc(w->n, sizeof *w->tri_d);
    w->weight = ccap__alloc(w->n_blocks, sizeof *w->weight);
    w->cols = ccap__alloc(w->n * w->m, sizeof *w->cols); /* m <= the limit: no overflow */
    w->gram = ccap__alloc(w->m * w->m, sizeof *w->gram);
    w->scale = ccap__alloc(w->m, sizeof *w->scale);
    w->rhs = ccap__alloc(w->m, sizeof *w->rhs);
    w->lambda = ccap__alloc(w->m, sizeof *w->lambda);
    w->delta = ccap__alloc(w->m, sizeof *w->delta);
    w->z = ccap__alloc(w->m, sizeof *w->z);
    w->seed = ccap__alloc(b->n_cells, sizeof *w->seed);
    w->u = ccap__alloc(w->n, sizeof *w->u);
    if (w->cell_start == NULL || w->cell_con == NULL || w->local == NULL || w->list == NULL ||
        w->perm == NULL || w->tri_d == NULL || w->weight == NULL || w->cols == NULL ||
        w->gram == NULL || w->scale == NULL || w->rhs == NULL || w->lambda == NULL ||
        w->delta == NULL || w->z == NULL || w->seed == NULL || w->u == NULL)
        return CCAP_ENOMEM;

    memcpy(w->seed, b->cells, b->n_cells * sizeof *w->seed);
    for (blk = 0; blk < w->n_blocks; blk++) {
        double sum = 0.0;
        for (a = 0; a < w->n; a++)
            sum += w->seed[blk * w->n + a];
        w->weight[blk] = sum / (double)w->n;
    }
    for (k = 0; k < w->m; k++)
        w->local[k] = SIZE_MAX;
    /* The transpose: count the constraints of each cell, turn the counts into offsets
     * (cell_start[c + 1] = end of cell c), fill by advancing each cell's start, and shift
     * the starts back. */
    memset(w->cell_start, 0, (b->n_cells + 1) * sizeof *w->cell_start);
    for (i = 0; i < b->nnz; i++)
        w->cell_start[b->con_cells[i] + 1]++;
    for (i = 0; i < b->n_cells; i++)
        w->cell_start[i + 1] += w->cell_start[i];
    for (k = 0; k < w->m; k++) {
        for (i = b->con_start[k]; i < b->con_start[k + 1]; i++)
            w->cell_con[w->cell_start[b->con_cells[i]]++] = k;
    }
    for (i = b->n_cells; i > 0; i--)
        w->cell_start[i] = w->cell_start[i - 1];
    w->cell_start[0] = 0;
    return CCAP_OK;
}

/* The smooth estimate (ccap_graduate_base_smooth()): minimum roughness of the ratios to
 * the seed, then a raking pass only when a cell is negative or a margin is missed. */
static int
base_smooth(base_work *b, const ccap_regions *regions, const ccap_margins *margins,
            double tolerance, size_t max_iter, size_t *iterations, double *dev, ccap_diag *diag)
{
    smooth_work w;
    size_t i, k, refine;
    int negative = 0;

    *iterations = 0;
    if (b->n_con > CCAP_GRADUATE_SMOOTH_MARGINS_MAX)
        return ccap__diag_set(diag, CCAP_ERANGE, NULL, 0, 0, NULL,
                              "%zu margins: the smooth estimate solves a dense system of one "
                              "equation per margin and takes at most %d; rake instead "
                              "(ccap_graduate_base_from_margins()), or estimate each part of "
                              "the region table on its own",
                              b->n_con, CCAP_GRADUATE_SMOOTH_MARGINS_MAX);
    memset(&w, 0, sizeof w);
    if (smooth_alloc(&w, b) != CCAP_OK) {
        smooth_work_free(&w);
        return ccap__diag_nomem(diag, NULL);
    }
    smooth_gram(&w);
    smooth_factor(&w);
    smooth_residual(b, w.seed, w.rhs);
    smooth_solve(&w, w.rhs, w.lambda);
    smooth_cells(&w, w.lambda, b->cells);
    *dev = smooth_residual(b, b->cells, w.rhs);
    for (refine = 0; refine < SMOOTH_REFINE && !(*dev <= tolerance); refine++) {
        smooth_solve(&w, w.rhs, w.delta);
        for (k = 0; k < w.m; k++)
            w.lambda[k] += w.delta[k];
        smooth_cells(&w, w.lambda, b->cells);
        *dev = smooth_residual(b, b->cells, w.rhs);
    }
    smooth_work_free(&w);
    for (i = 0; i < b->n_cells; i++) {
        if (!(b->cells[i] >= 0.0)) {
            b->cells[i] = 0.0;
            negative = 1;
        }
    }
    if (negative || !(*dev <= tolerance))
        return base_rake(b, regions, margins, tolerance, max_iter, iterations, dev, diag);
    return CCAP_OK;
}

int
ccap_graduate_base_from_margins(const ccap_regions *regions, const ccap_margins *margins, int year,
                                const double standard_female[], const double standard_male[],
                                size_t n_ages, double tolerance, size_t max_iter,
                                ccap_population **pop_out, size_t *iterations_out,
                                double *max_rel_dev_out, ccap_diag *diag)
{
    return base_estimate(regions, margins, year, standard_female, standard_male, n_ages, tolerance,
                         max_iter, pop_out, iterations_out, max_rel_dev_out, diag, base_rake);
}

int
ccap_graduate_base_smooth(const ccap_regions *regions, const ccap_margins *margins, int year,
                          const double standard_female[], const double standard_male[],
                          size_t n_ages, double tolerance, size_t max_iter,
                          ccap_population **pop_out, size_t *iterations_out,
                          double *max_rel_dev_out, ccap_diag *diag)
{
    return base_estimate(regions, margins, year, standard_female, standard_male, n_ages, tolerance,
                         max_iter, pop_out, iterations_out, max_rel_dev_out, diag, base_smooth);
}
