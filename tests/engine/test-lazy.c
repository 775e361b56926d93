/*
 * test-lazy.c — lazily built docs (lazy.h) compare exactly as fully built
 * ones: the --json, --stat and --inline (plain and coloured) outputs of
 * both are byte for byte the same, on the golden pairs, the sample story,
 * crafted cases (equivalences that join words, typography, invalid bytes,
 * CJK, repeated paragraphs) and many random edits of a text, under every
 * comparison option.  Also: the ASCII word counter agrees with the
 * tokeniser, and words longer than a token (TOKEN_LEN_MAX) are one word,
 * one unit, as UAX #29 counts them.
 */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>
#include <uniwbrk.h>

#include "align.h"
#include "doc.h"
#include "equiv.h"
#include "facts.h"
#include "cmpkeys.h"
#include "lazy.h"
#include "mapping.h"
#include "output.h"
#include "rng.h"
#include "tap.h"
#include "text.h"
#include "token.h"
#include "xalloc.h"

static const char *user_equivalences;

static const struct cmpkeys_opts options[] = {
	{ false, false, false },
	{ false, true, false },
	{ false, false, true },
	{ true, false, false },
};
#define NOPTIONS (sizeof options / sizeof options[0])

/*
 * --json, --stat and --inline of texts[1..n-1] against texts[0] and of
 * texts[0] against each of them (lazy docs must serve both ways round,
 * session.h), as one string.
 */
static char *
outputs(struct text **t, size_t n, const struct cmpkeys_opts *ko, bool lazy)
{
	struct equiv *eq = equiv_new_builtin();

	/* A user's list too: phrases of several words, signs, digits. */
	if (user_equivalences != NULL &&
	    equiv_parse(eq, "user", user_equivalences,
			strlen(user_equivalences), NULL) != 0)
		printf("#   the user equivalences do not parse\n");
	struct cmpkeys *k = cmpkeys_new(ko, eq);
	struct doc **d = xcalloc(n, sizeof *d);
	size_t ncmp = 2 * (n - 1);
	struct comparison *cmp = xcalloc(ncmp, sizeof *cmp);
	struct changes *ch = xcalloc(ncmp, sizeof *ch);
	struct sentence_map *map = xcalloc(ncmp, sizeof *map);
	uint32_t **anchors = xcalloc(n, sizeof *anchors);
	size_t *nanchor = xcalloc(n, sizeof *nanchor);
	char *buf = NULL;
	size_t len = 0, i, c;
	FILE *f;

	if (lazy) {
		lazy_docs(t, n, 0, k, d, anchors, nanchor);
	} else {
		for (i = 0; i < n; i++) {
			d[i] = doc_build(t[i]);
			cmpkeys_classify(k, d[i]);
		}
	}
	for (c = 0; c < ncmp; c++) {
		size_t v = c / 2 + 1;
		bool back = c % 2;
		struct align_opts ao = { 0, 0, back ? NULL : anchors[v],
					 back ? 0 : nanchor[v], NULL };
		struct alignment *al = back ? align_build(d[v], d[0], &ao) :
			align_build(d[0], d[v], &ao);

		cmp[c].a = back ? v : 0;
		cmp[c].b = back ? 0 : v;
		cmp[c].al = al;
		cmp[c].similarity = al->stats.similarity;
		facts_classify(al, NULL, &ch[c]);
		cmp[c].ch = &ch[c];
		mapping_build(al, &map[c]);
		cmp[c].map = &map[c];
	}
	f = open_memstream(&buf, &len);
	output_json(f, t, d, n, cmp, ncmp);
	output_stat(f, t, d, n, cmp, ncmp, NULL);
	for (c = 0; c < ncmp; c++) {
		output_inline(f, cmp[c].al, false);
		output_inline(f, cmp[c].al, true);
	}
	fclose(f);
	for (c = 0; c < ncmp; c++) {
		align_free((struct alignment *)cmp[c].al);
		changes_clear(&ch[c]);
		mapping_clear(&map[c]);
	}
	for (i = 0; i < n; i++) {
		doc_free(d[i]);
		free(anchors[i]);
	}
	free(d);
	free(anchors);
	free(nanchor);
	free(cmp);
	free(ch);
	free(map);
	cmpkeys_free(k);
	equiv_free(eq);
	return buf;
}

/* The first line where two strings differ, for the diagnostics. */
static void
show_difference(const char *x, const char *y)
{
	size_t i = 0, line = 1, start = 0;

	while (x[i] && x[i] == y[i]) {
		if (x[i] == '\n') {
			line++;
			start = i + 1;
		}
		i++;
	}
	printf("#   line %zu differs:\n#   full '%.120s'\n#   lazy '%.120s'\n",
	       line, x + start, y + start);
}

static void
compare(const char *name, struct text **t, size_t n)
{
	size_t o;

	for (o = 0; o < NOPTIONS; o++) {
		char *full = outputs(t, n, &options[o], false);
		char *lazy = outputs(t, n, &options[o], true);

		if (!ok(strcmp(full, lazy) == 0, "%s, options %zu: lazy = full",
			name, o))
			show_difference(full, lazy);
		free(full);
		free(lazy);
	}
}

static void
compare_mem(const char *name, const char *a, const char *b)
{
	struct text_opts to = { 0 };
	struct text *t[2];

	t[0] = text_from_bytes("a", a, strlen(a), &to, NULL);
	t[1] = text_from_bytes("b", b, strlen(b), &to, NULL);
	compare(name, t, 2);
	text_free(t[0]);
	text_free(t[1]);
}

static void
compare_files(const char *name, const char *const *paths, size_t n)
{
	struct text_opts to = { 0 };
	struct text *t[8];
	size_t i, got = 0;

	for (i = 0; i < n; i++)
		if ((t[i] = text_load(paths[i], &to, NULL)) != NULL)
			got++;
	if (got == n)
		compare(name, t, n);
	else
		skip("%s: cannot read the files", name);
	for (i = 0; i < n; i++)
		text_free(t[i]);
}

/* --- random texts (rng.h's rnd, seeded 42 in main) ---------------------- */

/* Words, spellings and equivalences that the counter must get right. */
static const char *const vocab[] = {
	"the", "of", "and", "on", "per", "cent", "per cent", "percent", "e-mail",
	"email", "on-line", "online", "web site", "health care", "co-operate",
	"U.S.", "US", "U.K.", "Mr.", "Mr", "said", "Kestrel", "bridge", "mayor",
	"12", "1,000", "3.5", "10\xc2\xa0" "000", "don't", "it's", "a.m.", "_x",
	"__", "`quoted'", "\xe2\x80\x9cquoted\xe2\x80\x9d", "caf\xc3\xa9",
	"\xe6\x9d\xb1\xe4\xba\xac", "--", "\xe2\x80\x94", "...", "&", "%",
	"$9.2", "x\xffy", "tab\there", "O.K.", "Sept.", "vs.", "1st", "one",
	"New", "York", "New York", "NY", "e.g.", "example", "x-ray", "'tis",
	"10 per", "a & b", "&",
};
#define NVOCAB (sizeof vocab / sizeof vocab[0])

static void
random_para(char *out, size_t *len, size_t cap)
{
	size_t w, n = 1 + rnd(14);

	for (w = 0; w < n && *len + 40 < cap; w++) {
		const char *v = vocab[rnd(NVOCAB)];

		if (w > 0)
			out[(*len)++] = rnd(9) == 0 ? '\n' : ' ';
		memcpy(out + *len, v, strlen(v));
		*len += strlen(v);
		if (rnd(6) == 0)
			out[(*len)++] = rnd(2) ? '.' : ',';
	}
}

/* A text of paragraphs, and a copy with random paragraph-level edits. */
static void
random_pair(char *a, char *b, size_t cap)
{
	char para[64][512];
	size_t plen[64], np = 4 + rnd(40), i, la = 0, lb = 0, k;

	for (i = 0; i < np; i++) {
		plen[i] = 0;
		/* Some paragraphs repeat. */
		if (i > 0 && rnd(8) == 0) {
			k = rnd((uint32_t)i);
			memcpy(para[i], para[k], plen[k]);
			plen[i] = plen[k];
		} else {
			random_para(para[i], &plen[i], sizeof para[i]);
		}
	}
	for (i = 0; i < np; i++) {
		memcpy(a + la, para[i], plen[i]);
		la += plen[i];
		memcpy(a + la, "\n\n", 2);
		la += 2;
	}
	for (i = 0; i < np && lb + 1100 < cap; i++) {
		switch (rnd(12)) {
		case 0:		/* deleted */
			continue;
		case 1:		/* a new one before it */
			k = 0;
			random_para(b + lb, &k, 512);
			lb += k;
			memcpy(b + lb, "\n\n", 2);
			lb += 2;
			break;
		case 2:		/* an edit inside */
			k = 0;
			memcpy(b + lb, para[i], plen[i] / 2);
			lb += plen[i] / 2;
			random_para(b + lb, &k, 256);
			lb += k;
			memcpy(b + lb, para[i] + plen[i] / 2,
			       plen[i] - plen[i] / 2);
			lb += plen[i] - plen[i] / 2;
			memcpy(b + lb, "\n\n", 2);
			lb += 2;
			continue;
		case 3:		/* one from elsewhere: a move or a copy */
			k = rnd((uint32_t)np);
			memcpy(b + lb, para[k], plen[k]);
			lb += plen[k];
			memcpy(b + lb, "\n\n", 2);
			lb += 2;
			break;
		case 4:		/* re-wrapped: the same words */
			for (k = 0; k < plen[i]; k++)
				b[lb++] = para[i][k] == ' ' && rnd(3) == 0 ?
				    '\n' : para[i][k];
			memcpy(b + lb, "\n\n", 2);
			lb += 2;
			continue;
		}
		memcpy(b + lb, para[i], plen[i]);
		lb += plen[i];
		memcpy(b + lb, "\n\n", 2);
		lb += 2;
	}
	a[la] = '\0';
	b[lb] = '\0';
}

/*
 * Look-alike paragraphs (one template, a number and a noun changed), a
 * copy with some deleted, some repeated from near or far, a word edited,
 * a word's case changed: the windows of look-alikes that move.c sets back
 * in order must be read alike whether a paragraph kept whole has units
 * or not.
 */
static void
lookalike_para(char *out, size_t *len, unsigned n, bool mixed, unsigned edit)
{
	static const char *const nouns[] = { "harbour", "bridge", "school" };
	static const char *const verbs[] = { "approved", "rejected", "delayed" };

	*len += (size_t)sprintf(out + *len, "%s %u tells of the new %s. It was "
				"%s by the council, said the mayor.\n\n",
				edit == 2 ? "PARAGRAPH" : "Paragraph", n,
				nouns[mixed ? n % 3 : 0],
				verbs[edit == 1 ? 1 + rnd(2) : 0]);
}

static void
lookalike_pair(char *a, char *b)
{
	unsigned np = 6 + rnd(40), i, k;
	bool mixed = rnd(2);
	size_t la = 0, lb = 0;

	for (i = 0; i < np; i++)
		lookalike_para(a, &la, i, mixed, 0);
	for (i = 0; i < np; i++) {
		switch (rnd(10)) {
		case 0:		/* deleted */
			continue;
		case 1:		/* a neighbour or a far one repeated */
			k = rnd(3) ? (i + 1 < np ? i + 1 : 0) : rnd(np);
			lookalike_para(b, &lb, k, mixed, 0);
			break;
		case 2:		/* a word edited */
			lookalike_para(b, &lb, i, mixed, 1);
			continue;
		case 3:		/* a word's case */
			lookalike_para(b, &lb, i, mixed, 2);
			continue;
		}
		lookalike_para(b, &lb, i, mixed, 0);
	}
	a[la] = '\0';
	b[lb] = '\0';
}

/*
 * token_ascii_words against the tokeniser, on random ASCII, with the
 * counter of the given level (token_simd).
 */
static void
check_counter(int level)
{
	static const char bytes[] = "aZ09_.',;:-$%` \t\n\r()\"aaeo  ";
	struct text_opts to = { 0 };
	char s[300];
	int i, bad = 0;
	size_t n, k, words;

	if (token_simd(level) != level) {
		token_simd(-1);
		skip("no counter of level %d on this machine", level);
		return;
	}
	for (i = 0; i < 20000; i++) {
		struct text *t;
		struct doc *d;

		n = 1 + rnd(i % 4 ? 64 : sizeof s - 1);
		for (k = 0; k < n; k++)
			s[k] = bytes[rnd(sizeof bytes - 1)];
		/* Half without "_", which the fast path leaves to the slow. */
		for (k = 0; i % 2 && k < n; k++)
			if (s[k] == '_')
				s[k] = 'b';
		/* One paragraph: no blank line, no line end at the ends. */
		s[0] = 'x';
		s[n - 1] = 'y';
		for (k = 1; k < n; k++)
			if (s[k] == '\n' || s[k] == '\r')
				s[k] = ' ';
		t = text_from_bytes("s", s, n, &to, NULL);
		d = doc_build(t);
		words = doc_word_count(d);
		if (d->npara == 1 &&
		    token_ascii_words((const uint8_t *)t->data + d->para[0].start,
				    d->para[0].end - d->para[0].start,
				    t->len - d->para[0].start, NULL) !=
		    words && bad++ == 0)
			printf("#   counts differ on '%.*s'\n", (int)n, s);
		doc_free(d);
		text_free(t);
	}
	/*
	 * Words about TOKEN_LEN_MAX long, which the tokeniser cuts in
	 * several tokens: counted alike, or sent to be segmented.
	 */
	for (i = 0; i < 200; i++) {
		static char l[3 * TOKEN_LEN_MAX];
		struct text *t;
		struct doc *d;
		uint32_t got;

		n = TOKEN_LEN_MAX - 100 + rnd(200) + (i % 2 ? 0 : 64 * rnd(8));
		for (k = 0; k < n; k++)
			l[k] = k % 97 == 50 && i % 3 == 0 ? '.' : "ab1"[rnd(3)];
		memcpy(l + n, " end", 4);
		n += 4;
		t = text_from_bytes("l", l, n, &to, NULL);
		d = doc_build(t);
		got = token_ascii_words((const uint8_t *)t->data, n, t->len,
					NULL);
		if (got != DOC_SEGMENT && got != doc_word_count(d) &&
		    bad++ == 0)
			printf("#   counts differ on a word of %zu bytes\n",
			       n - 4);
		doc_free(d);
		text_free(t);
	}
	token_simd(-1);
	ok(bad == 0, "the ASCII counter of level %d counts the tokeniser's "
	   "words (%d bad)", level, bad);
}

/*
 * The counters of each level with the equivalences' filter: SSE2 and AVX2
 * run one algorithm on the same masks and must agree exactly; byte by
 * byte may count where they send a paragraph to be segmented (they may
 * ask the filter inside a joined word), never count otherwise.
 */
static void
check_filtered(void)
{
	static const char *const words[] = {
		"per", "cent", "Per", "and", "e-mail", "on-line", "U.S.", "1,000",
		"3.5", "&", "co", "he", "we", "un", "eu", "x", "the", "cents", ",",
		".", "'", ":", ";", "percent", "pe", "on", "he's",
	};
	struct equiv *eq = equiv_new_builtin();
	struct cmpkeys *k = cmpkeys_new(NULL, eq);
	char s[400];
	int i, bad = 0, level;
	size_t n, w;
	uint32_t got[3];

	for (i = 0; i < 20000; i++) {
		n = 0;
		for (w = 0; w < 1 + rnd(40) && n < sizeof s - 16; w++) {
			const char *x = words[rnd(sizeof words / sizeof *words)];

			memcpy(s + n, x, strlen(x));
			n += strlen(x);
			if (rnd(4) != 0)
				s[n++] = ' ';
		}
		for (level = 0; level < 3; level++) {
			token_simd(level);
			got[level] = cmpkeys_ascii_words(k, (const uint8_t *)s,
							 n, n);
		}
		token_simd(-1);
		if (token_simd(-1) < 2)
			got[2] = got[1];
		if ((got[1] != got[2] ||
		     (got[0] != got[1] && got[1] != DOC_SEGMENT)) &&
		    bad++ == 0)
			printf("#   %u %u %u on '%.*s'\n", got[0], got[1], got[2],
			       (int)n, s);
	}
	ok(bad == 0, "the counters agree with the equivalences' filter "
	   "(%d bad)", bad);
	cmpkeys_free(k);
	equiv_free(eq);
}

/* --- words longer than a token ------------------------------------------ */

/* The words of s[0, n) by UAX #29: pieces with a letter or a digit. */
static size_t
uax29_words(const char *s, size_t n)
{
	char *brk = xmalloc(n + 1);
	size_t i, j, last = 0, w = 0;
	bool alnum;
	ucs4_t uc;
	int r;

	u8_wordbreaks((const uint8_t *)s, n, brk);
	brk[n] = 1;
	for (i = 1; i <= n; i++) {
		if (i < n && !brk[i])
			continue;
		alnum = false;
		for (j = last; j < i && !alnum; j += (size_t)r) {
			r = u8_mbtoucr(&uc, (const uint8_t *)s + j, i - j);
			if (r < 1)
				r = 1;
			else
				alnum = uc_is_property_alphabetic(uc) ||
				    uc_is_property_decimal_digit(uc);
		}
		w += alnum;
		last = i;
	}
	free(brk);
	return w;
}

/* The strict and fold keys of the units of d that are words, in order. */
static size_t
word_keys(const struct doc *d, uint32_t *key, size_t cap)
{
	size_t u, n = 0;

	for (u = 0; u < d->nunit && n + 1 < cap; u++) {
		unsigned kind = d->tok[d->unit[u].tok].kind;

		if (kind != TOK_WORD && kind != TOK_NUMBER)
			continue;
		key[n++] = d->unit[u].strict;
		key[n++] = d->unit[u].fold;
	}
	return n / 2;
}

/*
 * Random paragraphs of words of 1 to 10,000 bytes (ASCII letters and
 * digits, or letters of two and three bytes too), and a copy with some
 * words edited at their first, last or any character, or lengthened.
 * Each version counts the words UAX #29 counts (the tokeniser cuts a word
 * over TOKEN_LEN_MAX bytes in several tokens: still one word); each word
 * is one unit, whose keys cover all its bytes: those of the edited words
 * differ, no others; and lazy docs give the outputs full ones give.
 */
static void
check_long_words(void)
{
	static const char *const chars[] = { "a", "b", "C", "1", "\xc3\xa9",
	    "\xd0\xb6", "\xe1\x83\x90" };
	static char a[300000], b[300000];
	static uint32_t ka[4096], kb[4096];
	struct text_opts to = { 0 };
	struct text *t[2];
	struct doc *d[2];
	size_t wa[256], we[256];	/* word starts and ends in a */
	bool edited[256];
	size_t la, lb, nw, np, i, j, k, c, len, n, want_a, want_b;
	size_t na, nb;
	int bad_count = 0, bad_units = 0, bad_keys = 0, bad_lazy = 0, round;

	for (round = 0; round < 60; round++) {
		bool multi = round % 2;

		la = nw = 0;
		np = 1 + rnd(4);
		for (i = 0; i < np; i++) {
			n = 1 + rnd(8);
			for (j = 0; j < n && la + 30100 < sizeof a &&
			     nw < 256; j++) {
				len = rnd(3) == 0 ? 1 + rnd(10000) : 1 + rnd(12);
				if (j > 0)
					a[la++] = ' ';
				wa[nw] = la;
				/* A letter first: a word, never a number. */
				a[la++] = 'a';
				for (k = 1; k < len; k++) {
					const char *ch = chars[rnd(multi ? 7 : 4)];

					memcpy(a + la, ch, strlen(ch));
					la += strlen(ch);
				}
				we[nw++] = la;
				if (rnd(4) == 0)
					a[la++] = ',';
			}
			memcpy(a + la, ".\n\n", 3);
			la += 3;
		}
		/* The copy: long words often edited, short ones seldom. */
		lb = 0;
		for (i = 0, c = 0; i < nw; i++) {
			memcpy(b + lb, a + c, wa[i] - c);
			lb += wa[i] - c;
			len = we[i] - wa[i];
			edited[i] = rnd(len > TOKEN_LEN_MAX ? 2 : 10) == 0;
			memcpy(b + lb, a + wa[i], len);
			c = we[i];
			if (!edited[i]) {
				lb += len;
				continue;
			}
			switch (rnd(4)) {
			case 0:		/* its first character */
				k = 0;
				break;
			case 1:		/* its last character */
				k = len - 1;
				break;
			case 2:		/* any */
				k = rnd((uint32_t)len);
				break;
			default:	/* one more */
				b[lb + len] = 'q';
				lb += len + 1;
				continue;
			}
			while (k > 0 && (a[wa[i] + k] & 0xc0) == 0x80)
				k--;
			/* That character becomes a "q" (no character here). */
			b[lb + k] = 'q';
			j = k + 1;
			while (j < len && (a[wa[i] + j] & 0xc0) == 0x80)
				j++;
			memcpy(b + lb + k + 1, a + wa[i] + j, len - j);
			lb += k + 1 + len - j;
		}
		memcpy(b + lb, a + c, la - c);
		lb += la - c;

		want_a = uax29_words(a, la);
		want_b = uax29_words(b, lb);
		t[0] = text_from_bytes("a", a, la, &to, NULL);
		t[1] = text_from_bytes("b", b, lb, &to, NULL);
		{
			struct equiv *eq = equiv_new_builtin();
			struct cmpkeys *ck = cmpkeys_new(&options[0], eq);

			d[0] = doc_build(t[0]);
			d[1] = doc_build(t[1]);
			cmpkeys_classify(ck, d[0]);
			cmpkeys_classify(ck, d[1]);
			if ((doc_word_count(d[0]) != want_a ||
			     doc_word_count(d[1]) != want_b) &&
			    bad_count++ == 0)
				printf("#   %zu and %zu words, UAX #29 counts "
				       "%zu and %zu\n", doc_word_count(d[0]),
				       doc_word_count(d[1]), want_a, want_b);
			na = word_keys(d[0], ka, sizeof ka / sizeof *ka);
			nb = word_keys(d[1], kb, sizeof kb / sizeof *kb);
			if ((na != want_a || nb != want_b) &&
			    bad_units++ == 0)
				printf("#   %zu and %zu word units, UAX #29 "
				       "counts %zu and %zu words\n", na, nb,
				       want_a, want_b);
			for (i = 0; na == nw && nb == nw && i < nw; i++)
				if (((ka[2 * i] != kb[2 * i]) != edited[i] ||
				     (ka[2 * i + 1] != kb[2 * i + 1]) !=
				     edited[i]) && bad_keys++ == 0)
					printf("#   word %zu of %zu bytes: keys "
					       "%s\n", i, we[i] - wa[i],
					       edited[i] ? "equal, but edited" :
					       "differ");
			doc_free(d[0]);
			doc_free(d[1]);
			cmpkeys_free(ck);
			equiv_free(eq);
		}
		for (i = 0; i < (round < 12 ? NOPTIONS : 1); i++) {
			char *full = outputs(t, 2, &options[i], false);
			char *lazy = outputs(t, 2, &options[i], true);

			if (strcmp(full, lazy) != 0 && bad_lazy++ == 0)
				show_difference(full, lazy);
			free(full);
			free(lazy);
		}
		text_free(t[0]);
		text_free(t[1]);
	}
	ok(bad_count == 0, "words over TOKEN_LEN_MAX bytes: the word counts "
	   "are UAX #29's (%d bad)", bad_count);
	ok(bad_units == 0, "words over TOKEN_LEN_MAX bytes: one unit each "
	   "(%d bad)", bad_units);
	ok(bad_keys == 0, "words over TOKEN_LEN_MAX bytes: keys differ just "
	   "where a word was edited (%d bad)", bad_keys);
	ok(bad_lazy == 0, "words over TOKEN_LEN_MAX bytes: lazy = full "
	   "(%d bad)", bad_lazy);
}

int
main(void)
{
	const char *srcdir = getenv("srcdir"), *seeds = getenv("SEEDS_DIR");
	char path[8][4096];
	const char *paths[8];
	static char a[40000], b[40000];
	int i;
	DIR *dir;
	struct dirent *e;

	if (srcdir == NULL || *srcdir == '\0')
		srcdir = ".";
	rng = 42;
	check_counter(0);
	check_counter(1);
	check_counter(2);
	check_filtered();
	check_long_words();

	compare_mem("equal texts", "One.\n\nTwo.\n", "One.\n\nTwo.\n");
	compare_mem("empty against text", "", "Some words.\n");
	compare_mem("equivalences joining words",
		    "It rose 3 per cent.\n\nSend an e-mail on-line.\n\n"
		    "Same paragraph here.\n",
		    "It rose 3 percent.\n\nSend an email online.\n\n"
		    "Same paragraph here.\n");
	compare_mem("typography and a repeat",
		    "\"Quoted,\" he said.\n\nRepeat.\n\nRepeat.\n\nEnd.\n",
		    "\xe2\x80\x9cQuoted,\xe2\x80\x9d he said.\n\nRepeat.\n\n"
		    "Middle.\n\nRepeat.\n\nEnd.\n");
	compare_mem("moved and repeated paragraphs, segmented once",
		    "First one. Mr. Smith said so.\n\nSecond \xe6\x9d\xb1 one.\n\n"
		    "Third, 3 per cent.\n\nSecond \xe6\x9d\xb1 one.\n\nLast.\n",
		    "Third, 3 per cent.\n\nLast.\n\nFirst one. Mr. Smith said "
		    "so.\n\nSecond \xe6\x9d\xb1 one.\n\nNew.\n\nThird, 3 per "
		    "cent.\n");
	compare_mem("invalid bytes and CJK",
		    "Bad \xff byte.\n\n\xe6\x9d\xb1\xe4\xba\xac\n\nKept.\n",
		    "Bad \xfe byte.\n\n\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7\n\n"
		    "Kept.\n");
	compare_mem("one paragraph per line",
		    "line one\nline two\nline three\n",
		    "line one\nline 2\nline three\n");

	/* With equivalences of the user's that join words. */
	user_equivalences = "New York = NY\nfor example = e.g.\n"
	    "a & b = ab\n10 per = ten\n'tis = it is\nx-ray = xray\n";
	compare_mem("user equivalences",
		    "In New York, for example, it's an x-ray. 'Tis so.\n\n"
		    "New York again & again, 10 per day.\n\nKept as is.\n",
		    "In NY, e.g., it's an xray. It is so.\n\n"
		    "New York again and again, ten day.\n\nKept as is.\n");
	for (i = 0; i < 50; i++) {
		char name[32];

		random_pair(a, b, sizeof a);
		snprintf(name, sizeof name, "random pair, user list %d", i);
		compare_mem(name, a, b);
	}
	user_equivalences = NULL;

	/* The golden pairs. */
	snprintf(path[0], sizeof path[0], "%s/tests/golden", srcdir);
	if ((dir = opendir(path[0])) != NULL) {
		while ((e = readdir(dir)) != NULL) {
			size_t l = strlen(e->d_name);

			if (l < 6 || strcmp(e->d_name + l - 6, ".a.txt") != 0)
				continue;
			snprintf(path[0], sizeof path[0], "%s/tests/golden/%s",
				 srcdir, e->d_name);
			snprintf(path[1], sizeof path[1], "%s/tests/golden/%.*s.b.txt",
				 srcdir, (int)(l - 6), e->d_name);
			paths[0] = path[0];
			paths[1] = path[1];
			compare_files(e->d_name, paths, 2);
		}
		closedir(dir);
	}

	/* The sample story, five versions at once and by pairs. */
	for (i = 0; i < 5; i++) {
		static const char *const names[] = { "1-wire", "2-syndicated",
			"3-corrected", "4-rewrite", "5-summary" };

		snprintf(path[i], sizeof path[i], "%s/samples/%s.txt", srcdir,
			 names[i]);
		paths[i] = path[i];
	}
	compare_files("samples, five versions", paths, 5);
	for (i = 1; i < 5; i++) {
		const char *pp[2] = { paths[0], paths[i] };

		compare_files(paths[i], pp, 2);
	}

	/* The seed story, when it is there. */
	if (seeds != NULL && *seeds != '\0' && (dir = opendir(seeds)) != NULL) {
		int n = 0;

		while ((e = readdir(dir)) != NULL && n < 8)
			if (strlen(e->d_name) > 4 &&
			    strcmp(e->d_name + strlen(e->d_name) - 4, ".txt") == 0) {
				snprintf(path[n], sizeof path[n], "%s/%s", seeds,
					 e->d_name);
				paths[n] = path[n];
				n++;
			}
		closedir(dir);
		if (n >= 2)
			compare_files("seeds", paths, (size_t)n);
	} else {
		skip_seeds("SEEDS_DIR not set: the seed story is not compared");
	}

	/* Look-alike paragraphs. */
	for (i = 0; i < 100; i++) {
		char name[32];

		lookalike_pair(a, b);
		snprintf(name, sizeof name, "look-alike pair %d", i);
		compare_mem(name, a, b);
	}

	/* Random edits. */
	for (i = 0; i < 150; i++) {
		char name[32];

		random_pair(a, b, sizeof a);
		snprintf(name, sizeof name, "random pair %d", i);
		if (getenv("LAZY_DUMP") != NULL && atoi(getenv("LAZY_DUMP")) == i) {
			FILE *f = fopen("/tmp/lazy-a.txt", "w");
			fputs(a, f);
			fclose(f);
			f = fopen("/tmp/lazy-b.txt", "w");
			fputs(b, f);
			fclose(f);
		}
		compare_mem(name, a, b);
	}
	return done_testing();
}
