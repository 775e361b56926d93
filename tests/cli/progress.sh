#!/bin/sh
# progress.sh — progress lines go to a terminal only: with standard error
# a file, --json, --stat, --print and --inline write not one byte there,
# even told to show progress at once (VERSUS_TEST_PROGRESS=now, which
# tests/tui/progress.sh shows on a terminal), and their output is the
# same as without it.  With standard error a terminal (a pty here), the
# line is drawn, within one row, and erased; but not when standard
# output is a pipe, to a pager most often, which draws on that terminal
# (`versus a b | less`), nor from a background job.
. "$srcdir/tests/lib.sh"

# 2,000 paragraphs a side, each reworded a little: all paired by
# similarity, through every stage that reports.
reworded_pair 2000

for mode in --json --stat --print --inline; do
	VERSUS_TEST_PROGRESS=now "$VERSUS" $mode "$TMPD/a.txt" "$TMPD/b.txt" \
		>"$TMPD/out" 2>"$TMPD/err"
	check_eq "$mode: status 1 (they differ)" "$?" 1
	check "$mode: nothing on standard error" test ! -s "$TMPD/err"
	"$VERSUS" $mode "$TMPD/a.txt" "$TMPD/b.txt" >"$TMPD/plain" 2>&1
	check "$mode: the same output" cmp "$TMPD/out" "$TMPD/plain"
done

command -v python3 >/dev/null 2>&1 || {
	skip_test "progress on a terminal: needs python3 (for a pty)"
	finish
}

# on_tty FILE CMD...: CMD run with a pty for its terminal, $COLS (or
# 80) columns wide; every byte that reached the terminal in FILE.
on_tty() {
	python3 - "$@" <<'EOF'
import fcntl, os, pty, struct, sys, termios
pid, fd = pty.fork()
if pid == 0:
    cols = int(os.environ.get("COLS", "80"))
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
    os.execvp(sys.argv[2], sys.argv[2:])
seen = b""
while True:
    try:
        d = os.read(fd, 65536)
    except OSError:
        break
    if not d:
        break
    seen += d
os.waitpid(pid, 0)
open(sys.argv[1], "wb").write(seen)
EOF
}

export VERSUS_TEST_PROGRESS=now
on_tty "$TMPD/tty" sh -c '"$0" --json "$1" "$2" >"$3"' "$VERSUS" \
	"$TMPD/a.txt" "$TMPD/b.txt" "$TMPD/out"
check "standard output a file: the line on the terminal" \
	eval 'tr "\\r" "\\n" <"$TMPD/tty" |
	      grep -q "^versus: reading version 1 of 2, 0 of 750 kB in all"'
check_eq "... and erased at the end" \
	"$(tail -c 4 "$TMPD/tty" | od -An -c | tr -d ' ')" '\r033[K'
for mode in --json --print; do
	on_tty "$TMPD/tty" sh -c '"$0" '$mode' "$1" "$2" | cat >"$3"' \
		"$VERSUS" "$TMPD/a.txt" "$TMPD/b.txt" "$TMPD/out"
	check "$mode to a pipe (a pager): not a byte on the terminal" \
		test ! -s "$TMPD/tty"
	"$VERSUS" $mode "$TMPD/a.txt" "$TMPD/b.txt" >"$TMPD/plain" 2>&1
	check "$mode to a pipe: the whole output" cmp "$TMPD/out" "$TMPD/plain"
done
# --progress=always: over a pipe too; =never: not even to a file.
on_tty "$TMPD/tty" sh -c '"$0" --progress=always --json "$1" "$2" |
	cat >"$3"' "$VERSUS" "$TMPD/a.txt" "$TMPD/b.txt" "$TMPD/out"
check "--progress=always: the line, standard output a pipe" \
	eval 'tr "\\r" "\\n" <"$TMPD/tty" |
	      grep -q "^versus: reading version 1 of 2, 0 of 750 kB in all"'
on_tty "$TMPD/tty" sh -c '"$0" --progress=never --json "$1" "$2" >"$3"' \
	"$VERSUS" "$TMPD/a.txt" "$TMPD/b.txt" "$TMPD/out"
check "--progress=never: not a byte on the terminal" test ! -s "$TMPD/tty"
"$VERSUS" --progress=sometimes "$TMPD/a.txt" "$TMPD/b.txt" >"$TMPD/out" \
	2>"$TMPD/err"
check_eq "--progress=sometimes: status 2, says why" "$?|$(cat "$TMPD/err")" \
	"2|versus: invalid --progress 'sometimes' (auto, always or never)
Try 'versus --help' for more information."

# A terminal too narrow for the line: each line is cut to the row, a
# column spare, lest it wrap and leave rows behind at each redraw.
COLS=24 on_tty "$TMPD/tty" sh -c '"$0" --json "$1" "$2" >"$3"' "$VERSUS" \
	"$TMPD/a.txt" "$TMPD/b.txt" "$TMPD/out"
check_eq "24 columns: lines of at most 23 characters" "$(python3 -c '
import sys
seen = open(sys.argv[1], "rb").read().decode().replace("\033[K", "")
lines = [l for l in seen.split("\r") if l]
print(max(len(l) for l in lines))' "$TMPD/tty")" 23

# A job of its own (set -m), not the terminal's foreground.
on_tty "$TMPD/tty" sh -c 'set -m; "$0" --json "$1" "$2" >"$3" & wait $!' \
	"$VERSUS" "$TMPD/a.txt" "$TMPD/b.txt" "$TMPD/out"
check "a background job: not a byte on the terminal" test ! -s "$TMPD/tty"

finish
