/*
 * facts.h — which changes matter: the kind of each change site.
 *
 * A diff says that text changed; a standards editor wants to know whether
 * a figure, a name, a quotation or the attribution of a statement changed.
 * facts_classify() cuts an alignment into change sites and gives each one
 * a kind.
 *
 * Change sites, in reading order (block by block, ops in order):
 *
 *  - in a paired block (BLOCK_EQUAL, BLOCK_CHANGED), a maximal run of
 *    consecutive WOP_DELETE / WOP_INSERT ops is one site, and a maximal run
 *    of WOP_COSMETIC ops is one cosmetic site (KIND_COSMETIC): the same
 *    sites align_stats counts as substantive and cosmetic;
 *  - a deleted or inserted block that is not moved is one site covering
 *    all its ops (a block without units has none and gives no site);
 *  - a moved paragraph appears twice (align.h); its sites are counted once,
 *    at the source (BLOCK_DELETED with a move id), whose ops are the word
 *    diff of the paragraph against its destination: each run of
 *    DELETE / INSERT ops there is a site, as in a paired block (the A
 *    units are the source's, the B units the destination's), and each run
 *    of COSMETIC ops a cosmetic site.  A move without any DELETE / INSERT
 *    op is one KIND_WORDING site covering all the source's ops: the
 *    passage moved but its text did not change (its cosmetic runs are then
 *    not sites of their own, so sites never overlap).
 *
 * Kinds (see facts.c for the exact rules and the reasons) look at the
 * deleted units (text of A) and the inserted units (text of B) of a site:
 *
 *  - number: a figure, amount, percentage or number word;
 *  - date: a date or a time of day: a month or weekday, a figure that is
 *    a day, a year or a time ("June 30, 2023", "in 2020", "10:30",
 *    "3 p.m."), a relative date ("last January", "next week", "today");
 *  - quote: a changed word or figure lies inside quotation marks, or
 *    quotation marks were added or removed;
 *  - name: a changed word is a proper name (capitalised inside a sentence,
 *    or an acronym) that the other side of its passage does not hold;
 *  - attribution: a changed word frames who said something ("said" ->
 *    "claimed", "according");
 *  - wording: none of the above;
 *  - cosmetic: the site is a run of cosmetic ops (nothing else applies).
 *
 * Boilerplate is never a fact: the units of a paragraph that the rules
 * label (a caption, a byline, chrome: boiler.h), a headline apart, give
 * their site no kind, so a site made only of them is wording.
 *
 * Precision matters more than recall: a journalist must be able to trust
 * a "number" or "quote" mark, so each rule prefers to miss a case rather
 * than mark an ordinary word.
 *
 * `kinds` holds a bit for every kind that applies; KIND_WORDING's bit is
 * set only when no fact kind applies.  `kind` is the strongest of them, in
 * the order quote > number > date > name > attribution > wording: a
 * changed quotation puts words in somebody's mouth, the gravest error in
 * news copy; then figures and dates, which readers act on and which
 * corrections are made of; then who is involved; then the framing of who
 * said what.
 *
 * Cost: linear in the alignment and the paragraphs it touches.
 */
#ifndef VERSUS_FACTS_H
#define VERSUS_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "align.h"
#include "boiler.h"

enum change_kind {
	KIND_WORDING,
	KIND_COSMETIC,
	KIND_NUMBER,
	KIND_DATE,
	KIND_QUOTE,
	KIND_NAME,
	KIND_ATTRIBUTION,
	KIND_COUNT
};

/* One change site. */
struct change {
	uint32_t block;		/* index of its block in al->block */
	uint32_t op, nop;	/* ops [op, op+nop) of al->op */
	uint8_t kind;		/* enum change_kind: the strongest applying */
	uint8_t kinds;		/* bit (1 << kind) for every kind applying */
};

struct changes {
	struct change *v;
	size_t n;
	size_t count[KIND_COUNT];	/* sites per `kind` */
};

/* The kinds that are facts: what the browser marks and steps through. */
#define KIND_FACTS ((1u << KIND_QUOTE) | (1u << KIND_NUMBER) | \
		    (1u << KIND_DATE) | (1u << KIND_NAME) | \
		    (1u << KIND_ATTRIBUTION))

/*
 * Every kind, strongest first: quote, number, date, name, attribution,
 * wording, cosmetic.  The order every view lists kinds in.
 */
extern const uint8_t change_kind_rank[KIND_COUNT];

/*
 * "wording", "cosmetic", "number", "date", "quote", "name",
 * "attribution"; "unknown" for anything else.
 */
const char *change_kind_name(int kind);

/*
 * Fill out with the change sites of al, in reading order.  bp (NULL: no
 * paragraph is boilerplate) says which paragraphs are boilerplate, never
 * facts.  *out is overwritten, not freed: pass an earlier result to
 * changes_clear() first.  Never fails.
 */
void facts_classify(const struct alignment *al, const struct boiler *bp,
		    struct changes *out);

/* The same, telling pg (align.h; may be NULL) how far it is. */
void facts_classify_progress(const struct alignment *al,
			     const struct boiler *bp, struct changes *out,
			     const struct align_progress *pg);

/*
 * For the tests: with on, classify by the reference paths (every word
 * looked up and measured in full, as the fast paths must agree with);
 * process-wide, off by default.
 */
void facts_reference(bool on);

/* Free the sites and zero c. */
void changes_clear(struct changes *c);

/*
 * Per word op of al (al->nop entries, malloc'd): the kind + 1 of the
 * change site it belongs to, 0 for ops in no site.  ch may be NULL (all
 * 0).  What --json marks ops with and the browser colours words by.
 */
uint8_t *facts_op_kinds(const struct alignment *al, const struct changes *ch);

#endif
