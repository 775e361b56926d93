/*
 * wayback.c — a page's versions from the Wayback Machine: the captures
 * listed by the CDX API, fetched raw, told apart by their article text,
 * and chosen when there are too many (sources.h).
 *
 * The list asks for one row per run of identical captures
 * (collapse=digest) with status 200, within --from/--to.  Only captures
 * whose listed type is HTML are fetched, through /web/STAMPid_/URL,
 * which serves the page as it was captured, without the archive's
 * toolbar.  More than SOURCES_MAX_CAPTURES are thinned evenly through
 * the list first (the first and last kept).
 *
 * Choosing --max N of the distinct versions: the first and the last are
 * always kept; the others are ranked by how much their article text
 * differs from the version before them (the share of words, counted with
 * repeats, found on one side only) and the N-2 most changed are kept, in
 * date order.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "dates.h"
#include "sources.h"
#include "xalloc.h"

void
wayback_list_clear(struct capture_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->c[i].stamp);
		free(l->c[i].original);
		free(l->c[i].mime);
	}
	free(l->c);
	memset(l, 0, sizeof *l);
}

/* --- a small JSON reader: an array of arrays of strings ------------- */

struct json {
	const char *p, *end;
	const char *why;	/* what went wrong */
};

static void
json_space(struct json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' ||
				 *j->p == '\r' || *j->p == '\t'))
		j->p++;
}

static bool
json_char(struct json *j, char c)
{
	json_space(j);
	if (j->p < j->end && *j->p == c) {
		j->p++;
		return true;
	}
	return false;
}

/* Four hex digits at s (up to end) as *v. */
static bool
json_hex4(const char *s, const char *end, unsigned *v)
{
	*v = 0;
	for (int k = 0; k < 4; k++) {
		char c = s + k < end ? s[k] : 'x';

		*v <<= 4;
		if (c >= '0' && c <= '9') *v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f') *v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F') *v |= (unsigned)(c - 'A' + 10);
		else return false;
	}
	return true;
}

/*
 * Whether a decoded string can be shown and sent: valid UTF-8 without
 * control characters (C0, DEL, C1), since the addresses of an answer
 * from the network end up in messages on the terminal and in requests.
 */
static bool
json_safe(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t uc;
	int k;

	if (u8_check(p, n) != NULL)
		return false;
	while (n > 0) {
		k = u8_mbtoucr(&uc, p, n);
		if (k <= 0 || uc < 0x20 || (uc >= 0x7f && uc < 0xa0))
			return false;
		p += (size_t)k;
		n -= (size_t)k;
	}
	return true;
}

/*
 * A JSON string (or a bare number, read as text) into a new buffer;
 * NULL on error.
 */
static char *
json_string(struct json *j)
{
	char *out, *o;
	const char *s;

	json_space(j);
	if (j->p >= j->end) {
		j->why = "it ends too soon";
		return NULL;
	}
	if (*j->p != '"') {
		for (s = j->p; s < j->end && strchr(",] \t\r\n", *s) == NULL; s++)
			;
		if (s == j->p) {
			j->why = "a value is missing";
			return NULL;
		}
		if (!json_safe(j->p, (size_t)(s - j->p))) {
			j->why = "a value holds a control character or is "
				"not UTF-8";
			return NULL;
		}
		out = xstrndup(j->p, (size_t)(s - j->p));
		j->p = s;
		return out;
	}
	s = ++j->p;
	out = o = xmalloc((size_t)(j->end - s) + 1);
	while (s < j->end && *s != '"') {
		if ((unsigned char)*s < 0x20) {
			j->why = "a string holds a control character";
			free(out);
			return NULL;
		}
		if (*s != '\\') {
			*o++ = *s++;
			continue;
		}
		if (++s >= j->end)
			break;
		switch (*s) {
		case 'n': *o++ = '\n'; break;
		case 't': *o++ = '\t'; break;
		case 'r': *o++ = '\r'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'u': {
			unsigned v, lo;
			uint8_t buf[6];
			int k;

			if (!json_hex4(s + 1, j->end, &v)) {
				j->why = "a \\u escape is malformed";
				free(out);
				return NULL;
			}
			s += 4;
			/* A surrogate pair is one character; half of one none. */
			if (v >= 0xd800 && v < 0xdc00 && s + 6 < j->end &&
			    s[1] == '\\' && s[2] == 'u' &&
			    json_hex4(s + 3, j->end, &lo) &&
			    lo >= 0xdc00 && lo < 0xe000) {
				v = 0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00);
				s += 6;
			} else if (v >= 0xd800 && v < 0xe000) {
				j->why = "a \\u escape is half a character";
				free(out);
				return NULL;
			}
			k = u8_uctomb(buf, v, sizeof buf);
			memcpy(o, buf, (size_t)k);
			o += k;
			break;
		}
		default:
			*o++ = *s;
		}
		s++;
	}
	if (s >= j->end) {
		j->why = "a string is not closed";
		free(out);
		return NULL;
	}
	*o = '\0';
	j->p = s + 1;
	if (!json_safe(out, (size_t)(o - out))) {
		j->why = "a string holds a control character or is not UTF-8";
		free(out);
		return NULL;
	}
	return out;
}

/*
 * One row: ["a", "b", null, ...] into row (at most max values, NULL for
 * null; the caller frees them); -1 on error, with nothing left in row.
 */
static int
json_row(struct json *j, char **row, size_t max, size_t *n)
{
	*n = 0;
	if (!json_char(j, '[')) {
		j->why = "a row is not an array";
		return -1;
	}
	if (json_char(j, ']'))
		return 0;
	do {
		char *v = NULL;

		/* null is no value: a missing field. */
		json_space(j);
		if (j->end - j->p >= 4 && memcmp(j->p, "null", 4) == 0 &&
		    (j->end - j->p == 4 || strchr(",] \t\r\n", j->p[4])))
			j->p += 4;
		else if ((v = json_string(j)) == NULL)
			goto fail;
		if (*n < max)
			row[(*n)++] = v;
		else
			free(v);
	} while (json_char(j, ','));
	if (json_char(j, ']'))
		return 0;
	j->why = "a row is not closed";
fail:
	while (*n > 0)
		free(row[--*n]);
	return -1;
}

enum { COL_STAMP, COL_ORIGINAL, COL_STATUS, COL_MIME, NCOL };

int
wayback_parse(const unsigned char *body, size_t len, struct capture_list *l,
	      const char **why)
{
	static const char *const names[NCOL] = {
		"timestamp", "original", "statuscode", "mimetype",
	};
	struct json j = { (const char *)body, (const char *)body + len, NULL };
	char *row[16];
	int col[NCOL];
	size_t n, i, k, rows = 0;
	int r = -1;

	json_space(&j);
	if (j.p == j.end)
		return 0;	/* an empty answer: no captures */
	if (!json_char(&j, '[')) {
		*why = "not a JSON array";
		return -1;
	}
	if (json_char(&j, ']'))
		goto end;
	do {
		if (json_row(&j, row, 16, &n) != 0)
			goto fail;
		if (rows++ == 0) {	/* the header */
			for (k = 0; k < NCOL; k++) {
				col[k] = -1;
				for (i = 0; i < n; i++)
					if (row[i] != NULL &&
					    strcmp(row[i], names[k]) == 0)
						col[k] = (int)i;
			}
			for (i = 0; i < n; i++)
				free(row[i]);
			if (col[COL_STAMP] < 0 || col[COL_ORIGINAL] < 0) {
				j.why = "no timestamp or original field";
				goto fail;
			}
			continue;
		}
		if ((size_t)col[COL_STAMP] >= n ||
		    (size_t)col[COL_ORIGINAL] >= n ||
		    row[col[COL_ORIGINAL]] == NULL) {
			for (i = 0; i < n; i++)
				free(row[i]);
			j.why = "a row is too short";
			goto fail;
		}
		time_t t;
		const char *status = col[COL_STATUS] >= 0 &&
			(size_t)col[COL_STATUS] < n ? row[col[COL_STATUS]] : "200";
		bool keep = status != NULL && strcmp(status, "200") == 0;

		if (row[col[COL_STAMP]] == NULL ||
		    !dates_parse_stamp(row[col[COL_STAMP]], &t)) {
			for (i = 0; i < n; i++)
				free(row[i]);
			j.why = "a timestamp is not a date";
			goto fail;
		}
		if (keep) {
			struct capture *c;

			l->c = xgrow(l->c, &l->cap, l->n + 1, sizeof *l->c);
			c = &l->c[l->n++];
			c->stamp = xstrdup(row[col[COL_STAMP]]);
			c->original = xstrdup(row[col[COL_ORIGINAL]]);
			c->mime = col[COL_MIME] >= 0 && (size_t)col[COL_MIME] < n &&
				row[col[COL_MIME]] != NULL ?
				xstrdup(row[col[COL_MIME]]) : NULL;
		}
		for (i = 0; i < n; i++)
			free(row[i]);
	} while (json_char(&j, ','));
	if (!json_char(&j, ']')) {
		j.why = "the list is not closed";
		goto fail;
	}
end:
	json_space(&j);
	if (j.p != j.end) {
		j.why = "text follows the list";
		goto fail;
	}
	r = 0;
	return r;
fail:
	*why = j.why != NULL ? j.why : "malformed";
	wayback_list_clear(l);
	return r;
}

/* --- choosing versions --------------------------------------------- */

/* Words of t as sorted 64-bit hashes (repeats kept). */
static unsigned long long *
word_hashes(const struct text *t, size_t *n)
{
	unsigned long long *h = NULL, cur = CACHE_HASH_INIT;
	size_t cap = 0, i;
	bool in = false;

	*n = 0;
	for (i = 0; i <= t->len; i++) {
		unsigned char c = i < t->len ? t->data[i] : ' ';
		bool w = c >= 0x80 || (c >= '0' && c <= '9') ||
			((c | 0x20) >= 'a' && (c | 0x20) <= 'z');

		if (w) {
			cur = cache_hash(in ? cur : CACHE_HASH_INIT, &c, 1);
			in = true;
		} else if (in) {
			h = xgrow(h, &cap, *n + 1, sizeof *h);
			h[(*n)++] = cur;
			in = false;
		}
	}
	return h;
}

static int
cmp_hash(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a;
	unsigned long long y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

/* The share of words (with repeats) on one side only: 0 same, 1 disjoint. */
static double
change_between(const struct text *a, const struct text *b)
{
	size_t na, nb, i = 0, j = 0, common = 0;
	unsigned long long *ha = word_hashes(a, &na), *hb = word_hashes(b, &nb);
	double d;

	if (na > 0)
		qsort(ha, na, sizeof *ha, cmp_hash);
	if (nb > 0)
		qsort(hb, nb, sizeof *hb, cmp_hash);
	while (i < na && j < nb) {
		if (ha[i] == hb[j])
			common++, i++, j++;
		else if (ha[i] < hb[j])
			i++;
		else
			j++;
	}
	d = na + nb == 0 ? 0 : (double)(na + nb - 2 * common) / (double)(na + nb);
	free(ha);
	free(hb);
	return d;
}

struct ranked {
	size_t i;
	double change;
};

static int
by_change(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->change != y->change)
		return x->change > y->change ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * Keep max of the n versions in v (see the top comment); the others'
 * texts are freed.  Returns the new count.
 */
static size_t
choose(struct version *v, size_t n, size_t max)
{
	struct ranked *r;
	bool *keep;
	size_t i, k;

	if (n <= max || n <= 2)
		return n;
	r = xcalloc(n, sizeof *r);
	keep = xcalloc(n, sizeof *keep);
	for (i = 1; i + 1 < n; i++) {
		r[i - 1].i = i;
		r[i - 1].change = change_between(v[i - 1].text, v[i].text);
	}
	qsort(r, n - 2, sizeof *r, by_change);
	keep[0] = keep[n - 1] = true;
	for (i = 0; i + 2 < max; i++)
		keep[r[i].i] = true;
	for (i = k = 0; i < n; i++) {
		if (keep[i])
			v[k++] = v[i];
		else
			text_free(v[i].text);
	}
	free(r);
	free(keep);
	return k;
}

/* --- the archive --------------------------------------------------- */

/* s percent-encoded for a query string, appended to buf. */
static void
query_escape(const char *s, char *buf, size_t size)
{
	size_t n = strlen(buf);

	for (; *s != '\0' && n + 4 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c) != NULL)
			buf[n++] = (char)c;
		else
			n += (size_t)snprintf(buf + n, size - n, "%%%02X", c);
	}
	buf[n] = '\0';
}

/*
 * Whether the 14-digit stamp falls within from and to (archive stamps
 * of up to 14 digits, "" for no bound; to includes all its period).
 */
static bool
in_range(const char *stamp, const char *from, const char *to)
{
	size_t n = strlen(to);

	if (from[0] != '\0' && strncmp(stamp, from, strlen(from)) < 0)
		return false;
	return n == 0 || strncmp(stamp, to, n) <= 0;
}

/* The reason part of a "URL: reason" message. */
static const char *
reason_of(const char *msg, const char *url)
{
	size_t n = strlen(url);

	if (strncmp(msg, url, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
		return msg + n + 2;
	return msg;
}

int
wayback_open(const char *url, const struct sources_opts *so,
	     struct version_list *list)
{
	const char *base = so->archive_base ? so->archive_base : SOURCES_ARCHIVE_URL;
	size_t blen = strlen(base), i, k, nfetch, first = list->n, listed;
	char cdxurl[8600], date[32], name[4300];
	struct page cdxp = { 0 }, *pages;
	struct capture_list l = { 0 };
	const char *why = NULL;
	unsigned max = so->max ? so->max : SOURCES_DEFAULT_MAX;
	struct text *prev = NULL;

	while (blen > 0 && base[blen - 1] == '/')
		blen--;
	snprintf(cdxurl, sizeof cdxurl, "%.*s/cdx/search/cdx?url=", (int)blen,
		 base);
	query_escape(url, cdxurl, sizeof cdxurl);
	snprintf(cdxurl + strlen(cdxurl), sizeof cdxurl - strlen(cdxurl),
		 "&output=json&fl=timestamp,original,statuscode,digest,mimetype"
		 "&collapse=digest&filter=statuscode:200");

	/* The list of captures. */
	cdxp.url = cdxurl;
	cdxp.live = true;
	if (so->progress != NULL)
		so->progress(so->progress_arg, "listing captures", 0, 1);
	if (sources_get_pages(&cdxp, 1, so) != 0) {
		sources_note(list, "%s: the archive's list of captures: %s",
			     url, reason_of(cdxp.err.msg, cdxurl));
		return -1;
	}
	if (wayback_parse(cdxp.e.body, cdxp.e.len, &l, &why) != 0) {
		sources_note(list, "%s: the archive's list of captures is "
			     "malformed (%s)", url, why);
		if (so->cache_dir != NULL)
			cache_remove(so->cache_dir, cdxurl, NULL);
		sources_page_clear(&cdxp);
		return -1;
	}
	sources_page_clear(&cdxp);
	/*
	 * Only web pages, the rest would not read as articles; only those
	 * within --from and --to (checked here, so that one cached list
	 * serves every range offline).
	 */
	listed = l.n;
	for (i = k = 0; i < l.n; i++) {
		if (!in_range(l.c[i].stamp, so->from, so->to)) {
			listed--;
		} else if (l.c[i].mime == NULL ||
			   strstr(l.c[i].mime, "html") != NULL) {
			l.c[k++] = l.c[i];
			continue;
		}
		free(l.c[i].stamp);
		free(l.c[i].original);
		free(l.c[i].mime);
	}
	l.n = k;
	if (l.n == 0 && listed > 0) {
		sources_note(list, "%s: none of the archive's captures of this "
			     "page is a web page", url);
		wayback_list_clear(&l);
		return -1;
	}
	if (l.n == 0) {
		sources_note(list, "%s: the archive has no captures of this "
			     "page%s%s%s%s", url,
			     so->from[0] ? " from " : "", so->from,
			     so->to[0] ? " to " : "", so->to);
		wayback_list_clear(&l);
		return -1;
	}

	/* Fetch them (thinned when there are very many). */
	nfetch = l.n < SOURCES_MAX_CAPTURES ? l.n : SOURCES_MAX_CAPTURES;
	pages = xcalloc(nfetch, sizeof *pages);
	for (i = 0; i < nfetch; i++) {
		size_t c = nfetch == l.n ? i :
			(i * (l.n - 1) + (nfetch - 1) / 2) / (nfetch - 1);
		size_t ulen = blen + strlen(l.c[c].stamp) +
			strlen(l.c[c].original) + 16;
		char *u = xmalloc(ulen);

		snprintf(u, ulen, "%.*s/web/%sid_/%s", (int)blen, base,
			 l.c[c].stamp, l.c[c].original);
		pages[i].url = u;
		pages[i].key = l.c[c].original;
		pages[i].capture = l.c[c].stamp;
	}
	if (so->progress != NULL)
		so->progress(so->progress_arg, "fetching captures", 0, nfetch);
	sources_get_pages(pages, nfetch, so);

	/* Their texts, identical neighbours dropped. */
	for (i = 0; i < nfetch; i++) {
		struct page *p = &pages[i];
		struct vs_error err;
		struct text *t;
		time_t when = 0;

		dates_parse_stamp(p->capture, &when);
		dates_format(when, date, sizeof date);
		snprintf(name, sizeof name, "%s @ %s", url, date);
		if (!p->ok) {
			sources_note(list, "%s: capture of %s: %s", url, date,
				     reason_of(p->err.msg, p->url));
			goto next;
		}
		t = sources_page_text(name, p->e.body, p->e.len,
				      p->e.content_type, &so->text, &err);
		if (t == NULL) {
			sources_note(list, "%s: capture of %s: %s", url, date,
				     reason_of(err.msg, name));
			goto next;
		}
		if (prev != NULL && prev->len == t->len &&
		    memcmp(prev->data, t->data, t->len) == 0) {
			text_free(t);	/* the same article text */
			goto next;
		}
		sources_push(list, t, when, "capture", "archive");
		prev = t;
next:
		free((char *)p->url);
		sources_page_clear(p);
	}
	free(pages);
	wayback_list_clear(&l);
	list->n = first + choose(list->v + first, list->n - first, max);
	return list->n > first ? 0 : -1;
}
