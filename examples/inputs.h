/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The inputs of a scenario, read for ccap-simulate and ccap-plan. */
#ifndef CCAP_INPUTS_H
#define CCAP_INPUTS_H

#include "cli.h"

typedef struct cli_inputs {
    ccap_scenario *sc;        /* the run: paths and parameters (owned) */
    ccap_scenario_data *data; /* what its files hold (owned); the pointers below are its */
    ccap_plan_inputs plan;    /* the inputs of a plan */
    const ccap_regions *regions;
    const ccap_population *base;
    const ccap_schedule *mort, *fert, *srb, *mig, *mig_rates, *targets;
    const ccap_childcare_inventory *inv; /* NULL: no slots file */
    const ccap_childcare_takeup *takeup; /* NULL: no take-up file */
    const ccap_gap_costs *costs;         /* NULL: no costs file */
    size_t steps;                        /* projection steps: years / age width */
    ccap_kindergarten_params kg;         /* the scenario's (plan.kindergarten_params) */
    ccap_running_cost_params run;        /* the scenario's, when given (plan.running) */
} cli_inputs;

/* Read every file the scenario names (in->sc set, everything else zero) with
 * ccap_scenario_read_inputs(); messages and warnings on stderr.
 * Returns CLI_EXIT_OK, CLI_EXIT_DATA or CLI_EXIT_USAGE. */
int cli_inputs_read(const char *program, cli_inputs *in);

/* The files of a run: the scenario (may be NULL) and every input it names (NULL when
 * absent), for cli_outdir_options.inputs. */
#define CLI_INPUTS_FILES (CCAP_SCENARIO_N_INPUTS + 1)
void cli_inputs_files(const cli_inputs *in, const char *scenario,
                      const char *files[CLI_INPUTS_FILES]);

/* Free what cli_inputs_read() read, and the scenario. */
void cli_inputs_free(cli_inputs *in);

/* The projection assumptions of the inputs. */
void cli_inputs_assumptions(const cli_inputs *in, ccap_assumptions *a);

/* The last year of the slot inventory (0 when there is none). */
int cli_inputs_last_inventory_year(const cli_inputs *in);

/* Monte Carlo parameters from the scenario (trajectories, seed, threads, jump-off, spreads). */
void cli_inputs_uncertainty_params(const cli_inputs *in, ccap_uncertainty_params *params);

#endif /* CCAP_INPUTS_H */
