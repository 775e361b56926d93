/*
 * hash.h — the engine's one hash function, for its hash tables and for
 * telling paragraphs apart before comparing their bytes.
 *
 * 64 bits, eight bytes at a time, mixed with the multiply-xorshift steps
 * of the SplitMix64 finaliser, which spreads the near-identical short
 * strings of prose ("1999", "2000") well.  Bytes go through hash_bytes();
 * a sequence of numbers (the fold keys of a passage, the letters of a
 * word) through hash_start(), hash_add() for each, and hash_end().  Not a
 * defence against input made to collide: every table here compares the
 * keys themselves, so collisions cost time, never a wrong answer (but
 * doc.h's paragraph hash is taken for the paragraph where both sides'
 * bytes are the same length and hash alike, see cmpkeys.c).
 *
 * All inline: the interner hashes every distinct token of a text.
 */
#ifndef VERSUS_HASH_H
#define VERSUS_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The start of a hash of n items (or bytes). */
static inline uint64_t
hash_start(uint64_t n)
{
	return UINT64_C(0x9e3779b97f4a7c15) ^
	    (n * UINT64_C(0xff51afd7ed558ccd));
}

/* One more item. */
static inline uint64_t
hash_add(uint64_t h, uint64_t x)
{
	h = (h ^ x) * UINT64_C(0xbf58476d1ce4e5b9);
	return h ^ h >> 31;
}

/* The hash of what was added. */
static inline uint64_t
hash_end(uint64_t h)
{
	h *= UINT64_C(0x94d049bb133111eb);
	h ^= h >> 29;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	return h ^ h >> 32;
}

/*
 * The bytes of a string of at most 8 bytes in one word: all of them for 4
 * to 8 (two overlapping loads), the first, middle and last for 1 to 3.
 * Different strings of the same length give different words, so equal
 * lengths and words mean equal strings (the interner compares short
 * strings so).
 */
static inline uint64_t
hash_word(const uint8_t *s, size_t n)
{
	uint32_t lo, hi;

	if (n >= 4) {
		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		return (uint64_t)lo | (uint64_t)hi << 32;
	}
	if (n > 0)
		return (uint64_t)s[0] | (uint64_t)s[n / 2] << 8 |
		    (uint64_t)s[n - 1] << 16;
	return 0;
}

/* hash_bytes(s, n) when w is already known: hash_word(s, n) for n <= 8. */
static inline uint64_t
hash_bytes_word(const uint8_t *s, size_t n, uint64_t w)
{
	uint64_t h = hash_start(n), v;

	if (n > 8) {
		while (n > 8) {
			memcpy(&v, s, 8);
			h = hash_add(h, v);
			s += 8;
			n -= 8;
		}
		/* The last 1-8 bytes (the length is mixed in already). */
		w = hash_word(s, n);
	}
	return hash_end(h ^ w);
}

/* The hash of s[0 .. n-1]. */
static inline uint64_t
hash_bytes(const uint8_t *s, size_t n)
{
	return hash_bytes_word(s, n, n <= 8 ? hash_word(s, n) : 0);
}

#endif
