#!/bin/sh
# Run ccap-inspect as an analyst would: the bundled Nanyang census figures, the help and
# usage errors, and every file of the bad-input corpus (exit 1, message "FILE:LINE: ...").
# With CCAP_TEST_WRAPPER set (e.g. to a valgrind command), every run goes through it.
# usage: test-inspect.sh CCAP_INSPECT SOURCE_DIR
set -u
program=$1
src=$2
data="$src/tests/data"
nanyang="$src/examples/data/nanyang"
. "$(dirname "$0")/harness.sh"

# The published 2020 census figures of Nanyang.
expect_exit 0 --regions "$nanyang/regions.csv" --margins "$nanyang/margins.csv"
for figure in 9,713,112 4,836,551 4,876,561 2,547,347 5,341,118 1,824,647 1,381,305 \
              1,247,807 '南阳市' 'Dengzhou City' 'all 7 checks passed'; do
    expect_out "$figure"
done
expect_exit 0 --regions "$nanyang/regions.csv" --margins "$nanyang/margins.csv" --csv --year 2020
expect_out "region,name,name_en,parent,year,population,female,male,under3,age0_14,age15_59,age60plus,age65plus"
# (no figure for the children under 3 is published: ccap-calibrate derives them from births)
expect_out "411300,南阳市,Nanyang,,2020,9713112,4836551,4876561,,2547347,5341118,1824647,1381305"
expect_exit 1 --regions "$nanyang/regions.csv" --margins "$nanyang/margins.csv" --year 2021

# A population by age: parents filled from their children.
expect_exit 0 -r "$data/regions.csv" -p "$data/pop5.csv"
expect_out "34,816"

# Help, version, usage errors.
expect_exit 0 --help
expect_out "Usage: ccap-inspect"
expect_out "Example"
expect_exit 0 --version
expect_out "ccap-inspect"
expect_exit 2
expect_exit 2 --regions "$data/regions.csv"
expect_exit 2 --regions "$data/regions.csv" --margins a.csv --population b.csv
expect_exit 2 --bogus
expect_exit 2 --regions "$data/regions.csv" --margins a.csv --year 20x0
expect_exit 2 --regions "$data/regions.csv" --margins a.csv extra
expect_exit 1 --regions "$data/no-such-file.csv" --margins a.csv

# --lang zh: the help, the table, the checks and the messages in Chinese, the place of a
# data error (FILE:LINE: field:) kept in ASCII, the CSV the same as in English; an unknown
# language is refused like an unknown option.
expect_exit 0 --lang zh --help
expect_out "用法：ccap-inspect --regions FILE"
expect_out "--lang en|zh        表格、检查结果和提示信息的语言"
expect_exit 0 --lang zh --regions "$nanyang/regions.csv" --margins "$nanyang/margins.csv"
for text in "ccap-inspect: $nanyang/margins.csv，2020年，共17个地区" "3岁以下" \
            "  通过     411300 南阳市: 人口等于其16个下级地区之和（9,713,112 对 9,713,112，差值 0）" \
            "  全部7项检查通过"; do
    expect_out "$text"
done
expect_exit 0 --regions "$nanyang/regions.csv" --margins "$nanyang/margins.csv" --csv
cp "$out" "$tmp/en.csv"
expect_exit 0 --lang zh --regions "$nanyang/regions.csv" --margins "$nanyang/margins.csv" --csv
cmp -s "$out" "$tmp/en.csv" && ok || fail "--csv differs under --lang zh"
expect_exit 1 --lang zh --regions "$data/regions.csv" --margins "$data/bad/mar_negative.csv"
expect_err "$data/bad/mar_negative.csv:5: population: 负值 -633563"
expect_exit 2 --lang zh --regions "$data/regions.csv"
expect_err "ccap-inspect: 请给出 --margins FILE 和 --population FILE 中的一个"
expect_exit 2 --lang xx
expect_err "ccap-inspect: --lang: 'xx' is not en or zh"

# Not a regular file: a FIFO nobody writes to and /dev/zero are refused at once, before a
# byte is read (timeout 5, so that a reader that waits can never hang the suite), and
# /dev/zero without memory growing.  Times and memory are checked without a wrapper only.
refused_fast() { # what, then the command's arguments
    what=$1; shift
    start=$(date +%s%N)
    timeout 5 $wrap "$program" "$@" >"$out" 2>"$err"; got=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ "$got" -eq 1 ]; then ok; else fail "$what: exit $got, expected 1"; cat "$err"; fi
    if [ -n "$wrap" ] || [ "$ms" -lt 1000 ]; then ok; else fail "$what: took $ms ms"; fi
    expect_err "not a regular file"
}
mkfifo "$tmp/fifo.csv"
refused_fast FIFO --regions "$tmp/fifo.csv" --margins "$data/margins.csv"
expect_err "$tmp/fifo.csv: cannot read: not a regular file (a FIFO or pipe)"
refused_fast /dev/zero --regions "$data/regions.csv" --margins /dev/zero
expect_err "/dev/zero: cannot read: not a regular file (a character device)"
if [ -z "$wrap" ] && [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M -o "$tmp/rss" timeout 5 "$program" --regions "$data/regions.csv" \
        --margins /dev/zero >"$out" 2>"$err"
    kb=$(tail -n 1 "$tmp/rss")
    if [ "$kb" -lt 102400 ]; then ok; else fail "/dev/zero: max RSS $kb kB"; fi
fi

# Every bad file: exit 1, message starting with FILE:LINE:, no crash.
while read -r file kind status line column field; do
    case "$file" in '#'*|'') continue ;; esac
    path="$data/bad/$file"
    case "$kind" in
        regions) expect_exit 1 --regions "$path" --margins "$data/margins.csv" ;;
        population) expect_exit 1 --regions "$data/regions.csv" --population "$path" ;;
        margins) expect_exit 1 --regions "$data/regions.csv" --margins "$path" ;;
        *) continue ;; # rate files: checked by the corpus suite and by ccap-project
    esac
    if head -n 1 "$err" | grep -q "^$path:$line: "; then ok; else
        fail "$file: message does not start with '$path:$line: ':"; cat "$err"
    fi
done < "$data/bad/manifest.txt"

finish
