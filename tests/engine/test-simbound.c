/*
 * test-simbound.c — pair_sim's quick bounds (align-stage.h) never rule
 * out a pair that reaches what its caller needs: for random pairs of
 * word sequences, over small vocabularies so that words repeat and
 * common subsequences are long, with content, function and punctuation
 * weights and keys whose weights differ on the two sides ("%" and "per
 * cent"), pair_sim asked whether a pair reaches `need` gives either the
 * figure it gives unasked, when that reaches need, or 0 when it does not.
 * The bounds (multiset, bit-parallel LCS, content words' LCS) are
 * exercised across the 64-word boundary of the bit vectors.  So are the
 * bounds by a gap's weights (pair_sim_gap: a pair whose gap_sim cannot
 * reach dneed), with words drawn common or rare in the gap and numbers,
 * and pair_may_reach, which says a pair is below half its need, or below
 * its need, only when it is.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align-stage.h"
#include "doc.h"
#include "rng.h"
#include "tap.h"
#include "xalloc.h"

enum { NKEY = 40, MAXLEN = 200 };

/*
 * Fold key k has strict keys k (A's spelling) and NKEY + k (B's): their
 * weights are drawn apart, so that a few keys weigh differently on the
 * two sides.
 */
static void
fill(struct unit *u, size_t n, uint32_t nkey, int side)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t k = rng_below(nkey);

		u[i].fold = k;
		u[i].strict = side ? NKEY + k : k;
	}
}

/*
 * pair_may_reach and pair_sim at need on A [a0, a1) x B [b0, b1) against
 * the figure pair_sim gives unasked: *bad counts a pair ruled out that
 * reaches what was asked, *pruned the pairs ruled out.
 */
static void
check_reach(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0,
	    uint32_t b1, double need, int *bad, int *pruned)
{
	unsigned kept;
	double exact = pair_sim(c, a0, a1, b0, b1, &kept, 0), got;

	switch (pair_may_reach(c, a0, a1, b0, b1, need / 2, need)) {
	case 0:
		*bad += exact >= need / 2;
		++*pruned;
		break;
	case 1:
		*bad += exact >= need;
		++*pruned;
		break;
	default:
		break;
	}
	got = pair_sim(c, a0, a1, b0, b1, &kept, need);
	*bad += exact >= need ? got != exact : got >= need;
}

/*
 * A ctx of A and B with weights w and a gap's words dw (nweight 2 *
 * NKEY), gap weights on: its own copies.
 */
static void
gap_ctx(struct ctx *c, struct doc *da, struct doc *db, const uint8_t *w,
	const struct gapword *dw, uint32_t gapgen)
{
	memset(c, 0, sizeof *c);
	c->a = da;
	c->b = db;
	c->nweight = 2 * NKEY;
	c->weight = xmalloc(c->nweight);
	memcpy(c->weight, w, c->nweight);
	c->dw = xmalloc(c->nweight * sizeof *c->dw);
	memcpy(c->dw, dw, c->nweight * sizeof *c->dw);
	c->gapgen = gapgen;
	c->damp = true;
}

/*
 * The gap weights a held slot keeps (gap_total) follow the gap: one ctx
 * scores the same pairs in gap after gap, the words' counts in each
 * drawn afresh, its slots held throughout, and gives each time the
 * similarity, the gap's kept weight and total that a fresh ctx gives.
 */
static int
check_gap_slots(struct doc *da, struct doc *db, size_t n, size_t m)
{
	static const uint8_t wv[] = { W_PUNCT, W_FUNCTION, W_CONTENT };
	uint8_t w[2 * NKEY];
	struct gapword dw[2 * NKEY];
	struct ctx c, f;
	int bad = 0, g, p;
	uint32_t k;

	for (k = 0; k < 2 * NKEY; k++)
		w[k] = wv[rng_below(3)];
	memset(dw, 0, sizeof dw);
	gap_ctx(&c, da, db, w, dw, 0);
	for (g = 1; g <= 6; g++) {
		for (k = 0; k < 2 * NKEY; k++) {
			dw[k].gen = rng_below(4) != 0 ? (uint32_t)g : 0;
			dw[k].fa = (uint16_t)rng_below(5);
			dw[k].fb = (uint16_t)rng_below(5);
			dw[k].num = rng_below(3) == 0;
		}
		memcpy(c.dw, dw, sizeof dw);
		c.gapgen = (uint32_t)g;
		for (p = 0; p < 6; p++) {
			uint32_t a0 = rng_below((uint32_t)n), b0 =
			    rng_below((uint32_t)m);
			uint32_t a1 = a0 + 1 + rng_below((uint32_t)(n - a0));
			uint32_t b1 = b0 + 1 + rng_below((uint32_t)(m - b0));
			unsigned kc, kf;
			double sc, sf;

			/* A pair without words leaves them as they were. */
			c.dkept = c.dtotal = 0;
			sc = pair_sim_gap(&c, a0, a1, b0, b1, &kc, 0, 0);
			gap_ctx(&f, da, db, w, dw, (uint32_t)g);
			sf = pair_sim_gap(&f, a0, a1, b0, b1, &kf, 0, 0);
			bad += sc != sf || kc != kf || c.dkept != f.dkept ||
			    c.dtotal != f.dtotal;
			ctx_free(&f);
		}
	}
	ctx_free(&c);
	return bad;
}

int
main(void)
{
	static struct unit ua[MAXLEN], ub[MAXLEN];
	struct doc da, db;
	struct ctx c;
	static const uint8_t wv[] = { W_PUNCT, W_FUNCTION, W_CONTENT };
	int t, bad = 0, pruned = 0, reached = 0, gbad = 0, gpruned = 0;
	int greached = 0, mbad = 0, mpruned = 0, sbad = 0;
	double needs[] = { 0.2, 0.35, 0.5, 0.65, 0.8 };

	rng_state = 42;
	memset(&da, 0, sizeof da);
	memset(&db, 0, sizeof db);
	da.unit = ua;
	db.unit = ub;
	for (t = 0; t < 4000; t++) {
		size_t n = 1 + rng_below(t % 4 == 0 ? MAXLEN : 70);
		size_t m = 1 + rng_below(t % 4 == 0 ? MAXLEN : 70);
		uint32_t nkey = 2 + rng_below(NKEY - 2), k;
		unsigned kept0, kept;
		double exact, got, need = needs[t % 5];

		fill(ua, n, nkey, 0);
		if (t % 3 == 0) {
			/* B an edited copy of A: similar pairs. */
			memcpy(ub, ua, n * sizeof *ub);
			m = n;
			for (k = 0; k < n; k++) {
				ub[k].strict = NKEY + ub[k].fold;
				if (rng_below(4) == 0)
					ub[k].fold = ub[k].strict =
					    rng_below(nkey);
			}
		} else {
			fill(ub, m, nkey, 1);
		}
		memset(&c, 0, sizeof c);
		c.a = &da;
		c.b = &db;
		c.nweight = 2 * NKEY;
		c.weight = xmalloc(c.nweight);
		for (k = 0; k < NKEY; k++) {
			c.weight[k] = wv[rng_below(3)];
			c.weight[NKEY + k] = k % 7 == 0 ? wv[rng_below(3)] :
			    c.weight[k];
		}
		/* Half the pairs are scored in a gap, with its weights. */
		c.damp = t % 2 == 0;
		c.dw = xcalloc(c.nweight, sizeof *c.dw);
		c.gapgen = 1;
		for (k = 0; k < c.nweight; k++) {
			c.dw[k].gen = rng_below(5) != 0;
			c.dw[k].fa = (uint16_t)rng_below(5);
			c.dw[k].fb = (uint16_t)rng_below(5);
			c.dw[k].num = rng_below(3) == 0;
		}
		if (n > 1 && m > 1) {
			/*
			 * A segment, its join with the next, and the segment
			 * again, against B's words but the first: pairs that
			 * share a side, asked in turn as score_pair asks
			 * them (sim_bound keeps one side's keys numbered).
			 */
			check_reach(&c, 0, (uint32_t)n - 1, 0, (uint32_t)m,
				    need, &mbad, &mpruned);
			check_reach(&c, 0, (uint32_t)n, 1, (uint32_t)m, need,
				    &mbad, &mpruned);
			check_reach(&c, 0, (uint32_t)n - 1, 1, (uint32_t)m,
				    need, &mbad, &mpruned);
		}
		exact = pair_sim(&c, 0, (uint32_t)n, 0, (uint32_t)m, &kept0, 0);
		if (c.damp) {
			double dsim = c.dtotal ? (double)c.dkept / c.dtotal :
			    exact, dneed = needs[(t / 5) % 5];

			got = pair_sim_gap(&c, 0, (uint32_t)n, 0, (uint32_t)m,
			    &kept, need / 2, dneed);
			if (exact >= need / 2 && dsim >= dneed) {
				greached++;
				gbad += got != exact || kept != kept0;
			} else if (got == 0) {
				gpruned++;
			} else if (got != exact) {
				gbad++;
			}
		}
		switch (pair_may_reach(&c, 0, (uint32_t)n, 0, (uint32_t)m,
		    need / 2, need)) {
		case 0:
			mbad += exact >= need / 2;
			mpruned++;
			break;
		case 1:
			mbad += exact >= need;
			mpruned++;
			break;
		default:
			break;
		}
		if (n > 1) {
			/*
			 * A's words but the first against the same B: its
			 * keys are numbered already, so the bounds run from
			 * B's side (sim_bound numbers one side's keys and
			 * keeps them while that side stays held).
			 */
			double e1 = pair_sim(&c, 1, (uint32_t)n, 0,
			    (uint32_t)m, &kept, 0);

			switch (pair_may_reach(&c, 1, (uint32_t)n, 0,
			    (uint32_t)m, need / 2, need)) {
			case 0:
				mbad += e1 >= need / 2;
				mpruned++;
				break;
			case 1:
				mbad += e1 >= need;
				mpruned++;
				break;
			default:
				break;
			}
			got = pair_sim(&c, 1, (uint32_t)n, 0, (uint32_t)m,
			    &kept, need);
			if (e1 >= need)
				bad += got != e1;
			else
				bad += got >= need;
		}
		got = pair_sim(&c, 0, (uint32_t)n, 0, (uint32_t)m, &kept, need);
		if (exact >= need) {
			reached++;
			if (got != exact || kept != kept0) {
				bad++;
				printf("# pair %d (%zu x %zu, need %.2f): %f, "
				    "unasked %f\n", t, n, m, need, got, exact);
			}
		} else {
			pruned += got == 0;
			if (got >= need)
				bad++;
		}
		ctx_free(&c);
	}
	for (t = 0; t < 300; t++) {
		size_t n = 2 + rng_below(60), m = 2 + rng_below(60);

		fill(ua, n, 2 + rng_below(NKEY - 2), 0);
		fill(ub, m, 2 + rng_below(NKEY - 2), 1);
		sbad += check_gap_slots(&da, &db, n, m);
	}
	is_int(sbad, 0, "a slot's gap weights follow the gap: pairs scored "
	    "gap after gap weigh as a fresh ctx weighs them");
	printf("# in a gap: %d pairs reached both needs, %d below one were "
	    "ruled out; pair_may_reach ruled out %d\n", greached, gpruned,
	    mpruned);
	is_int(gbad, 0, "by a gap's weights: a bound never rules out a pair "
	    "that reaches both needs");
	ok(greached > 200 && gpruned > 200, "both kinds of pair in a gap");
	is_int(mbad, 0, "pair_may_reach never says no to a pair that "
	    "reaches its need");
	ok(mpruned > 400, "pair_may_reach says no to some");
	printf("# %d pairs reached their need, %d below it were ruled out "
	    "by a bound\n", reached, pruned);
	is_int(bad, 0, "4000 random pairs: a bound never rules out a pair "
	    "that reaches its need");
	ok(reached > 400 && pruned > 400, "both kinds of pair are drawn");
	return done_testing();
}
