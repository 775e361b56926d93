/*
 * cmpkeys.h — comparison keys: which tokens count as equal.
 *
 * Like xdiff's classifier, a struct cmpkeys interns strings and hands out small
 * integer ids, so that everything after it compares integers.  One struct
 * keys must be shared by all the versions being compared, so that equal
 * text gets the same id in every version.  Ids are never 0.
 *
 * cmpkeys_classify() turns a doc's tokens into comparison units (doc.h's
 * struct unit).  White space and paragraph breaks are never units; each
 * unit gets two keys:
 *
 *  - strict: the exact characters after NFC normalisation;
 *  - fold (cosmetic-folded): additionally NFKC, case folding, curly and
 *    straight quotes and apostrophes made one, every dash and hyphen made
 *    one, soft hyphens and zero-width characters removed, digit grouping
 *    removed ("1,000" = "1000"), and then the equivalences of equiv.h
 *    applied ("U.S." = "US", "per cent" = "percent" = "%", "Sept." =
 *    "September"), which may join several tokens into one unit.
 *
 * Two units with the same fold key and different strict keys differ only
 * cosmetically; any other difference is substantive.
 *
 * Options:
 *  - strict: no folding at all; fold = strict and no equivalences apply.
 *  - ignore_case: case-only differences vanish even from the strict key.
 *  - ignore_punct: punctuation tokens are not units at all.
 */
#ifndef VERSUS_CMPKEYS_H
#define VERSUS_CMPKEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "equiv.h"

struct cmpkeys_opts {
	bool strict;
	bool ignore_case;
	bool ignore_punct;
};

struct cmpkeys;

/*
 * A new interner.  `eq` (may be NULL) is borrowed and must outlive the
 * keys; it is ignored when opts->strict.
 */
struct cmpkeys *cmpkeys_new(const struct cmpkeys_opts *opts,
			    const struct equiv *eq);

void cmpkeys_free(struct cmpkeys *k);

/*
 * Fill d->unit, d->nunit and the unit ranges of d's paragraphs and
 * sentences.  May be called once per doc.
 */
void cmpkeys_classify(struct cmpkeys *k, struct doc *d);

/*
 * The words of a paragraph s[0 .. n-1] as cmpkeys_classify() would count its
 * units (those led by a word or a number), when that can be told without
 * classifying it: plain ASCII that no equivalence joins into fewer units
 * (token_ascii_words, which says what `readable` is).  Otherwise
 * DOC_SEGMENT.
 */
uint32_t cmpkeys_ascii_words(const struct cmpkeys *k, const uint8_t *s,
			     size_t n, size_t readable);

/* Intern s[0 .. n-1] as is; the same bytes always give the same id. */
uint32_t cmpkeys_intern(struct cmpkeys *k, const uint8_t *s, size_t n);

/*
 * A new id that no string has: cmpkeys_intern never returns it, and it
 * stands for what only its owner knows (a paragraph left whole, lazy.c).
 */
uint32_t cmpkeys_new_id(struct cmpkeys *k);

/* The interned string of an id (for debugging and tests); *n gets its length. */
const uint8_t *cmpkeys_string(const struct cmpkeys *k, uint32_t id, size_t *n);

#endif
