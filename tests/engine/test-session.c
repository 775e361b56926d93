/*
 * test-session.c — a session over a chosen subset of the versions
 * (session_subset): it reuses the loaded texts and docs and the pairs
 * already aligned, and says exactly what a session opened on those
 * versions alone says: the --stat output (counts, similarity matrix,
 * presence table) and the --json output are byte for byte the same, for
 * every subset of the sample story and of the seeds (SEEDS_DIR), in
 * order and reversed, ignoring case or not.  The subset's base is the
 * base of all where it is picked (as --base would say), else its first.
 * The same again with all a lazy base session (session.h), whose pairs
 * with the base read lazy docs and any other pair whole ones, also over a
 * made-up set whose versions share most paragraphs byte for byte.
 */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "equiv.h"
#include "output.h"
#include "session.h"
#include "doc.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"

#define MAXV 8

static struct equiv *eq;

/* A session over the files paths[pick[0 .. k-1]], read anew. */
static struct session *
fresh(char paths[][4096], const size_t *pick, size_t k, size_t base,
      bool lazy_base)
{
	/* Two versions: as the browser opens them, base only too. */
	struct session_opts so = { { 0 }, eq, NULL, base,
				   lazy_base && k == 2, NULL, lazy_base };
	struct text *t[MAXV];
	struct vs_error err;
	size_t i;

	for (i = 0; i < k; i++) {
		t[i] = text_load(paths[pick[i]], NULL, &err);
		if (t[i] == NULL) {
			printf("Bail out! %s\n", err.msg);
			exit(1);
		}
	}
	return session_new(t, k, &so);
}

/* What --stat and --json of session s write, as one string. */
static char *
outputs(struct session *s)
{
	size_t n = session_count(s), ncmp, i, j;
	struct comparison *cmp = xcalloc(n, sizeof *cmp);
	double *matrix = xcalloc(n * n, sizeof *matrix);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ncmp = output_comparisons(s, true, cmp);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			matrix[i * n + j] = session_similarity(s, i, j);
	output_stat(f, session_texts(s), session_docs(s), n, cmp, ncmp,
		    n > 2 ? matrix : NULL);
	if (n > 2)
		output_presence(f, session_presence(s, session_base(s)),
				session_texts(s));
	output_json(f, session_texts(s), session_docs(s), n, cmp, ncmp);
	fclose(f);
	free(cmp);
	free(matrix);
	return buf;
}

/* "1,3,5": the versions picked, 1-based. */
static const char *
named(const size_t *pick, size_t k)
{
	static char buf[64];
	size_t i, l = 0;

	buf[0] = '\0';
	for (i = 0; i < k; i++)
		l += (size_t)snprintf(buf + l, sizeof buf - l, "%s%zu",
				      i ? "," : "", pick[i] + 1);
	return buf;
}

/*
 * Subset `pick` of `all` against a session of those files alone: the
 * same outputs; the same texts, docs and alignments as `all` (nothing
 * read, built or aligned again).
 */
static void
check_subset(const char *set, struct session *all, char paths[][4096],
	     const size_t *pick, size_t k, bool fold_case)
{
	struct session *sub = session_subset(all, pick, k);
	/* As `versus --base`: the base of all, where it is picked. */
	struct session *alone = fresh(paths, pick, k, session_base(sub),
				      false);
	size_t i, j, bad = 0;
	char *got, *want;

	session_ignore_case(all, !fold_case);
	session_ignore_case(sub, fold_case);	/* all's mode too */
	session_ignore_case(alone, fold_case);
	got = outputs(sub);
	want = outputs(alone);
	if (!ok(strcmp(got, want) == 0, "%s %s%s: --stat and --json as "
		"those versions alone", set, named(pick, k),
		fold_case ? ", ignoring case" : "")) {
		for (i = 0; got[i] && got[i] == want[i]; i++)
			;
		printf("#   first difference at byte %zu: '%.60s' / '%.60s'\n",
		       i, got + i, want + i);
	}
	for (i = 0; i < k; i++) {
		bad += session_texts(sub)[i] != session_texts(all)[pick[i]];
		bad += session_docs(sub)[i] != session_docs(all)[pick[i]];
		for (j = 0; j < k; j++)
			if (i != j)
				bad += session_alignment(sub, i, j) !=
					session_alignment(all, pick[i],
							  pick[j]);
	}
	is_int(bad, 0, "%s %s%s: the texts, docs and alignments of all the "
	       "versions", set, named(pick, k),
	       fold_case ? ", ignoring case" : "");
	free(got);
	free(want);
	session_free(alone);
	session_free(sub);
	session_ignore_case(all, false);
}

/* The presence table around version `base` of s, as --stat prints it. */
static char *
presence_text(struct session *s, size_t base)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	output_presence(f, session_presence(s, base), session_texts(s));
	fclose(f);
	return buf;
}

/*
 * Versions pick[0 .. k-1] with a lazy base (and base only, for two, as
 * the browser opens them): the presence table around every version is
 * that of a session without.
 */
static void
check_presence(const char *set, char paths[][4096], const size_t *pick,
	       size_t k)
{
	struct session *lazy = fresh(paths, pick, k, 0, true);
	struct session *plain = fresh(paths, pick, k, 0, false);
	size_t base;

	for (base = 0; base < k; base++) {
		char *got = presence_text(lazy, base);
		char *want = presence_text(plain, base);

		ok(strcmp(got, want) == 0, "%s %s, lazy base: the presence "
		   "table around version %zu", set, named(pick, k), base + 1);
		free(got);
		free(want);
	}
	session_free(lazy);
	session_free(plain);
}

/* Every subset of two versions or more of paths[0 .. n-1]. */
static void
check_set(const char *set, char paths[][4096], size_t n, bool lazy_base)
{
	size_t every[MAXV] = { 0 }, pick[MAXV], k, i;
	unsigned bits;
	struct session *all;

	for (i = 0; i < n; i++)
		every[i] = i;
	all = fresh(paths, every, n, 0, lazy_base);
	for (bits = 1; bits < 1u << n; bits++) {
		for (k = 0, i = 0; i < n; i++)
			if (bits & 1u << i)
				pick[k++] = i;
		if (k < 2)
			continue;
		check_subset(set, all, paths, pick, k, false);
		if (lazy_base && (k == 2 || k == n))
			check_presence(set, paths, pick, k);
		if (k == 3 || k == n) {
			size_t rev[MAXV];

			for (i = 0; i < k; i++)
				rev[i] = pick[k - 1 - i];
			check_subset(set, all, paths, rev, k, false);
			check_subset(set, all, paths, pick, k, true);
		}
	}
	session_free(all);
}

static int
cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The base, a subset of a subset, and the pairs aligned once. */
static void
check_shape(char paths[][4096])
{
	struct session_opts so = { { 0 }, eq, NULL, 2, false, NULL, false };
	struct text *t[5];
	struct vs_error err;
	struct session *all, *sub, *subsub, *one;
	static const size_t odd[] = { 0, 2, 4 }, two[] = { 0, 1 },
		last[] = { 2, 0 }, alone[] = { 3 };
	size_t i;

	for (i = 0; i < 5; i++)
		t[i] = text_load(paths[i], NULL, &err);
	all = session_new(t, 5, &so);
	sub = session_subset(all, odd, 3);
	is_int(session_count(sub), 3, "subset 1,3,5: three versions");
	is_int(session_base(sub), 1, "the base, version 3, is its second");
	ok(session_texts(sub)[2] == t[4], "its third is version 5");
	/* Asked first of the subset, then of all: one alignment. */
	{
		const struct alignment *al = session_alignment(sub, 2, 1);

		ok(al == session_alignment(all, 4, 2),
		   "a pair aligned for the subset is all's");
		ok(session_stats(sub, 2, 1) == session_stats(all, 4, 2),
		   "and so are its counts");
		ok(session_changes(sub, 1, 2) == session_changes(all, 2, 4),
		   "and its change sites, the other way round too");
	}
	subsub = session_subset(sub, last, 2);
	is_int(session_count(subsub), 2, "a subset of it: two versions");
	ok(session_texts(subsub)[0] == t[4] && session_texts(subsub)[1] == t[0],
	   "versions 5 and 1, in that order");
	is_int(session_base(subsub), 0, "the base not picked: the first");
	ok(session_alignment(subsub, 0, 1) == session_alignment(all, 4, 0),
	   "its pairs are all's too");
	session_free(sub);		/* the subset of it lives on */
	ok(session_docs(subsub)[1] == session_docs(all)[0],
	   "freeing a subset leaves all's docs");
	session_free(subsub);
	sub = session_subset(all, two, 2);
	is_int(session_base(sub), 0, "subset 1,2: the base is its first");
	ok(session_similarity(sub, 0, 1) == session_similarity(all, 0, 1),
	   "the same similarity");
	session_free(sub);
	one = session_subset(all, alone, 1);
	is_int(session_count(one), 1, "a subset of one version");
	ok(session_presence(one, 0)->nversions == 1,
	   "its presence table has one column");
	session_free(one);
	session_free(all);
}

/*
 * Paragraph p of the made-up set, into f: two sentences of words drawn
 * by p, no two paragraphs alike; `edit` puts another word in, `shout`
 * capitalises it.
 */
static void
shared_para(FILE *f, size_t p, bool edit, bool shout)
{
	static const char *const lex[] = { "harbour", "council", "mayor",
		"ferry", "budget", "pier", "storm", "vote", "tide", "crane",
		"dock", "fleet", "quay", "toll", "levy", "audit", "grant",
		"plan", "road", "bridge", "rail", "port", "fish", "salt",
		"rope", "sail", "mast", "hull", "keel", "deck" };
	uint32_t x = (uint32_t)p * 2654435761u + 12345u;
	size_t k;

	fprintf(f, "%s %zu", shout ? "ITEM" : "Item", p);
	for (k = 0; k < 14; k++) {
		x = x * 1103515245u + 12345u;
		fprintf(f, "%s %s", k == 7 ? "." : "",
			edit && k == 3 ? "changed" : lex[(x >> 16) % 30]);
	}
	fprintf(f, ".\n\n");
}

/*
 * Four versions of 40 paragraphs, in dir: the second edits one and moves
 * one, the third drops one, edits one, repeats one and capitalises one,
 * the fourth edits one; most paragraphs are the same in all four.
 */
static void
write_shared(const char *dir, char paths[][4096])
{
	size_t v, p;

	for (v = 0; v < 4; v++) {
		FILE *f;

		snprintf(paths[v], sizeof paths[v], "%s/v%zu.txt", dir, v + 1);
		f = fopen(paths[v], "w");
		if (f == NULL) {
			printf("Bail out! cannot write %s\n", paths[v]);
			exit(1);
		}
		for (p = 0; p < 40; p++) {
			if ((v == 1 && p == 10) || (v == 2 && p == 5))
				continue;
			shared_para(f, p, (v == 1 && p == 3) ||
				    (v == 2 && p == 20) || (v == 3 && p == 12),
				    v == 2 && p == 30);
			if (v == 2 && p == 7)
				shared_para(f, p, false, false);
		}
		if (v == 1)
			shared_para(f, 10, false, false);
		fclose(f);
	}
}

/*
 * Every pair of versions paths[0 .. n-1], both ways round, in a lazy base
 * session and in one without: the same counts and blocks.
 */
static void
check_pairs(const char *set, char paths[][4096], size_t n)
{
	static const size_t every[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	struct session *lazy = fresh(paths, every, n, 0, true);
	struct session *plain = fresh(paths, every, n, 0, false);
	size_t i, j, bad = 0;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			const struct align_stats *x, *y;

			if (i == j)
				continue;
			x = session_stats(lazy, i, j);
			y = session_stats(plain, i, j);
			bad += x->kept != y->kept || x->deleted != y->deleted ||
				x->inserted != y->inserted ||
				x->changed_a != y->changed_a ||
				x->changed_b != y->changed_b ||
				x->moved != y->moved ||
				x->substantive != y->substantive ||
				x->cosmetic != y->cosmetic ||
				x->similarity != y->similarity ||
				session_alignment(lazy, i, j)->nblock !=
				session_alignment(plain, i, j)->nblock;
		}
	is_int(bad, 0, "%s, lazy base: every pair's counts and blocks as "
	       "without", set);
	session_free(lazy);
	session_free(plain);
}

/* The made-up set, with a lazy base: its lazy docs leave paragraphs whole. */
static void
check_shared(void)
{
	static char paths[MAXV][4096];
	static const size_t every[] = { 0, 1, 2, 3 };
	char dir[] = "/tmp/test-session.XXXXXX";
	struct session *all;
	size_t p, whole = 0, v;

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp\n");
		exit(1);
	}
	write_shared(dir, paths);
	all = fresh(paths, every, 4, 0, true);
	session_alignment(all, 0, 1);
	for (p = 0; p < session_docs(all)[0]->npara; p++)
		whole += doc_para_whole(session_docs(all)[0], p) != 0;
	ok(whole > 20, "made-up set: the lazy base leaves paragraphs whole "
	   "(%zu)", whole);
	session_free(all);
	check_set("made-up, lazy base", paths, 4, true);
	check_pairs("made-up", paths, 4);
	for (v = 0; v < 4; v++)
		remove(paths[v]);
	remove(dir);
}

int
main(void)
{
	const char *srcdir = getenv("srcdir"), *seeds = getenv("SEEDS_DIR");
	static char paths[MAXV][4096];
	static const char *const names[] = { "1-wire", "2-syndicated",
		"3-corrected", "4-rewrite", "5-summary" };
	size_t i, n;
	DIR *dir;
	struct dirent *e;

	if (srcdir == NULL || *srcdir == '\0')
		srcdir = ".";
	eq = equiv_new_builtin();
	for (i = 0; i < 5; i++)
		snprintf(paths[i], sizeof paths[i], "%s/samples/%s.txt",
			 srcdir, names[i]);
	check_shape(paths);
	check_set("samples", paths, 5, false);
	check_set("samples, lazy base", paths, 5, true);

	/* The seeds, in the order of their names. */
	n = 0;
	if (seeds != NULL && (dir = opendir(seeds)) != NULL) {
		char *name[MAXV];

		while ((e = readdir(dir)) != NULL && n < MAXV)
			if (strlen(e->d_name) > 4 &&
			    strcmp(e->d_name + strlen(e->d_name) - 4,
				   ".txt") == 0)
				name[n++] = xstrdup(e->d_name);
		closedir(dir);
		qsort(name, n, sizeof *name, cmp_names);
		for (i = 0; i < n; i++) {
			snprintf(paths[i], sizeof paths[i], "%s/%s", seeds,
				 name[i]);
			free(name[i]);
		}
	}
	if (n >= 2) {
		check_set("seeds", paths, n, false);
		check_set("seeds, lazy base", paths, n, true);
	} else
		skip_seeds("no seeds in SEEDS_DIR");
	check_shared();
	equiv_free(eq);
	return done_testing();
}
