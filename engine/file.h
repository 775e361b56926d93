/*
 * file.h — the one way versus reads a file: versions of an article
 * (text.c), and the configuration files (keymaps, settings, equivalence
 * and boilerplate rules).
 *
 * Every read is capped: past o->max bytes it stops and fails with "PATH:
 * file too large", so /dev/zero, /dev/urandom or `yes |` cost at most
 * the cap, and a regular file larger than the cap is refused from its
 * size without being read.  The first block (FILE_BLOCK bytes, or the
 * whole file if shorter) goes to o->binary before the rest is read, so a
 * binary file is refused without reading it whole.  Configuration files
 * must be regular files: a FIFO, a device or a socket is refused at once
 * ("PATH: not a regular file"), without waiting for a writer.  Files are
 * opened read-only, with O_NOATIME where the system allows it (the
 * owner's files), so reading them does not change their access time.
 */
#ifndef VERSUS_FILE_H
#define VERSUS_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sys/types.h>

#include "error.h"

#define FILE_BLOCK	65536
#define FILE_TEXT_MAX	((size_t)256 << 20)	/* a version of an article */
#define FILE_CONFIG_MAX	((size_t)16 << 20)	/* a configuration file */

struct file_opts {
	size_t max;		/* the cap, in bytes */
	bool dash_is_stdin;	/* "-" reads standard input */
	bool regular_only;	/* refuse what is not a regular file */
	/* Called once on the first block: true refuses it, "binary file". */
	bool (*binary)(const uint8_t *block, size_t n, void *arg);
	void *arg;
};

struct file_data {
	uint8_t *buf;		/* malloc'd, NUL-terminated after len bytes */
	size_t len;
	dev_t dev;		/* the file read, for include loops */
	ino_t ino;
	const char *why;	/* on failure, the reason without the path */
};

/*
 * Read path as o says into *d.  Returns 0, or -1 with "PATH: WHY" in err
 * and d->why set (d->buf NULL).  Directories are refused ("is a
 * directory").
 */
int file_read(const char *path, const struct file_opts *o,
	      struct file_data *d, struct vs_error *err);

/* A binary test for file_opts: any NUL byte. */
bool file_has_nul(const uint8_t *block, size_t n, void *arg);

/*
 * A configuration file whole: regular, at most FILE_CONFIG_MAX bytes, no
 * NUL anywhere.  *buf is NUL-terminated after *len bytes.
 */
int file_read_config(const char *path, char **buf, size_t *len,
		     struct vs_error *err);

#endif
