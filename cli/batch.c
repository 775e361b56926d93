/*
 * batch.c — versus --batch: a manifest of comparisons, one JSON record
 * per line (see batch.h).  The comparison of a line is the --json one:
 * a session over its versions (session.h), asked only about the base,
 * whose comparisons output_comparisons() gathers for output_json().
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "output.h"
#include "session.h"
#include "xalloc.h"

/* One manifest line, read and cut into paths. */
struct line {
	char *buf;		/* the line, its tabs made NULs */
	size_t cap;
	char **path;		/* into buf */
	size_t npath, path_cap;
	bool too_long;		/* longer than BATCH_LINE_MAX: not kept */
	bool nul;		/* held a NUL byte */
};

/*
 * Read the next line of `in` into ln, without its "\n" or "\r\n".
 * Returns 1, 0 at the end of the input, -1 on a read error.  Bytes past
 * BATCH_LINE_MAX are read and dropped, so memory stays bounded.
 */
static int
read_line(FILE *in, struct line *ln)
{
	size_t n = 0;
	int c;

	ln->too_long = ln->nul = false;
	ln->npath = 0;
	while ((c = getc(in)) != EOF && c != '\n') {
		if (c == '\0')
			ln->nul = true;
		if (n >= BATCH_LINE_MAX) {
			ln->too_long = true;
			continue;
		}
		if (n + 1 >= ln->cap) {
			ln->cap = ln->cap ? 2 * ln->cap : 4096;
			ln->buf = xrealloc(ln->buf, ln->cap);
		}
		ln->buf[n++] = (char)c;
	}
	if (c == EOF && ferror(in))
		return -1;
	if (c == EOF && n == 0 && !ln->too_long)
		return 0;
	if (ln->buf == NULL) {
		ln->cap = 4096;
		ln->buf = xmalloc(ln->cap);
	}
	if (n > 0 && ln->buf[n - 1] == '\r')
		n--;
	ln->buf[n] = '\0';
	if (ln->too_long || ln->nul)
		return 1;
	/* Cut at tabs. */
	for (char *p = ln->buf;; p++) {
		char *tab = strchr(p, '\t');

		if (ln->npath == ln->path_cap) {
			ln->path_cap = ln->path_cap ? 2 * ln->path_cap : 8;
			ln->path = xreallocarray(ln->path, ln->path_cap,
						 sizeof *ln->path);
		}
		ln->path[ln->npath++] = p;
		if (tab == NULL)
			break;
		*tab = '\0';
		p = tab;
	}
	return 1;
}

/* {"paths":[...], — the start of every record. */
static void
put_paths(FILE *out, const struct line *ln)
{
	size_t i;

	fputs("{\"paths\":[", out);
	for (i = 0; i < ln->npath; i++) {
		if (i > 0)
			putc(',', out);
		output_json_string(out, ln->path[i]);
	}
	fputs("],", out);
}

static void
put_error(FILE *out, const struct line *ln, const char *msg)
{
	put_paths(out, ln);
	fputs("\"error\":", out);
	output_json_string(out, msg);
	fputs("}\n", out);
}

/* What is wrong with the line as a list of paths, or NULL. */
static const char *
line_problem(const struct line *ln, char *buf, size_t size)
{
	size_t i;

	if (ln->too_long) {
		snprintf(buf, size, "line longer than %d bytes",
			 BATCH_LINE_MAX);
		return buf;
	}
	if (ln->nul)
		return "a NUL byte in the line";
	if (ln->npath < 2)
		return "one path: a comparison needs two or more, separated "
			"by tabs";
	for (i = 0; i < ln->npath; i++) {
		if (ln->path[i][0] == '\0')
			return "an empty path (two tabs in a row, or a tab at "
				"an end)";
		if (strcmp(ln->path[i], "-") == 0)
			return "-: standard input cannot be a version in a "
				"batch";
	}
	return NULL;
}

/*
 * Compare the versions of ln as versus --json does (a session asked only
 * about the base, output_comparisons, output_json) and write the JSON
 * object to mem.  Returns 0, or -1 with err set when a file cannot be
 * read.
 */
static int
compare(const struct line *ln, const struct batch_opts *o, FILE *mem,
	struct batch_stats *st, struct vs_error *err)
{
	struct session_opts so = { *o->keys, o->eq, o->bp, 0, true, NULL,
				   false };
	size_t n = ln->npath, i, ncmp;
	struct text **texts = xcalloc(n, sizeof *texts);
	struct comparison *cmp;
	struct session *s;
	size_t bytes = 0;

	for (i = 0; i < n; i++) {
		texts[i] = text_load(ln->path[i], o->text, err);
		if (texts[i] == NULL) {
			while (i-- > 0)
				text_free(texts[i]);
			free(texts);
			return -1;
		}
		bytes += texts[i]->raw_len;
	}
	s = session_new(texts, n, &so);		/* takes the texts */
	free(texts);
	cmp = xcalloc(n, sizeof *cmp);
	ncmp = output_comparisons(s, true, cmp);
	output_json(mem, session_texts(s), session_docs(s), n, cmp, ncmp);
	for (i = 0; i < ncmp; i++)
		if (session_differs(s, cmp[i].a, cmp[i].b)) {
			st->differ++;
			break;
		}
	st->bytes += bytes;
	free(cmp);
	session_free(s);
	return 0;
}

/*
 * The record of a compared line: "paths", then the members of the --json
 * object (its "{" dropped), on one line: output_json's line ends lie
 * between tokens (a JSON string never holds a raw one), so they go.
 */
static void
put_record(FILE *out, const struct line *ln, const char *json, size_t len)
{
	const char *p = json, *end = json + len, *nl;

	put_paths(out, ln);
	if (p < end && *p == '{')
		p++;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		fwrite(p, 1, (size_t)((nl ? nl : end) - p), out);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	putc('\n', out);
}

int
batch_run(FILE *in, FILE *out, const struct batch_opts *o,
	  struct batch_stats *st)
{
	struct line ln = { 0 };
	struct vs_error err;
	char *json = NULL, why[64];
	size_t json_len = 0;
	const char *problem;
	FILE *mem;
	int r, rc = 0;

	memset(st, 0, sizeof *st);
	while ((r = read_line(in, &ln)) == 1) {
		st->lines++;
		if (!ln.too_long && !ln.nul && ln.npath == 1 &&
		    ln.path[0][0] == '\0')
			continue;	/* a blank line */
		problem = line_problem(&ln, why, sizeof why);
		if (problem != NULL) {
			put_error(out, &ln, problem);
			st->failed++;
		} else if ((mem = open_memstream(&json, &json_len)) == NULL) {
			rc = -1;
			break;
		} else {
			r = compare(&ln, o, mem, st, &err);
			if (fclose(mem) != 0) {
				rc = -1;
				break;
			}
			if (r == 0) {
				put_record(out, &ln, json, json_len);
				st->compared++;
			} else {
				put_error(out, &ln, err.msg);
				st->failed++;
			}
			free(json);
			json = NULL;
		}
		if (ferror(out)) {
			rc = -1;
			break;
		}
	}
	if (r < 0)
		rc = -1;
	free(json);
	free(ln.buf);
	free(ln.path);
	return rc;
}
