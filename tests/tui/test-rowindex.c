/*
 * test-rowindex.c — properties of the lazy layout (render.h) and of the
 * browser's view rows over it (rowindex.h), over generated pairs, in both
 * layouts at several widths, some blocks folded: the pieces are
 * render_build's rows; the view's rows, read from nothing counted, are
 * the plain fold-by-fold ones; block starts, tracked positions, offsets,
 * paragraphs and search starts land on the rows a whole layout has them
 * on; every offset is inside the text of its version (issue 19.1: the
 * inline layout's B offsets were once looked up in A).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/pair.h"
#include "render.h"
#include "rowindex.h"
#include "tap.h"

static unsigned long seed = 19;

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((seed >> 33) % n);
}

static const char *const words[] = {
	"the", "plant", "will", "make", "cells", "in", "Lisbon", "said",
	"Müller", "percent", "jobs", "a", "court", "permit", "naïve",
	"shares", "rose", "—", "“quoted”", "1,200", "capacity", "of",
};
#define NWORDS (sizeof words / sizeof words[0])

static void
put(char **s, size_t *n, size_t *cap, const char *w)
{
	size_t l = strlen(w);

	if (*n + l + 1 > *cap) {
		*cap = (*n + l + 1) * 2;
		*s = realloc(*s, *cap);
	}
	memcpy(*s + *n, w, l + 1);
	*n += l;
}

/* npara paragraphs of up to maxw words, or one per sentence of A. */
static char *
gen(unsigned npara, unsigned maxw)
{
	char *s = NULL;
	size_t n = 0, cap = 0;
	unsigned p, w, nw;

	put(&s, &n, &cap, "");
	for (p = 0; p < npara; p++) {
		nw = 1 + rnd(maxw);
		for (w = 0; w < nw; w++) {
			put(&s, &n, &cap, words[rnd(NWORDS)]);
			put(&s, &n, &cap, w + 1 < nw ? " " : ".");
		}
		put(&s, &n, &cap, "\n\n");
	}
	return s;
}

/* B: A's paragraphs, some dropped, changed, repeated or moved. */
static char *
mutate(const char *a)
{
	char *s = NULL, *copy = malloc(strlen(a) + 1), *para[512], *tok;
	size_t n = 0, cap = 0;
	unsigned np = 0, i;

	memcpy(copy, a, strlen(a) + 1);
	put(&s, &n, &cap, "");
	for (tok = strtok(copy, "\n"); tok && np < 512; tok = strtok(NULL, "\n"))
		para[np++] = tok;
	for (i = 0; i < np; i++) {
		unsigned r = rnd(10), j = i;

		if (r == 0)
			continue;
		if (r == 1 && np > 1)
			j = rnd(np);
		put(&s, &n, &cap, para[j]);
		if (r == 2)
			put(&s, &n, &cap, " added words in Lisbon.");
		if (r == 3)
			put(&s, &n, &cap, "\n\nA new paragraph of the court.");
		put(&s, &n, &cap, "\n\n");
	}
	free(copy);
	return s;
}

static const char *
text_of(const struct render *r, int v)
{
	return v ? (const char *)r->al->b->text->data :
		(const char *)r->al->a->text->data;
}

static size_t
len_of(const struct render *r, int v)
{
	return v ? r->al->b->text->len : r->al->a->text->len;
}

static bool same_row(const struct render *r, size_t i, const struct render *q,
		     size_t j);

/*
 * What a view row shows, to know it again after renumbering: its block
 * and, laid out, its row in its piece (or a giant piece's segment) and
 * where that piece's text starts on each side; a block's rows are
 * renumbered inside it too, as its segments are counted (render.h).
 */
static uint64_t
row_id(const struct view_row *vr)
{
	uint64_t id = (uint64_t)vr->block << 40;
	size_t i;

	if (vr->r == NULL)
		return id;
	id ^= (uint64_t)vr->i << 20 ^ 1;
	for (i = 0; i < vr->r->nrow; i++) {
		uint32_t a = render_row_offset(vr->r, i, 0);
		uint32_t b = render_row_offset(vr->r, i, 1);

		if (a != UINT32_MAX || b != UINT32_MAX)
			return id ^ (uint64_t)a * 0x9e3779b97f4a7c15u ^
				(uint64_t)b * 0xc2b2ae3d27d4eb4fu;
	}
	return id;
}

/* The view rows of r with blocks hidden, built the plain way. */
struct plain {
	uint32_t *row;		/* layout row, UINT32_MAX: a fold */
	uint32_t *block, *nfold;
	uint8_t *boiler;
	size_t n;
};

static void
plain_build(struct plain *pl, const struct render *r, const uint8_t *hide)
{
	const struct alignment *al = r->al;
	size_t k, i;

	pl->row = malloc((r->nrow + al->nblock + 1) * sizeof *pl->row);
	pl->block = malloc((r->nrow + al->nblock + 1) * sizeof *pl->block);
	pl->nfold = malloc((r->nrow + al->nblock + 1) * sizeof *pl->nfold);
	pl->boiler = malloc(r->nrow + al->nblock + 1);
	pl->n = 0;
	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];
		int h = hide ? hide[k] : 0;

		if (h) {
			uint32_t np = bl->na > bl->nb ? bl->na : bl->nb;

			if (pl->n && pl->row[pl->n - 1] == UINT32_MAX &&
			    pl->boiler[pl->n - 1] == (h == 2)) {
				pl->nfold[pl->n - 1] += np;
				continue;
			}
			pl->row[pl->n] = UINT32_MAX;
			pl->block[pl->n] = (uint32_t)k;
			pl->boiler[pl->n] = h == 2;
			pl->nfold[pl->n++] = np;
			continue;
		}
		for (i = r->block_row[k]; i < r->block_row[k + 1]; i++) {
			pl->row[pl->n] = (uint32_t)i;
			pl->block[pl->n] = (uint32_t)k;
			pl->boiler[pl->n] = 0;
			pl->nfold[pl->n++] = 0;
		}
	}
}

static void
plain_free(struct plain *pl)
{
	free(pl->row);
	free(pl->block);
	free(pl->nfold);
	free(pl->boiler);
}

/*
 * The plain view row of block k: the row showing its first layout row, or
 * the fold holding it (the last one opened at or before it).
 */
static size_t
plain_at(const struct plain *pl, const struct render *r, size_t k,
	 const uint8_t *hide)
{
	size_t v, best = 0;

	for (v = 0; v < pl->n; v++) {
		if (hide && hide[k]) {
			if (pl->row[v] == UINT32_MAX && pl->block[v] <= k)
				best = v;
		} else if (pl->row[v] == r->block_row[k]) {
			return v;
		}
	}
	return best;
}

/*
 * The view (rowindex.h) over the lazy layout of r, some blocks hidden:
 * its rows, read in order from nothing counted, are the plain ones; each
 * block starts where the plain view has it; a position kept with
 * view_track stays on its row while other blocks are counted; and, with
 * nothing hidden, offsets and paragraphs find their rows and search
 * starts where the text of the next row does.
 */
static int
check(const struct render *r, const struct render_opts *o, const char *what)
{
	const struct alignment *al = r->al;
	struct render_lazy *lz = render_lazy_new(al, o);
	uint8_t *hide = NULL;
	struct plain pl;
	struct view w;
	struct view_row vr;
	size_t v, i, k, pos, want;
	int bad = 0, s;

	if (rnd(3)) {
		hide = calloc(al->nblock + 1, 1);
		for (k = 0; k < al->nblock; k++)
			hide[k] = rnd(3) == 0 ? (uint8_t)(1 + rnd(2)) : 0;
	}
	plain_build(&pl, r, hide);

	/* A tracked position, then rows asked for anywhere. */
	view_init(&w, lz, hide);
	if (pl.n > 0) {
		size_t at = rnd((unsigned)pl.n), tries;
		uint64_t was;

		pos = at < view_count(&w) ? at : 0;
		view_row(&w, pos, &vr);
		was = row_id(&vr);
		view_track(&w, &pos);
		for (tries = 0; tries < 20; tries++)
			view_row(&w, rnd((unsigned)view_count(&w) + 1), &vr);
		view_row(&w, pos, &vr);
		if (row_id(&vr) != was) {
			printf("# %s: a tracked row moved\n", what);
			bad++;
		}
	}
	view_free(&w);

	view_init(&w, lz, hide);
	for (v = 0; !bad && view_row(&w, v, &vr); v++) {
		if (v >= pl.n || vr.block != pl.block[v] ||
		    (vr.r == NULL) != (pl.row[v] == UINT32_MAX) ||
		    (vr.r == NULL && (vr.nfold != pl.nfold[v] ||
				      vr.boiler != pl.boiler[v])) ||
		    (vr.r != NULL && (!same_row(r, pl.row[v], vr.r, vr.i) ||
		     vr.rib != pl.row[v] - r->block_row[vr.block]))) {
			printf("# %s: view row %zu differs\n", what, v);
			bad++;
		}
	}
	if (!bad && (v != pl.n || view_count(&w) != pl.n)) {
		printf("# %s: %zu view rows, not %zu\n", what, v, pl.n);
		bad++;
	}
	for (k = 0; !bad && k < al->nblock; k++) {
		want = plain_at(&pl, r, k, hide);
		if (r->block_row[k] < r->block_row[k + 1] &&
		    view_block_row(&w, (uint32_t)k) != want) {
			printf("# %s: block %zu at view row %zu, not %zu "
			       "(hidden %d, joined %d, prev hidden %d, rows %u)\n",
			       what, k, view_block_row(&w, (uint32_t)k), want,
			       hide ? hide[k] : 0, w.joined[k],
			       hide && k ? hide[k - 1] : 0, w.rows[k]);
			bad++;
		}
	}
	for (i = 0; !bad && hide == NULL && i < r->nrow; i++) {
		for (s = 0; s < 2 && !bad; s++) {
			uint32_t off = render_row_offset(r, i, s);
			uint32_t next = UINT32_MAX;
			const struct render_row *rw = &r->row[i];
			size_t j;
			bool folded;

			for (j = i + 1; j < r->nrow && next == UINT32_MAX; j++)
				next = render_row_offset(r, j, s);
			if (next == UINT32_MAX)
				next = s ? (uint32_t)al->b->text->len :
					(uint32_t)al->a->text->len;
			if (view_text_after(&w, s, i, false) != next) {
				printf("# %s: search after row %zu, version "
				       "%d, from %zu, not %u\n", what, i, s,
				       view_text_after(&w, s, i, false), next);
				bad++;
			}
			if (off != UINT32_MAX &&
			    (off >= len_of(r, s) ||
			     (!r->opts.inline_view &&
			      view_offset_row(&w, s, off) != i))) {
				printf("# %s: offset %u of row %zu found at "
				       "%zu\n", what, off, i,
				       view_offset_row(&w, s, off));
				bad++;
			}
			if (!r->opts.inline_view && rw->para[s] != RENDER_NONE &&
			    (i == 0 || r->row[i - 1].para[s] != rw->para[s]) &&
			    view_para_row(&w, s, rw->para[s], &folded) != i) {
				printf("# %s: paragraph %u of side %d at %zu, "
				       "not %zu\n", what, rw->para[s], s,
				       view_para_row(&w, s, rw->para[s],
						     &folded), i);
				bad++;
			}
		}
	}
	/* From nothing counted (N%), any offset of a row finds that row. */
	for (k = 0; !bad && hide == NULL && !r->opts.inline_view && k < 4 &&
	     r->nrow > 0; k++) {
		struct render_lazy *cold = render_lazy_new(al, o);
		struct view cw;
		uint32_t off, next = UINT32_MAX;

		i = rnd((unsigned)r->nrow);
		s = (int)rnd(2);
		off = render_row_offset(r, i, s);
		for (v = i + 1; v < r->nrow && next == UINT32_MAX; v++)
			next = render_row_offset(r, v, s);
		if (next == UINT32_MAX)
			next = (uint32_t)len_of(r, s);
		if (off != UINT32_MAX && next > off)
			off += rnd(next - off);
		view_init(&cw, cold, NULL);
		if (off != UINT32_MAX &&
		    (!view_row(&cw, view_offset_row(&cw, s, off), &vr) ||
		     vr.block != pl.block[i] || vr.r == NULL ||
		     !same_row(r, i, vr.r, vr.i))) {
			printf("# %s: offset %u of row %zu, nothing counted, "
			       "found in block %u row %zu\n", what, off, i,
			       vr.block, vr.rib);
			bad++;
		}
		view_free(&cw);
		render_lazy_free(cold);
	}
	(void)text_of;
	view_free(&w);
	render_lazy_free(lz);
	plain_free(&pl);
	free(hide);
	return bad;
}

static bool
same_span(const struct render *r, const struct render_span *x,
	  const struct render *q, const struct render_span *y)
{
	if (x->col != y->col || x->width != y->width || x->style != y->style ||
	    x->flags != y->flags || x->len != y->len)
		return false;
	if (x->flags & SPAN_NOTE)
		return memcmp(r->note + x->off, q->note + y->off, x->len) == 0;
	return x->off == y->off;
}

/* Row i of r against row j of q, a piece of the lazy layout. */
static bool
same_row(const struct render *r, size_t i, const struct render *q, size_t j)
{
	const struct render_row *x = &r->row[i], *y = &q->row[j];
	int s;
	uint32_t k;

	if (x->block != y->block || x->mark != y->mark)
		return false;
	for (s = 0; s < 2; s++) {
		if (x->para[s] != y->para[s] || x->cell[s] != y->cell[s] ||
		    x->nspan[s] != y->nspan[s])
			return false;
		for (k = 0; x->cell[s] == CELL_TEXT && k < x->nspan[s]; k++)
			if (!same_span(r, &r->span[x->span[s] + k], q,
				       &q->span[y->span[s] + k]))
				return false;
	}
	return true;
}

/*
 * The lazy layout (render_lazy_*) has render_build's rows: block by block
 * the same count, whether counted before or after its pieces are laid out,
 * and piece by piece the same rows; and render_lazy_rows finds each row.
 */
static int
check_lazy(const struct render *r, const struct render_opts *o, bool count,
	   const char *what)
{
	struct render_lazy *lz = render_lazy_new(r->al, o);
	int bad = 0;
	uint32_t bi, g;

	if (lz->pane != r->pane || lz->width != r->width) {
		printf("# %s: lazy geometry differs\n", what);
		bad++;
	}
	for (bi = 0; bi < r->al->nblock && !bad; bi++) {
		size_t n = r->block_row[bi + 1] - r->block_row[bi], i = 0, j;
		size_t first;

		if (count && render_lazy_block_rows(lz, bi) != n) {
			printf("# %s: block %u counts %zu rows, not %zu\n",
			       what, bi, render_lazy_block_rows(lz, bi), n);
			bad++;
		}
		for (g = 0; g < render_lazy_pieces(lz, bi) && !bad; g++) {
			const struct render *q = render_lazy_piece(lz, bi, g);

			for (j = 0; j < q->nrow && !bad; j++, i++)
				if (i >= n || !same_row(r, r->block_row[bi] + i,
							q, j)) {
					printf("# %s: block %u row %zu "
					       "differs\n", what, bi, i);
					bad++;
				}
		}
		if (!bad && (i != n || render_lazy_block_rows(lz, bi) != n)) {
			printf("# %s: block %u has %zu rows, not %zu\n", what,
			       bi, i, n);
			bad++;
		}
		for (i = 0; i < n && !bad; i++) {
			const struct render *q = render_lazy_rows(lz, bi, i,
								  &first);

			if (q == NULL || i - first >= q->nrow ||
			    !same_row(r, r->block_row[bi] + i, q, i - first)) {
				printf("# %s: block %u row %zu not found\n",
				       what, bi, i);
				bad++;
			}
		}
	}
	render_lazy_free(lz);
	return bad;
}

int
main(void)
{
	static const unsigned widths[] = { 40, 61, 79, 100, 163 };
	const struct render_lazy_tuning dflt = render_lazy_tuning;
	const struct render_lazy_tuning tiny = { 150, 48 };
	int round, bad = 0, layouts = 0, lazy_bad = 0, giant_bad = 0;

	for (round = 0; round < 120; round++) {
		/*
		 * Short against long and long against short, and alike; from
		 * round 60 on, paragraphs over 150 bytes are giant, laid out
		 * in segments of about 48 bytes.
		 */
		bool small = round >= 60;
		unsigned maxw = small ? 90 : 30;
		unsigned na = 1 + rnd(round % 3 == 0 ? 3 : 40);
		unsigned nb = 1 + rnd(round % 3 == 1 ? 3 : 40);
		char *a = gen(na, maxw), *b = round % 3 == 2 ? mutate(a) :
			gen(nb, maxw);

		render_lazy_tuning = small ? tiny : dflt;
		struct pair p;
		size_t w;
		int in;

		pair_open(&p, a, b);
		for (w = 0; w < sizeof widths / sizeof widths[0]; w++)
			for (in = 0; in < 2; in++) {
				struct render_opts o = { 0 };
				struct render *r;
				char what[64];

				o.width = widths[w];
				o.inline_view = in;
				o.brackets = round % 2;
				r = render_build(p.al, &o);
				snprintf(what, sizeof what, "round %d, %u %s",
					 round, widths[w],
					 in ? "inline" : "side by side");
				bad += check(r, &o, what);
				*(small ? &giant_bad : &lazy_bad) +=
					check_lazy(r, &o, round % 4 < 2, what);
				layouts++;
				render_free(r);
			}
		pair_close(&p);
		free(a);
		free(b);
	}
	ok(bad == 0, "%d layouts: the view's rows, folds and block starts "
	   "are the plain ones, tracked rows stay put, offsets and "
	   "paragraphs find their rows", layouts);
	ok(lazy_bad == 0, "%d layouts: the lazy layout has the same rows, "
	   "block by block and piece by piece", layouts / 2);
	ok(giant_bad == 0, "%d layouts: giant paragraphs laid out a segment at "
	   "a time have the same rows", layouts / 2);
	render_lazy_tuning = dflt;

	/* The case of issue 19.1: a short A against a long B, inline. */
	{
		struct pair p;
		struct render_opts o = { 79, false, false, true };
		struct render_lazy *lz;
		struct view w;

		pair_open(&p, "Short.\n", "A much longer paragraph of words "
			  "than the left has, in Lisbon, said the court.\n\n"
			  "And another one after it, with the plant.\n");
		lz = render_lazy_new(p.al, &o);
		view_init(&w, lz, NULL);
		ok(view_text_after(&w, 0, 0, true) < p.ta->len,
		   "inline: A's search starts at an offset of A");
		ok(view_text_after(&w, 1, 0, true) < p.tb->len &&
		   view_text_after(&w, 1, 2, false) > p.ta->len &&
		   view_text_after(&w, 1, 2, false) < p.tb->len,
		   "inline: B's search starts at offsets of B");
		view_free(&w);
		render_lazy_free(lz);
		pair_close(&p);
	}
	return done_testing();
}
