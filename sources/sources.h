/*
 * sources.h — where versions come from: the command line's arguments
 * turned into versions (bytes decoded into a struct text, a display name,
 * a date and its origin).
 *
 *   FILE          the file itself (text.h), as before
 *   DIRECTORY     the text and HTML files in it, by date (folder.c)
 *   http(s)://... the live page, fetched (fetch.h) or from the cache
 *                 (cache.h)
 *   with --archive, each URL's captures in the Wayback Machine
 *                 (wayback.c)
 *   with --git,   each FILE's versions in its git history (history.c)
 *
 * Nothing here prints or exits: trouble with an argument, or with a part
 * of one (a capture that would not load), becomes a one-line note in the
 * list, "URL: reason", for the caller to print; what could be read is
 * kept.
 */
#ifndef VERSUS_SOURCES_H
#define VERSUS_SOURCES_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "cache.h"
#include "error.h"
#include "fetch.h"
#include "text.h"

/* Versions kept from an archive by default (--max). */
#define SOURCES_DEFAULT_MAX 10
/* Captures fetched at most; more are thinned evenly in time first. */
#define SOURCES_MAX_CAPTURES 100
/* The Wayback Machine, unless VERSUS_ARCHIVE_URL says otherwise. */
#define SOURCES_ARCHIVE_URL "https://web.archive.org"

struct version {
	struct text *text;	/* text->path is the display name */
	time_t when;		/* 0: unknown */
	const char *date_source;	/* "capture", "commit", "mtime", ... */
	const char *origin;	/* "file", "web", "cache", "archive", "git" */
};

struct version_list {
	struct version *v;
	size_t n, cap;
	char **notes;		/* one-line messages about what failed */
	size_t nnote;
	size_t failed;		/* arguments, or parts of one, not read */
};

struct sources_opts {
	struct text_opts text;
	bool archive;		/* URLs are read from the archive */
	bool git;		/* FILEs are read from their git history */
	bool follow;		/* --git --follow: across renames */
	char from[15], to[15];	/* archive timestamp bounds, "" for none */
	unsigned max;		/* versions kept per archive URL; 0: default */
	bool offline;		/* the cache only */
	bool refresh;		/* live pages fetched again */
	bool sort_date;		/* all versions ordered by date */
	const char *archive_base;	/* NULL: SOURCES_ARCHIVE_URL */
	const char *cache_dir;	/* NULL: no cache */
	struct fetch_opts fetch;
	/* Called as work advances ("fetching", done, total). */
	void (*progress)(void *arg, const char *what, size_t done,
			 size_t total);
	void *progress_arg;
};

/* Whether arg is a web address (http:// or https://, any case). */
bool sources_is_url(const char *arg);

/*
 * The versions of args[0, n) in order, appended to list (zeroed first by
 * the caller).  Returns the number of versions added.
 */
size_t sources_open(char *const *args, size_t n, const struct sources_opts *so,
		    struct version_list *list);

/* Order list by date (unknown dates first), keeping ties in order. */
void sources_sort(struct version_list *list);

/* Free the notes; with texts true also every version's text. */
void sources_clear(struct version_list *list, bool texts);

/* --- used between the source files ------------------------------------ */

void sources_note(struct version_list *list, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sources_push(struct version_list *list, struct text *t, time_t when,
		  const char *date_source, const char *origin);

/*
 * A page's bytes as a text named `name`: HTML or plain text by the
 * Content-Type (a charset there wins over the page's <meta>, a byte order
 * mark over both), refusing other media types.  NULL with err set.
 */
struct text *sources_page_text(const char *name, const unsigned char *body,
			       size_t len, const char *content_type,
			       const struct text_opts *opts,
			       struct vs_error *err);

/* A page to get from the cache or the web (sources_get_pages). */
struct page {
	const char *url;	/* what to fetch */
	const char *key;	/* the cache key's URL; NULL: url */
	const char *capture;	/* the capture time of an archived page */
	bool live;		/* may change: --refresh fetches it again */
	/* out */
	bool ok;
	bool from_cache;
	struct cache_entry e;	/* body and Content-Type when ok */
	struct vs_error err;
};

/*
 * Get each page: from the cache when it holds it (a live page only
 * without --refresh), else, unless --offline, from the web (all the
 * missing ones in one batch, two at a time) and into the cache.  Returns
 * the number that failed, each with its message in err.
 */
size_t sources_get_pages(struct page *pages, size_t n,
			 const struct sources_opts *so);
void sources_page_clear(struct page *p);

/*
 * One look at a watched page (watch.c): 1 when its article text changed
 * since the last look (or this is the first), with *now the new text and
 * *before the last one (NULL the first time), both to free; 0 when it did
 * not (HTTP 304, or the same text); -1 with err set on failure.
 */
int sources_watch_step(const char *url, const struct sources_opts *so,
		       struct text **now, struct text **before,
		       struct vs_error *err);

/* A capture listed by the archive's CDX API. */
struct capture {
	char *stamp;		/* YYYYMMDDhhmmss */
	char *original;		/* the URL as captured */
	char *mime;		/* its listed type, or NULL */
};

struct capture_list {
	struct capture *c;
	size_t n, cap;
};

/*
 * A CDX answer (output=json): a header row naming the fields, then one
 * row per capture; rows whose statuscode is not 200 are left out, an
 * empty answer is no capture.  Returns 0, or -1 with the reason in *why
 * ("a string is not closed") and l empty.
 */
int wayback_parse(const unsigned char *body, size_t len,
		  struct capture_list *l, const char **why);
void wayback_list_clear(struct capture_list *l);

int wayback_open(const char *url, const struct sources_opts *so,
		 struct version_list *list);
int history_open(const char *path, const struct sources_opts *so,
		 struct version_list *list);
/*
 * A REV:PATH argument (git's own form, "HEAD~2:story.txt") read with git
 * in the current folder: -1 when git does not know it (the caller then
 * treats it as a file name), else 0 with its version, named with the
 * commit's date, short hash and subject, or a note.
 */
int history_blob(const char *spec, const struct sources_opts *so,
		 struct version_list *list);
int folder_open(const char *path, const struct sources_opts *so,
		struct version_list *list);

#endif
