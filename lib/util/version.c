/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Run-time version of the library. */

#include "ccap_private.h"

const char *
ccap_version_string(void)
{
    return CCAP_VERSION_STRING;
}

unsigned
ccap_version_number(void)
{
    return CCAP_VERSION_NUMBER;
}
