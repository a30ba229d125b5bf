/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_GEOJSON_H
#define CCAP_GEOJSON_H

/*
 * Area outlines for the map of ccap-access, from a GeoJSON file (RFC 7946): a
 * FeatureCollection whose features have a property "code" naming an area and a Polygon or
 * MultiPolygon geometry in longitude and latitude.  The JSON is read by a small strict
 * parser of RFC 8259 (docs/data-formats.md says why there is no library behind it).
 * Not part of libccap: outlines are presentation.
 */

#include <stddef.h>

#include <ccap/ccap.h>

/* One closed ring of an area's outline: points pts[2 * first ...] as lon, lat pairs. */
typedef struct geo_ring {
    size_t area; /* index in the areas */
    size_t first, n;
} geo_ring;

typedef struct access_boundaries {
    geo_ring *rings;
    size_t n_rings, cap_rings;
    double *pts;
    size_t n_pts, cap_pts; /* in pairs */
    size_t n_unknown;      /* features whose code is not an area */
} access_boundaries;

/* Read the outlines of path for the areas.  CLI_EXIT_OK, or CLI_EXIT_DATA after
 * "FILE:LINE: message" on stderr (malformed JSON, a feature without a code, a geometry
 * that is not a polygon, coordinates outside China's range). */
int access_boundaries_read(const char *path, const ccap_access_areas *areas,
                           access_boundaries **out);
void access_boundaries_free(access_boundaries *b);

#endif /* CCAP_GEOJSON_H */
