/*
 * screen.h — the terminal.  screen.c is the only file that includes curses.
 *
 * It owns: starting and restoring the terminal (always restored: on quit,
 * on SIGINT, SIGTERM, SIGHUP, on a crash signal and on running out of
 * memory), the faces (semantic styles mapped to colours, or to bold,
 * underline and reverse without colour), reading keys as keycode.h codes,
 * and the few drawing primitives the browser needs.  Drawing goes to a
 * buffer that screen_refresh() sends out, so curses sends only what
 * changed.
 */
#ifndef VERSUS_SCREEN_H
#define VERSUS_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

enum face {
	FACE_TEXT,		/* unchanged text */
	FACE_DELETED,		/* removed words, left */
	FACE_INSERTED,		/* added words, right */
	FACE_COSMETIC,		/* cosmetic differences, shown */
	FACE_COSMETIC_DIM,	/* cosmetic differences, dimmed */
	FACE_MOVED,		/* moved passages and their notes */
	FACE_CHANGED,		/* unchanged words of a changed paragraph */
	FACE_FILLER,		/* the shorter side's filler */
	FACE_GUTTER,		/* change markers */
	FACE_CURSOR,		/* the current change, in the gutter */
	FACE_MATCH,		/* search matches */
	FACE_FOLD,		/* "… 12 unchanged paragraphs" */
	FACE_TITLE,		/* pane titles */
	FACE_TITLE_FOCUS,	/* the focused pane's title */
	FACE_STATUS,		/* the status line */
	FACE_MESSAGE,		/* a message or prompt in the status line */
	FACE_ERROR,		/* an error message */
	FACE_KEY,		/* key names on the help screen */
	FACE_FACT_DELETED,	/* removed words of a changed fact */
	FACE_FACT_INSERTED,	/* added words of a changed fact */
	FACE_FACT_MARK,		/* the gutter mark of a changed fact */
	FACE_COSMETIC_DIM_CHANGED, /* dimmed cosmetic words of a changed
				      paragraph, on its tint */
	FACE_CURRENT_DELETED,	/* removed words of the current change */
	FACE_CURRENT_INSERTED,	/* added words of the current change */
	FACE_REVIEWED,		/* words and marker of a reviewed change */
	FACE_COUNT		/* each face has a name in theme.c */
};

/* What screen_getkey() returns besides keycode.h codes. */
#define SCREEN_RESIZE	(-2)	/* the terminal changed size */
#define SCREEN_TIMEOUT	(-3)	/* no key within the timeout */
#define SCREEN_MOUSE	(-4)	/* a mouse event: see screen_mouse() */

enum mouse_kind { MOUSE_WHEEL_UP, MOUSE_WHEEL_DOWN, MOUSE_CLICK };

/*
 * Can the terminal named by TERM show colours?  False for an empty or
 * unknown TERM (not in the terminal database) and for one without
 * colours, so that nothing guesses at escape sequences it may not know.
 */
bool screen_term_colors(void);

/*
 * Start full-screen mode.  Keys come from standard input, or /dev/tty when
 * standard input is not a terminal (a file given as "-").  `color` false
 * means attributes only.  Returns -1 with err set when there is no usable
 * terminal.
 */
int screen_init(bool color, struct vs_error *err);

/*
 * The user's theme and faces (theme.h), for a screen_init() to come;
 * without it, the dark theme as it is.
 */
struct theme;
void screen_set_theme(const struct theme *t);

/* Restore the terminal.  Safe to call more than once. */
void screen_end(void);

/*
 * Hand the terminal to another program (an editor) and take it back: the
 * user's own modes meanwhile, the whole screen drawn again after.
 */
void screen_pause(void);
void screen_resume(void);

int screen_rows(void);
int screen_cols(void);

/*
 * The next key as a keycode.h code, or SCREEN_RESIZE, SCREEN_TIMEOUT,
 * SCREEN_MOUSE.  timeout_ms < 0 waits for ever.
 */
int screen_getkey(int timeout_ms);

/* The last mouse event. */
void screen_mouse(int *row, int *col, enum mouse_kind *kind);

void screen_erase(void);
void screen_refresh(void);

/* Write UTF-8 text (already in visible form) at row, col in face f. */
void screen_put(int row, int col, const char *s, size_t len, enum face f);

/* Fill n cells from row, col with code point ch in face f. */
void screen_fill(int row, int col, int n, uint32_t ch, enum face f);

/* Change the face of n cells from row, col, keeping their text. */
void screen_recolor(int row, int col, int n, enum face f);

/*
 * Long work's progress (progress.h), on the last row at once.  From then
 * until the next screen_getkey, C-c is the terminal's interrupt: SIGINT
 * gives the terminal back and ends versus with "versus: interrupted".
 */
void screen_progress(const char *line);

/* Place the cursor (visible) for a prompt; col < 0 hides it. */
void screen_cursor(int row, int col);

#endif
