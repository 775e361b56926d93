#!/bin/sh
# giant.sh — one paragraph of 600 KB among short ones, a word of it
# changed near its end: the browser lays it out a segment at a time
# (render.h), and what it shows is what --print lays out there: its first
# rows on the first screen, its last row above the paragraph after it;
# ) and ( step over it whole.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

awk 'BEGIN { printf "Opening paragraph.\n\n"
	for (i = 1; i <= 12000; i++)
		printf "verse %d of the long chapter runs on%s", i,
		    i < 12000 ? " " : ".\n\n"
	printf "Closing paragraph.\n"
	for (i = 1; i <= 30; i++)
		printf "\nAfter %d.\n", i }' >"$TMPD/a.txt"
sed 's/verse 11990 of/verse 11990 in/' "$TMPD/a.txt" >"$TMPD/b.txt"
"$VERSUS" --print --color=never --width=100 "$TMPD/a.txt" "$TMPD/b.txt" \
	>"$TMPD/print.txt"
closing=$(grep -n '^Closing paragraph' "$TMPD/print.txt" | cut -d: -f1)

# Screen line n shows --print's line n - 1 from the top (a header above).
tui_start 100 30 "$VERSUS" "$TMPD/a.txt" "$TMPD/b.txt"
check "the first screen: the opening paragraph" \
	tui_wait_line 2 '^Opening paragraph\.'
check "then the giant paragraph's first rows, as --print has them" \
	eval 'tui_wait_stable &&
	      [ "$(tui_line 4)" = "$(sed -n 3p "$TMPD/print.txt")" ] &&
	      [ "$(tui_line 29)" = "$(sed -n 28p "$TMPD/print.txt")" ]'
tui_keys ')'
check ") from the top: the giant paragraph on top" \
	tui_wait_line 2 '^verse 1 of the long chapter'
tui_keys ')'
check ") again: over it, the paragraph after it on top" \
	tui_wait_line 2 '^Closing paragraph\.'
tui_keys k k
check "two rows up: its last row, as --print has it" \
	eval 'tui_wait_stable &&
	      [ "$(tui_line 2)" = "$(sed -n "$((closing - 2))p" "$TMPD/print.txt")" ]'
tui_keys '('
check "( from its last row: over it, the opening paragraph on top" \
	tui_wait_line 2 '^Opening paragraph\.'
tui_keys G
check "G: the last paragraph on the last row" tui_wait_line 29 '^After 30\.'
tui_keys q
check "q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'

finish
