/*
 * find.h — what the browser's search matches: the pattern as typed, and
 * the pattern read the way the comparison reads text.
 *
 * A search for "U.S." should find "US", and "per cent" find "percent",
 * wherever the comparison calls them the same (cmpkeys.h: the fold key,
 * with its equivalences).  So a position matches when either
 *
 *  - the typed bytes are there, letter for letter (smart case, below), or
 *  - the units of the pattern, classified by the very keys the versions
 *    were (cmpkeys_classify), have the fold keys of consecutive units of
 *    the text there: the match is those units, first byte to last, and
 *    may be longer or shorter than the pattern ("per cent" for "%").
 *
 * Smart case, as in less and vim: a pattern without a capital letter
 * (uc_is_upper, so "É" counts) matches either case (uc_tolower, any
 * script); with one, case matters: the typed bytes must be there as they
 * are, and a folded match must have, unit by unit, the same shape as the
 * pattern's unit (its first letter a capital or not, all its letters
 * capitals or not), so "US" finds "U.S." and not the "us" of "told us".
 *
 * A struct find is set from a pattern once (find_set) and remembers the
 * pattern's fold keys for the last keys asked (the browser switches
 * between two sets when case is ignored: session_keys), classifying it
 * again when they change.  Cost of a search: linear in the bytes searched
 * (the typed form) plus the units there (the folded form).
 */
#ifndef VERSUS_FIND_H
#define VERSUS_FIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmpkeys.h"
#include "doc.h"

struct find {
	char pat[256];		/* as typed, NUL-terminated */
	size_t len;
	bool exact;		/* a capital letter in it: case matters */
	/* Its units as cmpkeys `keys` classified them (NULL: not yet). */
	struct cmpkeys *keys;
	uint32_t *fold;		/* fold key per unit */
	uint8_t *shape;		/* FIND_* bits per unit */
	size_t nunit;
};

/* A find that matches nothing (an empty pattern). */
void find_init(struct find *f);

/* Free what f holds and make it match nothing. */
void find_clear(struct find *f);

/* Search for pat from now on (at most 255 bytes are kept). */
void find_set(struct find *f, const char *pat);

/*
 * The first match starting in bytes [from, to) of d's text, or with
 * `backward` the last one; -1 when none.  *len gets its length in bytes.
 * A folded match needs d classified by k (its units); k may be NULL for
 * the typed form only.
 */
long find_in(struct find *f, struct cmpkeys *k, const struct doc *d,
	     size_t from, size_t to, bool backward, size_t *len);

/*
 * The typed form only, in s[0 .. n-1]: the first match starting in
 * [from, to), or the last; -1 when none.  *len gets its length.
 */
long find_bytes(const struct find *f, const uint8_t *s, size_t n,
		size_t from, size_t to, bool backward, size_t *len);

#endif
