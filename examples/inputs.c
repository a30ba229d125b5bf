/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The inputs of a scenario, read for ccap-simulate and ccap-plan (see inputs.h). */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "inputs.h"

int
cli_inputs_read(const char *program, cli_inputs *in)
{
    ccap_diag diag;
    const ccap_diag *w;
    size_t i;
    int s = ccap_scenario_read_inputs(in->sc, cli_read_options(), &in->data, &diag);

    for (i = 0; (w = ccap_scenario_data_warning(in->data, i)) != NULL; i++)
        cli_read(CCAP_OK, w);
    if (s == CCAP_EINVAL && diag.file[0] == '\0')
        return cli_usage_error(program, "%s", diag.message);
    if (s != CCAP_OK) {
        if (diag.file[0] == '\0')
            fprintf(stderr, "%s: %s\n", program, diag.message);
        else
            cli_print_diag(&diag);
        return CLI_EXIT_DATA;
    }
    ccap_scenario_data_inputs(in->data, &in->plan);
    ccap_scenario_kindergarten_params(in->sc, &in->kg);
    in->plan.kindergarten_params = &in->kg;
    if (ccap_scenario_running_cost(in->sc, &in->run) == CCAP_OK)
        in->plan.running = &in->run;
    in->regions = in->plan.regions;
    in->base = in->plan.base;
    in->mort = in->plan.assumptions.mortality;
    in->fert = in->plan.assumptions.fertility;
    in->srb = in->plan.assumptions.srb;
    in->mig = in->plan.assumptions.migration;
    in->mig_rates = in->plan.assumptions.migration_rates;
    in->targets = in->plan.targets;
    in->inv = in->plan.inventory;
    in->takeup = in->plan.takeup;
    in->costs = in->plan.costs;
    /* the steps that reach the end of the run's last year, as the plan projects them */
    in->steps = ccap_projection_steps_to_year_end(in->base, in->plan.n_steps);
    return CLI_EXIT_OK;
}

void
cli_inputs_free(cli_inputs *in)
{
    ccap_scenario_data_free(in->data);
    ccap_scenario_free(in->sc);
    memset(in, 0, sizeof *in);
}

void
cli_inputs_assumptions(const cli_inputs *in, ccap_assumptions *a)
{
    a->mortality = in->mort;
    a->fertility = in->fert;
    a->srb = in->srb;
    a->migration = in->mig;
    a->migration_rates = in->mig_rates;
    a->a0 = ccap_scenario_a0(in->sc);
    a->timing = ccap_scenario_timing(in->sc);
}

int
cli_inputs_last_inventory_year(const cli_inputs *in)
{
    size_t n = 0;
    const int *years = in->inv != NULL ? ccap_childcare_inventory_years(in->inv, &n) : NULL;

    return n > 0 ? years[n - 1] : 0;
}

void
cli_inputs_uncertainty_params(const cli_inputs *in, ccap_uncertainty_params *params)
{
    ccap_plan_options o;

    ccap_scenario_plan_options(in->sc, &o);
    *params = o.uncertainty;
    params->n_trajectories = o.n_trajectories;
    params->jump_off_year = ccap_scenario_jump_off_year(in->sc, in->base, in->inv);
}

void
cli_inputs_files(const cli_inputs *in, const char *scenario, const char *files[CLI_INPUTS_FILES])
{
    size_t i;

    files[0] = scenario;
    for (i = 0; i < CCAP_SCENARIO_N_INPUTS; i++)
        files[i + 1] = ccap_scenario_input_path(in->sc, (ccap_scenario_input)i);
}
