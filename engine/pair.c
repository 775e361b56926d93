/*
 * pair.c — matching the segments of one level (paragraphs, or sentences
 * of paired paragraphs): equal ones first, then the gaps between them by
 * similarity, as a heaviest chain of candidate pairs, splits and merges.
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "align-stage.h"
#include "hash.h"
#include "xalloc.h"

/* Joining segments must raise the similarity by this much (absolute). */
#define SPLIT_GAIN		0.08
/* Short lines a split or merge may cross (short_line). */
#define SHORT_WORDS		12
#define SHORT_SKIP		2
/* Otherwise each segment gets at most this many candidates... */
#define INDEX_CANDIDATES	4
/* ... found through words occurring at most this often in the gap. */
#define INDEX_MAX_DF		8

/* --- items ------------------------------------------------------------------ */

void
items_push(struct items *it, uint8_t kind, uint32_t i0, uint32_t i1,
	   uint32_t j0, uint32_t j1, float sim)
{
	struct item *x;

	it->v = xgrow(it->v, &it->cap, it->n + 1, sizeof *it->v);
	x = &it->v[it->n++];
	x->kind = kind;
	x->i0 = i0;
	x->i1 = i1;
	x->j0 = j0;
	x->j1 = j1;
	x->sim = sim;
}

/* --- pairing inside a gap --------------------------------------------------- */

struct cand {
	uint32_t i0, i1, j0, j1;	/* segments, half-open */
	uint64_t score;			/* see cands_push */
	float sim;
};

struct cands {
	struct cand *v;
	size_t n, cap;
};

/*
 * A candidate's score is the weight it keeps minus a penalty for what it
 * leaves unmatched inside it: k(1 + a) - aW for kept weight k out of W
 * (both sides), with a = t / (1 - t) for the pairing threshold t, so that
 * a pair right at the threshold scores zero.  Without the penalty the chain would
 * always prefer bigger merges, dragging in a neighbouring paragraph that
 * shares a few words; with it, a joined member must pay for itself.
 */
static void
cands_push(struct cands *cs, const struct ctx *c, uint32_t i0, uint32_t i1,
	   uint32_t j0, uint32_t j1, unsigned kept, double sim)
{
	struct cand *x;
	double t = c->pair_threshold, a = t / (1 - t);
	double w = sim > 0 ? kept / sim : 0, k = kept, score;

	/* The gap's own weights, when pair_sim gave them (gap_weight). */
	if (c->damp && c->dtotal > 0) {
		k = c->dkept;
		w = c->dtotal;
	}
	score = k * (1 + a) - a * w;

	cs->v = xgrow(cs->v, &cs->cap, cs->n + 1, sizeof *cs->v);
	x = &cs->v[cs->n++];
	x->i0 = i0;
	x->i1 = i1;
	x->j0 = j0;
	x->j1 = j1;
	x->score = score > 0 ? (uint64_t)(score * 64) + 1 : 1;
	x->sim = (float)sim;
}

/*
 * Candidate single pairs of a big gap: for each B segment, the A segments
 * sharing the most words that are rare in the gap's A side.
 */
void
index_pairs(struct ctx *c, const struct seg *sa, uint32_t a0, uint32_t a1,
	    const struct seg *sb, uint32_t b0, uint32_t b1,
	    uint32_t **pairs, size_t *npairs)
{
	uint32_t *df = xcalloc(c->nweight, sizeof *df);
	uint32_t *head = xmalloc(c->nweight * sizeof *head);
	uint32_t *next, *owner, *count, *touched;
	size_t nocc = 0, cap = 0, i, ntouched;
	uint32_t u, p;

	/* Posting lists of A segments per word id (each segment once). */
	for (i = a0; i < a1; i++)
		nocc += sa[i].u1 - sa[i].u0;
	next = xmalloc((nocc + 1) * sizeof *next);
	owner = xmalloc((nocc + 1) * sizeof *owner);
	memset(head, 0xff, c->nweight * sizeof *head);
	nocc = 0;
	for (i = a0; i < a1; i++)
		for (u = sa[i].u0; u < sa[i].u1; u++) {
			uint32_t f = c->a->unit[u].fold;

			if (c->weight[c->a->unit[u].strict] != W_CONTENT)
				continue;
			if (head[f] != UINT32_MAX && owner[head[f]] == i)
				continue;
			owner[nocc] = (uint32_t)i;
			next[nocc] = head[f];
			head[f] = (uint32_t)nocc++;
			df[f]++;
		}
	count = xcalloc(a1 - a0, sizeof *count);
	touched = xmalloc((a1 - a0) * sizeof *touched);
	*pairs = NULL;
	*npairs = 0;
	for (i = b0; i < b1; i++) {
		ntouched = 0;
		for (u = sb[i].u0; u < sb[i].u1; u++) {
			uint32_t f = c->b->unit[u].fold;

			if (f >= c->nweight || df[f] == 0 ||
			    df[f] > INDEX_MAX_DF)
				continue;
			for (p = head[f]; p != UINT32_MAX; p = next[p])
				if (count[owner[p] - a0]++ == 0)
					touched[ntouched++] = owner[p] - a0;
		}
		/* Keep the INDEX_CANDIDATES best-sharing A segments. */
		for (size_t k = 0; k < INDEX_CANDIDATES && ntouched > 0; k++) {
			size_t best = 0, t;

			for (t = 1; t < ntouched; t++)
				if (count[touched[t]] > count[touched[best]])
					best = t;
			if (count[touched[best]] < 2)
				break;
			*pairs = xgrow(*pairs, &cap, *npairs + 2,
				       2 * sizeof **pairs);
			(*pairs)[2 * *npairs] = touched[best] + a0;
			(*pairs)[2 * *npairs + 1] = (uint32_t)i;
			(*npairs)++;
			count[touched[best]] = 0;
			touched[best] = touched[--ntouched];
		}
		for (size_t t = 0; t < ntouched; t++)
			count[touched[t]] = 0;
	}
	free(df);
	free(head);
	free(next);
	free(owner);
	free(count);
	free(touched);
}

/* The similarity pair_sim just found, weighed as the gap wants. */
static double
gap_sim(const struct ctx *c, double sim)
{
	return c->damp && c->dtotal > 0 ? (double)c->dkept / c->dtotal : sim;
}

/*
 * Is segment s of d a short line: a subhead, a caption, "Read more", at
 * most SHORT_WORDS words?  A split or merge may run across one that
 * does not raise the similarity (at most SHORT_SKIP of them), but never
 * ends on it: on the seeds, a paragraph split in two by a new subhead lost
 * its second half (000 -> 003), while the same split without the
 * subhead was found.
 */
static bool
short_line(const struct ctx *c, const struct doc *d, const struct seg *s)
{
	uint32_t u, n = 0;

	for (u = s->u0; u < s->u1; u++)
		if (c->weight[d->unit[u].strict] != W_PUNCT &&
		    ++n > SHORT_WORDS)
			return false;
	return true;
}

/*
 * Could a split or merge that score_pair tries from pair (i, j) reach the
 * threshold?  False only when a bound rules out each one it would try: it
 * tries them in turn and goes on past a short line only after a failure,
 * so if each fails, it tries exactly these, whatever the pair's own score.
 */
static bool
joins_may_reach(struct ctx *c, const struct seg *sa, uint32_t a1,
		const struct seg *sb, uint32_t b1, uint32_t i, uint32_t j)
{
	double t = c->pair_threshold;
	uint32_t e, lim;

	for (e = j + 2, lim = j + 3; e <= lim && e <= b1; e++) {
		if (pair_may_reach(c, sa[i].u0, sa[i].u1, sb[j].u0,
				   sb[e - 1].u1, t, t))
			return true;
		if (!(e < b1 && lim < j + 3 + SHORT_SKIP &&
		      short_line(c, c->b, &sb[e - 1])))
			break;
		lim++;
	}
	for (e = i + 2, lim = i + 3; e <= lim && e <= a1; e++) {
		if (pair_may_reach(c, sa[i].u0, sa[e - 1].u1, sb[j].u0,
				   sb[j].u1, t, t))
			return true;
		if (!(e < a1 && lim < i + 3 + SHORT_SKIP &&
		      short_line(c, c->a, &sa[e - 1])))
			break;
		lim++;
	}
	return false;
}

/*
 * Does the first member of a split or merge pay for itself: is the whole,
 * of similarity ds, SPLIT_GAIN above the rest without it, A [a0, a1)
 * against B [b0, b1)?  Otherwise a segment that shares a few words with
 * the next one's true counterpart joins it: in a long book reworded in
 * place, a short chapter lost its pair to its neighbour, paired with both.
 */
static bool
first_joins(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0,
	    uint32_t b1, double ds)
{
	unsigned kept, dkept = c->dkept, dtotal = c->dtotal;
	double s = pair_sim(c, a0, a1, b0, b1, &kept, 0);
	bool joins = ds >= gap_sim(c, s) + SPLIT_GAIN;

	/* The whole's gap weights, for cands_push. */
	c->dkept = dkept;
	c->dtotal = dtotal;
	return joins;
}

/*
 * What the first pass over a gap's pairs found for a single pair
 * (score_single), kept for the second (score_joins): its similarity and
 * kept weight, and the gap's weights of its diff (c->dkept, c->dtotal);
 * tried is false when bounds ruled out the pair and all its joins.
 */
struct single {
	uint32_t i, j;
	double sim;
	unsigned kept, dkept, dtotal;
	bool tried;
};

/* The pairs of a gap by (i, j), open addressing: slot holds index + 1. */
struct singles {
	struct single *v;
	uint32_t *slot;
	size_t n, mask;
};

static size_t
single_hash(uint32_t i, uint32_t j, size_t mask)
{
	return (size_t)(((uint64_t)i * 0x9e3779b97f4a7c15u ^ j) *
			0xbf58476d1ce4e5b9u >> 32) & mask;
}

static const struct single *
single_of(const struct singles *t, uint32_t i, uint32_t j)
{
	size_t p;

	for (p = single_hash(i, j, t->mask); t->slot[p];
	     p = (p + 1) & t->mask) {
		const struct single *x = &t->v[t->slot[p] - 1];

		if (x->i == i && x->j == j)
			return x;
	}
	return NULL;
}

/*
 * The similarity by the gap's weights of a single pair whose diff ran
 * and kept words, as first_joins would find it; -1 when unknown.
 */
static double
single_gap_sim(const struct ctx *c, const struct single *x)
{
	if (x == NULL || !x->tried || x->kept == 0)
		return -1;
	return c->damp && x->dtotal > 0 ? (double)x->dkept / x->dtotal :
		x->sim;
}

/*
 * The first half of scoring pair (i, j): the pair's own similarity.
 * Splits and merges are tried only from a pair that reaches half the
 * threshold.  A pair that cannot reach the threshold is no candidate;
 * its score matters only to the splits and merges, which need the
 * threshold themselves: when no bound lets one reach it, nothing here
 * can become a candidate, and the pair's own diff is not run.
 */
static void
score_single(struct ctx *c, const struct seg *sa, uint32_t a1,
	     const struct seg *sb, uint32_t b1, struct single *x)
{
	uint32_t i = x->i, j = x->j;

	/* Progress (align.h): paragraphs' pairs come in B's order. */
	if (c->stage == ALIGN_PAIR)
		align_tick(c, true, sb[j].u0);
	else
		align_tick(c, false, sa[i].u0);
	x->tried = false;
	switch (pair_may_reach(c, sa[i].u0, sa[i].u1, sb[j].u0, sb[j].u1,
			       c->pair_threshold / 2, c->pair_threshold)) {
	case 0:
		return;
	case 1:
		if (!joins_may_reach(c, sa, a1, sb, b1, i, j))
			return;
		break;
	default:
		break;
	}
	/*
	 * The pair passed the bounds at half the threshold: asked again
	 * at half, they would say the same (only nearer hi do they try
	 * more), so pair_sim is asked for the figure.
	 */
	x->tried = true;
	x->sim = pair_sim(c, sa[i].u0, sa[i].u1, sb[j].u0, sb[j].u1,
			  &x->kept, 0);
	x->dkept = c->dkept;
	x->dtotal = c->dtotal;
}

/*
 * The second half: pair (i, j) as a candidate, and the splits and merges
 * starting there.  Joining must raise the similarity by SPLIT_GAIN,
 * weighed with the gap's own weights: a look-alike paragraph next to the
 * true counterpart shares its template words, which then count for
 * little, and is not joined for them.  A join of two must also beat its
 * second member alone by SPLIT_GAIN (first_joins); when the first pass
 * scored that pair, its figure raises what the join's bounds must reach,
 * and the join's diff is run only if it can.
 */
static void
score_joins(struct ctx *c, const struct seg *sa, uint32_t a1,
	    const struct seg *sb, uint32_t b1, const struct single *x,
	    const struct singles *t, struct cands *cs)
{
	uint32_t i = x->i, j = x->j, e, lim;
	unsigned kj;
	double s, best, ds, need, dneed, r;
	bool more;

	if (!x->tried)
		return;
	/* The pair's own diff's gap weights, for cands_push and gap_sim. */
	c->dkept = x->dkept;
	c->dtotal = x->dtotal;
	if (x->sim >= c->pair_threshold)
		cands_push(cs, c, i, i + 1, j, j + 1, x->kept, x->sim);
	if (x->sim < c->pair_threshold / 2 || x->kept == 0)
		return;
	/* One A segment against two or three B segments (a split). */
	best = gap_sim(c, x->sim);
	for (e = j + 2, lim = j + 3; e <= lim && e <= b1; e++) {
		more = e < b1 && lim < j + 3 + SHORT_SKIP &&
			short_line(c, c->b, &sb[e - 1]);
		r = e == j + 2 && !more ? single_gap_sim(c, single_of(t, i,
							  j + 1)) : -1;
		need = c->damp || best + SPLIT_GAIN < c->pair_threshold ?
			c->pair_threshold : best + SPLIT_GAIN;
		dneed = best + SPLIT_GAIN;
		if (r >= 0 && c->damp && r + SPLIT_GAIN > dneed)
			dneed = r + SPLIT_GAIN;
		else if (r >= 0 && !c->damp && r + SPLIT_GAIN > need)
			need = r + SPLIT_GAIN;
		s = pair_sim_gap(c, sa[i].u0, sa[i].u1, sb[j].u0,
				 sb[e - 1].u1, &kj, need, dneed);
		ds = gap_sim(c, s);
		if (s < c->pair_threshold || ds < best + SPLIT_GAIN) {
			if (more) {
				lim++;
				continue;
			}
			break;
		}
		if (r >= 0 ? ds < r + SPLIT_GAIN :
		    !first_joins(c, sa[i].u0, sa[i].u1, sb[j + 1].u0,
				 sb[e - 1].u1, ds))
			break;
		cands_push(cs, c, i, i + 1, j, e, kj, s);
		best = ds;
	}
	/* Two or three A segments against one B segment (a merge). */
	c->dkept = x->dkept;
	c->dtotal = x->dtotal;
	best = gap_sim(c, x->sim);
	for (e = i + 2, lim = i + 3; e <= lim && e <= a1; e++) {
		more = e < a1 && lim < i + 3 + SHORT_SKIP &&
			short_line(c, c->a, &sa[e - 1]);
		r = e == i + 2 && !more ? single_gap_sim(c, single_of(t, i + 1,
							  j)) : -1;
		need = c->damp || best + SPLIT_GAIN < c->pair_threshold ?
			c->pair_threshold : best + SPLIT_GAIN;
		dneed = best + SPLIT_GAIN;
		if (r >= 0 && c->damp && r + SPLIT_GAIN > dneed)
			dneed = r + SPLIT_GAIN;
		else if (r >= 0 && !c->damp && r + SPLIT_GAIN > need)
			need = r + SPLIT_GAIN;
		s = pair_sim_gap(c, sa[i].u0, sa[e - 1].u1, sb[j].u0,
				 sb[j].u1, &kj, need, dneed);
		ds = gap_sim(c, s);
		if (s < c->pair_threshold || ds < best + SPLIT_GAIN) {
			if (more) {
				lim++;
				continue;
			}
			break;
		}
		if (r >= 0 ? ds < r + SPLIT_GAIN :
		    !first_joins(c, sa[i + 1].u0, sa[e - 1].u1, sb[j].u0,
				 sb[j].u1, ds))
			break;
		cands_push(cs, c, i, e, j, j + 1, kj, s);
		best = ds;
	}
}

/*
 * Score the pairs (pairs[2k], pairs[2k + 1]) of a gap whose last
 * segments are a1 - 1 and b1 - 1, and the splits and merges starting
 * there, in two passes: the single pairs, then the joins, which the
 * single pairs' figures may spare a diff.  Candidates come out in the
 * order of the pairs, each pair's own first.
 */
static void
score_pairs(struct ctx *c, const struct seg *sa, uint32_t a1,
	    const struct seg *sb, uint32_t b1, const uint32_t *pairs,
	    size_t npairs, struct cands *cs)
{
	struct singles t;
	size_t k, p, cap = 4;

	while (cap < 2 * npairs)
		cap *= 2;
	t.v = xmalloc((npairs + 1) * sizeof *t.v);
	t.slot = xcalloc(cap, sizeof *t.slot);
	t.mask = cap - 1;
	t.n = npairs;
	for (k = 0; k < npairs; k++) {
		struct single *x = &t.v[k];

		x->i = pairs[2 * k];
		x->j = pairs[2 * k + 1];
		score_single(c, sa, a1, sb, b1, x);
		for (p = single_hash(x->i, x->j, t.mask); t.slot[p];
		     p = (p + 1) & t.mask)
			continue;
		t.slot[p] = (uint32_t)k + 1;
	}
	for (k = 0; k < npairs; k++)
		score_joins(c, sa, a1, sb, b1, &t.v[k], &t, cs);
	free(t.v);
	free(t.slot);
}

static int
cand_by_i0(const void *x, const void *y)
{
	const struct cand *p = x, *q = y;

	if (p->i0 != q->i0)
		return p->i0 < q->i0 ? -1 : 1;
	return p->j0 < q->j0 ? -1 : p->j0 > q->j0;
}

static int
idx_by_i1(const void *x, const void *y, void *arg)
{
	const struct cand *v = arg;
	uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;

	return v[p].i1 < v[q].i1 ? -1 : v[p].i1 > v[q].i1;
}

/*
 * The heaviest chain of candidates strictly increasing on both sides:
 * dp[k] = kept[k] + max dp[l] over l with i1[l] <= i0[k], j1[l] <= j0[k].
 * Sweeping k by i0 and inserting l by i1 into a Fenwick tree of maxima
 * indexed by j1 answers each max in O(log n).  Ties prefer the earlier
 * candidate, which keeps results deterministic.
 */
static size_t
heaviest_chain(struct cands *cs, uint32_t b0, uint32_t b1, uint32_t *chain)
{
	size_t n = cs->n, k, l = 0, len = 0, nb = b1 - b0 + 1;
	uint64_t *dp = xmalloc((n + 1) * sizeof *dp);
	uint32_t *from = xmalloc((n + 1) * sizeof *from);
	uint32_t *byi1 = xmalloc((n + 1) * sizeof *byi1);
	uint64_t *tv = xcalloc(nb + 1, sizeof *tv);
	uint32_t *ti = xmalloc((nb + 1) * sizeof *ti);
	uint64_t best = 0;
	uint32_t bestk = UINT32_MAX, x;

	qsort(cs->v, n, sizeof *cs->v, cand_by_i0);
	for (k = 0; k < n; k++)
		byi1[k] = (uint32_t)k;
	qsort_r(byi1, n, sizeof *byi1, idx_by_i1, cs->v);
	memset(ti, 0xff, (nb + 1) * sizeof *ti);
	for (k = 0; k < n; k++) {
		const struct cand *ck = &cs->v[k];
		uint64_t m = 0;
		uint32_t mi = UINT32_MAX;

		for (; l < n && cs->v[byi1[l]].i1 <= ck->i0; l++) {
			uint32_t q = byi1[l];

			for (x = cs->v[q].j1 - b0 + 1; x <= nb; x += x & -x)
				if (dp[q] > tv[x]) {
					tv[x] = dp[q];
					ti[x] = q;
				}
		}
		for (x = ck->j0 - b0 + 1; x > 0; x -= x & -x)
			if (tv[x] > m) {
				m = tv[x];
				mi = ti[x];
			}
		dp[k] = m + ck->score;
		from[k] = mi;
		if (dp[k] > best) {
			best = dp[k];
			bestk = (uint32_t)k;
		}
	}
	for (x = bestk; x != UINT32_MAX; x = from[x])
		len++;
	k = len;
	for (x = bestk; x != UINT32_MAX; x = from[x])
		chain[--k] = x;
	free(dp);
	free(from);
	free(byi1);
	free(tv);
	free(ti);
	return len;
}

/*
 * Should the stretch of na x nb segments that a gap of gna x gnb left
 * unpaired between two chosen pairs be paired again, on its own?  In a
 * big gap the candidates come from words rare in the whole gap, and a
 * long text has few of those: a chapter reworded in place may get no
 * candidate at all, be deleted and inserted at the same spot, and then
 * look like a move.  Inside the small stretch left between its
 * neighbours' pairs it is found.  Only stretches that are small enough
 * to score every pair, or at most half the gap each way, so that the
 * work stays near linear.
 */
static bool
regap(size_t gna, size_t gnb, size_t na, size_t nb)
{
	if (na == gna && nb == gnb)
		return false;
	return na * nb <= ALL_PAIRS_LIMIT || (2 * na <= gna && 2 * nb <= gnb);
}

/* Count the segments of one side of a gap each word occurs in. */
static void
gap_count(struct ctx *c, const struct doc *d, const struct seg *s,
	  uint32_t s0, uint32_t s1, int side)
{
	uint32_t k, u;

	for (k = s0; k < s1; k++)
		for (u = s[k].u0; u < s[k].u1; u++) {
			struct gapword *g = &c->dw[d->unit[u].fold];
			uint16_t *df = side ? &g->fb : &g->fa;

			if (g->gen != c->gapgen) {
				g->gen = c->gapgen;
				g->fa = g->fb = 0;
				g->seg = UINT32_MAX;
				g->num = d->tok[d->unit[u].tok].kind ==
					TOK_NUMBER;
			}
			if (g->seg != 2 * k + (uint32_t)side &&
			    *df < UINT16_MAX) {
				/* Only content words are ever weighed less. */
				if (++*df == 3 && c->weight[d->unit[u].strict]
				    == W_CONTENT)
					c->damp = true;
				g->seg = 2 * k + (uint32_t)side;
			}
		}
}

/*
 * Turn on gap_weight for the gap A [a0, a1), B [b0, b1), if any content
 * word there is in three segments of a side.
 */
static void
gap_damp(struct ctx *c, const struct seg *sa, uint32_t a0, uint32_t a1,
	 const struct seg *sb, uint32_t b0, uint32_t b1)
{
	if (c->dw == NULL)
		c->dw = xcalloc(c->nweight, sizeof *c->dw);
	c->gapgen++;
	c->damp = false;
	/* A word in three segments of a side needs three segments there. */
	if (a1 - a0 < 3 && b1 - b0 < 3)
		return;
	gap_count(c, c->a, sa, a0, a1, 0);
	gap_count(c, c->b, sb, b0, b1, 1);
}

bool
all_pairs_affordable(const struct seg *sa, uint32_t a0, uint32_t a1,
		     const struct seg *sb, uint32_t b0, uint32_t b1)
{
	uint64_t ua = 0, ub = 0, cost;
	uint32_t k;

	for (k = a0; k < a1; k++)
		ua += sa[k].u1 - sa[k].u0;
	for (k = b0; k < b1; k++)
		ub += sb[k].u1 - sb[k].u0;
	cost = (uint64_t)(b1 - b0) * ua + (uint64_t)(a1 - a0) * ub;
	return cost <= ALL_PAIRS_WORK || cost <= ALL_PAIRS_FACTOR * (ua + ub);
}

/*
 * Score the pairs of a gap, A [a0, a1) against B [b0, b1): every pair
 * when few, else those the rare-word index finds.
 */
static void
score_gap(struct ctx *c, const struct seg *sa, uint32_t a0, uint32_t a1,
	  const struct seg *sb, uint32_t b0, uint32_t b1, struct cands *cs)
{
	uint32_t *pairs;
	size_t npairs = 0;

	if ((size_t)(a1 - a0) * (b1 - b0) <= ALL_PAIRS_LIMIT &&
	    all_pairs_affordable(sa, a0, a1, sb, b0, b1)) {
		pairs = xmalloc(2 * (size_t)(a1 - a0) * (b1 - b0) *
				sizeof *pairs);
		for (uint32_t x = a0; x < a1; x++)
			for (uint32_t y = b0; y < b1; y++) {
				pairs[2 * npairs] = x;
				pairs[2 * npairs++ + 1] = y;
			}
	} else {
		index_pairs(c, sa, a0, a1, sb, b0, b1, &pairs, &npairs);
	}
	score_pairs(c, sa, a1, sb, b1, pairs, npairs, cs);
	free(pairs);
}

/*
 * The segments of one side of a gap, [s0, s1), that are no moved copy
 * (c->copya or copyb): their indexes in ix, the segments themselves in
 * cs.  Returns how many.
 */
static uint32_t
gap_rest(const struct seg *s, uint32_t s0, uint32_t s1, const bool *copy,
	 uint32_t *ix, struct seg *cs)
{
	uint32_t n = 0, k;

	for (k = s0; k < s1; k++)
		if (!copy[k]) {
			ix[n] = k;
			cs[n++] = s[k];
		}
	return n;
}

/*
 * Score the pairs of a gap, A [a0, a1) against B [b0, b1), that may hold
 * no moved copy (exact_copies): every pair of the rest when few, else
 * those the rare-word index finds among the rest.
 */
static void
score_rest(struct ctx *c, const struct seg *sa, uint32_t a0, uint32_t a1,
	   const struct seg *sb, uint32_t b0, uint32_t b1, struct cands *cs)
{
	uint32_t *ia = xmalloc((a1 - a0) * sizeof *ia);
	uint32_t *jb = xmalloc((b1 - b0) * sizeof *jb);
	struct seg *ra = xmalloc((a1 - a0) * sizeof *ra);
	struct seg *rb = xmalloc((b1 - b0) * sizeof *rb);
	uint32_t na, nb, *pairs;
	size_t k, npairs;

	na = gap_rest(sa, a0, a1, c->copya, ia, ra);
	nb = gap_rest(sb, b0, b1, c->copyb, jb, rb);
	if (na == 0 || nb == 0)
		goto out;
	/* The gap's weights count its copies too, as they did. */
	gap_damp(c, sa, a0, a1, sb, b0, b1);
	if ((size_t)na * nb <= ALL_PAIRS_LIMIT &&
	    all_pairs_affordable(ra, 0, na, rb, 0, nb)) {
		pairs = xmalloc(2 * (size_t)na * nb * sizeof *pairs);
		npairs = 0;
		for (uint32_t x = 0; x < na; x++)
			for (uint32_t y = 0; y < nb; y++) {
				pairs[2 * npairs] = x;
				pairs[2 * npairs++ + 1] = y;
			}
	} else {
		index_pairs(c, ra, 0, na, rb, 0, nb, &pairs, &npairs);
	}
	for (k = 0; k < npairs; k++) {
		pairs[2 * k] = ia[pairs[2 * k]];
		pairs[2 * k + 1] = jb[pairs[2 * k + 1]];
	}
	score_pairs(c, sa, a1, sb, b1, pairs, npairs, cs);
	free(pairs);
out:
	free(ia);
	free(jb);
	free(ra);
	free(rb);
}

/* Does the gap A [a0, a1), B [b0, b1) hold a moved copy? */
static bool
gap_has_copy(const struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0,
	     uint32_t b1)
{
	uint32_t k;

	if (c->copya == NULL)
		return false;
	for (k = a0; k < a1; k++)
		if (c->copya[k])
			return true;
	for (k = b0; k < b1; k++)
		if (c->copyb[k])
			return true;
	return false;
}

/*
 * Pair the segments of a gap, A [a0, a1) against B [b0, b1), appending
 * items in reading order.
 */
static void
pair_gap(struct ctx *c, const struct seg *sa, uint32_t a0, uint32_t a1,
	 const struct seg *sb, uint32_t b0, uint32_t b1, struct items *out)
{
	struct cands cs = { 0 };
	uint32_t *chain, i = a0, j = b0;
	size_t k, n;

	if (gap_has_copy(c, a0, a1, b0, b1)) {
		score_rest(c, sa, a0, a1, sb, b0, b1, &cs);
	} else {
		gap_damp(c, sa, a0, a1, sb, b0, b1);
		score_gap(c, sa, a0, a1, sb, b0, b1, &cs);
	}
	c->damp = false;
	chain = xmalloc((cs.n + 1) * sizeof *chain);
	n = cs.n ? heaviest_chain(&cs, b0, b1, chain) : 0;
	for (k = 0; k <= n; k++) {
		const struct cand *x = k < n ? &cs.v[chain[k]] : NULL;
		uint32_t ei = x ? x->i0 : a1, ej = x ? x->j0 : b1;

		if (i < ei && j < ej && regap(a1 - a0, b1 - b0, ei - i,
					      ej - j)) {
			pair_gap(c, sa, i, ei, sb, j, ej, out);
			i = ei;
			j = ej;
		}
		for (; i < ei; i++)
			items_push(out, ITEM_DELETE, i, i + 1, j, j, 0);
		for (; j < ej; j++)
			items_push(out, ITEM_INSERT, i, i, j, j + 1, 0);
		if (x) {
			items_push(out, ITEM_PAIR, x->i0, x->i1, x->j0, x->j1,
				   x->sim);
			i = x->i1;
			j = x->j1;
		}
	}
	free(chain);
	free(cs.v);
}

/*
 * An equal segment whose text occurs more than once on a side ("Selah.",
 * "Read more", a repeated line) and that no equal neighbour backs is no
 * anchor: the differ may have matched it with the wrong copy.  On a
 * reworded text, where little else is equal, one such match cut a gap at
 * the wrong place (a chapter of the Psalms lost thirty sentence pairs to
 * it, which came back as moves).  Left to the gap, it is paired there by
 * similarity, in order with the rest.
 */
static void
unanchor_repeats(const uint32_t *ka, size_t na, const uint32_t *kb,
		 size_t nb, uint32_t nkey, bool *del, bool *ins)
{
	uint8_t *ca = xcalloc(nkey + 1, 1), *cb = xcalloc(nkey + 1, 1);
	size_t i, j, pi = SIZE_MAX, pj = SIZE_MAX;

	for (i = 0; i < na; i++)
		ca[ka[i]] += ca[ka[i]] < 2;
	for (j = 0; j < nb; j++)
		cb[kb[j]] += cb[kb[j]] < 2;
	for (i = j = 0; i < na && j < nb;) {
		bool backed, next;

		if (del[i] || ins[j]) {
			i += del[i];
			j += ins[j];
			continue;
		}
		/* i and j matched: backed by the match before or after? */
		next = i + 1 < na && j + 1 < nb && !del[i + 1] && !ins[j + 1];
		backed = (pi != SIZE_MAX && pi + 1 == i && pj + 1 == j) ||
			next;
		pi = i;
		pj = j;
		if (!backed && (ca[ka[i]] > 1 || cb[kb[j]] > 1))
			del[i] = ins[j] = true;
		i++;
		j++;
	}
	free(ca);
	free(cb);
}

static int
u64_cmp(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return (a > b) - (a < b);
}

/*
 * Sort v[0, n) ascending, as qsort with u64_cmp would: a radix sort,
 * least significant byte first, passing over a byte all keys share.
 * exact_copies sorts up to NEAR_HASHES hashes a paragraph, and
 * qsort's calls to u64_cmp were 2% of the time of two translations of
 * a book compared and 3.5% of a shuffled text's.
 */
void
sort_u64(uint64_t *v, size_t n)
{
	uint64_t *tmp, *src = v, *dst, *t;
	size_t cnt[256], i, sum;
	unsigned d;

	if (n < 64) {
		qsort(v, n, sizeof *v, u64_cmp);
		return;
	}
	tmp = xmalloc(n * sizeof *tmp);
	dst = tmp;
	for (d = 0; d < 64; d += 8) {
		memset(cnt, 0, sizeof cnt);
		for (i = 0; i < n; i++)
			cnt[src[i] >> d & 0xff]++;
		if (cnt[src[0] >> d & 0xff] == n)
			continue;
		for (i = 0, sum = 0; i < 256; i++) {
			size_t c = cnt[i];

			cnt[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[cnt[src[i] >> d & 0xff]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof *v);
	free(tmp);
}

/* Does h occur twice or more in s[0, n), sorted? */
static bool
twice(const uint64_t *s, size_t n, uint64_t h)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo + 1 < n && s[lo] == h && s[lo + 1] == h;
}

/*
 * The hashes by which segment s of d may be a look-alike of another
 * (copies_alone), into h (at most NEAR_HASHES); returns how many: its
 * words, punctuation aside (words_hash), and of at least 8 words, its
 * first and last 4, and of at least 16, its first and last 8 (each kind
 * hashed from its own start, so kinds never meet).  One word edited in a
 * paragraph leaves its first or its last words as they were.  Of 2 to 8
 * words, its words but one, for each (as words_hash, so that they meet
 * the whole of one a word shorter; each once): one word replaced leaves
 * the others as they were.
 */
#define NEAR_HASHES	11

static size_t
near_hashes(const struct ctx *c, const struct doc *d, const struct seg *s,
	    uint64_t *h)
{
	static const unsigned len[2] = { 4, 8 };
	size_t n, nh = 0, i, k;
	uint32_t u;

	h[nh++] = words_hash(c, d, s, &n);
	for (i = 0; i < 2 && n >= 2 * len[i]; i++) {
		uint64_t pre = hash_start(1 + 2 * i), suf = hash_start(2 + 2 * i);

		for (u = s->u0, k = 0; k < len[i]; u++)
			if (c->weight[d->unit[u].strict] != W_PUNCT) {
				pre = hash_add(pre, d->unit[u].fold);
				k++;
			}
		for (u = s->u1, k = 0; k < len[i]; u--)
			if (c->weight[d->unit[u - 1].strict] != W_PUNCT) {
				suf = hash_add(suf, d->unit[u - 1].fold);
				k++;
			}
		h[nh++] = hash_end(pre);
		h[nh++] = hash_end(suf);
	}
	for (i = 0; n >= 2 && n <= 8 && i < n; i++) {
		uint64_t but = hash_start(0), x;
		size_t j;

		for (u = s->u0, k = 0; u < s->u1; u++)
			if (c->weight[d->unit[u].strict] != W_PUNCT &&
			    k++ != i)
				but = hash_add(but, d->unit[u].fold);
		x = hash_end(but);
		for (j = 0; j < nh && h[j] != x; j++)
			continue;
		if (j == nh)
			h[nh++] = x;
	}
	return nh;
}

/*
 * Unmark the moved copies, of either side's rest (ra, n and rb, m,
 * indexed by ia and ib), that have a look-alike: another segment of A
 * or B with their words, punctuation aside, or with their first or last
 * words (near_hashes).  A copy elsewhere is then no proof of a move: a
 * paragraph kept in place with a comma added, or a word, pairs as well
 * (issue 15: 3556ccd made it a move to its copy, the kept one new, and
 * an inserted "not" hid inside that new paragraph).  A hash that
 * collides only leaves a copy to the gap, as before.
 */
static void
copies_alone(const struct ctx *c, const struct seg *ra, size_t n,
	     const uint32_t *ia, const struct seg *rb, size_t m,
	     const uint32_t *ib, bool *xa, bool *xb)
{
	uint64_t *ha = xmalloc((n + 1) * NEAR_HASHES * sizeof *ha);
	uint64_t *hb = xmalloc((m + 1) * NEAR_HASHES * sizeof *hb);
	uint64_t *sa = xmalloc((n + 1) * NEAR_HASHES * sizeof *sa);
	uint64_t *sb = xmalloc((m + 1) * NEAR_HASHES * sizeof *sb);
	uint8_t *nha = xmalloc(n + 1), *nhb = xmalloc(m + 1);
	size_t k, i, ns = 0, ms = 0;

	for (k = 0; k < n; k++) {
		nha[k] = (uint8_t)near_hashes(c, c->a, &ra[k],
					      &ha[k * NEAR_HASHES]);
		for (i = 0; i < nha[k]; i++)
			sa[ns++] = ha[k * NEAR_HASHES + i];
	}
	for (k = 0; k < m; k++) {
		nhb[k] = (uint8_t)near_hashes(c, c->b, &rb[k],
					      &hb[k * NEAR_HASHES]);
		for (i = 0; i < nhb[k]; i++)
			sb[ms++] = hb[k * NEAR_HASHES + i];
	}
	sort_u64(sa, ns);
	sort_u64(sb, ms);
	for (k = 0; k < n; k++)
		for (i = 0; xa[ia[k]] && i < nha[k]; i++) {
			uint64_t h = ha[k * NEAR_HASHES + i];

			if (twice(sa, ns, h) || twice(sb, ms, h))
				xa[ia[k]] = false;
		}
	for (k = 0; k < m; k++)
		for (i = 0; xb[ib[k]] && i < nhb[k]; i++) {
			uint64_t h = hb[k * NEAR_HASHES + i];

			if (twice(sa, ns, h) || twice(sb, ms, h))
				xb[ib[k]] = false;
		}
	free(ha);
	free(hb);
	free(sa);
	free(sb);
	free(nha);
	free(nhb);
}

/*
 * Which paragraphs are moved copies: on entry xa and xb mark the
 * segments to leave out (the anchors); on return, the segments with
 * words whose fold keys occur exactly once among the rest of A and once
 * among the rest of B.  One that the equal segments of its stretch
 * between anchors do not take (match_level) was moved: pairing it by
 * similarity with another segment of its gap would be wrong, and
 * scoring it against the whole gap is most of the work when every
 * paragraph was moved.  Left deleted or inserted, it becomes a move
 * (find_moves) or, with its copy in the same stretch, a pair.
 * Repeated segments, and those with a look-alike (copies_alone: the
 * same words with other punctuation, or the same first or last words),
 * are left to the gap, as before.  The rest's keys
 * (seg_keys) go to ka and kb; returns their bound.
 */
uint32_t
exact_copies(const struct ctx *c, const struct seg *sa, size_t na,
	     const struct seg *sb, size_t nb, bool *xa, bool *xb,
	     uint32_t *ka, uint32_t *kb)
{
	struct seg *ra = xmalloc((na + 1) * sizeof *ra);
	struct seg *rb = xmalloc((nb + 1) * sizeof *rb);
	uint32_t *ia = xmalloc((na + 1) * sizeof *ia);
	uint32_t *ib = xmalloc((nb + 1) * sizeof *ib);
	uint32_t *rka, *rkb, nkey, n = 0, m = 0;
	uint8_t *ca, *cb;
	size_t k, ncopy = 0;

	for (k = 0; k < na; k++)
		if (!xa[k]) {
			ia[n] = (uint32_t)k;
			ra[n++] = sa[k];
		}
	for (k = 0; k < nb; k++)
		if (!xb[k]) {
			ib[m] = (uint32_t)k;
			rb[m++] = sb[k];
		}
	memset(xa, 0, na * sizeof *xa);
	memset(xb, 0, nb * sizeof *xb);
	rka = xmalloc((n + 1) * sizeof *rka);
	rkb = xmalloc((m + 1) * sizeof *rkb);
	nkey = seg_keys(c, ra, n, rb, m, rka, rkb);
	ca = xcalloc(nkey + 1, 1);
	cb = xcalloc(nkey + 1, 1);
	for (k = 0; k < n; k++)
		ca[rka[k]] += ca[rka[k]] < 2;
	for (k = 0; k < m; k++)
		cb[rkb[k]] += cb[rkb[k]] < 2;
	for (k = 0; k < n; k++) {
		xa[ia[k]] = ca[rka[k]] == 1 && cb[rka[k]] == 1 &&
			ra[k].u1 > ra[k].u0;
		ka[ia[k]] = rka[k];
	}
	for (k = 0; k < m; k++) {
		xb[ib[k]] = ca[rkb[k]] == 1 && cb[rkb[k]] == 1 &&
			rb[k].u1 > rb[k].u0;
		kb[ib[k]] = rkb[k];
		ncopy += xb[ib[k]];
	}
	if (ncopy > 0)
		copies_alone(c, ra, n, ia, rb, m, ib, xa, xb);
	free(ra);
	free(rb);
	free(ia);
	free(ib);
	free(rka);
	free(rkb);
	free(ca);
	free(cb);
	return nkey;
}

/*
 * The keys of segments [0, na) and [0, nb) of a stretch between anchors,
 * from those exact_copies gave them (c->keya, c->keyb), numbered densely
 * again in order of first sight: equal exactly where seg_keys would make
 * them equal.  Returns their bound.
 */
static uint32_t
stretch_keys(struct ctx *c, size_t na, size_t nb, uint32_t *ka,
	     uint32_t *kb)
{
	uint32_t next = 1;
	size_t k;

	if (c->kseen == NULL)
		c->kseen = xcalloc(c->nkey + 1, sizeof *c->kseen);
	if (++c->kgen == 0) {
		memset(c->kseen, 0, (c->nkey + 1) * sizeof *c->kseen);
		c->kgen = 1;
	}
	for (k = 0; k < na + nb; k++) {
		uint32_t g = k < na ? c->keya[k] : c->keyb[k - na];
		struct keymap *x = &c->kseen[g];

		if (x->gen != c->kgen) {
			x->gen = c->kgen;
			x->num = next++;
		}
		if (k < na)
			ka[k] = x->num;
		else
			kb[k - na] = x->num;
	}
	return next;
}

/*
 * Match segments sa[0 .. na-1] against sb[0 .. nb-1]: equal ones first,
 * then the gaps by similarity.  Items come out in reading order.
 */
void
match_level(struct ctx *c, const struct seg *sa, size_t na,
	    const struct seg *sb, size_t nb, struct items *out)
{
	uint32_t *ka = xmalloc((na + 1) * sizeof *ka);
	uint32_t *kb = xmalloc((nb + 1) * sizeof *kb);
	bool *del = xcalloc(na + 1, sizeof *del);
	bool *ins = xcalloc(nb + 1, sizeof *ins);
	uint32_t nkey, i = 0, j = 0, gi, gj;

	if (c->keya != NULL)
		nkey = stretch_keys(c, na, nb, ka, kb);
	else
		nkey = seg_keys(c, sa, na, sb, nb, ka, kb);
	seqmatch(ka, na, kb, nb, nkey, del, ins, NULL);
	unanchor_repeats(ka, na, kb, nb, nkey, del, ins);
	while (i < na || j < nb) {
		if (i < na && j < nb && !del[i] && !ins[j]) {
			items_push(out, ITEM_EQUAL, i, i + 1, j, j + 1, 1);
			i++;
			j++;
			continue;
		}
		gi = i;
		gj = j;
		while (i < na && del[i])
			i++;
		while (j < nb && ins[j])
			j++;
		if (gi == i)
			for (; gj < j; gj++)
				items_push(out, ITEM_INSERT, i, i, gj, gj + 1, 0);
		else if (gj == j)
			for (; gi < i; gi++)
				items_push(out, ITEM_DELETE, gi, gi + 1, j, j, 0);
		else
			pair_gap(c, sa, gi, i, sb, gj, j, out);
	}
	free(ka);
	free(kb);
	free(del);
	free(ins);
}
