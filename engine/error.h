/*
 * error.h — how the engine reports trouble to its caller.
 *
 * The engine never prints and never exits (tests/lint-engine.sh checks
 * it): what the program writes is in cli/, what it draws in tui/.  Only
 * running out of memory ends the program from inside the engine, through
 * xalloc.h's policy.  A function that can fail takes a
 * `struct vs_error *` as its last argument, returns -1 or NULL on failure and
 * leaves a one-line, lower-case message without a final full stop in
 * err->msg, already prefixed with the subject ("PATH: binary file",
 * "FILE:LINE: unknown spelling").  The program prints it as "versus: MSG".
 * A NULL err is allowed; the message is then dropped.
 */
#ifndef VERSUS_ERROR_H
#define VERSUS_ERROR_H

struct vs_error {
	char msg[512];
};

/* Fill err->msg from a printf format.  Does nothing when err is NULL. */
void vs_error_set(struct vs_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
