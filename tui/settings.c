/*
 * settings.c — reading the user's settings file (see settings.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "settings.h"

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
			 e[-1] == '\r'))
		*--e = '\0';
	return s;
}

bool
settings_path(const char *name, char *buf, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	buf[0] = '\0';
	if (xdg != NULL && *xdg == '/')
		snprintf(buf, size, "%s/versus/%s", xdg, name);
	else if (home != NULL && *home != '\0')
		snprintf(buf, size, "%s/.config/versus/%s", home, name);
	return buf[0] != '\0';
}

/* A "theme" or "face" line into s->theme. */
static int
theme_setting(struct settings *s, const char *name, char *value,
	      const char *path, unsigned lineno, struct vs_error *err)
{
	char msg[160], *spec;
	int f;

	if (strcmp(name, "theme") == 0) {
		if (theme_parse_choice(value, &s->theme.choice) != 0) {
			vs_error_set(err, "%s:%u: theme is dark, light or auto, "
				     "not '%s'", path, lineno, value);
			return -1;
		}
		return 0;
	}
	spec = value + strcspn(value, " \t");
	if (*spec != '\0')
		*spec++ = '\0';
	spec = trim(spec);
	if (*spec == '=')
		spec = trim(spec + 1);
	f = theme_face_find(value);
	if (f < 0) {
		vs_error_set(err, "%s:%u: unknown face '%s' (versus(1), "
			     "FILES, names them)", path, lineno, value);
		return -1;
	}
	if (theme_parse_face(spec, &s->theme.face[f], msg, sizeof msg) != 0) {
		vs_error_set(err, "%s:%u: face %s: %s", path, lineno, value, msg);
		return -1;
	}
	return 0;
}

int
settings_load(struct settings *s, const char *path, struct vs_error *err)
{
	char def[4096], *text, *line, *next;
	unsigned lineno = 0;
	size_t len;

	memset(s, 0, sizeof *s);
	if (path == NULL) {
		if (!settings_path("config", def, sizeof def))
			return 0;
		path = def;
	}
	if (access(path, F_OK) != 0 && (errno == ENOENT || errno == ENOTDIR))
		return 0;
	if (file_read_config(path, &text, &len, err) != 0)
		return -1;
	snprintf(s->path, sizeof s->path, "%s", path);
	for (line = text; line != NULL; line = next) {
		char *l, *value;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		l = trim(line);
		lineno++;
		if (*l == '\0' || *l == '#')
			continue;
		value = l + strcspn(l, " \t");
		if (*value != '\0')
			*value++ = '\0';
		value = trim(value);
		if (*value == '=')	/* "theme = light" */
			value = trim(value + 1);
		if (strcmp(l, "theme") == 0 || strcmp(l, "face") == 0) {
			if (theme_setting(s, l, value, path, lineno, err) != 0)
				goto fail;
		} else if (strcmp(l, "keymap") == 0) {
			if (*value == '\0') {
				vs_error_set(err, "%s:%u: keymap needs a name "
					     "or a file", path, lineno);
				goto fail;
			}
			snprintf(s->keymap, sizeof s->keymap, "%s", value);
			s->keymap_line = lineno;
		} else if (strcmp(l, "osc52") == 0) {
			if (strcmp(value, "on") != 0 &&
			    strcmp(value, "off") != 0) {
				vs_error_set(err, "%s:%u: osc52 is on or off, "
					     "not '%s'", path, lineno, value);
				goto fail;
			}
			s->no_osc52 = strcmp(value, "off") == 0;
		} else {
			vs_error_set(err, "%s:%u: unknown setting '%s'", path,
				     lineno, l);
			goto fail;
		}
	}
	free(text);
	return 0;
fail:
	free(text);
	return -1;
}
