#!/bin/sh
# helper.sh — the tmux test helper tested on a tiny curses program: it must
# see the screen, keys, colours and resizes, and notice a wrong screen.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tiny=${TINYCURSES:-./tests/tui/tinycurses}

tui_start 40 10 "$tiny"
check "program starts" tui_wait_for 'tiny curses'

cat >"$TMPD/start.screen" <<'SCREEN'
tiny curses
reverse line
size 40x10
last key: none
SCREEN
for i in 5 6 7 8 9 10; do echo >>"$TMPD/start.screen"; done
tui_expect "first screen" "$TMPD/start.screen"

sed 's/none/x/' "$TMPD/start.screen" >"$TMPD/wrong.screen"
if tui_same "$TMPD/wrong.screen"; then st=1; else st=0; fi
tap_result $st "a different screen is reported as different"

tui_keys x
check "key reaches the program" tui_wait_for 'last key: x'
tui_expect "screen after a key" "$TMPD/wrong.screen"

tui_screen -e >"$TMPD/colour.screen"
check "colour capture shows reverse video" grep -q "$(printf '\033')\\[7mreverse line" "$TMPD/colour.screen"

tui_resize 30 8
check "resize reaches the program" tui_wait_for 'size 30x8'

tui_keys q
check "program exits with status 0" tui_wait_for '^\[exited\] 0'
if tui_alive; then st=1; else st=0; fi
tap_result $st "tui_alive is false after exit"

finish
