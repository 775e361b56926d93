/*
 * align.c — hierarchical alignment of two versions (see align.h).
 *
 * The same matcher runs at two levels, paragraphs and then sentences
 * inside paired paragraphs (match_level):
 *
 *   1. Each segment (paragraph or sentence) gets a key equal for equal
 *      fold-key sequences.  seqmatch() pairs equal keys: first the keys
 *      unique on both sides, chained in order (patience diff: the longest
 *      increasing subsequence of their positions), then Myers (diffseq.h)
 *      between those anchors, which also pairs repeated segments.
 *   2. Runs of unequal segments between matched ones are gaps.  In a gap,
 *      candidate pairs are scored by word similarity (pair_sim): the
 *      weighted share of words a word diff keeps, where content words
 *      weigh 5, short function words ("the", "of") 1 and punctuation 0,
 *      so that two unrelated paragraphs sharing only "the" and "of" do
 *      not look alike.  Candidates are all pairs in a small gap, else the
 *      pairs sharing rarer words, found through an inverted index, so a
 *      huge gap costs about linear time.  A candidate may also join two or
 *      three consecutive segments of one side against one of the other
 *      (a split or a merge), kept only when joining raises the similarity
 *      by SPLIT_GAIN over the best single pair.  The chosen pairing is the
 *      chain of candidates, increasing on both sides, that keeps the most
 *      weighted words (dynamic programming with a Fenwick tree of maxima,
 *      O(P log P) for P candidates); whatever the chain leaves out is
 *      deleted or inserted.
 *
 * Words are diffed inside paired sentences, and the change runs of a whole
 * block are then cleaned up (cleanup_runs) so short equalities stranded in
 * rewritten text become part of the change.  Finally deleted and inserted
 * paragraphs are compared through the same rare-word index and the best
 * matches above the move threshold become moves (find_moves).
 *
 * The stages live in files of their own, sharing align-stage.h: anchor.c
 * (equal paragraphs and segments, seqmatch), pair.c (match_level and the
 * pairing of gaps), weight.c (word weights, pair_sim), runs.c (the word
 * level and its clean-up), move.c and stats.c.  This file is the driver:
 * it runs the stages over the paragraphs and emits blocks and operations.
 *
 * Every heuristic here may make the result less minimal than a plain
 * diff, never wrong: each block's operations always cover both sides'
 * units exactly and in order, and equal operations only ever join units
 * with equal fold keys.
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "align-stage.h"
#include "xalloc.h"

#define DEFAULT_PAIR_THRESHOLD	0.2
#define DEFAULT_MOVE_THRESHOLD	0.4

/* --- emitting blocks and operations ---------------------------------------- */

static uint32_t
push_op(struct ctx *c, uint8_t kind, uint32_t a, uint32_t na, uint32_t b,
	uint32_t nb)
{
	struct alignment *al = c->al;
	struct wop *o;

	al->op = xgrow(al->op, &c->capop, al->nop + 1, sizeof *al->op);
	o = &al->op[al->nop++];
	o->kind = kind;
	o->a = a;
	o->na = na;
	o->b = b;
	o->nb = nb;
	return (uint32_t)(al->nop - 1);
}

/*
 * Equal units: EQUAL where they are the same bytes, COSMETIC where not:
 * the strict keys differ, or only the white space between two of them
 * does (both units are then cosmetic, see runs_exact).  Each gap is
 * compared once, for the units on both sides of it.
 */
static void
emit_equal(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0, bool *cosm)
{
	uint32_t k, n = a1 - a0, s = 0;
	bool prev = true, gap, same, run = true;

	for (k = 0; k < n; k++) {
		/* Units the same to the byte, gaps too: EQUAL in one go. */
		uint32_t m = prev ? runs_exact_stretch(c, a0 + k, b0 + k,
						       n - k) : 0;

		if (m > 0) {
			if (k > 0 && !run) {
				push_op(c, WOP_COSMETIC, a0 + s, k - s, b0 + s,
					k - s);
				s = k;
			}
			run = true;
			k += m - 1;	/* prev: the gap after it is the same */
			continue;
		}
		/* The gap after unit k, as runs_exact compares it. */
		gap = k + 1 == n || runs_exact(c, a0 + k, b0 + k, false, true);
		same = prev && gap &&
			c->a->unit[a0 + k].strict == c->b->unit[b0 + k].strict;
		prev = gap;
		if (k > 0 && same != run) {
			push_op(c, run ? WOP_EQUAL : WOP_COSMETIC, a0 + s, k - s,
				b0 + s, k - s);
			s = k;
		}
		run = same;
		if (!same)
			*cosm = true;
	}
	if (n > 0)
		push_op(c, run ? WOP_EQUAL : WOP_COSMETIC, a0 + s, n - s,
			b0 + s, n - s);
}

void
emit_runs(struct ctx *c, const struct runs *rs, bool *cosm, bool *subst)
{
	size_t k;

	for (k = 0; k < rs->n; k++) {
		const struct run *r = &rs->v[k];

		if (r->eq) {
			emit_equal(c, r->a0, r->a1, r->b0, cosm);
			continue;
		}
		/* Hyphens, spaces, punctuation moved: see runs_cosmetic. */
		if (!c->a->strict && !c->b->strict && runs_cosmetic(c, r)) {
			push_op(c, WOP_COSMETIC, r->a0, r->a1 - r->a0, r->b0,
				r->b1 - r->b0);
			*cosm = true;
			continue;
		}
		*subst = true;
		if (r->a1 > r->a0)
			push_op(c, WOP_DELETE, r->a0, r->a1 - r->a0, r->b0, 0);
		if (r->b1 > r->b0)
			push_op(c, WOP_INSERT, r->a1, 0, r->b0, r->b1 - r->b0);
	}
}

static struct block *
push_block(struct ctx *c, uint8_t kind, uint32_t a, uint32_t na, uint32_t b,
	   uint32_t nb)
{
	struct alignment *al = c->al;
	struct block *bl;

	al->block = xgrow(al->block, &c->capblock, al->nblock + 1,
			  sizeof *al->block);
	bl = &al->block[al->nblock++];
	memset(bl, 0, sizeof *bl);
	bl->kind = kind;
	bl->a = a;
	bl->na = na;
	bl->b = b;
	bl->nb = nb;
	bl->op = (uint32_t)al->nop;
	return bl;
}

/* Units of paragraphs [p0, p1) of d. */
void
para_units(const struct doc *d, uint32_t p0, uint32_t p1, uint32_t *u0,
	   uint32_t *u1)
{
	*u0 = p0 < p1 ? d->para[p0].unit : 0;
	*u1 = p0 < p1 ? d->para[p1 - 1].unit + d->para[p1 - 1].nunit : 0;
}

/*
 * The invariants tests/fuzz/checks.c checks from outside, asserted where
 * they are made.  The ops of block src (a move's two ends share theirs)
 * cover the units of src's A paragraphs and dst's B paragraphs exactly,
 * in order.
 */
bool
block_ops_tile(const struct alignment *al, const struct block *src,
	       const struct block *dst)
{
	uint32_t ua, ua1, ub, ub1, o;

	para_units(al->a, src->a, src->a + src->na, &ua, &ua1);
	para_units(al->b, dst->b, dst->b + dst->nb, &ub, &ub1);
	for (o = src->op; o < src->op + src->nop; o++) {
		const struct wop *w = &al->op[o];

		if ((w->na > 0 && w->a != ua) || (w->nb > 0 && w->b != ub))
			return false;
		ua += w->na;
		ub += w->nb;
	}
	return ua == ua1 && ub == ub1;
}

#ifndef NDEBUG
/* The blocks visit each side's paragraphs once, in order. */
static bool
blocks_in_order(const struct alignment *al)
{
	size_t k, pa = 0, pb = 0;

	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];

		if ((bl->na > 0 && bl->a != pa) || (bl->nb > 0 && bl->b != pb))
			return false;
		pa += bl->na;
		pb += bl->nb;
	}
	return pa == al->a->npara && pb == al->b->npara;
}
#endif

/*
 * The word runs of paired paragraph groups: sentences are matched first
 * (one segment each), words are diffed inside paired sentences.
 */
static void
pair_runs(struct ctx *c, uint32_t pa0, uint32_t pa1, uint32_t pb0,
	  uint32_t pb1, struct runs *rs)
{
	const struct doc *a = c->a, *b = c->b;
	uint32_t s0a = a->para[pa0].sent, s1a = a->para[pa1 - 1].sent +
		a->para[pa1 - 1].nsent;
	uint32_t s0b = b->para[pb0].sent, s1b = b->para[pb1 - 1].sent +
		b->para[pb1 - 1].nsent;
	size_t na = s1a - s0a, nb = s1b - s0b, k;
	struct seg *sa, *sb;
	struct items it = { 0 };

	sa = xmalloc((na + 1) * sizeof *sa);
	sb = xmalloc((nb + 1) * sizeof *sb);
	for (k = 0; k < na; k++) {
		sa[k].u0 = a->sent[s0a + k].unit;
		sa[k].u1 = sa[k].u0 + a->sent[s0a + k].nunit;
	}
	for (k = 0; k < nb; k++) {
		sb[k].u0 = b->sent[s0b + k].unit;
		sb[k].u1 = sb[k].u0 + b->sent[s0b + k].nunit;
	}
	if (na <= 1 || nb <= 1) {
		uint32_t a0, a1, b0, b1;

		para_units(a, pa0, pa1, &a0, &a1);
		para_units(b, pb0, pb1, &b0, &b1);
		word_runs(c, a0, a1, b0, b1, rs);
	} else {
		match_level(c, sa, na, sb, nb, &it);
		for (k = 0; k < it.n; k++) {
			const struct item *x = &it.v[k];
			uint32_t a0 = x->i0 < x->i1 ? sa[x->i0].u0 : 0;
			uint32_t a1 = x->i0 < x->i1 ? sa[x->i1 - 1].u1 : 0;
			uint32_t b0 = x->j0 < x->j1 ? sb[x->j0].u0 : 0;
			uint32_t b1 = x->j0 < x->j1 ? sb[x->j1 - 1].u1 : 0;

			/* Empty sides sit where the other side's units are. */
			if (x->i0 == x->i1)
				a0 = a1 = x->i0 < na ? sa[x->i0].u0 :
					sa[na - 1].u1;
			if (x->j0 == x->j1)
				b0 = b1 = x->j0 < nb ? sb[x->j0].u0 :
					sb[nb - 1].u1;
			align_tick(c, false, a0);	/* a long paragraph */
			switch (x->kind) {
			case ITEM_EQUAL:
				runs_push(rs, true, a0, a1, b0, b1);
				break;
			case ITEM_PAIR:
				word_runs(c, a0, a1, b0, b1, rs);
				break;
			default:
				runs_push(rs, false, a0, a1, b0, b1);
				break;
			}
		}
		free(it.v);
	}
	free(sa);
	free(sb);
}

static void
emit_pair(struct ctx *c, uint32_t pa0, uint32_t pa1, uint32_t pb0,
	  uint32_t pb1)
{
	struct runs rs = { 0 };
	bool cosm = false, subst = false;
	struct block *bl;

	pair_runs(c, pa0, pa1, pb0, pb1, &rs);
	cleanup_runs(c, &rs);
	bl = push_block(c, BLOCK_CHANGED, pa0, pa1 - pa0, pb0, pb1 - pb0);
	emit_runs(c, &rs, &cosm, &subst);
	bl = &c->al->block[c->al->nblock - 1];
	bl->nop = (uint32_t)(c->al->nop - bl->op);
	assert(block_ops_tile(c->al, bl, bl));
	bl->cosmetic = cosm;
	if (!subst && pa1 - pa0 == 1 && pb1 - pb0 == 1)
		bl->kind = BLOCK_EQUAL;
	bl->similarity = block_similarity(c, bl);
	free(rs.v);
}

static void
emit_equal_block(struct ctx *c, uint32_t pa, uint32_t pb)
{
	struct block *bl = push_block(c, BLOCK_EQUAL, pa, 1, pb, 1);
	uint32_t a0, a1, b0, b1;
	bool cosm = false;

	para_units(c->a, pa, pa + 1, &a0, &a1);
	para_units(c->b, pb, pb + 1, &b0, &b1);
	emit_equal(c, a0, a1, b0, &cosm);
	bl = &c->al->block[c->al->nblock - 1];
	bl->nop = (uint32_t)(c->al->nop - bl->op);
	assert(block_ops_tile(c->al, bl, bl));
	bl->cosmetic = cosm;
	bl->similarity = 1.0f;
}

static void
emit_one_side(struct ctx *c, bool del, uint32_t pa, uint32_t pb)
{
	struct block *bl;
	uint32_t u0, u1;

	if (del) {
		bl = push_block(c, BLOCK_DELETED, pa, 1, pb, 0);
		para_units(c->a, pa, pa + 1, &u0, &u1);
		if (u1 > u0)
			push_op(c, WOP_DELETE, u0, u1 - u0, 0, 0);
	} else {
		bl = push_block(c, BLOCK_INSERTED, pa, 0, pb, 1);
		para_units(c->b, pb, pb + 1, &u0, &u1);
		if (u1 > u0)
			push_op(c, WOP_INSERT, 0, 0, u0, u1 - u0);
	}
	bl = &c->al->block[c->al->nblock - 1];
	bl->nop = (uint32_t)(c->al->nop - bl->op);
	assert(block_ops_tile(c->al, bl, bl));
}

/* --- progress ----------------------------------------------------------------- */

/* In bytes of A: a place in B counts as the same share of A. */
void
align_tick_at(const struct ctx *c, bool side_b, uint32_t u)
{
	const struct doc *d = side_b ? c->b : c->a;
	size_t len = c->a->text->len;
	struct align_step at = { c->stage, c->a, c->b, len, len, true };

	if (u < d->nunit)
		at.done = d->tok[d->unit[u].tok].off;
	if (side_b && d->text->len > 0)
		at.done = (size_t)((double)at.done / (double)d->text->len *
				   (double)len);
	c->progress->fn(c->progress->arg, &at);
}

void
align_tick_of(const struct ctx *c, size_t done, size_t total)
{
	struct align_step at = { c->stage, c->a, c->b, done, total, false };

	c->progress->fn(c->progress->arg, &at);
}

/* --- entry points ------------------------------------------------------------ */

struct alignment *
align_build(const struct doc *a, const struct doc *b,
	    const struct align_opts *opts)
{
	struct ctx c = { 0 };
	struct seg *sa, *sb;
	struct items it = { 0 };
	const uint32_t *anchor;
	uint32_t *own = NULL;
	bool *xa, *xb;
	uint32_t *ka, *kb;
	size_t k, i, j, nanchor;

	assert(a->nunit == 0 || a->unit != NULL);
	assert(b->nunit == 0 || b->unit != NULL);
	c.a = a;
	c.b = b;
	c.pair_threshold = opts && opts->pair_threshold > 0 ?
		opts->pair_threshold : DEFAULT_PAIR_THRESHOLD;
	c.move_threshold = opts && opts->move_threshold > 0 ?
		opts->move_threshold : DEFAULT_MOVE_THRESHOLD;
	c.progress = opts != NULL ? opts->progress : NULL;
	c.stage = ALIGN_PAIR;
	c.al = xcalloc(1, sizeof *c.al);
	c.al->a = a;
	c.al->b = b;
	weights_init(&c);

	sa = xmalloc((a->npara + 1) * sizeof *sa);
	sb = xmalloc((b->npara + 1) * sizeof *sb);
	for (k = 0; k < a->npara; k++)
		sa[k] = (struct seg){ a->para[k].unit,
				      a->para[k].unit + a->para[k].nunit };
	for (k = 0; k < b->npara; k++)
		sb[k] = (struct seg){ b->para[k].unit,
				      b->para[k].unit + b->para[k].nunit };
	/*
	 * Paragraphs equal byte for byte anchor first; what lies between
	 * them is matched by the fold keys.  lazy.c leaves paragraphs whole
	 * only where these anchors are, so a lazily built doc aligns as a
	 * fully built one does.
	 */
	if (opts != NULL && opts->anchors != NULL) {
		nanchor = opts->nanchor;
		anchor = opts->anchors;
	} else {
		nanchor = align_para_anchors(a, b, &own);
		anchor = own;
	}
	/* The moved copies among the rest (exact_copies). */
	xa = xcalloc(a->npara + 1, sizeof *xa);
	xb = xcalloc(b->npara + 1, sizeof *xb);
	for (k = 0; k < nanchor; k++) {
		xa[anchor[2 * k]] = true;
		xb[anchor[2 * k + 1]] = true;
	}
	ka = xmalloc((a->npara + 1) * sizeof *ka);
	kb = xmalloc((b->npara + 1) * sizeof *kb);
	c.nkey = exact_copies(&c, sa, a->npara, sb, b->npara, xa, xb, ka,
			      kb);
	for (k = 0, i = 0, j = 0; k <= nanchor; k++) {
		size_t ei = k < nanchor ? anchor[2 * k] : a->npara;
		size_t ej = k < nanchor ? anchor[2 * k + 1] : b->npara;
		size_t from = it.n, x;

		if (i < ei || j < ej) {
			c.copya = xa + i;
			c.copyb = xb + j;
			c.keya = ka + i;
			c.keyb = kb + j;
			match_level(&c, sa + i, ei - i, sb + j, ej - j, &it);
			for (x = from; x < it.n; x++) {
				it.v[x].i0 += (uint32_t)i;
				it.v[x].i1 += (uint32_t)i;
				it.v[x].j0 += (uint32_t)j;
				it.v[x].j1 += (uint32_t)j;
			}
		}
		if (k < nanchor)
			items_push(&it, ITEM_EQUAL, (uint32_t)ei,
				   (uint32_t)ei + 1, (uint32_t)ej,
				   (uint32_t)ej + 1, 1);
		i = ei + 1;
		j = ej + 1;
	}
	free(own);
	free(xa);
	free(xb);
	free(ka);
	free(kb);
	c.copya = c.copyb = NULL;
	c.keya = c.keyb = NULL;
	/*
	 * One block per item, and at least one op for most: reserved at
	 * once, so that doubling neither over-allocates nor, moving the
	 * arrays, holds two copies at the peak (10 MB pairs: 3 MB less).
	 */
	c.capblock = c.capop = it.n + 1;
	c.al->block = xreallocarray(c.al->block, c.capblock,
				    sizeof *c.al->block);
	c.al->op = xreallocarray(c.al->op, c.capop, sizeof *c.al->op);
	c.stage = ALIGN_WORDS;
	for (k = 0; k < it.n; k++) {
		const struct item *x = &it.v[k];

		if (x->i0 < a->npara)
			align_tick(&c, false, a->para[x->i0].unit);
		switch (x->kind) {
		case ITEM_EQUAL:
			emit_equal_block(&c, x->i0, x->j0);
			break;
		case ITEM_PAIR:
			emit_pair(&c, x->i0, x->i1, x->j0, x->j1);
			break;
		case ITEM_DELETE:
			emit_one_side(&c, true, x->i0, x->j0);
			break;
		case ITEM_INSERT:
			emit_one_side(&c, false, x->i0, x->j0);
			break;
		}
	}
	free(it.v);
	free(sa);
	free(sb);
	c.stage = ALIGN_MOVES;
	align_tick_count(&c, 0, 0);
	find_moves(&c);
	find_submoves(&c);
	assert(blocks_in_order(c.al));
	compute_stats(c.al);
	c.al->work = c.work;
	ctx_free(&c);
	return c.al;
}

void
ctx_free(struct ctx *c)
{
	free(c->weight);
	for (int side = 0; side < 2; side++)
		for (int k = 0; k < HOLD_SLOTS; k++) {
			free(c->hw[side][k].ids);
			free(c->hw[side][k].w);
		}
	free(c->da);
	free(c->ib);
	for (int k = 0; k < SIM_MEMO; k++)
		free(c->memo[k].mask);
	free(c->kmap);
	free(c->ky);
	free(c->lbits);
	free(c->dw);
	free(c->kseen);
}

void
align_free(struct alignment *al)
{
	if (al == NULL)
		return;
	free(al->block);
	free(al->op);
	free(al->sub);
	free(al->opsub);
	free(al);
}

bool
align_differs(const struct alignment *al)
{
	return al->stats.substantive > 0;
}

/* --- the other way round ------------------------------------------------------ */

/*
 * Give the empty side of each delete and insert op of [o0, o1) the
 * position align_build gives it: in a paired block, where the other side
 * stands when the op comes (a delete's B position before it, an insert's A
 * position after the deletes before it), counting from units ua and ub.
 */
static void
place_ops(struct wop *op, uint32_t o0, uint32_t o1, uint32_t ua, uint32_t ub)
{
	uint32_t o;

	for (o = o0; o < o1; o++) {
		if (op[o].kind == WOP_DELETE)
			op[o].b = ub;
		if (op[o].kind == WOP_INSERT)
			op[o].a = ua;
		ua += op[o].na;
		ub += op[o].nb;
	}
}

/* Op w read the other way round: sides swapped, deletes become inserts. */
static struct wop
mirror_op(struct wop w)
{
	struct wop v = w;

	v.a = w.b;
	v.na = w.nb;
	v.b = w.a;
	v.nb = w.na;
	v.kind = w.kind == WOP_DELETE ? WOP_INSERT :
		w.kind == WOP_INSERT ? WOP_DELETE : w.kind;
	return v;
}

/*
 * Number ops [o0, o1) of al in the mirror from *n on (omap[old] = new),
 * each run of deletes and inserts with its (new) deletes first, as
 * emit_runs writes them.
 */
static void
number_ops(const struct alignment *al, uint32_t o0, uint32_t o1, size_t *n,
	   uint32_t *omap)
{
	uint32_t o = o0, e, x;

	while (o < o1) {
		for (e = o; e < o1 && (al->op[e].kind == WOP_DELETE ||
				       al->op[e].kind == WOP_INSERT); e++)
			continue;
		if (e == o)
			e = o + 1;
		/* Old inserts become the deletes, then old deletes. */
		for (int pass = 0; pass < 2; pass++)
			for (x = o; x < e; x++) {
				uint8_t kind = al->op[x].kind;

				if (kind == WOP_INSERT ? pass != 0 :
				    kind == WOP_DELETE ? pass != 1 :
				    pass != 0)
					continue;
				omap[x] = (uint32_t)(*n)++;
			}
		o = e;
	}
}

struct subidx {
	struct submove sm;
	uint32_t old;		/* its index in the alignment mirrored */
};

static int
sub_by_source(const void *x, const void *y)
{
	const struct submove *p = &((const struct subidx *)x)->sm;
	const struct submove *q = &((const struct subidx *)y)->sm;

	if (p->src != q->src)
		return p->src < q->src ? -1 : 1;
	return p->sop < q->sop ? -1 : p->sop > q->sop;
}

/*
 * The moves below the paragraph, mirrored: each one's destination is the
 * source, its word diff is numbered after the blocks' ops, and they are
 * put in the reading order of their new sources, as find_submoves leaves
 * them.  to[] maps al's blocks to m's, omap al's ops to m's (the ends'
 * ops are numbered already).  rank[] gets each old submove's new index,
 * start[] the units each new one's diff starts from (A, then B).
 */
static void
number_subs(const struct alignment *al, struct alignment *m,
	    const uint32_t *to, uint32_t *omap, size_t *nop, uint32_t *rank,
	    uint32_t *start)
{
	struct subidx *idx;
	uint32_t s;

	m->nsub = al->nsub;
	m->sub = xmalloc(al->nsub * sizeof *m->sub);
	idx = xmalloc(al->nsub * sizeof *idx);
	for (s = 0; s < al->nsub; s++) {
		const struct submove *o = &al->sub[s];
		struct submove *v = &idx[s].sm;

		idx[s].old = s;
		v->src = to[o->dst];
		v->dst = to[o->src];
		v->sop = omap[o->dop];
		v->nsop = o->ndop;
		v->dop = omap[o->sop];
		v->ndop = o->nsop;
		v->edited = o->edited;
	}
	/*
	 * Sorted by source (a submove's index is its id, align_sub_id), and
	 * their word diffs numbered in that order (align_diff_sub searches
	 * them).
	 */
	qsort(idx, al->nsub, sizeof *idx, sub_by_source);
	for (s = 0; s < al->nsub; s++) {
		const struct submove *o = &al->sub[idx[s].old];
		struct submove *v = &m->sub[s];

		*v = idx[s].sm;
		rank[idx[s].old] = s;
		v->op = (uint32_t)*nop;
		number_ops(al, o->op, o->op + o->nop, nop, omap);
		v->nop = (uint32_t)*nop - v->op;
		/* Its diff runs from the first units of both ends. */
		start[2 * s] = al->op[o->dop].b;
		start[2 * s + 1] = al->op[o->sop].a;
	}
	free(idx);
}

/*
 * Move each op x of op[0 .. n-1] to dest[x], a permutation, mirrored, in
 * place: permute() below for the ops, the largest array, without its
 * byte copies and calls.
 */
static void
permute_ops(struct wop *op, size_t n, const uint32_t *dest)
{
	uint64_t *done = xcalloc(n / 64 + 1, sizeof *done);
	struct wop carry, next;
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (done[i / 64] >> (i % 64) & 1)
			continue;
		carry = mirror_op(op[i]);
		done[i / 64] |= (uint64_t)1 << (i % 64);
		for (j = dest[i]; j != i; j = dest[j]) {
			next = op[j];
			op[j] = carry;
			done[j / 64] |= (uint64_t)1 << (j % 64);
			carry = mirror_op(next);
		}
		op[i] = carry;
	}
	free(done);
}

/*
 * Block b read the other way round: sides swapped, deleted becomes
 * inserted, its twin renumbered by to[] (al's blocks to the mirror's).
 */
static void
mirror_block_at(void *b, const uint32_t *to)
{
	struct block *s = b, d = *s;

	d.a = s->b;
	d.na = s->nb;
	d.b = s->a;
	d.nb = s->na;
	d.kind = s->kind == BLOCK_DELETED ? BLOCK_INSERTED :
		s->kind == BLOCK_INSERTED ? BLOCK_DELETED : s->kind;
	if (s->move)
		d.twin = to[s->twin];
	*s = d;
}

/*
 * Move each of the n elements x of v (each `size` bytes, at most that of
 * a struct block) to dest[x], a permutation of 0 .. n-1, and read it the
 * other way round (mirror, given to): in place, so that the mirror's
 * arrays take the place of the alignment's rather than stand beside them.
 * For the blocks; the ops have permute_ops.
 */
static void
permute(void *v, size_t n, size_t size, const uint32_t *dest,
	void (*mirror)(void *, const uint32_t *), const uint32_t *to)
{
	uint64_t *done = xcalloc(n / 64 + 1, sizeof *done);
	unsigned char carry[sizeof(struct block)], next[sizeof(struct block)];
	unsigned char *base = v;
	size_t i, j;

	assert(size <= sizeof carry);
	for (i = 0; i < n; i++) {
		if (done[i / 64] >> (i % 64) & 1)
			continue;
		memcpy(carry, base + i * size, size);
		mirror(carry, to);
		done[i / 64] |= (uint64_t)1 << (i % 64);
		for (j = dest[i]; j != i; j = dest[j]) {
			memcpy(next, base + j * size, size);
			memcpy(base + j * size, carry, size);
			done[j / 64] |= (uint64_t)1 << (j % 64);
			memcpy(carry, next, size);
			mirror(carry, to);
		}
		memcpy(base + i * size, carry, size);
	}
	free(done);
}

/*
 * See align_mirror and align_mirror_take: own is NULL, or al itself, whose
 * ops then become the mirror's and which is freed.
 */
static struct alignment *
mirror(const struct alignment *al, struct alignment *own)
{
	struct alignment *m = xcalloc(1, sizeof *m);
	uint32_t *to = xmalloc((al->nblock + 1) * sizeof *to);
	uint32_t *from = xmalloc((al->nblock + 1) * sizeof *from);
	uint32_t *omap = xmalloc((al->nop + 1) * sizeof *omap), *byid;
	uint32_t *rank = xmalloc((al->nsub + 1) * sizeof *rank);
	uint32_t *start = xmalloc((2 * al->nsub + 1) * sizeof *start);
	size_t k, n = 0, e, x, nop = 0, drop;
	uint32_t ua, ub, u1;

	m->a = al->b;
	m->b = al->a;
	m->nmove = al->nmove;
	m->work = al->work;
	m->nblock = al->nblock;
	memset(omap, 0xff, (al->nop + 1) * sizeof *omap);
	/*
	 * Blocks keep their order, but in each run of deleted and inserted
	 * blocks the deleted ones come first, as pair_gap and find_moves
	 * leave them: here the old inserted ones, then the old deleted.
	 */
	for (k = 0; k < al->nblock; k = e) {
		for (e = k; e < al->nblock &&
		     (al->block[e].kind == BLOCK_DELETED ||
		      al->block[e].kind == BLOCK_INSERTED); e++)
			continue;
		if (e == k)
			e = k + 1;
		for (x = k; x < e; x++)
			if (e == k + 1 || al->block[x].kind == BLOCK_INSERTED)
				from[n++] = (uint32_t)x;
		for (x = k; x < e && e > k + 1; x++)
			if (al->block[x].kind == BLOCK_DELETED)
				from[n++] = (uint32_t)x;
	}
	assert(n == al->nblock);
	for (k = 0; k < n; k++)
		to[from[k]] = (uint32_t)k;
	free(from);
	/* Each block keeps its ops' old place until they are numbered. */
	if (own != NULL) {
		permute(own->block, n, sizeof *m->block, to, mirror_block_at,
			to);
		m->block = xreallocarray(own->block, n + 1, sizeof *m->block);
		own->block = NULL;
	} else {
		m->block = xmalloc((n + 1) * sizeof *m->block);
		for (k = 0; k < n; k++) {
			m->block[to[k]] = al->block[k];
			mirror_block_at(&m->block[to[k]], to);
		}
	}
	/*
	 * A deleted or inserted block's empty side is where the other side
	 * stands when it comes, as pair_gap gives it.
	 */
	ua = ub = 0;
	for (k = 0; k < n; k++) {
		struct block *d = &m->block[k];

		if (d->kind == BLOCK_DELETED)
			d->b = ub;
		if (d->kind == BLOCK_INSERTED)
			d->a = ua;
		ua += d->na;
		ub += d->nb;
	}
	/*
	 * Ops in the order align_build stores them: each block's in block
	 * order, then the moves' (shared by both ends) by move id, then the
	 * word diffs of the moves below the paragraph.
	 */
	for (k = 0; k < n; k++) {
		struct block *d = &m->block[k];
		uint32_t o0 = d->op;

		if (d->move)
			continue;
		d->op = (uint32_t)nop;
		number_ops(al, o0, o0 + d->nop, &nop, omap);
	}
	byid = xmalloc((al->nmove + 1) * sizeof *byid);
	memset(byid, 0xff, (al->nmove + 1) * sizeof *byid);
	for (k = 0; k < n; k++)
		if (m->block[k].move && m->block[k].kind == BLOCK_DELETED)
			byid[m->block[k].move] = (uint32_t)k;
	for (uint32_t id = 1; id <= al->nmove; id++) {
		struct block *d, *t;

		if (byid[id] == UINT32_MAX)
			continue;	/* a move below the paragraph */
		uint32_t o0;

		d = &m->block[byid[id]];
		t = &m->block[d->twin];
		o0 = d->op;
		d->op = t->op = (uint32_t)nop;
		number_ops(al, o0, o0 + d->nop, &nop, omap);
	}
	if (al->nsub > 0)
		number_subs(al, m, to, omap, &nop, rank, start);
	/* Ops nothing holds (find_moves drops some) are not kept. */
	assert(nop <= al->nop);
	m->nop = nop;
	if (own != NULL) {
		/* The dropped ones go to the end, cut off after. */
		for (x = 0, drop = nop; x < al->nop; x++)
			if (omap[x] == UINT32_MAX)
				omap[x] = (uint32_t)drop++;
		permute_ops(own->op, al->nop, omap);
		for (x = 0; x < al->nop; x++)
			if (omap[x] >= nop)
				omap[x] = UINT32_MAX;
		m->op = xreallocarray(own->op, nop + 1, sizeof *m->op);
		own->op = NULL;
	} else {
		m->op = xmalloc((nop + 1) * sizeof *m->op);
		for (x = 0; x < al->nop; x++)
			if (omap[x] != UINT32_MAX)
				m->op[omap[x]] = mirror_op(al->op[x]);
	}
	/* Each op's empty side where align_build would have put it. */
	for (k = 0; k < n; k++) {
		struct block *d = &m->block[k];

		if (d->move || d->kind == BLOCK_DELETED ||
		    d->kind == BLOCK_INSERTED)
			continue;	/* its empty side is 0, as it was */
		para_units(m->a, d->a, d->a + d->na, &ua, &u1);
		para_units(m->b, d->b, d->b + d->nb, &ub, &u1);
		place_ops(m->op, d->op, d->op + d->nop, ua, ub);
	}
	for (uint32_t id = 1; id <= al->nmove; id++) {
		struct block *d, *t;

		if (byid[id] == UINT32_MAX)
			continue;
		d = &m->block[byid[id]];
		t = &m->block[d->twin];
		para_units(m->a, d->a, d->a + d->na, &ua, &u1);
		para_units(m->b, t->b, t->b + t->nb, &ub, &u1);
		place_ops(m->op, d->op, d->op + d->nop, ua, ub);
	}
	free(byid);
	for (k = 0; k < m->nsub; k++)
		place_ops(m->op, m->sub[k].op, m->sub[k].op + m->sub[k].nop,
			  start[2 * k], start[2 * k + 1]);
	if (al->nsub > 0) {
		m->opsub = xcalloc(al->nop + 1, sizeof *m->opsub);
		for (x = 0; x < al->nop; x++)
			if (al->opsub[x] != 0 && omap[x] != UINT32_MAX)
				m->opsub[omap[x]] =
					(rank[(al->opsub[x] >> 1) - 1] + 1) << 1 |
					(al->opsub[x] & 1);
	}
	free(rank);
	free(start);
	free(to);
	free(omap);
	align_free(own);
	compute_stats(m);
	return m;
}

struct alignment *
align_mirror(const struct alignment *al)
{
	return mirror(al, NULL);
}

struct alignment *
align_mirror_take(struct alignment *al)
{
	return mirror(al, al);
}
