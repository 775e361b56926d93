#!/bin/sh
# escape.sh — outside data never reaches the terminal raw through an error
# message (issue 19.3).  Every control character (C0, DEL), C1 controls
# both as UTF-8 (\302\233) and as lone bytes, bidi overrides and whole
# escape sequences go through every message that quotes a path, an
# option's argument or a line of a configuration file; each message must
# stay one line ("versus: ..." and perhaps "Try 'versus --help'..."),
# valid UTF-8 without a single control byte, with exit status 2.
. "$srcdir/tests/lib.sh"

command -v iconv >/dev/null 2>&1 || skip_all "iconv is not installed"

printf 'A paragraph.\n' >"$TMPD/a.txt"
mkdir -p "$TMPD/home" "$TMPD/config/versus"
HOME=$TMPD/home XDG_CONFIG_HOME=$TMPD/config
export HOME XDG_CONFIG_HOME

# The hostile strings, one per file (command substitution would eat a
# trailing newline, so each has text on both sides).
n=0
add() {
	n=$((n + 1))
	printf "x$1y" >"$TMPD/s.$n"
}
for c in 001 002 003 004 005 006 007 010 011 012 013 014 015 016 017 \
	 020 021 022 023 024 025 026 027 030 031 032 033 034 035 036 037 177; do
	add "\\$c"
done
for c in 200 201 202 203 204 205 206 207 210 211 212 213 214 215 216 217 \
	 220 221 222 223 224 225 226 227 230 231 232 233 234 235 236 237; do
	add "\\302\\$c"		# C1 control as UTF-8
	add "\\$c"		# C1 control as a lone byte
done
add '\033]2;PWNED\007\033[1A\033[2K'
add '\033]52;c;aGk=\007'
add '\23331m\302\2332J'
add '\342\200\256txt.exe'	# RIGHT-TO-LEFT OVERRIDE
add '\342\200\250'		# LINE SEPARATOR

# every KIND CMD...: run CMD for each string in $s (a file name, an
# argument or a line, as CMD uses it); all messages go to one log, each
# after a line with its exit status, then the log is checked at once.
every() {
	kind=$1
	shift
	: >"$TMPD/log"
	i=1
	while [ $i -le $n ]; do
		s=$(cat "$TMPD/s.$i")
		"$@" </dev/null >/dev/null 2>"$TMPD/err"
		echo "@status $? $i" >>"$TMPD/log"
		cat "$TMPD/err" >>"$TMPD/log"
		i=$((i + 1))
	done
	bad=
	# one or two lines per run, "versus: " first, "Try " second; exit 2
	# (or 0 and silence, where the string happened to be valid)
	bad=$(awk '
		function done_run() {
			if (i == "") return
			if (!(st == 0 && lines == 0) &&
			    !(st == 2 && lines >= 1 && lines <= 2 && ok))
				print "string " i ": status " st ", " lines " lines"
		}
		/^@status / { done_run(); st = $2; i = $3; lines = 0; ok = 1; next }
		{ lines++
		  if (lines == 1 && $0 !~ /^versus: /) ok = 0
		  if (lines == 2 && $0 !~ /^Try /) ok = 0 }
		END { done_run() }' "$TMPD/log" | head -3)
	ctl=$(LC_ALL=C tr -d '\n\040-\176\200-\377' <"$TMPD/log" | wc -c)
	[ "$ctl" -eq 0 ] || bad="$bad $ctl control bytes"
	iconv -f UTF-8 -t UTF-8 <"$TMPD/log" >/dev/null 2>&1 ||
		bad="$bad invalid UTF-8"
	! LC_ALL=C grep -n "$(printf '\302[\200-\237]')" "$TMPD/log" ||
		bad="$bad C1 controls"
	! LC_ALL=C grep -n "$(printf '\342\200[\250-\256]')" "$TMPD/log" ||
		bad="$bad bidi controls or separators"
	if [ -z "$bad" ]; then
		tap_result 0 "$kind: $n hostile strings, every message clean"
	else
		tap_result 1 "$kind: $n hostile strings, every message clean"
		diag "$bad"
		LC_ALL=C grep -v '^@status' "$TMPD/log" | head -3 | od -c | head -8 | sed 's/^/# /'
	fi
}

missing() { "$VERSUS" --stat "$TMPD/$s" "$TMPD/a.txt"; }
directory() { mkdir -p "$TMPD/d$s" && "$VERSUS" --stat "$TMPD/d$s" "$TMPD/a.txt"; }
binary() { printf 'a\0b' >"$TMPD/b$s" && "$VERSUS" --stat "$TMPD/b$s" "$TMPD/a.txt"; }
encoding() { "$VERSUS" --stat --encoding "$s" "$TMPD/a.txt" "$TMPD/a.txt"; }
width() { "$VERSUS" --print --width "$s" "$TMPD/a.txt" "$TMPD/a.txt"; }
format() { "$VERSUS" --stat --format "$s" "$TMPD/a.txt" "$TMPD/a.txt"; }
color() { "$VERSUS" --print --color="$s" "$TMPD/a.txt" "$TMPD/a.txt"; }
base() { "$VERSUS" --stat --base "$s" "$TMPD/a.txt" "$TMPD/a.txt"; }
longopt() { "$VERSUS" "--$s" "$TMPD/a.txt" "$TMPD/a.txt"; }
shortopt() { "$VERSUS" "-$s" "$TMPD/a.txt" "$TMPD/a.txt"; }
keymap_path() { "$VERSUS" --keymap "$TMPD/$s" --stat "$TMPD/a.txt" "$TMPD/a.txt"; }
keymap_name() { "$VERSUS" --keymap "$s" --stat "$TMPD/a.txt" "$TMPD/a.txt"; }
keymap_bind() {
	printf 'bind %s quit\n' "$s" >"$TMPD/k.keys"
	"$VERSUS" --keymap "$TMPD/k.keys" --stat "$TMPD/a.txt" "$TMPD/a.txt"
}
keymap_action() {
	printf 'bind q %s\n' "$s" >"$TMPD/k.keys"
	"$VERSUS" --keymap "$TMPD/k.keys" --stat "$TMPD/a.txt" "$TMPD/a.txt"
}
keymap_include() {
	printf 'include %s\n' "$s" >"$TMPD/k.keys"
	"$VERSUS" --keymap "$TMPD/k.keys" --stat "$TMPD/a.txt" "$TMPD/a.txt"
}
keymap_in_path() {
	printf 'bind q nothing-at-all\n' >"$TMPD/k$s.keys"
	"$VERSUS" --keymap "$TMPD/k$s.keys" --stat "$TMPD/a.txt" "$TMPD/a.txt"
}
settings_keymap() {
	printf 'keymap = %s\n' "$s" >"$TMPD/config/versus/config"
	"$VERSUS" --list-actions
	st=$?
	rm -f "$TMPD/config/versus/config"
	return $st
}
settings_line() {
	printf '%s = 1\n' "$s" >"$TMPD/config/versus/config"
	"$VERSUS" --list-actions
	st=$?
	rm -f "$TMPD/config/versus/config"
	return $st
}
equiv_path() { "$VERSUS" --equiv "$TMPD/e$s" --stat "$TMPD/a.txt" "$TMPD/a.txt"; }
equiv_line() {
	printf 'colour = %s = \n' "$s" >"$TMPD/e"
	"$VERSUS" --equiv "$TMPD/e" --stat "$TMPD/a.txt" "$TMPD/a.txt"
}
boiler_path() { "$VERSUS" --boilerplate "$TMPD/r$s" --stat "$TMPD/a.txt" "$TMPD/a.txt"; }
boiler_line() {
	printf 'label%s: (\n' "$s" >"$TMPD/r"
	"$VERSUS" --boilerplate "$TMPD/r" --stat "$TMPD/a.txt" "$TMPD/a.txt"
}
report_path() { "$VERSUS" --report "$TMPD/none/$s" "$TMPD/a.txt" "$TMPD/a.txt"; }
open_max() { "$VERSUS" --max "$s" "$TMPD/a.txt" "$TMPD/a.txt"; }
open_sort() { "$VERSUS" --sort "$s" "$TMPD/a.txt" "$TMPD/a.txt"; }
batch_path() { "$VERSUS" --batch "$TMPD/none/$s"; }

for k in missing directory binary encoding width format color base longopt \
	 shortopt keymap_path keymap_name keymap_bind keymap_action \
	 keymap_include keymap_in_path settings_keymap settings_line \
	 equiv_path equiv_line boiler_path boiler_line report_path \
	 open_max open_sort batch_path; do
	every "$k" "$k"
done

# The visible form is the browser's: caret notation and <U+...>.
printf 'x' >"$TMPD/$(printf 'e\033]2;T\007x')"
"$VERSUS" --stat "$TMPD/$(printf 'a\033[2J\302\233\tb')" "$TMPD/a.txt" 2>"$TMPD/err"
check_eq "ESC, C1 and tab in caret notation and <U+009B>" "$(cat "$TMPD/err")" \
	"versus: $TMPD/a^[[2J<U+009B>^Ib: No such file or directory"

finish
