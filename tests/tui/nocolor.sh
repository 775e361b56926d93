#!/bin/sh
# nocolor.sh — the browser without colours, asked for by NO_COLOR=1 or by
# --color=never (samples 1 and 3, 120x40): no colour anywhere on the
# screen (no 3x/4x/9x/10x, 38;5 or 48;5), yet the changes still stand
# out: the deleted figure in reverse video, the inserted one bold and
# underlined, the gutter cursor and search matches in reverse bold.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples

# review HOW: the checks, on a browser started without colours by HOW.
review() {
	check "$1: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
	check_eq "$1: no colour on the first screen" \
		"$(tui_sgr_all | grep -c '[fb]g:[0-9]')" 0
	check_eq "$1: the titles and the status line are in reverse video" \
		"$(tui_sgr_before ' 1\/2 samples'; tui_sgr_before '  top │')" \
		"$(printf '1 7\n7')"
	# A changed figure is a fact: deleted in bold underlined reverse
	# video, inserted in bold underlined italics.
	check_eq "$1: the deleted figure is in bold underlined reverse video" \
		"$(tui_sgr_before '1,200')" "1 4 7"
	check_eq "$1: the inserted figure is bold, underlined, italic" \
		"$(tui_sgr_before '1,400')" "1 3 4"
	tui_keys Tab
	check "$1: Tab goes to change 1" tui_wait_line 40 '^  34% │ passage 1/'
	check_eq "$1: no colour at change 1" \
		"$(tui_sgr_all | grep -c '[fb]g:[0-9]')" 0
	# The current change's words: reverse bold, inserted underlined.
	check_eq "$1: the current deleted figure is in bold reverse video" \
		"$(tui_sgr_before '1,200')" "1 7"
	check_eq "$1: the current inserted figure is underlined too" \
		"$(tui_sgr_before '1,400')" "1 4 7"
	check_eq "$1: the gutter cursor is in bold reverse video" \
		"$(tui_sgr_before ' ~ ')" "1 7"
	check_eq "$1: on the change's seven rows" \
		"$(tui_sgr_before ' [~│] ' | grep -c '^1 7$')" 7
	tui_keys /
	tui_keys -l Inoue
	tui_keys Enter
	check "$1: search" tui_wait_line 2 '^President Haruto Inoue'
	check_eq "$1: matches are in bold reverse video" \
		"$(tui_sgr_before Inoue | sort -u)" "1 7"
	check_eq "$1: no colour with matches on screen" \
		"$(tui_sgr_all | grep -c '[fb]g:[0-9]')" 0
	tui_screen -e >"$TMPD/$2.screen"
	tui_keys q
	check "$1: q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'
}

tui_start 120 40 env NO_COLOR=1 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
review NO_COLOR=1 no_color
tui_start 120 40 "$VERSUS" --color=never samples/1-wire.txt samples/3-corrected.txt
review --color=never never
check_file "both give the same screen" "$TMPD/never.screen" "$TMPD/no_color.screen"

# NO_COLOR is only a default: --color=always wins.
tui_start 120 40 env NO_COLOR=1 "$VERSUS" --color=always samples/1-wire.txt \
	samples/3-corrected.txt
check "NO_COLOR=1 --color=always: the browser starts" \
	tui_wait_for '2/2 samples/3-corrected.txt'
check_eq "NO_COLOR=1 --color=always: in colour" \
	"$(tui_sgr_before ' 1\/2 samples')" "1 fg:231 bg:25"

# A terminal that cannot show the browser (TERM=dumb): a one-line note,
# then the side-by-side layout printed, without colour.
printf 'The mayor opened the bridge.\n' >"$TMPD/a.txt"
printf 'The mayor closed the bridge.\n' >"$TMPD/b.txt"
tui_start 120 40 env TERM=dumb "$VERSUS" "$TMPD/a.txt" "$TMPD/b.txt"
check "TERM=dumb: versus prints and exits" tui_wait_for '^\[exited\] 1$'
check "TERM=dumb: a note says why" tui_wait_for \
	'^versus: the terminal (TERM=dumb) cannot show the browser; printing side by side instead$'
check "TERM=dumb: the versions side by side, marked without colour" \
	tui_wait_for '^The mayor \[-opened-\] the bridge\.  *~ The mayor {+closed+} the bridge\.$'
check_eq "TERM=dumb: no escape sequences" \
	"$(tui_screen -e | grep -c "$ESC")" 0

finish
