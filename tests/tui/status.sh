#!/bin/sh
# status.sh — the browser's exit status is diff's (issue 16, bug 13), the
# same as when versus prints: 0 when the versions have no substantive
# difference, 1 when they differ, whether standard output is a terminal
# or not; after B changes the base, against the base it ended on.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples

tui_start 100 30 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "differing versions: the browser starts" \
	tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys q
check "differing versions: q exits 1, as diff does" \
	tui_wait_for '^\[exited\] 1$'
"$VERSUS" "$srcdir"/samples/1-wire.txt "$srcdir"/samples/3-corrected.txt >/dev/null
check_eq "and printing them exits 1 too" "$?" 1

tui_start 100 30 "$VERSUS" samples/1-wire.txt samples/1-wire.txt
check "identical versions: the browser starts" \
	tui_wait_for '2/2 samples/1-wire.txt'
tui_keys q
check "identical versions: q exits 0" tui_wait_for '^\[exited\] 0$'
"$VERSUS" "$srcdir"/samples/1-wire.txt "$srcdir"/samples/1-wire.txt >/dev/null
check_eq "and printing them exits 0 too" "$?" 0

finish
