#!/bin/sh
# golden.sh — the command-line outputs on small articles made for each
# case the alignment must get right (tests/golden/NAME.a.txt, NAME.b.txt):
# the exact --inline and --stat output and exit status (NAME.expected), and
# --json checked by a real parser, its ops tiling both files.
#
# To see what a case gives now:
#	sh tests/cli/golden.sh --show NAME
. "$srcdir/tests/lib.sh"

g="$srcdir/tests/golden"

# The output a case is compared with, exit statuses included.
produce() {
	a="$g/$1.a.txt" b="$g/$1.b.txt"
	echo "--- inline"
	"$VERSUS" --inline --color=never "$a" "$b"
	echo "--- exit $?"
	echo "--- print"
	"$VERSUS" --print --width 100 --color=never "$a" "$b"
	echo "--- exit $?"
	echo "--- stat"
	"$VERSUS" --stat "$a" "$b" >"$TMPD/stat.out"
	st=$?
	sed 1,3d "$TMPD/stat.out"
	echo "--- exit $st"
}

if [ "x$1" = x--show ]; then
	produce "$2"
	exit 0
fi

has_python=false
command -v python3 >/dev/null 2>&1 && has_python=true

for exp in "$g"/*.expected; do
	name=$(basename "$exp" .expected)
	(cd "$srcdir" && VERSUS=$VERSUS g=tests/golden; export VERSUS; produce "$name") \
		>"$TMPD/$name.got" 2>&1
	check_file "$name: inline, print and stat output" "$TMPD/$name.got" "$exp"
	if $has_python; then
		(cd "$srcdir" && "$VERSUS" --json "tests/golden/$name.a.txt" \
			"tests/golden/$name.b.txt") >"$TMPD/$name.json"
		(cd "$srcdir" && python3 tests/tools/jsoncheck.py "$TMPD/$name.json" \
			--strict-equal) >"$TMPD/$name.jc" 2>&1
		st=$?
		tap_result $st "$name: --json parses and its ops tile both files"
		[ $st -eq 0 ] && continue
		sed 's/^/# /' "$TMPD/$name.jc"
	else
		skip_test "$name: --json check needs python3"
	fi
done

finish
