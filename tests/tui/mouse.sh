#!/bin/sh
# mouse.sh — the mouse in the browser (samples 1 and 3, 120x40): the wheel
# scrolls both panes three rows at a time, wherever it is, up to the top,
# and a click in a pane gives it the focus (its title in the focus face).
# The events are the bytes a terminal sends in SGR mouse mode
# (xterm-256color's kmous), written to the program through tmux as they
# are.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
lisbon="^LISBON, March 3 (Meridian Wire) – Portuguese energy group    LISBON"
three="^port city of Setúbal, the companies said on Monday, in       port city"
plant="^The plant, to be owned by a joint venture called Atlântico ~ The plant"

# tui_mouse BUTTON COL ROW [m]: one SGR mouse report (1-based COL, ROW;
# "m" for a release), as bytes.
tui_mouse() {
	$TUI send-keys -H $(printf '\033[<%s;%s;%s%s' "$1" "$2" "$3" \
		"${4:-M}" | od -An -tx1)
}

# Whether a pane's title is in the focus face (see browse.sh): drawn
# right after its SGR sequences, where the other title has spaces first.
focus_left() {
	tui_sgr_before ' 1\/2 samples\/1-wire.txt' | grep -q 'fg:231 bg:25'
}
focus_right() {
	tui_sgr_before ' 2\/2 samples\/3-corrected.txt' | grep -q 'fg:231 bg:25'
}
# Wait until the focus is on that side.
wait_focus() {
	i=0
	while [ $i -lt $((TUI_TIMEOUT * 20)) ]; do
		focus_$1 && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
check "at the top" tui_wait_line 2 "$lisbon"
check "the left pane has the focus" focus_left

tui_mouse 65 10 5
check "the wheel down scrolls three rows" tui_wait_line 2 "$three"
tui_mouse 65 100 20
check "in either pane, and both panes move" tui_wait_line 3 "$plant"
tui_mouse 64 10 5
check "the wheel up scrolls back three" tui_wait_line 2 "$three"
tui_mouse 64 10 5
tui_mouse 64 10 5
check "and stops at the top" tui_wait_line 2 "$lisbon"

tui_mouse 0 90 6
tui_mouse 0 90 6 m
check "a click in the right pane gives it the focus" wait_focus right
check_eq "and the left title is no longer in the focus face" \
	"$(focus_left && echo yes)" ""
tui_mouse 0 20 10
tui_mouse 0 20 10 m
check "a click in the left pane takes it back" wait_focus left
check_eq "and the right title is no longer in the focus face" \
	"$(focus_right && echo yes)" ""

tui_keys q
check "q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'
finish
