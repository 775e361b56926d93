/*
 * session.c — the versions of a comparison and a cache of what is known
 * about each pair of them (session.h).
 *
 * Two case modes, each with its keys, its docs and its cache of pairs:
 * mode 0 compares as the options say, mode 1 ignores case as well (the
 * browser's toggle; built when first needed).  Each pair's facts are
 * worked out from its alignment when first asked for and kept.
 *
 * Lazy docs (base only, or lazy base) serve the pairs with the base.  A
 * lazy base session keeps two more tables of pairs: one for every other
 * pair, each over lazy docs of its own two versions (lazy.h, as if they
 * were all there is), and one over whole docs for the presence tables
 * around another version, whose pairs must all read one doc of each
 * version.
 *
 * A subset (session_subset) keeps no pairs: it asks its parent, in the
 * parent's numbers and case mode (one for both), so a pair is worked out
 * once for both;
 * its modes hold the parent's keys and docs (borrowed) and presence
 * tables of its own.
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "lazy.h"
#include "session.h"
#include "xalloc.h"

/* What is known about version j against version i. */
struct pair {
	struct alignment *al;
	struct align_stats stats;	/* al's, kept when al is not */
	bool have_stats, have_changes, have_map;
	bool lent;			/* al handed out: never freed early */
	struct changes ch;
	uint8_t *op_kind;
	uint8_t *block_kinds;
	struct sentence_map map;
	int32_t *para_of;
	const char **labels;
};

struct mode {
	struct cmpkeys *keys;
	struct doc **docs;		/* NULL until first needed */
	struct pair *pair;		/* n * n, row i, column j */
	/*
	 * Lazy base: pairs without the base over docs of their own (n * n,
	 * pdocs[i * n + j] i's for the pair with j) and its anchors (i -> j);
	 * pairs over whole docs, and those docs (each NULL until needed; a
	 * lazy doc with no paragraph left whole serves as is).
	 */
	struct pair *opair;
	struct doc **pdocs;
	uint32_t **panch;
	size_t *npanch;
	struct pair *fpair;
	struct doc **full;
	struct presence **presence;	/* per base */
	/* Base only: docs built lazily, and base -> i anchors (lazy.h). */
	bool lazy;
	uint32_t **anchors, **back;	/* base -> i, and i -> base */
	size_t *nanchor, *nback;
};

struct session {
	struct text **texts;
	size_t n;
	struct session_opts o;
	struct mode mode[2];
	int cur;			/* the mode accessors read */
	struct session *parent;		/* a subset's, or NULL */
	size_t *pick;			/* a subset's versions, in parent's */
};

struct session *
session_new(struct text **texts, size_t n, const struct session_opts *o)
{
	struct session *s = xcalloc(1, sizeof *s);

	assert(n >= 1 && o->base < n);
	s->texts = xmalloc(n * sizeof *s->texts);
	memcpy(s->texts, texts, n * sizeof *s->texts);
	s->n = n;
	s->o = *o;
	return s;
}

static void
pair_clear(struct pair *p)
{
	align_free(p->al);
	changes_clear(&p->ch);
	free(p->op_kind);
	free(p->block_kinds);
	mapping_clear(&p->map);
	free(p->para_of);
	free(p->labels);
}

/*
 * Free everything mode md holds (of a session of n versions), zero it;
 * a subset's (not `own`) docs and keys are its parent's.
 */
static void
mode_clear(struct mode *md, size_t n, bool own)
{
	size_t i;

	if (md->pair != NULL)
		for (i = 0; i < n * n; i++)
			pair_clear(&md->pair[i]);
	free(md->pair);
	if (md->opair != NULL)
		for (i = 0; i < n * n; i++) {
			pair_clear(&md->opair[i]);
			doc_free(md->pdocs[i]);
			free(md->panch[i]);
		}
	free(md->opair);
	free(md->pdocs);
	free(md->panch);
	free(md->npanch);
	if (md->fpair != NULL)
		for (i = 0; i < n * n; i++)
			pair_clear(&md->fpair[i]);
	free(md->fpair);
	if (md->full != NULL)
		for (i = 0; i < n; i++)
			if (md->full[i] != md->docs[i])
				doc_free(md->full[i]);
	free(md->full);
	if (md->presence != NULL)
		for (i = 0; i < n; i++)
			presence_free(md->presence[i]);
	free(md->presence);
	if (md->docs != NULL && own)
		for (i = 0; i < n; i++)
			doc_free(md->docs[i]);
	free(md->docs);
	if (md->anchors != NULL)
		for (i = 0; i < n; i++)
			free(md->anchors[i]);
	free(md->anchors);
	free(md->nanchor);
	if (md->back != NULL)
		for (i = 0; i < n; i++)
			free(md->back[i]);
	free(md->back);
	free(md->nback);
	if (own)
		cmpkeys_free(md->keys);
	memset(md, 0, sizeof *md);
}

void
session_free(struct session *s)
{
	size_t i;

	if (s == NULL)
		return;
	mode_clear(&s->mode[0], s->n, s->parent == NULL);
	mode_clear(&s->mode[1], s->n, s->parent == NULL);
	for (i = 0; i < s->n && s->parent == NULL; i++)
		text_free(s->texts[i]);
	free(s->texts);
	free(s->pick);
	free(s);
}

void
session_replace(struct session *s, size_t i, struct text *t)
{
	assert(i < s->n && s->parent == NULL);
	mode_clear(&s->mode[0], s->n, true);
	mode_clear(&s->mode[1], s->n, true);
	text_free(s->texts[i]);
	s->texts[i] = t;
}

struct session *
session_subset(struct session *s, const size_t *pick, size_t k)
{
	struct session *sub = xcalloc(1, sizeof *sub);
	struct session *root = s->parent != NULL ? s->parent : s;
	size_t i, j;

	assert(k >= 1 && !s->o.base_only);
	sub->parent = root;
	sub->pick = xmalloc(k * sizeof *sub->pick);
	sub->texts = xmalloc(k * sizeof *sub->texts);
	sub->n = k;
	sub->o = root->o;
	sub->o.base = 0;
	sub->cur = s->cur;
	for (i = 0; i < k; i++) {
		assert(pick[i] < s->n);
		for (j = 0; j < i; j++)
			assert(pick[j] != pick[i]);
		sub->pick[i] = s->parent != NULL ? s->pick[pick[i]] : pick[i];
		sub->texts[i] = root->texts[sub->pick[i]];
		if (sub->pick[i] == root->o.base)
			sub->o.base = i;
	}
	return sub;
}

/* A subset's pair (i, j) is its parent's: the parent, i and j its own. */
static struct session *
in_parent(struct session *s, size_t *i, size_t *j)
{
	assert(*i < s->n && *j < s->n);
	*i = s->pick[*i];
	*j = s->pick[*j];
	return s->parent;
}

size_t
session_count(const struct session *s)
{
	return s->n;
}

size_t
session_base(const struct session *s)
{
	return s->o.base;
}

struct text *const *
session_texts(const struct session *s)
{
	return s->texts;
}

void
session_ignore_case(struct session *s, bool on)
{
	/* Keys that ignore case already: one mode serves both. */
	s->cur = on && !s->o.keys.ignore_case;
	if (s->parent != NULL)
		s->parent->cur = s->cur;
}

/* The start of reading the versions (doc.h), before a byte is read. */
static void
read_tick(const struct doc_reading *r)
{
	struct align_step at = { ALIGN_READ, NULL, NULL, 0, r->total, true };

	if (r->pg != NULL)
		r->pg->fn(r->pg->arg, &at);
}

/* The current mode, its docs built and classified. */
static struct mode *
mode_ready(struct session *s)
{
	struct mode *m = &s->mode[s->cur];
	struct cmpkeys_opts ko = s->o.keys;
	struct doc_reading r = { s->o.progress, 0, 0, DOC_READ_CHUNK };
	size_t i;

	if (s->parent != NULL) {	/* the parent's mode is the truth */
		s->cur = s->parent->cur;
		m = &s->mode[s->cur];
	}
	if (m->docs != NULL)
		return m;
	if (s->parent != NULL) {
		struct mode *pm = mode_ready(s->parent);

		m->keys = pm->keys;
		m->docs = xmalloc(s->n * sizeof *m->docs);
		for (i = 0; i < s->n; i++)
			m->docs[i] = pm->docs[s->pick[i]];
		m->presence = xcalloc(s->n, sizeof *m->presence);
		return m;
	}
	for (i = 0; i < s->n; i++)
		r.total += s->texts[i]->len;
	read_tick(&r);
	if (s->cur == 1)
		ko.ignore_case = true;
	m->keys = cmpkeys_new(&ko, s->o.eq);
	m->docs = xcalloc(s->n, sizeof *m->docs);
	m->pair = xcalloc(s->n * s->n, sizeof *m->pair);
	m->presence = xcalloc(s->n, sizeof *m->presence);
	if ((s->o.base_only || s->o.lazy_base) && s->n > 1) {
		m->lazy = true;
		m->anchors = xcalloc(s->n, sizeof *m->anchors);
		m->nanchor = xcalloc(s->n, sizeof *m->nanchor);
		m->back = xcalloc(s->n, sizeof *m->back);
		m->nback = xcalloc(s->n, sizeof *m->nback);
		lazy_docs_back(s->texts, s->n, s->o.base, m->keys, m->docs,
			       m->anchors, m->nanchor, m->back, m->nback,
			       r.pg != NULL ? &r : NULL);
		return m;
	}
	for (i = 0; i < s->n; i++) {
		/* doc_build, heard while it reads */
		m->docs[i] = doc_scan(s->texts[i]);
		m->docs[i]->reading = r.pg != NULL ? &r : NULL;
		doc_fill(m->docs[i], NULL);
		cmpkeys_classify(m->keys, m->docs[i]);
		m->docs[i]->reading = NULL;
		r.before += s->texts[i]->len;
	}
	return m;
}

struct doc *const *
session_docs(struct session *s)
{
	return mode_ready(s)->docs;
}

struct cmpkeys *
session_keys(struct session *s)
{
	return mode_ready(s)->keys;
}

/*
 * Is (i, j) the way round pair (i, j) is aligned, rather than read as the
 * mirror of (j, i)?  Decided by the texts alone (the shorter first, then
 * the bytes), so that versus A B and versus B A align the same way round
 * and show one comparison read from either side.
 */
static bool
aligned_way(const struct session *s, size_t i, size_t j)
{
	const struct text *x = s->texts[i], *y = s->texts[j];
	int c;

	if (x->len != y->len)
		return x->len < y->len;
	c = x->len ? memcmp(x->data, y->data, x->len) : 0;
	return c != 0 ? c > 0 : i <= j;
}

/* Does any paragraph of d stand whole (lazy.h)? */
static bool
has_whole(const struct doc *d)
{
	size_t p;

	for (p = 0; p < d->npara; p++)
		if (doc_para_whole(d, p))
			return true;
	return false;
}

/* Version v's doc built whole, in lazy mode m (built when first asked). */
static struct doc *
full_doc(struct session *s, struct mode *m, size_t v)
{
	struct doc *d;

	if (m->full == NULL)
		m->full = xcalloc(s->n, sizeof *m->full);
	if (m->full[v] != NULL)
		return m->full[v];
	d = m->docs[v];
	if (has_whole(d)) {
		d = doc_scan(s->texts[v]);
		doc_fill(d, NULL);
		cmpkeys_classify(m->keys, d);
	}
	return m->full[v] = d;
}

/* Which docs a pair reads: lazy ones, its own, whole ones. */
enum over { OVER_LAZY, OVER_OWN, OVER_WHOLE };

/*
 * The docs pair (i, j) of s (a session, not a subset) reads: in a lazy
 * base session, a pair without the base reads its own.
 */
static enum over
pair_over(const struct session *s, const struct mode *m, size_t i, size_t j)
{
	return m->lazy && i != s->o.base && j != s->o.base ? OVER_OWN :
		OVER_LAZY;
}

/* The slot of pair (i, j) in mode m of s, over docs `over`. */
static struct pair *
pair_slot(struct session *s, struct mode *m, size_t i, size_t j,
	  enum over over)
{
	struct pair **t = over == OVER_OWN ? &m->opair : &m->fpair;
	size_t n = s->n;

	assert(i < n && j < n);
	if (over == OVER_LAZY)
		return &m->pair[i * n + j];
	assert(!s->o.base_only);
	if (*t == NULL) {
		*t = xcalloc(n * n, sizeof **t);
		if (over == OVER_OWN) {
			m->pdocs = xcalloc(n * n, sizeof *m->pdocs);
			m->panch = xcalloc(n * n, sizeof *m->panch);
			m->npanch = xcalloc(n * n, sizeof *m->npanch);
		}
	}
	return &(*t)[i * n + j];
}

/* Lazy docs of versions i and j alone, and their anchors, once. */
static void
own_docs(struct session *s, struct mode *m, size_t i, size_t j)
{
	size_t n = s->n, lo = i < j ? i : j, hi = i < j ? j : i;
	struct text *t[2] = { s->texts[lo], s->texts[hi] };
	struct doc *d[2];
	uint32_t *anch[2], *back[2];
	size_t nanch[2], nback[2];

	if (m->pdocs[lo * n + hi] != NULL)
		return;
	lazy_docs_back(t, 2, 0, m->keys, d, anch, nanch, back, nback, NULL);
	m->pdocs[lo * n + hi] = d[0];
	m->pdocs[hi * n + lo] = d[1];
	m->panch[lo * n + hi] = anch[1];
	m->npanch[lo * n + hi] = nanch[1];
	m->panch[hi * n + lo] = back[1];
	m->npanch[hi * n + lo] = nback[1];
}

/* The pair (i, j) of the current mode, aligned, over docs `over`. */
static struct pair *
pair_in(struct session *s, size_t i, size_t j, enum over over)
{
	struct mode *m = mode_ready(s);
	struct pair *p, *q;
	size_t n = s->n;

	p = pair_slot(s, m, i, j, over);
	if (p->al != NULL)
		return p;
	/*
	 * Lazy docs hold paragraphs left whole that every pair with the
	 * base anchors, both ways round (lazy.h); the anchors from and to
	 * the base are known already.
	 */
	assert(!m->lazy || over != OVER_LAZY || i == s->o.base ||
	       j == s->o.base);
	if (aligned_way(s, i, j)) {
		struct align_opts ao = { 0 };

		ao.progress = s->o.progress;
		if (over == OVER_WHOLE) {
			p->al = align_build(full_doc(s, m, i),
					    full_doc(s, m, j), &ao);
			return p;
		}
		if (over == OVER_OWN) {
			own_docs(s, m, i, j);
			ao.anchors = m->panch[i * n + j];
			ao.nanchor = m->npanch[i * n + j];
			p->al = align_build(m->pdocs[i * n + j],
					    m->pdocs[j * n + i], &ao);
			/* Used once, as below. */
			free(m->panch[i * n + j]);
			free(m->panch[j * n + i]);
			m->panch[i * n + j] = m->panch[j * n + i] = NULL;
			m->npanch[i * n + j] = m->npanch[j * n + i] = 0;
			return p;
		}
		if (m->lazy && i == s->o.base) {
			ao.anchors = m->anchors[j];
			ao.nanchor = m->nanchor[j];
		} else if (m->lazy) {
			ao.anchors = m->back[i];
			ao.nanchor = m->nback[i];
		}
		p->al = align_build(m->docs[i], m->docs[j], &ao);
		if (m->lazy) {
			/*
			 * Used once: should the pair be built again (its
			 * mirror took it), align_build finds the same ones.
			 */
			size_t x = i == s->o.base ? j : i;

			free(m->anchors[x]);
			free(m->back[x]);
			m->anchors[x] = m->back[x] = NULL;
			m->nanchor[x] = m->nback[x] = 0;
		}
		return p;
	}
	q = pair_in(s, j, i, over);
	if (m->lazy && over != OVER_WHOLE && !q->lent && !q->have_changes &&
	    !q->have_map && !q->op_kind && !q->block_kinds && !q->para_of &&
	    !q->labels) {
		/*
		 * Base only: only one reading is ever shown; the other was
		 * wanted for its mirror (and similarity) alone, so the
		 * mirror is made in its storage.
		 */
		q->stats = q->al->stats;
		q->have_stats = true;
		p->al = align_mirror_take(q->al);
		q->al = NULL;
	} else {
		p->al = align_mirror(q->al);
	}
	return p;
}

/* The pair (i, j) of the current mode, aligned. */
static struct pair *
pair_get(struct session *s, size_t i, size_t j)
{
	if (s->parent != NULL)
		s = in_parent(s, &i, &j);
	return pair_in(s, i, j, pair_over(s, mode_ready(s), i, j));
}

const struct alignment *
session_alignment(struct session *s, size_t i, size_t j)
{
	struct pair *p = pair_get(s, i, j);

	p->lent = true;
	return p->al;
}

const struct align_stats *
session_stats(struct session *s, size_t i, size_t j)
{
	struct mode *m;
	struct pair *p;

	if (s->parent != NULL)
		s = in_parent(s, &i, &j);
	m = mode_ready(s);
	p = pair_slot(s, m, i, j, pair_over(s, m, i, j));
	if (!p->have_stats) {
		p->stats = pair_get(s, i, j)->al->stats;
		p->have_stats = true;
	}
	return &p->stats;
}

double
session_similarity(struct session *s, size_t i, size_t j)
{
	if (i == j)
		return 1.0;
	if (s->parent != NULL)
		s = in_parent(s, &i, &j);
	/*
	 * One alignment serves both ways round (the other is its mirror),
	 * and its similarity counts the words kept on both sides: the
	 * same number whichever way round the versions are given.
	 */
	return aligned_way(s, i, j) ? session_stats(s, i, j)->similarity :
		session_stats(s, j, i)->similarity;
}

bool
session_differs(struct session *s, size_t i, size_t j)
{
	return align_differs(pair_get(s, i, j)->al);
}

const struct changes *
session_changes(struct session *s, size_t i, size_t j)
{
	struct pair *p = pair_get(s, i, j);

	if (!p->have_changes) {
		facts_classify_progress(p->al, s->o.bp, &p->ch,
					s->o.progress);
		p->have_changes = true;
	}
	return &p->ch;
}

const uint8_t *
session_op_kinds(struct session *s, size_t i, size_t j)
{
	struct pair *p = pair_get(s, i, j);

	if (p->op_kind == NULL)
		p->op_kind = facts_op_kinds(p->al, session_changes(s, i, j));
	return p->op_kind;
}

const uint8_t *
session_block_kinds(struct session *s, size_t i, size_t j)
{
	struct pair *p = pair_get(s, i, j);
	const struct changes *ch;
	const struct alignment *al = p->al;
	size_t k;

	if (p->block_kinds != NULL)
		return p->block_kinds;
	ch = session_changes(s, i, j);
	p->block_kinds = xcalloc(al->nblock + 1, 1);
	for (k = 0; k < ch->n; k++) {
		const struct change *c = &ch->v[k];
		const struct block *bl = &al->block[c->block];

		uint32_t sub = align_diff_sub(al, c->op);

		p->block_kinds[c->block] |= c->kinds;
		if (bl->move && bl->twin < al->nblock)
			p->block_kinds[bl->twin] |= c->kinds;
		if (sub)	/* a sentence moved: both its paragraphs */
			p->block_kinds[al->sub[sub - 1].dst] |= c->kinds;
	}
	return p->block_kinds;
}

const struct sentence_map *
session_mapping(struct session *s, size_t i, size_t j)
{
	struct pair *p = pair_get(s, i, j);

	if (!p->have_map) {
		mapping_build_progress(p->al, &p->map, s->o.progress);
		p->have_map = true;
	}
	return &p->map;
}

/* The paragraph of d holding sentence `sent`, or d->npara. */
static size_t
para_of_sentence(const struct doc *d, uint32_t sent)
{
	size_t lo = 0, hi = d->npara;

	/* Paragraphs hold their sentences in order. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (d->para[mid].sent + d->para[mid].nsent <= sent)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < d->npara && sent >= d->para[lo].sent &&
	    sent < d->para[lo].sent + d->para[lo].nsent)
		return lo;
	return d->npara;
}

const int32_t *
session_paraphrase_of(struct session *s, size_t i, size_t j)
{
	struct pair *p = pair_get(s, i, j);
	const struct sentence_map *map;
	const struct alignment *al = p->al;
	const struct doc *a = al->a, *d = al->b;
	size_t k;

	if (p->para_of != NULL)
		return p->para_of;
	map = session_mapping(s, i, j);
	p->para_of = xcalloc(al->nblock + 1, sizeof *p->para_of);
	/*
	 * A block of B (inserted, or changed) holding a sentence that
	 * paraphrases one of A names the first such sentence's paragraph.
	 */
	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];
		uint32_t q, t;

		if (bl->nb == 0 || bl->kind == BLOCK_EQUAL)
			continue;
		for (q = bl->b; q < bl->b + bl->nb && !p->para_of[k]; q++)
			for (t = d->para[q].sent;
			     t < d->para[q].sent + d->para[q].nsent; t++) {
				uint32_t from = map->from[t];
				size_t pa;

				if (from == MAPPING_NONE || !map->paraphrase[t])
					continue;
				pa = para_of_sentence(a, from);
				if (pa < a->npara) {
					p->para_of[k] = (int32_t)pa + 1;
					break;
				}
			}
	}
	return p->para_of;
}

const char *const *
session_labels(struct session *s, size_t i, size_t j)
{
	struct pair *p = pair_get(s, i, j);

	if (p->labels == NULL) {
		p->labels = xcalloc(p->al->nblock + 1, sizeof *p->labels);
		if (s->o.bp != NULL)
			boiler_label_blocks(s->o.bp, p->al, p->labels);
	}
	return p->labels;
}

const struct presence *
session_presence(struct session *s, size_t base)
{
	struct mode *m = mode_ready(s);
	struct session *root = s->parent != NULL ? s->parent : s;
	struct mode *rm = mode_ready(root);
	struct alignment **al;
	struct doc **docs;
	size_t v, rb;
	bool full;

	assert(base < s->n);
	if (m->presence[base] != NULL)
		return m->presence[base];
	/*
	 * Every pair around the base must read one doc of each version:
	 * around another than the lazy docs' base, with a third version
	 * (a pair without that base), the whole ones.
	 */
	rb = s->parent != NULL ? s->pick[base] : base;
	full = false;
	for (v = 0; v < s->n; v++)
		if (v != base && rm->lazy && rb != root->o.base &&
		    (s->parent != NULL ? s->pick[v] : v) != root->o.base)
			full = true;
	al = xcalloc(s->n, sizeof *al);
	docs = xmalloc(s->n * sizeof *docs);
	for (v = 0; v < s->n; v++) {
		size_t rv = s->parent != NULL ? s->pick[v] : v;

		docs[v] = full ? full_doc(root, rm, rv) : rm->docs[rv];
		if (v != base) {
			struct pair *p = pair_in(root, rb, rv, full ?
						 OVER_WHOLE : OVER_LAZY);

			al[v] = p->al;
			p->lent = true;	/* the table points into it */
		}
	}
	m->presence[base] = presence_build(docs, s->n, base, al);
	free(docs);
	free(al);
	return m->presence[base];
}
