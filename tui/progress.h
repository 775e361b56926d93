/*
 * progress.h — long work shown while it runs, and stopped by Ctrl-C.
 *
 * The engine reports where its work is through a hook (align.h's struct
 * align_progress); this turns the reports into one line, with counts and
 * a bar, once a piece of work has lasted a moment (a quarter of a second
 * in the browser, half a second on the command line), redrawn at most
 * ten times a second:
 *
 *	comparing 1/2 and 2/2: pairing paragraphs, 4.6 of 9.9 MB ▕███░░░▏ 46%
 *
 * In the browser it is the last row (screen_progress), and from then
 * until the next key is read Ctrl-C interrupts: the browser gives the
 * terminal back and versus ends with "versus: interrupted" (screen.h).
 * On the command line it goes to standard error when that is a terminal
 * and standard output is not a pipe (to a pager, most often, which would
 * draw over it), while versus is in the terminal's foreground; rewritten
 * in place and erased when the work ends.  SIGINT and SIGTERM end versus
 * with "versus: interrupted" and the signal's own status.
 */
#ifndef VERSUS_PROGRESS_H
#define VERSUS_PROGRESS_H

#include <stddef.h>

#include "align.h"
#include "text.h"

/* The hook for session_opts.progress. */
const struct align_progress *progress_hook(void);

/* The versions (by their texts), to name them in the line: "1/3". */
void progress_texts(struct text *const *texts, size_t n);

/*
 * Where the line goes: standard error, where it can show (above; and
 * SIGINT and SIGTERM say "versus: interrupted"); the browser's screen;
 * nowhere.
 */
void progress_to_stderr(void);
void progress_to_screen(void);
void progress_off(void);

/*
 * --progress: on standard error the line shows where it can (auto, the
 * default: above), also when standard output is a pipe (always; still
 * on a terminal only, and in its foreground), or never.
 */
enum progress_when { PROGRESS_AUTO, PROGRESS_ALWAYS, PROGRESS_NEVER };
void progress_when(enum progress_when w);

/*
 * A line on standard error, rewritten in place ("\r" fmt "\033[K") and
 * erased by progress_end(), when it can show (above): the one writer of
 * the alignment's line and of the fetching count of open.c, "versus:
 * fetching captures 3/12"; cut to fit on one row of the terminal.
 */
void progress_line(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/*
 * A piece of work begins now (the browser: a key was read), or ended:
 * the line is erased from standard error, and the next piece is timed
 * from its own start.
 */
void progress_begin(void);
void progress_end(void);

#endif
