#!/bin/sh
# Run ccap-base as an analyst would: rebuild the bundled Nanyang base population and
# the single-year standard from their sources and compare them with the committed
# files; check that every published margin is met within one person; check help,
# usage errors (exit 2) and data errors (exit 1, message naming the file).
# With CCAP_TEST_WRAPPER set (e.g. to a valgrind command), every run goes through it.
# usage: test-base.sh CCAP_BASE SOURCE_DIR
set -u
program=$1
src=$2
nanyang="$src/examples/data/nanyang"
wpp="$src/examples/data/wpp"
. "$(dirname "$0")/harness.sh"
# same_table EXPECTED ACTUAL RTOL: the same rows in the same order, text fields equal and
# the population (column 5) equal within RTOL relative.  A tolerance rather than byte
# equality, because another compiler or libm may round the last digit differently.
same_table() {
    if awk -F, -v rtol="$3" '
        NR == FNR { row[FNR] = $0; n = FNR; next }
        {
            m = FNR
            if (split(row[FNR], e, ",") != NF) { bad++; next }
            for (i = 1; i <= NF; i++) {
                if (i == 5 && FNR > 1) {
                    d = $i - e[i]; if (d < 0) d = -d
                    s = e[i] < 0 ? -e[i] : e[i]
                    if (d > rtol * s) { bad++; print "line " FNR ": " $i " vs " e[i] }
                } else if ($i != e[i]) { bad++; print "line " FNR ": " $0 }
            }
        }
        END { if (m != n) { print m " rows, expected " n; bad++ } exit bad > 0 }' "$1" "$2"
    then ok; else fail "$2 differs from $1"; fi
}
# The bundled margins with the children under 3 derived by hand from births as line 9
# (the form of a city's margins without ccap-calibrate, which derives them itself), and
# the national death rates of 2020-2025 on single years (constant within each group of
# the abridged table), as the reverse survival below needs them.
{ sed -n 1,8p "$nanyang/margins.csv"
  echo '411300,2020,both,0-2,344460,"derived: children under 3 at the census from births (2/12 of 2017 + 2018 + 2019 + 10/12 of 2020 = 345,843, times 0.996 survival)"'
  sed -n '9,$p' "$nanyang/margins.csv"; } > "$tmp/margins_0-2.csv"
awk -F, 'NR == 1 { print; next }
         $2 == 2020 { a = $4 + 0; hi = a == 0 ? 1 : a == 1 ? 5 : a + 5
                      if ($4 ~ /\+$/) { print; next }
                      for (x = a; x < hi && x < 100; x++) printf "%s,%s,%s,%d,%s\n", $1, $2, $3, x, $5 }' \
    "$src/examples/data/national/mortality.csv" > "$tmp/mortality_2020.csv"
nanyang_args="--regions $nanyang/regions.csv --margins $tmp/margins_0-2.csv --year 2020 --date 2020-11-01"

# 1. Raking the committed single-year standard to the margins (--method rake).  (The
#    bundled base population is made by ccap-calibrate: tests/test-nanyang.sh.)
expect_exit 0 $nanyang_args --method rake --standard "$wpp/standard_china_2020.csv" --out "$tmp/pop.csv"
expect_out "17 regions, 16 of them without sub-regions; raking: "
expect_out "411300 南阳市"
expect_out "wrote $tmp/pop.csv"
# Every published margin within one person (35 margins listed, largest difference < 1).
if [ "$(grep -cE ' (both|male|female) +(total|[0-9]+[-+]?[0-9]*) ' "$out")" -eq 35 ] &&
   awk '/^largest difference:/ { found = 1; if ($3 + 0 >= 1) bad = 1 } END { exit !(found && !bad) }' "$out"
then ok; else fail "a margin is missed by one person or more:"; cat "$out"; fi

# 1b. The default, the smooth estimate: every margin within one person as well, met by the
#     solve alone (no raking pass), and no cliff where the age groups meet.  The step
#     from one single year to the next, beyond the standard's own, is
#     |x(a+1)/x(a) - s(a+1)/s(a)|; over every area, sex and age 0-98 it is at most 0.133
#     in the smooth estimate (women of NY-CX, 2 -> 3, where the ratio to the standard
#     climbs from the derived 0-2 towards the 0-14) and 0.571 in the raked one (men of
#     411303, 2 -> 3).  City women aged 14 and 15: raked 85,084 and 44,742, smooth
#     82,500 and 78,989.
expect_exit 0 $nanyang_args --standard "$wpp/standard_china_2020.csv" --out "$tmp/smooth.csv"
expect_out "17 regions, 16 of them without sub-regions; smooth estimate, no raking pass needed"
if [ "$(grep -cE ' (both|male|female) +(total|[0-9]+[-+]?[0-9]*) ' "$out")" -eq 35 ] &&
   awk '/^largest difference:/ { found = 1; if ($3 + 0 >= 1) bad = 1 } END { exit !(found && !bad) }' "$out"
then ok; else fail "a margin is missed by one person or more (smooth):"; cat "$out"; fi
# largest_step FILE: the largest step beyond the standard's, over the areas (not 411300).
largest_step() {
    awk -F, -v std="$wpp/standard_china_2020.csv" '
        BEGIN { while ((getline l < std) > 0) { split(l, f, ","); s[f[3] "," f[4] + 0] = f[5] } }
        NR > 1 && $1 != "411300" { x[$1 "," $3 "," $4 + 0] = $5; r[$1] = 1 }
        END {
            for (g in r) for (k = 0; k < 2; k++) {
                sex = k ? "male" : "female"
                for (a = 0; a < 99; a++) {
                    d = x[g "," sex "," a + 1] / x[g "," sex "," a] - s[sex "," a + 1] / s[sex "," a]
                    if (d < 0) d = -d
                    if (d > w) w = d
                }
            }
            printf "%.3f\n", w
        }' "$1"
}
step_smooth=$(largest_step "$tmp/smooth.csv") step_rake=$(largest_step "$tmp/pop.csv")
[ "$step_smooth" = 0.133 ] && [ "$step_rake" = 0.571 ] && ok ||
    fail "largest step beyond the standard's: smooth $step_smooth (expected 0.133), rake $step_rake (expected 0.571)"
if awk -F, '$1 == "411300" && $3 == "female" && ($4 == 14 || $4 == 15) { v[$4] = $5 }
            END { exit !(v[14] > 82499 && v[14] < 82501 && v[15] > 78988 && v[15] < 78990) }' "$tmp/smooth.csv"
then ok; else fail "city women aged 14 and 15 are not 82,500 and 78,989 in the smooth estimate"; fi

# 2. The standard, rebuilt from the raw UN WPP rows (thousands, age 100 = 100+) by the
#    conversion its README gives, then graduated by ccap-base itself.
awk -F, 'NR == 1 { print "region,year,sex,age,population"; next }
         { printf "standard,%s,%s,%s%s,%.0f\n", $2, $3, $4, ($4 == 100 ? "+" : ""), $5 * 1000 }' \
    "$wpp/wpp2019_china_pop5_2020.csv" > "$tmp/standard5.csv"
expect_exit 0 $nanyang_args --method rake --standard "$tmp/standard5.csv" \
    --standard-out "$tmp/standard1.csv" --out "$tmp/pop5.csv"
same_table "$wpp/standard_china_2020.csv" "$tmp/standard1.csv" 1e-12
same_table "$tmp/pop.csv" "$tmp/pop5.csv" 1e-9
# An existing output is replaced only with --force; refused, it is left as it was.
cp "$tmp/pop5.csv" "$tmp/pop5-kept.csv"
expect_exit 2 $nanyang_args --standard "$tmp/standard5.csv" --out "$tmp/pop5.csv"
expect_err "ccap-base: $tmp/pop5.csv exists: give --force to replace it, or another --out"
cmp -s "$tmp/pop5.csv" "$tmp/pop5-kept.csv" && ok || fail "refused, yet $tmp/pop5.csv changed"
expect_exit 0 $nanyang_args --method rake --standard "$tmp/standard5.csv" --out "$tmp/pop5.csv" --force

# 3. Help, version, usage errors.
expect_exit 0 --help
expect_out "Usage: ccap-base"
expect_out "Example"
expect_exit 0 --version
expect_out "ccap-base"
expect_exit 2
expect_exit 2 --regions "$nanyang/regions.csv" --margins "$nanyang/margins.csv" --standard x.csv
expect_exit 2 --bogus
expect_err "ccap-base: unknown option '--bogus'"
# a missing value is said once, as such (not as an unknown option)
expect_exit 2 --regions
expect_err "ccap-base: option '--regions' needs a value"
[ "$(grep -c . "$err")" -eq 2 ] && ok || { fail "the usage error is not said once:"; cat "$err"; }
expect_exit 2 -r
expect_err "ccap-base: option '-r' needs a value"
expect_exit 2 $nanyang_args --standard x.csv --out y.csv --tolerance abc
expect_exit 2 $nanyang_args --standard x.csv --out y.csv --tolerance -1e-9
expect_exit 2 $nanyang_args --standard x.csv --out y.csv --max-iter 0
expect_exit 2 $nanyang_args --standard x.csv --out y.csv --method ipf
expect_err "--method: 'ipf' is not smooth or rake"
expect_exit 2 $nanyang_args --standard x.csv --out y.csv --date 2020-13-01
expect_exit 2 $nanyang_args --standard x.csv --out y.csv --year 20x0
expect_exit 2 $nanyang_args --standard x.csv --out y.csv extra

# 4. Data errors: exit 1 with a message that names the file.
std="$wpp/standard_china_2020.csv"
expect_exit 1 --regions "$tmp/no-such-file.csv" --margins "$nanyang/margins.csv" --standard "$std" --out "$tmp/x.csv"
expect_err "$tmp/no-such-file.csv: cannot open"
expect_exit 1 $nanyang_args --standard "$tmp/no-such-standard.csv" --out "$tmp/x.csv"
expect_err "$tmp/no-such-standard.csv: cannot open"
expect_exit 1 --regions "$nanyang/regions.csv" --margins "$nanyang/margins.csv" --year 2021 --standard "$std" --out "$tmp/x.csv"
expect_err "no margins for year 2021"
# A leaf without its total.
grep -v '^411330,2020,both,total,' "$nanyang/margins.csv" > "$tmp/no_tongbai.csv"
expect_exit 1 --regions "$nanyang/regions.csv" --margins "$tmp/no_tongbai.csv" --standard "$std" --out "$tmp/x.csv"
expect_err "$tmp/no_tongbai.csv: region 411330 has no sub-regions and no margin 411330,2020,both,total"
# A city total that its 16 areas do not add up to: never met.
sed 's/^411300,2020,both,total,9713112,/411300,2020,both,total,9813112,/' "$tmp/margins_0-2.csv" > "$tmp/inconsistent.csv"
expect_exit 1 --regions "$nanyang/regions.csv" --margins "$tmp/inconsistent.csv" --standard "$std" --out "$tmp/x.csv" --max-iter 200
expect_err "$tmp/inconsistent.csv:2: the 16 areas of 411300 (411302, 411303, 411321, 411322, 411323, 411324 and 10 more; lines 10-18, 24-27, 34-36) add up to 9,713,112 for both total, but 411300 (line 2) is 9,813,112: 100,000 persons (1 %) apart"
[ ! -e "$tmp/x.csv" ] && ok || fail "an output file was written after an error"
# Broad groups that do not add up to the total.  One person over, as figures rounded
# separately give: reconciled with a warning naming the relation and the figures changed,
# and every margin shown as published (the total met, 0-14 0.26 persons under).
sed 's/^411300,2020,both,0-14,2547347,/411300,2020,both,0-14,2547348,/' "$nanyang/margins.csv" > "$tmp/plus1.csv"
expect_exit 0 --regions "$nanyang/regions.csv" --margins "$tmp/plus1.csv" --standard "$std" --out "$tmp/x.csv"
expect_err "warning: $tmp/plus1.csv:2: 411300 both 0-14 + 15-59 + 60+ (lines 5-7) = 9,713,113, but the total (line 2) is 9,713,112: 1 person (1e-05 %) apart, within the rounding allowance of 2: reconciled, keeping the total and scaling the age groups"
expect_err "warning: $tmp/plus1.csv:5: 411300,2020,both,0-14: 2547348 published, 2547347.74 used (-0.26)"
expect_out "2547348 "
rm -f "$tmp/x.csv"
# 2,000 over (0.02 % of the total, 0.08 % of the group): a real disagreement, named.
sed 's/^411300,2020,both,0-14,2547347,/411300,2020,both,0-14,2549347,/' "$nanyang/margins.csv" > "$tmp/plus2000.csv"
expect_exit 1 --regions "$nanyang/regions.csv" --margins "$tmp/plus2000.csv" --standard "$std" --out "$tmp/x.csv"
expect_err "$tmp/plus2000.csv:2: 411300 both 0-14 + 15-59 + 60+ (lines 5-7) = 9,715,112, but the total (line 2) is 9,713,112: 2,000 persons (0.021 %) apart, more than the rounding allowance of 2; check the figures of 411300, and whether the age groups cover every age once"
[ ! -e "$tmp/x.csv" ] && ok || fail "an output file was written after a disagreement"
# A standard whose region is not 'standard'.
sed 's/^standard,/China,/' "$std" > "$tmp/china.csv"
expect_exit 1 $nanyang_args --standard "$tmp/china.csv" --out "$tmp/x.csv"
expect_err "must use the region code 'standard'"
# A tolerance of 0 asks raking to remove the rounding of the sums (1.7e-15 on Nanyang),
# which no margin can be blamed for: it is refused, naming the smallest one that works.
expect_exit 2 $nanyang_args --standard "$std" --out "$tmp/x.csv" --tolerance 0
expect_err "--tolerance: 0 is below 1e-12"
[ ! -e "$tmp/x.csv" ] && ok || fail "an output file was written for --tolerance 0"
expect_exit 0 $nanyang_args --standard "$std" --out "$tmp/x.csv" --tolerance 1e-12
rm -f "$tmp/x.csv"
# More margins than the smooth estimate solves (3,266: every area's single years, taken
# from the committed base): refused with the way out, which works.
{ cat "$nanyang/margins.csv"
  awk -F, 'NR > 1 && $1 != "411300" { printf "%s,2020,%s,%s,%s,\n", $1, $3, $4, $5 }' \
      "$nanyang/population_2020.csv"; } > "$tmp/many.csv"
expect_exit 1 --regions "$nanyang/regions.csv" --margins "$tmp/many.csv" --standard "$std" --out "$tmp/x.csv"
expect_err "$tmp/many.csv: 3266 margins: the smooth estimate solves a dense system of one equation per margin and takes at most 2000"
expect_err "ccap-base: --method rake estimates from any number of margins"
[ ! -e "$tmp/x.csv" ] && ok || fail "an output file was written for too many margins"
expect_exit 0 --regions "$nanyang/regions.csv" --margins "$tmp/many.csv" --standard "$std" --out "$tmp/x.csv" --method rake
rm -f "$tmp/x.csv"
# An output directory that does not exist.
expect_exit 1 $nanyang_args --standard "$std" --out "$tmp/no/such/dir/pop.csv"

# An output that names an input (exit 1), or the other output (exit 2), is refused before
# anything is read,
# and the input is left byte-identical.
cp "$nanyang/margins.csv" "$tmp/margins.csv"
sum=$(sha256sum <"$tmp/margins.csv")
expect_exit 1 --regions "$nanyang/regions.csv" --margins "$tmp/margins.csv" --year 2020 \
    --standard "$std" --out "$tmp/margins.csv"
expect_err "would replace $tmp/margins.csv, an input of this run"
expect_exit 1 --regions "$nanyang/regions.csv" --margins "$tmp/margins.csv" --year 2020 \
    --standard "$std" --out "$tmp/./margins.csv"
cp "$std" "$tmp/std.csv"
expect_exit 1 $nanyang_args --standard "$tmp/std.csv" --out "$tmp/x.csv" --standard-out "$tmp/std.csv"
[ "$(sha256sum <"$tmp/margins.csv")" = "$sum" ] && cmp -s "$std" "$tmp/std.csv" && ok ||
    fail "an input was changed"
expect_exit 2 $nanyang_args --standard "$std" --out "$tmp/same.csv" --standard-out "$tmp/same.csv"
expect_err "--out and --standard-out name the same file"
[ ! -e "$tmp/same.csv" ] && ok || fail "same.csv was written"


# 5. Children from births (--vitals): the Nanyang margins without line 9's derived 0-2
#    margin, and the births that line 9's note derives it from, in a vitals file whose
#    notes say they are derived:
#      2019: 120,700, published (S6);
#      2018: Henan's 1,270,000 (S15) x Nanyang's 2019 share of Henan's births,
#            120,700 / 1,204,000 (S16) = 0.1002492: 127,316.445;
#      2020: Henan's 917,000 (S16, S18) x the same share = 91,928.488;
#      2017: not published, taken as 2018 (127,316.445), as the note does.
#    With the national death rates of 2020-2025 and 111.2 boys per 100 girls (srb.csv), reverse
#    survival gives at 2020-11-01 (tests/test_reverse.c, "nanyang", girls aged 0 by hand:
#    1/6 x 120,700 + 5/6 x 91,928.488 = 96,723.9 births, 100/211.2 of them girls,
#    L_0 = 0.9955128: 45,591.7):
#      girls aged 0, 1, 2: 45,591.7  57,360.0  59,932.6
#      boys  aged 0, 1, 2: 50,656.4  63,723.3  66,579.6
#    The base must hold exactly these ages 0-2 (where raking gave 55,461 ... 59,412) and
#    still meet every published margin.
cp "$nanyang/margins.csv" "$tmp/no_0-2.csv"
cat > "$tmp/births.csv" <<'CSV'
region,year,measure,value,note
411300,2017,births,127316.445183,"derived, not published: 2017 taken as 2018"
411300,2018,births,127316.445183,"derived, not published: Henan 1,270,000 (S15) x 120,700/1,204,000"
411300,2019,births,120700,published (S6)
411300,2020,births,91928.488372,"derived, not published: Henan 917,000 (S16, S18) x 120,700/1,204,000"
CSV
births_args="--regions $nanyang/regions.csv --year 2020 --date 2020-11-01 --standard $std --vitals $tmp/births.csv --mortality $tmp/mortality_2020.csv --srb 111.2"
expect_exit 0 $births_args --margins "$tmp/no_0-2.csv" --out "$tmp/births_pop.csv"
expect_out "children 0-2 of 1 regions from births in $tmp/births.csv by reverse survival"
if awk -F, '
    BEGIN { e["female,0"] = 45591.7; e["female,1"] = 57360.0; e["female,2"] = 59932.6
            e["male,0"] = 50656.4; e["male,1"] = 63723.3; e["male,2"] = 66579.6 }
    $1 == 411300 && ($3 "," $4) in e {
        d = $5 - e[$3 "," $4]; if (d < 0) d = -d
        if (d > 0.06) { print $0 " vs " e[$3 "," $4]; bad++ }
        n++
    }
    END { exit !(n == 6 && !bad) }' "$tmp/births_pop.csv"
then ok; else fail "ages 0-2 of 411300 are not the reverse-survival numbers"; fi
# The 34 published margins and the 6 derived ones, all met within one person.
if [ "$(grep -cE ' (both|male|female) +(total|[0-9]+[-+]?[0-9]*) ' "$out")" -eq 40 ] &&
   awk '/^largest difference:/ { found = 1; if ($3 + 0 >= 1) bad = 1 } END { exit !(found && !bad) }' "$out"
then ok; else fail "a margin is missed by one person or more:"; cat "$out"; fi
# With the 0-2 margin still there: refused, naming its line; nothing written.
expect_exit 1 $births_args --margins "$tmp/margins_0-2.csv" --out "$tmp/x.csv"
expect_err "$tmp/margins_0-2.csv:9: 411300: a margin of ages 0-2 (both) is already given for the children under 3 that the births give"
[ ! -e "$tmp/x.csv" ] && ok || fail "an output file was written beside a 0-2 margin"
# Without 2017's births: a warning naming the year, and ages 0-2 left to the other margins.
sed '/^411300,2017,/d' "$tmp/births.csv" > "$tmp/births_no2017.csv"
expect_exit 0 --regions "$nanyang/regions.csv" --year 2020 --date 2020-11-01 --standard "$std" \
    --vitals "$tmp/births_no2017.csv" --mortality "$tmp/mortality_2020.csv" \
    --margins "$tmp/no_0-2.csv" --out "$tmp/x.csv"
expect_err "warning: $tmp/births_no2017.csv: 411300: no births given for 2017"
expect_err "its children are left to the other margins"
rm -f "$tmp/x.csv"
expect_exit 2 $births_args --margins "$tmp/no_0-2.csv" --out "$tmp/x.csv" --srb 1.05
expect_exit 2 $births_args --margins "$tmp/no_0-2.csv" --out "$tmp/x.csv" --child-ages 0
expect_exit 2 --regions "$nanyang/regions.csv" --margins "$tmp/no_0-2.csv" --standard "$std" \
    --out "$tmp/x.csv" --vitals "$tmp/births.csv" --mortality "$tmp/mortality_2020.csv"
expect_err "--vitals needs --mortality and --date"

# 6. --lang zh: the help, the summary, the table of margins and the messages in Chinese,
#    the place of a data error (FILE:LINE: field:) kept in ASCII, the population file the
#    same as in English (1b); an unknown language is refused like an unknown option.
expect_exit 0 --lang zh --help
expect_out "用法：ccap-base --regions FILE"
expect_out "--lang en|zh        摘要和提示信息的语言"
expect_exit 0 --lang zh $nanyang_args --standard "$wpp/standard_china_2020.csv" \
    --out "$tmp/smooth-zh.csv"
expect_out "共17个地区，其中16个没有下级地区；平滑估计，无需迭代比例拟合，最大相对偏差"
expect_out "已写入 $tmp/smooth-zh.csv"
grep -q '^地区  *性别   年龄  *公布值  *估计值  *差值$' "$out" && ok ||
    fail "no Chinese header over the margins"
grep -q '^最大差值：' "$out" && ok || fail "no Chinese largest difference"
cmp -s "$tmp/smooth.csv" "$tmp/smooth-zh.csv" && ok || fail "--lang zh wrote another population"
sed 's/^411302,2020,both,total,633563,/411302,2020,both,total,-633563,/' "$tmp/margins_0-2.csv" \
    > "$tmp/negative.csv"
line=$(grep -n '^411302,2020,both,total,' "$tmp/negative.csv" | cut -d: -f1)
expect_exit 1 --lang zh --regions "$nanyang/regions.csv" --margins "$tmp/negative.csv" \
    --standard "$wpp/standard_china_2020.csv" --out "$tmp/x.csv"
expect_err "$tmp/negative.csv:$line: population: 负值 -633563"
expect_exit 2 --lang zh --regions "$nanyang/regions.csv" --margins "$tmp/no_0-2.csv" \
    --standard "$std" --out "$tmp/x.csv" --method ipf
expect_err "ccap-base: --method: “ipf”不是 smooth 或 rake"
# margins that do not add up, in Chinese: the relation named with its figures and lines
# (the messages of 3. above), the reconciled figures of a rounding difference
expect_exit 1 --lang zh --regions "$nanyang/regions.csv" --margins "$tmp/plus2000.csv" \
    --standard "$std" --out "$tmp/x.csv"
expect_err "$tmp/plus2000.csv:2: 411300 男女合计 0-14 + 15-59 + 60+（第 5-7 行） = 9,715,112，但合计（第 2 行）为 9,713,112：相差 2,000 人（0.021%），超出舍入容差 2；请检查 411300 的数字，以及各年龄组是否恰好覆盖每个年龄一次"
expect_exit 0 --lang zh --regions "$nanyang/regions.csv" --margins "$tmp/plus1.csv" \
    --standard "$std" --out "$tmp/x.csv" --force
expect_err "警告：$tmp/plus1.csv:2: 411300 男女合计 0-14 + 15-59 + 60+（第 5-7 行） = 9,713,113，但合计（第 2 行）为 9,713,112：相差 1 人（1e-05%），在舍入容差 2 以内：已协调，保留合计数字，按比例调整各年龄组"
expect_err "警告：$tmp/plus1.csv:5: 411300,2020,both,0-14：公布 2547348，采用 2547347.74（-0.26）"
expect_exit 1 --lang zh --regions "$nanyang/regions.csv" --margins "$tmp/inconsistent.csv" \
    --standard "$std" --out "$tmp/x.csv" --force --max-iter 200
expect_err "$tmp/inconsistent.csv:2: 411300 的 16 个下级地区（411302, 411303, 411321, 411322, 411323, 411324 等，另有 10 个；第 10-18, 24-27, 34-36 行）的男女合计、各年龄合计之和为 9,713,112，但 411300（第 2 行）为 9,813,112：相差 100,000 人（1%）"
expect_exit 2 --lang xx
expect_err "ccap-base: --lang: 'xx' is not en or zh"

finish
