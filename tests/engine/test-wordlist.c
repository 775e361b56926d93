/*
 * test-wordlist.c — the word lists that weigh words and keep figures
 * (weight.c: function_word, number_word) answer like a plain,
 * case-insensitive look-up in the same lists, read from weight.c (so a
 * word added there without its length and first letter is caught), and
 * are sorted, as the search needs: every entry in
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

struct list {
	const char *name;
	const char *const *(*words)(size_t *);
	bool (*fn)(const uint8_t *, size_t);
	const char *const *w;	/* the engine's own list, n words */
	size_t n;
};

static struct list lists[] = {
	{ "function_word", function_word_list, function_word, NULL, 0 },
	{ "number_word", number_word_list, number_word, NULL, 0 },
};

/* The reference: byte by byte, ASCII letters folded. */
static bool
ref_in(const struct list *l, const uint8_t *s, size_t len)
{
	size_t i, k;

	for (k = 0; k < l->n; k++) {
		const char *w = l->w[k];

		if (strlen(w) != len)
			continue;
		for (i = 0; i < len; i++) {
			unsigned ch = s[i];

			if (ch >= 'A' && ch <= 'Z')
				ch += 32;
			if (ch != (unsigned char)w[i])
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
	bool want = ref_in(l, s, len), got = l->fn(s, len);

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

	for (k = 0; k < 2; k++) {
		lists[k].w = lists[k].words(&lists[k].n);
		ok(lists[k].n > 20, "%s: %zu words", lists[k].name, lists[k].n);
		for (i = 1; i < lists[k].n; i++)
			if (strcmp(lists[k].w[i - 1], lists[k].w[i]) >= 0)
				break;
		ok(i == lists[k].n, "%s: sorted", lists[k].name);
	}

	/* Every entry, in every case, is in its list and not the other's. */
	for (k = 0; k < 2; k++) {
		const char *const *w;

		for (w = lists[k].w; w < lists[k].w + lists[k].n; w++) {
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

		for (w = lists[k].w; w < lists[k].w + lists[k].n; w++) {
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
