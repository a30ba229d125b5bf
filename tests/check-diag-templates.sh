#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The library's messages in Chinese (cli_diag_translate() in examples/cli.c):
#  1. every message format that lib/ puts in a ccap_diag has a template in the programs'
#     table (diag_templates[]), but for the short allow-list below, so that a new message
#     cannot silently stay English under --lang zh;
#  2. the table runs from most specific to least: each template's own message finds that
#     template, not a shorter one before it that would swallow it;
#  3. readers' errors on the files of tests/data/bad under --lang zh: a few exactly, and
#     every file that ccap-gap (population, slots, targets, take-up, caps, costs, builds,
#     standard, kindergarten), ccap-calibrate (regions, margins, vitals, mortality,
#     fertility, sex ratio at birth) or ccap-plan (scenario) reads in Chinese after its
#     place.
# Parts 1 and 2 need xgettext; part 3 is skipped when built without NLS.
# usage: check-diag-templates.sh NLS(true|false) DIAG_MATCH CCAP_GAP CCAP_PLAN CCAP_CALIBRATE
#        SOURCE_DIR
# The catalogue of the build tree is found through CCAP_LOCALEDIR (set by meson).
set -u
nls=$1 match=$2 program=$3 plan=$4 calibrate=$5 src=$6
. "$(dirname "$0")/harness.sh"
unset LC_ALL # each run below sets its own language

# 1. The message formats of lib/: the format argument of every call of the functions that
#    fill a diag from a printf format (xgettext reads the calls, joins adjacent literals and
#    writes each format once).  Such a function that is not listed here fails the test, so
#    that its messages are not missed.
if ! command -v xgettext >/dev/null 2>&1; then
    echo "xgettext not found: skipped"
    exit 77
fi
known='ccap__diag_set ccap__diag_vset ccap__table_error plan.c:fail calibrate.c:warn
calibrate.c:fail scenario.c:fail scenario.c:wput margins.c:append'
for f in $(find "$src/lib" -name '*.[ch]' | sort); do
    # functions declared with a "const char *fmt" parameter (a printf format)
    for fn in $(tr '\n' ' ' < "$f" | grep -o '[a-z_0-9]*([^()]*const char \*fmt, \(\.\.\.\|va_list ap\))' |
                sed 's/(.*//' | sort -u); do
        case " $(echo $known) " in
            *" $fn "* | *" $(basename "$f"):$fn "*) ok ;;
            *) fail "$f: $fn() takes a printf format: list it in check-diag-templates.sh" ;;
        esac
    done
done
# wput (scenario.c) writes a scenario file's lines and append (margins.c) builds a label:
# neither fills a diag.  xgettext takes the first branch of a format chosen with ?: (the
# second branch's template is in the table by hand, as for the date of csv.c).
: >"$tmp/msgids"
for f in $(find "$src/lib" -name '*.c' | sort); do
    kw='--keyword=ccap__diag_set:7 --keyword=ccap__table_error:6'
    case $f in
        */planning/plan.c) kw="$kw --keyword=fail:3" ;;
        */projection/calibrate.c) kw="$kw --keyword=warn:4 --keyword=fail:5" ;;
        */formats/scenario.c) kw="$kw --keyword=fail:4" ;;
    esac
    xgettext -k $kw --from-code=UTF-8 -o - --no-location --no-wrap "$f" >>"$tmp/msgids" ||
        fail "xgettext $f"
done
sed -n 's/^msgid "\(..*\)"$/\1/p' "$tmp/msgids" | sort -u >"$tmp/formats"
n=$(wc -l <"$tmp/formats")
if [ "$n" -gt 300 ]; then ok; else fail "only $n message formats found in lib/"; fi

# The formats deliberately left English: a message that the library made before (its text
# is a format's or ccap_strerror()'s, each with its own template), messages of a caller's
# mistake that no program makes (a NULL argument, a version or an enum value the library
# does not know), and out of memory for one thing (ccap_strerror()'s "out of memory" has a
# template).  Two formats end in conversions side by side, which no template can split:
# their messages have templates of their own, checked below.
cat >"$tmp/allowed" <<'EOF'
%s
%s%s
%s is outside %s%s, %s]%s%s%s%s
row has %zu fields but the header has %zu%s
NULL argument
NULL argument or no candidates
NULL argument or no columns
NULL argument or no rows
NULL argument or no years
NULL argument with %zu years
NULL projection
a required argument is NULL
an unknown option value
options version %u, expected %u
plan inputs: missing, or a version this library does not know
plan options: version %u, this library knows %d
out of memory for the kindergartens
out of memory for the projection
out of memory for the schedule
out of memory for the table
out of memory for the workforce table
unknown build rule %d
unknown goal %d
unknown method %d
EOF
# A format is covered when its message finds a template other than the catch-alls
# "%s: %s" and "%s %d: %s" (which match any message with a colon, and translate only the
# parts after it) or is one of them.
"$match" formats <"$tmp/formats" >"$tmp/found" || fail "diag-match formats"
while IFS="$(printf '\t')" read -r index template format; do
    covered=0
    [ "$index" -ge 0 ] && covered=1
    case $template in
        '%s: %s' | '%s %d: %s') [ "$template" = "$format" ] || covered=0 ;;
    esac
    if grep -qxF -- "$format" "$tmp/allowed"; then
        [ "$covered" -eq 0 ] && ok || fail "allowed, yet it has a template ($template): $format"
    elif [ "$covered" -eq 1 ]; then ok; else
        fail "no template in examples/cli.c for the message format: $format"
    fi
done <"$tmp/found"
while read -r format; do # the allow-list holds formats the library still has
    grep -qxF -- "$format" "$tmp/formats" && ok || fail "allowed but not in lib/: $format"
done <"$tmp/allowed"
# Their messages: the range check, "VALUE is outside [LO, HI] UNIT: HINT", and a row of
# the wrong length, with or without the hint about commas.
for msg in '1e13 is outside [0, 10^12] slots: check the unit' \
    'row has 6 fields but the header has 5' \
    'row has 6 fields but the header has 5; a value with a comma needs quotes (\"9,713,112\")'; do
    echo "$msg" | "$match" formats | grep -q '^[0-9]' && ok ||
        fail "no template for the message: $msg"
done

# 2. Each template's own message (its conversions replaced by a word) finds it.
"$match" templates >"$tmp/shadowed" || fail "diag-match templates"
if [ -s "$tmp/shadowed" ]; then
    fail "templates found by another's messages first (index, found, template):"
    cat "$tmp/shadowed"
else ok; fi
# By hand: a short template does not swallow a longer message meant for another.
for pair in \
    '1 is not positive|%s is not positive' \
    "'x' is not a number: a comma may only group thousands (9,713,112); write decimals with a point|'%s' is not a number: a comma may only group thousands (9,713,112); write decimals with a point" \
    "'x' is not a number|'%s' is not a number" \
    'cannot read: No such file|cannot read: %s' \
    'A11 2020: the births need a total fertility rate of 9 children per woman, outside [0.3, 6]: check the births and the base'"'"'s women|%s %d: the births need a total fertility rate of %.3g children per woman, outside [%g, %g]: check the births and the base'"'"'s women' \
    'A11 2020: anything else|%s %d: %s' \
    'A11: anything else|%s: %s'; do
    msg=${pair%%|*} want=${pair#*|}
    got=$(printf '%s\n' "$msg" | sed 's/\\/\\\\/g; s/"/\\"/g; s/%/%%/g' | "$match" formats | cut -f2)
    [ "$got" = "$want" ] && ok || fail "'$msg' finds '$got', not '$want'"
done

# 3. Real programs on bad files, in Chinese.
if [ "$nls" != true ]; then
    echo "built without NLS (-Dnls): the programs' Chinese is not checked"
    finish
    exit $?
fi
# The matching itself (diag-match translate calls cli_diag_translate()): a reason from
# ccap_strerror() inside a message, a message inside a region and year (the calibration's
# own, as ccap-calibrate prints it), a message that no template matches, untouched; the
# place of a missing rate (rates.c) and why a margin is not met (graduate.c), pieces too.
printf '%s\n' 'cannot add a margin: out of memory' \
    'A11 2021: 650000 births need a total fertility rate of 17 children per woman, outside [0.1, 10], beyond any population on record: are they the births of this area and year, in persons?' \
    'plan inputs: missing, or a version this library does not know' \
    "region 'A11', female, step starting 2021: no fertility rates for this region (nor '*') in or before 2021" \
    'margin A11,2020,both,total: not met after 50 raking sweeps (published 1000, estimated 990, relative deviation 0.01): the margins of 2020 are probably inconsistent' |
    LC_ALL=C.UTF-8 $wrap "$match" translate --lang zh >"$out" 2>"$err" || fail "diag-match translate"
cmp -s "$out" - <<'EOF' && ok || { fail "diag-match translate:"; cat "$out"; }
无法添加边际数：内存不足
A11 2021年: 出生 650000 人需要总和生育率 17（每名妇女生育子女数），超出 [0.1, 10]，没有任何有记录的人口达到过：这是否为该地区该年的出生人数（以人计）？
plan inputs: missing, or a version this library does not know
地区 'A11'，female，始于 2021 年的步长: 该地区（也没有 '*'）在 2021 年或之前没有 fertility 率
边际数 A11,2020,both,total：经过 50 轮迭代比例拟合仍未满足（公布 1000，估计 990，相对偏差 0.01）：2020 年的边际数可能不一致
EOF
# A translation longer than a message's 320 bytes is cut at a character boundary:
# "cannot read: " and 102 three-byte characters are 13 + 306 = 319 bytes; in Chinese
# "无法读取：" (15 bytes) and the same 306 would be 321, and 319 bytes would end within the
# 102nd character, so 15 + 101 x 3 = 318 bytes are kept.
long=$(awk 'BEGIN { for (i = 0; i < 102; i++) printf "文" }')
printf 'cannot read: %s\n' "$long" | LC_ALL=C.UTF-8 $wrap "$match" translate --lang zh >"$out" ||
    fail "diag-match translate (long)"
n=$(head -n 1 "$out" | tr -d '\n' | wc -c)
[ "$n" -eq 318 ] && ok || fail "the long translation has $n bytes, not 318"
iconv -f UTF-8 -t UTF-8 "$out" >/dev/null 2>&1 && ok || fail "the long translation is not UTF-8"

data="$src/tests/data"
b="$data/bad"
base="-r $data/regions.csv -p $data/pop5.csv -s $data/cc_slots.csv -t $data/cc_targets.csv"
# read_zh KIND FILE: the program that reads a file of that kind (the manifest's kinds) run
# in Chinese on it, the other inputs good; its exit status, or 3 for a kind it does not read
read_zh() {
    kind=$1 p=$2
    set -- "$program"
    case $kind in
        population) set -- "$@" -r "$data/regions.csv" -p "$p" -s "$data/cc_slots.csv" \
            -t "$data/cc_targets.csv" ;;
        slots) set -- "$@" -r "$data/regions.csv" -p "$data/pop5.csv" -s "$p" \
            -t "$data/cc_targets.csv" ;;
        targets | target_set) set -- "$@" -r "$data/regions.csv" -p "$data/pop5.csv" \
            -s "$data/cc_slots.csv" -t "$p" ;;
        takeup) set -- "$@" $base -u "$p" ;;
        caps) set -- "$@" $base --allocate 100 --caps "$p" ;;
        costs) set -- "$@" $base --costs "$p" ;;
        builds) set -- "$@" $base --build "$p" ;;
        standard) set -- "$@" $base --standard "$p" ;;
        kindergarten) set -- "$@" $base --kindergarten "$p" ;;
        scenario) set -- "$plan" --scenario "$p" ;;
        vitals) set -- "$calibrate" -r "$data/regions.csv" -m "$data/margins.csv" -v "$p" ;;
        regions) set -- "$calibrate" -r "$p" -m "$data/margins.csv" -v "$data/vitals.csv" ;;
        margins) set -- "$calibrate" -r "$data/regions.csv" -m "$p" -v "$data/vitals.csv" ;;
        mortality | fertility | srb) set -- "$calibrate" -r "$data/regions.csv" \
            -m "$data/margins.csv" -v "$data/vitals.csv" "--$kind" "$p" ;;
        *) return 3 ;; # read by other programs
    esac
    LC_ALL=C.UTF-8 $wrap "$@" --lang zh -o "$tmp/out" >"$out" 2>"$err"
}
# exact KIND FILE LINE: the first line of stderr on that bad file is exactly LINE
exact() {
    read_zh "$1" "$b/$2"
    got=$(head -n 1 "$err")
    [ "$got" = "$b/$2:$3" ] && ok || fail "expected: $b/$2:$3
     got:      $got"
}
# A part that is itself an English phrase of the library is translated in turn: "a region"
# in the totals message, the unit and the hint of the range check.
exact population totals_region.csv "10: region: '合计' 表示合计行，而不是地区：请删除该行（ccap 会自行加总）"
exact population decimal_comma.csv "5: population: '1203,5' 不是数字：逗号只能用作千位分隔（9,713,112）；小数请用小数点"
exact population ragged_row_long.csv "5: 该行有 6 个字段，但表头有 5 个；含逗号的值需要加引号（\"9,713,112\"）"
exact targets cc_targets_huge.csv "3: slots_per_1000: 1e308 超出 [0, 1000]（每千常住人口托位数）：1,000 意味着每名常住人口一个托位"
exact population semicolon_separated.csv "1: 表头只有一列，以分号分隔：ccap 读取逗号分隔的文件；请将表格另存为以逗号分隔的 CSV"
exact slots cc_slots_huge_enrolled.csv "3: enrolled: 1e15 超出 [0, 10^12]（儿童）：请检查单位"
exact takeup cc_takeup_age3.csv "5: age: 年龄 3 不在 3 岁以下：入托率按 0、1、2 岁给出"
exact costs gap_costs_duplicate.csv "4: provider: 重复的托育机构 'Community'（首次出现在第3行）"
exact standard ws_duplicate.csv "4: class: 重复的行：班级 toddler 已在第3行出现"
exact scenario scen_quantiles_order.ini "2: quantiles: 第 3 个分位数：0.5 没有大于前一个"
exact scenario scen_colon.ini "2: 键后面是 ':'：请写成 key = value"
exact margins mar_bad_ages.csv "5: ages: '15to59' 不是年龄范围：应为 total、15-59 这样的范围或 60+ 这样的开口范围"
# The same in English with --lang en: untouched.
LC_ALL=C.UTF-8 $wrap "$plan" --lang en --scenario "$b/scen_colon.ini" -o "$tmp/out" >"$out" 2>"$err"
[ "$(head -n 1 "$err")" = "$b/scen_colon.ini:2: a ':' after the key: write key = value" ] && ok ||
    { fail "--lang en changed the library's message:"; cat "$err"; }

# Every file of the corpus that these programs read: exit 1, and a message that starts
# FILE:LINE: (as in English; the line may differ from the manifest's, which is the one
# reader's that the corpus suite calls) and has Chinese after its place.
cjk=$(printf '[\344-\351]')
while read -r file kind _; do
    case "$file" in '#'*|'') continue ;; esac
    read_zh "$kind" "$b/$file"
    got=$?
    [ "$got" -eq 3 ] && continue
    first=$(head -n 1 "$err")
    place=$(printf '%s\n' "$first" | grep -o "^$b/$file:[0-9]*: ")
    if [ "$got" -eq 1 ] && [ -n "$place" ] &&
        printf '%s\n' "${first#"$place"}" | LC_ALL=C grep -q "$cjk"
    then ok; else fail "$file ($kind): exit $got, not in Chinese: $first"; fi
done <"$b/manifest.txt"
finish
