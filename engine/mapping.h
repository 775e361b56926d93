/*
 * mapping.h — where the sentences of a rewrite come from.
 *
 * A summary, a rewrite or a machine translation keeps the facts of the
 * story — its figures, its names, its rarer words — while the wording
 * around them changes so much that a word diff sees only deletions and
 * insertions.  mapping_build() maps each sentence of version B to the
 * sentence of version A it most likely comes from, many to one, by the
 * facts they share rather than by common words:
 *
 *  - the "marks" of a sentence are its numbers (weight 3), its names
 *    (capitalised words other than the sentence's first, weight 2) and its
 *    rare words (content words of four letters or more found in at most
 *    two sentences of A, weight 1), compared under the cosmetic fold keys;
 *  - a B sentence maps to the A sentence sharing the most mark weight,
 *    found through an index of A's marks (linear, not quadratic), when
 *    the shared weight is at least MAPPING_MIN_SCORE and at least 30% of
 *    the B sentence's own mark weight, with two different marks shared;
 *  - a mapped pair is a paraphrase when every number and name of the A
 *    sentence is in the B sentence but fewer than half of their content
 *    words match in order: the facts survived, the wording did not.
 *
 * Coverage is the share of A's words in equal passages or in sentences
 * some B sentence maps to: "version 5 carries 40% of version 1".
 *
 * Contract: heuristic, but never inventing text: a mapping only ever
 * joins two sentences that share at least two marks.
 */
#ifndef VERSUS_MAPPING_H
#define VERSUS_MAPPING_H

#include <stddef.h>
#include <stdint.h>

#include "align.h"
#include "doc.h"

#define MAPPING_NONE	UINT32_MAX
#define MAPPING_MIN_SCORE 4

struct sentence_map {
	uint32_t *from;		/* per B sentence: its A sentence or NONE */
	uint8_t *paraphrase;	/* per B sentence: 1 for a paraphrase */
	size_t nb;		/* sentences of B */
	size_t traceable;	/* of which outside equal blocks */
	size_t mapped;		/* B sentences mapped */
	size_t paraphrases;	/* of which paraphrases */
	size_t words_a;		/* words of A */
	size_t covered_a;	/* words of A in sentences mapped to */
	double coverage;	/* covered_a / words_a (0 when A is empty) */
};

/*
 * Map the sentences of al->b onto those of al->a.  Sentences in equal
 * blocks are carried as they are: they are left out (their `from` is
 * MAPPING_NONE) and their words count as covered.  Both docs must be
 * classified by the same keys (cmpkeys.h).  Fills m, which mapping_clear()
 * frees.
 */
void mapping_build(const struct alignment *al, struct sentence_map *m);

/* The same, telling pg (NULL: nobody) how far it is: ALIGN_TRACE. */
void mapping_build_progress(const struct alignment *al,
			    struct sentence_map *m,
			    const struct align_progress *pg);

void mapping_clear(struct sentence_map *m);

#endif
