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

struct decoded {
	uint8_t *out;		/* UTF-8, malloc'd */
	size_t len;
	size_t *orig;		/* len + 1 entries: the raw offset each byte
				 * of out comes from; orig[len] is the raw
				 * length */
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

/* Why decode_charset failed, for "cannot convert from NAME: WHY". */
const char *decode_error(int errnum);

#endif
