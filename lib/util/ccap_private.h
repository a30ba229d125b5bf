/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_UTIL_PRIVATE_H
#define CCAP_UTIL_PRIVATE_H

/*
 * Private header of the util layer (lib/util): helpers shared by every file of lib/
 * (diagnostics, arrays, UTF-8 text, the hash index, numbers as text).
 *
 * Never installed; every name here is ccap__* (double underscore) and hidden from the
 * shared library's ABI.  Each folder of lib/ has a ccap_private.h of its own, so that
 * `#include "ccap_private.h"` in a file of lib/LAYER/ gives that layer's: it includes the
 * private header of the layer below and the public headers of its own layer, never those
 * of a layer above (lib/layers.txt; the layers test checks the calls).
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <ccap/ccap_common.h>
#include <ccap/ccap_version.h>

#if defined(__GNUC__)
#  define CCAP__PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#  define CCAP__PRINTF(fmt, args)
#endif

/* Internal invariant: returns CCAP_EINTERNAL from the enclosing function when false. */
#define CCAP__ASSERT_INTERNAL(expr)                                                                \
    do {                                                                                           \
        if (!(expr))                                                                               \
            return CCAP_EINTERNAL;                                                                 \
    } while (0)

/* ---- status.c: diagnostics ---- */

/* Fill diag (if not NULL) and return status.  file may be NULL, field may be NULL. */
int ccap__diag_set(ccap_diag *diag, int status, const char *file, unsigned long line,
                   unsigned long column, const char *field, const char *fmt, ...)
    CCAP__PRINTF(7, 8);
int ccap__diag_vset(ccap_diag *diag, int status, const char *file, unsigned long line,
                    unsigned long column, const char *field, const char *fmt, va_list ap)
    CCAP__PRINTF(7, 0);
/* Fill diag with "out of memory" for path; returns CCAP_ENOMEM. */
int ccap__diag_nomem(ccap_diag *diag, const char *path);

/* ---- array.c ---- */

/* The product of factors[0..n_factors), the number of cells of an array, in *cells_out.
 * CCAP_OK when it is at most CCAP_CELLS_MAX and cells * elem bytes fit in a size_t;
 * CCAP_ERANGE otherwise, without overflowing (*cells_out is then SIZE_MAX).  A zero
 * factor gives 0 cells (callers reject zero sizes themselves).  Call it before
 * allocating anything whose size comes from a caller or a file. */
int ccap__cells(size_t *cells_out, size_t elem, const size_t factors[], size_t n_factors);
/* Set the n numbers of out to NaN, as out-parameters are on failure; out may be NULL. */
void ccap__fill_nan(double *out, size_t n);
/* ccap__cells with the factors as arguments: CCAP__CELLS(&n, sizeof(double), R, 2, G). */
#define CCAP__CELLS(cells_out, elem, ...)                                                          \
    ccap__cells((cells_out), (elem), (const size_t[]){__VA_ARGS__},                                \
                sizeof((const size_t[]){__VA_ARGS__}) / sizeof(size_t))

/* malloc of an array of n elements of elem bytes, after ccap__cells: NULL when n is above
 * CCAP_CELLS_MAX, n * elem overflows, or memory is exhausted. */
void *ccap__alloc(size_t n, size_t elem);

/* Make ptr (an array of *cap elements of elem bytes) hold at least need elements,
 * doubling the capacity.  Returns the (possibly moved) array and updates *cap, or NULL
 * when out of memory or need is above CCAP_CELLS_MAX (or need * elem overflows), in which
 * case ptr and *cap are unchanged. */
void *ccap__grow(void *ptr, size_t *cap, size_t need, size_t elem);

/* ---- text.c: strings ---- */

/* 1 if s[0..len) is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF), else 0;
 * *bad_offset_out (may be NULL) receives the offset of the first bad byte. */
int ccap__utf8_valid(const char *s, size_t len, size_t *bad_offset_out);
/* Line (1-based) of byte offset off in buf (NUL-terminated): LF, CRLF and a CR alone
 * each end a line. */
unsigned long ccap__line_of(const char *buf, size_t off);
/* 1 if every v[i] is in [lo, hi] (so none is NaN), else 0. */
int ccap__all_in(const double *v, size_t n, double lo, double hi);
/* 1 if s has a byte below 0x20 or 0x7f. */
int ccap__has_control(const char *s);
/* ASCII case-insensitive equality. */
int ccap__ascii_casecmp_eq(const char *a, const char *b);
/* FNV-1a over bytes, then mixed. */
uint64_t ccap__hash_bytes(const void *data, size_t len, uint64_t seed);
/* strdup with malloc; NULL on failure. */
char *ccap__strdup(const char *s);
/* Copy src into dst[size] with truncation at a UTF-8 boundary; always NUL-terminates if size>0. */
void ccap__strlcpy_utf8(char *dst, const char *src, size_t size);

/* ---- hashindex.c: open-addressing index of element numbers by hash ---- */

typedef struct ccap__index {
    size_t *slots;    /* element number, or SIZE_MAX when empty */
    uint64_t *hashes; /* hash of the element in the slot */
    size_t capacity;  /* power of two, or 0 */
    size_t count;
} ccap__index;

/* Called with the element number of a candidate with an equal hash; returns 1 if it matches. */
typedef int (*ccap__index_eq)(size_t element, const void *key, const void *payload);

void ccap__index_init(ccap__index *idx);
void ccap__index_free(ccap__index *idx);
/* Element number of the match, or SIZE_MAX. */
size_t ccap__index_find(const ccap__index *idx, uint64_t hash, const void *key, ccap__index_eq eq,
                        const void *payload);
/* Insert (no duplicate check).  CCAP_OK; CCAP_ERANGE when the index would need more than
 * CCAP_CELLS_MAX slots (more than 2^29 elements); CCAP_ENOMEM (index unchanged). */
int ccap__index_insert(ccap__index *idx, uint64_t hash, size_t element);

/* ---- number.c: locale-independent numbers ---- */

/* Parse a decimal number ("12", "-3.5", "1e6", surrounding blanks allowed), also grouped
 * by thousands as Excel writes it ("9,713,112", "1,203.5"; groups of exactly three), with
 * any number of digits.  CCAP_OK; CCAP_EPARSE when empty or not a number; CCAP_EDOM when
 * NaN or infinite (or overflowing); CCAP_ENOMEM; *value_out set to NAN on failure. */
int ccap__parse_double(const char *text, double *value_out);
/* Parse a whole number in [lo, hi].  CCAP_EPARSE if not an integer, CCAP_EDOM if out of range. */
int ccap__parse_long(const char *text, long lo, long hi, long *value_out);
/* Shortest "%.*g" text that reads back to value; buf needs 32 bytes.  NaN (a number that
 * is not available) gives "", so that every table writes it as an empty cell. */
void ccap__format_double(double value, char *buf, size_t size);

#endif /* CCAP_UTIL_PRIVATE_H */
