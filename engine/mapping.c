/*
 * mapping.c — mapping the sentences of a rewrite onto the original by the
 * facts they share (see mapping.h).
 *
 * Cost: one pass over A to count how many sentences carry each mark and
 * to index them, one pass over B looking its marks up.  A mark found in
 * more than POSTING_MAX sentences of A ("Alibaba" in every other
 * sentence) does not tell sentences apart, so it is not looked up: that
 * keeps the work linear however repetitive the text.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "align.h"
#include "diffseq.h"
#include "mapping.h"
#include "xalloc.h"

#define W_NUMBER	3
#define W_NAME		2
#define W_RARE		1
#define RARE_DF		2	/* a rare word is in at most this many A sentences */
#define POSTING_MAX	64

struct mark {
	uint32_t fold;
	uint8_t w;
	bool fact;		/* a number or a name */
};

/*
 * The weight of each distinct unit, worked out once: by strict id (+ 1;
 * 0 not yet known), as weight.c keeps it, so that it never depends on
 * which unit of a fold class came first.
 */
struct cache {
	uint8_t *weight;
	uint32_t nstrict;
};

static inline bool
capitalised(const struct doc *d, uint32_t u)
{
	const struct unit *un = &d->unit[u];
	const struct token *t = &d->tok[un->tok];
	ucs4_t uc;

	if (t->kind != TOK_WORD || unit_ntok(d, un) > 1)
		return false;
	if (d->text->data[t->off] < 0x80) {
		uint8_t ch = d->text->data[t->off];

		return ch >= 'A' && ch <= 'Z';
	}
	u8_mbtouc(&uc, d->text->data + t->off, t->len);
	return uc_is_upper(uc) || uc_is_property_titlecase(uc);
}

static inline unsigned
weight(struct cache *c, const struct doc *d, uint32_t u)
{
	uint32_t s = d->unit[u].strict;
	unsigned w;

	if (s < c->nstrict && c->weight[s])
		return c->weight[s] - 1u;
	w = align_unit_weight(d, u);
	if (s < c->nstrict)
		c->weight[s] = (uint8_t)(w + 1);
	return w;
}

/* What each unit is, worked out once per unit (see unit_classes). */
#define CLS_WORD	1	/* a TOK_WORD */
#define CLS_NUMBER	2	/* a TOK_NUMBER */
#define CLS_CAP		4	/* capitalised, a single token */
#define CLS_CONTENT	8	/* a content word (align_unit_weight), known
				 * for a capitalised or long word only */
#define CLS_LONG	16	/* four bytes or more */

/*
 * Only the units of sentences that are traced (not skip) are ever asked
 * about; the others are left 0.
 */
static uint8_t *
unit_classes(struct cache *c, const struct doc *d, const uint8_t *skip)
{
	uint8_t *cls = xcalloc(d->nunit + 1, 1);
	size_t i, u;

	for (i = 0; i < d->nsent; i++) {
		const struct sentence *s = &d->sent[i];

		if (skip[i])
			continue;
		for (u = s->unit; u < (size_t)s->unit + s->nunit; u++) {
			const struct token *t = &d->tok[d->unit[u].tok];
			uint8_t k = t->len >= 4 ? CLS_LONG : 0;

			if (t->kind == TOK_NUMBER)
				k |= CLS_NUMBER;
			if (t->kind != TOK_WORD) {
				cls[u] = k;
				continue;
			}
			k |= CLS_WORD;
			if (capitalised(d, (uint32_t)u))
				k |= CLS_CAP;
			/* Asked of capitalised or long words only. */
			if ((k & (CLS_CAP | CLS_LONG)) &&
			    weight(c, d, (uint32_t)u) == ALIGN_W_CONTENT)
				k |= CLS_CONTENT;
			cls[u] = k;
		}
	}
	return cls;
}

/*
 * Mark the fold ids of words capitalised inside a sentence: names.  A
 * capitalised word that is its sentence's first is a name only when it is
 * one of these, as "Brandt" in "Brandt said".
 */
static void
find_names(const struct doc *d, const uint8_t *cls, const uint8_t *skip,
	   uint8_t *names)
{
	size_t i;
	uint32_t u;

	for (i = 0; i < d->nsent; i++) {
		const struct sentence *s = &d->sent[i];

		if (skip[i])
			continue;
		for (u = s->unit + 1; u < s->unit + s->nunit; u++)
			if ((cls[u] & (CLS_CAP | CLS_CONTENT)) ==
			    (CLS_CAP | CLS_CONTENT))
				names[d->unit[u].fold] = 1;
	}
}

/* The marks of sentence s; df (by fold id) decides which words are rare. */
static size_t
sentence_marks(const struct doc *d, const uint8_t *cls,
	       const struct sentence *s, const uint16_t *df,
	       const uint8_t *names, uint32_t nid, struct mark **out,
	       size_t *cap, size_t at)
{
	uint32_t u;
	size_t n = 0;

	/* At most one mark a unit: room for all at once. */
	*out = xgrow(*out, cap, at + s->nunit + 1, sizeof **out);
	for (u = s->unit; u < s->unit + s->nunit; u++) {
		uint32_t f = d->unit[u].fold;
		uint8_t k = cls[u];
		struct mark m = { f, 0, false };

		if (k & CLS_NUMBER) {
			m.w = W_NUMBER;
			m.fact = true;
		} else if ((k & CLS_CAP) && (u != s->unit ||
					     (f < nid && names[f]))) {
			m.w = W_NAME;
			m.fact = true;
		} else if ((k & (CLS_WORD | CLS_LONG | CLS_CONTENT)) ==
			   (CLS_WORD | CLS_LONG | CLS_CONTENT) && f < nid &&
			   df[f] > 0 && df[f] <= RARE_DF) {
			m.w = W_RARE;
		} else {
			continue;
		}
		(*out)[at + n++] = m;
	}
	return n;
}

static size_t
sentence_words(const struct doc *d, const struct sentence *s)
{
	uint32_t k;
	size_t n = 0;

	for (k = s->tok; k < s->tok + s->ntok; k++)
		n += d->tok[k].kind == TOK_WORD || d->tok[k].kind == TOK_NUMBER;
	return n;
}

/* Share of content words two sentences keep, by a word diff. */
static double
content_similarity(struct cache *c, const struct doc *a,
		   const struct sentence *sa, const struct doc *b,
		   const struct sentence *sb)
{
	uint32_t *x = xmalloc((sa->nunit + 1) * sizeof *x);
	uint32_t *y = xmalloc((sb->nunit + 1) * sizeof *y);
	bool *dx, *dy;
	size_t n = 0, m = 0, i, kept = 0;
	uint32_t u;

	for (u = sa->unit; u < sa->unit + sa->nunit; u++)
		if (weight(c, a, u) == ALIGN_W_CONTENT)
			x[n++] = a->unit[u].fold;
	for (u = sb->unit; u < sb->unit + sb->nunit; u++)
		if (weight(c, b, u) == ALIGN_W_CONTENT)
			y[m++] = b->unit[u].fold;
	dx = xcalloc(n + 1, 1);
	dy = xcalloc(m + 1, 1);
	if (n && m)
		diffseq(x, n, y, m, dx, dy, NULL);
	for (i = 0; i < n; i++)
		kept += !dx[i] && m > 0;
	free(x);
	free(y);
	free(dx);
	free(dy);
	return n + m ? 2.0 * kept / (double)(n + m) : 1.0;
}

/* Every number and name of A's sentence is among B's sentence's marks. */
static bool
facts_survive(const struct mark *ma, size_t na, const struct mark *mb,
	      size_t nb)
{
	size_t i, j;

	for (i = 0; i < na; i++) {
		if (!ma[i].fact)
			continue;
		for (j = 0; j < nb && mb[j].fold != ma[i].fold; j++)
			;
		if (j == nb)
			return false;
	}
	return true;
}

/*
 * Which sentences of the paragraphs in equal blocks of one side: those
 * are carried as they are and left out of the mapping.  *equal_words (if
 * not NULL) gets the words of those paragraphs, whole ones included.
 */
static uint8_t *
equal_sentences(const struct alignment *al, bool side_b, size_t *equal_words)
{
	const struct doc *d = side_b ? al->b : al->a;
	uint8_t *skip = xcalloc(d->nsent + 1, 1);
	size_t k, p, t, words = 0;

	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];
		uint32_t p0 = side_b ? bl->b : bl->a;
		uint32_t np = side_b ? bl->nb : bl->na;

		if (bl->kind != BLOCK_EQUAL)
			continue;
		for (p = p0; p < (size_t)p0 + np; p++) {
			const struct para *pa = &d->para[p];

			memset(skip + pa->sent, 1, pa->nsent);
			if (equal_words == NULL)
				continue;
			if (doc_para_whole(d, p))
				words += d->pword[p];
			else
				for (t = pa->tok; t < (size_t)pa->tok + pa->ntok;
				     t++)
					words += d->tok[t].kind == TOK_WORD ||
					    d->tok[t].kind == TOK_NUMBER;
		}
	}
	if (equal_words != NULL)
		*equal_words = words;
	return skip;
}

/*
 * The state of one mapping_build, handed from phase to phase: what each
 * unit is, which sentences need no tracing, and A's marks with their index.
 */
struct mapper {
	const struct doc *a, *b;
	struct cache c;
	uint32_t nid;		/* fold ids are below this */
	uint8_t *cls_a, *cls_b;	/* unit_classes */
	uint8_t *skip_a, *skip_b;	/* equal_sentences */
	size_t equal_a;		/* words of A's skipped sentences */
	uint8_t *names;		/* by fold id: a name */
	uint16_t *df;		/* by fold id: A sentences holding it */
	uint32_t *seen;		/* by fold id: scratch */
	/* A's marks; sentence i's are marks[amark[i] .. amark[i + 1]). */
	struct mark *marks;
	size_t capm;
	size_t *amark;
	/* The A sentences holding mark f: post[start[f] .. start[f + 1]). */
	uint32_t *start, *post;
	/* Progress: sentences gone through, of all the passes' (mapper_tick). */
	const struct align_progress *pg;
	size_t done, total;
};

/*
 * n more sentences gone through.  Each pass over A's or B's sentences
 * counts them: five over A (equal, classes, names, counts, index) and
 * four over B (equal, classes, names, trace).
 */
static void
mapper_tick(struct mapper *mp, size_t n)
{
	struct align_step at = { ALIGN_TRACE, mp->a, mp->b, 0, mp->total,
				 false };

	mp->done += n;
	if (mp->pg == NULL)
		return;
	at.done = mp->done < mp->total ? mp->done : mp->total;
	mp->pg->fn(mp->pg->arg, &at);
}

/* Phase 1: the ids' bounds, each unit's class, what to skip, the names. */
static void
mapper_init(struct mapper *mp, const struct alignment *al,
	    const struct align_progress *pg)
{
	const struct doc *a = al->a, *b = al->b;
	uint32_t nid = 1, nstrict = 1;
	size_t i;

	memset(mp, 0, sizeof *mp);
	mp->a = a;
	mp->b = b;
	mp->pg = pg;
	mp->total = 5 * a->nsent + 4 * b->nsent;
	mapper_tick(mp, 0);
	for (i = 0; i < a->nunit; i++) {
		if (a->unit[i].fold >= nid)
			nid = a->unit[i].fold + 1;
		if (a->unit[i].strict >= nstrict)
			nstrict = a->unit[i].strict + 1;
	}
	for (i = 0; i < b->nunit; i++) {
		if (b->unit[i].fold >= nid)
			nid = b->unit[i].fold + 1;
		if (b->unit[i].strict >= nstrict)
			nstrict = b->unit[i].strict + 1;
	}
	mp->nid = nid;
	mp->c.weight = xcalloc(nstrict, 1);
	mp->c.nstrict = nstrict;
	mp->skip_a = equal_sentences(al, false, &mp->equal_a);
	mp->skip_b = equal_sentences(al, true, NULL);
	mapper_tick(mp, a->nsent + b->nsent);
	mp->cls_a = unit_classes(&mp->c, a, mp->skip_a);
	mp->cls_b = unit_classes(&mp->c, b, mp->skip_b);
	mapper_tick(mp, a->nsent + b->nsent);
	mp->names = xcalloc(nid, 1);
	find_names(a, mp->cls_a, mp->skip_a, mp->names);
	find_names(b, mp->cls_b, mp->skip_b, mp->names);
	mapper_tick(mp, a->nsent + b->nsent);
}

/* Phase 2: how many of A's sentences carry each word (saturating). */
static void
count_df(struct mapper *mp)
{
	const struct doc *a = mp->a;
	size_t i;

	mp->df = xcalloc(mp->nid, sizeof *mp->df);
	mp->seen = xmalloc(mp->nid * sizeof *mp->seen);
	memset(mp->seen, 0xff, mp->nid * sizeof *mp->seen);
	for (i = 0; i < a->nsent; i++) {
		const struct sentence *s = &a->sent[i];
		uint32_t u;

		if (mp->skip_a[i])
			continue;
		for (u = s->unit; u < s->unit + s->nunit; u++) {
			uint32_t f = a->unit[u].fold;

			if (mp->seen[f] != i && mp->df[f] < UINT16_MAX) {
				mp->seen[f] = (uint32_t)i;
				mp->df[f]++;
			}
		}
	}
}

/* Phase 3: A's marks, once; then an index: post[start[f] .. start[f + 1]). */
static void
index_marks(struct mapper *mp)
{
	const struct doc *a = mp->a;
	uint32_t nid = mp->nid, *seen = mp->seen, *cnt;
	size_t i, k, total;

	mp->amark = xmalloc((a->nsent + 1) * sizeof *mp->amark);
	mp->amark[0] = 0;
	for (i = 0; i < a->nsent; i++)
		mp->amark[i + 1] = mp->amark[i] + (mp->skip_a[i] ? 0 :
			sentence_marks(a, mp->cls_a, &a->sent[i], mp->df,
				       mp->names, nid, &mp->marks, &mp->capm,
				       mp->amark[i]));
	mp->start = xcalloc((size_t)nid + 1, sizeof *mp->start);
	memset(seen, 0xff, nid * sizeof *seen);
	total = 0;
	for (i = 0; i < a->nsent; i++)
		for (k = mp->amark[i]; k < mp->amark[i + 1]; k++)
			if (seen[mp->marks[k].fold] != i) {
				seen[mp->marks[k].fold] = (uint32_t)i;
				mp->start[mp->marks[k].fold + 1]++;
				total++;
			}
	for (i = 0; i < nid; i++)
		mp->start[i + 1] += mp->start[i];
	mp->post = xmalloc((total + 1) * sizeof *mp->post);
	cnt = xcalloc((size_t)nid + 1, sizeof *cnt);
	memset(seen, 0xff, nid * sizeof *seen);
	for (i = 0; i < a->nsent; i++)
		for (k = mp->amark[i]; k < mp->amark[i + 1]; k++) {
			uint32_t f = mp->marks[k].fold;

			if (seen[f] == i)
				continue;
			seen[f] = (uint32_t)i;
			mp->post[mp->start[f] + cnt[f]++] = (uint32_t)i;
		}
	free(cnt);
}

/*
 * Phase 4: each B sentence traced to the A sentence sharing the most mark
 * weight, if that is enough; a paraphrase when the facts survive but the
 * wording does not.  Returns the A sentences traced to (malloc'd flags).
 */
static uint8_t *
trace(struct mapper *mp, struct sentence_map *m)
{
	const struct doc *a = mp->a, *b = mp->b;
	uint32_t *seen = mp->seen, *start = mp->start, *score_s, *touched;
	unsigned *score;
	struct mark *bm = NULL;
	size_t capb = 0, i, k, n;
	uint8_t *covered;

	score = xcalloc(a->nsent + 1, sizeof *score);
	score_s = xcalloc(a->nsent + 1, sizeof *score_s);
	touched = xmalloc((a->nsent + 1) * sizeof *touched);
	covered = xcalloc(a->nsent + 1, 1);
	memset(seen, 0xff, mp->nid * sizeof *seen);
	for (i = 0; i < b->nsent; i++) {
		size_t nt = 0, best = SIZE_MAX;
		unsigned own = 0;

		if (i % 4096 == 4095)
			mapper_tick(mp, 4096);
		if (mp->skip_b[i])
			continue;
		m->traceable++;
		n = sentence_marks(b, mp->cls_b, &b->sent[i], mp->df,
				   mp->names, mp->nid, &bm, &capb, 0);
		for (k = 0; k < n; k++) {
			uint32_t f = bm[k].fold, p;

			if (seen[f] == i)
				continue;	/* each mark once per sentence */
			seen[f] = (uint32_t)i;
			own += bm[k].w;
			if (start[f + 1] - start[f] > POSTING_MAX)
				continue;
			for (p = start[f]; p < start[f + 1]; p++) {
				uint32_t s = mp->post[p];

				if (score[s] == 0)
					touched[nt++] = s;
				score[s] += bm[k].w;
				score_s[s]++;
			}
		}
		for (k = 0; k < nt; k++) {
			uint32_t s = touched[k];

			if (best == SIZE_MAX || score[s] > score[best] ||
			    (score[s] == score[best] && s < best))
				best = s;
		}
		if (best != SIZE_MAX && score[best] >= MAPPING_MIN_SCORE &&
		    score[best] * 10 >= own * 3 && score_s[best] >= 2) {
			size_t na = mp->amark[best + 1] - mp->amark[best];

			m->from[i] = (uint32_t)best;
			m->mapped++;
			covered[best] = 1;
			if (facts_survive(mp->marks + mp->amark[best], na, bm,
					  n) &&
			    content_similarity(&mp->c, a, &a->sent[best], b,
					       &b->sent[i]) < 0.5) {
				m->paraphrase[i] = 1;
				m->paraphrases++;
			}
		}
		for (k = 0; k < nt; k++)
			score[touched[k]] = score_s[touched[k]] = 0;
	}
	free(score);
	free(score_s);
	free(touched);
	free(bm);
	return covered;
}

static void
mapper_free(struct mapper *mp)
{
	free(mp->df);
	free(mp->seen);
	free(mp->start);
	free(mp->post);
	free(mp->names);
	free(mp->cls_a);
	free(mp->cls_b);
	free(mp->skip_a);
	free(mp->skip_b);
	free(mp->amark);
	free(mp->c.weight);
	free(mp->marks);
}

void
mapping_build(const struct alignment *al, struct sentence_map *m)
{
	mapping_build_progress(al, m, NULL);
}

void
mapping_build_progress(const struct alignment *al, struct sentence_map *m,
		       const struct align_progress *pg)
{
	const struct doc *a = al->a, *b = al->b;
	struct mapper mp;
	uint8_t *covered;
	size_t i;

	memset(m, 0, sizeof *m);
	m->nb = b->nsent;
	m->from = xmalloc((b->nsent + 1) * sizeof *m->from);
	m->paraphrase = xcalloc(b->nsent + 1, 1);
	for (i = 0; i < b->nsent; i++)
		m->from[i] = MAPPING_NONE;
	mapper_init(&mp, al, pg);
	count_df(&mp);
	mapper_tick(&mp, a->nsent);
	index_marks(&mp);
	mapper_tick(&mp, a->nsent);
	covered = trace(&mp, m);
	mapper_tick(&mp, b->nsent % 4096);
	/* Phase 5: how much of A the traced sentences cover. */
	m->words_a = doc_word_count(a);
	m->covered_a = mp.equal_a;
	for (i = 0; i < a->nsent; i++)
		if (covered[i])
			m->covered_a += sentence_words(a, &a->sent[i]);
	m->coverage = m->words_a ? (double)m->covered_a / m->words_a : 0;
	free(covered);
	mapper_free(&mp);
}

void
mapping_clear(struct sentence_map *m)
{
	free(m->from);
	free(m->paraphrase);
	memset(m, 0, sizeof *m);
}
