#!/usr/bin/env python3
"""Make the illustrative Nanyang childcare slot inventory and take-up assumptions.

No count of Nanyang's childcare slots has been found, so the inventory is ASSUMED: every
county is given the national number of slots per 1,000 residents of each year-end,
split over provider types and the inclusive (普惠) flag by assumed shares, with an
assumed share of slots in use.  Every figure of the output is therefore assumed or
derived; the README of examples/data/nanyang says which inputs are published.

Published inputs (examples/data/nanyang/README.md, sources S1, S7, S27, S30):
- national slots per 1,000 residents: 2.03 at the end of 2021 (S27), 2.57 at the end of
  2022 (S30), 3.38 at the end of 2023 and 4.08 at the end of 2024 (National Health
  Commission figures as reported; not in the sources list of this repository);
- county populations at the 2020 census (margins.csv) and the city's year-end
  populations 9,629,000 (2021) and 9,454,000 (2024); 2022 and 2023 are interpolated
  geometrically; every county keeps its census share.

usage: tools/nanyang-slots.py examples/data/nanyang
"""

import csv
import os
import sys

NATIONAL_PER_1000 = {2021: 2.03, 2022: 2.57, 2023: 3.38, 2024: 4.08}
CITY_YEAR_END = {2021: 9629000.0, 2024: 9454000.0}
# assumed shares of slots by provider type, and of inclusive slots within each type
PROVIDERS = [  # provider, share of slots, inclusive share
    ("institution", 0.38, 0.45),
    ("kindergarten", 0.32, 0.80),
    ("community", 0.10, 0.70),
    ("employer", 0.06, 0.50),
    ("home", 0.08, 0.30),
    ("commercial", 0.04, 0.20),
    ("other", 0.02, 0.50),
]
USE = 0.55  # assumed share of slots in use (nearly half of slots are empty nationally)
TAKEUP = [(0, 0.02), (1, 0.12), (2, 0.30)]  # assumed share of children in formal care


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    d = sys.argv[1]
    regions = list(csv.DictReader(open(os.path.join(d, "regions.csv"), encoding="utf-8")))
    parents = {r["parent"] for r in regions if r["parent"]}
    leaves = [r["code"] for r in regions if r["code"] not in parents]
    census = {}
    for m in csv.DictReader(open(os.path.join(d, "margins.csv"), encoding="utf-8")):
        if m["sex"] == "both" and m["ages"] == "total":
            census[m["region"]] = float(m["population"])
    city = sum(census[c] for c in leaves)
    ratio = (CITY_YEAR_END[2024] / CITY_YEAR_END[2021]) ** (1.0 / 3.0)
    city_pop = {y: CITY_YEAR_END[2021] * ratio ** (y - 2021) for y in NATIONAL_PER_1000}

    rows = []
    for code in leaves:
        for year, per_1000 in sorted(NATIONAL_PER_1000.items()):
            total = per_1000 * city_pop[year] * census[code] / city / 1000.0
            for provider, share, inclusive in PROVIDERS:
                for flag, part in (("yes", inclusive), ("no", 1.0 - inclusive)):
                    slots = round(total * share * part)
                    rows.append([code, year, provider, flag, slots, round(slots * USE)])
    with open(os.path.join(d, "slots.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["region", "year", "provider", "inclusive", "slots", "enrolled"])
        w.writerows(rows)
    with open(os.path.join(d, "takeup.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["age", "rate"])
        w.writerows(TAKEUP)
    for year in sorted(NATIONAL_PER_1000):
        s = sum(r[4] for r in rows if r[1] == year)
        print(f"{year}: {s} slots, {1000.0 * s / city_pop[year]:.3f} per 1,000 "
              f"(year-end population {city_pop[year]:.0f})")


if __name__ == "__main__":
    main()
