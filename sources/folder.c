/*
 * folder.c — a folder of saved versions: its text and HTML files, by
 * date (sources.h).  A file's date is its page's own (dates.h), else its
 * modification time; ties go by name.  Hidden files, subfolders and
 * binary files (NUL bytes in the first 8 KiB, unless --text) are passed
 * over.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dates.h"
#include "sources.h"
#include "xalloc.h"

/* Whether the file's first 8 KiB hold a NUL byte. */
static bool
looks_binary(const char *path)
{
	char buf[8192];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	ssize_t n;

	if (fd < 0)
		return false;	/* text_load says why */
	n = read(fd, buf, sizeof buf);
	close(fd);
	return n > 0 && memchr(buf, '\0', (size_t)n) != NULL;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
folder_open(const char *path, const struct sources_opts *so,
	    struct version_list *list)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i, first = list->n, j;

	if (d == NULL) {
		sources_note(list, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = xgrow(names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, by_name);
	for (i = 0; i < n && !(so->fetch.stop != NULL && *so->fetch.stop); i++) {
		size_t len = strlen(path) + strlen(names[i]) + 2;
		char *file = xmalloc(len), date[32], *name;
		struct vs_error err;
		struct stat st;
		struct text *t;
		const char *src = "mtime";
		time_t when;

		snprintf(file, len, "%s%s%s", path,
			 path[strlen(path) - 1] == '/' ? "" : "/", names[i]);
		if (stat(file, &st) != 0 || !S_ISREG(st.st_mode) ||
		    (!so->text.allow_binary && looks_binary(file))) {
			free(file);
			continue;
		}
		t = text_load(file, &so->text, &err);
		if (t == NULL) {
			sources_note(list, "%s", err.msg);
			free(file);
			continue;
		}
		when = st.st_mtime;
		if (!dates_from_page(t->raw, t->raw_len, &when, &src))
			when = st.st_mtime;
		dates_format(when, date, sizeof date);
		len = strlen(file) + strlen(date) + 4;
		name = xmalloc(len);
		snprintf(name, len, "%s @ %s", file, date);
		free(t->path);
		t->path = name;
		free(file);
		sources_push(list, t, when, src, "folder");
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (list->n == first) {
		sources_note(list, "%s: no text or HTML file in this folder",
			     path);
		return -1;
	}
	/* By date, stable: the names are in order already. */
	for (i = first + 1; i < list->n; i++) {
		struct version x = list->v[i];

		for (j = i; j > first && list->v[j - 1].when > x.when; j--)
			list->v[j] = list->v[j - 1];
		list->v[j] = x;
	}
	return 0;
}
