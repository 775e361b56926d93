#!/bin/sh
# edits.sh — the current change's words are drawn in the current
# change's faces, not only its margin (issue 16); next-edit and
# previous-edit step through the edits inside one change, its words
# alone highlighted, on to the next change at the end, scrolling to an
# edit that is below the screen; the status line says "edit 2/6".
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples

# status REGEX: the status line, once the screen settles.
status() {
	tui_wait_stable
	tui_line $rows | grep -q -- "$1" ||
		{ diag "status line: $(tui_line $rows)"; return 1; }
}
# face WORD: the SGR just before WORD, its first occurrence.
face() {
	tui_sgr_before "$1" | head -1
}
cur_del="1 fg:16 bg:209"
cur_ins="1 4 fg:16 bg:214"

# Samples 1 and 3: change 1 a figure (1,200 -> 1,400); change 3 a quote
# with two edits, "business" -> "industry" and "very" -> "painfully".
rows=40
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
check_eq "before any change is current, 1,200 is a deleted figure" \
	"$(face '1,200')" "1 4 fg:231 bg:160"
tui_keys Tab
check "Tab: change 1, one edit" status '│ passage 1/4 (number) │'
check_eq "its deleted words are in the current change's face" \
	"$(face '1,200')" "$cur_del"
check_eq "and its inserted words" "$(face '1,400')" "$cur_ins"

tui_keys Tab Tab
check "Tab Tab: change 3, the quote, two edits" \
	status '│ passage 3/4 (quote) │'
check_eq "the first edit's words are current" "$(face 'business')" "$cur_del"
check_eq "and so are the second's" "$(face 'painfully')" "$cur_ins"
check_eq "change 1, no longer current, is back in its face" \
	"$(face '1,200')" ""	# scrolled away

tui_keys J
check "J: edit 1/2" status '│ passage 3/4 (quote), edit 1/2 │'
check_eq "the first edit is current" "$(face 'industry')" "$cur_ins"
check_eq "the second is not: an inserted fact" "$(face 'painfully')" \
	"1 4 fg:16 bg:120"
tui_keys J
check "J again: edit 2/2" status '│ passage 3/4 (quote), edit 2/2 │'
check_eq "the second edit is current" "$(face 'very')" "$cur_del"
check_eq "the first is not" "$(face 'business')" "1 4 fg:231 bg:160"
tui_keys J
check "J at the last edit goes on to the next change" \
	status '│ passage 4/4.*edit 1/1 │'
tui_keys K
check "K comes back to the last edit of change 3" \
	status '│ passage 3/4 (quote), edit 2/2 │'
tui_keys K K
check "K K: back over the first edit to change 2" status '│ passage 2/4'
tui_keys G J
check "G J: the last change, seen from the bottom" status '│ passage 4/4.*edit 1/1 │'
tui_keys J
check "J after the last edit says so" \
	status 'no more changes below'

# The vi keymap: ] e and [ e.
tui_start 120 40 "$VERSUS" --keymap vi samples/1-wire.txt \
	samples/3-corrected.txt
check "vi: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys ] e
check "vi: ] e is the first edit of change 1" status '│ passage 1/4 (number), edit 1/1 │'
tui_keys ] e ] e
check "vi: ] e ] e the first edit of change 3" status '│ passage 3/4 (quote), edit 1/2 │'
tui_keys [ e
check "vi: [ e back to change 2" status '│ passage 2/4'

# The emacs keymap: M-e and M-a.
tui_start 120 40 "$VERSUS" --keymap emacs samples/1-wire.txt \
	samples/3-corrected.txt
check "emacs: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys M-e M-e M-e
check "emacs: M-e x3 is the first edit of change 3" \
	status '│ passage 3/4 (quote), edit 1/2 │'
tui_keys M-a
check "emacs: M-a back to change 2" status '│ passage 2/4'

# A long paragraph with an edit at its start and one far below: J
# scrolls to the second edit.
{
	printf 'Opening words of the story.\n\n'
	printf 'The alpha council met.'
	i=0
	while [ $i -lt 40 ]; do
		printf ' Filler sentence number %d of the long paragraph.' $i
		i=$((i + 1))
	done
	printf ' The omega vote was close.\n'
} >"$TMPD/long-a.txt"
sed 's/alpha/beta/; s/omega vote/final vote/' "$TMPD/long-a.txt" \
	>"$TMPD/long-b.txt"
rows=12
tui_start 100 12 "$VERSUS" "$TMPD/long-a.txt" "$TMPD/long-b.txt"
check "a long paragraph: the browser starts" tui_wait_for 'long-b.txt'
tui_keys Tab
check "Tab: the paragraph's change" status 'passage 1/1 │'
check "its last edit is below the screen" sh -c \
	"! $TUI capture-pane -p | grep -q omega"
tui_keys J J
check "J J: edit 2/2" status 'passage 1/1, edit 2/2'
check "the screen scrolled to it" tui_wait_for 'omega'
check_eq "and it is current" "$(face 'omega')" "$cur_del"

finish
