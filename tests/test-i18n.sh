#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Chinese output through gettext: ccap-plan in Chinese with --lang zh and with
# LANG=zh_CN.UTF-8 (whether or not that locale is generated on this machine), the report
# page and charts in Chinese with the same CSV tables, and English exactly as before with
# --lang en, LANG=C, or LANG=zh_CN.UTF-8 --lang en.  ccap-gap and ccap-simulate take
# --lang too.  Messages keep ASCII colons after their place (FILE:LINE:, PROGRAM:), and a
# GB18030 locale gets GB18030 output.  Skipped (77) when built without NLS.
# usage: test-i18n.sh NLS(true|false) CCAP_PLAN CCAP_GAP CCAP_SIMULATE SOURCE_DIR
# The catalogue of the build tree is found through CCAP_LOCALEDIR (set by meson).
set -u
if [ "$1" != true ]; then echo "built without NLS (-Dnls): skipped"; exit 77; fi
program=$2 plan_prog=$2 gap=$3 simulate=$4 src=$5
d="$src/examples/data/nanyang"
for v in program gap simulate; do
    eval "p=\$$v"
    case $p in /*) ;; *) eval "$v=\$PWD/\$p" ;; esac
done
. "$(dirname "$0")/harness.sh"
# One creation time for every report.xlsx of this test, so that runs compare byte for byte.
export SOURCE_DATE_EPOCH=1700000000
unset LC_ALL LC_MESSAGES LANG LANGUAGE # each run below sets its own
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
    echo "zh_CN.UTF-8 is generated here"
else
    echo "zh_CN.UTF-8 is not generated here: the C.UTF-8 fallback is under test"
fi
# plan DIR ENV... -- ARGS...: ccap-plan in DIR (created) with the environment and arguments
plan() {
    dir=$1; shift
    mkdir -p "$dir"
    ( cd "$dir" && env "$@" ) >"$dir.out" 2>"$dir.err"
}
N=50 # trajectories: enough for the figures checked here

# 0. Run from the build tree with nothing in the environment, a program finds the build's
#    catalogue (ccap-uninstalled.ini beside it), as the README's first example runs it.
if ( unset CCAP_LOCALEDIR; "$program" --lang zh --help ) 2>&1 | grep -q '^用法：ccap-plan'
then ok; else fail "--lang zh from the build tree without CCAP_LOCALEDIR is not Chinese"; fi
if ( unset CCAP_LOCALEDIR; LANG=zh_CN.UTF-8 "$gap" --help ) 2>&1 | grep -q '^用法：ccap-gap'
then ok; else fail "LANG=zh_CN.UTF-8 from the build tree without CCAP_LOCALEDIR is not Chinese"; fi

# 1. --lang zh: the summary in Chinese, large counts in 万 (from the inputs, by hand:
#    9,713,112 residents = 971.3万; the slots of 2024 in slots.csv, e.g. 38,573 = 3.86万).
plan "$tmp/zh" LANG=C.UTF-8 "$program" -N $N --lang zh && ok || { fail "--lang zh: exit $?"; cat "$tmp/zh.err"; }
out="$tmp/zh.out"
expect_out "南阳市托育规划（2020—2035年）"
expect_out "基期人口（2020年）：常住人口971.3万人，其中3岁以下婴幼儿"
wan=$(awk -F, 'NR > 1 && $2 == 2024 { s += $5 } END { printf "%.2f万", s / 1e4 }' "$d/slots.csv")
expect_out "2024年末托位${wan}个，每千人口托位数4.08个。"
expect_out "每千人口托位数及与各项目标的缺口"
expect_out "最少建设计划"
expect_out "扣除中央补助后"
expect_out "报告：ccap-report/index.html"
# numbers keep the decimal point and the tables their exact figures
expect_out "  南阳市  "
grep -q '4,08\b' "$out" && fail "a decimal comma in the Chinese summary" || ok
grep -q '^  南阳市 .* 38,573 ' "$out" && ok || fail "the table lacks the exact slots of the city"
if grep -q 'Base population\|Minimal build' "$out"; then fail "English left in the Chinese summary"; else ok; fi
r="$tmp/zh/ccap-report"
plan_png=
[ -f "$r/slots.png" ] && plan_png=1
expect_out "输入数据与注意事项"
cmp -s "$r/summary.txt" - <<SUMMARY && ok || fail "summary.txt is not the summary printed"
$(sed '/^报告：/,$d' "$out" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}')
SUMMARY
grep -q '<html lang="zh-CN">' "$r/index.html" && ok || fail "index.html: not lang=zh-CN"
grep -q '<title>托育规划：南阳市</title>' "$r/index.html" && ok || fail "index.html: title"
for h in '<h2>摘要</h2>' '<h2>图表</h2>' '<h2>各地区托位数与缺口</h2>' '<th>每千人口托位数</th>'; do
    grep -qF "$h" "$r/index.html" && ok || fail "index.html lacks $h"
done
if [ -f "$r/slots.svg" ]; then # charts: Chinese titles (SVG holds characters as &#x...;)
    grep -q '&#x6258;&#x4f4d;\|&#x6258;&#x4F4D;\|托位' "$r/slots.svg" && ok ||
        fail "slots.svg has no Chinese title"
fi

# 2. LANG=zh_CN.UTF-8 alone chooses Chinese: the same bytes as --lang zh.
plan "$tmp/lang" LANG=zh_CN.UTF-8 "$program" -N $N && ok || fail "LANG=zh_CN.UTF-8: exit $?"
cmp -s "$tmp/zh.out" "$tmp/lang.out" && ok || { fail "LANG=zh_CN.UTF-8 differs from --lang zh"; diff "$tmp/zh.out" "$tmp/lang.out" | head; }
plan "$tmp/language" LANG=en_US.UTF-8 LANGUAGE=zh_CN:en "$program" -N $N --no-charts && ok || fail "LANGUAGE: exit $?"
grep -q '南阳市托育规划' "$tmp/language.out" && ok || fail "LANGUAGE=zh_CN did not choose Chinese"

# 3. English: --lang en, LANG=C, LANG=zh_CN.UTF-8 --lang en and LC_ALL=C over LANGUAGE=zh
#    give the same bytes, in every file of the report; the CSV tables are the same in
#    Chinese (their column names are English in every language).
plan "$tmp/en" LANG=C "$program" -N $N && ok || fail "LANG=C: exit $?"
out="$tmp/en.out"
expect_out "南阳市 Nanyang: childcare plan (托育规划), 2020-2035"
expect_out "Base population (2020): 9,713,112 residents"
expect_out "Report: ccap-report/index.html"
grep -q '<html lang="en">' "$tmp/en/ccap-report/index.html" && ok || fail "English index.html: not lang=en"
for run in "LANG=C --lang=en" "LANG=zh_CN.UTF-8 --lang=en" "LC_ALL=C LANGUAGE=zh_CN"; do
    name=$(printf '%s' "$run" | tr -c 'A-Za-z0-9\n' '_')
    set -- $run
    envs="" args=""
    for w in "$@"; do case $w in --*) args="$args $w" ;; *) envs="$envs $w" ;; esac; done
    plan "$tmp/$name" $envs "$program" -N $N $args && ok || fail "$run: exit $?"
    cmp -s "$tmp/en.out" "$tmp/$name.out" && ok || fail "$run: stdout differs from LANG=C"
    for f in "$tmp/en/ccap-report"/*; do
        case $run:$f in # fontconfig picks the PNG's fonts by the locale's language
            LANG=zh*.png) continue ;;
        esac
        cmp -s "$f" "$tmp/$name/ccap-report/${f##*/}" && ok || fail "$run: ${f##*/} differs from LANG=C"
    done
done
for f in population.csv gaps.csv schedule.csv allocation.csv quantiles.csv; do
    cmp -s "$tmp/en/ccap-report/$f" "$r/$f" && ok || fail "$f differs between English and Chinese"
done

# 4. Help and usage errors in Chinese; an unknown language is a usage error.
run --lang zh --help; expect_out "用法：ccap-plan"; expect_out "--lang en|zh"
expect_exit 2 --lang fr
expect_err "--lang: 'fr' is not en or zh"
LANG=zh_CN.UTF-8 "$program" --trajectories 0 >"$out" 2>"$err"
[ $? -eq 2 ] && ok || fail "Chinese usage error: wrong exit"
expect_err "不是1到"
expect_err "请运行“ccap-plan --help”了解更多信息。"

# 5. ccap-gap and ccap-simulate take --lang.
program=$gap
expect_exit 2 --lang zh --regions "$d/regions.csv"
expect_err "必须给出 --regions"
program=$simulate
expect_exit 0 --lang zh --scenario "$d/nanyang.ini" -N 20 -o "$tmp/sim"
expect_out "中位数及80%区间"
expect_out "已写入 $tmp/sim/variants.csv"
expect_exit 0 --lang en --scenario "$d/nanyang.ini" -N 20 --force -o "$tmp/sim"
expect_out "median and 80% band"

# 6. Places keep ASCII colons in Chinese: a message that begins with a file (FILE: or the
#    library's FILE:LINE: field:), the program (PROGRAM:) or an option (--OPTION:) begins the
#    same way in every language, so that editors and scripts find FILE:LINE; only the text
#    after it is translated.  First the catalogue: no such message (those ending in a
#    newline, and the option errors) puts a full-width colon after its place; titles (a
#    city's name in a chart or the summary) are not messages and are written as Chinese is.
LC_ALL=C awk '
    function text(line) { sub(/^(msgid |msgstr )?"/, "", line); sub(/"$/, "", line); return line }
    function check() {
        if (id ~ /^(%s(\/[^ :]*)?|--[a-z-]+): / && (id ~ /\\n$/ || id ~ /^(--|%s: .%s.)/)) {
            where = id; sub(/: .*/, "", where)
            s = str; sub(/^%1\$s/, "%s", s)
            if (substr(s, 1, length(where) + 3) == where "：") {
                printf "FAIL: \"%s\" begins \"%s：\" in Chinese, not \"%s: \"\n", id, where, where
                bad++
            }
        }
        id = str = ""; part = ""
    }
    /^msgid / { check(); part = "id"; id = text($0); next }
    /^msgstr / { part = "str"; str = text($0); next }
    /^"/ { if (part == "id") id = id text($0); else if (part == "str") str = str text($0); next }
    END { check(); exit bad > 0 }' "$src/po/zh_CN.po" && ok || fail "places with a full-width colon in po/zh_CN.po"
# then messages as printed: the first colon of every line on stderr is ASCII
zh_places() { # what: the stderr of the last run, in Chinese, begins with a place
    if grep -q '^[^:]*：' "$err"; then fail "$1: a full-width colon in the place:"; cat "$err"; else ok; fi
}
program=$gap
expect_exit 1 --lang zh -r "$d/regions.csv" -p "$d/population_2020.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" -o "$tmp/x" --from 2040
expect_err "ccap-gap: 没有可报告的年份"
zh_places "no years to report"
expect_exit 1 --lang zh -r "$d/regions.csv" -p "$d/population_2020.csv" \
    -s "$src/tests/data/bad/negative.csv" -t "$d/targets.csv" -o "$tmp/x"
expect_err "negative.csv:1: "
zh_places "a reader's diagnostic"
# an install moved elsewhere finds the catalogue in share/locale beside its bin directory
mkdir -p "$tmp/moved/bin" "$tmp/moved/share/locale/zh_CN/LC_MESSAGES"
cp "$gap" "$tmp/moved/bin/" && cp "$CCAP_LOCALEDIR/zh_CN/LC_MESSAGES/ccap.mo" \
    "$tmp/moved/share/locale/zh_CN/LC_MESSAGES/"
( unset CCAP_LOCALEDIR; "$tmp/moved/bin/ccap-gap" --lang zh --help ) >"$out" 2>"$err"
expect_out "用法：ccap-gap"
# PNG charts in Chinese without a Chinese font: said (fontconfig finds no font at all here)
if [ -n "$plan_png" ]; then
    printf '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n' >"$tmp/nofonts.conf"
    FONTCONFIG_FILE="$tmp/nofonts.conf" "$plan_prog" --lang zh -N 10 -o "$tmp/nofonts" \
        >"$out" 2>"$err"
    expect_err "ccap-plan: 警告：未找到中文字体"
fi
# a reader's message in Chinese behind its place, the value kept: a slot count of -5
printf 'region,year,provider,inclusive,slots\n411302,2024,institution,yes,-5\n' >"$tmp/neg.csv"
expect_exit 1 --lang zh -r "$d/regions.csv" -p "$d/population_2020.csv" -s "$tmp/neg.csv" \
    -t "$d/targets.csv" -o "$tmp/x"
expect_err "neg.csv:2: slots: 负值 -5"
expect_exit 1 --lang en -r "$d/regions.csv" -p "$d/population_2020.csv" -s "$tmp/neg.csv" \
    -t "$d/targets.csv" -o "$tmp/x"
expect_err "neg.csv:2: slots: negative value -5"
# the plan's message on a county without slots: named, and what to do, in Chinese
grep -v '^411302,' "$d/slots.csv" >"$tmp/noslots.csv"
sed "s|^slots = .*|slots = $tmp/noslots.csv|; s|^\([a-z_]* = \)\([a-z_0-9]*\.csv\)|\1$d/\2|" \
    "$d/nanyang.ini" >"$tmp/noslots.ini"
program=$plan_prog
expect_exit 1 --lang zh --scenario "$tmp/noslots.ini" -N 10 -o "$tmp/y"
expect_err "ccap-plan: 地区 '411302'（宛城区）2024年末没有托位数据，无法在此基础上规划：请在托位文件中添加它的行，或添加一行 0"
program=$gap
expect_exit 2 --lang zh -r "$d/regions.csv" -p "$d/population_2020.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" -o "$tmp/x" --occupancy 1.5
expect_err "ccap-gap: --occupancy: “1.5”不是"
zh_places "an option's value"
program=$simulate
expect_exit 2 --lang zh --scenario "$d/nanyang.ini" --spread 9 -o "$tmp/sim"
expect_err "ccap-simulate: --spread: “9”不在0到5之间"
zh_places "--spread"

# 7. A GB18030 locale gets GB18030: summary, region names, messages and the C library's
#    reasons (strerror) in the locale's character set, the same text as under UTF-8.  The
#    locale is made here with localedef (LOCPATH) when the system has none; skipped when it
#    cannot be made.
gb=""
if locale -a 2>/dev/null | grep -qi '^zh_CN\.gb18030$'; then
    gb=zh_CN.GB18030
elif mkdir -p "$tmp/locales" &&
     localedef -i zh_CN -f GB18030 "$tmp/locales/zh_CN.GB18030" >/dev/null 2>&1 &&
     [ "$(LOCPATH=$tmp/locales LANG=zh_CN.GB18030 locale charmap 2>/dev/null)" = GB18030 ]; then
    gb=zh_CN.GB18030
    export LOCPATH="$tmp/locales"
fi
if [ -z "$gb" ] || ! command -v iconv >/dev/null; then
    echo "no zh_CN.GB18030 locale and localedef cannot make one: GB18030 output not tested"
else
    gap_args="-r $d/regions.csv -p $d/population_2020.csv -s $d/slots.csv -t $d/targets.csv -u $d/takeup.csv"
    # gbrun NAME EXIT ARGS...: ccap-gap under LANG=zh_CN.GB18030 and under
    # LANG=zh_CN.UTF-8 in directories of their own; both exit EXIT; the GB18030 output,
    # converted, is the UTF-8 output byte for byte, and is not UTF-8 itself
    gbrun() {
        name=$1 want=$2; shift 2
        for cs in gb utf8; do
            mkdir -p "$tmp/$name-$cs"
            if [ $cs = gb ]; then l=$gb; else l=zh_CN.UTF-8; fi
            ( cd "$tmp/$name-$cs" && LANG=$l "$gap" "$@" >out 2>err ) >"$tmp/$name-$cs.sh" 2>&1
            got=$?
            [ $got -eq "$want" ] && ok || { fail "$name, LANG=$l: exit $got, expected $want"; cat "$tmp/$name-$cs/err"; }
        done
        for f in out err; do
            if iconv -f GB18030 -t UTF-8 "$tmp/$name-gb/$f" | cmp -s - "$tmp/$name-utf8/$f"; then
                ok
            else
                fail "$name: standard $f under GB18030 is not the UTF-8 text converted:"
                iconv -f GB18030 -t UTF-8 "$tmp/$name-gb/$f" | diff - "$tmp/$name-utf8/$f" | head
            fi
            if [ -s "$tmp/$name-gb/$f" ] && iconv -f UTF-8 -t UTF-8 "$tmp/$name-gb/$f" >/dev/null 2>&1; then
                fail "$name: standard $f under GB18030 is UTF-8"
            else
                ok
            fi
        done
    }
    gbrun summary 0 $gap_args -o report
    grep -q '南阳市' "$tmp/summary-utf8/out" && ok || fail "no region names in the summary"
    gbrun usage 2 $gap_args -o report --occupancy 3
    grep -q '^ccap-gap: --occupancy: “3”不是' "$tmp/usage-utf8/err" && ok || fail "usage error"
    ( cd "$tmp/summary-gb" && LANG=$gb "$gap" $gap_args --force -o report >/dev/full 2>err-full )
    [ $? -eq 1 ] && ok || fail "GB18030, /dev/full: not exit 1"
    iconv -f GB18030 -t UTF-8 "$tmp/summary-gb/err-full" | grep -q '^ccap-gap: 标准输出: 无法写入：' &&
        ok || { fail "GB18030, /dev/full: message"; cat "$tmp/summary-gb/err-full"; }
    if iconv -f GB18030 -t UTF-8 "$tmp/summary-gb/err-full" | grep -q '?'; then
        fail "GB18030, /dev/full: the reason lost in conversion"; cat "$tmp/summary-gb/err-full"
    else
        ok
    fi
    unset LOCPATH
fi

finish
