/*
 * fuzz-align.c — libFuzzer entry point: two versions through
 * align_build(), render_build() and output_inline(); every invariant of
 * align.h, output.h and render.h. The checks are fuzz_align_one() in
 * checks.c; the input layout is in checks.h.
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
	if (fuzz_align_one(data, size) != 0) {
		fprintf(stderr, "fuzz-align: %s\n", fuzz_failure());
		abort();
	}
	return 0;
}
