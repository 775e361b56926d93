/*
 * picker.c — the version picker, and which set of the versions is shown.
 *
 * The picker lists every version opened, whatever set is shown: one line
 * each with its date, origin, size and similarity to the version before
 * it, and what it did to the passage that was on top of the left pane:
 * brought it in (+), changed it (~), kept it (=), dropped it (-) or
 * lacks it (·), against the version before it.  next-change and
 * previous-change go to the versions where the passage appeared, changed
 * or went.  mark-version (or toggle-reviewed) marks versions.  select
 * compares the chosen version with the one marked, or with the version
 * before it, at the passage; with two marked or more it shows the marked
 * set, as compare-marked does.  With many versions (captures, commits)
 * this is where to choose what to compare; the overview's matrix stops
 * fitting long before.
 *
 * The set shown.  compare-marked shows the marked versions only, in
 * their order: the browser's session becomes a subset of all of them
 * (session_subset: their docs and every pair aligned are reused), so
 * that stepping through the versions, the overview, the presence view,
 * the counts and the similarities are what `versus` says of those files
 * alone.  The versions keep their numbers among all (browse_number) and
 * the status line names the set.  all-versions, or compare-marked with
 * every version marked, shows them all again.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "action.h"
#include "browse.h"
#include "picker.h"
#include "presence.h"
#include "screen.h"
#include "xalloc.h"

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

/* Version v shown: its index among all. */
static size_t
all_of(const struct browser *b, size_t v)
{
	return browse_number(b, v) - 1;
}

/* Version v of all: its index among those shown, or SIZE_MAX. */
static size_t
shown_at(const struct browser *b, size_t v)
{
	size_t i;

	if (b->shown == NULL)
		return v;
	for (i = 0; i < b->n; i++)
		if (b->shown[i] == v)
			return i;
	return SIZE_MAX;
}

/* How many versions are marked; with set, which, in order. */
static size_t
marked(const struct browser *b, size_t *set)
{
	size_t v, k = 0;

	for (v = 0; v < b->nall; v++)
		if (b->pk_marked[v]) {
			if (set != NULL)
				set[k] = v;
			k++;
		}
	return k;
}

/* What version v (of all) did to the passage followed, against v - 1. */
static enum step
step_of(struct browser *b, size_t v)
{
	const struct presence *p;
	const struct presence_row *r;
	bool here, before;

	if (b->pk_prow < 0)
		return STEP_ABSENT;
	p = session_presence(b->all, b->pk_base);
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

/* Follow the passage on top of the left pane: pk_base and pk_prow. */
static void
follow_top(struct browser *b)
{
	const struct presence *p;
	long para = top_paragraph(b);
	size_t i;

	b->pk_base = all_of(b, b->left);
	b->pk_prow = -1;
	if (para < 0)
		return;
	p = session_presence(b->all, b->pk_base);
	for (i = 0; i < p->nrow; i++)
		if (p->row[i].base_para == para) {
			b->pk_prow = (long)i;
			break;
		}
}

int
act_version_picker(struct browser *b, int action, unsigned count)
{
	(void)action;
	(void)count;
	b->pk_row = all_of(b, b->right);
	b->pk_top = 0;
	follow_top(b);
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

/* The status line: the chosen version, and what select would do. */
static void
picker_status(struct browser *b, char *buf, size_t size)
{
	size_t nmarked = marked(b, NULL), other = SIZE_MAX, v;
	char key[64];
	int x;

	x = snprintf(buf, size, " version %zu of %zu", b->pk_row + 1,
		     b->nall);
	if (b->pk_prow >= 0)
		x += snprintf(buf + x, size - (size_t)x, " %s",
			      step_name[step_of(b, b->pk_row)]);
	if (nmarked >= 2) {
		x += snprintf(buf + x, size - (size_t)x, " \xe2\x80\x94 %zu "
			      "marked: select compares them", nmarked);
	} else {
		for (v = 0; v < b->nall; v++)
			if (b->pk_marked[v])
				other = v;
		if (other == SIZE_MAX)
			other = b->pk_row > 0 ? b->pk_row - 1 : 1;
		if (other < b->nall && other != b->pk_row)
			x += snprintf(buf + x, size - (size_t)x,
				      " \xe2\x80\x94 select: compare with %zu",
				      other + 1);
		keymap_first_key(b->km, ACTION_MARK_VERSION, key, sizeof key);
		if (key[0])
			x += snprintf(buf + x, size - (size_t)x,
				      " \xe2\x94\x82 %s: mark a set", key);
	}
	if (b->shown != NULL)
		snprintf(buf + x, size - (size_t)x, " \xe2\x94\x82 %s shown",
			 b->set_name);
}

void
picker_draw(struct browser *b)
{
	int w = screen_cols(), rows = browse_text_rows() - 1, y, x;
	size_t i, left = all_of(b, b->left), right = all_of(b, b->right);
	char buf[512], sim[16];
	bool narrow;
	const struct presence *p = b->pk_prow >= 0 ?
		session_presence(b->all, b->pk_base) : NULL;

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
			     "two to compare, or mark a set");
		draw_visible(0, 0, (const uint8_t *)buf, (size_t)x, w, true,
			     FACE_TITLE_FOCUS);
	}
	/* Under 80 columns the sizes give way, so the file keeps room. */
	narrow = w < 80;
	if (narrow)
		x = snprintf(buf, sizeof buf, "    %3s  %-16s %-7s %6s %s  %s",
			     "#", "date (UTC)", "origin", "prev",
			     p != NULL ? "\xc2\xb6" : " ", "file");
	else
		x = snprintf(buf, sizeof buf, "    %3s  %-16s %-7s %7s %9s "
			     "%6s %s  %s", "#", "date (UTC)", "origin", "words",
			     "bytes", "prev", p != NULL ? "\xc2\xb6" : " ",
			     "file");
	draw_visible(1, 0, (const uint8_t *)buf, (size_t)x, w, true, FACE_KEY);
	if (b->pk_row < b->pk_top)
		b->pk_top = b->pk_row;
	if (b->pk_row >= b->pk_top + (size_t)rows)
		b->pk_top = b->pk_row - (size_t)rows + 1;
	for (y = 2, i = b->pk_top; i < b->nall && y < rows + 2; i++, y++) {
		const struct text *t = session_texts(b->all)[i];
		const struct doc *d = session_docs(b->all)[i];
		/* Versions outside the set shown are dimmed. */
		enum face f = i == b->pk_row ? FACE_CURSOR :
			shown_at(b, i) == SIZE_MAX ? FACE_FOLD : FACE_TEXT;
		char date[20];
		int n;

		date_of(t, date, sizeof date);
		sim[0] = '\0';
		if (i > 0)
			snprintf(sim, sizeof sim, "%5.1f%%",
				 session_similarity(b->all, i - 1, i) * 100);
		n = snprintf(buf, sizeof buf, " %s%s %3zu  %-16s %-7s ",
			     b->pk_marked[i] ? "*" : " ",
			     i == left ? "L" : i == right ? "R" : " ",
			     i + 1, date, t->origin != NULL ? t->origin :
			     "file");
		if (!narrow)
			n += snprintf(buf + n, sizeof buf - (size_t)n,
				      "%7zu %9zu ", doc_word_count(d),
				      t->raw_len);
		n += snprintf(buf + n, sizeof buf - (size_t)n, "%6s %s  ", sim,
			      p != NULL ? step_mark[step_of(b, i)] : " ");
		screen_fill(y, 0, w, ' ', f);
		x = draw_visible(y, 0, (const uint8_t *)buf, (size_t)n, w,
				 true, f);
		if (x < w) {
			size_t from = browse_path_tail(t->path, w - x);

			if (from > 0)
				x += draw_visible(y, x, (const uint8_t *)
						  "\xe2\x80\xa6", 3, w - x,
						  true, f);
			draw_visible(y, x, (const uint8_t *)t->path + from,
				     strlen(t->path + from), w - x, true, f);
		}
	}
	screen_fill(screen_rows() - 1, 0, w, ' ', FACE_STATUS);
	if (b->message[0]) {
		draw_visible(screen_rows() - 1, 1, (const uint8_t *)b->message,
			     strlen(b->message), w - 2, true,
			     b->message_error ? FACE_ERROR : FACE_MESSAGE);
	} else {
		picker_status(b, buf, sizeof buf);
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
	while (dir > 0 ? i + 1 < b->nall : i > 0) {
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

/* "versions 1-3,5 of 9" (runs of three or more as ranges), or "". */
static void
name_set(struct browser *b)
{
	char list[sizeof b->set_name], tail[32];
	size_t i = 0, j, x = 0, room;

	b->set_name[0] = '\0';
	if (b->shown == NULL)
		return;
	snprintf(tail, sizeof tail, " of %zu", b->nall);
	/* Room for the list, and for ",…" if it must be cut. */
	room = sizeof list - strlen(tail) - 5;
	x = (size_t)snprintf(list, sizeof list, "versions ");
	while (i < b->n) {
		char one[48];
		size_t len;

		for (j = i; j + 1 < b->n && b->shown[j + 1] == b->shown[j] + 1;
		     j++)
			;
		if (j < i + 2)
			j = i;
		len = j > i ? (size_t)snprintf(one, sizeof one, "%s%zu-%zu",
					       i ? "," : "", b->shown[i] + 1,
					       b->shown[j] + 1) :
			(size_t)snprintf(one, sizeof one, "%s%zu", i ? "," : "",
					 b->shown[i] + 1);
		if (x + len > room) {
			memcpy(list + x, ",\xe2\x80\xa6", 5);
			x += 4;
			break;
		}
		memcpy(list + x, one, len + 1);
		x += len;
		i = j + 1;
	}
	memcpy(b->set_name, list, x);
	memcpy(b->set_name + x, tail, strlen(tail) + 1);
}

/*
 * Show versions set[0 .. k-1] of all (every one when k is nall), with
 * left and right of them (all's indexes) side by side, at paragraph
 * para of side (-1: at the top).
 */
static int
show_set(struct browser *b, const size_t *set, size_t k, size_t left,
	 size_t right, int side, long para)
{
	struct session *old = b->s;
	size_t base = all_of(b, b->base);

	if (k == b->nall) {
		b->s = b->all;
		free(b->shown);
		b->shown = NULL;
	} else {
		b->s = session_subset(b->all, set, k);
		b->shown = xrealloc(b->shown, k * sizeof *b->shown);
		memcpy(b->shown, set, k * sizeof *set);
	}
	if (old != b->all)
		session_free(old);
	b->n = k;
	b->presence = NULL;
	name_set(b);
	b->base = shown_at(b, base) != SIZE_MAX ? shown_at(b, base) : 0;
	browse_open_pair(b, shown_at(b, left), shown_at(b, right), side,
			 para);
	if (b->shown != NULL)
		browse_message(b, false, "%s shown: %zu against %zu",
			       b->set_name, left + 1, right + 1);
	else
		browse_message(b, false, "all %zu versions shown: %zu against "
			       "%zu", b->nall, left + 1, right + 1);
	return RE_LAYOUT;
}

/* The passage followed in versions l or r (all's): its paragraph, side. */
static long
passage_in(struct browser *b, size_t l, size_t r, int *side)
{
	const struct presence_row *row;

	*side = RENDER_LEFT;
	if (b->pk_prow < 0)
		return -1;
	row = &session_presence(b->all, b->pk_base)->row[b->pk_prow];
	if (row->cell[r].state != PRESENCE_ABSENT) {
		*side = RENDER_RIGHT;
		return row->cell[r].para;
	}
	if (row->cell[l].state != PRESENCE_ABSENT)
		return row->cell[l].para;
	return -1;
}

/* Versions l and r of all side by side: in the set shown, else in all. */
static int
open_pair(struct browser *b, size_t l, size_t r)
{
	int side, re;
	long para = passage_in(b, l, r, &side);
	size_t *every, v;

	if (shown_at(b, l) != SIZE_MAX && shown_at(b, r) != SIZE_MAX)
		return browse_open_pair(b, shown_at(b, l), shown_at(b, r),
					side, para);
	every = xmalloc(b->nall * sizeof *every);
	for (v = 0; v < b->nall; v++)
		every[v] = v;
	re = show_set(b, every, b->nall, l, r, side, para);
	free(every);
	return re;
}

/*
 * Show the marked versions: `chosen` (all's) on the right when it is
 * marked, and on the left the left version if it is marked too, else
 * the marked version before the right one (after it, for the first).
 */
static int
open_marked(struct browser *b, size_t chosen)
{
	size_t *set = xmalloc(b->nall * sizeof *set), k = marked(b, set), i;
	size_t left = all_of(b, b->left), l, r;
	int side, re;
	long para;
	char key[64];

	if (k < 2) {
		free(set);
		keymap_first_key(b->km, ACTION_MARK_VERSION, key, sizeof key);
		browse_message(b, true, "mark two versions or more in the "
			       "version picker%s%s%s first", key[0] ? " (" : "",
			       key, key[0] ? ")" : "");
		return RE_DRAW;
	}
	r = b->pk_marked[chosen] ? chosen : set[1];
	for (i = 0; set[i] != r; i++)
		;
	l = b->pk_marked[left] && left != r ? left :
		i > 0 ? set[i - 1] : set[1];
	para = passage_in(b, l, r, &side);
	re = show_set(b, set, k, l, r, side, para);
	free(set);
	return re;
}

/* Compare the chosen version with the marked one or the one before it. */
static int
choose(struct browser *b)
{
	size_t other = SIZE_MAX, v;

	if (marked(b, NULL) >= 2)
		return open_marked(b, b->pk_row);
	for (v = 0; v < b->nall; v++)
		if (b->pk_marked[v])
			other = v;
	if (other == SIZE_MAX)
		other = b->pk_row > 0 ? b->pk_row - 1 : 1;
	if (other >= b->nall || other == b->pk_row) {
		browse_message(b, true, "choose two different versions");
		return RE_DRAW;
	}
	return open_pair(b, other < b->pk_row ? other : b->pk_row,
			 other < b->pk_row ? b->pk_row : other);
}

int
act_mark_version(struct browser *b, int action, unsigned count)
{
	char key[64];

	(void)action;
	(void)count;
	keymap_first_key(b->km, ACTION_VERSION_PICKER, key, sizeof key);
	browse_message(b, true, "mark versions in the version picker%s%s%s",
		       key[0] ? " (" : "", key, key[0] ? ")" : "");
	return RE_DRAW;
}

int
act_compare_marked(struct browser *b, int action, unsigned count)
{
	(void)action;
	(void)count;
	follow_top(b);
	return open_marked(b, all_of(b, b->right));
}

int
act_all_versions(struct browser *b, int action, unsigned count)
{
	size_t *every, v;
	int re;

	(void)action;
	(void)count;
	if (b->shown == NULL) {
		browse_message(b, false, "all %zu versions are shown", b->nall);
		return RE_DRAW;
	}
	memset(b->pk_marked, 0, b->nall);
	every = xmalloc(b->nall * sizeof *every);
	for (v = 0; v < b->nall; v++)
		every[v] = v;
	/* The same left version: its passage on top stays there. */
	re = show_set(b, every, b->nall, all_of(b, b->left),
		      all_of(b, b->right), RENDER_LEFT, top_paragraph(b));
	free(every);
	return re;
}

int
picker_key(struct browser *b, int action, unsigned count)
{
	size_t by = count ? count : 1, last = b->nall ? b->nall - 1 : 0, page;

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
	case ACTION_MARK_VERSION: case ACTION_TOGGLE_REVIEWED:
		b->pk_marked[b->pk_row] = !b->pk_marked[b->pk_row];
		return RE_DRAW;
	case ACTION_COMPARE_MARKED:
		return open_marked(b, b->pk_row);
	case ACTION_ALL_VERSIONS:
		return act_all_versions(b, action, count);
	case ACTION_SELECT:
		return choose(b);
	case ACTION_VERSION_PICKER: case ACTION_QUIT: case ACTION_CANCEL:
		b->screen = SCREEN_DIFF;
		return RE_DRAW;
	}
	return RE_NONE;
}

void
picker_replace(struct browser *b, size_t v, struct text *t)
{
	if (b->shown == NULL) {
		session_replace(b->s, v, t);
		return;
	}
	/* The subset borrows all's docs: it goes first, then comes anew. */
	session_free(b->s);
	session_replace(b->all, b->shown[v], t);
	b->s = session_subset(b->all, b->shown, b->n);
	b->presence = NULL;
}

void
picker_clear(struct browser *b)
{
	if (b->s != b->all)
		session_free(b->s);
	b->s = b->all;
	b->n = b->nall;
	free(b->shown);
	b->shown = NULL;
	free(b->pk_marked);
	b->pk_marked = NULL;
}
