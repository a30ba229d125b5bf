#!/bin/sh
# Run ccap-gap as an analyst would: the known case of the per-1,000 arithmetic, the
# bundled Nanyang data with a projection made by ccap-project, help and usage errors, and
# data errors that name the file.
# usage: test-gap.sh CCAP_GAP CCAP_PROJECT SOURCE_DIR
set -u
program=$1
project=$2
src=$3
known="$src/tests/data/gap_known"
d="$src/examples/data/nanyang"
. "$(dirname "$0")/harness.sh"

# 1. Known case: 9,713,112 residents, 30,000 slots, target 4.1 per 1,000:
#    4.1 x 9,713,112 / 1000 = 39,823.7592 slots needed, gap 9,823.7592; whole slots are
#    rounded up: 39,824 and 9,824.
expect_exit 0 -r "$known/regions.csv" -p "$known/population.csv" -s "$known/slots.csv" \
    -t "$known/targets.csv" -o "$tmp/known"
expect_out "the target 4.1 needs 39,824: gap 9,824"
if awk -F, 'NR == 2 { d1 = $9 - 39823.7592; d2 = $10 - 9823.7592; p = $7 - 30000 / 9713.112
                      exit !(d1 * d1 < 1e-12 && d2 * d2 < 1e-12 && p * p < 1e-20) }' \
    "$tmp/known/gaps.csv"
then ok; else fail "known case: target slots, gap or per 1,000 wrong"; cat "$tmp/known/gaps.csv"; fi

# 2. Nanyang: project 2020-2035, then the gaps.
"$project" -r "$d/regions.csv" -p "$d/population_2020.csv" -d "$d/mortality.csv" \
    -f "$d/fertility.csv" -s "$d/srb.csv" --migration-rates "$d/migration_rates.csv" \
    -n 15 -o "$tmp/proj" > /dev/null || fail "ccap-project"
expect_exit 0 -r "$d/regions.csv" -p "$tmp/proj/population.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" -u "$d/takeup.csv" --costs "$d/costs.csv" --allocate 3000 --year 2025 \
    -o "$tmp/ny"
cat "$out"
expect_out "411300 南阳市, end of 2024:"
expect_out "411300 南阳市, end of 2025:"
expect_out "the target 4.1 needs"
expect_out "the target 4.5 needs"
expect_out "Over-build year:"
expect_out "411381 邓州市"
if [ "$(head -n 1 "$tmp/ny/gaps.csv")" = \
     "region,name,year,population,under3,slots,slots_per_1000,target_per_1000,target_slots,gap,demand_slots,demand_gap,per_1000_slots,per_1000_gap,enrolment_rate_target,enrolment_slots,enrolment_gap,inclusive_share_target,inclusive_slots,inclusive_gap,enrolled,utilisation,enrolment_rate,binding" ]
then ok; else fail "gaps.csv header"; fi
# every row: gap = target slots - slots, per 1,000 = 1000 slots / population
if awk -F, 'NR > 1 && $9 != "" { g = $9 - $6 - $10; if (g < 0) g = -g; if (g > 1e-6) bad = 1 }
            NR > 1 { r = 1000 * $6 / $4 - $7; if (r < 0) r = -r; if (r > 1e-9) bad = 1 }
            END { exit bad }' "$tmp/ny/gaps.csv"
then ok; else fail "gaps.csv rows are not consistent"; fi
# 17 regions x 15 years (2021-2035: the residents at the end of 2020 ... 2035 given)
if [ "$(($(wc -l < "$tmp/ny/gaps.csv") - 1))" -eq 255 ]; then ok; else fail "gaps.csv rows"; fi
# the allocation: whole slots, 3,000 in all (the 2025 shortfall is larger), the city the sum
if awk -F, 'NR > 1 && $1 != "411300" { s += $3; if ($3 != int($3)) bad = 1 }
            $1 == "411300" { city = $3; if ($2 != "南阳市") bad = 1 }
            END { exit bad || s != 3000 || city != 3000 }' "$tmp/ny/allocation.csv"
then ok; else fail "allocation.csv does not share 3,000 whole slots"; cat "$tmp/ny/allocation.csv"; fi
if [ -s "$tmp/ny/schedule.csv" ]; then ok; else fail "no schedule.csv"; fi
# Without --year the allocation closes the first year that can still be built: the slots
# of 2024 are the observed inventory, so 2025 (gap 3,697), not 2024 (gap 189), and the
# same 3,000 slots are shared as with --year 2025.
expect_exit 0 -r "$d/regions.csv" -p "$tmp/proj/population.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" -u "$d/takeup.csv" --costs "$d/costs.csv" --allocate 3000 -o "$tmp/ny-y"
expect_out "Allocation of 3,000 new slots at the end of 2025"
cmp -s "$tmp/ny/allocation.csv" "$tmp/ny-y/allocation.csv" && ok ||
    fail "the default allocation year is not 2025's"

# Running cost built up from staff and space: the city's planned slots at the end of 2025
# (workforce.csv) priced at 4,500 a carer and 5,500 a health worker a month, 30 yuan per m²
# and month and 3,000 per slot and year:
#   (12 (4,500 carers + 5,500 health staff + 30 m²) + 3,000 slots) / slots
# in place of costs.csv's 12,000.
expect_exit 0 -r "$d/regions.csv" -p "$tmp/proj/population.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" -u "$d/takeup.csv" --costs "$d/costs.csv" --carer-wage 4500 \
    --health-wage 5500 --rent 30 --other-running 3000 -o "$tmp/ny-staff"
want=$(awk -F, '$1 == "411300" && $3 == 2025 && $4 == "planned" {
    c = 12 * (4500 * $13 + 5500 * $14 + 30 * $15); t = c + 3000 * $5
    printf "%.0f yuan per slot and year, %.0f%% of it staff and rent", t / $5, 100 * c / t }' \
    "$tmp/ny-staff/workforce.csv" | sed 's/^\([0-9][0-9]\)\([0-9][0-9][0-9]\) /\1,\2 /')
expect_out "running cost built up from the staff and space of the slots at the end of 2025: $want (in place of the costs file's)"

# Take-up calibrated to enrolment: at the end of 2024 the city's 21,221 enrolled children,
# at 80 % full, need 21,221 / 0.8 = 26,526.25 slots (26,527 whole), the demand of gaps.csv;
# 37,776 before.  Its factor: 21,221 / (0.8 * 37,775.6) = 0.702.
expect_exit 0 -r "$d/regions.csv" -p "$tmp/proj/population.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" -u "$d/takeup.csv" --takeup-from-enrolment -o "$tmp/ny-enrolled"
expect_out "Take-up calibrated to the 21,221 children enrolled at the end of 2024 (411300 南阳市: take-up times 0.702), so that demand then is 26,527 slots at 80% full."
if awk -F, '$1 == "411300" && $3 == 2024 { d = $11 - 26526.25; found = 1; exit !(d * d < 1e-12) }
            END { if (!found) exit 1 }' "$tmp/ny-enrolled/gaps.csv"
then ok; else fail "calibrated demand of the city in 2024 is not 26,526.25"; fi
# every county's demand in 2024 is its own enrolled children / 0.8
if awk -F, 'NR > 1 && $3 == 2024 && $21 != "" { d = $11 - $21 / 0.8; if (d * d > 1e-12) bad++; n++ }
            END { exit !(n == 17 && !bad) }' "$tmp/ny-enrolled/gaps.csv"
then ok; else fail "a county's calibrated demand is not its enrolled / 0.8"; fi
expect_exit 1 -r "$d/regions.csv" -p "$tmp/proj/population.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" -u "$d/takeup.csv" --takeup-from-enrolment --from 2021 --to 2023 \
    -o "$tmp/ny-enrolled-none"
expect_err "$d/slots.csv: no region has children enrolled at the end of 2024 to calibrate take-up to"

# A plan of 100 new slots per county in 2025 and 150 in 2026 (16 counties: 1,600 and 2,400)
# closes the city's 2025 gap of about 3,600 only in 2026.
expect_exit 0 -r "$d/regions.csv" -p "$tmp/proj/population.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" --build "$src/tests/data/gap_builds.csv" -o "$tmp/plan"
expect_out "the city meets its target at the end of 2026"
if awk -F, '$1 == "411300" && $3 == 2026 { exit !($6 == 38573 + 4000) }' "$tmp/plan/gaps.csv"
then ok; else fail "planned slots not added: $(grep '^411300,南阳市,2026' "$tmp/plan/gaps.csv")"; fi
# A number that is not available is an empty cell, never "nan": without --takeup the demand
# columns are empty in every row, and so are the target columns of the years before the
# first target (targets.csv starts in 2024).
if awk -F, 'NR > 1 { n++; for (i = 4; i <= NF; i++) if ($i ~ /[nN][aA][nN]|inf/) bad = 1
                     if (NF != 24 || $11 != "" || $12 != "") bad = 1
                     if ($3 < 2024 && ($8 != "" || $9 != "" || $10 != "")) bad = 1
                     if ($3 < 2024) early++ }
            END { exit bad || n == 0 || early == 0 }' "$tmp/plan/gaps.csv"
then ok; else fail "gaps.csv: a value that is not available is not an empty cell"; head -3 "$tmp/plan/gaps.csv"; fi

# 2b. Targets of several kinds (tests/data/standards; hand arithmetic in
#     tests/test_targets.c): county A's enrolment target 0.18 of 4,500 children at
#     occupancy 0.8 needs 1,012.5 slots and binds over 4.5 per 1,000 (900); the city's
#     4.5 per 1,000 (2,025) binds over 0.15 of 9,900 children (1,856.25). The Chinese
#     file reads the same.
s3="$src/tests/data/standards"
for tf in targets.csv targets_zh.csv; do
    expect_exit 0 -r "$s3/regions.csv" -p "$s3/population.csv" -s "$s3/slots.csv" \
        -t "$s3/$tf" --to 2025 --force -o "$tmp/three"
    expect_out "the enrolment target 15.0% needs 1,857 (slots 80% full): gap 7"
    expect_out "the per-1,000 target binds: the plan builds for it"
    expect_out "Minimal build (schedule.csv): 438 new slots from 2025 to 2025"
    # observed: 1,335 of 1,850 slots in use (72.2%), 1,335 of 9,900 children (13.48%)
    expect_out "Observed at the end of 2024: 1,335 children enrolled, 72% of the slots in use, 13.5% of children under 3 in care"
    # columns as gaps.csv names them (region,name,year,...): one after the code is the name
    if awk -F, '$1 == "A" && $3 == 2024 { a = ($9 == 1012.5 && $10 == 112.5 && $13 == 900 &&
                                             $16 == 1012.5 && $24 == "enrolment_rate" &&
                                             $22 == 0.75 && $23 == 0.15) }
                $1 == "T" && $3 == 2024 { t = ($9 == 2025 && $24 == "slots_per_1000" &&
                                             $21 == 1335) }
                END { exit !(a && t) }' "$tmp/three/gaps.csv"
    then ok; else fail "$tf: binding targets in gaps.csv"; cat "$tmp/three/gaps.csv"; fi
done
# workforce.csv: county B's 500 slots held take 34 classes, 110 carers, 4 health staff and
# 1,506 m² by the 2019 standard (tests/test_workforce.c); the city needs its counties' sums.
expect_out "the 2,025 slots the targets need take 153 classes, 485 carers, 17 health staff"
if awk -F, '$1 == "B" && $3 == 2024 && $4 == "held" { b = ($12 == 34 && $13 == 110 &&
                                                          $14 == 4 && $15 == 1506) }
            END { exit !b }' "$tmp/three/workforce.csv"
then ok; else fail "workforce.csv: county B"; cat "$tmp/three/workforce.csv"; fi
# An inclusive-share target raises the inclusive share of the new slots above the
# inventory's 69 %: the city holds 1,850 slots, 1,270 inclusive, and builds 438 in 2025;
# at 0.7, (0.7 (1,850 + 438) - 1,270) / 438 = 331.6 / 438 = 75.7 % of them must be
# inclusive, and the central subsidy of 10,000 per new inclusive slot (gap_costs.csv) is
# 331.6 x 10,000 = 3,316,000; at 0.6 the inventory's share already meets it.
sed 's/^\*,2024,inclusive_share,0.6/*,2024,inclusive_share,0.7/' "$s3/targets.csv" > "$tmp/t7.csv"
expect_exit 0 -r "$s3/regions.csv" -p "$s3/population.csv" -s "$s3/slots.csv" \
    -t "$tmp/t7.csv" --costs "$src/tests/data/gap_costs.csv" --to 2025 -o "$tmp/incl"
expect_out "central subsidy for the 76% inclusive new slots 3,316,000"
expect_exit 0 -r "$s3/regions.csv" -p "$s3/population.csv" -s "$s3/slots.csv" \
    -t "$s3/targets.csv" --costs "$src/tests/data/gap_costs.csv" --to 2025 -o "$tmp/incl6"
expect_out "central subsidy for the 69% inclusive new slots"
# births by month: 36,000 of 66,000 in January to June put 6/11 = 54.5 % of the children
# aged 0 in 乳儿班's ages (one half without them), so county B's 500 slots held give more
# 乳儿班 places than the 89 of the half rule
expect_exit 0 -r "$s3/regions.csv" -p "$s3/population.csv" -s "$s3/slots.csv" \
    -t "$s3/targets.csv" --to 2025 --monthly-births "$s3/births_monthly.csv" -o "$tmp/months"
expect_out "54.5% of the children aged 0 are 6-12 months old, old enough for 乳儿班 (births by month of $s3/births_monthly.csv; one half if births were even)"
if awk -F, '$1 == "B" && $3 == 2024 && $4 == "held" { exit !($6 > 89) }' "$tmp/months/workforce.csv" &&
   awk -F, '$1 == "B" && $3 == 2024 && $4 == "held" { exit !($6 == 89) }' "$tmp/three/workforce.csv"
then ok; else fail "--monthly-births: 乳儿班 places did not rise above the half rule's 89"; fi
# a province's own standard: carers of 1:2 in 托小班 need more carers than 1:5
sed 's/^toddler,15,5,/toddler,15,2,/' "$src/examples/data/national/childcare_standard_2019.csv" \
    > "$tmp/province.csv"
expect_exit 0 -r "$s3/regions.csv" -p "$s3/population.csv" -s "$s3/slots.csv" \
    -t "$s3/targets.csv" --to 2025 --standard "$tmp/province.csv" -o "$tmp/province"
expect_out "Workforce (workforce.csv; $tmp/province.csv)"
if awk -F, '$1 == "B" && $3 == 2024 && $4 == "held" { exit !($13 > 110) }' \
    "$tmp/province/workforce.csv"
then ok; else fail "--standard: carers did not change"; fi
expect_exit 1 -r "$s3/regions.csv" -p "$s3/population.csv" -s "$s3/slots.csv" \
    -t "$s3/targets.csv" --standard "$src/tests/data/bad/ws_ratio_zero.csv" -o "$tmp/bad"
expect_err "ws_ratio_zero.csv:3: children_per_carer: 0 is not positive"
# budget.csv: who pays for the 2025 build (tests/test_payers.c has the arithmetic): fees
# 12 x 1,000 a month for 0.8 of the 2,288 slots run = 21,964,800; 育儿补贴 3,600 x 0.6 x
# 9,900 children under 3 = 21,384,000; and the payers together pay capital + running +
# 育儿补贴.
printf 'provider,capital_per_slot,running_per_slot_year,subsidy_per_inclusive_slot\n*,20000,12000,10000\n' \
    > "$tmp/costs.csv"
expect_exit 0 -r "$s3/regions.csv" -p "$s3/population.csv" -s "$s3/slots.csv" \
    -t "$s3/targets.csv" --to 2025 --costs "$tmp/costs.csv" --fee 1000 \
    --operating-subsidy 300 --registered-share 0.6 -o "$tmp/budget"
expect_out "Who pays, 2025-2025 (budget.csv; present values, yuan): central"
if awk -F, '$1 == 2025 { d = $2 + $3 + $4 + $5 - ($6 + $11 + $8); if (d < 0) d = -d
                         ok = ($10 == 21964800 && $8 == 21384000 && d < 1e-6) }
            END { exit !ok }' "$tmp/budget/budget.csv"
then ok; else fail "budget.csv"; cat "$tmp/budget/budget.csv"; fi

# --ramp: 4.5 per 1,000 in 2024 and 6 in 2027 give 5.0 in 2025 (4.5 by steps)
expect_exit 0 -r "$s3/regions.csv" -p "$s3/population.csv" -s "$s3/slots.csv" \
    -t "$s3/targets.csv" --to 2025 --ramp -o "$tmp/ramp"
if awk -F, '$1 == "B" && $2 == 2025 { exit !($7 == 5 && $12 == 750) }' "$tmp/ramp/gaps.csv"
then ok; else fail "--ramp: B 2025"; grep '^B,' "$tmp/ramp/gaps.csv"; fi

# 3. Help, usage, data errors.
expect_exit 0 --help
expect_out "Usage: ccap-gap"
expect_out "Example"
expect_exit 0 --version
expect_exit 2
expect_exit 2 -r "$d/regions.csv" -p "$d/population_2020.csv" -s "$d/slots.csv" -o "$tmp/x"
expect_exit 2 -r "$d/regions.csv" -p "$d/population_2020.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" -o "$tmp/x" --allocate 2.5
expect_exit 2 -r "$d/regions.csv" -p "$d/population_2020.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" -o "$tmp/x" --objective fair
expect_exit 2 -r "$d/regions.csv" -p "$d/population_2020.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" -o "$tmp/x" --occupancy 1.5
# a reversed range of years is a usage error that names both ends, before any file is read
expect_exit 2 -r "$d/regions.csv" -p "$tmp/proj/population.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" -o "$tmp/x" --from 2030 --to 2025
expect_err "--from 2030 is after --to 2025"
[ ! -e "$tmp/x" ] && ok || fail "--from 2030 --to 2025 wrote $tmp/x"
# Occupancy: the scenario's range [0.1, 1] on the command line too.
expect_exit 2 -r "$d/regions.csv" -p "$d/population_2020.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" -o "$tmp/x" --occupancy 1e-5
# Slots and targets no city has are refused where they are read, naming the line, not
# found out later as an infinite gap.
sed '3s/,[0-9.]*,\([0-9]*\)$/,1e15,\1/' "$d/slots.csv" > "$tmp/slots_huge.csv"
expect_exit 1 -r "$d/regions.csv" -p "$d/population_2020.csv" -s "$tmp/slots_huge.csv" \
    -t "$d/targets.csv" -o "$tmp/x"
expect_err "slots_huge.csv:3: slots: 1e15 is outside [0, 10^12] slots"
sed '3s/,[0-9.]*$/,1e308/' "$d/targets.csv" > "$tmp/targets_huge.csv"
expect_exit 1 -r "$d/regions.csv" -p "$d/population_2020.csv" -s "$d/slots.csv" \
    -t "$tmp/targets_huge.csv" -o "$tmp/x"
expect_err "targets_huge.csv:3: slots_per_1000: 1e308 is outside [0, 1000]"
expect_exit 1 -r "$d/regions.csv" -p "$d/population_2020.csv" -s "$src/tests/data/bad/negative.csv" \
    -t "$d/targets.csv" -o "$tmp/x"
expect_err "negative.csv:1:"

# Kindergarten places (an invented test table: 90 % of each county's children aged 3-5 at
# the end of 2020, in hundreds): the schedule takes converted 托班 slots first.  Every row
# of schedule.csv: new_slots = converted + built, 5,000 yuan a converted slot (the
# default) and 20,000 a new one (the '*' row of costs.csv).
kg="$src/tests/data/kindergarten_nanyang.csv"
expect_exit 0 -r "$d/regions.csv" -p "$tmp/proj/population.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" -u "$d/takeup.csv" --costs "$d/costs.csv" --kindergarten "$kg" \
    -o "$tmp/kg"
expect_out "Kindergartens ($kg): at the end of 2025, "
expect_out "places (91.1% enrolled)"
if [ "$(head -n 1 "$tmp/kg/schedule.csv")" = \
     "region,name,year,new_slots,converted,conversion_cost,built,build_cost" ]
then ok; else fail "schedule.csv header with --kindergarten"; fi
if awk -F, 'NR > 1 { if ($4 != $5 + $7 || $6 != 5000 * $5 || $8 != 20000 * $7) bad = 1
                     if ($1 == "411300") conv += $5 }
            END { exit bad || conv <= 0 }' "$tmp/kg/schedule.csv"
then ok; else fail "schedule.csv: converted and built do not add up"; cat "$tmp/kg/schedule.csv"; fi
# the same schedule as without kindergartens
if cut -d, -f1-4 "$tmp/kg/schedule.csv" | cmp -s - "$tmp/ny/schedule.csv"; then ok; else
    fail "--kindergarten changed new_slots"; fi
# the parameters: 8,000 yuan a converted slot, every child aged 3-5 in kindergarten
expect_exit 0 -r "$d/regions.csv" -p "$tmp/proj/population.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" -u "$d/takeup.csv" --costs "$d/costs.csv" --kindergarten "$kg" \
    --kindergarten-enrolment 1 --conversion-cost 8000 -o "$tmp/kg2"
expect_out "places (100.0% enrolled)"
if awk -F, 'NR > 1 && $6 != 8000 * $5 { bad = 1 } END { exit bad }' "$tmp/kg2/schedule.csv"
then ok; else fail "--conversion-cost 8000 not applied"; fi
expect_exit 2 -r "$d/regions.csv" -p "$tmp/proj/population.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" --conversion-cost 8000 -o "$tmp/kg3"
expect_err "--kindergarten-enrolment and --conversion-cost go with --kindergarten"
# a bad kindergarten file names its line and field
printf '区县代码,年份,学位数\n411302,2024,26400\n411303,2024,-40\n' >"$tmp/kg_negative.csv"
expect_exit 1 -r "$d/regions.csv" -p "$tmp/proj/population.csv" -s "$d/slots.csv" \
    -t "$d/targets.csv" --kindergarten "$tmp/kg_negative.csv" -o "$tmp/kgbad"
expect_err "kg_negative.csv:3: places: negative value -40"

finish
