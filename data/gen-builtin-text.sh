#!/bin/sh
# gen-builtin-text.sh — turn a data file into the C file that compiles it
# into versus: data/boilerplate.rules into engine/boiler-builtin.c
# (boiler.h), data/equivalences into engine/equiv-builtin.c (equiv.h).
#
# Usage: gen-builtin-text.sh INPUT OUTPUT NAME HEADER
#
# The whole file, comments included, becomes the string NAME_text, one C
# string literal per line (data/c-literal.sh), and NAME_len its length,
# so that what is built in can be shown to users as it was written; the
# C file includes HEADER, which declares both.  The output is written to
# a temporary file and renamed, so an interrupted run never leaves a
# truncated OUTPUT behind.  POSIX sh, od and awk only.
set -eu

if [ $# -ne 4 ]; then
	echo "usage: $0 INPUT OUTPUT NAME HEADER" >&2
	exit 2
fi
in=$1
out=$2
name=$3
header=$4
tmp="$out.tmp.$$"
here=$(dirname "$0")
trap 'rm -f "$tmp"' EXIT HUP INT TERM

{
	printf '%s\n' \
	    '/*' \
	    " * $(basename "$out") — $(basename "$in") built in ($header)." \
	    ' *' \
	    " * Generated from data/$(basename "$in") by data/gen-builtin-text.sh:" \
	    ' * edit that file, not this one.' \
	    ' */' \
	    '#include "config.h"' \
	    '' \
	    '#include <stddef.h>' \
	    '' \
	    "#include \"$header\"" \
	    '' \
	    "const char ${name}_text[] ="
	sh "$here/c-literal.sh" "$in" '	'
	printf '\t""\n;\n\nconst size_t %s_len = sizeof %s_text - 1;\n' \
	    "$name" "$name"
} >"$tmp"
mv "$tmp" "$out"
trap - EXIT HUP INT TERM
