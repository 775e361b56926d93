#!/bin/sh
# safety.sh — text that tries to take over the terminal (clear screen,
# move the cursor, set the title, write the clipboard with OSC 52, C1
# controls, bidi overrides, backspaces) is shown in a visible form in the
# browser and never acts on the terminal.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

printf 'A calm first paragraph.\n\nSecond paragraph here.\n' >"$TMPD/a.txt"
printf 'A calm first paragraph.\n\nSecond \033[2J\033[5;5HMOVED \033]0;PWNED\007 \033]52;c;cHduZWQ=\007 \302\233 \342\200\256 back\010\010 paragraph here.\n' \
	>"$TMPD/b.txt"

tui_start 100 20 "$VERSUS" "$TMPD/a.txt" "$TMPD/b.txt"
check "the browser starts" tui_wait_for 'calm first'
tui_screen >"$TMPD/screen"
check "ESC is shown as ^[ (clear screen not obeyed)" grep -q '\^\[\[2J' "$TMPD/screen"
check "the cursor move is shown, not obeyed" grep -q '\^\[\[5;5HMOVED' "$TMPD/screen"
check "C1 CSI is shown as <U+009B>" grep -q '<U+009B>' "$TMPD/screen"
check "the bidi override is shown as <U+202E>" grep -q '<U+202E>' "$TMPD/screen"
check "backspaces are shown as ^H" grep -q 'back\^H\^H' "$TMPD/screen"
check "the first line was not cleared" grep -q 'A calm first paragraph' "$TMPD/screen"
title=$($TUI display -p '#{pane_title}')
if [ "x$title" = xPWNED ]; then st=1; else st=0; fi
tap_result $st "the window title was not changed"
if $TUI show-buffer >/dev/null 2>&1; then st=1; else st=0; fi
tap_result $st "nothing was written to the clipboard (OSC 52)"
tui_keys q
check "quits cleanly (status 1: they differ)" tui_wait_for '^\[exited\] 1'

finish
