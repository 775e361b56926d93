/*
 * test-rowindex.c — properties of the browser's row index (rowindex.h)
 * over generated pairs, in both layouts at several widths: every offset
 * is inside the text of the version it is indexed under (issue 19.1: the
 * inline layout's B offsets were once looked up in A), each row holding
 * a version's text is indexed once, at its first span of that version,
 * and in the side-by-side layout a lookup by offset finds the span's row.
 */
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

/* The properties of one layout; returns the number of violations. */
static int
check(const struct render *r, const char *what)
{
	struct row_index x[2];
	int v, s, bad = 0;
	size_t i, k;

	row_index_build(x, r);
	for (v = 0; v < 2; v++)
		for (k = 0; k < x[v].n; k++) {
			if (x[v].off[k] >= len_of(r, v) ||
			    x[v].row[k] >= r->nrow ||
			    (k > 0 && x[v].row[k] <= x[v].row[k - 1])) {
				if (bad++ == 0)
					printf("# %s: version %d entry %zu: "
					       "row %u off %u, text %zu\n",
					       what, v, k, x[v].row[k],
					       x[v].off[k], len_of(r, v));
			}
		}
	for (i = 0; i < r->nrow; i++) {
		const struct render_row *rw = &r->row[i];
		bool first[2] = { true, true };

		for (s = 0; s < 2; s++) {
			if (rw->cell[s] != CELL_TEXT)
				continue;
			for (k = 0; k < rw->nspan[s]; k++) {
				const struct render_span *sp =
					&r->span[rw->span[s] + k];
				size_t e;

				if (sp->flags & SPAN_NOTE)
					continue;
				v = render_span_version(r, s, sp);
				e = row_index_from_row(&x[v], i);
				if (sp->off + sp->len > len_of(r, v) ||
				    e >= x[v].n || x[v].row[e] != i ||
				    (first[v] && x[v].off[e] != sp->off)) {
					if (bad++ == 0)
						printf("# %s: row %zu span %zu "
						       "not indexed\n", what,
						       i, k);
				}
				first[v] = false;
				if (!r->opts.inline_view &&
				    x[v].row[row_index_at(&x[v], sp->off)] != i) {
					if (bad++ == 0)
						printf("# %s: offset %u of row "
						       "%zu found elsewhere\n",
						       what, sp->off, i);
				}
			}
		}
	}
	(void)text_of;
	row_index_free(x);
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
	int round, bad = 0, layouts = 0, lazy_bad = 0;

	for (round = 0; round < 60; round++) {
		/* Short against long and long against short, and alike. */
		unsigned na = 1 + rnd(round % 3 == 0 ? 3 : 40);
		unsigned nb = 1 + rnd(round % 3 == 1 ? 3 : 40);
		char *a = gen(na, 30), *b = round % 3 == 2 ? mutate(a) :
			gen(nb, 30);
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
				bad += check(r, what);
				lazy_bad += check_lazy(r, &o, round % 4 < 2,
						       what);
				layouts++;
				render_free(r);
			}
		pair_close(&p);
		free(a);
		free(b);
	}
	ok(bad == 0, "%d layouts: every index entry inside its version's "
	   "text, every text row indexed, lookups land on the row", layouts);
	ok(lazy_bad == 0, "%d layouts: the lazy layout has the same rows, "
	   "block by block and piece by piece", layouts);

	/* The case of issue 19.1: a short A against a long B, inline. */
	{
		struct pair p;
		struct render_opts o = { 79, false, false, true };
		struct render *r;
		struct row_index x[2];

		pair_open(&p, "Short.\n", "A much longer paragraph of words "
			  "than the left has, in Lisbon, said the court.\n\n"
			  "And another one after it, with the plant.\n");
		r = render_build(p.al, &o);
		row_index_build(x, r);
		ok(x[0].n > 0 && x[0].off[x[0].n - 1] < p.ta->len,
		   "inline: A's entries are A's offsets");
		ok(x[1].n > 0 && x[1].off[x[1].n - 1] < p.tb->len &&
		   x[1].off[x[1].n - 1] > p.ta->len,
		   "inline: B's entries are B's offsets");
		row_index_free(x);
		render_free(r);
		pair_close(&p);
	}
	return done_testing();
}
