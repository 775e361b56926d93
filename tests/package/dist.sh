#!/bin/sh
# dist.sh — every file in git is in the tarball: make distdir (whose
# dist-hook compares git ls-files with the tarball's tree) into a scratch
# folder.  A file left out of Makefile.am builds here and breaks the
# tarball's build (engine/uchar.h did, and C11's <uchar.h> was found in
# its place); a build product committed by mistake shows up too.
# Skipped outside a git checkout (make distcheck's copy).
. "$srcdir/tests/lib.sh"

[ -n "${abs_top_builddir:-}" ] || skip_all "abs_top_builddir not set (run by make check)"
[ -e "$srcdir/.git" ] || skip_all "not a git checkout"
command -v git >/dev/null 2>&1 || skip_all "needs git"

(unset MAKEFLAGS MFLAGS MAKELEVEL
 ${MAKE:-make} -s -C "$abs_top_builddir" distdir distdir="$TMPD/d") \
	>"$TMPD/out" 2>&1
st=$?
check_eq "make distdir: every file in git is in the tarball" "$st" 0
[ $st -eq 0 ] || sed 's/^/# /' "$TMPD/out" | grep -v '^# make' | head -20
check "the tarball has configure" test -x "$TMPD/d/configure"
finish
