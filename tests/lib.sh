# tests/lib.sh — TAP helpers for the shell tests (sourced, POSIX sh).
#
# Every shell test prints TAP for automake's tap-driver.sh:
#	. "$srcdir/tests/lib.sh"
#	check "name" cmd args...	  ok when the command exits 0
#	check_eq "name" "$got" "$want"   ok when the strings are equal
#	check_file "name" got.txt want.txt
#	finish				  prints the plan, exits 1 on any failure
# The environment comes from the Makefile: VERSUS (the built program),
# srcdir (the source tree), SEEDS_DIR (may not exist).

tap_n=0
tap_failed=0

: "${srcdir:=.}"
: "${VERSUS:=./versus}"

# A scratch directory removed at exit.
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/versus-test.XXXXXX") || exit 99
trap 'rm -rf "$TMPD"' EXIT
trap 'exit 1' HUP INT TERM

tap_result() {	# tap_result STATUS NAME
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

check() {
	name=$1; shift
	"$@" >"$TMPD/check.out" 2>&1
	st=$?
	tap_result $st "$name"
	[ $st -eq 0 ] || { diag "command failed ($st): $*"; sed 's/^/# /' "$TMPD/check.out"; }
	return $st
}

check_eq() {
	if [ "x$2" = "x$3" ]; then
		tap_result 0 "$1"
	else
		tap_result 1 "$1"
		diag "got:" "$2" "want:" "$3"
	fi
}

check_file() {
	if cmp -s "$2" "$3"; then
		tap_result 0 "$1"
	else
		tap_result 1 "$1"
		diff -u "$3" "$2" | sed 's/^/# /' | head -60
	fi
}

skip_test() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

# need_seeds: what follows needs the real articles in SEEDS_DIR
# (../shared/seeds).  When they are missing the rest of the test is
# skipped, saying why (the whole test when nothing ran yet); under
# CI=true, where they must be there, it fails.
need_seeds() {
	[ -d "${SEEDS_DIR:-}" ] && return 0
	if [ "${CI:-}" = true ]; then
		tap_result 1 "the seeds are missing (CI=true): SEEDS_DIR=${SEEDS_DIR:-unset}"
		finish
	fi
	[ "$tap_n" -eq 0 ] && skip_all "no seeds in SEEDS_DIR (${SEEDS_DIR:-unset})"
	skip_test "the rest needs the seeds: none in SEEDS_DIR (${SEEDS_DIR:-unset})"
	finish
}

# reworded_pair N: $TMPD/a.txt and $TMPD/b.txt, N paragraphs a side, every
# one reworded a little (one word in six changed): no paragraph is equal,
# so all are paired by similarity, through every stage of the alignment.
reworded_pair() {
	awk -v dir="$TMPD" -v n="$1" 'BEGIN {
		ns = split("ba ke lo mi nu pa re si to vu da fe go hi ju ka le mo ni po",
			   s, " ")
		for (i = 1; i <= n; i++) {
			a = "Paragraph " i ":"; b = a
			for (k = 0; k < 24; k++) {
				x = (i * 31 + k * 17 + i * k * 7) % 8000
				w = s[1 + x % ns] s[1 + int(x / ns) % ns] \
				    s[1 + int(x / 400) % ns]
				a = a " " w
				b = b " " (k % 6 == i % 6 ? "changed" : w)
			}
			print a ".\n" > (dir "/a.txt")
			print b ".\n" > (dir "/b.txt")
		}
	}'
}

finish() {
	echo "1..$tap_n"
	[ $tap_failed -eq 0 ]
	exit $?
}
