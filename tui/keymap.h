/*
 * keymap.h — key bindings read from keymap files, and key lookup.
 *
 * A keymap maps key sequences (keycode.h) to actions (action.h).  It is
 * read from a file, or from one of the keymaps shipped with versus
 * (keymaps/NAME.keys, compiled into the program so that it works uninstalled),
 * and is immutable once loaded.  Lookup is a small state machine that knows
 * nothing of time or curses: the caller feeds it one key at a time.
 *
 * The file format, one directive per line:
 *
 *   # comment            lines whose first non-blank character is '#', and
 *                        blank lines, are ignored ('#' elsewhere is a key)
 *   bind KEY... ACTION   bind the sequence of one or more KEYs (keycode.h
 *                        names, separated by blanks, at most
 *                        KEYMAP_SEQ_MAX) to ACTION (`versus --list-actions`):
 *                        "bind j scroll-down", "bind g g top",
 *                        "bind C-x C-c quit"
 *   unbind KEY...        remove the binding of that sequence and of every
 *                        longer sequence starting with it ("unbind Z" frees
 *                        Z Z); unbinding an unbound sequence is not an error
 *   include NAME         read another keymap here: a shipped keymap by name
 *                        ("include vi"), or a file when NAME contains '/' or
 *                        ends in ".keys"; a relative path is taken from the
 *                        directory of the including file, "~/" from $HOME
 *   set timeout MS       how long a pending sequence waits for its next key,
 *                        0 to 60000 milliseconds, 0 for ever (default 1000)
 *   set counts on|off    numeric prefixes, as vi's 5j (default off)
 *
 * Words are separated by spaces and tabs; a final '\r' is ignored.
 *
 * Conflicts.  Within one file, binding a sequence twice, or binding both a
 * sequence and a prefix of it ("g" and "g g": g alone would fire before the
 * second g could come), is an error.  Across files the later binding wins
 * and removes every binding it conflicts with: a file that includes vi and
 * then binds "g" drops vi's "g g".  Settings: the later one wins.
 *
 * Counts.  With counts on and no key of a sequence pending, a digit 1-9
 * starts a count unless that digit is bound itself (alone or as the first
 * key of a sequence); while a count is pending, every digit 0-9 extends it
 * (up to KEYMAP_COUNT_MAX).  So "0" is a key only when no count is pending,
 * and digits after the first key of a sequence are keys ("g 5").  The count
 * applies to the binding that completes: "5 j", "3 ] c", "1 0 j".
 *
 * Errors stop loading; the first one is reported as "FILE:LINE: MESSAGE",
 * FILE being the path as resolved, or "vi.keys" for a shipped keymap:
 *   unknown directive 'x'           usage: bind KEY... ACTION (and others)
 *   unknown key 'x'                 unknown action 'x'
 *   unknown setting 'x'             timeout 'x' is not 0 to 60000 milliseconds
 *   counts 'x' is not on or off     a key sequence has at most 8 keys
 *   'j' is already bound at line 3
 *   'g g' is unreachable: 'g' is bound at line 3
 *   'g' makes 'g g', bound at line 3, unreachable
 *   cannot include 'x': No such file or directory
 *   include loop: 'x' is already being read
 *   includes nested more than 16 deep (KEYMAP_INCLUDE_MAX)
 *   cannot include 'x': not a regular file (a FIFO, a device: file.h)
 *   cannot include 'x': file too large (over FILE_CONFIG_MAX bytes)
 *   keymap 'x' not found (shipped: default, emacs, vi)
 * and, about keymap_load's own argument, "PATH: No such file or directory"
 * (or "not a regular file", "file too large") or "keymap 'x' not found
 * (...)"; a file with a NUL byte in it, top-level or included, gives
 * "PATH: binary file".
 */
#ifndef VERSUS_KEYMAP_H
#define VERSUS_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* How deep includes may nest: a keymap file and 15 includes below it. */
#define KEYMAP_INCLUDE_MAX	16

/* The longest key sequence a binding may have. */
#define KEYMAP_SEQ_MAX		8

/* Counts stop growing here. */
#define KEYMAP_COUNT_MAX	999999

/* The sequence timeout when no "set timeout" says otherwise, in ms. */
#define KEYMAP_TIMEOUT_DEFAULT	1000

/* Room for a sequence's name, with its NUL (see keymap_seq_name). */
#define KEYMAP_SEQ_NAME_MAX	(KEYMAP_SEQ_MAX * 17)

struct keymap;

/* One binding, as keymap_binding() shows it. */
struct keymap_binding {
	int		 keys[KEYMAP_SEQ_MAX];
	size_t		 nkeys;		/* 1..KEYMAP_SEQ_MAX */
	int		 action;	/* enum action */
	const char	*file;		/* where it was bound ("vi.keys" for */
	unsigned	 line;		/* a shipped keymap), and the line */
};

/*
 * Where the lookup stands between keys.  Owned by the caller, independent
 * of any keymap; all-zero (or keymap_reset) is the empty state.
 */
struct keymap_state {
	int	keys[KEYMAP_SEQ_MAX];	/* the pending sequence */
	size_t	nkeys;
	int	count;			/* the pending count, 0 for none */
};

enum keymap_status {
	KEYMAP_NONE,		/* no binding: the state was reset */
	KEYMAP_PENDING,		/* a prefix of a sequence, or a count */
	KEYMAP_MATCH		/* a binding completed: see keymap_match */
};

/* What a KEYMAP_MATCH found. */
struct keymap_match {
	int	action;		/* enum action */
	int	count;		/* the count typed before it, 0 for none */
};

/*
 * Load a keymap: the file `name` if it contains '/' or ends in ".keys",
 * else the shipped keymap of that name ("default", "vi", "emacs").  Returns
 * a keymap to free with keymap_free(), or NULL and a message in err.
 */
struct keymap *keymap_load(const char *name, struct vs_error *err);

/* Free a keymap; NULL is allowed. */
void keymap_free(struct keymap *km);

/* The name keymap_load() was given ("vi", "~/my.keys"). */
const char *keymap_name(const struct keymap *km);

/* The sequence timeout in milliseconds; 0 means wait for ever. */
int keymap_timeout(const struct keymap *km);

/*
 * The i-th binding in the order of key codes (sequences sharing a prefix
 * are next to each other), or NULL when i is past the last one.  Valid
 * while km is.  Iterate with: for (i = 0; (b = keymap_binding(km, i)); i++)
 */
const struct keymap_binding *keymap_binding(const struct keymap *km,
    size_t i);

/*
 * Write the keys bound to `action` into buf as "j, Down, C-n" (canonical
 * names, sequences as "g g"), in the order they were bound, keeping only
 * the entries that fit whole in `size` bytes.  buf is always terminated
 * when size > 0; it is "" when nothing is bound.  Returns the number of
 * bindings of the action, including those that did not fit.
 */
size_t keymap_keys_for(const struct keymap *km, int action, char *buf,
    size_t size);

/* Write the first key bound to `action` ("F") into buf, or "" when none is. */
char *keymap_first_key(const struct keymap *km, int action, char *buf,
    size_t size);

/*
 * Write the names of n keys, separated by spaces ("C-x C-c"), into buf,
 * truncated to size bytes (KEYMAP_SEQ_NAME_MAX is always enough for a
 * binding).  Returns buf.
 */
char *keymap_seq_name(const int *keys, size_t n, char *buf, size_t size);

/* Empty a lookup state: after a match, a dead end, or the timeout. */
void keymap_reset(struct keymap_state *st);

/*
 * Feed one key to the lookup.  On KEYMAP_MATCH the action and count are
 * stored in *m (when m is not NULL) and the state is reset; on KEYMAP_NONE
 * the state is reset too.  One exception to KEYMAP_NONE: a key that does
 * not continue a pending sequence or count but is bound alone to `cancel`
 * (Esc, C-g) is a KEYMAP_MATCH of cancel with count 0.  The caller calls
 * keymap_reset() when keymap_timeout() passes with the state pending.
 */
enum keymap_status keymap_feed(const struct keymap *km,
    struct keymap_state *st, int key, struct keymap_match *m);

/*
 * What is pending, for the status line: the count and the key names,
 * separated by spaces ("5", "g", "5 g", "C-x"); "" when nothing is.
 * Returns buf.
 */
char *keymap_pending_text(const struct keymap_state *st, char *buf,
    size_t size);

#endif
