/*
 * test-wordlist.c — the word lists that weigh words and keep figures
 * (weight.c: function_word, number_word) answer like a plain,
 * case-insensitive look-up in the lists written out here: every entry in
 * lower, upper, capitalised and mixed case; near misses (a letter
 * dropped, added or changed, an apostrophe, a non-ASCII byte, a NUL
 * inside the length); and every lower-case string of up to four letters,
 * so that what rules a word out before any compare (length, first
 * letter) never rules out a listed word.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "align-stage.h"
#include "tap.h"

static const char *const function_words[] = {
	"a", "about", "after", "all", "also", "an", "and", "any", "are", "as",
	"at", "be", "been", "being", "but", "by", "can", "could", "did", "do",
	"does", "for", "from", "had", "has", "have", "he", "her", "his", "if",
	"in", "into", "is", "it", "its", "may", "more", "most", "not", "of",
	"on", "one", "or", "our", "out", "over", "said", "says", "she", "so",
	"some", "than", "that", "the", "their", "them", "there", "these",
	"they", "this", "those", "to", "up", "was", "we", "were", "what",
	"when", "which", "while", "who", "will", "with", "would", NULL,
};

static const char *const number_words[] = {
	"billion", "dozen", "eight", "eighteen", "eighty", "eleven", "fifteen",
	"fifty", "five", "forty", "four", "fourteen", "hundred", "million",
	"nine", "nineteen", "ninety", "seven", "seventeen", "seventy", "six",
	"sixteen", "sixty", "ten", "thirteen", "thirty", "thousand", "three",
	"trillion", "twelve", "twenty", "two", NULL,
};

struct list {
	const char *name;
	const char *const *w;
	bool (*fn)(const uint8_t *, size_t);
};

static const struct list lists[] = {
	{ "function_word", function_words, function_word },
	{ "number_word", number_words, number_word },
};

/* The reference: byte by byte, ASCII letters folded. */
static bool
ref_in(const char *const *w, const uint8_t *s, size_t len)
{
	size_t i;

	for (; *w != NULL; w++) {
		if (strlen(*w) != len)
			continue;
		for (i = 0; i < len; i++) {
			unsigned ch = s[i];

			if (ch >= 'A' && ch <= 'Z')
				ch += 32;
			if (ch != (unsigned char)(*w)[i])
				break;
		}
		if (i == len)
			return true;
	}
	return false;
}

static unsigned nchecked, nwrong;
static char first_wrong[200];

static void
check(const struct list *l, const uint8_t *s, size_t len)
{
	bool want = ref_in(l->w, s, len), got = l->fn(s, len);

	nchecked++;
	if (got != want && nwrong++ == 0)
		snprintf(first_wrong, sizeof first_wrong, "%s(\"%.*s\", %zu) "
			 "gave %d", l->name, (int)len, (const char *)s, len,
			 got);
}

static void
report(const char *what)
{
	ok(nwrong == 0, "%s: %u of %u wrong%s%s", what, nwrong, nchecked,
	   nwrong ? ", first " : "", nwrong ? first_wrong : "");
	nchecked = nwrong = 0;
}

int
main(void)
{
	uint8_t buf[40];
	size_t k, i, j, len;

	/* Every entry, in every case, is in its list and not the other's. */
	for (k = 0; k < 2; k++) {
		const char *const *w;

		for (w = lists[k].w; *w != NULL; w++) {
			len = strlen(*w);
			memcpy(buf, *w, len);
			ok(lists[k].fn(buf, len), "%s: \"%s\"",
			   lists[k].name, *w);
			for (i = 0; i < 2; i++)
				check(&lists[i], buf, len);
			for (j = 0; j < len; j++)	/* UPPER */
				buf[j] = (uint8_t)(*w)[j] - 32;
			for (i = 0; i < 2; i++)
				check(&lists[i], buf, len);
			for (j = 1; j < len; j++)	/* Capitalised */
				buf[j] = (uint8_t)(*w)[j];
			for (i = 0; i < 2; i++)
				check(&lists[i], buf, len);
			for (j = 0; j < len; j++)	/* mIxEd */
				buf[j] = (uint8_t)(*w)[j] - (j % 2 ? 32 : 0);
			for (i = 0; i < 2; i++)
				check(&lists[i], buf, len);
		}
	}
	report("every entry in every case");

	/* Near misses of every entry. */
	for (k = 0; k < 2; k++) {
		const char *const *w;
		static const uint8_t subst[] = { 'a', 'e', 's', 'z', '\'',
			'-', 0xc3, 0, '@', '[', '`', '{' };

		for (w = lists[k].w; *w != NULL; w++) {
			len = strlen(*w);
			for (i = 0; i < 2; i++) {
				memcpy(buf, *w, len);
				check(&lists[i], buf, len - 1);	/* dropped */
				check(&lists[i], buf + 1, len - 1);
				for (j = 0; j < sizeof subst; j++) {
					buf[len] = subst[j];	/* added */
					check(&lists[i], buf, len + 1);
				}
				for (j = 0; j < len * sizeof subst; j++) {
					memcpy(buf, *w, len);	/* changed */
					buf[j / sizeof subst] =
						subst[j % sizeof subst];
					check(&lists[i], buf, len);
				}
			}
		}
	}
	report("near misses");

	/* Every lower-case string of up to four letters, and its
	 * capitalised form. */
	for (len = 0; len <= 4; len++) {
		unsigned long n = 1, x, y;

		for (j = 0; j < len; j++)
			n *= 26;
		for (x = 0; x < n; x++) {
			for (y = x, j = 0; j < len; j++, y /= 26)
				buf[j] = (uint8_t)('a' + y % 26);
			for (i = 0; i < 2; i++)
				check(&lists[i], buf, len);
			if (len > 0) {
				buf[0] -= 32;
				for (i = 0; i < 2; i++)
					check(&lists[i], buf, len);
			}
		}
	}
	report("every string of up to four letters");

	/* Long words never match (a length past any mask). */
	memset(buf, 'a', sizeof buf);
	for (len = 5; len <= sizeof buf; len++)
		for (i = 0; i < 2; i++)
			check(&lists[i], buf, len);
	report("long strings");

	return done_testing();
}
