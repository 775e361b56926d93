#!/bin/sh
# gen-builtin-rules.sh — turn data/boilerplate.rules into the C file that
# compiles it into versus (engine/boiler-builtin.c, see engine/boiler.h).
#
# Usage: gen-builtin-rules.sh RULES OUTPUT
#
# The whole file, comments included, becomes the string
# boiler_builtin_text, one C string literal per line (data/c-literal.sh),
# so that what is built in can be shown to users as it was written.  The
# output is written to a temporary file and renamed, so an interrupted run
# never leaves a truncated OUTPUT behind.  POSIX sh, od and awk only.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: $0 RULES OUTPUT" >&2
	exit 2
fi
in=$1
out=$2
tmp="$out.tmp.$$"
here=$(dirname "$0")
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
	sh "$here/c-literal.sh" "$in" '	'
	printf '\t""\n;\n\nconst size_t boiler_builtin_len = sizeof boiler_builtin_text - 1;\n'
} >"$tmp"
mv "$tmp" "$out"
trap - EXIT HUP INT TERM
