/*
 * test-find.c — the browser's search (find.h): the typed form with smart
 * case in any script, the form folded as the comparison folds ("U.S."
 * finds "US", "per cent" finds "percent"), a capital asking the same
 * shape of a folded match, and backward search finding the last match;
 * in paragraphs that lazy docs left whole (lazy.h), the same matches as
 * in fully built ones.
 */
#include <string.h>

#include <stdio.h>
#include <stdlib.h>

#include "../engine/pair.h"
#include "find.h"
#include "lazy.h"
#include "tap.h"
#include "xalloc.h"

static const char text[] =
	"Officials from the US embassy came. She told us prices rose "
	"3 percent. The U.S. envoy spoke. \xc3\x89lise met \xc3\xa9lise. "
	"Costs rose 5 per cent in Ohio.\n";

/* The text matched by pattern pat at the n-th match (0: first), or "". */
static const char *
nth(struct pair *p, const char *pat, unsigned n, bool backward)
{
	static char out[64];
	struct find f;
	size_t from = 0, to = p->ta->len, len = 0;
	long hit = -1;
	unsigned k;

	find_init(&f);
	find_set(&f, pat);
	for (k = 0; k <= n; k++) {
		hit = find_in(&f, p->k, p->a, from, to, backward, &len);
		if (hit < 0)
			break;
		if (backward)
			to = (size_t)hit;
		else
			from = (size_t)hit + 1;
	}
	find_clear(&f);
	if (hit < 0 || len >= sizeof out)
		return "";
	memcpy(out, p->ta->data + hit, len);
	out[len] = '\0';
	return out;
}

/* Every match of pat in [from, to) of d, "offset+length ...", into out. */
static void
matches(struct cmpkeys *k, const struct doc *d, const char *pat,
	bool backward, size_t from, size_t to, char *out, size_t size)
{
	struct find f;
	size_t len, n = 0;
	long hit;

	out[0] = '\0';
	find_init(&f);
	find_set(&f, pat);
	while (from < to &&
	       (hit = find_in(&f, k, d, from, to, backward, &len)) >= 0) {
		n += (size_t)snprintf(out + n, size - n, "%ld+%zu ", hit, len);
		if (n >= size)
			break;
		if (backward)
			to = (size_t)hit;
		else
			from = (size_t)hit + 1;
	}
	find_clear(&f);
}

/*
 * The same text searched in fully built docs and in lazy ones, whose
 * unchanged paragraphs are left whole: the same matches, both ways,
 * from anywhere (inside a whole paragraph too).
 */
static void
whole_paragraphs(void)
{
	static const char a[] =
		"Officials from the US embassy came.\n\nShe told us prices "
		"rose 3\npercent. The U.S. envoy spoke.\n\nChanged here.\n\n"
		"Costs rose 5 per cent in Ohio, the U.S.\n";
	static const char b[] =
		"Officials from the US embassy came.\n\nShe told us prices "
		"rose 3\npercent. The U.S. envoy spoke.\n\nChanged there.\n\n"
		"Costs rose 5 per cent in Ohio, the U.S.\n";
	static const char *const pats[] = { "U.S.", "u.s.", "US",
		"per cent", "percent", "3%", "rose", "\xc3\xa9lise", "Ohio" };
	struct text_opts to = { 0 };
	struct text *t[2];
	struct doc *lazy[2];
	uint32_t *anchors[2];
	size_t nanchor[2], i, from, bad = 0, wholes = 0;
	struct pair p;
	char x[512], y[512];
	int back;

	pair_open(&p, a, b);
	t[0] = text_from_bytes("a", a, strlen(a), &to, NULL);
	t[1] = text_from_bytes("b", b, strlen(b), &to, NULL);
	lazy_docs(t, 2, 0, p.k, lazy, anchors, nanchor);
	for (i = 0; i < lazy[0]->npara; i++)
		wholes += (size_t)doc_para_whole(lazy[0], i);
	ok(doc_para_whole(lazy[0], 0) && wholes >= 2, "lazy docs: the first "
	   "paragraph (\"the US embassy\") and %zu in all left whole", wholes);
	for (i = 0; i < sizeof pats / sizeof pats[0]; i++)
		for (back = 0; back < 2; back++)
			for (from = 0; from < strlen(a); from += 7) {
				matches(p.k, p.a, pats[i], back, from,
					strlen(a), x, sizeof x);
				matches(p.k, lazy[0], pats[i], back, from,
					strlen(a), y, sizeof y);
				if (strcmp(x, y) != 0 && bad++ == 0)
					printf("#   %s from %zu%s: full %s, "
					       "lazy %s\n", pats[i], from,
					       back ? " backward" : "", x, y);
			}
	ok(bad == 0, "paragraphs left whole: the matches of fully built "
	   "ones, forward and backward, from anywhere");
	for (i = 0; i < 2; i++) {
		doc_free(lazy[i]);
		free(anchors[i]);
		text_free(t[i]);
	}
	pair_close(&p);
}

int
main(void)
{
	struct pair p;
	struct find f;
	size_t len;

	pair_open(&p, text, "Other words.\n");

	is_str(nth(&p, "U.S.", 0, false), "US", "U.S. finds US");
	is_str(nth(&p, "U.S.", 1, false), "U.S.", "then U.S. itself");
	is_str(nth(&p, "U.S.", 2, false), "",
	       "a capital: not the \"us\" of \"told us\"");
	is_str(nth(&p, "u.s.", 1, false), "us",
	       "no capital: any case, \"told us\" too");
	is_str(nth(&p, "US", 1, false), "U.S.", "US finds U.S.");
	is_str(nth(&p, "per cent", 0, false), "percent",
	       "per cent finds percent");
	is_str(nth(&p, "percent", 1, false), "per cent",
	       "percent finds per cent");
	is_str(nth(&p, "3%", 0, false), "3 percent", "3%% finds 3 percent");
	is_str(nth(&p, "rose 3", 0, false), "rose 3",
	       "several words, typed");

	/* Smart case outside ASCII. */
	is_str(nth(&p, "\xc3\xa9lise", 0, false), "\xc3\x89lise",
	       "no capital: \xc3\xa9 finds \xc3\x89");
	is_str(nth(&p, "\xc3\x89lise", 1, false), "",
	       "a capital \xc3\x89: only \xc3\x89lise");
	is_str(nth(&p, "OFFICIALS", 0, false), "",
	       "a capital: case matters in the typed form");
	is_str(nth(&p, "offic", 0, false), "Offic",
	       "part of a word, any case");

	/* Backward: the last match first, then the one before. */
	is_str(nth(&p, "U.S.", 0, true), "U.S.", "backward: the last match");
	is_str(nth(&p, "U.S.", 1, true), "US",
	       "backward: then the one before");
	is_str(nth(&p, "per cent", 0, true), "per cent",
	       "backward: per cent itself, last");

	/* Without keys, the typed form only. */
	find_init(&f);
	find_set(&f, "U.S.");
	ok(find_in(&f, NULL, p.a, 0, p.ta->len, false, &len) ==
	   (long)(strstr(text, "U.S.") - text), "no keys: typed only");
	find_set(&f, "");
	ok(find_in(&f, p.k, p.a, 0, p.ta->len, false, &len) < 0,
	   "an empty pattern matches nothing");
	find_clear(&f);

	/* An invalid byte matches only itself. */
	find_init(&f);
	find_set(&f, "a\xff");
	ok(find_bytes(&f, (const uint8_t *)"a\xfe a\xff", 6, 0, 6, false,
		      &len) == 3 && len == 2, "an invalid byte: only itself");
	find_clear(&f);

	pair_close(&p);
	whole_paragraphs();
	return done_testing();
}
