#!/bin/sh
# source.sh — a saved web page in the browser: its article text is shown,
# and show-source (S) shows the page's own bytes behind the passage on
# top, markup included, in a visible form; q goes back.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

if "$VERSUS" --format=html "$srcdir/tests/html/article.html" \
	"$srcdir/tests/html/article.html" 2>&1 | grep -q 'needs libxml2'; then
	skip_all "versus was built without libxml2"
fi
mkdir "$TMPD/pages"
cp "$srcdir/tests/html/article.html" "$srcdir/tests/html/divsoup.html" "$TMPD/pages/"
TUI_DIR=$TMPD/pages
tui_start 100 30 "$VERSUS" article.html divsoup.html
check "the article text, not the markup" \
	tui_wait_line 2 '^Millbrook votes to rebuild the old'
tui_keys S
check "S shows the source of the first passage" \
	tui_wait_line 1 '^ source of ¶1 of article.html, bytes [0-9]*–[0-9]*$'
check "with the page's markup" tui_wait_for '<h1>Millbrook votes to rebuild the old footbridge</h1>'
tui_keys q
check "q goes back" tui_wait_line 2 '^Millbrook votes'
tui_keys q
check "quits (status 1: they differ)" tui_wait_for '^\[exited\] 1'

finish
