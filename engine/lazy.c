/*
 * lazy.c — which paragraphs of a set of versions need segmenting (lazy.h).
 *
 * Every doc is scanned (paragraphs and their hashes), the base is anchored
 * against each other version, and a paragraph of the base is left whole
 * when every other version anchors it and its words can be counted as it
 * is; its partners in the other versions are then left whole with it, and
 * everything else is segmented.  Scanning, counting and segmenting run on
 * two threads (par.h): each doc, and each half of the base's paragraphs,
 * is the work of one; classifying, which shares the keys, runs on one.
 * Anchors join byte-equal paragraphs, so a
 * paragraph left whole on one side of a comparison is left whole on the
 * other too, with the same key, and the alignment pairs them as the fully
 * segmented paragraphs would be paired: equal.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "lazy.h"
#include "par.h"
#include "xalloc.h"

/* Work for two threads: every other doc, or half of the base's counts. */
struct half {
	struct text *const *texts;
	struct doc **docs;
	uint32_t **whole;
	size_t n, from;
	/* counting */
	const struct keys *k;
	const struct doc *b;
	uint32_t *count;	/* whole[base] */
	const uint32_t *nanch;
	size_t p0, p1, need;
};

static void
scan_half(void *arg)
{
	struct half *h = arg;
	size_t i;

	for (i = h->from; i < h->n; i += 2)
		h->docs[i] = doc_scan(h->texts[i]);
}

static void
fill_half(void *arg)
{
	struct half *h = arg;
	size_t i;

	for (i = h->from; i < h->n; i += 2)
		doc_fill(h->docs[i], h->whole[i]);
}

/* The words of the base paragraphs [p0, p1) anchored in every comparison. */
static void
count_half(void *arg)
{
	struct half *h = arg;
	const struct doc *b = h->b;
	size_t p;

	for (p = h->p0; p < h->p1; p++)
		if (h->nanch[p] == h->need)
			h->count[p] = keys_ascii_words(h->k,
				b->text->data + b->para[p].start,
				b->para[p].end - b->para[p].start,
				b->text->len - b->para[p].start);
}

/*
 * Run fn on two halves: at once, h[0] on a thread and h[1] here, when
 * there are more than PAR_MIN bytes to work on; else one after the other,
 * as starting and joining a thread costs more than a short text.
 */
#define PAR_MIN		(4096 * 1024)

static void
both(void (*fn)(void *), struct half *h, size_t bytes)
{
	struct par_task *t = NULL;

	if (bytes > PAR_MIN)
		t = par_start(fn, &h[0]);
	else
		fn(&h[0]);
	fn(&h[1]);
	par_wait(t);
}

void
lazy_docs(struct text *const *texts, size_t n, size_t base,
	  struct keys *k, struct doc **docs, uint32_t **anchors,
	  size_t *nanchor)
{
	struct doc *b;
	uint32_t **whole = xcalloc(n, sizeof *whole);
	uint32_t **key = xcalloc(n, sizeof *key), *nanch, *pairs;
	struct half h[2];
	size_t i, p, m, np, bytes, mid, total;

	memset(h, 0, sizeof h);
	for (i = 0; i < 2; i++) {
		h[i].texts = texts;
		h[i].docs = docs;
		h[i].whole = whole;
		h[i].n = n;
		h[i].from = i;
		h[i].k = k;
	}
	for (i = 0, total = 0; i < n; i++)
		total += texts[i]->len;
	both(scan_half, h, total);
	b = docs[base];
	/* How many other versions anchor each base paragraph. */
	nanch = xcalloc(b->npara + 1, sizeof *nanch);
	for (i = 0; i < n; i++) {
		anchors[i] = NULL;
		nanchor[i] = 0;
		whole[i] = xmalloc((docs[i]->npara + 1) * sizeof **whole);
		key[i] = xcalloc(docs[i]->npara + 1, sizeof **key);
		for (p = 0; p < docs[i]->npara; p++)
			whole[i][p] = DOC_SEGMENT;
		if (i == base)
			continue;
		nanchor[i] = align_para_anchors(b, docs[i], &anchors[i]);
		for (m = 0; m < nanchor[i]; m++)
			nanch[anchors[i][2 * m]]++;
	}
	/* Count in two halves of about as many bytes. */
	mid = 0;
	bytes = b->npara ? b->para[b->npara - 1].end / 2 : 0;
	while (mid < b->npara && b->para[mid].start < bytes)
		mid++;
	for (i = 0; i < 2; i++) {
		h[i].b = b;
		h[i].count = whole[base];
		h[i].nanch = nanch;
		h[i].need = n > 1 ? n - 1 : SIZE_MAX;
		h[i].p0 = i ? mid : 0;
		h[i].p1 = i ? b->npara : mid;
	}
	both(count_half, h, total);
	for (p = 0; p < b->npara; p++)
		if (whole[base][p] != DOC_SEGMENT)
			key[base][p] = keys_new_id(k);
	/* Partners share the base paragraph's count and key. */
	for (i = 0; i < n; i++) {
		pairs = anchors[i];
		np = nanchor[i];
		for (m = 0; m < np; m++) {
			whole[i][pairs[2 * m + 1]] = whole[base][pairs[2 * m]];
			key[i][pairs[2 * m + 1]] = key[base][pairs[2 * m]];
		}
	}
	both(fill_half, h, total);
	for (i = 0; i < n; i++) {
		docs[i]->pkey = key[i];
		keys_classify(k, docs[i]);
		free(whole[i]);
	}
	free(whole);
	free(key);
	free(nanch);
}
