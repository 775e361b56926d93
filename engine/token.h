/*
 * token.h — cutting text into tokens (doc.h's struct token, enum
 * token_kind): the one tokeniser of versus.  doc.c cuts each paragraph of
 * a document with it, equiv.c each phrase of an equivalence (so that a
 * phrase and the text it must match are cut alike), and cmpkeys.c counts
 * the words of a plain ASCII paragraph by its rules without storing them
 * (token_ascii_words).  Characters are classed by uchar.h.
 */
#ifndef VERSUS_TOKEN_H
#define VERSUS_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"

/* Tokens being cut from the text s; { 0 } with s set is an empty one. */
struct tokeniser {
	const uint8_t *s;	/* the text: token offsets are into it */
	struct token *tok;	/* the tokens so far (malloc'd) */
	size_t ntok, cap;
	char *brk;		/* u8_wordbreaks scratch, reused (malloc'd) */
	size_t capbrk;
	size_t npiece;		/* pieces of long words pushed (doc.h) */
};

/* Room for n more tokens: push and cut append without checking. */
void token_reserve(struct tokeniser *tz, size_t n);

/* Append one token (split in pieces of at most TOKEN_LEN_MAX bytes). */
void token_push(struct tokeniser *tz, size_t off, size_t len,
		enum token_kind kind);

/*
 * Append the tokens of the paragraph text s[start, end): at most one per
 * byte, which the caller has reserved.
 */
void token_para(struct tokeniser *tz, size_t start, size_t end);

/*
 * What the ASCII word counter must look out for: a token whose folded
 * form could start a unit of several words (an equivalence such as "per
 * cent").  bit[c] has bit min(len, 31) set for such tokens starting with
 * the byte c (lower-cased), second[c] the second bytes they may have
 * (lower-cased, all for a token of one byte or that may fold shorter);
 * check() then tells, given the token s[0 ..
 * n-1] and the rest of the paragraph after it, rest[0 .. nrest-1].  It
 * may say yes when unsure, never no when a phrase may start there.
 */
struct word_filter {
	uint32_t bit[128];
	uint64_t second[128];	/* bit (c2 & 63): a second byte c2 may follow */
	int (*check)(const void *ctx, const uint8_t *s, size_t n,
		     const uint8_t *rest, size_t nrest);
	const void *ctx;
	/*
	 * The same as the first two bytes and the length of each token: c1
	 * and c2 index chars[] (a lower-case letter there stands for both
	 * cases; c2 may be WF_ANY), and len says that the byte after the
	 * token is no letter or digit (0: any length).  More than 16 pairs
	 * or chars: not listed (npair is then over 16).
	 */
	uint8_t chars[16];
	int nchar;
	struct {
		uint8_t c1, c2, len;
	} pair[16];
	int npair;
};
#define WF_ANY	0xff	/* any second byte */

/*
 * The number of word and number tokens of s[0 .. n-1], a paragraph, when
 * it is printable ASCII and white space only and no word token passes the
 * filter (f may be NULL): then every such token is a unit of its own and
 * the count is that of cmpkeys_classify().  Otherwise DOC_SEGMENT.  The
 * bytes up to s[readable - 1] may be read (the rest of the text): being
 * able to read past the paragraph spares a copy.
 */
uint32_t token_ascii_words(const uint8_t *s, size_t n, size_t readable,
			   const struct word_filter *f);

/*
 * Which counter token_ascii_words uses: byte by byte (0), 64 bytes at a
 * time with SSE2 (1) or with AVX2 (2), the best the processor has unless
 * asked for less: for the tests, which check that all count alike.  A
 * level below 0 or over the best gives the best.  Returns the level now
 * in use.  Not for use while another thread counts.
 */
int token_simd(int level);

/*
 * Cut s[0 .. n-1] into tokens as doc_build() cuts the text of a paragraph
 * (no TOK_BREAK, no TOK_PARA; offsets from s), for text that is not a
 * document: equivalence phrases (equiv.c).  *tok (NULL or malloc'd, *cap
 * elements) is grown as needed and reused; returns the number of tokens.
 */
size_t token_string(const uint8_t *s, size_t n, struct token **tok,
		    size_t *cap);

#endif
