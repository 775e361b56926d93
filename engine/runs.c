/*
 * runs.c — the word level: units diffed into equal and changed runs, the
 * clean-up that folds short equalities stranded in rewritten text into
 * the change around them, and the tests that make a difference cosmetic
 * (white space only, hyphens and punctuation moved).
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "align-stage.h"
#include "xalloc.h"

/* Equal runs with more content words than this are never cleaned up. */
#define STRAY_WORDS		2

/* --- word runs and their clean-up ------------------------------------------ */

void
runs_push(struct runs *rs, bool eq, uint32_t a0, uint32_t a1, uint32_t b0,
	  uint32_t b1)
{
	struct run *last = rs->n ? &rs->v[rs->n - 1] : NULL;

	if (a0 == a1 && b0 == b1)
		return;
	/* Adjacent runs of the same kind merge. */
	if (last && last->eq == eq && last->a1 == a0 && last->b1 == b0) {
		last->a1 = a1;
		last->b1 = b1;
		return;
	}
	rs->v = xgrow(rs->v, &rs->cap, rs->n + 1, sizeof *rs->v);
	rs->v[rs->n++] = (struct run){ a0, a1, b0, b1, eq };
}

/* Diff the units of A [a0, a1) against B [b0, b1) into runs. */
void
word_runs(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1,
	  struct runs *rs)
{
	size_t n = a1 - a0, m = b1 - b0, i = 0, j = 0;
	/* One allocation: the keys of both sides, then their flags. */
	uint32_t *x = xmalloc((n + m + 2) * (sizeof *x + 1));
	uint32_t *y = x + n + 1;
	bool *del = (bool *)(y + m + 1), *ins = del + n + 1;

	for (i = 0; i < n; i++)
		x[i] = c->a->unit[a0 + i].fold;
	for (j = 0; j < m; j++)
		y[j] = c->b->unit[b0 + j].fold;
	memset(del, 0, n + m + 2);
	seqmatch(x, n, y, m, c->nweight, del, ins, NULL);
	i = j = 0;
	while (i < n || j < m) {
		size_t si = i, sj = j;

		while (i < n && j < m && !del[i] && !ins[j]) {
			i++;
			j++;
		}
		runs_push(rs, true, a0 + si, a0 + i, b0 + sj, b0 + j);
		si = i;
		sj = j;
		while (i < n && del[i])
			i++;
		while (j < m && ins[j])
			j++;
		runs_push(rs, false, a0 + si, a0 + i, b0 + sj, b0 + j);
	}
	free(x);
}

static unsigned
content_words(const struct ctx *c, uint32_t u0, uint32_t u1)
{
	unsigned n = 0;

	for (; u0 < u1; u0++)
		n += c->weight[c->a->unit[u0].strict] == W_CONTENT;
	return n;
}

static unsigned
run_weight(const struct ctx *c, const struct run *r)
{
	unsigned wa = weight_sum(c, c->a, r->a0, r->a1);
	unsigned wb = weight_sum(c, c->b, r->b0, r->b1);

	return wa > wb ? wa : wb;
}

/* Do units [x, x+n) of d and [y, y+n) of e have the same fold keys? */
static bool
same_folds(const struct doc *d, uint32_t x, const struct doc *e, uint32_t y,
	   uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (d->unit[x + i].fold != e->unit[y + i].fold)
			return false;
	return true;
}

/* Do units [u0, u1) of d lie in one paragraph? */
static bool
one_para(const struct doc *d, uint32_t u0, uint32_t u1)
{
	if (u1 <= u0 + 1)
		return true;
	return doc_para_of_token(d, d->unit[u0].tok) ==
		doc_para_of_token(d, d->unit[u1 - 1].tok);
}

/*
 * Slide a deletion or an insertion over the equal run before or after it
 * when the text allows (diff-match-patch's cleanupMerge): "$50 [-million
 * (S$67.5-] million[-)-]" is "$50 million [-(S$67.5 million)-]" read
 * another way.  A change of one side whose last units repeat the whole
 * equal run before it moves left over it, one whose first units repeat
 * the whole equal run after it moves right over it; either way an equal
 * run goes, and only where two changes then meet.  Lossless: as many
 * units kept, as many changed.  Only inside one paragraph on each side, so that no
 * change slides from one paragraph into the next.  Returns whether it
 * slid one.
 */
/*
 * Whether shift_runs() has anything to look at: a deletion or insertion
 * between two equal runs, beside another change.  Without one the runs
 * stay as they are, and are not copied.
 */
static bool
may_shift(const struct runs *rs)
{
	const struct run *v = rs->v;
	size_t k;

	for (k = 1; k + 1 < rs->n; k++)
		if (!v[k].eq && (v[k].a0 == v[k].a1) != (v[k].b0 == v[k].b1) &&
		    v[k - 1].eq && v[k + 1].eq &&
		    ((k >= 2 && !v[k - 2].eq) || (k + 2 < rs->n && !v[k + 2].eq)))
			return true;
	return false;
}

static bool
shift_runs(const struct ctx *c, struct runs *rs)
{
	struct runs out = { 0 };
	bool moved = false;
	size_t k;

	if (!may_shift(rs))
		return false;

	for (k = 0; k < rs->n; k++) {
		struct run r = rs->v[k];

		if (!r.eq && (r.a0 == r.a1) != (r.b0 == r.b1) &&
		    k + 1 < rs->n && rs->v[k + 1].eq && out.n > 0 &&
		    out.v[out.n - 1].eq) {
			struct run *e1 = &out.v[out.n - 1], e2 = rs->v[k + 1];
			bool del = r.a1 > r.a0;
			const struct doc *d = del ? c->a : c->b;
			const struct doc *o = del ? c->b : c->a;
			uint32_t x1 = del ? r.a0 : r.b0;
			uint32_t m = del ? r.a1 - r.a0 : r.b1 - r.b0;
			uint32_t p = e1->a1 - e1->a0, q = e2.a1 - e2.a0;
			uint32_t x0 = x1 - p;

			/* Only where the slide makes two changes one. */
			bool join_left = out.n >= 2 && !out.v[out.n - 2].eq;
			bool join_right = k + 2 < rs->n && !rs->v[k + 2].eq;

			if (join_left && p <= m &&
			    same_folds(d, x1 + m - p, d, x0, p) &&
			    one_para(d, x0, x1 + m) &&
			    one_para(o, del ? e1->b0 : e1->a0,
				     del ? e1->b1 : e1->a1)) {
				/* Left: the equal run before goes. */
				struct run e = *e1;

				out.n--;
				if (del)
					runs_push(&out, false, e.a0, e.a0 + m,
						  e.b0, e.b0);
				else
					runs_push(&out, false, e.a0, e.a0,
						  e.b0, e.b0 + m);
				runs_push(&out, true, del ? e.a0 + m : e.a0,
					  e2.a1, del ? e.b0 : e.b0 + m, e2.b1);
				k++;
				moved = true;
				continue;
			}
			if (join_right && q <= m &&
			    same_folds(d, x1, d, x1 + m, q) &&
			    one_para(d, x1, x1 + m + q) &&
			    one_para(o, del ? e2.b0 : e2.a0,
				     del ? e2.b1 : e2.a1)) {
				/* Right: the equal run after goes. */
				e1->a1 += q;
				e1->b1 += q;
				if (del)
					runs_push(&out, false, r.a0 + q,
						  r.a1 + q, e1->b1, e1->b1);
				else
					runs_push(&out, false, e1->a1, e1->a1,
						  r.b0 + q, r.b1 + q);
				k++;
				moved = true;
				continue;
			}
		}
		runs_push(&out, r.eq, r.a0, r.a1, r.b0, r.b1);
	}
	free(rs->v);
	*rs = out;
	return moved;
}

/*
 * Reordered phrases.  The units of a change looked at are the last
 * REORDER_SPAN before the equality and the first REORDER_SPAN after it:
 * a phrase moves a few words, so a word that comes back further away is
 * no sign of it (and the search stays small).
 */
#define REORDER_SPAN	16

/* Shortest common prefix, in bytes, that makes two words one stem. */
#define STEM_MIN	5

/* The bytes of unit u of d when it is one word, else NULL. */
static const uint8_t *
word_bytes(const struct doc *d, uint32_t u, size_t *len)
{
	const struct token *t = &d->tok[d->unit[u].tok];

	if (unit_ntok(d, &d->unit[u]) != 1 || t->kind != TOK_WORD)
		return NULL;
	*len = t->len;
	return d->text->data + t->off;
}

static uint8_t
ascii_lower(uint8_t ch)
{
	return ch >= 'A' && ch <= 'Z' ? (uint8_t)(ch + 32) : ch;
}

/*
 * Are unit u of d and unit v of e one word, or two forms of one word
 * ("focus" and "focuses", "adversary" and "adversarial")?  The same
 * first STEM_MIN bytes or more, and at most two bytes of the shorter
 * beyond what they share: a crude stem, enough to see a phrase reworded
 * around the word that stayed ("The [-focus of the-] investigation
 * [-is-] {+focuses+}").
 */
static bool
same_stem(const struct doc *d, uint32_t u, const struct doc *e, uint32_t v)
{
	const uint8_t *x, *y;
	size_t nx = 0, ny = 0, k;

	if (d->unit[u].fold == e->unit[v].fold)
		return true;
	x = word_bytes(d, u, &nx);
	y = word_bytes(e, v, &ny);
	if (x == NULL || y == NULL)
		return false;
	for (k = 0; k < nx && k < ny && ascii_lower(x[k]) == ascii_lower(y[k]);
	     k++)
		continue;
	return k >= STEM_MIN && k + 2 >= (nx < ny ? nx : ny);
}

/*
 * Does a content word of d's units [u0, u1), a change before an equal
 * run, come back among e's units [v0, v1), the change after it, as the
 * same word or another form of it?  (A word deleted on one side of an
 * equality and inserted on the other: the phrase around the equality
 * was reordered.)
 */
static bool
content_in(const struct ctx *c, const struct doc *d, uint32_t u0, uint32_t u1,
	   const struct doc *e, uint32_t v0, uint32_t v1)
{
	uint32_t u, v;

	if (u1 - u0 > REORDER_SPAN)
		u0 = u1 - REORDER_SPAN;
	if (v1 - v0 > REORDER_SPAN)
		v1 = v0 + REORDER_SPAN;
	for (u = u0; u < u1; u++) {
		if (c->weight[d->unit[u].strict] != W_CONTENT)
			continue;
		for (v = v0; v < v1; v++)
			if (same_stem(d, u, e, v))
				return true;
	}
	return false;
}

/*
 * Is equal run r, between changes p and n, a phrase's word left in place
 * while the words around it were reordered: "[-Commerce-] Department {+of
 * Commerce+}", "[-access by-] US users {+' access+}"?
 */
static bool
reordered(const struct ctx *c, const struct run *p, const struct run *n)
{
	return content_in(c, c->a, p->a0, p->a1, c->b, n->b0, n->b1) ||
		content_in(c, c->b, p->b0, p->b1, c->a, n->a0, n->a1);
}

/* Words (word and number units) of run r, in A. */
static unsigned
run_words(const struct ctx *c, const struct run *r)
{
	unsigned n = 0;
	uint32_t u;

	for (u = r->a0; u < r->a1; u++) {
		uint8_t k = c->a->tok[c->a->unit[u].tok].kind;

		n += k == TOK_WORD || k == TOK_NUMBER;
	}
	return n;
}

/* Does token t of d begin a sentence (nothing but quotes or brackets
 * between it and a full stop, ! or ?, or the start of a paragraph)? */
static bool
sentence_start(const struct doc *d, uint32_t t)
{
	while (t-- > 0) {
		const struct token *x = &d->tok[t];
		uint8_t ch = d->text->data[x->off];

		if (x->kind == TOK_BREAK)
			return true;
		if (x->kind == TOK_SPACE)
			continue;
		if (x->kind != TOK_PUNCT)
			return false;
		if (ch == '.' || ch == '!' || ch == '?')
			return true;
		if (ch != '"' && ch != '\'' && ch != '(' && ch != '[' &&
		    ch < 0x80)
			return false;
	}
	return true;
}

/*
 * Is unit u of d an anchor, a kept word a reader relies on: a figure, a
 * number word, or a capitalised content word inside a sentence (a name,
 * a place, a month)?  An equal run holding one is never folded into the changes
 * around it for weighing little ("took office [-last-] {+in+} January
 * {+2021+}"), only as part of a reordered phrase.
 */
static bool
anchor(const struct ctx *c, const struct doc *d, uint32_t u)
{
	const struct unit *x = &d->unit[u];
	const struct token *t = &d->tok[x->tok];
	const uint8_t *s = d->text->data + t->off;
	size_t i;
	ucs4_t uc;
	bool upper;

	if (t->kind == TOK_NUMBER)
		return true;
	if (t->kind != TOK_WORD)
		return false;
	for (i = 0; i < t->len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return true;
	if (s[0] < 0x80) {	/* uc_is_upper, without the call */
		upper = s[0] >= 'A' && s[0] <= 'Z';
	} else {
		u8_mbtouc(&uc, s, t->len);
		upper = uc_is_upper(uc);
	}
	if (upper && c->weight[x->strict] == W_CONTENT &&
	    !sentence_start(d, x->tok))
		return true;
	return unit_ntok(d, x) <= 1 && number_word(s, t->len);
}

/* Does equal run r hold an anchor, on either side (so that the result
 * does not depend on which version is read as A)? */
static bool
has_anchor(const struct ctx *c, const struct run *r)
{
	uint32_t u;

	for (u = r->a0; u < r->a1; u++)
		if (anchor(c, c->a, u))
			return true;
	for (u = r->b0; u < r->b1; u++)
		if (anchor(c, c->b, u))
			return true;
	return false;
}

/* From this weight, on its heavier side, a change is a rewrite. */
#define REWRITE_WEIGHT	(3 * W_CONTENT)

/* Is change r light: at most one function word (or only punctuation)
 * on each side? */
static bool
light(const struct ctx *c, const struct run *r)
{
	return weight_sum(c, c->a, r->a0, r->a1) <= W_FUNCTION &&
		weight_sum(c, c->b, r->b0, r->b1) <= W_FUNCTION;
}

/* The units [*u0, *u1) of the sentence of d holding unit u. */
static void
sentence_units(const struct doc *d, uint32_t u, uint32_t *u0, uint32_t *u1)
{
	uint32_t t = d->unit[u].tok;
	const struct sentence *s =
		&d->sent[doc_sentence_of_token(d, doc_para_of_token(d, t), t)];

	*u0 = s->unit;
	*u1 = s->unit + s->nunit;
}

/* Do units [u0, u1) of d weigh nothing (punctuation only)?  Stops at the
 * first that weighs, so a long sentence costs no more than its tail. */
static bool
weightless(const struct ctx *c, const struct doc *d, uint32_t u0, uint32_t u1)
{
	for (; u0 < u1; u0++)
		if (c->weight[d->unit[u0].strict] != W_PUNCT)
			return false;
	return true;
}

/*
 * Does change x run to the end of the sentence of equal run r, before
 * which it stands, on both sides (after: true), or from the start of
 * the sentence to r?  Punctuation left over does not count.
 */
static bool
to_bound(const struct ctx *c, const struct run *r, const struct run *x,
	 bool after)
{
	uint32_t s0, s1;

	sentence_units(c->a, after ? r->a1 - 1 : r->a0, &s0, &s1);
	if (after ? x->a1 < s1 && !weightless(c, c->a, x->a1, s1) :
	    x->a0 > s0 && !weightless(c, c->a, s0, x->a0))
		return false;
	sentence_units(c->b, after ? r->b1 - 1 : r->b0, &s0, &s1);
	return after ? x->b1 >= s1 || weightless(c, c->b, x->b1, s1) :
		x->b0 <= s0 || weightless(c, c->b, s0, x->b0);
}

/*
 * Is equal run r (one word, weight we, no anchor) a word left at the
 * seam of a rewrite?  The change on one side of it is
 * a rewrite (REWRITE_WEIGHT), and the change on its other side is
 * light ("it [-would-] {+will+} damage [-the bottom line of ...-]"), or
 * weighs no more than r while the rewrite runs on to the end of the
 * sentence on both sides ("could [-gain-] access [-to it, according to
 * ...-]"): the word reads as part of the rewrite.  A word between two
 * substitutions inside a sentence stays, whatever their length, and so
 * does a phrase ("[-... nearer-] {+... closer+} to home [-following-]
 * {+after+}").
 */
static bool
seam(const struct ctx *c, const struct run *r, const struct run *p,
     const struct run *n, unsigned we, unsigned before, unsigned after)
{
	if (run_words(c, r) != 1 || has_anchor(c, r))
		return false;
	if (after >= REWRITE_WEIGHT &&
	    (light(c, p) || (before <= we && to_bound(c, r, n, true))))
		return true;
	return before >= REWRITE_WEIGHT &&
		(light(c, n) || (after <= we && to_bound(c, r, p, false)));
}

/*
 * Is equal run r (no anchor) a phrase that a light word crossed: one
 * function word deleted on one side of it and one inserted on the other
 * ("which [-can-] in turn {+may+} be")?  The word moved, and changed on
 * the way: "which [-can in turn-] {+in turn may+} be".
 */
static bool
swapped(const struct ctx *c, const struct run *r, const struct run *p,
	const struct run *n)
{
	bool pdel = p->a1 > p->a0 && p->b1 == p->b0;
	bool pins = p->b1 > p->b0 && p->a1 == p->a0;
	bool ndel = n->a1 > n->a0 && n->b1 == n->b0;
	bool nins = n->b1 > n->b0 && n->a1 == n->a0;

	return ((pdel && nins) || (pins && ndel)) &&
		weight_sum(c, c->a, p->a0, p->a1) + weight_sum(c, c->b, p->b0,
		p->b1) == W_FUNCTION &&
		weight_sum(c, c->a, n->a0, n->a1) + weight_sum(c, c->b, n->b0,
		n->b1) == W_FUNCTION &&
		!has_anchor(c, r);
}

/*
 * Is equal run k of rs, between the change w-1 before it (runs before
 * k are already folded, to w) and the change k+1 after it, a stray to
 * fold?  core: the changes' weights as neighbours (fold_runs).
 */
static bool
stray_at(const struct ctx *c, const struct runs *rs, const unsigned *core,
	 size_t w, size_t k)
{
	const struct run *r = &rs->v[k], *p = &rs->v[w - 1], *n = &rs->v[k + 1];
	unsigned we = weight_sum(c, c->a, r->a0, r->a1);
	unsigned before = core[w - 1], after = core[k + 1];
	unsigned lim = before < after ? before : after;
	unsigned content = content_words(c, r->a0, r->a1);
	const struct run *e2, *n2;

	if (content > STRAY_WORDS)
		return false;
	if ((we < lim || (we == lim && !content)) && !has_anchor(c, r))
		return true;
	if (run_words(c, r) > 2)
		return false;
	if (reordered(c, p, n))
		return true;
	if (seam(c, r, p, n, we, run_weight(c, p), run_weight(c, n)))
		return true;
	if (swapped(c, r, p, n))
		return true;
	/*
	 * The phrase reordered across a light change too: "a {+national
	 * security+} risk to {+the+} US [-national security-]".
	 */
	if (after > W_FUNCTION || k + 3 >= rs->n)
		return false;
	e2 = &rs->v[k + 2];
	n2 = &rs->v[k + 3];
	return e2->eq && !n2->eq && run_words(c, e2) <= 2 &&
		content_words(c, e2->a0, e2->a1) <= STRAY_WORDS &&
		reordered(c, p, n2);
}

/*
 * What fold_runs knows of each run from its last pass (fl, by the
 * index the run has now): RUN_GREW, a change that a fold grew in that
 * pass (or, for the runs this pass has written, in this one); RUN_KEPT,
 * an equal run stray_at kept.  stray_at reads only the change before
 * the run, the run and the three runs after it, and their weights as
 * neighbours (core); a kept run is kept again when none of them grew
 * since, for then each is the run it read: a change is only ever grown
 * by a fold, never moved past, and an equal run only folded into the
 * change before it, which grows that.  So a pass checks again only the
 * runs next to a fold of the pass before.
 */
#define RUN_GREW	1
#define RUN_KEPT	2

/* Does equal run k, after change w-1 of this pass, read what it read
 * when stray_at kept it in the last pass? */
static bool
same_stray(const uint8_t *fl, size_t n, size_t w, size_t k)
{
	size_t i;

	if (!(fl[k] & RUN_KEPT) || (fl[w - 1] & RUN_GREW))
		return false;
	for (i = k + 1; i < n && i <= k + 3; i++)
		if (fl[i] & RUN_GREW)
			return false;
	return true;
}

/*
 * Semantic clean-up, after diff-match-patch's cleanupSemantic, on word
 * weights: a short equal run (at most STRAY_WORDS content words) between
 * two changes is folded into them when it weighs no more than the larger
 * side of the change on each side of it, and strictly less when it holds
 * a content word.  So "the" or "of" left between rewritten phrases joins
 * the change, while a real word shared between two one-word substitutions
 * stays visible, and so does any longer shared phrase, and any run that
 * holds an anchor (a figure, a number word, a name: anchor()).  A change
 * that grew only by function words folded into it weighs, as a neighbour
 * here, what its heaviest part weighs: "the" folded between two one-word
 * substitutions does not make of them a rewrite that swallows the next
 * real word (a text reworded in place keeps its words).  An equal
 * run of one or two words around which the phrase was reordered (a
 * content word of the change before it comes back on the other side in
 * the change after it, or in the one after that when a light change
 * stands between, as the same word or another form of it: "[-Commerce-]
 * Department {+of Commerce+}", "The [-focus of the-] investigation [-is-]
 * {+focuses+}") is folded too, so the reordered phrase reads as one
 * change: "[-Commerce Department-] {+Department of Commerce+}".  So is a
 * word left at the seam of a rewrite (seam()) and a phrase that a
 * function word crossed (swapped()).  An editor reading the result sees
 * each rewritten stretch once, and inside it only the words that tell
 * something; the seeds' count of one- and two-word equal runs between
 * changes (tests/bench/stray.py) is the measure.  Contract: the runs
 * still cover the same units in order; only equal runs turn into changes,
 * never the reverse, so the result is less minimal, never wrong.
 *
 * The similarity (block and comparison) is counted after this, from the
 * ops as they are shown, on purpose: then the similarity, --stat's word
 * counts and --json's ops count the same words as kept, and a consumer
 * can recompute one from the others; and a folded equality is by the
 * rule above no correspondence (a function word, or a word outweighed by
 * the changes on both sides of it, inside rewritten text), so counting it
 * as kept would overstate how much of a rewritten passage survived.  A
 * clean-up that changes similarities much is folding real matches, which
 * is the thing to fix, not the place the similarity is counted.
 */
static void
fold_runs(const struct ctx *c, struct runs *rs)
{
	unsigned *core = xmalloc((rs->n + 1) * sizeof *core);
	uint8_t *fl = xmalloc(rs->n + 1);
	bool changed = true;
	size_t k;
	int pass;

	for (k = 0; k < rs->n; k++) {
		core[k] = rs->v[k].eq ? 0 : run_weight(c, &rs->v[k]);
		fl[k] = 0;
	}
	for (pass = 0; changed && pass < 8; pass++) {
		size_t w = 0;

		changed = false;
		for (k = 0; k < rs->n; k++) {
			struct run *r = &rs->v[k];
			uint8_t f = 0;

			if (r->eq && w > 0 && k + 1 < rs->n &&
			    !rs->v[w - 1].eq && !rs->v[k + 1].eq) {
				if (!same_stray(fl, rs->n, w, k) &&
				    stray_at(c, rs, core, w, k)) {
					/*
					 * Fold r and the next change into
					 * w-1, whose weight as a neighbour
					 * (core) stays that of its heaviest
					 * part while only function words
					 * join it.
					 */
					rs->v[w - 1].a1 = rs->v[k + 1].a1;
					rs->v[w - 1].b1 = rs->v[k + 1].b1;
					if (content_words(c, r->a0, r->a1) > 0)
						core[w - 1] = run_weight(c,
								&rs->v[w - 1]);
					else if (core[k + 1] > core[w - 1])
						core[w - 1] = core[k + 1];
					fl[w - 1] = RUN_GREW;
					k++;
					changed = true;
					continue;
				}
				f = RUN_KEPT;
			}
			core[w] = core[k];
			fl[w] = f;
			rs->v[w++] = *r;
		}
		rs->n = w;
	}
	free(fl);
	free(core);
}

/*
 * The clean-up of a block's runs: changes slid over equal text where that
 * joins them (shift_runs), then stray equalities folded (fold_runs).
 */
void
cleanup_runs(const struct ctx *c, struct runs *rs)
{
	int pass;

	for (pass = 0; pass < 4 && shift_runs(c, rs); pass++)
		continue;
	fold_runs(c, rs);
}

/* --- equal units that differ in white space -------------------------------- */

/*
 * Bytes [*s, *e) of d between unit u and unit u + 1, and whether they
 * hold a paragraph break.
 */
static bool
gap_of(const struct doc *d, uint32_t u, size_t *s, size_t *e)
{
	const struct unit *x = &d->unit[u];
	const struct token *l = &d->tok[unit_last_tok(d, x)];
	uint32_t t, t1 = d->unit[u + 1].tok;
	bool brk = false;

	*s = l->off + l->len;
	*e = d->tok[t1].off;
	for (t = unit_end_tok(d, x); t < t1 && !brk; t++)
		brk = d->tok[t].kind == TOK_BREAK;
	return brk;
}

/* The byte at *i of s[.. e), a line end ("\r\n", "\r") read as "\n". */
static int
gap_byte(const uint8_t *s, size_t *i, size_t e)
{
	uint8_t ch = s[(*i)++];

	if (ch == '\r') {
		if (*i < e && s[*i] == '\n')
			(*i)++;
		ch = '\n';
	}
	return ch;
}

/*
 * Is the white space after unit ua of A the same as after unit ub of B,
 * both followed by units?  Line ends are the same in any style (CRLF,
 * LF, CR: a copy saved on another system is the same text), and two
 * paragraph breaks are the same whatever their blank lines: they part
 * the same paragraphs.  (same_gap() below answers first where the bytes
 * are the same.)
 */
static bool __attribute__((noinline))
same_gap_read(const struct ctx *c, uint32_t ua, uint32_t ub)
{
	size_t as, ae, bs, be;
	bool abrk = gap_of(c->a, ua, &as, &ae);
	bool bbrk = gap_of(c->b, ub, &bs, &be);

	if (abrk && bbrk)
		return true;
	while (as < ae && bs < be)
		if (gap_byte(c->a->text->data, &as, ae) !=
		    gap_byte(c->b->text->data, &bs, be))
			return false;
	return as == ae && bs == be;
}

static inline bool
same_gap(const struct ctx *c, uint32_t ua, uint32_t ub)
{
	const struct unit *x = &c->a->unit[ua], *y = &c->b->unit[ub];
	const struct token *l = &c->a->tok[unit_last_tok(c->a, x)];
	const struct token *m = &c->b->tok[unit_last_tok(c->b, y)];
	size_t as = l->off + l->len, bs = m->off + m->len;
	size_t ae = c->a->tok[x[1].tok].off, be = c->b->tok[y[1].tok].off;

	/* The same bytes (mostly one space) are the same gap. */
	if (ae - as == be - bs &&
	    (ae - as == 1 ? c->a->text->data[as] == c->b->text->data[bs] :
	     memcmp(c->a->text->data + as, c->b->text->data + bs,
		    ae - as) == 0))
		return true;
	return same_gap_read(c, ua, ub);
}

/*
 * Whether units ua of A and ub of B, equal by their strict keys (which
 * say what the options make a difference: not case under --ignore-case),
 * have the same white space before them (when `before`: the unit before
 * is in the same equal run) and after them (`after`).  Not, when only
 * white space tells them apart: `) ,` against `),`, `rock - bottom`
 * against `rock-bottom`, a space against a line break.  Such a
 * difference is cosmetic (align.c's emit_equal), as --json's bytes say;
 * with --ignore-punct, punctuation between units is not compared.
 */
bool
runs_exact(const struct ctx *c, uint32_t ua, uint32_t ub, bool before,
	   bool after)
{
	if (c->a->ignore_punct || c->b->ignore_punct)
		return true;
	if (before && !same_gap(c, ua - 1, ub - 1))
		return false;
	return !after || same_gap(c, ua, ub);
}

/*
 * How many of the n units from ua of A and ub of B are equal by their
 * strict keys with the same white space after them (runs_exact), the
 * last of the n needing none: the stretch emit_equal() keeps EQUAL at
 * once where the white space before ua and ub is the same too.
 */
uint32_t
runs_exact_stretch(const struct ctx *c, uint32_t ua, uint32_t ub, uint32_t n)
{
	const struct unit *x = c->a->unit + ua, *y = c->b->unit + ub;
	bool gaps = !c->a->ignore_punct && !c->b->ignore_punct;
	uint32_t k;

	for (k = 0; k < n; k++)
		if (x[k].strict != y[k].strict ||
		    (gaps && k + 1 < n && !same_gap(c, ua + k, ub + k)))
			break;
	return k;
}

/* --- change runs that only move punctuation or hyphens -------------------- */

/* The letters and the punctuation of a run's side, apart. */
struct squash {
	uint32_t *l, *p, *c;	/* letters, marks, lone comma tokens */
	size_t nl, np, nc, capl, capp, capc;
};

/* The same mark however typeset: curly quotes as straight ones. */
static uint32_t
mark_of(uint32_t uc)
{
	switch (uc) {
	case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032:
		return '\'';
	case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x00ab:
	case 0x00bb: case 0x2033:
		return '"';
	default:
		return uc;
	}
}

/* Is uc a hyphen, a dash or a space, which join or part words? */
static bool
joiner(uint32_t uc)
{
	return uc == '-' || (uc >= 0x2010 && uc <= 0x2015) || uc == 0x00ad ||
	    uc == 0x00a0 || uc == 0x200b || uc == 0x2009 || uc == 0x202f ||
	    uc == ' ' || uc == '\t' || uc == '\n' || uc == '\r';
}

/*
 * Is token t of d a comma standing alone?  A comma added or dropped
 * between words that stay (the serial comma, "companies, including") is
 * punctuation placed, as a full stop moved inside a quote is; a comma
 * that becomes a full stop or a word is not, since the other side then
 * differs in that mark or in its letters, and a comma inside a token
 * ("1,5" against "15") is part of a number.
 */
static bool
lone_comma(const struct doc *d, uint32_t t)
{
	const uint8_t *s = d->text->data + d->tok[t].off;
	size_t len = d->tok[t].len;

	return (len == 1 && s[0] == ',') ||
	    (len == 3 && (memcmp(s, "\xe3\x80\x81", 3) == 0 ||
			  memcmp(s, "\xef\xbc\x8c", 3) == 0));
}

/* How far back a comma's quotation is looked for (see quoted). */
#define QUOTE_REACH	4096

/*
 * Might token t of d lie inside a quotation?  Somebody's words keep
 * their commas: a comma dropped inside quotation marks is a change of
 * wording (facts.c, "quote").  Counted from the start of its paragraph:
 * an odd number of straight double quotes, or more opening curly marks
 * than closing ones.  A paragraph that starts further back than
 * QUOTE_REACH bytes is taken as quoted, so that the test stays cheap.
 */
static bool
quoted(const struct doc *d, uint32_t t)
{
	const struct para *pa = &d->para[doc_para_of_token(d, t)];
	const uint8_t *s = d->text->data + pa->start;
	const uint8_t *e = d->text->data + d->tok[t].off;
	unsigned straight = 0;
	int depth = 0;
	ucs4_t uc;
	int n;

	if (e - s > QUOTE_REACH)
		return true;
	for (; s < e; s += n) {
		n = u8_mbtouc(&uc, s, (size_t)(e - s));
		if (uc == '"')
			straight++;
		else if (uc == 0x201c || uc == 0x201e || uc == 0x00ab ||
			 uc == 0x2018 || uc == 0x201a || uc == 0x2039)
			depth++;
		else if (uc == 0x201d || uc == 0x00bb || uc == 0x203a)
			depth--;
	}
	return straight % 2 == 1 || depth > 0;
}

static void
squash_units(struct squash *q, const struct doc *d, uint32_t u0, uint32_t u1)
{
	uint32_t u, t;

	for (u = u0; u < u1; u++)
		for (t = d->unit[u].tok; t < unit_end_tok(d, &d->unit[u]);
		     t++) {
			const uint8_t *s = d->text->data + d->tok[t].off;
			const uint8_t *e = s + d->tok[t].len;
			ucs4_t uc;
			int n;

			if (lone_comma(d, t)) {
				q->c = xgrow(q->c, &q->capc, q->nc + 1,
					     sizeof *q->c);
				q->c[q->nc++] = t;
				continue;
			}
			for (; s < e; s += n) {
				n = u8_mbtouc(&uc, s, (size_t)(e - s));
				if (joiner(uc))
					continue;
				if (uc_is_punct(uc) && !uc_is_alnum(uc)) {
					q->p = xgrow(q->p, &q->capp, q->np + 1,
						     sizeof *q->p);
					q->p[q->np++] = mark_of(uc);
				} else {
					q->l = xgrow(q->l, &q->capl, q->nl + 1,
						     sizeof *q->l);
					q->l[q->nl++] = uc_tolower(uc);
				}
			}
		}
}

/* No letter: the end of a walk over letters. */
#define NO_LETTER	UINT32_MAX

/* A walk over the letters that squash_units() keeps of units [u, u1). */
struct letters {
	const struct doc *d;
	uint32_t u, u1, t, tend;
	const uint8_t *s, *e;
};

static void
letters_init(struct letters *w, const struct doc *d, uint32_t u0,
	     uint32_t u1)
{
	*w = (struct letters){ d, u0, u1, 0, 0, NULL, NULL };
	if (u0 < u1) {
		w->t = d->unit[u0].tok;
		w->tend = w->t;
	}
}

/* The next letter, lower-cased as squash_units() has it, or NO_LETTER. */
static uint32_t
letters_next(struct letters *w)
{
	const struct doc *d = w->d;

	for (;;) {
		while (w->s < w->e) {
			uint8_t ch = *w->s;
			ucs4_t uc;

			if (ch < 0x80) {
				/* ASCII: uc_is_punct is ispunct, uc_tolower
				 * is tolower; joiner() as there. */
				w->s++;
				if (ch == '-' || ch == ' ' || ch == '\t' ||
				    ch == '\n' || ch == '\r' ||
				    (ch >= 0x21 && ch <= 0x2f) ||
				    (ch >= 0x3a && ch <= 0x40) ||
				    (ch >= 0x5b && ch <= 0x60) ||
				    (ch >= 0x7b && ch <= 0x7e))
					continue;
				return ch >= 'A' && ch <= 'Z' ? ch + 32u : ch;
			}
			w->s += u8_mbtouc(&uc, w->s, (size_t)(w->e - w->s));
			if (joiner(uc) || (uc_is_punct(uc) && !uc_is_alnum(uc)))
				continue;
			return uc_tolower(uc);
		}
		/* The next token, of this unit or the next. */
		while (w->t == w->tend) {
			if (w->u >= w->u1)
				return NO_LETTER;
			w->t = d->unit[w->u].tok;
			w->tend = unit_end_tok(d, &d->unit[w->u]);
			w->u++;
		}
		if (!lone_comma(d, w->t)) {
			w->s = d->text->data + d->tok[w->t].off;
			w->e = w->s + d->tok[w->t].len;
		}
		w->t++;
	}
}

/* Have the two sides of run r the same letters, in the same order? */
static bool
same_letters(const struct ctx *c, const struct run *r)
{
	struct letters x, y;
	uint32_t l;

	letters_init(&x, c->a, r->a0, r->a1);
	letters_init(&y, c->b, r->b0, r->b1);
	do {
		l = letters_next(&x);
		if (l != letters_next(&y))
			return false;
	} while (l != NO_LETTER);
	return true;
}

static int
cmp_u32(const void *x, const void *y)
{
	uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;

	return p < q ? -1 : p > q;
}

/*
 * Does change run r only join or part words with hyphens and spaces
 * ("fourth largest" / "fourth-largest", "non-existence" / "nonexistence",
 * "rock - bottom" / "rock-bottom") or move punctuation among them (a full
 * stop moved inside the closing quote: `".` / `.”`), or add or drop a
 * comma ("companies{+,+} including")?  The same letters in the same order
 * on both sides, case aside, and the same marks but commas in any order,
 * curly and straight quotes alike.  Such a change is cosmetic.
 */
bool
runs_cosmetic(const struct ctx *c, const struct run *r)
{
	struct squash x = { 0 }, y = { 0 };
	bool same;

	/* Most changes change letters: known without squashing them. */
	if (!same_letters(c, r))
		return false;
	squash_units(&x, c->a, r->a0, r->a1);
	squash_units(&y, c->b, r->b0, r->b1);
	same = x.nl == y.nl && x.np == y.np &&
	    (x.nl == 0 || memcmp(x.l, y.l, x.nl * sizeof *x.l) == 0);
	if (same && x.np > 0) {
		qsort(x.p, x.np, sizeof *x.p, cmp_u32);
		qsort(y.p, y.np, sizeof *y.p, cmp_u32);
		same = memcmp(x.p, y.p, x.np * sizeof *x.p) == 0;
	}
	/* Commas added or dropped: none of them inside a quotation. */
	if (same && x.nc != y.nc) {
		size_t i;

		for (i = 0; same && i < x.nc; i++)
			same = !quoted(c->a, x.c[i]);
		for (i = 0; same && i < y.nc; i++)
			same = !quoted(c->b, y.c[i]);
	}
	free(x.l);
	free(x.p);
	free(x.c);
	free(y.l);
	free(y.p);
	free(y.c);
	return same;
}
