/*
 * screen.c — the terminal through ncursesw (see screen.h).
 *
 * Restoring the terminal is the one thing that must never fail.  Normal
 * exits call screen_end() (endwin).  For SIGINT, SIGTERM and SIGHUP, for
 * crash signals and for every other signal that would end the program
 * (SIGUSR1, SIGALRM, SIGPIPE...), the handler cannot call curses safely,
 * so at start-up we save the terminal modes and the terminfo strings that
 * undo full-screen mode (leave the alternate screen, show the cursor,
 * reset attributes, keypad and mouse off); the handler restores the modes
 * with tcsetattr() and writes those strings with write(2), both
 * async-signal-safe, once, then exits with the signal's status (saying
 * "versus: interrupted" for SIGINT and SIGTERM while a key's work runs:
 * screen_progress makes C-c the interrupt again).  Suspending
 * (Ctrl-Z) and resuming are left to ncurses, which restores and redraws
 * the screen itself; a resize arrives as KEY_RESIZE, never through a
 * SIGWINCH handler of our own.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "keycode.h"
#include "progress.h"
#include "screen.h"
#include "theme.h"
#include "width.h"
#include "xalloc.h"

static SCREEN *scr;
static FILE *tty_in;
static bool active;
static int tty_fd = -1;
static struct termios saved_modes;
static bool have_modes;
static char restore_seq[256];
static size_t restore_len;
static attr_t face_attr[FACE_COUNT];
static short face_pair[FACE_COUNT];
static MEVENT last_mouse;
/*
 * Between a key read and the next look for one, the work it asked for
 * runs (working); once that work shows its progress, C-c is the
 * terminal's interrupt again (interruptible), until the next look.
 */
static volatile sig_atomic_t working;
static bool interruptible;

/* --- restoring the terminal ---------------------------------------------- */

static void
add_restore(const char *cap)
{
	char *s = tigetstr((char *)cap);
	size_t n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (restore_len + n < sizeof restore_seq) {
		memcpy(restore_seq + restore_len, s, n);
		restore_len += n;
	}
}

/*
 * Async-signal-safe: modes back, full-screen mode undone, once.  An
 * allocation failure restores, says "out of memory" and aborts, and the
 * SIGABRT handler must not restore again: a second rmcup moves the
 * cursor back over the message.
 */
static volatile sig_atomic_t restored;

static void
emergency_restore(void)
{
	static const char mouse_off[] = "\033[?1000l\033[?1002l\033[?1006l";

	if (!active || restored)
		return;
	restored = 1;
	if (write(tty_fd >= 0 ? tty_fd : STDOUT_FILENO, restore_seq,
		  restore_len) < 0 ||
	    write(tty_fd >= 0 ? tty_fd : STDOUT_FILENO, mouse_off,
		  sizeof mouse_off - 1) < 0) {
		/* nothing more can be done */
	}
	if (have_modes)
		tcsetattr(tty_fd, TCSAFLUSH, &saved_modes);
}

static void
on_signal(int sig)
{
	static const char msg[] = "versus: interrupted\n";
	bool say = active && !restored && working &&
		(sig == SIGINT || sig == SIGTERM);

	emergency_restore();
	if (say && write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
		/* nothing more can be done */
	}
	if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP)
		_exit(128 + sig);
	/* Any other: restore the default action and die of it. */
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The program's own handler, which says so (xalloc.h). */
static void (*outer_oom)(void);

static void
on_out_of_memory(void)
{
	emergency_restore();
	if (outer_oom != NULL)
		outer_oom();
}

static void
install_signals(void)
{
	/* Every signal whose default action ends the program. */
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT,
				    SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT,
				    SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE,
				    SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
				    SIGSYS, SIGTRAP };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
	outer_oom = xalloc_set_failure_handler(on_out_of_memory);
}

/* --- faces ----------------------------------------------------------------- */

struct face_def {
	short fg256, bg256;	/* with 256 colours; -1 is the default */
	short fg8, bg8;		/* with 8 colours */
	attr_t color_attr;	/* attributes added with colours */
	attr_t mono;		/* attributes without colours */
};

static const struct face_def faces[FACE_COUNT] = {
	[FACE_TEXT] = { -1, -1, -1, -1, 0, 0 },
	[FACE_DELETED] = { 231, 124, COLOR_WHITE, COLOR_RED, 0, A_REVERSE },
	[FACE_INSERTED] = { 16, 114, COLOR_BLACK, COLOR_GREEN, 0,
			    A_BOLD | A_UNDERLINE },
	[FACE_COSMETIC] = { 16, 180, COLOR_BLACK, COLOR_YELLOW, 0,
			    A_UNDERLINE },
	[FACE_COSMETIC_DIM] = { 244, -1, -1, -1, 0, A_DIM },
	[FACE_MOVED] = { 231, 61, COLOR_WHITE, COLOR_BLUE, 0,
			 A_UNDERLINE | A_DIM },
	[FACE_CHANGED] = { -1, 236, -1, -1, 0, 0 },
	[FACE_FILLER] = { 240, -1, COLOR_BLUE, -1, A_DIM, A_DIM },
	[FACE_GUTTER] = { 214, -1, COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[FACE_CURSOR] = { 16, 214, COLOR_BLACK, COLOR_YELLOW, A_BOLD,
			  A_REVERSE | A_BOLD },
	[FACE_MATCH] = { 16, 226, COLOR_BLACK, COLOR_YELLOW, A_BOLD,
			 A_STANDOUT | A_BOLD },
	[FACE_FOLD] = { 244, -1, COLOR_CYAN, -1, 0, A_DIM },
	[FACE_TITLE] = { 252, 238, COLOR_WHITE, COLOR_BLUE, 0, A_REVERSE },
	[FACE_TITLE_FOCUS] = { 231, 25, COLOR_WHITE, COLOR_BLUE, A_BOLD,
			       A_REVERSE | A_BOLD },
	[FACE_STATUS] = { 252, 238, COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE },
	[FACE_MESSAGE] = { -1, -1, -1, -1, A_BOLD, A_BOLD },
	[FACE_ERROR] = { 196, -1, COLOR_RED, -1, A_BOLD, A_BOLD },
	[FACE_KEY] = { 214, -1, COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[FACE_FACT_DELETED] = { 231, 160, COLOR_WHITE, COLOR_RED,
				A_BOLD | A_UNDERLINE,
				A_REVERSE | A_BOLD | A_UNDERLINE },
	[FACE_FACT_INSERTED] = { 16, 120, COLOR_BLACK, COLOR_GREEN,
				 A_BOLD | A_UNDERLINE,
				 A_BOLD | A_UNDERLINE | A_ITALIC },
	[FACE_FACT_MARK] = { 201, -1, COLOR_MAGENTA, -1, A_BOLD,
			     A_BOLD | A_UNDERLINE },	/* never blink */
	[FACE_COSMETIC_DIM_CHANGED] = { 244, 236, -1, -1, 0, A_DIM },
	/* The current change: the cursor's orange, red-tinged if deleted. */
	[FACE_CURRENT_DELETED] = { 16, 209, COLOR_BLACK, COLOR_RED,
				   A_BOLD, A_REVERSE | A_BOLD },
	[FACE_CURRENT_INSERTED] = { 16, 214, COLOR_BLACK, COLOR_YELLOW,
				    A_BOLD | A_UNDERLINE,
				    A_REVERSE | A_BOLD | A_UNDERLINE },
	[FACE_REVIEWED] = { 244, 236, -1, -1, 0, A_DIM },
};

/* The user's theme (settings.h), if screen_set_theme() gave one. */
static struct theme user_theme;
static bool have_theme;

void
screen_set_theme(const struct theme *t)
{
	user_theme = *t;
	have_theme = true;
}

static attr_t
theme_attr(unsigned a)
{
	return (a & THEME_BOLD ? A_BOLD : 0) | (a & THEME_DIM ? A_DIM : 0) |
		(a & THEME_UNDERLINE ? A_UNDERLINE : 0) |
		(a & THEME_REVERSE ? A_REVERSE : 0) |
		(a & THEME_ITALIC ? A_ITALIC : 0) |
		(a & THEME_STANDOUT ? A_STANDOUT : 0);
}

/* Face i's colours: the table's, the light theme's, then the user's. */
static void
face_colours(int i, bool c256, bool light, short *fg, short *bg,
	     attr_t *attr)
{
	const struct face_def *f = &faces[i];
	const struct theme_face *u = &user_theme.face[i];

	*fg = c256 ? f->fg256 : f->fg8;
	*bg = c256 ? f->bg256 : f->bg8;
	*attr = f->color_attr;
	if (light)
		theme_light(i, c256, fg, bg);
	if (!have_theme)
		return;
	if (u->set_fg && u->fg < COLORS)
		*fg = u->fg;
	if (u->set_bg && u->bg < COLORS)
		*bg = u->bg;
	if (u->set_attrs)
		*attr = theme_attr(u->attrs);
}

static void
init_faces(bool color, bool light)
{
	int i;
	bool c256;

	color = color && has_colors();
	if (color) {
		start_color();
		use_default_colors();
	}
	c256 = color && COLORS >= 256 && COLOR_PAIRS >= FACE_COUNT + 1;
	for (i = 0; i < FACE_COUNT; i++) {
		const struct face_def *f = &faces[i];

		face_pair[i] = 0;
		if (!color || COLOR_PAIRS < FACE_COUNT + 1) {
			face_attr[i] = f->mono;
			continue;
		}
		{
			short fg, bg;

			face_colours(i, c256, light, &fg, &bg, &face_attr[i]);
			init_pair((short)(i + 1), fg, bg);
		}
		face_pair[i] = (short)(i + 1);
	}
}

/* --- start and end -------------------------------------------------------- */

/*
 * cbreak() leaves the terminal's own meaning on C-s and C-q (flow
 * control) and C-c and C-\ (signals), which the keymaps want as keys
 * (emacs binds C-s to search and C-c as a prefix).  C-z keeps suspending.
 * ncurses is told the result is the program's mode, so it comes back
 * after a suspend; endwin() restores the user's own modes.
 */
static void
free_control_keys(void)
{
	struct termios t;

	if (tcgetattr(tty_fd, &t) != 0)
		return;
	t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	t.c_cc[VINTR] = _POSIX_VDISABLE;
	t.c_cc[VQUIT] = _POSIX_VDISABLE;
	if (tcsetattr(tty_fd, TCSANOW, &t) == 0)
		def_prog_mode();
}

/* C-c the terminal's interrupt (on), or a key again. */
static void
set_interruptible(bool on)
{
	struct termios t;
	cc_t intr = have_modes ? saved_modes.c_cc[VINTR] : _POSIX_VDISABLE;

	if (tcgetattr(tty_fd, &t) != 0)
		return;
	t.c_cc[VINTR] = !on ? _POSIX_VDISABLE :
		intr != _POSIX_VDISABLE ? intr : 3;	/* C-c */
	if (tcsetattr(tty_fd, TCSANOW, &t) == 0)
		interruptible = on;
}

/*
 * The colours of terminal `term` in the terminal database, 0 for none, -1
 * when it is not there.  (Asked of setupterm, which leaves nothing behind,
 * unlike a newterm that fails.)
 */
static int
term_colors(const char *term)
{
	TERMINAL *saved = cur_term;
	int err, n;

	if (setupterm(term, STDOUT_FILENO, &err) != OK)
		return -1;
	n = tigetnum("colors");
	del_curterm(cur_term);
	set_curterm(saved);
	return n > 0 ? n : 0;
}

bool
screen_term_colors(void)
{
	const char *term = getenv("TERM");

	return term != NULL && *term != '\0' && term_colors(term) > 0;
}

int
screen_init(bool color, struct vs_error *err)
{
	const char *term = getenv("TERM");

	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0) {
		vs_error_set(err, "the terminal (TERM=%s) cannot show the "
			     "browser", term ? term : "");
		return -1;
	}
	if (!isatty(STDIN_FILENO)) {
		tty_in = fopen("/dev/tty", "r");
		if (tty_in == NULL) {
			vs_error_set(err, "/dev/tty: %s", strerror(errno));
			return -1;
		}
		tty_fd = fileno(tty_in);
	} else {
		tty_fd = STDIN_FILENO;
	}
	have_modes = tcgetattr(tty_fd, &saved_modes) == 0;
	scr = term_colors(term) < 0 ? NULL :
		newterm(NULL, stdout, tty_in ? tty_in : stdin);
	if (scr == NULL) {
		vs_error_set(err, "cannot start the terminal (TERM=%s)", term);
		if (tty_in)
			fclose(tty_in);
		tty_in = NULL;
		return -1;
	}
	set_term(scr);
	restore_len = 0;
	restored = 0;
	add_restore("sgr0");
	add_restore("rmkx");
	add_restore("cnorm");
	add_restore("rmcup");
	active = true;
	working = 1;
	interruptible = false;
	install_signals();
	cbreak();
	noecho();
	nonl();
	free_control_keys();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
		  BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	/* Light or dark: asked of the terminal only when it matters. */
	init_faces(color, color && has_colors() &&
		   theme_is_light(have_theme ? &user_theme : NULL, tty_fd,
				  STDOUT_FILENO));
	return 0;
}

void
screen_end(void)
{
	if (!active)
		return;
	mousemask(0, NULL);
	curs_set(1);
	endwin();
	delscreen(scr);
	scr = NULL;
	active = false;
	if (tty_in) {
		fclose(tty_in);
		tty_in = NULL;
	}
	xalloc_set_failure_handler(outer_oom);
}

void
screen_pause(void)
{
	if (!active)
		return;
	def_prog_mode();
	mousemask(0, NULL);
	curs_set(1);
	endwin();
	fflush(stdout);
}

void
screen_resume(void)
{
	if (!active)
		return;
	reset_prog_mode();
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
		  BUTTON5_PRESSED, NULL);
	clearok(curscr, TRUE);	/* the other program drew over it all */
	refresh();
}

int
screen_rows(void)
{
	return LINES;
}

int
screen_cols(void)
{
	return COLS;
}

/* --- keys -------------------------------------------------------------------- */

static int
translate_special(int ch)
{
	switch (ch) {
	case KEY_UP: return KEYCODE_UP;
	case KEY_DOWN: return KEYCODE_DOWN;
	case KEY_LEFT: return KEYCODE_LEFT;
	case KEY_RIGHT: return KEYCODE_RIGHT;
	case KEY_PPAGE: return KEYCODE_PGUP;
	case KEY_NPAGE: return KEYCODE_PGDN;
	case KEY_HOME: return KEYCODE_HOME;
	case KEY_END: return KEYCODE_END;
	case KEY_IC: return KEYCODE_INSERT;
	case KEY_DC: return KEYCODE_DELETE;
	case KEY_BTAB: return KEYCODE_BTAB;
	case KEY_BACKSPACE: return KEYCODE_BACKSPACE;
	case KEY_ENTER: return KEYCODE_ENTER;
	}
	if (ch >= KEY_F(1) && ch <= KEY_F(12))
		return KEYCODE_F1 + (ch - KEY_F(1));
	return -1;
}

/* A plain character from get_wch. */
static int
translate_char(wint_t wc)
{
	if (wc == '\n' || wc == '\r')
		return KEYCODE_ENTER;
	if (wc == 127)
		return KEYCODE_BACKSPACE;	/* 8 stays C-h */
	return (int)wc;
}

/* How long a wait for a key lasts at most before it starts again. */
#define WAIT_SLICE_MS	250

static int next_key(int timeout_ms);

int
screen_getkey(int timeout_ms)
{
	int k;

	/* The last key's work is done: C-c is a key again. */
	if (interruptible)
		set_interruptible(false);
	working = 0;
	progress_end();
	k = next_key(timeout_ms);
	working = 1;
	progress_begin();
	return k;
}

static int
next_key(int timeout_ms)
{
	wint_t wc;
	int r, k;

	for (;;) {
		/*
		 * No endless wait: back from a suspend (C-z, fg) curses
		 * knows the terminal's new size, but the read that was under
		 * way returns no KEY_RESIZE; the next one does.
		 */
		timeout(timeout_ms < 0 ? WAIT_SLICE_MS : timeout_ms);
		r = get_wch(&wc);
		if (r == ERR && timeout_ms < 0)
			continue;
		if (r == ERR)
			return SCREEN_TIMEOUT;
		if (r == KEY_CODE_YES) {
			if (wc == KEY_RESIZE)
				return SCREEN_RESIZE;
			if (wc == KEY_MOUSE) {
				if (getmouse(&last_mouse) == OK)
					return SCREEN_MOUSE;
				continue;
			}
			k = translate_special((int)wc);
			if (k >= 0)
				return k;
			continue;
		}
		if (wc == 27) {
			/* Esc then a key within the escape delay: Meta. */
			timeout(25);
			r = get_wch(&wc);
			if (r == ERR)
				return 27;
			if (r == KEY_CODE_YES)
				return (k = translate_special((int)wc)) >= 0 ?
					(k | KEYCODE_META) : 27;
			return translate_char(wc) | KEYCODE_META;
		}
		return translate_char(wc);
	}
}

void
screen_mouse(int *row, int *col, enum mouse_kind *kind)
{
	*row = last_mouse.y;
	*col = last_mouse.x;
	if (last_mouse.bstate & BUTTON4_PRESSED)
		*kind = MOUSE_WHEEL_UP;
	else if (last_mouse.bstate & BUTTON5_PRESSED)
		*kind = MOUSE_WHEEL_DOWN;
	else
		*kind = MOUSE_CLICK;
}

/* --- drawing ----------------------------------------------------------------- */

void
screen_erase(void)
{
	erase();
}

void
screen_refresh(void)
{
	refresh();
}

static void
set_face(enum face f)
{
	attr_set(face_attr[f], face_pair[f], NULL);
}

void
screen_put(int row, int col, const char *s, size_t len, enum face f)
{
	wchar_t buf[256];
	size_t i = 0, n = 0, used;
	uint32_t uc;
	int x = col;

	if (row < 0 || row >= LINES || col >= COLS)
		return;
	set_face(f);
	move(row, col);
	/* Text is already visible-form UTF-8: decode and add in chunks. */
	while (i < len) {
		used = width_decode((const uint8_t *)s + i, len - i, &uc);
		buf[n++] = (wchar_t)uc;
		i += used;
		if (n == sizeof buf / sizeof buf[0] - 1 || i >= len) {
			buf[n] = L'\0';
			addnwstr(buf, (int)n);
			n = 0;
		}
	}
	(void)x;
	attr_set(A_NORMAL, 0, NULL);
}

void
screen_fill(int row, int col, int n, uint32_t ch, enum face f)
{
	cchar_t cc;
	wchar_t w[2] = { (wchar_t)ch, L'\0' };
	int i;

	if (row < 0 || row >= LINES)
		return;
	setcchar(&cc, w, face_attr[f], face_pair[f], NULL);
	for (i = 0; i < n && col + i < COLS; i++)
		mvadd_wch(row, col + i, &cc);
}

void
screen_recolor(int row, int col, int n, enum face f)
{
	if (row < 0 || row >= LINES || col >= COLS || n <= 0)
		return;
	mvchgat(row, col, n, face_attr[f], face_pair[f], NULL);
}

void
screen_progress(const char *line)
{
	if (!active)
		return;
	screen_fill(LINES - 1, 0, COLS, ' ', FACE_STATUS);
	screen_put(LINES - 1, 0, line, strlen(line), FACE_STATUS);
	refresh();
	if (!interruptible)
		set_interruptible(true);
}

void
screen_cursor(int row, int col)
{
	if (col < 0) {
		curs_set(0);
		return;
	}
	move(row, col);
	curs_set(1);
}
