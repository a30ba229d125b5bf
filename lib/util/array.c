/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Array sizes and growing arrays. */

#include <math.h>
#include <stdlib.h>

#include "ccap_private.h"

void *
ccap__grow(void *ptr, size_t *cap, size_t need, size_t elem)
{
    size_t cap2;
    void *p;

    if (need <= *cap && ptr != NULL)
        return ptr;
    if (CCAP__CELLS(&cap2, elem, need) != CCAP_OK)
        return NULL;
    cap2 = *cap == 0 ? 16 : *cap;
    while (cap2 < need) /* ends: need <= CCAP_CELLS_MAX */
        cap2 = cap2 > CCAP_CELLS_MAX / 2 ? CCAP_CELLS_MAX : 2 * cap2;
    if (cap2 > SIZE_MAX / elem) /* need * elem fits, checked above */
        cap2 = need;
    p = realloc(ptr, cap2 * elem);
    if (p != NULL)
        *cap = cap2;
    return p;
}

int
ccap__cells(size_t *cells_out, size_t elem, const size_t factors[], size_t n_factors)
{
    size_t cells = 1, i;

    for (i = 0; i < n_factors; i++) {
        if (factors[i] == 0) {
            *cells_out = 0;
            return CCAP_OK;
        }
    }
    /* cells <= CCAP_CELLS_MAX throughout, so cells * factors[i] never overflows */
    for (i = 0; i < n_factors; i++) {
        if (cells > CCAP_CELLS_MAX / factors[i]) {
            *cells_out = SIZE_MAX;
            return CCAP_ERANGE;
        }
        cells *= factors[i];
    }
    if (elem > 0 && cells > SIZE_MAX / elem) {
        *cells_out = SIZE_MAX;
        return CCAP_ERANGE;
    }
    *cells_out = cells;
    return CCAP_OK;
}

void *
ccap__alloc(size_t n, size_t elem)
{
    size_t cells;

    return CCAP__CELLS(&cells, elem, n) == CCAP_OK ? malloc(cells * elem) : NULL;
}

int
ccap__all_in(const double *v, size_t n, double lo, double hi)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (!(v[i] >= lo && v[i] <= hi)) /* also false for NaN */
            return 0;
    }
    return 1;
}

void
ccap__fill_nan(double *out, size_t n)
{
    size_t i;

    if (out == NULL)
        return;
    for (i = 0; i < n; i++)
        out[i] = NAN;
}
