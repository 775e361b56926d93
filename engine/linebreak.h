/*
 * linebreak.h — where a line may break (UAX #14), as libunistring's
 * u8_possible_linebreaks says, faster on plain ASCII prose.
 */
#ifndef VERSUS_LINEBREAK_H
#define VERSUS_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>

/*
 * brk[i] for each byte i of the UTF-8 text s[0, n): exactly what
 * u8_possible_linebreaks(s, n, "UTF-8", brk) gives.
 */
void linebreak_possible(const uint8_t *s, size_t n, char *brk);

#endif
