#!/bin/sh
# fold-one.sh — one fold at a time, as vim's z o and z c (samples 1 and 3,
# 120x40, whose changes-only view folds runs of 1, 4, 2, 2 and 5
# unchanged paragraphs): + (z o in vi) opens the first fold on the screen
# and leaves the others folded, - (z c) folds the first unchanged run on
# the screen back, even when nothing else is folded, c still folds and
# unfolds them all, go-to into a fold and a click on a fold row open that
# fold alone.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples

# The sizes of the folds on the screen, in order: "1 4 2 2 5 ".
folds() {
	tui_screen | sed -n 's/^── … \([0-9]*\) unchanged paragraphs\{0,1\} ─*$/\1/p' |
		tr '\n' ' '
}

# run KEYMAP OPEN CLOSE ALL: the checks with that keymap's keys.
run() {
	tui_start 120 40 "$VERSUS" --keymap "$1" samples/1-wire.txt samples/3-corrected.txt
	check "$1: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
	tui_keys $4
	check "$1: $4 folds every run" tui_wait_line 40 '^ changes only: unchanged paragraphs folded$'
	check_eq "$1: five folds" "$(folds)" "1 4 2 2 5 "
	tui_keys $2
	check "$1: $2 opens one fold" tui_wait_line 40 '^ 1 unchanged paragraph unfolded$'
	check "$1: the first one, at the top" tui_wait_line 2 '^LISBON, March 3'
	check_eq "$1: the others stay folded" "$(folds)" "4 2 2 "
	tui_keys $2
	check "$1: $2 again opens the next one on the screen" \
		tui_wait_line 40 '^ 4 unchanged paragraphs unfolded$'
	tui_keys G
	check "$1: the rest stay folded" tui_wait_for '^── … 5 unchanged paragraphs ─'
	tui_keys : 1 Enter
	check "$1: back at the top" tui_wait_line 2 '^LISBON, March 3'
	tui_keys $3
	check "$1: $3 folds the first unchanged run on the screen back" \
		tui_wait_line 40 '^ 1 unchanged paragraph folded$'
	check "$1: the fold is at the top again" \
		tui_wait_line 2 '^── … 1 unchanged paragraph ─'
	tui_keys $4
	check "$1: $4 unfolds them all" tui_wait_line 40 '^ all paragraphs shown$'
	check_eq "$1: no fold left" "$(tui_screen | grep -c 'unchanged paragraph')" 0
	tui_keys $3
	check "$1: $3 with nothing folded folds that run alone" \
		tui_wait_line 40 '^ 1 unchanged paragraph folded$'
	check_eq "$1: one fold on the screen" "$(folds)" "1 "
	check "$1: at the top" tui_wait_line 2 '^── … 1 unchanged paragraph ─'
	check "$1: the next paragraph still shows" tui_wait_line 3 '^The plant, to be owned'
	tui_keys q
	check "$1: quits" tui_wait_for '^\[exited\] 1'
}
run default + - c
run vi 'z o' 'z c' 'z a'

# Go-to into a fold opens that fold alone.
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys c
check "c folds" tui_wait_line 40 '^ changes only'
tui_keys : 4 Enter
check ":4, inside the fold of 4: there" tui_wait_line 2 '^"This is not a bet on one car model'
check "the view is still changes only" tui_wait_line 40 ' cosmetic dimmed, changes only │'
check "and the next fold is still folded" tui_wait_for '^── … 2 unchanged paragraphs ─'

# A click on a fold row opens that fold alone.
tui_mouse() {
	$TUI send-keys -H $(printf '\033[<%s;%s;%s%s' "$1" "$2" "$3" \
		"${4:-M}" | od -An -tx1)
}
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys c
check "c folds" tui_wait_line 40 '^ changes only'
row=$(tui_screen | grep -n '^── … 4 unchanged' | cut -d: -f1)
tui_mouse 0 30 "$row"
tui_mouse 0 30 "$row" m
check "a click on the fold of 4 opens it" \
	tui_wait_line 40 '^ 4 unchanged paragraphs unfolded$'
check_eq "and only it" "$(folds | cut -d' ' -f1)" "1"
check_eq "its paragraphs show" "$(tui_screen | grep -c '^── … 4 unchanged')" 0

finish
