/*
 * html-int.h — what the stages of the page reader share (see html.c).
 *
 * The article text of a page is made in five stages, one file each, as
 * git's xdiff splits a diff:
 *	html-charset.c	the page's bytes -> valid UTF-8 with a map back
 *	html-tree.c	libxml2's HTML parser -> a flat tree of nodes
 *	html-score.c	measures, and the choice of story, headline, byline
 *	html-flat.c	the chosen subtrees -> paragraphs of text
 *	html.c		detection, and the stages run in order
 * Only html.c is public (html.h); this header is for those five files.
 */
#ifndef VERSUS_HTML_INT_H
#define VERSUS_HTML_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "text.h"

static inline bool
html_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static inline int
html_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Case-insensitive: does s[0, n) start with lit (lower case)? */
static inline bool
html_starts(const uint8_t *s, size_t n, const char *lit)
{
	size_t	k;

	for (k = 0; lit[k] != '\0'; k++) {
		if (k >= n || html_lower(s[k]) != lit[k])
			return false;
	}
	return true;
}

/* ---- html-charset.c ------------------------------------------------- */

/* The page as libxml2 reads it. */
struct html_src {
	const uint8_t *u;	/* valid UTF-8 without NUL or dropped controls */
	size_t	len;
	uint8_t *owned;		/* u, when it is not inside the raw bytes */
	size_t	*map;		/* u offset -> raw offset; NULL: base + offset */
	size_t	base;
	char	*encoding;	/* name recorded in html_article */
};

/*
 * Decide the charset and decode raw into s (the rules are in html.h).
 * Only a forced charset can fail: -1 with err set.
 */
int html_decode(struct html_src *s, const uint8_t *raw, size_t len,
		const char *forced, const char *name, struct vs_error *err);
void html_src_free(struct html_src *s);

/* ---- html-tree.c ---------------------------------------------------- */

enum html_tag {
	HT_ROOT, HT_TEXT, HT_OTHER,
	HT_A, HT_ADDRESS, HT_ARTICLE, HT_ASIDE, HT_BLOCKQUOTE, HT_BODY, HT_BR,
	HT_CAPTION, HT_CENTER, HT_DD, HT_DETAILS, HT_DIALOG, HT_DIR, HT_DIV,
	HT_DL, HT_DT, HT_FIELDSET, HT_FIGCAPTION, HT_FIGURE, HT_FOOTER,
	HT_FORM, HT_H1, HT_H2, HT_H3, HT_H4, HT_H5, HT_H6, HT_HEAD, HT_HEADER,
	HT_HGROUP, HT_HR, HT_HTML, HT_IMG, HT_LEGEND, HT_LI, HT_LISTING,
	HT_MAIN, HT_MENU, HT_META, HT_NAV, HT_OL, HT_P, HT_PLAINTEXT, HT_PRE,
	HT_SECTION, HT_SUMMARY, HT_TABLE, HT_TBODY, HT_TD, HT_TFOOT, HT_TH,
	HT_THEAD, HT_TIME, HT_TR, HT_UL, HT_XMP,
	HT_SKIP		/* never stored: script, style, svg ... */
};

/* What a tag is. */
#define TF_BLOCK	0x01	/* starts and ends a paragraph */
#define TF_DROP		0x02	/* dropped with everything in it */
#define TF_PRE		0x04	/* white space is kept */
#define TF_CELL		0x08	/* table cell: a space before it */
#define TF_LEAF		0x10	/* a paragraph when it has no block child */

/* The TF_ flags of a tag. */
uint8_t html_tag_flags(unsigned tag);

/*
 * Node flags.  The first group is inherited by every descendant.
 */
#define HF_DROP		0x0001u	/* in nav, aside, footer, menu, dialog, hidden */
#define HF_HEADER	0x0002u	/* in a <header> */
#define HF_HEAD		0x0004u	/* in <head> */
#define HF_LINK		0x0008u	/* in <a> */
#define HF_UNLIKELY	0x0010u	/* in an element named like boilerplate */
#define HF_INCOMMENT	0x0020u	/* in a comment thread */
#define HF_INHERIT	0x003fu
#define HF_EXACT	0x0100u	/* text maps byte for byte from vsrc */
#define HF_DROPOWN	0x0200u	/* this element is dropped (a drop root) */
#define HF_UNLOWN	0x0400u	/* this element is named like boilerplate */
#define HF_POSITIVE	0x0800u	/* class/id names a story */
#define HF_NEGATIVE	0x1000u	/* class/id names boilerplate */
#define HF_BYLINE	0x2000u	/* rel=author, or names a byline/author */
#define HF_BODYPROP	0x4000u	/* itemprop="articleBody" */
#define HF_ROLEMAIN	0x8000u	/* role="main" */
#define HF_OGTITLE	0x10000u	/* <meta property="og:title"> */
#define HF_HASBLOCK	0x20000u	/* has a block element child */
#define HF_CAND		0x40000u	/* scored as a candidate */
#define HF_FOUND	0x80000u	/* its tag was found in the source */
#define HF_COMMENTS	0x100000u	/* class/id names a comment thread */
#define HF_LINKBOX	0x200000u	/* a box of links, pruned (html_measure) */
#define HF_HASTH	0x400000u	/* a <th> or <caption> below, in its table */
#define HF_DATE		0x800000u	/* class/id names a date or a dateline */

#define HTML_NONE	UINT32_MAX

struct html_node {
	uint32_t parent;
	uint32_t end;		/* elements: index past the last descendant */
	uint32_t src;		/* offset in u of the '<', or of the text */
	uint32_t vsrc;		/* with HF_EXACT: offset in u of text[0] */
	uint32_t text, tlen;	/* text, img alt, meta content: in the pool */
	uint32_t chars;		/* visible characters (subtree) */
	uint32_t links;		/* of which inside <a> */
	uint32_t commas;
	uint32_t nchars;	/* chars, link-heavy boxes inside left out */
	uint32_t nlinks;	/* links, the same way */
	uint32_t aprose;	/* prose inside <article>s below this one */
	uint32_t flags;
	float	score;
	uint8_t	tag;
};

struct html_tree {
	const uint8_t *u;
	size_t	ulen;
	struct html_node *node;
	size_t	nnode, cap;
	uint8_t	*pool;
	size_t	plen, pcap;
};

static inline uint32_t
html_next(const struct html_tree *t, uint32_t i)
{
	return t->node[i].tag == HT_TEXT ? i + 1 : t->node[i].end;
}

static inline bool
html_inside(const struct html_tree *t, uint32_t i, uint32_t root)
{
	return i > root && i < t->node[root].end;
}

/* Characters of text not in links: what a reader reads. */
static inline uint32_t
html_prose(const struct html_node *n)
{
	return n->chars - n->links;
}

static inline double
html_link_density(const struct html_node *n)
{
	return n->chars > 0 ? (double)n->links / n->chars : 0.0;
}

/*
 * Parse t->u (t->ulen bytes) into t.  Returns -1 if libxml2 could not
 * even start.
 */
int html_parse(struct html_tree *t);

/*
 * libxml2 checks each attribute of a tag against the ones before it: a
 * tag with 200,000 attributes took over a minute.  html_parse hands it a
 * copy of the page in which every attribute of a tag after the first
 * HTML_MAX_ATTRS is blanked with spaces, so that offsets do not move.
 * html_cap_attrs returns that copy (malloc'd, n bytes) and stores how
 * many attributes it blanked in *blanked, or returns NULL, blanking
 * nothing, when no tag has more.
 */
#define HTML_MAX_ATTRS	256
uint8_t *html_cap_attrs(const uint8_t *u, size_t n, size_t *blanked);

/* The text of a subtree with white space collapsed and trimmed (malloc'd). */
char *html_flat_text(const struct html_tree *t, uint32_t e, size_t *lenp);

/* ---- html-score.c --------------------------------------------------- */

/* Sum the characters, link characters and commas of every element. */
void html_measure(struct html_tree *t);

/* Whether an element of this tag is pruned when it is a box of links. */
bool html_boxable(unsigned tag);

/* The story as subtree roots in document order, in *rootsp (malloc'd). */
size_t html_choose(struct html_tree *t, uint32_t **rootsp);

/* The headline and the byline, or HTML_NONE. */
uint32_t html_headline(const struct html_tree *t, const uint32_t *roots,
		       size_t nroots);
uint32_t html_byline(const struct html_tree *t, uint32_t headline);

/* ---- html-flat.c ---------------------------------------------------- */

/* The text made of a tree: data (NUL after len) and orig (offsets in u). */
struct html_flat {
	uint8_t	*data;
	size_t	*orig;		/* len + 1 entries, orig[len] unset */
	size_t	len;
	struct text_label *labels;	/* labelled paragraphs, in order */
	size_t	nlabels;
};

/*
 * Render the story roots, with the headline and byline where they stand
 * when they are outside the story, into *out (both arrays malloc'd).
 */
void html_flatten(const struct html_tree *t, uint32_t *roots, size_t nroots,
		  uint32_t headline, uint32_t byline, struct html_flat *out);

#endif
