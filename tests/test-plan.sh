#!/bin/sh
# Run ccap-plan as an analyst would: with no arguments on the bundled Nanyang scenario, then
# check the report against figures recomputed here from its own tables and from the inputs;
# a report is never overwritten without --force, and a failing run leaves nothing behind.
# usage: test-plan.sh CCAP_PLAN SOURCE_DIR CCAP_GAP
set -u
program=$1
src=$2
gap=$3
d="$src/examples/data/nanyang"
case $program in /*) ;; *) program="$PWD/$program" ;; esac
case $gap in /*) ;; *) gap="$PWD/$gap" ;; esac
. "$(dirname "$0")/harness.sh"
city=$(awk -F, 'NR > 1 && $4 == "" { print $1; exit }' "$d/regions.csv") # the root: 411300

# 1. No arguments: the bundled scenario, the report in ./ccap-report.
mkdir "$tmp/work"
( cd "$tmp/work" && $wrap "$program" >"$out" 2>"$err" ); got=$?
if [ "$got" -eq 0 ]; then ok; else fail "no arguments: exit $got"; cat "$err"; fi
r="$tmp/work/ccap-report"
expect_out "南阳市 Nanyang"
expect_out "4.1@2024"
expect_out "4.5@2025"
expect_out "Minimal build schedule"
expect_out "Report: ccap-report/index.html"
for f in summary.txt population.csv gaps.csv schedule.csv allocation.csv workforce.csv budget.csv \
    quantiles.csv index.html; do
    if [ -s "$r/$f" ]; then ok; else fail "no $f in the report"; fi
done
# the schemas of the other programs
head -n 1 "$r/gaps.csv" | grep -qx 'region,name,year,population,under3,slots,slots_per_1000,target_per_1000,target_slots,gap,demand_slots,demand_gap,per_1000_slots,per_1000_gap,enrolment_rate_target,enrolment_slots,enrolment_gap,inclusive_share_target,inclusive_slots,inclusive_gap,enrolled,utilisation,enrolment_rate,binding' && ok || fail "gaps.csv header"
head -n 1 "$r/schedule.csv" | grep -qx 'region,name,year,new_slots' && ok || fail "schedule.csv header"
head -n 1 "$r/allocation.csv" | grep -qx 'region,name,new_slots' && ok || fail "allocation.csv header"
head -n 1 "$r/workforce.csv" | grep -qx 'region,name,year,basis,slots,infant,toddler,older,mixed,home,kindergarten,classes,carers,health_staff,floor_area_m2' && ok || fail "workforce.csv header"
head -n 1 "$r/budget.csv" | grep -qx 'year,central,local,families,providers,capital,capital_subsidy,childcare_subsidy,operating_subsidy,fees,running' && ok || fail "budget.csv header"
# the name beside each code is the region table's
if awk -F, 'FNR == 1 { file++; next }
    file == 1 { name[$1] = $2 }
    file > 1 { n++; if ($2 != name[$1]) bad = 1 }
    END { exit bad || n == 0 }' "$d/regions.csv" "$r/gaps.csv" "$r/schedule.csv" "$r/allocation.csv" \
    "$r/population.csv"
then ok; else fail "the names beside the codes are not the region table's"; fi
# no number that is not available is written as nan or inf: an empty cell (Excel shows a
# literal nan as text)
for f in "$r"/*.csv; do
    if awk -F, '{ for (i = 1; i <= NF; i++) if (tolower($i) ~ /^[-+]?(nan|inf|infinity)$/) bad = 1 }
                END { exit bad }' "$f"
    then ok; else fail "${f##*/} has a nan or inf cell"; fi
done
head -n 1 "$r/quantiles.csv" | grep -qx 'region,name,year,measure,quantile,value' && ok || fail "quantiles.csv header"
head -n 1 "$r/population.csv" | grep -qx 'region,name,year,sex,age,population,date' && ok || fail "population.csv header"

# 2. The 2024 slots of the city are the sum of the inventory's rows (slots.csv, column 5);
#    the gap is target x population / 1000 - slots.
inv=$(awk -F, 'NR > 1 && $2 == 2024 { s += $5 } END { printf "%.0f", s }' "$d/slots.csv")
if awk -F, -v inv="$inv" -v city="$city" '$1 == city && $3 == 2024 {
        found = 1; g = $8 * $4 / 1000 - $6
        exit !($6 == inv && (g - $10) ^ 2 < 1e-12) } END { if (!found) exit 1 }' "$r/gaps.csv"
then ok; else fail "2024 slots or gap of the city do not follow from the inventory"; fi
# one calendar: population.csv holds the residents at the end of every year (dated 1 January
# after), and gaps.csv's residents and children under 3 of 2024 are those of its 2024 rows
if awk -F, -v city="$city" '
    FNR == 1 { file++ ; next }
    file == 1 && $1 == city && $3 == 2024 { if ($7 != "2025-01-01") bad = 1; tot += $6
                                            if ($5 !~ /\+/ && $5 + 0 < 3) u3 += $6 }
    file == 2 && $1 == city && $3 == 2024 { pop = $4; gu3 = $5 }
    END { exit !(!bad && tot > 0 && (pop - tot) ^ 2 < 1e-6 && (gu3 - u3) ^ 2 < 1e-6) }' \
    "$r/population.csv" "$r/gaps.csv"
then ok; else fail "the 2024 residents or under-3s of gaps.csv are not population.csv's end of 2024"; fi
# the schedule of the city is the sum of its counties (regions without children)
if awk -F, -v city="$city" 'FNR == 1 { file++; next }
    file == 1 && $4 != "" { parent[$4] = 1 }
    file == 2 && $1 == city { c[$3] = $4; found = 1 }
    file == 2 && $1 != city && !($1 in parent) { sum[$3] += $4 }
    END { if (!found) exit 1; for (y in c) if ((c[y] - sum[y]) ^ 2 > 1e-9) exit 1 }' \
    "$d/regions.csv" "$r/schedule.csv"
then ok; else fail "the city's schedule is not the sum of its counties"; fi
# every county meets the target (the default rule): the allocation is the first year of the
# schedule, each county its own 2025 gap rounded up to whole slots (a county's spare slots are
# not lent), so the city builds the sum of its counties' shortfalls, not its own netted gap
if awk -F, -v city="$city" 'FNR == 1 { file++; next }
    file == 1 && $4 != "" { parent[$4] = 1 }
    file == 2 && $3 == 2025 && !($1 in parent) { n = int($10); if (n < $10) n++; if (n > 0) need[$1] = n; total += (n > 0 ? n : 0) }
    file == 3 && $1 == city { a = $3; next }
    file == 3 { if ($3 != ($1 in need ? need[$1] : 0)) bad = 1 }
    file == 4 && $1 == city && $3 == 2025 { s = $4 }
    END { exit !(total > 0 && a == total && s == total && !bad) }' \
    "$d/regions.csv" "$r/gaps.csv" "$r/allocation.csv" "$r/schedule.csv"
then ok; else fail "the allocation is not each county's 2025 shortfall, as the schedule builds"; fi

# 3. The page: every link names a file of the report, images are embedded, the charts are
#    SVG files (when built with PLplot).
for f in $(grep -o 'href="[^"]*"' "$r/index.html" | sed 's/href="//; s/"$//'); do
    if [ -f "$r/$f" ]; then ok; else fail "index.html links to a missing file: $f"; fi
done
if grep -q 'src="http' "$r/index.html"; then fail "index.html loads from the network"; else ok; fi
if grep -q "Charts were skipped" "$out"; then
    echo "charts skipped: built without PLplot"
else
    for f in pyramid births under3 population slots gaps carers budget; do
        if [ -s "$r/$f.svg" ] && head -c 200 "$r/$f.svg" | grep -q '<svg\|<?xml' &&
            tail -c 20 "$r/$f.svg" | grep -q '</svg>'; then ok; else fail "$f.svg is not an SVG file"; fi
        # embedded, with alt text that says what the chart shows (not its file name)
        grep -q "<img alt=\"[^\"]*chart[^\"]*\" src=\"data:image/svg+xml;base64," "$r/index.html" &&
            ! grep -q "alt=\"$f.svg\"" "$r/index.html" && ok ||
            fail "index.html does not embed $f.svg with alt text"
        # PNG too when PLplot's Cairo driver is installed: the 8-byte PNG signature
        if grep -q "SVG and PNG" "$out"; then
            if [ "$(head -c 8 "$r/$f.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
            then ok; else fail "$f.png is not a PNG file"; fi
        fi
    done
fi

# 4. An existing report is kept unless --force; with --force it is replaced.
touch "$r/mine.txt"
( cd "$tmp/work" && $wrap "$program" -N 50 >"$out" 2>"$err" ); got=$?
[ "$got" -eq 2 ] && ok || fail "overwrote without --force (exit $got)"
expect_err "ccap-report exists: give --force"
[ -f "$r/mine.txt" ] && ok || fail "the existing report was touched"
expect_exit 0 -N 50 --no-charts -o "$r" --force
# the report's files are replaced; a file of the user's in the report directory is kept
[ -f "$r/mine.txt" ] && [ -s "$r/index.html" ] && [ "$r/index.html" -nt "$r/mine.txt" ] && ok ||
    fail "--force did not replace the report, or lost mine.txt"
expect_out "Charts were not drawn (--no-charts)"

# 5. A failing run leaves no report and no temporary directory.
sed 's/^population = .*/population = missing.csv/' "$d/nanyang.ini" > "$tmp/bad.ini"
for f in regions.csv mortality.csv fertility.csv srb.csv migration_rates.csv slots.csv \
    targets.csv takeup.csv costs.csv; do cp "$d/$f" "$tmp/"; done
expect_exit 1 --scenario "$tmp/bad.ini" -o "$tmp/failed"
expect_err "missing.csv"
if ls -d "$tmp"/failed* 2>/dev/null | grep -q .; then fail "a failed run left a directory"; else ok; fi

# 6. The scenario's quantiles: quantiles.csv holds them and no others, and the summary's band
#    runs from the lowest to the highest (0.05 to 0.95: a 90% band).
sed 's/^quantiles = .*/quantiles = 0.05,0.5,0.95/' "$d/nanyang.ini" > "$tmp/q.ini"
for f in regions.csv population_2020.csv mortality.csv fertility.csv srb.csv \
    migration_rates.csv slots.csv targets.csv takeup.csv costs.csv; do cp "$d/$f" "$tmp/"; done
expect_exit 0 --scenario "$tmp/q.ini" -N 50 --no-charts -o "$tmp/q"
expect_out "with the 90% band of 50 Monte Carlo trajectories"
if [ "$(awk -F, 'NR > 1 { print $5 }' "$tmp/q/quantiles.csv" | sort -u | tr '\n' ' ')" = "0.05 0.5 0.95 " ]
then ok; else fail "quantiles.csv does not hold the scenario's quantiles"; fi
# the band of the summary is the 0.05 and 0.95 quantiles of quantiles.csv (2030: a year the
# summary shows with a band, after the observed 2024 and within the calendar years 2021-2034)
y=2030
lo=$(awk -F, -v c="$city" -v y="$y" '$1 == c && $3 == y && $4 == "births" && $5 == 0.05 { printf "%.0f", $6 }' "$tmp/q/quantiles.csv")
hi=$(awk -F, -v c="$city" -v y="$y" '$1 == c && $3 == y && $4 == "births" && $5 == 0.95 { printf "%.0f", $6 }' "$tmp/q/quantiles.csv")
if grep -E "^  $y " "$out" | tr -d ',' | grep -qE "\( *$lo- *$hi\)"
then ok; else fail "the summary's band for $y is not the 0.05 and 0.95 quantiles ($lo-$hi)"; fi

# 7. A population file whose city rows disagree with its counties is refused at the first
#    city row, with both totals (every table would use the counties' sum).
awk -F, -v OFS=, -v c="$city" 'NR > 1 && $1 == c { $5 = $5 / 2 } { print }' \
    "$d/population_2020.csv" > "$tmp/population_2020.csv"
expect_exit 1 --scenario "$tmp/q.ini" -N 50 --no-charts -o "$tmp/halved"
expect_err "population_2020.csv:2: population: region '$city': its rows add up to 4856556"
expect_err "its children's to 9713112"

# 8. The largest run a scenario may ask for, refused with the sizes; a thousand threads
#    for one trajectory are one thread.
expect_exit 1 -N 1000000 --no-charts -o "$tmp/big"
expect_err "1000000 trajectories x 17 regions x 16 years x 6 measures = "
expect_exit 0 -N 1 --threads 1000 --no-charts -o "$tmp/threads"

# 9. The city as a whole (--build-rule city): it builds its own gap, spare slots netted, and
#    shares it between the counties; the schedule's city row is the allocation.
expect_exit 0 -N 1 --no-charts --build-rule city -o "$tmp/city"
expect_out "The city as a whole meets every target"
if awk -F, -v city="$city" 'FNR == 1 { file++; next }
    file == 1 && $1 == city && $3 == 2025 { n = int($10); if (n < $10) n++ }
    file == 2 && $1 == city { a = $3 }
    file == 3 && $1 == city && $3 == 2025 { s = $4 }
    END { exit !(n > 0 && a == n && s == n) }' \
    "$tmp/city/gaps.csv" "$tmp/city/allocation.csv" "$tmp/city/schedule.csv"
then ok; else fail "--build-rule city does not build the city's own 2025 gap"; fi
expect_exit 2 --build-rule town

# 10. Who pays and who staffs (budget.csv, workforce.csv, the summary), worked from the inputs:
#     the slots operated at the end of 2025 are the inventory's 2024 slots (38,573) and the
#     city's 2025 build (3,705), 42,278; occupancy 0.8 (nanyang.ini); costs.csv's '*' row
#     prices capital and running cost.  With a fee of 800 and an operating subsidy of 300 a
#     month, 90% of children registered:
#       families 2025 = 12 x 800 x 0.8 x 42,278 = 324,695,040
#       running  2025 = 12,000 x 42,278 = 507,336,000; capital 2025 = 20,000 x 3,705
#       育儿补贴 2025 = 3,600 x 0.9 x children under 3 at the end of 2025 (gaps.csv)
#     and every present value is the sum of a column discounted by 1.03 a year from 2025.
expect_exit 0 -N 20 --no-charts --fee 800 --operating-subsidy 300 --registered-share 0.9 \
    -o "$tmp/pay"
p="$tmp/pay"
held=$(awk -F, 'NR > 1 && $2 == 2024 { s += $5 } END { print s }' "$d/slots.csv")
built=$(awk -F, -v c="$city" '$1 == c && $3 == 2025 { print $4 }' "$p/schedule.csv")
[ "$held" = 38573 ] && [ "$built" = 3705 ] && ok || fail "slots held $held, built $built"
u3=$(awk -F, -v c="$city" '$1 == c && $3 == 2025 { print $5 }' "$p/gaps.csv")
if awk -F, -v s=$((held + built)) -v b="$built" -v u3="$u3" 'FNR == 1 { file++; next }
    file == 1 && $1 == "*" { cap = $2; run = $3 }
    file == 2 && $1 == 2025 { f = $4; r = $11; k = $6; cs = $8 }
    END { exit !(f == 12 * 800 * 0.8 * s && f == 324695040 && r == run * s && r == 507336000 &&
                 k == cap * b && ((cs - 3600 * 0.9 * u3) / cs) ^ 2 < 1e-24) }' \
    "$d/costs.csv" "$p/budget.csv"
then ok; else fail "budget.csv 2025 does not follow from the slots, fees and costs"; fi
if awk -F, 'NR > 1 && $1 != "pv" { t = $1 - 2025; for (i = 2; i <= 11; i++) pv[i] += $i / 1.03 ^ t }
    $1 == "pv" { for (i = 2; i <= 11; i++) { d = $i - pv[i]; if (d * d > 1e-12 * $i * $i + 1e-6) bad = 1 }; found = 1 }
    END { exit !(found && !bad) }' "$p/budget.csv"
then ok; else fail "budget.csv's present values are not its years discounted at 3%"; fi
# the summary shows the present values, rounded, and the total of the four payers
row=$(awk -F, '$1 == "pv" { printf "%.0f %.0f %.0f %.0f %.0f", $2, $3, $4, $5, $2 + $3 + $4 + $5 }' "$p/budget.csv")
grep -E "^  present value " "$out" | tr -d , | grep -qE "^  present value +$(echo "$row" | sed 's/ / +/g')\$" &&
    ok || fail "the summary's present values are not budget.csv's ($row)"
expect_out "Who pays for the slots operated once the plan is built, 2025-2035"
# the binding target, the observed use of 2024 (enrolled / slots, enrolled / under 3) and the
# carers the 2025 target needs (workforce.csv)
enr=$(awk -F, 'NR > 1 && $2 == 2024 { s += $6 } END { print s }' "$d/slots.csv")
use=$(awk -v e="$enr" -v s="$held" 'BEGIN { printf "%.1f%%", 100 * e / s }')
care=$(awk -F, -v c="$city" -v e="$enr" '$1 == c && $3 == 2024 { printf "%.1f%%", 100 * e / $5 }' "$p/gaps.csv")
grep -E "^  2024 +4\.1 per 1,000 " "$out" | tr -d , | grep -qE " $enr +$use +$care " && ok ||
    fail "the summary's 2024 row does not show $enr enrolled, $use in use, $care in care"
carers=$(awk -F, -v c="$city" '$1 == c && $3 == 2025 && $4 == "needed" { print $13 }' "$p/workforce.csv")
target=$(awk -F, -v c="$city" '$1 == c && $3 == 2025 { w = int($9); if (w < $9 - 1e-9) w++; print w }' "$p/gaps.csv")
grep -E "^  2025 +4\.5 per 1,000 " "$out" | tr -d , | grep -qE " $target .* $carers " && ok ||
    fail "the summary's 2025 row does not show the $target slots needed and their $carers carers"
grep -E "^  2030 +4\.5 per 1,000 " "$out" | grep -q . && ok || fail "the summary has no 2030 row"
# the running cost built up from staff and space (--carer-wage and the like): budget.csv's
# running cost of 2025 is 12 (4,500 carers + 5,500 health staff + 30 m²) + 3,000 slots of the
# city's planned slots that year (workforce.csv)
expect_exit 0 -N 10 --no-charts --carer-wage 4500 --health-wage 5500 --rent 30 \
    --other-running 3000 -o "$tmp/staffcost"
if awk -F, -v c="$city" 'FNR == 1 { file++; next }
    file == 1 && $1 == c && $3 == 2025 && $4 == "planned" {
        t = 12 * (4500 * $13 + 5500 * $14 + 30 * $15) + 3000 * $5 }
    file == 2 && $1 == 2025 { r = $11 }
    END { exit !(t > 0 && ((r - t) / t) ^ 2 < 1e-24) }' \
    "$tmp/staffcost/workforce.csv" "$tmp/staffcost/budget.csv"
then ok; else fail "budget.csv's 2025 running cost is not the staff and space of the slots"; fi
# births by month in the scenario (monthly_births): 6/11 of the children aged 0 are in
# 乳儿班's ages, so the city's planned slots of 2025 hold more 乳儿班 places than by the half
# rule (workforce.csv, column infant)
sed "s#^kindergarten *=.*##; s#^\[inputs\]#&\nmonthly_births = $src/tests/data/standards/births_monthly.csv#" \
    "$d/nanyang.ini" > "$tmp/months.ini"
sed -i "s#= \([a-z_0-9]*\.csv\)#= $d/\1#" "$tmp/months.ini"
expect_exit 0 --scenario "$tmp/months.ini" -N 10 --no-charts -o "$tmp/months"
infant() { awk -F, -v c="$city" '$1 == c && $3 == 2025 && $4 == "planned" { print $6 }' "$1"; }
[ "$(infant "$tmp/months/workforce.csv")" -gt "$(infant "$p/workforce.csv")" ] && ok ||
    fail "monthly_births: 乳儿班 places $(infant "$tmp/months/workforce.csv") not above $(infant "$p/workforce.csv")"
# projected use in 2025: the children demand puts in care (demand slots x 0.8) in the
# 38,573 + 3,705 = 42,278 slots once built, and among the children under 3
proj=$(awk -F, -v c="$city" -v s=$((held + built)) '$1 == c && $3 == 2025 {
    printf "%.1f%% +%.1f%%", 100 * 0.8 * $11 / s, 100 * 0.8 * $11 / $5 }' "$p/gaps.csv")
grep -E "^  2025 +4\.5 per 1,000 " "$out" | grep -qE " $proj " && ok ||
    fail "the summary's 2025 row does not show the projected use $proj"
expect_exit 2 --fee -1
expect_exit 2 --registered-share 1.5

# 11. Where the figures come from: the scenario's [sources] notes make take-up published and
#     the costs derived in the inputs and caveats of the summary, the page and the workbook;
#     the occupancy, without a note, stays assumed.  The children under 3 of the observed
#     years and the county slots (one rate shared out) are marked as estimated.
expect_exit 0 -N 20 --no-charts -o "$tmp/plain"
expect_out "Assumed: take-up (入托率) of 2%, 12% and 30% at ages 0, 1 and 2; the demand-based need"
expect_out "  † estimated (Inputs and caveats)."
grep -E "^  2024 " "$out" | grep -q "200,456†" && ok || fail "the 2024 under-3s are not marked estimated"
grep -E "^    宛城区 Wancheng District +2,514† " "$out" | grep -q . && ok ||
    fail "a county's slots (one rate shared out) are not marked"
grep -E "^  南阳市 Nanyang +38,573 " "$out" | grep -q . && ok || fail "the city's counted slots are marked"
cp "$d"/*.csv "$tmp/"
{ cat "$d/nanyang.ini"; printf '\n[sources]\ntakeup = published: 2023 survey of 1,200 families\ncosts = 推算：河南省普惠托育建设补助标准\n'; } >"$tmp/sources.ini"
expect_exit 0 --scenario "$tmp/sources.ini" -N 20 --no-charts -o "$tmp/sources"
for f in "$out" "$tmp/sources/index.html"; do
    for line in "Published: take-up (入托率) of 2%, 12% and 30% at ages 0, 1 and 2 (published: 2023 survey of 1,200 families); the demand-based need moves with it." \
        "Derived: the unit costs of the costs file (yuan per slot and per slot-year) (推算：河南省普惠托育建设补助标准); assumed: the discount rate of 3.0%." \
        "Assumed: an occupancy of 80%, the share of slots filled when demand is met."; do
        grep -qF "$line" "$f" && ok || fail "${f##*/} does not say: $line"
    done
done
if [ -s "$tmp/sources/report.xlsx" ] && command -v unzip >/dev/null 2>&1; then
    unzip -p "$tmp/sources/report.xlsx" xl/sharedStrings.xml | grep -qF "Published: take-up (入托率)" &&
        ok || fail "the workbook's inputs and caveats do not say take-up is published"
fi

# 12. The slots file's note column: a derived row makes the slots derived, stated with its
#     note, and the city's slots marked †.
awk -F, 'BEGIN { OFS = "," } NR == 1 { print $0 ",note"; next }
         $2 == 2024 { print $0 ",derived: the city total of the 2024 bulletin shared out"; next }
         { print $0 ",published: the 2021-2023 bulletins" }' "$d/slots.csv" >"$tmp/slots.csv"
expect_exit 0 --scenario "$tmp/q.ini" -N 20 --no-charts -o "$tmp/noted"
expect_out "Derived: the slots (托位) up to the end of 2024 (derived: the city total of the 2024 bulletin shared out)."
grep -E "^  南阳市 Nanyang +38,573† " "$out" | grep -q . && ok || fail "the city's derived slots are not marked"
cp "$d/slots.csv" "$tmp/slots.csv"

# 13. Kindergarten places and the running cost from staff in the scenario: nanyang.ini with
#     absolute paths, `kindergarten =` the invented table of tests/data (90 % of each
#     county's children aged 3-5 in 2020, in hundreds) and the four wages and rents of
#     [childcare].  ccap-gap, run on the report's own population.csv with the same files and
#     --carer-wage etc. (set here to what the scenario gives, --other-running overriding the
#     scenario's 2000 in ccap-plan), must give the same schedule.csv, converted and built
#     slots and their cost in every row, and the same running cost per slot.
kg="$src/tests/data/kindergarten_nanyang.csv"
awk -v d="$d" -v kg="$kg" '
    /^\[inputs\]/ { print; print "kindergarten = " kg; next }
    /^\[childcare\]/ { print; print "carer_wage_month = 5000"; print "health_wage_month = 6000"
                       print "rent_m2_month = 30"; print "other_per_slot_year = 2000"; next }
    /^[a-z_]+ *= *[^ ;]+\.csv/ { sub(/= */, "= " d "/") } { print }' "$d/nanyang.ini" >"$tmp/kg.ini"
expect_exit 0 --scenario "$tmp/kg.ini" -N 20 --no-charts --other-running 2500 -o "$tmp/kg"
expect_out "Kindergartens (幼儿园): at 91.1% of the children aged 3-5 enrolled, "
expect_out "running cost built up from the staff and space of the slots at the end of 2025: "
grep -A2 "^Kindergartens" "$out" | grep -Eq "^  2025 +[0-9,]+ +414,700 " && ok ||
    fail "the summary's kindergarten table has no 2025 row with the 414,700 places of the file"
head -n 1 "$tmp/kg/schedule.csv" | grep -qx 'region,name,year,new_slots,converted,conversion_cost,built,build_cost' &&
    ok || fail "schedule.csv header with kindergarten places"
expect_out "Assumed: 91.1% of the children aged 3-5 in kindergarten and 5,000 yuan to convert"
cp "$out" "$tmp/kg-plan.out"
# the workbook has the sheet (when this build writes one)
if [ -f "$tmp/kg/report.xlsx" ]; then
    unzip -p "$tmp/kg/report.xlsx" xl/workbook.xml | grep -q 'sheet name="Kindergartens"' && ok ||
        fail "report.xlsx has no Kindergartens sheet"
fi
$wrap "$gap" -r "$d/regions.csv" -p "$tmp/kg/population.csv" -s "$d/slots.csv" -t "$d/targets.csv" \
    -u "$d/takeup.csv" --costs "$d/costs.csv" --kindergarten "$kg" --carer-wage 5000 \
    --health-wage 6000 --rent 30 --other-running 2500 -o "$tmp/kg-gap" >"$out" 2>"$err" &&
    ok || { fail "ccap-gap on the report's inputs"; cat "$err"; }
if cmp -s "$tmp/kg/schedule.csv" "$tmp/kg-gap/schedule.csv"; then ok; else
    fail "the report's schedule.csv is not ccap-gap's"; diff "$tmp/kg/schedule.csv" "$tmp/kg-gap/schedule.csv" | head; fi
# some slots converted in the city, and each row's new slots are converted + built
awk -F, -v city="$city" 'NR > 1 { if ($4 != $5 + $7) bad = 1; if ($1 == city) conv += $5 }
    END { exit bad || conv <= 0 }' "$tmp/kg/schedule.csv" && ok || fail "no slots converted"
line=$(grep "running cost built up" "$out")
if [ -n "$line" ] && grep -qF "$line" "$tmp/kg-plan.out"; then ok; else
    fail "the running cost per slot differs from ccap-gap's: $line"; fi

# the scenario's [sources] note makes them published
{ cat "$tmp/kg.ini"; printf '\n[sources]\nkindergarten = published: the 2024 bulletin\n'; } >"$tmp/kg-src.ini"
expect_exit 0 --scenario "$tmp/kg-src.ini" -N 20 --no-charts -o "$tmp/kg-src"
expect_out "Published: 91.1% of the children aged 3-5 in kindergarten and 5,000 yuan to convert an idle kindergarten place into a 托班 slot (published: the 2024 bulletin)"

# 14. Help, version and usage errors.
expect_exit 0 --help
expect_out "Usage: ccap-plan"
expect_out "Examples:"
expect_exit 0 --version
expect_exit 2 --trajectories 0
expect_exit 2 --bogus
expect_exit 2 extra-argument

finish
