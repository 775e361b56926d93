#!/bin/sh
# presence.sh — the presence view around another base (issue 16, bug 3):
# a passage that a version merged into its neighbour shows that version
# present, and a version's added ending follows the other versions' rows
# instead of splitting them.  On the five seeds.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"
need_seeds

tui_start 160 45 "$VERSUS" "$SEEDS_DIR"/*.txt
check "five versions" tui_wait_for '2/5 .*001_'
tui_keys '>' B p
check "base 3: > then B then p" \
	tui_wait_line 1 '^ every version at once: base 3 of 5'
check "the revenue figure, merged by 003 into its Canalys paragraph" \
	tui_wait_for '^   + ◆··□·  It saw a 50 per cent rise in revenue'
check "the Canalys paragraph, carried by 000 and 003" \
	tui_wait_for '^   + ◆··□·  Alibaba, the world.s fourth largest cloud'
# 000's last paragraphs stay together: its sign-off comes right after
# them, before the rows of 003's own ending.
tui_screen >"$TMPD/screen"
check "000's sign-off follows its last paragraph" \
	sh -c "grep -A1 'While the sweeping Trump-era powers' '$TMPD/screen' |
		grep -q '^   + ◆····  REUTERS'"
tui_keys q q
check "quits" tui_wait_for '^\[exited\] [01]$'

finish
