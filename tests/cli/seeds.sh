#!/bin/sh
# seeds.sh — the real versions of one wire story in ../shared/seeds: the
# pairings a careful reader makes, splits and merges included, and the
# site boilerplate shown as insertions; a hard-wrapped copy of each seed
# compares equal to it.  Skipped when the seeds are not there.
. "$srcdir/tests/lib.sh"

need_seeds
command -v python3 >/dev/null 2>&1 || skip_all "needs python3"

s() { ls "$SEEDS_DIR"/"$1"_*.txt; }

for f in "$SEEDS_DIR"/*.txt; do
	fold -s -w 72 "$f" >"$TMPD/wrapped.txt"
	"$VERSUS" --stat "$f" "$TMPD/wrapped.txt" >/dev/null 2>&1
	check_eq "$(basename "$f"): hard-wrapped at 72 columns compares equal" "$?" 0
done

# rules A B RULE...: versus --json A B, then pairing.py's rules.
rules() {
	name=$1 a=$2 b=$3
	shift 3
	"$VERSUS" --json "$a" "$b" >"$TMPD/p.json"
	python3 "$srcdir/tests/tools/pairing.py" "$a" "$b" "$TMPD/p.json" "$@" \
		>"$TMPD/p.out" 2>&1
	st=$?
	tap_result $st "$name"
	[ $st -eq 0 ] || sed 's/^/# /' "$TMPD/p.out"
}

rules "000 -> 001: the two paragraphs on the cloud business's size merge" \
	"$(s 000)" "$(s 001)" \
	"pair:Alibaba's cloud business in the United States is small|But if regulators=>Alibaba's U.S. cloud business is small"
rules "000 -> 001: the search help and site chrome are insertions" \
	"$(s 000)" "$(s 001)" \
	"inserted:Help" "inserted:BI’s Article search" "inserted:Login Register Subscribe" \
	"inserted:Reprints"
rules "000 -> 001: the paragraphs a reader pairs are paired" \
	"$(s 000)" "$(s 001)" \
	"pair:The focus of the investigation=>The focus of the probe" \
	"pair:US regulators could ultimately=>U.S. regulators could ultimately" \
	"pair:A Commerce Department spokesman=>A Commerce Department spokesperson" \
	"pair:Alibaba declined to comment=>Alibaba declined to comment"
rules "000 -> 002: the investigation paragraph splits in two" \
	"$(s 000)" "$(s 002)" \
	"pair:The focus of the investigation=>The investigation focuses|The possibility of Beijing"
rules "000 -> 002: the byline and the source link are insertions" \
	"$(s 000)" "$(s 002)" \
	"inserted:by Alexandra Alper" "inserted:Source link"
rules "000 -> 003: the cloud business paragraphs merge here too" \
	"$(s 000)" "$(s 003)" \
	"pair:Alibaba's cloud business in the United States is small|But if regulators=>Alibaba’s cloud business in the US is small"
rules "000 -> 003: photo captions and related links are insertions" \
	"$(s 000)" "$(s 003)" \
	"inserted:Alibaba company. (photo: Vanguard)" \
	"inserted:Cyber attack." "inserted:Apple confirms the arrival" \
	"inserted:Customer cybersecurity is at stake"
rules "000 -> 004: the byline block is inserted" \
	"$(s 000)" "$(s 004)" \
	"inserted:Tyler Durden's Photo"

finish
