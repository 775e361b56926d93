/*
 * theme.c — the light theme, face names and specs, and asking the
 * terminal for its background (see theme.h).
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "theme.h"

/*
 * The faces a settings file can set: each one's name there and what it
 * colours, in the order versus(1) lists them (doc/man-keys writes that
 * list from this table).  Where the command-line outputs have the same
 * role (cli/sgr.h: deleted, inserted, moved), the name is the same;
 * "changed-paragraph" is the tint of a changed paragraph, not the '~'
 * marker, which is a "gutter" face here.
 */
static const struct {
	int face;
	const char *name, *what;
} faces[FACE_COUNT] = {
	{ FACE_TEXT, "text", "unchanged text" },
	{ FACE_DELETED, "deleted", "words removed (on the left)" },
	{ FACE_INSERTED, "inserted", "words added (on the right)" },
	{ FACE_COSMETIC, "cosmetic", "cosmetic changes, shown" },
	{ FACE_COSMETIC_DIM, "cosmetic-dim", "cosmetic changes, dimmed" },
	{ FACE_MOVED, "moved", "moved passages and their notes" },
	{ FACE_CHANGED, "changed-paragraph",
	  "the tint of a changed paragraph's unchanged words" },
	{ FACE_COSMETIC_DIM_CHANGED, "cosmetic-dim-changed",
	  "dimmed cosmetic changes in a changed paragraph" },
	{ FACE_FILLER, "filler", "the shorter side's filler" },
	{ FACE_GUTTER, "gutter", "the margin's marks" },
	{ FACE_CURSOR, "cursor", "the current change's mark" },
	{ FACE_CURRENT_DELETED, "current-deleted",
	  "words removed by the current change" },
	{ FACE_CURRENT_INSERTED, "current-inserted",
	  "words added by the current change" },
	{ FACE_REVIEWED, "reviewed",
	  "the words and mark of a change marked reviewed" },
	{ FACE_FACT_DELETED, "fact-deleted",
	  "words removed from a fact (a quote, a number, a name)" },
	{ FACE_FACT_INSERTED, "fact-inserted", "words added to a fact" },
	{ FACE_FACT_MARK, "fact-mark", "the margin's mark of a changed fact" },
	{ FACE_MATCH, "match", "search matches" },
	{ FACE_FOLD, "fold", "fold rows and labels" },
	{ FACE_TITLE, "title", "the panes' titles" },
	{ FACE_TITLE_FOCUS, "title-focus", "the focused pane's title" },
	{ FACE_STATUS, "status", "the status line" },
	{ FACE_MESSAGE, "message", "a message or a prompt in the status line" },
	{ FACE_ERROR, "error", "an error message" },
	{ FACE_KEY, "key", "keys on the help screen" },
};

const char *
theme_face_name(int face)
{
	size_t i;

	for (i = 0; i < FACE_COUNT; i++)
		if (faces[i].name != NULL && faces[i].face == face)
			return faces[i].name;
	return NULL;
}

int
theme_face_find(const char *name)
{
	size_t i;

	for (i = 0; i < FACE_COUNT; i++)
		if (faces[i].name != NULL && strcmp(faces[i].name, name) == 0)
			return faces[i].face;
	return -1;
}

int
theme_face_list(size_t i, const char **name, const char **what)
{
	if (i >= FACE_COUNT || faces[i].name == NULL)
		return -1;
	*name = faces[i].name;
	*what = faces[i].what;
	return faces[i].face;
}

int
theme_parse_choice(const char *s, enum theme_choice *out)
{
	if (strcmp(s, "dark") == 0)
		*out = THEME_DARK;
	else if (strcmp(s, "light") == 0)
		*out = THEME_LIGHT;
	else if (strcmp(s, "auto") == 0)
		*out = THEME_AUTO;
	else
		return -1;
	return 0;
}

static const char *const colour_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

/* A colour: -1 for default, 0-255; -2 when it is not one. */
static int
parse_colour(const char *s)
{
	char *end;
	long v;
	int i;

	if (strcmp(s, "default") == 0)
		return -1;
	for (i = 0; i < 8; i++) {
		if (strcmp(s, colour_names[i]) == 0)
			return i;
		if (strncmp(s, "bright-", 7) == 0 &&
		    strcmp(s + 7, colour_names[i]) == 0)
			return 8 + i;
	}
	if (strncmp(s, "colour", 6) == 0)
		s += 6;
	else if (strncmp(s, "color", 5) == 0)
		s += 5;
	if (*s < '0' || *s > '9')
		return -2;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= 0 && v <= 255 ? (int)v : -2;
}

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{ "bold", THEME_BOLD },
	{ "dim", THEME_DIM },
	{ "underline", THEME_UNDERLINE },
	{ "reverse", THEME_REVERSE },
	{ "italic", THEME_ITALIC },
	{ "standout", THEME_STANDOUT },
	{ "none", 0 },
};

int
theme_parse_face(const char *spec, struct theme_face *f, char *err,
		 size_t errsize)
{
	char buf[256], *item, *save = NULL;
	size_t i;

	memset(f, 0, sizeof *f);
	if (strlen(spec) >= sizeof buf || *spec == '\0') {
		snprintf(err, errsize, "a face needs fg=COLOUR, bg=COLOUR or "
			 "attributes");
		return -1;
	}
	strcpy(buf, spec);
	for (item = strtok_r(buf, ", \t", &save); item != NULL;
	     item = strtok_r(NULL, ", \t", &save)) {
		if (strncmp(item, "fg=", 3) == 0 || strncmp(item, "bg=", 3) == 0) {
			int c = parse_colour(item + 3);

			if (c == -2) {
				snprintf(err, errsize, "unknown colour '%.40s' "
					 "(a name, bright-NAME, 0-255 or "
					 "default)", item + 3);
				return -1;
			}
			if (item[0] == 'f') {
				f->set_fg = true;
				f->fg = (short)c;
			} else {
				f->set_bg = true;
				f->bg = (short)c;
			}
			continue;
		}
		if (strcmp(item, "blink") == 0) {
			snprintf(err, errsize, "versus never blinks");
			return -1;
		}
		for (i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
			if (strcmp(item, attr_names[i].name) == 0)
				break;
		if (i == sizeof attr_names / sizeof attr_names[0]) {
			snprintf(err, errsize, "unknown attribute '%.40s' (bold, "
				 "dim, underline, reverse, italic, standout, "
				 "none)", item);
			return -1;
		}
		f->set_attrs = true;
		f->attrs |= attr_names[i].bit;
	}
	return 0;
}

/*
 * The light theme: the faces whose dark colours assume a dark background
 * (a grey tint or bar, orange or magenta text), with 256 and 8 colours.
 * Colours the two themes share (black on green, white on red) are kept.
 */
static const struct {
	int face;
	short fg256, bg256, fg8, bg8;
} light[] = {
	{ FACE_COSMETIC_DIM, 245, -1, -1, -1 },
	{ FACE_CHANGED, -1, 254, -1, -1 },
	{ FACE_FILLER, 250, -1, 4, -1 },
	{ FACE_GUTTER, 166, -1, 1, -1 },
	{ FACE_FOLD, 243, -1, 4, -1 },
	{ FACE_TITLE, 235, 252, 0, 7 },
	{ FACE_STATUS, 235, 252, 0, 7 },
	{ FACE_ERROR, 160, -1, 1, -1 },
	{ FACE_KEY, 130, -1, 1, -1 },
	{ FACE_FACT_MARK, 127, -1, 5, -1 },
	{ FACE_COSMETIC_DIM_CHANGED, 245, 254, -1, -1 },
	{ FACE_REVIEWED, 245, 254, -1, -1 },
};

bool
theme_light(int f, bool c256, short *fg, short *bg)
{
	size_t i;

	for (i = 0; i < sizeof light / sizeof light[0]; i++)
		if (light[i].face == f) {
			*fg = c256 ? light[i].fg256 : light[i].fg8;
			*bg = c256 ? light[i].bg256 : light[i].bg8;
			return true;
		}
	return false;
}

int
theme_colorfgbg(const char *value)
{
	const char *bg;
	char *end;
	long v;

	if (value == NULL || (bg = strrchr(value, ';')) == NULL)
		return -1;
	bg++;
	v = strtol(bg, &end, 10);
	if (end == bg || *end != '\0' || v < 0 || v > 15)
		return -1;	/* "default", or not a colour */
	/* rxvt's convention: 7 and 9-15 are light, 0-6 and 8 dark. */
	return v == 7 || v >= 9;
}

/* One component of "rgb:RRRR/GGGG/BBBB": 1 to 4 hex digits, as 0..1. */
static double
component(const char **p, const char *end)
{
	unsigned v = 0, max = 0;
	int n = 0;

	while (*p < end && n < 4) {
		char c = **p;
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') :
			c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) :
			c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;

		if (d == 16)
			break;
		v = v * 16 + d;
		max = max * 16 + 15;
		(*p)++;
		n++;
	}
	return n ? (double)v / max : -1;
}

int
theme_osc11_reply(const char *s, size_t n)
{
	const char *end = s + n, *p;
	double r, g, b;
	size_t i;

	for (i = 0; i + 8 <= n; i++)
		if (memcmp(s + i, "]11;rgb:", 8) == 0)
			break;
	if (i + 8 > n)
		return -1;
	p = s + i + 8;
	r = component(&p, end);
	if (p >= end || *p++ != '/')
		return -1;
	g = component(&p, end);
	if (p >= end || *p++ != '/')
		return -1;
	b = component(&p, end);
	if (r < 0 || g < 0 || b < 0)
		return -1;
	/* Relative luminance (ITU-R BT.709 weights). */
	return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5;
}

/* Milliseconds on a clock that does not jump. */
static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Has the device attributes' answer ("\033[?...c") come in yet? */
static bool
da_answered(const char *buf, size_t n)
{
	size_t i, j;

	for (i = 0; i + 3 < n; i++) {
		if (buf[i] != '\033' || buf[i + 1] != '[' || buf[i + 2] != '?')
			continue;
		for (j = i + 3; j < n; j++) {
			if (buf[j] == 'c')
				return true;
			if (!((buf[j] >= '0' && buf[j] <= '9') || buf[j] == ';'))
				break;
		}
	}
	return false;
}

static int read_answer(int in_fd, int timeout_ms);

int
theme_query(int in_fd, int out_fd, int timeout_ms)
{
	static const char ask[] = "\033]11;?\033\\\033[c";
	struct termios saved, t;
	int v;

	/* The answer must not echo, nor wait for a line end. */
	if (tcgetattr(in_fd, &saved) != 0)
		return -1;
	t = saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(in_fd, TCSANOW, &t) != 0)
		return -1;
	v = write(out_fd, ask, sizeof ask - 1) == (ssize_t)(sizeof ask - 1) ?
		read_answer(in_fd, timeout_ms) : -1;
	tcsetattr(in_fd, TCSANOW, &saved);
	return v;
}

/* Read the terminal's answers until the device attributes' one. */
static int
read_answer(int in_fd, int timeout_ms)
{
	char buf[512];
	size_t n = 0;
	long until = now_ms() + timeout_ms;

	while (!da_answered(buf, n)) {
		struct pollfd p = { in_fd, POLLIN, 0 };
		long left = until - now_ms();
		ssize_t got;

		if (left <= 0 || poll(&p, 1, (int)left) <= 0) {
			/* No answer in time: drop any part of one. */
			tcflush(in_fd, TCIFLUSH);
			return n ? theme_osc11_reply(buf, n) : -1;
		}
		errno = 0;
		got = read(in_fd, buf + n, sizeof buf - 1 - n);
		if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN))
			return -1;
		if (got > 0)
			n += (size_t)got;
		if (n == sizeof buf - 1)
			n = 0;	/* not an answer: start again */
	}
	return theme_osc11_reply(buf, n);
}

/* How long the terminal has to answer, at most. */
#define QUERY_TIMEOUT_MS	150

bool
theme_is_light(const struct theme *t, int in_fd, int out_fd)
{
	int v;

	if (t != NULL && t->choice == THEME_DARK)
		return false;
	if (t != NULL && t->choice == THEME_LIGHT)
		return true;
	v = theme_query(in_fd, out_fd, QUERY_TIMEOUT_MS);
	if (v < 0)
		v = theme_colorfgbg(getenv("COLORFGBG"));
	return v == 1;
}
