/*
 * lazy.c — which paragraphs of a set of versions need segmenting (lazy.h).
 *
 * Every doc is scanned (paragraphs and their hashes), the base is anchored
 * against each other version and each other version against the base,
 * and a paragraph of the base is left whole when every other version
 * anchors it to the same partner both ways round and its words can be
 * counted as it is; its partners in the other versions are then left
 * whole with it, and everything else is segmented.  Anchors join byte-equal paragraphs, so a
 * paragraph left whole on one side of a comparison is left whole on the
 * other too, with the same key, and the alignment pairs them as the fully
 * segmented paragraphs would be paired: equal.
 *
 * A paragraph to segment with the same bytes as one segmented before it
 * (a paragraph moved, or repeated) is a twin of that one (doc.h): its
 * tokens, sentences and units are copies, the same as segmenting it
 * again would give.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "lazy.h"
#include "xalloc.h"

/*
 * The twins of the paragraphs to segment, docs in order and paragraphs
 * in order, each to the first paragraph with its bytes: one table of
 * those by hash.  twin[i] is left NULL for a doc without any.
 */
static void
find_twins(struct doc **docs, size_t n, uint32_t *const *whole,
	   struct doc_twin **twin)
{
	size_t i, p, total = 0, size = 16, h;
	/* (i << 32 | p) + 1 of each first paragraph; 0 is empty */
	uint64_t *slot, v;

	for (i = 0; i < n; i++)
		total += docs[i]->npara;
	while (size < 2 * total)
		size *= 2;
	slot = xcalloc(size, sizeof *slot);
	for (i = 0; i < n; i++) {
		const struct doc *d = docs[i];

		twin[i] = NULL;
		for (p = 0; p < d->npara; p++) {
			const struct para *pa = &d->para[p];

			if (whole[i][p] != DOC_SEGMENT)
				continue;
			for (h = (size_t)pa->hash & (size - 1);
			     (v = slot[h]) != 0; h = (h + 1) & (size - 1)) {
				const struct doc *sd = docs[(v - 1) >> 32];
				const struct para *sp =
				    &sd->para[(uint32_t)(v - 1)];

				if (sp->hash == pa->hash &&
				    sp->end - sp->start == pa->end - pa->start &&
				    memcmp(sd->text->data + sp->start,
					   d->text->data + pa->start,
					   pa->end - pa->start) == 0)
					break;
			}
			if (v == 0) {
				slot[h] = ((uint64_t)i << 32 | p) + 1;
				continue;
			}
			if (twin[i] == NULL)
				twin[i] = xcalloc(d->npara, sizeof **twin);
			twin[i][p].d = docs[(v - 1) >> 32];
			twin[i][p].p = (uint32_t)(v - 1);
		}
	}
	free(slot);
}

void
lazy_docs(struct text *const *texts, size_t n, size_t base,
	  struct cmpkeys *k, struct doc **docs, uint32_t **anchors,
	  size_t *nanchor)
{
	lazy_docs_back(texts, n, base, k, docs, anchors, nanchor, NULL, NULL,
		       NULL);
}

void
lazy_docs_back(struct text *const *texts, size_t n, size_t base,
	       struct cmpkeys *k, struct doc **docs, uint32_t **anchors,
	       size_t *nanchor, uint32_t **back_anchors, size_t *nback_anchor,
	       struct doc_reading *reading)
{
	struct doc *b;
	uint32_t **whole = xcalloc(n, sizeof *whole);
	uint32_t **key = xcalloc(n, sizeof *key), *nanch, *pairs, *back;
	uint32_t *partner;
	struct doc_twin **twin;
	size_t i, p, m, np, nback;

	for (i = 0; i < n; i++)
		docs[i] = doc_scan(texts[i]);
	b = docs[base];
	/* How many other versions anchor each base paragraph. */
	nanch = xcalloc(b->npara + 1, sizeof *nanch);
	partner = xmalloc((b->npara + 1) * sizeof *partner);
	for (i = 0; i < n; i++) {
		anchors[i] = NULL;
		nanchor[i] = 0;
		if (back_anchors != NULL) {
			back_anchors[i] = NULL;
			nback_anchor[i] = 0;
		}
		whole[i] = xmalloc((docs[i]->npara + 1) * sizeof **whole);
		key[i] = xcalloc(docs[i]->npara + 1, sizeof **key);
		for (p = 0; p < docs[i]->npara; p++)
			whole[i][p] = DOC_SEGMENT;
		if (i == base)
			continue;
		nanchor[i] = align_para_anchors(b, docs[i], &anchors[i]);
		/*
		 * The alignment the other way round (session.h asks for both)
		 * finds its own anchors: count a paragraph only when those
		 * join it to the same partner.
		 */
		for (p = 0; p < b->npara; p++)
			partner[p] = UINT32_MAX;
		for (m = 0; m < nanchor[i]; m++)
			partner[anchors[i][2 * m]] = anchors[i][2 * m + 1];
		nback = align_para_anchors(docs[i], b, &back);
		for (m = 0; m < nback; m++)
			if (partner[back[2 * m + 1]] == back[2 * m])
				nanch[back[2 * m + 1]]++;
		if (back_anchors != NULL) {
			back_anchors[i] = back;
			nback_anchor[i] = nback;
		} else {
			free(back);
		}
	}
	for (p = 0; p < b->npara && n > 1; p++) {
		if (nanch[p] != n - 1)
			continue;
		whole[base][p] = cmpkeys_ascii_words(k,
			b->text->data + b->para[p].start,
			b->para[p].end - b->para[p].start,
			b->text->len - b->para[p].start);
		if (whole[base][p] != DOC_SEGMENT)
			key[base][p] = cmpkeys_new_id(k);
	}
	/* Partners share the base paragraph's count and key. */
	for (i = 0; i < n; i++) {
		pairs = anchors[i];
		np = nanchor[i];
		for (m = 0; m < np; m++) {
			whole[i][pairs[2 * m + 1]] = whole[base][pairs[2 * m]];
			key[i][pairs[2 * m + 1]] = key[base][pairs[2 * m]];
		}
	}
	twin = xcalloc(n, sizeof *twin);
	find_twins(docs, n, whole, twin);
	for (i = 0; i < n; i++) {
		docs[i]->twin = twin[i];
		docs[i]->reading = reading;
		doc_fill(docs[i], whole[i]);
		docs[i]->pkey = key[i];
		cmpkeys_classify(k, docs[i]);
		docs[i]->reading = NULL;
		if (reading != NULL)
			reading->before += texts[i]->len;
		/* classified once (session.c): the keys are in the units now */
		free(docs[i]->pkey);
		docs[i]->pkey = NULL;
		free(docs[i]->twin);
		docs[i]->twin = NULL;
		free(whole[i]);
	}
	free(twin);
	free(whole);
	free(key);
	free(nanch);
	free(partner);
}
