#!/bin/sh
# moves-narrow.sh — a sentence moved into another paragraph far below
# (issue 14.4), in the one-pane layout of a terminal narrower than 80
# columns: each end's paragraph opens with a note row of its own,
# "> moved to ¶43 ▼" and "< moved from ¶1 ▲", as the two panes show them;
# the moved sentence, deleted at the end of its paragraph, stays a space
# apart from the words before it; m jumps from one end to the other.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

moved="The pier was built in 1926 and last repaired in 1988."
{
	printf 'Ferry services will stop in March, the board said. %s\n\n' "$moved"
	i=0
	while [ $i -lt 40 ]; do
		printf 'Filler paragraph %d says nothing about the pier, only about the quay number %d.\n\n' $i $i
		i=$((i + 1))
	done
	printf 'Islanders have asked for a replacement boat. A spokeswoman said talks were continuing.\n'
} >"$TMPD/a.txt"
{
	printf 'Ferry services will stop in March, the board said.\n\n'
	i=0
	while [ $i -lt 40 ]; do
		printf 'Filler paragraph %d says nothing about the pier, only about the quay number %d.\n\n' $i $i
		i=$((i + 1))
	done
	printf 'Islanders have asked for a replacement boat. %s A spokeswoman said talks were continuing.\n' "$moved"
} >"$TMPD/b.txt"

tui_start 70 20 "$VERSUS" "$TMPD/a.txt" "$TMPD/b.txt"
check "the browser starts, one pane" tui_wait_for '2/2 .*b.txt'
check "the status line says inline" tui_wait_line 20 'inline'
check "the source's paragraph opens with its note and mark" \
	tui_wait_line 2 '^ > moved to ¶42 ▼$'
check "then its text, the moved sentence a space apart" \
	tui_wait_line 3 '^ │ Ferry services will stop in March, the board said\. The pier'

tui_keys Tab
check "the first passage is the source" tui_wait_line 20 ' passage 1/2 '
tui_keys m
check "m jumps to the destination, and its note" \
	tui_wait_for '^ < moved from ¶1 ▲$'
check "where the sentence is" \
	tui_wait_for '^ │ Islanders have asked for a replacement boat\. The pier'
check_eq "the source is off screen" "$(tui_screen | grep -c 'moved to')" 0
tui_keys m
check "m again jumps back to the source" tui_wait_line 2 '^ > moved to ¶42 ▼$'

tui_keys q
check "q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'

finish
