/*
 * draw.c — drawing the diff view: titles, the aligned rows, the gutter,
 * search matches, the status line.  Costs what is on the screen: only the
 * visible rows are touched, and search matches are looked for only in the
 * bytes those rows show.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "browse.h"
#include "facts.h"
#include "screen.h"
#include "width.h"
#include "xalloc.h"

/* The smallest screen the browser draws on. */
#define MIN_COLS	40
#define MIN_ROWS	10

static enum face
style_face(const struct browser *b, uint8_t style)
{
	switch (style) {
	case STYLE_DELETED: return FACE_DELETED;
	case STYLE_INSERTED: return FACE_INSERTED;
	case STYLE_COSMETIC:
		return b->cosmetic == COSMETIC_SHOWN ? FACE_COSMETIC :
			FACE_COSMETIC_DIM;
	case STYLE_MOVED: return FACE_MOVED;
	case STYLE_CHANGED_PARA: return FACE_CHANGED;
	case STYLE_FILLER: return FACE_FILLER;
	}
	return FACE_TEXT;
}

int
draw_visible(int row, int col, const uint8_t *s, size_t len, int width,
	     bool flat, enum face f)
{
	size_t n = 0;
	int w = 0;

	while (n < len) {
		uint32_t uc;
		size_t used = width_decode(s + n, len - n, &uc);
		char form[16];
		size_t fl;
		int cw;

		if (flat && (uc == '\n' || uc == '\r' || uc == '\t'))
			uc = ' ';
		cw = width_char_form(uc, uc == 0xFFFD && used == 1, 0, form,
				     &fl);
		if (w + cw > width)
			break;
		screen_put(row, col + w, form, fl, f);
		w += cw;
		n += used;
	}
	return w;
}

/* A C string, clipped to `width` columns. */
static void
put_clipped(int row, int col, const char *s, int width, enum face f)
{
	draw_visible(row, col, (const uint8_t *)s, strlen(s), width, false, f);
}

/* "2022-01-20" when the text opens with an ISO date, else "". */
static void
text_date(const struct text *t, char out[16])
{
	size_t i, lim = t->len < 200 ? t->len : 200;

	out[0] = '\0';
	for (i = 0; i + 10 <= lim; i++) {
		const unsigned char *p = t->data + i;

		if (p[0] >= '1' && p[0] <= '2' && p[1] >= '0' && p[1] <= '9' &&
		    p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9' &&
		    p[4] == '-' && p[5] >= '0' && p[5] <= '1' &&
		    p[6] >= '0' && p[6] <= '9' && p[7] == '-' &&
		    p[8] >= '0' && p[8] <= '3' && p[9] >= '0' && p[9] <= '9') {
			memcpy(out, p, 10);
			out[10] = '\0';
			return;
		}
	}
}

size_t
browse_path_tail(const char *path, int cols)
{
	size_t n = strlen(path), off = 0;

	if (cols < 8 || (int)width_of((const uint8_t *)path, n, 0) <= cols)
		return 0;	/* fits, or too few columns to tell anything */
	while (off < n && (int)width_of((const uint8_t *)path + off, n - off,
					0) > cols - 1) {
		off++;
		while (off < n && ((unsigned char)path[off] & 0xc0) == 0x80)
			off++;
	}
	return off;
}

static void
draw_title(struct browser *b, int col, int width, size_t v, bool focus)
{
	char buf[512], date[16], head[64], tail[64];
	enum face f = focus ? FACE_TITLE_FOCUS : FACE_TITLE;
	const struct text *t = session_texts(b->s)[v];
	int room;
	size_t off;

	text_date(t, date);
	bool base = v == b->base && b->n > 2;

	snprintf(head, sizeof head, " %zu/%zu ", browse_number(b, v), b->nall);
	snprintf(tail, sizeof tail, "%s%s%s", date[0] ? "  " : "", date,
		 base ? "  (base)" : "");
	room = width - 1 - (int)strlen(head) - (int)strlen(tail);
	/* Too narrow: "(base)" first, where clipping leaves it whole. */
	if (base && (int)width_of((const uint8_t *)t->path, strlen(t->path),
				  0) > room) {
		snprintf(head, sizeof head, " %zu/%zu (base) ",
			 browse_number(b, v), b->nall);
		snprintf(tail, sizeof tail, "%s%s", date[0] ? "  " : "", date);
		room = width - 1 - (int)strlen(head) - (int)strlen(tail);
	}
	/* Still too narrow: the path's end, which tells versions apart, */
	if (room < 8 && date[0]) {	/* ... before the date */
		snprintf(tail, sizeof tail, "%s", base &&
			 strstr(head, "(base)") == NULL ? "  (base)" : "");
		room = width - 1 - (int)strlen(head) - (int)strlen(tail);
	}
	off = browse_path_tail(t->path, room);
	snprintf(buf, sizeof buf, "%s%s%s%s", head, off ? "\xe2\x80\xa6" : "",
		 t->path + off, tail);
	screen_fill(0, col, width, ' ', f);
	/* One blank column left, so that two clipped titles never touch. */
	put_clipped(0, col, buf, width - 1, f);
}

/*
 * Longest stretch of text before a span that a match reaching into it may
 * start in: a folded match can be longer than the pattern ("per cent"
 * for "%", "United States" for "U.S.").
 */
#define MATCH_REACH 256

/* Highlight matches of the search pattern inside span sp. */
static void
draw_matches(const struct browser *b, const struct render *r, int y, int x,
	     int side, const struct render_span *sp)
{
	int v = render_span_version(r, side, sp) ? RENDER_RIGHT :
		RENDER_LEFT;
	const struct text *t = v == RENDER_RIGHT ? b->al->b->text :
		b->al->a->text;
	size_t m = strlen(b->pattern), from, to, len;
	long hit;

	if (m == 0 || (sp->flags & SPAN_NOTE) || sp->len == 0)
		return;
	/* Matches that overlap the span: start a little before it. */
	from = sp->off >= MATCH_REACH + m ? sp->off - (MATCH_REACH + m) : 0;
	to = sp->off + sp->len;
	while (from < to) {
		long s0, s1, c0, w;

		hit = browse_find(b, v, from, to, false, &len);
		if (hit < 0)
			break;
		s0 = hit > (long)sp->off ? hit : (long)sp->off;
		s1 = hit + (long)len < (long)(sp->off + sp->len) ?
			hit + (long)len : (long)(sp->off + sp->len);
		if (s1 > s0) {
			c0 = (long)width_of(t->data + sp->off, (size_t)s0 -
					    sp->off, 0);
			w = (long)width_of(t->data + s0, (size_t)(s1 - s0),
					   (size_t)c0);
			if (sp->flags & SPAN_OPEN)
				c0 += 2;
			screen_recolor(y, x + sp->col + (int)c0, (int)w,
				       FACE_MATCH);
		}
		from = (size_t)hit + 1;
	}
}

/* Byte range of units [u, u + n) of d, from the first to the last token. */
static void
unit_range(const struct doc *d, uint32_t u, uint32_t n, size_t *s, size_t *e)
{
	const struct unit *f = &d->unit[u], *l = &d->unit[u + n - 1];
	const struct token *lt = &d->tok[unit_last_tok(d, l)];

	*s = d->tok[f->tok].off;
	*e = lt->off + lt->len;
}

/*
 * Character highlights: when a span belongs to a replacement (deleted
 * words followed by the inserted words that replace them), the bytes the
 * two sides share at their start and end are drawn as unchanged, so that
 * "1,200" against "1,400" shows only "2" and "4".  Common prefix and
 * suffix only, cut at character boundaries: simple, and right for the
 * figures, spellings and inflections that make up most replacements.
 */
static void
draw_chars(const struct browser *b, int y, int x, int side,
	   const struct render_row *rw, const struct render_span *sp)
{
	const struct alignment *al = b->al;
	const struct block *bl = &al->block[rw->block];
	const struct text *ta = al->a->text, *tb = al->b->text;
	uint32_t o;

	if (sp->flags & SPAN_NOTE)
		return;
	for (o = bl->op; o + 1 < bl->op + bl->nop; o++) {
		const struct wop *d = &al->op[o], *i = &al->op[o + 1];
		size_t a0, a1, b0, b1, p = 0, q = 0, m0, m1, s0, s1, lo, hi;
		const uint8_t *t;

		if (d->kind != WOP_DELETE || i->kind != WOP_INSERT ||
		    d->na == 0 || i->nb == 0)
			continue;
		unit_range(al->a, d->a, d->na, &a0, &a1);
		unit_range(al->b, i->b, i->nb, &b0, &b1);
		s0 = side ? b0 : a0;
		s1 = side ? b1 : a1;
		if (sp->off + sp->len <= s0 || sp->off >= s1)
			continue;
		while (a0 + p < a1 && b0 + p < b1 &&
		       ta->data[a0 + p] == tb->data[b0 + p])
			p++;
		while (p > 0 && a0 + p < a1 && (ta->data[a0 + p] & 0xc0) == 0x80)
			p--;
		while (a1 - q > a0 + p && b1 - q > b0 + p &&
		       ta->data[a1 - q - 1] == tb->data[b1 - q - 1])
			q++;
		while (q > 0 && a1 - q < a1 && (ta->data[a1 - q] & 0xc0) == 0x80)
			q--;
		if (p == 0 && q == 0)
			return;
		t = side ? tb->data : ta->data;
		m0 = s0 + p;
		m1 = s1 - q;
		/* Recolour the span's bytes outside [m0, m1). */
		for (int part = 0; part < 2; part++) {
			size_t c0, w;

			lo = part ? m1 : sp->off;
			hi = part ? sp->off + sp->len : m0;
			if (lo < sp->off)
				lo = sp->off;
			if (hi > sp->off + sp->len)
				hi = sp->off + sp->len;
			if (lo >= hi)
				continue;
			c0 = width_of(t + sp->off, lo - sp->off, 0);
			w = width_of(t + lo, hi - lo, c0);
			if (sp->flags & SPAN_OPEN)
				c0 += 2;
			screen_recolor(y, x + sp->col + (int)c0, (int)w,
				       FACE_CHANGED);
		}
		return;
	}
}

/* The word op of the block that holds span sp of a side, or -1. */
static long
span_op(const struct browser *b, const struct render_row *rw, int side,
	const struct render_span *sp)
{
	const struct alignment *al = b->al;
	const struct block *bl = &al->block[rw->block];
	const struct doc *d = side ? al->b : al->a;
	uint32_t o;

	if (sp->flags & SPAN_NOTE)
		return -1;
	for (o = bl->op; o < bl->op + bl->nop; o++) {
		const struct wop *w = &al->op[o];
		uint32_t u = side ? w->b : w->a, n = side ? w->nb : w->na;
		size_t s0, s1;

		if (n == 0)
			continue;
		unit_range(d, u, n, &s0, &s1);
		if (sp->off >= s0 && sp->off < s1)
			return (long)o;
	}
	return -1;
}

/* A fact (quotation, figure, date, name, attribution) changed here? */
static bool
fact_op(const struct browser *b, long op)
{
	int k;

	if (op < 0 || b->op_kind == NULL || b->op_kind[op] == 0)
		return false;
	k = b->op_kind[op] - 1;
	return (KIND_FACTS & (1u << k)) != 0;
}

/* Side `side` of row rw of r, a piece of the layout (render.h). */
static void
draw_cell(struct browser *b, const struct render *r, int y, int x, int width,
	  int side, const struct render_row *rw, char **buf, size_t *cap)
{
	uint32_t k;

	if (rw->cell[side] == CELL_FILLER) {
		screen_fill(y, x, width, 0x2571, FACE_FILLER);	/* ╱ */
		return;
	}
	if (rw->cell[side] != CELL_TEXT)
		return;
	/* A changed paragraph is tinted across the whole pane. */
	if (b->al->block[rw->block].kind == BLOCK_CHANGED)
		screen_fill(y, x, width, ' ', FACE_CHANGED);
	for (k = 0; k < rw->nspan[side]; k++) {
		const struct render_span *sp = &r->span[rw->span[side] + k];
		size_t n = render_span_text(r, side, sp, buf, cap);
		enum face f = style_face(b, sp->style);

		/* No hole in the tint of a changed paragraph. */
		if (f == FACE_COSMETIC_DIM &&
		    b->al->block[rw->block].kind == BLOCK_CHANGED)
			f = FACE_COSMETIC_DIM_CHANGED;

		long op = sp->style == STYLE_DELETED ||
			sp->style == STYLE_INSERTED ||
			sp->style == STYLE_COSMETIC ?
			span_op(b, rw, side, sp) : -1;

		/* Changed facts stand out more than changed wording. */
		if ((sp->style == STYLE_DELETED || sp->style == STYLE_INSERTED) &&
		    !b->inline_view && !b->narrow && fact_op(b, op))
			f = sp->style == STYLE_DELETED ? FACE_FACT_DELETED :
				FACE_FACT_INSERTED;
		/* The current change's words, and reviewed ones (sites.h). */
		f = sites_face(b, op, render_span_version(r, side, sp),
			       sp->style, f);
		screen_put(y, x + sp->col, *buf, n, f);
		if (b->chars && !b->inline_view && !b->narrow &&
		    (sp->style == STYLE_DELETED || sp->style == STYLE_INSERTED))
			draw_chars(b, y, x, side, rw, sp);
		draw_matches(b, r, y, x, side, sp);
	}
}

static void
draw_fold(int y, int width, uint32_t n, bool boiler)
{
	char buf[96];

	snprintf(buf, sizeof buf, "\xe2\x80\xa6 %u %s paragraph%s",
		 (unsigned)n, boiler ? "boilerplate" : "unchanged",
		 n == 1 ? "" : "s");
	screen_fill(y, 0, width, 0x2500, FACE_FOLD);	/* ─ */
	screen_put(y, 2, " ", 1, FACE_FOLD);
	screen_put(y, 3, buf, strlen(buf), FACE_FOLD);
	screen_put(y, 3 + (int)width_of((const uint8_t *)buf, strlen(buf), 0),
		   " ", 1, FACE_FOLD);
}

/* The open prompt, in place of the status line, with the cursor. */
static void
draw_prompt(const struct browser *b)
{
	int y = screen_rows() - 1, w = screen_cols();
	const char *p = browse_prompt_ask(b);
	int pw = (int)strlen(p);

	screen_fill(y, 0, w, ' ', FACE_MESSAGE);
	screen_put(y, 0, p, (size_t)pw, FACE_MESSAGE);
	put_clipped(y, pw, b->input, w - pw - 1, FACE_MESSAGE);
	screen_cursor(y, pw + (int)width_of((const uint8_t *)b->input,
					     b->ninput, 0));
}

void
browse_percent(double x, char out[16])
{
	/*
	 * From the share as --stat and --json print it (0.9350), so that the
	 * status line never reads 93% beside their 0.9350: half up, as they.
	 */
	long v = x <= 0.0 ? 0 : (long)(x * 10000 + 0.5);
	long tenths;

	if (x >= 1.0 || x <= 0.0 || (v >= 50 && v < 9950)) {
		snprintf(out, 16, "%ld%%", x >= 1.0 ? 100 : (v + 50) / 100);
		return;
	}
	/* Near the ends, one decimal, rounded towards the middle. */
	tenths = v < 50 ? (v + 9) / 10 : v / 10;
	tenths = tenths < 1 ? 1 : tenths > 999 ? 999 : tenths;
	snprintf(out, 16, "%ld.%ld%%", tenths / 10, tenths % 10);
}

/*
 * The position: "top" on the first screen, "end" on the last (or "all"
 * when one screen holds it all), else the bottom row's share of the view
 * rows, as less shows it ("47%").
 */
static void
status_position(const struct browser *b, char out[8])
{
	size_t nv = view_count(&b->view);
	size_t rows = (size_t)browse_text_rows();

	/* Till the layout is all counted (browse_idle), nv is an estimate. */
	if (nv <= rows)
		snprintf(out, 8, "all");
	else if (b->top == 0)
		snprintf(out, 8, "top");
	else if (b->top + rows >= nv)
		snprintf(out, 8, "end");
	else
		snprintf(out, 8, "%u%%", (unsigned)((b->top + rows) * 100 / nv));
}

/*
 * What the current change is about: " (quote, number, paraphrase of ¶3)",
 * or "" for plain wording.
 */
static void
status_kinds(const struct browser *b, char *out, size_t size)
{
	char para[48] = "";
	uint8_t bits;
	size_t fl = 0, r;
	int k;

	out[0] = '\0';
	if (b->cur < 0)
		return;
	if (b->para_of && b->para_of[b->changes[b->cur]] > 0)
		snprintf(para, sizeof para, ", paraphrase of \xc2\xb6%d",
			 b->para_of[b->changes[b->cur]]);
	if (b->block_kinds == NULL)
		return;
	bits = b->block_kinds[b->changes[b->cur]];
	for (r = 0; r < KIND_COUNT; r++) {
		k = change_kind_rank[r];
		if (!(bits & (1 << k)) || !(KIND_FACTS & (1u << k)))
			continue;
		fl += (size_t)snprintf(out + fl, size - fl, "%s%s",
				       fl ? ", " : " (", change_kind_name(k));
	}
	if (para[0])
		fl += (size_t)snprintf(out + fl, size - fl, "%s%s",
				       fl ? "" : " (", para + 2 * !fl);
	if (fl)
		fl += (size_t)snprintf(out + fl, size - fl, ")");
	sites_status(b, out + fl, size - fl);	/* ", edit 2/6" */
}

/* The view's options that are not the default: ", changes only, inline". */
static void
status_flags(const struct browser *b, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s%s%s%s%s",
		 b->shown != NULL ? ", " : "", b->set_name,
		 b->skip_reviewed ? ", skipping reviewed" : "",
		 b->changes_only ? ", changes only" : "",
		 b->ignore_case ? ", ignore case" : "",
		 b->inline_view || b->narrow ? ", inline" : "",
		 b->chars ? ", characters" : "");
}

/*
 * The status line in `room` columns: from the longest form to the
 * shortest, the first that fits; the keys of a pending sequence always
 * come first.
 */
static void
status_text(const struct browser *b, const char *pend, int room, char *buf,
	    size_t size)
{
	char kinds[96], flags[224];
	const char *cos = b->cosmetic == COSMETIC_SHOWN ? "shown" :
		b->cosmetic == COSMETIC_DIMMED ? "dimmed" : "hidden";
	const char *keys = pend[0] ? " keys: " : "";
	const char *bar = pend[0] ? " \xe2\x94\x82" : "";
	char pct[8];
	long cur = b->cur >= 0 ? b->cur + 1 : 0L;
	char alike[16];
	const char *same = browse_sameness(b);
	/* The counts and the similarity every other view shows. */
	const struct align_stats *st = session_stats(b->s, b->left, b->right);
	int k, n;

	status_position(b, pct);
	status_kinds(b, kinds, sizeof kinds);
	status_flags(b, flags, sizeof flags);
	browse_percent(session_similarity(b->s, b->left, b->right), alike);
	/* Passages are what Tab steps through; changes are change sites. */
	for (k = same[0] ? 6 : 0; k < 6; k++) {
		if (k == 0)
			n = snprintf(buf, size, " %4s \xe2\x94\x82 passage "
				     "%ld/%zu%s \xe2\x94\x82 changes: %zu "
				     "substantive, %zu cosmetic \xe2\x94\x82 "
				     "similarity %s \xe2\x94\x82 "
				     "cosmetic %s%s \xe2\x94\x82 %s%s", pct, cur,
				     b->nchanges, kinds, st->substantive,
				     st->cosmetic, alike, cos, flags,
				     pend[0] ? "keys: " : "", pend);
		else if (k == 1)
			n = snprintf(buf, size, " %4s \xe2\x94\x82 passage "
				     "%ld/%zu%s \xe2\x94\x82 changes: %zu "
				     "substantive, %zu cosmetic \xe2\x94\x82 "
				     "%s alike \xe2\x94\x82 "
				     "cosmetic %s%s \xe2\x94\x82 %s%s", pct, cur,
				     b->nchanges, kinds, st->substantive,
				     st->cosmetic, alike, cos, flags,
				     pend[0] ? "keys: " : "", pend);
		else if (k == 2)	/* the counts before the modes */
			n = snprintf(buf, size, "%s%s%s %4s \xe2\x94\x82 "
				     "passage %ld/%zu%s \xe2\x94\x82 changes: %zu "
				     "substantive, %zu cosmetic \xe2\x94\x82 "
				     "%s alike%s", keys, pend, bar, pct, cur,
				     b->nchanges, kinds, st->substantive,
				     st->cosmetic, alike, flags);
		else if (k == 3)
			n = snprintf(buf, size, "%s%s%s %4s \xe2\x94\x82 "
				     "passage %ld/%zu%s \xe2\x94\x82 %s alike "
				     "\xe2\x94\x82 cosmetic %s%s", keys, pend, bar,
				     pct, cur, b->nchanges, kinds, alike, cos,
				     flags);
		else if (k == 4)
			n = snprintf(buf, size, "%s%s%s %4s \xe2\x94\x82 "
				     "passage %ld/%zu \xe2\x94\x82 %s alike%s",
				     keys, pend, bar, pct, cur, b->nchanges,
				     alike, flags);
		else
			n = snprintf(buf, size, "%s%s%s %s %ld/%zu%s",
				     pend[0] ? " " : "", pend, bar, pct, cur,
				     b->nchanges, flags);
		if (n > 0 && (int)width_of((const uint8_t *)buf, strlen(buf),
					   0) <= room)
			return;
	}
	/* Nothing differs: say so, and what made them the same. */
	for (k = 0; same[0] && k < 2; k++) {
		if (k == 0)
			n = snprintf(buf, size, "%s%s%s %4s \xe2\x94\x82 %s "
				     "\xe2\x94\x82 similarity %s%s \xe2\x94\x82", keys, pend,
				     bar, pct, same, alike, flags);
		else
			n = snprintf(buf, size, "%s%s%s %s", keys, pend, bar,
				     same);
		if (n > 0 && (int)width_of((const uint8_t *)buf, strlen(buf),
					   0) <= room)
			return;
	}
}

/* The status line: a prompt, a message, or where we are and how. */
static void
draw_status(struct browser *b)
{
	int y = screen_rows() - 1, w = screen_cols(), hw, room;
	char buf[512], pend[64], help[64], hint[96];

	screen_fill(y, 0, w, ' ', FACE_STATUS);
	if (b->prompt != PROMPT_NONE) {
		draw_prompt(b);
		return;
	}
	screen_cursor(0, -1);
	if (b->message[0]) {
		enum face f = b->message_error ? FACE_ERROR : FACE_MESSAGE;

		screen_fill(y, 0, w, ' ', f);
		put_clipped(y, 1, b->message, w - 2, f);
		return;
	}
	pend[0] = '\0';
	keymap_pending_text(&b->ks, pend, sizeof pend);
	keymap_keys_for(b->km, ACTION_HELP, help, sizeof help);
	snprintf(hint, sizeof hint, " %s: help ", help);
	hw = (int)width_of((const uint8_t *)hint, strlen(hint), 0);
	if (hw > w / 3)
		hw = 0;
	room = w - hw - 1;
	status_text(b, pend, room, buf, sizeof buf);
	put_clipped(y, 0, buf, room, FACE_STATUS);
	if (hw > 0)
		put_clipped(y, w - hw, hint, hw, FACE_STATUS);
}

static void
draw_too_small(void)
{
	static const char msg[] = "terminal too small";
	int y = screen_rows() / 2, x = (screen_cols() - (int)sizeof msg) / 2;

	screen_put(y > 0 ? y : 0, x > 0 ? x : 0, msg, sizeof msg - 1,
		   FACE_ERROR);
}

void
browse_draw(struct browser *b)
{
	screen_erase();
	if (screen_cols() < MIN_COLS || screen_rows() < MIN_ROWS) {
		draw_too_small();
		screen_refresh();
		return;
	}
	browse_screens[b->screen].draw(b);
}

/* The versions' titles over their panes (over each half when inline). */
static void
draw_titles(struct browser *b, bool inl)
{
	int m = numbers_width(b, b->al);	/* a margin for numbers */
	int w = screen_cols(), pane = m + (int)b->r->pane;
	int rx = pane + RENDER_GUTTER;

	if (inl) {
		draw_title(b, 0, w / 2, b->left, b->focus == 0);
		draw_title(b, w / 2, w - w / 2, b->right, b->focus == 1);
		return;
	}
	draw_title(b, 0, pane, b->left, b->focus == RENDER_LEFT);
	screen_fill(0, pane, RENDER_GUTTER, ' ', FACE_TITLE);
	draw_title(b, rx, w - rx, b->right, b->focus == RENDER_RIGHT);
}

/* The columns a side's text takes on a row: the end of its last span. */
static int
text_end(const struct render *r, const struct render_row *rw, int side)
{
	const struct render_span *sp;

	if (rw->cell[side] != CELL_TEXT || rw->nspan[side] == 0)
		return rw->cell[side] == CELL_TEXT ? 0 : -1;
	sp = &r->span[rw->span[side] + rw->nspan[side] - 1];
	return sp->col + sp->width;
}

/*
 * A boilerplate passage says what it is, and so does a paraphrase of a
 * paragraph of the left version: beside the passage, at the right edge of
 * its pane, on the first of its rows (in this piece of the layout) whose
 * text leaves room; when none does, in the filler facing its first row.
 */
static void
draw_label(const struct browser *b, int y, const struct render *r, size_t i,
	   const struct render_row *rw)
{
	const struct block *bl = &b->al->block[rw->block];
	int pane = (int)b->r->pane, n, side, x0, m;
	size_t j;
	char lab[64];

	if (!((b->labels && b->labels[rw->block]) ||
	      (b->para_of && b->para_of[rw->block])))
		return;
	if (b->labels && b->labels[rw->block])
		n = snprintf(lab, sizeof lab, " %s ", b->labels[rw->block]);
	else
		n = snprintf(lab, sizeof lab, " paraphrase of \xc2\xb6%d ",
			     b->para_of[rw->block]);
	if (n >= pane - 2)
		return;
	side = bl->nb > 0 ? RENDER_RIGHT : RENDER_LEFT;
	m = numbers_width(b, b->al);
	x0 = side == RENDER_RIGHT ? pane + RENDER_GUTTER + 2 * m : m;
	/* The first row of the block here, and the first with room. */
	for (j = i; j > 0 && r->row[j - 1].block == rw->block; j--)
		;
	for (; j < r->nrow && r->row[j].block == rw->block; j++) {
		int e = text_end(r, &r->row[j], side);

		if (e >= 0 && e + 1 + n <= pane)
			break;
	}
	if (j == i) {
		screen_put(y, x0 + pane - n, lab, (size_t)n, FACE_FOLD);
		return;
	}
	if (j < r->nrow && r->row[j].block == rw->block)
		return;		/* on a row below */
	/* No room beside it: in the filler facing its first row. */
	if ((i == 0 || r->row[i - 1].block != rw->block) &&
	    rw->cell[!side] == CELL_FILLER)
		screen_put(y, (side == RENDER_RIGHT ? m : pane +
			       RENDER_GUTTER + 2 * m) + 1, lab, (size_t)n,
			   FACE_FOLD);
}

/*
 * The gutter's marker at column gx: the current change (and the other end
 * of its move) in the cursor's face, changed facts brighter than wording.
 */
static void
draw_gutter(const struct browser *b, int y, int gx,
	    const struct render_row *rw, long cur_block, long twin_block)
{
	char mark[16];
	size_t ml = 0;

	width_char_form(rw->mark, 0, 0, mark, &ml);
	if ((long)rw->block == cur_block || (long)rw->block == twin_block) {
		screen_fill(y, gx, RENDER_GUTTER, ' ', FACE_CURSOR);
		screen_put(y, gx + 1, mark, ml, FACE_CURSOR);
	} else if (rw->mark != ' ' &&
		   sites_block_reviewed(&b->sites, rw->block)) {
		screen_put(y, gx + 1, mark, ml, FACE_REVIEWED);
	} else if (rw->mark != ' ' && b->block_kinds &&
		   (b->block_kinds[rw->block] & KIND_FACTS)) {
		screen_put(y, gx + 1, mark, ml, FACE_FACT_MARK);
	} else if (rw->mark != ' ') {
		screen_put(y, gx + 1, mark, ml, FACE_GUTTER);
	}
}

/* The versions: titles, the rows on screen, the status line. */
void
diff_draw(struct browser *b)
{
	bool inl = b->inline_view || b->narrow;
	int rows = browse_text_rows(), pane = (int)b->r->pane, y;
	int m = numbers_width(b, b->al);	/* margins for numbers */
	int gx = inl ? 0 : m + pane, rx = m + pane + RENDER_GUTTER + m;
	size_t cap = 0, v;
	long cur_block = b->cur >= 0 ? (long)b->changes[b->cur] : -1;
	uint32_t tw = cur_block >= 0 ?
		align_block_twin(b->al, (size_t)cur_block) : UINT32_MAX;
	long twin_block = tw != UINT32_MAX ? (long)tw : -1;
	char *buf = NULL;

	draw_titles(b, inl);
	/* Only these rows are laid out (rowindex.h, render.h). */
	for (y = 0, v = b->top; y < rows; y++, v++) {
		struct view_row vr;
		const struct render *r;
		const struct render_row *rw;

		if (!view_row(&b->view, v, &vr))
			break;
		if (vr.r == NULL) {
			draw_fold(y + 1, screen_cols(), vr.nfold, vr.boiler);
			continue;
		}
		r = vr.r;
		rw = &r->row[vr.i];
		if (inl) {
			draw_cell(b, r, y + 1, RENDER_GUTTER, pane, RENDER_LEFT,
				  rw, &buf, &cap);
		} else {
			draw_cell(b, r, y + 1, m, pane, RENDER_LEFT, rw, &buf,
				  &cap);
			draw_cell(b, r, y + 1, rx, pane, RENDER_RIGHT, rw, &buf,
				  &cap);
			draw_label(b, y + 1, r, vr.i, rw);
			if (m > 0)
				numbers_draw(b, y + 1, r, vr.i, rx);
		}
		draw_gutter(b, y + 1, gx, rw, cur_block, twin_block);
	}
	draw_status(b);
	free(buf);
	screen_refresh();
}

/* Context shown around a passage of a page, at most, each side. */
#define SOURCE_CONTEXT 240

static bool
tag_start(const uint8_t *s, size_t i, size_t len)
{
	return s[i] == '<' && i + 1 < len &&
	    (s[i + 1] == '/' || s[i + 1] == '!' ||
	     ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z'));
}

static bool
space_byte(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Where the context around raw[start, end) begins and ends: up to
 * SOURCE_CONTEXT bytes each side, cut at a tag (the first that begins
 * after the cut, the last that ends before it) or else at a word, never
 * inside one.  A text file, whose passage is all there is, has none.
 */
static void
source_context(const struct text *t, size_t start, size_t end, size_t *lo,
	       size_t *hi)
{
	const uint8_t *s = t->raw;
	size_t n = t->raw_len, i;

	*lo = start;
	*hi = end;
	if (t->orig == NULL)
		return;
	i = start > SOURCE_CONTEXT ? start - SOURCE_CONTEXT : 0;
	if (i > 0) {
		while (i < start && !tag_start(s, i, n))
			i++;
		if (i == start) {
			i = start - SOURCE_CONTEXT;
			while (i < start && !space_byte(s[i]))
				i++;
			while (i < start && space_byte(s[i]))
				i++;
		}
	}
	*lo = i;
	i = end + SOURCE_CONTEXT < n ? end + SOURCE_CONTEXT : n;
	if (i < n) {
		while (i > end && s[i - 1] != '>')
			i--;
		if (i == end) {
			i = end + SOURCE_CONTEXT;
			while (i > end && !space_byte(s[i - 1]))
				i--;
			while (i > end && space_byte(s[i - 1]))
				i--;
		}
	}
	*hi = i;
}

/*
 * One side of the source view: raw[lo, hi) of t in columns [x0, x0 + w),
 * wrapped, in visible form, bytes [start, end) highlighted, from wrapped
 * line `skip` on.
 */
static void
source_column(const struct text *t, size_t lo, size_t hi, size_t start,
	      size_t end, int x0, int w, size_t skip)
{
	const uint8_t *s = t->raw;
	int rows = browse_text_rows(), y = 0, x = 0;
	size_t i, line = 0;

	for (i = lo; i < hi && y < rows;) {
		uint32_t uc;
		size_t used = width_decode(s + i, hi - i, &uc);
		char form[16];
		size_t fl;
		int cw;
		enum face face = i >= start && i < end ? FACE_MATCH : FACE_TEXT;

		if (uc == '\n' || x >= w) {
			if (line >= skip)
				y++;
			line++;
			x = 0;
			if (uc == '\n') {
				i += used;
				continue;
			}
		}
		if (uc == '\r') {
			i += used;
			continue;
		}
		cw = width_char_form(uc, uc == 0xFFFD && used == 1, 0, form, &fl);
		if (x + cw > w) {
			if (line >= skip)
				y++;
			line++;
			x = 0;
		}
		if (line >= skip && y < rows)
			screen_put(y + 1, x0 + x, form, fl, face);
		x += cw;
		i += used;
	}
}

/*
 * The source view: the raw bytes of the files behind the passages of a
 * row, side by side as in the browser (or one, when the other side has
 * none or the screen is narrow), in visible form (a page's markup,
 * escapes and all), each passage's own bytes highlighted among some
 * context.
 */
void
source_draw(struct browser *b)
{
	int w = screen_cols(), rows = browse_text_rows(), y, x0, cw;
	int nside = b->src_has[0] + b->src_has[1], k = 0, side;
	bool two = nside == 2 && w >= 40;
	size_t lo, hi;
	char buf[512], keys[64];

	screen_fill(0, 0, w, ' ', FACE_TITLE_FOCUS);
	for (side = 0; side < 2; side++) {
		const struct text *t;

		if (!b->src_has[side] || (!two && k > 0))
			continue;
		t = session_texts(b->s)[b->src_version[side]];
		x0 = two && side == 1 ? w / 2 + 1 : 0;
		cw = two ? (side == 0 ? w / 2 : w - w / 2 - 1) : w;
		snprintf(buf, sizeof buf, " %s\xc2\xb6%zu of %s, bytes "
			 "%zu\xe2\x80\x93%zu", k == 0 ? "source of " : "",
			 b->src_para[side] + 1, t->path, b->src_start[side],
			 b->src_end[side]);
		put_clipped(0, x0, buf, cw, FACE_TITLE_FOCUS);
		source_context(t, b->src_start[side], b->src_end[side], &lo,
			       &hi);
		source_column(t, lo, hi, b->src_start[side], b->src_end[side],
			      x0, cw, b->src_top);
		k++;
	}
	if (two)
		for (y = 0; y <= rows; y++)
			screen_put(y, w / 2, "\xe2\x94\x82", 3,
				   y == 0 ? FACE_TITLE_FOCUS : FACE_GUTTER);
	keymap_keys_for(b->km, ACTION_QUIT, keys, sizeof keys);
	snprintf(buf, sizeof buf, " %s: back to the versions", keys);
	screen_fill(screen_rows() - 1, 0, w, ' ', FACE_STATUS);
	put_clipped(screen_rows() - 1, 0, buf, w, FACE_STATUS);
	screen_cursor(0, -1);
	screen_refresh();
}
