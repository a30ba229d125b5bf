#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A standard output that cannot be written (/dev/full) is an error in every program and
# example: exit status 1 and "PROGRAM: standard output: cannot write: REASON" on standard
# error, for a successful run and for --help, never a silent exit 0 or 1.
# usage: test-stdout.sh SOURCE_ROOT NAME=PROGRAM...
set -u
src=$1
shift
d="$src/examples/data/nanyang"
wpp="$src/examples/data/wpp"
program=true # harness.sh needs one; each run below names its program
. "$(dirname "$0")/harness.sh"
if [ ! -c /dev/full ]; then
    echo "no /dev/full here: skipped"; exit 77
fi

# full NAME PROGRAM ARGS...: PROGRAM with ARGS (run in a scratch directory of its own),
# standard output /dev/full: exit 1 and the message naming NAME
full() {
    name=$1 exe=$2; shift 2
    mkdir -p "$tmp/$name" && cd "$tmp/$name" || { fail "$name: no scratch directory"; return; }
    $wrap "$exe" "$@" >/dev/full 2>"$err"
    got=$?
    cd "$tmp" || exit 1
    if [ "$got" -eq 1 ]; then ok; else fail "$name $*: exit $got, expected 1"; cat "$err"; fi
    if grep -q "^$name: standard output: cannot write: No space left on device\$" "$err"; then
        ok
    else
        fail "$name $*: no 'standard output: cannot write' message:"; cat "$err"
    fi
}

for arg in "$@"; do
    name=${arg%%=*} exe=${arg#*=}
    case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
    case $name in
    ccap-base)
        full "$name" "$exe" --regions "$d/regions.csv" --margins "$d/margins.csv" --year 2020 \
            --date 2020-11-01 --standard "$wpp/standard_china_2020.csv" --out pop.csv ;;
    ccap-bench)
        full "$name" "$exe" --regions 1 --traj 1 --years 5 ;;
    ccap-calibrate)
        c="$src/tests/data/calibrate"
        full "$name" "$exe" --regions "$c/regions.csv" --margins "$c/margins.csv" \
            --vitals "$c/vitals.csv" --out out ;;
    ccap-gap)
        full "$name" "$exe" -r "$src/tests/data/gap_known/regions.csv" \
            -p "$src/tests/data/gap_known/population.csv" -s "$src/tests/data/gap_known/slots.csv" \
            -t "$src/tests/data/gap_known/targets.csv" -o out ;;
    ccap-inspect)
        full "$name" "$exe" --regions "$d/regions.csv" --margins "$d/margins.csv" ;;
    ccap-plan)
        full "$name" "$exe" -N 20 --no-charts ;;
    ccap-project)
        w="$src/tests/data/wpp2019"
        full "$name" "$exe" -r "$w/regions.csv" -d "$w/mortality.csv" -f "$w/fertility.csv" \
            -s "$w/srb.csv" -p "$w/population_2015.csv" -m "$w/migration.csv" -n 5 -o out ;;
    ccap-simulate)
        full "$name" "$exe" --scenario "$d/nanyang.ini" --trajectories 20 -o out ;;
    population_totals)
        full "$name" "$exe" "$src/tests/data/regions.csv" "$src/tests/data/pop5.csv" ;;
    project_population | run_simulation)
        full "$name" "$exe" "$d" ;;
    compute_gap | allocate_slots)
        full "$name" "$exe" ;;
    *)
        fail "unknown program $name"; continue ;;
    esac
    case $name in ccap-*) full "$name" "$exe" --help ;; esac
done

finish
