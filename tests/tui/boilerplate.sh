#!/bin/sh
# boilerplate.sh — the journalist's lens in the browser: boilerplate is
# labelled beside it and folds away with one key; changed
# facts have their own keys; the presence view shows every version at
# once and opens a pair at a passage; the corrections log is written.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/4-rewrite.txt
check "the browser starts" tui_wait_for '2/2 samples/4-rewrite.txt'
check "site chrome is labelled beside it, at its pane's edge" \
	tui_wait_line 2 '^╱*╱ + Login Register Subscribe  *chrome$'
check "a share prompt is labelled" tui_wait_line 4 '^╱*╱ + Share this article  *share$'
check "a caption, on the first of its rows with room" \
	tui_wait_line 10 '^╱*╱ │ will be built\. (photo: Ana Lima)  *caption$'
check_eq "no label is left in the filler" "$(tui_screen | grep -c '╱ [a-z]')" 0
check_eq "labels are in the fold face" "$(tui_sgr_before ' chrome' | sort -u)" \
	"fg:244"
check "a headline is not boilerplate" tui_wait_line 6 '^╱*╱ + Portugal lands'
tui_keys o
check "o folds the boilerplate away" \
	tui_wait_line 40 '^ 13 boilerplate passages folded away$'
check "a fold row stands for it" tui_wait_line 2 '^── … 2 boilerplate paragraphs ─'
check "the headline stays" tui_wait_line 3 '^╱*╱ + Portugal lands'
tui_keys o
check "o again shows it" tui_wait_line 40 '^ boilerplate shown (13 passages)$'
tui_keys q
check "quits (status 1: they differ)" tui_wait_for '^\[exited\] 1'

# Facts: x goes to the next changed fact, skipping ordinary wording.
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "1 against 3" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys x
check "x: the changed figure, a number" \
	tui_wait_line 40 '^  *[0-9]*% │ passage 1/4 (number) '
tui_keys x
check "x again: the changed quotation, skipping the move" \
	tui_wait_line 40 '^  *[0-9]*% │ passage 3/4 (quote) '
tui_keys X
check "X: back to the number" tui_wait_line 40 '│ passage 1/4 (number) '
tui_keys r
check "r asks where to write the report" \
	tui_wait_line 40 '^write the changes to: versus-report.md$'
tui_keys C-u
tui_keys -l "$TMPD/log.md"
tui_keys Enter
check "the report is written" tui_wait_line 40 "^ wrote the changes from version 1 to version 2 to $TMPD/log.md"
check "it lists the changed figure" grep -q '^### Sentence 1 — number$' "$TMPD/log.md"
tui_keys q
check "quits (status 1: they differ)" tui_wait_for '^\[exited\] 1'

# A rewrite's sentence whose facts survive is named as a paraphrase.
printf '%s\n\n%s\n' \
	"The city council of Harwick approved a budget of 48 million euros on Tuesday. Mayor Elena Brandt said the money would go to schools." \
	"The weather was mild and the meeting ended early." >"$TMPD/a.txt"
printf '%s\n' \
	"Harwick has a new 48 million euro budget, approved Tuesday. Brandt wants schools to get the money." >"$TMPD/b.txt"
tui_start 120 40 "$VERSUS" "$TMPD/a.txt" "$TMPD/b.txt"
check "a rewrite" tui_wait_for 'Harwick has a new'
tui_keys Tab
check "the change is named a paraphrase of paragraph 1" \
	tui_wait_line 40 'passage 1/.*paraphrase of ¶1'
tui_keys q
check "quits (status 1: they differ)" tui_wait_for '^\[exited\] 1'

# Every version at once.
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/2-syndicated.txt \
	samples/3-corrected.txt samples/4-rewrite.txt samples/5-summary.txt
check "five versions" tui_wait_for '2/5 samples/2-syndicated.txt'
tui_keys p
check "p opens the presence view" tui_wait_line 1 '^ every version at once: base 1 of 5'
check "how much of version 1 each version carries" \
	tui_wait_line 2 'share of 1 each carries — *2: 96% *3: 100% *4: 98% *5: 35%$'
check "the syndicated copy's new headline, introduced by version 2" \
	tui_wait_line 3 '^   + ·◆···  Japanese-Portuguese venture'
check "paragraph 2: the same in 2 and 4, changed in 3 and 5" \
	tui_wait_line 10 '^   2 ■■□■□  The plant, to be owned'
tui_keys j j j j j j j
check "the cursor moves" tui_wait_line 40 '^ passage 8 of '
tui_keys Enter
check "Enter opens the base against a version changing it" \
	tui_wait_line 1 '3/5 samples/3-corrected.txt'
check "at that passage" tui_wait_for '1,400 jobs'
tui_keys q
check "quits (status 1: they differ)" tui_wait_for '^\[exited\] 1'

finish
