/*
 * editor.c — the passage on top opened in $VISUAL / $EDITOR at its line,
 * and the file read again when the editor returns (editor.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "action.h"
#include "clip.h"
#include "editor.h"
#include "find.h"
#include "picker.h"
#include "xalloc.h"

/* Why version t has no file an editor could change, or NULL. */
static const char *
no_file(const struct text *t)
{
	if (strcmp(t->path, "-") == 0)
		return "it was read from standard input, not a file";
	if (t->origin != NULL && strcmp(t->origin, "git") == 0)
		return "it comes from git history, not the working file";
	if (t->origin != NULL)
		return "it was fetched from the web, not read from a file";
	if (t->orig != NULL && strcmp(t->encoding, "UTF-8") == 0)
		return "it is a web page: versus shows the text it extracted "
			"from the HTML, whose lines are not the file's";
	return NULL;
}

/* The line (from 1) of the file holding byte off of t's text. */
static unsigned long
line_of(const struct text *t, size_t off)
{
	unsigned long line = 1;
	size_t i;

	for (i = 0; i < off && i < t->len; i++)
		if (t->data[i] == '\n' ||
		    (t->data[i] == '\r' && (i + 1 >= t->len ||
					    t->data[i + 1] != '\n')))
			line++;
	return line;
}

/*
 * Run the editor on path at line, through sh; returns its wait status,
 * or -1 (errno set) when it could not be started.
 */
static int
run_editor(const char *path, unsigned long line)
{
	const char *ed = getenv("VISUAL");
	struct sigaction ign, old_int, old_quit;
	char plus[32], *cmd;
	pid_t pid;
	int status = -1, e = 0;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	snprintf(plus, sizeof plus, "+%lu", line);
	cmd = xmalloc(strlen(ed) + 8);
	sprintf(cmd, "%s \"$@\"", ed);
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		if (!isatty(STDIN_FILENO)) {
			/* Versions read from a pipe: the editor reads keys. */
			int fd = open("/dev/tty", O_RDONLY);

			if (fd >= 0 && fd != STDIN_FILENO) {
				dup2(fd, STDIN_FILENO);
				close(fd);
			}
		}
		execl("/bin/sh", "sh", "-c", cmd, ed, plus, path, (char *)NULL);
		_exit(127);
	}
	if (pid < 0) {
		e = errno;
	} else {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(cmd);
	errno = e;
	return pid < 0 ? -1 : status;
}

int
editor_open(struct browser *b, int action, unsigned count)
{
	struct text *const *texts = session_texts(b->s);
	const struct text *t;
	const struct doc *d;
	struct text *nt;
	struct vs_error err;
	const char *why;
	unsigned long line;
	size_t v;
	uint32_t p;
	int side, st;

	(void)count;
	if (!clip_passage(b, action == ACTION_EDIT_RIGHT ? RENDER_RIGHT :
			  RENDER_LEFT, true, &side, &p)) {
		browse_message(b, true, "no passage of the %s version below "
			       "the top", action == ACTION_EDIT_RIGHT ?
			       "right" : "left");
		return RE_DRAW;
	}
	v = side == RENDER_RIGHT ? b->right : b->left;
	t = texts[v];
	why = no_file(t);
	if (why != NULL) {
		browse_message(b, true, "cannot edit version %zu: %s", v + 1,
			       why);
		return RE_DRAW;
	}
	d = side == RENDER_RIGHT ? b->al->b : b->al->a;
	line = line_of(t, d->para[p].start);
	screen_pause();
	st = run_editor(t->path, line);
	screen_resume();
	if (st < 0) {
		browse_message(b, true, "cannot run the editor: %s",
			       strerror(errno));
		return RE_DRAW;
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		browse_message(b, true, "the editor exited with status %d",
			       WIFEXITED(st) ? WEXITSTATUS(st) : 128 +
			       WTERMSIG(st));
	nt = text_load(t->path, b->topts, &err);
	if (nt == NULL) {
		browse_message(b, true, "%s; the version read before stays",
			       err.msg);
		return RE_DRAW;
	}
	if (nt->raw_len == t->raw_len &&
	    memcmp(nt->raw, t->raw, t->raw_len) == 0) {
		text_free(nt);
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
			browse_message(b, false, "%s is unchanged", t->path);
		return RE_DRAW;
	}
	/* Nothing of the old comparison may be used again. */
	picker_replace(b, v, nt);	/* in all the versions */
	render_lazy_free(b->r);
	b->r = NULL;
	b->al = NULL;
	b->cur = -1;
	b->have_match = false;
	find_set(b->find, b->pattern);
	b->goal_side = side;
	b->goal_para = p;
	b->goal_margin = 0;
	browse_message(b, false, "read %s again and compared it anew",
		       session_texts(b->s)[v]->path);
	return RE_LAYOUT;
}
