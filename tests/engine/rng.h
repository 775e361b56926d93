/*
 * rng.h — the engine tests' seeded generator, the made-up words they
 * spell with it, the growing string their versions are written into,
 * and the loop of a property tried over seeded rounds.
 * One seed makes the same inputs on every machine, so that a failure
 * names the seed that reproduces it.  Header-only, for the tests.
 */
#ifndef VERSUS_TEST_RNG_H
#define VERSUS_TEST_RNG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "xalloc.h"

/* The generator's state, which a test seeds: rng = seed. */
static unsigned long long rng;

/* The next number below n (a 64-bit LCG, its high bits). */
static inline unsigned
rnd(unsigned n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng >> 33) % n);
}

/*
 * A second generator, splitmix64, for the tests that draw from it (its
 * numbers are not rnd()'s, and those tests' inputs are made from them):
 * a test seeds it, rng_state = seed.
 */
static uint64_t rng_state;

/* The next 64 bits of splitmix64. */
static inline uint64_t
rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0, from splitmix64. */
static inline uint32_t
rng_below(uint32_t n)
{
	return (uint32_t)(rng_next() % n);
}

/*
 * Word k of a made-up vocabulary, spelt from syllables (two or three
 * letters for each base-20 digit of k), so that word k is the same
 * string everywhere; its length.
 */
static inline size_t
syllable_word(unsigned k, char *out)
{
	static const char *const syl[] = {
		"ba", "ker", "lo", "mi", "nas", "or", "pe", "ra", "sel", "tu",
		"va", "wen", "xi", "yo", "zar", "dum", "fi", "gal", "hol", "jes",
	};
	size_t n = 0;

	do {
		n += (size_t)sprintf(out + n, "%s", syl[k % 20]);
		k /= 20;
	} while (k > 0);
	return n;
}

/* A growing string: a version being written.  { 0 } is empty. */
struct buf {
	char *s;
	size_t n, cap;
};

/* s added at the end of b. */
static inline void
buf_add(struct buf *b, const char *s)
{
	size_t len = strlen(s);

	b->s = xgrow(b->s, &b->cap, b->n + len + 1, 1);
	memcpy(b->s + b->n, s, len + 1);
	b->n += len;
}

/*
 * A property tried over rounds, seeds first to last, each on cases of
 * its own:
 *
 *	struct rounds r = rounds_from(1, 60);
 *
 *	while (rounds_next(&r)) {
 *		rng = r.seed;
 *		... two versions made with rnd(), and their pair ...
 *		rounds_tally(&r, holds, 1, "\"%s\" folded", word);
 *	}
 *	is_int(r.good, r.total, "%zu anchors: every one kept", r.run);
 *
 * The first misses (r.say of them, one unless set) print why, after
 * "# seed N: ".
 */
struct rounds {
	unsigned long long seed, last;	/* this round's; the last */
	size_t run;			/* rounds run, less those let off */
	size_t good, total;		/* cases the property held of; all */
	size_t missed;			/* rounds with a case it missed */
	size_t say;			/* misses printed */
};

static inline struct rounds
rounds_from(unsigned long long first, unsigned long long last)
{
	struct rounds r = { first - 1, last, 0, 0, 0, 0, 1 };

	return r;
}

/* On to the next round; false after the last. */
static inline bool
rounds_next(struct rounds *r)
{
	if (r->seed >= r->last)
		return false;
	r->seed++;
	r->run++;
	return true;
}

/* This round is let off: its versions do not make the case tried. */
static inline void
rounds_skip(struct rounds *r)
{
	r->run--;
}

static inline void
rounds_tally(struct rounds *r, size_t good, size_t total, const char *fmt,
	     ...) __attribute__((format(printf, 4, 5)));

/*
 * This round's cases: the property held of `good` of `total`; when not
 * of all, why (fmt; NULL: the round said it).
 */
static inline void
rounds_tally(struct rounds *r, size_t good, size_t total, const char *fmt,
	     ...)
{
	va_list ap;

	if (good != total && r->missed++ < r->say && fmt != NULL) {
		printf("# seed %llu: ", r->seed);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
	}
	r->good += good;
	r->total += total;
}

#endif
