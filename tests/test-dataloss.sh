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
# usage: test-dataloss.sh CCAP_PROJECT CCAP_GAP CCAP_SIMULATE CCAP_PLAN CCAP_CALIBRATE SOURCE_DIR
set -u
project=$1
gap=$2
simulate=$3
plan=$4
calibrate=$5
src=$6
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
        -s $d/srb.csv --migration-rates $d/migration_rates.csv --force"
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
        -u $d/takeup.csv --year 2025 --force"
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
    capped "$cap" "$simulate" --scenario "$d/nanyang.ini" -N 20 --force -o "$o/sim"; got=$?
    must_fail "ccap-simulate capped at $cap" "$o/sim" "$want" "$before"
    capped "$cap" "$simulate" --scenario "$d/nanyang.ini" -N 20 -o "$o/sim-new"; got=$?
    must_fail "ccap-simulate capped at $cap, fresh" "$o/sim-new" "sim-new" ""
done
"$simulate" --scenario "$d/nanyang.ini" -N 20 -o "$o/plain/sim" >"$out" 2>"$err"; got=$?
must_fail "ccap-simulate into a file's path" "$o/plain/sim" "$o/plain/sim" ""
"$simulate" --scenario "$d/nanyang.ini" -N 20 --force -o "$o/sim" >"$out" 2>"$err"; got=$?
must_replace "ccap-simulate uncapped" "$o/sim" "$before"

# ---- ccap-calibrate: regions.csv, population.csv, the schedules, calibration.csv, scenario.ini ----
program=$calibrate
c="$src/tests/data/calibrate"
c_args="--regions $c/regions.csv --margins $c/margins.csv --vitals $c/vitals.csv --force"
"$calibrate" $c_args --years 5 -o "$o/cal" >"$out" 2>"$err" || fail "ccap-calibrate: first run"
"$calibrate" $c_args --years 15 --fertility-future hold -o "$tmp/ref-cal" >"$out" 2>"$err" ||
    fail "ccap-calibrate: reference"
before=$(snap "$o/cal")
pop=$(size "$tmp/ref-cal/population.csv")
# regions.csv (under 1 KiB) is complete when the first cap stops population.csv
for cap in 1024 $((pop - 1)); do
    capped "$cap" "$calibrate" $c_args --years 15 --fertility-future hold -o "$o/cal"; got=$?
    must_fail "ccap-calibrate capped at $cap" "$o/cal" "$o/cal/population.csv" "$before"
    expect_err "no file in $o/cal was replaced"
    capped "$cap" "$calibrate" $c_args --years 15 --fertility-future hold -o "$o/cal-new"; got=$?
    must_fail "ccap-calibrate capped at $cap, fresh" "$o/cal-new" "cal-new" ""
done
"$calibrate" $c_args -o "$o/plain/cal" >"$out" 2>"$err"; got=$?
must_fail "ccap-calibrate into a file's path" "$o/plain/cal" "$o/plain/cal" ""
"$calibrate" $c_args --years 15 --fertility-future hold -o "$o/cal" >"$out" 2>"$err"; got=$?
must_replace "ccap-calibrate uncapped" "$o/cal" "$before"

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
# --force replaces the report's files and keeps the user's other files, but refuses a
# directory that holds a sub-directory (it cannot come along in the one rename)
mkdir "$o/plan/mine"
echo "mine" >"$o/plan/mine/notes.txt"
held=$(snap "$o/plan")
"$plan" -N 20 --no-charts -o "$o/plan" --force >"$out" 2>"$err"; got=$?
must_fail "ccap-plan --force onto a directory with a sub-directory" "$o/plan" \
    "$o/plan: not replaced: it holds the directory mine" "$held"
rm -r "$o/plan/mine"
echo "mine too" >"$o/plan/notes.txt"
held=$(snap "$o/plan")
"$plan" -N 20 --no-charts -o "$o/plan" --force >"$out" 2>"$err"; got=$?
must_replace "ccap-plan --force onto a report with a file of the user's" "$o/plan" "$held"
[ "$(cat "$o/plan/notes.txt")" = "mine too" ] && ok ||
    fail "ccap-plan --force: the user's file in the report was not kept"
rm "$o/plan/notes.txt"
"$plan" -N 20 --no-charts -o "$o/plan" --force >"$out" 2>"$err"; got=$?
must_replace "ccap-plan uncapped" "$o/plan" "$before"

# ---- outputs that would destroy inputs ----
# --force pointed at the scenario's own folder: refused, every input byte-identical
cp -R "$d" "$o/data"
data=$(snap "$o/data")
"$plan" --scenario "$o/data/nanyang.ini" -N 10 --no-charts -o "$o/data" --force >"$out" 2>"$err"
got=$?
must_fail "ccap-plan -o DATA_DIR --force" "$o/data" "$o/data: not replaced: it is not a report" \
    "$data"
# a report whose population.csv is the scenario's base population
cp -R "$o/plan" "$o/plan-in"
cp "$d/population_2020.csv" "$o/plan-in/population.csv"
sed "s|^population = .*|population = $o/plan-in/population.csv|" "$o/data/nanyang.ini" \
    >"$o/data/in-report.ini"
data=$(snap "$o/data")
held=$(snap "$o/plan-in")
"$plan" --scenario "$o/data/in-report.ini" -N 10 --no-charts -o "$o/plan-in" --force \
    >"$out" 2>"$err"; got=$?
must_fail "ccap-plan --force onto a report holding an input" "$o/plan-in" \
    "$o/plan-in/population.csv: not replaced: it is $o/plan-in/population.csv, an input" "$held"
[ "$(snap "$o/data")" = "$data" ] && ok || fail "ccap-plan: the scenario's folder changed"
rm -r "$o/plan-in" "$o/data/in-report.ini"
# ccap-project -o DIR where DIR/population.csv is the base population
mkdir "$o/in"
cp "$d/population_2020.csv" "$o/in/population.csv"
held=$(snap "$o/in")
in_args=$(echo "$p_args" | sed "s|-p [^ ]*|-p $o/in/population.csv|")
"$project" $in_args -n 5 -o "$o/in" >"$out" 2>"$err"; got=$?
must_fail "ccap-project -o DIR holding its input" "$o/in" \
    "$o/in/population.csv: not replaced: it is $o/in/population.csv, an input" "$held"
rm -r "$o/in"

# refused before the run, not after it: nothing is staged (no rename at all)
if command -v strace >/dev/null 2>&1; then
    mkdir "$o/in"
    cp "$d/population_2020.csv" "$o/in/population.csv"
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -o "$tmp/trace" \
        -e trace=rename "$project" $in_args -n 5 -o "$o/in" >"$out" 2>"$err"; got=$?
    [ "$got" -eq 1 ] && [ "$(grep -c 'rename(' "$tmp/trace")" -eq 0 ] && ok ||
        fail "ccap-project -o DIR holding its input: exit $got, refused only after the run"
    rm -r "$o/in"
fi

# what only looks like a staging directory left by a killed run is not touched: a name of
# the user's, or one that holds an input of the run or a directory
mkdir "$o/proj.tmp-2024-backup" "$o/proj.tmp-ccap-99999999-abcdef" "$o/proj.tmp-ccap-99999998-abcdef"
echo "mine" >"$o/proj.tmp-2024-backup/notes.txt"
cp "$d/regions.csv" "$o/proj.tmp-ccap-99999999-abcdef/regions.csv"
mkdir "$o/proj.tmp-ccap-99999998-abcdef/sub"
echo "mine" >"$o/proj.tmp-ccap-99999998-abcdef/sub/notes.txt"
look=$(snap "$o/proj.tmp-2024-backup"; snap "$o/proj.tmp-ccap-99999999-abcdef"; snap "$o/proj.tmp-ccap-99999998-abcdef")
r_args=$(echo "$p_args" | sed "s|-r [^ ]*|-r $o/proj.tmp-ccap-99999999-abcdef/regions.csv|")
"$project" $r_args -n 5 -o "$o/proj" >"$out" 2>"$err"; got=$?
[ "$got" -eq 0 ] && ok || { fail "ccap-project beside look-alike directories: exit $got"; cat "$err"; }
[ "$(snap "$o/proj.tmp-2024-backup"; snap "$o/proj.tmp-ccap-99999999-abcdef"; snap "$o/proj.tmp-ccap-99999998-abcdef")" = "$look" ] &&
    ok || fail "a directory that only looks like a staging directory was changed"
expect_err "proj.tmp-ccap-99999999-abcdef looks left by an interrupted run (process 99999999) but holds an input of this run: left as it is"
expect_err "proj.tmp-ccap-99999998-abcdef, left by an interrupted run (process 99999998), still holds 1 entries"
rm -r "$o/proj.tmp-2024-backup" "$o/proj.tmp-ccap-99999999-abcdef" "$o/proj.tmp-ccap-99999998-abcdef"

# ---- the name of the output directory ----
"$project" $p_args -n 5 -o "$o/slash/" >"$out" 2>"$err"; got=$?
[ "$got" -eq 0 ] && [ -s "$o/slash/population.csv" ] && ok ||
    { fail "ccap-project -o DIR/: exit $got"; cat "$err"; }
"$plan" -N 10 --no-charts -o "$o/rep/" >"$out" 2>"$err"; got=$?
[ "$got" -eq 0 ] && ok || { fail "ccap-plan -o DIR/: exit $got"; cat "$err"; }
"$plan" -N 10 --no-charts -o "$o/rep/" --force >"$out" 2>"$err"; got=$?
[ "$got" -eq 0 ] && ok || { fail "ccap-plan -o DIR/ --force: exit $got"; cat "$err"; }
for p in "$project" "$plan"; do
    program=$p
    args="-N 10 --no-charts"
    [ "$p" = "$project" ] && args="$p_args -n 5"
    "$p" $args -o '' >"$out" 2>"$err"; got=$?
    [ "$got" -eq 2 ] && ok || fail "$p -o '': exit $got, expected 2"
    expect_err "the output directory has no name"
    case $p in /*) abs=$p ;; *) abs="$(pwd)/$p" ;; esac
    (cd "$o/rep" && exec "$abs" $args -o . >"$out" 2>"$err"); got=$?
    [ "$got" -eq 2 ] && ok || fail "$p -o .: exit $got, expected 2"
done
program=$plan
if [ -z "$(find "$o" -name '*.tmp-*')" ]; then ok; else fail "a temporary was left"; fi
# a new directory follows the umask, as mkdir would make it
(umask 077 && exec "$plan" -N 10 --no-charts -o "$o/private" >"$out" 2>"$err") || fail "umask 077"
[ "$(stat -c %a "$o/private")" = 700 ] && ok || fail "umask 077 gave $(stat -c %a "$o/private")"
(umask 022 && exec "$plan" -N 10 --no-charts -o "$o/public" >"$out" 2>"$err") || fail "umask 022"
[ "$(stat -c %a "$o/public")" = 755 ] && ok || fail "umask 022 gave $(stat -c %a "$o/public")"
# a replaced directory keeps its mode
chmod 750 "$o/public"
"$plan" -N 20 --no-charts -o "$o/public" --force >"$out" 2>"$err" || fail "--force onto 750"
[ "$(stat -c %a "$o/public")" = 750 ] && ok || fail "--force changed the mode to $(stat -c %a "$o/public")"
rm -r "$o/slash" "$o/rep" "$o/private" "$o/public"

# ---- signals: a run stopped while it works leaves nothing, the next one cleans up ----
# started_in DIR: wait (up to 60 s) until a run has made its staging directory beside DIR
started_in() {
    i=0
    while [ $i -lt 600 ] && [ -z "$(find "$(dirname "$1")" -maxdepth 1 -name "$(basename "$1").tmp-*")" ]
    do sleep 0.1; i=$((i + 1)); done
}
before=$(snap "$o/plan")
for sig in TERM HUP; do
    "$plan" -N 2000 --no-charts -o "$o/plan" --force >"$out" 2>"$err" &
    pid=$!
    started_in "$o/plan"
    sleep 0.2
    kill -$sig $pid
    wait $pid 2>/dev/null; got=$?
    [ "$got" -gt 128 ] && ok || fail "ccap-plan after SIG$sig: exit $got"
    [ "$(snap "$o/plan")" = "$before" ] && ok || fail "ccap-plan after SIG$sig: the report changed"
    left=$(find "$o" -name '*.tmp-*')
    [ -z "$left" ] && ok || { fail "ccap-plan after SIG$sig: left $left"; rm -rf $left; }
done
"$plan" -N 2000 --no-charts -o "$o/plan" --force >"$out" 2>"$err" &
pid=$!
started_in "$o/plan"
sleep 0.2
kill -KILL $pid
wait $pid 2>/dev/null
[ "$(snap "$o/plan")" = "$before" ] && ok || fail "ccap-plan after SIGKILL: the report changed"
[ -n "$(find "$o" -name 'plan.tmp-*')" ] && ok || fail "SIGKILL: no staging directory was left"
"$plan" -N 20 --no-charts -o "$o/plan" --force >"$out" 2>"$err"; got=$?
must_replace "ccap-plan after a killed run" "$o/plan" "$before"
expect_err "left by an interrupted run (process $pid)"

# ---- renames that fail or are cut short (strace injects the failure) ----
# reproducible reports (the workbook's timestamps), so that two runs can be compared
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
# LeakSanitizer cannot stop the world under a tracer: no leak check under strace
traced() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace "$@"; }
if command -v strace >/dev/null 2>&1; then
    # two sets of ccap-project's files; the directory also holds a file of the user's,
    # which every outcome keeps
    rm -rf "$o/proj"
    "$project" $p_args -n 5 -o "$o/proj" >"$out" 2>"$err" || fail "ccap-project: set A"
    echo "mine" >"$o/proj/notes.txt"
    cp -a "$o/proj" "$tmp/set-a"
    set_a=$(snap "$o/proj")
    "$project" $p_args -n 15 -o "$o/proj" >"$out" 2>"$err" || fail "ccap-project: set B"
    set_b=$(snap "$o/proj")
    [ "$set_a" != "$set_b" ] && ok || fail "the two sets are the same"
    # kill the run at the K-th call of each system call that moves or removes a file
    for call in rename renameat2 linkat unlink rmdir; do
        rm -rf "$o/proj" && cp -a "$tmp/set-a" "$o/proj"
        traced -f -qq -o "$tmp/trace" -e trace=$call "$project" $p_args -n 15 -o "$o/proj" \
            >"$out" 2>"$err" || fail "ccap-project under strace"
        n=$(grep -c "^[0-9]* *$call(" "$tmp/trace")
        k=1
        while [ "$k" -le "$n" ]; do
            rm -rf "$o/proj" && cp -a "$tmp/set-a" "$o/proj"
            traced -f -qq -o /dev/null -e trace=$call -e inject=$call:signal=KILL:when=$k \
                "$project" $p_args -n 15 -o "$o/proj" >"$out" 2>"$err"
            state=$(snap "$o/proj")
            if [ "$state" = "$set_a" ] || [ "$state" = "$set_b" ]; then ok
            else fail "ccap-project killed at $call #$k: neither the old set nor the new"; fi
            "$project" $p_args -n 15 -o "$o/proj" >"$out" 2>"$err"; got=$?
            [ "$got" -eq 0 ] && [ "$(snap "$o/proj")" = "$set_b" ] && ok ||
                { fail "ccap-project after a kill at $call #$k: exit $got"; cat "$err"; }
            left=$(find "$o" -name '*.tmp-*')
            [ -z "$left" ] && ok || { fail "after a kill at $call #$k: left $left"; rm -rf $left; }
            k=$((k + 1))
        done
        [ "$n" -gt 0 ] || [ "$call" = rmdir ] || [ "$call" = unlink ] && ok ||
            fail "ccap-project made no $call call"
    done
    # the swap itself fails: nothing changes
    rm -rf "$o/proj" && cp -a "$tmp/set-a" "$o/proj"
    traced -f -qq -o /dev/null -e trace=renameat2 -e inject=renameat2:error=EIO:when=1 \
        "$project" $p_args -n 15 -o "$o/proj" >"$out" 2>"$err"; got=$?
    must_fail "ccap-project, the exchange failing" "$o/proj" "cannot exchange" "$set_a"
    expect_err "no file in $o/proj was replaced"
    # ccap-plan --force killed at each rename: the old report or the new one, whole
    rm -rf "$o/plan"
    "$plan" -N 10 --no-charts -o "$o/plan" >"$out" 2>"$err" || fail "ccap-plan: report A"
    cp -a "$o/plan" "$tmp/report-a"
    rep_a=$(snap "$o/plan")
    "$plan" -N 20 --no-charts -o "$o/plan" --force >"$out" 2>"$err" || fail "ccap-plan: report B"
    rep_b=$(snap "$o/plan")
    for call in rename renameat2; do
        rm -rf "$o/plan" && cp -a "$tmp/report-a" "$o/plan"
        traced -f -qq -o "$tmp/trace" -e trace=$call "$plan" -N 20 --no-charts -o "$o/plan" \
            --force >"$out" 2>"$err" || fail "ccap-plan under strace"
        n=$(grep -c "^[0-9]* *$call(" "$tmp/trace")
        k=1
        while [ "$k" -le "$n" ]; do
            rm -rf "$o/plan" && cp -a "$tmp/report-a" "$o/plan"
            traced -f -qq -o /dev/null -e trace=$call -e inject=$call:signal=KILL:when=$k \
                "$plan" -N 20 --no-charts -o "$o/plan" --force >"$out" 2>"$err"
            state=$(snap "$o/plan")
            if [ "$state" = "$rep_a" ] || [ "$state" = "$rep_b" ]; then ok
            else fail "ccap-plan killed at $call #$k: neither the old report nor the new"; fi
            "$plan" -N 20 --no-charts -o "$o/plan" --force >"$out" 2>"$err"; got=$?
            [ "$got" -eq 0 ] && [ "$(snap "$o/plan")" = "$rep_b" ] && ok ||
                { fail "ccap-plan after a kill at $call #$k: exit $got"; cat "$err"; }
            [ -z "$(find "$o" -name '*.tmp-*')" ] && ok || fail "ccap-plan: a temporary was left"
            k=$((k + 1))
        done
    done
    # the report directory made by someone else while the run works: not replaced
    rm -rf "$o/race"
    traced -f -qq -o /dev/null -e trace=renameat2 -e inject=renameat2:delay_enter=3000000 \
        "$plan" -N 10 --no-charts -o "$o/race" >"$out" 2>"$err" &
    pid=$!
    i=0
    while [ $i -lt 600 ] && [ -z "$(find "$o" -maxdepth 2 -path "$o/race.tmp-*/index.html")" ]
    do sleep 0.1; i=$((i + 1)); done
    mkdir "$o/race" && echo "theirs" >"$o/race/theirs.txt"
    theirs=$(snap "$o/race")
    wait $pid 2>/dev/null; got=$?
    must_fail "ccap-plan, the directory made while it ran" "$o/race" \
        "$o/race: appeared while this run was working" "$theirs"
    rm -r "$o/race"
    # an old file that cannot be removed (immutable): the new set is in place all the same
    rm -rf "$o/proj" && cp -a "$tmp/set-a" "$o/proj"
    if chattr +i "$o/proj/summary.csv" 2>/dev/null; then
        "$project" $p_args -n 15 -o "$o/proj" >"$out" 2>"$err"; got=$?
        [ "$got" -eq 0 ] && [ "$(snap "$o/proj")" = "$set_b" ] && ok ||
            { fail "ccap-project with an immutable old file: exit $got"; cat "$err"; }
        expect_err "warning: the earlier $o/proj is left in"
        for f in "$o"/proj.tmp-*/summary.csv; do chattr -i "$f"; done
        "$project" $p_args -n 15 -o "$o/proj" >"$out" 2>"$err" || fail "after chattr -i"
        expect_err "left by an interrupted run"
    fi
    [ -z "$(find "$o" -name '*.tmp-*')" ] && ok || fail "a temporary was left"
else
    echo "strace is not installed: the injected failures are not tested"
fi

# two runs into one new directory at once: one makes the report, the other is refused
rm -rf "$o/both"
"$plan" -N 10 --no-charts -o "$o/both" >"$tmp/out1" 2>"$tmp/err1" &
p1=$!
"$plan" -N 10 --no-charts -o "$o/both" >"$tmp/out2" 2>"$tmp/err2" &
p2=$!
wait $p1; g1=$?
wait $p2; g2=$?
if { [ "$g1" -eq 0 ] && [ "$g2" -ne 0 ]; } || { [ "$g1" -ne 0 ] && [ "$g2" -eq 0 ]; }; then ok
else fail "two runs into one directory: exits $g1 and $g2"; cat "$tmp/err1" "$tmp/err2"; fi
[ -s "$o/both/index.html" ] && ok || fail "two runs into one directory: no report"
[ -z "$(find "$o" -name '*.tmp-*')" ] && ok || fail "two runs: a temporary was left"

finish
