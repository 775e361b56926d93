#!/bin/sh
# lint-engine.sh — the engine computes and never prints (engine/error.h):
# no curses header, no header from outside engine/ (cli/ writes, tui/
# draws), no exit(), no getenv, no write to stdout, stderr or any stream,
# no stream in its interfaces, and no escape sequence (see README, "Layout").
# And the program's colours are one table, cli/sgr.[ch].
. "$srcdir/tests/lib.sh"

# Comments out (they may quote anything), strings kept.
uncomment() {
	perl -0pe 's{/\*.*?\*/}{ my $c = $&; $c =~ tr/\n//cd; $c }gse; s{//[^\n]*}{}g' "$1"
}

for f in "$srcdir"/engine/*.[ch]; do
	name=engine/$(basename "$f")
	if grep -n '#[[:space:]]*include[[:space:]]*[<"]n\{0,1\}curses' "$f" >"$TMPD/hits"; then st=1; else st=0; fi
	tap_result $st "$name includes no curses header"
	[ $st -eq 0 ] || diag "$(cat "$TMPD/hits")"

	: >"$TMPD/hits"
	for h in $(sed -n 's/^#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
		[ "$h" = config.h ] || [ -f "$srcdir/engine/$h" ] ||
			[ "$h" = boiler-builtin.h ] || echo "$h" >>"$TMPD/hits"
	done
	if [ -s "$TMPD/hits" ]; then st=1; else st=0; fi
	tap_result $st "$name includes only engine headers"
	[ $st -eq 0 ] || diag "$(cat "$TMPD/hits")"

	# Strings out too, roughly, for the calls.
	uncomment "$f" | sed -e 's:"[^"]*"::g' | grep -n \
	    -e '\<\(exit\|_exit\|getenv\|initscr\)[[:space:]]*(' \
	    -e '\<v\{0,1\}f\{0,1\}printf[[:space:]]*(' \
	    -e '\<\(fputs\|fputc\|fwrite\|putc\|putchar\|puts\|perror\|fflush\|fdopen\|write\|writev\|dprintf\)[[:space:]]*(' \
	    -e '\<\(stdout\|stderr\)\>' >"$TMPD/hits"
	if [ -s "$TMPD/hits" ]; then st=1; else st=0; fi
	tap_result $st "$name calls no exit or getenv and writes to no stream"
	[ $st -eq 0 ] || diag "$(cat "$TMPD/hits")"

	# An engine interface never takes a stream to write to.
	case $f in
	*.h)	uncomment "$f" | grep -n '\<FILE\>' >"$TMPD/hits"
		if [ -s "$TMPD/hits" ]; then st=1; else st=0; fi
		tap_result $st "$name hands out no FILE"
		[ $st -eq 0 ] || diag "$(cat "$TMPD/hits")" ;;
	esac

	# ESC as \033, \33, \x1b, \e, \u001b, or the raw byte.
	uncomment "$f" | grep -n -e '\\033' -e '\\33\($\|[^0-7]\)' -e '\\[xX]0*1[bB]' \
	    -e '\\e' -e '\\u001[bB]' -e "$(printf '\033')" >"$TMPD/hits"
	if [ -s "$TMPD/hits" ]; then st=1; else st=0; fi
	tap_result $st "$name writes no escape sequence"
	[ $st -eq 0 ] || diag "$(cat "$TMPD/hits")"
done

# Colours have one table, cli/sgr.[ch]: no SGR sequence elsewhere in the
# program (the browser draws through curses).
for f in "$srcdir"/cli/*.[ch] "$srcdir"/tui/*.[ch] "$srcdir"/sources/*.[ch]; do
	[ -f "$f" ] || continue
	case $f in */cli/sgr.[ch]) continue ;; esac
	uncomment "$f" | grep -n -e '\\033\[[0-9;]*m' -e '\\[xX]1[bB]\[[0-9;]*m' \
	    -e '\\e\[[0-9;]*m' | sed "s|^|${f#"$srcdir"/}:|" >>"$TMPD/sgr"
done
if [ -s "$TMPD/sgr" ]; then st=1; else st=0; fi
tap_result $st "no SGR sequence outside cli/sgr.[ch], the one table of colours"
[ $st -eq 0 ] || diag "$(cat "$TMPD/sgr")"

finish
