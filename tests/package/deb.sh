#!/bin/sh
# deb.sh — make deb: the Debian package, built as on a fresh machine.
#
#   1. the distribution tree (make distdir) in a scratch folder, so that
#      nothing of this build tree reaches the package;
#   2. its build dependencies installed (as root, apt-get build-dep), then
#      dpkg-buildpackage -us -uc -b, which runs make check;
#   3. lintian on the result: its whole output is shown, an error fails;
#   4. the package unpacked and its autopkgtest (debian/tests/installed)
#      run on it;
#   5. debian/changelog's version against configure.ac's.
#
# Leaves the .deb, .buildinfo and .changes and lintian's report in deb/.
# Slow (a whole build and test run): never part of make check.
set -eu
: "${srcdir:=.}"
srcdir=$(cd "$srcdir" && pwd)
version=${PACKAGE_VERSION:?}
W=$(mktemp -d "${TMPDIR:-/tmp}/versus-deb.XXXXXX")
trap 'rm -rf "$W"' EXIT
out=$(pwd)/deb

step() { echo "== deb: $*"; }

step "version: configure.ac $version, debian/changelog" \
	"$(dpkg-parsechangelog -l "$srcdir/debian/changelog" -S Version)"
[ "$(dpkg-parsechangelog -l "$srcdir/debian/changelog" -S Version)" = "$version" ] || {
	echo "deb: debian/changelog's version is not configure.ac's ($version)" >&2
	exit 1
}

step "the distribution tree"
${MAKE:-make} -s distdir distdir="$W/versus-$version" >/dev/null
cd "$W/versus-$version"

if ! dpkg-checkbuilddeps >"$W/deps" 2>&1; then
	if [ "$(id -u)" -eq 0 ]; then
		step "installing the build dependencies"
		DEBIAN_FRONTEND=noninteractive apt-get build-dep -y -q ./ >"$W/apt.log" 2>&1 ||
			{ tail -20 "$W/apt.log"; exit 1; }
	else
		cat "$W/deps" >&2
		echo "deb: install the build dependencies above (sudo apt-get build-dep ./)" >&2
		exit 1
	fi
fi

step "dpkg-buildpackage -us -uc -b (log: deb/build.log)"
mkdir -p "$out"
if ! DEB_BUILD_OPTIONS="parallel=2 ${DEB_BUILD_OPTIONS:-}" \
		dpkg-buildpackage -us -uc -b >"$out/build.log" 2>&1; then
	tail -60 "$out/build.log"
	echo "deb: dpkg-buildpackage failed" >&2
	exit 1
fi
grep -E '^# (TOTAL|PASS|SKIP|FAIL|ERROR)' "$out/build.log" || true
cd "$W"
cp versus*_*.deb versus_*.buildinfo versus_*.changes "$out/"
ls versus_*.deb

step "lintian"
lintian --info --display-info --pedantic "$W"/versus_*.changes >"$out/lintian.txt" 2>&1 || true
cat "$out/lintian.txt"
if grep -q '^E: ' "$out/lintian.txt"; then
	echo "deb: lintian reports errors" >&2
	exit 1
fi

step "hardening of the packaged program (dpkg-buildflags hardening=+all)"
dpkg-deb -x "$W"/versus_*.deb "$W/root"
bin=$W/root/usr/bin/versus
hard() {	# hard WHAT COMMAND...: a line saying whether the check held
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then
		echo "  yes: $what"
	else
		echo "  NO:  $what"
		hard_failed=1
	fi
}
hard_failed=
hard "position-independent executable" sh -c 'readelf -h "$1" | grep -q "Type: *DYN"' sh "$bin"
hard "read-only relocations" sh -c 'readelf -lW "$1" | grep -q GNU_RELRO' sh "$bin"
hard "bind now" sh -c 'readelf -dW "$1" | grep -q "BIND_NOW\|FLAGS.*NOW"' sh "$bin"
hard "stack protector" sh -c 'readelf -sW --dyn-syms "$1" | grep -q __stack_chk_fail' sh "$bin"
hard "fortified functions" sh -c 'readelf -sW --dyn-syms "$1" | grep -q "__[a-z]*_chk@"' sh "$bin"
hard "no path of the build tree" sh -c '! grep -q -F "$2" "$1"' sh "$bin" "$W"
[ -z "$hard_failed" ] || { echo "deb: a hardening check failed" >&2; exit 1; }

step "autopkgtest: debian/tests/installed on the unpacked package"
(cd "$srcdir" && ROOT="$W/root" AUTOPKGTEST_TMP="$W" sh debian/tests/installed)
step "ok: deb/$(cd "$out" && ls versus_*.deb)"
