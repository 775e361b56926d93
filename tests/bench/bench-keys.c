/*
 * bench-keys.c — what one key costs in the browser, on a small and a
 * large pair: the claim is that a key costs work proportional to the
 * screen, not to the file.
 *
 * usage: bench-keys A B
 * Opens the browser on A and B with a stub screen (stub-screen.c), then
 * plays a scripted session of 200 keys (scrolling, paging, next change,
 * search, folding) and reports its cost.  Under
 *	valgrind --tool=callgrind --instr-atstart=no bench-keys A B
 * only the key session is instrumented (the loading and alignment, done
 * once, are not), so callgrind's total is the instructions of the 200
 * keys; run alone it prints the time per key.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef HAVE_VALGRIND_CALLGRIND_H
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#endif

#include "action.h"
#include "browse.h"
#include "xalloc.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The session: what a reporter does reading a long story. */
static const int script[] = {
	ACTION_SCROLL_DOWN, ACTION_SCROLL_DOWN, ACTION_SCROLL_DOWN,
	ACTION_PAGE_DOWN, ACTION_PAGE_DOWN, ACTION_HALF_PAGE_UP,
	ACTION_NEXT_CHANGE, ACTION_NEXT_CHANGE, ACTION_NEXT_SUBSTANTIVE_CHANGE,
	ACTION_PREVIOUS_CHANGE, ACTION_NEXT_PARAGRAPH, ACTION_SCROLL_UP,
	ACTION_SEARCH_NEXT, ACTION_PAGE_DOWN, ACTION_NEXT_CHANGE,
	ACTION_SCROLL_DOWN, ACTION_BOTTOM, ACTION_PAGE_UP, ACTION_TOP,
	ACTION_NEXT_CHANGE,
};

int
main(int argc, char **argv)
{
	struct text_opts to = { 0 };
	struct session_opts so = { 0 };
	struct vs_error err;
	struct text *t[2];
	struct equiv *eq;
	struct session *s;
	struct keymap *km;
	struct browser b;
	double t0, t1;
	int i, n = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: bench-keys A B\n");
		return 2;
	}
	eq = equiv_new_builtin();
	for (i = 0; i < 2; i++) {
		t[i] = text_load(argv[1 + i], &to, &err);
		if (t[i] == NULL) {
			fprintf(stderr, "bench-keys: %s\n", err.msg);
			return 2;
		}
	}
	so.eq = eq;
	s = session_new(t, 2, &so);
	km = keymap_load("default", &err);
	browse_init(&b, s, km);
	browse_layout(&b);
	browse_draw(&b);
	/* A search pattern that occurs everywhere, for search-next. */
	snprintf(b.pattern, sizeof b.pattern, "the");

	t0 = now();
	CALLGRIND_START_INSTRUMENTATION;
	for (i = 0; i < 10; i++) {
		size_t j;

		for (j = 0; j < sizeof script / sizeof script[0]; j++) {
			browse_react(&b, browse_action(&b, script[j], 0) |
				     RE_DRAW);
			n++;
		}
	}
	CALLGRIND_STOP_INSTRUMENTATION;
	t1 = now();
	printf("%d keys on %zu + %zu bytes (%zu rows): %.1f us per key\n", n,
	       t[0]->len, t[1]->len, b.r->nrow, (t1 - t0) * 1e6 / n);
	browse_clear(&b);
	keymap_free(km);
	session_free(s);
	equiv_free(eq);
	return 0;
}
