#!/bin/sh
# search-fold.sh — search reads text as the comparison does (issue 16):
# "U.S." finds "US", "per cent" finds "percent", highlighted as such; a
# capital makes the search exact ("U.S." skips the "us" of "told us"), no
# capital any case; a new search finds a match already on screen, forward
# on the top row and backward below it, without wrapping (120x24: the
# first eleven paragraphs on screen).
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

para() {	# para N: paragraph N of the fixture
	case $1 in
	1) echo "Port news for the week." ;;
	3) echo "Officials from the US embassy attended." ;;
	5) echo "The harbour board met on Monday." ;;
	10) echo "The U.S. ambassador spoke briefly." ;;
	15) echo "She told us that prices rose 3 percent." ;;
	20) echo "Costs rose 5 per cent last year." ;;
	28) echo "The harbour will close in winter." ;;
	*) echo "Filler paragraph number $1 says nothing." ;;
	esac
}
for i in $(seq 1 30); do para $i; echo; done >"$TMPD/a.txt"
sed 's/^Filler paragraph number 2 says nothing\.$/Filler two was changed./' \
	"$TMPD/a.txt" >"$TMPD/b.txt"

row() {		# row TEXT: a screen row with TEXT on both sides
	printf '^%-61s%s *$' "$1" "$1"
}

tui_start 120 24 "$VERSUS" "$TMPD/a.txt" "$TMPD/b.txt"
check "the browser starts" tui_wait_for '2/2 .*b.txt'

# Forward from the top: the top row itself is searched.
tui_keys /
tui_keys -l port
tui_keys Enter
check "a match on the top row is found" tui_wait_line 2 "$(row 'Port news for the week.')"
check "without wrapping" eval '! tui_line 24 | grep -q wrapped'

# Backward from the top: a match lower on the screen, not the last one.
tui_keys '\'
tui_keys -l harbour
tui_keys Enter
check "backward finds the match on screen" \
	tui_wait_line 2 "$(row 'The harbour board met on Monday.')"
check "without wrapping" eval '! tui_line 24 | grep -q wrapped'
tui_keys n
check "n goes on backward, wrapping to the last" \
	tui_wait_line 24 '^ search wrapped to the bottom$'
check "at the bottom of the story" \
	eval 'tui_sgr_before harbour | grep -q "bg:226"'

# "U.S." as the comparison reads it.
tui_keys g /
tui_keys -l U.S.
tui_keys Enter
check "U.S. finds US" tui_wait_line 2 "$(row 'Officials from the US embassy attended.')"
check_eq "US is highlighted on both sides" "$(tui_sgr_before 'US')" \
	"$(printf '1 fg:16 bg:226\n%.0s' 1 2)"
tui_keys n
check "then U.S." tui_wait_line 2 "$(row 'The U.S. ambassador spoke briefly.')"
tui_keys n
check "a capital: the \"us\" of \"told us\" is skipped" \
	tui_wait_line 2 "$(row 'Officials from the US embassy attended.')"
check "wrapping" tui_wait_line 24 '^ search wrapped to the top$'

tui_keys /
tui_keys -l u.s.
tui_keys Enter
check "a new search starts on the top row" \
	tui_wait_line 2 "$(row 'Officials from the US embassy attended.')"
tui_keys n n
check "no capital: \"told us\" too" \
	tui_wait_line 2 "$(row 'She told us that prices rose 3 percent.')"

# "per cent" finds "percent", highlighted whole.
tui_keys g /
tui_keys -l 'per cent'
tui_keys Enter
check "per cent finds percent" \
	tui_wait_line 2 "$(row 'She told us that prices rose 3 percent.')"
check_eq "percent is highlighted on both sides" \
	"$(tui_sgr_before 'percent')" "$(printf '1 fg:16 bg:226\n%.0s' 1 2)"

tui_keys q
check "q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'

finish
