/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_ACCESS_CSV_H
#define CCAP_ACCESS_CSV_H

/**
 * @file ccap_access_csv.h
 * @brief The files of spatial access: the provider register (providers.csv), areas
 * (areas.csv), travel times (times.csv) and the access table (access.csv).
 *
 * The readers follow the rules of every ccap reader (ccap_csv.h): UTF-8 or GB18030, a
 * header naming the columns in English or by their Chinese aliases, and on the first
 * problem no object and a ::ccap_diag naming `FILE:LINE`, the column and the field.
 * docs/data-formats.md describes each file.
 */

#include <ccap/ccap_access.h>
#include <ccap/ccap_read.h>

CCAP_BEGIN_DECLS

/**
 * Read a provider register, `id,name,region,township,lon,lat,provider,inclusive,slots`
 * and the optional `enrolled`, `fee_month`, `opened`, `closed`.
 *
 * Refused with the line and field: an empty or repeated id, a position outside China's
 * range or with longitude and latitude swapped, an unknown provider type (English names
 * or 托育机构, 社区托育点, 幼儿园托班, 用人单位, 家庭托育点, 商业综合体, 其他), a bad
 * inclusive flag, negative or implausible counts, a closing year not after the opening
 * one, and (with @p regions) a region code not in the table.
 *
 * @param path       The file.
 * @param regions    A finished region table to check the region codes against, or NULL
 *                   to take them as given.
 * @param[out] out   Receives a new register (free with ccap_access_providers_free()), NULL on
 * failure.
 * @param options    Reading options (encoding), NULL for the defaults.
 * @param[out] diag  Optional: where and why the file was refused.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument
 * @retval CCAP_EIO the file cannot be read  @retval CCAP_EPARSE malformed
 * @retval CCAP_EDOM a value outside its range  @retval CCAP_ENOMEM out of memory
 * @since 0.2
 */
CCAP_API int ccap_csv_read_access_providers(const char *path, const ccap_regions *regions,
                                            ccap_access_providers **out,
                                            const ccap_read_options *options, ccap_diag *diag);

/**
 * Read areas, `code,name,lon,lat,children` and the optional `region`.
 *
 * @param path       The file.
 * @param regions    A finished region table to check the region codes against, or NULL.
 * @param[out] out   Receives a new set of areas (free with ccap_access_areas_free()), NULL on
 * failure.
 * @param options    Reading options, NULL for the defaults.
 * @param[out] diag  Optional: where and why the file was refused (a repeated code, a bad
 *                   position, a bad count of children).
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument
 * @retval CCAP_EIO the file cannot be read  @retval CCAP_EPARSE malformed
 * @retval CCAP_EDOM a value outside its range  @retval CCAP_ENOMEM out of memory
 * @since 0.2
 */
CCAP_API int ccap_csv_read_access_areas(const char *path, const ccap_regions *regions,
                                        ccap_access_areas **out, const ccap_read_options *options,
                                        ccap_diag *diag);

/**
 * Share the children under 3 of a year of a projection out among the areas: reads the
 * `summary.csv` of ccap-project (`region,year,under3`; its other columns are read and
 * ignored) and, for each region of @p year with areas, calls
 * ccap_access_areas_share_children().  The children the areas have serve as weights, so
 * they may be counted children of a base year or residents.
 *
 * @param path           The summary file.
 * @param year           The year whose year-end children are wanted.
 * @param areas          The areas; their children change.
 * @param[out] n_out     Receives the number of regions shared out (may be NULL).
 * @param options        Reading options, NULL for the defaults.
 * @param[out] diag      Optional: where and why the file was refused.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument
 * @retval CCAP_EIO the file cannot be read  @retval CCAP_EPARSE malformed
 * @retval CCAP_EDOM a count out of range, or a region whose areas have no children
 * @retval CCAP_ENOTFOUND no row of @p year names a region of the areas (the areas are unchanged)
 * @since 0.2
 */
CCAP_API int ccap_csv_read_access_under3(const char *path, int year, ccap_access_areas *areas,
                                         size_t *n_out, const ccap_read_options *options,
                                         ccap_diag *diag);

/**
 * Read travel times in long form, `area,provider,minutes`, one row per pair; pairs not
 * given are out of reach.
 *
 * Refused with the line and field: an area code not in @p areas, a provider id not in
 * @p providers, a negative time or one above #CCAP_ACCESS_MINUTES_MAX, a repeated pair.
 *
 * @param path       The file.
 * @param areas      The areas the codes refer to.
 * @param providers  The providers the ids refer to.
 * @param[out] out   Receives a new matrix (free with ccap_access_times_free()), NULL on failure.
 * @param options    Reading options, NULL for the defaults.
 * @param[out] diag  Optional: where and why the file was refused.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument or empty areas or providers
 * @retval CCAP_EIO the file cannot be read  @retval CCAP_EPARSE malformed or unknown codes
 * @retval CCAP_EDOM a time outside its range  @retval CCAP_ENOMEM out of memory
 * @since 0.2
 */
CCAP_API int ccap_csv_read_access_times(const char *path, const ccap_access_areas *areas,
                                        const ccap_access_providers *providers,
                                        ccap_access_times **out, const ccap_read_options *options,
                                        ccap_diag *diag);

/**
 * Write the access table, one row per area: `area,name,region,children,slots_reachable,
 * providers_reachable,access_per_child,children_per_slot,desert,nearest,nearest_minutes`.
 * Numbers that do not exist (children per slot with no access, the nearest provider of
 * an area with no time to any) are empty cells.  The file is written atomically.
 *
 * @param path       The file to write.
 * @param areas      The areas of the run.
 * @param providers  The providers of the run.
 * @param result     The result of ccap_access_run() (or ccap_access_build()) on them.
 * @param[out] diag  Optional: why the file could not be written.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument or sizes that differ
 * @retval CCAP_EIO the file cannot be written
 * @since 0.2
 */
CCAP_API int ccap_csv_write_access(const char *path, const ccap_access_areas *areas,
                                   const ccap_access_providers *providers,
                                   const ccap_access_result *result, ccap_diag *diag);

CCAP_END_DECLS

#endif /* CCAP_ACCESS_CSV_H */
