/*
 * jsonparse.c — a strict RFC 8259 JSON parser for the tests (jsonparse.h).
 *
 * Recursive descent over a byte buffer that need not be NUL-terminated.
 * UTF-8 is checked here by hand, from the table of well-formed byte
 * sequences in Unicode chapter 3 (table 3-7), not with libunistring: the
 * point is a second opinion on what the engine writes.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonparse.h"
#include "xalloc.h"

struct jp {
	const unsigned char *s;
	size_t n, i;
	char *err;
	size_t errlen;
	bool failed;
};

static bool
jp_fail(struct jp *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool
jp_fail(struct jp *p, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (p->failed)
		return false;
	p->failed = true;
	if (p->err == NULL || p->errlen == 0)
		return false;
	k = snprintf(p->err, p->errlen, "offset %zu: ", p->i);
	if (k < 0 || (size_t)k >= p->errlen)
		return false;
	va_start(ap, fmt);
	vsnprintf(p->err + k, p->errlen - (size_t)k, fmt, ap);
	va_end(ap);
	return false;
}

static void
jp_ws(struct jp *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
			       p->s[p->i] == '\n' || p->s[p->i] == '\r'))
		p->i++;
}

/*
 * Length of the well-formed UTF-8 sequence at s[0 .. n-1] (n > 0), or 0.
 * Table 3-7: the second byte's range depends on the first byte, which is
 * what excludes overlong forms (E0, F0), surrogates (ED) and values above
 * U+10FFFF (F4).
 */
size_t
json_utf8_char(const unsigned char *s, size_t n, uint32_t *uc)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t len, k;

	if (c < 0x80) {
		*uc = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	*uc = c & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);
	*uc = (*uc << 6) | (s[1] & 0x3f);
	for (k = 2; k < len; k++) {
		if (s[k] < 0x80 || s[k] > 0xbf)
			return 0;
		*uc = (*uc << 6) | (s[k] & 0x3f);
	}
	return len;
}

/* Append one code point as UTF-8. */
static void
put_uc(char **b, size_t *cap, size_t *n, uint32_t uc)
{
	unsigned char u[4];
	size_t k;

	if (uc < 0x80) {
		u[0] = (unsigned char)uc;
		k = 1;
	} else if (uc < 0x800) {
		u[0] = (unsigned char)(0xc0 | uc >> 6);
		u[1] = (unsigned char)(0x80 | (uc & 0x3f));
		k = 2;
	} else if (uc < 0x10000) {
		u[0] = (unsigned char)(0xe0 | uc >> 12);
		u[1] = (unsigned char)(0x80 | ((uc >> 6) & 0x3f));
		u[2] = (unsigned char)(0x80 | (uc & 0x3f));
		k = 3;
	} else {
		u[0] = (unsigned char)(0xf0 | uc >> 18);
		u[1] = (unsigned char)(0x80 | ((uc >> 12) & 0x3f));
		u[2] = (unsigned char)(0x80 | ((uc >> 6) & 0x3f));
		u[3] = (unsigned char)(0x80 | (uc & 0x3f));
		k = 4;
	}
	*b = xgrow(*b, cap, *n + k + 1, 1);
	memcpy(*b + *n, u, k);
	*n += k;
}

static bool
jp_hex4(struct jp *p, uint32_t *v)
{
	size_t k;

	*v = 0;
	if (p->n - p->i < 4)
		return jp_fail(p, "truncated \\u escape");
	for (k = 0; k < 4; k++) {
		unsigned char c = p->s[p->i + k];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (uint32_t)(c - 'A' + 10);
		else
			return jp_fail(p, "bad hex digit in \\u escape");
	}
	p->i += 4;
	return true;
}

/* A string; p->i is at the opening quote. */
static bool
jp_string(struct jp *p, char **out, size_t *outlen)
{
	char *b = NULL;
	size_t cap = 0, n = 0, k;
	uint32_t uc, lo;

	p->i++;
	b = xgrow(b, &cap, 1, 1);
	for (;;) {
		if (p->i >= p->n) {
			jp_fail(p, "unterminated string");
			goto bad;
		}
		if (p->s[p->i] == '"') {
			p->i++;
			break;
		}
		if (p->s[p->i] < 0x20) {
			jp_fail(p, "raw control character 0x%02x in string",
				p->s[p->i]);
			goto bad;
		}
		if (p->s[p->i] != '\\') {
			k = json_utf8_char(p->s + p->i, p->n - p->i, &uc);
			if (k == 0) {
				jp_fail(p, "invalid UTF-8 byte 0x%02x",
					p->s[p->i]);
				goto bad;
			}
			b = xgrow(b, &cap, n + k + 1, 1);
			memcpy(b + n, p->s + p->i, k);
			n += k;
			p->i += k;
			continue;
		}
		p->i++;
		if (p->i >= p->n) {
			jp_fail(p, "unterminated escape");
			goto bad;
		}
		switch (p->s[p->i++]) {
		case '"': put_uc(&b, &cap, &n, '"'); break;
		case '\\': put_uc(&b, &cap, &n, '\\'); break;
		case '/': put_uc(&b, &cap, &n, '/'); break;
		case 'b': put_uc(&b, &cap, &n, '\b'); break;
		case 'f': put_uc(&b, &cap, &n, '\f'); break;
		case 'n': put_uc(&b, &cap, &n, '\n'); break;
		case 'r': put_uc(&b, &cap, &n, '\r'); break;
		case 't': put_uc(&b, &cap, &n, '\t'); break;
		case 'u':
			if (!jp_hex4(p, &uc))
				goto bad;
			if (uc >= 0xdc00 && uc <= 0xdfff) {
				jp_fail(p, "lone low surrogate \\u%04x",
					(unsigned)uc);
				goto bad;
			}
			if (uc >= 0xd800 && uc <= 0xdbff) {
				if (p->n - p->i < 2 || p->s[p->i] != '\\' ||
				    p->s[p->i + 1] != 'u') {
					jp_fail(p, "lone high surrogate");
					goto bad;
				}
				p->i += 2;
				if (!jp_hex4(p, &lo))
					goto bad;
				if (lo < 0xdc00 || lo > 0xdfff) {
					jp_fail(p, "high surrogate without "
						"a low one");
					goto bad;
				}
				uc = 0x10000 + ((uc - 0xd800) << 10) +
					(lo - 0xdc00);
			}
			put_uc(&b, &cap, &n, uc);
			break;
		default:
			p->i--;
			jp_fail(p, "bad escape \\%c", p->s[p->i]);
			goto bad;
		}
	}
	b[n] = '\0';
	*out = b;
	*outlen = n;
	return true;
bad:
	free(b);
	return false;
}

static bool
jp_digits(struct jp *p)
{
	size_t start = p->i;

	while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
		p->i++;
	return p->i > start;
}

/* number = [ minus ] int [ frac ] [ exp ], RFC 8259 section 6. */
static bool
jp_number(struct jp *p, struct json *j)
{
	size_t start = p->i;
	bool integer = true;
	char tmp[64], *t, *end;

	if (p->s[p->i] == '-')
		p->i++;
	if (p->i < p->n && p->s[p->i] == '0') {
		p->i++;
	} else if (p->i < p->n && p->s[p->i] >= '1' && p->s[p->i] <= '9') {
		jp_digits(p);
	} else {
		return jp_fail(p, "bad number");
	}
	if (p->i < p->n && p->s[p->i] == '.') {
		p->i++;
		integer = false;
		if (!jp_digits(p))
			return jp_fail(p, "no digits after the decimal point");
	}
	if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		integer = false;
		if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if (!jp_digits(p))
			return jp_fail(p, "no digits in the exponent");
	}
	/* strtod wants a NUL-terminated copy. */
	t = p->i - start < sizeof tmp ? tmp : xmalloc(p->i - start + 1);
	memcpy(t, p->s + start, p->i - start);
	t[p->i - start] = '\0';
	j->type = JSON_NUMBER;
	j->num = strtod(t, NULL);
	if (integer) {
		errno = 0;
		j->ival = strtoll(t, &end, 10);
		j->is_int = errno == 0 && *end == '\0';
	}
	if (t != tmp)
		free(t);
	return true;
}

static bool
jp_literal(struct jp *p, const char *word, enum json_type type,
	   struct json *j)
{
	size_t len = strlen(word);

	if (p->n - p->i < len || memcmp(p->s + p->i, word, len) != 0)
		return jp_fail(p, "unexpected byte 0x%02x", p->s[p->i]);
	p->i += len;
	j->type = type;
	return true;
}

static bool jp_value(struct jp *p, struct json *j, int depth);

static bool
jp_array(struct jp *p, struct json *j, int depth)
{
	size_t cap = 0;

	j->type = JSON_ARRAY;
	p->i++;
	jp_ws(p);
	if (p->i < p->n && p->s[p->i] == ']') {
		p->i++;
		return true;
	}
	for (;;) {
		j->item = xgrow(j->item, &cap, j->n + 1, sizeof *j->item);
		memset(&j->item[j->n], 0, sizeof *j->item);
		j->n++;
		if (!jp_value(p, &j->item[j->n - 1], depth + 1))
			return false;
		jp_ws(p);
		if (p->i >= p->n)
			return jp_fail(p, "unterminated array");
		if (p->s[p->i] == ']') {
			p->i++;
			return true;
		}
		if (p->s[p->i] != ',')
			return jp_fail(p, "expected ',' or ']'");
		p->i++;
	}
}

static bool
jp_object(struct jp *p, struct json *j, int depth)
{
	size_t cap = 0, capk = 0, capl = 0, k;
	char *name;
	size_t namelen;

	j->type = JSON_OBJECT;
	p->i++;
	jp_ws(p);
	if (p->i < p->n && p->s[p->i] == '}') {
		p->i++;
		return true;
	}
	for (;;) {
		jp_ws(p);
		if (p->i >= p->n || p->s[p->i] != '"')
			return jp_fail(p, "expected a member name");
		if (!jp_string(p, &name, &namelen))
			return false;
		for (k = 0; k < j->n; k++)
			if (j->keylen[k] == namelen &&
			    memcmp(j->key[k], name, namelen) == 0) {
				free(name);
				return jp_fail(p, "duplicate name");
			}
		j->item = xgrow(j->item, &cap, j->n + 1, sizeof *j->item);
		j->key = xgrow(j->key, &capk, j->n + 1, sizeof *j->key);
		j->keylen = xgrow(j->keylen, &capl, j->n + 1,
				  sizeof *j->keylen);
		memset(&j->item[j->n], 0, sizeof *j->item);
		j->key[j->n] = name;
		j->keylen[j->n] = namelen;
		j->n++;
		jp_ws(p);
		if (p->i >= p->n || p->s[p->i] != ':')
			return jp_fail(p, "expected ':'");
		p->i++;
		if (!jp_value(p, &j->item[j->n - 1], depth + 1))
			return false;
		jp_ws(p);
		if (p->i >= p->n)
			return jp_fail(p, "unterminated object");
		if (p->s[p->i] == '}') {
			p->i++;
			return true;
		}
		if (p->s[p->i] != ',')
			return jp_fail(p, "expected ',' or '}'");
		p->i++;
	}
}

static bool
jp_value(struct jp *p, struct json *j, int depth)
{
	if (depth > JSON_MAX_DEPTH)
		return jp_fail(p, "nested deeper than %d", JSON_MAX_DEPTH);
	jp_ws(p);
	if (p->i >= p->n)
		return jp_fail(p, "expected a value");
	switch (p->s[p->i]) {
	case '{':
		return jp_object(p, j, depth);
	case '[':
		return jp_array(p, j, depth);
	case '"':
		j->type = JSON_STRING;
		return jp_string(p, &j->str, &j->len);
	case 't':
		return jp_literal(p, "true", JSON_TRUE, j);
	case 'f':
		return jp_literal(p, "false", JSON_FALSE, j);
	case 'n':
		return jp_literal(p, "null", JSON_NULL, j);
	default:
		if (p->s[p->i] == '-' ||
		    (p->s[p->i] >= '0' && p->s[p->i] <= '9'))
			return jp_number(p, j);
		return jp_fail(p, "unexpected byte 0x%02x", p->s[p->i]);
	}
}

static void
json_clear(struct json *j)
{
	size_t k;

	for (k = 0; k < j->n; k++) {
		json_clear(&j->item[k]);
		if (j->key != NULL)
			free(j->key[k]);
	}
	free(j->item);
	free(j->key);
	free(j->keylen);
	free(j->str);
}

struct json *
json_parse(const char *buf, size_t len, char *err, size_t errlen)
{
	struct jp p = { (const unsigned char *)buf, len, 0, err, errlen,
			false };
	struct json *j = xcalloc(1, sizeof *j);

	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (jp_value(&p, j, 0)) {
		jp_ws(&p);
		if (p.i == p.n)
			return j;
		jp_fail(&p, "garbage after the value");
	}
	json_clear(j);
	free(j);
	return NULL;
}

void
json_free(struct json *j)
{
	if (j == NULL)
		return;
	json_clear(j);
	free(j);
}

const struct json *
json_get(const struct json *j, const char *name)
{
	size_t k, len = strlen(name);

	if (j == NULL || j->type != JSON_OBJECT)
		return NULL;
	for (k = 0; k < j->n; k++)
		if (j->keylen[k] == len && memcmp(j->key[k], name, len) == 0)
			return &j->item[k];
	return NULL;
}

bool
json_valid(const char *buf, size_t len)
{
	struct json *j = json_parse(buf, len, NULL, 0);

	json_free(j);
	return j != NULL;
}
