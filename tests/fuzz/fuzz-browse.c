/*
 * fuzz-browse.c — libFuzzer entry point: bytes as keys, prompts, resizes
 * and mouse events on the browser over the samples and a hostile pair.
 * The checks are fuzz_browse_one() in checks-browse.c.
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
	if (fuzz_browse_one(data, size) != 0) {
		fprintf(stderr, "fuzz-browse: %s\n", fuzz_failure());
		abort();
	}
	return 0;
}
