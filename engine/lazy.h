/*
 * lazy.h — building the docs of a comparison so that only what changed is
 * segmented.
 *
 * The outputs that report changes rather than draw whole texts (--json,
 * --stat) compare every version with the base only.  A paragraph that the
 * alignment anchors byte for byte in every one of those comparisons, read
 * either way round (align_para_anchors), is never looked inside, so it is left whole
 * (doc_fill): no tokens, sentences or units of its own, one unit keyed by
 * its bytes.  Its words must still be counted for the statistics; that is
 * done without segmenting it when cmpkeys_ascii_words can tell the count, and
 * the paragraph is segmented after all when it cannot.  On an edited copy
 * of a long text nearly every paragraph is anchored, and the cost of a
 * comparison follows the size of the change instead of the size of the
 * text.
 *
 * Contract: the alignment of lazily built docs, the base against another
 * version or the other way round, has the same blocks, the same
 * operations at the same byte offsets and the same statistics as that of
 * fully built ones (tests/engine/test-lazy.c compares them).  In the
 * program only session.c calls this: no view knows which paragraphs
 * were left whole.
 */
#ifndef VERSUS_LAZY_H
#define VERSUS_LAZY_H

#include <stddef.h>

#include "doc.h"
#include "cmpkeys.h"

/*
 * Build and classify docs[i] for texts[i], i < n, to be compared with
 * docs[base] only (either way round).  anchors[i] and nanchor[i] get align_para_anchors()
 * of docs[base] and docs[i] (NULL and 0 for the base), for align_opts;
 * the caller frees anchors[i].
 */
void lazy_docs(struct text *const *texts, size_t n, size_t base,
	       struct cmpkeys *k, struct doc **docs, uint32_t **anchors,
	       size_t *nanchor);

/*
 * The same, also giving back_anchors[i] and nback_anchor[i]: the anchors
 * of docs[i] against docs[base] (align_para_anchors the other way round),
 * for the alignment read that way; the caller frees back_anchors[i].
 * reading, when not NULL, hears the docs segmented and classified
 * (doc.h); reading->before is the bytes of texts[0 .. i - 1] as docs[i]
 * is.
 */
void lazy_docs_back(struct text *const *texts, size_t n, size_t base,
		    struct cmpkeys *k, struct doc **docs, uint32_t **anchors,
		    size_t *nanchor, uint32_t **back_anchors,
		    size_t *nback_anchor, struct doc_reading *reading);

#endif
