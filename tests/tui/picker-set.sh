#!/bin/sh
# picker-set.sh — a set of the versions, chosen in the version picker:
# mark-version marks versions (a * column), compare-marked (or select with
# two marked or more) shows the marked ones alone, in their order, the
# passage followed on top; the versions keep their numbers ("3/5") and
# the status line names the set ("versions 1,3,4 of 5").  Stepping
# through versions, the overview and the presence view keep to the set,
# and the counts, similarity and presence table are those `versus --stat`
# gives for those files alone.  all-versions (and marking every version)
# shows them all again, the passage on top kept; an edited version is
# read again inside the set.  The keys of the vi and emacs keymaps too.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

# Five saved versions of a story, dated by their times.
d=$TMPD/story
mkdir "$d"
para() {	# para N FIGURE
	case $1 in
	1) echo "Harbour council backs new ferry pier" ;;
	*) echo "Paragraph $1 of the story, with the figure $2 in it, says little." ;;
	esac
}
# story CHANGE...: N=FIG gives paragraph N that figure, N=- drops it, +N
# adds a paragraph after N.
story() {
	for i in $(seq 1 14); do
		f=10 drop= add=
		for c in "$@"; do
			case $c in
			"$i=-") drop=1 ;;
			"$i="*) f=${c#*=} ;;
			"+$i") add=1 ;;
			esac
		done
		[ -n "$drop" ] || { para "$i" "$f"; echo; }
		[ -z "$add" ] || { echo "A new paragraph after $i, added later."; echo; }
	done
}
story >"$d/a.txt"
story 3=12 >"$d/b.txt"
story 3=12 5=20 +6 >"$d/c.txt"
story 3=12 5=20 +6 7=- >"$d/d.txt"
story 3=14 5=20 +6 7=- 12=99 >"$d/e.txt"
n=0
for f in a b c d e; do
	n=$((n + 1))
	touch -d "2024-03-0$n 08:00 UTC" "$d/$f.txt"
done

vs() {	# versus in the story's folder
	(cd "$d" && "$VERSUS" "$@")
}

# What versus --stat says of FILE... alone: "S substantive, C cosmetic"
# and the similarity as the browser rounds it, of the second against the
# first; the presence summary of three or more.
stat_pair() {
	vs --stat "$@" | awk '
		/^1 -> 2: similarity / { sim = $5 }
		/^  changes: / && !c { c = $2 " substantive, " $4 " cosmetic" }
		END { printf "%s \xe2\x94\x82 %d%% alike\n", c, sim * 100 + 0.5 }'
}

TUI_DIR=$d
tui_start 120 20 "$VERSUS" a.txt b.txt c.txt d.txt e.txt
check "five versions" tui_wait_line 1 '^ 1/5 a.txt .* 2/5 b.txt'
tui_keys O
check "compare-marked with nothing marked says to mark first" \
	tui_wait_line 20 'mark two versions or more in the version picker (\*) first'
tui_keys V
check "the picker says how to mark a set" \
	tui_wait_line 20 '^ version 2 of 5 .*│ \*: mark a set'
tui_keys k '*' j j '*' j '*'
check "a mark column: versions 1, 3 and 4 marked" \
	sh -c "$TUI capture-pane -p | sed -n '3,7p' | cut -c1-7 | tr '\n' '|' |
		grep -q '^ \*L   1|  R   2| \*    3| \*    4|      5|\$'"
check "select would compare the marked set" \
	tui_wait_line 20 '^ version 4 of 5 .* 3 marked: select compares them'
tui_keys O
check "compare-marked shows them: the left one marked, the chosen one" \
	tui_wait_line 1 '^ 1/5 a.txt .* 4/5 d.txt'
check "and says which" tui_wait_line 20 '^ versions 1,3,4 of 5 shown: 1 against 4'
tui_keys j
check "the status line names the set" \
	tui_wait_line 20 "versions 1,3,4 of 5"
want=$(vs --stat a.txt c.txt d.txt | awk '
	/^1 -> 3: / { f = 1; sim = $5 }
	f && /^  changes: / { c = $2 " substantive, " $4 " cosmetic"; f = 0 }
	END { printf "%s \xe2\x94\x82 %d%% alike\n", c, sim * 100 + 0.5 }')
check "its counts and similarity are versus --stat a c d's (1 -> 3)" \
	tui_wait_line 20 "changes: $want"
check "and versus --stat a d's" tui_wait_line 20 "changes: $(stat_pair a.txt d.txt)"

# Versions step inside the set.
tui_keys Right
check "next-version-right skips what is not in the set, and wraps" \
	tui_wait_line 1 '^ 1/5 a.txt .* 3/5 c.txt'
tui_keys '>'
check "next-version-left too" tui_wait_line 1 '^ 4/5 d.txt .* 3/5 c.txt'
tui_keys j
want=$(stat_pair d.txt c.txt)
check "d against c counts as versus --stat d c" \
	tui_wait_line 20 "changes: $want"
tui_keys v
check "the overview: the set's rows, numbered as among all" \
	tui_wait_line 2 '^ *# .* 1 *3 *4 *$'
check "no row for version 2" sh -c "! $TUI capture-pane -p | grep -q '^ *2  *[0-9]'"
tui_keys q p
want=$(vs --stat a.txt c.txt d.txt |
	awk '/^[0-9]+ passages: / { print $(NF - 6), $(NF - 4) }')
check "the presence view: the set, numbered as among all" \
	tui_wait_line 1 '^ versions 1,3,4 of 5 at once: base 1 of 5'
check "its columns" tui_wait_line 2 '^   ¶ 134 '
check "as versus --stat a c d: $want inserted, in one version only" \
	tui_wait_line 20 "$(echo "$want" | awk '{ print $1 " inserted by other versions, " $2 " in one version only" }')"

# The picker again: versions outside the set are dimmed, marks kept.
tui_keys q V
check "the picker shows the set" \
	tui_wait_line 20 '│ versions 1,3,4 of 5 shown'
check "the marks are kept" sh -c "$TUI capture-pane -p | sed -n '3p;5p;6p' |
	cut -c2 | tr -d '\n' | grep -qx '\*\*\*'"
sgr() {	# sgr ROW: the SGR sequences on screen row ROW (1-based)
	$TUI capture-pane -p -e | sed -n "$1p" | grep -o "$ESC\[[0-9;]*m" |
		sort -u | tr -d '\n'
}
tui_wait_stable
s3=$(sgr 3) s4=$(sgr 4) s6=$(sgr 6) s7=$(sgr 7)
check "versions 2 and 5, outside the set, are dimmed" \
	test "$s4" = "$s7" -a "$s3" = "$s6" -a "$s3" != "$s4"
# A pair with one version out of the set: every version is shown.
tui_keys g '*' j j '*' j '*' j Enter
check "select on a pair outside the set shows every version" \
	tui_wait_line 20 '^ all 5 versions shown: 4 against 5'

# all-versions keeps the passage on top.
tui_keys V g '*' j j '*' j '*' O
check "the set again, the chosen version on the right" \
	tui_wait_line 20 '^ versions 1,3,4 of 5 shown: 3 against 4'
tui_keys : 1 1 Enter
check "paragraph 11 of c on top" tui_wait_for '^Paragraph 10 of the story'
tui_wait_stable
top=$($TUI capture-pane -p | sed -n '2,6p' | grep -m1 -o '^Paragraph [0-9]* of')
check "a paragraph near the top" test -n "$top"
tui_keys U
check "all-versions: every version" \
	tui_wait_line 20 '^ all 5 versions shown: 3 against 4'
check "the same pair" tui_wait_line 1 '^ 3/5 c.txt .* 4/5 d.txt'
check "the same passage near the top ($top)" \
	sh -c "$TUI capture-pane -p | sed -n '2,6p' | grep -q '^$top'"
tui_keys j
check "no set in the status line" \
	sh -c "! $TUI capture-pane -p | sed -n 20p | grep -q 'versions .* of 5'"
tui_keys U
check "all-versions again says so" tui_wait_line 20 'all 5 versions are shown'
tui_keys V
check "all-versions cleared the marks" \
	sh -c "! $TUI capture-pane -p | sed -n '3,7p' | cut -c2 | grep -q '\*'"
tui_keys g '*' j '*' j '*' j '*' j '*' O
check "every version marked: compare-marked shows all of them" \
	tui_wait_line 20 '^ all 5 versions shown'
tui_keys '*'
check "mark-version on the versions says where to mark" \
	tui_wait_line 20 'mark versions in the version picker (V)'
tui_keys q
check "quits" tui_wait_for '^\[exited\] [01]$'

# An edited version inside a set is read again there.
cp "$d/e.txt" "$d/e.orig"
cat >"$TMPD/ed.sh" <<'EOS'
#!/bin/sh
sed -i 's/figure 99/figure 77/' "$2"
EOS
chmod +x "$TMPD/ed.sh"
tui_start 120 20 env VISUAL="$TMPD/ed.sh" "$VERSUS" a.txt b.txt c.txt d.txt e.txt
check "five versions again" tui_wait_line 1 '^ 1/5 a.txt'
tui_keys V '*' j j j '*' O
check "the set 2,5" tui_wait_line 20 '^ versions 2,5 of 5 shown: 2 against 5'
tui_keys E
check "edit-right reads e.txt again" \
	tui_wait_line 20 'read e.txt again and compared it anew'
tui_keys j
want=$(stat_pair b.txt e.txt)
check "still the set, counted anew" \
	tui_wait_line 20 "changes: $want.*versions 2,5 of 5"
tui_keys G
check "the change shows" tui_wait_for 'figure 77 in it'
tui_keys q
check "quits after the edit" tui_wait_for '^\[exited\] [01]$'
cp "$d/e.orig" "$d/e.txt"

# The other keymaps.
tui_start 120 20 "$VERSUS" --keymap vi a.txt b.txt c.txt d.txt e.txt
check "vi: starts" tui_wait_line 1 '^ 1/5 a.txt'
tui_keys : 8 Enter
check "vi: paragraph 8 on top" tui_wait_line 2 '^Paragraph 8 of the story'
tui_keys V
check "vi: the picker follows it" tui_wait_line 1 'what each did to ¶8 of version 1'
tui_keys k '*' j j '*' O
check "vi: * marks, O shows the set" \
	tui_wait_line 20 '^ versions 1,3 of 5 shown: 1 against 3'
check "vi: the passage followed is still near the top" \
	sh -c "$TUI capture-pane -p | sed -n '2,6p' | grep -q '^Paragraph 8 of the story.*Paragraph 8 of the story'"
tui_keys U
check "vi: U shows all" tui_wait_line 20 '^ all 5 versions shown'
tui_keys Z Z
tui_start 120 20 "$VERSUS" --keymap emacs a.txt b.txt c.txt d.txt e.txt
check "emacs: starts" tui_wait_line 1 '^ 1/5 a.txt'
tui_keys C-x v C-p m C-n C-n C-n m C-c v
check "emacs: m marks, C-c v shows the set" \
	tui_wait_line 20 '^ versions 1,4 of 5 shown: 1 against 4'
tui_keys C-c V
check "emacs: C-c V shows all" tui_wait_line 20 '^ all 5 versions shown'
tui_keys C-x C-c

# The help lists the keys of the keymap in use.
tui_start 120 40 "$VERSUS" a.txt b.txt c.txt d.txt e.txt
check "starts for the help" tui_wait_line 1 '^ 1/5 a.txt'
tui_keys '?' G
check "help: * marks" tui_wait_for '^ \*  *in the version picker: mark the chosen version'
check "help: O compares the marked" \
	tui_wait_for '^ O  *compare only the versions marked in the version picker'
check "help: U shows all" tui_wait_for '^ U  *compare every version again'
tui_keys q q

finish
