/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * atomic: a writer that fails half-way leaves the target as it was and no temporary file.
 *
 * A full disk is simulated without mounting anything: RLIMIT_FSIZE caps the size of any file
 * this process writes (root included), and with SIGXFSZ ignored a write beyond the cap fails
 * with EFBIG instead of killing the process.  The cap is chosen so that the failure falls
 * while rows are written (a table larger than stdio's buffer), at the final flush (a table
 * smaller than the buffer), or on the very last byte.  An unwritable directory is a path
 * whose parent is a regular file (ENOTDIR, which stops root too); a failed rename is a target
 * that is a non-empty directory (EISDIR).  Every test checks that the old target is
 * byte-identical, that a fresh target did not appear, and that no NAME.tmp-* is left.
 */

#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ccap_test.h"

static ccap_regions *regions;
static ccap_population *pop; /* 5 regions x 2 sexes x 101 ages: about 20 kB as CSV */
static char dir[512];        /* a scratch directory of this suite's own */

static const char old_content[] = "region,year,sex,age,population\nC01,1999,female,0,42\n";

/* ---- helpers ---- */

static struct rlimit saved_limit;
static void (*saved_handler)(int);
static int limited;

/* Cap the size of files this process writes at `bytes`; writes beyond fail with EFBIG.
 * The limit and handler in force before the first cap are restored by restore_file_size(). */
static int
limit_file_size(rlim_t bytes)
{
    struct rlimit rl;

    if (!limited) {
        if (getrlimit(RLIMIT_FSIZE, &saved_limit) != 0)
            return -1;
        saved_handler = signal(SIGXFSZ, SIG_IGN);
        limited = 1;
    }
    rl = saved_limit;
    rl.rlim_cur = bytes;
    return setrlimit(RLIMIT_FSIZE, &rl);
}

static void
restore_file_size(void)
{
    if (!limited)
        return;
    CU_ASSERT_EQUAL(setrlimit(RLIMIT_FSIZE, &saved_limit), 0);
    signal(SIGXFSZ, saved_handler);
    limited = 0;
}

static const char *
in_dir(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
    return buf;
}

static void
put_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");

    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fputs(text, fp);
    CU_ASSERT_EQUAL(fclose(fp), 0);
}

/* 1 if the file at path holds exactly text. */
static int
holds(const char *path, const char *text)
{
    char buf[4096];
    size_t n;
    FILE *fp = fopen(path, "rb");

    if (fp == NULL)
        return 0;
    n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    return n == strlen(text) && memcmp(buf, text, n) == 0;
}

static int
exists(const char *path)
{
    struct stat st;

    return lstat(path, &st) == 0;
}

static off_t
file_size(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 ? st.st_size : -1;
}

/* Entries of the scratch directory whose name contains ".tmp-" (temporary files). */
static size_t
count_tmp(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;

    if (d == NULL)
        return (size_t)-1;
    while ((e = readdir(d)) != NULL)
        n += strstr(e->d_name, ".tmp-") != NULL;
    closedir(d);
    return n;
}

/* The diagnostic of a failed write: EIO, the file named, the system's reason given. */
static void
check_diag(const ccap_diag *diag, const char *path, int err)
{
    CU_ASSERT_EQUAL(diag->status, CCAP_EIO);
    CU_ASSERT_STRING_EQUAL(diag->file, path);
    if (strstr(diag->message, strerror(err)) == NULL) {
        printf("\n  message '%s' lacks '%s'\n", diag->message, strerror(err));
        CU_FAIL("the message does not give the system's reason");
    }
}

static int
setup(void)
{
    size_t r, s, g;

    /* in the build tree under meson; never in the current directory, which may be the
     * source tree */
    const char *base = getenv("CCAP_TEST_TMP") != NULL ? getenv("CCAP_TEST_TMP")
                       : getenv("TMPDIR") != NULL  ? getenv("TMPDIR")
                                                   : "/tmp";

    snprintf(dir, sizeof dir, "%s/atomic-%ld", base, (long)getpid());
    if (mkdir(dir, 0777) != 0 || (regions = ccap_test_city()) == NULL ||
        (pop = ccap_population_alloc(5, 101, 1)) == NULL)
        return 1;
    for (r = 0; r < 5; r++) {
        for (s = 0; s < 2; s++) {
            /* The last region holds subnormals: formatting them sets errno (ERANGE) after
             * the failed write, and the message must still give the write's own reason. */
            for (g = 0; g < 101; g++)
                ccap_population_set(pop, r, (ccap_sex)s, g,
                                    r == 4 ? 4.9e-324 * (double)(g + 1)
                                           : 1000.0 / 3.0 + (double)(r + g));
        }
    }
    return ccap_population_set_year(pop, 2020) != CCAP_OK;
}

static int
teardown(void)
{
    ccap_population_free(pop);
    ccap_regions_free(regions);
    /* each test removes its own fixtures: anything else left makes this fail */
    return rmdir(dir) != 0;
}

/* ---- the tests ---- */

/* A cap below the table's size, far below (the failure comes while rows are written) and at
 * one byte short of the whole table (the failure is on the last write). */
static void
test_atomic__population_replace_fails(void)
{
    char path[600];
    ccap_diag diag;
    off_t full;
    const rlim_t caps[] = {1000, 8192};
    size_t k;

    /* the size of the complete table, written once without a cap */
    in_dir(path, sizeof path, "full.csv");
    CCAP_ASSERT_STATUS(ccap_csv_write_population(path, regions, pop, &diag), CCAP_OK);
    full = file_size(path);
    CU_ASSERT_FATAL(full > 16384); /* larger than stdio's buffer: rows fail, not only the flush */
    unlink(path);

    in_dir(path, sizeof path, "population.csv");
    for (k = 0; k < 3; k++) {
        const rlim_t cap = k < 2 ? caps[k] : (rlim_t)full - 1;

        put_file(path, old_content);
        CU_ASSERT_EQUAL_FATAL(limit_file_size(cap), 0);
        CCAP_ASSERT_STATUS(ccap_csv_write_population(path, regions, pop, &diag), CCAP_EIO);
        restore_file_size();
        check_diag(&diag, path, EFBIG);
        CU_ASSERT_TRUE(holds(path, old_content));
        CU_ASSERT_EQUAL(count_tmp(), 0);
    }
    /* with exactly the table's size allowed, the write succeeds: the cap is what failed */
    CU_ASSERT_EQUAL_FATAL(limit_file_size((rlim_t)full), 0);
    CCAP_ASSERT_STATUS(ccap_csv_write_population(path, regions, pop, &diag), CCAP_OK);
    restore_file_size();
    CU_ASSERT_EQUAL(file_size(path), full);
    CU_ASSERT_EQUAL(count_tmp(), 0);
    unlink(path);
}

/* A fresh target that fails does not appear at all. */
static void
test_atomic__fresh_target_not_created(void)
{
    const ccap_population *pops[2] = {pop, pop};
    char path[600];
    ccap_diag diag;

    in_dir(path, sizeof path, "fresh.csv");
    CU_ASSERT_EQUAL_FATAL(limit_file_size(512), 0);
    CCAP_ASSERT_STATUS(ccap_csv_write_population(path, regions, pop, &diag), CCAP_EIO);
    check_diag(&diag, path, EFBIG);
    CCAP_ASSERT_STATUS(ccap_csv_write_populations(path, regions, pops, 2, &diag), CCAP_EIO);
    check_diag(&diag, path, EFBIG);
    /* the region table is about 150 bytes: this failure comes at the final flush */
    CU_ASSERT_EQUAL_FATAL(limit_file_size(40), 0);
    CCAP_ASSERT_STATUS(ccap_csv_write_regions(path, regions, &diag), CCAP_EIO);
    restore_file_size();
    check_diag(&diag, path, EFBIG);
    CU_ASSERT_FALSE(exists(path));
    CU_ASSERT_EQUAL(count_tmp(), 0);
}

/* The writer of programs: a small table fails at the commit's flush, a large one while rows
 * are written; either way the commit reports it and leaves the old file. */
static void
test_atomic__writer_commit_fails(void)
{
    static const char *const header[] = {"name", "value"};
    const char *row[2] = {"a,b \"quoted\"", "1.5"};
    char path[600];
    ccap_csv_writer *w;
    ccap_diag diag;
    size_t i;
    int status = CCAP_OK;

    in_dir(path, sizeof path, "table.csv");
    /* small: 3 rows of about 25 bytes each stay in the stream's buffer until the commit */
    put_file(path, old_content);
    CU_ASSERT_EQUAL_FATAL(limit_file_size(20), 0);
    w = ccap_csv_writer_open(path, header, 2, &diag);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    for (i = 0; i < 3; i++)
        CCAP_ASSERT_STATUS(ccap_csv_writer_row(w, row, 2), CCAP_OK);
    CU_ASSERT_EQUAL(count_tmp(), 1); /* the temporary file, beside the target */
    CCAP_ASSERT_STATUS(ccap_csv_writer_commit(w, &diag), CCAP_EIO);
    restore_file_size();
    check_diag(&diag, path, EFBIG);
    CU_ASSERT_TRUE(holds(path, old_content));
    CU_ASSERT_EQUAL(count_tmp(), 0);

    /* large: a row reports the failure; the commit reports it again */
    CU_ASSERT_EQUAL_FATAL(limit_file_size(1000), 0);
    w = ccap_csv_writer_open(path, header, 2, &diag);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    for (i = 0; i < 2000 && status == CCAP_OK; i++)
        status = ccap_csv_writer_row(w, row, 2);
    CCAP_ASSERT_STATUS(status, CCAP_EIO);
    CU_ASSERT(i < 2000);
    CCAP_ASSERT_STATUS(ccap_csv_writer_commit(w, &diag), CCAP_EIO);
    restore_file_size();
    check_diag(&diag, path, EFBIG);
    CU_ASSERT_TRUE(holds(path, old_content));
    CU_ASSERT_EQUAL(count_tmp(), 0);
    unlink(path);
}

/* Abort removes the temporary file, after a write error too, and never touches the target. */
static void
test_atomic__writer_abort_removes_temporary(void)
{
    static const char *const header[] = {"name", "value"};
    const char *row[2] = {"x", "2"};
    char path[600], fresh[600];
    ccap_csv_writer *w;
    ccap_diag diag;
    size_t i;
    int status = CCAP_OK;

    in_dir(path, sizeof path, "kept.csv");
    in_dir(fresh, sizeof fresh, "never.csv");
    put_file(path, old_content);
    w = ccap_csv_writer_open(path, header, 2, &diag);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CCAP_ASSERT_STATUS(ccap_csv_writer_row(w, row, 2), CCAP_OK);
    CU_ASSERT_EQUAL(count_tmp(), 1);
    ccap_csv_writer_abort(w);
    CU_ASSERT_TRUE(holds(path, old_content));
    CU_ASSERT_EQUAL(count_tmp(), 0);

    /* after a failed row */
    CU_ASSERT_EQUAL_FATAL(limit_file_size(100), 0);
    w = ccap_csv_writer_open(fresh, header, 2, &diag);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    for (i = 0; i < 5000 && status == CCAP_OK; i++)
        status = ccap_csv_writer_row(w, row, 2);
    restore_file_size();
    CCAP_ASSERT_STATUS(status, CCAP_EIO);
    CU_ASSERT_EQUAL(count_tmp(), 1);
    ccap_csv_writer_abort(w);
    CU_ASSERT_FALSE(exists(fresh));
    CU_ASSERT_EQUAL(count_tmp(), 0);
    ccap_csv_writer_abort(NULL);
    unlink(path);
}

/* A directory that cannot hold the file: its "parent" is a regular file (ENOTDIR), which
 * stops root as well.  The regular file is untouched and nothing is created. */
static void
test_atomic__not_a_directory(void)
{
    static const char *const header[] = {"a"};
    char blocker[600], path[700];
    ccap_diag diag;

    in_dir(blocker, sizeof blocker, "plain-file");
    put_file(blocker, old_content);
    snprintf(path, sizeof path, "%s/population.csv", blocker);
    CCAP_ASSERT_STATUS(ccap_csv_write_population(path, regions, pop, &diag), CCAP_EIO);
    check_diag(&diag, path, ENOTDIR);
    CCAP_ASSERT_STATUS(ccap_csv_write_regions(path, regions, &diag), CCAP_EIO);
    check_diag(&diag, path, ENOTDIR);
    CU_ASSERT_PTR_NULL(ccap_csv_writer_open(path, header, 1, &diag));
    check_diag(&diag, path, ENOTDIR);
    CU_ASSERT_TRUE(holds(blocker, old_content));
    CU_ASSERT_EQUAL(count_tmp(), 0);
    unlink(blocker);
}

/* A target that exists but is not a regular file (a directory, a device such as /dev/null)
 * is refused before any work: renaming over it would destroy it or fail at the end. */
static void
test_atomic__target_not_a_file(void)
{
    char target[600], inside[700];
    ccap_diag diag;

    in_dir(target, sizeof target, "occupied");
    CU_ASSERT_EQUAL_FATAL(mkdir(target, 0777), 0);
    snprintf(inside, sizeof inside, "%s/keep.txt", target);
    put_file(inside, old_content);
    CCAP_ASSERT_STATUS(ccap_csv_write_population(target, regions, pop, &diag), CCAP_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "not a regular file"));
    CU_ASSERT_TRUE(holds(inside, old_content));
    CU_ASSERT_EQUAL(count_tmp(), 0);
    unlink(inside);
    rmdir(target);
    CCAP_ASSERT_STATUS(ccap_csv_write_regions("/dev/null", regions, &diag), CCAP_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "not a regular file"));
}

/* The rename is the last step that can fail: the target became a non-empty directory while
 * the table was written.  The directory and its file are untouched, the temporary file is
 * removed. */
static void
test_atomic__rename_fails(void)
{
    static const char *const header[] = {"a"};
    const char *row[1] = {"1"};
    char target[600], inside[700];
    ccap_csv_writer *w;
    ccap_diag diag;

    in_dir(target, sizeof target, "occupied");
    w = ccap_csv_writer_open(target, header, 1, &diag);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CCAP_ASSERT_STATUS(ccap_csv_writer_row(w, row, 1), CCAP_OK);
    CU_ASSERT_EQUAL_FATAL(mkdir(target, 0777), 0);
    snprintf(inside, sizeof inside, "%s/keep.txt", target);
    put_file(inside, old_content);
    CCAP_ASSERT_STATUS(ccap_csv_writer_commit(w, &diag), CCAP_EIO);
    check_diag(&diag, target, EISDIR);
    CU_ASSERT_TRUE(holds(inside, old_content));
    CU_ASSERT_EQUAL(count_tmp(), 0);
    unlink(inside);
    rmdir(target);
}

static CU_TestInfo atomic_tests[] = {
    {"population_replace_fails", test_atomic__population_replace_fails},
    {"fresh_target_not_created", test_atomic__fresh_target_not_created},
    {"writer_commit_fails", test_atomic__writer_commit_fails},
    {"writer_abort_removes_temporary", test_atomic__writer_abort_removes_temporary},
    {"not_a_directory", test_atomic__not_a_directory},
    {"target_not_a_file", test_atomic__target_not_a_file},
    {"rename_fails", test_atomic__rename_fails},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "atomic", .pInitFunc = setup, .pCleanupFunc = teardown, .pTests = atomic_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
