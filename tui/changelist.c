/*
 * changelist.c — the change list: a screen listing every change site of
 * the pair on screen (facts.h), in reading order, one a row: reviewed or
 * not, where (the paragraph on each side), its kinds (the strongest
 * first), and a short "before → after" of the words it touches.  It
 * shows one kind at a time on request (change-kind-filter: the sites
 * whose strongest kind it is, as many as --stat counts); Enter goes to
 * the change in the diff view, as its current edit; toggle-reviewed marks
 * the row's change.
 *
 * The sites and every count are the session's (session_changes,
 * session_stats): the same numbers as the status line and --stat.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "browse.h"
#include "changelist.h"
#include "width.h"
#include "xalloc.h"

/* Columns: marks, where, kinds, then the excerpt. */
#define COL_WHERE	3
#define COL_KINDS	13
#define COL_TEXT	36

/* The kinds in the order the filter visits them: facts, wording, cosmetic. */
static int
kind_order(int i)
{
	int k, n = 0;

	for (k = 0; k < KIND_COUNT; k++)
		if (k != KIND_WORDING && k != KIND_COSMETIC && n++ == i)
			return k;
	return i == n ? KIND_WORDING : KIND_COSMETIC;
}

/*
 * Does site c show under the filter (-1: all)?  By its strongest kind, as
 * the session counts it, so a filter lists as many as the counts say.
 */
static bool
shown(const struct change *c, int filter)
{
	return filter < 0 || c->kind == filter;
}

/* The sites shown, as indices into the session's list; *n of them. */
static size_t *
listed(const struct browser *b, size_t *n)
{
	const struct changes *ch = b->sites.ch;
	size_t *v, i;

	*n = 0;
	if (ch == NULL)
		return NULL;
	v = xmalloc((ch->n + 1) * sizeof *v);
	for (i = 0; i < ch->n; i++)
		if (shown(&ch->v[i], b->cl_filter))
			v[(*n)++] = i;
	return v;
}

/* Units [u0, u1) of a side touched by site c, or u0 == u1. */
static void
site_units(const struct alignment *al, const struct change *c, int side,
	   bool changed_only, uint32_t *u0, uint32_t *u1)
{
	uint32_t o;

	*u0 = UINT32_MAX;
	*u1 = 0;
	for (o = c->op; o < c->op + c->nop; o++) {
		const struct wop *w = &al->op[o];
		uint32_t u = side ? w->b : w->a, n = side ? w->nb : w->na;

		if (n == 0 || (changed_only && w->kind == WOP_EQUAL))
			continue;
		if (u < *u0)
			*u0 = u;
		if (u + n > *u1)
			*u1 = u + n;
	}
	if (*u0 == UINT32_MAX)
		*u0 = *u1 = 0;
}

/* Bytes [*s, *e) of units [u0, u1) of d. */
static void
unit_bytes(const struct doc *d, uint32_t u0, uint32_t u1, size_t *s,
	   size_t *e)
{
	const struct unit *l = &d->unit[u1 - 1];
	const struct token *lt = &d->tok[unit_last_tok(d, l)];

	*s = d->tok[d->unit[u0].tok].off;
	*e = lt->off + lt->len;
}

/* "¶4", "¶4→5", "→¶5" (inserted only), "¶4→" (deleted only). */
static void
where(const struct alignment *al, const struct change *c, char *out,
      size_t size)
{
	uint32_t a0, a1, b0, b1;
	long pa = -1, pb = -1;

	site_units(al, c, 0, false, &a0, &a1);
	site_units(al, c, 1, false, &b0, &b1);
	if (a1 > a0)
		pa = (long)doc_para_of_token(al->a, al->a->unit[a0].tok) + 1;
	if (b1 > b0)
		pb = (long)doc_para_of_token(al->b, al->b->unit[b0].tok) + 1;
	/* Words deleted or added inside a paragraph: the other side's. */
	if (pb < 0 && al->block[c->block].nb > 0 && !al->block[c->block].move)
		pb = (long)al->block[c->block].b + 1;
	if (pa < 0 && al->block[c->block].na > 0)
		pa = (long)al->block[c->block].a + 1;
	if (pa > 0 && (pb == pa || pb < 0))
		snprintf(out, size, "\xc2\xb6%ld%s", pa, pb < 0 ? "\xe2\x86\x92" :
			 "");
	else if (pa > 0)
		snprintf(out, size, "\xc2\xb6%ld\xe2\x86\x92%ld", pa, pb);
	else
		snprintf(out, size, "\xe2\x86\x92\xc2\xb6%ld", pb);
}

/* "quote, number": the strongest kind first, then the others. */
static void
kinds(const struct change *c, char *out, size_t size)
{
	size_t n;
	int i;

	n = (size_t)snprintf(out, size, "%s", change_kind_name(c->kind));
	for (i = 0; i < KIND_COUNT && n < size; i++) {
		int k = kind_order(i);

		if (k != c->kind && (c->kinds & (1u << k)))
			n += (size_t)snprintf(out + n, size - n, ", %s",
					      change_kind_name(k));
	}
}

/* A moved passage without edits: its text is all there is to show. */
static bool
moved_only(const struct browser *b, const struct change *c)
{
	uint32_t o;

	if (!b->al->block[c->block].move)
		return false;
	for (o = c->op; o < c->op + c->nop; o++)
		if (b->al->op[o].kind == WOP_DELETE ||
		    b->al->op[o].kind == WOP_INSERT)
			return false;
	return true;
}

/* Draw side's words of site c at x, at most w columns; the columns used. */
static int
words(const struct browser *b, const struct change *c, int side, int y,
      int x, int w, enum face f)
{
	const struct alignment *al = b->al;
	const struct doc *d = side ? al->b : al->a;
	uint32_t u0, u1;
	size_t s, e;
	bool moved = al->block[c->block].move != 0;

	/* A move's site: the changed words; a move without edits: the text. */
	site_units(al, c, side, true, &u0, &u1);
	if (u1 == u0 && moved)
		site_units(al, c, side, false, &u0, &u1);
	if (u1 == u0) {
		static const char none[] = "(none)";

		return draw_visible(y, x, (const uint8_t *)none,
				    sizeof none - 1, w, false, FACE_FOLD);
	}
	unit_bytes(d, u0, u1, &s, &e);
	return draw_visible(y, x, d->text->data + s, e - s, w, true, f);
}

/* One row: the site's mark, where, kinds, and before → after. */
static void
draw_site(const struct browser *b, int y, size_t i, bool sel)
{
	const struct change *c = &b->sites.ch->v[i];
	int w = screen_cols(), room = w - COL_TEXT - 1, x = COL_TEXT, half;
	bool cos = c->kind == KIND_COSMETIC;
	char buf[96];

	if (sel)
		screen_fill(y, 0, COL_TEXT - 1, ' ', FACE_CURSOR);
	if (sites_reviewed(&b->sites, i))
		screen_put(y, 1, "\xe2\x9c\x93", 3, sel ? FACE_CURSOR :
			   FACE_REVIEWED);	/* ✓ */
	where(b->al, c, buf, sizeof buf);
	draw_visible(y, COL_WHERE, (const uint8_t *)buf, strlen(buf),
		     COL_KINDS - COL_WHERE - 1, false,
		     sel ? FACE_CURSOR : FACE_TEXT);
	kinds(c, buf, sizeof buf);
	draw_visible(y, COL_KINDS, (const uint8_t *)buf, strlen(buf),
		     COL_TEXT - COL_KINDS - 1, false,
		     sel ? FACE_CURSOR : FACE_KEY);
	if (room < 8)
		return;
	half = (room - 3) / 2;
	if (moved_only(b, c)) {
		static const char mv[] = "moved: ";

		x += draw_visible(y, x, (const uint8_t *)mv, sizeof mv - 1,
				  room, false, FACE_MOVED);
		words(b, c, 0, y, x, COL_TEXT + room - x, FACE_MOVED);
		return;
	}
	x += words(b, c, 0, y, x, half, cos ? FACE_COSMETIC :
		   FACE_DELETED);
	x += draw_visible(y, x, (const uint8_t *)" \xe2\x86\x92 ", 5, 3,
			  false, FACE_TEXT);
	words(b, c, 1, y, x, COL_TEXT + room - x, cos ? FACE_COSMETIC :
	      FACE_INSERTED);
}

/* The filter's line: what is shown, the engine's counts by kind. */
static void
draw_filter(const struct browser *b, int y)
{
	const struct changes *ch = b->sites.ch;
	char buf[512], key[64];
	size_t n = 0;
	int i;

	keymap_first_key(b->km, ACTION_CHANGE_KIND_FILTER, key, sizeof key);
	n += (size_t)snprintf(buf + n, sizeof buf - n, " showing %s%s",
			      b->cl_filter < 0 ? "every kind" :
			      change_kind_name(b->cl_filter),
			      b->cl_filter < 0 ? "" : " changes");
	if (key[0])
		n += (size_t)snprintf(buf + n, sizeof buf - n,
				      " (%s: another kind)", key);
	n += (size_t)snprintf(buf + n, sizeof buf - n, " \xe2\x94\x82");
	for (i = 0; i < KIND_COUNT && n < sizeof buf; i++) {
		int k = kind_order(i);

		if (ch->count[k])
			n += (size_t)snprintf(buf + n, sizeof buf - n,
					      " %s %zu", change_kind_name(k),
					      ch->count[k]);
	}
	draw_visible(y, 0, (const uint8_t *)buf, strlen(buf), screen_cols(),
		     false, FACE_MESSAGE);
}

void
changelist_draw(struct browser *b)
{
	struct text *const *t = session_texts(b->s);
	const struct align_stats *st = session_stats(b->s, b->left, b->right);
	int w = screen_cols(), rows = browse_text_rows() - 1, y;
	size_t n, *v = listed(b, &n), k;
	char buf[1024], enter[64], mark[64], back[64];

	screen_fill(0, 0, w, ' ', FACE_TITLE_FOCUS);
	snprintf(buf, sizeof buf, " changes of %zu/%zu %s \xe2\x86\x92 "
		 "%zu/%zu %s: %zu substantive, %zu cosmetic",
		 browse_number(b, b->left), b->nall, t[b->left]->path,
		 browse_number(b, b->right), b->nall,
		 t[b->right]->path, st->substantive, st->cosmetic);
	draw_visible(0, 0, (const uint8_t *)buf, strlen(buf), w, false,
		     FACE_TITLE_FOCUS);
	draw_filter(b, 1);
	if (b->cl_row >= n)
		b->cl_row = n ? n - 1 : 0;
	/* Keep the selected row on screen. */
	if (b->cl_row < b->cl_top)
		b->cl_top = b->cl_row;
	if (rows > 0 && b->cl_row >= b->cl_top + (size_t)rows)
		b->cl_top = b->cl_row - (size_t)rows + 1;
	for (y = 0, k = b->cl_top; y < rows && k < n; y++, k++)
		draw_site(b, y + 2, v[k], k == b->cl_row);
	if (n == 0) {
		static const char none[] = " no changes of this kind";

		screen_put(2, 0, none, sizeof none - 1, FACE_FOLD);
	}
	screen_fill(screen_rows() - 1, 0, w, ' ', FACE_STATUS);
	if (b->message[0]) {
		draw_visible(screen_rows() - 1, 1, (const uint8_t *)b->message,
			     strlen(b->message), w - 2, false,
			     b->message_error ? FACE_ERROR : FACE_MESSAGE);
	} else {
		keymap_first_key(b->km, ACTION_SELECT, enter, sizeof enter);
		keymap_first_key(b->km, ACTION_TOGGLE_REVIEWED, mark,
		    sizeof mark);
		keymap_first_key(b->km, ACTION_QUIT, back, sizeof back);
		snprintf(buf, sizeof buf, " %zu/%zu \xe2\x94\x82 %s: show it "
			 "\xe2\x94\x82 %s: reviewed or not \xe2\x94\x82 %s: "
			 "back to the versions", n ? b->cl_row + 1 : 0, n,
			 enter, mark, back);
		draw_visible(screen_rows() - 1, 0, (const uint8_t *)buf,
			     strlen(buf), w, false, FACE_STATUS);
	}
	free(v);
	screen_cursor(0, -1);
	screen_refresh();
}

/* Enter: the site in the diff view, as the current edit. */
static int
show(struct browser *b, size_t site)
{
	uint32_t blk = b->sites.ch->v[site].block;
	size_t k;

	b->screen = SCREEN_DIFF;
	for (k = 0; k < b->nchanges; k++)
		if (b->changes[k] == blk) {
			browse_show_change(b, (long)k);
			b->cur_site = (long)site;
			sites_show(b, site);
			return RE_DRAW;
		}
	/* Not one the keys visit (cosmetic hidden, folded): show it. */
	browse_message(b, false, "not a change the keys step through now "
		       "(hidden or folded)");
	browse_scroll_to(b, (long)view_block_row(&b->view, blk));
	return RE_DRAW;
}

/* The next kind the filter shows after `f` (-1: all). */
static int
next_filter(const struct browser *b, int f)
{
	const struct changes *ch = b->sites.ch;
	int i = 0, k;
	size_t j;

	if (f >= 0)
		while (i < KIND_COUNT && kind_order(i) != f)
			i++;
	for (i = f < 0 ? 0 : i + 1; i < KIND_COUNT; i++) {
		k = kind_order(i);
		for (j = 0; j < ch->n; j++)
			if (shown(&ch->v[j], k))
				return k;
	}
	return -1;
}

static int
cycle_filter(struct browser *b)
{
	b->cl_filter = next_filter(b, b->cl_filter);
	b->cl_row = b->cl_top = 0;
	return RE_DRAW;
}

int
changelist_key(struct browser *b, int action, unsigned count)
{
	size_t n, *v = listed(b, &n), by = count ? count : 1, page;
	int re = RE_DRAW;

	page = (size_t)(browse_text_rows() > 4 ? browse_text_rows() - 2 : 1);
	switch (action) {
	case ACTION_SCROLL_DOWN: case ACTION_NEXT_CHANGE:
	case ACTION_NEXT_EDIT: case ACTION_NEXT_SUBSTANTIVE_CHANGE:
		b->cl_row = b->cl_row + by < n ? b->cl_row + by :
			(n ? n - 1 : 0);
		break;
	case ACTION_SCROLL_UP: case ACTION_PREVIOUS_CHANGE:
	case ACTION_PREVIOUS_EDIT: case ACTION_PREVIOUS_SUBSTANTIVE_CHANGE:
		b->cl_row = b->cl_row > by ? b->cl_row - by : 0;
		break;
	case ACTION_PAGE_DOWN: case ACTION_HALF_PAGE_DOWN:
		b->cl_row = b->cl_row + page < n ? b->cl_row + page :
			(n ? n - 1 : 0);
		break;
	case ACTION_PAGE_UP: case ACTION_HALF_PAGE_UP:
		b->cl_row = b->cl_row > page ? b->cl_row - page : 0;
		break;
	case ACTION_TOP:
		b->cl_row = 0;
		break;
	case ACTION_BOTTOM:
		b->cl_row = n ? n - 1 : 0;
		break;
	case ACTION_SELECT:
		re = n ? show(b, v[b->cl_row]) : RE_DRAW;
		break;
	case ACTION_TOGGLE_REVIEWED:
		re = n ? sites_toggle(b, (long)v[b->cl_row]) : RE_DRAW;
		break;
	case ACTION_CHANGE_KIND_FILTER:
		re = cycle_filter(b);
		break;
	case ACTION_CHANGE_LIST: case ACTION_QUIT: case ACTION_CANCEL:
		b->screen = SCREEN_DIFF;
		break;
	case ACTION_HELP:
		b->screen = SCREEN_HELP;
		b->help_top = 0;
		break;
	default:
		re = -1;	/* the versions' own */
	}
	free(v);
	return re;
}

/* Open the list on the current edit (or the current change's first). */
int
act_change_list(struct browser *b, int action, unsigned count)
{
	size_t n, *v, k;
	long want = sites_current(b);

	(void)action;
	(void)count;
	if (b->sites.ch == NULL || b->sites.ch->n == 0) {
		browse_message(b, false, "no changes");
		return RE_DRAW;
	}
	if (want < 0 && b->cur >= 0)
		want = b->sites.first[b->changes[b->cur]];
	b->screen = SCREEN_CHANGES;
	v = listed(b, &n);
	for (k = 0; want >= 0 && k < n; k++)
		if (v[k] >= (size_t)want) {
			b->cl_row = k;
			break;
		}
	free(v);
	return RE_DRAW;
}

int
act_kind_filter(struct browser *b, int action, unsigned count)
{
	if (b->screen != SCREEN_CHANGES)
		act_change_list(b, action, count);
	return b->screen == SCREEN_CHANGES ? cycle_filter(b) : RE_DRAW;
}
