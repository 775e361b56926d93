#!/bin/sh
# report.sh — the report key (issue 16, bug 8): the confirmation names the
# pair as the report's title does (from left to right); the prefilled
# name is replaced by typing and cleared by Ctrl-U; "~/" is the home
# folder; an existing file is not overwritten without a y.  And
# --report=- on a terminal writes the report there instead of browsing.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples

tui_start 120 30 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'

# Typing over the prefilled name replaces it; "~/" is $HOME.
tui_keys r
check "r asks, with a name ready" \
	tui_wait_line 30 '^write the changes to: versus-report.md$'
tui_keys -l '~/a.md'
check "typing replaces the prefilled name" \
	tui_wait_line 30 '^write the changes to: ~/a.md$'
tui_keys Enter
check "the confirmation names the pair from left to right, ~ expanded" \
	tui_wait_line 30 "^ wrote the changes from version 1 to version 2 to $HOME/a.md"
check "the file is in the home folder" test -s "$HOME/a.md"
check "its title agrees: from 1 to 3" \
	grep -q '1-wire.*3-corrected' "$HOME/a.md"

# Ctrl-U clears the line; an existing file is not overwritten silently.
echo keep >"$TMPD/old.md"
tui_keys r
tui_wait_line 30 '^write the changes to: versus-report.md$' >/dev/null
tui_keys C-u
check "Ctrl-U clears the prefilled name" \
	tui_wait_line 30 '^write the changes to: *$'
tui_keys -l "$TMPD/old.md"
tui_keys Enter
check "an existing file: versus asks first" \
	tui_wait_line 30 "^$TMPD/old.md exists; overwrite it. .y/n."
tui_keys n
check "n: not written" tui_wait_line 30 "^ not written: $TMPD/old.md exists"
check_eq "the file is as it was" "$(cat "$TMPD/old.md")" keep
tui_keys r C-u
tui_keys -l "$TMPD/old.md"
tui_keys Enter
tui_wait_line 30 'overwrite it' >/dev/null
tui_keys y
check "y: written" tui_wait_line 30 "^ wrote the changes .* to $TMPD/old.md"
check "the file is the report now" grep -q '^## ' "$TMPD/old.md"
tui_keys q
check "quits" tui_wait_for '^\[exited\] 1$'

# --report=- on a terminal: the report is the output, not the browser.
tui_start 120 50 "$VERSUS" --report=- samples/1-wire.txt samples/3-corrected.txt
check "--report=- on a terminal: the report, then exit 1" \
	tui_wait_for '^\[exited\] 1$'
check "--report=- on a terminal: its title" tui_wait_for \
	'^# Changes from samples/1-wire.txt to samples/3-corrected.txt$'

finish
