/*
 * print.h — versus --print: the side-by-side layout of render.h written
 * out as lines of text, in colour or with brackets.
 */
#ifndef VERSUS_PRINT_H
#define VERSUS_PRINT_H

#include <stdbool.h>
#include <stdio.h>

#include "render.h"

/*
 * Write every row to out as plain text: the left cell padded to the pane
 * width, the gutter, the right cell, "\n"; no trailing spaces.  With
 * color, SGR sequences show the styles (sgr.h: deleted red, inserted
 * green, cosmetic dim, moved cyan) and filler cells as a dim "╱" pattern;
 * every styled piece ends with a reset.  Returns 0, or -1 on a write
 * error (see ferror(out)).
 */
int print_layout(FILE *out, const struct render *r, bool color);

/*
 * The same for al laid out with o, streamed: each piece of the lazy
 * layout (render.h) is laid out, written and forgotten in turn, so the
 * output starts at once and the memory does not grow with the text.
 */
int print_stream(FILE *out, const struct alignment *al,
		 const struct render_opts *o, bool color);

#endif
