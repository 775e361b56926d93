/*
 * file.h — reading a small file whole: the equivalence and boilerplate
 * rule files.  (Versions of an article go through text.h, which keeps
 * their bytes and offsets.)
 */
#ifndef VERSUS_FILE_H
#define VERSUS_FILE_H

#include <stddef.h>

#include "error.h"

/*
 * Read PATH into a new buffer (*buf, freed by the caller; NUL-terminated
 * after *len bytes).  Returns 0, or -1 with "PATH: strerror" in err.
 */
int file_read(const char *path, char **buf, size_t *len,
	      struct vs_error *err);

#endif
