#!/bin/sh
# gen-builtin-rules.sh — turn data/boilerplate.rules into the C file that
# compiles it into versus (engine/boiler-builtin.c, see engine/boiler.h).
#
# Usage: gen-builtin-rules.sh RULES OUTPUT
#
# The whole file, comments included, becomes the string
# boiler_builtin_text, one C string literal per line, so that what is
# built in can be shown to users as it was written.  Bytes are escaped so
# that the C file is plain ASCII whatever the compiler's source charset:
# backslash, double quote and question mark with a backslash (no "??"
# trigraph can form under -std=c11), tab as \t, other control
# characters and every byte above 0x7f as a three-digit octal escape
# (which, unlike \x, cannot swallow the characters after it).  The output
# is written to a temporary file and renamed, so an interrupted run never
# leaves a truncated OUTPUT behind.  POSIX sh, od and awk only.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: $0 RULES OUTPUT" >&2
	exit 2
fi
in=$1
out=$2
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT HUP INT TERM

{
	printf '%s\n' \
	    '/*' \
	    ' * boiler-builtin.c — the built-in boilerplate rules (boiler.h).' \
	    ' *' \
	    ' * Generated from data/boilerplate.rules by data/gen-builtin-rules.sh:' \
	    ' * edit that file, not this one.' \
	    ' */' \
	    '#include "config.h"' \
	    '' \
	    '#include <stddef.h>' \
	    '' \
	    '#include "boiler.h"' \
	    '' \
	    'const char boiler_builtin_text[] ='
	LC_ALL=C od -An -v -tu1 "$in" | LC_ALL=C awk '
	BEGIN {
		line = ""
		open = 0
		n = 0
	}
	{
		for (i = 1; i <= NF; i++) {
			c = $i + 0
			n++
			if (c == 10) {
				printf "\t\"%s\\n\"\n", line
				line = ""
				open = 0
				continue
			}
			open = 1
			if (c == 92)
				line = line "\\\\"
			else if (c == 34)
				line = line "\\\""
			else if (c == 63)
				line = line "\\?"
			else if (c == 9)
				line = line "\\t"
			else if (c < 32 || c > 126)
				line = line sprintf("\\%03o", c)
			else
				line = line sprintf("%c", c)
		}
	}
	END {
		if (open)
			printf "\t\"%s\"\n", line
		if (n == 0)
			printf "\t\"\"\n"
		printf ";\n\nconst size_t boiler_builtin_len = sizeof boiler_builtin_text - 1;\n"
	}'
} >"$tmp"
mv "$tmp" "$out"
trap - EXIT HUP INT TERM
