/*
 * lexicon.c — the month names and their abbreviations (lexicon.h).
 *
 * Twelve entries: a linear search costs less than anything cleverer,
 * once a word's length and first two letters have ruled out most words.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lexicon.h"

const struct lexicon_month lexicon_months[LEXICON_MONTHS] = {
	{ "January", { "Jan", NULL } },
	{ "February", { "Feb", NULL } },
	{ "March", { "Mar", NULL } },
	{ "April", { "Apr", NULL } },
	{ "May", { NULL, NULL } },
	{ "June", { "Jun", NULL } },
	{ "July", { "Jul", NULL } },
	{ "August", { "Aug", NULL } },
	{ "September", { "Sept", "Sep" } },
	{ "October", { "Oct", NULL } },
	{ "November", { "Nov", NULL } },
	{ "December", { "Dec", NULL } },
};

/* s[0 .. n-1] against the NUL-terminated w, ASCII case ignored or not. */
static bool
same_word(const uint8_t *s, size_t n, const char *w, bool anycase)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint8_t a = s[i], b = (uint8_t)w[i];

		if (b == '\0')
			return false;
		if (anycase) {
			a = a >= 'A' && a <= 'Z' ? (uint8_t)(a + 32) : a;
			b = b >= 'A' && b <= 'Z' ? (uint8_t)(b + 32) : b;
		}
		if (a != b)
			return false;
	}
	return w[n] == '\0';
}

/* ASCII c in lower case. */
static uint8_t
lower(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
}

bool
lexicon_is_month(const uint8_t *s, size_t n)
{
	/* The first two letters of every month, in pairs. */
	static const char starts[] = "jafemaapjuauseocnode";
	const char *st;
	size_t m, k;
	uint8_t c;

	/*
	 * Asked of every word the classifier does not know: most are
	 * longer than "September" or start with two letters no month
	 * does (test-lexicon checks the table against this list).
	 */
	if (n < 3 || n > 9)
		return false;
	c = lower(s[0]);
	for (st = starts; *st != '\0'; st += 2)
		if (c == (uint8_t)st[0] && lower(s[1]) == (uint8_t)st[1])
			break;
	if (*st == '\0')
		return false;
	for (m = 0; m < LEXICON_MONTHS; m++) {
		const struct lexicon_month *x = &lexicon_months[m];

		if (c == lower((uint8_t)x->name[0]) &&
		    same_word(s, n, x->name, true))
			return true;
		for (k = 0; k < 2 && x->abbr[k] != NULL; k++)
			if (c == lower((uint8_t)x->abbr[k][0]) &&
			    same_word(s, n, x->abbr[k], true))
				return true;
	}
	return false;
}

bool
lexicon_is_month_abbr(const uint8_t *s, size_t n)
{
	size_t m, k;

	for (m = 0; m < LEXICON_MONTHS; m++)
		for (k = 0; k < 2 && lexicon_months[m].abbr[k] != NULL; k++)
			if (same_word(s, n, lexicon_months[m].abbr[k], false))
				return true;
	return false;
}
