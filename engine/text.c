/*
 * text.c — reading one version of an article and decoding it to UTF-8
 * (see text.h).
 *
 * Decoding rules, in the order they are applied:
 *
 *  1. The whole file is read with read(2) until end of file (file.h: at
 *     most FILE_TEXT_MAX bytes, the first block checked for NULs before
 *     the rest is read); st_size is only a hint for the first buffer, so a
 *     file that grows or shrinks while it is read, a pipe or a terminal all
 *     work.  Nothing is ever opened for writing.
 *
 *  2. Without --encoding, a byte order mark decides: UTF-8 (skipped), UTF-32
 *     LE/BE, UTF-16 LE/BE.  UTF-32LE is tried before UTF-16LE because its
 *     mark FF FE 00 00 starts with the UTF-16LE mark FF FE (a UTF-16LE text
 *     whose first character is U+0000 is not text anyway).  No mark means
 *     UTF-8.  UTF-16 without a mark is not guessed: its NUL bytes make it a
 *     binary file like any other (the user can say --encoding UTF-16LE).
 *
 *  3. With --encoding NAME: "UTF-8" (any case, with or without the dash)
 *     means no conversion; a UTF-8 mark is still skipped.  The UTF-16 and
 *     UTF-32 names skip their own mark; plain "UTF-16"/"UTF-32" take the
 *     byte order from the mark and default to big endian, as Unicode says.
 *     A mark of a different Unicode encoding than NAME is an error: the user
 *     and the file disagree and neither guess is safe.  Any other NAME goes
 *     to iconv through libunistring's u8_conv_from_encoding().
 *
 *  4. UTF-16 and UTF-32 are decoded by hand, not by iconv, and other
 *     charsets convert with iconveh_replacement_character, single-byte
 *     ones through a table (decode.c, shared with html.c).  An unknown
 *     charset is an error even for an empty file.
 *
 *  5. A NUL in the decoded text means a binary file unless allow_binary.
 *     For UTF-8 that is a NUL byte in the file; for converted text it is a
 *     U+0000 character (the NUL bytes inside UTF-16 units do not count).
 *
 *  6. Invalid UTF-8 is counted byte by byte: every byte that does not
 *     belong to a well-formed sequence (libunistring's u8_mbtoucr rejects
 *     overlong forms, encoded surrogates and values above U+10FFFF) counts
 *     once, matching the one-token-per-invalid-byte rule of doc.h.  The
 *     bytes stay in data unchanged.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unistr.h>

#include "decode.h"
#include "file.h"
#include "html.h"
#include "text.h"
#include "xalloc.h"

/*
 * Count the bytes of s that are not part of a well-formed UTF-8 sequence.
 * ASCII, the bulk of news text, is skipped eight bytes at a time.
 */
static size_t
text_count_invalid(const unsigned char *s, size_t n)
{
	size_t	i = 0, bad = 0;
	uint64_t w;
	ucs4_t	uc;
	int	r;

	while (i < n) {
		while (n - i >= 8) {
			memcpy(&w, s + i, 8);
			if ((w & UINT64_C(0x8080808080808080)) != 0)
				break;
			i += 8;
		}
		while (i < n && s[i] < 0x80)
			i++;
		if (i == n)
			break;
		r = u8_mbtoucr(&uc, s + i, n - i);
		if (r < 0) {
			/* -1 invalid, -2 incomplete: one bad byte either way */
			bad++;
			i++;
		} else
			i += r;
	}
	return bad;
}

/* UTF-16 or UTF-32 from raw[start..] into t->owned, filling t->orig. */
static void
text_decode_utf16_32(struct text *t, size_t start, size_t size, bool big)
{
	struct decoded d;

	decode_utf16_32(t->raw, t->raw_len, start, size, big, &d);
	t->replaced = d.invalid;	/* the U+FFFDs are valid UTF-8 */
	t->owned = d.out;
	t->orig = d.orig;
	t->data = d.out;
	t->len = d.len;
}

/* Convert all of raw from the charset `name` (decode.h). */
static int
text_convert(struct text *t, const char *name, struct vs_error *err)
{
	struct decoded d;

	if (decode_charset(name, t->raw, t->raw_len, &d) < 0) {
		vs_error_set(err, "%s: cannot convert from %s: %s", t->path,
		    name, decode_error(errno));
		return -1;
	}
	t->owned = d.out;
	t->orig = d.orig;
	t->data = d.out;
	t->len = d.len;
	return 0;
}

/* A saved web page: its article text, mapped back to the page (html.h). */
static int
text_decode_html(struct text *t, const struct text_opts *opts,
    struct vs_error *err)
{
	struct html_article a;

	if (html_extract_encoding(t->raw, t->raw_len, t->path,
	    opts != NULL ? opts->encoding : NULL, &a, err) < 0)
		return -1;
	t->owned = a.data;
	t->data = a.data;
	t->len = a.len;
	t->orig = a.orig;
	t->base = 0;
	t->encoding = a.encoding;
	t->labels = a.labels;
	t->nlabels = a.nlabels;
	if (t->len > TEXT_MAX_SIZE) {
		vs_error_set(err, "%s: file too large", t->path);
		return -1;
	}
	t->invalid = text_count_invalid(t->data, t->len);
	return 0;
}

/* Decide the encoding, convert if needed, check for NULs, count invalid. */
static int
text_decode(struct text *t, const struct text_opts *opts,
    struct vs_error *err)
{
	const struct decode_unicode *u;
	const char *name = opts != NULL ? opts->encoding : NULL;
	bool	allow_binary = opts != NULL && opts->allow_binary;
	int	format = opts != NULL ? opts->format : TEXT_FORMAT_AUTO;
	size_t	start;

	if (format == TEXT_FORMAT_HTML || (format == TEXT_FORMAT_AUTO &&
	    html_detect(t->raw, t->raw_len)))
		return text_decode_html(t, opts, err);

	if (decode_choose(t->raw, t->raw_len, name, t->path, &u, &start,
	    err) < 0)
		return -1;
	if (u == NULL && name == NULL)
		u = decode_utf8();	/* no mark: UTF-8 */

	if (u == NULL) {
		if (text_convert(t, name, err) < 0)
			return -1;
		t->encoding = xstrdup(name);
	} else if (u->unit == 1) {
		t->data = t->raw + start;
		t->len = t->raw_len - start;
		t->base = start;
		t->encoding = xstrdup(u->name);
	} else {
		text_decode_utf16_32(t, start, u->unit, u->big);
		t->encoding = xstrdup(u->name);
	}

	if (t->len > TEXT_MAX_SIZE) {
		vs_error_set(err, "%s: file too large", t->path);
		return -1;
	}
	if (!allow_binary && memchr(t->data, '\0', t->len) != NULL) {
		vs_error_set(err, "%s: binary file", t->path);
		return -1;
	}
	t->invalid = text_count_invalid(t->data, t->len);
	return 0;
}

static struct text *
text_new(const char *path, unsigned char *raw, size_t len)
{
	struct text *t = xcalloc(1, sizeof *t);

	t->path = xstrdup(path);
	t->raw = raw;
	t->raw_len = len;
	t->data = raw;
	return t;
}

/*
 * The first block of a version is binary when it has a NUL byte and
 * nothing says it is another encoding (a byte order mark, --encoding, a
 * web page) or that binary is wanted (--text): refused before the rest
 * is read.  text_decode checks the whole text again once decoded.
 */
static bool
text_binary_start(const uint8_t *block, size_t n, void *arg)
{
	const struct text_opts *opts = arg;
	const struct decode_unicode *u;
	size_t start;

	if (opts != NULL && (opts->allow_binary || opts->encoding != NULL ||
	    opts->format == TEXT_FORMAT_HTML))
		return false;
	if (decode_choose(block, n, NULL, "", &u, &start, NULL) == 0 &&
	    u != NULL)
		return false;
	if ((opts == NULL || opts->format == TEXT_FORMAT_AUTO) &&
	    html_detect(block, n))
		return false;
	return file_has_nul(block, n, NULL);
}

struct text *
text_load(const char *path, const struct text_opts *opts,
    struct vs_error *err)
{
	struct file_opts fo = { FILE_TEXT_MAX, true, false, text_binary_start,
				(void *)opts };
	struct file_data d;
	struct text *t;

	if (file_read(path, &fo, &d, err) != 0)
		return NULL;
	t = text_new(path, d.buf, d.len);
	if (text_decode(t, opts, err) < 0) {
		text_free(t);
		return NULL;
	}
	return t;
}

struct text *
text_from_bytes(const char *name, const void *buf, size_t len,
    const struct text_opts *opts, struct vs_error *err)
{
	struct text *t;
	unsigned char *raw;

	if (len > TEXT_MAX_SIZE) {
		vs_error_set(err, "%s: file too large", name);
		return NULL;
	}
	raw = xmalloc(len);
	if (len > 0)
		memcpy(raw, buf, len);
	t = text_new(name, raw, len);
	if (text_decode(t, opts, err) < 0) {
		text_free(t);
		return NULL;
	}
	return t;
}

void
text_free(struct text *t)
{
	if (t == NULL)
		return;
	free(t->path);
	free(t->raw);
	free(t->orig);
	free(t->encoding);
	free(t->owned);
	free(t->labels);
	free(t);
}

const char *
text_label_at(const struct text *t, size_t off)
{
	size_t	lo = 0, hi = t->nlabels, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->labels[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->nlabels && t->labels[lo].start <= off ?
	    t->labels[lo].name : NULL;
}

size_t
text_orig_offset(const struct text *t, size_t off)
{
	if (t->orig != NULL)
		return t->orig[off];
	return t->base + off;
}

size_t
text_orig_end(const struct text *t, size_t end)
{
	size_t	last, next, re, k;

	if (t->orig == NULL || end == 0)
		return text_orig_offset(t, end);
	last = t->orig[end - 1];
	next = t->orig[end];
	/*
	 * Text runs on: the next character starts where this one ends, but
	 * for white space a page collapsed (UTF-16 and UTF-32 bytes are not
	 * characters).
	 */
	if (next > last && next <= last + 4 &&
	    memchr(t->raw + last + 1, '<', next - last - 1) == NULL) {
		if (t->encoding != NULL && strncmp(t->encoding, "UTF-16", 6) &&
		    strncmp(t->encoding, "UTF-32", 6))
			while (next > last + 1 && (t->raw[next - 1] == ' ' ||
			    t->raw[next - 1] == '\t' || t->raw[next - 1] == '\n' ||
			    t->raw[next - 1] == '\r'))
				next--;
		return next;
	}
	/* A page: markup or a break follows.  Finish the character. */
	re = last + 1;
	if (t->raw[last] == '&') {
		for (k = re; k < next && k < last + 40; k++) {
			if (t->raw[k] == ';') {
				re = k + 1;
				break;
			}
			if (t->raw[k] == '<' || t->raw[k] == '&')
				break;
		}
	}
	while (re < next && (t->raw[re] & 0xC0) == 0x80)
		re++;
	return re;
}
