/*
 * test-keymap.c — key names (keycode.c), keymap files and lookup
 * (keymap.c), and the shipped keymaps compiled into the program.
 *
 * No curses: keys are fed as codes.  Keymap files for the error cases are
 * written to a fresh directory under $TMPDIR (or /tmp) and removed after.
 * When $srcdir is set (make check), the shipped keymaps are also read from
 * keymaps/NAME.keys and compared with their compiled-in copies.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "action.h"
#include "error.h"
#include "file.h"
#include "keycode.h"
#include "keymap.h"
#include "keymaps-builtin.h"
#include "tap.h"

static char tmpdir[256];
static char made[64][512];
static size_t nmade;

/* Write text to tmpdir/name; returns the path (static storage). */
static const char *
put(const char *name, const char *text)
{
	char	*path = made[nmade++];
	FILE	*fp;

	snprintf(path, sizeof made[0], "%s/%s", tmpdir, name);
	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		exit(99);
	}
	fwrite(text, 1, strlen(text), fp);
	fclose(fp);
	return path;
}

/* The error loading `name` gives, or "(loaded)". */
static const char *
load_error(const char *name)
{
	static struct vs_error	 err;
	struct keymap		*km;

	strcpy(err.msg, "(no message)");
	if ((km = keymap_load(name, &err)) != NULL) {
		keymap_free(km);
		return "(loaded)";
	}
	return err.msg;
}

/* Expected text with "@" standing for tmpdir. */
static const char *
at(const char *fmt)
{
	static char	 buf[1024];
	char		*o = buf;

	for (; *fmt != '\0'; fmt++) {
		if (*fmt == '@')
			o += sprintf(o, "%s", tmpdir);
		else
			*o++ = *fmt;
	}
	*o = '\0';
	return buf;
}

/*
 * Feed the keys named in `seq` ("5 g g") from an empty state; returns the
 * status of the last key, the statuses of the others in *before (PENDING
 * if all of them were), the match in *m.
 */
static enum keymap_status
feed(const struct keymap *km, const char *seq, struct keymap_match *m,
    enum keymap_status *before)
{
	struct keymap_state	 st = { .nkeys = 0 };
	char			 copy[256], *w, *save;
	enum keymap_status	 s = KEYMAP_NONE, all = KEYMAP_PENDING;
	int			 key;
	bool			 first = true;

	m->action = -1;
	m->count = -1;
	snprintf(copy, sizeof copy, "%s", seq);
	for (w = strtok_r(copy, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save)) {
		if (!first && s != KEYMAP_PENDING)
			all = s;
		first = false;
		if ((key = keycode_parse(w)) == -1) {
			printf("# bad key name '%s' in test\n", w);
			return KEYMAP_NONE;
		}
		s = keymap_feed(km, &st, key, m);
	}
	if (before != NULL)
		*before = all;
	return s;
}

/* Check that seq, fed to km, completes `action` with `count`. */
static void
is_match(const struct keymap *km, const char *kmname, const char *seq,
    const char *action, int count)
{
	struct keymap_match	m;
	enum keymap_status	s, before;

	s = feed(km, seq, &m, &before);
	ok(s == KEYMAP_MATCH && before == KEYMAP_PENDING &&
	    m.action == action_find(action) && m.count == count,
	    "%s: '%s' is %s, count %d", kmname, seq, action, count);
	if (s != KEYMAP_MATCH)
		printf("#   status %d\n", (int)s);
	else if (m.action != action_find(action) || m.count != count)
		printf("#   got %s, count %d\n", action_name(m.action), m.count);
}

static struct keymap *
must_load(const char *name)
{
	struct vs_error	 err;
	struct keymap	*km = keymap_load(name, &err);

	if (km == NULL) {
		printf("Bail out! cannot load %s: %s\n", name, err.msg);
		exit(1);
	}
	return km;
}

/* ---------------------------------------------------------------------- */

static void
test_names(void)
{
	char	buf[KEYCODE_NAME_MAX];
	int	c, bad = 0, badmeta = 0, valid = 0, first_bad = -1;

	/*
	 * Valid codes round-trip: all of planes 0 and 1 (where nearly every
	 * assigned character is), every 7th code point beyond, the last of
	 * each plane, and every function key; and Meta with all those below
	 * U+0800, every 101st beyond, and with every function key.  (All 2.2
	 * million would take seconds under valgrind.)
	 */
	for (c = 0; c < KEYCODE_SPECIAL_END; c++) {
		if (!keycode_valid(c))
			continue;
		valid++;
		if (c >= 0x20000 && c < KEYCODE_SPECIAL_BASE && c % 7 != 0 &&
		    (c & 0xffff) != 0xffff)
			continue;
		if (keycode_parse(keycode_name(c, buf)) != c) {
			if (bad++ == 0)
				first_bad = c;
		}
		if (c >= 0x800 && c < KEYCODE_SPECIAL_BASE && c % 101 != 0)
			continue;
		if (keycode_parse(keycode_name(c | KEYCODE_META, buf)) !=
		    (c | KEYCODE_META)) {
			if (badmeta++ == 0 && first_bad == -1)
				first_bad = c | KEYCODE_META;
		}
	}
	is_int(bad, 0, "every valid code's name parses back to it");
	is_int(badmeta, 0, "and so does M- with it");
	if (first_bad != -1)
		printf("#   first failure: %#x '%s'\n", first_bad,
		    keycode_name(first_bad, buf));
	/* 0x110000 code points less 2048 surrogates and '\n', 23 specials */
	is_int(valid, 0x110000 - 2048 - 1 + 23, "number of valid codes");

	is_str(keycode_name(' ', buf), "Space", "name of ' '");
	is_str(keycode_name('j', buf), "j", "name of j");
	is_str(keycode_name(0xe9, buf), "\xc3\xa9", "name of U+00E9 is itself");
	is_str(keycode_name(0x4e2d, buf), "\xe4\xb8\xad", "name of a CJK key");
	is_str(keycode_name(0xa0, buf), "U+00A0", "no-break space by number");
	is_str(keycode_name(0x301, buf), "U+0301", "combining mark by number");
	is_str(keycode_name(0x85, buf), "U+0085", "C1 control by number");
	is_str(keycode_name(0x10ffff, buf), "U+10FFFF", "noncharacter");
	is_str(keycode_name(KEYCODE_CTRL('x'), buf), "C-x", "name of C-x");
	is_str(keycode_name(8, buf), "C-h", "8 is C-h");
	is_str(keycode_name(0, buf), "C-Space", "0 is C-Space");
	is_str(keycode_name(28, buf), "C-\\", "28 is C-\\");
	is_str(keycode_name(31, buf), "C-_", "31 is C-_");
	is_str(keycode_name(9, buf), "Tab", "9 is Tab");
	is_str(keycode_name(13, buf), "Enter", "13 is Enter");
	is_str(keycode_name(27, buf), "Esc", "27 is Esc");
	is_str(keycode_name(127, buf), "Backspace", "127 is Backspace");
	is_str(keycode_name(KEYCODE_PGUP, buf), "PgUp", "PgUp");
	is_str(keycode_name(KEYCODE_PGDN, buf), "PgDn", "PgDn");
	is_str(keycode_name(KEYCODE_DELETE, buf), "Delete", "Delete");
	is_str(keycode_name(KEYCODE_BTAB, buf), "BTab", "BTab");
	is_str(keycode_name(KEYCODE_F(1), buf), "F1", "F1");
	is_str(keycode_name(KEYCODE_F(12), buf), "F12", "F12");
	is_str(keycode_name(KEYCODE_META | 'v', buf), "M-v", "M-v");
	is_str(keycode_name(KEYCODE_META | '<', buf), "M-<", "M-<");
	is_str(keycode_name(KEYCODE_META | 14, buf), "M-C-n", "M-C-n");
	is_str(keycode_name(KEYCODE_META | KEYCODE_BACKSPACE, buf),
	    "M-Backspace", "M-Backspace fits");
	is_str(keycode_name(KEYCODE_META | KEYCODE_UP, buf), "M-Up", "M-Up");
	is_str(keycode_name(10, buf), "U+000A", "10 is not a key");
	is_str(keycode_name(-1, buf), "<invalid>", "-1 is not a key");

	is_int(keycode_parse("C-X"), 24, "C-X is C-x");
	is_int(keycode_parse("^X"), 24, "^X is C-x");
	is_int(keycode_parse("^x"), 24, "^x is C-x");
	is_int(keycode_parse("^@"), 0, "^@ is C-Space");
	is_int(keycode_parse("C-@"), 0, "C-@ is C-Space");
	is_int(keycode_parse("C-["), 27, "C-[ is Esc");
	is_int(keycode_parse("^?"), 127, "^? is Backspace");
	is_int(keycode_parse("C-i"), 9, "C-i is Tab");
	is_int(keycode_parse("C-m"), 13, "C-m is Enter");
	is_int(keycode_parse("C-j"), 13, "C-j is Enter too");
	is_int(keycode_parse("C-h"), 8, "C-h is 8, not Backspace");
	is_int(keycode_parse("^"), '^', "^ alone is a character");
	is_int(keycode_parse("-"), '-', "- is a character");
	is_int(keycode_parse("M--"), KEYCODE_META | '-', "M-- is M- and -");
	is_int(keycode_parse("PageUp"), KEYCODE_PGUP, "PageUp");
	is_int(keycode_parse("PageDown"), KEYCODE_PGDN, "PageDown");
	is_int(keycode_parse("pgdn"), KEYCODE_PGDN, "pgdn, any case");
	is_int(keycode_parse("Del"), KEYCODE_DELETE, "Del");
	is_int(keycode_parse("S-Tab"), KEYCODE_BTAB, "S-Tab");
	is_int(keycode_parse("ESC"), KEYCODE_ESC, "ESC");
	is_int(keycode_parse("Return"), KEYCODE_ENTER, "Return");
	is_int(keycode_parse("f5"), KEYCODE_F(5), "f5");
	is_int(keycode_parse("C-M-n"), KEYCODE_META | 14, "C-M-n is M-C-n");
	is_int(keycode_parse("M-C-n"), KEYCODE_META | 14, "M-C-n");
	is_int(keycode_parse("M-Space"), KEYCODE_META | ' ', "M-Space");
	is_int(keycode_parse("U+E9"), 0xe9, "U+E9");
	is_int(keycode_parse("u+00e9"), 0xe9, "u+00e9");
	is_int(keycode_parse("\xc3\xa9"), 0xe9, "UTF-8 e-acute");
	is_int(keycode_parse("\xf0\x9f\x98\x80"), 0x1f600, "an emoji key");

	is_int(keycode_parse(""), -1, "'' is no key");
	is_int(keycode_parse("C-"), -1, "C- is no key");
	is_int(keycode_parse("M-"), -1, "M- is no key");
	is_int(keycode_parse("M-M-x"), -1, "M-M-x is no key");
	is_int(keycode_parse("jj"), -1, "jj is no key");
	is_int(keycode_parse("C-1"), -1, "C-1 is no key");
	is_int(keycode_parse("F0"), -1, "F0 is no key");
	is_int(keycode_parse("F13"), -1, "F13 is no key");
	is_int(keycode_parse("F01"), -1, "F01 is no key");
	is_int(keycode_parse("U+D800"), -1, "a surrogate is no key");
	is_int(keycode_parse("U+110000"), -1, "U+110000 is no key");
	is_int(keycode_parse("U+000A"), -1, "U+000A is no key");
	is_int(keycode_parse("U+"), -1, "U+ is no key");
	is_int(keycode_parse("e\xcc\x81"), -1, "two code points are no key");
	is_int(keycode_parse("\xff"), -1, "invalid UTF-8 is no key");
	is_int(keycode_parse("\t"), -1, "a raw tab is no key");
	is_int(keycode_parse("Foo"), -1, "Foo is no key");

	ok(!keycode_valid(10), "10 is invalid");
	ok(!keycode_valid(0xdc00), "surrogates are invalid");
	ok(!keycode_valid(KEYCODE_SPECIAL_END), "past the specials: invalid");
	ok(!keycode_valid(0x110000 | KEYCODE_META | (KEYCODE_META << 1)),
	    "high bits: invalid");
	ok(keycode_valid(KEYCODE_META | KEYCODE_F(3)), "M-F3 is valid");
}

/* ---------------------------------------------------------------------- */

static bool
is_prefix(const struct keymap_binding *a, const struct keymap_binding *b)
{
	return a->nkeys <= b->nkeys &&
	    memcmp(a->keys, b->keys, a->nkeys * sizeof a->keys[0]) == 0;
}

static void
test_shipped(void)
{
	const struct keymap_binding	*b, *c;
	struct keymap			*km;
	struct keymap_match		 m;
	enum keymap_status		 s, before;
	char				 buf[256], seq[KEYMAP_SEQ_NAME_MAX];
	size_t				 k, i, j, n;
	int				 a, missing, unreachable, shadowed;

	is_int(keymap_builtin_count, 3, "three shipped keymaps");
	is_str(keymap_builtins[0].name, "default", "default comes first");
	for (k = 0; k < keymap_builtin_count; k++) {
		const char *name = keymap_builtins[k].name;

		km = must_load(name);
		missing = unreachable = shadowed = 0;
		for (a = 0; a < ACTION_COUNT; a++) {
			if (keymap_keys_for(km, a, buf, sizeof buf) == 0) {
				printf("#   %s: %s is not bound\n", name,
				    action_name(a));
				missing++;
			}
		}
		is_int(missing, 0, "%s: every action is bound", name);

		/* Every binding is reachable by typing it. */
		n = 0;
		for (i = 0; (b = keymap_binding(km, i)) != NULL; i++) {
			keymap_seq_name(b->keys, b->nkeys, seq, sizeof seq);
			s = feed(km, seq, &m, &before);
			if (s != KEYMAP_MATCH || before != KEYMAP_PENDING ||
			    m.action != b->action || m.count != 0) {
				printf("#   %s: '%s' does not reach %s\n", name,
				    seq, action_name(b->action));
				unreachable++;
			}
			n++;
		}
		is_int(unreachable, 0, "%s: all %zu bindings are reachable",
		    name, n);

		/* No binding is a prefix of another (or equal to it). */
		for (i = 0; (b = keymap_binding(km, i)) != NULL; i++)
			for (j = 0; (c = keymap_binding(km, j)) != NULL; j++)
				if (i != j && is_prefix(b, c))
					shadowed++;
		is_int(shadowed, 0, "%s: no binding shadows another", name);

		keymap_keys_for(km, ACTION_CANCEL, buf, sizeof buf);
		ok(strstr(buf, "Esc") != NULL, "%s: Esc cancels (%s)", name,
		    buf);
		keymap_free(km);
	}
}

/* The shipped files on disk and their compiled-in copies agree. */
static void
test_builtin_current(void)
{
	const struct keymap_binding	*b, *c;
	struct keymap			*disk, *mem;
	const char			*srcdir = getenv("srcdir");
	char				 path[1024];
	size_t				 k, i;
	int				 diff;

	for (k = 0; k < keymap_builtin_count; k++) {
		if (srcdir == NULL) {
			skip("srcdir unset: %s.keys not compared",
			    keymap_builtins[k].name);
			continue;
		}
		snprintf(path, sizeof path, "%s/keymaps/%s.keys", srcdir,
		    keymap_builtins[k].name);
		disk = must_load(path);
		mem = must_load(keymap_builtins[k].name);
		diff = 0;
		for (i = 0; (b = keymap_binding(disk, i)) != NULL; i++) {
			c = keymap_binding(mem, i);
			if (c == NULL || c->nkeys != b->nkeys ||
			    c->action != b->action || c->line != b->line ||
			    memcmp(c->keys, b->keys, b->nkeys * sizeof b->keys[0]))
				diff++;
		}
		if (keymap_binding(mem, i) != NULL)
			diff++;
		is_int(diff, 0, "%s: compiled-in copy is up to date",
		    keymap_builtins[k].name);
		keymap_free(disk);
		keymap_free(mem);
	}
}

static void
test_default(void)
{
	struct keymap		*km = must_load("default");
	struct keymap_match	 m;
	char			 buf[64];

	is_match(km, "default", "?", "help", 0);
	is_match(km, "default", "\\", "search-backward", 0);
	is_match(km, "default", "/", "search-forward", 0);
	is_match(km, "default", "n", "search-next", 0);
	is_match(km, "default", "N", "search-previous", 0);
	is_match(km, "default", "Space", "page-down", 0);
	is_match(km, "default", "Tab", "next-change", 0);
	is_match(km, "default", "BTab", "previous-change", 0);
	is_match(km, "default", "}", "next-substantive-change", 0);
	is_match(km, "default", "g", "top", 0);
	is_match(km, "default", "q", "quit", 0);
	is_match(km, "default", "Esc", "cancel", 0);
	is_int(feed(km, "5", &m, NULL), KEYMAP_NONE,
	    "default: counts off, 5 is an unbound key");
	is_int(keymap_timeout(km), 1000, "default: timeout 1000 by default");
	is_str(keymap_name(km), "default", "keymap_name");

	is_int(keymap_keys_for(km, ACTION_HELP, buf, sizeof buf), 3,
	    "default: three keys for help");
	is_str(buf, "?, h, F1", "default: in the order of the file");
	is_int(keymap_keys_for(km, ACTION_HELP, buf, 9), 3,
	    "keys_for: all fit in 9 bytes");
	is_str(buf, "?, h, F1", "keys_for: size 9");
	is_int(keymap_keys_for(km, ACTION_HELP, buf, 8), 3,
	    "keys_for counts what does not fit");
	is_str(buf, "?, h", "keys_for keeps whole entries (size 8)");
	keymap_keys_for(km, ACTION_HELP, buf, 2);
	is_str(buf, "?", "keys_for keeps whole entries (size 2)");
	keymap_keys_for(km, ACTION_HELP, buf, 1);
	is_str(buf, "", "keys_for with room for nothing");
	is_str(keymap_first_key(km, ACTION_HELP, buf, sizeof buf), "?",
	    "first_key: the first of three");
	is_str(keymap_first_key(km, ACTION_HELP, buf, 1), "",
	    "first_key with room for nothing");
	is_int(keymap_keys_for(km, ACTION_SCROLL_DOWN, buf, sizeof buf), 2,
	    "default: two keys scroll down");
	is_str(buf, "Down, j", "default: Down and j scroll down");
	is_match(km, "default", "Enter", "select", 0);
	keymap_free(km);
}

static void
test_vi(void)
{
	struct keymap		*km = must_load("vi");
	struct keymap_state	 st = { .count = 0 };
	struct keymap_match	 m = { -1, -1 };
	char			 buf[64];
	int			 i;

	/* g g, step by step */
	is_int(keymap_feed(km, &st, 'g', &m), KEYMAP_PENDING, "vi: g pends");
	is_str(keymap_pending_text(&st, buf, sizeof buf), "g",
	    "vi: pending text g");
	is_int(keymap_feed(km, &st, 'g', &m), KEYMAP_MATCH, "vi: g g matches");
	is_int(m.action, ACTION_TOP, "vi: g g is top");
	is_int(m.count, 0, "vi: with no count");
	is_int(st.nkeys, 0, "vi: state empty after a match");
	is_str(keymap_pending_text(&st, buf, sizeof buf), "",
	    "vi: nothing pending after a match");

	/* counts */
	is_int(keymap_feed(km, &st, '5', &m), KEYMAP_PENDING, "vi: 5 pends");
	is_str(keymap_pending_text(&st, buf, sizeof buf), "5",
	    "vi: pending text 5");
	is_int(keymap_feed(km, &st, 'g', &m), KEYMAP_PENDING,
	    "vi: 5 g pends");
	is_str(keymap_pending_text(&st, buf, sizeof buf), "5 g",
	    "vi: pending text 5 g");
	keymap_reset(&st);
	is_str(keymap_pending_text(&st, buf, sizeof buf), "",
	    "vi: reset (the timeout) empties the state");

	is_match(km, "vi", "5 j", "scroll-down", 5);
	is_match(km, "vi", "1 0 j", "scroll-down", 10);
	is_match(km, "vi", "5 g g", "top", 5);
	is_match(km, "vi", "3 ] c", "next-change", 3);
	is_match(km, "vi", "2 0 0 G", "bottom", 200);
	is_int(feed(km, "0", &m, NULL), KEYMAP_NONE,
	    "vi: 0 alone is a key, unbound");
	is_int(feed(km, "g 5", &m, NULL), KEYMAP_NONE,
	    "vi: a digit inside a sequence is a key");
	is_int(feed(km, "5 x", &m, NULL), KEYMAP_NONE,
	    "vi: a count then an unbound key");
	for (i = 0; i < 12; i++)
		keymap_feed(km, &st, '9', &m);
	is_int(keymap_feed(km, &st, 'j', &m), KEYMAP_MATCH, "vi: 12 nines j");
	is_int(m.count, KEYMAP_COUNT_MAX, "vi: counts saturate");

	is_match(km, "vi", "Z Z", "quit", 0);
	is_match(km, "vi", "z o", "open-fold", 0);
	is_match(km, "vi", "z c", "close-fold", 0);
	is_match(km, "vi", "[ c", "previous-change", 0);
	is_match(km, "vi", "C-d", "half-page-down", 0);
	is_match(km, "vi", "C-u", "half-page-up", 0);
	is_match(km, "vi", ":", "goto", 0);
	is_match(km, "vi", "?", "search-backward", 0);
	is_match(km, "vi", "C-l", "redraw", 0);

	/* dead ends */
	keymap_feed(km, &st, 'g', &m);
	is_int(keymap_feed(km, &st, 'x', &m), KEYMAP_NONE, "vi: g x is none");
	is_int(st.nkeys, 0, "vi: and the state is reset");
	is_match(km, "vi", "g Esc", "cancel", 0);
	is_match(km, "vi", "4 Esc", "cancel", 4);
	is_int(keymap_timeout(km), 1000, "vi: timeout 1000");

	is_int(keymap_keys_for(km, ACTION_TOP, buf, sizeof buf), 2,
	    "vi: two keys for top");
	is_str(buf, "g g, Home", "vi: sequences shown as 'g g'");
	keymap_free(km);
}

static void
test_emacs(void)
{
	struct keymap		*km = must_load("emacs");
	struct keymap_state	 st = { .count = 0 };
	struct keymap_match	 m = { -1, -1 };
	char			 buf[64];

	is_match(km, "emacs", "C-g", "cancel", 0);
	is_match(km, "emacs", "C-x C-g", "cancel", 0);
	is_match(km, "emacs", "C-x C-c", "quit", 0);
	is_match(km, "emacs", "M-<", "top", 0);
	is_match(km, "emacs", "M->", "bottom", 0);
	is_match(km, "emacs", "C-v", "page-down", 0);
	is_match(km, "emacs", "M-v", "page-up", 0);
	is_match(km, "emacs", "C-s", "search-forward", 0);
	is_match(km, "emacs", "C-r", "search-backward", 0);
	is_match(km, "emacs", "M-g M-g", "goto", 0);
	is_match(km, "emacs", "C-n", "scroll-down", 0);
	is_match(km, "emacs", "C-h", "help", 0);
	is_match(km, "emacs", "Enter", "select", 0);
	is_int(feed(km, "Backspace", &m, NULL), KEYMAP_MATCH,
	    "emacs: Backspace is not C-h");
	is_int(m.action, ACTION_PAGE_UP, "emacs: Backspace pages up");
	is_int(feed(km, "5", &m, NULL), KEYMAP_NONE,
	    "emacs: counts off, 5 is an unbound key");

	keymap_feed(km, &st, KEYCODE_CTRL('x'), &m);
	is_str(keymap_pending_text(&st, buf, sizeof buf), "C-x",
	    "emacs: pending text C-x");
	is_int(keymap_feed(km, &st, 'z', &m), KEYMAP_NONE,
	    "emacs: C-x z is none");

	keymap_keys_for(km, ACTION_QUIT, buf, sizeof buf);
	is_str(buf, "C-x C-c, q", "emacs: keys for quit");
	keymap_free(km);
}

/* ---------------------------------------------------------------------- */

static void
test_errors(void)
{
	char	 sub[512], big[64];
	int	 i;

	put("unknown-action.keys", "# a comment\nbind j frobnicate\n");
	is_str(load_error(at("@/unknown-action.keys")),
	    at("@/unknown-action.keys:2: unknown action 'frobnicate'"),
	    "unknown action");
	put("unknown-key.keys", "\nbind Foo top\n");
	is_str(load_error(at("@/unknown-key.keys")),
	    at("@/unknown-key.keys:2: unknown key 'Foo'"), "unknown key");
	put("unknown-key2.keys", "bind g jj top\n");
	is_str(load_error(at("@/unknown-key2.keys")),
	    at("@/unknown-key2.keys:1: unknown key 'jj'"),
	    "unknown key in a sequence");
	put("no-action.keys", "bind j\n");
	is_str(load_error(at("@/no-action.keys")),
	    at("@/no-action.keys:1: usage: bind KEY... ACTION"),
	    "bind without an action");
	put("bad-directive.keys", "bind j top\nbnid k bottom\n");
	is_str(load_error(at("@/bad-directive.keys")),
	    at("@/bad-directive.keys:2: unknown directive 'bnid'"),
	    "unknown directive");
	put("unbind.keys", "unbind\n");
	is_str(load_error(at("@/unbind.keys")),
	    at("@/unbind.keys:1: usage: unbind KEY..."), "unbind alone");
	put("include-two.keys", "include vi emacs\n");
	is_str(load_error(at("@/include-two.keys")),
	    at("@/include-two.keys:1: usage: include NAME"),
	    "include with two names");
	put("set.keys", "set timeout\n");
	is_str(load_error(at("@/set.keys")),
	    at("@/set.keys:1: usage: set timeout MS, set counts on|off"),
	    "set without a value");
	put("timeout.keys", "set timeout 1s\n");
	is_str(load_error(at("@/timeout.keys")),
	    at("@/timeout.keys:1: timeout '1s' is not 0 to 60000 "
	    "milliseconds"), "bad timeout");
	put("timeout2.keys", "set timeout 60001\n");
	is_str(load_error(at("@/timeout2.keys")),
	    at("@/timeout2.keys:1: timeout '60001' is not 0 to 60000 "
	    "milliseconds"), "timeout too long");
	put("counts.keys", "set counts yes\n");
	is_str(load_error(at("@/counts.keys")),
	    at("@/counts.keys:1: counts 'yes' is not on or off"),
	    "bad counts");
	put("setting.keys", "set colour red\n");
	is_str(load_error(at("@/setting.keys")),
	    at("@/setting.keys:1: unknown setting 'colour'"),
	    "unknown setting");
	put("long.keys", "bind a b c d e f g h i top\n");
	is_str(load_error(at("@/long.keys")),
	    at("@/long.keys:1: a key sequence has at most 8 keys"),
	    "sequence too long");
	put("eight.keys", "bind a b c d e f g h top\n");
	is_str(load_error(at("@/eight.keys")), "(loaded)",
	    "8 keys are fine");

	/* shadowing in one file */
	put("twice.keys", "# x\n\nbind j scroll-down\n\nbind j scroll-up\n");
	is_str(load_error(at("@/twice.keys")),
	    at("@/twice.keys:5: 'j' is already bound at line 3"),
	    "a key bound twice");
	put("twice2.keys", "bind g g top\nbind g g bottom\n");
	is_str(load_error(at("@/twice2.keys")),
	    at("@/twice2.keys:2: 'g g' is already bound at line 1"),
	    "a sequence bound twice");
	put("prefix.keys", "bind g g top\nbind k scroll-up\nbind g bottom\n");
	is_str(load_error(at("@/prefix.keys")),
	    at("@/prefix.keys:3: 'g' makes 'g g', bound at line 1, "
	    "unreachable"), "a key that starts a bound sequence");
	put("prefix2.keys", "bind g bottom\nbind g g top\n");
	is_str(load_error(at("@/prefix2.keys")),
	    at("@/prefix2.keys:2: 'g g' is unreachable: 'g' is bound at "
	    "line 1"), "a sequence that starts with a bound key");
	put("prefix3.keys", "bind C-x C-c quit\nbind C-x help\n");
	is_str(load_error(at("@/prefix3.keys")),
	    at("@/prefix3.keys:2: 'C-x' makes 'C-x C-c', bound at line 1, "
	    "unreachable"), "canonical names in the message");
	put("rebind.keys", "bind j top\nunbind j\nbind j bottom\n");
	is_str(load_error(at("@/rebind.keys")), "(loaded)",
	    "unbind then bind again in one file");

	/* includes */
	put("missing.keys", "# x\ninclude nothere.keys\n");
	is_str(load_error(at("@/missing.keys")),
	    at("@/missing.keys:2: cannot include 'nothere.keys': No such "
	    "file or directory"), "missing include file");
	put("nosuch.keys", "include nosuch\n");
	is_str(load_error(at("@/nosuch.keys")),
	    at("@/nosuch.keys:1: keymap 'nosuch' not found (shipped: "
	    "default, emacs, vi)"), "unknown shipped keymap in include");
	is_str(load_error("nosuch"),
	    "keymap 'nosuch' not found (shipped: default, emacs, vi)",
	    "unknown shipped keymap");
	is_str(load_error(at("@/absent.keys")),
	    at("@/absent.keys: No such file or directory"), "missing file");
	snprintf(sub, sizeof sub, "%s/sub", tmpdir);
	mkdir(sub, 0700);
	put("dir.keys", "include sub/\n");
	is_str(load_error(at("@/dir.keys")),
	    at("@/dir.keys:1: cannot include 'sub/': is a directory"),
	    "include of a directory");
	put("loop-a.keys", "include loop-b.keys\n");
	put("loop-b.keys", "bind j top\ninclude loop-a.keys\n");
	is_str(load_error(at("@/loop-a.keys")),
	    at("@/loop-b.keys:2: include loop: 'loop-a.keys' is already "
	    "being read"), "include loop");
	put("self.keys", "include ./self.keys\n");
	is_str(load_error(at("@/self.keys")),
	    at("@/self.keys:1: include loop: './self.keys' is already "
	    "being read"), "a file including itself");
	put("bad-child.keys", "bind x top\n\nbind Hyper-x top\n");
	put("bad-parent.keys", "include bad-child.keys\n");
	is_str(load_error(at("@/bad-parent.keys")),
	    at("@/bad-child.keys:3: unknown key 'Hyper-x'"),
	    "errors name the included file and its line");
	put("sub/c.keys", "include d.keys\nbind x quit\n");
	put("sub/d.keys", "bind y quit\n");
	put("relative.keys", "include sub/c.keys\n");
	is_str(load_error(at("@/relative.keys")), "(loaded)",
	    "relative includes are read from the including file's directory");
	put("binary.keys", "bind j top\n");
	{
		FILE *fp = fopen(at("@/binary.keys"), "a");

		fputc('\0', fp);
		fclose(fp);
	}
	is_str(load_error(at("@/binary.keys")), at("@/binary.keys: binary file"),
	    "a NUL byte");

	/* a long path does not overflow the message */
	for (i = 0; i < 40; i++)
		big[i] = 'x';
	strcpy(big + 40, ".keys");
	put(big, "bind j nope\n");
	snprintf(sub, sizeof sub, "%s/%s", tmpdir, big);
	ok(strstr(load_error(sub), "unknown action 'nope'") != NULL,
	    "long file names");

	/*
	 * Includes nest at most KEYMAP_INCLUDE_MAX deep (issue 19.6: a chain
	 * of 8,000 overflowed the stack): chain-N.keys includes chain-N+1.
	 */
	for (i = 0; i <= KEYMAP_INCLUDE_MAX; i++) {
		char name[600];
		FILE *fp;

		snprintf(name, sizeof name, "%s/chain-%d.keys", tmpdir, i);
		if ((fp = fopen(name, "w")) == NULL)
			exit(99);
		if (i < KEYMAP_INCLUDE_MAX)
			fprintf(fp, "# link %d\ninclude chain-%d.keys\n", i,
				i + 1);
		else
			fprintf(fp, "bind j top\n");
		fclose(fp);
	}
	is_str(load_error(at("@/chain-1.keys")), "(loaded)",
	    "includes %d deep load", KEYMAP_INCLUDE_MAX);
	snprintf(sub, sizeof sub, "%s/chain-%d.keys:2: includes nested more "
	    "than %d deep", tmpdir, KEYMAP_INCLUDE_MAX - 1, KEYMAP_INCLUDE_MAX);
	is_str(load_error(at("@/chain-0.keys")), sub,
	    "one more is refused, at the include line");

	/* Configuration files are regular files, read up to a cap. */
	is_str(load_error("/dev/zero"), "/dev/zero: not a regular file",
	    "/dev/zero is refused without reading it");
	snprintf(sub, sizeof sub, "%s/fifo.keys", tmpdir);
	if (mkfifo(sub, 0600) == 0) {
		char want[600];

		snprintf(want, sizeof want, "%s: not a regular file", sub);
		is_str(load_error(sub), want,
		    "a FIFO is refused without waiting for a writer");
	} else
		skip("mkfifo: %s", strerror(errno));
	put("include-zero.keys", "include /dev/zero\n");
	is_str(load_error(at("@/include-zero.keys")),
	    at("@/include-zero.keys:1: cannot include '/dev/zero': not a "
	    "regular file"), "so is an include of /dev/zero");
	{
		FILE *fp = fopen(at("@/huge.keys"), "w");

		if (fp == NULL || fseek(fp, (long)FILE_CONFIG_MAX, SEEK_SET) ||
		    fputs("\n", fp) == EOF)
			exit(99);
		fclose(fp);
		is_str(load_error(at("@/huge.keys")),
		    at("@/huge.keys: file too large"),
		    "a keymap over FILE_CONFIG_MAX bytes is refused");
	}
}

static void
test_user(void)
{
	const struct keymap_binding	*b;
	struct keymap			*km;
	struct keymap_match		 m;
	char				 buf[128], path[512];
	size_t				 i;

	/* include vi and rebind one key */
	put("user.keys", "include vi\nbind j next-change\n");
	km = must_load(at("@/user.keys"));
	is_match(km, "user", "j", "next-change", 0);
	is_match(km, "user", "k", "scroll-up", 0);
	is_match(km, "user", "g g", "top", 0);
	is_match(km, "user", "] c", "next-change", 0);
	is_match(km, "user", "Z Z", "quit", 0);
	is_match(km, "user", "5 j", "next-change", 5);
	is_match(km, "user", "C-e", "scroll-down", 0);
	keymap_keys_for(km, ACTION_NEXT_CHANGE, buf, sizeof buf);
	is_str(buf, "] c, j", "user: keys for next-change, in binding order");
	keymap_keys_for(km, ACTION_SCROLL_DOWN, buf, sizeof buf);
	is_str(buf, "Down, C-e, C-n", "user: j no longer scrolls");
	for (i = 0; (b = keymap_binding(km, i)) != NULL; i++)
		if (b->nkeys == 1 && b->keys[0] == 'j')
			break;
	ok(b != NULL && strcmp(b->file, at("@/user.keys")) == 0 &&
	    b->line == 2, "user: the binding of j says where it was made");
	for (i = 0; (b = keymap_binding(km, i)) != NULL; i++)
		if (b->nkeys == 1 && b->keys[0] == 'k')
			break;
	ok(b != NULL && strcmp(b->file, "vi.keys") == 0,
	    "user: k comes from vi.keys");
	is_int(keymap_timeout(km), 1000, "user: vi's timeout");
	keymap_free(km);

	/* overriding a sequence's first key drops the sequence */
	put("user-g.keys", "include vi\nbind g bottom\n");
	km = must_load(at("@/user-g.keys"));
	is_match(km, "user-g", "g", "bottom", 0);
	keymap_keys_for(km, ACTION_HELP, buf, sizeof buf);
	is_str(buf, "F1", "user-g: g h went with g g");
	keymap_keys_for(km, ACTION_TOP, buf, sizeof buf);
	is_str(buf, "Home", "user-g: g g is gone");
	keymap_free(km);

	/* and a sequence overrides a single key */
	put("user-gg.keys", "include default\nbind g g top\n");
	km = must_load(at("@/user-gg.keys"));
	is_int(feed(km, "g", &m, NULL), KEYMAP_PENDING,
	    "user-gg: g now pends");
	is_match(km, "user-gg", "g g", "top", 0);
	keymap_free(km);

	/* unbind, settings */
	put("user-z.keys", "include vi\nunbind Z\nset timeout 250\n"
	    "set counts off\n");
	km = must_load(at("@/user-z.keys"));
	is_int(feed(km, "Z", &m, NULL), KEYMAP_NONE, "user-z: Z unbound");
	keymap_keys_for(km, ACTION_QUIT, buf, sizeof buf);
	is_str(buf, "q, C-c", "user-z: Z Z and Z Q are gone");
	is_int(keymap_timeout(km), 250, "user-z: timeout parsed");
	is_int(feed(km, "5", &m, NULL), KEYMAP_NONE, "user-z: counts off");
	keymap_free(km);

	put("zero.keys", "set timeout 0\nbind q quit\n");
	km = must_load(at("@/zero.keys"));
	is_int(keymap_timeout(km), 0, "timeout 0");
	keymap_free(km);

	/* counts and bound digits: the binding wins */
	put("digit.keys", "set counts on\nbind 1 top\nbind j scroll-down\n"
	    "bind 0 bottom\n");
	km = must_load(at("@/digit.keys"));
	is_match(km, "digit", "1", "top", 0);
	is_match(km, "digit", "2 1 j", "scroll-down", 21);
	is_match(km, "digit", "0", "bottom", 0);
	is_match(km, "digit", "2 0 j", "scroll-down", 20);
	keymap_free(km);

	/* blanks, CRLF, a byte order mark, '#' as a key */
	put("crlf.keys", "\xef\xbb\xbf# x\r\n   # indented\r\n\tbind\tx\tquit"
	    "\r\n\r\nbind # top\r\nbind \xc3\xa9 bottom");
	km = must_load(at("@/crlf.keys"));
	is_match(km, "crlf", "x", "quit", 0);
	is_match(km, "crlf", "#", "top", 0);
	is_match(km, "crlf", "\xc3\xa9", "bottom", 0);
	keymap_free(km);

	/* ~/ is $HOME */
	put("home.keys", "bind w quit\n");
	put("tilde.keys", "include ~/home.keys\n");
	setenv("HOME", tmpdir, 1);
	km = must_load(at("@/tilde.keys"));
	is_match(km, "tilde", "w", "quit", 0);
	keymap_free(km);

	/* a shipped keymap can be named with its path */
	snprintf(path, sizeof path, "%s/relative.keys", tmpdir);
	km = must_load(path);
	is_match(km, "relative", "x", "quit", 0);
	is_match(km, "relative", "y", "quit", 0);
	keymap_free(km);
}

/* Remove the fixtures, even after a bail-out. */
static void
cleanup(void)
{
	char	sub[600];
	size_t	i;

	for (i = 0; i < nmade; i++)
		unlink(made[i]);
	snprintf(sub, sizeof sub, "%s/sub", tmpdir);
	rmdir(sub);
	rmdir(tmpdir);
}

int
main(void)
{
	const char	*t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof tmpdir, "%s/test-keymap.XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp");
	if (mkdtemp(tmpdir) == NULL) {
		perror(tmpdir);
		return 99;
	}
	atexit(cleanup);

	test_names();
	test_shipped();
	test_builtin_current();
	test_default();
	test_vi();
	test_emacs();
	test_errors();
	test_user();
	return done_testing();
}
