#!/bin/sh
# The bundled Nanyang base population and assumptions: rebuild them from the published
# figures with ccap-calibrate and compare with the committed files; check calibration.csv
# against every published figure; project 2020 -> 2035 with ccap-project and check that
# the births follow the fertility path (no rebound made by the method).
# usage: test-nanyang.sh CCAP_CALIBRATE CCAP_PROJECT SOURCE_DIR
set -u
calibrate=$1
project=$2
src=$3
d="$src/examples/data/nanyang"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# 1. Rebuild: the same rows, numbers equal to 1e-9 relative (another libm may round the
#    last digit of a double differently).
if "$calibrate" --regions "$d/regions.csv" --margins "$d/margins.csv" --vitals "$d/vitals.csv" \
    --slots "$d/slots.csv" --targets "$d/targets.csv" --takeup "$d/takeup.csv" \
    --costs "$d/costs.csv" -o "$tmp/cal" > "$tmp/report.txt" 2> "$tmp/report.err"
then ok; else fail "ccap-calibrate"; cat "$tmp/report.err"; fi
cat "$tmp/report.txt" "$tmp/report.err"
for f in population_2020.csv:population.csv mortality.csv:mortality.csv \
         fertility.csv:fertility.csv srb.csv:srb.csv migration_rates.csv:migration_rates.csv; do
    if awk -F, 'NR == FNR { row[FNR] = $0; n = FNR; next }
        { m = FNR; split(row[FNR], e, ",")
          for (i = 1; i <= NF; i++) {
              if ($i == e[i]) continue
              x = $i + 0; y = e[i] + 0; dd = x - y; if (dd < 0) dd = -dd
              s = y < 0 ? -y : y; if (dd > 1e-9 * s + 1e-300 || $i !~ /^-?[0-9]/) bad = 1 } }
        END { exit bad || m != n }' "$d/${f%%:*}" "$tmp/cal/${f#*:}"
    then ok; else fail "${f%%:*} differs from its rebuild"; fi
done
# The scenario names the files it wrote and the childcare files given.
for key in "population = population.csv" "migration_rates = migration_rates.csv" "observed = 2024" \
           "slots = $d/slots.csv" "years = 15"; do
    if grep -qF "$key" "$tmp/cal/scenario.ini"; then ok; else fail "scenario.ini lacks '$key'"; fi
done

# 2. calibration.csv meets every published figure the projection can give: births within
#    1 %, deaths within 2 %, year-end populations within 0.1 % (the fitted ones to 1e-9);
#    births before the census made the base's children ("base"), the 2019 population is a
#    pre-census estimate ("unused").
if awk -F, 'NR == 1 { if ($0 != "region,year,measure,published,model,difference,relative,use") bad = 1; next }
    { n++; use[$8]++ }
    $8 == "fitted" || $8 == "checked" {
        r = $7 < 0 ? -$7 : $7
        lim = $3 == "births" ? 0.01 : $3 == "deaths" ? 0.02 : 0.001
        if (r > lim || $5 == "") { print "off: " $0; bad = 1 } }
    $8 == "fitted" { r = $7 < 0 ? -$7 : $7; if (r > 1e-9) { print "not fitted: " $0; bad = 1 } }
    END { exit bad || n != 10 || use["fitted"] != 4 || use["base"] != 4 || use["unused"] != 1 }' \
    "$tmp/cal/calibration.csv"
then ok; else fail "calibration.csv"; cat "$tmp/cal/calibration.csv"; fi

# 3. Project 2020 -> 2035 from the bundled files.
if "$project" -r "$d/regions.csv" -p "$d/population_2020.csv" -d "$d/mortality.csv" \
    -f "$d/fertility.csv" -s "$d/srb.csv" --migration-rates "$d/migration_rates.csv" \
    -n 15 -o "$tmp/out" > "$tmp/project.txt"; then ok; else fail "ccap-project on Nanyang"; fi
cat "$tmp/project.txt"
# births in calendar 2024 as summary.csv gives them (the calendar rule of every output:
# the shares of the steps from 2023-11-01 and 2024-11-01 on their own dates) are the
# published 65,000, deaths the published 82,500 and the population at the end of 2024 the
# published 9,454,000, to the rounding of the fit
if awk -F, '$1 == "411300" && $2 == 2024 { b = $4; d = $5; p = $3 }
            END { printf "Nanyang in calendar 2024: births %.6f, deaths %.6f, population at the end %.6f\n", b, d, p
                  exit !(b > 64999.99 && b < 65000.01 && d > 82499.99 && d < 82500.01 &&
                         p > 9453999.99 && p < 9454000.01) }' "$tmp/out/summary.csv"
then ok; else fail "calendar 2024 not as published"; fi
# summary.csv: 15 years reach the end of 2035 (16 steps from 2020-11-01), so the calendar
# years 2021-2035; population.csv: the residents at the end of 2020 ... 2035, on
# 1 January after, and at the end of 2024 the summary's 9,454,000
if [ "$(awk -F, '$1 == "411300"' "$tmp/out/summary.csv" | wc -l)" -eq 15 ] &&
   [ "$(awk -F, '$1 == "411300" { print $2 }' "$tmp/out/summary.csv" | sed -n '1p;$p' | tr '\n' ' ')" = "2021 2035 " ]
then ok; else fail "summary.csv lacks the calendar years 2021-2035"; fi
if [ "$(awk -F, 'NR > 1 { print $3 "," $7 }' "$tmp/out/population.csv" | sort -u | sed -n '1p;$p' | tr '\n' ' ')" = "2020,2021-01-01 2035,2036-01-01 " ] &&
   awk -F, '$1 == "411300" && $3 == 2024 { p += $6 }
            END { printf "population.csv, end of 2024: %.6f\n", p; exit !(p > 9453999.99 && p < 9454000.01) }' "$tmp/out/population.csv"
then ok; else fail "population.csv is not the residents at the end of 2020-2035"; fi
# No rebound made by the method: from calendar 2025 to 2034 the births grow by no more
# than the TFR of those years (from the report's table) plus 5 points.  (With a raked base and the Rogers-Castro profile
# they grew 18.5 % against a TFR path of +7.4 %.)
if awk -F, '$1 == "411300" && $2 == 2025 { b0 = $4 } $1 == "411300" && $2 == 2034 { b1 = $4 }
    END { print b0, b1 }' "$tmp/out/summary.csv" > "$tmp/births.txt" &&
   awk '$1 == 2025 && NF == 5 && !t0 { t0 = $2 } $1 == 2034 && NF == 5 && !t1 { t1 = $2 }
        END { print t0, t1 }' "$tmp/report.txt" > "$tmp/tfr.txt" &&
   read b0 b1 < "$tmp/births.txt" && read t0 t1 < "$tmp/tfr.txt" &&
   awk -v b0="$b0" -v b1="$b1" -v t0="$t0" -v t1="$t1" 'BEGIN {
        printf "births 2025 -> 2034: %+.1f %%, TFR 2025 -> 2034: %+.1f %%\n",
               100 * (b1 / b0 - 1), 100 * (t1 / t0 - 1)
        exit !(b0 > 0 && t0 > 0 && b1 / b0 - t1 / t0 < 0.05) }'
then ok; else fail "births grow faster than the TFR explains"; fi

# 4. The same population as Excel on a Chinese Windows saves it: Chinese headers, 女/男,
#    ages 0岁 ... 100岁及以上, GB18030 bytes.  Read with one warning naming the file, it gives
#    the projection of the UTF-8 file byte for byte.
awk -F, 'BEGIN { OFS = "," }
    NR == 1 { print "地区,年份,性别,年龄,人口,日期"; next }
    { $3 = $3 == "female" ? "女" : "男"
      $4 = $4 ~ /\+$/ ? substr($4, 1, length($4) - 1) "岁及以上" : $4 "岁"
      print }' "$d/population_2020.csv" > "$tmp/population_zh.csv"
if iconv -f UTF-8 -t GB18030 "$tmp/population_zh.csv" > "$tmp/population_gb18030.csv" &&
    ! cmp -s "$tmp/population_zh.csv" "$tmp/population_gb18030.csv"; then ok; else
    fail "cannot make the GB18030 copy"; fi
if "$project" -r "$d/regions.csv" -p "$tmp/population_gb18030.csv" -d "$d/mortality.csv" \
    -f "$d/fertility.csv" -s "$d/srb.csv" --migration-rates "$d/migration_rates.csv" \
    -n 15 -o "$tmp/out_gb" > /dev/null 2> "$tmp/gb.err"; then ok; else
    fail "ccap-project on the GB18030 copy"; cat "$tmp/gb.err"; fi
cat "$tmp/gb.err"
if [ "$(grep -c '^warning: .*population_gb18030.csv: not UTF-8: read as GB18030' "$tmp/gb.err")" -eq 1 ] &&
    [ "$(wc -l < "$tmp/gb.err")" -eq 1 ]; then ok; else fail "not exactly one warning naming the file"; fi
for f in population.csv births.csv summary.csv; do
    if cmp -s "$tmp/out/$f" "$tmp/out_gb/$f"; then ok; else fail "$f differs with the GB18030 input"; fi
done
# Asked for UTF-8, the same file is refused at its first byte.
if "$project" -r "$d/regions.csv" -p "$tmp/population_gb18030.csv" -d "$d/mortality.csv" \
    -f "$d/fertility.csv" -s "$d/srb.csv" --migration-rates "$d/migration_rates.csv" \
    -n 15 --encoding utf-8 -o "$tmp/out_utf8" > /dev/null 2> "$tmp/utf8.err"; then
    fail "--encoding utf-8 accepted a GB18030 file"
elif grep -q 'population_gb18030.csv:1: byte 0xB5 at offset 0 is not valid UTF-8' "$tmp/utf8.err"; then ok
else fail "--encoding utf-8: $(cat "$tmp/utf8.err")"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
