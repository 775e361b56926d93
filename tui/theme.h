/*
 * theme.h — the browser's colours: a dark or a light theme, chosen from
 * the terminal's background, and faces the user sets by name.
 *
 * The faces (screen.h, enum face) have one look per theme: the dark
 * theme's is screen.c's table, the light theme changes the few faces
 * that assume a dark background (the grey tint of a changed paragraph,
 * the grey bars, orange text); then the settings file's "face NAME SPEC"
 * lines change any face in either theme.
 *
 * Which theme: the setting "theme dark|light|auto" (auto by default); on
 * auto, the terminal's answer to an OSC 11 query (its background colour),
 * else COLORFGBG, else dark.  The query is sent only when colours are on,
 * with a device-attributes query after it that every terminal answers,
 * so a terminal that does not know OSC 11 costs one round trip, not a
 * timeout; whatever the terminal sends back is read here, none of it is
 * left in the input.
 *
 * A face SPEC is a comma-separated list of "fg=COLOUR", "bg=COLOUR" and
 * attributes (bold, dim, underline, reverse, italic, standout, none);
 * COLOUR is default, a name (black, red, green, yellow, blue, magenta,
 * cyan, white, and bright-NAME for 8-15) or a number 0-255 (also
 * "colour123").  Blinking is refused: versus never blinks.  Nothing here
 * includes curses: screen.c turns a look into curses' pairs and
 * attributes.
 */
#ifndef VERSUS_THEME_H
#define VERSUS_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "screen.h"

enum theme_choice { THEME_AUTO, THEME_DARK, THEME_LIGHT };

/* Attributes of a look, independent of curses. */
#define THEME_BOLD	0x01
#define THEME_DIM	0x02
#define THEME_UNDERLINE	0x04
#define THEME_REVERSE	0x08
#define THEME_ITALIC	0x10
#define THEME_STANDOUT	0x20

/* What a "face" line sets: -1 is the terminal's default colour. */
struct theme_face {
	bool set_fg, set_bg, set_attrs;
	short fg, bg;
	unsigned attrs;
};

struct theme {
	enum theme_choice choice;
	struct theme_face face[FACE_COUNT];	/* the user's, by face */
};

/* The name of a face in the settings file ("deleted"), or NULL. */
const char *theme_face_name(int face);

/* The face called `name`, or -1. */
int theme_face_find(const char *name);

/*
 * The i-th face of the list versus(1) gives (i from 0): its name, what
 * it colours ("search matches"), and the face; -1 past the end.
 */
int theme_face_list(size_t i, const char **name, const char **what);

/* "dark", "light" or "auto" (case counts): 0, or -1 for another word. */
int theme_parse_choice(const char *s, enum theme_choice *out);

/*
 * Parse SPEC into *f (zeroed first).  Returns 0, or -1 with a message in
 * err ("unknown colour 'pink'").
 */
int theme_parse_face(const char *spec, struct theme_face *f, char *err,
		     size_t errsize);

/*
 * The light theme's colours of face f with 256 (c256) or 8 colours, into
 * *fg and *bg; false when the light theme keeps the dark one's.
 */
bool theme_light(int f, bool c256, short *fg, short *bg);

/* Is a background colour light?  1 light, 0 dark, -1 not known. */
int theme_colorfgbg(const char *value);	/* $COLORFGBG, "15;0" */
int theme_osc11_reply(const char *s, size_t n);	/* "\033]11;rgb:..." */

/*
 * Ask the terminal (reading from in_fd, writing to out_fd, which must be
 * in non-canonical mode without echo) for its background: 1 light, 0
 * dark, -1 no answer within timeout_ms.
 */
int theme_query(int in_fd, int out_fd, int timeout_ms);

/*
 * The theme to draw with: t->choice, or on auto the terminal's answer,
 * else $COLORFGBG, else dark.  True for light.
 */
bool theme_is_light(const struct theme *t, int in_fd, int out_fd);

#endif
