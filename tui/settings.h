/*
 * settings.h — the user's settings file,
 * $XDG_CONFIG_HOME/versus/config (else ~/.config/versus/config).
 *
 * One setting per line, "NAME VALUE"; "#" starts a comment line.  Known
 * settings:
 *	keymap NAME|FILE	the keymap used when --keymap is not given
 *				(main.c: a relative FILE is beside this file)
 *	theme dark|light|auto	the browser's colours (theme.h; auto)
 *	face NAME SPEC		one face's colours and attributes (theme.h)
 * "NAME = VALUE" is read as "NAME VALUE".
 *	osc52 on|off		copying a citation (clip.h) sends it to the
 *				terminal's clipboard (on, the default), or
 *				asks for a file to append it to (off)
 * An unknown setting or a malformed line is an error "FILE:LINE: message";
 * a missing file is not.
 */
#ifndef VERSUS_SETTINGS_H
#define VERSUS_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "theme.h"

struct settings {
	char keymap[1024];	/* "" when not set */
	unsigned keymap_line;	/* its line in the file */
	bool no_osc52;		/* "osc52 off" */
	char path[4096];	/* the file read, "" for none */
	struct theme theme;	/* theme and face lines (zero: auto) */
};

/*
 * The path of the user's file NAME ("config", "equiv", "boilerplate"):
 * $XDG_CONFIG_HOME/versus/NAME when XDG_CONFIG_HOME is absolute, else
 * $HOME/.config/versus/NAME.  Returns false, with buf empty, when neither
 * variable gives one.
 */
bool settings_path(const char *name, char *buf, size_t size);

/*
 * Read the settings file into s (zeroed first).  Returns 0, or -1 with
 * err set.  `path` NULL means the default location.
 */
int settings_load(struct settings *s, const char *path, struct vs_error *err);

#endif
