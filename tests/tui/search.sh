#!/bin/sh
# search.sh — searching in the browser (samples 1 and 3, 120x40): the
# prompt, the match's row brought to the top with every match on screen
# highlighted in both panes, n and N, wrapping at either end with a
# message, backward search, smart case, and a word that is not there.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
# "Inoue" is twice in paragraph 8, which both versions have: on the row
# of "President Haruto Inoue" and on the row of "Mr. Inoue said".
president="^President Haruto Inoue opened his remarks with the           President Haruto Inoue opened his remarks with the$"
sunshine="^sunshine, in that order,\" Mr. Inoue said through an          sunshine, in that order,\" Mr. Inoue said through an$"

tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'

tui_keys /
check "/ opens the search prompt" tui_wait_line 40 '^/$'
tui_keys -l Inoue
check "the word is echoed in the prompt" tui_wait_line 40 '^/Inoue$'
tui_keys Enter
check "Enter brings the match's row to the top" tui_wait_line 2 "$president"
check "the status line is back" tui_wait_line 40 '^  72% │ passage 0/'
check_eq "all four matches on screen are highlighted, in both panes" \
	"$(tui_sgr_before Inoue)" "$(printf '1 fg:16 bg:226\n%.0s' 1 2 3 4)"
check_eq "two on the top row" \
	"$(tui_screen -e | sed -n 2p | grep -o "$ESC\[48;5;226mInoue" | wc -l)" 2
check_eq "two on the row of the second match" \
	"$(tui_screen -e | grep '^sunshine, in that order' | grep -o "$ESC\[48;5;226mInoue" | wc -l)" 2

tui_keys n
check "n goes to the next match" tui_wait_line 2 "$sunshine"
tui_keys N
check "N goes back to the previous one" tui_wait_line 2 "$president"
check "without a message" tui_wait_line 40 '^  72% │'
tui_keys n
check "n again" tui_wait_line 2 "$sunshine"
tui_keys n
check "past the last match, n wraps to the first" tui_wait_line 2 "$president"
check "and says so" tui_wait_line 40 '^ search wrapped to the top$'
tui_keys N
check "N from the first match wraps to the last" tui_wait_line 2 "$sunshine"
check "and says so" tui_wait_line 40 '^ search wrapped to the bottom$'

# Backward search from the top, and smart case: no capital, any case.
tui_keys g
check "g: the top" tui_wait_line 2 '^LISBON'
tui_keys '\'
check "\\ opens the backward search prompt" tui_wait_line 40 '^?$'
tui_keys -l inoue
tui_keys Enter
check "a backward search from the top wraps to the last match" \
	tui_wait_line 2 "$sunshine"
check "and says so" tui_wait_line 40 '^ search wrapped to the bottom$'
tui_keys n
check "n goes on backward" tui_wait_line 2 "$president"
tui_keys N
check "N goes forward" tui_wait_line 2 "$sunshine"

# A capital makes the search exact: "INOUE" is nowhere.
tui_keys /
tui_keys -l INOUE
tui_keys Enter
check "a missing word is reported" tui_wait_line 40 '^ not found: INOUE$'
check "in the error colour" eval 'tui_sgr_before " not found" | grep -q "^1 fg:196"'
check "and the screen does not move" tui_wait_line 2 "$sunshine"

tui_keys /
tui_keys -l zebra
tui_keys Enter
check "not found: zebra" tui_wait_line 40 '^ not found: zebra$'

tui_keys q
check "q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'

finish
