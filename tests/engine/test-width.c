/*
 * test-width.c — display widths and visible forms (width.h).
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "tap.h"
#include "width.h"

/* Width of a C string shown from column col. */
static size_t
w(const char *s, size_t col)
{
	return width_of((const uint8_t *)s, strlen(s), col);
}

/* The form of one character: checks text and width. */
static void
check_form(uint32_t uc, int invalid, size_t col, const char *want,
	   int wantw, const char *name)
{
	char out[16];
	size_t len = 99;
	int width;

	width = width_char_form(uc, invalid, col, out, &len);
	is_mem(out, len, want, "form of %s", name);
	is_int(width, wantw, "width of %s", name);
}

static void
test_decode(void)
{
	uint32_t uc = 0;
	size_t n;

	n = width_decode((const uint8_t *)"A", 1, &uc);
	is_int(n, 1, "decode ASCII: length");
	is_int(uc, 'A', "decode ASCII: code point");
	n = width_decode((const uint8_t *)"\xe6\x97\xa5x", 4, &uc);
	is_int(n, 3, "decode 3-byte: length");
	is_int(uc, 0x65e5, "decode 3-byte: code point");
	n = width_decode((const uint8_t *)"\xf0\x9f\x98\x80", 4, &uc);
	is_int(n, 4, "decode 4-byte: length");
	is_int(uc, 0x1f600, "decode 4-byte: code point");
	n = width_decode((const uint8_t *)"\xffx", 2, &uc);
	is_int(n, 1, "decode invalid byte: length 1");
	is_int(uc, 0xfffd, "decode invalid byte: U+FFFD");
	n = width_decode((const uint8_t *)"\xe6\x97", 2, &uc);
	is_int(n, 1, "decode truncated sequence: length 1");
	is_int(uc, 0xfffd, "decode truncated sequence: U+FFFD");
	n = width_decode((const uint8_t *)"\xc0\xaf", 2, &uc);
	is_int(n, 1, "decode overlong: length 1");
	n = width_decode((const uint8_t *)"\xed\xa0\x80", 3, &uc);
	is_int(n, 1, "decode surrogate: length 1");
}

static void
test_widths(void)
{
	is_int(w("hello, world", 0), 12, "ASCII");
	is_int(w("", 5), 0, "empty");
	is_int(w("\xe6\x97\xa5\xe6\x9c\xac", 0), 4, "CJK is 2 columns each");
	is_int(w("e\xcc\x81", 0), 1, "combining accent is 0 columns");
	is_int(w("\xf0\x9f\x98\x80", 0), 2, "emoji U+1F600 is 2 columns");
	is_int(w("\t", 3), 5, "tab at column 3");
	is_int(w("\t", 8), 8, "tab at column 8");
	is_int(w("ab\tc", 0), 9, "tab after text");
	is_int(w("\x1b[2J", 0), 5, "ESC as ^[ (2) + \"[2J\" (3)");
	is_int(w("\xc2\x9b", 0), 8, "C1 CSI as <U+009B>");
	is_int(w("\xe2\x80\xae", 0), 8, "RLO as <U+202E>");
	is_int(w("a\xff" "b", 0), 3, "invalid byte is 1 column");
	is_int(w("\xef\xbf\xbd", 0), 1, "a real U+FFFD is 1 column");
	is_int(w("\xe2\x80\x8b", 0), 0, "zero width space stays 0");
}

static void
test_forms(void)
{
	check_form('a', 0, 0, "a", 1, "a");
	check_form(0x1b, 0, 0, "^[", 2, "ESC");
	check_form(0x08, 0, 0, "^H", 2, "BS");
	check_form(0x00, 0, 0, "^@", 2, "NUL");
	check_form(0x1f, 0, 0, "^_", 2, "US");
	check_form(0x7f, 0, 0, "^?", 2, "DEL");
	check_form('\n', 0, 0, "^J", 2, "LF");
	check_form(0x9b, 0, 0, "<U+009B>", 8, "C1 CSI");
	check_form(0x85, 0, 0, "<U+0085>", 8, "C1 NEL");
	check_form(0x202e, 0, 0, "<U+202E>", 8, "RLO");
	check_form(0x2066, 0, 0, "<U+2066>", 8, "LRI");
	check_form(0x200f, 0, 0, "<U+200F>", 8, "RLM");
	check_form(0x061c, 0, 0, "<U+061C>", 8, "ALM");
	check_form(0x2028, 0, 0, "<U+2028>", 8, "line separator");
	check_form(0xd800, 0, 0, "<U+D800>", 8, "surrogate");
	check_form(0x110000, 0, 0, "<U+110000>", 10, "beyond Unicode");
	check_form(0xfffd, 1, 0, "\xef\xbf\xbd", 1, "invalid byte");
	check_form('\t', 0, 3, "     ", 5, "tab at column 3");
	check_form('\t', 0, 0, "        ", 8, "tab at column 0");
	check_form('\t', 0, 15, " ", 1, "tab at column 15");
	check_form(0x65e5, 0, 0, "\xe6\x97\xa5", 2, "CJK");
	check_form(0x301, 0, 0, "\xcc\x81", 0, "combining acute");
	check_form(0x1f600, 0, 0, "\xf0\x9f\x98\x80", 2, "emoji");
	check_form(0xa0, 0, 0, "\xc2\xa0", 1, "no-break space");
}

int
main(void)
{
	test_decode();
	test_widths();
	test_forms();
	return done_testing();
}
