/*
 * loop.c — the browser's main loop: keys in, actions out, screen drawn.
 *
 * A key goes to the prompt when one is open, else through the keymap's
 * lookup (keymap.h), which may wait for the rest of a sequence or a
 * count; after the keymap's timeout a pending sequence is dropped.  An
 * action's reaction flags say whether to lay out again, draw, or quit
 * (browse_react).  While no key comes, the rest of the layout is counted
 * a slice at a time (browse_idle), each slice short enough that a key is
 * never kept waiting.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "browse.h"
#include "screen.h"
#include "xalloc.h"

/*
 * For the tests of terminal restoring (tests/tui/restore.sh): with
 * VERSUS_TEST_FAULT=abort or =oom in the environment, the first key
 * makes the browser fail the way a bug or an exhausted memory would.
 */
static void
test_fault(void)
{
	const char *f = getenv("VERSUS_TEST_FAULT");
	void *p;

	if (f == NULL)
		return;
	if (strcmp(f, "abort") == 0)
		abort();
	if (strcmp(f, "oom") == 0) {
		p = xmalloc(SIZE_MAX - 4096);	/* cannot succeed */
		free(p);
	}
}

/* Work done between two looks for a key while none comes. */
#define IDLE_MS	20

int
browse_run(struct browser *b)
{
	bool pending = false, idle = true;
	/* For the tests (tests/tui/lazy.sh): nothing counted ahead, ever. */
	bool lazy_test = getenv("VERSUS_TEST_LAZY") != NULL;
	int re;

	if (lazy_test)
		b->count_ahead = 0;
	browse_layout(b);
	browse_draw(b);
	for (;;) {
		int wait = pending && keymap_timeout(b->km) > 0 ?
			keymap_timeout(b->km) : idle && !lazy_test ? 0 : -1;
		int key = screen_getkey(wait);
		struct keymap_match m;
		enum keymap_status st;

		re = RE_NONE;
		if (key == SCREEN_TIMEOUT && wait == 0) {
			/* No key: count more of the layout (browse_idle), and
			   show the exact position once it is all counted. */
			int left = browse_idle(b, IDLE_MS);

			idle = left > 0;
			if (left == 0)
				browse_react(b, RE_DRAW);
			continue;
		}
		idle = true;	/* a key may bring a new layout to count */
		if (key == SCREEN_TIMEOUT) {
			if (pending) {
				keymap_reset(&b->ks);
				pending = false;
				re = RE_DRAW;
			}
		} else if (key == SCREEN_RESIZE) {
			re = RE_LAYOUT;
		} else if (key == SCREEN_MOUSE) {
			int row, col;
			enum mouse_kind kind;

			screen_mouse(&row, &col, &kind);
			re = browse_mouse(b, row, col, (int)kind);
		} else if (b->prompt != PROMPT_NONE) {
			b->message[0] = '\0';
			re = browse_prompt_key(b, key) | RE_DRAW;
		} else {
			test_fault();
			b->message[0] = '\0';
			st = keymap_feed(b->km, &b->ks, key, &m);
			pending = st == KEYMAP_PENDING;
			if (st == KEYMAP_MATCH) {
				re = browse_action(b, m.action,
						   (unsigned)m.count);
			} else if (st == KEYMAP_NONE) {
				char name[KEYCODE_NAME_MAX], help[64];

				keymap_keys_for(b->km, ACTION_HELP, help,
						sizeof help);
				browse_message(b, true, "%s is not bound to "
					       "anything (%s: help)",
					       keycode_name(key, name), help);
			}
			re |= RE_DRAW;
		}
		if (!browse_react(b, re))
			return 0;
	}
}
