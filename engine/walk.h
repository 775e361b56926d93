/*
 * walk.h — the byte-level walk of an alignment, on which every output that
 * quotes the versions' bytes is built (cli/output.h: --json, --inline).
 *
 * walk_pieces() turns each word operation into a range of bytes of the
 * original versions.  A unit owns the bytes from its first token up to the
 * next unit (the white space after a word is the word's), and the first
 * unit of a version also owns the bytes before it, so the ranges of each
 * side, in the order they are visited, tile that version exactly.
 */
#ifndef VERSUS_WALK_H
#define VERSUS_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "align.h"

enum piece_kind {
	PIECE_EQUAL,	/* a and b */
	PIECE_DELETE,	/* a only */
	PIECE_INSERT,	/* b only */
};

/* One step of the byte-level walk. */
struct piece {
	uint8_t kind;		/* enum piece_kind */
	bool cosmetic;		/* the difference vanishes under folding */
	bool edit;		/* inside a moved passage: changed there */
	uint32_t move;		/* move id, or 0 */
	size_t a0, a1;		/* bytes of A's data, [a0, a1) */
	size_t b0, b1;		/* bytes of B's data */
	uint32_t block;		/* index of the block it comes from */
	uint32_t op;		/* index of the (first) word op it comes from */
};

/*
 * Call fn for each piece of al in order (adjacent pieces of the same kind
 * and flags are joined).  Offsets are into text->data; use
 * text_orig_offset() for file offsets.
 *
 * With whole_moves (for --inline), a moved passage is told the way a
 * reader wants it rather than side by side: its source as one deleted
 * piece, and its destination as a normal diff against the source, every
 * piece carrying the move id.  Without it (for --json), the ranges tile
 * both versions as described above, and an equal piece is the same bytes
 * on both sides: units equal under the keys whose bytes differ, if only
 * in the white space after them, become a cosmetic deletion and
 * insertion (with --ignore-punct, punctuation between them aside).
 */
void walk_pieces(const struct alignment *al, bool whole_moves,
		 void (*fn)(const struct piece *p, void *priv), void *priv);

#endif
