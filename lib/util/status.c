/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Status codes, diagnostics, small enum names and the set-up a program calls once. */

#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "ccap_private.h"

const char *
ccap_strerror(int status)
{
    switch (status) {
    case CCAP_OK:
        return "success";
    case CCAP_EINVAL:
        return "invalid argument";
    case CCAP_EDOM:
        return "value outside its domain";
    case CCAP_ENOMEM:
        return "out of memory";
    case CCAP_ERANGE:
        return "size or result out of range";
    case CCAP_ENOTREACHED:
        return "target not reached within the horizon";
    case CCAP_ENUMERIC:
        return "numerical routine failed";
    case CCAP_EINTERNAL:
        return "internal error (please report this bug)";
    case CCAP_EIO:
        return "input/output error";
    case CCAP_EPARSE:
        return "malformed input";
    case CCAP_ENOTFOUND:
        return "not found";
    case CCAP_EEXIST:
        return "already exists";
    case CCAP_ESTATE:
        return "object not in the required state";
    default:
        return "unknown status code";
    }
}

int
ccap_library_init(void)
{
    /* GSL's default handler aborts; off, GSL's errors come back as return codes, which the
     * library checks.  Setting it again to the same value is harmless. */
    gsl_set_error_handler_off();
    return CCAP_OK;
}

const char *
ccap_sex_name(ccap_sex sex)
{
    switch (sex) {
    case CCAP_SEX_FEMALE:
        return "female";
    case CCAP_SEX_MALE:
        return "male";
    case CCAP_SEX_BOTH:
        return "both";
    default:
        return "unknown";
    }
}

void
ccap_diag_clear(ccap_diag *diag)
{
    if (diag == NULL)
        return;
    memset(diag, 0, sizeof *diag);
}

size_t
ccap_diag_format(const ccap_diag *diag, char *buf, size_t size)
{
    int n;

    if (diag == NULL || buf == NULL)
        return 0;
    if (diag->file[0] != '\0' && diag->line > 0)
        n = snprintf(buf, size, "%s:%lu: %s%s%s", diag->file, diag->line, diag->field,
                     diag->field[0] != '\0' ? ": " : "", diag->message);
    else if (diag->file[0] != '\0')
        n = snprintf(buf, size, "%s: %s%s%s", diag->file, diag->field,
                     diag->field[0] != '\0' ? ": " : "", diag->message);
    else
        n = snprintf(buf, size, "%s%s%s", diag->field, diag->field[0] != '\0' ? ": " : "",
                     diag->message);
    return n < 0 ? 0 : (size_t)n;
}

int
ccap__diag_vset(ccap_diag *diag, int status, const char *file, unsigned long line,
                unsigned long column, const char *field, const char *fmt, va_list ap)
{
    char message[CCAP_DIAG_MESSAGE_MAX];

    if (diag == NULL)
        return status;
    ccap_diag_clear(diag);
    diag->status = status;
    ccap__strlcpy_utf8(diag->file, file != NULL ? file : "", sizeof diag->file);
    diag->line = line;
    diag->column = column;
    ccap__strlcpy_utf8(diag->field, field != NULL ? field : "", sizeof diag->field);
    if (vsnprintf(message, sizeof message, fmt, ap) < 0)
        message[0] = '\0';
    /* vsnprintf may cut a multi-byte character: copy again at a character boundary. */
    ccap__strlcpy_utf8(diag->message, message, sizeof diag->message);
    return status;
}

int
ccap__diag_nomem(ccap_diag *diag, const char *path)
{
    return ccap__diag_set(diag, CCAP_ENOMEM, path, 0, 0, NULL, "out of memory");
}

int
ccap__diag_set(ccap_diag *diag, int status, const char *file, unsigned long line,
               unsigned long column, const char *field, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    ccap__diag_vset(diag, status, file, line, column, field, fmt, ap);
    va_end(ap);
    return status;
}
