#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every option the documentation names for a program exists in that program's --help:
#   - a command in a code block or an inline code span of README.md or docs/*.md that
#     starts with a program (`ccap-plan --lang zh`, `build/examples/ccap-gap \` and its
#     continuation lines, after any VAR=value): each --option of it must be in that
#     program's --help;
#   - an inline code span that starts with an option (`--discount 0.03`): the option must
#     be in the --help of some program;
#   - a man page docs/man/PROGRAM.1: each --option it names must be in PROGRAM's --help
#     (test-man.sh checks the other way round).
# Commands of other tools (meson, valgrind, tools/...) are not checked.
#   sh check-doc-options.sh SOURCE_ROOT PROGRAM_DIR
set -u
root=$1 bin=$2
tmp=${TMPDIR:-/tmp}/doc-options.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT

# The options of each program's --help.
for p in "$bin"/ccap-*; do
    [ -f "$p" ] && [ -x "$p" ] || continue
    name=${p##*/}
    "$p" --help 2>/dev/null | grep -o -e '--[a-z][a-z0-9-]*' | sort -u >"$tmp/help.$name" ||
        { echo "FAIL: $name --help"; exit 1; }
    [ -s "$tmp/help.$name" ] || { echo "FAIL: no option in $name --help"; exit 1; }
done
ls "$tmp"/help.* >/dev/null 2>&1 || { echo "FAIL: no program in $bin"; exit 1; }

# Units of text, one a line as FILE:LINE<TAB>TEXT: code-block lines (with their
# continuation lines joined) and the inline code spans of prose.
units() {
    awk '
    function emit(s) { print FILENAME ":" start "\t" s }
    /^[ \t]*```/ { code = !code; next }
    code {
        if (pending == "") start = FNR
        line = $0
        if (line ~ /\\[ \t]*$/) { sub(/\\[ \t]*$/, " ", line); pending = pending line; next }
        emit(pending line); pending = ""; next
    }
    {
        start = FNR
        n = split($0, parts, "`")
        for (i = 2; i <= n; i += 2) emit(parts[i])
    }' "$@"
}

# Each unit as PROGRAM<TAB>OPTION<TAB>PLACE, PROGRAM "*" for a span that starts with an
# option; units that start with anything else give nothing.
attribute() {
    awk -F'\t' '
    {
        place = $1; text = $2
        sub(/^[ \t]*(\$[ \t]+)?/, "", text)
        while (text ~ /^[A-Za-z_][A-Za-z0-9_]*=[^ \t]*[ \t]+/)
            sub(/^[A-Za-z_][A-Za-z0-9_]*=[^ \t]*[ \t]+/, "", text)
        if (text ~ /^--[a-z]/) prog = "*"
        else {
            word = text; sub(/[ \t].*/, "", word); sub(/.*\//, "", word)
            if (word !~ /^ccap-[a-z]+$/) next
            prog = word
        }
        rest = text
        while (match(rest, /--[a-z][a-z0-9-]*/)) {
            print prog "\t" substr(rest, RSTART, RLENGTH) "\t" place
            rest = substr(rest, RSTART + RLENGTH)
        }
    }'
}

status=0
{
    units "$root/README.md" "$root"/docs/*.md | attribute
    for page in "$root"/docs/man/*.1; do
        prog=${page##*/}
        prog=${prog%.1}
        sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' "$page" |
            awk -v p="$prog" -v f="$page" '{
                rest = $0
                while (match(rest, /--[a-z][a-z0-9-]*/)) {
                    print p "\t" substr(rest, RSTART, RLENGTH) "\t" f ":" FNR
                    rest = substr(rest, RSTART + RLENGTH)
                }
            }'
    done
} >"$tmp/named"
# One awk over the help lists and the options named: a FAIL line for each missing one.
n=$(wc -l <"$tmp/named")
for f in "$tmp"/help.*; do
    awk -v p="${f##*/help.}" '{ print p "\t" $0 }' "$f"
done >"$tmp/helps"
awk -F'\t' '
    FNR == NR { has[$1, $2] = 1; any[$2] = 1; prog[$1] = 1; next }
    $1 == "*" { if (!($2 in any)) { print "FAIL: " $3 ": " $2 " is not in any program'"'"'s --help"; bad = 1 }
                next }
    !($1 in prog) { print "FAIL: " $3 ": " $1 " is not a program"; bad = 1; next }
    !(($1, $2) in has) { print "FAIL: " $3 ": " $2 " is not in " $1 " --help"; bad = 1 }
    END { exit bad }' "$tmp/helps" "$tmp/named" || status=1
[ "$n" -gt 0 ] || { echo "FAIL: no option found in the documentation"; exit 1; }
[ "$status" -eq 0 ] && echo "ok: the $n options the documentation names are in the programs' --help"
exit $status
