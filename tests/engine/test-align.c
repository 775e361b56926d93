/*
 * test-align.c — the alignment: pairing, splits, merges, moves, word
 * diff clean-up, and the invariants every alignment must keep.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "doc.h"
#include "equiv.h"
#include "cmpkeys.h"
#include "walk.h"
#include "pair.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"

/* The blocks as a string: "=" equal, "~" changed, "-", "+", with the
 * paragraph counts and move ids: "=1:1 ~1:2 -1:0m1 +0:1m1". */
static char *
shape(const struct alignment *al)
{
	static char buf[1024];
	size_t k, n = 0;

	buf[0] = '\0';
	for (k = 0; k < al->nblock && n < sizeof buf - 32; k++) {
		const struct block *b = &al->block[k];

		n += snprintf(buf + n, sizeof buf - n, "%s%c%u:%u", k ? " " : "",
			      "=~-+"[b->kind], (unsigned)b->na, (unsigned)b->nb);
		if (b->move)
			n += snprintf(buf + n, sizeof buf - n, "m%u",
				      (unsigned)b->move);
	}
	return buf;
}

/* The word ops of block k in wdiff form, text of the units. */
static char *
block_diff(const struct pair *p, size_t k)
{
	static char buf[4096];
	const struct block *bl = &p->al->block[k];
	size_t n = 0;
	uint32_t o, u;

	buf[0] = '\0';
	for (o = bl->op; o < bl->op + bl->nop; o++) {
		const struct wop *w = &p->al->op[o];
		const struct doc *d = w->kind == WOP_INSERT ? p->b : p->a;
		uint32_t u0 = w->kind == WOP_INSERT ? w->b : w->a;
		uint32_t nu = w->kind == WOP_INSERT ? w->nb : w->na;
		const char *open = w->kind == WOP_DELETE ? "[-" :
			w->kind == WOP_INSERT ? "{+" :
			w->kind == WOP_COSMETIC ? "(~" : "";
		const char *close = w->kind == WOP_DELETE ? "-]" :
			w->kind == WOP_INSERT ? "+}" :
			w->kind == WOP_COSMETIC ? "~)" : "";

		n += snprintf(buf + n, sizeof buf - n, "%s%s", n ? " " : "",
			      open);
		for (u = u0; u < u0 + nu; u++) {
			const struct token *t = &d->tok[d->unit[u].tok];
			const struct token *e = &d->tok[unit_last_tok(d,
							&d->unit[u])];

			n += snprintf(buf + n, sizeof buf - n, "%s%.*s",
				      u > u0 ? " " : "",
				      (int)(e->off + e->len - t->off),
				      d->text->data + t->off);
		}
		n += snprintf(buf + n, sizeof buf - n, "%s", close);
		if (n >= sizeof buf - 64)
			break;
	}
	return buf;
}

/*
 * Invariants: blocks visit A's and B's paragraphs in order, each exactly
 * once; each block's ops cover its units in order on both sides; equal
 * ops join equal keys; the byte pieces tile both texts.
 */
struct tile {
	size_t a, b;
	bool ok;
};

static void
tile_piece(const struct piece *pc, void *priv)
{
	struct tile *t = priv;

	if (pc->kind != PIECE_INSERT) {
		if (pc->a0 != t->a)
			t->ok = false;
		t->a = pc->a1;
	}
	if (pc->kind != PIECE_DELETE) {
		if (pc->b0 != t->b)
			t->ok = false;
		t->b = pc->b1;
	}
}

/* Are the bytes of op w's units, white space between them, the same? */
static int
span_same(const struct pair *p, const struct wop *w)
{
	const struct unit *xf = &p->a->unit[w->a], *yf = &p->b->unit[w->b];
	const struct unit *xl = &p->a->unit[w->a + w->na - 1];
	const struct unit *yl = &p->b->unit[w->b + w->nb - 1];
	size_t x0 = p->a->tok[xf->tok].off, y0 = p->b->tok[yf->tok].off;
	size_t x1 = p->a->tok[unit_last_tok(p->a, xl)].off +
		p->a->tok[unit_last_tok(p->a, xl)].len;
	size_t y1 = p->b->tok[unit_last_tok(p->b, yl)].off +
		p->b->tok[unit_last_tok(p->b, yl)].len;

	return x1 - x0 == y1 - y0 && memcmp(p->a->text->data + x0,
					    p->b->text->data + y0,
					    x1 - x0) == 0;
}

static int
invariants(const struct pair *p)
{
	const struct alignment *al = p->al;
	uint32_t pa = 0, pb = 0, ua, ub, o, u;
	size_t k;
	struct tile t = { 0, 0, true };

	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];

		if (bl->a != pa && bl->na)
			return 0;
		if (bl->b != pb && bl->nb)
			return 0;
		pa += bl->na;
		pb += bl->nb;
		if (bl->move) {
			const struct block *tw = &al->block[bl->twin];

			if (tw->move != bl->move || tw->twin != k)
				return 0;
			continue;
		}
		ua = bl->na ? p->a->para[bl->a].unit : 0;
		ub = bl->nb ? p->b->para[bl->b].unit : 0;
		for (o = bl->op; o < bl->op + bl->nop; o++) {
			const struct wop *w = &al->op[o];

			if ((w->na && w->a != ua) || (w->nb && w->b != ub))
				return 0;
			/* A cosmetic change of spelling (align.h) aside. */
			if (w->kind == WOP_COSMETIC && (w->na != w->nb ||
			    p->a->unit[w->a].fold != p->b->unit[w->b].fold)) {
				/* nothing to check unit by unit */
			} else if (w->kind == WOP_EQUAL ||
				   w->kind == WOP_COSMETIC) {
				bool differ = false;

				if (w->na != w->nb)
					return 0;
				for (u = 0; u < w->na; u++) {
					const struct unit *x = &p->a->unit[w->a + u];
					const struct unit *y = &p->b->unit[w->b + u];

					if (x->fold != y->fold)
						return 0;
					if (x->strict != y->strict)
						differ = true;
				}
				/* Cosmetic: a spelling, or the white space. */
				if (w->kind == WOP_EQUAL ? differ :
				    !differ && span_same(p, w))
					return 0;
			}
			ua += w->na;
			ub += w->nb;
		}
		if (bl->na && ua != p->a->para[bl->a + bl->na - 1].unit +
		    p->a->para[bl->a + bl->na - 1].nunit)
			return 0;
		if (bl->nb && ub != p->b->para[bl->b + bl->nb - 1].unit +
		    p->b->para[bl->b + bl->nb - 1].nunit)
			return 0;
	}
	if (pa != p->a->npara || pb != p->b->npara)
		return 0;
	walk_pieces(al, false, tile_piece, &t);
	return t.ok && t.a == p->ta->len && t.b == p->tb->len;
}

/* Do al and b agree on every block and op (op storage aside)? */
static bool
same_alignment(const struct alignment *x, const struct alignment *y)
{
	size_t k;
	uint32_t o;

	if (x->nblock != y->nblock ||
	    memcmp(&x->stats, &y->stats, sizeof x->stats) != 0)
		return false;
	for (k = 0; k < x->nblock; k++) {
		const struct block *p = &x->block[k], *q = &y->block[k];

		if (p->a != q->a || p->na != q->na || p->b != q->b ||
		    p->nb != q->nb || p->nop != q->nop || p->kind != q->kind ||
		    p->move != q->move || p->twin != q->twin ||
		    p->cosmetic != q->cosmetic ||
		    p->similarity != q->similarity)
			return false;
		for (o = 0; o < p->nop; o++) {
			const struct wop *u = &x->op[p->op + o];
			const struct wop *v = &y->op[q->op + o];

			if (u->kind != v->kind || u->a != v->a ||
			    u->na != v->na || u->b != v->b || u->nb != v->nb ||
			    (x->opsub ? x->opsub[p->op + o] : 0) !=
			    (y->opsub ? y->opsub[q->op + o] : 0))
				return false;
		}
	}
	if (x->nsub != y->nsub || x->nmove != y->nmove)
		return false;
	for (k = 0; k < x->nsub; k++) {
		const struct submove *p = &x->sub[k], *q = &y->sub[k];

		if (p->src != q->src || p->dst != q->dst ||
		    p->nsop != q->nsop || p->ndop != q->ndop ||
		    p->nop != q->nop || p->edited != q->edited)
			return false;
		for (o = 0; o < p->nop; o++) {
			const struct wop *u = &x->op[p->op + o];
			const struct wop *v = &y->op[q->op + o];

			if (u->kind != v->kind || u->a != v->a ||
			    u->na != v->na || u->b != v->b || u->nb != v->nb)
				return false;
		}
	}
	return true;
}

/*
 * The layout align_build gives (and align_mirror must give): in a run of
 * deleted and inserted blocks, or of delete and insert ops, the deleted
 * come first; a block's or op's empty side is where the other side stands
 * when it comes (0 for the op of a lone deleted or inserted paragraph).
 */
static bool
layout_ok(const struct alignment *al)
{
	uint32_t pa = 0, pb = 0, ua, ub, o;
	size_t k;
	int prev = -1;

	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];
		bool paired = bl->kind != BLOCK_DELETED &&
			bl->kind != BLOCK_INSERTED;

		if (bl->kind == BLOCK_DELETED && prev == BLOCK_INSERTED)
			return false;
		if ((bl->kind == BLOCK_DELETED && bl->b != pb) ||
		    (bl->kind == BLOCK_INSERTED && bl->a != pa))
			return false;
		prev = bl->kind;
		pa += bl->na;
		pb += bl->nb;
		if (bl->move && bl->kind == BLOCK_DELETED) {
			const struct block *tw = &al->block[bl->twin];

			ua = al->a->para[bl->a].unit;
			ub = al->b->para[tw->b].unit;
		} else if (paired) {
			ua = bl->na ? al->a->para[bl->a].unit : 0;
			ub = bl->nb ? al->b->para[bl->b].unit : 0;
		} else {
			continue;
		}
		for (o = bl->op; o < bl->op + bl->nop; o++) {
			const struct wop *w = &al->op[o];

			if (w->kind == WOP_DELETE && o > bl->op &&
			    al->op[o - 1].kind == WOP_INSERT)
				return false;
			if ((w->kind == WOP_DELETE && w->b != ub) ||
			    (w->kind == WOP_INSERT && w->a != ua))
				return false;
			ua += w->na;
			ub += w->nb;
		}
	}
	return true;
}

/*
 * Field by field, the same arrays: blocks, ops (where they are stored
 * too), submoves and opsub.
 */
static bool
same_storage(const struct alignment *x, const struct alignment *y)
{
	size_t k;

	if (x->nblock != y->nblock || x->nop != y->nop ||
	    x->nsub != y->nsub || x->nmove != y->nmove ||
	    (x->opsub == NULL) != (y->opsub == NULL) ||
	    memcmp(&x->stats, &y->stats, sizeof x->stats) != 0)
		return false;
	for (k = 0; k < x->nblock; k++) {
		const struct block *p = &x->block[k], *q = &y->block[k];

		if (p->a != q->a || p->na != q->na || p->b != q->b ||
		    p->nb != q->nb || p->op != q->op || p->nop != q->nop ||
		    p->kind != q->kind || p->move != q->move ||
		    p->twin != q->twin || p->cosmetic != q->cosmetic ||
		    p->similarity != q->similarity)
			return false;
	}
	for (k = 0; k < x->nop; k++) {
		const struct wop *u = &x->op[k], *v = &y->op[k];

		if (u->kind != v->kind || u->a != v->a || u->na != v->na ||
		    u->b != v->b || u->nb != v->nb ||
		    (x->opsub != NULL && x->opsub[k] != y->opsub[k]))
			return false;
	}
	for (k = 0; k < x->nsub; k++) {
		const struct submove *p = &x->sub[k], *q = &y->sub[k];

		if (p->src != q->src || p->dst != q->dst || p->sop != q->sop ||
		    p->nsop != q->nsop || p->dop != q->dop ||
		    p->ndop != q->ndop || p->op != q->op || p->nop != q->nop ||
		    p->edited != q->edited)
			return false;
	}
	return true;
}

/*
 * align_mirror: the mirror of p's alignment keeps every invariant (read
 * as the pair the other way round), has the same similarity, and its
 * own mirror is the alignment again.
 */
static int
mirror_holds(const struct pair *p)
{
	struct pair q = *p;
	struct alignment *m = align_mirror(p->al), *mm = align_mirror(m);
	/* Built in the storage of a copy, the mirror is the same. */
	struct alignment *t = align_mirror_take(align_build(p->a, p->b, NULL));
	int ok_ = 1;

	q.ta = p->tb;
	q.tb = p->ta;
	q.a = p->b;
	q.b = p->a;
	q.al = m;
	if (!invariants(&q) || !layout_ok(p->al) || !layout_ok(m) ||
	    m->stats.similarity != p->al->stats.similarity ||
	    m->stats.substantive != p->al->stats.substantive ||
	    m->stats.cosmetic != p->al->stats.cosmetic ||
	    !same_alignment(mm, p->al) || !same_storage(t, m))
		ok_ = 0;
	else {
		struct alignment *r = align_build(p->b, p->a, NULL);

		/* Laid out as align_build lays out its own, ties aside. */
		if (!same_alignment(r, m))
			ok_ = 2;
		align_free(r);
	}
	align_free(m);
	align_free(mm);
	align_free(t);
	return ok_;
}

#define P1 "The mayor opened the new bridge over the river on Sunday morning."
#define P2 "Officials said the structure cost 40 million euros and took three years to build."
#define P3 "Residents had waited decades for a crossing closer to the old town."
#define P4 "Traffic on the ring road is expected to fall by a fifth."
#define P5 "A ferry that carried commuters since 1952 will stop running in May."

static void
test_identical(void)
{
	struct pair p;

	pair_open(&p, P1 "\n\n" P2 "\n\n" P3 "\n", P1 "\n\n" P2 "\n\n" P3 "\n");
	is_str(shape(p.al), "=1:1 =1:1 =1:1", "identical: all equal");
	ok(!align_differs(p.al), "identical: no difference");
	is_int((long)(p.al->stats.similarity * 1000), 1000, "identical: similarity 1");
	ok(invariants(&p), "identical: invariants");
	pair_close(&p);
}

static void
test_cosmetic(void)
{
	struct pair p;

	pair_open(&p, "The U.S. said \"yes\" -- 1,000 times, 3 percent.\n",
		  "The US said \xe2\x80\x9cyes\xe2\x80\x9d -- 1000 times, 3 per cent.\n");
	is_str(shape(p.al), "=1:1", "typography only: one equal block");
	ok(p.al->block[0].cosmetic, "typography only: marked cosmetic");
	ok(!align_differs(p.al), "typography only: not a substantive difference");
	ok(p.al->stats.cosmetic > 0, "typography only: cosmetic changes counted");
	ok(invariants(&p), "typography only: invariants");
	pair_close(&p);
}

static void
test_split_merge(void)
{
	struct pair p;

	pair_open(&p, P1 "\n\n" P2 " " P3 " " P4 "\n\n" P5 "\n",
		  P1 "\n\n" P2 "\n\n" P3 " " P4 "\n\n" P5 "\n");
	is_str(shape(p.al), "=1:1 ~1:2 =1:1", "split: one paragraph against two");
	is_str(block_diff(&p, 1), block_diff(&p, 1), "split: diff readable");
	ok(strchr(block_diff(&p, 1), '[') == NULL &&
	   strchr(block_diff(&p, 1), '{') == NULL, "split: no word changes");
	ok(invariants(&p), "split: invariants");
	pair_close(&p);

	pair_open(&p, P1 "\n\n" P2 "\n\n" P3 "\n\n" P5 "\n",
		  P1 "\n\n" P2 " " P3 "\n\n" P5 "\n");
	is_str(shape(p.al), "=1:1 ~2:1 =1:1", "merge: two paragraphs against one");
	ok(invariants(&p), "merge: invariants");
	pair_close(&p);
}

static void
test_moves(void)
{
	struct pair p;

	pair_open(&p, P1 "\n\n" P2 "\n\n" P3 "\n\n" P4 "\n\n" P5 "\n",
		  P1 "\n\n" P3 "\n\n" P4 "\n\n" P5 "\n\n" P2 "\n");
	is_str(shape(p.al), "=1:1 -1:0m1 =1:1 =1:1 =1:1 +0:1m1",
	       "move: paragraph 2 moved to the end");
	is_int(p.al->nmove, 1, "move: one move");
	ok(align_differs(p.al), "move: is a difference");
	is_int(p.al->stats.moved, 14, "move: 14 words moved");
	ok(invariants(&p), "move: invariants");
	pair_close(&p);

	pair_open(&p, P1 "\n\n" P2 "\n\n" P3 "\n\n" P4 "\n\n" P5 "\n",
		  P1 "\n\n" P3 "\n\n" P4 "\n\n"
		  "Officials said the structure cost 45 million euros and took three years to build.\n\n"
		  P5 "\n");
	is_str(shape(p.al), "=1:1 -1:0m1 =1:1 =1:1 +0:1m1 =1:1",
	       "move with an edit: found");
	is_str(block_diff(&p, 1),
	       "Officials said the structure cost [-40-] {+45+} million euros and took three years to build .",
	       "move with an edit: word diff inside the move");
	ok(invariants(&p), "move with an edit: invariants");
	pair_close(&p);
}

static void
test_rewrite(void)
{
	struct pair p;

	pair_open(&p, P1 "\n\n" "The council voted on the plan at the end of the month.\n\n" P5 "\n",
		  P1 "\n\n" "Critics of the scheme pointed to the cost of the repairs.\n\n" P5 "\n");
	is_str(shape(p.al), "=1:1 -1:0 +0:1 =1:1",
	       "rewrite sharing only function words: not paired");
	ok(invariants(&p), "rewrite: invariants");
	pair_close(&p);

	pair_open(&p, "Police arrested the man at the scene of the crash on the motorway.\n",
		  "Police arrested the driver near the site of the accident on the motorway.\n");
	is_str(block_diff(&p, 0),
	       "Police arrested the [-man at the scene of the crash-] {+driver near the site of the accident+} on the motorway .",
	       "rewrite: no stray 'the' or 'of' left between changes");
	ok(invariants(&p), "rewrite: invariants");
	pair_close(&p);
}

static void
test_edges(void)
{
	struct pair p;

	pair_open(&p, "", "");
	is_int(p.al->nblock, 0, "empty against empty: no blocks");
	ok(!align_differs(p.al), "empty against empty: equal");
	ok(invariants(&p), "empty against empty: invariants");
	pair_close(&p);

	pair_open(&p, "", P1 "\n");
	is_str(shape(p.al), "+0:1", "empty against text: an insertion");
	ok(align_differs(p.al), "empty against text: differs");
	ok(invariants(&p), "empty against text: invariants");
	pair_close(&p);

	pair_open(&p, "  \n\n \n", P1 "\n");
	ok(invariants(&p), "blank against text: invariants");
	pair_close(&p);

	pair_open(&p, "東京で新しい橋が開通した。市長が式典に出席した。\n",
		  "東京で新しい橋が開通した。知事が式典に出席した。\n");
	is_str(shape(p.al), "~1:1", "CJK: paired");
	is_str(block_diff(&p, 0),
	       "東 京 で 新 し い 橋 が 開 通 し た 。 [-市 長-] {+知 事+} が 式 典 に 出 席 し た 。",
	       "CJK: one word changed");
	pair_close(&p);
}

/* Random edits of a sample text: the invariants always hold. */
static void
test_random(void)
{
	static const char *const paras[] = { P1, P2, P3, P4, P5,
		"Shares rose 3.5 percent in early trading.",
		"\"We are proud of it,\" the mayor told reporters.",
		"The U.S. embassy sent a delegation of five." };
	unsigned seed = 12345, bad = 0, badm = 0, tie = 0, round;
	int mh;
	char a[4096], b[4096];

	for (round = 0; round < 300; round++) {
		size_t na = 0, nb = 0;
		int i, n = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 10;
		struct pair p;

		for (i = 0; i < n; i++) {
			unsigned r = (seed = seed * 1103515245 + 12345) >> 16;
			const char *x = paras[r % 8], *y = paras[(r / 8) % 8];

			na += snprintf(a + na, sizeof a - na, "%s\n\n", x);
			switch ((r / 64) % 5) {
			case 0:	/* drop */
				break;
			case 1:	/* replace */
				nb += snprintf(b + nb, sizeof b - nb, "%s\n\n", y);
				break;
			case 2:	/* join with the next */
				nb += snprintf(b + nb, sizeof b - nb, "%s ", x);
				break;
			default:
				nb += snprintf(b + nb, sizeof b - nb, "%s\n\n", x);
			}
		}
		a[na] = b[nb] = '\0';
		pair_open(&p, a, b);
		if (!invariants(&p)) {
			if (bad++ == 0)
				printf("# first failure:\n# A: %s\n# B: %s\n", a, b);
		}
		if ((mh = mirror_holds(&p)) == 2)
			tie++;
		else if (!mh) {
			if (badm++ == 0)
				printf("# first mirror failure:\n# A: %s\n# B: %s\n",
				       a, b);
		}
		pair_close(&p);
	}
	is_int(bad, 0, "300 random edits keep every invariant");
	is_int(badm, 0, "300 random edits: the mirror keeps them too, "
	       "and read back is the alignment");
	printf("# mirror differs from the alignment the other way round: %u\n", tie);
}

int
main(void)
{
	test_identical();
	test_cosmetic();
	test_split_merge();
	test_moves();
	test_rewrite();
	test_edges();
	test_random();
	return done_testing();
}
