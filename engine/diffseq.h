/*
 * diffseq.h — the one sequence differ, over integer ids.
 *
 * Every level of the alignment (paragraphs, sentences, words) reduces its
 * elements to uint32_t ids (cmpkeys.h) and calls diffseq() to find a shortest
 * edit script between two id sequences: Myers' O(ND) algorithm ("An O(ND)
 * Difference Algorithm and Its Variations", 1986) in linear space, with the
 * middle-snake divide and conquer, after trimming the common prefix and
 * suffix.  Like GNU diff's diffseq.h it gives up on minimality when the
 * cost exceeds a bound (opts->max_cost, as diff's heuristic), returning a
 * correct but possibly longer script in bounded time.
 *
 * The result is a pair of change masks, one bool per element: a[i] is set
 * when element i of A is deleted, b[j] when element j of B is inserted.
 * Unmarked elements pair up in order and are equal.
 */
#ifndef VERSUS_DIFFSEQ_H
#define VERSUS_DIFFSEQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct diffseq_opts {
	/*
	 * Bound on the edit cost explored by one middle-snake search before
	 * settling for a good-enough split; 0 picks a default that grows with
	 * the square root of the input, as GNU diff does.
	 */
	size_t max_cost;
};

/*
 * Diff a[0 .. n-1] against b[0 .. m-1].  del (n entries) and ins (m
 * entries) are filled with the change masks.  opts may be NULL.  Returns the
 * number of changed elements (deleted plus inserted).
 */
size_t diffseq(const uint32_t *a, size_t n, const uint32_t *b, size_t m,
	       bool *del, bool *ins, const struct diffseq_opts *opts);

#endif
