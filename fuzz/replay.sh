#!/bin/sh
# Run one fuzz harness once on each of its seeds and saved findings (the 'fuzz' test suite).
#   sh fuzz/replay.sh HARNESS TARGET SOURCE_ROOT
set -eu
exe=$1 target=$2 root=$3
# shellcheck disable=SC2046 # one argument per seed path (paths have no spaces)
# libFuzzer's own exit code for a finding is 77, which meson would count as a skip.
exec "$exe" -error_exitcode=1 -timeout_exitcode=1 $(sh "$root/fuzz/seeds.sh" "$target" "$root")
