/*
 * sources.c — arguments to versions: dispatch by kind, pages from the
 * cache or the web, decoding a fetched page, the list of versions
 * (sources.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "dates.h"
#include "decode.h"
#include "sources.h"
#include "xalloc.h"

bool
sources_is_url(const char *arg)
{
	return strncasecmp(arg, "http://", 7) == 0 ||
		strncasecmp(arg, "https://", 8) == 0;
}

void
sources_note(struct version_list *list, const char *fmt, ...)
{
	va_list ap;
	char buf[600];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	list->notes = xreallocarray(list->notes, list->nnote + 1,
				    sizeof *list->notes);
	list->notes[list->nnote++] = xstrdup(buf);
	list->failed++;
}

void
sources_push(struct version_list *list, struct text *t, time_t when,
	     const char *date_source, const char *origin)
{
	struct version *v;

	list->v = xgrow(list->v, &list->cap, list->n + 1, sizeof *list->v);
	v = &list->v[list->n++];
	v->text = t;
	v->when = when;
	v->date_source = date_source;
	v->origin = origin;
	if (strcmp(origin, "file") != 0) {	/* for --json */
		t->when = (long long)when;
		t->date_source = date_source;
		t->origin = origin;
	}
}

void
sources_clear(struct version_list *list, bool texts)
{
	size_t i;

	for (i = 0; texts && i < list->n; i++)
		text_free(list->v[i].text);
	for (i = 0; i < list->nnote; i++)
		free(list->notes[i]);
	free(list->notes);
	free(list->v);
	memset(list, 0, sizeof *list);
}

/* Whether the bytes start with a Unicode byte order mark. */
static bool
has_bom(const unsigned char *p, size_t n)
{
	return (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) ||
		(n >= 2 && ((p[0] == 0xfe && p[1] == 0xff) ||
			    (p[0] == 0xff && p[1] == 0xfe))) ||
		(n >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xfe &&
		 p[3] == 0xff);
}

/*
 * The charset to decode a page with from its Content-Type, following the
 * HTML standard's labels for the common Latin ones; NULL when there is
 * none or iconv does not know it (the page's <meta> then decides).
 */
static const char *
header_charset(const char *ct, char *buf, size_t size)
{
	static const char *const latin1[] = {
		"iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii",
		"ascii", "iso_8859-1", "cp1252", "windows-1252", NULL,
	};
	struct decoded d = { 0 };
	size_t i;

	if (!fetch_charset(ct, buf, size))
		return NULL;
	for (i = 0; latin1[i] != NULL; i++)
		if (strcasecmp(buf, latin1[i]) == 0)
			return "windows-1252";
	if (decode_charset(buf, (const uint8_t *)"a", 1, &d) != 0)
		return NULL;
	free(d.out);
	free(d.orig);
	return buf;
}

struct text *
sources_page_text(const char *name, const unsigned char *body, size_t len,
		  const char *ct, const struct text_opts *opts,
		  struct vs_error *err)
{
	struct text_opts o = *opts;
	char media[64], cs[64];

	fetch_media_type(ct, media, sizeof media);
	if (o.format == TEXT_FORMAT_AUTO && media[0] != '\0') {
		if (fetch_is_html(ct))
			o.format = TEXT_FORMAT_HTML;
		else if (strcmp(media, "text/plain") == 0)
			o.format = TEXT_FORMAT_TEXT;
		else if (strncmp(media, "text/", 5) != 0) {
			vs_error_set(err, "%s: not a web page (%s)", name,
				     media);
			return NULL;
		}
	}
	if (o.encoding == NULL && !has_bom(body, len))
		o.encoding = header_charset(ct, cs, sizeof cs);
	return text_from_bytes(name, body, len, &o, err);
}

void
sources_page_clear(struct page *p)
{
	cache_entry_clear(&p->e);
	p->ok = p->from_cache = false;
}

size_t
sources_get_pages(struct page *pages, size_t n, const struct sources_opts *so)
{
	struct fetch *reqs = xcalloc(n ? n : 1, sizeof *reqs);
	size_t *which = xcalloc(n ? n : 1, sizeof *which);
	size_t i, k, nreq = 0, failed = 0;

	for (i = 0; i < n; i++) {
		struct page *p = &pages[i];
		const char *key = p->key != NULL ? p->key : p->url;
		enum cache_result r = CACHE_MISS;

		p->ok = false;
		p->err.msg[0] = '\0';
		if (so->cache_dir != NULL && !(p->live && so->refresh)) {
			r = cache_get(so->cache_dir, key, p->capture, &p->e);
			if (r == CACHE_HIT) {
				p->ok = p->from_cache = true;
				continue;
			}
		}
		if (so->offline) {
			if (so->cache_dir == NULL)
				vs_error_set(&p->err, "%s: --offline needs a "
					     "cache folder (set XDG_CACHE_HOME "
					     "or HOME)", key);
			else if (r == CACHE_CORRUPT)
				vs_error_set(&p->err, "%s: the cached copy is "
					     "damaged, and --offline forbids "
					     "fetching it again", p->url);
			else
				vs_error_set(&p->err, "%s: not in the cache "
					     "(--offline)", p->url);
			failed++;
			continue;
		}
		reqs[nreq].url = p->url;
		which[nreq++] = i;
	}
	fetch_run(reqs, nreq, &so->fetch);
	for (k = 0; k < nreq; k++) {
		struct page *p = &pages[which[k]];
		struct fetch *f = &reqs[k];

		if (!f->ok) {
			p->err = f->err;
			failed++;
			fetch_clear(f);
			continue;
		}
		cache_entry_clear(&p->e);
		p->e.url = xstrdup(p->key != NULL ? p->key : p->url);
		p->e.capture = p->capture ? xstrdup(p->capture) : NULL;
		p->e.content_type = f->content_type;
		p->e.etag = f->etag_out;
		p->e.last_modified = f->last_modified_out;
		p->e.body = f->body;
		p->e.len = f->len;
		f->content_type = f->etag_out = f->last_modified_out = NULL;
		f->body = NULL;
		fetch_clear(f);
		if (so->cache_dir != NULL &&
		    cache_put(so->cache_dir, &p->e, &p->err) != 0) {
			cache_entry_clear(&p->e);
			failed++;
			continue;
		}
		p->ok = true;
	}
	free(reqs);
	free(which);
	return failed;
}

/* A live page's versions: the page itself, dated by its metadata. */
static void
push_page(struct version_list *list, const char *url, struct page *p,
	  const struct sources_opts *so)
{
	struct vs_error err;
	struct text *t;
	const char *src = NULL;
	time_t when = 0;
	char name[4200], date[32];

	if (dates_from_page(p->e.body, p->e.len, &when, &src)) {
		dates_format(when, date, sizeof date);
		snprintf(name, sizeof name, "%s @ %s", url, date);
	} else if (dates_parse_http(p->e.last_modified, &when)) {
		dates_format(when, date, sizeof date);
		snprintf(name, sizeof name, "%s @ %s", url, date);
		src = "Last-Modified";
	} else {
		snprintf(name, sizeof name, "%s", url);
		when = p->e.fetched;
		src = "fetched";
	}
	t = sources_page_text(name, p->e.body, p->e.len, p->e.content_type,
			      &so->text, &err);
	if (t == NULL) {
		sources_note(list, "%s", err.msg);
		return;
	}
	sources_push(list, t, when, src, "web");
}

/* A plain file argument, dated by its modification time. */
static void
push_file(struct version_list *list, const char *path,
	  const struct sources_opts *so)
{
	struct vs_error err;
	struct text *t = text_load(path, &so->text, &err);
	struct stat st;
	time_t when = 0;
	const char *src = "mtime";

	if (t == NULL) {
		sources_note(list, "%s", err.msg);
		return;
	}
	/* Dates cost a scan of the page: only when they are used. */
	if (so->sort_date && strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    !dates_from_page(t->raw, t->raw_len, &when, &src))
		when = st.st_mtime;
	sources_push(list, t, when, src, "file");
}

size_t
sources_open(char *const *args, size_t n, const struct sources_opts *so,
	     struct version_list *list)
{
	struct page *pages = xcalloc(n ? n : 1, sizeof *pages);
	size_t i, np = 0, before = list->n;
	struct stat st;

	/* Live pages first, in one batch, so that they load in parallel. */
	if (!so->archive) {
		for (i = 0; i < n; i++)
			if (sources_is_url(args[i])) {
				pages[np].url = args[i];
				pages[np].live = true;
				np++;
			}
		if (np > 0 && so->progress != NULL)
			so->progress(so->progress_arg, "fetching", 0, np);
		sources_get_pages(pages, np, so);
	}
	for (i = 0, np = 0; i < n; i++) {
		const char *a = args[i];

		if (sources_is_url(a) && so->archive) {
			wayback_open(a, so, list);
		} else if (sources_is_url(a)) {
			struct page *p = &pages[np++];

			if (p->ok)
				push_page(list, a, p, so);
			else
				sources_note(list, "%s", p->err.msg);
			sources_page_clear(p);
		} else if (so->archive) {
			sources_note(list, "%s: --archive needs a web address "
				     "(http:// or https://)", a);
		} else if (so->git) {
			history_open(a, so, list);
		} else if (strcmp(a, "-") != 0 && stat(a, &st) == 0 &&
			   S_ISDIR(st.st_mode)) {
			folder_open(a, so, list);
		} else if (strchr(a, ':') != NULL && stat(a, &st) != 0 &&
			   history_blob(a, so, list) == 0) {
			;	/* REV:PATH */
		} else {
			push_file(list, a, so);
		}
	}
	free(pages);
	if (so->sort_date)
		sources_sort(list);
	return list->n - before;
}

void
sources_sort(struct version_list *list)
{
	struct version *v = list->v;
	size_t i, j;

	for (i = 1; i < list->n; i++) {	/* insertion sort: stable */
		struct version x = v[i];

		for (j = i; j > 0 && v[j - 1].when > x.when; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}
