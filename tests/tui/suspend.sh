#!/bin/sh
# suspend.sh — a resize while versus is suspended (issue 16, bug 5): at
# 120x30, C-z, the terminal becomes 90x25, fg: the browser comes back laid
# out for 90x25 at once (status line on the last row, nothing clipped),
# not in the old layout until the next key.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples

tui_start 120 30 env PS1='$ ' bash --norc --noprofile -i
check "a shell" tui_wait_for '^\$ *$'
tui_keys "$VERSUS samples/1-wire.txt samples/3-corrected.txt" Enter
check "the browser starts at 120x30" tui_wait_line 30 '│ passage 0/4 '
tui_keys C-z
check "C-z stops it" tui_wait_for 'Stopped'
tui_resize 90 25
tui_keys fg Enter
check "fg: the status line is on row 25 without a key" \
	tui_wait_line 25 '│ passage 0/4 '
check "the right pane's title starts at column 45" \
	tui_wait_line 1 '^ 1/2 samples/1-wire.txt  *2/2 samples/3-corrected.txt'
check_eq "the title row is 90 columns wide, not clipped" \
	"$(tui_line 1 | sed 's/ *$//' | awk '{ print (length($0) <= 90) }')" 1
check_eq "the right title is where a 90-column layout puts it" \
	"$(tui_line 1 | grep -bo '2/2 samples' | cut -d: -f1)" 47
tui_keys q
check "q quits" tui_wait_for '^\$ *$'

finish
