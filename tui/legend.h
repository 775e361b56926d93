/*
 * legend.h — what the browser's marks, faces and status line fields mean:
 * one table, the source of both the legend at the top of the help screen
 * (help.c, each sample drawn in its real face) and the LEGEND section of
 * versus(1) (doc/man-keys, at build time), so the two cannot disagree.
 *
 * An entry is a sample as the browser draws it (a margin marker, a word
 * in a face, a stretch of filler, a status line field), the face it is
 * drawn in, and one line saying what it means.  `look` says in words what
 * the face looks like by default, for the manual page, which has no
 * colours.  Entries come in parts (the margin, the text, the status
 * line), each with a heading.
 */
#ifndef VERSUS_LEGEND_H
#define VERSUS_LEGEND_H

#include <stddef.h>

#include "screen.h"

enum legend_part { LEGEND_MARGIN, LEGEND_TEXT, LEGEND_STATUS,
		   LEGEND_PART_COUNT };

struct legend_entry {
	enum legend_part part;
	const char *sample;	/* UTF-8, as drawn ("~", "╱╱╱╱", "34%") */
	enum face face;		/* the face it is drawn in */
	const char *look;	/* that face in words, or NULL */
	const char *meaning;	/* one line: what it means */
};

extern const struct legend_entry legend[];
extern const size_t legend_count;

/* The heading of a part ("In the margin between the panes"). */
const char *legend_part_title(enum legend_part p);

#endif
