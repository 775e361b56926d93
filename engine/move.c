/*
 * move.c — deleted and inserted paragraphs left over from pairing that
 * match well enough become moves, with a word diff of their own.
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "align-stage.h"
#include "xalloc.h"

/* --- moves ------------------------------------------------------------------ */

struct movecand {
	uint32_t del, ins;	/* block indexes */
	float sim;
};

static int
movecand_cmp(const void *x, const void *y)
{
	const struct movecand *p = x, *q = y;

	if (p->sim != q->sim)
		return p->sim > q->sim ? -1 : 1;
	if (p->del != q->del)
		return p->del < q->del ? -1 : 1;
	return p->ins < q->ins ? -1 : p->ins > q->ins;
}

/*
 * Pair leftover deleted and inserted paragraphs as moves: candidates come
 * from the rare-word index (or all pairs when few), the most similar pairs
 * above the threshold are taken first, each paragraph at most once.
 */
void
find_moves(struct ctx *c)
{
	struct alignment *al = c->al;
	struct seg *sa = NULL, *sb = NULL;
	uint32_t *da = NULL, *ib = NULL, *pairs = NULL;
	size_t nd = 0, ni = 0, capa = 0, capb = 0, capd = 0, capi = 0;
	size_t k, npairs = 0, nmc = 0, capmc = 0;
	struct movecand *mc = NULL;
	uint32_t u0, u1;
	bool *used_d, *used_i;

	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];

		if (bl->kind == BLOCK_DELETED) {
			para_units(c->a, bl->a, bl->a + 1, &u0, &u1);
			sa = xgrow(sa, &capa, nd + 1, sizeof *sa);
			da = xgrow(da, &capd, nd + 1, sizeof *da);
			sa[nd] = (struct seg){ u0, u1 };
			da[nd++] = (uint32_t)k;
		} else if (bl->kind == BLOCK_INSERTED) {
			para_units(c->b, bl->b, bl->b + 1, &u0, &u1);
			sb = xgrow(sb, &capb, ni + 1, sizeof *sb);
			ib = xgrow(ib, &capi, ni + 1, sizeof *ib);
			sb[ni] = (struct seg){ u0, u1 };
			ib[ni++] = (uint32_t)k;
		}
	}
	if (nd == 0 || ni == 0)
		goto out;
	if (nd * ni <= ALL_PAIRS_LIMIT &&
	    all_pairs_affordable(sa, 0, (uint32_t)nd, sb, 0, (uint32_t)ni)) {
		pairs = xmalloc(2 * nd * ni * sizeof *pairs);
		for (size_t x = 0; x < nd; x++)
			for (size_t y = 0; y < ni; y++) {
				pairs[2 * npairs] = (uint32_t)x;
				pairs[2 * npairs + 1] = (uint32_t)y;
				npairs++;
			}
	} else {
		index_pairs(c, sa, 0, (uint32_t)nd, sb, 0, (uint32_t)ni,
			    &pairs, &npairs);
	}
	for (k = 0; k < npairs; k++) {
		uint32_t x = pairs[2 * k], y = pairs[2 * k + 1];
		unsigned kept;
		double s = pair_sim(c, sa[x].u0, sa[x].u1, sb[y].u0, sb[y].u1,
				    &kept, c->move_threshold);

		if (s >= c->move_threshold) {
			mc = xgrow(mc, &capmc, nmc + 1, sizeof *mc);
			mc[nmc++] = (struct movecand){ x, y, (float)s };
		}
	}
	if (nmc > 1)
		qsort(mc, nmc, sizeof *mc, movecand_cmp);
	used_d = xcalloc(nd + 1, 1);
	used_i = xcalloc(ni + 1, 1);
	for (k = 0; k < nmc; k++) {
		struct block *bd, *bi;
		struct runs rs = { 0 };
		bool cosm = false, subst = false;
		uint32_t op0, id;

		if (used_d[mc[k].del] || used_i[mc[k].ins])
			continue;
		used_d[mc[k].del] = used_i[mc[k].ins] = true;
		bd = &al->block[da[mc[k].del]];
		bi = &al->block[ib[mc[k].ins]];
		word_runs(c, sa[mc[k].del].u0, sa[mc[k].del].u1,
			  sb[mc[k].ins].u0, sb[mc[k].ins].u1, &rs);
		cleanup_runs(c, &rs);
		op0 = (uint32_t)al->nop;
		emit_runs(c, &rs, &cosm, &subst);
		free(rs.v);
		/* push_op may have moved al->op, never al->block. */
		bd = &al->block[da[mc[k].del]];
		bi = &al->block[ib[mc[k].ins]];
		id = (uint32_t)++al->nmove;
		bd->move = bi->move = id;
		bd->twin = ib[mc[k].ins];
		bi->twin = da[mc[k].del];
		bd->op = bi->op = op0;
		bd->nop = bi->nop = (uint32_t)(al->nop - op0);
		assert(block_ops_tile(al, bd, bi));
		bd->cosmetic = bi->cosmetic = cosm;
		bd->similarity = bi->similarity = block_similarity(c, bd);
	}
	free(used_d);
	free(used_i);
out:
	free(sa);
	free(sb);
	free(da);
	free(ib);
	free(pairs);
	free(mc);
}
