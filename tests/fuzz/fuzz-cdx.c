/*
 * fuzz-cdx.c — libFuzzer entry point: arbitrary bytes as an answer of the
 * Wayback Machine's CDX API, through wayback_parse(). The checks are
 * fuzz_cdx_one() in checks-cdx.c.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_cdx_one(data, size) != 0) {
		fprintf(stderr, "fuzz-cdx: %s\n", fuzz_failure());
		abort();
	}
	return 0;
}
