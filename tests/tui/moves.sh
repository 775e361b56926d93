#!/bin/sh
# moves.sh — a moved paragraph in the browser (samples 1 and 3, 120x40:
# paragraph 7 of 1-wire.txt is paragraph 12 of 3-corrected.txt): both ends
# are shown with their notes "moved to ¶12 ▼" and "moved from ¶7 ▲" in the
# moved face, next-change stops on the move once, and m jumps from one end
# to the other and back; m elsewhere says why it cannot.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
screens=$srcdir/tests/tui
filler=╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱

tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'

tui_keys m
check "m without a current change says why" \
	tui_wait_line 40 '^ no current change: go to a moved passage first$'

tui_keys Tab Tab
check "the second change is the move" tui_wait_line 40 '^  63% │ passage 2/4 '
cat >"$TMPD/source" <<EOF
moved to ¶12 ▼                                             > $filler
Sakuragi, founded in Kanazawa in 1962 as a maker of        │ $filler
batteries for cameras and hearing aids, will supply the    │ $filler
cell design and most of the production equipment. Tejovolt │ $filler
will provide the site, handle local permits and supply     │ $filler
electricity from its solar farms in the Alentejo region    │ $filler
under a 15-year contract.                                  │ $filler
EOF
tui_screen | sed -n '4,10p' >"$TMPD/got"
check_file "the moved paragraph leaves a note and filler" "$TMPD/got" "$TMPD/source"
check_eq "the note is in the moved face" \
	"$(tui_sgr_before 'moved to ¶12 ▼')" "fg:231 bg:61"
check_eq "so is the paragraph" \
	"$(tui_sgr_before 'Sakuragi, founded in Kanazawa')" "fg:231 bg:61"
check_eq "the gutter cursor is on the move's rows" \
	"$(tui_screen -e | sed -n '4,10p' | grep -c "$ESC\[48;5;214m [>│] ")" 7

tui_keys m
check "m jumps to the other end" tui_wait_line 4 \
	"^$filler < moved from ¶7 ▲\$"
check "which is the same change" tui_wait_line 40 '^  end │ passage 2/4 '
tui_screen | sed '$d' >"$TMPD/got"
sed '$d' "$screens/browse-bottom.screen" >"$TMPD/want"
check_file "the other end is at the bottom: the bottom screen" "$TMPD/got" "$TMPD/want"
check_eq "its note is in the moved face" \
	"$(tui_sgr_before 'moved from ¶7 ▲')" "fg:231 bg:61"
check_eq "the gutter cursor is on its rows" \
	"$(tui_screen -e | sed -n '4,10p' | grep -c "$ESC\[48;5;214m [<│] ")" 7

tui_keys m
check "m again jumps back" tui_wait_line 4 '^moved to ¶12 ▼ '
check "to the same change" tui_wait_line 40 '^  63% │ passage 2/4 '

tui_keys Tab
check "Tab goes on to change 3" tui_wait_line 40 '^  82% │ passage 3/4 '
tui_keys m
check "m on a change that is not a move says so" \
	tui_wait_line 40 '^ this change is not a move$'

tui_keys q
check "q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'

finish
