/*
 * fetch-curl.c — HTTP(S) transfers with libcurl's multi interface: at most
 * two at a time, redirects, decoding, caps, timeouts and retries
 * (fetch.h).  Only the helper program versus-fetch links it, and so
 * libcurl: versus itself starts it only when it has web pages to fetch,
 * since loading libcurl and the libraries it needs costs every process
 * some 7 ms.
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

#include <curl/curl.h>

#include "fetch.h"
#include "xalloc.h"


/* A transfer in progress: one per request while fetch_run() runs. */
struct xfer {
	CURL *h;
	struct curl_slist *headers;
	char errbuf[CURL_ERROR_SIZE];
	size_t cap;		/* body buffer capacity */
	size_t max;		/* the body cap */
	bool too_big;
	bool active;
	bool done;
	int tries;
	double not_before;	/* monotonic seconds */
	struct fetch *f;
};

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t
on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct xfer *x = arg;
	struct fetch *f = x->f;
	size_t n = size * nmemb;

	if (n > x->max - f->len) {
		x->too_big = true;
		return 0;
	}
	if (f->len + n + 1 > x->cap)
		f->body = xgrow(f->body, &x->cap, f->len + n + 1, 1);
	memcpy(f->body + f->len, data, n);
	f->len += n;
	f->body[f->len] = '\0';
	return n;
}

/* A header's value, trimmed, when the line is "name: value". */
static char *
header_value(const char *line, size_t len, const char *name)
{
	size_t nl = strlen(name);

	if (len <= nl || strncasecmp(line, name, nl) != 0 || line[nl] != ':')
		return NULL;
	line += nl + 1;
	len -= nl + 1;
	while (len > 0 && (*line == ' ' || *line == '\t'))
		line++, len--;
	while (len > 0 && isspace((unsigned char)line[len - 1]))
		len--;
	return xstrndup(line, len);
}

/* Keep the validators of the last response (redirects send several). */
static size_t
on_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct xfer *x = arg;
	struct fetch *f = x->f;
	size_t n = size * nmemb;
	char *v;

	if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		free(f->etag_out);
		free(f->last_modified_out);
		f->etag_out = f->last_modified_out = NULL;
	} else if ((v = header_value(data, n, "etag")) != NULL) {
		free(f->etag_out);
		f->etag_out = v;
	} else if ((v = header_value(data, n, "last-modified")) != NULL) {
		free(f->last_modified_out);
		f->last_modified_out = v;
	}
	return n;
}

static volatile sig_atomic_t *stop_flag;

static int
on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow,
	    curl_off_t ultotal, curl_off_t ulnow)
{
	(void)arg, (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
	return stop_flag != NULL && *stop_flag;
}

/* Set up x's easy handle for a (new) try. */
static void
xfer_start(struct xfer *x, const struct fetch_opts *o, CURLM *m)
{
	struct fetch *f = x->f;
	long timeout = o->timeout > 0 ? o->timeout : FETCH_TIMEOUT;
	char h[600];

	free(f->body);
	f->body = NULL;
	f->len = 0;
	x->cap = 0;
	x->too_big = false;
	x->errbuf[0] = '\0';
	if (x->h == NULL) {
		x->h = curl_easy_init();
		if (f->etag != NULL) {
			snprintf(h, sizeof h, "If-None-Match: %s", f->etag);
			x->headers = curl_slist_append(x->headers, h);
		}
		if (f->last_modified != NULL) {
			snprintf(h, sizeof h, "If-Modified-Since: %s",
				 f->last_modified);
			x->headers = curl_slist_append(x->headers, h);
		}
	}
	curl_easy_setopt(x->h, CURLOPT_URL, f->url);
	curl_easy_setopt(x->h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(x->h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(x->h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(x->h, CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRECTS);
	curl_easy_setopt(x->h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(x->h, CURLOPT_USERAGENT, "versus/" PACKAGE_VERSION);
	curl_easy_setopt(x->h, CURLOPT_CONNECTTIMEOUT, timeout < 30 ? timeout : 30L);
	curl_easy_setopt(x->h, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(x->h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->max);
	curl_easy_setopt(x->h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(x->h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(x->h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(x->h, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(x->h, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(x->h, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(x->h, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(x->h, CURLOPT_NOSIGNAL, 1L);
	if (x->headers != NULL)
		curl_easy_setopt(x->h, CURLOPT_HTTPHEADER, x->headers);
	curl_easy_setopt(x->h, CURLOPT_PRIVATE, x);
	curl_multi_add_handle(m, x->h);
	x->active = true;
	x->tries++;
}

static void
fail_too_big(struct fetch *f, size_t max)
{
	if (max % ((size_t)1 << 20) == 0)
		fetch_fail(f, "page larger than the %zu MiB limit", max >> 20);
	else
		fetch_fail(f, "page larger than the %zu bytes limit", max);
}

/* The reason for an HTTP status that is not a success. */
static const char *
status_reason(long st)
{
	switch (st) {
	case 400: return "bad request";
	case 401: return "needs a login";
	case 403: return "access refused";
	case 404: return "not found";
	case 408: return "request timed out";
	case 410: return "gone";
	case 429: return "too many requests";
	case 451: return "unavailable for legal reasons";
	case 500: return "server error";
	case 502: return "bad gateway";
	case 503: return "service unavailable";
	case 504: return "gateway timeout";
	}
	return st >= 500 ? "server error" : "refused";
}

/*
 * A finished try of x: success, failure, or a retry scheduled.  Returns
 * true when the request is over.
 */
static bool
xfer_finish(struct xfer *x, CURLcode rc, const struct fetch_opts *o)
{
	struct fetch *f = x->f;
	char *ct = NULL;
	curl_off_t expect = -1, wait = 0;
	long backoff = o->backoff_ms > 0 ? o->backoff_ms : 500;

	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &f->status);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(x->h, CURLINFO_CONTENT_TYPE, &ct);
		free(f->content_type);
		f->content_type = ct != NULL ? xstrdup(ct) : NULL;
		if (f->status >= 200 && f->status < 300) {
			if (f->body == NULL)
				f->body = xcalloc(1, 1);
			f->ok = true;
			return true;
		}
		if (f->status == 304 && (f->etag != NULL ||
					 f->last_modified != NULL)) {
			f->not_modified = true;
			return true;
		}
		if (f->status == 429 || f->status >= 500) {
			curl_easy_getinfo(x->h, CURLINFO_RETRY_AFTER, &wait);
			if (wait > FETCH_MAX_RETRY_AFTER) {
				fetch_fail(f, "%s (HTTP %ld), asked to wait %ld s",
					   status_reason(f->status), f->status,
					   (long)wait);
				return true;
			}
			if (x->tries < FETCH_TRIES) {
				double delay = wait > 0 ? (double)wait :
					backoff / 1000.0 * (1 << (x->tries - 1));

				x->not_before = now_seconds() + delay;
				return false;
			}
			fetch_fail(f, "%s (HTTP %ld), gave up after %d tries",
				   status_reason(f->status), f->status,
				   x->tries);
			return true;
		}
		if (f->status >= 300 && f->status < 400)
			fetch_fail(f, "redirect without a location (HTTP %ld)",
				   f->status);
		else
			fetch_fail(f, "%s (HTTP %ld)", status_reason(f->status),
				   f->status);
		return true;
	}
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
		fetch_fail(f, "cannot resolve the host name");
		break;
	case CURLE_COULDNT_CONNECT: {
		long oserr = 0;

		curl_easy_getinfo(x->h, CURLINFO_OS_ERRNO, &oserr);
		fetch_fail(f, "cannot connect: %s", oserr != 0 ?
			   strerror((int)oserr) : curl_easy_strerror(rc));
		break;
	}
	case CURLE_OPERATION_TIMEDOUT:
		fetch_fail(f, "timed out after %ld s",
			   o->timeout > 0 ? o->timeout : (long)FETCH_TIMEOUT);
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		fetch_fail(f, "redirect loop (more than %d redirects)",
			   FETCH_MAX_REDIRECTS);
		break;
	case CURLE_FILESIZE_EXCEEDED:
		fail_too_big(f, x->max);
		break;
	case CURLE_WRITE_ERROR:
		if (x->too_big)
			fail_too_big(f, x->max);
		else
			fetch_fail(f, "cannot keep the page in memory");
		break;
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
		curl_easy_getinfo(x->h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T,
				  &expect);
		if (rc == CURLE_GOT_NOTHING)
			fetch_fail(f, "the server closed the connection "
				   "without answering");
		else if (expect > 0)
			fetch_fail(f, "connection cut after %zu of %ld bytes",
				   f->len, (long)expect);
		else
			fetch_fail(f, "connection cut after %zu bytes", f->len);
		break;
	case CURLE_BAD_CONTENT_ENCODING:
		fetch_fail(f, "cannot decode the compressed page%s%s",
			   x->errbuf[0] ? ": " : "", x->errbuf);
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		fetch_fail(f, "only http and https addresses can be fetched");
		break;
	case CURLE_URL_MALFORMAT:
		fetch_fail(f, "not a valid web address");
		break;
	case CURLE_ABORTED_BY_CALLBACK:
		fetch_fail(f, "interrupted");
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
		fetch_fail(f, "TLS failure: %s",
			   x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
		break;
	default:
		fetch_fail(f, "%s", x->errbuf[0] ? x->errbuf :
			   curl_easy_strerror(rc));
	}
	return true;
}

size_t
fetch_curl_run(struct fetch *reqs, size_t n, const struct fetch_opts *o)
{
	static bool initialised;
	struct xfer *xs;
	CURLM *m;
	size_t i, done = 0, failed = 0, active = 0;
	size_t max = o->max_body > 0 ? o->max_body : FETCH_MAX_BODY;

	if (n == 0)
		return 0;
	if (!initialised) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		initialised = true;
	}
	stop_flag = o->stop;
	xs = xcalloc(n, sizeof *xs);
	for (i = 0; i < n; i++) {
		fetch_clear(&reqs[i]);
		xs[i].f = &reqs[i];
		xs[i].max = max;
		reqs[i].priv = &xs[i];
	}
	m = curl_multi_init();
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)FETCH_PARALLEL);
	while (done < n) {
		double now = now_seconds(), next = now + 0.1;
		int running, left;
		CURLMsg *msg;

		if (o->stop != NULL && *o->stop) {
			for (i = 0; i < n; i++)
				if (!xs[i].done) {
					fetch_fail(xs[i].f, "interrupted");
					xs[i].done = true;
					failed++;
				}
			break;
		}
		for (i = 0; i < n && active < FETCH_PARALLEL; i++) {
			if (xs[i].done || xs[i].active)
				continue;
			if (xs[i].not_before > now) {
				if (xs[i].not_before < next)
					next = xs[i].not_before;
				continue;
			}
			xfer_start(&xs[i], o, m);
			active++;
		}
		curl_multi_perform(m, &running);
		while ((msg = curl_multi_info_read(m, &left)) != NULL) {
			struct xfer *x;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
					  (char **)&x);
			curl_multi_remove_handle(m, x->h);
			x->active = false;
			active--;
			if (!xfer_finish(x, msg->data.result, o))
				continue;
			x->done = true;
			done++;
			if (!x->f->ok && !x->f->not_modified) {
				free(x->f->body);
				x->f->body = NULL;
				x->f->len = 0;
				failed++;
			}
			if (o->progress != NULL)
				o->progress(o->progress_arg, done, n);
		}
		if (done < n) {
			int ms = (int)((next - now_seconds()) * 1000);

			curl_multi_poll(m, NULL, 0, ms < 1 ? 1 : ms > 100 ? 100 : ms,
					NULL);
		}
	}
	for (i = 0; i < n; i++) {
		if (xs[i].h != NULL) {
			if (xs[i].active)
				curl_multi_remove_handle(m, xs[i].h);
			curl_easy_cleanup(xs[i].h);
		}
		curl_slist_free_all(xs[i].headers);
		reqs[i].priv = NULL;
	}
	curl_multi_cleanup(m);
	free(xs);
	stop_flag = NULL;
	return failed;
}
