/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_COMMON_H
#define CCAP_COMMON_H

/**
 * @file ccap_common.h
 * @brief Shared vocabulary: the export macro, status codes, diagnostics and the sex enum.
 *
 * Every fallible function in libccap returns an `int` holding a ::ccap_status:
 * #CCAP_OK (zero) on success and a negative code on failure.  Functions that
 * read files also fill an optional ::ccap_diag with the file, line, column and
 * field of the first problem found, and a message a person can act on.
 *
 * The library never prints, aborts or exits, and keeps no global mutable
 * state: independent objects may be used from different threads at once.
 */

#include <stddef.h>

/**
 * @def CCAP_API
 * Marks a function exported from libccap (default visibility; dllexport/dllimport on
 * Windows).  Everything else in the library is hidden.
 */
#if defined(_WIN32) && !defined(CCAP_STATIC)
#  ifdef CCAP_COMPILATION
#    define CCAP_API __declspec(dllexport)
#  else
#    define CCAP_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define CCAP_API __attribute__((visibility("default")))
#else
#  define CCAP_API
#endif

/**
 * @def CCAP_BEGIN_DECLS
 * Opens an `extern "C"` block when compiled as C++, so that every header can be
 * included from C++.  Closed by #CCAP_END_DECLS.
 * @def CCAP_END_DECLS
 * Closes the block opened by #CCAP_BEGIN_DECLS.
 */
#ifdef __cplusplus
#  define CCAP_BEGIN_DECLS extern "C" {
#  define CCAP_END_DECLS }
#else
#  define CCAP_BEGIN_DECLS
#  define CCAP_END_DECLS
#endif

CCAP_BEGIN_DECLS

/**
 * Status codes.  Zero is success; failures are negative.  The numeric values
 * are stable within a major version, but compare against the names.
 */
typedef enum ccap_status {
    CCAP_OK = 0,           /**< success */
    CCAP_EINVAL = -1,      /**< invalid argument: NULL pointer, zero size, index out of range */
    CCAP_EDOM = -2,        /**< value outside its domain: NaN, Inf, negative count, bad date */
    CCAP_ENOMEM = -3,      /**< memory allocation failed */
    CCAP_ERANGE = -4,      /**< size or result not representable */
    CCAP_ENOTREACHED = -5, /**< expected outcome: a target is not reached within the horizon */
    CCAP_ENUMERIC = -6,    /**< a numerical routine (root finder, interpolation) failed */
    CCAP_EINTERNAL = -7,   /**< a broken internal invariant: please report it as a bug */
    CCAP_EIO = -8,         /**< a file could not be opened, read, written or renamed */
    CCAP_EPARSE = -9,      /**< a file is malformed: syntax, missing or duplicate entries */
    CCAP_ENOTFOUND = -10,  /**< a looked-up key (region code, table entry) does not exist */
    CCAP_EEXIST = -11,     /**< a key that must be unique is already present */
    CCAP_ESTATE = -12      /**< the object is not in a state that allows the call */
} ccap_status;

/**
 * Describe a status code in English.
 *
 * @param status  A ::ccap_status value, or any other integer.
 * @return A static, never-NULL, NUL-terminated string.  Unknown codes give
 *         "unknown status code".  Thread-safe.
 * @since 0.1
 */
CCAP_API const char *ccap_strerror(int status);

/**
 * Prepare the process for libccap: call once at the start of `main`.
 *
 * libccap computes with GSL, whose default error handler prints a message and
 * aborts the whole program on any error it reports.  GSL recommends turning that
 * handler off in production programs, so that errors come back as return codes;
 * this call does so, for the whole process (GSL keeps one handler per process).
 * libccap itself checks every argument before a GSL call and every result after
 * it, and returns #CCAP_ENUMERIC if a numerical routine fails; it never changes
 * the handler by itself.  An application that installs a GSL handler of its own
 * does so after this call, or does not call it.
 *
 * Idempotent: calling it again changes nothing and is harmless.  It sets one
 * process-wide pointer, so call it before starting threads that use the library.
 *
 * @return #CCAP_OK (it cannot fail; the status leaves room for future set-up).
 * @since 0.1
 */
CCAP_API int ccap_library_init(void);

/**
 * Most numbers (cells) any one object or result of libccap may hold: 2^30,
 * 1,073,741,824, which is 8 GiB of doubles.
 *
 * Sizes given by a caller or read from a file are multiplied out and checked
 * against this limit before anything is allocated, so that dimensions that can
 * only come from a mistake (a million regions × 1,000 age groups is 2·10^9
 * numbers) are refused with #CCAP_ERANGE instead of exhausting memory or
 * overflowing `size_t`.  The limit is large enough for the biggest real use: a
 * Monte Carlo run of 1,000 trajectories × 2,850 county-level regions × 7
 * measures × 50 steps holds 1.0·10^9 numbers; a 100-step projection of those
 * regions by single years of age (101 groups) 6.0·10^7.  An object may still
 * fail with #CCAP_ENOMEM below the limit when the machine lacks the memory,
 * and on 32-bit systems an array must also fit in `SIZE_MAX` bytes.
 * See "Limits" in docs/conventions.md for the functions that check it.
 */
#define CCAP_CELLS_MAX ((size_t)1 << 30)

/** Size of ccap_diag::file in bytes, terminating NUL included. */
#define CCAP_DIAG_FILE_MAX 512
/** Size of ccap_diag::field in bytes, terminating NUL included. */
#define CCAP_DIAG_FIELD_MAX 64
/** Size of ccap_diag::message in bytes, terminating NUL included. */
#define CCAP_DIAG_MESSAGE_MAX 320

/**
 * Where and why a reader failed.
 *
 * A transparent, caller-owned struct with fixed-size buffers, so filling it
 * never allocates.  Readers clear it on entry and fill it on failure;
 * on success it is left cleared (`status == CCAP_OK`).
 * Long texts are truncated, never overflowed.
 */
typedef struct ccap_diag {
    int status;                             /**< the status the call returned */
    char file[CCAP_DIAG_FILE_MAX];          /**< file name as given by the caller; may be empty */
    unsigned long line;                     /**< 1-based line of the offending row; 0 if none */
    unsigned long column;                   /**< 1-based CSV field number in that row; 0 if none */
    char field[CCAP_DIAG_FIELD_MAX];        /**< column name (e.g. "age"); empty if none */
    char message[CCAP_DIAG_MESSAGE_MAX];    /**< what is wrong, in English, without a final period */
} ccap_diag;

/**
 * Reset @p diag to "no problem".  `NULL` is accepted and ignored.
 * @since 0.1
 */
CCAP_API void ccap_diag_clear(ccap_diag *diag);

/**
 * Format @p diag as one line, `FILE:LINE: field: message`.
 *
 * Parts that are unknown are left out (`FILE: message` when there is no line,
 * `message` when there is no file).  The result is always NUL-terminated when
 * @p size > 0, and truncated to fit.
 *
 * @param[in]  diag  The diagnostic to format.
 * @param[out] buf   Destination buffer.
 * @param[in]  size  Size of @p buf in bytes.
 * @return The length the full line would have (like snprintf), or 0 if
 *         @p diag or @p buf is NULL.
 * @since 0.1
 */
CCAP_API size_t ccap_diag_format(const ccap_diag *diag, char *buf, size_t size);

/** Sex in population tables.  #CCAP_SEX_BOTH is valid only where a function says so. */
typedef enum ccap_sex {
    CCAP_SEX_FEMALE = 0, /**< women and girls */
    CCAP_SEX_MALE = 1,   /**< men and boys */
    CCAP_SEX_BOTH = 2    /**< both sexes together (queries and published totals only) */
} ccap_sex;

/** Number of sexes stored in a population (female, male). */
#define CCAP_N_SEXES 2

/** Upper age bound meaning "and over" (an open age group). */
#define CCAP_AGE_OPEN ((size_t)-1)

/**
 * The lower-case English name of a sex: "female", "male" or "both".
 * @return A static string, or "unknown" for a value outside ::ccap_sex.
 * @since 0.1
 */
CCAP_API const char *ccap_sex_name(ccap_sex sex);

CCAP_END_DECLS

#endif /* CCAP_COMMON_H */
