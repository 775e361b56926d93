#!/bin/sh
# stdin.sh — a version read from standard input ("-"), redirected from a
# file or piped, while the browser reads its keys from the terminal: the
# left title is "1/2 -", the keys work, and the terminal is given back.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
screens=$srcdir/tests/tui

tui_start 120 40 sh -c 'exec "$0" - samples/3-corrected.txt <samples/1-wire.txt' \
	"$VERSUS"
check "redirected: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
check_eq "redirected: the left title is \"1/2 -\"" "$(tui_line 1)" \
	" 1/2 -                                                        2/2 samples/3-corrected.txt"
# Apart from the title, the screen of 1-wire.txt against 3-corrected.txt.
tui_screen | sed 1d >"$TMPD/got"
sed 1d "$screens/browse-start.screen" >"$TMPD/want"
check_file "redirected: the texts are those of samples 1 and 3" "$TMPD/got" "$TMPD/want"
tui_keys Tab
check "redirected: Tab goes to change 1" tui_wait_line 40 '^  34% │ passage 1/'
tui_keys /
tui_keys -l Inoue
tui_keys Enter
check "redirected: search" tui_wait_line 2 '^President Haruto Inoue '
tui_keys q
check "redirected: q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'
check_eq "redirected: the alternate screen is left" \
	"$($TUI display -p '#{alternate_on}')" 0
check_eq "redirected: the cursor is visible" \
	"$($TUI display -p '#{cursor_flag}')" 1

tui_start 120 40 sh -c 'cat samples/1-wire.txt | "$0" - samples/3-corrected.txt' \
	"$VERSUS"
check "piped: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
check "piped: the left title is \"1/2 -\"" tui_wait_line 1 '^ 1/2 -  '
tui_keys j
check "piped: j scrolls" tui_wait_line 2 "^Tejovolt Energia SA and Japan's"
tui_keys q
check "piped: q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'
check_eq "piped: the alternate screen is left" \
	"$($TUI display -p '#{alternate_on}')" 0

finish
