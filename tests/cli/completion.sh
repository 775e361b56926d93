#!/bin/sh
# completion.sh — the bash and zsh completions offer every long option of
# versus --help, and bash's completes option values (keymaps, --color,
# --format) the way a user sees them; zsh's parses.
. "$srcdir/tests/lib.sh"

B=$(cd "$srcdir" && pwd)/completions/versus
Z=$(cd "$srcdir" && pwd)/completions/_versus

opts=$("$VERSUS" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
check "versus --help lists at least 15 long options" \
	test "$(printf '%s\n' "$opts" | grep -c .)" -ge 15
for o in $opts; do
	check "bash completion offers $o" grep -q -e "$o[= ]" -e "$o\$" "$B"
	check "zsh completion offers $o" grep -q -e "$o[]=+[,}]" "$Z"
done

if command -v bash >/dev/null 2>&1; then
	# comp WORD...: what bash completes for the last WORD.
	comp() {
		bash --norc --noprofile -c '
			. "$1"; shift
			COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
			COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
			_versus versus "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
			printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' sh "$B" "$@"
	}
	check_eq "bash: versus --keym<Tab>" "$(comp versus --keym)" "--keymap= "
	check_eq "bash: versus --keymap <Tab> offers the shipped keymaps" \
		"$(cd "$TMPD" && comp versus --keymap '')" "default emacs vi "
	check_eq "bash: versus -k v<Tab>" "$(cd "$TMPD" && comp versus -k v)" "vi "
	check_eq "bash: versus --color <Tab>" "$(comp versus --color '')" \
		"always auto never "
	check_eq "bash: versus --format=h<Tab>" "$(comp versus --format=h)" "html "
	mkdir "$TMPD/d" && : >"$TMPD/d/a.txt" && : >"$TMPD/d/b.html"
	check_eq "bash: versus FILE<Tab> offers files" \
		"$(cd "$TMPD/d" && comp versus --stat '')" "a.txt b.html "
else
	skip_test "bash completion: needs bash"
fi

if command -v zsh >/dev/null 2>&1; then
	check "zsh: _versus parses" zsh -n "$Z"
else
	skip_test "zsh: _versus parses: needs zsh"
fi
finish
