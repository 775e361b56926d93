/*
 * rowindex.h — the browser's view rows over the lazy layout (render.h):
 * which block and which row of it each row of the screen shows, without
 * laying out what is not shown.
 *
 * View rows are the layout's rows in order, except that each run of
 * hidden blocks (hide[k] 1: unchanged, folded in the changes-only view;
 * 2: boilerplate) is one fold row; a run of one kind goes on across
 * blocks that have no rows.  So each block has some view rows: its
 * layout rows, 1 for the block that opens a fold, 0 for one that joins
 * the fold above.
 *
 * Laziness.  A block's layout rows are counted (render_lazy_block_rows)
 * the first time one of its rows is asked for, and estimated from the
 * length of its paragraphs before; view rows are numbered with the
 * estimates, in a Fenwick tree of the blocks' view rows, so that a
 * block's first row and the block of a row cost O(log blocks).  When a
 * block is counted the rows after it are renumbered: the positions given
 * to view_track() move with their rows.  What is drawn is always exact:
 * a row is only read from a counted block, and a move relative to a
 * position (scrolling, paging, "two rows above the change") first counts
 * the blocks it goes over (view_settle), so it lands where a layout of
 * everything would; absolute positions (the bottom, N%) count what they
 * need (view_settle_end, view_count_all).  view_idle() counts the rest a
 * little at a time while the browser waits for a key, after which every
 * number is exact.  A block with a giant paragraph is numbered as the
 * layout numbers it, its segments (render.h) estimated till counted: a
 * row of it, or a move over it, counts the segments it needs, and the
 * layout tells the view (render_lazy_on_rows) to renumber what follows.
 *
 * Search and go-to find rows by text offset or paragraph through the
 * docs' paragraphs and the blocks that hold them, laying out only the
 * block found.  In the inline layout, where A's words of a moved passage
 * show at both ends, A's paragraphs are looked for at the source.
 */
#ifndef VERSUS_ROWINDEX_H
#define VERSUS_ROWINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "render.h"

/* Positions kept on their rows through renumbering, at most. */
#define VIEW_TRACK_MAX	8

struct view {
	struct render_lazy *lz;		/* borrowed */
	const struct alignment *al;
	size_t nblock;
	uint8_t *hide;		/* per block: 0 shown, 1 or 2 folded (owned) */
	uint8_t *joined;	/* per block: hidden, in the fold above */
	uint8_t *exact;		/* per block: rows[] is its count */
	uint32_t *rows;		/* per block: its view rows, as known now */
	size_t *fen;		/* Fenwick tree over rows[] (1-based) */
	size_t total;		/* the sum of rows[] */
	size_t nexact;		/* blocks with exact rows */
	uint32_t idle;		/* view_idle's next block */
	uint32_t *para_block[2];	/* block showing each paragraph */
	size_t *track[VIEW_TRACK_MAX];
	size_t ntrack;
};

/* One view row, as view_row() finds it. */
struct view_row {
	const struct render *r;	/* the laid out piece holding it; NULL: a fold */
	size_t i;		/* the row in r */
	uint32_t block;		/* its block (a fold: the first folded) */
	size_t rib;		/* the row in its block */
	uint32_t nfold;		/* a fold: paragraphs folded into it */
	bool boiler;		/* a fold of boilerplate */
};

/*
 * Set w up over lz, hide[] (nblock entries, copied; NULL: nothing
 * hidden).  Blocks lz has counted already are exact at once.  w becomes
 * lz's hook (render_lazy_on_rows) till another view over lz is set up:
 * w must stay in place (freed, it is left empty) while lz is used.
 */
void view_init(struct view *w, struct render_lazy *lz, const uint8_t *hide);
void view_free(struct view *w);

/* Keep *pos on its row when rows before it are renumbered (or stop). */
void view_track(struct view *w, size_t *pos);
void view_untrack(struct view *w, size_t *pos);

/* View rows (exact once view_all_exact()). */
size_t view_count(const struct view *w);
bool view_all_exact(const struct view *w);

/* The first view row of block k, or the fold hiding it. */
size_t view_block_row(const struct view *w, uint32_t k);

/* The block holding view row v (v < view_count()). */
uint32_t view_block_at(const struct view *w, size_t v);

/*
 * View row v, its block counted and its piece laid out: false when v is
 * past the end.  out->r stays valid while the rows asked for next are
 * near it (render_lazy_piece's cache): read it before going far.
 */
bool view_row(struct view *w, size_t v, struct view_row *out);

/*
 * When view row v is in a giant piece of the layout (render.h): its first
 * and last view rows as numbered now, between which each side shows one
 * paragraph or none; otherwise false.
 */
bool view_giant_rows(struct view *w, size_t v, size_t *first, size_t *last);

/*
 * Count the blocks holding rows [*p - back, *p + fwd), keeping *p on its
 * row, so that positions in that range are exact relative to *p.
 */
void view_settle(struct view *w, size_t *p, size_t back, size_t fwd);

/* Count the blocks holding the last n rows. */
void view_settle_end(struct view *w, size_t n);

/* Count every block. */
void view_count_all(struct view *w);

/*
 * Count blocks for about `ms` milliseconds (from the top, then on);
 * returns true while some are left.
 */
bool view_idle(struct view *w, double ms);

/*
 * The view row of paragraph p of a side (RENDER_LEFT / RENDER_RIGHT):
 * its first row, or SIZE_MAX; *folded tells whether a fold hides it.
 */
size_t view_para_row(struct view *w, int side, uint32_t p, bool *folded);

/*
 * Search's start: the offset of the first text of version `version` on
 * the layout rows after view row v (at or after it with `at`), whether
 * shown or folded, or the text's length; from a fold, from the top; from
 * past the last row, the text's length.
 */
size_t view_text_after(struct view *w, int version, size_t v, bool at);

/*
 * The view row showing offset off of version `version`: the last row
 * whose first text of that version starts at or before off (or the fold
 * hiding it).
 */
size_t view_offset_row(struct view *w, int version, uint32_t off);

#endif
