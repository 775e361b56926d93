/*
 * decode.h — bytes of another encoding to UTF-8, with the way back.
 *
 * Both ways a version is read, as text (text.c) and as a web page
 * (html.c), decode with these, so the two agree on every byte: UTF-16 and
 * UTF-32 by hand, and any other charset through iconv (libunistring),
 * single-byte ones through a table.  The result maps each output byte to
 * the raw byte it came from, which is how every offset versus reports
 * refers to the file.
 */
#ifndef VERSUS_DECODE_H
#define VERSUS_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* A Unicode encoding known by its byte order mark, decoded here. */
struct decode_unicode {
	const char *name;	/* canonical name: "UTF-16LE" */
	const char *key;	/* the name upper-cased without "-" and "_" */
	uint8_t bom[4];
	size_t bom_len;
	size_t unit;		/* bytes per code unit: 1, 2 or 4 */
	bool big;		/* big endian */
};

/* UTF-8, what a text without a mark or a forced name is. */
const struct decode_unicode *decode_utf8(void);

/*
 * The byte order mark and --encoding rules shared by plain text and web
 * pages (text.c's top comment): with no forced name, a mark decides;
 * "UTF-8" (any case, with or without "-") means no conversion, the
 * UTF-16 and UTF-32 names skip their own mark, and plain "UTF-16" or
 * "UTF-32" take the byte order from the mark, else big endian.  *u gets
 * the Unicode encoding to decode, or NULL (no mark, and no name or a
 * name of another charset: the caller's rules), and *start the bytes of
 * the mark to skip.  A mark of a different encoding than the forced
 * name is an error, "PATH: cannot convert from NAME: file starts with a
 * UTF-16LE byte order mark": returns -1 with err set, else 0.
 */
int decode_choose(const uint8_t *raw, size_t len, const char *forced,
		  const char *path, const struct decode_unicode **u,
		  size_t *start, struct vs_error *err);

struct decoded {
	uint8_t *out;		/* UTF-8, malloc'd */
	size_t len;
	size_t *orig;		/* len + 1 entries: the raw offset each byte
				 * of out comes from; orig[len] is the raw
				 * length */
	size_t invalid;		/* decode_utf16_32: units that became
				 * U+FFFD (0 from decode_charset) */
};

/*
 * UTF-16 (unit 2) or UTF-32 (unit 4), big or little endian, from
 * raw[start, len).  Each unpaired surrogate, each UTF-32 unit that is not
 * a scalar value and an incomplete unit at the end become one U+FFFD:
 * libunistring's iconv handlers resynchronise on the wrong byte after a
 * lone surrogate and drop an odd last byte.  Never fails.
 */
void decode_utf16_32(const uint8_t *raw, size_t len, size_t start,
		     size_t unit, bool big, struct decoded *d);

/*
 * The charset `name` through iconv, bytes it does not define becoming
 * U+FFFD.  Returns 0, or -1 with errno (EINVAL: an unknown charset, even
 * for empty input; EILSEQ ...).
 */
int decode_charset(const char *name, const uint8_t *raw, size_t len,
		   struct decoded *d);

/*
 * Whether `name` is an encoding versus can read: a Unicode one decoded
 * here, or a charset iconv knows.  For checking --encoding once, before
 * any file is read.
 */
bool decode_known(const char *name);

/* Why decode_charset failed, for "cannot convert from NAME: WHY". */
const char *decode_error(int errnum);

#endif
