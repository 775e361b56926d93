/*
 * rowindex.c — each version's text rows in a layout, by offset (see
 * rowindex.h): built once per layout, looked up by binary search.
 */
#include <stdlib.h>
#include <string.h>

#include "rowindex.h"
#include "xalloc.h"

void
row_index_build(struct row_index x[2], const struct render *r)
{
	size_t i;
	int v, s;

	for (v = 0; v < 2; v++) {
		x[v].row = xmalloc((r->nrow + 1) * sizeof *x[v].row);
		x[v].off = xmalloc((r->nrow + 1) * sizeof *x[v].off);
		x[v].n = 0;
	}
	for (i = 0; i < r->nrow; i++) {
		const struct render_row *rw = &r->row[i];

		for (s = 0; s < 2; s++) {
			bool seen[2] = { false, false };
			uint32_t k;

			if (rw->cell[s] != CELL_TEXT)
				continue;
			for (k = 0; k < rw->nspan[s]; k++) {
				const struct render_span *sp =
					&r->span[rw->span[s] + k];

				if (sp->flags & SPAN_NOTE)
					continue;
				v = render_span_version(r, s, sp);
				if (seen[v] || (x[v].n > 0 &&
				    x[v].row[x[v].n - 1] == (uint32_t)i))
					continue;
				seen[v] = true;
				x[v].row[x[v].n] = (uint32_t)i;
				x[v].off[x[v].n++] = sp->off;
			}
		}
	}
}

void
row_index_free(struct row_index x[2])
{
	int v;

	for (v = 0; v < 2; v++) {
		free(x[v].row);
		free(x[v].off);
		memset(&x[v], 0, sizeof x[v]);
	}
}

size_t
row_index_at(const struct row_index *x, uint32_t off)
{
	size_t lo = 0, hi = x->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (x->off[mid] <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : 0;
}

size_t
row_index_from_row(const struct row_index *x, size_t row)
{
	size_t lo = 0, hi = x->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (x->row[mid] < row)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
