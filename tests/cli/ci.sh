#!/bin/sh
# ci.sh — a test that needs the seeds (../shared/seeds) skips, saying why,
# when they are missing, but fails under CI=true, where they must be
# there: both for the C tests (skip_seeds in tests/tap.h) and the shell
# tests (need_seeds in tests/lib.sh).
. "$srcdir/tests/lib.sh"

[ -n "${abs_top_builddir:-}" ] || skip_all "abs_top_builddir not set (run by make check)"
none=$TMPD/no-seeds-here

# run NAME CI PROGRAM...: PROGRAM's TAP output and exit status with no seeds.
run() {
	name=$1 ci=$2
	shift 2
	if [ -n "$ci" ]; then
		CI=$ci SEEDS_DIR=$none "$@" >"$TMPD/out" 2>&1
	else
		env -u CI SEEDS_DIR=$none "$@" >"$TMPD/out" 2>&1
	fi
	st=$?
}

T=$abs_top_builddir/tests/engine/test-lazy
run lazy true "$T"
check_eq "CI=true, no seeds: test-lazy fails" "$st" 1
check "CI=true, no seeds: test-lazy says the seeds are missing" \
	grep -q '^not ok [0-9]* - the seeds are missing (CI=true)' "$TMPD/out"
run lazy "" "$T"
check_eq "no CI, no seeds: test-lazy passes" "$st" 0
check "no CI, no seeds: test-lazy skips, saying why" \
	grep -q '^ok [0-9]* # SKIP SEEDS_DIR' "$TMPD/out"
run lazy false "$T"
check_eq "CI=false, no seeds: test-lazy passes" "$st" 0

run seeds true sh "$srcdir/tests/cli/seeds.sh"
check_eq "CI=true, no seeds: seeds.sh fails" "$st" 1
check "CI=true, no seeds: seeds.sh says the seeds are missing" \
	grep -q '^not ok 1 - the seeds are missing (CI=true)' "$TMPD/out"
run seeds "" sh "$srcdir/tests/cli/seeds.sh"
check_eq "no CI, no seeds: seeds.sh passes" "$st" 0
check "no CI, no seeds: seeds.sh skips, saying why" \
	grep -q '^1\.\.0 # SKIP no seeds in SEEDS_DIR' "$TMPD/out"
finish
