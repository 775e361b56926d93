#!/bin/sh
# keymaps.sh — the same review (scroll down, next change, search a word,
# the next version on the right, quit) with the default, vi and emacs
# keymaps, each with its own keys, gives the same screens; a keymap file
# that includes vi and rebinds j; a keymap file with an unknown action is
# refused with its file and line (exit status 2), with and without a
# terminal.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples

# review KEYMAP SCROLL NEXT SEARCH RIGHT QUIT: each argument is the keys
# of one step, as tmux names them ("] c"); SEARCH is the key that opens
# the search prompt, or "" to leave that step out.  Each step's screen,
# without the status line, is kept in $TMPD/KEYMAP.N.
review() {
	km=$1
	tui_start 120 40 "$VERSUS" --keymap "$km" samples/1-wire.txt \
		samples/2-syndicated.txt samples/3-corrected.txt
	check "$km: the browser starts" tui_wait_for '2/3 samples/2-syndicated.txt'

	tui_keys $2
	check "$km: scroll down ($2)" tui_wait_line 2 '│ plant in Setúbal$'
	keep "$km" 1
	tui_keys $3
	check "$km: next change ($3)" tui_wait_line 40 '^  34% │ passage 2/15 '
	keep "$km" 2
	if [ -n "$4" ]; then
		tui_keys $4
		tui_keys -l Inoue
		tui_keys Enter
		check "$km: search ($4)" tui_wait_line 2 '^President Haruto Inoue '
		keep "$km" 3
	fi
	tui_keys $5
	check "$km: next version on the right ($5)" \
		tui_wait_line 1 ' 3/3 samples/3-corrected.txt$'
	check "$km: the message says so" \
		tui_wait_line 40 '^ version 1 against version 3$'
	keep "$km" 4
	tui_keys $6
	check "$km: quit ($6), status 1: they differ" tui_wait_for '^\[exited\] 1'
}

# The status line is left out: how much of it fits beside the help keys
# depends on how wide they are in each keymap (the steps check its start).
keep() {
	tui_screen | sed '$d' >"$TMPD/$1.$2"
}

review default j Tab / Right q
review vi j '] c' / l 'Z Z'
# emacs: C-s searches (flow control is off) and C-x C-c quits (C-c is a
# key, not SIGINT).
review emacs C-n M-n C-s 'C-x Right' 'C-x C-c'


for step in 1 2 3 4; do
	check_file "vi: the screen after step $step is the default's" \
		"$TMPD/vi.$step" "$TMPD/default.$step"
done
for step in 1 2 3 4; do
	check_file "emacs: the screen after step $step is the default's" \
		"$TMPD/emacs.$step" "$TMPD/default.$step"
done

# A keymap file of one's own.
cat >"$TMPD/my.keys" <<'KEYS'
# vi, but j goes to the next change
include vi
bind j next-change
KEYS
tui_start 120 40 "$VERSUS" --keymap "$TMPD/my.keys" samples/1-wire.txt \
	samples/3-corrected.txt
check "my.keys: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys j
check "my.keys: j goes to the next change" tui_wait_line 40 '^  34% │ passage 1/4 '
tui_keys j
check "my.keys: j again" tui_wait_line 40 '^  63% │ passage 2/4 '
tui_keys k
check "my.keys: k still scrolls up, as in vi" tui_wait_line 40 '^  62% │ passage 2/4 '
tui_keys g g
check "my.keys: g g still goes to the top" tui_wait_line 2 '^LISBON'
tui_keys q
check "my.keys: q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'

# An unknown action, on line 3.
printf 'include vi\n# a comment\nbind x x\n' >"$TMPD/bad.keys"
want="versus: $TMPD/bad.keys:3: unknown action 'x'"
"$VERSUS" --keymap "$TMPD/bad.keys" --list-actions >"$TMPD/out" 2>"$TMPD/err"
check_eq "bad.keys without a terminal: exit status 2" $? 2
check_eq "bad.keys without a terminal: the message" "$(cat "$TMPD/err")" "$want"
check_eq "bad.keys without a terminal: nothing on stdout" "$(cat "$TMPD/out")" ""

"$VERSUS" --keymap "$TMPD/bad.keys" --print samples/1-wire.txt \
	samples/3-corrected.txt >"$TMPD/out" 2>"$TMPD/err"
check_eq "bad.keys with --print: exit status 2" $? 2
check_eq "bad.keys with --print: the message" "$(cat "$TMPD/err")" "$want"

tui_start 120 40 "$VERSUS" --keymap "$TMPD/bad.keys" samples/1-wire.txt \
	samples/3-corrected.txt
check "bad.keys in a terminal: exit status 2" tui_wait_for '^\[exited\] 2$'
check_eq "bad.keys in a terminal: the message" \
	"$($TUI capture-pane -p -J | sed '/^$/d')" \
	"$want
[exited] 2"

finish
