# tests/tui/lib.sh — drive a terminal program in tmux and read its screen.
#
# Sourced after tests/lib.sh.  Each test gets its own tmux server on a
# private socket, so tests run in parallel and never touch the user's
# tmux; the server is always killed on exit, pass or fail.
#
#	tui_start COLS ROWS CMD...  start CMD in a detached COLSxROWS session
#	tui_keys KEY...             tmux send-keys (key names as tmux knows them)
#	tui_wait_stable             wait until the screen stops changing
#	tui_wait_for REGEX          wait until the screen matches REGEX
#	tui_screen [-e] > FILE      the screen as text (-e: with SGR colours)
#	tui_same FILE [-e]          true when the screen equals FILE
#	tui_expect NAME FILE [-e]   TAP check: screen equals FILE
#	tui_resize COLS ROWS        resize the window (the program gets SIGWINCH)
#	tui_alive                   true while the program still runs
#	tui_stop                    kill the server (done at exit anyway)
#	tui_line N                  line N (from 1) of the screen
#	tui_wait_line N REGEX       wait until line N matches REGEX
#	tui_samples                 run programs where samples/ is the source
#	                            tree's: titles read "samples/1-wire.txt"
#
# It needs no terminal on stdin: tmux makes its own.  The programs run
# with TERM=xterm-256color and LC_ALL=C.UTF-8, and without the caller's
# NO_COLOR, LINES, COLUMNS or user configuration (XDG_CONFIG_HOME and
# HOME point into the scratch directory), so that screens are the same
# for everyone.

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"

TUI_SOCK="versus-test-$$"
TUI="tmux -L $TUI_SOCK -f /dev/null"
TUI_TIMEOUT=${TUI_TIMEOUT:-10}
TUI_DIR=

# The server copies this environment for the programs it runs.
unset NO_COLOR LINES COLUMNS TMUX
mkdir -p "$TMPD/home" "$TMPD/config"
HOME=$TMPD/home XDG_CONFIG_HOME=$TMPD/config
export HOME XDG_CONFIG_HOME

tui_stop() {
	$TUI kill-server >/dev/null 2>&1 || :
}
trap 'tui_stop; rm -rf "$TMPD"' EXIT

tui_start() {
	cols=$1 rows=$2
	shift 2
	# The command runs under sh -c in the session; quote each word.
	cmd=
	for a in "$@"; do
		cmd="$cmd '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
	done
	$TUI new-session -d ${TUI_DIR:+-c "$TUI_DIR"} -x "$cols" -y "$rows" \
		"env TERM=xterm-256color LC_ALL=C.UTF-8 $cmd; echo '[exited]' \$?; sleep 600" || return 1
	$TUI set-option -g remain-on-exit off >/dev/null 2>&1
}

tui_keys() {
	$TUI send-keys "$@"
}

tui_screen() {
	if [ "x$1" = x-e ]; then
		$TUI capture-pane -p -e
	else
		$TUI capture-pane -p
	fi
}

# Poll every 50 ms; stable once three captures in a row are the same.
tui_wait_stable() {
	prev= same=0 waited=0
	limit=$((TUI_TIMEOUT * 20))
	while [ $waited -lt $limit ]; do
		cur=$($TUI capture-pane -p -e 2>/dev/null)
		if [ -n "$cur" ] && [ "x$cur" = "x$prev" ]; then
			same=$((same + 1))
			[ $same -ge 3 ] && return 0
		else
			same=0
		fi
		prev=$cur
		sleep 0.05
		waited=$((waited + 1))
	done
	diag "screen did not settle within ${TUI_TIMEOUT}s"
	return 1
}

tui_wait_for() {
	waited=0
	limit=$((TUI_TIMEOUT * 20))
	while [ $waited -lt $limit ]; do
		if $TUI capture-pane -p 2>/dev/null | grep -q -- "$1"; then
			tui_wait_stable
			return $?
		fi
		sleep 0.05
		waited=$((waited + 1))
	done
	diag "screen never matched '$1'; it shows:"
	$TUI capture-pane -p 2>/dev/null | sed 's/^/# | /'
	return 1
}

tui_resize() {
	$TUI resize-window -x "$1" -y "$2"
}

tui_alive() {
	! $TUI capture-pane -p 2>/dev/null | grep -q '^\[exited\]'
}

# tui_same FILE [-e]: true when the stable screen equals FILE.
tui_same() {
	tui_wait_stable || return 1
	tui_screen $2 >"$TMPD/screen.got"
	cmp -s "$TMPD/screen.got" "$1"
}

# tui_expect NAME FILE [-e]: TAP check that the stable screen equals FILE.
tui_expect() {
	tui_wait_stable
	tui_screen $3 >"$TMPD/screen.got"
	check_file "$1" "$TMPD/screen.got" "$2"
}

tui_line() {
	$TUI capture-pane -p | sed -n "$1p"
}

# tui_wait_line N REGEX: like tui_wait_for, on line N only.
tui_wait_line() {
	waited=0
	limit=$((TUI_TIMEOUT * 20))
	while [ $waited -lt $limit ]; do
		if $TUI capture-pane -p 2>/dev/null | sed -n "$1p" |
		    grep -q -- "$2"; then
			tui_wait_stable
			return $?
		fi
		sleep 0.05
		waited=$((waited + 1))
	done
	diag "line $1 never matched '$2'; the screen shows:"
	$TUI capture-pane -p 2>/dev/null | sed 's/^/# | /'
	return 1
}

# tui_samples: later sessions start in $TMPD/run, where samples/ links to
# the source tree's samples, so that file names on screen do not depend
# on $srcdir; $VERSUS and $srcdir are made absolute for that.
tui_samples() {
	case $srcdir in /*) ;; *) srcdir=$(cd "$srcdir" && pwd) ;; esac
	case $VERSUS in /*) ;; */*) VERSUS=$(pwd)/$VERSUS ;; esac
	mkdir -p "$TMPD/run"
	ln -s "$srcdir/samples" "$TMPD/run/samples"
	TUI_DIR=$TMPD/run
}
