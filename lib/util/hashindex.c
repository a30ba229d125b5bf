/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An open-addressing (linear probing) index from hashes to element numbers. */

#include <stdlib.h>

#include "ccap_private.h"

#define EMPTY SIZE_MAX

void
ccap__index_init(ccap__index *idx)
{
    idx->slots = NULL;
    idx->hashes = NULL;
    idx->capacity = 0;
    idx->count = 0;
}

void
ccap__index_free(ccap__index *idx)
{
    free(idx->slots);
    free(idx->hashes);
    ccap__index_init(idx);
}

size_t
ccap__index_find(const ccap__index *idx, uint64_t hash, const void *key, ccap__index_eq eq,
                 const void *payload)
{
    size_t mask, i;

    if (idx->capacity == 0)
        return EMPTY;
    mask = idx->capacity - 1;
    for (i = (size_t)hash & mask; idx->slots[i] != EMPTY; i = (i + 1) & mask) {
        if (idx->hashes[i] == hash && eq(idx->slots[i], key, payload))
            return idx->slots[i];
    }
    return EMPTY;
}

static void
place(size_t *slots, uint64_t *hashes, size_t capacity, uint64_t hash, size_t element)
{
    size_t mask = capacity - 1, i;

    for (i = (size_t)hash & mask; slots[i] != EMPTY; i = (i + 1) & mask)
        ;
    slots[i] = element;
    hashes[i] = hash;
}

int
ccap__index_insert(ccap__index *idx, uint64_t hash, size_t element)
{
    /* Keep the load factor at or below one half. */
    if (2 * (idx->count + 1) > idx->capacity) {
        size_t cap = idx->capacity == 0 ? 16 : 2 * idx->capacity;
        size_t *slots;
        uint64_t *hashes;
        size_t i;

        if (idx->capacity > SIZE_MAX / 2 || CCAP__CELLS(&i, sizeof *slots, cap) != CCAP_OK)
            return CCAP_ERANGE;
        slots = malloc(cap * sizeof *slots);
        hashes = malloc(cap * sizeof *hashes);
        if (slots == NULL || hashes == NULL) {
            free(slots);
            free(hashes);
            return CCAP_ENOMEM;
        }
        for (i = 0; i < cap; i++)
            slots[i] = EMPTY;
        for (i = 0; i < idx->capacity; i++) {
            if (idx->slots[i] != EMPTY)
                place(slots, hashes, cap, idx->hashes[i], idx->slots[i]);
        }
        free(idx->slots);
        free(idx->hashes);
        idx->slots = slots;
        idx->hashes = hashes;
        idx->capacity = cap;
    }
    place(idx->slots, idx->hashes, idx->capacity, hash, element);
    idx->count++;
    return CCAP_OK;
}
