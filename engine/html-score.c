/*
 * html-score.c — measuring a page's tree and choosing what is the story.
 *
 * One backward pass sums, for every element, the characters, link
 * characters and commas of its visible text (html_measure).  The story is
 * the page's own structure if it has one worth the name, else the
 * readability choice by text density (html_choose).  The headline and the
 * byline are chosen over the whole page.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html-int.h"
#include "xalloc.h"

static bool
html_is_comma(const uint8_t *s, size_t i, size_t n)
{
	if (s[i] == ',')
		return true;
	/* U+FF0C fullwidth comma, U+3001 ideographic comma, U+060C arabic */
	if (n - i >= 3 && s[i] == 0xef && s[i + 1] == 0xbc && s[i + 2] == 0x8c)
		return true;
	if (n - i >= 3 && s[i] == 0xe3 && s[i + 1] == 0x80 && s[i + 2] == 0x81)
		return true;
	return n - i >= 2 && s[i] == 0xd8 && s[i + 1] == 0x8c;
}

/* Boxes that are left out of the story when they are mostly links. */
bool
html_boxable(unsigned tag)
{
	switch (tag) {
	case HT_DIV: case HT_SECTION: case HT_UL: case HT_OL: case HT_DL:
	case HT_TABLE: case HT_CENTER: case HT_OTHER:
		return true;
	}
	return false;
}

/*
 * Whether heading h starts with a number ("1.", "2)", "#3", "4 "): an item
 * of a list-style article, whose linked title is the item's name, not a
 * link away from the story.
 */
static bool
html_numbered(const struct html_tree *t, uint32_t h)
{
	const struct html_node *n;
	const uint8_t *s;
	uint32_t i, seen = 0;
	size_t	k, d;

	for (i = h + 1; i < t->node[h].end && seen++ < 64; i++) {
		n = &t->node[i];
		if (n->tag != HT_TEXT)
			continue;
		s = t->pool + n->text;
		for (k = 0; k < n->tlen && html_is_space(s[k]); k++)
			continue;
		if (k == n->tlen)
			continue;
		if (s[k] == '#')
			k++;
		for (d = 0; k < n->tlen && s[k] >= '0' && s[k] <= '9'; k++)
			d++;
		return d > 0 && d <= 3 && k < n->tlen && (s[k] == '.' ||
		    s[k] == ')' || s[k] == ':' || html_is_space(s[k]));
	}
	return false;
}

/*
 * Whether heading h is the title of an item with a text of its own: one
 * of the next three elements beside it is a <p> of prose (at least 10
 * characters, less than half links).  A list-style article's items are
 * such (a linked product or place name, a picture, a paragraph); a list
 * of links is not.  The siblings come later in document order, so they
 * are measured when html_measure reaches h.
 */
static bool
html_titled(const struct html_tree *t, uint32_t h)
{
	uint32_t par = t->node[h].parent, j, seen = 0;
	const struct html_node *n;

	for (j = t->node[h].end; j < t->node[par].end && seen < 3;
	    j = html_next(t, j)) {
		n = &t->node[j];
		if (n->tag == HT_TEXT)
			continue;
		seen++;
		if (n->tag == HT_P && n->chars >= n->links + 10 &&
		    (uint64_t)n->links * 2 < n->chars)
			return true;
	}
	return false;
}

/*
 * Sum characters (code points other than ASCII white space), link
 * characters and commas of visible text up the tree.  Text in dropped
 * parts and in <head> counts nothing.  Nodes come in document order, so
 * walking them backwards finishes every child before its parent.
 *
 * Beside the plain sums, the net ones (nchars, nlinks) leave out the
 * boxes of links inside an element: a box (div, section, list, table ...)
 * whose own net text is more than half links is HF_LINKBOX, pruned from
 * the story with what is in it, and counts nothing in its parent's net
 * sums; so is a box that held link boxes and has less than 40 characters
 * left (the title of a list of links: "Most popular").  So a story's
 * wrapper that also holds a "most popular" list is judged by its own
 * prose, the list apart.  Links in a numbered heading, or in the title
 * of an item with a text of its own, are not counted as links
 * (html_numbered, html_titled): those are list-style articles.  A table
 * with headers or a caption is data (an infobox, results), never a box
 * of links.
 */
void
html_measure(struct html_tree *t)
{
	struct html_node *n, *par;
	const uint8_t *s;
	size_t	i, k;

	for (i = t->nnode; i-- > 1;) {
		n = &t->node[i];
		par = &t->node[n->parent];
		if (n->tag == HT_TEXT && !(n->flags & (HF_DROP | HF_HEAD))) {
			s = t->pool + n->text;
			for (k = 0; k < n->tlen; k++) {
				if ((s[k] & 0xc0) != 0x80 && !html_is_space(s[k]))
					n->chars++;
				if (html_is_comma(s, k, n->tlen))
					n->commas++;
			}
			if (n->flags & HF_LINK)
				n->links = n->chars;
			n->nchars = n->chars;
			n->nlinks = n->links;
		} else {
			if (n->tag >= HT_H1 && n->tag <= HT_H6 &&
			    (html_numbered(t, i) || html_titled(t, i)))
				n->nlinks = 0;
			if (html_boxable(n->tag) &&
			    !(n->tag == HT_TABLE && (n->flags & HF_HASTH)) &&
			    ((n->nchars > 0 &&
			    (uint64_t)n->nlinks * 2 > n->nchars) ||
			    (n->nchars < n->chars && n->nchars < 40)))
				n->flags |= HF_LINKBOX;
		}
		if (!(n->flags & HF_LINKBOX)) {
			par->nchars += n->nchars;
			par->nlinks += n->nlinks;
		}
		par->aprose += n->tag == HT_ARTICLE ? html_prose(n) : n->aprose;
		if (n->tag == HT_TH || n->tag == HT_CAPTION ||
		    ((n->flags & HF_HASTH) && n->tag != HT_TABLE))
			par->flags |= HF_HASTH;
		par->chars += n->chars;
		par->links += n->links;
		par->commas += n->commas;
		if (html_tag_flags(n->tag) & TF_BLOCK)
			par->flags |= HF_HASBLOCK;
	}
}

/* Whether node i is one of the roots (in document order) or inside one. */
static bool
html_in_roots(const struct html_tree *t, const uint32_t *roots, size_t n,
    uint32_t i)
{
	size_t	lo = 0, hi = n, mid;

	/* the last root at or before i */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (roots[mid] <= i)
			lo = mid;
		else
			hi = mid;
	}
	return n > 0 && roots[lo] <= i && i < t->node[roots[lo]].end;
}

/*
 * The prose of a structural candidate that is its own: not in the
 * <article>s inside it (teasers, comments), and nothing for an element
 * in or named as a comment thread or boilerplate (an <article> is a
 * candidate to weigh, not a verdict: pages use it for comments, teasers
 * and "you may also like" boxes too).
 */
static uint32_t
html_own_prose(const struct html_node *n)
{
	uint32_t p = html_prose(n);

	if (n->tag != HT_ARTICLE)
		return n->flags & (HF_INCOMMENT | HF_UNLIKELY) ? 0 : p;
	if (n->flags & (HF_INCOMMENT | HF_UNLIKELY))
		return 0;
	if ((n->flags & HF_NEGATIVE) && !(n->flags & HF_POSITIVE))
		return 0;
	return p > n->aprose ? p - n->aprose : 0;
}

/*
 * The page's own structure: the <article> with the most prose of its own,
 * else the best itemprop="articleBody", else <main> or role="main".  Only
 * if it holds a fair share of the page's prose (30%, or 500 characters),
 * or if it is where the density scoring finds the story too (`dense`, or
 * an ancestor of it): else it is more likely a teaser or a comment.
 * Returns HTML_NONE if there is none.
 */
static uint32_t
html_structural(const struct html_tree *t, uint32_t body, uint32_t dense)
{
	uint32_t best, total = html_prose(&t->node[body]), i, own;
	const struct html_node *n;
	int	kind;

	for (kind = 0; kind < 3; kind++) {
		best = HTML_NONE;
		for (i = 1; i < t->nnode; i++) {
			n = &t->node[i];
			if (n->tag == HT_TEXT ||
			    (n->flags & (HF_DROP | HF_HEAD | HF_HEADER)))
				continue;
			if (kind == 0 ? n->tag != HT_ARTICLE :
			    kind == 1 ? !(n->flags & HF_BODYPROP) :
			    n->tag != HT_MAIN && !(n->flags & HF_ROLEMAIN))
				continue;
			if (best == HTML_NONE || html_own_prose(n) >
			    html_own_prose(&t->node[best]))
				best = i;
		}
		if (best == HTML_NONE)
			continue;
		own = html_own_prose(&t->node[best]);
		if (own == 0)
			continue;
		if (own >= 500 || (uint64_t)own * 10 >= (uint64_t)total * 3 ||
		    (dense != HTML_NONE && (dense == best ||
		    html_inside(t, dense, best))))
			return best;
	}
	return HTML_NONE;
}

/* A paragraph for scoring: <p>, <pre>, or a block without block child. */
static bool
html_is_para(const struct html_node *n)
{
	if (n->tag == HT_P || n->tag == HT_PRE)
		return true;
	return (html_tag_flags(n->tag) & TF_LEAF) &&
	    !(n->flags & HF_HASBLOCK);
}

static float
html_base_score(const struct html_node *n)
{
	float	s = 0;

	switch (n->tag) {
	case HT_DIV:
		s = 5;
		break;
	case HT_PRE: case HT_TD: case HT_BLOCKQUOTE:
		s = 3;
		break;
	case HT_ADDRESS: case HT_OL: case HT_UL: case HT_DL: case HT_DD:
	case HT_DT: case HT_LI: case HT_FORM:
		s = -3;
		break;
	case HT_H1: case HT_H2: case HT_H3: case HT_H4: case HT_H5: case HT_H6:
	case HT_TH:
		s = -5;
		break;
	}
	if (n->flags & HF_POSITIVE)
		s += 25;
	if (n->flags & HF_NEGATIVE)
		s -= 25;
	return s;
}

/* The last text node with visible characters, or HTML_NONE. */
static uint32_t
html_last_text(const struct html_tree *t)
{
	uint32_t i;

	for (i = t->nnode; i-- > 1;) {
		if (t->node[i].tag == HT_TEXT && t->node[i].chars > 0)
			return i;
	}
	return HTML_NONE;
}

/* Give a paragraph's score s to anc (level 0) and the ancestors above. */
static void
html_credit(struct html_tree *t, uint32_t anc, float s)
{
	struct html_node *a;
	uint32_t level;

	for (level = 0; level < 5 && anc != 0; level++) {
		a = &t->node[anc];
		if (a->tag == HT_HTML)
			break;
		if (!(a->flags & HF_CAND)) {
			a->flags |= HF_CAND;
			a->score = html_base_score(a);
		}
		a->score += s / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
		anc = a->parent;
	}
}

/* What a paragraph of `chars` characters and `commas` commas is worth. */
static float
html_para_score(uint32_t chars, uint32_t commas)
{
	return 1 + commas + (chars / 100 < 3 ? chars / 100 : 3);
}

/*
 * Text that is no paragraph element: runs of text and inline elements
 * directly inside a block that also has block children, split at block
 * children and at two <br> in a row, as browsers show them.  Each run of
 * 25 characters or more, not mostly links, is a paragraph whose parent is
 * the block itself.  Stories written as bare text between <br>s are
 * scored so, not only the <p>s of the site's footer.
 */
static void
html_loose(struct html_tree *t, uint32_t e)
{
	const struct html_node *c;
	uint32_t j, chars = 0, commas = 0, links = 0, brs = 0;
	bool	flush;

	for (j = e + 1; j <= t->node[e].end; j = html_next(t, j)) {
		flush = j == t->node[e].end;
		if (!flush) {
			c = &t->node[j];
			if (c->tag == HT_BR)
				flush = ++brs >= 2;
			else if (html_tag_flags(c->tag) & TF_BLOCK)
				flush = true;
			else if (c->chars > 0) {
				chars += c->chars;
				commas += c->commas;
				links += c->links;
				brs = 0;
			}
		}
		if (!flush)
			continue;
		if (chars >= 25 && (uint64_t)links * 2 < chars)
			html_credit(t, e, html_para_score(chars, commas));
		chars = commas = links = brs = 0;
		if (j == t->node[e].end)
			break;
	}
}

/*
 * Readability's density score.  Each paragraph of 25 characters or more
 * is worth 1, plus 1 per comma, plus 1 per 100 characters (at most 3); its
 * parent gets all of it, its grandparent half, the three ancestors above
 * a sixth, a ninth and a twelfth.  Paragraphs are <p>, <pre>, blocks
 * without block children, and runs of loose text (html_loose).  A
 * candidate starts from its tag and its class (html_base_score) and ends
 * scaled by 1 - link density, so a list of links scores little however
 * long.  With `strip`, paragraphs inside elements named like boilerplate
 * do not count.
 */
static uint32_t
html_density(struct html_tree *t, bool strip)
{
	struct html_node *n;
	uint32_t i, top = HTML_NONE, last;
	float	best = 0, f;

	for (i = 1; i < t->nnode; i++) {
		t->node[i].flags &= ~HF_CAND;
		t->node[i].score = 0;
	}
	for (i = 1; i < t->nnode; i++) {
		n = &t->node[i];
		if (n->tag == HT_TEXT ||
		    (n->flags & (HF_DROP | HF_HEAD | HF_HEADER)) ||
		    (strip && (n->flags & HF_UNLIKELY)))
			continue;
		if ((n->flags & HF_HASBLOCK) && ((html_tag_flags(n->tag) &
		    TF_LEAF) || n->tag == HT_MAIN))
			html_loose(t, i);
		if (!html_is_para(n) || n->chars < 25)
			continue;
		html_credit(t, n->parent, html_para_score(n->chars,
		    n->commas));
	}
	last = html_last_text(t);
	for (i = 1; i < t->nnode; i++) {
		n = &t->node[i];
		if (!(n->flags & HF_CAND))
			continue;
		n->score *= (float)(1.0 - html_link_density(n));
		/* the block that ends the page is likely its foot */
		if (last != HTML_NONE && i <= last && last < n->end &&
		    n->tag != HT_BODY)
			n->score *= 0.75f;
		f = n->score;
		if (top == HTML_NONE || f > best) {
			top = i;
			best = f;
		}
	}
	return top;
}

/* Whether a short paragraph reads like prose: ". " inside or a final '.'. */
static bool
html_has_sentence(const struct html_tree *t, uint32_t e)
{
	const struct html_node *n;
	uint32_t i, k;
	uint8_t	last = 0;

	for (i = e + 1; i < t->node[e].end; i++) {
		n = &t->node[i];
		if (n->tag != HT_TEXT)
			continue;
		for (k = 0; k < n->tlen; k++) {
			uint8_t c = t->pool[n->text + k];

			if (c == '.' && k + 1 < n->tlen &&
			    html_is_space(t->pool[n->text + k + 1]))
				return true;
			if (!html_is_space(c))
				last = c;
		}
	}
	return last == '.';
}

/* Whether c is the only element child of a. */
static bool
html_only_child(const struct html_tree *t, uint32_t a, uint32_t c)
{
	uint32_t j;

	for (j = a + 1; j < t->node[a].end; j = html_next(t, j)) {
		if (t->node[j].tag != HT_TEXT && j != c)
			return false;
	}
	return true;
}

/*
 * Widen the top density candidate as Readability does, for stories whose
 * paragraphs sit in several blocks of about the same worth (steps of a
 * how-to, items of a list, a story cut by advertisements):
 *  - when three or more of the next four best candidates score at least
 *    three quarters of the top one, the nearest ancestor of the top that
 *    holds three of them is the story;
 *  - then, going up, an ancestor scoring more than the block below it is
 *    the story, until one scores less than a third of the top;
 *  - an only child stands for its parent.
 */
static uint32_t
html_widen(const struct html_tree *t, uint32_t top)
{
	uint32_t best[5], nbest = 0, i, k, a, in;
	float	score, last, thr;

	for (i = 1; i < t->nnode; i++) {
		if (!(t->node[i].flags & HF_CAND))
			continue;
		score = t->node[i].score;
		for (k = nbest; k > 0 && t->node[best[k - 1]].score < score; k--)
			if (k < 5)
				best[k] = best[k - 1];
		if (k < 5) {
			best[k] = i;
			if (nbest < 5)
				nbest++;
		}
	}
	for (k = 1, in = 0; k < nbest; k++)
		in += t->node[best[k]].score >= 0.75f * t->node[top].score;
	if (in >= 3) {
		for (a = t->node[top].parent; a != 0 &&
		    t->node[a].tag != HT_BODY && t->node[a].tag != HT_HTML;
		    a = t->node[a].parent) {
			for (k = 1, in = 0; k < nbest; k++)
				in += t->node[best[k]].score >=
				    0.75f * t->node[top].score &&
				    html_inside(t, best[k], a);
			if (in >= 3) {
				top = a;
				break;
			}
		}
	}
	last = t->node[top].score;
	thr = last / 3;
	for (a = t->node[top].parent; a != 0 && t->node[a].tag != HT_BODY &&
	    t->node[a].tag != HT_HTML; a = t->node[a].parent) {
		if (!(t->node[a].flags & HF_CAND))
			continue;
		if (t->node[a].score < thr)
			break;
		if (t->node[a].score > last) {
			top = a;
			break;
		}
		last = t->node[a].score;
	}
	/* an only child stands for its parent, so its siblings can join */
	for (a = t->node[top].parent; a != 0 && t->node[a].tag != HT_BODY &&
	    t->node[a].tag != HT_HTML && html_only_child(t, a, top);
	    a = t->node[a].parent)
		top = a;
	return top;
}

/*
 * The story as subtree roots in document order.  Structure first; else
 * the top density candidate with those of its siblings that score at
 * least a fifth of it (10 at least), and sibling paragraphs that read as
 * prose, as Readability joins a story split over several blocks.  A
 * sibling block after the story that holds the last words of the page is
 * the page's foot (imprint, rights, contact), however it is named, and is
 * not joined.  If nothing scores, the body.
 */
size_t
html_choose(struct html_tree *t, uint32_t **rootsp)
{
	uint32_t *roots, body = 0, top, parent, j, i, nroots = 0, last;
	const struct html_node *n;
	float	thr;

	for (i = 1; i < t->nnode; i++) {
		if (t->node[i].tag == HT_BODY) {
			body = i;
			break;
		}
	}
	roots = xreallocarray(NULL, 1, sizeof *roots);
	*rootsp = roots;
	top = html_structural(t, body, html_density(t, true));
	if (top != HTML_NONE) {
		roots[0] = top;
		return 1;
	}
	top = html_density(t, true);
	if (top == HTML_NONE || (uint64_t)html_prose(&t->node[top]) * 4 <
	    html_prose(&t->node[body]))
		top = html_density(t, false);
	if (top == HTML_NONE) {
		roots[0] = body;
		return 1;
	}
	top = html_widen(t, top);
	parent = t->node[top].parent;
	if (parent == 0 || t->node[parent].tag == HT_HTML) {
		roots[0] = top;
		return 1;
	}
	thr = t->node[top].score * 0.2f;
	if (thr < 10)
		thr = 10;
	last = html_last_text(t);
	for (j = parent + 1; j < t->node[parent].end; j = html_next(t, j)) {
		n = &t->node[j];
		if (n->tag == HT_TEXT || (j != top && ((n->flags &
		    (HF_DROP | HF_HEADER)) || n->tag == HT_FORM)))
			continue;
		/* after the story, holding the page's last words: its foot */
		if (j > top && last != HTML_NONE && last >= j &&
		    last < n->end && n->tag != HT_P)
			continue;
		if (j != top && !((n->flags & HF_CAND) && n->score >= thr) &&
		    !(n->tag == HT_P && ((n->chars > 80 &&
		    html_link_density(n) < 0.25) || (n->chars > 0 &&
		    n->chars <= 80 && n->links == 0 &&
		    html_has_sentence(t, j)))))
			continue;
		roots = xreallocarray(roots, nroots + 1, sizeof *roots);
		roots[nroots++] = j;
	}
	*rootsp = roots;
	return nroots;
}

static bool
html_contains(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	size_t	i;

	if (nlen == 0 || nlen > hlen)
		return false;
	for (i = 0; i + nlen <= hlen; i++) {
		if (memcmp(hay + i, needle, nlen) == 0)
			return true;
	}
	return false;
}

/*
 * The headline: the first <h1> in the story; else an <h1> that og:title
 * repeats (og:title often adds " | Site Name"), else the og:title meta
 * itself; else the last <h1> before the story (the first one on a page is
 * often the site's logo).  Headings in dropped parts do not count, those
 * in a <header> do.  Only the first 50 <h1> are compared with og:title.
 */
uint32_t
html_headline(const struct html_tree *t, const uint32_t *roots,
    size_t nroots)
{
	uint32_t i, og = HTML_NONE, before = HTML_NONE, match = HTML_NONE;
	const struct html_node *n;
	char	*ogt = NULL, *h;
	size_t	oglen = 0, hlen, tried = 0;

	for (i = 1; i < t->nnode; i++) {
		n = &t->node[i];
		if ((n->flags & HF_OGTITLE) && og == HTML_NONE)
			og = i;
		if (n->tag != HT_H1 || (n->flags & (HF_DROP | HF_HEAD)) ||
		    n->chars == 0)
			continue;
		if (html_in_roots(t, roots, nroots, i)) {
			free(ogt);
			return i;
		}
		if (i < roots[0])
			before = i;
		if (og != HTML_NONE && match == HTML_NONE && tried++ < 50) {
			if (ogt == NULL)
				ogt = html_flat_text(t, og, &oglen);
			h = html_flat_text(t, i, &hlen);
			if (hlen >= 8 && (html_contains(ogt, oglen, h, hlen) ||
			    html_contains(h, hlen, ogt, oglen)))
				match = i;
			free(h);
		}
	}
	free(ogt);
	if (match != HTML_NONE)
		return match;
	if (og != HTML_NONE)
		return og;
	return before;
}

/*
 * The byline: the first element with rel="author", or an itemprop, class
 * or id naming a byline or an author, holding 1 to 100 characters other
 * than white space (an author's biography is no byline).  An inline match
 * (a link, a span) stands for its block, so "By <a>Jane Doe</a>, Paris"
 * is labelled whole; if that block is longer, the match is a name quoted
 * in prose and is passed over, since labelling it would cut a sentence
 * in two.  It must not hold or be inside the headline.
 */
uint32_t
html_byline(const struct html_tree *t, uint32_t headline)
{
	const struct html_node *n;
	uint32_t i, b;

	for (i = 1; i < t->nnode; i++) {
		n = &t->node[i];
		if (!(n->flags & HF_BYLINE) || n->tag == HT_TEXT ||
		    (n->flags & (HF_DROP | HF_HEAD | HF_INCOMMENT)) || n->chars == 0 ||
		    n->chars > 100)
			continue;
		b = i;
		if (!(html_tag_flags(n->tag) & TF_BLOCK)) {
			uint32_t a = n->parent, up = 0;

			/* (bounded: nested inline bylines stay linear) */
			while (a != 0 && up++ < 32 &&
			    !(html_tag_flags(t->node[a].tag) & TF_BLOCK))
				a = t->node[a].parent;
			if (a != 0 && !(html_tag_flags(t->node[a].tag) &
			    TF_BLOCK))
				continue;
			if (a == 0 || t->node[a].chars > 100 ||
			    t->node[a].tag == HT_BODY ||
			    t->node[a].tag == HT_HTML)
				continue;
			b = a;
		}
		if (headline != HTML_NONE && (b == headline ||
		    html_inside(t, b, headline) ||
		    html_inside(t, headline, b)))
			continue;
		return b;
	}
	return HTML_NONE;
}
