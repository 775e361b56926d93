#!/bin/sh
# versions.sh — five versions in the browser (120x40): the titles number
# them and mark the base; Right and Left step the right-hand version; v
# opens the overview, a matrix of similarities (layout, every cell, the
# chosen cell in the cursor face); the arrows choose a cell and Enter
# opens that pair; the diagonal cannot be opened; Escape closes it.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
title_12=" 1/5 samples/1-wire.txt  (base)                               2/5 samples/2-syndicated.txt"
title_13=" 1/5 samples/1-wire.txt  (base)                               3/5 samples/3-corrected.txt"
title_24=" 2/5 samples/2-syndicated.txt                                 4/5 samples/4-rewrite.txt"

tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/2-syndicated.txt \
	samples/3-corrected.txt samples/4-rewrite.txt samples/5-summary.txt
check "the browser starts" tui_wait_for '2/5 samples/2-syndicated.txt'
check_eq "the titles: versions 1 (the base) and 2" "$(tui_line 1)" "$title_12"

tui_keys Right
check "Right shows the next version on the right" \
	tui_wait_line 1 '3/5 samples/3-corrected.txt$'
check_eq "the titles: versions 1 and 3" "$(tui_line 1)" "$title_13"
check "and says so" tui_wait_line 40 '^ version 1 against version 3$'
check_eq "the screen shows 1 against 3" "$(tui_line 2)" \
	"LISBON, March 3 (Meridian Wire) – Portuguese energy group    LISBON, March 3 (Meridian Wire) – Portuguese energy group"
tui_keys Left
check "Left goes back" tui_wait_line 1 '2/5 samples/2-syndicated.txt$'
tui_keys Right
check "Right again" tui_wait_line 1 '3/5 samples/3-corrected.txt$'

tui_keys v
check "v opens the overview" tui_wait_line 1 '^ versions: similarity'
# The first line of the matrix (the header), then one row per version:
# marked with * when it is the base, its number, words, paragraphs, its
# similarity to each version and its name.
cat >"$TMPD/matrix" <<'EOF'
 versions: similarity of row to column — choose a cell and select it to compare
    #   words  paras      1      2      3      4      5
*   1     816     17 · 95.7%  97.7%  86.8%   8.4%   samples/1-wire.txt
    2     798     17  95.7% · 93.5%  83.2%   8.6%   samples/2-syndicated.txt
    3     848     18  97.7%  93.5% · 84.9%   7.8%   samples/3-corrected.txt
    4     914     29  86.8%  83.2%  84.9% · 8.1%   samples/4-rewrite.txt
    5     202      5   8.4%   8.6%   7.8%   8.1% · samples/5-summary.txt

EOF
tui_screen | sed -n '1,8p' | sed 's/ *· */ · /' >"$TMPD/got"
check_file "the matrix" "$TMPD/got" "$TMPD/matrix"
# The "·" of the diagonal stands in the column of its version's number.
col_head=$(tui_line 2 | sed 's/\(paras *1\).*/\1/' | wc -m)
col_dot=$(tui_line 3 | sed 's/·.*/·/' | wc -m)
check_eq "the diagonal's dot is under its column's number" "$col_dot" "$col_head"
check_eq "the rest of the screen is empty" \
	"$(tui_screen | sed -n '8,39p' | tr -d '\n')" ""
check_eq "the status line names the chosen pair" "$(tui_line 40)" \
	" pair 1 → 3   (* base)"
check "the cell of the pair on screen is chosen" eval \
	'tui_sgr_before " 97\.7%" | grep -qx "1 fg:16 bg:214"'
check_eq "and no other" "$(tui_sgr_all | grep -c 'bg:214')" 1

tui_keys Down
check "Down chooses the next row" tui_wait_line 40 '^ pair 2 → 3 '
tui_keys Right
check "Right chooses the next column" tui_wait_line 40 '^ pair 2 → 4 '
check "the chosen cell moves" eval \
	'tui_sgr_before " 83\.2%" | grep -qx "1 fg:16 bg:214"'
check_eq "and is the only one" "$(tui_sgr_all | grep -c 'bg:214')" 1
tui_keys Enter
check "Enter opens that pair" tui_wait_line 1 '4/5 samples/4-rewrite.txt$'
check_eq "the titles: versions 2 and 4" "$(tui_line 1)" "$title_24"
check "and says so" tui_wait_line 40 '^ version 2 against version 4$'
check_eq "the screen shows 2 against 4, the site chrome labelled" \
	"$(tui_line 2)" \
	"$(printf '╱%.0s' $(seq 58)) + Login Register Subscribe$(printf ' %.0s' $(seq 27))chrome"

tui_keys v
check "v again" tui_wait_line 40 '^ pair 2 → 4 '
tui_keys Left Left Left
check "Left three times: the diagonal" tui_wait_line 40 '^ pair 2 → 1 '
tui_keys Right
check "Right" tui_wait_line 40 '^ pair 2 → 2 '
# Enter there must not open a version against itself, and says why.
tui_keys Enter
check "Enter on the diagonal says why it does nothing" \
	tui_wait_line 40 '^ choose two different versions'
tui_keys Down
check "Enter on the diagonal leaves the overview open" \
	tui_wait_line 40 '^ pair 3 → 2 '
tui_keys Escape
check "Escape closes the overview" tui_wait_line 1 "^$title_24\$"

tui_keys q
check "q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'

finish
