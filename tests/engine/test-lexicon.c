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

int
main(void)
{
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
