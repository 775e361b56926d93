/*
 * test-find.c — the browser's search (find.h): the typed form with smart
 * case in any script, the form folded as the comparison folds ("U.S."
 * finds "US", "per cent" finds "percent"), a capital asking the same
 * shape of a folded match, and backward search finding the last match.
 */
#include <string.h>

#include "../engine/pair.h"
#include "find.h"
#include "tap.h"

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
	return done_testing();
}
