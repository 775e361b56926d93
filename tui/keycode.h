/*
 * keycode.h — the key code space of the browser and the names of its keys.
 *
 * A key is an int.  tui/screen.c (the only file that sees curses) turns what
 * the terminal sends into these codes; keymap files name them; the help
 * screen prints them.  There is one name table (keycode.c), read both ways.
 *
 * The code space:
 *
 *  - 0x20..0x10FFFF: a character, as its Unicode code point ('j', 'G', '/',
 *    U+00E9 'é').  Surrogates are not keys.
 *  - 0..0x1F: control characters.  C-a..C-z are 1..26, C-Space (C-@) is 0,
 *    C-\ C-] C-^ C-_ are 28..31.  Some have their own names: 9 is Tab (C-i),
 *    13 is Enter (C-m), 27 is Esc (C-[).  8 stays C-h: most terminals send
 *    127 for the Backspace key, some send 8, and emacs users bind C-h.
 *    10 is not a key: the screen maps '\n', '\r' and KEY_ENTER to Enter
 *    (curses gives '\n' for Enter unless nonl() was called), so "C-j" is
 *    read as Enter.
 *  - 127 is Backspace.  The screen maps curses's KEY_BACKSPACE and 127 to
 *    it; prompts should treat C-h like Backspace for terminals sending 8.
 *  - KEYCODE_SPECIAL_BASE (0x110000) upwards: the function keys of enum
 *    keycode_special, which are not characters.
 *  - KEYCODE_META (1 << 24) OR-ed with any of the above is that key with
 *    Meta (Alt), which terminals send as Esc followed by the key; the screen
 *    does that translation.  Meta combines with everything, control
 *    characters and function keys included: M-C-n is KEYCODE_META | 14.
 *
 * Names.  keycode_name() gives the canonical name; keycode_parse() accepts it
 * and a few aliases.  Every valid code's canonical name parses back to it.
 *
 *   character           itself in UTF-8 ("j", "é", "<"), except that
 *                       " " is "Space" (keymap words are space-separated)
 *                       and characters other than letters, numbers,
 *                       punctuation and symbols (spaces, combining marks,
 *                       format characters, private use, unassigned) are
 *                       written "U+00A0", so that the name is visible
 *   control characters  "C-a".."C-z", "C-Space", "C-\", "C-]", "C-^",
 *                       "C-_"; parsing also takes "C-A", "^A", "^a", "C-@",
 *                       "^@", "^[", "C-?", "^?"
 *   named               Tab, Enter (alias Return, RET), Esc (Escape),
 *                       Backspace, Space (SPC)
 *   function keys       Up, Down, Left, Right, PgUp (PageUp), PgDn
 *                       (PageDown), Home, End, Insert (Ins), Delete (Del),
 *                       BTab (S-Tab, BackTab: shift-tab), F1..F12
 *   Meta                "M-" + the name of the key: "M-v", "M-<", "M-C-n",
 *                       "M-Up"; parsing also takes "C-M-n" for "M-C-n"
 *   any code point      "U+" and 1 to 6 hex digits ("U+E9" is "é")
 *
 * Multi-letter names are matched without regard to case ("pgdn", "ESC",
 * "f5"); single characters are case-sensitive ("j" is not "J").  The "C-",
 * "M-" and "S-" prefixes are upper case.
 */
#ifndef VERSUS_KEYCODE_H
#define VERSUS_KEYCODE_H

#include <stdbool.h>

/* The code of control character C-x for a letter x: KEYCODE_CTRL('n'). */
#define KEYCODE_CTRL(c)		((c) & 0x1f)

#define KEYCODE_TAB		9
#define KEYCODE_ENTER		13
#define KEYCODE_ESC		27
#define KEYCODE_SPACE		32
#define KEYCODE_BACKSPACE	127

#define KEYCODE_SPECIAL_BASE	0x110000

/* Keys that are not characters. */
enum keycode_special {
	KEYCODE_UP = KEYCODE_SPECIAL_BASE,
	KEYCODE_DOWN,
	KEYCODE_LEFT,
	KEYCODE_RIGHT,
	KEYCODE_PGUP,
	KEYCODE_PGDN,
	KEYCODE_HOME,
	KEYCODE_END,
	KEYCODE_INSERT,
	KEYCODE_DELETE,
	KEYCODE_BTAB,
	KEYCODE_F1,
	KEYCODE_F12 = KEYCODE_F1 + 11,
	KEYCODE_SPECIAL_END		/* one past the last special key */
};

/* Function key Fn, 1 <= n <= 12. */
#define KEYCODE_F(n)		(KEYCODE_F1 + (n) - 1)

/* Meta: OR-ed with a key code. */
#define KEYCODE_META		(1 << 24)

/* Room for any canonical name, with its NUL ("M-Backspace"). */
#define KEYCODE_NAME_MAX	16

/*
 * Whether `code` is a key of the code space above: false for negative
 * numbers, 10, surrogates, the gap between the characters' end and the
 * function keys' end and KEYCODE_META, and Meta applied twice.
 */
bool keycode_valid(int code);

/*
 * Write the canonical name of `code` into buf and return buf.  An invalid
 * code gets a name that does not parse back ("U+D800", "<invalid>").
 */
const char *keycode_name(int code, char buf[KEYCODE_NAME_MAX]);

/*
 * The code of a key name (canonical or alias, as in the table above), or -1
 * when `name` names no key.
 */
int keycode_parse(const char *name);

#endif
