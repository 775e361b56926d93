/*
 * align.h — which passages of two versions correspond, and what changed.
 *
 * align_build() compares version A (the base) with version B, both
 * classified by the same struct cmpkeys, hierarchically, so that the cost
 * grows with the size of the change rather than the square of the text:
 *
 *  1. paragraphs equal under the fold keys that are unique on both sides
 *     are anchors, chained in order (patience diff) and extended;
 *  2. the paragraphs left between anchors are paired by similarity (the
 *     share of words a word diff keeps), choosing the pairing that keeps
 *     the most words over the whole gap (a heaviest increasing chain), one
 *     paragraph against one, two or three consecutive ones of the other
 *     side when joining clearly raises the similarity (splits and merges);
 *  3. inside each paired group, sentences are paired the same way, and
 *     words are diffed inside paired sentences (diffseq.h), then cleaned
 *     up so no stray one- or two-word matches remain inside rewritten text;
 *  4. deleted and inserted paragraphs left over are compared through an
 *     index of their rarer words; the best match above a threshold becomes
 *     a move, with a word diff of its own;
 *  5. so do whole sentences and lines deleted in one place and inserted
 *     in another (struct submove), when the move crosses something kept.
 *
 * The result is a list of blocks in reading order: each block is a run of
 * A paragraphs facing a run of B paragraphs (either run may be empty),
 * and its word operations.  Reading the blocks in order visits A's
 * paragraphs in order (skipping none) and B's paragraphs in order too, so
 * a side-by-side view can draw blocks top to bottom; a moved paragraph
 * appears twice, as a deletion where it was and an insertion where it
 * went, both carrying the same move id.
 *
 * Word operations work on comparison units (doc.h's struct unit) and
 * cover each block's units of both sides exactly, in order.
 *
 * Lifetime: an alignment borrows both docs, which must outlive it.
 */
#ifndef VERSUS_ALIGN_H
#define VERSUS_ALIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

enum wop_kind {
	/*
	 * The same units on both sides (fold and strict), the same bytes,
	 * and the same white space between them.
	 */
	WOP_EQUAL,
	/*
	 * Units equal under folding only ("U.S." / "US"; na == nb), units
	 * equal but for the white space between two of them (`) ,` / `),`,
	 * a space / a line break; na == nb), or a change that only
	 * hyphenates, joins or parts words or moves punctuation: the same
	 * letters and marks ("fourth largest" / "fourth-largest", `".` /
	 * `.”`; na and nb may differ).
	 */
	WOP_COSMETIC,
	WOP_DELETE,	/* units only in A (nb is 0) */
	WOP_INSERT,	/* units only in B (na is 0) */
};

/* One word operation: units [a, a+na) of A against [b, b+nb) of B. */
struct wop {
	uint32_t a, na;
	uint32_t b, nb;
	uint8_t kind;		/* enum wop_kind */
};

enum block_kind {
	BLOCK_EQUAL,	/* paragraphs equal (cosmetic differences allowed) */
	BLOCK_CHANGED,	/* paired paragraphs with substantive changes */
	BLOCK_DELETED,	/* A paragraphs only (nb is 0) */
	BLOCK_INSERTED,	/* B paragraphs only (na is 0) */
};

struct block {
	uint32_t a, na;		/* paragraphs [a, a+na) of A */
	uint32_t b, nb;		/* paragraphs [b, b+nb) of B */
	uint32_t op, nop;	/* word ops [op, op+nop) of the alignment */
	uint32_t move;		/* 0, or the move id (1-based) of a moved block */
	uint32_t twin;		/* for a moved block, the index of the other end */
	uint8_t kind;		/* enum block_kind */
	bool cosmetic;		/* has cosmetic differences */
	float similarity;	/* share of weighted words kept, 0..1 */
};

/*
 * A move below the paragraph: a whole sentence or line (or a run of them)
 * of A deleted inside block src and inserted inside block dst (the same
 * block when it moved inside its paragraph).  Both blocks keep ops that
 * tile their units: the source's units are WOP_DELETE ops [sop, sop+nsop)
 * of src, the destination's WOP_INSERT ops [dop, dop+ndop) of dst, each
 * marked in alignment.opsub.  Its word diff, source against destination,
 * is ops [op, op+nop), which belong to no block: they are to a moved
 * sentence what a moved block's shared ops are to a moved paragraph.
 */
struct submove {
	uint32_t src, dst;	/* blocks of its two ends */
	uint32_t sop, nsop;	/* ops of src: its A units, deleted */
	uint32_t dop, ndop;	/* ops of dst: its B units, inserted */
	uint32_t op, nop;	/* its word diff */
	bool edited;		/* with a WOP_DELETE or WOP_INSERT */
};

/* Word counts of a comparison (units that are words or numbers). */
struct align_stats {
	size_t kept;		/* in equal and cosmetic ops */
	size_t deleted;		/* in delete ops not paired with an insert */
	size_t inserted;	/* in insert ops not paired with a delete */
	size_t changed_a;	/* deleted words replaced by inserted ones */
	size_t changed_b;	/* ... and the words that replaced them */
	size_t moved;		/* words of A in moved paragraphs */
	size_t substantive;	/* change sites (facts.h) that are substantive */
	size_t cosmetic;	/* change sites that are cosmetic only */
	double similarity;	/* words kept on both sides / words of both */
};

struct alignment {
	const struct doc *a, *b;
	struct block *block;
	size_t nblock;
	struct wop *op;
	size_t nop;
	size_t nmove;		/* moves: paragraphs', then submoves */
	/*
	 * The last nsub of the nmove moves (ids nmove - nsub + 1 ..) are
	 * moves below the paragraph, sub[0 .. nsub-1] in the reading order of
	 * their sources.  opsub: per op, 0, or (s + 1) << 1 for an op of an
	 * end of submove s, | 1 when its words changed in the move (they are
	 * not in the other end); NULL when nsub is 0.
	 */
	struct submove *sub;
	size_t nsub;
	uint32_t *opsub;
	struct align_stats stats;
	/*
	 * Units loaded, bounded and diffed while candidate pairs were
	 * scored: an operation count, not a time, for tests that bound the
	 * cost per input byte of adversarial shapes (tests/engine/
	 * test-shapes.c).
	 */
	uint64_t work;
};

/*
 * Progress of long work, for a program that shows it: the engine draws
 * nothing and never stops of its own accord.  fn is called from the
 * outer loops of the work (per candidate pair of paragraphs or sentences
 * scored, per paired group, per stretch of a version read: doc.h's
 * doc_reading), never from an inner loop, with where the work is; it should be cheap when it shows
 * nothing (tui/progress.c looks at the clock every 4th call).  fn may
 * end the program (Ctrl-C does); it must not call the engine.
 */
enum align_stage {
	ALIGN_READ,	/* reading versions: bytes of all, in order */
	ALIGN_PAIR,	/* pairing paragraphs: bytes */
	ALIGN_WORDS,	/* pairing sentences, diffing words: bytes */
	ALIGN_MOVES,	/* moved sentences and lines: candidates */
	ALIGN_CHANGES,	/* sorting the changes into kinds: no count */
	ALIGN_TRACE,	/* tracing sentences to their sources (mapping.h):
			   sentences gone through, pass after pass */
};

struct align_step {
	int stage;			/* enum align_stage */
	const struct doc *a, *b;	/* the pair, NULL while reading */
	/*
	 * How far: bytes of a or b gone through and its size (bytes true;
	 * while reading, of all the versions, the first ones first), or a
	 * count of other things; total 0 when there is no count.
	 */
	size_t done, total;
	bool bytes;
};

struct align_progress {
	void (*fn)(void *arg, const struct align_step *at);
	void *arg;
};

struct align_opts {
	/*
	 * Share of words kept below which two paragraphs are not paired
	 * (0 picks the default, 0.2), and above which a leftover deletion
	 * and insertion are a move (0 picks 0.4).
	 */
	double pair_threshold;
	double move_threshold;
	/*
	 * align_para_anchors(a, b), when the caller has it already (lazy.h),
	 * or NULL to have it computed.
	 */
	const uint32_t *anchors;
	size_t nanchor;
	const struct align_progress *progress;	/* NULL: none */
};

/* Align b against a.  opts may be NULL.  Never fails. */
struct alignment *align_build(const struct doc *a, const struct doc *b,
			      const struct align_opts *opts);

void align_free(struct alignment *al);

/*
 * The alignment of al->b against al->a that al is read the other way
 * round: the same blocks, ops and moves with the sides swapped (deletes
 * become inserts), laid out as align_build lays out its own (in a run of
 * deleted and inserted blocks or ops, the deleted first), with its
 * statistics.  Its similarity is al's.  Every field of struct alignment,
 * struct block and struct wop is mirrored here.
 */
struct alignment *align_mirror(const struct alignment *al);

/*
 * align_mirror(al), built in al's storage, and al freed: the mirror's
 * word ops take the place of al's (moved in place) rather than stand
 * beside them, so reading a pair the other way round costs no second
 * copy of its largest array.
 */
struct alignment *align_mirror_take(struct alignment *al);

/*
 * How much a unit counts when similarities are weighed: 0 for
 * punctuation, 1 for short function words ("the", "of", "said"), 5 for
 * content words, numbers and joined equivalences.  Shared with mapping.c.
 */
#define ALIGN_W_PUNCT		0
#define ALIGN_W_FUNCTION	1
#define ALIGN_W_CONTENT		5
unsigned align_unit_weight(const struct doc *d, uint32_t unit);

/*
 * The paragraphs of a and b that are equal byte for byte and anchor the
 * alignment: those whose bytes occur once on each side, in the longest
 * chain that keeps both orders, each extended over the equal paragraphs
 * next to it.  Needs only doc_scan().  *pairs gets a malloc'd array of
 * (A index, B index) pairs, increasing on both sides; returns how many.
 */
size_t align_para_anchors(const struct doc *a, const struct doc *b,
			  uint32_t **pairs);

/* The submove (index + 1) op o stands for an end of, or 0. */
static inline uint32_t
align_op_sub(const struct alignment *al, size_t o)
{
	return al->opsub != NULL ? al->opsub[o] >> 1 : 0;
}

/* Whether op o of a submove's end holds words changed in the move. */
static inline bool
align_op_sub_edit(const struct alignment *al, size_t o)
{
	return al->opsub != NULL && (al->opsub[o] & 1);
}

/* The move id of submove s. */
static inline uint32_t
align_sub_id(const struct alignment *al, size_t s)
{
	return (uint32_t)(al->nmove - al->nsub + s + 1);
}

/* The submove (index + 1) of move id `move`, or 0 for a paragraph's. */
static inline uint32_t
align_move_sub(const struct alignment *al, uint32_t move)
{
	size_t first = al->nmove - al->nsub;

	return move > first ? (uint32_t)(move - first) : 0;
}

/* The submove (index + 1) whose word diff holds op o, or 0. */
uint32_t align_diff_sub(const struct alignment *al, size_t o);

/*
 * The paragraph (0-based) of submove s's source in A (source true) or of
 * its destination in B.
 */
uint32_t align_sub_para(const struct alignment *al, size_t s, bool source);

/*
 * The first submove (index + 1) with an end in block k, or 0; *source
 * tells whether that end is its source.
 */
uint32_t align_block_sub(const struct alignment *al, size_t k, bool *source);

/*
 * The block of the other end of block k's move: a moved block's twin, or
 * for a block holding an end of a move below the paragraph the block of
 * its first such move's other end (k itself for a move inside it);
 * UINT32_MAX for none.
 */
uint32_t align_block_twin(const struct alignment *al, size_t k);

/* True when the alignment holds a substantive difference (exit status 1). */
bool align_differs(const struct alignment *al);

#endif
