/*
 * sgr.c — the table from a look to its SGR sequence (see sgr.h).
 */
#include "config.h"

#include "sgr.h"

const char *const sgr_on[LOOK_COUNT] = {
	[LOOK_PLAIN] = "",
	[LOOK_DELETED] = "\033[31m",
	[LOOK_INSERTED] = "\033[32m",
	[LOOK_CHANGED] = "\033[33m",
	[LOOK_MOVED] = "\033[36m",
	[LOOK_DIM] = "\033[2m",
	[LOOK_STRUCK] = "\033[31;9m",
	[LOOK_MOVE_NOTE] = "\033[35m",
	[LOOK_MOVE_STRUCK] = "\033[35;9m",
	[LOOK_HEADING] = "\033[1m",
};

enum sgr_look
sgr_style(uint8_t style)
{
	switch (style) {
	case STYLE_DELETED:
		return LOOK_DELETED;
	case STYLE_INSERTED:
		return LOOK_INSERTED;
	case STYLE_COSMETIC:
	case STYLE_FILLER:
		return LOOK_DIM;
	case STYLE_MOVED:
		return LOOK_MOVED;
	default:
		return LOOK_PLAIN;
	}
}

enum sgr_look
sgr_mark(uint32_t mark)
{
	switch (mark) {
	case '-':
		return LOOK_DELETED;
	case '+':
		return LOOK_INSERTED;
	case '~':
		return LOOK_CHANGED;
	case '<':
	case '>':
		return LOOK_MOVED;
	case ' ':
		return LOOK_PLAIN;
	default:
		return LOOK_DIM;
	}
}
