/*
 * batch.h — versus --batch MANIFEST: many comparisons in one process,
 * for an archive.
 *
 * The manifest has one comparison per line: two or more paths separated
 * by tabs, the first the base (as on the command line).  Each line gets
 * one line of output, a JSON object: the --json object of that comparison
 * with "paths" (the line's paths) first,
 *
 *	{"paths":["a.txt","b.txt"],"versions":[...],"comparisons":[...]}
 *
 * or, for a line that cannot be compared (a missing file, one path, a
 * line too long), an error record that names what went wrong,
 *
 *	{"paths":["a.txt","gone.txt"],"error":"gone.txt: No such file or directory"}
 *
 * after which the batch goes on.  Blank lines are skipped.  Records come
 * out in the order of the lines and name no line number, so that the
 * output of a manifest cut into pieces (GNU parallel --pipe --keep-order)
 * is the output of the whole, byte for byte.
 *
 * Memory does not grow with the manifest: each line is read, compared,
 * written and freed before the next (a line is at most BATCH_LINE_MAX
 * bytes), each in a session of its own (session.h), keys included.
 */
#ifndef VERSUS_BATCH_H
#define VERSUS_BATCH_H

#include <stddef.h>
#include <stdio.h>

#include "boiler.h"
#include "cmpkeys.h"
#include "equiv.h"
#include "text.h"

#define BATCH_LINE_MAX	(1024 * 1024)

struct batch_opts {
	const struct text_opts *text;	/* how to read each file */
	const struct cmpkeys_opts *keys;	/* what counts as a difference */
	const struct equiv *eq;		/* equivalences (may be NULL) */
	const struct boiler *bp;	/* boilerplate rules (may be NULL) */
};

struct batch_stats {
	size_t lines;		/* lines read, blank ones included */
	size_t compared;	/* lines compared */
	size_t failed;		/* lines that got an error record */
	size_t differ;		/* compared lines with a substantive change */
	size_t bytes;		/* bytes of the files compared */
};

/*
 * Compare every line of `in` and write a record for each to `out`.
 * Returns 0, or -1 when reading `in` or writing `out` failed (errno set;
 * the batch stops there).  A line that cannot be compared is not a
 * failure of the batch: it is counted in st->failed.
 */
int batch_run(FILE *in, FILE *out, const struct batch_opts *o,
	      struct batch_stats *st);

#endif
