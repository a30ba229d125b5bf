/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A scenario's input files read into the objects of a plan (see ccap_scenario.h). */

#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

/* Warnings kept: one per file is the most the readers give. */
#define WARNINGS_MAX CCAP_SCENARIO_N_INPUTS

struct ccap_scenario_data {
    ccap_regions *regions;
    ccap_population *base;
    ccap_schedule *mort, *fert, *srb, *mig, *mig_rates, *targets; /* targets: per 1,000 */
    ccap_targets *target_set;                                     /* every measure */
    ccap_childcare_inventory *inv;
    ccap_childcare_takeup *takeup;
    ccap_gap_costs *costs;
    ccap_kindergarten *kindergarten;
    double infant_share; /* from monthly_births; 0: one half */
    ccap_assumptions assumptions;
    size_t steps;
    ccap_diag warnings[WARNINGS_MAX];
    size_t n_warnings;
};

void
ccap_scenario_data_free(ccap_scenario_data *d)
{
    if (d == NULL)
        return;
    ccap_kindergarten_free(d->kindergarten);
    ccap_gap_costs_free(d->costs);
    ccap_childcare_takeup_free(d->takeup);
    ccap_childcare_inventory_free(d->inv);
    ccap_schedule_free(d->targets);
    ccap_targets_free(d->target_set);
    ccap_schedule_free(d->mig_rates);
    ccap_schedule_free(d->mig);
    ccap_schedule_free(d->srb);
    ccap_schedule_free(d->fert);
    ccap_schedule_free(d->mort);
    ccap_population_free(d->base);
    ccap_regions_free(d->regions);
    free(d);
}

/* A reader's status; a warning it gave with success is kept. */
static int
kept(ccap_scenario_data *d, int status, const ccap_diag *diag)
{
    if (status == CCAP_OK && diag->message[0] != '\0' && d->n_warnings < WARNINGS_MAX)
        d->warnings[d->n_warnings++] = *diag;
    return status;
}

static int
read_all(const ccap_scenario *sc, const ccap_read_options *ro, ccap_scenario_data *d,
         ccap_diag *diag)
{
    char *const *f = sc->inputs;
    int s;

#define READ(call)                                                                                 \
    do {                                                                                           \
        ccap_diag_clear(diag);                                                                     \
        if ((s = kept(d, (call), diag)) != CCAP_OK)                                                \
            return s;                                                                              \
    } while (0)
    READ(ccap_csv_read_regions(f[CCAP_SCENARIO_REGIONS], &d->regions, ro, diag));
    READ(ccap_csv_read_population(f[CCAP_SCENARIO_POPULATION], d->regions, CCAP_YEAR_ANY, &d->base,
                                  ro, diag));
    READ(ccap_csv_read_mortality(f[CCAP_SCENARIO_MORTALITY], d->regions, &d->mort, ro, diag));
    READ(ccap_csv_read_fertility(f[CCAP_SCENARIO_FERTILITY], d->regions, &d->fert, ro, diag));
    READ(ccap_csv_read_srb(f[CCAP_SCENARIO_SRB], d->regions, &d->srb, ro, diag));
    if (f[CCAP_SCENARIO_MIGRATION] != NULL)
        READ(ccap_csv_read_migration(f[CCAP_SCENARIO_MIGRATION], d->regions, &d->mig, ro, diag));
    if (f[CCAP_SCENARIO_MIGRATION_RATES] != NULL)
        READ(ccap_csv_read_migration_rates(f[CCAP_SCENARIO_MIGRATION_RATES], d->regions,
                                           &d->mig_rates, ro, diag));
    if (f[CCAP_SCENARIO_SLOTS] != NULL)
        READ(ccap_csv_read_slots(f[CCAP_SCENARIO_SLOTS], d->regions, &d->inv, ro, diag));
    if (f[CCAP_SCENARIO_TARGETS] != NULL) {
        /* either form; the per-1,000 targets also as a schedule, for the Monte Carlo run */
        READ(ccap_csv_read_target_set(f[CCAP_SCENARIO_TARGETS], d->regions, &d->target_set, ro,
                                      diag));
        if ((s = ccap_targets_schedule(d->target_set, CCAP_TARGET_SLOTS_PER_1000, &d->targets)) !=
            CCAP_OK)
            return ccap__diag_set(diag, s, f[CCAP_SCENARIO_TARGETS], 0, 0, NULL, "%s",
                                  ccap_strerror(s));
    }
    if (f[CCAP_SCENARIO_TAKEUP] != NULL)
        READ(ccap_csv_read_takeup(f[CCAP_SCENARIO_TAKEUP], d->regions, &d->takeup, ro, diag));
    if (f[CCAP_SCENARIO_COSTS] != NULL)
        READ(ccap_csv_read_costs(f[CCAP_SCENARIO_COSTS], &d->costs, ro, diag));
    if (f[CCAP_SCENARIO_KINDERGARTEN] != NULL)
        READ(ccap_csv_read_kindergarten(f[CCAP_SCENARIO_KINDERGARTEN], d->regions, &d->kindergarten,
                                        ro, diag));
    if (f[CCAP_SCENARIO_MONTHLY_BIRTHS] != NULL) {
        double births[12];
        READ(ccap_csv_read_monthly_births(f[CCAP_SCENARIO_MONTHLY_BIRTHS], births, ro, diag));
        READ(ccap_workforce_infant_share(births, &d->infant_share));
    }
#undef READ
    ccap_diag_clear(diag);
    return CCAP_OK;
}

int
ccap_scenario_read_inputs(const ccap_scenario *sc, const ccap_read_options *ro,
                          ccap_scenario_data **data_out, ccap_diag *diag_out)
{
    ccap_diag local, *const diag = diag_out != NULL ? diag_out : &local;
    ccap_scenario_data *d;
    size_t width, cells, i;
    int s;

    if (data_out != NULL)
        *data_out = NULL;
    if (sc == NULL || data_out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "no scenario");
    for (i = 0; i <= CCAP_SCENARIO_SRB; i++) {
        if (sc->inputs[i] == NULL)
            return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL,
                                  "no %s file: give it in the scenario or as an option",
                                  ccap_scenario_input_name((ccap_scenario_input)i));
    }
    if (!sc->years_given || sc->years <= 0)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL,
                              "no number of years: --years N or years = N in the scenario");
    d = calloc(1, sizeof *d);
    if (d == NULL)
        return ccap__diag_set(diag, CCAP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    s = read_all(sc, ro, d, diag);
    if (s != CCAP_OK)
        goto fail;
    width = ccap_population_age_width(d->base);
    if (sc->step_given && sc->step != width) {
        s = ccap__diag_set(diag, CCAP_EINVAL, sc->inputs[CCAP_SCENARIO_POPULATION], 0, 0, NULL,
                           "the population has %zu-year age groups; the scenario asks for "
                           "%zu-year steps",
                           width, sc->step);
        goto fail;
    }
    if (sc->years % (long)width != 0) {
        s = ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL,
                           "%ld years is not a multiple of the step %zu", sc->years, width);
        goto fail;
    }
    d->steps = (size_t)sc->years / width;
    if (ccap_population_year(d->base) + sc->years > CCAP_YEAR_MAX) {
        s = ccap__diag_set(diag, CCAP_ERANGE, NULL, 0, 0, NULL,
                           "%ld years from %d would end in %ld, after %d", sc->years,
                           ccap_population_year(d->base), ccap_population_year(d->base) + sc->years,
                           CCAP_YEAR_MAX);
        goto fail;
    }
    /* too large a run is said as such here, not later as "out of memory" */
    s = ccap_projection_cells(ccap_regions_count(d->regions), ccap_population_n_ages(d->base),
                              d->steps, &cells, diag);
    if (s != CCAP_OK)
        goto fail;
    d->assumptions.mortality = d->mort;
    d->assumptions.fertility = d->fert;
    d->assumptions.srb = d->srb;
    d->assumptions.migration = d->mig;
    d->assumptions.migration_rates = d->mig_rates;
    d->assumptions.a0 = sc->a0;
    d->assumptions.timing = sc->timing;
    *data_out = d;
    return CCAP_OK;
fail:
    ccap_scenario_data_free(d);
    return s;
}

int
ccap_scenario_data_inputs(const ccap_scenario_data *d, ccap_plan_inputs *in)
{
    const ccap_plan_inputs init = CCAP_PLAN_INPUTS_INIT;

    if (d == NULL || in == NULL)
        return CCAP_EINVAL;
    *in = init;
    in->regions = d->regions;
    in->base = d->base;
    in->assumptions = d->assumptions;
    in->n_steps = d->steps;
    in->inventory = d->inv;
    in->targets = d->targets;
    in->target_set = d->target_set;
    in->takeup = d->takeup;
    in->costs = d->costs;
    in->kindergarten = d->kindergarten;
    in->infant_share = d->infant_share;
    return CCAP_OK;
}

const ccap_diag *
ccap_scenario_data_warning(const ccap_scenario_data *d, size_t i)
{
    return d != NULL && i < d->n_warnings ? &d->warnings[i] : NULL;
}

int
ccap_scenario_plan_options(const ccap_scenario *sc, ccap_plan_options *o)
{
    if (sc == NULL || o == NULL)
        return CCAP_EINVAL;
    ccap_plan_options_init(o, CCAP_PLAN_OPTIONS_VERSION);
    o->occupancy = sc->occupancy;
    o->attrition = sc->attrition;
    o->takeup_from_enrolment = sc->takeup_from_enrolment;
    o->n_trajectories = sc->trajectories;
    o->uncertainty.seed = sc->seed;
    o->uncertainty.n_threads = sc->threads;
    if (sc->observed_given)
        o->uncertainty.jump_off_year = sc->observed; /* else the plan's rule */
    if (sc->tfr_phi_given)
        o->uncertainty.tfr_phi = sc->tfr_phi;
    if (sc->tfr_sigma_given)
        o->uncertainty.tfr_sigma = sc->tfr_sigma;
    if (sc->mortality_sd_given)
        o->uncertainty.mortality_sd = sc->mortality_sd;
    if (sc->migration_sd_given)
        o->uncertainty.migration_sd = sc->migration_sd;
    return CCAP_OK;
}

int
ccap_scenario_kindergarten_params(const ccap_scenario *sc, ccap_kindergarten_params *params)
{
    if (sc == NULL || params == NULL)
        return CCAP_EINVAL;
    *params = sc->kindergarten;
    return CCAP_OK;
}

int
ccap_scenario_running_cost(const ccap_scenario *sc, ccap_running_cost_params *params)
{
    if (sc == NULL || params == NULL)
        return CCAP_EINVAL;
    if (!(sc->running_given[0] || sc->running_given[1] || sc->running_given[2] ||
          sc->running_given[3]))
        return CCAP_ENOTFOUND;
    *params = sc->running;
    return CCAP_OK;
}
