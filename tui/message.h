/*
 * message.h — every line versus writes to standard error.
 *
 * Messages quote outside data: paths, option arguments, lines of keymap,
 * equivalence and boilerplate files.  A file named with an escape
 * sequence must not retitle the terminal or erase a line, so a message
 * is written in the visible form the browser uses for article text
 * (width.h): controls in caret notation ("^[" for ESC, "^I" for a tab,
 * "^J" for a newline), C1 and bidi controls as "<U+009B>", invalid
 * UTF-8 as U+FFFD.  Whatever its arguments, a message is one line.
 */
#ifndef VERSUS_MESSAGE_H
#define VERSUS_MESSAGE_H

#include <stddef.h>

/* Write "versus: MSG\n" to stderr, MSG formatted as by printf. */
void message_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/*
 * A usage error: message_error(), then "Try 'versus --help' for more
 * information." and exit status 2.
 */
void message_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

/*
 * The visible form of s[0 .. n-1] in out (NUL-terminated, cut at a
 * character boundary to fit cap bytes).  Returns its length.
 */
size_t message_visible(char *out, size_t cap, const char *s, size_t n);

#endif
