#!/bin/sh
# archive.sh — --archive against the test server's Wayback Machine: the
# CDX query asked for, captures fetched raw, identical texts dropped,
# date order and names, --from/--to, --max, the cache and --offline; every
# fault one line naming the URL, exit status 2.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/net/lib.sh"
net_start

S=http://example.com/story
run "$VERSUS" --archive --stat "$S"
check_eq "the captures of a story: exit 1 (they differ), nothing on stderr" "$st|$err" "1|"
sed -n '/^v /,/^$/p' "$out" | awk '/^[0-9]/ && NF > 4 { print $1, $(NF-1), $NF }' >"$TMPD/got"
cat >"$TMPD/want" <<EOT
1 2024-01-01 08:00
2 2024-01-02 08:00
3 2024-01-04 08:00
4 2024-01-06 08:00
EOT
check_file "distinct captures in date order, the identical one of 01-03 dropped" \
	"$TMPD/got" "$TMPD/want"
check "each named by its URL and capture time" \
	grep -q "^1 .* $S @ 2024-01-01 08:00\$" "$out"
q=$(sed -n '1s/\t.*//p' "$REQS")
case $q in
/cdx/search/cdx\?url=http%3A%2F%2Fexample.com%2Fstory\&output=json\&fl=timestamp,original,statuscode,digest,mimetype\&collapse=digest\&filter=statuscode:200)
	tap_result 0 "the CDX query asks for JSON, the fields, collapse=digest, 200s" ;;
*)	tap_result 1 "the CDX query asks for JSON, the fields, collapse=digest, 200s"
	diag "$q" ;;
esac
check_eq "captures are fetched raw (id_), one request each" \
	"$(grep -c '^/web/2024010[0-9]080000id_/http://example.com/story	' "$REQS")" 5

run "$VERSUS" --archive --json --max 2 "$S"
check_eq "--json: each capture's origin and capture time" \
	"$(python3 -c 'import json, sys
for v in json.load(open(sys.argv[1]))["versions"]:
    print(v["origin"], v["date"], v["date_source"])' "$out" | tr '\n' '|')" \
	"archive 2024-01-01T08:00:00Z capture|archive 2024-01-06T08:00:00Z capture|"

n=$(wc -l <"$REQS")
run "$VERSUS" --archive --stat --max 3 "$S"
check_eq "a second run asks the server nothing" "$(wc -l <"$REQS")" "$n"
sed -n '/^v /,/^$/p' "$out" | awk '/^[0-9]/ && NF > 4 { print $(NF-1) }' | tr '\n' ' ' >"$TMPD/got"
check_eq "--max 3: the first, the last and the most changed between" \
	"$(cat "$TMPD/got")" "2024-01-01 2024-01-04 2024-01-06 "

run "$VERSUS" --archive --stat --offline --from 2024-01-02 --to 2024-01-04 "$S"
check_eq "--offline with --from/--to: exit 1" "$st|$err" "1|"
sed -n '/^v /,/^$/p' "$out" | awk '/^[0-9]/ && NF > 4 { print $(NF-1) }' | tr '\n' ' ' >"$TMPD/got"
check_eq "--from and --to bound the captures (the bounds included)" \
	"$(cat "$TMPD/got")" "2024-01-02 2024-01-04 "

run "$VERSUS" --archive --inline --color=never --max 2 "$S"
check "--inline shows the change between the first and the last" \
	grep -q 'The mayor resigned on Friday' "$out"

# Captures that take a while: fetched at most two at a time.
rm -f "$TMPD/server/peak"
run "$VERSUS" --archive --stat http://example.com/slow-story
check_eq "slow captures: exit 1" "$st|$err" "1|"
check "at most two requests at a time" test "$(cat "$TMPD/server/peak")" -le 2

# --- faults ------------------------------------------------------------------

fault() {	# fault NAME URL MESSAGE [versus options...]
	name=$1 u=$2 msg=$3
	shift 3
	run "$VERSUS" --archive --stat "$@" "$u"
	check_eq "$name: one line naming the URL, exit 2" "$st|$err" "2|versus: $u: $msg"
	cache_clean
	tap_result $? "$name: nothing half-written in the cache"
}
fault "an empty CDX answer" http://empty.example/a \
	"the archive has no captures of this page"
fault "a CDX answer with only its header" http://empty.example/header \
	"the archive has no captures of this page"
fault "malformed CDX JSON" http://malformed.example/a \
	"the archive's list of captures is malformed (a string is not closed)"
fault "no capture is a web page" http://nohtml.example/a \
	"none of the archive's captures of this page is a web page"
fault "the archive failing" http://broken.example/a \
	"the archive's list of captures: server error (HTTP 500), gave up after 4 tries"
fault "a capture that is not HTML" http://example.com/photo \
	"capture of 2024-01-05 08:00: not a web page (image/png)"
fault "no capture in the dates" "$S" \
	"the archive has no captures of this page from 2025 to 2026" --from 2025 --to 2026
run "$VERSUS" --archive --stat --offline http://example.com/never
check_eq "--offline and a list never fetched: one line, exit 2" "$st|$err" \
	"2|versus: http://example.com/never: the archive's list of captures: not in the cache (--offline)"
run "$VERSUS" --archive --stat samples/1-wire.txt
check_eq "--archive and a file: one line, exit 2" "$st|$err" \
	"2|versus: samples/1-wire.txt: --archive needs a web address (http:// or https://)"
run "$VERSUS" --archive --stat --max 1 "$S"
check_eq "--max 1: a usage error" "$st" 2
run "$VERSUS" --archive --stat --from yesterday "$S"
check_eq "--from yesterday: a usage error" "$st|$(echo "$err" | sed -n 1p)" \
	"2|versus: invalid --from 'yesterday' (a date: YYYY, YYYY-MM, YYYY-MM-DD)"

# The malformed answer was not kept: a later run asks again.
n=$(net_requests "/cdx/search/cdx?url=http%3A%2F%2Fmalformed.example%2Fa&output=json&fl=timestamp,original,statuscode,digest,mimetype&collapse=digest&filter=statuscode:200")
run "$VERSUS" --archive --stat http://malformed.example/a
check_eq "a malformed list is not cached" \
	"$(net_requests "/cdx/search/cdx?url=http%3A%2F%2Fmalformed.example%2Fa&output=json&fl=timestamp,original,statuscode,digest,mimetype&collapse=digest&filter=statuscode:200")" $((n + 1))

finish
