#!/bin/sh
# watch.sh — versus --watch URL: a line for the first version and one per
# version whose article text changed (none for a look that found the
# same text, or 304 to its conditional request), --on-change run with
# the version in its environment, each version kept in the cache, a clean
# stop on SIGTERM; an interval under the minimum refused.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/net/lib.sh"
net_start

VERSUS_WATCH_MIN=1
export VERSUS_WATCH_MIN

# wait_lines FILE N: until FILE has N lines (at most about 30 s).
wait_lines() {
	i=0
	while [ "$(wc -l <"$1" 2>/dev/null || echo 0)" -lt "$2" ] && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

CHANGES=$TMPD/changes
export CHANGES
"$VERSUS" --watch --every 1s --on-change 'echo "changed $VERSUS_URL $VERSUS_SIMILARITY" >>"$CHANGES"' \
	"$URL/changing" >"$TMPD/watch.out" 2>"$TMPD/watch.err" &
pid=$!
wait_lines "$TMPD/watch.out" 2
kill -TERM $pid
wait $pid
check_eq "SIGTERM stops the watch cleanly (exit 0, nothing on stderr)" "$?|$(cat "$TMPD/watch.err")" "0|"
sed 's/^[0-9-]* [0-9:]* //' "$TMPD/watch.out" >"$TMPD/got"
cat >"$TMPD/want" <<EOT
$URL/changing: first version, 42 words
$URL/changing: similarity 0.9762, words: 41 kept, 0 deleted, 0 inserted, 1 changed to 1, 0 moved; 1 substantive changes
EOT
check_file "one line for the first version, one for the change, none for the same text" \
	"$TMPD/got" "$TMPD/want"
check_eq "three looks at the page" "$(net_requests /changing)" 3
check_eq "--on-change ran once per new version, with its URL and similarity" \
	"$(cat "$CHANGES")" "changed $URL/changing 0.0000
changed $URL/changing 0.9762"
check_eq "each distinct version is kept in the cache (and the last look)" \
	"$(grep -l "^url $URL/changing\$" "$XDG_CACHE_HOME"/versus/* | wc -l | tr -d ' ')" 3

"$VERSUS" --watch --every 1s "$URL/etag" >"$TMPD/etag.out" 2>"$TMPD/etag.err" &
pid=$!
i=0
while [ "$(net_requests /etag)" -lt 3 ] && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -TERM $pid
wait $pid
check_eq "an unchanged page: exit 0, one line" "$?|$(wc -l <"$TMPD/etag.out" | tr -d ' ')" "0|1"
check_eq "later looks are conditional (If-None-Match)" \
	"$(awk -F '\t' '$1 == "/etag" && $3 == "\"v1\""' "$REQS" | sed -n 1p | cut -f3)" '"v1"'

unset VERSUS_WATCH_MIN
"$VERSUS" --watch --every 10s "$URL/a.html" >/dev/null 2>"$TMPD/err"
check_eq "an interval under a minute is refused" "$?|$(sed -n 1p "$TMPD/err")" \
	"2|versus: --every 10s: at least 60s, not to flood the site"
"$VERSUS" --watch "$URL/a.html" "$URL/b.html" >/dev/null 2>"$TMPD/err"
check_eq "--watch takes one address" "$?|$(sed -n 1p "$TMPD/err")" \
	"2|versus: --watch takes one web address"

finish
