/*
 * folds.c — opening and closing one fold of unchanged paragraphs, as
 * vim's zo and zc do, where fold-unchanged and unfold-unchanged act on
 * all of them.
 *
 * The changes-only view folds every run of unchanged blocks; a run the
 * reader opened stays open, a flag per block of the pair on screen
 * (browser.fold_open), until the whole view is folded or unfolded again
 * or another pair comes on screen.  "The fold under the cursor" is, for
 * want of a cursor, the first fold on the screen (open-fold) or the first
 * run of unchanged paragraphs on it (close-fold); a click on a fold row
 * opens that one.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "browse.h"
#include "xalloc.h"

/* Are the flags those of the pair on screen? */
static bool
flags_current(const struct browser *b)
{
	return b->fold_open != NULL && b->fold_al == b->al &&
		b->fold_n == b->al->nblock;
}

bool
browse_fold_opened(const struct browser *b, size_t k)
{
	return flags_current(b) && b->fold_open[k];
}

void
browse_folds_reset(struct browser *b)
{
	free(b->fold_open);
	b->fold_open = NULL;
	b->fold_al = NULL;
	b->fold_n = 0;
}

/* Flags for the pair on screen, every block set to `open`. */
static void
flags_fresh(struct browser *b, bool open)
{
	browse_folds_reset(b);
	b->fold_n = b->al->nblock;
	b->fold_open = xmalloc(b->fold_n + 1);
	memset(b->fold_open, open, b->fold_n + 1);
	b->fold_al = b->al;
}

/* An unchanged block, one the changes-only view folds? */
static bool
unchanged(const struct browser *b, size_t k)
{
	const struct block *bl = &b->al->block[k];

	return bl->kind == BLOCK_EQUAL &&
		!(bl->cosmetic && b->cosmetic != COSMETIC_HIDDEN);
}

/* Open the fold of unchanged paragraphs that starts at block k. */
static int
open_at(struct browser *b, uint32_t k, uint32_t nfold)
{
	size_t end;

	if (!flags_current(b))
		flags_fresh(b, false);
	b->fold_open[k] = 1;
	for (end = k + 1; end < b->al->nblock && b->view.joined != NULL &&
	     b->view.joined[end]; end++)
		b->fold_open[end] = 1;
	browse_message(b, false, "%u unchanged paragraph%s unfolded",
		       (unsigned)nfold, nfold == 1 ? "" : "s");
	return RE_LAYOUT;
}

int
browse_fold_click(struct browser *b, size_t v)
{
	struct view_row vr;

	if (b->view.hide == NULL || !view_row(&b->view, v, &vr) ||
	    vr.r != NULL || vr.boiler)
		return RE_NONE;
	return open_at(b, vr.block, vr.nfold);
}

/* The first fold of unchanged paragraphs on the screen, if any. */
static int
open_fold(struct browser *b)
{
	size_t rows = (size_t)browse_text_rows(), v;
	struct view_row vr;

	view_settle(&b->view, &b->top, 0, rows);	/* exact rows */
	for (v = b->top; b->view.hide != NULL && v < b->top + rows &&
	     view_row(&b->view, v, &vr); v++)
		if (vr.r == NULL && !vr.boiler)
			return open_at(b, vr.block, vr.nfold);
	browse_message(b, false, "no fold on the screen");
	return RE_DRAW;
}

/* Fold the first run of unchanged paragraphs on the screen back. */
static int
close_fold(struct browser *b)
{
	size_t rows = (size_t)browse_text_rows(), v, k = SIZE_MAX, lo, hi, n;
	struct view_row vr;

	view_settle(&b->view, &b->top, 0, rows);	/* exact rows */
	for (v = b->top; v < b->top + rows && view_row(&b->view, v, &vr);
	     v++) {
		if (vr.r != NULL && unchanged(b, vr.block)) {
			k = vr.block;
			break;
		}
	}
	if (k == SIZE_MAX) {
		browse_message(b, false, "no unchanged paragraph on the "
			       "screen to fold");
		return RE_DRAW;
	}
	if (!b->changes_only) {
		/* Fold this run only: every other one stays open. */
		b->changes_only = true;
		flags_fresh(b, true);
	} else if (!flags_current(b)) {
		flags_fresh(b, false);
	}
	for (lo = k; lo > 0 && unchanged(b, lo - 1); lo--)
		;
	for (hi = k + 1; hi < b->al->nblock && unchanged(b, hi); hi++)
		;
	memset(b->fold_open + lo, 0, hi - lo);
	for (n = 0, k = lo; k < hi; k++)
		n += b->al->block[k].na > b->al->block[k].nb ?
			b->al->block[k].na : b->al->block[k].nb;
	browse_message(b, false, "%zu unchanged paragraph%s folded", n,
		       n == 1 ? "" : "s");
	return RE_LAYOUT;
}

/*
 * The block holding paragraph p of a side: the first whose paragraphs
 * end after p, by binary search, since each side's paragraphs come in
 * block order.  UINT32_MAX when none holds it.
 */
static uint32_t
para_block(const struct alignment *al, int side, uint32_t p)
{
	size_t lo = 0, hi = al->nblock;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct block *bl = &al->block[mid];

		if ((side ? bl->b + bl->nb : bl->a + bl->na) <= p)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < al->nblock && (side ? al->block[lo].b : al->block[lo].a) <= p)
		return (uint32_t)lo;
	return UINT32_MAX;
}

void
browse_fold_open_para(struct browser *b, int side, uint32_t p)
{
	uint32_t k = para_block(b->al, side, p);
	size_t lo, hi;

	if (k >= b->al->nblock || !unchanged(b, k))
		return;
	if (!flags_current(b))
		flags_fresh(b, false);
	for (lo = k; lo > 0 && unchanged(b, lo - 1); lo--)
		;
	for (hi = k + 1; hi < b->al->nblock && unchanged(b, hi); hi++)
		;
	memset(b->fold_open + lo, 1, hi - lo);
}

int
act_fold_one(struct browser *b, int action, unsigned count)
{
	(void)count;
	if (b->r == NULL)
		return RE_NONE;
	return action == ACTION_OPEN_FOLD ? open_fold(b) : close_fold(b);
}
