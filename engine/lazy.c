/*
 * lazy.c — which paragraphs of a set of versions need segmenting (lazy.h).
 *
 * Every doc is scanned (paragraphs and their hashes), the base is anchored
 * against each other version, and a paragraph of the base is left whole
 * when every other version anchors it and its words can be counted as it
 * is; its partners in the other versions are then left whole with it, and
 * everything else is segmented.  Anchors join byte-equal paragraphs, so a
 * paragraph left whole on one side of a comparison is left whole on the
 * other too, with the same key, and the alignment pairs them as the fully
 * segmented paragraphs would be paired: equal.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "align.h"
#include "lazy.h"
#include "xalloc.h"

void
lazy_docs(struct text *const *texts, size_t n, size_t base,
	  struct keys *k, struct doc **docs)
{
	struct doc *b;
	uint32_t **whole = xcalloc(n, sizeof *whole);
	uint32_t **pairs = xcalloc(n, sizeof *pairs), *nanch;
	size_t *np = xcalloc(n, sizeof *np), i, p, m;

	for (i = 0; i < n; i++)
		docs[i] = doc_scan(texts[i]);
	b = docs[base];
	/* How many other versions anchor each base paragraph. */
	nanch = xcalloc(b->npara + 1, sizeof *nanch);
	for (i = 0; i < n; i++) {
		whole[i] = xmalloc((docs[i]->npara + 1) * sizeof **whole);
		for (p = 0; p < docs[i]->npara; p++)
			whole[i][p] = DOC_SEGMENT;
		if (i == base)
			continue;
		np[i] = align_para_anchors(b, docs[i], &pairs[i]);
		for (m = 0; m < np[i]; m++)
			nanch[pairs[i][2 * m]]++;
	}
	for (p = 0; p < b->npara && n > 1; p++)
		if (nanch[p] == n - 1)
			whole[base][p] = keys_ascii_words(k,
				b->text->data + b->para[p].start,
				b->para[p].end - b->para[p].start);
	for (i = 0; i < n; i++)
		for (m = 0; m < np[i]; m++)
			whole[i][pairs[i][2 * m + 1]] =
				whole[base][pairs[i][2 * m]];
	for (i = 0; i < n; i++) {
		doc_fill(docs[i], whole[i]);
		keys_classify(k, docs[i]);
		free(whole[i]);
		free(pairs[i]);
	}
	free(whole);
	free(pairs);
	free(np);
	free(nanch);
}
