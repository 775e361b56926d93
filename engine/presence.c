/*
 * presence.c — the presence table over N versions (presence.h).
 *
 * Building walks the alignment of the base with each other version once,
 * in version order.  Base rows are fixed; insertion rows are kept in
 * creation order, with one doubly linked list per gap between base rows
 * so that a row can be placed after or before another in constant time,
 * and only at the end are the rows laid out in reading order (gap 0, base
 * row 0, gap 1, base row 1, ...) into the final table.
 *
 * Exact matching (rule 1 of presence.h) goes through groups: every
 * distinct sequence of fold keys that begins an insertion row has a group
 * listing its rows in creation order, found through a hash table.  A
 * version walks a group's list with a cursor that only moves forward, so
 * the k-th copy of a passage in a version takes the k-th row and a
 * thousand identical "Advertisement" paragraphs cost linear time, not
 * quadratic.
 *
 * Similar matching (rule 2) puts the paragraph's word fold keys in a
 * small counting hash table, computed only when there is a row to compare
 * with, and probes it with each row's words, computed once per row and
 * kept; two paragraphs whose lengths alone rule out a coefficient of
 * PRESENCE_SIMILAR are not compared at all.
 *
 * Placement inside a gap needs to know which paragraphs of a run of
 * inserted blocks match rows of the same gap before the unmatched ones
 * are placed, so each run takes two passes: match, then place.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "doc.h"
#include "hash.h"
#include "presence.h"
#include "text.h"
#include "xalloc.h"

#define NONE UINT32_MAX

/*
 * A coefficient at which the search stops: versions that carry the same
 * additions mostly carry them in the same order, so the row right after
 * the version's last match is usually the one, and looking further for a
 * better one would only cost time.
 */
#define PRESENCE_STRONG 0.8

/* How far from a row the neighbour it was merged into may be. */
#define PRESENCE_MERGE_REACH 4

/* An insertion row while building. */
struct irow {
	uint32_t gap;		/* after base paragraph gap - 1 */
	uint32_t from;		/* its version dropped the base from here */
	uint32_t prev, next;	/* in its gap's list */
	uint32_t gnext;		/* next row of its group */
	uint32_t rep_v, rep_para;	/* the paragraph that made it */
	uint32_t *words;	/* word fold keys, or NULL */
	uint32_t nwords;
	bool words_done;
};

/* The paragraph a row of the table stands for, and its words. */
struct rep {
	uint32_t v, para;
	uint32_t *words;
	uint32_t nwords;
	bool words_done;
};

struct group {
	uint64_t hash;
	uint32_t first, last;	/* rows, in creation order */
	uint32_t ver;		/* the version the cursor belongs to */
	uint32_t cur;		/* next row to try for that version */
};

struct build {
	struct doc *const *docs;
	size_t n, base, nbase;
	struct presence_cell *bcells;	/* nbase * n */
	struct irow *ir;
	size_t nir, capir;
	struct presence_cell *icells;	/* nir * n */
	size_t capicells;
	uint32_t *head, *tail;		/* nbase + 1 gap lists */
	struct group *grp;
	size_t ngrp, capgrp;
	uint32_t *table;		/* group index + 1, or 0 */
	size_t mask, nused;
	uint32_t *qwords;		/* the paragraph being matched */
	size_t capq;
	uint32_t *qkey, *qcount;	/* ... as a table, see query_table */
	size_t capqkey, capqcount, qmask;
	uint32_t *undo;
	size_t capundo, nundo;
	uint32_t *matched;		/* one per paragraph of a run */
	size_t capmatched;
	struct rep *rep;		/* one per row of the table */
	bool *dead;			/* ... folded into a neighbour */
};

static const struct presence_cell absent = { -1, 0, -1, PRESENCE_ABSENT };

/* --- paragraph keys ------------------------------------------------------ */

static uint64_t
para_hash(const struct doc *d, uint32_t para)
{
	const struct para *p = &d->para[para];
	uint64_t h = hash_start(p->nunit);
	uint32_t u;

	for (u = p->unit; u < p->unit + p->nunit; u++)
		h = hash_add(h, d->unit[u].fold);
	return hash_end(h);
}

static bool
para_same(const struct doc *d1, uint32_t p1, const struct doc *d2,
	  uint32_t p2)
{
	const struct para *a = &d1->para[p1], *b = &d2->para[p2];
	uint32_t k;

	if (a->nunit != b->nunit)
		return false;
	for (k = 0; k < a->nunit; k++)
		if (d1->unit[a->unit + k].fold != d2->unit[b->unit + k].fold)
			return false;
	return true;
}

/*
 * The fold keys of the words and numbers of a paragraph into *buf (grown
 * as needed), in text order; returns how many.
 */
static size_t
para_words(const struct doc *d, uint32_t para, uint32_t **buf, size_t *cap)
{
	const struct para *p = &d->para[para];
	const struct unit *un;
	size_t n = 0;
	uint32_t u;
	uint8_t kind;

	*buf = xgrow(*buf, cap, p->nunit + 1, sizeof **buf);
	for (u = p->unit; u < p->unit + p->nunit; u++) {
		un = &d->unit[u];
		kind = d->tok[un->tok].kind;
		if (kind == TOK_WORD || kind == TOK_NUMBER)
			(*buf)[n++] = un->fold;
	}
	return n;
}

static uint32_t
mix32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	return x;
}

/*
 * The query's words as a multiset: an open-addressing table of fold keys
 * (never 0, cmpkeys.h) and counts, so that comparing it with a row costs one
 * probe per word of the row, with no sorting (sorting every paragraph's
 * words was most of the build time).
 */
static void
query_table(struct build *bd, const uint32_t *w, size_t n)
{
	size_t size = 16, i, j;

	while (size < 2 * n)
		size *= 2;
	bd->qkey = xgrow(bd->qkey, &bd->capqkey, size, sizeof *bd->qkey);
	bd->qcount = xgrow(bd->qcount, &bd->capqcount, size,
	    sizeof *bd->qcount);
	memset(bd->qkey, 0, size * sizeof *bd->qkey);
	bd->qmask = size - 1;
	for (i = 0; i < n; i++) {
		j = mix32(w[i]) & bd->qmask;
		while (bd->qkey[j] != 0 && bd->qkey[j] != w[i])
			j = (j + 1) & bd->qmask;
		if (bd->qkey[j] == 0) {
			bd->qkey[j] = w[i];
			bd->qcount[j] = 0;
		}
		bd->qcount[j]++;
	}
}

/*
 * How many of the words b[0 .. nb-1] the query table holds, each of its
 * words counting once: the counts taken stay taken (and are noted in
 * undo) until give_back().
 */
static size_t
take(struct build *bd, const uint32_t *b, size_t nb)
{
	size_t i, j, common = 0;

	bd->undo = xgrow(bd->undo, &bd->capundo, bd->nundo + nb,
	    sizeof *bd->undo);
	for (i = 0; i < nb; i++) {
		j = mix32(b[i]) & bd->qmask;
		while (bd->qkey[j] != 0 && bd->qkey[j] != b[i])
			j = (j + 1) & bd->qmask;
		if (bd->qkey[j] != 0 && bd->qcount[j] > 0) {
			bd->qcount[j]--;
			bd->undo[bd->nundo++] = (uint32_t)j;
			common++;
		}
	}
	return common;
}

static void
give_back(struct build *bd)
{
	while (bd->nundo > 0)
		bd->qcount[bd->undo[--bd->nundo]]++;
}

/*
 * Dice coefficient of the query (nq words, in the table) and the words
 * b[0 .. nb-1], or -1 when their sizes alone keep it below
 * PRESENCE_SIMILAR.
 */
static double
dice(struct build *bd, size_t nq, const uint32_t *b, size_t nb)
{
	size_t common, lo = nq < nb ? nq : nb;

	if (nq == 0 || nb == 0 ||
	    2.0 * (double)lo < PRESENCE_SIMILAR * (double)(nq + nb))
		return -1;
	common = take(bd, b, nb);
	give_back(bd);
	return 2.0 * (double)common / (double)(nq + nb);
}

/* --- insertion rows, gaps and groups ------------------------------------- */

static struct presence_cell *
icell(struct build *bd, uint32_t r, size_t v)
{
	return &bd->icells[(size_t)r * bd->n + v];
}

static void
gap_unlinked_insert(struct build *bd, uint32_t r, uint32_t prev,
		    uint32_t next)
{
	uint32_t g = bd->ir[r].gap;

	bd->ir[r].prev = prev;
	bd->ir[r].next = next;
	if (prev == NONE)
		bd->head[g] = r;
	else
		bd->ir[prev].next = r;
	if (next == NONE)
		bd->tail[g] = r;
	else
		bd->ir[next].prev = r;
}

static void
table_grow(struct build *bd)
{
	size_t size = bd->mask ? (bd->mask + 1) * 2 : 64, i, j;
	uint32_t *t = xcalloc(size, sizeof *t);

	for (i = 0; bd->mask && i <= bd->mask; i++) {
		if (bd->table[i] == 0)
			continue;
		j = bd->grp[bd->table[i] - 1].hash & (size - 1);
		while (t[j] != 0)
			j = (j + 1) & (size - 1);
		t[j] = bd->table[i];
	}
	free(bd->table);
	bd->table = t;
	bd->mask = size - 1;
}

/* The group of paragraph (v, para), or NONE; *slot gets its table slot. */
static uint32_t
group_find(struct build *bd, size_t v, uint32_t para, uint64_t h,
	   size_t *slot)
{
	size_t i = h & bd->mask;
	const struct group *g;
	const struct irow *r;

	while (bd->table[i] != 0) {
		g = &bd->grp[bd->table[i] - 1];
		r = &bd->ir[g->first];
		if (g->hash == h && para_same(bd->docs[r->rep_v], r->rep_para,
		    bd->docs[v], para))
			break;
		i = (i + 1) & bd->mask;
	}
	*slot = i;
	return bd->table[i] ? bd->table[i] - 1 : NONE;
}

/* A new insertion row for paragraph para of version v, not yet placed. */
static uint32_t
row_new(struct build *bd, size_t v, uint32_t para, uint32_t gap,
	int32_t block)
{
	uint64_t h = para_hash(bd->docs[v], para);
	uint32_t r = (uint32_t)bd->nir, gi;
	struct presence_cell *c;
	size_t slot, k;

	bd->ir = xgrow(bd->ir, &bd->capir, bd->nir + 1, sizeof *bd->ir);
	bd->icells = xgrow(bd->icells, &bd->capicells, (bd->nir + 1) * bd->n,
	    sizeof *bd->icells);
	bd->nir++;
	memset(&bd->ir[r], 0, sizeof bd->ir[r]);
	bd->ir[r].gap = gap;
	bd->ir[r].rep_v = (uint32_t)v;
	bd->ir[r].rep_para = para;
	bd->ir[r].gnext = NONE;
	for (k = 0; k < bd->n; k++)
		*icell(bd, r, k) = absent;
	c = icell(bd, r, v);
	c->para = (int32_t)para;
	c->npara = 1;
	c->block = block;
	c->state = PRESENCE_SAME;

	gi = group_find(bd, v, para, h, &slot);
	if (gi == NONE) {
		bd->grp = xgrow(bd->grp, &bd->capgrp, bd->ngrp + 1,
		    sizeof *bd->grp);
		gi = (uint32_t)bd->ngrp++;
		bd->grp[gi].hash = h;
		bd->grp[gi].first = bd->grp[gi].last = r;
		bd->grp[gi].ver = NONE;
		bd->grp[gi].cur = NONE;
		bd->table[slot] = gi + 1;
		if (++bd->nused * 2 > bd->mask + 1)
			table_grow(bd);
	} else {
		bd->ir[bd->grp[gi].last].gnext = r;
		bd->grp[gi].last = r;
	}
	return r;
}

/* Rule 1: the next row with the same keys that v does not carry. */
static uint32_t
match_exact(struct build *bd, size_t v, uint32_t para)
{
	uint64_t h = para_hash(bd->docs[v], para);
	struct group *g;
	uint32_t gi, r;
	size_t slot;

	gi = group_find(bd, v, para, h, &slot);
	if (gi == NONE)
		return NONE;
	g = &bd->grp[gi];
	if (g->ver != v) {
		g->ver = (uint32_t)v;
		g->cur = g->first;
	}
	for (r = g->cur; r != NONE; r = bd->ir[r].gnext)
		if (icell(bd, r, v)->state == PRESENCE_ABSENT)
			break;
	g->cur = r == NONE ? NONE : bd->ir[r].gnext;
	return r;
}

/* The words of the paragraph being matched, computed on first need. */
struct query {
	const struct doc *d;
	uint32_t para;
	size_t n;
	bool done;
};

/*
 * The best row of up to PRESENCE_WINDOW rows from r on (in gap order)
 * for the query, if better than *best_s.
 */
static void
window_best(struct build *bd, size_t v, struct query *q, uint32_t r,
	    uint32_t *best, double *best_s, uint32_t upto)
{
	struct irow *ir;
	size_t seen, cap;
	double s;

	for (seen = 0; r != NONE && seen < PRESENCE_WINDOW;
	    r = bd->ir[r].next, seen++) {
		if (icell(bd, r, v)->state != PRESENCE_ABSENT ||
		    (upto > 0 && bd->ir[r].from > upto))
			continue;
		if (!q->done) {
			q->n = para_words(q->d, q->para, &bd->qwords,
			    &bd->capq);
			query_table(bd, bd->qwords, q->n);
			q->done = true;
		}
		if (q->n == 0)
			return;
		ir = &bd->ir[r];
		if (!ir->words_done) {
			cap = 0;
			ir->nwords = (uint32_t)para_words(bd->docs[ir->rep_v],
			    ir->rep_para, &ir->words, &cap);
			ir->words_done = true;
		}
		s = dice(bd, q->n, ir->words, ir->nwords);
		if (s >= PRESENCE_SIMILAR && s > *best_s) {
			*best = r;
			*best_s = s;
			if (s >= PRESENCE_STRONG)
				return;
		}
	}
}

/*
 * Rule 2: the most similar row among a window of the gap after `cursor`
 * and, since versions often put an addition one paragraph earlier or
 * later, a window of each neighbouring gap; and when the version dropped
 * the base paragraphs before the gap (from gap `from` on), of the gaps
 * among them too (up to PRESENCE_WINDOW gaps), since the alignment puts
 * a replacement after what it replaces while another version's addition
 * of the same passage may sit before it.
 */
static uint32_t
match_similar(struct build *bd, size_t v, uint32_t para, uint32_t gap,
	      uint32_t from, uint32_t cursor)
{
	struct query q = { bd->docs[v], para, 0, false };
	uint32_t best = NONE, g;
	double best_s = 0;

	window_best(bd, v, &q, cursor == NONE ? bd->head[gap] :
	    bd->ir[cursor].next, &best, &best_s, 0);
	if (gap > 0 && best_s < PRESENCE_STRONG)
		window_best(bd, v, &q, bd->head[gap - 1], &best, &best_s, 0);
	if (gap < bd->nbase && best_s < PRESENCE_STRONG)
		window_best(bd, v, &q, bd->head[gap + 1], &best, &best_s, 0);
	if (from + PRESENCE_WINDOW < gap)
		from = gap - PRESENCE_WINDOW;
	for (g = gap; g >= 2 && g - 2 >= from && best_s < PRESENCE_STRONG;
	    g--)
		window_best(bd, v, &q, bd->head[g - 2], &best, &best_s, 0);
	/* Rows of versions that dropped base paragraphs before them, ahead. */
	for (g = gap + 2; g <= bd->nbase && g <= gap + PRESENCE_WINDOW &&
	    best_s < PRESENCE_STRONG; g++)
		window_best(bd, v, &q, bd->head[g], &best, &best_s, gap + 1);
	return best;
}

static void
set_cell(struct presence_cell *c, uint32_t para, uint32_t npara,
	 int32_t block, uint8_t state)
{
	c->para = (int32_t)para;
	c->npara = npara;
	c->block = block;
	c->state = state;
}

/*
 * The inserted paragraphs run->para[0 .. n-1] of version v (from blocks
 * run->block[]), all in gap `gap`; *cursor is the version's last row in
 * that gap, or NONE.  align_build() makes one block per inserted
 * paragraph, so a run gathers the consecutive inserted blocks of a gap:
 * placing a paragraph may depend on the match of a later one.
 */
struct run {
	uint32_t *para;
	int32_t *block;
	size_t n, cap, capb;
	uint32_t gap;
	uint32_t from;		/* the gap after v's last base paragraph */
};

static void
add_run(struct build *bd, size_t v, const struct run *run, uint32_t *cursor)
{
	uint32_t r, cur = *cursor, place = *cursor, gap = run->gap, q;
	size_t k, j;

	bd->matched = xgrow(bd->matched, &bd->capmatched, run->n + 1,
	    sizeof *bd->matched);
	/* Pass 1: match. */
	for (k = 0; k < run->n; k++) {
		q = run->para[k];
		r = match_exact(bd, v, q);
		if (r != NONE) {
			set_cell(icell(bd, r, v), q, 1, run->block[k],
			    PRESENCE_SAME);
			if (bd->ir[r].gap == gap)
				cur = r;
		} else {
			r = match_similar(bd, v, q, gap, run->from, cur);
			if (r != NONE) {
				set_cell(icell(bd, r, v), q, 1, run->block[k],
				    PRESENCE_CHANGED);
				if (bd->ir[r].gap == gap)
					cur = r;
			}
		}
		bd->matched[k] = r;
	}
	/* Pass 2: place the new passages among the matched ones. */
	for (k = 0; k < run->n; k++) {
		r = bd->matched[k];
		if (r != NONE) {
			if (bd->ir[r].gap == gap)
				place = r;
			continue;
		}
		r = row_new(bd, v, run->para[k], gap, run->block[k]);
		bd->ir[r].from = run->from;
		for (j = k + 1; j < run->n; j++)
			if (bd->matched[j] != NONE &&
			    bd->ir[bd->matched[j]].gap == gap)
				break;
		if (j < run->n && place != NONE)
			gap_unlinked_insert(bd, r, place, bd->ir[place].next);
		else if (j < run->n)
			gap_unlinked_insert(bd, r, bd->ir[bd->matched[j]].prev,
			    bd->matched[j]);
		else
			gap_unlinked_insert(bd, r, bd->tail[gap], NONE);
		place = r;
	}
	*cursor = place;
}

static void
run_push(struct run *run, uint32_t para, int32_t block)
{
	run->para = xgrow(run->para, &run->cap, run->n + 1,
	    sizeof *run->para);
	run->block = xgrow(run->block, &run->capb, run->n + 1,
	    sizeof *run->block);
	run->para[run->n] = para;
	run->block[run->n] = block;
	run->n++;
}

static void
add_version(struct build *bd, size_t v, const struct alignment *al,
	    struct run *run)
{
	const struct block *bl, *tw;
	struct presence_cell *c;
	uint32_t apos = 0, kept = 0, i, cursor = NONE, cursor_gap = NONE;
	size_t k;
	uint8_t state;

	run->n = 0;
	for (k = 0; k <= al->nblock; k++) {
		bl = k < al->nblock ? &al->block[k] : NULL;
		/* A moved insertion neither ends a run nor joins it. */
		if (bl != NULL && bl->kind == BLOCK_INSERTED &&
		    bl->move != 0)
			continue;
		if (bl != NULL && bl->kind == BLOCK_INSERTED) {
			if (run->n == 0) {
				run->gap = apos;
				run->from = kept;
			}
			for (i = 0; i < bl->nb; i++)
				run_push(run, bl->b + i, (int32_t)k);
			continue;
		}
		if (run->n > 0) {
			if (cursor_gap != run->gap) {
				cursor_gap = run->gap;
				cursor = NONE;
			}
			add_run(bd, v, run, &cursor);
			run->n = 0;
		}
		if (bl == NULL)
			break;
		switch (bl->kind) {
		case BLOCK_EQUAL:
		case BLOCK_CHANGED:
			state = bl->kind == BLOCK_EQUAL ? PRESENCE_SAME :
			    PRESENCE_CHANGED;
			for (i = 0; i < bl->na; i++) {
				c = &bd->bcells[(size_t)(bl->a + i) * bd->n + v];
				set_cell(c, bl->b, bl->nb, (int32_t)k, state);
			}
			kept = bl->a + bl->na;
			break;
		case BLOCK_DELETED:
			if (bl->move == 0 || bl->twin >= al->nblock)
				break;
			tw = &al->block[bl->twin];
			for (i = 0; i < bl->na && tw->nb > 0; i++) {
				c = &bd->bcells[(size_t)(bl->a + i) * bd->n + v];
				set_cell(c, tw->b + (i < tw->nb ? i : tw->nb - 1),
				    bl->na == 1 ? tw->nb : 1, (int32_t)bl->twin,
				    PRESENCE_MOVED);
			}
			break;
		}
		apos = bl->a + bl->na;
	}
}

/* --- merges ------------------------------------------------------------- */

static const uint32_t *
rep_words(struct build *bd, size_t row, size_t *n)
{
	struct rep *r = &bd->rep[row];
	size_t cap = 0;

	if (!r->words_done) {
		r->nwords = (uint32_t)para_words(bd->docs[r->v], r->para,
		    &r->words, &cap);
		r->words_done = true;
	}
	*n = r->nwords;
	return r->words;
}

static bool
same_cell(const struct presence_cell *a, const struct presence_cell *b)
{
	return a->state != PRESENCE_ABSENT && b->state != PRESENCE_ABSENT &&
	    a->para == b->para && a->npara == b->npara;
}

/* v's paragraphs para .. para + npara - 1 as the query; returns its size. */
static size_t
cell_query(struct build *bd, size_t v, uint32_t para, uint32_t npara)
{
	size_t nq = 0, nw;
	uint32_t k;

	for (k = para; k < para + npara; k++) {
		nw = para_words(bd->docs[v], k, &bd->matched, &bd->capmatched);
		bd->qwords = xgrow(bd->qwords, &bd->capq, nq + nw,
		    sizeof *bd->qwords);
		if (nw > 0)	/* none: punctuation, or left whole (lazy.h) */
			memcpy(bd->qwords + nq, bd->matched,
			       nw * sizeof *bd->qwords);
		nq += nw;
	}
	query_table(bd, bd->qwords, nq);
	return nq;
}

/* Dice coefficient of v's paragraphs para .. + npara - 1 and row j. */
static double
cell_dice(struct build *bd, size_t v, uint32_t para, uint32_t npara,
	  size_t j)
{
	size_t nq = cell_query(bd, v, para, npara), nw, common;
	const uint32_t *w = rep_words(bd, j, &nw);

	if (nq + nw == 0)
		return 0;
	common = take(bd, w, nw);
	give_back(bd);
	return 2.0 * (double)common / (double)(nq + nw);
}

/*
 * Row i, which version v lacks, as part of the paragraph(s) v carries in
 * row j: when v merged the two passages, the paragraph holds the row's
 * words besides those of the rows it already stands for.  Taken when
 * most of the row's words are left in the paragraph (PRESENCE_SIMILAR
 * of them) and the Dice coefficient of the paragraph with all its rows
 * grows.
 */
static bool
try_merge(struct build *bd, struct presence *p, size_t v, size_t i, size_t j)
{
	const struct presence_cell *c = &p->row[j].cell[v];
	const uint32_t *w;
	size_t k, nq, nr = 0, nw, common = 0, ci, lo, hi;
	double before, after;

	if (c->state == PRESENCE_ABSENT || c->state == PRESENCE_MOVED)
		return false;
	nq = cell_query(bd, v, (uint32_t)c->para, c->npara);
	w = rep_words(bd, i, &nw);
	if (nq == 0 || nw == 0)
		return false;
	/* The rows the paragraphs already stand for, around j. */
	lo = j >= PRESENCE_MERGE_REACH ? j - PRESENCE_MERGE_REACH : 0;
	hi = j + PRESENCE_MERGE_REACH < p->nrow ? j + PRESENCE_MERGE_REACH :
	    p->nrow - 1;
	for (k = lo; k <= hi; k++) {
		size_t nk;
		const uint32_t *wk;

		if (!same_cell(&p->row[k].cell[v], c))
			continue;
		wk = rep_words(bd, k, &nk);
		common += take(bd, wk, nk);
		nr += nk;
	}
	before = 2.0 * (double)common / (double)(nq + nr);
	w = rep_words(bd, i, &nw);
	ci = take(bd, w, nw);
	give_back(bd);
	after = 2.0 * (double)(common + ci) / (double)(nq + nr + nw);
	if ((double)ci < PRESENCE_SIMILAR * (double)nw || after <= before)
		return false;
	p->row[i].cell[v] = *c;
	p->row[i].cell[v].state = PRESENCE_CHANGED;
	return true;
}

/*
 * Row i as the rest of row j = i + dir: every version carrying it
 * carries j with the paragraph(s) right before it (dir -1) or right
 * after it (dir +1), and the row's paragraph brings each closer to j's
 * passage, as when j was made from a version that kept as one
 * paragraph what these versions split.  The versions' cells in j then
 * take the row's paragraph and the row is left empty (dead).
 */
static bool
try_fold(struct build *bd, struct presence *p, size_t i, int dir)
{
	struct presence_cell *ci, *cj, old;
	size_t j, v, nv = 0, k, lo, hi;
	uint32_t first;

	j = i;
	do {
		if (dir < 0 ? j == 0 : j + 1 >= p->nrow)
			return false;
		j = dir < 0 ? j - 1 : j + 1;
	} while (bd->dead[j]);
	for (v = 0; v < p->nversions; v++) {
		ci = &p->row[i].cell[v];
		cj = &p->row[j].cell[v];
		if (ci->state == PRESENCE_ABSENT)
			continue;
		if (v == p->base || ci->state == PRESENCE_MOVED ||
		    cj->state == PRESENCE_ABSENT ||
		    cj->state == PRESENCE_MOVED || ci->npara != 1)
			return false;
		if (dir < 0 ? (uint32_t)ci->para != cj->para + cj->npara :
		    (uint32_t)ci->para + 1 != (uint32_t)cj->para)
			return false;
		first = (uint32_t)(dir < 0 ? cj->para : ci->para);
		if (cell_dice(bd, v, first, cj->npara + 1, j) <=
		    cell_dice(bd, v, (uint32_t)cj->para, cj->npara, j))
			return false;
		nv++;
	}
	if (nv == 0)
		return false;
	/* The cell of each version, in j and in the rows it merged with j. */
	lo = j >= PRESENCE_MERGE_REACH ? j - PRESENCE_MERGE_REACH : 0;
	hi = j + PRESENCE_MERGE_REACH < p->nrow ? j + PRESENCE_MERGE_REACH :
	    p->nrow - 1;
	for (v = 0; v < p->nversions; v++) {
		ci = &p->row[i].cell[v];
		if (ci->state == PRESENCE_ABSENT)
			continue;
		old = p->row[j].cell[v];
		for (k = lo; k <= hi; k++) {
			cj = &p->row[k].cell[v];
			if (!same_cell(cj, &old))
				continue;
			if (dir > 0) {
				cj->para = ci->para;
				cj->block = ci->block;
			}
			cj->npara++;
			cj->state = PRESENCE_CHANGED;
		}
		*ci = absent;
	}
	bd->dead[i] = true;
	return true;
}

/*
 * Row i, which v lacks, merged into the paragraph(s) v carries in a row
 * at most PRESENCE_MERGE_REACH rows away, the nearest first: versions
 * put a passage they add before or after one that the base replaced, so
 * the row of a passage merged in may lie a few rows off.
 */
static bool
merge_near(struct build *bd, struct presence *p, size_t v, size_t i)
{
	size_t d;

	for (d = 1; d <= PRESENCE_MERGE_REACH; d++) {
		if (d <= i && try_merge(bd, p, v, i, i - d))
			return true;
		if (i + d < p->nrow && try_merge(bd, p, v, i, i + d))
			return true;
	}
	return false;
}

/*
 * Rows that a version lacks only because it merged them into a
 * neighbour: the alignments with the base see the merges of base
 * paragraphs, not those of passages the base lacks, nor a base passage
 * merged with one of them.
 */
static void
merge_rows(struct build *bd, struct presence *p)
{
	size_t v, i, pass;
	bool changed = true;

	bd->dead = xcalloc(p->nrow ? p->nrow : 1, sizeof *bd->dead);
	for (pass = 0; changed && pass < 4; pass++) {
		changed = false;
		for (i = 0; i < p->nrow; i++)
			if (p->row[i].base_para < 0 && !bd->dead[i] &&
			    (try_fold(bd, p, i, -1) || try_fold(bd, p, i, +1)))
				changed = true;
	}
	changed = true;
	for (pass = 0; changed && pass < 4; pass++) {
		changed = false;
		for (v = 0; v < p->nversions; v++) {
			if (v == p->base)
				continue;
			for (i = 0; i < p->nrow; i++) {
				if (bd->dead[i] ||
				    p->row[i].cell[v].state != PRESENCE_ABSENT)
					continue;
				if (merge_near(bd, p, v, i))
					changed = true;
			}
		}
	}
}

/* --- the table ----------------------------------------------------------- */

static void
row_finish(struct presence_row *row, size_t n)
{
	size_t v;

	row->first = 0;
	row->nversions_carrying = 0;
	for (v = n; v > 0; v--) {
		if (row->cell[v - 1].state != PRESENCE_ABSENT) {
			row->first = (uint32_t)(v - 1);
			row->nversions_carrying++;
		}
	}
	row->unique = row->nversions_carrying == 1;
}

static void
emit_gap(struct build *bd, struct presence *p, size_t *out, uint32_t gap)
{
	struct presence_row *row;
	uint32_t r;

	for (r = bd->head[gap]; r != NONE; r = bd->ir[r].next) {
		row = &p->row[*out];
		row->base_para = -1;
		row->after = (int32_t)gap - 1;
		row->cell = &p->cells[*out * p->nversions];
		memcpy(row->cell, icell(bd, r, 0), p->nversions *
		    sizeof *row->cell);
		bd->rep[*out].v = bd->ir[r].rep_v;
		bd->rep[*out].para = bd->ir[r].rep_para;
		bd->rep[*out].words = bd->ir[r].words;
		bd->rep[*out].nwords = bd->ir[r].nwords;
		bd->rep[*out].words_done = bd->ir[r].words_done;
		bd->ir[r].words = NULL;
		(*out)++;
	}
}

struct presence *
presence_build(struct doc *const *docs, size_t n, size_t base,
	       struct alignment *const *al)
{
	struct presence *p = xcalloc(1, sizeof *p);
	struct build bd;
	struct run run;
	struct presence_row *row;
	size_t v, i, out = 0, nbuilt;

	memset(&bd, 0, sizeof bd);
	bd.docs = docs;
	bd.n = n;
	bd.base = base;
	bd.nbase = docs[base]->npara;
	bd.bcells = xcalloc(bd.nbase ? bd.nbase * n : 1, sizeof *bd.bcells);
	for (i = 0; i < bd.nbase * n; i++)
		bd.bcells[i] = absent;
	for (i = 0; i < bd.nbase; i++)
		set_cell(&bd.bcells[i * n + base], (uint32_t)i, 1, -1,
		    PRESENCE_SAME);
	bd.head = xmalloc((bd.nbase + 1) * sizeof *bd.head);
	bd.tail = xmalloc((bd.nbase + 1) * sizeof *bd.tail);
	for (i = 0; i <= bd.nbase; i++)
		bd.head[i] = bd.tail[i] = NONE;
	table_grow(&bd);

	memset(&run, 0, sizeof run);
	for (v = 0; v < n; v++)
		if (v != base && al[v] != NULL)
			add_version(&bd, v, al[v], &run);
	free(run.para);
	free(run.block);

	p->docs = xmalloc(n * sizeof *p->docs);
	memcpy(p->docs, docs, n * sizeof *p->docs);
	p->nversions = n;
	p->base = base;
	p->nrow = bd.nbase + bd.nir;
	p->ninserted = bd.nir;
	p->row = xcalloc(p->nrow ? p->nrow : 1, sizeof *p->row);
	p->cells = xcalloc(p->nrow ? p->nrow * n : 1, sizeof *p->cells);
	bd.rep = xcalloc(p->nrow ? p->nrow : 1, sizeof *bd.rep);
	for (i = 0; i <= bd.nbase; i++) {
		emit_gap(&bd, p, &out, (uint32_t)i);
		if (i == bd.nbase)
			break;
		row = &p->row[out];
		row->base_para = row->after = (int32_t)i;
		row->cell = &p->cells[out * n];
		memcpy(row->cell, &bd.bcells[i * n], n * sizeof *row->cell);
		bd.rep[out].v = (uint32_t)base;
		bd.rep[out].para = (uint32_t)i;
		out++;
	}
	merge_rows(&bd, p);
	nbuilt = p->nrow;
	for (i = out = 0; i < nbuilt; i++) {
		if (bd.dead[i])
			continue;
		if (out != i) {
			p->row[out] = p->row[i];
			p->row[out].cell = &p->cells[out * n];
			memmove(p->row[out].cell, &p->cells[i * n],
			    n * sizeof *p->cells);
		}
		out++;
	}
	p->ninserted -= nbuilt - out;
	p->nrow = out;
	for (i = 0; i < p->nrow; i++) {
		row_finish(&p->row[i], n);
		if (p->row[i].unique)
			p->nunique++;
	}

	for (i = 0; i < bd.nir; i++)
		free(bd.ir[i].words);
	for (i = 0; i < nbuilt; i++)
		free(bd.rep[i].words);
	free(bd.rep);
	free(bd.dead);
	free(bd.ir);
	free(bd.icells);
	free(bd.bcells);
	free(bd.head);
	free(bd.tail);
	free(bd.grp);
	free(bd.table);
	free(bd.qwords);
	free(bd.matched);
	free(bd.qkey);
	free(bd.qcount);
	free(bd.undo);
	return p;
}

void
presence_free(struct presence *p)
{
	if (p == NULL)
		return;
	free(p->docs);
	free(p->row);
	free(p->cells);
	free(p);
}

size_t
presence_first_carrier(const struct presence *p, size_t row,
		       long long *when)
{
	const struct presence_row *r = &p->row[row];
	size_t v, best = r->first;
	long long t, best_t = 0;

	for (v = 0; v < p->nversions; v++) {
		if (r->cell[v].state == PRESENCE_ABSENT)
			continue;
		t = p->docs[v]->text->when;
		if (t != 0 && (best_t == 0 || t < best_t)) {
			best = v;
			best_t = t;
		}
	}
	*when = best_t;
	return best;
}
