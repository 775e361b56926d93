/*
 * width.h — how text looks on a terminal: display widths and safe forms.
 *
 * Text from an article must never reach the terminal raw: an escape
 * sequence in a file could move the cursor, change the title or write the
 * clipboard.  width_escape() gives every character its visible form:
 *
 *  - printable characters as themselves, with their width from
 *    libunistring (uc_width: CJK 2, combining marks 0, emoji 2);
 *  - C0 controls and DEL as caret notation (ESC is "^[", BS "^H"), width 2;
 *  - C1 controls (U+0080..U+009F) as "<U+009B>", width 8;
 *  - bidi controls (U+202A..U+202E, U+2066..U+2069, U+200E/F, U+061C) as
 *    "<U+202E>", width 8;
 *  - an invalid UTF-8 byte as U+FFFD, width 1;
 *  - a tab as the spaces to the next multiple of 8 from `col`.
 *
 * All functions are pure and thread-safe.
 */
#ifndef VERSUS_WIDTH_H
#define VERSUS_WIDTH_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode one character at s[0 .. n-1] (n > 0).  Stores the code point in
 * *uc (0xFFFD for an invalid byte) and returns the bytes used (1 for an
 * invalid byte, so nothing is ever skipped or lost).
 */
size_t width_decode(const uint8_t *s, size_t n, uint32_t *uc);

/*
 * The visible form of one character: writes at most 16 bytes of UTF-8 to
 * out (not NUL-terminated), stores their length in *outlen, and returns
 * the display width.  `col` is the column it starts at, for tabs.
 */
int width_char_form(uint32_t uc, int invalid, size_t col, char out[16],
		    size_t *outlen);

/*
 * Display width of s[0 .. n-1] shown from column `col` in visible form.
 */
size_t width_of(const uint8_t *s, size_t n, size_t col);

#endif
