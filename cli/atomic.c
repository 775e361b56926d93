/*
 * atomic.c — replacing a file whole or not at all (see atomic.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "xalloc.h"

/* "DIR/.NAME.XXXXXX" for path "DIR/NAME" (or ".NAME.XXXXXX"). */
static char *
temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	size_t n = strlen(path);
	char *t = xmalloc(n + 9);

	memcpy(t, path, dir);
	t[dir] = '.';
	memcpy(t + dir + 1, path + dir, n - dir);
	memcpy(t + n + 1, ".XXXXXX", 8);
	return t;
}

/* Flush the folder holding path, so the rename itself is durable. */
static void
sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 :
				     (size_t)(slash - path)) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		(void)fsync(fd);	/* best effort: the data is safe */
		close(fd);
	}
	free(dir);
}

int
atomic_write(const char *path, mode_t mode, atomic_body *body, void *arg)
{
	char *tmp = temp_name(path);
	int fd, e = 0;
	FILE *f;

	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		free(tmp);
		errno = e;
		return -1;
	}
	if (fchmod(fd, mode) != 0 || (f = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		goto fail;
	}
	errno = 0;
	if (body(f, arg) != 0)
		e = errno ? errno : EIO;
	else if (fflush(f) != 0 || ferror(f))
		e = errno ? errno : EIO;
	else if (fsync(fileno(f)) != 0)
		e = errno;
	if (fclose(f) != 0 && e == 0)
		e = errno;
	if (e == 0 && rename(tmp, path) != 0)
		e = errno;
	if (e != 0)
		goto fail;
	sync_dir(path);
	free(tmp);
	return 0;
fail:
	unlink(tmp);
	free(tmp);
	errno = e;
	return -1;
}
