/*
 * rowindex.c — the browser's view rows over the lazy layout (see
 * rowindex.h): a Fenwick tree of each block's view rows, estimated until
 * the block is counted.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rowindex.h"
#include "xalloc.h"

/* --- the tree --------------------------------------------------------------- */

static void
fen_add(struct view *w, uint32_t k, long delta)
{
	size_t i;

	for (i = (size_t)k + 1; i <= w->nblock; i += i & -i)
		w->fen[i] = (size_t)((long)w->fen[i] + delta);
	w->total = (size_t)((long)w->total + delta);
}

/* View rows of blocks [0, k). */
static size_t
fen_prefix(const struct view *w, uint32_t k)
{
	size_t i, s = 0;

	for (i = k; i > 0; i -= i & -i)
		s += w->fen[i];
	return s;
}

/* The block holding view row v, and in *rib v's row in it. */
static uint32_t
fen_find(const struct view *w, size_t v, size_t *rib)
{
	size_t pos = 0, step = 1;

	while (step * 2 <= w->nblock)
		step *= 2;
	for (; step > 0; step /= 2)
		if (pos + step <= w->nblock && w->fen[pos + step] <= v) {
			pos += step;
			v -= w->fen[pos];
		}
	*rib = v;
	return (uint32_t)pos;
}

/* --- estimates -------------------------------------------------------------- */

/* Rows paragraphs [p0, p0 + np) of d may take in a pane: a guess. */
static uint32_t
guess_side(const struct view *w, const struct doc *d, uint32_t p0,
	   uint32_t np)
{
	unsigned int per = w->lz->pane - w->lz->pane / 8;
	uint32_t bytes;

	if (np == 0 || p0 >= d->npara)
		return 0;
	if (np > d->npara - p0)
		np = (uint32_t)(d->npara - p0);
	bytes = d->para[p0 + np - 1].end - d->para[p0].start;
	/* Each paragraph's last row is half empty, and a blank row
	   follows all but the last. */
	return bytes / (per ? per : 1) + np + np / 2;
}

/*
 * Layout rows of block k: a guess from the bytes its paragraphs span,
 * O(1) a block, so that a new view costs O(blocks).
 */
static uint32_t
guess_block(const struct view *w, uint32_t k)
{
	const struct alignment *al = w->al;
	const struct block *bl = &al->block[k];
	uint32_t n, x, y;

	if (render_lazy_pieces(w->lz, k) == 0)
		return 0;
	x = guess_side(w, al->a, bl->a, bl->na);
	y = guess_side(w, al->b, bl->b, bl->nb);
	if (w->lz->opts.inline_view)
		n = y ? y : x;
	else
		n = x > y ? x : y;
	if (bl->move && bl->twin < al->nblock)
		n++;
	if (k < w->lz->last_block)
		n++;
	return n ? n : 1;
}

static render_lazy_hook on_rows;

/* --- setting up --------------------------------------------------------------- */

/* Which block shows each paragraph: worked out when first needed. */
static void
map_paras(struct view *w)
{
	const struct alignment *al = w->al;
	int s;
	uint32_t k, p;

	for (s = 0; s < 2; s++) {
		const struct doc *d = s ? al->b : al->a;

		w->para_block[s] = xmalloc((d->npara + 1) *
					   sizeof *w->para_block[s]);
		for (p = 0; p < d->npara; p++)
			w->para_block[s][p] = UINT32_MAX;
		for (k = 0; k < w->nblock; k++) {
			const struct block *bl = &al->block[k];
			uint32_t p0 = s ? bl->b : bl->a, np = s ? bl->nb : bl->na;

			/* The inline layout shows a move's A words at both
			   ends: keep the source. */
			if (w->lz->opts.inline_view && s == 0 && bl->move &&
			    bl->kind == BLOCK_INSERTED)
				continue;
			for (p = p0; p < p0 + np && p < d->npara; p++)
				if (w->para_block[s][p] == UINT32_MAX)
					w->para_block[s][p] = k;
		}
	}
}

void
view_init(struct view *w, struct render_lazy *lz, const uint8_t *hide)
{
	uint32_t k;
	uint8_t last = 0;	/* the kind of the fold just above, 0 none */
	size_t i;

	memset(w, 0, sizeof *w);
	w->lz = lz;
	w->al = lz->al;
	w->nblock = lz->nblock;
	w->hide = xcalloc(w->nblock + 1, 1);
	if (hide != NULL)
		memcpy(w->hide, hide, w->nblock);
	w->joined = xcalloc(w->nblock + 1, 1);
	w->exact = xcalloc(w->nblock + 1, 1);
	w->rows = xmalloc((w->nblock + 1) * sizeof *w->rows);
	w->fen = xcalloc(w->nblock + 1, sizeof *w->fen);
	for (k = 0; k < w->nblock; k++) {
		if (w->hide[k]) {
			w->joined[k] = last == w->hide[k];
			w->rows[k] = !w->joined[k];
			w->exact[k] = 1;
			last = w->hide[k];
		} else if (render_lazy_pieces(lz, k) == 0) {
			w->rows[k] = 0;
			w->exact[k] = 1;
		} else {
			bool ex;
			size_t n = render_lazy_rows_now(lz, k, false, &ex);

			w->exact[k] = n == SIZE_MAX ? 0 : ex ? 1 : 2;
			w->rows[k] = n != SIZE_MAX ? (uint32_t)n :
				guess_block(w, k);
			last = 0;
		}
		w->nexact += w->exact[k] == 1;
		w->total += w->rows[k];
		w->fen[k + 1] = w->rows[k];
	}
	/* Linear construction: each node passes its sum to its parent. */
	for (i = 1; i <= w->nblock; i++) {
		size_t up = i + (i & -i);

		if (up <= w->nblock)
			w->fen[up] += w->fen[i];
	}
	render_lazy_on_rows(lz, on_rows, w);
}

void
view_free(struct view *w)
{
	/* The layout may be gone already (editor.c frees it): its hook is
	   left to the next view_init, and finds this view empty. */
	free(w->hide);
	free(w->joined);
	free(w->exact);
	free(w->rows);
	free(w->fen);
	free(w->para_block[0]);
	free(w->para_block[1]);
	memset(w, 0, sizeof *w);
}

static bool
tracked(const struct view *w, const size_t *pos)
{
	size_t i;

	for (i = 0; i < w->ntrack; i++)
		if (w->track[i] == pos)
			return true;
	return false;
}

void
view_track(struct view *w, size_t *pos)
{
	if (w->ntrack < VIEW_TRACK_MAX && !tracked(w, pos))
		w->track[w->ntrack++] = pos;
}

void
view_untrack(struct view *w, size_t *pos)
{
	size_t i;

	for (i = 0; i < w->ntrack; i++)
		if (w->track[i] == pos) {
			w->track[i] = w->track[--w->ntrack];
			return;
		}
}

size_t
view_count(const struct view *w)
{
	return w->total;
}

bool
view_all_exact(const struct view *w)
{
	return w->nexact == w->nblock;
}

/*
 * Rows [at, at + old) of block k are now `now` rows: the tracked
 * positions after them move with their rows.
 */
static void
shift(struct view *w, uint32_t k, size_t at, size_t old, size_t now)
{
	size_t start = fen_prefix(w, k) + at, i;

	if (now == old)
		return;
	for (i = 0; i < w->ntrack; i++) {
		size_t *p = w->track[i];

		if (*p >= start + old)
			*p = *p - old + now;
		else if (*p >= start + now)	/* was past its last row */
			*p = now > 0 ? start + now - 1 : start;
	}
	w->rows[k] = (uint32_t)(w->rows[k] - old + now);
	fen_add(w, k, (long)now - (long)old);
}

/*
 * Block k has `now` rows, exactly or (a giant piece's segments not all
 * counted) as the layout numbers them now.
 */
static void
set_rows(struct view *w, uint32_t k, size_t now, bool exact)
{
	w->exact[k] = exact ? 1 : 2;
	w->nexact += exact;
	shift(w, k, 0, w->rows[k], now);
}

/* The layout renumbered rows of block k (render_lazy_on_rows). */
static void
on_rows(void *ctx, uint32_t k, size_t at, size_t was, size_t now, bool exact)
{
	struct view *w = ctx;

	if (w->lz == NULL || k >= w->nblock || w->exact[k] != 2)
		return;		/* guessed: taken whole when first needed */
	shift(w, k, at, was, now);
	if (exact) {
		w->exact[k] = 1;
		w->nexact++;
	}
}

/* Number block k as the layout does, from its guess. */
static void
sync_block(struct view *w, uint32_t k)
{
	bool exact;
	size_t n;

	if (w->exact[k] != 0)
		return;
	n = render_lazy_rows_now(w->lz, k, true, &exact);
	set_rows(w, k, n, exact);
}

/* Count block k, every segment of it. */
static void
count_block(struct view *w, uint32_t k)
{
	sync_block(w, k);
	while (w->exact[k] == 2 && render_lazy_settle_next(w->lz, k))
		;
	if (w->exact[k] == 2) {		/* not told: nothing was left */
		w->exact[k] = 1;
		w->nexact++;
	}
}

/*
 * Count what block k's rows [r0, r1) need, as numbered now: the block
 * from its guess, then the segments of giant pieces holding them
 * (render.h).  True when that renumbered rows (the caller looks again).
 */
static bool
settle_rows(struct view *w, uint32_t k, size_t r0, size_t r1)
{
	size_t next;

	if (w->hide[k] || w->exact[k] == 1)
		return false;
	if (w->exact[k] == 0) {
		sync_block(w, k);
		return true;
	}
	while (r0 < r1 && r0 < w->rows[k]) {
		if (render_lazy_settle(w->lz, k, r0, &next))
			return true;
		r0 = next > r0 ? next : r0 + 1;
	}
	return false;
}

size_t
view_block_row(const struct view *w, uint32_t k)
{
	size_t v;

	if (k >= w->nblock)
		return w->total;
	v = fen_prefix(w, k);
	return w->joined[k] && v > 0 ? v - 1 : v;
}

uint32_t
view_block_at(const struct view *w, size_t v)
{
	size_t rib;

	return fen_find(w, v, &rib);
}

/* Paragraphs folded into the fold that block k opens. */
static uint32_t
fold_paras(const struct view *w, uint32_t k)
{
	uint32_t n = 0, j;

	for (j = k; j < w->nblock; j++) {
		const struct block *bl = &w->al->block[j];

		if (j > k && !(w->hide[j] && w->joined[j]) &&
		    !(!w->hide[j] && w->rows[j] == 0))
			break;
		if (w->hide[j])
			n += bl->na > bl->nb ? bl->na : bl->nb;
	}
	return n;
}

bool
view_row(struct view *w, size_t v, struct view_row *out)
{
	uint32_t k;
	size_t rib, first;

	memset(out, 0, sizeof *out);
	if (v >= w->total)
		return false;
	k = fen_find(w, v, &rib);
	while (settle_rows(w, k, rib, rib + 1)) {
		/* Renumbered: rows before k kept their numbers. */
		if (v >= w->total)
			return false;
		k = fen_find(w, v, &rib);
	}
	out->block = k;
	out->rib = rib;
	if (w->hide[k]) {
		out->nfold = fold_paras(w, k);
		out->boiler = w->hide[k] == 2;
		return true;
	}
	out->r = render_lazy_rows(w->lz, k, rib, &first);
	if (out->r == NULL)
		return false;
	out->i = rib - first;
	return true;
}

bool
view_giant_rows(struct view *w, size_t v, size_t *first, size_t *last)
{
	struct view_row vr;
	size_t f, n, start;
	bool at_end;

	if (!view_row(w, v, &vr) || vr.r == NULL ||
	    !render_lazy_giant_rows(w->lz, vr.block, vr.rib, &f, &n, &at_end))
		return false;
	start = view_block_row(w, vr.block);
	*first = start + f;
	*last = start + f + n - 1;
	return true;
}

void
view_settle(struct view *w, size_t *p, size_t back, size_t fwd)
{
	bool again = true, mine = !tracked(w, p);

	if (mine)
		view_track(w, p);
	while (again) {
		size_t from = *p > back ? *p - back : 0, to = *p + fwd, rib;
		uint32_t k;

		again = false;
		if (from >= w->total)
			break;
		for (k = fen_find(w, from, &rib); k < w->nblock &&
		     view_block_row(w, k) < to; k++) {
			size_t start = fen_prefix(w, k);

			if (settle_rows(w, k, from > start ? from - start : 0,
					to - start)) {
				again = true;
				break;	/* renumbered: start over */
			}
		}
	}
	if (mine)
		view_untrack(w, p);
}

void
view_settle_end(struct view *w, size_t n)
{
	size_t got = 0, rows;
	uint32_t k;

	for (k = (uint32_t)w->nblock; k > 0 && got < n; k--) {
		rows = w->rows[k - 1];
		if (settle_rows(w, k - 1, rows > n - got ? rows - (n - got) : 0,
				rows)) {
			/* Renumbered: from the end again. */
			k = (uint32_t)w->nblock + 1;
			got = 0;
			continue;
		}
		got += w->rows[k - 1];
	}
}

void
view_count_all(struct view *w)
{
	uint32_t k;

	for (k = 0; k < w->nblock; k++)
		count_block(w, k);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

bool
view_idle(struct view *w, double ms)
{
	double t0 = now_ms();
	unsigned n = 0;

	while (w->idle < w->nblock) {
		uint32_t k = w->idle;

		if (w->exact[k] == 0)
			sync_block(w, k);
		else if (w->exact[k] == 2 &&
			 !render_lazy_settle_next(w->lz, k)) {
			w->exact[k] = 1;	/* not told: nothing was left */
			w->nexact++;
		}
		if (w->exact[k] == 1)
			w->idle++;
		/* The clock every few blocks, every segment of a giant
		   paragraph: counting one is quick. */
		if ((w->exact[k] == 2 || ++n % 16 == 0) &&
		    now_ms() - t0 >= ms)
			break;
	}
	return !view_all_exact(w);
}

/* --- by paragraph and by offset ---------------------------------------------- */

/* The first row of block k (from row `from` on) holding paragraph p. */
static bool
find_para(struct view *w, uint32_t k, int side, uint32_t p, size_t *rib)
{
	size_t i = 0, first;

	for (;;) {
		const struct render *r = render_lazy_rows(w->lz, k, i, &first);
		size_t j;

		if (r == NULL)
			break;
		for (j = i - first; j < r->nrow; j++, i++)
			if (r->row[j].para[side] == p) {
				*rib = i;
				return true;
			}
	}
	return false;
}

size_t
view_para_row(struct view *w, int side, uint32_t p, bool *folded)
{
	const struct doc *d = side ? w->al->b : w->al->a;
	uint32_t k;
	size_t rib = 0;

	*folded = false;
	if (w->para_block[0] == NULL)
		map_paras(w);
	if (p >= d->npara || (k = w->para_block[side][p]) == UINT32_MAX)
		return SIZE_MAX;
	if (w->hide[k]) {
		*folded = true;
		return view_block_row(w, k);
	}
	if (!find_para(w, k, side, p, &rib))
		return SIZE_MAX;
	sync_block(w, k);
	return view_block_row(w, k) + rib;
}

/* Could block k hold text of `version`? */
static bool
may_hold(const struct view *w, uint32_t k, int version)
{
	const struct block *bl = &w->al->block[k];

	if (w->lz->opts.inline_view)
		return version == 1 ? bl->nb > 0 : true;
	return version ? bl->nb > 0 : bl->na > 0;
}

size_t
view_text_after(struct view *w, int version, size_t v, bool at)
{
	const struct text *t = version ? w->al->b->text : w->al->a->text;
	struct view_row vr;
	uint32_t k = 0;
	size_t rib = 0, first;

	if (v >= w->total)
		return t->len;
	if (view_row(w, v, &vr) && vr.r != NULL) {
		k = vr.block;
		rib = vr.rib + !at;
	}
	for (; k < w->nblock; k++, rib = 0) {
		if (!may_hold(w, k, version))
			continue;
		for (;;) {
			const struct render *r = render_lazy_rows(w->lz, k, rib,
								  &first);
			size_t j;

			if (r == NULL)
				break;
			for (j = rib - first; j < r->nrow; j++, rib++) {
				uint32_t off = render_row_offset(r, j, version);

				if (off != UINT32_MAX)
					return off;
			}
		}
	}
	return t->len;
}

/* The paragraph of d holding offset off (the last starting at or before). */
static uint32_t
para_at(const struct doc *d, uint32_t off)
{
	size_t lo = 0, hi = d->npara;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (d->para[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? (uint32_t)lo - 1 : 0;
}

/*
 * The view row of block k's row rib, or the fold hiding it; the block
 * counted as far as that row (a giant piece's part: render.h).
 */
static size_t
block_view_row(struct view *w, uint32_t k, size_t rib)
{
	if (w->hide[k])
		return view_block_row(w, k);
	sync_block(w, k);
	return view_block_row(w, k) + rib;
}

size_t
view_offset_row(struct view *w, int version, uint32_t off)
{
	const struct doc *d = version ? w->al->b : w->al->a;
	uint32_t p, k, kk;
	size_t rib, first;

	if (d->npara == 0)
		return 0;
	if (w->para_block[0] == NULL)
		map_paras(w);
	p = para_at(d, off);
	/* Inline, B's paragraphs are on side 0's rows but in para[1]. */
	k = w->para_block[version][p];
	while (k == UINT32_MAX && p > 0)
		k = w->para_block[version][--p];
	if (k == UINT32_MAX)
		return 0;
	/* The last row of the block, or of one before, starting at or
	   before off. */
	for (kk = k + 1; kk-- > 0;) {
		size_t best = SIZE_MAX;

		if (!may_hold(w, kk, version))
			continue;
		/* In a giant paragraph: its segment there, laid out. */
		if (kk == k && render_lazy_giant_offset(w->lz, kk, version,
							off, &rib))
			return block_view_row(w, kk, rib);
		for (rib = 0;;) {
			const struct render *r = render_lazy_rows(w->lz, kk, rib,
								  &first);
			size_t j;

			if (r == NULL)
				break;
			for (j = rib - first; j < r->nrow; j++, rib++) {
				uint32_t o = render_row_offset(r, j, version);

				if (o != UINT32_MAX && o <= off)
					best = rib;
				else if (o != UINT32_MAX && best != SIZE_MAX)
					break;
			}
			if (j < r->nrow)
				break;
		}
		if (best != SIZE_MAX)
			return block_view_row(w, kk, best);
	}
	return 0;
}
