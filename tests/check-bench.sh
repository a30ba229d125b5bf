#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Run ccap-bench on one workload of docs/performance.md and compare its checksums with the
# reference values there (relative 1e-9, the benchmark's agreement contract).  W4 also checks
# that the peak resident memory (GNU time, when installed) stays below 1 GB.
# usage: check-bench.sh PROGRAM W1|W2|W3|W4 [ccap-bench options...]
set -u
prog=$1 w=$2
shift 2
case $w in
W1) args="--regions 1 --traj 1 --years 50"
    ref="final_total=1339763.595563096 u3_sum=1856065.408996676" ;;
W2) args="--regions 2850 --traj 1 --years 30"
    ref="final_total=1258033229.957326 u3_sum=958855822.7011432" ;;
W3) args="--regions 16 --traj 1000 --years 30"
    ref="final_total=10287921073.68122 u3_sum=7994136285.495291 q_sum=47959188.06341576" ;;
W4) args="--regions 2850 --traj 1000 --years 30"
    ref="final_total=1257909138525.9202 u3_sum=958975392991.50403 q_sum=5753721105.3699169"
    max_kb=1000000 ;;
*) echo "unknown workload $w"; exit 2 ;;
esac
timed=
if [ -n "${max_kb:-}" ] && [ -x /usr/bin/time ] && [ -z "${CCAP_TEST_WRAPPER:-}" ]; then
    tfile=$(mktemp)
    trap 'rm -f "$tfile"' EXIT
    timed="/usr/bin/time -f maxrss_kb=%M -o $tfile"
fi
# shellcheck disable=SC2086
out=$(${CCAP_TEST_WRAPPER:-} $timed "$prog" $args "$@") || { echo "FAIL: $prog exited with $?"; exit 1; }
printf '%s\n' "$out"
status=0
for kv in $ref; do
    name=${kv%%=*} want=${kv#*=}
    got=$(printf '%s\n' "$out" | sed -n "s/^CHECKSUM $name=//p")
    if [ -z "$got" ]; then
        echo "FAIL: no CHECKSUM $name"; status=1; continue
    fi
    awk -v g="$got" -v w="$want" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= 1e-9 * w) }' ||
        { echo "FAIL: $w $name=$got, reference $want"; status=1; }
done
[ $status -eq 0 ] && echo "ok: $w checksums equal the reference values to 1e-9"
if [ -n "$timed" ]; then
    kb=$(sed -n 's/^maxrss_kb=//p' "$tfile")
    echo "peak resident memory: ${kb:-?} kB"
    if [ -z "$kb" ] || [ "$kb" -ge "$max_kb" ]; then
        echo "FAIL: $w peak memory ${kb:-?} kB, not below $max_kb kB"; status=1
    fi
fi
exit $status
