/*
 * watch.c — one look at a watched page (versus --watch): fetched with
 * the validators of the last look (If-None-Match, If-Modified-Since), and
 * kept in the cache as a new version only when its article text changed
 * (sources.h).
 *
 * The cache holds the page's last look as its live entry, and each
 * distinct version under the capture time "watch-YYYYMMDDhhmmss" of the
 * look that found it, so that a desk keeps every version it saw.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sources.h"
#include "xalloc.h"

int
sources_watch_step(const char *url, const struct sources_opts *so,
		   struct text **now, struct text **before,
		   struct vs_error *err)
{
	struct cache_entry old = { 0 }, e = { 0 }, copy;
	struct fetch f = { 0 };
	struct vs_error terr;
	char stamp[32];
	time_t t = time(NULL);
	struct tm tm;
	int r = -1;

	*now = *before = NULL;
	if (so->cache_dir != NULL &&
	    cache_get(so->cache_dir, url, NULL, &old) == CACHE_HIT) {
		*before = sources_page_text(url, old.body, old.len,
					    old.content_type, &so->text, &terr);
		if (*before != NULL) {
			f.etag = old.etag;
			f.last_modified = old.last_modified;
		}
	}
	f.url = url;
	if (fetch_run(&f, 1, &so->fetch) != 0) {
		*err = f.err;
		goto out;
	}
	if (f.not_modified) {
		r = 0;
		goto out;
	}
	*now = sources_page_text(url, f.body, f.len, f.content_type,
				 &so->text, err);
	if (*now == NULL)
		goto out;
	e.url = xstrdup(url);
	e.content_type = f.content_type;
	e.etag = f.etag_out;
	e.last_modified = f.last_modified_out;
	e.body = f.body;
	e.len = f.len;
	f.content_type = f.etag_out = f.last_modified_out = NULL;
	f.body = NULL;
	r = *before == NULL || (*before)->len != (*now)->len ||
		memcmp((*before)->data, (*now)->data, (*now)->len) != 0;
	if (so->cache_dir != NULL) {
		if (cache_put(so->cache_dir, &e, err) != 0) {
			r = -1;
			goto out;
		}
		if (r == 1) {
			gmtime_r(&t, &tm);
			strftime(stamp, sizeof stamp, "watch-%Y%m%d%H%M%S", &tm);
			copy = e;
			copy.capture = stamp;
			if (cache_put(so->cache_dir, &copy, err) != 0)
				r = -1;
		}
	}
out:
	if (r != 1) {
		text_free(*now);
		text_free(*before);
		*now = *before = NULL;
	}
	fetch_clear(&f);
	cache_entry_clear(&old);
	cache_entry_clear(&e);
	return r;
}
