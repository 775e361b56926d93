/*
 * test-reviewed.c — reviewed marks (tui/reviewed.h) and their file: a
 * round trip through the file; the same file and keys with the sides
 * swapped; the folder from XDG_STATE_HOME, else ~/.local/state; a corrupt
 * file ignored with a message, and written over by the next save; no
 * temporary file left behind; a save that cannot be made says why, and
 * one cut short by a full disk leaves the old marks whole; the
 * report's filter keeps exactly the sites not marked.
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

#include "../engine/pair.h"
#include "dirlist.h"
#include "reviewed.h"
#include "tap.h"

static const char a_text[] =
	"The council approved $50 million for the pier on Monday.\n\n"
	"\"It is a good day,\" said the mayor, Ann Lee.\n\n"
	"Work starts in May and ends in 2027.\n";
static const char b_text[] =
	"The council approved $65 million for the pier on Tuesday.\n\n"
	"\"It is a great day,\" said the mayor, Anne Lee.\n\n"
	"Work starts in June and ends in 2027.\n";

static bool
has_key(const uint64_t *key, size_t n, uint64_t k)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (key[i] == k)
			return true;
	return false;
}

int
main(void)
{
	char tmp[] = "/tmp/versus-reviewed.XXXXXX", dir[512], msg[512], *path;
	struct pair p, q;
	struct reviewed *r;
	struct vs_error err;
	struct changes left;
	uint64_t *key, *qkey;
	size_t n, i;
	FILE *f;

	if (mkdtemp(tmp) == NULL)
		return printf("Bail out! mkdtemp\n"), 1;
	setenv("XDG_STATE_HOME", tmp, 1);
	snprintf(dir, sizeof dir, "%s/versus", tmp);
	pair_open(&p, a_text, b_text);
	n = p.ch.n;
	ok(n >= 4, "the pair has %zu change sites", n);
	key = malloc(n * sizeof *key);
	reviewed_keys(p.al, &p.ch, key);
	for (i = 1; i < n && key[i] != key[0]; i++)
		;
	ok(i == n, "the first site's key is its own");

	r = reviewed_open(p.ta, p.tb, msg, sizeof msg);
	ok(reviewed_count(r) == 0 && msg[0] == '\0',
	   "no file yet: no marks, no message");
	path = strdup(reviewed_path(r));
	ok(strncmp(path, dir, strlen(dir)) == 0 &&
	   strstr(path, ".reviewed") != NULL,
	   "the file is in $XDG_STATE_HOME/versus: %s", path);
	reviewed_set(r, key[0], true);
	reviewed_set(r, key[2], true);
	reviewed_set(r, key[2], true);
	ok(reviewed_count(r) == 2, "a key marked twice counts once");
	ok(reviewed_save(r, &err) == 0, "saved");
	reviewed_free(r);
	ok(dir_count(dir) == 1, "one file in the folder, no temporary one");

	r = reviewed_open(p.ta, p.tb, msg, sizeof msg);
	ok(reviewed_count(r) == 2 && reviewed_has(r, key[0]) &&
	   !reviewed_has(r, key[1]) && reviewed_has(r, key[2]) &&
	   msg[0] == '\0', "read back: the same two marks");
	reviewed_filter(r, p.al, &p.ch, &left);
	ok(left.n == n - 2, "the report's filter keeps the %zu others", n - 2);
	for (i = 0; i < left.n; i++)
		if (left.v[i].op == p.ch.v[0].op || left.v[i].op == p.ch.v[2].op)
			break;
	ok(i == left.n, "and none of the marked ones");
	changes_clear(&left);
	reviewed_set(r, key[0], false);
	ok(reviewed_save(r, &err) == 0 && reviewed_count(r) == 1,
	   "unmarked and saved");
	reviewed_free(r);

	/*
	 * A save that fails while writing (a full disk, as a file size
	 * limit): the old marks stay whole, no temporary file is left.
	 */
	{
		struct rlimit rl, small;
		char want[600];
		int rc;

		r = reviewed_open(p.ta, p.tb, msg, sizeof msg);
		for (i = 0; i < 64; i++)
			reviewed_set(r, 0x1000 + i, true);
		if (getrlimit(RLIMIT_FSIZE, &rl) == 0) {
			signal(SIGXFSZ, SIG_IGN);
			small = rl;
			small.rlim_cur = 100;
			setrlimit(RLIMIT_FSIZE, &small);
			rc = reviewed_save(r, &err);
			setrlimit(RLIMIT_FSIZE, &rl);
			signal(SIGXFSZ, SIG_DFL);
			snprintf(want, sizeof want, "%s: %s", path,
				 strerror(EFBIG));
			ok(rc == -1 && strcmp(err.msg, want) == 0,
			   "a save cut short fails: %s", err.msg);
		} else {
			skip("getrlimit");
		}
		reviewed_free(r);
		r = reviewed_open(p.ta, p.tb, msg, sizeof msg);
		ok(reviewed_count(r) == 1 && reviewed_has(r, key[2]) &&
		   msg[0] == '\0', "... the old marks read back whole");
		ok(dir_count(dir) == 1, "... and no temporary file is left");
		reviewed_free(r);
	}

	/* The sides swapped: the same file, the same keys. */
	pair_open(&q, b_text, a_text);
	r = reviewed_open(q.ta, q.tb, msg, sizeof msg);
	ok(strcmp(reviewed_path(r), path) == 0, "swapped: the same file");
	qkey = malloc(q.ch.n * sizeof *qkey);
	reviewed_keys(q.al, &q.ch, qkey);
	ok(q.ch.n == n && has_key(qkey, q.ch.n, key[2]) &&
	   has_key(qkey, q.ch.n, key[1]), "swapped: the same keys");
	ok(reviewed_count(r) == 1 && reviewed_has(r, key[2]),
	   "swapped: the mark is there");
	reviewed_free(r);
	free(qkey);
	pair_close(&q);

	/* A corrupt file: ignored, said, and written over. */
	f = fopen(path, "w");
	fputs("versus reviewed 1\nnot a key\n", f);
	fclose(f);
	r = reviewed_open(p.ta, p.tb, msg, sizeof msg);
	ok(reviewed_count(r) == 0 && strstr(msg, "ignored") != NULL &&
	   strstr(msg, path) != NULL, "a corrupt file is ignored: %s", msg);
	reviewed_set(r, key[1], true);
	ok(reviewed_save(r, &err) == 0, "the next save writes over it");
	reviewed_free(r);
	r = reviewed_open(p.ta, p.tb, msg, sizeof msg);
	ok(reviewed_count(r) == 1 && reviewed_has(r, key[1]) && msg[0] == '\0',
	   "and it reads back");
	reviewed_free(r);
	f = fopen(path, "w");
	fputs("", f);
	fclose(f);
	r = reviewed_open(p.ta, p.tb, msg, sizeof msg);
	ok(reviewed_count(r) == 0 && msg[0] != '\0',
	   "an empty file is not a file of marks either");
	reviewed_free(r);
	f = fopen(path, "w");
	fputs("versus reviewed 1\n0123456789abcdef", f);	/* no newline */
	fclose(f);
	r = reviewed_open(p.ta, p.tb, msg, sizeof msg);
	ok(reviewed_count(r) == 0 && msg[0] != '\0', "nor a cut one");
	reviewed_free(r);

	/* A save that cannot be made: the folder is a file. */
	unlink(path);
	rmdir(dir);
	f = fopen(dir, "w");
	fclose(f);
	r = reviewed_open(p.ta, p.tb, msg, sizeof msg);
	reviewed_set(r, key[0], true);
	ok(reviewed_save(r, &err) == -1 && strstr(err.msg, path) == err.msg,
	   "a save that fails says which file: %s", err.msg);
	reviewed_free(r);
	unlink(dir);

	/* Without XDG_STATE_HOME, or with a relative one: ~/.local/state. */
	setenv("HOME", tmp, 1);
	setenv("XDG_STATE_HOME", "relative", 1);
	r = reviewed_open(p.ta, p.tb, msg, sizeof msg);
	snprintf(dir, sizeof dir, "%s/.local/state/versus/", tmp);
	ok(strncmp(reviewed_path(r), dir, strlen(dir)) == 0,
	   "a relative XDG_STATE_HOME is ignored: %s", reviewed_path(r));
	reviewed_free(r);
	unsetenv("XDG_STATE_HOME");
	r = reviewed_open(p.ta, p.tb, msg, sizeof msg);
	reviewed_set(r, key[3], true);
	ok(strncmp(reviewed_path(r), dir, strlen(dir)) == 0 &&
	   reviewed_save(r, &err) == 0,
	   "without it, ~/.local/state/versus, made when needed");
	reviewed_free(r);
	{
		struct stat st;

		ok(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700,
		   "a new folder is private (0700)");
	}
	/* With neither, marks last for the run, and saving says so. */
	unsetenv("HOME");
	r = reviewed_open(p.ta, p.tb, msg, sizeof msg);
	reviewed_set(r, key[3], true);
	ok(reviewed_has(r, key[3]) && reviewed_save(r, &err) == -1 &&
	   strstr(err.msg, "this run only") != NULL,
	   "without HOME either, no file: %s", err.msg);
	reviewed_free(r);
	{
		char cmd[600];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", tmp);
	}
	free(key);
	free(path);
	pair_close(&p);
	return done_testing();
}
