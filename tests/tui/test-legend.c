/*
 * test-legend.c — the legend (tui/legend.h) explains every marker the
 * layout can put in the margin: each pair of the sample versions, both
 * ways, and generated pairs with moves, splits and merges, laid out side
 * by side and inline at several widths; every row's marker is blank or
 * the sample of an entry of the legend's margin part.  A marker added to
 * engine/render.c without its legend entry fails here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/pair.h"
#include "legend.h"
#include "render.h"
#include "tap.h"
#include "width.h"

static unsigned long seed = 16;

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((seed >> 33) % n);
}

/* Is code point c the (trimmed) sample of a margin entry? */
static bool
in_legend(uint32_t c)
{
	size_t e;

	if (c == ' ')
		return true;	/* the same paragraphs: no marker */
	for (e = 0; e < legend_count; e++) {
		const char *s = legend[e].sample;
		uint32_t uc;

		if (legend[e].part != LEGEND_MARGIN)
			continue;
		while (*s == ' ')
			s++;
		width_decode((const uint8_t *)s, strlen(s), &uc);
		if (uc == c)
			return true;
	}
	return false;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = malloc((size_t)n + 1);
	if (fread(s, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	s[n] = '\0';
	fclose(f);
	return s;
}

/* Markers of every layout of a against b not in the legend. */
static int
check(const char *a, const char *b, const char *what, uint32_t *seen,
      size_t *nseen)
{
	static const unsigned widths[] = { 40, 79, 100, 163 };
	struct pair p;
	size_t w, i, k;
	int in, bad = 0;

	pair_open(&p, a, b);
	for (w = 0; w < sizeof widths / sizeof widths[0]; w++)
		for (in = 0; in < 2; in++) {
			struct render_opts o = { 0 };
			struct render *r;

			o.width = widths[w];
			o.inline_view = in;
			o.cosmetic = true;
			r = render_build(p.al, &o);
			for (i = 0; i < r->nrow; i++) {
				uint32_t m = r->row[i].mark;

				for (k = 0; k < *nseen && seen[k] != m; k++)
					;
				if (k == *nseen && *nseen < 64)
					seen[(*nseen)++] = m;
				if (!in_legend(m) && bad++ == 0)
					printf("# %s: marker U+%04X is not in "
					       "the legend\n", what, (unsigned)m);
			}
			render_free(r);
		}
	pair_close(&p);
	return bad;
}

static const char *const words[] = {
	"the", "plant", "will", "make", "cells", "in", "Lisbon", "said",
	"Müller", "percent", "jobs", "a", "court", "“quoted”", "1,200",
};
#define NWORDS (sizeof words / sizeof words[0])

static void
put(char **s, size_t *n, size_t *cap, const char *w)
{
	size_t l = strlen(w);

	if (*n + l + 1 > *cap) {
		*cap = (*n + l + 1) * 2;
		*s = realloc(*s, *cap);
	}
	memcpy(*s + *n, w, l + 1);
	*n += l;
}

/* Paragraph i of a generated text: its own words, so moves are found. */
static void
para(char **s, size_t *n, size_t *cap, unsigned i, bool edit)
{
	unsigned w;
	char num[16];

	for (w = 0; w < 12; w++) {
		snprintf(num, sizeof num, "w%u ", i * 100 + w);
		put(s, n, cap, w == 5 && edit ? words[rnd(NWORDS)] : num);
		put(s, n, cap, w == 5 && edit ? " " : "");
	}
	put(s, n, cap, "end.\n\n");
}

int
main(void)
{
	static const char *const names[] = { "1-wire", "2-syndicated",
		"3-corrected", "4-rewrite", "5-summary" };
	const char *srcdir = getenv("srcdir");
	char path[4096], *text[5];
	uint32_t seen[64];
	size_t nseen = 0, i, j;
	int bad = 0, round;

	for (i = 0; i < 5; i++) {
		snprintf(path, sizeof path, "%s/samples/%s.txt",
			 srcdir ? srcdir : ".", names[i]);
		text[i] = slurp(path);
		if (text[i] == NULL)
			return printf("Bail out! cannot read %s\n", path), 1;
	}
	for (i = 0; i < 5; i++)
		for (j = 0; j < 5; j++)
			if (i != j)
				bad += check(text[i], text[j], names[i], seen,
					     &nseen);
	ok(bad == 0, "the sample versions: every marker is in the legend");

	bad = 0;
	for (round = 0; round < 40; round++) {
		char *a = NULL, *b = NULL;
		size_t na = 0, nb = 0, ca = 0, cb = 0;
		unsigned np = 2 + rnd(10), k;

		put(&a, &na, &ca, "");
		put(&b, &nb, &cb, "");
		for (k = 0; k < np; k++)
			para(&a, &na, &ca, k, false);
		for (k = 0; k < np; k++) {
			unsigned r = rnd(8);

			if (r == 0)
				continue;			/* deleted */
			para(&b, &nb, &cb, r == 1 ? (k + 3) % np : k,
			     r == 2);			/* moved, edited */
			if (r == 3)
				put(&b, &nb, &cb, "An added paragraph.\n\n");
		}
		bad += check(a, b, "generated", seen, &nseen);
		free(a);
		free(b);
	}
	ok(bad == 0, "generated pairs: every marker is in the legend");
	for (i = 0; i < nseen; i++)
		printf("# marker seen: U+%04X\n", (unsigned)seen[i]);
	ok(nseen >= 6, "the layouts used %zu different markers", nseen);
	for (i = 0; i < 5; i++)
		free(text[i]);
	return done_testing();
}
