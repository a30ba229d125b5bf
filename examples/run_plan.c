/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * run_plan: the bundled Nanyang plan through the library's one call.  Reads the scenario
 * and its files, runs the plan without trajectories, and prints the city's births of
 * calendar 2024, its children under 3, slots per 1,000 and gap at the end of every year
 * from the last inventory year, and each county's slots per 1,000 after the plan.
 *
 * Introduces: ccap_scenario_read_inputs(), ccap_scenario_data_inputs(),
 * ccap_scenario_plan_options(), ccap_plan_run(), ccap_plan_gap(), ccap_plan_events(),
 * ccap_plan_slots_after(), ccap_plan_free().
 *
 * usage: run_plan DIR/nanyang.ini   (examples/data/nanyang/nanyang.ini)
 */

#include <stdio.h>

#include <ccap/ccap.h>

int
main(int argc, char **argv)
{
    ccap_scenario *sc = NULL;
    ccap_scenario_data *data = NULL;
    ccap_plan_inputs in;
    ccap_plan_options options;
    ccap_plan *plan = NULL;
    ccap_diag diag;
    int from, to, first, year, status = 1;
    double births;
    size_t r;

    ccap_library_init(); /* once, at start: errors come back as codes, never abort */
    if (argc != 2) {
        fprintf(stderr, "usage: run_plan SCENARIO.ini\n");
        return 2;
    }
    if (ccap_scenario_read(argv[1], &sc, NULL, &diag) != CCAP_OK ||
        ccap_scenario_read_inputs(sc, NULL, &data, &diag) != CCAP_OK) {
        char line[1024];
        ccap_diag_format(&diag, line, sizeof line);
        fprintf(stderr, "run_plan: %s\n", line);
        goto out;
    }
    ccap_scenario_data_inputs(data, &in);
    ccap_scenario_plan_options(sc, &options);
    options.n_trajectories = 0; /* no Monte Carlo: the deterministic plan */
    if (ccap_plan_run(&in, &options, &plan, &diag) != CCAP_OK) {
        fprintf(stderr, "run_plan: %s\n", diag.message);
        goto out;
    }
    ccap_plan_years(plan, &from, &to, &first);
    ccap_plan_events(plan, 0, 2024, &births, NULL, NULL);
    printf("births in 2024: %.0f\n", births);
    printf("year  under3   per1000  gap (end of the year)\n");
    for (year = first - 1; year <= to; year++) {
        const ccap_gap_row *g = ccap_plan_gap(plan, 0, year);
        double gap = g->gap;
        ccap_gap_slots_round_up(g->gap, 1e-9, &gap); /* whole slots, as a plan builds them */
        printf("%d %7.0f %8.2f %8.0f\n", year, g->under3, g->per_1000, gap);
    }
    printf("slots per 1,000 at the end of %d after the plan:\n", first);
    for (r = 0; r < ccap_regions_count(in.regions); r++) {
        double per_1000;
        ccap_plan_slots_after(plan, r, first, NULL, &per_1000);
        printf("  %-10s %5.2f\n", ccap_regions_code(in.regions, r), per_1000);
    }
    status = 0;
out:
    ccap_plan_free(plan);
    ccap_scenario_data_free(data);
    ccap_scenario_free(sc);
    return status;
}
