/*
 * output.h — the command-line outputs of a comparison: --json, --inline
 * and --stat.  (The side-by-side --print layout is render.h's.)
 *
 * All of them are built on one walk of an alignment at byte level,
 * output_walk(): each word operation becomes a range of bytes of the
 * original versions.  A unit owns the bytes from its first token up to the
 * next unit (the white space after a word is the word's), and the first
 * unit of a version also owns the bytes before it, so the ranges of each
 * side, in the order they are visited, tile that version exactly.
 *
 * The writers never pass text through raw: --inline and --stat show
 * control characters, escape sequences and bidi controls in their visible
 * form (width.h), and --json escapes every string.
 */
#ifndef VERSUS_OUTPUT_H
#define VERSUS_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "align.h"
#include "doc.h"
#include "facts.h"
#include "mapping.h"
#include "text.h"

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
 */
void output_walk(const struct alignment *al,
		 void (*fn)(const struct piece *p, void *priv), void *priv);

/*
 * Write s[0 .. n-1] in visible form: printable characters as themselves,
 * control characters, escape sequences, bidi controls and invalid bytes as
 * width.h shows them; CRLF and CR become "\n", tabs stay.
 */
void output_visible(FILE *out, const uint8_t *s, size_t n);

/* One comparison of the --json and --stat outputs. */
struct comparison {
	size_t a, b;			/* indexes into the versions */
	const struct alignment *al;
	const struct changes *ch;	/* its change sites, classified */
	const struct sentence_map *map;	/* b's sentences traced to a's */
	const char *const *labels;	/* per block: boilerplate label or NULL */
};

/*
 * --json: one object, {"versions":[...],"comparisons":[...]}, the schema
 * of versus(1).  Offsets are byte offsets into the original files; each
 * delete and insert op carries the kind of its change site (facts.h).
 */
void output_json(FILE *out, struct text *const *texts,
		 struct doc *const *docs, size_t nversions,
		 const struct comparison *cmp, size_t ncmp);

/*
 * --inline: B against A in wdiff style, "[-removed-]{+inserted+}",
 * cosmetic changes as "[~removed~]{~inserted~}", a moved passage as
 * "[-(moved to ¶N) text-]" where it was and "{+(moved from ¶M)+}" followed
 * by its own word diff where it went; with colour, SGR highlights instead
 * of brackets.
 */
void output_inline(FILE *out, const struct alignment *al, bool color);

/*
 * --stat: the versions with their sizes, then per comparison the words
 * kept, deleted, inserted, changed and moved, the change sites, and the
 * similarity; with more than two versions, `matrix` (nversions squared
 * similarities, row-major, may be NULL) is printed as a table.
 */
void output_stat(FILE *out, struct text *const *texts,
		 struct doc *const *docs, size_t nversions,
		 const struct comparison *cmp, size_t ncmp,
		 const double *matrix);

#endif
