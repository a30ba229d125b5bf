#!/bin/sh
# report.xlsx, the workbook of a ccap-plan report (built with libxlsxwriter): a zip with one
# sheet per table and two charts, frozen header rows and number formats, and cells that hold
# the same figures as the report's CSV tables.  Skipped (exit 77) when ccap-plan was built
# without libxlsxwriter or unzip is not installed.
# usage: test-xlsx.sh CCAP_PLAN SOURCE_DIR
set -u
program=$1
src=$2
d="$src/examples/data/nanyang"
case $program in /*) ;; *) program="$PWD/$program" ;; esac
. "$(dirname "$0")/harness.sh"
city=$(awk -F, 'NR > 1 && $4 == "" { print $1; exit }' "$d/regions.csv") # the root: 411300

expect_exit 0 --help
if grep -q "it needs libxlsxwriter" "$out"; then
    echo "skipped: ccap-plan was built without libxlsxwriter"
    exit 77
fi
if ! command -v unzip >/dev/null 2>&1; then
    echo "skipped: unzip is not installed"
    exit 77
fi

r="$tmp/report"
expect_exit 0 -N 50 -o "$r"
x="$r/report.xlsx"
[ -s "$x" ] && ok || fail "no report.xlsx in the report"
grep -q 'href="report.xlsx"' "$r/index.html" && ok || fail "index.html does not link report.xlsx"

# 1. The parts of the zip: the workbook, eleven sheets, eight charts.
unzip -l "$x" >"$tmp/parts" 2>&1 || fail "report.xlsx is not a zip file"
for p in xl/workbook.xml xl/sharedStrings.xml xl/styles.xml xl/charts/chart1.xml \
    xl/charts/chart2.xml xl/charts/chart8.xml xl/worksheets/sheet1.xml \
    xl/worksheets/sheet11.xml; do
    grep -q " $p\$" "$tmp/parts" && ok || fail "report.xlsx lacks $p"
done
grep -q " xl/worksheets/sheet12.xml\$" "$tmp/parts" && fail "report.xlsx has a twelfth sheet" || ok
unzip -tq "$x" >/dev/null && ok || fail "unzip -t: report.xlsx is damaged"

# 2. The sheet names, in order, and a frozen header row in every sheet.
names=$(unzip -p "$x" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//; s/"$//' |
        tr '\n' '|')
[ "$names" = "Inputs and caveats|Population|Gaps|Build schedule|Allocation|Costs|Workforce|Who pays|Quantiles|Probabilities|Charts|" ] &&
    ok ||
    fail "sheet names: $names"
for i in 1 2 3 4 5 6 7 8 9 10 11; do
    unzip -p "$x" "xl/worksheets/sheet$i.xml" | grep -q '<pane [^>]*ySplit="1"[^>]*state="frozen"' &&
        ok || fail "sheet $i has no frozen header row"
done
# number formats: thousands, per 1,000, percentages
for f in '#,##0' '0.00' '0%'; do
    unzip -p "$x" xl/styles.xml | grep -qF "formatCode=\"$f\"" && ok || fail "no number format $f"
done
grep -q " xl/charts/chart9.xml\$" "$tmp/parts" && fail "report.xlsx has a ninth chart" || ok
# in_chart K PATTERN MESSAGE: fail with MESSAGE when chart K of the workbook lacks PATTERN
in_chart() { unzip -p "$x" "xl/charts/chart$1.xml" | grep -q "$2" && ok || fail "$3"; }
# the charts in the order of the PNG charts: the population pyramid, births, children under 3,
# residents, the slots over the years as numbers (so that the target steps), bars of the gap by
# county, carers, who pays stacked
in_chart 1 '<c:overlap val="100"/>' "chart 1 (the pyramid) does not overlay its bars"
[ "$(unzip -p "$x" xl/charts/chart1.xml | grep -o 'srgbClr val="[0-9A-F]*"' | sed 's/.*="//; s/"//' |
     uniq | tr '\n' ' ')" = "78AADC F09696 " ] && ok ||
    fail "chart 1's colours are not the PNG pyramid's (men, women)"
in_chart 2 '<c:f>Charts!\$Y\$2' "chart 2 does not draw the births"
in_chart 2 '<c:f>Charts!\$AB\$2' "chart 2 does not draw the published births"
in_chart 3 '<c:f>Charts!\$U\$2' "chart 3 does not draw the children under 3"
for k in 2 3 4; do in_chart "$k" '<c:min val="0"/>' "chart $k's amounts do not start from zero"; done
in_chart 6 '<c:barChart>' "chart 6 is not a bar chart"
in_chart 5 '<c:scatterChart>' "chart 5 is not an x-y chart"
in_chart 6 '<c:f>Charts!\$B\$2:\$B\$' "chart 6 does not plot the Charts sheet"
# the slots chart's series in the order and colours of the PNG (charts.c's palette): the
# target (blue, its steps from columns N and O), demand and its band (orange), held (green),
# after the minimal build (red)
[ "$(unzip -p "$x" xl/charts/chart5.xml | grep -o '<c:ser>' | wc -l)" -eq 6 ] && ok ||
    fail "chart 5 does not have 6 series (target, demand, its band, held, planned)"
[ "$(unzip -p "$x" xl/charts/chart5.xml | grep -o 'srgbClr val="[0-9A-F]*"' | sed 's/.*="//; s/"//' |
     uniq | tr '\n' ' ')" = "1F77B4 FF7F0E 2CA02C D62728 " ] && ok ||
    fail "chart 5's colours are not the PNG's, in its order"
in_chart 5 '<c:f>Charts!\$O\$2:\$O\$' "chart 5 does not draw the target from its steps"
# printed, the Charts sheet is its charts alone, three to a page: its print area is the
# charts' 12 columns from AI, with page breaks after every third chart (rows 69 and 138)
unzip -p "$x" xl/workbook.xml | grep -q 'name="_xlnm.Print_Area" localSheetId="10">Charts!\$AI\$1:\$AT\$' &&
    ok || fail "the Charts sheet does not print its charts alone"
[ "$(unzip -p "$x" xl/worksheets/sheet11.xml | grep -o '<brk id="[0-9]*"' | tr -dc '0-9\n' | tr '\n' ' ')" = "69 138 " ] &&
    ok || fail "the Charts sheet's page breaks are not after every third chart"
# the target's steps: 2024 holds until 2025, where it rises (two rows for 2025: 4.1 then 4.5)
steps=$(unzip -p "$x" xl/worksheets/sheet11.xml | sed 's/<c r="/\n/g' |
        sed -n 's/^\([NO]\)\([0-9]*\)"[^>]*>.*<v>\([^<]*\)<\/v>.*/\2 \1 \3/p' |
        awk '$2 == "N" { y[$1] = $3 } $2 == "O" { v[$1] = $3 }
             END { for (r = 2; r in y; r++) if (y[r] == 2024 || y[r] == 2025) printf "%s:%s ", y[r], v[r] }')
t24=$(awk -F, -v c="$city" '$1 == c && $3 == 2024 { w = int($9); if (w < $9 - 1e-9) w++; print w }' "$r/gaps.csv")
t25=$(awk -F, -v c="$city" '$1 == c && $3 == 2025 { w = int($9); if (w < $9 - 1e-9) w++; print w }' "$r/gaps.csv")
[ "$steps" = "2024:$t24 2025:$t24 2025:$t25 " ] && ok ||
    fail "the target's steps: $steps, expected 2024:$t24 2025:$t24 2025:$t25"
in_chart 4 '<c:f>Charts!\$Q\$2' "chart 4 does not draw the residents"
# the figures of vitals.csv as the PNG draws them: published ones as filled points (births
# AB, residents T), derived or assumed ones as hollow points (births AF, residents AG), the
# births from 2017 and the residents from 2019 (their first figures), each in its year
in_chart 2 '<c:f>Charts!\$AF\$2' "chart 2 does not draw the derived or assumed births"
in_chart 4 '<c:f>Charts!\$T\$2' "chart 4 does not draw the published residents"
in_chart 4 '<c:f>Charts!\$AG\$2' "chart 4 does not draw the derived or assumed residents"
in_chart 2 '<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr><a:noFill/>' \
    "chart 2 draws no hollow marker"
in_chart 8 '<c:grouping val="stacked"/>' "chart 8 (who pays) is not stacked"
in_chart 8 "<c:f>'Who pays'!\\\$B\\\$2" "chart 8 does not plot the Who pays sheet"

# 3. Cells against the CSV tables.  A sheet's cells as "ROW COLUMN VALUE" lines (a string
#    cell's value is its index in the shared strings, counted from 0).
cells() {
    unzip -p "$x" "xl/worksheets/sheet$1.xml" | sed 's/<c r="/\n/g' |
        sed -n 's/^\([A-Z]*\)\([0-9]*\)"[^>]*>.*<v>\([^<]*\)<\/v>.*/\2 \1 \3/p'
}
unzip -p "$x" xl/sharedStrings.xml | sed 's/<si>/\n/g' | sed -n 's/^<t[^>]*>\([^<]*\)<\/t>.*/\1/p' \
    >"$tmp/strings"
sid=$(awk -v c="$city" '$0 == c { print NR - 1; exit }' "$tmp/strings")
[ -n "$sid" ] && ok || fail "the city's code is not among the shared strings"
# same CSV_VALUE SHEET_VALUE: equal to 1e-12 relative (the sheet keeps 15-16 digits)
same() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; s = a < 0 ? -a : a
                                            exit !(b != "" && d <= 1e-12 * s + 1e-9) }'; }
# value SHEET CODE_COLUMN YEAR_COLUMN YEAR COLUMN [EXTRA_COLUMN EXTRA [EXTRA_COLUMN EXTRA]]: the
# city's cell
value() {
    cells "$1" | awk -v sid="$sid" -v cc="$2" -v yc="$3" -v y="$4" -v want="$5" -v ec="${6:-}" \
        -v ev="${7:-}" -v fc="${8:-}" -v fv="${9:-}" '{ v[$1, $2] = $3; rows[$1] = 1 }
        END { for (r in rows) if (v[r, cc] == sid && (yc == "" || v[r, yc] == y) &&
                                  (ec == "" || v[r, ec] == ev) &&
                                  (fc == "" || v[r, fc] == fv)) { print v[r, want]; exit } }'
}
# the first sheet says what is estimated and assumed
unzip -p "$x" xl/sharedStrings.xml | grep -q 'Assumed: every county has 4.08 slots per 1,000' &&
    ok || fail "the Inputs and caveats sheet does not say the county slots are one shared rate"
# gaps.csv (region,name,year,...): population (4), slots (6), gap (10) of the city in 2024;
# sheet 3, columns D, F, J; the gap in whole slots, rounded up as the summary shows it (189
# for 188.6)
for c in 4:D 6:F 10:J; do
    csv=$(awk -F, -v city="$city" -v k="${c%:*}" '$1 == city && $3 == 2024 { print $k }' "$r/gaps.csv")
    [ "${c#*:}" = J ] && csv=$(awk -v v="$csv" 'BEGIN { w = int(v); if (w < v - 1e-9) w++; print w }')
    got=$(value 3 A C 2024 "${c#*:}")
    same "$csv" "$got" && ok || fail "Gaps ${c#*:}, $city 2024: $got, gaps.csv column ${c%:*}: $csv"
done
# population.csv: the city's 2020 population, the sum of every sex and age; sheet 2, column E
csv=$(awk -F, -v city="$city" '$1 == city && $3 == 2020 { s += $6 } END { printf "%.6f", s }' \
      "$r/population.csv")
got=$(value 2 A C 2020 E)
awk -v a="$csv" -v b="$got" 'BEGIN { d = a - b; exit !(b != "" && d * d < 1e-6) }' && ok ||
    fail "Population E, $city 2020: $got, population.csv sums to $csv"
# schedule.csv (region,name,year,new_slots): the city's new slots in the first year of
# building; sheet 4, row 2
first=$(awk -F, -v city="$city" '$1 == city { print $3; exit }' "$r/schedule.csv")
csv=$(awk -F, -v city="$city" '$1 == city { print $4; exit }' "$r/schedule.csv")
[ "$(cells 4 | awk '$1 == 1 && $2 == "C" { print $3 }')" = "$first" ] && ok ||
    fail "Build schedule: C1 is not $first"
got=$(cells 4 | awk -v sid="$sid" '$1 == 2 && $2 == "A" && $3 == sid { f = 1 }
                                   $1 == 2 && $2 == "C" { v = $3 } END { if (f) print v }')
same "$csv" "$got" && ok || fail "Build schedule C2 ($city $first): $got, schedule.csv: $csv"
total=$(awk -F, -v city="$city" '$1 == city { s += $4 } END { print s }' "$r/schedule.csv")
unzip -p "$x" xl/worksheets/sheet4.xml | grep -q '<f>SUM(C2:' && ok || fail "no total formula"
# allocation.csv (region,name,new_slots): the city's slots shared; sheet 5, column C
csv=$(awk -F, -v city="$city" '$1 == city { print $3 }' "$r/allocation.csv")
got=$(value 5 A "" "" C)
same "$csv" "$got" && ok || fail "Allocation C ($city): $got, allocation.csv: $csv"
# the county slots (one rate shared out) are marked estimated in the Gaps sheet (column Q),
# the city's counted ones not
estimated=$(awk '$0 == "estimated" { print NR - 1; exit }' "$tmp/strings")
slots_sid=$(awk '$0 == "slots" { print NR - 1; exit }' "$tmp/strings")
[ "$(cells 3 | awk '$1 == 1 && $2 == "Q" { print $3 }')" = "$estimated" ] && ok ||
    fail "Gaps Q1 is not the header 'estimated'"
county=$(awk -F, 'NR > 1 && $4 == "411300" { print $1; exit }' "$src/examples/data/nanyang/regions.csv")
csid=$(awk -v c="$county" '$0 == c { print NR - 1; exit }' "$tmp/strings")
got=$(cells 3 | awk -v sid="$csid" -v e="$slots_sid" '$2 == "A" && $3 == sid { r[$1] = 1 }
                                                      $2 == "C" && $3 == 2024 { y[$1] = 1 }
                                                      $2 == "Q" { q[$1] = $3 }
                                                      END { for (k in r) if (k in y) print q[k] }')
[ -n "$slots_sid" ] && [ "$got" = "$slots_sid" ] && ok || fail "Gaps Q ($county 2024) does not mark the slots estimated"
got=$(cells 3 | awk -v sid="$sid" '$2 == "A" && $3 == sid { r[$1] = 1 } $2 == "Q" { q[$1] = $3 }
                                   END { for (k in r) if (k in q) n++; print n + 0 }')
[ "$got" = 0 ] && ok || fail "the city's counted slots are marked estimated in the Gaps sheet"
# budget.csv: the city's central budget in 2025 and its present value; sheet 8, column B
csv=$(awk -F, '$1 == 2025 { print $2 }' "$r/budget.csv")
got=$(cells 8 | awk '$1 == 2 && $2 == "B" { print $3 }')
same "$csv" "$got" && ok || fail "Who pays B2 (2025 central): $got, budget.csv: $csv"
csv=$(awk -F, '$1 == "pv" { print $2 }' "$r/budget.csv")
n=$(awk 'END { print NR }' "$r/budget.csv")
got=$(cells 8 | awk -v n="$n" '$1 == n && $2 == "B" { print $3 }')
same "$csv" "$got" && ok || fail "Who pays B$n (present value): $got, budget.csv: $csv"
# workforce.csv: the carers the city's slots need at the end of 2025; sheet 7, column G where
# D is "needed"
csv=$(awk -F, -v c="$city" '$1 == c && $3 == 2025 && $4 == "needed" { print $13 }' "$r/workforce.csv")
needed=$(awk '$0 == "needed" { print NR - 1; exit }' "$tmp/strings")
got=$(value 7 A C 2025 G D "$needed")
same "$csv" "$got" && ok || fail "Workforce G ($city 2025 carers needed): $got, workforce.csv: $csv"
# quantiles.csv: the city's median births in 2025; sheet 9, column G where F is 0.5 and E
# (the measure, by its library name) is births, D its name for readers
csv=$(awk -F, -v city="$city" '$1 == city && $3 == 2025 && $4 == "births" && $5 == 0.5 { print $6 }' \
      "$r/quantiles.csv")
births=$(awk '$0 == "births" { print NR - 1; exit }' "$tmp/strings")
got=$(value 9 A C 2025 G F 0.5 E "$births")
same "$csv" "$got" && ok || fail "Quantiles G ($city 2025 median births): $got, quantiles.csv: $csv"
# the Charts sheet (11) against the summary: births (X the year, Y) and children under 3
# (P the year, U) in 2021 and 2025, whole persons as the summary prints them, and their band
# in 2025 (Z and AA; V and W), e.g. "2025  65,386 ( 63,481- 67,701)  194,762 (192,742-196,832)"
chart_cell() { # YEAR_COLUMN YEAR COLUMN
    cells 11 | awk -v yc="$1" -v y="$2" -v c="$3" '{ v[$1, $2] = $3 } $2 == yc && $3 == y { r = $1 }
                                                    END { if (r != "") print v[r, c] }'
}
for y in 2021 2025; do
    set -- $(awk -v y="$y" '/^Births in the calendar year/ { f = 1 } f && $1 == y { print; exit }' \
             "$r/summary.txt" | sed 's/†//g; s/,//g; s/[()-]/ /g')
    [ "$#" -ge 3 ] && ok || fail "no births and children under 3 of $y in the summary"
    got=$(chart_cell X "$y" Y)
    [ "$got" = "$2" ] && ok || fail "Charts: births of $y: $got, the summary: $2"
    if [ "$#" -eq 7 ]; then
        got="$(chart_cell X "$y" Z) $(chart_cell X "$y" AA) $(chart_cell P "$y" U)"
        got="$got $(chart_cell P "$y" V) $(chart_cell P "$y" W)"
        [ "$got" = "$3 $4 $5 $6 $7" ] && ok ||
            fail "Charts: the births' band, children under 3 and their band in $y: $got, the summary: $3 $4 $5 $6 $7"
    else
        got=$(chart_cell P "$y" U)
        [ "$got" = "$3" ] && ok || fail "Charts: children under 3 of $y: $got, the summary: $3"
    fi
done
# the figures of vitals.csv in their years (X and P the years): the assumed births of 2017
# and the derived ones of 2020 (AF), the published births of 2019 (AB), the published
# residents of 2019 (T), before the base year of 2020
got="$(chart_cell X 2017 AF) $(chart_cell X 2020 AF) $(chart_cell X 2019 AB) $(chart_cell P 2019 T)"
[ "$got" = "127300 91900 120700 10031600" ] && ok ||
    fail "Charts: the vitals' births 2017, 2020 (derived), 2019 and residents 2019: $got"
# the pyramid (AD men, negative; AE women) of the base population: 101 single years of age,
# each rounded to a whole person, so each side adds up to its census total of margins.csv
# (4,876,561 men, 4,836,551 women) within 50.5
for c in AD:male AE:female; do
    census=$(awk -F, -v c="$city" -v s="${c#*:}" '$1 == c && $3 == s && $4 == "total" { print $5 }' \
             "$d/margins.csv")
    sum=$(cells 11 | awk -v c="${c%:*}" '$2 == c && $1 > 1 { s += $3 < 0 ? -$3 : $3; n++ }
                                          END { print s + 0, n + 0 }')
    awk -v s="${sum% *}" -v n="${sum#* }" -v t="$census" \
        'BEGIN { d = s - t; exit !(n == 101 && d * d <= 50.5 * 50.5) }' && ok ||
        fail "Charts: the pyramid's ${c#*:} side adds up to ${sum% *} in ${sum#* } ages, the census: $census"
done
# probabilities.csv (region,name,year,p_target_met,p_overbuild): the city's shares in 2028;
# sheet 10, columns D and E
for c in 4:D 5:E; do
    csv=$(awk -F, -v city="$city" -v k="${c%:*}" '$1 == city && $3 == 2028 { print $k }' \
          "$r/probabilities.csv")
    got=$(value 10 A C 2028 "${c#*:}")
    same "$csv" "$got" && ok ||
        fail "Probabilities ${c#*:} ($city 2028): $got, probabilities.csv column ${c%:*}: $csv"
done
# the summary's present value of capital costs, in the Costs sheet (6, C2), rounded
sum=$(sed -n 's/^  capital \([0-9,]*\), running.*/\1/p' "$r/summary.txt" | tr -d ,)
got=$(cells 6 | awk '$1 == 2 && $2 == "C" { printf "%.0f", $3 }')
[ -n "$sum" ] && [ "$sum" = "$got" ] && ok || fail "Costs C2: $got, the summary's capital: $sum"

# 4. In Chinese: the sheets named in Chinese, the measures of the Quantiles sheet named in
#    Chinese (D) beside their codes, which stay as quantiles.csv has them (E).
expect_exit 0 -N 50 --lang zh -o "$tmp/zh"
x="$tmp/zh/report.xlsx"
names=$(unzip -p "$x" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//; s/"$//' |
        tr '\n' '|')
case $names in *"|分位数|概率|图表|") ok ;; *) fail "Chinese sheet names: $names" ;; esac
unzip -p "$x" xl/sharedStrings.xml | sed 's/<si>/\n/g' | sed -n 's/^<t[^>]*>\([^<]*\)<\/t>.*/\1/p' \
    >"$tmp/strings"
sid=$(awk -v c="$city" '$0 == c { print NR - 1; exit }' "$tmp/strings")
births=$(awk '$0 == "births" { print NR - 1; exit }' "$tmp/strings")
label=$(awk -v id="$(value 9 A C 2025 D E "$births")" 'NR - 1 == id' "$tmp/strings")
[ -n "$births" ] && [ "$label" = "出生人口" ] && ok ||
    fail "Quantiles in Chinese: the measure births is named '$label', not 出生人口"

# 5. --no-charts: the same tables, no charts.
expect_exit 0 -N 50 --no-charts -o "$tmp/nocharts"
unzip -l "$tmp/nocharts/report.xlsx" >"$tmp/parts"
grep -q "xl/charts/" "$tmp/parts" && fail "--no-charts: the workbook has charts" || ok
grep -q " xl/worksheets/sheet9.xml\$" "$tmp/parts" && ok || fail "--no-charts: a table is missing"

finish
