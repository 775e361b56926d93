/*
 * test-equiv.c — unit tests of engine/equiv.c: the built-in list, the
 * file parser and its messages, merging of classes, longest match.
 *
 * Phrases are cut into folded tokens here by a small tokeniser of the
 * test's own (UAX #29 words, punctuation one character per token, white
 * space dropped), as a text would be cut by doc.c.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unictype.h>
#include <unistr.h>
#include <uniwbrk.h>

#include "equiv.h"
#include "fold.h"
#include "lexicon.h"
#include "error.h"
#include "tap.h"
#include "xalloc.h"

#define MAXTOK 16

/* A phrase as the folded tokens a text would give. */
struct toks {
	uint8_t *fold[MAXTOK];
	size_t len[MAXTOK];
	size_t n;
};

static void
push(struct toks *t, const uint8_t *s, size_t n)
{
	if (t->n < MAXTOK) {
		t->fold[t->n] = fold_string(s, n, &t->len[t->n]);
		t->n++;
	}
}

static bool
all_punct(const uint8_t *s, size_t n)
{
	ucs4_t uc;
	size_t i;
	int r;

	for (i = 0; i < n; i += (size_t)r) {
		r = u8_mbtoucr(&uc, s + i, n - i);
		if (r <= 0 || uc == '%' ||
		    !uc_is_general_category(uc, UC_CATEGORY_P))
			return false;
	}
	return true;
}

static void
tokens(struct toks *t, const char *str)
{
	const uint8_t *s = (const uint8_t *)str;
	size_t n = strlen(str), i, last, j;
	char *brk = xmalloc(n + 1);
	ucs4_t uc;
	int r;

	t->n = 0;
	u8_wordbreaks(s, n, brk);
	for (last = 0, i = 1; i <= n; i++) {
		if (i < n && !brk[i])
			continue;
		if (s[last] == ' ') {
			/* white space */
		} else if (all_punct(s + last, i - last)) {
			for (j = last; j < i; j += (size_t)r) {
				r = u8_mbtoucr(&uc, s + j, i - j);
				push(t, s + j, (size_t)r);
			}
		} else {
			push(t, s + last, i - last);
		}
		last = i;
	}
	free(brk);
}

static void
toks_free(struct toks *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->fold[i]);
	t->n = 0;
}

/*
 * equiv_match on the tokens of `text`; returns the number matched and puts
 * the canonical form in canon (NUL-terminated).
 */
static size_t
match(const struct equiv *eq, const char *text, char *canon, size_t size)
{
	struct toks t;
	const uint8_t *c = NULL;
	size_t cl = 0, m;

	tokens(&t, text);
	m = equiv_match(eq, (const uint8_t *const *)t.fold, t.len, t.n, &c,
	    &cl);
	if (m > 0)
		snprintf(canon, size, "%.*s", (int)cl, (const char *)c);
	else
		snprintf(canon, size, "(none)");
	toks_free(&t);
	return m;
}

/* The canonical form a phrase matches wholly, or "(none)". */
static const char *
canon_of(const struct equiv *eq, const char *text)
{
	static char buf[256];
	struct toks t;

	tokens(&t, text);
	if (match(eq, text, buf, sizeof buf) != t.n)
		snprintf(buf, sizeof buf, "(none)");
	toks_free(&t);
	return buf;
}

/*
 * canon_of(text) when 40 tokens of no phrase follow it: what it matches
 * must not change, however many tokens the sentence has left (equiv_match
 * hashes no more of them than the longest phrase that may start there).
 */
static const char *
canon_followed(const struct equiv *eq, const char *text)
{
	static char buf[256];
	char *longer = xmalloc(strlen(text) + 40 * 5 + 1);
	struct toks t;
	size_t i, n;

	n = (size_t)sprintf(longer, "%s", text);
	for (i = 0; i < 40; i++)
		n += (size_t)sprintf(longer + n, " zqx");
	tokens(&t, text);
	if (match(eq, longer, buf, sizeof buf) != t.n)
		snprintf(buf, sizeof buf, "(none)");
	toks_free(&t);
	free(longer);
	return buf;
}

/* The folded tokens of text joined by one space. */
static void
joined(const char *text, char *out, size_t size)
{
	struct toks t;
	size_t i, o = 0;

	tokens(&t, text);
	out[0] = '\0';
	for (i = 0; i < t.n && o < size; i++)
		o += (size_t)snprintf(out + o, size - o, "%s%.*s",
		    i > 0 ? " " : "", (int)t.len[i], (const char *)t.fold[i]);
	toks_free(&t);
}

/*
 * Every line of the built-in list: each of its phrases matches wholly and
 * gives the folded first phrase of the line as canonical form (so no two
 * lines were merged by accident), and no two lines share one.
 */
static void
test_builtin(void)
{
	struct equiv *eq = equiv_new(), *bi = equiv_new_builtin();
	struct vs_error err;
	char *text = xstrdup(equiv_builtin_text), *line, *save = NULL, *ph;
	char want[256], got[256], (*canons)[256] = NULL;
	size_t ncanon = 0, cap = 0, nlines = 0, nbad = 0, dup = 0, i, j;
	size_t nfollowed = 0;
	int r;

	r = equiv_parse(eq, "built-in", equiv_builtin_text,
	    strlen(equiv_builtin_text), &err);
	is_int(r, 0, "builtin: the list parses");

	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *p, *end;

		if (line[0] == '#' || line[0] == '\0')
			continue;
		nlines++;
		end = strstr(line, " = ");
		snprintf(got, sizeof got, "%.*s", end != NULL ?
		    (int)(end - line) : (int)strlen(line), line);
		joined(got, want, sizeof want);
		canons = xgrow(canons, &cap, ncanon + 1, sizeof *canons);
		snprintf(canons[ncanon++], sizeof canons[0], "%s", want);
		for (p = line; p != NULL; p = end) {
			end = strstr(p, " = ");
			ph = end != NULL ? xstrndup(p, (size_t)(end - p)) :
			    xstrdup(p);
			if (end != NULL)
				end += 3;
			snprintf(got, sizeof got, "%s", canon_of(bi, ph));
			if (strcmp(got, want) != 0) {
				printf("#   '%s' gives '%s', want '%s'\n", ph,
				    got, want);
				nbad++;
			}
			if (strcmp(canon_followed(bi, ph), want) != 0)
				nfollowed++;
			free(ph);
		}
	}
	ok(nlines > 200, "builtin: %zu classes", nlines);
	is_int(nbad, 0, "builtin: every phrase matches its class");
	is_int(nfollowed, 0, "builtin: and so with 40 more tokens after it");
	for (i = 0; i < ncanon; i++)
		for (j = i + 1; j < ncanon; j++)
			if (strcmp(canons[i], canons[j]) == 0) {
				printf("#   '%s' twice\n", canons[i]);
				dup++;
			}
	is_int(dup, 0, "builtin: no two classes share a canonical form");
	free(canons);
	free(text);
	equiv_free(eq);

	/* Some of them by hand. */
	is_str(canon_of(bi, "U.S."), "us", "builtin: U.S.");
	is_str(canon_of(bi, "U.S"), "us", "builtin: U.S");
	is_str(canon_of(bi, "US"), "us", "builtin: US");
	is_str(canon_of(bi, "%"), "per cent", "builtin: %%");
	is_str(canon_of(bi, "Per Cent"), "per cent", "builtin: Per Cent");
	is_str(canon_of(bi, "PCT"), "per cent", "builtin: PCT");
	is_str(canon_of(bi, "Sept."), "september", "builtin: Sept.");
	/* The months come from lexicon.h, with and without the full stop. */
	for (i = 0, nbad = 0; i < LEXICON_MONTHS; i++) {
		const struct lexicon_month *m = &lexicon_months[i];
		char name[16], dot[16];

		for (j = 0; m->name[j] != '\0'; j++)
			name[j] = (char)(m->name[j] | 0x20);
		name[j] = '\0';
		snprintf(got, sizeof got, "%s", canon_of(bi, m->name));
		if (strcmp(got, m->abbr[0] ? name : "(none)") != 0)
			nbad++;
		for (j = 0; j < 2 && m->abbr[j] != NULL; j++) {
			snprintf(dot, sizeof dot, "%s.", m->abbr[j]);
			nbad += strcmp(canon_of(bi, dot), name) != 0;
			nbad += strcmp(canon_of(bi, m->abbr[j]), name) != 0;
		}
	}
	is_int(nbad, 0, "builtin: every month and its abbreviations");
	is_str(canon_of(bi, "Sep"), "september", "builtin: Sep");
	is_str(canon_of(bi, "May"), "(none)", "builtin: May is no class");
	is_str(canon_of(bi, "sep"), "september", "builtin: sep");
	is_str(canon_of(bi, "Mr."), "mr", "builtin: Mr.");
	is_str(canon_of(bi, "&"), "and", "builtin: &");
	is_str(canon_of(bi, "e\xe2\x80\x91mail"), "e - mail",
	    "builtin: e-mail with a non-breaking hyphen");
	is_str(canon_of(bi, "Sat"), "(none)", "builtin: sat is a word");
	is_str(canon_of(bi, "Sun"), "(none)", "builtin: sun is a word");
	is_str(canon_of(bi, "Sat."), "saturday", "builtin: Sat.");
	is_str(canon_of(bi, "grey"), "(none)", "builtin: grey is not listed");

	/* Longest match, and matches that are prefixes of the text. */
	is_int(match(bi, "U.S. officials", got, sizeof got), 2,
	    "match: U.S. takes two tokens");
	is_int(match(bi, "U.S officials", got, sizeof got), 1,
	    "match: U.S takes one token");
	is_int(match(bi, "per cent rise", got, sizeof got), 2,
	    "match: per cent takes two tokens");
	is_int(match(bi, "per capita", got, sizeof got), 0,
	    "match: per alone is nothing");
	is_int(match(bi, "officials", got, sizeof got), 0,
	    "match: officials is nothing");

	/* Which folded tokens start a phrase. */
	ok(equiv_may_start(bi, (const uint8_t *)"us", 2) &&
	    equiv_may_start(bi, (const uint8_t *)"u.s", 3) &&
	    equiv_may_start(bi, (const uint8_t *)"per", 3) &&
	    equiv_may_start(bi, (const uint8_t *)"%", 1) &&
	    equiv_may_start(bi, (const uint8_t *)"web", 3),
	    "may start: first tokens of phrases");
	ok(!equiv_may_start(bi, (const uint8_t *)"cent", 4) &&
	    !equiv_may_start(bi, (const uint8_t *)"the", 3) &&
	    !equiv_may_start(bi, (const uint8_t *)"US", 2) &&
	    !equiv_may_start(bi, (const uint8_t *)"", 0) &&
	    !equiv_may_start(bi, (const uint8_t *)"site", 4),
	    "may start: not other tokens, nor later tokens of phrases");
	equiv_free(bi);
}

static void
test_parse(void)
{
	struct equiv *eq = equiv_new();
	struct vs_error err;
	const char *good =
	    "\xef\xbb\xbf# a comment after a byte order mark\n"
	    "\n"
	    "   \t\n"
	    "  # an indented comment\n"
	    "Colour = color\r\n"
	    "per  cent=PERCENT = %\n"
	    "a\\=b = equals\n"
	    "\\#tag = hashtag\n"
	    "w \\ x = backslash";	/* no final line end */
	const uint8_t *c;
	size_t cl;
	int r;

	r = equiv_parse(eq, "user.eq", good, strlen(good), &err);
	is_int(r, 0, "parse: a good file");
	is_str(canon_of(eq, "color"), "colour", "parse: colour = color");
	is_str(canon_of(eq, "COLOUR"), "colour", "parse: folded");
	is_str(canon_of(eq, "percent"), "per cent", "parse: no spaces round =");
	is_str(canon_of(eq, "%"), "per cent", "parse: three phrases");
	is_str(canon_of(eq, "equals"), "a = b", "parse: \\= escape");
	is_str(canon_of(eq, "a=b"), "a = b", "parse: phrase with =");
	is_str(canon_of(eq, "hashtag"), "# tag", "parse: \\# escape");
	is_str(canon_of(eq, "backslash"), "w \\ x", "parse: lone backslash");
	is_str(canon_of(eq, "a comment"), "(none)", "parse: comments ignored");
	is_int(equiv_match(eq, NULL, NULL, 0, &c, &cl), 0,
	    "match: no tokens, no match");

	/* A phrase already known merges two classes; the older one leads. */
	r = equiv_parse(eq, "more.eq", "x = y\nv = w\ny = v\n", 17, &err);
	is_int(r, 0, "parse: merging file");
	is_str(canon_of(eq, "w"), "x", "merge: w joins x's class");
	is_str(canon_of(eq, "v"), "x", "merge: v joins x's class");
	r = equiv_parse(eq, "more.eq", "kerb = PERCENT\n", 15, &err);
	is_int(r, 0, "parse: merging into an earlier buffer's class");
	is_str(canon_of(eq, "kerb"), "per cent", "merge: across buffers");
	equiv_free(eq);
}

/* Parse buf into a fresh set; check the message and that nothing stays. */
static void
check_error(const char *buf, const char *want, const char *name)
{
	struct equiv *eq = equiv_new();
	struct vs_error err;
	int r;

	strcpy(err.msg, "(none)");
	r = equiv_parse(eq, "my.eq", buf, strlen(buf), &err);
	is_int(r, -1, "error: %s fails", name);
	is_str(err.msg, want, "error: %s message", name);
	is_str(canon_of(eq, "alpha"), "(none)", "error: %s keeps nothing",
	    name);
	equiv_free(eq);
}

static void
test_errors(void)
{
	struct equiv *eq;
	struct vs_error err;
	char path[] = "/tmp/test-equiv-XXXXXX";
	const char *body = "# file\nlorry = truck\n";
	int fd, r;

	check_error("alpha = beta\nno equals here\n",
	    "my.eq:2: expected 'phrase = phrase'", "one phrase");
	check_error("alpha = beta\r\n\r\ngamma\r\n",
	    "my.eq:3: expected 'phrase = phrase'", "CRLF line count");
	check_error("alpha = beta\ngamma = \n",
	    "my.eq:2: empty phrase", "empty last phrase");
	check_error("alpha = beta\n = gamma\n",
	    "my.eq:2: empty phrase", "empty first phrase");
	check_error("alpha = = beta\n", "my.eq:1: empty phrase",
	    "empty middle phrase");
	check_error("alpha = \xe2\x80\x8b\n", "my.eq:1: empty phrase",
	    "phrase folding to nothing");
	check_error("alpha = beta\n\n\n\\# = \n", "my.eq:4: empty phrase",
	    "line count after blank lines");

	/* Files. */
	eq = equiv_new();
	strcpy(err.msg, "(none)");
	r = equiv_load(eq, "/nonexistent/dir/x.eq", &err);
	is_int(r, -1, "load: missing file fails");
	is_str(err.msg, "/nonexistent/dir/x.eq: No such file or directory",
	    "load: missing file message");
	r = equiv_load(eq, "/tmp", &err);
	is_int(r, -1, "load: a directory fails");
	is_str(err.msg, "/tmp: is a directory", "load: directory message");
	fd = mkstemp(path);
	ok(fd >= 0, "load: temporary file");
	if (fd >= 0) {
		if (write(fd, body, strlen(body)) != (ssize_t)strlen(body))
			printf("# short write\n");
		close(fd);
		r = equiv_load(eq, path, &err);
		is_int(r, 0, "load: a file");
		is_str(canon_of(eq, "truck"), "lorry", "load: its class");
		unlink(path);
	}
	equiv_free(eq);
}

/*
 * Thousands of phrases sharing a first word ("the a1 = the b1", ...): the
 * longest match is found by looking each length up whole, so the work per
 * match follows the phrases' lengths, not their number (issue 19.5: a
 * chain of 80,000 walked for every "the" took two minutes), and the
 * answers are those of a match over the same phrases one by one.
 */
static void
test_shared_first_word(void)
{
	enum { N = 4000 };
	struct equiv *eq = equiv_new();
	struct vs_error err;
	char *buf = malloc(N * 64), text[64], want[64];
	size_t len = 0, i, before, bad = 0;

	for (i = 0; i < N; i++)
		len += (size_t)sprintf(buf + len, "the a%zu = the b%zu = the "
		    "c%zu d e\n", i, i, i);
	is_int(equiv_parse(eq, "many", buf, len, &err), 0,
	    "shared first word: %d lines parse", N);
	before = equiv_steps(eq);
	for (i = 0; i < N; i += 7) {
		snprintf(text, sizeof text, "the b%zu", i);
		snprintf(want, sizeof want, "the a%zu", i);
		bad += strcmp(canon_of(eq, text), want) != 0;
	}
	bad += strcmp(canon_of(eq, "the c12 d e"), "the a12") != 0;
	bad += strcmp(canon_of(eq, "the c12 d"), "(none)") != 0;
	bad += strcmp(canon_of(eq, "the"), "(none)") != 0;
	bad += strcmp(canon_of(eq, "the zebra"), "(none)") != 0;
	is_int(bad, 0, "shared first word: every phrase found, the longest, "
	    "and nothing else");
	ok(equiv_steps(eq) - before <= (N / 7 + 4) * 4,
	   "shared first word: at most 4 lookups per match (%zu for %d)",
	   equiv_steps(eq) - before, N / 7 + 4);
	free(buf);
	equiv_free(eq);
}

int
main(void)
{
	test_shared_first_word();
	test_builtin();
	test_parse();
	test_errors();
	return done_testing();
}
