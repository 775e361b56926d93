/*
 * doc.c — segmenting a text into paragraphs, tokens and sentences (doc.h).
 *
 * doc_build() makes two passes over text->data.
 *
 * Pass 1, paragraphs.  The data is cut into lines at "\n", "\r\n" and a lone
 * "\r".  A line is blank when it holds only white space (see uchar_is_space:
 * ASCII space and tab and every Unicode White_Space character such as U+00A0
 * and U+3000, but not the controls \v, \f and U+0085, which are tokens of their
 * own).  Paragraphs are the maximal runs of non-blank lines, trimmed of the
 * white space at their two ends.  When that gives at most one paragraph, no
 * blank line separates any two lines of text, so the file is taken to be
 * written one paragraph per line and every non-blank line becomes a paragraph.
 * (Blank lines only before the first or after the last line of text separate
 * nothing and do not count.)  Line ends are found with memchr, and the end of a
 * line's text by walking back from its end, so a line is mostly looked at only
 * at its two ends.
 *
 * Pass 2, tokens, paragraph by paragraph.  The bytes between paragraphs
 * (and before the first and after the last) become one TOK_BREAK each; by
 * construction they hold white space and line ends only.  Inside a
 * paragraph:
 *
 *  - a run of white space, soft line ends included, is one TOK_SPACE;
 *  - an invalid UTF-8 byte is one TOK_INVALID (u8_wordbreaks is never
 *    shown invalid input: its behaviour there is unspecified);
 *  - a C0 control other than tab and the line ends, DEL, or a C1 control
 *    is one TOK_CONTROL, so ESC is always a token alone and never glued to
 *    the text of an escape sequence;
 *  - what is left are "chunks" of other characters between those.  Each
 *    chunk is cut at its UAX #29 word boundaries: by u8_wordbreaks, or by
 *    tokenise_ascii when the chunk is pure ASCII, which is the common case
 *    in English prose and gives the same boundaries much faster.  Bytes
 *    are sorted by a 256-entry table (byte_class), runs of letters and
 *    digits are read eight bytes at a time (word_end), and a chunk is
 *    tokenised as ASCII while it is being read: if a non-ASCII character
 *    turns up in it, its tokens are dropped and the whole chunk goes to
 *    u8_wordbreaks instead.
 *
 * Cutting at white space before running UAX #29 changes its result in two
 * corner cases only, both on purpose: a combining mark after a space starts
 * a token instead of extending the space, and U+202F (narrow no-break
 * space, ExtendNumLet in UAX #29) splits "10\u202F000" into three tokens like
 * any other space.  No other UAX #29 rule looks across white space, so the
 * boundaries are otherwise exactly those of u8_wordbreaks on the whole
 * paragraph.
 *
 * Each piece between word boundaries is classified (classify_piece):
 *
 *  - it contains a letter (Alphabetic) or a digit (Word_Break Numeric):
 *    TOK_NUMBER when the first of those is a digit ("3.5", "1,000",
 *    "1st"), TOK_WORD otherwise ("U.S", "don't", "_foo");
 *  - otherwise, when it starts with punctuation (general category P): one
 *    TOK_PUNCT per character ("..." is three tokens);
 *  - otherwise one TOK_SYMBOL: a symbol, or an emoji sequence or flag that
 *    UAX #29 keeps together ("👍🏽", "🇺🇸").  The per-mille and percent signs
 *    (% ‰ ‱ ٪ ﹪ ％) are Po in Unicode but are symbols here, as doc.h says.
 *
 * "Characters" in the splits above are a base character with the Extend,
 * Format and ZWJ characters that follow it, so a combining accent stays
 * with its letter.
 *
 * CJK.  libunistring's UAX #29 already breaks Han ideographs and hiragana
 * one character at a time ("東|京|で|会|見|し|た"), but keeps katakana
 * runs together ("カタカナテスト"), also with "_" and what follows it
 * ("カナ_abc").  Any piece holding an ideograph or kana is therefore
 * split again: each ideographic or kana character is a token of its own,
 * the other characters keep their runs.  Thai, Lao, Khmer and Myanmar have
 * no word separators and UAX #29 without a dictionary breaks them at every
 * grapheme cluster, which is what we keep (one token per cluster: a fine
 * grain, but the diff stays correct).  Hangul is written with spaces
 * between words, so Korean words stay whole ("한국어").
 *
 * Sentences come from sentence_split() on each paragraph and are mapped to
 * tokens in map_sentences.
 *
 * Everything is linear in the input: each byte is looked at a bounded
 * number of times (a chunk is tokenised twice at most), arrays grow
 * geometrically, and the one scratch buffer for u8_wordbreaks is reused.
 * The token array grows before each paragraph, by as many tokens as the
 * paragraph and the break before it have bytes, so that appending a token
 * needs no check.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>
#include <uniwbrk.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "doc.h"
#include "hash.h"
#include "sentence.h"
#include "uchar.h"
#include "xalloc.h"

struct builder {
	const uint8_t *s;
	size_t len;
	struct doc *d;
	size_t captok, capsent, cappara;
	char *brk;		/* u8_wordbreaks scratch, reused */
	size_t capbrk;
};

/*
 * Length of the white space character at s[i] (i < end), or 0 when there
 * is none.  Line ends count: inside a paragraph they are soft.
 */
static size_t
space_len(const uint8_t *s, size_t i, size_t end)
{
	ucs4_t uc;
	int n;

	if (s[i] < 0x80)
		return s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r';
	n = u8_mbtoucr(&uc, s + i, end - i);
	if (n > 0 && uchar_is_space(uc))
		return (size_t)n;
	return 0;
}

/* The kind of a token made of one character. */
static enum token_kind
char_kind(ucs4_t uc)
{
	if (uchar_is_alpha(uc))
		return TOK_WORD;
	if (uchar_is_digit(uc))
		return TOK_NUMBER;
	if (uchar_is_percent(uc))
		return TOK_SYMBOL;
	if (uc < 0x80)
		return strchr("$+<=>^`|~", (int)uc) != NULL ? TOK_SYMBOL :
		    TOK_PUNCT;
	if (uc_is_general_category(uc, UC_CATEGORY_P))
		return TOK_PUNCT;
	return TOK_SYMBOL;
}

/* Decode a character known to be valid (chunks hold no invalid bytes). */
static size_t
decode(const uint8_t *s, size_t i, size_t end, ucs4_t *uc)
{
	int n;

	if (s[i] < 0x80) {
		*uc = s[i];
		return 1;
	}
	n = u8_mbtoucr(uc, s + i, end - i);
	if (n <= 0) {
		/* cannot happen: kept safe anyway */
		*uc = 0xfffd;
		return 1;
	}
	return (size_t)n;
}

/* End of the character starting at i, with its extenders. */
static size_t
unit_end(const uint8_t *s, size_t i, size_t end, ucs4_t *base)
{
	ucs4_t uc;
	size_t n;

	i += decode(s, i, end, base);
	while (i < end) {
		n = decode(s, i, end, &uc);
		if (!uchar_is_extender(uc))
			break;
		i += n;
	}
	return i;
}

/*
 * A run longer than TOKEN_LEN_MAX (see doc.h) becomes several tokens of
 * the same kind, each cut at a character boundary: the cut moves back over
 * at most three continuation bytes.
 */
static void
push_long(struct builder *b, size_t off, size_t len, enum token_kind kind)
{
	struct doc *d = b->d;
	size_t cut;

	while (len > TOKEN_LEN_MAX) {
		cut = TOKEN_LEN_MAX;
		while (cut > TOKEN_LEN_MAX - 3 &&
		    (b->s[off + cut] & 0xc0) == 0x80)
			cut--;
		d->tok[d->ntok++] = (struct token){ (uint32_t)off,
		    (uint32_t)cut, kind };
		off += cut;
		len -= cut;
	}
	d->tok[d->ntok++] = (struct token){ (uint32_t)off, (uint32_t)len,
	    kind };
}

/*
 * Append a token.  There is no room check: doc_build reserves, before each
 * paragraph, one token per byte of it and of the break before it, and no
 * token is empty.
 */
static inline void
push_token(struct builder *b, size_t off, size_t len, enum token_kind kind)
{
	struct doc *d = b->d;

	if (len > TOKEN_LEN_MAX) {
		push_long(b, off, len, kind);
		return;
	}
	d->tok[d->ntok++] = (struct token){ (uint32_t)off, (uint32_t)len,
	    kind };
}

/* Room for n more tokens. */
static void
reserve_tokens(struct builder *b, size_t n)
{
	struct doc *d = b->d;

	if (b->captok - d->ntok < n)
		d->tok = xgrow(d->tok, &b->captok, d->ntok + n,
		    sizeof *d->tok);
}

/* One token per character (with its extenders), each of its own kind. */
static void
push_chars(struct builder *b, size_t a, size_t e)
{
	ucs4_t base;
	size_t u;

	while (a < e) {
		u = unit_end(b->s, a, e, &base);
		push_token(b, a, u - a, char_kind(base));
		a = u;
	}
}

/* Classify a piece that holds no ideograph or kana (see the top). */
static void
push_plain(struct builder *b, size_t a, size_t e)
{
	const uint8_t *s = b->s;
	ucs4_t uc, first;
	size_t i;

	decode(s, a, e, &first);
	for (i = a; i < e; ) {
		i += decode(s, i, e, &uc);
		if (uchar_is_alpha(uc)) {
			push_token(b, a, e - a, TOK_WORD);
			return;
		}
		if (uchar_is_digit(uc)) {
			push_token(b, a, e - a, TOK_NUMBER);
			return;
		}
	}
	if (char_kind(first) == TOK_PUNCT)
		push_chars(b, a, e);
	else
		push_token(b, a, e - a, TOK_SYMBOL);
}

/* Classify one piece between two UAX #29 word boundaries. */
static void
classify_piece(struct builder *b, size_t a, size_t e)
{
	const uint8_t *s = b->s;
	ucs4_t base;
	size_t i, u, run;

	/* Most pieces are ASCII or have no CJK: check cheaply first. */
	for (i = a; i < e; i++)
		if (s[i] >= 0xe3)	/* U+3000 and above */
			break;
	if (i == e) {
		push_plain(b, a, e);
		return;
	}
	/* Ideographs and kana alone; runs of anything else together. */
	run = a;
	for (i = a; i < e; i = u) {
		u = unit_end(s, i, e, &base);
		if (!uchar_is_cjk(base))
			continue;
		if (run < i)
			push_plain(b, run, i);
		push_token(b, i, u - i, char_kind(base));
		run = u;
	}
	if (run < e)
		push_plain(b, run, e);
}

/*
 * What the ASCII fast paths need to know about a byte, without decoding.
 * The B_PUNCT/B_SYMBOL split is char_kind's for ASCII (test-doc.c checks
 * it against Unicode's categories).  Bytes 0x80 and up are B_HIGH: part
 * of a multibyte character, or invalid; they take the general paths.
 */
enum {
	B_ALPHA = 1,	/* A-Z a-z */
	B_DIGIT = 2,	/* 0-9 */
	B_USCORE = 4,	/* _ */
	B_PUNCT = 8,	/* printable, TOK_PUNCT alone */
	B_SYMBOL = 16,	/* printable, TOK_SYMBOL alone: $ % + < = > ^ ` | ~ */
	B_SPACE = 32,	/* space, tab, \n, \r */
	B_CTRL = 64,	/* other C0 controls, DEL */
	B_HIGH = 128,
};
#define B_ALNUM	(B_ALPHA | B_DIGIT)
#define B_WORD	(B_ALPHA | B_DIGIT | B_USCORE)
#define B_PRINT	(B_WORD | B_PUNCT | B_SYMBOL)

#define C_	B_CTRL
#define S_	B_SPACE
#define P_	B_PUNCT
#define Y_	B_SYMBOL
#define A_	B_ALPHA
#define D_	B_DIGIT
#define U_	B_USCORE
#define H_	B_HIGH
#define H16_	H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_

static const uint8_t byte_class[256] = {
	C_, C_, C_, C_, C_, C_, C_, C_, C_, S_, S_, C_, C_, S_, C_, C_,
	C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_,
	/*  !   "   #   $   %   &   '   (   )   *   +   ,   -   .   / */
	S_, P_, P_, P_, Y_, Y_, P_, P_, P_, P_, P_, Y_, P_, P_, P_, P_,
	/* 0-9                                 :   ;   <   =   >   ? */
	D_, D_, D_, D_, D_, D_, D_, D_, D_, D_, P_, P_, Y_, Y_, Y_, P_,
	/* @ A-O */
	P_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_,
	/* P-Z                                     [   \   ]   ^   _ */
	A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, P_, P_, P_, Y_, U_,
	/* ` a-o */
	Y_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_,
	/* p-z                                     {   |   }   ~  DEL */
	A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, A_, P_, Y_, P_, Y_, C_,
	H16_, H16_, H16_, H16_, H16_, H16_, H16_, H16_,
};

#undef C_
#undef S_
#undef P_
#undef Y_
#undef A_
#undef D_
#undef U_
#undef H_
#undef H16_

/*
 * End of the run of white space that continues at s[i]: ASCII space, tab
 * and line ends byte by byte, other White_Space characters decoded.
 */
static size_t
space_end(const uint8_t *s, size_t i, size_t end)
{
	size_t n;

	while (i < end) {
		if (byte_class[s[i]] & B_SPACE) {
			i++;
			continue;
		}
		if (s[i] < 0x80 || (n = space_len(s, i, end)) == 0)
			break;
		i += n;
	}
	return i;
}

/*
 * Is the character at s[i] (i < end, s[i] >= 0x80) part of a chunk: valid,
 * and neither a control nor white space?  Its length goes to *n.
 */
static bool
chunk_char(const uint8_t *s, size_t i, size_t end, size_t *n)
{
	ucs4_t uc;
	int r = u8_mbtoucr(&uc, s + i, end - i);

	if (r < 0)
		return false;
	*n = (size_t)r;
	return !uchar_is_control(uc) && !uchar_is_space(uc);
}

/* End of the chunk that continues at s[i]. */
static size_t
chunk_end(const uint8_t *s, size_t i, size_t end)
{
	size_t n;

	while (i < end) {
		if (byte_class[s[i]] & B_PRINT) {
			i++;
			continue;
		}
		if (s[i] < 0x80 || !chunk_char(s, i, end, &n))
			break;
		i += n;
	}
	return i;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORD_SWAR	1
#endif

/* Eight copies of byte b. */
#define BYTES8(b)	((uint64_t)(b) * UINT64_C(0x0101010101010101))

/*
 * The end of the run of word characters (B_WORD: ASCII letters, digits,
 * "_") that goes on at s[j]: the first j' >= j that is not one, or end.
 *
 * Where eight bytes are left, they are tested at once (on little-endian
 * machines, where the first byte is the lowest): with y the eight bytes
 * with their high bits cleared, a byte is a word character when its high
 * bit was clear and y | 0x20 is in a-z, or y is in 0-9, or y is "_".
 * "v >= c" for every byte v of a word is the high bit of v + (0x80 - c),
 * and "v == 0" the clear high bit of (v + 0x7f) | v: as every v < 0x80,
 * no byte carries into the next.  The first byte that is not a word
 * character is then the lowest high bit left in `bad`.  This gives
 * exactly the byte loop's answer (test-doc.c compares the two paths).
 */
static inline size_t
word_end(const uint8_t *s, size_t j, size_t end)
{
#ifdef WORD_SWAR
	uint64_t x, y, low, alpha, digit, t, us, bad;

	while (end - j >= 8) {
		memcpy(&x, s + j, 8);
		y = x & BYTES8(0x7f);
		low = y | BYTES8(0x20);
		alpha = (low + BYTES8(0x80 - 'a')) &
		    ~(low + BYTES8(0x80 - 'z' - 1));
		digit = (y + BYTES8(0x80 - '0')) &
		    ~(y + BYTES8(0x80 - '9' - 1));
		t = y ^ BYTES8('_');
		us = ~((t + BYTES8(0x7f)) | t);
		bad = (~(alpha | digit | us) | x) & BYTES8(0x80);
		if (bad != 0)
			return j + (size_t)(__builtin_ctzll(bad) >> 3);
		j += 8;
	}
#endif
	while (j < end && (byte_class[s[j]] & B_WORD))
		j++;
	return j;
}

/*
 * The end of the word whose run of word characters goes on at s[j]: runs
 * joined by one ":", ".", "'" between letters or one ",", ";", ".", "'"
 * between digits (see tokenise_ascii) are one word.  *joined tells
 * whether a join was taken.
 */
static inline size_t
ascii_word_end(const uint8_t *s, size_t j, size_t end, bool *joined)
{
	uint8_t p, m, n;

	*joined = false;
	for (;;) {
		j = word_end(s, j, end);
		if (j + 1 >= end)
			return j;
		/* What the character after the run may join. */
		m = s[j];
		if (m == '.' || m == '\'')
			m = B_ALPHA | B_DIGIT;
		else if (m == ':')
			m = B_ALPHA;
		else if (m == ',' || m == ';')
			m = B_DIGIT;
		else
			return j;
		p = byte_class[s[j - 1]];
		n = byte_class[s[j + 1]];
		if (!(p & n & m))
			return j;
		j += 2;
		*joined = true;
	}
}

/*
 * UAX #29 on printable ASCII without spaces, by hand.  The Word_Break
 * values there are: letters ALetter, digits Numeric, "_" ExtendNumLet,
 * "." MidNumLet, "'" Single_Quote (which rules WB6-WB12 treat as
 * MidNumLet), ":" MidLetter, "," ";" MidNum, everything else Other.  So:
 * letters, digits and "_" all join one another (WB5, WB8-WB10, WB13a/b);
 * one ":" "." "'" joins two letters (WB6/7); one "," ";" "." "'" joins two
 * digits (WB11/12); everything else is a boundary on both sides (WB999).
 *
 * Tokenises from s[i] up to the first byte that is not printable ASCII
 * and returns where that is.  The caller only keeps the tokens when that
 * byte ends the chunk (white space, a control, an invalid byte or the
 * end): then s[i, returned) was a whole pure ASCII chunk.  Looking past a
 * chunk's end cannot change a token: a join needs printable bytes on both
 * sides of its middle character.
 */
static size_t
tokenise_ascii(struct builder *b, size_t i, size_t end)
{
	const uint8_t *s = b->s;
	struct doc *d = b->d;
	size_t j;
	uint8_t cl;
	bool joined;

	while (i < end) {
		cl = byte_class[s[i]];
		if (!(cl & B_WORD)) {
			if (!(cl & (B_PUNCT | B_SYMBOL)))
				break;
			d->tok[d->ntok++] = (struct token){ (uint32_t)i, 1,
			    cl & B_PUNCT ? TOK_PUNCT : TOK_SYMBOL };
			i++;
			continue;
		}
		/* The first run of word characters decides the kind. */
		j = i;
		while (s[j] == '_' && ++j < end)
			continue;
		if (j == end || !(byte_class[s[j]] & B_ALNUM)) {
			/* "___": one punctuation token each */
			for (; i < j; i++)
				d->tok[d->ntok++] = (struct token){
				    (uint32_t)i, 1, TOK_PUNCT };
			continue;
		}
		cl = byte_class[s[j]];
		j = ascii_word_end(s, j, end, &joined);
		push_token(b, i, j - i, cl & B_DIGIT ? TOK_NUMBER : TOK_WORD);
		i = j;
	}
	return i;
}

/*
 * doc_ascii_words: tokenise_ascii's rules, counting instead of storing.
 * Word characters and the joins between them are exactly those above, so
 * the count is that of the word and number tokens tokenise_para would
 * make (test-lazy.c compares the two on many texts).
 */

/* Might the word s[i, j) (joined: with a join) start a filtered phrase? */
static inline bool
filter_word(const struct word_filter *f, const uint8_t *s, size_t i,
	    size_t j, size_t n, bool joined)
{
	uint8_t c = s[i] >= 'A' && s[i] <= 'Z' ? (uint8_t)(s[i] + 'a' - 'A') :
	    s[i];
	uint8_t q = j - i > 1 ? (s[i + 1] | 0x20) & 63 : 0;

	/*
	 * Folding keeps an ASCII token's length unless it drops the
	 * separators between digits ("1,000"), which needs a join.
	 */
	return (joined ? f->bit[c] != 0 :
		(f->bit[c] >> (j - i < 31 ? j - i : 31) & 1)) &&
	    (joined || (f->second[c] >> q & 1)) &&
	    f->check(f->ctx, s + i, j - i, s + j, n - j);
}

/* Might the punctuation or symbol s[i] start a filtered phrase ("&")? */
static inline bool
filter_mark(const struct word_filter *f, const uint8_t *s, size_t i,
	    size_t n)
{
	return (f->bit[s[i]] & 2) &&
	    f->check(f->ctx, s + i, 1, s + i + 1, n - i - 1);
}

/* Byte by byte: any ASCII, and the reference for ascii_words_sse2. */
static uint32_t
ascii_words(const uint8_t *s, size_t n, const struct word_filter *f)
{
	size_t i = 0, j;
	uint32_t words = 0;
	uint8_t cl;
	bool joined;

	while (i < n) {
		cl = byte_class[s[i]];
		if (!(cl & B_WORD)) {
			if (!(cl & (B_PRINT | B_SPACE)))
				return DOC_SEGMENT;	/* control or not ASCII */
			if (f != NULL && (cl & B_PRINT) && filter_mark(f, s, i, n))
				return DOC_SEGMENT;
			i++;
			continue;
		}
		j = i;
		while (s[j] == '_' && ++j < n)
			continue;
		if (j == n || !(byte_class[s[j]] & B_ALNUM)) {
			/* "___": punctuation, one token each */
			if (f != NULL && (f->bit['_'] & 2))
				return DOC_SEGMENT;
			i = j;
			continue;
		}
		j = ascii_word_end(s, j, n, &joined);
		words++;
		if (f != NULL && filter_word(f, s, i, j, n, joined))
			return DOC_SEGMENT;
		i = j;
	}
	return words;
}

#ifdef __SSE2__
/*
 * Sixteen bytes at a time.  For each 64-byte chunk, bit masks of its
 * letters and digits, the characters that may join two words, the bytes
 * the filter lists, and the bytes this path does not take ("_", controls,
 * non-ASCII: those go byte by byte).  A word starts at a letter or digit
 * after none, and a join (see ascii_word_end) makes the word after it no
 * new word, so
 *
 *	words = starts - joins
 *
 * with starts counted by popcount, and the few joining characters found
 * between two words looked at one by one.  Joins need the byte before
 * and after, so the masks of the next chunk are made before a chunk is
 * counted.  Where a
 * token may start with a byte the filter lists, the filter is asked as
 * byte by byte (a position inside a joined word may be asked too: that
 * can only send the paragraph to be segmented, never change a count).
 */
struct chunk {
	uint64_t an;		/* letters and digits */
	uint64_t join;		/* . ' : , ; which may join two words */
	uint64_t bad;		/* what this path leaves to ascii_words */
	uint64_t ch[16];	/* the filter's chars (word_filter.chars) */
};

static inline __m128i
range_vec(__m128i x, uint8_t lo, uint8_t hi)
{
	__m128i t = _mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - lo)));

	return _mm_cmplt_epi8(t, _mm_set1_epi8((char)(0x80 + hi - lo + 1)));
}

static inline uint64_t
bits(__m128i v)
{
	return (uint64_t)(uint16_t)_mm_movemask_epi8(v);
}

static inline __m128i
eq_vec(__m128i x, uint8_t c)
{
	return _mm_cmpeq_epi8(x, _mm_set1_epi8((char)c));
}

/*
 * The masks of s[0 .. 63], of which the first `left` bytes are the
 * paragraph's and `readable` may be read; the bytes after the paragraph
 * count as white space.
 */
static void
chunk_masks(const uint8_t *s, size_t left, size_t readable,
	    const struct word_filter *f, struct chunk *m)
{
	uint8_t pad[64];
	const uint8_t *p = s;
	__m128i x[4], low[4], j;
	uint64_t valid, sh, an = 0, join = 0, bad = 0, ctl = 0, c;
	int k, i;

	if (readable < sizeof pad) {
		memcpy(pad, s, readable);
		memset(pad + readable, ' ', sizeof pad - readable);
		p = pad;
	}
	valid = left >= 64 ? UINT64_MAX : (UINT64_C(1) << left) - 1;
	for (k = 0; k < 4; k++) {
		x[k] = _mm_loadu_si128((const __m128i *)(const void *)
		    (p + 16 * k));
		low[k] = _mm_or_si128(x[k], _mm_set1_epi8(0x20));
		sh = 16u * (unsigned)k;
		an |= bits(_mm_or_si128(range_vec(low[k], 'a', 'z'),
		    range_vec(x[k], '0', '9'))) << sh;
		j = _mm_or_si128(_mm_or_si128(eq_vec(x[k], '.'),
		    eq_vec(x[k], '\'')), _mm_or_si128(eq_vec(x[k], ':'),
		    _mm_or_si128(eq_vec(x[k], ','), eq_vec(x[k], ';'))));
		join |= bits(j) << sh;
		/* Bytes from 0x80 up, DEL, "_"; below 0x20 looked at next. */
		bad |= (bits(x[k]) | bits(_mm_or_si128(eq_vec(x[k], 0x7f),
		    eq_vec(x[k], '_')))) << sh;
		ctl |= bits(_mm_cmplt_epi8(x[k], _mm_set1_epi8(0x20))) << sh;
	}
	ctl &= valid & ~bad;
	if (ctl != 0) {
		/* Controls: only tab, line feed and carriage return go. */
		for (k = 0; k < 4; k++)
			ctl &= ~((bits(_mm_or_si128(eq_vec(x[k], '\t'),
			    _mm_or_si128(eq_vec(x[k], '\n'),
			    eq_vec(x[k], '\r'))))) << (16u * (unsigned)k));
		bad |= ctl;
	}
	m->an = an & valid;
	m->join = join & valid;
	m->bad = bad & valid;
	for (i = 0; f != NULL && i < f->nchar; i++) {
		uint8_t ch = f->chars[i];
		bool letter = ch >= 'a' && ch <= 'z';

		c = 0;
		for (k = 0; k < 4; k++)
			c |= bits(eq_vec(letter ? low[k] : x[k], ch)) <<
			    (16u * (unsigned)k);
		m->ch[i] = c & valid;
	}
}

/* Bits set in x. */
static inline int
popcount64(uint64_t x)
{
	x -= (x >> 1) & UINT64_C(0x5555555555555555);
	x = (x & UINT64_C(0x3333333333333333)) +
	    ((x >> 2) & UINT64_C(0x3333333333333333));
	x = (x + (x >> 4)) & UINT64_C(0x0f0f0f0f0f0f0f0f);
	return (int)((x * UINT64_C(0x0101010101010101)) >> 56);
}

/*
 * Where a token the filter lists may start in chunk cur (next after it):
 * its first byte, then its second, then no letter or digit after it.
 */
static uint64_t
chunk_suspects(const struct word_filter *f, const struct chunk *cur,
	       const struct chunk *next)
{
	uint64_t sus = 0, t, an = cur->an, an_next = next->an;
	int i, len;

	for (i = 0; i < f->npair; i++) {
		t = cur->ch[f->pair[i].c1];
		if (f->pair[i].c2 != WF_ANY)
			t &= cur->ch[f->pair[i].c2] >> 1 |
			    next->ch[f->pair[i].c2] << 63;
		len = f->pair[i].len;
		if (len > 0)
			t &= ~(an >> len | an_next << (64 - len));
		sus |= t;
	}
	return sus;
}

static uint32_t
ascii_words_sse2(const uint8_t *s, size_t n, size_t readable,
		 const struct word_filter *f)
{
	struct chunk cur, next;
	uint64_t valid, pa, na, starts, cand, sus, carry = 0;
	size_t off, len, i, j;
	uint32_t words = 0;
	bool joined;
	int bit;

	chunk_masks(s, n, readable, f, &cur);
	for (off = 0; off < n; off += 64) {
		len = n - off < 64 ? n - off : 64;
		if (off + 64 < n)
			chunk_masks(s + off + 64, n - off - 64,
			    readable - off - 64, f, &next);
		else
			memset(&next, 0, sizeof next);
		if (cur.bad)
			return ascii_words(s, n, f);
		valid = len == 64 ? UINT64_MAX : (UINT64_C(1) << len) - 1;
		pa = cur.an << 1 | carry;
		na = cur.an >> 1 | next.an << 63;
		starts = cur.an & ~pa;
		words += (uint32_t)popcount64(starts);
		/* A joining character between two words: tell by classes. */
		for (cand = cur.join & pa & na; cand != 0; cand &= cand - 1) {
			i = off + (size_t)__builtin_ctzll(cand);
			uint8_t l = byte_class[s[i - 1]], r = byte_class[s[i + 1]];
			uint8_t m = s[i] == '.' || s[i] == '\'' ?
			    B_ALPHA | B_DIGIT : s[i] == ':' ? B_ALPHA : B_DIGIT;

			words -= (l & r & m) != 0;
		}
		/* Tokens that may start as the filter's pairs do. */
		sus = f != NULL && f->npair > 0 ?
		    chunk_suspects(f, &cur, &next) & valid & ~(cur.an & pa) : 0;
		while (sus != 0) {
			bit = __builtin_ctzll(sus);
			sus &= sus - 1;
			i = off + (size_t)bit;
			if (byte_class[s[i]] & B_ALNUM) {
				j = ascii_word_end(s, i, n, &joined);
				if (filter_word(f, s, i, j, n, joined))
					return DOC_SEGMENT;
			} else if (filter_mark(f, s, i, n)) {
				return DOC_SEGMENT;
			}
		}
		carry = cur.an >> 63;
		cur = next;
	}
	return words;
}
#endif

uint32_t
doc_ascii_words(const uint8_t *s, size_t n, size_t readable,
		const struct word_filter *f)
{
#ifdef __SSE2__
	if (f == NULL || f->npair <= (int)(sizeof f->pair / sizeof f->pair[0]))
		return ascii_words_sse2(s, n, readable < n ? n : readable, f);
#else
	(void)readable;
#endif
	return ascii_words(s, n, f);
}

/* Tokens of a chunk that is not pure ASCII, by u8_wordbreaks. */
static void
tokenise_chunk(struct builder *b, size_t a, size_t e)
{
	size_t i, last, n = e - a;

	b->brk = xgrow(b->brk, &b->capbrk, n, 1);
	u8_wordbreaks(b->s + a, n, b->brk);
	last = 0;
	for (i = 1; i < n; i++) {
		if (b->brk[i]) {
			classify_piece(b, a + last, a + i);
			last = i;
		}
	}
	classify_piece(b, a + last, e);
}

/*
 * Tokens of the paragraph s[start, end).  Anything that is not white
 * space, a control or an invalid byte belongs to a chunk, and chunks are
 * cut by UAX #29.  A chunk is first assumed to be pure ASCII, as nearly
 * all of them are in English, and tokenised on the fly by tokenise_ascii;
 * if it turns out to go on with a non-ASCII character, its tokens are
 * taken back and the whole chunk goes to tokenise_chunk.
 */
static void
tokenise_para(struct builder *b, size_t start, size_t end)
{
	const uint8_t *s = b->s;
	size_t i = start, j, e, mark, n;
	uint8_t cl;
	ucs4_t uc;
	int r;

	while (i < end) {
		cl = byte_class[s[i]];
		if (cl & B_SPACE) {
			/* Mostly one space before a printable byte. */
			j = i + 1;
			if (j < end && !(byte_class[s[j]] & B_PRINT))
				j = space_end(s, j, end);
			push_token(b, i, j - i, TOK_SPACE);
			i = j;
			continue;
		}
		if (cl & B_PRINT) {
			mark = b->d->ntok;
			j = tokenise_ascii(b, i, end);
			if (j == end || s[j] < 0x80 ||
			    !chunk_char(s, j, end, &n)) {
				i = j;
				continue;
			}
			b->d->ntok = mark;
			e = chunk_end(s, j + n, end);
			tokenise_chunk(b, i, e);
			i = e;
			continue;
		}
		if (cl & B_CTRL) {
			push_token(b, i, 1, TOK_CONTROL);
			i++;
			continue;
		}
		r = u8_mbtoucr(&uc, s + i, end - i);
		if (r < 0) {
			push_token(b, i, 1, TOK_INVALID);
			i++;
			continue;
		}
		n = (size_t)r;
		if (uchar_is_control(uc)) {
			push_token(b, i, n, TOK_CONTROL);
			i += n;
		} else if (uchar_is_space(uc)) {
			j = space_end(s, i + n, end);
			push_token(b, i, j - i, TOK_SPACE);
			i = j;
		} else {
			e = chunk_end(s, i + n, end);
			tokenise_chunk(b, i, e);
			i = e;
		}
	}
}

size_t
doc_tokenise(const uint8_t *s, size_t n, struct token **tok, size_t *cap)
{
	struct doc d = { 0 };
	struct builder b = { 0 };

	d.tok = *tok;
	b.s = s;
	b.len = n;
	b.d = &d;
	b.captok = *cap;
	reserve_tokens(&b, n + 1);
	tokenise_para(&b, 0, n);
	free(b.brk);
	*tok = d.tok;
	*cap = b.captok;
	return d.ntok;
}

/*
 * Map the sentence ends of paragraph p to token ranges.  A sentence starts
 * at the first token that is not white space after the previous sentence
 * and takes every token that starts before its end; trailing white space
 * is left out.  So an end inside a token is snapped to that token's end,
 * ends that would make an empty sentence are dropped, and the tokens after
 * the last end (which sentence.h says cannot happen) form one more
 * sentence: no token of the paragraph is ever lost or shared.
 */
static void
map_sentences(struct builder *b, struct para *p, const uint32_t *ends,
	      size_t nends)
{
	struct doc *d = b->d;
	const struct token *tok = d->tok;
	size_t ti = p->tok, tend = (size_t)p->tok + p->ntok, first, last, k;
	struct sentence *st;
	uint32_t e;

	p->sent = (uint32_t)d->nsent;
	for (k = 0; k <= nends; k++) {
		e = k < nends ? ends[k] : p->end;
		while (ti < tend && tok[ti].kind == TOK_SPACE)
			ti++;
		if (ti == tend)
			break;
		if (tok[ti].off >= e)
			continue;
		first = ti;
		while (ti < tend && tok[ti].off < e)
			ti++;
		last = ti;
		while (last > first && tok[last - 1].kind == TOK_SPACE)
			last--;
		d->sent = xgrow(d->sent, &b->capsent, d->nsent + 1,
		    sizeof *d->sent);
		st = &d->sent[d->nsent++];
		st->start = tok[first].off;
		st->end = tok[last - 1].off + tok[last - 1].len;
		st->tok = (uint32_t)first;
		st->ntok = (uint32_t)(last - first);
		st->unit = st->nunit = 0;
	}
	p->nsent = (uint32_t)(d->nsent - p->sent);
}

static void
push_para(struct builder *b, size_t start, size_t end)
{
	struct doc *d = b->d;
	struct para *p;

	d->para = xgrow(d->para, &b->cappara, d->npara + 1, sizeof *d->para);
	p = &d->para[d->npara++];
	memset(p, 0, sizeof *p);
	p->start = (uint32_t)start;
	p->end = (uint32_t)end;
}


/*
 * Where the white space at the start of the line s[i, j) ends: j for a
 * blank line.  Invalid bytes are not white space.
 */
static size_t
skip_space(const uint8_t *s, size_t i, size_t j)
{
	ucs4_t uc;
	int r;

	while (i < j) {
		if (s[i] == ' ' || s[i] == '\t') {
			i++;
			continue;
		}
		if (s[i] < 0x80)
			break;
		r = u8_mbtoucr(&uc, s + i, j - i);
		if (r <= 0 || !uchar_is_space(uc))
			break;
		i += (size_t)r;
	}
	return i;
}

/*
 * Where the text of the line ends: the end of its last character that is
 * not white space, given that s[first] starts such a character.  This
 * walks back from j.  Decoding backwards finds the same characters as
 * decoding forwards because UTF-8 synchronises itself: a well-formed
 * sequence [q, k) is always read whole from the left too (a character
 * decoded from before q would need s[q] to be a continuation byte), so
 * the trailing white space characters are the same both ways.
 */
static size_t
trim_space(const uint8_t *s, size_t first, size_t j)
{
	size_t q;
	ucs4_t uc;

	while (j > first) {
		if (s[j - 1] == ' ' || s[j - 1] == '\t') {
			j--;
			continue;
		}
		if (s[j - 1] < 0x80)
			break;
		q = j - 1;
		while (q > first && j - q < 4 && (s[q] & 0xc0) == 0x80)
			q--;
		if (u8_mbtoucr(&uc, s + q, j - q) != (int)(j - q) ||
		    !uchar_is_space(uc))
			break;
		j = q;
	}
	return j;
}

/*
 * Pass 1: find the paragraphs.  With per_line, every non-blank line is
 * one; otherwise runs of non-blank lines are.  Line ends are found with
 * memchr.  The next "\n" and the next "\r" are both remembered, so a
 * text with many of one and few of the other is still read once.
 */
static void
find_paras(struct builder *b, bool per_line)
{
	const uint8_t *s = b->s, *p;
	size_t len = b->len, i = 0, j, first, pstart = 0, pend = 0;
	size_t nl, cr;
	bool in_para = false;

	b->d->npara = 0;
	p = memchr(s, '\n', len);
	nl = p != NULL ? (size_t)(p - s) : len;
	p = memchr(s, '\r', len);
	cr = p != NULL ? (size_t)(p - s) : len;
	while (i < len) {
		/*
		 * One line: s[i, j) up to its line end.  A short one is
		 * looked at byte by byte, which costs less than a call.
		 */
		for (j = i; j < len && j - i < 16; j++)
			if (s[j] == '\n' || s[j] == '\r')
				break;
		if (j < len && j - i == 16) {
			if (nl < j) {
				p = memchr(s + j, '\n', len - j);
				nl = p != NULL ? (size_t)(p - s) : len;
			}
			if (cr < j) {
				p = memchr(s + j, '\r', len - j);
				cr = p != NULL ? (size_t)(p - s) : len;
			}
			j = nl < cr ? nl : cr;
		}
		first = skip_space(s, i, j);
		if (first < j) {
			if (!in_para) {
				pstart = first;
				in_para = true;
			}
			pend = trim_space(s, first, j);
		}
		if (in_para && (first == j || per_line)) {
			push_para(b, pstart, pend);
			in_para = false;
		}
		if (j < len)
			j += s[j] == '\r' && j + 1 < len && s[j + 1] == '\n' ?
			    2 : 1;
		i = j;
	}
	if (in_para)
		push_para(b, pstart, pend);
}

struct doc *
doc_scan(const struct text *t)
{
	struct builder b;
	struct doc *d = xcalloc(1, sizeof *d);
	size_t k;

	d->text = t;
	memset(&b, 0, sizeof b);
	b.s = t->data;
	b.len = t->len;
	b.d = d;
	find_paras(&b, false);
	if (d->npara == 1)
		find_paras(&b, true);
	d->para = xreallocarray(d->para, d->npara, sizeof *d->para);
	for (k = 0; k < d->npara; k++)
		d->para[k].hash = hash_bytes(b.s + d->para[k].start,
					    d->para[k].end - d->para[k].start);
	return d;
}

void
doc_fill(struct doc *d, const uint32_t *whole)
{
	struct builder b;
	size_t k, prev = 0, nends, start, end, nseg = 0;
	uint32_t *ends = NULL;

	memset(&b, 0, sizeof b);
	b.s = d->text->data;
	b.len = d->text->len;
	b.d = d;
	b.cappara = d->npara;

	for (k = 0; k < d->npara; k++)
		if (whole == NULL || whole[k] == DOC_SEGMENT)
			nseg += d->para[k].end - d->para[k].start;
	if (whole != NULL)
		d->pword = xcalloc(d->npara + 1, sizeof *d->pword);
	/* Prose has about one token per three bytes: start near that. */
	d->tok = xgrow(NULL, &b.captok, nseg / 3 + 2 * d->npara + 16,
		       sizeof *d->tok);

	for (k = 0; k < d->npara; k++) {
		start = d->para[k].start;
		end = d->para[k].end;
		if (prev < start) {
			reserve_tokens(&b, (start - prev) / TOKEN_LEN_MAX + 1);
			push_token(&b, prev, start - prev, TOK_BREAK);
		}
		d->para[k].tok = (uint32_t)d->ntok;
		d->para[k].sent = (uint32_t)d->nsent;
		prev = end;
		if (whole != NULL && whole[k] != DOC_SEGMENT) {
			/* One token per TOKEN_LEN_MAX bytes. */
			reserve_tokens(&b, (end - start) / TOKEN_LEN_MAX + 1);
			push_token(&b, start, end - start, TOK_PARA);
			d->para[k].ntok = (uint32_t)(d->ntok - d->para[k].tok);
			d->pword[k] = whole[k];
			d->whole_words += whole[k];
			continue;
		}
		/* At most one token per byte (see push_token). */
		reserve_tokens(&b, end - start);
		tokenise_para(&b, start, end);
		d->para[k].ntok = (uint32_t)(d->ntok - d->para[k].tok);
		nends = sentence_split(b.s, start, end, &ends);
		map_sentences(&b, &d->para[k], ends, nends);
		free(ends);
		ends = NULL;
	}
	if (prev < b.len) {
		reserve_tokens(&b, (b.len - prev) / TOKEN_LEN_MAX + 1);
		push_token(&b, prev, b.len - prev, TOK_BREAK);
	}

	/* Give back what geometric growth over-allocated. */
	d->tok = xreallocarray(d->tok, d->ntok, sizeof *d->tok);
	d->sent = xreallocarray(d->sent, d->nsent, sizeof *d->sent);
	free(b.brk);
}

struct doc *
doc_build(const struct text *t)
{
	struct doc *d = doc_scan(t);

	doc_fill(d, NULL);
	return d;
}

void
doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	free(d->tok);
	free(d->sent);
	free(d->para);
	free(d->unit);
	free(d->pword);
	free(d->pkey);
	free(d);
}

/*
 * Every token outside the paragraphs is a TOK_BREAK, so the words of the
 * paragraphs are the words of the whole token array, counted without a
 * branch per token, and those of the paragraphs left whole.
 */
size_t
doc_word_count(const struct doc *d)
{
	size_t i, n = d->whole_words;
	unsigned k;

	for (i = 0; i < d->ntok; i++) {
		k = d->tok[i].kind;
		n += k == TOK_WORD || k == TOK_NUMBER;
	}
	return n;
}

uint32_t
doc_token_at(const struct doc *d, uint32_t off)
{
	size_t lo = 0, hi = d->ntok;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->tok[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

uint32_t
doc_para_of_token(const struct doc *d, uint32_t tok)
{
	size_t lo = 0, hi = d->npara;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->para[mid].tok <= tok)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

uint32_t
doc_sentence_of_token(const struct doc *d, uint32_t para, uint32_t tok)
{
	const struct para *p = &d->para[para];
	size_t lo = p->sent, hi = (size_t)p->sent + p->nsent;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->sent[mid].tok <= tok)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}
