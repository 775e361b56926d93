#!/bin/sh
# web.sh — web addresses as versions, against the test server: pages read
# as articles, dated by their metadata; redirects, compression, the
# charset of the header before the page's, slow bodies, a 429 retried;
# every fault one line naming the URL, exit status 2, nothing half-written
# in the cache.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/net/lib.sh"
net_start

# --- pages -----------------------------------------------------------------

run "$VERSUS" --inline --color=never "$URL/a.html" "$URL/b.html"
check_eq "two pages that differ: exit 1" "$st" 1
check "the changed words are shown" grep -q "\[-eight-\] {+ten+}" "$out"
check_eq "nothing on stderr" "$err" ""
check "the headline is read from the page" grep -qx 'Footbridge' "$out"

run "$VERSUS" --stat "$URL/a.html" "$URL/b.html"
check "--stat names each page with its article:modified_time date" \
	grep -q "$URL/a.html @ 2024-03-01 09:30" "$out"
check "an offset date is turned into UTC" \
	grep -q "$URL/b.html @ 2024-03-02 09:00" "$out"

run "$VERSUS" --stat "$URL/modified" "$URL/a.html"
check "a page without a date of its own is dated by its Last-Modified" \
	grep -q "$URL/modified @ 2024-03-03 07:05" "$out"

run "$VERSUS" --json "$URL/a.html" "$URL/plain.txt"
check_eq "--json: each page's origin, date and where the date was read" \
	"$(python3 -c 'import json, sys
for v in json.load(open(sys.argv[1]))["versions"]:
    print(v["origin"], v["date"] if v["date_source"] != "fetched" else "-",
          v["date_source"])' "$out" | tr '\n' '|')" \
	"web 2024-03-01T09:30:00Z article:modified_time|web - fetched|"

run "$VERSUS" --stat "$URL/a.html" "$URL/plain.txt"
check_eq "a page against the same story as text/plain: no difference" "$st" 0

run "$VERSUS" --inline --color=never "$URL/ua" "$URL/a.html"
check "the User-Agent names versus and its version" \
	grep -q "Your agent is versus/$("$VERSUS" --version | sed -n '1s/.* //p')" "$out"

run "$VERSUS" --stat "$URL/redirect/3" "$URL/a.html"
check_eq "three redirects are followed" "$st $err" "0 "

run "$VERSUS" --stat "$URL/gzip" "$URL/deflate"
check_eq "gzip and deflate bodies are decoded" "$st $err" "0 "

run "$VERSUS" --inline --color=never "$URL/latin1" "$URL/badcharset"
check_eq "the header's charset wins over a lying <meta>; an unknown one yields to <meta>" \
	"$st $err" "0 "
check "the Latin-1 page reads as café" grep -q 'The café on the square' "$out"

run "$VERSUS" --stat "$URL/slow" "$URL/a.html"
check_eq "a slow body arrives whole" "$st $err" "0 "

run "$VERSUS" --stat "$URL/429-once" "$URL/a.html"
check_eq "429 with Retry-After is retried, then read" "$st $err" "0 "
check_eq "... with one request more" "$(net_requests /429-once)" 2

# --- the cache -------------------------------------------------------------

run "$VERSUS" --stat --offline "$URL/a.html" "$URL/b.html"
check_eq "--offline reads the pages fetched before" "$st $err" "1 "
n=$(net_requests /a.html)
run "$VERSUS" --stat "$URL/a.html" "$URL/b.html"
check_eq "a second run does not fetch again" "$(net_requests /a.html)" "$n"
run "$VERSUS" --stat --refresh "$URL/a.html" "$URL/b.html"
check_eq "--refresh fetches the live page again" "$(net_requests /a.html)" $((n + 1))

run "$VERSUS" --stat --offline "$URL/never-fetched" "$URL/a.html"
check_eq "--offline and a page not in the cache: one line, exit 2" "$st $err" \
	"2 versus: $URL/never-fetched: not in the cache (--offline)"

# A damaged entry is fetched again, never shown.
for f in "$XDG_CACHE_HOME"/versus/*; do
	if grep -q "^url $URL/b.html\$" "$f"; then
		printf 'garbage' >>"$f"
	fi
done
n=$(net_requests /b.html)
run "$VERSUS" --inline --color=never "$URL/a.html" "$URL/b.html"
check_eq "a damaged cache entry is fetched again" "$(net_requests /b.html) $st" "$((n + 1)) 1"
check "... and the page shown is the fetched one" grep -q '{+ten+}' "$out"
if grep -q garbage "$out"; then st=1; else st=0; fi
tap_result $st "... not the damaged bytes"
run "$VERSUS" --stat --offline "$URL/a.html" "$URL/b.html"
check_eq "... and the entry is whole again" "$st $err" "1 "

# --- faults: one line naming the URL, exit 2 ------------------------------

fault() {	# fault NAME URL MESSAGE-PATTERN [versus options...]
	name=$1 u=$2 msg=$3
	shift 3
	run "$VERSUS" --stat "$@" "$u" "$URL/a.html"
	case "$st|$err" in
	"2|versus: $u: "$msg) tap_result 0 "$name: one line naming the URL, exit 2" ;;
	*)	tap_result 1 "$name: one line naming the URL, exit 2"
		diag "got: $st|$err" "want: 2|versus: $u: $msg" ;;
	esac
	cache_clean
	tap_result $? "$name: nothing half-written in the cache"
}
fault "404" "$URL/404" "not found (HTTP 404)"
fault "410" "$URL/410" "gone (HTTP 410)"
fault "451" "$URL/451" "unavailable for legal reasons (HTTP 451)"
fault "a redirect loop" "$URL/loop" "redirect loop (more than 10 redirects)"
fault "a page that is an image" "$URL/image" "not a web page (image/png)"
fault "503 every time" "$URL/503-always" \
	"service unavailable (HTTP 503), gave up after 4 tries"
fault "a body cut short" "$URL/cut" "connection cut after [0-9]* of [0-9]* bytes"
fault "DNS failure" "http://nonexistent.invalid/story" "cannot resolve the host name"
fault "nothing listening" "http://127.0.0.1:9/story" "cannot connect: Connection refused"
fault "a stalled body" "$URL/stall" "timed out after 1 s" --timeout=1
VERSUS_MAX_BODY=100000
export VERSUS_MAX_BODY
fault "a body over the cap (Content-Length)" "$URL/big" \
	"page larger than the 100000 bytes limit"
fault "a body over the cap (no length)" "$URL/big-nolength" \
	"page larger than the 100000 bytes limit"
unset VERSUS_MAX_BODY
if [ -n "$TLSURL" ]; then
	fault "a certificate nobody vouches for" "$TLSURL/a.html" \
		"TLS failure: SSL certificate problem: *"
else
	skip_test "TLS failure: openssl cannot make a certificate"
	skip_test "TLS failure: the cache"
fi
fault "not a web address" "ftp://127.0.0.1/x" "No such file or directory"

# A full disk under the cache: the write fails (here past a file size
# limit), the page is not shown half-cached.
rm -rf "$XDG_CACHE_HOME"
(
	trap '' XFSZ
	ulimit -f 0
	"$VERSUS" --stat "$URL/a.html" "$URL/b.html" >/dev/null
	echo "exit $?"
) 2>&1 | cat >"$TMPD/both"
st=$(sed -n 's/^exit //p' "$TMPD/both")
grep -v '^exit ' "$TMPD/both" >"$TMPD/err"
case "$st|$(cat "$TMPD/err")" in
"2|versus: $URL/"[ab]".html: cannot write the cache in $XDG_CACHE_HOME/versus: File too large"*)
	tap_result 0 "a cache that cannot be written: one line naming the URL, exit 2" ;;
*)	tap_result 1 "a cache that cannot be written: one line naming the URL, exit 2"
	diag "got: $st|$(cat "$TMPD/err")" ;;
esac
if find "$XDG_CACHE_HOME" -type f 2>/dev/null | grep -q .; then st=1; else st=0; fi
tap_result $st "... and no file is left in the cache"

# Stopped while fetching: ended by the signal, with one line.
n=$(net_requests /stall)
"$VERSUS" --stat "$URL/a.html" "$URL/stall" >/dev/null 2>"$TMPD/err" &
pid=$!
i=0
while [ "$(net_requests /stall)" -le "$n" ] && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -TERM $pid
wait $pid
check_eq "SIGTERM while fetching: ended by the signal, one line" \
	"$?|$(cat "$TMPD/err")" "143|versus: interrupted"
cache_clean
tap_result $? "... nothing half-written in the cache"

# Several versions, one missing: the outputs refuse, naming it.
run "$VERSUS" --stat "$URL/a.html" "$URL/404" "$URL/b.html"
check_eq "one page of three missing: exit 2, one line" "$st|$err" \
	"2|versus: $URL/404: not found (HTTP 404)"

finish
