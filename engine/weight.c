/*
 * weight.c — how much each word counts when alignments are weighed, and
 * the similarity of two runs of units that a word diff gives (align.h).
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "align-stage.h"
#include "diffseq.h"
#include "xalloc.h"

/*
 * Segments with more words than this (both sides) are compared for
 * pairing by a diff whose search is capped lower (SIM_COST): a long
 * paragraph rewritten word for word would otherwise cost each candidate
 * pair a long search, and a gap holds thousands of candidates.  The
 * similarity found is then at worst lower than the true one (the diff
 * settles for a longer script), never higher.
 */
#define SIM_LONG		400
#define SIM_COST		32

static const struct diffseq_opts sim_opts = { SIM_COST };

/* pair_sim's LCS bound runs when the shorter side has at most this many
 * words (four 64-bit words a bit vector). */
#define LCS_BOUND_MAX		256

/* --- word weights -------------------------------------------------------- */

/*
 * A sorted list of lower-case ASCII words, with what rules a word out
 * before any compare: for each first letter, the lengths of the entries
 * that begin with it (bit n: one has n letters).  test-wordlist checks
 * every entry in every case, near misses and every short string, so a
 * wrong mask fails it.
 */
struct wordlist {
	const char *const *w;
	size_t n;
	uint16_t lengths[26];
};

/* Function words of English news prose, sorted. */
static const char *const function_words[] = {
	"a", "about", "after", "all", "also", "an", "and", "any", "are", "as",
	"at", "be", "been", "being", "but", "by", "can", "could", "did", "do",
	"does", "for", "from", "had", "has", "have", "he", "her", "his", "if",
	"in", "into", "is", "it", "its", "may", "more", "most", "not", "of",
	"on", "one", "or", "our", "out", "over", "said", "says", "she", "so",
	"some", "than", "that", "the", "their", "them", "there", "these",
	"they", "this", "those", "to", "up", "was", "we", "were", "what",
	"when", "which", "while", "who", "will", "with", "would",
};

static const struct wordlist function_list = {
	function_words, sizeof function_words / sizeof function_words[0],
	{ ['a' - 'a'] = 0x3e, ['b' - 'a'] = 0x3c, ['c' - 'a'] = 0x28,
	  ['d' - 'a'] = 0x1c, ['f' - 'a'] = 0x18, ['h' - 'a'] = 0x1c,
	  ['i' - 'a'] = 0x1c, ['m' - 'a'] = 0x18, ['n' - 'a'] = 0x8,
	  ['o' - 'a'] = 0x1c, ['s' - 'a'] = 0x1c, ['t' - 'a'] = 0x3c,
	  ['u' - 'a'] = 0x4, ['w' - 'a'] = 0x3c },
};

/*
 * Number words that carry a figure ("three people briefed"): kept, they
 * are as much a fact as "3".  "one" is not here: it is as often a
 * pronoun ("one of them said").  Sorted.
 */
static const char *const number_words[] = {
	"billion", "dozen", "eight", "eighteen", "eighty", "eleven", "fifteen",
	"fifty", "five", "forty", "four", "fourteen", "hundred", "million",
	"nine", "nineteen", "ninety", "seven", "seventeen", "seventy", "six",
	"sixteen", "sixty", "ten", "thirteen", "thirty", "thousand", "three",
	"trillion", "twelve", "twenty", "two",
};

static const struct wordlist number_list = {
	number_words, sizeof number_words / sizeof number_words[0],
	{ ['b' - 'a'] = 0x80, ['d' - 'a'] = 0x20, ['e' - 'a'] = 0x160,
	  ['f' - 'a'] = 0x1b0, ['h' - 'a'] = 0x80, ['m' - 'a'] = 0x80,
	  ['n' - 'a'] = 0x150, ['s' - 'a'] = 0x2a8, ['t' - 'a'] = 0x168 },
};

static inline unsigned
ascii_lower(uint8_t ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch + 32u : ch;
}

/* s[0, len), ASCII lower-cased, against e, in the order of strcmp (a
 * NUL byte inside s is a byte like any other). */
static inline int
cmp_lower(const uint8_t *s, size_t len, const char *e)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned a = ascii_lower(s[i]);
		unsigned b = (unsigned char)e[i];

		if (b == 0)
			return 1;
		if (a != b)
			return a < b ? -1 : 1;
	}
	return e[len] != '\0' ? -1 : 0;
}

/* Is s[0, len), ASCII case ignored, in l? */
static bool
in_list(const struct wordlist *l, const uint8_t *s, size_t len)
{
	size_t lo = 0, hi = l->n;
	unsigned c0;

	if (len == 0 || len >= 16)
		return false;
	c0 = ascii_lower(s[0]);
	if (c0 < 'a' || c0 > 'z' || !(l->lengths[c0 - 'a'] >> len & 1))
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = cmp_lower(s, len, l->w[mid]);

		if (r == 0)
			return true;
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

bool
function_word(const uint8_t *s, size_t len)
{
	return in_list(&function_list, s, len);
}

bool
number_word(const uint8_t *s, size_t len)
{
	return in_list(&number_list, s, len);
}

const char *const *
function_word_list(size_t *n)
{
	*n = function_list.n;
	return function_list.w;
}

const char *const *
number_word_list(size_t *n)
{
	*n = number_list.n;
	return number_list.w;
}

static uint8_t
unit_weight_of(const struct doc *d, const struct unit *u)
{
	const struct token *t = &d->tok[u->tok];

	if (unit_ntok(d, u) > 1 || t->kind == TOK_PARA)
		return W_CONTENT;	/* a joined equivalence: "per cent" */
	if (t->kind == TOK_NUMBER)
		return W_CONTENT;
	if (t->kind != TOK_WORD)
		return t->kind == TOK_SYMBOL ? W_FUNCTION : W_PUNCT;
	if (t->len <= 1)
		return W_FUNCTION;
	return function_word(d->text->data + t->off, t->len) ? W_FUNCTION :
							       W_CONTENT;
}

unsigned
align_unit_weight(const struct doc *d, uint32_t unit)
{
	return unit_weight_of(d, &d->unit[unit]);
}

void
weights_init(struct ctx *c)
{
	const struct doc *ds[2] = { c->a, c->b };
	uint32_t maxid = 0;
	size_t i;
	int s;

	for (s = 0; s < 2; s++)
		for (i = 0; i < ds[s]->nunit; i++) {
			if (ds[s]->unit[i].fold > maxid)
				maxid = ds[s]->unit[i].fold;
			if (ds[s]->unit[i].strict > maxid)
				maxid = ds[s]->unit[i].strict;
		}
	c->nweight = maxid + 1;
	c->weight = xmalloc(c->nweight);
	memset(c->weight, W_UNKNOWN, c->nweight);
	for (s = 0; s < 2; s++)
		for (i = 0; i < ds[s]->nunit; i++) {
			const struct unit *u = &ds[s]->unit[i];

			if (c->weight[u->strict] == W_UNKNOWN)
				c->weight[u->strict] = unit_weight_of(ds[s], u);
		}
}

unsigned
weight_sum(const struct ctx *c, const struct doc *d, uint32_t u0, uint32_t u1)
{
	unsigned w = 0;

	for (; u0 < u1; u0++)
		w += c->weight[d->unit[u0].strict];
	return w;
}

/* --- similarity ------------------------------------------------------------ */

/*
 * Load the weighted (non-punctuation) units of d[u0, u1) into slot h:
 * their ids, weights, count and weight sum.
 */
static void
load_words(const struct ctx *c, const struct doc *d, uint32_t u0,
	   uint32_t u1, struct heldwords *h)
{
	size_t n = 0;
	unsigned total = 0;

	if ((size_t)(u1 - u0) > h->cap || h->w == NULL) {
		h->cap = u1 - u0 > 0 ? u1 - u0 : 1;
		h->ids = xreallocarray(h->ids, h->cap, 5 * sizeof *h->ids);
		h->w = xreallocarray(h->w, h->cap, 2);
	}
	h->gw = h->w + h->cap;
	h->u0 = u0;
	h->u1 = u1;
	h->stampgen = 0;
	h->dgen = 0;
	for (; u0 < u1; u0++) {
		uint32_t f = d->unit[u0].fold;
		uint8_t w = c->weight[d->unit[u0].strict];

		/* Written in any case, kept unless punctuation (weight 0). */
		h->ids[n] = f;
		h->w[n] = w;
		n += w != W_PUNCT;
		total += w;
	}
	h->n = n;
	h->total = total;
}

/*
 * Number the keys of side's slot h in that side's map of kmap (by fold
 * id, valid where its gen is h's new stampgen), noting the slot's
 * distinct keys.
 */
static void
stamp_keys(struct ctx *c, int side, struct heldwords *h)
{
	struct keymap *km;
	size_t i, nk = 0;
	uint32_t gen;
	int s, k;

	if (c->kmap == NULL)
		c->kmap = xcalloc(2 * (size_t)c->nweight, sizeof *c->kmap);
	if (++c->gen == 0) {
		for (i = 0; i < 2 * (size_t)c->nweight; i++)
			c->kmap[i].gen = 0;
		for (s = 0; s < 2; s++)
			for (k = 0; k < HOLD_SLOTS; k++)
				c->hw[s][k].stampgen = 0;
		c->gen = 1;
	}
	gen = c->gen;
	km = c->kmap + (size_t)side * c->nweight;
	h->kx = h->ids + h->cap;
	h->key = h->kx + h->cap;
	h->kn = h->key + h->cap;
	h->kh = h->kn + h->cap;
	c->work += h->n;
	for (i = 0; i < h->n; i++) {
		struct keymap *x = &km[h->ids[i]];
		uint8_t w = h->w[i];

		if (x->gen != gen) {
			x->gen = gen;
			x->num = (uint32_t)nk;
			h->key[nk] = h->ids[i];
			h->kn[nk] = 0;
			h->kh[nk++] = 0;
		}
		h->kx[i] = x->num;
		h->kn[x->num]++;
		h->kh[x->num] += w == W_CONTENT;
	}
	h->nkey = nk;
	h->stampgen = gen;
	c->mapgen[side] = gen;
}

/*
 * The side whose held slot has its keys numbered in its map: one that
 * has already, or else the one whose map was used the longer ago (a
 * segment scored against candidates in turn, and against their splits
 * and merges, keeps its map).
 */
static int
stamped_side(struct ctx *c)
{
	int s;

	for (s = 0; s < 2; s++)
		if (c->mapgen[s] != 0 && c->held[s]->stampgen == c->mapgen[s])
			break;
	if (s == 2) {
		s = c->mapused[0] <= c->mapused[1] ? 0 : 1;
		stamp_keys(c, s, c->held[s]);
	}
	c->mapused[s] = c->hclock;
	return s;
}

/*
 * The length of a longest common subsequence of x[0, n) and y[0, m),
 * sequences of dense keys below nkey (sim_bound numbers the keys the two
 * sides share), bit-parallel (Allison and Dix 1986, Hyyro 2004): bit i
 * of V, over the positions of the shorter side, is cleared when a common
 * subsequence ending there grows; for each word y of the longer side,
 * with M the positions holding y, V = (V + (V & M)) | (V & ~M), and the
 * LCS is the count of cleared bits.  O(m * n / 64), with no edit script:
 * a bound for pair_sim, far cheaper than the diff it saves.
 */
static size_t
lcs_length(struct ctx *c, const uint32_t *x, size_t n, const uint32_t *y,
	   size_t m, size_t nkey)
{
	const uint32_t *p = x, *t = y;
	size_t np = n, nt = m, nw, i, w, lcs = 0;
	uint64_t *v, *peq;

	if (n > m) {
		p = y;
		t = x;
		np = m;
		nt = n;
	}
	if (np == 0)
		return 0;
	nw = (np + 63) / 64;
	c->lbits = xgrow(c->lbits, &c->caplbits, (nkey + 1) * nw,
			 sizeof *c->lbits);
	v = c->lbits;
	peq = v + nw;
	memset(peq, 0, nkey * nw * sizeof *peq);
	for (i = 0; i < np; i++)
		peq[p[i] * nw + i / 64] |= 1ULL << (i % 64);
	c->work += np + nt * nw;
	if (nw == 1) {
		/* One machine word: V - (V & M) is V & ~M, no carries. */
		uint64_t v0 = ~0ULL, u;

		for (i = 0; i < nt; i++) {
			u = v0 & peq[t[i]];
			v0 = (v0 + u) | (v0 - u);
		}
		return (size_t)__builtin_popcountll(~v0 &
			(np == 64 ? ~0ULL : (1ULL << np) - 1));
	}
	for (w = 0; w < nw; w++)
		v[w] = ~0ULL;
	for (i = 0; i < nt; i++) {
		const uint64_t *mk = peq + t[i] * nw;
		uint64_t carry = 0;

		for (w = 0; w < nw; w++) {
			uint64_t u = v[w] & mk[w], vc = v[w] + carry, sum;

			carry = vc < carry;
			sum = vc + u;
			carry |= sum < u;
			v[w] = sum | (v[w] & ~mk[w]);
		}
	}
	for (w = 0; w < nw; w++) {
		uint64_t z = ~v[w];

		if (w == nw - 1 && np % 64)
			z &= (1ULL << (np % 64)) - 1;
		lcs += (size_t)__builtin_popcountll(z);
	}
	return lcs;
}

/*
 * The most that one side's words in a common subsequence of lcs words
 * can weigh, at most heavy of them content words (W_CONTENT), the rest
 * lighter (a function word or symbol, W_FUNCTION), of c[1] content
 * and c[0] lighter words that the other side has at all.
 */
static unsigned
top_weight(size_t lcs, size_t heavy, const size_t c[2])
{
	size_t light;

	if (heavy > c[1])
		heavy = c[1];
	if (heavy > lcs)
		heavy = lcs;
	light = lcs - heavy < c[0] ? lcs - heavy : c[0];
	return (unsigned)(heavy * W_CONTENT + light * W_FUNCTION);
}

/*
 * The most that one side's words in a common subsequence of lcs words
 * can weigh with a gap's weights (gap_weight), cnt[w] of its words that
 * the other side has at all weighing w, at most heavy of them W_CONTENT
 * or more (those are content words: gap_weight makes no other word
 * heavy).  The heaviest first.
 */
static unsigned
top_gap_weight(size_t lcs, size_t heavy, const size_t cnt[GAP_WMAX + 1])
{
	unsigned sum = 0;
	size_t take;
	int w;

	for (w = GAP_WMAX; w > 0 && lcs > 0; w--) {
		take = cnt[w] < lcs ? cnt[w] : lcs;
		if (w >= W_CONTENT) {
			if (take > heavy)
				take = heavy;
			heavy -= take;
		}
		sum += (unsigned)(take * (size_t)w);
		lcs -= take;
	}
	return sum;
}

/* The slot of side's units [u0, u1): held already, or the oldest reloaded. */
static const struct heldwords *
hold_side(struct ctx *c, int side, uint32_t u0, uint32_t u1)
{
	struct heldwords *hw = c->hw[side], *h = &hw[0];
	int k;

	for (k = 0; k < HOLD_SLOTS; k++) {
		if (hw[k].u0 == u0 && hw[k].u1 == u1) {
			h = &hw[k];
			goto held;
		}
		if (hw[k].used < h->used)
			h = &hw[k];
	}
	load_words(c, side ? c->b : c->a, u0, u1, h);
	c->work += u1 - u0;
held:
	h->used = ++c->hclock;
	c->held[side] = h;
	return h;
}

/* Hold A units [a0, a1) and B units [b0, b1) for pair_sim. */
static void
hold(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1)
{
	const struct heldwords *x = hold_side(c, 0, a0, a1);
	const struct heldwords *y = hold_side(c, 1, b0, b1);

	c->sa = x->ids;
	c->wa = x->w;
	c->nheld[0] = x->n;
	c->wheld[0] = x->total;
	c->sb = y->ids;
	c->wb = y->w;
	c->nheld[1] = y->n;
	c->wheld[1] = y->total;
}

/* Whether kept out of total falls short of need. */
static bool
short_of(unsigned kept, unsigned total, double need)
{
	return (double)kept / total < need;
}

/*
 * How far can the pair held (both sides with words) reach: 0 when a
 * bound says its similarity is below lo, or while a gap is scored
 * (c->damp) that its similarity with the gap's weights (gap_sim) is
 * below dneed (0: no such need); 1 when one says it is below hi (lo <=
 * hi); else 2.  What a diff keeps is a common subsequence, so it keeps
 * at most the words the other side has at all, at most lcs of them a
 * side, and at most as many content words as the content words' own
 * LCS with the other side.
 */
/*
 * The dense numbers of the content words of the stamped slot h whose key
 * both sides have, in order, into out: word i's key is h->kx[i],
 * numbered com[h->kx[i]] (UINT32_MAX: not common).  Returns how many.
 */
static size_t
common_content(const struct heldwords *h, const uint32_t *com, uint32_t *out)
{
	size_t i, o = 0;

	for (i = 0; i < h->n; i++)
		if (h->w[i] == W_CONTENT && com[h->kx[i]] != UINT32_MAX)
			out[o++] = com[h->kx[i]];
	return o;
}

/* n keys by their dense numbers com[], into out; returns n. */
static size_t
renumber(const uint32_t *in, size_t n, const uint32_t *com, uint32_t *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = com[in[i]];
	return n;
}

/*
 * The weight of slot h's words by the gap's weights (gap_weight), each
 * word's into h->gw: worked out once a slot and gap.
 */
static unsigned
gap_total(const struct ctx *c, struct heldwords *h)
{
	size_t i;

	if (h->dgen != c->gapgen || c->gapgen == 0) {
		h->dtotal = 0;
		for (i = 0; i < h->n; i++) {
			h->gw[i] = gap_weight(c, h->ids[i], h->w[i]);
			h->dtotal += h->gw[i];
		}
		h->dgen = c->gapgen;
	}
	return h->dtotal;
}

static int
sim_bound(struct ctx *c, double lo, double hi, double dneed)
{
	const uint8_t *wa = c->wa, *wb = c->wb;
	const struct heldwords *x, *y;
	const struct keymap *km;
	const uint8_t *wy;
	size_t n = c->nheld[0], m = c->nheld[1], i, nc = 0, fn, fm = 0, nx;
	size_t nyc = 0;
	size_t lcs, h, hb, cnt[2][2] = { { 0, 0 }, { 0, 0 } };
	size_t g2[2][GAP_WMAX + 1] = { { 0 } }, *ca, *cb, *ga, *gb;
	unsigned ta = c->wheld[0], tb = c->wheld[1], k = 0, dk = 0, dt = 0;
	uint32_t *yn, *yh, *com, *yc, *fx, *fy, *fa, *fb, *fca, *fcb, gen;
	bool gap = c->damp && dneed > 0, near;
	int r = 2, sx;

	/*
	 * A diff keeps at most as many words as the shorter side has, each
	 * of them at most W_CONTENT on each side: a paragraph against a
	 * sentence of it (one against many, a split) is ruled out in O(1),
	 * not in the paragraph's length for each of its candidates.
	 */
	if (2.0 * W_CONTENT * (n < m ? n : m) < lo * (ta + tb))
		return 0;
	if (2.0 * W_CONTENT * (n < m ? n : m) < hi * (ta + tb))
		r = 1;
	/*
	 * The keys of one side, x, are numbered in kmap (stamp_keys); the
	 * side whose keys are numbered there already, if one is: a segment
	 * scored against its candidates in turn is numbered once.  Then
	 * one pass over the other side's words, y, counts each key's words
	 * and content words on y's side (yn, yh, by x's numbers) and notes
	 * each word's number (yk; UINT32_MAX for a key x has not).
	 */
	sx = stamped_side(c);
	x = c->held[sx];
	y = c->held[!sx];
	wy = sx ? wa : wb;
	km = c->kmap + (size_t)sx * c->nweight;
	gen = x->stampgen;
	nx = x->nkey;
	c->ky = xgrow(c->ky, &c->capky, 5 * (n + m), sizeof *c->ky);
	yn = c->ky;
	yh = yn + nx;
	com = yh + nx;
	yc = com + nx;
	fx = yc + y->n;
	fy = fx + x->n;
	memset(yn, 0, 2 * nx * sizeof *yn);
	c->work += y->n + nx;
	/*
	 * y's words whose key x has, by x's numbers, in order (fy), and
	 * the content words among them (yc): numbered densely below, once
	 * com is known.
	 */
	for (i = 0; i < y->n; i++) {
		const struct keymap *e = &km[y->ids[i]];
		uint32_t num = e->num;
		bool heavy = wy[i] == W_CONTENT;

		if (e->gen != gen)
			continue;
		yn[num]++;
		yh[num] += heavy;
		fy[fm++] = num;
		yc[nyc] = num;
		nyc += heavy;
	}
	/*
	 * What a diff could keep at most: of each key, as many words a side
	 * as the side with fewer of them has, the content words first.  The
	 * keys both sides have are numbered again, densely (com).
	 */
	ca = cnt[sx];
	cb = cnt[!sx];
	ga = g2[sx];
	gb = g2[!sx];
	if (gap)
		dt = gap_total(c, c->held[0]) + gap_total(c, c->held[1]);
	for (i = 0; i < nx; i++) {
		uint32_t mn, hx, hy, lx, ly;
		unsigned g;

		if (yn[i] == 0) {
			com[i] = UINT32_MAX;
			continue;
		}
		com[i] = (uint32_t)nc++;
		mn = x->kn[i] < yn[i] ? x->kn[i] : yn[i];
		hx = x->kh[i] < mn ? x->kh[i] : mn;
		hy = yh[i] < mn ? yh[i] : mn;
		k += (hx + hy) * W_CONTENT + (2 * mn - hx - hy) * W_FUNCTION;
		/*
		 * Lighter words kept at most: a key's words may weigh
		 * differently ("%" and "per cent"), and a side that keeps
		 * fewer of its content words (the content words' LCS below)
		 * may keep more of its lighter ones than mn - hx.
		 */
		lx = x->kn[i] - x->kh[i] < mn ? x->kn[i] - x->kh[i] : mn;
		ly = yn[i] - yh[i] < mn ? yn[i] - yh[i] : mn;
		ca[1] += hx;
		ca[0] += lx;
		cb[1] += hy;
		cb[0] += ly;
		if (!gap)
			continue;
		/* A content word of a key weighs the same throughout a gap. */
		g = gap_weight(c, x->key[i], W_CONTENT);
		dk += (hx + hy) * g + (2 * mn - hx - hy) * W_FUNCTION;
		ga[g] += hx;
		gb[g] += hy;
		ga[W_FUNCTION] += lx;
		gb[W_FUNCTION] += ly;
	}
	/* cnt and g2 were filled as x's and y's: now they are A's and B's. */
	ca = cnt[0];
	cb = cnt[1];
	ga = g2[0];
	gb = g2[1];
	if (short_of(k, ta + tb, lo) || (gap && short_of(dk, dt, dneed)))
		return 0;
	if (short_of(k, ta + tb, hi))
		r = 1;
	/*
	 * The words of keys both sides have, by their dense numbers (only
	 * they can be in a common subsequence), and the content words among
	 * them.
	 */
	for (i = 0, fn = 0; i < x->n; i++) {
		fx[fn] = com[x->kx[i]];
		fn += fx[fn] != UINT32_MAX;
	}
	/* Each key of y's words in fy is common: y has it, and x. */
	for (i = 0; i < fm; i++)
		fy[i] = com[fy[i]];
	fa = sx ? fy : fx;
	fb = sx ? fx : fy;
	if (sx) {
		size_t t = fn;

		fn = fm;
		fm = t;
	}
	fca = fy + y->n;
	fcb = fca + n;
	/*
	 * At most lcs words a side: at best the heaviest of those counted.
	 * Only while the shorter side fits a few machine words: the bound
	 * then costs a few times the words loaded, where two huge
	 * paragraphs would cost their product (and the capped diff of long
	 * segments costs (n + m) * SIM_COST).
	 */
	if ((fn < fm ? fn : fm) > LCS_BOUND_MAX)
		return r;
	lcs = lcs_length(c, fa, fn, fb, fm, nc);
	k = top_weight(lcs, lcs, ca) + top_weight(lcs, lcs, cb);
	if (short_of(k, ta + tb, lo))
		return 0;
	if (short_of(k, ta + tb, hi))
		r = 1;
	if (gap) {
		dk = top_gap_weight(lcs, lcs, ga) + top_gap_weight(lcs, lcs, gb);
		if (short_of(dk, dt, dneed))
			return 0;
	}
	/*
	 * Tighter: of those, a side keeps at most as many content words as
	 * its content words have in common with the other side's words.
	 * Tried only near a need: far above it, it rarely rules the pair
	 * out (two translations of a verse).
	 */
	near = short_of(k, ta + tb, 1.5 * hi) ||
		(gap && short_of(dk, dt, 1.5 * dneed));
	if (ca[1] == 0 || !near)
		return r;
	h = sx ? renumber(yc, nyc, com, fca) :
		common_content(x, com, fca);
	h = lcs_length(c, fca, h, fb, fm, nc);
	k = top_weight(lcs, h, ca) + top_weight(lcs, lcs, cb);
	if (short_of(k, ta + tb, lo) || (gap &&
	    short_of(top_gap_weight(lcs, h, ga) + top_gap_weight(lcs, lcs, gb),
		     dt, dneed)))
		return 0;
	if (short_of(k, ta + tb, hi))
		r = 1;
	if (cb[1] == 0)
		return r;
	hb = sx ? common_content(x, com, fcb) :
		renumber(yc, nyc, com, fcb);
	hb = lcs_length(c, fa, fn, fcb, hb, nc);
	k = top_weight(lcs, h, ca) + top_weight(lcs, hb, cb);
	if (short_of(k, ta + tb, lo) || (gap &&
	    short_of(top_gap_weight(lcs, h, ga) + top_gap_weight(lcs, hb, gb),
		     dt, dneed)))
		return 0;
	return short_of(k, ta + tb, hi) ? 1 : r;
}

int
pair_may_reach(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0,
	       uint32_t b1, double lo, double hi)
{
	hold(c, a0, a1, b0, b1);
	if (c->wheld[0] + c->wheld[1] == 0)
		return 2;	/* pair_sim's 1.0 for two empty segments */
	if (c->nheld[0] == 0 || c->nheld[1] == 0)
		return 0;
	return sim_bound(c, lo, hi, 0);
}

/* The weight the diff in c->da and c->ib keeps, on both sides. */
static unsigned
kept_weight(const struct ctx *c)
{
	size_t i;
	unsigned k = 0;

	for (i = 0; i < c->nheld[0]; i++)
		if (!c->da[i])
			k += c->wa[i];
	for (i = 0; i < c->nheld[1]; i++)
		if (!c->ib[i])
			k += c->wb[i];
	return k;
}

/*
 * Diff the pair held, A units [a0, a1) against B units [b0, b1), into
 * c->da and c->ib; returns the weight kept on both sides.  A pair diffed
 * lately is taken from the memo: the diff depends on the words only.
 */
static unsigned
sim_diff(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1,
	 double need)
{
	size_t n = c->nheld[0], m = c->nheld[1];
	struct simmemo *e = &c->memo[0];
	unsigned k;
	bool full = n + m <= SIM_LONG, hit = false;
	int j;

	for (j = 0; j < SIM_MEMO; j++) {
		struct simmemo *x = &c->memo[j];

		if (x->mask != NULL && x->a0 == a0 && x->a1 == a1 &&
		    x->b0 == b0 && x->b1 == b1) {
			e = x;
			hit = true;
			break;
		}
		if (x->used < e->used)
			e = x;
	}
	if (hit) {
		memcpy(c->da, e->mask, n);
		memcpy(c->ib, e->mask + n, m);
		k = e->kept;
		full = e->full;
	} else {
		seqmatch(c->sa, n, c->sb, m, c->nweight, c->da, c->ib,
			 full ? NULL : &sim_opts);
		k = kept_weight(c);
	}
	/*
	 * The capped diff fell short of need, though the words in common
	 * could reach it: diff again with diffseq's own cap.  Two long
	 * paragraphs nearly the same over a vocabulary with few words
	 * unique to both lose most of their weight to the cap between
	 * anchors (a 44 MB paragraph kept a tenth of it and went unpaired);
	 * pairs the cap does not hurt, or that cannot reach need, pay
	 * nothing more.
	 */
	if (!full && need > 0 &&
	    (double)k < need * ((double)c->wheld[0] + c->wheld[1]) &&
	    sim_bound(c, need, need, 0) != 0) {
		seqmatch(c->sa, n, c->sb, m, c->nweight, c->da, c->ib, NULL);
		k = kept_weight(c);
		full = true;
	} else if (hit) {
		e->used = ++c->hclock;
		return k;
	}
	e->mask = xgrow(e->mask, &e->cap, n + m, 1);
	memcpy(e->mask, c->da, n);
	memcpy(e->mask + n, c->ib, m);
	e->a0 = a0;
	e->a1 = a1;
	e->b0 = b0;
	e->b1 = b1;
	e->kept = k;
	e->full = full;
	e->used = ++c->hclock;
	return k;
}

/*
 * Similarity of A units [a0, a1) and B units [b0, b1): the weight of the
 * words a diff keeps, on both sides, over the weight of both.  *kept gets
 * the kept weight (both sides: "%" and "per cent" may weigh differently,
 * and counting one side only could make the similarity pass 1).  Two
 * segments without words are equal (1.0) if both are empty.  A caller
 * that only wants to know whether it reaches `need` (0: it wants the
 * figure) gets 0, kept 0, when a quick bound says it cannot; so when,
 * while a gap is scored, the similarity by the gap's weights cannot
 * reach dneed (0: no such need).
 */
double
pair_sim_gap(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0,
	     uint32_t b1, unsigned *kept, double need, double dneed)
{
	unsigned ta, tb, k = 0;
	size_t n, m, i;

	hold(c, a0, a1, b0, b1);
	n = c->nheld[0];
	m = c->nheld[1];
	ta = c->wheld[0];
	tb = c->wheld[1];
	*kept = 0;
	if (ta + tb == 0)
		return n == 0 && m == 0 && a1 - a0 == b1 - b0 ? 1.0 : 0.0;
	if (n == 0 || m == 0)
		return 0.0;
	if ((need > 0 || dneed > 0) && sim_bound(c, need, need, dneed) == 0)
		return 0.0;
	c->work += n + m;
	c->da = xgrow(c->da, &c->capda, n, sizeof *c->da);
	c->ib = xgrow(c->ib, &c->capib, m, sizeof *c->ib);
	k = sim_diff(c, a0, a1, b0, b1,
		     need > 0 ? need : c->pair_threshold);
	*kept = k;
	if (c->damp) {
		/* The same diff, weighed as the gap being paired wants. */
		const uint8_t *ga = c->held[0]->gw, *gb = c->held[1]->gw;

		c->dtotal = gap_total(c, c->held[0]) + gap_total(c, c->held[1]);
		c->dkept = 0;
		for (i = 0; i < n; i++)
			c->dkept += c->da[i] ? 0 : ga[i];
		for (i = 0; i < m; i++)
			c->dkept += c->ib[i] ? 0 : gb[i];
	}
	return (double)k / (ta + tb);
}

double
pair_sim(struct ctx *c, uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1,
	 unsigned *kept, double need)
{
	return pair_sim_gap(c, a0, a1, b0, b1, kept, need, 0);
}

float
block_similarity(const struct ctx *c, const struct block *bl)
{
	const struct alignment *al = c->al;
	unsigned kept = 0, wa = 0, wb = 0;
	uint32_t k;

	/* Kept on both sides: "%" and "per cent" may weigh differently. */
	for (k = bl->op; k < bl->op + bl->nop; k++) {
		const struct wop *o = &al->op[k];
		unsigned x = weight_sum(c, c->a, o->a, o->a + o->na);
		unsigned y = weight_sum(c, c->b, o->b, o->b + o->nb);

		if (o->kind == WOP_EQUAL || o->kind == WOP_COSMETIC)
			kept += x + y;
		wa += x;
		wb += y;
	}
	return wa + wb ? (float)((double)kept / (wa + wb)) : 1.0f;
}

/* A paired group of paragraphs becomes one block. */
