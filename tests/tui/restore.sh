#!/bin/sh
# restore.sh — the browser always gives the terminal back: after q, when
# killed by SIGTERM, SIGHUP or SIGINT (exit statuses 143, 129 and 130)
# or by SIGUSR1, SIGUSR2, SIGALRM or SIGPIPE (138, 140, 142, 141),
# and after an internal error or an allocation failure (forced with
# VERSUS_TEST_FAULT), and around a suspend and resume (C-z, fg), the
# alternate screen is left, the cursor is visible again, and the
# terminal is back in cooked mode (icanon and echo set) for the shell.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples

# The session: versus, its pid in a file, then what stty says afterwards.
cat >"$TMPD/session.sh" <<'EOF2'
pidfile=$1
shift
sh -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@"
st=$?
stty -a | tr ' ;' '\n\n' | grep -x -e '-\{0,1\}icanon' -e '-\{0,1\}echo' |
	tr '\n' ' '
echo
exit $st
EOF2

# session HOW STATUS: start versus, end it HOW (q or a signal), and check
# it exits with STATUS and leaves the terminal as it found it.
session() {
	rm -f "$TMPD/pid"
	tui_start 120 40 sh "$TMPD/session.sh" "$TMPD/pid" "$VERSUS" \
		samples/1-wire.txt samples/3-corrected.txt
	check "$1: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
	check_eq "$1: the browser is on the alternate screen" \
		"$($TUI display -p '#{alternate_on}')" 1
	check_eq "$1: the cursor is hidden" "$($TUI display -p '#{cursor_flag}')" 0
	case $1 in
	q)	tui_keys q ;;
	*)	kill -s "$1" "$(cat "$TMPD/pid")" ;;
	esac
	check "$1: versus exits with status $2" tui_wait_for "^\\[exited\\] $2\$"
	check_eq "$1: the alternate screen is left" \
		"$($TUI display -p '#{alternate_on}')" 0
	check_eq "$1: the cursor is visible" "$($TUI display -p '#{cursor_flag}')" 1
	check_eq "$1: the terminal is in cooked mode, echoing" \
		"$(tui_screen | sed -e '/^$/d' -e '/^User defined signal [12]$/d' \
			-e '/^Alarm clock$/d')" "icanon echo
[exited] $2"
	tui_stop
}

session q 1
session TERM 143
session HUP 129
session INT 130
# Every other signal whose default ends the program (issue 19.8); the
# shell may name the signal on a line of its own.
session USR1 138
session USR2 140
session ALRM 142
session PIPE 141

# fault KIND MESSAGE: an internal error (abort) or an allocation failure,
# forced through VERSUS_TEST_FAULT on the first key: versus dies of
# SIGABRT (134), but the terminal is given back all the same.
fault() {
	rm -f "$TMPD/pid"
	# (Under AddressSanitizer the huge request must fail, not abort.)
	tui_start 120 40 env VERSUS_TEST_FAULT="$1" \
		ASAN_OPTIONS="allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
		sh "$TMPD/session.sh" \
		"$TMPD/pid" "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
	check "$1: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
	tui_keys j
	check "$1: versus dies with SIGABRT (134)" tui_wait_for '^\[exited\] 134$'
	check_eq "$1: the alternate screen is left" \
		"$($TUI display -p '#{alternate_on}')" 0
	check_eq "$1: the cursor is visible" "$($TUI display -p '#{cursor_flag}')" 1
	tui_screen >"$TMPD/after"
	check "$1: the terminal is in cooked mode, echoing" \
		grep -qx 'icanon echo' "$TMPD/after"
	if [ -n "$2" ]; then
		# the whole line, not overwritten by a second restore
		check "$1: says what went wrong, on a line of its own" \
			grep -qx "$2" "$TMPD/after"
	fi
	tui_stop
}

fault abort ""
fault oom "versus: out of memory"

# Suspend and resume, in an interactive shell with job control: C-z gives
# the shell its terminal back, fg brings the same screen back, and keys
# work again.
tui_start 120 40 env PS1='$ ' bash --norc --noprofile -i
check "suspend: a shell" tui_wait_for '^\$ *$'
tui_keys "$VERSUS samples/1-wire.txt samples/3-corrected.txt" Enter
check "suspend: the browser starts" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys Tab
check "suspend: change 1" tui_wait_line 40 '│ passage 1/4 '
tui_keys C-z
check "suspend: C-z stops it and the shell is back" tui_wait_for 'Stopped'
check_eq "suspend: the alternate screen is left" \
	"$($TUI display -p '#{alternate_on}')" 0
check_eq "suspend: the cursor is visible" "$($TUI display -p '#{cursor_flag}')" 1
tui_keys fg Enter
check "resume: fg redraws the browser" tui_wait_line 40 '│ passage 1/4 '
check_eq "resume: on the alternate screen again" \
	"$($TUI display -p '#{alternate_on}')" 1
before=$(tui_line 2)
tui_keys j
tui_wait_stable
if [ "x$(tui_line 2)" != "x$before" ]; then st=0; else st=1; fi
tap_result $st "resume: keys work (j scrolls)"
tui_keys q
check "resume: q quits to the shell" tui_wait_for '^\$ *$'
tui_keys "stty -a | grep -o -- '-\?icanon'" Enter
check "resume: cooked mode after all that" tui_wait_for '^icanon$'
tui_stop

finish
