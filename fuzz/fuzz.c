/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer harness for one ccap reader, chosen at build time by CCAP_FUZZ_TARGET.
 *
 * Each input is written to a scratch file and read with the public reader, exactly as a
 * program reads a user's file.  Beyond the sanitizers' checks the harness asserts the
 * reader's contract: success returns an object and a clean diagnostic; failure returns no
 * object, a status the library defines, and a message.  Any GSL error reaching the
 * handler is a finding (the library validates before it calls GSL).
 *
 * Inputs of even length are read with a ccap_diag, inputs of odd length with none (NULL), so
 * that both paths of every reader are fuzzed.
 *
 * Population, rate, slot and other region-keyed files are read against one region set
 * holding both the bundled Nanyang regions and the test suite's small city, so that seeds
 * from either pass the region lookup.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include <ccap/ccap.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ccap_regions *regions;
static char scratch[256];
/* The areas and providers that time matrices refer to (tests/data/access). */
static ccap_access_areas *access_areas;
static ccap_access_providers *access_providers;

static void
fail(const char *what)
{
    fprintf(stderr, "ccap fuzz (%s): %s\n", CCAP_FUZZ_TARGET, what);
    abort(); /* a finding: libFuzzer saves the input */
}

static void
gsl_handler(const char *reason, const char *file, int line, int gsl_errno)
{
    fprintf(stderr, "GSL error %d at %s:%d: %s\n", gsl_errno, file, line, reason);
    fail("a GSL error reached the handler");
}

static void
write_scratch(const void *data, size_t size)
{
    FILE *f = fopen(scratch, "wb");

    if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        fail("cannot write the scratch file");
}

/* The reader's contract, whatever the input: a defined status, and a diagnostic on failure. */
static void
check_status(int rc, const ccap_diag *diag)
{
    if (rc == CCAP_OK)
        return;
    if (strcmp(ccap_strerror(rc), ccap_strerror(-9999)) == 0)
        fail("a status the library does not define");
    if (diag != NULL && (diag->status != rc || diag->message[0] == '\0'))
        fail("failure without a diagnostic");
}

/* ... and for readers that allocate: an object exactly on success. */
static void
check(int rc, const void *object, const ccap_diag *diag)
{
    if (rc == CCAP_OK && object == NULL)
        fail("success without an object");
    if (rc != CCAP_OK && object != NULL)
        fail("failure with an object");
    check_status(rc, diag);
}

static int
run(ccap_diag *dp)
{
    int rc = CCAP_OK;

#define READ_SCHEDULE(fn)                                                                          \
    do {                                                                                           \
        ccap_schedule *s = NULL;                                                                   \
        rc = fn(scratch, regions, &s, NULL, dp);                                                   \
        check(rc, s, dp);                                                                          \
        ccap_schedule_free(s);                                                                     \
    } while (0)

    const char *t = CCAP_FUZZ_TARGET;
    if (strcmp(t, "regions") == 0) {
        ccap_regions *r = NULL;
        const ccap_read_options gb = {CCAP_ENCODING_GB18030};
        rc = ccap_csv_read_regions(scratch, &r, NULL, dp);
        check(rc, r, dp);
        ccap_regions_free(r);
        r = NULL; /* and with the GB18030 conversion forced */
        rc = ccap_csv_read_regions(scratch, &r, &gb, dp);
        check(rc, r, dp);
        ccap_regions_free(r);
    } else if (strcmp(t, "population") == 0) {
        ccap_population *p = NULL;
        int years[8];
        size_t n = 0;
        rc = ccap_csv_read_population(scratch, regions, 0, &p, NULL, dp);
        check(rc, p, dp);
        ccap_population_free(p);
        rc = ccap_csv_population_years(scratch, years, 8, &n, NULL, dp);
        check_status(rc, dp);
        if (rc == CCAP_OK && n > 8)
            fail("more years than asked for");
    } else if (strcmp(t, "margins") == 0) {
        ccap_margins *m = NULL;
        rc = ccap_csv_read_margins(scratch, regions, &m, NULL, dp);
        check(rc, m, dp);
        ccap_margins_free(m);
    } else if (strcmp(t, "mortality") == 0) {
        READ_SCHEDULE(ccap_csv_read_mortality);
    } else if (strcmp(t, "fertility") == 0) {
        READ_SCHEDULE(ccap_csv_read_fertility);
    } else if (strcmp(t, "srb") == 0) {
        READ_SCHEDULE(ccap_csv_read_srb);
    } else if (strcmp(t, "migration") == 0) {
        READ_SCHEDULE(ccap_csv_read_migration);
        READ_SCHEDULE(ccap_csv_read_migration_rates);
    } else if (strcmp(t, "builds") == 0) {
        READ_SCHEDULE(ccap_csv_read_builds);
    } else if (strcmp(t, "targets") == 0) {
        READ_SCHEDULE(ccap_csv_read_targets);
    } else if (strcmp(t, "slots") == 0) {
        ccap_childcare_inventory *inv = NULL;
        rc = ccap_csv_read_slots(scratch, regions, &inv, NULL, dp);
        check(rc, inv, dp);
        ccap_childcare_inventory_free(inv);
    } else if (strcmp(t, "takeup") == 0) {
        ccap_childcare_takeup *tu = NULL;
        rc = ccap_csv_read_takeup(scratch, regions, &tu, NULL, dp);
        check(rc, tu, dp);
        ccap_childcare_takeup_free(tu);
    } else if (strcmp(t, "caps") == 0) {
        size_t n = ccap_regions_count(regions);
        double *caps = malloc(n * sizeof *caps);
        if (caps == NULL)
            fail("out of memory");
        rc = ccap_csv_read_caps(scratch, regions, caps, n, NULL, dp);
        check_status(rc, dp);
        free(caps);
    } else if (strcmp(t, "costs") == 0) {
        ccap_gap_costs *c = NULL;
        rc = ccap_csv_read_costs(scratch, &c, NULL, dp);
        check(rc, c, dp);
        ccap_gap_costs_free(c);
    } else if (strcmp(t, "scenario") == 0) {
        ccap_scenario *sc = NULL;
        rc = ccap_scenario_read(scratch, &sc, NULL, dp);
        check(rc, sc, dp);
        ccap_scenario_free(sc);
    } else if (strcmp(t, "vitals") == 0) {
        ccap_vitals *v = NULL;
        rc = ccap_csv_read_vitals(scratch, regions, &v, NULL, dp);
        check(rc, v, dp);
        ccap_vitals_free(v);
    } else if (strcmp(t, "acc_providers") == 0) {
        ccap_access_providers *p = NULL;
        rc = ccap_csv_read_access_providers(scratch, regions, &p, NULL, dp);
        check(rc, p, dp);
        ccap_access_providers_free(p);
    } else if (strcmp(t, "acc_areas") == 0) {
        ccap_access_areas *a = NULL;
        rc = ccap_csv_read_access_areas(scratch, NULL, &a, NULL, dp);
        check(rc, a, dp);
        ccap_access_areas_free(a);
    } else if (strcmp(t, "acc_times") == 0) {
        ccap_access_times *tm = NULL;
        rc = ccap_csv_read_access_times(scratch, access_areas, access_providers, &tm, NULL, dp);
        check(rc, tm, dp);
        if (rc == CCAP_OK) { /* and the access they give: a result, or a defined failure */
            ccap_access_result *r = NULL;
            const int run = ccap_access_run(access_areas, access_providers, tm, NULL, &r, dp);
            check(run, r, dp);
            ccap_access_result_free(r);
        }
        ccap_access_times_free(tm);
    } else {
        fail("unknown CCAP_FUZZ_TARGET");
    }
#undef READ_SCHEDULE
    return rc;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const char city[] = "C01,测试市,Test City,\nA11,甲县,County A,C01\n"
                               "B12,乙区,District B,C01\nB121,乙一街道,B North,B12\n"
                               "B122,乙二街道,B South,B12\nCN,中国,China,\nX,已知市,Known City,\n";
    const char *dir = getenv("TMPDIR");
    char *text = NULL;
    size_t size = 0;
    FILE *in, *mem;
    ccap_diag d;
    int c;

    (void)argc;
    (void)argv;
    gsl_set_error_handler(gsl_handler);
    if (access("/dev/shm", W_OK) == 0)
        dir = "/dev/shm"; /* memory-backed: no disk traffic per input */
    snprintf(scratch, sizeof scratch, "%s/ccap-fuzz-%s-%ld.%s", dir ? dir : "/tmp",
             CCAP_FUZZ_TARGET, (long)getpid(),
             strcmp(CCAP_FUZZ_TARGET, "scenario") == 0 ? "ini" : "csv");

    /* The bundled Nanyang regions followed by the test city (a second root). */
    in = fopen(CCAP_FUZZ_REGIONS, "rb");
    mem = open_memstream(&text, &size);
    if (in == NULL || mem == NULL)
        fail("cannot read " CCAP_FUZZ_REGIONS);
    while ((c = getc(in)) != EOF)
        putc(c, mem);
    fclose(in);
    fputs(city, mem);
    fclose(mem);
    write_scratch(text, size);
    free(text);
    if (ccap_csv_read_regions(scratch, &regions, NULL, &d) != CCAP_OK) {
        fprintf(stderr, "%s:%lu: %s\n", d.file, d.line, d.message);
        fail("cannot build the region set");
    }
    if (ccap_csv_read_access_areas(CCAP_FUZZ_ACCESS "/areas.csv", NULL, &access_areas, NULL, &d) !=
            CCAP_OK ||
        ccap_csv_read_access_providers(CCAP_FUZZ_ACCESS "/providers.csv", NULL, &access_providers,
                                       NULL, &d) != CCAP_OK) {
        fprintf(stderr, "%s:%lu: %s\n", d.file, d.line, d.message);
        fail("cannot read the areas and providers of " CCAP_FUZZ_ACCESS);
    }
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ccap_diag d;

    write_scratch(data, size);
    run(size % 2 == 0 ? &d : NULL); /* every reader also with no diag: half of the inputs */
    unlink(scratch);
    return 0;
}
