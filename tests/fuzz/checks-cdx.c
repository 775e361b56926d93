/*
 * checks-cdx.c — the check of the CDX fuzzer: wayback_parse() (sources.h)
 * on arbitrary bytes, as the Wayback Machine's CDX API might answer.
 *
 * The answer comes from the network, and the addresses it lists end up in
 * messages on the terminal and in requests: whatever the bytes, the parse
 * either fails with a reason and keeps nothing, or lists captures whose
 * timestamps are dates and whose strings are valid UTF-8 without control
 * characters; and writing that list back as JSON and parsing it again
 * gives the same list.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

#include "checks.h"
#include "dates.h"
#include "sources.h"
#include "xalloc.h"

/* Valid UTF-8 with no C0, DEL or C1 control character. */
static bool
printable(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s);
	ucs4_t uc;
	int k;

	if (u8_check(p, n) != NULL)
		return false;
	while (n > 0) {
		k = u8_mbtoucr(&uc, p, n);
		if (k <= 0 || uc < 0x20 || (uc >= 0x7f && uc < 0xa0))
			return false;
		p += k;
		n -= (size_t)k;
	}
	return true;
}

/* s as a JSON string, escaping what must be, onto *buf. */
static void
put_string(char **buf, size_t *len, size_t *cap, const char *s)
{
	*buf = xgrow(*buf, cap, *len + 2 * strlen(s) + 8, 1);
	(*buf)[(*len)++] = '"';
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			(*buf)[(*len)++] = '\\';
		(*buf)[(*len)++] = *s;
	}
	(*buf)[(*len)++] = '"';
}

static char *
write_back(const struct capture_list *l, size_t *len)
{
	char *buf = NULL;
	size_t cap = 0, i;

	*len = 0;
	buf = xgrow(buf, &cap, 64, 1);
	*len = (size_t)sprintf(buf, "[[\"timestamp\",\"original\",\"mimetype\"]");
	for (i = 0; i < l->n; i++) {
		buf = xgrow(buf, &cap, *len + 4, 1);
		buf[(*len)++] = ',';
		buf[(*len)++] = '[';
		put_string(&buf, len, &cap, l->c[i].stamp);
		buf[(*len)++] = ',';
		put_string(&buf, len, &cap, l->c[i].original);
		buf = xgrow(buf, &cap, *len + 8, 1);
		buf[(*len)++] = ',';
		if (l->c[i].mime != NULL) {
			put_string(&buf, len, &cap, l->c[i].mime);
		} else {
			memcpy(buf + *len, "null", 4);
			*len += 4;
		}
		buf[(*len)++] = ']';
	}
	buf = xgrow(buf, &cap, *len + 1, 1);
	buf[(*len)++] = ']';
	return buf;
}

static bool
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

int
fuzz_cdx_one(const uint8_t *data, size_t size)
{
	struct capture_list l = { 0 }, again = { 0 };
	const char *why = NULL;
	char *back = NULL;
	size_t i, blen;
	time_t t;
	int r, rc = 0;

	r = wayback_parse(data, size, &l, &why);
	if (r != 0) {
		if (r != -1)
			return fuzz_fail("cdx: wayback_parse returned %d", r);
		if (why == NULL || why[0] == '\0')
			return fuzz_fail("cdx: a failure without a reason");
		if (l.n != 0 || l.c != NULL)
			return fuzz_fail("cdx: a failure keeps %zu captures",
			    l.n);
		return 0;
	}
	for (i = 0; i < l.n && rc == 0; i++) {
		const struct capture *c = &l.c[i];

		if (c->stamp == NULL || c->original == NULL)
			rc = fuzz_fail("cdx: capture %zu lacks a field", i);
		else if (!dates_parse_stamp(c->stamp, &t))
			rc = fuzz_fail("cdx: capture %zu: timestamp \"%.40s\" "
			    "is no date", i, c->stamp);
		else if (!printable(c->original) ||
		    (c->mime != NULL && !printable(c->mime)))
			rc = fuzz_fail("cdx: capture %zu: a string with a "
			    "control character or invalid UTF-8", i);
	}
	if (rc == 0) {
		back = write_back(&l, &blen);
		if (wayback_parse((const unsigned char *)back, blen, &again,
		    &why) != 0)
			rc = fuzz_fail("cdx: the list written back does not "
			    "parse: %s", why);
		else if (again.n != l.n)
			rc = fuzz_fail("cdx: %zu captures written back, %zu "
			    "read", l.n, again.n);
		for (i = 0; rc == 0 && i < l.n; i++)
			if (!same(l.c[i].stamp, again.c[i].stamp) ||
			    !same(l.c[i].original, again.c[i].original) ||
			    !same(l.c[i].mime, again.c[i].mime))
				rc = fuzz_fail("cdx: capture %zu differs when "
				    "written back", i);
	}
	free(back);
	wayback_list_clear(&again);
	wayback_list_clear(&l);
	return rc;
}
