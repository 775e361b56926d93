#!/bin/sh
# lint-engine.sh — the engine stays free of terminal code: no curses
# header, no exit(), no printing, no getenv (see README, "Layout").
. "$srcdir/tests/lib.sh"

for f in "$srcdir"/engine/*.[ch]; do
	name=engine/$(basename "$f")
	if grep -n '#[[:space:]]*include[[:space:]]*[<"]n\{0,1\}curses' "$f" >"$TMPD/hits"; then st=1; else st=0; fi
	tap_result $st "$name includes no curses header"
	[ $st -eq 0 ] || diag "$(cat "$TMPD/hits")"
	# Strip comments and strings roughly, then look for forbidden calls.
	sed -e 's://.*$::' -e 's:/\*.*\*/::g' -e 's:"[^"]*"::g' "$f" |
		grep -n '\<\(exit\|printf\|puts\|getenv\|initscr\)[[:space:]]*(' >"$TMPD/hits"
	if [ -s "$TMPD/hits" ]; then st=1; else st=0; fi
	tap_result $st "$name calls no exit, printf, puts or getenv"
	[ $st -eq 0 ] || diag "$(cat "$TMPD/hits")"
done

finish
