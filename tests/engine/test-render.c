/*
 * test-render.c — unit tests of engine/render.c: the exact --print layout
 * of a hand-made alignment (equal, changed, deleted, inserted, split and
 * moved blocks), UAX #14 wrapping with CJK and over-long words, escaping
 * of controls, colour output, and layout invariants over many generated
 * alignments (and over the seed files when SEEDS_DIR is set).  Docs built
 * lazily (lazy.h: unchanged paragraphs left whole) are laid out as fully
 * built ones are, row for row and byte for byte.
 */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>
#include <unistr.h>

#include "align.h"
#include "doc.h"
#include "cmpkeys.h"
#include "lazy.h"
#include "linebreak.h"
#include "print.h"
#include "render.h"
#include "tap.h"
#include "text.h"
#include "width.h"
#include "xalloc.h"

/* --- fixtures ------------------------------------------------------------- */

struct fix {
	struct cmpkeys *keys;
	struct text *t[2];
	struct doc *d[2];
	struct alignment al;
	size_t capblock, capop;
};

static struct doc *
fix_doc(struct fix *f, int side, const char *s, size_t n)
{
	struct vs_error err;

	f->t[side] = text_from_bytes(side ? "b.txt" : "a.txt", s, n, NULL,
				     &err);
	if (f->t[side] == NULL) {
		printf("Bail out! %s\n", err.msg);
		exit(1);
	}
	f->d[side] = doc_build(f->t[side]);
	cmpkeys_classify(f->keys, f->d[side]);
	return f->d[side];
}

static void
fix_init(struct fix *f, const char *a, const char *b)
{
	memset(f, 0, sizeof *f);
	f->keys = cmpkeys_new(NULL, NULL);
	f->al.a = fix_doc(f, 0, a, strlen(a));
	f->al.b = fix_doc(f, 1, b, strlen(b));
}

static void
fix_free(struct fix *f)
{
	free(f->al.block);
	free(f->al.op);
	doc_free(f->d[0]);
	doc_free(f->d[1]);
	text_free(f->t[0]);
	text_free(f->t[1]);
	cmpkeys_free(f->keys);
}

/* Append a block; its ops are the ones added after it (fix_op). */
static struct block *
fix_block(struct fix *f, uint8_t kind, uint32_t a, uint32_t na, uint32_t b,
	  uint32_t nb)
{
	struct block *bl;

	f->al.block = xgrow(f->al.block, &f->capblock, f->al.nblock + 1,
			    sizeof *f->al.block);
	bl = &f->al.block[f->al.nblock++];
	memset(bl, 0, sizeof *bl);
	bl->kind = kind;
	bl->a = a;
	bl->na = na;
	bl->b = b;
	bl->nb = nb;
	bl->op = (uint32_t)f->al.nop;
	return bl;
}

/*
 * An op of the last block, in units relative to the first unit of A
 * paragraph pa and of B paragraph pb.
 */
static void
fix_op(struct fix *f, uint8_t kind, uint32_t pa, uint32_t a, uint32_t na,
       uint32_t pb, uint32_t b, uint32_t nb)
{
	struct wop *w;

	f->al.op = xgrow(f->al.op, &f->capop, f->al.nop + 1, sizeof *f->al.op);
	w = &f->al.op[f->al.nop++];
	w->kind = kind;
	w->a = f->al.a->para[pa].unit + a;
	w->na = na;
	w->b = f->al.b->para[pb].unit + b;
	w->nb = nb;
	f->al.block[f->al.nblock - 1].nop++;
}

/* print_layout into a malloc'd string. */
static char *
print_str(const struct render *r, bool color)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL || print_layout(f, r, color) != 0 || fclose(f) != 0) {
		printf("Bail out! print_layout failed\n");
		exit(1);
	}
	return buf;
}

/* --- the exact layout of a small alignment -------------------------------- */

static const char story_a[] =
	"The council met on Monday.\n\n"
	"It approved the new budget after a long debate.\n\n"
	"Critics walked out early.\n\n"
	"Officials said the plan would cost less.\n\n"
	"Shops will close at noon and reopen on Friday.\n\n"
	"Residents welcomed it.\n";

static const char story_b[] =
	"The council met on Monday.\n\n"
	"It approved the revised budget\nafter a long debate.\n\n"
	"A second vote is planned.\n\n"
	"Shops will close at noon.\n\n"
	"They reopen on Friday.\n\n"
	"Officials said the plan would cost less.\n\n"
	"Residents welcomed it.\n";

static void
story_alignment(struct fix *f)
{
	struct block *bl;

	fix_init(f, story_a, story_b);
	fix_block(f, BLOCK_EQUAL, 0, 1, 0, 1);
	fix_op(f, WOP_EQUAL, 0, 0, 6, 0, 0, 6);
	fix_block(f, BLOCK_CHANGED, 1, 1, 1, 1);
	fix_op(f, WOP_EQUAL, 1, 0, 3, 1, 0, 3);
	fix_op(f, WOP_DELETE, 1, 3, 1, 1, 3, 0);
	fix_op(f, WOP_INSERT, 1, 4, 0, 1, 3, 1);
	fix_op(f, WOP_EQUAL, 1, 4, 6, 1, 4, 6);
	fix_block(f, BLOCK_DELETED, 2, 1, 2, 0);
	fix_op(f, WOP_DELETE, 2, 0, 5, 2, 0, 0);
	bl = fix_block(f, BLOCK_DELETED, 3, 1, 2, 0);
	bl->move = 1;
	bl->twin = 6;
	fix_op(f, WOP_EQUAL, 3, 0, 8, 5, 0, 8);
	fix_block(f, BLOCK_INSERTED, 4, 0, 2, 1);
	fix_op(f, WOP_INSERT, 4, 0, 0, 2, 0, 6);
	fix_block(f, BLOCK_CHANGED, 4, 1, 3, 2);
	fix_op(f, WOP_EQUAL, 4, 0, 5, 3, 0, 5);
	fix_op(f, WOP_DELETE, 4, 5, 1, 3, 5, 0);
	fix_op(f, WOP_INSERT, 4, 6, 0, 3, 5, 2);
	fix_op(f, WOP_EQUAL, 4, 6, 4, 3, 7, 4);
	bl = fix_block(f, BLOCK_INSERTED, 5, 0, 5, 1);
	bl->move = 1;
	bl->twin = 3;
	/* The two ends of a move share their word diff, as align.c does. */
	bl->op = f->al.block[3].op;
	bl->nop = f->al.block[3].nop;
	fix_block(f, BLOCK_EQUAL, 5, 1, 6, 1);
	fix_op(f, WOP_EQUAL, 5, 0, 4, 6, 0, 4);
	f->al.nmove = 1;
}

#define SP28 "                            "

static const char story_print[] =
	"The council met on Monday.     The council met on Monday.\n"
	"\n"
	"It approved the [-new-]      ~ It approved the {+revised+}\n"
	"budget after a long debate.  \xe2\x94\x82 budget after a long debate.\n"
	"\n"
	"[-Critics walked out-]       -\n"
	"[-early.-]                   \xe2\x94\x82\n"
	"\n"
	"moved to \xc2\xb6" "6 \xe2\x96\xbc                >\n"
	"Officials said the plan      \xe2\x94\x82\n"
	"would cost less.             \xe2\x94\x82\n"
	"\n"
	SP28 " + {+A second vote is+}\n"
	SP28 " \xe2\x94\x82 {+planned.+}\n"
	"\n"
	"Shops will close at noon     ~ Shops will close at\n"
	"[-and-] reopen on Friday.    \xe2\x94\x82 noon{+.+}\n"
	SP28 " \xe2\x94\x82\n"
	SP28 " \xe2\x94\x82 {+They+} reopen on Friday.\n"
	"\n"
	SP28 " < moved from \xc2\xb6" "4 \xe2\x96\xb2\n"
	SP28 " \xe2\x94\x82 Officials said the plan\n"
	SP28 " \xe2\x94\x82 would cost less.\n"
	"\n"
	"Residents welcomed it.         Residents welcomed it.\n";

static void
test_story(void)
{
	struct render_opts o = { .width = 60, .brackets = true };
	struct fix f;
	struct render *r;
	char *out;
	size_t i;

	story_alignment(&f);
	/* The fixture's unit counts, on which the ops above rely. */
	is_int(f.d[0]->para[1].nunit, 10, "story: units of A paragraph 2");
	is_int(f.d[0]->para[4].nunit, 10, "story: units of A paragraph 5");
	is_int(f.d[1]->para[3].nunit + f.d[1]->para[4].nunit, 11,
	       "story: units of B paragraphs 4 and 5");
	r = render_build(&f.al, &o);
	is_int(r->pane, 28, "story: pane width at width 60");
	out = print_str(r, false);
	is_str(out, story_print, "story: --print layout with brackets");
	free(out);
	is_int(r->nrow, 25, "story: rows");
	is_int(r->block_row[0], 0, "story: block 1 starts at row 0");
	is_int(r->block_row[1], 2, "story: block 2 starts at row 2");
	is_int(r->block_row[5], 15, "story: block 6 starts at row 15");
	is_int(r->block_row[8], 25, "story: block_row ends with nrow");
	is_int(r->row[14].block, 4, "story: blank row has the block above");
	is_int(r->row[15].para[0], 4, "story: split row shows A paragraph 4");
	is_int(r->row[18].para[1], 4, "story: split's last row B paragraph 4");
	is_int(r->row[16].cell[1], CELL_TEXT, "story: split right row 2 text");
	is_int(r->row[17].cell[0], CELL_FILLER, "story: split filler left");
	is_int(r->row[17].cell[1], CELL_BLANK, "story: split blank right");
	is_int(r->row[1].cell[0], CELL_BLANK, "story: blank between blocks");
	/* Styles: the changed block's spans on row 2, left. */
	{
		const struct render_row *row = &r->row[2];
		const struct render_span *sp = &r->span[row->span[0]];

		is_int(row->nspan[0], 2, "story: changed row has 2 spans");
		is_int(sp[0].style, STYLE_CHANGED_PARA,
		       "story: unchanged words tinted");
		is_int(sp[0].len, 16, "story: first span is 'It approved the '");
		is_int(sp[1].style, STYLE_DELETED, "story: deleted word");
		is_int(sp[1].col, 16, "story: deleted word column");
		is_int(sp[1].width, 7, "story: deleted width with brackets");
		is_int(sp[1].flags, SPAN_OPEN | SPAN_CLOSE,
		       "story: bracket flags");
		is_int(r->span[r->row[9].span[0]].style, STYLE_MOVED,
		       "story: moved text style");
		is_int(r->span[r->row[8].span[0]].flags, SPAN_NOTE,
		       "story: note span");
	}
	for (i = 0; i < r->nrow; i++)
		if (r->row[i].cell[0] == CELL_TEXT &&
		    r->row[i].cell[1] == CELL_FILLER &&
		    r->row[i].mark == ' ')
			break;
	ok(i == r->nrow, "story: no unmarked row faces filler");
	render_free(r);

	/* Without brackets the words are plain; widths shrink. */
	o.brackets = false;
	r = render_build(&f.al, &o);
	out = print_str(r, false);
	ok(strstr(out, "It approved the new budget   ~ It approved the revised\n")
	   != NULL,
	   "story: no brackets, rows refilled");
	ok(strstr(out, "[-") == NULL && strstr(out, "{+") == NULL,
	   "story: no brackets at all");
	free(out);

	/* Colour: SGR per style, reset after each piece. */
	out = print_str(r, true);
	ok(strstr(out, "It approved the \033[31mnew\033[0m budget   "
	   "\033[33m~\033[0m It approved the \033[32mrevised\033[0m\n")
	   != NULL, "story: colour row");
	ok(strstr(out, "\033[36mmoved to \xc2\xb6" "6 \xe2\x96\xbc\033[0m")
	   != NULL, "story: colour note");
	ok(strstr(out, "\033[2m\xe2\x95\xb1\xe2\x95\xb1") != NULL,
	   "story: colour filler");
	ok(strstr(out, " \n") == NULL, "story: no trailing spaces");
	free(out);
	render_free(r);
	fix_free(&f);
}

/* --- wrapping ------------------------------------------------------------- */

/* One paragraph on both sides, one equal block with an equal op. */
static struct render *
one_para(struct fix *f, const char *a, const char *b, unsigned int width,
	 bool brackets)
{
	struct render_opts o = { .width = width, .brackets = brackets };
	uint8_t kind = strcmp(a, b) == 0 ? BLOCK_EQUAL : BLOCK_CHANGED;

	fix_init(f, a, b);
	fix_block(f, kind, 0, 1, 0, 1);
	if (kind == BLOCK_EQUAL)
		fix_op(f, WOP_EQUAL, 0, 0, f->d[0]->para[0].nunit, 0, 0,
		       f->d[1]->para[0].nunit);
	else {
		fix_op(f, WOP_DELETE, 0, 0, f->d[0]->para[0].nunit, 0, 0, 0);
		fix_op(f, WOP_INSERT, 0, f->d[0]->para[0].nunit, 0, 0, 0,
		       f->d[1]->para[0].nunit);
	}
	return render_build(&f->al, &o);
}

/* The text of row i, side s, as printed (spans at their columns). */
static char *
row_text(const struct render *r, size_t i, int s)
{
	const struct render_row *row = &r->row[i];
	char *out = xmalloc(1), *buf = NULL;
	size_t n = 0, cap = 0, col = 0, k, len;

	for (k = 0; k < row->nspan[s]; k++) {
		const struct render_span *sp = &r->span[row->span[s] + k];

		len = render_span_text(r, s, sp, &buf, &cap);
		out = xrealloc(out, n + (sp->col - col) + len + 1);
		memset(out + n, ' ', sp->col - col);
		n += sp->col - col;
		memcpy(out + n, buf, len);
		n += len;
		col = sp->col + sp->width;
	}
	out[n] = '\0';
	free(buf);
	return out;
}

/* Rows of side s joined with "|". */
static char *
rows_joined(const struct render *r, int s)
{
	char *out = xstrdup(""), *t;
	size_t i, n;

	for (i = 0; i < r->nrow; i++) {
		if (r->row[i].cell[s] != CELL_TEXT)
			continue;
		t = row_text(r, i, s);
		n = strlen(out);
		out = xrealloc(out, n + strlen(t) + 2);
		if (n > 0)
			strcat(out, "|");
		strcat(out, t);
		free(t);
	}
	return out;
}

static size_t
max_row_width(const struct render *r, int s)
{
	size_t i, w, max = 0;
	char *t;

	for (i = 0; i < r->nrow; i++) {
		t = row_text(r, i, s);
		w = width_of((const uint8_t *)t, strlen(t), 0);
		if (w > max)
			max = w;
		free(t);
	}
	return max;
}

static void
test_wrap(void)
{
	static const char cjk[] =
		"The mayor said: \xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe3\x81\xaf"
		"\xe6\x96\xb0\xe3\x81\x97\xe3\x81\x84\xe8\xa8\x88\xe7\x94\xbb"
		"\xe3\x82\x92\xe7\x99\xba\xe8\xa1\xa8\xe3\x81\x97\xe3\x81\x9f"
		"\xe3\x80\x82 Then she left.";
	struct fix f;
	struct render *r;
	char *s;

	/* Width 40: panes of 18 columns; ideographs are 2 columns wide. */
	r = one_para(&f, cjk, cjk, 40, false);
	is_int(r->pane, 18, "cjk: pane 18");
	s = rows_joined(r, 0);
	is_str(s, "The mayor said: \xe6\x9d\xb1|"
	       "\xe4\xba\xac\xe9\x83\xbd\xe3\x81\xaf"
	       "\xe6\x96\xb0\xe3\x81\x97\xe3\x81\x84\xe8\xa8\x88"
	       "\xe7\x94\xbb\xe3\x82\x92|"
	       "\xe7\x99\xba\xe8\xa1\xa8\xe3\x81\x97"
	       "\xe3\x81\x9f\xe3\x80\x82 Then|she left.",
	       "cjk: rows filled to 18 columns, broken between ideographs");
	free(s);
	is_int(max_row_width(r, 0), 18, "cjk: widest row is the pane");
	render_free(r);
	fix_free(&f);

	/* A word longer than the pane is broken, nothing is lost. */
	r = one_para(&f, "A Pneumonoultramicroscopicsilicovolcanoconiosis case.",
		     "A Pneumonoultramicroscopicsilicovolcanoconiosis case.",
		     40, false);
	s = rows_joined(r, 1);
	is_str(s, "A|Pneumonoultramicro|scopicsilicovolcan|oconiosis case.",
	       "long word broken at the pane width");
	free(s);
	render_free(r);
	fix_free(&f);

	/* ... also inside brackets, which count in the width. */
	r = one_para(&f, "Pneumonoultramicroscopicsilicovolcanoconiosis",
		     "x", 40, true);
	s = rows_joined(r, 0);
	is_str(s, "[-Pneumonoultram-]|[-icroscopicsili-]|"
	       "[-covolcanoconio-]|[-sis-]", "long deleted word with brackets");
	free(s);
	is_int(max_row_width(r, 0), 18, "brackets: widest row is the pane");
	render_free(r);
	fix_free(&f);

	/* A combining mark stays with its base at a forced break. */
	r = one_para(&f, "aaaaaaaaaaaaaaaaae\xcc\x81" "bbbb",
		     "aaaaaaaaaaaaaaaaae\xcc\x81" "bbbb", 40, false);
	s = rows_joined(r, 0);
	is_str(s, "aaaaaaaaaaaaaaaaae\xcc\x81|bbbb",
	       "combining mark kept on its row");
	free(s);
	render_free(r);
	fix_free(&f);

	/* Soft line ends and runs of spaces are one space each. */
	r = one_para(&f, "one  two\nthree \t four\n\nend.",
		     "one  two\nthree \t four\n\nend.", 80, false);
	s = rows_joined(r, 0);
	is_str(s, "one two three four", "white space drawn as one space");
	free(s);
	render_free(r);
	fix_free(&f);
}

/* --- escaping ------------------------------------------------------------- */

static void
test_escape(void)
{
	static const char evil[] =
		"Alert \x1b[2J done \xc2\x9b" "31m red \xe2\x80\xae"
		"txt.exe bad \x9b byte\x07.";
	struct fix f;
	struct render *r;
	char *out;
	size_t i;
	bool clean = true;

	r = one_para(&f, evil, evil, 200, false);
	out = print_str(r, false);
	ok(strstr(out, "Alert ^[[2J done <U+009B>31m red") != NULL,
	   "escape: ESC and C1 in visible form");
	ok(strstr(out, "<U+202E>txt.exe") != NULL, "escape: bidi override");
	ok(strstr(out, "bad \xef\xbf\xbd byte^G.") != NULL,
	   "escape: invalid byte as U+FFFD, BEL as ^G");
	for (i = 0; out[i] != '\0'; i++)
		if (((unsigned char)out[i] < 0x20 && out[i] != '\n') ||
		    out[i] == 0x7f)
			clean = false;
	ok(clean, "escape: no control byte in the output");
	ok(u8_check((const uint8_t *)out, strlen(out)) == NULL,
	   "escape: output is valid UTF-8");
	ok(strstr(out, "\xc2\x9b") == NULL && strstr(out, "\xe2\x80\xae") ==
	   NULL, "escape: no C1 or bidi character in the output");
	is_int(max_row_width(r, 0) <= r->pane, 1, "escape: rows fit the pane");
	free(out);
	render_free(r);
	fix_free(&f);
}

/* --- properties over generated alignments --------------------------------- */

static uint32_t rng = 12345;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return n ? rng % n : 0;
}

static const char *const words[] = {
	"the", "council", "approved", "a", "budget", "of", "$9.2", "million",
	"on", "Monday", ",", ".", "\xe2\x80\x9cquoted\xe2\x80\x9d",
	"\xe6\x9d\xb1\xe4\xba\xac", "\xe4\xbc\x9a\xe8\xa6\x8b",
	"caf\xc3\xa9", "e\xcc\x81t\xc3\xa9", "\x1b[1m", "\xc2\x85",
	"\xe2\x80\xae", "\xff", "well-known", "https://example.org/a/b",
	"Llanfairpwllgwyngyllgogerychwyndrobwllllantysiliogogogoch",
	"\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4",
	"\t", "tab\there",
};

static void
gen_text(char **buf, size_t *len, size_t *cap, uint32_t npara)
{
	uint32_t p, w, nw;
	const char *s;

	*len = 0;
	for (p = 0; p < npara; p++) {
		nw = 1 + rnd(rnd(4) == 0 ? 60 : 12);
		for (w = 0; w < nw; w++) {
			s = words[rnd(sizeof words / sizeof words[0])];
			*buf = xgrow(*buf, cap, *len + strlen(s) + 4, 1);
			memcpy(*buf + *len, s, strlen(s));
			*len += strlen(s);
			if (w + 1 < nw)
				(*buf)[(*len)++] = rnd(8) == 0 ? '\n' : ' ';
		}
		(*buf)[(*len)++] = '\n';
		(*buf)[(*len)++] = '\n';
	}
}

/* Ops covering units [ua, ua + na) and [ub, ub + nb), loosely random. */
static void
gen_ops(struct fix *f, uint32_t ua, uint32_t na, uint32_t ub, uint32_t nb)
{
	struct wop *w;

	while (na > 0 || nb > 0) {
		uint32_t k = rnd(3), n;

		f->al.op = xgrow(f->al.op, &f->capop, f->al.nop + 1,
				 sizeof *f->al.op);
		w = &f->al.op[f->al.nop++];
		f->al.block[f->al.nblock - 1].nop++;
		memset(w, 0, sizeof *w);
		w->a = ua;
		w->b = ub;
		if (k == 0 && na > 0 && nb > 0) {
			n = 1 + rnd(na < nb ? na : nb);
			w->kind = rnd(4) ? WOP_EQUAL : WOP_COSMETIC;
			w->na = w->nb = n;
		} else if (na > 0 && (k == 1 || nb == 0)) {
			w->kind = WOP_DELETE;
			w->na = 1 + rnd(na);
		} else {
			w->kind = WOP_INSERT;
			w->nb = 1 + rnd(nb);
		}
		ua += w->na;
		na -= w->na;
		ub += w->nb;
		nb -= w->nb;
	}
}

static void
gen_alignment(struct fix *f)
{
	char *a = NULL, *b = NULL;
	size_t la, lb, ca = 0, cb = 0;
	uint32_t pa = 0, pb = 0, na, nb, k, del = UINT32_MAX;
	const struct doc *da, *db;

	memset(f, 0, sizeof *f);
	f->keys = cmpkeys_new(NULL, NULL);
	gen_text(&a, &la, &ca, 1 + rnd(8));
	gen_text(&b, &lb, &cb, 1 + rnd(8));
	da = f->al.a = fix_doc(f, 0, a, la);
	db = f->al.b = fix_doc(f, 1, b, lb);
	free(a);
	free(b);
	while (pa < da->npara || pb < db->npara) {
		k = rnd(4);
		na = k == 0 ? 0 : 1 + (k == 3 ? rnd(2) : 0);
		nb = k == 1 ? 0 : 1 + (k == 2 ? rnd(2) : 0);
		if (pa + na > da->npara)
			na = (uint32_t)(da->npara - pa);
		if (pb + nb > db->npara)
			nb = (uint32_t)(db->npara - pb);
		if (na == 0 && nb == 0)
			continue;
		fix_block(f, na == 0 ? BLOCK_INSERTED : nb == 0 ?
			  BLOCK_DELETED : rnd(2) ? BLOCK_EQUAL : BLOCK_CHANGED,
			  pa, na, pb, nb);
		{
			uint32_t ua = na ? da->para[pa].unit : 0;
			uint32_t ub = nb ? db->para[pb].unit : 0;
			uint32_t ea = na ? da->para[pa + na - 1].unit +
			    da->para[pa + na - 1].nunit : 0;
			uint32_t eb = nb ? db->para[pb + nb - 1].unit +
			    db->para[pb + nb - 1].nunit : 0;

			gen_ops(f, ua, ea - ua, ub, eb - ub);
		}
		/* Pair a deleted block with a later inserted one as a move. */
		if (nb == 0 && del == UINT32_MAX && rnd(2))
			del = (uint32_t)f->al.nblock - 1;
		if (na == 0 && del != UINT32_MAX) {
			struct block *x = &f->al.block[del];
			struct block *y = &f->al.block[f->al.nblock - 1];

			x->move = y->move = (uint32_t)++f->al.nmove;
			x->twin = (uint32_t)f->al.nblock - 1;
			y->twin = del;
			del = UINT32_MAX;
		}
		pa += na;
		pb += nb;
	}
}

/*
 * The invariants of a layout: spans in order inside the pane, their text
 * exactly their width and safe, each side's paragraphs each drawn once and
 * in order, every non-space byte of a paragraph in exactly one span, and
 * the printed lines no wider than the render.  Returns a description of
 * the first violation, or NULL.
 */
static const char *
check_layout(const struct render *r)
{
	static char why[200];
	char *buf = NULL, *out;
	size_t cap = 0, len, i, k, lines = 0;
	int s;
	const char *bad = NULL;

	for (s = 0; s < 2 && bad == NULL; s++) {
		const struct doc *d = s ? r->al->b : r->al->a;
		uint32_t next_para = 0, pos = 0, cur = RENDER_NONE;

		for (i = 0; i < r->nrow && bad == NULL; i++) {
			const struct render_row *row = &r->row[i];
			size_t col = 0;

			if (row->cell[s] != CELL_TEXT) {
				if (row->nspan[s] != 0)
					bad = "spans in a cell without text";
				continue;
			}
			if (row->para[s] != cur && row->para[s] != RENDER_NONE) {
				if (cur != RENDER_NONE &&
				    pos < d->para[cur].end)
					bad = "paragraph not drawn to its end";
				if (row->para[s] != next_para)
					bad = "paragraph out of order";
				cur = row->para[s];
				next_para = cur + 1;
				pos = d->para[cur].start;
			}
			for (k = 0; k < row->nspan[s] && bad == NULL; k++) {
				const struct render_span *sp =
				    &r->span[row->span[s] + k];
				const uint8_t *t;

				if (sp->col < col)
					bad = "spans overlap";
				if ((size_t)sp->col + sp->width > r->pane)
					bad = "span past the pane";
				col = (size_t)sp->col + sp->width;
				len = render_span_text(r, s, sp, &buf, &cap);
				t = (const uint8_t *)buf;
				if (width_of(t, len, 0) != sp->width)
					bad = "span text width differs";
				if (u8_check(t, len) != NULL)
					bad = "span text not UTF-8";
				for (size_t j = 0; j < len; j++)
					if (t[j] < 0x20 || t[j] == 0x7f ||
					    (t[j] == 0xc2 && j + 1 < len &&
					     t[j + 1] >= 0x80 &&
					     t[j + 1] < 0xa0))
						bad = "control in span text";
				if (sp->flags & SPAN_NOTE)
					continue;
				/* Only white space may be skipped. */
				while (pos < sp->off) {
					size_t tk = 0;

					while (tk + 1 < d->ntok &&
					    d->tok[tk + 1].off <= pos)
						tk++;
					if (d->tok[tk].kind != TOK_SPACE) {
						bad = "text skipped";
						break;
					}
					pos = d->tok[tk].off + d->tok[tk].len;
				}
				if (pos != sp->off)
					bad = "span not where the text goes on";
				pos = sp->off + sp->len;
			}
		}
		if (bad == NULL && cur != RENDER_NONE && pos < d->para[cur].end)
			bad = "last paragraph not drawn to its end";
		if (bad == NULL && next_para != d->npara)
			bad = "not every paragraph drawn";
	}
	free(buf);
	if (bad == NULL) {
		out = print_str(r, false);
		for (char *p = out, *e; *p != '\0'; p = e + 1) {
			e = strchr(p, '\n');
			if (e == NULL) {
				bad = "unterminated line";
				break;
			}
			if (width_of((const uint8_t *)p, (size_t)(e - p), 0) >
			    r->width)
				bad = "printed line too wide";
			lines++;
		}
		if (bad == NULL && lines != r->nrow)
			bad = "printed lines differ from rows";
		free(out);
	}
	if (bad == NULL)
		return NULL;
	snprintf(why, sizeof why, "%s (row %zu)", bad, i);
	return why;
}

static void
test_generated(void)
{
	const char *bad = NULL;
	int n, runs = 400;
	unsigned int width = 0;
	struct render_opts o;
	struct fix f;
	struct render *r;

	for (n = 0; n < runs && bad == NULL; n++) {
		gen_alignment(&f);
		width = rnd(3) == 0 ? rnd(40) : 20 + rnd(160);
		o = (struct render_opts){ .width = width, .cosmetic = rnd(2),
		    .brackets = rnd(2) };
		r = render_build(&f.al, &o);
		bad = check_layout(r);
		render_free(r);
		fix_free(&f);
	}
	if (!ok(bad == NULL, "generated: %d alignments laid out soundly",
		runs))
		printf("#   run %d width %u: %s\n", n - 1, width, bad);
}

/* The seed files, aligned for real, pairwise with the first one. */
static void
test_seeds(void)
{
	const char *dir = getenv("SEEDS_DIR");
	struct dirent **names = NULL;
	char path[4096];
	struct text *t[2] = { NULL, NULL };
	struct doc *d[2];
	struct cmpkeys *k;
	struct alignment *al;
	struct render *r;
	struct vs_error err;
	const char *bad = NULL;
	int n, i, checked = 0;

	if (dir == NULL || (n = scandir(dir, &names, NULL, alphasort)) < 0) {
		skip_seeds("SEEDS_DIR not set or missing");
		return;
	}
	for (i = 0; i < n; i++) {
		size_t l = strlen(names[i]->d_name);

		if (l < 4 || strcmp(names[i]->d_name + l - 4, ".txt") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
		if (t[0] == NULL) {
			t[0] = text_load(path, NULL, &err);
			continue;
		}
		t[1] = text_load(path, NULL, &err);
		if (t[0] == NULL || t[1] == NULL)
			break;
		k = cmpkeys_new(NULL, NULL);
		d[0] = doc_build(t[0]);
		d[1] = doc_build(t[1]);
		cmpkeys_classify(k, d[0]);
		cmpkeys_classify(k, d[1]);
		al = align_build(d[0], d[1], NULL);
		for (unsigned int w = 30; w <= 200 && bad == NULL; w += 17) {
			struct render_opts o = { .width = w,
			    .cosmetic = w % 2, .brackets = w % 3 == 0 };

			r = render_build(al, &o);
			bad = check_layout(r);
			render_free(r);
		}
		align_free(al);
		doc_free(d[0]);
		doc_free(d[1]);
		cmpkeys_free(k);
		text_free(t[1]);
		t[1] = NULL;
		checked++;
	}
	text_free(t[0]);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (checked == 0) {
		skip_seeds("no seed pairs in %s", dir);
		return;
	}
	if (!ok(bad == NULL, "seeds: %d real alignments laid out soundly",
		checked))
		printf("#   %s\n", bad);
}

/* --- lazy docs: paragraphs left whole lay out as segmented ones ----------- */

/* print_stream of al into a malloc'd string. */
static char *
stream_str(const struct alignment *al, const struct render_opts *o,
	   bool color)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL || print_stream(f, al, o, color) != 0 || fclose(f) != 0) {
		printf("Bail out! print_stream failed\n");
		exit(1);
	}
	return buf;
}

/*
 * Every layout of a against b, --print's and the browser's, of lazy docs
 * and of full ones: "" when they are the same, else what differs.
 */
static const char *
lazy_same(struct text *t[2], char *why, size_t whysize)
{
	struct cmpkeys *k = cmpkeys_new(NULL, NULL);
	struct doc *full[2], *lazy[2];
	uint32_t *anchors[2];
	size_t nanchor[2];
	struct align_opts ao = { 0 };
	struct alignment *af, *al;
	unsigned int w;
	int i;

	for (i = 0; i < 2; i++) {
		full[i] = doc_build(t[i]);
		cmpkeys_classify(k, full[i]);
	}
	lazy_docs(t, 2, 0, k, lazy, anchors, nanchor);
	ao.anchors = anchors[1];
	ao.nanchor = nanchor[1];
	af = align_build(full[0], full[1], NULL);
	al = align_build(lazy[0], lazy[1], &ao);
	why[0] = '\0';
	for (w = 23; w <= 140 && !why[0]; w += 39) {
		for (i = 0; i < 8 && !why[0]; i++) {
			struct render_opts o = { .width = w, .cosmetic = i & 1,
			    .brackets = (i & 2) != 0, .inline_view = (i & 4) != 0 };
			struct render *rf = render_build(af, &o);
			struct render *rl = render_build(al, &o);
			char *x = print_str(rf, !o.brackets);
			char *y = print_str(rl, !o.brackets);
			char *sx = stream_str(af, &o, !o.brackets);
			char *sy = stream_str(al, &o, !o.brackets);

			if (strcmp(x, y) != 0 || strcmp(sx, sy) != 0 ||
			    strcmp(x, sx) != 0)
				snprintf(why, whysize, "width %u, options %d: "
					 "lazy '%.60s' full '%.60s'", w, i,
					 y, x);
			free(x);
			free(y);
			free(sx);
			free(sy);
			render_free(rf);
			render_free(rl);
		}
	}
	align_free(af);
	align_free(al);
	for (i = 0; i < 2; i++) {
		doc_free(full[i]);
		doc_free(lazy[i]);
		free(anchors[i]);
	}
	cmpkeys_free(k);
	return why;
}

/* B: A's paragraphs, some edited, dropped, doubled or moved. */
static void
edit_text(const char *a, size_t alen, char **b, size_t *blen, size_t *cap)
{
	const char *p = a, *end = a + alen, *q;

	*blen = 0;
	while (p < end) {
		size_t n;

		q = strstr(p, "\n\n");
		q = q ? q + 2 : end;
		n = (size_t)(q - p);
		*b = xgrow(*b, cap, *blen + 2 * n + 32, 1);
		switch (rnd(12)) {
		case 0:		/* dropped */
			break;
		case 1:		/* a word changed */
			memcpy(*b + *blen, "Changed ", 8);
			*blen += 8;
			/* fall through */
		default:
			memcpy(*b + *blen, p, n);
			*blen += n;
			break;
		case 2:		/* doubled */
			memcpy(*b + *blen, p, n);
			memcpy(*b + *blen + n, p, n);
			*blen += 2 * n;
			break;
		}
		p = q;
	}
}

static void
test_lazy_docs(void)
{
	static const char *const crafted[][2] = {
		{ "Kept as it is,  with  spaces\nand a soft\tline end.\n\n"
		  "Changed here.\n\nTail kept \x1b[1m bold \xff and "
		  "\xe6\x9d\xb1\xe4\xba\xac\xe4\xbc\x9a.\n",
		  "Kept as it is,  with  spaces\nand a soft\tline end.\n\n"
		  "Changed there.\n\nTail kept \x1b[1m bold \xff and "
		  "\xe6\x9d\xb1\xe4\xba\xac\xe4\xbc\x9a.\n" },
		{ "Llanfairpwllgwyngyllgogerychwyndrobwllllantysiliogogogoch "
		  "https://example.org/a/very/long/address/that/wraps/"
		  "somewhere\n\nOne.\n",
		  "Llanfairpwllgwyngyllgogerychwyndrobwllllantysiliogogogoch "
		  "https://example.org/a/very/long/address/that/wraps/"
		  "somewhere\n\nTwo.\n" },
	};
	struct text *t[2];
	const struct render_lazy_tuning saved = render_lazy_tuning;
	char *a = NULL, *b = NULL, why[200];
	size_t alen, blen, acap = 0, bcap = 0, i;
	int bad = 0;

	for (i = 0; i < sizeof crafted / sizeof crafted[0]; i++) {
		t[0] = text_from_bytes("a", crafted[i][0],
				       strlen(crafted[i][0]), NULL, NULL);
		t[1] = text_from_bytes("b", crafted[i][1],
				       strlen(crafted[i][1]), NULL, NULL);
		if (!ok(lazy_same(t, why, sizeof why)[0] == '\0',
			"crafted pair %zu: lazy docs lay out as full ones", i))
			printf("#   %s\n", why);
		text_free(t[0]);
		text_free(t[1]);
	}
	for (i = 0; i < 120 && !bad; i++) {
		/* From 60 on, paragraphs over 100 bytes are giant (render.h). */
		if (i == 60) {
			render_lazy_tuning.giant = 100;
			render_lazy_tuning.segment = 40;
		}
		gen_text(&a, &alen, &acap, 4 + rnd(30));
		edit_text(a, alen, &b, &blen, &bcap);
		t[0] = text_from_bytes("a", a, alen, NULL, NULL);
		t[1] = text_from_bytes("b", b, blen, NULL, NULL);
		if (lazy_same(t, why, sizeof why)[0] != '\0') {
			printf("#   pair %zu: %s\n", i, why);
			bad++;
		}
		text_free(t[0]);
		text_free(t[1]);
	}
	render_lazy_tuning = saved;
	ok(bad == 0, "120 generated pairs: lazy docs lay out as full ones, "
	   "every width and option, giant paragraphs a segment at a time in "
	   "half of them");
	free(a);
	free(b);
}

static void
test_empty(void)
{
	struct fix f;
	struct render *r;
	char *out;

	fix_init(&f, "", "");
	r = render_build(&f.al, NULL);
	is_int(r->nrow, 0, "empty: no rows");
	is_int(r->pane, 38, "empty: default width 80");
	out = print_str(r, false);
	is_str(out, "", "empty: prints nothing");
	free(out);
	render_free(r);
	fix_free(&f);

	/* A narrow terminal still gets panes wide enough for any form. */
	r = one_para(&f, "a b", "a b", 5, true);
	is_int(r->pane, RENDER_MIN_PANE, "narrow: minimum pane");
	render_free(r);
	fix_free(&f);
}

/*
 * linebreak_possible is u8_possible_linebreaks: on random text of plain
 * prose bytes mixed with quotes, dashes, brackets, numbers' signs and
 * non-ASCII letters, marks and stops, leading spaces included.
 */
static void
test_linebreak(void)
{
	static const char *const bits[] = {
		" ", " ", "  ", "a", "Bc", "d", "9", "12", ".", ",", ":", ";",
		"!", "?", "\"", "'", "-", "(", ")", "[", "]", "/", "$", "%",
		"&", "+", "*", "#", "@", "_", "~", "|", "{", "}", "<", "=",
		"\xc3\xa9", "\xe2\x80\x94", "\xe2\x80\x9c", "\xe2\x80\x9d",
		"\xe3\x80\x82", "\xe4\xb8\xad", "\xe2\x80\x8b", "\xcc\x81",
		"\xc2\xa0", "\xe2\x80\xa6", "\xc2\xab", "\xc2\xbb",
		"\xef\xbc\x88", "\xe2\x80\x99", "\xf0\x9f\x98\x80",
	};
	char buf[512], want[512], got[512];
	uint32_t saved = rng;	/* the other tests' draws stay theirs */
	int round, bad = 0;

	for (round = 0; round < 200000 && bad < 3; round++) {
		size_t n = 0, k, nb = 1 + rnd(round % 2 ? 12 : 60);
		/* Mostly plain bytes, as prose is; some rounds anything. */
		size_t plain = round % 3 == 0 ? 36 : 14;

		for (k = 0; k < nb; k++) {
			const char *b = bits[rnd(rnd(4) ? (uint32_t)plain :
					       sizeof bits / sizeof bits[0])];

			memcpy(buf + n, b, strlen(b));
			n += strlen(b);
		}
		u8_possible_linebreaks((const uint8_t *)buf, n, "UTF-8", want);
		linebreak_possible((const uint8_t *)buf, n, got);
		if (memcmp(want, got, n) != 0) {
			for (k = 0; k < n && want[k] == got[k]; k++)
				;
			printf("#   breaks of \"%.*s\" differ at byte %zu: %d, "
			       "not %d\n", (int)n, buf, k, got[k], want[k]);
			bad++;
		}
	}
	ok(bad == 0, "line breaks are libunistring's on %d random texts",
	   round);
	rng = saved;
}

int
main(void)
{
	test_linebreak();
	test_story();
	test_wrap();
	test_escape();
	test_empty();
	test_generated();
	test_seeds();
	test_lazy_docs();
	return done_testing();
}
