/*
 * text.h — one version of an article as bytes: loading and decoding.
 *
 * A struct text owns two buffers: `raw`, the file's bytes exactly as read
 * (never written back anywhere), and `data`, the UTF-8 text every later
 * stage works on.  When the file is UTF-8 already, `data` points into `raw`
 * just past any byte order mark; when it was converted (UTF-16/32 with a
 * BOM, or --encoding), `data` is a separate buffer and `orig` maps each of
 * its byte offsets back to an offset in `raw`.  Either way
 * text_orig_offset() turns an offset into `data` into an offset into the
 * original file, which is what every machine-readable output reports.
 *
 * Rules:
 *  - Invalid UTF-8 is kept byte for byte in `data` and counted in
 *    `invalid`; the display layer shows each such byte as U+FFFD.  Nothing
 *    is dropped.
 *  - CRLF and lone CR line ends are left in `data`; the segmenter treats
 *    them as line ends.
 *  - A UTF-8 BOM is skipped.  A UTF-16 or UTF-32 BOM (LE or BE) makes the
 *    text be converted from that encoding.  --encoding NAME converts from
 *    NAME with libunistring's iconv wrapper; a BOM of another Unicode
 *    encoding then is an error.
 *  - A NUL byte in text that is not UTF-16/32 means a binary file, refused
 *    with "PATH: binary file" unless opts->allow_binary.
 *  - Files of 2 GiB or more are refused ("PATH: file too large"): offsets in
 *    the engine are 32-bit.
 *  - A saved web page (found by its doctype or <html> tag, or any file with
 *    TEXT_FORMAT_HTML) is read as its article text, extracted by html.h;
 *    `orig` then maps every byte of that text to the page's bytes.
 *
 * Lifetime: a struct text lives until text_free(); every later structure
 * (struct doc and what is built on it) borrows it.
 */
#ifndef VERSUS_TEXT_H
#define VERSUS_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Largest file accepted, in bytes, both before and after conversion. */
#define TEXT_MAX_SIZE ((size_t)INT32_MAX)

enum text_format {
	TEXT_FORMAT_AUTO,	/* HTML when the file looks like a page */
	TEXT_FORMAT_TEXT,	/* always plain text */
	TEXT_FORMAT_HTML,	/* always HTML (html.h) */
};

struct text_opts {
	const char *encoding;	/* charset to convert from; NULL: detect */
	bool allow_binary;	/* --text: accept NUL bytes */
	int format;		/* enum text_format */
};

/*
 * A paragraph of the text with a role that is not the story's: data[start,
 * end) is a headline, a byline, a caption ... (name, a static string).
 * Labels are data beside the text, never words in it.
 */
struct text_label {
	size_t start, end;
	const char *name;
};

struct text {
	char *path;		/* as given on the command line; "-" is stdin */
	unsigned char *raw;	/* the original bytes */
	size_t raw_len;
	const unsigned char *data;	/* UTF-8 text (not NUL-terminated) */
	size_t len;
	size_t base;		/* offset of data[0] in raw when orig is NULL */
	size_t *orig;		/* NULL, or len + 1 offsets into raw */
	size_t invalid;		/* invalid UTF-8 bytes kept in data */
	size_t replaced;	/* UTF-16/32 units decoded as U+FFFD: unpaired
				 * surrogates, values past U+10FFFF, an odd
				 * tail (reported with invalid) */
	char *encoding;		/* "UTF-8" or the charset converted from */
	unsigned char *owned;	/* converted buffer, owned, or NULL */
	struct text_label *labels;	/* in order, not overlapping; owned */
	size_t nlabels;		/* (only a web page has labels) */
	/*
	 * Where a version that is not a plain file came from (set by
	 * sources/, shown by --json): its date in seconds since 1970 UTC
	 * (0: unknown), where the date was read, and the origin; static
	 * strings, NULL for a plain file.
	 */
	long long when;
	const char *date_source;	/* "capture", "commit", "mtime", ... */
	const char *origin;	/* "web", "cache", "archive", "git", ... */
};

/*
 * Read PATH ("-" for standard input) and decode it.  Returns NULL with a
 * message in err on failure: "PATH: No such file or directory" (strerror
 * text), "PATH: is a directory", "PATH: binary file", "PATH: file too
 * large", "PATH: cannot convert from NAME: ...".
 */
struct text *text_load(const char *path, const struct text_opts *opts,
		       struct vs_error *err);

/*
 * The same from bytes in memory (copied); `name` is used as path and in
 * messages.  Used by the tests and the fuzzers.
 */
struct text *text_from_bytes(const char *name, const void *buf, size_t len,
			     const struct text_opts *opts,
			     struct vs_error *err);

void text_free(struct text *t);

/* The label of the paragraph starting at data[off], or NULL. */
const char *text_label_at(const struct text *t, size_t off);

/* Offset into the original file of byte `off` (0 <= off <= len) of data. */
size_t text_orig_offset(const struct text *t, size_t off);

/*
 * Where the text data[.., end) ends in the original file: one past the
 * bytes of data[end - 1] (its whole character or entity), which for a
 * page is before the markup that follows, where text_orig_offset(t, end)
 * would be after it.  [text_orig_offset(t, start), text_orig_end(t, end))
 * is the passage data[start, end) in the file.
 */
size_t text_orig_end(const struct text *t, size_t end);

#endif
