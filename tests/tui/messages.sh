#!/bin/sh
# messages.sh — what the browser says where it used to leave the reader
# guessing: the position reads "top" and "end" (not "30%" on the first
# screen); identical versions say "no differences" and which folding made
# them the same; the help screen stops at its last line; the emacs
# keymap's C-s prompt reads as isearch; go-to takes a paragraph of either
# side (":12", ":12r"); stepping past the last version says that it
# wrapped to the first.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples

# The position.
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the first screen is the top" tui_wait_line 40 '^  top │ passage 0/4 │'
tui_keys j
check "a line down, the bottom row's share, as less shows it" \
	tui_wait_line 40 '^  31% │ passage 0/4 │'
tui_keys G
check "the last screen is the end" tui_wait_line 40 '^  end │ passage 0/4 │'

# The help screen ends at its last line, whatever scrolls it.
tui_keys ?
check "? opens the help" tui_wait_line 1 '^ versus help'
tui_keys G
check "G shows the last action on the last row" tui_wait_line 39 '^ q, Q, C-c  '
tui_keys j j j Space Space
check "j and Space scroll no further" tui_wait_line 39 '^ q, Q, C-c  '
check_eq "and the screen is full" "$(tui_screen | grep -c '^ [^ ]')" 40
check "the status line says there is no more below" \
	tui_wait_line 40 '^ q, Q, C-c: back to the versions *$'
tui_keys k
check "k scrolls back up a line" tui_wait_line 40 '(more below: scroll down)$'
tui_keys q q
check "quits" tui_wait_for '^\[exited\] 1'

# Identical versions, and versions made identical by folding.
printf 'The U.S. economy grew by 1,200 jobs, officials said.\n\nIt was "a good day," she said.\n' >"$TMPD/a.txt"
cp "$TMPD/a.txt" "$TMPD/same.txt"
printf 'The US economy grew by 1200 jobs, officials said.\n\nIt was \342\200\234a good day,\342\200\235 she said.\n' >"$TMPD/typo.txt"
printf 'The U.S. Economy grew by 1,200 jobs, officials said.\n\nIt was "a good day," she said.\n' >"$TMPD/case.txt"
printf 'The U.S.  economy grew by 1,200\njobs, officials said.\n\n\nIt was "a good day," she said.\n' >"$TMPD/space.txt"
printf 'The U.S. economy grew by 1,400 jobs, officials said.\n\nIt was "a good day," she said.\n' >"$TMPD/other.txt"

same() {
	tui_start 120 20 "$VERSUS" "$TMPD/a.txt" "$TMPD/$1"
	check "$1: $2" tui_wait_line 20 "^  all │ $2 │ similarity 100% │"
}
same same.txt 'no differences: the files are identical'
same typo.txt 'no differences after folding typography (4 cosmetic changes)'
same case.txt 'no differences after folding case (1 cosmetic change)'
tui_keys i
check "i ignores case" tui_wait_line 20 '^ case-only changes ignored$'
tui_keys j
check "then still the same, and no cosmetic change left" \
	tui_wait_line 20 '^  all │ no differences after folding case │ similarity 100%, ignore case │'
same space.txt 'no differences after folding white space (2 cosmetic changes)'
tui_start 120 20 "$VERSUS" "$TMPD/a.txt" "$TMPD/other.txt"
check "a changed figure is a difference" \
	tui_wait_line 20 '^  all │ passage 0/1 │ changes: 1 substantive, 0 cosmetic │'

# emacs: C-s and C-r prompt as isearch does; the default keymap keeps "/".
tui_start 120 40 "$VERSUS" --keymap emacs samples/1-wire.txt samples/3-corrected.txt
check "emacs: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys C-s
check "C-s: I-search:" tui_wait_line 40 '^I-search: *$'
tui_keys -l Inoue
tui_keys Enter
check "it searches" tui_wait_line 2 'Inoue'
tui_keys C-r
check "C-r: I-search backward:" tui_wait_line 40 '^I-search backward: *$'
tui_keys C-g
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "default: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys /
check "/ prompts with /" tui_wait_line 40 '^/ *$'
tui_keys Escape

# Go to: ":N" is the left version's paragraph, ":Nr" the right one's.
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/4-rewrite.txt
check "1 against 4" tui_wait_for '2/2 samples/4-rewrite.txt'
tui_keys :
check "the prompt says how to name either side" \
	tui_wait_line 40 '^go to ¶N (Nr: of the right version) or N%:$'
tui_keys 3 r Enter
check ":3r: the right version's ¶3, the headline, at the top" \
	tui_wait_line 2 '^╱*╱ + Portugal lands \$1\.4 billion'
tui_keys : 2 Enter
check ":2: the left version's ¶2" \
	tui_wait_line 2 '^The plant, to be owned by a joint venture'
tui_keys : 2 l Enter
check ":2l: the same" tui_wait_line 2 '^The plant, to be owned by a joint venture'
tui_keys : 9 9 r Enter
check "past the right version's end: how many it has" \
	tui_wait_line 40 '^ the right version has [0-9]* paragraphs$'
tui_keys : 2 x Enter
check "anything else: what it takes" \
	tui_wait_line 40 '^ not a paragraph number (12, 12r for the right version) or a percentage: 2x$'

# Stepping the versions round: past the last, it says it wrapped.
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/2-syndicated.txt \
	samples/3-corrected.txt
check "three versions" tui_wait_for '2/3 samples/2-syndicated.txt'
tui_keys Right
check "Right: the next version, no wrap" \
	tui_wait_line 40 '^ version 1 against version 3$'
tui_keys Right
check "Right at the last version says it wraps to the first" \
	tui_wait_line 40 '^ version 1 against version 2 (wrapped: past the last version to the first)$'
tui_keys Left
check "Left before the first says it wraps to the last" \
	tui_wait_line 40 '^ version 1 against version 3 (wrapped: before the first version to the last)$'
tui_keys q
check "quits" tui_wait_for '^\[exited\] 1'

finish
