/*
 * test-atomic.c — replacing a file whole or not at all (cli/atomic.h):
 * a new file gets the mode asked for; an old one is replaced, a symbolic
 * link too (not followed); and a failure at each step (no folder, a
 * body that gives up halfway, a full file system as a file size limit,
 * a rename over a folder) leaves the old bytes and no temporary file.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "dirlist.h"
#include "tap.h"
#include "xalloc.h"

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	static char buf[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
spit(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	if (f != NULL) {
		fputs(s, f);
		fclose(f);
	}
}

/* A body of `n` lines, or one that writes `n` lines then gives up with err. */
struct body {
	int n;
	int err;	/* -1: succeed */
};

static int
write_lines(FILE *f, void *arg)
{
	const struct body *b = arg;
	int i;

	for (i = 0; i < b->n; i++)
		fprintf(f, "line %d of the new file\n", i + 1);
	if (b->err >= 0) {
		errno = b->err;
		return -1;
	}
	return 0;
}

int
main(void)
{
	char dir[] = "/tmp/versus-atomic-XXXXXX", path[256], sub[256],
	     link_to[256], target[256];
	struct body two = { 2, -1 }, half = { 200, ENOSPC }, silent = { 1, 0 },
		    big = { 2000, -1 };
	struct stat st;
	struct rlimit rl, small;
	char *s;
	int r, e;

	if (mkdtemp(dir) == NULL) {
		ok(0, "a scratch folder");
		return done_testing();
	}
	snprintf(path, sizeof path, "%s/out.txt", dir);

	r = atomic_write(path, 0640, write_lines, &two);
	s = slurp(path);
	ok(r == 0 && s != NULL && strcmp(s, "line 1 of the new file\n"
					  "line 2 of the new file\n") == 0,
	   "a new file holds the body");
	ok(stat(path, &st) == 0 && (st.st_mode & 07777) == 0640,
	   "with the mode asked for, umask or not");
	is_str(dir_listing(dir), "out.txt", "and no temporary file beside it");

	spit(path, "old\n");
	r = atomic_write(path, 0600, write_lines, &two);
	s = slurp(path);
	ok(r == 0 && s != NULL && strncmp(s, "line 1", 6) == 0,
	   "an old file is replaced");

	/* The body gives up halfway: its errno, the old file kept. */
	spit(path, "old\n");
	errno = 0;
	r = atomic_write(path, 0600, write_lines, &half);
	e = errno;
	ok(r == -1 && e == ENOSPC, "a body that gives up fails with its errno");
	is_str(slurp(path), "old\n", "... the old file intact");
	is_str(dir_listing(dir), "out.txt", "... no temporary file left");
	errno = 0;
	r = atomic_write(path, 0600, write_lines, &silent);
	e = errno;
	ok(r == -1 && e == EIO, "giving up without errno is EIO");
	is_str(slurp(path), "old\n", "... the old file intact");

	/* A full disk, as a file size limit: EFBIG, the old file kept. */
	if (getrlimit(RLIMIT_FSIZE, &rl) == 0) {
		signal(SIGXFSZ, SIG_IGN);
		small = rl;
		small.rlim_cur = 100;
		setrlimit(RLIMIT_FSIZE, &small);
		r = atomic_write(path, 0600, write_lines, &big);
		e = errno;
		setrlimit(RLIMIT_FSIZE, &rl);
		signal(SIGXFSZ, SIG_DFL);
		ok(r == -1 && e == EFBIG, "a write that fails: EFBIG (%s)",
		   strerror(e));
		is_str(slurp(path), "old\n", "... the old file intact");
		is_str(dir_listing(dir), "out.txt", "... no temporary file left");
	} else {
		skip("getrlimit");
		skip("getrlimit");
		skip("getrlimit");
	}

	/* No folder to write in: nothing made. */
	snprintf(sub, sizeof sub, "%s/missing/out.txt", dir);
	r = atomic_write(sub, 0600, write_lines, &two);
	e = errno;
	ok(r == -1 && e == ENOENT, "no folder: ENOENT");
	is_str(dir_listing(dir), "out.txt", "... nothing made");
	r = atomic_write("/proc/versus-atomic", 0600, write_lines, &two);
	ok(r == -1, "a folder that takes no files: fails (%s)",
	   strerror(errno));

	/* The rename fails (a folder in the way): the folder as it was. */
	snprintf(sub, sizeof sub, "%s/folder", dir);
	mkdir(sub, 0755);
	snprintf(target, sizeof target, "%s/folder/inside", dir);
	spit(target, "kept\n");
	r = atomic_write(sub, 0600, write_lines, &two);
	e = errno;
	ok(r == -1 && e == EISDIR, "a folder at the path: EISDIR (%s)",
	   strerror(e));
	is_str(dir_listing(dir), "folder out.txt", "... no temporary file left");
	is_str(slurp(target), "kept\n", "... the folder intact");
	unlink(target);
	rmdir(sub);

	/* A symbolic link is replaced, its target left alone. */
	snprintf(target, sizeof target, "%s/target", dir);
	snprintf(link_to, sizeof link_to, "%s/link", dir);
	spit(target, "target\n");
	if (symlink(target, link_to) == 0) {
		r = atomic_write(link_to, 0600, write_lines, &two);
		ok(r == 0 && lstat(link_to, &st) == 0 && S_ISREG(st.st_mode),
		   "a symbolic link is replaced by the file");
		is_str(slurp(target), "target\n", "... its target untouched");
		unlink(link_to);
	} else {
		skip("symlink: %s", strerror(errno));
		skip("symlink: %s", strerror(errno));
	}
	unlink(target);

	/* A relative path: beside it, in the current folder. */
	if (chdir(dir) == 0) {
		r = atomic_write("rel.txt", 0600, write_lines, &two);
		is_str(r == 0 ? dir_listing(".") : "", "out.txt rel.txt",
		       "a relative path: written in place");
		unlink("rel.txt");
		if (chdir("/") != 0)
			perror("chdir");
	} else {
		skip("chdir");
	}

	unlink(path);
	ok(rmdir(dir) == 0, "clean up");
	return done_testing();
}
