#!/bin/sh
# batch-parallel.sh — versus --batch runs unchanged under GNU parallel
# --pipe: a generated manifest (BATCH_PAIRS lines, 2,000 by default;
# make bench times 10,000) cut into blocks and compared by two jobs at
# once gives the serial run's output byte for byte.
. "$srcdir/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "needs python3"
command -v parallel >/dev/null 2>&1 || skip_all "needs GNU parallel (apt-get install parallel)"
parallel --version 2>/dev/null | grep -q '^GNU parallel' ||
	skip_all "parallel is not GNU parallel (moreutils?)"

pairs=${BATCH_PAIRS:-2000}
python3 "$srcdir/tests/tools/genmanifest.py" "$TMPD/gen" 300 "$pairs" \
	"$srcdir"/samples/[1-5]-*.txt
M=$TMPD/gen/manifest.tsv
check_eq "the manifest has $pairs lines" "$(wc -l <"$M" | tr -d ' ')" "$pairs"

"$VERSUS" --batch "$M" >"$TMPD/serial" 2>"$TMPD/serial.err"
check_eq "serial: exit 0" "$?" 0
check_eq "serial: one record per line" "$(wc -l <"$TMPD/serial" | tr -d ' ')" "$pairs"
check_eq "serial: no error record" "$(grep -c '"error"' "$TMPD/serial")" 0

HOME=$TMPD parallel --will-cite --pipe --keep-order --block 20k -j2 \
	--joblog "$TMPD/joblog" "$VERSUS" --batch - \
	<"$M" >"$TMPD/parallel" 2>"$TMPD/parallel.err"
check_eq "parallel --pipe -j2: exit 0" "$?" 0
check "parallel ran several jobs" \
	test "$(($(wc -l <"$TMPD/joblog") - 1))" -ge 4
check_file "parallel --pipe --keep-order: the serial output, byte for byte" \
	"$TMPD/parallel" "$TMPD/serial"
check_eq "parallel: nothing on stderr" "$(cat "$TMPD/parallel.err")" ""
finish
