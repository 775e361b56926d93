/*
 * progress.c — the engine's progress reports made into one line with a
 * bar, on the browser's screen or on standard error, and SIGINT and
 * SIGTERM on the command line (progress.h).
 */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "doc.h"
#include "progress.h"
#include "screen.h"

/* After how long a piece of work shows its progress, and how often. */
#define SCREEN_AFTER	0.25
#define STDERR_AFTER	0.5
#define EVERY		0.1
/* Reports in bytes between two looks at the clock (the engine thins them
   too; other reports are few). */
#define LOOK_EVERY	4

enum where { NOWHERE, STDERR, SCREEN };

static enum where where;
static enum progress_when when;		/* --progress */
static struct text *const *texts;
static size_t ntexts;
static struct timespec start, last;
static bool shown;			/* in this piece of work */
static bool opening;			/* the browser's first piece */
static volatile sig_atomic_t on_stderr;	/* a line is there */
static unsigned calls;
static int stage = -1;			/* of the last report */
static const struct doc *doc_a, *doc_b;	/* ... and its pair */
static double reached;			/* the most of this stage done */
static enum { TEST_NONE, TEST_NOW, TEST_STALL } test;	/* see on_step */

static double
since(const struct timespec *t, const struct timespec *now)
{
	return (double)(now->tv_sec - t->tv_sec) +
		(double)(now->tv_nsec - t->tv_nsec) / 1e9;
}

/* Can standard error show UTF-8?  The locale's variables say. */
static bool
utf8_stderr(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);

		if (v != NULL && *v != '\0')
			return strcasestr(v, "UTF-8") != NULL ||
				strcasestr(v, "utf8") != NULL;
	}
	return false;
}

/* Columns of standard error's terminal (80 when it does not say). */
static int
stderr_columns(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static int
columns(void)
{
	return where == SCREEN ? screen_cols() : stderr_columns();
}

/*
 * Is versus in the foreground of the terminal on standard error?  A
 * background job (`versus --json a b >out &`) draws nothing over the
 * shell, as pv and git see to; a terminal that is not ours says yes.
 * Safe in a signal handler.
 */
static bool
foreground(void)
{
	pid_t fg = tcgetpgrp(STDERR_FILENO);

	return fg < 0 || fg == getpgrp();
}

/*
 * May a line on standard error be drawn, seen and in nobody's way?
 * Standard error is a terminal and standard output not a pipe: what
 * reads a pipe while standard error is the terminal is most often a
 * pager (`versus a b | less`), which draws on that terminal itself, and
 * a line under or over it garbles both.  Then foreground() at each line.
 */
static bool
stderr_free(void)
{
	struct stat st;

	if (when == PROGRESS_NEVER || !isatty(STDERR_FILENO))
		return false;
	return when == PROGRESS_ALWAYS || fstat(STDOUT_FILENO, &st) != 0 ||
		!S_ISFIFO(st.st_mode);
}

void
progress_when(enum progress_when w)
{
	when = w;
}

void
progress_line(const char *fmt, ...)
{
	char line[512];
	int room = stderr_columns() - 1;
	size_t n;
	va_list ap;

	if (!stderr_free() || !foreground())
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	/*
	 * Cut to the row, a column spare: a line that wrapped would leave
	 * its first rows behind at each redraw, "\r" going back to the start
	 * of the last one only.  Every character here is one column wide
	 * (ASCII, the bar's blocks): count those that start a UTF-8 sequence.
	 */
	for (n = 0; line[n] != '\0'; n++)
		if (((unsigned char)line[n] & 0xc0) != 0x80 && room-- <= 0)
			break;
	fprintf(stderr, "\r%.*s\033[K", (int)n, line);
	fflush(stderr);
	on_stderr = 1;
}

/* Version number (1-based) of doc d, or 0. */
static size_t
version_of(const struct doc *d)
{
	size_t i;

	for (i = 0; d != NULL && i < ntexts; i++)
		if (texts[i] == d->text)
			return i + 1;
	return 0;
}

/*
 * The version (1-based) being read when done bytes of them all are, the
 * first ones first (align.h), or 0 when the texts are not those counted.
 */
static size_t
version_reading(const struct align_step *at)
{
	size_t i, sum = 0, v = 0;

	for (i = 0; i < ntexts; i++) {
		if (v == 0 && (at->done < sum + texts[i]->len ||
			       i + 1 == ntexts))
			v = i + 1;
		sum += texts[i]->len;
	}
	return sum == at->total ? v : 0;
}

/* "4.6 of 9.9 MB", "460 of 990 kB", "1 of 2". */
static void
count_text(char *buf, size_t cap, const struct align_step *at, double f)
{
	double total = (double)at->total;

	if (!at->bytes)
		snprintf(buf, cap, "%zu of %zu", at->done + (at->stage ==
			 ALIGN_READ), at->total);
	else if (total >= 1e6)
		snprintf(buf, cap, "%.1f of %.1f MB", f * total / 1e6,
			 total / 1e6);
	else
		snprintf(buf, cap, "%.0f of %.0f kB", f * total / 1e3,
			 total / 1e3);
}

/* The bar, `cells` wide, f full: UTF-8 blocks or ASCII. */
static void
bar_text(char *buf, size_t cap, int cells, double f, bool utf8)
{
	int full = (int)(f * cells + 0.5), i;
	size_t n = 0;

	if (full > cells)
		full = cells;
	n += (size_t)snprintf(buf + n, cap - n, "%s", utf8 ? "▕" : "[");
	for (i = 0; i < cells && n + 4 < cap; i++)
		n += (size_t)snprintf(buf + n, cap - n, "%s", i < full ?
				      (utf8 ? "█" : "#") : (utf8 ? "░" : "-"));
	snprintf(buf + n, cap - n, "%s", utf8 ? "▏" : "]");
}

static const char *const stage_names[] = {
	[ALIGN_READ] = "reading versions",
	[ALIGN_PAIR] = "pairing paragraphs",
	[ALIGN_WORDS] = "comparing sentences and words",
	[ALIGN_MOVES] = "finding moves",
	[ALIGN_CHANGES] = "sorting the changes",
	[ALIGN_TRACE] = "tracing sentences",
};

/*
 * The line for report at, f of its stage done, in at most `width`
 * columns: the less telling parts go first when it does not fit.
 */
static void
format_line(char *out, size_t cap, const struct align_step *at, double f,
	    int width, bool utf8)
{
	char who[64] = "", count[64] = "", bar[128] = "", pct[8] = "";
	char reading[64] = "";
	const char *what = at->stage >= 0 && at->stage <= ALIGN_TRACE ?
		stage_names[at->stage] : "working";
	const char *prefix = where == STDERR ? "versus: " : " ";
	const char *hint = where == SCREEN ? "  (Ctrl-C quits)" : "";
	size_t va = version_of(at->a), vb = version_of(at->b);
	int cells = 20, len;

	if (va && vb)
		snprintf(who, sizeof who, "comparing %zu/%zu and %zu/%zu: ",
			 va < vb ? va : vb, ntexts, va < vb ? vb : va, ntexts);
	else if (at->stage == ALIGN_READ && at->bytes &&
		 (va = version_reading(at)) != 0)
		snprintf(reading, sizeof reading, "reading version %zu of %zu",
			 va, ntexts);
	if (reading[0])
		what = reading;
	if (at->total > 0) {
		/* Candidates and blocks mean nothing to a reader. */
		if (at->bytes || at->stage == ALIGN_READ)
			count_text(count, sizeof count, at, f);
		if (reading[0])
			strncat(count, " in all", sizeof count -
				strlen(count) - 1);
		if (at->bytes || at->stage != ALIGN_READ)
			snprintf(pct, sizeof pct, " %d%%", (int)(f * 100));
	}
	for (;;) {
		/* Versions counted rather than their bytes: no bar. */
		if (at->total > 0 && (at->bytes || at->stage != ALIGN_READ))
			bar_text(bar, sizeof bar, cells, f, utf8);
		/* Every part is ASCII but the bar's cells and its ends. */
		len = (int)(strlen(prefix) + strlen(who) + strlen(what) +
			    (count[0] ? strlen(count) + 2 : 0) +
			    (bar[0] ? (size_t)cells + 3 : 0) + strlen(pct) +
			    strlen(hint));
		if (len <= width)
			break;
		if (hint[0])
			hint = "";
		else if (cells > 10)
			cells = 10;
		else if (who[0])
			who[0] = '\0';
		else if (count[0])
			count[0] = '\0';
		else
			break;
	}
	snprintf(out, cap, "%s%s%s%s%s%s%s%s", prefix, who, what,
		 count[0] ? ", " : "", count, bar[0] ? " " : "", bar, pct);
	if (hint[0])
		strncat(out, hint, cap - strlen(out) - 1);
}

static void
draw(const struct align_step *at, double f)
{
	char line[512];

	if (where == SCREEN) {
		format_line(line, sizeof line, at, f, columns() - 1, true);
		screen_progress(line);
		return;
	}
	format_line(line, sizeof line, at, f, columns() - 1, utf8_stderr());
	progress_line("%s", line);
}

static void
on_step(void *arg, const struct align_step *at)
{
	struct timespec now;
	bool fresh = at->stage != stage || at->a != doc_a || at->b != doc_b;
	double f = at->total > 0 ? (double)at->done / (double)at->total : 0;

	(void)arg;
	if (where == NOWHERE)
		return;
	if (fresh) {
		stage = at->stage;
		doc_a = at->a;
		doc_b = at->b;
		reached = 0;
	}
	/*
	 * Sides and levels take turns: the bar never goes back, but for a
	 * new pass over the pairing (the gaps it left, paired again).
	 */
	if (f > reached)
		reached = f < 1 ? f : 1;
	else if (at->stage == ALIGN_PAIR && f + 0.25 < reached)
		reached = f;
	if (!fresh && at->bytes && ++calls % LOOK_EVERY != 0 &&
	    test == TEST_NONE)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	/* The browser's screen is blank until the versions are read. */
	if (!shown && test == TEST_NONE &&
	    !(opening && at->stage == ALIGN_READ) &&
	    since(&start, &now) < (where == SCREEN ? SCREEN_AFTER :
				   STDERR_AFTER))
		return;
	/*
	 * For the tests (tests/tui/progress.sh, tests/cli/progress.sh): with
	 * VERSUS_TEST_PROGRESS=now the line shows at once; with =stall too,
	 * and the work then stops for good half way through pairing
	 * paragraphs, so that a test sees the line and interrupts the work
	 * whatever the speed of the machine.
	 */
	if (test == TEST_STALL && at->stage == ALIGN_PAIR && reached >= 0.5) {
		draw(at, reached);
		for (;;)
			pause();
	}
	/* Reading and sorting the changes say so once, and take long. */
	if (shown && since(&last, &now) < EVERY &&
	    !(fresh && (at->stage == ALIGN_READ || at->stage == ALIGN_CHANGES)))
		return;
	shown = true;
	last = now;
	draw(at, reached);
}

const struct align_progress *
progress_hook(void)
{
	static const struct align_progress hook = { on_step, NULL };

	return &hook;
}

void
progress_texts(struct text *const *t, size_t n)
{
	texts = t;
	ntexts = n;
}

/* SIGINT, SIGTERM on the command line: the line erased, one word, death. */
static void
on_stop(int sig)
{
	static const char erase[] = "\r\033[K";
	static const char msg[] = "versus: interrupted\n";

	if ((on_stderr && foreground() &&
	     write(STDERR_FILENO, erase, sizeof erase - 1) < 0) ||
	    write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
		/* nothing more can be done */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
catch_stop(int sig)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, &old);
	/* A signal ignored by whoever started us stays ignored. */
	if (old.sa_handler == SIG_IGN)
		sigaction(sig, &old, NULL);
}

void
progress_to_stderr(void)
{
	const char *t = getenv("VERSUS_TEST_PROGRESS");

	if (t != NULL)
		test = strcmp(t, "stall") == 0 ? TEST_STALL :
			strcmp(t, "now") == 0 ? TEST_NOW : TEST_NONE;
	progress_end();
	where = stderr_free() ? STDERR : NOWHERE;
	catch_stop(SIGINT);
	catch_stop(SIGTERM);
}

void
progress_to_screen(void)
{
	progress_end();
	where = SCREEN;
	opening = true;
}

void
progress_off(void)
{
	progress_end();
	where = NOWHERE;
}

void
progress_begin(void)
{
	clock_gettime(CLOCK_MONOTONIC, &start);
	shown = false;
	stage = -1;
	doc_a = doc_b = NULL;
	calls = 0;
}

void
progress_end(void)
{
	/* In the background, the line is left where it was. */
	if (on_stderr && foreground()) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	on_stderr = 0;
	shown = opening = false;
}
