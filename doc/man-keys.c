/*
 * man-keys.c — writes the KEYS section of versus(1), in troff, from the
 * action registry (tui/action.h) and the shipped keymaps, and with the
 * argument "legend" its LEGEND entries from the legend table
 * (tui/legend.h), with "faces" the list of faces a settings file can set
 * (tui/theme.h), so the manual cannot disagree with the program.  Run at
 * build time (Makefile.am, doc/gen-man.sh); never installed.
 *
 * KEYS: one entry per action: the keys of the default keymap, the
 * action's help text, its name (what a keymap file binds) and its keys in
 * the other shipped keymaps.  LEGEND: for each part of the legend a
 * paragraph naming it, then one entry per sample: the sample in bold,
 * what it looks like by default, what it means.  Faces: an indented list
 * of each face's name and what it colours.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "error.h"
#include "keymap.h"
#include "keymaps-builtin.h"
#include "legend.h"
#include "theme.h"

/*
 * s as troff text: backslashes and minus signs escaped, no leading dot,
 * characters beyond ASCII as \[uXXXX] (groff's form, whatever the
 * page's encoding is taken to be).
 */
static void
troff(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (*p == '.' || *p == '\'')
		fputs("\\&", stdout);
	while (*p) {
		unsigned long c = *p;
		int n = 0;

		if (c == '\\')
			fputs("\\e", stdout);
		else if (c == '-')
			fputs("\\-", stdout);
		else if (c < 0x80)
			putchar((int)c);
		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xf0)
			c &= 0x07, n = 3;
		else if (c >= 0xe0)
			c &= 0x0f, n = 2;
		else
			c &= 0x1f, n = 1;
		for (p++; n > 0 && (*p & 0xc0) == 0x80; n--, p++)
			c = c << 6 | (*p & 0x3f);
		printf("\\[u%04lX]", c);
	}
}

/* The LEGEND entries (legend.h). */
static int
write_legend(void)
{
	int part;
	size_t e;

	for (part = 0; part < LEGEND_PART_COUNT; part++) {
		fputs(".PP\n", stdout);
		troff(legend_part_title((enum legend_part)part));
		fputs(":\n", stdout);
		for (e = 0; e < legend_count; e++) {
			const struct legend_entry *l = &legend[e];
			char buf[256], *w, *sp;
			size_t n;

			if ((int)l->part != part)
				continue;
			/* The sample without its padding, spaces unbreakable. */
			w = buf;
			snprintf(buf, sizeof buf, "%s", l->sample);
			while (*w == ' ')
				w++;
			for (n = strlen(w); n > 0 && w[n - 1] == ' '; n--)
				w[n - 1] = '\0';
			fputs(".TP\n\\fB", stdout);
			for (; (sp = strchr(w, ' ')) != NULL; w = sp + 1) {
				*sp = '\0';
				troff(w);
				fputs("\\ ", stdout);
			}
			troff(w);
			fputs("\\fR", stdout);
			if (l->look != NULL) {
				fputs(" (", stdout);
				troff(l->look);
				fputs(")", stdout);
			}
			fputs("\n", stdout);
			troff(l->meaning);
			putchar('\n');
		}
	}
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}

/* The faces (theme.h), in an indented list. */
static int
write_faces(void)
{
	const char *name, *what;
	size_t i;

	fputs(".RS\n", stdout);
	for (i = 0; theme_face_list(i, &name, &what) >= 0; i++) {
		fputs(".TP\n.B ", stdout);
		troff(name);
		putchar('\n');
		troff(what);
		putchar('\n');
	}
	fputs(".RE\n", stdout);
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
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
main(int argc, char **argv)
{
	struct keymap *km[16];
	struct vs_error err;
	size_t n, i;
	int a;

	if (argc > 1 && strcmp(argv[1], "legend") == 0)
		return write_legend();
	if (argc > 1 && strcmp(argv[1], "faces") == 0)
		return write_faces();
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
