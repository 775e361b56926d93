/*
 * fetch.h — web pages over HTTP(S) with libcurl: the one place versus
 * talks to the network.
 *
 * A batch of requests runs with at most FETCH_PARALLEL transfers at a
 * time.  Each transfer follows redirects (at most FETCH_MAX_REDIRECTS,
 * http and https only), asks for gzip, deflate, br and zstd bodies and
 * gets them decoded, stops past a size cap, times out, and is retried on
 * HTTP 429 and 5xx (honouring Retry-After, else backing off 0.5, 1, 2 s)
 * up to FETCH_TRIES times in all.  Every request sends "User-Agent:
 * versus/VERSION".
 *
 * A request ends in one of three ways: a 2xx answer (ok, with its body),
 * 304 Not Modified to a conditional request (not_modified), or failure,
 * with a one-line message naming the URL in err ("URL: not found (HTTP
 * 404)", "URL: cannot resolve host", "URL: connection cut after 812
 * bytes", "URL: page larger than the 32 MiB limit").  Nothing here
 * prints, exits or touches the cache.
 *
 * Without libcurl at build time every request fails with a message saying
 * so (fetch_available() is false).
 */
#ifndef VERSUS_FETCH_H
#define VERSUS_FETCH_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#define FETCH_PARALLEL 2
#define FETCH_MAX_REDIRECTS 10
#define FETCH_TRIES 4
#define FETCH_MAX_BODY ((size_t)32 << 20)	/* bytes */
#define FETCH_TIMEOUT 60	/* seconds for one transfer */
#define FETCH_MAX_RETRY_AFTER 120	/* seconds; a longer wait gives up */

struct fetch_opts {
	long timeout;		/* seconds per transfer; 0: FETCH_TIMEOUT */
	size_t max_body;	/* 0: FETCH_MAX_BODY */
	long backoff_ms;	/* first retry delay; 0: 500 */
	/* Set (by a signal handler) to stop every transfer: "interrupted". */
	volatile sig_atomic_t *stop;
	/* Called after each request ends: done of total. */
	void (*progress)(void *arg, size_t done, size_t total);
	void *progress_arg;
};

struct fetch {
	/* in */
	const char *url;
	const char *etag;		/* If-None-Match, or NULL */
	const char *last_modified;	/* If-Modified-Since, or NULL */
	/* out, owned by the struct until fetch_clear() */
	bool ok;			/* a 2xx answer */
	bool not_modified;		/* 304 to a conditional request */
	long status;			/* the last HTTP status, 0: none */
	unsigned char *body;		/* NUL-terminated after len bytes */
	size_t len;
	char *content_type;		/* the header's value, or NULL */
	char *etag_out, *last_modified_out;	/* validators, or NULL */
	struct vs_error err;		/* when neither ok nor not_modified */
	void *priv;
};

/* Whether versus was built with libcurl. */
bool fetch_available(void);

/*
 * Run the n requests in reqs (url and validators set, the rest zero).
 * Returns the number that failed (each with its message); 0 when all
 * succeeded.  A stop request fails the ones not finished with
 * "URL: interrupted".
 */
size_t fetch_run(struct fetch *reqs, size_t n, const struct fetch_opts *o);

/*
 * The requests are run by the helper program versus-fetch (found beside
 * versus, else in PKGLIBEXECDIR; VERSUS_FETCH_HELPER overrides), the only
 * program linked with libcurl: loading libcurl and what it needs costs
 * each process some 7 ms, which versus pays only with web pages to fetch.
 * For the helper (fetch-helper.c) and its libcurl code (fetch-curl.c):
 * the same in process, a failure message, and a string of the protocol.
 */
size_t fetch_curl_run(struct fetch *reqs, size_t n,
		      const struct fetch_opts *o);
void fetch_fail(struct fetch *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
bool fetch_put_string(int fd, const char *s, size_t len);

/* Free what a request holds and zero its results. */
void fetch_clear(struct fetch *f);

/*
 * The charset parameter of a Content-Type value ("text/html;
 * charset=ISO-8859-1" -> "ISO-8859-1"), copied into buf; false when there
 * is none or it does not fit.
 */
bool fetch_charset(const char *content_type, char *buf, size_t size);

/* Whether a Content-Type says HTML (text/html, application/xhtml+xml). */
bool fetch_is_html(const char *content_type);

/* The media type without parameters, lower-cased, into buf. */
void fetch_media_type(const char *content_type, char *buf, size_t size);

#endif
