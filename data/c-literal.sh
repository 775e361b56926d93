#!/bin/sh
# c-literal.sh — write a file's bytes as C string literals, one a line.
#
# Usage: c-literal.sh FILE PREFIX
#
# Each line of FILE becomes PREFIX"...\n" on a line of its own (a last
# line without a line end, PREFIX"..."); nothing for an empty file, so a
# caller that needs a literal there adds "".  Bytes are read with od, so
# that no awk or locale can reinterpret them, and written so that the C
# file is plain ASCII whatever the compiler's source charset: backslash,
# double quote and question mark with a backslash (no "??" trigraph can
# form under -std=c11), tab as \t, other control characters and every byte
# above 0x7e as a three-digit octal escape, which, unlike \x, cannot
# swallow the characters after it.  POSIX sh, od and awk only.  Shared by
# data/gen-builtin-text.sh and tui/gen-builtin-keymaps.sh.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: $0 FILE PREFIX" >&2
	exit 2
fi
LC_ALL=C od -An -v -tu1 "$1" | LC_ALL=C awk -v prefix="$2" '
BEGIN {
	line = ""
	open = 0
}
{
	for (i = 1; i <= NF; i++) {
		c = $i + 0
		if (c == 10) {
			printf "%s\"%s\\n\"\n", prefix, line
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
		printf "%s\"%s\"\n", prefix, line
}'
