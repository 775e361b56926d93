/*
 * jsonparse.h — a small strict JSON (RFC 8259) parser for the tests and
 * fuzzers, so that `versus --json` output is checked by code that shares
 * nothing with the engine that wrote it.
 *
 * Strict means: the grammar of RFC 8259 exactly (no comments, no trailing
 * commas, no leading zeros or "+" in numbers, no NaN, white space only
 * space, tab, LF and CR), the text is well-formed UTF-8 (no byte order
 * mark, no overlong forms, no encoded surrogates, nothing above
 * U+10FFFF), no raw control characters (U+0000..U+001F) in strings,
 * \u escapes of surrogates only as a high-low pair, and, stricter than
 * the RFC's SHOULD, no duplicate names in an object.  Nesting deeper than
 * JSON_MAX_DEPTH is refused rather than risking the stack.
 *
 * The result is a small tree: strings are decoded (escapes resolved) and
 * may hold NUL bytes, so they carry a length.
 */
#ifndef VERSUS_JSONPARSE_H
#define VERSUS_JSONPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH	256

enum json_type {
	JSON_NULL,
	JSON_FALSE,
	JSON_TRUE,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json {
	enum json_type type;
	/* JSON_NUMBER: the value; is_int for an integer that fits ival */
	double num;
	bool is_int;
	long long ival;
	/* JSON_STRING: decoded UTF-8, NUL-terminated, len bytes */
	char *str;
	size_t len;
	/* JSON_ARRAY and JSON_OBJECT: n items; objects also have names */
	struct json *item;
	char **key;
	size_t *keylen;
	size_t n;
};

/*
 * Parse buf[0 .. len-1] as one JSON text.  Returns a tree to free with
 * json_free(), or NULL with a message ("offset N: what") in err (errlen
 * bytes; err may be NULL).
 */
struct json *json_parse(const char *buf, size_t len, char *err,
			size_t errlen);

void json_free(struct json *j);

/* The member `name` of object j, or NULL (also when j is not an object). */
const struct json *json_get(const struct json *j, const char *name);

/* Whether buf[0 .. len-1] is valid JSON by the rules above. */
bool json_valid(const char *buf, size_t len);

/*
 * Length of the well-formed UTF-8 character at s[0 .. n-1] (n > 0), its
 * code point in *uc; 0 when s does not start with one.  The same strict
 * rules as the parser; the fuzz checks use it too.
 */
size_t json_utf8_char(const unsigned char *s, size_t n, uint32_t *uc);

#endif
