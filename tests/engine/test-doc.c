/*
 * test-doc.c — paragraphs, tokens and sentences of doc_build() (doc.h).
 */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>
#include <uniwbrk.h>

#include "doc.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"

/*
 * A struct text made by hand (UTF-8, nothing converted), so that these
 * tests do not depend on text.c's decoding.
 */
static struct text *
mktext(const void *buf, size_t len)
{
	struct text *t = xcalloc(1, sizeof *t);

	t->raw = xmalloc(len ? len : 1);
	memcpy(t->raw, buf, len);
	t->raw_len = len;
	t->data = t->raw;
	t->len = len;
	return t;
}

static void
freetext(struct text *t)
{
	free(t->raw);
	free(t);
}

static const char *const kind_names[] = {
	"WORD", "NUMBER", "PUNCT", "SYMBOL", "SPACE", "BREAK", "INVALID",
	"CONTROL",
};

/* Tokens [from, to) of d as "KIND:text|KIND:text...", text raw. */
static char *
dump_tokens(const struct doc *d, size_t from, size_t to)
{
	size_t i, cap = 0, n = 0, need;
	char *out = NULL;
	const struct token *t;

	out = xgrow(out, &cap, 1, 1);
	out[0] = '\0';
	for (i = from; i < to; i++) {
		t = &d->tok[i];
		need = n + strlen(kind_names[t->kind]) + t->len + 3;
		out = xgrow(out, &cap, need, 1);
		n += (size_t)sprintf(out + n, "%s%s:", i > from ? "|" : "",
		    kind_names[t->kind]);
		memcpy(out + n, d->text->data + t->off, t->len);
		n += t->len;
		out[n] = '\0';
	}
	return out;
}

/* is the token dump of s what we want? */
static void
check_tokens(const char *s, const char *want, const char *name)
{
	struct text *t = mktext(s, strlen(s));
	struct doc *d = doc_build(t);
	char *got = dump_tokens(d, 0, d->ntok);

	is_str(got, want, "tokens: %s", name);
	free(got);
	doc_free(d);
	freetext(t);
}

/* Paragraph texts joined by "#". */
static char *
dump_paras(const struct doc *d)
{
	size_t k, n = 0;
	char *out = xcalloc(1, d->text->len + d->npara + 1);

	for (k = 0; k < d->npara; k++) {
		if (k > 0)
			out[n++] = '#';
		memcpy(out + n, d->text->data + d->para[k].start,
		    d->para[k].end - d->para[k].start);
		n += d->para[k].end - d->para[k].start;
	}
	out[n] = '\0';
	return out;
}

static void
check_paras(const char *s, size_t len, const char *want, const char *name)
{
	struct text *t = mktext(s, len);
	struct doc *d = doc_build(t);
	char *got = dump_paras(d);

	is_str(got, want, "paragraphs: %s", name);
	free(got);
	doc_free(d);
	freetext(t);
}

/* s is a string literal, which may hold NUL bytes */
#define CHECK_PARAS(s, want, name) check_paras(s, sizeof(s) - 1, want, name)

static void
test_sentence_tokens(void)
{
	const char *s = "The U.S. said 1,000 people \xe2\x80\x94 3.5% of them "
	    "\xe2\x80\x94 don't agree.";
	struct text *t = mktext(s, strlen(s));
	struct doc *d = doc_build(t);
	char *got = dump_tokens(d, 0, d->ntok);

	is_str(got, "WORD:The|SPACE: |WORD:U.S|PUNCT:.|SPACE: |WORD:said|"
	    "SPACE: |NUMBER:1,000|SPACE: |WORD:people|SPACE: |"
	    "PUNCT:\xe2\x80\x94|SPACE: |NUMBER:3.5|SYMBOL:%|SPACE: |"
	    "WORD:of|SPACE: |WORD:them|SPACE: |PUNCT:\xe2\x80\x94|SPACE: |"
	    "WORD:don't|SPACE: |WORD:agree|PUNCT:.", "tokens: news sentence");
	is_int(d->npara, 1, "news sentence: one paragraph");
	is_int(d->para[0].tok, 0, "news sentence: paragraph first token");
	is_int(d->para[0].ntok, d->ntok, "news sentence: all tokens");
	is_int(doc_word_count(d), 10, "news sentence: word count");
	free(got);
	doc_free(d);
	freetext(t);
}

static void
test_tokens(void)
{
	check_tokens("US$9.2 billion", "WORD:US|SYMBOL:$|NUMBER:9.2|"
	    "SPACE: |WORD:billion", "US$9.2");
	check_tokens("Wait...", "WORD:Wait|PUNCT:.|PUNCT:.|PUNCT:.",
	    "three dots are three tokens");
	check_tokens("Wait\xe2\x80\xa6", "WORD:Wait|PUNCT:\xe2\x80\xa6",
	    "ellipsis character");
	check_tokens("a.b.c 10:30 a:b 1;2 1'000 e-commerce",
	    "WORD:a.b.c|SPACE: |NUMBER:10|PUNCT::|NUMBER:30|SPACE: |"
	    "WORD:a:b|SPACE: |NUMBER:1;2|SPACE: |NUMBER:1'000|SPACE: |"
	    "WORD:e|PUNCT:-|WORD:commerce", "UAX #29 inner punctuation");
	check_tokens("___ _x 1st x1", "PUNCT:_|PUNCT:_|PUNCT:_|SPACE: |"
	    "WORD:_x|SPACE: |NUMBER:1st|SPACE: |WORD:x1", "underscores");
	check_tokens("caf\x65\xcc\x81 na\xc3\xafve", "WORD:caf\x65\xcc\x81|"
	    "SPACE: |WORD:na\xc3\xafve", "accents stay in the word");
	check_tokens("\xe2\x80\x9cquoted\xe2\x80\x9d, it\xe2\x80\x99s",
	    "PUNCT:\xe2\x80\x9c|WORD:quoted|PUNCT:\xe2\x80\x9d|PUNCT:,|"
	    "SPACE: |WORD:it\xe2\x80\x99s", "curly quotes, apostrophe");
	check_tokens("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd \xf0\x9f\x87\xba"
	    "\xf0\x9f\x87\xb8\xc2\xa9\xe2\x82\xac",
	    "SYMBOL:\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd|SPACE: |"
	    "SYMBOL:\xf0\x9f\x87\xba\xf0\x9f\x87\xb8|SYMBOL:\xc2\xa9|"
	    "SYMBOL:\xe2\x82\xac", "emoji, flag, symbols");
	check_tokens("a \t  b\xc2\xa0\xe3\x80\x80" "c",
	    "WORD:a|SPACE: \t  |WORD:b|SPACE:\xc2\xa0\xe3\x80\x80|WORD:c",
	    "one space token per run");
	check_tokens("a\nb\r\nc\rd\n\ne", "WORD:a|SPACE:\n|WORD:b|"
	    "SPACE:\r\n|WORD:c|SPACE:\r|WORD:d|BREAK:\n\n|WORD:e",
	    "soft line ends are space");
	check_tokens(" x ", "BREAK: |WORD:x|BREAK: ", "breaks around");
	check_tokens("\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7\xe4\xbc\x9a"
	    "\xe8\xa6\x8b\xe3\x81\x97\xe3\x81\x9f",
	    "WORD:\xe6\x9d\xb1|WORD:\xe4\xba\xac|WORD:\xe3\x81\xa7|"
	    "WORD:\xe4\xbc\x9a|WORD:\xe8\xa6\x8b|WORD:\xe3\x81\x97|"
	    "WORD:\xe3\x81\x9f", "Japanese: one token per character");
	check_tokens("\xe3\x82\xab\xe3\x82\xbf\xe3\x82\xab\xe3\x83\x8a_ab",
	    "WORD:\xe3\x82\xab|WORD:\xe3\x82\xbf|WORD:\xe3\x82\xab|"
	    "WORD:\xe3\x83\x8a|WORD:_ab", "katakana run is split");
	check_tokens("\xe4\xb8\xad\xe6\x96\x87iPhone\xe3\x80\x82",
	    "WORD:\xe4\xb8\xad|WORD:\xe6\x96\x87|WORD:iPhone|"
	    "PUNCT:\xe3\x80\x82", "Chinese with Latin");
	check_tokens("\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 \xeb\xac\xb8"
	    "\xec\x9e\xa5", "WORD:\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4|"
	    "SPACE: |WORD:\xeb\xac\xb8\xec\x9e\xa5", "Korean words stay whole");
	check_tokens("ab\xff" "cd\xc3", "WORD:ab|INVALID:\xff|WORD:cd|"
	    "INVALID:\xc3", "invalid bytes");
	check_tokens("\xe6\x9d x", "INVALID:\xe6|INVALID:\x9d|SPACE: |WORD:x",
	    "truncated sequence: one token per byte");
	check_tokens("red\x1b[31mtext", "WORD:red|CONTROL:\x1b|PUNCT:[|"
	    "NUMBER:31mtext", "ESC is a control token alone");
	check_tokens("a\x7f" "b\xc2\x9b" "c\x0c" "d", "WORD:a|CONTROL:\x7f|"
	    "WORD:b|CONTROL:\xc2\x9b|WORD:c|CONTROL:\x0c|WORD:d",
	    "DEL, C1 and form feed are controls");
}

/* Every printable ASCII character alone: punctuation or symbol? */
static void
test_ascii_kinds(void)
{
	int c, bad = 0;
	char s[2];
	struct text *t;
	struct doc *d;
	int want;

	for (c = 0x21; c < 0x7f; c++) {
		s[0] = (char)c;
		t = mktext(s, 1);
		d = doc_build(t);
		if (c >= '0' && c <= '9')
			want = TOK_NUMBER;
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			want = TOK_WORD;
		else if (c == '%')
			want = TOK_SYMBOL;
		else if (c == '_')
			want = TOK_PUNCT;
		else
			want = uc_is_general_category((ucs4_t)c,
			    UC_CATEGORY_P) ? TOK_PUNCT : TOK_SYMBOL;
		if (d->ntok != 1 || d->tok[0].kind != want) {
			printf("# char '%c'\n", c);
			bad++;
		}
		doc_free(d);
		freetext(t);
	}
	is_int(bad, 0, "ASCII characters get Unicode's category");
}

static uint64_t rng_state;

static uint32_t
rng(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

/*
 * The ASCII fast path must agree with u8_wordbreaks: append an em dash,
 * which is a word boundary on both sides in UAX #29, to force the
 * general path on the same text.
 */
static void
test_ascii_fast_path(void)
{
	static const char alphabet[] = "aZq09_.,;:'\"-!$%()";
	char buf[64];
	size_t n, i, j, k;
	int bad = 0, same;
	struct text *t1, *t2;
	struct doc *d1, *d2;

	rng_state = 42;
	for (i = 0; i < 3000; i++) {
		n = 1 + rng() % 12;
		for (j = 0; j < n; j++)
			buf[j] = alphabet[rng() % (sizeof alphabet - 1)];
		memcpy(buf + n, "\xe2\x80\x94", 3);
		t1 = mktext(buf, n);
		t2 = mktext(buf, n + 3);
		d1 = doc_build(t1);
		d2 = doc_build(t2);
		same = d2->ntok == d1->ntok + 1;
		for (k = 0; same && k < d1->ntok; k++)
			same = d1->tok[k].off == d2->tok[k].off &&
			    d1->tok[k].len == d2->tok[k].len &&
			    d1->tok[k].kind == d2->tok[k].kind;
		if (!same && bad++ == 0)
			printf("# '%.*s'\n", (int)n, buf);
		doc_free(d1);
		doc_free(d2);
		freetext(t1);
		freetext(t2);
	}
	is_int(bad, 0, "ASCII fast path equals u8_wordbreaks");
}

/*
 * The token boundaries UAX #29 gives a chunk (no white space, controls or
 * invalid bytes) of letters, digits and punctuation, worked out here
 * from u8_wordbreaks alone: a piece without a letter or digit is one
 * token per character.  For the alphabet of test_ascii_runs this is what
 * doc.c must give, by its ASCII fast path or its general one.
 */
static size_t
ref_bounds(const uint8_t *s, size_t n, size_t *b)
{
	char *brk = xmalloc(n + 1);
	size_t i, j, nb = 0, last = 0;
	bool alnum;
	ucs4_t uc;
	int r;

	u8_wordbreaks(s, n, brk);
	brk[n] = 1;
	for (i = 1; i <= n; i++) {
		if (i < n && !brk[i])
			continue;
		/* the piece s[last, i) */
		alnum = false;
		for (j = last; j < i; j += (size_t)r) {
			r = u8_mbtoucr(&uc, s + j, i - j);
			if (uc_is_property_alphabetic(uc) ||
			    uc_is_property_decimal_digit(uc))
				alnum = true;
		}
		b[nb++] = last;
		if (!alnum)
			for (j = last + 1; j < i; j++)
				if ((s[j] & 0xc0) != 0x80)
					b[nb++] = j;
		last = i;
	}
	free(brk);
	return nb;
}

/*
 * Long and short runs of ASCII word characters and joiners, with or
 * without non-ASCII letters and punctuation among them, at every
 * alignment (the word scanner reads eight bytes at a time): the tokens
 * must start where UAX #29 says.
 */
static void
test_ascii_runs(void)
{
	static const char *const piece[] = {
		"a", "Z", "q", "0", "9", "_", ".", ",", ";", ":", "'", "-",
		"abcdefghij", "0123456789", "\xc3\xa9", "\xe2\x80\x94",
		"\xe2\x80\x99", "$", "\xc3\x85",
	};
	uint8_t buf[256];
	size_t b[256], n, pre, i, j, k, nb, ti;
	int bad = 0, same;
	struct text *t;
	struct doc *d;

	rng_state = 7;
	for (i = 0; i < 4000; i++) {
		pre = rng() % 8;
		memset(buf, ' ', pre);
		n = pre;
		k = 1 + rng() % 24;
		for (j = 0; j < k; j++) {
			/* mostly ASCII; a quarter of the texts have more */
			const char *p = piece[rng() % (i % 4 == 0 ? 19 : 14)];

			memcpy(buf + n, p, strlen(p));
			n += strlen(p);
		}
		nb = ref_bounds(buf + pre, n - pre, b);
		t = mktext(buf, n);
		d = doc_build(t);
		ti = pre > 0;		/* the leading white space */
		same = d->ntok == ti + nb;
		for (j = 0; same && j < nb; j++)
			same = d->tok[ti + j].off == pre + b[j];
		if (!same && bad++ == 0)
			printf("# '%.*s'\n", (int)(n - pre), buf + pre);
		doc_free(d);
		freetext(t);
	}
	is_int(bad, 0, "ASCII runs at every alignment split as UAX #29 does");
}

static void
test_paragraphs(void)
{
	struct text *t;
	struct doc *d;
	char *got;
	const char *s;

	CHECK_PARAS("One two.\r\nThree.\r\n\r\nFour.\r\n",
	    "One two.\r\nThree.#Four.", "CRLF");
	CHECK_PARAS("a\rb\r\rc\r", "a\rb#c", "lone CR");
	CHECK_PARAS("a\nb\n \t\nc\n\xc2\xa0\xe3\x80\x80\r\nd",
	    "a\nb#c#d", "blank lines holding white space");
	CHECK_PARAS("one\ntwo\nthree\n", "one#two#three",
	    "no blank line: one paragraph per line");
	CHECK_PARAS("\n\none\n two \n\n", "one#two",
	    "outer blank lines separate nothing");
	CHECK_PARAS("  Hello world.  \n\n\tBye. \n", "Hello world.#Bye.",
	    "leading and trailing white space trimmed");
	CHECK_PARAS("one line", "one line", "one line");
	CHECK_PARAS("a\n\x1b\n\nb", "a\n\x1b#b",
	    "a control makes a line non-blank");
	CHECK_PARAS("", "", "empty text");

	s = " \n\t\n";
	t = mktext(s, strlen(s));
	d = doc_build(t);
	got = dump_tokens(d, 0, d->ntok);
	is_int(d->npara, 0, "white space only: no paragraph");
	is_str(got, "BREAK: \n\t\n", "white space only: one break token");
	free(got);
	doc_free(d);
	freetext(t);

	s = "  First line\nsecond line.\r\n \r\n\r\nNext  \n";
	t = mktext(s, strlen(s));
	d = doc_build(t);
	got = dump_tokens(d, 0, d->ntok);
	is_str(got, "BREAK:  |WORD:First|SPACE: |WORD:line|SPACE:\n|"
	    "WORD:second|SPACE: |WORD:line|PUNCT:.|BREAK:\r\n \r\n\r\n|"
	    "WORD:Next|BREAK:  \n", "tokens of paragraphs and breaks");
	is_int(d->npara, 2, "two paragraphs");
	is_int(d->para[0].tok, 1, "first paragraph first token");
	is_int(d->para[0].ntok, 8, "first paragraph token count");
	is_int(d->para[1].tok, 10, "second paragraph first token");
	is_int(d->para[1].ntok, 1, "second paragraph token count");
	free(got);
	doc_free(d);
	freetext(t);
}

/* The word and number tokens of d, separated by "|". */
static char *
dump_words(const struct doc *d)
{
	size_t i, n = 0;
	char *out = xcalloc(1, d->text->len + d->ntok + 1);

	for (i = 0; i < d->ntok; i++) {
		if (d->tok[i].kind != TOK_WORD && d->tok[i].kind != TOK_NUMBER)
			continue;
		if (n > 0)
			out[n++] = '|';
		memcpy(out + n, d->text->data + d->tok[i].off, d->tok[i].len);
		n += d->tok[i].len;
	}
	out[n] = '\0';
	return out;
}

static void
test_hard_wrap(void)
{
	const char *flat = "The investigation focuses on how the company "
	    "stores customer data, including personal information.\n\n"
	    "Officials declined to comment on the matter, a spokesperson "
	    "said on Tuesday.\n";
	const char *wrapped = "The investigation focuses on how the\n"
	    "company stores customer data, including\r\n"
	    "   personal information.\n\n\n"
	    "Officials declined to comment on the\n"
	    "matter, a spokesperson said on Tuesday.";
	struct text *t1 = mktext(flat, strlen(flat));
	struct text *t2 = mktext(wrapped, strlen(wrapped));
	struct doc *d1 = doc_build(t1), *d2 = doc_build(t2);
	char *w1 = dump_words(d1), *w2 = dump_words(d2);

	is_int(d1->npara, 2, "unwrapped: two paragraphs");
	is_int(d2->npara, 2, "hard-wrapped: two paragraphs");
	is_str(w2, w1, "hard-wrapped: same words");
	is_int(doc_word_count(d2), doc_word_count(d1),
	    "hard-wrapped: same word count");
	free(w1);
	free(w2);
	doc_free(d1);
	doc_free(d2);
	freetext(t1);
	freetext(t2);
}

static void
test_sentences(void)
{
	const char *s = "Alpha beta. Gamma delta.\n\nOne more.";
	struct text *t = mktext(s, strlen(s));
	struct doc *d = doc_build(t);

	is_int(d->npara, 2, "sentences: two paragraphs");
	is_int(d->nsent, 3, "sentences: three");
	is_int(d->para[0].sent, 0, "first paragraph first sentence");
	is_int(d->para[0].nsent, 2, "first paragraph has two");
	is_int(d->para[1].sent, 2, "second paragraph first sentence");
	is_int(d->para[1].nsent, 1, "second paragraph has one");
	is_int(sentence_bytes_start(d, &d->sent[0]), 0, "sentence 0 start");
	is_int(sentence_bytes_end(d, &d->sent[0]), 11, "sentence 0 end");
	is_int(d->sent[0].tok, 0, "sentence 0 first token");
	is_int(d->sent[0].ntok, 4, "sentence 0 tokens: Alpha, space, beta, .");
	is_int(sentence_bytes_start(d, &d->sent[1]), 12, "sentence 1 start");
	is_int(sentence_bytes_end(d, &d->sent[1]), 24, "sentence 1 end");
	is_int(d->sent[1].tok, 5, "sentence 1 first token (4 is in none)");
	is_int(d->sent[1].ntok, 4, "sentence 1 tokens");
	is_int(sentence_bytes_start(d, &d->sent[2]), 26, "sentence 2 start");
	is_int(sentence_bytes_end(d, &d->sent[2]), 35, "sentence 2 end");
	is_int(d->sent[2].tok, 10, "sentence 2 first token (after break)");
	is_int(d->sent[2].ntok, 4, "sentence 2 tokens");
	doc_free(d);
	freetext(t);
}

/*
 * The invariants of doc.h, checked on any input.  Returns a description
 * of the first violation, or NULL.
 */
static const char *
check_invariants(const struct doc *d)
{
	const struct text *t = d->text;
	size_t i, k, j, pos = 0, ti, inpara;
	const struct para *p;
	const struct sentence *st;
	ucs4_t uc;

	for (i = 0; i < d->ntok; i++) {
		if (d->tok[i].off != pos)
			return "tokens do not tile the data";
		if (d->tok[i].len == 0)
			return "empty token";
		if (d->tok[i].kind > TOK_CONTROL)
			return "bad kind";
		if (d->tok[i].kind == TOK_INVALID &&
		    (d->tok[i].len != 1 || u8_mbtoucr(&uc, t->data + pos,
		    t->len - pos) > 0))
			return "invalid token is not one invalid byte";
		pos += d->tok[i].len;
	}
	if (pos != t->len)
		return "tokens do not end at the end of data";
	ti = 0;
	for (k = 0; k < d->npara; k++) {
		p = &d->para[k];
		if (p->start >= p->end || p->end > t->len)
			return "paragraph span";
		if (k > 0 && p->start <= d->para[k - 1].end)
			return "paragraphs out of order";
		/* tokens before it: breaks */
		for (; ti < p->tok; ti++)
			if (d->tok[ti].kind != TOK_BREAK)
				return "non-break token between paragraphs";
		if (ti != p->tok || p->ntok == 0 ||
		    d->tok[p->tok].off != p->start ||
		    d->tok[p->tok + p->ntok - 1].off +
		    d->tok[p->tok + p->ntok - 1].len != p->end)
			return "paragraph tokens do not match its span";
		if (d->tok[p->tok].kind == TOK_SPACE ||
		    d->tok[p->tok + p->ntok - 1].kind == TOK_SPACE)
			return "paragraph not trimmed";
		for (; ti < (size_t)p->tok + p->ntok; ti++)
			if (d->tok[ti].kind == TOK_BREAK)
				return "break inside a paragraph";
		if (p->nsent == 0)
			return "paragraph without sentences";
		if (k > 0 && p->sent != d->para[k - 1].sent +
		    d->para[k - 1].nsent)
			return "sentences of paragraphs not consecutive";
		inpara = p->tok;
		for (j = p->sent; j < (size_t)p->sent + p->nsent; j++) {
			if (j >= d->nsent)
				return "sentence index out of range";
			st = &d->sent[j];
			if (st->ntok == 0 || st->tok < inpara ||
			    st->tok + st->ntok > p->tok + p->ntok)
				return "sentence tokens outside paragraph";
			/* only white space between sentences */
			for (; inpara < st->tok; inpara++)
				if (d->tok[inpara].kind != TOK_SPACE)
					return "token outside any sentence";
			if (sentence_bytes_start(d, st) < p->start ||
			    sentence_bytes_end(d, st) > p->end)
				return "sentence outside paragraph";
			if (d->tok[st->tok].kind == TOK_SPACE ||
			    d->tok[st->tok + st->ntok - 1].kind == TOK_SPACE)
				return "sentence not trimmed";
			inpara = st->tok + st->ntok;
		}
		if (inpara != p->tok + p->ntok)
			return "paragraph tail outside sentences";
	}
	if (d->npara > 0 && d->sent != NULL &&
	    d->para[d->npara - 1].sent + d->para[d->npara - 1].nsent !=
	    d->nsent)
		return "sentences not all in paragraphs";
	for (; ti < d->ntok; ti++)
		if (d->tok[ti].kind != TOK_BREAK)
			return "non-break token after the last paragraph";
	return NULL;
}

/*
 * Paragraphs as doc.h defines them, the slow way: every line decoded from
 * its start, one character at a time.  doc.c finds line ends with memchr
 * and the end of a line's text walking back from its end; both must give
 * these spans.  Returns the number of paragraphs, spans in ps[] and pe[].
 */
static size_t
ref_paras(const uint8_t *s, size_t len, bool per_line, uint32_t *ps,
	  uint32_t *pe)
{
	size_t i = 0, j, n, np = 0, pstart = 0, pend = 0;
	bool in_para = false, text;
	ucs4_t uc;
	int r;

	while (i < len) {
		text = false;
		for (j = i; j < len && s[j] != '\n' && s[j] != '\r'; j += n) {
			n = 1;
			if (s[j] == ' ' || s[j] == '\t')
				continue;
			if (s[j] >= 0x80) {
				r = u8_mbtoucr(&uc, s + j, len - j);
				if (r > 0) {
					n = (size_t)r;
					if (uc >= 0xa0 &&
					    uc_is_property_white_space(uc))
						continue;
				}
			}
			if (!in_para)
				pstart = j;
			in_para = text = true;
			pend = j + n;
		}
		if (j < len)
			j += s[j] == '\r' && j + 1 < len && s[j + 1] == '\n' ?
			    2 : 1;
		if (in_para && (!text || per_line)) {
			ps[np] = (uint32_t)pstart;
			pe[np++] = (uint32_t)pend;
			in_para = false;
		}
		i = j;
	}
	if (in_para) {
		ps[np] = (uint32_t)pstart;
		pe[np++] = (uint32_t)pend;
	}
	return np;
}

/* Are d's paragraphs those of ref_paras? */
static bool
paras_as_ref(const struct doc *d)
{
	static uint32_t ps[4096], pe[4096];
	size_t np, k;

	np = ref_paras(d->text->data, d->text->len, false, ps, pe);
	if (np == 1)
		np = ref_paras(d->text->data, d->text->len, true, ps, pe);
	if (np != d->npara)
		return false;
	for (k = 0; k < np; k++)
		if (d->para[k].start != ps[k] || d->para[k].end != pe[k])
			return false;
	return true;
}

static int
same_docs(const struct doc *a, const struct doc *b)
{
	size_t i;

	if (a->ntok != b->ntok || a->nsent != b->nsent || a->npara != b->npara)
		return 0;
	for (i = 0; i < a->ntok; i++)
		if (a->tok[i].off != b->tok[i].off ||
		    a->tok[i].len != b->tok[i].len ||
		    a->tok[i].kind != b->tok[i].kind)
			return 0;
	for (i = 0; i < a->nsent; i++)
		if (memcmp(&a->sent[i], &b->sent[i], sizeof a->sent[i]) != 0)
			return 0;
	for (i = 0; i < a->npara; i++)
		if (memcmp(&a->para[i], &b->para[i], sizeof a->para[i]) != 0)
			return 0;
	return 1;
}

static void
test_random(void)
{
	static const char *const frag[] = {
		"a", "Z", "word", "U.S.", "1,000", "3.5", "\xc3\xa9",
		"\xe6\x9d\xb1", "\xe3\x82\xab", "\xed\x95\x9c", "\xe0\xb8\xa0",
		" ", " ", "  ", "\t", "\n", "\n", "\r", "\r\n", "\n\n",
		"\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\xaf", ".", ". ", "...",
		"'", ",", "1", "\x1b", "\x7f", "\x0c", "\xc2\x9b", "\xc2\x85",
		"\xff", "\xc3", "\xe6\x9d", "\xcc\x81", "\xf0\x9f\x91\x8d",
		"\xf0\x9f\x8f\xbd", "\xe2\x80\x8d", "\xf0\x9f\x87\xba", "_",
		"%", "$", "\xe2\x80\x94", "\xe2\x80\x9c", "\xe2\x80\x8b",
		"\xe2\x80\xae", "?", "\x00", "\xa0", "\x80\x80", "\xe3\x80",
		"\xe2\x80\x83 ", " \xc2\xa0\t",
	};
	uint8_t buf[4096];
	size_t n, i, j, len, nfrag = sizeof frag / sizeof frag[0];
	const char *why = NULL;
	struct text *t;
	struct doc *d1, *d2;
	int bad = 0, nondet = 0, badpara = 0;

	rng_state = 20220118;
	for (i = 0; i < 1000; i++) {
		n = rng() % 300;
		len = 0;
		for (j = 0; j < n && len + 8 < sizeof buf; j++) {
			if (rng() % 4 == 0) {
				buf[len++] = (uint8_t)rng();
			} else {
				const char *f = frag[rng() % nfrag];
				size_t fl = f[0] ? strlen(f) : 1;

				memcpy(buf + len, f, fl);
				len += fl;
			}
		}
		t = mktext(buf, len);
		d1 = doc_build(t);
		d2 = doc_build(t);
		why = check_invariants(d1);
		if (why != NULL) {
			if (bad++ == 0)
				printf("# buffer %zu: %s\n", i, why);
		}
		if (!same_docs(d1, d2))
			nondet++;
		if (!paras_as_ref(d1) && badpara++ == 0)
			printf("# buffer %zu: paragraphs differ\n", i);
		doc_free(d1);
		doc_free(d2);
		freetext(t);
	}
	is_int(bad, 0, "random buffers: doc invariants hold");
	is_int(nondet, 0, "random buffers: building twice gives the same doc");
	is_int(badpara, 0, "random buffers: paragraphs as the slow scan finds");
}

/*
 * A token holds at most TOKEN_LEN_MAX bytes (doc.h): longer runs are cut
 * into tokens of the same kind at character boundaries, a 10 MB word too;
 * a word's pieces after its first are joined (one word, doc.h).
 */
static void
test_long_tokens(void)
{
	size_t big = TOKEN_LEN_MAX + 1000, huge = 10000000, i, bad = 0;
	uint8_t *buf = xmalloc(huge + 16);
	struct text *t;
	struct doc *d;

	memset(buf, 'a', huge);
	t = mktext(buf, huge);
	d = doc_build(t);
	for (i = 0; i < d->ntok; i++)
		bad += d->tok[i].kind != TOK_WORD ||
		    d->tok[i].joined != (i > 0) ||
		    d->tok[i].off != i * TOKEN_LEN_MAX ||
		    d->tok[i].len != (i + 1 < d->ntok ? TOKEN_LEN_MAX :
		    huge - i * TOKEN_LEN_MAX);
	ok(d->ntok == (huge + TOKEN_LEN_MAX - 1) / TOKEN_LEN_MAX && bad == 0,
	    "a 10 MB word is cut in tokens of TOKEN_LEN_MAX bytes, "
	    "the pieces joined");
	doc_free(d);
	freetext(t);

	memset(buf, 'a', big);
	t = mktext(buf, big);
	d = doc_build(t);
	ok(d->ntok == 2 && d->tok[0].len == TOKEN_LEN_MAX &&
	    d->tok[1].off == TOKEN_LEN_MAX && d->tok[1].len == 1000 &&
	    d->tok[0].kind == TOK_WORD && d->tok[1].kind == TOK_WORD,
	    "a longer word is cut at TOKEN_LEN_MAX bytes");
	doc_free(d);
	freetext(t);

	/* "é" is two bytes and TOKEN_LEN_MAX odd: cut one byte earlier */
	for (i = 0; i < big + 1; i += 2)
		memcpy(buf + i, "\xc3\xa9", 2);
	t = mktext(buf, big + 1);
	d = doc_build(t);
	ok(d->ntok == 2 && d->tok[0].len == TOKEN_LEN_MAX - 1 &&
	    d->tok[1].off == TOKEN_LEN_MAX - 1 &&
	    d->tok[1].len == big + 1 - (TOKEN_LEN_MAX - 1),
	    "a long word is cut at a character boundary");
	doc_free(d);
	freetext(t);

	/* white space inside a paragraph, and between paragraphs */
	memset(buf, ' ', big);
	buf[0] = 'x';
	buf[big - 1] = 'y';
	t = mktext(buf, big);
	d = doc_build(t);
	ok(d->ntok == 4 && d->tok[1].kind == TOK_SPACE &&
	    d->tok[2].kind == TOK_SPACE && d->tok[1].len == TOKEN_LEN_MAX &&
	    d->npara == 1 && check_invariants(d) == NULL,
	    "a long run of spaces is cut too");
	doc_free(d);
	freetext(t);
	memset(buf, '\n', big);
	buf[0] = 'x';
	buf[big - 1] = 'y';
	t = mktext(buf, big);
	d = doc_build(t);
	ok(d->ntok == 4 && d->tok[1].kind == TOK_BREAK &&
	    d->tok[2].kind == TOK_BREAK && d->npara == 2 &&
	    check_invariants(d) == NULL, "and so is a long paragraph break");
	doc_free(d);
	freetext(t);
	free(buf);
}

/* Paragraph counts of the seed files, counted by hand. */
static const struct {
	const char *prefix;
	size_t npara;
} seeds[] = {
	{ "000_", 21 },
	{ "001_", 14 },
	{ "002_", 12 },
	{ "003_", 39 },
	{ "004_", 11 },
};

static void
test_seeds(void)
{
	const char *dir = getenv("SEEDS_DIR");
	size_t i, nseeds = sizeof seeds / sizeof seeds[0];
	char path[4096];
	struct dirent *de;
	struct vs_error err;
	struct text *t;
	struct doc *d;
	const char *why;
	DIR *dp;

	for (i = 0; i < nseeds; i++) {
		dp = dir != NULL ? opendir(dir) : NULL;
		if (dp == NULL) {
			skip_seeds("SEEDS_DIR not set or missing");
			skip_seeds("SEEDS_DIR not set or missing");
			continue;
		}
		path[0] = '\0';
		while ((de = readdir(dp)) != NULL)
			if (strncmp(de->d_name, seeds[i].prefix, 4) == 0)
				snprintf(path, sizeof path, "%s/%s", dir,
				    de->d_name);
		closedir(dp);
		t = path[0] != '\0' ? text_load(path, NULL, &err) : NULL;
		if (t == NULL) {
			skip_seeds("seed %s not found", seeds[i].prefix);
			skip_seeds("seed %s not found", seeds[i].prefix);
			continue;
		}
		d = doc_build(t);
		is_int(d->npara, seeds[i].npara, "seed %s: paragraphs",
		    seeds[i].prefix);
		why = check_invariants(d);
		ok(why == NULL, "seed %s: invariants (%s)", seeds[i].prefix,
		    why != NULL ? why : "ok");
		if (i == 0) {
			/* its first line starts with a space */
			is_int(d->para[0].start, 1, "seed 000: first paragraph "
			    "starts after the space");
			is_int(d->tok[0].kind, TOK_BREAK,
			    "seed 000: the space is a break token");
		}
		doc_free(d);
		text_free(t);
	}
}

int
main(void)
{
	test_sentence_tokens();
	test_tokens();
	test_ascii_kinds();
	test_ascii_fast_path();
	test_ascii_runs();
	test_paragraphs();
	test_hard_wrap();
	test_sentences();
	test_random();
	test_long_tokens();
	test_seeds();
	return done_testing();
}
