# tests/net/lib.sh — start the test web server (server.py) for a test,
# stop it at exit, and point versus at it with an empty cache (sourced
# after tests/lib.sh).  Skips when python3 is missing or versus was built
# without libcurl.
#
#	net_start		sets $URL (http://127.0.0.1:PORT) and $REQS
#	net_requests PATH	how many requests the server had for PATH

command -v python3 >/dev/null 2>&1 || skip_all "the test server needs python3"
if "$VERSUS" --stat http://127.0.0.1:9/ http://127.0.0.1:9/ 2>&1 |
	grep -q 'without web support'; then
	skip_all "versus was built without libcurl"
fi

# Nothing here may reach past the machine: no proxies, a fresh cache.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy
XDG_CACHE_HOME=$TMPD/cache
VERSUS_BACKOFF_MS=20
export XDG_CACHE_HOME VERSUS_BACKOFF_MS

net_start() {
	mkdir -p "$TMPD/server"
	# A self-signed certificate, when openssl can make one: TLS failures.
	tls=
	if command -v openssl >/dev/null 2>&1 &&
		openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
			-keyout "$TMPD/server/key.pem" -out "$TMPD/server/cert.pem" \
			>/dev/null 2>&1; then
		tls="$TMPD/server/cert.pem $TMPD/server/key.pem"
	fi
	python3 "$srcdir/tests/net/server.py" "$TMPD/server" $tls &
	net_pid=$!
	trap 'kill $net_pid 2>/dev/null; rm -rf "$TMPD"' EXIT
	n=0
	while [ ! -s "$TMPD/server/port" ]; do
		n=$((n + 1))
		if [ $n -gt 300 ] || ! kill -0 $net_pid 2>/dev/null; then
			echo "Bail out! the test server did not start"
			exit 1
		fi
		sleep 0.1
	done
	URL=http://127.0.0.1:$(cat "$TMPD/server/port")
	TLSURL=
	[ -s "$TMPD/server/tlsport" ] &&
		TLSURL=https://127.0.0.1:$(cat "$TMPD/server/tlsport")
	REQS=$TMPD/server/requests
	VERSUS_ARCHIVE_URL=$URL
	export VERSUS_ARCHIVE_URL
}

net_requests() {
	if [ -f "$REQS" ]; then
		awk -F '\t' -v p="$1" '$1 == p { n++ } END { print n + 0 }' "$REQS"
	else
		echo 0
	fi
}

# Whether the cache holds no half-written file (temporary names, hidden:
# cli/atomic.h).
cache_clean() {
	! find "$XDG_CACHE_HOME" -mindepth 1 -name '.*' 2>/dev/null | grep -q .
}

# run CMD...: $st, $out (stdout file) and $err (stderr text).
run() {
	"$@" >"$TMPD/out" 2>"$TMPD/err"
	st=$?
	out=$TMPD/out
	err=$(cat "$TMPD/err")
}
