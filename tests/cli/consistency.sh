#!/bin/sh
# consistency.sh — one comparison, one set of numbers (issue 13): for every
# ordered pair of the samples and of the seeds, the browser's status line,
# --stat, --json and --report count the same substantive and cosmetic
# changes; the changes and the similarity are the same both ways round
# in --stat and --json, in the browser's status line, and in both cells
# of the version overview.  The seeds (SEEDS_DIR) are skipped, saying so, when missing,
# except under CI=true.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "needs python3"
tui_samples

sets="samples"
if [ -d "${SEEDS_DIR:-}" ]; then
	sets="$sets seeds"
elif [ "${CI:-}" = true ]; then
	tap_result 1 "the seeds are missing (CI=true): SEEDS_DIR=${SEEDS_DIR:-unset}"
else
	diag "the seeds are skipped: no SEEDS_DIR (${SEEDS_DIR:-unset})"
fi

files() {	# files SET: its versions, in order
	case $1 in
	samples) ls "$srcdir"/samples/*.txt ;;
	seeds) ls "$SEEDS_DIR"/*.txt ;;
	esac
}

# cli SET: one line per ordered pair, "I J SUBST COSM SIM" from --stat,
# --json and --report (into $TMPD/SET.stat, .json, .report), I and J
# 1-based in the set's order.
cli() {
	set=$1 i=0
	: >"$TMPD/$set.stat"
	: >"$TMPD/$set.json"
	: >"$TMPD/$set.report"
	for a in $(files "$set"); do
		i=$((i + 1)) j=0
		for b in $(files "$set"); do
			j=$((j + 1))
			[ "$i" = "$j" ] && continue
			"$VERSUS" --stat "$a" "$b" | awk -v i=$i -v j=$j '
				/^1 -> 2: similarity / { sim = $5 }
				/^  changes: / { s = $2; c = $4 }
				END { print i, j, s, c, sim }' >>"$TMPD/$set.stat"
			"$VERSUS" --json "$a" "$b" >"$TMPD/p.json"
			python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["comparisons"][0]
print(sys.argv[2], sys.argv[3], c["changes"]["substantive"],
      c["changes"]["cosmetic"], "%.4f" % c["similarity"])' \
				"$TMPD/p.json" $i $j >>"$TMPD/$set.json"
			"$VERSUS" --report="$TMPD/r.md" --stat "$a" "$b" >/dev/null
			# The summary line, and the changes it lists entry by
			# entry ("(N edits)", else one) or leaves out as
			# boilerplate.
			awk -v i=$i -v j=$j '
				NR == 3 { s = $1 == "No" ? 0 : $1
					  c = 0
					  if (match($0, /; [0-9]+ cosmetic/))
						c = substr($0, RSTART + 2) + 0 }
				NR == 5 && match($0, /left out: [0-9]+ in boilerplate/) {
					n += substr($0, RSTART + 10) + 0 }
				/^### / { if (match($0, /\([0-9]+ edits\)$/))
						n += substr($0, RSTART + 1)
					  else
						n++ }
				END { print i, j, s, c, n + 0 }' \
				"$TMPD/r.md" >>"$TMPD/$set.report"
		done
	done
}

# browser SET: the status line of every ordered pair, "I J SUBST COSM
# SIM%" (into $TMPD/SET.browser), and the overview's cells, "I J SIM%"
# (into $TMPD/SET.overview).  Right steps the right-hand version, > the
# left-hand one; the titles say which pair is on screen.  A message
# stands in the status line until the next key: j, a harmless one.
browser() {
	set=$1 rows=12
	tui_start 230 $rows "$VERSUS" $(files "$set")
	tui_wait_for ' 2/5 ' || return 1
	: >"$TMPD/$set.browser"
	# Five steps on the right, then one on the left: the right-hand
	# version moves on by one each round, so the left meets them all.
	for l in 1 2 3 4 5 6; do
		for r in 1 2 3 4 5; do
			tui_keys .	# then j: the next key clears its message
			tui_keys j
			tui_wait_stable
			{ tui_line 1; tui_line $rows; } | awk '
				NR == 1 { n = split($0, w, " ")
					  for (k = 1; k <= n; k++)
						if (w[k] ~ /^[0-9]+\/5$/) {
							split(w[k], v, "/")
							side[++ns] = v[1]
						} }
				NR == 2 && match($0, /changes: [0-9]+ substantive, [0-9]+ cosmetic/) {
					split(substr($0, RSTART, RLENGTH), c, " ")
					s = c[2]; cs = c[4] }
				NR == 2 && match($0, /similarity [0-9.]+%/) {
					sim = substr($0, RSTART + 11, RLENGTH - 11) }
				END { print side[1], side[2], s, cs, sim }' \
				>>"$TMPD/$set.browser"
		done
		tui_keys '>'
	done
	tui_keys v
	tui_wait_for 'similarity of row to column' || return 1
	tui_screen | awk '
		$1 == "*" { $1 = "" ; $0 = $0 }
		NF >= 8 && $1 ~ /^[0-9]+$/ && $4 ~ /%$|·/ {
			for (k = 4; k <= 8; k++)
				if ($k != "\302\267")
					print $1, k - 3, $k }' >"$TMPD/$set.overview"
	tui_keys q q
	tui_stop
}

for set in $sets; do
	cli "$set"
	check "$set: the browser goes through every pair" browser "$set"
	sort -n -k1,1 -k2,2 -u "$TMPD/$set.browser" >"$TMPD/b.sorted"
	check_eq "$set: the browser showed all 20 ordered pairs" \
		"$(wc -l <"$TMPD/b.sorted" | tr -d ' ')" 20

	while read -r i j s c sim; do
		pair="$set $i -> $j"
		json=$(awk -v i=$i -v j=$j '$1 == i && $2 == j' "$TMPD/$set.json")
		rep=$(awk -v i=$i -v j=$j '$1 == i && $2 == j' "$TMPD/$set.report")
		tui=$(awk -v i=$i -v j=$j '$1 == i && $2 == j' "$TMPD/b.sorted")
		back=$(awk -v i=$i -v j=$j '$1 == j && $2 == i { print $5 }' \
			"$TMPD/$set.stat")
		backj=$(awk -v i=$i -v j=$j '$1 == j && $2 == i { print $5 }' \
			"$TMPD/$set.json")
		cell=$(awk -v i=$i -v j=$j '$1 == i && $2 == j { print $3 }' \
			"$TMPD/$set.overview")
		cellb=$(awk -v i=$i -v j=$j '$1 == j && $2 == i { print $3 }' \
			"$TMPD/$set.overview")
		# The status line rounds --stat's four places half up (0.9350
		# is 94%, never 93%), to tenths near the ends (99.6%).
		pct=$(awk -v x="$sim" 'BEGIN { v = int(x * 10000 + 0.5)
			if (v > 0 && v < 50) printf "%.1f%%", int((v + 9) / 10) / 10
			else if (v >= 9950 && x < 1) printf "%.1f%%", int(v / 10) / 10
			else printf "%d%%", int((v + 50) / 100) }')
		check_eq "$pair: --json counts as --stat" \
			"$(echo "$json" | cut -d' ' -f3-5)" "$s $c $sim"
		check_eq "$pair: --report lists and counts as --stat" \
			"$(echo "$rep" | cut -d' ' -f3-5)" "$s $c $s"
		check_eq "$pair: the status line counts as --stat" \
			"$(echo "$tui" | cut -d' ' -f3-5)" "$s $c $pct"
		check_eq "$pair: the same similarity both ways" \
			"$back $backj" "$sim $sim"
		# One alignment, read from either side (align_mirror).
		check_eq "$pair: the same changes both ways" \
			"$(awk -v i=$i -v j=$j '$1 == j && $2 == i { print $3, $4 }' \
				"$TMPD/$set.stat")" "$s $c"
		# --stat rounds to 4 places, the overview to 3: they may differ
		# by the last digit of the overview, not more.
		check_eq "$pair: the overview's cell is the same both ways" \
			"$cell" "$cellb"
		check "$pair: the overview's cell is --stat's similarity" \
			awk -v c="${cell%\%}" -v x="$sim" 'BEGIN {
				d = c - x * 100; exit !(d < 0.06 && d > -0.06) }'
		[ -n "$cell" ] || diag "no cell $i, $j in the overview"
	done <"$TMPD/$set.stat"
done

# Rounding never hides a change: one word changed among 20,000 is not
# "1.0000" in --stat or --json, and the status line says 99.9%, not 100%.
awk 'BEGIN { for (i = 0; i < 2000; i++) {
	for (j = 0; j < 10; j++) printf "word%d ", i * 10 + j; print "\n" } }' \
	>"$TMPD/long-a"
sed 's/^word10000 /changed10000 /' "$TMPD/long-a" >"$TMPD/long-b"
"$VERSUS" --stat "$TMPD/long-a" "$TMPD/long-b" >"$TMPD/long.stat"
check_eq "one change in 20,000 words: --stat's similarity is 0.9999" \
	"$(sed -n 's/^1 -> 2: similarity //p' "$TMPD/long.stat")" 0.9999
"$VERSUS" --json "$TMPD/long-a" "$TMPD/long-b" >"$TMPD/long.json"
check_eq "and --json's" "$(python3 -c 'import json, sys
print("%.4f" % json.load(open(sys.argv[1]))["comparisons"][0]["similarity"])' \
	"$TMPD/long.json")" 0.9999
"$VERSUS" --stat "$TMPD/long-a" "$TMPD/long-a" >"$TMPD/same.stat"
check_eq "the same file twice is 1.0000" \
	"$(sed -n 's/^1 -> 2: similarity //p' "$TMPD/same.stat")" 1.0000

finish
