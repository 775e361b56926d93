/*
 * test-progress.c — the progress hook (align.h) as properties, on shapes
 * of text that stress each stage: paragraphs all reworded a little, one
 * giant paragraph of edited sentences, paragraphs shuffled, versions
 * equal.  Watching changes nothing: --json and --stat are byte for byte
 * those of a session without the hook, for two versions (lazily built
 * docs) and three.  What the hook hears is sane: counts never above
 * their totals, bytes counted in A and its size the total, versions read
 * before any pair is aligned, in bytes of them all that never go back,
 * come at the start and twice a version at least (segmented, then
 * classified) and end at the total, and within one alignment the stages in
 * order (pairing, words, moves); tracing sentences (mapping.h) goes, pair
 * by pair, from 0 to its total and never back.  Long work is heard all
 * along: inside the one giant paragraph the words stage reports many
 * places, and the reworded pair reports from both halves of its pairing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "equiv.h"
#include "output.h"
#include "session.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"

static struct equiv *eq;

/* What the hook heard. */
struct heard {
	struct align_step *v;
	size_t n, cap;
};

static void
hear(void *arg, const struct align_step *at)
{
	struct heard *h = arg;

	h->v = xgrow(h->v, &h->cap, h->n + 1, sizeof *h->v);
	h->v[h->n++] = *at;
}

/* A word made of three syllables from x: there are 8,000. */
static void
word(char *buf, unsigned x)
{
	static const char *const syl[20] = {
		"ba", "ke", "lo", "mi", "nu", "pa", "re", "si", "to", "vu",
		"da", "fe", "go", "hi", "ju", "ka", "le", "mo", "ni", "po",
	};

	x %= 8000;
	sprintf(buf, "%s%s%s", syl[x % 20], syl[x / 20 % 20], syl[x / 400]);
}

enum shape { REWORDED, GIANT, SHUFFLED, EQUAL, NSHAPE };

static const char *const shape_names[] = {
	"reworded paragraphs", "one giant paragraph", "shuffled paragraphs",
	"equal versions",
};

/*
 * Version v (0, 1 or 2) of a text of that shape, about 150 kB: 1,200
 * sentences of 20 words, a paragraph each or all in one.
 */
static struct text *
make(enum shape sh, int v)
{
	size_t cap = 1 << 18, len = 0;
	char *buf = xmalloc(cap), w[8];
	struct vs_error err;
	struct text *t;
	unsigned i, k, n = 1200;

	for (i = 0; i < n; i++) {
		/* Shuffled: blocks of ten paragraphs swap in pairs. */
		unsigned p = sh == SHUFFLED && v > 0 ? (i / 10 ^ 1) * 10 +
			i % 10 : i;

		if (p >= n)
			p = i;
		if (len + 400 > cap)
			buf = xrealloc(buf, cap *= 2);
		len += (size_t)sprintf(buf + len, "Item %u", p);
		for (k = 0; k < 20; k++) {
			word(w, p * 31 + k * 17 + p * k * 7);
			if ((sh == REWORDED || sh == GIANT) && v > 0 &&
			    k % 6 == (p + (unsigned)v) % 6)
				strcpy(w, v == 1 ? "changed" : "altered");
			len += (size_t)sprintf(buf + len, " %s", w);
		}
		len += (size_t)sprintf(buf + len, sh == GIANT ? ". " : ".\n\n");
	}
	t = text_from_bytes("shape", buf, len, NULL, &err);
	free(buf);
	if (t == NULL) {
		printf("Bail out! %s\n", err.msg);
		exit(1);
	}
	return t;
}

/* --stat and --json of session s, as one string. */
static char *
outputs(struct session *s)
{
	size_t n = session_count(s), ncmp;
	struct comparison *cmp = xcalloc(n, sizeof *cmp);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ncmp = output_comparisons(s, true, cmp);
	output_stat(f, session_texts(s), session_docs(s), n, cmp, ncmp, NULL);
	output_json(f, session_texts(s), session_docs(s), n, cmp, ncmp);
	fclose(f);
	free(cmp);
	return buf;
}

static struct session *
open_shape(enum shape sh, size_t n, const struct align_progress *pg)
{
	struct session_opts so = { { 0 }, eq, NULL, 0, n == 2, pg, false };
	struct text *t[3];
	size_t i;

	for (i = 0; i < n; i++)
		t[i] = make(sh, (int)i);
	return session_new(t, n, &so);
}

static bool
align_stage(int stage)
{
	return stage == ALIGN_PAIR || stage == ALIGN_WORDS ||
		stage == ALIGN_MOVES;
}

static void
check_shape(enum shape sh, size_t n)
{
	struct heard h = { 0 };
	struct align_progress pg = { hear, &h };
	struct session *plain = open_shape(sh, n, NULL);
	struct session *watched = open_shape(sh, n, &pg);
	const char *name = shape_names[sh];
	char *want = outputs(plain), *got = outputs(watched);
	size_t k, over = 0, badbytes = 0, order = 0, late = 0, words = 0;
	size_t lo = 0, hi = 0, lastdone = (size_t)-1;
	size_t reads = 0, readback = 0, readbad = 0, readlast = 0, all = 0;
	size_t traced = 0, traceback = 0, tracelast = 0, tracetotal = 0;
	int stage = -1;
	const struct doc *pa = NULL, *pb = NULL, *ta = NULL, *tb = NULL;
	bool aligned = false;

	ok(strcmp(got, want) == 0, "%s, %zu versions: watched, the same "
	   "--stat and --json", name, n);
	ok(h.n > 0, "%s, %zu versions: the hook heard %zu reports", name, n,
	   h.n);
	for (k = 0; k < n; k++)
		all += session_texts(watched)[k]->len;
	for (k = 0; k < h.n; k++) {
		const struct align_step *at = &h.v[k];

		over += at->done > at->total;
		if (at->stage == ALIGN_READ) {
			readbad += !at->bytes || at->total != all ||
				at->a != NULL || at->b != NULL;
			readback += reads > 0 && at->done < readlast;
			readlast = at->done;
			reads++;
		} else if (at->bytes && (at->a == NULL ||
				  at->total != at->a->text->len)) {
			badbytes++;
		}
		if (at->stage == ALIGN_READ && aligned)
			late++;
		if (at->stage == ALIGN_TRACE) {
			if (at->a != ta || at->b != tb) {	/* a new pair */
				traceback += traced > 0 &&
					tracelast != tracetotal;
				traceback += at->done != 0;
				traced++;
				ta = at->a;
				tb = at->b;
				tracelast = 0;
			}
			traceback += at->done < tracelast || at->a == NULL;
			tracelast = at->done;
			tracetotal = at->total;
		}
		if (!align_stage(at->stage))
			continue;
		aligned = true;
		/* A new pair starts a new alignment. */
		if (at->a == pa && at->b == pb && at->stage < stage)
			order++;
		pa = at->a;
		pb = at->b;
		stage = at->stage;
		if (at->stage == ALIGN_WORDS && at->done != lastdone) {
			words++;
			lastdone = at->done;
		}
		if (at->stage == ALIGN_PAIR && at->bytes) {
			lo += at->done < at->total / 2;
			hi += at->done >= at->total / 2;
		}
	}
	ok(over == 0, "%s, %zu versions: no count above its total", name, n);
	ok(badbytes == 0, "%s, %zu versions: bytes of A, its size the total",
	   name, n);
	ok(late == 0, "%s, %zu versions: versions read before any alignment",
	   name, n);
	ok(readbad == 0, "%s, %zu versions: reading counts bytes of all the "
	   "versions", name, n);
	ok(readback == 0 && readlast == all, "%s, %zu versions: reading's "
	   "bytes never go back and end at the total (%zu of %zu)", name, n,
	   readlast, all);
	ok(reads >= 2 * n + 1, "%s, %zu versions: reading heard %zu times",
	   name, n, reads);
	ok(order == 0, "%s, %zu versions: stages in order in an alignment",
	   name, n);
	ok(traced == n - 1 && traceback == 0 && tracelast == tracetotal,
	   "%s, %zu versions: tracing each of %zu pairs goes from 0 to its "
	   "total, never back", name, n, traced);
	if (sh == GIANT)
		ok(words >= 10, "%s, %zu versions: inside the paragraph, the "
		   "words stage reports %zu places", name, n, words);
	if (sh == REWORDED)
		ok(lo > 0 && hi > 0, "%s, %zu versions: pairing reports from "
		   "both halves (%zu, %zu)", name, n, lo, hi);
	free(want);
	free(got);
	free(h.v);
	session_free(plain);
	session_free(watched);
}

int
main(void)
{
	enum shape sh;

	eq = equiv_new_builtin();
	for (sh = REWORDED; sh < NSHAPE; sh++) {
		check_shape(sh, 2);
		check_shape(sh, 3);
	}
	equiv_free(eq);
	return done_testing();
}
