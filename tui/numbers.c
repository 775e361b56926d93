/*
 * numbers.c — paragraph numbers in a margin beside each pane, since the
 * notes ("moved to ¶12"), go-to (":12", ":12r") and the report count
 * paragraphs.  With them on, the layout is as many columns narrower as
 * the two margins take; the side-by-side view only (the inline view
 * mixes both versions' paragraphs on its rows).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "browse.h"
#include "width.h"

int
numbers_width(const struct browser *b, const struct alignment *al)
{
	size_t n, d = 1;
	int w;

	if (!b->para_numbers || b->inline_view || b->narrow || al == NULL)
		return 0;
	n = al->a->npara > al->b->npara ? al->a->npara : al->b->npara;
	for (; n >= 10; n /= 10)
		d++;
	w = (int)d + 2;		/* "¶", the digits, a space */
	/* Never at the cost of the panes' least width. */
	return screen_cols() - 2 * w >= 2 * RENDER_MIN_PANE + RENDER_GUTTER ?
		w : 0;
}

/*
 * On the first row of a paragraph (row i of piece r), its number in the
 * margin left of each pane: at columns 0 and pane_right - width.
 */
void
numbers_draw(const struct browser *b, int y, const struct render *r,
	     size_t i, int right_x)
{
	const struct render_row *rw = &r->row[i];
	int w = numbers_width(b, b->al), side;
	char num[24];

	for (side = 0; side < 2 && w > 0; side++) {
		uint32_t p = rw->para[side];
		int n;

		if (p == RENDER_NONE || rw->cell[side] != CELL_TEXT ||
		    (i > 0 && r->row[i - 1].para[side] == p))
			continue;
		n = snprintf(num, sizeof num, "\xc2\xb6%u", (unsigned)p + 1);
		if (n - 1 > w - 1)
			continue;
		/* Right-aligned against the pane, a space between. */
		screen_put(y, (side ? right_x - w : 0) + (w - 1) - (n - 1), num,
			   (size_t)n, FACE_FOLD);
	}
}
