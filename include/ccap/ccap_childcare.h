/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_CHILDCARE_H
#define CCAP_CHILDCARE_H

/**
 * @file ccap_childcare.h
 * @brief Under-3 childcare (托育): the slot inventory, supply metrics and demand.
 *
 * **Supply.** A slot (托位) is a place for one child under 3 in a childcare
 * setting.  The inventory holds slot counts by region × year × provider type
 * (::ccap_provider) × inclusive flag (普惠, publicly subsidised, price-capped
 * places; ::ccap_inclusive), optionally with the number of children enrolled.
 * `year` Y means the stock at the **end** of year Y (31 December), the way
 * the National Health Commission reports it ("2.03 slots per 1,000 at the end
 * of 2021"); the population to divide by is the one at Y+1-01-01 or the
 * published year-end resident population of Y.
 *
 * **Metrics** (the indicator names of the national statistics):
 *
 * - slots per 1,000 residents (每千人口托位数): `r = 1000 · S / P`, with
 *   S slots and P the *total* resident population (all ages);
 * - coverage: slots per 100 children under 3: `c = 100 · S / U`, with
 *   U the children aged 0, 1 and 2 (completed years);
 * - utilisation: `E / S`, with E children enrolled (may exceed 1: over-enrolment);
 * - inclusive share: `S_incl / S`.
 *
 * China had 2.03 slots per 1,000 at the end of 2021 and 2.57 at the end of
 * 2022 (3.624 million slots for 1,411.75 million residents); the 14th
 * Five-Year Plan target is 4.5 by the end of 2025.  Nanyang (南阳市) aimed at
 * 4.1 by the end of 2024.
 *
 * **Demand** is a different quantity: the children who would use a slot,
 * `D = Σ_{a=0}^{2} U_a · t_a`, with U_a the children of age a and t_a the
 * take-up rate (the share of children of that age in childcare, in [0, 1]).
 * Slots are never all filled, so the slots that demand needs are
 * `D / o` for a target occupancy o in (0, 1] (e.g. 0.8).  Because the
 * per-1,000 indicator divides by all residents while demand follows births,
 * falling births make a fixed per-1,000 target ask for ever more slots per
 * child.
 *
 * **Parents and children.** With a region table, the total of a region for a
 * year is the sum of its own rows when it has rows in that year; otherwise,
 * when it has children, the sum of its children's totals (each by the same
 * rule, recursively); a region with neither has no data (#CCAP_ENOTFOUND).  A
 * city that reports its own total is therefore taken at its word, and a
 * county without a single row is not silently counted as zero: write a row
 * with 0 slots for a county that has none.
 *
 * **Openings and closures.** Stocks at two dates give only the net change,
 * `S(y1) − S(y0)` = openings − closures between them; the two cannot be told
 * apart from stocks alone (a county that opened 500 slots and closed 300
 * shows +200).
 *
 * All functions set numeric outputs to NAN on failure.  Objects copy what
 * they are given; independent objects may be used from different threads.
 *
 * References: National Health Commission, 2022 statistical bulletin of health
 * (《2022年我国卫生健康事业发展统计公报》, 2023) for the 2022 figures; State
 * Council Information Office press conference of 2022-01-11 for the 2021
 * figure and the 2025 target; Nanyang Municipal Health Commission, reply to
 * CPPCC proposal 72536 (2024) for Nanyang's target.
 */

#include <ccap/ccap_common.h>
#include <ccap/ccap_margins.h>
#include <ccap/ccap_region.h>
#include <ccap/ccap_population.h>
#include <ccap/ccap_schedule.h>

CCAP_BEGIN_DECLS

/**
 * Provider types.  The values are stable; files use the lower-case English
 * names of ccap_childcare_provider_name().  #CCAP_PROVIDER_ANY is valid only
 * as a filter where a function says so.
 */
typedef enum ccap_provider {
    CCAP_PROVIDER_INSTITUTION = 0, /**< `institution`: childcare institution (托育机构) */
    CCAP_PROVIDER_COMMUNITY = 1,   /**< `community`: community childcare site (社区托育点) */
    CCAP_PROVIDER_KINDERGARTEN = 2, /**< `kindergarten`: kindergarten under-3 class (幼儿园托班) */
    CCAP_PROVIDER_EMPLOYER = 3,     /**< `employer`: employer-run site (用人单位) */
    CCAP_PROVIDER_HOME = 4,         /**< `home`: home-based site (家庭托育点) */
    CCAP_PROVIDER_COMMERCIAL = 5, /**< `commercial`: commercial-complex site (商业综合体) */
    CCAP_PROVIDER_OTHER = 6,      /**< `other`: any other setting (其他) */
    CCAP_PROVIDER_ANY = 7         /**< filter: every provider type */
} ccap_provider;

/** Number of provider types (#CCAP_PROVIDER_ANY excluded). */
#define CCAP_N_PROVIDERS 7

/** The inclusive (普惠) flag of a slot; #CCAP_INCLUSIVE_ANY only as a filter. */
typedef enum ccap_inclusive {
    CCAP_INCLUSIVE_NO = 0,  /**< market-priced slot (`no`) */
    CCAP_INCLUSIVE_YES = 1, /**< inclusive slot, publicly subsidised and price-capped (`yes`) */
    CCAP_INCLUSIVE_ANY = 2  /**< filter: both */
} ccap_inclusive;

/** Ages with a take-up rate: 0, 1 and 2 (children under 3). */
#define CCAP_CHILDCARE_AGES 3

/**
 * The file name of a provider type: `institution`, `community`,
 * `kindergarten`, `employer`, `home`, `commercial`, `other`, or `any` for
 * #CCAP_PROVIDER_ANY.
 * @param provider  A ::ccap_provider.
 * @return A static string; "unknown" for a value outside ::ccap_provider.
 * @since 0.1
 */
CCAP_API const char *ccap_childcare_provider_name(ccap_provider provider);

/**
 * Parse a provider name (as ccap_childcare_provider_name() gives it, any
 * case; `any` is not accepted), or its Chinese name as printed beside each
 * type of ::ccap_provider (`托育机构`, `社区托育点`, `幼儿园托班`, `用人单位`,
 * `家庭托育点`, `商业综合体`) or `其他` (other), or the longer forms `用人单位办托`
 * and `商业综合体托育点`.
 * @param name               The text.
 * @param[out] provider_out  Receives the provider; unchanged on failure.
 * @retval CCAP_OK         success
 * @retval CCAP_EINVAL     NULL argument
 * @retval CCAP_ENOTFOUND  not a provider name
 * @since 0.1
 */
CCAP_API int ccap_childcare_provider_parse(const char *name, ccap_provider *provider_out);

/**
 * The file name of an inclusive flag: `yes`, `no`, or `any` for
 * #CCAP_INCLUSIVE_ANY.
 * @param inclusive  A ::ccap_inclusive.
 * @return A static string; "unknown" for other values.
 * @since 0.1
 */
CCAP_API const char *ccap_childcare_inclusive_name(ccap_inclusive inclusive);

/**
 * Parse an inclusive flag: `yes`, `true`, `1`, `是` (yes) or `普惠` (inclusive)
 * for #CCAP_INCLUSIVE_YES and `no`, `false`, `0`, `否` (no) or `非普惠` (not
 * inclusive) for #CCAP_INCLUSIVE_NO (the English words in any case).
 * @param text                The text.
 * @param[out] inclusive_out  Receives the flag; unchanged on failure.
 * @retval CCAP_OK         success
 * @retval CCAP_EINVAL     NULL argument
 * @retval CCAP_ENOTFOUND  not one of these words
 * @since 0.1
 */
CCAP_API int ccap_childcare_inclusive_parse(const char *text, ccap_inclusive *inclusive_out);

/* ---- metrics on numbers ---- */

/**
 * Slots per 1,000 residents: `1000 · slots / population`.
 *
 * Example: 30,000 slots for Nanyang's 9,713,112 residents (2020 census) are
 * 3.0886 per 1,000.
 *
 * @param slots          Slots; finite, >= 0.
 * @param population     Residents of all ages; finite, > 0.
 * @param[out] rate_out  Receives slots per 1,000 residents; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p rate_out is NULL
 * @retval CCAP_EDOM    an input is NaN, infinite, negative, or @p population is 0
 * @since 0.1
 */
CCAP_API int ccap_childcare_rate_per_1000(double slots, double population, double *rate_out);

/**
 * Slots that a rate per 1,000 residents means: `rate_per_1000 · population / 1000`
 * (the inverse of ccap_childcare_rate_per_1000()).
 *
 * Example: Nanyang's target of 4.1 per 1,000 for 9,713,112 residents is
 * 39,823.76 slots.  The result is not rounded.
 *
 * @param rate_per_1000   Slots per 1,000 residents; finite, >= 0.
 * @param population      Residents of all ages; finite, >= 0.
 * @param[out] slots_out  Receives the slots; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p slots_out is NULL
 * @retval CCAP_EDOM    an input is NaN, infinite or negative
 * @since 0.1
 */
CCAP_API int ccap_childcare_slots_for_rate_per_1000(double rate_per_1000, double population,
                                                    double *slots_out);

/**
 * Coverage: slots per 100 children under 3, `100 · slots / under3`.
 * @param slots              Slots; finite, >= 0.
 * @param under3             Children aged 0-2; finite, > 0.
 * @param[out] coverage_out  Receives slots per 100 children under 3; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p coverage_out is NULL
 * @retval CCAP_EDOM    an input is NaN, infinite, negative, or @p under3 is 0
 * @since 0.1
 */
CCAP_API int ccap_childcare_coverage_per_100(double slots, double under3, double *coverage_out);

/**
 * Utilisation: `enrolled / slots`, a ratio (0.75 = three quarters of the
 * slots filled).  Above 1 when more children are enrolled than slots are
 * registered, which happens and is not an error.
 * @param enrolled      Children enrolled; finite, >= 0.
 * @param slots         Slots; finite, > 0.
 * @param[out] util_out Receives the ratio; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p util_out is NULL
 * @retval CCAP_EDOM    an input is NaN, infinite, negative, or @p slots is 0
 * @since 0.1
 */
CCAP_API int ccap_childcare_utilisation(double enrolled, double slots, double *util_out);

/**
 * Inclusive share: `inclusive_slots / slots`, a ratio in [0, 1].
 * @param inclusive_slots  Inclusive (普惠) slots; finite, 0 to @p slots.
 * @param slots            All slots; finite, > 0.
 * @param[out] share_out   Receives the share; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p share_out is NULL
 * @retval CCAP_EDOM    an input is NaN, infinite or negative, @p slots is 0, or
 *                      @p inclusive_slots exceeds @p slots
 * @since 0.1
 */
CCAP_API int ccap_childcare_inclusive_share(double inclusive_slots, double slots,
                                            double *share_out);

/**
 * Demand: children who would use childcare, `Σ_{a=0}^{2} children[a] · takeup[a]`.
 * @param children         #CCAP_CHILDCARE_AGES counts, ages 0, 1, 2; finite, >= 0.
 * @param takeup           #CCAP_CHILDCARE_AGES take-up rates, ages 0, 1, 2; each in [0, 1].
 * @param n_ages           Must be #CCAP_CHILDCARE_AGES.
 * @param[out] demand_out  Receives the demand in children; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument or @p n_ages is not #CCAP_CHILDCARE_AGES
 * @retval CCAP_EDOM    a count is negative or not finite, or a rate is outside [0, 1] or NaN
 * @since 0.1
 */
CCAP_API int ccap_childcare_demand(const double children[], const double takeup[], size_t n_ages,
                                   double *demand_out);

/**
 * Slots that a demand needs at a target occupancy: `demand / occupancy`.
 * Example: 1,000 children at occupancy 0.8 need 1,250 slots.
 * @param demand          Children; finite, >= 0.
 * @param occupancy       Target share of slots filled; in (0, 1].
 * @param[out] slots_out  Receives the slots; NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p slots_out is NULL
 * @retval CCAP_EDOM    @p demand is negative or not finite, or @p occupancy is
 *                      NaN, 0 or less, or above 1
 * @since 0.1
 */
CCAP_API int ccap_childcare_demand_slots(double demand, double occupancy, double *slots_out);

/* ---- the slot inventory ---- */

/** Opaque slot inventory: slots by region × year × provider × inclusive flag. */
typedef struct ccap_childcare_inventory ccap_childcare_inventory;

/** One row of an inventory, as ccap_childcare_inventory_get() copies it. */
typedef struct ccap_childcare_entry {
    size_t region;            /**< region index */
    int year;                 /**< the stock at the end of this year */
    ccap_provider provider;   /**< provider type (never #CCAP_PROVIDER_ANY) */
    ccap_inclusive inclusive; /**< #CCAP_INCLUSIVE_YES or #CCAP_INCLUSIVE_NO */
    double slots;             /**< slots, >= 0 */
    int has_enrolled;         /**< 1 if the enrolled children are known */
    double enrolled;          /**< children enrolled, >= 0; NAN when unknown */
} ccap_childcare_entry;

/**
 * Allocate an empty inventory for regions `0 … n_regions-1` (the indices of a
 * region table).
 * @param n_regions  Number of regions, 1 to #CCAP_POPULATION_REGIONS_MAX.
 * @return A new inventory, or NULL for a bad size or when out of memory.
 *         Free with ccap_childcare_inventory_free().
 * @since 0.1
 */
CCAP_API ccap_childcare_inventory *ccap_childcare_inventory_alloc(size_t n_regions);

/** Free @p inv.  NULL is accepted and ignored. @since 0.1 */
CCAP_API void ccap_childcare_inventory_free(ccap_childcare_inventory *inv);

/** Number of regions the inventory was allocated for (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_childcare_inventory_n_regions(const ccap_childcare_inventory *inv);

/** Number of rows (0 for NULL). @since 0.1 */
CCAP_API size_t ccap_childcare_inventory_count(const ccap_childcare_inventory *inv);

/**
 * Add one row.  Slots may be fractional (estimates, e.g. a city total shared
 * out between counties); nothing is rounded.
 *
 * @param inv        The inventory.
 * @param region     Region index, below ccap_childcare_inventory_n_regions().
 * @param year       The stock at the end of this year (any integer).
 * @param provider   A provider type (not #CCAP_PROVIDER_ANY).
 * @param inclusive  #CCAP_INCLUSIVE_YES or #CCAP_INCLUSIVE_NO.
 * @param slots      Slots; finite, >= 0.
 * @param enrolled   Children enrolled (finite, >= 0; may exceed @p slots), or
 *                   NULL when unknown.  The value is copied.
 * @param[out] dup_out  On #CCAP_EEXIST, the index of the row with the same key (may be NULL).
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  @p inv is NULL, @p region out of range, or @p provider or
 *                      @p inclusive not a single value
 * @retval CCAP_EDOM    @p slots or @p *enrolled is negative, NaN or infinite
 * @retval CCAP_EEXIST  a row with the same region, year, provider and flag exists
 * @retval CCAP_ERANGE  the inventory's index would exceed #CCAP_CELLS_MAX slots (the
 *                      inventory is unchanged)
 * @retval CCAP_ENOMEM  out of memory (the inventory is unchanged)
 * @since 0.1
 */
CCAP_API int ccap_childcare_inventory_add(ccap_childcare_inventory *inv, size_t region, int year,
                                          ccap_provider provider, ccap_inclusive inclusive,
                                          double slots, const double *enrolled, size_t *dup_out);

/**
 * Take the note of a row into the inventory's provenance: where its slots come from, the
 * least certain kind of the notes given (assumed before derived before published;
 * ccap_note_provenance()), with the first note of that kind.  A note without a kind (or
 * NULL) changes nothing.
 * @param inv   The inventory.
 * @param note  The row's note (copied), e.g. `published: 2024 statistical bulletin`.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL @p inv
 * @retval CCAP_ENOMEM  out of memory
 * @since 0.2
 */
CCAP_API int ccap_childcare_inventory_note(ccap_childcare_inventory *inv, const char *note);

/**
 * Where the slots of an inventory come from, as the notes of its rows say
 * (ccap_childcare_inventory_note(); the `note` column of a slots file).
 * @param inv  The inventory.
 * @param[out] note_out  The note of that kind, owned by @p inv, valid until it is freed;
 *                       NULL without one (may be NULL).
 * @return The least certain kind of the rows' notes; #CCAP_PROVENANCE_NONE without any
 *         (or for NULL @p inv).
 * @since 0.2
 */
CCAP_API ccap_provenance ccap_childcare_inventory_provenance(const ccap_childcare_inventory *inv,
                                                             const char **note_out);

/**
 * Copy row @p index (rows keep the order they were added in).
 * @param inv        The inventory.
 * @param index      Below ccap_childcare_inventory_count().
 * @param[out] out   Receives the row.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument or @p index out of range
 * @since 0.1
 */
CCAP_API int ccap_childcare_inventory_get(const ccap_childcare_inventory *inv, size_t index,
                                          ccap_childcare_entry *out);

/**
 * The distinct years of the inventory, ascending.
 * @param inv         The inventory.
 * @param[out] n_out  Receives the number of years (0 for NULL @p inv); may not be NULL.
 * @return An array owned by @p inv, valid until the next ccap_childcare_inventory_add()
 *         or ccap_childcare_inventory_free(); NULL when there are no rows or an
 *         argument is NULL.
 * @since 0.1
 */
CCAP_API const int *ccap_childcare_inventory_years(const ccap_childcare_inventory *inv,
                                                   size_t *n_out);

/**
 * Total slots (and enrolled children) of a region at the end of a year, with
 * optional filters, following the parent rule of this file's introduction.
 *
 * @param inv        The inventory.
 * @param regions    A finished region table with ccap_childcare_inventory_n_regions()
 *                   regions, for summing children into parents; NULL to use
 *                   the region's own rows only.
 * @param region     Region index.
 * @param year       Year (end of).
 * @param provider   A provider type, or #CCAP_PROVIDER_ANY for all.
 * @param inclusive  #CCAP_INCLUSIVE_YES, #CCAP_INCLUSIVE_NO or #CCAP_INCLUSIVE_ANY.
 * @param[out] slots_out     Receives the slots; NAN on failure.
 * @param[out] enrolled_out  Receives the children enrolled in the same rows, NAN
 *                           when any of those rows has no enrolled count (status
 *                           still #CCAP_OK); may be NULL.
 * @retval CCAP_OK         success (0 when the region has data but no row passes the filters)
 * @retval CCAP_ENOTFOUND  the region has no rows in @p year, and no children that all
 *                         have data in that year
 * @retval CCAP_EINVAL     NULL @p inv or @p slots_out, region out of range, bad filter, or
 *                         @p regions of another size
 * @retval CCAP_ESTATE     @p regions is not finished
 * @since 0.1
 */
CCAP_API int ccap_childcare_inventory_total(const ccap_childcare_inventory *inv,
                                            const ccap_regions *regions, size_t region, int year,
                                            ccap_provider provider, ccap_inclusive inclusive,
                                            double *slots_out, double *enrolled_out);

/**
 * Inclusive share of a region's slots at the end of a year:
 * total(inclusive) / total(all), both with the same provider filter and the
 * parent rule of ccap_childcare_inventory_total().
 * @param inv        The inventory.
 * @param regions    Region table for parents, or NULL (as for ccap_childcare_inventory_total()).
 * @param region     Region index.
 * @param year       Year (end of).
 * @param provider   A provider type, or #CCAP_PROVIDER_ANY.
 * @param[out] share_out  Receives the share in [0, 1]; NAN on failure.
 * @retval CCAP_OK         success
 * @retval CCAP_EDOM       the region has no slots (of this provider) in that year
 * Other codes as for ccap_childcare_inventory_total().
 * @since 0.1
 */
CCAP_API int ccap_childcare_inventory_inclusive_share(const ccap_childcare_inventory *inv,
                                                      const ccap_regions *regions, size_t region,
                                                      int year, ccap_provider provider,
                                                      double *share_out);

/**
 * Net change of a region's slots between the ends of two years:
 * `total(year_to) − total(year_from)`, i.e. openings minus closures in between.
 * Openings and closures cannot be told apart from stocks: only the net is known.
 * @param inv        The inventory.
 * @param regions    Region table for parents, or NULL (as for ccap_childcare_inventory_total()).
 * @param region     Region index.
 * @param year_from  Earlier year (end of).
 * @param year_to    Later year (end of); may also be earlier (the sign then flips).
 * @param provider   A provider type, or #CCAP_PROVIDER_ANY.
 * @param inclusive  A flag, or #CCAP_INCLUSIVE_ANY.
 * @param[out] change_out  Receives the net change in slots (negative: net closures);
 *                         NAN on failure.
 * @retval CCAP_OK         success
 * @retval CCAP_ENOTFOUND  one of the years has no data for the region
 * Other codes as for ccap_childcare_inventory_total().
 * @since 0.1
 */
CCAP_API int ccap_childcare_inventory_change(const ccap_childcare_inventory *inv,
                                             const ccap_regions *regions, size_t region,
                                             int year_from, int year_to, ccap_provider provider,
                                             ccap_inclusive inclusive, double *change_out);

/* ---- take-up ---- */

/** Opaque take-up table: rates by age 0, 1, 2, per region or for every region. */
typedef struct ccap_childcare_takeup ccap_childcare_takeup;

/**
 * Allocate an empty take-up table.
 * @return A new table, or NULL when out of memory.  Free with ccap_childcare_takeup_free().
 * @since 0.1
 */
CCAP_API ccap_childcare_takeup *ccap_childcare_takeup_alloc(void);

/** Free @p takeup.  NULL is accepted and ignored. @since 0.1 */
CCAP_API void ccap_childcare_takeup_free(ccap_childcare_takeup *takeup);

/** Number of entries (regions plus the `*` default; 0 for NULL). @since 0.1 */
CCAP_API size_t ccap_childcare_takeup_count(const ccap_childcare_takeup *takeup);

/**
 * Set the take-up rates of a region, or the default for every region.
 * @param takeup    The table.
 * @param region    Region index, or #CCAP_REGION_ALL for the default (`*`).
 * @param rates     Rates for ages 0, 1, 2: the share of children of that age in
 *                  childcare, each in [0, 1]; copied.
 * @param n_rates   Must be #CCAP_CHILDCARE_AGES.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument or @p n_rates is not #CCAP_CHILDCARE_AGES
 * @retval CCAP_EDOM    a rate is outside [0, 1] or NaN
 * @retval CCAP_EEXIST  the region (or the default) already has rates
 * @retval CCAP_ENOMEM  out of memory (the table is unchanged)
 * @since 0.1
 */
CCAP_API int ccap_childcare_takeup_set(ccap_childcare_takeup *takeup, size_t region,
                                       const double rates[], size_t n_rates);

/**
 * The rates that apply to a region: its own, else the default (`*`).
 * @param takeup          The table.
 * @param region          Region index (#CCAP_REGION_ALL gives the default itself).
 * @param[out] rates_out  Receives #CCAP_CHILDCARE_AGES rates owned by @p takeup,
 *                        valid until the next set or free; NULL on failure.
 * @retval CCAP_OK         found
 * @retval CCAP_ENOTFOUND  neither the region nor a default has rates
 * @retval CCAP_EINVAL     NULL argument
 * @since 0.1
 */
CCAP_API int ccap_childcare_takeup_find(const ccap_childcare_takeup *takeup, size_t region,
                                        const double **rates_out);

/**
 * Entry @p index, in the order they were set (for listing and writing).
 * @param takeup           The table.
 * @param index            Below ccap_childcare_takeup_count().
 * @param[out] region_out  Region index or #CCAP_REGION_ALL (may be NULL).
 * @param[out] rates_out   #CCAP_CHILDCARE_AGES rates owned by @p takeup (may be NULL).
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL @p takeup or @p index out of range
 * @since 0.1
 */
CCAP_API int ccap_childcare_takeup_get(const ccap_childcare_takeup *takeup, size_t index,
                                       size_t *region_out, const double **rates_out);

/* ---- targets ---- */

/**
 * The slots-per-1,000 target of a region for the end of a year.
 *
 * Targets are a schedule with one value per entry (as ccap_csv_read_targets()
 * returns it): region or #CCAP_REGION_ALL, year, #CCAP_SEX_BOTH.  Among the
 * region's own entries and the `*` entries, the one with the latest year not
 * after @p year applies; on equal years the region's own wins.  So with
 * `411300,2024,4.1` and `*,2025,4.5`, region 411300 has 4.1 for 2024 and 4.5
 * for 2025 and later, and no target for 2023.  (This differs from
 * ccap_schedule_find(), which prefers a region's own entry of any year.)
 *
 * @param targets         The targets (a one-value schedule).
 * @param region          Region index.
 * @param year            The year at whose end the target is wanted.
 * @param[out] per_1000_out  Receives the target in slots per 1,000 residents; NAN on failure.
 * @param[out] year_out   Receives the year of the entry used (may be NULL).
 * @retval CCAP_OK         found
 * @retval CCAP_ENOTFOUND  no entry for the region or `*` in or before @p year
 * @retval CCAP_EINVAL     NULL argument, @p region is #CCAP_REGION_ALL, or a schedule
 *                         with more than one value per entry
 * @since 0.1
 */
CCAP_API int ccap_childcare_target_find(const ccap_schedule *targets, size_t region, int year,
                                        double *per_1000_out, int *year_out);

/* ---- a table of metrics ---- */

/**
 * The supply and demand metrics of one region in one year, as
 * ccap_childcare_metrics_row() fills them.  A value is NAN when an input is
 * unknown (no population, no slots, no enrolled counts, no take-up given) or
 * its denominator is zero.
 */
typedef struct ccap_childcare_row {
    size_t region;           /**< region index */
    size_t depth;            /**< depth in the region tree (0 for a root), for indenting */
    double population;       /**< residents of all ages */
    double under3;           /**< children aged 0-2 */
    double slots;            /**< slots, all providers */
    double inclusive_slots;  /**< inclusive (普惠) slots */
    double enrolled;         /**< children enrolled; NAN when not known for every row */
    double per_1000;         /**< slots per 1,000 residents */
    double coverage_per_100; /**< slots per 100 children under 3 */
    double utilisation;      /**< enrolled / slots */
    double inclusive_share;  /**< inclusive slots / slots */
    double demand;           /**< children who would use childcare, Σ U_a · t_a */
    double demand_slots;     /**< slots the demand needs at the occupancy, demand / occupancy */
} ccap_childcare_row;

/**
 * Compute the metrics of one region: population and under-3s from @p pop, slots
 * from @p inv at the end of @p year, demand from @p takeup.
 *
 * Populations, slots and demand of a parent without its own data are the sums
 * of its children (recursively, when all have data); otherwise they are NAN
 * in the row, which is not an error.  Demand is computed where the population
 * data are, each region with its own take-up rates (or the `*` default), so a
 * city's demand is the sum of its counties' demands.  Pair the year with the
 * right population: slots at the end of 2024 with the population at
 * 2025-01-01 (e.g. ccap_projection_population_at()) or the 2024 year-end count.
 *
 * @param pop        Population in single years of age (width 1), with as many
 *                   regions as @p regions.
 * @param regions    A finished region table.
 * @param inv        Inventory with as many regions as @p regions.
 * @param year       Year of the slots (end of).
 * @param takeup     Take-up rates, or NULL to leave demand and demand slots NAN.
 * @param occupancy  Target occupancy in (0, 1]; checked only when @p takeup is not NULL.
 * @param region     Region index.
 * @param[out] row_out  Receives the row; all numbers NAN on failure.
 * @retval CCAP_OK         success (some values may be NAN, see above)
 * @retval CCAP_EINVAL     NULL argument, @p region out of range, or sizes that differ
 * @retval CCAP_ESTATE     @p regions is not finished
 * @retval CCAP_EDOM       @p pop is not in single years, or @p occupancy is outside (0, 1]
 * @retval CCAP_ENOTFOUND  @p takeup has no rates (nor a `*` default) for the region, or
 *                         for a region below it whose population is summed into it
 * @since 0.1
 */
CCAP_API int ccap_childcare_metrics_row(const ccap_population *pop, const ccap_regions *regions,
                                        const ccap_childcare_inventory *inv, int year,
                                        const ccap_childcare_takeup *takeup, double occupancy,
                                        size_t region, ccap_childcare_row *row_out);

/**
 * ccap_childcare_metrics_row() for every region, parents before their children
 * (the order of ccap_regions_preorder()), ready to print as a table.
 * @param pop        Population in single years of age.
 * @param regions    A finished region table.
 * @param inv        The inventory.
 * @param year       Year of the slots (end of).
 * @param takeup     Take-up rates, or NULL.
 * @param occupancy  Target occupancy in (0, 1] (when @p takeup is not NULL).
 * @param[out] rows_out  ccap_regions_count() rows; every number NAN on failure.
 * @param n_rows     Number of elements of @p rows_out; must equal ccap_regions_count().
 * @return As ccap_childcare_metrics_row(); the first failure stops the table.
 * @since 0.1
 */
CCAP_API int ccap_childcare_metrics_table(const ccap_population *pop, const ccap_regions *regions,
                                          const ccap_childcare_inventory *inv, int year,
                                          const ccap_childcare_takeup *takeup, double occupancy,
                                          ccap_childcare_row rows_out[], size_t n_rows);

CCAP_END_DECLS

#endif /* CCAP_CHILDCARE_H */
