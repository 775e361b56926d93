/*
 * html-text.c — print the article text that versus reads from a web page,
 * with its labels, for the extraction goldens and tests/tools/f1.py.
 *
 * usage: html-text [-l | -b | -B] PAGE
 *   (default)  the text as versus compares it
 *   -l         each labelled paragraph preceded by "[label] "
 *   -b         the body: labelled paragraphs left out
 *   -B         the body, and the paragraphs the boilerplate rules label
 *              left out too (the body text readers of a diff see)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "doc.h"
#include "html.h"
#include "text.h"

/* The paragraphs no label and no boilerplate rule claims. */
static void
body_only(const struct text *t)
{
	struct boiler *b = boiler_new_builtin();
	struct doc *d = doc_build(t);
	size_t	k;

	for (k = 0; k < d->npara; k++) {
		if (boiler_match(b, d, (uint32_t)k) != NULL)
			continue;
		fwrite(t->data + d->para[k].start, 1,
		    d->para[k].end - d->para[k].start, stdout);
		fputs("\n\n", stdout);
	}
	doc_free(d);
	boiler_free(b);
}

int
main(int argc, char **argv)
{
	struct text_opts opts = { NULL, false, TEXT_FORMAT_HTML };
	struct vs_error err;
	struct text *t;
	const char *mode = "", *path;
	size_t	i = 0, k = 0, end;

	if (argc == 3 && (strcmp(argv[1], "-l") == 0 ||
	    strcmp(argv[1], "-b") == 0 || strcmp(argv[1], "-B") == 0)) {
		mode = argv[1];
		path = argv[2];
	} else if (argc == 2) {
		path = argv[1];
	} else {
		fputs("usage: html-text [-l | -b | -B] PAGE\n", stderr);
		return 2;
	}
	t = text_load(path, &opts, &err);
	if (t == NULL) {
		fprintf(stderr, "html-text: %s\n", err.msg);
		return 2;
	}
	if (strcmp(mode, "-B") == 0) {
		body_only(t);
		i = t->len;
	}
	while (i < t->len) {
		end = k < t->nlabels ? t->labels[k].start : t->len;
		fwrite(t->data + i, 1, end - i, stdout);
		i = end;
		if (k == t->nlabels)
			break;
		if (strcmp(mode, "-l") == 0)
			printf("[%s] ", t->labels[k].name);
		if (strcmp(mode, "-b") != 0)
			fwrite(t->data + i, 1, t->labels[k].end - i, stdout);
		i = t->labels[k++].end;
	}
	if (strcmp(mode, "-B") != 0)
		putchar('\n');
	text_free(t);
	html_cleanup();
	return ferror(stdout) || fflush(stdout) ? 2 : 0;
}
