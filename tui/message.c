/*
 * message.c — error lines on standard error, outside data made visible
 * (see message.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "message.h"
#include "width.h"

size_t
message_visible(char *out, size_t cap, const char *s, size_t n)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i = 0, len = 0, k, flen;
	uint32_t uc;
	char form[16];

	if (cap == 0)
		return 0;
	while (i < n) {
		k = width_decode(u + i, n - i, &uc);
		if (uc == '\t') {
			/* a tab would be spaces: show it as the control it is */
			memcpy(form, "^I", 2);
			flen = 2;
		} else {
			width_char_form(uc, uc == 0xfffd && k == 1, 0, form,
					&flen);
		}
		if (len + flen >= cap)
			break;
		memcpy(out + len, form, flen);
		len += flen;
		i += k;
	}
	out[len] = '\0';
	return len;
}

void
message_error(const char *fmt, ...)
{
	char raw[2048], shown[8192];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof raw)
		n = (int)sizeof raw - 1;
	message_visible(shown, sizeof shown, raw, (size_t)n);
	fprintf(stderr, "versus: %s\n", shown);
}

void
message_usage_error(const char *fmt, ...)
{
	char raw[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	message_error("%s", raw);
	fprintf(stderr, "Try 'versus --help' for more information.\n");
	exit(2);
}
