#!/bin/sh
# The bundled Nanyang assumptions: rebuild them from their sources with nanyang-inputs and
# compare with the committed files; then project 2020 -> 2035 with ccap-project and check
# the calibration targets: births in calendar 2024 within 5% of the published 65,000 and
# the population at the end of 2024 (9,454,000).
# usage: test-nanyang.sh NANYANG_INPUTS CCAP_PROJECT SOURCE_DIR
set -u
inputs=$1
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
if "$inputs" "$d" "$src/examples/data/wpp" "$tmp" > "$tmp/report.txt"; then ok; else fail "nanyang-inputs"; fi
cat "$tmp/report.txt"
for f in mortality.csv fertility.csv srb.csv migration_rates.csv; do
    if awk -F, 'NR == FNR { row[FNR] = $0; n = FNR; next }
        { split(row[FNR], e, ","); m = FNR
          for (i = 1; i < NF; i++) if ($i != e[i]) bad = 1
          x = $NF + 0; y = e[NF] + 0; dd = x - y; if (dd < 0) dd = -dd
          s = y < 0 ? -y : y; if (dd > 1e-9 * s + 1e-300) bad = 1 }
        END { exit bad || m != n }' "$d/$f" "$tmp/$f"
    then ok; else fail "$f differs from its rebuild"; fi
done
if grep -q "calendar 2024: births 65000 (published 65000)" "$tmp/report.txt" &&
   grep -q "population at the end of 2024: 9454000 (published 9454000)" "$tmp/report.txt"
then ok; else fail "calibration targets not met"; fi

# 2. Project 2020 -> 2035 from the bundled files.
if "$project" -r "$d/regions.csv" -p "$d/population_2020.csv" -d "$d/mortality.csv" \
    -f "$d/fertility.csv" -s "$d/srb.csv" --migration-rates "$d/migration_rates.csv" \
    -n 15 -o "$tmp/out" > "$tmp/project.txt"; then ok; else fail "ccap-project on Nanyang"; fi
cat "$tmp/project.txt"
# births in calendar 2024 = 10/12 of the step from 2023-11-01 + 2/12 of the step from 2024-11-01
if awk -F, '$1 == "411300" && $2 == 2023 { b += $4 * 10 / 12 }
            $1 == "411300" && $2 == 2024 { b += $4 * 2 / 12 }
            END { printf "Nanyang births in calendar 2024: %.0f\n", b
                  r = (b - 65000) / 65000; if (r < 0) r = -r; exit !(r < 0.05) }' \
    "$tmp/out/births.csv"
then ok; else fail "births 2024 not within 5% of 65,000"; fi
if [ "$(awk -F, '$1 == "411300"' "$tmp/out/summary.csv" | wc -l)" -eq 16 ]; then ok; else
    fail "summary.csv lacks the years 2020-2035"; fi

# 3. The same population as Excel on a Chinese Windows saves it: Chinese headers, 女/男,
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
