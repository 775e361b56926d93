/*
 * help.c — the help screen and --list-actions, both generated from the
 * action registry (action.h) and the loaded keymap: there is no second
 * table of keys anywhere.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "action.h"
#include "browse.h"
#include "screen.h"
#include "width.h"

#define KEY_COLUMN	22

void
help_list_actions(FILE *out, const struct keymap *km)
{
	char keys[256];
	int a;

	for (a = 0; a < ACTION_COUNT; a++) {
		keys[0] = '\0';
		if (km)
			keymap_keys_for(km, a, keys, sizeof keys);
		fprintf(out, "%-28s %-22s %s\n", action_name(a),
			keys[0] ? keys : "-", action_help(a));
	}
}

void
help_draw(struct browser *b)
{
	int rows = browse_text_rows(), w = screen_cols(), y, a;
	char keys[256], title[256], back[128];

	snprintf(title, sizeof title, " versus help \xe2\x80\x94 keymap %s",
		 keymap_name(b->km));
	screen_fill(0, 0, w, ' ', FACE_TITLE_FOCUS);
	screen_put(0, 0, title, strlen(title), FACE_TITLE_FOCUS);
	if (b->help_top > (size_t)ACTION_COUNT)
		b->help_top = ACTION_COUNT;
	for (y = 0, a = (int)b->help_top; y < rows && a < ACTION_COUNT;
	     y++, a++) {
		const char *h = action_help(a);

		keys[0] = '\0';
		keymap_keys_for(b->km, a, keys, sizeof keys);
		screen_put(y + 1, 1, keys, strlen(keys) > (size_t)KEY_COLUMN ?
			   (size_t)KEY_COLUMN : strlen(keys), FACE_KEY);
		if (w > KEY_COLUMN + 3)
			screen_put(y + 1, KEY_COLUMN + 2, h, strlen(h) <
				   (size_t)(w - KEY_COLUMN - 3) ? strlen(h) :
				   (size_t)(w - KEY_COLUMN - 3), FACE_TEXT);
	}
	keymap_keys_for(b->km, ACTION_QUIT, keys, sizeof keys);
	snprintf(back, sizeof back, " %s: back to the versions%s", keys,
		 a < ACTION_COUNT ? "   (more below: scroll down)" : "");
	screen_fill(screen_rows() - 1, 0, w, ' ', FACE_STATUS);
	screen_put(screen_rows() - 1, 0, back, strlen(back), FACE_STATUS);
	screen_cursor(0, -1);
	screen_refresh();
}
