#!/bin/sh
# browse.sh — a fuzzer for the browser, driven through tmux: random keys
# (every binding of the default keymap but those that quit, suspend or
# write a file; in a third session the emacs keymap's, whose search runs
# as typed), text typed into the search and go-to prompts, resizes
# from 20x5 to 200x60, and SGR mouse reports (clicks, drags, the wheel)
# sent as raw bytes with `tmux send-keys -H`.  After every event batch
# versus must still run; at the end Esc and q must end it with status 0 or 1 (diff's).
# Run against the sanitizer build (configure --enable-sanitizers), a
# memory error ends it with a report and a non-zero status.
#
# make check runs a short fixed-seed session over two inputs.  For a
# release, run it long with fresh seeds (see tests/fuzz/README):
#	FUZZ_EVENTS=20000 FUZZ_SEED=$(date +%s) make check \
#		TESTS=tests/fuzz/browse.sh
# A failure prints the seed and the last events, enough to replay it.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

FUZZ_SEED=${FUZZ_SEED:-19}

# The fuzzer types on while `e` hands the terminal to the editor (true(1)
# here, tests/tui/lib.sh): the terminal echoes those keys onto the shell's
# screen, as for any program that lends the terminal out.  The exit marker
# is written on a cleared line, so what is checked is the status alone.
TUI_EXIT_CLEAR=1
FUZZ_EVENTS=${FUZZ_EVENTS:-300}

# A pair of hostile little versions: controls, bidi, wide and combining
# characters, invalid UTF-8, one long line.
printf 'Caf\351 \033[31mred\033[0m \342\200\256evil\n\nA wide \344\270\255\346\226\207 word and e\314\201.\n\n%s\n' \
	"$(printf 'word %.0s' $(seq 1 300))" >"$TMPD/h1.txt"
printf 'Caf\303\251 red \342\200\256evil\n\nA wide \344\270\255\346\226\207 word.\n\nNew\tparagraph \302\233 here.\n' \
	>"$TMPD/h2.txt"

# The events, one per line: "k KEY [KEY]", "t TEXT", "z COLS ROWS",
# "m HEX...".  events SEED N [emacs]: with emacs, the emacs keymap's
# keys, and its search as you type (C-s, C-r, then more C-s, C-g).
events() {
	awk -v seed="$1" -v n="$2" -v emacs="${3-}" '
	BEGIN {
		for (i = 0; i < 128; i++)
			ord[sprintf("%c", i)] = i
		srand(seed)
		if (emacs == "")
			nk = split("Down j Up k d C-d u C-u Space PgDn f b PgUp g Home G End " \
				"Tab ] BTab [ } { x X ) ( m n N Right . Left , > < s B S v " \
				"c - + o p t i | w C-l Enter ? h F1 Escape C-g " \
				"1 2 5 0 e z Z @ DC IC", keys, " ")
		else
			nk = split("C-n,C-p,Down,Up,C-v,M-v,Space,M-<,M->,M-n,M-p,M-N,M-P," \
				"C-c n,C-c p,M-},M-{,M-e,M-a,C-x C-x,C-c l,C-c k,C-c m," \
				"C-c c,C-c f,C-c u,C-c +,C-c -,C-c b,C-c a,C-c t,C-c i," \
				"C-c |,C-c w,C-c #,C-x Right,C-x Left,C-x >,C-x <," \
				"C-x C-t,C-x b,C-c s,C-x C-b,C-x v,M-s n,M-s p,C-h,F1," \
				"C-g,Escape,Enter,C-l", keys, ",")
		for (e = 0; e < n; e++) {
			r = rand()
			if (r < 0.70) {
				print "k", keys[int(rand() * nk) + 1]
			} else if (r < 0.78) {
				if (emacs == "")
					print "k", (rand() < 0.4 ? "/" : rand() < 0.5 ? "\\" : ":")
				else
					print "k", (rand() < 0.4 ? "C-s" : rand() < 0.5 ? "C-r" : "M-g g")
				w = ""
				for (c = int(rand() * 6); c > 0; c--)
					w = w substr("aeinorstuvxz0123456789.", int(rand() * 23) + 1, 1)
				if (w != "")
					print "t", w
				if (emacs != "")
					for (c = int(rand() * 3); c > 0; c--)
						print "k", (rand() < 0.6 ? "C-s" : rand() < 0.5 ? "C-r" : "BSpace")
				print "k", (rand() < 0.7 ? "Enter" : rand() < 0.6 ? "C-g" : "Escape")
			} else if (r < 0.86) {
				print "z", 20 + int(rand() * 181), 5 + int(rand() * 56)
			} else {
				b = rand(); btn = b < 0.4 ? 0 : b < 0.6 ? 32 : b < 0.8 ? 64 : 65
				s = sprintf("%c[<%d;%d;%d%s", 27, btn, 1 + int(rand() * 200),
					    1 + int(rand() * 60), rand() < 0.7 ? "M" : "m")
				h = "m"
				for (c = 1; c <= length(s); c++)
					h = h sprintf(" %02x", ord[substr(s, c, 1)])
				print h
			}
		}
	}'
}

# fuzz NAME SEED [--keymap emacs] FILE...: one session; true when versus
# survived it.
fuzz() {
	name=$1 seed=$2 emacs=
	shift 2
	[ "$1" != --keymap ] || emacs=$2
	events "$seed" "$FUZZ_EVENTS" "$emacs" >"$TMPD/events"
	tui_start 100 30 "$VERSUS" "$@"
	if ! tui_wait_for ' 1/'; then
		tap_result 1 "$name: the browser starts"
		return
	fi
	i=0 died= quit=
	while read -r kind a b; do
		i=$((i + 1))
		case $kind in
		k)	tui_keys "$a" ${b:+"$b"} ;;
		t)	tui_keys -l "$a" ;;
		z)	$TUI resize-window -x "$a" -y "$b" 2>/dev/null ;;
		m)	tui_keys -H $a $b ;;
		esac 2>/dev/null
		if [ $((i % 50)) -eq 0 ] && ! tui_alive; then
			died=$i
			break
		fi
	done <"$TMPD/events"
	tui_wait_stable >/dev/null 2>&1
	[ -n "$died" ] || tui_alive || died=$i
	# Out of any prompt or screen (Esc then q at once would be M-q),
	# then quit: status 0 or 1.
	for k in Escape C-g Escape q; do
		[ -n "$died" ] && break
		tui_keys "$k"
		sleep 0.1
	done
	if [ -z "$died" ] &&
	   ! tui_wait_for '^\[exited\] [01]$' >/dev/null 2>&1; then
		died=$i
		quit="did not quit with status 0 or 1 (diff's)"
	fi
	if [ -z "$died" ]; then
		tap_result 0 "$name: $FUZZ_EVENTS events (seed $seed), versus ran and quit cleanly"
	else
		tap_result 1 "$name: $FUZZ_EVENTS events (seed $seed), versus ran and quit cleanly"
		diag "${quit:-died by event $died}; the events before it:"
		head -n "$died" "$TMPD/events" | tail -n 30 | sed 's/^/#   /'
		tui_screen | tail -n 15 | sed 's/^/# | /'
	fi
}

tui_samples
fuzz "three versions of the samples" "$FUZZ_SEED" \
	samples/1-wire.txt samples/3-corrected.txt samples/5-summary.txt
fuzz "a hostile pair" "$((FUZZ_SEED + 1))" "$TMPD/h1.txt" "$TMPD/h2.txt"
fuzz "the emacs keymap, its search as you type" "$((FUZZ_SEED + 2))" \
	--keymap emacs samples/1-wire.txt samples/4-rewrite.txt

finish
