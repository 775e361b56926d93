/*
 * file.c — reading a small file whole (see file.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "xalloc.h"

int
file_read(const char *path, char **buf, size_t *len, struct vs_error *err)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 0, r;

	*buf = NULL;
	*len = 0;
	if (f == NULL) {
		vs_error_set(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		*buf = xgrow(*buf, &cap, *len + 4097, 1);
		r = fread(*buf + *len, 1, cap - *len - 1, f);
		*len += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		vs_error_set(err, "%s: %s", path, strerror(errno));
		fclose(f);
		free(*buf);
		*buf = NULL;
		return -1;
	}
	fclose(f);
	(*buf)[*len] = '\0';
	return 0;
}
