/*
 * test-cmpkeys.c — unit tests of engine/cmpkeys.c: interning and turning
 * tokens into comparison units (folding itself is test-fold.c's).
 *
 * The docs here are built by a small tokeniser of the test's own (mkdoc),
 * so that these checks do not depend on doc.c's segmentation: paragraphs
 * are separated by "\n\n", and a white space token holding "\n" ends a
 * sentence.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwbrk.h>

#include "doc.h"
#include "equiv.h"
#include "fold.h"
#include "cmpkeys.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"

/* --- a hand-made doc ----------------------------------------------------- */

struct tdoc {
	struct text t;
	struct doc d;
	size_t captok, capsent, cappara;
};

static void
add_tok(struct tdoc *td, size_t off, size_t len, enum token_kind kind)
{
	struct doc *d = &td->d;

	d->tok = xgrow(d->tok, &td->captok, d->ntok + 1, sizeof *d->tok);
	d->tok[d->ntok].off = (uint32_t)off;
	d->tok[d->ntok].len = (uint32_t)len;
	d->tok[d->ntok].kind = (uint8_t)kind;
	d->tok[d->ntok].joined = 0;
	d->ntok++;
}

static size_t
white_len(const uint8_t *s, size_t n)
{
	ucs4_t uc;
	int r;

	if (n == 0)
		return 0;
	if (s[0] < 0x80)
		return s[0] == ' ' || s[0] == '\t' || s[0] == '\n';
	r = u8_mbtoucr(&uc, s, n);
	return r > 0 && uc_is_property_white_space(uc) ? (size_t)r : 0;
}

static enum token_kind
piece_kind(const uint8_t *s, size_t n)
{
	ucs4_t uc;
	size_t i;
	int r;

	for (i = 0; i < n; i += (size_t)r) {
		r = u8_mbtoucr(&uc, s + i, n - i);
		if (r <= 0)
			return TOK_INVALID;
		if (uc_is_property_alphabetic(uc))
			return TOK_WORD;
		if (uc_is_property_decimal_digit(uc))
			return TOK_NUMBER;
	}
	u8_mbtoucr(&uc, s, n);
	if (uc != '%' && uc_is_general_category(uc, UC_CATEGORY_P))
		return TOK_PUNCT;
	return TOK_SYMBOL;
}

/* Tokens of a chunk without white space: UAX #29, punctuation split. */
static void
add_chunk(struct tdoc *td, size_t a, size_t e)
{
	const uint8_t *s = td->t.data;
	char *brk;
	size_t i, last = a, j;
	enum token_kind kind;
	ucs4_t uc;
	int r;

	if (a == e)
		return;
	if (s[a] == 0xff) {	/* the one invalid byte the tests use */
		add_tok(td, a, 1, TOK_INVALID);
		add_chunk(td, a + 1, e);
		return;
	}
	brk = xmalloc(e - a);
	u8_wordbreaks(s + a, e - a, brk);
	for (i = a + 1; i <= e; i++) {
		if (i < e && !brk[i - a])
			continue;
		kind = piece_kind(s + last, i - last);
		if (kind == TOK_PUNCT) {
			for (j = last; j < i; j += (size_t)r) {
				r = u8_mbtoucr(&uc, s + j, i - j);
				add_tok(td, j, (size_t)r, TOK_PUNCT);
			}
		} else {
			add_tok(td, last, i - last, kind);
		}
		last = i;
	}
	free(brk);
}

static void
add_sentence(struct tdoc *td, size_t first, size_t end)
{
	struct doc *d = &td->d;
	struct sentence *st;

	d->sent = xgrow(d->sent, &td->capsent, d->nsent + 1, sizeof *d->sent);
	st = &d->sent[d->nsent++];
	memset(st, 0, sizeof *st);
	st->tok = (uint32_t)first;
	st->ntok = (uint32_t)(end - first);
}

static void
add_para(struct tdoc *td, size_t start, size_t end)
{
	struct doc *d = &td->d;
	const uint8_t *s = td->t.data;
	struct para *p;
	size_t i = start, chunk = start, w, t, first;

	d->para = xgrow(d->para, &td->cappara, d->npara + 1, sizeof *d->para);
	p = &d->para[d->npara++];
	memset(p, 0, sizeof *p);
	p->start = (uint32_t)start;
	p->end = (uint32_t)end;
	p->tok = (uint32_t)d->ntok;
	while (i < end) {
		if ((w = white_len(s + i, end - i)) == 0) {
			i++;
			continue;
		}
		add_chunk(td, chunk, i);
		chunk = i;
		while ((w = white_len(s + i, end - i)) > 0)
			i += w;
		add_tok(td, chunk, i - chunk, TOK_SPACE);
		chunk = i;
	}
	add_chunk(td, chunk, end);
	p->ntok = (uint32_t)(d->ntok - p->tok);

	/* Sentences end at a white space token holding a line end. */
	p->sent = (uint32_t)d->nsent;
	first = p->tok;
	for (t = p->tok; t < (size_t)p->tok + p->ntok; t++) {
		if (d->tok[t].kind == TOK_SPACE &&
		    memchr(s + d->tok[t].off, '\n', d->tok[t].len) != NULL) {
			add_sentence(td, first, t);
			first = t + 1;
		}
	}
	add_sentence(td, first, (size_t)p->tok + p->ntok);
	p->nsent = (uint32_t)(d->nsent - p->sent);
}

static struct tdoc *
mkdoc(const char *str)
{
	struct tdoc *td = xcalloc(1, sizeof *td);
	const uint8_t *s = (const uint8_t *)str, *b;
	size_t len = strlen(str), i = 0, e;

	td->t.data = s;
	td->t.len = len;
	td->d.text = &td->t;
	while (i < len) {
		b = (const uint8_t *)strstr((const char *)s + i, "\n\n");
		e = b != NULL ? (size_t)(b - s) : len;
		add_para(td, i, e);
		if (e < len) {
			add_tok(td, e, 2, TOK_BREAK);
			e += 2;
		}
		i = e;
	}
	return td;
}

static void
freedoc(struct tdoc *td)
{
	free(td->d.tok);
	free(td->d.sent);
	free(td->d.para);
	free(td->d.unit);
	free(td);
}

/* Classify a text with k; the caller frees the result. */
static struct tdoc *
classify(struct cmpkeys *k, const char *s)
{
	struct tdoc *td = mkdoc(s);

	cmpkeys_classify(k, &td->d);
	return td;
}

/* The interned fold key of unit i, as a C string for is_str. */
static const char *
fold_str(struct cmpkeys *k, const struct tdoc *td, size_t i)
{
	static char buf[256];
	const uint8_t *p;
	size_t n;

	if (i >= td->d.nunit)
		return "(no such unit)";
	p = cmpkeys_string(k, td->d.unit[i].fold, &n);
	snprintf(buf, sizeof buf, "%.*s", (int)n, (const char *)p);
	return buf;
}

/* Do the two docs have the same number of units and equal keys? */
static bool
same_keys(const struct tdoc *a, const struct tdoc *b, bool strict)
{
	size_t i;

	if (a->d.nunit != b->d.nunit)
		return false;
	for (i = 0; i < a->d.nunit; i++) {
		if (strict ? a->d.unit[i].strict != b->d.unit[i].strict :
		    a->d.unit[i].fold != b->d.unit[i].fold)
			return false;
	}
	return true;
}

/* --- interning ----------------------------------------------------------- */

static void
test_intern(void)
{
	struct cmpkeys *k = cmpkeys_new(NULL, NULL);
	uint32_t a, b, c, e, *ids;
	const uint8_t *p;
	char s[32];
	size_t i, n, bad;

	a = cmpkeys_intern(k, (const uint8_t *)"abc", 3);
	b = cmpkeys_intern(k, (const uint8_t *)"abd", 3);
	c = cmpkeys_intern(k, (const uint8_t *)"abcabc", 3);
	e = cmpkeys_intern(k, (const uint8_t *)"", 0);
	ok(a != 0 && b != 0 && e != 0, "intern: ids are not 0");
	ok(a != b && a != e && b != e,
	    "intern: different bytes, different ids");
	is_int(c, a, "intern: same bytes, same id");
	p = cmpkeys_string(k, b, &n);
	is_mem(p, n, "abd", "intern: cmpkeys_string gives the bytes back");
	p = cmpkeys_string(k, e, &n);
	is_int(n, 0, "intern: the empty string");

	/* Enough strings to grow the table many times. */
	ids = xmalloc(100000 * sizeof *ids);
	for (i = 0; i < 100000; i++) {
		n = (size_t)snprintf(s, sizeof s, "w%zu", i);
		ids[i] = cmpkeys_intern(k, (const uint8_t *)s, n);
	}
	for (i = 0, bad = 0; i < 100000; i++) {
		n = (size_t)snprintf(s, sizeof s, "w%zu", i);
		if (cmpkeys_intern(k, (const uint8_t *)s, n) != ids[i])
			bad++;
		p = cmpkeys_string(k, ids[i], &n);
		if (n != strlen(s) || memcmp(p, s, n) != 0)
			bad++;
	}
	is_int(bad, 0, "intern: 100000 strings keep their ids and bytes");
	for (i = 1, bad = 0; i < 100000; i++)
		if (ids[i] == ids[i - 1])
			bad++;
	is_int(bad, 0, "intern: 100000 strings get distinct ids");
	ok(cmpkeys_intern(k, (const uint8_t *)"abc", 3) == a,
	    "intern: first id survives the growth");
	free(ids);
	cmpkeys_free(k);
}

/*
 * Strings of 0 to 24 bytes that differ in one byte only: the interner
 * compares strings of up to 8 bytes as one word and longer ones eight
 * bytes at a time, so every length and position is tried.
 */
static void
test_intern_lengths(void)
{
	struct cmpkeys *k = cmpkeys_new(NULL, NULL);
	uint32_t ids[25][25], base[25];
	uint8_t s[32];
	const uint8_t *p;
	size_t n, i, j, m, bad = 0;

	for (n = 0; n <= 24; n++) {
		memset(s, 'a', n);
		base[n] = cmpkeys_intern(k, s, n);
		for (i = 0; i < n; i++) {
			s[i] = 'b';
			ids[n][i] = cmpkeys_intern(k, s, n);
			s[i] = 'a';
		}
	}
	for (n = 0; n <= 24; n++) {
		memset(s, 'a', n);
		if (cmpkeys_intern(k, s, n) != base[n])
			bad++;
		for (m = 0; m < n; m++)
			if (base[m] == base[n])
				bad++;
		for (i = 0; i < n; i++) {
			s[i] = 'b';
			if (cmpkeys_intern(k, s, n) != ids[n][i] ||
			    ids[n][i] == base[n])
				bad++;
			p = cmpkeys_string(k, ids[n][i], &m);
			if (m != n || memcmp(p, s, n) != 0)
				bad++;
			for (j = 0; j < i; j++)
				if (ids[n][j] == ids[n][i])
					bad++;
			s[i] = 'a';
		}
	}
	is_int(bad, 0, "intern: one byte apart, every length and position");
	cmpkeys_free(k);
}

/* --- classification ------------------------------------------------------ */

static void
test_classify(void)
{
	struct equiv *eq = equiv_new_builtin();
	struct cmpkeys_opts o = { false, false, false };
	struct cmpkeys *k = cmpkeys_new(&o, eq);
	struct tdoc *a, *b, *c, *d;

	/* "U.S." = "US": one unit of two tokens, cosmetic difference. */
	a = classify(k, "U.S. officials");
	b = classify(k, "US officials");
	is_int(a->d.nunit, 2, "classify: U.S. officials is 2 units");
	is_int(a->d.unit[0].tok, 0, "classify: U.S. unit starts at token 0");
	is_int(unit_ntok(&a->d, &a->d.unit[0]), 2, "classify: U.S. unit holds U.S and .");
	ok(same_keys(a, b, false), "classify: U.S. officials = US officials");
	ok(a->d.unit[0].strict != b->d.unit[0].strict,
	    "classify: U.S. and US differ strictly");
	is_int(a->d.unit[1].strict, b->d.unit[1].strict,
	    "classify: officials = officials strictly");
	is_str(fold_str(k, b, 0), "us", "classify: canonical form of US");
	freedoc(a);
	freedoc(b);

	/* Mid-sentence the full stop is absorbed, at the end it is not. */
	a = classify(k, "the U.S.-China talks");
	b = classify(k, "the US-China talks");
	ok(same_keys(a, b, false), "classify: U.S.-China = US-China");
	freedoc(a);
	freedoc(b);
	a = classify(k, "He lives in the U.S.");
	b = classify(k, "He lives in the US.");
	is_int(a->d.nunit, 6, "classify: sentence-final U.S. keeps its stop");
	ok(same_keys(a, b, false), "classify: in the U.S. = in the US.");
	is_int(unit_ntok(&a->d, &a->d.unit[4]), 1, "classify: final U.S is one token");
	freedoc(a);
	freedoc(b);
	a = classify(k, "said \"in the U.S.\"");
	b = classify(k, "said \"in the US.\"");
	ok(same_keys(a, b, false),
	    "classify: final stop before a closing quote stays a unit");
	freedoc(a);
	freedoc(b);

	/* Per cent. */
	a = classify(k, "3.5 per cent");
	b = classify(k, "3.5%");
	c = classify(k, "3.5 percent");
	d = classify(k, "3.5 Per  Cent");
	is_int(a->d.nunit, 2, "classify: 3.5 per cent is 2 units");
	is_int(unit_ntok(&a->d, &a->d.unit[1]), 3, "classify: per cent spans its space");
	ok(same_keys(a, b, false), "classify: 3.5 per cent = 3.5%%");
	ok(same_keys(a, c, false), "classify: 3.5 per cent = 3.5 percent");
	ok(same_keys(a, d, false), "classify: per cent = Per  Cent");
	ok(a->d.unit[1].strict != d->d.unit[1].strict,
	    "classify: per cent != Per  Cent strictly");
	is_str(fold_str(k, b, 1), "per cent", "classify: canonical of %%");
	freedoc(a);
	freedoc(b);
	freedoc(c);
	freedoc(d);

	/* A phrase never crosses a sentence. */
	a = classify(k, "it rose 3 per\ncent");
	is_int(a->d.nunit, 5, "classify: per / cent across sentences");
	is_str(fold_str(k, a, 3), "per", "classify: per stays alone");
	freedoc(a);

	/* An ellipsis, inside and at the end of a sentence. */
	a = classify(k, "wait... what...");
	b = classify(k, "wait\xe2\x80\xa6 what\xe2\x80\xa6");
	is_int(a->d.nunit, 4, "classify: ... is one unit");
	ok(same_keys(a, b, false), "classify: ... = \xe2\x80\xa6");
	freedoc(a);
	freedoc(b);

	/* Months, titles. */
	a = classify(k, "on Sept. 5 Mr. Smith");
	b = classify(k, "on September 5 Mr Smith");
	ok(same_keys(a, b, false), "classify: Sept. 5 Mr. = September 5 Mr");
	freedoc(a);
	freedoc(b);

	/* Quotes. */
	a = classify(k, "\xe2\x80\x9cquoted\xe2\x80\x9d");
	b = classify(k, "\"quoted\"");
	is_int(a->d.nunit, 3, "classify: curly quotes are units");
	ok(same_keys(a, b, false), "classify: curly = straight quotes (fold)");
	ok(a->d.unit[0].strict != b->d.unit[0].strict,
	    "classify: curly != straight quotes (strict)");
	is_int(a->d.unit[1].strict, b->d.unit[1].strict,
	    "classify: the quoted word is strictly equal");
	freedoc(a);
	freedoc(b);

	/* Case. */
	a = classify(k, "Former President");
	b = classify(k, "former president");
	ok(same_keys(a, b, false), "classify: case is cosmetic");
	ok(!same_keys(a, b, true), "classify: case differs strictly");
	freedoc(a);
	freedoc(b);

	/* Digit groups, also as three tokens around a no-break space. */
	a = classify(k, "10,000 people");
	b = classify(k, "10000 people");
	c = classify(k, "10\xc2\xa0" "000 people");
	d = classify(k, "10 000 people");
	ok(same_keys(a, b, false), "classify: 10,000 = 10000");
	ok(same_keys(a, c, false), "classify: 10,000 = 10<NBSP>000");
	is_int(unit_ntok(&c->d, &c->d.unit[0]), 3, "classify: 10<NBSP>000 is one unit");
	is_int(d->d.nunit, 3, "classify: 10 000 with a space is two numbers");
	freedoc(a);
	freedoc(b);
	freedoc(c);
	freedoc(d);

	/* Numbers spelt out. */
	a = classify(k, "three people");
	b = classify(k, "3 people");
	ok(same_keys(a, b, false), "classify: three people = 3 people");
	freedoc(a);
	freedoc(b);

	/* Strict keys are NFC, whichever path computes them. */
	a = classify(k, "caf\xc3\xa9 \xe2\x80\x9cx\xe2\x80\x9d");
	b = classify(k, "cafe\xcc\x81 \xe2\x80\x9cx\xe2\x80\x9d");
	ok(same_keys(a, b, true), "classify: NFC strict key (e + acute)");
	freedoc(a);
	freedoc(b);
	a = classify(k, "\xe2\x84\xab");	/* ANGSTROM SIGN */
	b = classify(k, "\xc3\x85");
	ok(same_keys(a, b, true), "classify: NFC strict key (angstrom)");
	freedoc(a);
	freedoc(b);

	/*
	 * Repeated non-ASCII tokens take their keys from a memo: the first
	 * and later occurrences must agree, also when the bytes were
	 * interned before as another token's key ("été" folds "Été").
	 */
	a = classify(k, "\xc3\x89t\xc3\xa9 \xc3\xa9t\xc3\xa9 "
	    "\xc3\x89t\xc3\xa9 \xc3\xa9t\xc3\xa9 \xe2\x80\x9c \xe2\x80\x9c");
	is_int(a->d.nunit, 6, "memo: 6 units");
	ok(a->d.unit[0].fold == a->d.unit[1].fold &&
	    a->d.unit[0].fold == a->d.unit[2].fold &&
	    a->d.unit[0].fold == a->d.unit[3].fold, "memo: folds agree");
	ok(a->d.unit[0].strict == a->d.unit[2].strict &&
	    a->d.unit[1].strict == a->d.unit[3].strict &&
	    a->d.unit[0].strict != a->d.unit[1].strict,
	    "memo: strict keys agree");
	is_int(a->d.unit[4].fold, a->d.unit[5].fold, "memo: punctuation");
	is_str(fold_str(k, a, 5), "\"", "memo: fold of a repeated quote");
	freedoc(a);

	/* Zero-width and invalid tokens. */
	a = classify(k, "a \xe2\x80\x8b b");
	b = classify(k, "a b");
	ok(same_keys(a, b, false), "classify: a lone ZWSP is no unit");
	freedoc(a);
	freedoc(b);
	a = classify(k, "a \xff b");
	is_int(a->d.nunit, 3, "classify: an invalid byte is a unit");
	is_str(fold_str(k, a, 1), "\xff", "classify: invalid byte as is");
	freedoc(a);

	/* Paragraph and sentence ranges. */
	a = classify(k, "One two.\nThree four.\n\nFive, six");
	is_int(a->d.npara, 2, "ranges: 2 paragraphs");
	is_int(a->d.nsent, 3, "ranges: 3 sentences");
	is_int(a->d.nunit, 9, "ranges: 9 units");
	is_int(a->d.para[0].unit, 0, "ranges: para 0 starts at unit 0");
	is_int(a->d.para[0].nunit, 6, "ranges: para 0 has 6 units");
	is_int(a->d.para[1].unit, 6, "ranges: para 1 starts at unit 6");
	is_int(a->d.para[1].nunit, 3, "ranges: para 1 has 3 units");
	is_int(a->d.sent[1].unit, 3, "ranges: sentence 1 starts at unit 3");
	is_int(a->d.sent[1].nunit, 3, "ranges: sentence 1 has 3 units");
	is_int(a->d.sent[2].unit, 6, "ranges: sentence 2 starts at unit 6");
	is_int(a->d.sent[2].nunit, 3, "ranges: sentence 2 has 3 units");
	is_int(a->d.unit[8].tok, a->d.ntok - 1,
	    "ranges: last unit, last token");
	freedoc(a);

	cmpkeys_free(k);

	/* ignore_case: case-only differences vanish from the strict key. */
	o.ignore_case = true;
	k = cmpkeys_new(&o, eq);
	a = classify(k, "Former President");
	b = classify(k, "former president");
	ok(same_keys(a, b, true), "ignore_case: strictly equal");
	ok(same_keys(a, b, false), "ignore_case: fold equal");
	freedoc(a);
	freedoc(b);
	a = classify(k, "\xc3\x89" "cole");
	b = classify(k, "e\xcc\x81" "cole");
	ok(same_keys(a, b, true), "ignore_case: NFC still applies");
	freedoc(a);
	freedoc(b);
	a = classify(k, "\xc3\x89t\xc3\xa9");
	b = classify(k, "\xc3\xa9t\xc3\xa9");
	ok(same_keys(a, b, true), "ignore_case: non-ASCII case");
	freedoc(a);
	freedoc(b);
	cmpkeys_free(k);

	/* ignore_punct: punctuation is no unit. */
	o.ignore_case = false;
	o.ignore_punct = true;
	k = cmpkeys_new(&o, eq);
	a = classify(k, "Hello, world!");
	b = classify(k, "Hello world");
	is_int(a->d.nunit, 2, "ignore_punct: 2 units");
	is_int(a->d.unit[1].tok, 3, "ignore_punct: world is token 3");
	ok(same_keys(a, b, true), "ignore_punct: Hello, world! = Hello world");
	freedoc(a);
	freedoc(b);
	cmpkeys_free(k);

	/* strict: no folding, no equivalences. */
	o.ignore_punct = false;
	o.strict = true;
	k = cmpkeys_new(&o, eq);
	a = classify(k, "U.S. officials");
	b = classify(k, "US officials");
	is_int(a->d.nunit, 3, "strict: U.S. is two units");
	ok(!same_keys(a, b, false), "strict: U.S. != US");
	is_int(a->d.unit[0].fold, a->d.unit[0].strict, "strict: fold = strict");
	freedoc(a);
	freedoc(b);
	a = classify(k, "Former President");
	b = classify(k, "former president");
	ok(!same_keys(a, b, false), "strict: case matters");
	freedoc(a);
	freedoc(b);
	a = classify(k, "a \xe2\x80\x8b b");
	is_int(a->d.nunit, 3, "strict: a lone ZWSP is a unit");
	freedoc(a);
	a = classify(k, "\xc3\x89t\xc3\xa9 \xc3\xa9t\xc3\xa9 \xc3\x89t\xc3\xa9 "
	    "e\xcc\x81t\xc3\xa9");
	ok(a->d.unit[0].strict == a->d.unit[2].strict &&
	    a->d.unit[0].strict != a->d.unit[1].strict &&
	    a->d.unit[1].strict == a->d.unit[3].strict,
	    "strict: repeated non-ASCII tokens, NFC");
	is_int(a->d.unit[3].fold, a->d.unit[3].strict, "strict: memo fold");
	freedoc(a);
	cmpkeys_free(k);

	/* No equivalence set at all. */
	o.strict = false;
	k = cmpkeys_new(&o, NULL);
	a = classify(k, "U.S. officials");
	b = classify(k, "US officials");
	is_int(a->d.nunit, 3, "no equiv: U.S. is two units");
	ok(!same_keys(a, b, false), "no equiv: U.S. != US");
	freedoc(a);
	freedoc(b);
	cmpkeys_free(k);

	equiv_free(eq);
}

/*
 * The keys of a unit that is one token are the interned fold_string and the
 * NFC (case folded with ignore_case) of its bytes.  A token's keys are
 * worked out once per distinct token and kept (the memo): check on random
 * texts that the kept keys are exactly these, the first time and later,
 * after other texts, and through a fresh struct cmpkeys.
 */
static const char *const memo_words[] = {
	"the", "The", "THE", "a", "I", "said", "U.S.", "don't", "don`t",
	"1,000", "1'000", "3.5", "10", "000", "\xc3\x89t\xc3\xa9",
	"e\xcc\x81t\xc3\xa9", "\xe2\x80\x9cquoted\xe2\x80\x9d",
	"\xe2\x80\x94", "\xef\xac\x81le", "\xef\xbc\xa1\xef\xbc\xa2",
	"stra\xc3\x9f" "e", "\xce\xa3\xce\x8a\xce\xa3", "\xe2\x80\x8b",
	"\xe6\x9d\xb1", "$", "%", ",", ".", "\xff", "\x01", "ab\xc2\xad" "cd",
	"supercalifragilistic", "SuperCalifragilistic", "\xe2\x84\xab",
	"\xc3\x85", "\xc2\xb4", "\xe2\x80\xb2", "x1\xe2\x80\x99" "000",
};

static char *
memo_text(uint32_t *seed)
{
	const size_t nw = sizeof memo_words / sizeof memo_words[0];
	size_t i, n, len = 0;
	char *s = xmalloc(4096);

	*seed = *seed * 1103515245 + 12345;
	n = 1 + (*seed >> 16) % 60;
	for (i = 0; i < n; i++) {
		const char *w;

		*seed = *seed * 1103515245 + 12345;
		w = memo_words[(*seed >> 16) % nw];
		memcpy(s + len, w, strlen(w));
		len += strlen(w);
		*seed = *seed * 1103515245 + 12345;
		if (i + 1 < n)
			s[len++] = (*seed >> 16) % 7 == 0 ? '\n' : ' ';
	}
	s[len] = '\0';
	return s;
}

/* Does every one-token unit of td have the keys of its bytes? */
static bool
units_as_folded(struct cmpkeys *k, const struct tdoc *td,
		const struct cmpkeys_opts *o)
{
	size_t i, n, fn, sn, want_n;
	const struct token *t;
	const uint8_t *s, *f, *st;
	uint8_t *want;
	bool good = true;

	for (i = 0; i < td->d.nunit && good; i++) {
		if (unit_ntok(&td->d, &td->d.unit[i]) != 1)
			continue;
		t = &td->d.tok[td->d.unit[i].tok];
		s = td->t.data + t->off;
		n = t->len;
		f = cmpkeys_string(k, td->d.unit[i].fold, &fn);
		st = cmpkeys_string(k, td->d.unit[i].strict, &sn);
		if (t->kind == TOK_INVALID || t->kind == TOK_CONTROL) {
			good = fn == n && sn == n && memcmp(f, s, n) == 0 &&
			    memcmp(st, s, n) == 0;
			continue;
		}
		want = o->ignore_case ?
		    u8_casefold(s, n, NULL, UNINORM_NFC, NULL, &want_n) :
		    u8_normalize(UNINORM_NFC, s, n, NULL, &want_n);
		good = sn == want_n && memcmp(st, want, sn) == 0;
		free(want);
		if (o->strict) {
			good = good &&
			    td->d.unit[i].fold == td->d.unit[i].strict;
			continue;
		}
		want = fold_string(s, n, &want_n);
		good = good && fn == want_n && memcmp(f, want, fn) == 0;
		free(want);
	}
	return good;
}

/* Same units, same key ids? */
static bool
same_units(const struct tdoc *a, const struct tdoc *b)
{
	return a->d.nunit == b->d.nunit && memcmp(a->d.unit, b->d.unit,
	    a->d.nunit * sizeof *a->d.unit) == 0;
}

static void
test_memo(void)
{
	struct cmpkeys_opts opts[3] = { { false, false, false },
	    { false, true, false }, { true, false, false } };
	const char *const names[3] = { "default", "ignore_case", "strict" };
	struct cmpkeys *k, *fresh;
	struct tdoc *a, *b, *a2, *af;
	char *sa, *sb;
	uint32_t seed = 99;
	size_t o, round;
	int bad, badfresh;

	for (o = 0; o < 3; o++) {
		bad = badfresh = 0;
		k = cmpkeys_new(&opts[o], NULL);
		for (round = 0; round < 300; round++) {
			sa = memo_text(&seed);
			sb = memo_text(&seed);
			a = classify(k, sa);
			b = classify(k, sb);
			a2 = classify(k, sa);
			if (!units_as_folded(k, a, &opts[o]) ||
			    !units_as_folded(k, b, &opts[o]) ||
			    !same_units(a, a2)) {
				if (bad++ == 0)
					printf("# %s: '%s'\n", names[o], sa);
			}
			fresh = cmpkeys_new(&opts[o], NULL);
			af = classify(fresh, sa);
			if (!units_as_folded(fresh, af, &opts[o]) ||
			    af->d.nunit != a->d.nunit)
				badfresh++;
			freedoc(af);
			cmpkeys_free(fresh);
			freedoc(a);
			freedoc(b);
			freedoc(a2);
			free(sa);
			free(sb);
		}
		is_int(bad, 0, "memo (%s): kept keys are the keys of the bytes",
		    names[o]);
		is_int(badfresh, 0, "memo (%s): a fresh interner agrees",
		    names[o]);
		cmpkeys_free(k);
	}
}

/*
 * A one-token phrase ("Jan" of "January = Jan. = Jan") takes the class's
 * canonical fold key but keeps the strict key of its own bytes, which
 * classify_run takes from the token's memo.
 */
static void
test_phrase_strict(void)
{
	struct equiv *eq = equiv_new_builtin();
	struct cmpkeys *k = cmpkeys_new(NULL, eq);
	struct tdoc *a, *b;
	const uint8_t *p;
	size_t n;

	a = classify(k, "Jan 5 and Jan 6");
	b = classify(k, "JAN 5 & january 6");
	ok(same_keys(a, b, false), "one-token phrases: same fold keys");
	ok(a->d.unit[0].strict != b->d.unit[0].strict &&
	    a->d.unit[2].strict != b->d.unit[2].strict &&
	    a->d.unit[3].strict != b->d.unit[3].strict,
	    "one-token phrases: strict keys differ");
	p = cmpkeys_string(k, a->d.unit[3].strict, &n);
	is_mem(p, n, "Jan", "one-token phrase: strict key of its bytes");
	is_str(fold_str(k, a, 3), "january", "one-token phrase: canonical");
	freedoc(a);
	freedoc(b);

	cmpkeys_free(k);
	equiv_free(eq);
}

/*
 * Many one-token phrases of different classes: each unit gets its own
 * class's canonical form, the first time and the second (classify_run
 * caches the ids of canonical forms).
 */
static void
test_many_canon(void)
{
	static const char *const canon[] = {
		"february", "march", "april", "june", "july", "august",
		"september", "october", "november", "december", "monday",
		"tuesday", "thursday", "friday", "per cent", "ok", "one", "two",
		"three", "four", "five", "six", "seven", "eight", "nine",
		"first", "second", "third", "fourth", "fifth", "sixth",
		"seventh", "eighth", "ninth", "organise", "realise", "colour",
		"centre",
	};
	static const char text[] = "Feb Mar Apr Jun Jul Aug Sept Oct Nov Dec "
	    "Mon Tue Thu Fri pct okay 1 2 3 4 5 6 7 8 9 1st 2nd 3rd 4th 5th "
	    "6th 7th 8th 9th organize realize color center";
	const size_t nc = sizeof canon / sizeof canon[0];
	struct equiv *eq = equiv_new_builtin();
	struct cmpkeys *k = cmpkeys_new(NULL, eq);
	struct tdoc *a, *b;
	size_t i, bad;

	a = classify(k, text);
	bad = a->d.nunit == nc ? 0 : 1;
	for (i = 0; bad == 0 && i < nc; i++)
		if (strcmp(fold_str(k, a, i), canon[i]) != 0)
			bad++;
	is_int(bad, 0, "many one-token phrases: each its own canonical form");
	b = classify(k, text);
	ok(same_keys(a, b, false), "many one-token phrases: the second time");
	freedoc(a);
	freedoc(b);
	cmpkeys_free(k);
	equiv_free(eq);
}

int
main(void)
{
	test_intern();
	test_intern_lengths();
	test_classify();
	test_memo();
	test_phrase_strict();
	test_many_canon();
	return done_testing();
}
