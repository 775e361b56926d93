/*
 * fuzz-text.c — libFuzzer entry point: text_from_bytes() with --encoding
 * and allow_binary from the first byte; the offset map must be monotonic
 * and inside the file. The checks are fuzz_text_one() in checks.c; the
 * input layout is in checks.h.
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
	if (fuzz_text_one(data, size) != 0) {
		fprintf(stderr, "fuzz-text: %s\n", fuzz_failure());
		abort();
	}
	return 0;
}
