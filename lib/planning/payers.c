/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Who pays: the budget by payer and year (see ccap_payers.h). */

#include <math.h>
#include <string.h>

#include "ccap_private.h"

static int
amount_ok(double x)
{
    return x >= 0.0 && isfinite(x);
}

static int
share_ok(double x)
{
    return x >= 0.0 && x <= 1.0;
}

static void
row_nan(ccap_budget_year *r)
{
    r->year = 0;
    r->central = r->local = r->families = r->providers = NAN;
    r->capital = r->capital_subsidy = r->childcare_subsidy = NAN;
    r->operating_subsidy = r->fees = r->running = NAN;
}

int
ccap_payers_budget(const ccap_gap_unit_costs *unit, const ccap_payer_params *pp, int first_year,
                   const double new_slots[], const double slots[], const double under3[],
                   size_t n_years, ccap_budget_year out[])
{
    size_t t;

    if (out != NULL) {
        for (t = 0; t < n_years; t++)
            row_nan(&out[t]);
    }
    if (unit == NULL || pp == NULL || new_slots == NULL || slots == NULL || under3 == NULL ||
        out == NULL || n_years == 0)
        return CCAP_EINVAL;
    if (!amount_ok(unit->capital_per_slot) || !amount_ok(unit->running_per_slot_year) ||
        !amount_ok(unit->subsidy_per_inclusive_slot) || !amount_ok(pp->fee_per_child_month) ||
        !amount_ok(pp->operating_subsidy_per_child_month) ||
        !amount_ok(pp->childcare_subsidy_per_child_year) || !share_ok(pp->registered_share) ||
        !(pp->occupancy > 0.0 && pp->occupancy <= 1.0) || !share_ok(pp->inclusive_share))
        return CCAP_EDOM;
    for (t = 0; t < n_years; t++) {
        if (!amount_ok(new_slots[t]) || !amount_ok(slots[t]) || !amount_ok(under3[t]))
            return CCAP_EDOM;
    }
    for (t = 0; t < n_years; t++) {
        ccap_budget_year *r = &out[t];
        const double enrolled = pp->occupancy * slots[t];

        r->year = first_year + (int)t;
        r->capital = unit->capital_per_slot * new_slots[t];
        r->capital_subsidy = unit->subsidy_per_inclusive_slot * pp->inclusive_share * new_slots[t];
        r->childcare_subsidy =
            pp->childcare_subsidy_per_child_year * pp->registered_share * under3[t];
        r->operating_subsidy =
            12.0 * pp->operating_subsidy_per_child_month * pp->inclusive_share * enrolled;
        r->fees = 12.0 * pp->fee_per_child_month * enrolled;
        r->running = unit->running_per_slot_year * slots[t];
        r->central = r->capital_subsidy + r->childcare_subsidy;
        r->local = r->capital - r->capital_subsidy + r->operating_subsidy;
        r->families = r->fees;
        r->providers = r->running - r->fees - r->operating_subsidy;
    }
    return CCAP_OK;
}

int
ccap_payers_set_capital(ccap_budget_year rows[], size_t n_rows, const double capital[])
{
    size_t t;

    if (rows == NULL || capital == NULL || n_rows == 0)
        return CCAP_EINVAL;
    for (t = 0; t < n_rows; t++) {
        if (!amount_ok(capital[t]))
            return CCAP_EDOM;
    }
    for (t = 0; t < n_rows; t++) {
        ccap_budget_year *r = &rows[t];
        r->capital = capital[t];
        if (r->capital_subsidy > r->capital)
            r->capital_subsidy = r->capital;
        r->central = r->capital_subsidy + r->childcare_subsidy;
        r->local = r->capital - r->capital_subsidy + r->operating_subsidy;
    }
    return CCAP_OK;
}

int
ccap_payers_present_value(const ccap_budget_year rows[], size_t n_rows, double rate,
                          ccap_budget_year *pv_out)
{
    double f = 1.0;
    size_t t;

    if (pv_out != NULL)
        row_nan(pv_out);
    if (rows == NULL || pv_out == NULL || n_rows == 0)
        return CCAP_EINVAL;
    if (!(rate > -1.0 && isfinite(rate)))
        return CCAP_EDOM;
    memset(pv_out, 0, sizeof *pv_out);
    pv_out->year = rows[0].year;
    for (t = 0; t < n_rows; t++, f /= 1.0 + rate) {
        const ccap_budget_year *r = &rows[t];
        pv_out->central += f * r->central;
        pv_out->local += f * r->local;
        pv_out->families += f * r->families;
        pv_out->providers += f * r->providers;
        pv_out->capital += f * r->capital;
        pv_out->capital_subsidy += f * r->capital_subsidy;
        pv_out->childcare_subsidy += f * r->childcare_subsidy;
        pv_out->operating_subsidy += f * r->operating_subsidy;
        pv_out->fees += f * r->fees;
        pv_out->running += f * r->running;
    }
    return CCAP_OK;
}

int
ccap_payers_running_cost(const ccap_workforce_need *need, double slots,
                         const ccap_running_cost_params *p, double *per_slot_year_out,
                         double *staff_space_share_out)
{
    double staff_space, total;

    if (per_slot_year_out != NULL)
        *per_slot_year_out = NAN;
    if (staff_space_share_out != NULL)
        *staff_space_share_out = NAN;
    if (need == NULL || p == NULL || per_slot_year_out == NULL)
        return CCAP_EINVAL;
    if (!(slots > 0.0 && isfinite(slots)) || !amount_ok(need->carers_total) ||
        !amount_ok(need->health_staff) || !amount_ok(need->floor_area_m2) ||
        !amount_ok(p->carer_wage_month) || !amount_ok(p->health_wage_month) ||
        !amount_ok(p->rent_m2_month) || !amount_ok(p->other_per_slot_year))
        return CCAP_EDOM;
    staff_space =
        12.0 * (need->carers_total * p->carer_wage_month +
                need->health_staff * p->health_wage_month + need->floor_area_m2 * p->rent_m2_month);
    total = staff_space + p->other_per_slot_year * slots;
    if (!isfinite(total))
        return CCAP_EDOM;
    *per_slot_year_out = total / slots;
    if (staff_space_share_out != NULL && total > 0.0)
        *staff_space_share_out = staff_space / total;
    return CCAP_OK;
}
