/*
 * cache.h — fetched pages kept on disk, under $XDG_CACHE_HOME/versus/
 * (else ~/.cache/versus/), so that a second run is instant and works
 * offline.
 *
 * An entry is keyed by a URL and, for an archive capture, its capture
 * time (a capture never changes; a live page is refetched only when
 * asked).  Each entry is one file named by a hash of the key, holding a
 * short text header (the key itself, the fetch time, Content-Type, the
 * validators ETag and Last-Modified, the body's length and checksum), a
 * blank line, then the body.  Files are written to a temporary name in the
 * same folder and renamed, so a reader sees a whole entry or none; an
 * entry whose header, key, length or checksum is wrong reads as missing
 * (and is fetched again), never as a page.
 */
#ifndef VERSUS_CACHE_H
#define VERSUS_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "error.h"

struct cache_entry {
	char *url;
	char *capture;		/* "20240301120000", or NULL for a live page */
	time_t fetched;
	char *content_type;	/* or NULL */
	char *etag;		/* or NULL */
	char *last_modified;	/* or NULL */
	unsigned char *body;	/* NUL-terminated after len bytes */
	size_t len;
};

/* What cache_get() found. */
enum cache_result {
	CACHE_MISS,		/* no entry */
	CACHE_HIT,		/* *e filled */
	CACHE_CORRUPT,		/* an entry that does not check: ignored */
};

/*
 * The cache folder ($XDG_CACHE_HOME/versus, else $HOME/.cache/versus)
 * into buf; false when neither variable is set or it does not fit.
 */
bool cache_dir(char *buf, size_t size);

/* Look up (url, capture); capture NULL for a live page. */
enum cache_result cache_get(const char *dir, const char *url,
			    const char *capture, struct cache_entry *e);

/*
 * Store e (url, capture, body and headers set; fetched is set here),
 * creating the folder if needed.  Returns 0, or -1 with "URL: cannot
 * write the cache DIR: reason" in err and nothing left behind.
 */
int cache_put(const char *dir, struct cache_entry *e, struct vs_error *err);

/* Remove the entry of (url, capture), if any. */
void cache_remove(const char *dir, const char *url, const char *capture);

/* Free what e holds (not e). */
void cache_entry_clear(struct cache_entry *e);

/* 64-bit FNV-1a of n bytes, continuing from h (start with CACHE_HASH_INIT). */
#define CACHE_HASH_INIT 0xcbf29ce484222325ULL
unsigned long long cache_hash(unsigned long long h, const void *p, size_t n);

#endif
