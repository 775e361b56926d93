/*
 * checks.h — the bodies of the fuzzers, callable without libFuzzer.
 *
 * Each fuzz_NAME_one() runs one input through a part of the engine and
 * checks the invariants its header promises.  It returns 0, or -1 after
 * the first violation, described by fuzz_failure().  The libFuzzer
 * harnesses (fuzz-NAME.c) abort() on -1; the regression test
 * (tests/engine/test-fuzz-regress.c) reports it as a failed TAP check.
 *
 * Input layouts (the first bytes are options, so that the fuzzer explores
 * them along with the text):
 *
 *   text:   [flags] bytes
 *           flags bit 0 allow_binary, (flags >> 1) % 10 picks --encoding
 *           (none, windows-1252, latin1, UTF-16LE, UTF-16, UTF-32, UTF-8,
 *           UTF-32BE, SHIFT_JIS, ISO-2022-JP), (flags >> 1) / 10 % 3 the
 *           format (auto, text, HTML)
 *   doc:    [flags] bytes
 *   align:  [flags] [width] [thresholds] A 0xFF B
 *   json:   [flags] [width] [thresholds] A 0xFF B [0xFF name of A]
 *           flags bit 0 allow_binary; (flags >> 1) & 7: 0-4 no --encoding,
 *           5 windows-1252, 6 UTF-16LE, 7 UTF-16; bit 4 strict, bit 5
 *           ignore_case, bit 6 ignore_punct, bit 7 no built-in
 *           equivalences.  width: 16 + width * 284 / 255 columns.
 *           thresholds < 0x80: the defaults, else pair and move
 *           thresholds from its low and high three bits.  Without a 0xFF
 *           separator B is A.
 *   equiv:  bytes of an equivalence file
 *   cdx:    bytes of an answer of the Wayback Machine's CDX API
 *           (checks-cdx.c)
 *   browse: [flags] events: keys, prompts, resizes and mouse events on
 *           the browser (checks-browse.c says how)
 *
 * The versions of doc, align and json are read with the format "auto", so
 * an input that looks like a web page goes through html.h.
 */
#ifndef VERSUS_FUZZ_CHECKS_H
#define VERSUS_FUZZ_CHECKS_H

#include <stddef.h>
#include <stdint.h>

/* The byte that separates the versions in the align and json inputs. */
#define FUZZ_SEP 0xFF

int fuzz_text_one(const uint8_t *data, size_t size);
int fuzz_doc_one(const uint8_t *data, size_t size);
int fuzz_align_one(const uint8_t *data, size_t size);
int fuzz_json_one(const uint8_t *data, size_t size);
int fuzz_equiv_one(const uint8_t *data, size_t size);
int fuzz_cdx_one(const uint8_t *data, size_t size);
int fuzz_browse_one(const uint8_t *data, size_t size);	/* checks-browse.c */

/* The stub screen of the browser's fuzzer (screen-stub.c). */
void fuzz_screen_size(int cols, int rows);
void fuzz_screen_reset(void);
const char *fuzz_screen_unsafe(void);	/* the first unsafe draw, or NULL */

/* What the last failing check found. */
const char *fuzz_failure(void);

/* Record a failure (for the checks of other files): returns -1. */
int fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
