/*
 * test-shapes.c — adversarial shapes for the alignment, with a bound on
 * the work per input byte (issue 19.2 and 19.5).  Each shape is generated
 * at two sizes from a fixed seed: one paragraph against its sentences one
 * per paragraph and the reverse, huge paragraphs shuffled and reworded,
 * look-alike paragraphs from one template, a shuffle of many small ones,
 * the same paragraph repeated.  The work is al->work, an operation count
 * (units loaded, bounded and diffed while scoring candidate pairs), not
 * a time, so the test means the same on every machine: a cost that grows
 * with the square of the input shows as work per byte that grows with
 * the size.  `make bench` keeps the timings.
 */
#include <stdlib.h>
#include <string.h>

#include "pair.h"
#include "rng.h"
#include "tap.h"

/* Work per input byte allowed at every size. */
#define WORK_PER_BYTE	40.0

static const char *const words[] = {
	"the", "plant", "will", "make", "cells", "in", "Lisbon", "said",
	"percent", "jobs", "court", "permit", "shares", "rose", "capacity",
	"harbour", "minister", "council", "budget", "river", "bridge",
	"school", "of", "a", "to", "and", "by", "for", "with", "after",
};
#define NWORDS (sizeof words / sizeof words[0])

/* Sentence k: eight words and a number that tells it apart. */
static void
sentence(struct buf *b, unsigned k, unsigned reword)
{
	char num[32];
	unsigned w;

	for (w = 0; w < 8; w++) {
		buf_add(b, rnd(100) < reword ? "changed" :
		    words[(k * 7 + w * 13 + k / 3) % NWORDS]);
		buf_add(b, w == 0 && (k & 1) ? " " : " ");
	}
	snprintf(num, sizeof num, "number%u.", k);
	buf_add(b, num);
}

enum shape { ONE_MANY, MANY_ONE, HUGE_SHUFFLED, LOOKALIKE, SHUFFLE,
	     REPEATED, NSHAPES };
static const char *const shape_name[] = {
	"one paragraph against its sentences",
	"sentences against one paragraph",
	"huge paragraphs shuffled and reworded",
	"look-alike paragraphs",
	"many small paragraphs shuffled",
	"one paragraph repeated",
};

/* Versions A and B of shape sh with about n sentences. */
static void
make_shape(enum shape sh, unsigned n, struct buf *a, struct buf *b)
{
	unsigned i, p, np = 16, *order = malloc((n + 1) * sizeof *order);
	char line[128];

	for (i = 0; i < n; i++)
		order[i] = i;
	switch (sh) {
	case ONE_MANY:
	case MANY_ONE:
		for (i = 0; i < n; i++) {
			sentence(sh == ONE_MANY ? a : b, i, 0);
			buf_add(sh == ONE_MANY ? a : b, " ");
			sentence(sh == ONE_MANY ? b : a, i, 0);
			buf_add(sh == ONE_MANY ? b : a, "\n\n");
		}
		break;
	case HUGE_SHUFFLED:
		for (p = 0; p < np; p++)
			order[p] = p;
		for (p = np - 1; p > 0; p--) {
			unsigned q = rnd(p + 1), t = order[p];

			order[p] = order[q];
			order[q] = t;
		}
		for (p = 0; p < np; p++) {
			for (i = 0; i < n / np; i++) {
				sentence(a, p * n + i, 0);
				buf_add(a, " ");
			}
			buf_add(a, "\n\n");
			for (i = 0; i < n / np; i++) {
				sentence(b, order[p] * n + i, 20);
				buf_add(b, " ");
			}
			buf_add(b, "\n\n");
		}
		break;
	case LOOKALIKE:
		for (i = 0; i < n; i++) {
			snprintf(line, sizeof line, "Section %u of the general "
				 "fund is provided solely for the river bridge "
				 "budget of %u dollars.\n\n", i, 1000 + i);
			buf_add(a, line);
			snprintf(line, sizeof line, "Section %u of the general "
				 "fund is provided solely for the river bridge "
				 "budget of %u dollars.\n\n", i,
				 1000 + (rnd(5) ? i : i + 1));
			buf_add(b, line);
		}
		break;
	case SHUFFLE:
		for (i = n - 1; i > 0; i--) {
			unsigned q = rnd(i + 1), t = order[i];

			order[i] = order[q];
			order[q] = t;
		}
		for (i = 0; i < n; i++) {
			sentence(a, i, 0);
			buf_add(a, "\n\n");
			sentence(b, order[i], 10);
			buf_add(b, "\n\n");
		}
		break;
	case REPEATED:
		for (i = 0; i < n; i++) {
			sentence(a, 1, 0);
			buf_add(a, "\n\n");
			sentence(b, 1, i % 7 == 0 ? 30 : 0);
			buf_add(b, "\n\n");
		}
		break;
	case NSHAPES:
		break;
	}
	free(order);
}

int
main(void)
{
	static const unsigned sizes[] = { 1000, 8000 };
	int sh;
	size_t k;

	for (sh = 0; sh < NSHAPES; sh++) {
		double per[2] = { 0, 0 };

		for (k = 0; k < 2; k++) {
			struct buf a = { 0 }, b = { 0 };
			struct pair p;

			rng = 1900 + (unsigned long)sh;
			buf_add(&a, "");
			buf_add(&b, "");
			make_shape((enum shape)sh, sizes[k], &a, &b);
			pair_open(&p, a.s, b.s);
			per[k] = (double)p.al->work / (double)(a.n + b.n);
			pair_close(&p);
			free(a.s);
			free(b.s);
		}
		/* Bounded, and not growing with the size. */
		if (!ok(per[0] <= WORK_PER_BYTE && per[1] <= WORK_PER_BYTE &&
			per[1] <= 1.5 * per[0] + 1,
			"%s: work per byte within %.0f at %u and %u sentences, "
			"not growing", shape_name[sh], WORK_PER_BYTE, sizes[0],
			sizes[1]))
			printf("#   work per byte %.2f, then %.2f\n", per[0],
			       per[1]);
		else
			printf("# %s: %.3f, %.3f\n", shape_name[sh], per[0],
			       per[1]);
	}
	return done_testing();
}
