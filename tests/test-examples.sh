#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Run one example program and check a key number of its output.
# usage: test-examples.sh NAME EXAMPLE SOURCE_ROOT [PROGRAM]
#   PROGRAM: ccap-project (for project_population), ccap-simulate (for run_simulation) or
#   ccap-plan (for run_plan),
#   whose own output the example's numbers are compared with.
set -u
name=$1 src=$3 prog=${4:-}
# CCAP_TEST_WRAPPER (e.g. valgrind and its options) runs the example, not the shell.
exe="${CCAP_TEST_WRAPPER:+$CCAP_TEST_WRAPPER }$2"
data=$src/examples/data/nanyang
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL $name: $*"; cat "$tmp/out"; exit 1; }

case $name in
compute_gap)
    # Hand calculation: 4.1 x 9,713,112 / 1000 = 39,823.7592 slots required; minus 30,000
    # slots = 9,823.7592; rounded up to whole slots 39,824 and 9,824.
    $exe >"$tmp/out" || fail "exit status $?"
    grep -q '^required slots *39823\.7592 -> 39824 whole slots$' "$tmp/out" || fail "required"
    grep -q '^gap *9823\.7592 -> 9824 whole slots$' "$tmp/out" || fail "gap"
    grep -q '(3\.0886 per 1,000)' "$tmp/out" || fail "rate (30,000 / 9,713.112 = 3.0886)"
    $exe 100 -5 4.1 >"$tmp/out" 2>&1 && fail "negative slots accepted"
    ;;
allocate_slots)
    # Gaps at 4.5 per 1,000: Wancheng 4.5 x 633.563 - 2600 = 251.0, Wolong 600.4,
    # Xixia 126.9, Tanghe 838.4 (total 1,816.7 > 1,000).  Closing the largest shortfalls
    # first levels them at about 230, so Tanghe would get about 608: its cap of 500 binds;
    # the other 500 level Wolong and Wancheng at about 176, above Xixia's 126.9 (0 slots).
    $exe >"$tmp/out" || fail "exit status $?"
    awk '$2 == "Tanghe" && $6 == 500 { t = 1 } $2 == "Xixia" && $6 == 0 { x = 1 }
         $2 == "Wolong" { s += $6 } $2 == "Wancheng" { s += $6 }
         END { exit !(t && x && s == 500) }' "$tmp/out" || fail "shortfall allocation"
    # Max-min: Tanghe is the lowest (3.70 per 1,000) and takes its cap of 500; the other
    # 500 level the three others at (2600 + 3300 + 1900 + 500) / 1,950.729 = 4.255 per 1,000.
    awk '$2 == "Tanghe" && $7 == 500 { t = 1 }
         $2 ~ /^(Wancheng|Wolong|Xixia)$/ { n++; if ($8 < 4.25 || $8 > 4.26) bad = 1 }
         END { exit !(t && n == 3 && !bad) }' "$tmp/out" || fail "max-min allocation"
    grep -q '^not placed: 0 (shortfall), 0 (max-min)$' "$tmp/out" || fail "not placed"
    ;;
project_population)
    # The same projection by the ccap-project program: births and totals must agree.
    $exe "$data" >"$tmp/out" || fail "exit status $?"
    "$prog" -r "$data/regions.csv" -p "$data/population_2020.csv" -d "$data/mortality.csv" \
        -f "$data/fertility.csv" -s "$data/srb.csv" --migration-rates "$data/migration_rates.csv" \
        -n 5 -o "$tmp/proj" >/dev/null || fail "ccap-project failed"
    # summary.csv holds the calendar years 2021-2025: residents at the end, births in the year
    awk -F, 'FILENAME ~ /summary.csv$/ { if ($1 == "411300") { pop[$2] = $3; b[$2] = $4 }; next }
             /^20[0-9][0-9],/ { n++
               if (sprintf("%.0f", pop[$1]) != $2 || sprintf("%.0f", b[$1]) != $3) bad = 1 }
             END { exit !(n == 5 && !bad) }' "$tmp/proj/summary.csv" "$tmp/out" ||
        fail "differs from ccap-project"
    # 2024 as published (the calibration's fit): 9,454,000 residents at the end, 65,000 births
    grep -q '^2024,9454000,65000$' "$tmp/out" || fail "2024 not as published"
    $exe "$tmp/none" >"$tmp/out" 2>&1 && fail "missing directory accepted"
    ;;
run_simulation)
    # The same 200 trajectories by the ccap-simulate program (same seed; without slots its
    # jump-off is the base year 2020, as the example's): the city's births quantiles of
    # calendar 2024 must agree.
    $exe "$data" >"$tmp/out" || fail "exit status $?"
    "$prog" -r "$data/regions.csv" -p "$data/population_2020.csv" -d "$data/mortality.csv" \
        -f "$data/fertility.csv" -s "$data/srb.csv" --migration-rates "$data/migration_rates.csv" \
        -n 5 -N 200 --seed 20201101 -o "$tmp/sim" >/dev/null || fail "ccap-simulate failed"
    want=$(awk -F, '$1 == "411300" && $3 == 2024 && $4 == "births" { printf "%s%.0f", s, $6; s = " " }' \
           "$tmp/sim/quantiles.csv")
    got=$(sed -n 's/.*10% \([0-9]*\), 50% \([0-9]*\), 90% \([0-9]*\)$/\1 \2 \3/p' "$tmp/out")
    [ -n "$want" ] && [ "$want" = "$got" ] || fail "quantiles $got, ccap-simulate $want"
    ;;
run_plan)
    # The same plan by the ccap-plan program: the city's under-3s and gap (whole slots,
    # rounded up) at the end of 2025 must be those of its gaps.csv; births of 2024 as
    # published.
    $exe "$data/nanyang.ini" >"$tmp/out" || fail "exit status $?"
    "$prog" --scenario "$data/nanyang.ini" -N 1 --no-charts -o "$tmp/plan" >"$tmp/summary" ||
        fail "ccap-plan failed"
    want=$(awk -F, '$1 == "411300" && $3 == 2025 { g = int($10); if (g < $10) g++
                                                   printf "2025 %.0f %d", $5, g }' \
           "$tmp/plan/gaps.csv")
    got=$(awk '$1 == 2025 { print $1, $2, $4 }' "$tmp/out")
    [ -n "$want" ] && [ "$want" = "$got" ] || fail "end of 2025: $got, ccap-plan $want"
    grep -q '^births in 2024: 65000$' "$tmp/out" || fail "births in 2024"
    $exe "$tmp/none.ini" >"$tmp/err" 2>&1 && fail "missing scenario accepted"
    ;;
*)
    echo "unknown example $name"; exit 1 ;;
esac
echo "ok $name"
cat "$tmp/out"
