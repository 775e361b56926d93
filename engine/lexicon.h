/*
 * lexicon.h — words of English news prose that several modules must know
 * alike: the names of the months and their abbreviations.  The sentence
 * splitter (sentence.c) knows that "Sept." does not end a sentence, the
 * change classifier (facts.c) that "Sept" is a date, and the built-in
 * equivalences (equiv.c) that "Sept." = "September"; all three read this
 * one table.
 */
#ifndef VERSUS_LEXICON_H
#define VERSUS_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LEXICON_MONTHS	12

struct lexicon_month {
	const char *name;	/* "January" */
	const char *abbr[2];	/* "Jan", without the full stop; NULL where
				 * there are fewer (May has none) */
};

/* January to December. */
extern const struct lexicon_month lexicon_months[LEXICON_MONTHS];

/* Is s[0 .. n-1] a month's name or abbreviation, in any ASCII case? */
bool lexicon_is_month(const uint8_t *s, size_t n);

/*
 * Is s[0 .. n-1] a month's abbreviation as it is written, capitalised and
 * without its full stop ("Jan", "Sept"; not "jan", not "May")?
 */
bool lexicon_is_month_abbr(const uint8_t *s, size_t n);

#endif
