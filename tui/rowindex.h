/*
 * rowindex.h — where each version's text is in a layout, by offset: the
 * browser's search and go-to find a row from a text offset with it.
 *
 * One index per version (RENDER_LEFT is A, RENDER_RIGHT is B), not per
 * side of the screen: in the inline layout every span is on side 0 and
 * names A's or B's bytes (render_span_version()), so an index by side
 * would mix the two texts' offsets.  Every offset in x[v] is inside
 * version v's text; rows come in increasing order.  Offsets are in
 * increasing order in the side-by-side layout; in the inline layout a
 * moved passage may show A's words out of order, so a lookup by offset
 * then finds a row near the words, never one outside the layout.
 */
#ifndef VERSUS_ROWINDEX_H
#define VERSUS_ROWINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "render.h"

struct row_index {
	uint32_t *row;		/* rows holding the version's text, in order */
	uint32_t *off;		/* the offset of each one's first text byte */
	size_t n;
};

/* Build x[RENDER_LEFT] and x[RENDER_RIGHT] for layout r. */
void row_index_build(struct row_index x[2], const struct render *r);

/* Free both indexes and zero them. */
void row_index_free(struct row_index x[2]);

/* The entry holding offset off (the last one starting at or before it). */
size_t row_index_at(const struct row_index *x, uint32_t off);

/* The first entry whose row is at least `row` (x->n if none). */
size_t row_index_from_row(const struct row_index *x, size_t row);

#endif
