/*
 * test-fuzz-regress.c — replay the fuzzers' inputs without libFuzzer: every
 * seed in tests/fuzz/corpus/NAME/ through fuzz_NAME_one(), and every saved
 * reproducer in tests/fuzz/regress/ (named NAME-something) through the
 * harness its name gives, so `make check` keeps found bugs fixed.  The
 * checks themselves are in tests/fuzz/checks.c.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/checks.h"
#include "tap.h"
#include "xalloc.h"

struct harness {
	const char *name;
	int (*one)(const uint8_t *data, size_t size);
};

static const struct harness harnesses[] = {
	{ "text", fuzz_text_one },
	{ "doc", fuzz_doc_one },
	{ "align", fuzz_align_one },
	{ "json", fuzz_json_one },
	{ "equiv", fuzz_equiv_one },
	{ "cdx", fuzz_cdx_one },
	{ "browse", fuzz_browse_one },
};
#define NHARNESS (sizeof harnesses / sizeof harnesses[0])

/* The whole of a file, or NULL. */
static uint8_t *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (f == NULL)
		return NULL;
	do {
		buf = xgrow(buf, &cap, n + 4096, 1);
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	*len = n;
	return buf;
}

static int
regular(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

static void
replay(const struct harness *h, const char *dir, const char *file)
{
	char path[4096];
	uint8_t *data;
	size_t len = 0;
	int rc;

	snprintf(path, sizeof path, "%s/%s", dir, file);
	data = slurp(path, &len);
	if (data == NULL) {
		ok(0, "read %s", path);
		return;
	}
	rc = h->one(data, len);
	if (!ok(rc == 0, "%s: %s", h->name, path))
		printf("#   %s\n", fuzz_failure());
	free(data);
}

/* Each file of dir through h, or (h NULL) through its name's harness. */
static void
replay_dir(const char *dir, const struct harness *h)
{
	struct dirent **list;
	int n, i;
	size_t k, len;

	n = scandir(dir, &list, regular, alphasort);
	if (n < 0) {
		skip("no directory %s", dir);
		return;
	}
	for (i = 0; i < n; i++) {
		const char *file = list[i]->d_name;

		if (h != NULL) {
			replay(h, dir, file);
		} else {
			for (k = 0; k < NHARNESS; k++) {
				const char *name = harnesses[k].name;

				len = strlen(name);
				if (strncmp(file, name, len) == 0 &&
				    file[len] == '-') {
					replay(&harnesses[k], dir, file);
					break;
				}
			}
		}
		free(list[i]);
	}
	free(list);
}

int
main(void)
{
	const char *srcdir = getenv("srcdir");
	char dir[4096];
	size_t k;

	if (srcdir == NULL || *srcdir == '\0')
		srcdir = ".";
	for (k = 0; k < NHARNESS; k++) {
		snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", srcdir,
			 harnesses[k].name);
		replay_dir(dir, &harnesses[k]);
	}
	snprintf(dir, sizeof dir, "%s/tests/fuzz/regress", srcdir);
	replay_dir(dir, NULL);
	/* An empty input and a one-byte one, for every harness. */
	for (k = 0; k < NHARNESS; k++) {
		static const uint8_t one[1] = { 0 };

		ok(harnesses[k].one(one, 0) == 0, "%s: empty input",
		   harnesses[k].name);
		ok(harnesses[k].one(one, 1) == 0, "%s: one NUL byte",
		   harnesses[k].name);
	}
	return done_testing();
}
