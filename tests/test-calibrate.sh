#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Run ccap-calibrate as an analyst would: Nanyang's census margins and its published and
# derived vital figures (tests/data/calibrate) to a scenario that ccap-plan runs; every
# fitted figure met; the three rules of future fertility, both migration profiles, both
# base methods; bad vital figures refused with
# FILE:LINE: field:, margins that disagree by more than rounding refused and by rounding
# reconciled with a warning naming the lines, a county's figure above its city's refused
# naming both; usage errors (exit 2), and nothing written after any error.
# With CCAP_TEST_WRAPPER set (e.g. to a valgrind command), every run of ccap-calibrate goes
# through it (ccap-plan does not).
# usage: test-calibrate.sh CCAP_CALIBRATE CCAP_PLAN SOURCE_DIR
set -u
program=$1
plan=$2
src=$3
case $plan in /*) ;; *) plan="$PWD/$plan" ;; esac
c="$src/tests/data/calibrate"
nanyang="$src/examples/data/nanyang"
. "$(dirname "$0")/harness.sh"
inputs="--regions $c/regions.csv --margins $c/margins.csv"
childcare="--slots $nanyang/slots.csv --targets $nanyang/targets.csv --takeup $nanyang/takeup.csv --costs $nanyang/costs.csv"
# expect_err_re REGEX: a line of standard error matches the extended REGEX
expect_err_re() {
    if grep -qE -- "$1" "$err"; then ok; else fail "no error line matches '$1':"; cat "$err"; fi
}
# absent PATH: an output that must not have been written
absent() {
    if [ ! -e "$1" ]; then ok; else fail "$1 was written after an error"; rm -rf "$1"; fi
}
# levels YEAR COLUMN: a column of the calibrated levels of the city printed by the last run
# (2 TFR, 3 factor, 4 mortality level, 5 net migration per 1,000)
levels() {
    awk -v y="$1" -v k="$2" '/^411300 .*calibrated levels by calendar year/ { on = 1; next }
        on && /^$/ { on = 0 } on && $1 == y { print $k; exit }' "$out"
}

# 1. The Nanyang run: census of 2020-11-01, births of 2017-2020 and 2024, deaths of 2019
#    and 2024, year-end populations of 2019, 2021 and 2024.
d="$tmp/nanyang"
expect_exit 0 $inputs --vitals "$c/vitals.csv" $childcare --out "$d"
expect_out "ccap-calibrate: base population of 2020 from $c/margins.csv: 9713112 residents"
expect_out "411300 南阳市: calibrated levels by calendar year"
expect_out "411300 南阳市: the calibrated projection"
expect_out "wrote $d/: scenario.ini, calibration.csv and the files it names"
for f in regions.csv population.csv mortality.csv fertility.csv srb.csv migration_rates.csv \
         calibration.csv scenario.ini; do
    if [ -s "$d/$f" ]; then ok; else fail "no $f in $d"; fi
done
# calibration.csv: every figure of the vitals, in their order, beside the model.
head -n 1 "$d/calibration.csv" | grep -qx 'region,year,measure,published,model,difference,relative,use' &&
    ok || fail "calibration.csv header: $(head -n 1 "$d/calibration.csv")"
[ "$(awk 'END { print NR }' "$d/calibration.csv")" -eq 11 ] && ok ||
    fail "calibration.csv does not hold the 10 figures"
# The figures after the census are fitted (2021 and 2024 populations, 2024 births and
# deaths); the births before it made the base's children (base), its deaths are compared
# (checked), its population cannot be modelled (unused).  Every fitted row meets its
# figure to 1e-6.
fitted=$(awk -F, '$8 == "fitted" { printf "%s %s %s;", $1, $2, $3 }' "$d/calibration.csv")
[ "$fitted" = "411300 2021 population;411300 2024 population;411300 2024 births;411300 2024 deaths;" ] &&
    ok || fail "fitted rows: $fitted"
if awk -F, 'NR > 1 && $8 == "fitted" { n++; r = $7 + 0; if (r < 0) r = -r; if (!(r < 1e-6)) bad++ }
            NR > 1 && $8 != "fitted" && $8 != "checked" && $8 != "unused" && $8 != "base" { bad++ }
            END { exit !(n == 4 && !bad) }' "$d/calibration.csv"
then ok; else fail "a fitted figure is missed by 1e-6 or more:"; cat "$d/calibration.csv"; fi
grep -q '^411300,2024,births,65000,65000,.*,fitted$' "$d/calibration.csv" && ok ||
    fail "the 2024 births are not met"
before=$(awk -F, '$2 < 2021 { printf "%s %s %s%s;", $2, $3, $8, ($5 == "" ? "" : " with a model") }' \
         "$d/calibration.csv")
[ "$before" = "2019 population unused;2019 births base;2019 deaths checked with a model;2017 births base;2018 births base;2020 births base;" ] &&
    ok || fail "figures before the census: $before"
# The base: every region, single years dated with the census; its children under 3 are
# those of the births (reverse survival: 96,248 + 121,083 + 126,512 with 111.2 boys per
# 100 girls, about 343,600 with the national 2020 sex ratio), not the margins' shape.
[ "$(awk 'END { print NR }' "$d/population.csv")" -eq 3435 ] && ok ||
    fail "population.csv is not 17 regions x 2 sexes x 101 ages"
awk -F, 'NR > 1 && $6 != "2020-11-01" { bad = 1 } END { exit bad }' "$d/population.csv" && ok ||
    fail "population.csv is not dated 2020-11-01"
under3=$(awk -F, '$1 == "411300" && ($4 == "0" || $4 == "1" || $4 == "2") { s += $5 }
                  END { printf "%.0f", s }' "$d/population.csv")
[ "$under3" -gt 343000 ] && [ "$under3" -lt 344500 ] && ok ||
    fail "children under 3 of the base: $under3, not those of the births"
# The schedules: the steps from 2020 to 2035 (--years 15), region * for every county.
years=$(awk -F, 'NR > 1 { print $2 }' "$d/mortality.csv" | sort -u | tr '\n' ' ')
[ "$years" = "2020 2021 2022 2023 2024 2025 2026 2027 2028 2029 2030 2031 2032 2033 2034 2035 " ] &&
    ok || fail "mortality.csv years: $years"
awk -F, 'NR > 1 && $1 != "*" { bad = 1 } END { exit bad }' "$d/fertility.csv" && ok ||
    fail "fertility.csv has rows of a region other than *"
# scenario.ini names the files beside it and the childcare files given.
for line in "regions = regions.csv" "population = population.csv" "mortality = mortality.csv" \
            "fertility = fertility.csv" "srb = srb.csv" "migration_rates = migration_rates.csv" \
            "slots = $nanyang/slots.csv" "targets = $nanyang/targets.csv" \
            "takeup = $nanyang/takeup.csv" "costs = $nanyang/costs.csv" \
            "years = 15" "step = 1" "timing = half" "a0 = andreev-kingkade"; do
    grep -qxF "$line" "$d/scenario.ini" && ok || fail "scenario.ini lacks '$line'"
done
# ccap-plan runs the scenario (from another directory: the paths are the scenario's).
mkdir "$tmp/work"
(cd "$tmp/work" && "$plan" --scenario "$d/scenario.ini" -o report -N 20 --no-charts) \
    >"$tmp/plan.out" 2>"$tmp/plan.err"
got=$?
if [ "$got" -eq 0 ]; then ok; else fail "ccap-plan on $d/scenario.ini: exit $got"; cat "$tmp/plan.err"; fi
grep -qF "Base population (2020): 9,713,112 residents" "$tmp/plan.out" && ok ||
    fail "ccap-plan does not start from the calibrated base"
[ -s "$tmp/work/report/gaps.csv" ] && ok || fail "ccap-plan wrote no gaps.csv"

# 2. The same directory again, other settings: its files replaced, other files kept.
echo "mine" >"$d/notes.txt"
expect_exit 2 $inputs --vitals "$c/vitals.csv" --out "$d" --fertility-future hold --years 12
expect_err "$d: holds regions.csv and 7 more files from an earlier run: give --force to replace them, or another --out"
expect_exit 0 $inputs --vitals "$c/vitals.csv" --out "$d" --fertility-future hold --years 12 --force
grep -qx "years = 12" "$d/scenario.ini" && ok || fail "scenario.ini was not replaced"
grep -q "^slots = " "$d/scenario.ini" && fail "scenario.ini still names slots" || ok
[ "$(cat "$d/notes.txt")" = "mine" ] && ok || fail "a file of the user's was not kept"
# hold: the TFR of the last fitted step (2024) for every later year
tfr=$(levels 2024 2)
[ -n "$tfr" ] && [ "$(levels 2025 2)" = "$tfr" ] && [ "$(levels 2032 2)" = "$tfr" ] && ok ||
    fail "hold: TFR $tfr in 2024, $(levels 2025 2) in 2025, $(levels 2032 2) in 2032"
# TFR@YEAR: a straight line to 1.0 by 2030, then 1.0
expect_exit 0 $inputs --vitals "$c/vitals.csv" --out "$tmp/target" --fertility-future 1.0@2030
[ "$(levels 2030 2)" = "1.000" ] && [ "$(levels 2035 2)" = "1.000" ] && ok ||
    fail "1.0@2030: TFR $(levels 2030 2) in 2030, $(levels 2035 2) in 2035"
# national: the latest factor times the national path (the factor stays from 2024 on)
expect_exit 0 $inputs --vitals "$c/vitals.csv" --out "$tmp/national" --fertility-future national \
    --migration-scale 0 --migration-profile rogers-castro
[ "$(levels 2024 3)" = "$(levels 2035 3)" ] && ok ||
    fail "national: factor $(levels 2024 3) in 2024, $(levels 2035 3) in 2035"
# --migration-scale 0: no net migration after the last year-end population (2024)
awk -v m="$(levels 2026 5)" 'BEGIN { exit !(m == 0) }' && ok ||
    fail "--migration-scale 0: net migration $(levels 2026 5) per 1,000 in 2026"
grep -q '^411300,2024,population,9454000,9454000.0,.*,fitted$' "$tmp/national/calibration.csv" &&
    ok || fail "rogers-castro: the 2024 population is not met"
# --base-method rake: the raked base, whose single years step where the census age ranges
# meet (3 against 2, 15 against 14), meets the same figures; the large raked cohorts of
# 0-14 drive the births, which the diagnostic says.
expect_exit 0 $inputs --vitals "$c/vitals.csv" --out "$tmp/rake" --base-method rake
grep -q '^411300,2024,births,65000,65000,.*,fitted$' "$tmp/rake/calibration.csv" && ok ||
    fail "rake: the 2024 births are not met"
expect_err "note: 411300: births "
expect_err "cohort sizes, not fertility, drive it"
cmp -s "$tmp/rake/population.csv" "$tmp/national/population.csv" &&
    fail "rake: the same base as the smooth one" || ok

# 3. Bad vital figures: FILE:LINE: field: and nothing written.  The file has 11 lines; each
#    case changes or adds one.
v="$c/vitals.csv"
# bad_vitals NAME MESSAGE SCRIPT: the vitals edited by the sed SCRIPT are refused with
# FILE:MESSAGE, and no output directory is created
bad_vitals() {
    sed "$3" "$v" >"$tmp/$1.csv"
    expect_exit 1 $inputs --vitals "$tmp/$1.csv" --out "$tmp/bad"
    expect_err "$tmp/$1.csv:$2"
    expect_err "ccap-calibrate: $tmp/bad was not created"
    absent "$tmp/bad"
}
bad_vitals region "12: region: unknown region code '411399' (not in the region table)" \
    '$a 411399,2022,births,7000,a county code that is not in the table'
bad_vitals measure "5: measure: 'births_total' is not a measure; expected births, deaths, population, birth_rate or death_rate (or 出生人口, 死亡人口, 年末常住人口, 出生率, 死亡率)" \
    '4a 411300,2022,births_total,70000,'
bad_vitals non_numeric "3: value: '12.07万' is not a number" \
    's/^411300,2019,births,120700,/411300,2019,births,12.07万,/'
bad_vitals duplicate "12: measure: duplicate: the same region, year and measure as line 7" \
    '$a 411300,2024,出生人口,65000,the 2024 births again under their Chinese name'
bad_vitals negative "10: value: negative value -127300" \
    's/^411300,2018,births,127300,/411300,2018,births,-127300,/'
bad_vitals empty "9: value: empty value" 's/^411300,2017,births,127300,/411300,2017,births,,/'
# Births with one zero too many (650,000 for 65,000) are a count, in range, but no
# population could have them: the fitted TFR (about 17) is refused at their line.
bad_vitals ten_times "7: births: 411300 2024: 650000 births need a total fertility rate of 17 children per woman, outside [0.1, 10], beyond any population on record: are they the births of this area and year, in persons?" \
    's/^411300,2024,births,65000,/411300,2024,births,650000,/'
# ... in Chinese under --lang zh, the place (file, line, field) kept in ASCII
expect_exit 1 --lang zh $inputs --vitals "$tmp/ten_times.csv" --out "$tmp/bad"
expect_err "$tmp/ten_times.csv:7: births: 411300 2024年: 出生 650000 人需要总和生育率 17（每名妇女生育子女数），超出 [0.1, 10]"
# 25,000 births (the base's women would need a TFR of 0.39) are possible but rare: a
# warning at their line, and the run goes on.
sed 's/^411300,2024,births,65000,/411300,2024,births,25000,/' "$v" >"$tmp/low_births.csv"
expect_exit 0 $inputs --vitals "$tmp/low_births.csv" --out "$tmp/low_births"
expect_err "warning: $tmp/low_births.csv:7: births: 411300 2024: the births need a total fertility rate of 0.388 children per woman, outside [0.4, 4]: check the births and the base's women"

# 4. Margins that disagree: Tanghe (411328, line 23) 5 % over its published total, so that
#    the 16 areas exceed the city by 52,649 persons where rounding explains 161.5: refused,
#    naming the city's line, the areas' lines and the difference.
m="$c/margins.csv"
sed 's/^411328,2020,both,total,1052978,/411328,2020,both,total,1105627,/' "$m" >"$tmp/plus5pc.csv"
expect_exit 1 --regions "$c/regions.csv" --margins "$tmp/plus5pc.csv" --vitals "$v" --out "$tmp/bad"
expect_err "$tmp/plus5pc.csv:2: the 16 areas of 411300 (411302, 411303, 411321, 411322, 411323, 411324 and 10 more; lines 9-17, 23-26, 33-35) add up to 9,765,761 for both total, but 411300 (line 2) is 9,713,112: 52,649 persons (0.54 %) apart, more than the rounding allowance of 161.5; check the figures of 411300 and of its areas, and whether an area is missing from the region table"
[ "$(grep -c 'the 16 areas of 411300' "$err")" -eq 1 ] && ok || fail "the disagreement is not said once"
absent "$tmp/bad"
# One person over, as separately rounded figures give: reconciled with warnings naming the
# relation's line and the figures scaled (Tanghe on line 23), and the run goes on.
sed 's/^411328,2020,both,total,1052978,/411328,2020,both,total,1052979,/' "$m" >"$tmp/plus1.csv"
expect_exit 0 --regions "$c/regions.csv" --margins "$tmp/plus1.csv" --vitals "$v" --out "$tmp/plus1"
expect_err "warning: $tmp/plus1.csv:2: the 16 areas of 411300 (411302, 411303, 411321, 411322, 411323, 411324 and 10 more; lines 9-17, 23-26, 33-35) add up to 9,713,113 for both total, but 411300 (line 2) is 9,713,112: 1 person (1e-05 %) apart, within the rounding allowance of 161.5: reconciled, keeping the region's figure and scaling its areas'"
expect_err "warning: $tmp/plus1.csv:23: 411328,2020,both,total: 1052979 published, 1052978.89 used (-0.11)"
[ -s "$tmp/plus1/calibration.csv" ] && ok || fail "no calibration.csv after reconciling"
# A 0-2 margin of the city beside its births: the same children twice, refused at its line.
sed '8a 411300,2020,both,0-2,344460,derived from births' "$m" >"$tmp/with0-2.csv"
expect_exit 1 --regions "$c/regions.csv" --margins "$tmp/with0-2.csv" --vitals "$v" --out "$tmp/bad"
expect_err "$tmp/with0-2.csv:9: ages: 411300: the children under 3 come from its births; a margin for those ages is given too: remove one of the two"
absent "$tmp/bad"
# ... and accepted with --child-ages 0 (the children from the margins alone).
expect_exit 0 --regions "$c/regions.csv" --margins "$tmp/with0-2.csv" --vitals "$v" \
    --child-ages 0 --out "$tmp/child0"

# 5. A county's figure above its city's in the same year: refused, naming both, at the
#    line of the city's figure.
sed '$a 411328,2024,births,70000,a county above its city' "$v" >"$tmp/county_births.csv"
expect_exit 1 $inputs --vitals "$tmp/county_births.csv" --out "$tmp/bad"
expect_err_re "^$tmp/county_births.csv:$(grep -n '^411300,2024,births,' "$v" | cut -d: -f1): births: 411300 2024: the published 65000 is less than the 70000 of the areas below it \\(411328 70000\\)"
absent "$tmp/bad"
sed '$a 411381,2024,population,9500000,a county above its city' "$v" >"$tmp/county_pop.csv"
expect_exit 1 $inputs --vitals "$tmp/county_pop.csv" --out "$tmp/bad"
expect_err_re "^$tmp/county_pop.csv:$(grep -n '^411300,2024,population,' "$v" | cut -d: -f1): population: 411300 2024: the published 9454000 is less than the 9500000 of the areas below it \\(411381 9500000\\)"
absent "$tmp/bad"

# 6. Help, version, usage errors (exit 2, nothing written), missing files (exit 1).
expect_exit 0 --help
expect_out "Usage: ccap-calibrate"
expect_out "--fertility-future"
expect_exit 0 --version
expect_out "ccap-calibrate"
expect_exit 2
expect_exit 2 $inputs --out "$tmp/bad"
expect_err "ccap-calibrate: --regions, --margins, --vitals and --out are required"
for future in 1.0 0.05@2030 11@2030 1.0@ 1.0@20x0 1.0@2400 fast; do
    expect_exit 2 $inputs --vitals "$v" --out "$tmp/bad" --fertility-future "$future"
    expect_err "ccap-calibrate: --fertility-future '$future': use national, hold or TFR@YEAR with a TFR of 0.1 to 10 (e.g. 1.0@2030)"
done
# A target year at the census or before the last year with births (2024): a usage error.
for future in 1.0@2020 1.0@2024; do
    expect_exit 2 $inputs --vitals "$v" --out "$tmp/bad" --fertility-future "$future"
    expect_err "ccap-calibrate: --fertility-future $future: the year must come after the census and the last year with births (2024)"
done
expect_exit 2 $inputs --vitals "$v" --out "$tmp/bad" --base-method ipf
expect_err "ccap-calibrate: --base-method 'ipf': use smooth or rake"
expect_exit 2 $inputs --vitals "$v" --out "$tmp/bad" --migration-profile uniform
expect_err "ccap-calibrate: --migration-profile 'uniform': use sending or rogers-castro"
expect_exit 2 $inputs --vitals "$v" --out "$tmp/bad" --migration-scale 11
expect_exit 2 $inputs --vitals "$v" --out "$tmp/bad" --migration-scale nan
expect_exit 2 $inputs --vitals "$v" --out "$tmp/bad" --child-ages 16
expect_exit 2 $inputs --vitals "$v" --out "$tmp/bad" --years 0
expect_exit 2 $inputs --vitals "$v" --out "$tmp/bad" --years 101
expect_exit 2 $inputs --vitals "$v" --out "$tmp/bad" --date 2020-13-01
expect_exit 2 $inputs --vitals "$v" --out "$tmp/bad" --date 2019-11-01
expect_err "ccap-calibrate: --date 2019-11-01 is not in the census year 2020"
expect_exit 2 $inputs --vitals "$v" --out "$tmp/bad" --encoding latin1
expect_exit 2 $inputs --vitals "$v" --out "$tmp/bad" --bogus
expect_exit 2 $inputs --vitals "$v" --out "$tmp/bad" extra
absent "$tmp/bad"
expect_exit 1 $inputs --vitals "$tmp/no-such-file.csv" --out "$tmp/bad"
expect_err "$tmp/no-such-file.csv: cannot open"
expect_exit 1 $inputs --vitals "$v" --out "$tmp/bad" --national "$tmp/no-such-dir"
expect_err "$tmp/no-such-dir/mortality.csv: cannot open"
expect_exit 1 $inputs --vitals "$v" --out "$tmp/bad" --year 2021
expect_err "no margins for year 2021"
absent "$tmp/bad"

finish
