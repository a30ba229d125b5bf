/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scenario: INI scenario files read and written.  Expected values are the texts of the
 * hand-written files in tests/data/scen_*.ini; errors are provoked in tests/data/bad
 * (checked by the corpus suite) and here for the arguments and the writer.
 */

#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ccap_test.h"

/* Exact equality: the same decimal text reads as the same double, and a round trip
 * through the shortest round-trip text must give the value back unchanged. */
static int
same(double a, double b)
{
    return fabs(a - b) <= 0.0;
}

/* dir + name, the way the reader joins a relative path to the file's directory. */
/* A number setting, by the getter; NaN for a key that is not one. */
static double
number(const ccap_scenario *sc, const char *key)
{
    double x = NAN;

    CCAP_ASSERT_STATUS(ccap_scenario_get_number(sc, key, &x), CCAP_OK);
    return x;
}

/* A whole-number setting. */
static long long
whole(const ccap_scenario *sc, const char *key)
{
    return (long long)number(sc, key);
}

static size_t
n_quantiles(const ccap_scenario *sc)
{
    size_t n = 0;

    ccap_scenario_quantiles(sc, &n);
    return n;
}

static const double *
quantiles(const ccap_scenario *sc)
{
    return ccap_scenario_quantiles(sc, NULL);
}

static const char *
joined(char *buf, size_t size, const char *dir, const char *name)
{
    snprintf(buf, size, "%s%s", dir, name);
    return buf;
}

/* The directory part (through the last '/') of path. */
static void
dir_of(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash != NULL ? (size_t)(slash - path) + 1 : 0;

    if (n >= size)
        n = size - 1;
    memcpy(dir, path, n);
    dir[n] = '\0';
}

static ccap_scenario *
read_data(const char *name)
{
    char path[512];
    ccap_scenario *sc = NULL;
    ccap_diag diag;
    char msg[800];

    if (ccap_scenario_read(ccap_test_data(path, sizeof path, name), &sc, NULL, &diag) != CCAP_OK) {
        ccap_diag_format(&diag, msg, sizeof msg);
        fprintf(stderr, "\n%s\n", msg);
    }
    return sc;
}

static void
test_scenario__every_key(void)
{
    static const char *const files[CCAP_SCENARIO_N_INPUTS] = {"regions.csv",
                                                              "population.csv",
                                                              "mortality.csv",
                                                              "fertility.csv",
                                                              "srb.csv",
                                                              "mig_rates.csv",
                                                              "migration.csv",
                                                              "cc_slots.csv",
                                                              "cc_targets.csv",
                                                              "cc_takeup.csv",
                                                              "gap_costs.csv",
                                                              "kindergarten.csv",
                                                              "standards/births_monthly.csv"};
    /* as written in scen_full.ini */
    const double q[] = {0.025, 0.25, 0.5, 0.75, 0.975};
    char path[512], dir[512], want[1100];
    ccap_scenario *sc = read_data("scen_full.ini");
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    dir_of(ccap_test_data(path, sizeof path, "scen_full.ini"), dir, sizeof dir);
    for (i = 0; i < CCAP_SCENARIO_N_INPUTS; i++) {
        CU_ASSERT_PTR_NOT_NULL_FATAL(ccap_scenario_input_path(sc, (ccap_scenario_input)i));
        CU_ASSERT_STRING_EQUAL(ccap_scenario_input_path(sc, (ccap_scenario_input)i), joined(want, sizeof want, dir, files[i]));
    }
    CU_ASSERT(ccap_scenario_given(sc, "years") && whole(sc, "years") == 20);
    CU_ASSERT(ccap_scenario_given(sc, "step") && whole(sc, "step") == 5);
    CU_ASSERT(ccap_scenario_given(sc, "timing") && ccap_scenario_timing(sc) == CCAP_MIGRATION_END);
    CU_ASSERT(ccap_scenario_given(sc, "a0") && ccap_scenario_a0(sc) == CCAP_A0_COALE_DEMENY);
    CU_ASSERT(ccap_scenario_given(sc, "occupancy") && same(number(sc, "occupancy"), 0.75));
    CU_ASSERT(ccap_scenario_given(sc, "attrition") && same(number(sc, "attrition"), 0.02));
    CU_ASSERT(ccap_scenario_given(sc, "trajectories") && whole(sc, "trajectories") == 250);
    CU_ASSERT(ccap_scenario_given(sc, "seed") && whole(sc, "seed") == 4294967295UL);
    CU_ASSERT(ccap_scenario_given(sc, "threads") && whole(sc, "threads") == 3);
    CU_ASSERT_FATAL(ccap_scenario_given(sc, "quantiles") && n_quantiles(sc) == 5);
    for (i = 0; i < 5; i++)
        CU_ASSERT(same(quantiles(sc)[i], q[i])); /* the same decimal text: the same double */
    CU_ASSERT(ccap_scenario_given(sc, "tfr_phi") && same(number(sc, "tfr_phi"), 0.9));
    CU_ASSERT(ccap_scenario_given(sc, "tfr_sigma") && same(number(sc, "tfr_sigma"), 0.05));
    CU_ASSERT(ccap_scenario_given(sc, "mortality_sd") && same(number(sc, "mortality_sd"), 0.1));
    CU_ASSERT(ccap_scenario_given(sc, "migration_sd") && same(number(sc, "migration_sd"), 0.25));
    ccap_scenario_free(sc);
}

/* Nothing given: the defaults that ccap_scenario.h documents. */
static void
check_defaults(const ccap_scenario *sc, int except_years)
{
    size_t i;

    if (!except_years)
        CU_ASSERT(!ccap_scenario_given(sc, "years") && whole(sc, "years") == 0);
    CU_ASSERT(!ccap_scenario_given(sc, "step") && whole(sc, "step") == 0);
    CU_ASSERT(!ccap_scenario_given(sc, "timing") && ccap_scenario_timing(sc) == CCAP_MIGRATION_HALF);
    CU_ASSERT(!ccap_scenario_given(sc, "a0") && ccap_scenario_a0(sc) == CCAP_A0_ANDREEV_KINGKADE);
    CU_ASSERT(!ccap_scenario_given(sc, "occupancy") && same(number(sc, "occupancy"), 0.8));
    CU_ASSERT(!ccap_scenario_given(sc, "attrition") && same(number(sc, "attrition"), 0.0));
    CU_ASSERT(!ccap_scenario_given(sc, "trajectories") && whole(sc, "trajectories") == 1000);
    CU_ASSERT(!ccap_scenario_given(sc, "seed") && whole(sc, "seed") == CCAP_UNCERTAINTY_SEED_DEFAULT);
    CU_ASSERT(!ccap_scenario_given(sc, "threads") && whole(sc, "threads") == 0);
    CU_ASSERT(!ccap_scenario_given(sc, "tfr_phi") && isnan(number(sc, "tfr_phi")));
    CU_ASSERT(!ccap_scenario_given(sc, "tfr_sigma") && isnan(number(sc, "tfr_sigma")));
    CU_ASSERT(!ccap_scenario_given(sc, "mortality_sd") && isnan(number(sc, "mortality_sd")));
    CU_ASSERT(!ccap_scenario_given(sc, "migration_sd") && isnan(number(sc, "migration_sd")));
    for (i = 0; i < CCAP_SCENARIO_N_INPUTS; i++) {
        if (i != CCAP_SCENARIO_REGIONS && i != CCAP_SCENARIO_POPULATION)
            CU_ASSERT_PTR_NULL(ccap_scenario_input_path(sc, (ccap_scenario_input)i));
    }
}

static void
test_scenario__defaults(void)
{
    ccap_scenario *sc = ccap_scenario_alloc();
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    check_defaults(sc, 0);
    CU_ASSERT(!ccap_scenario_given(sc, "quantiles") && n_quantiles(sc) == 3);
    CU_ASSERT(same(quantiles(sc)[0], 0.1) && same(quantiles(sc)[1], 0.5) && same(quantiles(sc)[2], 0.9));
    CU_ASSERT_PTR_NULL(ccap_scenario_input_path(sc, CCAP_SCENARIO_REGIONS));
    ccap_scenario_free(sc);

    sc = read_data("scen_empty_sections.ini");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    check_defaults(sc, 0);
    for (i = 0; i < CCAP_SCENARIO_N_INPUTS; i++)
        CU_ASSERT_PTR_NULL(ccap_scenario_input_path(sc, (ccap_scenario_input)i));
    CU_ASSERT(!ccap_scenario_given(sc, "quantiles") && n_quantiles(sc) == 3);
    ccap_scenario_free(sc);
}

/* Comments (';' and '#', whole-line, indented and inline), blank lines, a byte order mark,
 * an empty value, an absolute and a relative path. */
static void
test_scenario__comments_and_paths(void)
{
    char path[512], dir[512], want[1100];
    ccap_scenario *sc = read_data("scen_comments.ini");

    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    dir_of(ccap_test_data(path, sizeof path, "scen_comments.ini"), dir, sizeof dir);
    CU_ASSERT(ccap_scenario_given(sc, "years") && whole(sc, "years") == 10);
    CU_ASSERT_STRING_EQUAL(ccap_scenario_input_path(sc, CCAP_SCENARIO_REGIONS), "/abs/regions.csv");
    CU_ASSERT_STRING_EQUAL(ccap_scenario_input_path(sc, CCAP_SCENARIO_POPULATION),
                           joined(want, sizeof want, dir, "sub/pop.csv"));
    CU_ASSERT_PTR_NULL(ccap_scenario_input_path(sc, CCAP_SCENARIO_MIGRATION));
    CU_ASSERT(ccap_scenario_given(sc, "quantiles") && n_quantiles(sc) == 1 && same(quantiles(sc)[0], 0.5));
    check_defaults(sc, 1);
    ccap_scenario_free(sc);
}

/* A scenario file named without a directory: its relative paths stay as written (they
 * are relative to the working directory, which is the file's). */
static void
test_scenario__no_directory(void)
{
    char tmp[512], dir[512], cwd[1024];
    ccap_scenario *sc = NULL;
    FILE *fp;

    fp = fopen(ccap_test_tmp(tmp, sizeof tmp, "scen_nodir.ini"), "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fputs("[inputs]\nregions = r.csv\n", fp);
    fclose(fp);
    dir_of(tmp, dir, sizeof dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(getcwd(cwd, sizeof cwd));
    CU_ASSERT_FATAL(dir[0] == '\0' || chdir(dir) == 0);
    CCAP_ASSERT_STATUS(ccap_scenario_read("scen_nodir.ini", &sc, NULL, NULL), CCAP_OK);
    CU_ASSERT_FATAL(chdir(cwd) == 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    CU_ASSERT_STRING_EQUAL(ccap_scenario_input_path(sc, CCAP_SCENARIO_REGIONS), "r.csv");
    ccap_scenario_free(sc);
    remove(tmp);
}

/* The bundled Nanyang scenario: its settings, and every input it names can be opened. */
static void
test_scenario__nanyang(void)
{
    char path[512];
    ccap_scenario *sc = NULL;
    ccap_diag diag;
    size_t i;

    ccap_test_data(path, sizeof path, "../../examples/data/nanyang/nanyang.ini");
    CCAP_ASSERT_STATUS(ccap_scenario_read(path, &sc, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    for (i = 0; i < CCAP_SCENARIO_N_INPUTS; i++) {
        FILE *fp;

        if (i == CCAP_SCENARIO_MIGRATION || i == CCAP_SCENARIO_KINDERGARTEN ||
            i == CCAP_SCENARIO_MONTHLY_BIRTHS) {
            /* given empty; not given (no kindergarten places nor monthly births bundled) */
            CU_ASSERT_PTR_NULL(ccap_scenario_input_path(sc, (ccap_scenario_input)i));
            continue;
        }
        CU_ASSERT_PTR_NOT_NULL_FATAL(ccap_scenario_input_path(sc, (ccap_scenario_input)i));
        fp = fopen(ccap_scenario_input_path(sc, (ccap_scenario_input)i), "rb");
        CU_ASSERT_PTR_NOT_NULL(fp);
        if (fp != NULL)
            fclose(fp);
    }
    CU_ASSERT(whole(sc, "years") == 15 && whole(sc, "step") == 1 && ccap_scenario_timing(sc) == CCAP_MIGRATION_HALF &&
              ccap_scenario_a0(sc) == CCAP_A0_ANDREEV_KINGKADE);
    CU_ASSERT(same(number(sc, "occupancy"), 0.8) && same(number(sc, "attrition"), 0.0) && ccap_scenario_given(sc, "attrition"));
    CU_ASSERT(whole(sc, "trajectories") == 1000 && whole(sc, "seed") == 20201101UL && whole(sc, "threads") == 0 &&
              ccap_scenario_given(sc, "threads"));
    CU_ASSERT(n_quantiles(sc) == 3 && ccap_scenario_given(sc, "quantiles"));
    CU_ASSERT(!ccap_scenario_given(sc, "tfr_phi") && !ccap_scenario_given(sc, "tfr_sigma") && !ccap_scenario_given(sc, "mortality_sd") &&
              !ccap_scenario_given(sc, "migration_sd"));
    /* the last year with published figures: bands start in 2025 */
    CU_ASSERT(ccap_scenario_given(sc, "observed") && whole(sc, "observed") == 2024);
    CU_ASSERT_EQUAL(ccap_scenario_jump_off_year(sc, NULL, NULL), 2024);
    ccap_scenario_free(sc);
}

/* The jump-off: `observed` when given; else the last year of the slots; else the base
 * year; the keys read with their ranges and written back; errors name the line. */
static void
test_scenario__observed(void)
{
    ccap_scenario *sc = ccap_scenario_alloc(), *back = NULL;
    ccap_childcare_inventory *inv = ccap_childcare_inventory_alloc(1);
    ccap_population *base = ccap_population_alloc(1, 3, 1);
    char path[512], msg[800];
    ccap_diag diag;
    FILE *fp;

    CU_ASSERT_FATAL(sc != NULL && inv != NULL && base != NULL);
    ccap_population_set_year(base, 2020);
    CU_ASSERT_EQUAL(ccap_scenario_jump_off_year(sc, base, NULL), 2020);
    CCAP_ASSERT_STATUS(ccap_childcare_inventory_add(inv, 0, 2023, CCAP_PROVIDER_INSTITUTION,
                                                    CCAP_INCLUSIVE_YES, 10.0, NULL, NULL),
                       CCAP_OK);
    CU_ASSERT_EQUAL(ccap_scenario_jump_off_year(sc, base, inv), 2023);
    CU_ASSERT_EQUAL(ccap_scenario_jump_off_year(NULL, NULL, NULL), 0);
    CCAP_ASSERT_STATUS(ccap_scenario_set_number(sc, "observed", 2022, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "sensitivity_year", "2030", &diag), CCAP_OK);
    CU_ASSERT_EQUAL(ccap_scenario_jump_off_year(sc, base, inv), 2022);
    ccap_test_tmp(path, sizeof path, "scenario_observed.ini");
    CCAP_ASSERT_STATUS(ccap_scenario_write(path, sc, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_scenario_read(path, &back, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    CU_ASSERT(ccap_scenario_given(back, "observed") && whole(back, "observed") == 2022);
    CU_ASSERT(ccap_scenario_given(back, "sensitivity_year") && whole(back, "sensitivity_year") == 2030);
    ccap_scenario_free(back);
    back = NULL;
    /* a year out of range, on line 3 */
    fp = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fputs("[projection]\nyears = 5\nobserved = 20024\n", fp);
    fclose(fp);
    CCAP_ASSERT_STATUS(ccap_scenario_read(path, &back, NULL, &diag), CCAP_EDOM);
    CU_ASSERT_PTR_NULL(back);
    CU_ASSERT_EQUAL(diag.line, 3);
    CU_ASSERT_STRING_EQUAL(diag.field, "observed");
    ccap_diag_format(&diag, msg, sizeof msg);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "'20024' is not a whole number from 1700 to 2300"));
    /* observed belongs to [projection], sensitivity_year to [simulation] */
    fp = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fputs("[simulation]\nobserved = 2024\n", fp);
    fclose(fp);
    CCAP_ASSERT_STATUS(ccap_scenario_read(path, &back, NULL, &diag), CCAP_EPARSE);
    CU_ASSERT_EQUAL(diag.line, 2);
    remove(path);
    ccap_population_free(base);
    ccap_childcare_inventory_free(inv);
    ccap_scenario_free(sc);
}

/* [sources]: the note of each figure, with its kind; written back as read; a note without
 * a kind, an unknown figure and a figure given twice are refused on their line. */
static void
test_scenario__sources(void)
{
    ccap_scenario *sc = NULL, *back = NULL;
    char path[512], again[512], msg[800];
    ccap_diag diag;
    FILE *fp;

    ccap_test_tmp(path, sizeof path, "scenario_sources.ini");
    fp = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fputs("[childcare]\noccupancy = 0.8\n\n[sources]\n"
          "takeup = published: 2023 survey of 1,200 families\n"
          "slots = 推算：按人口分摊全市托位\n"
          "costs =\n",
          fp);
    fclose(fp);
    CCAP_ASSERT_STATUS(ccap_scenario_read(path, &sc, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    CU_ASSERT_STRING_EQUAL(ccap_scenario_source(sc, "takeup"),
                           "published: 2023 survey of 1,200 families");
    CU_ASSERT_EQUAL(ccap_note_provenance(ccap_scenario_source(sc, "takeup")),
                    CCAP_PROVENANCE_PUBLISHED);
    CU_ASSERT_EQUAL(ccap_note_provenance(ccap_scenario_source(sc, "slots")),
                    CCAP_PROVENANCE_DERIVED);
    CU_ASSERT_PTR_NULL(ccap_scenario_source(sc, "costs"));     /* empty: not given */
    CU_ASSERT_PTR_NULL(ccap_scenario_source(sc, "occupancy")); /* absent: assumed */
    CU_ASSERT_PTR_NULL(ccap_scenario_source(sc, "fertility"));
    CU_ASSERT_PTR_NULL(ccap_scenario_source(NULL, "takeup"));
    ccap_test_tmp(again, sizeof again, "scenario_sources_again.ini");
    CCAP_ASSERT_STATUS(ccap_scenario_write(again, sc, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_scenario_read(again, &back, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    CU_ASSERT_STRING_EQUAL(ccap_scenario_source(back, "takeup"),
                           "published: 2023 survey of 1,200 families");
    CU_ASSERT_STRING_EQUAL(ccap_scenario_source(back, "slots"), "推算：按人口分摊全市托位");
    ccap_scenario_free(back);
    back = NULL;
    fp = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fputs("[sources]\ntakeup = a 2023 survey\n", fp);
    fclose(fp);
    CCAP_ASSERT_STATUS(ccap_scenario_read(path, &back, NULL, &diag), CCAP_EPARSE);
    CU_ASSERT_EQUAL(diag.line, 2);
    CU_ASSERT_STRING_EQUAL(diag.field, "takeup");
    ccap_diag_format(&diag, msg, sizeof msg);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "start the note with published:, derived: or assumed:"));
    fp = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fputs("[sources]\nfertility = published: WPP 2024\n", fp);
    fclose(fp);
    CCAP_ASSERT_STATUS(ccap_scenario_read(path, &back, NULL, &diag), CCAP_EPARSE);
    CU_ASSERT_EQUAL(diag.line, 2);
    fp = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fputs("[sources]\ncosts = assumed: a guess\ncosts = published: the bureau\n", fp);
    fclose(fp);
    CCAP_ASSERT_STATUS(ccap_scenario_read(path, &back, NULL, &diag), CCAP_EPARSE);
    CU_ASSERT_EQUAL(diag.line, 3);
    remove(path);
    remove(again);
    ccap_scenario_free(sc);
}

/* Write, read back: the same settings and the same files. */
static void
test_scenario__round_trip(void)
{
    char out[512];
    ccap_scenario *sc = read_data("scen_full.ini"), *back = NULL;
    ccap_diag diag;
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    CCAP_ASSERT_STATUS(ccap_scenario_write(ccap_test_tmp(out, sizeof out, "scen_rt.ini"), sc,
                                           &diag),
                       CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_scenario_read(out, &back, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    for (i = 0; i < CCAP_SCENARIO_N_INPUTS; i++) {
        /* the inputs lie outside the scratch directory: written absolute; both name the
         * same file, so compare what follows the last "tests/data/" */
        const char *a = strstr(ccap_scenario_input_path(sc, (ccap_scenario_input)i), "data/"), *b = strstr(ccap_scenario_input_path(back, (ccap_scenario_input)i), "data/");

        CU_ASSERT_FATAL(a != NULL && b != NULL);
        CU_ASSERT_EQUAL(ccap_scenario_input_path(back, (ccap_scenario_input)i)[0], '/');
        CU_ASSERT_STRING_EQUAL(a, b);
    }
    CU_ASSERT(whole(back, "years") == whole(sc, "years") && whole(back, "step") == whole(sc, "step") &&
              ccap_scenario_timing(back) == ccap_scenario_timing(sc) && ccap_scenario_a0(back) == ccap_scenario_a0(sc));
    CU_ASSERT(same(number(back, "occupancy"), number(sc, "occupancy")) && same(number(back, "attrition"), number(sc, "attrition")));
    CU_ASSERT(whole(back, "trajectories") == whole(sc, "trajectories") && whole(back, "seed") == whole(sc, "seed") &&
              whole(back, "threads") == whole(sc, "threads"));
    CU_ASSERT_FATAL(n_quantiles(back) == n_quantiles(sc));
    for (i = 0; i < n_quantiles(sc); i++)
        CU_ASSERT(same(quantiles(back)[i], quantiles(sc)[i]));
    CU_ASSERT(same(number(back, "tfr_phi"), number(sc, "tfr_phi")) && same(number(back, "tfr_sigma"), number(sc, "tfr_sigma")) &&
              same(number(back, "mortality_sd"), number(sc, "mortality_sd")) && same(number(back, "migration_sd"), number(sc, "migration_sd")));
    CU_ASSERT(ccap_scenario_given(back, "tfr_phi") && ccap_scenario_given(back, "migration_sd") && ccap_scenario_given(back, "years"));
    ccap_scenario_free(back);
    back = NULL;

    /* defaults are written too, and read back given; paths beneath the file's directory
     * are written relative to it; stochastic parameters not given stay absent */
    ccap_scenario_free(sc);
    sc = ccap_scenario_alloc();
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    {
        char dir[512], in[1100];

        dir_of(out, dir, sizeof dir);
        CCAP_ASSERT_STATUS(ccap_scenario_set_input(sc, CCAP_SCENARIO_SLOTS,
                                                   joined(in, sizeof in, dir, "x/slots.csv")),
                           CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_scenario_write(out, sc, &diag), CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_scenario_read(out, &back, NULL, &diag), CCAP_OK);
        CU_ASSERT_PTR_NOT_NULL_FATAL(back);
        CU_ASSERT_STRING_EQUAL(ccap_scenario_input_path(back, CCAP_SCENARIO_SLOTS), in);
    }
    CU_ASSERT(ccap_scenario_given(back, "occupancy") && same(number(back, "occupancy"), 0.8) && ccap_scenario_given(back, "trajectories") &&
              ccap_scenario_given(back, "seed") && whole(back, "seed") == CCAP_UNCERTAINTY_SEED_DEFAULT &&
              ccap_scenario_given(back, "quantiles"));
    CU_ASSERT(!ccap_scenario_given(back, "years") && !ccap_scenario_given(back, "step") && !ccap_scenario_given(back, "tfr_phi"));
    {
        /* the relative form is in the file */
        char text[2048];
        FILE *fp = fopen(out, "r");
        size_t n;

        CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
        n = fread(text, 1, sizeof text - 1, fp);
        fclose(fp);
        text[n] = '\0';
        CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nslots = x/slots.csv\n"));
        CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nquantiles = 0.1,0.5,0.9\n"));
    }
    ccap_scenario_free(back);
    ccap_scenario_free(sc);
    remove(out);
}

static void
test_scenario__writer_errors(void)
{
    char out[512], long_path[300];
    ccap_scenario *sc = ccap_scenario_alloc();
    ccap_diag diag;
    const double q_bad[] = {0.5, 0.4};
    const double q_ok[] = {0.05, 0.95};
    FILE *fp;

    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    ccap_test_tmp(out, sizeof out, "scen_bad_out.ini");
    remove(out);
    CCAP_ASSERT_STATUS(ccap_scenario_write(NULL, sc, &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_scenario_write(out, NULL, &diag), CCAP_EINVAL);


    CCAP_ASSERT_STATUS(ccap_scenario_set_input(sc, CCAP_SCENARIO_COSTS, "/a ;b.csv"), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_scenario_write(out, sc, &diag), CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(diag.field, "costs");
    /* a 250-byte absolute path: "costs = " + 250 > 199 bytes */
    memset(long_path, 'a', 250);
    long_path[0] = '/';
    long_path[250] = '\0';
    CCAP_ASSERT_STATUS(ccap_scenario_set_input(sc, CCAP_SCENARIO_COSTS, long_path), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_scenario_write(out, sc, &diag), CCAP_ERANGE);
    CU_ASSERT_STRING_EQUAL(diag.field, "costs");
    fp = fopen(out, "r");
    CU_ASSERT_PTR_NULL(fp); /* nothing written by a failed call */
    if (fp != NULL)
        fclose(fp);
    CCAP_ASSERT_STATUS(ccap_scenario_set_input(sc, CCAP_SCENARIO_COSTS, NULL), CCAP_OK);
    CU_ASSERT_PTR_NULL(ccap_scenario_input_path(sc, CCAP_SCENARIO_COSTS));

    /* set_quantiles: arguments, domain, and the list unchanged on failure */
    CCAP_ASSERT_STATUS(ccap_scenario_set_quantiles(NULL, q_ok, 2), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_scenario_set_quantiles(sc, NULL, 2), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_scenario_set_quantiles(sc, q_ok, 0), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_scenario_set_quantiles(sc, q_bad, 2), CCAP_EDOM);
    CU_ASSERT(n_quantiles(sc) == 3 && !ccap_scenario_given(sc, "quantiles"));
    CCAP_ASSERT_STATUS(ccap_scenario_set_quantiles(sc, q_ok, 2), CCAP_OK);
    CU_ASSERT(n_quantiles(sc) == 2 && same(quantiles(sc)[1], 0.95) && ccap_scenario_given(sc, "quantiles"));
    CCAP_ASSERT_STATUS(ccap_scenario_set_input(NULL, CCAP_SCENARIO_COSTS, "x"), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(
        ccap_scenario_set_input(sc, (ccap_scenario_input)CCAP_SCENARIO_N_INPUTS, "x"), CCAP_EINVAL);
    CU_ASSERT_STRING_EQUAL(ccap_scenario_input_name(CCAP_SCENARIO_MIGRATION_RATES),
                           "migration_rates");
    CU_ASSERT_STRING_EQUAL(ccap_scenario_input_name((ccap_scenario_input)-1), "unknown");
    ccap_scenario_free(sc);
    ccap_scenario_free(NULL);
}

/* Settings by key: the file's parsing, ranges and messages; the scenario unchanged on
 * failure; the getters read back what was set. */
static void
test_scenario__set_by_key(void)
{
    ccap_scenario *sc = ccap_scenario_alloc();
    ccap_diag diag;
    double x = -1.0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    /* as `occupancy = 1.5` in a file: out of [0.1, 1] */
    CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "occupancy", "1.5", &diag), CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(diag.field, "occupancy");
    CU_ASSERT_STRING_EQUAL(diag.message, "1.5 is not in [0.1, 1]");
    CU_ASSERT(!ccap_scenario_given(sc, "occupancy") && same(number(sc, "occupancy"), 0.8));
    CCAP_ASSERT_STATUS(ccap_scenario_set_number(sc, "step", 2, &diag), CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(diag.message, "2 is not 1 or 5");
    CCAP_ASSERT_STATUS(ccap_scenario_set_number(sc, "tfr_sigma", -1.0, &diag), CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(diag.message, "-1 is negative");
    CU_ASSERT(!ccap_scenario_given(sc, "tfr_sigma") && isnan(number(sc, "tfr_sigma")));
    CCAP_ASSERT_STATUS(ccap_scenario_set_number(sc, "years", 2.5, &diag), CCAP_EPARSE);
    CCAP_ASSERT_STATUS(ccap_scenario_set_number(sc, "years", NAN, &diag), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_scenario_set_number(sc, "timing", 1, &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_scenario_set_number(sc, "quantiles", 0.5, &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "colour", "red", &diag), CCAP_EINVAL);
    CU_ASSERT_STRING_EQUAL(diag.message, "unknown scenario key");
    CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "seed", "", &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_scenario_set(NULL, "seed", "1", &diag), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "timing", "later", &diag), CCAP_EPARSE);
    CU_ASSERT_STRING_EQUAL(diag.message, "'later' is not half or end");
    CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "quantiles", "0.5,0.4", &diag), CCAP_EDOM);
    CU_ASSERT(n_quantiles(sc) == 3 && !ccap_scenario_given(sc, "quantiles"));

    CCAP_ASSERT_STATUS(ccap_scenario_set_number(sc, "seed", 4294967295.0, &diag), CCAP_OK);
    CU_ASSERT(whole(sc, "seed") == 4294967295LL && ccap_scenario_given(sc, "seed"));
    CCAP_ASSERT_STATUS(ccap_scenario_set_number(sc, "seed", 4294967296.0, &diag), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_scenario_set_number(sc, "occupancy", 0.75, &diag), CCAP_OK);
    CU_ASSERT(same(number(sc, "occupancy"), 0.75));
    CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "timing", "end", &diag), CCAP_OK);
    CU_ASSERT(ccap_scenario_timing(sc) == CCAP_MIGRATION_END && ccap_scenario_given(sc, "timing"));
    CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "a0", "coale-demeny", &diag), CCAP_OK);
    CU_ASSERT(ccap_scenario_a0(sc) == CCAP_A0_COALE_DEMENY);
    /* take-up calibrated to enrolment: a word, reaching the plan's options */
    {
        ccap_plan_options po;
        CCAP_ASSERT_STATUS(ccap_scenario_plan_options(sc, &po), CCAP_OK);
        CU_ASSERT(po.takeup_from_enrolment == 0 && !ccap_scenario_given(sc, "takeup_from"));
        CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "takeup_from", "observed", &diag), CCAP_EPARSE);
        CU_ASSERT_STRING_EQUAL(diag.message, "'observed' is not rates or enrolment");
        CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "takeup_from", "enrolment", &diag), CCAP_OK);
        CCAP_ASSERT_STATUS(ccap_scenario_plan_options(sc, &po), CCAP_OK);
        CU_ASSERT(po.takeup_from_enrolment == 1 && ccap_scenario_given(sc, "takeup_from"));
    }
    CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "quantiles", "0.05,0.5,0.95", &diag), CCAP_OK);
    CU_ASSERT(n_quantiles(sc) == 3 && same(quantiles(sc)[2], 0.95));
    CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "slots", "cc.csv", &diag), CCAP_OK);
    CU_ASSERT_STRING_EQUAL(ccap_scenario_input_path(sc, CCAP_SCENARIO_SLOTS), "cc.csv");
    CU_ASSERT(ccap_scenario_given(sc, "slots") && !ccap_scenario_given(sc, "targets"));

    CCAP_ASSERT_STATUS(ccap_scenario_get_number(sc, "a0", &x), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_scenario_get_number(sc, "nope", &x), CCAP_EINVAL);
    CU_ASSERT(same(x, -1.0)); /* untouched */
    CU_ASSERT(!ccap_scenario_given(sc, "nope") && !ccap_scenario_given(NULL, "seed"));
    CU_ASSERT_PTR_NULL(ccap_scenario_input_path(sc, (ccap_scenario_input)11));
    CU_ASSERT(ccap_scenario_timing(NULL) == CCAP_MIGRATION_HALF);
    CU_ASSERT(ccap_scenario_a0(NULL) == CCAP_A0_ANDREEV_KINGKADE);
    CU_ASSERT_PTR_NULL(ccap_scenario_quantiles(NULL, NULL));
    ccap_scenario_free(sc);
}

static void
test_scenario__reader_arguments(void)
{
    char path[512];
    ccap_scenario *sc = (ccap_scenario *)path; /* poisoned: must come back NULL */
    ccap_diag diag;

    CCAP_ASSERT_STATUS(ccap_scenario_read(NULL, &sc, NULL, &diag), CCAP_EINVAL);
    CU_ASSERT_PTR_NULL(sc);
    CCAP_ASSERT_STATUS(ccap_scenario_read("x.ini", NULL, NULL, &diag), CCAP_EINVAL);
    sc = (ccap_scenario *)path;
    CCAP_ASSERT_STATUS(
        ccap_scenario_read(ccap_test_data(path, sizeof path, "no_such.ini"), &sc, NULL, &diag),
        CCAP_EIO);
    CU_ASSERT_PTR_NULL(sc);
    CU_ASSERT_EQUAL(diag.status, CCAP_EIO);
    CU_ASSERT_STRING_EQUAL(diag.file, path);
    /* A file that is neither UTF-8 nor GB18030 ('é' before 'g'), with and without a diag:
     * line 2, the offset of 0xE9. */
    ccap_test_data(path, sizeof path, "bad/scen_not_utf8.ini");
    CCAP_ASSERT_STATUS(ccap_scenario_read(path, &sc, NULL, NULL), CCAP_EPARSE);
    CU_ASSERT_PTR_NULL(sc);
    CCAP_ASSERT_STATUS(ccap_scenario_read(path, &sc, NULL, &diag), CCAP_EPARSE);
    CU_ASSERT_EQUAL(diag.line, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(diag.message, "byte 0xE9 at offset 20"));
}

/* A file that is not a scenario (a table, a password file, a settings file of another
 * program) is refused on its first line without quoting any of its text back. */
static void
test_scenario__other_files_not_quoted(void)
{
    static const char *const texts[] = {
        "region,year,sex,age,population\nA11,2020,female,0,100.5\n",
        "operator:x:1000:1000:Operator:/home/operator:/bin/sh\n",
        "api_token = s3cr3t\n[inputs]\n",
    };
    static const char *const secrets[] = {"population", "operator", "s3cr3t"};
    char path[512], msg[800];
    ccap_scenario *sc = NULL;
    ccap_diag diag;
    size_t i;

    ccap_test_tmp(path, sizeof path, "scen_other_file.ini");
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        FILE *fp = fopen(path, "w");

        CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
        fputs(texts[i], fp);
        fclose(fp);
        CCAP_ASSERT_STATUS(ccap_scenario_read(path, &sc, NULL, &diag), CCAP_EPARSE);
        CU_ASSERT_PTR_NULL(sc);
        CU_ASSERT_EQUAL(diag.line, 1);
        ccap_diag_format(&diag, msg, sizeof msg);
        CU_ASSERT_PTR_NULL(strstr(msg, secrets[i]));
        CU_ASSERT_PTR_NOT_NULL(strstr(msg, "not a scenario"));
    }
    remove(path);
}

/* One rule for a seed, in files and on command lines: 0 to 2^32 - 1. */
static void
test_scenario__parse_seed(void)
{
    unsigned long seed = 7;

    CCAP_ASSERT_STATUS(ccap_scenario_parse_seed("0", &seed), CCAP_OK);
    CU_ASSERT_EQUAL(seed, 0);
    CCAP_ASSERT_STATUS(ccap_scenario_parse_seed("2147483648", &seed), CCAP_OK);
    CU_ASSERT_EQUAL(seed, 2147483648UL);
    CCAP_ASSERT_STATUS(ccap_scenario_parse_seed(" 4294967295 ", &seed), CCAP_OK);
    CU_ASSERT_EQUAL(seed, CCAP_SCENARIO_SEED_MAX);
    CCAP_ASSERT_STATUS(ccap_scenario_parse_seed("4294967296", &seed), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_scenario_parse_seed("-1", &seed), CCAP_EDOM);
    CCAP_ASSERT_STATUS(ccap_scenario_parse_seed("1.5", &seed), CCAP_EPARSE);
    CCAP_ASSERT_STATUS(ccap_scenario_parse_seed("1e3", &seed), CCAP_EPARSE);
    CCAP_ASSERT_STATUS(ccap_scenario_parse_seed("seven", &seed), CCAP_EPARSE);
    CCAP_ASSERT_STATUS(ccap_scenario_parse_seed("", &seed), CCAP_EPARSE);
    CU_ASSERT_EQUAL(seed, CCAP_SCENARIO_SEED_MAX); /* untouched by the failures */
    CCAP_ASSERT_STATUS(ccap_scenario_parse_seed(NULL, &seed), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_scenario_parse_seed("1", NULL), CCAP_EINVAL);
}

/* The kindergarten conversion and the running cost built up from staff: [childcare] keys
 * read, range-checked with exact messages, written back, and handed to a plan as
 * ccap_kindergarten_params and ccap_running_cost_params. */
static void
test_scenario__kindergarten_running(void)
{
    char path[512], back_path[512];
    ccap_scenario *sc = ccap_scenario_alloc(), *back = NULL;
    ccap_kindergarten_params kp;
    ccap_running_cost_params run = {-1.0, -1.0, -1.0, -1.0};
    ccap_diag diag;
    FILE *fp;

    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    /* not given: the defaults of CCAP_KINDERGARTEN_PARAMS_INIT, no running cost */
    CCAP_ASSERT_STATUS(ccap_scenario_kindergarten_params(sc, &kp), CCAP_OK);
    CU_ASSERT(same(kp.enrolment_rate, 0.911) && same(kp.slots_per_place, 0.8) &&
              same(kp.capital_per_converted_slot, 5000.0));
    CCAP_ASSERT_STATUS(ccap_scenario_running_cost(sc, &run), CCAP_ENOTFOUND);
    CU_ASSERT(same(run.carer_wage_month, -1.0)); /* left as it was */
    CU_ASSERT(!ccap_scenario_given(sc, "kindergarten_enrolment") &&
              same(number(sc, "conversion_cost"), 5000.0));

    /* out of range: the file's messages, the scenario unchanged */
    CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "kindergarten_enrolment", "1.6", &diag), CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(diag.field, "kindergarten_enrolment");
    CU_ASSERT_STRING_EQUAL(diag.message, "1.6 is not in [0, 1.5]");
    CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "conversion_cost", "-1", &diag), CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(diag.message, "-1 is not in [0, 1000000] yuan");
    CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "conversion_cost", "2e6", &diag), CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(diag.message, "2e6 is not in [0, 1000000] yuan");
    CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "rent_m2_month", "-30", &diag), CCAP_EDOM);
    CU_ASSERT_STRING_EQUAL(diag.field, "rent_m2_month");
    CU_ASSERT_STRING_EQUAL(diag.message, "-30 is not in [0, 10000000] yuan");
    CCAP_ASSERT_STATUS(ccap_scenario_set(sc, "carer_wage_month", "lots", &diag), CCAP_EPARSE);
    CU_ASSERT(!ccap_scenario_given(sc, "conversion_cost") &&
              !ccap_scenario_given(sc, "rent_m2_month") &&
              ccap_scenario_running_cost(sc, &run) == CCAP_ENOTFOUND);
    ccap_scenario_free(sc);

    /* in a file: the section [childcare]; one wage alone gives a running cost, the rest 0 */
    fp = fopen(ccap_test_tmp(path, sizeof path, "scen_kg.ini"), "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fputs("[childcare]\nkindergarten_enrolment = 0.95\nconversion_cost = 8000\n"
          "carer_wage_month = 5000\nrent_m2_month = 30\n",
          fp);
    CU_ASSERT_FATAL(fclose(fp) == 0);
    CCAP_ASSERT_STATUS(ccap_scenario_read(path, &sc, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    CCAP_ASSERT_STATUS(ccap_scenario_kindergarten_params(sc, &kp), CCAP_OK);
    CU_ASSERT(same(kp.enrolment_rate, 0.95) && same(kp.slots_per_place, 0.8) &&
              same(kp.capital_per_converted_slot, 8000.0));
    CCAP_ASSERT_STATUS(ccap_scenario_running_cost(sc, &run), CCAP_OK);
    CU_ASSERT(same(run.carer_wage_month, 5000.0) && same(run.health_wage_month, 0.0) &&
              same(run.rent_m2_month, 30.0) && same(run.other_per_slot_year, 0.0));
    CU_ASSERT(ccap_scenario_given(sc, "carer_wage_month") &&
              !ccap_scenario_given(sc, "health_wage_month"));
    /* an option overrides the file, as ccap-plan's --other-running */
    CCAP_ASSERT_STATUS(ccap_scenario_set_number(sc, "other_per_slot_year", 2000, &diag), CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_scenario_running_cost(sc, &run), CCAP_OK);
    CU_ASSERT(same(run.other_per_slot_year, 2000.0));

    /* written back: the keys given, and only those */
    CCAP_ASSERT_STATUS(
        ccap_scenario_write(ccap_test_tmp(back_path, sizeof back_path, "scen_kg_back.ini"), sc,
                            &diag),
        CCAP_OK);
    CCAP_ASSERT_STATUS(ccap_scenario_read(back_path, &back, NULL, &diag), CCAP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    CU_ASSERT(same(number(back, "kindergarten_enrolment"), 0.95) &&
              same(number(back, "conversion_cost"), 8000.0) &&
              same(number(back, "carer_wage_month"), 5000.0) &&
              same(number(back, "rent_m2_month"), 30.0) &&
              same(number(back, "other_per_slot_year"), 2000.0));
    CU_ASSERT(!ccap_scenario_given(back, "health_wage_month"));

    CCAP_ASSERT_STATUS(ccap_scenario_kindergarten_params(NULL, &kp), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_scenario_kindergarten_params(sc, NULL), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_scenario_running_cost(NULL, &run), CCAP_EINVAL);
    CCAP_ASSERT_STATUS(ccap_scenario_running_cost(sc, NULL), CCAP_EINVAL);
    ccap_scenario_free(back);
    ccap_scenario_free(sc);
    unlink(path);
    unlink(back_path);
}

static CU_TestInfo scenario_tests[] = {
    {"observed", test_scenario__observed},
    {"every_key", test_scenario__every_key},
    {"defaults", test_scenario__defaults},
    {"comments_and_paths", test_scenario__comments_and_paths},
    {"no_directory", test_scenario__no_directory},
    {"nanyang", test_scenario__nanyang},
    {"round_trip", test_scenario__round_trip},
    {"writer_errors", test_scenario__writer_errors},
    {"set_by_key", test_scenario__set_by_key},
    {"reader_arguments", test_scenario__reader_arguments},
    {"other_files_not_quoted", test_scenario__other_files_not_quoted},
    {"parse_seed", test_scenario__parse_seed},
    {"sources", test_scenario__sources},
    {"kindergarten_running", test_scenario__kindergarten_running},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {.pName = "scenario", .pTests = scenario_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return ccap_test_run(suites);
}
