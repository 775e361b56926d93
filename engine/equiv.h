/*
 * equiv.h — equivalent spellings: "U.S." = "US", "per cent" = "%".
 *
 * An equivalence set holds classes of phrases that news style treats as
 * the same.  The built-in list covers what wire copy meets ("U.S." = "US",
 * "U.K." = "UK", "U.N." = "UN", "E.U." = "EU", "per cent" = "percent" =
 * "%", month abbreviations "Jan." = "January" ... "Sept." = "Sep." =
 * "September", "Mr" = "Mr.", "Dr" = "Dr.", "St" = "St.", "&" = "and",
 * "OK" = "okay", ...; see data/equivalences for the whole list).
 *
 * Users add their own in a plain-text file, one class per line:
 *
 *	# comment
 *	colour = color
 *	per cent = percent = %
 *
 * A line holds two or more phrases separated by " = "; a phrase is any text
 * without "=" (write "\=" for an equals sign and "\#" for a hash); blank
 * lines and lines starting with "#" are ignored.  Phrases are compared after
 * cosmetic folding (fold_string), token by token, ignoring white space, so
 * "Per  Cent" in a text matches "per cent" here.  A phrase that already
 * belongs to another class joins the two classes.
 *
 * Errors name the file and line: "FILE:LINE: expected 'phrase = phrase'",
 * "FILE:LINE: empty phrase".
 */
#ifndef VERSUS_EQUIV_H
#define VERSUS_EQUIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct equiv;

/*
 * The built-in list, in the file format above: data/equivalences compiled
 * in (equiv-builtin.c), NUL-terminated, equiv_builtin_len bytes.  The
 * months ("Sept." = "September") are not in it: equiv_new_builtin() adds
 * them from lexicon.h.
 */
extern const char equiv_builtin_text[];
extern const size_t equiv_builtin_len;

/* A set holding the built-in list and the months. */
struct equiv *equiv_new_builtin(void);

/* An empty set. */
struct equiv *equiv_new(void);

void equiv_free(struct equiv *eq);

/*
 * Add the classes in buf[0 .. len-1]; `name` is used in messages.
 * Returns 0, or -1 with err set ("NAME:LINE: message"); on error nothing
 * from this buffer is kept.
 */
int equiv_parse(struct equiv *eq, const char *name, const char *buf,
		size_t len, struct vs_error *err);

/* The same from a file; a missing file is an error ("PATH: strerror"). */
int equiv_load(struct equiv *eq, const char *path, struct vs_error *err);

/*
 * Whether some phrase starts with the folded token s[0 .. n-1].  When not,
 * equiv_match() returns 0 at any position whose first token it is, so a
 * caller that remembers this per distinct token can skip equiv_match for
 * most of a text.
 */
bool equiv_may_start(const struct equiv *eq, const uint8_t *s, size_t n);

/*
 * Call fn with the folded first two tokens of every phrase of several
 * tokens whose unit may count a different number of words than its
 * tokens do ("per" "cent": two words, one unit).  A phrase of one word
 * followed by punctuation only ("U.S" "."), or of punctuation only
 * ("..."), counts the same either way and is left out.  Words here are
 * tokens starting with a letter, a digit, "_" or any non-ASCII byte.
 */
void equiv_join_starts(const struct equiv *eq,
		       void (*fn)(void *ctx, const uint8_t *s, size_t n,
				  const uint8_t *s2, size_t n2),
		       void *ctx);

/*
 * Longest match at a position: `fold[0 .. n-1]` are the folded strings of
 * the next n word/number/punctuation tokens of a text (white space already
 * skipped), fold_len their lengths.  Returns how many of them the longest
 * phrase of any class matches (0 if none) and stores that class's
 * canonical folded form in *canon (borrowed, valid while eq lives) and its
 * length in *canon_len.
 */
size_t equiv_match(const struct equiv *eq, const uint8_t *const *fold,
		   const size_t *fold_len, size_t n, const uint8_t **canon,
		   size_t *canon_len);

/*
 * How many phrases equiv_match has looked at so far: an operation count
 * for tests that bound its cost (it follows the lengths of the phrases
 * sharing a first token, not their number).
 */
size_t equiv_steps(const struct equiv *eq);

#endif
