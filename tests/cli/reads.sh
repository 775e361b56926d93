#!/bin/sh
# reads.sh — every read is bounded (issue 19.4): configuration files must
# be regular files, so /dev/zero, /dev/urandom and FIFOs are refused at
# once; inputs stop at their cap, and a binary input is refused from its
# first block.  Memory limits (ulimit -v) show that nothing is read whole
# that should not be; reading leaves the inputs' access times alone.
. "$srcdir/tests/lib.sh"

run() {
	"$@" >"$TMPD/out" 2>"$TMPD/err"
	st=$?
	err=$(cat "$TMPD/err")
}
# A guard against hanging (not a timing check): give up after a minute.
guard=
command -v timeout >/dev/null 2>&1 && guard="timeout 60"

printf 'A short paragraph about the harbour.\n' >"$TMPD/a.txt"
mkdir -p "$TMPD/home" "$TMPD/config/versus"
HOME=$TMPD/home XDG_CONFIG_HOME=$TMPD/config
export HOME XDG_CONFIG_HOME

for dev in /dev/zero /dev/urandom; do
	for opt in --keymap --equiv --boilerplate; do
		run $guard "$VERSUS" --stat $opt $dev "$TMPD/a.txt" "$TMPD/a.txt"
		check_eq "$opt $dev: refused at once" "$st $err" \
			"2 versus: $dev: not a regular file"
	done
done

mkfifo "$TMPD/config/versus/equiv" 2>/dev/null ||
	skip_all "cannot make a FIFO here"
run $guard "$VERSUS" --stat "$TMPD/a.txt" "$TMPD/a.txt"
check_eq "a FIFO as the settings' equivalence file: refused, no hang" \
	"$st $err" "2 versus: $TMPD/config/versus/equiv: not a regular file"
rm -f "$TMPD/config/versus/equiv"
mkfifo "$TMPD/config/versus/boilerplate"
run $guard "$VERSUS" --stat "$TMPD/a.txt" "$TMPD/a.txt"
check_eq "a FIFO as the boilerplate file: refused" \
	"$st $err" "2 versus: $TMPD/config/versus/boilerplate: not a regular file"
rm -f "$TMPD/config/versus/boilerplate"
ln -s /dev/zero "$TMPD/config/versus/config"
run $guard "$VERSUS" --list-actions
check_eq "the settings file linked to /dev/zero: refused" \
	"$st $err" "2 versus: $TMPD/config/versus/config: not a regular file"
rm -f "$TMPD/config/versus/config"

# AddressSanitizer reserves terabytes of address space: no ulimit -v.
limit=ulimit
grep -q __asan_init "$VERSUS" 2>/dev/null && limit=:

# Inputs: capped at 256 MiB, so 300 MB of `yes` stops at the cap.  Under
# a 1 GB address-space limit, reading 2 GB first would run out of memory.
( $limit -v 1000000 2>/dev/null
  yes 2>/dev/null | head -c 300000000 |
	$guard "$VERSUS" --stat "$TMPD/a.txt" - >/dev/null 2>"$TMPD/err"
  echo $? >"$TMPD/st" )
check_eq "300 MB on standard input: too large, stopped at the cap" \
	"$(cat "$TMPD/st") $(cat "$TMPD/err")" "2 versus: -: file too large"

# A sparse file of NULs under the cap is binary from its first block: it
# is refused under a memory limit smaller than the file.
if truncate -s 200000000 "$TMPD/zeros" 2>/dev/null; then
	( $limit -v 150000 2>/dev/null
	  "$VERSUS" --stat "$TMPD/a.txt" "$TMPD/zeros" >/dev/null 2>"$TMPD/err"
	  echo $? >"$TMPD/st" )
	check_eq "200 MB of NULs: binary from the first block" \
		"$(cat "$TMPD/st") $(cat "$TMPD/err")" \
		"2 versus: $TMPD/zeros: binary file"
	truncate -s 300000000 "$TMPD/zeros"
	run "$VERSUS" --stat "$TMPD/a.txt" "$TMPD/zeros"
	check_eq "300 MB file: too large from its size" "$st $err" \
		"2 versus: $TMPD/zeros: file too large"
	rm -f "$TMPD/zeros"
else
	skip_test "truncate cannot make a sparse file"
	skip_test "truncate cannot make a sparse file"
fi

# Access times: an old atime survives reading (O_NOATIME where allowed).
cp "$TMPD/a.txt" "$TMPD/b.txt"
echo 'Another paragraph.' >>"$TMPD/b.txt"
touch -a -d '2020-01-02 03:04:05' "$TMPD/a.txt" "$TMPD/b.txt"
before=$(stat -c %X "$TMPD/a.txt" "$TMPD/b.txt")
"$VERSUS" --stat "$TMPD/a.txt" "$TMPD/b.txt" >/dev/null 2>&1
"$VERSUS" --print "$TMPD/a.txt" "$TMPD/b.txt" >/dev/null 2>&1
check_eq "reading leaves the access times alone" \
	"$(stat -c %X "$TMPD/a.txt" "$TMPD/b.txt")" "$before"

finish
