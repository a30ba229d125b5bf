#!/bin/sh
# Run ccap-project as an analyst would: the UN WPP 2019 back-test (China 2015 -> 2020
# against WPP's own 2020 population), help and usage errors, and data errors that name
# the file.  With CCAP_TEST_WRAPPER set (e.g. to a valgrind command), every run goes
# through it.
# usage: test-project.sh CCAP_PROJECT SOURCE_DIR
set -u
program=$1
src=$2
wpp="$src/tests/data/wpp2019"
data="$src/tests/data"
. "$(dirname "$0")/harness.sh"

wpp_args="-r $wpp/regions.csv -d $wpp/mortality.csv -f $wpp/fertility.csv -s $wpp/srb.csv"

# 1. Back-test: 2015 -> 2020 with WPP's 2015-2020 rates.  WPP's 2020 population was made
#    from the same rates by WPP's own engine, whose life-table closure and migration age
#    pattern differ from ours; measured: total -0.003%, every group 0-84 within 0.85%,
#    95+ within 55% (the open group).  Tolerances: total 0.05%, groups 0-84 1%.
#    WPP's populations are mid-year (1 July): --stocks steps writes the steps' own dates.
expect_exit 0 $wpp_args -p "$wpp/population_2015.csv" -m "$wpp/migration.csv" -n 5 \
    --stocks steps -o "$tmp/back"
for f in population.csv births.csv summary.csv; do
    if [ -s "$tmp/back/$f" ]; then ok; else fail "no $f"; fi
done
if awk -F, '
    NR == FNR { if (FNR > 1) want[$3 "," $4] = $5; next }
    FNR > 1 && $3 == 2020 {
        key = $4 "," $5; got_total += $6; want_total += want[key]
        age = $5 + 0
        if (age < 85) {
            rel = ($6 - want[key]) / want[key]; if (rel < 0) rel = -rel
            if (rel > worst) worst = rel
        }
        n++
    }
    END {
        total = (got_total - want_total) / want_total; if (total < 0) total = -total
        printf "back-test 2015-2020: total %.4f%%, worst group 0-84 %.3f%% (%d cells)\n",
               100 * total, 100 * worst, n
        exit !(n == 42 && total < 0.0005 && worst < 0.01)
    }' "$wpp/population_2020.csv" "$tmp/back/population.csv"
then ok; else fail "WPP 2019 back-test outside tolerance"; fi

# 1b. Forward from WPP's 2020 base to 2050 with its medium-variant rates.  WPP 2019's
#     medium variant has China 31.4 million (2.2%) smaller in 2050 than in 2019 (UN DESA,
#     World Population Prospects 2019 press release), about 1,402.4 million from the 2019
#     total of 1,433.8 million.  Measured: 1,404.2 million (+0.13%).  Tolerance 0.5%.
expect_exit 0 $wpp_args -p "$wpp/population_2020.csv" -m "$wpp/migration.csv" -n 30 \
    --stocks steps -o "$tmp/fwd"
if awk -F, '$1 == "CN" && $3 == 2050 { t += $6 }
            END { r = (t - 1402.4e6) / 1402.4e6; printf "China 2050: %.1f million (%+.2f%%)\n", t / 1e6, 100 * r
                  if (r < 0) r = -r; exit !(r < 0.005) }' "$tmp/fwd/population.csv"
then ok; else fail "China 2050 not within 0.5% of WPP 2019's 1,402.4 million"; fi

# 2. The summary is on the calendar: 2016-2019 from the step 2015-07-01 to 2020-07-01 (the
#    calendar years wholly within it), each with a fifth of the step's events, and the
#    populations at the year ends balance with the events of the year to the interpolation
#    between the steps (cell by cell, exponential: 0.2 % within a five-year step).
if awk -F, 'NR > 1 { n++; y[n] = $2; if (prev != "") { split(prev, p, ",");
                         d = p[3] + $4 - $5 + $6 - $3; if (d < 0) d = -d;
                         if (d > 0.005 * $3) bad = 1 }
                     prev = $0 }
            END { exit bad || n != 4 || y[1] != 2016 || y[4] != 2019 }' "$tmp/back/summary.csv"
then ok; else fail "summary.csv is not the calendar years 2016-2019 or does not balance"; fi

# 3. Single-year steps from 5-year rates need a single-year population: refused clearly.
expect_exit 1 $wpp_args -p "$wpp/population_2015.csv" -n 5 --step 1 -o "$tmp/x"
expect_err "population_2015.csv"

# 4. Help, version, usage errors.
expect_exit 0 --help
if grep -q "Usage: ccap-project" "$out" && grep -q "Example" "$out"; then ok; else fail "help"; fi
expect_exit 0 --version
expect_exit 2
expect_exit 2 $wpp_args -p "$wpp/population_2015.csv" -o "$tmp/x"
expect_exit 2 $wpp_args -p "$wpp/population_2015.csv" -n 7 -o "$tmp/x" --step 5
expect_exit 2 $wpp_args -p "$wpp/population_2015.csv" -n 5 -o "$tmp/x" --step 3
expect_exit 2 $wpp_args -p "$wpp/population_2015.csv" -n 5 -o "$tmp/x" --timing later
expect_exit 2 --bogus

# 5. Data errors name the file (and the line where there is one).
expect_exit 1 $wpp_args -p "$data/bad/negative.csv" -n 5 -o "$tmp/x"
expect_err "negative.csv:"
expect_exit 1 -r "$wpp/regions.csv" -d "$data/bad/mort_negative.csv" -f "$wpp/fertility.csv" \
    -s "$wpp/srb.csv" -p "$wpp/population_2015.csv" -n 5 -o "$tmp/x"
expect_err "mort_negative.csv:4: mx:"
# rates that start too late: no rates for 2015 in a file that begins in 2020
grep -v ',2015,' "$wpp/fertility.csv" > "$tmp/fert2020.csv"
expect_exit 1 $wpp_args -f "$tmp/fert2020.csv" -p "$wpp/population_2015.csv" -n 5 -o "$tmp/x"
expect_err "fert2020.csv: fertility: region 'CN', step starting 2015: no fertility rates"

# 6. Years stay within 1700-2300 (docs/conventions.md, "Plausible ranges"): a base year of
#    9999 is refused by the reader, and a projection that would end after 2300 is refused
#    before it runs; neither leaves an output directory.
sed 's/,2020,/,9999,/; s/,2020-07-01$/,9999-07-01/' "$wpp/population_2020.csv" > "$tmp/pop9999.csv"
expect_exit 1 $wpp_args -p "$tmp/pop9999.csv" -n 5 -o "$tmp/y9999"
expect_err "pop9999.csv:2: year: year 9999 is outside 1700-2300"
[ ! -e "$tmp/y9999" ] && ok || fail "output written for the base year 9999"
expect_exit 2 $wpp_args -p "$wpp/population_2020.csv" -n 500 -o "$tmp/y2520"
expect_err "--years 500 from 2020 would end in 2520, after 2300"
[ ! -e "$tmp/y2520" ] && ok || fail "output written for a projection to 2520"

# 7. A run whose population.csv the readers would refuse (more than CCAP_CSV_FIELDS_MAX
#    fields: 120 regions x 281 years x 2 sexes x 101 ages x 6 fields = 40,868,646) is refused
#    before it runs, with the sizes, and creates nothing.
nanyang="$src/examples/data/nanyang"
{ echo "code,name,name_en,parent"; echo "X00,city,City,"
  i=1; while [ $i -le 119 ]; do echo "C$i,county $i,County $i,X00"; i=$((i + 1)); done
} >"$tmp/r120.csv"
{ echo "region,year,sex,age,population,date"
  i=1; while [ $i -le 119 ]; do grep "^411302," "$nanyang/population_2020.csv" | sed "s/^411302,/C$i,/"
  i=$((i + 1)); done
} >"$tmp/p120.csv"
expect_exit 1 -r "$tmp/r120.csv" -p "$tmp/p120.csv" -d "$nanyang/mortality.csv" \
    -f "$nanyang/fertility.csv" -s "$nanyang/srb.csv" \
    --migration-rates "$nanyang/migration_rates.csv" -n 280 -o "$tmp/big"
expect_err "$tmp/big/population.csv: the table would hold 47680087 fields (281 populations x 120 regions x 2 sexes x 101 age groups, 7 fields a row), more than the readers accept"
[ ! -e "$tmp/big" ] && ok || fail "$tmp/big was created"

# 8. --lang zh: the help, the summary and the messages in Chinese, the place of a data
#    error (FILE:LINE: field:) kept in ASCII, the tables the same as in English; an
#    unknown language is refused like an unknown option.
expect_exit 0 --lang zh --help
expect_out "用法：ccap-project --regions F"
expect_out "--lang en|zh     摘要和提示信息的语言"
expect_exit 0 --lang zh $wpp_args -p "$wpp/population_2015.csv" -m "$wpp/migration.csv" -n 5 \
    --stocks steps -o "$tmp/back-zh"
expect_out "ccap-project: 1步，每步5年，自2015-07-01起，至2019年末"
expect_out "  已写入 $tmp/back-zh/population.csv、births.csv、summary.csv"
for f in population.csv births.csv summary.csv; do
    cmp -s "$tmp/back/$f" "$tmp/back-zh/$f" && ok || fail "$f differs under --lang zh"
done
expect_exit 1 --lang zh $wpp_args -p "$data/bad/negative.csv" -n 5 -o "$tmp/x"
expect_err "$data/bad/negative.csv:2: region: 未知的地区代码 'A11'（不在地区表中）"
expect_exit 2 --lang zh $wpp_args -p "$wpp/population_2015.csv" -n 5 -o "$tmp/x" --step 3
expect_err "ccap-project: --step: “3”不是 1 或 5"
expect_err "请运行“ccap-project --help”了解更多信息。"
expect_exit 2 --lang xx
expect_err "ccap-project: --lang: 'xx' is not en or zh"

finish
