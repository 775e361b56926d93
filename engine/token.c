/*
 * token.c — cutting text into tokens (token.h): the tokeniser of every
 * paragraph of a document (doc.c) and of every equivalence phrase
 * (equiv.c), and the ASCII word counter of lazy segmenting (cmpkeys.c).
 *
 * Inside a paragraph:
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
 * Everything is linear in the input: each byte is looked at a bounded
 * number of times (a chunk is tokenised twice at most), and the one
 * scratch buffer for u8_wordbreaks is reused.  doc.c grows the token
 * array before each paragraph, by as many tokens as the paragraph has
 * bytes, so that appending a token needs no check.
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
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
/* AVX2 where the processor has it (token_simd), by a target attribute */
#include <immintrin.h>
#define TOKEN_AVX2 1
#endif
#endif

#include "token.h"
#include "uchar.h"
#include "xalloc.h"

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
 * at most three continuation bytes.  The pieces of a word or number after
 * its first are marked joined: it stays one word, one unit (token_is_piece
 * in doc.h).
 */
static void
push_long(struct tokeniser *tz, size_t off, size_t len, enum token_kind kind)
{
	unsigned piece = kind == TOK_WORD || kind == TOK_NUMBER;
	unsigned joined = 0;
	size_t cut;

	while (len > TOKEN_LEN_MAX) {
		cut = TOKEN_LEN_MAX;
		while (cut > TOKEN_LEN_MAX - 3 &&
		    (tz->s[off + cut] & 0xc0) == 0x80)
			cut--;
		tz->tok[tz->ntok++] = (struct token){ (uint32_t)off,
		    (uint32_t)cut, kind, joined };
		tz->npiece += joined;
		joined = piece;
		off += cut;
		len -= cut;
	}
	tz->tok[tz->ntok++] = (struct token){ (uint32_t)off, (uint32_t)len,
	    kind, joined };
	tz->npiece += joined;
}

/*
 * Append a token.  There is no room check: doc_build reserves, before each
 * paragraph, one token per byte of it and of the break before it, and no
 * token is empty.
 */
static inline void
push_token(struct tokeniser *tz, size_t off, size_t len, enum token_kind kind)
{

	if (len > TOKEN_LEN_MAX) {
		push_long(tz, off, len, kind);
		return;
	}
	tz->tok[tz->ntok++] = (struct token){ (uint32_t)off, (uint32_t)len,
	    kind, 0 };
}

/* Room for n more tokens. */
void
token_reserve(struct tokeniser *tz, size_t n)
{

	if (tz->cap - tz->ntok < n)
		tz->tok = xgrow(tz->tok, &tz->cap, tz->ntok + n,
		    sizeof *tz->tok);
}

/* One token per character (with its extenders), each of its own kind. */
static void
push_chars(struct tokeniser *tz, size_t a, size_t e)
{
	ucs4_t base;
	size_t u;

	while (a < e) {
		u = unit_end(tz->s, a, e, &base);
		push_token(tz, a, u - a, char_kind(base));
		a = u;
	}
}

/* Classify a piece that holds no ideograph or kana (see the top). */
static void
push_plain(struct tokeniser *tz, size_t a, size_t e)
{
	const uint8_t *s = tz->s;
	ucs4_t uc, first;
	size_t i;

	decode(s, a, e, &first);
	for (i = a; i < e; ) {
		i += decode(s, i, e, &uc);
		if (uchar_is_alpha(uc)) {
			push_token(tz, a, e - a, TOK_WORD);
			return;
		}
		if (uchar_is_digit(uc)) {
			push_token(tz, a, e - a, TOK_NUMBER);
			return;
		}
	}
	if (char_kind(first) == TOK_PUNCT)
		push_chars(tz, a, e);
	else
		push_token(tz, a, e - a, TOK_SYMBOL);
}

/* Classify one piece between two UAX #29 word boundaries. */
static void
classify_piece(struct tokeniser *tz, size_t a, size_t e)
{
	const uint8_t *s = tz->s;
	ucs4_t base;
	size_t i, u, run;

	/* Most pieces are ASCII or have no CJK: check cheaply first. */
	for (i = a; i < e; i++)
		if (s[i] >= 0xe3)	/* U+3000 and above */
			break;
	if (i == e) {
		push_plain(tz, a, e);
		return;
	}
	/* Ideographs and kana alone; runs of anything else together. */
	run = a;
	for (i = a; i < e; i = u) {
		u = unit_end(s, i, e, &base);
		if (!uchar_is_cjk(base))
			continue;
		if (run < i)
			push_plain(tz, run, i);
		push_token(tz, i, u - i, char_kind(base));
		run = u;
	}
	if (run < e)
		push_plain(tz, run, e);
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
#define BYTES8(tz)	((uint64_t)(tz) * UINT64_C(0x0101010101010101))

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
tokenise_ascii(struct tokeniser *tz, size_t i, size_t end)
{
	const uint8_t *s = tz->s;
	size_t j;
	uint8_t cl;
	bool joined;

	while (i < end) {
		cl = byte_class[s[i]];
		if (!(cl & B_WORD)) {
			if (!(cl & (B_PUNCT | B_SYMBOL)))
				break;
			tz->tok[tz->ntok++] = (struct token){ (uint32_t)i, 1,
			    cl & B_PUNCT ? TOK_PUNCT : TOK_SYMBOL, 0 };
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
				tz->tok[tz->ntok++] = (struct token){
				    (uint32_t)i, 1, TOK_PUNCT, 0 };
			continue;
		}
		cl = byte_class[s[j]];
		j = ascii_word_end(s, j, end, &joined);
		push_token(tz, i, j - i, cl & B_DIGIT ? TOK_NUMBER : TOK_WORD);
		i = j;
	}
	return i;
}

/*
 * token_ascii_words: tokenise_ascii's rules, counting instead of storing.
 * Word characters and the joins between them are exactly those above, so
 * the count is that of the word and number tokens token_para would
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
		if (j - i > TOKEN_LEN_MAX)
			return DOC_SEGMENT;	/* cut in several tokens */
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

/* Whole chunks that a run of TOKEN_LEN_MAX + 1 bytes always holds. */
#define SOLID_CHUNKS	((TOKEN_LEN_MAX + 1) / 64 - 1)

typedef void masks_fn(const uint8_t *s, size_t left, size_t readable,
		      const struct word_filter *f, struct chunk *m);

/*
 * The counting loop, for any way of making a chunk's masks: inlined into
 * each caller with its own, so that an AVX2 caller compiles it for AVX2.
 */
static inline __attribute__((always_inline)) uint32_t
words_simd(const uint8_t *s, size_t n, size_t readable,
	   const struct word_filter *f, masks_fn *masks)
{
	struct chunk two[2], *cur = &two[0], *next = &two[1], *t;
	uint64_t valid, pa, na, starts, cand, sus, carry = 0;
	size_t off, len, i, j;
	uint32_t words = 0;
	unsigned solid = 0;
	bool joined;
	int bit;

	masks(s, n, readable, f, cur);
	for (off = 0; off < n; off += 64) {
		len = n - off < 64 ? n - off : 64;
		if (off + 64 < n)
			masks(s + off + 64, n - off - 64, readable - off - 64,
			    f, next);
		else
			memset(next, 0, sizeof *next);
		if (cur->bad)
			return ascii_words(s, n, f);
		/*
		 * A word over TOKEN_LEN_MAX bytes is cut in several tokens,
		 * which ascii_words does not count: it holds SOLID_CHUNKS
		 * whole chunks of letters, digits and joins in a row.
		 */
		if ((cur->an | cur->join) != UINT64_MAX)
			solid = 0;
		else if (++solid >= SOLID_CHUNKS)
			return DOC_SEGMENT;
		valid = len == 64 ? UINT64_MAX : (UINT64_C(1) << len) - 1;
		pa = cur->an << 1 | carry;
		na = cur->an >> 1 | next->an << 63;
		starts = cur->an & ~pa;
		words += (uint32_t)popcount64(starts);
		/* A joining character between two words: tell by classes. */
		for (cand = cur->join & pa & na; cand != 0; cand &= cand - 1) {
			i = off + (size_t)__builtin_ctzll(cand);
			uint8_t l = byte_class[s[i - 1]], r = byte_class[s[i + 1]];
			uint8_t m = s[i] == '.' || s[i] == '\'' ?
			    B_ALPHA | B_DIGIT : s[i] == ':' ? B_ALPHA : B_DIGIT;

			words -= (l & r & m) != 0;
		}
		/* Tokens that may start as the filter's pairs do. */
		sus = f != NULL && f->npair > 0 ?
		    chunk_suspects(f, cur, next) & valid & ~(cur->an & pa) : 0;
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
		carry = cur->an >> 63;
		t = cur;
		cur = next;
		next = t;
	}
	return words;
}

static uint32_t
ascii_words_sse2(const uint8_t *s, size_t n, size_t readable,
		 const struct word_filter *f)
{
	return words_simd(s, n, readable, f, chunk_masks);
}

#ifdef TOKEN_AVX2
/* chunk_masks, 32 bytes at a time: half the instructions. */
__attribute__((target("avx2"))) static inline __m256i
range_vec32(__m256i x, uint8_t lo, uint8_t hi)
{
	__m256i t = _mm256_add_epi8(x, _mm256_set1_epi8((char)(0x80 - lo)));

	return _mm256_cmpgt_epi8(_mm256_set1_epi8((char)(0x80 + hi - lo + 1)),
	    t);
}

__attribute__((target("avx2"))) static inline uint64_t
bits32(__m256i v)
{
	return (uint64_t)(uint32_t)_mm256_movemask_epi8(v);
}

__attribute__((target("avx2"))) static inline __m256i
eq_vec32(__m256i x, uint8_t c)
{
	return _mm256_cmpeq_epi8(x, _mm256_set1_epi8((char)c));
}

__attribute__((target("avx2"))) static void
chunk_masks_avx2(const uint8_t *s, size_t left, size_t readable,
		 const struct word_filter *f, struct chunk *m)
{
	uint8_t pad[64];
	const uint8_t *p = s;
	__m256i x[2], low[2], j;
	uint64_t valid, sh, an = 0, join = 0, bad = 0, ctl = 0, c;
	int k, i;

	if (readable < sizeof pad) {
		memcpy(pad, s, readable);
		memset(pad + readable, ' ', sizeof pad - readable);
		p = pad;
	}
	valid = left >= 64 ? UINT64_MAX : (UINT64_C(1) << left) - 1;
	for (k = 0; k < 2; k++) {
		x[k] = _mm256_loadu_si256((const __m256i *)(const void *)
		    (p + 32 * k));
		low[k] = _mm256_or_si256(x[k], _mm256_set1_epi8(0x20));
		sh = 32u * (unsigned)k;
		an |= bits32(_mm256_or_si256(range_vec32(low[k], 'a', 'z'),
		    range_vec32(x[k], '0', '9'))) << sh;
		j = _mm256_or_si256(_mm256_or_si256(eq_vec32(x[k], '.'),
		    eq_vec32(x[k], '\'')), _mm256_or_si256(eq_vec32(x[k], ':'),
		    _mm256_or_si256(eq_vec32(x[k], ','), eq_vec32(x[k], ';'))));
		join |= bits32(j) << sh;
		bad |= (bits32(x[k]) | bits32(_mm256_or_si256(
		    eq_vec32(x[k], 0x7f), eq_vec32(x[k], '_')))) << sh;
		ctl |= bits32(_mm256_cmpgt_epi8(_mm256_set1_epi8(0x20),
		    x[k])) << sh;
	}
	ctl &= valid & ~bad;
	if (ctl != 0) {
		for (k = 0; k < 2; k++)
			ctl &= ~((bits32(_mm256_or_si256(eq_vec32(x[k], '\t'),
			    _mm256_or_si256(eq_vec32(x[k], '\n'),
			    eq_vec32(x[k], '\r'))))) << (32u * (unsigned)k));
		bad |= ctl;
	}
	m->an = an & valid;
	m->join = join & valid;
	m->bad = bad & valid;
	for (i = 0; f != NULL && i < f->nchar; i++) {
		uint8_t ch = f->chars[i];
		bool letter = ch >= 'a' && ch <= 'z';

		c = 0;
		for (k = 0; k < 2; k++)
			c |= bits32(eq_vec32(letter ? low[k] : x[k], ch)) <<
			    (32u * (unsigned)k);
		m->ch[i] = c & valid;
	}
}

__attribute__((target("avx2"))) static uint32_t
ascii_words_avx2(const uint8_t *s, size_t n, size_t readable,
		 const struct word_filter *f)
{
	return words_simd(s, n, readable, f, chunk_masks_avx2);
}
#endif

#endif

/* The best counter this machine has, or the one token_simd asked for. */
static int simd_level = -1;

static int
simd_best(void)
{
#if defined(TOKEN_AVX2)
	return __builtin_cpu_supports("avx2") ? 2 : 1;
#elif defined(__SSE2__)
	return 1;
#else
	return 0;
#endif
}

int
token_simd(int level)
{
	int best = simd_best();

	simd_level = level < 0 || level > best ? best : level;
	return simd_level;
}

uint32_t
token_ascii_words(const uint8_t *s, size_t n, size_t readable,
		const struct word_filter *f)
{
#ifdef __SSE2__
	if (simd_level < 0)
		simd_level = simd_best();
	if (simd_level > 0 && (f == NULL ||
	    f->npair <= (int)(sizeof f->pair / sizeof f->pair[0]))) {
		if (readable < n)
			readable = n;
#ifdef TOKEN_AVX2
		if (simd_level == 2)
			return ascii_words_avx2(s, n, readable, f);
#endif
		return ascii_words_sse2(s, n, readable, f);
	}
#else
	(void)readable;
#endif
	return ascii_words(s, n, f);
}

/* Tokens of a chunk that is not pure ASCII, by u8_wordbreaks. */
static void
tokenise_chunk(struct tokeniser *tz, size_t a, size_t e)
{
	size_t i, last, n = e - a;

	tz->brk = xgrow(tz->brk, &tz->capbrk, n, 1);
	u8_wordbreaks(tz->s + a, n, tz->brk);
	last = 0;
	for (i = 1; i < n; i++) {
		if (tz->brk[i]) {
			classify_piece(tz, a + last, a + i);
			last = i;
		}
	}
	classify_piece(tz, a + last, e);
}

/*
 * Tokens of the paragraph s[start, end).  Anything that is not white
 * space, a control or an invalid byte belongs to a chunk, and chunks are
 * cut by UAX #29.  A chunk is first assumed to be pure ASCII, as nearly
 * all of them are in English, and tokenised on the fly by tokenise_ascii;
 * if it turns out to go on with a non-ASCII character, its tokens are
 * taken back and the whole chunk goes to tokenise_chunk.
 */
void
token_para(struct tokeniser *tz, size_t start, size_t end)
{
	const uint8_t *s = tz->s;
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
			push_token(tz, i, j - i, TOK_SPACE);
			i = j;
			continue;
		}
		if (cl & B_PRINT) {
			mark = tz->ntok;
			j = tokenise_ascii(tz, i, end);
			if (j == end || s[j] < 0x80 ||
			    !chunk_char(s, j, end, &n)) {
				i = j;
				continue;
			}
			tz->ntok = mark;
			e = chunk_end(s, j + n, end);
			tokenise_chunk(tz, i, e);
			i = e;
			continue;
		}
		if (cl & B_CTRL) {
			push_token(tz, i, 1, TOK_CONTROL);
			i++;
			continue;
		}
		r = u8_mbtoucr(&uc, s + i, end - i);
		if (r < 0) {
			push_token(tz, i, 1, TOK_INVALID);
			i++;
			continue;
		}
		n = (size_t)r;
		if (uchar_is_control(uc)) {
			push_token(tz, i, n, TOK_CONTROL);
			i += n;
		} else if (uchar_is_space(uc)) {
			j = space_end(s, i + n, end);
			push_token(tz, i, j - i, TOK_SPACE);
			i = j;
		} else {
			e = chunk_end(s, i + n, end);
			tokenise_chunk(tz, i, e);
			i = e;
		}
	}
}

void
token_push(struct tokeniser *tz, size_t off, size_t len, enum token_kind kind)
{
	push_token(tz, off, len, kind);
}

size_t
token_string(const uint8_t *s, size_t n, struct token **tok, size_t *cap)
{
	struct tokeniser tz = { 0 };

	tz.s = s;
	tz.tok = *tok;
	tz.cap = *cap;
	token_reserve(&tz, n + 1);
	token_para(&tz, 0, n);
	free(tz.brk);
	*tok = tz.tok;
	*cap = tz.cap;
	return tz.ntok;
}
