/*
 * test-submove.c — properties of moves below the paragraph (issue 14.4)
 * on generated articles and songs: edits that keep the order of the
 * sentences and lines (rewording, deletions, insertions, paragraphs split
 * or joined, a verse dropped with its chorus) never show a move; one
 * sentence taken to another place, inside its paragraph or into another,
 * is found as exactly one move whose two ends are that sentence, each in
 * the block of its paragraph, whatever the words around it.
 *
 * The texts come from a seeded generator, so a failure names the seed
 * that reproduces it.
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

/* --- the generator (rng.h's rnd) --------------------------------------------- */

static const char *const fwords[] = {
	"the", "and", "of", "to", "in", "that", "was", "for", "with", "on",
	"by", "from", "at", "as", "said", "had", "were", "its", "their",
};

/* Word k of a made-up vocabulary, three letters at least. */
static void
content_word(unsigned k, char *out)
{
	size_t n = syllable_word(k, out);

	if (n < 3)
		strcpy(out + n, "ton");
}

static void
gen_word(char *out, bool content)
{
	if (!content && rnd(100) < 40)
		strcpy(out, fwords[rnd(sizeof fwords / sizeof fwords[0])]);
	else
		content_word(20 + rnd(3000), out);
}

/*
 * A string of n words, the first capitalised, ending with `end`; one
 * word in three a content word at least, as in news copy.
 */
static char *
gen_words(unsigned n, const char *end)
{
	char *s = xmalloc(n * 24 + 8), w[32];
	size_t len = 0;
	unsigned i;

	for (i = 0; i < n; i++) {
		gen_word(w, i % 3 == 1);
		if (i == 0)
			w[0] = (char)(w[0] - 'a' + 'A');
		len += (size_t)sprintf(s + len, "%s%s", i ? " " : "", w);
	}
	strcpy(s + len, end);
	return s;
}

/* One word of s replaced by a new one. */
static char *
reword(const char *s)
{
	size_t n = strlen(s), k, start, end;
	char *t = xmalloc(n + 40), w[32];
	unsigned words = 1, pick;

	for (k = 0; k < n; k++)
		words += s[k] == ' ';
	pick = 1 + rnd(words - 1);	/* never the capitalised first */
	for (k = 0, start = 0; k < n && pick > 0; k++)
		if (s[k] == ' ' && --pick == 0)
			start = k + 1;
	for (end = start; end < n && s[end] != ' ' && s[end] != '.' &&
	     s[end] != ','; end++)
		continue;
	content_word(5000 + rnd(3000), w);
	memcpy(t, s, start);
	strcpy(t + start, w);
	strcat(t, s + end);
	return t;
}

/* A text: its pieces (sentences or lines), each with its paragraph. */
struct piece {
	char *s;
	unsigned para;
};

struct text_gen {
	struct piece *v;
	size_t n, cap;
	const char *join;	/* between two pieces of a paragraph */
};

static void
tg_push(struct text_gen *t, char *s, unsigned para)
{
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n].s = s;
	t->v[t->n++].para = para;
}

static char *
tg_render(const struct text_gen *t)
{
	size_t len = 1, k;
	char *s, *p;

	for (k = 0; k < t->n; k++)
		len += strlen(t->v[k].s) + 2;
	p = s = xmalloc(len);
	for (k = 0; k < t->n; k++) {
		if (k > 0)
			p = stpcpy(p, t->v[k].para != t->v[k - 1].para ?
				   "\n\n" : t->join);
		p = stpcpy(p, t->v[k].s);
	}
	*p = '\0';
	return s;
}

static void
tg_free(struct text_gen *t)
{
	size_t k;

	for (k = 0; k < t->n; k++)
		free(t->v[k].s);
	free(t->v);
	memset(t, 0, sizeof *t);
}

/* An article: 5 to 12 paragraphs of 2 to 5 sentences of 8 to 20 words. */
static void
gen_article(struct text_gen *t)
{
	unsigned np = 5 + rnd(8), p, k, ns;

	t->join = " ";
	for (p = 0; p < np; p++)
		for (ns = 2 + rnd(4), k = 0; k < ns; k++)
			tg_push(t, gen_words(8 + rnd(13), "."), p);
}

/*
 * A song: stanzas of verse lines, each pair of them followed by the
 * chorus line, which repeats in every stanza.
 */
static void
gen_song(struct text_gen *t)
{
	unsigned ns = 2 + rnd(3), st, k, nl;

	t->join = "\n";
	for (st = 0; st < ns; st++)
		for (nl = 2 + rnd(3), k = 0; k < 2 * nl; k++) {
			tg_push(t, gen_words(4 + rnd(5), ","), st);
			if (k % 2)
				tg_push(t, xstrdup("Oh the tide, the tide,"),
					st);
		}
}

/* --- in-order edits ---------------------------------------------------------- */

/*
 * b: a copy of a edited without changing the order of what it keeps:
 * pieces reworded, dropped, new ones inserted, paragraphs split or
 * joined.  In a song a verse line goes or comes with its chorus.
 */
static void
edit_in_order(const struct text_gen *a, struct text_gen *b, bool song)
{
	unsigned shift = 0;
	size_t k;

	b->join = a->join;
	for (k = 0; k < a->n; k++) {
		unsigned r = rnd(100), para = a->v[k].para + shift;
		bool chorus = song && strncmp(a->v[k].s, "Oh the", 6) == 0;

		if (!chorus && r < 10) {
			/* dropped, in a song with the chorus after it */
			if (song && k + 1 < a->n &&
			    strncmp(a->v[k + 1].s, "Oh the", 6) == 0)
				k++;
			continue;
		}
		if (!chorus && r < 25)
			tg_push(b, reword(a->v[k].s), para);
		else
			tg_push(b, xstrdup(a->v[k].s), para);
		if (!chorus && r >= 90) {
			tg_push(b, gen_words(6 + rnd(10), song ? "," : "."),
				para);
			if (song)
				tg_push(b, xstrdup("Oh the tide, the tide,"),
					para);
		}
		/* A paragraph split after this piece, or one joined. */
		if (!song && k + 1 < a->n && a->v[k + 1].para == a->v[k].para &&
		    rnd(100) < 4)
			shift++;
		else if (!song && k + 1 < a->n &&
			 a->v[k + 1].para != a->v[k].para && rnd(100) < 4 &&
			 shift > 0)
			shift--;
	}
}

static void
test_in_order(void)
{
	struct rounds r = rounds_from(1, 600);

	r.say = 3;
	while (rounds_next(&r)) {
		struct text_gen a = { 0 }, b = { 0 };
		bool song = r.seed % 4 == 0;
		struct pair p;
		char *sa, *sb;

		rng = r.seed;
		if (song)
			gen_song(&a);
		else
			gen_article(&a);
		edit_in_order(&a, &b, song);
		sa = tg_render(&a);
		sb = tg_render(&b);
		pair_open(&p, sa, sb);
		rounds_tally(&r, p.al->nmove == 0, 1, "%s, %zu moves",
			     song ? "a song" : "an article", p.al->nmove);

		pair_close(&p);
		free(sa);
		free(sb);
		tg_free(&a);
		tg_free(&b);
	}
	is_int(r.good, r.total, "%zu articles and songs edited in order: no "
	       "moves", r.run);
}

/* --- one sentence moved ------------------------------------------------------- */

/* The units of doc sentence s. */
static void
sent_units(const struct doc *d, size_t s, uint32_t *u0, uint32_t *u1)
{
	*u0 = d->sent[s].unit;
	*u1 = d->sent[s].unit + d->sent[s].nunit;
}

/* The block holding paragraph p of side b (false: A). */
static bool
block_holds(const struct block *bl, bool b, uint32_t p)
{
	return b ? p >= bl->b && p < bl->b + bl->nb :
		p >= bl->a && p < bl->a + bl->na;
}

/*
 * Move piece `from` of a (an article) to the place before remaining
 * piece `to` (or the end), in the paragraph of the piece before or
 * after that place; reworded on the way when `edit`.  Returns the
 * index of the moved piece in b.
 */
static size_t
move_one(const struct text_gen *a, struct text_gen *b, size_t from,
	 size_t to, bool edit)
{
	size_t k, r = 0, at = SIZE_MAX;
	unsigned para;

	b->join = a->join;
	for (k = 0; k <= a->n; k++) {
		if (r == to && at == SIZE_MAX) {
			/* the paragraph before the place, or after it */
			if (b->n > 0 && (k == a->n || rnd(2)))
				para = b->v[b->n - 1].para;
			else
				para = a->v[k == from ? k + 1 : k].para;
			at = b->n;
			tg_push(b, edit ? reword(a->v[from].s) :
				xstrdup(a->v[from].s), para);
		}
		if (k == a->n)
			break;
		if (k == from)
			continue;
		tg_push(b, xstrdup(a->v[k].s), a->v[k].para);
		r++;
	}
	return at;
}

static void
test_one_moved(void)
{
	struct rounds r = rounds_from(1001, 1400);
	size_t found = 0, linked = 0, edited = 0;

	r.say = 3;
	while (rounds_next(&r)) {
		struct text_gen a = { 0 }, b = { 0 };
		struct pair p;
		char *sa, *sb;
		size_t from, to, at, k, n;
		bool edit, ok_ends = false;
		const struct submove *sm;

		rng = r.seed;
		gen_article(&a);
		/* A sentence whose paragraph keeps another one. */
		do {
			from = rnd((unsigned)a.n);
			n = 0;
			for (k = 0; k < a.n; k++)
				n += a.v[k].para == a.v[from].para;
		} while (n < 2);
		do
			to = rnd((unsigned)a.n);
		while (to == from);
		edit = rnd(2) && strlen(a.v[from].s) > 60;
		at = move_one(&a, &b, from, to, edit);
		sa = tg_render(&a);
		sb = tg_render(&b);
		pair_open(&p, sa, sb);
		if (p.a->nsent != a.n || p.b->nsent != b.n) {
			/* the splitter saw other sentences: not this test */
			rounds_skip(&r);
			pair_close(&p);
			goto next;
		}
		if (p.al->nmove == 1 && p.al->nsub == 1) {
			uint32_t a0, a1, b0, b1, x0, x1, y0, y1;

			found++;
			sm = &p.al->sub[0];
			edited += sm->edited;
			x0 = p.al->op[sm->sop].a;
			x1 = p.al->op[sm->sop + sm->nsop - 1].a +
				p.al->op[sm->sop + sm->nsop - 1].na;
			y0 = p.al->op[sm->dop].b;
			y1 = p.al->op[sm->dop + sm->ndop - 1].b +
				p.al->op[sm->dop + sm->ndop - 1].nb;
			sent_units(p.a, from, &a0, &a1);
			sent_units(p.b, at, &b0, &b1);
			/* Taken one place on, the sentence it passed moved. */
			if ((x0 != a0 || y0 != b0) && !edit &&
			    (to == from + 1 || to + 1 == from)) {
				size_t other = to == from + 1 ? from + 1 :
					from - 1;
				size_t bo = to == from + 1 ? at - 1 : at + 1;

				sent_units(p.a, other, &a0, &a1);
				sent_units(p.b, bo, &b0, &b1);
			}
			ok_ends = x0 == a0 && x1 == a1 && y0 == b0 && y1 == b1 &&
				block_holds(&p.al->block[sm->src], false,
					    doc_para_of_token(p.a,
						p.a->unit[a0].tok)) &&
				block_holds(&p.al->block[sm->dst], true,
					    doc_para_of_token(p.b,
						p.b->unit[b0].tok));
			linked += ok_ends;
		}
		rounds_tally(&r, p.al->nmove == 1 && p.al->nsub == 1 &&
			     ok_ends, 1, "sentence %zu taken before %zu%s: "
			     "%zu moves, %zu below the paragraph, ends %s",
			     from, to, edit ? ", reworded" : "", p.al->nmove,
			     p.al->nsub, ok_ends ? "right" : "wrong");
		pair_close(&p);
next:
		free(sa);
		free(sb);
		tg_free(&a);
		tg_free(&b);
	}
	ok(r.run >= 350, "%zu articles with one sentence moved", r.run);
	is_int(found, r.run, "each is one move below the paragraph");
	is_int(linked, r.run, "each move's ends are the sentence, in the "
	       "blocks of its paragraphs");
	ok(edited > 0, "%zu of them reworded on the way, still one move",
	   edited);
}

/* --- one line of a song moved ---------------------------------------------- */

static bool
is_chorus(const struct text_gen *t, size_t k)
{
	return strncmp(t->v[k].s, "Oh the", 6) == 0;
}

/*
 * A verse line of a song taken to another place among the verse lines,
 * across another verse line at least, the chorus lines staying put: one
 * move whose ends are that line.  The repeated chorus lines around both
 * ends are what made such a diff a block replacement before.
 */
static void
test_song_line_moved(void)
{
	struct rounds r = rounds_from(5001, 5300);

	r.say = 3;
	while (rounds_next(&r)) {
		struct text_gen a = { 0 }, b = { 0 };
		struct pair p;
		char *sa, *sb;
		size_t from, to, k, verses = 0, crossed = 0, at = 0;
		size_t other = SIZE_MAX;
		bool ok_ends = false;

		rng = r.seed;
		gen_song(&a);
		do
			from = rnd((unsigned)a.n);
		while (is_chorus(&a, from));
		do
			to = rnd((unsigned)a.n);
		while (is_chorus(&a, to) || to == from);
		/* Verse lines between the two places. */
		for (k = (from < to ? from : to) + 1;
		     k < (from < to ? to : from); k++)
			if (!is_chorus(&a, k)) {
				verses++;
				other = k;
			}
		if (to > from && verses == 0)
			other = to;
		b.join = a.join;
		for (k = 0; k < a.n; k++) {
			if (k == from)
				continue;
			if (k == to && to < from) {
				at = b.n;
				tg_push(&b, xstrdup(a.v[from].s), a.v[k].para);
			}
			tg_push(&b, xstrdup(a.v[k].s), a.v[k].para);
			if (k == to && to > from) {
				at = b.n;
				tg_push(&b, xstrdup(a.v[from].s), a.v[k].para);
			}
		}
		crossed = verses + (to > from);	/* `to` itself is passed */
		sa = tg_render(&a);
		sb = tg_render(&b);
		pair_open(&p, sa, sb);
		if (crossed == 0) {	/* not across a verse line */
			rounds_skip(&r);
		} else {
			if (p.al->nmove == 1 && p.al->nsub == 1) {
				const struct submove *sm = &p.al->sub[0];
				const struct wop *x = &p.al->op[sm->sop];
				const struct wop *y = &p.al->op[sm->dop];

				const char *xs = (const char *)p.a->text->data +
					p.a->tok[p.a->unit[x->a].tok].off;
				const char *ys = (const char *)p.b->text->data +
					p.b->tok[p.b->unit[y->b].tok].off;

				/* Its ends are line `from`, or, when it passed
				 * one verse line only, that line. */
				ok_ends = (strncmp(xs, a.v[from].s, 8) == 0 &&
					   strncmp(ys, b.v[at].s, 8) == 0) ||
					(crossed == 1 && other < a.n &&
					 strncmp(xs, a.v[other].s, 8) == 0 &&
					 strncmp(ys, a.v[other].s, 8) == 0);
			}
			rounds_tally(&r, ok_ends, 1, "line %zu taken to %zu: "
				     "%zu moves, %zu below the paragraph",
				     from, to, p.al->nmove, p.al->nsub);
		}
		pair_close(&p);
		free(sa);
		free(sb);
		tg_free(&a);
		tg_free(&b);
	}
	ok(r.run >= 200, "%zu songs with a verse line moved", r.run);
	is_int(r.good, r.run, "each is one move, its ends that line");
}

int
main(void)
{
	test_in_order();
	test_one_moved();
	test_song_line_moved();
	return done_testing();
}
