/*
 * test-fold.c — unit tests of engine/fold.c: cosmetic folding (quotes,
 * dashes, spaces, removed characters, case and NFKC, digit grouping), its
 * ASCII fast path against the slow one, and the strict form (NFC).
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "fold.h"
#include "tap.h"
#include "xalloc.h"

static void
check_fold(const char *in, const char *want, const char *name)
{
	size_t n;
	uint8_t *f = fold_string((const uint8_t *)in, strlen(in), &n);

	is_mem(f, n, want, "fold: %s", name);
	free(f);
}

/* fold_string of s, forced through the slow path by a leading ZWSP. */
static bool
fast_equals_slow(const char *s, size_t n)
{
	char *slow = xmalloc(n + 3);
	uint8_t *a, *b;
	size_t na, nb;
	bool same;

	memcpy(slow, "\xe2\x80\x8b", 3);
	memcpy(slow + 3, s, n);
	a = fold_string((const uint8_t *)s, n, &na);
	b = fold_string((const uint8_t *)slow, n + 3, &nb);
	same = na == nb && memcmp(a, b, na) == 0;
	if (!same)
		printf("#   fast '%.*s' slow '%.*s'\n", (int)na, (char *)a,
		    (int)nb, (char *)b);
	free(a);
	free(b);
	free(slow);
	return same;
}

static void
test_fold(void)
{
	static const char *const samples[] = {
		"Hello", "WORLD", "U.S", "don't", "`quoted'", "1,000",
		"1,000,000", "3,5", "12,345.67", "1'000", "a,000", "x1,000",
		"MiXeD-CaSe_123", "~!@#$%^&*()_+{}|:<>?", "1,0000", "",
	};
	static const char *const dashes[] = {
		"\xe2\x80\x90", "\xe2\x80\x91", "\xe2\x80\x92", "\xe2\x80\x93",
		"\xe2\x80\x94", "\xe2\x80\x95", "\xe2\x88\x92", "\xef\xb9\x98",
		"\xef\xb9\xa3", "\xef\xbc\x8d",
	};
	char ascii[2];
	size_t i, bad;

	/* Quotes and apostrophes. */
	check_fold("\xe2\x80\x98" "a" "\xe2\x80\x99", "'a'", "single curly");
	check_fold("\xe2\x80\x9a" "b" "\xe2\x80\x9b", "'b'", "low-9, reversed");
	check_fold("5\xe2\x80\xb2", "5'", "prime");
	check_fold("`a\xc2\xb4", "'a'", "grave and acute accents");
	check_fold("don\xe2\x80\x99t", "don't", "curly apostrophe");
	check_fold("\xe2\x80\x9c" "a" "\xe2\x80\x9d", "\"a\"", "double curly");
	check_fold("\xe2\x80\x9e" "b" "\xe2\x80\x9f", "\"b\"", "double low-9");
	check_fold("\xc2\xab" "c" "\xc2\xbb", "\"c\"", "guillemets");
	check_fold("5\xe2\x80\xb3", "5\"", "double prime");

	/* Dashes. */
	for (i = 0, bad = 0; i < sizeof dashes / sizeof dashes[0]; i++) {
		size_t n;
		uint8_t *f = fold_string((const uint8_t *)dashes[i],
		    strlen(dashes[i]), &n);

		if (n != 1 || f[0] != '-') {
			printf("#   dash %zu gave '%.*s'\n", i, (int)n, f);
			bad++;
		}
		free(f);
	}
	is_int(bad, 0, "fold: every dash and hyphen is -");
	check_fold("e\xe2\x80\x91mail", "e-mail", "non-breaking hyphen");

	/* Spaces. */
	check_fold("a\xc2\xa0" "b", "a b", "no-break space");
	check_fold("a\xe2\x80\x89" "b", "a b", "thin space");
	check_fold("a\xe3\x80\x80" "b", "a b", "ideographic space");
	check_fold("a\xe2\x80\xaf" "b", "a b", "narrow no-break space");

	/* Removed characters. */
	check_fold("co\xc2\xad" "operate", "cooperate", "soft hyphen");
	check_fold("a\xe2\x80\x8b" "b", "ab", "zero width space");
	check_fold("a\xe2\x80\x8c" "b\xe2\x80\x8d" "c", "abc", "ZWNJ, ZWJ");
	check_fold("a\xe2\x81\xa0" "b\xef\xbb\xbf" "c", "abc", "WJ, BOM");
	check_fold("\xe2\x80\x8b", "", "only a zero width space");

	/* Case and normalisation. */
	check_fold("HeLLo", "hello", "ASCII case");
	check_fold("\xc3\x89" "COLE", "\xc3\xa9" "cole", "accented capital");
	check_fold("e\xcc\x81" "cole", "\xc3\xa9" "cole", "composed");
	check_fold("Stra\xc3\x9f" "e", "strasse", "full case folding");
	check_fold("\xef\xac\x81" "nance", "finance", "NFKC ligature");
	check_fold("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3", "abc",
	    "full-width letters");
	check_fold("\xef\xbc\x91\xef\xbc\x8c\xef\xbc\x90\xef\xbc\x90"
	    "\xef\xbc\x90", "1000", "full-width digits and comma");

	/* Digit grouping. */
	check_fold("1,000", "1000", "grouping 1,000");
	check_fold("1,000,000", "1000000", "grouping 1,000,000");
	check_fold("3,5", "3,5", "decimal comma kept");
	check_fold("1,0000", "1,0000", "four digits after the comma kept");
	check_fold("1,00", "1,00", "two digits after the comma kept");
	check_fold("12,345.67", "12345.67", "grouping before decimals");
	check_fold("1\xe2\x80\x99" "000", "1000", "apostrophe grouping");
	check_fold("1\xc2\xa0" "000", "1000", "no-break space grouping");
	check_fold("1\xe2\x80\x89" "000\xe2\x80\x89" "000", "1000000",
	    "thin space grouping");
	check_fold("a,000", "a,000", "no digit before the comma");
	check_fold("1, 000", "1, 000", "comma and space kept");

	/* Invalid bytes are kept; what is around them is folded. */
	check_fold("A\xff" "B\xe2\x80\x94", "a\xff" "b-", "invalid byte kept");

	/* The ASCII fast path gives what the slow path gives. */
	for (i = 0, bad = 0; i < sizeof samples / sizeof samples[0]; i++)
		if (!fast_equals_slow(samples[i], strlen(samples[i])))
			bad++;
	is_int(bad, 0, "fold: ASCII fast path = slow path on samples");
	for (i = 1, bad = 0; i < 128; i++) {
		ascii[0] = (char)i;
		if (!fast_equals_slow(ascii, 1))
			bad++;
	}
	is_int(bad, 0, "fold: ASCII fast path = slow path, every character");
}

/*
 * fold.c skips u8_normalize for strings made only of characters in these
 * ranges, claiming NFC leaves each alone: check that claim (the character
 * is NFC, has combining class 0, and composes with no character before
 * it, tried against every base letter of Latin, Greek and Cyrillic).
 */
static void
test_nfc_ranges(void)
{
	static const ucs4_t range[][2] = {
		{ 0x80, 0x2ff }, { 0x2010, 0x205e }, { 0x20a0, 0x20bf },
	};
	uint8_t in[8], out[64], *r;
	size_t i, n, len, bad = 0;
	ucs4_t uc, prev;

	for (i = 0; i < sizeof range / sizeof range[0]; i++) {
		for (uc = range[i][0]; uc <= range[i][1]; uc++) {
			if (uc_is_general_category(uc, UC_CATEGORY_Cn))
				continue;
			n = (size_t)u8_uctomb(in, uc, sizeof in);
			len = sizeof out;
			r = u8_normalize(UNINORM_NFC, in, n, out, &len);
			if (r != out || len != n || memcmp(out, in, n) != 0 ||
			    uc_combining_class(uc) != 0) {
				printf("#   U+%04X is not NFC-stable\n",
				    (unsigned)uc);
				bad++;
			}
			for (prev = 0x41; prev < 0x530; prev++)
				if (uc_composition(prev, uc) != 0) {
					printf("#   U+%04X composes\n",
					    (unsigned)uc);
					bad++;
					break;
				}
		}
	}
	is_int(bad, 0, "NFC shortcut: its ranges are NFC-stable");
}

static void
check_strict(const char *in, bool ignore_case, const char *want,
	     bool same, const char *name)
{
	struct fold_buf b = { NULL, 0, 0 };
	const uint8_t *s = (const uint8_t *)in, *r;
	size_t n;

	r = fold_strict(&b, s, strlen(in), ignore_case, &n);
	is_mem(r, n, want, "strict: %s", name);
	ok((r == s) == same, "strict: %s %s", name,
	   same ? "is the input itself" : "is worked out");
	free(b.p);
}

static void
test_strict(void)
{
	check_strict("Hello", false, "Hello", true, "ASCII");
	check_strict("Hello", true, "hello", false, "ASCII, ignore case");
	check_strict("caf\xc3\xa9 \xe2\x80\x94", false,
	    "caf\xc3\xa9 \xe2\x80\x94", true, "NFC-stable characters");
	check_strict("e\xcc\x81" "cole", false, "\xc3\xa9" "cole", false,
	    "composed");
	check_strict("\xc3\x89" "COLE", true, "\xc3\xa9" "cole", false,
	    "accented capital, ignore case");
	check_strict("\xef\xac\x81", false, "\xef\xac\x81", false,
	    "a ligature stays (NFC, not NFKC)");
	check_strict("e\xcc\x81\xff", false, "\xc3\xa9\xff", false,
	    "invalid byte kept");
}

int
main(void)
{
	test_fold();
	test_nfc_ranges();
	test_strict();
	return done_testing();
}
