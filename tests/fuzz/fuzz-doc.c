/*
 * fuzz-doc.c — libFuzzer entry point: doc_build() and cmpkeys_classify();
 * tokens must tile the text, paragraphs, sentences and units nest in
 * order. The checks are fuzz_doc_one() in checks.c; the input layout is in
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
	if (fuzz_doc_one(data, size) != 0) {
		fprintf(stderr, "fuzz-doc: %s\n", fuzz_failure());
		abort();
	}
	return 0;
}
