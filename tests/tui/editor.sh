#!/bin/sh
# editor.sh — open in the editor (issue 16): E opens the right version's
# file at the line of the passage on top in $VISUAL (else $EDITOR, else
# vi), e the left one's; when the editor returns versus reads the file
# again, compares anew and keeps the passage on top; an editor's failure
# and a file gone are said in one line; standard input, saved web pages
# and versions from git are refused, saying why, and the editor not run.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

para() {	# para N FIGURE: paragraph N of a version
	if [ "$1" = 12 ]; then
		echo "The pier will cost $2 million, the council said."
	else
		echo "Paragraph $1 of the story says nothing new."
	fi
}
for i in $(seq 1 30); do para $i '$50'; echo; done >"$TMPD/a.txt"
for i in $(seq 1 30); do para $i '$65'; echo; done >"$TMPD/b.txt"
cp "$TMPD/b.txt" "$TMPD/b.orig"

# The editor: notes its arguments, runs $ED_DO on the file, exits $ED_EXIT.
cat >"$TMPD/ed.sh" <<'EOS'
#!/bin/sh
printf '%s\n' "$*" >>"$TMPD/ed.log"
eval "$ED_DO"
exit "${ED_EXIT:-0}"
EOS
chmod +x "$TMPD/ed.sh"
ED_DO='sed -i "s/\\\$65/\\\$70/" "$2"'
export TMPD ED_DO

row12() {	# row12 LEFT RIGHT: paragraph 12's row, the figures on each side
	echo "^The pier will cost .$1 million, the council.* The pier will cost .$2 million, the council"
}

TUI_DIR=$TMPD
tui_start 120 24 env VISUAL="$TMPD/ed.sh" EDITOR=false "$VERSUS" a.txt b.txt
check "the browser starts" tui_wait_for '2/2 b.txt'
tui_keys : 1 2 Enter
check ":12 puts paragraph 12 on top" tui_wait_line 2 "$(row12 50 65)"
tui_keys E
check "E: the editor ran, then versus compared anew" \
	tui_wait_line 24 '^ read b.txt again and compared it anew$'
check_eq "\$VISUAL, at the passage's line of the right file" \
	"$(cat "$TMPD/ed.log")" "+23 b.txt"
check "the new text is compared, the passage still on top" \
	tui_wait_line 2 "$(row12 50 70)"
tui_keys Escape
check "the status line counts the new comparison" \
	tui_wait_line 24 'changes: 1 substantive'
check_eq "a.txt was not touched" "$(grep -c '\$50' "$TMPD/a.txt")" 1

# The left file; an editor that changes nothing.
cp "$TMPD/b.orig" "$TMPD/b.txt"
: >"$TMPD/ed.log"
ED_DO=:
export ED_DO
tui_start 120 24 env VISUAL="$TMPD/ed.sh" "$VERSUS" a.txt b.txt
check "the browser starts again" tui_wait_for '2/2 b.txt'
tui_keys ')' ')' e
check "e: the left file, unchanged" tui_wait_line 24 '^ a.txt is unchanged$'
check_eq "at the line of the passage on top" "$(cat "$TMPD/ed.log")" "+5 a.txt"

# An editor that fails, and one that removes the file.
ED_DO=: ED_EXIT=3
export ED_DO ED_EXIT
tui_start 120 24 env VISUAL="$TMPD/ed.sh" "$VERSUS" a.txt b.txt
check "the browser starts" tui_wait_for '2/2 b.txt'
tui_keys E
check "an editor's failure is said" \
	tui_wait_line 24 '^ the editor exited with status 3$'
ED_DO='rm -f "$2"' ED_EXIT=0
export ED_DO ED_EXIT
tui_start 120 24 env VISUAL="$TMPD/ed.sh" "$VERSUS" a.txt b.txt
check "the browser starts" tui_wait_for '2/2 b.txt'
tui_keys : 1 2 Enter E
check "a file gone: the version read before stays" \
	tui_wait_line 24 '^ b.txt: No such file or directory; the version read before stays$'
check "and is still shown" tui_wait_for 'The pier will cost \$65'
tui_keys q
check "quits" tui_wait_for '^\[exited\] 1'
cp "$TMPD/b.orig" "$TMPD/b.txt"

# Refused, saying why, the editor never run.
: >"$TMPD/ed.log"
tui_start 120 24 sh -c "VISUAL='$TMPD/ed.sh' '$VERSUS' a.txt - <b.txt"
check "the browser starts on standard input" tui_wait_for '2/2 -'
tui_keys E
check "standard input: refused" \
	tui_wait_line 24 '^ cannot edit version 2: it was read from standard input, not a file$'
printf '<!DOCTYPE html><html><head><title>Pier</title></head><body><article><p>The pier will cost $65 million, the council said today.</p><p>More words follow here for the story.</p></article></body></html>\n' >"$TMPD/page.html"
tui_start 120 24 env VISUAL="$TMPD/ed.sh" "$VERSUS" a.txt page.html
check "the browser starts on a saved page" tui_wait_for '2/2 page.html'
tui_keys E
check "a saved page: refused" \
	tui_wait_line 24 '^ cannot edit version 2: it is a web page: versus shows the text it'
tui_keys q
check "quits" tui_wait_for '^\[exited\] 1'
if command -v git >/dev/null 2>&1; then
	R=$TMPD/repo
	g() { git -C "$R" -c user.name=Test -c user.email=t@example.com "$@" >/dev/null; }
	mkdir -p "$R" && git init -q "$R"
	cp "$TMPD/a.txt" "$R/story.txt" && g add story.txt && g commit -q -m First
	cp "$TMPD/b.txt" "$R/story.txt" && g commit -q -a -m Second
	tui_start 120 24 env VISUAL="$TMPD/ed.sh" "$VERSUS" --git "$R/story.txt"
	check "the browser starts on git history" tui_wait_for "2/2 .*story.txt @"
	tui_keys E
	check "a version from git: refused" \
		tui_wait_line 24 '^ cannot edit version 2: it comes from git history, not the working file$'
else
	skip_test "a version from git: no git"
fi
check_eq "the editor never ran" "$(wc -c <"$TMPD/ed.log" | tr -d ' ')" 0

finish
