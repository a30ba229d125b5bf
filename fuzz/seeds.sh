#!/bin/sh
# Print the seed files of one fuzz target, one path per line: the bundled Nanyang data,
# the test data of that kind, the bad-input corpus entries of that kind
# (tests/data/bad/manifest.txt) and the saved findings in fuzz/regressions/TARGET/.
#
#   sh fuzz/seeds.sh TARGET [SOURCE_ROOT]
set -eu
target=$1
root=${2:-$(cd "$(dirname "$0")/.." && pwd)}
ny=$root/examples/data/nanyang
td=$root/tests/data

case "$target" in
    regions)    good="$ny/regions.csv $td/regions.csv $td/wpp2019/regions.csv $td/gap_known/regions.csv" ;;
    population) good="$ny/population_2020.csv $td/pop5.csv $td/pop5_excel.csv $td/wpp2019/population_2015.csv $td/gap_known/population.csv" ;;
    margins)    good="$ny/margins.csv $td/margins.csv" ;;
    mortality)  good="$ny/mortality.csv $td/mortality.csv $td/wpp2019/mortality.csv" ;;
    fertility)  good="$ny/fertility.csv $td/fertility.csv $td/wpp2019/fertility.csv" ;;
    srb)        good="$ny/srb.csv $td/srb.csv $td/wpp2019/srb.csv" ;;
    migration)  good="$ny/migration_rates.csv $td/migration.csv $td/wpp2019/migration.csv" ;;
    slots)      good="$ny/slots.csv $td/cc_slots.csv $td/cc_slots_flags.csv $td/gap_known/slots.csv" ;;
    targets)    good="$ny/targets.csv $td/cc_targets.csv $td/gap_known/targets.csv" ;;
    takeup)     good="$ny/takeup.csv $td/cc_takeup.csv $td/cc_takeup_all.csv" ;;
    caps)       good="$td/gap_caps.csv" ;;
    costs)      good="$ny/costs.csv $td/gap_costs.csv" ;;
    builds)     good="$td/gap_builds.csv" ;;
    vitals)     good="$td/vitals.csv $td/vitals_nanyang.csv" ;;
    acc_providers) good="$td/access/providers.csv $root/examples/data/access-demo/providers.csv" ;;
    acc_areas)  good="$td/access/areas.csv $root/examples/data/access-demo/areas.csv" ;;
    acc_times)  good="$td/access/times.csv" ;;
    scenario)   good="$ny/nanyang.ini $td/scen_full.ini $td/scen_comments.ini $td/scen_empty_sections.ini" ;;
    *) echo "seeds.sh: unknown target '$target'" >&2; exit 2 ;;
esac

for f in $good; do
    echo "$f"
done
awk -v k="$target" -v d="$td/bad" '!/^#/ && $2 == k { print d "/" $1 }' "$td/bad/manifest.txt"
if [ -d "$root/fuzz/regressions/$target" ]; then
    find "$root/fuzz/regressions/$target" -type f | LC_ALL=C sort
fi
