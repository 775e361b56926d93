/*
 * browse.h — the browser's state: which versions are shown, where, and how.
 *
 * The browser never diffs: it asks the session (session.h) for the
 * alignment of the pair on screen, its change sites, labels, counts and
 * similarity (computed once per pair, the same answers --stat and --json
 * give), and the engine for its layout at the current width (rebuilt on
 * a resize or a toggle, never on a key that only moves).  Everything a
 * key does is an action handler in browse.c (one per entry of action.h's
 * registry) that changes this state and returns what must happen next,
 * RE_* flags: a handler never lays out or draws itself.  browse_react()
 * then lays out (RE_LAYOUT) and draws (RE_DRAW); drawing (draw.c,
 * help.c, overview.c) reads the state and costs what is on the screen.
 *
 * Screens.  Each screen (the versions, help, overview, presence, source)
 * is a pair {draw, key} in browse_screens[]: key gives an action the
 * screen's own meaning, or returns -1, and the action then goes back to
 * the versions and to its registry handler.  A prompt (search, go to,
 * report) is open over the versions: it takes the keys as typed, and its
 * line is drawn in place of the status line.
 *
 * Rows.  The layout's rows (render.h) are shown through "view rows": the
 * same rows, or, in the changes-only view, the rows of changed blocks with
 * one fold row standing for each run of unchanged paragraphs.  One top
 * view row scrolls both panes, so they cannot drift apart.  The layout is
 * lazy: only what is drawn or jumped over is laid out, and view rows are
 * numbered with estimates until counted (rowindex.h), so opening 50 MB
 * or toggling a view costs about a screen; while no key comes, the rest
 * is counted (browse_idle).
 */
#ifndef VERSUS_BROWSE_H
#define VERSUS_BROWSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "align.h"
#include "boiler.h"
#include "presence.h"
#include "rowindex.h"
#include "doc.h"
#include "equiv.h"
#include "facts.h"
#include "keymap.h"
#include "keycode.h"
#include "cmpkeys.h"
#include "mapping.h"
#include "render.h"
#include "session.h"
#include "screen.h"
#include "sites.h"
#include "text.h"

enum cosmetic_mode { COSMETIC_SHOWN, COSMETIC_DIMMED, COSMETIC_HIDDEN };
enum browse_screen { SCREEN_DIFF, SCREEN_HELP, SCREEN_OVERVIEW,
		     SCREEN_PRESENCE, SCREEN_SOURCE, SCREEN_CHANGES,
		     SCREEN_PICKER };
enum prompt_kind { PROMPT_NONE, PROMPT_SEARCH_FORWARD,
		   PROMPT_SEARCH_BACKWARD, PROMPT_GOTO, PROMPT_REPORT,
		   PROMPT_OVERWRITE, PROMPT_CLIP };

/* Reactions of a handler: what browse_react() does next. */
#define RE_NONE		0
#define RE_DRAW		1	/* state changed: draw again */
#define RE_LAYOUT	2	/* lay out again (pair, width or options
				   changed), then draw */
#define RE_QUIT		4


struct browser {
	/* The versions and all that is known about them (session.h). */
	struct session *s;
	size_t n;			/* session_count(s) */
	bool ignore_case;

	size_t left, right, base;	/* versions on screen, the base */
	int focus;			/* RENDER_LEFT or RENDER_RIGHT */

	/* The layout of the pair on screen, laid out as it is shown. */
	const struct alignment *al;
	struct render_lazy *r;
	struct view view;		/* its view rows (rowindex.h) */
	size_t count_ahead;		/* pairs of at most this many bytes
					   are counted whole at once */
	/*
	 * Changed passages, the unit Tab steps through: blocks with a
	 * change to show, in order (a move once, at its source).  Not the
	 * changes the status line counts (session_stats: change sites).
	 */
	uint32_t *changes;
	size_t nchanges;
	/* About the pair on screen, from the session (never freed here). */
	const uint8_t *op_kind;		/* per word op: kind + 1, 0 none */
	const uint8_t *block_kinds;	/* per block: bit set of kinds */
	const char *const *labels;	/* per block: boilerplate label or NULL */
	const int32_t *para_of;		/* per block: A paragraph a B block
					   paraphrases (1-based), 0 none */
	struct site_index sites;	/* the pair's change sites (sites.h) */

	/* Where we are. */
	size_t top;			/* first view row on screen */
	long cur;			/* current change (index in changes), -1 */
	long cur_site;			/* current edit: a site of the current
					   change (sites.h), or -1 for all */
	/* Where the next layout goes: a paragraph of a side, some rows
	   below the top (RENDER_NONE: keep the top block). */
	int goal_side;
	uint32_t goal_para;
	unsigned goal_margin;

	/* Options of the view. */
	bool changes_only;
	/* Folds opened one by one (folds.c): a flag per block of fold_al. */
	uint8_t *fold_open;
	const struct alignment *fold_al;
	size_t fold_n;
	bool hide_boiler;		/* boilerplate folded away */
	enum cosmetic_mode cosmetic;
	bool inline_view;		/* chosen with the key */
	bool chars;			/* character highlights in replaced words */
	bool para_numbers;		/* paragraph numbers in the margins */
	bool narrow;			/* below 80 columns: inline forced */
	bool skip_reviewed;		/* next-change skips reviewed changes */

	/* Search: the last match's view row, valid while top is match_top. */
	char pattern[256];
	struct find *find;		/* the pattern, compiled (find.h) */
	bool search_back;
	size_t match_row, match_top;
	bool have_match;
	/*
	 * Incremental search (emacs keymaps: the prompt searches as typed):
	 * where it began, as the top row's block and the rows into it (what
	 * a new layout keeps), and the current change's block and edit.
	 */
	struct {
		bool on, failing;
		long block, cur_block, cur_site;
		size_t off;
	} isearch;

	/* Screens, prompts and messages. */
	enum browse_screen screen;
	size_t help_top;
	size_t cl_row, cl_top;		/* the change list: selected, top row */
	int cl_filter;			/* its kind shown, -1 every kind */
	size_t ov_row, ov_col;
	const struct presence *presence;	/* the presence view's table */
	size_t pr_row, pr_top;
	/*
	 * The source view: for each side with a passage (src_has), bytes
	 * [src_start, src_end) of the file of version src_version.
	 */
	size_t src_version[2], src_para[2], src_start[2], src_end[2], src_top;
	bool src_has[2];
	/*
	 * The versions shown (picker.c): all of them (s is all), or a set
	 * marked in the picker, s then a subset of all (session_subset);
	 * shown[v] is version v's index among all, and set_name says
	 * which are shown ("versions 1,3,5 of 5"; "" for all).
	 */
	struct session *all;
	size_t nall;
	size_t *shown;			/* NULL: every version */
	char set_name[96];
	/*
	 * The version picker (picker.c), in all's indexes: the chosen row,
	 * the first shown, the marked versions (a flag per version), and
	 * the passage followed: its row in the presence table around
	 * version pk_base, or -1.
	 */
	size_t pk_row, pk_top, pk_base;
	uint8_t *pk_marked;
	long pk_prow;
	enum prompt_kind prompt;
	char input[256];
	size_t ninput;
	bool prefilled;		/* input is a default: typing replaces it */
	char pending[512];	/* the report's path, while asking to overwrite */
	char ask[600];		/* PROMPT_OVERWRITE's question */
	char message[256];
	bool message_error;
	/* Copy with citation (clip.h). */
	bool no_osc52;			/* "osc52 off": to a file instead */
	/* How the versions' files were read, to read one again (editor.h). */
	const struct text_opts *topts;
	char *clip;			/* the citation, while PROMPT_CLIP asks */

	/* Keys. */
	struct keymap *km;
	struct keymap_state ks;
};

/* Set up a browser on a session; takes ownership of nothing. */
void browse_init(struct browser *b, struct session *s, struct keymap *km);

void browse_clear(struct browser *b);

/* Lay out the current pair for the screen size; keeps the top block. */
void browse_layout(struct browser *b);

/*
 * Carry out an action `count` times (0: once) on the current screen;
 * returns RE_* flags.
 */
int browse_action(struct browser *b, int action, unsigned count);

/* Lay out and draw as flags `re` ask; false when they ask to quit. */
bool browse_react(struct browser *b, int re);

/*
 * Work to do while no key comes: count some more of the layout, about
 * `ms` milliseconds of it.  Returns 1 while there is more, 0 when this
 * call counted the last of it (the status line's position, an estimate
 * till then, is exact: draw again), -1 when there was nothing to do.
 */
int browse_idle(struct browser *b, double ms);

/* A screen: how it is drawn, and what an action means on it (-1: none). */
struct browse_screen_ops {
	void (*draw)(struct browser *b);
	int (*key)(struct browser *b, int action, unsigned count);
};

extern const struct browse_screen_ops browse_screens[];

/* A key while a prompt is open; returns RE_* flags. */
int browse_prompt_key(struct browser *b, int key);

/* What the open prompt asks ("/", "go to paragraph or N%: "). */
const char *browse_prompt_ask(const struct browser *b);

/* A mouse event on the screen. */
int browse_mouse(struct browser *b, int row, int col, int kind);

/* Rows of text on screen (between the titles and the status line). */
int browse_text_rows(void);

/* Run the browser until the user quits (loop.c).  Returns 0. */
int browse_run(struct browser *b);

/*
 * Draw s[0 .. len) at row, col in visible form (width.h), clipped to
 * `width` columns; with `flat`, line ends and tabs as spaces.  Returns
 * the columns drawn.
 */
int draw_visible(int row, int col, const uint8_t *s, size_t len, int width,
		 bool flat, enum face f);

/*
 * Draw the current screen: browse_draw() clears the screen and calls the
 * screen's draw (draw.c, help.c, overview.c).
 */
void browse_draw(struct browser *b);
void diff_draw(struct browser *b);
void help_draw(struct browser *b);
void overview_draw(struct browser *b);
void presence_draw(struct browser *b);
void source_draw(struct browser *b);

/*
 * A share 0..1 as a percentage for the screen, "87%": whole numbers, but
 * never rounded to 100% or 0% when it is not exactly that ("99.9%").
 */
void browse_percent(double x, char out[16]);

/*
 * Where to start showing `path` in `cols` columns: 0 when it fits, else
 * the start of the longest tail that fits after a "…" (one column), so
 * that files in one long folder keep their own names on a narrow screen
 * (0 too under 8 columns, where no tail tells anything).
 */
size_t browse_path_tail(const char *path, int cols);

/*
 * When the versions on screen show no difference, what the status line
 * says instead ("no differences after folding case/typography"); else "".
 * Valid until the next call (sameness.c).
 */
const char *browse_sameness(const struct browser *b);

/* Similarity of versions i and j, either way (session_similarity). */
double browse_similarity(struct browser *b, size_t i, size_t j);

/*
 * The number users know version v shown by, 1 to nall: its place among
 * all the versions, whichever set of them is shown.
 */
size_t browse_number(const struct browser *b, size_t v);

/*
 * The first match of the search starting in bytes [from, to) of version
 * v's text (RENDER_LEFT: A, RENDER_RIGHT: B), or with `backward` the last
 * one; -1 if none; *len gets its length.  As the comparison folds, with
 * smart case (find.h).
 */
long browse_find(const struct browser *b, int v, size_t from, size_t to,
		 bool backward, size_t *len);

/*
 * Single folds (folds.c): is block k's fold opened by the reader; forget
 * every opened fold; open the fold on view row v (a click), or the one
 * holding paragraph p of a side; and the handler of open-fold and close-fold.
 */
bool browse_fold_opened(const struct browser *b, size_t k);
void browse_folds_reset(struct browser *b);
int browse_fold_click(struct browser *b, size_t v);
void browse_fold_open_para(struct browser *b, int side, uint32_t p);
int act_fold_one(struct browser *b, int action, unsigned count);

/*
 * Paragraph numbers (numbers.c): the width of each pane's margin for
 * them with alignment al, 0 when they are off or cannot show; and
 * drawing them on row i of piece r, at screen row y (the right pane at
 * column right_x).
 */
int numbers_width(const struct browser *b, const struct alignment *al);
void numbers_draw(const struct browser *b, int y, const struct render *r,
		  size_t i, int right_x);

/* Write the action list with the keymap's keys (--list-actions). */
void help_list_actions(FILE *out, const struct keymap *km);

/* Lines of the help screen: the legend, then the keys. */
size_t help_lines(void);

/*
 * Moving, for the handlers outside browse.c (sites.c, changelist.c):
 * scroll so view row `top` is on top; make change k current, near the
 * top; step to the next (dir > 0) or previous change.  They return RE_*
 * flags.
 */
int browse_scroll_to(struct browser *b, long top);
/*
 * Compare versions left and right, scrolled to paragraph para of side
 * (RENDER_LEFT or RENDER_RIGHT) once laid out; para < 0: from the top.
 */
int browse_open_pair(struct browser *b, size_t left, size_t right, int side,
		     long para);
int browse_show_change(struct browser *b, long k);
int browse_step_change(struct browser *b, int dir);

/* Show a message in the status line until the next key. */
void browse_message(struct browser *b, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
