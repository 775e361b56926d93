/*
 * open.c — where versions come from, on the command line: the options of
 * sources/, progress counts while fetching, Ctrl-C, and one line per
 * thing that could not be read (open.h).
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "session.h"
#include "dates.h"
#include "doc.h"
#include "equiv.h"
#include "message.h"
#include "open.h"
#include "progress.h"
#include "sources.h"
#include "xalloc.h"

#define EXIT_TROUBLE 2

const char open_usage[] =
"\n"
"Where versions come from (FILE may also be a folder or a web address):\n"
"      --archive         read each URL's captures in the Wayback Machine\n"
"      --from=DATE, --to=DATE  only captures in these dates (YYYY[-MM[-DD]])\n"
"      --max=N           keep at most N captures per URL (default 10): the\n"
"                        first, the last and the most changed between\n"
"      --git             read each FILE's versions in its git history\n"
"      --follow          with --git, follow the file across renames\n"
"      --offline         use only pages kept in the cache\n"
"      --refresh         fetch live pages again instead of using the cache\n"
"      --timeout=SECONDS give up on a page after SECONDS (default 60)\n"
"      --sort=date       order all versions by their dates\n"
"      --watch URL       fetch URL again --every=INTERVAL (default 10m), print\n"
"                        a line for each new version, or run --on-change=CMD\n";

static struct sources_opts so;
static bool watch;
static long every = 600;
static const char *on_change;


/* A number in [min, max] with an optional unit suffix (s, m, h); -1 if not. */
static long
parse_number(const char *s, long min, long max, bool units)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || s[0] == '-' || s[0] == '+')
		return -1;
	if (units && *end != '\0' && end[1] == '\0') {
		if (*end == 'm')
			v = v > max / 60 ? max + 1 : v * 60;
		else if (*end == 'h')
			v = v > max / 3600 ? max + 1 : v * 3600;
		else if (*end != 's')
			return -1;
		end++;
	}
	return *end != '\0' || v < min || v > max ? -1 : v;
}

enum {
	O_ARCHIVE, O_GIT, O_FOLLOW, O_FROM, O_TO, O_MAX, O_OFFLINE,
	O_REFRESH, O_TIMEOUT, O_SORT, O_WATCH, O_EVERY, O_ON_CHANGE,
};

static const struct {
	const char *name;
	bool arg;
} opts[] = {
	[O_ARCHIVE] = { "archive", false },
	[O_GIT] = { "git", false },
	[O_FOLLOW] = { "follow", false },
	[O_FROM] = { "from", true },
	[O_TO] = { "to", true },
	[O_MAX] = { "max", true },
	[O_OFFLINE] = { "offline", false },
	[O_REFRESH] = { "refresh", false },
	[O_TIMEOUT] = { "timeout", true },
	[O_SORT] = { "sort", true },
	[O_WATCH] = { "watch", false },
	[O_EVERY] = { "every", true },
	[O_ON_CHANGE] = { "on-change", true },
};

static void
take_option(int id, const char *v)
{
	long x;

	switch (id) {
	case O_ARCHIVE: so.archive = true; break;
	case O_GIT: so.git = true; break;
	case O_FOLLOW: so.follow = true; break;
	case O_OFFLINE: so.offline = true; break;
	case O_REFRESH: so.refresh = true; break;
	case O_WATCH: watch = true; break;
	case O_FROM:
	case O_TO:
		if (!dates_option_stamp(v, id == O_FROM ? so.from : so.to,
					sizeof so.from))
			message_usage_error("invalid --%s '%s' (a date: YYYY, "
					 "YYYY-MM, YYYY-MM-DD)", opts[id].name, v);
		break;
	case O_MAX:
		if ((x = parse_number(v, 2, 100000, false)) < 0)
			message_usage_error("invalid --max '%s' (2 or more)", v);
		so.max = (unsigned)x;
		break;
	case O_TIMEOUT:
		if ((x = parse_number(v, 1, 86400, false)) < 0)
			message_usage_error("invalid --timeout '%s' (seconds)", v);
		so.fetch.timeout = x;
		break;
	case O_SORT:
		if (strcmp(v, "date") != 0)
			message_usage_error("invalid --sort '%s' (date)", v);
		so.sort_date = true;
		break;
	case O_EVERY:
		if ((x = parse_number(v, 1, 7 * 86400, true)) < 0)
			message_usage_error("invalid --every '%s' (like 90s, "
					 "10m, 1h)", v);
		every = x;
		break;
	case O_ON_CHANGE:
		on_change = v;
		break;
	}
}

void
open_options(int *argc, char **argv)
{
	int i, k = 1;

	for (i = 1; i < *argc; i++) {
		const char *a = argv[i], *eq, *v = NULL;
		size_t j, len;

		if (strcmp(a, "--") == 0) {
			while (i < *argc)
				argv[k++] = argv[i++];
			break;
		}
		if (strncmp(a, "--", 2) != 0) {
			argv[k++] = argv[i];
			continue;
		}
		eq = strchr(a + 2, '=');
		len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		for (j = 0; j < sizeof opts / sizeof opts[0]; j++)
			if (strlen(opts[j].name) == len &&
			    strncmp(a + 2, opts[j].name, len) == 0)
				break;
		if (j == sizeof opts / sizeof opts[0]) {
			argv[k++] = argv[i];
			continue;
		}
		if (opts[j].arg) {
			if (eq != NULL)
				v = eq + 1;
			else if (i + 1 < *argc)
				v = argv[++i];
			else
				message_usage_error("option '--%s' needs an "
						 "argument", opts[j].name);
		} else if (eq != NULL) {
			message_usage_error("option '--%s' takes no argument",
					 opts[j].name);
		}
		take_option((int)j, v);
	}
	argv[k] = NULL;
	*argc = k;
	if (so.follow && !so.git)
		message_usage_error("--follow goes with --git");
	if (so.archive && so.git)
		message_usage_error("--archive and --git do not go together");
	if ((so.from[0] || so.to[0] || so.max) && !so.archive)
		message_usage_error("--from, --to and --max go with --archive");
	if (so.offline && so.refresh)
		message_usage_error("--offline and --refresh do not go together");
	if ((on_change != NULL || every != 600) && !watch)
		message_usage_error("--every and --on-change go with --watch");
}

bool
open_expands(char *const *args, size_t n)
{
	struct stat st;

	if (so.archive || so.git || watch)
		return true;
	for (size_t i = 0; i < n; i++)
		if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 &&
		    S_ISDIR(st.st_mode))
			return true;
	return false;
}

/* --- fetching ---------------------------------------------------------- */

static volatile sig_atomic_t stop;
static char trouble_line[300];
static int stop_signal;

static void
on_stop(int sig)
{
	stop = 1;
	stop_signal = sig;
}

/* "versus: fetching captures 3/12", where progress lines show. */
static void
progress(void *arg, const char *what, size_t done, size_t total)
{
	static const char *current = "fetching";

	(void)arg;
	if (what != NULL)
		current = what;
	if (total >= 2)
		progress_line("versus: %s %zu/%zu", current, done, total);
}

static void
fetch_progress(void *arg, size_t done, size_t total)
{
	progress(arg, NULL, done, total);
}

/* The options of sources/ that come from the environment and the caller. */
static void
setup(const struct text_opts *to)
{
	static char dir[4096];
	const char *e;

	so.text = *to;
	so.cache_dir = cache_dir(dir, sizeof dir) ? dir : NULL;
	e = getenv("VERSUS_ARCHIVE_URL");
	so.archive_base = e != NULL && *e != '\0' ? e : NULL;
	e = getenv("VERSUS_BACKOFF_MS");
	so.fetch.backoff_ms = e != NULL ? strtol(e, NULL, 10) : 0;
	e = getenv("VERSUS_MAX_BODY");
	so.fetch.max_body = e != NULL ? (size_t)strtoull(e, NULL, 10) : 0;
	so.fetch.stop = &stop;
	so.fetch.progress = fetch_progress;
	so.progress = progress;
}

/* Catch SIGINT and SIGTERM while fetching (on), or give them back (off). */
static void
catch_stop(bool on)
{
	static struct sigaction old_int, old_term;
	struct sigaction sa;

	if (on) {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_stop;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, &old_int);
		sigaction(SIGTERM, &sa, &old_term);
		/* A signal ignored by whoever started us stays ignored. */
		if (old_int.sa_handler == SIG_IGN)
			sigaction(SIGINT, &old_int, NULL);
		if (old_term.sa_handler == SIG_IGN)
			sigaction(SIGTERM, &old_term, NULL);
	} else {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
	}
}

struct text **
open_versions(char *const *args, size_t n, const struct text_opts *to,
	      size_t *count, bool *trouble)
{
	struct version_list list = { 0 };
	struct text **texts;
	size_t i;

	setup(to);
	catch_stop(true);
	sources_open(args, n, &so, &list);
	catch_stop(false);
	progress_end();		/* the fetching count erased */
	if (stop) {
		sources_clear(&list, true);
		message_error("interrupted");
		raise(stop_signal);
		exit(EXIT_TROUBLE);
	}
	for (i = 0; i < list.nnote; i++)
		message_error("%s", list.notes[i]);
	if (list.nnote > 0) {
		char vis[240];

		message_visible(vis, sizeof vis, list.notes[0],
				strlen(list.notes[0]));
		snprintf(trouble_line, sizeof trouble_line, "not read: %s%s",
			 vis, list.nnote > 1 ? " (and more: see the lines "
			 "printed on quitting)" : "");
	}
	*trouble = list.failed > 0;
	texts = xcalloc(list.n ? list.n : 1, sizeof *texts);
	for (i = 0; i < list.n; i++)
		texts[i] = list.v[i].text;
	*count = list.n;
	sources_clear(&list, false);
	return texts;
}

const char *
open_trouble(void)
{
	return trouble_line[0] != '\0' ? trouble_line : NULL;
}

/* --- watching ---------------------------------------------------------- */

bool
open_watching(void)
{
	return watch;
}

/* Run --on-change's command through sh, with the version in its environment. */
static void
run_on_change(const char *url, const char *date, double similarity)
{
	char sim[32];
	pid_t pid;
	int st;

	fflush(stdout);
	snprintf(sim, sizeof sim, "%.4f", similarity);
	pid = fork();
	if (pid == 0) {
		setenv("VERSUS_URL", url, 1);
		setenv("VERSUS_DATE", date, 1);
		setenv("VERSUS_SIMILARITY", sim, 1);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		execl("/bin/sh", "sh", "-c", on_change, (char *)NULL);
		_exit(127);
	}
	if (pid < 0) {
		message_error("--on-change: %s", strerror(errno));
		return;
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR && !stop)
		;
}

/*
 * One line per new version, in the manner of --stat and with its numbers
 * (a session of the two, session.h).  Takes now and before.
 */
static void
report_version(const char *url, struct text *now, struct text *before,
	       const struct equiv *eq)
{
	struct session_opts sopts = { { 0 }, eq, NULL, 0, true, NULL,
				       false };
	struct text *texts[2] = { before, now };
	struct session *s;
	char date[32];
	double sim = 0;

	dates_format(time(NULL), date, sizeof date);
	printf("%s %s: ", date, url);
	s = session_new(before == NULL ? texts + 1 : texts,
			before == NULL ? 1 : 2, &sopts);
	if (before == NULL) {
		printf("first version, %zu words\n",
		       doc_word_count(session_docs(s)[0]));
	} else {
		const struct align_stats *st = session_stats(s, 0, 1);

		sim = session_similarity(s, 0, 1);
		printf("similarity %.4f, words: %zu kept, %zu deleted, "
		       "%zu inserted, %zu changed to %zu, %zu moved; "
		       "%zu substantive changes\n", sim, st->kept,
		       st->deleted, st->inserted, st->changed_a,
		       st->changed_b, st->moved, st->substantive);
	}
	fflush(stdout);
	if (on_change != NULL)
		run_on_change(url, date, before == NULL ? 0 : sim);
	session_free(s);
}

int
open_watch(char *const *args, size_t n, const struct text_opts *to)
{
	const char *e = getenv("VERSUS_WATCH_MIN");
	long min = e != NULL && atol(e) > 0 ? atol(e) : 60;
	struct equiv *eq;
	int status = 0;

	if (n != 1 || !sources_is_url(args[0]))
		message_usage_error("--watch takes one web address");
	if (every < min)
		message_usage_error("--every %lds: at least %lds, not to flood the "
				 "site", every, min);
	setup(to);
	so.fetch.progress = NULL;
	eq = equiv_new_builtin();
	catch_stop(true);
	while (!stop) {
		struct text *now, *before;
		struct vs_error err;
		struct timespec ts = { 0, 100000000 };
		int r = sources_watch_step(args[0], &so, &now, &before, &err);

		if (r < 0 && !stop) {
			message_error("%s", err.msg);
			status = EXIT_TROUBLE;
		} else if (r == 1) {
			report_version(args[0], now, before, eq);
			now = before = NULL;	/* the session freed them */
			status = 0;
		}
		text_free(now);
		text_free(before);
		for (long i = 0; i < every * 10 && !stop; i++)
			nanosleep(&ts, NULL);
	}
	catch_stop(false);
	equiv_free(eq);
	return fflush(stdout) != 0 ? EXIT_TROUBLE : status;
}
