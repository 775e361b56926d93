/*
 * fuzz-json.c — libFuzzer entry point: two versions through output_json();
 * the output must parse as strict JSON and its ops tile both files. The
 * checks are fuzz_json_one() in checks.c; the input layout is in checks.h.
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
	if (fuzz_json_one(data, size) != 0) {
		fprintf(stderr, "fuzz-json: %s\n", fuzz_failure());
		abort();
	}
	return 0;
}
