/*
 * legend.c — the legend's one table (see legend.h).  A new marker, face
 * or status field of the browser gets its row here, and so reaches both
 * the help screen and versus(1).
 */
#include "config.h"

#include "legend.h"

const struct legend_entry legend[] = {
	/* The gutter markers: engine/render.c's block_mark, draw.c. */
	{ LEGEND_MARGIN, "~", FACE_GUTTER, "orange",
	  "a changed paragraph (on the first row of its block)" },
	{ LEGEND_MARGIN, "\xe2\x89\x88", FACE_GUTTER, "orange",
	  "the same paragraph but for cosmetic differences" },
	{ LEGEND_MARGIN, "-", FACE_GUTTER, "orange",
	  "deleted: only in the left version" },
	{ LEGEND_MARGIN, "+", FACE_GUTTER, "orange",
	  "inserted: only in the right version" },
	{ LEGEND_MARGIN, ">", FACE_GUTTER, "orange",
	  "moved away from here (the left end of a move)" },
	{ LEGEND_MARGIN, "<", FACE_GUTTER, "orange",
	  "moved here (the right end of a move)" },
	{ LEGEND_MARGIN, "\xe2\x94\x82", FACE_GUTTER, "orange",
	  "more rows of one block: a split or merge reads as one" },
	{ LEGEND_MARGIN, "~", FACE_FACT_MARK, "magenta",
	  "a changed quotation, figure, date, name or attribution" },
	{ LEGEND_MARGIN, " ~ ", FACE_CURSOR, "black on orange",
	  "the current change: next-change and previous-change step" },
	{ LEGEND_MARGIN, "~", FACE_REVIEWED, "grey",
	  "a change whose edits are all marked reviewed" },
	/* The words: draw.c's style_face and draw_cell. */
	{ LEGEND_TEXT, "deleted", FACE_DELETED, "white on red",
	  "words only in the left version" },
	{ LEGEND_TEXT, "inserted", FACE_INSERTED, "black on green",
	  "words only in the right version" },
	{ LEGEND_TEXT, "deleted fact", FACE_FACT_DELETED,
	  "bold, underlined, brighter red",
	  "a changed quotation, figure, date, name or attribution" },
	{ LEGEND_TEXT, "inserted fact", FACE_FACT_INSERTED,
	  "bold, underlined, brighter green",
	  "what replaced it, or was added" },
	{ LEGEND_TEXT, "current deleted", FACE_CURRENT_DELETED,
	  "black on salmon, bold",
	  "the current change's words (next-edit: one edit's)" },
	{ LEGEND_TEXT, "current inserted", FACE_CURRENT_INSERTED,
	  "black on orange, bold, underlined",
	  "the words the current change or edit put in" },
	{ LEGEND_TEXT, "reviewed", FACE_REVIEWED, "grey on grey",
	  "the words of an edit marked reviewed" },
	{ LEGEND_TEXT, "cosmetic", FACE_COSMETIC, "black on yellow",
	  "a cosmetic difference (toggle-cosmetic: shown)" },
	{ LEGEND_TEXT, "cosmetic", FACE_COSMETIC_DIM, "grey",
	  "a cosmetic difference, dimmed (the default)" },
	{ LEGEND_TEXT, "moved", FACE_MOVED, "white on blue",
	  "a moved passage, and the notes saying where it went" },
	{ LEGEND_TEXT, "unchanged words", FACE_CHANGED, "a grey background",
	  "the unchanged words of a changed paragraph" },
	{ LEGEND_TEXT, "match", FACE_MATCH, "black on yellow, bold",
	  "what the last search found" },
	{ LEGEND_TEXT, "\xe2\x95\xb1\xe2\x95\xb1\xe2\x95\xb1\xe2\x95\xb1",
	  FACE_FILLER, "dim",
	  "filler: this side has nothing to face the other" },
	{ LEGEND_TEXT, "\xe2\x94\x80 \xe2\x80\xa6 3 unchanged \xe2\x94\x80",
	  FACE_FOLD, "grey",
	  "paragraphs folded away (unchanged, or boilerplate)" },
	{ LEGEND_TEXT, " caption ", FACE_FOLD, "grey",
	  "a boilerplate label, or \"paraphrase of \xc2\xb6" "3\"" },
	/* Beside each pane: numbers.c. */
	{ LEGEND_TEXT, "\xc2\xb6" "12", FACE_FOLD, "grey",
	  "a paragraph's number, on its first row (toggle-paragraph-numbers)" },
	/* The status line: draw.c's status_text, from the left. */
	{ LEGEND_STATUS, "top, 34%, end", FACE_STATUS, NULL,
	  "first screen; how far down the last row is, as in less; last" },
	{ LEGEND_STATUS, "passage 2/4", FACE_STATUS, NULL,
	  "the current passage, of those next-change steps through" },
	{ LEGEND_STATUS, "(quote, number)", FACE_STATUS, NULL,
	  "the kinds of the current passage's changes" },
	{ LEGEND_STATUS, "edit 2/6", FACE_STATUS, NULL,
	  "the current edit of that passage (next-edit steps)" },
	{ LEGEND_STATUS, "changes: 5 substantive", FACE_STATUS, NULL,
	  "the changes and cosmetic changes, counted as --stat does" },
	{ LEGEND_STATUS, "similarity 98%", FACE_STATUS, NULL,
	  "how alike the two versions are" },
	{ LEGEND_STATUS, "cosmetic dimmed", FACE_STATUS, NULL,
	  "how cosmetic changes are shown, then the modes that are on" },
	{ LEGEND_STATUS, "no differences", FACE_STATUS, NULL,
	  "instead, when nothing differs, and what made them the same" },
};

const size_t legend_count = sizeof legend / sizeof legend[0];

const char *
legend_part_title(enum legend_part p)
{
	switch (p) {
	case LEGEND_MARGIN:
		return "In the margin between the panes";
	case LEGEND_TEXT:
		return "In the text";
	case LEGEND_STATUS:
		return "In the status line, from the left";
	default:
		return "";
	}
}
