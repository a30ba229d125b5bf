#!/bin/sh
# Every row of the tables in docs/bad-input.md names at least one test, and every test it
# names exists: a bad-input file listed in tests/data/bad/manifest.txt (bad/NAME), a
# CUnit test function defined and registered in tests/*.c (test_MODULE__CASE), or a
# program test script registered in tests/meson.build (tests/test-NAME.sh).
#   sh check-bad-input-table.sh SOURCE_ROOT
set -eu
root=$1
doc=$root/docs/bad-input.md
manifest=$root/tests/data/bad/manifest.txt
rows=0
bad=0
# Table rows: lines starting with '|', minus header and separator rows.
grep '^|' "$doc" | grep -v '^| input |' | grep -v '^|---' >"${TMPDIR:-/tmp}/bad-input-rows.$$"
while IFS= read -r row; do
    rows=$((rows + 1))
    tests=$(printf '%s\n' "$row" | awk -F'|' '{print $(NF-1)}')
    refs=$(printf '%s\n' "$tests" |
        grep -oE 'bad/[A-Za-z0-9_.-]+|test_[a-z0-9]+__[a-z0-9_]+|tests/test-[a-z0-9-]+\.sh' || true)
    if [ -z "$refs" ]; then
        echo "docs/bad-input.md: row names no test: $row"
        bad=$((bad + 1))
        continue
    fi
    for ref in $refs; do
        case "$ref" in
            bad/*)
                name=${ref#bad/}
                if ! awk -v n="$name" '!/^#/ && $1 == n { found = 1 } END { exit !found }' "$manifest"; then
                    echo "docs/bad-input.md: $ref is not in tests/data/bad/manifest.txt"
                    bad=$((bad + 1))
                fi ;;
            tests/*)
                # a script of its own, run by a test of tests/meson.build
                name=${ref#tests/}
                if [ ! -f "$root/$ref" ] || ! grep -q "'$name'" "$root/tests/meson.build"; then
                    echo "docs/bad-input.md: $ref is not a registered test script"
                    bad=$((bad + 1))
                fi ;;
            *)
                # defined as a function and registered in a CU_TestInfo table
                if ! grep -q "^$ref(void)" "$root"/tests/*.c ||
                   ! grep -q "[ ,]$ref}" "$root"/tests/*.c; then
                    echo "docs/bad-input.md: $ref is not a registered test function"
                    bad=$((bad + 1))
                fi ;;
        esac
    done
done <"${TMPDIR:-/tmp}/bad-input-rows.$$"
rm -f "${TMPDIR:-/tmp}/bad-input-rows.$$"
echo "docs/bad-input.md: $rows rows, $bad problems"
[ "$rows" -gt 0 ] && [ "$bad" -eq 0 ]
