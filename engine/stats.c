/*
 * stats.c — the word counts, change sites and similarity of a finished
 * alignment (struct align_stats).
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "align-stage.h"
#include "xalloc.h"

/* --- statistics ------------------------------------------------------------- */

/* Token kinds that are words, as a bit set (a test, not a branch, each). */
#define WORD_KINDS	((1u << TOK_WORD) | (1u << TOK_NUMBER))

/* The pieces of long words (doc.h) in units [u0, u0 + n) of d. */
static size_t
count_pieces(const struct doc *d, uint32_t u0, uint32_t n)
{
	size_t w = 0;
	uint32_t u, t;

	for (u = u0; u < u0 + n; u++)
		for (t = d->unit[u].tok + 1; t < d->ntok && d->tok[t].joined;
		     t++)
			w += token_is_piece(d, t);
	return w;
}

static inline __attribute__((always_inline)) size_t
unit_words(const struct doc *d, uint32_t u0, uint32_t n)
{
	size_t w = 0;
	uint32_t u;

	for (u = u0; u < u0 + n; u++) {
		const struct token *t = &d->tok[d->unit[u].tok];
		const struct token *e = d->tok + d->ntok;

		/*
		 * A paragraph left whole is only ever in an equal block,
		 * which compute_stats counts by para_words.
		 */
		assert(t->kind != TOK_PARA);
		/*
		 * Every word of a unit counts, as in the versions' word
		 * counts: "United States" joined into one unit is two...
		 */
		w += (WORD_KINDS >> t->kind) & 1;
		for (t++; t < e && t->joined; t++)
			w += (WORD_KINDS >> t->kind) & 1;
	}
	return w;
}

/* ... but the pieces of a word over TOKEN_LEN_MAX bytes are one. */
static __attribute__((noinline)) size_t
long_words(const struct doc *d, uint32_t u0, uint32_t n)
{
	return unit_words(d, u0, n) - count_pieces(d, u0, n);
}

/* The words of units [u0, u0 + n) of d. */
static size_t
count_words(const struct doc *d, uint32_t u0, uint32_t n)
{
	if (d->npiece != 0)
		return long_words(d, u0, n);
	return unit_words(d, u0, n);
}

/* Words of paragraph k. */
static size_t
para_words(const struct doc *d, size_t k)
{
	if (doc_para_whole(d, k))
		return d->pword[k];
	return count_words(d, d->para[k].unit, d->para[k].nunit);
}

/*
 * The change sites of ops [o0, o1), cut exactly as facts_classify() cuts
 * them (facts.h): each run of deleted and inserted ops is a substantive
 * site and each run of cosmetic ops a cosmetic one; the ends of moves
 * below the paragraph are not sites there (they are counted at their
 * move) and do not part a run of edits around them (they end a run of
 * cosmetic ops).
 */
static void
count_runs(const struct alignment *al, uint32_t o0, uint32_t o1,
	   struct align_stats *st)
{
	int prev = 0, cls;
	uint32_t o;

	for (o = o0; o < o1; o++) {
		uint8_t kind = al->op[o].kind;

		/* Inside a run of edits, not between cosmetic ops. */
		if (align_op_sub(al, o)) {
			prev = prev == 2 ? 0 : prev;
			continue;
		}
		/* 1: a deleted or inserted op, 2: a cosmetic one, 0: equal. */
		cls = kind == WOP_DELETE || kind == WOP_INSERT ? 1 :
			kind == WOP_COSMETIC ? 2 : 0;
		if (cls == 1 && prev != 1)
			st->substantive++;
		if (cls == 2 && prev != 2)
			st->cosmetic++;
		prev = cls;
	}
}

/* Whether ops [o0, o1) change words: a move's edits. */
static bool
ops_edited(const struct alignment *al, uint32_t o0, uint32_t o1)
{
	for (; o0 < o1; o0++)
		if (al->op[o0].kind == WOP_DELETE ||
		    al->op[o0].kind == WOP_INSERT)
			return true;
	return false;
}

/*
 * The change sites of block bl (facts.h): a deleted or inserted block is
 * one site (unless sentences of it moved); elsewhere the runs of its ops;
 * a move whose words did not change is one substantive site.
 */
static void
count_sites(const struct alignment *al, const struct block *bl,
	    struct align_stats *st)
{
	uint32_t end = bl->op + bl->nop, o;
	bool sub = false;

	for (o = bl->op; o < end && al->opsub != NULL && !sub; o++)
		sub = align_op_sub(al, o) != 0;
	if (!bl->move && !sub && (bl->kind == BLOCK_DELETED ||
				  bl->kind == BLOCK_INSERTED)) {
		st->substantive += bl->nop > 0;
		return;
	}
	if (bl->move && !ops_edited(al, bl->op, end)) {
		st->substantive++;
		return;
	}
	count_runs(al, bl->op, end, st);
}

/* A move below the paragraph: its sites, moved words and kept words. */
static void
count_sub(const struct alignment *al, const struct submove *sm,
	  struct align_stats *st, size_t *moved_kept)
{
	uint32_t o;

	if (!sm->edited)
		st->substantive++;
	else
		count_runs(al, sm->op, sm->op + sm->nop, st);
	for (o = sm->op; o < sm->op + sm->nop; o++) {
		const struct wop *w = &al->op[o];
		size_t na = count_words(al->a, w->a, w->na);

		st->moved += na;
		if (w->kind == WOP_EQUAL || w->kind == WOP_COSMETIC)
			*moved_kept += na + count_words(al->b, w->b, w->nb);
	}
}

void
compute_stats(struct alignment *al)
{
	struct align_stats *st = &al->stats;
	size_t k, wa = 0, wb = 0, moved_kept = 0, kept_b = 0;

	memset(st, 0, sizeof *st);
	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];
		bool in_change = false;
		size_t del = 0, ins = 0;
		uint32_t o;

		/* A move is counted once, at its source. */
		if (bl->move && bl->kind == BLOCK_INSERTED)
			continue;
		count_sites(al, bl, st);
		if (bl->kind == BLOCK_EQUAL) {
			/* Kept whole: paragraphs left whole are counted so. */
			for (o = bl->a; o < bl->a + bl->na; o++)
				st->kept += para_words(al->a, o);
			for (o = bl->b; o < bl->b + bl->nb; o++)
				kept_b += para_words(al->b, o);
			continue;
		}
		if (bl->move) {
			for (o = bl->op; o < bl->op + bl->nop; o++) {
				const struct wop *w = &al->op[o];
				size_t na = count_words(al->a, w->a, w->na);

				st->moved += na;
				if (w->kind == WOP_EQUAL ||
				    w->kind == WOP_COSMETIC)
					moved_kept += na + count_words(al->b,
					    w->b, w->nb);
			}
			continue;
		}
		for (o = bl->op; o <= bl->op + bl->nop; o++) {
			const struct wop *w = o < bl->op + bl->nop ?
				&al->op[o] : NULL;
			bool change;

			/* An end of a submove: counted at its move. */
			if (w && align_op_sub(al, o))
				continue;
			change = w && (w->kind == WOP_DELETE ||
				       w->kind == WOP_INSERT);
			if (w && w->kind == WOP_DELETE)
				del += count_words(al->a, w->a, w->na);
			if (w && w->kind == WOP_INSERT)
				ins += count_words(al->b, w->b, w->nb);
			if (change) {
				in_change = true;
				continue;
			}
			if (in_change) {
				/* A change site ends: replacement or not. */
				size_t paired = del < ins ? del : ins;

				st->changed_a += del && ins ? del : 0;
				st->changed_b += del && ins ? ins : 0;
				st->deleted += del && ins ? 0 : del;
				st->inserted += del && ins ? 0 : ins;
				(void)paired;
				del = ins = 0;
				in_change = false;
			}
			if (w) {
				st->kept += count_words(al->a, w->a, w->na);
				kept_b += count_words(al->b, w->b, w->nb);
			}
		}
	}
	for (k = 0; k < al->nsub; k++)
		count_sub(al, &al->sub[k], st, &moved_kept);
	for (k = 0; k < al->a->npara; k++)
		wa += para_words(al->a, k);
	for (k = 0; k < al->b->npara; k++)
		wb += para_words(al->b, k);
	/* Kept on both sides: "per cent" is two words, "%" none. */
	st->similarity = wa + wb ?
		(double)(st->kept + kept_b + moved_kept) / (wa + wb) : 1.0;
}
