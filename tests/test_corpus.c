/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * corpus: every file in tests/data/bad must be rejected with exactly the
 * status, line, column and field that tests/data/bad/manifest.txt names, and
 * must hand back no object.
 */

#include <stdio.h>
#include <string.h>

#include "ccap_test.h"

static ccap_regions *regions;

static int
setup(void)
{
    char path[512];

    return ccap_csv_read_regions(ccap_test_data(path, sizeof path, "regions.csv"), &regions, NULL,
                                 NULL) != CCAP_OK;
}

static int
teardown(void)
{
    ccap_regions_free(regions);
    regions = NULL;
    return 0;
}

static int
status_from_name(const char *name)
{
    static const struct {
        const char *name;
        int status;
    } names[] = {{"EPARSE", CCAP_EPARSE}, {"EDOM", CCAP_EDOM}, {"EIO", CCAP_EIO},
                 {"ERANGE", CCAP_ERANGE}, {"EINVAL", CCAP_EINVAL}};
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(names[i].name, name) == 0)
            return names[i].status;
    }
    return 1; /* never a ccap status: the comparison fails */
}

/* Read one corpus file; return the status and fill diag; check that no object comes back. */
static int
read_as(const char *kind, const char *path, ccap_diag *diag, int *leaked)
{
    int status;

    *leaked = 0;
    if (strcmp(kind, "regions") == 0) {
        ccap_regions *r = (ccap_regions *)diag; /* poisoned: must come back NULL */
        status = ccap_csv_read_regions(path, &r, NULL, diag);
        *leaked = r != NULL;
        ccap_regions_free(status == CCAP_OK ? r : NULL);
    } else if (strcmp(kind, "population") == 0) {
        ccap_population *p = (ccap_population *)diag;
        status = ccap_csv_read_population(path, regions, CCAP_YEAR_ANY, &p, NULL, diag);
        *leaked = p != NULL;
        ccap_population_free(status == CCAP_OK ? p : NULL);
    } else if (strcmp(kind, "margins") == 0) {
        ccap_margins *m = (ccap_margins *)diag;
        status = ccap_csv_read_margins(path, regions, &m, NULL, diag);
        *leaked = m != NULL;
        ccap_margins_free(status == CCAP_OK ? m : NULL);
    } else if (strcmp(kind, "slots") == 0) {
        ccap_childcare_inventory *inv = (ccap_childcare_inventory *)diag;
        status = ccap_csv_read_slots(path, regions, &inv, NULL, diag);
        *leaked = inv != NULL;
        ccap_childcare_inventory_free(status == CCAP_OK ? inv : NULL);
    } else if (strcmp(kind, "targets") == 0) {
        ccap_schedule *t = (ccap_schedule *)diag;
        status = ccap_csv_read_targets(path, regions, &t, NULL, diag);
        *leaked = t != NULL;
        ccap_schedule_free(status == CCAP_OK ? t : NULL);
    } else if (strcmp(kind, "target_set") == 0) {
        ccap_targets *t = (ccap_targets *)diag;
        status = ccap_csv_read_target_set(path, regions, &t, NULL, diag);
        *leaked = t != NULL;
        ccap_targets_free(status == CCAP_OK ? t : NULL);
    } else if (strcmp(kind, "kindergarten") == 0) {
        ccap_kindergarten *kg = (ccap_kindergarten *)diag;
        status = ccap_csv_read_kindergarten(path, regions, &kg, NULL, diag);
        *leaked = kg != NULL;
        ccap_kindergarten_free(status == CCAP_OK ? kg : NULL);
    } else if (strcmp(kind, "standard") == 0) {
        ccap_workforce_standard std;
        status = ccap_csv_read_workforce_standard(path, &std, NULL, diag);
    } else if (strcmp(kind, "takeup") == 0) {
        ccap_childcare_takeup *tu = (ccap_childcare_takeup *)diag;
        status = ccap_csv_read_takeup(path, regions, &tu, NULL, diag);
        *leaked = tu != NULL;
        ccap_childcare_takeup_free(status == CCAP_OK ? tu : NULL);
    } else if (strcmp(kind, "caps") == 0) {
        double caps[16]; /* the caps must come back all NAN */
        size_t i, n = ccap_regions_count(regions);

        if (n > sizeof caps / sizeof caps[0])
            return 1;
        status = ccap_csv_read_caps(path, regions, caps, n, NULL, diag);
        for (i = 0; i < n; i++)
            *leaked |= !isnan(caps[i]);
    } else if (strcmp(kind, "costs") == 0) {
        ccap_gap_costs *c = (ccap_gap_costs *)diag;
        status = ccap_csv_read_costs(path, &c, NULL, diag);
        *leaked = c != NULL;
        ccap_gap_costs_free(status == CCAP_OK ? c : NULL);
    } else if (strcmp(kind, "vitals") == 0) {
        ccap_vitals *v = (ccap_vitals *)diag;
        status = ccap_csv_read_vitals(path, regions, &v, NULL, diag);
        *leaked = v != NULL;
        ccap_vitals_free(status == CCAP_OK ? v : NULL);
    } else if (strcmp(kind, "acc_providers") == 0) {
        ccap_access_providers *p = (ccap_access_providers *)diag;
        status = ccap_csv_read_access_providers(path, regions, &p, NULL, diag);
        *leaked = p != NULL;
        ccap_access_providers_free(status == CCAP_OK ? p : NULL);
    } else if (strcmp(kind, "acc_areas") == 0) {
        ccap_access_areas *a = (ccap_access_areas *)diag;
        status = ccap_csv_read_access_areas(path, regions, &a, NULL, diag);
        *leaked = a != NULL;
        ccap_access_areas_free(status == CCAP_OK ? a : NULL);
    } else if (strcmp(kind, "acc_times") == 0) {
        ccap_access_providers *p = NULL;
        ccap_access_areas *a = NULL;
        ccap_access_times *t = (ccap_access_times *)diag;
        char dir[512];

        if (ccap_csv_read_access_providers(ccap_test_data(dir, sizeof dir, "access/providers.csv"),
                                           NULL, &p, NULL, NULL) != CCAP_OK ||
            ccap_csv_read_access_areas(ccap_test_data(dir, sizeof dir, "access/areas.csv"), NULL,
                                       &a, NULL, NULL) != CCAP_OK)
            status = 1; /* never a ccap status: the comparison fails */
        else
            status = ccap_csv_read_access_times(path, a, p, &t, NULL, diag);
        *leaked = status != 1 && t != NULL;
        ccap_access_times_free(status == CCAP_OK ? t : NULL);
        ccap_access_areas_free(a);
        ccap_access_providers_free(p);
    } else if (strcmp(kind, "scenario") == 0) {
        ccap_scenario *sc = (ccap_scenario *)diag;
        status = ccap_scenario_read(path, &sc, NULL, diag);
        *leaked = sc != NULL;
        ccap_scenario_free(status == CCAP_OK ? sc : NULL);
    } else {
        static const struct {
            const char *kind;
            int (*read)(const char *, const ccap_regions *, ccap_schedule **,
                        const ccap_read_options *, ccap_diag *);
        } rates[] = {{"mortality", ccap_csv_read_mortality},
                     {"fertility", ccap_csv_read_fertility},
                     {"srb", ccap_csv_read_srb},
                     {"migration", ccap_csv_read_migration},
                     {"migration_rates", ccap_csv_read_migration_rates},
                     {"builds", ccap_csv_read_builds}};
        ccap_schedule *s = (ccap_schedule *)diag;
        size_t i;

        for (i = 0; i < sizeof rates / sizeof rates[0]; i++) {
            if (strcmp(kind, rates[i].kind) == 0)
                break;
        }
        if (i == sizeof rates / sizeof rates[0])
            return 1; /* unknown kind in the manifest: fails the comparison */
        status = rates[i].read(path, regions, &s, NULL, diag);
        *leaked = s != NULL;
        ccap_schedule_free(status == CCAP_OK ? s : NULL);
    }
    return status;
}

static void
test_corpus__every_file(void)
{
    char manifest[512], line[512], path[600];
    char file[128], kind[32], status_name[32], field[64];
    unsigned long expect_line, expect_column;
    size_t n_cases = 0, n_ok = 0;
    FILE *fp;

    fp = fopen(ccap_test_data(manifest, sizeof manifest, "bad/manifest.txt"), "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    while (fgets(line, sizeof line, fp) != NULL) {
        ccap_diag diag;
        char message[800];
        int status, leaked, ok;

        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (sscanf(line, "%127s %31s %31s %lu %lu %63s", file, kind, status_name, &expect_line,
                   &expect_column, field) != 6) {
            CU_FAIL("malformed manifest line");
            continue;
        }
        n_cases++;
        snprintf(path, sizeof path, "%s", ccap_test_data(manifest, sizeof manifest, "bad/"));
        strncat(path, file, sizeof path - strlen(path) - 1);
        status = read_as(kind, path, &diag, &leaked);
        if (strcmp(field, "-") == 0)
            field[0] = '\0';
        ok = status == status_from_name(status_name) && diag.status == status &&
             diag.line == expect_line && diag.column == expect_column &&
             strcmp(diag.field, field) == 0 && strcmp(diag.file, path) == 0 && !leaked &&
             diag.message[0] != '\0';
        ccap_diag_format(&diag, message, sizeof message);
        if (!ok) {
            fprintf(stderr, "\n%s: got %s line %lu column %lu field '%s'%s: %s\n", file,
                    ccap_strerror(status), diag.line, diag.column, diag.field,
                    leaked ? " (object returned)" : "", message);
        }
        CU_ASSERT_TRUE(ok);
        n_ok += (size_t)ok;
    }
    fclose(fp);
    CU_ASSERT(n_cases >= 50); /* the corpus did not shrink by accident */
    CU_ASSERT_EQUAL(n_ok, n_cases);
}

static CU_TestInfo corpus_tests[] = {
    {"every_file", test_corpus__every_file},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "corpus", .pInitFunc = setup, .pCleanupFunc = teardown, .pTests = corpus_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
