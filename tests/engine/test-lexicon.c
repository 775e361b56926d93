/*
 * test-lexicon.c — unit tests of engine/lexicon.c: the months and their
 * abbreviations, as the sentence splitter, the change classifier and the
 * equivalences ask for them.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "lexicon.h"
#include "tap.h"

static bool
month(const char *s)
{
	return lexicon_is_month((const uint8_t *)s, strlen(s));
}

static bool
abbr(const char *s)
{
	return lexicon_is_month_abbr((const uint8_t *)s, strlen(s));
}

/*
 * Every name and abbreviation of the table is a month, in both cases:
 * lexicon_is_month rules out words by their length and first letter
 * before it reads the table, and must not rule out one of its own.
 */
static void
test_table(void)
{
	char buf[2][16];
	const char *w;
	size_t m, k, i, bad = 0;

	for (m = 0; m < LEXICON_MONTHS; m++)
		for (k = 0; k < 3; k++) {
			w = k == 0 ? lexicon_months[m].name :
			    lexicon_months[m].abbr[k - 1];
			if (w == NULL || strlen(w) >= sizeof buf[0])
				continue;
			for (i = 0; i <= strlen(w); i++) {
				buf[0][i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ?
				    w[i] + 32 : w[i]);
				buf[1][i] = (char)(w[i] >= 'a' && w[i] <= 'z' ?
				    w[i] - 32 : w[i]);
			}
			bad += !month(w) + !month(buf[0]) + !month(buf[1]);
		}
	ok(bad == 0, "every name and abbreviation of the table, in any "
	   "case (%zu missed)", bad);
}

int
main(void)
{
	test_table();
	is_str(lexicon_months[0].name, "January", "the first month");
	is_str(lexicon_months[LEXICON_MONTHS - 1].name, "December",
	    "the last month");
	ok(lexicon_months[4].abbr[0] == NULL, "May has no abbreviation");
	is_str(lexicon_months[8].abbr[0], "Sept", "Sept first...");
	is_str(lexicon_months[8].abbr[1], "Sep", "... then Sep");

	ok(month("January") && month("january") && month("JANUARY"),
	   "a name, in any case");
	ok(month("Sept") && month("sep") && month("DEC"),
	   "an abbreviation, in any case");
	ok(month("May") && month("may"), "May");
	ok(!month("Janu") && !month("Ja") && !month("") && !month("Sept.") &&
	   !month("Januaryx"), "not a prefix, an extension or a full stop");

	ok(abbr("Jan") && abbr("Sept") && abbr("Sep") && abbr("Dec"),
	   "abbreviations as written");
	ok(!abbr("jan") && !abbr("SEPT") && !abbr("May") && !abbr("June") &&
	   !abbr("Janu") && !abbr("Jan."), "not in other cases, not names");
	return done_testing();
}
