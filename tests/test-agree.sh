#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# One figure, one value, in every output: the bundled Nanyang scenario run by ccap-plan,
# ccap-simulate and ccap-project.
#   - ccap-plan and ccap-simulate, same scenario, seed and trajectories, write the same
#     quantiles.csv and probabilities.csv (one Monte Carlo run, through ccap_plan_run());
#   - births in calendar 2024 are the published 65,000 (vitals.csv) wherever births are
#     shown, with no band;
#   - children under 3 at the end of 2024 are one number in the summary, gaps.csv,
#     population.csv, index.html and report.xlsx.
# usage: test-agree.sh CCAP_PLAN CCAP_SIMULATE CCAP_PROJECT SOURCE_DIR
set -u
plan=$1 simulate=$2 project=$3 src=$4
d="$src/examples/data/nanyang"
program=$plan
. "$(dirname "$0")/harness.sh"
city=$(awk -F, 'NR > 1 && $4 == "" { print $1; exit }' "$d/regions.csv") # the root: 411300
published=$(awk -F, '$1 == "'"$city"'" && $2 == 2024 && $3 == "births" { print $4 }' "$d/vitals.csv")
[ "$published" = 65000 ] && ok || fail "vitals.csv: the published births of 2024 are '$published'"

program=$plan
expect_exit 0 --scenario "$d/nanyang.ini" -N 40 --seed 5 -o "$tmp/plan"
program=$simulate
expect_exit 0 --scenario "$d/nanyang.ini" -N 40 --seed 5 -o "$tmp/sim"
cp "$out" "$tmp/sim.txt"
program=$project
expect_exit 0 -r "$d/regions.csv" -p "$d/population_2020.csv" -d "$d/mortality.csv" \
    -f "$d/fertility.csv" -s "$d/srb.csv" --migration-rates "$d/migration_rates.csv" \
    -n 15 -o "$tmp/proj"

# 1. The same Monte Carlo rows from both programs, none before 2025.
for f in quantiles.csv probabilities.csv; do
    if cmp -s "$tmp/plan/$f" "$tmp/sim/$f"; then ok; else fail "$f differs between ccap-plan and ccap-simulate"; fi
done
if awk -F, 'FNR > 1 && $3 <= 2024 { bad = 1 } END { exit bad }' "$tmp/plan/quantiles.csv"
then ok; else fail "quantiles.csv has a band on an observed year"; fi

# 2. Births of 2024: 65,000 in the plan's summary and page (no band on the line), in
#    ccap-simulate's summary and every variant, in ccap-project's summary.csv.
grep -q '^  2024      65,000   ' "$tmp/plan/summary.txt" && ok || fail "summary.txt: 2024 births are not 65,000"
grep '^  2024 ' "$tmp/plan/summary.txt" | grep -q '(' && fail "summary.txt: a band on 2024" || ok
grep -q '<tr><td>2024</td><td>65,000</td><td></td>' "$tmp/plan/index.html" && ok ||
    fail "index.html: 2024 births are not 65,000 without a band"
grep -q 'births in 2024: *65,000 (observed years: no band)' "$tmp/sim.txt" && ok ||
    fail "ccap-simulate: 2024 births are not 65,000 without a band"
if awk -F, '$4 == 2024 && $2 == "'"$city"'" { n++; if (sprintf("%.0f", $6) != "65000") bad = 1 }
            END { exit bad || n == 0 }' "$tmp/sim/variants.csv"
then ok; else fail "variants.csv: a variant's 2024 births are not 65,000"; fi
if awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
            $c["region"] == "'"$city"'" && $c["year"] == 2024 { v = sprintf("%.0f", $c["births"]) }
            END { exit v != "65000" }' "$tmp/proj/summary.csv"
then ok; else fail "ccap-project summary.csv: 2024 births are not 65,000"; fi

# 3. Children under 3 at the end of 2024: one number.
u3=$(awk -F, '$1 == "'"$city"'" && $3 == 2024 { printf "%.0f", $5 }' "$tmp/plan/gaps.csv")
[ -n "$u3" ] && ok || fail "gaps.csv: no under-3s at the end of 2024"
p3=$(awk -F, '$1 == "'"$city"'" && $3 == 2024 && $5 !~ /\+/ && $5 + 0 < 3 { s += $6 }
              END { printf "%.0f", s }' "$tmp/plan/population.csv")
[ "$p3" = "$u3" ] && ok || fail "population.csv: under-3s at the end of 2024 are $p3, gaps.csv $u3"
grouped=$(printf '%s' "$u3" | sed ':a;s/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/;ta')
# (marked † as estimated: the base population's children, not a count)
grep '^  2024 ' "$tmp/plan/summary.txt" | grep -qE " $grouped†?\$" && ok ||
    fail "summary.txt: under-3s at the end of 2024 are not $grouped"
grep -q "under 3, end of 2024: *$grouped " "$tmp/sim.txt" && ok ||
    fail "ccap-simulate: under-3s at the end of 2024 are not $grouped"
grep -qE "<tr><td>2024</td><td>65,000</td><td></td><td>$grouped†?</td>" "$tmp/plan/index.html" && ok ||
    fail "index.html: under-3s at the end of 2024 are not $grouped"
if [ -s "$tmp/plan/report.xlsx" ] && command -v unzip >/dev/null 2>&1; then
    # the Gaps sheet holds the same double as gaps.csv (a cell's <v>), rounded the same
    if unzip -p "$tmp/plan/report.xlsx" 'xl/worksheets/*.xml' |
        grep -o '<v>[0-9.e+-]*</v>' | sed 's/<v>//; s/<\/v>//' |
        awk -v u="$u3" '{ if (sprintf("%.0f", $1) == u) found = 1 } END { exit !found }'
    then ok; else fail "report.xlsx: no cell holds the under-3s at the end of 2024 ($u3)"; fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
