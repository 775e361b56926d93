/*
 * html-tree.c — libxml2's HTML parser turned into a flat tree of nodes.
 *
 * libxml2's HTML parser runs over u (html-charset.c) with our own SAX
 * handlers and no encoder, so xmlByteConsumed() is the exact byte
 * position in u at each callback.  Only libxml2's public API is used: the
 * handlers are given to htmlCreatePushParserCtxt, which takes them and
 * our state, and the whole page is pushed as one final chunk.
 * The handlers build a flat tree: nodes in document order, each element
 * knowing the index just past its last descendant, so a subtree is a
 * range of indices and no recursion is needed anywhere.  Where each node
 * starts in u is found from the parser's position (the rules are at
 * html_locate_text and html_locate_tag).  Elements that never hold
 * article text (script, style, svg, iframe ...) are not stored at all;
 * what class, id, role and itemprop say about an element is kept in its
 * flags for the later stages.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "html-int.h"
#include "xalloc.h"

#ifndef HAVE_LIBXML2

bool
html_supported(void)
{
	return false;
}

void
html_cleanup(void)
{
}

#else /* HAVE_LIBXML2 */

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

bool
html_supported(void)
{
	return true;
}

void
html_cleanup(void)
{
	xmlCleanupParser();
}

struct html_tagdef {
	const char *name;
	uint8_t	tag;
};

/*
 * Sorted by name for bsearch.  Unknown tags (custom elements, <span>,
 * <font> ...) are inline.  The skipped tags hold no article text: code,
 * styles, embedded documents and media (whose fallback text is an apology
 * for the browser), form controls, and <title>, which the headline rules
 * replace.  nav, aside, footer, menu and dialog (TF_DROP) are stored, so
 * that the elements in them are known to be dropped, and left out of the
 * story and the measures; header and form are handled apart (see
 * html_skip).
 */
static const struct html_tagdef html_tags[] = {
	{ "a", HT_A },
	{ "address", HT_ADDRESS },
	{ "applet", HT_SKIP },
	{ "area", HT_SKIP },
	{ "article", HT_ARTICLE },
	{ "aside", HT_ASIDE },
	{ "audio", HT_SKIP },
	{ "base", HT_SKIP },
	{ "blockquote", HT_BLOCKQUOTE },
	{ "body", HT_BODY },
	{ "br", HT_BR },
	{ "button", HT_SKIP },
	{ "canvas", HT_SKIP },
	{ "caption", HT_CAPTION },
	{ "center", HT_CENTER },
	{ "datalist", HT_SKIP },
	{ "dd", HT_DD },
	{ "details", HT_DETAILS },
	{ "dialog", HT_DIALOG },
	{ "dir", HT_DIR },
	{ "div", HT_DIV },
	{ "dl", HT_DL },
	{ "dt", HT_DT },
	{ "embed", HT_SKIP },
	{ "fieldset", HT_FIELDSET },
	{ "figcaption", HT_FIGCAPTION },
	{ "figure", HT_FIGURE },
	{ "footer", HT_FOOTER },
	{ "form", HT_FORM },
	{ "frame", HT_SKIP },
	{ "frameset", HT_SKIP },
	{ "h1", HT_H1 },
	{ "h2", HT_H2 },
	{ "h3", HT_H3 },
	{ "h4", HT_H4 },
	{ "h5", HT_H5 },
	{ "h6", HT_H6 },
	{ "head", HT_HEAD },
	{ "header", HT_HEADER },
	{ "hgroup", HT_HGROUP },
	{ "hr", HT_HR },
	{ "html", HT_HTML },
	{ "iframe", HT_SKIP },
	{ "img", HT_IMG },
	{ "input", HT_SKIP },
	{ "legend", HT_LEGEND },
	{ "li", HT_LI },
	{ "link", HT_SKIP },
	{ "listing", HT_LISTING },
	{ "main", HT_MAIN },
	{ "map", HT_SKIP },
	{ "math", HT_SKIP },
	{ "menu", HT_MENU },
	{ "meta", HT_META },
	{ "nav", HT_NAV },
	{ "noembed", HT_SKIP },
	{ "noframes", HT_SKIP },
	{ "noscript", HT_SKIP },
	{ "object", HT_SKIP },
	{ "ol", HT_OL },
	{ "optgroup", HT_SKIP },
	{ "option", HT_SKIP },
	{ "p", HT_P },
	{ "param", HT_SKIP },
	{ "plaintext", HT_PLAINTEXT },
	{ "pre", HT_PRE },
	{ "script", HT_SKIP },
	{ "section", HT_SECTION },
	{ "select", HT_SKIP },
	{ "source", HT_SKIP },
	{ "style", HT_SKIP },
	{ "summary", HT_SUMMARY },
	{ "svg", HT_SKIP },
	{ "table", HT_TABLE },
	{ "tbody", HT_TBODY },
	{ "td", HT_TD },
	{ "template", HT_SKIP },
	{ "textarea", HT_SKIP },
	{ "tfoot", HT_TFOOT },
	{ "th", HT_TH },
	{ "thead", HT_THEAD },
	{ "time", HT_TIME },
	{ "title", HT_SKIP },
	{ "tr", HT_TR },
	{ "track", HT_SKIP },
	{ "ul", HT_UL },
	{ "video", HT_SKIP },
	{ "xmp", HT_XMP },
};

/* What each stored tag is; unlisted tags are inline. */
static const uint8_t html_tf[HT_SKIP + 1] = {
	[HT_ADDRESS] = TF_BLOCK,
	[HT_ARTICLE] = TF_BLOCK | TF_LEAF,
	[HT_ASIDE] = TF_BLOCK | TF_DROP,
	[HT_BLOCKQUOTE] = TF_BLOCK | TF_LEAF,
	[HT_BODY] = TF_BLOCK,
	[HT_CAPTION] = TF_BLOCK,
	[HT_CENTER] = TF_BLOCK | TF_LEAF,
	[HT_DD] = TF_BLOCK,
	[HT_DETAILS] = TF_BLOCK,
	[HT_DIALOG] = TF_BLOCK | TF_DROP,
	[HT_DIR] = TF_BLOCK,
	[HT_DIV] = TF_BLOCK | TF_LEAF,
	[HT_DL] = TF_BLOCK,
	[HT_DT] = TF_BLOCK,
	[HT_FIELDSET] = TF_BLOCK,
	[HT_FIGCAPTION] = TF_BLOCK,
	[HT_FIGURE] = TF_BLOCK,
	[HT_FOOTER] = TF_BLOCK | TF_DROP,
	[HT_FORM] = TF_BLOCK,
	[HT_H1] = TF_BLOCK,
	[HT_H2] = TF_BLOCK,
	[HT_H3] = TF_BLOCK,
	[HT_H4] = TF_BLOCK,
	[HT_H5] = TF_BLOCK,
	[HT_H6] = TF_BLOCK,
	[HT_HEADER] = TF_BLOCK,
	[HT_HGROUP] = TF_BLOCK,
	[HT_HR] = TF_BLOCK,
	[HT_HTML] = TF_BLOCK,
	[HT_LEGEND] = TF_BLOCK,
	[HT_LI] = TF_BLOCK,
	[HT_LISTING] = TF_BLOCK | TF_PRE,
	[HT_MAIN] = TF_BLOCK,
	[HT_MENU] = TF_BLOCK | TF_DROP,
	[HT_NAV] = TF_BLOCK | TF_DROP,
	[HT_OL] = TF_BLOCK,
	[HT_P] = TF_BLOCK,
	[HT_PLAINTEXT] = TF_BLOCK | TF_PRE,
	[HT_PRE] = TF_BLOCK | TF_PRE,
	[HT_SECTION] = TF_BLOCK | TF_LEAF,
	[HT_SUMMARY] = TF_BLOCK,
	[HT_TABLE] = TF_BLOCK,
	[HT_TBODY] = TF_BLOCK,
	[HT_TD] = TF_CELL | TF_LEAF,
	[HT_TFOOT] = TF_BLOCK,
	[HT_TH] = TF_CELL,
	[HT_THEAD] = TF_BLOCK,
	[HT_TR] = TF_BLOCK,
	[HT_UL] = TF_BLOCK,
	[HT_XMP] = TF_BLOCK | TF_PRE,
};

#define HTML_NTAGS (sizeof html_tags / sizeof html_tags[0])

uint8_t
html_tag_flags(unsigned tag)
{
	return tag <= HT_SKIP ? html_tf[tag] : 0;
}

static int
html_tagdef_cmp(const void *key, const void *elt)
{
	return strcmp(key, ((const struct html_tagdef *)elt)->name);
}

static const struct html_tagdef *
html_tag_lookup(const char *name)
{
	return bsearch(name, html_tags, HTML_NTAGS, sizeof html_tags[0],
	    html_tagdef_cmp);
}


struct html_parse {
	struct html_tree *t;
	htmlParserCtxtPtr ctxt;
	uint32_t cur;		/* innermost open stored element */
	size_t	skip;		/* depth inside a skipped element */
	size_t	mark;		/* end of the last construct located */
};

/* The parser's byte position in u. */
static size_t
html_pos(struct html_parse *p)
{
	long	c = xmlByteConsumed(p->ctxt);

	if (c < 0)
		return p->mark;
	return (size_t)c < p->t->ulen ? (size_t)c : p->t->ulen;
}

static uint32_t
html_pool_add(struct html_tree *t, const uint8_t *s, size_t n)
{
	uint32_t at = t->plen;

	t->pool = xgrow(t->pool, &t->pcap, t->plen + n + 1, 1);
	memcpy(t->pool + t->plen, s, n);
	t->plen += n;
	return at;
}

static struct html_node *
html_new_node(struct html_parse *p, unsigned tag, uint32_t src)
{
	struct html_tree *t = p->t;
	struct html_node *n;

	t->node = xgrow(t->node, &t->cap, t->nnode + 1, sizeof *t->node);
	n = &t->node[t->nnode++];
	memset(n, 0, sizeof *n);
	n->parent = p->cur;
	n->end = t->nnode;
	n->src = src;
	n->vsrc = HTML_NONE;
	n->tag = tag;
	n->flags = t->node[p->cur].flags & HF_INHERIT;
	return n;
}

/* Length of the UTF-8 character starting with byte c (u is valid). */
static size_t
html_u8len(uint8_t c)
{
	return c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/*
 * Where the text of a characters() callback came from.  libxml2 flushes
 * text at every '<' and '&', so a callback is either a literal run or the
 * expansion of one reference, and the parser's position P is then:
 *  - just past the run (it stopped at '<', '&' or the end): the run is
 *    u[P - n, P), byte for byte;
 *  - on the last character of the run, when its 1000-byte buffer filled
 *    (HTML_PARSER_BIG_BUFFER_SIZE), or on a lone '<' that starts no tag:
 *    the run ends after that character.  Only for those two: an unknown
 *    "&le" before "&quot;" must not match the second '&';
 *  - just past a reference ("&eacute;", "&#8217;"): the nearest '&'
 *    before P starts it.  An unknown "&name" without ';' comes as "&" then
 *    "name"; the "&" maps to its '&', "name" is a literal run.
 * Anything else (not seen with libxml2 2.9) maps to the end of the last
 * construct located.
 */
static void
html_locate_text(struct html_parse *p, struct html_node *n, const uint8_t *s,
    size_t len)
{
	const uint8_t *u = p->t->u;
	size_t	ulen = p->t->ulen, P = html_pos(p), l, i;

	if (P >= len && memcmp(u + P - len, s, len) == 0) {
		n->src = n->vsrc = P - len;
		n->flags |= HF_EXACT;
		p->mark = P;
		return;
	}
	if (P < ulen && (len >= 1000 || (len == 1 && s[0] == '<'))) {
		l = html_u8len(u[P]);
		if (P + l <= ulen && P + l >= len &&
		    memcmp(u + P + l - len, s, len) == 0) {
			n->src = n->vsrc = P + l - len;
			n->flags |= HF_EXACT;
			p->mark = P + l;
			return;
		}
	}
	for (i = P; i > p->mark && P - i < 256;) {
		if (u[--i] == '&') {
			n->src = i;
			p->mark = P;
			return;
		}
	}
	n->src = p->mark < P ? p->mark : P;
	if (n->src >= ulen)
		n->src = ulen - 1;
}

static bool
html_is_namechar(uint8_t c)
{
	return !(html_is_space(c) || c == '>' || c == '/' || c == '<' ||
	    c == '=' || c == '"' || c == '\'');
}

/*
 * Where the start tag of `name` begins: the parser is on or just past its
 * '>' when it calls startElement(), so the tag is the nearest "<name" (any
 * case) before that, and after the last construct located.  An element
 * the parser implied (the <html>, <body> or <p> it adds) has no tag
 * there; it starts where the last construct ended.
 */
static uint32_t
html_locate_tag(struct html_parse *p, const char *name, uint32_t *flags)
{
	const uint8_t *u = p->t->u;
	size_t	ulen = p->t->ulen, P = html_pos(p), nl = strlen(name), i, k;

	if (P >= ulen)
		P = ulen > 0 ? ulen - 1 : 0;
	for (i = P + 1; i-- > p->mark && ulen > 0;) {
		if (u[i] != '<' || i + 1 + nl > ulen)
			continue;
		for (k = 0; k < nl; k++) {
			if (html_lower(u[i + 1 + k]) != (uint8_t)name[k])
				break;
		}
		if (k < nl || (i + 1 + nl < ulen && html_is_namechar(u[i + 1 +
		    nl])))
			continue;
		p->mark = P;
		*flags |= HF_FOUND;
		return i;
	}
	return p->mark <= P ? p->mark : P;
}

/*
 * Where the value of attribute `att` is written in the tag u[from, to),
 * if it is written literally (no entity), so that its text maps byte for
 * byte; HTML_NONE otherwise.
 */
static uint32_t
html_locate_attr(const struct html_tree *t, size_t from, size_t to,
    const char *att, const uint8_t *val, size_t vlen)
{
	const uint8_t *u = t->u;
	size_t	al = strlen(att), i, j;
	uint8_t	q;

	if (to > t->ulen)
		to = t->ulen;
	for (i = from + 1; i + al < to; i++) {
		if (!html_is_space(u[i - 1]) || !html_starts(u + i, to - i, att))
			continue;
		j = i + al;
		while (j < to && html_is_space(u[j]))
			j++;
		if (j >= to || u[j] != '=')
			continue;
		j++;
		while (j < to && html_is_space(u[j]))
			j++;
		if (j < to && (u[j] == '"' || u[j] == '\'')) {
			q = u[j++];
			if (j + vlen < to + 1 && j + vlen <= t->ulen &&
			    memcmp(u + j, val, vlen) == 0 &&
			    (j + vlen >= t->ulen || u[j + vlen] == q))
				return j;
		} else if (j + vlen <= t->ulen &&
		    memcmp(u + j, val, vlen) == 0)
			return j;
		return HTML_NONE;
	}
	return HTML_NONE;
}

/* Does the lower-cased s contain any of the words? */
static bool
html_has_any(const char *s, const char *const *words)
{
	for (; *words != NULL; words++) {
		if (strstr(s, *words) != NULL)
			return true;
	}
	return false;
}

/*
 * Class and id patterns, after Mozilla's Readability.js: "unlikely" names
 * boilerplate blocks (removed before scoring unless a "maybe" word says
 * otherwise), positive and negative weigh a candidate by 25 either way.
 * Sites name their footers, sidebars and comments in their own language,
 * so the English words have relatives: Portuguese (rodape, barra-lateral,
 * comentarios, veja-tambem), Spanish (pie de pagina, comentarios), French
 * (pied-de-page, commentaires), German (fusszeile, seitenleiste,
 * kommentare), Italian (piede, commenti), Dutch (reacties).  Words are
 * matched inside class and id values, so each is long enough not to be
 * part of an ordinary word; "pie" is matched only as a whole part of a
 * name (html_name_part).
 */
static const char *const html_unlikely[] = {
	"-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment",
	"community", "cover-wrap", "disqus", "extra", "footer", "gdpr",
	"header", "legends", "menu", "related", "remark", "replies", "rss",
	"shoutbox", "sidebar", "skyscraper", "social", "sponsor",
	"supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
	"yom-remote",
	"rodape", "rodap\xc3\xa9", "barra-lateral", "barralateral",
	"comentario", "coment\xc3\xa1rio", "veja-tambem", "leia-tambem",
	"pie-de-pagina", "piedepagina", "pie-pagina", "pied-de-page",
	"piede", "fusszeile", "fu\xc3\x9fzeile", "seitenleiste", "kommentar",
	"reactie", NULL
};
static const char *const html_maybe[] = {
	"article", "body", "column", "content", "main", "shadow", NULL
};
static const char *const html_positive[] = {
	"article", "body", "content", "entry", "hentry", "h-entry", "main",
	"page", "pagination", "post", "text", "blog", "story", "conteudo",
	"materia", "noticia", "artikel", "inhalt", "contenu", NULL
};
static const char *const html_negative[] = {
	"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
	"foot", "footer", "footnote", "gdpr", "masthead", "media", "meta",
	"outbrain", "promo", "related", "scroll", "share", "shoutbox",
	"sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool",
	"widget",
	"rodape", "rodap\xc3\xa9", "barra-lateral", "comentario",
	"coment\xc3\xa1rio", "veja-tambem", "leia-tambem", "compartilh",
	"pie-de-pagina", "pied-de-page", "piede", "fusszeile",
	"fu\xc3\x9fzeile", "seitenleiste", "kommentar", "reactie", NULL
};
/*
 * A comment thread: labelled "comments" wherever it is kept, never read
 * as the story, its names never bylines.  Not on <main> (nor on <html> and
 * <body>, whose classes are flags for the whole page:
 * "flag-unfollowComments-on").
 */
static const char *const html_comments[] = {
	"comment", "kommentar", "comentario", "coment\xc3\xa1rio", "reactie",
	"disqus", NULL
};
/* A dateline: "date" only as a whole part of a name ("update"). */
static const char *const html_dates[] = {
	"dateline", "timestamp", "pubdate", "publish-date", "published-date",
	"post-date", "article-date", "fecha", "datum", NULL
};
static const char *const html_bylines[] = {
	"byline", "author", "writtenby", NULL
};

/* Is word one of the parts of the names s, split at " ", "-" and "_"? */
static bool
html_name_part(const char *s, const char *word)
{
	size_t	wl = strlen(word);
	const char *p;

	for (p = strstr(s, word); p != NULL; p = strstr(p + 1, word)) {
		if ((p == s || p[-1] == ' ' || p[-1] == '-' || p[-1] == '_') &&
		    (p[wl] == '\0' || p[wl] == ' ' || p[wl] == '-' ||
		    p[wl] == '_'))
			return true;
	}
	return false;
}

/* Append the lower-cased v to buf (of size cap, holding *n bytes). */
static void
html_lower_append(char *buf, size_t cap, size_t *n, const char *v)
{
	if (*n > 0 && *n + 1 < cap)
		buf[(*n)++] = ' ';
	for (; *v != '\0' && *n + 1 < cap; v++)
		buf[(*n)++] = html_lower((unsigned char)*v);
	buf[*n] = '\0';
}

/* Case-insensitive substring test for attribute values. */
static bool
html_attr_has(const char *v, const char *word)
{
	char	buf[256];
	size_t	n = 0;

	html_lower_append(buf, sizeof buf, &n, v);
	return strstr(buf, word) != NULL;
}

static bool
html_attr_is(const char *v, const char *word)
{
	size_t	i;

	for (i = 0; word[i] != '\0'; i++) {
		if (html_lower((unsigned char)v[i]) != word[i])
			return false;
	}
	return v[i] == '\0';
}

/* What the attributes of element n say about it. */
static void
html_attributes(struct html_parse *p, struct html_node *n,
    const xmlChar **atts, size_t tag_end)
{
	struct html_tree *t = p->t;
	char	names[256];
	size_t	nn = 0, vlen;
	const char *a, *v, *content = NULL;
	bool	og = false;

	names[0] = '\0';
	for (; atts != NULL && atts[0] != NULL; atts += 2) {
		a = (const char *)atts[0];
		v = atts[1] != NULL ? (const char *)atts[1] : "";
		if (strcmp(a, "class") == 0 || strcmp(a, "id") == 0)
			html_lower_append(names, sizeof names, &nn, v);
		else if (strcmp(a, "rel") == 0 && html_attr_has(v, "author"))
			n->flags |= HF_BYLINE;
		else if (strcmp(a, "itemprop") == 0) {
			if (html_attr_has(v, "articlebody"))
				n->flags |= HF_BODYPROP;
			if (html_attr_has(v, "author"))
				n->flags |= HF_BYLINE;
		} else if (strcmp(a, "role") == 0) {
			if (html_attr_is(v, "main"))
				n->flags |= HF_ROLEMAIN;
			else if (html_attr_is(v, "navigation") ||
			    html_attr_is(v, "complementary") ||
			    html_attr_is(v, "banner") ||
			    html_attr_is(v, "contentinfo") ||
			    html_attr_is(v, "search") ||
			    html_attr_is(v, "dialog") ||
			    html_attr_is(v, "menu"))
				n->flags |= HF_DROPOWN | HF_DROP;
		} else if (strcmp(a, "hidden") == 0 ||
		    (strcmp(a, "aria-hidden") == 0 && html_attr_is(v, "true")))
			n->flags |= HF_DROPOWN | HF_DROP;
		else if (strcmp(a, "style") == 0) {
			char	buf[256];
			size_t	i, k = 0;

			for (i = 0; v[i] != '\0' && k + 1 < sizeof buf; i++) {
				if (!html_is_space((unsigned char)v[i]))
					buf[k++] = html_lower((unsigned char)v[i]);
			}
			buf[k] = '\0';
			if (strstr(buf, "display:none") != NULL ||
			    strstr(buf, "visibility:hidden") != NULL)
				n->flags |= HF_DROPOWN | HF_DROP;
		} else if (n->tag == HT_IMG && strcmp(a, "alt") == 0 &&
		    n->tlen == 0 && *v != '\0') {
			vlen = strlen(v);
			n->text = html_pool_add(t, (const uint8_t *)v, vlen);
			n->tlen = vlen;
			if (n->flags & HF_FOUND)
				n->vsrc = html_locate_attr(t, n->src, tag_end,
				    "alt", (const uint8_t *)v, vlen);
		} else if (n->tag == HT_META && (strcmp(a, "property") == 0 ||
		    strcmp(a, "name") == 0) && html_attr_is(v, "og:title"))
			og = true;
		else if (n->tag == HT_META && strcmp(a, "content") == 0)
			content = v;
	}
	if (og && content != NULL && *content != '\0') {
		vlen = strlen(content);
		n->flags |= HF_OGTITLE;
		n->text = html_pool_add(t, (const uint8_t *)content, vlen);
		n->tlen = vlen;
		if (n->flags & HF_FOUND)
			n->vsrc = html_locate_attr(t, n->src, tag_end,
			    "content", (const uint8_t *)content, vlen);
	}
	if (n->vsrc != HTML_NONE)
		n->flags |= HF_EXACT;
	/* the classes of <html> and <body> are flags for the whole page */
	if (nn > 0 && n->tag != HT_HTML && n->tag != HT_BODY) {
		if ((html_has_any(names, html_unlikely) ||
		    html_name_part(names, "pie")) &&
		    !html_has_any(names, html_maybe))
			n->flags |= HF_UNLOWN | HF_UNLIKELY;
		if (html_has_any(names, html_comments) &&
		    strstr(names, "commentary") == NULL && n->tag != HT_MAIN)
			n->flags |= HF_COMMENTS | HF_INCOMMENT;
		if (html_has_any(names, html_positive))
			n->flags |= HF_POSITIVE;
		if (html_has_any(names, html_negative) ||
		    html_name_part(names, "pie"))
			n->flags |= HF_NEGATIVE;
		if (html_has_any(names, html_bylines))
			n->flags |= HF_BYLINE;
		if (html_has_any(names, html_dates) ||
		    html_name_part(names, "date"))
			n->flags |= HF_DATE;
	}
}

static void
html_sax_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
	struct html_parse *p = ctx;
	const char *name = (const char *)xname;
	const struct html_tagdef *def;
	struct html_node *n;
	uint32_t flags = 0, src;
	unsigned tag;
	size_t	tag_end;

	if (p->skip > 0) {
		p->skip++;
		return;
	}
	def = html_tag_lookup(name);
	tag = def != NULL ? def->tag : HT_OTHER;
	if (tag == HT_SKIP) {
		p->skip = 1;
		return;
	}
	if (p->t->nnode >= UINT32_MAX - 1) {
		xmlStopParser(p->ctxt);
		return;
	}
	tag_end = html_pos(p) + 1;
	src = html_locate_tag(p, name, &flags);
	n = html_new_node(p, tag, src);
	n->flags |= flags;
	switch (tag) {
	case HT_HEAD:
		n->flags |= HF_HEAD;
		break;
	case HT_HEADER:
		n->flags |= HF_HEADER;
		break;
	case HT_A:
		n->flags |= HF_LINK;
		break;
	default:
		if (html_tag_flags(tag) & TF_DROP)
			n->flags |= HF_DROPOWN | HF_DROP;
		break;
	}
	html_attributes(p, n, atts, tag_end);
	p->cur = p->t->nnode - 1;
}

static void
html_sax_end(void *ctx, const xmlChar *name)
{
	struct html_parse *p = ctx;
	struct html_tree *t = p->t;

	(void)name;
	if (p->skip > 0) {
		if (--p->skip == 0)
			p->mark = html_pos(p);
		return;
	}
	if (p->cur == 0)
		return;
	t->node[p->cur].end = t->nnode;
	p->cur = t->node[p->cur].parent;
}

static void
html_sax_text(void *ctx, const xmlChar *s, int len)
{
	struct html_parse *p = ctx;
	struct html_node *n, *cur;

	if (len <= 0)
		return;
	cur = &p->t->node[p->cur];
	if (p->skip > 0 || (cur->flags & HF_HEAD) ||
	    p->t->nnode >= UINT32_MAX - 1) {
		p->mark = html_pos(p);
		return;
	}
	n = html_new_node(p, HT_TEXT, 0);
	html_locate_text(p, n, s, len);
	n->text = html_pool_add(p->t, s, len);
	n->tlen = len;
}

/* Comments, CDATA (script and style bodies), doctype, PIs: just passed. */
static void
html_sax_passed(void *ctx)
{
	struct html_parse *p = ctx;

	p->mark = html_pos(p);
}

static void
html_sax_comment(void *ctx, const xmlChar *value)
{
	(void)value;
	html_sax_passed(ctx);
}

static void
html_sax_cdata(void *ctx, const xmlChar *value, int len)
{
	(void)value;
	(void)len;
	html_sax_passed(ctx);
}

static void
html_sax_subset(void *ctx, const xmlChar *name, const xmlChar *id,
    const xmlChar *sys)
{
	(void)name;
	(void)id;
	(void)sys;
	html_sax_passed(ctx);
}

static void
html_sax_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	(void)target;
	(void)data;
	html_sax_passed(ctx);
}

/*
 * Parse u into t.  The options: RECOVER (never give up), NOERROR and
 * NOWARNING (no report handlers: nothing is printed), NONET, and
 * IGNORE_ENC so that a <meta charset> does not make libxml2 convert text
 * we already decoded.  Returns -1 if libxml2 could not even start.
 */
static bool
attr_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '/';
}

uint8_t *
html_cap_attrs(const uint8_t *u, size_t n, size_t *blanked)
{
	uint8_t *copy = NULL;
	size_t i = 0, j, nattr;
	uint8_t q;

	*blanked = 0;
	while (i < n) {
		if (u[i] != '<' || i + 1 >= n || !((u[i + 1] | 0x20) >= 'a' &&
		    (u[i + 1] | 0x20) <= 'z')) {
			i++;
			continue;
		}
		/* A start tag: its name, then attributes until '>'. */
		for (j = i + 1; j < n && !attr_space(u[j]) && u[j] != '>'; j++)
			continue;
		nattr = 0;
		while (j < n && u[j] != '>') {
			size_t start;

			if (attr_space(u[j])) {
				j++;
				continue;
			}
			start = j;
			/* name, then an optional = and value */
			while (j < n && !attr_space(u[j]) && u[j] != '>' &&
			    u[j] != '=')
				j++;
			if (j < n && u[j] == '=') {
				j++;
				if (j < n && (u[j] == '"' || u[j] == '\'')) {
					q = u[j++];
					while (j < n && u[j] != q)
						j++;
					if (j < n)
						j++;
				} else {
					while (j < n && !attr_space(u[j]) &&
					    u[j] != '>')
						j++;
				}
			}
			if (++nattr > HTML_MAX_ATTRS) {
				if (copy == NULL) {
					copy = xmalloc(n ? n : 1);
					memcpy(copy, u, n);
				}
				memset(copy + start, ' ', j - start);
				(*blanked)++;
			}
		}
		i = j;
	}
	return copy;
}

int
html_parse(struct html_tree *t)
{
	struct html_parse p;
	xmlSAXHandler sax;
	htmlParserCtxtPtr ctxt;
	struct html_node *root;
	uint8_t *capped;
	size_t blanked;

	t->node = NULL;
	t->nnode = t->cap = 0;
	t->pool = NULL;
	t->plen = t->pcap = 0;
	memset(&p, 0, sizeof p);
	p.t = t;
	root = html_new_node(&p, HT_ROOT, 0);
	root->parent = 0;
	if (t->ulen == 0)
		return 0;

	memset(&sax, 0, sizeof sax);
	sax.startElement = html_sax_start;
	sax.endElement = html_sax_end;
	sax.characters = html_sax_text;
	sax.ignorableWhitespace = html_sax_text;
	sax.cdataBlock = html_sax_cdata;
	sax.comment = html_sax_comment;
	sax.internalSubset = html_sax_subset;
	sax.processingInstruction = html_sax_pi;
	xmlInitParser();
	ctxt = htmlCreatePushParserCtxt(&sax, &p, NULL, 0, NULL,
	    XML_CHAR_ENCODING_UTF8);
	if (ctxt == NULL)
		return -1;
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
	p.ctxt = ctxt;
	capped = html_cap_attrs(t->u, t->ulen, &blanked);
	htmlParseChunk(ctxt, (const char *)(capped ? capped : t->u),
	    (int)t->ulen, 1);
	htmlFreeParserCtxt(ctxt);
	free(capped);

	/* close what the parser left open */
	while (p.cur != 0) {
		t->node[p.cur].end = t->nnode;
		p.cur = t->node[p.cur].parent;
	}
	t->node[0].end = t->nnode;
	return 0;
}

/* The text of a subtree with white space collapsed and trimmed (malloc'd). */
char *
html_flat_text(const struct html_tree *t, uint32_t e, size_t *lenp)
{
	const struct html_node *n;
	const uint8_t *s;
	size_t	cap = 64, len = 0, k, slen;
	char	*out = xmalloc(cap);
	uint32_t i, end;
	bool	space = false;

	if (t->node[e].tag == HT_META || t->node[e].tag == HT_IMG) {
		i = e;
		end = e + 1;
	} else {
		i = e + 1;
		end = t->node[e].end;
	}
	for (; i < end; i++) {
		n = &t->node[i];
		if (n->tag != HT_TEXT && i != e)
			continue;
		s = t->pool + n->text;
		slen = n->tlen;
		for (k = 0; k < slen; k++) {
			if (html_is_space(s[k])) {
				space = len > 0;
				continue;
			}
			out = xgrow(out, &cap, len + 3, 1);
			if (space)
				out[len++] = ' ';
			space = false;
			out[len++] = s[k];
		}
	}
	out[len] = '\0';
	*lenp = len;
	return out;
}

#endif /* HAVE_LIBXML2 */
