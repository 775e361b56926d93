/*
 * render.h — the side-by-side layout: rows of styled spans for a width.
 *
 * render_build() lays an alignment (align.h) out for a terminal of
 * opts->width columns.  Both `versus --print` (cli/print.h) and the TUI
 * draw from the result; the TUI only copies visible rows to the screen.
 * The layout is pure computation: it writes nothing anywhere.
 *
 * Geometry.  A row is a left pane (version A), a gutter of RENDER_GUTTER
 * columns, and a right pane (version B), each pane r->pane columns wide:
 * pane = (width - 3) / 2, but at least RENDER_MIN_PANE (so that the widest
 * escaped character, with brackets, always fits) and at most
 * RENDER_MAX_PANE.  The left pane starts at column 0, the gutter at
 * column pane, the right pane at pane + RENDER_GUTTER.  The gutter is a
 * space, the row's marker, a space.
 *
 * Rows.  Blocks are laid out in reading order, one blank row between two
 * blocks.  A block whose two sides have the same number of paragraphs is
 * laid out pair by pair (paragraph i of A beside paragraph i of B, a blank
 * row between pairs); otherwise (a split, a merge, a deleted or inserted
 * run) each side stacks its paragraphs with one blank row between them.
 * Whichever side of a pair or stack is shorter is padded with filler
 * cells, so every row holds both sides and row i on the left always faces
 * row i on the right: one top row scrolls both panes.  A moved block
 * (block.move != 0) starts, on each side that has text, with a note row
 * "moved to ¶N ▼" (left) or "moved from ¶N ▲" (right), N being the
 * 1-based number of the twin block's first paragraph on the other side, the
 * arrow pointing to where the twin is drawn.
 *
 * Wrapping.  Each paragraph is wrapped to the pane width at the line break
 * opportunities of UAX #14 (libunistring's u8_possible_linebreaks), greedily;
 * a piece between two opportunities that is wider than the pane is broken
 * between characters (never before a zero-width one), so nothing is ever
 * cut off.  Widths are those of width.h's visible forms (CJK 2, combining
 * marks 0, ESC "^[" 2, "<U+202E>" 8, an invalid byte U+FFFD 1).  A
 * TOK_SPACE token, soft line ends included, is drawn as one space and
 * vanishes at the end of a row; a tab anywhere else is drawn as one space
 * too.  With opts->brackets every row's run of deleted words is drawn as
 * "[-...-]" and of inserted words as "{+...+}", closed at the row's end and
 * reopened on the next one; the brackets count in the wrapping.
 *
 * Styles come from the block's word operations: units of WOP_DELETE are
 * STYLE_DELETED, of WOP_INSERT STYLE_INSERTED, of WOP_COSMETIC
 * STYLE_COSMETIC (only with opts->cosmetic; otherwise as equal units), and
 * equal units take the block's unchanged style: STYLE_TEXT in an equal
 * block, STYLE_CHANGED_PARA in a changed one, STYLE_MOVED in a moved one
 * (STYLE_DELETED / STYLE_INSERTED in a plain deleted / inserted block).
 * Tokens that are not units (white space, ignored punctuation) take the
 * style of the units on both sides of them when those agree, else the
 * unchanged style.
 *
 * Spans.  A row's cell on each side is a run of spans in the one shared
 * array r->span: no allocation per row, and drawing costs what is on the
 * screen.  A span names bytes [off, off + len) of its side's text->data
 * (or, with SPAN_NOTE, of r->note) and where it goes: column col of the
 * pane, width columns wide; spans of a row are in column order and do not
 * overlap.  render_span_text() turns a span into the bytes to show: always
 * valid UTF-8 without any control character, bidi control or invalid byte.
 *
 * Markers (r->row[i].mark, a code point): on a block's first row ' ' for an
 * equal block ('≈' when it has cosmetic differences and opts->cosmetic),
 * '~' changed, '-' deleted, '+' inserted, '>' moved away (the A end of a
 * move), '<' moved here (the B end); on the other rows of a block that is
 * not equal '│', so that a split or merge reads as one block; ' ' elsewhere.
 *
 * Inline layout (opts.inline_view, for narrow terminals): one pane of
 * width - RENDER_GUTTER columns after the gutter; every row's text is in
 * cell 0 (cell 1 is blank).  It reads like --inline: B's text, with A's
 * deleted words in place before the words that replaced them, so spans
 * name B's bytes unless flagged SPAN_FROM_A.  A moved passage shows its
 * A text at the source and its word diff at the destination, each after
 * a note row.  --print writes the gutter first, then the text.
 *
 * Cost: linear in the size of the two texts; scratch buffers are reused
 * from paragraph to paragraph.
 *
 * Lifetime: a render borrows the alignment (and so its docs and texts),
 * which must outlive it.  It is immutable once built: on a resize, build a
 * new one.
 */
#ifndef VERSUS_RENDER_H
#define VERSUS_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "align.h"

#define RENDER_GUTTER	3
#define RENDER_MIN_PANE	16
#define RENDER_MAX_PANE	16000

/* A side of a row. */
#define RENDER_LEFT	0	/* version A */
#define RENDER_RIGHT	1	/* version B */

/* "No paragraph" in render_row.para. */
#define RENDER_NONE	UINT32_MAX

enum render_style {
	STYLE_TEXT,		/* unchanged text of an equal block */
	STYLE_DELETED,		/* words removed (left) */
	STYLE_INSERTED,		/* words added (right) */
	STYLE_COSMETIC,		/* words that differ cosmetically only */
	STYLE_MOVED,		/* text of a moved block, and its note */
	STYLE_CHANGED_PARA,	/* unchanged words of a changed paragraph */
	STYLE_FILLER,		/* filler cells (drawn by the caller) */
	STYLE_COUNT
};

enum render_cell {
	CELL_FILLER,		/* nothing faces the other side's text */
	CELL_BLANK,		/* a blank row between paragraphs or blocks */
	CELL_TEXT,		/* a row of a paragraph or a note: spans */
};

enum render_span_flag {
	SPAN_OPEN = 1,		/* draw "[-" or "{+" before the text */
	SPAN_CLOSE = 2,		/* draw "-]" or "+}" after the text */
	SPAN_NOTE = 4,		/* off, len index r->note, not the text */
	SPAN_FROM_A = 8,	/* inline layout: bytes of A, not of B */
};

struct render_span {
	uint32_t off;		/* bytes [off, off + len) of the side's data */
	uint32_t len;
	uint16_t col;		/* first column, inside the pane */
	uint16_t width;		/* display columns, brackets included */
	uint8_t style;		/* enum render_style */
	uint8_t flags;		/* enum render_span_flag */
};

struct render_row {
	uint32_t span[2];	/* first span of each side in r->span */
	uint32_t nspan[2];	/* number of spans of each side */
	uint32_t para[2];	/* paragraph shown on each side, or RENDER_NONE */
	uint32_t block;		/* its block (between blocks: the one above) */
	uint32_t mark;		/* gutter marker, a code point */
	uint8_t cell[2];	/* enum render_cell of each side */
};

struct render_opts {
	unsigned int width;	/* total columns of the terminal */
	bool cosmetic;		/* show cosmetic differences */
	bool brackets;		/* [-deleted-] {+inserted+} marks (no colour) */
	bool inline_view;	/* one pane, wdiff style (see above) */
};

struct render {
	const struct alignment *al;
	struct render_opts opts;
	unsigned int pane;	/* width of each pane */
	unsigned int width;	/* 2 * pane + RENDER_GUTTER */
	struct render_row *row;
	size_t nrow;
	struct render_span *span;
	size_t nspan;
	char *note;		/* the text of note spans (UTF-8) */
	size_t nnote;
	size_t *block_row;	/* first row of each block, then nrow */
};

/* Lay al out.  o may be NULL (width 80, no cosmetic, no brackets). */
struct render *render_build(const struct alignment *al,
			    const struct render_opts *o);

void render_free(struct render *r);

/*
 * The lazy layout: the same rows as render_build(), laid out a piece at a
 * time when asked for, so that the browser's first screen and --print's
 * first line cost what they show, not the whole text.  A piece is a
 * paragraph pair of a block with as many paragraphs on each side, a
 * paragraph of a block with text on one side only, else a whole block
 * (a split, a merge, every block of the inline layout).  Block bi's rows
 * are the rows render_build() puts between block_row[bi] and
 * block_row[bi + 1] (the blank row after a block is the block's), and
 * the rows of its pieces, one after the other, are those rows.
 *
 * render_lazy_block_rows() counts a block's rows (laying each piece out
 * without its spans, once); render_lazy_piece() lays a piece out with its
 * spans, as a render of its own (block_row NULL, rows numbered from 0,
 * spans and notes its own) kept in a direct-mapped cache of 256 pieces
 * (piece number mod 256): it stays valid while no piece of the same slot
 * is asked for, so 256 pieces in a row (a screen) stay together, but a
 * caller should read a piece before asking for another far away.  A
 * render_lazy borrows the alignment, like a render.
 *
 * Giant pieces.  A piece with a paragraph of over
 * render_lazy_tuning.giant bytes (a paragraph pair, or a paragraph of a
 * block with text on one side; not in a split or a merge, nor in the
 * inline layout) is cut into segments of about render_lazy_tuning.segment
 * bytes, each starting on a fresh row on both sides (the shorter side
 * padded with filler rows), so that a segment is laid out alone.  They
 * are cut at a word where the two sides are in step (in an equal run of
 * the word diff), after a sentence's end where there is one near, so the
 * two sides of a giant pair never drift apart by more than a segment.
 * render_build() lays giant paragraphs out the same way.  Until a segment
 * has been laid out its rows are estimated from its bytes: a block with a
 * giant piece is numbered at once, with estimates, and each segment
 * counted corrects the numbers after it (render_lazy_on_rows).
 */
struct render_lazy_priv;

/*
 * Told when a segment of block bi has been counted: block rows from `at`
 * on (the segment's first) were `was` rows of it and are `now`; `exact`:
 * the block has no estimate left.
 */
typedef void render_lazy_hook(void *ctx, uint32_t bi, size_t at, size_t was,
			      size_t now, bool exact);

struct render_lazy {
	const struct alignment *al;
	struct render_opts opts;
	unsigned int pane;	/* as struct render's */
	unsigned int width;
	size_t nblock;
	size_t npiece;
	uint32_t *piece_first;	/* first piece of each block, then npiece */
	uint32_t *block_rows;	/* rows of each block as numbered now,
				   UINT32_MAX: its pieces not counted yet */
	uint32_t *piece_off;	/* first row of each piece in its block,
				   once the block is counted */
	uint32_t last_block;	/* the last block that has rows */
	render_lazy_hook *hook;	/* NULL, or told of renumbering */
	void *hook_ctx;
	struct render_lazy_priv *priv;
};

struct render_lazy *render_lazy_new(const struct alignment *al,
				    const struct render_opts *o);
void render_lazy_free(struct render_lazy *lz);

/* Tell hook(ctx, ...) of each segment counted from now on (NULL: none). */
void render_lazy_on_rows(struct render_lazy *lz, render_lazy_hook *hook,
			 void *ctx);

/*
 * Take o's cosmetic and brackets options: the pieces are laid out again
 * when next asked for; without brackets styles do not change where rows
 * break, so the counts are kept.  (Another width or layout: a new one.)
 */
void render_lazy_restyle(struct render_lazy *lz, const struct render_opts *o);

/* Has block bi's row count been worked out, with no estimate left? */
bool render_lazy_counted(const struct render_lazy *lz, uint32_t bi);

/* Rows of block bi, exact (counted the first time, segments and all). */
size_t render_lazy_block_rows(struct render_lazy *lz, uint32_t bi);

/*
 * Rows of block bi as numbered now: its pieces counted (with `count`;
 * without, SIZE_MAX when they are not yet), giant segments not laid out
 * yet estimated; *exact when none is.
 */
size_t render_lazy_rows_now(struct render_lazy *lz, uint32_t bi, bool count,
			    bool *exact);

/*
 * When block row `row` of block bi (as numbered now, its pieces counted)
 * is in a giant segment not counted yet: count it (the hook is told) and
 * return true.  Otherwise false, and *next is the block row after the
 * segment or piece holding `row`.
 */
bool render_lazy_settle(struct render_lazy *lz, uint32_t bi, size_t row,
			size_t *next);

/*
 * Count the first segment of block bi not counted yet (the hook is
 * told); false when there is none.
 */
bool render_lazy_settle_next(struct render_lazy *lz, uint32_t bi);

/* Pieces of block bi. */
size_t render_lazy_pieces(const struct render_lazy *lz, uint32_t bi);

/* Piece g of block bi, laid out (cached; see above). */
const struct render *render_lazy_piece(struct render_lazy *lz, uint32_t bi,
				       uint32_t g);

/*
 * The same, into one scratch render that the next call to it reuses, for
 * a reader that goes through every piece once (--print).
 */
const struct render *render_lazy_stream(struct render_lazy *lz,
					uint32_t bi, uint32_t g);

/*
 * The piece of block bi holding the block's row `row` (as numbered now),
 * laid out, and in *first the block's row that is the piece's row 0;
 * NULL when the block has no such row.  Of a giant piece, the segment
 * holding it (counted by that: the hook is told).
 */
const struct render *render_lazy_rows(struct render_lazy *lz, uint32_t bi,
				      size_t row, size_t *first);

struct render_lazy_tuning {
	size_t giant;		/* bytes of a paragraph laid out in segments */
	uint32_t segment;	/* bytes of a segment, about */
};
/* 64 KiB and 32 KiB; tests make them small. */
extern struct render_lazy_tuning render_lazy_tuning;

/*
 * Segment c of piece g, into the scratch render of render_lazy_stream()
 * (the whole piece when it is not giant); *more tells whether there is a
 * segment c + 1.  Going through them in order lays the piece out once
 * (--print).
 */
const struct render *render_lazy_stream_chunk(struct render_lazy *lz,
					      uint32_t bi, uint32_t g,
					      uint32_t c, bool *more);

/*
 * When block row `row` of block bi (as numbered now) is in a giant piece:
 * its block rows [*first, *first + *n) as numbered now, and *last whether
 * it is the block's last piece.  On each side a giant piece shows one
 * paragraph or none, whichever row it is.
 */
bool render_lazy_giant_rows(struct render_lazy *lz, uint32_t bi, size_t row,
			    size_t *first, size_t *n, bool *last);

/*
 * When offset off of side `side`'s text is in a paragraph that a giant
 * piece of block bi shows: in *row, the block row (as numbered now) of
 * the last row of that side whose text starts at or before off, its
 * segment laid out (counted: the hook is told); otherwise false.
 */
bool render_lazy_giant_offset(struct render_lazy *lz, uint32_t bi, int side,
			      uint32_t off, size_t *row);

/*
 * Which version's bytes span sp of side `side` names: RENDER_LEFT (A) or
 * RENDER_RIGHT (B).  The side, except in the inline layout, where every
 * span is on side 0 and names B's bytes unless it has SPAN_FROM_A.
 */
int render_span_version(const struct render *r, int side,
			const struct render_span *sp);

/*
 * The offset of the first text of `version` (RENDER_LEFT or RENDER_RIGHT)
 * on row j of r, notes left out, or UINT32_MAX when the row shows none.
 */
uint32_t render_row_offset(const struct render *r, size_t j, int version);

/*
 * The visible text of span sp of side `side` (RENDER_LEFT or RENDER_RIGHT),
 * brackets included: stored NUL-terminated in *buf, grown as needed
 * (xgrow; *buf may be NULL with *cap 0).  Returns its length in bytes; it
 * is sp->width columns wide.
 */
size_t render_span_text(const struct render *r, int side,
			const struct render_span *sp, char **buf, size_t *cap);

#endif
