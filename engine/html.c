/*
 * html.c — the article text of a saved web page (see html.h).
 *
 * Five steps, each a section below:
 *
 *  1. Decode.  The page is decoded to UTF-8 here, not by libxml2: with an
 *     encoder installed libxml2 can only report positions in its converted
 *     buffer (xmlByteConsumed() then re-encodes the unparsed rest on every
 *     call, which is quadratic), and its conversion errors are printed
 *     through the generic error handler whatever the parse options say
 *     ("encoding error : input conversion failed ...", after which the
 *     rest of the page is lost).
 *     So the page becomes a valid UTF-8 buffer `u` without NUL bytes, and
 *     a map from u back to the raw bytes (no map when u is the raw bytes
 *     after a BOM, the common case).  UTF-16 and other charsets decode as
 *     plain text does (decode.h); what is the page's own here is finding
 *     the charset (its <meta>) and cleaning what libxml2 would drop.
 *
 *  2. Parse.  libxml2's HTML parser runs over u with our own SAX handlers
 *     and no encoder, so xmlByteConsumed() is the exact byte position in u
 *     at each callback.  The handlers build a flat tree: nodes in document
 *     order, each element knowing the index just past its last descendant,
 *     so a subtree is a range of indices and no recursion is needed
 *     anywhere.  Where each node starts in u is found from the parser's
 *     position (the rules are at html_locate_text and html_locate_tag).
 *     Elements that never hold article text (script, style, svg, iframe
 *     ...) are not stored at all.
 *
 *  3. Measure and choose.  One backward pass sums, for every element, the
 *     characters, link characters and commas of its visible text.  The
 *     story is the page's own structure if it has one worth the name, else
 *     the readability choice by text density (html_choose).  The headline
 *     and the byline are chosen over the whole page.
 *
 *  4. Render.  The chosen subtrees are walked in document order and turned
 *     into paragraphs, collapsing white space as a browser does, with the
 *     labels of html.h.  Each output byte records its offset in u.
 *
 *  5. Map.  Offsets in u become offsets in the raw page.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "html.h"
#include "text.h"
#include "xalloc.h"

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

static bool
html_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
html_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
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
	memset(a, 0, sizeof *a);
}

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

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include <dlfcn.h>
#include <unistr.h>

/*
 * libxml2 is opened when a page is first read (dlopen), not linked: it
 * brings ICU and the C++ runtime with it, and loading those took longer
 * than comparing two 1 MB text files.  The few functions used are reached
 * through lx, typed by libxml2's own headers.
 */
static struct {
	bool tried, ok;
	char why[160];
	__typeof__(&xmlInitParser) InitParser;
	__typeof__(&htmlCreateMemoryParserCtxt) CreateMemoryParserCtxt;
	__typeof__(&htmlCtxtUseOptions) CtxtUseOptions;
	__typeof__(&xmlSwitchEncoding) SwitchEncoding;
	__typeof__(&htmlParseDocument) ParseDocument;
	__typeof__(&htmlFreeParserCtxt) FreeParserCtxt;
	__typeof__(&xmlByteConsumed) ByteConsumed;
	__typeof__(&xmlStopParser) StopParser;
	__typeof__(&xmlCleanupParser) CleanupParser;
} lx;

/* The library's names: Debian 12's, then later libxml2's (2.14 on). */
static const char *const lx_names[] = {
	"libxml2.so.2", "libxml2.so.16", "libxml2.so",
};

static bool
lx_open(void)
{
	void *h = NULL;
	size_t i;
	const char *e;

	if (lx.tried)
		return lx.ok;
	lx.tried = true;
	for (i = 0; i < sizeof lx_names / sizeof lx_names[0] && !h; i++)
		h = dlopen(lx_names[i], RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		e = dlerror();
		snprintf(lx.why, sizeof lx.why, "%s", e ? e : "not found");
		return false;
	}
#define LX(field, name) \
	(lx.field = (__typeof__(lx.field))dlsym(h, name)) != NULL
	lx.ok = LX(InitParser, "xmlInitParser") &&
	    LX(CreateMemoryParserCtxt, "htmlCreateMemoryParserCtxt") &&
	    LX(CtxtUseOptions, "htmlCtxtUseOptions") &&
	    LX(SwitchEncoding, "xmlSwitchEncoding") &&
	    LX(ParseDocument, "htmlParseDocument") &&
	    LX(FreeParserCtxt, "htmlFreeParserCtxt") &&
	    LX(ByteConsumed, "xmlByteConsumed") &&
	    LX(StopParser, "xmlStopParser") &&
	    LX(CleanupParser, "xmlCleanupParser");
#undef LX
	if (!lx.ok)
		snprintf(lx.why, sizeof lx.why, "a function is missing");
	else
		lx.InitParser();
	/* Never closed: it is in use until the process ends. */
	return lx.ok;
}

bool
html_supported(void)
{
	return lx_open();
}

void
html_cleanup(void)
{
	if (lx.ok)
		lx.CleanupParser();
}

/* ------------------------------------------------------------------ */
/* 1. Decoding                                                         */
/* ------------------------------------------------------------------ */

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
 * Browsers' charset labels (the WHATWG Encoding Standard) that differ from
 * what iconv would do with the label: ISO-8859-1 and ASCII pages are read
 * as windows-1252, GBK as GB18030, and so on.  A <meta> claiming UTF-16 in
 * a page that is readable as ASCII is a lie: UTF-8.
 */
static const struct {
	const char *label;
	const char *name;
} html_labels[] = {
	{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" },
	{ "unicode-1-1-utf-8", "UTF-8" }, { "utf-16", "UTF-8" },
	{ "utf-16le", "UTF-8" }, { "utf-16be", "UTF-8" },
	{ "unicode", "UTF-8" },
	{ "us-ascii", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" },
	{ "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
	{ "iso_8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
	{ "l1", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
	{ "windows-1252", "WINDOWS-1252" }, { "x-cp1252", "WINDOWS-1252" },
	{ "cp819", "WINDOWS-1252" }, { "ibm819", "WINDOWS-1252" },
	{ "iso-ir-100", "WINDOWS-1252" }, { "csisolatin1", "WINDOWS-1252" },
	{ "ansi_x3.4-1968", "WINDOWS-1252" },
	{ "x-user-defined", "WINDOWS-1252" },
	{ "iso-8859-9", "WINDOWS-1254" }, { "iso8859-9", "WINDOWS-1254" },
	{ "latin5", "WINDOWS-1254" }, { "windows-1254", "WINDOWS-1254" },
	{ "tis-620", "CP874" }, { "iso-8859-11", "CP874" },
	{ "windows-874", "CP874" },
	{ "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "x-gbk", "GB18030" },
	{ "chinese", "GB18030" }, { "csgb2312", "GB18030" },
	{ "gb18030", "GB18030" },
	{ "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" },
	{ "korean", "CP949" }, { "windows-949", "CP949" },
	{ "shift_jis", "CP932" }, { "shift-jis", "CP932" },
	{ "sjis", "CP932" }, { "x-sjis", "CP932" }, { "ms_kanji", "CP932" },
	{ "windows-31j", "CP932" }, { "csshiftjis", "CP932" },
	{ "big5", "BIG5-HKSCS" }, { "big5-hkscs", "BIG5-HKSCS" },
	{ "x-x-big5", "BIG5-HKSCS" },
};

/*
 * The charset name for a label found in the page, written to buf: a
 * browser alias, else the label upper-cased.  False for a label that
 * cannot be a charset name.
 */
static bool
html_charset_name(const char *label, size_t len, char *buf, size_t cap)
{
	char	low[48];
	size_t	i;

	while (len > 0 && html_is_space((unsigned char)*label)) {
		label++;
		len--;
	}
	while (len > 0 && html_is_space((unsigned char)label[len - 1]))
		len--;
	if (len == 0 || len >= sizeof low || len >= cap)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = label[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == ':'))
			return false;
		low[i] = html_lower(c);
	}
	low[len] = '\0';
	for (i = 0; i < sizeof html_labels / sizeof html_labels[0]; i++) {
		if (strcmp(html_labels[i].label, low) == 0) {
			strcpy(buf, html_labels[i].name);
			return true;
		}
	}
	for (i = 0; i < len; i++)
		buf[i] = low[i] >= 'a' && low[i] <= 'z' ? low[i] - 'a' + 'A' :
		    low[i];
	buf[len] = '\0';
	return true;
}

/* Case-insensitive: does s[0, n) start with lit (lower case)? */
static bool
html_starts(const uint8_t *s, size_t n, const char *lit)
{
	size_t	k;

	for (k = 0; lit[k] != '\0'; k++) {
		if (k >= n || html_lower(s[k]) != lit[k])
			return false;
	}
	return true;
}

/* Find "charset=" in a content attribute value and name its label. */
static bool
html_charset_in_content(const uint8_t *v, size_t n, char *buf, size_t cap)
{
	size_t	i, j;

	for (i = 0; i + 8 <= n; i++) {
		if (!html_starts(v + i, n - i, "charset"))
			continue;
		j = i + 7;
		while (j < n && html_is_space(v[j]))
			j++;
		if (j >= n || v[j] != '=')
			continue;
		j++;
		while (j < n && html_is_space(v[j]))
			j++;
		if (j < n && (v[j] == '"' || v[j] == '\''))
			j++;
		i = j;
		while (j < n && v[j] != ';' && v[j] != '"' && v[j] != '\'' &&
		    !html_is_space(v[j]))
			j++;
		return html_charset_name((const char *)v + i, j - i, buf,
		    cap);
	}
	return false;
}

/*
 * The charset a page declares: an XML declaration's encoding, or a <meta>
 * with charset, or http-equiv="content-type" with a content holding
 * "charset=".  Like the prescan of the HTML standard, but over the first
 * 64 KiB (pages with long inline scripts put their <meta> late) and
 * stopping at <body.  Comments are skipped.
 */
static bool
html_sniff_charset(const uint8_t *s, size_t n, char *buf, size_t cap)
{
	const uint8_t *name, *val, *content = NULL;
	size_t	i = 0, nlen, vlen, clen = 0;
	bool	equiv;
	uint8_t	q;

	if (n > 65536)
		n = 65536;
	if (html_starts(s, n, "<?xml")) {
		for (i = 5; i < n && s[i] != '>'; i++) {
			if (!html_starts(s + i, n - i, "encoding"))
				continue;
			i += 8;
			while (i < n && (html_is_space(s[i]) || s[i] == '='))
				i++;
			if (i < n && (s[i] == '"' || s[i] == '\'')) {
				q = s[i++];
				val = s + i;
				while (i < n && s[i] != q)
					i++;
				return html_charset_name((const char *)val,
				    (size_t)(s + i - val), buf, cap);
			}
			break;
		}
	}
	while (i < n) {
		if (s[i] != '<') {
			i++;
			continue;
		}
		if (html_starts(s + i, n - i, "<!--")) {
			for (i += 4; i < n; i++) {
				if (html_starts(s + i, n - i, "-->"))
					break;
			}
			continue;
		}
		if (html_starts(s + i, n - i, "<body"))
			return false;
		if (!html_starts(s + i, n - i, "<meta") || i + 5 >= n ||
		    !(html_is_space(s[i + 5]) || s[i + 5] == '/')) {
			i++;
			continue;
		}
		/* the attributes of one <meta> */
		i += 5;
		equiv = false;
		content = NULL;
		for (;;) {
			while (i < n && (html_is_space(s[i]) || s[i] == '/'))
				i++;
			if (i >= n || s[i] == '>')
				break;
			name = s + i;
			while (i < n && !html_is_space(s[i]) && s[i] != '=' &&
			    s[i] != '>' && s[i] != '/')
				i++;
			nlen = s + i - name;
			while (i < n && html_is_space(s[i]))
				i++;
			val = s + i;
			vlen = 0;
			if (i < n && s[i] == '=') {
				i++;
				while (i < n && html_is_space(s[i]))
					i++;
				if (i < n && (s[i] == '"' || s[i] == '\'')) {
					q = s[i++];
					val = s + i;
					while (i < n && s[i] != q)
						i++;
					vlen = s + i - val;
					if (i < n)
						i++;
				} else {
					val = s + i;
					while (i < n && !html_is_space(s[i]) &&
					    s[i] != '>')
						i++;
					vlen = s + i - val;
				}
			}
			if (nlen == 7 && html_starts(name, nlen, "charset"))
				return html_charset_name((const char *)val,
				    vlen, buf, cap);
			if (nlen == 10 && html_starts(name, nlen,
			    "http-equiv") && vlen == 12 &&
			    html_starts(val, vlen, "content-type"))
				equiv = true;
			if (nlen == 7 && html_starts(name, nlen, "content")) {
				content = val;
				clen = vlen;
			}
		}
		if (equiv && content != NULL &&
		    html_charset_in_content(content, clen, buf, cap))
			return true;
	}
	return false;
}

/* Bytes 0x20-0x7f only, eight at a time (see html_clean). */
static size_t
html_ascii_prefix(const uint8_t *s, size_t n)
{
	size_t	i = 0;
	uint64_t w;

	while (n - i >= 8) {
		memcpy(&w, s + i, 8);
		if (((w - UINT64_C(0x2020202020202020)) | w) &
		    UINT64_C(0x8080808080808080))
			break;
		i += 8;
	}
	return i;
}

/*
 * What replaces the character at s[i]: 0 if it stays, else the byte
 * length it covers in *used and the replacement in *rep.  libxml2 drops
 * the C0 controls other than tab, LF and CR, and U+FFFE and U+FFFF, from
 * text (with an error we do not see), and a NUL ends its buffer: each
 * becomes U+FFFD, so nothing disappears silently, except form feed, which
 * is white space in HTML.  An invalid UTF-8 byte becomes U+FFFD too.
 */
static int
html_clean_char(const uint8_t *s, size_t n, size_t i, size_t *used,
    const char **rep)
{
	ucs4_t	uc;
	int	r;

	if (s[i] < 0x80) {
		*used = 1;
		if (s[i] >= 0x20 || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r')
			return 0;
		*rep = s[i] == '\f' ? " " : "\xef\xbf\xbd";
		return 1;
	}
	r = u8_mbtoucr(&uc, s + i, n - i);
	if (r < 0) {
		*used = 1;
		*rep = "\xef\xbf\xbd";
		return 1;
	}
	*used = r;
	if (uc == 0xfffe || uc == 0xffff) {
		*rep = "\xef\xbf\xbd";
		return 1;
	}
	return 0;
}

/*
 * Make `in` (n bytes, whose byte k comes from raw offset inmap[k], or
 * base + k without a map) the UTF-8 that libxml2 reads.  Takes ownership
 * of inowned and inmap.  When nothing needs replacing, in is used as it
 * is.
 */
static void
html_clean(struct html_src *s, const uint8_t *in, size_t n, uint8_t *inowned,
    size_t *inmap, size_t base)
{
	const char *rep;
	size_t	i, j, k, used, outlen = 0, rlen;
	bool	dirty = false;
	uint8_t	*out;
	size_t	*map;

	for (i = 0; i < n; i += used) {
		i += html_ascii_prefix(in + i, n - i);
		if (i >= n)
			break;
		if (html_clean_char(in, n, i, &used, &rep)) {
			dirty = true;
			outlen += strlen(rep) - used;
		}
	}
	if (!dirty) {
		s->u = in;
		s->len = n;
		s->owned = inowned;
		s->map = inmap;
		s->base = base;
		return;
	}
	outlen += n;
	out = xmalloc(outlen + 1);
	map = xreallocarray(NULL, outlen + 1, sizeof *map);
	for (i = 0, j = 0; i < n; i += used) {
		if (!html_clean_char(in, n, i, &used, &rep)) {
			memcpy(out + j, in + i, used);
			for (k = 0; k < used; k++)
				map[j + k] = inmap != NULL ? inmap[i + k] :
				    base + i + k;
			j += used;
			continue;
		}
		rlen = strlen(rep);
		memcpy(out + j, rep, rlen);
		for (k = 0; k < rlen; k++)
			map[j + k] = inmap != NULL ? inmap[i] : base + i;
		j += rlen;
	}
	free(inowned);
	free(inmap);
	s->u = out;
	s->len = j;
	s->owned = out;
	s->map = map;
	s->base = 0;
}

/* A Unicode encoding from raw[start..] (decode.h), cleaned for libxml2. */
static void
html_unicode(struct html_src *s, const struct decode_unicode *u,
    const uint8_t *raw, size_t len, size_t start)
{
	struct decoded d;

	s->encoding = xstrdup(u->name);
	if (u->unit == 1) {
		html_clean(s, raw + start, len - start, NULL, NULL, start);
		return;
	}
	decode_utf16_32(raw, len, start, u->unit, u->big, &d);
	html_clean(s, d.out, d.len, d.out, d.orig, 0);
}

/*
 * Any other charset (decode.h), cleaned for libxml2.  Returns 0, or -1
 * with errno.
 */
static int
html_iconv(struct html_src *s, const char *cs, const uint8_t *raw, size_t len)
{
	struct decoded d;

	if (decode_charset(cs, raw, len, &d) < 0)
		return -1;
	html_clean(s, d.out, d.len, d.out, d.orig, 0);
	return 0;
}

/*
 * Decide the charset and decode raw into s (the rules are in html.h).
 * Only a forced charset can fail.
 */
static int
html_decode(struct html_src *s, const uint8_t *raw, size_t len,
    const char *forced, const char *name, struct vs_error *err)
{
	const struct decode_unicode *u;
	char	cs[48];
	size_t	start;
	bool	sniffed;

	memset(s, 0, sizeof *s);
	/* A byte order mark or a forced name, as for plain text. */
	if (decode_choose(raw, len, forced, name, &u, &start, err) < 0)
		return -1;
	if (u != NULL) {
		html_unicode(s, u, raw, len, start);
		return 0;
	}
	if (forced != NULL) {
		if (html_iconv(s, forced, raw, len) < 0) {
			vs_error_set(err, "%s: cannot convert from %s: %s", name,
			    forced, decode_error(errno));
			return -1;
		}
		s->encoding = xstrdup(forced);
		return 0;
	}
	sniffed = html_sniff_charset(raw, len, cs, sizeof cs);
	if (sniffed && strcmp(cs, "UTF-8") != 0 &&
	    html_iconv(s, cs, raw, len) == 0) {
		s->encoding = xstrdup(cs);
		return 0;
	}
	/* no usable declaration: UTF-8 if it is, else windows-1252 */
	if (u8_check(raw, len) == NULL ||
	    (sniffed && strcmp(cs, "UTF-8") == 0) ||
	    html_iconv(s, "WINDOWS-1252", raw, len) < 0) {
		s->encoding = xstrdup("UTF-8");
		html_clean(s, raw, len, NULL, NULL, 0);
		return 0;
	}
	s->encoding = xstrdup("WINDOWS-1252");
	return 0;
}

static void
html_src_free(struct html_src *s)
{
	free(s->owned);
	free(s->map);
	free(s->encoding);
}

/* ------------------------------------------------------------------ */
/* 2. Parsing into a flat tree                                         */
/* ------------------------------------------------------------------ */

enum html_tag {
	HT_ROOT, HT_TEXT, HT_OTHER,
	HT_A, HT_ADDRESS, HT_ARTICLE, HT_ASIDE, HT_BLOCKQUOTE, HT_BODY, HT_BR,
	HT_CAPTION, HT_CENTER, HT_DD, HT_DETAILS, HT_DIALOG, HT_DIR, HT_DIV,
	HT_DL, HT_DT, HT_FIELDSET, HT_FIGCAPTION, HT_FIGURE, HT_FOOTER,
	HT_FORM, HT_H1, HT_H2, HT_H3, HT_H4, HT_H5, HT_H6, HT_HEAD, HT_HEADER,
	HT_HGROUP, HT_HR, HT_HTML, HT_IMG, HT_LEGEND, HT_LI, HT_LISTING,
	HT_MAIN, HT_MENU, HT_META, HT_NAV, HT_OL, HT_P, HT_PLAINTEXT, HT_PRE,
	HT_SECTION, HT_SUMMARY, HT_TABLE, HT_TBODY, HT_TD, HT_TFOOT, HT_TH,
	HT_THEAD, HT_TR, HT_UL, HT_XMP,
	HT_SKIP		/* never stored: script, style, svg ... */
};

/* What a tag is. */
#define TF_BLOCK	0x01	/* starts and ends a paragraph */
#define TF_DROP		0x02	/* dropped with everything in it */
#define TF_PRE		0x04	/* white space is kept */
#define TF_CELL		0x08	/* table cell: a space before it */
#define TF_LEAF		0x10	/* a paragraph when it has no block child */

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

static uint8_t
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

/*
 * Node flags.  The first group is inherited by every descendant.
 */
#define HF_DROP		0x0001u	/* in nav, aside, footer, menu, dialog, hidden */
#define HF_HEADER	0x0002u	/* in a <header> */
#define HF_HEAD		0x0004u	/* in <head> */
#define HF_LINK		0x0008u	/* in <a> */
#define HF_UNLIKELY	0x0010u	/* in an element named like boilerplate */
#define HF_INHERIT	0x001fu
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
	long	c = lx.ByteConsumed(p->ctxt);

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
 */
static const char *const html_unlikely[] = {
	"-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment",
	"community", "cover-wrap", "disqus", "extra", "footer", "gdpr",
	"header", "legends", "menu", "related", "remark", "replies", "rss",
	"shoutbox", "sidebar", "skyscraper", "social", "sponsor",
	"supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
	"yom-remote", NULL
};
static const char *const html_maybe[] = {
	"article", "body", "column", "content", "main", "shadow", NULL
};
static const char *const html_positive[] = {
	"article", "body", "content", "entry", "hentry", "h-entry", "main",
	"page", "pagination", "post", "text", "blog", "story", NULL
};
static const char *const html_negative[] = {
	"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
	"foot", "footer", "footnote", "gdpr", "masthead", "media", "meta",
	"outbrain", "promo", "related", "scroll", "share", "shoutbox",
	"sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool",
	"widget", NULL
};
static const char *const html_bylines[] = {
	"byline", "author", "writtenby", NULL
};

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
	if (nn > 0) {
		if (html_has_any(names, html_unlikely) &&
		    !html_has_any(names, html_maybe))
			n->flags |= HF_UNLOWN | HF_UNLIKELY;
		if (html_has_any(names, html_positive))
			n->flags |= HF_POSITIVE;
		if (html_has_any(names, html_negative))
			n->flags |= HF_NEGATIVE;
		if (html_has_any(names, html_bylines))
			n->flags |= HF_BYLINE;
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
		lx.StopParser(p->ctxt);
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
static int
html_parse(struct html_tree *t)
{
	struct html_parse p;
	xmlSAXHandler sax;
	htmlParserCtxtPtr ctxt;
	struct html_node *root;

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

	ctxt = lx.CreateMemoryParserCtxt((const char *)t->u, (int)t->ulen);
	if (ctxt == NULL)
		return -1;
	memset(&sax, 0, sizeof sax);
	sax.startElement = html_sax_start;
	sax.endElement = html_sax_end;
	sax.characters = html_sax_text;
	sax.ignorableWhitespace = html_sax_text;
	sax.cdataBlock = html_sax_cdata;
	sax.comment = html_sax_comment;
	sax.internalSubset = html_sax_subset;
	sax.processingInstruction = html_sax_pi;
	memcpy(ctxt->sax, &sax, sizeof sax);
	ctxt->userData = &p;
	lx.CtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
	lx.SwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	p.ctxt = ctxt;
	lx.ParseDocument(ctxt);
	lx.FreeParserCtxt(ctxt);

	/* close what the parser left open */
	while (p.cur != 0) {
		t->node[p.cur].end = t->nnode;
		p.cur = t->node[p.cur].parent;
	}
	t->node[0].end = t->nnode;
	return 0;
}

/* ------------------------------------------------------------------ */
/* 3. Measuring and choosing                                           */
/* ------------------------------------------------------------------ */

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

/*
 * Sum characters (code points other than ASCII white space), link
 * characters and commas of visible text up the tree.  Text in dropped
 * parts and in <head> counts nothing.  Nodes come in document order, so
 * walking them backwards finishes every child before its parent.
 */
static void
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
		}
		par->chars += n->chars;
		par->links += n->links;
		par->commas += n->commas;
		if (html_tag_flags(n->tag) & TF_BLOCK)
			par->flags |= HF_HASBLOCK;
	}
}

static uint32_t
html_next(const struct html_tree *t, uint32_t i)
{
	return t->node[i].tag == HT_TEXT ? i + 1 : t->node[i].end;
}

static bool
html_inside(const struct html_tree *t, uint32_t i, uint32_t root)
{
	return i > root && i < t->node[root].end;
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

/* Characters of text not in links: what a reader reads. */
static uint32_t
html_prose(const struct html_node *n)
{
	return n->chars - n->links;
}

static double
html_link_density(const struct html_node *n)
{
	return n->chars > 0 ? (double)n->links / n->chars : 0.0;
}

/*
 * The page's own structure: the <article> with the most prose, else the
 * best itemprop="articleBody", else <main> or role="main".  Only if it
 * holds a fair share of the page's prose (30%, or 500 characters): pages
 * also use <article> for teasers and comments.  Returns HTML_NONE if
 * there is none.
 */
static uint32_t
html_structural(const struct html_tree *t, uint32_t body)
{
	uint32_t best, total = html_prose(&t->node[body]), i;
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
			if (best == HTML_NONE ||
			    html_prose(n) > html_prose(&t->node[best]))
				best = i;
		}
		if (best == HTML_NONE || html_prose(&t->node[best]) == 0)
			continue;
		if (html_prose(&t->node[best]) >= 500 ||
		    (uint64_t)html_prose(&t->node[best]) * 10 >=
		    (uint64_t)total * 3)
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

/*
 * Readability's density score.  Each paragraph of 25 characters or more
 * is worth 1, plus 1 per comma, plus 1 per 100 characters (at most 3); its
 * parent gets all of it, its grandparent half, the three ancestors above
 * a sixth, a ninth and a twelfth.  A candidate starts from its tag and its
 * class (html_base_score) and ends scaled by 1 - link density, so a list
 * of links scores little however long.  With `strip`, paragraphs inside
 * elements named like boilerplate do not count.
 */
static uint32_t
html_density(struct html_tree *t, bool strip)
{
	struct html_node *n, *a;
	uint32_t i, anc, top = HTML_NONE, level;
	float	s, best = 0, f;

	for (i = 1; i < t->nnode; i++) {
		t->node[i].flags &= ~HF_CAND;
		t->node[i].score = 0;
	}
	for (i = 1; i < t->nnode; i++) {
		n = &t->node[i];
		if (n->tag == HT_TEXT || !html_is_para(n) || n->chars < 25 ||
		    (n->flags & (HF_DROP | HF_HEAD | HF_HEADER)) ||
		    (strip && (n->flags & HF_UNLIKELY)))
			continue;
		s = 1 + n->commas + (n->chars / 100 < 3 ? n->chars / 100 : 3);
		anc = n->parent;
		for (level = 0; level < 5 && anc != 0; level++) {
			a = &t->node[anc];
			if (a->tag == HT_HTML)
				break;
			if (!(a->flags & HF_CAND)) {
				a->flags |= HF_CAND;
				a->score = html_base_score(a);
			}
			a->score += s / (level == 0 ? 1 : level == 1 ? 2 :
			    level * 3);
			anc = a->parent;
		}
	}
	for (i = 1; i < t->nnode; i++) {
		n = &t->node[i];
		if (!(n->flags & HF_CAND))
			continue;
		n->score *= (float)(1.0 - html_link_density(n));
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

/*
 * The story as subtree roots in document order.  Structure first; else
 * the top density candidate with those of its siblings that score at
 * least a fifth of it (10 at least), and sibling paragraphs that read as
 * prose, as Readability joins a story split over several blocks.  If
 * nothing scores, the body.
 */
static size_t
html_choose(struct html_tree *t, uint32_t **rootsp)
{
	uint32_t *roots, body = 0, top, parent, j, i, nroots = 0;
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
	top = html_structural(t, body);
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
	parent = t->node[top].parent;
	if (parent == 0 || t->node[parent].tag == HT_HTML) {
		roots[0] = top;
		return 1;
	}
	thr = t->node[top].score * 0.2f;
	if (thr < 10)
		thr = 10;
	for (j = parent + 1; j < t->node[parent].end; j = html_next(t, j)) {
		n = &t->node[j];
		if (n->tag == HT_TEXT || (j != top && ((n->flags &
		    (HF_DROP | HF_HEADER)) || n->tag == HT_FORM)))
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

/* The text of a subtree with white space collapsed and trimmed (malloc'd). */
static char *
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
static uint32_t
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
static uint32_t
html_byline(const struct html_tree *t, uint32_t headline)
{
	const struct html_node *n;
	uint32_t i, b;

	for (i = 1; i < t->nnode; i++) {
		n = &t->node[i];
		if (!(n->flags & HF_BYLINE) || n->tag == HT_TEXT ||
		    (n->flags & (HF_DROP | HF_HEAD)) || n->chars == 0 ||
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

/* ------------------------------------------------------------------ */
/* 4. Rendering                                                        */
/* ------------------------------------------------------------------ */

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
	const char *prefix;	/* label owed before the next text */
	size_t	prefix_src;
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

/* Text is coming: pay the break and the label owed. */
static void
html_flush(struct html_render *r, size_t next)
{
	if (r->brk != BRK_NONE && r->committed > 0) {
		r->len = r->committed;
		html_put(r, (const uint8_t *)"\n\n", r->brk == BRK_PARA ? 2 : 1,
		    html_clamp(r, r->brk_src, next), false);
	}
	if (r->prefix != NULL) {
		html_put(r, (const uint8_t *)r->prefix, strlen(r->prefix),
		    html_clamp(r, r->prefix_src, next), false);
		r->prefix = NULL;
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
	r->prefix_src = r->t->node[e].src;
	r->label = e;
}

static void
html_unlabel(struct html_render *r)
{
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
	html_label(r, img, "[caption] ");
	html_node_text(r, n);
	html_unlabel(r);
}

static void
html_open(struct html_render *r, uint32_t e)
{
	const struct html_node *n = &r->t->node[e];
	uint8_t	tf = html_tag_flags(n->tag);
	const char *label = NULL;

	if (e == r->headline)
		label = "[headline] ";
	else if (e == r->byline)
		label = "[byline] ";
	else if (n->tag == HT_FIGCAPTION)
		label = "[caption] ";
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
 * wrapped whole in a <form>), and, as Readability's
 * conditional cleaning does, lists, tables and boxes that are mostly
 * links or named like boilerplate and short or link-heavy.
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
	switch (n->tag) {
	case HT_DIV: case HT_SECTION: case HT_UL: case HT_OL: case HT_DL:
	case HT_TABLE: case HT_CENTER: case HT_OTHER:
		break;
	default:
		return false;
	}
	if (n->chars > 0 && (uint64_t)n->links * 2 > n->chars)
		return true;
	return (n->flags & HF_UNLOWN) &&
	    ((uint64_t)n->links * 4 > n->chars || n->chars < 300);
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

/* ------------------------------------------------------------------ */
/* 5. The whole                                                        */
/* ------------------------------------------------------------------ */

int
html_extract_encoding(const uint8_t *raw, size_t len, const char *name,
    const char *encoding, struct html_article *out, struct vs_error *err)
{
	struct html_src s;
	struct html_tree t;
	struct html_render r;
	uint32_t *roots = NULL;
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
	if (!lx_open()) {
		vs_error_set(err, "%s: HTML input needs libxml2, which cannot "
		    "be loaded: %s", name, lx.why);
		html_src_free(&s);
		return -1;
	}
	if (html_parse(&t) < 0) {
		vs_error_set(err, "%s: cannot parse HTML", name);
		free(t.node);
		free(t.pool);
		html_src_free(&s);
		return -1;
	}
	html_measure(&t);
	nroots = html_choose(&t, &roots);

	memset(&r, 0, sizeof r);
	r.t = &t;
	r.brk_src = SIZE_MAX;
	r.label = HTML_NONE;
	r.fig = HTML_NONE;
	r.headline = html_headline(&t, roots, nroots);
	r.byline = html_byline(&t, r.headline);
	r.cap = 64;
	r.data = xmalloc(r.cap);
	r.orig = xreallocarray(NULL, r.cap, sizeof *r.orig);
	if (t.nnode > 1)
		html_render(&r, roots, nroots);

	/* 5. offsets in u -> offsets in the page */
	r.data = xrealloc(r.data, r.len + 1);
	r.data[r.len] = '\0';
	r.orig = xreallocarray(r.orig, r.len + 1, sizeof *r.orig);
	for (i = 0; i < r.len; i++)
		r.orig[i] = s.map != NULL ? s.map[r.orig[i]] :
		    s.base + r.orig[i];
	r.orig[r.len] = len;

	out->data = r.data;
	out->len = r.len;
	out->orig = r.orig;
	out->encoding = s.encoding;
	s.encoding = NULL;
	free(r.figcap);
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
