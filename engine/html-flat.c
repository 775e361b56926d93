/*
 * html-flat.c — the chosen subtrees of a page flattened into paragraphs.
 *
 * The story roots (html-score.c) are walked in document order and turned
 * into paragraphs, collapsing white space as a browser does, with the
 * labels of html.h; link-heavy boxes inside the story are left out
 * (html_skip).  Each output byte records its offset in u, which html.c
 * then maps to the raw page.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html-int.h"
#include "text.h"
#include "xalloc.h"

enum { BRK_NONE, BRK_SOFT, BRK_PARA };

struct html_render {
	const struct html_tree *t;
	uint8_t	*data;
	size_t	*orig;		/* offsets in u, until step 5 */
	size_t	len, cap;
	size_t	committed;	/* data[committed, len) is pending space */
	int	brk;		/* break owed before the next text */
	size_t	brk_src;	/* where it comes from, or SIZE_MAX */
	int	brs;		/* <br> since the last text */
	const char *prefix;	/* label owed to the next text */
	const char *mark;	/* label of the paragraph being written */
	size_t	mark_start;	/* where that paragraph starts in data */
	struct text_label *labels;	/* labelled paragraphs, in order */
	size_t	nlabels, lcap;
	uint32_t zone;		/* the comment thread open, or HTML_NONE */
	uint32_t label;		/* the labelled element open, or HTML_NONE */
	int	pre;		/* depth of <pre> */
	uint32_t headline, byline;
	uint32_t root;		/* the subtree being output */
	uint32_t fig;		/* the figure whose caption is in figcap */
	char	*figcap;	/* its figcaption's flat text, or NULL */
	size_t	figcaplen;
};

static void
html_put(struct html_render *r, const uint8_t *s, size_t n, size_t from,
    bool exact)
{
	size_t	k;

	if (r->len + n + 1 > r->cap) {
		r->data = xgrow(r->data, &r->cap, r->len + n + 1, 1);
		r->orig = xreallocarray(r->orig, r->cap, sizeof *r->orig);
	}
	memcpy(r->data + r->len, s, n);
	for (k = 0; k < n; k++)
		r->orig[r->len + k] = exact ? from + k : from;
	r->len += n;
}

/* Owe a break; pending white space before it goes. */
static void
html_break(struct html_render *r, int kind, size_t src)
{
	r->len = r->committed;
	if (kind > r->brk)
		r->brk = kind;
	if (src != SIZE_MAX && (r->brk_src == SIZE_MAX || src > r->brk_src))
		r->brk_src = src;
}

/* Keep v between the last byte written and the text about to come. */
static size_t
html_clamp(const struct html_render *r, size_t v, size_t next)
{
	size_t	last = r->len > 0 ? r->orig[r->len - 1] : 0;

	if (v == SIZE_MAX || v > next)
		v = next;
	return v < last ? last : v;
}

/* Record data[start, end) as labelled, trimmed of white space. */
static void
html_label_range(struct html_render *r, size_t start, size_t end)
{
	struct text_label *l;

	while (start < end && html_is_space(r->data[start]))
		start++;
	while (end > start && html_is_space(r->data[end - 1]))
		end--;
	if (start == end)
		return;
	r->labels = xgrow(r->labels, &r->lcap, r->nlabels + 1,
	    sizeof *r->labels);
	l = &r->labels[r->nlabels++];
	l->start = start;
	l->end = end;
	l->name = r->mark;
}

/*
 * The labelled paragraph being written ends at the last text.  Text kept
 * as it is (<pre>) may hold blank lines, which end paragraphs: each piece
 * between them is labelled, so a label is always whole paragraphs.
 */
static void
html_mark_close(struct html_render *r)
{
	size_t	i, j, from;

	if (r->mark != NULL && r->committed > r->mark_start) {
		from = r->mark_start;
		for (i = from; i < r->committed; i++) {
			if (r->data[i] != '\n')
				continue;
			for (j = i + 1; j < r->committed && (r->data[j] == ' ' ||
			    r->data[j] == '\t' || r->data[j] == '\r'); j++)
				continue;
			if (j < r->committed && r->data[j] == '\n') {
				html_label_range(r, from, i);
				from = j;
				i = j - 1;
			}
		}
		html_label_range(r, from, r->committed);
	}
	r->mark = NULL;
}

/*
 * Text is coming: pay the break and the label owed.  In a comment thread
 * every paragraph is labelled "comments".
 */
static void
html_flush(struct html_render *r, size_t next)
{
	if (r->zone != HTML_NONE && r->brk == BRK_PARA)
		html_mark_close(r);
	if (r->brk != BRK_NONE && r->committed > 0) {
		r->len = r->committed;
		html_put(r, (const uint8_t *)"\n\n", r->brk == BRK_PARA ? 2 : 1,
		    html_clamp(r, r->brk_src, next), false);
	}
	if (r->prefix != NULL) {
		html_mark_close(r);
		r->mark = r->prefix;
		r->mark_start = r->len;
		r->prefix = NULL;
	} else if (r->zone != HTML_NONE && r->mark == NULL) {
		r->mark = "comments";
		r->mark_start = r->len;
	}
	r->brk = BRK_NONE;
	r->brk_src = SIZE_MAX;
	r->brs = 0;
}

/* A run of text bytes that are neither white space nor no-break space. */
static void
html_content(struct html_render *r, const uint8_t *s, size_t n, size_t from,
    bool exact)
{
	if (r->brk != BRK_NONE || r->prefix != NULL || r->committed == 0)
		html_flush(r, from);
	html_put(r, s, n, from, exact);
	r->committed = r->len;
}

/*
 * Collapsible white space: one space between two texts, none at the
 * start of a paragraph or line, none before a break.
 */
static void
html_space(struct html_render *r, size_t src)
{
	if (r->brk != BRK_NONE || r->committed == 0 || r->prefix != NULL)
		return;
	if (r->len > r->committed && r->data[r->len - 1] == ' ')
		return;
	html_put(r, (const uint8_t *)" ", 1, src, false);
}

/*
 * White space that is kept (<pre>, and U+00A0 anywhere) but only between
 * texts: a paragraph of no-break spaces is an empty paragraph.
 */
static void
html_keep_space(struct html_render *r, const uint8_t *s, size_t n,
    size_t from, bool exact)
{
	if (r->brk != BRK_NONE || r->committed == 0 || r->prefix != NULL)
		return;
	html_put(r, s, n, from, exact);
}

/* A text node (or attribute text): collapse, keep, or copy each byte. */
static void
html_text(struct html_render *r, const uint8_t *s, size_t n, size_t src,
    size_t vsrc, bool exact)
{
	size_t	i = 0, j, base = exact ? vsrc : src;
	uint8_t	c;

#define AT(k)	(exact ? base + (k) : base)
	while (i < n) {
		c = s[i];
		if (r->pre && (c == '\r' || c == '\n')) {
			if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
				i++;
			html_keep_space(r, (const uint8_t *)"\n", 1, AT(i),
			    false);
			i++;
			continue;
		}
		if (r->pre && (c == ' ' || c == '\t')) {
			html_keep_space(r, s + i, 1, AT(i), false);
			i++;
			continue;
		}
		if (html_is_space(c)) {
			html_space(r, AT(i));
			i++;
			continue;
		}
		if (c == 0xc2 && i + 1 < n && s[i + 1] == 0xa0) {
			html_keep_space(r, s + i, 2, AT(i), exact);
			i += 2;
			continue;
		}
		for (j = i + 1; j < n && !html_is_space(s[j]) &&
		    !(s[j] == 0xc2 && j + 1 < n && s[j + 1] == 0xa0); j++)
			continue;
		html_content(r, s + i, j - i, AT(i), exact);
		i = j;
	}
#undef AT
}

static void
html_node_text(struct html_render *r, const struct html_node *n)
{
	html_text(r, r->t->pool + n->text, n->tlen, n->src, n->vsrc,
	    (n->flags & HF_EXACT) != 0);
}

static void
html_label(struct html_render *r, uint32_t e, const char *label)
{
	html_break(r, BRK_PARA, r->t->node[e].src);
	r->prefix = label;
	r->label = e;
}

static void
html_unlabel(struct html_render *r)
{
	html_mark_close(r);
	html_break(r, BRK_PARA, SIZE_MAX);
	r->prefix = NULL;
	r->label = HTML_NONE;
}

/*
 * An image's alt text, as a caption paragraph, unless it is inside a
 * caption already or repeats its figure's caption.
 */
static void
html_alt(struct html_render *r, uint32_t img)
{
	const struct html_tree *t = r->t;
	const struct html_node *n = &t->node[img];
	uint32_t a = n->parent, level, i;
	char	*alt;
	size_t	alen;
	bool	same = false;

	if (r->label != HTML_NONE || n->tlen == 0)
		return;
	alt = html_flat_text(t, img, &alen);
	if (alen == 0) {
		free(alt);
		return;
	}
	for (level = 0; level < 4 && a != 0; level++, a = t->node[a].parent) {
		if (t->node[a].tag != HT_FIGURE)
			continue;
		/* once per figure: a figure of many images stays linear */
		if (r->fig != a) {
			free(r->figcap);
			r->figcap = NULL;
			r->figcaplen = 0;
			r->fig = a;
			for (i = a + 1; i < t->node[a].end; i++) {
				if (t->node[i].tag == HT_FIGCAPTION) {
					r->figcap = html_flat_text(t, i,
					    &r->figcaplen);
					break;
				}
			}
		}
		same = r->figcap != NULL && r->figcaplen == alen &&
		    memcmp(r->figcap, alt, alen) == 0;
		break;
	}
	free(alt);
	if (same)
		return;
	html_label(r, img, "caption");
	html_node_text(r, n);
	html_unlabel(r);
}

/*
 * Whether block e is a dateline: 1 to 80 characters, and named as a date
 * (class or id: dateline, timestamp, fecha, datum, "date" as a part of a
 * name...) or mostly a <time> or an inline element so named.  Dates are
 * what changes between two captures of the same story ("Updated 3.45
 * pm"): labelled, they fold away with the rest of the page's furniture.
 */
static bool
html_dateline(const struct html_tree *t, uint32_t e)
{
	const struct html_node *n = &t->node[e], *c;
	uint32_t i, seen = 0;

	if (!(html_tag_flags(n->tag) & TF_BLOCK) || n->chars == 0 ||
	    n->chars > 80)
		return false;
	if (n->flags & HF_DATE)
		return true;
	for (i = e + 1; i < n->end && seen++ < 32; i++) {
		c = &t->node[i];
		if ((c->tag == HT_TIME || (c->flags & HF_DATE)) &&
		    !(html_tag_flags(c->tag) & TF_BLOCK) &&
		    (uint64_t)c->chars * 2 >= n->chars)
			return true;
	}
	return false;
}

static void
html_open(struct html_render *r, uint32_t e)
{
	const struct html_node *n = &r->t->node[e];
	uint8_t	tf = html_tag_flags(n->tag);
	const char *label = NULL;

	if (e == r->headline)
		label = "headline";
	else if (e == r->byline)
		label = "byline";
	else if (n->tag == HT_FIGCAPTION)
		label = "caption";
	else if (html_dateline(r->t, e))
		label = "dateline";
	/* a thread, not the story's wrapper named "comments-enabled" */
	if ((n->flags & HF_COMMENTS) && r->zone == HTML_NONE &&
	    r->label == HTML_NONE && (tf & TF_BLOCK) && e != r->root &&
	    (uint64_t)n->nchars * 10 < (uint64_t)r->t->node[r->root].nchars * 9) {
		html_break(r, BRK_PARA, n->src);
		r->zone = e;
	}
	if (label != NULL && r->label == HTML_NONE)
		html_label(r, e, label);
	else if (tf & TF_BLOCK)
		html_break(r, r->label != HTML_NONE ? BRK_SOFT : BRK_PARA,
		    n->src);
	if (tf & TF_PRE)
		r->pre++;
	if (tf & TF_CELL)
		html_space(r, n->src);
	switch (n->tag) {
	case HT_BR:
		r->brs++;
		html_break(r, r->brs >= 2 && r->label == HTML_NONE ?
		    BRK_PARA : BRK_SOFT, n->src);
		break;
	case HT_IMG:
		html_alt(r, e);
		break;
	case HT_META:
		if (e == r->headline)
			html_node_text(r, n);
		break;
	}
}

static void
html_close(struct html_render *r, uint32_t e)
{
	const struct html_node *n = &r->t->node[e];
	uint8_t	tf = html_tag_flags(n->tag);

	if (e == r->zone) {
		html_mark_close(r);
		html_break(r, BRK_PARA, SIZE_MAX);
		r->zone = HTML_NONE;
	}
	if (e == r->label)
		html_unlabel(r);
	else if (tf & TF_BLOCK)
		html_break(r, r->label != HTML_NONE ? BRK_SOFT : BRK_PARA,
		    SIZE_MAX);
	if ((tf & TF_PRE) && r->pre > 0)
		r->pre--;
}

/*
 * Whether a descendant of a story root is left out: dropped elements,
 * <header> (its headline and byline are found apart), forms (comment and
 * newsletter forms; but not one holding most of the story, as on pages
 * wrapped whole in a <form>), boxes of links (HF_LINKBOX, html_measure),
 * and, as Readability removes them, boxes named like boilerplate: unless
 * one holds nine tenths of the story or more (then it is the story's own
 * wrapper, whatever its name) and is not a quarter links.  Comment
 * threads are never left out so: they are labelled.
 */
static bool
html_skip(const struct html_render *r, uint32_t e)
{
	const struct html_node *n = &r->t->node[e];

	if (n->flags & HF_DROPOWN)
		return true;
	if (n->tag == HT_HEADER)
		return true;
	if (n->tag == HT_FORM)
		return (uint64_t)n->chars * 2 < r->t->node[r->root].chars;
	if (e == r->headline || e == r->byline || r->label != HTML_NONE)
		return false;
	if (n->flags & HF_LINKBOX)
		return true;
	if (!html_boxable(n->tag) || (n->flags & HF_COMMENTS))
		return false;
	return (n->flags & HF_UNLOWN) &&
	    ((uint64_t)n->nchars * 10 < (uint64_t)r->t->node[r->root].nchars *
	    9 || (uint64_t)n->nlinks * 4 > n->nchars);
}

static void html_subtree(struct html_render *, uint32_t, bool);

/*
 * The headline and byline inside a part left out are output where they
 * stand; `extra` stops them from nesting.
 */
static void
html_skipped(struct html_render *r, uint32_t e)
{
	uint32_t h = r->headline, b = r->byline, x;
	const struct html_tree *t = r->t;

	if (h != HTML_NONE && !(h == e || html_inside(t, h, e)))
		h = HTML_NONE;
	if (b != HTML_NONE && !(b == e || html_inside(t, b, e)))
		b = HTML_NONE;
	if (h != HTML_NONE && b != HTML_NONE && b < h) {
		x = h;
		h = b;
		b = x;
	}
	if (h != HTML_NONE)
		html_subtree(r, h, true);
	if (b != HTML_NONE)
		html_subtree(r, b, true);
}

/* Output the subtree of root in document order. */
static void
html_subtree(struct html_render *r, uint32_t root, bool extra)
{
	const struct html_tree *t = r->t;
	uint32_t *stack, i, end = t->node[root].end;
	size_t	depth = 0, scap = 16;

	uint32_t outer = r->root;

	r->root = root;
	stack = xreallocarray(NULL, scap, sizeof *stack);
	html_break(r, BRK_PARA, t->node[root].src);
	html_open(r, root);
	stack[depth++] = root;
	for (i = root + 1; i < end;) {
		while (t->node[stack[depth - 1]].end <= i)
			html_close(r, stack[--depth]);
		if (t->node[i].tag == HT_TEXT) {
			if (!(t->node[i].flags & HF_HEAD))
				html_node_text(r, &t->node[i]);
			i++;
			continue;
		}
		if (html_skip(r, i)) {
			if (!extra)
				html_skipped(r, i);
			i = t->node[i].end;
			continue;
		}
		html_open(r, i);
		stack = xgrow(stack, &scap, depth + 1, sizeof *stack);
		stack[depth++] = i;
		i++;
	}
	while (depth > 0)
		html_close(r, stack[--depth]);
	html_break(r, BRK_PARA, SIZE_MAX);
	free(stack);
	r->root = outer;
}

static int
html_cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Render the story roots, plus the headline and byline where they stand
 * when they are outside the story.  Each is a paragraph of its own.
 */
static void
html_render(struct html_render *r, uint32_t *roots, size_t nroots)
{
	const struct html_tree *t = r->t;
	uint32_t *all = xreallocarray(NULL, nroots + 2, sizeof *all);
	uint32_t x[2] = { r->headline, r->byline };
	size_t	n = nroots, i, k;
	bool	in;

	memcpy(all, roots, nroots * sizeof *roots);
	for (k = 0; k < 2; k++) {
		if (x[k] == HTML_NONE)
			continue;
		in = false;
		for (i = 0; i < nroots && !in; i++)
			in = x[k] == roots[i] || html_inside(t, x[k], roots[i]) ||
			    html_inside(t, roots[i], x[k]);
		if (!in)
			all[n++] = x[k];
	}
	qsort(all, n, sizeof *all, html_cmp_u32);
	for (i = 0; i < n; i++)
		html_subtree(r, all[i], all[i] == r->headline ||
		    all[i] == r->byline);
	r->len = r->committed;
	free(all);
}

void
html_flatten(const struct html_tree *t, uint32_t *roots, size_t nroots,
    uint32_t headline, uint32_t byline, struct html_flat *out)
{
	struct html_render r;

	memset(&r, 0, sizeof r);
	r.t = t;
	r.brk_src = SIZE_MAX;
	r.label = HTML_NONE;
	r.zone = HTML_NONE;
	r.fig = HTML_NONE;
	r.headline = headline;
	r.byline = byline;
	r.cap = 64;
	r.data = xmalloc(r.cap);
	r.orig = xreallocarray(NULL, r.cap, sizeof *r.orig);
	if (t->nnode > 1)
		html_render(&r, roots, nroots);
	r.data = xrealloc(r.data, r.len + 1);
	r.data[r.len] = '\0';
	r.orig = xreallocarray(r.orig, r.len + 1, sizeof *r.orig);
	free(r.figcap);
	out->data = r.data;
	out->orig = r.orig;
	out->len = r.len;
	out->labels = r.labels;
	out->nlabels = r.nlabels;
}
