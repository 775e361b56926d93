/*
 * par.h — doing two things at once.
 *
 * The machines versus runs on have two cores or more, and a comparison
 * has independent halves: two files to scan, rules to compile while the
 * texts load.  par_start() runs a function on a thread of its own while
 * the caller goes on, and par_wait() joins it.  When no thread can be
 * had, par_start() runs the function at once: the result is the same,
 * only slower.  The function must not touch what the caller touches
 * until par_wait() returns.
 */
#ifndef VERSUS_PAR_H
#define VERSUS_PAR_H

struct par_task;

/* Start fn(arg); never fails. */
struct par_task *par_start(void (*fn)(void *arg), void *arg);

/* Wait until it has run, and free the task.  NULL does nothing. */
void par_wait(struct par_task *t);

#endif
