/*
 * browse.c — the browser's state and what every action does to it (see
 * browse.h).
 */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "action.h"
#include "browse.h"
#include "changelist.h"
#include "picker.h"
#include "clip.h"
#include "editor.h"
#include "find.h"
#include "report.h"
#include "screen.h"
#include "xalloc.h"

/* A handler's parameter that it does not need. */
#define UNUSED __attribute__((unused))

/* Below this width the side-by-side view gives way to the inline one. */
#define NARROW_COLS	80

/*
 * Pairs up to this many bytes (both texts) are counted whole when laid
 * out (a few milliseconds): their positions are exact from the start.
 */
#define BROWSE_COUNT_AHEAD	(2u << 20)

int
browse_text_rows(void)
{
	int n = screen_rows() - 2;

	return n > 1 ? n : 1;
}

void
browse_message(struct browser *b, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b->message, sizeof b->message, fmt, ap);
	va_end(ap);
	b->message_error = error;
}

/* --- the session ----------------------------------------------------------- */

double
browse_similarity(struct browser *b, size_t i, size_t j)
{
	return session_similarity(b->s, i, j);
}

size_t
browse_number(const struct browser *b, size_t v)
{
	return (b->shown != NULL ? b->shown[v] : v) + 1;
}

void
browse_init(struct browser *b, struct session *s, struct keymap *km)
{
	memset(b, 0, sizeof *b);
	b->s = b->all = s;
	b->n = b->nall = session_count(s);
	b->pk_marked = xcalloc(b->nall, 1);
	b->left = 0;
	b->right = 1;
	b->base = 0;
	b->cur = -1;
	b->cur_site = -1;
	b->cl_filter = -1;
	b->cosmetic = COSMETIC_DIMMED;
	b->goal_para = RENDER_NONE;
	b->count_ahead = BROWSE_COUNT_AHEAD;
	b->km = km;
	keymap_reset(&b->ks);
	b->find = xmalloc(sizeof *b->find);
	find_init(b->find);
}

static void
free_layout(struct browser *b)
{
	view_free(&b->view);
	render_lazy_free(b->r);
	b->r = NULL;
	free(b->changes);
	b->changes = NULL;
}

void
browse_clear(struct browser *b)
{
	free_layout(b);
	find_clear(b->find);
	free(b->find);
	b->find = NULL;
	free(b->clip);
	b->clip = NULL;
	sites_free(&b->sites);
	browse_folds_reset(b);
	picker_clear(b);
}

/* --- layout ------------------------------------------------------------------- */

static void reach_goal(struct browser *b);
static void forget_offscreen_change(struct browser *b);
static int scroll_to(struct browser *b, long top);

static bool
is_change(const struct browser *b, const struct block *bl)
{
	if (bl->kind != BLOCK_EQUAL)
		return true;
	return bl->cosmetic && b->cosmetic != COSMETIC_HIDDEN;
}

static size_t
vrow_count(const struct browser *b)
{
	return view_count(&b->view);
}

/* The first view row of block k, or of the fold hiding it. */
static size_t
block_vrow(const struct browser *b, uint32_t k)
{
	return view_block_row(&b->view, k);
}

/* The last view row of block k (the fold hiding it, if folded). */
static size_t
block_last_vrow(const struct browser *b, uint32_t k)
{
	size_t v = block_vrow(b, k), end;

	if (b->view.hide[k] || k + 1 > b->al->nblock)
		return v;
	end = v + b->view.rows[k];
	return end > v ? end - 1 : v;
}

/* Is block k folded away: unchanged in changes-only, or boilerplate? */
static int
hidden(const struct browser *b, size_t k)
{
	if (b->hide_boiler && b->labels && b->labels[k])
		return 2;
	if (b->changes_only && !is_change(b, &b->al->block[k]) &&
	    !browse_fold_opened(b, k))
		return 1;
	return 0;
}

/*
 * The view rows over the layout: runs of hidden blocks folded into
 * single rows (rowindex.h), nothing laid out yet.
 */
static void
build_view(struct browser *b)
{
	uint8_t *hide = NULL;
	size_t k;

	if (b->changes_only || b->hide_boiler) {
		hide = xmalloc(b->al->nblock + 1);
		for (k = 0; k < b->al->nblock; k++)
			hide[k] = (uint8_t)hidden(b, k);
	}
	view_init(&b->view, b->r, hide);
	free(hide);
	view_track(&b->view, &b->top);
	view_track(&b->view, &b->match_row);
	view_track(&b->view, &b->match_top);
	/* A small pair is counted at once: every number exact from the start. */
	if (b->al->a->text->len + b->al->b->text->len <= b->count_ahead)
		view_count_all(&b->view);
}

/* Kinds that are facts: what next-fact-change visits. */
#define FACT_KINDS KIND_FACTS

/* The changed passages to step through (browse.h). */
static void
build_changes(struct browser *b)
{
	const struct alignment *al = b->al;
	size_t k;

	b->changes = xmalloc((al->nblock + 1) * sizeof *b->changes);
	b->nchanges = 0;
	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];

		if (!is_change(b, bl))
			continue;
		/* A move is one change: its source stands for both ends. */
		if (bl->move && bl->kind == BLOCK_INSERTED)
			continue;
		if (b->hide_boiler && b->labels[k])
			continue;	/* folded away: not a change to visit */
		b->changes[b->nchanges++] = (uint32_t)k;
	}
}

/* The block of the top row, to keep it on top through a new layout. */
static long
top_block(const struct browser *b)
{
	if (b->r == NULL || b->top >= vrow_count(b))
		return -1;
	return view_block_at(&b->view, b->top);
}

/*
 * When the top row is in a giant paragraph (render.h): the offset of its
 * first text of B (else A) in *version, to keep it on top through a new
 * layout rather than go back to the paragraph's start; else UINT32_MAX.
 */
static uint32_t
giant_top_offset(struct browser *b, int *version)
{
	const struct render_row *rw;
	struct view_row vr;
	size_t f, n;
	bool last;
	uint32_t i;
	int v, s;

	if (b->r == NULL || b->top >= vrow_count(b) ||
	    !view_row(&b->view, b->top, &vr) || vr.r == NULL ||
	    !render_lazy_giant_rows(b->r, vr.block, vr.rib, &f, &n, &last))
		return UINT32_MAX;
	rw = &vr.r->row[vr.i];
	for (v = 1; v >= 0; v--)
		for (s = 0; s < 2; s++)
			for (i = 0; rw->cell[s] == CELL_TEXT && i < rw->nspan[s];
			     i++) {
				const struct render_span *sp =
					&vr.r->span[rw->span[s] + i];

				if (!(sp->flags & SPAN_NOTE) &&
				    render_span_version(vr.r, s, sp) == v) {
					*version = v;
					return sp->off;
				}
			}
	return UINT32_MAX;
}

/*
 * Facts, paraphrases and boilerplate labels of the pair on screen: the
 * session's, worked out once per pair, whatever the width or the view.
 */
static void
analyse_pair(struct browser *b)
{
	b->op_kind = session_op_kinds(b->s, b->left, b->right);
	b->block_kinds = session_block_kinds(b->s, b->left, b->right);
	b->labels = session_labels(b->s, b->left, b->right);
	b->para_of = session_paraphrase_of(b->s, b->left, b->right);
	{
		char msg[sizeof b->message] = "";

		sites_build(&b->sites, b->al, session_changes(b->s, b->left,
			    b->right), msg, sizeof msg);
		if (msg[0])
			browse_message(b, true, "%s", msg);
	}
}

/*
 * Lay the pair out: lazily (render.h), so this costs nothing much until
 * rows are drawn.  A toggle that keeps the layout's options (changes
 * only, boilerplate) keeps the layout and what it has counted, and only
 * folds anew; one that changes the styles only (cosmetic) keeps the
 * counts.
 */
void
browse_layout(struct browser *b)
{
	struct render_opts ro;
	long keep = top_block(b);
	int keep_version = 0;
	uint32_t keep_off = giant_top_offset(b, &keep_version);
	const struct alignment *keep_al = b->r != NULL ? b->r->al : NULL;
	long cur_block = b->cur >= 0 && (size_t)b->cur < b->nchanges ?
		(long)b->changes[b->cur] : -1;
	const struct alignment *al;
	size_t k;

	session_ignore_case(b->s, b->ignore_case);
	al = session_alignment(b->s, b->left, b->right);
	b->narrow = screen_cols() < NARROW_COLS;
	memset(&ro, 0, sizeof ro);
	/* Paragraph numbers, when on, take a margin beside each pane. */
	ro.width = (unsigned)(screen_cols() - 2 * numbers_width(b, al));
	ro.cosmetic = b->cosmetic != COSMETIC_HIDDEN;
	ro.inline_view = b->inline_view || b->narrow;
	view_free(&b->view);
	free(b->changes);
	b->changes = NULL;
	if (b->r != NULL && (b->r->al != al || b->r->opts.width != ro.width ||
	    b->r->opts.inline_view != ro.inline_view)) {
		render_lazy_free(b->r);
		b->r = NULL;
	}
	if (b->r == NULL)
		b->r = render_lazy_new(al, &ro);
	else
		render_lazy_restyle(b->r, &ro);
	b->al = al;
	analyse_pair(b);
	b->top = 0;
	b->have_match = false;
	build_view(b);
	build_changes(b);
	if (keep >= 0 && (size_t)keep < b->al->nblock) {
		size_t v = block_vrow(b, (uint32_t)keep);

		/* In a giant paragraph, the row showing the same text. */
		if (keep_off != UINT32_MAX && !b->view.hide[keep] &&
		    keep_al == al)
			v = view_offset_row(&b->view, keep_version, keep_off);
		view_settle(&b->view, &v, 0, (size_t)browse_text_rows() + 1);
		scroll_to(b, (long)v);
	}
	b->cur = -1;
	for (k = 0; cur_block >= 0 && k < b->nchanges; k++)
		if (b->changes[k] == (uint32_t)cur_block)
			b->cur = (long)k;
	/* Another layout may show the current change elsewhere. */
	forget_offscreen_change(b);
	reach_goal(b);
}

/* The view row of paragraph p of a side, or SIZE_MAX; *folded if hidden. */
static size_t
para_row(struct browser *b, int side, uint32_t p, bool *folded)
{
	return view_para_row(&b->view, side, p, folded);
}

/* --- moving ------------------------------------------------------------------- */

static int scroll_to(struct browser *b, long top);
static void follow_view(struct browser *b);

/*
 * An action that needs a new layout before it can scroll (a paragraph
 * folded away, another pair) leaves a goal: paragraph p of a side, to be
 * shown `margin` rows below the top edge once laid out.
 */
static void
set_goal(struct browser *b, int side, uint32_t p, unsigned margin)
{
	b->goal_side = side;
	b->goal_para = p;
	b->goal_margin = margin;
}

static void
reach_goal(struct browser *b)
{
	size_t v;
	bool folded;

	if (b->goal_para == RENDER_NONE)
		return;
	v = para_row(b, b->goal_side, b->goal_para, &folded);
	b->goal_para = RENDER_NONE;
	if (v == SIZE_MAX)
		return;
	view_settle(&b->view, &v, b->goal_margin,
		    (size_t)browse_text_rows() + 1);
	scroll_to(b, v > b->goal_margin ? (long)(v - b->goal_margin) : 0);
	follow_view(b);
}

static size_t
max_top(const struct browser *b)
{
	size_t n = vrow_count(b), rows = (size_t)browse_text_rows();

	return n > rows ? n - rows : 0;
}

static int
scroll_to(struct browser *b, long top)
{
	size_t old = b->top, t = top < 0 ? 0 : (size_t)top;
	size_t rows = (size_t)browse_text_rows();

	if (t + rows >= vrow_count(b)) {
		/* Near the end: the bottom screen counted, t on its row. */
		view_track(&b->view, &t);
		view_settle_end(&b->view, rows);
		view_untrack(&b->view, &t);
	}
	if (t > max_top(b))
		t = max_top(b);
	b->top = t;
	return b->top != old ? RE_DRAW : RE_NONE;
}

/* Put change k at the top of the screen, a little below the edge. */
static int
show_change(struct browser *b, long k)
{
	size_t v = block_vrow(b, b->changes[k]);

	/* Count the rows above it first: two rows above, exactly. */
	view_settle(&b->view, &v, 2, (size_t)browse_text_rows());
	b->cur = k;
	scroll_to(b, v > 2 ? (long)v - 2 : 0);
	return RE_DRAW;
}

/*
 * When the current change is a move shown by its other end only (after
 * jump-to-move-target), the view row of that end; else SIZE_MAX.
 */
static size_t
twin_end_shown(const struct browser *b)
{
	size_t rows = (size_t)browse_text_rows(), own, twin;
	uint32_t tw;

	if (b->cur < 0)
		return SIZE_MAX;
	tw = align_block_twin(b->al, b->changes[b->cur]);
	if (tw == UINT32_MAX || tw == b->changes[b->cur])
		return SIZE_MAX;
	own = block_vrow(b, b->changes[b->cur]);
	twin = block_vrow(b, tw);
	if (twin < b->top || twin >= b->top + rows ||
	    (own >= b->top && own < b->top + rows))
		return SIZE_MAX;
	return twin;
}

/* The change at or after view row v (dir > 0), or before it (dir < 0). */
static int
step_change(struct browser *b, int dir, bool substantive, bool facts)
{
	long k, n = (long)b->nchanges, start;
	size_t here = b->top;	/* the first change on screen or below */
	size_t twin = twin_end_shown(b);

	if (n == 0) {
		browse_message(b, false, "no changes");
		return RE_DRAW;
	}
	/* At the other end of a move, go on from there, not from its source. */
	if (twin != SIZE_MAX)
		here = twin + (dir > 0);
	if (b->cur >= 0 && twin == SIZE_MAX) {
		start = b->cur + dir;
	} else {
		/*
		 * From the screen position: the first change at or below it
		 * (dir > 0) or the last one above it, by binary search, since
		 * changes are in row order.
		 */
		long lo = 0, hi = n;

		while (lo < hi) {
			long mid = (lo + hi) / 2;

			if (block_vrow(b, b->changes[mid]) < here)
				lo = mid + 1;
			else
				hi = mid;
		}
		start = dir > 0 ? lo : lo - 1;
	}
	for (k = start; k >= 0 && k < n; k += dir) {
		const struct block *bl = &b->al->block[b->changes[k]];

		if (substantive && bl->kind == BLOCK_EQUAL)
			continue;
		if (facts && !(b->block_kinds[b->changes[k]] & FACT_KINDS))
			continue;
		if (b->skip_reviewed &&
		    sites_block_reviewed(&b->sites, b->changes[k]))
			continue;
		return show_change(b, k);
	}
	browse_message(b, false, facts ? (dir > 0 ?
		       "no more changes of facts below" :
		       "no more changes of facts above") :
		       dir > 0 ? "no more changes below" :
		       "no more changes above");
	return RE_DRAW;
}

/* After a jump to view row v: the change there, if any, becomes current. */
static void
adopt_change_at(struct browser *b, size_t v)
{
	long lo = 0, hi = (long)b->nchanges;

	/* The last change starting at or before v. */
	while (lo < hi) {
		long mid = (lo + hi) / 2;

		if (block_vrow(b, b->changes[mid]) <= v)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0) {
		uint32_t blk = b->changes[lo - 1];
		const struct block *bl = &b->al->block[blk];

		if (block_vrow(b, blk + 1) > v) {
			b->cur = lo - 1;
			return;
		}
		(void)bl;
	}
	/* The destination of a move belongs to its source's change. */
	if (v < vrow_count(b)) {
		uint32_t blk = view_block_at(&b->view, v);
		const struct block *bl;
		size_t k;

		if (b->view.hide[blk])
			return;
		bl = &b->al->block[blk];
		if (bl->move && bl->kind == BLOCK_INSERTED)
			for (k = 0; k < b->nchanges; k++)
				if (b->changes[k] == bl->twin)
					b->cur = (long)k;
	}
}

/*
 * After a jump (go to, a goal reached): the current change is the one at
 * the top of the screen, or none, never one left far away.
 */
static void
follow_view(struct browser *b)
{
	b->cur = -1;
	adopt_change_at(b, b->top);
}

/* The focused side's paragraph on view row v: RENDER_NONE, UINT32_MAX
   - 1 for a fold, or past the end. */
#define PARA_FOLD (UINT32_MAX - 1)

static uint32_t
vrow_para(struct browser *b, size_t v)
{
	struct view_row vr;

	if (!view_row(&b->view, v, &vr) || vr.r == NULL)
		return PARA_FOLD;
	return vr.r->row[vr.i].para[b->focus];
}

/*
 * The view row before v, its block counted first (v keeps its row), or
 * SIZE_MAX at the top.
 */
static size_t
vrow_before(struct browser *b, size_t *v)
{
	if (*v == 0)
		return SIZE_MAX;
	view_settle(&b->view, v, 1, 0);
	return *v - 1;
}

/*
 * The focus side's paragraph of the giant piece on view rows [first,
 * last] (its first rows: a blank row, notes, then the paragraphs), or
 * RENDER_NONE.
 */
static uint32_t
giant_para(struct browser *b, size_t first, size_t last)
{
	size_t v;
	uint32_t p;

	for (v = first; v <= last && v < first + 4; v++)
		if ((p = vrow_para(b, v)) != RENDER_NONE && p != PARA_FOLD)
			return p;
	return RENDER_NONE;
}

static int
step_paragraph(struct browser *b, int dir)
{
	size_t v = b->top, q, first, last;
	uint32_t start = vrow_para(b, b->top), p;

	if (start == PARA_FOLD)
		start = RENDER_NONE;
	for (;;) {
		if (dir < 0) {
			if ((q = vrow_before(b, &v)) == SIZE_MAX)
				break;
			v = q;
		} else if (++v >= vrow_count(b)) {
			break;
		}
		if (view_giant_rows(&b->view, v, &first, &last)) {
			/* A giant paragraph at once: one on each side. */
			p = giant_para(b, first, last);
			for (q = first; p != RENDER_NONE && vrow_para(b, q) != p;)
				q++;
			/* Going down from below its first row: past it. */
			if (p == RENDER_NONE || p == start || (dir > 0 && q < v)) {
				v = dir < 0 ? first : last;
				continue;
			}
			v = q;
			view_settle(&b->view, &v, 0,
				    (size_t)browse_text_rows());
			return scroll_to(b, (long)v);
		}
		p = vrow_para(b, v);
		if (p == PARA_FOLD || p == RENDER_NONE || p == start)
			continue;
		/* The first row of that paragraph. */
		while (dir < 0 && (q = vrow_before(b, &v)) != SIZE_MAX &&
		       vrow_para(b, q) == p)
			v = q;
		view_settle(&b->view, &v, 0, (size_t)browse_text_rows());
		return scroll_to(b, (long)v);
	}
	return RE_NONE;
}

/*
 * N%: the row showing the byte N% into the left version's text (the
 * right's when the left is empty), as less goes N% into a file.  A share
 * of the text rather than of the rows, so that it costs one block's
 * layout, not a count of every row, and lands on the same row however
 * much has been counted.
 */
static int
go_to_share(struct browser *b, unsigned pct)
{
	int version = b->al->a->text->len > 0 ? RENDER_LEFT : RENDER_RIGHT;
	const struct text *t = version ? b->al->b->text : b->al->a->text;
	size_t v;

	if (pct == 0 || t->len == 0)
		v = 0;
	else if (pct == 100)
		v = SIZE_MAX;
	else
		v = view_offset_row(&b->view, version,
				    (uint32_t)((uint64_t)t->len * pct / 100));
	if (v != SIZE_MAX)
		view_settle(&b->view, &v, 0, (size_t)browse_text_rows());
	scroll_to(b, v == SIZE_MAX ? LONG_MAX : (long)v);
	follow_view(b);
	return RE_DRAW;
}

/* Paragraph number (1-based) or percentage. */
static int
go_to(struct browser *b, const char *arg)
{
	char *end;
	long v = strtol(arg, &end, 10);
	const struct doc *d;
	size_t i;
	bool folded;
	/* "12" or "12l": the left version's ¶12; "12r": the right one's. */
	int side = *end == 'r' || *end == 'R' ? RENDER_RIGHT : RENDER_LEFT;

	if (end == arg || v < 0 || (*end != '\0' && strcmp(end, "%") != 0 &&
				    strchr("lLrR", *end) == NULL) ||
	    (*end != '\0' && end[1] != '\0')) {
		browse_message(b, true, "not a paragraph number (12, 12r for "
			       "the right version) or a percentage: %s", arg);
		return RE_DRAW;
	}
	if (*end == '%')
		return go_to_share(b, v > 100 ? 100 : (unsigned)v);
	d = side == RENDER_LEFT ? b->al->a : b->al->b;
	if (v < 1 || (size_t)v > d->npara) {
		browse_message(b, true, "the %s version has %zu paragraphs",
			       side == RENDER_LEFT ? "left" : "right", d->npara);
		return RE_DRAW;
	}
	i = para_row(b, side, (uint32_t)(v - 1), &folded);
	if (i != SIZE_MAX) {
		size_t vr = i;

		if (folded) {
			/* Folded away: unfold, and go there once laid out. */
			if (b->changes_only)	/* that fold alone */
				browse_fold_open_para(b, side, (uint32_t)(v - 1));
			else
				b->changes_only = false;
			set_goal(b, side, (uint32_t)(v - 1), 0);
			return RE_LAYOUT;
		}
		view_settle(&b->view, &vr, 0, (size_t)browse_text_rows());
		scroll_to(b, (long)vr);
		follow_view(b);
	}
	return RE_DRAW;
}

/* --- the corrections log ------------------------------------------------------ */

static int
write_report(struct browser *b, const char *path)
{
	struct vs_error err;
	struct changes left = { 0 };
	/* Skipping reviewed changes, the report leaves them out too. */
	const struct changes *ch = sites_unreviewed(b, &left);
	int rc = report_write(path, b->al, ch,
			      session_labels(b->s, b->left, b->right), &err);

	changes_clear(&left);
	if (rc != 0) {
		browse_message(b, true, "%s", err.msg);
		return RE_DRAW;
	}
	browse_message(b, false, "wrote the %schanges from version %zu to "
		       "version %zu to %s", b->skip_reviewed ? "unreviewed " :
		       "", browse_number(b, b->left), browse_number(b, b->right),
		       path);
	return RE_DRAW;
}

/* --- search ------------------------------------------------------------------- */

long
browse_find(const struct browser *b, int v, size_t from, size_t to,
	    bool backward, size_t *len)
{
	const struct doc *d = v == RENDER_RIGHT ? b->al->b : b->al->a;

	return find_in(b->find, session_keys(b->s), d, from, to, backward,
		       len);
}

/*
 * Search from the current position; on reaching the end, wrap around
 * with a message.  The match's row goes to the top of the screen.  After
 * a match (while it is at the top), n and N go on from its row; else a
 * search forward starts at the top row, and one backward at the bottom of
 * the screen, so that a match already on screen is found either way.
 */
static int
search(struct browser *b, bool backward)
{
	long best = -1;
	bool here = b->have_match && b->match_top == b->top;
	size_t cur = here ? b->match_row : b->top, pass, rows, len, bv = 0;
	int s;

	if (b->pattern[0] == '\0') {
		browse_message(b, true, "no previous search");
		return RE_DRAW;
	}
	rows = (size_t)browse_text_rows();
	if (!here && backward)
		cur = b->top + rows;	/* the first row below the screen */
	/* Finding a row counts its block: keep these on their rows. */
	view_track(&b->view, &cur);
	view_track(&b->view, &bv);
	for (pass = 0; pass < 2 && best < 0; pass++) {
		for (s = 0; s < 2; s++) {
			const struct text *t = s ? b->al->b->text : b->al->a->text;
			size_t from;
			long hit;

			if (t->len == 0)
				continue;
			/*
			 * The text offset where the search starts: the row
			 * after the match, or at the top; backward, the start
			 * of the match's row, or of the row below the screen.
			 */
			from = view_text_after(&b->view, s, cur,
					       !(here && !backward));
			if (pass == 1)
				from = backward ? t->len : 0;
			hit = backward ?
				browse_find(b, s, 0, from, true, &len) :
				browse_find(b, s, from, t->len, false, &len);
			if (hit < 0)
				continue;
			{
				long v = (long)view_offset_row(&b->view, s,
							       (uint32_t)hit);

				if (best >= 0)
					best = (long)bv;
				if (best < 0 || (!backward && v < best) ||
				    (backward && v > best))
					best = v;
				bv = (size_t)best;
			}
		}
		if (best >= 0 && pass == 1)
			browse_message(b, false, backward ?
				       "search wrapped to the bottom" :
				       "search wrapped to the top");
	}
	view_untrack(&b->view, &cur);
	view_untrack(&b->view, &bv);
	if (best >= 0)
		best = (long)bv;
	if (best < 0) {
		browse_message(b, true, "not found: %s", b->pattern);
		return RE_DRAW;
	}
	/* Near the end the match may not reach the top: remember where it is. */
	{
		size_t v = (size_t)best;

		/* The screen from there counted, and the bottom one if that
		   is where it ends, so that best stays put. */
		view_settle(&b->view, &v, rows, rows);
		best = (long)v;
	}
	scroll_to(b, best);
	b->have_match = true;
	b->match_row = (size_t)best;
	b->match_top = b->top;
	b->cur = -1;
	adopt_change_at(b, (size_t)best);
	return RE_DRAW;
}

/* --- versions ------------------------------------------------------------------ */

static size_t
other_version(const struct browser *b, size_t v, size_t avoid, int dir)
{
	size_t k;

	for (k = 0; k < b->n; k++) {
		v = (v + b->n + (size_t)(dir > 0 ? 1 : b->n - 1)) % b->n;
		if (v != avoid)
			return v;
	}
	return v;
}

static int
set_pair(struct browser *b, size_t left, size_t right)
{
	b->left = left;
	b->right = right;
	b->cur = -1;
	b->top = 0;
	free_layout(b);		/* the new pair starts at its top */
	browse_folds_reset(b);
	browse_message(b, false, "version %zu against version %zu",
		       browse_number(b, left), browse_number(b, right));
	return RE_LAYOUT;
}

int
browse_open_pair(struct browser *b, size_t left, size_t right, int side,
		 long para)
{
	b->screen = SCREEN_DIFF;
	if (para >= 0)
		set_goal(b, side, (uint32_t)para, 2);
	return set_pair(b, left, right);
}

/* --- prompts ---------------------------------------------------------------- */

static int
open_prompt(struct browser *b, enum prompt_kind k)
{
	b->prompt = k;
	b->ninput = 0;
	b->input[0] = '\0';
	b->prefilled = false;
	return RE_DRAW;
}

static int
enter_search(struct browser *b, enum prompt_kind k)
{
	if (b->ninput) {
		memcpy(b->pattern, b->input, b->ninput + 1);
		find_set(b->find, b->pattern);
		b->have_match = false;	/* a new search starts on screen */
	}
	b->search_back = k == PROMPT_SEARCH_BACKWARD;
	return search(b, b->search_back);
}

static int
enter_goto(struct browser *b, enum prompt_kind k UNUSED)
{
	return b->ninput ? go_to(b, b->input) : RE_DRAW;
}

/* The report's path: "~/" is the home folder, as in a shell. */
static void
report_path(const struct browser *b, char *out, size_t size)
{
	const char *home = getenv("HOME");

	if (strncmp(b->input, "~/", 2) == 0 && home != NULL && *home)
		snprintf(out, size, "%s%s", home, b->input + 1);
	else
		snprintf(out, size, "%s", b->input);
}

/* An existing file is not overwritten without asking. */
static int
enter_report(struct browser *b, enum prompt_kind k UNUSED)
{
	struct stat st;

	if (b->ninput == 0)
		return RE_DRAW;
	report_path(b, b->pending, sizeof b->pending);
	if (stat(b->pending, &st) == 0) {
		snprintf(b->ask, sizeof b->ask, "%s exists; overwrite it? (y/n) ",
			 b->pending);
		open_prompt(b, PROMPT_OVERWRITE);
		return RE_DRAW;
	}
	return write_report(b, b->pending);
}

/* Each prompt: what it asks, and what Enter does with the answer. */
static const struct prompt {
	const char *ask;
	int (*enter)(struct browser *b, enum prompt_kind k);
} prompts[] = {
	[PROMPT_SEARCH_FORWARD] = { "/", enter_search },
	[PROMPT_SEARCH_BACKWARD] = { "?", enter_search },
	[PROMPT_GOTO] = { "go to \xc2\xb6N (Nr: of the right version) or N%: ",
			  enter_goto },
	[PROMPT_REPORT] = { "write the changes to: ", enter_report },
	[PROMPT_OVERWRITE] = { "", NULL },	/* browse_prompt_key */
	[PROMPT_CLIP] = { "copy to file (appended): ", clip_enter_file },
};

/*
 * A keymap that searches with C-s, as emacs does, gets emacs's prompts:
 * the search reads as the isearch its users know.
 */
static bool
emacs_search(const struct browser *b)
{
	char keys[64];

	keymap_keys_for(b->km, ACTION_SEARCH_FORWARD, keys, sizeof keys);
	return strncmp(keys, "C-s", 3) == 0 && (keys[3] == '\0' ||
						 keys[3] == ',');
}

const char *
browse_prompt_ask(const struct browser *b)
{
	if (b->prompt == PROMPT_OVERWRITE)
		return b->ask;
	if ((b->prompt == PROMPT_SEARCH_FORWARD ||
	     b->prompt == PROMPT_SEARCH_BACKWARD) && b->km && emacs_search(b)) {
		if (b->isearch.on && b->isearch.failing)
			return b->prompt == PROMPT_SEARCH_FORWARD ?
				"Failing I-search: " :
				"Failing I-search backward: ";
		return b->prompt == PROMPT_SEARCH_FORWARD ? "I-search: " :
			"I-search backward: ";
	}
	return b->prompt != PROMPT_NONE ? prompts[b->prompt].ask : "";
}

/* Backspace: one UTF-8 character less; on an empty line, close it. */
static int
prompt_erase(struct browser *b)
{
	b->prefilled = false;
	if (b->ninput == 0) {
		b->prompt = PROMPT_NONE;
		return RE_DRAW;
	}
	do
		b->ninput--;
	while (b->ninput > 0 &&
	       ((unsigned char)b->input[b->ninput] & 0xc0) == 0x80);
	b->input[b->ninput] = '\0';
	return RE_DRAW;
}

/* A typed character, as UTF-8, if there is room for it. */
static int
prompt_insert(struct browser *b, int key)
{
	char buf[4];
	size_t n;

	if (b->prefilled) {	/* typing replaces the default */
		b->prefilled = false;
		b->ninput = 0;
		b->input[0] = '\0';
	}
	if (key < 0x80) {
		buf[0] = (char)key;
		n = 1;
	} else if (key < 0x800) {
		buf[0] = (char)(0xc0 | (key >> 6));
		buf[1] = (char)(0x80 | (key & 0x3f));
		n = 2;
	} else if (key < 0x10000) {
		buf[0] = (char)(0xe0 | (key >> 12));
		buf[1] = (char)(0x80 | ((key >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (key & 0x3f));
		n = 3;
	} else {
		buf[0] = (char)(0xf0 | (key >> 18));
		buf[1] = (char)(0x80 | ((key >> 12) & 0x3f));
		buf[2] = (char)(0x80 | ((key >> 6) & 0x3f));
		buf[3] = (char)(0x80 | (key & 0x3f));
		n = 4;
	}
	if (b->ninput + n < sizeof b->input) {
		memcpy(b->input + b->ninput, buf, n);
		b->ninput += n;
		b->input[b->ninput] = '\0';
	}
	return RE_DRAW;
}

/* --- incremental search (emacs) ------------------------------------------------ */

/*
 * With a keymap that searches with C-s, the search prompt searches as
 * typed, as emacs's isearch does: each character typed or erased looks
 * again from where the search began, and a pattern with no match stays
 * at the last match, "Failing"; C-s and C-r go to the next match either
 * way (on an empty line, the last search again); Enter stays there, C-g
 * or Escape goes back to where the search began.
 */
static void
isearch_begin(struct browser *b)
{
	long k = top_block(b);

	b->isearch.on = true;
	b->isearch.failing = false;
	b->isearch.block = k;
	b->isearch.off = k >= 0 ? b->top - block_vrow(b, (uint32_t)k) : 0;
	b->isearch.cur_block = b->cur >= 0 ? (long)b->changes[b->cur] : -1;
	b->isearch.cur_site = b->cur_site;
}

/* Back where the search began, even through a new layout. */
static void
isearch_return(struct browser *b)
{
	size_t rows = (size_t)browse_text_rows(), k;
	long blk = b->isearch.block;

	if (blk >= 0 && (size_t)blk < b->al->nblock) {
		size_t v = block_vrow(b, (uint32_t)blk);

		view_settle(&b->view, &v, 0, b->isearch.off + rows + 1);
		scroll_to(b, (long)(v + b->isearch.off));
	} else {
		scroll_to(b, 0);
	}
	b->cur = -1;
	for (k = 0; b->isearch.cur_block >= 0 && k < b->nchanges; k++)
		if (b->changes[k] == (uint32_t)b->isearch.cur_block)
			b->cur = (long)k;
	b->cur_site = b->cur >= 0 ? b->isearch.cur_site : -1;
	b->have_match = false;
}

/* The input changed: search for it from where the search began. */
static int
isearch_retype(struct browser *b)
{
	size_t top = b->top, delta = b->match_row - b->match_top;
	bool had = b->have_match && b->match_top == b->top;
	long cur = b->cur, site = b->cur_site;

	if (b->ninput == 0) {
		isearch_return(b);
		b->isearch.failing = false;
		return RE_DRAW;
	}
	memcpy(b->pattern, b->input, b->ninput + 1);
	find_set(b->find, b->pattern);
	view_track(&b->view, &top);
	isearch_return(b);
	search(b, b->prompt == PROMPT_SEARCH_BACKWARD);
	view_untrack(&b->view, &top);
	b->isearch.failing = !b->have_match;
	if (b->isearch.failing) {	/* stay at the last match */
		scroll_to(b, (long)top);
		b->have_match = had;
		b->match_top = b->top;
		b->match_row = b->top + delta;
		b->cur = cur;
		b->cur_site = site;
	}
	return RE_DRAW;
}

/* A key while the incremental search prompt is open. */
static int
isearch_key(struct browser *b, int key)
{
	bool back = b->prompt == PROMPT_SEARCH_BACKWARD;

	if (key == KEYCODE_CTRL('s') || key == KEYCODE_CTRL('r')) {
		b->prompt = key == KEYCODE_CTRL('r') ? PROMPT_SEARCH_BACKWARD :
			PROMPT_SEARCH_FORWARD;
		if (b->ninput == 0) {	/* the last search again */
			if (b->pattern[0] == '\0')
				return RE_DRAW;
			b->ninput = strlen(b->pattern);
			memcpy(b->input, b->pattern, b->ninput + 1);
			return isearch_retype(b);
		}
		if (!b->isearch.failing)
			search(b, b->prompt == PROMPT_SEARCH_BACKWARD);
		return RE_DRAW;
	}
	if (key == KEYCODE_ENTER || key == KEYCODE_ESC ||
	    key == KEYCODE_CTRL('g')) {
		if (key != KEYCODE_ENTER)
			isearch_return(b);
		b->search_back = back;
		b->prompt = PROMPT_NONE;
		b->isearch.on = false;
		return RE_DRAW;
	}
	if (key == KEYCODE_CTRL('u')) {
		b->ninput = 0;
		b->input[0] = '\0';
		return isearch_retype(b);
	}
	if (key == KEYCODE_BACKSPACE || key == KEYCODE_CTRL('h')) {
		if (b->ninput == 0)	/* nothing to erase: go back, close */
			return isearch_key(b, KEYCODE_CTRL('g'));
		prompt_erase(b);
		return isearch_retype(b);
	}
	if (key >= 0x20 && key < KEYCODE_SPECIAL_BASE && key != 0x7f) {
		prompt_insert(b, key);
		return isearch_retype(b);
	}
	return RE_NONE;
}

int
browse_prompt_key(struct browser *b, int key)
{
	enum prompt_kind k = b->prompt;

	if (b->isearch.on && (k == PROMPT_SEARCH_FORWARD ||
			      k == PROMPT_SEARCH_BACKWARD))
		return isearch_key(b, key);

	if (k == PROMPT_OVERWRITE) {	/* y, or any other key for no */
		b->prompt = PROMPT_NONE;
		if (key == 'y' || key == 'Y')
			return write_report(b, b->pending);
		browse_message(b, false, "not written: %s exists", b->pending);
		return RE_DRAW;
	}
	if (key == KEYCODE_CTRL('u')) {	/* the whole line, as in a shell */
		b->prefilled = false;
		b->ninput = 0;
		b->input[0] = '\0';
		return RE_DRAW;
	}
	if (key == KEYCODE_ENTER) {
		b->prompt = PROMPT_NONE;
		return prompts[k].enter(b, k);
	}
	if (key == KEYCODE_ESC || key == KEYCODE_CTRL('g')) {
		b->prompt = PROMPT_NONE;
		return RE_DRAW;
	}
	if (key == KEYCODE_BACKSPACE || key == KEYCODE_CTRL('h'))
		return prompt_erase(b);
	if (key >= 0x20 && key < KEYCODE_SPECIAL_BASE && key != 0x7f)
		return prompt_insert(b, key);
	return RE_NONE;
}

/* --- the source view ------------------------------------------------------------ */

/*
 * The files' own bytes behind the passages of the first row at the top
 * of the screen that has one, on both sides: for a saved page, its HTML;
 * offsets come from text->orig.
 */
static int
open_source(struct browser *b)
{
	const struct render_row *rw = NULL;
	const struct text *t;
	const struct doc *d;
	size_t v;
	uint32_t p;
	int side;

	for (v = b->top; v < vrow_count(b) && rw == NULL; v++) {
		struct view_row vr;

		if (!view_row(&b->view, v, &vr) || vr.r == NULL)
			continue;
		rw = &vr.r->row[vr.i];
		if (rw->para[RENDER_LEFT] == RENDER_NONE &&
		    rw->para[RENDER_RIGHT] == RENDER_NONE)
			rw = NULL;
	}
	if (rw == NULL) {
		browse_message(b, true, "no passage on the screen");
		return RE_DRAW;
	}
	for (side = RENDER_LEFT; side <= RENDER_RIGHT; side++) {
		p = rw->para[side];
		b->src_has[side] = p != RENDER_NONE;
		if (p == RENDER_NONE)
			continue;
		b->src_version[side] = side ? b->right : b->left;
		t = session_texts(b->s)[b->src_version[side]];
		d = side ? b->al->b : b->al->a;
		b->src_para[side] = p;
		b->src_start[side] = text_orig_offset(t, d->para[p].start);
		b->src_end[side] = text_orig_end(t, d->para[p].end);
		if (b->src_end[side] < b->src_start[side])
			b->src_end[side] = b->src_start[side];
	}
	b->src_top = 0;
	b->screen = SCREEN_SOURCE;
	return RE_DRAW;
}

/* --- the presence view ------------------------------------------------------ */

static int
open_presence(struct browser *b)
{
	b->presence = session_presence(b->s, b->base);
	b->screen = SCREEN_PRESENCE;
	b->pr_row = b->pr_top = 0;
	return RE_DRAW;
}

/*
 * Enter on a row: the base against the version that carries that passage
 * differently (or first introduced it), scrolled to the passage once the
 * pair is laid out.
 */
static int
presence_open_row(struct browser *b)
{
	const struct presence *p = b->presence;
	const struct presence_row *row = &p->row[b->pr_row];
	size_t v, other = SIZE_MAX;
	int side;
	int32_t para;

	if (row->base_para < 0) {
		other = row->first;
	} else {
		for (v = 0; v < p->nversions && other == SIZE_MAX; v++)
			if (v != p->base &&
			    row->cell[v].state != PRESENCE_SAME)
				other = v;
		if (other == SIZE_MAX)
			other = b->right != p->base ? b->right :
				(p->base + 1) % p->nversions;
	}
	if (other == p->base)
		other = (p->base + 1) % p->nversions;
	b->screen = SCREEN_DIFF;
	side = row->base_para >= 0 ? RENDER_LEFT : RENDER_RIGHT;
	para = row->base_para >= 0 ? row->base_para : row->cell[other].para;
	if (para >= 0)
		set_goal(b, side, (uint32_t)para, 2);
	return set_pair(b, p->base, other);
}

/* --- the screens' keys ---------------------------------------------------- */

/*
 * The moving keys on a screen that is a list (help, source, presence):
 * *pos goes by n lines, or `page` for the page keys, up to `last`; bottom
 * sends it to `bottom`.  Returns false for any other action.
 */
static bool
move_pos(size_t *pos, int action, size_t n, size_t page, size_t last,
	 size_t bottom)
{
	switch (action) {
	case ACTION_SCROLL_DOWN:
		*pos = *pos + n < last ? *pos + n : last;
		return true;
	case ACTION_PAGE_DOWN: case ACTION_HALF_PAGE_DOWN:
		*pos = *pos + page < last ? *pos + page : last;
		return true;
	case ACTION_SCROLL_UP:
		*pos = *pos > n ? *pos - n : 0;
		return true;
	case ACTION_PAGE_UP: case ACTION_HALF_PAGE_UP:
		*pos = *pos > page ? *pos - page : 0;
		return true;
	case ACTION_TOP:
		*pos = 0;
		return true;
	case ACTION_BOTTOM:
		*pos = bottom;
		return true;
	}
	return false;
}

/*
 * The keys every screen but the versions shares: its own key, quit and
 * cancel go back to the versions, help opens the help.  -1 for others.
 */
static int
leave_key(struct browser *b, int action, int own)
{
	if (action == own || action == ACTION_QUIT ||
	    action == ACTION_CANCEL) {
		b->screen = SCREEN_DIFF;
		return RE_DRAW;
	}
	if (action == ACTION_HELP) {
		b->screen = SCREEN_HELP;
		b->help_top = 0;
		return RE_DRAW;
	}
	return -1;
}

static size_t
count_or_1(unsigned count)
{
	return count ? count : 1;
}

static size_t
half_screen(void)
{
	return (size_t)browse_text_rows() / 2;
}

static int
help_key(struct browser *b, int action, unsigned count)
{
	size_t rows = (size_t)browse_text_rows(), n = help_lines();
	size_t last = n > rows ? n - rows : 0;	/* never past its end */

	if (move_pos(&b->help_top, action, count_or_1(count), half_screen(),
		     last, last))
		return RE_DRAW;
	return leave_key(b, action == ACTION_SELECT ? ACTION_HELP : action,
			 ACTION_HELP);
}

static int
source_key(struct browser *b, int action, unsigned count)
{
	if (action != ACTION_BOTTOM &&
	    move_pos(&b->src_top, action, count_or_1(count), half_screen(),
		     SIZE_MAX, 0))
		return RE_DRAW;
	return leave_key(b, action, ACTION_SHOW_SOURCE);
}

static int
presence_key(struct browser *b, int action, unsigned count)
{
	size_t nrow = b->presence ? b->presence->nrow : 0;
	size_t last = nrow ? nrow - 1 : 0;
	int a = action == ACTION_NEXT_CHANGE ? ACTION_SCROLL_DOWN :
		action == ACTION_PREVIOUS_CHANGE ? ACTION_SCROLL_UP : action;

	if (move_pos(&b->pr_row, a, count_or_1(count), half_screen(), last,
		     last))
		return RE_DRAW;
	if (action == ACTION_SELECT)
		return nrow ? presence_open_row(b) : RE_DRAW;
	return leave_key(b, action, ACTION_PRESENCE_VIEW);
}

/* The overview's cursor: a row is the left version, a column the right. */
static const struct {
	int action;
	bool col;
	int dir;
} overview_moves[] = {
	{ ACTION_SCROLL_DOWN, false, 1 },
	{ ACTION_NEXT_VERSION_LEFT, false, 1 },
	{ ACTION_SCROLL_UP, false, -1 },
	{ ACTION_PREVIOUS_VERSION_LEFT, false, -1 },
	{ ACTION_NEXT_VERSION_RIGHT, true, 1 },
	{ ACTION_NEXT_CHANGE, true, 1 },
	{ ACTION_PREVIOUS_VERSION_RIGHT, true, -1 },
	{ ACTION_PREVIOUS_CHANGE, true, -1 },
};

static int
overview_key(struct browser *b, int action, unsigned count UNUSED)
{
	size_t i;

	for (i = 0; i < sizeof overview_moves / sizeof overview_moves[0]; i++)
		if (overview_moves[i].action == action) {
			size_t *pos = overview_moves[i].col ? &b->ov_col :
				&b->ov_row;

			*pos = (*pos + (overview_moves[i].dir > 0 ? 1 :
					b->n - 1)) % b->n;
			return RE_DRAW;
		}
	switch (action) {
	case ACTION_SELECT:
		if (b->ov_row == b->ov_col) {
			browse_message(b, true, "choose two different versions");
			return RE_DRAW;
		}
		b->screen = SCREEN_DIFF;
		return set_pair(b, b->ov_row, b->ov_col);
	case ACTION_MAKE_BASE:
		b->base = b->ov_row;
		return RE_DRAW;
	}
	return leave_key(b, action, ACTION_VERSION_OVERVIEW);
}

/* --- the actions on the versions: a handler per entry of action.h --- */

static int
act_scroll(struct browser *b, int action, unsigned count)
{
	long n = count ? (long)count : 1, rows = browse_text_rows();
	long page = rows > 2 ? rows - 2 : 1, by;

	switch (action) {
	case ACTION_SCROLL_DOWN: by = n; break;
	case ACTION_SCROLL_UP: by = -n; break;
	case ACTION_HALF_PAGE_DOWN: by = n * (rows / 2); break;
	case ACTION_HALF_PAGE_UP: by = -n * (rows / 2); break;
	case ACTION_PAGE_DOWN: by = n * page; break;
	default: by = -n * page; break;
	}
	/* Count what the move goes over: it lands where it would on a
	   layout of everything. */
	view_settle(&b->view, &b->top, by < 0 ? (size_t)-by : 0,
		    (size_t)(by > 0 ? by : 0) + (size_t)rows);
	return scroll_to(b, (long)b->top + by);
}

/* Top and bottom; with a count (vi's 5G), a paragraph number. */
static int
act_top_bottom(struct browser *b, int action, unsigned count)
{
	if (count) {
		snprintf(b->input, sizeof b->input, "%u", count);
		return go_to(b, b->input);
	}
	if (action != ACTION_TOP)
		view_settle_end(&b->view, (size_t)browse_text_rows());
	return RE_DRAW | scroll_to(b, action == ACTION_TOP ? 0 :
				   (long)max_top(b));
}

static int
act_step_change(struct browser *b, int action, unsigned count)
{
	int dir = action == ACTION_NEXT_CHANGE ||
		action == ACTION_NEXT_SUBSTANTIVE_CHANGE ||
		action == ACTION_NEXT_FACT_CHANGE ? 1 : -1;
	bool subst = action == ACTION_NEXT_SUBSTANTIVE_CHANGE ||
		action == ACTION_PREVIOUS_SUBSTANTIVE_CHANGE;
	bool facts = action == ACTION_NEXT_FACT_CHANGE ||
		action == ACTION_PREVIOUS_FACT_CHANGE;
	size_t i;
	int re = RE_NONE;

	for (i = 0; i < count_or_1(count); i++)
		re |= step_change(b, dir, subst, facts);
	return re;
}

static int
act_step_paragraph(struct browser *b, int action, unsigned count)
{
	size_t i;
	int re = RE_DRAW;

	for (i = 0; i < count_or_1(count); i++)
		re |= step_paragraph(b, action == ACTION_NEXT_PARAGRAPH ?
				     1 : -1);
	return re;
}

static int
act_search_prompt(struct browser *b, int action, unsigned count UNUSED)
{
	b->isearch.on = b->km != NULL && emacs_search(b);
	if (b->isearch.on)
		isearch_begin(b);
	return open_prompt(b, action == ACTION_SEARCH_FORWARD ?
			   PROMPT_SEARCH_FORWARD : PROMPT_SEARCH_BACKWARD);
}

static int
act_search_again(struct browser *b, int action, unsigned count UNUSED)
{
	return search(b, action == ACTION_SEARCH_NEXT ? b->search_back :
		      !b->search_back);
}

static int
act_goto(struct browser *b, int action UNUSED, unsigned count)
{
	if (count) {
		snprintf(b->input, sizeof b->input, "%u", count);
		return go_to(b, b->input);
	}
	return open_prompt(b, PROMPT_GOTO);
}

/* To whichever end of the current move is not on screen, near the top. */
static int
act_jump_move(struct browser *b, int action UNUSED, unsigned count UNUSED)
{
	size_t rows = (size_t)browse_text_rows(), row, here, there;
	uint32_t tw;
	long v;

	if (b->cur < 0) {
		browse_message(b, true, "no current change: go to a "
			       "moved passage first");
		return RE_DRAW;
	}
	tw = align_block_twin(b->al, b->changes[b->cur]);
	if (tw == UINT32_MAX) {
		browse_message(b, true, "this change is not a move");
		return RE_DRAW;
	}
	if (tw == b->changes[b->cur]) {
		browse_message(b, false, "moved inside this paragraph");
		return RE_DRAW;
	}
	here = block_vrow(b, b->changes[b->cur]);
	there = block_vrow(b, tw);
	if (here >= b->top && here < b->top + rows &&
	    !(there >= b->top && there < b->top + rows))
		row = there;
	else
		row = here;
	view_settle(&b->view, &row, 2, rows);
	v = (long)row;
	scroll_to(b, v > 2 ? v - 2 : 0);
	return RE_DRAW;
}

/* Stepping past the last version (or before the first) says it wrapped. */
static void
wrapped_note(struct browser *b, size_t from, size_t to, int dir)
{
	size_t n = strlen(b->message);

	if ((dir > 0 && to < from) || (dir < 0 && to > from))
		snprintf(b->message + n, sizeof b->message - n,
			 dir > 0 ? " (wrapped: past the last version to "
			 "the first)" : " (wrapped: before the first version "
			 "to the last)");
}

static int
act_version(struct browser *b, int action, unsigned count UNUSED)
{
	int dir = action == ACTION_NEXT_VERSION_RIGHT ||
		action == ACTION_NEXT_VERSION_LEFT ? 1 : -1;
	size_t from, to;
	int re;

	if (b->n < 3) {
		browse_message(b, false, "only two versions");
		return RE_DRAW;
	}
	if (action == ACTION_NEXT_VERSION_RIGHT ||
	    action == ACTION_PREVIOUS_VERSION_RIGHT) {
		from = b->right;
		to = other_version(b, from, b->left, dir);
		re = set_pair(b, b->left, to);
	} else {
		from = b->left;
		to = other_version(b, from, b->right, dir);
		re = set_pair(b, to, b->right);
	}
	wrapped_note(b, from, to, dir);
	return re;
}

static int
act_swap(struct browser *b, int action UNUSED, unsigned count UNUSED)
{
	return set_pair(b, b->right, b->left);
}

static int
act_make_base(struct browser *b, int action UNUSED, unsigned count UNUSED)
{
	b->base = b->left;
	browse_message(b, false, "version %zu is the base",
		       browse_number(b, b->base));
	return RE_DRAW;
}

static int
act_report(struct browser *b, int action UNUSED, unsigned count UNUSED)
{
	open_prompt(b, PROMPT_REPORT);
	snprintf(b->input, sizeof b->input, "versus-report.md");
	b->ninput = strlen(b->input);
	b->prefilled = true;
	return RE_DRAW;
}

static int
act_source(struct browser *b, int action UNUSED, unsigned count UNUSED)
{
	return open_source(b);
}

static int
act_presence(struct browser *b, int action UNUSED, unsigned count UNUSED)
{
	return open_presence(b);
}

static int
act_overview(struct browser *b, int action UNUSED, unsigned count UNUSED)
{
	b->screen = SCREEN_OVERVIEW;
	b->ov_row = b->left;
	b->ov_col = b->right;
	return RE_DRAW;
}

static int
act_fold(struct browser *b, int action, unsigned count UNUSED)
{
	b->changes_only = action == ACTION_TOGGLE_CHANGES_ONLY ?
		!b->changes_only : action == ACTION_FOLD_UNCHANGED;
	browse_folds_reset(b);		/* all of them, opened ones too */
	browse_message(b, false, b->changes_only ?
		       "changes only: unchanged paragraphs folded" :
		       "all paragraphs shown");
	return RE_LAYOUT;
}

static int
act_boilerplate(struct browser *b, int action UNUSED, unsigned count UNUSED)
{
	size_t k, nb = 0;

	for (k = 0; k < b->al->nblock; k++)
		nb += b->labels[k] != NULL;
	b->hide_boiler = !b->hide_boiler;
	browse_message(b, false, b->hide_boiler ?
		       "%zu boilerplate passage%s folded away" :
		       "boilerplate shown (%zu passage%s)", nb,
		       nb == 1 ? "" : "s");
	return RE_LAYOUT;
}

static int
act_cosmetic(struct browser *b, int action UNUSED, unsigned count UNUSED)
{
	b->cosmetic = (b->cosmetic + 1) % 3;
	browse_message(b, false, "cosmetic changes %s",
		       b->cosmetic == COSMETIC_SHOWN ? "shown" :
		       b->cosmetic == COSMETIC_DIMMED ? "dimmed" : "hidden");
	return RE_LAYOUT;
}

/* The options that are on or off: what each state says, what it needs. */
static const struct toggle {
	int action;
	size_t field;		/* a bool of struct browser */
	const char *on, *off;
	int re;
} toggles[] = {
	{ ACTION_TOGGLE_IGNORE_CASE, offsetof(struct browser, ignore_case),
	  "case-only changes ignored", "case-only changes shown", RE_LAYOUT },
	{ ACTION_TOGGLE_CHARS, offsetof(struct browser, chars),
	  "highlighting changed characters", "highlighting changed words",
	  RE_DRAW },
	{ ACTION_TOGGLE_PARAGRAPH_NUMBERS,
	  offsetof(struct browser, para_numbers), "paragraph numbers shown",
	  "paragraph numbers hidden", RE_LAYOUT },
};

static int
act_toggle(struct browser *b, int action, unsigned count UNUSED)
{
	size_t i;

	for (i = 0; i < sizeof toggles / sizeof toggles[0]; i++) {
		const struct toggle *t = &toggles[i];
		bool *on = (bool *)((char *)b + t->field);

		if (t->action != action)
			continue;
		*on = !*on;
		browse_message(b, false, "%s", *on ? t->on : t->off);
		return t->re;
	}
	return RE_NONE;
}

static int
act_inline(struct browser *b, int action UNUSED, unsigned count UNUSED)
{
	if (b->narrow) {
		browse_message(b, false, "the terminal is narrower than %d "
			       "columns: inline only", NARROW_COLS);
		return RE_DRAW;
	}
	b->inline_view = !b->inline_view;
	return RE_LAYOUT;
}

static int
act_select(struct browser *b UNUSED, int action UNUSED, unsigned count UNUSED)
{
	return RE_NONE;		/* it chooses on the other screens only */
}

static int
act_redraw(struct browser *b UNUSED, int action UNUSED, unsigned count UNUSED)
{
	return RE_LAYOUT;
}

static int
act_help(struct browser *b, int action UNUSED, unsigned count UNUSED)
{
	b->screen = SCREEN_HELP;
	b->help_top = 0;
	return RE_DRAW;
}

static int
act_cancel(struct browser *b, int action UNUSED, unsigned count UNUSED)
{
	b->message[0] = '\0';
	return RE_DRAW;
}

static int
act_quit(struct browser *b UNUSED, int action UNUSED, unsigned count UNUSED)
{
	return RE_QUIT;
}

/* For the handlers of other files (browse.h). */
int
browse_scroll_to(struct browser *b, long top)
{
	return scroll_to(b, top);
}

int
browse_show_change(struct browser *b, long k)
{
	return show_change(b, k);
}

int
browse_step_change(struct browser *b, int dir)
{
	return step_change(b, dir, false, false);
}

/* The registry's handlers, by action id (action.h names each one). */
static int (*const handlers[ACTION_COUNT])(struct browser *, int, unsigned) = {
#define ACTION_HANDLER(id, name, help, fn) [ACTION_##id] = fn,
	ACTION_LIST(ACTION_HANDLER)
#undef ACTION_HANDLER
};

/* The versions' own screen: every action is its registry handler. */
static int
diff_key(struct browser *b, int action, unsigned count)
{
	if (action < 0 || action >= ACTION_COUNT)
		return RE_NONE;
	return handlers[action](b, action, count);
}

/* --- dispatch --------------------------------------------------------------- */

const struct browse_screen_ops browse_screens[] = {
	[SCREEN_DIFF] = { diff_draw, diff_key },
	[SCREEN_HELP] = { help_draw, help_key },
	[SCREEN_OVERVIEW] = { overview_draw, overview_key },
	[SCREEN_PRESENCE] = { presence_draw, presence_key },
	[SCREEN_SOURCE] = { source_draw, source_key },
	[SCREEN_CHANGES] = { changelist_draw, changelist_key },
	[SCREEN_PICKER] = { picker_draw, picker_key },
};

/* The current change is forgotten once it is off the screen. */
static void
forget_offscreen_change(struct browser *b)
{
	size_t rows = (size_t)browse_text_rows(), v;
	uint32_t blk;

	if (b->cur < 0)
		return;
	blk = b->changes[b->cur];
	v = block_vrow(b, blk);
	if (v + 1 < b->top || v >= b->top + rows) {
		/* Its last row may still show: look at the block's end too. */
		size_t end = block_last_vrow(b, blk);

		if (end < b->top || v >= b->top + rows)
			b->cur = -1;
	}
}

int
browse_action(struct browser *b, int action, unsigned count)
{
	int re = browse_screens[b->screen].key(b, action, count);

	if (re < 0) {
		/* Not a key of that screen: back to the versions with it. */
		b->screen = SCREEN_DIFF;
		re = RE_DRAW | diff_key(b, action, count);
	}
	switch (action) {
	case ACTION_NEXT_CHANGE: case ACTION_PREVIOUS_CHANGE:
	case ACTION_NEXT_SUBSTANTIVE_CHANGE:
	case ACTION_PREVIOUS_SUBSTANTIVE_CHANGE:
	case ACTION_JUMP_TO_MOVE_TARGET:
		break;
	default:
		/* A new layout keeps the current change with its block. */
		if (b->screen == SCREEN_DIFF && b->r != NULL &&
		    !(re & RE_LAYOUT))
			forget_offscreen_change(b);
	}
	return re;
}

bool
browse_react(struct browser *b, int re)
{
	if (re & RE_QUIT)
		return false;
	if (re & RE_LAYOUT)
		browse_layout(b);
	if ((re & (RE_DRAW | RE_LAYOUT)) && b->r != NULL) {
		/* What the screen shows is counted: clamp to the real end. */
		size_t rows = (size_t)browse_text_rows();

		view_settle(&b->view, &b->top, 0, rows);
		if (b->top > max_top(b))
			scroll_to(b, (long)b->top);
	}
	if (re & (RE_DRAW | RE_LAYOUT))
		browse_draw(b);
	return true;
}

int
browse_idle(struct browser *b, double ms)
{
	if (b->r == NULL || view_all_exact(&b->view))
		return -1;
	return view_idle(&b->view, ms) ? 1 : 0;
}

int
browse_mouse(struct browser *b, int row, int col, int kind)
{
	if (kind == MOUSE_WHEEL_UP)
		return browse_action(b, ACTION_SCROLL_UP, 3);
	if (kind == MOUSE_WHEEL_DOWN)
		return browse_action(b, ACTION_SCROLL_DOWN, 3);
	if (b->screen != SCREEN_DIFF || b->r == NULL || row < 0)
		return RE_NONE;
	if (row >= 1 && browse_fold_click(b, b->top + (size_t)row - 1))
		return RE_LAYOUT;	/* a click on a fold opens it */
	b->focus = (unsigned)col >= b->r->pane + RENDER_GUTTER / 2 +
		(unsigned)numbers_width(b, b->al) ?
		RENDER_RIGHT : RENDER_LEFT;
	return RE_DRAW;
}
