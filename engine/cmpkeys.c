/*
 * cmpkeys.c — interning comparison keys and turning tokens into units
 * (cmpkeys.h).
 *
 * The interner.  Strings live one after another in arena blocks that are
 * never moved or freed before cmpkeys_free (no allocation per string, and a
 * pointer to an interned string stays valid, which classify_run relies
 * on).  An open-addressing hash table with linear probing maps them to ids
 * 1..N (struct strtab).  Each table slot holds an id and the high 32 bits
 * of its string's hash, so a probe looks at an entry only when those
 * agree, which is almost only for the string sought; an entry keeps a
 * string of up to 8 bytes in one word too (hash_word), so the common
 * short words compare without touching the arena.  The table doubles when
 * it would become more than half full, which keeps probe sequences short
 * whatever the input; growing hashes every string again, which costs less
 * than keeping each hash in memory.  The hash reads eight bytes at a time
 * and mixes with multiply-xorshift steps (the SplitMix64 finaliser), which
 * spreads the near-identical short strings of prose ("1999", "2000") well.
 *
 * Cosmetic folding is fold.c's (fold.h): cmpkeys_classify folds each
 * distinct token once.
 *
 * Classification (cmpkeys_classify).  Per sentence (and per stretch of
 * tokens between sentences, which is normally white space only):
 *
 *  1. Collect the tokens that can be units ("slots"): not white space,
 *     not paragraph breaks, and not punctuation when ignore_punct.  Each
 *     slot's folded form is known (see the memo below) or worked out into
 *     a scratch buffer reused across sentences.  A number, a single
 *     no-break or thin space and a number starting with exactly three
 *     digits ("10 000", as French and machine translated copy write it;
 *     doc.c makes it three tokens) are joined into one slot folded as
 *     "10000", the same digit grouping rule as inside a token.
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
 *     punctuation), both keys are one interning.  A non-ASCII token that
 *     holds only characters NFC cannot change (fold.c's nfc_stable) is its own
 *     strict key without a call to u8_normalize.
 *
 * The memo.  A token's two keys depend on its bytes alone (and on the
 * options, fixed for a struct cmpkeys), so they are worked out once per
 * distinct token and kept: a repeated word, which is what most of a text
 * is, then costs one hash lookup, with no folding, no interning, and no
 * equiv_match call unless its folded form can start a phrase
 * (equiv_may_start, kept with the keys).  Ids are handed out in the order
 * in which strings are first interned, and that order is kept exactly as
 * if there were no memo, because what the alignment makes of ties may
 * depend on it:
 *
 *  - a non-ASCII token is interned as it is when it is collected, and its
 *    keys are kept in that interner entry (interning its folded form and
 *    then its strict key the first time);
 *  - a pure ASCII token interns nothing when it is collected; its keys
 *    are interned (strict key first) when its unit is made, and kept in a
 *    table of their own that hands out no ids.  An ASCII token that only
 *    ever occurs inside phrases or joined numbers gets no keys of its own;
 *    its memo is kept once both keys happen to be interned
 *    (ascii_keep_found), and until then it is folded at each occurrence,
 *    as it always was.
 *
 * tests/engine/test-cmpkeys.c checks that the kept keys are those of the
 * slow path, and that classifying a text again gives the same units.
 * Joined numbers and phrases, which span several tokens, are worked out
 * at each occurrence.  A token that folds to nothing (a zero-width space
 * or BOM standing alone) is no unit outside strict mode: an empty unit
 * would otherwise show up as a substantive insertion of something
 * invisible.
 *
 * Then each sentence takes the units whose first token lies in its token
 * range.  Everything is linear: each distinct token is folded once,
 * equiv_match looks at no more tokens than its longest phrase, and units
 * are appended to a geometrically grown array.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmpkeys.h"
#include "doc.h"
#include "equiv.h"
#include "fold.h"
#include "hash.h"
#include "token.h"
#include "xalloc.h"

/* entry.memo bits */
#define MEMO_KNOWN	1	/* fold and strict are set */
#define MEMO_PHRASE	2	/* the fold may start an equivalence phrase */
#define MEMO_EMPTY	4	/* the fold is the empty string */
#define MEMO_UNNAMED	8	/* an id without a string (cmpkeys_new_id) */

struct entry {
	uint64_t word;		/* hash_word() of a string of up to 8 bytes */
	const uint8_t *p;	/* the string, in an arena block */
	uint32_t len;
	uint32_t memo;		/* MEMO_ bits */
	/* The keys of a token with these bytes, once MEMO_KNOWN. */
	uint32_t fold, strict;
};

/* Strings to entries 1..n-1, see the top. */
struct strtab {
	struct entry *ent;	/* ent[0] unused */
	size_t nent, capent;
	uint64_t *table;	/* hash >> 32 << 32 | index, 0: empty */
	size_t mask;		/* table size - 1 (a power of two) */
	/*
	 * Ids 1 .. ngap have no entry: cmpkeys_new_id's when made before
	 * any string is interned (a paragraph left whole each, lazy.c),
	 * which cost no 32 bytes each.  Entry i > 0 is id i + ngap.
	 */
	size_t ngap;
};

/* The id of entry i > 0 of t. */
static inline uint32_t
tab_id(const struct strtab *t, size_t i)
{
	return (uint32_t)(i + t->ngap);
}

/* The entry of id x of t, one with a string. */
static inline struct entry *
tab_ent(const struct strtab *t, uint32_t x)
{
	return &t->ent[x - t->ngap];
}

/* How the keys of a slot are made, see classify_run. */
enum how {
	HOW_KNOWN,	/* fold and strict are set */
	HOW_ASCII,	/* a new ASCII token, folded at k->pfold */
	HOW_EXACT,	/* TOK_INVALID or TOK_CONTROL: its bytes */
	HOW_JOINED,	/* a joined number, folded at k->pfold */
};

/* A token (or joined number) that may become a unit, see the top. */
struct slot {
	uint32_t first, last;	/* tokens [first, last] */
	uint32_t fold, strict;	/* keys, for HOW_KNOWN */
	const uint8_t *f;	/* HOW_EXACT: the bytes */
	uint32_t off, len;	/* the folded form in k->pfold or k->jfold */
	uint8_t kind;		/* of the first token */
	uint8_t how;		/* enum how */
	bool same;		/* HOW_ASCII: the folded form is the bytes */
	bool phrase;		/* may start an equivalence phrase */
};

/* Arena blocks: the first is ARENA_MIN bytes, each next one twice that
 * up to ARENA_MAX; a longer string gets a block of its own. */
#define ARENA_MIN	((size_t)16 << 10)
#define ARENA_MAX	((size_t)1 << 20)

/* Entries of the cache of canonical forms' ids (canon_id). */
#define CANON_CACHE	61

struct cmpkeys {
	struct cmpkeys_opts opts;
	const struct equiv *eq;

	uint8_t **block;	/* arena blocks */
	size_t nblock, capblock;
	uint8_t *free;		/* room left in the last block */
	size_t nfree, blocksize;
	struct strtab ids;	/* the interner: entry index = id */
	struct strtab ascii;	/* the memo of ASCII tokens */

	/* Scratch for cmpkeys_classify, reused across sentences and tokens. */
	struct fold_buf pfold;	/* folded forms of new ASCII tokens */
	struct fold_buf jfold;	/* folded forms of joined numbers */
	struct fold_buf tmp;		/* step 1 of folding */
	struct fold_buf fbuf;	/* one token's folded form */
	struct fold_buf sbuf;	/* strict keys */
	struct slot *slot;
	size_t capslot;
	const uint8_t **fp;
	size_t *fl;
	size_t capf;
	struct {
		const uint8_t *p;
		uint32_t id;
	} canon[CANON_CACHE];	/* see canon_id */

	/* For cmpkeys_ascii_words: equiv_join_starts(), one after another. */
	struct word_filter wf;
	struct fold_buf starts;	/* each: a length byte, then the token */
};

/*
 * memcmp(a, b, n) == 0 for n > 8, without a library call: eight bytes at a
 * time, the last ones with an overlapping load.  (Shorter strings compare
 * by hash_word.)
 */
static inline bool
same_bytes(const uint8_t *a, const uint8_t *b, size_t n)
{
	uint64_t x, y;

	while (n > 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return false;
		a += 8;
		b += 8;
		n -= 8;
	}
	memcpy(&x, a + n - 8, 8);
	memcpy(&y, b + n - 8, 8);
	return x == y;
}

/* A copy of s[0 .. n-1] (n > 0) in the arena. */
static const uint8_t *
arena_copy(struct cmpkeys *k, const uint8_t *s, size_t n)
{
	uint8_t *p;
	size_t size;

	if (n > k->nfree) {
		size = k->blocksize;
		if (n > size / 4)
			size = n;	/* alone; the last block stays open */
		else if (k->blocksize < ARENA_MAX)
			k->blocksize *= 2;
		if (k->nblock == k->capblock)
			k->block = xgrow(k->block, &k->capblock, k->nblock + 1,
			    sizeof *k->block);
		p = xmalloc(size);
		k->block[k->nblock++] = p;
		if (size == n) {
			memcpy(p, s, n);
			return p;
		}
		k->free = p;
		k->nfree = size;
	}
	p = k->free;
	memcpy(p, s, n);
	k->free += n;
	k->nfree -= n;
	return p;
}

/* --- string tables ------------------------------------------------------ */

static void
tab_init(struct strtab *t)
{
	t->mask = 1023;
	t->table = xcalloc(t->mask + 1, sizeof *t->table);
	t->ent = xgrow(NULL, &t->capent, 1, sizeof *t->ent);
	t->nent = 1;
	t->ngap = 0;
	memset(&t->ent[0], 0, sizeof t->ent[0]);
}

static void
tab_free(struct strtab *t)
{
	free(t->ent);
	free(t->table);
}

static void
tab_grow(struct strtab *t)
{
	size_t size = (t->mask + 1) * 2, i, j;
	uint64_t *tab = xcalloc(size, sizeof *tab), h;
	const struct entry *e;

	for (i = 1; i < t->nent; i++) {
		e = &t->ent[i];
		if (e->memo & MEMO_UNNAMED)
			continue;
		h = hash_bytes_word(e->p, e->len, e->word);
		j = (size_t)h & (size - 1);
		while (tab[j] != 0)
			j = (j + 1) & (size - 1);
		tab[j] = (h >> 32 << 32) | i;
	}
	free(t->table);
	t->table = tab;
	t->mask = size - 1;
}

/*
 * The entry of s[0 .. n-1] (hash h, word w as for hash_bytes), or 0 with
 * the empty table slot where it would go in *at.
 */
static inline uint32_t
tab_find(const struct strtab *t, const uint8_t *s, size_t n, uint64_t h,
	 uint64_t w, size_t *at)
{
	uint64_t tag = h >> 32 << 32, v;
	size_t i = (size_t)h & t->mask;
	const struct entry *e;

	while ((v = t->table[i]) != 0) {
		if ((v & ~(uint64_t)UINT32_MAX) == tag) {
			e = &t->ent[(uint32_t)v];
			if (e->len == n && (n <= 8 ? e->word == w :
			    same_bytes(e->p, s, n)))
				return tab_id(t, (uint32_t)v);
		}
		i = (i + 1) & t->mask;
	}
	*at = i;
	return 0;
}

/* Add s[0 .. n-1], which tab_find did not find, at table slot i. */
static uint32_t
tab_add(struct cmpkeys *k, struct strtab *t, const uint8_t *s, size_t n,
	uint64_t h, uint64_t w, size_t i)
{
	static const uint8_t empty[1];
	struct entry *e;
	uint32_t x;

	if (t->nent + t->ngap >= UINT32_MAX - 1 || n > UINT32_MAX)
		xalloc_fail();	/* four billion distinct strings */
	x = (uint32_t)t->nent;
	if (t->nent == t->capent)
		t->ent = xgrow(t->ent, &t->capent, t->nent + 1,
		    sizeof *t->ent);
	e = &t->ent[t->nent++];
	e->word = n <= 8 ? w : 0;
	e->p = n > 0 ? arena_copy(k, s, n) : empty;
	e->len = (uint32_t)n;
	e->memo = 0;
	e->fold = e->strict = 0;
	t->table[i] = (h >> 32 << 32) | x;
	if (t->nent * 2 > t->mask + 1)
		tab_grow(t);
	return tab_id(t, x);
}

/* --- the interner ------------------------------------------------------- */

/* The index of byte c in wf->chars, added if new; -1 if full. */
static int
filter_char(struct word_filter *wf, uint8_t c)
{
	int i;

	for (i = 0; i < wf->nchar; i++)
		if (wf->chars[i] == c)
			return i;
	if (wf->nchar == (int)sizeof wf->chars)
		return -1;
	wf->chars[wf->nchar] = c;
	return wf->nchar++;
}

/* Note (c1, c2, len) in the filter (word_filter.pair), once. */
static void
filter_pair(struct word_filter *wf, uint8_t c1, uint8_t c2, uint8_t len)
{
	int i, max = (int)(sizeof wf->pair / sizeof wf->pair[0]);
	int x1 = filter_char(wf, c1), x2 = c2 == WF_ANY ? WF_ANY :
	    filter_char(wf, c2);

	if (x1 < 0 || x2 < 0) {
		wf->npair = max + 1;	/* too many to list */
		return;
	}
	for (i = 0; i < wf->npair && i < max; i++)
		if (wf->pair[i].c1 == x1 && wf->pair[i].c2 == x2 &&
		    wf->pair[i].len == len)
			return;
	if (wf->npair < max) {
		wf->pair[wf->npair].c1 = (uint8_t)x1;
		wf->pair[wf->npair].c2 = (uint8_t)x2;
		wf->pair[wf->npair].len = len;
	}
	if (wf->npair <= max)
		wf->npair++;
}

/*
 * A phrase start for cmpkeys_ascii_words: its first two folded tokens, each
 * kept as a length byte and the bytes.  Only ASCII first tokens can be the
 * folded form of an ASCII token; one starting with a digit may be matched
 * by a longer token ("1,000" folds to "1000"), so it marks every length;
 * one starting with "'" is also what "`" folds to (lower_append).
 */
static void
add_join_start(void *ctx, const uint8_t *s, size_t n, const uint8_t *s2,
	       size_t n2)
{
	struct cmpkeys *k = ctx;
	uint8_t len = (uint8_t)n, len2 = (uint8_t)n2, c2, elen;
	bool digit, word;

	if (n == 0 || n > 255 || n2 > 255 || s[0] >= 0x80)
		return;
	fold_buf_append(&k->starts, &len, 1);
	fold_buf_append(&k->starts, s, n);
	fold_buf_append(&k->starts, &len2, 1);
	fold_buf_append(&k->starts, s2, n2);
	if (s[0] >= '0' && s[0] <= '9') {
		k->wf.bit[s[0]] = UINT32_MAX;
		k->wf.second[s[0]] = UINT64_MAX;
	} else {
		k->wf.bit[s[0]] |= UINT32_C(1) << (n < 31 ? n : 31);
		/* "| 0x20" lower-cases a letter, as the counter does. */
		k->wf.second[s[0]] |= n < 2 ? UINT64_MAX :
		    UINT64_C(1) << ((s[1] | 0x20) & 63);
	}
	if (s[0] == '\'') {	/* what "`" folds to */
		k->wf.bit['`'] |= k->wf.bit['\''];
		k->wf.second['`'] |= k->wf.second['\''];
	}
	/*
	 * Folded, a token's first two bytes are in lower case already.  A
	 * word starting with a digit may be longer in the text ("1,000");
	 * any other word is exactly as long (separators only go between
	 * digits), so no letter or digit follows it.  A punctuation mark is
	 * a token of one byte whatever follows ("'" "tis").
	 */
	digit = s[0] >= '0' && s[0] <= '9';
	word = digit || (s[0] >= 'a' && s[0] <= 'z') || s[0] == '_';
	c2 = digit || n < 2 ? WF_ANY : s[1];
	elen = !word || digit || n > 15 ? 0 : (uint8_t)n;
	filter_pair(&k->wf, s[0], c2, elen);
	if (s[0] == '\'')
		filter_pair(&k->wf, '`', c2, elen);
}

static uint8_t
lower_byte(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 'a' - 'A') :
	    c == '`' ? '\'' : c;
}

/*
 * Can the token that comes next in rest[0 .. n-1] fold to t[0 .. tn-1]?
 * Yes, unless it plainly does not start so: a folded token of letters
 * is compared, case aside, with what follows the white space; any other
 * (digits, which fold without their separators, or not ASCII) may be.
 */
static bool
next_may_be(const uint8_t *rest, size_t n, const uint8_t *t, size_t tn)
{
	size_t i = 0, j;

	while (i < n && (rest[i] == ' ' || rest[i] == '\t' ||
			 rest[i] == '\n' || rest[i] == '\r'))
		i++;
	for (j = 0; j < tn; j++) {
		if (t[j] >= 0x80 || (t[j] >= '0' && t[j] <= '9'))
			return true;
		if (i + j >= n || lower_byte(rest[i + j]) != t[j])
			return false;
	}
	return true;
}

/*
 * Does the ASCII token s[0 .. n-1], followed by rest[0 .. nrest-1], start
 * a phrase of join_starts?  Without punctuation units, the second token
 * of a phrase may come after punctuation: the first one decides alone.
 */
static int
join_start_check(const void *ctx, const uint8_t *s, size_t n,
		 const uint8_t *rest, size_t nrest)
{
	const struct cmpkeys *k = ctx;
	const uint8_t *st = k->starts.p, *p;
	struct fold_buf f = { 0 };
	uint8_t low[32];
	size_t i, len = n, l1, l2;
	int hit = 0;

	p = low;
	/* Lower case is the whole fold of a token without separators. */
	for (i = 0; i < n && i < sizeof low; i++) {
		if (s[i] == ',' || s[i] == '.' || s[i] == ';' || s[i] == '\'')
			break;
		low[i] = lower_byte(s[i]);
	}
	if (i < n) {
		fold_ascii(&f, s, n);
		p = f.p;
		len = f.len;
	}
	for (i = 0; i < k->starts.len && !hit; i += 2u + l1 + l2) {
		l1 = st[i];
		l2 = st[i + 1 + l1];
		hit = l1 == len && memcmp(st + i + 1, p, len) == 0 &&
		    (k->opts.ignore_punct ||
		     next_may_be(rest, nrest, st + i + 2 + l1, l2));
	}
	free(f.p);
	return hit;
}

struct cmpkeys *
cmpkeys_new(const struct cmpkeys_opts *opts, const struct equiv *eq)
{
	struct cmpkeys *k = xcalloc(1, sizeof *k);

	if (opts != NULL)
		k->opts = *opts;
	k->eq = k->opts.strict ? NULL : eq;
	tab_init(&k->ids);
	tab_init(&k->ascii);
	k->blocksize = ARENA_MIN;
	k->wf.check = join_start_check;
	k->wf.ctx = k;
	if (k->eq != NULL)
		equiv_join_starts(k->eq, add_join_start, k);
	return k;
}

uint32_t
cmpkeys_ascii_words(const struct cmpkeys *k, const uint8_t *s, size_t n,
		    size_t readable)
{
	/*
	 * Without punctuation units, a paragraph's first unit may start
	 * after its first bytes ("..., one"), where a paragraph left whole
	 * would start it: only one opening with a letter or digit is sure.
	 */
	if (k->opts.ignore_punct && n > 0 &&
	    !((s[0] >= '0' && s[0] <= '9') || (s[0] >= 'a' && s[0] <= 'z') ||
	      (s[0] >= 'A' && s[0] <= 'Z')))
		return DOC_SEGMENT;
	return token_ascii_words(s, n, readable, &k->wf);
}

void
cmpkeys_free(struct cmpkeys *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->nblock; i++)
		free(k->block[i]);
	free(k->block);
	tab_free(&k->ids);
	tab_free(&k->ascii);
	free(k->pfold.p);
	free(k->jfold.p);
	free(k->tmp.p);
	free(k->fbuf.p);
	free(k->sbuf.p);
	free(k->starts.p);
	free(k->slot);
	free(k->fp);
	free(k->fl);
	free(k);
}

uint32_t
cmpkeys_intern(struct cmpkeys *k, const uint8_t *s, size_t n)
{
	uint64_t w = n <= 8 ? hash_word(s, n) : 0, h = hash_bytes_word(s, n, w);
	size_t i = 0;
	uint32_t id = tab_find(&k->ids, s, n, h, w, &i);

	return id != 0 ? id : tab_add(k, &k->ids, s, n, h, w, i);
}

uint32_t
cmpkeys_new_id(struct cmpkeys *k)
{
	struct strtab *t = &k->ids;
	struct entry *e;

	if (t->nent + t->ngap >= UINT32_MAX - 1)
		xalloc_fail();
	if (t->nent == 1)		/* nothing interned yet */
		return (uint32_t)++t->ngap;
	if (t->nent == t->capent)
		t->ent = xgrow(t->ent, &t->capent, t->nent + 1,
		    sizeof *t->ent);
	e = &t->ent[t->nent];
	memset(e, 0, sizeof *e);
	e->p = (const uint8_t *)"";
	e->memo = MEMO_UNNAMED;
	return tab_id(t, t->nent++);
}

const uint8_t *
cmpkeys_string(const struct cmpkeys *k, uint32_t id, size_t *n)
{
	static const uint8_t empty[1];

	if (id <= k->ids.ngap || id >= k->ids.nent + k->ids.ngap) {
		*n = 0;
		return empty;
	}
	*n = tab_ent(&k->ids, id)->len;
	return tab_ent(&k->ids, id)->p;
}

static bool
is_digit(uint8_t c)
{
	return c >= '0' && c <= '9';
}

/* The strict key of s[0 .. n-1]: NFC, case folded with ignore_case. */
static uint32_t
strict_id(struct cmpkeys *k, const uint8_t *s, size_t n)
{
	size_t len;
	const uint8_t *p = fold_strict(&k->sbuf, s, n, k->opts.ignore_case,
	    &len);

	return cmpkeys_intern(k, p, len);
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
 * The keys of the non-ASCII token s[0 .. n-1] (see the memo at the top):
 * its bytes are interned, and the first time its folded form and then its
 * strict key, which stay in that entry.
 */
static const struct entry *
unicode_keys(struct cmpkeys *k, const uint8_t *s, size_t n)
{
	uint32_t x = cmpkeys_intern(k, s, n), fold = 0, strict;
	uint32_t memo = MEMO_KNOWN;
	struct fold_buf *f = &k->fbuf;
	struct entry *e;

	if (tab_ent(&k->ids, x)->memo & MEMO_KNOWN)
		return tab_ent(&k->ids, x);
	if (!k->opts.strict) {
		f->len = 0;
		fold_append(f, &k->tmp, s, n);
		fold = cmpkeys_intern(k, f->p, f->len);
		if (f->len == 0)
			memo |= MEMO_EMPTY;
		else if (k->eq != NULL && equiv_may_start(k->eq, f->p, f->len))
			memo |= MEMO_PHRASE;
	}
	strict = strict_id(k, s, n);
	if (k->opts.strict)
		fold = strict;
	/* Interning may have moved the entries. */
	e = tab_ent(&k->ids, x);
	e->fold = fold;
	e->strict = strict;
	e->memo = memo;
	return e;
}

/*
 * Whether the token s[0 .. n-1] is pure ASCII, and if so its memo or NULL
 * if there is none yet.  A token of up to 8 bytes is all in its
 * hash_word, which the hash needs anyway.
 */
static inline __attribute__((always_inline)) bool
ascii_keys(const struct cmpkeys *k, const uint8_t *s, size_t n,
	   const struct entry **e)
{
	uint64_t w = 0, h;
	size_t i;
	uint32_t x;

	if (n <= 8) {
		w = hash_word(s, n);
		if (w & UINT64_C(0x8080808080808080))
			return false;
	} else {
		/* Eight bytes at a time, the last ones overlapping. */
		uint64_t v, any = 0;

		for (i = 0; i + 8 < n; i += 8) {
			memcpy(&v, s + i, 8);
			any |= v;
		}
		memcpy(&v, s + n - 8, 8);
		if ((any | v) & UINT64_C(0x8080808080808080))
			return false;
	}
	h = hash_bytes_word(s, n, w);
	x = tab_find(&k->ascii, s, n, h, w, &i);
	*e = x != 0 ? &k->ascii.ent[x] : NULL;
	return true;
}

/*
 * Keep the keys of the ASCII token s[0 .. n-1], and whether its folded
 * form can start a phrase: until they are kept, equiv_match is asked at
 * every one of its occurrences instead.
 */
static void
ascii_keep(struct cmpkeys *k, const uint8_t *s, size_t n, uint32_t strict,
	   uint32_t fold)
{
	uint64_t w = n <= 8 ? hash_word(s, n) : 0, h = hash_bytes_word(s, n, w);
	size_t i = 0;
	uint32_t x = tab_find(&k->ascii, s, n, h, w, &i);
	const struct entry *f = tab_ent(&k->ids, fold);
	struct entry *e;
	bool phrase;

	phrase = k->eq != NULL && equiv_may_start(k->eq, f->p, f->len);
	if (x == 0)
		x = tab_add(k, &k->ascii, s, n, h, w, i);
	e = &k->ascii.ent[x];
	e->strict = strict;
	e->fold = fold;
	e->memo = MEMO_KNOWN | (phrase ? MEMO_PHRASE : 0);
}

/* The folded form of slot sl, and its length. */
static inline const uint8_t *
slot_fold(const struct cmpkeys *k, const struct slot *sl, size_t *len)
{
	switch (sl->how) {
	case HOW_KNOWN:
		*len = tab_ent(&k->ids, sl->fold)->len;
		return tab_ent(&k->ids, sl->fold)->p;
	case HOW_EXACT:
		*len = sl->len;
		return sl->f;
	case HOW_ASCII:
		*len = sl->len;
		return k->pfold.p + sl->off;
	default:
		*len = sl->len;
		return k->jfold.p + sl->off;
	}
}

/*
 * Is slot sl, the number token t, to be joined onto the slot before it
 * (see the top): "10", a no-break or thin space, "000"?
 */
static bool
joins_number(const struct cmpkeys *k, const struct doc *d,
	     const struct slot *prev, const struct slot *sl, size_t t)
{
	const struct token *g = &d->tok[t - 1];
	const uint8_t *a, *b;
	size_t alen, blen;

	if (prev->kind != TOK_NUMBER || prev->last + 2 != t ||
	    !is_group_space(d->text->data + g->off, g->len))
		return false;
	a = slot_fold(k, prev, &alen);
	b = slot_fold(k, sl, &blen);
	return is_digit(a[alen - 1]) && starts_with_group(b, blen);
}

/*
 * Step 1 for the tokens [t0, t1) of one sentence (or of the stretch between
 * sentences): fill k->slot, returns their number.  Tokens that fold to
 * nothing are left out (see the top).  Only non-ASCII tokens are interned
 * here, as the order of ids wants (see the memo at the top).  pieces: d
 * has long words cut in pieces (token_is_piece), each piece one slot; a
 * constant, so that texts without (all real ones) pay nothing for them.
 */
static inline __attribute__((always_inline)) size_t
collect_slots(struct cmpkeys *k, const struct doc *d, size_t t0, size_t t1,
	      bool pieces)
{
	const uint8_t *data = d->text->data, *f;
	const struct token *tok = d->tok;
	const struct entry *e;
	struct slot *sl, *prev;
	size_t t, ns = 0, len;

	k->pfold.len = k->jfold.len = 0;
	if (k->capslot < t1 - t0)
		k->slot = xgrow(k->slot, &k->capslot, t1 - t0,
		    sizeof *k->slot);
	for (t = t0; t < t1; t++) {
		const struct token *tk = &tok[t];
		const uint8_t *bytes = data + tk->off;
		unsigned kind = tk->kind;
		size_t first = t, tlen = tk->len;

		if (kind == TOK_SPACE || kind == TOK_BREAK)
			continue;
		/* A long word's pieces are one slot (token_is_piece). */
		if (pieces && tlen >= TOKEN_LEN_MAX - 3) {
			while (t + 1 < t1 && token_is_piece(d, t + 1))
				t++;
			tlen = (size_t)tok[t].off + tok[t].len - tk->off;
		}
		if (kind == TOK_PUNCT && k->opts.ignore_punct)
			continue;
		sl = &k->slot[ns];
		if (kind == TOK_INVALID || kind == TOK_CONTROL) {
			/* Exact bytes for both keys. */
			sl->how = HOW_EXACT;
			sl->f = bytes;
			sl->len = (uint32_t)tlen;
			sl->phrase = k->eq != NULL &&
			    equiv_may_start(k->eq, bytes, tlen);
		} else if (ascii_keys(k, bytes, tlen, &e)) {
			if (e != NULL) {
				sl->how = HOW_KNOWN;
				sl->fold = e->fold;
				sl->strict = e->strict;
				sl->phrase = (e->memo & MEMO_PHRASE) != 0;
			} else {
				sl->how = HOW_ASCII;
				sl->off = (uint32_t)k->pfold.len;
				sl->same = !k->opts.strict &&
				    fold_ascii(&k->pfold, bytes, tlen);
				sl->len = (uint32_t)(k->pfold.len - sl->off);
				/* equiv_match will tell (see ascii_keep) */
				sl->phrase = k->eq != NULL;
			}
		} else {
			e = unicode_keys(k, bytes, tlen);
			if (e->memo & MEMO_EMPTY)
				continue;
			sl->how = HOW_KNOWN;
			sl->fold = e->fold;
			sl->strict = e->strict;
			sl->phrase = (e->memo & MEMO_PHRASE) != 0;
		}
		sl->first = (uint32_t)first;
		sl->last = (uint32_t)t;
		sl->kind = (uint8_t)kind;
		if (k->opts.strict) {
			/* No joins: the keys come from the strict key alone. */
			ns++;
			continue;
		}

		/*
		 * "10 000": join onto the previous number slot.  The joined
		 * folded form grows at the end of k->jfold: only the last
		 * slot is ever joined onto.
		 */
		prev = ns > 0 ? &k->slot[ns - 1] : NULL;
		if (kind == TOK_NUMBER && prev != NULL &&
		    joins_number(k, d, prev, sl, first)) {
			if (prev->how != HOW_JOINED) {
				f = slot_fold(k, prev, &len);
				prev->off = (uint32_t)k->jfold.len;
				prev->len = 0;
				fold_buf_append(&k->jfold, f, len);
				prev->len = (uint32_t)len;
				prev->how = HOW_JOINED;
			}
			f = slot_fold(k, sl, &len);
			fold_buf_append(&k->jfold, f, len);
			prev->len += (uint32_t)len;
			prev->last = (uint32_t)t;
			prev->phrase = k->eq != NULL;
			continue;
		}
		ns++;
	}
	return ns;
}

/* The bytes of the tokens of slot sl (more than one: a long word's pieces). */
static inline size_t
slot_bytes(const struct doc *d, const struct slot *sl)
{
	const struct token *a = &d->tok[sl->first], *b = &d->tok[sl->last];

	return (size_t)b->off + b->len - a->off;
}

/* collect_slots of a doc with long words cut in pieces. */
static __attribute__((noinline)) size_t
collect_long_slots(struct cmpkeys *k, const struct doc *d, size_t t0,
		   size_t t1)
{
	return collect_slots(k, d, t0, t1, true);
}

/* Append a unit; cmpkeys_classify has made room. */
static inline void
push_unit(struct doc *d, uint32_t first, uint32_t last, uint32_t strict,
	  uint32_t fold)
{
	struct unit *u = &d->unit[d->nunit++];

	u->tok = first;
	while (last > first)
		d->tok[last--].joined = 1;
	u->strict = strict;
	u->fold = fold;
}

/* The strict key of tokens [first, last]. */
static uint32_t
span_strict(struct cmpkeys *k, const struct doc *d, uint32_t first,
	    uint32_t last)
{
	const struct token *a = &d->tok[first], *b = &d->tok[last];

	if (first == last &&
	    (a->kind == TOK_INVALID || a->kind == TOK_CONTROL))
		return cmpkeys_intern(k, d->text->data + a->off, a->len);
	return strict_id(k, d->text->data + a->off,
	    (size_t)b->off + b->len - a->off);
}

/*
 * The id of a canonical form that equiv_match returned.  Those live as
 * long as the equivalence set and each is always at the same address, so
 * a small cache by address saves interning "and" at every "and".
 */
static uint32_t
canon_id(struct cmpkeys *k, const uint8_t *canon, size_t len)
{
	size_t i = ((uintptr_t)canon >> 1) % CANON_CACHE;

	if (k->canon[i].p != canon) {
		k->canon[i].p = canon;
		k->canon[i].id = cmpkeys_intern(k, canon, len);
	}
	return k->canon[i].id;
}

/* The folded forms of the first ns slots, as equiv_match wants them. */
static void
gather_folds(struct cmpkeys *k, size_t ns)
{
	size_t i, c;

	if (ns > k->capf) {
		c = k->capf;
		k->fp = xgrow(k->fp, &c, ns, sizeof *k->fp);
		k->fl = xreallocarray(k->fl, c, sizeof *k->fl);
		k->capf = c;
	}
	for (i = 0; i < ns; i++)
		k->fp[i] = slot_fold(k, &k->slot[i], &k->fl[i]);
}

/*
 * The keys of slot sl as a unit alone (step 3), interned in the order the
 * slow path always used: strict key, then fold key.  A new ASCII token's
 * keys go to its memo.
 */
static void
slot_keys(struct cmpkeys *k, const struct doc *d, const struct slot *sl,
	  uint32_t *strict, uint32_t *fold)
{
	const struct token *tk = &d->tok[sl->first];
	const uint8_t *bytes = d->text->data + tk->off;
	size_t len;

	switch (sl->how) {
	case HOW_KNOWN:
		*strict = sl->strict;
		*fold = sl->fold;
		return;
	case HOW_EXACT:
		*strict = *fold = cmpkeys_intern(k, sl->f, sl->len);
		return;
	case HOW_JOINED:
		*strict = span_strict(k, d, sl->first, sl->last);
		*fold = cmpkeys_intern(k, k->jfold.p + sl->off, sl->len);
		return;
	}
	len = slot_bytes(d, sl);
	if (k->opts.strict)
		*strict = *fold = strict_id(k, bytes, len);
	else if (sl->same)
		*strict = *fold = cmpkeys_intern(k, bytes, len);
	else {
		*strict = strict_id(k, bytes, len);
		*fold = cmpkeys_intern(k, k->pfold.p + sl->off, sl->len);
	}
	ascii_keep(k, bytes, len, *strict, *fold);
}

/* The id of s[0 .. n-1] if it is interned, else 0; interns nothing. */
static uint32_t
find_id(const struct cmpkeys *k, const uint8_t *s, size_t n)
{
	uint64_t w = n <= 8 ? hash_word(s, n) : 0;
	size_t i;

	return tab_find(&k->ids, s, n, hash_bytes_word(s, n, w), w, &i);
}

/*
 * A new ASCII token sl that starts a phrase ("and" of "and = &", "U.S" of
 * "U.S."): it gets no keys of its own, and interning them now would
 * change the order of ids.  But if both are interned already, its memo
 * can be kept all the same, so that the next one is looked up like any
 * other word.  (The other tokens of a phrase are mostly common words that
 * also stand alone, and get their memo then.)
 */
static void
ascii_keep_found(struct cmpkeys *k, const struct doc *d, const struct slot *sl)
{
	const struct token *tk = &d->tok[sl->first];
	const uint8_t *bytes = d->text->data + tk->off;
	size_t len = slot_bytes(d, sl);
	struct fold_buf *b = &k->sbuf;
	uint32_t strict, fold;
	size_t i;

	if (!k->opts.ignore_case)
		strict = find_id(k, bytes, len);
	else {
		/* what strict_id makes of ASCII */
		b->len = 0;
		fold_buf_reserve(b, len);
		for (i = 0; i < len; i++)
			b->p[i] = bytes[i] >= 'A' && bytes[i] <= 'Z' ?
			    (uint8_t)(bytes[i] + 'a' - 'A') : bytes[i];
		strict = find_id(k, b->p, len);
	}
	fold = find_id(k, k->pfold.p + sl->off, sl->len);
	if (strict != 0 && fold != 0)
		ascii_keep(k, bytes, len, strict, fold);
}

/*
 * Steps 1-3 for the tokens [t0, t1) of one sentence, or of a stretch
 * between sentences (white space, normally): append their units to d.
 * Working a sentence at a time keeps the scratch arrays as small as the
 * longest sentence, and is what keeps phrases inside sentences.  The
 * folded forms for equiv_match are gathered only when some slot may start
 * a phrase; a slot that may not would get 0 from equiv_match.
 */
static void
classify_run(struct cmpkeys *k, struct doc *d, size_t t0, size_t t1)
{
	size_t ns = d->npiece != 0 ? collect_long_slots(k, d, t0, t1) :
	    collect_slots(k, d, t0, t1, false), tail, i, m, lim;
	const uint8_t *canon;
	uint32_t strict, fold, last;
	size_t canon_len;
	struct slot *sl;
	bool gathered = false;

	/* Phrases stop before the final run of punctuation (see the top). */
	for (tail = ns; tail > 0 && k->slot[tail - 1].kind == TOK_PUNCT; )
		tail--;
	for (i = 0; i < ns; i += m) {
		sl = &k->slot[i];
		m = 0;
		if (sl->phrase) {
			if (!gathered) {
				gather_folds(k, ns);
				gathered = true;
			}
			lim = i < tail ? tail : ns;
			m = equiv_match(k->eq, k->fp + i, k->fl + i, lim - i,
			    &canon, &canon_len);
		}
		if (m > 0) {
			last = k->slot[i + m - 1].last;
			/* One known token: its strict key is known too. */
			if (m == 1 && sl->how == HOW_KNOWN)
				strict = sl->strict;
			else
				strict = span_strict(k, d, sl->first, last);
			push_unit(d, sl->first, last, strict,
			    canon_id(k, canon, canon_len));
			if (sl->how == HOW_ASCII)
				ascii_keep_found(k, d, sl);
			continue;
		}
		m = 1;
		slot_keys(k, d, sl, &strict, &fold);
		push_unit(d, sl->first, sl->last, strict, fold);
	}
}

/*
 * The units of paragraph pi, a copy of its twin's (doc.h), which was
 * classified before with the same keys: every string its units intern
 * is interned already, so classifying it again would find the same ids
 * and make no new one.  Room is made.
 */
static void
copy_twin_units(struct doc *d, size_t pi)
{
	const struct doc *sd = d->twin[pi].d;
	const struct para *sp = &sd->para[d->twin[pi].p];
	uint32_t tok = d->para[pi].tok, i;
	struct unit u;

	for (i = 0; i < sp->nunit; i++) {
		u = sd->unit[sp->unit + i];
		u.tok = u.tok - sp->tok + tok;
		d->unit[d->nunit++] = u;
	}
	for (i = 0; i < sp->ntok; i++)
		d->tok[tok + i].joined = sd->tok[sp->tok + i].joined;
}

void
cmpkeys_classify(struct cmpkeys *k, struct doc *d)
{
	size_t pi, si, t, tend, s0, s1, u, v, cap = 0;
	struct para *p;

	if (d->unit != NULL)	/* classified before: its joins go */
		for (t = 0; t < d->ntok; t++)
			d->tok[t].joined = token_is_piece(d, t);
	free(d->unit);
	d->nunit = 0;
	d->strict = k->opts.strict;
	d->ignore_punct = k->opts.ignore_punct;
	/* Start near the usual one unit per two tokens. */
	d->unit = xgrow(NULL, &cap, d->ntok / 2 + 16, sizeof *d->unit);
	for (pi = 0; pi < d->npara; pi++) {
		p = &d->para[pi];
		if (d->reading != NULL && p->start >= d->reading->next)
			doc_reading_at(d, p->start, 1);
		/* At most one unit per token. */
		if (cap - d->nunit < p->ntok)
			d->unit = xgrow(d->unit, &cap, d->nunit + p->ntok,
			    sizeof *d->unit);
		p->unit = (uint32_t)d->nunit;
		if (doc_para_whole(d, pi)) {
			/*
			 * One unit, keyed by what lazy.c gave it: the same
			 * id as its byte-equal partner, no other's.  Without
			 * one, by the paragraph's bytes through their hash:
			 * two 0xff bytes then the hash, which no token's key
			 * can be (an invalid byte is a token of its own).
			 */
			uint8_t key[2 + sizeof p->hash] = { 0xff, 0xff };
			uint32_t id;

			if (d->pkey != NULL) {
				id = d->pkey[pi];
			} else {
				memcpy(key + 2, &p->hash, sizeof p->hash);
				id = cmpkeys_intern(k, key, sizeof key);
			}
			push_unit(d, p->tok, p->tok + p->ntok - 1, id, id);
			p->nunit = 1;
			continue;
		}
		if (d->twin != NULL && d->twin[pi].d != NULL) {
			copy_twin_units(d, pi);
			p->nunit = (uint32_t)(d->nunit - p->unit);
			continue;
		}
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
				classify_run(k, d, t, s0);
			classify_run(k, d, s0, s1);
			t = s1;
		}
		if (t < tend)
			classify_run(k, d, t, tend);
		p->nunit = (uint32_t)(d->nunit - p->unit);
	}
	d->unit = xreallocarray(d->unit, d->nunit, sizeof *d->unit);

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
	if (d->reading != NULL)
		doc_reading_at(d, d->text->len, 1);
}
