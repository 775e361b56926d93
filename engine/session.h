/*
 * session.h — the versions being compared and everything worked out
 * about them, computed once and shared by every view.
 *
 * A session owns the loaded texts, their docs (one set per case mode),
 * the comparison keys they share, and a cache of what is known about each
 * ordered pair of versions.  Every accessor computes its answer the first
 * time it is asked and hands the same answer to every later caller, so the
 * browser's status line, its overview and presence views, --stat, --json,
 * --inline, --print and --report all read one alignment, one list of
 * change sites and one similarity per pair, and cannot disagree.
 *
 * A *change* is a change site of facts.h: a run of deleted or inserted
 * words, a run of cosmetic differences, a deleted or inserted paragraph,
 * a moved passage.  session_stats() counts them (substantive, cosmetic);
 * session_changes() lists them with their kinds.
 *
 * One alignment a pair.  Versions i and j are aligned one way round
 * only, decided by their texts (the shorter first); asked the other way
 * round, the session gives that alignment's mirror (align_mirror).  So
 * (i, j) and (j, i) show the same changes, counts and similarity, the
 * share of words kept on both sides.
 *
 * Base only.  A caller that asks only about comparisons with the base
 * (session_opts.base_only: --json, --stat of two versions) lets the
 * session segment only the paragraphs that are not the same byte for byte
 * in every version (lazy.h); asking about another pair is then a bug
 * (asserted).  Callers never see anchors or paragraphs left whole.
 *
 * Lazy base.  The browser (session_opts.lazy_base) mostly shows a version
 * against the base, and may show any pair: pairs with the base read lazy
 * docs as base only does, any other pair lazy docs of its own two
 * versions (as if there were no others), and the presence table around
 * another version docs built whole (the lazy doc itself when it holds no
 * paragraph left whole), each when first needed.  All give the same
 * alignment (lazy.h), so which docs a pair reads shows nowhere;
 * session_docs() gives the lazy ones of the base's pairs (word and
 * paragraph counts are the same).
 *
 * Case.  The browser can make case-only changes invisible at any time:
 * session_ignore_case() switches every accessor to docs classified
 * ignoring case (built on first use), and back.  Pointers returned before
 * stay valid: nothing is freed before session_free().
 *
 * Lifetime: everything returned belongs to the session.
 */
#ifndef VERSUS_SESSION_H
#define VERSUS_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "align.h"
#include "boiler.h"
#include "cmpkeys.h"
#include "doc.h"
#include "equiv.h"
#include "facts.h"
#include "mapping.h"
#include "presence.h"
#include "text.h"

struct session_opts {
	struct cmpkeys_opts keys;	/* what counts as a difference */
	const struct equiv *eq;		/* borrowed; may be NULL */
	const struct boiler *bp;	/* borrowed; NULL labels nothing */
	size_t base;			/* the version others are compared with */
	bool base_only;			/* only pairs with the base are asked */
	/* Told how reading, aligning and sorting changes go; may be NULL. */
	const struct align_progress *progress;
	bool lazy_base;			/* lazy docs for pairs with the base */
};

struct session;

/*
 * A session over texts[0 .. n-1], n >= 1, which it takes (they are freed
 * by session_free, the array is copied).  Never fails.
 */
struct session *session_new(struct text **texts, size_t n,
			    const struct session_opts *o);

void session_free(struct session *s);

/*
 * A session over versions pick[0 .. k-1] of s (k >= 1, each < its count,
 * no one twice), in that order: the browser's chosen set.  It borrows
 * s's texts and docs, built once, and asks s about its pairs, so a pair
 * is aligned once, when either session first needs it, and both give
 * the same answers; only its presence tables are its own, over the set.
 * Its base is s's base where picked, else its first version.  It and s
 * share one case mode: session_ignore_case on either switches both.  A
 * subset of a subset is one of s.  s must not be base only, and must outlive
 * it, unreplaced (session_replace).  Never fails.
 */
struct session *session_subset(struct session *s, const size_t *pick,
			       size_t k);

/*
 * Put text t in place of version i (which is freed; the session takes
 * t): after an editor changed the file; not in a subset.  Everything worked out before is
 * dropped, so every pointer the session returned before is invalid.
 */
void session_replace(struct session *s, size_t i, struct text *t);

size_t session_count(const struct session *s);
size_t session_base(const struct session *s);

/* The texts, in the order given. */
struct text *const *session_texts(const struct session *s);

/* Ignore case from now on (or not); a no-op when the keys already do. */
void session_ignore_case(struct session *s, bool on);

/* The docs of the current case mode, built and classified. */
struct doc *const *session_docs(struct session *s);

/* The keys those docs were classified with (to classify more text alike). */
struct cmpkeys *session_keys(struct session *s);

/* Version j against version i (i != j): the alignment, A = i, B = j. */
const struct alignment *session_alignment(struct session *s, size_t i,
					  size_t j);

/* Its word counts and change sites (align.h); see session_similarity. */
const struct align_stats *session_stats(struct session *s, size_t i,
					size_t j);

/* Symmetric similarity of versions i and j, 0..1 (1 when i == j). */
double session_similarity(struct session *s, size_t i, size_t j);

/* True when j has a substantive difference from i (exit status 1). */
bool session_differs(struct session *s, size_t i, size_t j);

/* The change sites of i against j, with their kinds (facts.h). */
const struct changes *session_changes(struct session *s, size_t i, size_t j);

/* Per word op: the kind + 1 of its change site, 0 for none. */
const uint8_t *session_op_kinds(struct session *s, size_t i, size_t j);

/* Per block: a bit (1 << kind) for each kind of its sites (moves: both). */
const uint8_t *session_block_kinds(struct session *s, size_t i, size_t j);

/* j's sentences traced to i's (mapping.h). */
const struct sentence_map *session_mapping(struct session *s, size_t i,
					   size_t j);

/*
 * Per block: the paragraph of i (1-based) that a changed or inserted
 * block of j paraphrases, 0 for none.
 */
const int32_t *session_paraphrase_of(struct session *s, size_t i, size_t j);

/* Per block: its boilerplate label (boiler.h), or NULL. */
const char *const *session_labels(struct session *s, size_t i, size_t j);

/* Every version around `base` (presence.h). */
const struct presence *session_presence(struct session *s, size_t base);

#endif
