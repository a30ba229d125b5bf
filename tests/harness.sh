# Shared by the program tests (sourced, not run): a scratch directory, counters and the
# checks.  The sourcing script sets `program` (the program under test) first.  With
# CCAP_TEST_WRAPPER set (e.g. to a valgrind command), every run goes through it.
wrap=${CCAP_TEST_WRAPPER:-}
# The programs speak the language of the environment (LANG=zh_CN.UTF-8 gives Chinese);
# these tests check their English text, so they run in the C locale (test-i18n.sh checks
# the Chinese).
LC_ALL=C
export LC_ALL
unset LANGUAGE
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out="$tmp/stdout"
err="$tmp/stderr"
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
run() { $wrap "$program" "$@" >"$out" 2>"$err"; }
expect_exit() { # expected command...
    want=$1; shift
    run "$@"; got=$?
    if [ "$got" -eq "$want" ]; then ok; else fail "exit $got, expected $want: $*"; cat "$err"; fi
}
expect_out() { # text: stdout of the last run contains text
    if grep -qF -- "$1" "$out"; then ok; else fail "output lacks '$1'"; fi
}
expect_err() { # text: stderr of the last run contains text
    if grep -qF -- "$1" "$err"; then ok; else fail "error output lacks '$1':"; cat "$err"; fi
}
# The closing line, and the exit status.
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
