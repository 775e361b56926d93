/*
 * keys.c — interning comparison keys and turning tokens into units (keys.h).
 *
 * The interner.  Strings live one after another in a single growing arena
 * (no allocation per string); an open-addressing hash table with linear
 * probing maps them to ids 1..N.  The table holds ids only; each id's
 * entry keeps its 64-bit hash, so probing rarely touches the arena and
 * growing never rehashes a string.  The table doubles when it would become
 * more than half full, which keeps probe sequences short whatever the
 * input.  The hash reads eight bytes at a time (the last 1-7 with two
 * overlapping loads) and mixes with multiply-xorshift steps (the SplitMix64
 * finaliser), which spreads the near-identical short strings of prose
 * ("1999", "2000") well.
 *
 * Cosmetic folding (keys_fold).  The steps, in order:
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
 * does only this, with no libunistring call; tests/engine/test-keys.c
 * checks that both paths agree.
 *
 * Classification (keys_classify).  Per sentence (and per stretch of
 * tokens between sentences, which is normally white space only):
 *
 *  1. Collect the tokens that can be units ("slots"): not white space,
 *     not paragraph breaks, and not punctuation when ignore_punct.  Each
 *     slot's folded form is appended to one scratch buffer reused across
 *     sentences.  A number, a single no-break or thin space and a number
 *     starting with exactly three digits ("10 000", as French and machine
 *     translated copy write it; doc.c makes it three tokens) are joined
 *     into one slot folded as "10000", the same digit grouping rule as
 *     inside a token.
 *  2. At each slot, equiv_match() gives the longest phrase of the
 *     equivalence set starting there; it becomes one unit spanning its
 *     first to last token, white space between included, whose fold key
 *     is the class's canonical form.  Otherwise the slot is a unit alone.
 *     A phrase never leaves its sentence, and never takes in the run of
 *     punctuation that ends a sentence: "in the U.S." must compare with
 *     "in the US." as "US" + "." both ways, so the final "." stays a unit
 *     of its own.  Inside a sentence the "." of "U.S." is taken in
 *     ("the U.S.-China talks", "the U.S., Britain"), which again matches
 *     what the other spelling gives.  When the sentence splitter cuts
 *     after "U.S." the full stop is sentence-final and stays separate.
 *  3. The strict key is the NFC of the unit's exact bytes (case folded as
 *     well with ignore_case); TOK_INVALID and TOK_CONTROL tokens keep
 *     their exact bytes for both keys.  When a unit's folded form is its
 *     exact bytes (the common case: lower-case ASCII words, numbers,
 *     punctuation), both keys are one interning.  A non-ASCII token's
 *     two keys are memoised in the interner entry of its exact bytes
 *     (fold_token), so libunistring sees each distinct word once; and
 *     when it holds only characters NFC cannot change (nfc_stable), its
 *     bytes are its strict key without a call to u8_normalize.
 *
 * A token that folds to nothing (a zero-width space or BOM standing
 * alone) is no unit outside strict mode: an empty unit would otherwise
 * show up as a substantive insertion of something invisible.
 *
 * Then each sentence takes the units whose first token lies in its token
 * range.  Everything is linear: each token is folded once, equiv_match
 * looks at no more tokens than its longest phrase, and units are appended
 * to a geometrically grown array.
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

#include "doc.h"
#include "equiv.h"
#include "keys.h"
#include "xalloc.h"

/* A growing byte buffer. */
struct buf {
	uint8_t *p;
	size_t len, cap;
};

struct entry {
	uint64_t hash;
	size_t off;		/* in the arena */
	uint32_t len;
	/* Memo for a non-ASCII token with these bytes, 0 until known. */
	uint32_t fold, strict;
};

/* A token (or joined number) that may become a unit, see the top. */
struct slot {
	uint32_t first, last;	/* tokens [first, last] */
	size_t off;		/* folded form in k->pfold */
	uint32_t len;
	uint8_t kind;
	/*
	 * The folded form is the exact bytes, and pure ASCII (or an invalid
	 * byte or control): then it is the strict key too, case folded or
	 * not, since folding did not change it.
	 */
	bool same;
	/* Keys already known (non-ASCII tokens, see fold_token), or 0. */
	uint32_t fold, strict;
};

struct keys {
	struct keys_opts opts;
	const struct equiv *eq;

	struct buf arena;	/* interned strings */
	struct entry *ent;	/* ent[id], ent[0] unused */
	size_t nent, capent;
	uint32_t *table;	/* ids, 0 for an empty slot */
	size_t mask;		/* table size - 1 (a power of two) */

	/* Scratch for keys_classify, reused across sentences and tokens. */
	struct buf pfold;	/* folded forms of a sentence's slots */
	struct buf tmp;		/* step 1 of folding */
	struct buf sbuf;	/* strict keys */
	struct slot *slot;
	size_t capslot;
	const uint8_t **fp;
	size_t *fl;
	size_t capf;
};

static void
buf_reserve(struct buf *b, size_t more)
{
	if (b->cap - b->len < more)
		b->p = xgrow(b->p, &b->cap, b->len + more, 1);
}

static void
buf_append(struct buf *b, const uint8_t *s, size_t n)
{
	if (n == 0)
		return;
	buf_reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

/*
 * libunistring reports running out of memory by returning NULL; hand that
 * to xalloc's policy (message and abort) with a request that must fail.
 */
static _Noreturn void
keys_oom(void)
{
	xmalloc(SIZE_MAX);
	abort();
}

static uint64_t
hash_bytes(const uint8_t *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ ((uint64_t)n * 0xff51afd7ed558ccdu);
	uint64_t v;

	while (n >= 8) {
		memcpy(&v, s, 8);
		h = (h ^ v) * 0xbf58476d1ce4e5b9u;
		h ^= h >> 31;
		s += 8;
		n -= 8;
	}
	/* The last 0-7 bytes (the length is mixed in already). */
	if (n >= 4) {
		uint32_t lo, hi;

		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		v = (uint64_t)lo | (uint64_t)hi << 32;
	} else if (n > 0) {
		v = (uint64_t)s[0] | (uint64_t)s[n / 2] << 8 |
		    (uint64_t)s[n - 1] << 16;
	} else {
		v = 0;
	}
	h = (h ^ v) * 0x94d049bb133111ebu;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9u;
	h ^= h >> 32;
	return h;
}

struct keys *
keys_new(const struct keys_opts *opts, const struct equiv *eq)
{
	struct keys *k = xcalloc(1, sizeof *k);

	if (opts != NULL)
		k->opts = *opts;
	k->eq = k->opts.strict ? NULL : eq;
	k->mask = 1023;
	k->table = xcalloc(k->mask + 1, sizeof *k->table);
	k->ent = xgrow(NULL, &k->capent, 1, sizeof *k->ent);
	k->nent = 1;
	memset(&k->ent[0], 0, sizeof k->ent[0]);
	return k;
}

void
keys_free(struct keys *k)
{
	if (k == NULL)
		return;
	free(k->arena.p);
	free(k->ent);
	free(k->table);
	free(k->pfold.p);
	free(k->tmp.p);
	free(k->sbuf.p);
	free(k->slot);
	free(k->fp);
	free(k->fl);
	free(k);
}

static void
table_grow(struct keys *k)
{
	size_t size = (k->mask + 1) * 2, i, j;
	uint32_t *t = xcalloc(size, sizeof *t);

	for (i = 1; i < k->nent; i++) {
		j = (size_t)k->ent[i].hash & (size - 1);
		while (t[j] != 0)
			j = (j + 1) & (size - 1);
		t[j] = (uint32_t)i;
	}
	free(k->table);
	k->table = t;
	k->mask = size - 1;
}

uint32_t
keys_intern(struct keys *k, const uint8_t *s, size_t n)
{
	uint64_t h = hash_bytes(s, n);
	size_t i = (size_t)h & k->mask;
	struct entry *e;
	uint32_t id;

	while ((id = k->table[i]) != 0) {
		e = &k->ent[id];
		if (e->hash == h && e->len == n &&
		    (n == 0 || memcmp(k->arena.p + e->off, s, n) == 0))
			return id;
		i = (i + 1) & k->mask;
	}
	if (k->nent >= UINT32_MAX - 1)
		keys_oom();	/* four billion distinct strings */
	id = (uint32_t)k->nent;
	if (k->nent == k->capent)
		k->ent = xgrow(k->ent, &k->capent, k->nent + 1,
		    sizeof *k->ent);
	e = &k->ent[k->nent++];
	e->hash = h;
	e->off = k->arena.len;
	e->len = (uint32_t)n;
	e->fold = e->strict = 0;
	buf_append(&k->arena, s, n);
	k->table[i] = id;
	if (k->nent * 2 > k->mask + 1)
		table_grow(k);
	return id;
}

const uint8_t *
keys_string(const struct keys *k, uint32_t id, size_t *n)
{
	static const uint8_t empty[1];

	if (id == 0 || id >= k->nent) {
		*n = 0;
		return empty;
	}
	*n = k->ent[id].len;
	return k->arena.p != NULL ? k->arena.p + k->ent[id].off : empty;
}

/* --- folding ------------------------------------------------------------ */

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
map_append(struct buf *out, const uint8_t *s, size_t n)
{
	size_t i = 0, run = 0;
	ucs4_t uc;
	int len, m;

	buf_reserve(out, n);
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
uni_append(struct buf *out, const uint8_t *s, size_t n, bool casefold,
	   uninorm_t nf)
{
	uint8_t *r, *dst;
	size_t avail;

	if (n == 0)
		return;
	buf_reserve(out, 2 * n + 16);
	dst = out->p + out->len;
	avail = out->cap - out->len;
	if (casefold)
		r = u8_casefold(s, n, NULL, nf, dst, &avail);
	else
		r = u8_normalize(nf, s, n, dst, &avail);
	if (r == NULL) {
		if (errno == ENOMEM)
			keys_oom();
		buf_append(out, s, n);	/* not expected: s is valid */
		return;
	}
	if (r != dst) {
		buf_append(out, r, avail);
		free(r);
		return;
	}
	out->len += avail;
}

static bool
is_ascii(const uint8_t *s, size_t n)
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
lower_append(struct buf *out, const uint8_t *s, size_t n)
{
	uint8_t *o, c;
	int flags = 0;
	size_t i;

	buf_reserve(out, n);
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
fold_unicode(struct buf *out, struct buf *t)
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
static bool
fold_ascii(struct buf *out, const uint8_t *s, size_t n)
{
	size_t start = out->len;
	int flags;

	flags = lower_append(out, s, n);
	if (flags & LOWER_SEP)
		out->len = ungroup(out->p, start, out->len);
	return !(flags & LOWER_CHANGED) && out->len - start == n;
}

/*
 * Fold s[0 .. n-1] (see the top) onto the end of out; tmp is scratch.
 * Returns true when s is pure ASCII and its folded form is s itself.
 */
static bool
fold_append(struct buf *out, struct buf *tmp, const uint8_t *s, size_t n)
{
	size_t start = out->len, i, run;
	int len;

	if (is_ascii(s, n))
		return fold_ascii(out, s, n);
	i = run = 0;
	while (i <= n) {
		if (i < n && s[i] < 0x80) {
			i++;
			continue;
		}
		len = i < n ? u8_mbtoucr(&(ucs4_t){ 0 }, s + i, n - i) : -1;
		if (len > 0) {
			i += (size_t)len;
			continue;
		}
		/* s[run, i) is valid; s[i] is invalid or the end. */
		if (run < i) {
			tmp->len = 0;
			map_append(tmp, s + run, i - run);
			/* "’", "—", "“" are ASCII after step 1. */
			if (is_ascii(tmp->p, tmp->len))
				lower_append(out, tmp->p, tmp->len);
			else
				fold_unicode(out, tmp);
		}
		if (i == n)
			break;
		buf_append(out, s + i, 1);
		run = ++i;
	}
	out->len = ungroup(out->p, start, out->len);
	return false;
}

uint8_t *
keys_fold(const uint8_t *s, size_t n, size_t *outlen)
{
	struct buf out = { NULL, 0, 0 }, tmp = { NULL, 0, 0 };

	buf_reserve(&out, n + 1);
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
 * tests/engine/test-keys.c checks these ranges against libunistring.
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

/* The strict key of s[0 .. n-1]: NFC, case folded with ignore_case. */
static uint32_t
strict_id(struct keys *k, const uint8_t *s, size_t n)
{
	struct buf *b = &k->sbuf;
	size_t i, run;
	int len;

	if (is_ascii(s, n)) {
		if (!k->opts.ignore_case)
			return keys_intern(k, s, n);
		b->len = 0;
		buf_reserve(b, n);
		for (i = 0; i < n; i++)
			b->p[i] = s[i] >= 'A' && s[i] <= 'Z' ?
			    (uint8_t)(s[i] + 'a' - 'A') : s[i];
		b->len = n;
		return keys_intern(k, b->p, b->len);
	}
	if (!k->opts.ignore_case && nfc_stable(s, n))
		return keys_intern(k, s, n);
	b->len = 0;
	i = run = 0;
	while (i <= n) {
		if (i < n && s[i] < 0x80) {
			i++;
			continue;
		}
		len = i < n ? u8_mbtoucr(&(ucs4_t){ 0 }, s + i, n - i) : -1;
		if (len > 0) {
			i += (size_t)len;
			continue;
		}
		uni_append(b, s + run, i - run, k->opts.ignore_case,
		    UNINORM_NFC);
		if (i == n)
			break;
		buf_append(b, s + i, 1);
		run = ++i;
	}
	return keys_intern(k, b->p, b->len);
}

/* --- classification ----------------------------------------------------- */

/* Is s[0 .. n-1] one no-break or thin space, a digit group separator? */
static bool
is_group_space(const uint8_t *s, size_t n)
{
	return (n == 2 && s[0] == 0xc2 && s[1] == 0xa0) ||	/* U+00A0 */
	    (n == 3 && s[0] == 0xe2 && s[1] == 0x80 &&
	    (s[2] == 0x89 || s[2] == 0xaf));		/* U+2009, U+202F */
}

/* Does the folded s[0 .. n-1] start with exactly three digits? */
static bool
starts_with_group(const uint8_t *s, size_t n)
{
	return n >= 3 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) &&
	    (n == 3 || !is_digit(s[3]));
}

/*
 * Fold the token s[0 .. n-1] of slot sl onto k->pfold and set sl->same,
 * sl->fold and sl->strict.  Pure ASCII is folded on the spot, which is
 * cheap.  Other tokens go through libunistring, which is not: their keys
 * are memoised in the interner's entry for their exact bytes, so each
 * distinct non-ASCII word of a text is normalised once, not at every
 * occurrence.  In strict mode only the strict key is wanted.
 */
static void
fold_token(struct keys *k, const uint8_t *s, size_t n, struct slot *sl)
{
	uint32_t x, fold, strict;
	const uint8_t *f;
	size_t start, len;

	sl->same = false;
	sl->fold = sl->strict = 0;
	if (is_ascii(s, n)) {
		if (!k->opts.strict)
			sl->same = fold_ascii(&k->pfold, s, n);
		return;
	}
	x = keys_intern(k, s, n);
	if (k->ent[x].strict != 0 && (k->opts.strict || k->ent[x].fold != 0)) {
		sl->fold = k->ent[x].fold;
		sl->strict = k->ent[x].strict;
		if (!k->opts.strict) {
			f = keys_string(k, sl->fold, &len);
			buf_append(&k->pfold, f, len);
		}
		return;
	}
	fold = 0;
	if (!k->opts.strict) {
		start = k->pfold.len;
		fold_append(&k->pfold, &k->tmp, s, n);
		fold = keys_intern(k, k->pfold.p + start, k->pfold.len - start);
	}
	strict = strict_id(k, s, n);
	/* Interning may have moved k->ent. */
	k->ent[x].fold = sl->fold = fold;
	k->ent[x].strict = sl->strict = strict;
}

/*
 * Step 1 for the tokens [t0, t1) of one sentence (or of the stretch between
 * sentences): fill k->slot, returns their number.  Tokens that fold to
 * nothing are left out (see the top).
 */
static size_t
collect_slots(struct keys *k, const struct doc *d, size_t t0, size_t t1)
{
	const uint8_t *data = d->text->data;
	const struct token *tok = d->tok;
	struct slot *sl, *prev;
	size_t t, ns = 0;

	k->pfold.len = 0;
	for (t = t0; t < t1; t++) {
		const struct token *tk = &tok[t];
		const uint8_t *bytes = data + tk->off;

		if (tk->kind == TOK_SPACE || tk->kind == TOK_BREAK)
			continue;
		if (tk->kind == TOK_PUNCT && k->opts.ignore_punct)
			continue;
		if (ns == k->capslot)
			k->slot = xgrow(k->slot, &k->capslot, ns + 1,
			    sizeof *k->slot);
		sl = &k->slot[ns];
		sl->first = sl->last = (uint32_t)t;
		sl->kind = tk->kind;
		sl->off = k->pfold.len;
		if (tk->kind == TOK_INVALID || tk->kind == TOK_CONTROL) {
			/* Exact bytes for both keys. */
			buf_append(&k->pfold, bytes, tk->len);
			sl->same = true;
			sl->fold = sl->strict = 0;
		} else {
			fold_token(k, bytes, tk->len, sl);
		}
		sl->len = (uint32_t)(k->pfold.len - sl->off);
		if (k->opts.strict) {
			/* The keys come from the strict key alone. */
			ns++;
			continue;
		}
		if (sl->len == 0)
			continue;

		/* "10 000": join onto the previous number slot. */
		prev = ns > 0 ? &k->slot[ns - 1] : NULL;
		if (prev != NULL && tk->kind == TOK_NUMBER &&
		    prev->kind == TOK_NUMBER && prev->last + 2 == t &&
		    is_group_space(data + tok[t - 1].off, tok[t - 1].len) &&
		    is_digit(k->pfold.p[prev->off + prev->len - 1]) &&
		    starts_with_group(k->pfold.p + sl->off, sl->len)) {
			prev->last = (uint32_t)t;
			prev->len += sl->len;	/* the two are adjacent */
			prev->same = false;
			prev->fold = prev->strict = 0;
			continue;
		}
		ns++;
	}
	return ns;
}

static void
push_unit(struct doc *d, size_t *cap, uint32_t first, uint32_t last,
	  uint32_t strict, uint32_t fold)
{
	struct unit *u;

	if (d->nunit == *cap)
		d->unit = xgrow(d->unit, cap, d->nunit + 1, sizeof *d->unit);
	u = &d->unit[d->nunit++];
	u->tok = first;
	u->ntok = last - first + 1;
	u->strict = strict;
	u->fold = fold;
}

/* The strict key of tokens [first, last]. */
static uint32_t
span_strict(struct keys *k, const struct doc *d, uint32_t first,
	    uint32_t last)
{
	const struct token *a = &d->tok[first], *b = &d->tok[last];

	if (first == last &&
	    (a->kind == TOK_INVALID || a->kind == TOK_CONTROL))
		return keys_intern(k, d->text->data + a->off, a->len);
	return strict_id(k, d->text->data + a->off,
	    (size_t)b->off + b->len - a->off);
}

/*
 * Steps 1-3 for the tokens [t0, t1) of one sentence, or of a stretch
 * between sentences (white space, normally): append their units to d.
 * Working a sentence at a time keeps the scratch arrays as small as the
 * longest sentence, and is what keeps phrases inside sentences.
 */
static void
classify_run(struct keys *k, struct doc *d, size_t t0, size_t t1,
	     size_t *cap)
{
	size_t ns = collect_slots(k, d, t0, t1), tail, i, m, lim;
	const uint8_t *canon;
	uint32_t strict, fold;
	size_t canon_len;
	struct slot *sl;

	/* Phrases stop before the final run of punctuation (see the top). */
	for (tail = ns; tail > 0 && k->slot[tail - 1].kind == TOK_PUNCT; )
		tail--;
	if (k->eq != NULL) {
		if (ns > k->capf) {
			size_t c = k->capf;

			k->fp = xgrow(k->fp, &c, ns, sizeof *k->fp);
			k->fl = xreallocarray(k->fl, c, sizeof *k->fl);
			k->capf = c;
		}
		for (i = 0; i < ns; i++) {
			k->fp[i] = k->pfold.p + k->slot[i].off;
			k->fl[i] = k->slot[i].len;
		}
	}
	for (i = 0; i < ns; i += m) {
		sl = &k->slot[i];
		m = 0;
		if (k->eq != NULL) {
			lim = i < tail ? tail : ns;
			m = equiv_match(k->eq, k->fp + i, k->fl + i, lim - i,
			    &canon, &canon_len);
		}
		if (m > 0) {
			strict = span_strict(k, d, sl->first,
			    k->slot[i + m - 1].last);
			push_unit(d, cap, sl->first, k->slot[i + m - 1].last,
			    strict, keys_intern(k, canon, canon_len));
			continue;
		}
		m = 1;
		if (sl->same) {
			strict = keys_intern(k, k->pfold.p + sl->off, sl->len);
			push_unit(d, cap, sl->first, sl->last, strict, strict);
			continue;
		}
		strict = sl->strict != 0 ? sl->strict :
		    span_strict(k, d, sl->first, sl->last);
		if (k->opts.strict)
			fold = strict;
		else if (sl->fold != 0)
			fold = sl->fold;
		else
			fold = keys_intern(k, k->pfold.p + sl->off, sl->len);
		push_unit(d, cap, sl->first, sl->last, strict, fold);
	}
}

void
keys_classify(struct keys *k, struct doc *d)
{
	size_t pi, si, t, tend, s0, s1, u, v, cap = 0;
	struct para *p;

	free(d->unit);
	d->unit = NULL;
	d->nunit = 0;
	for (pi = 0; pi < d->npara; pi++) {
		p = &d->para[pi];
		p->unit = (uint32_t)d->nunit;
		t = p->tok;
		tend = (size_t)p->tok + p->ntok;
		/* Each sentence, and each stretch between, as one run. */
		for (si = p->sent; si < (size_t)p->sent + p->nsent; si++) {
			s0 = d->sent[si].tok;
			s1 = s0 + d->sent[si].ntok;
			if (s0 < t)
				s0 = t;		/* not expected: overlap */
			if (s1 > tend)
				s1 = tend;
			if (s1 <= s0)
				continue;
			if (t < s0)
				classify_run(k, d, t, s0, &cap);
			classify_run(k, d, s0, s1, &cap);
			t = s1;
		}
		if (t < tend)
			classify_run(k, d, t, tend, &cap);
		p->nunit = (uint32_t)(d->nunit - p->unit);
	}

	/* A sentence's units are those whose first token lies in it. */
	u = 0;
	for (si = 0; si < d->nsent; si++) {
		struct sentence *s = &d->sent[si];

		while (u < d->nunit && d->unit[u].tok < s->tok)
			u++;
		v = u;
		while (v < d->nunit &&
		    (size_t)d->unit[v].tok < (size_t)s->tok + s->ntok)
			v++;
		s->unit = (uint32_t)u;
		s->nunit = (uint32_t)(v - u);
		u = v;
	}
}
