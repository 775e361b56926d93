/*
 * bench-model.c — throughput of the text model: loading, segmenting and
 * classifying a large article-like text.
 *
 * usage: bench-model FILE MEGABYTES
 * Builds a text of about MEGABYTES by repeating FILE's paragraphs (each
 * copy numbered, so the words are not all the same), then times
 * text_from_bytes, doc_build and cmpkeys_classify and reports MB/s and the
 * peak resident memory per input byte.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "doc.h"
#include "equiv.h"
#include "cmpkeys.h"
#include "text.h"
#include "xalloc.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct vs_error err;
	struct text_opts topts = { 0 };
	struct cmpkeys_opts kopts = { 0 };
	struct text *seed, *t;
	struct doc *d;
	struct equiv *eq;
	struct cmpkeys *k;
	struct rusage ru;
	char *buf;
	size_t want, len = 0, copy = 0;
	double t0, t1, t2, t3, mb;

	if (argc != 3) {
		fprintf(stderr, "usage: bench-model FILE MEGABYTES\n");
		return 2;
	}
	seed = text_load(argv[1], &topts, &err);
	if (seed == NULL) {
		fprintf(stderr, "bench-model: %s\n", err.msg);
		return 2;
	}
	want = (size_t)(atof(argv[2]) * 1e6);
	buf = xmalloc(want + seed->len + 64);
	while (len < want) {
		len += sprintf(buf + len, "Copy %zu.\n\n", ++copy);
		memcpy(buf + len, seed->data, seed->len);
		len += seed->len;
		buf[len++] = '\n';
		buf[len++] = '\n';
	}

	t0 = now();
	t = text_from_bytes("bench", buf, len, &topts, &err);
	t1 = now();
	d = doc_build(t);
	t2 = now();
	eq = equiv_new_builtin();
	k = cmpkeys_new(&kopts, eq);
	cmpkeys_classify(k, d);
	t3 = now();
	getrusage(RUSAGE_SELF, &ru);

	mb = len / 1e6;
	printf("text model, %.1f MB: load %.3f s, segment %.3f s (%.0f MB/s), "
	       "classify %.3f s (%.0f MB/s); %zu paragraphs, %zu tokens, "
	       "%zu units; peak RSS %.1f MB (%.1f bytes per input byte, "
	       "including the input held twice)\n",
	       mb, t1 - t0, t2 - t1, mb / (t2 - t1), t3 - t2, mb / (t3 - t2),
	       d->npara, d->ntok, d->nunit, ru.ru_maxrss / 1024.0,
	       ru.ru_maxrss * 1024.0 / len);

	cmpkeys_free(k);
	equiv_free(eq);
	doc_free(d);
	text_free(t);
	text_free(seed);
	free(buf);
	return 0;
}
