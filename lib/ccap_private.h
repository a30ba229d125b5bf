/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_PRIVATE_H
#define CCAP_PRIVATE_H

/*
 * Helpers shared by the files of lib/.  Never installed; every name here is
 * ccap__* (double underscore) and hidden from the shared library's ABI.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <ccap/ccap.h>

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

/* ---- population.c: raw access for the projection engine (no checks) ---- */

/* The n_ages counts of one region and sex (sex female or male), writable. */
double *ccap__population_row(ccap_population *pop, size_t region, ccap_sex sex);
/* Mark a region as having data (has != 0) or not. */
void ccap__population_set_has(ccap_population *pop, size_t region, int has);

/* ---- region.c: validation shared with the readers ---- */

int ccap__region_code_valid(const char *code);
int ccap__region_name_valid(const char *name);

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

/* ---- table.c: CSV tables in, atomic files out ---- */

typedef struct ccap__row {
    unsigned long line; /* 1-based line where the row starts */
    size_t n_fields;
    size_t first;  /* index of the first field in the table's field list */
    char **fields; /* NUL-terminated, owned by the table */
} ccap__row;

typedef struct ccap__table {
    const char *path; /* as given, borrowed */
    ccap__row *rows;  /* rows[0] is the header */
    size_t n_rows;
    size_t cap_rows;
    char *arena; /* all field text: the file's own buffer, overwritten (ccap__table_read) */
    size_t arena_used, arena_cap;
    char **field_ptrs;
    size_t n_field_ptrs, cap_field_ptrs;
} ccap__table;

/* Column spec for ccap__table_columns: name, required flag.  Filled: position (SIZE_MAX if absent). */
typedef struct ccap__column {
    const char *name;
    int required;
    size_t pos;
} ccap__column;

/* Read a whole regular file (at most CCAP_CSV_FILE_MAX bytes, checked before reading)
 * into a new NUL-terminated buffer.  A FIFO, a device or a directory is refused before a
 * byte is read.  CCAP_EIO, CCAP_ERANGE or CCAP_ENOMEM with diag filled on failure. */
int ccap__read_file(const char *path, char **buf_out, size_t *len_out, ccap_diag *diag);

/* ---- encoding.c ---- */

/* Turn the file's bytes in *buf (len bytes, NUL-terminated, owned) into UTF-8 as options
 * ask: unchanged if UTF-8, converted (a new *buf) if GB18030.  Fills diag with the line
 * and byte offset of the first bad byte on CCAP_EPARSE; leaves a warning in diag (status
 * CCAP_OK) when automatic detection converted the file. */
int ccap__decode(char **buf, size_t *len, const char *path, ccap_encoding encoding,
                 ccap_diag *diag);

/* Read and tokenise a whole CSV file.  Fills diag on failure.  Rows whose fields are all
 * empty are dropped; the header must exist. */
int ccap__table_read(ccap__table *table, const char *path, const ccap_read_options *options,
                     ccap_diag *diag);
void ccap__table_free(ccap__table *table);
/* Match the header against cols[0..n_cols); check ragged rows.  Fills diag on failure. */
int ccap__table_columns(const ccap__table *table, ccap__column cols[], size_t n_cols,
                        ccap_diag *diag);
/* ccap__table_read then ccap__table_columns; on failure the table is freed. */
int ccap__table_open(ccap__table *table, const char *path, const ccap_read_options *options,
                     ccap__column cols[], size_t n_cols, ccap_diag *diag);
/* Fill diag with "out of memory" for path; returns CCAP_ENOMEM. */
int ccap__diag_nomem(ccap_diag *diag, const char *path);
/* Field text of data row r (1-based in rows[]) for column c; "" if the column is absent. */
const char *ccap__table_field(const ccap__table *table, size_t r, const ccap__column *col);
/* Report a problem with a field: fills diag with path, line, column and field name. */
int ccap__table_error(const ccap__table *table, ccap_diag *diag, int status, size_t r,
                      const ccap__column *col, const char *fmt, ...) CCAP__PRINTF(6, 7);

/* ---- csvfield.c: typed fields of a table row, with FILE:LINE: field messages ---- */

typedef enum ccap__domain { ANY_FINITE, NON_NEGATIVE, POSITIVE } ccap__domain;
typedef enum ccap__age_form { AGE_BAD, AGE_SINGLE, AGE_OPEN, AGE_RANGE } ccap__age_form;

/* A short printable copy of a value for messages (at most 44 bytes and "..."). */
const char *ccap__show(const char *value, char buf[64]);
/* "empty value" at row r, column col. */
int ccap__empty_error(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col);
/* A region code of the table (not '*'). */
int ccap__field_region(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                       const ccap_regions *regions, size_t *region_out);
/* A year from CCAP_YEAR_MIN to CCAP_YEAR_MAX. */
int ccap__field_year(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                     int *year_out);
/* female, male, or (allow_both) both. */
int ccap__field_sex(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                    int allow_both, ccap_sex *sex_out);
/* A finite number in a domain (CCAP_EPARSE when not a number, CCAP_EDOM when out of it). */
int ccap__field_number(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                       ccap__domain dom, double *value_out);
/* A count of persons: finite, >= 0 and at most 10^12. */
int ccap__field_count(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                      double *value_out);
/* The plausible range of an input (docs/conventions.md, "Plausible ranges"): lo to hi, lo
 * itself excluded when lo_open; unit names what the number counts and hint what a value
 * beyond the range usually is, for the message. */
typedef struct ccap__range {
    double lo, hi;
    int lo_open;
    const char *unit;
    const char *hint;
} ccap__range;
/* A finite number in a plausible range (CCAP_EPARSE when not a number, CCAP_EDOM when
 * outside the range; "negative value" when the range starts at 0). */
int ccap__field_range(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                      const ccap__range *range, double *value_out);
extern const ccap__range ccap__range_mx, ccap__range_asfr, ccap__range_srb, ccap__range_migrants,
    ccap__range_migration_rate, ccap__range_slots, ccap__range_children, ccap__range_per_1000,
    ccap__range_cost;
/* "37", "100+" or "15-59" as [lo, hi) (hi CCAP_AGE_OPEN for "N+"). */
ccap__age_form ccap__parse_age_label(const char *text, size_t *lo_out, size_t *hi_out);
/* A population age label: "37" or "100+" (*open_out set for the open group). */
int ccap__field_age(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                    size_t *age_out, int *open_out);
/* A margin's ages: "total", "15-59", "60+" or "0", as [lo, hi). */
int ccap__field_ages(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                     size_t *lo_out, size_t *hi_out);

/* Atomic output: write to a temporary file beside path, rename on commit. */
typedef struct ccap__outfile {
    FILE *fp;
    char *path;
    char *tmp_path;
    int failed; /* 0, or the errno of the first failed write */
} ccap__outfile;

int ccap__outfile_open(ccap__outfile *out, const char *path, ccap_diag *diag);
/* Record a failed write of the caller's own (errno still that of the failure). */
void ccap__outfile_failed(ccap__outfile *out);
/* Write one CSV row of n fields, quoting where needed. */
void ccap__outfile_row(ccap__outfile *out, const char *const fields[], size_t n);
/* Flush, close, rename.  On any earlier or present failure, remove the temporary file. */
int ccap__outfile_commit(ccap__outfile *out, ccap_diag *diag);
/* Abandon: close and remove the temporary file. */
void ccap__outfile_abort(ccap__outfile *out);

#endif /* CCAP_PRIVATE_H */
