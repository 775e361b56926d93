/*
 * render.c — the side-by-side layout model (see render.h).
 *
 * render_build() walks the blocks once.  For each block it first gives
 * every token of the block's paragraphs a style (style_side), then lays
 * out each side's paragraphs into rows (layout_para), creating rows as the
 * longer side needs them; rows start as filler on both sides, so whatever
 * the shorter side does not reach stays filler and the two sides always
 * have the same number of rows.
 *
 * Wrapping works on "atoms": one character of a token in its visible form
 * (width.h), or a whole TOK_SPACE token, which is drawn as one space.  The
 * break opportunities are those of UAX #14, computed by
 * u8_possible_linebreaks on a copy of the paragraph in which white space
 * tokens are plain spaces (soft line ends must not be mandatory breaks)
 * and control and invalid bytes are letters, byte for byte, so that the
 * copy's offsets are the text's, a control shown as "^[" breaks like the
 * letters it is shown as, and libunistring never sees invalid UTF-8.
 *
 * The filling is greedy (fill_line): a row takes "pieces", the atoms from
 * one break opportunity to the next, while the row's width stays within
 * the pane; spaces at the end of a row hang (they are not drawn and do not
 * count).  A piece wider than the whole pane is broken between atoms,
 * before any atom that has a width, so a combining mark stays with its
 * base; at least one atom goes on each row, and since the pane is never
 * narrower than the widest visible form with its brackets, nothing is ever
 * cut off.  With brackets, the widths count "[-" and "-]" around each run
 * of deleted atoms on the row (likewise "{+" "+}"), which is why a width
 * is always measured from the style of the atom before it.
 *
 * Every atom is measured a bounded number of times: a piece is measured
 * only until it overflows the pane (widths only grow), once on the row
 * where it does not fit and once more on the next row, and each row is
 * walked once more to emit its spans; so the layout is linear in the text,
 * even for a 10 MB line or word.  A token of printable ASCII with no break
 * opportunity inside is measured as one atom, which makes English fast.
 * The scratch buffers are reused from paragraph to paragraph.
 *
 * A paragraph that lazy docs (lazy.h) left whole is one TOK_PARA token:
 * it is cut into tokens by the one tokeniser (token.h) when laid out, into
 * a scratch doc of that paragraph alone whose tokens all take the whole
 * paragraph's style, so that it has the rows and spans a fully built doc
 * gives it.  White space runs, controls and invalid bytes, all that the
 * layout and render_span_text read of tokens, do not depend on what is
 * around them, so any stretch of a whole paragraph can be cut alone.
 */
#include "config.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>

#include "linebreak.h"
#include "render.h"
#include "token.h"
#include "width.h"
#include "xalloc.h"

/* No style yet: a token that is not a unit, or the start of a row. */
#define STYLE_NONE	0xff

#define MARK_CONT	0x2502	/* │ */
#define MARK_COSMETIC	0x2248	/* ≈ */

struct builder {
	struct render *r;
	const struct alignment *al;
	size_t caprow, capspan, capnote;
	uint8_t *style[2];	/* style of each token, per side */
	uint8_t *copy;		/* the paragraph for u8_possible_linebreaks */
	char *brk;		/* its break opportunities */
	uint8_t *simple;	/* per token of it: printable ASCII, unbroken */
	size_t capcopy, capbrk, capsimple;
	uint32_t pstart;	/* offset of copy[0] in the text */
	uint32_t ptok;		/* its first token */
	const struct doc *d;	/* the side being laid out */
	int side;
	bool count_only;	/* rows and cells only, no spans (counting) */
	uint8_t *sorted[2];	/* per block and side: 0 not known, 1 the ops
				   are in order on that side, 2 not */
	/* Per block, the first move below the paragraph (+ 1) with its
	 * source (0) or destination (1) there; NULL without such moves. */
	uint32_t *subend[2];
	/* A whole paragraph cut into tokens: its doc, tokens and styles. */
	struct doc wdoc;
	struct para wpara;
	struct tokeniser wtz;
	uint8_t *wstyle;
	size_t capwstyle;
};

/* A position in a paragraph: a byte and the token holding it. */
struct cursor {
	uint32_t pos;
	uint32_t tok;
	bool zwj;		/* the atom before pos is U+200D */
};

struct atom {
	uint32_t len;
	unsigned int width;
	uint8_t style;
	bool space;		/* a TOK_SPACE token */
	bool brk;		/* a row may start here (UAX #14) */
	bool split;		/* a too wide piece may be broken here */
};

/* Running width of a row: columns so far and the style of the last atom. */
struct measure {
	unsigned int w;
	uint8_t last;
};

static bool
bracketed(const struct builder *b, uint8_t style)
{
	return b->r->opts.brackets &&
	    (style == STYLE_DELETED || style == STYLE_INSERTED);
}

/*
 * Read the atom at c (c->pos < end) and step past it.  With `whole`, a
 * token of printable ASCII with no break opportunity inside is one atom
 * (the fast path for English); fill_forced, which may cut anywhere, reads
 * single characters.
 */
static void
next_atom(const struct builder *b, struct cursor *c, uint32_t end,
	  struct atom *at, bool whole)
{
	const struct token *t = &b->d->tok[c->tok];
	const uint8_t *s = b->d->text->data;
	uint32_t tend = t->off + t->len, pos = c->pos;
	uint32_t uc;
	size_t k, ol;
	char out[16];
	char o;

	if (tend > end)
		tend = end;
	o = pos > b->pstart ? b->brk[pos - b->pstart] : UC_BREAK_PROHIBITED;
	at->brk = o == UC_BREAK_POSSIBLE || o == UC_BREAK_MANDATORY ||
	    o == UC_BREAK_HYPHENATION;
	at->style = b->style[b->side][c->tok];
	if (t->kind == TOK_SPACE) {
		at->len = tend - pos;
		at->width = 1;
		at->space = true;
		at->split = true;
		c->zwj = false;
	} else if (whole && pos == t->off && tend == t->off + t->len &&
	    b->simple[c->tok - b->ptok]) {
		at->len = t->len;
		at->width = t->len;
		at->space = false;
		at->split = !c->zwj;
		c->zwj = false;
	} else if (s[pos] >= 0x20 && s[pos] < 0x7f) {
		at->len = 1;
		at->width = 1;
		at->space = false;
		at->split = !c->zwj;
		c->zwj = false;
	} else {
		k = width_decode(s + pos, tend - pos, &uc);
		at->len = (uint32_t)k;
		at->space = false;
		if (uc == '\t')
			at->width = 1;
		else
			at->width = (unsigned int)width_char_form(uc,
			    uc == 0xfffd && k == 1, 0, out, &ol);
		at->split = at->width > 0 && !c->zwj;
		c->zwj = uc == 0x200d;
	}
	c->pos += at->len;
	if (c->pos >= t->off + t->len)
		c->tok++;
}

/* Add atom a to m: its width and the brackets it opens or closes. */
static void
add_atom(const struct builder *b, struct measure *m, const struct atom *a)
{
	unsigned int w = a->width;

	if (a->style != m->last) {
		if (m->last != STYLE_NONE && bracketed(b, m->last))
			w += 2;
		if (bracketed(b, a->style))
			w += 2;
	}
	m->w += w;
	m->last = a->style;
}

/* Width of the row m with its last bracket closed. */
static unsigned int
closed_width(const struct builder *b, const struct measure *m)
{
	return m->w + (m->last != STYLE_NONE && bracketed(b, m->last) ? 2 : 0);
}

/*
 * Fill a row from vis with a piece too wide for the pane, breaking it
 * between atoms: before the last atom that may start a row (split) ahead
 * of the one that does not fit, else before that one; at least one atom
 * is taken.  Returns the end of the row's content; *next gets the start
 * of the next row.
 */
static uint32_t
fill_forced(const struct builder *b, struct cursor vis, uint32_t end,
	    struct cursor *next)
{
	unsigned int pane = b->r->pane;
	struct measure pend = { 0, STYLE_NONE }, t;
	struct cursor it = vis, before, content = vis;
	struct cursor split_content = vis, split_at = vis;
	bool any = false, have_split = false;
	struct atom at;

	while (it.pos < end) {
		before = it;
		next_atom(b, &it, end, &at, false);
		if (at.space) {
			add_atom(b, &pend, &at);
			continue;
		}
		t = pend;
		add_atom(b, &t, &at);
		if (any && closed_width(b, &t) > pane) {
			if (!at.split && have_split) {
				*next = split_at;
				return split_content.pos;
			}
			*next = before;
			return content.pos;
		}
		if (any && at.split) {
			/* A row could end before this atom. */
			have_split = true;
			split_content = content;
			split_at = before;
		}
		pend = t;
		content = it;
		any = true;
	}
	*next = it;
	return content.pos;
}

/*
 * Fill one row starting at *c (not a space): returns the end of its
 * visible part and leaves *c at the start of the next row (or at end).
 */
static uint32_t
fill_line(const struct builder *b, struct cursor *c, uint32_t end)
{
	unsigned int pane = b->r->pane;
	struct measure row = { 0, STYLE_NONE }, m, cm;
	struct cursor vis = *c, it, before, content;
	struct atom at;
	bool seen;

	for (;;) {
		/* The next piece: pending spaces, then up to a break. */
		m = row;
		cm = row;
		it = vis;
		content = vis;
		seen = false;
		while (it.pos < end) {
			before = it;
			next_atom(b, &it, end, &at, true);
			if (at.brk && seen) {
				it = before;
				break;
			}
			add_atom(b, &m, &at);
			if (!at.space) {
				seen = true;
				cm = m;
				content = it;
				/* Widths only grow: stop once it cannot fit. */
				if (closed_width(b, &cm) > pane)
					break;
			}
		}
		if (!seen) {
			*c = it;	/* only hanging spaces were left */
			return vis.pos;
		}
		if (closed_width(b, &cm) <= pane) {
			row = cm;
			vis = content;
			continue;
		}
		if (row.last != STYLE_NONE) {
			*c = vis;	/* the piece starts the next row */
			return vis.pos;
		}
		return fill_forced(b, vis, end, c);
	}
}

/* --- rows and spans ------------------------------------------------------- */

static struct render_row *
row_get(struct builder *b, size_t i, uint32_t block)
{
	struct render *r = b->r;
	struct render_row *row;

	if (i == r->nrow) {
		r->row = xgrow(r->row, &b->caprow, i + 1, sizeof *r->row);
		row = &r->row[r->nrow++];
		memset(row, 0, sizeof *row);
		row->para[0] = row->para[1] = RENDER_NONE;
		row->block = block;
		row->mark = ' ';
		row->cell[0] = row->cell[1] = CELL_FILLER;
	}
	return &r->row[i];
}

static void
push_span(struct builder *b, const struct render_span *sp)
{
	struct render *r = b->r;

	r->span = xgrow(r->span, &b->capspan, r->nspan + 1, sizeof *r->span);
	r->span[r->nspan++] = *sp;
}

static void
close_span(struct builder *b, struct render_span *sp)
{
	if (bracketed(b, sp->style)) {
		sp->width += 2;
		sp->flags |= SPAN_CLOSE;
	}
	push_span(b, sp);
}

/* Spans for atoms [c.pos, vend) in row->cell[b->side]: one per style run. */
static void
emit_line(struct builder *b, struct cursor c, uint32_t vend,
	  struct render_row *row)
{
	struct render_span sp = { 0 };
	unsigned int col = 0;
	bool have = false;
	struct atom at;
	uint32_t pos;

	row->span[b->side] = (uint32_t)b->r->nspan;
	while (c.pos < vend && !b->count_only) {
		pos = c.pos;
		next_atom(b, &c, vend, &at, true);
		if (!have || at.style != sp.style) {
			if (have) {
				close_span(b, &sp);
				col = sp.col + sp.width;
			}
			memset(&sp, 0, sizeof sp);
			sp.off = pos;
			sp.col = (uint16_t)col;
			sp.style = at.style;
			if (bracketed(b, at.style)) {
				sp.width = 2;
				sp.flags = SPAN_OPEN;
			}
			have = true;
		}
		sp.len += at.len;
		sp.width = (uint16_t)(sp.width + at.width);
	}
	if (have)
		close_span(b, &sp);
	row->nspan[b->side] = (uint32_t)(b->r->nspan - row->span[b->side]);
	row->cell[b->side] = CELL_TEXT;
}

/*
 * Break opportunities of paragraph p, on a copy where white space is
 * spaces and control and invalid bytes are letters (see the top); and
 * which of its tokens are simple (see next_atom).
 */
static void
para_breaks(struct builder *b, const struct para *p)
{
	const struct doc *d = b->d;
	size_t n = p->end - p->start;
	uint32_t k, i;

	b->copy = xgrow(b->copy, &b->capcopy, n + 1, 1);
	b->brk = xgrow(b->brk, &b->capbrk, n + 1, 1);
	memcpy(b->copy, d->text->data + p->start, n);
	for (k = p->tok; k < p->tok + p->ntok; k++) {
		const struct token *t = &d->tok[k];
		uint32_t s, e;
		int fill;

		if (t->kind == TOK_SPACE)
			fill = ' ';
		else if (t->kind == TOK_INVALID || t->kind == TOK_CONTROL)
			fill = 'a';
		else
			continue;
		s = t->off > p->start ? t->off : p->start;
		e = t->off + t->len < p->end ? t->off + t->len : p->end;
		if (s < e)
			memset(b->copy + (s - p->start), fill, e - s);
	}
	b->pstart = p->start;
	b->ptok = p->tok;
	if (n > 0)
		linebreak_possible(b->copy, n, b->brk);
	b->simple = xgrow(b->simple, &b->capsimple, p->ntok + 1, 1);
	for (k = p->tok; k < p->tok + p->ntok; k++) {
		const struct token *t = &d->tok[k];
		bool simple = t->kind != TOK_SPACE && t->off >= p->start &&
		    t->off + t->len <= p->end;
		const uint8_t *x = d->text->data + t->off;
		const char *o = simple ? b->brk + (t->off - p->start) : NULL;

		for (i = 0; simple && i < t->len; i++) {
			if (x[i] < 0x20 || x[i] >= 0x7f || (i > 0 &&
			    (o[i] == UC_BREAK_POSSIBLE ||
			     o[i] == UC_BREAK_MANDATORY ||
			     o[i] == UC_BREAK_HYPHENATION)))
				simple = false;
		}
		b->simple[k - p->tok] = simple;
	}
}

/*
 * Lay paragraph pa (number p) of side b->side out from row i on; returns
 * the rows.
 */
static size_t
layout_cut(struct builder *b, const struct para *pa, uint32_t p, size_t i,
	   uint32_t block)
{
	struct cursor c = { pa->start, pa->tok, false }, peek;
	struct render_row *row;
	struct atom at;
	size_t n = 0;
	uint32_t vend;

	para_breaks(b, pa);
	while (c.tok < b->d->ntok &&
	    b->d->tok[c.tok].off + b->d->tok[c.tok].len <= c.pos)
		c.tok++;
	for (;;) {
		/* Rows never start with white space. */
		while (c.pos < pa->end) {
			peek = c;
			next_atom(b, &peek, pa->end, &at, true);
			if (!at.space)
				break;
			c = peek;
		}
		if (c.pos >= pa->end)
			break;
		peek = c;
		vend = fill_line(b, &c, pa->end);
		row = row_get(b, i + n, block);
		row->para[b->side] = p;
		emit_line(b, peek, vend, row);
		n++;
	}
	if (n == 0) {
		/* An empty paragraph still takes a row. */
		row = row_get(b, i, block);
		row->para[b->side] = p;
		row->cell[b->side] = CELL_TEXT;
		row->span[b->side] = (uint32_t)b->r->nspan;
		n = 1;
	}
	return n;
}

/* Cut bytes [start, end) of s into b->wtz's tokens (emptied first). */
static void
cut_whole(struct tokeniser *tz, const uint8_t *s, uint32_t start,
	  uint32_t end)
{
	tz->s = s;
	tz->ntok = 0;
	token_reserve(tz, end - start);
	token_para(tz, start, end);
}

/*
 * Lay paragraph p of side b->side out from row i on; returns the rows.
 * A paragraph left whole is cut into tokens first (see the top).
 */
static size_t
layout_para(struct builder *b, uint32_t p, size_t i, uint32_t block)
{
	const struct doc *d = b->d;
	const struct para *pa = &d->para[p];
	uint8_t *style = b->style[b->side];
	size_t n;

	if (!doc_para_whole(d, p))
		return layout_cut(b, pa, p, i, block);
	cut_whole(&b->wtz, d->text->data, pa->start, pa->end);
	b->wdoc = *d;
	b->wdoc.tok = b->wtz.tok;
	b->wdoc.ntok = b->wtz.ntok;
	b->wpara = *pa;
	b->wpara.tok = 0;
	b->wpara.ntok = (uint32_t)b->wtz.ntok;
	b->wstyle = xgrow(b->wstyle, &b->capwstyle, b->wtz.ntok + 1, 1);
	memset(b->wstyle, style[pa->tok], b->wtz.ntok + 1);
	b->d = &b->wdoc;
	b->style[b->side] = b->wstyle;
	n = layout_cut(b, &b->wpara, p, i, block);
	b->d = d;
	b->style[b->side] = style;
	return n;
}

/* --- styles --------------------------------------------------------------- */

static void
style_units(const struct builder *b, int side, uint32_t u0, uint32_t u1,
	    uint8_t style)
{
	const struct doc *d = side ? b->al->b : b->al->a;
	uint32_t u, k;

	for (u = u0; u < u1; u++)
		for (k = d->unit[u].tok; k < unit_end_tok(d, &d->unit[u]) &&
		    k < d->ntok; k++)
			b->style[side][k] = style;
}

/*
 * The first of block bl's ops that may style a unit at or after u0 on one
 * side: found by binary search when the block's ops are in order on that
 * side (each ends where or before the next starts; found out once per
 * block, and only by the lazy layout, which styles a big block a paragraph
 * at a time), else the block's first op.
 */
static uint32_t
first_op(struct builder *b, int side, const struct block *bl, uint32_t u0)
{
	const struct alignment *al = b->al;
	uint32_t end = bl->op + bl->nop, lo = bl->op, hi, o;
	uint8_t *known;

	if (b->sorted[side] == NULL)
		return bl->op;
	if (end > al->nop)
		end = (uint32_t)al->nop;
	known = &b->sorted[side][bl - al->block];
	if (*known == 0) {
		*known = 1;
		for (o = bl->op; o + 1 < end && *known == 1; o++) {
			const struct wop *w = &al->op[o], *x = &al->op[o + 1];

			if ((side ? w->b + w->nb : w->a + w->na) >
			    (side ? x->b : x->a))
				*known = 2;
		}
	}
	if (*known != 1)
		return bl->op;
	hi = end;
	while (lo < hi) {	/* the first op ending after u0 */
		uint32_t mid = lo + (hi - lo) / 2;
		const struct wop *w = &al->op[mid];

		if ((side ? w->b + w->nb : w->a + w->na) <= u0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The style of the words of an end of a move below the paragraph (op o):
 * moved, its changed words deleted or inserted; with brackets, all
 * deleted or inserted, so that --print marks where they went and came.
 */
static uint8_t
sub_style(const struct builder *b, uint32_t o, bool del)
{
	if (b->r->opts.brackets || align_op_sub_edit(b->al, o))
		return del ? STYLE_DELETED : STYLE_INSERTED;
	return STYLE_MOVED;
}

/*
 * Style units [u0, u1) of one side: `unch`, then the styles of the
 * block's ops over them (a moved block's ops also name units of its twin,
 * which fall outside and are skipped).
 */
static void
style_ops(struct builder *b, int side, const struct block *bl, uint8_t unch,
	  uint32_t u0, uint32_t u1)
{
	const struct alignment *al = b->al;
	uint32_t o;
	uint8_t s;

	style_units(b, side, u0, u1, unch);
	o = first_op(b, side, bl, u0);
	for (; o < bl->op + bl->nop && o < al->nop; o++) {
		const struct wop *w = &al->op[o];
		uint32_t a = side ? w->b : w->a;
		uint32_t e = a + (side ? w->nb : w->na);

		if (a >= u1 && b->sorted[side] != NULL &&
		    b->sorted[side][bl - al->block] == 1)
			break;	/* in order: none further is inside */
		if (align_op_sub(al, o))
			s = sub_style(b, o, w->kind == WOP_DELETE);
		else if (w->kind == WOP_DELETE)
			s = STYLE_DELETED;
		else if (w->kind == WOP_INSERT)
			s = STYLE_INSERTED;
		else if (w->kind == WOP_COSMETIC && b->r->opts.cosmetic)
			s = STYLE_COSMETIC;
		else
			s = unch;
		if (a < u0)
			a = u0;
		if (e > u1)
			e = u1;
		if (a < e)
			style_units(b, side, a, e, s);
	}
}

/*
 * Tokens [t0, t1) of one paragraph not yet styled (between units) take
 * the style of the units on both sides when they agree, else `unch`.
 */
static void
style_between(uint8_t *st, uint32_t t0, uint32_t t1, uint8_t unch)
{
	uint8_t prev = STYLE_NONE, s;
	uint32_t k, j;

	for (k = t0; k < t1; k = j) {
		if (st[k] != STYLE_NONE) {
			prev = st[k];
			j = k + 1;
			continue;
		}
		for (j = k; j < t1 && st[j] == STYLE_NONE; j++)
			;
		s = prev != STYLE_NONE && j < t1 && st[j] == prev ? prev : unch;
		memset(st + k, s, j - k);
	}
}

/*
 * Give every token of the block's paragraphs on one side its style: the
 * ops' styles for units within the block (a moved block's ops also name
 * units of its twin, which are skipped), `unch` for other units, and for
 * tokens that are not units the style of the units around them when they
 * agree, else `unch`.
 */
static void
style_side(struct builder *b, int side, uint32_t p0, uint32_t np,
	   const struct block *bl, uint8_t unch)
{
	const struct alignment *al = b->al;
	const struct doc *d = side ? al->b : al->a;
	uint32_t p, u0 = 0, u1 = 0;
	uint8_t *st = b->style[side];

	if (np == 0)
		return;
	for (p = p0; p < p0 + np; p++)
		memset(st + d->para[p].tok, STYLE_NONE, d->para[p].ntok);
	if (d->unit != NULL) {
		u0 = d->para[p0].unit;
		u1 = d->para[p0 + np - 1].unit + d->para[p0 + np - 1].nunit;
		if (u1 > d->nunit)
			u1 = (uint32_t)d->nunit;
		if (u0 > u1)
			u0 = u1;
		style_ops(b, side, bl, unch, u0, u1);
	}
	for (p = p0; p < p0 + np; p++)
		style_between(st, d->para[p].tok,
			      d->para[p].tok + d->para[p].ntok, unch);
}

/* The first unit of d whose first token is at or after token t. */
static uint32_t
unit_at_token(const struct doc *d, uint32_t u0, uint32_t u1, uint32_t t)
{
	while (u0 < u1) {
		uint32_t mid = u0 + (u1 - u0) / 2;

		if (d->unit[mid].tok < t)
			u0 = mid + 1;
		else
			u1 = mid;
	}
	return u0;
}

/*
 * style_side() for tokens [t0, t1) of paragraph p only (a window of a
 * giant paragraph), with the units on either side of them, so that the
 * tokens between units take the styles they take in the whole paragraph.
 */
static void
style_window(struct builder *b, int side, uint32_t p, const struct block *bl,
	     uint8_t unch, uint32_t t0, uint32_t t1)
{
	const struct alignment *al = b->al;
	const struct doc *d = side ? al->b : al->a;
	const struct para *pa = &d->para[p];
	uint32_t pu0 = pa->unit, pu1 = pa->unit + pa->nunit, u0, u1;
	uint32_t tt0, tt1;
	uint8_t *st = b->style[side];

	if (d->unit == NULL || pa->nunit == 0 || pu1 > d->nunit) {
		style_side(b, side, p, 1, bl, unch);
		return;
	}
	/* The units of the window, and one more on each side. */
	u0 = unit_at_token(d, pu0, pu1, t0);
	u1 = unit_at_token(d, pu0, pu1, t1);
	if (u0 > pu0)
		u0--;
	if (u1 < pu1)
		u1++;
	tt0 = u0 > pu0 ? d->unit[u0].tok : pa->tok;
	tt1 = u1 < pu1 ? unit_end_tok(d, &d->unit[u1 - 1]) :
		pa->tok + pa->ntok;
	if (u1 == pu1)
		tt1 = pa->tok + pa->ntok;
	memset(st + tt0, STYLE_NONE, tt1 - tt0);
	style_ops(b, side, bl, unch, u0, u1);
	style_between(st, tt0, tt1, unch);
}

/* The style of the unchanged words of a block. */
static uint8_t
unchanged_style(const struct block *bl)
{
	if (bl->move)
		return STYLE_MOVED;
	switch (bl->kind) {
	case BLOCK_EQUAL:
		return STYLE_TEXT;
	case BLOCK_CHANGED:
		return STYLE_CHANGED_PARA;
	case BLOCK_DELETED:
		return STYLE_DELETED;
	default:
		return STYLE_INSERTED;
	}
}

/* The gutter marker of a block's first row. */
static uint32_t
block_mark(const struct render *r, const struct block *bl)
{
	if (bl->move) {
		if (bl->nb == 0)
			return '>';
		if (bl->na == 0)
			return '<';
		return '~';
	}
	switch (bl->kind) {
	case BLOCK_EQUAL:
		return bl->cosmetic && r->opts.cosmetic ? MARK_COSMETIC : ' ';
	case BLOCK_CHANGED:
		return '~';
	case BLOCK_DELETED:
		return '-';
	default:
		return '+';
	}
}

/* --- giant paragraphs, a segment at a time ------------------------------ */

/*
 * A giant paragraph (render.h) is laid out in segments, each starting on
 * a fresh row on both sides: at[side][j] is where segment j starts on
 * that side, at[side][n] the paragraph's end (no array for a side with
 * no paragraph).  Greedy wrapping from a row's start depends only on the
 * bytes from there, so a segment is laid out alone, its break
 * opportunities those of its own bytes (its ends are breaks anyway).
 */
struct segs {
	uint32_t n;
	uint32_t *at[2];
	/* Cut in the word diff (segs_ops): the op holding each cut, and the
	   units it falls on; NULL otherwise. */
	uint32_t *op, *u[2];
};

static void block_extent(const struct alignment *al, uint32_t bi,
			 uint32_t *na, uint32_t *nb);

static bool
blank_byte(uint8_t c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/* Does a word start at q, after white space? */
static bool
word_start(const uint8_t *s, uint32_t q)
{
	return blank_byte(s[q - 1]) && !blank_byte(s[q]);
}

/* Does a sentence start at q: white space after ".", "!" or "?"? */
static bool
sentence_start(const uint8_t *s, uint32_t lo, uint32_t q)
{
	uint32_t k = q;

	while (k > lo && q - k < 8 && blank_byte(s[k - 1]))
		k--;
	return k > lo && k < q &&
	    (s[k - 1] == '.' || s[k - 1] == '!' || s[k - 1] == '?');
}

/*
 * The first word start in (lo, hi) at or after want, or a sentence's a
 * little further on; hi when there is none.
 */
static uint32_t
next_word(const uint8_t *s, uint32_t lo, uint32_t want, uint32_t hi)
{
	uint32_t q, first = hi;

	for (q = want > lo ? want : lo + 1; q < hi; q++) {
		if (!word_start(s, q))
			continue;
		if (first == hi)
			first = q;
		if (sentence_start(s, lo, q) || q - first > 1024)
			break;
	}
	return q < hi && sentence_start(s, lo, q) ? q : first;
}

static void
segs_push(struct segs *sg, size_t *cap, uint32_t a, uint32_t b)
{
	if (sg->n + 1 >= *cap) {
		*cap = *cap ? 2 * *cap : 16;
		if (sg->at[0])
			sg->at[0] = xreallocarray(sg->at[0], *cap, sizeof a);
		if (sg->at[1])
			sg->at[1] = xreallocarray(sg->at[1], *cap, sizeof b);
		if (sg->op) {
			sg->op = xreallocarray(sg->op, *cap, sizeof a);
			sg->u[0] = xreallocarray(sg->u[0], *cap, sizeof a);
			sg->u[1] = xreallocarray(sg->u[1], *cap, sizeof a);
		}
	}
	if (sg->at[0])
		sg->at[0][sg->n] = a;
	if (sg->at[1])
		sg->at[1][sg->n] = b;
	sg->n++;
}

static uint32_t
unit_off(const struct doc *d, uint32_t u)
{
	return d->tok[d->unit[u].tok].off;
}

/*
 * Cut a giant pair in step: at units of the block's equal ops, each the
 * first past `size` bytes from the last cut on either side (after a
 * sentence's end if one of the next 64 units is), preceded by white space
 * on both sides.
 */
static void
segs_ops(struct segs *sg, size_t *cap, const struct alignment *al,
	 const struct block *bl, const struct para *pa, const struct para *pb,
	 uint32_t size)
{
	const struct doc *da = al->a, *db = al->b;
	const uint8_t *sa = da->text->data, *sb = db->text->data;
	uint32_t la = pa->start, lb = pb->start, o;

	for (o = bl->op; o < bl->op + bl->nop && o < al->nop; o++) {
		const struct wop *w = &al->op[o];
		uint32_t lo, hi, j, pick = UINT32_MAX, first = UINT32_MAX;

		if (w->kind != WOP_EQUAL || w->na == 0 || w->na != w->nb ||
		    w->a < pa->unit || w->a + w->na > pa->unit + pa->nunit ||
		    w->b < pb->unit || w->b + w->nb > pb->unit + pb->nunit)
			continue;
		if (unit_off(da, w->a + w->na - 1) < la + size &&
		    unit_off(db, w->b + w->nb - 1) < lb + size)
			continue;
		lo = 0;
		hi = w->na - 1;
		while (lo < hi) {	/* the first unit past size */
			uint32_t mid = lo + (hi - lo) / 2;

			if (unit_off(da, w->a + mid) >= la + size ||
			    unit_off(db, w->b + mid) >= lb + size)
				hi = mid;
			else
				lo = mid + 1;
		}
		for (j = lo; j < w->na && j < lo + 64; j++) {
			uint32_t qa = unit_off(da, w->a + j);
			uint32_t qb = unit_off(db, w->b + j);

			if (qa <= la || qb <= lb || qa >= pa->end ||
			    qb >= pb->end || !word_start(sa, qa) ||
			    !word_start(sb, qb))
				continue;
			if (first == UINT32_MAX)
				first = j;
			if (sentence_start(sa, pa->start, qa)) {
				pick = j;
				break;
			}
		}
		if (pick == UINT32_MAX)
			pick = first;
		if (pick == UINT32_MAX)
			continue;
		la = unit_off(da, w->a + pick);
		lb = unit_off(db, w->b + pick);
		segs_push(sg, cap, la, lb);
		sg->op[sg->n - 1] = o;
		sg->u[0][sg->n - 1] = w->a + pick;
		sg->u[1][sg->n - 1] = w->b + pick;
	}
}

/*
 * Where the giant paragraphs p[0] of A and p[1] of B (RENDER_NONE: none)
 * of block bl are cut; sg->at freed by the caller.
 */
static void
segs_find(struct segs *sg, const struct alignment *al, const struct block *bl,
	  const uint32_t p[2], uint32_t size)
{
	const struct para *pa = p[0] != RENDER_NONE ? &al->a->para[p[0]] : NULL;
	const struct para *pb = p[1] != RENDER_NONE ? &al->b->para[p[1]] : NULL;
	size_t cap = 16;
	int one = pa ? 0 : 1;
	const struct para *pp = pa ? pa : pb;
	const uint8_t *s = (one ? al->b : al->a)->text->data;
	bool same = false;

	if (size < 16)
		size = 16;
	memset(sg, 0, sizeof *sg);
	sg->at[0] = pa ? xmalloc(cap * sizeof *sg->at[0]) : NULL;
	sg->at[1] = pb ? xmalloc(cap * sizeof *sg->at[1]) : NULL;
	segs_push(sg, &cap, pa ? pa->start : 0, pb ? pb->start : 0);
	/* The same bytes (left whole or not: both lay out alike) are cut at
	   the same words. */
	if (pa && pb && pa->end - pa->start == pb->end - pb->start &&
	    memcmp(al->a->text->data + pa->start, al->b->text->data +
		   pb->start, pa->end - pa->start) == 0)
		same = true;
	if (pa && pb && !same && !doc_para_whole(al->a, p[0]) &&
	    !doc_para_whole(al->b, p[1]) && al->a->unit && al->b->unit) {
		sg->op = xmalloc(cap * sizeof *sg->op);
		sg->u[0] = xmalloc(cap * sizeof *sg->u[0]);
		sg->u[1] = xmalloc(cap * sizeof *sg->u[1]);
		sg->op[0] = bl->op;
		sg->u[0][0] = pa->unit;
		sg->u[1][0] = pb->unit;
		segs_ops(sg, &cap, al, bl, pa, pb, size);
		sg->op[sg->n] = bl->op + bl->nop < al->nop ?
			bl->op + bl->nop : (uint32_t)al->nop;
		sg->u[0][sg->n] = pa->unit + pa->nunit;
		sg->u[1][sg->n] = pb->unit + pb->nunit;
	} else {
		/* One side, or a pair left whole (byte for byte the same,
		   lazy.h): at words, the same bytes in on both sides; two
		   sides otherwise in proportion. */
		uint32_t q = pp->start, qb = pb ? pb->start : 0;
		uint64_t la = pp->end - pp->start;

		for (;;) {
			q = next_word(s, pp->start, q + size, pp->end);
			if (q >= pp->end || pp->end - q < size / 4)
				break;
			if (pa && pb) {
				uint64_t lb = pb->end - pb->start;
				uint32_t want = pb->start + (uint32_t)
					((q - pa->start) * lb / la);

				if (same)
					qb = pb->start + (q - pa->start);
				else
					qb = next_word(al->b->text->data,
						       qb, want > qb ? want :
						       qb + 1, pb->end);
				if (qb >= pb->end)
					break;
			}
			segs_push(sg, &cap, one ? 0 : q, one ? q : qb);
		}
	}
	segs_push(sg, &cap, pa ? pa->end : 0, pb ? pb->end : 0);
	sg->n--;	/* the ends are not a segment */
}

static void
segs_free(struct segs *sg)
{
	free(sg->at[0]);
	free(sg->at[1]);
	free(sg->op);
	free(sg->u[0]);
	free(sg->u[1]);
}

/*
 * Piece of block bi showing paragraphs p[0] of A and p[1] of B: is it
 * giant (render.h)?  Not in the inline layout, nor a split or a merge.
 */
static bool
is_giant(const struct alignment *al, const uint32_t p[2])
{
	size_t big = 0;

	if (p[0] != RENDER_NONE)
		big = al->a->para[p[0]].end - al->a->para[p[0]].start;
	if (p[1] != RENDER_NONE &&
	    al->b->para[p[1]].end - al->b->para[p[1]].start > big)
		big = al->b->para[p[1]].end - al->b->para[p[1]].start;
	return big > render_lazy_tuning.giant;
}

/*
 * Set the builder up to lay bytes [ws, we) of paragraph p of side
 * b->side (doc d) out as a paragraph of its own, b->wpara: for a
 * paragraph left whole, b->d becomes the window's tokens, cut alone.
 * With `restyle` the window's tokens are styled first, as the whole
 * block styles them (counted without brackets: styles move no row, so
 * they are not worked out).
 */
static void
window_set(struct builder *b, const struct doc *d, uint32_t p,
	   const struct block *bl, uint32_t ws, uint32_t we, bool restyle)
{
	const struct para *pa = &d->para[p];
	const uint8_t *s = d->text->data;

	b->wpara = *pa;
	b->wpara.start = ws;
	b->wpara.end = we;
	if (doc_para_whole(d, p)) {
		uint8_t st;

		if (restyle)
			style_side(b, b->side, p, 1, bl, unchanged_style(bl));
		st = b->style[b->side][pa->tok];
		cut_whole(&b->wtz, s, ws, we);
		b->wdoc = *d;
		b->wdoc.tok = b->wtz.tok;
		b->wdoc.ntok = b->wtz.ntok;
		b->wpara.tok = 0;
		b->wpara.ntok = (uint32_t)b->wtz.ntok;
		b->wstyle = xgrow(b->wstyle, &b->capwstyle, b->wtz.ntok + 1, 1);
		memset(b->wstyle, st, b->wtz.ntok + 1);
		b->d = &b->wdoc;
		b->style[b->side] = b->wstyle;
		return;
	}
	b->wpara.tok = doc_token_at(d, ws);
	b->wpara.ntok = doc_token_at(d, we - 1) + 1 - b->wpara.tok;
	if (!restyle)
		return;
	if (b->count_only && !b->r->opts.brackets)
		memset(b->style[b->side] + b->wpara.tok, STYLE_TEXT,
		       b->wpara.ntok);
	else
		style_window(b, b->side, p, bl, unchanged_style(bl),
			     b->wpara.tok, b->wpara.tok + b->wpara.ntok);
}

/*
 * Segments [j0, j1) of the giant paragraphs p[] of block bi, from row i
 * on, each on fresh rows on both sides; returns the rows, and each
 * segment's in rows[j - j0] when rows is not NULL.
 */
static size_t
layout_segs(struct builder *b, uint32_t bi, const uint32_t p[2],
	    const struct segs *sg, uint32_t j0, uint32_t j1, size_t i,
	    bool restyle, uint32_t *rows)
{
	const struct block *bl = &b->al->block[bi];
	size_t start = i, n[2] = { 0, 0 }, m, k;
	uint32_t j;
	int side;

	for (j = j0; j < j1; j++) {
		m = 0;
		for (side = 0; side < 2; side++) {
			const struct doc *d = side ? b->al->b : b->al->a;
			uint8_t *style = b->style[side];

			if (p[side] == RENDER_NONE)
				continue;
			b->side = side;
			b->d = d;
			window_set(b, d, p[side], bl, sg->at[side][j],
				   sg->at[side][j + 1], restyle);
			n[side] = layout_cut(b, &b->wpara, p[side], i, bi);
			b->d = d;
			b->style[side] = style;
			if (n[side] > m)
				m = n[side];
		}
		/* Filler inside the paragraph is still the paragraph's. */
		for (side = 0; side < 2 && j + 1 < sg->n; side++)
			for (k = i + n[side]; p[side] != RENDER_NONE && k < i + m;
			     k++)
				b->r->row[k].para[side] = p[side];
		if (rows != NULL)
			rows[j - j0] = (uint32_t)m;
		i += m;
	}
	return i - start;
}

/* Lay the giant paragraphs p[] of block bi out whole, from row i on. */
static size_t
layout_giant(struct builder *b, uint32_t bi, const uint32_t p[2], size_t i)
{
	struct segs sg;
	size_t n;

	segs_find(&sg, b->al, &b->al->block[bi], p,
		  render_lazy_tuning.segment);
	n = layout_segs(b, bi, p, &sg, 0, sg.n, i, false, NULL);
	segs_free(&sg);
	return n;
}

/*
 * Paragraph p of side b->side from row i on, in a block with text on
 * that side only when `alone`: a giant one in segments.
 */
static size_t
layout_one(struct builder *b, uint32_t p, size_t i, uint32_t bi, bool alone)
{
	uint32_t pp[2] = { RENDER_NONE, RENDER_NONE };

	pp[b->side] = p;
	if (alone && is_giant(b->al, pp)) {
		int side = b->side;
		const struct doc *d = b->d;
		size_t n = layout_giant(b, bi, pp, i);

		b->side = side;
		b->d = d;
		return n;
	}
	return layout_para(b, p, i, bi);
}

/* --- blocks --------------------------------------------------------------- */

/*
 * Push the span of a move's note, "moved to ¶N ▼" at the source
 * or "moved from ¶N ▲" at the destination (N the 1-based number of the
 * twin's first paragraph on the other side, the arrow pointing to where
 * the twin is drawn), or just "¶N ▼" when the pane is too narrow for the
 * words.  The text goes into r->note.
 */
static void
push_move_note(struct builder *b, bool source, unsigned long n,
	       const char *arrow)
{
	struct render *r = b->r;
	struct render_span sp = { 0 };
	char buf[64];
	size_t w;
	int len;

	len = snprintf(buf, sizeof buf, "moved %s \xc2\xb6%lu %s",
		       source ? "to" : "from", n, arrow);
	w = width_of((const uint8_t *)buf, (size_t)len, 0);
	if (w > r->pane) {
		len = snprintf(buf, sizeof buf, "\xc2\xb6%lu %s", n, arrow);
		w = width_of((const uint8_t *)buf, (size_t)len, 0);
	}
	r->note = xgrow(r->note, &b->capnote, r->nnote + (size_t)len + 1, 1);
	memcpy(r->note + r->nnote, buf, (size_t)len + 1);
	sp.off = (uint32_t)r->nnote;
	sp.len = (uint32_t)len;
	sp.width = (uint16_t)w;
	sp.style = STYLE_MOVED;
	sp.flags = SPAN_NOTE;
	r->nnote += (size_t)len;
	push_span(b, &sp);
}

/* The note of paragraph block bl (number bi), moved out of (source) or in. */
static void
push_note(struct builder *b, uint32_t bi, const struct block *bl, bool source)
{
	const struct block *tw = &b->al->block[bl->twin];

	push_move_note(b, source, (unsigned long)(source ? tw->b : tw->a) + 1,
		       bl->twin > bi ? "\xe2\x96\xbc" : "\xe2\x96\xb2");
}

/*
 * The note of a sentence or line moved out of (source) or into the block
 * bi: "moved to ¶N ▼" as a paragraph's, the arrow "▶" or "◀" when the
 * other end is in the same block, beside it.
 */
static void
push_sub_note(struct builder *b, uint32_t bi, uint32_t s, bool source)
{
	const struct submove *sm = &b->al->sub[s];
	uint32_t other = source ? sm->dst : sm->src;

	push_move_note(b, source,
		       (unsigned long)align_sub_para(b->al, s, !source) + 1,
		       other == bi ? (source ? "\xe2\x96\xb6" : "\xe2\x97\x80") :
		       other > bi ? "\xe2\x96\xbc" : "\xe2\x96\xb2");
}

/* Row i of block bi: the notes of its sentence moves, side by side. */
static void
emit_sub_notes(struct builder *b, size_t i, uint32_t bi)
{
	int side;

	for (side = 0; side < 2; side++) {
		struct render_row *row = row_get(b, i, bi);
		uint32_t s = b->subend[side][bi];

		b->side = side;
		if (s == 0) {
			row->cell[side] = CELL_BLANK;
			continue;
		}
		row->span[side] = (uint32_t)b->r->nspan;
		push_sub_note(b, bi, s - 1, side == 0);
		row->nspan[side] = 1;
		row->cell[side] = CELL_TEXT;
	}
}

/* Row i of block bi: its moved sentences' notes if any; the next row. */
static size_t
sub_notes(struct builder *b, size_t i, uint32_t bi)
{
	if (b->subend[0] == NULL || (!b->subend[0][bi] && !b->subend[1][bi]))
		return i;
	emit_sub_notes(b, i, bi);
	return i + 1;
}

/* A block with sentences moved away only, or here only: their mark. */
static void
sub_mark(const struct builder *b, struct render_row *row, uint32_t bi)
{
	if (b->subend[0] && (b->subend[0][bi] != 0) != (b->subend[1][bi] != 0))
		row->mark = b->subend[0][bi] ? '>' : '<';
}

/* The note row of a moved block on the side being laid out. */
static void
emit_note(struct builder *b, size_t i, uint32_t bi, const struct block *bl)
{
	struct render_row *row = row_get(b, i, bi);

	row->span[b->side] = (uint32_t)b->r->nspan;
	push_note(b, bi, bl, b->side == 0);
	row->nspan[b->side] = 1;
	row->cell[b->side] = CELL_TEXT;
}

/* A blank row on both sides. */
static void
emit_blank(struct builder *b, uint32_t bi)
{
	struct render_row *row = row_get(b, b->r->nrow, bi);

	row->cell[0] = row->cell[1] = CELL_BLANK;
}

/*
 * Lay out paragraphs [p0, p0 + np) of one side from row i, a blank cell
 * between two of them, after the move note if any.
 */
static void
layout_side(struct builder *b, int side, size_t i, uint32_t bi,
	    const struct block *bl, uint32_t p0, uint32_t np, bool note)
{
	const struct doc *d = side ? b->al->b : b->al->a;
	uint32_t p, na, nb;

	b->side = side;
	b->d = d;
	if (np == 0)
		return;
	if (note)
		emit_note(b, i++, bi, bl);
	block_extent(b->al, bi, &na, &nb);
	for (p = p0; p < p0 + np; p++) {
		if (p > p0)
			row_get(b, i++, bi)->cell[side] = CELL_BLANK;
		i += layout_one(b, p, i, bi, side ? na == 0 : nb == 0);
	}
}

/*
 * Pair g of block bi, which has as many paragraphs on each side, from row
 * i on, after the move note with `note`: a giant pair in segments.
 */
static void
layout_pair(struct builder *b, uint32_t bi, const struct block *bl,
	    uint32_t g, size_t i, bool note)
{
	uint32_t p[2] = { bl->a + g, bl->b + g };
	int side;

	if (!is_giant(b->al, p)) {
		layout_side(b, 0, i, bi, bl, p[0], 1, note);
		layout_side(b, 1, i, bi, bl, p[1], 1, note);
		return;
	}
	if (note) {
		for (side = 0; side < 2; side++) {
			b->side = side;
			b->d = side ? b->al->b : b->al->a;
			emit_note(b, i, bi, bl);
		}
		i++;
	}
	layout_giant(b, bi, p, i);
}

static void
layout_block(struct builder *b, uint32_t bi)
{
	const struct alignment *al = b->al;
	const struct block *bl = &al->block[bi];
	struct render *r = b->r;
	uint32_t na = bl->na, nb = bl->nb, g, ng;
	uint8_t unch = unchanged_style(bl);
	bool note = bl->move != 0 && bl->twin < al->nblock;
	size_t first, i;

	/* Defend against paragraph ranges past the end of a doc. */
	if (bl->a > al->a->npara)
		na = 0;
	else if (na > al->a->npara - bl->a)
		na = (uint32_t)(al->a->npara - bl->a);
	if (bl->b > al->b->npara)
		nb = 0;
	else if (nb > al->b->npara - bl->b)
		nb = (uint32_t)(al->b->npara - bl->b);
	if (na == 0 && nb == 0) {
		r->block_row[bi] = r->nrow;
		return;
	}
	if (r->nrow > 0)
		emit_blank(b, r->row[r->nrow - 1].block);
	first = r->block_row[bi] = r->nrow;
	style_side(b, 0, bl->a, na, bl, unch);
	style_side(b, 1, bl->b, nb, bl, unch);
	/* Pair by pair when both sides have as many paragraphs, else stacks. */
	ng = na == nb ? na : 1;
	for (g = 0; g < ng; g++) {
		uint32_t ka = na == nb ? 1 : na, kb = na == nb ? 1 : nb;

		if (g > 0)
			emit_blank(b, bi);
		i = r->nrow;
		if (g == 0)
			i = sub_notes(b, i, bi);
		if (na == nb) {
			layout_pair(b, bi, bl, g, i, note && g == 0);
			continue;
		}
		layout_side(b, 0, i, bi, bl, bl->a + g * ka, ka,
			    note && g == 0);
		layout_side(b, 1, i, bi, bl, bl->b + g * kb, kb,
			    note && g == 0);
	}
	r->row[first].mark = block_mark(r, bl);
	sub_mark(b, &r->row[first], bi);
	if (bl->kind != BLOCK_EQUAL || bl->move)
		for (i = first + 1; i < r->nrow; i++)
			r->row[i].mark = MARK_CONT;
}

/* --- the inline layout ------------------------------------------------------ */

/*
 * With opts.inline_view the layout is one pane after the gutter, B's text
 * with A's deleted words inline, as --inline writes it: a span's bytes are
 * B's unless it has SPAN_FROM_A.  The rows are filled greedily at the
 * UAX #14 opportunities of each piece of text (a run of one side's bytes
 * in one style), and at the seams between pieces; a word wider than the
 * pane is broken between characters.  Everything is drawn on side 0.
 */
struct iline {
	size_t row;		/* the row being filled */
	unsigned int col;	/* its next free column */
	bool open;		/* a row has been started */
	uint32_t block;
	uint32_t para[2];	/* paragraphs shown, for the rows' para[] */
};

static void
inline_newrow(struct builder *b, struct iline *L)
{
	struct render_row *row;

	L->row = b->r->nrow;
	row = row_get(b, L->row, L->block);
	row->cell[0] = CELL_TEXT;
	row->cell[1] = CELL_BLANK;
	row->span[0] = (uint32_t)b->r->nspan;
	row->nspan[0] = 0;
	row->para[0] = L->para[0];
	row->para[1] = L->para[1];
	L->col = 0;
	L->open = true;
}

/* Add bytes [off, off + len) in style st at the end of the current row. */
static void
inline_span(struct builder *b, struct iline *L, bool from_a, uint32_t off,
	    uint32_t len, unsigned int width, uint8_t style)
{
	struct render *r = b->r;
	struct render_row *row = &r->row[L->row];
	struct render_span sp = { 0 };
	uint8_t flags = from_a ? SPAN_FROM_A : 0;

	if (row->nspan[0] > 0) {
		struct render_span *last = &r->span[r->nspan - 1];

		if (last->style == style &&
		    (last->flags & SPAN_FROM_A) == flags &&
		    last->off + last->len == off) {
			last->len += len;
			last->width = (uint16_t)(last->width + width);
			L->col += width;
			return;
		}
		if (bracketed(b, last->style) && last->style != style) {
			last->flags |= SPAN_CLOSE;
			last->width = (uint16_t)(last->width + 2);
			L->col += 2;
		}
	}
	sp.off = off;
	sp.len = len;
	sp.col = (uint16_t)L->col;
	sp.width = (uint16_t)width;
	sp.style = style;
	sp.flags = flags;
	if (bracketed(b, style) && (row->nspan[0] == 0 ||
	    r->span[r->nspan - 1].style != style)) {
		sp.flags |= SPAN_OPEN;
		sp.width = (uint16_t)(sp.width + 2);
	}
	L->col += sp.width;
	push_span(b, &sp);
	row->nspan[0]++;
}

static void
inline_endrow(struct builder *b, struct iline *L)
{
	struct render *r = b->r;
	struct render_row *row;

	if (!L->open)
		return;
	row = &r->row[L->row];
	if (row->nspan[0] > 0) {
		struct render_span *last = &r->span[r->nspan - 1];

		if (bracketed(b, last->style) && !(last->flags & SPAN_CLOSE)) {
			last->flags |= SPAN_CLOSE;
			last->width = (uint16_t)(last->width + 2);
		}
	}
	L->open = false;
}

/*
 * Columns the current row must have free to take w more columns in style
 * st: the closing bracket of the last span when the style changes, the
 * opening one of st, and room kept for st's own closing bracket, which
 * inline_span and inline_endrow add later without asking.  Keeping that
 * room at all times is what stops a bracketed row from outgrowing the
 * pane ("[-^@^@-]{+^_^_+}" once came out 17 columns wide in a pane of 16).
 */
static unsigned int
inline_need(const struct builder *b, const struct iline *L, uint8_t st,
	    unsigned int w)
{
	const struct render *r = b->r;
	uint8_t last = L->open && r->row[L->row].nspan[0] > 0 ?
	    r->span[r->nspan - 1].style : STYLE_NONE;

	if (last != st) {
		if (last != STYLE_NONE && bracketed(b, last))
			w += 2;
		if (bracketed(b, st))
			w += 2;
	}
	if (bracketed(b, st))
		w += 2;
	return w;
}

/* Width of one atom at s (a character, or a TOK_SPACE token as one). */
static unsigned int
inline_atom(const uint8_t *s, size_t n, size_t *used)
{
	uint32_t uc;
	char form[16];
	size_t fl;

	*used = width_decode(s, n, &uc);
	if (uc == '\t')
		return 1;
	return (unsigned int)width_char_form(uc, uc == 0xfffd && *used == 1,
					     0, form, &fl);
}

/*
 * Token tk's bytes [a, e) on the copy for line breaks, at cp: white space
 * as spaces, controls and invalid bytes as letters, the rest as it is.
 */
static void
fill_copy(uint8_t *cp, const struct token *tk, uint32_t a, uint32_t e)
{
	int fill;

	if (tk->kind == TOK_SPACE || tk->kind == TOK_BREAK)
		fill = ' ';
	else if (tk->kind == TOK_INVALID || tk->kind == TOK_CONTROL)
		fill = 'a';
	else
		return;
	if (a < e)
		memset(cp, fill, e - a);
}

/*
 * Lay out bytes [off, end) of doc d (one paragraph's worth at most) in
 * style st, continuing the current row.
 */
static void
inline_text(struct builder *b, struct iline *L, const struct doc *d,
	    bool from_a, uint32_t off, uint32_t end, uint8_t st)
{
	const uint8_t *s = d->text->data;
	unsigned int pane = b->r->pane, need;
	size_t t, n = end - off, i, used;
	uint32_t pos, wstart;

	if (off >= end)
		return;
	/* Break opportunities on a copy with spaces, controls as letters. */
	b->copy = xgrow(b->copy, &b->capcopy, n + 1, 1);
	b->brk = xgrow(b->brk, &b->capbrk, n + 1, 1);
	memcpy(b->copy, s + off, n);
	for (t = doc_token_at(d, off); t < d->ntok && d->tok[t].off < end; t++) {
		const struct token *tk = &d->tok[t];
		uint32_t a = tk->off > off ? tk->off : off;
		uint32_t e = tk->off + tk->len < end ? tk->off + tk->len : end;

		if (tk->kind != TOK_PARA) {
			fill_copy(b->copy + (a - off), tk, a, e);
			continue;
		}
		/* A paragraph left whole: its tokens, cut alone. */
		cut_whole(&b->wtz, s, a, e);
		for (i = 0; i < b->wtz.ntok; i++)
			fill_copy(b->copy + (b->wtz.tok[i].off - off),
				  &b->wtz.tok[i], b->wtz.tok[i].off,
				  b->wtz.tok[i].off + b->wtz.tok[i].len);
	}
	linebreak_possible(b->copy, n, b->brk);
	pos = off;
	while (pos < end) {
		unsigned int w = 0, wsp = 0;
		uint32_t wend, sp_end;

		/* Leading white space: one space, dropped at a row start. */
		if (b->copy[pos - off] == ' ') {
			wstart = pos;
			while (pos < end && b->copy[pos - off] == ' ')
				pos++;
			if (!L->open)
				inline_newrow(b, L);
			if (L->col > 0 && L->col + inline_need(b, L, st, 1) <=
			    pane)
				inline_span(b, L, from_a, wstart, pos - wstart,
					    1, st);
			else if (L->col > 0)
				L->col = pane;	/* the space hangs */
			continue;
		}
		/* A word: up to the next opportunity or space. */
		wstart = pos;
		i = pos - off;
		do {
			if (s[off + i] >= 0x20 && s[off + i] < 0x7f) {
				w++;	/* printable ASCII: one column */
				i++;
				continue;
			}
			w += inline_atom(s + off + i, n - i, &used);
			i += used;
		} while (i < n && b->copy[i] != ' ' &&
			 b->brk[i] != UC_BREAK_POSSIBLE &&
			 b->brk[i] != UC_BREAK_MANDATORY);
		wend = off + (uint32_t)i;
		if (!L->open)
			inline_newrow(b, L);
		if (L->col > 0 && L->col + inline_need(b, L, st, w) > pane) {
			inline_endrow(b, L);
			inline_newrow(b, L);
		}
		if (L->col + inline_need(b, L, st, w) <= pane) {
			inline_span(b, L, from_a, wstart, wend - wstart, w, st);
			pos = wend;
			continue;
		}
		/* Wider than the pane: character by character. */
		for (i = wstart - off; i < wend - off; i += used) {
			unsigned int aw = inline_atom(s + off + i, n - i, &used);

			need = inline_need(b, L, st, aw);
			if (L->col > 0 && L->col + need > pane) {
				inline_endrow(b, L);
				inline_newrow(b, L);
			}
			inline_span(b, L, from_a, off + (uint32_t)i,
				    (uint32_t)used, aw, st);
		}
		pos = wend;
		(void)wsp;
		(void)sp_end;
	}
}

/*
 * Bytes of units [u0, u1) of d: to the next unit, within paragraph p.  The
 * paragraph's first unit also takes the bytes before it, which are not
 * always white space: punctuation under ignore_punct, or a token that
 * folds to nothing (cmpkeys.h), would otherwise never be drawn.
 */
static void
unit_bytes(const struct doc *d, uint32_t p, uint32_t u0, uint32_t u1,
	   uint32_t *off, uint32_t *end)
{
	const struct para *pa = &d->para[p];

	*off = u0 == pa->unit ? pa->start : d->tok[d->unit[u0].tok].off;
	if (u1 < pa->unit + pa->nunit)
		*end = d->tok[d->unit[u1].tok].off;
	else
		*end = pa->end;
}

/* The paragraph of d holding unit u (paragraphs are in unit order). */
static uint32_t
unit_para(const struct doc *d, uint32_t u, uint32_t from)
{
	while (from + 1 < d->npara &&
	       d->para[from].unit + d->para[from].nunit <= u)
		from++;
	return from;
}

static void
inline_note(struct builder *b, struct iline *L, const struct block *bl,
	    uint32_t bi, bool source)
{
	inline_newrow(b, L);
	push_note(b, bi, bl, source);
	b->r->row[L->row].nspan[0] = 1;
	inline_endrow(b, L);
}

/*
 * The notes of the sentences or lines moved out of and into block bi, one
 * row each, as the two panes show them on one row (sub_notes()).
 */
static void
inline_sub_notes(struct builder *b, struct iline *L, uint32_t bi)
{
	int side;

	if (b->subend[0] == NULL)
		return;
	for (side = 0; side < 2; side++) {
		uint32_t s = b->subend[side][bi];

		if (s == 0)
			continue;
		inline_newrow(b, L);
		push_sub_note(b, bi, s - 1, side == 0);
		b->r->row[L->row].nspan[0] = 1;
		inline_endrow(b, L);
	}
}

/* Whole paragraphs [p0, p0 + np) of one side in one style. */
static void
inline_paras(struct builder *b, struct iline *L, bool from_a, uint32_t p0,
	     uint32_t np, uint8_t st)
{
	const struct doc *d = from_a ? b->al->a : b->al->b;
	uint32_t p;

	for (p = p0; p < p0 + np; p++) {
		if (p > p0) {
			inline_endrow(b, L);
			emit_blank(b, L->block);
		}
		L->para[from_a ? 0 : 1] = p;
		if (!L->open)
			inline_newrow(b, L);
		inline_text(b, L, d, from_a, d->para[p].start, d->para[p].end,
			    st);
	}
	inline_endrow(b, L);
}

/*
 * Start B paragraph p of block bl in the inline layout: a new row after a
 * blank one, unless it is the block's first.
 */
static void
inline_bpara(struct builder *b, struct iline *L, const struct block *bl,
	     uint32_t p)
{
	if (p > bl->b) {
		inline_endrow(b, L);
		emit_blank(b, L->block);
	}
	L->para[1] = p;
}

/*
 * Draw B paragraphs [*next, p) of block bl whole, in the unchanged style.
 * inline_ops calls it for the paragraphs its ops skip: those without
 * units (only punctuation under ignore_punct, or only characters that
 * fold to nothing), which no op names but which are text all the same.
 */
static void
inline_bare(struct builder *b, struct iline *L, const struct block *bl,
	    uint32_t *next, uint32_t p, uint8_t unch)
{
	const struct doc *db = b->al->b;

	for (; *next < p; (*next)++) {
		inline_bpara(b, L, bl, *next);
		if (!L->open)
			inline_newrow(b, L);
		inline_text(b, L, db, false, db->para[*next].start,
			    db->para[*next].end, unch);
	}
}

/*
 * Whether A's unit u, drawn next on the current row, follows white space
 * in A that the row does not end with (the words before it ended a
 * paragraph of B, whose bytes stop before the space).
 */
static bool
spaced_after(const struct builder *b, const struct doc *da, uint32_t u,
	     const struct iline *L)
{
	const struct render *r = b->r;
	const struct render_span *last;
	const struct text *t;
	uint32_t off = da->tok[da->unit[u].tok].off;
	uint8_t c;

	if (off == 0 || r->row[L->row].nspan[0] == 0)
		return false;
	c = da->text->data[off - 1];
	if (c != ' ' && c != '\n')
		return false;
	last = &r->span[r->nspan - 1];
	if ((last->flags & SPAN_NOTE) || last->len == 0 ||
	    last->col + last->width != L->col)
		return false;
	t = (last->flags & SPAN_FROM_A) ? da->text : b->al->b->text;
	c = t->data[last->off + last->len - 1];
	return c != ' ' && c != '\n';
}

/*
 * A segment of a giant block (render.h) in the inline layout: ops
 * [o0, o1), of which only the units in [u0[0], u1[0]) of A (deleted) and
 * [u0[1], u1[1]) of B (the rest) are drawn; `first` and `last` tell
 * whether it begins or ends the block.
 */
struct opwin {
	uint32_t o0, o1;
	uint32_t u0[2], u1[2];
	bool first, last;
};

/*
 * A block's word operations, B's paragraphs setting the rows; with win,
 * only a segment of them.
 */
static void
inline_ops(struct builder *b, struct iline *L, const struct block *bl,
	   uint8_t unch, const struct opwin *win)
{
	const struct alignment *al = b->al;
	const struct doc *da = al->a, *db = al->b;
	uint32_t o, pa = 0, pb = bl->nb ? bl->b : 0, off, end, u;
	uint32_t next = pb;	/* the first B paragraph not yet begun */
	uint32_t o0 = win ? win->o0 : bl->op, o1 = win ? win->o1 :
		bl->op + bl->nop;

	if (win && !win->first)
		next = pb + 1;	/* begun in the first segment */
	if (bl->move && bl->kind == BLOCK_INSERTED)
		pa = al->block[bl->twin].a;
	else
		pa = bl->na ? bl->a : 0;
	L->para[1] = bl->nb ? bl->b : RENDER_NONE;
	L->para[0] = bl->na ? bl->a : RENDER_NONE;
	for (o = o0; o < o1; o++) {
		const struct wop *w = &al->op[o];
		bool del = w->kind == WOP_DELETE;
		uint32_t ws = del ? w->a : w->b, we = ws + (del ? w->na : w->nb);

		if (win != NULL) {
			/* Its units in the window, or, without units, where
			   it stands. */
			uint32_t lo = win->u0[!del], hi = win->u1[!del];

			if (we > ws && (we <= lo || ws >= hi))
				continue;
			if (we == ws && (ws < lo || ws >= hi))
				continue;
			ws = ws > lo ? ws : lo;
			we = we < hi ? we : hi;
		}

		/* Deleted words end before a space: keep one before what follows. */
		if (!del && o > bl->op && al->op[o - 1].kind == WOP_DELETE &&
		    L->open && L->col > 0 && L->col + 1 +
		    (bracketed(b, STYLE_DELETED) ? 2 : 0) <= b->r->pane) {
			const struct wop *pw = &al->op[o - 1];
			const struct token *lt = &da->tok[da->unit[pw->a + pw->na -
								  1].tok];
			uint32_t e = lt->off + lt->len;

			if (e >= da->text->len || (da->text->data[e] != ' ' &&
						   da->text->data[e] != '\n'))
				L->col++;
		}
		/* Deleted words after the end of B's paragraph: a space. */
		if (del && o > bl->op && L->open && L->col > 0 &&
		    spaced_after(b, da, w->a, L) &&
		    L->col + 1 + (bracketed(b, STYLE_DELETED) ? 2 : 0) <=
		    b->r->pane)
			L->col++;
		const struct doc *d = del ? da : db;
		uint32_t u0 = ws, nu = we > ws ? we - ws : 0;
		uint8_t st = align_op_sub(al, o) ? sub_style(b, o, del) :
			w->kind == WOP_DELETE ? STYLE_DELETED :
			w->kind == WOP_INSERT ? STYLE_INSERTED :
			w->kind == WOP_COSMETIC && b->r->opts.cosmetic ?
			STYLE_COSMETIC : unch;

		/* Each unit run, split where B's paragraphs change. */
		for (u = u0; u < u0 + nu; ) {
			uint32_t p, ue;

			if (del) {
				p = pa = unit_para(da, u, pa);
			} else {
				p = unit_para(db, u, pb);
				if (p >= next) {
					/* A new paragraph of B: a new row,
					 * after any skipped (unitless) ones. */
					inline_bare(b, L, bl, &next, p, unch);
					inline_bpara(b, L, bl, p);
					next = p + 1;
					pb = p;
				}
			}
			ue = d->para[p].unit + d->para[p].nunit;
			if (ue > u0 + nu)
				ue = u0 + nu;
			unit_bytes(d, p, u, ue, &off, &end);
			if (!L->open)
				inline_newrow(b, L);
			inline_text(b, L, d, del, off, end, st);
			u = ue;
		}
	}
	if (bl->nb > 0 && (win == NULL || win->last))
		inline_bare(b, L, bl, &next, bl->b + bl->nb, unch);
	inline_endrow(b, L);
}

/*
 * Is block bi giant in the inline layout: one giant paragraph, deleted
 * or inserted, or a changed or equal pair whose ops are in order on both
 * sides, cut in its word diff?  Then its segments in *sg (freed by the
 * caller) and its paragraphs in p[].  Not a moved block.
 */
static bool
inline_giant(const struct alignment *al, uint32_t bi, uint32_t p[2],
	     struct segs *sg)
{
	const struct block *bl = &al->block[bi];
	uint32_t na, nb, o;

	block_extent(al, bi, &na, &nb);
	if (bl->move || na != bl->na || nb != bl->nb || na > 1 || nb > 1 ||
	    (na == 0 && nb == 0))
		return false;
	if ((bl->kind == BLOCK_DELETED) != (nb == 0) ||
	    (bl->kind == BLOCK_INSERTED) != (na == 0))
		return false;
	p[0] = na ? bl->a : RENDER_NONE;
	p[1] = nb ? bl->b : RENDER_NONE;
	if (!is_giant(al, p))
		return false;
	if (na && nb) {
		uint32_t end = bl->op + bl->nop;

		if (end > al->nop)
			return false;
		for (o = bl->op; o + 1 < end; o++) {
			const struct wop *w = &al->op[o], *x = &al->op[o + 1];

			if (w->a + w->na > x->a || w->b + w->nb > x->b)
				return false;
		}
	}
	segs_find(sg, al, bl, p, render_lazy_tuning.segment);
	if (na && nb && sg->op == NULL) {
		segs_free(sg);
		return false;
	}
	return true;
}

/*
 * Segment j of giant block bi (inline_giant) in the inline layout, on
 * fresh rows.
 */
static void
inline_seg(struct builder *b, uint32_t bi, const uint32_t p[2],
	   const struct segs *sg, uint32_t j)
{
	const struct alignment *al = b->al;
	const struct block *bl = &al->block[bi];
	struct iline L = { 0 };
	struct opwin win;
	int side;

	L.block = bi;
	L.para[0] = L.para[1] = RENDER_NONE;
	if (sg->op == NULL) {
		side = p[0] != RENDER_NONE ? 0 : 1;
		L.para[side] = p[side];
		inline_newrow(b, &L);
		inline_text(b, &L, side ? al->b : al->a, side == 0,
			    sg->at[side][j], sg->at[side][j + 1],
			    side ? STYLE_INSERTED : STYLE_DELETED);
		inline_endrow(b, &L);
		return;
	}
	win.o0 = sg->op[j];
	win.o1 = sg->op[j + 1] + 1 < bl->op + bl->nop ? sg->op[j + 1] + 1 :
		bl->op + bl->nop;
	win.first = j == 0;
	win.last = j + 1 == sg->n;
	for (side = 0; side < 2; side++) {
		win.u0[side] = win.first ? 0 : sg->u[side][j];
		win.u1[side] = win.last ? UINT32_MAX : sg->u[side][j + 1];
	}
	inline_ops(b, &L, bl, bl->kind == BLOCK_EQUAL ? STYLE_TEXT :
		   STYLE_CHANGED_PARA, &win);
}

static void
inline_block(struct builder *b, uint32_t bi)
{
	const struct alignment *al = b->al;
	const struct block *bl = &al->block[bi];
	struct render *r = b->r;
	struct iline L = { 0 };
	struct segs sg;
	uint32_t p[2], j;
	size_t first, i;

	if (bl->na == 0 && bl->nb == 0) {
		if (r->block_row != NULL)
			r->block_row[bi] = r->nrow;
		return;
	}
	if (r->nrow > 0)
		emit_blank(b, r->row[r->nrow - 1].block);
	first = r->nrow;
	if (r->block_row != NULL)	/* NULL in a piece of the lazy layout */
		r->block_row[bi] = first;
	L.block = bi;
	L.para[0] = L.para[1] = RENDER_NONE;
	inline_sub_notes(b, &L, bi);
	if (inline_giant(al, bi, p, &sg)) {
		for (j = 0; j < sg.n; j++)
			inline_seg(b, bi, p, &sg, j);
		segs_free(&sg);
	} else if (bl->move && bl->kind == BLOCK_DELETED) {
		inline_note(b, &L, bl, bi, true);
		inline_paras(b, &L, true, bl->a, bl->na, STYLE_MOVED);
	} else if (bl->move) {
		inline_note(b, &L, bl, bi, false);
		inline_ops(b, &L, bl, STYLE_MOVED, NULL);
	} else if (bl->kind == BLOCK_DELETED) {
		inline_paras(b, &L, true, bl->a, bl->na, STYLE_DELETED);
	} else if (bl->kind == BLOCK_INSERTED) {
		inline_paras(b, &L, false, bl->b, bl->nb, STYLE_INSERTED);
	} else {
		inline_ops(b, &L, bl, bl->kind == BLOCK_EQUAL ? STYLE_TEXT :
			   STYLE_CHANGED_PARA, NULL);
	}
	r->row[first].mark = block_mark(r, bl);
	sub_mark(b, &r->row[first], bi);
	if (bl->kind != BLOCK_EQUAL || bl->move)
		for (i = first + 1; i < r->nrow; i++)
			r->row[i].mark = MARK_CONT;
}

#ifndef NDEBUG
/*
 * Every row lies in its block's range of rows, blocks in order (as
 * tests/fuzz/checks.c checks from outside): both sides of a block are laid
 * out on the same rows, so neither side's rows can spill into the next.
 */
static bool
rows_in_blocks(const struct render *r)
{
	size_t bi, i;

	for (bi = 0; bi < r->al->nblock; bi++) {
		if (r->block_row[bi] > r->block_row[bi + 1])
			return false;
		for (i = r->block_row[bi]; i < r->block_row[bi + 1]; i++)
			if (r->row[i].block != bi)
				return false;
	}
	return r->block_row[r->al->nblock] == r->nrow;
}
#endif

/* The panes' width for opts o (NULL: width 80, the rest off). */
static void
geometry(struct render *r, const struct render_opts *o)
{
	unsigned int w;

	if (o != NULL)
		r->opts = *o;
	else
		r->opts.width = 80;
	w = r->opts.width;
	r->pane = w > RENDER_GUTTER ? (w - RENDER_GUTTER) / 2 : 0;
	if (r->opts.inline_view)
		r->pane = w > RENDER_GUTTER ? w - RENDER_GUTTER : 0;
	if (r->pane < RENDER_MIN_PANE)
		r->pane = RENDER_MIN_PANE;
	if (r->pane > RENDER_MAX_PANE)
		r->pane = RENDER_MAX_PANE;
	r->width = r->opts.inline_view ? r->pane + RENDER_GUTTER :
		2 * r->pane + RENDER_GUTTER;
}

/* Per block, the first move below the paragraph with an end there. */
static void
subends(struct builder *b)
{
	const struct alignment *al = b->al;
	size_t s;

	if (al->nsub == 0)
		return;
	b->subend[0] = xcalloc(al->nblock + 1, sizeof *b->subend[0]);
	b->subend[1] = xcalloc(al->nblock + 1, sizeof *b->subend[1]);
	for (s = al->nsub; s-- > 0;) {
		b->subend[0][al->sub[s].src] = (uint32_t)s + 1;
		b->subend[1][al->sub[s].dst] = (uint32_t)s + 1;
	}
}

struct render *
render_build(const struct alignment *al, const struct render_opts *o)
{
	struct builder b = { 0 };
	struct render *r = xcalloc(1, sizeof *r);
	uint32_t bi;

	r->al = al;
	geometry(r, o);
	r->block_row = xcalloc(al->nblock + 1, sizeof *r->block_row);
	b.r = r;
	b.al = al;
	b.style[0] = xmalloc(al->a->ntok + 1);
	b.style[1] = xmalloc(al->b->ntok + 1);
	subends(&b);
	for (bi = 0; bi < al->nblock; bi++) {
		if (r->opts.inline_view)
			inline_block(&b, bi);
		else
			layout_block(&b, bi);
	}
	r->block_row[al->nblock] = r->nrow;
	assert(rows_in_blocks(r));
	free(b.style[0]);
	free(b.style[1]);
	free(b.subend[0]);
	free(b.subend[1]);
	free(b.copy);
	free(b.brk);
	free(b.simple);
	free(b.wtz.tok);
	free(b.wtz.brk);
	free(b.wstyle);
	return r;
}

void
render_free(struct render *r)
{
	if (r == NULL)
		return;
	free(r->row);
	free(r->span);
	free(r->note);
	free(r->block_row);
	free(r);
}

/* --- the lazy layout ------------------------------------------------------- */

/*
 * The lazy layout cuts the rows of render_build() into pieces that can be
 * laid out alone: a paragraph pair of a block with as many paragraphs on
 * each side, a paragraph of a block with text on one side only, else the
 * whole block (a split or a merge, and every block of the inline layout).
 * A piece's rows are those render_build() gives it: the blank row before a
 * pair (or the blank cell before a paragraph of a stack), the move note
 * before the block's first piece, and after the block's last piece the
 * blank row between it and the next block that has rows.
 */

/* Pieces in the direct-mapped cache of laid out pieces. */
#define LAZY_SLOTS	256
#define LAZY_UNKNOWN	UINT32_MAX

struct lazy_slot {
	struct render r;
	size_t caprow, capspan, capnote;
	uint32_t piece;		/* LAZY_UNKNOWN: empty */
	uint32_t chunk;		/* LAZY_UNKNOWN: the whole piece, else a
				   giant piece's segment */
};

/*
 * A giant piece (render.h), in segments (struct segs).  Segment j's rows
 * are rows[j] once counted, an estimate from its bytes before; off[j] is
 * the first paragraph row of segment j as numbered now (off[n] all of
 * them), after the piece's `pre` rows (giant_pre).
 */
struct lazy_giant {
	uint32_t piece, block, g;
	uint32_t p[2];		/* its paragraph on each side, or RENDER_NONE */
	struct segs sg;
	uint32_t *rows;		/* per segment: rows, LAZY_UNKNOWN: not counted */
	uint32_t *off;		/* per segment, then the end */
	uint32_t left;		/* segments not counted */
};

struct render_lazy_priv {
	struct builder b;
	struct render outer;	/* geometry and options for the builder */
	struct lazy_slot slot[LAZY_SLOTS];
	struct lazy_slot scratch;	/* counting, and print's stream */
	struct lazy_giant *giant;	/* in piece order */
	size_t ngiant;
};

struct render_lazy_tuning render_lazy_tuning = { 64u << 10, 32u << 10 };

/* Paragraphs of block bi, clamped to the docs as layout_block does. */
static void
block_extent(const struct alignment *al, uint32_t bi, uint32_t *na,
	     uint32_t *nb)
{
	const struct block *bl = &al->block[bi];

	*na = bl->na;
	*nb = bl->nb;
	if (bl->a > al->a->npara)
		*na = 0;
	else if (*na > al->a->npara - bl->a)
		*na = (uint32_t)(al->a->npara - bl->a);
	if (bl->b > al->b->npara)
		*nb = 0;
	else if (*nb > al->b->npara - bl->b)
		*nb = (uint32_t)(al->b->npara - bl->b);
}

static uint32_t
block_pieces(const struct render_lazy *lz, uint32_t bi)
{
	const struct block *bl = &lz->al->block[bi];
	uint32_t na, nb;

	if (lz->opts.inline_view)
		return bl->na == 0 && bl->nb == 0 ? 0 : 1;
	block_extent(lz->al, bi, &na, &nb);
	if (na == 0 && nb == 0)
		return 0;
	if (na == nb)
		return na;
	if (na == 0 || nb == 0)
		return na + nb;
	return 1;
}

/* Lay piece g of block bi out into b->r (emptied first). */
static void
piece_layout(struct render_lazy *lz, struct builder *b, uint32_t bi,
	     uint32_t g)
{
	const struct alignment *al = lz->al;
	const struct block *bl = &al->block[bi];
	struct render *r = b->r;
	uint32_t na, nb, np = lz->piece_first[bi + 1] - lz->piece_first[bi];
	uint8_t unch = unchanged_style(bl);
	bool note = bl->move != 0 && bl->twin < al->nblock;
	bool style = !b->count_only || r->opts.brackets;
	size_t i;

	r->nrow = r->nspan = r->nnote = 0;
	if (r->opts.inline_view) {
		inline_block(b, bi);
		goto end;
	}
	block_extent(al, bi, &na, &nb);
	if (na == nb) {
		if (g > 0)
			emit_blank(b, bi);
		if (style) {
			style_side(b, 0, bl->a + g, 1, bl, unch);
			style_side(b, 1, bl->b + g, 1, bl, unch);
		}
		i = r->nrow;
		if (g == 0)
			i = sub_notes(b, i, bi);
		layout_pair(b, bi, bl, g, i, note && g == 0);
	} else if (na == 0 || nb == 0) {
		int side = na ? 0 : 1;
		uint32_t p = (side ? bl->b : bl->a) + g;

		if (style)
			style_side(b, side, p, 1, bl, unch);
		i = g == 0 ? sub_notes(b, 0, bi) : 0;
		b->side = side;
		b->d = side ? al->b : al->a;
		if (g == 0 && note)
			emit_note(b, i++, bi, bl);
		if (g > 0)
			row_get(b, i++, bi)->cell[side] = CELL_BLANK;
		layout_one(b, p, i, bi, true);
	} else {
		if (style) {
			style_side(b, 0, bl->a, na, bl, unch);
			style_side(b, 1, bl->b, nb, bl, unch);
		}
		i = sub_notes(b, 0, bi);
		layout_side(b, 0, i, bi, bl, bl->a, na, note);
		layout_side(b, 1, i, bi, bl, bl->b, nb, note);
	}
	if (g == 0 && r->nrow > 0) {
		r->row[0].mark = block_mark(r, bl);
		sub_mark(b, &r->row[0], bi);
	}
	if (bl->kind != BLOCK_EQUAL || bl->move)
		for (i = g == 0 ? 1 : 0; i < r->nrow; i++)
			r->row[i].mark = MARK_CONT;
end:
	if (g + 1 == np && bi < lz->last_block)
		emit_blank(b, bi);
}

/* --- giant pieces, a segment at a time ---------------------------------- */

/* The index of the first giant record of a piece at or after `piece`. */
static size_t
giant_from(const struct render_lazy_priv *pv, uint32_t piece)
{
	size_t lo = 0, hi = pv->ngiant;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pv->giant[mid].piece < piece)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The giant record of piece `piece`, or NULL. */
static struct lazy_giant *
giant_of(const struct render_lazy *lz, uint32_t piece)
{
	const struct render_lazy_priv *pv = lz->priv;
	size_t lo = giant_from(pv, piece);

	return lo < pv->ngiant && pv->giant[lo].piece == piece ?
		&pv->giant[lo] : NULL;
}

/* Segments of block bi not counted yet. */
static uint32_t
block_left(const struct render_lazy *lz, uint32_t bi)
{
	const struct render_lazy_priv *pv = lz->priv;
	size_t lo = giant_from(pv, lz->piece_first[bi]);
	uint32_t n = 0;

	for (; lo < pv->ngiant && pv->giant[lo].block == bi; lo++)
		n += pv->giant[lo].left;
	return n;
}

/* The rows segment j of giant gi is taken to have before it is counted. */
static uint32_t
seg_guess(const struct render_lazy *lz, const struct lazy_giant *gi,
	  uint32_t j)
{
	unsigned int per = lz->pane - lz->pane / 8;
	uint32_t n = 1, k;
	int side;

	for (side = 0; side < 2; side++) {
		if (gi->p[side] == RENDER_NONE)
			continue;
		k = (gi->sg.at[side][j + 1] - gi->sg.at[side][j]) /
			(per ? per : 1) + 1;
		if (k > n)
			n = k;
	}
	return n;
}

/* Number giant gi's segments with their estimates, none counted. */
static void
giant_reset(struct render_lazy *lz, struct lazy_giant *gi)
{
	uint32_t j;

	gi->off[0] = 0;
	for (j = 0; j < gi->sg.n; j++) {
		gi->rows[j] = LAZY_UNKNOWN;
		gi->off[j + 1] = gi->off[j] + seg_guess(lz, gi, j);
	}
	gi->left = gi->sg.n;
}

/* Is giant gi the last piece of its block with a blank row after it? */
static bool
giant_post(const struct render_lazy *lz, const struct lazy_giant *gi)
{
	uint32_t np = lz->piece_first[gi->block + 1] -
		lz->piece_first[gi->block];

	return gi->g + 1 == np && gi->block < lz->last_block;
}

/* Rows before giant gi's paragraph rows (as giant_chunk makes them). */
static uint32_t
giant_pre(const struct render_lazy *lz, const struct lazy_giant *gi)
{
	const struct alignment *al = lz->al;
	const struct block *bl = &al->block[gi->block];
	const struct builder *b = &lz->priv->b;
	bool note = bl->move != 0 && bl->twin < al->nblock;
	uint32_t n = 0;

	if (lz->opts.inline_view)	/* a row for each side's note */
		return b->subend[0] != NULL ? (b->subend[0][gi->block] != 0) +
			(b->subend[1][gi->block] != 0) : 0;
	if (gi->g > 0)
		n++;		/* the blank row, or blank cell, before */
	if (gi->g == 0 && b->subend[0] != NULL &&
	    (b->subend[0][gi->block] || b->subend[1][gi->block]))
		n++;
	if (gi->g == 0 && note)
		n++;
	return n;
}

/* All of giant gi's rows as numbered now. */
static uint32_t
giant_total(const struct render_lazy *lz, const struct lazy_giant *gi)
{
	return giant_pre(lz, gi) + gi->off[gi->sg.n] + giant_post(lz, gi);
}

/* Rows of segment j of gi in the piece: [*first, *end). */
static void
seg_rows(const struct render_lazy *lz, const struct lazy_giant *gi,
	 uint32_t j, size_t *first, size_t *end)
{
	uint32_t pre = giant_pre(lz, gi);

	*first = j == 0 ? 0 : pre + gi->off[j];
	*end = pre + gi->off[j + 1];
	if (j + 1 == gi->sg.n)
		*end += giant_post(lz, gi);
}

/* The last i in [lo, hi) whose first row start[i] is at or before row. */
static uint32_t
last_starting(const uint32_t *start, uint32_t lo, uint32_t hi, size_t row)
{
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (start[mid] <= row)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The segment of giant gi holding its row `in` (as numbered now). */
static uint32_t
seg_at(const struct render_lazy *lz, const struct lazy_giant *gi, size_t in)
{
	uint32_t pre = giant_pre(lz, gi);

	return in < pre ? 0 : last_starting(gi->off, 0, gi->sg.n, in - pre);
}

/*
 * Segment j of giant gi has n paragraph rows: renumber what follows it,
 * in the piece and, once its pieces are counted, in the block, and tell
 * the hook.
 */
static void
giant_counted(struct render_lazy *lz, struct lazy_giant *gi, uint32_t j,
	      uint32_t n)
{
	uint32_t was, k, bi = gi->block;
	long delta;

	if (gi->rows[j] != LAZY_UNKNOWN)
		return;
	was = gi->off[j + 1] - gi->off[j];
	delta = (long)n - (long)was;
	gi->rows[j] = n;
	gi->left--;
	if (delta != 0)
		for (k = j + 1; k <= gi->sg.n; k++)
			gi->off[k] = (uint32_t)((long)gi->off[k] + delta);
	if (lz->block_rows[bi] == LAZY_UNKNOWN)
		return;
	if (delta != 0) {
		for (k = gi->piece + 1; k < lz->piece_first[bi + 1]; k++)
			lz->piece_off[k] = (uint32_t)((long)lz->piece_off[k] +
						      delta);
		lz->block_rows[bi] = (uint32_t)((long)lz->block_rows[bi] +
						delta);
	}
	if (lz->hook != NULL) {
		bool exact = block_left(lz, bi) == 0;

		if (delta != 0 || exact)
			lz->hook(lz->hook_ctx, bi, (size_t)lz->piece_off[gi->piece]
				 + giant_pre(lz, gi) + gi->off[j], was, n,
				 exact);
	}
}

/* Point the builder at slot s, emptied, its geometry lz's. */
static void
slot_start(struct render_lazy *lz, struct lazy_slot *s, bool count_only)
{
	struct builder *b = &lz->priv->b;

	s->r.al = lz->al;
	s->r.opts = lz->opts;
	s->r.pane = lz->pane;
	s->r.width = lz->width;
	s->r.nrow = s->r.nspan = s->r.nnote = 0;
	b->r = &s->r;
	b->caprow = s->caprow;
	b->capspan = s->capspan;
	b->capnote = s->capnote;
	b->count_only = count_only;
}

static void
slot_end(struct render_lazy *lz, struct lazy_slot *s)
{
	struct builder *b = &lz->priv->b;

	s->caprow = b->caprow;
	s->capspan = b->capspan;
	s->capnote = b->capnote;
}

/* Lay segment j of giant gi out into the builder from row i on: its rows. */
static uint32_t
seg_layout(struct builder *b, const struct lazy_giant *gi, uint32_t j,
	   size_t i)
{
	size_t before = b->r->nrow;
	uint32_t n;

	if (b->r->opts.inline_view) {
		inline_seg(b, gi->block, gi->p, &gi->sg, j);
		return (uint32_t)(b->r->nrow - before);
	}
	layout_segs(b, gi->block, gi->p, &gi->sg, j, j + 1, i, true, &n);
	return n;
}

/* Count segment j of giant gi (laying it out without spans). */
static void
giant_count(struct render_lazy *lz, struct lazy_giant *gi, uint32_t j)
{
	struct lazy_slot *s = &lz->priv->scratch;
	uint32_t n;

	if (gi->rows[j] != LAZY_UNKNOWN)
		return;
	slot_start(lz, s, true);
	s->piece = LAZY_UNKNOWN;
	n = seg_layout(&lz->priv->b, gi, j, 0);
	slot_end(lz, s);
	giant_counted(lz, gi, j, n);
}

/*
 * Lay segment c of giant gi out into slot s: after the rows before the
 * paragraphs for segment 0, with the blank row after the piece for the
 * last one.
 */
static void
giant_chunk(struct render_lazy *lz, struct lazy_slot *s,
	    struct lazy_giant *gi, uint32_t c)
{
	const struct alignment *al = lz->al;
	const struct block *bl = &al->block[gi->block];
	struct builder *b = &lz->priv->b;
	uint32_t bi = gi->block, n;
	bool note = bl->move != 0 && bl->twin < al->nblock;
	size_t i = 0, k;
	int side;

	slot_start(lz, s, false);
	if (c == 0 && lz->opts.inline_view) {
		struct iline L = { 0 };

		L.block = bi;
		L.para[0] = L.para[1] = RENDER_NONE;
		inline_sub_notes(b, &L, bi);
		i = b->r->nrow;
		assert(i == giant_pre(lz, gi));
	} else if (c == 0) {
		bool both = gi->p[0] != RENDER_NONE && gi->p[1] != RENDER_NONE;

		/* What piece_layout puts before the paragraphs. */
		if (gi->g > 0 && both)
			emit_blank(b, bi);
		i = b->r->nrow;
		if (gi->g == 0)
			i = sub_notes(b, i, bi);
		if (note && gi->g == 0) {
			for (side = 0; side < 2; side++) {
				b->side = side;
				if (gi->p[side] != RENDER_NONE)
					emit_note(b, i, bi, bl);
			}
			i++;
		}
		if (gi->g > 0 && !both)
			row_get(b, i++, bi)->cell[gi->p[0] == RENDER_NONE] =
				CELL_BLANK;
		assert(i == giant_pre(lz, gi));
	}
	n = seg_layout(b, gi, c, i);
	if (c == 0 && b->r->nrow > 0) {
		b->r->row[0].mark = block_mark(b->r, bl);
		sub_mark(b, &b->r->row[0], bi);
	}
	if (bl->kind != BLOCK_EQUAL || bl->move)
		for (k = c == 0 ? 1 : 0; k < b->r->nrow; k++)
			b->r->row[k].mark = MARK_CONT;
	if (c + 1 == gi->sg.n && giant_post(lz, gi))
		emit_blank(b, bi);
	slot_end(lz, s);
	s->piece = gi->piece;
	s->chunk = c;
	giant_counted(lz, gi, c, n);
}

/* Build piece g of block bi into slot s. */
static void
slot_build(struct render_lazy *lz, struct lazy_slot *s, uint32_t bi,
	   uint32_t g, bool count_only)
{
	struct builder *b = &lz->priv->b;

	s->r.al = lz->al;
	s->r.opts = lz->opts;
	s->r.pane = lz->pane;
	s->r.width = lz->width;
	b->r = &s->r;
	b->caprow = s->caprow;
	b->capspan = s->capspan;
	b->capnote = s->capnote;
	b->count_only = count_only;
	piece_layout(lz, b, bi, g);
	s->caprow = b->caprow;
	s->capspan = b->capspan;
	s->capnote = b->capnote;
	s->piece = count_only ? LAZY_UNKNOWN : lz->piece_first[bi] + g;
	s->chunk = LAZY_UNKNOWN;
}

/* Piece g of block bi is giant (render.h)?  Then note it in pv->giant. */
static void
find_giant(struct render_lazy *lz, uint32_t bi, uint32_t g)
{
	const struct alignment *al = lz->al;
	const struct block *bl = &al->block[bi];
	struct render_lazy_priv *pv = lz->priv;
	struct lazy_giant gi;
	uint32_t na, nb;

	memset(&gi, 0, sizeof gi);
	gi.piece = lz->piece_first[bi] + g;
	gi.block = bi;
	gi.g = g;
	if (lz->opts.inline_view) {
		if (!inline_giant(al, bi, gi.p, &gi.sg))
			return;
		goto add;
	}
	block_extent(al, bi, &na, &nb);
	if (na == nb) {
		gi.p[0] = bl->a + g;
		gi.p[1] = bl->b + g;
	} else if (na == 0 || nb == 0) {
		gi.p[0] = na ? bl->a + g : RENDER_NONE;
		gi.p[1] = nb ? bl->b + g : RENDER_NONE;
	} else {
		return;
	}
	if (!is_giant(al, gi.p))
		return;
	segs_find(&gi.sg, al, bl, gi.p, render_lazy_tuning.segment);
add:
	gi.rows = xmalloc(((size_t)gi.sg.n + 1) * sizeof *gi.rows);
	gi.off = xmalloc(((size_t)gi.sg.n + 1) * sizeof *gi.off);
	pv->giant = xreallocarray(pv->giant, pv->ngiant + 1, sizeof *pv->giant);
	pv->giant[pv->ngiant++] = gi;
	giant_reset(lz, &pv->giant[pv->ngiant - 1]);
}

struct render_lazy *
render_lazy_new(const struct alignment *al, const struct render_opts *o)
{
	struct render_lazy *lz = xcalloc(1, sizeof *lz);
	struct render_lazy_priv *pv = xcalloc(1, sizeof *pv);
	struct render probe = { 0 };
	uint32_t bi, k;

	geometry(&probe, o);
	lz->al = al;
	lz->opts = probe.opts;
	lz->pane = probe.pane;
	lz->width = probe.width;
	lz->priv = pv;
	lz->nblock = al->nblock;
	lz->piece_first = xmalloc((al->nblock + 1) * sizeof *lz->piece_first);
	lz->block_rows = xmalloc((al->nblock + 1) * sizeof *lz->block_rows);
	lz->last_block = 0;
	k = 0;
	for (bi = 0; bi < al->nblock; bi++) {
		uint32_t n = block_pieces(lz, bi);

		lz->piece_first[bi] = k;
		lz->block_rows[bi] = n ? LAZY_UNKNOWN : 0;
		if (n)
			lz->last_block = bi;
		k += n;
	}
	lz->piece_first[al->nblock] = k;
	for (bi = 0; bi < al->nblock; bi++) {
		uint32_t g;

		for (g = 0; g < lz->piece_first[bi + 1] - lz->piece_first[bi];
		     g++)
			find_giant(lz, bi, g);
	}
	lz->npiece = k;
	lz->piece_off = xmalloc(((size_t)k + 1) * sizeof *lz->piece_off);
	memset(lz->piece_off, 0xff, ((size_t)k + 1) * sizeof *lz->piece_off);
	pv->b.al = al;
	pv->b.style[0] = xcalloc(al->a->ntok + 1, 1);
	pv->b.style[1] = xcalloc(al->b->ntok + 1, 1);
	pv->b.sorted[0] = xcalloc(al->nblock + 1, 1);
	pv->b.sorted[1] = xcalloc(al->nblock + 1, 1);
	subends(&pv->b);
	for (k = 0; k < LAZY_SLOTS; k++)
		pv->slot[k].piece = LAZY_UNKNOWN;
	pv->scratch.piece = LAZY_UNKNOWN;
	return lz;
}

static void
slot_free(struct lazy_slot *s)
{
	free(s->r.row);
	free(s->r.span);
	free(s->r.note);
}

void
render_lazy_free(struct render_lazy *lz)
{
	struct render_lazy_priv *pv;
	size_t k;

	if (lz == NULL)
		return;
	pv = lz->priv;
	for (k = 0; k < pv->ngiant; k++) {
		segs_free(&pv->giant[k].sg);
		free(pv->giant[k].rows);
		free(pv->giant[k].off);
	}
	free(pv->giant);
	for (k = 0; k < LAZY_SLOTS; k++)
		slot_free(&pv->slot[k]);
	slot_free(&pv->scratch);
	free(pv->b.style[0]);
	free(pv->b.style[1]);
	free(pv->b.sorted[0]);
	free(pv->b.sorted[1]);
	free(pv->b.subend[0]);
	free(pv->b.subend[1]);
	free(pv->b.copy);
	free(pv->b.brk);
	free(pv->b.simple);
	free(pv->b.wtz.tok);
	free(pv->b.wtz.brk);
	free(pv->b.wstyle);
	free(pv);
	free(lz->piece_first);
	free(lz->block_rows);
	free(lz->piece_off);
	free(lz);
}

void
render_lazy_on_rows(struct render_lazy *lz, render_lazy_hook *hook, void *ctx)
{
	lz->hook = hook;
	lz->hook_ctx = ctx;
}

void
render_lazy_restyle(struct render_lazy *lz, const struct render_opts *o)
{
	struct render_lazy_priv *pv = lz->priv;
	bool keep = o->width == lz->opts.width &&
	    o->inline_view == lz->opts.inline_view && !o->brackets &&
	    !lz->opts.brackets;
	uint32_t bi;
	size_t k;

	if (o->cosmetic == lz->opts.cosmetic && o->brackets == lz->opts.brackets)
		return;		/* the same styles: keep the pieces laid out */
	lz->opts.cosmetic = o->cosmetic;
	lz->opts.brackets = o->brackets;
	for (k = 0; k < LAZY_SLOTS; k++)
		pv->slot[k].piece = LAZY_UNKNOWN;
	if (keep)
		return;
	/* Another width: render_lazy_new's job, but keep this working. */
	for (k = 0; k < pv->ngiant; k++)
		giant_reset(lz, &pv->giant[k]);
	for (bi = 0; bi < lz->nblock; bi++)
		if (lz->block_rows[bi] != 0)
			lz->block_rows[bi] = LAZY_UNKNOWN;
	memset(lz->piece_off, 0xff, ((size_t)lz->npiece + 1) *
	       sizeof *lz->piece_off);
}

bool
render_lazy_counted(const struct render_lazy *lz, uint32_t bi)
{
	return lz->block_rows[bi] != LAZY_UNKNOWN && block_left(lz, bi) == 0;
}

size_t
render_lazy_rows_now(struct render_lazy *lz, uint32_t bi, bool count,
		     bool *exact)
{
	struct render_lazy_priv *pv = lz->priv;
	uint32_t g, first = lz->piece_first[bi];
	uint32_t np = lz->piece_first[bi + 1] - first, n = 0;

	*exact = false;
	if (lz->block_rows[bi] == LAZY_UNKNOWN) {
		if (!count)
			return SIZE_MAX;
		for (g = 0; g < np; g++) {
			struct lazy_slot *s = &pv->slot[(first + g) % LAZY_SLOTS];
			struct lazy_giant *gi = giant_of(lz, first + g);

			lz->piece_off[first + g] = n;
			if (gi != NULL) {
				n += giant_total(lz, gi);
				continue;
			}
			if (s->piece != first + g || s->chunk != LAZY_UNKNOWN) {
				s = &pv->scratch;
				slot_build(lz, s, bi, g, true);
			}
			n += (uint32_t)s->r.nrow;
		}
		lz->block_rows[bi] = n;
	}
	*exact = block_left(lz, bi) == 0;
	return lz->block_rows[bi];
}

size_t
render_lazy_block_rows(struct render_lazy *lz, uint32_t bi)
{
	bool exact;

	render_lazy_rows_now(lz, bi, true, &exact);
	while (render_lazy_settle_next(lz, bi))
		;
	return lz->block_rows[bi];
}

/*
 * The last piece of block bi that starts at or before row (its pieces
 * counted).
 */
static uint32_t
piece_at_row(const struct render_lazy *lz, uint32_t bi, size_t row)
{
	return last_starting(lz->piece_off, lz->piece_first[bi],
			     lz->piece_first[bi + 1], row);
}

bool
render_lazy_settle(struct render_lazy *lz, uint32_t bi, size_t row,
		   size_t *next)
{
	uint32_t lo, j;
	struct lazy_giant *gi;
	size_t first, end;
	bool exact;
	size_t n = render_lazy_rows_now(lz, bi, true, &exact);

	*next = n;
	if (row >= n || lz->piece_first[bi + 1] == lz->piece_first[bi])
		return false;
	lo = piece_at_row(lz, bi, row);
	*next = lo + 1 < lz->piece_first[bi + 1] ? lz->piece_off[lo + 1] : n;
	if ((gi = giant_of(lz, lo)) == NULL)
		return false;
	j = seg_at(lz, gi, row - lz->piece_off[lo]);
	if (gi->rows[j] == LAZY_UNKNOWN) {
		giant_count(lz, gi, j);
		return true;
	}
	seg_rows(lz, gi, j, &first, &end);
	*next = lz->piece_off[lo] + end;
	return false;
}

bool
render_lazy_settle_next(struct render_lazy *lz, uint32_t bi)
{
	struct render_lazy_priv *pv = lz->priv;
	size_t lo;
	bool exact;
	uint32_t j;

	render_lazy_rows_now(lz, bi, true, &exact);
	if (exact)
		return false;
	lo = giant_from(pv, lz->piece_first[bi]);
	for (; lo < pv->ngiant && pv->giant[lo].block == bi; lo++) {
		struct lazy_giant *gi = &pv->giant[lo];

		if (gi->left == 0)
			continue;
		for (j = 0; j < gi->sg.n; j++)
			if (gi->rows[j] == LAZY_UNKNOWN) {
				giant_count(lz, gi, j);
				return true;
			}
	}
	return false;
}

size_t
render_lazy_pieces(const struct render_lazy *lz, uint32_t bi)
{
	return lz->piece_first[bi + 1] - lz->piece_first[bi];
}

const struct render *
render_lazy_piece(struct render_lazy *lz, uint32_t bi, uint32_t g)
{
	uint32_t piece = lz->piece_first[bi] + g;
	struct lazy_slot *s = &lz->priv->slot[piece % LAZY_SLOTS];

	if (s->piece != piece || s->chunk != LAZY_UNKNOWN)
		slot_build(lz, s, bi, g, false);
	return &s->r;
}

/* Segment c of giant gi, laid out (cached like pieces). */
static const struct render *
giant_get(struct render_lazy *lz, struct lazy_giant *gi, uint32_t c)
{
	struct lazy_slot *s =
		&lz->priv->slot[(gi->piece + c * 37u) % LAZY_SLOTS];

	if (s->piece != gi->piece || s->chunk != c)
		giant_chunk(lz, s, gi, c);
	return &s->r;
}

const struct render *
render_lazy_stream_chunk(struct render_lazy *lz, uint32_t bi, uint32_t g,
			 uint32_t c, bool *more)
{
	struct lazy_giant *gi = giant_of(lz, lz->piece_first[bi] + g);

	*more = false;
	if (gi == NULL)
		return render_lazy_stream(lz, bi, g);
	giant_chunk(lz, &lz->priv->scratch, gi, c);
	lz->priv->scratch.piece = LAZY_UNKNOWN;
	*more = c + 1 < gi->sg.n;
	return &lz->priv->scratch.r;
}

const struct render *
render_lazy_stream(struct render_lazy *lz, uint32_t bi, uint32_t g)
{
	struct lazy_slot *s = &lz->priv->scratch;

	slot_build(lz, s, bi, g, false);
	return &s->r;
}

bool
render_lazy_giant_rows(struct render_lazy *lz, uint32_t bi, size_t row,
		       size_t *first, size_t *n, bool *last)
{
	uint32_t lo;
	struct lazy_giant *gi;
	bool exact;
	size_t rows = render_lazy_rows_now(lz, bi, true, &exact);

	if (row >= rows)
		return false;
	lo = piece_at_row(lz, bi, row);
	if ((gi = giant_of(lz, lo)) == NULL)
		return false;
	*first = lz->piece_off[lo];
	*n = giant_total(lz, gi);
	*last = lo + 1 == lz->piece_first[bi + 1];
	return true;
}

uint32_t
render_row_offset(const struct render *r, size_t j, int version)
{
	const struct render_row *rw = &r->row[j];
	uint32_t i;
	int s;

	for (s = 0; s < 2; s++) {
		if (rw->cell[s] != CELL_TEXT)
			continue;
		for (i = 0; i < rw->nspan[s]; i++) {
			const struct render_span *sp = &r->span[rw->span[s] + i];

			if (!(sp->flags & SPAN_NOTE) &&
			    render_span_version(r, s, sp) == version)
				return sp->off;
		}
	}
	return UINT32_MAX;
}

bool
render_lazy_giant_offset(struct render_lazy *lz, uint32_t bi, int side,
			 uint32_t off, size_t *row)
{
	const struct doc *d = side ? lz->al->b : lz->al->a;
	uint32_t p, lo, hi, c;
	const struct render *r;
	struct lazy_giant *gi = NULL;
	size_t j, best = SIZE_MAX, first, end;
	bool exact;

	for (p = lz->piece_first[bi]; p < lz->piece_first[bi + 1]; p++) {
		gi = giant_of(lz, p);
		if (gi != NULL && gi->p[side] != RENDER_NONE &&
		    off >= d->para[gi->p[side]].start &&
		    off < d->para[gi->p[side]].end)
			break;
	}
	if (p == lz->piece_first[bi + 1])
		return false;
	render_lazy_rows_now(lz, bi, true, &exact);
	/* The segment holding off on that side. */
	lo = 0;
	hi = gi->sg.n;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (gi->sg.at[side][mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	c = lo;
	r = giant_get(lz, gi, c);
	for (j = 0; j < r->nrow; j++) {
		uint32_t o = render_row_offset(r, j, side);

		if (o != UINT32_MAX && o <= off)
			best = j;
		else if (o != UINT32_MAX && best != SIZE_MAX)
			break;
	}
	/* Inline, A's words are few (the deleted ones): its first row. */
	if (best == SIZE_MAX && lz->opts.inline_view)
		best = c == 0 ? giant_pre(lz, gi) : 0;
	if (best == SIZE_MAX || best >= r->nrow)
		return false;
	seg_rows(lz, gi, c, &first, &end);
	*row = lz->piece_off[p] + first + best;
	return true;
}

const struct render *
render_lazy_rows(struct render_lazy *lz, uint32_t bi, size_t row,
		 size_t *first)
{
	uint32_t lo, p0 = lz->piece_first[bi];
	struct lazy_giant *gi;
	bool exact;
	size_t n, end;

	if (lz->block_rows[bi] == LAZY_UNKNOWN &&
	    lz->piece_first[bi + 1] - p0 == 1 && giant_of(lz, p0) == NULL) {
		/* One piece: lay it out once, and count it from that. */
		const struct render *q = render_lazy_piece(lz, bi, 0);

		lz->piece_off[p0] = 0;
		lz->block_rows[bi] = (uint32_t)q->nrow;
	}
	n = render_lazy_rows_now(lz, bi, true, &exact);
	if (row >= n)
		return NULL;
	/* The last piece starting at or before row. */
	lo = piece_at_row(lz, bi, row);
	*first = lz->piece_off[lo];
	if ((gi = giant_of(lz, lo)) != NULL) {
		/* The segment holding it. */
		uint32_t c = seg_at(lz, gi, row - *first);
		size_t f;

		seg_rows(lz, gi, c, &f, &end);
		*first += f;
		return giant_get(lz, gi, c);
	}
	return render_lazy_piece(lz, bi, lo - p0);
}

/* --- drawing -------------------------------------------------------------- */

static void
put(char **buf, size_t *cap, size_t *n, const void *s, size_t len)
{
	*buf = xgrow(*buf, cap, *n + len + 1, 1);
	memcpy(*buf + *n, s, len);
	*n += len;
}

int
render_span_version(const struct render *r, int side,
		    const struct render_span *sp)
{
	if (r->opts.inline_view)
		return sp->flags & SPAN_FROM_A ? RENDER_LEFT : RENDER_RIGHT;
	return side;
}

size_t
render_span_text(const struct render *r, int side,
		 const struct render_span *sp, char **buf, size_t *cap)
{
	const struct doc *d = render_span_version(r, side, sp) ?
		r->al->b : r->al->a;
	const uint8_t *s = d->text->data;
	const char *open = sp->style == STYLE_DELETED ? "[-" : "{+";
	const char *close = sp->style == STYLE_DELETED ? "-]" : "+}";
	uint32_t pos = sp->off, end = sp->off + sp->len, tend, uc;
	size_t n = 0, k, ol, t;
	struct tokeniser tz = { 0 };
	struct doc w;
	char out[16];

	*buf = xgrow(*buf, cap, 1, 1);
	if (sp->flags & SPAN_OPEN)
		put(buf, cap, &n, open, 2);
	if (sp->flags & SPAN_NOTE) {
		put(buf, cap, &n, r->note + sp->off, sp->len);
	} else if (pos < end) {
		if (d->tok[doc_token_at(d, pos)].kind == TOK_PARA) {
			/* A paragraph left whole: its span's bytes cut alone. */
			cut_whole(&tz, s, pos, end);
			w = *d;
			w.tok = tz.tok;
			w.ntok = tz.ntok;
			d = &w;
		}
		t = doc_token_at(d, pos);
		while (pos < end) {
			while (t + 1 < d->ntok &&
			    d->tok[t].off + d->tok[t].len <= pos)
				t++;
			tend = d->tok[t].off + d->tok[t].len;
			if (tend > end || tend <= pos)
				tend = end;
			if (d->tok[t].kind == TOK_SPACE ||
			    d->tok[t].kind == TOK_BREAK) {
				put(buf, cap, &n, " ", 1);
				pos = tend;
				continue;
			}
			while (pos < tend) {
				if (s[pos] >= 0x20 && s[pos] < 0x7f) {
					put(buf, cap, &n, s + pos, 1);
					pos++;
					continue;
				}
				k = width_decode(s + pos, tend - pos, &uc);
				if (uc == '\t') {
					out[0] = ' ';
					ol = 1;
				} else {
					width_char_form(uc, uc == 0xfffd &&
					    k == 1, 0, out, &ol);
				}
				put(buf, cap, &n, out, ol);
				pos += (uint32_t)k;
			}
		}
	}
	if (sp->flags & SPAN_CLOSE)
		put(buf, cap, &n, close, 2);
	(*buf)[n] = '\0';
	free(tz.tok);
	free(tz.brk);
	return n;
}
