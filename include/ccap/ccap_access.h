/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_ACCESS_H
#define CCAP_ACCESS_H

/**
 * @file ccap_access.h
 * @brief Spatial access to childcare: a provider register, areas, travel times, the
 * two-step floating catchment area method (2SFCA, E2SFCA), deserts and where to build.
 *
 * A county's slots per 1,000 residents hide whether a family can reach a slot near home.
 * This module places providers (托育机构) and small areas (townships 乡镇, streets 街道 or
 * communities 社区) by their coordinates and measures, for each area, the slots its
 * children can reach within a catchment of travel time, shared among every child who can
 * reach the same provider:
 *
 * - step 1, each provider j: R_j = S_j / Σ_k W(t_kj) P_k over the areas k within the
 *   catchment (S_j slots, P_k children under 3, t_kj minutes);
 * - step 2, each area i: A_i = Σ_j W(t_ij) R_j over the providers within the catchment,
 *   the slots per child (Luo and Wang 2003).
 *
 * W is 1 within the catchment for 2SFCA, and a Gaussian decay falling from 1 at 0 minutes
 * to 0 at the catchment for E2SFCA (Luo and Qi 2009; the continuous kernel of Dai 2010).
 * An area is a childcare desert when it has children and more than
 * ccap_access_options::desert_children_per_slot children per slot of access (A_i below
 * 1/3 by default, the threshold of the Center for American Progress and of the Mitchell
 * Institute).  docs/methods.md gives the formulas with a worked example.
 *
 * Coordinates are longitude and latitude in degrees on WGS-84 or CGCS2000 (the two
 * differ by centimetres); coordinates copied from Chinese web maps (GCJ-02, BD-09) are
 * offset by hundreds of metres and should be converted first (docs/data-formats.md).
 * Every object is caller-owned; none keeps global state, so two threads may use
 * independent objects at once.
 */

#include <stddef.h>

#include <ccap/ccap_common.h>
#include <ccap/ccap_childcare.h>
#include <ccap/ccap_region.h>

CCAP_BEGIN_DECLS

/** Westernmost longitude accepted, degrees east: China reaches about 73.5° E. */
#define CCAP_ACCESS_LON_MIN 73.0
/** Easternmost longitude accepted, degrees east: China reaches about 135.1° E. */
#define CCAP_ACCESS_LON_MAX 136.0
/** Southernmost latitude accepted, degrees north: China's islands reach about 3.9° N. */
#define CCAP_ACCESS_LAT_MIN 3.0
/** Northernmost latitude accepted, degrees north: China reaches about 53.6° N. */
#define CCAP_ACCESS_LAT_MAX 54.0
/** Longest travel time accepted, minutes: a day. */
#define CCAP_ACCESS_MINUTES_MAX 1440.0

/**
 * Check a position against China's range.
 *
 * @param lon  Longitude, degrees east (WGS-84 or CGCS2000).
 * @param lat  Latitude, degrees north.
 * @retval CCAP_OK      within #CCAP_ACCESS_LON_MIN to #CCAP_ACCESS_LON_MAX and
 *                      #CCAP_ACCESS_LAT_MIN to #CCAP_ACCESS_LAT_MAX
 * @retval CCAP_ERANGE  the two would be in range if swapped (latitude given as longitude)
 * @retval CCAP_EDOM    outside the range, NaN or infinite
 * @since 0.2
 */
CCAP_API int ccap_access_check_lonlat(double lon, double lat);

/**
 * Great-circle distance between two positions (haversine on a sphere of the Earth's mean
 * radius, 6,371.0088 km).
 *
 * @param lon1  Longitude of the first position, degrees.
 * @param lat1  Latitude of the first position, degrees.
 * @param lon2  Longitude of the second position, degrees.
 * @param lat2  Latitude of the second position, degrees.
 * @return The distance in kilometres; NaN when an argument is not finite.
 * @since 0.2
 */
CCAP_API double ccap_access_distance_km(double lon1, double lat1, double lon2, double lat2);

/* ---- the provider register ---- */

/**
 * One provider of a register, as ccap_access_providers_add() takes it and
 * ccap_access_providers_get() gives it back.
 */
typedef struct ccap_access_provider {
    const char *id;           /**< unique identifier, non-empty */
    const char *name;         /**< name (may be empty) */
    const char *region;       /**< code of the county-level region (may be empty) */
    const char *township;     /**< township or street (may be empty) */
    double lon;               /**< longitude, degrees east */
    double lat;               /**< latitude, degrees north */
    ccap_provider provider;   /**< provider type (not #CCAP_PROVIDER_ANY) */
    ccap_inclusive inclusive; /**< #CCAP_INCLUSIVE_YES or #CCAP_INCLUSIVE_NO */
    double slots;             /**< slots (托位), >= 0 */
    double enrolled;          /**< children enrolled, >= 0; NaN when unknown */
    double fee_month;         /**< fee per month in yuan, >= 0; NaN when unknown */
    int opened;               /**< year opened; 0 when unknown (open all along) */
    int closed;               /**< year closed; 0 when still open */
} ccap_access_provider;

/** A register of providers (opaque). */
typedef struct ccap_access_providers ccap_access_providers;

/**
 * Allocate an empty register.
 * @return A new register, or NULL when out of memory.  Free with ccap_access_providers_free().
 * @since 0.2
 */
CCAP_API ccap_access_providers *ccap_access_providers_alloc(void);

/**
 * Free @p providers.
 * @param providers  The register; NULL is accepted and ignored.
 * @since 0.2
 */
CCAP_API void ccap_access_providers_free(ccap_access_providers *providers);

/**
 * Number of providers.
 * @param providers  The register (NULL gives 0).
 * @return The count.
 * @since 0.2
 */
CCAP_API size_t ccap_access_providers_count(const ccap_access_providers *providers);

/**
 * Add a provider; its strings are copied.
 *
 * @param providers     The register.
 * @param provider      The provider: non-empty id, position in China's range, valid type
 *                      and flag, finite counts >= 0 (NaN for unknown enrolment and fee),
 *                      opened and closed 0 or from #CCAP_YEAR_MIN to #CCAP_YEAR_MAX with
 *                      closed after opened.
 * @param[out] dup_out  On #CCAP_EEXIST, the index of the provider with the same id (may be NULL).
 * @retval CCAP_OK      added
 * @retval CCAP_EINVAL  a NULL argument or string, an empty id, a type or flag that is not a
 *                      single value
 * @retval CCAP_EDOM    a position outside China's range (#CCAP_ERANGE when it looks
 *                      swapped), a negative or non-finite count, a bad year
 * @retval CCAP_ERANGE  latitude and longitude swapped (see ccap_access_check_lonlat())
 * @retval CCAP_EEXIST  the id is taken
 * @retval CCAP_ENOMEM  out of memory (the register is unchanged)
 * @since 0.2
 */
CCAP_API int ccap_access_providers_add(ccap_access_providers *providers,
                                       const ccap_access_provider *provider, size_t *dup_out);

/**
 * Copy provider @p index.
 * @param providers  The register.
 * @param index      Below ccap_access_providers_count().
 * @param[out] out   Receives the provider; its strings are owned by @p providers and live
 *                   until it is freed.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument or @p index out of range
 * @since 0.2
 */
CCAP_API int ccap_access_providers_get(const ccap_access_providers *providers, size_t index,
                                       ccap_access_provider *out);

/**
 * Find a provider by id.
 * @param providers       The register.
 * @param id              The id.
 * @param[out] index_out  Receives the index.
 * @retval CCAP_OK success  @retval CCAP_ENOTFOUND no such id  @retval CCAP_EINVAL NULL argument
 * @since 0.2
 */
CCAP_API int ccap_access_providers_find(const ccap_access_providers *providers, const char *id,
                                        size_t *index_out);

/**
 * The slot inventory of the region table at the end of @p year, derived from the register:
 * one row per region, provider type and inclusive flag that has a provider open at the
 * end of the year (opened unknown or at most @p year, closed unknown or after it), with
 * the sum of the slots; enrolled children are given when every provider of the row gives
 * them.
 *
 * @param providers  The register; every provider needs a region code of @p regions.
 * @param regions    A finished region table.
 * @param year       The year, #CCAP_YEAR_MIN to #CCAP_YEAR_MAX.
 * @param[out] out   Receives a new inventory (free with ccap_childcare_inventory_free()),
 *                   NULL on failure.
 * @param[out] diag  Optional; names the provider whose region is unknown or empty.
 * @retval CCAP_OK       success
 * @retval CCAP_EINVAL   a NULL argument, an unfinished region table, a bad year
 * @retval CCAP_ENOTFOUND a provider's region is not in @p regions
 * @retval CCAP_ENOMEM   out of memory
 * @since 0.2
 */
CCAP_API int ccap_access_providers_inventory(const ccap_access_providers *providers,
                                             const ccap_regions *regions, int year,
                                             ccap_childcare_inventory **out, ccap_diag *diag);

/* ---- areas ---- */

/** One area (township, street or community) as ccap_access_areas_add() takes it. */
typedef struct ccap_access_area {
    const char *code;   /**< unique code, non-empty */
    const char *name;   /**< name (may be empty) */
    const char *region; /**< code of the county-level region it belongs to (may be empty) */
    double lon;         /**< longitude of its centre (or where its children live), degrees east */
    double lat;         /**< latitude, degrees north */
    double children;    /**< children under 3, >= 0 */
} ccap_access_area;

/** A set of areas (opaque). */
typedef struct ccap_access_areas ccap_access_areas;

/**
 * Allocate an empty set of areas.
 * @return A new set, or NULL when out of memory.  Free with ccap_access_areas_free().
 * @since 0.2
 */
CCAP_API ccap_access_areas *ccap_access_areas_alloc(void);

/**
 * Free @p areas.
 * @param areas  The set; NULL is accepted and ignored.
 * @since 0.2
 */
CCAP_API void ccap_access_areas_free(ccap_access_areas *areas);

/**
 * Number of areas.
 * @param areas  The set (NULL gives 0).
 * @return The count.
 * @since 0.2
 */
CCAP_API size_t ccap_access_areas_count(const ccap_access_areas *areas);

/**
 * Add an area; its strings are copied.
 * @param areas         The set.
 * @param area          The area: non-empty code, position in China's range, children
 *                      finite and >= 0.
 * @param[out] dup_out  On #CCAP_EEXIST, the index of the area with the same code (may be NULL).
 * @retval CCAP_OK added  @retval CCAP_EINVAL NULL argument or empty code
 * @retval CCAP_EDOM a position outside China's range or a bad count
 * @retval CCAP_ERANGE latitude and longitude swapped
 * @retval CCAP_EEXIST the code is taken  @retval CCAP_ENOMEM out of memory
 * @since 0.2
 */
CCAP_API int ccap_access_areas_add(ccap_access_areas *areas, const ccap_access_area *area,
                                   size_t *dup_out);

/**
 * Copy area @p index.
 * @param areas      The set.
 * @param index      Below ccap_access_areas_count().
 * @param[out] out   Receives the area; its strings are owned by @p areas.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument or @p index out of range
 * @since 0.2
 */
CCAP_API int ccap_access_areas_get(const ccap_access_areas *areas, size_t index,
                                   ccap_access_area *out);

/**
 * Find an area by code.
 * @param areas           The set.
 * @param code            The code.
 * @param[out] index_out  Receives the index.
 * @retval CCAP_OK success  @retval CCAP_ENOTFOUND no such code  @retval CCAP_EINVAL NULL argument
 * @since 0.2
 */
CCAP_API int ccap_access_areas_find(const ccap_access_areas *areas, const char *code,
                                    size_t *index_out);

/**
 * Share a county's children under 3 (a projection's, for a future year) out among its
 * areas in proportion to the children they have now: each area of @p region gets
 * @p total · P_i / Σ P_k.
 *
 * @param areas       The areas; the children of those whose region is @p region change.
 * @param region      The region code.
 * @param total       The region's children, finite, 0 to 10^12.
 * @param[out] n_out  Receives the number of areas of the region (may be NULL).
 * @retval CCAP_OK       shared
 * @retval CCAP_EINVAL   a NULL argument
 * @retval CCAP_EDOM     a bad total, or the region's areas have no children to share by
 * @retval CCAP_ENOTFOUND no area is in @p region
 * @since 0.2
 */
CCAP_API int ccap_access_areas_share_children(ccap_access_areas *areas, const char *region,
                                              double total, size_t *n_out);

/* ---- travel times ---- */

/** Travel times from areas to providers, a sparse matrix (opaque). */
typedef struct ccap_access_times ccap_access_times;

/**
 * Allocate an empty matrix for @p n_areas areas and @p n_providers providers.
 * @param n_areas      Number of areas (> 0).
 * @param n_providers  Number of providers (> 0).
 * @return A new matrix, or NULL for a zero size or when out of memory.
 *         Free with ccap_access_times_free().
 * @since 0.2
 */
CCAP_API ccap_access_times *ccap_access_times_alloc(size_t n_areas, size_t n_providers);

/**
 * Free @p times.
 * @param times  The matrix; NULL is accepted and ignored.
 * @since 0.2
 */
CCAP_API void ccap_access_times_free(ccap_access_times *times);

/**
 * Number of area-provider pairs given.
 * @param times  The matrix (NULL gives 0).
 * @return The count.
 * @since 0.2
 */
CCAP_API size_t ccap_access_times_count(const ccap_access_times *times);

/**
 * Give the travel time of one pair.  Pairs not given are out of reach.
 * @param times         The matrix.
 * @param area          Area index.
 * @param provider      Provider index.
 * @param minutes       Travel time in minutes, 0 to #CCAP_ACCESS_MINUTES_MAX.
 * @param[out] dup_out  On #CCAP_EEXIST, the index (in the order given) of the same pair (may be
 * NULL).
 * @retval CCAP_OK added  @retval CCAP_EINVAL NULL or an index out of range
 * @retval CCAP_EDOM negative, NaN or too long a time
 * @retval CCAP_EEXIST the pair was given before  @retval CCAP_ENOMEM out of memory
 * @since 0.2
 */
CCAP_API int ccap_access_times_add(ccap_access_times *times, size_t area, size_t provider,
                                   double minutes, size_t *dup_out);

/* ---- the computation ---- */

/** Distance decay. */
typedef enum ccap_access_method {
    CCAP_ACCESS_2SFCA = 0, /**< W = 1 within the catchment (Luo and Wang 2003) */
    CCAP_ACCESS_E2SFCA = 1 /**< Gaussian W = (e^(-t²/2c²) − e^(-1/2)) / (1 − e^(-1/2)) within c */
} ccap_access_method;

/** Version of ::ccap_access_options this header describes. */
#define CCAP_ACCESS_OPTIONS_VERSION 1

/** Options of ccap_access_run(); initialise with #CCAP_ACCESS_OPTIONS_INIT. */
typedef struct ccap_access_options {
    unsigned version;                /**< #CCAP_ACCESS_OPTIONS_VERSION */
    ccap_access_method method;       /**< distance decay */
    double catchment_minutes;        /**< the catchment, minutes, > 0 */
    double speed_kmh;                /**< without a time matrix: straight-line speed, km/h, > 0 */
    double desert_children_per_slot; /**< an area with more children per slot of access is a desert
                                        (3) */
} ccap_access_options;

/** Default options: 2SFCA, a 15-minute catchment, 20 km/h, deserts above 3 children per slot. */
#define CCAP_ACCESS_OPTIONS_INIT                                                                   \
    {                                                                                              \
        CCAP_ACCESS_OPTIONS_VERSION, CCAP_ACCESS_2SFCA, 15.0, 20.0, 3.0                            \
    }

/** The result of ccap_access_run() (opaque). */
typedef struct ccap_access_result ccap_access_result;

/**
 * Compute access for every area.
 *
 * With @p times, the pairs it gives within the catchment count; without, the great-circle
 * distance at ccap_access_options::speed_kmh (a grid on the coordinates finds the pairs
 * within the catchment without comparing every area with every provider).
 *
 * An area that reaches no provider within the catchment is not an error: its access is 0,
 * it is a desert when it has children, and on success @p diag holds a warning (status
 * #CCAP_OK) naming the first such area and their number.
 *
 * The result borrows @p areas and @p providers: they must outlive it and stay unchanged.
 *
 * @param areas      The areas (at least one).
 * @param providers  The providers (at least one).
 * @param times      Travel times from areas to providers, or NULL for straight lines.
 * @param options    Options, NULL for the defaults.
 * @param[out] out   Receives a new result (free with ccap_access_result_free()); NULL on failure.
 * @param[out] diag  Optional: the failure, or the warning about unreached areas.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  NULL argument, empty set, a matrix of other sizes, unknown options version
 * @retval CCAP_EDOM    a catchment, speed or threshold that is not finite and positive
 * @retval CCAP_ENOMEM  out of memory
 * @since 0.2
 */
CCAP_API int ccap_access_run(const ccap_access_areas *areas, const ccap_access_providers *providers,
                             const ccap_access_times *times, const ccap_access_options *options,
                             ccap_access_result **out, ccap_diag *diag);

/**
 * Free @p result.
 * @param result  The result; NULL is accepted and ignored.
 * @since 0.2
 */
CCAP_API void ccap_access_result_free(ccap_access_result *result);

/** Access of one area. */
typedef struct ccap_access_area_result {
    double children;        /**< children under 3 */
    double slots_reachable; /**< slots of the providers within the catchment (unweighted) */
    size_t n_reachable;     /**< providers within the catchment */
    double access;          /**< A_i: slots per child, shared with every child who can reach them */
    int desert;             /**< 1 when children > 0 and access · threshold < 1 */
    size_t nearest;         /**< index of the nearest provider, or SIZE_MAX when none is known */
    double nearest_minutes; /**< its travel time, minutes; NaN when none */
} ccap_access_area_result;

/**
 * Access of area @p index.
 * @param result    The result.
 * @param index     Area index, below ccap_access_areas_count() of the areas of the run.
 * @param[out] out  Receives the values.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument or @p index out of range
 * @since 0.2
 */
CCAP_API int ccap_access_result_area(const ccap_access_result *result, size_t index,
                                     ccap_access_area_result *out);

/**
 * Number of areas that reach no provider within the catchment.
 * @param result  The result (NULL gives 0).
 * @return The count.
 * @since 0.2
 */
CCAP_API size_t ccap_access_result_unreached(const ccap_access_result *result);

/** Children in deserts among the areas of one region. */
typedef struct ccap_access_group {
    const char
        *region;     /**< the areas' region code ("" for areas without one); owned by the areas */
    size_t n_areas;  /**< areas of the region */
    size_t n_desert; /**< of which deserts */
    double children; /**< children under 3 in its areas */
    double desert_children; /**< of which in deserts */
    double desert_share;    /**< desert_children / children; NaN without children */
    double slots;           /**< slots of the providers whose region is this one */
} ccap_access_group;

/**
 * Number of regions among the areas (in the order they first appear).
 * @param result  The result (NULL gives 0).
 * @return The count.
 * @since 0.2
 */
CCAP_API size_t ccap_access_result_n_groups(const ccap_access_result *result);

/**
 * Deserts of region @p k.
 * @param result    The result.
 * @param k         Below ccap_access_result_n_groups().
 * @param[out] out  Receives the totals; the region string lives as long as the areas.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument or @p k out of range
 * @since 0.2
 */
CCAP_API int ccap_access_result_group(const ccap_access_result *result, size_t k,
                                      ccap_access_group *out);

/**
 * Totals of every area: the number of areas, deserts, children, desert children and
 * their share; the region is "".
 * @param result    The result.
 * @param[out] out  Receives the totals (slots: of every provider).
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument
 * @since 0.2
 */
CCAP_API int ccap_access_result_total(const ccap_access_result *result, ccap_access_group *out);

/* ---- where to build ---- */

/** What ccap_access_build() maximises at each step. */
typedef enum ccap_access_goal {
    /** the children taken out of deserts (ties: the covered need) */
    CCAP_ACCESS_GOAL_DESERT = 0,
    /** the covered need Σ_i P_i · min(A_i, 1/threshold) (ties: desert children) */
    CCAP_ACCESS_GOAL_NEED = 1
} ccap_access_goal;

/** One site chosen by ccap_access_build(). */
typedef struct ccap_access_step {
    size_t provider;        /**< the provider (candidate) that gets the site */
    double slots;           /**< slots added there */
    double desert_children; /**< children in deserts after this step */
    double covered_need;    /**< Σ_i P_i · min(A_i, 1/threshold) after this step */
} ccap_access_step;

/**
 * Choose where @p n_sites sites of @p site_slots slots go among candidate providers,
 * greedily: at each step the candidate whose new slots take the most children out of
 * deserts (or raise the covered need most) gets a site; a candidate may get several.
 * Candidates are providers of the run, usually planned ones with 0 slots whose catchment
 * the run already knows.  New slots at provider c raise R_c by s / D_c (D_c, the weighted
 * children within its reach, does not change), so each step costs one pass over the
 * candidates' catchments.  Each step's gain is exact; the sequence is greedy, not a proven
 * optimum.
 *
 * @param before        The result of ccap_access_run(); unchanged.
 * @param candidates    Provider indices (repeats are ignored).
 * @param n_candidates  Their number (> 0).
 * @param site_slots    Slots of one site, > 0 and at most 10^12.
 * @param n_sites       Sites to place (> 0, at most 10^6).
 * @param goal          What each step maximises.
 * @param[out] steps    n_sites entries: the site placed at each step.  A step that can
 *                      help nobody (no candidate reaches a child) places nothing: its
 *                      provider is SIZE_MAX and slots 0.
 * @param[out] after    Receives a new result with the sites' slots added (free with
 *                      ccap_access_result_free()); may be NULL when not wanted.
 * @param[out] diag     Optional; names a bad argument.
 * @retval CCAP_OK success  @retval CCAP_EINVAL NULL argument, a candidate out of range, no
 * candidates  @retval CCAP_EDOM a bad size or count  @retval CCAP_ENOMEM out of memory
 * @since 0.2
 */
CCAP_API int ccap_access_build(const ccap_access_result *before, const size_t *candidates,
                               size_t n_candidates, double site_slots, size_t n_sites,
                               ccap_access_goal goal, ccap_access_step *steps,
                               ccap_access_result **after, ccap_diag *diag);

CCAP_END_DECLS

#endif /* CCAP_ACCESS_H */
