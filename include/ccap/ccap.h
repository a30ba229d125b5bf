/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_H
#define CCAP_H

/**
 * @file ccap.h
 * @brief Umbrella header: includes every public header of libccap.
 */

#include <ccap/ccap_common.h>
#include <ccap/ccap_version.h>
#include <ccap/ccap_date.h>
#include <ccap/ccap_region.h>
#include <ccap/ccap_population.h>
#include <ccap/ccap_margins.h>
#include <ccap/ccap_schedule.h>
#include <ccap/ccap_lifetable.h>
#include <ccap/ccap_mortality.h>
#include <ccap/ccap_fertility.h>
#include <ccap/ccap_migration.h>
#include <ccap/ccap_graduate.h>
#include <ccap/ccap_projection.h>
#include <ccap/ccap_rates.h>
#include <ccap/ccap_childcare.h>
#include <ccap/ccap_targets.h>
#include <ccap/ccap_gap.h>
#include <ccap/ccap_workforce.h>
#include <ccap/ccap_kindergarten.h>
#include <ccap/ccap_payers.h>
#include <ccap/ccap_uncertainty.h>
#include <ccap/ccap_gap_uncertainty.h>
#include <ccap/ccap_batch.h>
#include <ccap/ccap_read.h>
#include <ccap/ccap_csv.h>
#include <ccap/ccap_scenario.h>
#include <ccap/ccap_vitals.h>
#include <ccap/ccap_reverse.h>
#include <ccap/ccap_calibrate.h>
#include <ccap/ccap_diagnose.h>
#include <ccap/ccap_plan.h>
#include <ccap/ccap_access.h>
#include <ccap/ccap_access_csv.h>

#endif /* CCAP_H */
