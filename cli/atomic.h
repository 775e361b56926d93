/*
 * atomic.h — replacing a file whole or not at all: the one writer of the
 * report (report.h), the reviewed marks (tui/reviewed.h) and the cache of
 * fetched pages (sources/cache.h).
 *
 * The body is written to a temporary file ".NAME.XXXXXX" beside PATH
 * (mkstemp, so in the same folder and file system), flushed to disk
 * (fsync), renamed over PATH, and the folder is flushed so that the
 * rename lasts too.  A crash or an error at any step leaves PATH as it
 * was, old bytes or no file, and never a temporary file behind.
 */
#ifndef VERSUS_ATOMIC_H
#define VERSUS_ATOMIC_H

#include <stdio.h>
#include <sys/types.h>

/*
 * Writes a file's body to f.  Returns 0, or -1 with errno set (0 is
 * taken as EIO) to give up; a write error on f is noticed either way.
 */
typedef int atomic_body(FILE *f, void *arg);

/*
 * Replace PATH with what body(f, arg) writes, the new file's permissions
 * mode (umask not applied).  A symbolic link at PATH is replaced, not
 * followed.  Returns 0, or -1 with errno set and PATH as it was.
 */
int atomic_write(const char *path, mode_t mode, atomic_body *body, void *arg);

#endif
