/*
 * walk.c — the byte-level walk of an alignment (see walk.h).
 */
#include "config.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <unistr.h>

#include "uchar.h"
#include "walk.h"

/* First byte of unit u; unit 0 owns the bytes before it, nunit is the end. */
static size_t
unit_start(const struct doc *d, uint32_t u)
{
	if (u == 0)
		return 0;
	if (u >= d->nunit)
		return d->text->len;
	return d->tok[d->unit[u].tok].off;
}

struct walker {
	void (*fn)(const struct piece *, void *);
	void *priv;
	struct piece pending;
	bool has;
	uint32_t op;		/* the word op being walked */
	/*
	 * Without whole moves, the pieces tile both versions: each side's
	 * bytes visited so far (checked as tests/fuzz/checks.c does).
	 */
	bool tile;
	size_t a, b;
};

/* Hand a piece to the caller. */
static void
flush(struct walker *w, const struct piece *q)
{
	if (w->tile) {
		assert(q->kind == PIECE_INSERT || q->a0 == w->a);
		assert(q->kind == PIECE_DELETE || q->b0 == w->b);
		if (q->kind != PIECE_INSERT)
			w->a = q->a1;
		if (q->kind != PIECE_DELETE)
			w->b = q->b1;
	}
	w->fn(q, w->priv);
}

static void
join_piece(struct walker *w, const struct piece *p)
{
	struct piece *q = &w->pending;

	if (p->a0 == p->a1 && p->b0 == p->b1)
		return;
	if (w->has && q->kind == p->kind && q->cosmetic == p->cosmetic &&
	    q->edit == p->edit && q->move == p->move && q->a1 == p->a0 &&
	    q->b1 == p->b0) {
		q->a1 = p->a1;
		q->b1 = p->b1;
		return;
	}
	if (w->has)
		flush(w, q);
	*q = *p;
	w->has = true;
}

static void
add_piece(struct walker *w, uint8_t kind, bool cosmetic, bool edit,
	   uint32_t move, size_t a0, size_t a1, size_t b0, size_t b1,
	   uint32_t block)
{
	struct piece p = { kind, cosmetic, edit, move, a0, a1, b0, b1, block,
			   w->op };

	join_piece(w, &p);
}

/* Bytes [a0, a1) of A against [b0, b1) of B: equal, or cosmetic. */
static void
exact_part(struct walker *w, const struct alignment *al, uint32_t mv,
	   uint32_t block, size_t a0, size_t a1, size_t b0, size_t b1)
{
	if (a1 - a0 == b1 - b0 && memcmp(al->a->text->data + a0,
					 al->b->text->data + b0,
					 a1 - a0) == 0) {
		add_piece(w, PIECE_EQUAL, false, false, mv, a0, a1, b0, b1,
			  block);
		return;
	}
	add_piece(w, PIECE_DELETE, true, false, mv, a0, a1, b0, b0, block);
	add_piece(w, PIECE_INSERT, true, false, mv, a1, a1, b0, b1, block);
}

/*
 * End of what a unit owns before the white space that follows it: its
 * tokens, and punctuation that is no unit (--ignore-punct).  The unit's
 * first token starts at from, the next unit at e.
 */
static size_t
unit_end(const struct doc *d, size_t from, size_t e)
{
	const uint8_t *s = (const uint8_t *)d->text->data;

	while (e > from) {
		ucs4_t uc;
		const uint8_t *p;

		/* ASCII without decoding: the common case. */
		if (s[e - 1] < 0x80) {
			if (s[e - 1] != ' ' && s[e - 1] != '\t' &&
			    s[e - 1] != '\n' && s[e - 1] != '\r')
				break;
			e--;
			continue;
		}
		p = u8_prev(&uc, s + e, s + from);
		if (p == NULL || !(uc == ' ' || uc == '\t' || uc == '\n' ||
				   uc == '\r' || uchar_is_space(uc)))
			break;
		e = (size_t)(p - s);
	}
	return e;
}

/*
 * An equal op, unit by unit, each in three parts (the bytes before the
 * first unit, the unit's own, the white space after it): equal pieces
 * where the two sides' bytes are the same, a cosmetic deletion and
 * insertion where they are not (`) ,` against `),`, `rock - bottom`
 * against `rock-bottom`, a space against a line break).  Parts, not
 * whole units, so that a paragraph left whole (lazy.h) gives the same
 * pieces as its words do.
 */
static void
exact_equal(struct walker *w, const struct alignment *al,
	    const struct wop *op, uint32_t mv, uint32_t block)
{
	const struct doc *a = al->a, *b = al->b;
	uint32_t k;
	size_t a0 = unit_start(a, op->a), b0 = unit_start(b, op->b), a1, b1;

	for (k = 0; k < op->na; k++) {
		uint32_t ua = op->a + k, ub = op->b + k;
		size_t at = a->tok[a->unit[ua].tok].off;
		size_t bt = b->tok[b->unit[ub].tok].off;
		size_t ae, be;

		a1 = unit_start(a, ua + 1);
		b1 = unit_start(b, ub + 1);
		ae = unit_end(a, at, a1);
		be = unit_end(b, bt, b1);
		/* Three equal parts join into one piece: the usual case. */
		if (at - a0 == bt - b0 && ae - at == be - bt &&
		    a1 - ae == b1 - be &&
		    memcmp(a->text->data + a0, b->text->data + b0,
			   a1 - a0) == 0) {
			add_piece(w, PIECE_EQUAL, false, false, mv, a0, a1, b0,
				  b1, block);
			a0 = a1;
			b0 = b1;
			continue;
		}
		if (a0 < at || b0 < bt)
			exact_part(w, al, mv, block, a0, at, b0, bt);
		exact_part(w, al, mv, block, at, ae, bt, be);
		exact_part(w, al, mv, block, ae, a1, be, b1);
		a0 = a1;
		b0 = b1;
	}
}

/*
 * Op o of block k, an end of a move below the paragraph (align.h): a
 * piece of its own carrying the move id, edited where the move changed
 * its words.  With whole_moves, the source is one deleted piece and the
 * destination the move's word diff, met at their first ops.
 */
static void
walk_sub_end(struct walker *w, const struct alignment *al, bool whole_moves,
	     uint32_t o, uint32_t k)
{
	const struct doc *a = al->a, *b = al->b;
	const struct wop *op = &al->op[o];
	uint32_t s = align_op_sub(al, o) - 1, id = align_sub_id(al, s), x;
	const struct submove *sm = &al->sub[s];
	bool del = op->kind == WOP_DELETE;

	if (!whole_moves) {
		if (del)
			add_piece(w, PIECE_DELETE, false,
				  align_op_sub_edit(al, o), id,
				  unit_start(a, op->a),
				  unit_start(a, op->a + op->na),
				  unit_start(b, op->b), unit_start(b, op->b),
				  k);
		else
			add_piece(w, PIECE_INSERT, false,
				  align_op_sub_edit(al, o), id,
				  unit_start(a, op->a), unit_start(a, op->a),
				  unit_start(b, op->b),
				  unit_start(b, op->b + op->nb), k);
		return;
	}
	if (del && o == sm->sop) {
		const struct wop *l = &al->op[sm->sop + sm->nsop - 1];

		add_piece(w, PIECE_DELETE, false, false, id,
			  unit_start(a, op->a), unit_start(a, l->a + l->na),
			  0, 0, k);
		return;
	}
	if (del || o != sm->dop)
		return;
	for (x = sm->op; x < sm->op + sm->nop; x++) {
		const struct wop *d = &al->op[x];
		size_t a0 = unit_start(a, d->a), a1 = unit_start(a, d->a + d->na);
		size_t b0 = unit_start(b, d->b), b1 = unit_start(b, d->b + d->nb);

		w->op = x;
		switch (d->kind) {
		case WOP_EQUAL:
			add_piece(w, PIECE_EQUAL, false, false, id, a0, a1,
				  b0, b1, k);
			break;
		case WOP_COSMETIC:
			add_piece(w, PIECE_DELETE, true, true, id, a0, a1,
				  b0, b0, k);
			add_piece(w, PIECE_INSERT, true, true, id, a1, a1,
				  b0, b1, k);
			break;
		case WOP_DELETE:
			add_piece(w, PIECE_DELETE, false, true, id, a0, a1,
				  b0, b0, k);
			break;
		case WOP_INSERT:
			add_piece(w, PIECE_INSERT, false, true, id, a0, a0,
				  b0, b1, k);
			break;
		}
	}
}

void
walk_pieces(const struct alignment *al, bool whole_moves,
	    void (*fn)(const struct piece *p, void *priv), void *priv)
{
	const struct doc *a = al->a, *b = al->b;
	struct walker w = { fn, priv, { 0 }, false, 0, !whole_moves, 0, 0 };
	size_t k;
	uint32_t o;

	/* A version without units: its bytes are one cosmetic piece. */
	if (a->nunit == 0 && b->nunit == 0) {
		add_piece(&w, PIECE_EQUAL, false, false, 0, 0, a->text->len,
			   0, b->text->len, 0);
	} else if (a->nunit == 0) {
		add_piece(&w, PIECE_DELETE, true, false, 0, 0, a->text->len,
			   0, 0, 0);
	} else if (b->nunit == 0) {
		add_piece(&w, PIECE_INSERT, true, false, 0, 0, 0, 0,
			   b->text->len, 0);
	}
	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];
		bool src = bl->move && bl->kind == BLOCK_DELETED;
		bool dst = bl->move && bl->kind == BLOCK_INSERTED;

		w.op = bl->op;
		if (src && whole_moves && bl->nop > 0) {
			const struct wop *f = &al->op[bl->op];
			const struct wop *l = &al->op[bl->op + bl->nop - 1];

			add_piece(&w, PIECE_DELETE, false, false, bl->move,
				   unit_start(a, f->a),
				   unit_start(a, l->a + l->na), 0, 0,
				   (uint32_t)k);
			continue;
		}
		for (o = bl->op; o < bl->op + bl->nop; o++) {
			const struct wop *op = &al->op[o];
			size_t a0 = unit_start(a, op->a);
			size_t a1 = unit_start(a, op->a + op->na);
			size_t b0 = unit_start(b, op->b);
			size_t b1 = unit_start(b, op->b + op->nb);
			bool cosm = op->kind == WOP_COSMETIC;
			uint32_t mv = whole_moves ? bl->move : 0;
			uint32_t sub = align_op_sub(al, o);

			w.op = o;
			if (sub) {
				walk_sub_end(&w, al, whole_moves, o, (uint32_t)k);
				continue;
			}
			if (src) {
				add_piece(&w, PIECE_DELETE, cosm,
					   op->kind == WOP_DELETE, bl->move,
					   a0, a1, b0, b0, (uint32_t)k);
				continue;
			}
			if (dst && !whole_moves) {
				add_piece(&w, PIECE_INSERT, cosm,
					   op->kind == WOP_INSERT, bl->move,
					   a0, a0, b0, b1, (uint32_t)k);
				continue;
			}
			switch (op->kind) {
			case WOP_EQUAL:
				/* --ignore-punct: punctuation does not count. */
				if (!whole_moves && !a->ignore_punct &&
				    !b->ignore_punct) {
					exact_equal(&w, al, op, mv, (uint32_t)k);
					break;
				}
				add_piece(&w, PIECE_EQUAL, false, false, mv,
					   a0, a1, b0, b1, (uint32_t)k);
				break;
			case WOP_COSMETIC:
				add_piece(&w, PIECE_DELETE, true, dst, mv,
					   a0, a1, b0, b0, (uint32_t)k);
				add_piece(&w, PIECE_INSERT, true, dst, mv,
					   a1, a1, b0, b1, (uint32_t)k);
				break;
			case WOP_DELETE:
				add_piece(&w, PIECE_DELETE, false, dst, mv,
					   a0, a1, b0, b0, (uint32_t)k);
				break;
			case WOP_INSERT:
				add_piece(&w, PIECE_INSERT, false, dst, mv,
					   a0, a0, b0, b1, (uint32_t)k);
				break;
			}
		}
	}
	if (w.has)
		flush(&w, &w.pending);
	assert(!w.tile || (w.a == a->text->len && w.b == b->text->len));
}
