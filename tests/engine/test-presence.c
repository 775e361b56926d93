/*
 * test-presence.c — the presence table over several versions: rows and
 * their order, cells, first introducers, unique passages, the printed
 * table, and the edge cases (one version, repeated passages, long and
 * unsafe excerpts).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "doc.h"
#include "equiv.h"
#include "cmpkeys.h"
#include "output.h"
#include "presence.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"

#define MAXV 8

/* N versions, classified by one struct cmpkeys, aligned against a base. */
struct set {
	size_t n, base;
	struct text *t[MAXV];
	struct doc *d[MAXV];
	struct alignment *al[MAXV];
	struct equiv *eq;
	struct cmpkeys *k;
	struct presence *p;
};

static void
set_open(struct set *s, size_t base, const char *const *texts, size_t n)
{
	struct cmpkeys_opts ko = { 0 };
	char name[32];
	size_t v;

	memset(s, 0, sizeof *s);
	s->n = n;
	s->base = base;
	s->eq = equiv_new_builtin();
	s->k = cmpkeys_new(&ko, s->eq);
	for (v = 0; v < n; v++) {
		snprintf(name, sizeof name, "v%zu", v + 1);
		s->t[v] = text_from_bytes(name, texts[v], strlen(texts[v]),
		    NULL, NULL);
		s->d[v] = doc_build(s->t[v]);
		cmpkeys_classify(s->k, s->d[v]);
	}
	for (v = 0; v < n; v++)
		if (v != base)
			s->al[v] = align_build(s->d[base], s->d[v], NULL);
	s->p = presence_build(s->d, n, base, s->al);
}

static void
set_close(struct set *s)
{
	size_t v;

	presence_free(s->p);
	for (v = 0; v < s->n; v++) {
		align_free(s->al[v]);
		doc_free(s->d[v]);
		text_free(s->t[v]);
	}
	cmpkeys_free(s->k);
	equiv_free(s->eq);
}

/*
 * The rows in a compact form: per row, the base paragraph (1-based) or
 * "+", then per version the paragraph carrying it (1-based, "-" absent)
 * with a suffix for its state ("~" changed, "m" moved) and "*" on the
 * first introducer of an insertion; "!" ends a unique row.
 *   "1:1,1,1 | +:-,1*,- ! | ..."
 */
static const char *
rows(const struct presence *p)
{
	static char buf[4096];
	const struct presence_row *r;
	const struct presence_cell *c;
	size_t i, v, n = 0;

	buf[0] = '\0';
	for (i = 0; i < p->nrow && n < sizeof buf - 128; i++) {
		r = &p->row[i];
		if (i > 0)
			n += (size_t)snprintf(buf + n, sizeof buf - n, " | ");
		if (r->base_para >= 0)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%d:",
			    r->base_para + 1);
		else
			n += (size_t)snprintf(buf + n, sizeof buf - n, "+:");
		for (v = 0; v < p->nversions; v++) {
			c = &r->cell[v];
			if (v > 0)
				buf[n++] = ',';
			if (c->state == PRESENCE_ABSENT) {
				buf[n++] = '-';
			} else {
				n += (size_t)snprintf(buf + n, sizeof buf - n,
				    "%d", c->para + 1);
				if (c->npara > 1)
					n += (size_t)snprintf(buf + n,
					    sizeof buf - n, "x%u",
					    (unsigned)c->npara);
				if (c->state == PRESENCE_CHANGED)
					buf[n++] = '~';
				if (c->state == PRESENCE_MOVED)
					buf[n++] = 'm';
				if (r->base_para < 0 && v == r->first)
					buf[n++] = '*';
			}
		}
		if (r->unique)
			n += (size_t)snprintf(buf + n, sizeof buf - n, " !");
		buf[n] = '\0';
	}
	return buf;
}

/* The printed table. */
static const char *
printed(const struct set *s)
{
	static char buf[8192];
	FILE *f = fmemopen(buf, sizeof buf, "w");

	memset(buf, 0, sizeof buf);
	output_presence(f, s->p, s->t);
	fclose(f);
	return buf;
}

static const char *const story[] = {
	/* v1, the base */
	"Ferry fares to rise\n\n"
	"The city will raise ferry fares by 10 per cent from April, the "
	"council said on Monday.\n\n"
	"The increase is the first in five years, and the council expects "
	"it to raise two million a year.\n\n"
	"Commuter groups said the rise was unfair and would hurt workers "
	"on the islands.\n\n"
	"The council will vote on the plan at its meeting next week.\n",
	/* v2: a byline first, a changed figure, the commuters dropped */
	"By Marta Quill\n\n"
	"Ferry fares to rise\n\n"
	"The city will raise ferry fares by 12 per cent from April, the "
	"council said on Monday.\n\n"
	"The increase is the first in five years, and the council expects "
	"it to raise two million a year.\n\n"
	"The council will vote on the plan at its meeting next week.\n",
	/* v3: a caption, and a passage on a petition */
	"Ferry fares to rise\n\n"
	"The city will raise ferry fares by 10 per cent from April, the "
	"council said on Monday.\n\n"
	"A ferry leaves the harbour at dawn. (photo: Oskar Lind)\n\n"
	"The increase is the first in five years, and the council expects "
	"it to raise two million a year.\n\n"
	"Commuter groups said the rise was unfair and would hurt workers "
	"on the islands.\n\n"
	"Islanders have started a petition against the increase, which has "
	"gathered 3,000 signatures.\n\n"
	"The council will vote on the plan at its meeting next week.\n\n"
	"Related: Harbour dredging begins\n",
	/*
	 * v4: the vote first (a move), the caption (with a cosmetic
	 * difference), the petition reworded
	 */
	"The council will vote on the plan at its meeting next week.\n\n"
	"Ferry fares to rise\n\n"
	"The city will raise ferry fares by 10 per cent from April, the "
	"council said on Monday.\n\n"
	"A ferry leaves the harbour at dawn.  (Photo: Oskar Lind)\n\n"
	"The increase is the first in five years, and the council expects "
	"it to raise two million a year.\n\n"
	"Commuter groups said the rise was unfair and would hurt workers "
	"on the islands.\n\n"
	"Islanders have started a petition against the increase, which has "
	"now gathered 3,000 signatures.\n",
};

/*
 * What every table must satisfy: base rows in order with insertion rows
 * after the base row they name; the base carries exactly its rows; each
 * cell names a block of al[v] that holds its paragraph; first, counts and
 * unique agree with the cells; every inserted paragraph of every version
 * is in exactly one row.
 */
static int
invariants(const struct set *s)
{
	const struct presence *p = s->p;
	const struct presence_row *r;
	const struct presence_cell *c;
	const struct block *bl;
	int32_t last = -1;
	size_t i, v, carrying, nunique = 0, nins = 0, k, found;
	uint32_t first;

	for (i = 0; i < p->nrow; i++) {
		r = &p->row[i];
		if (r->base_para >= 0) {
			if (r->base_para != last + 1 || r->after != r->base_para)
				return 0;
			last = r->base_para;
		} else {
			nins++;
			if (r->after != last)
				return 0;
		}
		carrying = 0;
		first = UINT32_MAX;
		for (v = 0; v < p->nversions; v++) {
			c = &r->cell[v];
			if (v == p->base) {
				if ((r->base_para >= 0) !=
				    (c->state == PRESENCE_SAME) ||
				    (r->base_para >= 0 &&
				    (c->para != r->base_para || c->block != -1)))
					return 0;
			} else if (c->state != PRESENCE_ABSENT) {
				if (c->block < 0 ||
				    (size_t)c->block >= s->al[v]->nblock)
					return 0;
				bl = &s->al[v]->block[c->block];
				if (c->para < (int32_t)bl->b ||
				    c->para >= (int32_t)(bl->b + bl->nb))
					return 0;
				if ((c->state == PRESENCE_MOVED) !=
				    (bl->move != 0))
					return 0;
			} else if (c->para != -1 || c->npara != 0 ||
			    c->block != -1) {
				return 0;
			}
			if (c->state != PRESENCE_ABSENT) {
				carrying++;
				if (first == UINT32_MAX)
					first = (uint32_t)v;
			}
		}
		if (carrying != r->nversions_carrying || first != r->first ||
		    r->unique != (carrying == 1))
			return 0;
		nunique += r->unique;
	}
	if (last + 1 != (int32_t)s->d[p->base]->npara ||
	    nins != p->ninserted || nunique != p->nunique ||
	    p->nrow != s->d[p->base]->npara + nins)
		return 0;
	/*
	 * Each inserted, unmoved paragraph of v is in one cell: in one row,
	 * or in several rows with that same cell (v merged their passages).
	 */
	for (v = 0; v < p->nversions; v++) {
		if (v == p->base)
			continue;
		for (k = 0; k < s->al[v]->nblock; k++) {
			bl = &s->al[v]->block[k];
			if (bl->kind != BLOCK_INSERTED || bl->move)
				continue;
			found = 0;
			c = NULL;
			for (i = 0; i < p->nrow; i++) {
				r = &p->row[i];
				if (r->cell[v].state == PRESENCE_ABSENT ||
				    r->cell[v].para > (int32_t)bl->b ||
				    r->cell[v].para + (int32_t)r->cell[v].npara
				    <= (int32_t)bl->b)
					continue;
				if (c != NULL && (c->para != r->cell[v].para ||
				    c->npara != r->cell[v].npara))
					return 0;
				c = &r->cell[v];
				found++;
			}
			if (found == 0)
				return 0;
		}
	}
	return 1;
}

static void
test_story(void)
{
	struct set s;
	const struct presence_row *r;

	set_open(&s, 0, story, 4);
	ok(invariants(&s), "story: invariants");
	is_str(rows(s.p),
	    "+:-,1*,-,- ! | 1:1,2,1,2 | 2:2,3~,2,3 | +:-,-,3*,4 | "
	    "3:3,4,4,5 | 4:4,-,5,6 | +:-,-,6*,7~ | 5:5,5,7,1m | +:-,-,8*,- !",
	    "story: rows, cells and first introducers");
	is_int(s.p->nrow, 9, "story: 9 rows");
	is_int(s.p->ninserted, 4, "story: 4 insertions");
	is_int(s.p->nunique, 2, "story: 2 unique");
	r = &s.p->row[0];
	ok(r->base_para == -1 && r->after == -1 && r->first == 1 &&
	    r->nversions_carrying == 1 && r->unique,
	    "story: v2's byline comes before the first base row, unique");
	r = &s.p->row[3];
	ok(r->base_para == -1 && r->after == 1 && r->first == 2 &&
	    r->nversions_carrying == 2 && !r->unique &&
	    r->cell[3].state == PRESENCE_SAME,
	    "story: the caption, introduced by v3, carried by v4 too");
	r = &s.p->row[6];
	ok(r->after == 3 && r->first == 2 && r->nversions_carrying == 2 &&
	    r->cell[2].state == PRESENCE_SAME &&
	    r->cell[3].state == PRESENCE_CHANGED,
	    "story: the petition, reworded by v4, is one passage");
	r = &s.p->row[5];
	ok(r->base_para == 3 && r->first == 0 &&
	    r->nversions_carrying == 3 &&
	    r->cell[1].state == PRESENCE_ABSENT,
	    "story: v2 dropped the commuters");
	r = &s.p->row[7];
	ok(r->cell[3].state == PRESENCE_MOVED && r->cell[3].para == 0 &&
	    s.p->row[2].cell[1].state == PRESENCE_CHANGED,
	    "story: v4 moved the vote; v2 changed a figure");
	is_str(printed(&s),
	    "presence: base 1 of 4 versions (\u25a0 same, \u25a1 changed, "
	    "\u2195 moved, \u25c6 introduced, \u00b7 absent)\n"
	    "\u00b6  1 2 3 4  passage\n"
	    "+  \u00b7 \u25c6 \u00b7 \u00b7  By Marta Quill\n"
	    "1  \u25a0 \u25a0 \u25a0 \u25a0  Ferry fares to rise\n"
	    "2  \u25a0 \u25a1 \u25a0 \u25a0  The city will raise ferry fares "
	    "by 10 p\u2026\n"
	    "+  \u00b7 \u00b7 \u25c6 \u25a0  A ferry leaves the harbour at "
	    "dawn. (ph\u2026\n"
	    "3  \u25a0 \u25a0 \u25a0 \u25a0  The increase is the first in five "
	    "years\u2026\n"
	    "4  \u25a0 \u00b7 \u25a0 \u25a0  Commuter groups said the rise was "
	    "unfai\u2026\n"
	    "+  \u00b7 \u00b7 \u25c6 \u25a1  Islanders have started a petition "
	    "again\u2026\n"
	    "5  \u25a0 \u25a0 \u25a0 \u2195  The council will vote on the plan "
	    "at it\u2026\n"
	    "+  \u00b7 \u00b7 \u25c6 \u00b7  Related: Harbour dredging begins\n"
	    "9 passages: 5 of the base, 4 inserted; 2 in one version only\n",
	    "story: the printed table");
	set_close(&s);

	/* The same versions around v3: v1 now lacks v3's additions. */
	set_open(&s, 2, story, 4);
	ok(invariants(&s), "story around v3: invariants");
	is_str(rows(s.p),
	    "+:-,1*,-,- ! | 1:1,2,1,2 | 2:2,3~,2,3 | 3:-,-,3,4 | "
	    "4:3,4,4,5 | 5:4,-,5,6 | 6:-,-,6,7~ | 7:5,5,7,1m | 8:-,-,8,- !",
	    "story around v3: rows");
	ok(s.p->row[1].first == 0 && s.p->row[4].first == 0,
	    "story around v3: first is the lowest version, even below the "
	    "base");
	set_close(&s);
}

/* The first carrier in time: the earliest dated version carrying it. */
static void
test_first_carrier(void)
{
	struct set s;
	long long when;

	set_open(&s, 0, story, 4);
	/* Row 3 is the caption, carried by v3 and v4. */
	is_int(presence_first_carrier(s.p, 3, &when), 2,
	    "first carrier: without dates, the lowest version");
	is_int(when, 0, "first carrier: no date");
	s.t[2]->when = 1700000000;
	s.t[3]->when = 1600000000;
	s.t[0]->when = 1500000000;	/* v1 lacks the caption */
	is_int(presence_first_carrier(s.p, 3, &when), 3,
	    "first carrier: the earliest of the versions carrying it");
	ok(when == 1600000000, "first carrier: its date");
	s.t[3]->when = 0;
	is_int(presence_first_carrier(s.p, 3, &when), 2,
	    "first carrier: an undated version is never earlier");
	is_int(presence_first_carrier(s.p, 1, &when), 0,
	    "first carrier: a base row carried by v1, the earliest");
	set_close(&s);
}

/* Repeated passages: the k-th copy in a version is the k-th row. */
static void
test_repeats(void)
{
	static const char *const v[] = {
		"Fares rise.\n\nThe vote is next week.\n",
		"Fares rise.\n\nAdvertisement\n\nAdvertisement\n\n"
		"Advertisement\n\nThe vote is next week.\n",
		"Fares rise.\n\nAdvertisement\n\nAdvertisement\n\n"
		"The vote is next week.\n",
	};
	struct set s;

	set_open(&s, 0, v, 3);
	ok(invariants(&s), "repeats: invariants");
	is_str(rows(s.p),
	    "1:1,1,1 | +:-,2*,2 | +:-,3*,3 | +:-,4*,- ! | 2:2,5,4",
	    "repeats: copies pair up in order");
	set_close(&s);
}

/*
 * Placement in a gap: v2 adds X and Z after the title; v3 adds Y then X
 * (Y goes before the X it precedes); v4 adds W alone (at the end).
 */
static void
test_order(void)
{
	static const char *const v[] = {
		"Title of the story\n\nThe body of the story ends here.\n",
		"Title of the story\n\nXavier arrived on the first ferry.\n\n"
		"Zoe left on the last ferry.\n\n"
		"The body of the story ends here.\n",
		"Title of the story\n\nYann waited at the pier all day.\n\n"
		"Xavier arrived on the first ferry.\n\n"
		"The body of the story ends here.\n",
		("Title of the story\n\nWilma sold tickets at the kiosk.\n\n"
		"The body of the story ends here.\n"),
	};
	struct set s;

	set_open(&s, 0, v, 4);
	ok(invariants(&s), "order: invariants");
	is_str(rows(s.p),
	    "1:1,1,1,1 | +:-,-,2*,- ! | +:-,2*,3,- | +:-,3*,-,- ! | "
	    "+:-,-,-,2* ! | 2:2,4,4,3",
	    "order: each version's order is kept within a gap");
	set_close(&s);
}

/* A paragraph split in two, and two merged into one. */
static void
test_split(void)
{
	static const char *const v[] = {
		"Fares rise on the ferries.\n\n"
		"The council met on Monday and agreed to raise the fares by "
		"ten per cent. Commuter groups oppose the rise and plan a "
		"protest at the harbour.\n\n"
		"The mayor was not at the meeting.\n\n"
		"She is on holiday in the mountains.\n",
		"Fares rise on the ferries.\n\n"
		"The council met on Monday and agreed to raise the fares by "
		"ten per cent.\n\n"
		"Commuter groups oppose the rise and plan a protest at the "
		"harbour.\n\n"
		"The mayor was not at the meeting. She is on holiday in the "
		"mountains.\n",
	};
	struct set s;

	set_open(&s, 0, v, 2);
	ok(invariants(&s), "split: invariants");
	is_str(rows(s.p), "1:1,1 | 2:2,2x2~ | 3:3,4~ | 4:4,4~",
	    "split: one base row carried by two paragraphs, two by one");
	set_close(&s);
}

/* One version: the base alone, every passage unique. */
static void
test_single(void)
{
	static const char *const v[] = { "One.\n\nTwo.\n" };
	struct alignment *none[1] = { NULL };
	struct set s;

	set_open(&s, 0, v, 1);
	ok(invariants(&s), "single: invariants");
	is_str(rows(s.p), "1:1 ! | 2:2 !", "single: rows");
	is_str(printed(&s),
	    "presence: base 1 of 1 versions (\u25a0 same, \u25a1 changed, "
	    "\u2195 moved, \u25c6 introduced, \u00b7 absent)\n"
	    "\u00b6  1  passage\n"
	    "1  \u25a0  One.\n"
	    "2  \u25a0  Two.\n"
	    "2 passages: 2 of the base, 0 inserted; 2 in one version only\n",
	    "single: printed");
	presence_free(s.p);
	s.p = presence_build(s.d, 1, 0, none);
	is_int(s.p->nrow, 2, "single: al may hold NULL for the base");
	set_close(&s);
}

/* Excerpts: escapes made visible, wide characters clipped by width. */
static void
test_excerpts(void)
{
	static const char *const v[] = {
		"Alarm \x1b[31mred\x1b[0m\tand\r\nmore\n\n"
		"\xe6\xb8\xaf\xe5\x8f\xa3\xe6\xb8\xaf\xe5\x8f\xa3\xe6\xb8\xaf"
		"\xe5\x8f\xa3\xe6\xb8\xaf\xe5\x8f\xa3\xe6\xb8\xaf\xe5\x8f\xa3"
		"\xe6\xb8\xaf\xe5\x8f\xa3\xe6\xb8\xaf\xe5\x8f\xa3\xe6\xb8\xaf"
		"\xe5\x8f\xa3\xe6\xb8\xaf\xe5\x8f\xa3\xe6\xb8\xaf\xe5\x8f\xa3"
		"\xe6\xb8\xaf\xe5\x8f\xa3\n\n"
		"Bad \xff byte and a word that is long enough to be clipped\n",
	};
	struct set s;
	const char *out, *line;

	set_open(&s, 0, v, 1);
	out = printed(&s);
	line = strstr(out, "\n1 ");
	ok(line && strncmp(line + 1, "1  \u25a0  Alarm ^[[31mred^[[0m and "
	    "more\n", strlen("1  \u25a0  Alarm ^[[31mred^[[0m and more\n")) ==
	    0, "excerpt: escapes visible, white space single");
	line = strstr(out, "\n2 ");
	ok(line && strncmp(line + 1, "2  \u25a0  "
	    "\u6e2f\u53e3\u6e2f\u53e3\u6e2f\u53e3\u6e2f\u53e3\u6e2f\u53e3"
	    "\u6e2f\u53e3\u6e2f\u53e3\u6e2f\u53e3\u6e2f\u53e3\u6e2f\u2026\n",
	    strlen("2  \u25a0  ") + 19 * 3 + 4) == 0,
	    "excerpt: 19 wide characters (38 columns) and an ellipsis");
	line = strstr(out, "\n3 ");
	ok(line && strncmp(line + 1, "3  \u25a0  Bad \ufffd byte and a word "
	    "that is long enou\u2026\n", strlen("3  \u25a0  Bad \ufffd byte "
	    "and a word that is long enou\u2026\n")) == 0,
	    "excerpt: an invalid byte is U+FFFD");
	set_close(&s);
}

/*
 * Versions made at random (fixed seed) from a pool of paragraphs, with
 * drops, repeats, reorderings and one-word edits: every table keeps the
 * invariants.
 */
static void
test_random(void)
{
	static const char *const pool[] = {
		"The ferry left the harbour at dawn with forty passengers.",
		"Fares will rise by ten per cent from the first of April.",
		"The council voted on Monday by seven votes to four.",
		"Commuters said they had not been consulted about the rise.",
		"Advertisement",
		"Read more: Harbour dredging begins next week",
		"The mayor was on holiday and did not take part in the vote.",
		"Islanders have started a petition against the increase.",
		"A new timetable will be published in the spring.",
		"By Marta Quill",
		"The operator blamed the rising cost of fuel and wages.",
		"Share this article",
	};
	static char text[MAXV][4096];
	const char *texts[MAXV];
	unsigned long seed = 12345;
	size_t it, v, k, n, len, np, pick, bad = 0;
	char word[16];
	struct set s;

#define RND(m) ((seed = seed * 6364136223846793005u + 1442695040888963407u), \
	(size_t)((seed >> 33) % (m)))
	for (it = 0; it < 200; it++) {
		n = 2 + RND(4);
		for (v = 0; v < n; v++) {
			len = 0;
			np = RND(9);
			for (k = 0; k < np; k++) {
				pick = RND(sizeof pool / sizeof pool[0]);
				len += (size_t)snprintf(text[v] + len,
				    sizeof text[v] - len, "%s%s", k ? "\n\n" :
				    "", pool[pick]);
				if (RND(4) == 0) {
					snprintf(word, sizeof word, " w%zu",
					    RND(5));
					len += (size_t)snprintf(text[v] + len,
					    sizeof text[v] - len, "%s", word);
				}
			}
			text[v][len] = '\0';
			texts[v] = text[v];
		}
		set_open(&s, RND(n), texts, n);
		if (!invariants(&s)) {
			bad++;
			printf("# invariants broken in round %zu\n", it);
		}
		set_close(&s);
	}
#undef RND
	is_int(bad, 0, "random versions: invariants hold in 200 rounds");
}

/*
 * Versions of a story of passages with words of their own, each passage
 * two sentences: versions keep every passage in order, but split one in
 * two paragraphs, merge two into one, edit a word.  Around every base, the table must
 * show each paragraph of each version in one cell (a merged paragraph in
 * the rows of the passages it merged, a split passage in one cell of two
 * paragraphs), never put two passages that share nothing in one row, and
 * show a version present in every row of a passage it carries, merged or
 * split.
 */
#define GEN_PASSAGES	10
#define GEN_PARAS	(2 * GEN_PASSAGES)

struct gen {
	char text[MAXV][8192];
	/* the passages each paragraph of each version carries, as bits */
	unsigned ids[MAXV][GEN_PARAS];
	size_t npara[MAXV];
};

static void
gen_word(char *buf, size_t size, size_t k)
{
	static const char cons[] = "bdfgklmnprstvz", vow[] = "aeiou";
	size_t n = 0;

	do {
		if (n + 3 >= size)
			break;
		buf[n++] = cons[k % 14];
		k /= 14;
		buf[n++] = vow[k % 5];
		k /= 5;
	} while (k > 0);
	buf[n] = '\0';
}

/* Sentence s (0 or 1) of passage x, with word `edit` replaced (or not). */
static size_t
gen_sentence(char *out, size_t size, size_t x, size_t s, long edit)
{
	char w[16];
	size_t k, n = 0;

	for (k = 0; k < 8; k++) {
		if ((long)k == edit) {
			w[0] = 'z';
			w[1] = 'u';
			gen_word(w + 2, sizeof w - 2, 7 * x + k + 1000);
		}
		else
			gen_word(w, sizeof w, 100 + x * 16 + s * 8 + k);
		n += (size_t)snprintf(out + n, size - n, "%s%s", k ? " " : "",
		    w);
	}
	n += (size_t)snprintf(out + n, size - n, ".");
	return n;
}

static unsigned long gen_seed = 4242;

static size_t
gen_rnd(size_t m)
{
	gen_seed = gen_seed * 6364136223846793005u + 1442695040888963407u;
	return (size_t)((gen_seed >> 33) % m);
}

static void
gen_version(struct gen *g, size_t v, size_t npass)
{
	char *t = g->text[v];
	size_t x, len = 0, np = 0, size = sizeof g->text[v];
	long edit;

	for (x = 0; x < npass; x++) {
		edit = gen_rnd(5) == 0 ? (long)gen_rnd(8) : -1;
		if (np > 0)
			len += (size_t)snprintf(t + len, size - len, "\n\n");
		if (gen_rnd(8) == 0) {
			/* split */
			len += gen_sentence(t + len, size - len, x, 0, edit);
			len += (size_t)snprintf(t + len, size - len, "\n\n");
			len += gen_sentence(t + len, size - len, x, 1, -1);
			g->ids[v][np++] = 1u << x;
			g->ids[v][np++] = 1u << x;
		} else if (x + 1 < npass && gen_rnd(8) == 0) {
			/* merged with the next */
			len += gen_sentence(t + len, size - len, x, 0, edit);
			len += (size_t)snprintf(t + len, size - len, " ");
			len += gen_sentence(t + len, size - len, x, 1, -1);
			len += (size_t)snprintf(t + len, size - len, " ");
			len += gen_sentence(t + len, size - len, x + 1, 0, -1);
			len += (size_t)snprintf(t + len, size - len, " ");
			len += gen_sentence(t + len, size - len, x + 1, 1, -1);
			g->ids[v][np++] = 3u << x;
			x++;
		} else {
			len += gen_sentence(t + len, size - len, x, 0, edit);
			len += (size_t)snprintf(t + len, size - len, " ");
			len += gen_sentence(t + len, size - len, x, 1, -1);
			g->ids[v][np++] = 1u << x;
		}
	}
	if (np == 0) {
		len += gen_sentence(t + len, size - len, 0, 0, -1);
		len += (size_t)snprintf(t + len, size - len, " ");
		len += gen_sentence(t + len, size - len, 0, 1, -1);
		g->ids[v][np++] = 1u;
	}
	t[len] = '\0';
	g->npara[v] = np;
}

static unsigned
cell_ids(const struct gen *g, size_t v, const struct presence_cell *c)
{
	unsigned ids = 0;
	uint32_t k;

	for (k = 0; k < c->npara; k++)
		ids |= g->ids[v][(uint32_t)c->para + k];
	return ids;
}

/* Is a passage of ids in a row where v and another version carry it? */
static bool
shown_with_another(const struct gen *g, const struct set *s, size_t v,
		   unsigned ids)
{
	const struct presence *p = s->p;
	const struct presence_cell *c;
	size_t i, w;

	for (i = 0; i < p->nrow; i++) {
		c = &p->row[i].cell[v];
		if (c->state == PRESENCE_ABSENT || !(cell_ids(g, v, c) & ids))
			continue;
		for (w = 0; w < s->n; w++)
			if (w != v && p->row[i].cell[w].state !=
			    PRESENCE_ABSENT && (cell_ids(g, w,
			    &p->row[i].cell[w]) & cell_ids(g, v, c) & ids))
				return true;
	}
	return false;
}

/* Why the table of s breaks the properties, or NULL. */
static const char *
gen_check(const struct gen *g, const struct set *s)
{
	const struct presence *p = s->p;
	const struct presence_cell *c, *first;
	size_t v, w, i, q;
	unsigned all, carried;
	bool hub;

	for (v = 0; v < s->n; v++) {
		for (q = 0; q < g->npara[v]; q++) {
			first = NULL;
			for (i = 0; i < p->nrow; i++) {
				c = &p->row[i].cell[v];
				if (c->state == PRESENCE_ABSENT ||
				    (size_t)c->para > q ||
				    (size_t)c->para + c->npara <= q)
					continue;
				if (first != NULL && (first->para != c->para ||
				    first->npara != c->npara))
					return "a paragraph in two cells";
				first = c;
			}
			if (first == NULL)
				return "a paragraph in no row";
		}
	}
	for (i = 0; i < p->nrow; i++) {
		/*
		 * One passage per row: some cell (a merged paragraph, say)
		 * shares a passage with every other cell of the row, and the
		 * passages all of them carry are the row's.
		 */
		all = ~0u;
		hub = false;
		for (v = 0; v < s->n; v++) {
			c = &p->row[i].cell[v];
			if (c->state == PRESENCE_ABSENT)
				continue;
			all &= cell_ids(g, v, c);
			for (w = 0; w < s->n; w++)
				if (p->row[i].cell[w].state !=
				    PRESENCE_ABSENT &&
				    (cell_ids(g, v, c) & cell_ids(g, w,
				    &p->row[i].cell[w])) == 0)
					break;
			if (w == s->n)
				hub = true;
		}
		if (!hub)
			return "passages sharing nothing in one row";
	}
	/*
	 * A version carrying a passage, merged or split or not, is present
	 * in its rows: in each row that is only that passage, or at least
	 * in one row where another version's cell carries it (where the
	 * rows of a merge and a split overlap, as A, B, BC and AB, C).
	 */
	for (i = 0; i < p->nrow; i++) {
		all = ~0u;
		for (v = 0; v < s->n; v++)
			if (p->row[i].cell[v].state != PRESENCE_ABSENT)
				all &= cell_ids(g, v, &p->row[i].cell[v]);
		for (v = 0; v < s->n; v++) {
			if (p->row[i].cell[v].state != PRESENCE_ABSENT ||
			    (v == p->base && p->row[i].base_para < 0))
				continue;
			carried = 0;
			for (q = 0; q < g->npara[v]; q++)
				carried |= g->ids[v][q];
			if ((carried & all) != 0 &&
			    !shown_with_another(g, s, v, carried & all))
				return "a version absent from a passage it "
				    "carries";
		}
	}
	return NULL;
}

static void
gen_dump(const struct gen *g, const struct set *s)
{
	size_t v, q, x;

	for (v = 0; v < s->n; v++) {
		printf("# v%zu:", v + 1);
		for (q = 0; q < g->npara[v]; q++) {
			printf(" %zu=", q + 1);
			for (x = 0; x < 32; x++)
				if (g->ids[v][q] & (1u << x))
					printf("%c", (char)('A' + x));
		}
		printf("\n");
	}
	printf("# %s\n", rows(s->p));
}

static void
test_generated(void)
{
	static struct gen g;
	const char *texts[MAXV], *why;
	size_t it, n, v, base, npass, bad = 0;
	struct set s;

	for (it = 0; it < 150; it++) {
		memset(&g, 0, sizeof g);
		n = 3 + gen_rnd(3);
		npass = 4 + gen_rnd(GEN_PASSAGES - 3);
		for (v = 0; v < n; v++) {
			gen_version(&g, v, npass);
			texts[v] = g.text[v];
		}
		for (base = 0; base < n; base++) {
			set_open(&s, base, texts, n);
			why = invariants(&s) ? gen_check(&g, &s) :
			    "invariants";
			if (why != NULL) {
				if (bad++ < 5)
					printf("# round %zu, base %zu: %s\n",
					    it, base + 1, why);
				if (bad <= 5)
					gen_dump(&g, &s);
			}
			set_close(&s);
		}
	}
	is_int(bad, 0, "generated versions: every paragraph in one cell, "
	    "a version present wherever it carries the passage");
}

int
main(void)
{
	test_story();
	test_first_carrier();
	test_repeats();
	test_order();
	test_split();
	test_single();
	test_excerpts();
	test_random();
	test_generated();
	return done_testing();
}
