#!/usr/bin/env python3
"""Write ccap's national default assumptions from the UN WPP 2024 China extracts.

UN World Population Prospects 2024, (c) United Nations, DESA, Population Division,
licensed CC BY 3.0 IGO.  The extracts (tidy CSV) come from the R package wpp2024 1.1-3;
this script only changes layout and units, into ccap's own rate files, region `*`:

- mortality.csv: death rates mx by sex (female, male) on WPP's abridged ages 0, 1, 5,
  ..., 95, 100+, one schedule per 5-year period, `year` = the period's first year;
- fertility.csv: for every calendar year, ASFR of the 5-year groups 15, ..., 45 =
  TFR of the year x PASFR (percent) of the 5-year period holding the year / 100 / 5,
  the arithmetic of ccap_fertility_from_pasfr();
- srb.csv: the sex ratio at birth of every calendar year, males per female -> males
  per 100 females.

Numbers are written in the shortest form that reads back to the same double, so the
output is the same on every run and machine.

usage: tools/wpp2024-national.py WPP2024_DIR OUT_DIR [FIRST_YEAR LAST_YEAR]
  WPP2024_DIR  the extracts: mx_abridged_5y.csv, pasfr_5y.csv, tfr_annual.csv,
               srb_annual.csv
  OUT_DIR      where mortality.csv, fertility.csv and srb.csv are written
  FIRST_YEAR LAST_YEAR  calendar years of fertility and SRB (default 2010 2050);
               mortality has every period holding one of them
"""

import csv
import os
import sys

SEXES = ("female", "male")
AGES_MX = [0, 1] + list(range(5, 101, 5))  # 100 is the open group 100+
AGES_FERT = list(range(15, 50, 5))
PASFR_SUM_RTOL = 1e-6  # WPP rounds the percentages to 6 decimals


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def fmt(x):
    return repr(float(x)) if x != int(x) else str(int(x))


def period(start):
    return f"{start}-{start + 5}"


def period_of(year):
    return year - year % 5


def main():
    if len(sys.argv) not in (3, 5):
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    first, last = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) == 5 else (2010, 2050)
    if first > last:
        sys.exit(f"wpp2024-national: FIRST_YEAR {first} is after LAST_YEAR {last}")

    def read(name, key):
        table = {}
        for r in rows(os.path.join(src, name)):
            if r["region"] != "China":
                sys.exit(f"wpp2024-national: {name}: region {r['region']!r} is not China")
            k = tuple(r[c] for c in key)
            if k in table:
                sys.exit(f"wpp2024-national: {name}: {k} appears twice")
            table[k] = float(r["value"])
        return table

    def need(table, key, name):
        if key not in table:
            sys.exit(f"wpp2024-national: {name}: no row for {key}")
        return table[key]

    mx = read("mx_abridged_5y.csv", ("period", "sex", "age"))
    pasfr = read("pasfr_5y.csv", ("period", "age"))
    tfr = read("tfr_annual.csv", ("year",))
    srb = read("srb_annual.csv", ("year",))

    years = range(first, last + 1)
    periods = range(period_of(first), period_of(last) + 1, 5)
    os.makedirs(out, exist_ok=True)

    def write(name, header, data):
        with open(os.path.join(out, name), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(data)

    write("mortality.csv", ["region", "year", "sex", "age", "mx"],
          [["*", p, s, f"{a}+" if a == 100 else a,
            fmt(need(mx, (period(p), s, str(a)), "mx_abridged_5y.csv"))]
           for p in periods for s in SEXES for a in AGES_MX])

    fert = []
    for y in years:
        pct = [need(pasfr, (period(period_of(y)), str(a)), "pasfr_5y.csv") for a in AGES_FERT]
        if abs(sum(pct) - 100.0) > PASFR_SUM_RTOL * 100.0:
            sys.exit(f"wpp2024-national: pasfr_5y.csv: {period(period_of(y))} sums to {sum(pct)}")
        # ccap_fertility_from_pasfr(): k = tfr / 100 / width, asfr = pasfr * k
        k = need(tfr, (str(y),), "tfr_annual.csv") / 100.0 / 5.0
        fert += [["*", y, a, fmt(p * k)] for a, p in zip(AGES_FERT, pct)]
    write("fertility.csv", ["region", "year", "age", "asfr"], fert)

    write("srb.csv", ["region", "year", "srb"],
          [["*", y, fmt(round(need(srb, (str(y),), "srb_annual.csv") * 100.0, 10))]
           for y in years])


if __name__ == "__main__":
    main()
