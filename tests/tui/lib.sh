# tests/tui/lib.sh — drive a terminal program in tmux and read its screen.
#
# Sourced after tests/lib.sh.  Each test gets its own tmux server on a
# private socket, so tests run in parallel and never touch the user's
# tmux; the server is always killed on exit, pass or fail.
#
#	tui_start COLS ROWS CMD...  start CMD in a detached COLSxROWS session
#	                            (on a new server: the last one is killed)
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
#	tui_sgr_before TEXT         what the SGR sequences just before each
#	                            TEXT set, one line each ("1 fg:16 bg:226")
#	tui_sgr_all                 every SGR sequence on the screen, decoded
#
# It needs no terminal on stdin: tmux makes its own.  The programs run
# with TERM=xterm-256color and LC_ALL=C.UTF-8, and without the caller's
# NO_COLOR, LINES, COLUMNS or user configuration (XDG_CONFIG_HOME and
# HOME point into the scratch directory), so that screens are the same
# for everyone; VISUAL and EDITOR are true(1).

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"

# Each tui_start makes a new server on a new socket: reusing the socket
# of a server being killed can fail ("server exited unexpectedly").
tui_n=0
TUI_SOCK="versus-test-$$-0"
TUI="tmux -L $TUI_SOCK -f /dev/null"
TUI_TIMEOUT=${TUI_TIMEOUT:-10}
TUI_DIR=
ESC=$(printf '\033')

# The server copies this environment for the programs it runs.  The
# checks read UTF-8 screens with grep and sed: they need a UTF-8 locale.
unset NO_COLOR LINES COLUMNS TMUX
# No test opens a real editor on a file (edit-left, edit-right): random
# keys in vi could write to the samples.  Tests of the editor set their own.
VISUAL=true EDITOR=true
export VISUAL EDITOR
LC_ALL=C.UTF-8
export LC_ALL
mkdir -p "$TMPD/home" "$TMPD/config"
HOME=$TMPD/home XDG_CONFIG_HOME=$TMPD/config
export HOME XDG_CONFIG_HOME

# tmux leaves the socket file of a killed server behind: remove it.
tui_stop() {
	tui_sock_path=$($TUI display -p '#{socket_path}' 2>/dev/null) || return 0
	$TUI kill-server >/dev/null 2>&1 || :
	[ -z "$tui_sock_path" ] || rm -f "$tui_sock_path"
}
trap 'tui_stop; rm -rf "$TMPD"' EXIT

tui_start() {
	tui_stop
	tui_n=$((tui_n + 1))
	TUI_SOCK="versus-test-$$-$tui_n"
	TUI="tmux -L $TUI_SOCK -f /dev/null"
	cols=$1 rows=$2
	shift 2
	# The command runs under sh -c in the session; quote each word.
	cmd=
	for a in "$@"; do
		cmd="$cmd '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
	done
	$TUI new-session -d ${TUI_DIR:+-c "$TUI_DIR"} -x "$cols" -y "$rows" \
		"env TERM=xterm-256color LC_ALL=C.UTF-8 $cmd; ${TUI_EXIT_CLEAR:+printf '\\r\\033[K';} echo '[exited]' \$?; sleep 600" || return 1
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

# tui_sgr_decode: SGR parameter lists ("1;38;5;16", one a line) to words:
# attributes by number ("1" bold, "4" underline, "7" reverse), colours as
# fg:N and bg:N (256-colour index, or the 3x/4x/9x/10x code), fg:default
# and bg:default for 39 and 49.  A reset (0) drops what came before it.
tui_sgr_decode() {
	awk -F';' '{
		out = ""
		for (i = 1; i <= NF; i++) {
			p = $i == "" ? 0 : $i + 0
			if ((p == 38 || p == 48) && $(i + 1) == 5) {
				w = (p == 38 ? "fg:" : "bg:") $(i + 2); i += 2
			} else if ((p == 38 || p == 48) && $(i + 1) == 2) {
				w = (p == 38 ? "fg:" : "bg:") $(i + 2) "," \
				    $(i + 3) "," $(i + 4); i += 4
			} else if (p == 0) {
				out = ""; continue
			} else if (p == 39) {
				w = "fg:default"
			} else if (p == 49) {
				w = "bg:default"
			} else if ((p >= 30 && p <= 37) || (p >= 90 && p <= 97)) {
				w = "fg:" p
			} else if ((p >= 40 && p <= 47) || (p >= 100 && p <= 107)) {
				w = "bg:" p
			} else {
				w = p
			}
			out = out (out == "" ? "" : " ") w
		}
		print out
	}'
}

# tui_sgr_before TEXT: for each TEXT on the screen drawn right after SGR
# sequences, what they set, decoded (tui_sgr_decode): "1 fg:16 bg:226".
# tmux writes only what changes from the cell before, so a face that
# shares an attribute with that cell may show less; after a reset, all.
# TEXT is a basic regular expression.
tui_sgr_before() {
	$TUI capture-pane -p -e | grep -o "\($ESC\[[0-9;]*m\)\{1,\}$1" |
		sed "s/^\(\($ESC\[[0-9;]*m\)*\).*/\1/; s/$ESC\[\([0-9;]*\)m/\1;/g; s/;\$//" |
		tui_sgr_decode
}

# tui_sgr_all: every SGR sequence on the screen, decoded, one a line.
tui_sgr_all() {
	$TUI capture-pane -p -e | grep -o "$ESC\[[0-9;]*m" |
		sed "s/$ESC\[\([0-9;]*\)m/\1/" | tui_sgr_decode
}
