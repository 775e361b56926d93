/*
 * checks-browse.c — the browser's fuzzer (fuzz-browse), without a
 * terminal: bytes as keys, typed prompts, resizes and mouse events on a
 * browser over a fixed session, on the stub screen of screen-stub.c.
 *
 * The input: [flags] events...  flags bit 0 the emacs keymap (whose
 * search runs as typed) else the default one, (flags >> 1) % 3 the
 * versions: samples 1, 3 and 5; samples 1 and 4; a hostile pair
 * (controls, bidi, wide and combining characters, invalid UTF-8, a long
 * line); bit 3 nothing counted ahead (the lazy layout's estimates).
 * While a prompt is open a byte is a key of the prompt (a letter, a
 * digit, "%", "r", Enter, Backspace, Escape, C-g, C-s, C-r, C-u); else
 * 0x00-0xbf an action (its index among those allowed: all but quitting,
 * editing, copying and writing a report), 0xc0-0xdf a resize to the
 * next two bytes' size (20-200 x 5-60), 0xe0-0xfe a mouse event at the
 * next two bytes' place, 0xff some idle counting.
 *
 * After every event, the browser drawn: its text is safe for a terminal;
 * on the versions' screen the top row is inside the view and the current
 * change, if any, on the screen (test-browse's properties).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "boiler.h"
#include "browse.h"
#include "checks.h"
#include "equiv.h"
#include "keycode.h"
#include "xalloc.h"

#ifndef FUZZ_SAMPLES
#define FUZZ_SAMPLES "samples"
#endif

static const int prompt_keys[] = {
	'a', 'e', 'i', 'n', 'o', 'r', 's', 't', 'u', 'I', ' ', '.', '%',
	'0', '1', '2', '5', '9', KEYCODE_ENTER, KEYCODE_BACKSPACE,
	KEYCODE_ESC, KEYCODE_CTRL('g'), KEYCODE_CTRL('s'), KEYCODE_CTRL('r'),
	KEYCODE_CTRL('u'), KEYCODE_CTRL('h'),
};

/* Actions that leave the browser or the process alone. */
static bool
allowed(int a)
{
	return a != ACTION_QUIT && a != ACTION_EDIT_LEFT &&
		a != ACTION_EDIT_RIGHT && a != ACTION_COPY_PASSAGE &&
		a != ACTION_COPY_CHANGE && a != ACTION_WRITE_REPORT;
}

static struct session *sessions[3];
static struct keymap *keymaps[2];
static int actions[ACTION_COUNT], nactions;

static struct text *
sample(const char *name)
{
	struct text_opts to = { 0 };
	struct vs_error err;
	char path[4096];
	struct text *t;
	const char *dir = getenv("FUZZ_SAMPLES"), *src = getenv("srcdir");

	/* make check's srcdir, else the source tree's at build time. */
	if (dir != NULL)
		snprintf(path, sizeof path, "%s/%s.txt", dir, name);
	else if (src != NULL && *src != '\0')
		snprintf(path, sizeof path, "%s/samples/%s.txt", src, name);
	else
		snprintf(path, sizeof path, "%s/%s.txt", FUZZ_SAMPLES, name);
	t = text_load(path, &to, &err);
	if (t == NULL) {
		fprintf(stderr, "fuzz-browse: %s\n", err.msg);
		abort();
	}
	return t;
}

static struct text *
bytes(const char *name, const char *s)
{
	struct text_opts to = { 0 };
	struct vs_error err;

	to.allow_binary = true;
	return text_from_bytes(name, s, strlen(s), &to, &err);
}

static void
setup(void)
{
	static const struct equiv *eq;
	static struct boiler *bp;
	struct session_opts so = { 0 };
	struct text *t[3];
	struct vs_error err;
	char word[7 * 300 + 1];
	int a, i;

	if (nactions > 0)
		return;
	/* Reviewed marks for the run only: nothing written anywhere. */
	unsetenv("HOME");
	unsetenv("XDG_STATE_HOME");
	eq = equiv_new_builtin();
	bp = boiler_new_builtin();
	so.eq = eq;
	so.bp = bp;
	t[0] = sample("1-wire");
	t[1] = sample("3-corrected");
	t[2] = sample("5-summary");
	sessions[0] = session_new(t, 3, &so);
	t[0] = sample("1-wire");
	t[1] = sample("4-rewrite");
	sessions[1] = session_new(t, 2, &so);
	for (i = 0; i < 300; i++)
		memcpy(word + 7 * i, "word's ", 7);
	word[7 * 300] = '\0';
	t[0] = bytes("h1", "Caf\351 \033[31mred\033[0m \342\200\256evil\n\n"
		     "A wide \344\270\255\346\226\207 word and e\314\201.\n\n");
	t[1] = bytes("h2", "Caf\303\251 red \342\200\256evil\n\nA wide "
		     "\344\270\255\346\226\207 word.\n\nNew\tparagraph \302\233"
		     " here.\n");
	{
		/* h1 with a long paragraph after it. */
		size_t n = t[0]->raw_len;
		char *s = xmalloc(n + sizeof word + 2);

		memcpy(s, t[0]->raw, n);
		memcpy(s + n, word, strlen(word) + 1);
		text_free(t[0]);
		t[0] = bytes("h1", s);
		free(s);
	}
	sessions[2] = session_new(t, 2, &so);
	keymaps[0] = keymap_load("default", &err);
	keymaps[1] = keymap_load("emacs", &err);
	if (keymaps[0] == NULL || keymaps[1] == NULL)
		abort();
	for (a = 0; a < ACTION_COUNT; a++)
		if (allowed(a))
			actions[nactions++] = a;
}

/* Is any row of block k on the screen (test-browse's block_shown)? */
static bool
block_shown(const struct browser *b, uint32_t k)
{
	size_t rows = (size_t)browse_text_rows();
	size_t v0 = view_block_row(&b->view, k), v1 = v0;

	if (!b->view.hide[k] && b->view.rows[k] > 0)
		v1 = v0 + b->view.rows[k] - 1;
	return v1 >= b->top && v0 < b->top + rows;
}

/* The properties after an event (test-browse's, and safe text). */
static int
check(struct browser *b, size_t ev, const char *what)
{
	size_t rows = (size_t)browse_text_rows(), n;
	const char *bad = fuzz_screen_unsafe();

	if (bad != NULL)
		return fuzz_fail("event %zu (%s): %s", ev, what, bad);
	if (b->screen != SCREEN_DIFF || b->r == NULL)
		return 0;
	n = view_count(&b->view);
	if (b->top > 0 && b->top + rows > n)
		return fuzz_fail("event %zu (%s): top %zu past the end (%zu "
				 "view rows, %zu on screen)", ev, what, b->top,
				 n, rows);
	if (b->cur >= 0 && (size_t)b->cur < b->nchanges) {
		uint32_t k = b->changes[b->cur];
		const struct block *bl = &b->al->block[k];

		if (!block_shown(b, k) && !(bl->move && block_shown(b, bl->twin)))
			return fuzz_fail("event %zu (%s): change %ld (view row "
					 "%zu) is off the screen (top %zu)", ev,
					 what, b->cur + 1,
					 view_block_row(&b->view, k), b->top);
	}
	return 0;
}

int
fuzz_browse_one(const uint8_t *data, size_t size)
{
	struct browser b;
	size_t i = 1, ev = 0;
	int rc = 0;

	setup();
	fuzz_screen_size(100, 30);
	fuzz_screen_reset();
	browse_init(&b, sessions[size ? (data[0] >> 1) % 3 : 0],
		    keymaps[size ? data[0] & 1 : 0]);
	if (size && (data[0] & 8))
		b.count_ahead = 0;
	browse_layout(&b);
	browse_draw(&b);
	while (i < size && rc == 0) {
		uint8_t c = data[i++];
		const char *what;
		int re;

		ev++;
		if (b.prompt != PROMPT_NONE) {
			int key = prompt_keys[c % (sizeof prompt_keys /
						   sizeof prompt_keys[0])];

			what = "a prompt key";
			re = browse_prompt_key(&b, key) | RE_DRAW;
		} else if (c < 0xc0) {
			int a = actions[c % nactions];

			what = action_name(a);
			re = browse_action(&b, a, 0);
		} else if (c < 0xe0) {
			int w = 20 + (i < size ? data[i++] : 0) % 181;
			int h = 5 + (i < size ? data[i++] : 0) % 56;

			what = "a resize";
			fuzz_screen_size(w, h);
			re = RE_LAYOUT;
		} else if (c < 0xff) {
			int y = (i < size ? data[i++] : 0) % screen_rows();
			int x = (i < size ? data[i++] : 0) % screen_cols();

			what = "a mouse event";
			re = browse_mouse(&b, y, x, c % 3);
		} else {
			what = "idle";
			browse_idle(&b, 0.05);
			re = RE_DRAW;
		}
		if (!browse_react(&b, re | RE_DRAW))
			break;
		rc = check(&b, ev, what);
	}
	browse_clear(&b);
	return rc;
}
