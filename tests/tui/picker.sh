#!/bin/sh
# picker.sh — the version picker (V): the versions by date, with origin,
# size and similarity to the one before, and what each did to the passage
# on top of the left pane; next-change goes to where the passage changed,
# previous-change to where it came in; a marked version and the chosen one
# open side by side.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

# Four saved versions of a story in a folder, dated by their times.
d=$TMPD/story
mkdir "$d"
body='The council will vote on the plan at its meeting next week.'
printf 'Ferry fares to rise\n\n%s\n' "$body" >"$d/a.txt"
printf 'Ferry fares to rise\n\nBy Marta Quill\n\n%s\n' "$body" >"$d/b.txt"
printf 'Ferry fares to rise by ten per cent\n\nBy Marta Quill\n\n%s\n' "$body" >"$d/c.txt"
printf 'Ferry fares to rise by ten per cent\n\n%s\n' "$body" >"$d/d.txt"
touch -d '2024-03-01 08:00 UTC' "$d/a.txt"
touch -d '2024-03-02 08:00 UTC' "$d/b.txt"
touch -d '2024-03-03 08:00 UTC' "$d/c.txt"
touch -d '2024-03-04 08:00 UTC' "$d/d.txt"

tui_start 120 16 "$VERSUS" "$d"
check "four versions" tui_wait_for '1/4 .*a.txt'
tui_keys V
check "V opens the picker on the passage on top" \
	tui_wait_line 1 '^ versions — what each did to ¶1 of version 1: Ferry fares to rise'
check "a line per version: date, origin, size, what it did" \
	tui_wait_line 3 '^ *L *1  2024-03-01 08:00 folder *16 *81 *+  .*a.txt'
check "the second keeps it, and is as alike as can be to the first" \
	tui_wait_line 4 '^ *R *2  2024-03-02 08:00 folder .* [0-9.]*% =  .*b.txt'
check "the third changes it" tui_wait_line 5 '^ *3  2024-03-03 08:00 .* ~  .*c.txt'
check "the status names the chosen version" \
	tui_wait_line 16 '^ version 2 of 4 keeps it — select: compare with 1'
tui_keys '}'
check "next-change: the version that changed the passage" \
	tui_wait_line 16 '^ version 3 of 4 changes it'
tui_keys '}'
check "none after it" tui_wait_line 16 'the passage does not change after this version'
tui_keys '{'
check "previous-change: where it came in" \
	tui_wait_line 16 '^ version 1 of 4 brings it in'
tui_keys a
check "a mark on version 1" tui_wait_line 3 '^ \*L *1 '
tui_keys j j j
check "select would compare 4 with the marked 1" \
	tui_wait_line 16 '^ version 4 of 4 keeps it — select: compare with 1'
tui_keys Enter
check "select opens them side by side" \
	tui_wait_line 1 '^ 1/4 .*a.txt .* 4/4 .*d.txt'
tui_keys V
check "V again" tui_wait_line 16 '^ version 4 of 4'
tui_keys q
check "q goes back to the versions" tui_wait_line 1 '^ 1/4 .*a.txt'
tui_keys q
check "quits" tui_wait_for '^\[exited\] [01]$'

finish
