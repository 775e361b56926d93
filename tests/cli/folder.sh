#!/bin/sh
# folder.sh — a folder argument: its text and HTML files are versions,
# ordered by their dates (a page's own, else the file's time); hidden and
# binary files and subfolders are passed over.
. "$srcdir/tests/lib.sh"

# The rows of --stat's table of versions in FILE.
versions() { sed -n '/^v /,/^$/p' "$1" | awk '/^[0-9]/'; }

D=$TMPD/saved
mkdir "$D" "$D/sub"
printf 'The bridge will cost 1.4 million euros.\n' >"$D/a-later.txt"
printf 'The bridge will cost 1.2 million euros.\n' >"$D/b-earlier.txt"
cat >"$D/c-page.html" <<'EOT'
<!DOCTYPE html><html><head><title>Bridge</title>
<meta property="article:published_time" content="2024-03-01T12:00:00Z">
</head><body><article><p>The bridge will cost 1.3 million euros.</p></article></body></html>
EOT
printf 'hidden\n' >"$D/.hidden.txt"
printf 'bin\000ary\n' >"$D/image.png"
printf 'below\n' >"$D/sub/x.txt"
touch -d '2024-03-05 10:00:00 UTC' "$D/a-later.txt"
touch -d '2024-03-02 10:00:00 UTC' "$D/b-earlier.txt"
touch -d '2025-01-01 00:00:00 UTC' "$D/c-page.html"

"$VERSUS" --stat "$D" >"$TMPD/out" 2>"$TMPD/err"
check_eq "a folder of versions: exit 1, nothing on stderr" "$?|$(cat "$TMPD/err")" "1|"
versions "$TMPD/out" | awk '{ print $1, $(NF-3), $(NF-1), $NF }' >"$TMPD/got"
cat >"$TMPD/want" <<EOT
1 $D/c-page.html 2024-03-01 12:00
2 $D/b-earlier.txt 2024-03-02 10:00
3 $D/a-later.txt 2024-03-05 10:00
EOT
check_file "text and HTML files by date: the page's own, else the file's" \
	"$TMPD/got" "$TMPD/want"

"$VERSUS" --stat "$D" "$D/b-earlier.txt" >"$TMPD/out" 2>&1
check_eq "a folder and a file: four versions" \
	"$(versions "$TMPD/out" | wc -l | tr -d ' ')" 4

"$VERSUS" --stat --sort=date "$D/a-later.txt" "$D/b-earlier.txt" >"$TMPD/out" 2>&1
check "--sort=date puts the earlier file first" \
	sh -c "sed -n '/^v /,/^\$/p' '$TMPD/out' | sed -n 2p | grep -q b-earlier.txt"

mkdir "$TMPD/empty"
"$VERSUS" --stat "$TMPD/empty" >/dev/null 2>"$TMPD/err"
check_eq "an empty folder: one line, exit 2" "$?|$(cat "$TMPD/err")" \
	"2|versus: $TMPD/empty: no text or HTML file in this folder"
mkdir "$TMPD/one"
printf 'x\n' >"$TMPD/one/a.txt"
"$VERSUS" --stat "$TMPD/one" >/dev/null 2>"$TMPD/err"
check_eq "a folder of one file: one line, exit 2" "$?|$(cat "$TMPD/err")" \
	"2|versus: fewer than two versions to compare"

finish
