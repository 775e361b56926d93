#!/bin/sh
# install.sh — make install and make uninstall into a scratch DESTDIR,
# with prefix, bindir, mandir, datadir and libexecdir moved: every file
# lands where those say and nowhere else; the installed versus, run from
# elsewhere with an empty home, gives the same outputs as the built one
# and holds no path of the build tree; the manual pages render without a warning and
# list every action; uninstall leaves nothing behind.
. "$srcdir/tests/lib.sh"

[ -n "${abs_top_builddir:-}" ] || skip_all "abs_top_builddir not set (run by make check)"

D=$TMPD/dest
P=/opt/vs
dirs="prefix=$P bindir=$P/b mandir=$P/m datadir=$P/d libexecdir=$P/l"
# The completion folders follow datadir, unless configure was given a
# folder of its own for them (as debian/rules does): then move that too.
for v in bashcompdir zshcompdir; do
	case $(sed -n "s/^$v = //p" "$abs_top_builddir/Makefile") in
	'${datadir}'*) ;;
	*) [ $v = bashcompdir ] && dirs="$dirs $v=$P/d/bash-completion/completions"
	   [ $v = zshcompdir ] && dirs="$dirs $v=$P/d/zsh/site-functions" ;;
	esac
done
mk() {	# mk TARGET: make TARGET in the build tree with the scratch dirs
	(unset MAKEFLAGS MFLAGS MAKELEVEL
	 ${MAKE:-make} -s -C "$abs_top_builddir" "$1" DESTDIR="$D" $dirs)
}

check "make install DESTDIR=... prefix=... bindir=... mandir=... datadir=..." mk install
for f in b/versus m/man1/versus.1 m/man5/versus-keymap.5 \
		d/versus/boilerplate.rules d/versus/keymaps/default.keys \
		d/versus/keymaps/vi.keys d/versus/keymaps/emacs.keys \
		d/bash-completion/completions/versus d/zsh/site-functions/_versus; do
	check "installed $P/$f" test -f "$D$P/$f"
done
check "the installed versus is executable" test -x "$D$P/b/versus"
# The helper that fetches web pages, built with libcurl only.
if [ -x "$abs_top_builddir/versus-fetch" ]; then
	check "versus-fetch installed in libexecdir/versus" \
		test -x "$D$P/l/versus/versus-fetch"
fi
check_eq "nothing installed outside the given folders" \
	"$(cd "$D" && find . -type f | grep -v "^\\.$P/[bmdl]/")" ""

# The installed program, run from a scratch folder with an empty home.
V=$D$P/b/versus
mkdir "$TMPD/run" "$TMPD/home"
cp "$srcdir"/samples/1-wire.txt "$srcdir"/samples/3-corrected.txt "$TMPD/run/"
inst() { (cd "$TMPD/run" && env -u XDG_CONFIG_HOME HOME="$TMPD/home" "$V" "$@"); }
built() { (cd "$TMPD/run" && env -u XDG_CONFIG_HOME HOME="$TMPD/home" "$VERSUS" "$@"); }
for opts in "--stat" "--json" "--print --width=100" "--inline"; do
	inst $opts 1-wire.txt 3-corrected.txt >"$TMPD/inst.out" 2>&1
	st=$?
	built $opts 1-wire.txt 3-corrected.txt >"$TMPD/built.out" 2>&1
	check_eq "installed versus $opts: exit 1 (the samples differ)" "$st" 1
	check_file "installed versus $opts: the built one's output" \
		"$TMPD/inst.out" "$TMPD/built.out"
done
inst --list-actions --keymap=vi >"$TMPD/inst.out" 2>&1
built --list-actions --keymap=vi >"$TMPD/built.out" 2>&1
check_file "installed versus --list-actions --keymap=vi: the built one's" \
	"$TMPD/inst.out" "$TMPD/built.out"
check_eq "installed versus --version names the package version" \
	"$(inst --version | sed -n 1p)" "$("$VERSUS" --version | sed -n 1p)"
# Paths under the configured prefix are where versus was configured to be
# installed (the fetch helper's libexecdir), not the build tree, even when
# the prefix lies inside it, as under make distcheck.
configured=$(sed -n 's/^prefix = //p' "$abs_top_builddir/Makefile")
check "the installed versus holds no path of the build tree" \
	sh -c 'strings -n 8 "$2" | grep -v -F "$4" >"$5";
	       ! grep -q -F "$1" "$5" && ! grep -q -F "$3" "$5"' sh \
	"$abs_top_builddir" "$V" "$(cd "$srcdir" && pwd)" "${configured:-/nonexistent}" \
	"$TMPD/strings"

# The manual pages.
for page in m/man1/versus.1 m/man5/versus-keymap.5; do
	check_eq "$page: no @VARIABLE@ left" \
		"$(grep -c '@[A-Z]*@' "$D$P/$page")" 0
	check_eq "$page: the version is the program's" \
		"$(sed -n 's/^\.TH [^"]*"[^"]*" "versus \([^"]*\)".*/\1/p' "$D$P/$page")" \
		"$("$VERSUS" --version | sed -n '1s/^versus //p')"
	if command -v man >/dev/null 2>&1 && command -v groff >/dev/null 2>&1; then
		LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$D$P/$page" \
			>"$TMPD/man.out" 2>"$TMPD/man.err"
		check_eq "$page renders without a warning" "$(cat "$TMPD/man.err")" ""
	else
		skip_test "$page renders without a warning: needs man and groff"
	fi
done
missing=
for a in $("$VERSUS" --list-actions | cut -d' ' -f1); do
	grep -q "^\\\\fB.*\\\\fR$" "$D$P/m/man1/versus.1" &&
	grep -q -F "\\fB$(printf '%s' "$a" | sed 's/-/\\-/g')\\fR" \
		"$D$P/m/man1/versus.1" || missing="$missing $a"
done
check_eq "versus(1)'s KEYS section has every action" "$missing" ""
check_eq "versus(1) has KEYS, LEGEND, EXIT STATUS, ENVIRONMENT, FILES" \
	"$(grep -c '^\.SH \(KEYS\|LEGEND\|EXIT STATUS\|ENVIRONMENT\|FILES\)$' \
		"$D$P/m/man1/versus.1")" 5

check "make uninstall" mk uninstall
check_eq "uninstall leaves no file" "$(find "$D" -type f)" ""
finish
