#!/bin/sh
# Run ccap-simulate as an analyst would, on the bundled Nanyang scenario: outputs and their
# consistency, the same results for 1 and 2 threads, a different seed giving different
# results, zero noise giving the deterministic projection, help and usage errors.
# usage: test-simulate.sh CCAP_SIMULATE SOURCE_DIR
set -u
program=$1
src=$2
d="$(cd "$src" && pwd)/examples/data/nanyang"
. "$(dirname "$0")/harness.sh"
n=${CCAP_TEST_TRAJECTORIES:-200}

expect_exit 0 --scenario "$d/nanyang.ini" --trajectories "$n" --threads 1 -o "$tmp/a"
expect_out "411300 南阳市: median and 80% band"
expect_out "observed to 2024, bands from 2025"
expect_out "Probability of meeting the target at the end of 2025"
expect_out "Sensitivity of the city's gaps at the end of 2025"
# The published births of 2024 (vitals.csv), an input of the calibration, come back under
# the calendar rule and carry no band; bands start in 2025.
expect_out "births in 2024:         65,000 (observed years: no band)"
for f in variants quantiles probabilities; do
    if [ -s "$tmp/a/$f.csv" ]; then ok; else fail "no $f.csv"; fi
done
[ "$(head -n 1 "$tmp/a/quantiles.csv")" = "region,name,year,measure,quantile,value" ] && ok || fail "quantiles header"
[ "$(head -n 1 "$tmp/a/probabilities.csv")" = "region,name,year,p_target_met,p_overbuild" ] && ok || fail "probabilities header"

# Byte-identical with 2 threads; a different seed differs.
expect_exit 0 --scenario "$d/nanyang.ini" --trajectories "$n" --threads 2 -o "$tmp/b"
for f in variants quantiles probabilities; do
    if cmp -s "$tmp/a/$f.csv" "$tmp/b/$f.csv"; then ok; else fail "$f.csv differs with 2 threads"; fi
done
expect_exit 0 --scenario "$d/nanyang.ini" --trajectories "$n" --seed 7 -o "$tmp/c"
if cmp -s "$tmp/a/quantiles.csv" "$tmp/c/quantiles.csv"; then fail "seed 7 gives the same quantiles"; else ok; fi

# Only the years after the observed 2024 have quantiles and probabilities, from 2025 to the
# end of the run: 15 years from the 2020 census reach the end of 2035 (the plan projects
# one step more, to 2036-11-01, so that 2035 is whole).
if awk -F, 'FNR > 1 && ($3 < 2025 || $3 > 2035) { bad = 1 } FNR > 1 && $3 == 2035 { n++ }
            END { exit bad || n == 0 }' "$tmp/a/quantiles.csv" "$tmp/a/probabilities.csv"
then ok; else fail "quantiles or probabilities outside 2025-2035"; fi
for m in population births under3 target_slots demand_slots target_gap demand_gap; do
    if grep -q "^411300,南阳市,2030,$m,0.5," "$tmp/a/quantiles.csv"; then ok; else fail "no $m in quantiles.csv"; fi
done
# Variants: the calendar years 2021-2035; 2024 the same in every variant (births 65,000 to
# rounding), the years after it differing.
# (variant,region,name,year,population,births,under3: the name beside the code)
head -n 1 "$tmp/a/variants.csv" | grep -qx 'variant,region,name,year,population,births,under3' && ok ||
    fail "variants.csv header"
awk -F, 'NR > 1 && $2 == "411300" && $3 != "南阳市" { bad = 1 } END { exit bad }' "$tmp/a/variants.csv" &&
    ok || fail "variants.csv: the city's name is not the region table's"
if awk -F, '$2 == "411300" && $4 == 2024 { v[$1] = $5 "," $6 "," $7; b = $6; n++ }
            $2 == "411300" && $4 == 2030 { w[$1] = $6 }
            END { for (k in v) if (v[k] != v["medium"]) bad = 1
                  d = b - 65000; if (d < 0) d = -d
                  exit bad || n != 6 || d > 0.01 || w["low"] == w["medium"] ||
                       w["constant_fertility"] == w["medium"] }' "$tmp/a/variants.csv"
then ok; else fail "variants differ in 2024 or agree after it"; fi
if awk -F, 'NR > 1 && ($4 < 2021 || $4 > 2035) { bad = 1 } END { exit bad }' "$tmp/a/variants.csv"
then ok; else fail "variants.csv outside the calendar years 2021-2035"; fi

# Quantiles ascend; probabilities lie in [0, 1]; the high variant has more births than the
# medium one, the low fewer (city, 2030).
if awk -F, 'NR > 1 { k = $1 "," $3 "," $4; if (k == key && $6 < last - 1e-9) bad = 1; key = k; last = $6 }
            END { exit bad }' "$tmp/a/quantiles.csv"; then ok; else fail "quantiles do not ascend"; fi
if awk -F, 'NR > 1 && (($4 != "" && ($4 < 0 || $4 > 1)) || ($5 != "" && ($5 < 0 || $5 > 1))) { bad = 1 }
            END { exit bad }' "$tmp/a/probabilities.csv"; then ok; else fail "a probability outside [0, 1]"; fi
if awk -F, '$2 == "411300" && $4 == 2030 { b[$1] = $6 }
            END { exit !(b["high"] > b["medium"] && b["medium"] > b["low"]) }' "$tmp/a/variants.csv"
then ok; else fail "variants not ordered"; fi

# Zero noise: every trajectory is the deterministic (medium) projection (the library's test
# checks it bit for bit); here the median is that value to the last digit, and the other
# quantiles within the rounding of their interpolation (1e-12 relative).  Five steps from
# the census: the calendar years 2021-2024; without slots the jump-off is the base year.
cat > "$tmp/zero.ini" <<EOT
[inputs]
regions = $d/regions.csv
population = $d/population_2020.csv
mortality = $d/mortality.csv
fertility = $d/fertility.csv
srb = $d/srb.csv
migration_rates = $d/migration_rates.csv
[projection]
years = 5
[simulation]
trajectories = 5
tfr_sigma = 0
mortality_sd = 0
migration_sd = 0
EOT
expect_exit 0 --scenario "$tmp/zero.ini" -o "$tmp/z"
if awk -F, 'NR == FNR { if ($1 == "medium" && $4 == 2024) want[$2] = $6; next }
            $4 == "births" && $3 == 2024 { n++; d = ($6 - want[$1]) / want[$1]; if (d < 0) d = -d
                                           if (($5 == 0.5 && $6 != want[$1]) || d > 1e-12) bad = 1 }
            END { exit bad || n == 0 }' "$tmp/z/variants.csv" "$tmp/z/quantiles.csv"
then ok; else fail "zero noise does not give the deterministic projection"; fi

# The largest run a scenario may ask for, refused before it starts, with the sizes.
expect_exit 1 --scenario "$d/nanyang.ini" --trajectories 1000000 -o "$tmp/big"
expect_err "1000000 trajectories x 17 regions x 16 years x 6 measures = "
expect_err "numbers, more than CCAP_CELLS_MAX (1073741824)"
[ ! -e "$tmp/big" ] && ok || fail "a refused run left its directory"

# The sensitivity year from the scenario; a year outside the run is said, not skipped
# silently.
sed 's/^quantiles = .*/&\nsensitivity_year = 2040/' "$d/nanyang.ini" > "$tmp/sens.ini"
sed -i "s#= \([a-z_0-9]*\.csv\)#= $d/\1#" "$tmp/sens.ini"
expect_exit 0 --scenario "$tmp/sens.ini" --trajectories 2 -o "$tmp/sens"
expect_out "Sensitivity of the gaps at the end of 2040: not computed (the run covers 2021 to 2035)"
sed -i 's/^sensitivity_year = 2040/sensitivity_year = 2030/' "$tmp/sens.ini"
# a second run into the same directory takes the first one's files only with --force
cp "$tmp/sens/variants.csv" "$tmp/sens-variants.csv"
expect_exit 2 --scenario "$tmp/sens.ini" --trajectories 2 -o "$tmp/sens"
expect_err "$tmp/sens: holds variants.csv and 2 more files from an earlier run: give --force to replace them, or another --out"
cmp -s "$tmp/sens/variants.csv" "$tmp/sens-variants.csv" && ok || fail "refused, yet variants.csv changed"
expect_exit 0 --scenario "$tmp/sens.ini" --trajectories 2 --force -o "$tmp/sens"
expect_out "Sensitivity of the city's gaps at the end of 2030"
sed -i 's/^sensitivity_year = 2030/sensitivity_year = twenty/' "$tmp/sens.ini"
expect_exit 1 --scenario "$tmp/sens.ini" --trajectories 2 -o "$tmp/x"
expect_err "sens.ini:32: sensitivity_year: 'twenty' is not a whole number"

# Help, version, usage errors.
expect_exit 0 --help
expect_out "Usage: ccap-simulate"
expect_out "Example"
expect_exit 0 --version
expect_exit 2
expect_exit 2 --scenario "$d/nanyang.ini"
expect_exit 2 --scenario "$d/nanyang.ini" -o "$tmp/x" --quantiles 0.9,0.1
expect_exit 2 --scenario "$d/nanyang.ini" -o "$tmp/x" --trajectories 0
expect_exit 2 -r "$d/regions.csv" -o "$tmp/x"
expect_exit 1 --scenario "$src/tests/data/bad/scen_unknown_section.ini" -o "$tmp/x"
# Seeds: one rule with the scenario file, 0 to 2^32 - 1.
expect_exit 0 --scenario "$d/nanyang.ini" --trajectories 2 --seed 4294967295 -o "$tmp/seed"
expect_exit 2 --scenario "$d/nanyang.ini" --trajectories 2 --seed 4294967296 -o "$tmp/x"
expect_err "--seed: '4294967296' is not a valid seed"
expect_exit 2 --scenario "$d/nanyang.ini" --trajectories 2 --seed -1 -o "$tmp/x"
# A file that is not a scenario is refused without its text quoted back.
expect_exit 1 --scenario "$d/population_2020.csv" -o "$tmp/x"
expect_err "population_2020.csv:1: not a scenario (INI) file"
if grep -q "region,year" "$err"; then fail "the file's first line is quoted back"; else ok; fi

finish
