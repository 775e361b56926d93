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
check "the headline is kept" \
	grep -qx 'Millbrook votes to rebuild the old footbridge' "$TMPD/article.txt"
check "captions are kept" grep -qx 'The footbridge seen from the east bank' "$TMPD/article.txt"
if grep -q '\[headline\]\|\[caption\]\|\[byline\]' "$TMPD/article.txt"; then st=1; else st=0; fi
tap_result $st "labels are not words of the text"
if grep -q 'not article text\|The Millbrook Courier</a>\|dataLayer' "$TMPD/article.txt"; then st=1; else st=0; fi
tap_result $st "scripts, navigation and markup are dropped"

"$VERSUS" --stat "$h/article.html" "$TMPD/article.txt" >"$TMPD/out" 2>"$TMPD/err"
check_eq "the page against its text: no difference (exit 0)" "$?" 0
check_eq "nothing on stderr" "$(cat "$TMPD/err")" ""

# Labels are data: a page equals its article text saved by hand.
"$VERSUS" --inline --color=never "$h/harbour.html" "$h/harbour.txt" >"$TMPD/out" 2>"$TMPD/err"
check_eq "a page against its article text typed out: exit 0" "$?" 0
check_eq "... the text shown as it is, no label in it" "$(sed -n 1p "$TMPD/out")" \
	"Harbour plan approved"
sed 1,2d "$h/harbour.txt" >"$TMPD/nohead.txt"
"$VERSUS" --json "$h/harbour.html" "$TMPD/nohead.txt" >"$TMPD/j.json"
check_eq "the text without its headline: exit 1" "$?" 1
check "the deleted headline block is labelled headline in --json" \
	grep -q '{"kind":"deleted","a":\[0,1\],"similarity":0.0000,"label":"headline"}' "$TMPD/j.json"
if grep -q '"op":"delete","a":\[0,[0-9]*\],"kind":"wording"' "$TMPD/j.json" &&
	! grep -q '\[headline\]' "$TMPD/j.json"; then st=0; else st=1; fi
tap_result $st "... and the label is no word of any op"

# Every extraction golden: the page equals its expected article text with
# the labels taken out (they are data, not words), and no more.
for e in "$h"/extract/*.expected; do
	n=$(basename "$e" .expected)
	sed 's/^\[[a-z]*\] //' "$e" >"$TMPD/$n.txt"
	"$VERSUS" --stat "$h/extract/$n.html" "$TMPD/$n.txt" >/dev/null 2>"$TMPD/err"
	check_eq "extract/$n.html equals its article text (exit 0)" "$?" 0
	printf 'One more paragraph.\n' >>"$TMPD/$n.txt"
	"$VERSUS" --stat "$h/extract/$n.html" "$TMPD/$n.txt" >/dev/null 2>&1
	check_eq "... and not that text with a paragraph more (exit 1)" "$?" 1
done

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
