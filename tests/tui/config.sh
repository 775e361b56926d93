#!/bin/sh
# config.sh — "keymap my.keys" in the config file (issue 16, bug 9): a
# relative file name is looked up in the config file's folder, wherever
# versus runs; an error names the config file and its line first.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/tui/lib.sh"

tui_samples
conf=$XDG_CONFIG_HOME/versus
mkdir -p "$conf"
printf '# mine\n\nkeymap my.keys\n' >"$conf/config"
printf 'include vi\nbind j next-change\n' >"$conf/my.keys"

tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "the browser starts with the config's keymap" \
	tui_wait_for '2/2 samples/3-corrected.txt'
tui_keys j
check "my.keys, beside the config file: j goes to the next change" \
	tui_wait_line 40 '│ passage 1/4 '
tui_keys q
check "quits" tui_wait_for '^\[exited\] 1$'

# A keymap file that is not there: the config file and line, then why.
printf '# mine\n\nkeymap gone.keys\n' >"$conf/config"
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "a missing keymap: exit status 2" tui_wait_for '^\[exited\] 2$'
check "the message names the config file and line, and the keymap" \
	tui_wait_for "^versus: $conf/config:3: $conf/gone.keys: "

# A bad line inside the keymap file names that file and its line.
printf '# mine\n\nkeymap bad.keys\n' >"$conf/config"
printf 'include vi\nbind x x\n' >"$conf/bad.keys"
tui_start 120 40 "$VERSUS" samples/1-wire.txt samples/3-corrected.txt
check "a bad keymap: exit status 2" tui_wait_for '^\[exited\] 2$'
check "the message says where, in both files" \
	tui_wait_for "^versus: $conf/config:3: $conf/bad.keys:2: unknown action"

finish
