#!/bin/sh
# control.sh — the Debian packaging agrees with the build: every package
# configure asks for when a library is missing is a Build-Depends of
# debian/control (pkgconf stands for pkg-config), and so is every package
# ./setup installs to build; debian/changelog's version is the program's.
. "$srcdir/tests/lib.sh"

C=$srcdir/debian/control
# The Build-Depends field, one package name a line.
awk '/^Build-Depends:/ { on = 1; sub(/^Build-Depends:/, "") }
     on && /^[^ \t]/ && !/^Build-Depends:/ { on = 0 }
     on { print }' "$C" | tr ',' '\n' |
	sed -n 's/^[ \t]*\([a-z0-9][a-z0-9.+-]*\).*/\1/p' | sort -u >"$TMPD/bd"
check "debian/control has Build-Depends" test -s "$TMPD/bd"

for p in $(grep -o 'install the Debian package [a-z0-9.+-]*' "$srcdir/configure.ac" |
		awk '{ print $NF }' | sort -u); do
	[ "$p" = pkg-config ] && p=pkgconf
	check "configure's $p is a Build-Depends" grep -qx "$p" "$TMPD/bd"
done
for p in $(sed -n 's/^need="\([^"]*\)".*/\1/p' "$srcdir/setup" | head -1); do
	case $p in
	gcc|make|autoconf|automake) continue ;;	# build-essential, dh-autoreconf
	pkg-config) p=pkgconf ;;
	esac
	check "setup's $p is a Build-Depends" grep -qx "$p" "$TMPD/bd"
done
check_eq "debian/changelog's version is versus --version's" \
	"$(sed -n '1s/^versus (\([^)]*\)).*/\1/p' "$srcdir/debian/changelog")" \
	"$("$VERSUS" --version | sed -n '1s/^versus //p')"
finish
