/*
 * report.c — the corrections-log report in Markdown, and writing it to a
 * file that is not an input (see report.h; atomic.h writes it).
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
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

/* Tokens [t0, t1): a bold run, or a stretch of a quote to keep. */
struct range {
	uint32_t t0, t1;
};

/*
 * Widen the bold run r inside [t0, t1) so that CommonMark accepts the
 * "**" around it: an opening "**" followed by punctuation must follow
 * white space or punctuation ("pier**, built" is not bold), and a closing
 * one after punctuation must precede white space or punctuation.  When it
 * would not, the run takes in the rest of the word it is glued to
 * ("**pier, built").
 */
static void
bold_widen(const struct doc *d, uint32_t t0, uint32_t t1, struct range *r)
{
	if (r->t0 >= r->t1)
		return;
	if (is_punct_tok(&d->tok[r->t0]) && r->t0 > t0 &&
	    !is_blank_tok(&d->tok[r->t0 - 1]) &&
	    !is_punct_tok(&d->tok[r->t0 - 1]))
		while (r->t0 > t0 && !is_blank_tok(&d->tok[r->t0 - 1]))
			r->t0--;
	if (is_punct_tok(&d->tok[r->t1 - 1]) && r->t1 < t1 &&
	    !is_blank_tok(&d->tok[r->t1]) && !is_punct_tok(&d->tok[r->t1]))
		while (r->t1 < t1 && !is_blank_tok(&d->tok[r->t1]))
			r->t1++;
}

/*
 * Ranges v[0 .. *n-1], in order of t0, made disjoint: a range that
 * overlaps or touches the one before (or is `gap` tokens away from it or
 * less) joins it.
 */
static void
ranges_merge(struct range *v, size_t *n, uint32_t gap)
{
	size_t i, k = 0;

	for (i = 0; i < *n; i++) {
		if (v[i].t0 >= v[i].t1)
			continue;
		if (k > 0 && v[i].t0 <= v[k - 1].t1 + gap) {
			if (v[i].t1 > v[k - 1].t1)
				v[k - 1].t1 = v[i].t1;
			continue;
		}
		v[k++] = v[i];
	}
	*n = k;
}

/*
 * Tokens [t0, t1) of d as quoted text ("> " already written), the tokens
 * of the runs bold[0 .. nbold-1] (disjoint, in order) in bold.  With
 * keep (nkeep > 0, disjoint, in order), only the tokens inside keep are
 * written, an ellipsis standing for each stretch left out.  A paragraph
 * break becomes an empty quote line; bold is closed before it and opened
 * again after it.
 */
static void
md_tokens(struct md *m, const struct doc *d, uint32_t t0, uint32_t t1,
	  const struct range *bold, size_t nbold, const struct range *keep,
	  size_t nkeep)
{
	bool on = false, cut = false;
	size_t r = 0, k = 0;
	uint32_t t;

	for (t = t0; t < t1; t++) {
		const struct token *tk = &d->tok[t];

		while (r < nbold && bold[r].t1 <= t)
			r++;
		if (nkeep > 0) {
			while (k < nkeep && keep[k].t1 <= t)
				k++;
			if (k == nkeep || keep[k].t0 > t) {
				cut = true;
				continue;
			}
			if (cut)
				md_raw(m, t == keep[0].t0 ? "\xe2\x80\xa6 " :
				       " \xe2\x80\xa6 ");
			cut = false;
		}
		if (tk->kind == TOK_BREAK) {
			if (on)
				md_raw(m, "**");
			on = false;
			fputs("\n>\n", m->out);
			md_quote_line(m);
			continue;
		}
		if (tk->kind == TOK_SPACE) {
			md_ascii(m, ' ');
			continue;
		}
		if (!on && r < nbold && bold[r].t0 <= t) {
			md_raw(m, "**");
			on = true;
		}
		md_text(m, d->text->data + tk->off, tk->len, true);
		if (on && t + 1 >= bold[r].t1) {
			md_raw(m, "**");
			on = false;
		}
	}
	if (on)
		md_raw(m, "**");
	if (cut)
		md_raw(m, " \xe2\x80\xa6");
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
 * One side of an entry: the sentences it names (label) and quotes
 * (shown), as global sentence indexes, and the runs of tokens in bold
 * and to keep in view (bold runs, or the unit where a pure insertion or
 * deletion happens).
 */
struct side {
	bool has;		/* any sentence at all */
	int rank;		/* the label names: 2 changed units, 1 anchors */
	uint32_t lp0, ls0, lp1, ls1;	/* label: paragraphs and sentences */
	uint32_t s0, s1;	/* shown: sentences [s0, s1] */
	struct range *bold, *focus;
	size_t nbold, nfocus, cap;
};

static void
side_reset(struct side *sd)
{
	sd->has = false;
	sd->rank = 0;
	sd->nbold = sd->nfocus = 0;
}

static void
side_free(struct side *sd)
{
	free(sd->bold);
	free(sd->focus);
}

static void
side_push(struct side *sd, uint32_t b0, uint32_t b1, uint32_t f0,
	  uint32_t f1)
{
	if (sd->nbold == sd->cap || sd->nfocus == sd->cap) {
		sd->cap = sd->cap ? 2 * sd->cap : 8;
		sd->bold = xrealloc(sd->bold, sd->cap * sizeof *sd->bold);
		sd->focus = xrealloc(sd->focus, sd->cap * sizeof *sd->focus);
	}
	if (b0 < b1)
		sd->bold[sd->nbold++] = (struct range){ b0, b1 };
	if (f0 < f1)
		sd->focus[sd->nfocus++] = (struct range){ f0, f1 };
}

/*
 * Unit u's sentence into sd: shown, and named when `label` (a changed
 * unit) or when no changed unit names the place yet (an anchor).
 */
static void
side_add(const struct doc *d, struct side *sd, uint32_t u, bool label)
{
	int rank = label ? 2 : 1;
	uint32_t p, s;

	unit_place(d, u, &p, &s);
	if (!sd->has || s < sd->s0)
		sd->s0 = s;
	if (!sd->has || s > sd->s1)
		sd->s1 = s;
	sd->has = true;
	if (rank < sd->rank)
		return;
	if (rank > sd->rank) {
		sd->rank = rank;
		sd->lp0 = sd->lp1 = p;
		sd->ls0 = sd->ls1 = s;
		return;
	}
	if (s < sd->ls0) {
		sd->ls0 = s;
		sd->lp0 = p;
	}
	if (s > sd->ls1) {
		sd->ls1 = s;
		sd->lp1 = p;
	}
}

/*
 * One site's side: changed units [u0, u1) of a block whose units on this
 * side are [b0, b1).  `anchor` adds the unit just before the site (or
 * just after it, at the start of the block): the sentence where a pure
 * insertion or deletion happens.
 */
static void
side_site(const struct doc *d, uint32_t u0, uint32_t u1, uint32_t b0,
	  uint32_t b1, bool anchor, struct side *sd)
{
	uint32_t au;

	if (u1 > u0) {
		side_add(d, sd, u0, true);
		side_add(d, sd, u1 - 1, true);
		side_push(sd, d->unit[u0].tok,
			  unit_end_tok(d, &d->unit[u1 - 1]),
			  d->unit[u0].tok,
			  unit_end_tok(d, &d->unit[u1 - 1]));
	}
	if (!anchor || (u0 <= b0 && u1 >= b1))
		return;
	au = u0 > b0 ? u0 - 1 : u1;
	side_add(d, sd, au, false);
	if (u1 == u0)
		side_push(sd, 0, 0, d->unit[au].tok,
			  unit_end_tok(d, &d->unit[au]));
}

/* Sentences [s0, s1] of a site side, or none: for the overlap test. */
static void
site_sentences(const struct doc *d, uint32_t u0, uint32_t u1, uint32_t b0,
	       uint32_t b1, bool anchor, bool *has, uint32_t *s0, uint32_t *s1)
{
	uint32_t p, s, au;

	*has = false;
	if (u1 > u0) {
		unit_place(d, u0, &p, s0);
		unit_place(d, u1 - 1, &p, s1);
		*has = true;
	}
	if (!anchor || (u0 <= b0 && u1 >= b1))
		return;
	au = u0 > b0 ? u0 - 1 : u1;
	unit_place(d, au, &p, &s);
	if (!*has || s < *s0)
		*s0 = s;
	if (!*has || s > *s1)
		*s1 = s;
	*has = true;
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

/*
 * The move below the paragraph whose word diff holds site c (align.h), or
 * NULL: its ops are in no block.
 */
static const struct submove *
site_sub(const struct alignment *al, const struct change *c)
{
	uint32_t s = align_diff_sub(al, c->op);

	return s ? &al->sub[s - 1] : NULL;
}

/* The cursor at op of the word diff of move sm: its two ends' units. */
static void
sub_seek(const struct alignment *al, const struct submove *sm, uint32_t op,
	 struct cursor *cu)
{
	const struct wop *s1 = &al->op[sm->sop + sm->nsop - 1];
	const struct wop *d1 = &al->op[sm->dop + sm->ndop - 1];
	uint32_t o;

	cu->valid = false;
	cu->a0 = cu->ua = al->op[sm->sop].a;
	cu->a1 = s1->a + s1->na;
	cu->b0 = cu->ub = al->op[sm->dop].b;
	cu->b1 = d1->b + d1->nb;
	for (o = sm->op; o < op; o++) {
		cu->ua += al->op[o].na;
		cu->ub += al->op[o].nb;
	}
}

/* --- the report ----------------------------------------------------------- */

/* The kinds in order of strength, for the summary and the headings. */
static const int strength[] = {
	KIND_QUOTE, KIND_NUMBER, KIND_DATE, KIND_NAME, KIND_ATTRIBUTION,
	KIND_WORDING,
};

/* "number, quote": the kinds of bits, strongest first. */
static void
put_kinds(FILE *out, unsigned bits)
{
	size_t i;
	bool first = true;

	for (i = 0; i < sizeof strength / sizeof *strength; i++) {
		if (!(bits & (1u << strength[i])))
			continue;
		fprintf(out, "%s%s", first ? "" : ", ",
			change_kind_name(strength[i]));
		first = false;
	}
	if (first)
		fputs("wording", out);
}

/* "paragraph 5" or "paragraphs 5\u20137", 1-based. */
static void
put_para_range(FILE *out, const char *word, uint32_t p, uint32_t n)
{
	if (n > 1)
		fprintf(out, "%ss %u\xe2\x80\x93%u", word, (unsigned)p + 1,
			(unsigned)(p + n));
	else
		fprintf(out, "%s %u", word, (unsigned)p + 1);
}

/*
 * Sentences are quoted whole up to QUOTE_MAX bytes; past that (a text
 * without full stops, a 10 MB line), only QUOTE_CONTEXT tokens on each
 * side of each edit are, with an ellipsis for the rest, so that a report
 * never grows with the square of its input.
 */
#define QUOTE_MAX	2000
#define QUOTE_CONTEXT	40

/* Quote tokens [t0, t1) of d, bold sd's runs (sd may be NULL). */
static void
put_quote(struct md *m, const char *label, const struct doc *d, uint32_t t0,
	  uint32_t t1, struct side *sd)
{
	const struct token *l = &d->tok[t1 - 1];
	struct range *keep = NULL;
	size_t i, nkeep = 0, nbold = 0;

	if (sd != NULL) {
		for (i = 0; i < sd->nbold; i++)
			bold_widen(d, t0, t1, &sd->bold[i]);
		nbold = sd->nbold;
		ranges_merge(sd->bold, &nbold, 0);
	}
	if (sd != NULL && sd->nfocus > 0 &&
	    l->off + l->len - d->tok[t0].off > QUOTE_MAX) {
		keep = xmalloc(sd->nfocus * sizeof *keep);
		for (i = 0; i < sd->nfocus; i++) {
			struct range f = sd->focus[i];

			keep[i].t0 = f.t0 > t0 + QUOTE_CONTEXT ?
				f.t0 - QUOTE_CONTEXT : t0;
			keep[i].t1 = f.t1 + QUOTE_CONTEXT < t1 ?
				f.t1 + QUOTE_CONTEXT : t1;
		}
		nkeep = sd->nfocus;
		ranges_merge(keep, &nkeep, 0);
		for (i = 0; i < nkeep; i++) {
			/* No blank at a cut: the ellipsis has its spaces. */
			while (keep[i].t0 > t0 && keep[i].t0 < keep[i].t1 &&
			       is_blank_tok(&d->tok[keep[i].t0]))
				keep[i].t0++;
			while (keep[i].t1 < t1 && keep[i].t1 > keep[i].t0 &&
			       is_blank_tok(&d->tok[keep[i].t1 - 1]))
				keep[i].t1--;
		}
	}
	fprintf(m->out, "\n%s%s", label, *label ? "\n" : "");
	md_quote_line(m);
	md_tokens(m, d, t0, t1, sd ? sd->bold : NULL, nbold, keep, nkeep);
	putc('\n', m->out);
	free(keep);
}

static void
put_paras(struct md *m, const char *label, const struct doc *d, uint32_t p,
	  uint32_t n)
{
	const struct para *l = &d->para[p + n - 1];

	put_quote(m, label, d, d->para[p].tok, l->tok + l->ntok, NULL);
}

static void
put_sentences(struct md *m, const char *label, const struct doc *d,
	      struct side *sd)
{
	const struct sentence *l = &d->sent[sd->s1];

	if (!sd->has) {
		fprintf(m->out, "\n%s (nothing)\n", label);
		return;
	}
	put_quote(m, label, d, d->sent[sd->s0].tok, l->tok + l->ntok, sd);
}

/*
 * The place an entry's side names: its sentences, with their paragraph
 * unless it is `para` (the heading's).  `cap`: a capital first letter.
 */
static void
put_place(FILE *out, const struct doc *d, const struct side *sd,
	  uint32_t para, bool cap)
{
	unsigned p0 = sd->lp0 + 1, p1 = sd->lp1 + 1;
	unsigned s0 = sd->ls0 - d->para[sd->lp0].sent + 1;
	unsigned s1 = sd->ls1 - d->para[sd->lp1].sent + 1;
	const char *w = cap ? "Paragraph" : "paragraph";

	if (p0 != p1)
		fprintf(out, "%s %u, sentence %u to paragraph %u, sentence %u",
			w, p0, s0, p1, s1);
	else if (sd->lp0 != para)
		fprintf(out, "%s %u, sentence%s %u", w, p0,
			s0 != s1 ? "s" : "", s0);
	else
		fprintf(out, "%s%s %u", cap ? "Sentence" : "sentence",
			s0 != s1 ? "s" : "", s0);
	if (p0 == p1 && s0 != s1)
		fprintf(out, "\xe2\x80\x93%u", s1);
}

/* What an entry gathers: the sites of one block touching its sentences. */
struct entry {
	uint32_t block;
	bool moved;		/* a sentence or line moved (align.h submove) */
	struct side a, b;
	unsigned kinds;		/* bits of its sites' kinds */
	size_t nsite;
};

/* Counts of the report, worked out before it is written. */
struct tally {
	size_t listed, entries, paras;
	size_t boiler;			/* sites in boilerplate, left out */
	const char *label[8];		/* their labels ... */
	size_t nlabel[8];		/* ... and sites per label */
	size_t nlabels;
};

/* The state of a walk through the sites: writing, or only counting. */
struct walk {
	struct md *m;			/* NULL: only count */
	const struct alignment *al;
	struct tally *t;
	struct entry e;
	bool open;			/* e holds sites */
	int gside;			/* the heading: 'a' or 'b' paragraph */
	uint32_t gpara, gnow;		/* ... its number, and B's */
	bool gvalid;
};

static void
tally_label(struct tally *t, const char *label)
{
	size_t i;

	t->boiler++;
	for (i = 0; i < t->nlabels; i++)
		if (strcmp(t->label[i], label) == 0)
			break;
	if (i == t->nlabels) {
		if (t->nlabels == sizeof t->label / sizeof *t->label)
			i--;	/* the last one stands for the rest */
		else
			t->nlabels++;
		t->label[i] = i + 1 < sizeof t->label / sizeof *t->label ?
			label : "other";
	}
	t->nlabel[i]++;
}

/*
 * The paragraph heading, when the entry is under another paragraph than
 * the last one: A's paragraph ("## Paragraph 6 (now paragraph 1)"), or
 * B's for text only B has ("## New paragraph 6").
 */
static void
walk_heading(struct walk *w, int side, uint32_t para, bool now, uint32_t np,
	     bool moved)
{
	FILE *out;

	if (w->gvalid && w->gside == side && w->gpara == para)
		return;
	w->gvalid = true;
	w->gside = side;
	w->gpara = para;
	w->gnow = now ? np : UINT32_MAX;
	w->t->paras++;
	if (w->m == NULL)
		return;
	out = w->m->out;
	fprintf(out, "\n## %s %u", side == 'a' ? "Paragraph" : "New paragraph",
		(unsigned)para + 1);
	if (moved && now)
		fprintf(out, " (moved; now paragraph %u)", (unsigned)np + 1);
	else if (now && np != para)
		fprintf(out, " (now paragraph %u)", (unsigned)np + 1);
	putc('\n', out);
}

/* "### HEAD — kinds (N edits)" for an entry of `nsite` sites. */
static void
put_entry_kinds(FILE *out, unsigned kinds, size_t nsite)
{
	fputs(" \xe2\x80\x94 ", out);
	put_kinds(out, kinds);
	if (nsite > 1)
		fprintf(out, " (%zu edits)", nsite);
	putc('\n', out);
}

/* Write the entry gathered so far, and start afresh. */
static void
walk_flush(struct walk *w)
{
	const struct alignment *al = w->al;
	struct entry *e = &w->e;
	const struct block *bl;
	FILE *out;

	if (!w->open)
		return;
	w->open = false;
	w->t->entries++;
	w->t->listed += e->nsite;
	bl = &al->block[e->block];
	if (e->a.has)
		walk_heading(w, 'a', e->a.lp0, e->b.has, e->b.lp0,
			     bl->move != 0);
	else
		walk_heading(w, 'b', e->b.lp0, false, 0, false);
	if (w->m != NULL) {
		out = w->m->out;
		fputs("\n### ", out);
		if (e->a.has) {
			put_place(out, al->a, &e->a, w->gpara, true);
			if (e->b.has && (e->moved || e->b.lp0 != w->gnow ||
					 e->b.lp1 != w->gnow ||
					 e->b.ls0 - al->b->para[e->b.lp0].sent !=
					 e->a.ls0 - al->a->para[e->a.lp0].sent ||
					 e->b.ls1 - al->b->para[e->b.lp1].sent !=
					 e->a.ls1 - al->a->para[e->a.lp1].sent ||
					 e->a.lp0 != e->a.lp1)) {
				fputs(e->moved ? " (moved; now " : " (now ", out);
				put_place(out, al->b, &e->b, e->a.lp0 != e->a.lp1 ?
					  UINT32_MAX : w->gnow, false);
				putc(')', out);
			}
		} else {
			put_place(out, al->b, &e->b, w->gpara, true);
		}
		put_entry_kinds(out, e->kinds, e->nsite);
		put_sentences(w->m, "Before:", al->a, &e->a);
		put_sentences(w->m, "After:", al->b, &e->b);
	}
	side_reset(&e->a);
	side_reset(&e->b);
	e->moved = false;
	e->kinds = 0;
	e->nsite = 0;
}

/*
 * An edit inside a paired or moved paragraph: into the entry of its
 * sentences, or a new one.
 */
static void
walk_site(struct walk *w, const struct change *c, struct cursor *cu)
{
	const struct alignment *al = w->al;
	const struct submove *sm = site_sub(al, c);
	uint32_t o, na = 0, nb = 0, s0, s1;
	bool pure, has, touch = false;

	if (sm)
		sub_seek(al, sm, c->op, cu);
	else
		cursor_seek(al, cu, c->block, c->op);
	for (o = c->op; o < c->op + c->nop; o++) {
		na += al->op[o].na;
		nb += al->op[o].nb;
	}
	pure = na == 0 || nb == 0;
	if (w->open && w->e.block == c->block && !w->e.moved && !sm) {
		site_sentences(al->a, cu->ua, cu->ua + na, cu->a0, cu->a1,
			       pure, &has, &s0, &s1);
		touch = has && w->e.a.has && s0 <= w->e.a.s1;
		site_sentences(al->b, cu->ub, cu->ub + nb, cu->b0, cu->b1,
			       pure, &has, &s0, &s1);
		touch = touch || (has && w->e.b.has && s0 <= w->e.b.s1);
	}
	if (!touch)
		walk_flush(w);
	w->open = true;
	w->e.block = c->block;
	w->e.moved = sm != NULL;
	w->e.kinds |= c->kinds;
	w->e.nsite++;
	side_site(al->a, cu->ua, cu->ua + na, cu->a0, cu->a1, pure, &w->e.a);
	side_site(al->b, cu->ub, cu->ub + nb, cu->b0, cu->b1, pure, &w->e.b);
}

/* A paragraph deleted, added or moved whole: an entry of its own. */
static void
walk_whole(struct walk *w, const struct change *c)
{
	const struct alignment *al = w->al;
	const struct block *bl = &al->block[c->block];
	FILE *out;

	walk_flush(w);
	w->t->entries++;
	w->t->listed++;
	if (bl->kind == BLOCK_INSERTED && !bl->move)
		walk_heading(w, 'b', bl->b, false, 0, false);
	else
		walk_heading(w, 'a', bl->a, false, 0, false);
	if (w->m == NULL)
		return;
	out = w->m->out;
	fputs("\n### ", out);
	if (bl->move) {
		fputs("Moved to ", out);
		put_para_range(out, "paragraph", al->block[bl->twin].b,
			       al->block[bl->twin].nb);
	} else if (bl->kind == BLOCK_DELETED) {
		fputs("Deleted", out);
		if (bl->na > 1)
			put_para_range(out, ": paragraph", bl->a, bl->na);
	} else {
		fputs("Added", out);
		if (bl->nb > 1)
			put_para_range(out, ": paragraph", bl->b, bl->nb);
	}
	put_entry_kinds(out, c->kinds, 1);
	if (bl->kind == BLOCK_INSERTED && !bl->move)
		put_paras(w->m, "", al->b, bl->b, bl->nb);
	else
		put_paras(w->m, "", al->a, bl->a, bl->na);
}

/* Every substantive site of al, in reading order, into w. */
static void
walk_all(struct walk *w, const struct changes *ch, const char *const *labels)
{
	const struct alignment *al = w->al;
	struct cursor cu = { 0 };
	size_t i;

	for (i = 0; i < ch->n; i++) {
		const struct change *c = &ch->v[i];
		const struct block *bl = &al->block[c->block];
		bool edited = false;
		uint32_t o;

		if (c->kind == KIND_COSMETIC)
			continue;
		if (labels != NULL && labels[c->block] != NULL) {
			tally_label(w->t, labels[c->block]);
			continue;
		}
		for (o = c->op; o < c->op + c->nop && !edited; o++)
			edited = al->op[o].kind == WOP_DELETE ||
				al->op[o].kind == WOP_INSERT;
		if ((!bl->move && (bl->kind == BLOCK_DELETED ||
				   bl->kind == BLOCK_INSERTED)) ||
		    (bl->move && !edited))
			walk_whole(w, c);
		else
			walk_site(w, c, &cu);
	}
	walk_flush(w);
	side_free(&w->e.a);
	side_free(&w->e.b);
}

/* The summary: counts by kind, as --stat gives them, and what follows. */
static void
put_summary(FILE *out, const struct changes *ch, const struct tally *t)
{
	size_t k, nsub = ch->n - ch->count[KIND_COSMETIC];
	size_t ncos = ch->count[KIND_COSMETIC];
	bool first = true;

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
	if (nsub == 0)
		return;
	fprintf(out, "\nListed below: %zu, in %zu entr%s under %zu "
		"paragraph%s", t->listed, t->entries,
		t->entries == 1 ? "y" : "ies", t->paras,
		t->paras == 1 ? "" : "s");
	if (t->boiler > 0) {
		fprintf(out, "; left out: %zu in boilerplate (", t->boiler);
		for (k = 0; k < t->nlabels; k++)
			fprintf(out, "%s%s %zu", k ? ", " : "", t->label[k],
				t->nlabel[k]);
		putc(')', out);
	}
	fputs(".\n", out);
}

void
report_markdown(FILE *out, const struct alignment *al,
		const struct changes *ch, const char *const *labels)
{
	struct md m = { out, false, false };
	struct tally t = { 0 };
	struct walk w = { NULL, al, &t, { 0 }, false, 0, 0, 0, false };

	walk_all(&w, ch, labels);	/* count first, for the summary */
	fputs("# Changes from ", out);
	md_path(&m, al->a->text->path);
	fputs(" to ", out);
	md_path(&m, al->b->text->path);
	fputs("\n\n", out);
	put_summary(out, ch, &t);
	memset(&t, 0, sizeof t);
	w = (struct walk){ &m, al, &t, { 0 }, false, 0, 0, 0, false };
	walk_all(&w, ch, labels);
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

struct report_args {
	const struct alignment *al;
	const struct changes *ch;
	const char *const *labels;
};

static int
report_body(FILE *f, void *arg)
{
	const struct report_args *r = arg;

	report_markdown(f, r->al, r->ch, r->labels);
	return 0;
}

int
report_write(const char *path, const struct alignment *al,
	     const struct changes *ch, const char *const *labels,
	     struct vs_error *err)
{
	struct stat st;
	mode_t mode, mask;
	struct report_args args = { al, ch, labels };

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
	if (atomic_write(path, mode, report_body, &args) != 0) {
		vs_error_set(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
