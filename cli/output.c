/*
 * output.c — --json, --inline and --stat with its presence table, and the
 * header line of each comparison (see output.h).  Colours come from
 * sgr.h's table.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "output.h"
#include "sgr.h"
#include "width.h"
#include "xalloc.h"

/* --- shared helpers ---------------------------------------------------------- */

/*
 * Write s[0 .. n-1] in visible form: printable characters as themselves,
 * controls and escapes as width.h shows them; line ends become "\n",
 * tabs stay tabs.
 */
void
output_visible(FILE *out, const uint8_t *s, size_t n)
{
	size_t i = 0, len, run = 0;
	uint32_t uc;
	char form[16];

	while (i < n) {
		/* Plain printable ASCII goes out in runs. */
		if (s[i] >= 0x20 && s[i] < 0x7f) {
			run = i;
			while (i < n && s[i] >= 0x20 && s[i] < 0x7f)
				i++;
			fwrite(s + run, 1, i - run, out);
			continue;
		}
		if (s[i] == '\n' || s[i] == '\t') {
			putc(s[i++], out);
			continue;
		}
		if (s[i] == '\r') {
			if (i + 1 >= n || s[i + 1] != '\n')
				putc('\n', out);
			i++;
			continue;
		}
		len = width_decode(s + i, n - i, &uc);
		width_char_form(uc, uc == 0xFFFD && len == 1 && s[i] != 0xEF,
				0, form, &run);
		fwrite(form, 1, run, out);
		i += len;
	}
}

/*
 * A fraction 0..1 as "0.8712", whatever the locale.  Only 1 itself reads
 * 1.0000 and only 0 reads 0.0000: a pair with one change in 20,000 words
 * is 0.9999, as the browser's 99.9% says.
 */
static void
put_fraction(FILE *out, double x)
{
	long v = (long)(x * 10000 + 0.5);
	char buf[32], *p = buf + sizeof buf;
	int i;

	if (v < 0)
		v = 0;
	if (x < 1.0 && v >= 10000)
		v = 9999;
	else if (x > 0.0 && v == 0)
		v = 1;
	for (i = 0; i < 4; i++, v /= 10)
		*--p = (char)('0' + v % 10);
	*--p = '.';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	fwrite(p, 1, (size_t)(buf + sizeof buf - p), out);
}

/* A fraction 0..1 as a whole percentage, "43%", whatever the locale. */
static void
put_percent(FILE *out, double x)
{
	fprintf(out, "%ld%%", (long)(x * 100 + 0.5));
}

/* --- --json ----------------------------------------------------------------- */

/* A JSON string: escapes, and U+FFFD for bytes that are not UTF-8. */
/*
 * ,"name":[x,y] -- what --json writes for every op and block, so it is
 * formatted here rather than by printf, which cost more than the rest of
 * writing a long comparison.
 */
static char *
put_uint(char *p, size_t v)
{
	static const char pairs[] =
	    "00010203040506070809101112131415161718192021222324252627282930"
	    "31323334353637383940414243444546474849505152535455565758596061"
	    "62636465666768697071727374757677787980818283848586878889909192"
	    "93949596979899";
	size_t n = 1, x = v;
	char *t;

	while (x >= 100) {
		n += 2;
		x /= 100;
	}
	n += x >= 10;
	/* Two digits a step from the end: a division is dear. */
	t = p + n;
	while (v >= 100) {
		t -= 2;
		memcpy(t, pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10)
		memcpy(t - 2, pairs + 2 * v, 2);
	else
		t[-1] = (char)('0' + v);
	return p + n;
}

/* Write ,"name":[x,y] at p (at most 50 bytes); returns its end. */
static char *
range_at(char *p, char name, size_t x, size_t y)
{
	memcpy(p, ",\"?\":[", 6);
	p[2] = name;
	p = put_uint(p + 6, x);
	*p++ = ',';
	p = put_uint(p, y);
	*p++ = ']';
	return p;
}

static void
put_range(FILE *out, char name, size_t x, size_t y)
{
	char buf[80];

	fwrite(buf, 1, (size_t)(range_at(buf, name, x, y) - buf), out);
}

static void
json_string(FILE *out, const char *str)
{
	const uint8_t *s = (const uint8_t *)str;
	size_t n = strlen(str), i = 0, len;
	uint32_t uc;

	putc('"', out);
	while (i < n) {
		len = width_decode(s + i, n - i, &uc);
		if (uc == '"' || uc == '\\')
			fprintf(out, "\\%c", (int)uc);
		else if (uc < 0x20 || uc == 0x7f || (uc >= 0x80 && uc < 0xa0) ||
			 uc == 0x2028 || uc == 0x2029)
			fprintf(out, "\\u%04x", (unsigned)uc);
		else if (uc == 0xFFFD && len == 1)
			fputs("\\ufffd", out);
		else
			fwrite(s + i, 1, len, out);
		i += len;
	}
	putc('"', out);
}

void
output_json_string(FILE *out, const char *s)
{
	json_string(out, s);
}

static size_t
orig(const struct text *t, size_t off)
{
	if (off == 0)
		return 0;
	if (off >= t->len)
		return t->raw_len;
	return text_orig_offset(t, off);
}

struct json_state {
	FILE *out;
	const struct text *ta, *tb;
	const uint8_t *kind;	/* per word op: change kind + 1, 0 none */
	bool first;
	size_t aend, bend;	/* file offsets the ops have reached */
	size_t nbuf;		/* ops made in buf, written in one go */
	char buf[8192];
};

/* Append the string literal s at q. */
#define PUT_LIT(q, s)	(memcpy((q), (s), sizeof(s) - 1), (q) += sizeof(s) - 1)

static void
json_flush(struct json_state *js)
{
	fwrite(js->buf, 1, js->nbuf, js->out);
	js->nbuf = 0;
}

static void
json_piece(const struct piece *p, void *priv)
{
	struct json_state *js = priv;
	static const char *const names[] = { "equal", "delete", "insert" };
	static const size_t lens[] = { 5, 6, 6 };
	char *q;
	const char *kind;

	/* One op a line, at most 256 bytes, made in js->buf. */
	if (sizeof js->buf - js->nbuf < 256)
		json_flush(js);
	q = js->buf + js->nbuf;
	if (js->first)
		PUT_LIT(q, "\n{\"op\":\"");
	else
		PUT_LIT(q, ",\n{\"op\":\"");
	memcpy(q, names[p->kind], lens[p->kind]);
	q += lens[p->kind];
	*q++ = '"';
	js->first = false;
	if (p->kind != PIECE_INSERT) {
		js->aend = orig(js->ta, p->a1);
		q = range_at(q, 'a', orig(js->ta, p->a0), js->aend);
	}
	if (p->kind != PIECE_DELETE) {
		js->bend = orig(js->tb, p->b1);
		q = range_at(q, 'b', orig(js->tb, p->b0), js->bend);
	}
	if (p->move) {
		PUT_LIT(q, ",\"move\":");
		q = put_uint(q, p->move);
	}
	if (p->edit)
		PUT_LIT(q, ",\"edit\":true");
	if (p->cosmetic)
		PUT_LIT(q, ",\"cosmetic\":true");
	if (p->kind != PIECE_EQUAL && js->kind != NULL && js->kind[p->op]) {
		kind = change_kind_name(js->kind[p->op] - 1);
		PUT_LIT(q, ",\"kind\":\"");
		q += strlen(strcpy(q, kind));
		*q++ = '"';
	}
	*q++ = '}';
	js->nbuf = (size_t)(q - js->buf);
}

/*
 * The ops must tile each file, but the walk works on decoded text, and a
 * version whose decoded text is empty while its file is not (a file that
 * is just a byte order mark) yields no piece at all.  Its bytes get one
 * last op here: equal when both sides are left, else a cosmetic deletion
 * or insertion, as the walk does for a version without units.
 */
static void
json_rest(struct json_state *js)
{
	bool a = js->aend < js->ta->raw_len, b = js->bend < js->tb->raw_len;

	if (!a && !b)
		return;
	fprintf(js->out, "%s\n{\"op\":\"%s\"", js->first ? "" : ",",
		a && b ? "equal" : a ? "delete" : "insert");
	js->first = false;
	if (a)
		fprintf(js->out, ",\"a\":[%zu,%zu]", js->aend,
			js->ta->raw_len);
	if (b)
		fprintf(js->out, ",\"b\":[%zu,%zu]", js->bend,
			js->tb->raw_len);
	if (!(a && b))
		fputs(",\"cosmetic\":true", js->out);
	putc('}', js->out);
	js->aend = js->ta->raw_len;
	js->bend = js->tb->raw_len;
}

/*
 * The paragraph-level alignment: which paragraphs of A face which of B,
 * in reading order, as [first, end) paragraph indexes (0-based).
 */
/* Can block k join a run of equal paragraphs in the blocks array? */
static bool
plain_equal(const struct alignment *al, const char *const *labels, size_t k)
{
	const struct block *bl = &al->block[k];

	return bl->kind == BLOCK_EQUAL && !bl->cosmetic && !bl->move &&
	    (labels == NULL || labels[k] == NULL);
}

/*
 * The blocks, one object each, except that a run of equal paragraphs
 * (no cosmetic difference, no label) is one object: a long story that
 * changed little is a few blocks, not one per paragraph.
 */
static void
json_blocks(FILE *out, const struct alignment *al, const char *const *labels)
{
	static const char *const kinds[] = { "equal", "changed", "deleted",
					     "inserted" };
	size_t k, e;

	for (k = 0; k < al->nblock; k = e) {
		const struct block *bl = &al->block[k];
		uint32_t na = bl->na, nb = bl->nb;

		e = k + 1;
		if (plain_equal(al, labels, k))
			for (; e < al->nblock && plain_equal(al, labels, e); e++) {
				na += al->block[e].na;
				nb += al->block[e].nb;
			}
		fprintf(out, "%s\n{\"kind\":\"%s\"", k ? "," : "",
			kinds[bl->kind]);
		if (na)
			put_range(out, 'a', bl->a, (size_t)bl->a + na);
		if (nb)
			put_range(out, 'b', bl->b, (size_t)bl->b + nb);
		fputs(",\"similarity\":", out);
		put_fraction(out, bl->similarity);
		if (bl->move)
			fprintf(out, ",\"move\":%u", (unsigned)bl->move);
		if (bl->cosmetic)
			fputs(",\"cosmetic\":true", out);
		if (labels != NULL && labels[k] != NULL) {
			fputs(",\"label\":", out);
			json_string(out, labels[k]);
		}
		putc('}', out);
	}
}

/*
 * Where b's sentences come from (mapping.h): the coverage, and each traced
 * sentence of b with the sentence of a it comes from, as byte ranges.
 */
static void
json_mapping(FILE *out, const struct alignment *al,
	     const struct sentence_map *m, const struct text *ta,
	     const struct text *tb)
{
	size_t i;
	bool first = true;

	fputs(",\n\"coverage\":", out);
	put_fraction(out, m->coverage);
	fprintf(out, ",\"paraphrases\":%zu,\"traced\":[", m->paraphrases);
	for (i = 0; i < m->nb; i++) {
		const struct sentence *sb = &al->b->sent[i], *sa;

		if (m->from[i] == MAPPING_NONE)
			continue;
		sa = &al->a->sent[m->from[i]];
		fprintf(out, "%s\n{\"b\":[%zu,%zu],\"a\":[%zu,%zu]%s}",
			first ? "" : ",", orig(tb, sentence_bytes_start(al->b, sb)),
			orig(tb, sentence_bytes_end(al->b, sb)),
			orig(ta, sentence_bytes_start(al->a, sa)),
			orig(ta, sentence_bytes_end(al->a, sa)),
			m->paraphrase[i] ? ",\"paraphrase\":true" : "");
		first = false;
	}
	fputs("]", out);
}

size_t
output_comparisons(struct session *s, bool facts, struct comparison *cmp)
{
	size_t n = session_count(s), base = session_base(s), i, ncmp = 0;

	for (i = 0; i < n; i++) {
		struct comparison *c = &cmp[ncmp];

		if (i == base)
			continue;
		memset(c, 0, sizeof *c);
		c->a = base;
		c->b = i;
		/* One alignment serves both ways round (session.h). */
		if (facts)
			c->similarity = session_similarity(s, i, base);
		c->al = session_alignment(s, base, i);
		if (facts) {
			/*
			 * The mapping first: its scratch then does not sit
			 * on top of the change sites (10 MB pairs: 4 MB).
			 */
			c->map = session_mapping(s, base, i);
			c->ch = session_changes(s, base, i);
			c->labels = session_labels(s, base, i);
		}
		ncmp++;
	}
	return ncmp;
}

/* ,"origin":O,"date":D,"date_source":S for a version not read from a file. */
static void
json_origin(FILE *out, const struct text *t)
{
	time_t when = (time_t)t->when;
	struct tm tm;
	char date[32];

	if (t->origin == NULL)
		return;
	fputs(",\"origin\":", out);
	json_string(out, t->origin);
	if (t->when == 0 || gmtime_r(&when, &tm) == NULL ||
	    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return;
	fprintf(out, ",\"date\":\"%s\",\"date_source\":", date);
	json_string(out, t->date_source != NULL ? t->date_source : "");
}

void
output_json(FILE *out, struct text *const *texts, struct doc *const *docs,
	    size_t nversions, const struct comparison *cmp, size_t ncmp)
{
	size_t i;

	fputs("{\"versions\":[", out);
	for (i = 0; i < nversions; i++) {
		fprintf(out, "%s\n{\"path\":", i ? "," : "");
		json_string(out, texts[i]->path);
		fprintf(out, ",\"bytes\":%zu,\"encoding\":", texts[i]->raw_len);
		json_string(out, texts[i]->encoding);
		fprintf(out, ",\"paragraphs\":%zu,\"words\":%zu,"
			"\"invalid_bytes\":%zu", docs[i]->npara,
			doc_word_count(docs[i]),
			texts[i]->invalid + texts[i]->replaced);
		json_origin(out, texts[i]);
		fputc('}', out);
	}
	fputs("],\n\"comparisons\":[", out);
	for (i = 0; i < ncmp; i++) {
		const struct alignment *al = cmp[i].al;
		const struct align_stats *st = &al->stats;
		struct json_state js = { .out = out, .ta = texts[cmp[i].a],
					 .tb = texts[cmp[i].b], .first = true };
		uint8_t *kinds;
		int k;

		fprintf(out, "%s\n{\"a\":%zu,\"b\":%zu,\"similarity\":",
			i ? "," : "", cmp[i].a, cmp[i].b);
		put_fraction(out, cmp[i].similarity);
		fprintf(out, ",\"words\":{\"kept\":%zu,\"deleted\":%zu,"
			"\"inserted\":%zu,\"changed_from\":%zu,"
			"\"changed_to\":%zu,\"moved\":%zu},"
			"\"changes\":{\"substantive\":%zu,\"cosmetic\":%zu},"
			"\"moves\":%zu,\"kinds\":{", st->kept, st->deleted,
			st->inserted, st->changed_a, st->changed_b, st->moved,
			st->substantive, st->cosmetic, al->nmove);
		for (k = 0; k < KIND_COUNT; k++)
			fprintf(out, "%s\"%s\":%zu", k ? "," : "",
				change_kind_name(k),
				cmp[i].ch ? cmp[i].ch->count[k] : 0);
		fputs("},\"ops\":[", out);
		kinds = facts_op_kinds(al, cmp[i].ch);
		js.kind = kinds;
		walk_pieces(al, false, json_piece, &js);
		json_flush(&js);
		free(kinds);
		json_rest(&js);
		fputs("],\n\"blocks\":[", out);
		json_blocks(out, al, cmp[i].labels);
		fputs("]", out);
		if (cmp[i].map != NULL)
			json_mapping(out, al, cmp[i].map, texts[cmp[i].a],
				     texts[cmp[i].b]);
		fputs("}", out);
	}
	fputs("]}\n", out);
}

void
output_header(FILE *out, const struct comparison *c,
	      struct text *const *texts, bool color)
{
	const char *pa = texts[c->a]->path, *pb = texts[c->b]->path;

	fprintf(out, "%s== %zu: ", color ? sgr_on[LOOK_HEADING] : "",
		c->a + 1);
	output_visible(out, (const uint8_t *)pa, strlen(pa));
	fprintf(out, " -> %zu: ", c->b + 1);
	output_visible(out, (const uint8_t *)pb, strlen(pb));
	fprintf(out, " ==%s\n", color ? SGR_END : "");
}

/* --- --inline --------------------------------------------------------------- */

struct inline_state {
	FILE *out;
	const struct alignment *al;
	bool color;
	uint32_t marked;	/* the last move given its marker */
	const uint8_t *ws;	/* white space after the last deletion */
	size_t nws;
	uint32_t ws_block;	/* the block of that deletion */
};

/*
 * The white space after a deletion is shown only once the next piece is
 * known: before an insertion a single space at most (the insertion brings
 * B's own), otherwise the deletion's own, one space if on one line.
 */
static void
inline_flush_ws(struct inline_state *is, const struct piece *next)
{
	bool line = is->nws && memchr(is->ws, '\n', is->nws) != NULL;

	if (is->nws == 0)
		return;
	if (!line)
		fputc(' ', is->out);
	else if (next == NULL)
		output_visible(is->out, is->ws, is->nws);
	else if (next->block != is->ws_block)
		fputs("\n\n", is->out);	/* a paragraph ends here */
	else if (next->kind != PIECE_INSERT)
		output_visible(is->out, is->ws, is->nws);
	is->nws = 0;
}

/* Split s[0 .. n) into leading space, body, trailing space. */
static void
trim_space(const uint8_t *s, size_t n, size_t *b0, size_t *b1)
{
	size_t i = 0, j = n;

	while (i < j && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
			 s[i] == '\r'))
		i++;
	while (j > i && (s[j - 1] == ' ' || s[j - 1] == '\t' ||
			 s[j - 1] == '\n' || s[j - 1] == '\r'))
		j--;
	*b0 = i;
	*b1 = j;
}

/* Paragraph number (1-based) of the other end of piece p's move. */
static size_t
move_para(const struct alignment *al, const struct piece *p, bool src)
{
	uint32_t s = align_move_sub(al, p->move);
	const struct block *bl = &al->block[al->block[p->block].twin];

	if (s)
		return (size_t)align_sub_para(al, s - 1, !src) + 1;
	return (bl->kind == BLOCK_DELETED ? bl->a : bl->b) + 1;
}

static void
inline_piece(const struct piece *p, void *priv)
{
	struct inline_state *is = priv;
	FILE *out = is->out;
	const uint8_t *s;
	size_t n, b0, b1;
	bool del = p->kind == PIECE_DELETE;
	bool src = p->move && del && !p->edit && !p->cosmetic &&
		(is->al->block[p->block].kind == BLOCK_DELETED ||
		 align_move_sub(is->al, p->move));
	const char *open, *close;

	inline_flush_ws(is, p);
	/* The destination of a move opens with a marker naming its source. */
	if (p->move && !src && is->marked != p->move) {
		is->marked = p->move;
		fputs(is->color ? sgr_on[LOOK_MOVE_NOTE] : "{+", out);
		fprintf(out, "(moved from \xc2\xb6%zu)", move_para(is->al,
								 p, false));
		fputs(is->color ? SGR_END " " : "+} ", out);
	}
	if (p->kind == PIECE_EQUAL) {
		if (is->color && p->move)
			fputs(sgr_on[LOOK_MOVE_NOTE], out);
		output_visible(out, is->al->b->text->data + p->b0, p->b1 - p->b0);
		if (is->color && p->move)
			fputs(SGR_END, out);
		return;
	}
	s = del ? is->al->a->text->data + p->a0 :
		is->al->b->text->data + p->b0;
	n = del ? p->a1 - p->a0 : p->b1 - p->b0;
	trim_space(s, n, &b0, &b1);
	output_visible(out, s, b0);
	if (is->color) {
		open = sgr_on[p->cosmetic ? LOOK_DIM : src ? LOOK_MOVE_STRUCK :
			      del ? LOOK_STRUCK : LOOK_INSERTED];
		close = SGR_END;
	} else if (p->cosmetic) {
		open = del ? "[~" : "{~";
		close = del ? "~]" : "~}";
	} else {
		open = del ? "[-" : "{+";
		close = del ? "-]" : "+}";
	}
	fputs(open, out);
	if (src)
		fprintf(out, "(moved to \xc2\xb6%zu) ", move_para(is->al,
								  p, true));
	output_visible(out, s + b0, b1 - b0);
	fputs(close, out);
	if (del) {
		is->ws = s + b1;
		is->nws = n - b1;
		is->ws_block = p->block;
	} else {
		output_visible(out, s + b1, n - b1);
	}
}

void
output_inline(FILE *out, const struct alignment *al, bool color)
{
	struct inline_state is = { out, al, color, 0, NULL, 0, 0 };

	walk_pieces(al, true, inline_piece, &is);
	inline_flush_ws(&is, NULL);
}

/* --- --stat ----------------------------------------------------------------- */

static void
put_path(FILE *out, const char *path)
{
	output_visible(out, (const uint8_t *)path, strlen(path));
}

/* "boilerplate: 5 passages (caption 2, chrome 2, source 1)". */
static void
stat_labels(FILE *out, const struct alignment *al, const char *const *labels)
{
	const char *seen[32];
	size_t count[32], nseen = 0, total = 0, k, j;

	for (k = 0; k < al->nblock; k++) {
		if (labels[k] == NULL)
			continue;
		total++;
		for (j = 0; j < nseen && strcmp(seen[j], labels[k]) != 0; j++)
			;
		if (j == nseen && nseen < 32) {
			seen[nseen] = labels[k];
			count[nseen++] = 0;
		}
		if (j < nseen)
			count[j]++;
	}
	fprintf(out, "  boilerplate: %zu passage%s", total,
		total == 1 ? "" : "s");
	for (j = 0; j < nseen; j++) {
		fprintf(out, "%s", j ? ", " : " (");
		output_visible(out, (const uint8_t *)seen[j], strlen(seen[j]));
		fprintf(out, " %zu", count[j]);
	}
	fputs(nseen ? ")\n" : "\n", out);
}

void
output_stat(FILE *out, struct text *const *texts, struct doc *const *docs,
	    size_t nversions, const struct comparison *cmp, size_t ncmp,
	    const double *matrix)
{
	size_t i, j;

	fprintf(out, "%-3s %7s %6s %6s  %s\n", "v", "words", "paras",
		"bytes", "file");
	for (i = 0; i < nversions; i++) {
		fprintf(out, "%-3zu %7zu %6zu %6zu  ", i + 1,
			doc_word_count(docs[i]), docs[i]->npara,
			texts[i]->raw_len);
		put_path(out, texts[i]->path);
		if (texts[i]->invalid + texts[i]->replaced)
			fprintf(out, " (%zu invalid byte%s)",
				texts[i]->invalid + texts[i]->replaced,
				texts[i]->invalid + texts[i]->replaced == 1 ?
				"" : "s");
		putc('\n', out);
	}
	for (i = 0; i < ncmp; i++) {
		const struct align_stats *st = &cmp[i].al->stats;

		fprintf(out, "\n%zu -> %zu: similarity ", cmp[i].a + 1,
			cmp[i].b + 1);
		put_fraction(out, cmp[i].similarity);
		fprintf(out, "\n  words: %zu kept, %zu deleted, %zu inserted, "
			"%zu changed to %zu, %zu moved\n", st->kept,
			st->deleted, st->inserted, st->changed_a,
			st->changed_b, st->moved);
		fprintf(out, "  changes: %zu substantive, %zu cosmetic, "
			"%zu moves\n", st->substantive, st->cosmetic,
			cmp[i].al->nmove);
		if (cmp[i].map != NULL) {
			const struct sentence_map *m = cmp[i].map;

			fprintf(out, "  coverage: %zu carries ", cmp[i].b + 1);
			put_percent(out, m->coverage);
			fprintf(out, " of %zu (%zu of %zu changed sentences "
				"traced, %zu paraphrased)\n", cmp[i].a + 1,
				m->mapped, m->traceable, m->paraphrases);
		}
		if (cmp[i].labels != NULL)
			stat_labels(out, cmp[i].al, cmp[i].labels);
		if (cmp[i].ch != NULL) {
			const size_t *c = cmp[i].ch->count;
			size_t r;

			fputs("  kinds:", out);
			for (r = 0; r < KIND_COUNT; r++)
				fprintf(out, "%s %zu %s", r ? "," : "",
					c[change_kind_rank[r]],
					change_kind_name(change_kind_rank[r]));
			putc('\n', out);
		}
	}
	if (matrix == NULL || nversions < 3)
		return;
	fputs("\nsimilarity", out);
	for (j = 0; j < nversions; j++)
		fprintf(out, " %6zu", j + 1);
	putc('\n', out);
	for (i = 0; i < nversions; i++) {
		fprintf(out, "%-10zu", i + 1);
		for (j = 0; j < nversions; j++) {
			putc(' ', out);
			putc(' ', out);
			put_fraction(out, matrix[i * nversions + j]);
		}
		putc('\n', out);
	}
}

/* --- the presence table of --stat ------------------------------------------ */

static size_t
digits(size_t x)
{
	size_t d = 1;

	while (x >= 10) {
		x /= 10;
		d++;
	}
	return d;
}

static void
pad(FILE *out, size_t n)
{
	while (n-- > 0)
		putc(' ', out);
}

/*
 * The start of s[0 .. n-1] in visible form, white space runs as one
 * space, in at most OUTPUT_EXCERPT columns ("…" ends a clipped one).
 */
static void
put_excerpt(FILE *out, const uint8_t *s, size_t n)
{
	char buf[OUTPUT_EXCERPT * 16 + 8], form[16];
	size_t i = 0, len = 0, cut = 0, col = 0, flen, k;
	bool space = false;
	uint32_t uc;
	int w;

	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r') {
			space = true;
			i++;
			continue;
		}
		k = width_decode(s + i, n - i, &uc);
		w = width_char_form(uc, uc == 0xfffd && k == 1, col, form,
		    &flen);
		i += k;
		if (space && len > 0) {
			if (col + 1 > OUTPUT_EXCERPT)
				goto clipped;
			buf[len++] = ' ';
			col++;
			if (col <= OUTPUT_EXCERPT - 1)
				cut = len;
		}
		space = false;
		/* Zero-width characters take bytes but no columns. */
		if (col + (size_t)w > OUTPUT_EXCERPT ||
		    len + flen > sizeof buf - 4)
			goto clipped;
		memcpy(buf + len, form, flen);
		len += flen;
		col += (size_t)w;
		if (col <= OUTPUT_EXCERPT - 1)
			cut = len;
	}
	fwrite(buf, 1, len, out);
	return;
clipped:
	/* Drop a space just before the ellipsis. */
	while (cut > 0 && buf[cut - 1] == ' ')
		cut--;
	fwrite(buf, 1, cut, out);
	fputs("\xe2\x80\xa6", out);
}

static const char *
presence_mark(const struct presence_row *row, size_t v)
{
	switch (row->cell[v].state) {
	case PRESENCE_ABSENT:
		return "\xc2\xb7";		/* · */
	case PRESENCE_CHANGED:
		return "\xe2\x96\xa1";		/* □ */
	case PRESENCE_MOVED:
		return "\xe2\x86\x95";		/* ↕ */
	default:
		if (row->base_para < 0 && v == row->first)
			return "\xe2\x97\x86";	/* ◆ */
		return "\xe2\x96\xa0";		/* ■ */
	}
}

int
output_presence(FILE *out, const struct presence *p,
	       struct text *const *texts)
{
	size_t pw = digits(p->docs[p->base]->npara), vw = digits(p->nversions);
	const struct presence_row *row;
	const struct para *para;
	char num[32];
	size_t i, v, len;
	uint32_t d;

	fprintf(out, "presence: base %zu of %zu versions "
	    "(\xe2\x96\xa0 same, \xe2\x96\xa1 changed, \xe2\x86\x95 moved, "
	    "\xe2\x97\x86 introduced, \xc2\xb7 absent)\n", p->base + 1,
	    p->nversions);
	pad(out, pw - 1);
	fputs("\xc2\xb6 ", out);		/* ¶ */
	for (v = 0; v < p->nversions; v++)
		fprintf(out, " %*zu", (int)vw, v + 1);
	fputs("  passage\n", out);
	for (i = 0; i < p->nrow; i++) {
		row = &p->row[i];
		if (row->base_para >= 0)
			len = (size_t)snprintf(num, sizeof num, "%d",
			    row->base_para + 1);
		else
			len = (size_t)snprintf(num, sizeof num, "+");
		pad(out, pw - len);
		fputs(num, out);
		putc(' ', out);
		for (v = 0; v < p->nversions; v++) {
			pad(out, vw);
			fputs(presence_mark(row, v), out);
		}
		fputs("  ", out);
		d = row->base_para >= 0 ? (uint32_t)p->base : row->first;
		para = &p->docs[d]->para[row->base_para >= 0 ?
		    row->base_para : row->cell[d].para];
		put_excerpt(out, texts[d]->data + para->start,
		    para->end - para->start);
		putc('\n', out);
	}
	fprintf(out, "%zu passages: %zu of the base, %zu inserted; "
	    "%zu in one version only\n", p->nrow, p->nrow - p->ninserted,
	    p->ninserted, p->nunique);
	return ferror(out) ? -1 : 0;
}
