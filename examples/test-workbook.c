/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workbook of the bundled plan (no trajectories), written with a row limit of its own: a sheet
 * with more rows than the limit is left out with a warning on stderr naming it and its rows, and
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
    const char *dir = getenv("CCAP_TEST_TMP"), *data = getenv("CCAP_TEST_NANYANG");
    char path[1024], err_path[1024], text[4096], scenario[1024], rows[64];
    cli_inputs in;
    ccap_plan *plan = NULL;
    ccap_plan_options po;
    ccap_diag diag;
    workbook_plan wp;
    struct stat st;

    memset(&in, 0, sizeof in);
    memset(&wp, 0, sizeof wp);
    if (dir == NULL || dir[0] == '\0')
        dir = "/tmp";
    if (data == NULL)
        data = "examples/data/nanyang";
    snprintf(scenario, sizeof scenario, "%s/nanyang.ini", data);
    /* the bundled plan without trajectories, through the library's one call */
    if (ccap_scenario_read(scenario, &in.sc, NULL, &diag) != CCAP_OK ||
        cli_inputs_read("test-workbook", &in) != CLI_EXIT_OK) {
        printf("cannot read %s\n", scenario);
        return 1;
    }
    ccap_scenario_plan_options(in.sc, &po);
    po.n_trajectories = 0;
    if (ccap_plan_run(&in.plan, &po, &plan, &diag) != CCAP_OK ||
        report_plan_init(&wp, &in, plan, 1, &(ccap_payer_params)CLI_PAYER_PARAMS_INIT) !=
            CLI_EXIT_OK) {
        printf("plan: %s\n", diag.message);
        return 1;
    }
    snprintf(path, sizeof path, "%s/test-workbook-%ld.xlsx", dir, (long)getpid());
    snprintf(err_path, sizeof err_path, "%s/test-workbook-%ld.err", dir, (long)getpid());

    /* Population: 17 regions x 16 dates and the header, 273 rows; Gaps more than 20; the
     * Allocation, 17 regions and the header, fits in 20 */
    check(write_with_stderr_to(path, &wp, 20, err_path) == 0, "the workbook was not written");
    check(stat(path, &st) == 0 && st.st_size > 0, "no workbook with a row limit of 20");
    slurp(err_path, text, sizeof text);
    printf("%s", text);
    snprintf(rows, sizeof rows, "%zu rows", ccap_regions_count(in.regions) * wp.n_pops + 1);
    check(strstr(text, "Population") != NULL && strstr(text, rows) != NULL,
          "no warning naming the Population sheet and its rows");
    check(strstr(text, "Gaps") != NULL, "no warning naming the Gaps sheet");
    check(strstr(text, "Allocation") == NULL, "a sheet that fits was left out");
    unlink(path);

    check(write_with_stderr_to(path, &wp, WORKBOOK_EXCEL_ROWS, err_path) == 0,
          "the workbook was not written with Excel's limit");
    slurp(err_path, text, sizeof text);
    check(text[0] == '\0', "a warning with Excel's limit");
    unlink(path);
    unlink(err_path);

    report_plan_free(&wp);
    ccap_plan_free(plan);
    cli_inputs_free(&in);
    printf("%s\n", failures == 0 ? "ok" : "FAILED");
    return failures == 0 ? 0 : 1;
}
