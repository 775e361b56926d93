/*
 * keycode.c — key codes to names and back (see keycode.h).
 *
 * One table, names[], holds every multi-letter name; the first row for a
 * code is its canonical name, later rows are aliases.  Control characters,
 * F1..F12, plain characters and "U+XXXX" are computed instead of listed.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unictype.h>
#include <unistr.h>

#include "keycode.h"

static const struct {
	int		 code;
	const char	*name;
} names[] = {
	{ 0, "C-Space" },
	{ 0, "C-SPC" },
	{ KEYCODE_TAB, "Tab" },
	{ KEYCODE_ENTER, "Enter" },
	{ KEYCODE_ENTER, "Return" },
	{ KEYCODE_ENTER, "RET" },
	{ KEYCODE_ESC, "Esc" },
	{ KEYCODE_ESC, "Escape" },
	{ KEYCODE_SPACE, "Space" },
	{ KEYCODE_SPACE, "SPC" },
	{ KEYCODE_BACKSPACE, "Backspace" },
	{ KEYCODE_UP, "Up" },
	{ KEYCODE_DOWN, "Down" },
	{ KEYCODE_LEFT, "Left" },
	{ KEYCODE_RIGHT, "Right" },
	{ KEYCODE_PGUP, "PgUp" },
	{ KEYCODE_PGUP, "PageUp" },
	{ KEYCODE_PGDN, "PgDn" },
	{ KEYCODE_PGDN, "PageDown" },
	{ KEYCODE_HOME, "Home" },
	{ KEYCODE_END, "End" },
	{ KEYCODE_INSERT, "Insert" },
	{ KEYCODE_INSERT, "Ins" },
	{ KEYCODE_DELETE, "Delete" },
	{ KEYCODE_DELETE, "Del" },
	{ KEYCODE_BTAB, "BTab" },
	{ KEYCODE_BTAB, "S-Tab" },
	{ KEYCODE_BTAB, "BackTab" },
};

/* The longest name worth looking at: longer strings name no key. */
#define LONGEST_NAME	24

/* Control characters 28..31 are C- and these, in order. */
static const char ctrl_punct[] = "\\]^_";

bool
keycode_valid(int code)
{
	if (code < 0)
		return false;
	code &= ~KEYCODE_META;
	if (code >= KEYCODE_SPECIAL_BASE)
		return code < KEYCODE_SPECIAL_END;
	if (code >= 0xD800 && code <= 0xDFFF)
		return false;
	return code != '\n';
}

/*
 * Whether a character is shown as itself in its name: letters, numbers,
 * punctuation and symbols.  Spaces, combining marks, controls, format and
 * private-use characters would be invisible or attach to their neighbour.
 */
static bool
shows_as_itself(int c)
{
	uc_general_category_t visible = uc_general_category_or(
	    uc_general_category_or(UC_LETTER, UC_NUMBER),
	    uc_general_category_or(UC_PUNCTUATION, UC_SYMBOL));

	return c > 0x20 && c != 0x7f &&
	    uc_is_general_category((ucs4_t)c, visible);
}

const char *
keycode_name(int code, char buf[KEYCODE_NAME_MAX])
{
	size_t	i;
	int	n;

	if (!keycode_valid(code)) {
		if (code >= 0 && code < KEYCODE_SPECIAL_BASE)
			snprintf(buf, KEYCODE_NAME_MAX, "U+%04X", code);
		else
			snprintf(buf, KEYCODE_NAME_MAX, "<invalid>");
		return buf;
	}
	if (code & KEYCODE_META) {
		char base[KEYCODE_NAME_MAX];

		snprintf(buf, KEYCODE_NAME_MAX, "M-%s",
		    keycode_name(code & ~KEYCODE_META, base));
		return buf;
	}
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (names[i].code == code) {
			snprintf(buf, KEYCODE_NAME_MAX, "%s", names[i].name);
			return buf;
		}
	}
	if (code >= KEYCODE_F1 && code <= KEYCODE_F12)
		snprintf(buf, KEYCODE_NAME_MAX, "F%d", code - KEYCODE_F1 + 1);
	else if (code >= 1 && code <= 26)
		snprintf(buf, KEYCODE_NAME_MAX, "C-%c", 'a' + code - 1);
	else if (code >= 28 && code <= 31)
		snprintf(buf, KEYCODE_NAME_MAX, "C-%c", ctrl_punct[code - 28]);
	else if (shows_as_itself(code)) {
		n = u8_uctomb((uint8_t *)buf, (ucs4_t)code, KEYCODE_NAME_MAX);
		buf[n > 0 ? n : 0] = '\0';
	} else
		snprintf(buf, KEYCODE_NAME_MAX, "U+%04X", code);
	return buf;
}

/* The control character C-c or ^c, or -1. */
static int
parse_ctrl(unsigned char c)
{
	const char *p;

	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return KEYCODE_CTRL(c) == '\n' ? KEYCODE_ENTER : KEYCODE_CTRL(c);
	if (c == '@')
		return 0;
	if (c == '[')
		return KEYCODE_ESC;
	if (c == '?')
		return KEYCODE_BACKSPACE;
	if (c != '\0' && (p = strchr(ctrl_punct, c)) != NULL)
		return 28 + (int)(p - ctrl_punct);
	return -1;
}

/* "U+" and 1 to 6 hex digits naming a valid code, or -1. */
static int
parse_ucs(const char *s, size_t len)
{
	size_t	i;
	int	code = 0;

	if (len < 3 || len > 8 || (s[0] != 'U' && s[0] != 'u') || s[1] != '+')
		return -1;
	for (i = 2; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			code = code * 16 + (s[i] - '0');
		else if (s[i] >= 'a' && s[i] <= 'f')
			code = code * 16 + (s[i] - 'a' + 10);
		else if (s[i] >= 'A' && s[i] <= 'F')
			code = code * 16 + (s[i] - 'A' + 10);
		else
			return -1;
	}
	if (code >= KEYCODE_SPECIAL_BASE || !keycode_valid(code))
		return -1;
	return code;
}

/* "F1".."F12" (any case, no leading zero), or -1. */
static int
parse_fkey(const char *s, size_t len)
{
	int n;

	if ((s[0] != 'F' && s[0] != 'f') || len < 2 || len > 3 ||
	    s[1] < '1' || s[1] > '9')
		return -1;
	n = s[1] - '0';
	if (len == 3) {
		if (s[2] < '0' || s[2] > '9')
			return -1;
		n = n * 10 + (s[2] - '0');
	}
	return n <= 12 ? KEYCODE_F(n) : -1;
}

int
keycode_parse(const char *name)
{
	char	 tmp[LONGEST_NAME + 1];
	size_t	 len = strlen(name), i;
	ucs4_t	 uc;
	int	 code;

	if (len == 0 || len > LONGEST_NAME)
		return -1;

	/* Meta: "M-x", and "C-M-x" for "M-C-x". */
	if (len > 2 && name[0] == 'M' && name[1] == '-') {
		code = keycode_parse(name + 2);
		return code >= 0 && !(code & KEYCODE_META) ?
		    code | KEYCODE_META : -1;
	}
	if (len > 4 && strncmp(name, "C-M-", 4) == 0) {
		snprintf(tmp, sizeof tmp, "C-%s", name + 4);
		code = keycode_parse(tmp);
		return code >= 0 && !(code & KEYCODE_META) ?
		    code | KEYCODE_META : -1;
	}

	/* Control characters: "C-x", "^x". */
	if (len == 3 && name[0] == 'C' && name[1] == '-')
		return parse_ctrl((unsigned char)name[2]);
	if (len == 2 && name[0] == '^')
		return parse_ctrl((unsigned char)name[1]);

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(names[i].name, name) == 0)
			return names[i].code;
	if ((code = parse_fkey(name, len)) >= 0)
		return code;
	if ((code = parse_ucs(name, len)) >= 0)
		return code;

	/* Exactly one character, in UTF-8.  Raw control characters are not
	 * names: they cannot be typed in a keymap file anyway. */
	if (u8_mbtoucr(&uc, (const uint8_t *)name, len) == (int)len &&
	    uc >= 0x20 && uc != 0x7f)
		return (int)uc;
	return -1;
}
