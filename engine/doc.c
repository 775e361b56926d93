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
 * paragraph, token.c cuts the tokens (see there).
 *
 * Sentences come from sentence_split() on each paragraph and are mapped to
 * tokens in map_sentences.
 *
 * Everything is linear in the input, and arrays grow geometrically.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "align.h"
#include "doc.h"
#include "hash.h"
#include "sentence.h"
#include "token.h"
#include "uchar.h"
#include "xalloc.h"

struct builder {
	const uint8_t *s;
	size_t len;
	struct doc *d;
	struct tokeniser tz;	/* d's tokens while they are cut */
	size_t capsent, cappara;
};

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
	const struct token *tok = b->tz.tok;
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
		st->tok = (uint32_t)first;
		st->ntok = (uint32_t)(last - first);
		st->unit = st->nunit = 0;
	}
	p->nsent = (uint32_t)(d->nsent - p->sent);
}

/*
 * Paragraph k as a copy of its twin (doc.h), shifted to where it is:
 * tokens and sentences depend on a paragraph's bytes alone.  The twin
 * may be an earlier paragraph of d itself, whose tokens are still in
 * b->tz; each array is read after it grows.
 */
static void
copy_twin(struct builder *b, size_t k)
{
	struct doc *d = b->d;
	const struct doc *sd = d->twin[k].d;
	const struct para *sp = &sd->para[d->twin[k].p];
	struct para *p = &d->para[k];
	const struct token *stok;
	struct sentence st;
	uint32_t delta = p->start - sp->start, i;

	token_reserve(&b->tz, sp->ntok);
	stok = (sd == d ? b->tz.tok : sd->tok) + sp->tok;
	for (i = 0; i < sp->ntok; i++) {
		b->tz.tok[b->tz.ntok] = stok[i];
		b->tz.tok[b->tz.ntok++].off += delta;
	}
	if (sd == d ? b->tz.npiece != 0 : sd->npiece != 0)
		for (i = 1; i < sp->ntok; i++)
			b->tz.npiece += token_piece(
			    &b->tz.tok[b->tz.ntok - sp->ntok + i]);
	p->ntok = sp->ntok;
	for (i = 0; i < sp->nsent; i++) {
		d->sent = xgrow(d->sent, &b->capsent, d->nsent + 1,
		    sizeof *d->sent);
		st = sd->sent[sp->sent + i];
		st.tok = st.tok - sp->tok + p->tok;
		st.unit = st.nunit = 0;
		d->sent[d->nsent++] = st;
	}
	p->nsent = sp->nsent;
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

/*
 * The shortcut of doc_para_of_token: pindex[j] is the paragraph of token
 * j << pshift, with about as many entries as paragraphs, so the search
 * for a token's paragraph starts between two neighbouring entries, which
 * mostly are the same paragraph or next to each other.  It is made from
 * para[] alone, so it stays true for a copy of d with other tokens (see
 * render.c), and a token past its end is looked up without it.
 */
static void
index_paras(struct doc *d)
{
	size_t j, p = 0;
	unsigned shift = 0;

	free(d->pindex);
	d->pindex = NULL;
	d->npindex = 0;
	if (d->npara == 0)
		return;
	while ((d->ntok >> shift) > d->npara)
		shift++;
	d->pshift = shift;
	d->npindex = (d->ntok >> shift) + 2;
	d->pindex = xreallocarray(NULL, d->npindex, sizeof *d->pindex);
	for (j = 0; j < d->npindex; j++) {
		while (p + 1 < d->npara &&
		    d->para[p + 1].tok <= (uint64_t)j << shift)
			p++;
		d->pindex[j] = (uint32_t)p;
	}
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
	b.tz.s = b.s;
	b.tz.tok = xgrow(NULL, &b.tz.cap, nseg / 3 + 2 * d->npara + 16,
			 sizeof *b.tz.tok);

	for (k = 0; k < d->npara; k++) {
		start = d->para[k].start;
		end = d->para[k].end;
		if (d->reading != NULL && start >= d->reading->next)
			doc_reading_at(d, start, 0);
		if (prev < start) {
			token_reserve(&b.tz,
			    (start - prev) / TOKEN_LEN_MAX + 1);
			token_push(&b.tz, prev, start - prev, TOK_BREAK);
		}
		d->para[k].tok = (uint32_t)b.tz.ntok;
		d->para[k].sent = (uint32_t)d->nsent;
		prev = end;
		if (whole != NULL && whole[k] != DOC_SEGMENT) {
			/* One token per TOKEN_LEN_MAX bytes. */
			token_reserve(&b.tz, (end - start) / TOKEN_LEN_MAX + 1);
			token_push(&b.tz, start, end - start, TOK_PARA);
			d->para[k].ntok = (uint32_t)(b.tz.ntok -
			    d->para[k].tok);
			d->pword[k] = whole[k];
			d->whole_words += whole[k];
			continue;
		}
		if (d->twin != NULL && d->twin[k].d != NULL) {
			copy_twin(&b, k);
			continue;
		}
		/* At most one token per byte (see token.c's push_token). */
		token_reserve(&b.tz, end - start);
		token_para(&b.tz, start, end);
		d->para[k].ntok = (uint32_t)(b.tz.ntok - d->para[k].tok);
		nends = sentence_split(b.s, start, end, &ends);
		map_sentences(&b, &d->para[k], ends, nends);
		free(ends);
		ends = NULL;
	}
	if (prev < b.len) {
		token_reserve(&b.tz, (b.len - prev) / TOKEN_LEN_MAX + 1);
		token_push(&b.tz, prev, b.len - prev, TOK_BREAK);
	}

	/*
	 * Every token outside the paragraphs is a TOK_BREAK, so the words
	 * of the paragraphs are the words of the whole token array, counted
	 * without a branch per token, and those of the paragraphs left whole.
	 */
	d->nword = d->whole_words;
	for (k = 0; k < b.tz.ntok; k++) {
		unsigned kind = b.tz.tok[k].kind;

		d->nword += kind == TOK_WORD || kind == TOK_NUMBER;
	}
	/* A long word's pieces are one word (doc.h). */
	d->npiece = b.tz.npiece;
	d->nword -= d->npiece;

	/* Give back what geometric growth over-allocated. */
	d->ntok = b.tz.ntok;
	d->tok = xreallocarray(b.tz.tok, d->ntok, sizeof *d->tok);
	d->sent = xreallocarray(d->sent, d->nsent, sizeof *d->sent);
	free(b.tz.brk);
	index_paras(d);
	if (d->reading != NULL)
		doc_reading_at(d, b.len, 0);
}

void
doc_reading_at(struct doc *d, size_t off, int pass)
{
	struct doc_reading *r = d->reading;
	size_t len = d->text->len;
	struct align_step at = { ALIGN_READ, NULL, NULL, 0, r->total, true };

	at.done = r->before + ((size_t)pass * len + off) / 2;
	/* The end of a pass: the next starts over. */
	r->next = off >= len ? DOC_READ_CHUNK : off + DOC_READ_CHUNK;
	if (r->pg != NULL)
		r->pg->fn(r->pg->arg, &at);
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
	free(d->twin);
	free(d->pindex);
	free(d);
}

size_t
doc_word_count(const struct doc *d)
{
	return d->nword;
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
	size_t lo = 0, hi = d->npara, j = tok >> d->pshift;

	if (d->pindex != NULL && j + 1 < d->npindex) {
		lo = d->pindex[j];
		hi = (size_t)d->pindex[j + 1] + 1;
	}

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
