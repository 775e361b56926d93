/*
 * presence.h — every version at once: which versions carry each passage.
 *
 * A presence table is a CollateX-style alignment table at paragraph level
 * over N versions, built from the pairwise alignments of one base version
 * with every other.  Its rows are:
 *
 *  - the base's paragraphs, in order, and
 *  - interleaved with them, the passages absent from the base: each
 *    paragraph of another version in an inserted block (BLOCK_INSERTED,
 *    not a move) is an insertion row, unless it is the same passage as an
 *    insertion row already made for a lower version.
 *
 * Each row has one cell per version: the paragraph(s) of that version
 * carrying the passage, or none.
 *
 * Where insertions go.  An insertion row sits in the gap after the base
 * paragraph that precedes it in the alignment's reading order, that is
 * after the base paragraphs of every block before its block (so after the
 * base paragraphs it replaced, as the pairwise view shows them), or before
 * the first base row.  Inside one gap, a version's insertions keep that
 * version's order: a new passage goes after the last row of the gap that
 * the same version carries, or, when none precedes it, before the first
 * one that follows it, or else at the end of the gap (so the rows of
 * lower versions come first).
 *
 * Same passage.  Versions are taken in index order; a paragraph inserted
 * by version v is the passage of an existing insertion row that v does
 * not carry yet when
 *  1. their comparison units have the same fold keys, in order (cmpkeys.h:
 *     the docs must have been classified by one struct cmpkeys) — the k-th
 *     such paragraph of v takes the k-th such row, wherever it is; or
 *  2. failing that, they share words: the Dice coefficient of their
 *     multisets of word and number fold keys, 2 * common / (a + b), is at
 *     least PRESENCE_SIMILAR (0.6), against the rows of the same gap (at
 *     most PRESENCE_WINDOW of them from the version's last matched row on)
 *     and of the two neighbouring gaps (at most PRESENCE_WINDOW each, from
 *     their start), the best one winning, or the first that reaches 0.8
 *     (in that order); and when the version dropped the base paragraphs
 *     before the gap, of the gaps among them (at most PRESENCE_WINDOW);
 *     and ahead, up to PRESENCE_WINDOW gaps, of the rows whose version
 *     had dropped the base paragraphs up to this gap.  A paragraph
 *     without words matches by 1 only.
 * The window bounds the work: a version that inserts a long run of
 * paragraphs compares each with a few rows, never with all of them.
 *
 * Merges and splits that the alignments with the base cannot see are
 * found once all rows are made, between rows at most 4 apart:
 *  - a row whose versions each carry it with the paragraph right after
 *    (or before) their paragraph(s) in a neighbouring row folds into
 *    that row when this makes each version's paragraphs more like the
 *    neighbour's passage (Dice): the row goes and the cells grow
 *    (npara), as when the neighbour came from a version that kept as
 *    one paragraph what these versions split;
 *  - a row that a version lacks is carried by its paragraph(s) of a
 *    nearby row when at least PRESENCE_SIMILAR of the row's words are
 *    left in them besides the words of the rows they already stand for,
 *    and their Dice coefficient with all those rows grows: the version
 *    merged the passages, and the same cell appears in each row.
 * So a paragraph of a version may sit in several rows, always with one
 * cell.
 *
 * First and unique.  `first` is the lowest version index carrying the row
 * (for an insertion row, the version that introduced it);
 * `nversions_carrying` counts the versions carrying it and `unique` says
 * that it is one.
 *
 * Lifetime: a presence borrows the docs (the pointer array is copied) and
 * must not outlive them; the alignments are not needed after
 * presence_build().
 */
#ifndef VERSUS_PRESENCE_H
#define VERSUS_PRESENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "align.h"
#include "doc.h"
#include "text.h"

#define PRESENCE_SIMILAR	0.6
#define PRESENCE_WINDOW		16

enum presence_state {
	PRESENCE_ABSENT,	/* the version does not carry the passage */
	PRESENCE_SAME,		/* carries it with at most cosmetic changes */
	PRESENCE_CHANGED,	/* carries it with substantive changes */
	PRESENCE_MOVED,		/* carries it at another place (a move) */
};

struct presence_cell {
	int32_t para;		/* first paragraph carrying it, or -1 */
	uint32_t npara;		/* paragraphs carrying it (a split), or 0 */
	/*
	 * The block of al[v] holding the version's paragraph (for a move,
	 * the inserted end); -1 for the base's own cells and when absent.
	 */
	int32_t block;
	uint8_t state;		/* enum presence_state */
};

struct presence_row {
	int32_t base_para;	/* paragraph of the base, -1 for an insertion */
	/*
	 * For an insertion, the base paragraph it follows (-1: it comes
	 * before the first); for a base row, base_para.
	 */
	int32_t after;
	struct presence_cell *cell;	/* nversions cells */
	uint32_t first;			/* lowest version carrying it */
	uint32_t nversions_carrying;
	bool unique;			/* nversions_carrying == 1 */
};

struct presence {
	struct doc **docs;		/* borrowed, nversions */
	size_t nversions, base;
	struct presence_row *row;
	size_t nrow;
	struct presence_cell *cells;	/* nrow * nversions, row-major */
	size_t ninserted;		/* insertion rows */
	size_t nunique;			/* rows carried by one version only */
};

/*
 * The table of docs[0 .. n-1] around docs[base]: al[v] must be
 * align_build(docs[base], docs[v], ...) for every v != base (al[base] is
 * ignored, may be NULL).  Never fails.
 */
struct presence *presence_build(struct doc *const *docs, size_t n,
				size_t base, struct alignment *const *al);

void presence_free(struct presence *p);

/*
 * The version that carried the passage of row `row` first in time: of the
 * versions carrying it, the one with the earliest known date (its text's
 * `when`), the lowest index among equals; when none has a date,
 * row->first.  *when gets that date (seconds since 1970 UTC), 0 when
 * unknown.
 */
size_t presence_first_carrier(const struct presence *p, size_t row,
			      long long *when);

#endif
