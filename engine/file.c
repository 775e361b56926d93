/*
 * file.c — reading a file, capped, with a binary check on the first
 * block (see file.h).
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "xalloc.h"

#ifndef O_NOATIME
#define O_NOATIME 0
#endif

/* Open read-only, without touching atime where we may (EPERM if not). */
static int
open_quietly(const char *path, int flags)
{
	int fd;

	flags |= O_RDONLY | O_CLOEXEC | O_NOCTTY;
	if (O_NOATIME != 0) {
		fd = open(path, flags | O_NOATIME);
		if (fd >= 0 || errno != EPERM)
			return fd;
	}
	return open(path, flags);
}

bool
file_has_nul(const uint8_t *block, size_t n, void *arg)
{
	(void)arg;
	return n > 0 && memchr(block, '\0', n) != NULL;
}

/* Read fd into d up to o->max bytes; 0 or an errno (EFBIG past the cap,
 * EILSEQ for a binary first block). */
static int
read_capped(int fd, size_t hint, const struct file_opts *o,
	    struct file_data *d)
{
	size_t cap, len = 0, want;
	bool checked = o->binary == NULL;
	uint8_t *buf;
	ssize_t r;

	/* One byte more than expected, so end of file comes in one read;
	 * for a stream, one block. */
	cap = (hint > 0 && (checked || hint < FILE_BLOCK) ? hint + 1 :
	       FILE_BLOCK) + 1;
	buf = xmalloc(cap);
	for (;;) {
		if (len + 1 == cap) {
			if (len > o->max) {
				free(buf);
				return EFBIG;
			}
			if (hint + 2 > cap)	/* the first block was checked */
				cap = hint + 2;
			else
				cap = cap - 1 > o->max / 2 ? o->max + 2 :
					2 * cap;
			buf = xrealloc(buf, cap);
		}
		want = cap - 1 - len;
		if (!checked && want > FILE_BLOCK - len)
			want = FILE_BLOCK - len;	/* the first block alone */
		r = read(fd, buf + len, want);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			r = errno;
			free(buf);
			return (int)r;
		}
		len += (size_t)r;
		if (!checked && (r == 0 || len >= FILE_BLOCK)) {
			checked = true;
			if (o->binary(buf, len, o->arg)) {
				free(buf);
				return EILSEQ;
			}
		}
		if (len > o->max) {
			free(buf);
			return EFBIG;
		}
		if (r == 0)
			break;
	}
	if (cap - len > FILE_BLOCK)
		buf = xrealloc(buf, len + 1);
	buf[len] = '\0';
	d->buf = buf;
	d->len = len;
	return 0;
}

int
file_read(const char *path, const struct file_opts *o, struct file_data *d,
	  struct vs_error *err)
{
	bool is_stdin = o->dash_is_stdin && strcmp(path, "-") == 0;
	struct stat st;
	size_t hint = 0;
	int fd, e = 0;

	memset(d, 0, sizeof *d);
	if (is_stdin)
		fd = STDIN_FILENO;
	else if ((fd = open_quietly(path, o->regular_only ? O_NONBLOCK : 0)) < 0)
		goto fail_errno;
	if (fstat(fd, &st) < 0)
		goto fail_errno;
	d->dev = st.st_dev;
	d->ino = st.st_ino;
	if (S_ISDIR(st.st_mode)) {
		d->why = "is a directory";
		goto fail;
	}
	if (o->regular_only && !S_ISREG(st.st_mode)) {
		d->why = "not a regular file";
		goto fail;
	}
	if (o->regular_only &&
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0)
		goto fail_errno;
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
		if ((uintmax_t)st.st_size > o->max) {
			errno = EFBIG;
			goto fail_errno;
		}
		hint = (size_t)st.st_size;
	}
	errno = read_capped(fd, hint, o, d);
	if (errno != 0)
		goto fail_errno;
	if (!is_stdin)
		close(fd);
	return 0;

fail_errno:
	e = errno;
	d->why = e == EFBIG ? "file too large" : e == EILSEQ ? "binary file" :
		strerror(e);
fail:
	vs_error_set(err, "%s: %s", path, d->why);
	if (fd >= 0 && !is_stdin)
		close(fd);
	return -1;
}

int
file_read_config(const char *path, char **buf, size_t *len,
		 struct vs_error *err)
{
	struct file_opts o = { FILE_CONFIG_MAX, false, true, file_has_nul,
			       NULL };
	struct file_data d;

	*buf = NULL;
	*len = 0;
	if (file_read(path, &o, &d, err) != 0)
		return -1;
	if (memchr(d.buf, '\0', d.len) != NULL) {
		vs_error_set(err, "%s: binary file", path);
		free(d.buf);
		return -1;
	}
	*buf = (char *)d.buf;
	*len = d.len;
	return 0;
}
