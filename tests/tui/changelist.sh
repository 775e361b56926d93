#!/bin/sh
# changelist.sh — the change list (issue 16): every change of the pair,
# one a row, with where it is, its kinds and "before → after"; as many
# rows as --stat counts changes, and the same counts by kind; a filter by
# kind that lists as many as that kind's count; Enter shows the change
# in the diff view as its current edit; the reviewed key marks a row.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
XDG_STATE_HOME=$TMPD/state
export XDG_STATE_HOME
rows=30

status() {	# status REGEX: the last line, once the screen settles
	tui_wait_stable
	tui_line $rows | grep -q -- "$1" ||
		{ diag "last line: $(tui_line $rows)"; return 1; }
}
# The --stat counts of a pair: "S C" (substantive, cosmetic), and its
# kinds line as "kind N" words, one a line, those with N > 0.
stat_counts() {
	(cd "$TMPD/run" && "$VERSUS" --stat "$@") |
		sed -n 's/^ *changes: \([0-9]*\) substantive, \([0-9]*\) cosmetic.*/\1 \2/p'
}
stat_kinds() {
	(cd "$TMPD/run" && "$VERSUS" --stat "$@") | sed -n 's/^ *kinds: //p' |
		tr ',' '\n' | sed 's/^ *//' | awk '$1 > 0 { print $2 " " $1 }'
}

for pair in "1-wire 3-corrected" "1-wire 4-rewrite" "4-rewrite 2-syndicated"; do
	set -- $pair
	fa=samples/$1.txt fb=samples/$2.txt
	set -- $(stat_counts "$fa" "$fb")
	sub=$1 cos=$2 total=$(($1 + $2))
	tui_start 120 30 "$VERSUS" "$fa" "$fb"
	check "$pair: the browser starts" tui_wait_for "2/2 $fb"
	tui_keys l
	check "$pair: l opens the change list, with --stat's counts" \
		tui_wait_line 1 "^ changes of 1/2 $fa → 2/2 $fb: $sub substantive, $cos cosmetic"
	check "$pair: it lists $total changes, as --stat counts them" \
		status "^ 1/$total │"
	bad=0
	for kn in $(stat_kinds "$fa" "$fb" | tr ' ' ':'); do
		k=${kn%:*} n=${kn#*:}
		tui_line 2 | grep -q " $k $n\\( \\|\$\\)" ||
			{ diag "$k $n not on: $(tui_line 2)"; bad=1; }
	done
	check_eq "$pair: and --stat's count of each kind" "$bad" 0
	tui_keys G
	check "$pair: G selects the last row" status "^ $total/$total │"
done

# Samples 1 and 3 in detail: five changes.
tui_start 120 30 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys l
check "the list opens" tui_wait_line 1 '^ changes of'
check "the figure: where, kind, before → after" tui_wait_for \
	'^   ¶2  *number  *1,200 → 1,400$'
check "the quote's first edit" tui_wait_for \
	'¶10→9  *quote  *business → industry$'
check "a passage moved without an edit shows its text" tui_wait_for \
	'¶7→12  *wording  *moved: Sakuragi, founded in Kanazawa'
check_eq "five rows" "$(tui_screen | grep -c '^ .  *[→¶]')" 5

# The filter: one kind, then the next, then every kind again.
tui_keys F
check "F: only the strongest kind first, numbers" \
	tui_wait_line 2 '^ showing number changes (F: another kind)'
check "as many rows as numbers counted" status '^ 1/2 │'
check "the figure is one" tui_wait_for '1,200 → 1,400'
check "the quote is not" sh -c "! $TUI capture-pane -p | grep -q 'business'"
tui_keys F
check "F: quotes" tui_wait_line 2 '^ showing quote changes'
check "two quote changes" status '^ 1/2 │'
tui_keys F F
check "F F: after the last kind, every kind again" \
	tui_wait_line 2 '^ showing every kind'
check "five rows again" status '^ 1/5 │'

# Enter: the change in the diff view, as its current edit.
tui_keys j j j Enter
check "j j j Enter: the diff view, on the quote's second edit" \
	status '│ passage 3/4 (quote), edit 2/2 │'
check_eq "its words are current" "$(tui_sgr_before 'painfully' | head -1)" \
	"1 4 fg:16 bg:214"
tui_keys l
check "l again: the list, on that edit" status '^ 4/5 │'
tui_keys a
check "a marks the row's change reviewed" \
	status '1 edit marked reviewed (1 of 5 reviewed)'
check "its row says so" tui_wait_for '^ ✓ ¶10→9  *quote  *very → painfully'
tui_keys q
check "q: back to the versions" tui_wait_line 1 '^ 1/2 samples/1-wire.txt'
tui_keys q
check "q quits" tui_wait_for '^\[exited\] 1'

# The vi and emacs keymaps.
tui_start 120 30 "$VERSUS" --keymap vi samples/1-wire.txt samples/3-corrected.txt
check "vi: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys g l
check "vi: g l opens the list" tui_wait_line 1 '^ changes of'
tui_keys F
check "vi: F filters" tui_wait_line 2 '^ showing number changes'
tui_start 120 30 "$VERSUS" --keymap emacs samples/1-wire.txt samples/3-corrected.txt
check "emacs: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys C-c l
check "emacs: C-c l opens the list" tui_wait_line 1 '^ changes of'
tui_keys C-c k
check "emacs: C-c k filters" tui_wait_line 2 '^ showing number changes'
finish
