#!/bin/sh
# No data loss: a run that fails half-way leaves every earlier output byte-identical, no
# temporary file or directory, and for a fresh output location nothing at all.
#
# Each program first writes its outputs normally; their checksums are recorded.  Then a run
# with other settings (so that its files would differ) is made to fail:
#   - a full disk: `ulimit -f` caps the size of every file the program writes (root too;
#     SIGXFSZ is ignored, so writes beyond the cap fail with EFBIG).  The caps are taken from
#     the sizes of the files a successful run writes, so that the failure falls in the first
#     file, near the end of the largest one, or in the second file after the first is
#     complete (ccap-simulate, ccap-plan);
#   - an unwritable directory: the output path's parent is a regular file (ENOTDIR), or the
#     output "directory" is a regular file;
#   - a target name occupied by a directory, which stops the last step (the renames).
# Every failure must exit 1 with a message naming the file, and leave the outputs as they
# were.  A final uncapped run of the same settings succeeds and replaces them, which shows
# that the cap, not the settings, made the run fail.
# usage: test-dataloss.sh CCAP_PROJECT CCAP_GAP CCAP_SIMULATE CCAP_PLAN SOURCE_DIR
set -u
project=$1
gap=$2
simulate=$3
plan=$4
src=$5
d="$src/examples/data/nanyang"
program=$project
. "$(dirname "$0")/harness.sh"
o="$tmp/o" # every output location lives here, so that leftovers beside them are seen
mkdir "$o"

# The unit of `ulimit -f` (512 bytes for dash, 1024 for bash): what a cap of 1 lets through.
unit=$( (trap '' XFSZ; ulimit -f 1; head -c 4096 /dev/zero >"$tmp/unit") 2>/dev/null
        wc -c <"$tmp/unit")
echo "ulimit -f unit: $unit bytes"

size() { wc -c <"$1" | tr -d ' '; }
# The state of a location: every path, and the checksum of every file.
snap() { (cd "$1" 2>/dev/null && find . | sort && find . -type f -exec sha256sum {} + | sort); }
# capped BYTES PROGRAM ARGS...: run with files capped at BYTES (rounded down to the unit).
capped() {
    cap=$1; shift
    (trap '' XFSZ; ulimit -f $((cap / unit)) && exec "$@") >"$out" 2>"$err"
}
# must_fail WHAT DIR TEXT STATE: the last run exited 1, said TEXT, left DIR in STATE and
# no temporary file or directory anywhere under $o.
must_fail() {
    if [ "$got" -eq 1 ]; then ok; else fail "$1: exit $got, expected 1"; cat "$err"; fi
    if grep -qF -- "$3" "$err"; then ok; else fail "$1: the message does not name $3:"; cat "$err"; fi
    if [ "$(snap "$2")" = "$4" ]; then ok; else fail "$1: $2 changed"; fi
    left=$(find "$o" -name '*.tmp-*')
    if [ -z "$left" ]; then ok; else fail "$1: left $left"; rm -rf $left; fi
}
# must_replace WHAT DIR STATE: the last run succeeded and changed DIR; no temporary left.
must_replace() {
    if [ "$got" -eq 0 ]; then ok; else fail "$1: exit $got"; cat "$err"; fi
    if [ "$(snap "$2")" != "$3" ]; then ok; else fail "$1: $2 was not replaced"; fi
    if [ -z "$(find "$o" -name '*.tmp-*')" ]; then ok; else fail "$1: a temporary was left"; fi
}
# A regular file where a directory is expected (ENOTDIR stops root as well).
echo "not a directory" >"$o/plain"

# ---- ccap-project: population.csv, births.csv, summary.csv ----
p_args="-r $d/regions.csv -p $d/population_2020.csv -d $d/mortality.csv -f $d/fertility.csv
        -s $d/srb.csv --migration-rates $d/migration_rates.csv"
"$project" $p_args -n 5 -o "$o/proj" >"$out" 2>"$err" || fail "ccap-project: first run"
"$project" $p_args -n 15 -o "$tmp/ref-proj" >"$out" 2>"$err" || fail "ccap-project: reference"
before=$(snap "$o/proj")
pop=$(size "$tmp/ref-proj/population.csv")
for cap in 1024 $((pop - 1)); do
    capped "$cap" "$project" $p_args -n 15 -o "$o/proj"; got=$?
    must_fail "ccap-project capped at $cap" "$o/proj" "$o/proj/population.csv" "$before"
    expect_err "no file in $o/proj was replaced"
    capped "$cap" "$project" $p_args -n 15 -o "$o/proj-new"; got=$?
    must_fail "ccap-project capped at $cap, fresh" "$o/proj-new" "proj-new" ""
    expect_err "$o/proj-new was not created"
done
"$project" $p_args -n 15 -o "$o/plain/proj" >"$out" 2>"$err"; got=$?
must_fail "ccap-project into a file's path" "$o/plain/proj" "$o/plain/proj" ""
"$project" $p_args -n 15 -o "$o/plain" >"$out" 2>"$err"; got=$?
must_fail "ccap-project into a regular file" "$o/proj" "$o/plain: not a directory" "$before"
# the third file's name is taken by a directory: refused before the first file is replaced
cp -R "$o/proj" "$o/proj-busy"
rm "$o/proj-busy/summary.csv"
mkdir "$o/proj-busy/summary.csv"
echo "mine" >"$o/proj-busy/summary.csv/keep.txt"
busy=$(snap "$o/proj-busy")
"$project" $p_args -n 15 -o "$o/proj-busy" >"$out" 2>"$err"; got=$?
must_fail "ccap-project, summary.csv a directory" "$o/proj-busy" "$o/proj-busy/summary.csv" "$busy"
"$project" $p_args -n 15 -o "$o/proj" >"$out" 2>"$err"; got=$?
must_replace "ccap-project uncapped" "$o/proj" "$before"

# ---- ccap-gap: gaps.csv, schedule.csv, allocation.csv ----
program=$gap
g_args="-r $d/regions.csv -p $o/proj/population.csv -s $d/slots.csv -t $d/targets.csv
        -u $d/takeup.csv --year 2025"
"$gap" $g_args --allocate 1000 -o "$o/gap" >"$out" 2>"$err" || fail "ccap-gap: first run"
"$gap" $g_args --allocate 3000 --attrition 0.02 -o "$tmp/ref-gap" >"$out" 2>"$err" ||
    fail "ccap-gap: reference"
before=$(snap "$o/gap")
gaps=$(size "$tmp/ref-gap/gaps.csv")
for cap in 1024 $((gaps - 1)); do
    capped "$cap" "$gap" $g_args --allocate 3000 --attrition 0.02 -o "$o/gap"; got=$?
    must_fail "ccap-gap capped at $cap" "$o/gap" "$o/gap/gaps.csv" "$before"
    capped "$cap" "$gap" $g_args --allocate 3000 --attrition 0.02 -o "$o/gap-new"; got=$?
    must_fail "ccap-gap capped at $cap, fresh" "$o/gap-new" "gap-new" ""
done
"$gap" $g_args --allocate 3000 -o "$o/plain/gap" >"$out" 2>"$err"; got=$?
must_fail "ccap-gap into a file's path" "$o/plain/gap" "$o/plain/gap" ""
"$gap" $g_args --allocate 3000 --attrition 0.02 -o "$o/gap" >"$out" 2>"$err"; got=$?
must_replace "ccap-gap uncapped" "$o/gap" "$before"

# ---- ccap-simulate: variants.csv, then quantiles.csv and probabilities.csv ----
program=$simulate
"$simulate" --scenario "$d/nanyang.ini" -N 10 --spread 0.3 -o "$o/sim" >"$out" 2>"$err" ||
    fail "ccap-simulate: first run"
"$simulate" --scenario "$d/nanyang.ini" -N 20 -o "$tmp/ref-sim" >"$out" 2>"$err" ||
    fail "ccap-simulate: reference"
before=$(snap "$o/sim")
var=$(size "$tmp/ref-sim/variants.csv")
qua=$(size "$tmp/ref-sim/quantiles.csv")
# the second cap lets variants.csv through whole and stops quantiles.csv
second=$(( (var + unit - 1) / unit * unit ))
if [ "$second" -lt "$qua" ]; then ok; else fail "ccap-simulate: quantiles.csv ($qua) is not larger than variants.csv ($var)"; fi
for cap in 1024 "$second"; do
    want="$o/sim/variants.csv"
    [ "$cap" = "$second" ] && want="$o/sim/quantiles.csv"
    capped "$cap" "$simulate" --scenario "$d/nanyang.ini" -N 20 -o "$o/sim"; got=$?
    must_fail "ccap-simulate capped at $cap" "$o/sim" "$want" "$before"
    capped "$cap" "$simulate" --scenario "$d/nanyang.ini" -N 20 -o "$o/sim-new"; got=$?
    must_fail "ccap-simulate capped at $cap, fresh" "$o/sim-new" "sim-new" ""
done
"$simulate" --scenario "$d/nanyang.ini" -N 20 -o "$o/plain/sim" >"$out" 2>"$err"; got=$?
must_fail "ccap-simulate into a file's path" "$o/plain/sim" "$o/plain/sim" ""
"$simulate" --scenario "$d/nanyang.ini" -N 20 -o "$o/sim" >"$out" 2>"$err"; got=$?
must_replace "ccap-simulate uncapped" "$o/sim" "$before"

# ---- ccap-plan: a report directory, replaced with --force ----
program=$plan
"$plan" -N 10 --no-charts -o "$o/plan" >"$out" 2>"$err" || fail "ccap-plan: first run"
"$plan" -N 20 --no-charts -o "$tmp/ref-plan" >"$out" 2>"$err" || fail "ccap-plan: reference"
before=$(snap "$o/plan")
summ=$(size "$tmp/ref-plan/summary.txt")
popf=$(size "$tmp/ref-plan/population.csv")
# summary.txt is written first, then report.xlsx when built with libxlsxwriter, then
# population.csv
xlsx=0
[ -f "$tmp/ref-plan/report.xlsx" ] && xlsx=1
second=$(( (summ + unit - 1) / unit * unit ))
for cap in 1024 "$second" $((popf - 1)); do
    want="$o/plan/population.csv"
    [ "$cap" = 1024 ] && want="$o/plan/summary.txt"
    [ "$cap" = "$second" ] && [ "$xlsx" = 1 ] && want="$o/plan/report.xlsx: cannot write"
    capped "$cap" "$plan" -N 20 --no-charts -o "$o/plan" --force; got=$?
    must_fail "ccap-plan capped at $cap" "$o/plan" "$want" "$before"
    expect_err "$o/plan was left as it was"
    capped "$cap" "$plan" -N 20 --no-charts -o "$o/plan-new"; got=$?
    must_fail "ccap-plan capped at $cap, fresh" "$o/plan-new" "plan-new" ""
done
if "$plan" -N 20 -o "$tmp/ref-charts" >"$out" 2>"$err" && ! grep -q "Charts were skipped" "$out"
then
    want="$o/plan/population.csv"
    [ "$xlsx" = 1 ] && want="$o/plan/report.xlsx: cannot write"
    capped "$second" "$plan" -N 20 -o "$o/plan" --force; got=$?
    must_fail "ccap-plan with charts capped at $second" "$o/plan" "$want" "$before"
fi
# libxlsxwriter assembles each sheet in a temporary file without checking the writes: a cap
# above the size of report.xlsx but below its largest sheet cuts that sheet short, and only
# ccap-plan's reading back of the file notices.
if [ "$xlsx" = 1 ] && command -v unzip >/dev/null 2>&1; then
    part=$(unzip -l "$tmp/ref-plan/report.xlsx" |
           awk '$4 ~ /^xl\/worksheets\/sheet/ && $1 > m { m = $1 } END { print m + 0 }')
    cap=$(( ($(size "$tmp/ref-plan/report.xlsx") + unit) / unit * unit ))
    if [ "$cap" -lt "$part" ]; then ok; else fail "report.xlsx: no cap between $cap and $part"; fi
    capped "$cap" "$plan" -N 20 --no-charts -o "$o/plan" --force; got=$?
    must_fail "ccap-plan capped at $cap (a sheet cut short)" "$o/plan" "is cut short" "$before"
    expect_err "$o/plan/report.xlsx: cannot write"
fi
"$plan" -N 20 --no-charts -o "$o/plain/plan" --force >"$out" 2>"$err"; got=$?
must_fail "ccap-plan into a file's path" "$o/plain/plan" "$o/plain/plan" ""
"$plan" -N 20 --no-charts -o "$o/plain" --force >"$out" 2>"$err"; got=$?
must_fail "ccap-plan --force onto a regular file" "$o/plain" "$o/plain: not a directory" \
    "$(snap "$o/plain")"
[ "$(cat "$o/plain")" = "not a directory" ] && ok || fail "ccap-plan: the regular file changed"
# --force replaces a report, not a directory that holds more than files
mkdir "$o/plan/mine"
echo "mine" >"$o/plan/mine/notes.txt"
held=$(snap "$o/plan")
"$plan" -N 20 --no-charts -o "$o/plan" --force >"$out" 2>"$err"; got=$?
must_fail "ccap-plan --force onto a directory with a sub-directory" "$o/plan" "$o/plan: not replaced" "$held"
rm -r "$o/plan/mine"
"$plan" -N 20 --no-charts -o "$o/plan" --force >"$out" 2>"$err"; got=$?
must_replace "ccap-plan uncapped" "$o/plan" "$before"

finish
