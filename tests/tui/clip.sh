#!/bin/sh
# clip.sh — copy with citation (issue 16): y copies the passage on top,
# Y the current change as "before → after", with file, paragraph and
# date, to the terminal's clipboard through OSC 52 (tmux keeps it as a
# paste buffer with set-clipboard on), a moved passage with both places;
# escape sequences and bidi controls
# of the file arrive in their visible forms, never raw; with "osc52 off"
# in the settings nothing goes to the terminal and a prompt appends the
# citation to a file, never to a version being compared.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

ESC=$(printf '\033')
RLO=$(printf '\342\200\256')
evil="A reader wrote ${ESC}[31mred${ESC}[0m text and ${RLO}reversed here."
{
	echo "HARWICK, 2025-03-03 (Wire) - The council approved \$50 million for the pier. Work starts soon."
	echo
	echo "The mayor praised the plan."
} >"$TMPD/a.txt"
sed 's/2025-03-03/2025-03-04/; s/\$50/$65/' "$TMPD/a.txt" >"$TMPD/b.txt"
printf '%s\n\nSame words.\n' "$evil" >"$TMPD/c.txt"
printf '%s\n\nOther words.\n' "$evil" >"$TMPD/d.txt"
touch -d '2024-05-06 12:00:00 UTC' "$TMPD/c.txt"	# the date: its mtime

# clipboard: the text of tmux's newest paste buffer, one line.
clipboard() { $TUI show-buffer 2>/dev/null; }

TUI_DIR=$TMPD
tui_start 120 30 "$VERSUS" a.txt b.txt
$TUI set-option -g set-clipboard on
check "the browser starts" tui_wait_for '2/2 b.txt'
check_eq "nothing is copied unasked" "$($TUI list-buffers | wc -l)" 0

tui_keys y
check "y says what it copied" \
	tui_wait_line 30 '^ copied the passage (.* bytes) to the clipboard (OSC 52)'
check_eq "the passage, with file, paragraph and the date it opens with" \
	"$(clipboard)" \
	'"HARWICK, 2025-03-03 (Wire) - The council approved $50 million for the pier. Work starts soon." — a.txt ¶1, 2025-03-03'

tui_keys Tab Y
check "Y says what it copied" \
	tui_wait_line 30 '^ copied the change (.* bytes) to the clipboard (OSC 52)'
check_eq "the change: the sentences before and after, both cited" \
	"$(clipboard)" \
	'"HARWICK, 2025-03-03 (Wire) - The council approved $50 million for the pier." → "HARWICK, 2025-03-04 (Wire) - The council approved $65 million for the pier." — a.txt ¶1, 2025-03-03 → b.txt ¶1, 2025-03-04'
tui_keys q

# A paragraph moved without an edit: the passage and both places.
TUI_DIR=
tui_samples
tui_start 120 30 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
$TUI set-option -g set-clipboard on
check "the samples" tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys Tab Tab
tui_wait_line 30 'passage 2/' >/dev/null
tui_keys Y
check "Y on a move" tui_wait_line 30 '^ copied the change'
check "the moved passage, from ¶7 to ¶12" eval 'clipboard |
	grep -q "^\"Sakuragi, founded in Kanazawa in 1962 .* contract.\" (moved) — samples/1-wire.txt ¶7, [0-9-]* → samples/3-corrected.txt ¶12, [0-9-]*\$"'
tui_keys q
TUI_DIR=$TMPD

# A file's escape sequences and bidi controls are shown, not sent.
tui_start 120 30 "$VERSUS" c.txt d.txt
$TUI set-option -g set-clipboard on
check "the browser starts" tui_wait_for '2/2 d.txt'
tui_keys y
check "copied" tui_wait_line 30 '^ copied the passage'
clipboard >"$TMPD/clip"
check "no escape byte reaches the clipboard" eval "! grep -q '$ESC' '$TMPD/clip'"
check "no bidi control either" eval "! grep -q '$RLO' '$TMPD/clip'"
check_eq "both in their visible forms" "$(cat "$TMPD/clip")" \
	'"A reader wrote ^[[31mred^[[0m text and <U+202E>reversed here." — c.txt ¶1, 2024-05-06'
tui_keys q

# osc52 off: a file, asked for, appended to.
mkdir -p "$XDG_CONFIG_HOME/versus"
echo "osc52 off" >"$XDG_CONFIG_HOME/versus/config"
tui_start 120 30 "$VERSUS" a.txt b.txt
$TUI set-option -g set-clipboard on
check "the browser starts" tui_wait_for '2/2 b.txt'
tui_keys y
check "y asks for a file" \
	tui_wait_line 30 '^copy to file (appended): versus-clips.txt$'
tui_keys C-u
tui_keys -l a.txt
tui_keys Enter
check "never into a version compared" \
	tui_wait_line 30 '^ a.txt: refusing to write to a version being compared$'
check_eq "which is unchanged" "$(sed -n 1p "$TMPD/a.txt" | cut -c1-19)" \
	"HARWICK, 2025-03-03"
tui_keys y
tui_wait_line 30 '^copy to file' >/dev/null
tui_keys Enter
check "appended to the file" tui_wait_line 30 "^ added the citation to versus-clips.txt$"
tui_keys Tab Y Enter
tui_wait_line 30 "^ added the citation" >/dev/null
check_eq "two citations, one a line" "$(wc -l <"$TMPD/versus-clips.txt" | tr -d ' ')" 2
check "the second is the change" \
	grep -q '^"HARWICK.*" → "HARWICK.*" — a.txt ¶1, 2025-03-03 → b.txt ¶1, 2025-03-04$' \
	"$TMPD/versus-clips.txt"
check_eq "nothing went to the terminal's clipboard" \
	"$($TUI list-buffers | wc -l)" 0
tui_keys q
check "quits" tui_wait_for '^\[exited\] 1'

echo "osc52 maybe" >"$XDG_CONFIG_HOME/versus/config"
tui_start 120 30 "$VERSUS" a.txt b.txt
check "a bad osc52 setting is an error, with file and line" \
	tui_wait_for "^versus: .*/versus/config:1: osc52 is on or off, not 'maybe'"
check "exit status 2" tui_wait_for '^\[exited\] 2'

finish
