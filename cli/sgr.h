/*
 * sgr.h — the one table from a style to the terminal's colours: the SGR
 * escape sequences (ECMA-48 "select graphic rendition") that --print,
 * --inline and the headers of several comparisons write with --color.
 * Nothing else in versus writes an escape sequence for a colour; the
 * browser draws through curses (tui/screen.h).
 *
 * A look is a role, not a colour, so that the outputs agree on what a
 * colour means; the browser's faces that play the same role have the
 * same names in the settings file (tui/theme.c: deleted, inserted,
 * moved).  --print (print.h) takes the look of a layout style or a
 * gutter marker from sgr_style() and sgr_mark().
 */
#ifndef VERSUS_SGR_H
#define VERSUS_SGR_H

#include <stdint.h>

#include "render.h"

enum sgr_look {
	LOOK_PLAIN,		/* no attribute: nothing is written */
	LOOK_DELETED,		/* red: words removed, the '-' marker */
	LOOK_INSERTED,		/* green: words added, the '+' marker */
	LOOK_CHANGED,		/* yellow: the '~' marker */
	LOOK_MOVED,		/* cyan: a moved block, its note, '<' '>' */
	LOOK_DIM,		/* dim: cosmetic words, filler, other markers */
	LOOK_STRUCK,		/* red, struck through: --inline's deletions */
	LOOK_MOVE_NOTE,		/* magenta: --inline's moved passage */
	LOOK_MOVE_STRUCK,	/* magenta, struck: where it was moved from */
	LOOK_HEADING,		/* bold: the header of a comparison */
	LOOK_COUNT
};

/* The sequence that turns a look on ("\033[31m"), "" for LOOK_PLAIN. */
extern const char *const sgr_on[LOOK_COUNT];

/*
 * What turns it off again.  --print ends each styled run with SGR_RESET,
 * --inline and the headers with SGR_END: the same reset (a missing
 * parameter is 0), both kept so that the outputs stay as they were.
 */
#define SGR_RESET	"\033[0m"
#define SGR_END		"\033[m"

/* The look of a layout style (render.h) in --print. */
enum sgr_look sgr_style(uint8_t style);

/* The look of a gutter marker (render.h, "Markers") in --print. */
enum sgr_look sgr_mark(uint32_t mark);

#endif
