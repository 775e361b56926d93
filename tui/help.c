/*
 * help.c — the help screen and --list-actions.  The help screen opens with
 * the legend (legend.h), each sample drawn in its real face, then lists
 * the actions of the registry (action.h) with the loaded keymap's keys:
 * there is no second table of keys or of marks anywhere.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "action.h"
#include "browse.h"
#include "legend.h"
#include "screen.h"
#include "width.h"

#define KEY_COLUMN	22
/* The legend's samples, indented under their headings, and meanings. */
#define SAMPLE_COLUMN	3
#define MEANING_COLUMN	27

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

/*
 * The help's lines: for each part of the legend a heading and its
 * entries, then a blank line; then the heading of the keys and one line
 * per action.
 */
static size_t
legend_lines(void)
{
	return legend_count + 2 * LEGEND_PART_COUNT;
}

size_t
help_lines(void)
{
	return legend_lines() + 1 + ACTION_COUNT;
}

/* Line i of the legend's part, or -1 for the part's heading or blank. */
static long
legend_line(size_t i, enum legend_part *part, bool *blank)
{
	size_t k = 0, p;

	for (p = 0; p < LEGEND_PART_COUNT; p++) {
		size_t n = 0, e;

		for (e = 0; e < legend_count; e++)
			n += legend[e].part == p;
		*part = (enum legend_part)p;
		*blank = false;
		if (i == k)
			return -1;
		if (i <= k + n) {
			size_t want = i - k - 1;

			for (e = 0; e < legend_count; e++)
				if (legend[e].part == p && want-- == 0)
					return (long)e;
		}
		if (i == k + n + 1) {
			*blank = true;
			return -1;
		}
		k += n + 2;
	}
	*blank = true;
	return -1;
}

/* Text clipped to the columns from x to the screen's edge. */
static void
put_text(int y, int x, const char *s, enum face f)
{
	int w = screen_cols() - x - 1;

	if (w > 0)
		draw_visible(y, x, (const uint8_t *)s, strlen(s), w, false, f);
}

static void
draw_line(struct browser *b, int y, size_t i)
{
	char keys[256];

	if (i < legend_lines()) {
		enum legend_part part;
		bool blank;
		long e = legend_line(i, &part, &blank);

		if (blank)
			return;
		if (e < 0) {
			put_text(y, 1, legend_part_title(part), FACE_MESSAGE);
			return;
		}
		draw_visible(y, SAMPLE_COLUMN, (const uint8_t *)legend[e].sample,
			     strlen(legend[e].sample),
			     MEANING_COLUMN - SAMPLE_COLUMN - 1, false,
			     legend[e].face);
		put_text(y, MEANING_COLUMN, legend[e].meaning, FACE_TEXT);
		return;
	}
	i -= legend_lines();
	if (i == 0) {
		snprintf(keys, sizeof keys, "Keys of the keymap %s",
			 keymap_name(b->km));
		put_text(y, 1, keys, FACE_MESSAGE);
		return;
	}
	keys[0] = '\0';
	keymap_keys_for(b->km, (int)i - 1, keys, sizeof keys);
	screen_put(y, 1, keys, strlen(keys) > (size_t)KEY_COLUMN ?
		   (size_t)KEY_COLUMN : strlen(keys), FACE_KEY);
	put_text(y, KEY_COLUMN + 2, action_help((int)i - 1), FACE_TEXT);
}

void
help_draw(struct browser *b)
{
	int rows = browse_text_rows(), w = screen_cols(), y;
	size_t n = help_lines(), i;
	char keys[256], title[256], back[320];

	snprintf(title, sizeof title, " versus help \xe2\x80\x94 keymap %s",
		 keymap_name(b->km));
	screen_fill(0, 0, w, ' ', FACE_TITLE_FOCUS);
	screen_put(0, 0, title, strlen(title), FACE_TITLE_FOCUS);
	if (b->help_top + (size_t)rows > n)	/* never past its end */
		b->help_top = n > (size_t)rows ? n - (size_t)rows : 0;
	for (y = 0, i = b->help_top; y < rows && i < n; y++, i++)
		draw_line(b, y + 1, i);
	keymap_keys_for(b->km, ACTION_QUIT, keys, sizeof keys);
	snprintf(back, sizeof back, " %s: back to the versions%s", keys,
		 i < n ? "   (more below: scroll down)" : "");
	screen_fill(screen_rows() - 1, 0, w, ' ', FACE_STATUS);
	screen_put(screen_rows() - 1, 0, back, strlen(back), FACE_STATUS);
	screen_cursor(0, -1);
	screen_refresh();
}
