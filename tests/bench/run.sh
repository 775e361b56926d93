#!/bin/sh
# run.sh — make bench: the benchmarks.  They print figures, never pass or
# fail; the speed and memory targets are read from them, not asserted by
# timed tests.
#
#  1. the text model's throughput (bench-model);
#  2. versus --json against git diff --word-diff, dwdiff and wdiff on
#     pairs of versions of the King James Bible (Debian's bible-kjv) at
#     100 KB, 1 MB and 10 MB with 1% edits, and 10 MB with 10% edits,
#     made by genpair.py with seeded random edits: time and peak memory;
#  3. the browser at 10 KB, 10 MB and 50 MB (bench-keys): the first
#     screen apart from the alignment, each kind of key (toggles too)
#     before and after the layout is counted, peak memory; and the cost of
#     a key in instructions counted by callgrind (not at 50 MB).
#  5. versus --batch on a generated manifest of 10,000 pairs of versions
#     (tests/tools/genmanifest.py): pairs and MB per second, one process
#     against GNU parallel --pipe -j2.
#  6. versus --json against git diff --word-diff, wdiff and dwdiff on
#     families of changes made by genfamily.py (synthetic prose with 1%
#     and 10% edits, every paragraph reworded, shuffled paragraphs,
#     template look-alikes, one giant paragraph, and two translations of
#     the Bible when sword-text-web is installed) at 1 and 10 MB
#     (BENCH_SIZES="1e6 1e7 5e7" adds 50 MB): CPU time from interleaved
#     runs (cputime.py), the ratio to git, and peak memory per input byte.
#
# Missing tools are installed with apt-get when run as root, else that
# part is skipped with a note.
set -u
: "${srcdir:=.}"
W=$(mktemp -d "${TMPDIR:-/tmp}/versus-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT

need=
for p in bible-kjv dwdiff wdiff time git valgrind python3 parallel \
	 diatheke sword-text-web; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
		need="$need $p"
done
if [ -n "$need" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q $need >/dev/null 2>&1 ||
			echo "note: could not install$need"
	else
		echo "note: missing$need (sudo apt-get install -y$need); parts skipped"
	fi
fi

echo "== 1. text model throughput"
for mb in 1 10; do
	./tests/bench/bench-model "$srcdir/samples/1-wire.txt" $mb
done

# measure NAME CMD...: prints "NAME milliseconds peak-MB", output
# discarded: the median of several runs (fewer for the slow tools), timed
# by timeit.py to the microsecond, and the peak memory of one run, by
# /usr/bin/time.
measure() {
	name=$1
	shift
	runs=7
	case $name in wdiff) runs=3 ;; dwdiff) runs=1 ;; esac
	/usr/bin/time -f "%M" -o "$W/time" "$@" >/dev/null 2>&1
	set -- "$(python3 "$srcdir/tests/bench/timeit.py" $runs "$@")" \
		"$(tail -1 "$W/time")"
	awk -v n="$name" -v t="$1" -v m="$2" \
		'BEGIN { printf "  %-10s %9.1f ms %8.1f MB\n", n, t * 1000, m / 1024 }'
	echo "$1" >"$W/t.$name"
	echo "$2" >"$W/m.$name"
}

echo
echo "== 2. versus --json against word diff tools (time, peak memory)"
if command -v bible >/dev/null && [ -x /usr/bin/time ] && command -v python3 >/dev/null; then
	bible 'Gen1:1-Rev22:21' >"$W/kjv.txt" 2>/dev/null
	: >"$W/empty"
	/usr/bin/time -f "%M" -o "$W/time" ./versus --json "$W/empty" \
		"$W/empty" >/dev/null 2>&1
	empty_kb=$(tail -1 "$W/time")
	for spec in "100e3 0.01" "1e6 0.01" "10e6 0.01" "10e6 0.10"; do
		set -- $spec
		python3 "$srcdir/tests/bench/genpair.py" "$W/kjv.txt" $1 $2 7 \
			"$W/a.txt" "$W/b.txt"
		bytes=$(wc -c <"$W/a.txt")
		echo "pair of $bytes bytes, $2 of paragraphs edited:"
		measure versus ./versus --json "$W/a.txt" "$W/b.txt"
		measure git git diff --no-index --word-diff=porcelain "$W/a.txt" "$W/b.txt"
		measure wdiff wdiff "$W/a.txt" "$W/b.txt"
		if [ "$1" = 10e6 ] && [ "$2" = 0.10 ]; then
			echo "  dwdiff     (skipped at 10% edits: minutes)"
		else
			measure dwdiff dwdiff "$W/a.txt" "$W/b.txt"
		fi
		for tool in git wdiff dwdiff; do
			[ -f "$W/t.$tool" ] || continue
			awk -v n="$tool" -v a="$(cat "$W/t.versus")" \
				-v b="$(cat "$W/t.$tool")" 'BEGIN {
				printf "  versus time / %-6s %6.3f\n", n, a / b }'
			rm -f "$W/t.$tool"
		done
		awk -v m="$(cat "$W/m.versus")" -v e="$empty_kb" -v n="$bytes" 'BEGIN {
			printf "  versus peak memory: %.1f bytes per input byte " \
				"(%.1f above the %.1f MB it takes on empty files)\n",
				m * 1024 / (2 * n), (m - e) * 1024 / (2 * n), e / 1024 }'
	done
else
	echo "  skipped: needs bible-kjv, time and python3"
fi

echo
echo "== 3. the browser: first screen, each key cold and warm, 200 keys (bench-keys)"
if command -v valgrind >/dev/null && command -v python3 >/dev/null && [ -f "$W/kjv.txt" ]; then
	for size in 10e3 10e6 50e6; do
		python3 "$srcdir/tests/bench/genpair.py" "$W/kjv.txt" $size 0.01 3 \
			"$W/ka.txt" "$W/kb.txt"
		./tests/bench/bench-keys "$W/ka.txt" "$W/kb.txt"
		[ "$size" = 50e6 ] && continue	# callgrind: too slow there
		valgrind --tool=callgrind --instr-atstart=no \
			--callgrind-out-file="$W/cg.out" \
			./tests/bench/bench-keys --session-only "$W/ka.txt" \
			"$W/kb.txt" >/dev/null 2>"$W/cg.err"
		printf '  %s bytes: %s instructions per key (callgrind)\n' \
			"$(wc -c <"$W/ka.txt")" \
			"$(awk '/^totals:/ { printf "%d", $2 / 200 }' "$W/cg.out")"
	done
	# One paragraph of 10 MB, laid out a segment at a time (render.h).
	echo "  one giant paragraph:"
	python3 "$srcdir/tests/bench/genfamily.py" giant 1e7 7 "$W/ka.txt" \
		"$W/kb.txt" && ./tests/bench/bench-keys "$W/ka.txt" "$W/kb.txt"
else
	echo "  skipped: needs valgrind, python3 and the bible text"
fi

echo
echo "== 4. stray one- or two-word matches between changes (fewer is better)"
seeds=${SEEDS_DIR:-$srcdir/../shared/seeds}
pairs=
if [ -d "$seeds" ]; then
	base=$(ls "$seeds"/*.txt | head -1)
	for f in $(ls "$seeds"/*.txt | tail -n +2); do pairs="$pairs $base:$f"; done
fi
for f in 2-syndicated 3-corrected 4-rewrite 5-summary; do
	pairs="$pairs $srcdir/samples/1-wire.txt:$srcdir/samples/$f.txt"
done
dmp=
if command -v node >/dev/null && command -v npm >/dev/null &&
   (cd "$W" && npm install --silent diff-match-patch@1.0.5 >/dev/null 2>&1); then
	dmp=$W/node_modules
fi
tv=0 td=0 tm=0
for p in $pairs; do
	a=${p%%:*} b=${p#*:}
	./versus --inline --color=never "$a" "$b" >"$W/v.txt"
	v=$(python3 "$srcdir/tests/bench/stray.py" "$W/v.txt" | sed 's/.*: \([0-9]*\) stray.*/\1/')
	d=-
	if command -v dwdiff >/dev/null; then
		dwdiff "$a" "$b" >"$W/d.txt"
		d=$(python3 "$srcdir/tests/bench/stray.py" "$W/d.txt" | sed 's/.*: \([0-9]*\) stray.*/\1/')
		td=$((td + d))
	fi
	m=-
	if [ -n "$dmp" ]; then
		NODE_PATH=$dmp node "$srcdir/tests/bench/dmp-wdiff.js" "$a" "$b" >"$W/m.txt"
		m=$(python3 "$srcdir/tests/bench/stray.py" "$W/m.txt" | sed 's/.*: \([0-9]*\) stray.*/\1/')
		tm=$((tm + m))
	fi
	tv=$((tv + v))
	printf '  %-28s versus %3s   dwdiff %3s   diff-match-patch %3s\n' \
		"$(basename "$a" .txt | cut -d_ -f1) -> $(basename "$b" .txt | cut -d_ -f1)" "$v" "$d" "$m"
done
printf '  %-28s versus %3s   dwdiff %3s   diff-match-patch %3s\n' total "$tv" "$td" "$tm"

echo
echo "== 5. --batch: 10,000 pairs of versions, one process against parallel -j2"
if command -v python3 >/dev/null && [ -x /usr/bin/time ]; then
	python3 "$srcdir/tests/tools/genmanifest.py" "$W/batch" 300 10000 \
		"$srcdir"/samples/[1-5]-*.txt
	M=$W/batch/manifest.tsv
	mb=$(python3 -c 'import os, sys
print(sum(os.path.getsize(p) for l in open(sys.argv[1])
          for p in l.rstrip("\n").split("\t")) / 1e6)' "$M")
	# rate NAME CMD...: wall time, and CPU time (user + system, children
	# included): on a shared machine the wall time of -j2 says little,
	# the CPU time per pair says what a core does.
	rate() {
		name=$1
		shift
		/usr/bin/time -f "%e %U %S" -o "$W/batch.time" "$@" >/dev/null 2>&1
		awk -v n="$name" -v mb="$mb" '{ cpu = $2 + $3
			printf "  %-20s wall %6.2f s %6.0f pairs/s %5.1f MB/s" \
			    "   cpu %6.2f s %6.0f pairs/s %5.1f MB/s\n", n, $1,
			    10000 / $1, mb / $1, cpu, 10000 / cpu, mb / cpu }' \
			"$W/batch.time"
	}
	printf "  (the manifest names %.1f MB of files)\n" "$mb"
	rate "one process" ./versus --batch "$M"
	if parallel --version 2>/dev/null | grep -q '^GNU parallel'; then
		rate "parallel --pipe -j2" sh -c 'HOME=$2 parallel --will-cite \
			--pipe --keep-order --block 100k -j2 ./versus --batch - \
			<"$1"' sh "$M" "$W"
	else
		echo "  parallel -j2: skipped, GNU parallel is missing (apt-get install parallel)"
	fi
else
	echo "  skipped: needs python3 and /usr/bin/time"
fi

echo
echo "== 6. families of changes: CPU seconds (median of interleaved runs), ratio to git, peak memory"
if command -v python3 >/dev/null && command -v git >/dev/null; then
	kjv= web=
	if [ -f "$W/kjv.txt" ] && command -v diatheke >/dev/null; then
		diatheke -b engWEB2015eb -f plain -k 'Gen 1:1-Rev 22:21' \
			>"$W/web.txt" 2>/dev/null
		[ -s "$W/web.txt" ] && kjv=$W/kjv.txt web=$W/web.txt
	fi
	printf '  %-12s %5s %8s %8s %8s %8s %7s %7s %6s\n' family MB versus git \
		wdiff dwdiff '/git' mem/B 'git/B'
	for size in ${BENCH_SIZES:-1e6 1e7}; do
		for fam in prose1 prose10 reworded shuffled template giant translation; do
			if [ "$fam" = translation ] && [ -z "$kjv" ]; then
				echo "  translation: skipped, needs bible-kjv and sword-text-web (diatheke)"
				continue
			fi
			python3 "$srcdir/tests/bench/genfamily.py" $fam $size 7 \
				"$W/fa.txt" "$W/fb.txt" $kjv $web || continue
			runs=3 tools="versus=./versus --json"
			[ "$size" = 1e6 ] || runs=1
			tools="$tools;git=git diff --no-index --word-diff=porcelain"
			command -v wdiff >/dev/null && tools="$tools;wdiff=wdiff"
			# dwdiff takes minutes on 10 MB of changes
			command -v dwdiff >/dev/null && [ "$size" = 1e6 ] &&
				tools="$tools;dwdiff=dwdiff"
			IFS=';'
			set -- $tools
			unset IFS
			python3 "$srcdir/tests/bench/cputime.py" $runs "$W/fa.txt" \
				"$W/fb.txt" "$@" >"$W/cpu"
			awk -v f=$fam -v n="$(($(wc -c <"$W/fa.txt") + $(wc -c <"$W/fb.txt")))" '
				{ t[$1] = $2; m[$1] = $3 }
				function s(x) { if (x in t) return sprintf("%8.3f", t[x]); return "       -" }
				END { printf "  %-12s %5.0f %s %s %s %s %7.2f %7.1f %6.1f\n",
					f, n / 2e6, s("versus"), s("git"), s("wdiff"), s("dwdiff"),
					(t["git"] > 0 ? t["versus"] / t["git"] : 0),
					m["versus"] * 1024 / n, m["git"] * 1024 / n }' "$W/cpu"
		done
	done
	echo "  (CPU seconds, user + system; /git: versus over git; mem/B: peak"
	echo "   resident bytes per input byte, both files counted)"
else
	echo "  skipped: needs python3 and git"
fi
