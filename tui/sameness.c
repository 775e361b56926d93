/*
 * sameness.c — when the two versions on screen show no difference, what
 * makes them the same: the same bytes, the same text, or the foldings the
 * comparison applied (case, typography, spelling equivalences, white
 * space).  The status line says it instead of counting zero changes.
 *
 * A pair with a substantive change costs nothing here (the session's
 * counts say so at once); a pair without one is read once, then the
 * answer is kept for as long as that pair is on screen.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "browse.h"
#include "fold.h"
#include <stdlib.h>

#include "xalloc.h"

/* What made the words of an op the same, as bits. */
enum { SAME_CASE = 1, SAME_TYPOGRAPHY = 2, SAME_SPELLING = 4,
       SAME_SPACE = 8 };

static bool
is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Equal once every run of ASCII white space is one space? */
static bool
same_but_space(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
	size_t i = 0, j = 0;

	while (i < na && j < nb) {
		if (is_space(a[i]) && is_space(b[j])) {
			while (i < na && is_space(a[i]))
				i++;
			while (j < nb && is_space(b[j]))
				j++;
		} else if (a[i++] != b[j++]) {
			return false;
		}
	}
	return i == na && j == nb;
}

/* Bytes of units [u, u + n) of d: from the first token to the last. */
static void
units_bytes(const struct doc *d, uint32_t u, uint32_t n, size_t *s,
	    size_t *e)
{
	const struct unit *f = &d->unit[u], *l = &d->unit[u + n - 1];
	const struct token *lt = &d->tok[unit_last_tok(d, l)];

	*s = d->tok[f->tok].off;
	*e = lt->off + lt->len;
}

/* The letters and digits of s, case folded (and NFKC): what a reader reads. */
static uint8_t *
letters(const uint8_t *s, size_t n, size_t *len)
{
	size_t fl, i = 0, o = 0;
	uint8_t *f = fold_string(s, n, &fl);

	while (i < fl) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, f + i, fl - i);

		if (uc_is_alnum(uc)) {
			memmove(f + o, f + i, (size_t)k);
			o += (size_t)k;
		}
		i += (size_t)k;
	}
	*len = o;
	return f;
}

/* How bytes a[0 .. na) and b[0 .. nb), which differ, are the same. */
static unsigned
classify(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
	int r = 1;
	size_t la, lb;
	uint8_t *fa, *fb;
	unsigned what;

	if (same_but_space(a, na, b, nb))
		return SAME_SPACE;
	if (u8_casecmp(a, na, b, nb, NULL, NULL, &r) == 0 && r == 0)
		return SAME_CASE;
	fa = letters(a, na, &la);
	fb = letters(b, nb, &lb);
	what = la == lb && memcmp(fa, fb, la) == 0 ? SAME_TYPOGRAPHY :
		SAME_SPELLING;
	free(fa);
	free(fb);
	return what;
}

/* The foldings the ops of al needed, as bits. */
static unsigned
foldings(const struct alignment *al)
{
	const uint8_t *da = al->a->text->data, *db = al->b->text->data;
	unsigned what = 0;
	size_t o;

	for (o = 0; o < al->nop; o++) {
		const struct wop *w = &al->op[o];
		size_t a0, a1, b0, b1;

		if (w->na == 0 || w->nb == 0)
			continue;
		units_bytes(al->a, w->a, w->na, &a0, &a1);
		units_bytes(al->b, w->b, w->nb, &b0, &b1);
		if (a1 - a0 == b1 - b0 && memcmp(da + a0, db + b0, a1 - a0) == 0)
			continue;
		what |= classify(da + a0, a1 - a0, db + b0, b1 - b0);
	}
	return what;
}

/* Is every block of al equal (cosmetic differences allowed)? */
static bool
all_equal(const struct alignment *al)
{
	size_t k;

	for (k = 0; k < al->nblock; k++)
		if (al->block[k].kind != BLOCK_EQUAL || al->block[k].move)
			return false;
	return true;
}

static void
describe(const struct browser *b, char *out, size_t size)
{
	const struct text *ta = b->al->a->text, *tb = b->al->b->text;
	const struct align_stats *st = session_stats(b->s, b->left, b->right);
	static const char *const names[] = { "case", "typography",
					     "spelling", "white space" };
	unsigned what;
	size_t n = 0;
	int i, k = 0;

	out[0] = '\0';
	if (st->substantive > 0 || !all_equal(b->al))
		return;
	if (ta->raw_len == tb->raw_len &&
	    memcmp(ta->raw, tb->raw, ta->raw_len) == 0) {
		snprintf(out, size, "no differences: the files are identical");
		return;
	}
	if (ta->len == tb->len && memcmp(ta->data, tb->data, ta->len) == 0) {
		snprintf(out, size, "no differences: the same text");
		return;
	}
	what = foldings(b->al);
	if (what == 0)
		what = SAME_SPACE;	/* between the ops: blank lines */
	n = (size_t)snprintf(out, size, "no differences after folding ");
	for (i = 0; i < 4; i++) {
		if (!(what & (1u << i)) || n >= size)
			continue;
		n += (size_t)snprintf(out + n, size - n, "%s%s", k ? "/" : "",
				      names[i]);
		k++;
	}
	if (n < size && st->cosmetic > 0)
		snprintf(out + n, size - n, " (%zu cosmetic change%s)",
			 st->cosmetic, st->cosmetic == 1 ? "" : "s");
}

/* The last answer: for which pair (and alignment) it was worked out. */
static struct {
	const struct session *s;
	const struct alignment *al;
	size_t left, right;
	bool ignore_case;
	char text[128];
} memo;

const char *
browse_sameness(const struct browser *b)
{
	if (b->al == NULL)
		return "";
	if (memo.s != b->s || memo.al != b->al || memo.left != b->left ||
	    memo.right != b->right || memo.ignore_case != b->ignore_case) {
		describe(b, memo.text, sizeof memo.text);
		memo.s = b->s;
		memo.al = b->al;
		memo.left = b->left;
		memo.right = b->right;
		memo.ignore_case = b->ignore_case;
	}
	return memo.text;
}
