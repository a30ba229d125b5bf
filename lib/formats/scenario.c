/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Scenario files: INI (read with libinih) to a ccap_scenario and back.
 *
 * libinih as Debian builds it calls the handler without a line number, so the file is fed
 * through our own line reader (ini_parse_stream), which counts physical lines, hands over
 * one line per call and checks what libinih would pass over silently: NUL bytes, text that
 * is not UTF-8, lines longer than its buffer, unknown sections without keys and indented
 * lines that it would join to the previous value.  libinih's process-wide settings are
 * left as they are.
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ini.h>

#include "ccap_private.h"

enum { SEC_INPUTS, SEC_PROJECTION, SEC_CHILDCARE, SEC_SIMULATION, SEC_SOURCES, N_SECTIONS };

static const char *const section_names[N_SECTIONS] = {"inputs", "projection", "childcare",
                                                      "simulation", "sources"};

/* The keys of [sources]: where a figure comes from, as a note ccap_note_provenance() reads. */
static const char *const source_keys[CCAP__SCENARIO_N_SOURCES] = {
    "slots", "targets", "takeup", "costs", "occupancy", "kindergarten"};

static const char *const input_keys[CCAP_SCENARIO_N_INPUTS] = {
    "regions",         "population",   "mortality",     "fertility", "srb",
    "migration_rates", "migration",    "slots",         "targets",   "takeup",
    "costs",           "kindergarten", "monthly_births"};

/* Keys after the inputs, numbered from CCAP_SCENARIO_N_INPUTS. */
enum {
    K_YEARS = CCAP_SCENARIO_N_INPUTS,
    K_STEP,
    K_TIMING,
    K_A0,
    K_OBSERVED,
    K_OCCUPANCY,
    K_ATTRITION,
    K_TAKEUP_FROM,
    K_KG_ENROLMENT,
    K_CONVERSION_COST,
    K_CARER_WAGE,
    K_HEALTH_WAGE,
    K_RENT,
    K_OTHER_RUNNING,
    K_TRAJECTORIES,
    K_SEED,
    K_THREADS,
    K_QUANTILES,
    K_TFR_PHI,
    K_TFR_SIGMA,
    K_MORTALITY_SD,
    K_MIGRATION_SD,
    K_SENSITIVITY_YEAR,
    N_KEYS
};

static const struct {
    int section;
    const char *name;
} other_keys[N_KEYS - CCAP_SCENARIO_N_INPUTS] = {
    {SEC_PROJECTION, "years"},
    {SEC_PROJECTION, "step"},
    {SEC_PROJECTION, "timing"},
    {SEC_PROJECTION, "a0"},
    {SEC_PROJECTION, "observed"},
    {SEC_CHILDCARE, "occupancy"},
    {SEC_CHILDCARE, "attrition"},
    {SEC_CHILDCARE, "takeup_from"},
    {SEC_CHILDCARE, "kindergarten_enrolment"},
    {SEC_CHILDCARE, "conversion_cost"},
    {SEC_CHILDCARE, "carer_wage_month"},
    {SEC_CHILDCARE, "health_wage_month"},
    {SEC_CHILDCARE, "rent_m2_month"},
    {SEC_CHILDCARE, "other_per_slot_year"},
    {SEC_SIMULATION, "trajectories"},
    {SEC_SIMULATION, "seed"},
    {SEC_SIMULATION, "threads"},
    {SEC_SIMULATION, "quantiles"},
    {SEC_SIMULATION, "tfr_phi"},
    {SEC_SIMULATION, "tfr_sigma"},
    {SEC_SIMULATION, "mortality_sd"},
    {SEC_SIMULATION, "migration_sd"},
    {SEC_SIMULATION, "sensitivity_year"},
};

static int
key_section(int k)
{
    return k < CCAP_SCENARIO_N_INPUTS ? SEC_INPUTS : other_keys[k - CCAP_SCENARIO_N_INPUTS].section;
}

static const char *
key_name(int k)
{
    return k < CCAP_SCENARIO_N_INPUTS ? input_keys[k] : other_keys[k - CCAP_SCENARIO_N_INPUTS].name;
}

static const double default_quantiles[] = {0.1, 0.5, 0.9};

static const char *const timing_words[] = {"half", "end"}; /* by ccap_migration_timing */
static const char *const a0_words[] = {"coale-demeny", "andreev-kingkade"}; /* by ccap_a0_rule */
static const char *const takeup_words[] = {"rates", "enrolment"};           /* takeup_from */

/* ---- the object ---- */

ccap_scenario *
ccap_scenario_alloc(void)
{
    ccap_scenario *sc = calloc(1, sizeof *sc);

    if (sc == NULL)
        return NULL;
    sc->quantiles = malloc(sizeof default_quantiles);
    if (sc->quantiles == NULL) {
        free(sc);
        return NULL;
    }
    memcpy(sc->quantiles, default_quantiles, sizeof default_quantiles);
    sc->n_quantiles = sizeof default_quantiles / sizeof default_quantiles[0];
    sc->timing = CCAP_MIGRATION_HALF;
    sc->a0 = CCAP_A0_ANDREEV_KINGKADE;
    sc->occupancy = 0.8;
    sc->attrition = 0.0;
    sc->kindergarten = (ccap_kindergarten_params)CCAP_KINDERGARTEN_PARAMS_INIT;
    sc->trajectories = 1000;
    sc->seed = CCAP_UNCERTAINTY_SEED_DEFAULT;
    sc->threads = 0;
    sc->tfr_phi = NAN;
    sc->tfr_sigma = NAN;
    sc->mortality_sd = NAN;
    sc->migration_sd = NAN;
    return sc;
}

void
ccap_scenario_free(ccap_scenario *scenario)
{
    size_t i;

    if (scenario == NULL)
        return;
    for (i = 0; i < CCAP_SCENARIO_N_INPUTS; i++)
        free(scenario->inputs[i]);
    for (i = 0; i < CCAP__SCENARIO_N_SOURCES; i++)
        free(scenario->sources[i]);
    free(scenario->quantiles);
    free(scenario);
}

const char *
ccap_scenario_input_name(ccap_scenario_input input)
{
    if ((int)input < 0 || (int)input >= CCAP_SCENARIO_N_INPUTS)
        return "unknown";
    return input_keys[input];
}

int
ccap_scenario_set_input(ccap_scenario *scenario, ccap_scenario_input input, const char *path)
{
    char *copy = NULL;

    if (scenario == NULL || (int)input < 0 || (int)input >= CCAP_SCENARIO_N_INPUTS)
        return CCAP_EINVAL;
    if (path != NULL && path[0] != '\0') {
        copy = ccap__strdup(path);
        if (copy == NULL)
            return CCAP_ENOMEM;
    }
    free(scenario->inputs[input]);
    scenario->inputs[input] = copy;
    return CCAP_OK;
}

/* CCAP_OK or CCAP_EDOM for the quantile list q[0..n). */
static int
check_quantiles(const double q[], size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (!(q[i] > 0.0 && q[i] < 1.0) || (i > 0 && !(q[i] > q[i - 1])))
            return CCAP_EDOM;
    }
    return CCAP_OK;
}

int
ccap_scenario_set_quantiles(ccap_scenario *scenario, const double q[], size_t n)
{
    double *copy;

    if (scenario == NULL || q == NULL || n == 0)
        return CCAP_EINVAL;
    if (check_quantiles(q, n) != CCAP_OK)
        return CCAP_EDOM;
    if (n > SIZE_MAX / sizeof *copy)
        return CCAP_ENOMEM;
    copy = ccap__alloc(n, sizeof *copy);
    if (copy == NULL)
        return CCAP_ENOMEM;
    memcpy(copy, q, n * sizeof *copy);
    free(scenario->quantiles);
    scenario->quantiles = copy;
    scenario->n_quantiles = n;
    scenario->quantiles_given = 1;
    return CCAP_OK;
}

int
ccap_scenario_parse_seed(const char *text, unsigned long *seed_out)
{
    double x;
    int status;

    if (text == NULL || seed_out == NULL)
        return CCAP_EINVAL;
    if ((status = ccap__parse_double(text, &x)) != CCAP_OK)
        return status == CCAP_EPARSE ? CCAP_EPARSE : CCAP_EDOM;
    if (floor(x) < x || strpbrk(text, ".eE") != NULL)
        return CCAP_EPARSE;
    if (!(x >= 0.0 && x <= (double)CCAP_SCENARIO_SEED_MAX) || strchr(text, '-') != NULL)
        return CCAP_EDOM;
    *seed_out = (unsigned long)x;
    return CCAP_OK;
}

/* ---- reading ---- */

typedef struct reader {
    FILE *fp;
    const char *path;
    size_t dir_len; /* bytes of path up to and including its last '/'; 0 if none */
    ccap_scenario *sc;
    unsigned long line; /* physical line last handed to libinih */
    int read_errno;     /* nonzero after a read error */
    int in_section;     /* a [section] header was seen */
    unsigned long key_line[N_KEYS];
    unsigned long source_line[CCAP__SCENARIO_N_SOURCES]; /* line of each [sources] key */
    /* the first problem found */
    int status;
    unsigned long err_line;
    char err_field[CCAP_DIAG_FIELD_MAX];
    char err_message[CCAP_DIAG_MESSAGE_MAX];
} reader;

/* Record the first problem (later ones are ignored); returns 1 so that libinih goes on. */
static int fail(reader *r, int status, const char *field, const char *fmt, ...)
    CCAP__PRINTF(4, 5);

static int
fail(reader *r, int status, const char *field, const char *fmt, ...)
{
    va_list ap;

    if (r->status != CCAP_OK)
        return 1;
    r->status = status;
    r->err_line = r->line;
    ccap__strlcpy_utf8(r->err_field, field != NULL ? field : "", sizeof r->err_field);
    va_start(ap, fmt);
    vsnprintf(r->err_message, sizeof r->err_message, fmt, ap);
    va_end(ap);
    return 1;
}

static int
is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Is the key of the pair on line s (up to its '=') one of ours? */
static int
is_known_key(const char *s)
{
    size_t len = strcspn(s, "=:");
    int k;

    while (len > 0 && is_blank((unsigned char)s[len - 1]))
        len--;
    for (k = 0; k < N_KEYS; k++) {
        if (strlen(key_name(k)) == len && memcmp(key_name(k), s, len) == 0)
            return 1;
    }
    return 0;
}

/* Check the structure libinih would accept silently: indented lines, section names, pairs
 * written with ':' and files that are no scenario at all. */
static void
check_line(reader *r, const char *s)
{
    const char *p = s, *end;
    char name[64];
    size_t len, i;

    if (r->line == 1 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        p += 3; /* a byte order mark, which libinih skips */
    s = p;
    while (is_blank((unsigned char)*p))
        p++;
    if (*p == '\0' || *p == '\n' || *p == ';' || *p == '#')
        return;
    if (p > s) {
        fail(r, CCAP_EPARSE, NULL, "indented line (continuation lines are not supported)");
        return;
    }
    if (*p != '[') {
        /* Before any section, a line that is not one of our keys means another kind of
         * file (a table, a log, a binary): it is not quoted back. */
        if (!r->in_section && !is_known_key(p)) {
            fail(r, CCAP_EPARSE, NULL,
                 "not a scenario (INI) file: the first line that is not blank or a comment "
                 "must be a [section] header");
            return;
        }
        /* libinih also takes "key: value"; ccap's files write "key = value" only. */
        if (p[strcspn(p, "=:")] == ':')
            fail(r, CCAP_EPARSE, NULL, "a ':' after the key: write key = value");
        return;
    }
    r->in_section = 1;
    end = strchr(p, ']');
    if (end == NULL)
        return; /* libinih reports the syntax error */
    p++;
    while (p < end && is_blank((unsigned char)*p))
        p++;
    len = (size_t)(end - p);
    while (len > 0 && is_blank((unsigned char)p[len - 1]))
        len--;
    for (i = 0; i < N_SECTIONS; i++) {
        if (strlen(section_names[i]) == len && memcmp(section_names[i], p, len) == 0)
            return;
    }
    if (len >= sizeof name)
        len = sizeof name - 1;
    memcpy(name, p, len);
    name[len] = '\0';
    ccap__strlcpy_utf8(name, name, sizeof name);
    fail(r, CCAP_EPARSE, NULL,
         "unknown section [%s] (expected inputs, projection, childcare, simulation or sources)",
         ccap__utf8_valid(name, strlen(name), NULL) ? name : "?");
}

/* libinih's line reader: one physical line per call, counted.  A line ends at LF, CRLF or
 * a lone CR (as old Mac editors save). */
static char *
read_line(char *str, int num, void *stream)
{
    reader *r = stream;
    size_t n = 0, cap = num > 1 ? (size_t)num - 1 : 0;
    int c, got = 0, nul = 0, too_long = 0;

    while ((c = getc(r->fp)) != EOF) {
        got = 1;
        if (c == '\n')
            break;
        if (c == '\r') {
            int next = getc(r->fp);

            if (next != '\n' && next != EOF)
                ungetc(next, r->fp);
            break;
        }
        if (c == '\0')
            nul = 1;
        if (n < cap)
            str[n++] = (char)c;
        else
            too_long = 1;
    }
    if (c == EOF && ferror(r->fp)) {
        r->read_errno = errno != 0 ? errno : EIO;
        return NULL;
    }
    if (!got || cap == 0)
        return NULL;
    str[n] = '\0';
    r->line++;
    if (nul)
        fail(r, CCAP_EPARSE, NULL, "NUL byte in the line");
    else if (too_long)
        fail(r, CCAP_EPARSE, NULL, "line longer than %zu bytes", cap);
    else if (!ccap__utf8_valid(str, n, NULL))
        fail(r, CCAP_EPARSE, NULL, "not valid UTF-8");
    else
        check_line(r, str);
    return str;
}

/* The path of an input: value joined to the scenario file's directory unless absolute. */
static int
set_path(reader *r, int k, const char *value)
{
    size_t n = strlen(value), dir = value[0] == '/' ? 0 : r->dir_len;
    char *p;

    if (ccap__has_control(value))
        return fail(r, CCAP_EPARSE, key_name(k), "control character in the path");
    p = malloc(dir + n + 1);
    if (p == NULL)
        return fail(r, CCAP_ENOMEM, key_name(k), "out of memory");
    memcpy(p, r->path, dir);
    memcpy(p + dir, value, n + 1);
    free(r->sc->inputs[k]);
    r->sc->inputs[k] = p;
    return 1;
}

/* A whole number in [lo, hi]. */
static int
get_long(reader *r, int k, const char *value, long lo, long hi, long *out)
{
    char shown[64];
    int status = ccap__parse_long(value, lo, hi, out);

    if (status == CCAP_EPARSE)
        return fail(r, status, key_name(k), "'%s' is not a whole number",
                    ccap__show(value, shown));
    if (status != CCAP_OK)
        return fail(r, status, key_name(k), "'%s' is not a whole number from %ld to %ld",
                    ccap__show(value, shown), lo, hi);
    return 1;
}

/* A finite number (*ok set when it is one). */
static int
get_double(reader *r, int k, const char *value, double *out, int *ok)
{
    char shown[64];
    int status = ccap__parse_double(value, out);

    *ok = status == CCAP_OK;
    if (status == CCAP_EPARSE)
        return fail(r, status, key_name(k), "'%s' is not a number", ccap__show(value, shown));
    if (status != CCAP_OK)
        return fail(r, status, key_name(k), "'%s' is not a finite number",
                    ccap__show(value, shown));
    return 1;
}

static int
get_word(reader *r, int k, const char *value, const char *const words[], size_t n, int *out)
{
    char shown[64];
    size_t i;

    for (i = 0; i < n; i++) {
        if (ccap__ascii_casecmp_eq(value, words[i])) {
            *out = (int)i;
            return 1;
        }
    }
    return fail(r, CCAP_EPARSE, key_name(k), "'%s' is not %s or %s", ccap__show(value, shown),
                words[0], words[1]);
}

static int
get_quantiles(reader *r, int k, const char *value)
{
    size_t n = 1, i;
    const char *p;
    char *copy, *item;
    double *q;
    int status = CCAP_OK;

    for (p = value; *p != '\0'; p++)
        n += *p == ',';
    copy = ccap__strdup(value);
    q = ccap__alloc(n, sizeof *q);
    if (copy == NULL || q == NULL) {
        free(copy);
        free(q);
        return fail(r, CCAP_ENOMEM, key_name(k), "out of memory");
    }
    item = copy;
    for (i = 0; i < n && status == CCAP_OK; i++) {
        char *comma = strchr(item, ',');
        char shown[64];

        if (comma != NULL)
            *comma = '\0';
        status = ccap__parse_double(item, &q[i]);
        if (status == CCAP_EPARSE)
            fail(r, status, key_name(k), "quantile %zu: '%s' is not a number", i + 1,
                 ccap__show(item, shown));
        else if (status != CCAP_OK)
            fail(r, status, key_name(k), "quantile %zu: '%s' is not a finite number", i + 1,
                 ccap__show(item, shown));
        else if (!(q[i] > 0.0 && q[i] < 1.0)) {
            status = CCAP_EDOM;
            fail(r, status, key_name(k), "quantile %zu: %s is not between 0 and 1 (exclusive)",
                 i + 1, ccap__show(item, shown));
        } else if (i > 0 && !(q[i] > q[i - 1])) {
            status = CCAP_EDOM;
            fail(r, status, key_name(k), "quantile %zu: %s does not increase on the one before",
                 i + 1, ccap__show(item, shown));
        }
        item = comma != NULL ? comma + 1 : item;
    }
    free(copy);
    if (status != CCAP_OK) {
        free(q);
        return 1;
    }
    free(r->sc->quantiles);
    r->sc->quantiles = q;
    r->sc->n_quantiles = n;
    r->sc->quantiles_given = 1;
    return 1;
}

static int
get_value(reader *r, int k, const char *value)
{
    ccap_scenario *sc = r->sc;
    char shown[64];
    double x = NAN;
    long v = 0;
    int ok = 0, w = 0;

    if (k < CCAP_SCENARIO_N_INPUTS)
        return set_path(r, k, value);
    switch (k) {
    case K_YEARS:
        get_long(r, k, value, 1, CCAP_SCENARIO_YEARS_MAX, &v);
        if (r->status == CCAP_OK) {
            sc->years = v;
            sc->years_given = 1;
        }
        break;
    case K_STEP:
        get_long(r, k, value, -2147483647L, 2147483647L, &v);
        if (r->status == CCAP_OK && v != 1 && v != 5)
            fail(r, CCAP_EDOM, key_name(k), "%ld is not 1 or 5", v);
        if (r->status == CCAP_OK) {
            sc->step = (size_t)v;
            sc->step_given = 1;
        }
        break;
    case K_TIMING:
        get_word(r, k, value, timing_words, 2, &w);
        if (r->status == CCAP_OK) {
            sc->timing = w == 0 ? CCAP_MIGRATION_HALF : CCAP_MIGRATION_END;
            sc->timing_given = 1;
        }
        break;
    case K_TAKEUP_FROM:
        get_word(r, k, value, takeup_words, 2, &w);
        if (r->status == CCAP_OK) {
            sc->takeup_from_enrolment = w == 1;
            sc->takeup_from_given = 1;
        }
        break;
    case K_A0:
        get_word(r, k, value, a0_words, 2, &w);
        if (r->status == CCAP_OK) {
            sc->a0 = w == 0 ? CCAP_A0_COALE_DEMENY : CCAP_A0_ANDREEV_KINGKADE;
            sc->a0_given = 1;
        }
        break;
    case K_OBSERVED:
    case K_SENSITIVITY_YEAR:
        get_long(r, k, value, CCAP_YEAR_MIN, CCAP_YEAR_MAX, &v);
        if (r->status == CCAP_OK && k == K_OBSERVED) {
            sc->observed = (int)v;
            sc->observed_given = 1;
        } else if (r->status == CCAP_OK) {
            sc->sensitivity_year = (int)v;
            sc->sensitivity_year_given = 1;
        }
        break;
    case K_OCCUPANCY:
        get_double(r, k, value, &x, &ok);
        if (ok && !(x >= CCAP_SCENARIO_OCCUPANCY_MIN && x <= 1.0))
            fail(r, CCAP_EDOM, key_name(k), "%s is not in [0.1, 1]", ccap__show(value, shown));
        if (r->status == CCAP_OK) {
            sc->occupancy = x;
            sc->occupancy_given = 1;
        }
        break;
    case K_ATTRITION:
        get_double(r, k, value, &x, &ok);
        if (ok && !(x >= 0.0 && x < 1.0))
            fail(r, CCAP_EDOM, key_name(k), "%s is not in [0, 1)", ccap__show(value, shown));
        if (r->status == CCAP_OK) {
            sc->attrition = x;
            sc->attrition_given = 1;
        }
        break;
    case K_KG_ENROLMENT:
        get_double(r, k, value, &x, &ok);
        if (ok && !(x >= 0.0 && x <= 1.5))
            fail(r, CCAP_EDOM, key_name(k), "%s is not in [0, 1.5]", ccap__show(value, shown));
        if (r->status == CCAP_OK) {
            sc->kindergarten.enrolment_rate = x;
            sc->kg_given[0] = 1;
        }
        break;
    case K_CONVERSION_COST:
        get_double(r, k, value, &x, &ok);
        if (ok && !(x >= 0.0 && x <= CCAP_SCENARIO_CONVERSION_COST_MAX))
            fail(r, CCAP_EDOM, key_name(k), "%s is not in [0, 1000000] yuan",
                 ccap__show(value, shown));
        if (r->status == CCAP_OK) {
            sc->kindergarten.capital_per_converted_slot = x;
            sc->kg_given[1] = 1;
        }
        break;
    case K_CARER_WAGE:
    case K_HEALTH_WAGE:
    case K_RENT:
    case K_OTHER_RUNNING: {
        /* the running cost built up from staff and space, as ccap-gap's --carer-wage etc. */
        double *dst[] = {&sc->running.carer_wage_month, &sc->running.health_wage_month,
                         &sc->running.rent_m2_month, &sc->running.other_per_slot_year};
        size_t i = (size_t)(k - K_CARER_WAGE);

        get_double(r, k, value, &x, &ok);
        if (ok && !(x >= 0.0 && x <= CCAP_SCENARIO_RUNNING_MAX))
            fail(r, CCAP_EDOM, key_name(k), "%s is not in [0, 10000000] yuan",
                 ccap__show(value, shown));
        if (r->status == CCAP_OK) {
            *dst[i] = x;
            sc->running_given[i] = 1;
        }
        break;
    }
    case K_TRAJECTORIES:
        get_long(r, k, value, 1, CCAP_SCENARIO_TRAJECTORIES_MAX, &v);
        if (r->status == CCAP_OK) {
            sc->trajectories = (size_t)v;
            sc->trajectories_given = 1;
        }
        break;
    case K_SEED: {
        unsigned long seed = 0;
        int status = ccap_scenario_parse_seed(value, &seed);

        if (status != CCAP_OK)
            fail(r, status, key_name(k), "'%s' is not a whole number from 0 to %lu",
                 ccap__show(value, shown), CCAP_SCENARIO_SEED_MAX);
        if (r->status == CCAP_OK) {
            sc->seed = seed;
            sc->seed_given = 1;
        }
        break;
    }
    case K_THREADS:
        get_long(r, k, value, 0, CCAP_SCENARIO_THREADS_MAX, &v);
        if (r->status == CCAP_OK) {
            sc->threads = (size_t)v;
            sc->threads_given = 1;
        }
        break;
    case K_QUANTILES:
        return get_quantiles(r, k, value);
    default: {
        /* the stochastic parameters: tfr_phi in [0, 1) (a stationary series), the standard
         * deviations in [0, CCAP_SCENARIO_SD_MAX] */
        double *dst[] = {&sc->tfr_phi, &sc->tfr_sigma, &sc->mortality_sd, &sc->migration_sd};
        int *given[] = {&sc->tfr_phi_given, &sc->tfr_sigma_given, &sc->mortality_sd_given,
                        &sc->migration_sd_given};
        size_t i = (size_t)(k - K_TFR_PHI);

        get_double(r, k, value, &x, &ok);
        if (ok && k == K_TFR_PHI && !(x >= 0.0 && x < 1.0))
            fail(r, CCAP_EDOM, key_name(k), "%s is not in [0, 1)", ccap__show(value, shown));
        else if (ok && k != K_TFR_PHI && x < 0.0)
            fail(r, CCAP_EDOM, key_name(k), "%s is negative", ccap__show(value, shown));
        else if (ok && k != K_TFR_PHI && x > CCAP_SCENARIO_SD_MAX)
            fail(r, CCAP_EDOM, key_name(k), "%s is more than 1", ccap__show(value, shown));
        if (r->status == CCAP_OK) {
            *dst[i] = x;
            *given[i] = 1;
        }
        break;
    }
    }
    return 1;
}

/* A key of [sources]: the note of a figure, which must say its kind. */
static int
on_source(reader *r, const char *name, const char *value)
{
    size_t k;

    for (k = 0; k < CCAP__SCENARIO_N_SOURCES && strcmp(name, source_keys[k]) != 0; k++)
        ;
    if (k == CCAP__SCENARIO_N_SOURCES)
        return fail(r, CCAP_EPARSE, name,
                    "unknown key in [sources] (expected slots, targets, takeup, costs, "
                    "occupancy or kindergarten)");
    if (r->source_line[k] != 0)
        return fail(r, CCAP_EPARSE, name, "duplicate key: given on line %lu and again on line %lu",
                    r->source_line[k], r->line);
    r->source_line[k] = r->line;
    if (value[0] == '\0')
        return 1; /* empty: as if absent */
    if (ccap_note_provenance(value) == CCAP_PROVENANCE_NONE)
        return fail(r, CCAP_EPARSE, name,
                    "'%s' does not say where the figure comes from: start the note with "
                    "published:, derived: or assumed: (or 公布, 推算, 假定)",
                    value);
    free(r->sc->sources[k]);
    if ((r->sc->sources[k] = ccap__strdup(value)) == NULL)
        return fail(r, CCAP_ENOMEM, name, "out of memory");
    return 1;
}

/* libinih's handler: one key = value pair. */
static int
on_pair(void *user, const char *section, const char *name, const char *value)
{
    reader *r = user;
    int s, k;

    if (r->status != CCAP_OK)
        return 1;
    if (section[0] == '\0')
        return fail(r, CCAP_EPARSE, name, "key outside a section");
    for (s = 0; s < N_SECTIONS && strcmp(section, section_names[s]) != 0; s++)
        ;
    if (s == N_SECTIONS)
        return fail(r, CCAP_EPARSE, name, "key of an unknown section [%s]", section);
    if (s == SEC_SOURCES)
        return on_source(r, name, value);
    for (k = 0; k < N_KEYS && !(key_section(k) == s && strcmp(name, key_name(k)) == 0); k++)
        ;
    if (k == N_KEYS)
        return fail(r, CCAP_EPARSE, name, "unknown key in [%s]", section);
    if (r->key_line[k] != 0)
        return fail(r, CCAP_EPARSE, name, "duplicate key: given on line %lu and again on line %lu",
                    r->key_line[k], r->line);
    r->key_line[k] = r->line;
    if (value[0] == '\0')
        return 1; /* empty: as if absent */
    return get_value(r, k, value);
}

int
ccap_scenario_read(const char *path, ccap_scenario **scenario_out, const ccap_read_options *options,
                   ccap_diag *diag)
{
    reader r;
    const char *slash;
    char *text = NULL;
    size_t len = 0;
    ccap_diag warning;
    int rc;

    ccap_diag_clear(diag);
    ccap_diag_clear(&warning);
    if (scenario_out != NULL)
        *scenario_out = NULL;
    if (path == NULL || scenario_out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    memset(&r, 0, sizeof r);
    r.path = path;
    slash = strrchr(path, '/');
    r.dir_len = slash != NULL ? (size_t)(slash - path) + 1 : 0;
    r.sc = ccap_scenario_alloc();
    if (r.sc == NULL)
        return ccap__diag_nomem(diag, path);
    /* The whole file, in UTF-8 (converted from GB18030 if so asked or found), read
     * line by line from memory. */
    if ((rc = ccap__read_file(path, &text, &len, diag)) != CCAP_OK ||
        (rc = ccap__decode(&text, &len, path,
                           options != NULL ? options->encoding : CCAP_ENCODING_AUTO, &warning)) !=
            CCAP_OK) {
        if (diag != NULL && warning.status != CCAP_OK)
            *diag = warning; /* the conversion's error (the read fills diag itself) */
        free(text);
        ccap_scenario_free(r.sc);
        return rc;
    }
    r.fp = len > 0 ? fmemopen(text, len, "rb") : fopen("/dev/null", "rb");
    if (r.fp == NULL) {
        free(text);
        ccap_scenario_free(r.sc);
        return ccap__diag_nomem(diag, path);
    }
    rc = ini_parse_stream(read_line, &r, on_pair, &r);
    fclose(r.fp);
    free(text);
    if (r.read_errno != 0) {
        char buf[128];

        ccap_scenario_free(r.sc);
        if (strerror_r(r.read_errno, buf, sizeof buf) != 0)
            snprintf(buf, sizeof buf, "error %d", r.read_errno);
        return ccap__diag_set(diag, CCAP_EIO, path, 0, 0, NULL, "cannot read: %s", buf);
    }
    if (rc > 0 && (r.status == CCAP_OK || (unsigned long)rc < r.err_line)) {
        ccap_scenario_free(r.sc);
        return ccap__diag_set(diag, CCAP_EPARSE, path, (unsigned long)rc, 0, NULL,
                              "not a [section] header, a key = value line, a comment or a "
                              "blank line");
    }
    if (r.status == CCAP_OK && rc < 0)
        fail(&r, CCAP_ENOMEM, NULL, "out of memory");
    if (r.status != CCAP_OK) {
        ccap_scenario_free(r.sc);
        return ccap__diag_set(diag, r.status, path, r.err_line, 0,
                              r.err_field[0] != '\0' ? r.err_field : NULL, "%s", r.err_message);
    }
    *scenario_out = r.sc;
    if (diag != NULL)
        *diag = warning; /* the conversion's warning, if any */
    return CCAP_OK;
}

/* ---- settings by key ---- */

/* The index of a key of the file, or -1. */
static int
key_index(const char *key)
{
    int k;

    for (k = 0; k < N_KEYS; k++) {
        if (strcmp(key, key_name(k)) == 0)
            return k;
    }
    return -1;
}

/* The value of number setting k, or CCAP_EINVAL when k is not one. */
static int
number_of(const ccap_scenario *sc, int k, double *out)
{
    switch (k) {
    case K_YEARS: *out = (double)sc->years; break;
    case K_STEP: *out = (double)sc->step; break;
    case K_OBSERVED: *out = sc->observed; break;
    case K_OCCUPANCY: *out = sc->occupancy; break;
    case K_ATTRITION: *out = sc->attrition; break;
    case K_KG_ENROLMENT:
        *out = sc->kindergarten.enrolment_rate;
        break;
    case K_CONVERSION_COST:
        *out = sc->kindergarten.capital_per_converted_slot;
        break;
    case K_CARER_WAGE:
        *out = sc->running.carer_wage_month;
        break;
    case K_HEALTH_WAGE:
        *out = sc->running.health_wage_month;
        break;
    case K_RENT:
        *out = sc->running.rent_m2_month;
        break;
    case K_OTHER_RUNNING:
        *out = sc->running.other_per_slot_year;
        break;
    case K_TRAJECTORIES: *out = (double)sc->trajectories; break;
    case K_SEED: *out = (double)sc->seed; break;
    case K_THREADS: *out = (double)sc->threads; break;
    case K_TFR_PHI: *out = sc->tfr_phi; break;
    case K_TFR_SIGMA: *out = sc->tfr_sigma; break;
    case K_MORTALITY_SD: *out = sc->mortality_sd; break;
    case K_MIGRATION_SD: *out = sc->migration_sd; break;
    case K_SENSITIVITY_YEAR: *out = sc->sensitivity_year; break;
    default: return CCAP_EINVAL;
    }
    return CCAP_OK;
}

int
ccap_scenario_set(ccap_scenario *scenario, const char *key, const char *value, ccap_diag *diag)
{
    reader r;
    int k;

    ccap_diag_clear(diag);
    if (scenario == NULL || key == NULL || value == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, key, "NULL argument");
    if ((k = key_index(key)) < 0)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, key, "unknown scenario key");
    if (value[0] == '\0')
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, key, "empty value");
    memset(&r, 0, sizeof r);
    r.path = "";
    r.sc = scenario;
    get_value(&r, k, value);
    if (r.status != CCAP_OK)
        return ccap__diag_set(diag, r.status, NULL, 0, 0, key, "%s", r.err_message);
    return CCAP_OK;
}

int
ccap_scenario_set_number(ccap_scenario *scenario, const char *key, double value, ccap_diag *diag)
{
    char buf[64];
    double old;
    int k;

    ccap_diag_clear(diag);
    if (scenario == NULL || key == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, key, "NULL argument");
    if ((k = key_index(key)) < 0 || number_of(scenario, k, &old) != CCAP_OK)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, key, "not a number setting");
    if (!isfinite(value))
        return ccap__diag_set(diag, CCAP_EDOM, NULL, 0, 0, key, "not a finite number");
    if (!(floor(value) < value) && fabs(value) < 1e15)
        snprintf(buf, sizeof buf, "%.0f", value);
    else
        ccap__format_double(value, buf, sizeof buf);
    return ccap_scenario_set(scenario, key, buf, diag);
}

int
ccap_scenario_get_number(const ccap_scenario *scenario, const char *key, double *value_out)
{
    double x;
    int k;

    if (scenario == NULL || key == NULL || value_out == NULL || (k = key_index(key)) < 0 ||
        number_of(scenario, k, &x) != CCAP_OK)
        return CCAP_EINVAL;
    *value_out = x;
    return CCAP_OK;
}

int
ccap_scenario_given(const ccap_scenario *scenario, const char *key)
{
    const ccap_scenario *sc = scenario;
    int k;

    if (sc == NULL || key == NULL || (k = key_index(key)) < 0)
        return 0;
    if (k < CCAP_SCENARIO_N_INPUTS)
        return sc->inputs[k] != NULL;
    switch (k) {
    case K_YEARS: return sc->years_given;
    case K_STEP: return sc->step_given;
    case K_TIMING: return sc->timing_given;
    case K_A0: return sc->a0_given;
    case K_OBSERVED: return sc->observed_given;
    case K_OCCUPANCY: return sc->occupancy_given;
    case K_ATTRITION: return sc->attrition_given;
    case K_TAKEUP_FROM:
        return sc->takeup_from_given;
    case K_KG_ENROLMENT:
        return sc->kg_given[0];
    case K_CONVERSION_COST:
        return sc->kg_given[1];
    case K_CARER_WAGE:
    case K_HEALTH_WAGE:
    case K_RENT:
    case K_OTHER_RUNNING:
        return sc->running_given[k - K_CARER_WAGE];
    case K_TRAJECTORIES: return sc->trajectories_given;
    case K_SEED: return sc->seed_given;
    case K_THREADS: return sc->threads_given;
    case K_QUANTILES: return sc->quantiles_given;
    case K_TFR_PHI: return sc->tfr_phi_given;
    case K_TFR_SIGMA: return sc->tfr_sigma_given;
    case K_MORTALITY_SD: return sc->mortality_sd_given;
    case K_MIGRATION_SD: return sc->migration_sd_given;
    default: return sc->sensitivity_year_given;
    }
}

const char *
ccap_scenario_input_path(const ccap_scenario *scenario, ccap_scenario_input input)
{
    if (scenario == NULL || (int)input < 0 || (int)input >= CCAP_SCENARIO_N_INPUTS)
        return NULL;
    return scenario->inputs[input];
}

const char *
ccap_scenario_source(const ccap_scenario *scenario, const char *figure)
{
    size_t k;

    if (scenario == NULL || figure == NULL)
        return NULL;
    for (k = 0; k < CCAP__SCENARIO_N_SOURCES; k++)
        if (strcmp(figure, source_keys[k]) == 0)
            return scenario->sources[k];
    return NULL;
}

const double *
ccap_scenario_quantiles(const ccap_scenario *scenario, size_t *n_out)
{
    if (n_out != NULL)
        *n_out = scenario != NULL ? scenario->n_quantiles : 0;
    return scenario != NULL ? scenario->quantiles : NULL;
}

ccap_migration_timing
ccap_scenario_timing(const ccap_scenario *scenario)
{
    return scenario != NULL ? scenario->timing : CCAP_MIGRATION_HALF;
}

ccap_a0_rule
ccap_scenario_a0(const ccap_scenario *scenario)
{
    return scenario != NULL ? scenario->a0 : CCAP_A0_ANDREEV_KINGKADE;
}

/* ---- writing ---- */

/* The longest line (newline excluded) the reader takes in one piece. */
#define LINE_MAX_BYTES ((size_t)INI_MAX_LINE - 1)

typedef struct writer {
    const char *path;
    ccap_diag *diag;
    char *text; /* the whole file, built before anything is written */
    size_t len, cap;
    int status;
} writer;

static void wput(writer *w, const char *key, const char *fmt, ...) CCAP__PRINTF(3, 4);

/* Append one line (key may be NULL for headers and comments); checks its length. */
static void
wput(writer *w, const char *key, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *grown;

    if (w->status != CCAP_OK)
        return;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        w->status = ccap__diag_set(w->diag, CCAP_EINTERNAL, w->path, 0, 0, key, "formatting");
        return;
    }
    if ((size_t)n > LINE_MAX_BYTES) {
        w->status = ccap__diag_set(w->diag, CCAP_ERANGE, w->path, 0, 0, key,
                                   "the line would have %d bytes, more than the %zu a scenario "
                                   "file allows",
                                   n, LINE_MAX_BYTES);
        return;
    }
    grown = ccap__grow(w->text, &w->cap, w->len + (size_t)n + 2, 1);
    if (grown == NULL) {
        w->status = ccap__diag_nomem(w->diag, w->path);
        return;
    }
    w->text = grown;
    va_start(ap, fmt);
    vsnprintf(w->text + w->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    w->len += (size_t)n;
    w->text[w->len++] = '\n';
    w->text[w->len] = '\0';
}

static void
werr(writer *w, const char *key, const char *message)
{
    if (w->status == CCAP_OK)
        w->status = ccap__diag_set(w->diag, CCAP_EDOM, w->path, 0, 0, key, "%s", message);
}

/* A path that INI reads back as written: no control characters, no blanks at either end,
 * no comment (a ';' after a blank). */
static int
path_writable(const char *p)
{
    size_t n = strlen(p), i;

    if (n == 0 || ccap__has_control(p) || is_blank((unsigned char)p[0]) ||
        is_blank((unsigned char)p[n - 1]))
        return 0;
    for (i = 1; i < n; i++) {
        if (p[i] == ';' && is_blank((unsigned char)p[i - 1]))
            return 0;
    }
    return 1;
}

/* The current working directory (malloc'd), or NULL with errno set. */
static char *
working_dir(void)
{
    size_t size = 256;

    for (;;) {
        char *buf = malloc(size);

        if (buf == NULL)
            return NULL;
        if (getcwd(buf, size) != NULL)
            return buf;
        free(buf);
        if (errno != ERANGE || size > ((size_t)1 << 20))
            return NULL;
        size *= 2;
    }
}

static void
write_input(writer *w, const char *key, const char *p, size_t dir_len)
{
    char *cwd;

    if (!path_writable(p)) {
        werr(w, key, "the path has a control character, blanks at an end or a ' ;'");
        return;
    }
    if (dir_len > 0 && strncmp(p, w->path, dir_len) == 0 && p[dir_len] != '\0') {
        wput(w, key, "%s = %s", key, p + dir_len); /* beneath the file's directory */
    } else if (p[0] == '/' || dir_len == 0) {
        wput(w, key, "%s = %s", key, p);
    } else {
        cwd = working_dir();
        if (cwd == NULL) {
            if (w->status == CCAP_OK)
                w->status = errno == ENOMEM
                                ? ccap__diag_nomem(w->diag, w->path)
                                : ccap__diag_set(w->diag, CCAP_EIO, w->path, 0, 0, key,
                                                 "cannot find the working directory");
            return;
        }
        wput(w, key, "%s = %s%s%s", key, cwd, strcmp(cwd, "/") == 0 ? "" : "/", p);
        free(cwd);
    }
}

static void
write_number(writer *w, const char *key, double x)
{
    char buf[32];

    ccap__format_double(x, buf, sizeof buf);
    wput(w, key, "%s = %s", key, buf);
}

int
ccap_scenario_write(const char *path, const ccap_scenario *scenario, ccap_diag *diag)
{
    writer w;
    ccap__outfile out;
    const char *slash;
    size_t dir_len, i;
    int status, k;

    ccap_diag_clear(diag);
    if (path == NULL || scenario == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, path, 0, 0, NULL, "NULL argument");
    memset(&w, 0, sizeof w);
    w.path = path;
    w.diag = diag;
    slash = strrchr(path, '/');
    dir_len = slash != NULL ? (size_t)(slash - path) + 1 : 0;

    wput(&w, NULL, "# ccap scenario");
    wput(&w, NULL, "[inputs]");
    for (i = 0; i < CCAP_SCENARIO_N_INPUTS; i++) {
        if (scenario->inputs[i] != NULL)
            write_input(&w, input_keys[i], scenario->inputs[i], dir_len);
    }
    wput(&w, NULL, "%s", "");
    wput(&w, NULL, "[projection]");
    if (scenario->years != 0)
        wput(&w, "years", "years = %ld", scenario->years);
    if (scenario->step != 0)
        wput(&w, "step", "step = %zu", scenario->step);
    if (w.status == CCAP_OK) {
        wput(&w, "timing", "timing = %s", timing_words[scenario->timing == CCAP_MIGRATION_END]);
        wput(&w, "a0", "a0 = %s", a0_words[scenario->a0 == CCAP_A0_ANDREEV_KINGKADE]);
    }
    if (scenario->observed_given)
        wput(&w, "observed", "observed = %d", scenario->observed);
    wput(&w, NULL, "%s", "");
    wput(&w, NULL, "[childcare]");
    write_number(&w, "occupancy", scenario->occupancy);
    write_number(&w, "attrition", scenario->attrition);
    if (scenario->takeup_from_given)
        wput(&w, "takeup_from", "takeup_from = %s",
             takeup_words[scenario->takeup_from_enrolment != 0]);
    for (k = K_KG_ENROLMENT; k <= K_OTHER_RUNNING; k++) {
        double x;

        if (ccap_scenario_given(scenario, key_name(k)) && number_of(scenario, k, &x) == CCAP_OK)
            write_number(&w, key_name(k), x);
    }
    wput(&w, NULL, "%s", "");
    wput(&w, NULL, "[simulation]");
    wput(&w, "trajectories", "trajectories = %zu", scenario->trajectories);
    wput(&w, "seed", "seed = %lu", scenario->seed);
    wput(&w, "threads", "threads = %zu", scenario->threads);
    if (w.status == CCAP_OK) {
        char line[LINE_MAX_BYTES + 1], buf[32];
        size_t len = (size_t)snprintf(line, sizeof line, "quantiles = ");

        for (i = 0; i < scenario->n_quantiles && w.status == CCAP_OK; i++) {
            ccap__format_double(scenario->quantiles[i], buf, sizeof buf);
            if (len + strlen(buf) + 1 > LINE_MAX_BYTES)
                w.status = ccap__diag_set(diag, CCAP_ERANGE, path, 0, 0, "quantiles",
                                          "too many quantiles for one line of %zu bytes",
                                          LINE_MAX_BYTES);
            else
                len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", i ? "," : "", buf);
        }
        wput(&w, "quantiles", "%s", line);
    }
    if (scenario->tfr_phi_given)
        write_number(&w, "tfr_phi", scenario->tfr_phi);
    if (scenario->tfr_sigma_given)
        write_number(&w, "tfr_sigma", scenario->tfr_sigma);
    if (scenario->mortality_sd_given)
        write_number(&w, "mortality_sd", scenario->mortality_sd);
    if (scenario->migration_sd_given)
        write_number(&w, "migration_sd", scenario->migration_sd);
    if (scenario->sensitivity_year_given)
        wput(&w, "sensitivity_year", "sensitivity_year = %d", scenario->sensitivity_year);
    for (i = 0; i < CCAP__SCENARIO_N_SOURCES && scenario->sources[i] == NULL; i++)
        ;
    if (i < CCAP__SCENARIO_N_SOURCES) {
        wput(&w, NULL, "%s", "");
        wput(&w, NULL, "[sources]");
        for (i = 0; i < CCAP__SCENARIO_N_SOURCES; i++)
            if (scenario->sources[i] != NULL)
                wput(&w, source_keys[i], "%s = %s", source_keys[i], scenario->sources[i]);
    }
    if (w.status != CCAP_OK) {
        free(w.text);
        return w.status;
    }

    status = ccap__outfile_open(&out, path, diag);
    if (status != CCAP_OK) {
        free(w.text);
        return status;
    }
    if (fwrite(w.text, 1, w.len, out.fp) != w.len)
        ccap__outfile_failed(&out);
    free(w.text);
    return ccap__outfile_commit(&out, diag);
}

int
ccap_scenario_jump_off_year(const ccap_scenario *scenario, const ccap_population *base,
                            const ccap_childcare_inventory *slots)
{
    size_t n = 0;
    const int *years;

    if (scenario != NULL && scenario->observed_given)
        return scenario->observed;
    years = slots != NULL ? ccap_childcare_inventory_years(slots, &n) : NULL;
    if (n > 0)
        return years[n - 1];
    return base != NULL ? ccap_population_year(base) : 0;
}
