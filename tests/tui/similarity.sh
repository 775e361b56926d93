#!/bin/sh
# similarity.sh — the status line never rounds a difference away (issue
# 16, bug 10): two versions of 1,950 words that differ by one word are
# 99.9% alike, not 100%; identical ones are 100%.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

awk 'BEGIN { for (p = 1; p <= 150; p++) {
	for (w = 1; w <= 12; w++) printf "word%d_%d ", p, w
	print "end.\n" } }' >"$TMPD/a.txt"
sed 's/word75_12 /changed /' "$TMPD/a.txt" >"$TMPD/b.txt"
cp "$TMPD/a.txt" "$TMPD/c.txt"
check "--stat: one word of 1,950 changed is a similarity below 1" \
	sh -c "'$VERSUS' --stat '$TMPD/a.txt' '$TMPD/b.txt' |
		grep -q 'similarity 0\.99[0-9][0-9]\$'"

tui_start 120 30 "$VERSUS" "$TMPD/a.txt" "$TMPD/b.txt"
check "the browser starts" tui_wait_line 30 '│ passage '
check "the status line says 99.9%, not 100%" \
	tui_wait_line 30 '│ similarity 99\.9% │'

tui_start 60 30 "$VERSUS" "$TMPD/a.txt" "$TMPD/b.txt"
check "60 columns: the short form says 99.9% alike" \
	tui_wait_line 30 ' 99\.9% alike'

tui_start 120 30 "$VERSUS" "$TMPD/a.txt" "$TMPD/c.txt"
check "identical versions are 100% alike" \
	tui_wait_line 30 '│ similarity 100% │'

finish
