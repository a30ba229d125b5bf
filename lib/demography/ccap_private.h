/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_DEMOGRAPHY_PRIVATE_H
#define CCAP_DEMOGRAPHY_PRIVATE_H

/*
 * Private header of the demography layer (lib/demography): schedules, life tables,
 * mortality, fertility, migration, graduation, reverse survival.
 *
 * Never installed; every name here is ccap__* (double underscore) and hidden from the
 * shared library's ABI.  Each folder of lib/ has a ccap_private.h of its own, so that
 * `#include "ccap_private.h"` in a file of lib/LAYER/ gives that layer's: it includes the
 * private header of the layer below and the public headers of its own layer, never those
 * of a layer above (lib/layers.txt; the layers test checks the calls).
 */

#include "../core/ccap_private.h"

#include <ccap/ccap_schedule.h>
#include <ccap/ccap_lifetable.h>
#include <ccap/ccap_mortality.h>
#include <ccap/ccap_fertility.h>
#include <ccap/ccap_migration.h>
#include <ccap/ccap_graduate.h>
#include <ccap/ccap_reverse.h>

#endif /* CCAP_DEMOGRAPHY_PRIVATE_H */
