/*
 * submove.c — moves below the paragraph: a whole sentence or line deleted
 * in one place and inserted in another becomes a move (align.h, struct
 * submove), with a word diff of its own, under the rules of paragraph
 * moves (move.c): one source, one destination, and a move must cross
 * something kept; a passage deleted and inserted with nothing kept between
 * its two ends sits at the same place in the alignment and stays as it is.
 *
 * The cost grows with the change: candidates are only the whole sentences
 * and lines inside deleted and inserted word ops, matched through the same
 * rare-word index and similarity as paragraphs.
 *
 * Before that, a pure insertion or deletion between equal words whose ends
 * fall inside lines or sentences is slid along the equal text around it,
 * when that makes both ends fall on line or sentence boundaries: in a poem
 * or list whose short lines repeat ("Oh the tide, the tide,"), the diff
 * then deletes and inserts whole lines, as a reader sees them.
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "align-stage.h"
#include "hash.h"
#include "xalloc.h"

/* A candidate's weight at least (one content word), its similarity at least. */
#define SUB_MIN_WEIGHT		W_CONTENT
#define SUB_MIN_SIM		0.6
/*
 * What an edited sentence or line must keep to be a move, both sides
 * counted: two content words each.  "Amen, and Amen." against "Amen."
 * chapters away, or a verse against a reworded one that shares only
 * "LORD", is chance, not a move.
 */
#define SUB_MIN_KEPT		(4 * W_CONTENT)
/* How far an insertion or deletion slides to a boundary, in units. */
#define SLIDE_MAX		256
/*
 * A paragraph is line-oriented when this share of its lines (of the first
 * LINES_SAMPLE) look like lines.
 */
#define LINES_SAMPLE		100
#define LINES_SCAN		(1u << 18)	/* bytes looked at, at most */
#define LINES_SHARE		0.7

/* --- boundaries ------------------------------------------------------------- */

/* Units whose boundaries seg_start() finds at once, in one walk. */
#define SEG_CHUNK		256

struct bounds {
	const struct doc *d;
	uint8_t *lines;		/* by paragraph: 0 not known, 1 prose, 2 lines */
	/* The hashes of the segments of paragraph hpara (repeated()). */
	uint32_t hpara;
	uint64_t *hash;
	size_t nhash, caphash;
	/* Bit u: whether unit u starts a segment, for the chunks done. */
	uint64_t *start;
	uint8_t *done;		/* by chunk of SEG_CHUNK units */
};

static void
bounds_init(struct bounds *bd, const struct doc *d)
{
	*bd = (struct bounds){ d, NULL, UINT32_MAX, NULL, 0, 0, NULL, NULL };
}

static void
bounds_free(struct bounds *bd)
{
	free(bd->lines);
	free(bd->hash);
	free(bd->start);
	free(bd->done);
}

static bool
is_line_end(const struct doc *d, uint32_t t)
{
	const struct token *tk = &d->tok[t];
	const uint8_t *s = d->text->data + tk->off;
	uint32_t k;

	if (tk->kind != TOK_SPACE)
		return false;
	for (k = 0; k < tk->len; k++)	/* mostly one space */
		if (s[k] == '\n' || s[k] == '\r')
			return true;
	return false;
}

/*
 * Whether paragraph p is written line by line (a poem, a list, wikitext)
 * rather than hard-wrapped prose: most of its lines either follow a line
 * ending in punctuation or start with something other than a lower-case
 * word (a capital, a list mark, a number).  Wrapped prose breaks lines
 * mid-sentence, before lower-case words.
 */
static bool __attribute__((noinline))
para_lines(const struct doc *d, uint32_t p)
{
	const struct para *pa = &d->para[p];
	const uint8_t *s = d->text->data;
	uint32_t off = pa->start, end = pa->end, lines = 0, looks = 0, t;

	if (end - off > LINES_SCAN)
		end = off + LINES_SCAN;
	while (off < end && lines < LINES_SAMPLE) {
		const uint8_t *nl = memchr(s + off, '\n', end - off);
		const struct token *nx;

		if (nl == NULL)
			break;
		t = doc_token_at(d, (uint32_t)(nl - s));
		off = d->tok[t].off + d->tok[t].len;
		if (t <= pa->tok || t + 1 >= pa->tok + pa->ntok)
			continue;
		nx = &d->tok[t + 1];
		lines++;
		if (d->tok[t - 1].kind == TOK_PUNCT || nx->kind != TOK_WORD ||
		    !(s[nx->off] >= 'a' && s[nx->off] <= 'z'))
			looks++;
	}
	return lines > 0 && looks >= LINES_SHARE * lines;
}

/* para_lines(), asked once a paragraph. */
static inline bool
lines_of(struct bounds *bd, uint32_t p)
{
	if (bd->lines == NULL)
		bd->lines = xcalloc(bd->d->npara, 1);
	if (bd->lines[p] == 0)
		bd->lines[p] = 1 + para_lines(bd->d, p);
	return bd->lines[p] == 2;
}

static bool line_start(struct bounds *bd, uint32_t p, uint32_t u);

/*
 * The boundaries of chunk k's units into bd->start: one search for the
 * paragraph and sentence of its first unit, then a walk.
 */
static void __attribute__((noinline))
bounds_chunk(struct bounds *bd, size_t k)
{
	const struct doc *d = bd->d;
	uint32_t u = (uint32_t)(k * SEG_CHUNK), end = u + SEG_CHUNK, t, p, s;
	uint32_t pnext, snext;
	const struct para *pa;
	int lines = -1;		/* paragraph p's lines_of(), when asked */

	if (bd->start == NULL) {
		bd->start = xcalloc((d->nunit + 63) / 64, sizeof *bd->start);
		bd->done = xcalloc((d->nunit + SEG_CHUNK - 1) / SEG_CHUNK, 1);
	}
	if (end > d->nunit)
		end = (uint32_t)d->nunit;
	t = d->unit[u].tok;
	p = doc_para_of_token(d, t);
	pa = &d->para[p];
	s = pa->nsent ? doc_sentence_of_token(d, p, t) : pa->sent;
	/* The tokens that start the next paragraph and the next sentence. */
	pnext = p + 1 < d->npara ? d->para[p + 1].tok : UINT32_MAX;
	snext = s + 1 < pa->sent + pa->nsent ? d->sent[s + 1].tok : UINT32_MAX;
	for (; u < end; u++) {
		t = d->unit[u].tok;
		if (t >= pnext) {
			while (p + 1 < d->npara && d->para[p + 1].tok <= t)
				p++;
			pa = &d->para[p];
			s = pa->sent;
			pnext = p + 1 < d->npara ? d->para[p + 1].tok :
				UINT32_MAX;
			snext = s + 1 < pa->sent + pa->nsent ?
				d->sent[s + 1].tok : UINT32_MAX;
			lines = -1;
		}
		if (t >= snext) {
			while (s + 1 < pa->sent + pa->nsent &&
			       d->sent[s + 1].tok <= t)
				s++;
			snext = s + 1 < pa->sent + pa->nsent ?
				d->sent[s + 1].tok : UINT32_MAX;
		}
		/* Not its paragraph's or sentence's first unit: a line's? */
		if (u > 0 && u > pa->unit && u < pa->unit + pa->nunit &&
		    !(pa->nsent > 0 && d->sent[s].unit == u)) {
			if (lines < 0)
				lines = lines_of(bd, p);
			if (!lines || !line_start(bd, p, u))
				continue;	/* prose: no line end looked for */
		}
		bd->start[u / 64] |= (uint64_t)1 << (u % 64);
	}
	bd->done[k] = 1;
}

/* Whether unit u starts a sentence or line (or is past the last unit). */
static inline bool
seg_start(struct bounds *bd, uint32_t u)
{
	const struct doc *d = bd->d;

	if (u == 0 || u >= d->nunit)
		return true;
	if (bd->done == NULL || !bd->done[u / SEG_CHUNK])
		bounds_chunk(bd, u / SEG_CHUNK);
	return bd->start[u / 64] >> (u % 64) & 1;
}

/* The first unit of [u, u1) that starts a segment, or u1: a word at a time. */
static uint32_t
next_start(struct bounds *bd, uint32_t u, uint32_t u1)
{
	uint32_t n = (uint32_t)bd->d->nunit;

	if (u >= u1)
		return u1;
	if (u == 0 || u >= n)
		return u;
	if (u1 > n)
		u1 = n;		/* the end starts one */
	while (u < u1) {
		uint64_t w;

		if (bd->done == NULL || !bd->done[u / SEG_CHUNK])
			bounds_chunk(bd, u / SEG_CHUNK);
		w = bd->start[u / 64] >> (u % 64);
		if (w != 0) {
			u += (uint32_t)__builtin_ctzll(w);
			return u < u1 ? u : u1;
		}
		u = (u / 64 + 1) * 64;
	}
	return u1;
}

/* The last unit up to u that starts a segment. */
static uint32_t
prev_start(struct bounds *bd, uint32_t u)
{
	for (;;) {
		uint64_t w;

		if (u == 0 || u >= bd->d->nunit)
			return u;
		if (bd->done == NULL || !bd->done[u / SEG_CHUNK])
			bounds_chunk(bd, u / SEG_CHUNK);
		w = bd->start[u / 64] << (63 - u % 64);
		if (w != 0)
			return u - (uint32_t)__builtin_clzll(w);
		u = u / 64 * 64 - 1;	/* not 0: unit 0 starts one */
	}
}

/* Whether a line end parts units u-1 and u of paragraph p, in a poem. */
static bool
line_start(struct bounds *bd, uint32_t p, uint32_t u)
{
	const struct doc *d = bd->d;
	uint32_t k;

	for (k = unit_end_tok(d, &d->unit[u - 1]); k < d->unit[u].tok;
	     k++)
		if (is_line_end(d, k)) {
			return lines_of(bd, p);
		}
	return false;
}

static int
hash_cmp(const void *x, const void *y)
{
	uint64_t p = *(const uint64_t *)x, q = *(const uint64_t *)y;

	return p < q ? -1 : p > q;
}

static uint64_t
seg_hash(const struct doc *d, uint32_t u0, uint32_t u1)
{
	uint64_t h = hash_start(u1 - u0);

	for (; u0 < u1; u0++)
		h = hash_add(h, d->unit[u0].fold);
	return hash_end(h);
}

/*
 * Whether the line [u0, u1) occurs twice or more in its paragraph, one
 * written line by line: a chorus, a repeated list line.  Such a line
 * deleted in one place and inserted in another is a move only beside a
 * line that moved with it; alone it is the repetition itself, not a move.
 * (Prose does not repeat its sentences word for word, and a paragraph of
 * prose may be the whole document: its sentences are not hashed.)
 */
static bool
repeated(struct bounds *bd, uint32_t u0, uint32_t u1)
{
	const struct doc *d = bd->d;
	uint32_t p = doc_para_of_token(d, d->unit[u0].tok), u, start;
	const struct para *pa = &d->para[p];
	uint64_t h;
	size_t k, n = 0, lo, hi;

	if (u1 > pa->unit + pa->nunit)
		return false;	/* across paragraphs: not one line */
	if (!lines_of(bd, p))
		return false;
	if (bd->hpara != p) {
		bd->hpara = p;
		bd->nhash = 0;
		for (start = u = pa->unit; u <= pa->unit + pa->nunit; u++) {
			if (u == start || (u < pa->unit + pa->nunit &&
					   !seg_start(bd, u)))
				continue;
			bd->hash = xgrow(bd->hash, &bd->caphash, bd->nhash + 1,
					 sizeof *bd->hash);
			bd->hash[bd->nhash++] = seg_hash(d, start, u);
			start = u;
		}
		qsort(bd->hash, bd->nhash, sizeof *bd->hash, hash_cmp);
	}
	/* The first hash not below h, then how many equal it. */
	h = seg_hash(d, u0, u1);
	lo = 0;
	hi = bd->nhash;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (bd->hash[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < bd->nhash && bd->hash[k] == h && n < 2; k++)
		n++;
	return n >= 2;
}

/*
 * Whether kept units [u0, u1) hold nothing but lines or sentences that
 * repeat in their paragraph, and punctuation: a move across a chorus
 * alone crosses nothing, since keeping the moved line and deleting and
 * inserting the chorus says the same.
 */
static bool
repeat_only(const struct ctx *c, struct bounds *bd, uint32_t u0, uint32_t u1)
{
	const struct doc *d = bd->d;
	uint32_t u, prev = u0, p;

	if (u0 >= u1)
		return true;	/* a cosmetic op with no A units */
	p = doc_para_of_token(d, d->unit[u0].tok);
	if (!lines_of(bd, p))
		return false;	/* prose: see repeated() */

	for (u = u0 + 1; u <= u1; u++) {
		bool whole;

		if (u < u1 && !seg_start(bd, u))
			continue;
		whole = seg_start(bd, prev) && seg_start(bd, u);
		if (whole ? !repeated(bd, prev, u) :
		    weight_sum(c, bd->d, prev, u) > 0)
			return false;
		prev = u;
	}
	return true;
}

/*
 * Whether kept piece [u0, u1) of one sentence or line is most of it: half
 * its weight and two content words.
 */
static bool
most_of_segment(const struct ctx *c, struct bounds *bd, uint32_t u0,
		uint32_t u1)
{
	const struct doc *d = bd->d;
	uint32_t s0 = u0, s1 = u1;
	unsigned w = weight_sum(c, d, u0, u1);

	if (w < 2 * W_CONTENT)
		return false;
	s0 = prev_start(bd, s0);
	s1 = next_start(bd, s1, (uint32_t)d->nunit + 1);
	return 2 * w >= weight_sum(c, d, s0, s1);
}

/*
 * Whether kept units [u0, u1) are something a move can cross: a whole
 * sentence or line, or most of one.  The word diff of a passage reworded
 * throughout keeps stray fragments ("departed from", "unto the west side,
 * a portion for" in a list of look-alike verses), and a sentence deleted
 * and inserted on either side of one sits where it was all the same.
 */
static bool
substantial(const struct ctx *c, struct bounds *bd, uint32_t u0, uint32_t u1)
{
	uint32_t u, cut = UINT32_MAX;

	if (u0 >= u1)
		return false;
	for (u = next_start(bd, u0, u1 + 1); u <= u1;
	     u = next_start(bd, u + 1, u1 + 1)) {
		if (cut != UINT32_MAX && u > cut)
			return true;	/* a whole one */
		cut = u;
	}
	if (cut == UINT32_MAX || cut == u0 || cut == u1)
		return most_of_segment(c, bd, u0, u1);
	return most_of_segment(c, bd, u0, cut) ||
		most_of_segment(c, bd, cut, u1);
}

/* --- sliding insertions and deletions onto boundaries ----------------------- */

static uint32_t
strict_at(const struct ctx *c, bool b_side, uint32_t u)
{
	return (b_side ? c->b : c->a)->unit[u].strict;
}

/*
 * An op of `len` units from u0, on boundaries, after `np` kept units: how
 * far back to slide it so that it starts with its wordless lines ("|-" in
 * a wikitable) rather than ends with them, where the same lines end the
 * text kept before it.  A table row moved is then its separator and its
 * cells on both sides, in the same order, and one move, not two.
 */
static uint32_t
lead_wordless(const struct ctx *c, struct bounds *bd, bool bs, uint32_t u0,
	      uint32_t len, uint32_t np)
{
	uint32_t back = 0;

	for (;;) {
		uint32_t s = u0 + len - 1, k, i;

		while (s > u0 && !seg_start(bd, s))
			s--;
		k = u0 + len - s;
		if (s == u0 || k > np ||
		    weight_sum(c, bd->d, s, u0 + len) >= SUB_MIN_WEIGHT)
			return back;
		for (i = 0; i < k; i++)
			if (strict_at(c, bs, s + i) != strict_at(c, bs, u0 - k + i))
				return back;
		if (!seg_start(bd, u0 - k))
			return back;
		u0 -= k;
		np -= k;
		back += k;
	}
}

/*
 * Ops o-1, o, o+1 of a block: equal, a pure deletion or insertion, equal.
 * Slide o by the smallest shift that puts both its ends on boundaries,
 * if it does not stand on them already.
 */
static void
slide_op(struct ctx *c, struct bounds *bds, uint32_t o)
{
	struct wop *p = &c->al->op[o - 1], *w = &c->al->op[o],
		*n = &c->al->op[o + 1];
	bool bs = w->kind == WOP_INSERT;
	uint32_t u0 = bs ? w->b : w->a, len = bs ? w->nb : w->na;
	uint32_t np = p->na, nn = n->na, k;
	int32_t best = 0;
	struct bounds *bd = &bds[bs];

	if (np > SLIDE_MAX)
		np = SLIDE_MAX;
	if (nn > SLIDE_MAX)
		nn = SLIDE_MAX;
	if (seg_start(bd, u0) && seg_start(bd, u0 + len))
		nn = np = 0;
	for (k = 1; k < nn || k < np; k++) {
		/* Right by k: the op's unit k-1 equals the k-th after it. */
		if (k < nn) {
			if (strict_at(c, bs, u0 + k - 1) !=
			    strict_at(c, bs, u0 + len + k - 1)) {
				nn = k;
			} else if (seg_start(bd, u0 + k) &&
				   seg_start(bd, u0 + len + k)) {
				best = (int32_t)k;
				break;
			}
		}
		if (k < np) {
			if (strict_at(c, bs, u0 + len - k) !=
			    strict_at(c, bs, u0 - k)) {
				np = k;
			} else if (seg_start(bd, u0 - k) &&
				   seg_start(bd, u0 + len - k)) {
				best = -(int32_t)k;
				break;
			}
		}
	}
	if (seg_start(bd, u0 + (uint32_t)best) &&
	    seg_start(bd, u0 + len + (uint32_t)best))
		best -= (int32_t)lead_wordless(c, bd, bs, u0 + (uint32_t)best,
					      len, p->na + (uint32_t)best);
	if (best == 0)
		return;
	p->na += (uint32_t)best;
	p->nb += (uint32_t)best;
	w->a += (uint32_t)best;
	w->b += (uint32_t)best;
	n->a += (uint32_t)best;
	n->b += (uint32_t)best;
	n->na -= (uint32_t)best;
	n->nb -= (uint32_t)best;
}

static void
slide_ops(struct ctx *c, struct bounds *bd)
{
	struct alignment *al = c->al;
	size_t k;
	uint32_t o;

	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];

		if (bl->move || bl->kind != BLOCK_CHANGED || bl->nop < 3)
			continue;
		for (o = bl->op + 1; o + 1 < bl->op + bl->nop; o++)
			if ((al->op[o].kind == WOP_DELETE ||
			     al->op[o].kind == WOP_INSERT) &&
			    al->op[o - 1].kind == WOP_EQUAL &&
			    al->op[o + 1].kind == WOP_EQUAL)
				slide_op(c, bd, o);
	}
}

/* --- replacements that reorder whole sentences or lines ------------------- */

/* At most this many sentences or lines a side in a replacement looked at. */
#define SWAP_SEGS		64

/* Whether a boundary falls strictly inside units [u0, u1). */
static bool
cut_inside(struct bounds *bd, uint32_t u0, uint32_t u1)
{
	return u0 + 1 < u1 && next_start(bd, u0 + 1, u1) < u1;
}

/* The starts of the segments of [u0, u1), then u1; SIZE_MAX if too many. */
static size_t
seg_cuts(struct bounds *bd, uint32_t u0, uint32_t u1, uint32_t *v)
{
	size_t n = 0;
	uint32_t u;

	for (u = u0; u < u1; u++)
		if (u == u0 || seg_start(bd, u)) {
			if (n == SWAP_SEGS)
				return SIZE_MAX;
			v[n++] = u;
		}
	v[n] = u1;
	return n;
}

static bool same_units(const struct ctx *c, const struct seg *x,
		       const struct seg *y);

/* Whether A's units [a0, a1) and B's [b0, b1) are the same under fold keys. */
static bool
same_span(const struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0,
	  uint32_t b1)
{
	const struct seg x = { a0, a1 }, y = { b0, b1 };

	return same_units(c, &x, &y);
}

struct opbuf {
	struct wop *v;
	size_t n, cap;
};

/* Append an op, joined to the last one when of the same kind and adjacent. */
static void
opbuf_push(struct opbuf *ob, uint8_t kind, uint32_t a, uint32_t na,
	   uint32_t b, uint32_t nb)
{
	struct wop *l = ob->n ? &ob->v[ob->n - 1] : NULL;

	if (na == 0 && nb == 0)
		return;
	if (l && l->kind == kind && l->a + l->na == a && l->b + l->nb == b) {
		l->na += na;
		l->nb += nb;
		return;
	}
	ob->v = xgrow(ob->v, &ob->cap, ob->n + 1, sizeof *ob->v);
	ob->v[ob->n++] = (struct wop){ a, na, b, nb, kind };
}

struct swap {
	uint32_t ca[SWAP_SEGS + 1], cb[SWAP_SEGS + 1];
	uint32_t dp[(SWAP_SEGS + 1) * (SWAP_SEGS + 1)];
};

/*
 * Deletion d and insertion i (next to it) of a block, whose out ops so far
 * are in ob; `next` the op after i or NULL.  If whole sentences or lines of
 * both sides are the same in another order, their ops (and the parts of
 * the equal ops around them up to the boundaries) go into ob, re-diffed by
 * segment, and the units of `next` taken are returned in *eat.
 */
static bool
split_swap(struct ctx *c, struct bounds *bd, struct swap *sw,
	   struct opbuf *ob, const struct wop *d, const struct wop *i,
	   const struct wop *next, uint32_t *eat)
{
	struct wop *prev = ob->n ? &ob->v[ob->n - 1] : NULL;
	uint32_t pn = prev && prev->kind == WOP_EQUAL ? prev->na : 0;
	uint32_t nn = next && next->kind == WOP_EQUAL ? next->na : 0;
	uint32_t a0 = d->a, a1 = d->a + d->na, b0 = i->b, b1 = i->b + i->nb;
	uint32_t k, m, *dp = sw->dp, best;
	size_t na, nb, x, y, w1;

	if (!cut_inside(&bd[0], a0, a1) || !cut_inside(&bd[1], b0, b1))
		return false;
	for (k = 0; !seg_start(&bd[0], a0 - k) || !seg_start(&bd[1], b0 - k);
	     k++)
		if (k == pn || k == SLIDE_MAX)
			return false;
	for (m = 0; !seg_start(&bd[0], a1 + m) || !seg_start(&bd[1], b1 + m);
	     m++)
		if (m == nn || m == SLIDE_MAX)
			return false;
	a0 -= k;
	b0 -= k;
	a1 += m;
	b1 += m;
	na = seg_cuts(&bd[0], a0, a1, sw->ca);
	nb = seg_cuts(&bd[1], b0, b1, sw->cb);
	if (na == SIZE_MAX || nb == SIZE_MAX)
		return false;
	/* The heaviest segments kept in order: dp[x][y] for the tails. */
	w1 = nb + 1;
	for (x = na + 1; x-- > 0;)
		for (y = nb + 1; y-- > 0;) {
			uint32_t v = 0;

			if (x < na && y < nb) {
				v = dp[(x + 1) * w1 + y] > dp[x * w1 + y + 1] ?
					dp[(x + 1) * w1 + y] :
					dp[x * w1 + y + 1];
				if (same_span(c, sw->ca[x], sw->ca[x + 1],
					      sw->cb[y], sw->cb[y + 1])) {
					uint32_t t = dp[(x + 1) * w1 + y + 1] +
						weight_sum(c, c->a, sw->ca[x],
							   sw->ca[x + 1]);

					if (t > v)
						v = t;
				}
			}
			dp[x * w1 + y] = v;
		}
	best = dp[0];
	if (best < SUB_MIN_WEIGHT)
		return false;
	/* The equal op before gives up its last k units. */
	if (k > 0) {
		prev->na -= k;
		prev->nb -= k;
		if (prev->na == 0)
			ob->n--;
	}
	for (x = y = 0; x < na || y < nb;) {
		if (x < na && y < nb &&
		    same_span(c, sw->ca[x], sw->ca[x + 1], sw->cb[y],
			      sw->cb[y + 1]) &&
		    dp[x * w1 + y] == dp[(x + 1) * w1 + y + 1] +
		    weight_sum(c, c->a, sw->ca[x], sw->ca[x + 1])) {
			opbuf_push(ob, WOP_EQUAL, sw->ca[x],
				   sw->ca[x + 1] - sw->ca[x], sw->cb[y],
				   sw->cb[y + 1] - sw->cb[y]);
			x++;
			y++;
		} else if (y == nb || (x < na &&
				       dp[x * w1 + y] == dp[(x + 1) * w1 + y])) {
			opbuf_push(ob, WOP_DELETE, sw->ca[x],
				   sw->ca[x + 1] - sw->ca[x], sw->cb[y], 0);
			x++;
		} else {
			opbuf_push(ob, WOP_INSERT, sw->ca[x], 0, sw->cb[y],
				   sw->cb[y + 1] - sw->cb[y]);
			y++;
		}
	}
	*eat = m;
	return true;
}

/*
 * Whether block bl holds a deletion next to an insertion, both with a
 * boundary inside: split_swap() asks that first, so that a block without
 * one is left as it is without being copied.
 */
static bool
may_swap(const struct alignment *al, struct bounds *bd,
	 const struct block *bl)
{
	uint32_t o;

	for (o = bl->op; o + 1 < bl->op + bl->nop; o++) {
		const struct wop *d = &al->op[o], *i = &al->op[o + 1];

		if (d->kind == WOP_DELETE && i->kind == WOP_INSERT &&
		    cut_inside(&bd[0], d->a, d->a + d->na) &&
		    cut_inside(&bd[1], i->b, i->b + i->nb))
			return true;
	}
	return false;
}

/*
 * A deletion next to an insertion whose whole sentences or lines are
 * partly the same ones in another order (two table rows or two sentences
 * swapped) comes out of the word diff as one replacement, and then holds
 * no move.  Its segments are diffed again, the heaviest ones that keep
 * their order kept, so that the one that went elsewhere is deleted in one
 * place and inserted in the other.
 */
static void
split_swaps(struct ctx *c, struct bounds *bd)
{
	struct alignment *al = c->al;
	struct swap *sw = NULL;
	struct opbuf ob = { 0 };
	size_t k;

	for (k = 0; k < al->nblock; k++) {
		struct block *bl = &al->block[k];
		uint32_t o, end = bl->op + bl->nop, eat = 0;
		bool split = false;

		if (bl->move || bl->kind != BLOCK_CHANGED || bl->nop < 2 ||
		    !may_swap(al, bd, bl))
			continue;
		ob.n = 0;
		for (o = bl->op; o < end; o++) {
			struct wop w = al->op[o];

			if (eat > 0) {
				w.a += eat;
				w.b += eat;
				w.na -= eat;
				w.nb -= eat;
				eat = 0;
			}
			if (w.kind == WOP_DELETE && o + 1 < end &&
			    al->op[o + 1].kind == WOP_INSERT) {
				if (sw == NULL)
					sw = xmalloc(sizeof *sw);
				if (split_swap(c, bd, sw, &ob, &w, &al->op[o + 1],
					       o + 2 < end ? &al->op[o + 2] :
					       NULL, &eat)) {
					split = true;
					o++;
					continue;
				}
			}
			opbuf_push(&ob, w.kind, w.a, w.na, w.b, w.nb);
		}
		if (!split)
			continue;
		al->op = xgrow(al->op, &c->capop, al->nop + ob.n,
			       sizeof *al->op);
		memcpy(al->op + al->nop, ob.v, ob.n * sizeof *ob.v);
		bl->op = (uint32_t)al->nop;
		bl->nop = (uint32_t)ob.n;
		al->nop += ob.n;
		assert(block_ops_tile(al, bl, bl));
	}
	free(sw);
	free(ob.v);
}

/* --- candidates -------------------------------------------------------------- */

/* A whole sentence or line inside a deleted (A) or inserted (B) op. */
struct cand {
	uint32_t block, op;
	uint32_t kept_before;	/* kept ops of its block before op */
	uint32_t kept_total;	/* ... and in the whole block */
	bool rep;		/* repeated in its paragraph */
	uint32_t sub;		/* the move it is an end of, + 1 */
};

struct side {
	struct seg *seg;
	struct cand *cand;
	size_t n, cap, capc;
};

static void
side_push(struct side *s, uint32_t u0, uint32_t u1, const struct cand *cd)
{
	s->seg = xgrow(s->seg, &s->cap, s->n + 1, sizeof *s->seg);
	s->cand = xgrow(s->cand, &s->capc, s->n + 1, sizeof *s->cand);
	s->seg[s->n] = (struct seg){ u0, u1 };
	s->cand[s->n++] = *cd;
}

/* The whole sentences and lines of units [u0, u1), as candidates. */
static void
cut_op(const struct ctx *c, struct bounds *bd, struct side *s, uint32_t u0,
       uint32_t u1, const struct cand *cd)
{
	uint32_t u, start = seg_start(bd, u0) ? u0 : UINT32_MAX;

	if (u0 >= u1)
		return;
	for (u = next_start(bd, u0 + 1, u1); u < u1 || seg_start(bd, u);
	     u = next_start(bd, u + 1, u1)) {
		/* Lines without words ("|-") only ever travel with one. */
		if (start != UINT32_MAX) {
			bool r = repeated(bd, start, u);

			if (r || weight_sum(c, bd->d, start, u) >=
			    SUB_MIN_WEIGHT) {
				side_push(s, start, u, cd);
				s->cand[s->n - 1].rep = r;
			}
		}
		start = u;
		if (u == u1)
			break;
	}
}

static bool
kept_op(const struct wop *w)
{
	return w->kind == WOP_EQUAL || w->kind == WOP_COSMETIC;
}

static void
collect(struct ctx *c, struct bounds *bd, struct side *sa, struct side *sb)
{
	const struct alignment *al = c->al;
	size_t k, first;
	uint32_t o;

	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];
		struct cand cd = { (uint32_t)k, 0, 0, 0, false, 0 };
		size_t fa = sa->n, fb = sb->n;

		if (bl->move || bl->kind == BLOCK_EQUAL)
			continue;
		for (o = bl->op; o < bl->op + bl->nop; o++) {
			const struct wop *w = &al->op[o];

			cd.op = o;
			if (kept_op(w))
				cd.kept_before += !repeat_only(c, &bd[0], w->a,
							       w->a + w->na) &&
					substantial(c, &bd[0], w->a,
						    w->a + w->na);
			else if (w->kind == WOP_DELETE)
				cut_op(c, &bd[0], sa, w->a, w->a + w->na, &cd);
			else
				cut_op(c, &bd[1], sb, w->b, w->b + w->nb, &cd);
		}
		for (first = fa; first < sa->n; first++)
			sa->cand[first].kept_total = cd.kept_before;
		for (first = fb; first < sb->n; first++)
			sb->cand[first].kept_total = cd.kept_before;
	}
}

/*
 * Whether candidate x of side s touches, in the same op, an end of move
 * m (index + 1).
 */
static bool
touches(const struct side *s, size_t x, uint32_t m)
{
	return (x > 0 && s->cand[x - 1].sub == m &&
		s->cand[x - 1].op == s->cand[x].op &&
		s->seg[x - 1].u1 == s->seg[x].u0) ||
		(x + 1 < s->n && s->cand[x + 1].sub == m &&
		 s->cand[x + 1].op == s->cand[x].op &&
		 s->seg[x + 1].u0 == s->seg[x].u1);
}

/* Whether candidates x (A) and y (B) both touch the same move. */
static bool
travels_with(const struct side *sa, size_t x, const struct side *sb,
	     size_t y)
{
	uint32_t m[2] = { x > 0 ? sa->cand[x - 1].sub : 0,
			  x + 1 < sa->n ? sa->cand[x + 1].sub : 0 };
	int k;

	for (k = 0; k < 2; k++)
		if (m[k] && touches(sa, x, m[k]) && touches(sb, y, m[k]))
			return true;
	return false;
}

/*
 * Does a passage taken from candidate x (A) to candidate y (B) cross
 * anything kept?  paired[k]: the paired blocks before block k.
 */
static bool
crosses(const uint32_t *paired, const struct cand *x, const struct cand *y)
{
	const struct cand *lo = x, *hi = y;

	if (x->block == y->block)
		return x->kept_before != y->kept_before;
	if (x->block > y->block) {
		lo = y;
		hi = x;
	}
	return lo->kept_total > lo->kept_before || hi->kept_before > 0 ||
		paired[hi->block] > paired[lo->block + 1];
}

/* Whether A's units x and B's units y are the same under the fold keys. */
static bool
same_units(const struct ctx *c, const struct seg *x, const struct seg *y)
{
	uint32_t k;

	if (x->u1 - x->u0 != y->u1 - y->u0)
		return false;
	for (k = 0; k < x->u1 - x->u0; k++)
		if (c->a->unit[x->u0 + k].fold != c->b->unit[y->u0 + k].fold)
			return false;
	return true;
}

/* --- the moves ---------------------------------------------------------------- */

struct found {
	uint32_t x, y;		/* candidates of A and B */
	uint32_t x1, y1;	/* the last ones, when merge_runs joined some */
	float sim;
	bool in_place;		/* crossing nothing: a pair, never a move */
};

static int
found_cmp(const void *p, const void *q)
{
	const struct found *f = p, *g = q;

	if (f->sim != g->sim)
		return f->sim > g->sim ? -1 : 1;
	if (f->in_place != g->in_place)
		return f->in_place ? -1 : 1;
	if (f->x != g->x)
		return f->x < g->x ? -1 : 1;
	return f->y < g->y ? -1 : f->y > g->y;
}

/* By source, then destination: reading order. */
static int
found_cmp_source(const void *p, const void *q)
{
	const struct found *f = p, *g = q;

	if (f->x != g->x)
		return f->x < g->x ? -1 : 1;
	return f->y < g->y ? -1 : f->y > g->y;
}

/* Whether candidates x and x + 1 of a side follow each other in one op. */
static bool
next_in_op(const struct side *s, uint32_t x)
{
	return x + 1 < s->n && s->cand[x].op == s->cand[x + 1].op &&
		s->seg[x].u1 == s->seg[x + 1].u0;
}

/*
 * Moves of consecutive sentences or lines that went together, in the same
 * order, to consecutive places are one move: f[0 .. n), in source order,
 * joined in place.  Returns how many are left.
 */
static size_t
merge_runs(const struct side *sa, const struct side *sb, struct found *f,
	   size_t n)
{
	size_t k, m = 0;

	for (k = 0; k < n; k++) {
		if (m > 0 && f[k].x == f[m - 1].x1 + 1 &&
		    f[k].y == f[m - 1].y1 + 1 &&
		    next_in_op(sa, f[m - 1].x1) &&
		    next_in_op(sb, f[m - 1].y1)) {
			f[m - 1].x1 = f[k].x;
			f[m - 1].y1 = f[k].y;
			continue;
		}
		f[m++] = f[k];
	}
	return m;
}

/* One end of a move, to cut out of its block's op: units [u0, u1). */
struct cut {
	uint32_t block, op;
	uint32_t u0, u1;
	uint32_t sub;		/* index in al->sub */
	bool b_side;
};

static int
cut_cmp(const void *p, const void *q)
{
	const struct cut *f = p, *g = q;

	if (f->block != g->block)
		return f->block < g->block ? -1 : 1;
	if (f->op != g->op)
		return f->op < g->op ? -1 : 1;
	return f->u0 < g->u0 ? -1 : f->u0 > g->u0;
}

struct rebuild {
	struct ctx *c;
	uint32_t *tag;		/* by op: the tag it gets (align.h opsub) */
	size_t ntag, captag;
};

static void
append_op(struct rebuild *rb, uint8_t kind, uint32_t a, uint32_t na,
	  uint32_t b, uint32_t nb, uint32_t tag)
{
	struct alignment *al = rb->c->al;
	struct wop *o;

	al->op = xgrow(al->op, &rb->c->capop, al->nop + 1, sizeof *al->op);
	o = &al->op[al->nop];
	o->kind = kind;
	o->a = a;
	o->na = na;
	o->b = b;
	o->nb = nb;
	if (tag) {
		rb->tag = xgrow(rb->tag, &rb->captag, 2 * (rb->ntag + 1),
				sizeof *rb->tag);
		rb->tag[2 * rb->ntag] = (uint32_t)al->nop;
		rb->tag[2 * rb->ntag + 1] = tag;
		rb->ntag++;
	}
	al->nop++;
}

/*
 * The ops standing for one end of move s: its units, deleted (A) or
 * inserted (B), one op per stretch that its word diff keeps or edits.
 */
static void
append_end(struct rebuild *rb, const struct cut *ct, const struct runs *rs,
	   const struct wop *w)
{
	struct submove *sm = &rb->c->al->sub[ct->sub];
	uint32_t first = (uint32_t)rb->c->al->nop;
	size_t k;

	for (k = 0; k < rs->n; k++) {
		const struct run *r = &rs->v[k];
		uint32_t tag = (ct->sub + 1) << 1 |
			(r->eq || runs_cosmetic(rb->c, r) ? 0u : 1u);
		uint32_t u0 = ct->b_side ? r->b0 : r->a0;
		uint32_t u1 = ct->b_side ? r->b1 : r->a1;

		if (u1 == u0)
			continue;
		if (ct->b_side)
			append_op(rb, WOP_INSERT, w->a, 0, u0, u1 - u0, tag);
		else
			append_op(rb, WOP_DELETE, u0, u1 - u0, w->b, 0, tag);
	}
	if (ct->b_side) {
		sm->dop = first;
		sm->ndop = (uint32_t)rb->c->al->nop - first;
	} else {
		sm->sop = first;
		sm->nsop = (uint32_t)rb->c->al->nop - first;
	}
}

/* Block k's ops again, at the end of al->op, with the cuts [c0, c1) made. */
static void
rebuild_block(struct rebuild *rb, uint32_t k, const struct cut *ct,
	      size_t nct, struct runs *rs)
{
	struct alignment *al = rb->c->al;
	struct block *bl = &al->block[k];
	uint32_t o, op0 = (uint32_t)al->nop, end = bl->op + bl->nop;
	size_t i = 0;

	for (o = bl->op; o < end; o++) {
		struct wop w = al->op[o];
		bool bs = w.kind == WOP_INSERT;
		uint32_t u = bs ? w.b : w.a, u1 = u + (bs ? w.nb : w.na);

		if (i >= nct || ct[i].op != o) {
			append_op(rb, w.kind, w.a, w.na, w.b, w.nb, 0);
			continue;
		}
		for (; i < nct && ct[i].op == o; i++) {
			if (ct[i].u0 > u) {
				if (bs)
					append_op(rb, WOP_INSERT, w.a, 0, u,
						  ct[i].u0 - u, 0);
				else
					append_op(rb, WOP_DELETE, u,
						  ct[i].u0 - u, w.b, 0, 0);
			}
			append_end(rb, &ct[i], &rs[ct[i].sub], &w);
			u = ct[i].u1;
		}
		if (u1 > u) {
			if (bs)
				append_op(rb, WOP_INSERT, w.a, 0, u, u1 - u, 0);
			else
				append_op(rb, WOP_DELETE, u, u1 - u, w.b, 0,
					  0);
		}
	}
	bl = &al->block[k];
	bl->op = op0;
	bl->nop = (uint32_t)al->nop - op0;
	assert(block_ops_tile(al, bl, bl));
}

void
find_submoves(struct ctx *c)
{
	struct alignment *al = c->al;
	struct side sa = { 0 }, sb = { 0 };
	uint32_t *pairs = NULL, *paired = NULL;
	size_t npairs = 0, nf = 0, capf = 0, k, ncut = 0, nsub = 0;
	struct found *f = NULL, *rest;
	size_t nrest = 0;
	struct cut *cuts = NULL;
	struct runs *rs = NULL;
	bool *used_a = NULL, *used_b = NULL;
	double need = c->move_threshold > SUB_MIN_SIM ?
		c->move_threshold : SUB_MIN_SIM;
	struct rebuild rb = { c, NULL, 0, 0 };
	struct bounds bd[2];

	bounds_init(&bd[0], c->a);
	bounds_init(&bd[1], c->b);
	split_swaps(c, bd);
	slide_ops(c, bd);
	collect(c, bd, &sa, &sb);
	if (sa.n == 0 || sb.n == 0)
		goto out;
	if (sa.n * sb.n <= ALL_PAIRS_LIMIT &&
	    all_pairs_affordable(sa.seg, 0, (uint32_t)sa.n, sb.seg, 0,
				 (uint32_t)sb.n)) {
		pairs = xmalloc(2 * sa.n * sb.n * sizeof *pairs);
		for (size_t x = 0; x < sa.n; x++)
			for (size_t y = 0; y < sb.n; y++) {
				pairs[2 * npairs] = (uint32_t)x;
				pairs[2 * npairs + 1] = (uint32_t)y;
				npairs++;
			}
	} else {
		index_pairs(c, sa.seg, 0, (uint32_t)sa.n, sb.seg, 0,
			    (uint32_t)sb.n, &pairs, &npairs);
	}
	paired = xmalloc((al->nblock + 1) * sizeof *paired);
	paired[0] = 0;
	for (k = 0; k < al->nblock; k++)
		paired[k + 1] = paired[k] +
			(al->block[k].kind == BLOCK_EQUAL ||
			 al->block[k].kind == BLOCK_CHANGED);
	for (k = 0; k < npairs; k++) {
		uint32_t x = pairs[2 * k], y = pairs[2 * k + 1];
		unsigned kept;
		double s;

		bool cr = crosses(paired, &sa.cand[x], &sb.cand[y]);

		if ((k & 63) == 0)
			align_tick_count(c, k, npairs);

		if (!cr && (sa.cand[x].rep || sb.cand[y].rep))
			continue;
		if (same_units(c, &sa.seg[x], &sb.seg[y]))
			s = 1;
		else if (sa.cand[x].rep || sb.cand[y].rep)
			continue;	/* a repeated line travels unchanged */
		else if ((s = pair_sim(c, sa.seg[x].u0, sa.seg[x].u1,
				       sb.seg[y].u0, sb.seg[y].u1, &kept,
				       need)) < 1 && kept < SUB_MIN_KEPT)
			continue;
		if (s >= need) {
			f = xgrow(f, &capf, nf + 1, sizeof *f);
			f[nf++] = (struct found){ x, y, x, y, (float)s, !cr };
		}
	}
	if (nf == 0)
		goto out;
	if (nf > 1)
		qsort(f, nf, sizeof *f, found_cmp);
	used_a = xcalloc(sa.n, 1);
	used_b = xcalloc(sb.n, 1);
	/*
	 * Lines and sentences of their own first, then repeated ones; those
	 * taken go first in f, the others keep their order after them for
	 * the second round (a repeated line left out of it was lost, and a
	 * table row moved came out as its cells without its "|-").  A
	 * sentence whose best match is the one deleted or inserted where it
	 * was is that one's pair, and no far look-alike's move: on a book
	 * reworded in place, formulaic verses matched others chapters away.
	 */
	rest = xmalloc(nf * sizeof *rest);
	for (k = 0; k < nf; k++)
		if (!used_a[f[k].x] && !used_b[f[k].y] &&
		    !sa.cand[f[k].x].rep && !sb.cand[f[k].y].rep) {
			used_a[f[k].x] = used_b[f[k].y] = true;
			if (f[k].in_place)
				continue;
			sa.cand[f[k].x].sub = sb.cand[f[k].y].sub =
				(uint32_t)nsub + 1;
			f[nsub++] = f[k];
		} else if (!f[k].in_place) {
			rest[nrest++] = f[k];
		}
	memcpy(f + nsub, rest, nrest * sizeof *rest);
	free(rest);
	for (k = 0; k < nf; k++) {
		size_t n0 = nsub, j;

		if (used_a[f[k].x] || used_b[f[k].y] ||
		    !travels_with(&sa, f[k].x, &sb, f[k].y))
			continue;
		used_a[f[k].x] = used_b[f[k].y] = true;
		sa.cand[f[k].x].sub = sb.cand[f[k].y].sub = (uint32_t)nsub + 1;
		/* Move f[k] down to f[nsub], keeping f[nsub..k) after it. */
		for (j = k; j > n0; j--) {
			struct found t = f[j];

			f[j] = f[j - 1];
			f[j - 1] = t;
		}
		nsub++;
	}
	/* In the reading order of their sources. */
	qsort(f, nsub, sizeof *f, found_cmp_source);
	nsub = merge_runs(&sa, &sb, f, nsub);
	al->sub = xcalloc(nsub, sizeof *al->sub);
	al->nsub = nsub;
	rs = xcalloc(nsub, sizeof *rs);
	cuts = xmalloc(2 * nsub * sizeof *cuts);
	for (k = 0; k < nsub; k++) {
		const struct seg xs = { sa.seg[f[k].x].u0, sa.seg[f[k].x1].u1 };
		const struct seg ys = { sb.seg[f[k].y].u0, sb.seg[f[k].y1].u1 };
		const struct seg *x = &xs, *y = &ys;
		struct submove *sm = &al->sub[k];
		bool cosm = false, subst = false;

		word_runs(c, x->u0, x->u1, y->u0, y->u1, &rs[k]);
		cleanup_runs(c, &rs[k]);
		sm->op = (uint32_t)al->nop;
		emit_runs(c, &rs[k], &cosm, &subst);
		sm->nop = (uint32_t)al->nop - sm->op;
		sm->edited = subst;
		sm->src = sa.cand[f[k].x].block;
		sm->dst = sb.cand[f[k].y].block;
		cuts[ncut++] = (struct cut){ sm->src, sa.cand[f[k].x].op,
					     x->u0, x->u1, (uint32_t)k,
					     false };
		cuts[ncut++] = (struct cut){ sm->dst, sb.cand[f[k].y].op,
					     y->u0, y->u1, (uint32_t)k,
					     true };
	}
	qsort(cuts, ncut, sizeof *cuts, cut_cmp);
	for (k = 0; k < ncut;) {
		size_t e = k;

		while (e < ncut && cuts[e].block == cuts[k].block)
			e++;
		rebuild_block(&rb, cuts[k].block, cuts + k, e - k, rs);
		k = e;
	}
	al->opsub = xcalloc(al->nop + 1, sizeof *al->opsub);
	for (k = 0; k < rb.ntag; k++)
		al->opsub[rb.tag[2 * k]] = rb.tag[2 * k + 1];
	al->nmove += nsub;
out:
	bounds_free(&bd[0]);
	bounds_free(&bd[1]);
	for (k = 0; k < nsub; k++)
		free(rs[k].v);
	free(rs);
	free(rb.tag);
	free(cuts);
	free(used_a);
	free(used_b);
	free(f);
	free(paired);
	free(pairs);
	free(sa.seg);
	free(sa.cand);
	free(sb.seg);
	free(sb.cand);
}

uint32_t
align_block_sub(const struct alignment *al, size_t k, bool *source)
{
	size_t s;

	for (s = 0; s < al->nsub; s++)
		if (al->sub[s].src == k || al->sub[s].dst == k) {
			*source = al->sub[s].src == k;
			return (uint32_t)s + 1;
		}
	return 0;
}

uint32_t
align_sub_para(const struct alignment *al, size_t s, bool source)
{
	const struct submove *sm = &al->sub[s];
	const struct doc *d = source ? al->a : al->b;
	const struct wop *w = &al->op[source ? sm->sop : sm->dop];

	return doc_para_of_token(d, d->unit[source ? w->a : w->b].tok);
}

uint32_t
align_block_twin(const struct alignment *al, size_t k)
{
	bool source;
	uint32_t s;

	if (al->block[k].move)
		return al->block[k].twin;
	s = align_block_sub(al, k, &source);
	if (s == 0)
		return UINT32_MAX;
	return source ? al->sub[s - 1].dst : al->sub[s - 1].src;
}

uint32_t
align_diff_sub(const struct alignment *al, size_t o)
{
	size_t lo = 0, hi = al->nsub;

	/* Their word diffs were emitted in order: the last starting <= o. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (al->sub[mid].op <= o)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || o >= al->sub[lo - 1].op + al->sub[lo - 1].nop)
		return 0;
	return (uint32_t)lo;
}
