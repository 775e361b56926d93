/*
 * html.c — the article text of a saved web page (see html.h): detection,
 * and the stages that make the text, run in order.
 *
 * Five stages, one file each (html-int.h is what they share):
 *  1. Decode (html-charset.c): the page becomes valid UTF-8 `u` with a
 *     map back to its raw bytes.
 *  2. Parse (html-tree.c): libxml2's HTML parser, with our SAX handlers,
 *     builds a flat tree over u, each node knowing where it starts in u.
 *  3. Measure and choose (html-score.c): text, link and comma counts per
 *     element; the story's subtrees, the headline and the byline.
 *  4. Render (html-flat.c): the chosen subtrees become paragraphs, each
 *     byte recording its offset in u.
 *  5. Map (here): offsets in u become offsets in the raw page.
 */
#include "config.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "html-int.h"
#include "text.h"

/* ------------------------------------------------------------------ */
/* Detection (needs no libxml2)                                        */
/* ------------------------------------------------------------------ */

/* Reading the start of a page as ASCII, in UTF-8 or UTF-16. */
struct html_peek {
	const uint8_t *s;
	size_t	n;		/* bytes looked at */
	size_t	i;		/* current byte offset */
	size_t	unit;		/* 1 or 2 */
	bool	big;		/* UTF-16BE */
};

/* The ASCII character k characters ahead, 0x80 for others, -1 at end. */
static int
html_peek_char(const struct html_peek *p, size_t k)
{
	size_t	at = p->i + k * p->unit;
	unsigned c;

	if (at + p->unit > p->n)
		return -1;
	if (p->unit == 1)
		return p->s[at];
	c = p->big ? (unsigned)p->s[at] << 8 | p->s[at + 1] :
	    (unsigned)p->s[at + 1] << 8 | p->s[at];
	return c < 0x80 ? (int)c : 0x80;
}

/* Whether the next characters are `lit` (lower case), any case. */
static bool
html_peek_is(const struct html_peek *p, const char *lit)
{
	size_t	k;

	for (k = 0; lit[k] != '\0'; k++) {
		if (html_lower(html_peek_char(p, k)) != lit[k])
			return false;
	}
	return true;
}

/* Move past the first `end` at or after the current position. */
static bool
html_peek_skip_past(struct html_peek *p, const char *end)
{
	size_t	len = strlen(end);

	while (html_peek_char(p, 0) >= 0) {
		if (html_peek_is(p, end)) {
			p->i += len * p->unit;
			return true;
		}
		p->i += p->unit;
	}
	return false;
}

static void
html_peek_skip_space(struct html_peek *p)
{
	while (html_is_space(html_peek_char(p, 0)))
		p->i += p->unit;
}

bool
html_detect(const uint8_t *raw, size_t len)
{
	struct html_peek p = { raw, len < 16384 ? len : 16384, 0, 1, false };
	int	c;

	if (len >= 3 && raw[0] == 0xef && raw[1] == 0xbb && raw[2] == 0xbf)
		p.i = 3;
	else if (len >= 2 && raw[0] == 0xff && raw[1] == 0xfe) {
		p.i = 2;
		p.unit = 2;
	} else if (len >= 2 && raw[0] == 0xfe && raw[1] == 0xff) {
		p.i = 2;
		p.unit = 2;
		p.big = true;
	}
	for (;;) {
		html_peek_skip_space(&p);
		if (html_peek_is(&p, "<!--")) {
			if (!html_peek_skip_past(&p, "-->"))
				return false;
		} else if (html_peek_is(&p, "<?")) {
			if (!html_peek_skip_past(&p, ">"))
				return false;
		} else
			break;
	}
	if (html_peek_is(&p, "<!doctype")) {
		p.i += 9 * p.unit;
		if (!html_is_space(html_peek_char(&p, 0)))
			return false;
		html_peek_skip_space(&p);
		if (!html_peek_is(&p, "html"))
			return false;
		c = html_peek_char(&p, 4);
		return c == '>' || html_is_space(c);
	}
	if (html_peek_is(&p, "<html")) {
		c = html_peek_char(&p, 5);
		return c == '>' || c == '/' || html_is_space(c);
	}
	return false;
}

void
html_article_free(struct html_article *a)
{
	if (a == NULL)
		return;
	free(a->data);
	free(a->orig);
	free(a->encoding);
	free(a->labels);
	memset(a, 0, sizeof *a);
}

#ifndef HAVE_LIBXML2

int
html_extract_encoding(const uint8_t *raw, size_t len, const char *name,
    const char *encoding, struct html_article *out, struct vs_error *err)
{
	(void)raw;
	(void)len;
	(void)encoding;
	memset(out, 0, sizeof *out);
	vs_error_set(err, "%s: HTML input needs libxml2 (install libxml2-dev "
	    "and rebuild)", name);
	return -1;
}

#else /* HAVE_LIBXML2 */

int
html_extract_encoding(const uint8_t *raw, size_t len, const char *name,
    const char *encoding, struct html_article *out, struct vs_error *err)
{
	struct html_src s;
	struct html_tree t;
	struct html_flat f;
	uint32_t *roots = NULL, headline;
	size_t	nroots, i;

	memset(out, 0, sizeof *out);
	if (len > TEXT_MAX_SIZE) {
		vs_error_set(err, "%s: file too large", name);
		return -1;
	}
	if (html_decode(&s, raw, len, encoding, name, err) < 0)
		return -1;
	if (s.len > TEXT_MAX_SIZE || s.len > INT_MAX) {
		vs_error_set(err, "%s: file too large", name);
		html_src_free(&s);
		return -1;
	}
	memset(&t, 0, sizeof t);
	t.u = s.u;
	t.ulen = s.len;
	if (html_parse(&t) < 0) {
		vs_error_set(err, "%s: cannot parse HTML", name);
		free(t.node);
		free(t.pool);
		html_src_free(&s);
		return -1;
	}
	html_measure(&t);
	nroots = html_choose(&t, &roots);

	headline = html_headline(&t, roots, nroots);
	html_flatten(&t, roots, nroots, headline, html_byline(&t, headline),
	    &f);

	/* offsets in u -> offsets in the page */
	for (i = 0; i < f.len; i++)
		f.orig[i] = s.map != NULL ? s.map[f.orig[i]] :
		    s.base + f.orig[i];
	f.orig[f.len] = len;

	out->data = f.data;
	out->len = f.len;
	out->orig = f.orig;
	out->labels = f.labels;
	out->nlabels = f.nlabels;
	out->encoding = s.encoding;
	s.encoding = NULL;
	free(roots);
	free(t.node);
	free(t.pool);
	html_src_free(&s);
	return 0;
}

#endif /* HAVE_LIBXML2 */

int
html_extract(const uint8_t *raw, size_t len, const char *name,
    struct html_article *out, struct vs_error *err)
{
	return html_extract_encoding(raw, len, name, NULL, out, err);
}

