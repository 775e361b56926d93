/*
 * checks.c — what the fuzzers check, shared by the libFuzzer harnesses and
 * the regression test (see checks.h).
 *
 * Every check states a promise of an engine header: text.h's offset map,
 * doc.h's tiling and nesting, cmpkeys.h's units, align.h's block and op
 * coverage, output.h's byte tiling and escaping, render.h's geometry and
 * safe span text, and the JSON schema of versus(1).  A violation is
 * described in one line (fuzz_failure) and the input is a bug, either in
 * the engine or in the promise.
 *
 * The options come from the first bytes of the input, so the fuzzer
 * explores them too; the layouts are in checks.h.
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "checks.h"
#include "doc.h"
#include "equiv.h"
#include "fold.h"
#include "facts.h"
#include "html.h"
#include "jsonparse.h"
#include "cmpkeys.h"
#include "lazy.h"
#include "mapping.h"
#include "output.h"
#include "print.h"
#include "render.h"
#include "text.h"
#include "width.h"
#include "xalloc.h"

static char fz_msg[512];

static int
fz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
fz_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fz_msg, sizeof fz_msg, fmt, ap);
	va_end(ap);
	return -1;
}

const char *
fuzz_failure(void)
{
	return fz_msg;
}

int
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fz_msg, sizeof fz_msg, fmt, ap);
	va_end(ap);
	return -1;
}

/* In functions that own nothing: fail at once. */
#define CHECK(cond, ...) do {						\
	if (!(cond))							\
		return fz_fail(__VA_ARGS__);				\
} while (0)

/* In functions that must free things: set rc and go to `out`. */
#define CHECK_GO(cond, ...) do {					\
	if (!(cond)) {							\
		rc = fz_fail(__VA_ARGS__);				\
		goto out;						\
	}								\
} while (0)

/* Run a check function; on failure go to `out`. */
#define RUN(call) do {							\
	if ((call) != 0) {						\
		rc = -1;						\
		goto out;						\
	}								\
} while (0)

/* A sink for the outputs whose bytes are not inspected. */
static FILE *
devnull(void)
{
	static FILE *f;

	if (f == NULL)
		f = fopen("/dev/null", "w");
	return f;
}

/* --- options from the input ----------------------------------------------- */

struct setup {
	struct text_opts to;
	struct cmpkeys_opts ko;
	bool builtin;		/* use the built-in equivalences */
	unsigned int width;
	bool have_ao;
	struct align_opts ao;
};

/* Byte 0 of the doc, align and json inputs (see checks.h). */
static void
setup_flags(struct setup *s, uint8_t f)
{
	static const char *const enc[8] = {
		NULL, NULL, NULL, NULL, NULL, "windows-1252", "UTF-16LE",
		"UTF-16",
	};

	memset(s, 0, sizeof *s);
	s->to.allow_binary = f & 1;
	s->to.encoding = enc[(f >> 1) & 7];
	s->ko.strict = (f >> 4) & 1;
	s->ko.ignore_case = (f >> 5) & 1;
	s->ko.ignore_punct = (f >> 6) & 1;
	s->builtin = !((f >> 7) & 1);
	s->width = 80;
}

/* Bytes 1 and 2 of the align and json inputs. */
static void
setup_layout(struct setup *s, uint8_t w, uint8_t th)
{
	s->width = 16 + (unsigned int)w * 284 / 255;
	if (th >= 0x80) {
		s->have_ao = true;
		s->ao.pair_threshold = 0.05 * (1 + (th & 7));
		s->ao.move_threshold = 0.1 * (1 + ((th >> 3) & 7));
	}
}

/* --- shared checks -------------------------------------------------------- */

static bool
is_bidi(uint32_t uc)
{
	return uc == 0x061c || uc == 0x200e || uc == 0x200f ||
	    (uc >= 0x202a && uc <= 0x202e) || (uc >= 0x2066 && uc <= 0x2069);
}

/*
 * Text that may reach a terminal: well-formed UTF-8 with no control
 * character (but LF and tab when `lines`), no C1 control, no bidi
 * control and no line or paragraph separator.
 */
static int
check_safe(const uint8_t *s, size_t n, bool lines, const char *what)
{
	size_t i = 0, k;
	uint32_t uc;

	while (i < n) {
		k = json_utf8_char(s + i, n - i, &uc);
		CHECK(k > 0, "%s: invalid UTF-8 byte 0x%02x at %zu", what, s[i],
		      i);
		CHECK(!(uc < 0x20 && !(lines && (uc == '\n' || uc == '\t'))) &&
		      uc != 0x7f && !(uc >= 0x80 && uc < 0xa0),
		      "%s: control character U+%04X at %zu", what,
		      (unsigned)uc, i);
		CHECK(!is_bidi(uc) && uc != 0x2028 && uc != 0x2029,
		      "%s: U+%04X at %zu", what, (unsigned)uc, i);
		i += k;
	}
	return 0;
}

/* Bytes not part of a well-formed UTF-8 sequence. */
static size_t
count_invalid(const uint8_t *s, size_t n)
{
	size_t i = 0, k, bad = 0;
	uint32_t uc;

	while (i < n) {
		k = json_utf8_char(s + i, n - i, &uc);
		if (k == 0) {
			bad++;
			k = 1;
		}
		i += k;
	}
	return bad;
}

/* Whether bytes [from, to) of d are white space or paragraph breaks. */
static bool
only_space(const struct doc *d, size_t from, size_t to)
{
	size_t t;

	if (from >= to)
		return true;
	for (t = doc_token_at(d, (uint32_t)from);
	     t < d->ntok && d->tok[t].off < to; t++)
		if (d->tok[t].kind != TOK_SPACE && d->tok[t].kind != TOK_BREAK)
			return false;
	return true;
}

/* --- text ----------------------------------------------------------------- */

static int
check_text(const struct text *t, const struct text_opts *to, const char *name)
{
	size_t off, prev = 0, o, bad;
	bool html = to->format == TEXT_FORMAT_HTML ||
		(to->format == TEXT_FORMAT_AUTO && html_detect(t->raw,
							       t->raw_len));

	CHECK(strcmp(t->path, name) == 0, "text: path '%s'", t->path);
	CHECK(t->encoding != NULL && t->encoding[0] != '\0',
	      "text: no encoding");
	CHECK(t->len <= TEXT_MAX_SIZE, "text: len %zu", t->len);
	CHECK(t->len == 0 || t->data != NULL, "text: no data");
	if (t->orig == NULL) {
		CHECK(t->base <= t->raw_len && t->len == t->raw_len - t->base,
		      "text: base %zu + len %zu != raw_len %zu", t->base,
		      t->len, t->raw_len);
		CHECK(t->len == 0 || t->data == t->raw + t->base,
		      "text: data is not raw + base");
	}
	for (off = 0; off <= t->len; off++) {
		o = text_orig_offset(t, off);
		CHECK(o <= t->raw_len, "text: orig(%zu) = %zu > raw_len %zu",
		      off, o, t->raw_len);
		CHECK(o >= prev, "text: orig(%zu) = %zu < orig(%zu) = %zu",
		      off, o, off - 1, prev);
		prev = o;
	}
	bad = count_invalid(t->data, t->len);
	/* Read as UTF-8, the invalid bytes are those left in the text; a
	 * converted text has none left, and each unit it could not decode
	 * became U+FFFD. */
	if (t->owned == NULL)
		CHECK(t->invalid == bad, "text: invalid %zu, counted %zu",
		      t->invalid, bad);
	else
		CHECK(t->invalid == 0 ||
		      memmem(t->data, t->len, "\xef\xbf\xbd", 3) != NULL,
		      "text: %zu invalid units but no U+FFFD", t->invalid);
	CHECK(t->owned == NULL || bad == 0,
	      "text: converted from %s but %zu invalid bytes", t->encoding,
	      bad);
	if (!to->allow_binary || html)
		CHECK(t->len == 0 || memchr(t->data, 0, t->len) == NULL,
		      "text: NUL byte accepted%s", html ? " from a page" :
		      " without allow_binary");
	if (html) {
		/* html.h: valid UTF-8, each byte from a byte of the page. */
		CHECK(t->orig != NULL && bad == 0, "html: no map, or %zu "
		      "invalid bytes", bad);
		CHECK(text_orig_offset(t, t->len) == t->raw_len,
		      "html: orig(len) = %zu, page has %zu bytes",
		      text_orig_offset(t, t->len), t->raw_len);
		for (off = 0; off < t->len; off++)
			CHECK(text_orig_offset(t, off) < t->raw_len,
			      "html: orig(%zu) = %zu past the page", off,
			      text_orig_offset(t, off));
	}
	/* labels: whole paragraphs, in order, apart, named (text.h) */
	CHECK(t->nlabels == 0 || html, "text: labels on plain text");
	for (o = 0, prev = 0; o < t->nlabels; o++) {
		const struct text_label *l = &t->labels[o];

		CHECK(l->start < l->end && l->end <= t->len && l->start >= prev,
		      "label %zu: [%zu, %zu) after %zu, len %zu", o, l->start,
		      l->end, prev, t->len);
		CHECK(l->name != NULL && l->name[0] != '\0', "label %zu: no "
		      "name", o);
		for (off = l->start; off > 0 && (t->data[off - 1] == ' ' ||
		     t->data[off - 1] == '\t'); off--)
			continue;
		CHECK(off == 0 || t->data[off - 1] == '\n',
		      "label %zu: starts inside a line", o);
		for (off = l->end; off < t->len &&
		     strchr(" \t\r", t->data[off]) != NULL; off++)
			continue;
		if (off < t->len && t->data[off] == '\n')
			for (off++; off < t->len &&
			     strchr(" \t\r", t->data[off]) != NULL; off++)
				continue;
		CHECK(l->end == t->len || off == t->len ||
		      (t->data[off] == '\n' && off > l->end &&
		      memchr(t->data + l->end, '\n', off - l->end) != NULL),
		      "label %zu: ends inside its paragraph", o);
		CHECK(strchr(" \t\r\n", t->data[l->start]) == NULL &&
		      strchr(" \t\r\n", t->data[l->end - 1]) == NULL,
		      "label %zu: white space at an end", o);
		for (off = l->start; off + 1 < l->end; off++)
			CHECK(t->data[off] != '\n' || t->data[off + 1] != '\n',
			      "label %zu: a paragraph break inside", o);
		CHECK(text_label_at(t, l->start) == l->name,
		      "label %zu: text_label_at disagrees", o);
		prev = l->end;
	}
	return 0;
}

static int
check_text_error(const struct vs_error *err, const char *name)
{
	size_t n = strlen(name);

	CHECK(strncmp(err->msg, name, n) == 0 && err->msg[n] == ':' &&
	      err->msg[n + 1] == ' ' && err->msg[n + 2] != '\0',
	      "text: bad error message '%s'", err->msg);
	CHECK(strchr(err->msg, '\n') == NULL, "text: newline in '%s'",
	      err->msg);
	return 0;
}

int
fuzz_text_one(const uint8_t *data, size_t size)
{
	static const char *const enc[10] = {
		NULL, "windows-1252", "latin1", "UTF-16LE", "UTF-16",
		"UTF-32", "UTF-8", "UTF-32BE", "SHIFT_JIS", "ISO-2022-JP",
	};
	struct text_opts to = { 0 };
	struct vs_error err;
	struct text *t;
	int rc;

	if (size == 0)
		return 0;
	to.allow_binary = data[0] & 1;
	to.encoding = enc[(data[0] >> 1) % 10];
	to.format = (data[0] >> 1) / 10 % 3;
	memset(&err, 0, sizeof err);
	t = text_from_bytes("fuzz", data + 1, size - 1, &to, &err);
	if (t == NULL)
		return check_text_error(&err, "fuzz");
	rc = check_text(t, &to, "fuzz");
	text_free(t);
	return rc;
}

/* --- doc and keys --------------------------------------------------------- */

static int
check_tokens(const struct doc *d)
{
	const struct text *t = d->text;
	size_t k, off = 0;

	CHECK(t->len > 0 || d->ntok == 0, "doc: tokens in an empty text");
	for (k = 0; k < d->ntok; k++) {
		const struct token *tk = &d->tok[k];

		CHECK(tk->off == off, "doc: token %zu at %u, expected %zu", k,
		      (unsigned)tk->off, off);
		CHECK(tk->len > 0, "doc: token %zu is empty", k);
		CHECK(tk->kind <= TOK_CONTROL, "doc: token %zu kind %u", k,
		      (unsigned)tk->kind);
		off += tk->len;
	}
	CHECK(off == t->len, "doc: tokens end at %zu, text has %zu", off,
	      t->len);
	return 0;
}

/* Token range [tok, tok + ntok) is exactly bytes [start, end). */
static int
check_span(const struct doc *d, uint32_t tok, uint32_t ntok, uint32_t start,
	   uint32_t end, const char *what, size_t i)
{
	CHECK(ntok > 0 && tok <= d->ntok && ntok <= d->ntok - tok,
	      "doc: %s %zu has tokens [%u, +%u) of %zu", what, i,
	      (unsigned)tok, (unsigned)ntok, d->ntok);
	CHECK(start < end, "doc: %s %zu is [%u, %u)", what, i,
	      (unsigned)start, (unsigned)end);
	CHECK(d->tok[tok].off == start, "doc: %s %zu starts at %u, its "
	      "first token at %u", what, i, (unsigned)start,
	      (unsigned)d->tok[tok].off);
	CHECK(d->tok[tok + ntok - 1].off + d->tok[tok + ntok - 1].len == end,
	      "doc: %s %zu ends at %u, its tokens do not", what, i,
	      (unsigned)end);
	return 0;
}

static int
check_paras(const struct doc *d)
{
	size_t p, s, k, nsent = 0;
	uint32_t tok = 0;

	for (p = 0; p < d->npara; p++) {
		const struct para *pa = &d->para[p];

		if (check_span(d, pa->tok, pa->ntok, pa->start, pa->end,
			       "paragraph", p) != 0)
			return -1;
		CHECK(pa->tok >= tok, "doc: paragraph %zu overlaps the one "
		      "before", p);
		/* What lies between paragraphs is one break, or nothing. */
		for (k = tok; k < pa->tok; k++)
			CHECK(d->tok[k].kind == TOK_BREAK, "doc: token %zu "
			      "between paragraphs is not a break", k);
		for (k = pa->tok; k < pa->tok + pa->ntok; k++)
			CHECK(d->tok[k].kind != TOK_BREAK, "doc: break token "
			      "%zu inside paragraph %zu", k, p);
		CHECK(d->tok[pa->tok].kind != TOK_SPACE &&
		      d->tok[pa->tok + pa->ntok - 1].kind != TOK_SPACE,
		      "doc: paragraph %zu is not trimmed", p);
		tok = pa->tok + pa->ntok;
		/* Sentences tile the paragraph apart from white space. */
		CHECK(pa->sent == nsent && pa->nsent > 0 &&
		      pa->nsent <= d->nsent - nsent,
		      "doc: paragraph %zu has sentences [%u, +%u), "
		      "expected %zu",
		      p, (unsigned)pa->sent, (unsigned)pa->nsent, nsent);
		for (s = pa->sent; s < pa->sent + pa->nsent; s++) {
			const struct sentence *se = &d->sent[s];
			uint32_t prev_end = s == pa->sent ? pa->start :
				sentence_bytes_end(d, &d->sent[s - 1]);
			uint32_t prev_tok = s == pa->sent ? pa->tok :
				d->sent[s - 1].tok + d->sent[s - 1].ntok;

			if (check_span(d, se->tok, se->ntok,
				       sentence_bytes_start(d, se),
				       sentence_bytes_end(d, se),
				       "sentence", s) != 0)
				return -1;
			CHECK(sentence_bytes_start(d, se) >= prev_end && se->tok >= prev_tok,
			      "doc: sentence %zu overlaps the one before", s);
			for (k = prev_tok; k < se->tok; k++)
				CHECK(d->tok[k].kind == TOK_SPACE, "doc: token "
				      "%zu between sentences is not space", k);
		}
		CHECK(sentence_bytes_start(d, &d->sent[pa->sent]) ==
		      pa->start && sentence_bytes_end(d,
		      &d->sent[pa->sent + pa->nsent - 1]) == pa->end,
		      "doc: sentences do not tile paragraph %zu", p);
		nsent += pa->nsent;
	}
	CHECK(nsent == d->nsent, "doc: %zu sentences, paragraphs hold %zu",
	      d->nsent, nsent);
	for (k = tok; k < d->ntok; k++)
		CHECK(d->tok[k].kind == TOK_BREAK, "doc: token %zu after the "
		      "last paragraph is not a break", k);
	CHECK(d->npara > 0 || d->ntok <= 1, "doc: no paragraph but %zu tokens",
	      d->ntok);
	return 0;
}

/*
 * May token k be left out of every unit?  White space, punctuation under
 * ignore_punct, and (cmpkeys.c) a token that folds to nothing outside strict
 * mode, such as a zero-width space alone.
 */
static bool
no_unit_ok(const struct doc *d, size_t k, const struct cmpkeys_opts *ko)
{
	const struct token *t = &d->tok[k];
	size_t n;
	uint8_t *f;

	if (t->kind == TOK_SPACE || (ko->ignore_punct && t->kind == TOK_PUNCT))
		return true;
	if (ko->strict || t->kind == TOK_INVALID || t->kind == TOK_CONTROL)
		return false;
	f = fold_string(d->text->data + t->off, t->len, &n);
	free(f);
	return n == 0;
}

/* cmpkeys_classify's units: ordered, in paragraphs, the rest left out. */
static int
check_units(const struct doc *d, const struct cmpkeys *keys,
	    const struct cmpkeys_opts *ko)
{
	size_t p, s, u = 0, k, tok = 0, n, words = 0;

	CHECK(d->unit != NULL || d->nunit == 0, "keys: no unit array");
	for (p = 0; p < d->npara; p++) {
		const struct para *pa = &d->para[p];

		CHECK(pa->unit == u && pa->nunit <= d->nunit - u,
		      "keys: paragraph %zu has units [%u, +%u), expected %zu",
		      p, (unsigned)pa->unit, (unsigned)pa->nunit, u);
		tok = pa->tok;
		for (s = pa->sent; s < pa->sent + pa->nsent; s++) {
			const struct sentence *se = &d->sent[s];

			CHECK(se->unit >= pa->unit &&
			      se->unit + se->nunit <= pa->unit + pa->nunit,
			      "keys: sentence %zu units outside paragraph %zu",
			      s, p);
			CHECK(s == pa->sent || se->unit >= d->sent[s - 1].unit +
			      d->sent[s - 1].nunit,
			      "keys: sentence %zu units overlap", s);
		}
		for (; u < pa->unit + pa->nunit; u++) {
			const struct unit *un = &d->unit[u];

			CHECK(un->tok >= pa->tok && !d->tok[un->tok].joined &&
			      unit_end_tok(d, un) <= pa->tok + pa->ntok,
			      "keys: unit %zu outside paragraph %zu", u, p);
			CHECK(un->tok >= tok, "keys: unit %zu overlaps", u);
			CHECK(un->strict != 0 && un->fold != 0,
			      "keys: unit %zu has key 0", u);
			CHECK(cmpkeys_string(keys, un->strict, &n) != NULL &&
			      cmpkeys_string(keys, un->fold, &n) != NULL,
			      "keys: unit %zu has an unknown key", u);
			if (ko->strict)
				CHECK(un->fold == un->strict, "keys: unit %zu "
				      "folded under strict", u);
			/* Tokens left out must be space (or ignored punct). */
			for (k = tok; k < un->tok; k++)
				CHECK(no_unit_ok(d, k, ko) && !d->tok[k].joined,
				      "keys: token %zu (kind %u) in no unit", k,
				      (unsigned)d->tok[k].kind);
			k = d->tok[un->tok].kind;
			CHECK(k != TOK_SPACE && k != TOK_BREAK &&
			      d->tok[unit_last_tok(d, un)].kind != TOK_SPACE,
			      "keys: unit %zu starts or ends with space", u);
			if (ko->ignore_punct && unit_ntok(d, un) == 1)
				CHECK(k != TOK_PUNCT, "keys: unit %zu is "
				      "ignored punctuation", u);
			tok = unit_end_tok(d, un);
		}
		for (k = tok; k < pa->tok + pa->ntok; k++)
			CHECK(no_unit_ok(d, k, ko) && !d->tok[k].joined,
			      "keys: token %zu (kind %u) in no unit", k, (unsigned)d->tok[k].kind);
	}
	CHECK(u == d->nunit, "keys: %zu units, paragraphs hold %zu", d->nunit,
	      u);
	for (k = 0; k < d->ntok; k++)
		if (d->tok[k].kind == TOK_WORD || d->tok[k].kind == TOK_NUMBER)
			words++;
	CHECK(doc_word_count(d) == words, "doc: word count %zu, counted %zu",
	      doc_word_count(d), words);
	return 0;
}

static int
check_doc(const struct doc *d, const struct cmpkeys *keys,
	  const struct cmpkeys_opts *ko)
{
	size_t k, invalid = 0;

	if (check_tokens(d) != 0 || check_paras(d) != 0)
		return -1;
	for (k = 0; k < d->ntok; k++)
		if (d->tok[k].kind == TOK_INVALID) {
			CHECK(d->tok[k].len == 1, "doc: invalid token %zu has "
			      "%u bytes", k, (unsigned)d->tok[k].len);
			invalid++;
		}
	CHECK(invalid == d->text->invalid, "doc: %zu invalid tokens, text "
	      "counts %zu invalid bytes", invalid, d->text->invalid);
	if (keys != NULL)
		return check_units(d, keys, ko);
	return 0;
}

int
fuzz_doc_one(const uint8_t *data, size_t size)
{
	struct setup su;
	struct equiv *eq = NULL;
	struct cmpkeys *keys = NULL;
	struct text *t;
	struct doc *d = NULL;
	int rc = 0;

	if (size == 0)
		return 0;
	setup_flags(&su, data[0]);
	t = text_from_bytes("doc", data + 1, size - 1, &su.to, NULL);
	if (t == NULL)
		return 0;
	d = doc_build(t);
	RUN(check_doc(d, NULL, &su.ko));
	if (su.builtin)
		eq = equiv_new_builtin();
	keys = cmpkeys_new(&su.ko, eq);
	cmpkeys_classify(keys, d);
	RUN(check_doc(d, keys, &su.ko));
out:
	doc_free(d);
	cmpkeys_free(keys);
	equiv_free(eq);
	text_free(t);
	return rc;
}

/* --- alignment ------------------------------------------------------------ */

/* The units of paragraphs [p, p + np) of d. */
static void
para_units(const struct doc *d, uint32_t p, uint32_t np, uint32_t *u0,
	   uint32_t *u1)
{
	if (np == 0) {
		*u0 = *u1 = 0;
		return;
	}
	*u0 = d->para[p].unit;
	*u1 = d->para[p + np - 1].unit + d->para[p + np - 1].nunit;
}

struct tiling {
	const struct alignment *al;
	size_t a, b, n;
	int rc;
};

static void
tile_piece(const struct piece *pc, void *priv)
{
	struct tiling *t = priv;
	const struct alignment *al = t->al;

	if (t->rc != 0)
		return;
	t->n++;
	if (pc->kind > PIECE_INSERT) {
		t->rc = fz_fail("walk: piece %zu kind %u", t->n,
				(unsigned)pc->kind);
		return;
	}
	if (pc->block >= al->nblock && al->nblock > 0) {
		t->rc = fz_fail("walk: piece %zu block %u of %zu", t->n,
				(unsigned)pc->block, al->nblock);
		return;
	}
	if (pc->move > al->nmove) {
		t->rc = fz_fail("walk: piece %zu move %u of %zu", t->n,
				(unsigned)pc->move, al->nmove);
		return;
	}
	if (pc->a1 < pc->a0 || pc->b1 < pc->b0 ||
	    (pc->kind == PIECE_DELETE && pc->b1 != pc->b0) ||
	    (pc->kind == PIECE_INSERT && pc->a1 != pc->a0)) {
		t->rc = fz_fail("walk: piece %zu (kind %u) has A [%zu, %zu) "
				"B [%zu, %zu)", t->n, (unsigned)pc->kind,
				pc->a0, pc->a1, pc->b0, pc->b1);
		return;
	}
	/* An equal piece is the same bytes on both sides (walk.h). */
	if (pc->kind == PIECE_EQUAL && al->a->nunit > 0 &&
	    !al->a->ignore_punct &&
	    (pc->a1 - pc->a0 != pc->b1 - pc->b0 ||
	     memcmp(al->a->text->data + pc->a0, al->b->text->data + pc->b0,
		    pc->a1 - pc->a0) != 0)) {
		t->rc = fz_fail("walk: equal piece %zu has different bytes",
				t->n);
		return;
	}
	if (pc->kind != PIECE_INSERT) {
		if (pc->a0 != t->a) {
			t->rc = fz_fail("walk: piece %zu starts at A %zu, "
					"expected %zu", t->n, pc->a0, t->a);
			return;
		}
		t->a = pc->a1;
	}
	if (pc->kind != PIECE_DELETE) {
		if (pc->b0 != t->b) {
			t->rc = fz_fail("walk: piece %zu starts at B %zu, "
					"expected %zu", t->n, pc->b0, t->b);
			return;
		}
		t->b = pc->b1;
	}
}

/* Does op w join units of equal fold keys one for one (align.h)? */
static bool
folds_equal(const struct doc *a, uint32_t ua, const struct doc *b,
	    uint32_t ub, const struct wop *w)
{
	uint32_t u;

	if (w->na != w->nb)
		return false;
	for (u = 0; u < w->na; u++)
		if (a->unit[ua + u].fold != b->unit[ub + u].fold)
			return false;
	return true;
}

/*
 * Moves below the paragraph (align.h): each end is a run of marked ops of
 * its block, deleting (source) or inserting (destination) exactly the
 * units its word diff names, in order, and the move crosses something:
 * its two ends are not the same place of the alignment.
 */
static int
check_submoves(const struct alignment *al)
{
	size_t s;
	uint32_t o, u;

	CHECK(al->nsub == 0 || al->opsub != NULL, "align: no opsub");
	for (s = 0; s < al->nsub; s++) {
		const struct submove *sm = &al->sub[s];
		const struct block *src, *dst;
		uint32_t ua = UINT32_MAX, ub = UINT32_MAX, na = 0, nb = 0;

		CHECK(sm->src < al->nblock && sm->dst < al->nblock &&
		      sm->nsop > 0 && sm->ndop > 0 && sm->nop > 0 &&
		      sm->op + sm->nop <= al->nop, "align: submove %zu", s);
		/* In source order, their diffs too (align_diff_sub). */
		CHECK(s == 0 || (al->sub[s - 1].src <= sm->src &&
				 al->sub[s - 1].op < sm->op),
		      "align: submove %zu out of order", s);
		CHECK(align_diff_sub(al, sm->op) == s + 1 &&
		      align_diff_sub(al, sm->op + sm->nop - 1) == s + 1,
		      "align: submove %zu's diff not found as its", s);
		src = &al->block[sm->src];
		dst = &al->block[sm->dst];
		CHECK(!src->move && !dst->move && src->kind != BLOCK_EQUAL &&
		      dst->kind != BLOCK_EQUAL, "align: submove %zu in a "
		      "moved or equal block", s);
		CHECK(sm->sop >= src->op && sm->sop + sm->nsop <= src->op +
		      src->nop && sm->dop >= dst->op && sm->dop + sm->ndop <=
		      dst->op + dst->nop, "align: submove %zu ends outside "
		      "their blocks", s);
		for (o = sm->op; o < sm->op + sm->nop; o++) {
			const struct wop *w = &al->op[o];

			if (w->na && ua == UINT32_MAX)
				ua = w->a;
			if (w->nb && ub == UINT32_MAX)
				ub = w->b;
			CHECK(w->na == 0 || w->a == ua + na, "align: submove "
			      "%zu diff skips A units", s);
			CHECK(w->nb == 0 || w->b == ub + nb, "align: submove "
			      "%zu diff skips B units", s);
			na += w->na;
			nb += w->nb;
		}
		u = ua;
		for (o = sm->sop; o < sm->sop + sm->nsop; o++) {
			CHECK(al->op[o].kind == WOP_DELETE &&
			      align_op_sub(al, o) == s + 1 && al->op[o].a == u,
			      "align: submove %zu source op %u", s, o);
			u += al->op[o].na;
		}
		CHECK(u == ua + na, "align: submove %zu source is not its "
		      "diff's A side", s);
		u = ub;
		for (o = sm->dop; o < sm->dop + sm->ndop; o++) {
			CHECK(al->op[o].kind == WOP_INSERT &&
			      align_op_sub(al, o) == s + 1 && al->op[o].b == u,
			      "align: submove %zu destination op %u", s, o);
			u += al->op[o].nb;
		}
		CHECK(u == ub + nb, "align: submove %zu destination is not "
		      "its diff's B side", s);
		/* Something kept between the two ends. */
		if (sm->src == sm->dst) {
			uint32_t lo = sm->sop < sm->dop ? sm->sop : sm->dop;
			uint32_t hi = sm->sop < sm->dop ? sm->dop : sm->sop;
			bool kept = false;

			for (o = lo; o < hi && !kept; o++)
				kept = al->op[o].kind == WOP_EQUAL ||
					al->op[o].kind == WOP_COSMETIC;
			CHECK(kept, "align: submove %zu crosses nothing", s);
		}
	}
	return 0;
}

/* align.h's promises, and walk_pieces' tiling. */
/*
 * Are the bytes of units [ua, ua + n) of a, from the first one's start to
 * the last one's end, those of units [ub, ub + n) of b?
 */
static bool
span_bytes_equal(const struct doc *a, uint32_t ua, const struct doc *b,
		 uint32_t ub, uint32_t n)
{
	const struct unit *xl = &a->unit[ua + n - 1], *yl = &b->unit[ub + n - 1];
	size_t x0 = a->tok[a->unit[ua].tok].off, y0 = b->tok[b->unit[ub].tok].off;
	size_t x1 = a->tok[unit_last_tok(a, xl)].off +
		a->tok[unit_last_tok(a, xl)].len;
	size_t y1 = b->tok[unit_last_tok(b, yl)].off +
		b->tok[unit_last_tok(b, yl)].len;

	return x1 - x0 == y1 - y0 &&
		memcmp(a->text->data + x0, b->text->data + y0, x1 - x0) == 0;
}

static int
check_align(const struct alignment *al)
{
	const struct doc *a = al->a, *b = al->b;
	uint32_t pa = 0, pb = 0, ua, ua1, ub, ub1, o, u;
	size_t k, moves = 0;
	struct tiling tl = { al, 0, 0, 0, 0 };

	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k], *src = bl, *dst = bl;

		CHECK(bl->kind <= BLOCK_INSERTED, "align: block %zu kind %u",
		      k, (unsigned)bl->kind);
		CHECK(bl->op <= al->nop && bl->nop <= al->nop - bl->op,
		      "align: block %zu ops [%u, +%u) of %zu", k,
		      (unsigned)bl->op, (unsigned)bl->nop, al->nop);
		CHECK(bl->similarity >= 0 && bl->similarity <= 1,
		      "align: block %zu similarity %g", k,
		      (double)bl->similarity);
		switch (bl->kind) {
		case BLOCK_DELETED:
			CHECK(bl->na > 0 && bl->nb == 0, "align: deleted "
			      "block %zu is %u:%u", k, (unsigned)bl->na,
			      (unsigned)bl->nb);
			break;
		case BLOCK_INSERTED:
			CHECK(bl->na == 0 && bl->nb > 0, "align: inserted "
			      "block %zu is %u:%u", k, (unsigned)bl->na,
			      (unsigned)bl->nb);
			break;
		default:
			CHECK(bl->na > 0 && bl->nb > 0, "align: paired block "
			      "%zu is %u:%u", k, (unsigned)bl->na,
			      (unsigned)bl->nb);
			break;
		}
		/* Reading order: each side's paragraphs once, in order. */
		CHECK(bl->na == 0 || bl->a == pa, "align: block %zu starts at "
		      "A paragraph %u, expected %u", k, (unsigned)bl->a,
		      (unsigned)pa);
		CHECK(bl->nb == 0 || bl->b == pb, "align: block %zu starts at "
		      "B paragraph %u, expected %u", k, (unsigned)bl->b,
		      (unsigned)pb);
		CHECK(bl->na <= a->npara - pa && bl->nb <= b->npara - pb,
		      "align: block %zu runs past the paragraphs", k);
		pa += bl->na;
		pb += bl->nb;
		/* A move's two ends share one list of ops: source to target. */
		if (bl->move) {
			const struct block *tw;

			CHECK(bl->move <= al->nmove && bl->twin < al->nblock &&
			      bl->twin != k, "align: block %zu move %u twin %u",
			      k, (unsigned)bl->move, (unsigned)bl->twin);
			tw = &al->block[bl->twin];
			CHECK(tw->move == bl->move && tw->twin == k &&
			      tw->op == bl->op && tw->nop == bl->nop,
			      "align: block %zu and its twin %u disagree", k,
			      (unsigned)bl->twin);
			CHECK((bl->kind == BLOCK_DELETED &&
			       tw->kind == BLOCK_INSERTED) ||
			      (bl->kind == BLOCK_INSERTED &&
			       tw->kind == BLOCK_DELETED),
			      "align: moved block %zu is kind %u", k,
			      (unsigned)bl->kind);
			if (bl->kind == BLOCK_DELETED) {
				dst = tw;
				moves++;
			} else {
				src = tw;
			}
		}
		para_units(a, src->a, src->na, &ua, &ua1);
		para_units(b, dst->b, dst->nb, &ub, &ub1);
		for (o = bl->op; o < bl->op + bl->nop; o++) {
			const struct wop *w = &al->op[o];

			CHECK(w->kind <= WOP_INSERT, "align: op %u kind %u", o,
			      (unsigned)w->kind);
			CHECK(w->kind == WOP_DELETE ? w->na > 0 && w->nb == 0 :
			      w->kind == WOP_INSERT ? w->na == 0 && w->nb > 0 :
			      w->kind == WOP_COSMETIC ? w->na + w->nb > 0 :
			      w->na > 0 && w->na == w->nb,
			      "align: op %u (kind %u) is %u:%u", o,
			      (unsigned)w->kind, (unsigned)w->na,
			      (unsigned)w->nb);
			CHECK(w->na == 0 || w->a == ua, "align: block %zu "
			      "op %u starts at A unit %u, expected %u", k, o,
			      (unsigned)w->a, (unsigned)ua);
			CHECK(w->nb == 0 || w->b == ub, "align: block %zu "
			      "op %u starts at B unit %u, expected %u", k, o,
			      (unsigned)w->b, (unsigned)ub);
			CHECK(w->na <= ua1 - ua && w->nb <= ub1 - ub,
			      "align: block %zu op %u runs past its units", k,
			      o);
			/* A cosmetic change of spelling (align.h) aside. */
			if (w->kind == WOP_EQUAL || (w->kind == WOP_COSMETIC &&
			    folds_equal(a, ua, b, ub, w))) {
				bool same = true;

				for (u = 0; u < w->na; u++) {
					const struct unit *x = &a->unit[ua + u];
					const struct unit *y = &b->unit[ub + u];

					CHECK(x->fold == y->fold, "align: "
					      "op %u joins A unit %u and B "
					      "unit %u with different fold "
					      "keys", o, ua + u, ub + u);
					if (x->strict != y->strict)
						same = false;
					CHECK(w->kind == WOP_COSMETIC ||
					      x->strict == y->strict,
					      "align: equal op %u joins A unit "
					      "%u and B unit %u with different "
					      "strict keys", o, ua + u, ub + u);
				}
				/* ... or only the white space inside it. */
				if (same && w->kind == WOP_COSMETIC && w->na)
					same = span_bytes_equal(a, ua, b, ub,
								w->na);
				CHECK(w->kind == WOP_EQUAL || !same,
				      "align: cosmetic op %u has no cosmetic "
				      "difference", o);
			}
			/*
			 * An equal block's differences are all cosmetic: a
			 * spelling, or a change that only hyphenates, joins
			 * or parts words or moves punctuation (align.h; the
			 * hyphens golden case), whose units need not match.
			 */
			CHECK(bl->kind != BLOCK_EQUAL || bl->move ||
			      w->kind == WOP_EQUAL || w->kind == WOP_COSMETIC,
			      "align: equal block %zu has a change op", k);
			CHECK(bl->kind != BLOCK_EQUAL || bl->move ||
			      w->kind != WOP_COSMETIC || bl->cosmetic,
			      "align: equal block %zu has a cosmetic op but "
			      "is not marked cosmetic", k);
			ua += w->na;
			ub += w->nb;
		}
		CHECK(ua == ua1 && ub == ub1, "align: block %zu ops cover A "
		      "units to %u of %u, B units to %u of %u", k, ua, ua1, ub,
		      ub1);
	}
	CHECK(pa == a->npara && pb == b->npara, "align: blocks visit %u of "
	      "%zu A paragraphs, %u of %zu B paragraphs", pa, a->npara, pb,
	      b->npara);
	CHECK(moves + al->nsub == al->nmove, "align: %zu moves and %zu "
	      "below the paragraph, nmove %zu", moves, al->nsub, al->nmove);
	if (check_submoves(al) != 0)
		return -1;
	CHECK(al->stats.similarity >= 0 && al->stats.similarity <= 1,
	      "align: similarity %g", al->stats.similarity);
	walk_pieces(al, false, tile_piece, &tl);
	if (tl.rc != 0)
		return -1;
	CHECK(tl.a == a->text->len && tl.b == b->text->len, "walk: pieces "
	      "end at A %zu of %zu, B %zu of %zu", tl.a, a->text->len, tl.b,
	      b->text->len);
	return 0;
}

/* Comparing a version with itself finds nothing. */
static int
check_identity(const struct alignment *al)
{
	size_t k;

	CHECK(!align_differs(al), "identity: a version differs from itself");
	CHECK(al->nmove == 0, "identity: %zu moves", al->nmove);
	for (k = 0; k < al->nblock; k++)
		CHECK(al->block[k].kind == BLOCK_EQUAL &&
		      !al->block[k].cosmetic, "identity: block %zu is kind %u",
		      k, (unsigned)al->block[k].kind);
	for (k = 0; k < al->nop; k++)
		CHECK(al->op[k].kind == WOP_EQUAL, "identity: op %zu kind %u",
		      k, (unsigned)al->op[k].kind);
	return 0;
}

/* facts.h: the change sites of an alignment. */
static int
check_changes(const struct alignment *al, const struct changes *ch)
{
	static const int strength[] = {
		KIND_QUOTE, KIND_NUMBER, KIND_DATE, KIND_NAME,
		KIND_ATTRIBUTION, KIND_WORDING,
	};
	const unsigned facts = 1u << KIND_QUOTE | 1u << KIND_NUMBER |
		1u << KIND_DATE | 1u << KIND_NAME | 1u << KIND_ATTRIBUTION;
	size_t count[KIND_COUNT] = { 0 }, i, k;
	uint32_t pblock = 0, pend = 0, o;

	for (i = 0; i < ch->n; i++) {
		const struct change *c = &ch->v[i];
		const struct block *bl;
		unsigned kinds = c->kinds;
		int want = KIND_COSMETIC;
		/* A site of a move below the paragraph is on its diff. */
		uint32_t sub = align_diff_sub(al, c->op);

		CHECK(c->block < al->nblock, "facts: site %zu in block %u of "
		      "%zu", i, (unsigned)c->block, al->nblock);
		bl = &al->block[c->block];
		CHECK(!sub || (c->block == al->sub[sub - 1].src && c->nop > 0 &&
			       c->op + c->nop <= al->sub[sub - 1].op +
			       al->sub[sub - 1].nop),
		      "facts: site %zu outside its move's diff", i);
		CHECK(sub || (c->nop > 0 && c->op >= bl->op &&
			      c->op + c->nop <= bl->op + bl->nop),
		      "facts: site %zu ops [%u, +%u) outside block %u", i,
		      (unsigned)c->op, (unsigned)c->nop, (unsigned)c->block);
		CHECK(!(bl->move && bl->kind == BLOCK_INSERTED), "facts: site "
		      "%zu at the destination of a move", i);
		CHECK(sub || c->block > pblock || (c->block == pblock &&
						  (i == 0 || c->op >= pend)),
		      "facts: site %zu out of reading order or overlapping", i);
		if (!sub) {
			pblock = c->block;
			pend = c->op + c->nop;
		}
		CHECK(c->kind < KIND_COUNT && (kinds >> c->kind & 1),
		      "facts: site %zu kind %u, kinds 0x%x", i,
		      (unsigned)c->kind, kinds);
		CHECK(!(kinds & 1u << KIND_WORDING) || !(kinds & facts),
		      "facts: site %zu is wording and a fact (0x%x)", i, kinds);
		if (c->kind != KIND_COSMETIC) {
			for (k = 0; k < 6; k++)
				if (kinds >> strength[k] & 1) {
					want = strength[k];
					break;
				}
			CHECK(c->kind == want, "facts: site %zu kind %u is not "
			      "the strongest of 0x%x", i, (unsigned)c->kind,
			      kinds);
		}
		for (o = c->op; o < c->op + c->nop; o++)
			CHECK((c->kind == KIND_COSMETIC) ==
			      (al->op[o].kind == WOP_COSMETIC) ||
			      (c->kind == KIND_WORDING && (bl->move || sub)) ||
			      (c->kind != KIND_COSMETIC &&
			       al->op[o].kind != WOP_EQUAL && !bl->move &&
			       (bl->kind == BLOCK_DELETED ||
				bl->kind == BLOCK_INSERTED)),
			      "facts: site %zu (kind %u) holds op %u (kind %u)",
			      i, (unsigned)c->kind, o,
			      (unsigned)al->op[o].kind);
		count[c->kind]++;
	}
	for (k = 0; k < KIND_COUNT; k++)
		CHECK(count[k] == ch->count[k], "facts: %zu sites of kind %zu, "
		      "count says %zu", count[k], k, ch->count[k]);
	/* One definition of a change: the counts are the sites listed. */
	CHECK(al->stats.cosmetic == count[KIND_COSMETIC] &&
	      al->stats.substantive == ch->n - count[KIND_COSMETIC],
	      "facts: %zu substantive and %zu cosmetic sites, the stats say "
	      "%zu and %zu", ch->n - count[KIND_COSMETIC],
	      count[KIND_COSMETIC], al->stats.substantive,
	      al->stats.cosmetic);
	return 0;
}

/* mapping.h: b's sentences traced to a's. */
static int
check_mapping(const struct doc *a, const struct doc *b,
	      const struct sentence_map *m)
{
	size_t i, mapped = 0, para = 0;

	CHECK(m->nb == b->nsent, "mapping: nb %zu, %zu sentences", m->nb,
	      b->nsent);
	for (i = 0; i < m->nb; i++) {
		CHECK(m->from[i] == MAPPING_NONE || m->from[i] < a->nsent,
		      "mapping: sentence %zu from %u of %zu", i,
		      (unsigned)m->from[i], a->nsent);
		CHECK(!m->paraphrase[i] || m->from[i] != MAPPING_NONE,
		      "mapping: sentence %zu is a paraphrase of nothing", i);
		mapped += m->from[i] != MAPPING_NONE;
		para += m->paraphrase[i] != 0;
	}
	CHECK(mapped == m->mapped && para == m->paraphrases,
	      "mapping: %zu mapped, %zu paraphrases; says %zu, %zu", mapped,
	      para, m->mapped, m->paraphrases);
	CHECK(m->covered_a <= m->words_a && m->coverage >= 0 &&
	      m->coverage <= 1, "mapping: coverage %g (%zu of %zu words)",
	      m->coverage, m->covered_a, m->words_a);
	return 0;
}

/* --- rendering ------------------------------------------------------------ */

/* Where each side's drawn bytes have got to (side-by-side coverage). */
struct cover {
	const struct doc *d;
	uint32_t para;		/* paragraph being drawn, or none */
	uint32_t next;		/* the paragraph expected next */
	size_t pos;		/* bytes before pos are drawn */
};

static int
cover_end_para(struct cover *c, int side)
{
	if (c->para == RENDER_NONE)
		return 0;
	CHECK(only_space(c->d, c->pos, c->d->para[c->para].end),
	      "render: side %d paragraph %u not drawn from %zu to %u", side,
	      (unsigned)c->para, c->pos, (unsigned)c->d->para[c->para].end);
	return 0;
}

static int
check_render_rows(const struct render *r, char **buf, size_t *cap)
{
	const struct alignment *al = r->al;
	bool inl = r->opts.inline_view;
	struct cover cv[2] = {
		{ al->a, RENDER_NONE, 0, 0 }, { al->b, RENDER_NONE, 0, 0 },
	};
	size_t i, k, len;
	int s;

	CHECK(r->pane >= RENDER_MIN_PANE && r->pane <= RENDER_MAX_PANE,
	      "render: pane %u", r->pane);
	CHECK(r->width == (inl ? r->pane + RENDER_GUTTER :
			   2 * r->pane + RENDER_GUTTER),
	      "render: width %u for pane %u", r->width, r->pane);
	for (k = 0; k < al->nblock; k++)
		CHECK(r->block_row[k] <= r->block_row[k + 1],
		      "render: block %zu starts at row %zu, after the next", k,
		      r->block_row[k]);
	CHECK(r->block_row[al->nblock] == r->nrow, "render: block_row end %zu,"
	      " %zu rows", r->block_row[al->nblock], r->nrow);
	for (i = 0; i < r->nrow; i++) {
		const struct render_row *row = &r->row[i];

		CHECK(row->block < al->nblock, "render: row %zu block %u", i,
		      (unsigned)row->block);
		CHECK(i == 0 || row->block >= r->row[i - 1].block,
		      "render: row %zu goes back to block %u", i,
		      (unsigned)row->block);
		if (inl)
			CHECK(row->cell[1] != CELL_TEXT && row->nspan[1] == 0,
			      "render: inline row %zu has a right cell", i);
		for (s = 0; s < 2; s++) {
			const struct doc *d = s ? al->b : al->a;
			size_t col = 0;

			CHECK(row->cell[s] <= CELL_TEXT, "render: row %zu cell "
			      "%u", i, (unsigned)row->cell[s]);
			CHECK(row->para[s] == RENDER_NONE ||
			      row->para[s] < d->npara, "render: row %zu side "
			      "%d paragraph %u", i, s, (unsigned)row->para[s]);
			if (row->cell[s] != CELL_TEXT) {
				CHECK(row->nspan[s] == 0, "render: row %zu "
				      "side %d: spans in an empty cell", i, s);
				continue;
			}
			CHECK(row->span[s] <= r->nspan &&
			      row->nspan[s] <= r->nspan - row->span[s],
			      "render: row %zu side %d spans out of range", i,
			      s);
			/* Side by side, a new paragraph: the last one ended. */
			if (!inl && row->para[s] != RENDER_NONE &&
			    row->para[s] != cv[s].para) {
				if (cover_end_para(&cv[s], s) != 0)
					return -1;
				CHECK(row->para[s] == cv[s].next, "render: "
				      "row %zu side %d draws paragraph %u, "
				      "expected %u", i, s,
				      (unsigned)row->para[s],
				      (unsigned)cv[s].next);
				cv[s].para = row->para[s];
				cv[s].next = row->para[s] + 1;
				cv[s].pos = d->para[cv[s].para].start;
			}
			for (k = 0; k < row->nspan[s]; k++) {
				const struct render_span *sp =
				    &r->span[row->span[s] + k];
				bool from_a = inl ? (sp->flags & SPAN_FROM_A)
					: s == 0;
				const struct doc *sd = from_a ? al->a : al->b;
				int cs = from_a ? 0 : 1;

				CHECK(sp->col >= col, "render: row %zu side %d "
				      "span %zu at column %u overlaps", i, s,
				      k, (unsigned)sp->col);
				CHECK((size_t)sp->col + sp->width <= r->pane,
				      "render: row %zu side %d span %zu ends "
				      "at column %u, pane %u", i, s, k,
				      (unsigned)(sp->col + sp->width), r->pane);
				col = (size_t)sp->col + sp->width;
				if (sp->flags & SPAN_NOTE) {
					CHECK(sp->off <= r->nnote &&
					      sp->len <= r->nnote - sp->off,
					      "render: note span out of range");
				} else {
					size_t tl = sd->text->len;

					CHECK(sp->off <= tl &&
					      sp->len <= tl - sp->off,
					      "render: row %zu side %d span "
					      "%zu bytes [%u, +%u) of %zu", i,
					      s, k,
					      (unsigned)sp->off,
					      (unsigned)sp->len, tl);
				}
				len = render_span_text(r, s, sp, buf, cap);
				if (check_safe((const uint8_t *)*buf, len,
					       false, "render: span text") != 0)
					return -1;
				CHECK(width_of((const uint8_t *)*buf, len, 0) ==
				      sp->width, "render: row %zu side %d span "
				      "%zu is %zu columns wide, says %u", i, s,
				      k, width_of((const uint8_t *)*buf, len,
						  0), (unsigned)sp->width);
				if (sp->flags & SPAN_NOTE)
					continue;
				/* Text is drawn in order, none of it twice,
				 * and only white space is left out. */
				if (inl && from_a)
					continue;
				if (!inl)
					CHECK(cv[cs].para != RENDER_NONE &&
					      sp->off + sp->len <=
					      sd->para[cv[cs].para].end,
					      "render: row %zu side %d span "
					      "%zu outside its paragraph", i,
					      s, k);
				CHECK(sp->off >= cv[cs].pos, "render: row %zu "
				      "side %d span %zu at byte %u, already "
				      "drawn to %zu", i, s, k,
				      (unsigned)sp->off, cv[cs].pos);
				CHECK(only_space(sd, cv[cs].pos, sp->off),
				      "render: row %zu side %d: bytes [%zu, "
				      "%u) not drawn", i, s, cv[cs].pos,
				      (unsigned)sp->off);
				cv[cs].pos = sp->off + sp->len;
			}
		}
	}
	if (inl) {
		CHECK(only_space(al->b, cv[1].pos, al->b->text->len),
		      "render: inline: B bytes [%zu, %zu) not drawn",
		      cv[1].pos, al->b->text->len);
		return 0;
	}
	for (s = 0; s < 2; s++) {
		const struct doc *d = s ? al->b : al->a;

		if (cover_end_para(&cv[s], s) != 0)
			return -1;
		CHECK(cv[s].next == d->npara, "render: side %d draws %u of %zu "
		      "paragraphs", s, (unsigned)cv[s].next, d->npara);
	}
	return 0;
}

/* print_layout without colour: one safe line per row, none too wide. */
static int
check_print(const struct render *r)
{
	char *buf = NULL;
	size_t len = 0, i = 0, lines = 0, e, w;
	FILE *f = open_memstream(&buf, &len);
	int rc = 0;

	CHECK_GO(f != NULL, "open_memstream failed");
	CHECK_GO(print_layout(f, r, false) == 0, "print_layout failed");
	fclose(f);
	f = NULL;
	while (i < len) {
		const char *nl = memchr(buf + i, '\n', len - i);

		CHECK_GO(nl != NULL, "print_layout: last line without newline");
		e = (size_t)(nl - buf);
		RUN(check_safe((const uint8_t *)buf + i, e - i, false,
			       "print_layout"));
		w = width_of((const uint8_t *)buf + i, e - i, 0);
		CHECK_GO(w <= r->width, "print_layout: line %zu is %zu columns,"
			 " render is %u", lines, w, r->width);
		CHECK_GO(e == i || buf[e - 1] != ' ', "print_layout: line %zu "
			 "has trailing spaces", lines);
		lines++;
		i = e + 1;
	}
	CHECK_GO(lines == r->nrow, "print_layout: %zu lines for %zu rows",
		 lines, r->nrow);
	if (devnull() != NULL)
		print_layout(devnull(), r, true);
out:
	if (f != NULL)
		fclose(f);
	free(buf);
	return rc;
}

/* Row i of r and row j of q, a piece of the lazy layout: the same? */
static bool
same_render_row(const struct render *r, size_t i, const struct render *q,
		size_t j)
{
	const struct render_row *x = &r->row[i], *y = &q->row[j];
	int s;
	uint32_t k;

	if (x->block != y->block || x->mark != y->mark)
		return false;
	for (s = 0; s < 2; s++) {
		if (x->para[s] != y->para[s] || x->cell[s] != y->cell[s] ||
		    x->nspan[s] != y->nspan[s])
			return false;
		for (k = 0; x->cell[s] == CELL_TEXT && k < x->nspan[s]; k++) {
			const struct render_span *a = &r->span[x->span[s] + k];
			const struct render_span *b = &q->span[y->span[s] + k];

			if (a->col != b->col || a->width != b->width ||
			    a->style != b->style || a->flags != b->flags ||
			    a->len != b->len)
				return false;
			if (a->flags & SPAN_NOTE ?
			    memcmp(r->note + a->off, q->note + b->off, a->len) :
			    a->off != b->off)
				return false;
		}
	}
	return true;
}

/*
 * The lazy layout (render_lazy_*) has render_build's rows, block by
 * block: counted first or laid out first, the same count, and piece by
 * piece the same rows.
 */
static int
check_render_lazy(const struct render *r, const struct render_opts *ro)
{
	struct render_lazy *lz = render_lazy_new(r->al, ro);
	uint32_t bi, g;
	int rc = 0;

	CHECK_GO(lz->pane == r->pane, "render_lazy: pane %u, not %u",
		 lz->pane, r->pane);
	for (bi = 0; bi < r->al->nblock; bi++) {
		size_t n = r->block_row[bi + 1] - r->block_row[bi], i = 0, j;

		if (bi % 2)
			CHECK_GO(render_lazy_block_rows(lz, bi) == n,
				 "render_lazy: block %u counts %zu rows, not "
				 "%zu", bi, render_lazy_block_rows(lz, bi), n);
		for (g = 0; g < render_lazy_pieces(lz, bi); g++) {
			const struct render *q = render_lazy_piece(lz, bi, g);

			for (j = 0; j < q->nrow; j++, i++)
				CHECK_GO(i < n && same_render_row(r,
					 r->block_row[bi] + i, q, j),
					 "render_lazy: block %u row %zu differs",
					 bi, i);
		}
		CHECK_GO(i == n && render_lazy_block_rows(lz, bi) == n,
			 "render_lazy: block %u has %zu rows, not %zu", bi, i,
			 n);
	}
out:
	render_lazy_free(lz);
	return rc;
}

static int
check_render(const struct alignment *al, unsigned int width, bool inl,
	     bool marks)
{
	struct render_opts ro = { width, marks, marks, inl };
	struct render *r = render_build(al, &ro);
	char *buf = NULL;
	size_t cap = 0;
	int rc = 0;

	RUN(check_render_rows(r, &buf, &cap));
	RUN(check_print(r));
	RUN(check_render_lazy(r, &ro));
out:
	if (rc != 0) {
		size_t n = strlen(fz_msg);

		snprintf(fz_msg + n, sizeof fz_msg - n, " [width %u%s%s]",
			 width, inl ? " inline" : "", marks ?
			 " brackets cosmetic" : "");
	}
	free(buf);
	render_free(r);
	return rc;
}

/* output_inline without colour: safe text, tabs and line ends allowed. */
static int
check_inline(const struct alignment *al)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc = 0;

	CHECK_GO(f != NULL, "open_memstream failed");
	output_inline(f, al, false);
	fclose(f);
	RUN(check_safe((const uint8_t *)buf, len, true, "output_inline"));
	if (devnull() != NULL)
		output_inline(devnull(), al, true);
out:
	free(buf);
	return rc;
}

/* --- two versions --------------------------------------------------------- */

static const char fuzz_user_equiv[] =
	"New York = NY\nfor example = e.g.\na & b = ab\n10 per = ten\n"
	"'tis = it is\nx-ray = xray\n-- the end = fin\n";

struct pair {
	struct setup su;
	struct equiv *eq;
	struct cmpkeys *keys;
	struct text *t[2];
	struct doc *d[2];
	char *name;
};

/*
 * Build both versions of an align or json input; returns false when the
 * input is too short or a version is refused (binary, unconvertible).
 */
static bool
pair_open(struct pair *p, const uint8_t *data, size_t size, bool named)
{
	const uint8_t *a, *b, *e, *sep, *end = data + size;
	size_t i;

	memset(p, 0, sizeof *p);
	if (size < 3)
		return false;
	setup_flags(&p->su, data[0]);
	setup_layout(&p->su, data[1], data[2]);
	a = data + 3;
	sep = memchr(a, FUZZ_SEP, (size_t)(end - a));
	if (sep == NULL) {
		b = a;
		e = end;
	} else {
		b = sep + 1;
		e = sep;
	}
	p->name = xstrdup("a");
	if (sep != NULL) {
		const uint8_t *sep2 = memchr(b, FUZZ_SEP, (size_t)(end - b));

		if (sep2 != NULL && named) {
			free(p->name);
			p->name = xstrndup((const char *)sep2 + 1,
					   (size_t)(end - sep2 - 1));
			end = sep2;
		}
	}
	p->t[0] = text_from_bytes(p->name, a, (size_t)(e - a), &p->su.to,
				  NULL);
	p->t[1] = text_from_bytes("b\x01\"\\\xe2\x80\xae", b,
				  (size_t)(end - b), &p->su.to, NULL);
	if (p->t[0] == NULL || p->t[1] == NULL)
		return false;
	if (p->su.builtin)
		p->eq = equiv_new_builtin();
	/*
	 * Bit 6 of byte 2: a user's list as well, of phrases that join words
	 * or start with a sign (the word counter's filter must see them).
	 */
	if (p->eq != NULL && (data[2] & 0x40))
		(void)equiv_parse(p->eq, "fuzz-user", fuzz_user_equiv,
				  strlen(fuzz_user_equiv), NULL);
	p->keys = cmpkeys_new(&p->su.ko, p->eq);
	for (i = 0; i < 2; i++) {
		p->d[i] = doc_build(p->t[i]);
		cmpkeys_classify(p->keys, p->d[i]);
	}
	return true;
}

static void
pair_close(struct pair *p)
{
	size_t i;

	for (i = 0; i < 2; i++) {
		doc_free(p->d[i]);
		text_free(p->t[i]);
	}
	cmpkeys_free(p->keys);
	equiv_free(p->eq);
	free(p->name);
}

int
fuzz_align_one(const uint8_t *data, size_t size)
{
	struct pair p;
	struct alignment *al = NULL, *rev = NULL, *id = NULL, *mir = NULL;
	struct doc *again = NULL;
	struct changes ch = { 0 }, mch = { 0 };
	const struct align_opts *ao;
	int rc = 0;

	if (!pair_open(&p, data, size, false))
		goto out;
	ao = p.su.have_ao ? &p.su.ao : NULL;
	RUN(check_doc(p.d[0], p.keys, &p.su.ko));
	RUN(check_doc(p.d[1], p.keys, &p.su.ko));
	al = align_build(p.d[0], p.d[1], ao);
	RUN(check_align(al));
	RUN(check_render(al, p.su.width, false, false));
	RUN(check_render(al, p.su.width, false, true));
	RUN(check_render(al, p.su.width, true, false));
	RUN(check_render(al, p.su.width, true, true));
	RUN(check_inline(al));
	facts_classify(al, NULL, &ch);
	RUN(check_changes(al, &ch));
	if (devnull() != NULL) {
		struct text *texts[2] = { p.t[0], p.t[1] };
		struct comparison cmp = { .a = 0, .b = 1, .al = al, .ch = &ch,
					  .similarity = al->stats.similarity };

		output_stat(devnull(), texts, p.d, 2, &cmp, 1, NULL);
	}
	rev = align_build(p.d[1], p.d[0], ao);
	RUN(check_align(rev));
	/* The session shows one of them as the mirror of the other. */
	mir = align_mirror(al);
	RUN(check_align(mir));
	RUN(check_inline(mir));
	facts_classify(mir, NULL, &mch);
	RUN(check_changes(mir, &mch));
	/* A against a second doc of the same text: all equal. */
	again = doc_build(p.t[0]);
	cmpkeys_classify(p.keys, again);
	id = align_build(p.d[0], again, ao);
	RUN(check_align(id));
	RUN(check_identity(id));
out:
	changes_clear(&ch);
	changes_clear(&mch);
	align_free(al);
	align_free(rev);
	align_free(mir);
	align_free(id);
	doc_free(again);
	pair_close(&p);
	return rc;
}

/* --- JSON ----------------------------------------------------------------- */

/* What json_string should make of s: invalid bytes become U+FFFD. */
static char *
visible_string(const char *str, size_t *outlen)
{
	const uint8_t *s = (const uint8_t *)str;
	size_t n = strlen(str), i = 0, k, o = 0;
	char *out = xmalloc(3 * n + 1);
	uint32_t uc;

	while (i < n) {
		k = json_utf8_char(s + i, n - i, &uc);
		if (k == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
			continue;
		}
		memcpy(out + o, s + i, k);
		o += k;
		i += k;
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* A fraction as output.c writes it, to four decimals. */
static bool
near(double x, double y)
{
	return x - y < 0.00006 && y - x < 0.00006;
}

static int
check_json_string(const struct json *j, const char *want, const char *what)
{
	size_t n;
	char *v = visible_string(want, &n);
	bool same = j != NULL && j->type == JSON_STRING && j->len == n &&
		memcmp(j->str, v, n) == 0;

	free(v);
	CHECK(same, "json: %s is not the escaped '%s'", what, want);
	return 0;
}

static int
check_json_int(const struct json *j, size_t want, const char *what)
{
	CHECK(j != NULL && j->type == JSON_NUMBER && j->is_int &&
	      j->ival >= 0 && (size_t)j->ival == want,
	      "json: %s is not %zu", what, want);
	return 0;
}

/* Object j has exactly the members names[0 .. n-1]. */
static int
check_json_members(const struct json *j, const char *const *names, size_t n,
		   const char *what)
{
	size_t k;

	CHECK(j != NULL && j->type == JSON_OBJECT && j->n == n,
	      "json: %s is not an object of %zu members", what, n);
	for (k = 0; k < n; k++)
		CHECK(json_get(j, names[k]) != NULL, "json: %s has no '%s'",
		      what, names[k]);
	return 0;
}

/* One op's range on one side: [pos, x], and pos moves to x. */
static int
check_json_range(const struct json *r, size_t *pos, size_t k, char side)
{
	CHECK(r != NULL && r->type == JSON_ARRAY && r->n == 2 &&
	      r->item[0].type == JSON_NUMBER && r->item[0].is_int &&
	      r->item[1].type == JSON_NUMBER && r->item[1].is_int,
	      "json: op %zu: bad %c range", k, side);
	CHECK(r->item[0].ival >= 0 && (size_t)r->item[0].ival == *pos &&
	      r->item[1].ival >= r->item[0].ival,
	      "json: op %zu: %c range [%lld, %lld] does not follow %zu", k,
	      side, r->item[0].ival, r->item[1].ival, *pos);
	*pos = (size_t)r->item[1].ival;
	return 0;
}

/* A block's paragraph range [first, end), present only when not empty. */
static int
check_json_pararange(const struct json *r, uint32_t p, uint32_t np, size_t k,
		     char side)
{
	CHECK((r != NULL) == (np > 0), "json: block %zu: %c side %s", k, side,
	      np ? "missing" : "present when empty");
	if (r == NULL)
		return 0;
	CHECK(r->type == JSON_ARRAY && r->n == 2 &&
	      r->item[0].type == JSON_NUMBER && r->item[0].is_int &&
	      r->item[1].type == JSON_NUMBER && r->item[1].is_int &&
	      r->item[0].ival == p && r->item[1].ival == (long long)p + np,
	      "json: block %zu: %c is not [%u,%u]", k, side, (unsigned)p,
	      (unsigned)(p + np));
	return 0;
}

/* An equal block without cosmetic differences, move or label. */
static bool
plain_equal_block(const struct alignment *al, const char *const *labels,
		  size_t k)
{
	const struct block *bl = &al->block[k];

	return bl->kind == BLOCK_EQUAL && !bl->cosmetic && !bl->move &&
	    (labels == NULL || labels[k] == NULL);
}

/*
 * The blocks array: al->block, one object each, in order, but a run of
 * plain equal blocks as one object spanning their paragraphs.
 */
static int
check_json_blocks(const struct json *bs, const struct alignment *al,
		  const char *const *labels)
{
	static const char *const kinds[] = {
		"equal", "changed", "deleted", "inserted",
	};
	size_t k, m, i = 0, e;

	CHECK(bs != NULL && bs->type == JSON_ARRAY,
	      "json: blocks is not an array");
	for (k = 0; k < al->nblock; k = e, i++) {
		const struct json *b, *kind, *f;
		struct block run = al->block[k], *bl = &run;

		for (e = k + 1; plain_equal_block(al, labels, k) &&
		     e < al->nblock && plain_equal_block(al, labels, e); e++) {
			run.na += al->block[e].na;
			run.nb += al->block[e].nb;
		}
		CHECK(i < bs->n, "json: only %zu blocks", bs->n);
		b = &bs->item[i];

		CHECK(b->type == JSON_OBJECT, "json: block %zu is not an "
		      "object", k);
		kind = json_get(b, "kind");
		CHECK(kind != NULL && kind->type == JSON_STRING &&
		      strcmp(kind->str, kinds[bl->kind]) == 0,
		      "json: block %zu kind is not %s", k, kinds[bl->kind]);
		if (check_json_pararange(json_get(b, "a"), bl->a, bl->na, k,
					 'a') != 0 ||
		    check_json_pararange(json_get(b, "b"), bl->b, bl->nb, k,
					 'b') != 0)
			return -1;
		m = 2 + (bl->na > 0) + (bl->nb > 0);
		f = json_get(b, "similarity");
		CHECK(f != NULL && f->type == JSON_NUMBER && f->num >= 0 &&
		      f->num <= 1 && near(f->num, bl->similarity),
		      "json: block %zu: bad similarity", k);
		if ((f = json_get(b, "move")) != NULL || bl->move) {
			CHECK(f != NULL && f->type == JSON_NUMBER &&
			      f->is_int && f->ival == bl->move,
			      "json: block %zu: move is not %u", k,
			      (unsigned)bl->move);
			m++;
		}
		if ((f = json_get(b, "cosmetic")) != NULL || bl->cosmetic) {
			CHECK(f != NULL && f->type == JSON_TRUE, "json: block "
			      "%zu: cosmetic is not true", k);
			m++;
		}
		if ((f = json_get(b, "label")) != NULL) {
			CHECK(labels != NULL && labels[k] != NULL &&
			      f->type == JSON_STRING &&
			      strcmp(f->str, labels[k]) == 0,
			      "json: block %zu: label is not its own", k);
			m++;
		}
		CHECK(b->n == m, "json: block %zu has unknown members", k);
	}
	CHECK(i == bs->n, "json: %zu blocks, expected %zu", bs->n, i);
	return 0;
}

static bool
is_kind_name(const char *name)
{
	int k;

	for (k = 0; k < KIND_COUNT; k++)
		if (strcmp(name, change_kind_name(k)) == 0)
			return true;
	return false;
}

/* A byte range [s, e] of a file of n bytes. */
static bool
is_range(const struct json *r, size_t n)
{
	return r != NULL && r->type == JSON_ARRAY && r->n == 2 &&
	    r->item[0].is_int && r->item[1].is_int && r->item[0].ival >= 0 &&
	    r->item[0].ival <= r->item[1].ival &&
	    (unsigned long long)r->item[1].ival <= n;
}

/* coverage, paraphrases and the traced sentences (mapping.h). */
static int
check_json_mapping(const struct json *c, struct text *const *texts,
		   const struct comparison *cmp)
{
	const struct sentence_map *m = cmp->map;
	const struct json *cov = json_get(c, "coverage");
	const struct json *tr = json_get(c, "traced");
	size_t k, para = 0;
	long long bend = 0;

	CHECK(cov->type == JSON_NUMBER && near(cov->num, m->coverage),
	      "json: coverage is not %g", m->coverage);
	if (check_json_int(json_get(c, "paraphrases"), m->paraphrases,
			   "paraphrases") != 0)
		return -1;
	CHECK(tr->type == JSON_ARRAY && tr->n == m->mapped,
	      "json: traced is not an array of %zu", m->mapped);
	for (k = 0; k < tr->n; k++) {
		const struct json *t = &tr->item[k], *pf, *rb;

		CHECK(t->type == JSON_OBJECT, "json: traced %zu", k);
		rb = json_get(t, "b");
		CHECK(is_range(rb, texts[cmp->b]->raw_len) &&
		      is_range(json_get(t, "a"), texts[cmp->a]->raw_len),
		      "json: traced %zu: bad ranges", k);
		CHECK(rb->item[0].ival >= bend, "json: traced %zu: b sentences"
		      " out of order", k);
		bend = rb->item[1].ival;
		pf = json_get(t, "paraphrase");
		CHECK(pf == NULL || pf->type == JSON_TRUE, "json: traced %zu: "
		      "bad paraphrase", k);
		para += pf != NULL;
		CHECK(t->n == 2 + (pf != NULL), "json: traced %zu has unknown "
		      "members", k);
	}
	CHECK(para == m->paraphrases, "json: %zu paraphrases traced, %zu "
	      "counted", para, m->paraphrases);
	return 0;
}

static int
check_json_comparison(const struct json *c, struct text *const *texts,
		      const struct comparison *cmp)
{
	static const char *const top[] = {
		"a", "b", "similarity", "words", "changes", "moves", "kinds",
		"ops", "blocks", "coverage", "paraphrases", "traced",
	};
	static const char *const words[] = {
		"kept", "deleted", "inserted", "changed_from", "changed_to",
		"moved",
	};
	static const char *const changes[] = { "substantive", "cosmetic" };
	const struct align_stats *st = &cmp->al->stats;
	const struct json *sim, *ops, *w;
	size_t pos[2] = { 0, 0 }, k, m;

	if (check_json_members(c, top, cmp->map ? 12 : 9, "comparison") != 0 ||
	    check_json_int(json_get(c, "a"), cmp->a, "comparison a") != 0 ||
	    check_json_int(json_get(c, "b"), cmp->b, "comparison b") != 0 ||
	    check_json_int(json_get(c, "moves"), cmp->al->nmove, "moves") != 0)
		return -1;
	sim = json_get(c, "similarity");
	CHECK(sim->type == JSON_NUMBER && sim->num >= 0 && sim->num <= 1 &&
	      near(sim->num, cmp->similarity),
	      "json: similarity %g, the comparison says %g", sim->num,
	      cmp->similarity);
	w = json_get(c, "words");
	if (check_json_members(w, words, 6, "words") != 0 ||
	    check_json_int(json_get(w, "kept"), st->kept, "kept") != 0 ||
	    check_json_int(json_get(w, "deleted"), st->deleted, "deleted") ||
	    check_json_int(json_get(w, "inserted"), st->inserted,
			   "inserted") ||
	    check_json_int(json_get(w, "changed_from"), st->changed_a,
			   "changed_from") ||
	    check_json_int(json_get(w, "changed_to"), st->changed_b,
			   "changed_to") ||
	    check_json_int(json_get(w, "moved"), st->moved, "moved"))
		return -1;
	w = json_get(c, "changes");
	if (check_json_members(w, changes, 2, "changes") != 0 ||
	    check_json_int(json_get(w, "substantive"), st->substantive,
			   "substantive") ||
	    check_json_int(json_get(w, "cosmetic"), st->cosmetic, "cosmetic"))
		return -1;
	w = json_get(c, "kinds");
	CHECK(w->type == JSON_OBJECT && w->n == KIND_COUNT,
	      "json: kinds is not an object of %d", KIND_COUNT);
	for (k = 0; k < KIND_COUNT; k++)
		if (check_json_int(json_get(w, change_kind_name((int)k)),
				   cmp->ch ? cmp->ch->count[k] : 0,
				   change_kind_name((int)k)) != 0)
			return -1;
	if (cmp->map != NULL && check_json_mapping(c, texts, cmp) != 0)
		return -1;
	ops = json_get(c, "ops");
	CHECK(ops->type == JSON_ARRAY, "json: ops is not an array");
	for (k = 0; k < ops->n; k++) {
		const struct json *op = &ops->item[k], *kind, *f;
		bool has_a, has_b;

		CHECK(op->type == JSON_OBJECT, "json: op %zu is not an object",
		      k);
		kind = json_get(op, "op");
		CHECK(kind != NULL && kind->type == JSON_STRING,
		      "json: op %zu has no kind", k);
		has_a = strcmp(kind->str, "insert") != 0;
		has_b = strcmp(kind->str, "delete") != 0;
		CHECK(strcmp(kind->str, "equal") == 0 || !has_a || !has_b,
		      "json: op %zu is '%s'", k, kind->str);
		CHECK((json_get(op, "a") != NULL) == has_a &&
		      (json_get(op, "b") != NULL) == has_b,
		      "json: op %zu (%s) has the wrong sides", k, kind->str);
		m = 1 + has_a + has_b;
		if (has_a && check_json_range(json_get(op, "a"), &pos[0], k,
					      'a') != 0)
			return -1;
		if (has_b && check_json_range(json_get(op, "b"), &pos[1], k,
					      'b') != 0)
			return -1;
		if ((f = json_get(op, "move")) != NULL) {
			CHECK(f->type == JSON_NUMBER && f->is_int &&
			      f->ival >= 1 &&
			      (size_t)f->ival <= cmp->al->nmove,
			      "json: op %zu: bad move", k);
			m++;
		}
		if ((f = json_get(op, "edit")) != NULL) {
			CHECK(f->type == JSON_TRUE, "json: op %zu: bad edit",
			      k);
			m++;
		}
		if ((f = json_get(op, "cosmetic")) != NULL) {
			CHECK(f->type == JSON_TRUE, "json: op %zu: bad "
			      "cosmetic", k);
			m++;
		}
		if ((f = json_get(op, "kind")) != NULL) {
			CHECK(f->type == JSON_STRING && has_a != has_b &&
			      is_kind_name(f->str), "json: op %zu: bad kind",
			      k);
			m++;
		}
		CHECK(op->n == m, "json: op %zu has unknown members", k);
	}
	if (check_json_blocks(json_get(c, "blocks"), cmp->al, cmp->labels) != 0)
		return -1;
	CHECK(pos[0] == texts[cmp->a]->raw_len &&
	      pos[1] == texts[cmp->b]->raw_len,
	      "json: ops end at a %zu of %zu bytes, b %zu of %zu bytes",
	      pos[0], texts[cmp->a]->raw_len, pos[1], texts[cmp->b]->raw_len);
	return 0;
}

static int
check_json(const char *buf, size_t len, struct text *const *texts,
	   struct doc *const *docs, size_t nv, const struct comparison *cmp,
	   size_t ncmp)
{
	static const char *const top[] = { "versions", "comparisons" };
	static const char *const ver[] = {
		"path", "bytes", "encoding", "paragraphs", "words",
		"invalid_bytes",
	};
	char err[200];
	struct json *j = json_parse(buf, len, err, sizeof err);
	const struct json *v, *c;
	size_t k;
	int rc = 0;

	CHECK_GO(j != NULL, "json: output does not parse: %s", err);
	RUN(check_json_members(j, top, 2, "the top level"));
	v = json_get(j, "versions");
	c = json_get(j, "comparisons");
	CHECK_GO(v->type == JSON_ARRAY && v->n == nv, "json: versions is not"
		 " an array of %zu", nv);
	CHECK_GO(c->type == JSON_ARRAY && c->n == ncmp, "json: comparisons "
		 "is not an array of %zu", ncmp);
	for (k = 0; k < nv; k++) {
		const struct json *x = &v->item[k];

		RUN(check_json_members(x, ver, 6, "version"));
		RUN(check_json_string(json_get(x, "path"), texts[k]->path,
				      "path"));
		RUN(check_json_string(json_get(x, "encoding"),
				      texts[k]->encoding, "encoding"));
		RUN(check_json_int(json_get(x, "bytes"), texts[k]->raw_len,
				   "bytes"));
		RUN(check_json_int(json_get(x, "paragraphs"), docs[k]->npara,
				   "paragraphs"));
		RUN(check_json_int(json_get(x, "words"),
				   doc_word_count(docs[k]), "words"));
		RUN(check_json_int(json_get(x, "invalid_bytes"),
				   texts[k]->invalid + texts[k]->replaced,
				   "invalid_bytes"));
	}
	for (k = 0; k < ncmp; k++)
		RUN(check_json_comparison(&c->item[k], texts, &cmp[k]));
out:
	json_free(j);
	return rc;
}

/* --json of 1 against 0 as versus writes it, from docs d[0], d[1]. */
static char *
json_of(struct pair *p, struct doc **d, const uint32_t *anchors,
	size_t nanchor)
{
	struct align_opts ao = { 0 };
	struct alignment *al;
	struct changes ch = { 0 };
	struct sentence_map map = { 0 };
	struct comparison cmp = { .a = 0, .b = 1 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	if (p->su.have_ao)
		ao = p->su.ao;
	ao.anchors = anchors;
	ao.nanchor = nanchor;
	al = align_build(d[0], d[1], &ao);
	facts_classify(al, NULL, &ch);
	mapping_build(al, &map);
	cmp.al = al;
	cmp.ch = &ch;
	cmp.map = &map;
	cmp.similarity = al->stats.similarity;
	f = open_memstream(&buf, &len);
	if (f != NULL) {
		output_json(f, p->t, d, 2, &cmp, 1);
		output_stat(f, p->t, d, 2, &cmp, 1, NULL);
		fclose(f);
	}
	changes_clear(&ch);
	mapping_clear(&map);
	align_free(al);
	return buf;
}

/*
 * Docs built lazily (lazy.h) give the very output of fully built ones.
 * The lazy docs get keys of their own, as versus would.
 */
static int
check_lazy(struct pair *p)
{
	struct cmpkeys *k = cmpkeys_new(&p->su.ko, p->eq);
	struct doc *d[2] = { NULL, NULL };
	uint32_t *anchors[2] = { NULL, NULL };
	size_t nanchor[2];
	char *full = json_of(p, p->d, NULL, 0), *lazy;
	int rc = 0;

	lazy_docs(p->t, 2, 0, k, d, anchors, nanchor);
	lazy = json_of(p, d, anchors[1], nanchor[1]);
	CHECK_GO(full != NULL && lazy != NULL, "lazy: open_memstream failed");
	CHECK_GO(strcmp(full, lazy) == 0, "lazy: output differs from full");
out:
	free(full);
	free(lazy);
	doc_free(d[0]);
	doc_free(d[1]);
	free(anchors[1]);
	cmpkeys_free(k);
	return rc;
}

int
fuzz_json_one(const uint8_t *data, size_t size)
{
	struct pair p;
	struct alignment *al[2] = { NULL, NULL };
	struct changes ch[2] = { { 0 }, { 0 } };
	struct sentence_map map = { 0 };
	struct comparison cmp[2];
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int rc = 0;

	if (!pair_open(&p, data, size, true))
		goto out;
	al[0] = align_build(p.d[0], p.d[1], p.su.have_ao ? &p.su.ao : NULL);
	al[1] = align_build(p.d[1], p.d[0], p.su.have_ao ? &p.su.ao : NULL);
	facts_classify(al[0], NULL, &ch[0]);
	facts_classify(al[1], NULL, &ch[1]);
	RUN(check_changes(al[0], &ch[0]));
	RUN(check_changes(al[1], &ch[1]));
	mapping_build(al[0], &map);
	RUN(check_mapping(p.d[0], p.d[1], &map));
	/* As versus --json does it, and without the extras. */
	cmp[0] = (struct comparison){ .a = 0, .b = 1, .al = al[0],
				      .ch = &ch[0], .map = &map };
	cmp[1] = (struct comparison){ .a = 1, .b = 0, .al = al[1] };
	/* One figure both ways round, as session_similarity gives it. */
	cmp[0].similarity = cmp[1].similarity = al[0]->stats.similarity;
	f = open_memstream(&buf, &len);
	CHECK_GO(f != NULL, "open_memstream failed");
	output_json(f, p.t, p.d, 2, cmp, 2);
	fclose(f);
	RUN(check_json(buf, len, p.t, p.d, 2, cmp, 2));
	RUN(check_lazy(&p));
out:
	free(buf);
	changes_clear(&ch[0]);
	changes_clear(&ch[1]);
	mapping_clear(&map);
	align_free(al[0]);
	align_free(al[1]);
	pair_close(&p);
	return rc;
}

/* --- equivalences --------------------------------------------------------- */

static int
check_equiv_error(const struct vs_error *err, const uint8_t *data,
		  size_t size)
{
	const char *m = err->msg, *p;
	size_t lines = 1, k;
	unsigned long line;
	char *end;

	for (k = 0; k < size; k++)
		lines += data[k] == '\n';
	CHECK(strncmp(m, "fuzz.eq:", 8) == 0, "equiv: message '%s'", m);
	p = m + 8;
	CHECK(*p >= '1' && *p <= '9', "equiv: no line number in '%s'", m);
	line = strtoul(p, &end, 10);
	CHECK(line >= 1 && line <= lines, "equiv: line %lu of %zu in '%s'",
	      line, lines, m);
	CHECK(end[0] == ':' && end[1] == ' ' && end[2] != '\0',
	      "equiv: message '%s'", m);
	CHECK(strchr(m, '\n') == NULL, "equiv: newline in '%s'", m);
	return 0;
}

/* The units of d under k1 and k2 are the same, fold keys by text. */
static int
check_same_units(const struct doc *d1, const struct cmpkeys *k1,
		 const struct doc *d2, const struct cmpkeys *k2)
{
	size_t u, n1, n2;
	const uint8_t *s1, *s2;

	CHECK(d1->nunit == d2->nunit, "equiv: a failed parse changed the "
	      "units: %zu, %zu", d1->nunit, d2->nunit);
	for (u = 0; u < d1->nunit; u++) {
		CHECK(d1->unit[u].tok == d2->unit[u].tok &&
		      unit_ntok(d1, &d1->unit[u]) ==
		      unit_ntok(d2, &d2->unit[u]),
		      "equiv: a failed parse changed unit %zu", u);
		s1 = cmpkeys_string(k1, d1->unit[u].fold, &n1);
		s2 = cmpkeys_string(k2, d2->unit[u].fold, &n2);
		CHECK(n1 == n2 && memcmp(s1, s2, n1) == 0,
		      "equiv: a failed parse changed the key of unit %zu", u);
	}
	return 0;
}

int
fuzz_equiv_one(const uint8_t *data, size_t size)
{
	struct equiv *eq = equiv_new_builtin(), *ref = NULL, *empty;
	struct cmpkeys *k = NULL, *kref = NULL;
	struct text_opts to = { .allow_binary = true };
	struct cmpkeys_opts ko = { 0 };
	struct text *t = NULL;
	struct doc *d = NULL, *dref = NULL;
	struct vs_error err;
	int r, r2, rc = 0;

	memset(&err, 0, sizeof err);
	r = equiv_parse(eq, "fuzz.eq", (const char *)data, size, &err);
	CHECK_GO(r == 0 || r == -1, "equiv: equiv_parse returned %d", r);
	if (r == -1)
		RUN(check_equiv_error(&err, data, size));
	/* An empty set takes the same input the same way. */
	empty = equiv_new();
	memset(&err, 0, sizeof err);
	r2 = equiv_parse(empty, "fuzz.eq", (const char *)data, size, &err);
	equiv_free(empty);
	CHECK_GO(r2 == r, "equiv: %d into the built-in set, %d into an empty "
		 "one", r, r2);
	/* The set works on the input itself as a text. */
	t = text_from_bytes("fuzz", data, size, &to, NULL);
	if (t == NULL)
		goto out;
	k = cmpkeys_new(&ko, eq);
	d = doc_build(t);
	cmpkeys_classify(k, d);
	RUN(check_doc(d, k, &ko));
	if (r == -1) {
		/* A failed parse kept nothing: same as the built-in set. */
		ref = equiv_new_builtin();
		kref = cmpkeys_new(&ko, ref);
		dref = doc_build(t);
		cmpkeys_classify(kref, dref);
		RUN(check_same_units(d, k, dref, kref));
	}
out:
	doc_free(d);
	doc_free(dref);
	cmpkeys_free(k);
	cmpkeys_free(kref);
	equiv_free(eq);
	equiv_free(ref);
	text_free(t);
	return rc;
}
