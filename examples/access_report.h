/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_ACCESS_REPORT_H
#define CCAP_ACCESS_REPORT_H

/*
 * What ccap-access presents: the summary (deserts by county, the sites chosen), the table
 * of sites built, and an HTML page with a map of areas and providers drawn in SVG from
 * their coordinates and the desert table.  Not part of libccap.
 */

#include <stddef.h>
#include <stdio.h>

#include <ccap/ccap.h>

#include "geojson.h"

typedef struct access_report {
    const ccap_access_areas *areas;
    const ccap_access_providers *providers;
    const ccap_access_result *result; /* before building */
    const ccap_access_result *after;  /* after the sites of steps, or NULL */
    const ccap_access_step *steps;    /* n_steps sites, or NULL */
    size_t n_steps;
    const ccap_access_options *opt;
    ccap_access_goal goal;
    int times; /* 1 when travel times came from a matrix, 0 for straight lines */
    const access_boundaries *boundaries; /* area outlines, or NULL */
} access_report;

/* The summary: totals, deserts by county, the sites chosen. */
void access_report_summary(FILE *fp, const access_report *rep);
/* Write text to path; CLI_EXIT_OK or CLI_EXIT_DATA after a message. */
int access_report_text(const char *path, const char *text);
/* build.csv: step,provider,name,slots,desert_children,covered_need. */
int access_report_build_csv(const char *path, const access_report *rep);
/* access.html: the map and the tables. */
int access_report_html(const char *path, const access_report *rep);

#endif /* CCAP_ACCESS_REPORT_H */
