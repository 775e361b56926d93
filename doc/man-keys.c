/*
 * man-keys.c — writes the KEYS section of versus(1), in troff, from the
 * action registry (tui/action.h) and the shipped keymaps, so the manual
 * cannot disagree with the program.  Run at build time by doc/gen-man.sh;
 * never installed.
 *
 * One entry per action: the keys of the default keymap, the action's help
 * text, its name (what a keymap file binds) and its keys in the other
 * shipped keymaps.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "error.h"
#include "keymap.h"
#include "keymaps-builtin.h"

/* s as troff text: backslashes and minus signs escaped, no leading dot. */
static void
troff(const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", stdout);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

/* "Down, j" as \fBDown\fR, \fBj\fR; "none" when there are none. */
static void
keys(const struct keymap *km, int action, int bold)
{
	char buf[1024], *p, *q;

	if (keymap_keys_for(km, action, buf, sizeof buf) == 0) {
		fputs("none", stdout);
		return;
	}
	for (p = buf; p != NULL; p = q) {
		q = strstr(p, ", ");
		if (q != NULL) {
			*q = '\0';
			q += 2;
		}
		fputs(bold ? "\\fB" : "\\fI", stdout);
		troff(p);
		fputs(q != NULL ? "\\fR, " : "\\fR", stdout);
	}
}

int
main(void)
{
	struct keymap *km[16];
	struct vs_error err;
	size_t n, i;
	int a;

	n = keymap_builtin_count < 16 ? keymap_builtin_count : 16;
	for (i = 0; i < n; i++) {
		km[i] = keymap_load(keymap_builtins[i].name, &err);
		if (km[i] == NULL) {
			fprintf(stderr, "man-keys: %s\n", err.msg);
			return 1;
		}
	}
	for (a = 0; a < ACTION_COUNT; a++) {
		fputs(".TP\n", stdout);
		keys(km[0], a, 1);
		fputs("\n", stdout);
		troff(action_help(a));
		fputs(" \\(em \\fB", stdout);
		troff(action_name(a));
		fputs("\\fR", stdout);
		for (i = 1; i < n; i++) {
			fputs("; ", stdout);
			troff(keymap_builtins[i].name);
			fputs(": ", stdout);
			keys(km[i], a, 0);
		}
		putchar('\n');
	}
	for (i = 0; i < n; i++)
		keymap_free(km[i]);
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
