#!/bin/sh
# browser.sh — web pages in the browser: the panes are titled with each
# page's address and date, and a page that could not be fetched leaves
# the others open, its one line shown on quitting, exit status 2.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"
. "$srcdir/tests/net/lib.sh"
net_start
trap 'kill $net_pid 2>/dev/null; tui_stop; rm -rf "$TMPD"' EXIT

tui_start 120 12 env XDG_CACHE_HOME="$XDG_CACHE_HOME" "$VERSUS" \
	"$URL/a.html" "$URL/404" "$URL/b.html"
tui_wait_for 'Footbridge'
check "the left pane is titled with the first page and its date" \
	sh -c "$TUI capture-pane -p | sed -n 1p | grep -q '1/2 $URL/a.html @ 2024-03-01 09:30'"
check "the right pane with the third, the missing one left out" \
	sh -c "$TUI capture-pane -p | sed -n 1p | grep -q '2/2 $URL/b.html @ 2024-03-02 09:00'"
check "the status line says at once which page could not be read" \
	sh -c "$TUI capture-pane -p | tail -1 | grep -q 'not read: $URL/404: not found (HTTP 404)'"
tui_keys q
tui_wait_for '\[exited\]'
check "on quitting, the missing page's one line" \
	sh -c "$TUI capture-pane -p | grep -qx 'versus: $URL/404: not found (HTTP 404)'"
check "... and exit status 2" \
	sh -c "$TUI capture-pane -p | grep -qx '\[exited\] 2'"

# A long fetch counts its progress on the terminal, then the browser opens.
tui_start 120 12 env XDG_CACHE_HOME="$XDG_CACHE_HOME" \
	VERSUS_ARCHIVE_URL="$URL" "$VERSUS" --archive http://example.com/crawl
tui_wait_for 'versus: fetching captures [0-9]/5'
check "the progress of a long fetch is counted on the terminal" \
	sh -c "$TUI capture-pane -p | grep -q '^versus: fetching captures [0-4]/5\$'"
tui_wait_for 'Footbridge'
check "... and the browser opens when it is done" \
	sh -c "$TUI capture-pane -p | sed -n 1p | grep -q '1/4 http://example.com/crawl @ 2024-01-01 08:00'"

# The version overview of captures: date, origin, similarity to the last.
tui_start 140 12 env XDG_CACHE_HOME="$XDG_CACHE_HOME" \
	VERSUS_ARCHIVE_URL="$URL" "$VERSUS" --archive http://example.com/story
tui_wait_for 'Footbridge'
tui_keys v
tui_wait_for 'date \(UTC\)'
check "the overview lists each capture's date, origin and similarity to the one before" \
	sh -c "$TUI capture-pane -p | grep -q '^    2      42      4 2024-01-02 08:00 archive  97.6%'"
check "... the first has none before it" \
	sh -c "$TUI capture-pane -p | grep -q '^\\*   1      42      4 2024-01-01 08:00 archive         '"

finish
