/*
 * dirlist.h — what a test finds in a folder, dot files too ("." and ".."
 * aside): how many entries, and their names, sorted, space-separated.
 * For the tests that check a write left no temporary file behind.
 */
#ifndef VERSUS_TESTS_DIRLIST_H
#define VERSUS_TESTS_DIRLIST_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
dir_real_entry(const struct dirent *e)
{
	return strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
}

/* The names in dir ("" when it cannot be read); valid until the next call. */
static inline const char *
dir_listing(const char *dir)
{
	static char buf[4096];
	struct dirent **v;
	size_t len = 0;
	int n, i;

	buf[0] = '\0';
	n = scandir(dir, &v, dir_real_entry, alphasort);
	for (i = 0; i < n; i++) {
		if (len < sizeof buf)
			len += (size_t)snprintf(buf + len, sizeof buf - len,
						"%s%s", len ? " " : "",
						v[i]->d_name);
		free(v[i]);
	}
	if (n >= 0)
		free(v);
	return buf;
}

/* How many entries dir has, or -1. */
static inline int
dir_count(const char *dir)
{
	struct dirent **v;
	int n = scandir(dir, &v, dir_real_entry, NULL), i;

	for (i = 0; i < n; i++)
		free(v[i]);
	if (n >= 0)
		free(v);
	return n;
}

#endif
