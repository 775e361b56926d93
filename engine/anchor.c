/*
 * anchor.c — the equal parts of an alignment: paragraphs equal byte for
 * byte that anchor it (align_para_anchors), the keys that make equal
 * segments equal numbers (seg_keys), and seqmatch, which pairs equal
 * numbers (patience anchors, then Myers between them).
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "align-stage.h"
#include "diffseq.h"
#include "hash.h"
#include "xalloc.h"

/* Sequences longer than this get patience anchors before Myers. */
#define PATIENCE_MIN		2000

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
void
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
	uint64_t h = hash_start(s->u1 - s->u0);
	uint32_t u;

	for (u = s->u0; u < s->u1; u++)
		h = hash_add(h, d->unit[u].fold);
	return hash_end(h);
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
uint32_t
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
