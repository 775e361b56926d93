#!/bin/sh
# narrow.sh — at 60x20 (issue 16, bug 7): the presence view's title is
# clipped to its row, not wrapped into the next one, and its summary line
# stays on the last row; with five files the two titles do not run into
# each other, and the base's "(base)" stays whole.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples

tui_start 60 20 "$VERSUS" samples/1-wire.txt samples/2-syndicated.txt \
	samples/3-corrected.txt samples/4-rewrite.txt samples/5-summary.txt
check "five versions at 60x20: the browser starts" \
	tui_wait_line 1 '2/5 samples/2-syndicated.txt'
check "the left title keeps (base) whole" \
	tui_wait_line 1 '^ 1/5 (base) [^ ]*1-wire\.txt '
check "a blank column between the two titles" \
	tui_wait_line 1 '[^ ]  2/5 samples/2-syndicated.txt'
tui_keys p
check "p: the presence view" tui_wait_line 1 '^ every version at once'
check "its second row is the version numbers, not the title's end" \
	tui_wait_line 2 '^   ¶ 12345 *$'
check "its summary line is on the last row" \
	tui_wait_line 20 '^ passage 1 of [0-9]*: '
tui_keys p
tui_wait_line 1 '2/5 samples/2-syndicated.txt' >/dev/null
tui_keys q
check "quits" tui_wait_for '^\[exited\] [01]$'

finish
