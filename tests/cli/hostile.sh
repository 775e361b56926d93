#!/bin/sh
# hostile.sh — input a reporter may be sent: every case gets a clear
# one-line error and exit 2, or a correct output, in bounded time; the
# input files are never changed (bytes and mtime); text never takes
# control of the terminal; --json always parses.
. "$srcdir/tests/lib.sh"

run() {
	"$@" >"$TMPD/out" 2>"$TMPD/err"
	st=$?
	err=$(cat "$TMPD/err")
}

# stamp FILE...: remember bytes and mtime; unchanged FILE...: compare.
stamp() {
	for f in "$@"; do
		touch -d '2021-03-04 05:06:07' "$f"
		cksum <"$f" >"$f.sum"
	done
}
unchanged() {
	for f in "$@"; do
		[ "$(cksum <"$f")" = "$(cat "$f.sum")" ] || return 1
		[ "$(date -r "$f" +%s)" = "$(date -d '2021-03-04 05:06:07' +%s)" ] || return 1
	done
}

has_python=false
command -v python3 >/dev/null 2>&1 && has_python=true
json_ok() {	# json_ok NAME A B: --json output parses and tiles both files
	if ! $has_python; then
		skip_test "$1: --json check needs python3"
		return
	fi
	"$VERSUS" --json "$2" "$3" >"$TMPD/j.json" 2>/dev/null
	python3 "$srcdir/tests/tools/jsoncheck.py" "$TMPD/j.json" >"$TMPD/j.out" 2>&1
	st=$?
	tap_result $st "$1: --json parses and its ops tile both files"
	[ $st -eq 0 ] || sed 's/^/# /' "$TMPD/j.out"
}

printf 'A short paragraph about the harbour.\n' >"$TMPD/a.txt"
stamp "$TMPD/a.txt"

# --- files that cannot be compared -----------------------------------------

run "$VERSUS" "$TMPD/a.txt" "$TMPD/none.txt"
check_eq "missing file: exit 2" "$st" 2
check_eq "missing file: message" "$err" "versus: $TMPD/none.txt: No such file or directory"

mkdir "$TMPD/empty"
run "$VERSUS" "$TMPD/a.txt" "$TMPD/empty"
check_eq "empty directory: message and exit 2" "$st $err" "2 versus: $TMPD/empty: no text or HTML file in this folder"

printf 'text\000more\n' >"$TMPD/nul.bin"
stamp "$TMPD/nul.bin"
run "$VERSUS" "$TMPD/a.txt" "$TMPD/nul.bin"
check_eq "binary file: message and exit 2" "$st $err" "2 versus: $TMPD/nul.bin: binary file"

printf 'h\000e\000l\000l\000o\000 \000w\000o\000r\000l\000d\000\n\000' >"$TMPD/u16nobom.txt"
run "$VERSUS" "$TMPD/a.txt" "$TMPD/u16nobom.txt"
check_eq "UTF-16 without a BOM: refused as binary" "$st $err" \
	"2 versus: $TMPD/u16nobom.txt: binary file"

run "$VERSUS" - - </dev/null
check_eq "standard input twice: exit 2" "$st" 2

# Writing --help, --version or --list-actions to a full disk: exit 2 and
# one line saying so.
if [ -w /dev/full ]; then
	for opt in --help --version --list-actions; do
		"$VERSUS" $opt >/dev/full 2>"$TMPD/err"
		check_eq "$opt to /dev/full: exit 2, with a message" \
			"$? $(cat "$TMPD/err")" \
			"2 versus: write error: No space left on device"
	done
fi

# A refused input after the keymap was loaded: the keymap is freed, so
# under LeakSanitizer the status stays 2 (issue 19.9: it became 1).
run "$VERSUS" --keymap default "$TMPD/a.txt" "$TMPD/none.txt"
check_eq "refused input with a keymap loaded: exit 2" "$st" 2
run "$VERSUS" --keymap vi --equiv "$TMPD/none.txt" "$TMPD/a.txt" "$TMPD/a.txt"
check_eq "a bad --equiv with a keymap loaded: exit 2" "$st" 2

run "$VERSUS" --encoding=no-such-charset "$TMPD/a.txt" "$TMPD/a.txt"
check_eq "unknown charset: exit 2" "$st" 2
check_eq "unknown charset: one line, naming it" "$err" \
	"versus: cannot convert from no-such-charset: unsupported character set"

if [ "$(id -u)" -ne 0 ]; then
	cp "$TMPD/a.txt" "$TMPD/locked.txt"; chmod 000 "$TMPD/locked.txt"
	run "$VERSUS" "$TMPD/a.txt" "$TMPD/locked.txt"
	check_eq "permission denied: message and exit 2" "$st $err" \
		"2 versus: $TMPD/locked.txt: Permission denied"
else
	skip_test "permission denied: root reads everything"
fi

# --- odd but readable files ----------------------------------------------------

run "$VERSUS" --stat "$TMPD/a.txt" "$TMPD/a.txt"
check_eq "the same file twice: no difference (exit 0)" "$st" 0

: >"$TMPD/empty.txt"
run "$VERSUS" --stat "$TMPD/empty.txt" "$TMPD/empty.txt"
check_eq "two empty files: exit 0" "$st" 0
json_ok "two empty files" "$TMPD/empty.txt" "$TMPD/empty.txt"

printf '\n\n   \n\t\n\n' >"$TMPD/blank.txt"
run "$VERSUS" --stat "$TMPD/blank.txt" "$TMPD/a.txt"
check_eq "only blank lines against text: exit 1" "$st" 1
json_ok "only blank lines" "$TMPD/blank.txt" "$TMPD/a.txt"

printf 'Caf\303\251 bad \377 byte, overlong \300\257 and a surrogate \355\240\200.\n' >"$TMPD/bad8.txt"
printf 'Caf\303\251 bad byte.\n' >"$TMPD/good8.txt"
stamp "$TMPD/bad8.txt"
run "$VERSUS" --stat "$TMPD/good8.txt" "$TMPD/bad8.txt"
check_eq "invalid UTF-8: compared (exit 1)" "$st" 1
check "invalid UTF-8: the 6 invalid bytes are counted" \
	grep -q 'bad8.txt (6 invalid bytes)' "$TMPD/out"
printf 'Caf\303\251 bad \377 byte.\n' >"$TMPD/one8.txt"
run "$VERSUS" --stat "$TMPD/good8.txt" "$TMPD/one8.txt"
check "invalid UTF-8: one invalid byte is one, not \"1 invalid bytes\"" \
	grep -q 'one8.txt (1 invalid byte)$' "$TMPD/out"
run "$VERSUS" --print --color=never --width 120 "$TMPD/good8.txt" "$TMPD/bad8.txt"
check "invalid UTF-8: shown as U+FFFD, not dropped" \
	grep -q "$(printf 'bad {+\357\277\275+}')" "$TMPD/out"
json_ok "invalid UTF-8" "$TMPD/good8.txt" "$TMPD/bad8.txt"

printf '\377\376' >"$TMPD/u16.txt"
printf 'Caf\303\251 bad byte.\n' | iconv -f UTF-8 -t UTF-16LE >>"$TMPD/u16.txt"
stamp "$TMPD/u16.txt"
run "$VERSUS" --stat "$TMPD/good8.txt" "$TMPD/u16.txt"
check_eq "UTF-16 with a BOM: converted, equal to the UTF-8 text" "$st" 0
json_ok "UTF-16 with a BOM" "$TMPD/good8.txt" "$TMPD/u16.txt"

printf 'One line\r\nsoft wrapped.\r\n\r\nTwo.\r\n' >"$TMPD/crlf.txt"
printf 'One line\rsoft wrapped.\r\rTwo.\r' >"$TMPD/cr.txt"
printf 'One line soft wrapped.\n\nTwo.\n' >"$TMPD/lf.txt"
run "$VERSUS" --stat "$TMPD/lf.txt" "$TMPD/crlf.txt"
check_eq "CRLF: same paragraphs as LF (exit 0)" "$st" 0
run "$VERSUS" --stat "$TMPD/lf.txt" "$TMPD/cr.txt"
check_eq "CR only: same paragraphs as LF (exit 0)" "$st" 0
json_ok "CRLF" "$TMPD/lf.txt" "$TMPD/crlf.txt"

# A file that grows while it is read: a FIFO fed in two parts.
mkfifo "$TMPD/fifo"
( printf 'First part of the text. ' ; sleep 0.3 ; printf 'Second part.\n' ) >"$TMPD/fifo" &
run "$VERSUS" --inline --color=never "$TMPD/a.txt" "$TMPD/fifo"
wait
check "a file that grows while read: read to its end" \
	grep -q 'Second part' "$TMPD/out"

# --- big and repetitive ----------------------------------------------------------

awk 'BEGIN { srand(1); for (i = 0; i < 1500000; i++) printf "w%d ", int(rand() * 5000); printf "\n" }' \
	>"$TMPD/line.txt"
sed 's/w17 /x17 /' "$TMPD/line.txt" >"$TMPD/line2.txt"
stamp "$TMPD/line.txt" "$TMPD/line2.txt"
run "$VERSUS" --stat "$TMPD/line.txt" "$TMPD/line2.txt"
check_eq "a 10 MB single line: compared (exit 1)" "$st" 1
json_ok "a 10 MB single line" "$TMPD/line.txt" "$TMPD/line2.txt"

awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "p%d\n\n", i }' >"$TMPD/paras.txt"
awk 'BEGIN { for (i = 0; i < 1000000; i++) if (i != 500000) printf "p%d\n\n", i }' >"$TMPD/paras2.txt"
run "$VERSUS" --stat "$TMPD/paras.txt" "$TMPD/paras2.txt"
check_eq "a million one-word paragraphs: compared (exit 1)" "$st" 1
check "a million one-word paragraphs: one word deleted" \
	grep -q 'words: 999999 kept, 1 deleted, 0 inserted' "$TMPD/out"

awk 'BEGIN { for (i = 0; i < 100000; i++) printf "The same sentence again. " ; printf "\n" }' >"$TMPD/same.txt"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf (i == 70000 ? "A different sentence here. " : "The same sentence again. "); printf "\n" }' >"$TMPD/same2.txt"
run "$VERSUS" --stat "$TMPD/same.txt" "$TMPD/same2.txt"
check_eq "the same sentence 100,000 times: compared (exit 1)" "$st" 1
check "the same sentence 100,000 times: only that sentence changed" \
	grep -q 'words: 399997 kept, 0 deleted, 0 inserted, 3 changed to 3' "$TMPD/out"

i=0
set --
while [ $i -lt 50 ]; do
	sed "s/paragraph/paragraph $i/" "$TMPD/a.txt" >"$TMPD/v$i.txt"
	set -- "$@" "$TMPD/v$i.txt"
	i=$((i + 1))
done
run "$VERSUS" --stat "$@"
check_eq "50 versions at once: exit 1" "$st" 1
check_eq "50 versions at once: 49 comparisons" "$(grep -c '^1 -> ' "$TMPD/out")" 49
check_eq "50 versions at once: a 50 x 50 matrix" "$(grep -c '^[0-9]\{1,2\}  *1\.0000\|^[0-9]\{1,2\}  *0\.' "$TMPD/out")" 50

# --- text that tries to take over the terminal ------------------------------------

printf 'Plain text. \033[2J\033[H Cleared? \033]52;c;aGk=\007 clipboard \033]0;title\007 \302\233 C1 \342\200\256 bidi \010 backspace.\n' \
	>"$TMPD/evil.txt"
stamp "$TMPD/evil.txt"
for mode in --print --inline --stat; do
	"$VERSUS" $mode --color=never "$TMPD/a.txt" "$TMPD/evil.txt" >"$TMPD/safe.out" 2>&1
	if LC_ALL=C grep -q "$(printf '[\033\010\007]')" "$TMPD/safe.out" ||
	   grep -q "$(printf '\302\233\|\342\200\256')" "$TMPD/safe.out"; then
		st=1
	else
		st=0
	fi
	tap_result $st "escape sequences and controls never reach the output raw ($mode)"
done
"$VERSUS" --print --color=always "$TMPD/a.txt" "$TMPD/evil.txt" >"$TMPD/safe.out" 2>&1
sed 's/\x1b\[[0-9;]*m//g' "$TMPD/safe.out" >"$TMPD/safe.stripped"
if LC_ALL=C grep -q "$(printf '[\033\010\007]')" "$TMPD/safe.stripped"; then st=1; else st=0; fi
tap_result $st "with colour, the only escapes are versus's own SGR"
check "controls are shown in a visible form" grep -q '\^\[\[2J' "$TMPD/safe.out"
json_ok "escape sequences" "$TMPD/a.txt" "$TMPD/evil.txt"

# Every input above is unchanged.
check "no input file was changed (bytes and mtime)" unchanged \
	"$TMPD/a.txt" "$TMPD/nul.bin" "$TMPD/bad8.txt" "$TMPD/u16.txt" \
	"$TMPD/line.txt" "$TMPD/line2.txt" "$TMPD/evil.txt"

finish
