/*
 * screen-stub.c — screen.h without a terminal, for the browser's fuzzer
 * (checks-browse.c): a screen of any size the fuzzer sets, whose drawing
 * calls check that what would reach the terminal is safe text (valid
 * UTF-8, no control, C1 or bidi character) and remember the first that
 * is not.
 */
#include "config.h"

#include <stdio.h>

#include "checks.h"
#include "jsonparse.h"
#include "screen.h"

static int rows = 40, cols = 120;
static char unsafe[160];

void
fuzz_screen_size(int c, int r)
{
	cols = c;
	rows = r;
}

const char *
fuzz_screen_unsafe(void)
{
	return unsafe[0] ? unsafe : NULL;
}

void
fuzz_screen_reset(void)
{
	unsafe[0] = '\0';
}

static bool
safe_char(uint32_t uc)
{
	return uc >= 0x20 && uc != 0x7f && !(uc >= 0x80 && uc < 0xa0) &&
	    uc != 0x061c && uc != 0x200e && uc != 0x200f &&
	    !(uc >= 0x202a && uc <= 0x202e) && !(uc >= 0x2066 && uc <= 0x2069) &&
	    uc != 0x2028 && uc != 0x2029;
}

static void
check_text(const char *what, int row, int col, const char *s, size_t len)
{
	size_t i = 0, k;
	uint32_t uc;

	while (i < len && unsafe[0] == '\0') {
		k = json_utf8_char((const unsigned char *)s + i, len - i, &uc);
		if (k == 0)
			snprintf(unsafe, sizeof unsafe, "%s at %d,%d: invalid "
				 "UTF-8 byte 0x%02x", what, row, col,
				 (unsigned char)s[i]);
		else if (!safe_char(uc))
			snprintf(unsafe, sizeof unsafe, "%s at %d,%d: U+%04X",
				 what, row, col, (unsigned)uc);
		i += k ? k : 1;
	}
}

bool screen_term_colors(void) { return true; }
int
screen_init(bool color, struct vs_error *err)
{
	(void)color;
	(void)err;
	return 0;
}
void screen_set_theme(const struct theme *t) { (void)t; }
void screen_end(void) {}
void screen_pause(void) {}
void screen_resume(void) {}
int screen_rows(void) { return rows; }
int screen_cols(void) { return cols; }
int screen_getkey(int timeout_ms) { (void)timeout_ms; return SCREEN_TIMEOUT; }
void
screen_mouse(int *row, int *col, enum mouse_kind *kind)
{
	*row = *col = 0;
	*kind = MOUSE_CLICK;
}
void screen_erase(void) {}
void screen_refresh(void) {}

void
screen_put(int row, int col, const char *s, size_t len, enum face f)
{
	(void)f;
	check_text("screen_put", row, col, s, len);
}

void
screen_fill(int row, int col, int n, uint32_t ch, enum face f)
{
	(void)f;
	(void)n;
	if (!safe_char(ch) && unsafe[0] == '\0')
		snprintf(unsafe, sizeof unsafe, "screen_fill at %d,%d: U+%04X",
			 row, col, (unsigned)ch);
}

void
screen_recolor(int row, int col, int n, enum face f)
{
	(void)row; (void)col; (void)n; (void)f;
}

void screen_cursor(int row, int col) { (void)row; (void)col; }
