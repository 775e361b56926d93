/*
 * fold.c — cosmetic folding, and the NFC of strict keys (fold.h).
 *
 * The steps of cosmetic folding, in order:
 *
 *  1. map_char on every character: quotes and apostrophes to ' or ",
 *     dashes and hyphens to -, space separators to a space, soft hyphen
 *     and zero-width characters dropped;
 *  2. NFKC and full case folding together (u8_casefold with UNINORM_NFKC,
 *     which is NFKC(casefold(NFKD(x))), so "ﬁ" gives "fi", "ＡＢＣ" "abc"
 *     and "℡" "tel");
 *  3. map_char once more, for what step 2 produced: NFKC turns "﹘" into
 *     "—" and "″" into "′′", which step 1 had to see first;
 *  4. digit grouping (ungroup): a "," "'" or space between digits that is
 *     followed by exactly three digits is dropped, so "1,000,000" and
 *     "1'000'000" give "1000000" while "3,5" and "1,0000" stay.
 *
 * Step 1 runs before NFKC because NFKC would otherwise spoil some of the
 * characters it looks for ("´" becomes space + combining acute).  Invalid
 * UTF-8 bytes are never shown to libunistring: they are copied as they are,
 * and the valid runs between them are folded.
 *
 * For pure ASCII, steps 1-3 reduce to lower-casing A-Z and mapping "`" to
 * "'" (NFKC and case folding of ASCII are exactly that), so the fast path
 * does only this, with no libunistring call; tests/engine/test-fold.c
 * checks that both paths agree.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "fold.h"
#include "xalloc.h"

void
fold_buf_reserve(struct fold_buf *b, size_t more)
{
	/* Always leave a buffer behind, so p + len is never NULL + 0. */
	if (b->p == NULL || b->cap - b->len < more)
		b->p = xgrow(b->p, &b->cap, b->len + more + 1, 1);
}

void
fold_buf_append(struct fold_buf *b, const uint8_t *s, size_t n)
{
	if (n == 0)
		return;
	fold_buf_reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

/*
 * Step 1 and 3 of folding: -1 keeps uc, 0 drops it, anything else is the
 * ASCII character that replaces it.
 */
static int
map_char(ucs4_t uc)
{
	switch (uc) {
	case 0x0060:	/* ` grave accent */
	case 0x00b4:	/* ´ acute accent */
	case 0x02bc:	/* ʼ modifier letter apostrophe */
	case 0x2018:	/* ‘ */
	case 0x2019:	/* ’ */
	case 0x201a:	/* ‚ */
	case 0x201b:	/* ‛ */
	case 0x2032:	/* ′ prime */
	case 0x2035:	/* ‵ reversed prime */
	case 0x2039:	/* ‹ */
	case 0x203a:	/* › */
		return '\'';
	case 0x00ab:	/* « */
	case 0x00bb:	/* » */
	case 0x201c:	/* “ */
	case 0x201d:	/* ” */
	case 0x201e:	/* „ */
	case 0x201f:	/* ‟ */
	case 0x2033:	/* ″ double prime */
	case 0x2036:	/* ‶ reversed double prime */
	case 0x301d:	/* 〝 */
	case 0x301e:	/* 〞 */
	case 0x301f:	/* 〟 */
		return '"';
	case 0x2010:	/* ‐ hyphen */
	case 0x2011:	/* ‑ non-breaking hyphen */
	case 0x2012:	/* ‒ figure dash */
	case 0x2013:	/* – en dash */
	case 0x2014:	/* — em dash */
	case 0x2015:	/* ― horizontal bar */
	case 0x2212:	/* − minus sign */
	case 0x2e3a:	/* ⸺ two-em dash */
	case 0x2e3b:	/* ⸻ three-em dash */
	case 0xfe58:	/* ﹘ small em dash */
	case 0xfe63:	/* ﹣ small hyphen-minus */
	case 0xff0d:	/* － full-width hyphen-minus */
		return '-';
	case 0x00a0:	/* no-break space */
	case 0x1680:	/* ogham space mark */
	case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
	case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009:
	case 0x200a:	/* en quad .. hair space, thin space */
	case 0x202f:	/* narrow no-break space */
	case 0x205f:	/* medium mathematical space */
	case 0x3000:	/* ideographic space */
		return ' ';
	case 0x00ad:	/* soft hyphen */
	case 0x200b:	/* zero width space */
	case 0x200c:	/* zero width non-joiner */
	case 0x200d:	/* zero width joiner */
	case 0x2060:	/* word joiner */
	case 0xfeff:	/* zero width no-break space (BOM) */
		return 0;
	default:
		return -1;
	}
}

/*
 * Apply map_char to the valid UTF-8 s[0 .. n-1], appending to out.  The
 * output is never longer than the input (every mapped character but "`"
 * takes two bytes or more and becomes one or none).
 */
static void
map_append(struct fold_buf *out, const uint8_t *s, size_t n)
{
	size_t i = 0, run = 0;
	ucs4_t uc;
	int len, m;

	fold_buf_reserve(out, n);
	while (i < n) {
		if (s[i] < 0x80) {
			if (s[i] != '`') {
				i++;
				continue;
			}
			uc = '`';
			len = 1;
		} else {
			len = u8_mbtoucr(&uc, s + i, n - i);
			if (len <= 0)	/* cannot happen: s is valid */
				len = 1;
		}
		m = map_char(uc);
		if (m >= 0) {
			memcpy(out->p + out->len, s + run, i - run);
			out->len += i - run;
			if (m > 0)
				out->p[out->len++] = (uint8_t)m;
			run = i + (size_t)len;
		}
		i += (size_t)len;
	}
	memcpy(out->p + out->len, s + run, n - run);
	out->len += n - run;
}

static bool
is_digit(uint8_t c)
{
	return c >= '0' && c <= '9';
}

/*
 * Step 4: drop digit group separators in p[start, len), in place; returns
 * the new length.
 */
static size_t
ungroup(uint8_t *p, size_t start, size_t len)
{
	size_t i, o = start;

	for (i = start; i < len; i++) {
		uint8_t c = p[i];

		if ((c == ',' || c == '\'' || c == ' ') && o > start &&
		    is_digit(p[o - 1]) && i + 3 < len && is_digit(p[i + 1]) &&
		    is_digit(p[i + 2]) && is_digit(p[i + 3]) &&
		    (i + 4 == len || !is_digit(p[i + 4])))
			continue;
		p[o++] = c;
	}
	return o;
}

/*
 * Append the NFC (or, with casefold, the case-folded normal form nf) of the
 * valid UTF-8 s[0 .. n-1] to out, letting libunistring write straight into
 * out's spare room.
 */
static void
uni_append(struct fold_buf *out, const uint8_t *s, size_t n, bool casefold,
	   uninorm_t nf)
{
	uint8_t *r, *dst;
	size_t avail;

	if (n == 0)
		return;
	fold_buf_reserve(out, 2 * n + 16);
	dst = out->p + out->len;
	avail = out->cap - out->len;
	if (casefold)
		r = u8_casefold(s, n, NULL, nf, dst, &avail);
	else
		r = u8_normalize(nf, s, n, dst, &avail);
	if (r == NULL) {
		if (errno == ENOMEM)
			xalloc_fail();
		fold_buf_append(out, s, n);	/* not expected: s is valid */
		return;
	}
	if (r != dst) {
		fold_buf_append(out, r, avail);
		free(r);
		return;
	}
	out->len += avail;
}

bool
fold_is_ascii(const uint8_t *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= 0x80)
			return false;
	return true;
}

/* What lower_append saw. */
#define LOWER_CHANGED	1	/* an upper-case letter or "`" */
#define LOWER_SEP	2	/* a possible digit group separator */

/*
 * Steps 1-3 for ASCII: append s[0 .. n-1] lower-cased, with "`" as "'".
 * Returns LOWER_ flags.
 */
static int
lower_append(struct fold_buf *out, const uint8_t *s, size_t n)
{
	uint8_t *o, c;
	int flags = 0;
	size_t i;

	fold_buf_reserve(out, n);
	o = out->p + out->len;
	for (i = 0; i < n; i++) {
		c = s[i];
		if (c >= 'A' && c <= 'Z') {
			c += 'a' - 'A';
			flags |= LOWER_CHANGED;
		} else if (c == '`') {
			c = '\'';
			flags |= LOWER_CHANGED;
		} else if (c == ',' || c == '\'' || c == ' ') {
			flags |= LOWER_SEP;
		}
		o[i] = c;
	}
	out->len += n;
	return flags;
}

/* Steps 2 and 3 for the valid, already mapped t, appended to out. */
static void
fold_unicode(struct fold_buf *out, struct fold_buf *t)
{
	size_t mid = out->len;

	uni_append(out, t->p, t->len, true, UNINORM_NFKC);
	/* Step 3, in place: map_append never grows. */
	t->len = 0;
	map_append(t, out->p + mid, out->len - mid);
	memcpy(out->p + mid, t->p, t->len);
	out->len = mid + t->len;
}

/*
 * Fold the pure ASCII s[0 .. n-1] onto the end of out.  Returns whether
 * the folded form is s itself.
 */
bool
fold_ascii(struct fold_buf *out, const uint8_t *s, size_t n)
{
	size_t start = out->len;
	int flags;

	flags = lower_append(out, s, n);
	if (flags & LOWER_SEP)
		out->len = ungroup(out->p, start, out->len);
	return !(flags & LOWER_CHANGED) && out->len - start == n;
}

/*
 * The end of the valid UTF-8 run of s[0 .. n-1] that starts at i: the
 * offset of the first invalid byte at or after i, or n.  Folding and
 * normalising work run by run and keep each invalid byte as it is.
 */
static size_t
valid_run(const uint8_t *s, size_t i, size_t n)
{
	int len;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		len = u8_mbtoucr(&(ucs4_t){ 0 }, s + i, n - i);
		if (len <= 0)
			break;
		i += (size_t)len;
	}
	return i;
}

/*
 * Fold s[0 .. n-1] (see the top) onto the end of out; tmp is scratch.
 * Returns true when s is pure ASCII and its folded form is s itself.
 */
bool
fold_append(struct fold_buf *out, struct fold_buf *tmp, const uint8_t *s, size_t n)
{
	size_t start = out->len, i, run;

	if (fold_is_ascii(s, n))
		return fold_ascii(out, s, n);
	for (run = 0;; run = i + 1) {
		/* s[run, i) is valid; s[i] is invalid or the end. */
		i = valid_run(s, run, n);
		if (run < i) {
			tmp->len = 0;
			map_append(tmp, s + run, i - run);
			/* "’", "—", "“" are ASCII after step 1. */
			if (fold_is_ascii(tmp->p, tmp->len))
				lower_append(out, tmp->p, tmp->len);
			else
				fold_unicode(out, tmp);
		}
		if (i == n)
			break;
		fold_buf_append(out, s + i, 1);
	}
	out->len = ungroup(out->p, start, out->len);
	return false;
}

uint8_t *
fold_string(const uint8_t *s, size_t n, size_t *outlen)
{
	struct fold_buf out = { NULL, 0, 0 }, tmp = { NULL, 0, 0 };

	fold_buf_reserve(&out, n + 1);
	fold_append(&out, &tmp, s, n);
	free(tmp.p);
	*outlen = out.len;
	return out.p;
}

/*
 * Is the valid UTF-8 s[0 .. n-1] made only of characters that NFC leaves
 * alone whatever surrounds them (NFC_Quick_Check Yes, combining class 0,
 * never composing with the character before)?  Checked for: U+0000-U+02FF
 * (Latin letters, precomposed or not, up to the combining diacritics),
 * U+2010-U+205E (dashes, quotes, bullets: not the spaces U+2000/U+2001,
 * which NFC replaces) and U+20A0-U+20BF (currency signs).  Then the string
 * is NFC already, which saves u8_normalize on most news text;
 * tests/engine/test-fold.c checks these ranges against libunistring.
 */
static bool
nfc_stable(const uint8_t *s, size_t n)
{
	size_t i = 0;
	ucs4_t uc;
	int len;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		len = u8_mbtoucr(&uc, s + i, n - i);
		if (len <= 0)
			return false;
		if (!(uc < 0x300 || (uc >= 0x2010 && uc <= 0x205e) ||
		    (uc >= 0x20a0 && uc <= 0x20bf)))
			return false;
		i += (size_t)len;
	}
	return true;
}

const uint8_t *
fold_strict(struct fold_buf *out, const uint8_t *s, size_t n,
	    bool ignore_case, size_t *len)
{
	size_t i, run;

	*len = n;
	if (fold_is_ascii(s, n)) {
		if (!ignore_case)
			return s;
		out->len = 0;
		fold_buf_reserve(out, n);
		for (i = 0; i < n; i++)
			out->p[i] = s[i] >= 'A' && s[i] <= 'Z' ?
			    (uint8_t)(s[i] + 'a' - 'A') : s[i];
		out->len = n;
		return out->p;
	}
	if (!ignore_case && nfc_stable(s, n))
		return s;
	out->len = 0;
	for (run = 0;; run = i + 1) {
		i = valid_run(s, run, n);
		uni_append(out, s + run, i - run, ignore_case, UNINORM_NFC);
		if (i == n)
			break;
		fold_buf_append(out, s + i, 1);	/* an invalid byte, as it is */
	}
	*len = out->len;
	return out->p;
}
