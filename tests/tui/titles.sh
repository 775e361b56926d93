#!/bin/sh
# titles.sh — on a narrow terminal the titles and the overview name the
# versions by the ends of their paths: two files in one long folder,
# clipped from the right, both read "/home/.../a-long-folder-na" and a
# reader cannot tell which is which; clipped from the left ("…/one.txt")
# each keeps its own name.  So do the version picker's rows.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

dir=$TMPD/newsroom-archive-of-the-city-desk/story-about-the-harbour-bridge
mkdir -p "$dir"
printf 'The bridge opens on Monday, the mayor said.\n' >"$dir/draft-one.txt"
printf 'The bridge opens on Tuesday, the mayor said.\n' >"$dir/draft-two.txt"

tui_start 60 20 "$VERSUS" "$dir/draft-one.txt" "$dir/draft-two.txt"
check "60x20: the left title ends with its file's name" \
	tui_wait_line 1 '^ 1/2 …[^ ]*/draft-one\.txt '
check "and the right one with its own" \
	tui_wait_line 1 ' 2/2 …[^ ]*/draft-two\.txt *$'
tui_keys v
check "v: the overview names each row's file by its end" \
	tui_wait_for '…[^ ]*/draft-one\.txt *$'
check "the second row too" tui_wait_for '…[^ ]*/draft-two\.txt *$'
tui_keys q
tui_keys V
check "V: the picker names each version's file by its end" \
	tui_wait_for '^ .* 1 .*…[^ ]*/draft-one\.txt *$'
check "the second version's too" tui_wait_for '^ .* 2 .*…[^ ]*/draft-two\.txt *$'
tui_keys q
tui_resize 200 20
tui_keys q
check "quits" tui_wait_for '^\[exited\] 1$'

tui_start 250 20 "$VERSUS" "$dir/draft-one.txt" "$dir/draft-two.txt"
check "250 columns: the whole path, unclipped" \
	tui_wait_line 1 "^ 1/2 $dir/draft-one\\.txt "
tui_keys q
check "quits too" tui_wait_for '^\[exited\] 1$'

finish
