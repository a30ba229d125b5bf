#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every long option (--xxx) that a program's --help prints must appear in its man page.
# usage: test-man.sh PROGRAM PAGE
set -u
prog=$1 page=$2
help=$("$prog" --help) || { echo "FAIL: $prog --help exited with $?"; exit 1; }
# In roff a dash is written \- and may sit inside font escapes (\fB, \fR, ...).
text=$(sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' "$page")
status=0 n=0
for opt in $(printf '%s\n' "$help" | grep -o -e '--[a-z][a-z0-9-]*' | sort -u); do
    n=$((n + 1))
    printf '%s\n' "$text" | grep -q -e "$opt\\([^a-z0-9-]\\|\$\\)" ||
        { echo "FAIL: $opt of $prog --help is not in $page"; status=1; }
done
[ "$n" -gt 0 ] || { echo "FAIL: no option found in $prog --help"; exit 1; }
[ "$status" -eq 0 ] && echo "ok: the $n long options of --help are in $page"
exit $status
