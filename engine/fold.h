/*
 * fold.h — cosmetic folding: the text that two spellings differing only
 * cosmetically have in common, and the NFC form of strict keys.
 *
 * Folding makes curly and straight quotes and apostrophes one, every dash
 * and hyphen one, drops soft hyphens and zero-width characters, applies
 * NFKC and case folding, and drops digit grouping ("1,000" = "1000"); see
 * fold.c for the steps.  The comparison keys (cmpkeys.h) and the phrases
 * of the equivalence set (equiv.h) are both folded here, so a phrase and
 * the text it matches are folded alike.  Invalid UTF-8 bytes are kept as
 * they are.  No state: every function works on its arguments alone.
 */
#ifndef VERSUS_FOLD_H
#define VERSUS_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A growing byte buffer; { NULL, 0, 0 } is an empty one. */
struct fold_buf {
	uint8_t *p;
	size_t len, cap;
};

/* Room for `more` bytes after b->len (and one more, so p is never NULL). */
void fold_buf_reserve(struct fold_buf *b, size_t more);
void fold_buf_append(struct fold_buf *b, const uint8_t *s, size_t n);

/* Is s[0 .. n-1] pure ASCII? */
bool fold_is_ascii(const uint8_t *s, size_t n);

/*
 * Fold s[0 .. n-1] onto the end of out; tmp is scratch.  Returns true
 * when s is pure ASCII and its folded form is s itself.
 */
bool fold_append(struct fold_buf *out, struct fold_buf *tmp, const uint8_t *s,
		 size_t n);

/* The same for s known to be pure ASCII, without scratch. */
bool fold_ascii(struct fold_buf *out, const uint8_t *s, size_t n);

/* The folded form of s[0 .. n-1], malloc'd; its length in *outlen. */
uint8_t *fold_string(const uint8_t *s, size_t n, size_t *outlen);

/*
 * The strict form of s[0 .. n-1]: its NFC, case folded as well with
 * ignore_case.  Returns s itself when that is its strict form, else
 * out->p (out is overwritten); *len gets the length.
 */
const uint8_t *fold_strict(struct fold_buf *out, const uint8_t *s, size_t n,
			   bool ignore_case, size_t *len);

#endif
