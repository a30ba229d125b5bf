/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The ccap-plan report as an Excel workbook (report.xlsx), written with libxlsxwriter when the
 * build found it (CCAP_HAVE_XLSX).  One sheet per table of the report (the CSV files), each
 * with a frozen header row, number formats and column widths, and a sheet of native Excel
 * charts in the order and colours of the PNG charts: the population pyramid of the base year,
 * births, children under 3 and residents with their Monte Carlo band, the slots needed and
 * planned, the gap by county, the carers and who pays; printed three to an A4 page.  Labels,
 * headers and sheet names go through _(), so they follow the language of the programs'
 * messages; so do the region names (Chinese or English column) and the names of the measures
 * of the Quantiles sheet, beside their codes.
 */
#ifndef CCAP_EXAMPLES_WORKBOOK_H
#define CCAP_EXAMPLES_WORKBOOK_H

#include <stddef.h>

#include "report.h"

/* What the workbook shows: a plan as the report sees it (report.h). */
typedef report_plan workbook_plan;

/* The rows of an Excel worksheet, the header included (Excel 2007 and later). */
#define WORKBOOK_EXCEL_ROWS ((size_t)1048576)

/* Write the workbook to path (replaced if it exists).  A sheet that would have more than
 * max_rows rows (WORKBOOK_EXCEL_ROWS in ccap-plan) is left out, with a warning on stderr
 * naming it and its rows; the other sheets are written.  0 on success; non-zero on failure with
 * a one-line reason in err (err_size bytes, always terminated when err_size > 0), e.g.
 * libxlsxwriter's description of why the file could not be written.  A failure may leave a
 * partial file at path.  libxlsxwriter's temporary files go to $TMPDIR when it is set. */
int workbook_write(const char *path, const workbook_plan *wp, size_t max_rows, char *err,
                   size_t err_size);

#endif /* CCAP_EXAMPLES_WORKBOOK_H */
