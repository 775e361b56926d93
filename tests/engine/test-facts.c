/*
 * test-facts.c — change sites and their kinds: numbers, quotations,
 * names, attribution, wording, cosmetic; moves counted once.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "align.h"
#include "doc.h"
#include "equiv.h"
#include "facts.h"
#include "cmpkeys.h"
#include "pair.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"

/* The kinds of the sites in order, "number cosmetic ...". */
static const char *
kinds(const struct changes *ch)
{
	static char buf[1024];
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < ch->n && n < sizeof buf - 32; i++)
		n += snprintf(buf + n, sizeof buf - n, "%s%s", i ? " " : "",
			      change_kind_name(ch->v[i].kind));
	return buf;
}

/* The kinds of two versions' sites. */
static const char *
kinds_of(const char *a, const char *b)
{
	static char buf[1024];
	struct pair p;

	pair_open(&p, a, b);
	snprintf(buf, sizeof buf, "%s", kinds(&p.ch));
	pair_close(&p);
	return buf;
}

/* Sum of count[] must be n, and count[kind] the sites of that kind. */
static int
counts_agree(const struct changes *ch)
{
	size_t want[KIND_COUNT] = { 0 }, i, total = 0;

	for (i = 0; i < ch->n; i++) {
		want[ch->v[i].kind]++;
		if (!(ch->v[i].kinds & (1u << ch->v[i].kind)))
			return 0;
	}
	for (i = 0; i < KIND_COUNT; i++) {
		if (want[i] != ch->count[i])
			return 0;
		total += ch->count[i];
	}
	return total == ch->n;
}

static void
test_names(void)
{
	is_str(change_kind_name(KIND_WORDING), "wording", "name of wording");
	is_str(change_kind_name(KIND_COSMETIC), "cosmetic", "name of cosmetic");
	is_str(change_kind_name(KIND_NUMBER), "number", "name of number");
	is_str(change_kind_name(KIND_DATE), "date", "name of date");
	is_str(change_kind_name(KIND_QUOTE), "quote", "name of quote");
	is_str(change_kind_name(KIND_NAME), "name", "name of name");
	is_str(change_kind_name(KIND_ATTRIBUTION), "attribution",
	       "name of attribution");
	is_str(change_kind_name(KIND_COUNT), "unknown", "name out of range");
	is_str(change_kind_name(-1), "unknown", "negative kind");
}

static void
test_numbers(void)
{
	struct pair p;
	size_t i;
	int all_number = 1, no_name = 1;

	pair_open(&p, "The council approved a grant of $50 million for the "
		  "new ferry pier.\n",
		  "The council approved a grant of US$50 million (S$67.5 "
		  "million) for the new ferry pier.\n");
	ok(p.ch.n >= 1, "currency: at least one site (%zu)", p.ch.n);
	for (i = 0; i < p.ch.n; i++) {
		if (p.ch.v[i].kind != KIND_NUMBER)
			all_number = 0;
		if (p.ch.v[i].kinds & (1u << KIND_NAME))
			no_name = 0;
	}
	ok(all_number, "currency: every site is a number (%s)", kinds(&p.ch));
	ok(no_name, "currency: the US of US$ is not a name");
	is_int(p.ch.count[KIND_NUMBER], p.ch.n, "currency: counted as number");
	ok(counts_agree(&p.ch), "currency: counts agree");
	pair_close(&p);

	is_str(kinds_of("Ticket prices rose 3 per cent this winter.\n",
			"Ticket prices rose 3% this winter.\n"),
	       "cosmetic", "3 per cent -> 3%%: cosmetic");
	is_str(kinds_of("Attendance rose 1,200 over the season.\n",
			"Attendance rose 1,400 over the season.\n"),
	       "number", "1,200 -> 1,400: number");
	is_str(kinds_of("Attendance rose 1,200 over the season.\n",
			"Attendance rose 1200 over the season.\n"),
	       "cosmetic", "1,200 -> 1200: cosmetic");
	is_str(kinds_of("The vote on the ferry pier is due in May.\n",
			"The vote on the ferry pier is due in June.\n"),
	       "date", "month: date");
	is_str(kinds_of("Residents may vote on the ferry pier soon.\n",
			"Residents might vote on the ferry pier soon.\n"),
	       "wording", "the verb may: wording");
	is_str(kinds_of("The board will meet on Friday to decide.\n",
			"The board will meet on Thursday to decide.\n"),
	       "date", "weekday: date");
	is_str(kinds_of("Three ferries were cancelled in the storm.\n",
			"Four ferries were cancelled in the storm.\n"),
	       "number", "number word at sentence start: number");
	is_str(kinds_of("The storm closed the pier for a day.\n",
			"The storm closed the pier for a week.\n"),
	       "wording", "day -> week: wording");
	is_str(kinds_of("The pier will cost more than planned.\n",
			"The pier will cost \xe2\x82\xac" "5 more than "
			"planned.\n"),
	       "number", "euro sign: number");
}

static void
test_quotes(void)
{
	is_str(kinds_of("The mayor called the pier \xe2\x80\x9c" "a bold step "
			"for the island\xe2\x80\x9d and left early.\n",
			"The mayor called the pier \xe2\x80\x9c" "a timid step "
			"for the island\xe2\x80\x9d and left early.\n"),
	       "quote", "curly double quotes: quote");
	is_str(kinds_of("The mayor called the pier \"a bold step for the "
			"island\" and left early.\n",
			"The mayor called the pier \"a timid step for the "
			"island\" and left early.\n"),
	       "quote", "straight double quotes: quote");
	/* Three sites: the opening mark, the word, the closing mark. */
	is_str(kinds_of("The mayor called the pier a bold step and left.\n",
			"The mayor called the pier \"a timid step\" and "
			"left.\n"),
	       "quote quote quote", "quotation on one side only: quote");
	is_str(kinds_of("Der B\xc3\xbcrgermeister nannte es \xe2\x80\x9e"
			"einen mutigen Schritt\xe2\x80\x9c gestern.\n",
			"Der B\xc3\xbcrgermeister nannte es \xe2\x80\x9e"
			"einen kleinen Schritt\xe2\x80\x9c gestern.\n"),
	       "quote", "German low-high quotes: quote");
	is_str(kinds_of("Le maire a parl\xc3\xa9 d'\xc2\xab un pas audacieux "
			"\xc2\xbb hier soir.\n",
			"Le maire a parl\xc3\xa9 d'\xc2\xab un pas timide "
			"\xc2\xbb hier soir.\n"),
	       "quote", "guillemets: quote");
	is_str(kinds_of("The mayor said it was \xe2\x80\x98" "a bold step"
			"\xe2\x80\x99 for all of us.\n",
			"The mayor said it was \xe2\x80\x98" "a brave step"
			"\xe2\x80\x99 for all of us.\n"),
	       "quote", "curly single quotes: quote");
	/* Outside the quotation, in the same paragraph: not a quote. */
	is_str(kinds_of("\xe2\x80\x9cWe will build it,\xe2\x80\x9d the mayor "
			"promised. Fans on the quay cheered loudly.\n",
			"\xe2\x80\x9cWe will build it,\xe2\x80\x9d the mayor "
			"promised. Fans on the quay cheered wildly.\n"),
	       "wording", "after a closed quotation: wording");
	is_str(kinds_of("\"We will build it,\" the mayor promised. Fans on "
			"the quay cheered loudly.\n",
			"\"We will build it,\" the mayor promised. Fans on "
			"the quay cheered wildly.\n"),
	       "wording", "after a closed straight quotation: wording");
	/* Apostrophes are not quotation marks. */
	is_str(kinds_of("The Joneses\xe2\x80\x99 cottage by the pier sold "
			"quickly.\n",
			"The Joneses\xe2\x80\x99 cottage by the pier sold "
			"slowly.\n"),
	       "wording", "possessive apostrophe: wording");
	is_str(kinds_of("The island's ferry left the pier early.\n",
			"The island's ferry left the pier late.\n"),
	       "wording", "apostrophe inside a word: wording");
	is_str(kinds_of("The Joneses' cottage by the pier sold quickly.\n",
			"The Joneses' cottage by the pier sold slowly.\n"),
	       "wording", "straight possessive apostrophe: wording");
	is_str(kinds_of("The keeper, who stands 6'2\", held on grimly.\n",
			"The keeper, who stands 6'2\", held on bravely.\n"),
	       "wording", "feet and inches: wording");
	/*
	 * Marks moved past a full stop only move punctuation: cosmetic.
	 * Punctuation dropped inside a quotation is a change of wording.
	 */
	is_str(kinds_of("\"We will build it\". The mayor sat down.\n",
			"\"We will build it.\" The mayor sat down.\n"),
	       "cosmetic", "closing mark moved past the stop: cosmetic");
	is_str(kinds_of("\"We will build it, soon\" he said.\n",
			"\"We will build it soon\" he said.\n"),
	       "wording", "comma inside a quotation: wording");
	/* A quotation that runs on into the next paragraph. */
	is_str(kinds_of("\xe2\x80\x9cWe will build it. It will be the "
			"finest pier in the region\n\nThe mayor sat down.\n",
			"\xe2\x80\x9cWe will build it. It will be the "
			"finest quay in the region\n\nThe mayor sat down.\n"),
	       "quote", "open quotation runs to the paragraph end: quote");
	is_str(kinds_of("\xe2\x80\x9cWe will build it,\xe2\x80\x9d he said. "
			"\xe2\x80\x9c" "And soon.\n\nThe mayor sat down.\n",
			"\xe2\x80\x9cWe will build it,\xe2\x80\x9d he said. "
			"\xe2\x80\x9c" "And soon.\n\nThe mayor stood up.\n"),
	       "wording", "open quotation ends with its paragraph");
}

static void
test_attribution_names(void)
{
	struct pair p;

	is_str(kinds_of("The minister said on the radio that the pier "
			"would open.\n",
			"The minister claimed on the radio that the pier "
			"would open.\n"),
	       "attribution", "said -> claimed: attribution");
	is_str(kinds_of("The pier would open in spring, the minister "
			"told reporters.\n",
			"The pier would open in spring, the minister "
			"told us.\n"),
	       "wording", "changed words around 'told': wording");
	is_str(kinds_of("The pier will open, according to the minister.\n",
			"The pier will open, the minister said.\n"),
	       "attribution attribution", "according -> said: attribution");
	is_str(kinds_of("The design was drawn up by Smith for the council.\n",
			"The design was drawn up by Jones for the council.\n"),
	       "name", "Smith -> Jones mid-sentence: name");
	is_str(kinds_of("The pier opened, one of them said.\n",
			"The pier opened, they said.\n"),
	       "wording", "partitive one: not a number");
	is_str(kinds_of("The pier opened and no one came.\n",
			"The pier opened and no one cheered.\n"),
	       "wording", "no one: not a number");
	is_str(kinds_of("The pier opened and one ferry came.\n",
			"The pier opened and one boat came.\n"),
	       "wording", "unchanged one: wording");
	is_str(kinds_of("The pier opened and one ferry came.\n",
			"The pier opened and a ferry came.\n"),
	       "number", "one -> a: number");
	is_str(kinds_of("They asked the Council Chief about the pier.\n",
			"They asked the council's chief executive about the "
			"pier.\n"),
	       "wording cosmetic wording",
	       "Council -> council's: only the case changed, wording");
	is_str(kinds_of("The pier cost Alibaba dearly in the end.\n",
			"The pier cost Alibaba's owners a fortune in the "
			"end.\n"),
	       "wording", "possessive of the same name: wording");
	is_str(kinds_of("The committee met on the pier at dawn.\n",
			"A committee met on the pier at dawn.\n"),
	       "wording", "The -> A at sentence start: wording");
	is_str(kinds_of("The water by the pier is calm and blue.\n",
			"The water by the pier is calm and grey.\n"),
	       "wording", "plain wording change");
	is_str(kinds_of("NASA tracked the storm over the pier.\n",
			"NOAA tracked the storm over the pier.\n"),
	       "name", "acronym at sentence start: name");
	is_str(kinds_of("The storm was tracked, and I watched it.\n",
			"The storm was tracked, and Mr Tan watched it.\n"),
	       "name", "I -> Mr Tan: name (Tan)");
	is_str(kinds_of("The storm was tracked by him and I watched.\n",
			"The storm was tracked by him and I waited.\n"),
	       "wording", "pronoun I is not a name");
	is_str(kinds_of("Harbour Plan Wins Council Approval Today\n\n"
			"The plan passed.\n",
			"Harbour Plan Wins Council Backing Today\n\n"
			"The plan passed.\n"),
	       "wording", "title-case headline: wording");
	is_str(kinds_of("He said: Ferries will run again next week.\n",
			"He said: Boats will run again next week.\n"),
	       "wording", "first word after a colon: wording");
	is_str(kinds_of("He said, \xe2\x80\x9cThe ferries will run.\xe2\x80\x9d"
			" Then he left.\n",
			"He said, \xe2\x80\x9cOur ferries will run.\xe2\x80\x9d"
			" Then he left.\n"),
	       "quote", "first word of a quotation: quote, not a name");
	pair_open(&p, "He said, \xe2\x80\x9cThe ferries will run.\xe2\x80\x9d"
		  " Then he left.\n",
		  "He said, \xe2\x80\x9cOur ferries will run.\xe2\x80\x9d"
		  " Then he left.\n");
	ok(p.ch.n == 1 && !(p.ch.v[0].kinds & (1u << KIND_NAME)),
	   "first word of a quotation has no name bit");
	pair_close(&p);
	pair_open(&p, "\xe2\x80\x9cIt will run,\xe2\x80\x9d Smith said "
		  "of the ferry.\n",
		  "\xe2\x80\x9cIt will run,\xe2\x80\x9d Jones said "
		  "of the ferry.\n");
	is_str(kinds(&p.ch), "name", "name after a closing quote: name");
	pair_close(&p);
	/* Several kinds at once: all bits, the strongest as kind. */
	pair_open(&p, "Smith said the pier cost 4 million dollars.\n",
		  "Smith admitted the pier cost 5 million dollars.\n");
	is_str(kinds(&p.ch), "attribution number",
	       "two sites: attribution, number");
	pair_close(&p);
	pair_open(&p, "The pier, Smith said, cost \xe2\x80\x9c" "four million"
		  "\xe2\x80\x9d in all.\n",
		  "The pier, Jones claimed, cost \xe2\x80\x9c" "five million"
		  "\xe2\x80\x9d in all.\n");
	ok(p.ch.n == 2, "mixed: two sites (%s)", kinds(&p.ch));
	if (p.ch.n == 2) {
		is_int(p.ch.v[0].kinds, (1u << KIND_NAME) |
		       (1u << KIND_ATTRIBUTION),
		       "mixed: name and attribution bits");
		is_int(p.ch.v[0].kind, KIND_NAME,
		       "mixed: name beats attribution");
		is_int(p.ch.v[1].kinds, (1u << KIND_QUOTE) |
		       (1u << KIND_NUMBER), "mixed: quote and number bits");
		is_int(p.ch.v[1].kind, KIND_QUOTE, "mixed: quote beats number");
	} else {
		skip("mixed: site count");
		skip("mixed: site count");
		skip("mixed: site count");
		skip("mixed: site count");
	}
	ok(counts_agree(&p.ch), "mixed: counts agree");
	is_int(p.ch.count[KIND_QUOTE], 1, "mixed: one quote");
	is_int(p.ch.count[KIND_NAME], 1, "mixed: one name");
	is_int(p.ch.count[KIND_NUMBER], 0,
	       "mixed: number counted by kind only");
	pair_close(&p);
}

/* Paragraphs shared by the move tests: long enough to anchor. */
#define PX "The island council met on Tuesday evening to discuss the " \
	"future of the old ferry pier and its many problems.\n\n"
#define PY "Engineers told members that the timber piles had rotted " \
	"badly and that repairs could no longer wait for funding.\n\n"
#define PZ "Several fishermen who use the pier every morning spoke " \
	"in favour of a full rebuild with a concrete deck.\n\n"
#define PM1 "The rebuild is expected to take 18 months and will close " \
	"the harbour road to lorries for most of the work.\n"
#define PM2 "The rebuild is expected to take 24 months and will close " \
	"the harbour road to lorries for most of the work.\n"

static void
test_moves(void)
{
	struct pair p;
	const struct block *bl;

	pair_open(&p, PX PY PZ PM1, PM2 "\n" PX PY PZ);
	is_int(p.al->nmove, 1, "edited move: the alignment has one move");
	is_str(kinds(&p.ch), "number", "edited move: one number site");
	is_int(p.ch.count[KIND_NUMBER], 1, "edited move: counted once");
	if (p.ch.n == 1) {
		bl = &p.al->block[p.ch.v[0].block];
		ok(bl->move && bl->kind == BLOCK_DELETED,
		   "edited move: counted at the source");
		is_int(p.ch.v[0].nop, 2, "edited move: the site is two ops");
	} else {
		skip("edited move: site count");
		skip("edited move: site count");
	}
	pair_close(&p);

	pair_open(&p, PX PY PZ PM1, PM1 "\n" PX PY PZ);
	is_int(p.al->nmove, 1, "plain move: the alignment has one move");
	is_str(kinds(&p.ch), "wording", "plain move: one wording site");
	if (p.ch.n == 1) {
		bl = &p.al->block[p.ch.v[0].block];
		ok(bl->move && bl->kind == BLOCK_DELETED,
		   "plain move: at the source");
		ok(p.ch.v[0].op == bl->op && p.ch.v[0].nop == bl->nop,
		   "plain move: the site covers the block's ops");
	} else {
		skip("plain move: site count");
		skip("plain move: site count");
	}
	pair_close(&p);

	/* Whole paragraphs deleted and inserted: one site each. */
	pair_open(&p, PX PY PZ,
		  PX "Nobody on the quay could remember a calmer winter.\n\n"
		  PZ);
	is_str(kinds(&p.ch), "attribution wording",
	       "deleted paragraph with 'told', inserted plain one");
	if (p.ch.n == 2) {
		bl = &p.al->block[p.ch.v[0].block];
		ok(bl->kind == BLOCK_DELETED && p.ch.v[0].op == bl->op &&
		   p.ch.v[0].nop == bl->nop, "deleted paragraph: whole block");
		bl = &p.al->block[p.ch.v[1].block];
		ok(bl->kind == BLOCK_INSERTED && p.ch.v[1].op == bl->op &&
		   p.ch.v[1].nop == bl->nop, "inserted paragraph: whole block");
	} else {
		skip("deleted/inserted: site count");
		skip("deleted/inserted: site count");
	}
	pair_close(&p);
}

static void
test_counts(void)
{
	struct pair p;

	pair_open(&p,
		  "Ticket prices rose 3 per cent, the operator said. The "
		  "design was drawn up by Smith.\n\n"
		  "The water by the pier is calm and blue.\n",
		  "Ticket prices rose 3%, the operator claimed. The design "
		  "was drawn up by Jones.\n\n"
		  "The water by the pier is calm and grey.\n");
	is_str(kinds(&p.ch), "cosmetic attribution name wording",
	       "four sites in reading order");
	is_int(p.ch.count[KIND_COSMETIC], 1, "count: cosmetic");
	is_int(p.ch.count[KIND_ATTRIBUTION], 1, "count: attribution");
	is_int(p.ch.count[KIND_NAME], 1, "count: name");
	is_int(p.ch.count[KIND_WORDING], 1, "count: wording");
	is_int(p.ch.count[KIND_NUMBER], 0, "count: number");
	is_int(p.ch.count[KIND_QUOTE], 0, "count: quote");
	is_int(p.ch.n - p.ch.count[KIND_COSMETIC], p.al->stats.substantive,
	       "substantive sites agree with align_stats");
	is_int(p.ch.count[KIND_COSMETIC], p.al->stats.cosmetic,
	       "cosmetic sites agree with align_stats");
	pair_close(&p);

	pair_open(&p, "Same text here.\n", "Same text here.\n");
	is_int(p.ch.n, 0, "identical: no sites");
	pair_close(&p);

	/* White space between kept words: cosmetic, line-end style aside. */
	pair_open(&p, "The fund (set up in 2019) , pays. It works.\n",
		  "The fund (set up in 2019), pays.\nIt works.\n");
	is_str(kinds(&p.ch), "cosmetic cosmetic",
	       "white space only: two cosmetic sites");
	is_int(p.al->stats.cosmetic, 2, "white space only: counted cosmetic");
	is_int(p.al->stats.substantive, 0, "white space only: not substantive");
	pair_close(&p);
	pair_open(&p, "The fund pays.\r\nIt works.\r\n\r\nYes.\r\n",
		  "The fund pays.\nIt works.\n\n\nYes.\n");
	is_int(p.ch.n, 0, "line ends and blank lines alone: no sites");
	pair_close(&p);
	pair_open(&p, "", "");
	is_int(p.ch.n, 0, "empty: no sites");
	pair_close(&p);
	pair_open(&p, "", "Only in B, 5 words.\n");
	is_str(kinds(&p.ch), "number", "empty A: one inserted site");
	pair_close(&p);
}

/* Dates and times: a kind of their own, apart from numbers. */
static void
test_dates(void)
{
	static const struct {
		const char *a, *b, *want, *what;
	} cases[] = {
		{ "He took office last January, aides said.\n",
		  "He took office in January 2021, aides said.\n",
		  "date date", "last January -> in January 2021" },
		{ "The vote is set for Tuesday, the council said.\n",
		  "The vote is set for Wednesday, the council said.\n",
		  "date", "Tuesday -> Wednesday" },
		{ "If the bill is not enacted by June 30, 2023, the funds "
		  "lapse.\n",
		  "If the bill is not enacted by June 30, 2024, the funds "
		  "lapse.\n",
		  "date", "June 30, 2023 -> June 30, 2024" },
		{ "The pier closed on 3 May for repairs.\n",
		  "The pier closed on 5 May for repairs.\n",
		  "date", "3 May -> 5 May" },
		{ "The pier closed on the 3rd of May for repairs.\n",
		  "The pier closed on the 5th of May for repairs.\n",
		  "date", "the 3rd of May -> the 5th of May" },
		{ "The pier closed on Jan. 5 for repairs.\n",
		  "The pier closed on Jan. 7 for repairs.\n",
		  "date", "Jan. 5 -> Jan. 7" },
		{ "The plant opened in 2015 near the river.\n",
		  "The plant opened in 2016 near the river.\n",
		  "date", "in 2015 -> in 2016" },
		{ "Filed 2022-01-20 in the county court.\n",
		  "Filed 2022-01-21 in the county court.\n",
		  "date", "2022-01-20 -> 2022-01-21" },
		{ "Filed 1/20/2022 in the county court.\n",
		  "Filed 1/21/2022 in the county court.\n",
		  "date", "1/20/2022 -> 1/21/2022" },
		{ "The hearing starts at 10:30 in the hall.\n",
		  "The hearing starts at 11:30 in the hall.\n",
		  "date", "10:30 -> 11:30" },
		{ "The hearing starts at 3 p.m. in the hall.\n",
		  "The hearing starts at 4 p.m. in the hall.\n",
		  "date", "3 p.m. -> 4 p.m." },
		{ "The hearing starts at 3 PM in the hall.\n",
		  "The hearing starts at 4 PM in the hall.\n",
		  "date", "3 PM -> 4 PM" },
		{ "The plant will open next week, they said.\n",
		  "The plant will open next month, they said.\n",
		  "date", "next week -> next month" },
		{ "The plant opened two years ago, they said.\n",
		  "The plant opened two days ago, they said.\n",
		  "date", "years ago -> days ago" },
		{ "The ferry sails today from the pier.\n",
		  "The ferry sails tomorrow from the pier.\n",
		  "date", "today -> tomorrow" },
		/* Figures that are no dates stay numbers. */
		{ "In March, 30 people were hurt.\n",
		  "In March, 40 people were hurt.\n",
		  "number", "30 people in March: number" },
		{ "On Tuesday 300 people marched.\n",
		  "On Tuesday 400 people marched.\n",
		  "number", "300 people on Tuesday: number" },
		{ "The fund paid 2020 claims last year.\n",
		  "The fund paid 2021 claims last year.\n",
		  "number", "2020 claims: number" },
		{ "Shares fell 3 per cent on the news.\n",
		  "Shares fell 4 per cent on the news.\n",
		  "number", "3 per cent -> 4 per cent: number" },
		{ "The ferry made the last crossing at dusk.\n",
		  "The ferry made the first crossing at dusk.\n",
		  "number", "last crossing: no date" },
		{ "The harbour was busy last summer.\n",
		  "The harbour was quiet last summer.\n",
		  "wording", "busy -> quiet beside a date: wording" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof *cases; i++)
		is_str(kinds_of(cases[i].a, cases[i].b), cases[i].want, "%s",
		       cases[i].what);
	/* A site with a date and a figure: both bits, number the kind. */
	{
		struct pair p;

		pair_open(&p, "Shares of the ferry line fell Tuesday.\n",
			  "Shares of the ferry line fell 4% Wednesday.\n");
		ok(p.ch.n == 1 && (p.ch.v[0].kinds & (1u << KIND_DATE)) &&
		   (p.ch.v[0].kinds & (1u << KIND_NUMBER)) &&
		   p.ch.v[0].kind == KIND_NUMBER,
		   "Tuesday -> 4%% Wednesday: number and date, number "
		   "first (%s)", kinds(&p.ch));
		ok(counts_agree(&p.ch), "number and date: counts agree");
		pair_close(&p);
	}
}

/*
 * Boilerplate is never a fact; a name that both sides of a passage hold
 * is no name change.
 */
static void
test_not_facts(void)
{
	is_str(kinds_of("The harbour plan was approved.\n",
			"The harbour plan was approved.\n\n"
			"Ferry at the pier. (photo: Jane Smith)\n"),
	       "wording", "an added photo caption with a name: wording");
	is_str(kinds_of("The harbour plan was approved.\n\n"
			"Ferry at the pier. (photo: Jane Smith)\n",
			"The harbour plan was approved.\n\n"
			"Ferry at the pier. (photo: Ann Jones)\n"),
	       "wording", "a caption's credit changed: wording");
	is_str(kinds_of("The harbour plan was approved.\n",
			"The harbour plan was approved.\n\n"
			"Ann Jones met Jane Smith at the pier.\n"),
	       "name", "an added paragraph with a name: name");
	is_str(kinds_of("It was a risk to US national security, he said.\n",
			"It was a risk to the national security of the "
			"U.S, he said.\n"),
	       "wording",
	       "US national security -> the national security of the U.S: "
	       "one reordered phrase, no name change");
	is_str(kinds_of("Smith met the mayor at the pier.\n",
			"Smith met Jones at the pier.\n"),
	       "name", "a name the other side lacks: name");
	/*
	 * Whether a paragraph is boilerplate is asked only when a unit would
	 * add a kind or a quotation mark to its site: the caption's marks
	 * must not count when they are asked about late.
	 */
	is_str(kinds_of("The ferry left the pier, Smith said.\n",
			"The \"ferry\" left the pier. (photo: Jane Smith)\n"),
	       "wording wording attribution",
	       "a story paragraph become a caption with quotation marks: "
	       "they make no quote change");
}

/* How the clean-up cuts changes into sites (runs.c). */
static void
test_cleanup(void)
{
	struct pair p;

	/* A deletion slides over the word it repeats and joins the next. */
	pair_open(&p, "Its revenue was less than an estimated US$50 million "
		  "(S$67.5 million), according to Gartner.\n",
		  "Its revenue was less than an estimated $50 million, "
		  "according to Gartner.\n");
	is_str(kinds(&p.ch), "number number",
	       "dropped amount: the US and the amount, two sites");
	pair_close(&p);
	/* A word left in place inside a reordered phrase joins it. */
	pair_open(&p, "Officials said the Commerce Department would visit.\n",
		  "Officials said the Department of Commerce would visit.\n");
	is_int(p.ch.n, 1, "Commerce Department -> Department of Commerce: "
	       "one site");
	pair_close(&p);
	/* Not a word shared by two one-word substitutions. */
	pair_open(&p, "He took office last January, aides said.\n",
		  "He took office in January 2021, aides said.\n");
	is_int(p.ch.n, 2, "last January -> in January 2021: January kept");
	pair_close(&p);
	/* Reordered around a word kept: the moved word in another form. */
	pair_open(&p, "The focus of the inquiry is on how the firm stores "
		  "its data.\n",
		  "The inquiry focuses on how the firm stores its data.\n");
	is_int(p.ch.n, 1, "focus of the inquiry is -> inquiry focuses: "
	       "one site");
	pair_close(&p);
	/* ... and across a light change ("the") as well. */
	pair_open(&p, "It poses a risk to US national security, aides said "
		  "on Friday.\n",
		  "It poses a national security risk to the United States, "
		  "aides said on Friday.\n");
	is_int(p.ch.n, 1, "risk to US national security -> national "
	       "security risk to the United States: one site");
	pair_close(&p);
	/* A number word or a name between heavy changes stays. */
	pair_open(&p, "The board weighed a new plan for the old pier for many "
		  "long months, according to three officials who briefed the "
		  "press on the long talks about the pier.\n",
		  "The board weighed a new plan for the old pier over the "
		  "whole hot summer, according to three sources familiar with "
		  "the long talks about the pier.\n");
	is_int(p.ch.n, 2, "according to three, between rewrites: kept");
	pair_close(&p);
	pair_open(&p, "The board weighed a new plan for the old pier for many "
		  "months, said Jones who briefed the press on the long talks "
		  "about the pier.\n",
		  "The board weighed a new plan for the old pier over the "
		  "whole summer, said Jones who met reporters about the long "
		  "talks about the pier.\n");
	is_int(p.ch.n, 2, "said Jones who, between rewrites: Jones kept");
	pair_close(&p);
	/* A word at the seam of a rewrite, a light change on its other
	 * side, or a rewrite that runs to the end of the sentence. */
	pair_open(&p, "If regulators block the deal, it would damage the "
		  "bottom line of one of the company's best businesses and "
		  "deal a blow to its good name.\n",
		  "If regulators block the deal, it will damage one of the "
		  "group's best businesses and hurt the company's good name.\n");
	is_int(p.ch.n, 1, "it [-would-] {+will+} damage [-...-]: one site");
	pair_close(&p);
	pair_open(&p, "The council asked whether the city could gain access "
		  "to it, according to the people who saw them.\n",
		  "The council asked whether the city could access the cloud "
		  "to steal sensitive files.\n");
	is_int(p.ch.n, 1, "could [-gain-] access [-...-] to the end: one site");
	pair_close(&p);
	/* A function word that crossed a phrase, changed on the way. */
	pair_open(&p, "The units are owned by a parent firm, which can in "
		  "turn be sold at auction.\n",
		  "The units are owned by a parent firm, which in turn may "
		  "be sold at auction.\n");
	is_int(p.ch.n, 1, "which [-can-] in turn {+may+}: one site");
	pair_close(&p);
	/* Not inside a sentence, not a word between two substitutions. */
	pair_open(&p, "The council asked whether the city could gain access "
		  "to the old pier in the harbour this year.\n",
		  "The council asked whether the city could access the cloud "
		  "to steal sensitive files this year.\n");
	is_int(p.ch.n, 2, "could [-gain-] access [-...-] this year: access "
	       "kept");
	pair_close(&p);
	pair_open(&p, "In Carrow the council painted the market hall after "
		  "ten weeks of work, and the mayor thanked the workers.\n",
		  "In Carrow people council village the month hall its they "
		  "of work, and the mayor thanked the workers.\n");
	is_int(p.ch.n, 3, "[-the-] {+people+} council [-painted the market-] "
	       "{+...+} hall [-...-] of work: council and hall kept");
	pair_close(&p);
}

/* A site's changed units: "-[a b] +[c]", tokens joined by spaces. */
static const char *
site_text(const struct pair *p, const struct change *c)
{
	static char buf[2048];
	size_t n = 0;
	uint32_t o, u, t;

	buf[0] = '\0';
	for (o = c->op; o < c->op + c->nop && n < sizeof buf - 256; o++) {
		const struct wop *w = &p->al->op[o];
		const struct doc *d = w->kind == WOP_INSERT ? p->b : p->a;
		uint32_t u0 = w->kind == WOP_INSERT ? w->b : w->a;
		uint32_t nu = w->kind == WOP_INSERT ? w->nb : w->na;

		if (w->kind != WOP_DELETE && w->kind != WOP_INSERT)
			continue;
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s[",
				      n ? " " : "",
				      w->kind == WOP_DELETE ? "-" : "+");
		for (u = u0; u < u0 + nu && n < sizeof buf - 128; u++)
			for (t = d->unit[u].tok; t < unit_end_tok(d,
			     &d->unit[u]); t++)
				n += (size_t)snprintf(buf + n, sizeof buf - n,
						      "%s%.*s", u > u0 ? " " : "",
						      (int)d->tok[t].len,
						      d->text->data +
						      d->tok[t].off);
		n += (size_t)snprintf(buf + n, sizeof buf - n, "]");
	}
	return buf;
}

/*
 * Whether a site only moves punctuation about: every changed unit is
 * punctuation, as many deleted as inserted.
 */
static int
site_all_punct(const struct pair *p, const struct change *c)
{
	uint32_t o, u, na = 0, nb = 0;

	for (o = c->op; o < c->op + c->nop; o++) {
		const struct wop *w = &p->al->op[o];
		const struct doc *d = w->kind == WOP_INSERT ? p->b : p->a;
		uint32_t u0 = w->kind == WOP_INSERT ? w->b : w->a;
		uint32_t nu = w->kind == WOP_INSERT ? w->nb : w->na;

		if (w->kind != WOP_DELETE && w->kind != WOP_INSERT)
			continue;
		for (u = u0; u < u0 + nu; u++)
			if (d->tok[d->unit[u].tok].kind != TOK_PUNCT)
				return 0;
		na += w->na;
		nb += w->nb;
	}
	return na == nb;
}

/* The kind of the first site whose changed text is `text`, or -1. */
static int
kind_of_site(const struct pair *p, const char *text)
{
	size_t i;

	for (i = 0; i < p->ch.n; i++)
		if (strcmp(site_text(p, &p->ch.v[i]), text) == 0)
			return p->ch.v[i].kind;
	return -1;
}

static char *
load_seed(const char *dir, const char *prefix)
{
	struct dirent *de;
	DIR *dp = opendir(dir);
	char *buf = NULL;
	FILE *f;
	long n;

	if (dp == NULL)
		return NULL;
	while ((de = readdir(dp)) != NULL) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
			continue;
		buf = xmalloc(strlen(dir) + strlen(de->d_name) + 2);
		sprintf(buf, "%s/%s", dir, de->d_name);
		break;
	}
	closedir(dp);
	if (buf == NULL || (f = fopen(buf, "rb")) == NULL) {
		free(buf);
		return NULL;
	}
	free(buf);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	buf[fread(buf, 1, (size_t)n, f)] = '\0';
	fclose(f);
	return buf;
}

/*
 * The seeds, when SEEDS_DIR is set: the amount dropped from the first
 * copy is a number, "said" -> "mentioned" is attribution, and punctuation
 * alone (a quotation mark moved past a full stop) is never a quote.
 */
static void
test_seeds(void)
{
	static const char *const prefix[] = { "001_", "002_", "003_", "004_" };
	const char *dir = getenv("SEEDS_DIR");
	char *base, *other;
	struct pair p;
	size_t k, i, bad;

	if (dir == NULL || (base = load_seed(dir, "000_")) == NULL) {
		skip_seeds("SEEDS_DIR not set");
		return;
	}
	for (k = 0; k < sizeof prefix / sizeof *prefix; k++) {
		if ((other = load_seed(dir, prefix[k])) == NULL) {
			skip_seeds("no seed %s*", prefix[k]);
			continue;
		}
		pair_open(&p, base, other);
		ok(counts_agree(&p.ch), "seed %s: counts agree", prefix[k]);
		for (i = bad = 0; i < p.ch.n; i++)
			if (p.ch.v[i].kind == KIND_QUOTE &&
			    site_all_punct(&p, &p.ch.v[i]))
				bad++;
		is_int(bad, 0, "seed %s: no quote for punctuation moved about", prefix[k]);
		if (k == 0)
			is_int(kind_of_site(&p, "-[( S $ 67.5 million )]"),
			       KIND_NUMBER, "seed 001: dropped amount: number");
		if (k == 2)
			is_int(kind_of_site(&p, "-[said] +[mentioned]"),
			       KIND_ATTRIBUTION,
			       "seed 003: said -> mentioned: attribution");
		pair_close(&p);
		free(other);
	}
	free(base);
}

/*
 * A long paragraph full of quotation marks and changes, and many
 * paragraphs: linear time (a quadratic scan would take minutes).
 */
/*
 * The fast paths of the classifier (a hash table of the listed words and
 * months, ASCII shapes, a lower-case word ruled out as a name at once, a
 * sentence's first word ruled out before its style is worked out) give
 * the kinds of the reference paths (facts_reference): on random pairs
 * of paragraphs made of words that each rule cares about, edited at
 * random, every site gets the same ops and kinds both ways.
 */
static void
test_reference(void)
{
	static const char *const words[] = {
		"the", "The", "a", "of", "one", "One", "no", "said", "Said",
		"claimed", "according", "to", "Mr", "Smith", "NASA", "U.S.",
		"US", "I", "OK", "June", "JUNE", "june", "May", "may", "Sept",
		"Sep", "sept", "Sept.", "Jan.", "March", "march", "Monday",
		"monday", "last", "next", "this", "week", "weeks", "ago", "in",
		"In", "2020", "1990s", "30", "30th", "5", "10:30", "3", "p.m.",
		"a.m.", "AM", "am", "PM", "GMT", "gmt", "today", "Today",
		"noon", "percent", "million", "Million", "twenty", "first",
		"$", "\xe2\x82\xac", "%", "US$50", "S$67.5", "Trump's",
		"Alibaba\xe2\x80\x99s", "\xc3\x89lodie", "\xc3\x89" "COLE",
		"\xc3\xa9t\xc3\xa9", "\xe6\x9d\xb1\xe4\xba\xac", "and", "And",
		"for", "with", "into", "Over", "Into", "\xe2\x80\x9c",
		"\xe2\x80\x9d", "\"", "'", "\xc2\xab", "\xc2\xbb", ",", ".",
		":", "-", "\xe2\x80\x94", "(", ")", "?", "BIG", "News",
		"Report", "mid", "Dr", "Prof", "dozen", "GOVERNMENT",
		"Acknowledged", "acknowledged", "TODAY", "UTC", "x", "Xi",
	};
	const size_t nw = sizeof words / sizeof *words;
	char a[4096], b[4096];
	uint64_t rng = 15;
	size_t round, la, lb, i, n, bad = 0, sites = 0;
	struct changes ref;
	struct pair p;

	for (round = 0; round < 400; round++) {
		la = lb = 0;
		rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
		n = 4 + (rng >> 33) % 60;
		for (i = 0; i < n; i++) {
			const char *w;
			unsigned r;

			rng = rng * 6364136223846793005ULL +
			    1442695040888963407ULL;
			w = words[(rng >> 33) % nw];
			r = (unsigned)(rng >> 20) % 16;
			/* most words in both; some changed, dropped, added */
			if (r != 0) {
				la += (size_t)sprintf(a + la, "%s%s", la ? " " : "", w);
			}
			if (r == 1 || r == 2)
				w = words[(rng >> 40) % nw];
			if (r != 3) {
				lb += (size_t)sprintf(b + lb, "%s%s", lb ? " " : "", w);
			}
			if (r == 4 && i % 3 == 0) {
				a[la++] = '\n';
				a[la++] = '\n';
				b[lb++] = '\n';
				b[lb++] = '\n';
			}
		}
		a[la++] = '\n';
		b[lb++] = '\n';
		a[la] = b[lb] = '\0';
		pair_open(&p, a, b);
		facts_reference(true);
		facts_classify(p.al, p.bp, &ref);
		facts_reference(false);
		sites += ref.n;
		for (i = 0; i < ref.n || i < p.ch.n; i++)
			if (i >= ref.n || i >= p.ch.n ||
			    ref.v[i].block != p.ch.v[i].block ||
			    ref.v[i].op != p.ch.v[i].op ||
			    ref.v[i].nop != p.ch.v[i].nop ||
			    ref.v[i].kind != p.ch.v[i].kind ||
			    ref.v[i].kinds != p.ch.v[i].kinds) {
				if (bad++ < 3)
					printf("#   round %zu site %zu differs:\n"
					    "#   a: %s#   b: %s", round, i, a, b);
				break;
			}
		changes_clear(&ref);
		pair_close(&p);
	}
	ok(bad == 0, "the fast paths give the reference kinds (%zu rounds "
	   "differ)", bad);
	ok(sites > 2000, "on many sites (%zu)", sites);
}

static void
test_scale(void)
{
	size_t n = 40000, i, la = 0, lb = 0;
	char *a = xmalloc(n * 64), *b = xmalloc(n * 64);
	struct pair p;
	clock_t t0;
	double secs;

	for (i = 0; i < n; i++) {
		la += (size_t)sprintf(a + la, "\xe2\x80\x9cWe %zu,\xe2\x80\x9d "
				      "he said. ", i);
		lb += (size_t)sprintf(b + lb, "\xe2\x80\x9cWe %zu,\xe2\x80\x9d "
				      "he said. ", i % 7 ? i : i + 1);
	}
	a[la++] = '\n';
	b[lb++] = '\n';
	a[la] = b[lb] = '\0';
	pair_open(&p, a, b);
	changes_clear(&p.ch);
	t0 = clock();
	facts_classify(p.al, p.bp, &p.ch);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	ok(p.ch.n > 0 && p.ch.count[KIND_QUOTE] == p.ch.n,
	   "one long paragraph: every site a quote (%zu sites)", p.ch.n);
	ok(secs < 2.0, "one long paragraph: classified in %.3f s", secs);
	pair_close(&p);
	free(a);
	free(b);
}

int
main(void)
{
	test_names();
	test_numbers();
	test_dates();
	test_not_facts();
	test_cleanup();
	test_quotes();
	test_attribution_names();
	test_moves();
	test_counts();
	test_seeds();
	test_reference();
	test_scale();
	return done_testing();
}
