#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A city that is not Nanyang, from what it publishes to a plan, with the documented
# commands only (README, "Your own city"): a simulated prefecture of ten counties
# (tests/truth_prefecture.h) publishes its census margins, births, deaths and year-end
# populations; the analyst adds slots and a target, checks the figures with ccap-inspect,
# calibrates with ccap-calibrate and runs ccap-plan on the scenario it wrote.  Also the
# time ccap-calibrate takes for a city of 20 counties (printed, not asserted).
# usage: test-othercity.sh TRUTH_FILES CCAP_INSPECT CCAP_CALIBRATE CCAP_PLAN SOURCE_DIR
set -u
files=$1 inspect=$2 calibrate=$3 plan=$4 src=$5
wpp="$src/examples/data/wpp"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

c="$tmp/city"
mkdir -p "$c"
if "$files" "$wpp" "$wpp/standard_china_2020.csv" 10 "$c"; then ok; else fail "truth_files"; fi
# The analyst's own files: every county's slots at the end of 2024 (2 per 1,000 of its
# census population, rounded) and the national 4.5 per 1,000 for the end of 2025.
awk -F, 'NR > 1 && $4 == "total" && $3 == "both" && $1 != "419900" {
             printf "%s,2024,institution,yes,%d\n", $1, int($5 * 0.002 + 0.5) }
         BEGIN { print "region,year,provider,inclusive,slots" }' "$c/margins.csv" > "$c/slots.csv"
printf 'region,year,slots_per_1000\n*,2025,4.5\n' > "$c/targets.csv"

if "$inspect" --regions "$c/regions.csv" --margins "$c/margins.csv" > "$tmp/inspect.txt" 2>&1
then ok; else fail "ccap-inspect"; cat "$tmp/inspect.txt"; fi
if "$calibrate" --regions "$c/regions.csv" --margins "$c/margins.csv" --vitals "$c/vitals.csv" \
    --slots "$c/slots.csv" --targets "$c/targets.csv" -o "$tmp/cal" > "$tmp/cal.txt" 2> "$tmp/cal.err"
then ok; else fail "ccap-calibrate"; cat "$tmp/cal.err"; fi
cat "$tmp/cal.txt" "$tmp/cal.err"
# every figure the projection can give is met: fitted ones exactly, checked within 2 %
if awk -F, 'NR > 1 && ($8 == "fitted" || $8 == "checked") {
        r = $7 < 0 ? -$7 : $7; if (r > ($8 == "fitted" ? 1e-9 : 0.02) || $5 == "") bad = 1; n++ }
        END { exit bad || n == 0 }' "$tmp/cal/calibration.csv"
then ok; else fail "calibration.csv"; cat "$tmp/cal/calibration.csv"; fi
if "$plan" --scenario "$tmp/cal/scenario.ini" -N 50 --no-charts -o "$tmp/report" \
    > "$tmp/plan.txt" 2> "$tmp/plan.err"
then ok; else fail "ccap-plan on the calibrated scenario"; cat "$tmp/plan.err"; fi
for f in summary.txt gaps.csv population.csv index.html; do
    if [ -s "$tmp/report/$f" ]; then ok; else fail "the report lacks $f"; fi
done
if grep -q "419900" "$tmp/report/gaps.csv"; then ok; else fail "gaps.csv lacks the city"; fi

# 20 counties: the time of ccap-calibrate (the issue asks for under 5 s on this machine).
mkdir -p "$tmp/c20"
if "$files" "$wpp" "$wpp/standard_china_2020.csv" 20 "$tmp/c20"; then ok; else fail "truth_files 20"; fi
start=$(date +%s.%N)
if "$calibrate" --regions "$tmp/c20/regions.csv" --margins "$tmp/c20/margins.csv" \
    --vitals "$tmp/c20/vitals.csv" -o "$tmp/cal20" > /dev/null 2>&1
then ok; else fail "ccap-calibrate on 20 counties"; fi
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "ccap-calibrate, 20 counties: %.2f s\n", e - s }'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
