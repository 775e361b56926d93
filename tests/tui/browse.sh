#!/bin/sh
# browse.sh — the browser on samples 1 and 3 at 120x40: the first screen
# (titles, aligned panes, status line) exactly; next-change and the gutter
# cursor; j and k scroll both panes as one, so a paragraph starts on the
# same row on both sides; Space and b page; G and g go to the bottom and
# the top; q gives the terminal back with status 1 (diff's: they differ).
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
screens=$srcdir/tests/tui

tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_expect "the first screen" "$screens/browse-start.screen"

# The focused (left) title, the other title and the status line.
check_eq "the left title has the focus colours" \
	"$(tui_sgr_before ' 1\/2 samples\/1-wire.txt')" "1 fg:231 bg:25"
check_eq "the right title has the title colours" \
	"$(tui_sgr_before '    2\/2 samples\/3-corrected.txt')" "fg:252 bg:238"
check_eq "the status line has the status colours" \
	"$(tui_sgr_before '  top │ passage')" "fg:252 bg:238"

# j and k: one line at a time, both panes together.
tui_keys j
check "j scrolls one line" tui_wait_line 2 \
	"^Tejovolt Energia SA and Japan's Sakuragi Cell Technologies   Tejovolt"
tui_keys j j j j
check "four more j" tui_wait_line 2 '^investment in Portugal'
check_eq "paragraph 2 starts on the same row on both sides" "$(tui_line 4)" \
	"The plant, to be owned by a joint venture called Atlântico ~ The plant, to be owned by a joint venture called Atlântico"
check_eq "paragraph 2's changed row faces its new version" "$(tui_line 7)" \
	"create 1,200 jobs when it reaches full capacity, according │ create 1,400 jobs when it reaches full capacity, according"
check_eq "paragraph 3 starts on the same row on both sides" "$(tui_line 12)" \
	"Shares of Tejovolt rose 3.5 percent in Lisbon, their         Shares of Tejovolt rose 3.5 percent in Lisbon, their"
check "the status line follows" tui_wait_line 40 '^  34% │ passage 0/'
tui_keys k k k k k
check "five k go back to the top" tui_wait_line 2 '^LISBON'
tui_expect "k undoes j exactly" "$screens/browse-start.screen"

# Space and b: a screen (38 text rows) less two rows of context.
tui_keys Space
check "Space pages down 36 rows" tui_wait_line 2 \
	'^euro of public money in this project brings at least ten     euro of'
check "the status line follows" tui_wait_line 40 '^  60% │'
tui_keys Space
check "Space again" tui_wait_line 2 \
	'^in Hungary and Spain\.  *│ in Hungary and Spain\.$'
check "the status line follows" tui_wait_line 40 '^  89% │'
tui_keys b
check "b pages back up" tui_wait_line 2 '^euro of public money'
tui_keys b
check "b again: the top" tui_wait_line 2 '^LISBON'
tui_expect "b undoes Space exactly" "$screens/browse-start.screen"

# G and g.
tui_keys G
check "G goes to the bottom" tui_wait_line 40 '^  end │'
tui_expect "the bottom screen" "$screens/browse-bottom.screen"
tui_keys g
check "g goes to the top" tui_wait_line 2 '^LISBON'
check "the status line follows" tui_wait_line 40 '^  top │'

# The figure is a changed fact: bold and underlined, brighter colours.
check_eq "the deleted figure (a fact) is bold, underlined, white on red" \
	"$(tui_sgr_before '1,200')" "1 4 fg:231 bg:160"
check_eq "the inserted figure (a fact) is bold, underlined, black on green" \
	"$(tui_sgr_before '1,400')" "1 4 fg:16 bg:120"

# Tab: change 1 is the new figure in paragraph 2, shown two rows down.
tui_keys Tab
check "Tab goes to change 1" tui_wait_line 40 '^  34% │ passage 1/'
check_eq "change 1 is two rows below the top" "$(tui_line 4)" \
	"The plant, to be owned by a joint venture called Atlântico ~ The plant, to be owned by a joint venture called Atlântico"
tui_screen -e >"$TMPD/tab.screen"
cursor="$ESC\\[48;5;214m"
check "the gutter cursor marks the change's first row" \
	grep -q "${cursor} ~ " "$TMPD/tab.screen"
check_eq "and its six other rows" \
	"$(sed -n '5,10p' "$TMPD/tab.screen" | grep -c "${cursor} │ ")" 6
check_eq "and no row outside the change" \
	"$(sed -n '2,3p;12,39p' "$TMPD/tab.screen" | grep -c "$cursor")" 0
# Now current, its words are in the current change's faces (edits.sh).
check_eq "the current deleted figure is black on salmon" \
	"$(tui_sgr_before '1,200')" "1 fg:16 bg:209"
check_eq "the current inserted figure is black on orange, underlined" \
	"$(tui_sgr_before '1,400')" "1 4 fg:16 bg:214"

tui_keys q
check "q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'
check_eq "the shell's screen is back" "$(tui_screen | sed '/^$/d')" "[exited] 1"

finish
