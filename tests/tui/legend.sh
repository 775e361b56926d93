#!/bin/sh
# legend.sh — the help screen opens with the legend, and versus(1)'s
# LEGEND section says the same: every entry of the manual's LEGEND is a
# line of the help screen's legend, sample and meaning, and the help
# screen has no legend line the manual lacks.  The samples are drawn in
# the browser's real faces: the same colours as the words and filler of
# the diff view.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

man=${abs_top_builddir:-.}/doc/versus.1
[ -f "$man" ] || skip_all "no built manual page ($man)"

tui_samples

# The manual's entries, "SAMPLE<tab>MEANING" a line: after each .TP of
# the LEGEND section, the sample in bold (its look in parentheses left
# out) and the meaning on the next line; troff's escapes undone.
sed -n '/^\.SH LEGEND$/,/^\.SH /p' "$man" | awk '
	/^\.TP$/ { tp = 1; next }
	tp == 1 { sample = $0; tp = 2; next }
	tp == 2 { print sample "\t" $0; tp = 0 }' |
	perl -CSD -pe 's/\\\[u([0-9A-F]{4,6})\]/chr(hex($1))/ge;
		s/\\fB(.*?)\\fR( \(.*\))?\t/$1\t/; s/\\ / /g; s/\\-/-/g;
		s/\\e/\\/g; s/\\&//g' >"$TMPD/man.legend"
n=$(wc -l <"$TMPD/man.legend")
check "the manual's LEGEND has entries ($n)" test "$n" -ge 20

tui_start 120 60 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
deleted_fact=$(tui_sgr_before '1,2')
tui_keys Tab
check "Tab: the first change, a figure" tui_wait_line 60 'passage 1/4'
current_deleted=$(tui_sgr_before '1,2')
filler=$(tui_sgr_before '╱' | head -1)
check "the diff view showed a deleted figure and filler, in colour" \
	test -n "$deleted_fact" -a -n "$filler" -a -n "$current_deleted"
tui_keys ?
check "? opens the help" tui_wait_line 1 '^ versus help'
check_eq "the legend comes first" "$(tui_line 2)" \
	" In the margin between the panes"
tui_screen >"$TMPD/help"

# The help's legend: the lines before the keys' heading, entries only
# (indented samples, not the parts' headings or blank lines), as
# "SAMPLE<tab>MEANING": the first run of two spaces or more parts them.
sed -n '2,/^ Keys of the keymap/p' "$TMPD/help" | grep '^   ' |
	sed 's/^ *//; s/ *$//; s/   */	/' >"$TMPD/help.legend"
check_file "the help screen's legend is the manual's LEGEND, in order" \
	"$TMPD/help.legend" "$TMPD/man.legend"

# Drawn in the real faces: what the diff view drew with them.
check_eq "'deleted fact' is in the face of a deleted figure" \
	"$(tui_sgr_before 'deleted fact' | head -1)" "$deleted_fact"
check_eq "the filler sample is in the filler's face" \
	"$(tui_sgr_before "╱╱╱╱$ESC" | head -1)" "$filler"
check_eq "'current deleted' is in the face of the current change's figure" \
	"$(tui_sgr_before 'current deleted')" "$current_deleted"
check_eq "'deleted' is white on red" "$(tui_sgr_before "deleted$ESC")" \
	"fg:231 bg:124"
check_eq "'inserted' is black on green" "$(tui_sgr_before "inserted$ESC")" \
	"fg:16 bg:114"
check_eq "the current change's sample is black on orange, bold" \
	"$(tui_sgr_before " ~ $ESC")" "1 fg:16 bg:214"

tui_keys q
check "q closes the help" tui_wait_line 1 '^ 1/2 samples/1-wire.txt'
finish
