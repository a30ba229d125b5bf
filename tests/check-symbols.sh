#!/bin/sh
# Check that libccap exports exactly the functions listed in libccap.map, that each is
# declared with CCAP_API in a public header, and that nm -D shows nothing but ccap_ names.
# usage: check-symbols.sh NM LIBRARY MAP HEADER_DIR
set -eu
nm=$1 lib=$2 map=$3 headers=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$nm" -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' | sort -u > "$tmp/exported"
sed -n 's/^[[:space:]]*\(ccap_[a-z0-9_]*\);.*/\1/p' "$map" | sort -u > "$tmp/map"
# Function names declared after CCAP_API in the public headers (declarations may span lines).
cat "$headers"/*.h "$headers"/*.h.in 2>/dev/null | grep -v "^[[:space:]]*#" | grep -vE "^[[:space:]]*(/\*|\*)" | tr '\n' ' ' |
    grep -o 'CCAP_API[^;(]*(' | sed 's/($//' | awk '{print $NF}' | tr -d '*' | sort -u > "$tmp/declared"

status=0
if grep -v '^ccap_' "$tmp/exported" | grep -q .; then
    echo "exported names without the ccap_ prefix:"; grep -v '^ccap_' "$tmp/exported"; status=1
fi
grep '^ccap_' "$tmp/exported" | grep -v '^ccap_0' > "$tmp/functions" || true
if ! diff -u "$tmp/map" "$tmp/functions"; then
    echo "libccap.map and the exported functions differ (- map, + library)"; status=1
fi
if ! diff -u "$tmp/declared" "$tmp/map"; then
    echo "CCAP_API declarations and libccap.map differ (- headers, + map)"; status=1
fi
n=$(wc -l < "$tmp/map")
if [ "$status" -eq 0 ]; then
    echo "ok: $n functions exported, all ccap_, all declared with CCAP_API"
fi
exit $status
