#!/bin/sh
# batch.sh — versus --batch MANIFEST: one JSON line per manifest line,
# each the --json comparison of its paths plus "paths"; a bad line gets
# its own error record, is counted on standard error and never stops the
# batch; the manifest may come on standard input; memory does not grow
# with the manifest's length.
. "$srcdir/tests/lib.sh"

S=$(cd "$srcdir/samples" && pwd)
tab=$(printf '\t')
cr=$(printf '\r')

# batch ARGS...: $out, $err and $st of versus --batch ARGS.
batch() {
	"$VERSUS" --batch "$@" >"$TMPD/out" 2>"$TMPD/err"
	st=$?
	out=$(cat "$TMPD/out")
	err=$(cat "$TMPD/err")
}

cat >"$TMPD/m.tsv" <<EOT
$S/1-wire.txt$tab$S/3-corrected.txt
$S/1-wire.txt$tab$TMPD/gone.txt

$S/2-syndicated.txt
$S/2-syndicated.txt$tab$S/4-rewrite.txt$tab$S/5-summary.txt
$S/1-wire.txt$tab$S/1-wire.txt$cr
$S/1-wire.txt$tab$tab$S/2-syndicated.txt
-$tab$S/1-wire.txt
EOT
batch "$TMPD/m.tsv"
check_eq "a bad line: exit 2, after the whole batch" "$st" 2
check_eq "one record per line, blank lines skipped" "$(grep -c . "$TMPD/out")" 7
check_eq "the bad lines are counted on stderr, in one line" "$err" \
	"versus: --batch: 4 of 7 lines could not be compared"
check_eq "a missing file: its error record" "$(sed -n 2p "$TMPD/out")" \
	"{\"paths\":[\"$S/1-wire.txt\",\"$TMPD/gone.txt\"],\"error\":\"$TMPD/gone.txt: No such file or directory\"}"
check_eq "one path: its error record" "$(sed -n 3p "$TMPD/out")" \
	"{\"paths\":[\"$S/2-syndicated.txt\"],\"error\":\"one path: a comparison needs two or more, separated by tabs\"}"
check "an empty path: an error record" \
	grep -q '"error":"an empty path' "$TMPD/out"
check "standard input as a version: an error record" \
	grep -q '"error":"-: standard input cannot be a version in a batch"}$' "$TMPD/out"
check "a CRLF line end is not part of the path" \
	grep -q "^{\"paths\":\\[\"$S/1-wire.txt\",\"$S/1-wire.txt\"\\],\"versions\"" "$TMPD/out"

if command -v python3 >/dev/null 2>&1; then
	# Each compared record is versus --json of its paths, plus "paths".
	python3 - "$VERSUS" "$TMPD/out" >"$TMPD/py" 2>&1 <<'EOT'
import json, subprocess, sys
versus, path = sys.argv[1], sys.argv[2]
bad = 0
for n, line in enumerate(open(path, encoding="utf-8"), 1):
    rec = json.loads(line)
    paths = rec.pop("paths")
    if "error" in rec:
        continue
    want = json.loads(subprocess.run([versus, "--json"] + paths,
                                     capture_output=True).stdout)
    if rec != want:
        print("record %d differs from versus --json" % n)
        bad += 1
print("ok" if bad == 0 else "bad")
EOT
	check_eq "every record parses; compared ones equal versus --json" \
		"$(tail -1 "$TMPD/py")" ok
	[ "$(tail -1 "$TMPD/py")" = ok ] || sed 's/^/# /' "$TMPD/py"
else
	skip_test "records against --json: needs python3"
fi

printf '%s\t%s\n' "$S/1-wire.txt" "$S/3-corrected.txt" >"$TMPD/one.tsv"
"$VERSUS" --batch - <"$TMPD/one.tsv" >"$TMPD/stdin.out" 2>&1
check_eq "--batch -: the manifest on standard input, exit 0" "$?" 0
"$VERSUS" --batch "$TMPD/one.tsv" >"$TMPD/file.out" 2>&1
check_file "--batch -: the same record as from a file" "$TMPD/stdin.out" "$TMPD/file.out"
check_eq "every line compared: nothing on stderr" \
	"$("$VERSUS" --batch "$TMPD/one.tsv" 2>&1 >/dev/null)" ""

# A line over the 1 MiB cap, and one with a NUL byte, between good ones.
{
	cat "$TMPD/one.tsv"
	head -c 1100000 /dev/zero | tr '\0' a
	printf '\n'
	printf 'a\0b\tc\n'
	cat "$TMPD/one.tsv"
} >"$TMPD/long.tsv"
batch "$TMPD/long.tsv"
check_eq "a line over 1 MiB: its own record" "$(sed -n 2p "$TMPD/out")" \
	'{"paths":[],"error":"line longer than 1048576 bytes"}'
check_eq "a NUL byte: its own record" "$(sed -n 3p "$TMPD/out")" \
	'{"paths":[],"error":"a NUL byte in the line"}'
check_eq "the lines around them are compared" \
	"$(sed -n '1p;4p' "$TMPD/out" | grep -c '"comparisons"')" 2

batch "$TMPD/nonexistent.tsv"
check_eq "a missing manifest: exit 2" "$st" 2
check_eq "a missing manifest: one line" "$err" \
	"versus: $TMPD/nonexistent.tsv: No such file or directory"
batch "$TMPD/one.tsv" "$S/1-wire.txt"
check_eq "--batch with file operands: exit 2" "$st" 2

# Memory: 1,000 lines take no more than 50 lines (plus 20%).
if [ -x /usr/bin/time ]; then
	for n in 50 1000; do
		i=0
		while [ $i -lt $n ]; do
			printf '%s\t%s\n' "$S/1-wire.txt" "$S/4-rewrite.txt"
			i=$((i + 1))
		done >"$TMPD/m$n.tsv"
		# AddressSanitizer holds freed memory back (its quarantine),
		# which would count as growth: let it reuse memory at once.
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0" \
		/usr/bin/time -f %M -o "$TMPD/rss$n" "$VERSUS" --batch "$TMPD/m$n.tsv" >/dev/null
	done
	small=$(tail -1 "$TMPD/rss50") big=$(tail -1 "$TMPD/rss1000")
	check "peak memory: 1000 lines ($big KB) within 120% of 50 lines ($small KB)" \
		test "$big" -le $((small * 12 / 10))
else
	skip_test "peak memory: needs /usr/bin/time"
fi
finish
