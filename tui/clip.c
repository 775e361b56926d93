/*
 * clip.c — copy with citation: the passage or the change, rebuilt as
 * clean text, to the terminal's clipboard (OSC 52) or a file (clip.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "action.h"
#include "clip.h"
#include "width.h"
#include "xalloc.h"

/* A growing string. */
struct sbuf {
	char *s;
	size_t n, cap;
	bool cut;		/* CLIP_MAX reached: the rest is dropped */
};

static void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->cut)
		return;
	if (b->n + n > CLIP_MAX) {
		b->cut = true;
		s = "\xe2\x80\xa6";	/* an ellipsis says where */
		n = 3;
	}
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void
sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

/*
 * Bytes s[0 .. n-1] of a file, as clean text: each character decoded and
 * written again, runs of white space one space, anything that could act
 * on a terminal or reorder text in its visible form (width.h).
 */
static void
sb_clean(struct sbuf *b, const uint8_t *s, size_t n)
{
	size_t i = 0, len, flen;
	uint32_t uc;
	char form[16];
	bool space = false;

	while (i < n && !b->cut) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r') {
			space = true;
			i++;
			continue;
		}
		if (space && b->n > 0 && b->s[b->n - 1] != ' ')
			sb_add(b, " ", 1);
		space = false;
		if (s[i] >= 0x20 && s[i] < 0x7f) {
			sb_add(b, (const char *)s + i++, 1);
			continue;
		}
		len = width_decode(s + i, n - i, &uc);
		width_char_form(uc, uc == 0xFFFD && len == 1 && s[i] != 0xEF,
				0, form, &flen);
		sb_add(b, form, flen);
		i += len;
	}
}

/* --- where and when -------------------------------------------------------- */

bool
clip_passage(struct browser *b, int want, bool strict, int *side,
	     uint32_t *para)
{
	size_t v;

	for (v = b->top; v < view_count(&b->view); v++) {
		struct view_row vr;
		const struct render_row *rw;
		int s = want;

		if (!view_row(&b->view, v, &vr) || vr.r == NULL)
			continue;
		rw = &vr.r->row[vr.i];
		if (rw->para[s] == RENDER_NONE && !strict)
			s = !s;
		if (rw->para[s] != RENDER_NONE) {
			*side = s;
			*para = rw->para[s];
			return true;
		}
	}
	return false;
}

static bool
digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The version's date, "2025-03-04", or "". */
static void
text_when(const struct text *t, char out[16])
{
	size_t i, lim = t->len < 200 ? t->len : 200;
	struct stat st;
	time_t when = (time_t)t->when;
	struct tm tm;

	out[0] = '\0';
	if (when == 0) {
		/* An ISO date the text opens with. */
		for (i = 0; i + 10 <= lim; i++) {
			const unsigned char *p = t->data + i;

			if (p[0] >= '1' && p[0] <= '2' && digit(p[1]) &&
			    digit(p[2]) && digit(p[3]) && p[4] == '-' &&
			    p[5] >= '0' && p[5] <= '1' && digit(p[6]) &&
			    p[7] == '-' && p[8] >= '0' && p[8] <= '3' &&
			    digit(p[9])) {
				memcpy(out, p, 10);
				out[10] = '\0';
				return;
			}
		}
		if (t->origin != NULL || strcmp(t->path, "-") == 0 ||
		    stat(t->path, &st) != 0 || !S_ISREG(st.st_mode))
			return;
		when = st.st_mtime;
	}
	if (gmtime_r(&when, &tm) != NULL)
		strftime(out, 16, "%Y-%m-%d", &tm);
}

/* " — PATH ¶N, DATE" (para RENDER_NONE: no ¶). */
static void
sb_cite(struct sbuf *b, const struct text *t, uint32_t para)
{
	char n[32], date[16];

	sb_clean(b, (const uint8_t *)t->path, strlen(t->path));
	if (para != RENDER_NONE) {
		snprintf(n, sizeof n, " \xc2\xb6%u", (unsigned)para + 1);
		sb_str(b, n);
	}
	text_when(t, date);
	if (date[0]) {
		sb_str(b, ", ");
		sb_str(b, date);
	}
}

/* Bytes [s, e) of d's text, quoted and clean. */
static void
sb_quote(struct sbuf *b, const struct doc *d, size_t s, size_t e)
{
	sb_str(b, "\"");
	sb_clean(b, d->text->data + s, e - s);
	sb_str(b, "\"");
}

/* --- the citations ----------------------------------------------------------- */

static void
cite_passage(const struct browser *b, struct sbuf *out, int side,
	     uint32_t p)
{
	const struct doc *d = side == RENDER_RIGHT ? b->al->b : b->al->a;

	sb_quote(out, d, d->para[p].start, d->para[p].end);
	sb_str(out, " \xe2\x80\x94 ");
	sb_cite(out, d->text, p);
}

/*
 * The change to copy: the current one, or else the first one on screen;
 * -1 for none.
 */
static long
change_block(struct browser *b)
{
	size_t v, k, rows = (size_t)browse_text_rows();

	if (b->cur >= 0)
		return (long)b->changes[b->cur];
	for (v = b->top; v < b->top + rows && v < view_count(&b->view); v++) {
		struct view_row vr;
		const struct block *bl;
		uint32_t blk;

		if (!view_row(&b->view, v, &vr) || vr.r == NULL)
			continue;
		blk = vr.block;
		bl = &b->al->block[blk];
		if (bl->move && bl->kind == BLOCK_INSERTED)
			blk = bl->twin;		/* a move is listed at its source */
		for (k = 0; k < b->nchanges; k++)
			if (b->changes[k] == blk)
				return (long)blk;
	}
	return -1;
}

/* One side of a change: its changed units, first and last. */
struct reach {
	bool has;
	uint32_t u0, u1;	/* units [u0, u1] */
};

static void
reach_add(struct reach *r, uint32_t u0, uint32_t n)
{
	if (n == 0)
		return;
	if (!r->has || u0 < r->u0)
		r->u0 = u0;
	if (!r->has || u0 + n - 1 > r->u1)
		r->u1 = u0 + n - 1;
	r->has = true;
}

/* Bytes of the sentences holding units [r->u0, r->u1] of d. */
static void
reach_bytes(const struct doc *d, const struct reach *r, size_t *s, size_t *e,
	    uint32_t *para)
{
	uint32_t t0 = d->unit[r->u0].tok, t1 = d->unit[r->u1].tok;
	uint32_t p0 = doc_para_of_token(d, t0), p1 = doc_para_of_token(d, t1);

	*s = sentence_bytes_start(d,
	    &d->sent[doc_sentence_of_token(d, p0, t0)]);
	*e = sentence_bytes_end(d, &d->sent[doc_sentence_of_token(d, p1, t1)]);
	*para = p0;
}

/* Units of paragraphs [p, p + n) of d: [*u0, *u1). */
static void
para_units(const struct doc *d, uint32_t p, uint32_t n, uint32_t *u0,
	   uint32_t *u1)
{
	*u0 = *u1 = 0;
	if (n > 0 && p < d->npara) {
		*u0 = d->para[p].unit;
		*u1 = d->para[p + n - 1].unit + d->para[p + n - 1].nunit;
	}
}

/*
 * The sentences a paired (or moved) block's edits touch, on each side: the
 * units of its DELETE and INSERT ops (of its COSMETIC ops when it has
 * no other), and for a pure insertion or deletion the unit next to it on
 * the other side.
 */
static void
change_reach(const struct alignment *al, const struct block *bl,
	     struct reach *ra, struct reach *rb)
{
	const struct block *bb = bl->move ? &al->block[bl->twin] : bl;
	uint32_t a0, a1, b0, b1, ua, ub, o;
	int pass;

	para_units(al->a, bl->a, bl->na, &a0, &a1);
	para_units(al->b, bb->b, bb->nb, &b0, &b1);
	for (pass = 0; pass < 2 && !ra->has && !rb->has; pass++) {
		ua = a0;
		ub = b0;
		for (o = bl->op; o < bl->op + bl->nop; o++) {
			const struct wop *w = &al->op[o];
			bool hit = pass == 0 ? w->kind == WOP_DELETE ||
				w->kind == WOP_INSERT : w->kind != WOP_EQUAL;

			if (hit) {
				reach_add(ra, ua, w->na);
				reach_add(rb, ub, w->nb);
				/* Where a one-sided edit happens. */
				if (w->na == 0 && a1 > a0)
					reach_add(ra, ua > a0 ? ua - 1 : ua, 1);
				if (w->nb == 0 && b1 > b0)
					reach_add(rb, ub > b0 ? ub - 1 : ub, 1);
			}
			ua += w->na;
			ub += w->nb;
		}
	}
}

/* The sentences of r in d, quoted, or "(none)"; *para gets their ¶. */
static void
quote_reach(struct sbuf *out, const struct doc *d, const struct reach *r,
	    uint32_t *para)
{
	size_t s, e;

	if (!r->has) {
		sb_str(out, "(none)");
		return;
	}
	reach_bytes(d, r, &s, &e, para);
	sb_quote(out, d, s, e);
}

/* "BEFORE" → "AFTER" — A's place → B's place; false for no change. */
static bool
cite_change(struct browser *b, struct sbuf *out)
{
	const struct alignment *al = b->al;
	long k = change_block(b);
	const struct block *bl;
	struct reach ra = { 0 }, rb = { 0 };
	uint32_t pa = RENDER_NONE, pb = RENDER_NONE;

	if (k < 0)
		return false;
	bl = &al->block[k];
	if (bl->kind == BLOCK_DELETED && !bl->move) {
		pa = bl->a;
		sb_quote(out, al->a, al->a->para[bl->a].start,
			 al->a->para[bl->a + bl->na - 1].end);
		sb_str(out, " \xe2\x86\x92 (deleted)");
	} else if (bl->kind == BLOCK_INSERTED && !bl->move) {
		pb = bl->b;
		sb_str(out, "(new) \xe2\x86\x92 ");
		sb_quote(out, al->b, al->b->para[bl->b].start,
			 al->b->para[bl->b + bl->nb - 1].end);
	} else {
		change_reach(al, bl, &ra, &rb);
		if (ra.has || rb.has) {
			quote_reach(out, al->a, &ra, &pa);
			sb_str(out, " \xe2\x86\x92 ");
			quote_reach(out, al->b, &rb, &pb);
		} else if (bl->move) {
			/* Moved, not edited: the passage and both places. */
			pa = bl->a;
			pb = al->block[bl->twin].b;
			sb_quote(out, al->a, al->a->para[bl->a].start,
				 al->a->para[bl->a + bl->na - 1].end);
			sb_str(out, " (moved)");
		} else {
			return false;
		}
	}
	sb_str(out, " \xe2\x80\x94 ");
	sb_cite(out, al->a->text, pa);
	sb_str(out, " \xe2\x86\x92 ");
	sb_cite(out, al->b->text, pb);
	return true;
}

/* --- where it goes ------------------------------------------------------------- */

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* OSC 52: the terminal's clipboard gets s, base64-encoded. */
static void
send_osc52(const char *s, size_t n)
{
	size_t i;
	char q[4];

	fputs("\033]52;c;", stdout);
	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned char)s[i] << 16;

		if (i + 1 < n)
			v |= (unsigned char)s[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)s[i + 2];
		q[0] = b64[v >> 18 & 63];
		q[1] = b64[v >> 12 & 63];
		q[2] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
		fwrite(q, 1, 4, stdout);
	}
	fputs("\a", stdout);
	fflush(stdout);
}

int
clip_copy(struct browser *b, int action, unsigned count)
{
	struct sbuf out = { 0 };
	int side;
	uint32_t p;

	(void)count;
	if (action == ACTION_COPY_CHANGE) {
		if (!cite_change(b, &out)) {
			free(out.s);
			browse_message(b, true, "no change on the screen to "
				       "copy");
			return RE_DRAW;
		}
	} else {
		if (!clip_passage(b, b->focus, false, &side, &p)) {
			browse_message(b, true, "no passage on the screen");
			return RE_DRAW;
		}
		cite_passage(b, &out, side, p);
	}
	if (b->no_osc52) {
		free(b->clip);
		b->clip = out.s;
		b->prompt = PROMPT_CLIP;
		snprintf(b->input, sizeof b->input, "versus-clips.txt");
		b->ninput = strlen(b->input);
		b->prefilled = true;
		return RE_DRAW;
	}
	send_osc52(out.s, out.n);
	browse_message(b, false, "copied %s (%zu bytes) to the clipboard "
		       "(OSC 52)", action == ACTION_COPY_CHANGE ?
		       "the change" : "the passage", out.n);
	free(out.s);
	return RE_DRAW;
}

/* Whether path names one of the versions' files. */
static bool
is_input(const struct browser *b, const struct stat *st)
{
	struct text *const *t = session_texts(b->s);
	struct stat in;
	size_t i;

	for (i = 0; i < b->n; i++)
		if (t[i]->origin == NULL && strcmp(t[i]->path, "-") != 0 &&
		    stat(t[i]->path, &in) == 0 && in.st_dev == st->st_dev &&
		    in.st_ino == st->st_ino)
			return true;
	return false;
}

int
clip_enter_file(struct browser *b, enum prompt_kind k)
{
	const char *home = getenv("HOME");
	char path[1024];
	struct stat st;
	int fd;
	bool ok;

	(void)k;
	if (b->ninput == 0 || b->clip == NULL)
		return RE_DRAW;
	if (strncmp(b->input, "~/", 2) == 0 && home != NULL && *home)
		snprintf(path, sizeof path, "%s%s", home, b->input + 1);
	else
		snprintf(path, sizeof path, "%s", b->input);
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		browse_message(b, true, "%s: not a regular file", path);
		return RE_DRAW;
	}
	if (stat(path, &st) == 0 && is_input(b, &st)) {
		browse_message(b, true, "%s: refusing to write to a version "
			       "being compared", path);
		return RE_DRAW;
	}
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		browse_message(b, true, "%s: %s", path, strerror(errno));
		return RE_DRAW;
	}
	ok = write(fd, b->clip, strlen(b->clip)) == (ssize_t)strlen(b->clip) &&
		write(fd, "\n", 1) == 1;
	if (close(fd) != 0)
		ok = false;
	if (!ok)
		browse_message(b, true, "%s: %s", path, strerror(errno));
	else
		browse_message(b, false, "added the citation to %s", path);
	free(b->clip);
	b->clip = NULL;
	return RE_DRAW;
}
