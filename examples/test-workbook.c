/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workbook of a small synthetic plan, written with a row limit of its own: a sheet with
 * more rows than the limit is left out with a warning on stderr naming it and its rows, and
 * the rest of the workbook is still written.  With Excel's limit nothing is left out.
 *
 *   test-workbook    writes under $CCAP_TEST_TMP (or /tmp) and removes its files
 *
 * Exit status 0 when all checks pass, 1 otherwise. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "workbook.h"

enum { R = 3, STEPS = 4, FROM = 2020, TO = 2024, FIRST = 2021 };

static int failures;

static void
check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stdout, "FAIL: %s\n", what);
        failures++;
    }
}

/* The whole of a small text file, NUL-terminated (empty when it cannot be read). */
static void
slurp(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    size_t n = 0;

    if (f != NULL) {
        n = fread(buf, 1, size - 1, f);
        fclose(f);
    }
    buf[n] = '\0';
}

/* Write the workbook with stderr going to err_path; the return value of workbook_write(). */
static int
write_with_stderr_to(const char *path, const workbook_plan *wp, size_t max_rows,
                     const char *err_path)
{
    char err[256];
    int saved = dup(STDERR_FILENO), rc;

    fflush(stderr);
    if (saved < 0 || freopen(err_path, "w", stderr) == NULL)
        return -1;
    rc = workbook_write(path, wp, max_rows, err, sizeof err);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    if (rc != 0)
        printf("workbook_write: %s\n", err);
    return rc;
}

int
main(void)
{
    static const char *const codes[R] = {"C", "A", "B"};
    const char *dir = getenv("CCAP_TEST_TMP");
    char path[1024], err_path[1024], text[4096];
    const ccap_population *pops[STEPS + 1];
    ccap_gap_row rows[(TO - FROM + 1) * R];
    double schedule[R * (TO - FIRST + 1)], alloc[R];
    cli_inputs in;
    workbook_plan wp;
    struct stat st;
    size_t r, s;

    memset(&in, 0, sizeof in);
    memset(rows, 0, sizeof rows);
    memset(schedule, 0, sizeof schedule);
    memset(alloc, 0, sizeof alloc);
    in.sc = ccap_scenario_alloc();
    in.regions = ccap_regions_alloc();
    in.base = ccap_population_alloc(R, 2, 1);
    in.steps = STEPS;
    if (in.sc == NULL || in.regions == NULL || in.base == NULL)
        return 1;
    for (r = 0; r < R; r++)
        if (ccap_regions_add(in.regions, codes[r], codes[r], codes[r], r == 0 ? NULL : "C", NULL) !=
            CCAP_OK)
            return 1;
    if (ccap_regions_finish(in.regions, NULL) != CCAP_OK)
        return 1;
    for (r = 0; r < R; r++)
        for (s = 0; s < 2; s++) {
            ccap_population_set(in.base, r, (ccap_sex)s, 0, 10.0);
            ccap_population_set(in.base, r, (ccap_sex)s, 1, 90.0);
        }
    ccap_population_set_year(in.base, FROM);
    for (s = 0; s <= STEPS; s++)
        pops[s] = in.base;
    for (r = 0; r < (TO - FROM + 1) * R; r++)
        rows[r].year = FROM + (int)(r / R);
    memset(&wp, 0, sizeof wp);
    wp.in = &in;
    wp.pops = pops;
    wp.rows = rows;
    wp.from = FROM;
    wp.to = TO;
    wp.first = FIRST;
    wp.schedule = schedule;
    wp.alloc = alloc;
    wp.alloc_year = FIRST;

    if (dir == NULL || dir[0] == '\0')
        dir = "/tmp";
    snprintf(path, sizeof path, "%s/test-workbook-%ld.xlsx", dir, (long)getpid());
    snprintf(err_path, sizeof err_path, "%s/test-workbook-%ld.err", dir, (long)getpid());

    /* Population and Gaps: 3 regions x 5 years and the header, 16 rows; the other sheets
     * fit in 10 */
    check(write_with_stderr_to(path, &wp, 10, err_path) == 0, "the workbook was not written");
    check(stat(path, &st) == 0 && st.st_size > 0, "no workbook with a row limit of 10");
    slurp(err_path, text, sizeof text);
    printf("%s", text);
    check(strstr(text, "Population") != NULL && strstr(text, "16 rows") != NULL,
          "no warning naming the Population sheet and its 16 rows");
    check(strstr(text, "Gaps") != NULL, "no warning naming the Gaps sheet");
    check(strstr(text, "Allocation") == NULL, "a sheet that fits was left out");
    unlink(path);

    check(write_with_stderr_to(path, &wp, WORKBOOK_EXCEL_ROWS, err_path) == 0,
          "the workbook was not written with Excel's limit");
    slurp(err_path, text, sizeof text);
    check(text[0] == '\0', "a warning with Excel's limit");
    unlink(path);
    unlink(err_path);

    ccap_population_free(in.base);
    ccap_regions_free(in.regions);
    ccap_scenario_free(in.sc);
    printf("%s\n", failures == 0 ? "ok" : "FAILED");
    return failures == 0 ? 0 : 1;
}
