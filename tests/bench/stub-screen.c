/*
 * stub-screen.c — screen.h without a terminal, for the key benchmark: a
 * fixed 120x40 screen whose drawing calls only count the cells they would
 * touch, so the browser's own work per key can be measured.
 */
#include "config.h"

#include "screen.h"

unsigned long stub_cells;

int screen_init(bool color, struct vs_error *err)
{
	(void)color;
	(void)err;
	return 0;
}
void screen_end(void) {}
void screen_pause(void) {}
void screen_resume(void) {}
int screen_rows(void) { return 40; }
int screen_cols(void) { return 120; }
int screen_getkey(int timeout_ms) { (void)timeout_ms; return SCREEN_TIMEOUT; }
void screen_mouse(int *row, int *col, enum mouse_kind *kind)
{
	*row = *col = 0;
	*kind = MOUSE_CLICK;
}
void screen_erase(void) {}
void screen_refresh(void) {}
void screen_put(int row, int col, const char *s, size_t len, enum face f)
{
	(void)row; (void)col; (void)s; (void)f;
	stub_cells += len;
}
void screen_fill(int row, int col, int n, uint32_t ch, enum face f)
{
	(void)row; (void)col; (void)ch; (void)f;
	stub_cells += (unsigned long)n;
}
void screen_recolor(int row, int col, int n, enum face f)
{
	(void)row; (void)col; (void)f;
	stub_cells += (unsigned long)n;
}
void screen_cursor(int row, int col) { (void)row; (void)col; }
