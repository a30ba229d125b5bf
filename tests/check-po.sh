#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every catalogue in po/ compiles with msgfmt --check (formats that match their msgid, a
# valid header), is complete (no fuzzy and no untranslated entries) and holds every text
# marked in the sources today (xgettext with the keywords of po/meson.build, then msgcmp).
# usage: check-po.sh SOURCE_ROOT
set -u
src=$1
dir="$src/po"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
( cd "$src" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ \
      --flag=_:1:pass-c-format --flag=N_:1:pass-c-format \
      --files-from=po/POTFILES -o "$tmp/ccap.pot" ) ||
    { echo "FAIL: xgettext cannot extract the marked texts"; exit 1; }
for lang in $(sed 's/#.*//' "$dir/LINGUAS"); do
    po="$dir/$lang.po"
    stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) ||
        { echo "FAIL: $po does not compile:"; echo "$stats"; status=1; continue; }
    echo "$lang: $stats"
    case $stats in
        *fuzzy* | *untranslated*) echo "FAIL: $po is not complete"; status=1 ;;
        *" translated message"*) ;;
        *) echo "FAIL: $po: no statistics from msgfmt"; status=1 ;;
    esac
    LC_ALL=C msgcmp "$po" "$tmp/ccap.pot" ||
        { echo "FAIL: $po lacks texts marked in the sources (ninja ccap-update-po)"; status=1; }
done
exit $status
