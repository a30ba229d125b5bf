/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_SCENARIO_H
#define CCAP_SCENARIO_H

/**
 * @file ccap_scenario.h
 * @brief Scenario files: one INI file that keeps every input and setting of a run.
 *
 * A scenario file names the input tables of a run (regions, base population, rates,
 * childcare slots, targets, take-up, costs, kindergarten places) and the settings of the
 * projection, the childcare indicators and the stochastic simulation, so that an analyst can keep a
 * run as a file and make it again.  The format is INI, read with libinih, in four sections:
 *
 * - `[inputs]`: paths, relative to the directory of the scenario file unless absolute;
 * - `[projection]`: `years` (1 to 500), `step` (1 or 5), `timing` (`half` | `end`, see
 *   ::ccap_migration_timing), `a0` (`andreev-kingkade` | `coale-demeny`, see ::ccap_a0_rule),
 *   `observed` (a year, 1700 to 2300: the last year with observed figures; uncertainty and
 *   variants start after it, see ccap_scenario_jump_off_year());
 * - `[childcare]`: `occupancy` in [0.1, 1], `attrition` in [0, 1); with kindergarten
 *   places, `kindergarten_enrolment` (kindergarten children per child aged 3-5, in
 *   [0, 1.5]) and `conversion_cost` (yuan per converted slot, 0 to 1,000,000), see
 *   ccap_scenario_kindergarten_params(); the running cost built up from staff and space,
 *   `carer_wage_month` and `health_wage_month` (yuan a month), `rent_m2_month` (yuan per
 *   m² and month) and `other_per_slot_year` (yuan per slot and year), each 0 to 10,000,000,
 *   see ccap_scenario_running_cost();
 * - `[simulation]`: `trajectories` (1 to 1,000,000), `seed` (0 to 4294967295), `threads`
 *   (0 to 4096, 0 meaning as many as available), `quantiles` (a comma-separated list,
 *   each in (0, 1), strictly increasing) and the stochastic parameters `tfr_phi`
 *   (in [0, 1)), `tfr_sigma`, `mortality_sd` and `migration_sd` (0 to 1), and
 *   `sensitivity_year` (a year, 1700 to 2300: the year-end at which `ccap-simulate` measures
 *   the sensitivity of the gaps).
 * - Lines end in LF, CRLF or a lone CR; `key: value` is refused (write `key = value`).
 *
 * A scenario is opaque.  Every setting has a flag saying whether it was given: the reader
 * sets it for each key present with a non-empty value, and so does ccap_scenario_set(),
 * so that a program can let its command-line options override the file and apply its
 * defaults to what neither gives.  Settings are set and read by their key in the file
 * (ccap_scenario_set(), ccap_scenario_get_number(), ccap_scenario_given()), through the
 * same parsing and range checks as the file, so that a program cannot hold a value the
 * file would refuse.  docs/data-formats.md describes the format in full, with an example.
 */

#include <ccap/ccap_common.h>
#include <ccap/ccap_read.h>
#include <ccap/ccap_lifetable.h>
#include <ccap/ccap_plan.h>
#include <ccap/ccap_projection.h>
#include <ccap/ccap_childcare.h>
#include <ccap/ccap_uncertainty.h>

CCAP_BEGIN_DECLS

/** The input tables a scenario names, in the order of the `[inputs]` section. */
typedef enum ccap_scenario_input {
    CCAP_SCENARIO_REGIONS = 0,         /**< `regions`: the region table */
    CCAP_SCENARIO_POPULATION = 1,      /**< `population`: the base population */
    CCAP_SCENARIO_MORTALITY = 2,       /**< `mortality`: death rates */
    CCAP_SCENARIO_FERTILITY = 3,       /**< `fertility`: age-specific fertility rates */
    CCAP_SCENARIO_SRB = 4,             /**< `srb`: sex ratio at birth */
    CCAP_SCENARIO_MIGRATION_RATES = 5, /**< `migration_rates`: net migration rates */
    CCAP_SCENARIO_MIGRATION = 6,       /**< `migration`: net migrant counts */
    CCAP_SCENARIO_SLOTS = 7,           /**< `slots`: the childcare slot inventory */
    CCAP_SCENARIO_TARGETS = 8,         /**< `targets`: slots per 1,000 targets */
    CCAP_SCENARIO_TAKEUP = 9,          /**< `takeup`: take-up shares */
    CCAP_SCENARIO_COSTS = 10,          /**< `costs`: costs per slot */
    CCAP_SCENARIO_KINDERGARTEN = 11,   /**< `kindergarten`: kindergarten places (since 0.2) */
    CCAP_SCENARIO_MONTHLY_BIRTHS = 12  /**< `monthly_births`: births of the last observed year
                                            by month, for the 6-12-month share of age 0
                                            (since 0.2) */
} ccap_scenario_input;

/** Number of ::ccap_scenario_input values. */
#define CCAP_SCENARIO_N_INPUTS 13

/** Largest `years` a scenario accepts (as `ccap-project --years`). */
#define CCAP_SCENARIO_YEARS_MAX 500
/** Largest `trajectories` a scenario accepts. */
#define CCAP_SCENARIO_TRAJECTORIES_MAX 1000000
/** Largest `threads` a scenario accepts. */
#define CCAP_SCENARIO_THREADS_MAX 4096
/** Largest `seed` a scenario accepts (2^32 - 1, so that it fits an `unsigned long` everywhere). */
#define CCAP_SCENARIO_SEED_MAX 4294967295UL
/** Smallest `occupancy` a scenario accepts: fewer than one slot in ten filled is no target. */
#define CCAP_SCENARIO_OCCUPANCY_MIN 0.1
/** Largest `tfr_sigma`, `mortality_sd` and `migration_sd` a scenario accepts. */
#define CCAP_SCENARIO_SD_MAX 1.0

/**
 * A whole run: input paths and settings, each with a flag saying whether it was given
 * (opaque).
 *
 * Settings that are not given hold the defaults that ccap_scenario_alloc() sets: no paths,
 * `years` 0 and `step` 0 (none: the program decides), `timing` `half`
 * (#CCAP_MIGRATION_HALF), `a0` `andreev-kingkade` (#CCAP_A0_ANDREEV_KINGKADE), `observed`
 * 0 (see ccap_scenario_jump_off_year()), `occupancy` 0.8, `attrition` 0, `trajectories`
 * 1000, `seed` #CCAP_UNCERTAINTY_SEED_DEFAULT (as ccap_uncertainty_params_default()),
 * `threads` 0, `quantiles` 0.1, 0.5, 0.9, the stochastic parameters NaN (the model's
 * defaults) and `sensitivity_year` 0 (the program decides).
 */
typedef struct ccap_scenario ccap_scenario;

/**
 * A new scenario holding the defaults (see ::ccap_scenario), nothing given.
 *
 * @return The scenario, to be freed with ccap_scenario_free(), or NULL when out of memory.
 * @since 0.1
 */
CCAP_API ccap_scenario *ccap_scenario_alloc(void);

/**
 * Free a scenario, its paths and its quantiles.  NULL is a no-op.
 *
 * @param scenario  The scenario, or NULL.
 * @since 0.1
 */
CCAP_API void ccap_scenario_free(ccap_scenario *scenario);

/**
 * The key of an input in the `[inputs]` section, e.g. "migration_rates".
 *
 * @param input  A ::ccap_scenario_input.
 * @return A static string, or "unknown" for a value outside ::ccap_scenario_input.
 * @since 0.1
 */
CCAP_API const char *ccap_scenario_input_name(ccap_scenario_input input);

/**
 * Set (a copy of) the path of an input, or clear it.
 *
 * @param scenario  The scenario.
 * @param input     Which input.
 * @param path      The path, copied; NULL or "" clears the input.
 * @retval CCAP_OK      done.
 * @retval CCAP_EINVAL  @p scenario is NULL or @p input is outside ::ccap_scenario_input.
 * @retval CCAP_ENOMEM  out of memory; the scenario is unchanged.
 * @since 0.1
 */
CCAP_API int ccap_scenario_set_input(ccap_scenario *scenario, ccap_scenario_input input,
                                     const char *path);

/**
 * Set (a copy of) the quantiles and mark them given.
 *
 * @param scenario  The scenario.
 * @param q         The probabilities, each in (0, 1), strictly increasing.
 * @param n         Number of probabilities, at least 1.
 * @retval CCAP_OK      done.
 * @retval CCAP_EINVAL  @p scenario or @p q is NULL, or @p n is 0.
 * @retval CCAP_EDOM    a probability is not in (0, 1) (NaN included) or they do not increase.
 * @retval CCAP_ENOMEM  out of memory.
 * On failure the scenario is unchanged.
 * @since 0.1
 */
CCAP_API int ccap_scenario_set_quantiles(ccap_scenario *scenario, const double q[], size_t n);

/**
 * Set a setting from its text, as the line `key = value` of a scenario file would, and
 * mark it given.  The one way to change a setting: the same parsing and range checks as
 * ccap_scenario_read(), so that the messages are the file's.
 *
 * @param scenario  The scenario.
 * @param key       A key of `[projection]`, `[childcare]` or `[simulation]` (e.g. "seed",
 *                  "quantiles", "timing"), or of `[inputs]` (the path taken as given).
 * @param value     The text, e.g. "2024", "0.1,0.5,0.9", "end"; not empty.
 * @param diag      Optional; cleared, and filled on failure (field: @p key).
 * @retval CCAP_OK      done.
 * @retval CCAP_EINVAL  a NULL argument, an unknown key or an empty value.
 * @retval CCAP_EPARSE  not a number, or not one of the key's words.
 * @retval CCAP_EDOM    out of the key's range (see the file format above).
 * @retval CCAP_ENOMEM  out of memory.
 * On failure the scenario is unchanged.
 * @since 0.2
 */
CCAP_API int ccap_scenario_set(ccap_scenario *scenario, const char *key, const char *value,
                               ccap_diag *diag);

/**
 * Set a number setting (`years`, `step`, `observed`, `occupancy`, `attrition`,
 * `trajectories`, `seed`, `threads`, `tfr_phi`, `tfr_sigma`, `mortality_sd`,
 * `migration_sd`, `sensitivity_year`) and mark it given: ccap_scenario_set() of the
 * number written in decimal.
 *
 * @param scenario  The scenario.
 * @param key       One of the keys above.
 * @param value     The value; whole for the whole-number keys.
 * @param diag      Optional; cleared, and filled on failure (field: @p key).
 * @retval CCAP_OK      done.
 * @retval CCAP_EINVAL  a NULL argument, or @p key is not a number setting.
 * @retval CCAP_EPARSE  a fraction for a whole-number key.
 * @retval CCAP_EDOM    not finite, or out of the key's range.
 * On failure the scenario is unchanged.
 * @since 0.2
 */
CCAP_API int ccap_scenario_set_number(ccap_scenario *scenario, const char *key, double value,
                                      ccap_diag *diag);

/**
 * The value of a number setting (the keys of ccap_scenario_set_number()), given or
 * defaulted: 0 for `years`, `step`, `observed` and `sensitivity_year` when not given
 * (the program decides), NaN for the stochastic parameters when not given.
 *
 * @param scenario   The scenario.
 * @param key        A number setting's key.
 * @param[out] value_out  Receives the value; untouched on failure.
 * @retval CCAP_OK      done.
 * @retval CCAP_EINVAL  a NULL argument, or @p key is not a number setting.
 * @since 0.2
 */
CCAP_API int ccap_scenario_get_number(const ccap_scenario *scenario, const char *key,
                                      double *value_out);

/**
 * Whether a setting or input was given, by the file or by ccap_scenario_set() (for an
 * input: whether it has a path).
 *
 * @param scenario  The scenario.
 * @param key       Any key of the file.
 * @return 1 when given; 0 when not, or for NULL arguments or an unknown key.
 * @since 0.2
 */
CCAP_API int ccap_scenario_given(const ccap_scenario *scenario, const char *key);

/**
 * Where a figure of the scenario comes from: the note of its key in the file's `[sources]`
 * section (`takeup = published: 2023 survey of 1,200 families`), which starts with its
 * kind (ccap_note_provenance(): `published:`, `derived:`, `assumed:`, or 公布, 推算,
 * 假定); a figure without one is assumed.
 *
 * @param scenario  The scenario.
 * @param figure    `slots`, `targets`, `takeup`, `costs`, `occupancy` or `kindergarten`.
 * @return The note, owned by the scenario and valid until it is freed; NULL when not given,
 *         or for a NULL argument or another figure.
 * @since 0.2
 */
CCAP_API const char *ccap_scenario_source(const ccap_scenario *scenario, const char *figure);

/**
 * The path of an input.
 *
 * @param scenario  The scenario.
 * @param input     Which input.
 * @return The path (relative ones joined to the scenario file's directory), owned by the
 *         scenario and valid until it changes or is freed; NULL when absent, or for a NULL
 *         scenario or an input outside ::ccap_scenario_input.
 * @since 0.2
 */
CCAP_API const char *ccap_scenario_input_path(const ccap_scenario *scenario,
                                              ccap_scenario_input input);

/**
 * The quantiles of the summaries (given or the default 0.1, 0.5, 0.9).
 *
 * @param scenario  The scenario.
 * @param[out] n_out  Receives their number (0 for a NULL scenario).
 * @return The probabilities, increasing, owned by the scenario; NULL for a NULL scenario.
 * @since 0.2
 */
CCAP_API const double *ccap_scenario_quantiles(const ccap_scenario *scenario, size_t *n_out);

/**
 * How migrants join (`timing`).
 *
 * @param scenario  The scenario; NULL gives the default.
 * @return The timing, #CCAP_MIGRATION_HALF unless given.
 * @since 0.2
 */
CCAP_API ccap_migration_timing ccap_scenario_timing(const ccap_scenario *scenario);

/**
 * The rule for a0 in life tables (`a0`).
 *
 * @param scenario  The scenario; NULL gives the default.
 * @return The rule, #CCAP_A0_ANDREEV_KINGKADE unless given.
 * @since 0.2
 */
CCAP_API ccap_a0_rule ccap_scenario_a0(const ccap_scenario *scenario);

/**
 * Parse a random seed: a whole number from 0 to #CCAP_SCENARIO_SEED_MAX in decimal digits
 * (blanks around it allowed, no sign).  The one rule for a seed, in a scenario file and on
 * the command line.
 *
 * @param text      NUL-terminated text.
 * @param seed_out  Receives the seed; untouched on failure.
 * @retval CCAP_OK      done.
 * @retval CCAP_EINVAL  @p text or @p seed_out is NULL.
 * @retval CCAP_EPARSE  not a whole number.
 * @retval CCAP_EDOM    a whole number above #CCAP_SCENARIO_SEED_MAX, or negative.
 * @since 0.1
 */
CCAP_API int ccap_scenario_parse_seed(const char *text, unsigned long *seed_out);

/**
 * Read a scenario file.
 *
 * Unknown sections and keys, keys outside a section, duplicate keys, indented
 * (continuation) lines, over-long lines, text that is not UTF-8, values that are not
 * numbers or not one of the allowed words, and values out of range are errors; @p diag
 * names the file, the line and the key (`FILE:LINE: key: message`).  An empty value is the
 * same as an absent key.  Relative paths are joined to the directory of @p path.
 *
 * @param path          The file.
 * @param scenario_out  Receives the new scenario (free with ccap_scenario_free()), or NULL
 *                      on failure.
 * @param[in]  options  Reading options such as the encoding; NULL for the defaults.
 * @param diag          Optional; cleared, filled on failure, or with a warning on success.
 * @retval CCAP_OK      done.
 * @retval CCAP_EINVAL  @p path or @p scenario_out is NULL.
 * @retval CCAP_EIO     the file cannot be opened or read.
 * @retval CCAP_EPARSE  a syntax error, an unknown section or key, a duplicate key, a
 *                      malformed number or an unknown word (`timing`, `a0`).
 * @retval CCAP_EDOM    a number out of its range (see the format above).
 * @retval CCAP_ENOMEM  out of memory.
 * @since 0.1
 */
CCAP_API int ccap_scenario_read(const char *path, ccap_scenario **scenario_out,
                                const ccap_read_options *options, ccap_diag *diag);

/**
 * Write a scenario file, atomically (a temporary file beside @p path, then renamed).
 *
 * Every setting that has a value is written, given or defaulted, so that the file makes
 * the same run even if defaults change; `years` and `step` are written when nonzero and
 * the stochastic parameters when given.  Paths under the directory of @p path are written
 * relative to it, other relative paths as absolute paths (from the current working
 * directory), so that ccap_scenario_read() of the new file names the same files.
 *
 * @param path      The file to write.
 * @param scenario  The scenario.
 * @param diag      Optional; cleared, and filled on failure (field: the key at fault).
 * @retval CCAP_OK      done.
 * @retval CCAP_EINVAL  @p path or @p scenario is NULL.
 * @retval CCAP_EDOM    a path has a control character,
 *                      leading or trailing blanks or a " ;" (which INI would read as a comment).
 * @retval CCAP_ERANGE  a line would be longer than libinih reads (199 bytes).
 * @retval CCAP_EIO     the file cannot be written, or the working directory is unknown.
 * @retval CCAP_ENOMEM  out of memory.
 * @since 0.1
 */
CCAP_API int ccap_scenario_write(const char *path, const ccap_scenario *scenario,
                                 ccap_diag *diag);

/**
 * The jump-off year of a scenario, the last year with observed figures: uncertainty
 * (ccap_uncertainty_params::jump_off_year) and variants (ccap_projection_run_variant())
 * start after it, so that the years up to it are the same in every trajectory and
 * variant.  It is `observed` when the scenario gives it; else the last year of the slot
 * inventory when there is one (slots are counted up to the year they were last
 * counted); else the base year.
 *
 * @param scenario  The scenario (NULL: as a scenario without `observed`).
 * @param base      The base population (its year), or NULL.
 * @param slots     The scenario's slot inventory, or NULL when it has none.
 * @return The year; 0 when none of the three gives one.
 * @since 0.2
 */
CCAP_API int ccap_scenario_jump_off_year(const ccap_scenario *scenario, const ccap_population *base,
                                         const ccap_childcare_inventory *slots);

/* ---- a scenario's files, read for a plan ---- */

/** The objects read from a scenario's input files (opaque; owns them). */
typedef struct ccap_scenario_data ccap_scenario_data;

/**
 * Read every file a scenario names, in one call: the region table, the base population,
 * the rates, and the slots, targets, take-up and costs when given.
 *
 * The scenario must name regions, population, mortality, fertility and srb and give a
 * number of years that is a multiple of the population's age width; the run must fit
 * #CCAP_CELLS_MAX.  Warnings of the readers (e.g. a file read as GB18030) are kept:
 * ccap_scenario_data_warning().
 *
 * @param scenario  The scenario (borrowed for the call; its paths are read).
 * @param options   Reader options (encoding), or NULL for the defaults.
 * @param[out] data_out  The objects, to free with ccap_scenario_data_free(); NULL on failure.
 * @param diag      Receives FILE:LINE: field: message of the first error (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a required input or the number of years missing, or years that are
 *                      not a multiple of the age width (a usage error: the message says
 *                      which)
 * @retval CCAP_ERANGE  the run would hold more than #CCAP_CELLS_MAX numbers, or end after
 *                      #CCAP_YEAR_MAX
 * @retval CCAP_ENOMEM  out of memory
 * @return otherwise the status of the reader that failed (CCAP_EIO, CCAP_EPARSE, ...)
 * @since 0.2
 */
CCAP_API int ccap_scenario_read_inputs(const ccap_scenario *scenario,
                                       const ccap_read_options *options,
                                       ccap_scenario_data **data_out, ccap_diag *diag);

/**
 * Free what ccap_scenario_read_inputs() read.  NULL is a no-op.
 *
 * @param data  The objects, or NULL.
 * @since 0.2
 */
CCAP_API void ccap_scenario_data_free(ccap_scenario_data *data);

/**
 * The inputs of a plan from what was read, and the projection's steps (years / age
 * width).  The pointers in @p inputs are owned by @p data and live until it is freed.
 *
 * @param data  What ccap_scenario_read_inputs() read.
 * @param[out] inputs  Filled (version #CCAP_PLAN_INPUTS_VERSION); absent files are NULL.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument
 * @since 0.2
 */
CCAP_API int ccap_scenario_data_inputs(const ccap_scenario_data *data,
                                       ccap_plan_inputs *inputs);

/**
 * The @p i-th warning the readers gave (in the order the files were read).
 *
 * @param data  What ccap_scenario_read_inputs() read.
 * @param i     From 0.
 * @return The warning, owned by @p data; NULL when there are no more.
 * @since 0.2
 */
CCAP_API const ccap_diag *ccap_scenario_data_warning(const ccap_scenario_data *data, size_t i);

/** Largest `conversion_cost` a scenario accepts, yuan per converted slot. */
#define CCAP_SCENARIO_CONVERSION_COST_MAX 1e6

/** Largest wage, rent or other running cost a scenario accepts, yuan. */
#define CCAP_SCENARIO_RUNNING_MAX 1e7

/**
 * The kindergarten parameters of a scenario (ccap_plan_inputs.kindergarten_params):
 * `kindergarten_enrolment` and `conversion_cost` where given, the defaults of
 * ::CCAP_KINDERGARTEN_PARAMS_INIT for the rest (91.1 %, 0.8 slot per place, 5,000 yuan).
 *
 * @param scenario     The scenario.
 * @param[out] params  Filled.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument
 * @since 0.2
 */
CCAP_API int ccap_scenario_kindergarten_params(const ccap_scenario *scenario,
                                               ccap_kindergarten_params *params);

/**
 * The running cost of a scenario built up from staff and space (ccap_plan_inputs.running):
 * `carer_wage_month`, `health_wage_month`, `rent_m2_month` and `other_per_slot_year`, 0 for
 * those not given.
 *
 * @param scenario     The scenario.
 * @param[out] params  Filled when the scenario gives at least one of the four keys.
 * @retval CCAP_OK        success
 * @retval CCAP_ENOTFOUND the scenario gives none of them: the plan takes the running cost
 *                        of the costs file; @p params is left as it was
 * @retval CCAP_EINVAL    NULL argument
 * @since 0.2
 */
CCAP_API int ccap_scenario_running_cost(const ccap_scenario *scenario,
                                        ccap_running_cost_params *params);

/**
 * The options of a plan from a scenario: occupancy, attrition, trajectories, seed,
 * threads, the jump-off (`observed`, when given) and the Monte Carlo parameters it gives; the rest
 * the defaults of ccap_plan_options_init().
 *
 * @param scenario  The scenario.
 * @param[out] options  Filled.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument
 * @since 0.2
 */
CCAP_API int ccap_scenario_plan_options(const ccap_scenario *scenario,
                                        ccap_plan_options *options);

CCAP_END_DECLS

#endif /* CCAP_SCENARIO_H */
