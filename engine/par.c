/*
 * par.c — a function on a thread of its own (par.h), by POSIX threads.
 */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "par.h"
#include "xalloc.h"

struct par_task {
	pthread_t thread;
	bool started;		/* else it has run already */
	void (*fn)(void *);
	void *arg;
};

static void *
run(void *p)
{
	struct par_task *t = p;

	t->fn(t->arg);
	return NULL;
}

struct par_task *
par_start(void (*fn)(void *arg), void *arg)
{
	struct par_task *t = xcalloc(1, sizeof *t);

	t->fn = fn;
	t->arg = arg;
	t->started = pthread_create(&t->thread, NULL, run, t) == 0;
	if (!t->started)
		fn(arg);
	return t;
}

void
par_wait(struct par_task *t)
{
	if (t == NULL)
		return;
	if (t->started)
		pthread_join(t->thread, NULL);
	free(t);
}
