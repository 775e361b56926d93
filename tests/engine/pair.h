/*
 * pair.h — the test fixture of two versions taken through the whole
 * engine: loaded, segmented, classified by one set of keys with the
 * built-in equivalences, aligned, and their change sites classified
 * with the built-in boilerplate rules.
 * Shared by the engine's unit tests (header-only, static inline).
 */
#ifndef VERSUS_TEST_PAIR_H
#define VERSUS_TEST_PAIR_H

#include <string.h>

#include "align.h"
#include "boiler.h"
#include "doc.h"
#include "equiv.h"
#include "facts.h"
#include "cmpkeys.h"
#include "text.h"

struct pair {
	struct text *ta, *tb;
	struct doc *a, *b;
	struct equiv *eq;
	struct cmpkeys *k;
	struct alignment *al;
	struct boiler *bp;
	struct changes ch;
};

/* Everything after the texts, which p->ta and p->tb hold. */
static inline void
pair_build(struct pair *p)
{
	struct cmpkeys_opts ko = { 0 };

	p->a = doc_build(p->ta);
	p->b = doc_build(p->tb);
	p->eq = equiv_new_builtin();
	p->k = cmpkeys_new(&ko, p->eq);
	cmpkeys_classify(p->k, p->a);
	cmpkeys_classify(p->k, p->b);
	p->al = align_build(p->a, p->b, NULL);
	p->bp = boiler_new_builtin();
	facts_classify(p->al, p->bp, &p->ch);
}

/* From memory, the versions named na and nb. */
static inline void
pair_mem(struct pair *p, const char *na, const char *a, const char *nb,
	 const char *b)
{
	struct text_opts to = { 0 };

	p->ta = text_from_bytes(na, a, strlen(a), &to, NULL);
	p->tb = text_from_bytes(nb, b, strlen(b), &to, NULL);
	pair_build(p);
}

/* From memory, named "a" and "b". */
static inline void
pair_open(struct pair *p, const char *a, const char *b)
{
	pair_mem(p, "a", a, "b", b);
}

/* From files; -1 when one cannot be read. */
static inline int
pair_files(struct pair *p, const char *pa, const char *pb)
{
	struct text_opts to = { 0 };

	p->ta = text_load(pa, &to, NULL);
	p->tb = text_load(pb, &to, NULL);
	if (p->ta == NULL || p->tb == NULL)
		return -1;
	pair_build(p);
	return 0;
}

static inline void
pair_close(struct pair *p)
{
	changes_clear(&p->ch);
	boiler_free(p->bp);
	align_free(p->al);
	cmpkeys_free(p->k);
	equiv_free(p->eq);
	doc_free(p->a);
	doc_free(p->b);
	text_free(p->ta);
	text_free(p->tb);
}

#endif
