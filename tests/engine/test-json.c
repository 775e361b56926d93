/*
 * test-json.c — the strict JSON parser of tests/fuzz/jsonparse.c (valid
 * texts accepted, invalid ones refused, strings decoded exactly), and
 * output_json checked with it: escaping of hostile paths and texts, and
 * ops tiling the files, over inputs chosen to be awkward (invalid UTF-8,
 * control characters, a file that is only a byte order mark, UTF-16).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "doc.h"
#include "equiv.h"
#include "fuzz/checks.h"
#include "fuzz/jsonparse.h"
#include "cmpkeys.h"
#include "output.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"

/* --- the parser -------------------------------------------------------- */

static const char *const valid[] = {
	"{}",
	"[]",
	"0",
	"-0",
	"-1.5e+10",
	"1E5",
	"3.25",
	" \t\r\n[1] \n",
	"\"\"",
	"\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
	"\"caf\xc3\xa9 \xe6\x9d\xb1 \xf0\x9f\x98\x80\"",
	"\"\\u00e9\\ud83d\\ude00\"",
	"{\"a\":[1,2,{\"b\":null}],\"c\":true,\"d\":false}",
	"{\"\":\"\"}",
	"[[[[[]]]]]",
	"null",
	"\"\x7f\xc2\x80\"",	/* DEL and C1 are allowed raw by RFC 8259 */
};

static const char *const invalid[] = {
	"",
	" ",
	"{",
	"[1,]",
	"{\"a\":1,}",
	"01",
	"+1",
	"1.",
	".5",
	"1e",
	"-",
	"NaN",
	"tru",
	"'a'",
	"{a:1}",
	"[1 2]",
	"[1] x",
	"\"abc",
	"\"\\q\"",
	"\"\\u12\"",
	"\"\\ud800\"",
	"\"\\udc00\"",
	"\"\\ud800\\u0041\"",
	"\"\x01\"",
	"\"\t\"",
	"\"\xc0\xaf\"",		/* overlong */
	"\"\xed\xa0\x80\"",	/* an encoded surrogate */
	"\"\xf4\x90\x80\x80\"",	/* above U+10FFFF */
	"\"\xe2\x82\"",		/* truncated */
	"\"\xff\"",
	"\xef\xbb\xbf{}",	/* a byte order mark */
	"{\"a\":1,\"a\":2}",	/* duplicate names, refused here */
	"[1]\v",
};

/* s with bytes outside printable ASCII as \xHH, for test names. */
static const char *
vis(const char *s, size_t n)
{
	static char buf[256];
	size_t i, o = 0;

	for (i = 0; i < n && o + 5 < sizeof buf; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f)
			buf[o++] = (char)c;
		else
			o += (size_t)snprintf(buf + o, sizeof buf - o,
					      "\\x%02x", c);
	}
	buf[o] = '\0';
	return buf;
}

static void
test_parser(void)
{
	char err[200], deep[700];
	struct json *j;
	const struct json *v;
	size_t k;

	for (k = 0; k < sizeof valid / sizeof valid[0]; k++) {
		j = json_parse(valid[k], strlen(valid[k]), err, sizeof err);
		if (!ok(j != NULL, "valid: %s", vis(valid[k],
						       strlen(valid[k]))))
			printf("#   %s\n", err);
		json_free(j);
	}
	for (k = 0; k < sizeof invalid / sizeof invalid[0]; k++)
		ok(!json_valid(invalid[k], strlen(invalid[k])),
		   "invalid: %s", vis(invalid[k], strlen(invalid[k])));
	ok(!json_valid("[1]\0", 4), "invalid: NUL after the value");
	ok(!json_valid("\"a\0b\"", 5), "invalid: raw NUL in a string");

	/* Nesting: JSON_MAX_DEPTH levels are fine, deeper is refused. */
	memset(deep, '[', 300);
	memset(deep + 300, ']', 300);
	ok(!json_valid(deep, 600), "300 levels refused");
	ok(json_valid(deep + 300 - 200, 400), "200 levels accepted");

	/* Decoding. */
	j = json_parse("{\"s\":\"a\\u00e9\\ud83d\\ude00\\n\\u0000z\","
		       "\"n\":-42,\"f\":0.5,\"big\":123456789012345678901}",
		       strlen("{\"s\":\"a\\u00e9\\ud83d\\ude00\\n\\u0000z\","
			      "\"n\":-42,\"f\":0.5,\"big\":"
			      "123456789012345678901}"), err, sizeof err);
	ok(j != NULL && j->type == JSON_OBJECT && j->n == 4, "object parsed");
	v = json_get(j, "s");
	ok(v != NULL && v->type == JSON_STRING && v->len == 10 &&
	   memcmp(v->str, "a\xc3\xa9\xf0\x9f\x98\x80\n\0z", 10) == 0,
	   "escapes decoded to UTF-8, NUL kept");
	v = json_get(j, "n");
	ok(v != NULL && v->is_int && v->ival == -42, "integer");
	v = json_get(j, "f");
	ok(v != NULL && !v->is_int && v->num == 0.5, "fraction");
	v = json_get(j, "big");
	ok(v != NULL && !v->is_int && v->num > 1e20, "too big for an integer");
	ok(json_get(j, "missing") == NULL, "json_get of a missing name");
	json_free(j);
	j = json_parse("[1,", 3, err, sizeof err);
	is_str(err, "offset 3: expected a value", "error message with offset");
	json_free(j);
}

/* --- output_json ------------------------------------------------------- */

struct version {
	const char *path;
	const char *bytes;
	size_t len;
};

/* A version from a string literal, which may hold NUL bytes. */
#define V(path, lit) { path, lit, sizeof lit - 1 }

/* output_json of versions v[0..n-1], each against v[0], into *out. */
static size_t
json_of(const struct version *v, size_t n, char **out)
{
	struct text_opts to = { .allow_binary = true };
	struct cmpkeys *k = cmpkeys_new(NULL, NULL);
	struct text *t[4];
	struct doc *d[4];
	struct comparison cmp[4];
	size_t i, len = 0;
	FILE *f = open_memstream(out, &len);

	for (i = 0; i < n; i++) {
		t[i] = text_from_bytes(v[i].path, v[i].bytes, v[i].len, &to,
				       NULL);
		d[i] = doc_build(t[i]);
		cmpkeys_classify(k, d[i]);
	}
	for (i = 1; i < n; i++) {
		cmp[i - 1] = (struct comparison){ .a = 0, .b = i, .al =
			align_build(d[0], d[i], NULL) };
		cmp[i - 1].similarity = cmp[i - 1].al->stats.similarity;
	}
	output_json(f, t, d, n, cmp, n - 1);
	fclose(f);
	for (i = 1; i < n; i++)
		align_free((struct alignment *)cmp[i - 1].al);
	for (i = 0; i < n; i++) {
		doc_free(d[i]);
		text_free(t[i]);
	}
	cmpkeys_free(k);
	return len;
}

/* The ops of comparison c tile [0, alen) and [0, blen). */
static int
tiles(const struct json *j, size_t c, size_t alen, size_t blen)
{
	const struct json *cs = json_get(j, "comparisons"), *ops;
	size_t pos[2] = { 0, 0 }, k, s;

	if (cs == NULL || cs->type != JSON_ARRAY || c >= cs->n)
		return 0;
	ops = json_get(&cs->item[c], "ops");
	if (ops == NULL || ops->type != JSON_ARRAY)
		return 0;
	for (k = 0; k < ops->n; k++)
		for (s = 0; s < 2; s++) {
			const struct json *r = json_get(&ops->item[k],
							s ? "b" : "a");

			if (r == NULL)
				continue;
			if (r->type != JSON_ARRAY || r->n != 2 ||
			    r->item[0].ival != (long long)pos[s] ||
			    r->item[1].ival < r->item[0].ival)
				return 0;
			pos[s] = (size_t)r->item[1].ival;
		}
	return pos[0] == alen && pos[1] == blen;
}

static void
test_output(void)
{
	static const struct version hostile[] = {
		V("a\x1b]0;pwned\x07.txt", "Plain words here.\n"),
		V("b\xff\xc3(\"\\\xe2\x80\xae\xc2\x85\x7f.txt",
		  "Plain \x1b[2Jwords \xc3 here\x01.\n\n\xe2\x80\xa8next\n"),
		V("c.txt", "\xef\xbb\xbf"),
		V("d.txt", ""),
	};
	static const struct version utf16[] = {
		V("le.txt", "\xff\xfeH\0i\0.\0\n\0"),
		V("le2.txt", "\xff\xfeH\0o\0.\0\n\0"),
	};
	static const struct version crlf[] = {
		V("crlf.txt", "One line\r\n\r\nTwo \xe2\x80\x94 lines\r\n"),
		V("lf.txt", "One line\n\nTwo - lines\n"),
	};
	char *out = NULL, err[200];
	struct json *j;
	const struct json *vs;
	size_t len;

	len = json_of(hostile, 4, &out);
	j = json_parse(out, len, err, sizeof err);
	if (!ok(j != NULL, "hostile paths and text: valid JSON"))
		printf("#   %s\n", err);
	ok(strstr(out, "\"a\\u001b]0;pwned\\u0007.txt\"") != NULL,
	   "control characters in a path are \\u escapes");
	ok(strstr(out, "\"b\\ufffd\\ufffd(\\\"\\\\\xe2\x80\xae\\u0085"
		      "\\u007f.txt\"") != NULL,
	   "invalid bytes, quote, backslash, C1 and DEL in a path");
	vs = json_get(j, "versions");
	ok(vs != NULL && vs->n == 4 &&
	   json_get(&vs->item[1], "invalid_bytes")->ival == 1 &&
	   json_get(&vs->item[2], "bytes")->ival == 3,
	   "invalid bytes and sizes reported");
	ok(tiles(j, 0, 18, 34), "ops tile a text with controls");
	ok(tiles(j, 1, 18, 3), "ops tile a file that is only a BOM");
	ok(tiles(j, 2, 18, 0), "ops tile an empty file");
	json_free(j);
	free(out);
	out = NULL;

	len = json_of(utf16, 2, &out);
	j = json_parse(out, len, err, sizeof err);
	ok(j != NULL && tiles(j, 0, 10, 10), "UTF-16: valid, ops tile the "
	   "files in file offsets");
	json_free(j);
	free(out);
	out = NULL;

	len = json_of(crlf, 2, &out);
	j = json_parse(out, len, err, sizeof err);
	ok(j != NULL && tiles(j, 0, 27, 22), "CRLF against LF");
	json_free(j);
	free(out);
	out = NULL;

	len = json_of(hostile + 2, 2, &out);
	j = json_parse(out, len, err, sizeof err);
	ok(j != NULL && tiles(j, 0, 3, 0), "BOM-only against empty");
	json_free(j);
	free(out);
}

/* The json fuzzer's own checks on a few inputs (layout in checks.h). */
static void
test_fuzz_json(void)
{
	static const struct version cases[] = {
		V("two texts", "\0\0\0One two three.\xffOne two four."),
		V("named with escapes", "\0\0\0A.\n\xff" "B.\n\xff"
		  "n\x1b\xc3\x22.txt"),
		V("binary allowed", "\1\0\0a\0b\xff" "a\0c"),
		V("BOMs", "\0\0\0\xef\xbb\xbf\xff\xef\xbb\xbfX"),
		V("UTF-16", "\x0c\0\0H\0i\0\xff" "H\0o\0"),
		V("strict, ignore case and punctuation", "\x70\0\0\"A,\" b."
		  "\xff" "a B!"),
	};
	size_t k;

	for (k = 0; k < sizeof cases / sizeof cases[0]; k++)
		if (!ok(fuzz_json_one((const uint8_t *)cases[k].bytes,
				      cases[k].len) == 0, "fuzz_json_one: %s",
			cases[k].path))
			printf("#   %s\n", fuzz_failure());
}

int
main(void)
{
	test_parser();
	test_output();
	test_fuzz_json();
	return done_testing();
}
