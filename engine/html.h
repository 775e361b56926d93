/*
 * html.h — the article text of a saved web page.
 *
 * html_extract() parses a page with libxml2's HTML parser and keeps what a
 * reader of the article reads: the story's paragraphs, its headline, its
 * byline and its picture captions, as UTF-8 text in the paragraph model of
 * doc.h.  Every byte of the result maps back to the byte of the page it
 * came from, so --json and the raw-source view can still point into the
 * file as saved.
 *
 * What is kept (html.c explains each rule and why):
 *  - Content: the page's own structure first (the <article> with the most
 *    text, else itemprop="articleBody", else <main> or role="main"), else
 *    the block with the best text density, as readability tools choose.
 *    Scripts, styles, navigation, headers, footers, forms, asides, buttons,
 *    frames, SVG, hidden elements and comments are dropped; so are
 *    link-heavy lists and boxes inside the story.
 *  - Paragraphs: block elements (p, div, h1-h6, li, blockquote, pre,
 *    table rows ...) are separated by a blank line ("\n\n"); <br> is a soft
 *    line end ("\n"), two or more <br> in a row a paragraph break; table
 *    cells are separated by a space.  White space collapses as a browser
 *    collapses it, except inside <pre> (where CR LF becomes LF).  A block
 *    holding only white space or no-break spaces gives no paragraph.
 *    Entities are decoded; U+00A0 stays U+00A0 inside a paragraph.
 *  - Labels are data, never words of the text: a labelled paragraph is
 *    a paragraph of its own, and `labels` says which byte range of the
 *    text it is and what it is: "headline" (the <h1>, or the og:title
 *    meta when no <h1> fits), "byline" (rel="author", or class, id or
 *    itemprop naming a byline or an author, at most 100 characters
 *    besides white space), "caption" (<figcaption>, and each non-empty
 *    img alt that does not repeat its figcaption), "dateline" (a short
 *    block named as a date or mostly a <time>), "comments" (each
 *    paragraph of a comment thread kept in the story); the rules are in
 *    doc/extraction.md.  So a page and its
 *    article text saved as plain text have the same text.
 *
 * Encodings: a byte order mark (UTF-8, UTF-16, UTF-32) wins, then <meta
 * charset>, <meta http-equiv="content-type" content="...; charset=...">,
 * an XML declaration (but a page whose bytes are valid UTF-8 beyond ASCII
 * is UTF-8 whatever it declares: a saved copy re-encoded by the browser); labels map as browsers map them (iso-8859-1,
 * us-ascii -> windows-1252; a meta claiming UTF-16 in an ASCII page means UTF-8).  With
 * no usable declaration, valid UTF-8 is UTF-8 and anything else
 * windows-1252.  An unknown label is ignored.  Invalid UTF-8 and each
 * control character libxml2 would drop become U+FFFD (form feed a space),
 * so the text is always valid UTF-8 without NUL bytes.
 *
 * Offsets, and how precise they are.  libxml2 only records line numbers,
 * so html.c decodes the page to UTF-8 itself (keeping its own map to the
 * raw bytes), hands libxml2 that UTF-8 with no encoder, and reads the
 * parser's byte position (xmlByteConsumed) in each SAX callback.  Then:
 *  - text: exact, byte for byte (a character converted from another
 *    charset maps each of its UTF-8 bytes to the first raw byte of the
 *    source character); a collapsed run of white space maps to its first
 *    byte;
 *  - a decoded entity (&amp; &eacute; &#8217; ...): every byte maps to the
 *    '&' that starts the reference;
 *  - img alt and og:title text: exact when the attribute value is written
 *    literally in the tag, else the '<' of the tag;
 *  - generated text: "\n\n", "\n" and the space between table cells map to the '<' of the
 *    tag that caused them, kept between the offsets of the text around
 *    them.  An element libxml2 implied (no tag in the source) maps to the
 *    end of the construct before it.
 * Offsets never decrease along the text as long as the page's parts come
 * in document order (they always do: a headline or byline found outside
 * the story is output where it stands in the page).  orig[i] < raw length
 * for i < len, and orig[len] is the raw length.
 *
 * How text.c uses this (the integration contract):
 *
 *	if (format == html || (format == auto && html_detect(raw, raw_len))) {
 *		struct html_article a;
 *
 *		if (html_extract_encoding(raw, raw_len, path, opts->encoding,
 *		    &a, err) < 0)
 *			return -1;		// err is filled
 *		t->owned = a.data;		// ownership moves to t
 *		t->data = a.data;
 *		t->len = a.len;
 *		t->orig = a.orig;		// len + 1 offsets into t->raw
 *		t->base = 0;
 *		t->encoding = a.encoding;
 *		// a.data is valid UTF-8 without NUL: t->invalid stays 0,
 *		// and the binary-file check has nothing to find; the
 *		// TEXT_MAX_SIZE check on t->len still applies.
 *	}
 *
 * text_free() then frees data, orig and encoding as for any converted
 * text.  html_detect() is cheap (it looks at the first 16 KiB at most) and
 * needs no libxml2.  Without libxml2 (HAVE_LIBXML2 undefined in config.h)
 * html_extract() fails with "NAME: HTML input needs libxml2 (install
 * libxml2-dev and rebuild)" and html_supported() is false; text.c may then
 * read an auto-detected page as plain text and keep the error for
 * --format html.
 *
 * The engine never prints: html.c turns off libxml2's error and warning
 * reports (HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING, and no SAX error
 * handlers), and feeds it only valid UTF-8, so malformed pages parse
 * silently.  It calls xmlInitParser() (idempotent) but not
 * xmlCleanupParser(); a program may call that at exit.
 */
#ifndef VERSUS_HTML_H
#define VERSUS_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "text.h"

struct html_article {
	uint8_t *data;		/* UTF-8, malloc'd; a NUL follows data[len] */
	size_t len;
	size_t *orig;		/* len + 1 offsets into the raw page */
	char *encoding;		/* charset the page was read in, malloc'd */
	struct text_label *labels;	/* labelled paragraphs, malloc'd */
	size_t nlabels;
};

/*
 * Whether raw looks like an HTML page: after an optional byte order mark
 * (UTF-8 or UTF-16), white space, comments and an XML declaration comes
 * "<!DOCTYPE html" or "<html" (any case).
 */
bool html_detect(const uint8_t *raw, size_t len);

/*
 * Whether HTML can be parsed: this build has libxml2.
 */
bool html_supported(void);

/* Free what libxml2 keeps for the process, for leak checkers at exit. */
void html_cleanup(void);

/*
 * Extract the article text of the page raw[0, len) into *out (see above).
 * `name` names the page in messages.  Returns 0, or -1 with out zeroed
 * and a message in err: "NAME: HTML input needs libxml2 ...", "NAME: file
 * too large" (more than TEXT_MAX_SIZE bytes of UTF-8), "NAME: cannot parse
 * HTML".  A page with no text gives len 0, not an error.
 */
int html_extract(const uint8_t *raw, size_t len, const char *name,
		 struct html_article *out, struct vs_error *err);

/*
 * The same, read in the charset `encoding` (--encoding) instead of the
 * detected one; NULL detects.  As for plain text (decode_choose), "UTF-16"
 * and "UTF-32" take their byte order from the mark, and a byte order mark
 * of another encoding fails
 * ("NAME: cannot convert from ENCODING: file starts with a UTF-8 byte
 * order mark"); so does an unknown charset ("NAME: cannot convert from
 * ENCODING: unsupported character set").
 */
int html_extract_encoding(const uint8_t *raw, size_t len, const char *name,
			  const char *encoding, struct html_article *out,
			  struct vs_error *err);

/* Free the members of a (not a itself); a zeroed article is fine. */
void html_article_free(struct html_article *a);

#endif
