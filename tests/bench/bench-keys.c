/*
 * bench-keys.c — what the browser costs on a pair: the first screen, and
 * each key, the re-layout toggles included.  The claim is that all of it
 * costs work proportional to the screen, not to the file (issue 15: the
 * first screen within 0.2 s at 10 MB and 0.5 s at 50 MB, not counting the
 * alignment; every key within 50 ms at 50 MB; at most 4 bytes of memory
 * per input byte).
 *
 * usage: bench-keys [--session-only] A B
 * Opens the browser on A and B with a stub screen (stub-screen.c) and
 * prints, in CPU time: the alignment's time (the session's, not the layout's) and the
 * first screen's; then the slowest and mean time of each kind of key,
 * first "cold" (right after opening, nothing counted ahead: what a user
 * who types at once gets) and then "warm" (once the idle loop has counted
 * the layout, which it does while no key comes, timed too); the peak
 * memory; and the mean of a scripted session of 200 keys (scrolling,
 * paging, next change, search, folding), alone with --session-only.
 * Under
 *	valgrind --tool=callgrind --instr-atstart=no bench-keys \
 *	    --session-only A B
 * only that session is instrumented, so callgrind's total is the
 * instructions of the 200 keys.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#ifdef HAVE_VALGRIND_CALLGRIND_H
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#endif

#include "action.h"
#include "browse.h"
#include "keycode.h"
#include "xalloc.h"

/* CPU time: the machine may be shared (make -j, other benchmarks). */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
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

/* The keys timed one by one: each kind, a few times. */
static const struct {
	const char *name;
	int action;
	const char *arg;	/* typed into the prompt, then Enter */
} timed[] = {
	{ "scroll down", ACTION_SCROLL_DOWN, NULL },
	{ "page down", ACTION_PAGE_DOWN, NULL },
	{ "page up", ACTION_PAGE_UP, NULL },
	{ "next change", ACTION_NEXT_CHANGE, NULL },
	{ "previous change", ACTION_PREVIOUS_CHANGE, NULL },
	{ "next paragraph", ACTION_NEXT_PARAGRAPH, NULL },
	{ "previous paragraph", ACTION_PREVIOUS_PARAGRAPH, NULL },
	{ "search next", ACTION_SEARCH_NEXT, NULL },
	{ "search previous", ACTION_SEARCH_PREVIOUS, NULL },
	{ "bottom (G)", ACTION_BOTTOM, NULL },
	{ "top (g)", ACTION_TOP, NULL },
	{ "go to 50%", ACTION_GOTO, "50%" },
	{ "go to paragraph", ACTION_GOTO, "9000" },
	{ "changes only (c)", ACTION_TOGGLE_CHANGES_ONLY, NULL },
	{ "cosmetic (o)", ACTION_TOGGLE_COSMETIC, NULL },
	{ "boilerplate", ACTION_TOGGLE_BOILERPLATE, NULL },
	{ "inline", ACTION_TOGGLE_INLINE, NULL },
	{ "characters", ACTION_TOGGLE_CHARS, NULL },
};
#define NTIMED (sizeof timed / sizeof timed[0])

static double
key(struct browser *b, int action, const char *arg)
{
	double t0 = now();
	int re = browse_action(b, action, 0);

	if (arg != NULL && b->prompt != PROMPT_NONE) {
		for (; *arg; arg++)
			re |= browse_prompt_key(b, (unsigned char)*arg);
		re |= browse_prompt_key(b, KEYCODE_ENTER);
	}
	browse_react(b, re | RE_DRAW);
	return now() - t0;
}

/* The session and keymap, for a browser opened afresh. */
static struct session *sess;
static struct keymap *keys;

/* A browser just opened, at paragraph 5000: nothing counted ahead. */
static void
fresh(struct browser *b)
{
	browse_clear(b);
	browse_init(b, sess, keys);
	browse_layout(b);
	browse_draw(b);
	snprintf(b->pattern, sizeof b->pattern, "the");
	key(b, ACTION_GOTO, "5000");
}

/*
 * Each timed key 4 times (a toggle twice on, twice off), from the middle;
 * cold, each time in a browser opened afresh (what a user who types one
 * key at once gets; a toggle is then always turned on).
 */
static void
time_keys(struct browser *b, const char *when, bool cold)
{
	double worst = 0;
	size_t i;
	int k;

	printf("  keys, %s (slowest / mean of 4, ms):\n", when);
	for (i = 0; i < NTIMED; i++) {
		double max = 0, sum = 0, t;

		for (k = 0; k < 4; k++) {
			if (cold)
				fresh(b);
			if (timed[i].action == ACTION_BOTTOM ||
			    timed[i].action == ACTION_TOP)
				key(b, ACTION_GOTO, k % 2 ? "3000" : "7000");
			t = key(b, timed[i].action, timed[i].arg);
			sum += t;
			if (t > max)
				max = t;
		}
		if (max > worst)
			worst = max;
		printf("    %-20s %8.2f %8.2f\n", timed[i].name, max * 1e3,
		       sum / 4 * 1e3);
	}
	printf("    %-20s %8.2f\n", "slowest of all", worst * 1e3);
}

static long
peak_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

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
	bool session_only = false;
	size_t est;

	if (argc == 4 && strcmp(argv[1], "--session-only") == 0) {
		session_only = true;
		argv++;
		argc--;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: bench-keys [--session-only] A B\n");
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
	so.base_only = true;	/* as versus sets it for two versions */
	s = sess = session_new(t, 2, &so);
	km = keys = keymap_load("default", &err);
	browse_init(&b, s, km);
	t0 = now();
	session_alignment(s, 0, 1);
	t1 = now();
	printf("%zu + %zu bytes: alignment %.3f s", t[0]->len, t[1]->len,
	       t1 - t0);
	/* What the browser asks the session for, worked out once a pair. */
	t0 = now();
	session_op_kinds(s, 0, 1);
	session_block_kinds(s, 0, 1);
	session_labels(s, 0, 1);
	session_paraphrase_of(s, 0, 1);
	session_stats(s, 0, 1);
	session_similarity(s, 0, 1);
	t1 = now();
	printf(", the session's facts and counts %.3f s (the engine's); "
	       "first screen %.3f s more", t1 - t0,
	       (browse_layout(&b), browse_draw(&b), now() - t1));
	printf(", peak memory %.0f MB, %.1f bytes per input byte\n",
	       peak_kb() / 1024.0, peak_kb() * 1024.0 / (t[0]->len + t[1]->len));
	snprintf(b.pattern, sizeof b.pattern, "the");
	if (session_only)
		goto session;
	/* To a paragraph: nothing counted on the way (a share would). */
	time_keys(&b, "cold (each key in a browser opened afresh)", true);
	fresh(&b);
	est = view_count(&b.view);
	t0 = now();
	while (browse_idle(&b, 20) > 0)
		;
	printf("  the idle loop counts the rest in %.3f s: %zu view rows, "
	       "%zu estimated before\n", now() - t0, view_count(&b.view), est);
	key(&b, ACTION_GOTO, "30%");
	time_keys(&b, "warm (all counted)", false);
	printf("  peak memory %.0f MB, %.1f bytes per input byte\n",
	       peak_kb() / 1024.0, peak_kb() * 1024.0 / (t[0]->len + t[1]->len));
session:
	/* A search pattern that occurs everywhere, for search-next. */
	snprintf(b.pattern, sizeof b.pattern, "the");
	key(&b, ACTION_TOP, NULL);

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
	printf("  %d keys of a scripted session (%zu view rows): %.1f us per "
	       "key\n", n, view_count(&b.view), (t1 - t0) * 1e6 / n);
	browse_clear(&b);
	keymap_free(km);
	session_free(s);
	equiv_free(eq);
	return 0;
}
