/*
 * html-charset.c — a page's bytes made the valid UTF-8 libxml2 reads.
 *
 * The page is decoded to UTF-8 here, not by libxml2: with an encoder
 * installed libxml2 can only report positions in its converted buffer
 * (xmlByteConsumed() then re-encodes the unparsed rest on every call,
 * which is quadratic), and its conversion errors are printed through the
 * generic error handler whatever the parse options say ("encoding error :
 * input conversion failed ...", after which the rest of the page is lost).
 * So the page becomes a valid UTF-8 buffer `u` without NUL bytes, and a
 * map from u back to the raw bytes (no map when u is the raw bytes after a
 * BOM, the common case).  UTF-16 and other charsets decode as plain text
 * does (decode.h); what is the page's own here is finding the charset (its
 * <meta>) and cleaning what libxml2 would drop.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "decode.h"
#include "html-int.h"
#include "xalloc.h"

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
 * An attribute's value at s[*i]: quoted ('...' or "..."), or with `bare`
 * up to a space or '>'.  Its start goes in *val and *i past it and its
 * closing quote; returns its length, or -1 (not bare) when unquoted.
 */
static long
html_attr_value(const uint8_t *s, size_t n, size_t *i, bool bare,
    const uint8_t **val)
{
	size_t	j = *i;
	uint8_t	q;

	if (j < n && (s[j] == '"' || s[j] == '\'')) {
		q = s[j++];
		*val = s + j;
		while (j < n && s[j] != q)
			j++;
		*i = j < n ? j + 1 : j;
		return (long)(s + j - *val);
	}
	if (!bare)
		return -1;
	*val = s + j;
	while (j < n && !html_is_space(s[j]) && s[j] != '>')
		j++;
	*i = j;
	return (long)(s + j - *val);
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
	long	len;
	bool	equiv;

	if (n > 65536)
		n = 65536;
	if (html_starts(s, n, "<?xml")) {
		for (i = 5; i < n && s[i] != '>'; i++) {
			if (!html_starts(s + i, n - i, "encoding"))
				continue;
			i += 8;
			while (i < n && (html_is_space(s[i]) || s[i] == '='))
				i++;
			len = html_attr_value(s, n, &i, false, &val);
			if (len >= 0)
				return html_charset_name((const char *)val,
				    (size_t)len, buf, cap);
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
				vlen = (size_t)html_attr_value(s, n, &i, true,
				    &val);
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

/* Whether any byte of s[0, n) is beyond ASCII. */
static bool
html_has_high(const uint8_t *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (s[i] >= 0x80)
			return true;
	}
	return false;
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
int
html_decode(struct html_src *s, const uint8_t *raw, size_t len,
    const char *forced, const char *name, struct vs_error *err)
{
	const struct decode_unicode *u;
	char	cs[48];
	size_t	start;
	bool	sniffed, utf8;

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
	/*
	 * A page whose bytes are valid UTF-8 with some beyond ASCII is UTF-8
	 * whatever it declares: a copy saved by a browser or a tool is
	 * re-encoded and keeps its old <meta>, and text in another charset
	 * is almost never valid UTF-8 by chance.
	 */
	utf8 = u8_check(raw, len) == NULL;
	if (sniffed && strcmp(cs, "UTF-8") != 0 &&
	    !(utf8 && html_has_high(raw, len)) &&
	    html_iconv(s, cs, raw, len) == 0) {
		s->encoding = xstrdup(cs);
		return 0;
	}
	/* no usable declaration: UTF-8 if it is, else windows-1252 */
	if (utf8 || (sniffed && strcmp(cs, "UTF-8") == 0) ||
	    html_iconv(s, "WINDOWS-1252", raw, len) < 0) {
		s->encoding = xstrdup("UTF-8");
		html_clean(s, raw, len, NULL, NULL, 0);
		return 0;
	}
	s->encoding = xstrdup("WINDOWS-1252");
	return 0;
}

void
html_src_free(struct html_src *s)
{
	free(s->owned);
	free(s->map);
	free(s->encoding);
}

