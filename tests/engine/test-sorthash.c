/*
 * test-sorthash.c — sort_u64 (align-stage.h), the radix sort of
 * exact_copies' hashes, orders every array as qsort does: random
 * lengths about its cut-over to qsort, keys drawn from every width
 * (bytes all keys share are passed over), with and without repeats.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align-stage.h"
#include "tap.h"
#include "xalloc.h"
#include "rng.h"

static int
cmp(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return (a > b) - (a < b);
}

/* A key of about `bits` random bits, placed at byte `shift`. */
static uint64_t
key(unsigned bits, unsigned shift)
{
	uint64_t k = ((uint64_t)rnd(1u << 16) << 48) ^
		((uint64_t)rnd(1u << 16) << 32) ^
		((uint64_t)rnd(1u << 16) << 16) ^ rnd(1u << 16);

	if (bits < 64)
		k &= ((uint64_t)1 << bits) - 1;
	return shift < 64 ? k << shift : k;
}

int
main(void)
{
	struct rounds r = rounds_from(1, 400);

	while (rounds_next(&r)) {
		size_t n, i;
		unsigned bits, shift;
		uint64_t *v, *w;
		bool same;

		rng = r.seed;
		n = rnd(4) == 0 ? rnd(70) : rnd(3000);
		bits = 1 + rnd(64);
		shift = 8 * rnd(8);
		v = xmalloc((n + 1) * sizeof *v);
		w = xmalloc((n + 1) * sizeof *w);
		for (i = 0; i < n; i++)
			v[i] = rnd(3) == 0 && i > 0 ? v[rnd((unsigned)i)] :
				key(bits, shift);
		memcpy(w, v, n * sizeof *v);
		qsort(w, n, sizeof *w, cmp);
		sort_u64(v, n);
		same = n == 0 || memcmp(v, w, n * sizeof *v) == 0;
		rounds_tally(&r, same, 1, "%zu keys of %u bits at bit %u",
			     n, bits, shift);
		free(v);
		free(w);
	}
	is_int(r.good, r.total, "%zu arrays: sort_u64 orders each as qsort "
	       "does", r.run);
	return done_testing();
}
