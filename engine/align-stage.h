/*
 * align-stage.h — what the stages of align_build() share: the context of
 * one alignment, segments, items and runs, and each stage's entry point.
 * Private to engine/align.c and its stage files (anchor.c, pair.c,
 * weight.c, runs.c, move.c, submove.c, stats.c); callers include align.h.
 */
#ifndef VERSUS_ALIGN_STAGE_H
#define VERSUS_ALIGN_STAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "align.h"
#include "diffseq.h"

/* Gaps with at most this many pairs are scored exhaustively. */
#define ALL_PAIRS_LIMIT		1024

/* Word weights: see align.c's top comment and align.h. */
#define W_PUNCT		ALIGN_W_PUNCT
#define W_FUNCTION	ALIGN_W_FUNCTION
#define W_CONTENT	ALIGN_W_CONTENT
#define W_UNKNOWN	0xff

enum item_kind { ITEM_EQUAL, ITEM_PAIR, ITEM_DELETE, ITEM_INSERT };

/* One result of match_level: segments [i0, i1) of A against [j0, j1) of B. */
struct item {
	uint32_t i0, i1, j0, j1;
	uint8_t kind;
	float sim;
};

struct items {
	struct item *v;
	size_t n, cap;
};

/* A segment is a range of comparison units. */
struct seg {
	uint32_t u0, u1;
};

/* A change run of a block: equal, or a change (deleted + inserted). */
struct run {
	uint32_t a0, a1, b0, b1;
	bool eq;
};

struct runs {
	struct run *v;
	size_t n, cap;
};

#define HOLD_SLOTS	16
#define SIM_MEMO	8

struct ctx {
	const struct doc *a, *b;
	double pair_threshold, move_threshold;
	/*
	 * By strict id: units with the same fold key may weigh differently
	 * ("%" and "per cent"), and a weight kept by fold id would be that
	 * of whichever came first, which must not depend on what else the
	 * docs hold (lazy.h).  nweight bounds fold ids as well.
	 */
	uint8_t *weight;
	uint32_t nweight;
	struct alignment *al;
	size_t capblock, capop;
	/* scratch for pair_sim: the pair it holds (in hw), its diff */
	const uint32_t *sa, *sb;
	const uint8_t *wa, *wb;
	bool *da, *ib;
	size_t capda, capib;
	/*
	 * pair_sim's bounds: the keys of a held slot numbered densely (kmap,
	 * two maps by fold id, one a side, valid where their gen is the
	 * slot's stampgen; c->gen the last gen given), scratch for counts
	 * and the words' numbers (ky); the LCS's bit vectors (lbits).
	 */
	struct keymap {
		uint32_t gen, num;
	} *kmap;
	uint32_t gen, *ky;
	uint64_t *lbits;
	size_t capky, caplbits;
	/*
	 * The words of the last HOLD_SLOTS unit ranges loaded, per side: a
	 * paragraph scored against thousands of candidates is loaded once,
	 * and so are the pair and its splits and merges that score_pair
	 * takes in turn (a zeroed ctx holds the empty range 0..0, which is
	 * right).  sa and sb point into the slots pair_sim holds, nheld
	 * and wheld are their word counts and weights.
	 */
	struct heldwords {
		uint32_t u0, u1;
		uint32_t *ids;
		uint8_t *w;
		size_t n, cap;
		unsigned total;
		uint64_t used;
		/*
		 * Set by sim_bound when it numbers the slot's keys in kmap
		 * (valid while stampgen is c->gen): the distinct keys (fold
		 * ids) of the words, in order of first occurrence, key, with
		 * their words (kn) and content words (kh); kx: each word's
		 * key, by that order.  In the allocation of ids.
		 */
		uint32_t *kx, *key, *kn, *kh;
		size_t nkey;
		uint32_t stampgen;
		/*
		 * Set by gap_total while a gap is scored: each word's weight
		 * by gap_weight (gw, after w in its allocation) and their
		 * sum (dtotal), valid while dgen is c->gapgen.
		 */
		uint8_t *gw;
		unsigned dtotal;
		uint32_t dgen;
	} hw[2][HOLD_SLOTS], *held[2];
	uint64_t hclock;
	/*
	 * kmap is two maps, one a side, each numbering the keys of one slot
	 * of its side (stampgen mapgen[side]), last used at mapused[side].
	 */
	uint32_t mapgen[2];
	uint64_t mapused[2];
	size_t nheld[2];
	unsigned wheld[2];
	/*
	 * The last SIM_MEMO diffs pair_sim made: their ranges, kept weight
	 * and change masks (n of A's, then m of B's): score_pair and its
	 * callers often ask for a pair again, right away.
	 */
	struct simmemo {
		uint32_t a0, a1, b0, b1;
		unsigned kept;
		bool full;	/* diffed without SIM_COST's cap */
		size_t cap;
		bool *mask;
		uint64_t used;
	} memo[SIM_MEMO];
	/* Units pair_sim loaded, bounded and diffed: al->work. */
	uint64_t work;
	/*
	 * While a gap is scored (pair.c), by fold id: in how many of its
	 * segments a word occurs, per side (fa, fb), valid where gen ==
	 * gapgen.  pair_sim then also weighs the words its diff keeps as
	 * gap_weight says (dkept out of dtotal): a content word that many
	 * segments share counts less, so that among look-alike paragraphs
	 * the chain prefers the pair that keeps what tells them apart.  The
	 * similarity and its threshold stay those of the plain weights.
	 * seg: the last segment counted (twice its index, plus 1 on B's
	 * side); num: a number.  One record a key: one cache line to read.
	 */
	struct gapword {
		uint32_t gen, seg;
		uint16_t fa, fb;
		uint8_t num;
	} *dw;
	uint32_t gapgen;
	unsigned dkept, dtotal;
	bool damp;
	/*
	 * While the paragraphs between two anchors are matched, which of
	 * them are moved copies (exact_copies), indexed as the segments
	 * match_level gets; NULL for sentences.
	 */
	const bool *copya, *copyb;
	/*
	 * Then too, the keys exact_copies gave those paragraphs (below
	 * nkey), so that match_level need not hash them again, and its
	 * scratch to number them densely (kseen, by key, valid where its
	 * gen is kgen).
	 */
	const uint32_t *keya, *keyb;
	uint32_t nkey, kgen;
	struct keymap *kseen;
	/* align_opts.progress, the stage align_tick reports, its calls. */
	const struct align_progress *progress;
	int stage;
	unsigned ticks;
};

/*
 * Progress (align.h): the work is at unit u of A (or of B), told one
 * time in 16; or at done of total things, told every time.  Free when no
 * one watches.
 */
void align_tick_at(const struct ctx *c, bool side_b, uint32_t u);
void align_tick_of(const struct ctx *c, size_t done, size_t total);

static inline void
align_tick(struct ctx *c, bool side_b, uint32_t u)
{
	if (c->progress != NULL && (++c->ticks & 15) == 0)
		align_tick_at(c, side_b, u);
}

static inline void
align_tick_count(const struct ctx *c, size_t done, size_t total)
{
	if (c->progress != NULL)
		align_tick_of(c, done, total);
}

/* Frees what a ctx holds besides its alignment (which it hands on). */
void ctx_free(struct ctx *c);

/*
 * Weight w of a word with fold id f in the score of a pair while a gap
 * is scored: a content word found in three or more segments of one side
 * of the gap weighs as a function word, and a number found in at most
 * two weighs double: the words of a template ("of the general fund is
 * provided solely for") count for little, the figures that tell its
 * instances apart for much.  Tuned on look-alike lists (numbered
 * provisions, budget lines: tests/engine/test-props.c) and checked on
 * the seeds and samples; it only ranks pairs that pass the threshold on
 * plain weights, so no pair is lost for it.
 */
#define GAP_WMAX	(2 * W_CONTENT)	/* the most gap_weight gives */

static inline uint8_t
gap_weight(const struct ctx *c, uint32_t f, uint8_t w)
{
	const struct gapword *g;

	if (!c->damp || w != W_CONTENT)
		return w;
	g = &c->dw[f];
	if (g->gen != c->gapgen)
		return w;
	if (g->fa >= 3 || g->fb >= 3)
		return W_FUNCTION;
	return g->num ? 2 * W_CONTENT : W_CONTENT;
}

/* weight.c: word weights (by strict id) and similarities. */
void weights_init(struct ctx *c);
/* Is s[0, len), ASCII case ignored, a function word ("the", "said"), a
 * number word ("three", "dozen")? */
bool function_word(const uint8_t *s, size_t len);
bool number_word(const uint8_t *s, size_t len);
/* The words of each list, sorted, and how many (for tests). */
const char *const *function_word_list(size_t *n);
const char *const *number_word_list(size_t *n);
unsigned weight_sum(const struct ctx *c, const struct doc *d, uint32_t u0,
		    uint32_t u1);
double pair_sim(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0,
		uint32_t b1, unsigned *kept, double need);
/* pair_sim, ruling out too a pair whose gap_sim cannot reach dneed. */
double pair_sim_gap(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0,
		    uint32_t b1, unsigned *kept, double need, double dneed);
/*
 * How far pair_sim could reach: 0 when a bound says below lo, 1 when one
 * says below hi (lo <= hi), else 2.
 */
int pair_may_reach(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0,
		   uint32_t b1, double lo, double hi);
float block_similarity(const struct ctx *c, const struct block *bl);

/* anchor.c: equal segments. */
void seqmatch(const uint32_t *a, size_t n, const uint32_t *b, size_t m,
	      uint32_t nid, bool *del, bool *ins,
	      const struct diffseq_opts *dopts);
uint32_t seg_keys(const struct ctx *c, const struct seg *sa, size_t na,
		  const struct seg *sb, size_t nb, uint32_t *ka, uint32_t *kb);

/* pair.c: one level matched, equal segments first, then the gaps. */
uint32_t exact_copies(const struct ctx *c, const struct seg *sa, size_t na,
		      const struct seg *sb, size_t nb, bool *xa, bool *xb,
		      uint32_t *ka, uint32_t *kb);
/* Sort v[0, n) ascending (a radix sort). */
void sort_u64(uint64_t *v, size_t n);
/* move.c: the hash of segment s's words, punctuation aside; n: how many. */
uint64_t words_hash(const struct ctx *c, const struct doc *d,
		   const struct seg *s, size_t *n);
void items_push(struct items *it, uint8_t kind, uint32_t i0, uint32_t i1,
		uint32_t j0, uint32_t j1, float sim);
/*
 * Whether to score every pair of segments A [a0, a1) x B [b0, b1), as
 * when na * nb <= ALL_PAIRS_LIMIT, or take candidates from index_pairs:
 * every pair costs each segment's length once per segment of the other
 * side, nb * |A| + na * |B| units.  Affordable up to ALL_PAIRS_WORK
 * units, or ALL_PAIRS_FACTOR times the segments' size; 32 huge
 * paragraphs shuffled would cost 32 times the text (issue 19.5).
 */
#define ALL_PAIRS_WORK		(1u << 20)
#define ALL_PAIRS_FACTOR	4
bool all_pairs_affordable(const struct seg *sa, uint32_t a0, uint32_t a1,
			  const struct seg *sb, uint32_t b0, uint32_t b1);

void index_pairs(struct ctx *c, const struct seg *sa, uint32_t a0,
		 uint32_t a1, const struct seg *sb, uint32_t b0, uint32_t b1,
		 uint32_t **pairs, size_t *npairs);
void match_level(struct ctx *c, const struct seg *sa, size_t na,
		 const struct seg *sb, size_t nb, struct items *out);

/* runs.c: the word level. */
void runs_push(struct runs *rs, bool eq, uint32_t a0, uint32_t a1,
	       uint32_t b0, uint32_t b1);
void word_runs(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0,
	       uint32_t b1, struct runs *rs);
void cleanup_runs(const struct ctx *c, struct runs *rs);
bool runs_cosmetic(const struct ctx *c, const struct run *r);
bool runs_exact(const struct ctx *c, uint32_t ua, uint32_t ub, bool before,
		bool after);
uint32_t runs_exact_stretch(const struct ctx *c, uint32_t ua, uint32_t ub,
			    uint32_t n);

/* align.c: emitting operations. */
void emit_runs(struct ctx *c, const struct runs *rs, bool *cosm, bool *subst);
void para_units(const struct doc *d, uint32_t p0, uint32_t p1, uint32_t *u0,
		uint32_t *u1);
bool block_ops_tile(const struct alignment *al, const struct block *src,
		    const struct block *dst);

/* move.c, submove.c and stats.c: the last stages. */
void find_moves(struct ctx *c);
void find_submoves(struct ctx *c);
void compute_stats(struct alignment *al);

#endif
