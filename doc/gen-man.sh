#!/bin/sh
# gen-man.sh — makes a manual page from its template (doc/NAME.in):
#
#   gen-man.sh TEMPLATE VERSION PKGDATADIR [KEYS [LEGEND [FACES]]] >PAGE
#
# fills in @VERSION@, @PKGDATADIR@ and @DATE@ (the month and year of
# SOURCE_DATE_EPOCH when it is set, so that builds are reproducible, else
# of today), and replaces a line "@KEYS@" with the file KEYS (written by
# doc/man-keys from the action registry), a line "@LEGEND@" with the
# file LEGEND (by "doc/man-keys legend", from the legend table) and a line
# "@FACES@" with the file FACES (by "doc/man-keys faces", from theme.c).
set -eu
template=$1 version=$2 pkgdatadir=$3 keys=${4-} legend=${5-} faces=${6-}

if [ -n "${SOURCE_DATE_EPOCH-}" ]; then
	date=$(LC_ALL=C date -u -d "@$SOURCE_DATE_EPOCH" '+%B %Y' 2>/dev/null ||
		LC_ALL=C date -u -r "$SOURCE_DATE_EPOCH" '+%B %Y')
else
	date=$(LC_ALL=C date -u '+%B %Y')
fi
if [ -n "$keys" ]; then
	sed -e "/^@KEYS@\$/{
r $keys
d
}" "$template"
else
	cat "$template"
fi | if [ -n "$legend" ]; then
	sed -e "/^@LEGEND@\$/{
r $legend
d
}"
else
	cat
fi | if [ -n "$faces" ]; then
	sed -e "/^@FACES@\$/{
r $faces
d
}"
else
	cat
fi | sed -e "s|@VERSION@|$version|g" -e "s|@DATE@|$date|g" \
	-e "s|@PKGDATADIR@|$pkgdatadir|g"
