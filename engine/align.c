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
 * Every heuristic here may make the result less minimal than a plain
 * diff, never wrong: each block's operations always cover both sides'
 * units exactly and in order, and equal operations only ever join units
 * with equal fold keys.
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "diffseq.h"
#include "xalloc.h"

#define DEFAULT_PAIR_THRESHOLD	0.2
#define DEFAULT_MOVE_THRESHOLD	0.4

/* Joining segments must raise the similarity by this much (absolute). */
#define SPLIT_GAIN		0.08
/* Gaps with at most this many pairs are scored exhaustively. */
#define ALL_PAIRS_LIMIT		1024
/* Otherwise each segment gets at most this many candidates... */
#define INDEX_CANDIDATES	4
/* ... found through words occurring at most this often in the gap. */
#define INDEX_MAX_DF		8
/* Equal runs with more content words than this are never cleaned up. */
#define STRAY_WORDS		2
/* Sequences longer than this get patience anchors before Myers. */
#define PATIENCE_MIN		2000
/*
 * Segments with more words than this (both sides) are compared for
 * pairing by a diff whose search is capped lower (SIM_COST): a long
 * paragraph rewritten word for word would otherwise cost each candidate
 * pair a long search, and a gap holds thousands of candidates.  The
 * similarity found is then at worst lower than the true one (the diff
 * settles for a longer script), never higher.
 */
#define SIM_LONG		400
#define SIM_COST		32

static const struct diffseq_opts sim_opts = { SIM_COST };

/* Word weights: see the top comment and align.h. */
#define W_PUNCT		ALIGN_W_PUNCT
#define W_FUNCTION	ALIGN_W_FUNCTION
#define W_CONTENT	ALIGN_W_CONTENT
#define W_UNKNOWN	0xff

enum item_kind { ITEM_EQUAL, ITEM_PAIR, ITEM_DELETE, ITEM_INSERT };

/* One result of match_level: segments [i0, i1) of A against [j0, j1) of B. */
struct item {
	uint32_t i0, i1, j0, j1;
	uint8_t kind;
	float sim;
};

struct items {
	struct item *v;
	size_t n, cap;
};

/* A segment is a range of comparison units. */
struct seg {
	uint32_t u0, u1;
};

/* A change run of a block: equal, or a change (deleted + inserted). */
struct run {
	uint32_t a0, a1, b0, b1;
	bool eq;
};

struct runs {
	struct run *v;
	size_t n, cap;
};

struct ctx {
	const struct doc *a, *b;
	double pair_threshold, move_threshold;
	/*
	 * By strict id: units with the same fold key may weigh differently
	 * ("%" and "per cent"), and a weight kept by fold id would be that
	 * of whichever came first, which must not depend on what else the
	 * docs hold (lazy.h).  nweight bounds fold ids as well.
	 */
	uint8_t *weight;
	uint32_t nweight;
	struct alignment *al;
	size_t capblock, capop;
	/* scratch for pair_sim */
	uint32_t *sa, *sb;
	uint8_t *wa, *wb;
	bool *da, *ib;
	size_t capsa, capsb, capda, capib;
	uint32_t *stamp, gen;	/* by fold id: in the B side of pair_sim */
};

/* --- word weights -------------------------------------------------------- */

/* Function words of English news prose, sorted for bsearch. */
static const char *const function_words[] = {
	"a", "about", "after", "all", "also", "an", "and", "any", "are", "as",
	"at", "be", "been", "being", "but", "by", "can", "could", "did", "do",
	"does", "for", "from", "had", "has", "have", "he", "her", "his", "if",
	"in", "into", "is", "it", "its", "may", "more", "most", "not", "of",
	"on", "one", "or", "our", "out", "over", "said", "says", "she", "so",
	"some", "than", "that", "the", "their", "them", "there", "these",
	"they", "this", "those", "to", "up", "was", "we", "were", "what",
	"when", "which", "while", "who", "will", "with", "would",
};

static int
cmp_word(const void *k, const void *e)
{
	return strcmp(k, *(const char *const *)e);
}

static uint8_t
unit_weight_of(const struct doc *d, const struct unit *u)
{
	const struct token *t = &d->tok[u->tok];
	const unsigned char *s = d->text->data + t->off;
	char low[16];
	size_t i, len = t->len;

	if (u->ntok > 1 || t->kind == TOK_PARA)
		return W_CONTENT;	/* a joined equivalence: "per cent" */
	if (t->kind == TOK_NUMBER)
		return W_CONTENT;
	if (t->kind != TOK_WORD)
		return t->kind == TOK_SYMBOL ? W_FUNCTION : W_PUNCT;
	if (len <= 1)
		return W_FUNCTION;
	if (len >= sizeof low)
		return W_CONTENT;
	for (i = 0; i < len; i++) {
		if (s[i] >= 0x80)
			return W_CONTENT;
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	}
	low[len] = '\0';
	if (bsearch(low, function_words,
		    sizeof function_words / sizeof function_words[0],
		    sizeof function_words[0], cmp_word) != NULL)
		return W_FUNCTION;
	return W_CONTENT;
}

unsigned
align_unit_weight(const struct doc *d, uint32_t unit)
{
	return unit_weight_of(d, &d->unit[unit]);
}

static void
weights_init(struct ctx *c)
{
	const struct doc *ds[2] = { c->a, c->b };
	uint32_t maxid = 0;
	size_t i;
	int s;

	for (s = 0; s < 2; s++)
		for (i = 0; i < ds[s]->nunit; i++) {
			if (ds[s]->unit[i].fold > maxid)
				maxid = ds[s]->unit[i].fold;
			if (ds[s]->unit[i].strict > maxid)
				maxid = ds[s]->unit[i].strict;
		}
	c->nweight = maxid + 1;
	c->weight = xmalloc(c->nweight);
	memset(c->weight, W_UNKNOWN, c->nweight);
	for (s = 0; s < 2; s++)
		for (i = 0; i < ds[s]->nunit; i++) {
			const struct unit *u = &ds[s]->unit[i];

			if (c->weight[u->strict] == W_UNKNOWN)
				c->weight[u->strict] = unit_weight_of(ds[s], u);
		}
}

static unsigned
weight_sum(const struct ctx *c, const struct doc *d, uint32_t u0, uint32_t u1)
{
	unsigned w = 0;

	for (; u0 < u1; u0++)
		w += c->weight[d->unit[u0].strict];
	return w;
}

/* --- seqmatch: patience anchors, then Myers between them ------------------ */

/*
 * Longest increasing subsequence of v[0 .. n-1] (distinct values), by
 * patience sorting; stores the chosen indexes in order in out and returns
 * how many.
 */
static size_t
lis(const uint32_t *v, size_t n, uint32_t *out)
{
	uint32_t *tail = xmalloc((n + 1) * sizeof *tail);
	uint32_t *prev = xmalloc((n + 1) * sizeof *prev);
	size_t len = 0, i, k;

	for (i = 0; i < n; i++) {
		size_t lo = 0, hi = len;

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (v[tail[mid]] < v[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo > 0 ? tail[lo - 1] : UINT32_MAX;
		tail[lo] = (uint32_t)i;
		if (lo == len)
			len++;
	}
	k = len;
	if (len > 0)
		for (i = tail[len - 1]; i != UINT32_MAX; i = prev[i])
			out[--k] = (uint32_t)i;
	free(tail);
	free(prev);
	return len;
}

/*
 * Mark del/ins for a against b (ids below `nid`).  Long sequences are cut
 * at anchors first: ids occurring exactly once on each side, in the
 * longest order-preserving chain.  Contract: a valid edit script, minimal
 * when no anchors are used.
 */
static void
seqmatch(const uint32_t *a, size_t n, const uint32_t *b, size_t m,
	 uint32_t nid, bool *del, bool *ins, const struct diffseq_opts *dopts)
{
	uint32_t *ca, *cb, *pa, *pos, *pick;
	size_t i, k, np, na, pi, pj;

	if (n + m < PATIENCE_MIN || n == 0 || m == 0) {
		diffseq(a, n, b, m, del, ins, dopts);
		return;
	}
	ca = xcalloc(nid, sizeof *ca);
	cb = xcalloc(nid, sizeof *cb);
	pa = xmalloc(nid * sizeof *pa);
	for (i = 0; i < n; i++)
		if (ca[a[i]]++ == 0)
			pa[a[i]] = (uint32_t)i;
	for (i = 0; i < m; i++)
		cb[b[i]]++;
	/* Unique-in-both ids, in B order, with their A positions. */
	pos = xmalloc((m + 1) * sizeof *pos);
	np = 0;
	for (i = 0; i < m; i++)
		if (ca[b[i]] == 1 && cb[b[i]] == 1)
			pos[np++] = (uint32_t)i;
	{
		uint32_t *apos = xmalloc((np + 1) * sizeof *apos);

		for (k = 0; k < np; k++)
			apos[k] = pa[b[pos[k]]];
		pick = xmalloc((np + 1) * sizeof *pick);
		na = lis(apos, np, pick);
		/* pick[] indexes pos[]/apos[]; turn them into (A, B) pairs. */
		for (k = 0; k < na; k++) {
			uint32_t j = pos[pick[k]];

			pick[k] = apos[pick[k]];
			pos[k] = j;
		}
		free(apos);
	}
	free(ca);
	free(cb);
	free(pa);
	/* Myers between consecutive anchors. */
	pi = pj = 0;
	for (k = 0; k <= na; k++) {
		size_t ei = k < na ? pick[k] : n, ej = k < na ? pos[k] : m;

		diffseq(a + pi, ei - pi, b + pj, ej - pj, del + pi, ins + pj,
			dopts);
		if (k < na) {
			del[ei] = false;
			ins[ej] = false;
			pi = ei + 1;
			pj = ej + 1;
		}
	}
	free(pos);
	free(pick);
}

/* --- paragraphs equal byte for byte ------------------------------------ */

/* Are paragraph i of a and j of b the same bytes? */
static bool
para_same(const struct doc *a, size_t i, const struct doc *b, size_t j)
{
	const struct para *p = &a->para[i], *q = &b->para[j];

	return p->hash == q->hash && p->end - p->start == q->end - q->start &&
	    memcmp(a->text->data + p->start, b->text->data + q->start,
		   p->end - p->start) == 0;
}

size_t
align_para_anchors(const struct doc *a, const struct doc *b, uint32_t **out)
{
	size_t na = a->npara, nb = b->npara, cap = 16, i, k, np, n, m;
	/*
	 * Per distinct hash of A: how often on each side (0, 1, or 2 for
	 * more) and where in A.  Hashes only in B need no slot.
	 */
	struct hslot {
		uint64_t hash;
		uint32_t pos;
		uint16_t ca, cb;
	} *tab;
	uint32_t *pos, *apos, *pick, *pairs;
	size_t p, pi, pj;

	*out = NULL;
	if (na == 0 || nb == 0)
		return 0;
	while (cap < na + na / 2)
		cap *= 2;
	tab = xcalloc(cap, sizeof *tab);
	for (i = 0; i < na; i++) {
		uint64_t h = a->para[i].hash;

		for (p = (size_t)h & (cap - 1); tab[p].ca && tab[p].hash != h;
		     p = (p + 1) & (cap - 1))
			continue;
		if (tab[p].ca == 0) {
			tab[p].hash = h;
			tab[p].pos = (uint32_t)i;
		}
		if (tab[p].ca < 2)
			tab[p].ca++;
	}
	/* Count B's paragraphs; then keep the unique ones in B order. */
	pos = xmalloc((nb + 1) * sizeof *pos);
	for (i = 0; i < nb; i++) {
		uint64_t h = b->para[i].hash;

		for (p = (size_t)h & (cap - 1); tab[p].ca && tab[p].hash != h;
		     p = (p + 1) & (cap - 1))
			continue;
		pos[i] = (uint32_t)p;
		if (tab[p].ca && tab[p].cb < 2)
			tab[p].cb++;
	}
	apos = xmalloc((nb + 1) * sizeof *apos);
	np = 0;
	for (i = 0; i < nb; i++) {
		const struct hslot *t = &tab[pos[i]];

		if (t->ca == 1 && t->cb == 1 && para_same(a, t->pos, b, i)) {
			pos[np] = (uint32_t)i;
			apos[np++] = t->pos;
		}
	}
	free(tab);
	pick = xmalloc((np + 1) * sizeof *pick);
	n = lis(apos, np, pick);

	/*
	 * The chain, each anchor extended forwards and backwards over
	 * paragraphs equal byte for byte, up to its neighbours.
	 */
	pairs = xmalloc((2 * (na < nb ? na : nb) + 2) * sizeof *pairs);
	m = 0;
	pi = pj = 0;
	for (k = 0; k <= n; k++) {
		size_t ei = k < n ? apos[pick[k]] : na;
		size_t ej = k < n ? pos[pick[k]] : nb;
		size_t fi = pi, fj = pj, bi = ei, bj = ej;

		/* Forwards from the previous anchor... */
		while (fi < ei && fj < ej && para_same(a, fi, b, fj))
			fi++, fj++;
		/* ... and backwards from this one. */
		while (bi > fi && bj > fj && para_same(a, bi - 1, b, bj - 1))
			bi--, bj--;
		for (; pi < fi; pi++, pj++) {
			pairs[2 * m] = (uint32_t)pi;
			pairs[2 * m++ + 1] = (uint32_t)pj;
		}
		for (pi = bi, pj = bj; pi < ei; pi++, pj++) {
			pairs[2 * m] = (uint32_t)pi;
			pairs[2 * m++ + 1] = (uint32_t)pj;
		}
		if (k < n) {
			pairs[2 * m] = (uint32_t)ei;
			pairs[2 * m++ + 1] = (uint32_t)ej;
			pi = ei + 1;
			pj = ej + 1;
		}
	}
	free(pos);
	free(apos);
	free(pick);
	*out = pairs;
	return m;
}

/* --- segment keys ---------------------------------------------------------- */

static uint64_t
fold_hash(const struct doc *d, const struct seg *s)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (s->u1 - s->u0);
	uint32_t u;

	for (u = s->u0; u < s->u1; u++) {
		h ^= d->unit[u].fold;
		h *= 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	return h;
}

static bool
seg_equal(const struct doc *da, const struct seg *x, const struct doc *db,
	  const struct seg *y)
{
	uint32_t k;

	if (x->u1 - x->u0 != y->u1 - y->u0)
		return false;
	for (k = 0; k < x->u1 - x->u0; k++)
		if (da->unit[x->u0 + k].fold != db->unit[y->u0 + k].fold)
			return false;
	return true;
}

/*
 * Give every segment of both sides a key in 1..K, equal exactly when the
 * fold-key sequences are equal.  Returns K + 1.
 */
static uint32_t
seg_keys(const struct ctx *c, const struct seg *sa, size_t na,
	 const struct seg *sb, size_t nb, uint32_t *ka, uint32_t *kb)
{
	size_t cap = 16, i, total = na + nb;
	/* 12 bytes a slot, at most two thirds full: this table is alive
	 * while both documents are, at the peak of memory use. */
	struct slot {
		uint32_t tag;		/* the hash's low bits */
		uint32_t key;
		uint32_t side_idx;	/* side << 31 | index */
	} *tab;
	uint32_t next = 1;

	while (cap < total + total / 2)
		cap *= 2;
	tab = xcalloc(cap, sizeof *tab);
	for (i = 0; i < total; i++) {
		int side = i >= na;
		size_t idx = side ? i - na : i;
		const struct doc *d = side ? c->b : c->a;
		const struct seg *s = side ? &sb[idx] : &sa[idx];
		uint64_t h = fold_hash(d, s);
		size_t p = (size_t)h & (cap - 1);
		uint32_t key = 0;

		for (; tab[p].key != 0; p = (p + 1) & (cap - 1)) {
			int os = tab[p].side_idx >> 31;
			size_t oi = tab[p].side_idx & 0x7fffffff;

			if (tab[p].tag == (uint32_t)h &&
			    seg_equal(os ? c->b : c->a, os ? &sb[oi] : &sa[oi],
				      d, s)) {
				key = tab[p].key;
				break;
			}
		}
		if (key == 0) {
			key = next++;
			tab[p].tag = (uint32_t)h;
			tab[p].key = key;
			tab[p].side_idx = (uint32_t)((unsigned)side << 31 | idx);
		}
		if (side)
			kb[idx] = key;
		else
			ka[idx] = key;
	}
	free(tab);
	return next;
}

/* --- similarity ------------------------------------------------------------ */

static void
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

/*
 * Load the weighted (non-punctuation) units of d[u0, u1) into *ids and
 * their weights into *ws.  Returns the count; *total gets the weight sum.
 */
static size_t
load_words(const struct ctx *c, const struct doc *d, uint32_t u0,
	   uint32_t u1, uint32_t **ids, uint8_t **ws, size_t *cap,
	   unsigned *total)
{
	size_t n = 0;

	*total = 0;
	if ((size_t)(u1 - u0) > *cap) {
		*cap = u1 - u0;
		*ids = xreallocarray(*ids, *cap, sizeof **ids);
		*ws = xreallocarray(*ws, *cap, 1);
	}
	for (; u0 < u1; u0++) {
		uint32_t f = d->unit[u0].fold;
		uint8_t w = c->weight[d->unit[u0].strict];

		if (w == W_PUNCT)
			continue;
		(*ids)[n] = f;
		(*ws)[n++] = w;
		*total += w;
	}
	return n;
}

/*
 * Similarity of A units [a0, a1) and B units [b0, b1): the weight of the
 * words a diff keeps, on both sides, over the weight of both.  *kept gets
 * the kept weight (both sides: "%" and "per cent" may weigh differently,
 * and counting one side only could make the similarity pass 1).  Two segments without words are equal (1.0) if both are empty.
 * A caller that only wants to know whether it reaches `need` (0: it
 * wants the figure) gets 0, kept 0, when a quick bound says it cannot.
 */
static double
pair_sim(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1,
	 unsigned *kept, double need)
{
	unsigned ta, tb, k = 0;
	size_t n, m, i;

	n = load_words(c, c->a, a0, a1, &c->sa, &c->wa, &c->capsa, &ta);
	m = load_words(c, c->b, b0, b1, &c->sb, &c->wb, &c->capsb, &tb);
	*kept = 0;
	if (ta + tb == 0)
		return n == 0 && m == 0 && a1 - a0 == b1 - b0 ? 1.0 : 0.0;
	if (n == 0 || m == 0)
		return 0.0;
	if (need > 0) {
		/*
		 * What a diff could keep at most: the words of A whose key
		 * B has at all.  Below what the caller needs, the diff
		 * need not run.
		 */
		if (c->stamp == NULL)
			c->stamp = xcalloc(c->nweight, sizeof *c->stamp);
		if (c->gen >= UINT32_MAX - 2) {
			memset(c->stamp, 0, c->nweight * sizeof *c->stamp);
			c->gen = 0;
		}
		c->gen += 2;
		for (i = 0; i < m; i++)
			c->stamp[c->sb[i]] = c->gen;
		for (i = 0; i < n; i++)
			if (c->stamp[c->sa[i]] >= c->gen) {
				k += c->wa[i];
				c->stamp[c->sa[i]] = c->gen + 1;
			}
		for (i = 0; i < m; i++)
			if (c->stamp[c->sb[i]] == c->gen + 1)
				k += c->wb[i];
		if ((double)k / (ta + tb) < need)
			return 0.0;
		k = 0;
	}
	c->da = xgrow(c->da, &c->capda, n, sizeof *c->da);
	c->ib = xgrow(c->ib, &c->capib, m, sizeof *c->ib);
	seqmatch(c->sa, n, c->sb, m, c->nweight, c->da, c->ib,
		 n + m > SIM_LONG ? &sim_opts : NULL);
	for (i = 0; i < n; i++)
		if (!c->da[i])
			k += c->wa[i];
	for (i = 0; i < m; i++)
		if (!c->ib[i])
			k += c->wb[i];
	*kept = k;
	return (double)k / (ta + tb);
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
cands_push(struct cands *cs, double t, uint32_t i0, uint32_t i1, uint32_t j0,
	   uint32_t j1, unsigned kept, double sim)
{
	struct cand *x;
	double a = t / (1 - t), w = sim > 0 ? kept / sim : 0;
	double score = kept * (1 + a) - a * w;

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
static void
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

/* Score pair (i, j) and the splits and merges starting there. */
static void
score_pair(struct ctx *c, const struct seg *sa, uint32_t a1,
	   const struct seg *sb, uint32_t b1, uint32_t i, uint32_t j,
	   struct cands *cs)
{
	unsigned kept, kj;
	double sim, s, best;
	uint32_t e;

	sim = pair_sim(c, sa[i].u0, sa[i].u1, sb[j].u0, sb[j].u1, &kept,
		       c->pair_threshold / 2);
	if (sim >= c->pair_threshold)
		cands_push(cs, c->pair_threshold, i, i + 1, j, j + 1, kept, sim);
	if (sim < c->pair_threshold / 2 || kept == 0)
		return;
	/* One A segment against two or three B segments (a split). */
	best = sim;
	for (e = j + 2; e <= j + 3 && e <= b1; e++) {
		s = pair_sim(c, sa[i].u0, sa[i].u1, sb[j].u0, sb[e - 1].u1,
			     &kj, best + SPLIT_GAIN > c->pair_threshold ?
			     best + SPLIT_GAIN : c->pair_threshold);
		if (s < c->pair_threshold || s < best + SPLIT_GAIN)
			break;
		cands_push(cs, c->pair_threshold, i, i + 1, j, e, kj, s);
		best = s;
	}
	/* Two or three A segments against one B segment (a merge). */
	best = sim;
	for (e = i + 2; e <= i + 3 && e <= a1; e++) {
		s = pair_sim(c, sa[i].u0, sa[e - 1].u1, sb[j].u0, sb[j].u1,
			     &kj, best + SPLIT_GAIN > c->pair_threshold ?
			     best + SPLIT_GAIN : c->pair_threshold);
		if (s < c->pair_threshold || s < best + SPLIT_GAIN)
			break;
		cands_push(cs, c->pair_threshold, i, e, j, j + 1, kj, s);
		best = s;
	}
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
 * Pair the segments of a gap, A [a0, a1) against B [b0, b1), appending
 * items in reading order.
 */
static void
pair_gap(struct ctx *c, const struct seg *sa, uint32_t a0, uint32_t a1,
	 const struct seg *sb, uint32_t b0, uint32_t b1, struct items *out)
{
	struct cands cs = { 0 };
	uint32_t *chain, i = a0, j = b0, *pairs;
	size_t k, n, npairs;

	if ((size_t)(a1 - a0) * (b1 - b0) <= ALL_PAIRS_LIMIT) {
		for (uint32_t x = a0; x < a1; x++)
			for (uint32_t y = b0; y < b1; y++)
				score_pair(c, sa, a1, sb, b1, x, y, &cs);
	} else {
		index_pairs(c, sa, a0, a1, sb, b0, b1, &pairs, &npairs);
		for (k = 0; k < npairs; k++)
			score_pair(c, sa, a1, sb, b1, pairs[2 * k],
				   pairs[2 * k + 1], &cs);
		free(pairs);
	}
	chain = xmalloc((cs.n + 1) * sizeof *chain);
	n = cs.n ? heaviest_chain(&cs, b0, b1, chain) : 0;
	for (k = 0; k <= n; k++) {
		const struct cand *x = k < n ? &cs.v[chain[k]] : NULL;
		uint32_t ei = x ? x->i0 : a1, ej = x ? x->j0 : b1;

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
 * Match segments sa[0 .. na-1] against sb[0 .. nb-1]: equal ones first,
 * then the gaps by similarity.  Items come out in reading order.
 */
static void
match_level(struct ctx *c, const struct seg *sa, size_t na,
	    const struct seg *sb, size_t nb, struct items *out)
{
	uint32_t *ka = xmalloc((na + 1) * sizeof *ka);
	uint32_t *kb = xmalloc((nb + 1) * sizeof *kb);
	bool *del = xcalloc(na + 1, sizeof *del);
	bool *ins = xcalloc(nb + 1, sizeof *ins);
	uint32_t nkey, i = 0, j = 0, gi, gj;

	nkey = seg_keys(c, sa, na, sb, nb, ka, kb);
	seqmatch(ka, na, kb, nb, nkey, del, ins, NULL);
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

/* --- word runs and their clean-up ------------------------------------------ */

static void
runs_push(struct runs *rs, bool eq, uint32_t a0, uint32_t a1, uint32_t b0,
	  uint32_t b1)
{
	struct run *last = rs->n ? &rs->v[rs->n - 1] : NULL;

	if (a0 == a1 && b0 == b1)
		return;
	/* Adjacent runs of the same kind merge. */
	if (last && last->eq == eq && last->a1 == a0 && last->b1 == b0) {
		last->a1 = a1;
		last->b1 = b1;
		return;
	}
	rs->v = xgrow(rs->v, &rs->cap, rs->n + 1, sizeof *rs->v);
	rs->v[rs->n++] = (struct run){ a0, a1, b0, b1, eq };
}

/* Diff the units of A [a0, a1) against B [b0, b1) into runs. */
static void
word_runs(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1,
	  struct runs *rs)
{
	size_t n = a1 - a0, m = b1 - b0, i = 0, j = 0;
	uint32_t *x = xmalloc((n + 1) * sizeof *x);
	uint32_t *y = xmalloc((m + 1) * sizeof *y);
	bool *del = xcalloc(n + 1, 1), *ins = xcalloc(m + 1, 1);

	for (i = 0; i < n; i++)
		x[i] = c->a->unit[a0 + i].fold;
	for (j = 0; j < m; j++)
		y[j] = c->b->unit[b0 + j].fold;
	seqmatch(x, n, y, m, c->nweight, del, ins, NULL);
	i = j = 0;
	while (i < n || j < m) {
		size_t si = i, sj = j;

		while (i < n && j < m && !del[i] && !ins[j]) {
			i++;
			j++;
		}
		runs_push(rs, true, a0 + si, a0 + i, b0 + sj, b0 + j);
		si = i;
		sj = j;
		while (i < n && del[i])
			i++;
		while (j < m && ins[j])
			j++;
		runs_push(rs, false, a0 + si, a0 + i, b0 + sj, b0 + j);
	}
	free(x);
	free(y);
	free(del);
	free(ins);
}

static unsigned
content_words(const struct ctx *c, uint32_t u0, uint32_t u1)
{
	unsigned n = 0;

	for (; u0 < u1; u0++)
		n += c->weight[c->a->unit[u0].strict] == W_CONTENT;
	return n;
}

static unsigned
run_weight(const struct ctx *c, const struct run *r)
{
	unsigned wa = weight_sum(c, c->a, r->a0, r->a1);
	unsigned wb = weight_sum(c, c->b, r->b0, r->b1);

	return wa > wb ? wa : wb;
}

/*
 * Semantic clean-up, after diff-match-patch's cleanupSemantic, on word
 * weights: a short equal run (at most STRAY_WORDS content words) between
 * two changes is folded into them when it weighs no more than the larger
 * side of the change on each side of it, and strictly less when it holds
 * a content word.  So "the" or "of" left between rewritten phrases joins
 * the change, while a real word shared between two one-word substitutions
 * stays visible, and so does any longer shared phrase.  Contract: the runs
 * still cover the same units in order; only equal runs turn into changes,
 * never the reverse, so the result is less minimal, never wrong.
 */
static void
cleanup_runs(const struct ctx *c, struct runs *rs)
{
	bool changed = true;
	int pass;

	for (pass = 0; changed && pass < 8; pass++) {
		size_t k, w = 0;

		changed = false;
		for (k = 0; k < rs->n; k++) {
			struct run *r = &rs->v[k];

			if (r->eq && w > 0 && k + 1 < rs->n &&
			    !rs->v[w - 1].eq && !rs->v[k + 1].eq) {
				unsigned we = weight_sum(c, c->a, r->a0, r->a1);
				unsigned before = run_weight(c, &rs->v[w - 1]);
				unsigned after = run_weight(c, &rs->v[k + 1]);
				unsigned lim = before < after ? before : after;
				unsigned content = content_words(c, r->a0,
								 r->a1);

				if (content <= STRAY_WORDS &&
				    (we < lim || (we == lim && !content))) {
					/* Fold r and the next change into w-1. */
					rs->v[w - 1].a1 = rs->v[k + 1].a1;
					rs->v[w - 1].b1 = rs->v[k + 1].b1;
					k++;
					changed = true;
					continue;
				}
			}
			rs->v[w++] = *r;
		}
		rs->n = w;
	}
}

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

/* Equal units: EQUAL where the strict keys agree, COSMETIC where not. */
static void
emit_equal(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0, bool *cosm)
{
	uint32_t k = 0, n = a1 - a0, s;

	while (k < n) {
		bool same = c->a->unit[a0 + k].strict ==
			    c->b->unit[b0 + k].strict;

		s = k;
		while (k < n && (c->a->unit[a0 + k].strict ==
				 c->b->unit[b0 + k].strict) == same)
			k++;
		push_op(c, same ? WOP_EQUAL : WOP_COSMETIC, a0 + s, k - s,
			b0 + s, k - s);
		if (!same)
			*cosm = true;
	}
}

static void
emit_runs(struct ctx *c, const struct runs *rs, bool *cosm, bool *subst)
{
	size_t k;

	for (k = 0; k < rs->n; k++) {
		const struct run *r = &rs->v[k];

		if (r->eq) {
			emit_equal(c, r->a0, r->a1, r->b0, cosm);
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
static void
para_units(const struct doc *d, uint32_t p0, uint32_t p1, uint32_t *u0,
	   uint32_t *u1)
{
	*u0 = p0 < p1 ? d->para[p0].unit : 0;
	*u1 = p0 < p1 ? d->para[p1 - 1].unit + d->para[p1 - 1].nunit : 0;
}

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

static float
block_similarity(const struct ctx *c, const struct block *bl)
{
	const struct alignment *al = c->al;
	unsigned kept = 0, wa = 0, wb = 0;
	uint32_t k;

	/* Kept on both sides: "%" and "per cent" may weigh differently. */
	for (k = bl->op; k < bl->op + bl->nop; k++) {
		const struct wop *o = &al->op[k];
		unsigned x = weight_sum(c, c->a, o->a, o->a + o->na);
		unsigned y = weight_sum(c, c->b, o->b, o->b + o->nb);

		if (o->kind == WOP_EQUAL || o->kind == WOP_COSMETIC)
			kept += x + y;
		wa += x;
		wb += y;
	}
	return wa + wb ? (float)((double)kept / (wa + wb)) : 1.0f;
}

/* A paired group of paragraphs becomes one block. */
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
}

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

/*
 * Pair leftover deleted and inserted paragraphs as moves: candidates come
 * from the rare-word index (or all pairs when few), the most similar pairs
 * above the threshold are taken first, each paragraph at most once.
 */
static void
find_moves(struct ctx *c)
{
	struct alignment *al = c->al;
	struct seg *sa = NULL, *sb = NULL;
	uint32_t *da = NULL, *ib = NULL, *pairs = NULL;
	size_t nd = 0, ni = 0, capa = 0, capb = 0, capd = 0, capi = 0;
	size_t k, npairs = 0, nmc = 0, capmc = 0;
	struct movecand *mc = NULL;
	uint32_t u0, u1;
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
	if (nd * ni <= ALL_PAIRS_LIMIT) {
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
		double s = pair_sim(c, sa[x].u0, sa[x].u1, sb[y].u0, sb[y].u1,
				    &kept, c->move_threshold);

		if (s >= c->move_threshold) {
			mc = xgrow(mc, &capmc, nmc + 1, sizeof *mc);
			mc[nmc++] = (struct movecand){ x, y, (float)s };
		}
	}
	if (nmc > 1)
		qsort(mc, nmc, sizeof *mc, movecand_cmp);
	used_d = xcalloc(nd + 1, 1);
	used_i = xcalloc(ni + 1, 1);
	for (k = 0; k < nmc; k++) {
		struct block *bd, *bi;
		struct runs rs = { 0 };
		bool cosm = false, subst = false;
		uint32_t op0, id;

		if (used_d[mc[k].del] || used_i[mc[k].ins])
			continue;
		used_d[mc[k].del] = used_i[mc[k].ins] = true;
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
		bd->cosmetic = bi->cosmetic = cosm;
		bd->similarity = bi->similarity = block_similarity(c, bd);
	}
	free(used_d);
	free(used_i);
out:
	free(sa);
	free(sb);
	free(da);
	free(ib);
	free(pairs);
	free(mc);
}

/* --- statistics ------------------------------------------------------------- */

static size_t
count_words(const struct doc *d, uint32_t u0, uint32_t n)
{
	size_t w = 0;
	uint32_t u;

	for (u = u0; u < u0 + n; u++) {
		uint8_t k = d->tok[d->unit[u].tok].kind;

		/*
		 * A paragraph left whole is only ever in an equal block,
		 * which compute_stats counts by para_words.
		 */
		assert(k != TOK_PARA);
		w += k == TOK_WORD || k == TOK_NUMBER;
	}
	return w;
}

/* Words of paragraph k. */
static size_t
para_words(const struct doc *d, size_t k)
{
	if (doc_para_whole(d, k))
		return d->pword[k];
	return count_words(d, d->para[k].unit, d->para[k].nunit);
}

static void
compute_stats(struct alignment *al)
{
	struct align_stats *st = &al->stats;
	size_t k, wa = 0, wb = 0, moved_kept = 0, kept_b = 0;

	memset(st, 0, sizeof *st);
	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];
		bool in_change = false, change_subst = false;
		size_t del = 0, ins = 0;
		uint32_t o;

		/* A move is counted once, at its source. */
		if (bl->move && bl->kind == BLOCK_INSERTED)
			continue;
		if (bl->kind == BLOCK_EQUAL) {
			/* Kept whole: paragraphs left whole are counted so. */
			for (o = bl->op; o < bl->op + bl->nop; o++)
				st->cosmetic += al->op[o].kind == WOP_COSMETIC;
			for (o = bl->a; o < bl->a + bl->na; o++)
				st->kept += para_words(al->a, o);
			for (o = bl->b; o < bl->b + bl->nb; o++)
				kept_b += para_words(al->b, o);
			continue;
		}
		if (bl->move) {
			st->substantive++;
			for (o = bl->op; o < bl->op + bl->nop; o++) {
				const struct wop *w = &al->op[o];

				st->moved += count_words(al->a, w->a, w->na);
				if (w->kind == WOP_EQUAL ||
				    w->kind == WOP_COSMETIC)
					moved_kept += count_words(al->a, w->a,
					    w->na) + count_words(al->b, w->b,
					    w->nb);
			}
			continue;
		}
		for (o = bl->op; o <= bl->op + bl->nop; o++) {
			const struct wop *w = o < bl->op + bl->nop ?
				&al->op[o] : NULL;
			bool change = w && (w->kind == WOP_DELETE ||
					    w->kind == WOP_INSERT);

			if (w && w->kind == WOP_DELETE)
				del += count_words(al->a, w->a, w->na);
			if (w && w->kind == WOP_INSERT)
				ins += count_words(al->b, w->b, w->nb);
			if (change) {
				in_change = true;
				change_subst = true;
				continue;
			}
			if (in_change) {
				/* A change site ends: replacement or not. */
				size_t paired = del < ins ? del : ins;

				st->changed_a += del && ins ? del : 0;
				st->changed_b += del && ins ? ins : 0;
				st->deleted += del && ins ? 0 : del;
				st->inserted += del && ins ? 0 : ins;
				(void)paired;
				if (change_subst)
					st->substantive++;
				del = ins = 0;
				in_change = change_subst = false;
			}
			if (w && w->kind == WOP_COSMETIC)
				st->cosmetic++;
			if (w) {
				st->kept += count_words(al->a, w->a, w->na);
				kept_b += count_words(al->b, w->b, w->nb);
			}
		}
	}
	for (k = 0; k < al->a->npara; k++)
		wa += para_words(al->a, k);
	for (k = 0; k < al->b->npara; k++)
		wb += para_words(al->b, k);
	/* Kept on both sides: "per cent" is a word, "%" none. */
	st->similarity = wa + wb ?
		(double)(st->kept + kept_b + moved_kept) / (wa + wb) : 1.0;
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
	size_t k, i, j, nanchor;

	assert(a->nunit == 0 || a->unit != NULL);
	assert(b->nunit == 0 || b->unit != NULL);
	c.a = a;
	c.b = b;
	c.pair_threshold = opts && opts->pair_threshold > 0 ?
		opts->pair_threshold : DEFAULT_PAIR_THRESHOLD;
	c.move_threshold = opts && opts->move_threshold > 0 ?
		opts->move_threshold : DEFAULT_MOVE_THRESHOLD;
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
	for (k = 0, i = 0, j = 0; k <= nanchor; k++) {
		size_t ei = k < nanchor ? anchor[2 * k] : a->npara;
		size_t ej = k < nanchor ? anchor[2 * k + 1] : b->npara;
		size_t from = it.n, x;

		if (i < ei || j < ej) {
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
	for (k = 0; k < it.n; k++) {
		const struct item *x = &it.v[k];

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
	find_moves(&c);
	compute_stats(c.al);
	free(c.weight);
	free(c.sa);
	free(c.sb);
	free(c.wa);
	free(c.wb);
	free(c.da);
	free(c.ib);
	free(c.stamp);
	return c.al;
}

void
align_free(struct alignment *al)
{
	if (al == NULL)
		return;
	free(al->block);
	free(al->op);
	free(al);
}

bool
align_differs(const struct alignment *al)
{
	return al->stats.substantive > 0;
}
