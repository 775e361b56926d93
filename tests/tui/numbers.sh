#!/bin/sh
# numbers.sh — paragraph numbers (samples 1 and 4, 120x40): # shows each
# paragraph's number in a margin beside its pane, on its first row, the
# numbers the notes, go-to (":6r") and the report use; the panes grow
# narrower to make room; # again hides them; the inline view has none.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples

tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/4-rewrite.txt
check "the browser starts" tui_wait_for '2/2 samples/4-rewrite.txt'
check "no numbers at first" tui_wait_line 15 '^LISBON, March 3'
tui_keys '#'
check "# shows them" tui_wait_line 40 '^ paragraph numbers shown$'
check "the right version's ¶1, beside its pane" \
	tui_wait_line 2 '^    ╱*╱ +  ¶1 Login Register Subscribe  *chrome$'
check "the left version's ¶1, beside its own" \
	tui_wait_line 15 '^ ¶1 LISBON, March 3 (Meridian Wire) – Portuguese energy    ~  ¶6 Tejovolt Energia SA'
check "only on a paragraph's first row" \
	tui_wait_line 16 '^    group Tejovolt Energia SA and Japan'"'"'s Sakuragi Cell    │     Cell Technologies'
check_eq "in the fold face" "$(tui_sgr_before '¶1' | sort -u)" "fg:244"
tui_keys : 6 r Enter
check ":6r goes to the paragraph numbered ¶6 on the right" \
	tui_wait_line 2 '~  ¶6 Tejovolt Energia SA of Portugal'
tui_keys : 3 Enter
check ":3 to the one numbered ¶3 on the left" tui_wait_line 2 '^ ¶3 '
tui_keys '|'
check "the inline view: no margin" tui_wait_line 2 '^ *[~ ] [A-Z]'
check_eq "and no number" "$(tui_screen | grep -c '¶[0-9]* [A-Z]')" 0
tui_keys '|' '#'
check "# again hides them" tui_wait_line 40 '^ paragraph numbers hidden$'
check_eq "none left" "$(tui_screen | grep -c '¶[0-9]* [A-Z]')" 0
tui_keys q
check "quits" tui_wait_for '^\[exited\] 1'

finish
