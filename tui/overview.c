/*
 * overview.c — the version overview: every version with its size and its
 * similarity to every other, as a matrix; a cell chosen with the keys
 * opens that pair (row on the left, column on the right).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "browse.h"
#include "screen.h"
#include "width.h"

#define CELL	7

void
overview_draw(struct browser *b)
{
	int w = screen_cols(), rows = browse_text_rows(), y, x;
	size_t i, j, first = 0;
	char buf[512];

	screen_fill(0, 0, w, ' ', FACE_TITLE_FOCUS);
	snprintf(buf, sizeof buf, " versions: similarity of row to column "
		 "\xe2\x80\x94 choose a cell and select it to compare");
	screen_put(0, 0, buf, strlen(buf), FACE_TITLE_FOCUS);
	if (b->ov_row >= (size_t)rows - 1)
		first = b->ov_row - (size_t)rows + 2;
	x = snprintf(buf, sizeof buf, "  %3s %7s %6s ", "#", "words", "paras");
	screen_put(1, 0, buf, (size_t)x, FACE_KEY);
	for (j = 0; j < b->n && x + CELL <= w; j++, x += CELL) {
		int n = snprintf(buf, sizeof buf, "%*zu", CELL - 1, j + 1);

		screen_put(1, x, buf, (size_t)n, FACE_KEY);
	}
	for (y = 2, i = first; i < b->n && y <= rows; i++, y++) {
		const struct doc *d = b->docs[0][i];
		int n = snprintf(buf, sizeof buf, "%s %3zu %7zu %6zu ",
				 i == b->base ? "*" : " ", i + 1,
				 doc_word_count(d), d->npara);

		screen_put(y, 0, buf, (size_t)n, FACE_TEXT);
		for (j = 0, x = n; j < b->n && x + CELL <= w; j++, x += CELL) {
			bool sel = i == b->ov_row && j == b->ov_col;

			if (i == j)	/* "·" is 2 bytes but 1 column */
				n = snprintf(buf, sizeof buf, "%*s", CELL,
					     "\xc2\xb7");
			else
				n = snprintf(buf, sizeof buf, "%*.1f%%",
					     CELL - 2,
					     browse_similarity(b, i, j) * 100);
			screen_put(y, x, buf, (size_t)n, sel ? FACE_CURSOR :
				   FACE_TEXT);
		}
		if (x + 2 < w) {
			const char *p = b->texts[i]->path;
			size_t len = strlen(p), k = 0;
			int cw = 0;

			/* The path, clipped and in visible form. */
			while (k < len) {
				uint32_t uc;
				size_t used = width_decode((const uint8_t *)p + k,
							   len - k, &uc);
				char form[16];
				size_t fl;
				int c = width_char_form(uc, uc == 0xFFFD &&
							used == 1, 0, form,
							&fl);

				if (x + 2 + cw + c > w)
					break;
				screen_put(y, x + 2 + cw, form, fl, FACE_TEXT);
				cw += c;
				k += used;
			}
		}
	}
	screen_fill(screen_rows() - 1, 0, w, ' ', FACE_STATUS);
	if (b->message[0]) {
		enum face f = b->message_error ? FACE_ERROR : FACE_MESSAGE;

		screen_fill(screen_rows() - 1, 0, w, ' ', f);
		screen_put(screen_rows() - 1, 1, b->message,
			   strlen(b->message) < (size_t)w - 2 ?
			   strlen(b->message) : (size_t)w - 2, f);
	} else {
		snprintf(buf, sizeof buf, " pair %zu \xe2\x86\x92 %zu   "
			 "(* base)", b->ov_row + 1, b->ov_col + 1);
		screen_put(screen_rows() - 1, 0, buf, strlen(buf), FACE_STATUS);
	}
	screen_cursor(0, -1);
	screen_refresh();
}
