/*
 * sites.c — the change sites of the pair on screen as the browser sees
 * them: the index, the current edit and its faces, the steps through the
 * edits of a change, and the reviewed marks (see sites.h, reviewed.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "browse.h"
#include "reviewed.h"
#include "sites.h"
#include "xalloc.h"

void
sites_free(struct site_index *x)
{
	free(x->first);
	free(x->op_site);
	free(x->key);
	reviewed_free(x->marks);
	memset(x, 0, sizeof *x);
}

/*
 * The sites' keys, worked out when first needed: while the pair has no
 * reviewed mark nothing asks for them (200,000 sites of a 10 MB pair:
 * 50 ms and 5 MB before the first screen).
 */
static void
need_keys(struct site_index *x)
{
	if (x->key != NULL)
		return;
	x->key = xmalloc((x->ch->n + 1) * sizeof *x->key);
	reviewed_keys(x->al, x->ch, x->key);
}

void
sites_build(struct site_index *x, const struct alignment *al,
	    const struct changes *ch, char *msg, size_t msgsize)
{
	size_t k, i;
	uint32_t o;

	if (x->al == al && x->ch == ch)
		return;
	sites_free(x);
	x->al = al;
	x->ch = ch;
	x->first = xcalloc(al->nblock + 1, sizeof *x->first);
	x->op_site = xcalloc(al->nop + 1, sizeof *x->op_site);
	/* Sites come block by block: count, then add up. */
	for (i = 0; i < ch->n; i++) {
		x->first[ch->v[i].block + 1]++;
		for (o = ch->v[i].op; o < ch->v[i].op + ch->v[i].nop; o++)
			x->op_site[o] = (uint32_t)i + 1;
	}
	for (k = 0; k < al->nblock; k++)
		x->first[k + 1] += x->first[k];
	x->marks = reviewed_open(al->a->text, al->b->text, msg, msgsize);
	if (x->marks != NULL && reviewed_count(x->marks) > 0)
		need_keys(x);
}

long
sites_current(const struct browser *b)
{
	const struct site_index *x = &b->sites;

	if (b->cur < 0 || b->cur_site < 0 || x->ch == NULL ||
	    (size_t)b->cur_site >= x->ch->n ||
	    (size_t)b->cur >= b->nchanges ||
	    x->ch->v[b->cur_site].block != b->changes[b->cur])
		return -1;
	return b->cur_site;
}

bool
sites_reviewed(const struct site_index *x, size_t i)
{
	return x->marks != NULL && reviewed_count(x->marks) > 0 &&
		i < x->ch->n && reviewed_has(x->marks, x->key[i]);
}

bool
sites_block_reviewed(const struct site_index *x, uint32_t k)
{
	uint32_t i;

	if (x->marks == NULL || reviewed_count(x->marks) == 0 ||
	    k >= x->al->nblock || x->first[k] == x->first[k + 1])
		return false;
	for (i = x->first[k]; i < x->first[k + 1]; i++)
		if (!reviewed_has(x->marks, x->key[i]))
			return false;
	return true;
}

enum face
sites_face(const struct browser *b, long op, int side, uint8_t style,
	   enum face f)
{
	const struct site_index *x = &b->sites;
	long cur;
	size_t i;

	if (op < 0 || x->op_site == NULL || (size_t)op >= x->al->nop ||
	    x->op_site[op] == 0)
		return f;
	if (style != STYLE_DELETED && style != STYLE_INSERTED &&
	    style != STYLE_COSMETIC)
		return f;
	i = x->op_site[op] - 1;
	cur = sites_current(b);
	if (cur >= 0 ? (long)i == cur :
	    b->cur >= 0 && x->ch->v[i].block == b->changes[b->cur])
		return style == STYLE_DELETED ||
			(style == STYLE_COSMETIC && side == 0) ?
			FACE_CURRENT_DELETED : FACE_CURRENT_INSERTED;
	if (sites_reviewed(x, i))
		return FACE_REVIEWED;
	return f;
}

void
sites_status(const struct browser *b, char *out, size_t size)
{
	const struct site_index *x = &b->sites;
	long cur = sites_current(b);
	uint32_t blk, n;

	out[0] = '\0';
	if (b->cur < 0 || x->first == NULL)
		return;
	blk = b->changes[b->cur];
	n = x->first[blk + 1] - x->first[blk];
	if (cur >= 0)
		snprintf(out, size, ", edit %lu/%u",
			 (unsigned long)(cur - x->first[blk] + 1), n);
}

void
sites_show(struct browser *b, size_t i)
{
	const struct change *c = &b->sites.ch->v[i];
	const struct alignment *al = b->al;
	size_t rows = (size_t)browse_text_rows(), v;
	int side = -1;
	uint32_t o, off = 0;

	for (o = c->op; o < c->op + c->nop && side < 0; o++) {
		const struct wop *w = &al->op[o];

		if (w->na > 0) {
			side = 0;
			off = al->a->tok[al->a->unit[w->a].tok].off;
		} else if (w->nb > 0) {
			side = 1;
			off = al->b->tok[al->b->unit[w->b].tok].off;
		}
	}
	v = view_block_row(&b->view, c->block);
	if (side >= 0) {
		size_t at = view_offset_row(&b->view, side, off);

		/* Where the block shows its text (not a move's other end). */
		if (at >= v && view_block_at(&b->view, at) == c->block)
			v = at;
	}
	if (v < b->top || v >= b->top + rows) {
		/* Count the rows above it first: two rows above, exactly. */
		view_settle(&b->view, &v, 2, rows);
		browse_scroll_to(b, v > 2 ? (long)v - 2 : 0);
	}
}

/* The site of block k after `from` going dir (from < 0: the end). */
static long
site_in_block(const struct browser *b, uint32_t k, long from, int dir)
{
	const struct site_index *x = &b->sites;
	long lo = x->first[k], hi = x->first[k + 1], i;

	i = from < 0 ? (dir > 0 ? lo : hi - 1) : from + dir;
	for (; i >= lo && i < hi; i += dir)
		if (!b->skip_reviewed || !sites_reviewed(x, (size_t)i) ||
		    i == from)
			return i;
	return -1;
}

static int
step_edit(struct browser *b, int dir)
{
	long i = -1, before;
	int re = RE_DRAW;

	if (b->cur >= 0 && b->sites.first != NULL)
		i = site_in_block(b, b->changes[b->cur], sites_current(b),
				  dir);
	while (i < 0) {
		before = b->cur;
		re |= browse_step_change(b, dir);
		if (b->cur < 0 || b->cur == before)
			return re;	/* no more changes: it says so */
		i = site_in_block(b, b->changes[b->cur], -1, dir);
	}
	b->cur_site = i;
	sites_show(b, (size_t)i);
	return re;
}

int
act_step_edit(struct browser *b, int action, unsigned count)
{
	unsigned n;
	int re = RE_NONE;

	for (n = 0; n < (count ? count : 1); n++)
		re |= step_edit(b, action == ACTION_NEXT_EDIT ? 1 : -1);
	return re;
}

/* --- reviewed marks ----------------------------------------------------- */

/* Mark or unmark sites [lo, hi), write the file, and say so. */
static int
mark_sites(struct browser *b, size_t lo, size_t hi, bool on)
{
	struct site_index *x = &b->sites;
	struct vs_error err;
	size_t i, n = 0;

	need_keys(x);
	for (i = lo; i < hi; i++)
		reviewed_set(x->marks, x->key[i], on);
	if (reviewed_save(x->marks, &err) != 0) {
		browse_message(b, true, "reviewed marks not saved: %s",
			       err.msg);
		return RE_DRAW;
	}
	for (i = 0; i < x->ch->n; i++)
		n += sites_reviewed(x, i);
	browse_message(b, false, "%zu edit%s %s (%zu of %zu reviewed)",
		       hi - lo, hi - lo == 1 ? "" : "s",
		       on ? "marked reviewed" : "unmarked", n, x->ch->n);
	return RE_DRAW;
}

int
sites_toggle(struct browser *b, long site)
{
	struct site_index *x = &b->sites;
	uint32_t k;
	size_t i;
	bool all = true;

	if (x->marks == NULL)
		return RE_NONE;
	if (site >= 0)
		return mark_sites(b, (size_t)site, (size_t)site + 1,
				  !sites_reviewed(x, (size_t)site));
	if (b->cur < 0) {
		browse_message(b, true, "no current change: go to one first");
		return RE_DRAW;
	}
	k = b->changes[b->cur];
	if (x->first[k] == x->first[k + 1]) {
		browse_message(b, true, "this change has no edits to mark");
		return RE_DRAW;
	}
	for (i = x->first[k]; i < x->first[k + 1]; i++)
		all = all && sites_reviewed(x, i);
	return mark_sites(b, x->first[k], x->first[k + 1], !all);
}

int
act_toggle_reviewed(struct browser *b, int action, unsigned count)
{
	(void)action;
	(void)count;
	return sites_toggle(b, sites_current(b));
}

int
act_skip_reviewed(struct browser *b, int action, unsigned count)
{
	(void)action;
	(void)count;
	b->skip_reviewed = !b->skip_reviewed;
	browse_message(b, false, b->skip_reviewed ?
		       "next-change and next-edit skip reviewed changes" :
		       "next-change and next-edit visit reviewed changes");
	return RE_DRAW;
}

const struct changes *
sites_unreviewed(const struct browser *b, struct changes *tmp)
{
	const struct site_index *x = &b->sites;

	if (!b->skip_reviewed || x->marks == NULL)
		return x->ch;
	reviewed_filter(x->marks, x->al, x->ch, tmp);
	return tmp;
}
