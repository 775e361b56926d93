/*
 * cache.c — the on-disk cache of fetched pages: one file per entry,
 * written atomically, checked when read (cache.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "cache.h"
#include "file.h"
#include "xalloc.h"

#define CACHE_MAGIC "versus cache 1\n"

unsigned long long
cache_hash(unsigned long long h, const void *p, size_t n)
{
	const unsigned char *s = p;

	while (n-- > 0) {
		h ^= *s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

bool
cache_dir(char *buf, size_t size)
{
	const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	int n;

	if (x != NULL && x[0] == '/')
		n = snprintf(buf, size, "%s/versus", x);
	else if (home != NULL && home[0] != '\0')
		n = snprintf(buf, size, "%s/.cache/versus", home);
	else
		return false;
	return n > 0 && (size_t)n < size;
}

/* The entry's file: DIR/HASH, HASH over url NUL capture. */
static void
entry_path(const char *dir, const char *url, const char *capture,
	   char *buf, size_t size)
{
	unsigned long long h = cache_hash(CACHE_HASH_INIT, url, strlen(url) + 1);

	if (capture != NULL)
		h = cache_hash(h, capture, strlen(capture));
	snprintf(buf, size, "%s/%016llx", dir, h);
}

void
cache_entry_clear(struct cache_entry *e)
{
	free(e->url);
	free(e->capture);
	free(e->content_type);
	free(e->etag);
	free(e->last_modified);
	free(e->body);
	memset(e, 0, sizeof *e);
}

/* The value of header line "key value\n" at *p, advancing *p; NULL if not. */
static char *
header_line(const char **p, const char *end, const char *key)
{
	size_t kl = strlen(key);
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	char *v;

	if (nl == NULL || (size_t)(nl - *p) < kl + 1 ||
	    memcmp(*p, key, kl) != 0 || (*p)[kl] != ' ')
		return NULL;
	v = xstrndup(*p + kl + 1, (size_t)(nl - *p - kl - 1));
	*p = nl + 1;
	return v;
}

/* "-" stands for no value. */
static char *
dash_null(char *v)
{
	if (v != NULL && strcmp(v, "-") == 0) {
		free(v);
		return NULL;
	}
	return v;
}

enum cache_result
cache_get(const char *dir, const char *url, const char *capture,
	  struct cache_entry *e)
{
	char path[4200], *buf, *v, *end_num;
	const char *p, *end;
	size_t len;
	unsigned long long len_want, check;
	struct vs_error err;
	struct file_opts fo = { FILE_TEXT_MAX + FILE_BLOCK, false, true, NULL,
				NULL };
	struct file_data d;
	enum cache_result r = CACHE_CORRUPT;

	memset(e, 0, sizeof *e);
	entry_path(dir, url, capture, path, sizeof path);
	if (access(path, F_OK) != 0)
		return CACHE_MISS;
	/* a page and its header: regular, capped like an input (file.h) */
	if (file_read(path, &fo, &d, &err) != 0)
		return CACHE_CORRUPT;
	buf = (char *)d.buf;
	len = d.len;
	p = buf;
	end = buf + len;
	if (len < sizeof CACHE_MAGIC - 1 ||
	    memcmp(p, CACHE_MAGIC, sizeof CACHE_MAGIC - 1) != 0)
		goto out;
	p += sizeof CACHE_MAGIC - 1;
	if ((e->url = header_line(&p, end, "url")) == NULL ||
	    strcmp(e->url, url) != 0)
		goto out;	/* another key with the same hash: a miss */
	if ((v = header_line(&p, end, "capture")) == NULL)
		goto out;
	e->capture = dash_null(v);
	if ((capture == NULL) != (e->capture == NULL) ||
	    (capture != NULL && strcmp(capture, e->capture) != 0))
		goto out;
	if ((v = header_line(&p, end, "fetched")) == NULL)
		goto out;
	e->fetched = (time_t)strtoll(v, NULL, 10);
	free(v);
	if ((v = header_line(&p, end, "type")) == NULL)
		goto out;
	e->content_type = dash_null(v);
	if ((v = header_line(&p, end, "etag")) == NULL)
		goto out;
	e->etag = dash_null(v);
	if ((v = header_line(&p, end, "modified")) == NULL)
		goto out;
	e->last_modified = dash_null(v);
	if ((v = header_line(&p, end, "length")) == NULL)
		goto out;
	errno = 0;
	len_want = strtoull(v, &end_num, 10);
	if (errno != 0 || *end_num != '\0' || end_num == v) {
		free(v);
		goto out;
	}
	free(v);
	if ((v = header_line(&p, end, "check")) == NULL)
		goto out;
	check = strtoull(v, &end_num, 16);
	if (*end_num != '\0' || end_num == v) {
		free(v);
		goto out;
	}
	free(v);
	if (p >= end || *p != '\n')
		goto out;
	p++;
	if ((unsigned long long)(end - p) != len_want ||
	    cache_hash(CACHE_HASH_INIT, p, (size_t)(end - p)) != check)
		goto out;
	e->len = (size_t)(end - p);
	e->body = xmalloc(e->len + 1);
	memcpy(e->body, p, e->len);
	e->body[e->len] = '\0';
	r = CACHE_HIT;
out:
	free(buf);
	if (r != CACHE_HIT)
		cache_entry_clear(e);
	return r;
}

void
cache_remove(const char *dir, const char *url, const char *capture)
{
	char path[4200];

	entry_path(dir, url, capture, path, sizeof path);
	unlink(path);
}

/* mkdir -p: create dir and its missing parents. */
static int
make_dirs(const char *dir)
{
	char tmp[4200], *s;

	if (snprintf(tmp, sizeof tmp, "%s", dir) >= (int)sizeof tmp) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (s = tmp + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

/* A value fit for one header line ("-" for none); NULL if it cannot be. */
static const char *
line_value(const char *v)
{
	if (v == NULL || v[0] == '\0')
		return "-";
	return strpbrk(v, "\r\n") != NULL ? NULL : v;
}

struct put_args {
	const struct cache_entry *e;
	const char *cap, *ct, *et, *lm;
};

/* The header lines, a blank line, then the body. */
static int
entry_body(FILE *f, void *arg)
{
	const struct put_args *p = arg;
	const struct cache_entry *e = p->e;

	fprintf(f, CACHE_MAGIC "url %s\ncapture %s\nfetched %lld\n"
		"type %s\netag %s\nmodified %s\nlength %zu\ncheck %016llx\n\n",
		e->url, p->cap, (long long)e->fetched, p->ct, p->et, p->lm,
		e->len, cache_hash(CACHE_HASH_INIT, e->body, e->len));
	fwrite(e->body, 1, e->len, f);
	return 0;
}

int
cache_put(const char *dir, struct cache_entry *e, struct vs_error *err)
{
	char path[4200];
	struct put_args p = { e, line_value(e->capture),
			      line_value(e->content_type), line_value(e->etag),
			      line_value(e->last_modified) };

	if (strpbrk(e->url, "\r\n") != NULL || p.cap == NULL)
		return 0;	/* a key that cannot be written: not cached */
	/* A value that would break its line is left out. */
	p.ct = p.ct ? p.ct : "-";
	p.et = p.et ? p.et : "-";
	p.lm = p.lm ? p.lm : "-";
	e->fetched = time(NULL);
	entry_path(dir, e->url, e->capture, path, sizeof path);
	if (make_dirs(dir) != 0 ||
	    atomic_write(path, 0600, entry_body, &p) != 0) {
		vs_error_set(err, "%s: cannot write the cache in %s: %s",
			     e->url, dir, strerror(errno));
		return -1;
	}
	return 0;
}
