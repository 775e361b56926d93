/*
 * find.c — the browser's search: the typed form with smart case, and the
 * form folded as the comparison folds (see find.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>

#include "find.h"
#include "text.h"
#include "width.h"
#include "xalloc.h"

/* A unit's shape: what a capital in the pattern asks of it. */
enum {
	FIND_CAP = 1,		/* its first letter is a capital */
	FIND_CAPS = 2,		/* all its letters are */
};

void
find_init(struct find *f)
{
	memset(f, 0, sizeof *f);
}

static void
forget_units(struct find *f)
{
	free(f->fold);
	free(f->shape);
	f->fold = NULL;
	f->shape = NULL;
	f->nunit = 0;
	f->keys = NULL;
}

void
find_clear(struct find *f)
{
	forget_units(f);
	find_init(f);
}

void
find_set(struct find *f, const char *pat)
{
	size_t i, n;
	uint32_t uc;

	forget_units(f);
	f->len = strlen(pat);
	if (f->len >= sizeof f->pat)
		f->len = sizeof f->pat - 1;
	memcpy(f->pat, pat, f->len);
	f->pat[f->len] = '\0';
	f->exact = false;
	for (i = 0; i < f->len; i += n) {
		n = width_decode((const uint8_t *)f->pat + i, f->len - i, &uc);
		if (uc_is_upper(uc))
			f->exact = true;
	}
}

/* --- the typed form ------------------------------------------------------ */

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The length of the match of f's pattern at s[i] (s has n bytes), or 0. */
static size_t
match_at(const struct find *f, const uint8_t *s, size_t n, size_t i)
{
	const uint8_t *p = (const uint8_t *)f->pat;
	size_t k = 0, j = i, lp, ls;
	uint32_t a, b;

	while (k < f->len) {
		if (j >= n)
			return 0;
		if (s[j] < 0x80 && p[k] < 0x80) {
			if (s[j] != p[k] &&
			    (f->exact || lower(s[j]) != lower(p[k])))
				return 0;
			j++;
			k++;
			continue;
		}
		ls = width_decode(s + j, n - j, &a);
		lp = width_decode(p + k, f->len - k, &b);
		/* An invalid byte matches only the same byte. */
		if (a == 0xFFFD || b == 0xFFFD) {
			if (ls != lp || memcmp(s + j, p + k, ls) != 0)
				return 0;
		} else if (a != b &&
			   (f->exact || uc_tolower(a) != uc_tolower(b))) {
			return 0;
		}
		j += ls;
		k += lp;
	}
	return j - i;
}

long
find_bytes(const struct find *f, const uint8_t *s, size_t n, size_t from,
	   size_t to, bool backward, size_t *len)
{
	size_t i, m;

	if (f->len == 0)
		return -1;
	if (to > n)
		to = n;
	for (i = backward ? to : from; backward ? i > from : i < to;) {
		size_t at = backward ? --i : i++;

		if ((s[at] & 0xC0) == 0x80)
			continue;	/* inside a character */
		m = match_at(f, s, n, at);
		if (m > 0) {
			*len = m;
			return (long)at;
		}
	}
	return -1;
}

/* --- the folded form ----------------------------------------------------- */

/* The shape of bytes s[0 .. n-1]. */
static uint8_t
shape_of(const uint8_t *s, size_t n)
{
	size_t i, k;
	uint32_t uc;
	bool first = true, all = true, any = false;
	uint8_t sh = 0;

	for (i = 0; i < n; i += k) {
		k = width_decode(s + i, n - i, &uc);
		if (!uc_is_alpha(uc))
			continue;
		any = true;
		if (first && uc_is_upper(uc))
			sh |= FIND_CAP;
		first = false;
		if (!uc_is_upper(uc))
			all = false;
	}
	if (any && all)
		sh |= FIND_CAPS;
	return sh;
}

/* Bytes [*s, *e) of unit u of d. */
static void
unit_bytes(const struct doc *d, size_t u, size_t *s, size_t *e)
{
	const struct unit *un = &d->unit[u];
	const struct token *l = &d->tok[unit_last_tok(d, un)];

	*s = d->tok[un->tok].off;
	*e = l->off + l->len;
}

/*
 * A word after the pattern when it is classified: "U.S." at the end of a
 * text is "U.S" and a full stop (equivalences, data/equivalences), where
 * a reader searching for it means the name, as inside a sentence.
 */
#define AFTER " zqxjv"

/* The pattern's units under keys k. */
static void
classify(struct find *f, struct cmpkeys *k)
{
	struct text_opts to = { "UTF-8", false, TEXT_FORMAT_TEXT };
	char buf[sizeof f->pat + sizeof AFTER];
	struct text *t;
	struct doc *d;
	size_t u, s, e;

	forget_units(f);
	f->keys = k;
	memcpy(buf, f->pat, f->len);
	memcpy(buf + f->len, AFTER, sizeof AFTER);
	t = text_from_bytes("search", buf, f->len + sizeof AFTER - 1, &to,
			    NULL);
	if (t == NULL)
		return;
	d = doc_build(t);
	cmpkeys_classify(k, d);
	f->fold = xmalloc((d->nunit + 1) * sizeof *f->fold);
	f->shape = xmalloc(d->nunit + 1);
	for (u = 0; u < d->nunit; u++) {
		unit_bytes(d, u, &s, &e);
		if (e > f->len)
			break;	/* the word after it */
		f->fold[u] = d->unit[u].fold;
		f->shape[u] = shape_of(t->data + s, e - s);
	}
	f->nunit = u;
	doc_free(d);
	text_free(t);
}

/* Whether the pattern's units are d's from unit u on. */
static bool
units_at(const struct find *f, const struct doc *d, size_t u)
{
	size_t k, s, e;

	if (u + f->nunit > d->nunit)
		return false;
	for (k = 0; k < f->nunit; k++) {
		if (d->unit[u + k].fold != f->fold[k])
			return false;
		if (!f->exact)
			continue;
		unit_bytes(d, u + k, &s, &e);
		if (shape_of(d->text->data + s, e - s) != f->shape[k])
			return false;
	}
	return true;
}

/* The first unit of d starting at or after byte off. */
static size_t
unit_from(const struct doc *d, size_t off)
{
	size_t lo = 0, hi = d->nunit;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->tok[d->unit[mid].tok].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static long find_units(const struct find *f, struct cmpkeys *k,
		       const struct doc *d, size_t from, size_t to,
		       bool backward, size_t *len);

/*
 * In a paragraph that lazy docs (lazy.h) left whole, unit u of d: its
 * bytes, segmented and classified alone, searched in [from, to).
 */
static long
find_whole(const struct find *f, struct cmpkeys *k, const struct doc *d,
	   size_t u, size_t from, size_t to, bool backward, size_t *len)
{
	const struct para *pa =
		&d->para[doc_para_of_token(d, d->unit[u].tok)];
	struct text t = *d->text;
	struct doc *w;
	long at;

	if (from < pa->start)
		from = pa->start;
	if (to > pa->end)
		to = pa->end;
	if (from >= to)
		return -1;
	t.data += pa->start;
	t.len = pa->end - pa->start;
	t.labels = NULL;
	t.nlabels = 0;
	t.orig = NULL;
	w = doc_build(&t);
	cmpkeys_classify(k, w);
	at = find_units(f, k, w, from - pa->start, to - pa->start, backward,
			len);
	doc_free(w);
	return at < 0 ? -1 : at + (long)pa->start;
}

static long
find_units(const struct find *f, struct cmpkeys *k, const struct doc *d,
	   size_t from, size_t to, bool backward, size_t *len)
{
	size_t u0 = unit_from(d, from), u1 = unit_from(d, to), u, s, e, x;
	long w;

	/* The unit before from may be a whole paragraph holding it. */
	if (u0 > 0 && d->tok[d->unit[u0 - 1].tok].kind == TOK_PARA)
		u0--;
	for (u = backward ? u1 : u0; backward ? u > u0 : u < u1;) {
		size_t at = backward ? --u : u++;

		if (d->tok[d->unit[at].tok].kind == TOK_PARA) {
			w = find_whole(f, k, d, at, from, to, backward, len);
			if (w >= 0)
				return w;
			continue;
		}
		if (!units_at(f, d, at))
			continue;
		unit_bytes(d, at, &s, &e);
		if (f->nunit > 1)
			unit_bytes(d, at + f->nunit - 1, &x, &e);
		*len = e - s;
		return (long)s;
	}
	return -1;
}

long
find_in(struct find *f, struct cmpkeys *k, const struct doc *d, size_t from,
	size_t to, bool backward, size_t *len)
{
	const struct text *t = d->text;
	size_t tl = 0, fl = 0;
	long th, fh = -1;

	th = find_bytes(f, t->data, t->len, from, to, backward, &tl);
	if (k != NULL && d->unit != NULL && f->len > 0) {
		if (f->keys != k)
			classify(f, k);
		if (f->nunit > 0)
			fh = find_units(f, k, d, from, to, backward, &fl);
	}
	if (fh < 0 || (th >= 0 && (backward ? th >= fh : th <= fh))) {
		*len = tl;
		return th;
	}
	*len = fl;
	return fh;
}
