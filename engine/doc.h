/*
 * doc.h — the text model of one version: paragraphs, sentences, tokens.
 *
 * doc_build() segments a struct text into three nested levels that all keep
 * byte offsets into text->data (use text_orig_offset() for the file):
 *
 *  - tokens tile the whole of data: every byte belongs to exactly one token,
 *    in order, including the blank lines between paragraphs.  Word
 *    boundaries follow UAX #29 (libunistring's u8_wordbreaks).  Each token
 *    has a kind: a word, a number ("3.5", "1,000", "US$9.2" is "US", "$",
 *    "9.2"), punctuation, a symbol, a run of spaces (soft line ends
 *    included), a paragraph break (the line ends and blank lines between
 *    paragraphs), an invalid UTF-8 byte, or a control character.  Ideographic
 *    and kana text that UAX #29 leaves as one long run is split into one
 *    token per character.
 *
 *  - paragraphs are blocks separated by blank lines (lines holding only
 *    white space); a single line end inside a paragraph is soft, so a
 *    hard-wrapped copy has the same paragraphs and words as an unwrapped
 *    one.  A file with no blank line at all has one paragraph per line.
 *    Leading and trailing white space of a paragraph is not part of it.
 *
 *  - sentences split each paragraph by the rules of sentence.h; they tile
 *    the paragraph's tokens apart from the white space between them.
 *
 * `unit`, `nunit` are filled later by cmpkeys_classify() (cmpkeys.h): the
 * comparison units, i.e. the tokens that take part in comparison.
 *
 * A doc may also be built lazily, for outputs that only need what changed
 * (--json, --stat): doc_scan() finds the paragraphs and hashes their
 * bytes, and doc_fill() segments only the paragraphs asked for.  Every
 * other paragraph is left whole: one TOK_PARA token (more for a paragraph
 * over TOKEN_LEN_MAX bytes) with no sentences, whose word count the
 * caller supplies, and which cmpkeys_classify() makes one unit keyed by its
 * bytes.  The tokens still tile the data.  doc_build() is doc_scan() and
 * doc_fill() of every paragraph.
 *
 * Lifetime: the doc borrows its text, which must outlive it.
 */
#ifndef VERSUS_DOC_H
#define VERSUS_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"

enum token_kind {
	TOK_WORD,	/* letters, with inner apostrophes and dots: "U.S", "don't" */
	TOK_NUMBER,	/* digits, with inner separators: "1,000", "3.5" */
	TOK_PUNCT,	/* one punctuation character: . , " “ — ( */
	TOK_SYMBOL,	/* one symbol or other character: $ % € © emoji */
	TOK_SPACE,	/* a run of white space inside a paragraph */
	TOK_BREAK,	/* white space between paragraphs (or around them) */
	TOK_INVALID,	/* one byte that is not valid UTF-8 */
	TOK_CONTROL,	/* one control character (C0, C1, DEL, ESC ...) */
	TOK_PARA,	/* a paragraph left whole by doc_fill() */
};

/*
 * Longest token, in bytes.  A run longer than this (a 2 KiB "word" or
 * stretch of white space, which no real text has) is cut at character
 * boundaries into several tokens of the same kind (a word's pieces after
 * its first joined: still one word, one unit), so that a token fits in
 * 6 bytes: the token array is the biggest structure of the text model
 * (about one token per three bytes of prose, spaces included).
 */
#define TOKEN_LEN_MAX	0x7ffu

struct token {
	uint32_t off;		/* byte offset in text->data */
	uint16_t len : 11;	/* bytes, 1 .. TOKEN_LEN_MAX */
	uint16_t kind : 4;	/* enum token_kind */
	uint16_t joined : 1;	/* in the unit of the token before it (set
				 * by cmpkeys_classify: see struct unit; by
				 * the tokeniser on a long word's pieces) */
} __attribute__((packed, aligned(2)));

/* Its bytes are its tokens': sentence_bytes_start(), sentence_bytes_end(). */
struct sentence {
	uint32_t tok, ntok;	/* tokens [tok, tok + ntok), ntok > 0 */
	uint32_t unit, nunit;	/* comparison units, by cmpkeys_classify() */
};

struct para {
	uint64_t hash;		/* of bytes [start, end): equal bytes, equal hash */
	uint32_t start, end;	/* bytes [start, end), trimmed */
	uint32_t tok, ntok;	/* tokens [tok, tok + ntok) */
	uint32_t sent, nsent;	/* sentences [sent, sent + nsent) */
	uint32_t unit, nunit;	/* comparison units, by cmpkeys_classify() */
};

/*
 * A comparison unit: one token, or several that an equivalence joined
 * ("per cent", "U.S" + "."), with its two keys (see cmpkeys.h).  Units
 * are the second biggest structure of the text model, so a unit does not
 * store how many tokens it has: the tokens after its first that it holds
 * are marked `joined`, and unit_end_tok() counts them.
 */
struct unit {
	uint32_t tok;		/* tokens [tok, unit_end_tok()) */
	uint32_t strict;	/* equal iff the NFC text is equal */
	uint32_t fold;		/* equal iff equal after cosmetic folding */
};

/*
 * A paragraph whose bytes are those of paragraph p of doc d, which was
 * segmented (and classified, cmpkeys.h) before it: doc_fill and
 * cmpkeys_classify copy its tokens, sentences and units (see lazy.c).
 */
struct doc_twin {
	const struct doc *d;	/* NULL: none, segment it */
	uint32_t p;
};

struct doc {
	const struct text *text;
	struct token *tok;
	size_t ntok;
	struct sentence *sent;
	size_t nsent;
	struct para *para;
	size_t npara;
	struct unit *unit;	/* NULL until cmpkeys_classify() */
	size_t nunit;
	uint32_t *pword;	/* words of each paragraph left whole, or NULL */
	size_t whole_words;	/* their sum */
	size_t npiece;		/* tokens that are pieces (token_is_piece) */
	size_t nword;		/* doc_word_count(), counted by doc_fill() */
	uint32_t *pkey;		/* their unit keys (cmpkeys.h), or NULL: lazy.c
				 * frees them once they are in the units */
	bool strict;		/* classified with no cosmetic folding */
	bool ignore_punct;	/* ... with punctuation no unit at all */
	struct doc_twin *twin;	/* per paragraph, or NULL: lazy.c sets it for
				 * doc_fill and cmpkeys_classify, then frees it */
	struct doc_reading *reading;	/* while the doc is read, or NULL */
	uint32_t *pindex;	/* doc_para_of_token's shortcut (doc.c), or
				 * NULL: the paragraph of token j << pshift */
	size_t npindex;
	unsigned pshift;
};

/* Segment t.  Never fails (allocation failure aborts, see xalloc.h). */
struct doc *doc_build(const struct text *t);

/* Paragraphs of t only: npara and each paragraph's start, end and hash. */
struct doc *doc_scan(const struct text *t);

/*
 * Segment the paragraphs of a scanned doc, once: paragraph k is segmented
 * when whole is NULL or whole[k] is DOC_SEGMENT, else it is left whole,
 * whole[k] being its number of words.
 */
#define DOC_SEGMENT	UINT32_MAX
void doc_fill(struct doc *d, const uint32_t *whole);

/*
 * Progress of reading the versions (align.h's ALIGN_READ), in bytes of
 * all of them: set d->reading while doc_fill and cmpkeys_classify go
 * through d, which report at paragraph starts, at most once per
 * DOC_READ_CHUNK bytes, and at the end; each byte of a version counts
 * half once segmented and the other half once classified.  So reading
 * costs a test per paragraph, and a long one still moves its bar.
 */
#define DOC_READ_CHUNK	((size_t)1 << 18)
struct align_progress;
struct doc_reading {
	const struct align_progress *pg;
	size_t before;		/* bytes of the versions read before d */
	size_t total;		/* of all the versions */
	size_t next;		/* offset in d of the next report */
};

/* Report d read up to offset off in pass 0 (doc_fill) or 1 (classify). */
void doc_reading_at(struct doc *d, size_t off, int pass);

/* Whether paragraph k was left whole. */
static inline int
doc_para_whole(const struct doc *d, size_t k)
{
	return d->para[k].ntok > 0 && d->tok[d->para[k].tok].kind == TOK_PARA;
}

void doc_free(struct doc *d);

/* Bytes [sentence_bytes_start, sentence_bytes_end) of the text are s's. */
static inline uint32_t
sentence_bytes_start(const struct doc *d, const struct sentence *s)
{
	return d->tok[s->tok].off;
}

static inline uint32_t
sentence_bytes_end(const struct doc *d, const struct sentence *s)
{
	const struct token *t = &d->tok[s->tok + s->ntok - 1];

	return t->off + t->len;
}

/* The token after the last of unit un of d (the end of its tokens). */
static inline uint32_t
unit_end_tok(const struct doc *d, const struct unit *un)
{
	uint32_t t = un->tok + 1;

	while (t < d->ntok && d->tok[t].joined)
		t++;
	return t;
}

/*
 * Is token t of d a piece of a word or number over TOKEN_LEN_MAX bytes
 * after its first (token.c cuts those, doc.h)?  It is marked joined,
 * follows a piece of at least TOKEN_LEN_MAX - 3 bytes of its kind with no
 * byte between: it is in the unit of the first piece and no word of its
 * own.  (token_piece: the same, of a token in an array.)
 */
static inline bool
token_piece(const struct token *b)
{
	const struct token *a = b - 1;

	if (!b->joined || (b->kind != TOK_WORD && b->kind != TOK_NUMBER))
		return false;
	return a->kind == b->kind && a->len >= TOKEN_LEN_MAX - 3 &&
	    a->off + a->len == b->off;
}

static inline bool
token_is_piece(const struct doc *d, size_t t)
{
	return token_piece(&d->tok[t]);
}

/* The last token of unit un of d. */
static inline uint32_t
unit_last_tok(const struct doc *d, const struct unit *un)
{
	return unit_end_tok(d, un) - 1;
}

/* How many tokens unit un of d holds (1 but for joined ones). */
static inline uint32_t
unit_ntok(const struct doc *d, const struct unit *un)
{
	return unit_end_tok(d, un) - un->tok;
}

/*
 * Where things are, by binary search: the token holding byte `off` of
 * the text, the paragraph holding token `tok` (or the last paragraph
 * starting before it, for a token between paragraphs), and the sentence
 * of paragraph `para` holding token `tok` (or the last starting before
 * it).  d must have at least one token, paragraph or sentence.
 */
uint32_t doc_token_at(const struct doc *d, uint32_t off);
uint32_t doc_para_of_token(const struct doc *d, uint32_t tok);
uint32_t doc_sentence_of_token(const struct doc *d, uint32_t para,
			       uint32_t tok);

/*
 * Number of word and number tokens, what "N words" means to a user,
 * paragraphs left whole included.
 */
size_t doc_word_count(const struct doc *d);

#endif
