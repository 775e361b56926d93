/*
 * diffseq.c — the sequence differ (see diffseq.h): Myers' O(ND) algorithm
 * in linear space over uint32_t ids, with a cost cap that trades
 * minimality for bounded time.
 *
 * Terms, as in the paper.  The edit graph has a point (x, y) for every
 * 0 <= x <= n, 0 <= y <= m; a move right deletes a[x], a move down inserts
 * b[y], a diagonal move from (x, y) to (x+1, y+1) is free when a[x] ==
 * b[y].  Diagonal k holds the points with x - y = k.  A "snake" is a run of
 * free diagonal moves.  A D-path is a path from the start corner whose cost
 * (right and down moves) is D.
 *
 * The work is done in four steps:
 *
 *  1. Trim the common prefix and suffix (free, and usually most of the
 *     input for versions of one article).
 *
 *  2. Pre-pass: an element whose id does not occur at all in the other
 *     window can never be part of a common subsequence, so it is certainly
 *     changed.  Such elements are marked and squeezed out before the search.
 *     This keeps the longest common subsequence (hence minimality) intact
 *     and turns a complete rewrite (no shared id) into O(n + m).  It is
 *     done when the window holds at least PREPASS_MIN elements, whatever
 *     the values of the ids: which ids occur is found with a hash set, so
 *     the result depends on which elements are equal and never on the
 *     numbers the keys were given (a version loaded beside the pair once
 *     changed them, and with them the diff).  GNU diff's fuller "discard
 *     confusing lines" is not attempted.
 *
 *  3. Divide and conquer on boxes [xoff, xlim) x [yoff, ylim): trim the box,
 *     mark everything if one side is empty, otherwise find a split point
 *     with the middle-snake search (diffseq_split) and handle the two
 *     sub-boxes.  There is no recursion: an explicit stack holds the
 *     pending boxes, and the smaller half is always handled first while the
 *     larger one waits on the stack.  A box is pushed only while splitting
 *     the current box, and is no larger than it; the current box is then
 *     replaced by the smaller half, at most half its size.  So the i-th box
 *     from the bottom of the stack has at most (n + m) / 2^(i-1) elements
 *     (measured as width plus height, which the two halves share exactly),
 *     and the stack never holds more than log2(n + m) + 1 boxes: a fixed
 *     array of STACK_MAX entries is enough for any size_t input, whatever
 *     the split pattern (a degenerate input that splits off one element at
 *     a time costs time, not stack).
 *
 *  4. Count the marks.
 *
 * The middle snake.  Forward furthest-reaching D-paths are grown from the
 * box's start corner and reverse ones from its end corner, one cost step at
 * a time in both directions.  The first time a forward and a reverse path
 * overlap on a diagonal, the overlapping snake lies on a shortest path
 * (Myers, lemma 3), and its end is a split point that divides the cost of
 * the box into two halves.  Only the furthest x reached on each diagonal is
 * kept, so memory is linear.  As in GNU diff and xdiff, points may step one
 * past the box edge (a move down from the bottom row); they never take part
 * in the first overlap (the edge point they came from would already have
 * overlapped, one step earlier) and the heuristic below clips them back.
 *
 * The cost cap.  A box whose middle snake costs more than max_cost per
 * direction would need O((n + m) * D) work in total.  When the search has
 * reached cost max_cost without overlap, it settles for the point, among
 * the furthest-reaching ones of both directions, that is furthest from its
 * own start corner (largest progress x + y); that splits the box, the
 * sub-box on the side of the chosen search is solved optimally (its cost is
 * at most max_cost, so the cap never fires in it) and the other side is
 * searched again.  Any split point gives a valid script; only minimality
 * is lost.  Each capped search costs O(max_cost^2) plus its snakes and
 * consumes at least max_cost elements, so the total is about
 * O((n + m) * max_cost).
 *
 * The default cap (max_cost == 0) is max(COST_MIN, sqrt(n + m) / 4), n
 * and m counted after trimming.  GNU diff uses about max(4096, sqrt(n + m))
 * and xdiff max(256, sqrt(n + m)).  Time grows linearly with the cap on
 * hard inputs: two unrelated 200,000-element sequences over a two-letter
 * alphabet (short snakes everywhere, D about 0.19 (n + m)) take about 0.23 s
 * with a cap of 256, 0.56 s with xdiff's 632 and 3.4 s with GNU's 4096
 * (-O2, one core), while the script gets only 0.6% and 3% shorter.  So
 * the floor is xdiff's 256, which is plenty for versions of real articles
 * at every level (sentence and word diffs are short; paragraph sequences
 * rarely differ by hundreds of moves), and the square-root growth, which
 * the contract asks for, is damped by 4 so that it only starts above a
 * million elements, where a wider search does pay for itself.
 *
 * The V arrays (furthest x per diagonal, forward and reverse) are allocated
 * once per call.  They are indexed relative to the box's own middle
 * diagonal, so they only need to span the diagonals one search can touch:
 * 2 * min(max_cost, n + m) + 5 entries each, rather than n + m + 3 per
 * direction as in the classic absolute layout.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diffseq.h"
#include "xalloc.h"

#define COST_MIN	256	/* floor of the default max_cost */
#define PREPASS_MIN	64	/* smallest window worth the pre-pass */
#define STACK_MAX	72	/* > log2(SIZE_MAX) + 1, see step 3 */
/*
 * V arrays and pre-pass tables of up to this many entries live on the
 * stack: most calls diff a sentence or a paragraph against another, and
 * a malloc and free cost them more than a tenth of their time.
 */
#define SMALL_V		1024
#define SMALL_SET	1024

/* A box of the edit graph: a[xoff .. xlim-1] against b[yoff .. ylim-1]. */
struct diffseq_box {
	ptrdiff_t	xoff, xlim, yoff, ylim;
};

struct diffseq_ctx {
	const uint32_t	*a, *b;
	bool		*del, *ins;
	/*
	 * Furthest x per diagonal, centred: fv[k - fmid] for the forward
	 * search, bv[k - bmid] for the reverse one; see diffseq_run() for
	 * the span.
	 */
	ptrdiff_t	*fv, *bv;
	ptrdiff_t	 max_cost;
};

/* Integer square root: the largest r with r * r <= v. */
static size_t
diffseq_isqrt(size_t v)
{
	size_t r = 0, bit = (size_t)1 << (sizeof v * 8 - 2);

	while (bit > v)
		bit >>= 2;
	while (bit != 0) {
		if (v >= r + bit) {
			v -= r + bit;
			r = (r >> 1) + bit;
		} else
			r >>= 1;
		bit >>= 2;
	}
	return r;
}

/*
 * Pick the split point of a box whose first and last elements differ on
 * the two sides and whose sides are both non-empty (so its cost is at least
 * 2).  The point is inside the box and is neither corner, so both sub-boxes
 * are strictly smaller.
 */
static void
diffseq_split(const struct diffseq_ctx *c, const struct diffseq_box *bx,
    ptrdiff_t *xmid, ptrdiff_t *ymid)
{
	const uint32_t *a = c->a, *b = c->b;
	ptrdiff_t *fv = c->fv, *bv = c->bv;
	ptrdiff_t xoff = bx->xoff, xlim = bx->xlim;
	ptrdiff_t yoff = bx->yoff, ylim = bx->ylim;
	ptrdiff_t dmin = xoff - ylim, dmax = xlim - yoff;
	ptrdiff_t fmid = xoff - yoff, bmid = xlim - ylim;
	ptrdiff_t fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
	ptrdiff_t cost, k, x, y, lo, hi;
	bool odd = ((bmid - fmid) & 1) != 0;

#define FV(k) fv[(k) - fmid]
#define BV(k) bv[(k) - bmid]
	FV(fmid) = xoff;
	BV(bmid) = xlim;
	for (cost = 1;; cost++) {
		/*
		 * Forward step.  Widen the diagonal range by one on each side
		 * while it stays inside [dmin, dmax]; at an edge, narrow it
		 * instead so that only diagonals of this step's parity are
		 * visited.  The new outer neighbours get -1, "unreached", so
		 * the loop needs no bounds tests.
		 */
		if (fmin > dmin) {
			fmin--;
			FV(fmin - 1) = -1;
		} else
			fmin++;
		if (fmax < dmax) {
			fmax++;
			FV(fmax + 1) = -1;
		} else
			fmax--;
		for (k = fmax; k >= fmin; k -= 2) {
			/* Furthest of: right from k-1, down from k+1. */
			lo = FV(k - 1);
			hi = FV(k + 1);
			x = lo >= hi ? lo + 1 : hi;
			y = x - k;
			while (x < xlim && y < ylim && a[x] == b[y]) {
				x++;
				y++;
			}
			FV(k) = x;
		}
		/*
		 * Overlap, tested after the step (the first k from the top
		 * that overlaps, as if tested inside it): only an odd delta
		 * overlaps on a forward step.
		 */
		if (odd) {
			lo = fmax < bmax ? fmax : bmax - ((bmax - fmax) & 1);
			for (k = lo; k >= fmin && k >= bmin; k -= 2)
				if (BV(k) <= FV(k)) {
					*xmid = FV(k);
					*ymid = FV(k) - k;
					return;
				}
		}

		/* Reverse step, the mirror image; "unreached" is +infinity. */
		if (bmin > dmin) {
			bmin--;
			BV(bmin - 1) = PTRDIFF_MAX;
		} else
			bmin++;
		if (bmax < dmax) {
			bmax++;
			BV(bmax + 1) = PTRDIFF_MAX;
		} else
			bmax--;
		for (k = bmax; k >= bmin; k -= 2) {
			/* Furthest back of: up from k-1, left from k+1. */
			lo = BV(k - 1);
			hi = BV(k + 1);
			x = lo < hi ? lo : hi - 1;
			y = x - k;
			while (x > xoff && y > yoff && a[x - 1] == b[y - 1]) {
				x--;
				y--;
			}
			BV(k) = x;
		}
		if (!odd) {
			lo = bmax < fmax ? bmax : fmax - ((fmax - bmax) & 1);
			for (k = lo; k >= bmin && k >= fmin; k -= 2)
				if (BV(k) <= FV(k)) {
					*xmid = BV(k);
					*ymid = BV(k) - k;
					return;
				}
		}

		if (cost >= c->max_cost)
			break;
	}

	/*
	 * Too expensive: take the furthest-reaching point of either search,
	 * measured by progress x + y from its own corner, clipped into the
	 * box.
	 */
	{
		ptrdiff_t fx = xoff, fy = yoff, bx_ = xlim, by = ylim;

		for (k = fmin; k <= fmax; k += 2) {
			x = FV(k) < xlim ? FV(k) : xlim;
			y = x - k;
			if (y > ylim) {
				x = ylim + k;
				y = ylim;
			}
			if (x + y > fx + fy) {
				fx = x;
				fy = y;
			}
		}
		for (k = bmin; k <= bmax; k += 2) {
			x = BV(k) > xoff ? BV(k) : xoff;
			y = x - k;
			if (y < yoff) {
				x = yoff + k;
				y = yoff;
			}
			if (x + y < bx_ + by) {
				bx_ = x;
				by = y;
			}
		}
		if ((xlim + ylim) - (bx_ + by) > (fx + fy) - (xoff + yoff)) {
			*xmid = bx_;
			*ymid = by;
		} else {
			*xmid = fx;
			*ymid = fy;
		}
	}
#undef FV
#undef BV

	/*
	 * Defensive: a corner would make no progress.  It cannot happen (a
	 * search that reached the far corner would have overlapped first),
	 * but deleting one element is always a valid split.
	 */
	if ((*xmid == xoff && *ymid == yoff) ||
	    (*xmid == xlim && *ymid == ylim)) {
		*xmid = xoff + 1;
		*ymid = yoff;
	}
}

/* Step 3: find the changes inside the box; see the comment at the top. */
static void
diffseq_compare(const struct diffseq_ctx *c, ptrdiff_t n, ptrdiff_t m)
{
	struct diffseq_box stack[STACK_MAX], cur, lo, hi;
	const uint32_t *a = c->a, *b = c->b;
	size_t depth = 0;
	ptrdiff_t xmid, ymid;

	cur.xoff = 0;
	cur.xlim = n;
	cur.yoff = 0;
	cur.ylim = m;
	for (;;) {
		while (cur.xoff < cur.xlim && cur.yoff < cur.ylim &&
		    a[cur.xoff] == b[cur.yoff]) {
			cur.xoff++;
			cur.yoff++;
		}
		while (cur.xoff < cur.xlim && cur.yoff < cur.ylim &&
		    a[cur.xlim - 1] == b[cur.ylim - 1]) {
			cur.xlim--;
			cur.ylim--;
		}

		if (cur.xoff == cur.xlim || cur.yoff == cur.ylim) {
			if (cur.xoff < cur.xlim)
				memset(c->del + cur.xoff, true,
				    (size_t)(cur.xlim - cur.xoff));
			if (cur.yoff < cur.ylim)
				memset(c->ins + cur.yoff, true,
				    (size_t)(cur.ylim - cur.yoff));
			if (depth == 0)
				break;
			cur = stack[--depth];
			continue;
		}

		diffseq_split(c, &cur, &xmid, &ymid);
		lo.xoff = cur.xoff;
		lo.xlim = xmid;
		lo.yoff = cur.yoff;
		lo.ylim = ymid;
		hi.xoff = xmid;
		hi.xlim = cur.xlim;
		hi.yoff = ymid;
		hi.ylim = cur.ylim;
		/* Smaller half first; the larger one waits (log depth). */
		if ((xmid - cur.xoff) + (ymid - cur.yoff) <=
		    (cur.xlim - xmid) + (cur.ylim - ymid)) {
			stack[depth++] = hi;
			cur = lo;
		} else {
			stack[depth++] = lo;
			cur = hi;
		}
	}
}

/* Run step 3 on a[0 .. n-1], b[0 .. m-1] with its own V arrays. */
static void
diffseq_run(const uint32_t *a, size_t n, const uint32_t *b, size_t m,
    bool *del, bool *ins, size_t max_cost)
{
	struct diffseq_ctx c;
	ptrdiff_t *v, small[SMALL_V];
	size_t half, span;

	if (n == 0 || m == 0) {
		if (n != 0)
			memset(del, true, n);
		if (m != 0)
			memset(ins, true, m);
		return;
	}

	/*
	 * One search visits at most min(max_cost, n + m) + 1 diagonals on
	 * either side of its middle one, plus the -1 / +infinity guard.
	 */
	half = n + m;
	if (max_cost < half)
		half = max_cost;
	half += 2;
	span = 2 * half + 1;
	v = 2 * span <= SMALL_V ? small :
	    xreallocarray(NULL, 2 * span, sizeof *v);

	c.a = a;
	c.b = b;
	c.del = del;
	c.ins = ins;
	c.fv = v + half;
	c.bv = v + span + half;
	c.max_cost = max_cost > (size_t)PTRDIFF_MAX ? PTRDIFF_MAX :
	    (ptrdiff_t)max_cost;
	diffseq_compare(&c, (ptrdiff_t)n, (ptrdiff_t)m);
	if (v != small)
		free(v);
}

/* Enter the ids of v[0 .. n-1] in the pre-pass's set, with bit side. */
static void
prepass_mark(const uint32_t *v, size_t n, uint32_t *key, uint8_t *seen,
    size_t mask, uint8_t side)
{
	size_t i, h;

	for (i = 0; i < n; i++) {
		h = (size_t)(v[i] * UINT32_C(2654435761)) & mask;
		while (seen[h] && key[h] != v[i])
			h = (h + 1) & mask;
		key[h] = v[i];
		seen[h] |= side;
	}
}

/*
 * Mark changed the elements of v[0 .. n-1] whose id the other side
 * (bit other) has not; returns how many are left.
 */
static size_t
prepass_keep(const uint32_t *v, size_t n, const uint32_t *key,
    const uint8_t *seen, size_t mask, uint8_t other, bool *changed)
{
	size_t i, h, left = 0;

	for (i = 0; i < n; i++) {
		h = (size_t)(v[i] * UINT32_C(2654435761)) & mask;
		while (key[h] != v[i])
			h = (h + 1) & mask;
		changed[i] = !(seen[h] & other);
		left += !changed[i];
	}
	return left;
}

/*
 * Step 2 on the trimmed windows.  Returns false, having done nothing, when
 * the pre-pass does not apply or discards nothing; otherwise it has filled
 * del and ins completely.
 */
static bool
diffseq_prepass(const uint32_t *a, size_t n, const uint32_t *b, size_t m,
    bool *del, bool *ins, size_t max_cost)
{
	uint32_t *ca, *cb, *key, skey[SMALL_SET], sc[SMALL_SET + 2];
	uint8_t *seen, sseen[SMALL_SET];
	bool *cdel, *cins, sd[SMALL_SET + 2];
	size_t i, j, cap = 16, mask, na, nb;
	bool small;

	if (n == 0 || m == 0 || n + m < PREPASS_MIN)
		return false;
	/* A set of the ids, open addressing; bit 1: in a, bit 2: in b. */
	while (cap < 2 * (n + m))
		cap *= 2;
	mask = cap - 1;
	small = cap <= SMALL_SET;
	key = small ? skey : xreallocarray(NULL, cap, sizeof *key);
	seen = small ? sseen : xmalloc(cap);
	memset(seen, 0, cap);
	prepass_mark(a, n, key, seen, mask, 1);
	prepass_mark(b, m, key, seen, mask, 2);
	na = prepass_keep(a, n, key, seen, mask, 2, del);
	nb = prepass_keep(b, m, key, seen, mask, 1, ins);
	if (!small) {
		free(seen);
		free(key);
	}
	if (na == n && nb == m)
		return false;

	/* Squeeze out the discarded elements, diff, and spread back. */
	if (small) {
		/* na + nb < n + m <= SMALL_SET / 2 */
		ca = sc;
		cb = sc + na + 1;
		cdel = sd;
		cins = sd + na + 1;
		memset(sd, 0, na + nb + 2);
	} else {
		ca = xreallocarray(NULL, na + 1, sizeof *ca);
		cb = xreallocarray(NULL, nb + 1, sizeof *cb);
		cdel = xcalloc(na + 1, sizeof *cdel);
		cins = xcalloc(nb + 1, sizeof *cins);
	}
	for (i = 0, na = 0; i < n; i++)
		if (!del[i])
			ca[na++] = a[i];
	for (j = 0, nb = 0; j < m; j++)
		if (!ins[j])
			cb[nb++] = b[j];
	diffseq_run(ca, na, cb, nb, cdel, cins, max_cost);
	for (i = 0, na = 0; i < n; i++)
		if (!del[i])
			del[i] = cdel[na++];
	for (j = 0, nb = 0; j < m; j++)
		if (!ins[j])
			ins[j] = cins[nb++];
	if (!small) {
		free(cdel);
		free(cins);
		free(ca);
		free(cb);
	}
	return true;
}

size_t
diffseq(const uint32_t *a, size_t n, const uint32_t *b, size_t m,
    bool *del, bool *ins, const struct diffseq_opts *opts)
{
	size_t pre = 0, suf = 0, max_cost, count, i;

	if (n != 0)
		memset(del, false, n);
	if (m != 0)
		memset(ins, false, m);

	/* Step 1. */
	while (pre < n && pre < m && a[pre] == b[pre])
		pre++;
	while (suf < n - pre && suf < m - pre &&
	    a[n - 1 - suf] == b[m - 1 - suf])
		suf++;
	n -= pre + suf;
	m -= pre + suf;
	if (n != 0)
		a += pre, del += pre;
	if (m != 0)
		b += pre, ins += pre;

	max_cost = opts != NULL ? opts->max_cost : 0;
	if (max_cost == 0) {
		max_cost = diffseq_isqrt(n + m) / 4;
		if (max_cost < COST_MIN)
			max_cost = COST_MIN;
	}

	/* Steps 2 and 3. */
	if (!diffseq_prepass(a, n, b, m, del, ins, max_cost))
		diffseq_run(a, n, b, m, del, ins, max_cost);

	/* Step 4. */
	count = 0;
	for (i = 0; i < n; i++)
		count += del[i];
	for (i = 0; i < m; i++)
		count += ins[i];
	return count;
}
