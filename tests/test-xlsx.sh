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

# 1. The parts of the zip: the workbook, eight sheets, two charts.
unzip -l "$x" >"$tmp/parts" 2>&1 || fail "report.xlsx is not a zip file"
for p in xl/workbook.xml xl/sharedStrings.xml xl/styles.xml xl/charts/chart1.xml \
    xl/charts/chart2.xml xl/worksheets/sheet1.xml xl/worksheets/sheet8.xml; do
    grep -q " $p\$" "$tmp/parts" && ok || fail "report.xlsx lacks $p"
done
grep -q " xl/worksheets/sheet9.xml\$" "$tmp/parts" && fail "report.xlsx has a ninth sheet" || ok
unzip -tq "$x" >/dev/null && ok || fail "unzip -t: report.xlsx is damaged"

# 2. The sheet names, in order, and a frozen header row in every sheet.
names=$(unzip -p "$x" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//; s/"$//' |
        tr '\n' '|')
[ "$names" = "Inputs and caveats|Population|Gaps|Build schedule|Allocation|Costs|Quantiles|Charts|" ] &&
    ok ||
    fail "sheet names: $names"
for i in 1 2 3 4 5 6 7 8; do
    unzip -p "$x" "xl/worksheets/sheet$i.xml" | grep -q '<pane [^>]*ySplit="1"[^>]*state="frozen"' &&
        ok || fail "sheet $i has no frozen header row"
done
# number formats: thousands, per 1,000, percentages
for f in '#,##0' '0.00' '0%'; do
    unzip -p "$x" xl/styles.xml | grep -qF "formatCode=\"$f\"" && ok || fail "no number format $f"
done
# the charts: bars of the gap by county, lines of the slots, both from the Charts sheet
unzip -p "$x" xl/charts/chart1.xml | grep -q '<c:barChart>' && ok || fail "chart 1 is not a bar chart"
unzip -p "$x" xl/charts/chart2.xml | grep -q '<c:lineChart>' && ok || fail "chart 2 is not a line chart"
unzip -p "$x" xl/charts/chart1.xml | grep -q '<c:f>Charts!\$B\$2:\$B\$' && ok ||
    fail "chart 1 does not plot the Charts sheet"
[ "$(unzip -p "$x" xl/charts/chart2.xml | grep -o '<c:ser>' | wc -l)" -eq 4 ] && ok ||
    fail "chart 2 does not have 4 series (target, demand, held, planned)"

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
csv=$(awk -F, -v city="$city" '$1 == city && $2 == 2020 { s += $5 } END { printf "%.6f", s }' \
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
# quantiles.csv: the city's median births in 2025; sheet 7, column F where E is 0.5 and D
# (the measure, by its library name) is births
csv=$(awk -F, -v city="$city" '$1 == city && $3 == 2025 && $4 == "births" && $5 == 0.5 { print $6 }' \
      "$r/quantiles.csv")
births=$(awk '$0 == "births" { print NR - 1; exit }' "$tmp/strings")
got=$(value 7 A C 2025 F E 0.5 D "$births")
same "$csv" "$got" && ok || fail "Quantiles F ($city 2025 median births): $got, quantiles.csv: $csv"
# the summary's present value of capital costs, in the Costs sheet (6, C2), rounded
sum=$(sed -n 's/^  capital \([0-9,]*\), running.*/\1/p' "$r/summary.txt" | tr -d ,)
got=$(cells 6 | awk '$1 == 2 && $2 == "C" { printf "%.0f", $3 }')
[ -n "$sum" ] && [ "$sum" = "$got" ] && ok || fail "Costs C2: $got, the summary's capital: $sum"

# 4. --no-charts: the same tables, no charts.
expect_exit 0 -N 50 --no-charts -o "$tmp/nocharts"
unzip -l "$tmp/nocharts/report.xlsx" >"$tmp/parts"
grep -q "xl/charts/" "$tmp/parts" && fail "--no-charts: the workbook has charts" || ok
grep -q " xl/worksheets/sheet7.xml\$" "$tmp/parts" && ok || fail "--no-charts: a table is missing"

finish
