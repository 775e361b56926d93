#!/bin/sh
# resize.sh — the browser follows the terminal's size (samples 1 and 3):
# from 120x40 to 100x30 the panes narrow and the text reflows with the
# same paragraph at the top; at 30x8 it says "terminal too small"; back
# at 120x40 the screen is what it was; below 80 columns (70x30) the
# inline view is forced, and | says so; at 120 columns | toggles it.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
screens=$srcdir/tests/tui
shares="^Shares of Tejovolt rose 3.5 percent in Lisbon,"

tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys ')' ')'
check "two paragraphs down: paragraph 3 at the top" tui_wait_line 2 \
	"$shares their         Shares of Tejovolt rose 3.5 percent in Lisbon, their\$"
tui_screen >"$TMPD/120x40.screen"

tui_resize 100 30
check "at 100x30 the text reflows, paragraph 3 still at the top" \
	tui_wait_line 2 "$shares     Shares of Tejovolt rose 3.5 percent in Lisbon,\$"
tui_expect "the screen at 100x30" "$screens/resize-100x30.screen"

tui_resize 30 8
check "at 30x8 the terminal is too small" tui_wait_for 'terminal too small'
cat >"$TMPD/small.screen" <<'SCREEN'




     terminal too small



SCREEN
tui_expect "the screen at 30x8" "$TMPD/small.screen"
check_eq "in the error face" "$(tui_sgr_before 'terminal too small')" "1 fg:196"

tui_resize 120 40
check "back at 120x40" tui_wait_line 1 '^ 1/2 samples/1-wire.txt  '
tui_expect "the screen is what it was" "$TMPD/120x40.screen"

tui_resize 70 30
check "at 70 columns the view is inline" tui_wait_line 2 \
	'^   Shares of Tejovolt rose 3\.5 percent in Lisbon, their biggest one-$'
check "the status line at 70 columns says inline" \
	tui_wait_line 30 '^  *[0-9]*% │ passage 0/4 │ [0-9]*% alike, inline  '
tui_screen | sed '$d' >"$TMPD/got"
check_file "the inline screen at 70x30" "$TMPD/got" "$screens/resize-70x30.screen"
tui_keys '|'
check "| says the inline view is forced" \
	tui_wait_line 30 '^ the terminal is narrower than 80 columns: inline only$'
tui_keys g
check "g: the top" tui_wait_line 2 '^   LISBON, March 3'
check_eq "the changed figure's row" "$(tui_line 10)" \
	" │ production in the second half of 2027 and to create 1,200 1,400"
check_eq "the old figure is deleted" "$(tui_sgr_before '1,200')" \
	"fg:231 bg:124"
check_eq "the new one inserted" "$(tui_sgr_before '1,400')" "fg:16 bg:114"

tui_resize 120 40
check "back at 120x40: side by side" tui_wait_line 2 \
	'^LISBON, March 3 (Meridian Wire) – Portuguese energy group    LISBON'
tui_expect "the first screen" "$screens/browse-start.screen"
tui_keys '|'
check "| shows the inline view at 120 columns" \
	tui_wait_line 2 '^   LISBON, March 3 (Meridian Wire) – Portuguese energy group Tejovolt Energia SA and Japan'"'"'s Sakuragi Cell Technologies$'
check "the status line says so" \
	tui_wait_line 40 '^  top │ passage 0/4 .* │ cosmetic dimmed, inline │'
tui_keys '|'
check "| again: side by side" tui_wait_line 2 '^LISBON.*    LISBON'
tui_expect "the first screen again" "$screens/browse-start.screen"

tui_keys q
check "q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'

finish
