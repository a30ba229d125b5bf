/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_FORMATS_PRIVATE_H
#define CCAP_FORMATS_PRIVATE_H

/*
 * Private header of the formats layer (lib/formats): CSV tables in and out, encodings,
 * scenario files.
 *
 * Never installed; every name here is ccap__* (double underscore) and hidden from the
 * shared library's ABI.  Each folder of lib/ has a ccap_private.h of its own, so that
 * `#include "ccap_private.h"` in a file of lib/LAYER/ gives that layer's: it includes the
 * private header of the layer below and the public headers of its own layer, never those
 * of a layer above (lib/layers.txt; the layers test checks the calls).
 */

#include "../planning/ccap_private.h"

#include <ccap/ccap_read.h>
#include <ccap/ccap_csv.h>
#include <ccap/ccap_scenario.h>
#include <ccap/ccap_access_csv.h>

/* ---- scenario.c: the scenario object (opaque in ccap_scenario.h) ---- */

/* The figures a scenario's [sources] section may mark (ccap_scenario_source()). */
#define CCAP__SCENARIO_N_SOURCES 6

struct ccap_scenario {
    char *inputs[CCAP_SCENARIO_N_INPUTS]; /* resolved paths, owned; NULL when absent */
    char *sources[CCAP__SCENARIO_N_SOURCES]; /* notes of [sources], owned; NULL: not given */
    long years;                           /* 1 to CCAP_SCENARIO_YEARS_MAX; 0: not given */
    size_t step;                          /* 1 or 5; 0: not given */
    ccap_migration_timing timing;
    ccap_a0_rule a0;
    int observed; /* the last year with observed figures */
    double occupancy, attrition;
    size_t trajectories;
    unsigned long seed;
    size_t threads;
    double *quantiles; /* n_quantiles, increasing, in (0, 1); owned */
    size_t n_quantiles;
    double tfr_phi, tfr_sigma, mortality_sd, migration_sd;
    int sensitivity_year;
    int takeup_from_enrolment; /* [childcare] takeup_from = enrolment */
    ccap_kindergarten_params kindergarten; /* [childcare] kindergarten_enrolment, conversion_cost */
    ccap_running_cost_params running;  /* [childcare] carer_wage_month ... other_per_slot_year */
    int kg_given[2], running_given[4]; /* in the order of the keys above */
    /* nonzero when given, by the file or ccap_scenario_set() */
    int years_given, step_given, timing_given, a0_given, observed_given, occupancy_given,
        attrition_given, trajectories_given, seed_given, threads_given, quantiles_given,
        tfr_phi_given, tfr_sigma_given, mortality_sd_given, migration_sd_given,
        sensitivity_year_given, takeup_from_given;
};

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
/* A region code of the table, or '*' (CCAP_REGION_ALL). */
int ccap__field_region_or_all(const ccap__table *t, ccap_diag *diag, size_t r,
                              const ccap__column *col, const ccap_regions *regions,
                              size_t *region_out);

/* The name written beside a region's code (tables ccap writes have one): empty, or the
 * region's name or English name in the region table; anything else is refused. */
int ccap__field_region_name(const ccap__table *t, ccap_diag *diag, size_t r,
                            const ccap__column *col, const ccap_regions *regions, size_t region);
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
    int per_mille; /* a per 1,000 figure: 4.5‰ read as 4.5 */
} ccap__range;
/* A finite number in a plausible range (CCAP_EPARSE when not a number, CCAP_EDOM when
 * outside the range; "negative value" when the range starts at 0). */
int ccap__field_range(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *col,
                      const ccap__range *range, double *value_out);
extern const ccap__range ccap__range_mx, ccap__range_asfr, ccap__range_srb, ccap__range_migrants,
    ccap__range_migration_rate, ccap__range_slots, ccap__range_children, ccap__range_per_1000,
    ccap__range_cost;
/* Whether the fields of columns number and next, side by side in row r, are the pieces
 * of one number split at its thousands separator (an unquoted 268,979 read as '268' and
 * '979'); if so, joined receives "268,979". */
int ccap__split_thousands(const ccap__table *t, size_t r, const ccap__column *number,
                          const ccap__column *next, char joined[64]);
/* A note that is a finite number is refused: CCAP_EPARSE at the number's column when the two are
 * one number split at its comma (`a number with a thousands separator needs quotes`), else at the
 * note's. CCAP_OK for any other note, the empty one included. */
int ccap__numeric_note(const ccap__table *t, ccap_diag *diag, size_t r, const ccap__column *number,
                       const ccap__column *note);
/* Enrolled children more than twice the slots (or places: `what`) are refused: CCAP_EPARSE
 * at the enrolled column when the two fields are one number split at its comma, else
 * CCAP_EDOM.  CCAP_OK when enrolled is at most twice slots (csv_childcare.c). */
int ccap__check_enrolled(const ccap__table *t, ccap_diag *diag, size_t r,
                         const ccap__column *slots_col, const ccap__column *enrolled_col,
                         const char *what, double slots, double enrolled);
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

#endif /* CCAP_FORMATS_PRIVATE_H */
