#!/bin/sh
# repro.sh — make check-reproducible: two builds of the distribution tree
# in folders of different names and depths, with Debian's build flags
# (dpkg-buildflags, hardening included) and one SOURCE_DATE_EPOCH, must
# give byte-identical programs and manual pages.  Slow (two builds):
# never part of make check.
set -eu
: "${srcdir:=.}"
version=${PACKAGE_VERSION:?}
W=$(mktemp -d "${TMPDIR:-/tmp}/versus-repro.XXXXXX")
trap 'rm -rf "$W"' EXIT

SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(cd "$srcdir" &&
	git log -1 --format=%ct 2>/dev/null || echo 1780000000)}
export SOURCE_DATE_EPOCH
if command -v dpkg-buildflags >/dev/null 2>&1; then
	export DEB_BUILD_MAINT_OPTIONS=hardening=+all
	eval "$(dpkg-buildflags --export=sh)"
	echo "repro: with dpkg-buildflags: CFLAGS=$CFLAGS LDFLAGS=$LDFLAGS"
fi

${MAKE:-make} -s distdir distdir="$W/versus-$version" >/dev/null
for d in one/versus-$version a/much/longer/path/to/build-two; do
	mkdir -p "$W/$(dirname "$d")"
	cp -R "$W/versus-$version" "$W/$d"
	echo "repro: building in $W/$d"
	(cd "$W/$d" && ./configure --enable-werror >configure.log 2>&1 &&
		${MAKE:-make} -j2 versus doc/versus.1 doc/versus-keymap.5 \
			>make.log 2>&1) ||
		{ tail -30 "$W/$d/configure.log" "$W/$d/make.log"; exit 1; }
done
a=$W/one/versus-$version b=$W/a/much/longer/path/to/build-two
status=0
for f in versus doc/versus.1 doc/versus-keymap.5; do
	if cmp -s "$a/$f" "$b/$f"; then
		echo "repro: $f identical: $(sha256sum <"$a/$f" | cut -c1-16)"
	else
		echo "repro: $f DIFFERS between the two builds"
		status=1
	fi
done
exit $status
