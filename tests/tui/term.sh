#!/bin/sh
# term.sh — a terminal versus cannot drive (issue 16, bug 11): with an
# empty or unknown TERM the browser cannot start, and versus prints the
# side-by-side layout instead, saying so; then it must not guess at
# colour escape sequences: the changes are bracketed, [-...-] {+...+}.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples

for term in '' versus-no-such-terminal; do
	tui_start 120 200 env TERM="$term" "$VERSUS" samples/1-wire.txt \
		samples/3-corrected.txt
	check "TERM='$term': versus prints and exits 1 (differences)" \
		tui_wait_for '^\[exited\] 1$'
	check "TERM='$term': it says why there is no browser" \
		tui_wait_for 'printing side by side instead'
	check "TERM='$term': the layout is printed" \
		tui_wait_for 'Sakuragi, founded in Kanazawa'
	check_eq "TERM='$term': without colours" \
		"$(tui_sgr_all | grep -c '[fb]g:[0-9]')" 0
	check "TERM='$term': changes are bracketed instead" \
		tui_wait_for '{+1,400+}'
done

finish
