#!/bin/sh
# reviewed.sh — reviewed marks as a reviewer uses them (issue 16): a key
# marks the current change reviewed, its words and marker dim once the
# cursor leaves it; next-change skips reviewed changes on request; the
# marks are still there in the next run, with the sides swapped too,
# kept under $XDG_STATE_HOME/versus; the key unmarks; a corrupt file is
# ignored with a message; --report --unreviewed leaves marked changes
# out, and so does the report key while reviewed changes are skipped.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
XDG_STATE_HOME=$TMPD/state
export XDG_STATE_HOME
rows=40

status() {	# status REGEX: the status line, once the screen settles
	tui_wait_stable
	tui_line $rows | grep -q -- "$1" ||
		{ diag "status line: $(tui_line $rows)"; return 1; }
}
face() {	# face WORD: the SGR just before WORD's first occurrence
	tui_sgr_before "$1" | head -1
}
# dim WORD: WORD is drawn in the reviewed face, grey on the changed
# paragraph's tint (tmux leaves out the tint when it does not change).
dim() {
	case " $(face "$1") " in
	*" fg:244 "*) return 0 ;;
	*) diag "$1 is drawn in: $(face "$1")"; return 1 ;;
	esac
}
# mark_face TEXT: the SGR before the margin marker of the row with TEXT.
mark_face() {
	tui_screen -e | grep -- "$1" | grep -o "\($ESC\[[0-9;]*m\)\{1,\}[~│]" |
		sed "s/^\(\($ESC\[[0-9;]*m\)*\).*/\1/; s/$ESC\[\([0-9;]*\)m/\1;/g; s/;\$//" |
		tui_sgr_decode | tail -1
}
marks() {	# the keys in the pair's file
	cat "$XDG_STATE_HOME"/versus/*.reviewed 2>/dev/null | sed 1d | wc -l
}

# Samples 1 and 3: change 3 is a quote with two edits ("business" to
# "industry", "very" to "painfully").
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys Tab Tab Tab
check "Tab x3: change 3, the quote" status '│ passage 3/4 (quote) │'
tui_keys a
check "a marks its two edits reviewed" \
	status '2 edits marked reviewed (2 of 5 reviewed)'
check_eq "the file holds two keys" "$(marks)" 2
check "in \$XDG_STATE_HOME/versus, named by the files' hashes" sh -c \
	"ls '$XDG_STATE_HOME'/versus | grep -qx '[0-9a-f]\{16\}-[0-9a-f]\{16\}\.reviewed'"
check_eq "while current, its words stay in the current faces" \
	"$(face 'industry')" "1 4 fg:16 bg:214"
tui_keys J
check "J: its first edit is current" status '│ passage 3/4 (quote), edit 1/2 │'
check "the other edit's deleted words are dimmed" dim 'very'
check "and its inserted ones" dim 'painfully'
tui_keys Tab u
check "Tab u: change 4, then up, where no change is current" \
	status '│ passage 0/4'
check "the reviewed change's words are dimmed" dim 'business'
check_eq "and its margin marker" "$(mark_face 'Analysts welcomed')" \
	"fg:244 bg:236"
tui_keys A
check "A: next-change skips reviewed changes" \
	status 'next-change and next-edit skip reviewed changes'
tui_keys g Tab Tab Tab
check "Tab x3 from the top: change 4, past the reviewed change 3" \
	status '│ passage 4/4 .*skipping reviewed'
tui_keys BTab
check "BTab: back to change 2, past change 3" status '│ passage 2/4'
tui_keys r Enter
check "the report key leaves reviewed changes out when skipping them" \
	status "wrote the unreviewed changes from version 1 to version 2"
check "the report lacks the reviewed quote" sh -c \
	"! grep -q painfully '$TMPD/run/versus-report.md'"
check "but has the figure" grep -q '1,400' "$TMPD/run/versus-report.md"
tui_keys q
check "q quits" tui_wait_for '^\[exited\] 1'

# The next run, sides swapped: the marks hold.
tui_start 120 40 "$VERSUS" samples/3-corrected.txt samples/1-wire.txt
check "swapped: the browser starts" tui_wait_for '2/2 samples/1-wire.txt'
tui_keys Tab Tab J
check "swapped: Tab Tab J: the quote's first edit" \
	status '│ passage 2/4 (quote), edit 1/2 │'
check "swapped: its second edit is still reviewed" dim 'painfully'
tui_keys a
check "a unmarks the current edit" status '1 edit unmarked (1 of 5 reviewed)'
tui_keys a
check "a again marks it" status '1 edit marked reviewed (2 of 5 reviewed)'
tui_keys J a
check "J a unmarks the second" status '1 edit unmarked (1 of 5 reviewed)'
check_eq "the file holds one key" "$(marks)" 1
tui_keys q
check "q quits" tui_wait_for '^\[exited\] 1'

# --report --unreviewed: the marked edit is left out.
# From the tmux tests' folder, where samples/ is, in a build folder too.
cd "$TUI_DIR" || exit 1
"$VERSUS" --report "$TMPD/all.md" samples/1-wire.txt samples/3-corrected.txt \
	>/dev/null 2>&1
"$VERSUS" --report "$TMPD/left.md" --unreviewed samples/1-wire.txt \
	samples/3-corrected.txt >/dev/null 2>"$TMPD/err"
check_eq "--unreviewed exits as --report does (1, they differ)" "$?" 1
check "--report has the marked edit (in the quote)" \
	grep -q '\*\*industry\*\*' "$TMPD/all.md"
check "--report --unreviewed has not" sh -c \
	"! grep -q '\*\*industry\*\*' '$TMPD/left.md'"
check "but has the others" grep -q '1,400' "$TMPD/left.md"
"$VERSUS" --unreviewed samples/1-wire.txt samples/3-corrected.txt \
	>/dev/null 2>"$TMPD/err"
check_eq "--unreviewed without --report is a usage error" "$?" 2
check "it says so" grep -q -- '--unreviewed goes with --report' "$TMPD/err"

# A corrupt file: ignored, with a message; the next mark writes it anew.
for f in "$XDG_STATE_HOME"/versus/*.reviewed; do
	printf 'not marks\n' >"$f"
done
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "a corrupt file: the browser starts and says so" \
	status 'reviewed marks ignored: .*not a file'
tui_keys Tab a
check "a mark writes a good file" status '1 edit marked reviewed (1 of 5'
check_eq "the file holds one key" "$(marks)" 1
check_eq "after its header" "$(head -1 "$XDG_STATE_HOME"/versus/*.reviewed)" \
	"versus reviewed 1"
finish
