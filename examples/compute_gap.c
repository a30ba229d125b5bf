/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * compute_gap: the per-1,000 gap of one region, on Nanyang's 2020 census
 * population (9,713,112 residents), 30,000 slots and the national target of
 * 4.1 slots per 1,000 residents (每千人口托位数).
 *
 * Introduces: ccap_childcare_rate_per_1000(),
 * ccap_childcare_slots_for_rate_per_1000(), ccap_gap_slots(),
 * ccap_gap_slots_round_up().
 *
 * usage: compute_gap [RESIDENTS SLOTS TARGET_PER_1000]
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ccap/ccap.h>

/* Values within 1e-12 of a whole number are taken as whole: the products
 * carry a few units of rounding in the last place (see ccap_gap.h). */
#define WHOLE_TOL 1e-12

static int
number(const char *text, double *out)
{
    char *end;

    *out = strtod(text, &end);
    return *text != '\0' && *end == '\0';
}

int
main(int argc, char **argv)
{
    double residents = 9713112.0, slots = 30000.0, target = 4.1;
    double rate, required, gap, required_whole, gap_whole;
    int status;

    ccap_library_init(); /* once, at start: errors come back as codes, never abort */
    if (argc != 1 && (argc != 4 || !number(argv[1], &residents) || !number(argv[2], &slots) ||
                      !number(argv[3], &target))) {
        fprintf(stderr, "usage: %s [RESIDENTS SLOTS TARGET_PER_1000]\n", argv[0]);
        return 2;
    }
    if ((status = ccap_childcare_rate_per_1000(slots, residents, &rate)) != CCAP_OK ||
        (status = ccap_childcare_slots_for_rate_per_1000(target, residents, &required)) !=
            CCAP_OK ||
        (status = ccap_gap_slots(target, residents, slots, &gap)) != CCAP_OK ||
        (status = ccap_gap_slots_round_up(required, WHOLE_TOL, &required_whole)) != CCAP_OK ||
        (status = ccap_gap_slots_round_up(gap, WHOLE_TOL, &gap_whole)) != CCAP_OK) {
        fprintf(stderr, "%s: %s\n", argv[0], ccap_strerror(status));
        return EXIT_FAILURE;
    }
    printf("residents            %.0f\n", residents);
    printf("slots                %.0f (%.4f per 1,000)\n", slots, rate);
    printf("target per 1,000     %g\n", target);
    printf("required slots       %.4f -> %.0f whole slots\n", required, required_whole);
    printf("gap                  %.4f -> %.0f whole slots\n", gap, gap_whole);
    /* what was printed must have been written: a full disk is an error too */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "compute_gap: standard output: cannot write: %s\n", strerror(errno));
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}
