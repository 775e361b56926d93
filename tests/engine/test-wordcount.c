/*
 * test-wordcount.c — the word accounting of a comparison adds up: every
 * word of version A is kept, deleted, changed or moved, so
 *   kept + deleted + changed_from + moved == the words of A
 * (the "words" column of --stat and "words" of --json), and, given the
 * other way round, the same for B.  A journalist reads these numbers
 * side by side; the class of trouble is a unit of several words (an
 * equivalence joins "United States", "per cent") counted as one word in
 * the comparison and as several in the version.
 *
 * The pairs come from a seeded generator (words, numbers, multi-word
 * equivalences, reworded, dropped, inserted and reordered sentences and
 * paragraphs); a failure prints the seed that reproduces it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pair.h"
#include "rng.h"
#include "tap.h"
#include "xalloc.h"

/* Pieces of a sentence: plain words, figures, names the built-in
 * equivalences join into one unit, symbols and punctuation. */
static const char *const piece[] = {
	"the", "minister", "said", "on", "Tuesday", "that", "prices", "rose",
	"3", "1,500", "per cent", "percent", "%", "United States", "US",
	"U.S.", "United Kingdom", "UK", "of", "reporters", "in", "Paris",
	"\"we will act\"", "(officials)", "12.5", "and", "government",
};
#define NPIECE (sizeof piece / sizeof piece[0])

/* One sentence of n pieces into s (room assumed). */
static void
sentence(char *s, unsigned n)
{
	unsigned i;

	s[0] = '\0';
	strcat(s, "The");
	for (i = 0; i < n; i++) {
		strcat(s, " ");
		strcat(s, piece[rnd(NPIECE)]);
	}
	strcat(s, ".");
}

#define NPARA 8
#define NSENT 4
#define SLEN 512

/* A story: NPARA paragraphs of NSENT sentences. */
struct story {
	char s[NPARA][NSENT][SLEN];
	int gone[NPARA][NSENT];
	unsigned order[NPARA];
};

static void
story_text(const struct story *st, char *out)
{
	unsigned p, k;

	out[0] = '\0';
	for (p = 0; p < NPARA; p++) {
		unsigned q = st->order[p];
		int any = 0;

		for (k = 0; k < NSENT; k++) {
			if (st->gone[q][k])
				continue;
			if (any)
				strcat(out, " ");
			strcat(out, st->s[q][k]);
			any = 1;
		}
		if (any)
			strcat(out, "\n\n");
	}
}

/* B from A: sentences reworded, dropped, swapped, paragraphs moved. */
static void
edit(struct story *b)
{
	unsigned p, k, n;

	for (p = 0; p < NPARA; p++)
		for (k = 0; k < NSENT; k++) {
			unsigned r = rnd(100);

			if (r < 15)
				sentence(b->s[p][k], 3 + rnd(10));
			else if (r < 22)
				b->gone[p][k] = 1;
			else if (r < 30) {	/* one piece replaced */
				char *sp = strchr(b->s[p][k], ' ');

				if (sp != NULL && strlen(b->s[p][k]) + 20 < SLEN) {
					char tail[SLEN];

					strcpy(tail, sp);
					snprintf(sp, SLEN - (size_t)(sp - b->s[p][k]),
						 " %s%s", piece[rnd(NPIECE)], tail);
				}
			}
		}
	for (n = rnd(3); n > 0; n--) {	/* a sentence swapped inside */
		char t[SLEN];

		p = rnd(NPARA);
		memcpy(t, b->s[p][0], SLEN);
		memcpy(b->s[p][0], b->s[p][NSENT - 1], SLEN);
		memcpy(b->s[p][NSENT - 1], t, SLEN);
	}
	if (rnd(2)) {			/* a paragraph moved */
		unsigned i = rnd(NPARA), j = rnd(NPARA), t = b->order[i];

		b->order[i] = b->order[j];
		b->order[j] = t;
	}
}

/* Whether the accounting of A's words adds up; diag when not. */
static int
adds_up(const char *a, const char *b, unsigned long long seed,
	const char *way)
{
	struct pair p;
	const struct align_stats *s;
	size_t words, sum;

	pair_open(&p, a, b);
	s = &p.al->stats;
	words = doc_word_count(p.a);
	sum = s->kept + s->deleted + s->changed_a + s->moved;
	if (sum != words)
		printf("# seed %llu (%s): %zu kept + %zu deleted + %zu changed"
		       " + %zu moved = %zu, but A has %zu words\n", seed, way,
		       s->kept, s->deleted, s->changed_a, s->moved, sum,
		       words);
	pair_close(&p);
	return sum == words;
}

static void
test_generated(void)
{
	static struct story sa, sb;
	static char ta[NPARA * NSENT * SLEN], tb[NPARA * NSENT * SLEN];
	struct rounds r = rounds_from(1, 150);
	unsigned p, k;
	size_t held;

	while (rounds_next(&r)) {
		rng = r.seed;
		memset(&sa, 0, sizeof sa);
		for (p = 0; p < NPARA; p++) {
			sa.order[p] = p;
			for (k = 0; k < NSENT; k++)
				sentence(sa.s[p][k], 3 + rnd(12));
		}
		sb = sa;
		edit(&sb);
		story_text(&sa, ta);
		story_text(&sb, tb);
		held = adds_up(ta, tb, r.seed, "A to B");
		held += adds_up(tb, ta, r.seed, "B to A");
		rounds_tally(&r, held, 2, NULL);	/* adds_up says why */
	}
	ok(r.good == r.total, "%zu generated pairs both ways: kept + deleted "
	   "+ changed + moved is the words of the version (%zu do not add "
	   "up)", r.run, r.total - r.good);
}

/* The smallest cases, one each: a joined name kept, changed, deleted. */
static void
test_units(void)
{
	static const char *const cases[][3] = {
		{ "1920 United States\n", "1920 United States\n", "kept" },
		{ "1920 United States\n", "1920 United Kingdom\n", "changed" },
		{ "Made in the United States today.\n", "Made today.\n",
		  "deleted" },
		{ "Costs rose 3 per cent.\n", "Costs rose 3 percent.\n",
		  "written two ways" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ok(adds_up(cases[i][0], cases[i][1], 0, "A to B") &&
		   adds_up(cases[i][1], cases[i][0], 0, "B to A"),
		   "a name of several words %s: the words add up",
		   cases[i][2]);
	}
}

int
main(void)
{
	test_units();
	test_generated();
	return done_testing();
}
