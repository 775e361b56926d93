/*
 * test-copies.c — properties of a paragraph kept in place with a small
 * edit while an exact copy of its old text is added elsewhere (issue
 * 15): the kept one must pair with itself in place, its edit shown, and
 * the copy be new; never the old one moved to its copy, the kept one new
 * (that hid the edit, a "not" say, inside a "new" paragraph).  Short
 * paragraphs (fewer than 8 words: a dateline, a one-line quote) are the
 * case tried here; test-props tries chapters.
 *
 * The documents come from a seeded generator (rng.h), so a failure
 * names the seed that reproduces it.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "pair.h"
#include "rng.h"
#include "tap.h"
#include "xalloc.h"

/* --- the generator ---------------------------------------------------------- */

static const char *const fwords[] = {
	"the", "and", "of", "to", "in", "that", "was", "for", "with", "not",
};

/* The edits tried on the kept paragraph. */
enum edit { EDIT_REPLACE, EDIT_INSERT, EDIT_DELETE, EDIT_COMMA, NEDIT };

static const char *const edit_name[NEDIT] = {
	"a word replaced", "a word inserted", "a word deleted", "a comma added",
};

/*
 * A paragraph of n words into w[]: topic's own made-up words (no other
 * paragraph has them), with a function word now and then.
 */
static void
gen_words(char w[][32], unsigned n, unsigned topic)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		if (i > 0 && rnd(4) == 0)
			strcpy(w[i], fwords[rnd(10)]);
		else
			syllable_word(400 + topic * 40 + rnd(40), w[i]);
	}
	w[0][0] = (char)(w[0][0] >= 'a' ? w[0][0] - 'a' + 'A' : w[0][0]);
}

/*
 * Words w[0, n) as a paragraph; with edit < NEDIT, edited at word `at`
 * (a word of a vocabulary no paragraph uses, or w[at] left out, or a
 * comma after it).
 */
static void
put_para(struct buf *b, char w[][32], unsigned n, int edit, unsigned at)
{
	bool first = true;
	char x[32];
	unsigned i;

	for (i = 0; i < n; i++) {
		if (edit == EDIT_INSERT && i == at) {
			syllable_word(90000 + rnd(400), x);
			buf_add(b, first ? "" : " ");
			buf_add(b, x);
			first = false;
		}
		if (edit == EDIT_DELETE && i == at)
			continue;
		buf_add(b, first ? "" : " ");
		first = false;
		if (edit == EDIT_REPLACE && i == at) {
			syllable_word(90000 + rnd(400), x);
			buf_add(b, x);
		} else {
			buf_add(b, w[i]);
		}
		if (edit == EDIT_COMMA && i == at)
			buf_add(b, ",");
	}
	buf_add(b, ".\n\n");
}

/*
 * A document of 6 to 15 paragraphs, paragraph c of `len` words (the rest
 * of 3 to 30), and its new version: c kept in place with `edit`, an
 * exact copy of its old text added before paragraph d (after the last
 * when d is the paragraph count).  True when c is paired with its kept
 * self and neither is a move, and the copy is inserted, not a move; why
 * gets the case.  The copy is never next to the kept one (either could
 * be the new one, and neither reading shows a move), nor one paragraph
 * after it: the old one then anchors on its copy, as an equal paragraph
 * found once on each side, as often as the paragraph between does on
 * itself, and that one is shown moved (left for later).
 */
static bool
kept_with_copy(unsigned len, int edit, char *why, size_t nwhy)
{
	struct buf a = { 0 }, b = { 0 };
	char w[40][32];
	unsigned n = 6 + rnd(10), c = rnd(n), d, k, m, at;
	unsigned long long seed = rng;
	bool paired = false, inserted = false;
	struct pair p;
	size_t i;

	do
		d = rnd(n + 1);
	while (d >= c && d <= c + 2);
	at = rnd(edit == EDIT_COMMA ? len - 1 : len);
	/* Each paragraph's words from a seed of its own. */
	for (k = 0; k <= n; k++) {
		if (k == d) {
			rng = seed + c;
			gen_words(w, len, c);
			put_para(&b, w, len, NEDIT, 0);
		}
		if (k == n)
			break;
		rng = seed + k;
		m = k == c ? len : 3 + rnd(28);
		gen_words(w, m, k);
		put_para(&a, w, m, NEDIT, 0);
		put_para(&b, w, m, k == c ? edit : NEDIT, at);
	}
	pair_open(&p, a.s, b.s);
	for (i = 0; i < p.al->nblock; i++) {
		const struct block *bl = &p.al->block[i];

		if (bl->na == 1 && bl->a == c && bl->nb == 1 &&
		    bl->b == c + (d < c) && !bl->move)
			paired = true;
		if (bl->kind == BLOCK_INSERTED && !bl->move &&
		    bl->b == d)
			inserted = true;
	}
	snprintf(why, nwhy, "paragraph %u of %u (%u words, %s at word %u), "
		 "its copy before %u: %s, %s", c, n, len, edit_name[edit], at,
		 d, paired ? "paired in place" : "not paired in place",
		 inserted ? "the copy new" : "the copy not new");
	pair_close(&p);
	free(a.s);
	free(b.s);
	return paired && inserted;
}

static void
test_short_kept_with_copy(void)
{
	int edit;

	for (edit = 0; edit < NEDIT; edit++) {
		struct rounds r = rounds_from(1, 200);

		r.say = 3;
		while (rounds_next(&r)) {
			char why[200];
			unsigned len;
			bool ok_;

			rng = r.seed * 7919 + (unsigned)edit;
			len = 2 + rnd(6);
			/* Of two words, one replaced or deleted leaves one. */
			if ((edit == EDIT_DELETE || edit == EDIT_REPLACE) &&
			    len < 3)
				len = 3;
			ok_ = kept_with_copy(len, edit, why, sizeof why);
			rounds_tally(&r, ok_, 1, "%s", why);
		}
		is_int(r.good, r.total, "%zu short paragraphs kept in place with "
		       "%s, their copy added elsewhere: paired in place, the "
		       "copy new", r.run, edit_name[edit]);
	}
}

int
main(void)
{
	test_short_kept_with_copy();
	return done_testing();
}
