/*
 * keymaps-builtin.h — the shipped keymaps, compiled into the program.
 *
 * tui/keymaps-builtin.c is generated from keymaps/NAME.keys by
 * tui/gen-builtin-keymaps.sh: one entry per file, named after it without
 * ".keys", holding the file's text unchanged.  "default" comes first, then
 * the others in the C locale's order of their names.
 */
#ifndef VERSUS_KEYMAPS_BUILTIN_H
#define VERSUS_KEYMAPS_BUILTIN_H

#include <stddef.h>

struct keymap_builtin {
	const char	*name;		/* "vi" */
	const char	*text;		/* the whole of keymaps/vi.keys */
};

extern const struct keymap_builtin keymap_builtins[];
extern const size_t keymap_builtin_count;

#endif
