#!/bin/sh
# search-inline.sh — searching in the inline view (automatic below 80
# columns), where one pane shows B's text with A's deleted words in it:
# a word only on the right, a word only on the left (highlighted where
# it is drawn), and a backward search from the bottom, which once read
# A's text at B's offsets past its end (issue 19.1), and finds the last
# match on screen first (issue 16).
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
tui_start 79 24 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts inline at 79 columns" tui_wait_for ', inline  '
tui_keys /
tui_keys -l painfully
tui_keys Enter
check "a word only the right version has is found" \
	tui_wait_line 2 'very painfully thin'
check "and highlighted" eval 'tui_sgr_before painfully | grep -q "bg:226"'

tui_start 79 24 "$VERSUS" samples/5-summary.txt samples/1-wire.txt
check "the browser starts" tui_wait_for ', inline  '
tui_keys /
tui_keys -l cheering
tui_keys Enter
check "a word only the left version has is found" \
	tui_wait_line 2 'Not everyone is cheering\.'
check "and highlighted" eval 'tui_sgr_before cheering | grep -q "bg:226"'
tui_keys G '\'
tui_keys -l x
tui_keys Enter
check "a backward search from the bottom finds the last x, on screen" \
	eval 'tui_wait_stable && tui_screen -e | grep "isting credit lines" |
		grep -q "226mx"'
check "the screen stays at the bottom" tui_wait_line 24 '^  *end │'
tui_keys n
check "n: the x before it, above the screen" \
	tui_wait_line 2 'in six weeks'
tui_keys '\'
tui_keys -l zzzz
tui_keys Enter
check "a missing word is reported" tui_wait_line 24 '^ not found: zzzz$'
tui_keys q
check "q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'

finish
