#!/bin/sh
# progress.sh — progress lines go to a terminal only: with standard error
# a file, --json, --stat, --print and --inline write not one byte there,
# even told to show progress at once (VERSUS_TEST_PROGRESS=now, which
# tests/tui/progress.sh shows on a terminal), and their output is the
# same as without it.
. "$srcdir/tests/lib.sh"

# 2,000 paragraphs a side, each reworded a little: all paired by
# similarity, through every stage that reports.
awk -v dir="$TMPD" 'BEGIN {
	ns = split("ba ke lo mi nu pa re si to vu da fe go hi ju ka le mo ni po",
		   s, " ")
	for (i = 1; i <= 2000; i++) {
		a = "Paragraph " i ":"; b = a
		for (k = 0; k < 24; k++) {
			x = (i * 31 + k * 17 + i * k * 7) % 8000
			w = s[1 + x % ns] s[1 + int(x / ns) % ns] \
			    s[1 + int(x / 400) % ns]
			a = a " " w
			b = b " " (k % 6 == i % 6 ? "changed" : w)
		}
		print a ".\n" > (dir "/a.txt")
		print b ".\n" > (dir "/b.txt")
	}
}'

for mode in --json --stat --print --inline; do
	VERSUS_TEST_PROGRESS=now "$VERSUS" $mode "$TMPD/a.txt" "$TMPD/b.txt" \
		>"$TMPD/out" 2>"$TMPD/err"
	check_eq "$mode: status 1 (they differ)" "$?" 1
	check "$mode: nothing on standard error" test ! -s "$TMPD/err"
	"$VERSUS" $mode "$TMPD/a.txt" "$TMPD/b.txt" >"$TMPD/plain" 2>&1
	check "$mode: the same output" cmp "$TMPD/out" "$TMPD/plain"
done

finish
