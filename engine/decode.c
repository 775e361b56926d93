/*
 * decode.c — bytes of another encoding to UTF-8, with the way back
 * (decode.h).
 *
 * UTF-16 and UTF-32 are decoded here, not by iconv: libunistring's error
 * handlers work byte by byte, so after a lone surrogate they resynchronise
 * on the wrong byte and turn the rest of the line into CJK garbage, and an
 * odd trailing byte is silently dropped.  This decoder replaces each
 * unpaired surrogate, each out-of-range UTF-32 unit and an incomplete unit
 * at the end by one U+FFFD, so nothing is lost and what follows is intact.
 *
 * Other charsets convert with iconveh_replacement_character: a byte
 * sequence the charset does not define becomes U+FFFD rather than a
 * refusal, which suits a viewer.  (An incomplete multibyte sequence at the
 * very end is dropped by iconv; it cannot be told from a trailing shift
 * sequence of a stateful charset.)
 *
 * Single-byte charsets (latin1, windows-125x, KOI8-R ...) are the usual
 * ones, and libunistring's offsets cost one iconv call per character:
 * twenty times the conversion itself.  So each byte value is first
 * converted alone; if every one gives some output, the charset may be a
 * stateless single-byte one (a lead byte of a multibyte charset or a shift
 * byte gives nothing alone).  The table is only trusted if decoding the
 * input through it gives exactly iconv's own conversion of the whole, which
 * also catches charsets that reorder across bytes (TSCII).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <uniconv.h>
#include <unistr.h>

#include "decode.h"
#include "xalloc.h"

/* UTF-32LE before UTF-16LE: FF FE 00 00 starts with FF FE. */
static const struct decode_unicode unicodes[] = {
	{ "UTF-8", "UTF8", { 0xef, 0xbb, 0xbf }, 3, 1, false },
	{ "UTF-32LE", "UTF32LE", { 0xff, 0xfe, 0x00, 0x00 }, 4, 4, false },
	{ "UTF-32BE", "UTF32BE", { 0x00, 0x00, 0xfe, 0xff }, 4, 4, true },
	{ "UTF-16LE", "UTF16LE", { 0xff, 0xfe }, 2, 2, false },
	{ "UTF-16BE", "UTF16BE", { 0xfe, 0xff }, 2, 2, true },
};
#define NUNICODES (sizeof unicodes / sizeof unicodes[0])

const struct decode_unicode *
decode_utf8(void)
{
	return &unicodes[0];
}

static bool
has_bom(const uint8_t *raw, size_t len, const struct decode_unicode *u)
{
	return len >= u->bom_len && memcmp(raw, u->bom, u->bom_len) == 0;
}

/* The encoding whose byte order mark starts raw, or NULL. */
static const struct decode_unicode *
detect_bom(const uint8_t *raw, size_t len)
{
	size_t	i;

	for (i = 0; i < NUNICODES; i++)
		if (has_bom(raw, len, &unicodes[i]))
			return &unicodes[i];
	return NULL;
}

/*
 * A forced name as a Unicode encoding decoded here, using the byte order
 * mark for plain "UTF-16" and "UTF-32"; NULL for any other charset.
 */
static const struct decode_unicode *
unicode_named(const char *name, const uint8_t *raw, size_t len)
{
	const struct decode_unicode *le, *be;
	char	key[16];
	size_t	i, n = 0;

	for (i = 0; name[i] != '\0'; i++) {
		if (name[i] == '-' || name[i] == '_')
			continue;
		if (n == sizeof key - 1)
			return NULL;
		key[n++] = (name[i] >= 'a' && name[i] <= 'z') ?
		    (char)(name[i] - 'a' + 'A') : name[i];
	}
	key[n] = '\0';
	if (strcmp(key, "UTF16") == 0 || strcmp(key, "UTF32") == 0) {
		/* unicodes[]: 32LE, 32BE, 16LE, 16BE from index 1 */
		le = &unicodes[key[3] == '1' ? 3 : 1];
		be = le + 1;
		return has_bom(raw, len, le) ? le : be;
	}
	for (i = 0; i < NUNICODES; i++)
		if (strcmp(unicodes[i].key, key) == 0)
			return &unicodes[i];
	return NULL;
}

int
decode_choose(const uint8_t *raw, size_t len, const char *forced,
	      const char *path, const struct decode_unicode **u,
	      size_t *start, struct vs_error *err)
{
	const struct decode_unicode *bom = detect_bom(raw, len);

	*start = 0;
	if (forced == NULL) {
		*u = bom;
	} else {
		*u = unicode_named(forced, raw, len);
		if (bom != NULL && (*u == NULL || !has_bom(raw, len, *u))) {
			vs_error_set(err, "%s: cannot convert from %s: "
			    "file starts with a %s byte order mark", path,
			    forced, bom->name);
			return -1;
		}
	}
	if (*u != NULL && has_bom(raw, len, *u))
		*start = (*u)->bom_len;
	return 0;
}

/* Append uc as UTF-8 at out[*j], mapping each byte to raw offset `from`. */
static inline void
put(uint8_t *out, size_t *orig, size_t *j, ucs4_t uc, size_t from)
{
	size_t	k, n;

	if (uc < 0x80) {
		orig[*j] = from;
		out[(*j)++] = (uint8_t)uc;
		return;
	}
	n = (size_t)u8_uctomb(out + *j, uc, 4);
	for (k = 0; k < n; k++)
		orig[*j + k] = from;
	*j += n;
}

static unsigned
unit_at(const uint8_t *p, size_t size, bool big)
{
	if (size == 2)
		return big ? (unsigned)p[0] << 8 | p[1] :
		    (unsigned)p[1] << 8 | p[0];
	return big ?
	    (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | p[2] << 8 | p[3] :
	    (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | p[1] << 8 | p[0];
}

void
decode_utf16_32(const uint8_t *s, size_t n, size_t start, size_t size,
		bool big, struct decoded *d)
{
	size_t	i = start, j = 0, cap, used, bad = 0;
	uint8_t *out;
	size_t	*orig;
	uint32_t u, u2;
	ucs4_t	uc;

	/*
	 * UTF-16: a unit gives at most 3 bytes, a pair 4 bytes for 4.
	 * UTF-32: a unit gives at most 4.  Plus one U+FFFD for a bad tail.
	 */
	cap = (size == 2 ? (n - start) / 2 * 3 : n - start) + 3;
	out = xmalloc(cap);
	orig = xreallocarray(NULL, cap + 1, sizeof *orig);

	while (n - i >= size) {
		u = unit_at(s + i, size, big);
		used = size;
		if (size == 4) {
			if (u >= 0x110000 || (u >= 0xd800 && u < 0xe000))
				uc = 0xfffd;
			else
				uc = u;
		} else if (u < 0xd800 || u >= 0xe000)
			uc = u;
		else if (u < 0xdc00 && n - i >= 4 &&
		    (u2 = unit_at(s + i + 2, 2, big)) >= 0xdc00 &&
		    u2 < 0xe000) {
			uc = 0x10000 + ((u - 0xd800) << 10) + (u2 - 0xdc00);
			used = 4;
		} else
			uc = 0xfffd;
		if (uc == 0xfffd && u != 0xfffd)
			bad++;
		put(out, orig, &j, uc, i);
		i += used;
	}
	if (i < n) {
		put(out, orig, &j, 0xfffd, i);
		bad++;
	}
	orig[j] = n;
	d->invalid = bad;

	d->out = xrealloc(out, j ? j : 1);
	d->orig = xreallocarray(orig, j + 1, sizeof *orig);
	d->len = j;
}

struct sbcs {
	uint8_t out[256][8];
	uint8_t len[256];
};

/* 1: a single-byte candidate, 0: not one, -1: iconv failed (errno). */
static int
sbcs_table(const char *name, struct sbcs *tab)
{
	size_t	len;
	uint8_t *r;
	char	c;
	int	b;

	for (b = 0; b < 256; b++) {
		c = (char)b;
		len = sizeof tab->out[b];
		r = u8_conv_from_encoding(name, iconveh_error, &c, 1, NULL,
		    tab->out[b], &len);
		if (r == NULL && errno == EILSEQ) {
			/* what iconveh_replacement_character gives */
			memcpy(tab->out[b], "\xef\xbf\xbd", 3);
			len = 3;
		} else if (r == NULL)
			return -1;
		else if (r != tab->out[b]) {
			free(r);
			return 0;
		}
		if (len == 0)
			return 0;
		tab->len[b] = (uint8_t)len;
	}
	return 1;
}

/*
 * Fill orig for `out` (iconv's conversion of all of raw) from the table;
 * false if the table does not reproduce `out` exactly.
 */
static bool
sbcs_map(const uint8_t *raw, size_t rlen, const struct sbcs *tab,
	 const uint8_t *out, size_t len, size_t *orig)
{
	size_t	i, j = 0, k, n;
	uint8_t b;

	for (i = 0; i < rlen; i++) {
		b = raw[i];
		n = tab->len[b];
		if (len - j < n || memcmp(out + j, tab->out[b], n) != 0)
			return false;
		for (k = 0; k < n; k++)
			orig[j++] = i;
	}
	orig[j] = rlen;
	return j == len;
}

/*
 * Without the single-byte shortcut, the reverse map is built from
 * libunistring's forward one: offsets[i] is where the character starting
 * at raw[i] begins in the output, or -1 inside a character; every output
 * byte maps to the start of the character that produced it.
 */
int
decode_charset(const char *name, const uint8_t *raw, size_t rlen,
	       struct decoded *d)
{
	struct sbcs tab;
	size_t	*offsets = NULL, *orig = NULL, len = 0, i, j = 0, from = 0;
	uint8_t *out;
	int	sbcs, e;

	errno = 0;
	sbcs = sbcs_table(name, &tab);
	if (sbcs < 0)
		return -1;

	errno = 0;
	out = u8_conv_from_encoding(name, iconveh_replacement_character,
	    (const char *)raw, rlen, NULL, NULL, &len);
	if (out == NULL)
		return -1;
	orig = xreallocarray(NULL, len + 1, sizeof *orig);
	if (sbcs && sbcs_map(raw, rlen, &tab, out, len, orig))
		goto done;
	free(out);

	offsets = xreallocarray(NULL, rlen ? rlen : 1, sizeof *offsets);
	errno = 0;
	out = u8_conv_from_encoding(name, iconveh_replacement_character,
	    (const char *)raw, rlen, offsets, NULL, &len);
	if (out == NULL) {
		e = errno;
		free(offsets);
		free(orig);
		errno = e;
		return -1;
	}
	orig = xreallocarray(orig, len + 1, sizeof *orig);
	for (i = 0; i < rlen; i++) {
		if (offsets[i] == (size_t)-1)
			continue;
		while (j < offsets[i] && j < len)
			orig[j++] = from;
		from = i;
	}
	while (j < len)
		orig[j++] = from;
	orig[len] = rlen;
	free(offsets);
done:
	d->out = out;
	d->orig = orig;
	d->len = len;
	d->invalid = 0;
	return 0;
}

const char *
decode_error(int errnum)
{
	if (errnum == EINVAL)
		return "unsupported character set";
	if (errnum == EILSEQ)
		return "invalid byte sequence";
	return strerror(errnum);
}

bool
decode_known(const char *name)
{
	static const uint8_t none[1];
	struct decoded d;

	if (unicode_named(name, none, 0) != NULL)
		return true;
	if (decode_charset(name, none, 0, &d) < 0)
		return false;
	free(d.out);
	free(d.orig);
	return true;
}
