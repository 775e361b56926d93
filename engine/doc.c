/*
 * doc.c — segmenting a text into paragraphs, tokens and sentences (doc.h).
 *
 * doc_build() makes two passes over text->data.
 *
 * Pass 1, paragraphs.  The data is cut into lines at "\n", "\r\n" and a
 * lone "\r".  A line is blank when it holds only white space (see
 * is_space_uc: ASCII space and tab and every Unicode White_Space character
 * such as U+00A0 and U+3000, but not the controls \v, \f and U+0085, which
 * are tokens of their own).  Paragraphs are the maximal runs of non-blank
 * lines, trimmed of the white space at their two ends.  When that gives at
 * most one paragraph, no blank line separates any two lines of text, so the
 * file is taken to be written one paragraph per line and every non-blank
 * line becomes a paragraph.  (Blank lines only before the first or after
 * the last line of text separate nothing and do not count.)
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
 *    in English prose and gives the same boundaries much faster.
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
 * number of times, arrays grow geometrically, and the one scratch buffer
 * for u8_wordbreaks is reused.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>
#include <uniwbrk.h>

#include "doc.h"
#include "sentence.h"
#include "xalloc.h"

struct builder {
	const uint8_t *s;
	size_t len;
	struct doc *d;
	size_t captok, capsent, cappara;
	char *brk;		/* u8_wordbreaks scratch, reused */
	size_t capbrk;
};

/* White space inside a line, apart from ASCII space and tab. */
static bool
is_space_uc(ucs4_t uc)
{
	/* U+0085 is White_Space but is a C1 control here. */
	return uc >= 0xa0 && uc_is_property_white_space(uc);
}

/* C0 other than tab and line ends, DEL, C1. */
static bool
is_control_uc(ucs4_t uc)
{
	if (uc < 0x20)
		return uc != '\t' && uc != '\n' && uc != '\r';
	return uc >= 0x7f && uc <= 0x9f;
}

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
	if (n > 0 && is_space_uc(uc))
		return (size_t)n;
	return 0;
}

/* Ideographs and kana, which are split one character per token. */
static bool
is_cjk_uc(ucs4_t uc)
{
	if (uc < 0x3000)
		return false;
	/* hiragana and katakana, their extensions, half-width kana */
	return (uc >= 0x3040 && uc <= 0x30ff) ||
	    (uc >= 0x31f0 && uc <= 0x31ff) ||
	    (uc >= 0xff66 && uc <= 0xff9d) ||
	    (uc >= 0x1b000 && uc <= 0x1b16f) ||
	    uc == 0x3005 || uc == 0x303b ||	/* iteration marks */
	    uc_is_property_ideographic(uc);
}

static bool
is_percent_uc(ucs4_t uc)
{
	return uc == '%' || uc == 0x066a || uc == 0x2030 || uc == 0x2031 ||
	    uc == 0xfe6a || uc == 0xff05;
}

/* Is uc a digit in the sense of UAX #29 (Word_Break Numeric)? */
static bool
is_digit_uc(ucs4_t uc)
{
	if (uc < 0x80)
		return uc >= '0' && uc <= '9';
	return uc_wordbreak_property(uc) == WBP_NUMERIC;
}

static bool
is_alpha_uc(ucs4_t uc)
{
	if (uc < 0x80)
		return (uc | 0x20) >= 'a' && (uc | 0x20) <= 'z';
	return uc_is_property_alphabetic(uc);
}

/* Does uc extend the character before it (Extend, Format, ZWJ)? */
static bool
is_extender_uc(ucs4_t uc)
{
	int wb;

	if (uc < 0x80)
		return false;
	wb = uc_wordbreak_property(uc);
	return wb == WBP_EXTEND || wb == WBP_FORMAT || wb == WBP_ZWJ;
}

/* The kind of a token made of one character. */
static enum token_kind
char_kind(ucs4_t uc)
{
	if (is_alpha_uc(uc))
		return TOK_WORD;
	if (is_digit_uc(uc))
		return TOK_NUMBER;
	if (is_percent_uc(uc))
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
		if (!is_extender_uc(uc))
			break;
		i += n;
	}
	return i;
}

static void
push_token(struct builder *b, size_t off, size_t len, enum token_kind kind)
{
	struct doc *d = b->d;

	if (d->ntok == b->captok)
		d->tok = xgrow(d->tok, &b->captok, d->ntok + 1,
		    sizeof *d->tok);
	d->tok[d->ntok].off = (uint32_t)off;
	d->tok[d->ntok].len = (uint32_t)len;
	d->tok[d->ntok].kind = (uint8_t)kind;
	d->ntok++;
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
		if (is_alpha_uc(uc)) {
			push_token(b, a, e - a, TOK_WORD);
			return;
		}
		if (is_digit_uc(uc)) {
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
		if (!is_cjk_uc(base))
			continue;
		if (run < i)
			push_plain(b, run, i);
		push_token(b, i, u - i, char_kind(base));
		run = u;
	}
	if (run < e)
		push_plain(b, run, e);
}

static bool
ascii_alnum(uint8_t c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
	    (c | 0x20) <= 'z');
}

static bool
ascii_digit(uint8_t c)
{
	return c >= '0' && c <= '9';
}

static bool
ascii_alpha(uint8_t c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/*
 * UAX #29 on printable ASCII without spaces, by hand.  The Word_Break
 * values there are: letters ALetter, digits Numeric, "_" ExtendNumLet,
 * "." MidNumLet, "'" Single_Quote (which rules WB6-WB12 treat as
 * MidNumLet), ":" MidLetter, "," ";" MidNum, everything else Other.  So:
 * letters, digits and "_" all join one another (WB5, WB8-WB10, WB13a/b);
 * one ":" "." "'" joins two letters (WB6/7); one "," ";" "." "'" joins two
 * digits (WB11/12); everything else is a boundary on both sides (WB999).
 */
static void
tokenise_ascii(struct builder *b, size_t a, size_t e)
{
	const uint8_t *s = b->s;
	size_t i = a, j, k;
	uint8_t c, p, m, n;

	while (i < e) {
		c = s[i];
		if (!ascii_alnum(c) && c != '_') {
			push_token(b, i, 1, char_kind(c));
			i++;
			continue;
		}
		j = i + 1;
		for (;;) {
			while (j < e && (ascii_alnum(s[j]) || s[j] == '_'))
				j++;
			if (j + 1 >= e)
				break;
			p = s[j - 1];
			m = s[j];
			n = s[j + 1];
			if (ascii_alpha(p) && ascii_alpha(n) &&
			    (m == '.' || m == ':' || m == '\'')) {
				j += 2;
				continue;
			}
			if (ascii_digit(p) && ascii_digit(n) &&
			    (m == '.' || m == ',' || m == ';' || m == '\'')) {
				j += 2;
				continue;
			}
			break;
		}
		for (k = i; k < j && !ascii_alnum(s[k]); k++)
			continue;
		if (k == j)
			push_chars(b, i, j);	/* "___" */
		else
			push_token(b, i, j - i,
			    ascii_digit(s[k]) ? TOK_NUMBER : TOK_WORD);
		i = j;
	}
}

/* Tokens of a chunk: no white space, controls or invalid bytes inside. */
static void
tokenise_chunk(struct builder *b, size_t a, size_t e, bool ascii)
{
	size_t i, last, n = e - a;

	if (ascii) {
		tokenise_ascii(b, a, e);
		return;
	}
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

/* Tokens of the paragraph s[start, end). */
static void
tokenise_para(struct builder *b, size_t start, size_t end)
{
	const uint8_t *s = b->s;
	size_t i = start, chunk = start, j, n;
	bool ascii = true;
	ucs4_t uc;
	int r;

	/*
	 * s[chunk, i) is the chunk being gathered; `ascii` tells whether it
	 * is pure ASCII.  Anything that is not part of a chunk ends it.
	 */
	while (i < end) {
		uint8_t c = s[i];

		if (c >= 0x21 && c < 0x7f) {
			i++;
			continue;
		}
		if (c < 0x80) {
			n = 1;
			uc = c;
		} else {
			r = u8_mbtoucr(&uc, s + i, end - i);
			if (r < 0) {
				if (chunk < i)
					tokenise_chunk(b, chunk, i, ascii);
				push_token(b, i, 1, TOK_INVALID);
				chunk = ++i;
				ascii = true;
				continue;
			}
			n = (size_t)r;
		}
		if (is_control_uc(uc)) {
			if (chunk < i)
				tokenise_chunk(b, chunk, i, ascii);
			push_token(b, i, n, TOK_CONTROL);
			i += n;
			chunk = i;
			ascii = true;
			continue;
		}
		if (uc == ' ' || uc == '\t' || uc == '\n' || uc == '\r' ||
		    is_space_uc(uc)) {
			if (chunk < i)
				tokenise_chunk(b, chunk, i, ascii);
			for (j = i + n; j < end; j += n)
				if ((n = space_len(s, j, end)) == 0)
					break;
			push_token(b, i, j - i, TOK_SPACE);
			i = j;
			chunk = i;
			ascii = true;
			continue;
		}
		ascii = false;
		i += n;
	}
	if (chunk < end)
		tokenise_chunk(b, chunk, end, ascii);
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
 * Pass 1: find the paragraphs.  With per_line, every non-blank line is
 * one; otherwise runs of non-blank lines are.
 */
static void
find_paras(struct builder *b, bool per_line)
{
	const uint8_t *s = b->s;
	size_t len = b->len, i = 0, j, pstart = 0, pend = 0, n;
	bool in_para = false, text;
	ucs4_t uc;
	int r;

	b->d->npara = 0;
	while (i < len) {
		/* One line: s[i, j) up to its line end. */
		text = false;
		for (j = i; j < len; j += n) {
			uint8_t c = s[j];

			n = 1;
			if (c == '\n' || c == '\r')
				break;
			if (c == ' ' || c == '\t')
				continue;
			if (c >= 0x80) {
				r = u8_mbtoucr(&uc, s + j, len - j);
				if (r > 0) {
					n = (size_t)r;
					if (is_space_uc(uc))
						continue;
				}
			}
			if (!in_para) {
				pstart = j;
				in_para = true;
			}
			text = true;
			pend = j + n;
		}
		if (j < len)
			j += s[j] == '\r' && j + 1 < len && s[j + 1] == '\n' ?
			    2 : 1;
		if (in_para && (!text || per_line)) {
			push_para(b, pstart, pend);
			in_para = false;
		}
		i = j;
	}
	if (in_para)
		push_para(b, pstart, pend);
}

struct doc *
doc_build(const struct text *t)
{
	struct builder b;
	struct doc *d = xcalloc(1, sizeof *d);
	size_t k, prev = 0, nends, start, end;
	uint32_t *ends = NULL;

	d->text = t;
	memset(&b, 0, sizeof b);
	b.s = t->data;
	b.len = t->len;
	b.d = d;

	find_paras(&b, false);
	if (d->npara == 1)
		find_paras(&b, true);

	/* Prose has about one token per three bytes: start near that. */
	d->tok = xgrow(NULL, &b.captok, b.len / 3 + 16, sizeof *d->tok);

	for (k = 0; k < d->npara; k++) {
		start = d->para[k].start;
		end = d->para[k].end;
		if (prev < start)
			push_token(&b, prev, start - prev, TOK_BREAK);
		d->para[k].tok = (uint32_t)d->ntok;
		tokenise_para(&b, start, end);
		d->para[k].ntok = (uint32_t)(d->ntok - d->para[k].tok);
		nends = sentence_split(b.s, start, end, &ends);
		map_sentences(&b, &d->para[k], ends, nends);
		free(ends);
		ends = NULL;
		prev = end;
	}
	if (prev < b.len)
		push_token(&b, prev, b.len - prev, TOK_BREAK);

	/* Give back what geometric growth over-allocated. */
	d->tok = xreallocarray(d->tok, d->ntok, sizeof *d->tok);
	d->sent = xreallocarray(d->sent, d->nsent, sizeof *d->sent);
	d->para = xreallocarray(d->para, d->npara, sizeof *d->para);
	free(b.brk);
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
	free(d);
}

size_t
doc_word_count(const struct doc *d)
{
	size_t k, i, n = 0;
	const struct para *p;

	for (k = 0; k < d->npara; k++) {
		p = &d->para[k];
		for (i = p->tok; i < (size_t)p->tok + p->ntok; i++)
			if (d->tok[i].kind == TOK_WORD ||
			    d->tok[i].kind == TOK_NUMBER)
				n++;
	}
	return n;
}
