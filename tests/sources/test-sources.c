/*
 * test-sources.c — unit tests of sources/ that need no network: dates,
 * Content-Type parameters, a fetched page's decoding, the CDX parser (with
 * every prefix and many corruptions of a good answer), and the cache
 * (a round trip, a write cut short that leaves the old entry whole, and
 * every truncation or flipped byte of an entry read as missing or damaged,
 * never as another page).
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "dates.h"
#include "dirlist.h"
#include "fetch.h"
#include "sources.h"
#include "tap.h"
#include "xalloc.h"

static void
test_dates(void)
{
	time_t t = 0;
	const char *src = NULL;
	char buf[32];
	static const char page[] =
		"<html><head><meta property=\"article:published_time\" "
		"content=\"2024-03-01T08:00:00Z\">"
		"<meta content=\"2024-03-02T10:15:00+01:00\" "
		"property=\"article:modified_time\"></head><body>"
		"<time datetime=\"2020-01-01\">then</time></body></html>";
	static const char jsonld[] =
		"<script type=\"application/ld+json\">{\"datePublished\": "
		"\"2023-05-06\", \"dateModified\" : \"2023-05-07T01:02:03Z\"}"
		"</script>";
	static const char timeonly[] = "<p><time class=x datetime='2022-02-02T02:02Z'>";

	ok(dates_parse_iso("2024-03-01T09:30:00Z", 20, &t) && t == 1709285400,
	   "ISO 8601 with Z");
	ok(dates_parse_iso("2024-03-01T10:30:00+01:00", 25, &t) && t == 1709285400,
	   "ISO 8601 with an offset is UTC");
	ok(dates_parse_iso("2024-03-01T04:30:00.123-0500", 28, &t) && t == 1709285400,
	   "fractions and a -HHMM offset");
	ok(dates_parse_iso("2024-03-01", 10, &t) && t == 1709251200, "a date alone");
	ok(!dates_parse_iso("2024-13-01", 10, &t), "month 13 is refused");
	ok(!dates_parse_iso("2024-03-01T25:00", 16, &t), "hour 25 is refused");
	ok(!dates_parse_iso("yesterday", 9, &t), "a word is refused");
	ok(!dates_parse_iso("2024-03-01Tjunk", 15, &t), "trailing junk is refused");

	ok(dates_from_page((const unsigned char *)page, sizeof page - 1, &t, &src) &&
	   t == 1709370900 && strcmp(src, "article:modified_time") == 0,
	   "article:modified_time wins, whatever the attribute order");
	ok(dates_from_page((const unsigned char *)jsonld, sizeof jsonld - 1, &t, &src) &&
	   strcmp(src, "dateModified") == 0 && t == 1683421323,
	   "JSON-LD dateModified before datePublished");
	ok(dates_from_page((const unsigned char *)timeonly, sizeof timeonly - 1, &t, &src) &&
	   strcmp(src, "<time>") == 0, "<time datetime> last");
	ok(!dates_from_page((const unsigned char *)"<p>no date</p>", 14, &t, &src),
	   "a page without a date");

	ok(dates_option_stamp("2024-01-02", buf, sizeof buf) &&
	   strcmp(buf, "20240102") == 0, "--from 2024-01-02");
	ok(dates_option_stamp("2024", buf, sizeof buf) && strcmp(buf, "2024") == 0,
	   "--from 2024");
	ok(!dates_option_stamp("2024-1", buf, sizeof buf), "--from 2024-1 is refused");
	ok(!dates_option_stamp("2024-02-30", buf, sizeof buf) ||
	   strcmp(buf, "20240230") == 0, "--from 2024-02-30 does not crash");
	ok(dates_parse_stamp("20240102030405", &t) && t == 1704164645,
	   "a 14-digit capture stamp");
	ok(!dates_parse_stamp("2024010203040a", &t), "a stamp with a letter");
	ok(dates_parse_http("Fri, 01 Mar 2024 09:30:00 GMT", &t) && t == 1709285400,
	   "an HTTP date");
	ok(!dates_parse_http("Fri, 01 Mar 2024 09:30:00 GMT junk", &t) &&
	   !dates_parse_http(NULL, &t), "not an HTTP date");
	dates_format(1709285400, buf, sizeof buf);
	is_str(buf, "2024-03-01 09:30", "dates are written as UTC minutes");
}

static void
test_content_type(void)
{
	char cs[32];

	ok(fetch_charset("text/html; charset=\"ISO-8859-1\"", cs, sizeof cs) &&
	   strcmp(cs, "ISO-8859-1") == 0, "a quoted charset");
	ok(fetch_charset("text/html;CHARSET=utf-8;q=1", cs, sizeof cs) &&
	   strcmp(cs, "utf-8") == 0, "a charset among parameters, any case");
	ok(!fetch_charset("text/html", cs, sizeof cs), "no charset");
	ok(!fetch_charset("text/html; charset=", cs, sizeof cs), "an empty charset");
	ok(fetch_is_html("Text/HTML; charset=utf-8"), "text/html in any case");
	ok(fetch_is_html("application/xhtml+xml"), "xhtml");
	ok(!fetch_is_html("text/plain"), "text/plain is not HTML");
}

static void
test_page_text(void)
{
	struct text_opts o = { 0 };
	struct vs_error err;
	struct text *t;
	static const char latin1[] = "<html><head><meta charset=\"utf-8\"></head>"
		"<body><p>caf\xe9</p></body></html>";

	t = sources_page_text("u", (const unsigned char *)latin1, sizeof latin1 - 1,
			      "text/html; charset=iso-8859-1", &o, &err);
	ok(t != NULL && t->len >= 5 && memcmp(t->data, "caf\xc3\xa9", 5) == 0,
	   "the header's charset wins over <meta>");
	text_free(t);
	t = sources_page_text("u", (const unsigned char *)latin1, sizeof latin1 - 1,
			      "text/html; charset=x-nothing", &o, &err);
	ok(t != NULL && strcmp(t->encoding, "UTF-8") == 0,
	   "an unknown header charset yields to <meta>");
	if (t != NULL && strcmp(t->encoding, "UTF-8") != 0)
		printf("#   read as %s\n", t->encoding);
	text_free(t);
	t = sources_page_text("u", (const unsigned char *)"\x89PNG", 4, "image/png",
			      &o, &err);
	ok(t == NULL, "an image is refused");
	is_str(err.msg, "u: not a web page (image/png)", "... with its type");
	t = sources_page_text("u", (const unsigned char *)"plain <b>text</b>", 17,
			      "text/plain", &o, &err);
	ok(t != NULL && t->len == 17, "text/plain is read as text, tags and all");
	text_free(t);
}

static const char cdx_good[] =
	"[[\"timestamp\",\"original\",\"statuscode\",\"digest\",\"mimetype\"],\n"
	"[\"20240101080000\",\"http://example.com/a\",\"200\",\"D1\",\"text/html\"],\n"
	"[\"20240102080000\",\"http://example.com/a\",\"404\",\"D2\",\"text/html\"],\n"
	"[\"20240103080000\",\"http://example.com/\\u00e9\",\"200\",\"D3\",\"text/html\"]]\n";

static void
test_cdx(void)
{
	struct capture_list l = { 0 };
	const char *why = NULL;
	size_t n, i, bad = 0, more = 0;
	unsigned char *buf;

	ok(wayback_parse((const unsigned char *)cdx_good, sizeof cdx_good - 1,
			 &l, &why) == 0 && l.n == 2, "a CDX answer: the 200s kept");
	ok(l.n == 2 && strcmp(l.c[1].original, "http://example.com/\xc3\xa9") == 0,
	   "\\u escapes are decoded");
	wayback_list_clear(&l);
	ok(wayback_parse((const unsigned char *)"", 0, &l, &why) == 0 && l.n == 0,
	   "an empty answer: no captures");
	ok(wayback_parse((const unsigned char *)" [] ", 4, &l, &why) == 0 && l.n == 0,
	   "[]: no captures");
	ok(wayback_parse((const unsigned char *)"{\"a\":1}", 7, &l, &why) < 0 &&
	   l.n == 0 && why != NULL, "an object is refused with a reason");
	ok(wayback_parse((const unsigned char *)"[[\"a\",\"b\"],[\"1\",\"2\"]]", 21,
			 &l, &why) < 0, "a header without timestamp is refused");
	ok(wayback_parse((const unsigned char *)
			 "[[\"timestamp\",\"original\"],[\"yesterday\",\"x\"]]", 43,
			 &l, &why) < 0, "a timestamp that is no date is refused");

	/* Every prefix parses or fails cleanly, never with more captures. */
	n = sizeof cdx_good - 1;
	for (i = 0; i < n; i++) {
		int r = wayback_parse((const unsigned char *)cdx_good, i, &l, &why);

		if (r == 0 && i > 0 && i < n - 1)	/* all but the last \n */
			bad++;
		if (l.n > 2)
			more++;
		wayback_list_clear(&l);
	}
	ok(bad == 0, "no cut answer is taken for a whole one");
	ok(more == 0, "no prefix gives more captures");
	/* Every byte replaced by each of a few troublesome ones. */
	buf = xmalloc(n);
	bad = 0;
	for (i = 0; i < n; i++) {
		static const char subst[] = { '"', '[', ']', ',', '\\', '\0', '\n', 'x' };

		for (size_t k = 0; k < sizeof subst; k++) {
			memcpy(buf, cdx_good, n);
			buf[i] = (unsigned char)subst[k];
			if (wayback_parse(buf, n, &l, &why) < 0 && l.n != 0)
				bad++;
			wayback_list_clear(&l);
		}
	}
	ok(bad == 0, "corrupted answers fail with an empty list or parse");
	free(buf);
}

static void
test_cache(void)
{
	char dir[] = "/tmp/versus-cache-XXXXXX", sub[64], path[256], name[128], *raw;
	struct cache_entry e = { 0 }, g;
	struct vs_error err;
	unsigned char body[] = "<p>The bridge</p>\n";
	FILE *f;
	size_t len, i, wrong = 0, hits = 0;
	long sz;

	if (mkdtemp(dir) == NULL) {
		ok(0, "a scratch folder");
		return;
	}
	snprintf(sub, sizeof sub, "%s/deep/versus", dir);
	e.url = xstrdup("http://example.com/a");
	e.content_type = xstrdup("text/html; charset=utf-8");
	e.etag = xstrdup("\"v1\"");
	e.body = xmalloc(sizeof body);
	memcpy(e.body, body, sizeof body);
	e.len = sizeof body - 1;
	ok(cache_put(sub, &e, &err) == 0, "an entry is written, its folders made");
	ok(cache_get(sub, "http://example.com/a", NULL, &g) == CACHE_HIT &&
	   g.len == e.len && memcmp(g.body, body, g.len) == 0 &&
	   strcmp(g.etag, "\"v1\"") == 0 && g.capture == NULL,
	   "... and read back whole");
	cache_entry_clear(&g);
	ok(cache_get(sub, "http://example.com/a", "20240101000000", &g) == CACHE_MISS,
	   "a capture of the same URL is another entry");
	ok(cache_get(sub, "http://example.com/b", NULL, &g) == CACHE_MISS,
	   "another URL misses");

	/*
	 * A write cut short (a full disk, as a file size limit): an error,
	 * the old entry whole, no temporary file left.
	 */
	{
		struct cache_entry big = { 0 };
		struct rlimit rl, small;
		int rc;

		big.url = xstrdup("http://example.com/a");
		big.len = 4096;
		big.body = xcalloc(big.len + 1, 1);
		memset(big.body, 'x', big.len);
		if (getrlimit(RLIMIT_FSIZE, &rl) == 0) {
			signal(SIGXFSZ, SIG_IGN);
			small = rl;
			small.rlim_cur = 1024;
			setrlimit(RLIMIT_FSIZE, &small);
			rc = cache_put(sub, &big, &err);
			setrlimit(RLIMIT_FSIZE, &rl);
			signal(SIGXFSZ, SIG_DFL);
			ok(rc < 0 && strstr(err.msg, strerror(EFBIG)) != NULL,
			   "a write cut short fails: %s", err.msg);
		} else {
			skip("getrlimit");
		}
		cache_entry_clear(&big);
		ok(cache_get(sub, "http://example.com/a", NULL, &g) == CACHE_HIT &&
		   g.len == e.len && memcmp(g.body, body, g.len) == 0,
		   "... the old entry reads back whole");
		cache_entry_clear(&g);
		ok(dir_count(sub) == 1, "... and no temporary file is left");
	}

	/* The entry's file: the only one in the folder. */
	snprintf(path, sizeof path, "ls %s", sub);
	f = popen(path, "r");
	if (f == NULL || fscanf(f, "%127s", name) != 1) {
		ok(0, "the entry's file");
		if (f)
			pclose(f);
		return;
	}
	pclose(f);
	snprintf(path, sizeof path, "%s/%s", sub, name);
	f = fopen(path, "rb");
	fseek(f, 0, SEEK_END);
	sz = ftell(f);
	rewind(f);
	raw = xmalloc((size_t)sz);
	len = fread(raw, 1, (size_t)sz, f);
	fclose(f);

	/* Every truncation and every flipped byte: never another page. */
	for (i = 0; i <= len; i++) {
		for (int flip = 0; flip < 2; flip++) {
			size_t n = flip ? len : i;

			if (flip && i == len)
				continue;
			f = fopen(path, "wb");
			fwrite(raw, 1, n, f);
			if (flip) {
				fseek(f, (long)i, SEEK_SET);
				fputc(raw[i] ^ 0x20, f);
			}
			fclose(f);
			if (cache_get(sub, "http://example.com/a", NULL, &g) == CACHE_HIT) {
				hits++;
				if (g.len != e.len || memcmp(g.body, body, g.len) != 0)
					wrong++;
			}
			cache_entry_clear(&g);
		}
	}
	ok(wrong == 0, "no damaged entry reads as another page (%zu of %zu "
	   "damages still read, in the header's times and types)", hits, 2 * len);
	free(raw);

	/* A folder that cannot be made: an error naming the URL. */
	ok(cache_put("/proc/versus-cannot", &e, &err) < 0 &&
	   strncmp(err.msg, "http://example.com/a: cannot write the cache in ", 48) == 0,
	   "an unwritable cache is an error naming the URL");
	cache_entry_clear(&e);
	snprintf(path, sizeof path, "rm -rf %s", dir);
	ok(system(path) == 0, "clean up");
}

int
main(void)
{
	test_dates();
	test_content_type();
	test_page_text();
	test_cdx();
	test_cache();
	return done_testing();
}
