#!/bin/sh
# progress.sh — progress lines go to a terminal only: with standard error
# a file, --json, --stat, --print and --inline write not one byte there,
# even told to show progress at once (VERSUS_TEST_PROGRESS=now, which
# tests/tui/progress.sh shows on a terminal), and their output is the
# same as without it.
. "$srcdir/tests/lib.sh"

# 2,000 paragraphs a side, each reworded a little: all paired by
# similarity, through every stage that reports.
reworded_pair 2000

for mode in --json --stat --print --inline; do
	VERSUS_TEST_PROGRESS=now "$VERSUS" $mode "$TMPD/a.txt" "$TMPD/b.txt" \
		>"$TMPD/out" 2>"$TMPD/err"
	check_eq "$mode: status 1 (they differ)" "$?" 1
	check "$mode: nothing on standard error" test ! -s "$TMPD/err"
	"$VERSUS" $mode "$TMPD/a.txt" "$TMPD/b.txt" >"$TMPD/plain" 2>&1
	check "$mode: the same output" cmp "$TMPD/out" "$TMPD/plain"
done

finish
