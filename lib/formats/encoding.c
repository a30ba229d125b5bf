/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Text encodings of input files: UTF-8, or GB18030 as Excel on a Chinese Windows saves
 * "CSV (逗号分隔)", converted to UTF-8 with glibc's iconv.
 *
 * Automatic detection takes a file as GB18030 only when it is not valid UTF-8, decodes
 * without error as GB18030, and none of its two-byte characters ends in a byte of the
 * printable ASCII range 0x40-0x7E.  That last rule separates Chinese text (GB2312's
 * characters, which cover the common Chinese place names, all end in 0xA1-0xFE) from
 * Latin-1 or Windows-1252 text, where an accented letter followed by a plain one
 * ("é" + "g" in "région") happens to form a valid GBK pair.  A file of rarer characters
 * can still be read by asking for GB18030 explicitly.
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

const char *
ccap_encoding_name(ccap_encoding encoding)
{
    switch (encoding) {
    case CCAP_ENCODING_AUTO:
        return "auto";
    case CCAP_ENCODING_UTF8:
        return "UTF-8";
    case CCAP_ENCODING_GB18030:
        return "GB18030";
    }
    return "unknown";
}

int
ccap_encoding_parse(const char *name, ccap_encoding *encoding_out)
{
    if (name == NULL || encoding_out == NULL)
        return CCAP_EINVAL;
    if (ccap__ascii_casecmp_eq(name, "auto"))
        *encoding_out = CCAP_ENCODING_AUTO;
    else if (ccap__ascii_casecmp_eq(name, "utf-8") || ccap__ascii_casecmp_eq(name, "utf8"))
        *encoding_out = CCAP_ENCODING_UTF8;
    else if (ccap__ascii_casecmp_eq(name, "gb18030") || ccap__ascii_casecmp_eq(name, "gbk") ||
             ccap__ascii_casecmp_eq(name, "gb2312"))
        *encoding_out = CCAP_ENCODING_GB18030; /* GB18030 is a superset of GBK and GB2312 */
    else
        return CCAP_EDOM;
    return CCAP_OK;
}

/* The byte structure of GB18030 with the trail-byte rule of automatic detection: the
 * offset of the first byte that breaks it, or len if none does. */
static size_t
gb18030_plausible(const unsigned char *p, size_t len)
{
    size_t i = 0;

    while (i < len) {
        if (p[i] < 0x80) {
            i++;
        } else if (p[i] >= 0x81 && p[i] <= 0xFE && i + 1 < len && p[i + 1] >= 0x30 &&
                   p[i + 1] <= 0x39) {
            i += 4; /* four-byte form; iconv checks it in full */
        } else if (p[i] >= 0x81 && p[i] <= 0xFE && i + 1 < len && p[i + 1] >= 0x80 &&
                   p[i + 1] <= 0xFE) {
            i += 2;
        } else {
            return i;
        }
    }
    return len;
}

/* Convert GB18030 to UTF-8 (at most 3 bytes out per byte in).  CCAP_OK with a new buffer,
 * CCAP_EPARSE with *bad_out at the first byte that does not decode, or CCAP_ENOMEM. */
static int
gb18030_to_utf8(const char *in, size_t len, char **out, size_t *out_len, size_t *bad_out)
{
    iconv_t cd;
    char *src = (char *)(uintptr_t)in, *dst, *buf;
    size_t left = len, room, cap;
    int status = CCAP_OK;

    *out = NULL;
    if (len > (SIZE_MAX - 1) / 3)
        return CCAP_ERANGE;
    cap = 3 * len + 1;
    buf = malloc(cap);
    if (buf == NULL)
        return CCAP_ENOMEM;
    cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) {
        free(buf);
        return CCAP_ENOMEM; /* glibc always has GB18030; only a broken install lands here */
    }
    dst = buf;
    room = cap - 1;
    if (iconv(cd, &src, &left, &dst, &room) == (size_t)-1) {
        *bad_out = (size_t)(src - in);
        status = CCAP_EPARSE;
    }
    iconv_close(cd);
    if (status != CCAP_OK) {
        free(buf);
        return status;
    }
    *dst = '\0';
    *out = buf;
    *out_len = (size_t)(dst - buf);
    return CCAP_OK;
}

/* CCAP_EPARSE at the byte at offset off: "byte 0xXX at offset N is WHAT". */
static int
bad_byte(ccap_diag *diag, const char *path, const char *buf, size_t off, const char *what)
{
    return ccap__diag_set(diag, CCAP_EPARSE, path, ccap__line_of(buf, off), 0, NULL,
                          "byte 0x%02X at offset %zu is %s", (unsigned)(unsigned char)buf[off], off,
                          what);
}

/* A file that is neither UTF-8 nor GB18030: the error is placed where the reading that
 * went further stops, the encoding the file was most likely meant to be in.  A GB18030
 * file with one bad byte is refused at that byte, not at its first Chinese character
 * (which is merely not UTF-8); a UTF-8 file with one bad byte at that byte, not where
 * its characters stop making GB18030 pairs; Latin-1 text at its first accented letter,
 * where both stop. */
static int
neither(ccap_diag *diag, const char *path, const char *buf, size_t utf8_bad, size_t gb_bad)
{
    if (gb_bad > utf8_bad)
        return bad_byte(diag, path, buf, gb_bad,
                        "not valid GB18030, and the file is not UTF-8 either: save it as "
                        "\"CSV UTF-8\"");
    return bad_byte(diag, path, buf, utf8_bad,
                    "not valid UTF-8, and the file is not GB18030 text either: save it as "
                    "\"CSV UTF-8\"");
}

int
ccap__decode(char **buf, size_t *len, const char *path, ccap_encoding encoding, ccap_diag *diag)
{
    size_t utf8_bad = 0, gb_bad = 0;
    char *utf8;
    size_t utf8_len;
    int status;

    if (encoding != CCAP_ENCODING_GB18030) {
        if (ccap__utf8_valid(*buf, *len, &utf8_bad))
            return CCAP_OK;
        if (encoding == CCAP_ENCODING_UTF8)
            return bad_byte(diag, path, *buf, utf8_bad, "not valid UTF-8");
        gb_bad = gb18030_plausible((const unsigned char *)*buf, *len);
        if (gb_bad < *len)
            return neither(diag, path, *buf, utf8_bad, gb_bad);
    }
    status = gb18030_to_utf8(*buf, *len, &utf8, &utf8_len, &gb_bad);
    if (status == CCAP_EPARSE)
        return encoding == CCAP_ENCODING_GB18030
                   ? bad_byte(diag, path, *buf, gb_bad, "not valid GB18030")
                   : neither(diag, path, *buf, utf8_bad, gb_bad);
    if (status != CCAP_OK)
        return ccap__diag_set(diag, status, path, 0, 0, NULL, "%s", ccap_strerror(status));
    free(*buf);
    *buf = utf8;
    *len = utf8_len;
    if (encoding == CCAP_ENCODING_AUTO)
        ccap__diag_set(diag, CCAP_OK, path, 0, 0, NULL,
                       "not UTF-8: read as GB18030 and converted (to be sure, ask for "
                       "GB18030 or save the file as \"CSV UTF-8\")");
    return CCAP_OK;
}
