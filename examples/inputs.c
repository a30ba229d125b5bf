/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The inputs of a scenario, read for ccap-simulate and ccap-plan (see inputs.h). */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "inputs.h"

int
cli_inputs_read(const char *program, cli_inputs *in)
{
    char *const *f = in->sc->inputs;
    ccap_diag diag;
    size_t width, cells, i;

    for (i = 0; i <= CCAP_SCENARIO_SRB; i++) {
        if (f[i] == NULL)
            return cli_usage_error(program, "no %s file: give it in the scenario or as an option",
                                   ccap_scenario_input_name((ccap_scenario_input)i));
    }
    if (!in->sc->years_given || in->sc->years <= 0)
        return cli_usage_error(program, "no number of years: --years N or years = N in the "
                                        "scenario");
    if (cli_read(ccap_csv_read_regions(f[CCAP_SCENARIO_REGIONS], &in->regions, cli_read_options(),
                                       &diag),
                 &diag) != CCAP_OK ||
        cli_read(ccap_csv_read_population(f[CCAP_SCENARIO_POPULATION], in->regions, CCAP_YEAR_ANY,
                                          &in->base, cli_read_options(), &diag),
                 &diag) != CCAP_OK ||
        cli_read(ccap_csv_read_mortality(f[CCAP_SCENARIO_MORTALITY], in->regions, &in->mort,
                                         cli_read_options(), &diag),
                 &diag) != CCAP_OK ||
        cli_read(ccap_csv_read_fertility(f[CCAP_SCENARIO_FERTILITY], in->regions, &in->fert,
                                         cli_read_options(), &diag),
                 &diag) != CCAP_OK ||
        cli_read(ccap_csv_read_srb(f[CCAP_SCENARIO_SRB], in->regions, &in->srb, cli_read_options(),
                                   &diag),
                 &diag) != CCAP_OK ||
        (f[CCAP_SCENARIO_MIGRATION] != NULL &&
         cli_read(ccap_csv_read_migration(f[CCAP_SCENARIO_MIGRATION], in->regions, &in->mig,
                                          cli_read_options(), &diag),
                  &diag) != CCAP_OK) ||
        (f[CCAP_SCENARIO_MIGRATION_RATES] != NULL &&
         cli_read(ccap_csv_read_migration_rates(f[CCAP_SCENARIO_MIGRATION_RATES], in->regions,
                                                &in->mig_rates, cli_read_options(), &diag),
                  &diag) != CCAP_OK) ||
        (f[CCAP_SCENARIO_SLOTS] != NULL &&
         cli_read(ccap_csv_read_slots(f[CCAP_SCENARIO_SLOTS], in->regions, &in->inv,
                                      cli_read_options(), &diag),
                  &diag) != CCAP_OK) ||
        (f[CCAP_SCENARIO_TARGETS] != NULL &&
         cli_read(ccap_csv_read_targets(f[CCAP_SCENARIO_TARGETS], in->regions, &in->targets,
                                        cli_read_options(), &diag),
                  &diag) != CCAP_OK) ||
        (f[CCAP_SCENARIO_TAKEUP] != NULL &&
         cli_read(ccap_csv_read_takeup(f[CCAP_SCENARIO_TAKEUP], in->regions, &in->takeup,
                                       cli_read_options(), &diag),
                  &diag) != CCAP_OK) ||
        (f[CCAP_SCENARIO_COSTS] != NULL &&
         cli_read(
             ccap_csv_read_costs(f[CCAP_SCENARIO_COSTS], &in->costs, cli_read_options(), &diag),
             &diag) != CCAP_OK)) {
        cli_print_diag(&diag);
        return CLI_EXIT_DATA;
    }
    width = ccap_population_age_width(in->base);
    if (in->sc->step_given && in->sc->step != width) {
        fprintf(stderr,
                "%s: the population has %zu-year age groups; the scenario asks for "
                "%zu-year steps\n",
                f[CCAP_SCENARIO_POPULATION], width, in->sc->step);
        return CLI_EXIT_DATA;
    }
    if (in->sc->years % (long)width != 0)
        return cli_usage_error(program, "%ld years is not a multiple of the step %zu",
                               in->sc->years, width);
    in->steps = (size_t)in->sc->years / width;
    if (ccap_population_year(in->base) + in->sc->years > CCAP_YEAR_MAX)
        return cli_usage_error(program, "%ld years from %d would end in %ld, after %d",
                               in->sc->years, ccap_population_year(in->base),
                               ccap_population_year(in->base) + in->sc->years, CCAP_YEAR_MAX);
    /* Too large a run is said as such here, not later as "out of memory". */
    if (ccap_projection_cells(ccap_regions_count(in->regions), ccap_population_n_ages(in->base),
                              in->steps, &cells, &diag) != CCAP_OK) {
        fprintf(stderr, "%s: %s\n", program, diag.message);
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}

void
cli_inputs_free(cli_inputs *in)
{
    ccap_gap_costs_free(in->costs);
    ccap_childcare_takeup_free(in->takeup);
    ccap_childcare_inventory_free(in->inv);
    ccap_schedule_free(in->targets);
    ccap_schedule_free(in->mig_rates);
    ccap_schedule_free(in->mig);
    ccap_schedule_free(in->srb);
    ccap_schedule_free(in->fert);
    ccap_schedule_free(in->mort);
    ccap_population_free(in->base);
    ccap_regions_free(in->regions);
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
    a->a0 = in->sc->a0;
    a->timing = in->sc->timing;
}

int
cli_inputs_step_year(const cli_inputs *in, size_t step)
{
    const double t =
        ccap_population_time(in->base) + (double)(step * ccap_population_age_width(in->base));

    return (int)floor(t + 0.5) - 1;
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
    const ccap_scenario *sc = in->sc;

    *params = ccap_uncertainty_params_default();
    params->n_trajectories = sc->trajectories;
    params->seed = sc->seed;
    params->n_threads = sc->threads;
    params->jump_off_year = ccap_scenario_jump_off_year(sc, in->base, in->inv);
    if (sc->tfr_phi_given)
        params->tfr_phi = sc->tfr_phi;
    if (sc->tfr_sigma_given)
        params->tfr_sigma = sc->tfr_sigma;
    if (sc->mortality_sd_given)
        params->mortality_sd = sc->mortality_sd;
    if (sc->migration_sd_given)
        params->migration_sd = sc->migration_sd;
}

void
cli_inputs_files(const cli_inputs *in, const char *scenario, const char *files[CLI_INPUTS_FILES])
{
    size_t i;

    files[0] = scenario;
    for (i = 0; i < CCAP_SCENARIO_N_INPUTS; i++)
        files[i + 1] = in->sc != NULL ? in->sc->inputs[i] : NULL;
}
