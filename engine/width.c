/*
 * width.c — display widths and terminal-safe forms of characters (width.h).
 *
 * The rule is that nothing that could act on a terminal is ever shown as
 * itself.  Beyond what width.h lists (C0, DEL, C1, bidi controls, invalid
 * bytes), these also get the "<U+XXXX>" form, because a terminal's idea of
 * them is unpredictable: the line and paragraph separators U+2028/U+2029,
 * surrogates and values above U+10FFFF (which valid UTF-8 never yields,
 * but a caller may pass), and anything else uc_width() calls
 * non-printable.  Other zero-width characters (combining marks, U+200B,
 * U+FEFF, variation selectors) keep width 0 and are shown as themselves:
 * they change no cursor position, and escaping every one would make a
 * perfectly ordinary accented text unreadable.  Unassigned code points get
 * what uc_width() says (1, or 2 in the CJK ranges).
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <unistr.h>
#include <uniwidth.h>

#include "width.h"

/* Bidi controls: they reorder what follows them on the screen. */
static bool
width_is_bidi(uint32_t uc)
{
	return uc == 0x061c || uc == 0x200e || uc == 0x200f ||
	    (uc >= 0x202a && uc <= 0x202e) || (uc >= 0x2066 && uc <= 0x2069);
}

static int
width_escaped(uint32_t uc, char out[16], size_t *outlen)
{
	int n;

	n = snprintf(out, 16, "<U+%04X>", (unsigned int)uc);
	*outlen = (size_t)n;
	return n;
}

size_t
width_decode(const uint8_t *s, size_t n, uint32_t *uc)
{
	ucs4_t c;
	int r;

	if (s[0] < 0x80) {
		*uc = s[0];
		return 1;
	}
	r = u8_mbtoucr(&c, s, n);
	if (r <= 0) {
		*uc = 0xfffd;
		return 1;
	}
	*uc = c;
	return (size_t)r;
}

int
width_char_form(uint32_t uc, int invalid, size_t col, char out[16],
		size_t *outlen)
{
	int w, n;

	if (invalid) {
		memcpy(out, "\xef\xbf\xbd", 3);
		*outlen = 3;
		return 1;
	}
	if (uc == '\t') {
		w = 8 - (int)(col % 8);
		memset(out, ' ', (size_t)w);
		*outlen = (size_t)w;
		return w;
	}
	if (uc < 0x20 || uc == 0x7f) {
		/* caret notation: ^@ .. ^_, ^? */
		out[0] = '^';
		out[1] = (char)(uc ^ 0x40);
		*outlen = 2;
		return 2;
	}
	if (uc < 0x7f) {
		out[0] = (char)uc;
		*outlen = 1;
		return 1;
	}
	if (uc <= 0x9f || width_is_bidi(uc) || uc == 0x2028 ||
	    uc == 0x2029 || (uc >= 0xd800 && uc <= 0xdfff) || uc > 0x10ffff)
		return width_escaped(uc, out, outlen);
	w = uc_width(uc, "UTF-8");
	if (w < 0)
		return width_escaped(uc, out, outlen);
	n = u8_uctomb((uint8_t *)out, uc, 16);
	if (n <= 0)
		return width_escaped(uc, out, outlen);
	*outlen = (size_t)n;
	return w;
}

size_t
width_of(const uint8_t *s, size_t n, size_t col)
{
	size_t i = 0, k, start = col, outlen;
	uint32_t uc;
	char out[16];
	int invalid;

	while (i < n) {
		if (s[i] >= 0x20 && s[i] < 0x7f) {
			col++;
			i++;
			continue;
		}
		k = width_decode(s + i, n - i, &uc);
		/* a real U+FFFD in the text is valid and 3 bytes long */
		invalid = uc == 0xfffd && k == 1;
		col += (size_t)width_char_form(uc, invalid, col, out, &outlen);
		i += k;
	}
	return col - start;
}
