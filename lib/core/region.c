/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Region table: codes, names and the parent hierarchy. */

#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

#define NONE ((size_t)-1)

typedef struct region {
    char *code;
    char *name;
    char *name_en;
    char *parent_code; /* NULL for a root */
    size_t parent;     /* NONE for a root; valid after finish */
    size_t depth;
} region;

struct ccap_regions {
    region *items;
    size_t n, cap;
    ccap__index by_code;
    int finished;
    size_t *child_start; /* n + 1 offsets into children (CSR) */
    size_t *children;
    size_t *preorder;
};

ccap_regions *
ccap_regions_alloc(void)
{
    ccap_regions *r = calloc(1, sizeof *r);

    if (r != NULL)
        ccap__index_init(&r->by_code);
    return r;
}

static void
free_hierarchy(ccap_regions *r)
{
    free(r->child_start);
    free(r->children);
    free(r->preorder);
    r->child_start = r->children = r->preorder = NULL;
}

void
ccap_regions_free(ccap_regions *regions)
{
    size_t i;

    if (regions == NULL)
        return;
    for (i = 0; i < regions->n; i++) {
        free(regions->items[i].code);
        free(regions->items[i].name);
        free(regions->items[i].name_en);
        free(regions->items[i].parent_code);
    }
    free(regions->items);
    free_hierarchy(regions);
    ccap__index_free(&regions->by_code);
    free(regions);
}

int
ccap__region_code_valid(const char *code)
{
    size_t n = strlen(code), i;

    if (n == 0 || n > CCAP_REGION_CODE_MAX)
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)code[i];
        if (c <= 0x20 || c >= 0x7f || c == ',' || c == '"')
            return 0;
    }
    return 1;
}

int
ccap__region_name_valid(const char *name)
{
    size_t n = strlen(name);

    return n <= CCAP_REGION_NAME_MAX && ccap__utf8_valid(name, n, NULL) &&
           !ccap__has_control(name);
}

static int
code_eq(size_t element, const void *key, const void *payload)
{
    const ccap_regions *r = payload;

    return strcmp(r->items[element].code, key) == 0;
}

static uint64_t
code_hash(const char *code)
{
    return ccap__hash_bytes(code, strlen(code), 0);
}

int
ccap_regions_find(const ccap_regions *regions, const char *code, size_t *index_out)
{
    size_t i;

    if (regions == NULL || code == NULL)
        return CCAP_EINVAL;
    i = ccap__index_find(&regions->by_code, code_hash(code), code, code_eq, regions);
    if (i == NONE)
        return CCAP_ENOTFOUND;
    if (index_out != NULL)
        *index_out = i;
    return CCAP_OK;
}

int
ccap_regions_add(ccap_regions *regions, const char *code, const char *name, const char *name_en,
                 const char *parent_code, size_t *index_out)
{
    region item = {NULL, NULL, NULL, NULL, NONE, 0};
    region *items;

    if (regions == NULL || code == NULL)
        return CCAP_EINVAL;
    if (regions->finished)
        return CCAP_ESTATE;
    if (name == NULL || name[0] == '\0')
        name = code;
    if (name_en == NULL)
        name_en = "";
    if (parent_code != NULL && parent_code[0] == '\0')
        parent_code = NULL;
    if (!ccap__region_code_valid(code) || !ccap__region_name_valid(name) ||
        !ccap__region_name_valid(name_en) ||
        (parent_code != NULL &&
         (!ccap__region_code_valid(parent_code) || strcmp(parent_code, code) == 0)))
        return CCAP_EDOM;
    if (ccap_regions_find(regions, code, NULL) == CCAP_OK)
        return CCAP_EEXIST;

    items = ccap__grow(regions->items, &regions->cap, regions->n + 1, sizeof *items);
    if (items == NULL)
        return CCAP_ENOMEM;
    regions->items = items;
    item.code = ccap__strdup(code);
    item.name = ccap__strdup(name);
    item.name_en = ccap__strdup(name_en);
    item.parent_code = parent_code != NULL ? ccap__strdup(parent_code) : NULL;
    if (item.code == NULL || item.name == NULL || item.name_en == NULL ||
        (parent_code != NULL && item.parent_code == NULL) ||
        ccap__index_insert(&regions->by_code, code_hash(code), regions->n) != CCAP_OK) {
        free(item.code);
        free(item.name);
        free(item.name_en);
        free(item.parent_code);
        return CCAP_ENOMEM;
    }
    regions->items[regions->n] = item;
    if (index_out != NULL)
        *index_out = regions->n;
    regions->n++;
    return CCAP_OK;
}

/* Depth of region i by walking up; NONE when the chain is deeper than
 * CCAP_REGION_DEPTH_MAX, with *cycle_out telling whether it never reaches a root. */
static size_t
walk_depth(const ccap_regions *r, size_t i, int *cycle_out)
{
    size_t depth = 0, j = i;

    *cycle_out = 0;
    while (r->items[j].parent != NONE) {
        j = r->items[j].parent;
        if (++depth > CCAP_REGION_DEPTH_MAX) {
            /* Too deep: one bounded walk tells a cycle (no root within n steps). */
            while (r->items[j].parent != NONE && depth <= r->n) {
                j = r->items[j].parent;
                depth++;
            }
            *cycle_out = depth > r->n;
            return NONE;
        }
    }
    return depth;
}

int
ccap_regions_finish(ccap_regions *regions, size_t *bad_out)
{
    ccap_regions *r = regions;
    size_t i, k, top, pos;
    size_t *stack = NULL;

    if (r == NULL || r->n == 0)
        return CCAP_EINVAL;
    if (r->finished)
        return CCAP_OK;

    for (i = 0; i < r->n; i++) {
        r->items[i].parent = NONE;
        if (r->items[i].parent_code != NULL &&
            ccap_regions_find(r, r->items[i].parent_code, &r->items[i].parent) != CCAP_OK) {
            r->items[i].parent = NONE;
            if (bad_out != NULL)
                *bad_out = i;
            return CCAP_ENOTFOUND;
        }
    }
    for (i = 0; i < r->n; i++) {
        int cycle;
        r->items[i].depth = walk_depth(r, i, &cycle);
        if (r->items[i].depth == NONE) {
            if (bad_out != NULL)
                *bad_out = i;
            return cycle ? CCAP_EDOM : CCAP_ERANGE;
        }
    }

    free_hierarchy(r);
    r->child_start = calloc(r->n + 1, sizeof *r->child_start);
    r->children = ccap__alloc(r->n, sizeof *r->children);
    r->preorder = ccap__alloc(r->n, sizeof *r->preorder);
    stack = ccap__alloc(r->n, sizeof *stack);
    if (r->child_start == NULL || r->children == NULL || r->preorder == NULL || stack == NULL) {
        free(stack);
        free_hierarchy(r);
        return CCAP_ENOMEM;
    }
    /* Children in CSR form, in the order they were added. */
    for (i = 0; i < r->n; i++) {
        if (r->items[i].parent != NONE)
            r->child_start[r->items[i].parent + 1]++;
    }
    for (i = 0; i < r->n; i++)
        r->child_start[i + 1] += r->child_start[i];
    for (i = 0; i < r->n; i++)
        stack[i] = r->child_start[i]; /* next free place per parent */
    for (i = 0; i < r->n; i++) {
        size_t p = r->items[i].parent;
        if (p != NONE)
            r->children[stack[p]++] = i;
    }
    /* Depth-first pre-order, roots in the order added; children pushed in reverse. */
    pos = 0;
    for (i = 0; i < r->n; i++) {
        if (r->items[i].parent != NONE)
            continue;
        top = 0;
        stack[top++] = i;
        while (top > 0) {
            size_t j = stack[--top];
            r->preorder[pos++] = j;
            for (k = r->child_start[j + 1]; k-- > r->child_start[j];)
                stack[top++] = r->children[k];
        }
    }
    free(stack);
    CCAP__ASSERT_INTERNAL(pos == r->n);
    r->finished = 1;
    return CCAP_OK;
}

int
ccap_regions_is_finished(const ccap_regions *regions)
{
    return regions != NULL && regions->finished;
}

size_t
ccap_regions_count(const ccap_regions *regions)
{
    return regions == NULL ? 0 : regions->n;
}

const char *
ccap_regions_code(const ccap_regions *regions, size_t index)
{
    return regions == NULL || index >= regions->n ? NULL : regions->items[index].code;
}

const char *
ccap_regions_name(const ccap_regions *regions, size_t index)
{
    return regions == NULL || index >= regions->n ? NULL : regions->items[index].name;
}

const char *
ccap_regions_name_en(const ccap_regions *regions, size_t index)
{
    return regions == NULL || index >= regions->n ? NULL : regions->items[index].name_en;
}

int
ccap_regions_parent(const ccap_regions *regions, size_t index, size_t *parent_out)
{
    if (regions == NULL || parent_out == NULL || index >= regions->n)
        return CCAP_EINVAL;
    if (!regions->finished)
        return CCAP_ESTATE;
    if (regions->items[index].parent == NONE)
        return CCAP_ENOTFOUND;
    *parent_out = regions->items[index].parent;
    return CCAP_OK;
}

size_t
ccap_regions_n_children(const ccap_regions *regions, size_t index)
{
    if (regions == NULL || !regions->finished || index >= regions->n)
        return 0;
    return regions->child_start[index + 1] - regions->child_start[index];
}

size_t
ccap_regions_child(const ccap_regions *regions, size_t index, size_t k)
{
    if (k >= ccap_regions_n_children(regions, index))
        return NONE;
    return regions->children[regions->child_start[index] + k];
}

size_t
ccap_regions_depth(const ccap_regions *regions, size_t index)
{
    if (regions == NULL || !regions->finished || index >= regions->n)
        return NONE;
    return regions->items[index].depth;
}

size_t
ccap_regions_preorder(const ccap_regions *regions, size_t k)
{
    if (regions == NULL || !regions->finished || k >= regions->n)
        return NONE;
    return regions->preorder[k];
}
