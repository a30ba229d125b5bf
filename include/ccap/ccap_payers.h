/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_PAYERS_H
#define CCAP_PAYERS_H

/**
 * @file ccap_payers.h
 * @brief Who pays for childcare: the central budget, local budgets, families and providers.
 *
 * Running costs are not all public money: families pay fees, local governments pay
 * operating subsidies per enrolled child (200-1,000 yuan a month in the provinces that
 * publish them), the central budget pays a subsidy per new inclusive (普惠) slot and,
 * since 2025, the national childcare subsidy (育儿补贴) of 3,600 yuan a year for every
 * child under 3, paid where the child's household is registered.  For year t, with S_t
 * slots operated, E_t = o·S_t children enrolled (occupancy o), N_t new slots of which
 * I_t inclusive, U_t children under 3 and r the share of them registered locally:
 *
 * | stream | amount | payer |
 * |---|---|---|
 * | capital subsidy | `subsidy_per_inclusive_slot · I_t` | central |
 * | childcare subsidy 育儿补贴 | `childcare_subsidy_per_child_year · r · U_t` | central (assumed:
 * the scheme shares it with provinces) | | capital, net of the central subsidy | `capital_per_slot
 * · N_t − subsidy_per_inclusive_slot · I_t` | local (assumed: public building) | | operating
 * subsidies | `12 · operating_subsidy_per_child_month · h · E_t`, h the inclusive share | local |
 * | fees | `12 · fee_per_child_month · E_t` | families |
 * | running cost not covered | `running_per_slot_year · S_t − fees − operating subsidies` |
 * providers (negative: a surplus) |
 *
 * Present values discount year t (t = 0 the first) by `(1 + rate)^t`, as ccap_gap_cost().
 * All amounts in yuan.  Functions set numeric outputs to NAN on failure.
 */

#include <stddef.h>

#include <ccap/ccap_common.h>
#include <ccap/ccap_gap.h>
#include <ccap/ccap_workforce.h>

CCAP_BEGIN_DECLS

/** The national childcare subsidy (育儿补贴) per child under 3 and year, yuan (2025). */
#define CCAP_PAYERS_CHILDCARE_SUBSIDY_CNY 3600.0

/** What families and governments pay per child; every amount finite and >= 0. */
typedef struct ccap_payer_params {
    double fee_per_child_month;               /**< fee a family pays, yuan a month */
    double operating_subsidy_per_child_month; /**< local subsidy per enrolled child in an
                                                   inclusive slot, yuan a month */
    double childcare_subsidy_per_child_year;  /**< national subsidy per child under 3, yuan a
                                                   year (#CCAP_PAYERS_CHILDCARE_SUBSIDY_CNY) */
    double registered_share;                  /**< share of children under 3 registered
                                                   locally, in [0, 1] */
    double occupancy;                         /**< children enrolled per slot, in (0, 1] */
    double inclusive_share;                   /**< share of slots (and new slots) that are
                                                   inclusive, in [0, 1] */
} ccap_payer_params;

/** One year of the budget by payer, and its streams (yuan). */
typedef struct ccap_budget_year {
    int year;                 /**< calendar year */
    double central;           /**< capital_subsidy + childcare_subsidy */
    double local;             /**< capital − capital_subsidy + operating_subsidy */
    double families;          /**< fees */
    double providers;         /**< running − fees − operating_subsidy */
    double capital;           /**< capital cost of the new slots */
    double capital_subsidy;   /**< central subsidy for the new inclusive slots */
    double childcare_subsidy; /**< 育儿补贴 */
    double operating_subsidy; /**< local operating subsidies */
    double fees;              /**< families' fees */
    double running;           /**< running cost of the slots operated */
} ccap_budget_year;

/**
 * The budget by payer of each year (the table of this file's description).
 *
 * Example: 100 slots operated at 12,000 yuan a year, 10 new at 20,000 yuan (half
 * inclusive, 10,000 yuan subsidy each), occupancy 0.8, inclusive share 0.5, fee 1,000 and
 * operating subsidy 300 yuan a month, 1,000 children under 3, 60 % registered locally:
 * capital 200,000, central 50,000 + 3,600·600 = 2,210,000, local 150,000 + 12·300·0.5·80
 * = 294,000, families 12·1,000·80 = 960,000, providers 1,200,000 − 960,000 − 144,000 =
 * 96,000.
 *
 * @param unit       Unit costs (capital, running, subsidy per new inclusive slot).
 * @param pp         What families and governments pay.
 * @param first_year Calendar year of index 0.
 * @param new_slots  New slots of each year; finite, >= 0.
 * @param slots      Slots operated each year; finite, >= 0.
 * @param under3     Children under 3 each year; finite, >= 0.
 * @param n_years    Number of years, at least 1.
 * @param[out] out   @p n_years rows; all NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a NULL pointer or @p n_years 0
 * @retval CCAP_EDOM    a cost, count or parameter out of its range
 * @since 0.2
 */
CCAP_API int ccap_payers_budget(const ccap_gap_unit_costs *unit, const ccap_payer_params *pp,
                                int first_year, const double new_slots[], const double slots[],
                                const double under3[], size_t n_years, ccap_budget_year out[]);

/**
 * Present values of a budget: every amount `Σ_t x_t / (1 + rate)^t`, year 0 not
 * discounted; the result's year is that of row 0.
 * @param rows    Rows of ccap_payers_budget().
 * @param n_rows  Number of rows, at least 1.
 * @param rate    Discount rate, finite and > −1.
 * @param[out] pv_out  The present values; all NAN on failure.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a NULL pointer or @p n_rows 0
 * @retval CCAP_EDOM    @p rate out of range
 * @since 0.2
 */
CCAP_API int ccap_payers_present_value(const ccap_budget_year rows[], size_t n_rows, double rate,
                                       ccap_budget_year *pv_out);

/** What running a slot costs, built up from its staff and space (yuan); every amount
 *  finite and >= 0. */
typedef struct ccap_running_cost_params {
    double carer_wage_month;    /**< cost of a carer (保育人员) to the provider, wage and
                                     social insurance, yuan a month */
    double health_wage_month;   /**< cost of a health worker (保健人员), yuan a month */
    double rent_m2_month;       /**< rent of floor area, yuan per m² and month */
    double other_per_slot_year; /**< everything else (food, utilities, management,
                                     materials), yuan per slot and year */
} ccap_running_cost_params;

/**
 * The running cost of slots from what they take (ccap_workforce_need_compute()):
 * `12·(carers·carer_wage_month + health_staff·health_wage_month + floor_area_m2·
 * rent_m2_month) + other_per_slot_year·slots`, and its share of labour and rent, the part
 * that providers report as over 75 % of their cost.
 *
 * Example: 100 slots that take 20 carers, 1 health worker and 300 m², at 5,000 and 6,000
 * yuan a month, 30 yuan per m² and month and 2,000 yuan per slot and year of other costs:
 * 12·(100,000 + 6,000 + 9,000) + 200,000 = 1,580,000 yuan a year, 15,800 per slot, of which
 * labour and rent 1,380,000 (87.3 %).
 *
 * @param need        What the slots take; its carers_total, health_staff and floor_area_m2
 *                    are used, each finite and >= 0.
 * @param slots       The slots, > 0 and finite.
 * @param p           The unit costs.
 * @param[out] per_slot_year_out  Running cost per slot and year, yuan; NAN on failure.
 * @param[out] staff_space_share_out  Share of it spent on staff and rent, in [0, 1]
 *                    (NAN when the cost is 0); may be NULL.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a NULL pointer (other than @p staff_space_share_out)
 * @retval CCAP_EDOM    @p slots not > 0, or an amount negative or not finite
 * @since 0.2
 */
CCAP_API int ccap_payers_running_cost(const ccap_workforce_need *need, double slots,
                                      const ccap_running_cost_params *p, double *per_slot_year_out,
                                      double *staff_space_share_out);

/**
 * Replace the capital cost of each year of a budget, for new slots that do not all cost
 * the unit capital (some converted from kindergarten places: ccap_plan_kindergarten(),
 * `conversion_cost + build_cost`).  The central subsidy for new inclusive slots never pays
 * more than the capital: `capital_subsidy = min(capital_subsidy, capital)`; then
 * `central = capital_subsidy + childcare_subsidy` and
 * `local = capital − capital_subsidy + operating_subsidy`; the other streams stay.
 * Example: capital 200,000, subsidy 50,000 and operating subsidies 144,000 (local 294,000)
 * with the capital replaced by 120,000 give local 214,000; by 30,000, a subsidy of 30,000
 * and local 144,000.
 * @param rows     Rows of ccap_payers_budget(), changed in place.
 * @param n_rows   Number of rows, at least 1.
 * @param capital  @p n_rows capital costs, yuan; finite, >= 0.
 * @retval CCAP_OK      success
 * @retval CCAP_EINVAL  a NULL pointer or @p n_rows 0
 * @retval CCAP_EDOM    a capital cost negative or not finite (no row changed)
 * @since 0.2
 */
CCAP_API int ccap_payers_set_capital(ccap_budget_year rows[], size_t n_rows,
                                     const double capital[]);

CCAP_END_DECLS

#endif /* CCAP_PAYERS_H */
