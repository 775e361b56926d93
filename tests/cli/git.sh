#!/bin/sh
# git.sh — --git FILE: one version per commit that changed the file,
# oldest first, named with the commit's date, hash and subject; --follow
# across a rename; the faults, one line each, exit status 2.
. "$srcdir/tests/lib.sh"

# The rows of --stat's table of versions in FILE.
versions() { sed -n '/^v /,/^$/p' "$1" | awk '/^[0-9]/'; }

command -v git >/dev/null 2>&1 || skip_all "--git needs the git command"

R=$TMPD/repo
mkdir "$R"
g() { git -C "$R" -c user.name=Test -c user.email=test@example.com "$@" >/dev/null; }
commit() {	# commit DATE MESSAGE: commit everything at DATE (UTC)
	GIT_AUTHOR_DATE="$1 +0000" GIT_COMMITTER_DATE="$1 +0000" \
		g commit -q -a -m "$2"
}
g init -q
printf 'The council voted to rebuild the bridge.\n\nIt will cost 1.2 million euros.\n' >"$R/story.txt"
g add story.txt
commit "2024-03-01T09:00:00" "First version"
printf 'unrelated\n' >"$R/other.txt"
g add other.txt
commit "2024-03-01T10:00:00" "Another file"
sed -i 's/1.2 million/1.4 million/' "$R/story.txt"
commit "2024-03-02T11:30:00" "Correct the cost"
g mv story.txt bridge.txt
commit "2024-03-03T08:00:00" "Rename the story"
printf '\nWork starts in June.\n' >>"$R/bridge.txt"
commit "2024-03-04T12:00:00" "Add the start date"

"$VERSUS" --git --stat "$R/story.txt" >"$TMPD/out" 2>"$TMPD/err"
st=$?
# story.txt is gone from the work tree but not from the history.
check_eq "a file's history: exit 1 (it changed)" "$st|$(cat "$TMPD/err")" "1|"
versions "$TMPD/out" | awk '{ $2 = $3 = $4 = ""; print }' | tr -s ' ' >"$TMPD/got"
h1=$(git -C "$R" log --format=%h -n1 --abbrev=7 --grep=First)
h2=$(git -C "$R" log --format=%h -n1 --abbrev=7 --grep=Correct)
cat >"$TMPD/want" <<EOT
1 $R/story.txt @ 2024-03-01 09:00 $h1 First version
2 $R/story.txt @ 2024-03-02 11:30 $h2 Correct the cost
EOT
check_file "one version per commit that changed it, oldest first, dated, with subjects" \
	"$TMPD/got" "$TMPD/want"

"$VERSUS" --git --follow --stat "$R/bridge.txt" >"$TMPD/out" 2>"$TMPD/err"
check_eq "--follow: exit 1" "$?|$(cat "$TMPD/err")" "1|"
check_eq "--follow: the versions before the rename too" \
	"$(versions "$TMPD/out" | wc -l | tr -d ' ')" 4
"$VERSUS" --git --stat "$R/bridge.txt" >"$TMPD/out" 2>&1
check_eq "without --follow: only the commits since the rename" \
	"$(versions "$TMPD/out" | wc -l | tr -d ' ')" 2

"$VERSUS" --git --inline --color=never "$R/story.txt" >"$TMPD/out" 2>&1
check "--inline shows the corrected figure" grep -q '\[-1.2-\] {+1.4+}' "$TMPD/out"

# git's own REV:PATH form, in the repository's folder.
(cd "$R" && "$VERSUS" --stat HEAD~1:bridge.txt bridge.txt) >"$TMPD/out" 2>"$TMPD/err"
check_eq "REV:PATH against the file: exit 1 (a paragraph was added)" "$?|$(cat "$TMPD/err")" "1|"
h3=$(git -C "$R" log --format=%h -n1 --abbrev=7 --grep=Rename)
check_eq "REV:PATH is named with its commit's date, hash and subject" \
	"$(versions "$TMPD/out" | sed -n 1p | sed 's/^1 *[0-9]* *[0-9]* *[0-9]* *//')" \
	"HEAD~1:bridge.txt @ 2024-03-03 08:00 $h3 Rename the story"
(cd "$R" && "$VERSUS" --stat HEAD~9:bridge.txt bridge.txt) >/dev/null 2>"$TMPD/err"
check_eq "a REV:PATH git does not know is a missing file" "$?|$(cat "$TMPD/err")" \
	"2|versus: HEAD~9:bridge.txt: No such file or directory"

# --- faults ------------------------------------------------------------------

mkdir "$TMPD/plain"
printf 'x\n' >"$TMPD/plain/a.txt"
"$VERSUS" --git --stat "$TMPD/plain/a.txt" >/dev/null 2>"$TMPD/err"
check_eq "a file outside any repository: one line, exit 2" "$?|$(cat "$TMPD/err")" \
	"2|versus: $TMPD/plain/a.txt: not in a git repository"
printf 'new\n' >"$R/new.txt"
"$VERSUS" --git --stat "$R/new.txt" >/dev/null 2>"$TMPD/err"
check_eq "a file never committed: one line, exit 2" "$?|$(cat "$TMPD/err")" \
	"2|versus: $R/new.txt: no commit in the git history changes it"
"$VERSUS" --git --stat "$R" >/dev/null 2>"$TMPD/err"
check_eq "a folder: one line, exit 2" "$?|$(cat "$TMPD/err")" \
	"2|versus: $R: --git needs a file, not a folder"
"$VERSUS" --follow --stat "$R/bridge.txt" >/dev/null 2>"$TMPD/err"
check_eq "--follow without --git: a usage error" "$?|$(sed -n 1p "$TMPD/err")" \
	"2|versus: --follow goes with --git"
PATH=/nonexistent "$VERSUS" --git --stat "$R/bridge.txt" >/dev/null 2>"$TMPD/err"
check_eq "no git command: one line, exit 2" "$?|$(cat "$TMPD/err")" \
	"2|versus: $R/bridge.txt: --git needs the git command, which was not found"
check "the repository's work tree is untouched" \
	test -z "$(git -C "$R" status --porcelain --untracked-files=no)"

finish
