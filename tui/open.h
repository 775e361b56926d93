/*
 * open.h — the command line's side of sources/: the options saying where
 * versions come from, progress counts on the terminal while pages are
 * fetched, Ctrl-C, and the messages about what could not be read.
 *
 * main.c calls open_options() before its own option parsing (the options
 * named here are taken out of argv), then open_versions() instead of
 * loading each FILE.
 */
#ifndef VERSUS_OPEN_H
#define VERSUS_OPEN_H

#include <stdbool.h>
#include <stddef.h>

#include "text.h"

/* The usage lines of the options below, for --help. */
extern const char open_usage[];

/*
 * Take --archive, --git, --follow, --from, --to, --max, --offline,
 * --refresh, --timeout, --sort, --watch, --every and --on-change out of
 * argv (up to a "--"), updating *argc.  A bad value is a usage error:
 * a message and exit status 2.
 */
void open_options(int *argc, char **argv);

/*
 * Whether the n operands may give more than one version each (a folder,
 * --archive, --git), so that one operand is enough.
 */
bool open_expands(char *const *args, size_t n);

/*
 * The versions of the n operands, in a new array of *count texts (freed
 * by the caller, texts with text_free()).  Each argument or part of one
 * that could not be read is reported on stderr ("versus: URL: reason")
 * and sets *trouble.  An interruption (SIGINT, SIGTERM) while fetching
 * ends the program by that signal.
 */
struct text **open_versions(char *const *args, size_t n,
			    const struct text_opts *to, size_t *count,
			    bool *trouble);

/*
 * After open_versions(): a line for the browser's status bar saying what
 * could not be read ("could not read URL: reason"; with several, how
 * many more), or NULL when everything was.
 */
const char *open_trouble(void);

/*
 * --watch URL: refetch the page every --every, print one line per new
 * version or run --on-change.  Returns an exit status.  open_watching()
 * says whether --watch was given.
 */
bool open_watching(void);
int open_watch(char *const *args, size_t n, const struct text_opts *to);

#endif
