#!/bin/sh
# ccap-bench refuses a run that cannot fit before it generates or projects anything, with the
# sizes; thousands of threads for a small run are no more than the run can use.
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

finish
