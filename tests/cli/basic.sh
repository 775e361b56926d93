#!/bin/sh
# basic.sh — the command line: help, version, operands and the errors a
# user meets first, each with its exact message and exit status.
. "$srcdir/tests/lib.sh"

# run CMD...: sets out, err and st.
run() {
	"$@" >"$TMPD/out" 2>"$TMPD/err"
	st=$?
	out=$(cat "$TMPD/out")
	err=$(cat "$TMPD/err")
}

run "$VERSUS" --help
check_eq "--help exits 0" "$st" 0
check_eq "--help starts with the usage line" "$(sed -n 1p "$TMPD/out")" \
	"usage: versus [OPTION]... FILE1 FILE2 [FILE...]"

run "$VERSUS" --version
check_eq "--version exits 0" "$st" 0
# The GNU form: "versus X.Y.Z", then copyright, licence, no warranty.
check_eq "--version: first line is versus X.Y.Z" \
	"$(printf '%s\n' "$out" | sed -n '1s/^versus [0-9]*\.[0-9]*\.[0-9]*$/ok/p')" ok
check_eq "--version: copyright, licence and warranty lines" \
	"$(printf '%s\n' "$out" | sed -n '2s/^Copyright (C) .*/c/p; 3s/^License .*/l/p; 5s/.*NO WARRANTY.*/w/p' | tr -d '\n')" clw

run "$VERSUS"
check_eq "no operands exits 2" "$st" 2
check_eq "no operands says why" "$(sed -n 1p "$TMPD/err")" "versus: missing files to compare"

run "$VERSUS" "$srcdir/samples/1-wire.txt"
check_eq "one operand exits 2" "$st" 2
check_eq "one operand says why" "$(sed -n 1p "$TMPD/err")" \
	"versus: one file given, two or more are needed"

run "$VERSUS" --frobnicate a b
check_eq "unknown option exits 2" "$st" 2
check_eq "unknown option is named" "$(sed -n 1p "$TMPD/err")" "versus: unknown option '--frobnicate'"

run "$VERSUS" --encoding
check_eq "missing option argument exits 2" "$st" 2

printf 'One paragraph.\n' >"$TMPD/a.txt"
run "$VERSUS" "$TMPD/a.txt" "$TMPD/missing.txt"
check_eq "missing file exits 2" "$st" 2
check_eq "missing file message" "$err" "versus: $TMPD/missing.txt: No such file or directory"

mkdir "$TMPD/empty"
run "$VERSUS" "$TMPD/a.txt" "$TMPD/empty"
check_eq "empty directory exits 2" "$st" 2
check_eq "empty directory message" "$err" "versus: $TMPD/empty: no text or HTML file in this folder"

printf 'bin\000ary\n' >"$TMPD/bin.dat"
run "$VERSUS" "$TMPD/a.txt" "$TMPD/bin.dat"
check_eq "binary file exits 2" "$st" 2
check_eq "binary file message" "$err" "versus: $TMPD/bin.dat: binary file"

run "$VERSUS" --text "$TMPD/a.txt" "$TMPD/bin.dat"
check_eq "--text accepts a binary file (exit 1: they differ)" "$st" 1

if [ "$(id -u)" -ne 0 ]; then
	cp "$TMPD/a.txt" "$TMPD/locked.txt" && chmod 000 "$TMPD/locked.txt"
	run "$VERSUS" "$TMPD/a.txt" "$TMPD/locked.txt"
	check_eq "unreadable file message" "$err" "versus: $TMPD/locked.txt: Permission denied"
else
	skip_test "unreadable file: root can read anything"
fi

run "$VERSUS" - - </dev/null
check_eq "standard input twice exits 2" "$st" 2
check_eq "standard input twice message" "$(sed -n 1p "$TMPD/err")" \
	"versus: standard input ('-') given twice"

printf 'colour = \n' >"$TMPD/bad.equiv"
run "$VERSUS" --equiv "$TMPD/bad.equiv" "$TMPD/a.txt" "$TMPD/a.txt"
check_eq "bad equivalence file exits 2" "$st" 2
check_eq "bad equivalence file names file and line" "$err" "versus: $TMPD/bad.equiv:1: empty phrase"

# The samples load; the input files are left exactly as they were.
cp "$srcdir/samples/1-wire.txt" "$srcdir/samples/5-summary.txt" "$TMPD/"
chmod u+w "$TMPD/1-wire.txt"
touch -d '2020-01-02 03:04:05' "$TMPD/1-wire.txt"
before=$(cksum <"$TMPD/1-wire.txt"; ls -l --time-style=+%s "$TMPD/1-wire.txt" | awk '{print $6}')
run "$VERSUS" "$TMPD/1-wire.txt" - <"$TMPD/5-summary.txt"
check_eq "two different versions exit 1" "$st" 1
after=$(cksum <"$TMPD/1-wire.txt"; ls -l --time-style=+%s "$TMPD/1-wire.txt" | awk '{print $6}')
check_eq "input file unchanged, same mtime" "$after" "$before"

run "$VERSUS" "$srcdir/samples/1-wire.txt" "$srcdir/samples/1-wire.txt"
check_eq "a version against itself exits 0" "$st" 0

# --report: a Markdown corrections log, written atomically, never over an
# input, for exactly two versions.
run "$VERSUS" --stat --report "$TMPD/log.md" "$srcdir/samples/1-wire.txt" \
	"$srcdir/samples/3-corrected.txt"
check_eq "--report: exit 1 (they differ)" "$st" 1
check_eq "--report: the title" "$(sed -n 1p "$TMPD/log.md")" \
	"# Changes from $srcdir/samples/1-wire.txt to $srcdir/samples/3-corrected.txt"
check_eq "--report: the summary counts as --stat" "$(sed -n 3p "$TMPD/log.md")" \
	"5 substantive changes (quote 2, number 2, wording 1)."
check_eq "--report: the changed figure is listed as a number, by paragraph" \
	"$(grep -A2 '^## Paragraph 2$' "$TMPD/log.md" | sed -n 3p)" \
	"### Sentence 1 — number"
check_eq "--report: the two edits of the quotation are one entry" \
	"$(grep -A2 '^## Paragraph 10 (now paragraph 9)$' "$TMPD/log.md" |
	   sed -n 3p)" "### Sentence 2 — quote (2 edits)"
check_eq "--report: one entry per changed sentence or paragraph" \
	"$(grep -c '^### ' "$TMPD/log.md")" 4
check_eq "--report: no temporary file is left" "$(ls -A "$TMPD" | grep -c '^\.log')" 0
cp "$srcdir/samples/1-wire.txt" "$TMPD/in.txt"
before=$(cksum <"$TMPD/in.txt")
run "$VERSUS" --stat --report "$TMPD/in.txt" "$TMPD/in.txt" "$srcdir/samples/3-corrected.txt"
check_eq "--report over an input: exit 2" "$st" 2
check_eq "--report over an input: refused" "$err" \
	"versus: $TMPD/in.txt: refusing to overwrite an input file"
check_eq "--report over an input: the input is unchanged" "$(cksum <"$TMPD/in.txt")" "$before"
run "$VERSUS" --report "$TMPD/x.md" "$TMPD/in.txt" "$TMPD/in.txt" "$TMPD/in.txt"
check_eq "--report with three versions: exit 2" "$st" 2

# --report=-: the report on standard output, and nothing else; no file "-".
mkdir "$TMPD/dash"
ln -s "$(cd "$srcdir" && pwd)/samples" "$TMPD/dash-samples"
(cd "$TMPD/dash" && "$VERSUS" --report=- ../dash-samples/1-wire.txt \
	../dash-samples/3-corrected.txt >"$TMPD/dash.md" 2>"$TMPD/dash.err")
check_eq "--report=-: exit 1 (they differ)" "$?" 1
check_eq "--report=-: the report on stdout, as --report FILE writes it" \
	"$(sed 1d "$TMPD/dash.md")" "$(sed 1d "$TMPD/log.md")"
check_eq "--report=-: nothing on stderr" "$(cat "$TMPD/dash.err")" ""
check_eq "--report=-: no file named -" "$(ls -A "$TMPD/dash")" ""
run "$VERSUS" --report=- --json "$srcdir/samples/1-wire.txt" \
	"$srcdir/samples/3-corrected.txt"
check_eq "--report=- with --json: a usage error, nothing written" "$st:$out" 2:
if [ -w /dev/full ]; then
	"$VERSUS" --report=- "$srcdir/samples/1-wire.txt" \
		"$srcdir/samples/3-corrected.txt" >/dev/full 2>"$TMPD/dash.err"
	check_eq "--report=- to /dev/full: exit 2, with a message" \
		"$? $(cat "$TMPD/dash.err")" \
		"2 versus: write error: No space left on device"
fi

finish
