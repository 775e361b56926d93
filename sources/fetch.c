/*
 * fetch.c — web pages for versus (fetch.h): the messages, the content
 * types, and fetch_run(), which hands a batch of requests to the helper
 * program versus-fetch (fetch-helper.c, with libcurl: fetch-curl.c) and
 * reads back the answers, so that versus itself never loads libcurl.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fetch.h"
#include "xalloc.h"

/* Copy the URL for a message: control bytes shown as '?', long ones cut. */
static void
url_for_message(const char *url, char *buf, size_t size)
{
	size_t i, n = 0;

	for (i = 0; url[i] != '\0' && n + 4 < size; i++) {
		unsigned char c = (unsigned char)url[i];

		buf[n++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	if (url[i] != '\0')
		buf[n++] = '.', buf[n++] = '.', buf[n++] = '.';
	buf[n] = '\0';
}

/* f->err = "URL: " + the formatted reason. */
void
fetch_fail(struct fetch *f, const char *fmt, ...)
{
	char u[320], why[180];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	url_for_message(f->url, u, sizeof u);
	vs_error_set(&f->err, "%s: %s", u, why);
	f->ok = false;
}

void
fetch_clear(struct fetch *f)
{
	free(f->body);
	free(f->content_type);
	free(f->etag_out);
	free(f->last_modified_out);
	f->body = NULL;
	f->content_type = f->etag_out = f->last_modified_out = NULL;
	f->len = 0;
	f->ok = f->not_modified = false;
	f->status = 0;
	f->err.msg[0] = '\0';
}

void
fetch_media_type(const char *ct, char *buf, size_t size)
{
	size_t n = 0;

	if (size == 0)
		return;
	if (ct != NULL) {
		while (*ct == ' ' || *ct == '\t')
			ct++;
		for (; *ct != '\0' && *ct != ';' && *ct != ' ' &&
		       n + 1 < size; ct++)
			buf[n++] = (char)tolower((unsigned char)*ct);
	}
	buf[n] = '\0';
}

bool
fetch_is_html(const char *ct)
{
	char m[64];

	fetch_media_type(ct, m, sizeof m);
	return strcmp(m, "text/html") == 0 ||
		strcmp(m, "application/xhtml+xml") == 0;
}

bool
fetch_charset(const char *ct, char *buf, size_t size)
{
	const char *p;
	size_t n = 0;

	if (ct == NULL || size == 0)
		return false;
	for (p = strchr(ct, ';'); p != NULL; p = strchr(p + 1, ';')) {
		const char *q = p + 1;

		while (*q == ' ' || *q == '\t')
			q++;
		if (strncasecmp(q, "charset", 7) != 0)
			continue;
		q += 7;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q != '=')
			continue;
		q++;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == '"' || *q == '\'')
			q++;
		while (*q != '\0' && *q != '"' && *q != '\'' && *q != ';' &&
		       *q != ' ' && *q != '\t' && *q != ',') {
			if (n + 1 >= size)
				return false;
			buf[n++] = *q++;
		}
		buf[n] = '\0';
		return n > 0;
	}
	return false;
}

#ifndef HAVE_LIBCURL

bool
fetch_available(void)
{
	return false;
}

size_t
fetch_run(struct fetch *reqs, size_t n, const struct fetch_opts *o)
{
	size_t i;

	(void)o;
	for (i = 0; i < n; i++)
		fetch_fail(&reqs[i], "versus was built without web support "
			   "(install libcurl4-openssl-dev and build again)");
	return n;
}

#else

bool
fetch_available(void)
{
	return true;
}

/*
 * The protocol between fetch_run() and versus-fetch, over a pipe each
 * way.  Strings are a length line ("-1" for none) and that many bytes.
 *   in:  "VF1 TIMEOUT MAX_BODY BACKOFF_MS N\n", then per request its url,
 *        etag and last_modified;
 *   out: "P DONE TOTAL\n" as requests end, then "R N\n" and per request
 *        "OK NOT_MODIFIED STATUS\n" and its content_type, etag_out,
 *        last_modified_out, error message and body.
 */

/* Where versus-fetch is: beside this program (a build), else installed. */
static bool
helper_path(char *buf, size_t size)
{
	const char *env = getenv("VERSUS_FETCH_HELPER");
	char self[4096];
	ssize_t n;
	char *slash;

	if (env != NULL && *env != '\0') {
		snprintf(buf, size, "%s", env);
		return true;
	}
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash != NULL &&
		    (size_t)(slash - self) + sizeof "/versus-fetch" <= size) {
			memcpy(buf, self, (size_t)(slash - self));
			strcpy(buf + (slash - self), "/versus-fetch");
			if (access(buf, X_OK) == 0)
				return true;
		}
	}
	snprintf(buf, size, "%s/versus-fetch", PKGLIBEXECDIR);
	return access(buf, X_OK) == 0;
}

static bool
write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	ssize_t w;

	while (n > 0) {
		w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		c += w;
		n -= (size_t)w;
	}
	return true;
}

bool
fetch_put_string(int fd, const char *s, size_t len)
{
	char head[32];
	int k = s == NULL ? snprintf(head, sizeof head, "-1\n") :
		snprintf(head, sizeof head, "%zu\n", len);

	return write_all(fd, head, (size_t)k) &&
		(s == NULL || write_all(fd, s, len));
}

/* Reading the helper's answers, watching the stop flag meanwhile. */
struct reader {
	int fd;
	char buf[65536];
	size_t pos, len;
	volatile sig_atomic_t *stop;
};

/* More bytes into r->buf; false at the end, on error or on a stop. */
static bool
reader_fill(struct reader *r)
{
	struct pollfd pfd = { r->fd, POLLIN, 0 };
	ssize_t n;

	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	for (;;) {
		if (r->stop != NULL && *r->stop)
			return false;
		if (poll(&pfd, 1, 100) == 0)
			continue;
		n = read(r->fd, r->buf + r->len, sizeof r->buf - r->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		r->len += (size_t)n;
		return true;
	}
}

/* A line (without its \n) into line; false at the end. */
static bool
reader_line(struct reader *r, char *line, size_t size)
{
	char *nl;
	size_t k;

	for (;;) {
		nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
		if (nl != NULL)
			break;
		if (r->len - r->pos >= sizeof r->buf / 2 || !reader_fill(r))
			return false;
	}
	k = (size_t)(nl - (r->buf + r->pos));
	if (k >= size)
		return false;
	memcpy(line, r->buf + r->pos, k);
	line[k] = '\0';
	r->pos += k + 1;
	return true;
}

/* A string as fetch_put_string() wrote it, or NULL; *ok false on error. */
static char *
reader_string(struct reader *r, size_t max, size_t *lenp, bool *ok)
{
	char line[32], *s, *end;
	long long v;
	size_t got = 0, k;

	*ok = reader_line(r, line, sizeof line);
	if (!*ok)
		return NULL;
	v = strtoll(line, &end, 10);
	if (*end != '\0' || v < -1 || (v >= 0 && (size_t)v > max)) {
		*ok = false;
		return NULL;
	}
	if (v < 0)
		return NULL;
	s = xmalloc((size_t)v + 1);
	while (got < (size_t)v) {
		if (r->pos == r->len && !reader_fill(r)) {
			free(s);
			*ok = false;
			return NULL;
		}
		k = r->len - r->pos < (size_t)v - got ? r->len - r->pos :
			(size_t)v - got;
		memcpy(s + got, r->buf + r->pos, k);
		r->pos += k;
		got += k;
	}
	s[got] = '\0';
	if (lenp != NULL)
		*lenp = got;
	return s;
}

/* The answers, after the progress lines; false when they stop short. */
static bool
read_answers(struct reader *r, struct fetch *reqs, size_t n,
	     const struct fetch_opts *o, size_t max)
{
	char line[128], *msg;
	size_t i, done, total;
	int ok, nm;
	long status;
	bool good = true;

	for (;;) {
		if (!reader_line(r, line, sizeof line))
			return false;
		if (sscanf(line, "P %zu %zu", &done, &total) == 2) {
			if (o->progress != NULL)
				o->progress(o->progress_arg, done, n);
			continue;
		}
		if (sscanf(line, "R %zu", &total) == 1 && total == n)
			break;
		return false;
	}
	for (i = 0; i < n && good; i++) {
		struct fetch *f = &reqs[i];

		if (!reader_line(r, line, sizeof line) ||
		    sscanf(line, "%d %d %ld", &ok, &nm, &status) != 3)
			return false;
		f->ok = ok != 0;
		f->not_modified = nm != 0;
		f->status = status;
		f->content_type = reader_string(r, 4096, NULL, &good);
		if (good)
			f->etag_out = reader_string(r, 4096, NULL, &good);
		if (good)
			f->last_modified_out = reader_string(r, 4096, NULL,
							     &good);
		msg = good ? reader_string(r, sizeof f->err.msg, NULL, &good) :
			NULL;
		if (msg != NULL)
			vs_error_set(&f->err, "%s", msg);
		free(msg);
		if (good)
			f->body = (unsigned char *)reader_string(r, max,
								 &f->len,
								 &good);
		if (good)
			f->priv = (void *)1;	/* answered */
	}
	return good;
}

size_t
fetch_run(struct fetch *reqs, size_t n, const struct fetch_opts *o)
{
	size_t max = o->max_body > 0 ? o->max_body : FETCH_MAX_BODY;
	size_t i, failed = 0;
	int to[2], from[2], st;
	char path[4096], head[128];
	struct reader *r;
	void (*old_pipe)(int);
	pid_t pid;
	bool sent;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		fetch_clear(&reqs[i]);
		reqs[i].priv = NULL;
	}
	if (!helper_path(path, sizeof path)) {
		for (i = 0; i < n; i++)
			fetch_fail(&reqs[i], "cannot find versus-fetch, "
				   "the program that fetches pages (%s)", path);
		return n;
	}
	if (pipe(to) != 0 || pipe(from) != 0 || (pid = fork()) < 0) {
		for (i = 0; i < n; i++)
			fetch_fail(&reqs[i], "cannot start versus-fetch: %s",
				   strerror(errno));
		return n;
	}
	if (pid == 0) {
		dup2(to[0], 0);
		dup2(from[1], 1);
		close(to[0]);
		close(to[1]);
		close(from[0]);
		close(from[1]);
		execl(path, "versus-fetch", (char *)NULL);
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	old_pipe = signal(SIGPIPE, SIG_IGN);
	snprintf(head, sizeof head, "VF1 %ld %zu %ld %zu\n", o->timeout,
		 o->max_body, o->backoff_ms, n);
	sent = write_all(to[1], head, strlen(head));
	for (i = 0; i < n && sent; i++)
		sent = fetch_put_string(to[1], reqs[i].url,
					strlen(reqs[i].url)) &&
			fetch_put_string(to[1], reqs[i].etag, reqs[i].etag ?
					 strlen(reqs[i].etag) : 0) &&
			fetch_put_string(to[1], reqs[i].last_modified,
					 reqs[i].last_modified ?
					 strlen(reqs[i].last_modified) : 0);
	close(to[1]);
	signal(SIGPIPE, old_pipe);
	r = xcalloc(1, sizeof *r);
	r->fd = from[0];
	r->stop = o->stop;
	if (!sent || !read_answers(r, reqs, n, o, max))
		kill(pid, SIGTERM);
	close(from[0]);
	free(r);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	for (i = 0; i < n; i++) {
		struct fetch *f = &reqs[i];

		if (f->priv == NULL) {
			fetch_clear(f);
			if (o->stop != NULL && *o->stop)
				fetch_fail(f, "interrupted");
			else
				fetch_fail(f, "versus-fetch, the program that "
					   "fetches pages, stopped");
		}
		f->priv = NULL;
		if (!f->ok && !f->not_modified)
			failed++;
	}
	return failed;
}
#endif
