#!/bin/sh
# current.sh — the current change follows the view (issue 16, bugs 1 and
# 2): after a go-to the status line no longer names a change left far
# away, and next-change goes on from where the view is; after a jump to
# the other end of a move, next-change goes on below that end, not from
# the move's source.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples

# Samples 1 and 3 at 120x40: four changes; the second is the move of
# paragraph 7 to 12, the third (a quote) lies between its two ends.
status() {	# status REGEX: the status line, once the screen settles
	tui_wait_stable
	tui_line $rows | grep -q -- "$1" ||
		{ diag "status line: $(tui_line $rows)"; return 1; }
}

rows=40
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys Tab Tab Tab Tab
check "Tab four times: the last change" status '│ passage 4/4 '

tui_keys : 1 Enter
check ":1 goes to the top, and the last change is no longer current" \
	status '^ *[a-z0-9%]* │ passage [0-3]/4 '
tui_keys Tab
check "Tab after :1 goes on from the top, not from change 4" \
	status '│ passage [12]/4 '

tui_keys : 1 0 0 % Enter
check ":100% goes to the end: change 1, far above, is no longer current" \
	status '^  end │ passage [034]/4 '
tui_keys BTab
check "BTab after :100% goes back up from there" status '│ passage [23]/4 '

# Bug 2, at 160x24: Tab Tab reaches the move; m shows its other end at
# 89%; Tab goes on below that end (change 4), not up to change 3 at 73%.
rows=24
tui_start 160 24 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "160x24: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys Tab Tab
check "160x24: Tab Tab is the move" status '│ passage 2/4 '
tui_keys m
check "m shows the move's other end, lower down" status '^  89% │ passage 2/4 '
tui_keys Tab
check "Tab then goes on downwards, to change 4" status '^  end │ passage 4/4 '
tui_keys m
check "m on change 4 says it is not a move" status 'this change is not a move'

finish
