/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_REGION_H
#define CCAP_REGION_H

/**
 * @file ccap_region.h
 * @brief A table of regions: codes, names and the parent hierarchy (city → counties).
 *
 * Each region has a unique code (e.g. the GB/T 2260 code "411302"), a UTF-8
 * name (e.g. "宛城区"), an optional English name and an optional parent.
 * Regions are numbered 0, 1, 2, … in the order they were added; other objects
 * (populations, margins) refer to regions by that index.
 *
 * A table is built in two phases.  ccap_regions_add() collects entries in any
 * order (a child may come before its parent); ccap_regions_finish() then
 * resolves parents, rejects cycles and builds the child lists.  After that the
 * table is read-only and the hierarchy functions may be used.  One or several
 * roots (regions without a parent) are allowed.
 */

#include <ccap/ccap_common.h>

CCAP_BEGIN_DECLS

/** Opaque region table. */
typedef struct ccap_regions ccap_regions;

/** Longest region code in bytes (without the NUL). */
#define CCAP_REGION_CODE_MAX 63
/** Longest region name in bytes (without the NUL). */
#define CCAP_REGION_NAME_MAX 255
/** Deepest hierarchy accepted (a root has depth 0). */
#define CCAP_REGION_DEPTH_MAX 64

/**
 * Allocate an empty region table.
 * @return A new table, or NULL when memory is exhausted.  Free it with ccap_regions_free().
 * @since 0.1
 */
CCAP_API ccap_regions *ccap_regions_alloc(void);

/** Free @p regions and all it owns.  NULL is accepted and ignored. @since 0.1 */
CCAP_API void ccap_regions_free(ccap_regions *regions);

/**
 * Add a region.
 *
 * A code is 1 to #CCAP_REGION_CODE_MAX bytes of printable ASCII other than
 * space, comma and double quote (letters, digits, `-`, `_`, `.`, …).  Names are
 * copied; they must be valid UTF-8 without control characters, at most
 * #CCAP_REGION_NAME_MAX bytes.
 *
 * @param regions      A table not yet finished.
 * @param code         Unique code.
 * @param name         Name (UTF-8); NULL or "" stores the code as the name.
 * @param name_en      English name, or NULL / "" for none.
 * @param parent_code  Code of the parent, or NULL / "" for a root.  The parent
 *                     may be added later.
 * @param[out] index_out  Receives the new region's index (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p regions or @p code is NULL
 * @retval CCAP_EDOM    a code or name is empty, too long or has forbidden characters,
 *                      or @p parent_code equals @p code
 * @retval CCAP_EEXIST  @p code is already in the table
 * @retval CCAP_ESTATE  the table is already finished
 * @retval CCAP_ENOMEM  out of memory (the table is unchanged)
 * @since 0.1
 */
CCAP_API int ccap_regions_add(ccap_regions *regions, const char *code, const char *name,
                              const char *name_en, const char *parent_code, size_t *index_out);

/**
 * Resolve parents and build the hierarchy.
 *
 * @param regions         The table.
 * @param[out] bad_out    On #CCAP_ENOTFOUND, #CCAP_EDOM or #CCAP_ERANGE, the index of
 *                        the region at fault (its parent is missing, it lies on or
 *                        below a cycle, or it is too deep); may be NULL.
 * @retval CCAP_OK         success; calling it again is a no-op
 * @retval CCAP_EINVAL     @p regions is NULL or empty
 * @retval CCAP_ENOTFOUND  a parent code names no region
 * @retval CCAP_EDOM       the parent links form a cycle
 * @retval CCAP_ERANGE     the hierarchy is deeper than #CCAP_REGION_DEPTH_MAX
 * @retval CCAP_ENOMEM     out of memory
 * On failure the table stays unfinished: regions may still be added (say, the
 * missing parent) before calling ccap_regions_finish() again.
 * @since 0.1
 */
CCAP_API int ccap_regions_finish(ccap_regions *regions, size_t *bad_out);

/** Whether ccap_regions_finish() has succeeded on @p regions (1) or not (0). @since 0.1 */
CCAP_API int ccap_regions_is_finished(const ccap_regions *regions);

/** Number of regions (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_regions_count(const ccap_regions *regions);

/**
 * Find a region by code (exact, case-sensitive match).  Works before and after finishing.
 * @param regions  The table.
 * @param code     The code to look for.
 * @param[out] index_out  Receives the index; may be NULL to test for presence.
 * @retval CCAP_OK         found
 * @retval CCAP_EINVAL     @p regions or @p code is NULL
 * @retval CCAP_ENOTFOUND  no region has this code
 * @since 0.1
 */
CCAP_API int ccap_regions_find(const ccap_regions *regions, const char *code, size_t *index_out);

/**
 * The code of region @p index.
 * @return A string owned by @p regions, valid until ccap_regions_free(); NULL if
 *         @p index is out of range.
 * @since 0.1
 */
CCAP_API const char *ccap_regions_code(const ccap_regions *regions, size_t index);

/** The name of region @p index (owned by @p regions), or NULL if out of range. @since 0.1 */
CCAP_API const char *ccap_regions_name(const ccap_regions *regions, size_t index);

/**
 * The English name of region @p index (owned by @p regions): "" when none was
 * given, NULL if @p index is out of range.
 * @since 0.1
 */
CCAP_API const char *ccap_regions_name_en(const ccap_regions *regions, size_t index);

/**
 * The parent of region @p index.  Requires a finished table.
 * @param regions  The table.
 * @param index    Region index.
 * @param[out] parent_out  Receives the parent's index.
 * @retval CCAP_OK         success
 * @retval CCAP_ENOTFOUND  the region is a root
 * @retval CCAP_EINVAL     NULL argument or @p index out of range
 * @retval CCAP_ESTATE     the table is not finished
 * @since 0.1
 */
CCAP_API int ccap_regions_parent(const ccap_regions *regions, size_t index, size_t *parent_out);

/**
 * Number of direct children of region @p index (0 for a leaf, an unfinished
 * table or an index out of range).
 * @since 0.1
 */
CCAP_API size_t ccap_regions_n_children(const ccap_regions *regions, size_t index);

/**
 * The @p k-th direct child of region @p index, in the order the children were added.
 * @return The child's index, or `(size_t)-1` if @p index or @p k is out of range
 *         or the table is not finished.
 * @since 0.1
 */
CCAP_API size_t ccap_regions_child(const ccap_regions *regions, size_t index, size_t k);

/**
 * Depth of region @p index: 0 for a root, 1 for its children, …
 * @return The depth, or `(size_t)-1` if out of range or not finished.
 * @since 0.1
 */
CCAP_API size_t ccap_regions_depth(const ccap_regions *regions, size_t index);

/**
 * The @p k-th region in depth-first pre-order (each parent before its
 * children, siblings in the order they were added, roots in the order added).
 * Iterating k = 0 … count-1 lists the tree as it is usually printed.
 * @return A region index, or `(size_t)-1` if @p k is out of range or not finished.
 * @since 0.1
 */
CCAP_API size_t ccap_regions_preorder(const ccap_regions *regions, size_t k);

CCAP_END_DECLS

#endif /* CCAP_REGION_H */
