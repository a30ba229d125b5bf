#!/bin/sh
# The layers of libccap (lib/layers.txt), checked on the objects and in the documentation.
#
#   check-layers.sh check NM LAYERS SRCDIR BUILDDIR
#       every .c file of SRCDIR/lib is in the folder of a layer, and every object of a
#       layer's static libraries (BUILDDIR/FOLDER/*.a) calls only symbols defined in its
#       own layer or in a layer of lower rank (symbols of no layer, the C library's or
#       GSL's, are not the table's business).  Prints each offending object and symbol
#       with both layers.
#   check-layers.sh table LAYERS SRCDIR
#       print the layer table of docs/conventions.md (top layer first; the modules are the
#       .c files of each folder).
#   check-layers.sh doc LAYERS SRCDIR DOC
#       DOC's table, between the "layers table" markers, is the one "table" prints.
set -eu

# The rows of LAYERS: "name rank folder job...", comments and blank lines dropped.
layers() {
    sed -e 's/#.*$//' -e '/^[[:space:]]*$/d' "$1"
}

table() {
    layers_file=$1 src=$2
    echo '| layer (folder) | modules | job |'
    echo '|---|---|---|'
    layers "$layers_file" | sort -k2,2nr | while read -r name rank folder job; do
        modules=$(for f in "$src/$folder"/*.c; do
                      [ -e "$f" ] || continue
                      m=${f##*/}
                      printf '`%s`, ' "${m%.c}"
                  done | sed 's/, $//')
        echo "| $name (\`$folder\`) | $modules | $job |"
    done
}

mode=${1:-}
[ $# -gt 0 ] && shift
case "$mode" in
table)
    [ $# -eq 2 ] || { echo "usage: check-layers.sh table LAYERS SRCDIR" >&2; exit 2; }
    table "$1" "$2"
    exit 0
    ;;
doc)
    [ $# -eq 3 ] || { echo "usage: check-layers.sh doc LAYERS SRCDIR DOC" >&2; exit 2; }
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    table "$1" "$2" > "$tmp/want"
    sed -n '/<!-- layers table:/,/<!-- end of layers table -->/p' "$3" | sed '1d;$d' > "$tmp/have"
    if ! [ -s "$tmp/have" ]; then
        echo "$3: no layer table between the markers <!-- layers table: ... --> and <!-- end of layers table -->"
        exit 1
    fi
    if ! diff -u "$tmp/have" "$tmp/want"; then
        echo "$3: the layer table differs from $1 (- document, + generated);"
        echo "replace it by the output of: sh tests/check-layers.sh table lib/layers.txt ."
        exit 1
    fi
    echo "ok: the layer table of $3 is the one $1 gives"
    exit 0
    ;;
check)
    [ $# -eq 4 ] || { echo "usage: check-layers.sh check NM LAYERS SRCDIR BUILDDIR" >&2; exit 2; }
    ;;
*)
    echo "usage: check-layers.sh check|table|doc ..." >&2
    exit 2
    ;;
esac

nm=$1 layers_file=$2 src=$3 build=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

layers "$layers_file" > "$tmp/layers"
if ! [ -s "$tmp/layers" ]; then
    echo "$layers_file: no layers"
    exit 1
fi

# Every source file of the library is in the folder of a layer.
for f in "$src"/lib/*.c "$src"/lib/*/*.c; do
    [ -e "$f" ] || continue
    folder=${f#"$src"/}
    folder=${folder%/*}
    if ! awk -v d="$folder" '$3 == d { found = 1 } END { exit !found }' "$tmp/layers"; then
        echo "${f#"$src"/}: in no layer's folder ($layers_file): move it into the folder of its layer"
        status=1
    fi
done

# nm -A of every layer's static libraries, each line prefixed by the layer, its rank and
# its folder: "layer rank folder archive:member:[address] type symbol".
: > "$tmp/nm"
while read -r name rank folder job; do
    found=0
    for a in "$build/$folder"/*.a; do
        [ -e "$a" ] || continue
        found=1
        "$nm" -A "$a" | sed "s|^|$name $rank $folder |" >> "$tmp/nm"
    done
    if [ "$found" -eq 0 ]; then
        echo "layer $name: no static library in $build/$folder"
        status=1
    fi
done < "$tmp/layers"

# An object may call what its own layer or a lower one defines.  Only global definitions
# count (upper-case types, and i for GNU indirect functions): file-local names are never
# what another object's undefined symbol resolves to.
awk '
function object(folder, s) {    # "lib/x", "dir/libx.a:dir/y.c.o:0000" -> "lib/x/y.c.o"
    sub(/:[0-9a-fA-F]*$/, "", s)
    sub(/^.*[:\/]/, "", s)
    return folder "/" s
}
!($1 in seen) { seen[$1] = 1; layer[++n_layers] = $1 }
NF >= 6 && $5 == "U" {
    refs[++n_refs] = $1 " " $2 " " object($3, $4) " " $6
    next
}
NF >= 6 && ($5 ~ /^[A-Z]$/ || $5 == "i") {
    sym = $6
    n_defs[$1]++
    if (sym in def_layer && def_layer[sym] != $1) {
        printf "%s is defined in two layers: %s (%s) and %s (%s)\n", sym, def_layer[sym],
               def_obj[sym], $1, object($3, $4)
        bad = 1
    }
    def_layer[sym] = $1; def_rank[sym] = $2; def_obj[sym] = object($3, $4)
}
END {
    # A layer that seems to define nothing: the output of nm was not understood.
    for (i = 1; i <= n_layers; i++)
        if (!(layer[i] in n_defs)) {
            printf "layer %s: no global symbol defined in its objects\n", layer[i]
            bad = 1
        }
    for (i = 1; i <= n_refs; i++) {
        split(refs[i], r, " ")
        sym = r[4]
        if (!(sym in def_layer))
            continue
        n_calls++
        if (def_rank[sym] + 0 <= r[2] + 0)
            continue
        printf "upward call: %s (layer %s, rank %s) calls %s, defined in %s (layer %s, rank %s)\n",
               r[3], r[1], r[2], sym, def_obj[sym], def_layer[sym], def_rank[sym]
        bad = 1
    }
    if (!bad)
        printf "%d references between objects of the library, none upward\n", n_calls
    exit bad
}' "$tmp/nm" || status=1

if [ "$status" -eq 0 ]; then
    n=$(wc -l < "$tmp/layers")
    echo "ok: $n layers; every object calls only its own layer and those below"
else
    echo "a module may call only its own layer and those below ($layers_file)"
fi
exit $status
