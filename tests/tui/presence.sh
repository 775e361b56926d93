#!/bin/sh
# presence.sh — the presence view: when and where a passage was first
# carried; around another base (issue 16, bug 3), a passage that a version
# merged into its neighbour shows that version present, and a version's
# added ending follows the other versions' rows instead of splitting
# them (on the five seeds).
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

# Versions with dates (a folder's files are dated by their times, and
# ordered by them in the folder, but not across folders): the view says
# when, and in which version, the chosen passage was first carried.
mkdir "$TMPD/late" "$TMPD/early"
printf 'Ferry fares rise.\n\nIslanders have started a petition.\n\nThe vote is next week.\n' >"$TMPD/late/a.txt"
printf 'Ferry fares rise.\n\nThe vote is next week.\n' >"$TMPD/early/b.txt"
printf 'Ferry fares rise.\n\nIslanders have started a petition.\n\nThe vote is on Monday.\n' >"$TMPD/early/c.txt"
touch -d '2024-03-09 10:00 UTC' "$TMPD/late/a.txt"
touch -d '2024-03-01 10:00 UTC' "$TMPD/early/b.txt"
touch -d '2024-03-05 10:00 UTC' "$TMPD/early/c.txt"
tui_start 120 20 "$VERSUS" "$TMPD/late" "$TMPD/early"
check "three versions, the latest first" tui_wait_for '1/3 .*a.txt'
tui_keys p
check "the title, first carried on the 1st by version 2" \
	tui_wait_line 20 '^ passage 1 of 3: first carried on 2024-03-01 by 2 — '
tui_keys j
check "the petition, first carried on the 5th by version 3, not 1" \
	tui_wait_line 20 '^ passage 2 of 3: first carried on 2024-03-05 by 3 — '
tui_keys q q
check "quits" tui_wait_for '^\[exited\] [01]$'

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
