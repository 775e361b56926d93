#!/bin/sh
# progress.sh — long work shows its progress and C-c stops it (issue 15):
# the browser's first alignment draws a line with counts and a bar on an
# otherwise blank screen, and C-c then ends versus at once, with
# "versus: interrupted", status 130 and the terminal given back; SIGTERM
# too (143).  So does the alignment of another pair chosen in the
# browser.  Once the work is done, C-c is a key again.  On the command
# line the line goes to standard error, a terminal here, and is erased
# when the work ends or is interrupted; the output does not change.
#
# VERSUS_TEST_PROGRESS=stall shows the line at once and stops the work
# half way through pairing paragraphs for good (tui/progress.c), so that the tests
# see the line whatever the speed of the machine; =now shows it at once.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

# 3,000 paragraphs a side (half a megabyte), every one reworded a little:
# no paragraph is equal, so they are all paired by similarity.
reworded_pair 3000

# The session: versus, its pid in a file, its status, what stty says
# after.  It survives the SIGINT that C-c sends the whole foreground
# group (a handler, not an ignore, which versus would inherit).
cat >"$TMPD/session.sh" <<'EOF2'
trap : INT
pidfile=$1
shift
sh -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@"
st=$?
stty -a | tr ' ;' '\n\n' | grep -x -e '-\{0,1\}icanon' -e '-\{0,1\}echo' |
	tr '\n' ' '
echo
echo "[status] $st"
EOF2

bar='▕█*░*▏ [0-9]*%'

# stop HOW STATUS: the browser stalled on its first alignment, ended by
# HOW (C-c, or a signal sent to it), exits with STATUS, says so, and
# leaves the terminal as it found it.
stop() {
	rm -f "$TMPD/pid"
	tui_start 120 30 env VERSUS_TEST_PROGRESS=stall \
		sh "$TMPD/session.sh" "$TMPD/pid" "$VERSUS" \
		"$TMPD/a.txt" "$TMPD/b.txt"
	check "$1: the first alignment shows its progress on the last row" \
		tui_wait_line 30 "^ comparing 1/2 and 2/2: pairing paragraphs, [0-9]* of 557 kB $bar  (Ctrl-C quits) *\$"
	check "$1: the rest of the screen is blank" \
		eval '[ -z "$(tui_screen | sed 30d | tr -d " \n")" ]'
	case $1 in
	C-c)	tui_keys C-c ;;
	*)	kill -s "$1" "$(cat "$TMPD/pid")" ;;
	esac
	check "$1: versus stops at once, status $2" \
		tui_wait_for "^\\[status\\] $2\$"
	check_eq "$1: the alternate screen is left" \
		"$($TUI display -p '#{alternate_on}')" 0
	check_eq "$1: the cursor is visible" \
		"$($TUI display -p '#{cursor_flag}')" 1
	check_eq "$1: one line says why, and the terminal is cooked" \
		"$(tui_screen | sed -e '/^$/d' -e '/^\[exited\]/d')" \
		"versus: interrupted
icanon echo
[status] $2"
	tui_stop
}

stop C-c 130
stop TERM 143

# Another pair chosen in the browser: versions 1 and 2 are the same, and
# the next version on the right must be aligned with the first; its
# progress shows on the last row, under the view, and C-c stops it.
cp "$TMPD/a.txt" "$TMPD/a2.txt"
rm -f "$TMPD/pid"
tui_start 120 30 env VERSUS_TEST_PROGRESS=stall \
	sh "$TMPD/session.sh" "$TMPD/pid" "$VERSUS" \
	"$TMPD/a.txt" "$TMPD/a2.txt" "$TMPD/b.txt"
check "switching: 1 and 2 are shown at once" \
	tui_wait_line 30 'the files are identical'
tui_keys .
check "switching: aligning 1 with 3 shows its progress" \
	tui_wait_line 30 "^ comparing 1/3 and 3/3: pairing paragraphs, [0-9]* of 557 kB $bar  (Ctrl-C quits) *\$"
check "switching: under the view of 1 and 2" \
	eval 'tui_line 2 | grep -q "^Paragraph 1: "'
tui_keys C-c
check "switching: C-c stops it, status 130" \
	tui_wait_for '^\[status\] 130$'
check_eq "switching: the terminal is given back" \
	"$(tui_screen | sed -e '/^$/d' -e '/^\[exited\]/d')" \
	"versus: interrupted
icanon echo
[status] 130"
tui_stop

# After the work, C-c is a key again: the default keymap's quit, which
# exits with diff's status, 1 here, and no word.
tui_start 120 30 env VERSUS_TEST_PROGRESS=now "$VERSUS" \
	"$TMPD/a.txt" "$TMPD/b.txt"
check "the browser shows the versions after the progress" \
	tui_wait_line 30 'similarity 85%'
tui_keys C-c
check "C-c after the work is the key that quits" \
	tui_wait_for '^\[exited\] 1$'
check "and no interrupt" eval '! tui_screen | grep -q interrupted'

# The command line: the line on standard error (the terminal), erased by
# C-c with the signal's own death; standard output stays untouched.
rm -f "$TMPD/pid"
tui_start 120 30 env VERSUS_TEST_PROGRESS=stall \
	sh "$TMPD/session.sh" "$TMPD/pid" sh -c \
	'exec "$0" --json "$1" "$2" >"$3"' "$VERSUS" \
	"$TMPD/a.txt" "$TMPD/b.txt" "$TMPD/stalled.json"
check "--json: progress on standard error, a terminal" \
	tui_wait_for "^versus: comparing 1/2 and 2/2: pairing paragraphs, [0-9]* of 557 kB $bar *\$"
tui_keys C-c
check "--json: C-c ends versus by SIGINT (status 130)" \
	tui_wait_for '^\[status\] 130$'
check_eq "--json: the progress line gave way to one line" \
	"$(tui_screen | sed -e '/^$/d' -e '/^\[exited\]/d')" \
	"versus: interrupted
icanon echo
[status] 130"
check "--json: nothing was written" test ! -s "$TMPD/stalled.json"

# Run to the end, the line is erased, and the output is what it is
# without a terminal.
tui_start 120 30 env VERSUS_TEST_PROGRESS=now sh -c \
	'"$0" --json "$1" "$2" >"$3"; echo "[status] $?"' "$VERSUS" \
	"$TMPD/a.txt" "$TMPD/b.txt" "$TMPD/shown.json"
check "--json to the end: the line is erased" \
	tui_wait_for '^\[status\] 1$'
check_eq "--json to the end: nothing else on the screen" \
	"$(tui_screen | sed -e '/^$/d' -e '/^\[exited\]/d')" "[status] 1"
"$VERSUS" --json "$TMPD/a.txt" "$TMPD/b.txt" >"$TMPD/plain.json" 2>/dev/null
check "--json: the same output with progress shown" \
	cmp "$TMPD/shown.json" "$TMPD/plain.json"

finish
