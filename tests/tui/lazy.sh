#!/bin/sh
# lazy.sh — tmux tests of moving, searching and folding run again with
# VERSUS_TEST_LAZY=1 (tui/loop.c): the browser then counts nothing ahead,
# not even between keys, so the rows it has not drawn are numbered with
# estimates (tui/rowindex.h), and every jump must still land where a
# layout of everything puts it (issue 15).  Left out: the tests that read
# the status line's position, which is an estimate until the layout is
# counted (between keys, in a few milliseconds for these samples).
. "$srcdir/tests/lib.sh"

VERSUS_TEST_LAZY=1
export VERSUS_TEST_LAZY
for t in fold fold-one current narrow search-inline search-fold \
	 changelist mouse giant; do
	check "$t.sh, nothing counted ahead" sh "$srcdir/tests/tui/$t.sh"
done

finish
