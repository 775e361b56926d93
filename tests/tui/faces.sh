#!/bin/sh
# faces.sh — how the browser draws what it marks (issue 16, bugs 6 and
# 12): without colours nothing blinks (NO_COLOR=1, TERM=vt100), and the
# dimmed cosmetic words of a changed paragraph keep its tint instead of
# leaving holes of the terminal's background in it.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples

# SGR 5 and 6 are blinking.
blinks() {
	tui_wait_stable
	tui_sgr_all | tr ' ' '\n' | grep -c '^[56]$'
}

# Samples 1 and 3: the changed figures and quotes are facts, whose gutter
# marks stand out; change 1 (a figure) is on the first screen.
tui_start 120 40 env NO_COLOR=1 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "NO_COLOR=1: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
check_eq "NO_COLOR=1: nothing blinks" "$(blinks)" 0
tui_keys Tab
check "NO_COLOR=1: change 1" tui_wait_line 40 '│ passage 1/'
check_eq "NO_COLOR=1: nothing blinks at change 1" "$(blinks)" 0

tui_start 120 40 env TERM=vt100 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "TERM=vt100: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
check_eq "TERM=vt100: nothing blinks" "$(blinks)" 0

# Samples 1 and 2: the first paragraph changed ("LISBON, March 3" went)
# and its "Japan's" became "Japan’s", a cosmetic change, dimmed.
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/2-syndicated.txt
check "colour: the browser starts" tui_wait_for '2/2 samples/2-syndicated.txt'
tui_wait_stable
# The word keeps the paragraph's background: only its colour changes.
check_eq "the cosmetic word on the left keeps the paragraph's tint" \
	"$(tui_sgr_before "Japan's")" "fg:244"
check_eq "so does the one on the right" "$(tui_sgr_before "Japan’s")" "fg:244"

finish
