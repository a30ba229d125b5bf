#!/bin/sh
# ccap-bench refuses a run that cannot fit before it generates or projects anything, with the
# sizes; thousands of threads for a small run are no more than the run can use; lanes run in
# blocks, so memory does not grow with the regions.
# usage: test-bench.sh CCAP_BENCH
set -u
program=$1
case $program in /*) ;; *) program="$PWD/$program" ;; esac
. "$(dirname "$0")/harness.sh"

# 1,000,000 lanes x 500 years: 2.0e9 numbers (16 GB), refused at once.
expect_exit 2 --traj 1000000 --years 500 --repeat 0
expect_err "1 regions x 1000000 trajectories = 1000000 lanes x 500 years"
expect_err "more than CCAP_CELLS_MAX (1073741824)"
[ ! -s "$out" ] && ok || fail "a refused run printed results"
# the largest that fits: 1,000 lanes x 500 years
expect_exit 0 --traj 1000 --years 500 --repeat 0
expect_out "WORKLOAD regions=1 traj=1000 years=500 lanes=1000"
# more threads than lanes
expect_exit 0 --traj 2 --years 5 --repeat 1 --threads 4096
expect_out "CHECKSUM q_sum="

# 400 regions x 1,000 trajectories x 5 years: TFR, k, totals and under-3s of every lane and
# year would be 400,000 x (2 x 5 + 2 x 6) x 8 B = 70 MB at once; in blocks of 16 regions the
# largest block holds 16,000 x 22 x 8 B = 2.8 MB, and the whole process stays under 30 MB
# (about 7 MB measured).  Skipped under a wrapper (valgrind) or without GNU time.
if [ -z "${CCAP_TEST_WRAPPER:-}" ] && [ -x /usr/bin/time ]; then
    /usr/bin/time -f "maxrss_kb=%M" -o "$tmp/time" "$program" --regions 400 --traj 1000 \
        --years 5 --warmup 0 --repeat 0 >"$out" 2>"$err" || fail "400 x 1000 x 5 failed"
    expect_out "CHECKSUM q_sum="
    kb=$(sed -n 's/^maxrss_kb=//p' "$tmp/time")
    [ -n "$kb" ] && [ "$kb" -lt 30000 ] && ok || fail "400 x 1000 x 5: peak ${kb:-?} kB, not below 30000 kB"
fi

finish
