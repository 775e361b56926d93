/*
 * test-source.c — where each paragraph of a page is in the page's bytes:
 * for every paragraph extracted from every test page, the range from
 * text_orig_offset() of its start to text_orig_end() of its end holds
 * the paragraph's words in order, begins with its first character and
 * ends with its last, and ranges of successive paragraphs never overlap
 * (the source view shows exactly that range).
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "tap.h"
#include "text.h"

static int
alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z');
}

/*
 * Why raw[rs, re) does not hold data[s, e), or NULL: every run of ASCII
 * letters and digits of the text must be found in the range, in order
 * (other characters may be entities or another charset in the page).
 */
static const char *
holds(const struct text *t, size_t s, size_t e, size_t rs, size_t re)
{
	const unsigned char *d = t->data, *raw = t->raw;
	size_t at = rs, i = s, j, n;

	if (rs > re || re > t->raw_len)
		return "range out of order or past the page";
	if (alnum(d[s]) && raw[rs] != d[s])
		return "does not begin with the first character";
	if (alnum(d[e - 1]) && raw[re - 1] != d[e - 1])
		return "does not end with the last character";
	while (i < e) {
		if (!alnum(d[i])) {
			i++;
			continue;
		}
		for (n = 0; i + n < e && alnum(d[i + n]); n++)
			;
		for (j = at; j + n <= re; j++)
			if (memcmp(raw + j, d + i, n) == 0)
				break;
		if (j + n > re)
			return "a word is missing from the range";
		at = j + n;
		i += n;
	}
	return NULL;
}

static size_t
check_page(const char *path, size_t *npara)
{
	struct text_opts o = { NULL, false, TEXT_FORMAT_AUTO };
	struct vs_error err;
	struct text *t = text_load(path, &o, &err);
	struct doc *d;
	size_t p, rs, re, prev_end = 0, bad = 0;
	const char *why;

	if (t == NULL) {
		printf("# %s: %s\n", path, err.msg);
		return 1;
	}
	d = doc_build(t);
	for (p = 0; p < d->npara; p++) {
		rs = text_orig_offset(t, d->para[p].start);
		re = text_orig_end(t, d->para[p].end);
		why = holds(t, d->para[p].start, d->para[p].end, rs, re);
		if (why == NULL && rs < prev_end)
			why = "overlaps the paragraph before";
		if (why != NULL) {
			printf("# %s ¶%zu, bytes %zu-%zu: %s\n", path, p + 1,
			    rs, re, why);
			bad++;
		}
		prev_end = re;
	}
	*npara += d->npara;
	doc_free(d);
	text_free(t);
	return bad;
}

/* Every .html page in srcdir/tests/DIR. */
static size_t
check_dir(const char *dir, size_t *npages, size_t *npara)
{
	const char *src = getenv("srcdir");
	char path[2048];
	struct dirent *e;
	size_t bad = 0, n;
	DIR *dp;

	snprintf(path, sizeof path, "%s/tests/%s", src ? src : ".", dir);
	dp = opendir(path);
	if (dp == NULL) {
		printf("# cannot read %s\n", path);
		return 1;
	}
	while ((e = readdir(dp)) != NULL) {
		n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".html") != 0)
			continue;
		snprintf(path, sizeof path, "%s/tests/%s/%s",
		    src ? src : ".", dir, e->d_name);
		bad += check_page(path, npara);
		(*npages)++;
	}
	closedir(dp);
	return bad;
}

int
main(void)
{
	size_t npages = 0, npara = 0, bad;
	const char *src = getenv("srcdir");
	char path[2048];
	struct text_opts o = { NULL, false, TEXT_FORMAT_AUTO };
	struct vs_error err;
	struct text *t;

	bad = check_dir("html", &npages, &npara) +
	    check_dir("html/extract", &npages, &npara);
	ok(npages >= 20 && npara >= 100, "the test pages are read (%zu "
	    "pages, %zu paragraphs)", npages, npara);
	is_int(bad, 0, "each paragraph's source range holds its words, and "
	    "no two overlap");

	/* The page of issue 16: a script in the head, a nav, a headline. */
	snprintf(path, sizeof path, "%s/tests/html/source.html",
	    src ? src : ".");
	t = text_load(path, &o, &err);
	if (t == NULL) {
		printf("Bail out! %s\n", err.msg);
		return 1;
	}
	ok(t->len > 46 && memcmp(t->data, "Harbour bridge reopens after a "
	    "year of repairs", 46) == 0 &&
	    text_orig_end(t, 46) - text_orig_offset(t, 0) == 46 &&
	    memcmp(t->raw + text_orig_offset(t, 0), "Harbour bridge", 14) ==
	    0, "the headline is exactly the text inside <h1>");
	text_free(t);
	return done_testing();
}
