#!/bin/sh
# source.sh — a saved web page in the browser: its article text is shown,
# and show-source (S) shows the pages' own bytes behind the passage at the
# top, both sides, markup included, in a visible form: the title names
# exactly the passage's bytes, which are highlighted, and the context
# around them starts and ends at a tag (issue 16, bug 4); q goes back.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

if "$VERSUS" --format=html "$srcdir/tests/html/article.html" \
	"$srcdir/tests/html/article.html" 2>&1 | grep -q 'needs libxml2'; then
	skip_all "versus was built without libxml2"
fi
mkdir "$TMPD/pages"
cp "$srcdir/tests/html/article.html" "$srcdir/tests/html/divsoup.html" \
	"$srcdir/tests/html/source.html" "$srcdir/tests/html/source-2.html" \
	"$TMPD/pages/"
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

# A page with a script in its head, a nav, a headline, a figure caption.
# The offsets of the headline's and the byline's text in the file:
at() { grep -bo "$1" "$TMPD/pages/source.html" | head -1 | cut -d: -f1; }
h1=$(at '<h1>Harbour bridge reopens') h1end=$(at '</h1>')
h1=$((h1 + 4))
by=$(at 'By Ines Varga') byend=$(at 'Varga</p>')
byend=$((byend + 5))
tui_start 100 12 "$VERSUS" source.html source-2.html
check "the story" tui_wait_line 2 '^Harbour bridge reopens'
tui_keys S
check "on the headline, S names exactly its bytes, both sides" \
	tui_wait_line 1 "^ source of ¶1 of source.html, bytes $h1–$h1end *│ ¶1 of source-2.html, bytes $h1–$h1end\$"
check_eq "the headline is highlighted" \
	"$(tui_sgr_before 'Harbour bridge reopens' | sort -u)" \
	"1 fg:16 bg:226"
check_eq "its tags are not" "$(tui_sgr_before '<\/h1>' | sort -u)" \
	"fg:default bg:default"
check "the context starts at a tag, not inside the script" \
	tui_wait_line 2 '^</script> *│</script> *$'
tui_keys q
check "back" tui_wait_line 2 '^Harbour bridge reopens'
tui_keys j j
check "the byline at the top" tui_wait_line 2 '^By Ines Varga'
tui_keys S
check "the byline's bytes, which do not overlap the headline's" \
	tui_wait_line 1 "^ source of ¶2 of source.html, bytes $by–$byend "
check "its context ends at a tag" \
	sh -c "$TUI capture-pane -p | grep -q 'By Ines Varga</p>'"
tui_keys q q
check "quits (status 1: they differ)" tui_wait_for '^\[exited\] 1'

finish
