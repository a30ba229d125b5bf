#!/usr/bin/env python3
"""Turn the UN WPP 2019 China extracts into ccap input files.

UN World Population Prospects 2019, (c) United Nations, DESA, Population Division,
licensed CC BY 3.0 IGO.  The extracts (tidy CSV, thousands of persons) come from the
CRAN package wpp2019; this script only changes units and layout:

- population by 5-year age and sex, thousands -> persons, for the years asked;
- death rates mx (abridged ages 0, 1, 5, ..., 100+) by period, the period's first
  year as `year`;
- fertility rates (births per woman-year, ages 15-49) and the sex ratio at birth
  (males per female -> males per 100 females) by period;
- net migrants: WPP 2019 gives only a total per period, so it is spread over age
  and sex in proportion to the population at the start of the period.

usage: tools/wpp2019-china.py WPP2019_DIR OUT_DIR [FIRST_YEAR LAST_YEAR]
"""

import csv
import os
import sys

AGES = list(range(0, 100, 5)) + [100]


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def age_label(age, open_age):
    return f"{age}+" if age == open_age else str(age)


def fmt(x):
    return repr(float(x)) if x != int(x) else str(int(x))


def main():
    if len(sys.argv) not in (3, 5):
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    first, last = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) == 5 else (2015, 2095)
    os.makedirs(out, exist_ok=True)

    def write(name, header, data):
        with open(os.path.join(out, name), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(data)

    write("regions.csv", ["code", "name", "name_en", "parent"],
          [["CN", "中国", "China (mainland, UN WPP 2019)", ""]])

    pop = {}
    for r in rows(os.path.join(src, "pop_5y_estimates.csv")):
        pop[(int(r["year"]), r["sex"], int(r["age"]))] = float(r["value"]) * 1000.0
    years = sorted({y for (y, _, _) in pop if first <= y <= last})
    for y in years:
        write(f"population_{y}.csv", ["region", "year", "sex", "age", "population", "date"],
              [["CN", y, s, age_label(a, 100), fmt(round(pop[(y, s, a)], 6)), f"{y}-07-01"]
               for s in ("female", "male") for a in AGES])

    def period_start(p):
        return int(p.split("-")[0])

    mx = [r for r in rows(os.path.join(src, "mx_abridged_5y.csv"))
          if first <= period_start(r["period"]) <= last]
    ages_mx = [0, 1] + list(range(5, 100, 5)) + [100]
    write("mortality.csv", ["region", "year", "sex", "age", "mx"],
          [["CN", period_start(r["period"]), r["sex"], age_label(int(r["age"]), 100), r["value"]]
           for r in mx if int(r["age"]) in ages_mx])

    write("fertility.csv", ["region", "year", "age", "asfr"],
          [["CN", period_start(r["period"]), r["age"], r["value"]]
           for r in rows(os.path.join(src, "asfr_5y.csv"))
           if first <= period_start(r["period"]) <= last])

    write("srb.csv", ["region", "year", "srb"],
          [["CN", period_start(r["period"]), fmt(round(float(r["value"]) * 100.0, 10))]
           for r in rows(os.path.join(src, "srb_5y.csv"))
           if first <= period_start(r["period"]) <= last])

    # Net migrants per period, spread in proportion to the population at the period's start
    # (the last population available for later periods).
    mig = []
    for r in rows(os.path.join(src, "netmig_total_5y.csv")):
        start = period_start(r["period"])
        if not first <= start <= last:
            continue
        base = max(y for y in {y for (y, _, _) in pop} if y <= start)
        total = sum(pop[(base, s, a)] for s in ("female", "male") for a in AGES)
        for s in ("female", "male"):
            for a in AGES:
                m = float(r["value"]) * 1000.0 * pop[(base, s, a)] / total
                mig.append(["CN", start, s, age_label(a, 100), fmt(round(m, 6))])
    write("migration.csv", ["region", "year", "sex", "age", "net_migrants"], mig)


if __name__ == "__main__":
    main()
