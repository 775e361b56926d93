/*
 * sites.h — the browser's view of the change sites (facts.h) of the pair
 * on screen: which sites each block holds and which site each word op
 * belongs to; the current edit, one site of the current change, whose
 * words are drawn in the current change's faces; and the keys that step
 * through the edits of a change (the six edits of one quotation), on to
 * the next change at either end.
 *
 * The sites are the session's (session_changes): the index only points
 * into them, and counts nothing.  A change (what next-change visits) is a
 * block; its sites are the ones whose `block` is that block, contiguous
 * in the session's list since sites come in reading order.  A move's
 * sites are at its source block.
 */
#ifndef VERSUS_SITES_H
#define VERSUS_SITES_H

#include <stddef.h>
#include <stdint.h>

#include "align.h"
#include "facts.h"
#include "screen.h"

struct browser;
struct reviewed;

struct site_index {
	const struct alignment *al;	/* what is indexed, or NULL */
	const struct changes *ch;	/* the session's sites */
	uint32_t *first;	/* per block, and one more: block k's sites are
				   [first[k], first[k + 1]) */
	uint32_t *op_site;	/* per word op: its site + 1, or 0 */
	uint64_t *key;		/* per site: reviewed.h's key; NULL while
				   there is no reviewed mark */
	struct reviewed *marks;	/* the pair's reviewed marks, or NULL */
};

/*
 * Index the sites ch of al (a no-op when x already indexes al).  Loads
 * the pair's reviewed marks; a message about them, if any, goes to msg.
 */
void sites_build(struct site_index *x, const struct alignment *al,
		 const struct changes *ch, char *msg, size_t msgsize);

void sites_free(struct site_index *x);

/* The current edit, or -1 when there is none or it is stale. */
long sites_current(const struct browser *b);

/* Is site i marked reviewed?  Are all the sites of block k? */
bool sites_reviewed(const struct site_index *x, size_t i);
bool sites_block_reviewed(const struct site_index *x, uint32_t k);

/*
 * The face of a word of word op `op` (-1: none) on `side`, drawn in
 * style `style` (render.h), whose face is f otherwise: the current
 * change's faces for the words of the current edit (or, without one, of
 * every edit of the current change), dimmed for a reviewed site.
 */
enum face sites_face(const struct browser *b, long op, int side,
		     uint8_t style, enum face f);

/* Scroll the diff view so that site i shows, if it does not already. */
void sites_show(struct browser *b, size_t i);

/* " edit 2/6" for the status line, or "" without a current edit. */
void sites_status(const struct browser *b, char *out, size_t size);

/*
 * Mark site `site` reviewed, or unmark it; with site < 0, every site of
 * the current change (unmarked when all are marked).  The file is written
 * at once.  Returns RE_* flags.
 */
int sites_toggle(struct browser *b, long site);

/*
 * The sites to report: all of them, or while reviewed changes are
 * skipped, those not marked, copied into *tmp (changes_clear() it).
 */
const struct changes *sites_unreviewed(const struct browser *b,
				       struct changes *tmp);

/* Handlers: next-edit and previous-edit, toggle-reviewed, and
   toggle-skip-reviewed. */
int act_step_edit(struct browser *b, int action, unsigned count);
int act_toggle_reviewed(struct browser *b, int action, unsigned count);
int act_skip_reviewed(struct browser *b, int action, unsigned count);

#endif
