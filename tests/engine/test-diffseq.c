/*
 * test-diffseq.c — unit tests of diffseq(): exact small cases, edge cases,
 * randomised validity and minimality against an O(nm) LCS, the cost cap,
 * the unique-id pre-pass, and large and adversarial inputs (timed, the
 * times printed as TAP comments, never asserted).
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diffseq.h"
#include "rng.h"
#include "tap.h"
#include "xalloc.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Ids from the letters of a string. */
static uint32_t *
ids_of(const char *s, size_t *n)
{
	size_t i, len = strlen(s);
	uint32_t *v = xreallocarray(NULL, len + 1, sizeof *v);

	for (i = 0; i < len; i++)
		v[i] = (unsigned char)s[i];
	*n = len;
	return v;
}

/* A mask as a string of 0 and 1, in a static buffer. */
static const char *
mask_str(const bool *mask, size_t n)
{
	static char buf[2][256];
	static int which;
	char *p = buf[which ^= 1];
	size_t i;

	for (i = 0; i < n && i < sizeof buf[0] - 1; i++)
		p[i] = mask[i] ? '1' : '0';
	p[i] = '\0';
	return p;
}

/*
 * The contract: unmarked elements of a and of b, taken in order, pair up
 * one to one and are equal, and the count is the number of marks.
 */
static bool
script_valid(const uint32_t *a, size_t n, const uint32_t *b, size_t m,
    const bool *del, const bool *ins, size_t count)
{
	size_t i = 0, j = 0, marks = 0;

	for (;;) {
		while (i < n && del[i]) {
			i++;
			marks++;
		}
		while (j < m && ins[j]) {
			j++;
			marks++;
		}
		if (i == n || j == m)
			break;
		if (a[i] != b[j])
			return false;
		i++;
		j++;
	}
	if (i != n || j != m)
		return false;
	return marks == count;
}

/* Length of a longest common subsequence, by the textbook O(nm) table. */
static size_t
lcs_len(const uint32_t *a, size_t n, const uint32_t *b, size_t m)
{
	size_t *prev = xcalloc(m + 1, sizeof *prev);
	size_t *row = xcalloc(m + 1, sizeof *row), *t;
	size_t i, j, r;

	for (i = 1; i <= n; i++) {
		row[0] = 0;
		for (j = 1; j <= m; j++) {
			if (a[i - 1] == b[j - 1])
				row[j] = prev[j - 1] + 1;
			else
				row[j] = prev[j] > row[j - 1] ? prev[j] :
				    row[j - 1];
		}
		t = prev;
		prev = row;
		row = t;
	}
	r = prev[m];
	free(prev);
	free(row);
	return r;
}

/* Diff two strings of letters; store the masks as 0/1 strings. */
static size_t
diff_str(const char *sa, const char *sb, char *dstr, char *istr, bool *valid)
{
	uint32_t *a, *b;
	bool *del, *ins;
	size_t n, m, count;

	a = ids_of(sa, &n);
	b = ids_of(sb, &m);
	del = xmalloc(n + 1);
	ins = xmalloc(m + 1);
	/* Stale marks must be cleared by diffseq. */
	memset(del, true, n + 1);
	memset(ins, true, m + 1);
	count = diffseq(a, n, b, m, del, ins, NULL);
	*valid = script_valid(a, n, b, m, del, ins, count);
	strcpy(dstr, mask_str(del, n));
	strcpy(istr, mask_str(ins, m));
	free(a);
	free(b);
	free(del);
	free(ins);
	return count;
}

static void
test_small(void)
{
	char d[256], i[256];
	bool valid;
	size_t count;

	/* Myers' example: edit distance 5, LCS length 4. */
	count = diff_str("ABCABBA", "CBABAC", d, i, &valid);
	is_int(count, 5, "ABCABBA/CBABAC: 5 changes");
	ok(valid, "ABCABBA/CBABAC: valid script");
	{
		int dels = 0, inss = 0;
		const char *p;

		for (p = d; *p; p++)
			dels += *p == '1';
		for (p = i; *p; p++)
			inss += *p == '1';
		is_int(dels, 3, "ABCABBA/CBABAC: 3 deleted");
		is_int(inss, 2, "ABCABBA/CBABAC: 2 inserted");
		is_int(7 - dels, 4, "ABCABBA/CBABAC: 4 kept (the LCS)");
	}

	/* Cases whose shortest script is unique: exact masks. */
	count = diff_str("abcdef", "abXdef", d, i, &valid);
	is_int(count, 2, "substitution: 2 changes");
	is_str(d, "001000", "substitution: del mask");
	is_str(i, "001000", "substitution: ins mask");

	count = diff_str("abc", "abxc", d, i, &valid);
	is_int(count, 1, "insertion: 1 change");
	is_str(d, "000", "insertion: del mask");
	is_str(i, "0010", "insertion: ins mask");

	count = diff_str("wxyz", "wz", d, i, &valid);
	is_int(count, 2, "deletion: 2 changes");
	is_str(d, "0110", "deletion: del mask");
	is_str(i, "00", "deletion: ins mask");

	count = diff_str("pqrs", "tuv", d, i, &valid);
	is_int(count, 7, "nothing shared: everything changes");
	is_str(d, "1111", "nothing shared: del mask");
	is_str(i, "111", "nothing shared: ins mask");

	/* Changes at both ends and in the middle, no trimming possible. */
	count = diff_str("XabcYdefZ", "abcdef", d, i, &valid);
	is_int(count, 3, "three deletions");
	is_str(d, "100010001", "three deletions: del mask");
	is_str(i, "000000", "three deletions: ins mask");

	count = diff_str("abcdefgh", "Qabcdefgh", d, i, &valid);
	is_str(i, "100000000", "insertion at the start");
	count = diff_str("abcdefgh", "abcdefghQ", d, i, &valid);
	is_str(i, "000000001", "insertion at the end");

	/* A transposition of two blocks: one block moves (2 x 3 changes). */
	count = diff_str("abcXYZ", "XYZabc", d, i, &valid);
	is_int(count, 6, "block swap: 6 changes");
	ok(valid, "block swap: valid script");
}

static void
test_edges(void)
{
	uint32_t a[5] = { 1, 2, 3, 4, 5 };
	bool del[5], ins[5];
	size_t count;
	struct diffseq_opts opts = { 0 };

	count = diffseq(NULL, 0, NULL, 0, NULL, NULL, NULL);
	is_int(count, 0, "empty vs empty");

	memset(ins, false, sizeof ins);
	count = diffseq(NULL, 0, a, 5, NULL, ins, NULL);
	is_int(count, 5, "empty vs 5: 5 changes");
	is_str(mask_str(ins, 5), "11111", "empty vs 5: all inserted");

	memset(del, false, sizeof del);
	count = diffseq(a, 5, NULL, 0, del, NULL, &opts);
	is_int(count, 5, "5 vs empty: 5 changes");
	is_str(mask_str(del, 5), "11111", "5 vs empty: all deleted");

	memset(del, true, sizeof del);
	memset(ins, true, sizeof ins);
	count = diffseq(a, 5, a, 5, del, ins, NULL);
	is_int(count, 0, "identical: no change");
	is_str(mask_str(del, 5), "00000", "identical: del cleared");
	is_str(mask_str(ins, 5), "00000", "identical: ins cleared");

	count = diffseq(a, 5, a + 1, 3, del, ins, NULL);
	is_int(count, 2, "infix: 2 changes");
	is_str(mask_str(del, 5), "10001", "infix: ends deleted");
	is_str(mask_str(ins, 3), "000", "infix: nothing inserted");
}

/*
 * A random pair of lengths up to maxlen over ids 1 .. alpha: half the time
 * independent, half the time b is an edited copy of a.
 */
static void
random_pair(uint32_t *a, size_t *n, uint32_t *b, size_t *m, size_t maxlen,
    uint32_t alpha)
{
	size_t i;

	*n = rng_below((uint32_t)maxlen + 1);
	*m = rng_below((uint32_t)maxlen + 1);
	for (i = 0; i < *n; i++)
		a[i] = 1 + rng_below(alpha);
	if (rng_below(2) == 0) {
		for (i = 0; i < *m; i++)
			b[i] = 1 + rng_below(alpha);
	} else {
		size_t k = 0;

		for (i = 0; i < *n && k < maxlen; i++) {
			switch (rng_below(8)) {
			case 0:
				break;			/* delete */
			case 1:
				b[k++] = 1 + rng_below(alpha);	/* replace */
				break;
			case 2:
				b[k++] = 1 + rng_below(alpha);	/* insert */
				if (k < maxlen)
					b[k++] = a[i];
				break;
			default:
				b[k++] = a[i];
				break;
			}
		}
		*m = k;
	}
}

static void
test_random_small(void)
{
	uint32_t a[64], b[64];
	bool del[64], ins[64];
	size_t n, m, count, t, bad_valid = 0, bad_min = 0;
	struct diffseq_opts opts;
	size_t capped_valid_bad = 0, capped_worse = 0, capped_below = 0;
	size_t cap;

	rng_state = 20240601;
	for (t = 0; t < 2000; t++) {
		random_pair(a, &n, b, &m, 60, 2 + rng_below(5));
		count = diffseq(a, n, b, m, del, ins, NULL);
		if (!script_valid(a, n, b, m, del, ins, count)) {
			if (bad_valid++ == 0)
				printf("# first invalid: pair %zu\n", t);
		}
		if (count != n + m - 2 * lcs_len(a, n, b, m)) {
			if (bad_min++ == 0)
				printf("# first non-minimal: pair %zu\n", t);
		}
	}
	is_int(bad_valid, 0, "2000 random pairs: every script valid");
	is_int(bad_min, 0, "2000 random pairs: every script minimal");

	/*
	 * A tiny cap forces the too-expensive split: still valid, never
	 * shorter than minimal, and sometimes longer (the cap really fires).
	 */
	rng_state = 77;
	for (t = 0; t < 2000; t++) {
		size_t best;

		random_pair(a, &n, b, &m, 60, 2 + rng_below(5));
		cap = 1 + t % 3;
		opts.max_cost = cap;
		count = diffseq(a, n, b, m, del, ins, &opts);
		best = n + m - 2 * lcs_len(a, n, b, m);
		capped_valid_bad += !script_valid(a, n, b, m, del, ins, count);
		capped_below += count < best;
		capped_worse += count > best;
	}
	is_int(capped_valid_bad, 0, "max_cost 1-3: every script valid");
	is_int(capped_below, 0, "max_cost 1-3: never below the minimum");
	ok(capped_worse > 0, "max_cost 1-3: cap fires (%zu of 2000 longer)",
	    capped_worse);
}

/*
 * Windows large enough for the unique-id pre-pass, over dense ids with a
 * wide alphabet so that many ids occur on one side only.
 */
static void
test_random_prepass(void)
{
	enum { MAXLEN = 400 };
	uint32_t a[MAXLEN], b[MAXLEN];
	bool del[MAXLEN], ins[MAXLEN];
	size_t n, m, count, t, bad_valid = 0, bad_min = 0, uniq = 0, i;
	struct diffseq_opts minimal = { SIZE_MAX };

	/* An unbounded cap: the default one may fire on these sizes. */
	rng_state = 4242;
	for (t = 0; t < 150; t++) {
		random_pair(a, &n, b, &m, MAXLEN, 8 + rng_below(400));
		count = diffseq(a, n, b, m, del, ins, &minimal);
		bad_valid += !script_valid(a, n, b, m, del, ins, count);
		bad_min += count != n + m - 2 * lcs_len(a, n, b, m);
		/* Count ids of a that b lacks: the pre-pass discards them. */
		for (i = 0; i < n; i++) {
			size_t j;

			for (j = 0; j < m && b[j] != a[i]; j++)
				;
			uniq += j == m;
		}
	}
	is_int(bad_valid, 0, "150 pre-pass pairs: every script valid");
	is_int(bad_min, 0, "150 pre-pass pairs: every script minimal");
	ok(uniq > 1000, "pre-pass pairs have one-sided ids (%zu)", uniq);
}

/*
 * Longer pairs over small alphabets with an unbounded cap: many levels of
 * splitting, and the result must still be minimal.
 */
static void
test_random_minimal(void)
{
	enum { MAXLEN = 2000 };
	uint32_t *a = xreallocarray(NULL, MAXLEN, sizeof *a);
	uint32_t *b = xreallocarray(NULL, MAXLEN, sizeof *b);
	bool *del = xmalloc(MAXLEN), *ins = xmalloc(MAXLEN);
	size_t n, m, count, t, bad_valid = 0, bad_min = 0;
	struct diffseq_opts minimal = { SIZE_MAX };

	rng_state = 31337;
	for (t = 0; t < 12; t++) {
		random_pair(a, &n, b, &m, MAXLEN, 2 + rng_below(3));
		count = diffseq(a, n, b, m, del, ins, &minimal);
		bad_valid += !script_valid(a, n, b, m, del, ins, count);
		bad_min += count != n + m - 2 * lcs_len(a, n, b, m);
	}
	is_int(bad_valid, 0, "12 long pairs, no cap: every script valid");
	is_int(bad_min, 0, "12 long pairs, no cap: every script minimal");
	free(a);
	free(b);
	free(del);
	free(ins);
}

/* Fill big arrays; time and check one diff. */
static size_t
timed_diff(const char *what, const uint32_t *a, size_t n, const uint32_t *b,
    size_t m, bool *del, bool *ins, bool *valid)
{
	double t0, t1;
	size_t count;

	t0 = now();
	count = diffseq(a, n, b, m, del, ins, NULL);
	t1 = now();
	printf("# timing: %s: %.1f ms, %zu changes\n", what,
	    (t1 - t0) * 1000, count);
	*valid = script_valid(a, n, b, m, del, ins, count);
	return count;
}

static void
test_big(void)
{
	enum { N = 1000000, EDITS = N / 100 };
	uint32_t *a = xreallocarray(NULL, N, sizeof *a);
	uint32_t *b = xreallocarray(NULL, N + EDITS + 1, sizeof *b);
	bool *del = xmalloc(N), *ins = xmalloc(N + EDITS + 1);
	size_t i, m = 0, cost = 0, count;
	bool valid;

	rng_state = 1;
	for (i = 0; i < N; i++)
		a[i] = 1 + rng_below(1u << 20);
	/* 1% of positions edited: a third replaced, deleted, inserted. */
	for (i = 0; i < N; i++) {
		if (rng_below(100) != 0) {
			b[m++] = a[i];
			continue;
		}
		switch (rng_below(3)) {
		case 0:
			b[m++] = 1 + rng_below(1u << 20);
			cost += 2;
			break;
		case 1:
			cost += 1;
			break;
		default:
			b[m++] = 1 + rng_below(1u << 20);
			b[m++] = a[i];
			cost += 1;
			break;
		}
	}
	count = timed_diff("1,000,000 vs 1% edits", a, N, b, m, del, ins,
	    &valid);
	ok(valid, "1,000,000 elements, 1%% edits: valid script");
	ok(count <= cost, "1%% edits: no longer than the edits made "
	    "(%zu <= %zu)", count, cost);
	ok(count >= cost * 9 / 10, "1%% edits: about as long as the edits "
	    "made (%zu)", count);
	free(a);
	free(b);
	free(del);
	free(ins);
}

static void
test_adversarial(void)
{
	enum { N = 200000 };
	uint32_t *a = xreallocarray(NULL, N, sizeof *a);
	uint32_t *b = xreallocarray(NULL, N, sizeof *b);
	bool *del = xmalloc(N), *ins = xmalloc(N);
	size_t i, count;
	bool valid;

	/* Dense disjoint ids: the pre-pass settles it. */
	for (i = 0; i < N; i++) {
		a[i] = (uint32_t)(1 + i);
		b[i] = (uint32_t)(1 + N + i);
	}
	count = timed_diff("200,000 disjoint dense ids", a, N, b, N, del, ins,
	    &valid);
	ok(valid, "disjoint dense: valid script");
	is_int(count, 2 * N, "disjoint dense: everything changed");

	/* Sparse disjoint ids: no pre-pass, the cost cap has to work. */
	rng_state = 99;
	for (i = 0; i < N; i++) {
		a[i] = (uint32_t)(rng_next() & 0xfffffffe);
		b[i] = (uint32_t)(rng_next() | 1);
	}
	count = timed_diff("200,000 disjoint sparse ids", a, N, b, N, del,
	    ins, &valid);
	ok(valid, "disjoint sparse: valid script");
	is_int(count, 2 * N, "disjoint sparse: everything changed");

	/*
	 * Alphabet of two: the worst case for Myers (D about 0.37 (n+m), short
	 * snakes everywhere).  The cap keeps it fast; the result must stay
	 * close to optimal: the LCS of two random binary strings is about
	 * 0.812 of their length, so an optimal script has about 75,000
	 * changes.
	 */
	for (i = 0; i < N; i++) {
		a[i] = 1 + rng_below(2);
		b[i] = 1 + rng_below(2);
	}
	count = timed_diff("200,000 random over 2 ids", a, N, b, N, del, ins,
	    &valid);
	ok(valid, "alphabet 2: valid script");
	ok(count < 85000, "alphabet 2: within 15%% of optimal (%zu)", count);

	/* Reversal: LCS of one, many splits. */
	for (i = 0; i < N; i++) {
		a[i] = (uint32_t)(1 + i) * 2654435761u;
		b[i] = (uint32_t)(N - i) * 2654435761u;
	}
	count = timed_diff("200,000 reversed", a, N, b, N, del, ins, &valid);
	ok(valid, "reversed: valid script");
	ok(count >= 2 * N - 2, "reversed: at most one pair kept");

	free(a);
	free(b);
	free(del);
	free(ins);
}

int
main(void)
{
	test_small();
	test_edges();
	test_random_small();
	test_random_prepass();
	test_random_minimal();
	test_big();
	test_adversarial();
	return done_testing();
}
