/*
 * fuzz-equiv.c — libFuzzer entry point: equiv_parse() of arbitrary bytes:
 * 0, or -1 with a "NAME:LINE: message" error, and a set that still works.
 * The checks are fuzz_equiv_one() in checks.c; the input layout is in
 * checks.h.
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
	if (fuzz_equiv_one(data, size) != 0) {
		fprintf(stderr, "fuzz-equiv: %s\n", fuzz_failure());
		abort();
	}
	return 0;
}
