#!/bin/sh
# Run ccap-access as an analyst would: the hand case of tests/data/access (2SFCA, the
# numbers of tests/test_access.c), the bundled synthetic district into the page with the
# map and the desert table, and errors that name FILE:LINE.
# usage: test-access.sh CCAP_ACCESS SOURCE_DIR
set -u
program=$1
src=$2
h="$src/tests/data/access"
d="$src/examples/data/access-demo"
. "$(dirname "$0")/harness.sh"

# 1. The hand case: A1 0.4 + 20/180 = 0.5111 slots per child, A2 20/180 + 12/150 =
#    0.1911 (a desert), A3 12/150 = 0.08 (a desert): 150 of 270 children in deserts.
expect_exit 0 -p "$h/providers.csv" -a "$h/areas.csv" -t "$h/times.csv" -c 15 -o "$tmp/hand"
expect_out "Deserts (more than 3 children per slot within reach): 2 areas, 150 children (55.6%)."
if awk -F, 'NR == 1 { ok = $7 == "access_per_child" && $9 == "desert" }
            NR == 2 { d = $7 - (0.4 + 20 / 180); ok = ok && d * d < 1e-24 && $9 == "no" && $10 == "J1" }
            NR == 3 { d = $7 - (20 / 180 + 0.08); ok = ok && d * d < 1e-24 && $9 == "yes" }
            NR == 4 { d = $7 - 0.08; ok = ok && d * d < 1e-24 && $8 == 12.5 && $5 == 12 }
            END { exit !(ok && NR == 4) }' "$tmp/hand/access.csv"
then ok; else fail "hand case: access.csv differs"; cat "$tmp/hand/access.csv"; fi

# Children of 2030 from a projection's summary: A11's 240 shared as 160 and 80, B12's 45 to
# A3; R1 = 48/160 = 0.3, R2 = 20/240, R3 = 12/125 = 0.096: A1 0.3833, A2 0.1793, A3 0.096.
expect_exit 0 -p "$h/providers.csv" -a "$h/areas.csv" -t "$h/times.csv" -c 15 \
    --under3 "$h/summary.csv" --year 2030 -o "$tmp/y2030"
expect_err "children under 3 at the end of 2030 shared out among the areas of 2 counties"
if awk -F, 'NR == 2 { d = $7 - (0.3 + 20 / 240); ok = $4 == 160 && d * d < 1e-24 }
            NR == 3 { ok = ok && $4 == 80 && $9 == "yes" }
            NR == 4 { d = $7 - 0.096; ok = ok && $4 == 45 && d * d < 1e-24 }
            END { exit !(ok && NR == 4) }' "$tmp/y2030/access.csv"
then ok; else fail "2030: access.csv differs"; cat "$tmp/y2030/access.csv"; fi
expect_exit 2 -p "$h/providers.csv" -a "$h/areas.csv" -t "$h/times.csv" -c 15 \
    --under3 "$h/summary.csv" -o "$tmp/bad"
expect_err "--under3 and --year go together"

# 2. The bundled synthetic district, with two sites chosen among the candidates.
expect_exit 0 -p "$d/providers.csv" -a "$d/areas.csv" -t "$d/times.csv" -c 15 \
    --candidates "$d/candidates.csv" --sites 2 --site-slots 60 \
    --boundaries "$d/boundaries.geojson" -o "$tmp/demo"
expect_out "Where to build"
expect_err "warning: $d/times.csv: 4 of 30 areas reach no provider within 15 minutes"
for f in access.csv access_summary.txt access.html build.csv access_after.csv; do
    if [ -s "$tmp/demo/$f" ]; then ok; else fail "demo: $f missing"; fi
done
if grep -q "<svg" "$tmp/demo/access.html" && grep -q "Deserts by area" "$tmp/demo/access.html" &&
   grep -q "#d7301f" "$tmp/demo/access.html"
then ok; else fail "demo: access.html has no map or desert table"; fi
# the 30 outlines, drawn once on each of the two maps (before and after building)
if [ "$(grep -c '<path d="M' "$tmp/demo/access.html")" -eq 60 ]; then ok; else
    fail "demo: the outlines of boundaries.geojson are not all drawn"; fi
if grep -q "nan" "$tmp/demo/access.csv" "$tmp/demo/access_after.csv" "$tmp/demo/build.csv"
then fail "demo: nan in a CSV"; else ok; fi
# The same run in Chinese: the summary, the page and the library's warning
expect_exit 0 --lang zh -p "$d/providers.csv" -a "$d/areas.csv" -t "$d/times.csv" -c 15 \
    --candidates "$d/candidates.csv" --sites 2 --site-slots 60 -o "$tmp/demo-zh"
expect_out "30 个片区，3 岁以下婴幼儿 5,484 名，托位 2,190 个，分布于 14 家机构。"
expect_out "荒漠中婴幼儿: 新建前 2,233，新建后 2,035（access_after.csv）。"
expect_out "已写入 $tmp/demo-zh/access.csv、access_summary.txt、access.html、build.csv、access_after.csv"
expect_err "警告：$d/times.csv: 4 个片区（共 30 个）在 15 分钟内无可达机构，第一个为“S01” (Community 1)"
if grep -q '<html lang="zh-CN">' "$tmp/demo-zh/access.html" &&
   grep -q "<title>托育可达性</title>" "$tmp/demo-zh/access.html"
then ok; else fail "demo: the Chinese page is not in Chinese"; fi
cmp -s "$tmp/demo/access.csv" "$tmp/demo-zh/access.csv" && ok ||
    fail "demo: access.csv differs with --lang zh"
# straight lines at 20 km/h
expect_exit 0 -p "$d/providers.csv" -a "$d/areas.csv" --speed 20 -c 15 --method e2sfca \
    -o "$tmp/line"
expect_out "E2SFCA within 15 minutes (straight lines)"

# 3. Errors: an unknown area in the time matrix, usage mistakes.
expect_exit 1 -p "$h/providers.csv" -a "$h/areas.csv" \
    -t "$src/tests/data/bad/acc_times_unknown_area.csv" -c 15 -o "$tmp/bad"
expect_err "acc_times_unknown_area.csv:4: area: unknown area 'A9'"
expect_exit 1 -p "$h/providers.csv" -a "$h/areas.csv" -t "$h/times.csv" -c 15 \
    --boundaries "$h/bad_trailing_comma.geojson" -o "$tmp/bad"
expect_err "bad_trailing_comma.geojson:3: a comma before ']'"
expect_exit 2 -p "$h/providers.csv" -a "$h/areas.csv" -c 15 -o "$tmp/bad"
expect_err "give either --times or --speed"
expect_exit 0 --help
expect_out "2SFCA"
finish
