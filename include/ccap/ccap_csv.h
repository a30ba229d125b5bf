/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_CSV_H
#define CCAP_CSV_H

/**
 * @file ccap_csv.h
 * @brief Read and write the CSV tables: regions, population and margins.
 *
 * Files are UTF-8 (an initial byte-order mark is skipped), comma-separated,
 * with one header row; lines may end in LF or CRLF; fields may be quoted
 * ("…", with "" for a quote); spaces and tabs around unquoted fields are
 * ignored; rows whose fields are all empty are skipped.  Column names are
 * matched without regard to case, in any order; every column must be known
 * to the reader and appear once.  Numbers use `.` as the decimal separator and
 * are read the same whatever the process locale.  The exact rules and a
 * complete example of each file are in docs/data-formats.md.
 *
 * Readers either succeed and hand over a complete object, or fail, return
 * NULL in the out-parameter and fill @p diag (when not NULL) with the file,
 * line, column (1-based field number) and field of the first problem:
 *
 * | status        | meaning                                                       |
 * |---------------|---------------------------------------------------------------|
 * | #CCAP_EIO     | the file cannot be opened or read                             |
 * | #CCAP_EPARSE  | malformed: header, quoting, ragged row, unknown region or sex, bad or missing age, non-numeric or empty value, duplicate key |
 * | #CCAP_EDOM    | a number that parses but is negative, NaN or infinite         |
 * | #CCAP_ERANGE  | the file or a dimension is too large (see #CCAP_CELLS_MAX)    |
 * | #CCAP_ENOMEM  | out of memory                                                 |
 * | #CCAP_EINVAL  | a NULL argument                                               |
 *
 * Writers write to a temporary file beside @p path and rename it into place
 * when complete, so @p path holds either its old content or the complete new
 * table, never a partial one.  Numbers are written with the shortest text
 * that reads back to the same double.
 */

#include <ccap/ccap_common.h>
#include <ccap/ccap_read.h>
#include <ccap/ccap_region.h>
#include <ccap/ccap_population.h>
#include <ccap/ccap_margins.h>
#include <ccap/ccap_schedule.h>
#include <ccap/ccap_projection.h>
#include <ccap/ccap_uncertainty.h>
#include <ccap/ccap_gap_uncertainty.h>

CCAP_BEGIN_DECLS

/** Largest file a reader accepts, in bytes (larger files give #CCAP_ERANGE).  Readers read
 * regular files only: a FIFO, a device or a directory gives #CCAP_EIO before a byte is
 * read. */
#define CCAP_CSV_FILE_MAX ((size_t)1 << 30)

/** Most fields a file may hold, header included (more give #CCAP_ERANGE): 2^25, about
 * 5.6 million rows of six fields, ten times a county-level population table of China.
 * With #CCAP_CSV_FILE_MAX it bounds what a reader holds for a table: the file's text once,
 * 8 bytes per field and 32 per row, 1.4 GiB for a 1 GiB file of six-field rows and at
 * most 2.3 GiB whatever the file. */
#define CCAP_CSV_FIELDS_MAX (1u << 25)

/** Most fields one row may hold (more give #CCAP_ERANGE). */
#define CCAP_CSV_ROW_FIELDS_MAX 256u

/** Longest field, in bytes (a longer one gives #CCAP_ERANGE as it arrives): 64 KiB, far
 * beyond any code, name, note or number of a real table. */
#define CCAP_CSV_FIELD_BYTES_MAX 65536u

/** Pass as `year` to ccap_csv_read_population() to accept the single year the file holds. */
#define CCAP_YEAR_ANY (-2147483647 - 1)

/**
 * Read a region table: columns `code,name,parent` and optionally `name_en`.
 *
 * `parent` is empty for a root.  The table is finished (see
 * ccap_regions_finish()) before it is returned.
 *
 * @param[in]  path         File to read.
 * @param[out] regions_out  Receives the new table (free with ccap_regions_free()); NULL on failure.
 * @param[in]  options      Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag         Filled on failure, or with a warning on success; may be NULL.
 * @return #CCAP_OK or an error code from the table above.
 * @since 0.1
 */
CCAP_API int ccap_csv_read_regions(const char *path, ccap_regions **regions_out,
                                   const ccap_read_options *options, ccap_diag *diag);

/**
 * Read a population: columns `region,year,sex,age,population` and optionally `date`
 * and `name` (the region's name beside its code, as ccap writes it: not read).
 *
 * `sex` is `female` or `male`; `age` is the lower bound of the group, the last
 * one written with a `+` (`100+`).  The age groups are inferred from the file:
 * every region present must have both sexes and the same complete, contiguous
 * set of groups of one width (1 or 5 years, …) ending in the same open group.
 * Regions of @p regions that do not appear in the file have no data.
 * A parent's rows, when the file gives them and the rows of all its children
 * (a child without rows counting as the sum of its own), must agree with the
 * children's sum in every cell up to rounding (half a person for each region
 * summed and the parent, or 10^-9 of the sum), since projections and tables
 * use the sum: #CCAP_EPARSE on the first row that disagrees, naming both totals.
 * A `date` column, if present, must hold the same YYYY-MM-DD in every row.
 * The population holds `regions × 2 × age groups` counts for every region of
 * @p regions: #CCAP_ERANGE, before anything is allocated, when @p regions has
 * more than #CCAP_POPULATION_REGIONS_MAX regions or the product exceeds
 * #CCAP_CELLS_MAX (the message is on the line and field of the open age group).
 *
 * @param[in]  path     File to read.
 * @param[in]  regions  A finished region table; every `region` code must be in it.
 * @param[in]  year     The year to read, or #CCAP_YEAR_ANY when the file holds one year only.
 *                      Rows of other years are skipped.
 * @param[out] pop_out  Receives the population (free with ccap_population_free()); NULL on failure.
 * @param[in]  options  Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag     Filled on failure, or with a warning on success (e.g. the file was converted
 * from GB18030); may be NULL.
 * @return #CCAP_OK or an error code from the table above.
 * @since 0.1
 */
CCAP_API int ccap_csv_read_population(const char *path, const ccap_regions *regions, int year,
                                      ccap_population **pop_out, const ccap_read_options *options,
                                      ccap_diag *diag);

/**
 * The distinct years of a population file, ascending (e.g. every step of a
 * projection's `population.csv`), to read them one by one with
 * ccap_csv_read_population().  Only the `year` column is checked here.
 *
 * @param[in]  path      File to read.
 * @param[out] years     Receives up to @p max years, ascending.
 * @param[in]  max       Size of @p years.
 * @param[out] n_out     Receives the number of distinct years stored.
 * @param[in]  options   Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag      Filled on failure, or with a warning on success; may be NULL.
 * @return #CCAP_OK, #CCAP_ERANGE when the file holds more than @p max years (the
 *         first @p max found are stored, not sorted with the rest), or an error
 *         code from the table above.
 * @since 0.1
 */
CCAP_API int ccap_csv_population_years(const char *path, int years[], size_t max, size_t *n_out,
                                       const ccap_read_options *options, ccap_diag *diag);

/**
 * Read margins: columns `region,year,sex,ages,population` and optionally `note`.
 *
 * `sex` is `female`, `male` or `both`; `ages` is `total`, a closed range
 * `15-59` (ages 15 to 59 inclusive), an open range `60+` or a single age `0`.
 *
 * @param[in]  path         File to read.
 * @param[in]  regions      A finished region table; every `region` code must be in it.
 * @param[out] margins_out  Receives the list (free with ccap_margins_free()); NULL on failure.
 * @param[in]  options      Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag         Filled on failure, or with a warning on success; may be NULL.
 * @return #CCAP_OK or an error code from the table above.
 * @since 0.1
 */
CCAP_API int ccap_csv_read_margins(const char *path, const ccap_regions *regions,
                                   ccap_margins **margins_out, const ccap_read_options *options,
                                   ccap_diag *diag);

/**
 * Read death rates: columns `region,year,sex,age,mx`.
 *
 * `region` is a code or `*` (all regions); `sex` is `female`, `male` or `both`;
 * `age` the lower bound of the group, the last open (`100+`).  The age groups
 * may be single years, 5-year groups or abridged (0, 1, 5, 10, …); every
 * (region, year, sex) must have the same complete set.  `mx` from 0 to 2 (deaths per
 * person-year), above 0 in the open group.  See ccap_schedule.h for how a year applies to later years.
 *
 * @param[in]  path     File to read.
 * @param[in]  regions  A finished region table.
 * @param[out] out      Receives the rates (free with ccap_schedule_free()); NULL on failure.
 * @param[in]  options  Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag     Filled on failure, or with a warning on success (e.g. the file was converted
 * from GB18030); may be NULL.
 * @return #CCAP_OK or an error code from the table above.
 * @since 0.1
 */
CCAP_API int ccap_csv_read_mortality(const char *path, const ccap_regions *regions,
                                     ccap_schedule **out, const ccap_read_options *options,
                                     ccap_diag *diag);

/**
 * Read fertility rates: columns `region,year,age,asfr`.
 *
 * `age` is the lower bound of the mother's age group, on a uniform grid of
 * closed groups (15, 20, …, 45 for 5-year groups ending at 50; or single
 * years); ages not listed have no births.  `asfr` from 0 to 1, births per woman-year.
 *
 * @param[in]  path     File to read.
 * @param[in]  regions  A finished region table.
 * @param[out] out      Receives the rates; NULL on failure.
 * @param[in]  options  Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag     Filled on failure, or with a warning on success (e.g. the file was converted
 * from GB18030); may be NULL.
 * @return #CCAP_OK or an error code from the table above.
 * @since 0.1
 */
CCAP_API int ccap_csv_read_fertility(const char *path, const ccap_regions *regions,
                                     ccap_schedule **out, const ccap_read_options *options,
                                     ccap_diag *diag);

/**
 * Read sex ratios at birth: columns `region,year,srb`, male births per 100
 * female births (111.3 in China's 2020 census), from 80 to 150.
 *
 * @param[in]  path     File to read.
 * @param[in]  regions  A finished region table.
 * @param[out] out      Receives a schedule with one value per entry; NULL on failure.
 * @param[in]  options  Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag     Filled on failure, or with a warning on success (e.g. the file was converted
 * from GB18030); may be NULL.
 * @return #CCAP_OK or an error code from the table above.
 * @since 0.1
 */
CCAP_API int ccap_csv_read_srb(const char *path, const ccap_regions *regions, ccap_schedule **out,
                               const ccap_read_options *options, ccap_diag *diag);

/**
 * Read net migrants: columns `region,year,sex,age,net_migrants`, the net
 * number of migrants (any sign, at most 10^12 either way) over the projection step starting in `year`,
 * by sex (`female` or `male`) and age group (the last open).
 *
 * @param[in]  path     File to read.
 * @param[in]  regions  A finished region table.
 * @param[out] out      Receives the counts; NULL on failure.
 * @param[in]  options  Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag     Filled on failure, or with a warning on success (e.g. the file was converted
 * from GB18030); may be NULL.
 * @return #CCAP_OK or an error code from the table above.
 * @since 0.1
 */
CCAP_API int ccap_csv_read_migration(const char *path, const ccap_regions *regions,
                                     ccap_schedule **out, const ccap_read_options *options,
                                     ccap_diag *diag);

/**
 * Read net migration rates: columns `region,year,sex,age,rate`, net migrants
 * per person and year (-0.5 to 0.5; -0.01 is a net loss of 1% a year) by sex
 * (`female` or `male`) and age group (the last open).
 *
 * @param[in]  path     File to read.
 * @param[in]  regions  A finished region table.
 * @param[out] out      Receives the rates; NULL on failure.
 * @param[in]  options  Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag     Filled on failure, or with a warning on success (e.g. the file was converted
 * from GB18030); may be NULL.
 * @return #CCAP_OK or an error code from the table above.
 * @since 0.1
 */
CCAP_API int ccap_csv_read_migration_rates(const char *path, const ccap_regions *regions,
                                           ccap_schedule **out, const ccap_read_options *options,
                                           ccap_diag *diag);

/**
 * Write net migration rates (`region,year,sex,age,rate`); the grid must be open.
 * @param path      File to write.
 * @param regions   The region table.
 * @param schedule  The rates.
 * @param diag      Filled on failure; may be NULL.
 * @return #CCAP_OK, #CCAP_EIO or #CCAP_EINVAL.
 * @since 0.1
 */
CCAP_API int ccap_csv_write_migration_rates(const char *path, const ccap_regions *regions,
                                            const ccap_schedule *schedule, ccap_diag *diag);

/**
 * Read planned new slots: columns `region,year,new_slots` (region or `*`),
 * slots opened during each year, 0 to 10^12; an optional `name` column beside
 * the code (as ccap_csv_write_builds() writes it) must be empty or the region's
 * name or English name, as in every rate table.  The schedule's lookup gives the latest
 * year not after the one asked; check the year it returns for an exact match.
 *
 * @param[in]  path     File to read.
 * @param[in]  regions  A finished region table.
 * @param[out] out      Receives one value per entry; NULL on failure.
 * @param[in]  options  Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag     Filled on failure, or with a warning on success (e.g. the file was converted
 * from GB18030); may be NULL.
 * @return #CCAP_OK or an error code from the table above.
 * @since 0.1
 */
CCAP_API int ccap_csv_read_builds(const char *path, const ccap_regions *regions,
                                  ccap_schedule **out, const ccap_read_options *options,
                                  ccap_diag *diag);

/** A CSV table being written (see ccap_csv_writer_open()). */
typedef struct ccap_csv_writer ccap_csv_writer;

/**
 * Start writing a CSV table for a program's own output: the header row now,
 * rows with ccap_csv_writer_row(), and ccap_csv_writer_commit() to put the
 * complete file in place (written to a temporary file beside @p path and
 * renamed), or ccap_csv_writer_abort() to leave @p path as it was.
 * Fields are quoted where needed; lines end in LF.
 * @param path       File to write.
 * @param header     @p n_columns column names.
 * The table is kept to what the readers accept: at most
 * #CCAP_CSV_ROW_FIELDS_MAX columns, #CCAP_CSV_FIELDS_MAX fields and
 * #CCAP_CSV_FILE_MAX bytes (a row beyond them is refused and so is the commit).
 * @param n_columns  Number of columns, at least 1, at most #CCAP_CSV_ROW_FIELDS_MAX.
 * @param diag       Filled on failure; may be NULL.
 * @return A writer, or NULL on failure (#CCAP_EIO, #CCAP_ENOMEM, #CCAP_EINVAL,
 *         #CCAP_ERANGE for too many columns, in @p diag).
 * @since 0.1
 */
CCAP_API ccap_csv_writer *ccap_csv_writer_open(const char *path, const char *const header[],
                                               size_t n_columns, ccap_diag *diag);

/**
 * Write one row of exactly the header's number of fields (NULL fields are empty).
 * @param writer    The writer.
 * @param fields    The fields, UTF-8 text.
 * @param n_fields  Must equal the number of columns.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument or wrong count
 * @retval CCAP_EIO a write failed (the commit will fail too)
 * @retval CCAP_ERANGE the row would take the table past #CCAP_CSV_FIELDS_MAX fields or
 *         #CCAP_CSV_FILE_MAX bytes: not written, and the commit will fail too
 * @since 0.1
 */
CCAP_API int ccap_csv_writer_row(ccap_csv_writer *writer, const char *const fields[],
                                 size_t n_fields);

/**
 * Format a number as the library's tables do: the shortest text that reads back
 * to the same double, locale-independent; NAN gives an empty field.
 * @param value  The number.
 * @param buf    Destination, at least 32 bytes.
 * @param size   Size of @p buf.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL @p buf or @p size < 32
 * @since 0.1
 */
CCAP_API int ccap_csv_writer_number(double value, char *buf, size_t size);

/**
 * Finish the table and put it in place; frees @p writer either way.
 * @param writer  The writer.
 * @param diag    Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO writing or renaming failed (nothing is left behind)
 * @retval CCAP_ERANGE a row was refused (ccap_csv_writer_row()): the readers would refuse
 *         the table; nothing is left behind
 * @since 0.1
 */
CCAP_API int ccap_csv_writer_commit(ccap_csv_writer *writer, ccap_diag *diag);

/** Abandon the table: the temporary file is removed, the target untouched.  NULL is ignored. @since 0.1 */
CCAP_API void ccap_csv_writer_abort(ccap_csv_writer *writer);

/**
 * Write death rates in the format ccap_csv_read_mortality() reads
 * (`region,year,sex,age,mx`), entry by entry, ages ascending.
 * @param path      File to write.
 * @param regions   The region table the schedule's region indices refer to.
 * @param schedule  The rates (an open age grid).
 * @param diag      Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument, a region outside @p regions, or a grid the format cannot hold
 * @since 0.1
 */
CCAP_API int ccap_csv_write_mortality(const char *path, const ccap_regions *regions,
                                      const ccap_schedule *schedule, ccap_diag *diag);

/**
 * Write fertility rates (`region,year,age,asfr`); the grid must be closed.
 * Arguments and status as for ccap_csv_write_mortality().
 * @param path      File to write.
 * @param regions   The region table.
 * @param schedule  The rates.
 * @param diag      Filled on failure; may be NULL.
 * @return #CCAP_OK, #CCAP_EIO or #CCAP_EINVAL.
 * @since 0.1
 */
CCAP_API int ccap_csv_write_fertility(const char *path, const ccap_regions *regions,
                                      const ccap_schedule *schedule, ccap_diag *diag);

/**
 * Write sex ratios at birth (`region,year,srb`); one value per entry.
 * @param path      File to write.
 * @param regions   The region table.
 * @param schedule  The ratios.
 * @param diag      Filled on failure; may be NULL.
 * @return #CCAP_OK, #CCAP_EIO or #CCAP_EINVAL.
 * @since 0.1
 */
CCAP_API int ccap_csv_write_srb(const char *path, const ccap_regions *regions,
                                const ccap_schedule *schedule, ccap_diag *diag);

/**
 * Write net migrants (`region,year,sex,age,net_migrants`); the grid must be open.
 * @param path      File to write.
 * @param regions   The region table.
 * @param schedule  The counts.
 * @param diag      Filled on failure; may be NULL.
 * @return #CCAP_OK, #CCAP_EIO or #CCAP_EINVAL.
 * @since 0.1
 */
CCAP_API int ccap_csv_write_migration(const char *path, const ccap_regions *regions,
                                      const ccap_schedule *schedule, ccap_diag *diag);

/**
 * Write a finished region table (`code,name,name_en,parent`), regions in index order.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument  @retval CCAP_ESTATE table not finished
 * @since 0.1
 */
CCAP_API int ccap_csv_write_regions(const char *path, const ccap_regions *regions,
                                    ccap_diag *diag);

/**
 * Write a population (`region,year,sex,age,population`, plus `date` when set), in the
 * form of an input (a base population): regions with data in index order, female then
 * male, ages ascending.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument or region counts differ
 * @retval CCAP_ERANGE the table would hold more than #CCAP_CSV_FIELDS_MAX fields, so
 *         that the readers would refuse it; checked before the file is opened
 * @since 0.1
 */
CCAP_API int ccap_csv_write_population(const char *path, const ccap_regions *regions,
                                       const ccap_population *pop, ccap_diag *diag);

/**
 * Check, before any work, that a population table of the given shape (as
 * ccap_csv_write_populations() would write it) stays within what the readers accept, so
 * that a program can refuse a run whose table it could not write, before running it.
 * @param path      The table's name, for the message; may be NULL.
 * @param n_pops    Populations in the table (for a projection, its steps + 1).
 * @param n_regions Regions with data in each population.
 * @param n_ages    Age groups.
 * @param with_date Nonzero when the table has the `date` column.
 * @param diag      Filled when the table would not fit; may be NULL.
 * @retval CCAP_OK the table fits
 * @retval CCAP_ERANGE it would hold more than #CCAP_CSV_FIELDS_MAX fields; @p diag gives
 *         the sizes ("the table would hold 226240007 fields (16 populations x 10000
 *         regions x 2 sexes x 101 age groups, 7 fields a row), ...")
 * @since 0.1
 */
CCAP_API int ccap_csv_population_table_check(const char *path, size_t n_pops, size_t n_regions,
                                             size_t n_ages, int with_date, ccap_diag *diag);

/**
 * Write several populations of the same shape into one long table
 * (`region,name,year,sex,age,population`, and `date` when every population has
 * one; `name` the region's beside its code, as gaps.csv has it: the readers take it and
 * leave it), population after population, each as ccap_csv_write_population()
 * orders it — for example every step of a projection.  Read one year back
 * with ccap_csv_read_population().
 * @param path      File to write.
 * @param regions   The region table of the populations.
 * @param pops      @p n_pops populations with as many regions as @p regions.
 * @param n_pops    Number of populations, at least 1.
 * @param diag      Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument, no population, or populations of different shapes
 * @retval CCAP_ERANGE the table would hold more than #CCAP_CSV_FIELDS_MAX fields (e.g. 16
 *         steps of 10,000 regions x 2 sexes x 101 ages: 1.9·10^8), so that the readers
 *         would refuse it; checked before the file is opened, with the sizes in @p diag
 * @since 0.1
 */
CCAP_API int ccap_csv_write_populations(const char *path, const ccap_regions *regions,
                                        const ccap_population *const pops[], size_t n_pops,
                                        ccap_diag *diag);

/**
 * Write the births of a projection (`region,year,sex,births`): one row per region with
 * data, calendar year and sex, for the calendar years wholly within the steps, as
 * ccap_projection_year_events() counts them (the years of ccap_csv_write_summary()).
 * @param path     File to write.
 * @param regions  The projection's region table.
 * @param proj     A projection with at least one step done.
 * @param diag     Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument, region counts differ, no step done, or no whole
 *         calendar year within the steps
 * @since 0.1
 */
CCAP_API int ccap_csv_write_births(const char *path, const ccap_regions *regions,
                                   const ccap_projection *proj, ccap_diag *diag);

/**
 * Write the summary of a projection on the calendar, as statistical bulletins count
 * (`region,year,population,births,deaths,net_migrants,under3`): one row per calendar year
 * wholly within the steps done and region with data, regions in index order within each
 * year.  `year` is the calendar year; `births`, `deaths` and `net_migrants` are its
 * events (ccap_projection_year_events(): the overlapping shares of the steps on their own
 * dates); `population` and `under3` (children aged 0-2; empty unless the age groups are
 * single years) are at its end, 31 December (ccap_projection_population_at() on 1 January
 * of the next year).  A census base on 2020-11-01 and 15 one-year steps give the years
 * 2021 to 2034; a base on 1 January 2020 gives 2020 to 2034.  The next year's population is
 * this row's plus births minus deaths plus net migrants, up to the interpolation between
 * the steps.
 * @param path     File to write.
 * @param regions  The projection's region table.
 * @param proj     A projection whose steps hold at least one whole calendar year.
 * @param diag     Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument, region counts differ, no step done, or no whole
 *         calendar year within the steps
 * @retval CCAP_ENOMEM out of memory
 * @since 0.1
 */
CCAP_API int ccap_csv_write_summary(const char *path, const ccap_regions *regions,
                                    const ccap_projection *proj, ccap_diag *diag);

/**
 * Write the quantiles of a Monte Carlo run (`region,name,year,measure,quantile,value`;
 * `name`: the region's name in @p regions, beside its code): for
 * every region (in pre-order), every calendar year of the run after its jump-off
 * (ccap_uncertainty_result_jump_off_year(); every year of the run when it is 0),
 * every measure and every probability, one row.  `year` is the calendar year: births
 * in it, stocks at its end (31 December).  The measures, by their library names: the
 * population measures "population", "births" and "under3"
 * (ccap_uncertainty_measure_name()), then with @p gaps the childcare measures
 * "target_slots", "demand_slots", "target_gap" and "demand_gap"
 * (ccap_gap_uncertainty_measure_name()); a measure not computed for a region and year
 * (no target yet, no take-up, age groups wider than a year) has no rows.  `quantile`
 * is the probability, `value` persons or slots.
 * @param path     File to write (atomically).
 * @param regions  The run's region table.
 * @param mc       The Monte Carlo result.
 * @param gaps     Its childcare measures (ccap_gap_uncertainty_run()), or NULL.
 * @param probs    Probabilities, each in [0, 1] (a scenario's `quantiles`).
 * @param n_probs  Number of probabilities, >= 1.
 * @param diag     Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument, no probabilities, or a region table not the run's
 * @retval CCAP_EDOM a probability outside [0, 1]
 * @retval CCAP_ENOMEM out of memory
 * @since 0.2
 */
CCAP_API int ccap_csv_write_quantiles(const char *path, const ccap_regions *regions,
                                      const ccap_uncertainty_result *mc,
                                      const ccap_gap_uncertainty *gaps, const double probs[],
                                      size_t n_probs, ccap_diag *diag);

/**
 * Write the probabilities of a Monte Carlo run's childcare measures
 * (`region,name,year,p_target_met,p_overbuild`): for every region (in pre-order) and every
 * calendar year after the jump-off (as ccap_csv_write_quantiles()), the share of
 * trajectories that meet the target at the end of the year
 * (ccap_gap_uncertainty_prob_target_met()) and that over-build
 * (ccap_gap_uncertainty_prob_overbuild()); a probability that cannot be computed is
 * empty, and a row with neither is left out.
 * @param path     File to write (atomically).
 * @param regions  The run's region table.
 * @param mc       The Monte Carlo result.
 * @param gaps     Its childcare measures, or NULL (a run without slots: the header only).
 * @param diag     Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument or a region table not the run's
 * @since 0.2
 */
CCAP_API int ccap_csv_write_probabilities(const char *path, const ccap_regions *regions,
                                          const ccap_uncertainty_result *mc,
                                          const ccap_gap_uncertainty *gaps, ccap_diag *diag);

/**
 * Write margins (`region,year,sex,ages,population,note`) in list order.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument or a region index outside @p regions
 * @since 0.1
 */
CCAP_API int ccap_csv_write_margins(const char *path, const ccap_regions *regions,
                                    const ccap_margins *margins, ccap_diag *diag);

/* ==== childcare tables: slots, targets, take-up (see ccap_childcare.h) ==== */

/* The childcare types, included outside the extern "C" block. */
CCAP_END_DECLS
#include <ccap/ccap_childcare.h>
#include <ccap/ccap_targets.h>
#include <ccap/ccap_workforce.h>
#include <ccap/ccap_kindergarten.h>
#include <ccap/ccap_payers.h>
CCAP_BEGIN_DECLS

/**
 * Read a slot inventory: columns `region,year,provider,inclusive,slots` and
 * optionally `enrolled`.
 *
 * `region` is a code of the table (not `*`); `year` the year at whose end the
 * slots exist; `provider` one of `institution`, `community`, `kindergarten`,
 * `employer`, `home`, `commercial`, `other`; `inclusive` `yes` or `no` (also
 * `1`/`0`, `true`/`false`); `slots` 0 to 10^12, fractions allowed; `enrolled` 0 to 10^12
 * (may exceed `slots`), an empty cell meaning unknown.  Each (region, year,
 * provider, inclusive) appears once.
 *
 * @param[in]  path     File to read.
 * @param[in]  regions  A finished region table.
 * @param[out] out      Receives the inventory (free with ccap_childcare_inventory_free()),
 *                      with as many regions as @p regions; NULL on failure.
 * @param[in]  options  Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag     Filled on failure, or with a warning on success (e.g. the file was converted
 * from GB18030); may be NULL.
 * @return #CCAP_OK or an error code from the table at the top of this file.
 * @since 0.1
 */
CCAP_API int ccap_csv_read_slots(const char *path, const ccap_regions *regions,
                                 ccap_childcare_inventory **out, const ccap_read_options *options,
                                 ccap_diag *diag);

/**
 * Write a slot inventory (`region,year,provider,inclusive,slots[,enrolled]`) in
 * the order the rows were added; the `enrolled` column only when some row has
 * a count (empty cells where unknown).
 * @param path     File to write.
 * @param regions  The region table of the inventory.
 * @param inv      The inventory, with as many regions as @p regions.
 * @param diag     Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument or region counts differ
 * @since 0.1
 */
CCAP_API int ccap_csv_write_slots(const char *path, const ccap_regions *regions,
                                  const ccap_childcare_inventory *inv, ccap_diag *diag);

/**
 * Read slots-per-1,000 targets: columns `region,year,slots_per_1000`.
 *
 * `region` is a code or `*` (every region); `year` the year at whose **end**
 * the target applies ("4.1 by the end of 2024" is `2024`, to be compared with
 * the population at 2025-01-01); `slots_per_1000` 0 to 1,000.  Each (region, year)
 * appears once.  The result is a schedule with one value per entry and
 * #CCAP_SEX_BOTH; look targets up with ccap_childcare_target_find().
 *
 * @param[in]  path     File to read.
 * @param[in]  regions  A finished region table.
 * @param[out] out      Receives the targets (free with ccap_schedule_free()); NULL on failure.
 * @param[in]  options  Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag     Filled on failure, or with a warning on success (e.g. the file was converted
 * from GB18030); may be NULL.
 * @return #CCAP_OK or an error code from the table at the top of this file.
 * @since 0.1
 */
CCAP_API int ccap_csv_read_targets(const char *path, const ccap_regions *regions,
                                   ccap_schedule **out, const ccap_read_options *options,
                                   ccap_diag *diag);

/**
 * Write targets (`region,year,slots_per_1000`) in schedule order.
 * @param path     File to write.
 * @param regions  The region table.
 * @param targets  A schedule with one value per entry, every entry for #CCAP_SEX_BOTH.
 * @param diag     Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument, a region outside @p regions, or a schedule that is
 *         not a target table
 * @since 0.1
 */
CCAP_API int ccap_csv_write_targets(const char *path, const ccap_regions *regions,
                                    const ccap_schedule *targets, ccap_diag *diag);

/**
 * Read targets of every measure (ccap_targets.h), in either form:
 *
 * - long: `region,year,measure,value`, `measure` one of `slots_per_1000`,
 *   `enrolment_rate`, `inclusive_share` or a Chinese alias (每千人口托位数,
 *   入托率, 普惠托位占比; ccap_target_measure_parse()); `value` 0 to 1,000 for
 *   slots per 1,000, 0 to 1 for a share (0.08 for 8 %);
 * - per 1,000: `region,year,slots_per_1000`, as ccap_csv_read_targets() reads it.
 *
 * `region` is a code or `*`; `year` the year at whose end the target applies.
 * Each (region, year, measure) appears once.
 *
 * @param[in]  path     File to read.
 * @param[in]  regions  A finished region table.
 * @param[out] out      Receives the targets (free with ccap_targets_free()); NULL on failure.
 * @param[in]  options  Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag     Filled on failure (FILE:LINE: field), or with a warning on success;
 *                      may be NULL.
 * @return #CCAP_OK or an error code from the table at the top of this file: #CCAP_EPARSE
 *         for a bad header, measure, region, year or a duplicate row, #CCAP_EDOM for a
 *         value outside its measure's range.
 * @since 0.2
 */
CCAP_API int ccap_csv_read_target_set(const char *path, const ccap_regions *regions,
                                      ccap_targets **out, const ccap_read_options *options,
                                      ccap_diag *diag);

/**
 * Read the births of one year by month: columns `month,births` (Chinese: 月份, 出生人口),
 * one row for each month 1 to 12 (also written `1月` … `12月`), births a count.  For
 * ccap_workforce_infant_share(): the share of the children aged 0 at the year end who are
 * 6-12 months old.
 *
 * @param[in]  path     File to read.
 * @param[out] births_out  12 counts, January first; unchanged on failure.
 * @param[in]  options  Reading options; NULL for the defaults.
 * @param[out] diag     Filled on failure (FILE:LINE: field); may be NULL.
 * @return #CCAP_OK; #CCAP_EPARSE for a bad header, a month that is not 1 to 12, a month
 *         given twice or missing; #CCAP_EDOM for a count out of range or no births at all;
 *         else as the other readers.
 * @since 0.2
 */
CCAP_API int ccap_csv_read_monthly_births(const char *path, double births_out[],
                                          const ccap_read_options *options, ccap_diag *diag);

/**
 * Read a workforce standard: columns `class,max_children,children_per_carer,
 * floor_area_m2_per_child,children_per_health_worker` (Chinese: 班型, 班额 or 最大班额,
 * 每名保育人员照护婴幼儿数, 人均使用面积, 每名保健人员照护婴幼儿数), one row for each of
 * the six class types (`infant`, `toddler`, `older`, `mixed`, `home`, `kindergarten`, or
 * 乳儿班, 托小班, 托大班, 混合班, 家庭托育点, 托班).  Ranges: a class of 1 to 1,000
 * children; more than 0, at most 100 children per carer; 0 to 1,000 m² per child; 0 (no
 * health worker required) to 100,000 children per health worker.
 *
 * @param[in]  path     File to read.
 * @param[out] out      Receives the standard; unchanged on failure.
 * @param[in]  options  Reading options; NULL for the defaults.
 * @param[out] diag     Filled on failure (FILE:LINE: field); may be NULL.
 * @return #CCAP_OK; #CCAP_EPARSE for a bad header, an unknown or repeated class or a class
 *         type without a row; #CCAP_EDOM for a limit outside its range; else as the other
 *         readers.
 * @since 0.2
 */
CCAP_API int ccap_csv_read_workforce_standard(const char *path, ccap_workforce_standard *out,
                                              const ccap_read_options *options, ccap_diag *diag);

/**
 * Read kindergarten places (幼儿园学位): columns `region,year,places[,enrolled]` (Chinese:
 * 区县代码 or 地区, 年份, 学位数, 在园幼儿数), an optional `name` beside the code.  `region`
 * is a region without children (a county: a city's places are its counties' sum);
 * `places` the kindergarten places at the end of `year`, `enrolled` the children enrolled
 * then (empty: not known); both counts 0 to 10^12, `enrolled` at most twice `places`.
 * Each (region, year) appears once.
 *
 * @param[in]  path     File to read.
 * @param[in]  regions  A finished region table.
 * @param[out] out      Receives the table (free with ccap_kindergarten_free()); NULL on failure.
 * @param[in]  options  Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag     Filled on failure (FILE:LINE: field), or with a warning on success;
 *                      may be NULL.
 * @return #CCAP_OK; #CCAP_EPARSE for a bad header, an unknown region, a region with
 *         children, a bad year or a duplicate row; #CCAP_EDOM for a count out of range;
 *         else as the other readers.
 * @since 0.2
 */
CCAP_API int ccap_csv_read_kindergarten(const char *path, const ccap_regions *regions,
                                        ccap_kindergarten **out, const ccap_read_options *options,
                                        ccap_diag *diag);

/**
 * Write a table of ccap_workforce_table() as `region,name,year,basis,slots,infant,toddler,
 * older,mixed,home,kindergarten,classes,carers,health_staff,floor_area_m2` (the
 * `workforce.csv` of ccap-gap; name: the region's name in @p regions): regions in pre-order, each
 * region's years in order, each year the bases `held`, `needed`, `planned`; the class columns are
 * places, whole; a number that is not available (no target, no plan) is an empty cell.  Written to
 * a temporary name and renamed.
 * @param path    File to write.
 * @param regions The region table of the rows.
 * @param rows    The table, layout of ccap_workforce_table().
 * @param n_rows  Number of rows: whole years × regions × #CCAP_WORKFORCE_N_BASES.
 * @param diag    Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument, or @p n_rows not whole years of every region and basis
 * @since 0.2
 */
CCAP_API int ccap_csv_write_workforce(const char *path, const ccap_regions *regions,
                                      const ccap_workforce_row rows[], size_t n_rows,
                                      ccap_diag *diag);

/**
 * Write a budget by payer (ccap_payers_budget()) as `year,central,local,families,providers,
 * capital,capital_subsidy,childcare_subsidy,operating_subsidy,fees,running` (the
 * `budget.csv` of ccap-gap), one row a year, then a row `pv` of present values (@p pv).
 * @param path    File to write.
 * @param rows    The years.
 * @param n_rows  Number of rows, at least 1.
 * @param pv      Present values (ccap_payers_present_value()), or NULL for no `pv` row.
 * @param diag    Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument or @p n_rows 0
 * @since 0.2
 */
CCAP_API int ccap_csv_write_budget(const char *path, const ccap_budget_year rows[], size_t n_rows,
                                   const ccap_budget_year *pv, ccap_diag *diag);

/**
 * Read take-up rates: columns `age,rate` (for every region) or
 * `region,age,rate` (`region` a code or `*`).
 *
 * `age` is 0, 1 or 2; `rate` the share of the children of that age in
 * childcare, in [0, 1].  Every region in the file (and `*`) needs the three
 * ages, each once.
 *
 * @param[in]  path     File to read.
 * @param[in]  regions  A finished region table.
 * @param[out] out      Receives the rates (free with ccap_childcare_takeup_free());
 *                      NULL on failure.
 * @param[in]  options  Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag     Filled on failure, or with a warning on success (e.g. the file was converted
 * from GB18030); may be NULL.
 * @return #CCAP_OK or an error code from the table at the top of this file.
 * @since 0.1
 */
CCAP_API int ccap_csv_read_takeup(const char *path, const ccap_regions *regions,
                                  ccap_childcare_takeup **out, const ccap_read_options *options,
                                  ccap_diag *diag);

/**
 * Write take-up rates (`region,age,rate`, three rows per entry) in entry order.
 * @param path     File to write.
 * @param regions  The region table.
 * @param takeup   The rates.
 * @param diag     Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument or a region outside @p regions
 * @since 0.1
 */
CCAP_API int ccap_csv_write_takeup(const char *path, const ccap_regions *regions,
                                   const ccap_childcare_takeup *takeup, ccap_diag *diag);

/* ==== end of the childcare tables ==== */

/* ==== gap: caps on new slots and unit costs (see ccap_gap.h) ==== */

#include <ccap/ccap_gap.h>

/**
 * Read caps on new slots: columns `region,max_new_slots`.
 *
 * `max_new_slots` is a whole number of slots, zero or more, or `none` (any
 * case) for no cap.  Each region appears at most once; regions of @p regions
 * that are not in the file get #CCAP_GAP_NO_CAP.  The result is the `cap`
 * array of the ccap_gap_allocate_*() functions.
 *
 * @param[in]  path       File to read.
 * @param[in]  regions    A finished region table; every `region` code must be in it.
 * @param[out] caps_out   @p n_regions caps in region index order; all NAN on failure.
 * @param[in]  n_regions  Must equal ccap_regions_count(@p regions).
 * @param[in]  options    Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag       Filled on failure, or with a warning on success; may be NULL.
 * @return #CCAP_OK or an error code from the table above: #CCAP_EPARSE for an
 *         unknown or repeated region or a value that is not a number, #CCAP_EDOM
 *         for a negative, fractional or infinite cap, #CCAP_EINVAL for a NULL
 *         argument or @p n_regions not matching the table.
 * @since 0.1
 */
CCAP_API int ccap_csv_read_caps(const char *path, const ccap_regions *regions, double caps_out[],
                                size_t n_regions, const ccap_read_options *options,
                                ccap_diag *diag);

/**
 * Write caps (`region,max_new_slots`): every region in index order, `none`
 * for #CCAP_GAP_NO_CAP.
 * @param path       File to write.
 * @param regions    The region table.
 * @param caps       @p n_regions caps: whole numbers from 0 to #CCAP_GAP_WHOLE_MAX, or
 *                   #CCAP_GAP_NO_CAP.
 * @param n_regions  Must equal ccap_regions_count(@p regions).
 * @param diag       Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument or @p n_regions not matching the table
 * @retval CCAP_EDOM a cap that is not a whole number of slots nor #CCAP_GAP_NO_CAP
 * @since 0.1
 */
CCAP_API int ccap_csv_write_caps(const char *path, const ccap_regions *regions,
                                 const double caps[], size_t n_regions, ccap_diag *diag);

/**
 * Read unit costs: columns
 * `provider,capital_per_slot,running_per_slot_year,subsidy_per_inclusive_slot`.
 *
 * `provider` is a name of ccap_gap_costs_provider() (`institution`,
 * `community`, `kindergarten`, `employer`, `home`, `commercial`, `other`; any
 * case) or `*`, the default for the types without a row; each at most once.
 * The three costs are in yuan, zero or more.  The discount rate is not part of
 * the file: it is the `discount_rate` argument of ccap_gap_cost().
 *
 * @param[in]  path       File to read.
 * @param[out] costs_out  Receives the table (free with ccap_gap_costs_free()); NULL on failure.
 * @param[in]  options    Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag       Filled on failure, or with a warning on success; may be NULL.
 * @return #CCAP_OK or an error code from the table above (#CCAP_EPARSE for an unknown
 *         or repeated provider, #CCAP_EDOM for a negative cost).
 * @since 0.1
 */
CCAP_API int ccap_csv_read_costs(const char *path, ccap_gap_costs **costs_out,
                                 const ccap_read_options *options, ccap_diag *diag);

/**
 * Write unit costs in the format ccap_csv_read_costs() reads: the provider
 * types with a row of their own in the order of ccap_gap_costs_provider(),
 * then `*` if set.
 * @param path   File to write.
 * @param costs  The table.
 * @param diag   Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument
 * @since 0.1
 */
CCAP_API int ccap_csv_write_costs(const char *path, const ccap_gap_costs *costs,
                                  ccap_diag *diag);

/**
 * Write a table of ccap_gap_table() as `region,name,year,population,under3,slots,
 * slots_per_1000,target_per_1000,target_slots,gap,demand_slots,demand_gap,
 * per_1000_slots,per_1000_gap,enrolment_rate_target,enrolment_slots,enrolment_gap,
 * inclusive_share_target,inclusive_slots,inclusive_gap,enrolled,utilisation,
 * enrolment_rate,binding` (the `gaps.csv` of ccap-gap; `name` is the region's name in
 * @p regions, beside its code for people reading the table): `target_slots` and `gap`
 * are those of the binding target, named in `binding` (`slots_per_1000` or
 * `enrolment_rate`; see ::ccap_gap_row); regions in pre-order (parents before their
 * children), each region's years in order; a value that is not available (NAN:
 * no target, or no take-up for demand) as an empty field.
 * The file is written to a temporary name and renamed when complete.
 * @param path    File to write.
 * @param regions The region table of the rows.
 * @param rows    The table: whole years of every region, `rows[year index·n_regions + region]`.
 * @param n_rows  Number of rows: a multiple of the number of regions.
 * @param diag    Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument, or @p n_rows not whole years of every region
 * @since 0.1
 */
CCAP_API int ccap_csv_write_gaps(const char *path, const ccap_regions *regions,
                                 const ccap_gap_row rows[], size_t n_rows, ccap_diag *diag);

/**
 * Write a build schedule as `region,name,year,new_slots` (`name`: the
 * region's name in @p regions), the format ccap_csv_read_builds() reads (the `schedule.csv` of
 * ccap-gap and ccap-plan): regions in pre-order, each region's years in order.
 * @param path        File to write (complete or not at all).
 * @param regions     The region table.
 * @param first_year  Year of the first column of @p new_slots.
 * @param n_years     Number of years, at least 1.
 * @param new_slots   `new_slots[region·n_years + (year − first_year)]`, e.g. from
 *                    ccap_gap_table_schedule().
 * @param diag        Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument or @p n_years 0
 * @since 0.1
 */
CCAP_API int ccap_csv_write_builds(const char *path, const ccap_regions *regions,
                                   int first_year, size_t n_years, const double new_slots[],
                                   ccap_diag *diag);

/**
 * Write a build schedule as ccap_csv_write_builds() does, and with @p kg the columns
 * `converted,conversion_cost,built,build_cost` after them (ccap_plan_kindergarten(): the
 * new slots converted from idle kindergarten places, their capital cost in yuan, the slots
 * built new and theirs; an unknown cost is an empty cell).  ccap_csv_read_builds() reads
 * the file back, the four columns ignored.
 * @param path        File to write (complete or not at all).
 * @param regions     The region table.
 * @param first_year  Year of the first column of @p new_slots.
 * @param n_years     Number of years, at least 1.
 * @param new_slots   `new_slots[region·n_years + (year − first_year)]`.
 * @param kg          Rows in the same layout, or NULL: the four columns of
 *                    ccap_csv_write_builds() only.
 * @param diag        Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument or @p n_years 0
 * @since 0.2
 */
CCAP_API int ccap_csv_write_schedule(const char *path, const ccap_regions *regions, int first_year,
                                     size_t n_years, const double new_slots[],
                                     const ccap_kindergarten_row kg[], ccap_diag *diag);

/**
 * Write new slots per region as `region,name,new_slots` (the `allocation.csv`
 * of ccap-gap and ccap-plan; `name`: the region's name in @p regions), regions
 * in pre-order.
 * @param path       File to write (complete or not at all).
 * @param regions    The region table.
 * @param new_slots  One value per region, in index order (e.g. from ccap_gap_table_allocate()).
 * @param diag       Filled on failure; may be NULL.
 * @retval CCAP_OK success  @retval CCAP_EIO cannot write or rename
 * @retval CCAP_EINVAL NULL argument
 * @since 0.1
 */
CCAP_API int ccap_csv_write_allocation(const char *path, const ccap_regions *regions,
                                       const double new_slots[], ccap_diag *diag);

/* ==== end of gap ==== */

/* ==== vital statistics: births, deaths, population, rates (see ccap_vitals.h) ==== */

/* The vitals types, included outside the extern "C" block. */
CCAP_END_DECLS
#include <ccap/ccap_vitals.h>
#include <ccap/ccap_calibrate.h>
CCAP_BEGIN_DECLS

/**
 * Read published vital statistics: columns `region,year,measure,value` and
 * optionally `note`.
 *
 * `region` is a code of the table (the city or any county; not `*`); `year`
 * the calendar year of the births or deaths, or at whose end the population
 * is counted; `measure` a name of ccap_vitals_measure_parse() (`births`,
 * `deaths`, `population`, `birth_rate`, `death_rate`, any case, or 出生人口,
 * 出生数, 死亡人口, 死亡数, 年末常住人口, 常住人口, 出生率, 死亡率); `value` persons,
 * or per 1,000 residents for the rates, kept as given, in the range
 * ccap_vitals.h gives for the measure (a value out of it is #CCAP_EDOM); `note`
 * its provenance, at most #CCAP_VITALS_NOTE_MAX bytes.  Each (region, year,
 * measure) appears once; any subset of years and regions may be given.  Every
 * figure keeps its line in the file (ccap_vital::line).
 *
 * @param[in]  path        File to read.
 * @param[in]  regions     A finished region table; every `region` code must be in it.
 * @param[out] vitals_out  Receives the list (free with ccap_vitals_free()), figures in file
 *                         order; NULL on failure.
 * @param[in]  options     Reading options such as the encoding; NULL for the defaults.
 * @param[out] diag        Filled on failure, or with a warning on success (e.g. the file was
 *                         converted from GB18030); may be NULL.
 * @return #CCAP_OK or an error code from the table at the top of this file:
 *         #CCAP_EPARSE for an unknown region or measure, a totals row, a bad year, an
 *         empty or non-numeric value, a duplicate; #CCAP_EDOM for a value that is NaN,
 *         infinite, negative or beyond its measure's range; #CCAP_EINVAL for a NULL
 *         argument or an unfinished region table.
 * @since 0.1
 */
CCAP_API int ccap_csv_read_vitals(const char *path, const ccap_regions *regions,
                                  ccap_vitals **vitals_out, const ccap_read_options *options,
                                  ccap_diag *diag);

/**
 * Write every published figure beside the model's value (ccap_calibration_get()):
 * `region,year,measure,published,model,difference,relative,use`, one row per figure in
 * the order of the vitals.  `measure` as ccap_vitals_measure_name(); `model` in the
 * figure's unit, empty when the figure could not be modelled; `difference` model −
 * published; `relative` the difference over the published value; `use` `fitted`,
 * `checked`, `unused` or `base` (::ccap_calibration_use).
 * @param path         File to write (atomically).
 * @param regions      The region table of the calibration.
 * @param calibration  The result of ccap_calibrate().
 * @param diag         Filled on failure; may be NULL.
 * @return #CCAP_OK, #CCAP_EIO or #CCAP_EINVAL.
 * @since 0.1
 */
CCAP_API int ccap_csv_write_calibration(const char *path, const ccap_regions *regions,
                                        const ccap_calibration *calibration, ccap_diag *diag);

/* ==== end of vital statistics ==== */

CCAP_END_DECLS

#endif /* CCAP_CSV_H */
