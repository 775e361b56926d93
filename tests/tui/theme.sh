#!/bin/sh
# theme.sh — the browser's colours follow the terminal's background
# (samples 1 and 3, 120x40, at change 1, a changed paragraph whose
# unchanged words are tinted grey: 236 on a dark background, 254 on a
# light one).  The terminal's answer to OSC 11 decides (tmux answers with
# its window-style background once one is set), else COLORFGBG, else
# dark; the setting "theme dark|light" overrides; "face NAME SPEC" lines
# set any face; no answer is left behind as keys; NO_COLOR still means no
# colour; a face never blinks; and versus(1) lists the faces of the
# program's table.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
conf=$XDG_CONFIG_HOME/versus/config
mkdir -p "$XDG_CONFIG_HOME/versus"

# start BACKGROUND ENV...: the browser in a terminal whose background is
# BACKGROUND ("" for none set, so that tmux does not answer OSC 11).
start() {
	bg=$1
	shift
	tui_start 120 40 sleep 600
	[ -z "$bg" ] || $TUI set-option -g window-style "bg=$bg"
	$TUI respawn-pane -k ${TUI_DIR:+-c "$TUI_DIR"} "env TERM=xterm-256color LC_ALL=C.UTF-8 $* '$VERSUS' samples/1-wire.txt samples/3-corrected.txt; echo '[exited]' \$?; sleep 600"
	tui_wait_for '2/2 samples/3-corrected.txt'
}

# tint: the changed paragraph's background at change 1.
tint() {
	tui_keys Tab
	tui_wait_line 40 '│ passage 1/4 ' >/dev/null || return 1
	tui_sgr_all | sed -n 's/.*bg:\(2[35][0-9]\).*/\1/p' | sort -u | tr '\n' ' '
}

start ""
check_eq "no answer, no COLORFGBG: the dark theme" "$(tint)" "236 238 "

start white
check "a white background: the browser starts" tui_wait_line 2 '^LISBON'
check "nothing of the answer is left as keys" \
	tui_wait_line 40 '^  top │ passage 0/4 │'
check_eq "the terminal says white: the light theme" "$(tint)" "252 254 "
check_eq "its status line is dark on light grey" \
	"$(tui_sgr_before '  34% │ passage')" "fg:235 bg:252"
check_eq "its gutter marks are darker orange" \
	"$(tui_sgr_before '│ ' | grep -c 'fg:166')" "$(tui_sgr_before '│ ' | grep -c 'fg:')"

start black
check_eq "the terminal says black: the dark theme" "$(tint)" "236 238 "

start "" "'COLORFGBG=0;15'"
check_eq "no answer, COLORFGBG=0;15: light" "$(tint)" "252 254 "
start "" "'COLORFGBG=15;0'"
check_eq "no answer, COLORFGBG=15;0: dark" "$(tint)" "236 238 "

printf 'theme = dark\n' >"$conf"
start white
check_eq "theme dark wins over a white background" "$(tint)" "236 238 "
printf 'theme light\n' >"$conf"
start ""
check_eq "theme light without asking" "$(tint)" "252 254 "

# Faces by name.
printf '# my colours\nface changed-paragraph bg=229\nface fact-deleted fg=bright-white,bg=blue,bold\n' >"$conf"
start ""
check_eq "face fact-deleted fg=bright-white,bg=blue,bold (bold alone)" \
	"$(tui_sgr_before '1,200')" "1 fg:97 bg:44"
check_eq "face changed-paragraph bg=229: no grey tint left" "$(tint)" "238 "
check "the tint is 229" eval 'tui_sgr_all | grep -q "bg:229"'

# NO_COLOR: no colour, whatever the theme.
printf 'theme light\n' >"$conf"
start white NO_COLOR=1
tui_keys Tab
check "NO_COLOR: change 1" tui_wait_line 40 '│ passage 1/4 '
check_eq "NO_COLOR: no colour" "$(tui_sgr_all | grep -c '[fb]g:[0-9]')" 0

# Mistakes: one line naming the file and line, exit status 2.
bad() {
	printf '%s\n' "$1" >"$conf"
	tui_start 200 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
	check "$1: exit status 2" tui_wait_for '^\[exited\] 2$'
	check "$1: $2" tui_wait_for "^versus: $conf:1: $2\$"
}
bad 'face deleted fg=red,blink' 'face deleted: versus never blinks'
bad 'face deleted fg=pink' "face deleted: unknown colour 'pink' (a name, bright-NAME, 0-255 or default)"
bad 'face sparkle bold' "unknown face 'sparkle' (versus(1), FILES, names them)"
bad 'theme sepia' "theme is dark, light or auto, not 'sepia'"

# versus(1)'s list of faces is the program's: the names of theme.c's
# table, in its order, and every one of them set in one settings file
# is taken.
man=${abs_top_builddir:-.}/doc/versus.1
if [ -f "$man" ]; then
	sed -n '/^The faces:$/,/^\.RE$/{/^\.TP$/{n;s/^\.B //;s/\\-/-/g;p;}}' \
		"$man" >"$TMPD/man.faces"
	sed -n 's/^	{ FACE_[A-Z_0-9]*, "\([a-z0-9-]*\)".*/\1/p' \
		"$srcdir/tui/theme.c" >"$TMPD/table.faces"
	check "versus(1) lists faces ($(wc -l <"$TMPD/man.faces"))" \
		test "$(wc -l <"$TMPD/man.faces")" -ge 20
	check_file "versus(1)'s faces are theme.c's table" \
		"$TMPD/man.faces" "$TMPD/table.faces"
	sed 's/.*/face & bold/' "$TMPD/man.faces" >"$conf"
	tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
	check "a settings file setting each face of versus(1) is taken" \
		tui_wait_for '2/2 samples/3-corrected.txt'
else
	skip_test "no built manual page ($man)"
	skip_test "no built manual page ($man)"
	skip_test "no built manual page ($man)"
fi

finish
