/*
 * html-text.c — print the article text that versus reads from a web page,
 * with its labels, for the extraction goldens and tests/tools/f1.py.
 *
 * usage: html-text [-l | -b] PAGE
 *   (default)  the text as versus compares it
 *   -l         each labelled paragraph preceded by "[label] "
 *   -b         the body: labelled paragraphs left out
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "text.h"

int
main(int argc, char **argv)
{
	struct text_opts opts = { NULL, false, TEXT_FORMAT_HTML };
	struct vs_error err;
	struct text *t;
	const char *mode = "", *path;
	size_t	i = 0, k = 0, end;

	if (argc == 3 && (strcmp(argv[1], "-l") == 0 ||
	    strcmp(argv[1], "-b") == 0)) {
		mode = argv[1];
		path = argv[2];
	} else if (argc == 2) {
		path = argv[1];
	} else {
		fputs("usage: html-text [-l | -b] PAGE\n", stderr);
		return 2;
	}
	t = text_load(path, &opts, &err);
	if (t == NULL) {
		fprintf(stderr, "html-text: %s\n", err.msg);
		return 2;
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
	putchar('\n');
	text_free(t);
	html_cleanup();
	return ferror(stdout) || fflush(stdout) ? 2 : 0;
}
