#!/bin/sh
# isearch.sh — the emacs keymap's search as you type (samples 1 and 3,
# 120x40): each character moves to the first match from where the search
# began, C-s and C-r go on to the next and the previous, a pattern with
# no match says "Failing" and stays at the last match, Backspace goes
# back, Enter stays, C-g and Escape go back to where the search began
# (also through a resize), and C-s on an empty line searches again.  The
# default keymap's "/" still searches on Enter.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
# "Inoue" is twice in paragraph 8: on the row of "President Haruto Inoue"
# and on the row of "Mr. Inoue said" (search.sh).
president="^President Haruto Inoue opened his remarks with the           President Haruto Inoue opened his remarks with the$"
sunshine="^sunshine, in that order,\" Mr. Inoue said through an          sunshine, in that order,\" Mr. Inoue said through an$"
status='^ *[0-9a-z%]* │ passage [0-9]*/4 │'

tui_start 120 40 "$VERSUS" --keymap emacs samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
check "at the top" tui_wait_line 2 '^LISBON'

tui_keys C-s
tui_keys -l Ino
check "typing searches: the first match at the top, before Enter" \
	tui_wait_line 2 "$president"
check "the prompt stays open with what was typed" \
	tui_wait_line 40 '^I-search: Ino$'
tui_keys C-s
check "C-s: the next match" tui_wait_line 2 "$sunshine"
tui_keys C-r
check "C-r: the previous one" tui_wait_line 2 "$president"
check "the prompt says backward" tui_wait_line 40 '^I-search backward: Ino$'
tui_keys C-s
tui_wait_line 2 "$sunshine" >/dev/null
tui_keys C-g
check "C-g: back where the search began" tui_wait_line 2 '^LISBON'
check "and the prompt is closed" tui_wait_line 40 "$status"

# No match: Failing, at the last match; Backspace mends it.
tui_keys C-s
tui_keys -l 'Inouexq'
check "a pattern with no match fails" \
	tui_wait_line 40 '^Failing I-search: Inouexq$'
check "and stays at the last match" tui_wait_line 2 "$president"
tui_keys BSpace BSpace
check "Backspace: a match again" tui_wait_line 40 '^I-search: Inoue$'
check "still there" tui_wait_line 2 "$president"
tui_keys C-s
check "C-s goes on" tui_wait_line 2 "$sunshine"
tui_keys Enter
check "Enter stays at the match" tui_wait_line 2 "$sunshine"
check "and closes the prompt" tui_wait_line 40 "$status"
tui_keys M-s n
check "M-s n: the next match of the same word (wraps)" \
	tui_wait_line 2 "$president"

# C-s on an empty line: the last search again; Escape goes back too.
tui_keys M-'<'
check "M-<: the top" tui_wait_line 2 '^LISBON'
tui_keys C-s C-s
check "C-s C-s: the last search again" tui_wait_line 2 "$president"
check "its word in the prompt" tui_wait_line 40 '^I-search: Inoue$'
tui_keys Escape
check "Escape: back where it began" tui_wait_line 2 '^LISBON'

# A resize while searching: C-g still finds its way back.
tui_keys C-s
tui_keys -l Inoue
tui_wait_line 2 "$president" >/dev/null
tui_resize 100 40
check "a resize keeps the prompt" tui_wait_line 40 '^I-search: Inoue$'
tui_keys C-g
check "C-g after a resize: back at the top" tui_wait_line 2 '^LISBON'

# The default keymap: "/" searches on Enter, as less does.
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "default: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys /
tui_keys -l Inoue
check "default: the word is typed" tui_wait_line 40 '^/Inoue$'
check "default: nothing moved yet" tui_wait_line 2 '^LISBON'
tui_keys Enter
check "default: Enter searches" tui_wait_line 2 "$president"

finish
