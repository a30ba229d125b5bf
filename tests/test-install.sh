#!/bin/sh
# Install into a scratch directory, then build the README's program against the installed
# library through pkg-config, shared and static, and run it on the bundled region table.
# With PROGRAMS true (-Dprograms, the default), also every program, its manual page and
# the bundled data.
# usage: test-install.sh BUILD_DIR SOURCE_DIR CC [PROGRAMS]
set -eu
build=$1
src=$2
cc=$3
programs=${4:-true}
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

meson install -C "$build" --no-rebuild --quiet --destdir "$dest" >/dev/null
pc=$(find "$dest" -name ccap.pc | head -n 1)
[ -n "$pc" ] || { echo "FAIL: ccap.pc not installed"; exit 1; }
export PKG_CONFIG_PATH="$(dirname "$pc")"
export PKG_CONFIG_SYSROOT_DIR="$dest"
grep -q '^Requires.private:.*gsl' "$pc" || { echo "FAIL: gsl is not under Requires.private"; exit 1; }

# The program shown in README.md, taken from it so that the README cannot rot.
sed -n '/<!-- readme-program:begin -->/,/<!-- readme-program:end -->/p' "$src/README.md" |
    grep -v '^<!--' | grep -v '^```' > "$dest/hello.c"
libdir=$(dirname "$(dirname "$pc")")

$cc "$dest/hello.c" $(pkg-config --cflags --libs ccap) -o "$dest/hello"
out=$(LD_LIBRARY_PATH="$libdir" "$dest/hello" "$src/examples/data/nanyang/regions.csv")
echo "shared: $out"
[ "$out" = "17 regions; libccap $(pkg-config --modversion ccap)" ] || { echo "FAIL: unexpected output"; exit 1; }

$cc "$dest/hello.c" $(pkg-config --cflags ccap) "$libdir/libccap.a" \
    $(pkg-config --static --libs-only-other --libs-only-l ccap | sed 's/-lccap//') -o "$dest/hello-static"
out=$("$dest/hello-static" "$src/examples/data/nanyang/regions.csv")
echo "static: $out"
case "$out" in "17 regions;"*) ;; *) echo "FAIL: static build"; exit 1 ;; esac

# The plan program of README.md: the bundled scenario through ccap_plan_run().
sed -n '/<!-- readme-plan:begin -->/,/<!-- readme-plan:end -->/p' "$src/README.md" |
    grep -v '^<!--' | grep -v '^```' > "$dest/plan.c"
$cc "$dest/plan.c" $(pkg-config --cflags --libs ccap) -o "$dest/plan"
out=$(LD_LIBRARY_PATH="$libdir" "$dest/plan" "$src/examples/data/nanyang/nanyang.ini")
echo "plan: $out"
case "$out" in "births in 2024: "*"; end of 2025: gap "*" slots, "*" to build") ;;
    *) echo "FAIL: the README's plan program"; exit 1 ;; esac
LD_LIBRARY_PATH="$libdir" "$dest/plan" "$dest/none.ini" 2>/dev/null &&
    { echo "FAIL: the plan program ran without a scenario"; exit 1; }

# Headers and programs are installed too.
[ -f "$(find "$dest" -path '*include/ccap/ccap_version.h' | head -n 1)" ] || { echo "FAIL: ccap_version.h"; exit 1; }
programs_list="ccap-inspect ccap-base ccap-calibrate ccap-project ccap-gap ccap-simulate ccap-plan ccap-bench"
if [ "$programs" = true ]; then
    # Every program, with its manual page, and the bundled data.
    for p in $programs_list; do
        [ -x "$(find "$dest" -path "*bin/$p" | head -n 1)" ] || { echo "FAIL: $p not installed"; exit 1; }
        [ -f "$(find "$dest" -path "*man1/$p.1" | head -n 1)" ] || { echo "FAIL: $p.1 not installed"; exit 1; }
    done
    [ -f "$(find "$dest" -path '*share/ccap/data/nanyang/margins.csv' | head -n 1)" ] || { echo "FAIL: Nanyang data"; exit 1; }
elif find "$dest" -path '*bin/ccap-*' | grep -q .; then
    echo "FAIL: programs installed with -Dprograms=false"; exit 1
fi
# No installed program or library holds a path of the source or build tree: installed, they
# find their data under the prefix only (the build tree's copy is found at run time).
for f in $(find "$dest" -type f \( -path '*/bin/*' -o -name 'libccap.so*' -o -name 'libccap.a' \)); do
    for tree in "$src" "$build"; do
        abs=$(cd "$tree" && pwd -P)
        for p in "$tree" "$abs"; do
            if grep -a -F -q -- "$p" "$f"; then
                echo "FAIL: ${f#"$dest"} holds the path $p"; exit 1
            fi
        done
    done
done
# The small examples are never installed.
for p in allocate_slots compute_gap population_totals project_population run_simulation run_plan; do
    [ -z "$(find "$dest" -name "$p")" ] || { echo "FAIL: example $p installed"; exit 1; }
done
# The national default assumptions, standard.csv installed from the WPP folder under its new name.
national=$(find "$dest" -type d -path '*share/ccap/national' | head -n 1)
[ -n "$national" ] || { echo "FAIL: share/ccap/national not installed"; exit 1; }
for f in mortality.csv fertility.csv srb.csv standard.csv README.md; do
    [ -f "$national/$f" ] || { echo "FAIL: national/$f not installed"; exit 1; }
done
for f in mortality.csv fertility.csv srb.csv README.md; do
    cmp -s "$national/$f" "$src/examples/data/national/$f" || { echo "FAIL: national/$f differs"; exit 1; }
done
cmp -s "$national/standard.csv" "$src/examples/data/wpp/standard_china_2020.csv" ||
    { echo "FAIL: national/standard.csv is not the WPP standard"; exit 1; }
echo "1 passed, 0 failed"
