#!/bin/sh
# html.sh — saved web pages are read as their article text: detected by
# content, compared naturally with a plain-text version, --json offsets
# pointing into the page, --format overriding detection, malformed pages
# read without a word on stderr.
. "$srcdir/tests/lib.sh"

h="$srcdir/tests/html"
if "$VERSUS" --format=html "$h/article.html" "$h/article.html" 2>&1 |
	grep -q 'needs libxml2'; then
	skip_all "versus was built without libxml2"
fi

# The article text as plain text: versus shows it for a page against itself.
"$VERSUS" --inline --color=never "$h/article.html" "$h/article.html" >"$TMPD/article.txt"
check_eq "a page against itself: no difference" "$?" 0
check "the headline is kept and labelled" \
	grep -qx '\[headline\] Millbrook votes to rebuild the old footbridge' "$TMPD/article.txt"
check "captions are kept and labelled" grep -q '^\[caption\] ' "$TMPD/article.txt"
if grep -q 'not article text\|The Millbrook Courier</a>\|dataLayer' "$TMPD/article.txt"; then st=1; else st=0; fi
tap_result $st "scripts, navigation and markup are dropped"

"$VERSUS" --stat "$h/article.html" "$TMPD/article.txt" >"$TMPD/out" 2>"$TMPD/err"
check_eq "the page against its text: no difference (exit 0)" "$?" 0
check_eq "nothing on stderr" "$(cat "$TMPD/err")" ""

if command -v python3 >/dev/null 2>&1; then
	"$VERSUS" --json "$h/article.html" "$h/divsoup.html" >"$TMPD/j.json"
	python3 "$srcdir/tests/tools/jsoncheck.py" "$TMPD/j.json" >"$TMPD/jc" 2>&1
	st=$?
	tap_result $st "--json on two pages: ops tile both page files"
	[ $st -eq 0 ] || sed 's/^/# /' "$TMPD/jc"
else
	skip_test "--json check needs python3"
fi

"$VERSUS" --format=text --stat "$h/article.html" "$TMPD/article.txt" >/dev/null 2>&1
check_eq "--format=text reads the page as text: it differs (exit 1)" "$?" 1

"$VERSUS" --format=xml a b >/dev/null 2>"$TMPD/err"
check_eq "--format=xml: exit 2" "$?" 2
check_eq "--format=xml: message" "$(sed -n 1p "$TMPD/err")" \
	"versus: invalid --format 'xml' (auto, text or html)"

"$VERSUS" --stat "$h/malformed.html" "$h/article.html" >/dev/null 2>"$TMPD/err"
check_eq "a malformed page is read (exit 1)" "$?" 1
check_eq "without a word on stderr" "$(cat "$TMPD/err")" ""

finish
