/*
 * history.c — a file's versions from its git history: one per commit
 * that changed it, oldest first, named with the commit's date, short hash
 * and subject (sources.h).
 *
 * This runs the git command rather than linking libgit2: `git log
 * --follow` is the rename tracking users know (libgit2 has no
 * equivalent), git is on every machine that has a repository, and it
 * keeps a library and its ABI out of the build.  git's messages are not
 * shown; versus says what failed in its own line.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dates.h"
#include "sources.h"
#include "xalloc.h"

/*
 * Run git with argv (argv[0] "git"), its output into *out (NUL-terminated
 * after *len bytes).  Returns its exit status, 127 when git could not be
 * run.
 */
static int
run_git(const char *const argv[], unsigned char **out, size_t *len)
{
	int fd[2], st, nul;
	size_t cap = 0;
	pid_t pid;

	*out = NULL;
	*len = 0;
	if (pipe(fd) != 0)
		return 127;
	pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return 127;
	}
	if (pid == 0) {
		nul = open("/dev/null", O_RDWR);
		dup2(fd[1], STDOUT_FILENO);
		if (nul >= 0) {
			dup2(nul, STDIN_FILENO);
			dup2(nul, STDERR_FILENO);
		}
		close(fd[0]);
		close(fd[1]);
		execvp("git", (char *const *)argv);
		_exit(127);
	}
	close(fd[1]);
	for (;;) {
		ssize_t r;

		*out = xgrow(*out, &cap, *len + 65536 + 1, 1);
		r = read(fd[0], *out + *len, 65536);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (r == 0)
			break;
		*len += (size_t)r;
	}
	(*out)[*len] = '\0';
	close(fd[0]);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 127;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 127;
}

struct commit {
	char *hash;
	time_t when;
	char *subject;
	char *path;		/* from the top of the repository */
};

int
history_open(const char *path, const struct sources_opts *so,
	     struct version_list *list)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	const char *base = path;
	unsigned char *out = NULL;
	size_t len, i, n = 0, cap = 0, added = 0;
	struct commit *cs = NULL;
	struct stat st;
	char *p, *end;
	int rc;

	if (slash != NULL) {
		*slash = '\0';
		base = slash + 1;
		if (dir[0] == '\0')
			strcpy(dir, "/");
	} else {
		strcpy(dir, ".");
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		sources_note(list, "%s: --git needs a file, not a folder", path);
		goto out;
	}
	{
		const char *argv[] = { "git", "-C", dir, "rev-parse", "--git-dir", NULL };

		rc = run_git(argv, &out, &len);
		free(out);
		out = NULL;
		if (rc == 127) {
			sources_note(list, "%s: --git needs the git command, "
				     "which was not found", path);
			goto out;
		}
		if (rc != 0) {
			sources_note(list, "%s: not in a git repository", path);
			goto out;
		}
	}
	{
		const char *argv[] = { "git", "-C", dir, "-c", "core.quotepath=off",
			"log", "--format=%x1e%H%x1f%ct%x1f%s", "--name-only",
			"-z", so->follow ? "--follow" : "--no-follow", "--",
			base, NULL };

		rc = run_git(argv, &out, &len);
		if (rc != 0) {
			sources_note(list, "%s: git log failed (status %d)",
				     path, rc);
			goto out;
		}
	}
	/* Records: \x1e HASH \x1f TIME \x1f SUBJECT \0 \n PATH \0 */
	end = (char *)out + len;
	for (p = (char *)out; p < end; ) {
		char *f1, *f2, *z, *pz, *s;
		struct commit *c;

		if (*p != '\x1e')
			break;
		p++;
		f1 = memchr(p, '\x1f', (size_t)(end - p));
		f2 = f1 ? memchr(f1 + 1, '\x1f', (size_t)(end - f1 - 1)) : NULL;
		z = f2 ? memchr(f2 + 1, '\0', (size_t)(end - f2 - 1)) : NULL;
		if (z == NULL)
			break;
		s = z + 1;
		while (s < end && *s == '\n')
			s++;
		pz = memchr(s, '\0', (size_t)(end - s));
		if (pz == NULL)
			pz = end;
		cs = xgrow(cs, &cap, n + 1, sizeof *cs);
		c = &cs[n++];
		c->hash = xstrndup(p, (size_t)(f1 - p));
		c->when = (time_t)strtoll(f1 + 1, NULL, 10);
		c->subject = xstrndup(f2 + 1, (size_t)(z - f2 - 1));
		c->path = xstrndup(s, (size_t)(pz - s));
		p = pz < end ? pz + 1 : end;
	}
	free(out);
	out = NULL;
	if (n == 0) {
		sources_note(list, "%s: no commit in the git history changes it",
			     path);
		goto out;
	}
	/* Oldest first; a commit that deleted the file has no version. */
	for (i = n; i-- > 0; ) {
		struct commit *c = &cs[i];
		char spec[4200], name[4600], date[32];
		struct vs_error err;
		struct text *t;

		if (so->fetch.stop != NULL && *so->fetch.stop)
			break;	/* interrupted: the caller says so */
		if (c->path[0] == '\0')
			continue;
		snprintf(spec, sizeof spec, "%s:%s", c->hash, c->path);
		const char *argv[] = { "git", "-C", dir, "cat-file", "blob", spec, NULL };

		if (run_git(argv, &out, &len) != 0) {
			free(out);
			out = NULL;
			continue;
		}
		dates_format(c->when, date, sizeof date);
		snprintf(name, sizeof name, "%s @ %s %.7s %s", path, date,
			 c->hash, c->subject);
		t = text_from_bytes(name, out, len, &so->text, &err);
		free(out);
		out = NULL;
		if (t == NULL) {
			sources_note(list, "%s", err.msg);
			continue;
		}
		sources_push(list, t, c->when, "commit", "git");
		added++;
		if (so->progress != NULL)
			so->progress(so->progress_arg, "reading history",
				     n - i, n);
	}
	if (added == 0 && list->failed == 0)
		sources_note(list, "%s: no version of it in the git history",
			     path);
out:
	for (i = 0; i < n; i++) {
		free(cs[i].hash);
		free(cs[i].subject);
		free(cs[i].path);
	}
	free(cs);
	free(out);
	free(dir);
	return 0;
}

int
history_blob(const char *spec, const struct sources_opts *so,
	     struct version_list *list)
{
	const char *colon = strchr(spec, ':');
	char *rev, name[4600], date[32], *f1, *f2;
	unsigned char *out = NULL, *meta = NULL;
	size_t len, mlen;
	struct vs_error err;
	struct text *t;
	time_t when;

	if (colon == NULL || colon == spec || spec[0] == '-')
		return -1;
	{
		const char *argv[] = { "git", "cat-file", "-e", spec, NULL };

		if (run_git(argv, &out, &len) != 0) {
			free(out);
			return -1;	/* not REV:PATH in a repository here */
		}
		free(out);
		out = NULL;
	}
	rev = xstrndup(spec, (size_t)(colon - spec));
	{
		const char *argv[] = { "git", "log", "-1", "--format=%ct%x1f%h%x1f%s",
			rev, "--", NULL };
		const char *blob[] = { "git", "cat-file", "blob", spec, NULL };

		if (run_git(argv, &meta, &mlen) != 0 ||
		    (f1 = strchr((char *)meta, '\x1f')) == NULL ||
		    (f2 = strchr(f1 + 1, '\x1f')) == NULL ||
		    run_git(blob, &out, &len) != 0) {
			sources_note(list, "%s: git cannot read it", spec);
			goto out;
		}
	}
	*f1 = *f2 = '\0';
	f2[1 + strcspn(f2 + 1, "\n")] = '\0';
	when = (time_t)strtoll((char *)meta, NULL, 10);
	dates_format(when, date, sizeof date);
	snprintf(name, sizeof name, "%s @ %s %s %s", spec, date, f1 + 1, f2 + 1);
	t = text_from_bytes(name, out, len, &so->text, &err);
	if (t == NULL)
		sources_note(list, "%s", err.msg);
	else
		sources_push(list, t, when, "commit", "git");
out:
	free(rev);
	free(meta);
	free(out);
	return 0;
}
