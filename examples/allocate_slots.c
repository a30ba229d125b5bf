/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * allocate_slots: share 1,000 new childcare slots between four Nanyang
 * counties in two ways: to close the largest shortfalls against a target of
 * 4.5 slots per 1,000 residents, and to raise the lowest slots per 1,000
 * first (max-min).  The slot counts are illustrative; the residents are the
 * 2020 census figures; Tanghe can take at most 500 new slots.
 *
 * Introduces: ccap_gap_slots(), ccap_gap_allocate_shortfall(),
 * ccap_gap_allocate_maxmin().
 *
 * usage: allocate_slots
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ccap/ccap.h>

#define N 4

int
main(void)
{
    static const char *const county[N] = {"411302 Wancheng", "411303 Wolong", "411323 Xixia",
                                          "411328 Tanghe"};
    static const double residents[N] = {633563, 866748, 450418, 1052978};
    static const double slots[N] = {2600, 3300, 1900, 3900};
    /* Tanghe can open at most 500 new slots (sites ready); the others are not capped */
    static const double cap[N] = {CCAP_GAP_NO_CAP, CCAP_GAP_NO_CAP, CCAP_GAP_NO_CAP, 500};
    const double target = 4.5, n_new = 1000;
    double gap[N], by_gap[N], by_maxmin[N], left_gap, left_maxmin, rate;
    size_t r;
    int status = CCAP_OK;

    ccap_library_init(); /* once, at start: errors come back as codes, never abort */
    for (r = 0; r < N && status == CCAP_OK; r++)
        status = ccap_gap_slots(target, residents[r], slots[r], &gap[r]);
    if (status != CCAP_OK ||
        (status = ccap_gap_allocate_shortfall(gap, cap, N, n_new, by_gap, &left_gap)) !=
            CCAP_OK ||
        (status = ccap_gap_allocate_maxmin(slots, residents, cap, N, n_new, by_maxmin,
                                           &left_maxmin)) != CCAP_OK) {
        fprintf(stderr, "allocate_slots: %s\n", ccap_strerror(status));
        return EXIT_FAILURE;
    }
    printf("%-18s %9s %7s %9s %9s %8s %10s\n", "county", "residents", "slots", "gap",
           "shortfall", "max-min", "per 1,000");
    for (r = 0; r < N; r++) {
        if ((status = ccap_childcare_rate_per_1000(slots[r] + by_maxmin[r], residents[r],
                                                   &rate)) != CCAP_OK) {
            fprintf(stderr, "allocate_slots: %s\n", ccap_strerror(status));
            return EXIT_FAILURE;
        }
        printf("%-18s %9.0f %7.0f %9.1f %9.0f %8.0f %10.3f\n", county[r], residents[r],
               slots[r], gap[r], by_gap[r], by_maxmin[r], rate);
    }
    printf("not placed: %.0f (shortfall), %.0f (max-min)\n", left_gap, left_maxmin);
    /* what was printed must have been written: a full disk is an error too */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "allocate_slots: standard output: cannot write: %s\n", strerror(errno));
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}
