/*
 * dates.h — when a version was written: read from a page's metadata,
 * parsed from ISO 8601 and archive timestamps, written for headers.
 *
 * A page's own date is looked for in this order: the meta property
 * article:modified_time, JSON-LD "dateModified", article:published_time,
 * JSON-LD "datePublished", the first <time datetime="...">.  Every time
 * is kept as UTC seconds (time_t).
 */
#ifndef VERSUS_DATES_H
#define VERSUS_DATES_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/*
 * The page's date from its metadata; *source names where it came from
 * ("article:modified_time", ...).  False when the page carries none.
 */
bool dates_from_page(const unsigned char *p, size_t n, time_t *when,
		     const char **source);

/*
 * An ISO 8601 date or date-time of n bytes: YYYY-MM-DD, optionally
 * THH:MM[:SS[.frac]] and Z or an offset (+HH:MM, +HHMM); no zone means
 * UTC.  False when s is not one.
 */
bool dates_parse_iso(const char *s, size_t n, time_t *when);

/* An archive timestamp, 4 to 14 digits (YYYYMMDDhhmmss, missing parts
 * the earliest), as UTC. */
bool dates_parse_stamp(const char *s, time_t *when);

/*
 * A --from/--to date (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM or
 * up to 14 digits) as archive timestamp digits into buf (at least 15
 * bytes); false when it is none of these.
 */
bool dates_option_stamp(const char *s, char *buf, size_t size);

/* An HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT"); false for NULL or other. */
bool dates_parse_http(const char *s, time_t *when);

/* "2024-03-01 12:05" (UTC) into buf (at least 17 bytes). */
void dates_format(time_t t, char *buf, size_t size);

#endif
