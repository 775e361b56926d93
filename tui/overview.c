/*
 * overview.c — the version overview: every version with its size and its
 * similarity to every other, as a matrix; a cell chosen with the keys
 * opens that pair (row on the left, column on the right).  Versions that
 * came from the web, an archive, git or a folder also show their date,
 * origin and similarity to the version before them, so that many
 * captures or commits can be told apart at a glance.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "browse.h"
#include "screen.h"

#define CELL	7

/* Whether any version has an origin (sources/): then dates are shown. */
static bool
any_origin(struct browser *b)
{
	for (size_t i = 0; i < b->n; i++)
		if (session_texts(b->s)[i]->origin != NULL)
			return true;
	return false;
}

/* "2024-03-01 09:30 archive  97.7% " for version i, into buf. */
static int
origin_columns(struct browser *b, size_t i, char *buf, size_t size)
{
	const struct text *t = session_texts(b->s)[i];
	time_t when = (time_t)t->when;
	char date[20] = "";
	char prev[16] = "";
	struct tm tm;

	if (t->when != 0 && gmtime_r(&when, &tm) != NULL)
		strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm);
	if (i > 0)
		snprintf(prev, sizeof prev, "%5.1f%%",
			 browse_similarity(b, i - 1, i) * 100);
	return snprintf(buf, size, "%-16s %-7s %6s ", date,
			t->origin != NULL ? t->origin : "file", prev);
}

void
overview_draw(struct browser *b)
{
	int w = screen_cols(), rows = browse_text_rows(), y, x;
	size_t i, j, first = 0;
	char buf[512];
	bool dated = any_origin(b);

	screen_fill(0, 0, w, ' ', FACE_TITLE_FOCUS);
	snprintf(buf, sizeof buf, " versions: similarity of row to column "
		 "\xe2\x80\x94 choose a cell and select it to compare");
	screen_put(0, 0, buf, strlen(buf), FACE_TITLE_FOCUS);
	if (b->ov_row >= (size_t)rows - 1)
		first = b->ov_row - (size_t)rows + 2;
	x = snprintf(buf, sizeof buf, "  %3s %7s %6s ", "#", "words", "paras");
	if (dated)
		x += snprintf(buf + x, sizeof buf - (size_t)x, "%-16s %-7s %6s ",
			      "date (UTC)", "origin", "prev");
	screen_put(1, 0, buf, (size_t)x, FACE_KEY);
	for (j = 0; j < b->n && x + CELL <= w; j++, x += CELL) {
		int n = snprintf(buf, sizeof buf, "%*zu", CELL - 1,
				 browse_number(b, j));

		screen_put(1, x, buf, (size_t)n, FACE_KEY);
	}
	for (y = 2, i = first; i < b->n && y <= rows; i++, y++) {
		const struct doc *d = session_docs(b->s)[i];
		const char *path = session_texts(b->s)[i]->path;
		int n = snprintf(buf, sizeof buf, "%s %3zu %7zu %6zu ",
				 i == b->base ? "*" : " ", browse_number(b, i),
				 doc_word_count(d), d->npara);

		if (dated)
			n += origin_columns(b, i, buf + n, sizeof buf - (size_t)n);
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
		if (x + 2 < w) {	/* the path, its end, in visible form */
			size_t off = browse_path_tail(path, w - x - 2);

			if (off)
				screen_put(y, x + 2, "\xe2\x80\xa6", 3,
					   FACE_TEXT);
			draw_visible(y, x + 2 + (off > 0), (const uint8_t *)path +
				     off, strlen(path) - off, w - x - 2 - (off > 0),
				     false, FACE_TEXT);
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
			 "(* base)", browse_number(b, b->ov_row),
			 browse_number(b, b->ov_col));
		screen_put(screen_rows() - 1, 0, buf, strlen(buf), FACE_STATUS);
	}
	screen_cursor(0, -1);
	screen_refresh();
}

/*
 * "first carried on 2024-03-01 by 2 — " for a row, or "first carried by
 * 2 — " when no version carrying it has a date, into buf.
 */
static int
first_carried(const struct browser *b, const struct presence *p, size_t row,
	      char *buf, size_t size)
{
	long long when;
	size_t v = presence_first_carrier(p, row, &when);
	time_t t = (time_t)when;
	char date[16];
	struct tm tm;

	if (when != 0 && gmtime_r(&t, &tm) != NULL &&
	    strftime(date, sizeof date, "%Y-%m-%d", &tm) > 0)
		return snprintf(buf, size, "first carried on %s by %zu "
				"\xe2\x80\x94 ", date, browse_number(b, v));
	return snprintf(buf, size, "first carried by %zu \xe2\x80\x94 ",
			browse_number(b, v));
}

/*
 * The presence view: every passage of the base, with the passages the
 * other versions inserted where they appear, and a mark per version:
 * ■ same, □ changed, ↕ moved, ◆ introduced first by this version, ·
 * absent.  The chosen row opens the base against a version that carries
 * it differently.
 */
void
presence_draw(struct browser *b)
{
	const struct presence *p = b->presence;
	int w = screen_cols(), rows = browse_text_rows() - 1, y, x;
	size_t i, v;
	char buf[512];

	screen_fill(0, 0, w, ' ', FACE_TITLE_FOCUS);
	snprintf(buf, sizeof buf, " %s at once: base %zu of %zu "
		 "\xe2\x80\x94 \xe2\x96\xa0 same \xe2\x96\xa1 changed "
		 "\xe2\x86\x95 moved \xe2\x97\x86 introduced \xc2\xb7 absent",
		 b->shown ? b->set_name : "every version",
		 browse_number(b, p->base), b->nall);
	/* Clipped: a long line would wrap into the next row. */
	draw_visible(0, 0, (const uint8_t *)buf, strlen(buf), w, true,
		     FACE_TITLE_FOCUS);
	x = snprintf(buf, sizeof buf, "   \xc2\xb6 ");
	for (v = 0; v < p->nversions && v < 60; v++)
		x += snprintf(buf + x, sizeof buf - (size_t)x, "%zu",
			      browse_number(b, v) % 10);
	screen_put(1, 0, buf, strlen(buf), FACE_KEY);
	/* Coverage: how much of the base each version carries. */
	{
		int cx = x + 2;

		x = snprintf(buf, sizeof buf, "share of %zu each carries \xe2\x80\x94",
			     browse_number(b, p->base));
		for (v = 0; v < p->nversions && x < (int)sizeof buf - 16; v++) {
			const struct sentence_map *m;

			if (v == p->base)
				continue;
			m = session_mapping(b->s, p->base, v);
			x += snprintf(buf + x, sizeof buf - (size_t)x,
				      "  %zu: %.0f%%", browse_number(b, v),
				      m->coverage * 100);
		}
		if (cx + x < w)
			screen_put(1, cx, buf, (size_t)x, FACE_TEXT);
	}
	if (b->pr_row < b->pr_top)
		b->pr_top = b->pr_row;
	if (b->pr_row >= b->pr_top + (size_t)rows)
		b->pr_top = b->pr_row - (size_t)rows + 1;
	for (y = 2, i = b->pr_top; i < p->nrow && y < rows + 2; i++, y++) {
		const struct presence_row *r = &p->row[i];
		enum face f = i == b->pr_row ? FACE_CURSOR : FACE_TEXT;
		const struct doc *d;
		const struct para *pa;
		int n, col;

		if (r->base_para >= 0)
			n = snprintf(buf, sizeof buf, " %3d ", r->base_para + 1);
		else
			n = snprintf(buf, sizeof buf, "   + ");
		screen_put(y, 0, buf, (size_t)n, f);
		col = n;
		for (v = 0; v < p->nversions && v < 60; v++, col++) {
			const struct presence_cell *c = &r->cell[v];
			const char *m = c->state == PRESENCE_ABSENT ? "\xc2\xb7" :
				r->base_para < 0 && v == r->first ?
				"\xe2\x97\x86" :
				c->state == PRESENCE_CHANGED ? "\xe2\x96\xa1" :
				c->state == PRESENCE_MOVED ? "\xe2\x86\x95" :
				"\xe2\x96\xa0";

			screen_put(y, col, m, strlen(m), f);
		}
		/* An excerpt of the passage, from the version carrying it. */
		v = r->base_para >= 0 ? p->base : r->first;
		d = p->docs[v];
		if (r->cell[v].para < 0 && r->base_para < 0)
			continue;
		pa = &d->para[r->base_para >= 0 && v == p->base ?
			      (uint32_t)r->base_para : (uint32_t)r->cell[v].para];
		if (col + 2 < w - 1)
			draw_visible(y, col + 2, d->text->data + pa->start,
				     pa->end - pa->start, w - 1 - col - 2, true,
				     FACE_TEXT);
	}
	screen_fill(screen_rows() - 1, 0, w, ' ', FACE_STATUS);
	x = snprintf(buf, sizeof buf, " passage %zu of %zu: ", b->pr_row + 1,
		     p->nrow);
	if (p->nrow > 0)
		x += first_carried(b, p, b->pr_row, buf + x,
				   sizeof buf - (size_t)x);
	snprintf(buf + x, sizeof buf - (size_t)x, "%zu inserted by other "
		 "versions, %zu in one version only   (select: compare)",
		 p->ninserted, p->nunique);
	/* w - 1: the last cell of the last row would scroll the screen. */
	draw_visible(screen_rows() - 1, 0, (const uint8_t *)buf, strlen(buf),
		     w - 1, true, FACE_STATUS);
	screen_cursor(0, -1);
	screen_refresh();
}
