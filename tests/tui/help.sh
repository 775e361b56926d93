#!/bin/sh
# help.sh — the help screen lists every action with the active keymap's
# keys: the default keymap's exactly, the vi keymap's ("g g" for top); the
# keys that close it; the status line's hint names the keymap's help keys;
# and vi's counts ("5 j", "3 ] c") and pending sequences ("keys: g").
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
screens=$srcdir/tests/tui

tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
check "the status line shows the help keys" tui_wait_line 40 ' ?, h, F1: help$'

tui_keys ?
check "? opens the help" tui_wait_line 1 '^ versus help — keymap default$'
tui_expect "the help screen of the default keymap" "$screens/help-default.screen"
check_eq "the title is in the focused title face" \
	"$(tui_sgr_before ' versus help')" "1 fg:231 bg:25"
tui_keys d
check "d scrolls the help down to the keys" tui_wait_for '^ Down, j  '
check_eq "keys are in the key face" "$(tui_sgr_before 'Down, j')" "1 fg:214"
tui_keys q
check "q closes it" tui_wait_line 1 '^ 1/2 samples/1-wire.txt'
tui_expect "back to the first screen" "$screens/browse-start.screen"

tui_keys h
check "h opens it" tui_wait_line 1 '^ versus help'
tui_keys Escape
check "Escape closes it" tui_wait_line 1 '^ 1/2 samples/1-wire.txt'
tui_keys F1
check "F1 opens it" tui_wait_line 1 '^ versus help'
tui_keys Tab
check "a key of the browser closes it and acts" \
	tui_wait_line 40 '^  34% │ passage 1/'

tui_keys q
check "q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'
tui_stop

# The vi keymap: F1 or g h for help; counts.
tui_start 120 40 "$VERSUS" --keymap vi samples/1-wire.txt samples/3-corrected.txt
check "the browser starts with --keymap vi" tui_wait_for '2/2 samples/3-corrected.txt'
check "the status line shows vi's help keys" tui_wait_line 40 ' F1, g h: help$'
tui_keys F1
check "F1 opens the help" tui_wait_line 1 '^ versus help — keymap vi$'
# help_has LINE: the help screen shows LINE.
help_has() {
	tui_screen | grep -qx -- "$1"
}
check "the help opens with the legend" tui_wait_line 2 \
	'^ In the margin between the panes$'
check_eq "the status line says how to go back, and that there is more" \
	"$(tui_line 40)" \
	" q, Z Z, Z Q, C-c: back to the versions   (more below: scroll down)"
tui_keys j
check "j scrolls the help by a line" tui_wait_line 2 '^   ~  *a changed paragraph'
half=$(tui_line 21)
tui_keys C-d
check "C-d scrolls it by half a screen" tui_wait_line 2 "^$half\$"
tui_keys C-d
check "scroll-down: j, Down, C-e, C-n" \
	help_has " j, Down, C-e, C-n      scroll down one line"
check "top: g g, Home" help_has " g g, Home              go to the top"
check "next-change: ] c" help_has " ] c                    go to the next passage with changes"
tui_keys G
check "G scrolls the help to its last line" tui_wait_line 39 '^ q, Z Z, Z Q, C-c  '
check "help: F1, g h" help_has " F1, g h                show this help"
check "quit: q, Z Z, Z Q, C-c" help_has " q, Z Z, Z Q, C-c       quit versus"
check_eq "at the end, nothing more below" "$(tui_line 40)" \
	" q, Z Z, Z Q, C-c: back to the versions"
tui_keys q
check "q closes it" tui_wait_line 1 '^ 1/2 samples/1-wire.txt'
tui_keys g h
check "g h opens it" tui_wait_line 1 '^ versus help — keymap vi$'
tui_keys q
check "q closes it" tui_wait_line 1 '^ 1/2 samples/1-wire.txt'

# Counts and sequences, each typed at once: vi's timeout (1 s) must not
# run out between their keys.
tui_keys 5 j
check "5 j scrolls five lines" tui_wait_line 2 '^investment in Portugal'
tui_keys g g
check "g g goes to the top" tui_wait_line 2 '^LISBON'
tui_keys 3 ] c
check "3 ] c goes to the third change" tui_wait_line 40 '^  82% │ passage 3/4 '
tui_keys Z Z
check "Z Z quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'
tui_stop

# What is typed of a count or a sequence is shown until it is complete;
# "set timeout 0" waits for ever, so the checks between keys cannot race.
printf 'include vi\nset timeout 0\n' >"$TMPD/slow.keys"
tui_start 120 40 "$VERSUS" --keymap "$TMPD/slow.keys" samples/1-wire.txt \
	samples/3-corrected.txt
check "the browser starts with a keymap file" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys 5
check "a count is shown while it is typed" tui_wait_line 40 '│ keys: 5  '
tui_keys j
check "5 j scrolls five lines" tui_wait_line 2 '^investment in Portugal'
check "and the count is gone" tui_wait_line 40 '^  34% │ passage 0/4 .*dimmed │  *F1'
tui_keys g
check "g waits for the rest of a sequence" tui_wait_line 40 '│ keys: g  '
tui_keys g
check "g g goes to the top" tui_wait_line 2 '^LISBON'
check "and the sequence is gone" tui_wait_line 40 '^  top │ passage 0/4 .*dimmed │  *F1'
tui_keys 1 2
check "a count of two digits" tui_wait_line 40 '│ keys: 12  '
tui_keys Escape
check "Escape cancels it" tui_wait_line 40 '^  top │ passage 0/4 .*dimmed │  *F1'
tui_keys j
check "j scrolls one line, not twelve" tui_wait_line 2 "^Tejovolt Energia SA"
tui_keys q
check "q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'

finish
