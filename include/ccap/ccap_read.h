/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_READ_H
#define CCAP_READ_H

/**
 * @file ccap_read.h
 * @brief Options of the readers of files: the text encoding of an input file.
 *
 * The formats layer's vocabulary: every `ccap_csv_read_*()` function and
 * ccap_scenario_read() take a ::ccap_read_options.  Included by ccap_csv.h and
 * ccap_scenario.h.
 */

#include <ccap/ccap_common.h>

CCAP_BEGIN_DECLS

/**
 * Text encoding of an input file.
 *
 * Excel on a Chinese Windows saves "CSV (逗号分隔)" in GB18030 (GBK); only its
 * "CSV UTF-8" is UTF-8.  ccap works in UTF-8 and converts GB18030 input with
 * glibc's iconv.
 */
typedef enum ccap_encoding {
    /** UTF-8 (a byte-order mark is skipped).  A file that is not valid UTF-8 but reads as
     * GB18030 text is converted, with a warning; see docs/data-formats.md for the rule. */
    CCAP_ENCODING_AUTO = 0,
    CCAP_ENCODING_UTF8 = 1,   /**< UTF-8 only: anything else is an error */
    CCAP_ENCODING_GB18030 = 2 /**< GB18030 (and so GBK and GB2312), always converted */
} ccap_encoding;

/**
 * Options of every reader of files (the `ccap_csv_read_*()` functions and
 * ccap_scenario_read()).  A `NULL` options pointer, or a structure set to zero,
 * means the defaults.
 *
 * A reader that succeeds may leave a warning in its ::ccap_diag: status #CCAP_OK with a
 * non-empty message (for example that the file was read as GB18030).
 */
typedef struct ccap_read_options {
    ccap_encoding encoding; /**< the file's encoding; default #CCAP_ENCODING_AUTO */
} ccap_read_options;

/**
 * The name of an encoding: "auto", "UTF-8" or "GB18030".
 *
 * @param encoding  A ::ccap_encoding value.
 * @return A static string; "unknown" for other values.
 * @since 0.1
 */
CCAP_API const char *ccap_encoding_name(ccap_encoding encoding);

/**
 * Parse an encoding name, without regard to case: "auto", "utf-8" (or "utf8"),
 * "gb18030" (or "gbk", "gb2312", which GB18030 contains).
 *
 * @param name          The name.
 * @param[out] encoding_out  The encoding; unchanged on failure.
 * @retval CCAP_OK      parsed.
 * @retval CCAP_EINVAL  a NULL argument.
 * @retval CCAP_EDOM    not a known name.
 * @since 0.1
 */
CCAP_API int ccap_encoding_parse(const char *name, ccap_encoding *encoding_out);

CCAP_END_DECLS

#endif /* CCAP_READ_H */
