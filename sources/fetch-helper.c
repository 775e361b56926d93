/*
 * fetch-helper.c — versus-fetch, the helper program that fetches web pages
 * for versus (fetch.h): it reads a batch of requests on its standard
 * input, runs them with libcurl (fetch-curl.c), reports progress as they
 * end and then every answer on its standard output.  versus starts it
 * only when it has pages to fetch, so that only then does a process load
 * libcurl.  Not meant to be run by hand.
 */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fetch.h"
#include "xalloc.h"

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* A string as fetch_put_string() wrote it: false on a malformed input. */
static bool
get_string(FILE *in, char **out)
{
	char line[32], *end;
	long long v;

	*out = NULL;
	if (fgets(line, sizeof line, in) == NULL)
		return false;
	v = strtoll(line, &end, 10);
	if (*end != '\n' || v < -1 || v > (1 << 20))
		return false;
	if (v < 0)
		return true;
	*out = xmalloc((size_t)v + 1);
	if (fread(*out, 1, (size_t)v, in) != (size_t)v) {
		free(*out);
		*out = NULL;
		return false;
	}
	(*out)[v] = '\0';
	return true;
}

static void
put_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
put_line(const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > 0)
		(void)!write(1, buf, (size_t)n);
}

static void
on_progress(void *arg, size_t done, size_t total)
{
	(void)arg;
	put_line("P %zu %zu\n", done, total);
}

static const char *
str(const char *s, size_t *len)
{
	*len = s != NULL ? strlen(s) : 0;
	return s;
}

int
main(void)
{
	struct fetch_opts o;
	struct fetch *reqs;
	char line[128];
	size_t n, i, len;
	bool good = true;

	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGPIPE, SIG_IGN);
	memset(&o, 0, sizeof o);
	if (fgets(line, sizeof line, stdin) == NULL ||
	    sscanf(line, "VF1 %ld %zu %ld %zu", &o.timeout, &o.max_body,
		   &o.backoff_ms, &n) != 4 || n > 100000) {
		fprintf(stderr, "versus-fetch: not a request from versus\n");
		return 2;
	}
	reqs = xcalloc(n ? n : 1, sizeof *reqs);
	for (i = 0; i < n && good; i++) {
		char *url, *etag, *lm;

		good = get_string(stdin, &url) && url != NULL &&
			get_string(stdin, &etag) && get_string(stdin, &lm);
		reqs[i].url = url;
		reqs[i].etag = good ? etag : NULL;
		reqs[i].last_modified = good ? lm : NULL;
	}
	if (!good) {
		fprintf(stderr, "versus-fetch: not a request from versus\n");
		return 2;
	}
	o.stop = &stop;
	o.progress = on_progress;
	fetch_curl_run(reqs, n, &o);
	put_line("R %zu\n", n);
	for (i = 0; i < n; i++) {
		struct fetch *f = &reqs[i];
		const char *s;

		put_line("%d %d %ld\n", f->ok, f->not_modified, f->status);
		s = str(f->content_type, &len);
		fetch_put_string(1, s, len);
		s = str(f->etag_out, &len);
		fetch_put_string(1, s, len);
		s = str(f->last_modified_out, &len);
		fetch_put_string(1, s, len);
		s = !f->ok && !f->not_modified ? f->err.msg : NULL;
		fetch_put_string(1, s, s != NULL ? strlen(s) : 0);
		fetch_put_string(1, (const char *)f->body, f->len);
		fetch_clear(f);
		free((char *)f->url);
		free((char *)f->etag);
		free((char *)f->last_modified);
	}
	free(reqs);
	return 0;
}
