/*
 * dates.c — dates from page metadata, ISO 8601 and archive timestamps
 * (dates.h).  The page is scanned as bytes, not parsed: the markers are
 * ASCII and a rough look is enough to find them.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dates.h"

/* The first case-insensitive occurrence of needle in [p, p+n), or NULL. */
static const unsigned char *
find_ci(const unsigned char *p, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	if (k == 0 || n < k)
		return NULL;
	for (i = 0; i + k <= n; i++)
		if (tolower(p[i]) == tolower((unsigned char)needle[0]) &&
		    strncasecmp((const char *)p + i, needle, k) == 0)
			return p + i;
	return NULL;
}

/* Digits at s[0, k) as a number; -1 when they are not all digits. */
static int
digits(const char *s, size_t k)
{
	int v = 0;

	for (size_t i = 0; i < k; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static bool
make_time(int y, int mo, int d, int h, int mi, int s, long off, time_t *when)
{
	struct tm tm = { 0 };

	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h > 23 || mi > 59 || s > 60)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	*when = timegm(&tm) - off;
	return true;
}

bool
dates_parse_iso(const char *s, size_t n, time_t *when)
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	long off = 0;
	size_t i;

	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n < 10 || s[4] != '-' || s[7] != '-' ||
	    (y = digits(s, 4)) < 0 || (mo = digits(s + 5, 2)) < 0 ||
	    (d = digits(s + 8, 2)) < 0)
		return false;
	i = 10;
	if (i < n && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
		if (n < i + 6 || s[i + 3] != ':' ||
		    (h = digits(s + i + 1, 2)) < 0 ||
		    (mi = digits(s + i + 4, 2)) < 0)
			return false;
		i += 6;
		if (i < n && s[i] == ':') {
			if (n < i + 3 || (sec = digits(s + i + 1, 2)) < 0)
				return false;
			i += 3;
			if (i < n && (s[i] == '.' || s[i] == ','))
				for (i++; i < n && isdigit((unsigned char)s[i]); i++)
					;
		}
		if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
			i++;
		} else if (i < n && (s[i] == '+' || s[i] == '-')) {
			int oh, om;
			size_t k = i + 1;

			if (n < k + 2 || (oh = digits(s + k, 2)) < 0)
				return false;
			k += 2;
			if (k < n && s[k] == ':')
				k++;
			om = 0;
			if (k + 2 <= n && (om = digits(s + k, 2)) >= 0)
				k += 2;
			else
				om = 0;
			off = (oh * 3600L + om * 60L) * (s[i] == '-' ? -1 : 1);
			i = k;
		}
	}
	if (i != n)
		return false;
	return make_time(y, mo, d, h, mi, sec, off, when);
}

bool
dates_parse_stamp(const char *s, time_t *when)
{
	char full[15] = "19700101000000";
	size_t n = strlen(s);

	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	if (n < 4 || n > 14)
		return false;
	memcpy(full, s, n);
	if (n < 6)
		memcpy(full + 4, "01", 2);
	if (n < 8)
		memcpy(full + 6, "01", 2);
	return make_time(digits(full, 4), digits(full + 4, 2),
			 digits(full + 6, 2), digits(full + 8, 2),
			 digits(full + 10, 2), digits(full + 12, 2), 0, when);
}

bool
dates_option_stamp(const char *s, char *buf, size_t size)
{
	size_t n = 0;
	time_t t;

	if (size < 15)
		return false;
	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s)) {
			if (n >= 14)
				return false;
			buf[n++] = *s;
		} else if (strchr("-T: ", *s) == NULL) {
			return false;
		}
	}
	buf[n] = '\0';
	return n >= 4 && n % 2 == 0 && dates_parse_stamp(buf, &t);
}

bool
dates_parse_http(const char *s, time_t *when)
{
	struct tm tm = { 0 };
	const char *end;

	if (s == NULL)
		return false;
	end = strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (end == NULL || *end != '\0')
		return false;
	*when = timegm(&tm);
	return true;
}

void
dates_format(time_t t, char *buf, size_t size)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, size, "?");
}

/* The quoted value after `attr=` inside the tag [p, end), or NULL. */
static const unsigned char *
attr_value(const unsigned char *p, const unsigned char *end, const char *attr,
	   size_t *len)
{
	const unsigned char *a = find_ci(p, (size_t)(end - p), attr), *q;

	if (a == NULL)
		return NULL;
	a += strlen(attr);
	while (a < end && isspace(*a))
		a++;
	if (a >= end || *a != '=')
		return NULL;
	a++;
	while (a < end && isspace(*a))
		a++;
	if (a >= end)
		return NULL;
	if (*a == '"' || *a == '\'') {
		q = memchr(a + 1, *a, (size_t)(end - a - 1));
		if (q == NULL)
			return NULL;
		*len = (size_t)(q - a - 1);
		return a + 1;
	}
	for (q = a; q < end && !isspace(*q) && *q != '>'; q++)
		;
	*len = (size_t)(q - a);
	return a;
}

/* The date in the content of the meta tag around the marker `prop`. */
static bool
meta_date(const unsigned char *p, size_t n, const char *prop, time_t *when)
{
	const unsigned char *m = find_ci(p, n, prop), *lt, *gt, *v;
	size_t len;

	if (m == NULL)
		return false;
	for (lt = m; lt > p && *lt != '<'; lt--)
		;
	gt = memchr(m, '>', (size_t)(p + n - m));
	if (gt == NULL || *lt != '<')
		return false;
	v = attr_value(lt, gt, "content", &len);
	return v != NULL && dates_parse_iso((const char *)v, len, when);
}

/* The string value of the JSON key `"key"`, if it is a date. */
static bool
json_date(const unsigned char *p, size_t n, const char *key, time_t *when)
{
	const unsigned char *k = find_ci(p, n, key), *end = p + n, *q;

	if (k == NULL)
		return false;
	k += strlen(key);
	while (k < end && isspace(*k))
		k++;
	if (k >= end || *k != ':')
		return false;
	for (k++; k < end && isspace(*k); k++)
		;
	if (k >= end || *k != '"')
		return false;
	q = memchr(k + 1, '"', (size_t)(end - k - 1));
	return q != NULL && dates_parse_iso((const char *)k + 1,
					    (size_t)(q - k - 1), when);
}

/* The first <time datetime="..."> that holds a date. */
static bool
time_date(const unsigned char *p, size_t n, time_t *when)
{
	const unsigned char *end = p + n, *t, *gt, *v;
	size_t len;

	while ((t = find_ci(p, (size_t)(end - p), "<time")) != NULL) {
		p = t + 5;
		if (p >= end || !(isspace(*p)))
			continue;
		gt = memchr(p, '>', (size_t)(end - p));
		if (gt == NULL)
			return false;
		v = attr_value(p, gt, "datetime", &len);
		if (v != NULL && dates_parse_iso((const char *)v, len, when))
			return true;
	}
	return false;
}

bool
dates_from_page(const unsigned char *p, size_t n, time_t *when,
		const char **source)
{
	if (meta_date(p, n, "article:modified_time", when)) {
		*source = "article:modified_time";
		return true;
	}
	if (json_date(p, n, "\"dateModified\"", when)) {
		*source = "dateModified";
		return true;
	}
	if (meta_date(p, n, "article:published_time", when)) {
		*source = "article:published_time";
		return true;
	}
	if (json_date(p, n, "\"datePublished\"", when)) {
		*source = "datePublished";
		return true;
	}
	if (time_date(p, n, when)) {
		*source = "<time>";
		return true;
	}
	return false;
}
