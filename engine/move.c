/*
 * move.c — deleted and inserted paragraphs left over from pairing that
 * match well enough become moves, with a word diff of their own.
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "align-stage.h"
#include "hash.h"
#include "xalloc.h"

/* --- moves ------------------------------------------------------------------ */

struct movecand {
	uint32_t del, ins;	/* block indexes */
	float sim;
};

static int
movecand_cmp(const void *x, const void *y)
{
	const struct movecand *p = x, *q = y;

	if (p->sim != q->sim)
		return p->sim > q->sim ? -1 : 1;
	if (p->del != q->del)
		return p->del < q->del ? -1 : 1;
	return p->ins < q->ins ? -1 : p->ins > q->ins;
}

/* --- passages found where they were: pairs, not moves --------------------- */

/*
 * A move must cross something.  A deleted and an inserted paragraph in
 * the same stretch of unpaired blocks (no paired block between them) sit
 * at the same place in the alignment: they are a pair, shown with its
 * word diff, as long as the pairs made so in one stretch keep both
 * orders.  On long documents whose chapters were all reworded, pairing
 * misses a chapter now and then, and it came back as a "move" to where
 * it was (issue 14).
 */
struct inplace {
	uint32_t *v;		/* del block, ins block, ... */
	size_t n, cap;
};

/* For each block, the number of paired blocks before it. */
static uint32_t *
stretches(const struct alignment *al)
{
	uint32_t *st = xmalloc((al->nblock + 1) * sizeof *st), n = 0;
	size_t k;

	for (k = 0; k < al->nblock; k++) {
		uint8_t kind = al->block[k].kind;

		if (kind != BLOCK_DELETED && kind != BLOCK_INSERTED)
			n++;
		st[k] = n;
	}
	return st;
}

/* May blocks d (deleted) and i (inserted) become a pair?  Records it. */
static bool
in_place(const struct alignment *al, const uint32_t *stretch,
	 struct inplace *ip, uint32_t d, uint32_t i)
{
	uint32_t a = al->block[d].a, b = al->block[i].b;
	size_t k;

	for (k = 0; k < ip->n; k += 2) {
		const struct block *x = &al->block[ip->v[k]];
		const struct block *y = &al->block[ip->v[k + 1]];

		if (stretch[ip->v[k]] == stretch[d] &&
		    (x->a < a) != (y->b < b))
			return false;
	}
	ip->v = xgrow(ip->v, &ip->cap, ip->n + 2, sizeof *ip->v);
	ip->v[ip->n++] = d;
	ip->v[ip->n++] = i;
	return true;
}

/*
 * Make deleted block d and inserted block i one paired block, at d; i is
 * left marked (nb 0, na 0) for resequence() to drop.
 */
static void
pair_in_place(struct ctx *c, const struct seg *x, const struct seg *y,
	      uint32_t d, uint32_t i)
{
	struct alignment *al = c->al;
	struct runs rs = { 0 };
	bool cosm = false, subst = false;
	uint32_t op0 = (uint32_t)al->nop;
	struct block *bd;

	word_runs(c, x->u0, x->u1, y->u0, y->u1, &rs);
	cleanup_runs(c, &rs);
	emit_runs(c, &rs, &cosm, &subst);
	free(rs.v);
	bd = &al->block[d];
	bd->kind = subst ? BLOCK_CHANGED : BLOCK_EQUAL;
	bd->b = al->block[i].b;
	bd->nb = 1;
	bd->op = op0;
	bd->nop = (uint32_t)(al->nop - op0);
	bd->cosmetic = cosm;
	bd->similarity = block_similarity(c, bd);
	al->block[i].na = al->block[i].nb = 0;
}

/*
 * Put each stretch holding pairs made in place back in reading order on
 * both sides (as pair_gap emits a gap: deletions, insertions, then each
 * pair), drop the inserted halves, and point the moves' twins at their
 * blocks' new places.
 */
static void
resequence(struct alignment *al, const uint32_t *stretch,
	   const struct inplace *ip)
{
	struct block *out = xmalloc((al->nblock + 1) * sizeof *out);
	uint32_t *to = xmalloc((al->nblock + 1) * sizeof *to);
	bool *conv = xcalloc(al->nblock + 1, sizeof *conv);
	size_t k = 0, n = 0, e, x, y, p;

	for (p = 0; p < ip->n; p += 2)
		conv[ip->v[p]] = true;
	while (k < al->nblock) {
		/* The paired block that opens a stretch stays first. */
		if (al->block[k].kind != BLOCK_DELETED &&
		    al->block[k].kind != BLOCK_INSERTED && !conv[k]) {
			to[k] = (uint32_t)n;
			out[n++] = al->block[k++];
			continue;
		}
		for (e = k; e < al->nblock && stretch[e] == stretch[k]; e++)
			continue;
		/* Deletions, insertions and pairs of [k, e), merged. */
		x = y = k;
		for (p = k; p <= e; p++) {
			const struct block *q = p < e ? &al->block[p] : NULL;

			if (q && !conv[p])
				continue;
			/* q is a pair, or the end: what comes before it. */
			for (; x < e; x++) {
				const struct block *r = &al->block[x];

				if (r->kind != BLOCK_DELETED || conv[x])
					continue;
				if (q && r->a > q->a)
					break;
				to[x] = (uint32_t)n;
				out[n++] = *r;
			}
			for (; y < e; y++) {
				const struct block *r = &al->block[y];

				if (r->kind != BLOCK_INSERTED || r->nb == 0)
					continue;
				if (q && r->b > q->b)
					break;
				to[y] = (uint32_t)n;
				out[n++] = *r;
			}
			if (q) {
				to[p] = (uint32_t)n;
				out[n++] = *q;
			}
		}
		k = e;
	}
	for (k = 0; k < n; k++)
		if (out[k].move)
			out[k].twin = to[out[k].twin];
	free(al->block);
	al->block = out;
	al->nblock = n;
	free(to);
	free(conv);
}

/* --- one left over each side, alone between two pairs ---------------------- */

/*
 * A deleted and an inserted paragraph alone in the same gap between two
 * paired neighbours sit one for the other, where a reader pairs them even
 * when they keep little: a verse reworded by a translation falls below the
 * pairing threshold, but it is that verse.  Guards: both short, the pairs
 * on both sides reworded too (among paragraphs kept as they were, one
 * that keeps a name only was replaced), and what they keep holds a
 * content word or a number (one that shares only "the" and "of" was
 * replaced).
 */
#define SINGLE_MAX_UNITS	80
#define REWORDED_SIM	0.9f

/* Did the diff pair_sim just made keep a content word or a number? */
static bool
keeps_content(const struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->nheld[0]; i++)
		if (!c->da[i] && c->wa[i] >= W_CONTENT)
			return true;
	return false;
}

/*
 * Are the pairs on both sides of the gap [k0, k1] reworded too?  Among
 * paragraphs kept as they were, one that keeps a name only was replaced.
 */
static bool
among_rewordings(const struct alignment *al, size_t k0, size_t k1)
{
	const struct block *l = &al->block[k0 - 1], *r = &al->block[k1 + 1];

	return l->kind == BLOCK_CHANGED && r->kind == BLOCK_CHANGED &&
	       l->similarity < REWORDED_SIM && r->similarity < REWORDED_SIM;
}

/*
 * Each paragraph's counterpart in place: the one of the other side alone
 * with it in its gap when they pass the guards above but the last
 * (UINT32_MAX: none), and whether they keep a content word or a number,
 * as singletons() wants to pair them.
 */
struct solo {
	uint32_t other;
	bool keeps;
};

static void
find_solos(struct ctx *c, const uint32_t *stretch, const struct seg *sa,
	   const struct seg *sb, const uint32_t *da, const uint32_t *ib,
	   size_t nd, size_t ni, struct solo *solo_d, struct solo *solo_i)
{
	const struct alignment *al = c->al;
	size_t x, y;

	for (x = 0; x < nd; x++)
		solo_d[x] = (struct solo){ UINT32_MAX, false };
	for (y = 0; y < ni; y++)
		solo_i[y] = (struct solo){ UINT32_MAX, false };
	x = y = 0;
	while (x < nd && y < ni) {
		uint32_t d = da[x], i = ib[y], g = stretch[d];
		size_t x1 = x, y1 = y;
		unsigned kept;

		if (stretch[i] != g) {
			if (stretch[i] < g)
				y++;
			else
				x++;
			continue;
		}
		while (x1 < nd && stretch[da[x1]] == g)
			x1++;
		while (y1 < ni && stretch[ib[y1]] == g)
			y1++;
		/* Alone in a gap with a pair on both sides. */
		if (x1 - x == 1 && y1 - y == 1 &&
		    g > 0 && (d > i ? d : i) + 1 < al->nblock &&
		    sa[x].u1 - sa[x].u0 <= SINGLE_MAX_UNITS &&
		    sb[y].u1 - sb[y].u0 <= SINGLE_MAX_UNITS &&
		    sa[x].u0 < sa[x].u1 && sb[y].u0 < sb[y].u1 &&
		    among_rewordings(al, d < i ? d : i, d > i ? d : i)) {
			bool keeps;

			(void)pair_sim(c, sa[x].u0, sa[x].u1, sb[y].u0,
				       sb[y].u1, &kept, 0);
			keeps = keeps_content(c);
			solo_d[x] = (struct solo){ (uint32_t)y, keeps };
			solo_i[y] = (struct solo){ (uint32_t)x, keeps };
		}
		x = x1;
		y = y1;
	}
}

/* Pair in place the solos that keep content and that no move took. */
static void
singletons(struct ctx *c, const uint32_t *stretch, struct inplace *ip,
	   const struct seg *sa, const struct seg *sb, const uint32_t *da,
	   const uint32_t *ib, size_t nd, const struct solo *solo_d,
	   const bool *used_d, const bool *used_i)
{
	size_t x;

	for (x = 0; x < nd; x++) {
		uint32_t y = solo_d[x].other;

		if (y != UINT32_MAX && solo_d[x].keeps && !used_d[x] &&
		    !used_i[y] && in_place(c->al, stretch, ip, da[x], ib[y]))
			pair_in_place(c, &sa[x], &sb[y], da[x], ib[y]);
	}
}

/*
 * May deleted paragraph x and inserted y, similarity sim, become a move?
 * Not when either has a counterpart in place that pairs with it
 * (singletons), nor when both have one, paired or not: among rewordings,
 * a paragraph alone in its gap with one of the other side is that one
 * reworded (issue 15: two verses translated in place, below the pairing
 * threshold, made a move of the one's old with the other's new, as they
 * shared two names).  Paragraphs with nearly the same words move still.
 */
static bool
may_move(const struct solo *solo_d, const struct solo *solo_i, uint32_t x,
	 uint32_t y, float sim)
{
	const struct solo *p = &solo_d[x], *q = &solo_i[y];

	if (sim >= REWORDED_SIM || p->other == y)
		return true;
	if ((p->other != UINT32_MAX && p->keeps) ||
	    (q->other != UINT32_MAX && q->keeps))
		return false;
	return p->other == UINT32_MAX || q->other == UINT32_MAX;
}

/* --- look-alikes paired across each other: a window set back in order ----- */

/*
 * Look-alike paragraphs in a row ("Cursed be he that lieth with ...")
 * can get one wrong pair: old 1 with new 3, and new 1 and 2 against old
 * 2 and 3 are left over.  Those then become two "moves" that cross
 * nothing but that wrong pair, though every paragraph sits where it was
 * (issue 14: three such on a translation, one verse a paragraph).  A
 * window of blocks holding a move and its twin, as many paragraphs of A
 * as of B one at a time and nothing else, is paired in order instead
 * when each pair so made reaches the move threshold and the pairs and
 * moves they replace keep, summed, no more than a tenth more than they
 * do: among look-alikes a verse translated may keep a little more of its
 * neighbour than of itself, and a move that gains so little is no proof
 * (issue 15: look-alike verses in place showed as a move, one keeping
 * 1.23 against 1.17 in order, another as much either way).  A true swap
 * keeps far more as it is, and stays a move.  Windows are tried from the
 * smallest up, until one is set in order: the smallest may pair a verse
 * with its neighbour's translation, below the threshold, where one more
 * paragraph each side sets all in place.
 */
#define WINDOW_MAX	8
#define WINDOW_MARGIN	1.1

/* pair_sim of paragraph pa of A and pb of B; 0 if either has no units. */
static double
para_sim(struct ctx *c, uint32_t pa, uint32_t pb, double need)
{
	uint32_t a0, a1, b0, b1;
	unsigned kept;

	para_units(c->a, pa, pa + 1, &a0, &a1);
	para_units(c->b, pb, pb + 1, &b0, &b1);
	if (a0 == a1 || b0 == b1)
		return 0;
	return pair_sim(c, a0, a1, b0, b1, &kept, need);
}

/*
 * Is [lo, hi] a window as above?  Sets its first paragraphs *a0, *b0 and
 * their number *n, and *now, what its pairs and moves keep.  A window
 * holds no equal pair: setting it in order would break a paragraph kept
 * as it was for a move's sake, and a lazy doc (lazy.h) keeps such a
 * paragraph whole, without the units to weigh it, so lazy and full docs
 * would read the window apart.
 */
static bool
window_ok(struct ctx *c, size_t lo, size_t hi, uint32_t *a0, uint32_t *b0,
	  uint32_t *n, double *now)
{
	const struct alignment *al = c->al;
	uint32_t na = 0, nb = 0;
	size_t k;

	*now = 0;
	for (k = lo; k <= hi; k++) {
		const struct block *bl = &al->block[k];

		if (bl->na > 1 || bl->nb > 1 || bl->na + bl->nb == 0 ||
		    bl->kind == BLOCK_EQUAL)
			return false;
		if (bl->move && (bl->twin < lo || bl->twin > hi))
			return false;
		if (bl->na) {
			if (na ? bl->a != *a0 + na : false)
				return false;
			if (!na)
				*a0 = bl->a;
			na++;
		}
		if (bl->nb) {
			if (nb ? bl->b != *b0 + nb : false)
				return false;
			if (!nb)
				*b0 = bl->b;
			nb++;
		}
	}
	if (na != nb || na < 2 || na > WINDOW_MAX)
		return false;
	*n = na;
	for (k = lo; k <= hi; k++) {
		const struct block *bl = &al->block[k];

		if (bl->na && bl->nb)
			*now += para_sim(c, bl->a, bl->b, 0);
		else if (bl->move && bl->kind == BLOCK_DELETED)
			*now += para_sim(c, bl->a,
					 al->block[bl->twin].b, 0);
	}
	return true;
}

/* Block for paragraph pa of A paired with pb of B, its word diff emitted. */
static struct block
pair_block(struct ctx *c, uint32_t pa, uint32_t pb)
{
	struct alignment *al = c->al;
	struct runs rs = { 0 };
	bool cosm = false, subst = false;
	uint32_t op0 = (uint32_t)al->nop, a0, a1, b0, b1;
	struct block bl = { 0 };

	para_units(c->a, pa, pa + 1, &a0, &a1);
	para_units(c->b, pb, pb + 1, &b0, &b1);
	word_runs(c, a0, a1, b0, b1, &rs);
	cleanup_runs(c, &rs);
	emit_runs(c, &rs, &cosm, &subst);
	free(rs.v);
	bl.kind = subst ? BLOCK_CHANGED : BLOCK_EQUAL;
	bl.a = pa;
	bl.na = 1;
	bl.b = pb;
	bl.nb = 1;
	bl.op = op0;
	bl.nop = (uint32_t)(al->nop - op0);
	bl.cosmetic = cosm;
	bl.similarity = block_similarity(c, &bl);
	return bl;
}

/* Replace blocks [lo, hi] by the n pairs in order from a0 and b0. */
static void
set_in_order(struct ctx *c, size_t lo, size_t hi, uint32_t a0, uint32_t b0,
	     uint32_t n)
{
	struct alignment *al = c->al;
	size_t old = hi - lo + 1, k, nb;
	uint32_t *newid = xcalloc(al->nmove + 1, sizeof *newid), id = 0;
	struct block *pb = xmalloc(n * sizeof *pb);

	for (k = 0; k < n; k++)
		pb[k] = pair_block(c, a0 + (uint32_t)k, b0 + (uint32_t)k);
	for (k = lo; k <= hi; k++)
		if (al->block[k].move)
			newid[al->block[k].move] = UINT32_MAX;
	for (k = 1; k <= al->nmove; k++)
		if (newid[k] != UINT32_MAX)
			newid[k] = ++id;
	/* n <= old: the window holds n paragraphs a side, one or two a block. */
	memcpy(&al->block[lo], pb, n * sizeof *pb);
	memmove(&al->block[lo + n], &al->block[hi + 1],
		(al->nblock - hi - 1) * sizeof *al->block);
	nb = al->nblock - old + n;
	for (k = 0; k < nb; k++) {
		struct block *bl = &al->block[k];

		if (!bl->move || (k >= lo && k < lo + n))
			continue;
		bl->move = newid[bl->move];
		if (bl->twin > hi)
			bl->twin -= (uint32_t)(old - n);
	}
	al->nblock = nb;
	al->nmove = id;
	free(newid);
	free(pb);
}

static void
unswap_windows(struct ctx *c)
{
	struct alignment *al = c->al;
	size_t k;

	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];
		size_t m0, m1, lo, hi;
		uint32_t a0 = 0, b0 = 0, n = 0, j;
		double now, then;
		bool done = false;

		if (!bl->move || bl->twin < k)
			continue;
		m0 = k;
		m1 = bl->twin;
		if (m1 - m0 >= 2 * WINDOW_MAX)
			continue;
		/* Windows around the move, smallest first, till one wins. */
		for (size_t w = m1 - m0; w < 2 * WINDOW_MAX && !done; w++)
			for (lo = m0 + 1; lo-- > 0 && m0 - lo <= w - (m1 - m0);) {
				hi = lo + w;
				if (hi < m1 || hi >= al->nblock)
					continue;
				if (!window_ok(c, lo, hi, &a0, &b0, &n, &now))
					continue;
				then = 0;
				for (j = 0; j < n && then >= 0; j++) {
					double s = para_sim(c, a0 + j, b0 + j,
							    c->move_threshold);

					then = s < c->move_threshold ? -1 :
						then + s;
				}
				if (then * WINDOW_MARGIN >= now) {
					set_in_order(c, lo, hi, a0, b0, n);
					k = lo + n - 1;
					done = true;
					break;
				}
			}
	}
}

/* --- moved copies: the same words on both sides ------------------------- */

/* The hash of the words (units that weigh) of segment s of d; n: how many. */
uint64_t
words_hash(const struct ctx *c, const struct doc *d, const struct seg *s,
	   size_t *n)
{
	uint64_t h = hash_start(0);
	uint32_t u;

	*n = 0;
	for (u = s->u0; u < s->u1; u++)
		if (c->weight[d->unit[u].strict] != W_PUNCT) {
			h = hash_add(h, d->unit[u].fold);
			++*n;
		}
	return hash_end(h);
}

/* Do segment x of dx and y of dy hold the same words? */
static bool
words_equal(const struct ctx *c, const struct doc *dx, const struct seg *x,
	    const struct doc *dy, const struct seg *y)
{
	uint32_t u = x->u0, v = y->u0;

	for (;;) {
		while (u < x->u1 && c->weight[dx->unit[u].strict] == W_PUNCT)
			u++;
		while (v < y->u1 && c->weight[dy->unit[v].strict] == W_PUNCT)
			v++;
		if (u == x->u1 || v == y->u1)
			return u == x->u1 && v == y->u1;
		if (dx->unit[u].fold != dy->unit[v].fold)
			return false;
		u++;
		v++;
	}
}

/*
 * The deleted paragraphs sa[0, nd) whose words (by fold key, punctuation
 * aside) are those of exactly one inserted paragraph of sb[0, ni), found
 * in no other deleted one: twin[x] is that inserted paragraph, else
 * UINT32_MAX; the same the other way in twinb.  Such a pair's similarity
 * is 1, and no other pair of either is 1 (pair_sim keeps every word of
 * both only when their words are the same), so the most similar pairs
 * first take it before any other of theirs: it needs no diff, and their
 * other candidates none either.
 */
static void
word_twins(const struct ctx *c, const struct seg *sa, size_t nd,
	   const struct seg *sb, size_t ni, uint32_t *twin, uint32_t *twinb)
{
	struct tslot {
		uint64_t hash;
		uint32_t x, y;		/* first deleted, inserted paragraph */
		uint8_t na, nb;		/* how many, up to 2 */
	} *tab;
	size_t cap = 16, k, p, n;

	while (cap < nd + nd / 2)
		cap *= 2;
	tab = xcalloc(cap, sizeof *tab);
	for (k = 0; k < nd; k++) {
		uint64_t h = words_hash(c, c->a, &sa[k], &n);

		twin[k] = UINT32_MAX;
		if (n == 0)
			continue;
		for (p = h & (cap - 1); tab[p].na; p = (p + 1) & (cap - 1))
			if (tab[p].hash == h &&
			    words_equal(c, c->a, &sa[tab[p].x], c->a,
					&sa[k]))
				break;
		if (tab[p].na == 0) {
			tab[p].hash = h;
			tab[p].x = (uint32_t)k;
		}
		tab[p].na += tab[p].na < 2;
	}
	for (k = 0; k < ni; k++) {
		uint64_t h = words_hash(c, c->b, &sb[k], &n);

		twinb[k] = UINT32_MAX;
		if (n == 0)
			continue;
		for (p = h & (cap - 1); tab[p].na; p = (p + 1) & (cap - 1))
			if (tab[p].hash == h &&
			    words_equal(c, c->a, &sa[tab[p].x], c->b,
					&sb[k]))
				break;
		if (tab[p].na == 0)
			continue;
		if (tab[p].nb == 0)
			tab[p].y = (uint32_t)k;
		tab[p].nb += tab[p].nb < 2;
	}
	for (p = 0; p < cap; p++)
		if (tab[p].na == 1 && tab[p].nb == 1) {
			twin[tab[p].x] = tab[p].y;
			twinb[tab[p].y] = tab[p].x;
		}
	free(tab);
}

/*
 * Pair leftover deleted and inserted paragraphs as moves: candidates come
 * from the rare-word index (or all pairs when few), the most similar pairs
 * above the threshold are taken first, each paragraph at most once.
 */
void
find_moves(struct ctx *c)
{
	struct alignment *al = c->al;
	struct seg *sa = NULL, *sb = NULL;
	uint32_t *da = NULL, *ib = NULL, *pairs = NULL, *twin, *twinb;
	struct solo *solo_d, *solo_i;
	size_t nd = 0, ni = 0, capa = 0, capb = 0, capd = 0, capi = 0;
	size_t k, npairs = 0, nmc = 0, capmc = 0, ntwin;
	struct movecand *mc = NULL;
	uint32_t u0, u1, *stretch = NULL;
	struct inplace ip = { 0 };
	bool *used_d, *used_i;

	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];

		if (bl->kind == BLOCK_DELETED) {
			para_units(c->a, bl->a, bl->a + 1, &u0, &u1);
			sa = xgrow(sa, &capa, nd + 1, sizeof *sa);
			da = xgrow(da, &capd, nd + 1, sizeof *da);
			sa[nd] = (struct seg){ u0, u1 };
			da[nd++] = (uint32_t)k;
		} else if (bl->kind == BLOCK_INSERTED) {
			para_units(c->b, bl->b, bl->b + 1, &u0, &u1);
			sb = xgrow(sb, &capb, ni + 1, sizeof *sb);
			ib = xgrow(ib, &capi, ni + 1, sizeof *ib);
			sb[ni] = (struct seg){ u0, u1 };
			ib[ni++] = (uint32_t)k;
		}
	}
	if (nd == 0 || ni == 0)
		goto out;
	twin = xmalloc(nd * sizeof *twin);
	twinb = xmalloc(ni * sizeof *twinb);
	word_twins(c, sa, nd, sb, ni, twin, twinb);
	for (k = 0, ntwin = 0; k < nd; k++)
		ntwin += twin[k] != UINT32_MAX;
	/* Each side's twins, as many as the other's, pair first. */
	if (ntwin == nd || ntwin == ni) {
		/* no candidate but the twins */
	} else if (nd * ni <= ALL_PAIRS_LIMIT &&
	    all_pairs_affordable(sa, 0, (uint32_t)nd, sb, 0, (uint32_t)ni)) {
		pairs = xmalloc(2 * nd * ni * sizeof *pairs);
		for (size_t x = 0; x < nd; x++)
			for (size_t y = 0; y < ni; y++) {
				pairs[2 * npairs] = (uint32_t)x;
				pairs[2 * npairs + 1] = (uint32_t)y;
				npairs++;
			}
	} else {
		index_pairs(c, sa, 0, (uint32_t)nd, sb, 0, (uint32_t)ni,
			    &pairs, &npairs);
	}
	for (k = 0; k < npairs; k++) {
		uint32_t x = pairs[2 * k], y = pairs[2 * k + 1];
		unsigned kept;
		double s;

		/* A paragraph without units (all ignored) matches nothing. */
		if (sa[x].u0 == sa[x].u1 || sb[y].u0 == sb[y].u1)
			continue;
		/* Twins take each other first (word_twins). */
		if (twin[x] != UINT32_MAX || twinb[y] != UINT32_MAX)
			continue;
		s = pair_sim(c, sa[x].u0, sa[x].u1, sb[y].u0, sb[y].u1,
			     &kept, c->move_threshold);
		if (s >= c->move_threshold) {
			mc = xgrow(mc, &capmc, nmc + 1, sizeof *mc);
			mc[nmc++] = (struct movecand){ x, y, (float)s };
		}
	}
	for (k = 0; k < nd && c->move_threshold <= 1; k++)
		if (twin[k] != UINT32_MAX) {
			mc = xgrow(mc, &capmc, nmc + 1, sizeof *mc);
			mc[nmc++] = (struct movecand){ (uint32_t)k, twin[k],
						       1.0f };
		}
	free(twin);
	free(twinb);
	if (nmc > 1)
		qsort(mc, nmc, sizeof *mc, movecand_cmp);
	used_d = xcalloc(nd + 1, 1);
	used_i = xcalloc(ni + 1, 1);
	stretch = stretches(al);
	solo_d = xmalloc(nd * sizeof *solo_d);
	solo_i = xmalloc(ni * sizeof *solo_i);
	find_solos(c, stretch, sa, sb, da, ib, nd, ni, solo_d, solo_i);
	for (k = 0; k < nmc; k++) {
		struct block *bd, *bi;
		struct runs rs = { 0 };
		bool cosm = false, subst = false;
		uint32_t op0, id;

		if (used_d[mc[k].del] || used_i[mc[k].ins] ||
		    !may_move(solo_d, solo_i, mc[k].del, mc[k].ins, mc[k].sim))
			continue;
		used_d[mc[k].del] = used_i[mc[k].ins] = true;
		if (stretch[da[mc[k].del]] == stretch[ib[mc[k].ins]] &&
		    in_place(al, stretch, &ip, da[mc[k].del],
			     ib[mc[k].ins])) {
			pair_in_place(c, &sa[mc[k].del], &sb[mc[k].ins],
				      da[mc[k].del], ib[mc[k].ins]);
			continue;
		}
		bd = &al->block[da[mc[k].del]];
		bi = &al->block[ib[mc[k].ins]];
		word_runs(c, sa[mc[k].del].u0, sa[mc[k].del].u1,
			  sb[mc[k].ins].u0, sb[mc[k].ins].u1, &rs);
		cleanup_runs(c, &rs);
		op0 = (uint32_t)al->nop;
		emit_runs(c, &rs, &cosm, &subst);
		free(rs.v);
		/* push_op may have moved al->op, never al->block. */
		bd = &al->block[da[mc[k].del]];
		bi = &al->block[ib[mc[k].ins]];
		id = (uint32_t)++al->nmove;
		bd->move = bi->move = id;
		bd->twin = ib[mc[k].ins];
		bi->twin = da[mc[k].del];
		bd->op = bi->op = op0;
		bd->nop = bi->nop = (uint32_t)(al->nop - op0);
		assert(block_ops_tile(al, bd, bi));
		bd->cosmetic = bi->cosmetic = cosm;
		bd->similarity = bi->similarity = block_similarity(c, bd);
	}
	singletons(c, stretch, &ip, sa, sb, da, ib, nd, solo_d, used_d,
		   used_i);
	free(solo_d);
	free(solo_i);
	free(used_d);
	free(used_i);
	if (ip.n > 0) {
		c->capblock = al->nblock + 1;
		resequence(al, stretch, &ip);
	}
	free(stretch);
	free(ip.v);
	if (al->nmove > 0)
		unswap_windows(c);
out:
	free(sa);
	free(sb);
	free(da);
	free(ib);
	free(pairs);
	free(mc);
}
