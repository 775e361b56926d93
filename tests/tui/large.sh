#!/bin/sh
# large.sh — the browser on a pair too big to count at once (over 2 MB),
# so that it lays out only what it shows and counts the rest between keys
# (issue 15): G shows the last rows, :50% the row of the byte half way
# into the left text (as --print lays it out), a search finds a word far
# below, and the changes-only view folds the rest.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

# 16,000 paragraphs a side, 1.2 MB each; two of B's changed.
awk 'BEGIN { for (i = 1; i <= 16000; i++)
	printf "Paragraph %d: the quick brown fox jumps over the lazy dog " \
	    "by river %d.\n\n", i, i }' >"$TMPD/a.txt"
sed -e 's/^\(Paragraph 9000:.*\)lazy dog/\1sleepy dog/' \
    -e 's/^\(Paragraph 15990:.*\)quick/\1slow/' "$TMPD/a.txt" >"$TMPD/b.txt"

tui_start 100 30 "$VERSUS" "$TMPD/a.txt" "$TMPD/b.txt"
check "the browser starts at the top" tui_wait_line 2 '^Paragraph 1: the quick'
tui_keys G
check "G shows the last paragraph on the last text rows" \
	tui_wait_line 29 'the lazy dog by river 16000\.$'
check "and says it is at the end" tui_wait_line 30 '^ *end │'

# :50% shows the byte half way into the left text on top: the paragraph
# holding it, on the row of it that starts at or before that byte (each
# paragraph takes two rows of --print's at 100 columns; a pane is 48).
"$VERSUS" --print --color=never --width=100 "$TMPD/a.txt" "$TMPD/b.txt" \
	>"$TMPD/print.txt"
half=$(( $(wc -c <"$TMPD/a.txt") / 2 ))
row=$(awk -v half="$half" '
	{ if (off + length($0) >= half && !found) {
		found = 1; p = $2; sub(":", "", p)
		# The second row starts after the words of the first, a space.
		split($0, w, " "); n = 0
		for (i = 1; i in w; i++) {
			if (n + length(w[i]) + (n > 0) > 48) break
			n += length(w[i]) + (n > 0)
		}
		print p, (off + n + 1 <= half ? 2 : 1)
	  }
	  off += length($0) + 1 }' "$TMPD/a.txt")
set -- $row
want=$(grep -A1 "^Paragraph $1:" "$TMPD/print.txt" | sed -n "${2}p")
tui_keys g :
tui_keys -l '50%'
tui_keys Enter
check ":50% shows paragraph $1, row $2 on top ($want)" \
	eval 'tui_wait_stable && [ "$(tui_line 2)" = "$want" ]'

tui_keys g /
tui_keys -l sleepy
tui_keys Enter
check "a search finds a word 9,000 paragraphs down, its row on top" \
	tui_wait_line 2 'the sleepy dog by river 9000\.$'
tui_keys c
check "changes only: the paragraphs before the change folded" \
	tui_wait_for '… 8999 unchanged paragraphs'
check "and the second change below the first" tui_wait_for 'slow brown fox'
tui_keys q
check "q quits with status 1 (they differ)" tui_wait_for '^\[exited\] 1'

finish
