#!/bin/sh
# fold.sh — what the browser shows: c folds each run of unchanged
# paragraphs into one row "… N unchanged paragraphs" (samples 1 and 3:
# runs of 1, 4, 2, 2 and 5 of the 17 paragraphs) and c again unfolds
# them; t cycles cosmetic changes (samples 1 and 2: "percent" / "per
# cent", quotes) through hidden, shown and dimmed, which the status line,
# the gutter marks, the change count and the colours follow.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
screens=$srcdir/tests/tui

tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'

tui_keys c
check "c folds" tui_wait_line 40 '^ changes only: unchanged paragraphs folded$'
tui_expect "the folded screen" "$screens/fold-changes.screen"
check_eq "the folds count the unchanged paragraphs of each run" \
	"$(tui_screen | sed -n 's/^── … \([0-9]*\) unchanged paragraphs\{0,1\} ─*$/\1/p' | tr '\n' ' ')" \
	"1 4 2 2 5 "
check_eq "in the fold face" "$(tui_sgr_before '── … 4 unchanged')" \
	"fg:244 bg:default"
tui_keys j
check "the status line says changes only" \
	tui_wait_line 40 '^  95% │ passage 0/4 .* │ cosmetic dimmed, changes only │'
check "j scrolls the folded view" tui_wait_line 2 '^The plant, to be owned'
tui_keys G
check "G: the end of the folded view" tui_wait_line 40 '^  end │'
check_eq "the last row is the end of the correction note" "$(tui_line 39)" \
	"$(printf '╱%.0s' $(seq 58)) │ quotation in paragraph 9.)"

tui_keys c
check "c again unfolds" tui_wait_line 40 '^ all paragraphs shown$'
check_eq "no fold is left" "$(tui_screen | grep -c 'unchanged paragraph')" 0
tui_keys g
check "g: the top" tui_wait_line 2 '^LISBON'
tui_expect "the first screen again" "$screens/browse-start.screen"
tui_keys c
check "c at the top folds" tui_wait_line 40 '^ changes only'
tui_keys c
check "c again unfolds" tui_wait_line 40 '^ all paragraphs shown$'
check "and the view is still at the top" tui_wait_line 2 '^LISBON'
tui_keys q
check "q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'
tui_stop

# Cosmetic changes, on the syndicated copy.
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/2-syndicated.txt
check "the browser starts" tui_wait_for '2/2 samples/2-syndicated.txt'
plant="^The plant, to be owned by a joint venture called Atlântico"
check "cosmetic changes start dimmed" \
	tui_wait_line 40 '^  top │ passage 0/15 │ changes: 9 substantive, 37 cosmetic │ similarity 96% │ cosmetic dimmed │'
check "a paragraph with only cosmetic changes is marked ≈" \
	tui_wait_line 12 "$plant ≈ The plant"
# faces TEXT: how many TEXTs on the screen are in each face.  The screen
# shows "percent" four times on the left, "per cent" on the right.
faces() {
	tui_sgr_before "$1" | sort | uniq -c | sed 's/^ *//'
}
check_eq "\"percent\" is dimmed" "$(faces percent)" "4 fg:244"
check_eq "so is \"per cent\"" "$(faces 'per cent')" "4 fg:244"

tui_keys t
check "t: hidden" tui_wait_line 40 '^ cosmetic changes hidden$'
check "without the ≈ mark" tui_wait_line 12 "$plant   The plant"
check_eq "and without a face" "$(tui_sgr_before 'per cent' | grep -c .)" 0
tui_keys k
check "Tab steps through substantive passages only; the changes stay counted" \
	tui_wait_line 40 '^  top │ passage 0/5 │ changes: 9 substantive, 37 cosmetic │ similarity 96% │ cosmetic hidden │'

tui_keys t
check "t: shown" tui_wait_line 40 '^ cosmetic changes shown$'
check "with the ≈ mark" tui_wait_line 12 "$plant ≈ The plant"
check_eq "\"percent\" is black on orange" "$(faces percent)" "4 fg:16 bg:180"
check_eq "so is \"per cent\"" "$(faces 'per cent')" "4 fg:16 bg:180"
tui_keys k
check "cosmetic passages are stepped through again" \
	tui_wait_line 40 '^  top │ passage 0/15 │ changes: 9 substantive, 37 cosmetic │ similarity 96% │ cosmetic shown │'

tui_keys t
check "t: dimmed again" tui_wait_line 40 '^ cosmetic changes dimmed$'
check_eq "\"per cent\" is dimmed again" "$(faces 'per cent')" "4 fg:244"
tui_keys k
check "the status line says so" \
	tui_wait_line 40 '^  top │ passage 0/15 │ changes: 9 substantive, 37 cosmetic │ similarity 96% │ cosmetic dimmed │'

tui_keys q
check "q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'

finish
