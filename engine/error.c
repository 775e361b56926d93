/*
 * error.c — filling a struct vs_error (see error.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "error.h"

void
vs_error_set(struct vs_error *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}
