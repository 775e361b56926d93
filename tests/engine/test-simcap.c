/*
 * test-simcap.c — pair_sim's diff of long segments, whose search is
 * capped low (SIM_COST) to keep the pairing of long paragraphs cheap,
 * never keeps a pair nearly the same from reaching what its caller
 * needs.  Two long runs of words over a vocabulary small enough that no
 * word is unique to both sides (nothing for seqmatch to anchor on), the
 * second a copy of the first with runs of a hundred words or more
 * inserted and deleted (each moves the diagonal farther than the cap
 * searches), are asked whether they reach the pairing threshold and for
 * their similarity: both must come near the similarity of the edits
 * made, where the capped diff alone kept a third of the weight.  So a
 * 44 MB paragraph of genfamily's giant family, its words saturated,
 * kept a tenth and went unpaired.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align-stage.h"
#include "doc.h"
#include "rng.h"
#include "tap.h"
#include "xalloc.h"

enum { NKEY = 300, LEN = 4000, BLOCKMAX = 200, NBLOCKMAX = 8 };

static struct unit ua[LEN], ub[LEN + NBLOCKMAX * BLOCKMAX];

/*
 * A: LEN words over NKEY keys.  B: A with nblock runs of `block` fresh
 * words inserted, each in place of block / 2 of A's.  Returns B's length
 * and in *keep the words a diff can keep on each side.
 */
static size_t
draw(int nblock, size_t block, size_t *keep)
{
	size_t m = 0, i, k, del = 0;
	int b = 0;

	for (i = 0; i < LEN; i++)
		ua[i].fold = ua[i].strict = rng_below(NKEY);
	for (i = 0; i < LEN; i++) {
		if (b < nblock && i == (size_t)(b + 1) * LEN / (nblock + 1)) {
			for (k = 0; k < block; k++, m++)
				ub[m].fold = ub[m].strict = rng_below(NKEY);
			i += block / 2;
			del += block / 2;
			b++;
		}
		ub[m++] = ua[i];
	}
	*keep = LEN - del;
	return m;
}

static void
ctx_init(struct ctx *c, struct doc *da, struct doc *db, double threshold)
{
	uint32_t k;

	memset(c, 0, sizeof *c);
	c->a = da;
	c->b = db;
	c->nweight = NKEY;
	c->weight = xmalloc(c->nweight);
	for (k = 0; k < NKEY; k++)
		c->weight[k] = W_CONTENT;
	c->pair_threshold = threshold;
}

int
main(void)
{
	struct doc da, db;
	struct ctx c;
	int t, bad = 0, lost = 0;

	rng_state = 7;
	memset(&da, 0, sizeof da);
	memset(&db, 0, sizeof db);
	da.unit = ua;
	db.unit = ub;
	for (t = 0; t < 10; t++) {
		size_t keep, m = draw(4 + t % 5, 100 + rng_below(BLOCKMAX - 99),
		    &keep);
		double truth = 2.0 * keep / (LEN + m), need = truth - 0.15;
		double asked, unasked, capped;
		unsigned kept;

		/* Unasked, and without a threshold: the capped diff's figure. */
		ctx_init(&c, &da, &db, 0);
		capped = pair_sim(&c, 0, LEN, 0, (uint32_t)m, &kept, 0);
		ctx_free(&c);
		lost += capped < need;
		ctx_init(&c, &da, &db, need);
		asked = pair_sim(&c, 0, LEN, 0, (uint32_t)m, &kept, need);
		ctx_free(&c);
		ctx_init(&c, &da, &db, need);
		unasked = pair_sim(&c, 0, LEN, 0, (uint32_t)m, &kept, 0);
		ctx_free(&c);
		printf("# %d x %zu words, edits keep %.4f: capped %.4f, asked "
		    "%.4f at %.4f, unasked %.4f\n", LEN, m, truth, capped,
		    asked, need, unasked);
		bad += asked < need || unasked < need;
	}
	ok(lost >= 3, "the capped diff alone falls short on %d of 10 pairs",
	    lost);
	is_int(bad, 0, "pairs asked to reach a need near their similarity, "
	    "or at the threshold, reach it");
	return done_testing();
}
