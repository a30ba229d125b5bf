/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Growing arrays. */

#include <stdlib.h>

#include "ccap_private.h"

void *
ccap__grow(void *ptr, size_t *cap, size_t need, size_t elem)
{
    size_t cap2;
    void *p;

    if (need <= *cap && ptr != NULL)
        return ptr;
    cap2 = *cap == 0 ? 16 : *cap;
    while (cap2 < need) {
        if (cap2 > SIZE_MAX / 2 / elem)
            return NULL;
        cap2 *= 2;
    }
    p = realloc(ptr, cap2 * elem);
    if (p != NULL)
        *cap = cap2;
    return p;
}
