/*
 * report.c — the corrections-log report in Markdown, and writing it to a
 * file atomically (see report.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"
#include "width.h"
#include "xalloc.h"

/* --- Markdown text -------------------------------------------------------- */

/* Escaped everywhere: CommonMark's inline syntax, GFM's tables and ~~. */
#define MD_SPECIAL "\\`*_[]<>#|~&"

struct md {
	FILE *out;
	bool line_start;	/* nothing written yet on this line's text */
	bool digits;		/* only digits written yet on this line */
};

/* Start a quoted line: "> ", whose text may not open a list. */
static void
md_quote_line(struct md *m)
{
	fputs("> ", m->out);
	m->line_start = true;
	m->digits = false;
}

/* Markup, written as is. */
static void
md_raw(struct md *m, const char *s)
{
	fputs(s, m->out);
	m->line_start = m->digits = false;
}

/* One printable ASCII character of text. */
static void
md_ascii(struct md *m, int c)
{
	bool start = m->line_start;

	m->line_start = false;
	if (m->digits && (c == '.' || c == ')')) {
		/* "1." or "1)" would start an ordered list. */
		m->digits = false;
		putc('\\', m->out);
		putc(c, m->out);
		return;
	}
	if ((start || m->digits) && c >= '0' && c <= '9') {
		m->digits = true;
		putc(c, m->out);
		return;
	}
	m->digits = false;
	if ((start && (c == '-' || c == '+' || c == '=')) ||
	    strchr(MD_SPECIAL, c) != NULL)
		putc('\\', m->out);
	putc(c, m->out);
}

/*
 * Text s[0 .. n-1] in visible, escaped form.  With `spaces`, white space
 * (line ends and tabs included) is one space; without, line ends and
 * tabs get their visible forms too (for file names).
 */
static void
md_text(struct md *m, const uint8_t *s, size_t n, bool spaces)
{
	size_t i = 0, len, flen, k;
	uint32_t uc;
	char form[16];

	while (i < n) {
		if (s[i] >= 0x20 && s[i] < 0x7f) {
			md_ascii(m, s[i++]);
			continue;
		}
		if (spaces && (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) {
			md_ascii(m, ' ');
			i++;
			continue;
		}
		len = width_decode(s + i, n - i, &uc);
		width_char_form(uc, uc == 0xFFFD && len == 1 && s[i] != 0xEF,
				0, form, &flen);
		if (uc == '\t')
			flen = 1;	/* one space, not up to a tab stop */
		if ((unsigned char)form[0] < 0x80) {
			for (k = 0; k < flen; k++)
				md_ascii(m, (unsigned char)form[k]);
		} else {
			fwrite(form, 1, flen, m->out);
			m->line_start = m->digits = false;
		}
		i += len;
	}
}

static void
md_path(struct md *m, const char *path)
{
	md_text(m, (const uint8_t *)path, strlen(path), false);
}

static bool
is_blank_tok(const struct token *t)
{
	return t->kind == TOK_SPACE || t->kind == TOK_BREAK;
}

/* Whether a token starts or ends with what CommonMark calls punctuation. */
static bool
is_punct_tok(const struct token *t)
{
	return t->kind != TOK_WORD && t->kind != TOK_NUMBER && !is_blank_tok(t);
}

/*
 * Widen the bold tokens [*c0, *c1) inside [t0, t1) so that CommonMark
 * accepts the "**" around them: an opening "**" followed by punctuation
 * must follow white space or punctuation ("pier**, built" is not bold),
 * and a closing one after punctuation must precede white space or
 * punctuation.  When it would not, the run takes in the rest of the word
 * it is glued to ("**pier, built").
 */
static void
bold_widen(const struct doc *d, uint32_t t0, uint32_t t1, uint32_t *c0,
	   uint32_t *c1)
{
	if (*c0 >= *c1)
		return;
	if (is_punct_tok(&d->tok[*c0]) && *c0 > t0 &&
	    !is_blank_tok(&d->tok[*c0 - 1]) &&
	    !is_punct_tok(&d->tok[*c0 - 1]))
		while (*c0 > t0 && !is_blank_tok(&d->tok[*c0 - 1]))
			(*c0)--;
	if (is_punct_tok(&d->tok[*c1 - 1]) && *c1 < t1 &&
	    !is_blank_tok(&d->tok[*c1]) && !is_punct_tok(&d->tok[*c1]))
		while (*c1 < t1 && !is_blank_tok(&d->tok[*c1]))
			(*c1)++;
}

/*
 * Tokens [t0, t1) of d as quoted text ("> " already written), the tokens
 * [c0, c1) in bold.  A paragraph break becomes an empty quote line; bold
 * is closed before it and opened again after it.
 */
static void
md_tokens(struct md *m, const struct doc *d, uint32_t t0, uint32_t t1,
	  uint32_t c0, uint32_t c1)
{
	bool bold = false, pending = false;
	uint32_t t;

	bold_widen(d, t0, t1, &c0, &c1);
	for (t = t0; t < t1; t++) {
		const struct token *tk = &d->tok[t];

		if (tk->kind == TOK_BREAK) {
			if (bold)
				md_raw(m, "**");
			pending = bold;
			bold = false;
			fputs("\n>\n", m->out);
			md_quote_line(m);
			continue;
		}
		if (tk->kind == TOK_SPACE) {
			md_ascii(m, ' ');
			continue;
		}
		if (!bold && (t == c0 || pending) && t >= c0 && t < c1) {
			md_raw(m, "**");
			bold = true;
		}
		pending = false;
		md_text(m, d->text->data + tk->off, tk->len, true);
		if (bold && t + 1 >= c1) {
			md_raw(m, "**");
			bold = false;
		}
	}
	if (bold)
		md_raw(m, "**");
}

/* --- positions ------------------------------------------------------------ */

/* Paragraph and (global) sentence index of unit u. */
static void
unit_place(const struct doc *d, uint32_t u, uint32_t *p, uint32_t *s)
{
	uint32_t tok = d->unit[u].tok;

	*p = doc_para_of_token(d, tok);
	*s = doc_sentence_of_token(d, *p, tok);
}

/*
 * Where one side of a site is: the sentences named in the heading
 * (label) and the sentences quoted (shown), as global sentence indexes,
 * and the tokens in bold.
 */
struct span {
	bool has;		/* any sentence at all */
	uint32_t lp0, ls0, lp1, ls1;	/* label: paragraphs and sentences */
	uint32_t s0, s1;	/* shown: sentences [s0, s1] */
	uint32_t c0, c1;	/* bold tokens [c0, c1) (c0 == c1: none) */
	uint32_t f0, f1;	/* the tokens to keep in view: bold or anchor */
};

static void
span_add(const struct doc *d, struct span *sp, uint32_t u, bool label)
{
	uint32_t p, s;

	unit_place(d, u, &p, &s);
	if (!sp->has) {
		sp->has = true;
		sp->s0 = sp->s1 = s;
		sp->lp0 = sp->lp1 = p;
		sp->ls0 = sp->ls1 = s;
		return;
	}
	if (s < sp->s0)
		sp->s0 = s;
	if (s > sp->s1)
		sp->s1 = s;
	if (!label)
		return;
	if (s < sp->ls0) {
		sp->ls0 = s;
		sp->lp0 = p;
	}
	if (s > sp->ls1) {
		sp->ls1 = s;
		sp->lp1 = p;
	}
}

/*
 * One side's span: changed units [u0, u1) of a block whose units on this
 * side are [b0, b1).  `anchor` adds the unit just before the site (or
 * just after it, at the start of the block): the sentence where a pure
 * insertion or deletion happens.
 */
static void
span_make(const struct doc *d, uint32_t u0, uint32_t u1, uint32_t b0,
	  uint32_t b1, bool anchor, struct span *sp)
{
	uint32_t au;

	memset(sp, 0, sizeof *sp);
	if (u1 > u0) {
		span_add(d, sp, u0, true);
		span_add(d, sp, u1 - 1, true);
		sp->c0 = sp->f0 = d->unit[u0].tok;
		sp->c1 = sp->f1 = d->unit[u1 - 1].tok + d->unit[u1 - 1].ntok;
	}
	if (!anchor || (u0 <= b0 && u1 >= b1))
		return;
	au = u0 > b0 ? u0 - 1 : u1;
	span_add(d, sp, au, false);
	if (u1 == u0) {
		sp->f0 = d->unit[au].tok;
		sp->f1 = d->unit[au].tok + d->unit[au].ntok;
	}
}

static void
put_place(FILE *out, const struct doc *d, const struct span *sp)
{
	unsigned p0 = sp->lp0 + 1, p1 = sp->lp1 + 1;
	unsigned s0 = sp->ls0 - d->para[sp->lp0].sent + 1;
	unsigned s1 = sp->ls1 - d->para[sp->lp1].sent + 1;

	if (p0 != p1)
		fprintf(out, "paragraph %u, sentence %u to paragraph %u, "
			"sentence %u", p0, s0, p1, s1);
	else if (s0 != s1)
		fprintf(out, "paragraph %u, sentences %u\xe2\x80\x93%u", p0, s0,
			s1);
	else
		fprintf(out, "paragraph %u, sentence %u", p0, s0);
}

static bool
same_place(const struct doc *a, const struct span *x, const struct doc *b,
	   const struct span *y)
{
	return x->lp0 == y->lp0 && x->lp1 == y->lp1 &&
		x->ls0 - a->para[x->lp0].sent ==
		y->ls0 - b->para[y->lp0].sent &&
		x->ls1 - a->para[x->lp1].sent == y->ls1 - b->para[y->lp1].sent;
}

/* Units [*u0, *u1) of paragraphs [p, p + n) of d. */
static void
para_units(const struct doc *d, uint32_t p, uint32_t n, uint32_t *u0,
	   uint32_t *u1)
{
	*u0 = *u1 = 0;
	if (n == 0 || p >= d->npara)
		return;
	*u0 = d->para[p].unit;
	*u1 = d->para[p + n - 1].unit + d->para[p + n - 1].nunit;
}

/* --- the report ----------------------------------------------------------- */

/* The kinds in order of strength, for the summary and the headings. */
static const int strength[] = {
	KIND_QUOTE, KIND_NUMBER, KIND_NAME, KIND_ATTRIBUTION, KIND_WORDING,
};

static void
put_kinds(FILE *out, const struct change *c)
{
	const char *name;
	size_t i;
	bool first = true;

	for (i = 0; i < sizeof strength / sizeof *strength; i++) {
		if (!(c->kinds & (1u << strength[i])))
			continue;
		name = change_kind_name(strength[i]);
		if (first)
			fprintf(out, "%c%s", name[0] - 'a' + 'A', name + 1);
		else
			fprintf(out, ", %s", name);
		first = false;
	}
	if (first)
		fputs("Wording", out);
}

/* "paragraph 5" or "paragraphs 5\u20137", 1-based. */
static void
put_para_range(FILE *out, uint32_t p, uint32_t n)
{
	if (n > 1)
		fprintf(out, "paragraphs %u\xe2\x80\x93%u", (unsigned)p + 1,
			(unsigned)(p + n));
	else
		fprintf(out, "paragraph %u", (unsigned)p + 1);
}

/*
 * Sentences are quoted whole up to QUOTE_MAX bytes; past that (a text
 * without full stops, a 10 MB line), only QUOTE_CONTEXT tokens on each
 * side of the change are, with an ellipsis, so that a report never grows
 * with the square of its input.
 */
#define QUOTE_MAX	2000
#define QUOTE_CONTEXT	40

/*
 * Quote the tokens [t0, t1) of d, bold [c0, c1), as a block; when it is
 * too long, only the part around [f0, f1) (f0 == f1: the whole).
 */
static void
put_quote(struct md *m, const char *label, const struct doc *d, uint32_t t0,
	  uint32_t t1, uint32_t c0, uint32_t c1, uint32_t f0, uint32_t f1)
{
	const struct token *l = &d->tok[t1 - 1];
	bool cut0 = false, cut1 = false;

	if (f0 < f1 && l->off + l->len - d->tok[t0].off > QUOTE_MAX) {
		if (f0 > t0 + QUOTE_CONTEXT) {
			t0 = f0 - QUOTE_CONTEXT;
			while (is_blank_tok(&d->tok[t0]))
				t0++;
			cut0 = true;
		}
		if (f1 + QUOTE_CONTEXT < t1) {
			t1 = f1 + QUOTE_CONTEXT;
			while (is_blank_tok(&d->tok[t1 - 1]))
				t1--;
			cut1 = true;
		}
	}
	fprintf(m->out, "\n%s\n\n", label);
	md_quote_line(m);
	if (cut0)
		md_raw(m, "\xe2\x80\xa6 ");
	md_tokens(m, d, t0, t1, c0, c1);
	if (cut1)
		md_raw(m, " \xe2\x80\xa6");
	putc('\n', m->out);
}

static void
put_paras(struct md *m, const char *label, const struct doc *d, uint32_t p,
	  uint32_t n)
{
	const struct para *l = &d->para[p + n - 1];

	put_quote(m, label, d, d->para[p].tok, l->tok + l->ntok, 0, 0, 0, 0);
}

static void
put_sentences(struct md *m, const char *label, const struct doc *d,
	      const struct span *sp)
{
	const struct sentence *l = &d->sent[sp->s1];

	if (!sp->has) {
		fprintf(m->out, "\n%s\n\n(nothing)\n", label);
		return;
	}
	put_quote(m, label, d, d->sent[sp->s0].tok, l->tok + l->ntok, sp->c0,
		  sp->c1, sp->f0, sp->f1);
}

/* Walks the ops of a block in step with the sites, keeping unit cursors. */
struct cursor {
	uint32_t block, op;
	uint32_t ua, ub;		/* units before op */
	uint32_t a0, a1, b0, b1;	/* the block's units on each side */
	bool valid;
};

static void
cursor_seek(const struct alignment *al, struct cursor *cu, uint32_t block,
	    uint32_t op)
{
	const struct block *bl = &al->block[block];
	const struct block *bb = bl->move ? &al->block[bl->twin] : bl;

	if (!cu->valid || cu->block != block || cu->op > op) {
		cu->valid = true;
		cu->block = block;
		cu->op = bl->op;
		para_units(al->a, bl->a, bl->na, &cu->a0, &cu->a1);
		para_units(al->b, bb->b, bb->nb, &cu->b0, &cu->b1);
		cu->ua = cu->a0;
		cu->ub = cu->b0;
	}
	for (; cu->op < op; cu->op++) {
		cu->ua += al->op[cu->op].na;
		cu->ub += al->op[cu->op].nb;
	}
}

static void
put_site(struct md *m, const struct alignment *al, const struct change *c,
	 struct cursor *cu)
{
	const struct doc *a = al->a, *b = al->b;
	const struct block *bl = &al->block[c->block];
	struct span sa, sb;
	uint32_t o, na = 0, nb = 0;
	bool pure;

	cursor_seek(al, cu, c->block, c->op);
	for (o = c->op; o < c->op + c->nop; o++) {
		na += al->op[o].na;
		nb += al->op[o].nb;
	}
	pure = na == 0 || nb == 0;
	span_make(a, cu->ua, cu->ua + na, cu->a0, cu->a1, pure, &sa);
	span_make(b, cu->ub, cu->ub + nb, cu->b0, cu->b1, pure, &sb);
	if (sa.has) {
		put_place(m->out, a, &sa);
		if (bl->move) {
			fputs(" (moved; now ", m->out);
			put_place(m->out, b, &sb);
			putc(')', m->out);
		} else if (sb.has && !same_place(a, &sa, b, &sb)) {
			fputs(" (now ", m->out);
			put_place(m->out, b, &sb);
			putc(')', m->out);
		}
	} else {
		fputs("new text at ", m->out);
		put_place(m->out, b, &sb);
	}
	putc('\n', m->out);
	put_sentences(m, "Before:", a, &sa);
	put_sentences(m, "After:", b, &sb);
}

void
report_markdown(FILE *out, const struct alignment *al,
		const struct changes *ch)
{
	struct md m = { out, false, false };
	struct cursor cu = { 0 };
	size_t i, k, nsub = ch->n - ch->count[KIND_COSMETIC], item = 0;
	size_t ncos = ch->count[KIND_COSMETIC];
	bool first = true;

	fputs("# Changes from ", out);
	md_path(&m, al->a->text->path);
	fputs(" to ", out);
	md_path(&m, al->b->text->path);
	fputs("\n\n", out);
	if (nsub == 0) {
		fputs("No substantive changes", out);
	} else {
		fprintf(out, "%zu substantive change%s (", nsub,
			nsub == 1 ? "" : "s");
		for (k = 0; k < sizeof strength / sizeof *strength; k++) {
			if (ch->count[strength[k]] == 0)
				continue;
			fprintf(out, "%s%s %zu", first ? "" : ", ",
				change_kind_name(strength[k]),
				ch->count[strength[k]]);
			first = false;
		}
		putc(')', out);
	}
	if (ncos)
		fprintf(out, "; %zu cosmetic change%s not listed", ncos,
			ncos == 1 ? "" : "s");
	fputs(".\n", out);

	for (i = 0; i < ch->n; i++) {
		const struct change *c = &ch->v[i];
		const struct block *bl = &al->block[c->block];
		bool edited = false;
		uint32_t o;

		if (c->kind == KIND_COSMETIC)
			continue;
		fprintf(out, "\n## %zu. ", ++item);
		put_kinds(out, c);
		fputs(" \xe2\x80\x94 ", out);
		if (!bl->move && bl->kind == BLOCK_DELETED) {
			put_para_range(out, bl->a, bl->na);
			fputs(" deleted\n", out);
			put_paras(&m, "Deleted:", al->a, bl->a, bl->na);
			continue;
		}
		if (!bl->move && bl->kind == BLOCK_INSERTED) {
			fputs("added as ", out);
			put_para_range(out, bl->b, bl->nb);
			putc('\n', out);
			put_paras(&m, "Added:", al->b, bl->b, bl->nb);
			continue;
		}
		for (o = c->op; o < c->op + c->nop && !edited; o++)
			edited = al->op[o].kind == WOP_DELETE ||
				al->op[o].kind == WOP_INSERT;
		if (bl->move && !edited) {
			fprintf(out, "paragraph %u moved to paragraph %u\n",
				(unsigned)bl->a + 1,
				(unsigned)al->block[bl->twin].b + 1);
			put_paras(&m, "Moved:", al->a, bl->a, bl->na);
			continue;
		}
		put_site(&m, al, c, &cu);
	}
}

/* --- writing the file ----------------------------------------------------- */

/* Whether input `path` ("-": standard input) is the file st describes. */
static bool
same_file(const struct stat *st, const char *path)
{
	struct stat in;

	if (path == NULL)
		return false;
	if (strcmp(path, "-") == 0) {
		if (fstat(STDIN_FILENO, &in) != 0 || !S_ISREG(in.st_mode))
			return false;
	} else if (stat(path, &in) != 0) {
		return false;
	}
	return in.st_dev == st->st_dev && in.st_ino == st->st_ino;
}

/* "DIR/.NAME.XXXXXX" for path "DIR/NAME" (or ".NAME.XXXXXX"). */
static char *
temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	size_t n = strlen(path);
	char *t = xmalloc(n + 9);

	memcpy(t, path, dir);
	t[dir] = '.';
	memcpy(t + dir + 1, path + dir, n - dir);
	memcpy(t + n + 1, ".XXXXXX", 8);
	return t;
}

/* Flush the directory holding path, so the rename itself is durable. */
static void
sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 :
				     (size_t)(slash - path)) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		(void)fsync(fd);	/* best effort: the data is safe */
		close(fd);
	}
	free(dir);
}

int
report_write(const char *path, const struct alignment *al,
	     const struct changes *ch, struct vs_error *err)
{
	struct stat st;
	mode_t mode, mask;
	char *tmp;
	int fd, e = 0;
	FILE *f;

	if (stat(path, &st) == 0) {
		/* Never replace a directory, a device or a pipe. */
		if (S_ISDIR(st.st_mode)) {
			vs_error_set(err, "%s: %s", path, strerror(EISDIR));
			return -1;
		}
		if (!S_ISREG(st.st_mode)) {
			vs_error_set(err, "%s: not a regular file", path);
			return -1;
		}
		if (same_file(&st, al->a->text->path) ||
		    same_file(&st, al->b->text->path)) {
			vs_error_set(err, "%s: refusing to overwrite an input "
				     "file", path);
			return -1;
		}
		mode = st.st_mode & 07777;
	} else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	tmp = temp_name(path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		vs_error_set(err, "%s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, mode) != 0 || (f = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		goto fail;
	}
	errno = 0;
	report_markdown(f, al, ch);
	if (fflush(f) != 0 || ferror(f))
		e = errno ? errno : EIO;
	else if (fsync(fileno(f)) != 0)
		e = errno;
	if (fclose(f) != 0 && e == 0)
		e = errno;
	if (e == 0 && rename(tmp, path) != 0)
		e = errno;
	if (e != 0)
		goto fail;
	sync_dir(path);
	free(tmp);
	return 0;
fail:
	unlink(tmp);
	free(tmp);
	vs_error_set(err, "%s: %s", path, strerror(e));
	return -1;
}
