/*
 * equiv.c — equivalence classes of phrases, built-in and from user files
 * (equiv.h).
 *
 * Phrases.  A phrase is cut into tokens by the tokeniser of documents
 * (token.h's token_string): at white space, then at UAX #29 word boundaries,
 * with ideographs and kana one token per character and a piece of
 * punctuation one token per character; each token is folded with fold_string
 * and white space is dropped.  So "U.S." is the two tokens "u.s" and ".",
 * "per cent" is "per" "cent", "e-mail" is "e" "-" "mail", just as in a text.
 * A token that folds to nothing (a lone zero-width space) is dropped, as
 * cmpkeys_classify drops such units.
 *
 * Classes.  Each line makes a class; its canonical form, the fold key that
 * cmpkeys_classify gives every unit matching one of its phrases, is the folded
 * first phrase with its tokens joined by one space ("us", "per cent").  A
 * phrase that is already known (same folded tokens) is not stored twice:
 * its class and the line's are merged (union-find).  The class defined
 * first is the root of a merge, so a merged class keeps the canonical form
 * of its oldest line.
 *
 * Matching.  Phrases are chained by their first folded token, and the chain
 * heads sit in an open-addressing hash table (hash.h, grown at half load).
 * equiv_match hashes the text's next token once, walks that token's chain
 * and keeps the longest phrase that matches; it reads at most as many
 * tokens as the longest phrase of the chain.  equiv_may_start only asks
 * whether the chain exists, which cmpkeys.c remembers per distinct token.
 *
 * Parsing is all or nothing: a buffer is parsed into a pending list first
 * and committed only when every line is well formed.
 *
 * File syntax, beyond equiv.h: a UTF-8 byte order mark is skipped; lines
 * end at "\n" (a "\r" before it is dropped); a line whose first character
 * other than space and tab is "#" is a comment; a backslash escapes "="
 * and "#", and is an ordinary character before anything else; the spaces
 * around "=" are optional ("a=b" is "a = b").
 *
 * A sentence-final "U.S.": a phrase may take in the full stop after "U.S"
 * inside a sentence ("the U.S.-China talks") but cmpkeys_classify never lets
 * it take the punctuation that ends a sentence, which is why every dotted
 * form in data/equivalences is listed with its dotless form too ("U.S. =
 * U.S"): "in the U.S." and "in the US." then both compare as "us" + ".".
 * When the sentence splitter keeps "U.S." inside a sentence ("in the U.S. Mr
 * Smith said" with no split), the "." is absorbed into the unit; that is
 * harmless, as the other spelling has no "." there either.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "equiv.h"
#include "error.h"
#include "file.h"
#include "fold.h"
#include "hash.h"
#include "lexicon.h"
#include "token.h"
#include "xalloc.h"

/* One folded token of a phrase, in an arena. */
struct ptok {
	size_t off;
	uint32_t len;
};

struct phrase {
	uint32_t tok, ntok;	/* tokens [tok, tok + ntok) of eq->tok */
	uint32_t cls;		/* its class when added */
	uint32_t root;		/* the root of that class, kept up to date */
	uint32_t next;		/* next phrase of the chain + 1, or 0 */
	uint32_t hash;		/* of the first token */
	uint32_t whash;		/* of all its tokens (whole_hash) */
	uint64_t lens;		/* in a chain's head: bit L - 1 set when the
				 * chain has a phrase of L tokens, bit 63
				 * for 64 or more */
};

struct eclass {
	uint32_t parent;	/* union-find */
	size_t off;		/* canonical form in the arena */
	uint32_t len;
};

struct equiv {
	uint8_t *arena;
	size_t alen, acap;
	struct ptok *tok;
	size_t ntok, captok;
	struct phrase *ph;
	size_t nph, capph;
	struct eclass *cls;
	size_t ncls, capcls;
	uint32_t *table;	/* chain heads: phrase index + 1, or 0 */
	size_t mask, nhead;
	/*
	 * Every phrase by the hash of all its tokens (index + 1, or 0): a
	 * duplicate is found, and the longest match tried length by length,
	 * without walking a chain that thousands of phrases sharing a first
	 * word ("the a1", "the a2"...) make long.
	 */
	uint32_t *whole;
	size_t wmask;
	size_t steps;		/* phrases compared by equiv_match */
	/* A bit per filter_bit() of every first token, see equiv_match. */
	uint64_t filter[64];
};

/* What one buffer holds, before it is committed. */
struct pending {
	uint8_t *bytes;		/* folded tokens */
	size_t blen, bcap;
	struct ptok *tok;
	size_t ntok, captok;
	uint32_t *phr;		/* tokens per phrase */
	size_t nphr, capphr;
	uint32_t *line;		/* phrases per line */
	size_t nline, capline;
	uint8_t *text;		/* one unescaped phrase */
	size_t tcap;
	struct token *dtok;	/* token_string scratch */
	size_t capdtok;
};

/*
 * A cheap 12-bit digest of a token (length, first and last byte) for the
 * filter: most words of a text start no phrase, and the filter turns them
 * away without hashing the whole token or probing the table.
 */
static unsigned
filter_bit(const uint8_t *s, size_t n)
{
	uint64_t w = n > 0 ? (uint64_t)s[0] | (uint64_t)s[n - 1] << 8 : 0;

	return (unsigned)(hash_end(hash_start(n) ^ w) >> 52);
}

struct equiv *
equiv_new(void)
{
	struct equiv *eq = xcalloc(1, sizeof *eq);

	eq->mask = 63;
	eq->table = xcalloc(eq->mask + 1, sizeof *eq->table);
	eq->wmask = 63;
	eq->whole = xcalloc(eq->wmask + 1, sizeof *eq->whole);
	return eq;
}

/*
 * The months as lines of the file format: "January = Jan. = Jan", and
 * each further abbreviation with and without its full stop.
 */
static char *
month_lines(size_t *len)
{
	size_t cap = 64 * LEXICON_MONTHS, n = 0, m, k;
	char *buf = xmalloc(cap);

	for (m = 0; m < LEXICON_MONTHS; m++) {
		const struct lexicon_month *x = &lexicon_months[m];

		if (x->abbr[0] == NULL)
			continue;	/* "May" */
		n += (size_t)snprintf(buf + n, cap - n, "%s", x->name);
		for (k = 0; k < 2 && x->abbr[k] != NULL; k++)
			n += (size_t)snprintf(buf + n, cap - n, " = %s. = %s",
			    x->abbr[k], x->abbr[k]);
		n += (size_t)snprintf(buf + n, cap - n, "\n");
	}
	*len = n;
	return buf;
}

struct equiv *
equiv_new_builtin(void)
{
	struct equiv *eq = equiv_new();
	size_t len;
	char *months = month_lines(&len);

	/* Cannot fail: tests/engine/test-equiv.c parses both. */
	equiv_parse(eq, "built-in", equiv_builtin_text, equiv_builtin_len,
	    NULL);
	equiv_parse(eq, "built-in", months, len, NULL);
	free(months);
	return eq;
}

void
equiv_free(struct equiv *eq)
{
	if (eq == NULL)
		return;
	free(eq->arena);
	free(eq->tok);
	free(eq->ph);
	free(eq->cls);
	free(eq->table);
	free(eq->whole);
	free(eq);
}

/* --- cutting a phrase into folded tokens -------------------------------- */

/* Fold one token and add it to the pending list, unless it folds away. */
static void
push_tok(struct pending *pd, const uint8_t *s, size_t n)
{
	size_t len;
	uint8_t *f;

	if (n == 0)
		return;
	f = fold_string(s, n, &len);
	if (len > 0) {
		pd->bytes = xgrow(pd->bytes, &pd->bcap, pd->blen + len, 1);
		memcpy(pd->bytes + pd->blen, f, len);
		pd->tok = xgrow(pd->tok, &pd->captok, pd->ntok + 1,
		    sizeof *pd->tok);
		pd->tok[pd->ntok].off = pd->blen;
		pd->tok[pd->ntok].len = (uint32_t)len;
		pd->ntok++;
		pd->blen += len;
	}
	free(f);
}

/*
 * Cut s[0 .. n-1] into folded tokens, as doc.c cuts a paragraph; returns
 * how many it added.
 */
static size_t
phrase_tokens(struct pending *pd, const uint8_t *s, size_t n)
{
	size_t before = pd->ntok, k, nt;

	nt = token_string(s, n, &pd->dtok, &pd->capdtok);
	for (k = 0; k < nt; k++)
		if (pd->dtok[k].kind != TOK_SPACE)
			push_tok(pd, s + pd->dtok[k].off, pd->dtok[k].len);
	return pd->ntok - before;
}

/* --- parsing ------------------------------------------------------------ */

static void
pending_free(struct pending *pd)
{
	free(pd->bytes);
	free(pd->tok);
	free(pd->phr);
	free(pd->line);
	free(pd->text);
	free(pd->dtok);
}

/*
 * Parse the line s[0 .. n-1] into pd.  Returns NULL, or the error message
 * (without the "NAME:LINE: " prefix).
 */
static const char *
parse_line(struct pending *pd, const uint8_t *s, size_t n)
{
	size_t i = 0, tlen, nphr = 0;
	bool empty = false, last;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == n || s[i] == '#')
		return NULL;
	pd->text = xgrow(pd->text, &pd->tcap, n + 1, 1);
	for (;;) {
		/* One phrase: s[i ..] up to an unescaped "=" or the end. */
		tlen = 0;
		while (i < n && s[i] != '=') {
			if (s[i] == '\\' && i + 1 < n &&
			    (s[i + 1] == '=' || s[i + 1] == '#'))
				i++;
			pd->text[tlen++] = s[i++];
		}
		last = i == n;
		pd->phr = xgrow(pd->phr, &pd->capphr, pd->nphr + 1,
		    sizeof *pd->phr);
		pd->phr[pd->nphr] = (uint32_t)phrase_tokens(pd, pd->text,
		    tlen);
		if (pd->phr[pd->nphr] == 0)
			empty = true;
		pd->nphr++;
		nphr++;
		if (last)
			break;
		i++;		/* the "=" */
	}
	if (nphr < 2)
		return "expected 'phrase = phrase'";
	if (empty)
		return "empty phrase";
	pd->line = xgrow(pd->line, &pd->capline, pd->nline + 1,
	    sizeof *pd->line);
	pd->line[pd->nline++] = (uint32_t)nphr;
	return NULL;
}

static void
arena_append(struct equiv *eq, const uint8_t *s, size_t n)
{
	eq->arena = xgrow(eq->arena, &eq->acap, eq->alen + n, 1);
	if (n > 0)
		memcpy(eq->arena + eq->alen, s, n);
	eq->alen += n;
}

static uint32_t
class_find(struct equiv *eq, uint32_t c)
{
	while (eq->cls[c].parent != c) {
		eq->cls[c].parent = eq->cls[eq->cls[c].parent].parent;
		c = eq->cls[c].parent;
	}
	return c;
}

static void
class_union(struct equiv *eq, uint32_t a, uint32_t b)
{
	a = class_find(eq, a);
	b = class_find(eq, b);
	if (a < b)
		eq->cls[b].parent = a;
	else if (b < a)
		eq->cls[a].parent = b;
}

static void
table_grow(struct equiv *eq)
{
	size_t size = (eq->mask + 1) * 2, i, j;
	uint32_t *t = xcalloc(size, sizeof *t);

	for (i = 0; i <= eq->mask; i++) {
		if (eq->table[i] == 0)
			continue;
		j = eq->ph[eq->table[i] - 1].hash & (size - 1);
		while (t[j] != 0)
			j = (j + 1) & (size - 1);
		t[j] = eq->table[i];
	}
	free(eq->table);
	eq->table = t;
	eq->mask = size - 1;
}

/*
 * The table slot of the chain whose first token is s[0 .. n-1] (hash h):
 * its head, or the empty slot where it would go.
 */
static size_t
chain_slot(const struct equiv *eq, const uint8_t *s, size_t n, uint32_t h)
{
	size_t i = h & eq->mask;
	const struct phrase *p;
	const struct ptok *t;

	while (eq->table[i] != 0) {
		p = &eq->ph[eq->table[i] - 1];
		t = &eq->tok[p->tok];
		if (p->hash == h && t->len == n &&
		    memcmp(eq->arena + t->off, s, n) == 0)
			return i;
		i = (i + 1) & eq->mask;
	}
	return i;
}

static bool
tok_eq(const struct equiv *eq, const struct ptok *t, const uint8_t *s,
       size_t n)
{
	return t->len == n && memcmp(eq->arena + t->off, s, n) == 0;
}

/* The hash of a phrase's tokens s[0 .. n-1] (lengths len), step by step. */
static uint64_t
whole_step(uint64_t h, const uint8_t *s, size_t len)
{
	return hash_add(h, hash_bytes(s, len));
}

/*
 * The slot of the phrase whose n tokens are s[k][0 .. len[k] - 1] (hash
 * h) in eq->whole: its own, or the empty slot where it would go.
 */
static size_t
whole_slot(const struct equiv *eq, uint32_t h, size_t n,
	   const uint8_t *const *s, const size_t *len)
{
	size_t i = h & eq->wmask, k;
	const struct phrase *p;

	while (eq->whole[i] != 0) {
		p = &eq->ph[eq->whole[i] - 1];
		if (p->whash == h && p->ntok == n) {
			for (k = 0; k < n; k++)
				if (!tok_eq(eq, &eq->tok[p->tok + k], s[k],
				    len[k]))
					break;
			if (k == n)
				return i;
		}
		i = (i + 1) & eq->wmask;
	}
	return i;
}

static void
whole_grow(struct equiv *eq)
{
	size_t size = (eq->wmask + 1) * 2, i, j;
	uint32_t *t = xcalloc(size, sizeof *t);

	for (i = 0; i <= eq->wmask; i++) {
		if (eq->whole[i] == 0)
			continue;
		j = eq->ph[eq->whole[i] - 1].whash & (size - 1);
		while (t[j] != 0)
			j = (j + 1) & (size - 1);
		t[j] = eq->whole[i];
	}
	free(eq->whole);
	eq->whole = t;
	eq->wmask = size - 1;
}

static uint64_t
len_bit(size_t n)
{
	return (uint64_t)1 << (n < 64 ? n - 1 : 63);
}

/* The most tokens of a phrase in lens (a chain's head's): 0 for none. */
static size_t
len_most(uint64_t lens)
{
	size_t L = 0;

	for (; lens != 0; lens >>= 1)
		L++;
	return L;
}

/* Add the phrase of pending tokens [t, t + nt) to class c. */
static void
add_phrase(struct equiv *eq, const struct pending *pd, size_t t, size_t nt,
	   uint32_t c)
{
	const struct ptok *pt = &pd->tok[t];
	uint32_t h = (uint32_t)hash_bytes(pd->bytes + pt->off, pt->len), idx;
	size_t slot = chain_slot(eq, pd->bytes + pt->off, pt->len, h), k, ws;
	const uint8_t **ts = xmalloc(nt * sizeof *ts);
	size_t *tl = xmalloc(nt * sizeof *tl);
	uint64_t w = hash_start(0);
	uint32_t wh;
	struct phrase *p;

	for (k = 0; k < nt; k++) {
		ts[k] = pd->bytes + pt[k].off;
		tl[k] = pt[k].len;
		w = whole_step(w, ts[k], tl[k]);
	}
	wh = (uint32_t)hash_end(w);
	ws = whole_slot(eq, wh, nt, ts, tl);
	free(ts);
	free(tl);
	/* Known already?  Then merge the classes. */
	if (eq->whole[ws] != 0) {
		class_union(eq, eq->ph[eq->whole[ws] - 1].cls, c);
		return;
	}
	(void)idx;

	eq->ph = xgrow(eq->ph, &eq->capph, eq->nph + 1, sizeof *eq->ph);
	p = &eq->ph[eq->nph];
	p->tok = (uint32_t)eq->ntok;
	p->ntok = (uint32_t)nt;
	p->cls = p->root = c;
	p->hash = h;
	p->whash = wh;
	p->lens = 0;
	eq->tok = xgrow(eq->tok, &eq->captok, eq->ntok + nt, sizeof *eq->tok);
	for (k = 0; k < nt; k++) {
		eq->tok[eq->ntok].off = eq->alen;
		eq->tok[eq->ntok].len = pt[k].len;
		arena_append(eq, pd->bytes + pt[k].off, pt[k].len);
		eq->ntok++;
	}
	eq->nph++;
	eq->whole[ws] = (uint32_t)eq->nph;
	if (eq->nph * 2 > eq->wmask + 1)
		whole_grow(eq);
	k = filter_bit(pd->bytes + pt->off, pt->len);
	eq->filter[k / 64] |= (uint64_t)1 << (k % 64);
	if (eq->table[slot] != 0) {
		/* Second in its chain: the head stays where it is. */
		struct phrase *head = &eq->ph[eq->table[slot] - 1];

		p->next = head->next;
		head->next = (uint32_t)eq->nph;
		head->lens |= len_bit(nt);
		return;
	}
	p->next = 0;
	p->lens = len_bit(nt);
	eq->table[slot] = (uint32_t)eq->nph;
	if (++eq->nhead * 2 > eq->mask + 1)
		table_grow(eq);
}

/* Move the parsed lines of pd into eq. */
static void
commit(struct equiv *eq, const struct pending *pd)
{
	size_t l, j, k, ph = 0, t = 0;
	uint32_t c;
	struct eclass *cl;

	for (l = 0; l < pd->nline; l++) {
		eq->cls = xgrow(eq->cls, &eq->capcls, eq->ncls + 1,
		    sizeof *eq->cls);
		c = (uint32_t)eq->ncls++;
		cl = &eq->cls[c];
		cl->parent = c;
		/* The canonical form: the first phrase, tokens space-joined. */
		cl->off = eq->alen;
		for (k = 0; k < pd->phr[ph]; k++) {
			if (k > 0)
				arena_append(eq, (const uint8_t *)" ", 1);
			arena_append(eq, pd->bytes + pd->tok[t + k].off,
			    pd->tok[t + k].len);
		}
		cl->len = (uint32_t)(eq->alen - cl->off);
		for (j = 0; j < pd->line[l]; j++, ph++) {
			add_phrase(eq, pd, t, pd->phr[ph], c);
			t += pd->phr[ph];
		}
	}
	for (j = 0; j < eq->nph; j++)
		eq->ph[j].root = class_find(eq, eq->ph[j].cls);
}

int
equiv_parse(struct equiv *eq, const char *name, const char *buf,
	    size_t len, struct vs_error *err)
{
	const uint8_t *s = (const uint8_t *)buf;
	struct pending pd;
	size_t i = 0, e, n, lineno = 0;
	const char *msg;

	memset(&pd, 0, sizeof pd);
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;		/* a byte order mark */
	while (i < len) {
		const uint8_t *nl = memchr(s + i, '\n', len - i);

		e = nl != NULL ? (size_t)(nl - s) : len;
		n = e - i;
		if (n > 0 && s[i + n - 1] == '\r')
			n--;
		lineno++;
		msg = parse_line(&pd, s + i, n);
		if (msg != NULL) {
			vs_error_set(err, "%s:%zu: %s", name, lineno, msg);
			pending_free(&pd);
			return -1;
		}
		i = e + 1;
	}
	commit(eq, &pd);
	pending_free(&pd);
	return 0;
}

int
equiv_load(struct equiv *eq, const char *path, struct vs_error *err)
{
	char *buf;
	size_t len;
	int ret;

	if (file_read_config(path, &buf, &len, err) != 0)
		return -1;
	ret = equiv_parse(eq, path, buf, len, err);
	free(buf);
	return ret;
}

/* Is there a chain for s: the filter, then the table. */
bool
equiv_may_start(const struct equiv *eq, const uint8_t *s, size_t n)
{
	size_t k = filter_bit(s, n);

	if (!(eq->filter[k / 64] & (uint64_t)1 << (k % 64)))
		return false;
	return eq->table[chain_slot(eq, s, n,
	    (uint32_t)hash_bytes(s, n))] != 0;
}

static bool
wordlike(const uint8_t *s, size_t n)
{
	return n > 0 && (s[0] >= 0x80 || s[0] == '_' ||
	    (s[0] >= '0' && s[0] <= '9') || (s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= 'A' && s[0] <= 'Z'));
}

void
equiv_join_starts(const struct equiv *eq,
		  void (*fn)(void *ctx, const uint8_t *s, size_t n,
			     const uint8_t *s2, size_t n2),
		  void *ctx)
{
	size_t i, k, words;

	for (i = 0; i < eq->nph; i++) {
		const struct phrase *p = &eq->ph[i];
		const struct ptok *t = &eq->tok[p->tok];

		if (p->ntok < 2)
			continue;
		/* The unit counts as its first token does. */
		for (words = 0, k = 1; k < p->ntok; k++)
			words += wordlike(eq->arena + t[k].off, t[k].len);
		if (words == 0)
			continue;	/* "U.S" ".", "." "." ".": as many */
		fn(ctx, eq->arena + t[0].off, t[0].len,
		   eq->arena + t[1].off, t[1].len);
	}
}

size_t
equiv_match(const struct equiv *eq, const uint8_t *const *fold,
	    const size_t *fold_len, size_t n, const uint8_t **canon,
	    size_t *canon_len)
{
	const struct phrase *p, *best = NULL;
	uint32_t idx;
	uint64_t lens;
	size_t slot, k;

	if (n == 0)
		return 0;
	k = filter_bit(fold[0], fold_len[0]);
	if (!(eq->filter[k / 64] & (uint64_t)1 << (k % 64)))
		return 0;
	slot = chain_slot(eq, fold[0], fold_len[0],
	    (uint32_t)hash_bytes(fold[0], fold_len[0]));
	if (eq->table[slot] == 0)
		return 0;
	lens = eq->ph[eq->table[slot] - 1].lens;
	if (!(lens >> 63)) {
		/*
		 * Every length the chain has, longest first, each looked up
		 * whole: the cost follows the phrases' lengths, not how many
		 * phrases share this first token.
		 */
		uint64_t h[64];
		size_t ws, L, top = n < 63 ? n : 63;

		/* no hash of more tokens than the chain's longest phrase */
		if (top > len_most(lens))
			top = len_most(lens);

		h[0] = hash_start(0);
		for (L = 1; L <= top; L++)
			h[L] = whole_step(h[L - 1], fold[L - 1], fold_len[L - 1]);
		for (L = top; L >= 1; L--) {
			if (!(lens & len_bit(L)))
				continue;
			ws = whole_slot(eq, (uint32_t)hash_end(h[L]), L, fold,
			    fold_len);
			((struct equiv *)eq)->steps++;
			if (eq->whole[ws] == 0)
				continue;
			best = &eq->ph[eq->whole[ws] - 1];
			*canon = eq->arena + eq->cls[best->root].off;
			*canon_len = eq->cls[best->root].len;
			return best->ntok;
		}
		return 0;
	}
	for (idx = eq->table[slot]; idx != 0; idx = p->next) {
		p = &eq->ph[idx - 1];
		((struct equiv *)eq)->steps++;
		if (p->ntok > n || (best != NULL && p->ntok <= best->ntok))
			continue;
		for (k = 1; k < p->ntok; k++)
			if (!tok_eq(eq, &eq->tok[p->tok + k], fold[k],
			    fold_len[k]))
				break;
		if (k == p->ntok)
			best = p;
	}
	if (best == NULL)
		return 0;
	*canon = eq->arena + eq->cls[best->root].off;
	*canon_len = eq->cls[best->root].len;
	return best->ntok;
}

size_t
equiv_steps(const struct equiv *eq)
{
	return eq->steps;
}
