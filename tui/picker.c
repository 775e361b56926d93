/*
 * picker.c — the version picker: one line per version, with its date,
 * origin, size and similarity to the version before it, and what it did
 * to the passage that was on top of the left pane: brought it in (+),
 * changed it (~), kept it (=), dropped it (-) or lacks it (·), against
 * the version before it.  next-change and previous-change go to the
 * versions where the passage appeared, changed or went; toggle-reviewed
 * marks a version; select compares the chosen version with the marked
 * one, or with the version before it, at the passage.  With many
 * versions (captures, commits) this is where to choose what to compare;
 * the overview's matrix stops fitting long before.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "action.h"
#include "browse.h"
#include "picker.h"
#include "presence.h"
#include "screen.h"

enum step { STEP_ABSENT, STEP_APPEARED, STEP_CHANGED, STEP_KEPT,
	    STEP_DROPPED };

static const char *const step_mark[] = {
	"\xc2\xb7", "+", "~", "=", "-",
};

static const char *const step_name[] = {
	"lacks it", "brings it in", "changes it", "keeps it", "drops it",
};

/* Whether the paragraphs of cells a (of va) and b (of vb) are the same bytes. */
static bool
same_text(const struct presence *p, size_t va, const struct presence_cell *a,
	  size_t vb, const struct presence_cell *c)
{
	const struct doc *da = p->docs[va], *db = p->docs[vb];
	uint32_t k;

	if (a->npara != c->npara)
		return false;
	for (k = 0; k < a->npara; k++) {
		const struct para *pa = &da->para[(uint32_t)a->para + k];
		const struct para *pb = &db->para[(uint32_t)c->para + k];

		if (pa->hash != pb->hash || pa->end - pa->start !=
		    pb->end - pb->start ||
		    memcmp(da->text->data + pa->start,
			   db->text->data + pb->start, pa->end - pa->start))
			return false;
	}
	return true;
}

/* What version v did to the passage followed, against version v - 1. */
static enum step
step_of(struct browser *b, size_t v)
{
	const struct presence *p;
	const struct presence_row *r;
	bool here, before;

	if (b->pk_prow < 0)
		return STEP_ABSENT;
	p = session_presence(b->s, b->pk_base);
	r = &p->row[b->pk_prow];
	here = r->cell[v].state != PRESENCE_ABSENT;
	before = v > 0 && r->cell[v - 1].state != PRESENCE_ABSENT;
	if (here && !before)
		return STEP_APPEARED;
	if (!here)
		return before ? STEP_DROPPED : STEP_ABSENT;
	return same_text(p, v - 1, &r->cell[v - 1], v, &r->cell[v]) ?
		STEP_KEPT : STEP_CHANGED;
}

/* The paragraph of the left version on top of the screen, or -1. */
static long
top_paragraph(struct browser *b)
{
	size_t v, end = b->top + (size_t)browse_text_rows();
	struct view_row vr;

	if (b->r == NULL)
		return -1;
	for (v = b->top; v < end && view_row(&b->view, v, &vr); v++) {
		if (vr.r == NULL)
			continue;
		if (vr.r->row[vr.i].para[RENDER_LEFT] != RENDER_NONE)
			return (long)vr.r->row[vr.i].para[RENDER_LEFT];
	}
	return -1;
}

int
act_version_picker(struct browser *b, int action, unsigned count)
{
	const struct presence *p;
	long para = top_paragraph(b);
	size_t i;

	(void)action;
	(void)count;
	b->pk_row = b->right;
	b->pk_top = 0;
	b->pk_mark = SIZE_MAX;
	b->pk_base = b->left;
	b->pk_prow = -1;
	if (para >= 0) {
		p = session_presence(b->s, b->left);
		for (i = 0; i < p->nrow; i++)
			if (p->row[i].base_para == para) {
				b->pk_prow = (long)i;
				break;
			}
	}
	b->screen = SCREEN_PICKER;
	return RE_DRAW;
}

/* "2024-03-01 09:30" or "", into buf. */
static void
date_of(const struct text *t, char *buf, size_t size)
{
	time_t when = (time_t)t->when;
	struct tm tm;

	buf[0] = '\0';
	if (t->when != 0 && gmtime_r(&when, &tm) != NULL)
		strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

void
picker_draw(struct browser *b)
{
	int w = screen_cols(), rows = browse_text_rows() - 1, y, x;
	size_t i;
	char buf[512], sim[16];
	const struct presence *p = b->pk_prow >= 0 ?
		session_presence(b->s, b->pk_base) : NULL;

	screen_fill(0, 0, w, ' ', FACE_TITLE_FOCUS);
	if (p != NULL) {
		const struct para *pa = &p->docs[b->pk_base]->para[
			p->row[b->pk_prow].base_para];

		x = snprintf(buf, sizeof buf, " versions \xe2\x80\x94 what each "
			     "did to \xc2\xb6%d of version %zu: ",
			     p->row[b->pk_prow].base_para + 1, b->pk_base + 1);
		x = draw_visible(0, 0, (const uint8_t *)buf, (size_t)x, w,
				 true, FACE_TITLE_FOCUS);
		if (x < w - 1)
			draw_visible(0, x, p->docs[b->pk_base]->text->data +
				     pa->start, pa->end - pa->start, w - 1 - x,
				     true, FACE_TITLE_FOCUS);
	} else {
		x = snprintf(buf, sizeof buf, " versions \xe2\x80\x94 choose "
			     "two to compare");
		draw_visible(0, 0, (const uint8_t *)buf, (size_t)x, w, true,
			     FACE_TITLE_FOCUS);
	}
	x = snprintf(buf, sizeof buf, "    %3s  %-16s %-7s %7s %9s %6s %s  %s",
		     "#", "date (UTC)", "origin", "words", "bytes", "prev",
		     p != NULL ? "\xc2\xb6" : " ", "file");
	draw_visible(1, 0, (const uint8_t *)buf, (size_t)x, w, true, FACE_KEY);
	if (b->pk_row < b->pk_top)
		b->pk_top = b->pk_row;
	if (b->pk_row >= b->pk_top + (size_t)rows)
		b->pk_top = b->pk_row - (size_t)rows + 1;
	for (y = 2, i = b->pk_top; i < b->n && y < rows + 2; i++, y++) {
		const struct text *t = session_texts(b->s)[i];
		const struct doc *d = session_docs(b->s)[i];
		enum face f = i == b->pk_row ? FACE_CURSOR : FACE_TEXT;
		char date[20];
		int n;

		date_of(t, date, sizeof date);
		sim[0] = '\0';
		if (i > 0)
			snprintf(sim, sizeof sim, "%5.1f%%",
				 browse_similarity(b, i - 1, i) * 100);
		n = snprintf(buf, sizeof buf, " %s%s %3zu  %-16s %-7s %7zu "
			     "%9zu %6s %s  ", i == b->pk_mark ? "*" : " ",
			     i == b->left ? "L" : i == b->right ? "R" : " ",
			     i + 1, date, t->origin != NULL ? t->origin :
			     "file", doc_word_count(d), t->raw_len, sim,
			     p != NULL ? step_mark[step_of(b, i)] : " ");
		screen_fill(y, 0, w, ' ', f);
		x = draw_visible(y, 0, (const uint8_t *)buf, (size_t)n, w,
				 true, f);
		if (x < w)
			draw_visible(y, x, (const uint8_t *)t->path,
				     strlen(t->path), w - x, true, f);
	}
	screen_fill(screen_rows() - 1, 0, w, ' ', FACE_STATUS);
	if (b->message[0]) {
		draw_visible(screen_rows() - 1, 1, (const uint8_t *)b->message,
			     strlen(b->message), w - 2, true,
			     b->message_error ? FACE_ERROR : FACE_MESSAGE);
	} else {
		size_t other = b->pk_mark != SIZE_MAX ? b->pk_mark :
			b->pk_row > 0 ? b->pk_row - 1 : 1;

		x = snprintf(buf, sizeof buf, " version %zu of %zu",
			     b->pk_row + 1, b->n);
		if (p != NULL)
			x += snprintf(buf + x, sizeof buf - (size_t)x,
				      " %s", step_name[step_of(b, b->pk_row)]);
		if (other < b->n && other != b->pk_row)
			snprintf(buf + x, sizeof buf - (size_t)x,
				 " \xe2\x80\x94 select: compare with %zu",
				 other + 1);
		draw_visible(screen_rows() - 1, 0, (const uint8_t *)buf,
			     strlen(buf), w - 1, true, FACE_STATUS);
	}
	screen_cursor(0, -1);
	screen_refresh();
}

/* The next version (dir > 0) or previous one where the passage moved. */
static int
step_to(struct browser *b, int dir)
{
	size_t i = b->pk_row;
	enum step s;

	if (b->pk_prow < 0) {
		browse_message(b, true, "no passage was on top to follow");
		return RE_DRAW;
	}
	while (dir > 0 ? i + 1 < b->n : i > 0) {
		i = dir > 0 ? i + 1 : i - 1;
		s = step_of(b, i);
		if (s == STEP_APPEARED || s == STEP_CHANGED ||
		    s == STEP_DROPPED) {
			b->pk_row = i;
			return RE_DRAW;
		}
	}
	browse_message(b, true, "the passage does not change %s",
		       dir > 0 ? "after this version" : "before this version");
	return RE_DRAW;
}

/* Compare the chosen version with the marked one or the one before it. */
static int
choose(struct browser *b)
{
	size_t other = b->pk_mark != SIZE_MAX ? b->pk_mark :
		b->pk_row > 0 ? b->pk_row - 1 : 1;
	size_t left = other < b->pk_row ? other : b->pk_row;
	size_t right = other < b->pk_row ? b->pk_row : other;
	const struct presence *p;
	const struct presence_cell *c;

	if (other >= b->n || other == b->pk_row) {
		browse_message(b, true, "choose two different versions");
		return RE_DRAW;
	}
	if (b->pk_prow >= 0) {
		p = session_presence(b->s, b->pk_base);
		c = &p->row[b->pk_prow].cell[right];
		if (c->state != PRESENCE_ABSENT)
			return browse_open_pair(b, left, right, RENDER_RIGHT,
						c->para);
		c = &p->row[b->pk_prow].cell[left];
		if (c->state != PRESENCE_ABSENT)
			return browse_open_pair(b, left, right, RENDER_LEFT,
						c->para);
	}
	return browse_open_pair(b, left, right, RENDER_LEFT, -1);
}

int
picker_key(struct browser *b, int action, unsigned count)
{
	size_t by = count ? count : 1, last = b->n ? b->n - 1 : 0, page;

	page = (size_t)(browse_text_rows() > 4 ? browse_text_rows() - 3 : 1);
	browse_message(b, false, "%s", "");
	switch (action) {
	case ACTION_SCROLL_DOWN:
		b->pk_row = b->pk_row + by < last ? b->pk_row + by : last;
		return RE_DRAW;
	case ACTION_SCROLL_UP:
		b->pk_row = b->pk_row > by ? b->pk_row - by : 0;
		return RE_DRAW;
	case ACTION_PAGE_DOWN: case ACTION_HALF_PAGE_DOWN:
		b->pk_row = b->pk_row + page < last ? b->pk_row + page : last;
		return RE_DRAW;
	case ACTION_PAGE_UP: case ACTION_HALF_PAGE_UP:
		b->pk_row = b->pk_row > page ? b->pk_row - page : 0;
		return RE_DRAW;
	case ACTION_TOP:
		b->pk_row = 0;
		return RE_DRAW;
	case ACTION_BOTTOM:
		b->pk_row = last;
		return RE_DRAW;
	case ACTION_NEXT_CHANGE: case ACTION_NEXT_SUBSTANTIVE_CHANGE:
		return step_to(b, +1);
	case ACTION_PREVIOUS_CHANGE: case ACTION_PREVIOUS_SUBSTANTIVE_CHANGE:
		return step_to(b, -1);
	case ACTION_TOGGLE_REVIEWED:
		b->pk_mark = b->pk_mark == b->pk_row ? SIZE_MAX : b->pk_row;
		return RE_DRAW;
	case ACTION_SELECT:
		return choose(b);
	case ACTION_VERSION_PICKER: case ACTION_QUIT: case ACTION_CANCEL:
		b->screen = SCREEN_DIFF;
		return RE_DRAW;
	}
	return RE_NONE;
}
