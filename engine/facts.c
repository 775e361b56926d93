/*
 * facts.c — the kind of each change site: number, date, quote, name,
 * attribution, wording or cosmetic (see facts.h for the sites).
 *
 * Every rule looks at the changed units of a site: the units of its
 * WOP_DELETE ops, read in A, and of its WOP_INSERT ops, read in B.  Each
 * rule is written to be trusted rather than to catch everything: a
 * journalist who sees "number" next to a change must find a figure there.
 *
 * number — a changed unit holds
 *   - a TOK_NUMBER token, or any decimal digit ("1,200", "G20", "2bn"),
 *     that is not a date's (below);
 *   - a currency sign (general category Sc: $ € £ ¥ ...) or a percent or
 *     per-mille sign;
 *   - a number word: zero .. twenty, the tens, hundred, thousand,
 *     million, billion, trillion (and plurals), dozen, first .. tenth,
 *     half, percent, cent, bn/mln/bln; but not the pronoun "one" ("one
 *     of them said", "no one", "the one", after any, each, every, that,
 *     this, which), which counts nothing;
 *   - or a word glued to a figure or currency sign with no space between:
 *     the "US" of "US$50" and the "S" of "S$67.5" are part of an amount
 *     (doc.h splits "US$9.2" into "US", "$", "9.2").  Such a word is not
 *     also taken for a name.
 *   Why: amounts, counts and percentages are the facts readers act on,
 *   and every one of them shows itself by a digit, a sign or one of a
 *   closed list of words.  Cosmetic rewrites of a figure ("3 per cent" /
 *   "3%", "1,000" / "1000") never get here: cmpkeys.h folds them, so they
 *   are cosmetic sites.
 *
 * date — a changed unit is
 *   - a month or weekday name (capitalised only, so the verbs "may" and
 *     "march" stay words; the abbreviations Jan ... Dec too), today,
 *     yesterday, tomorrow, tonight, noon, midnight, a.m., p.m., AM and PM
 *     (in capitals only: "am" is a verb);
 *   - a figure that is a day beside a month ("June 30", "30 June", "the
 *     30th of June", "Jan. 5"), a year of four digits after a month or a
 *     month's day ("June 2023", "June 30, 2023") or after one of in,
 *     since, until, till, by, before, after, during, from, through,
 *     early, late, mid and the seasons ("in 2020", "by 2030", "the
 *     1990s" as a decade after those), a figure of a date written with
 *     "-" or "/" ("2022-01-20", "1/20/2022"), or of a time ("10:30", "3
 *     p.m.", "9 GMT");
 *   - a relative date: last, next or this before a month, a weekday or
 *     one of day, week, weekend, month, year, morning, afternoon,
 *     evening, night, spring, summer, autumn, fall, winter, quarter,
 *     decade ("last January", "next week"), or such a word after them, or
 *     "ago" after such a word ("days ago").
 *   Why: a date is what a correction most often mends ("Tuesday" ->
 *   "Wednesday", "June 30, 2023" -> "June 30, 2024"), and a reader must
 *   tell it from a changed amount; a figure is taken for a date only in
 *   those shapes, so that "30 people" in March stays a number.
 *
 * quote — a changed word, figure or symbol lies inside quotation marks
 *   on its own side (deleted units in A, inserted ones in B); or the site
 *   adds or removes quotation marks: the marks that open or close a
 *   quotation among its deleted units are not as many as among its
 *   inserted ones.  Changed punctuation alone inside a quotation
 *   ("soon," -> "soon") and a closing mark moved past a full stop
 *   (`it".` -> `it."`) are not quote changes: they are house style, not
 *   somebody's words.  Quotation marks are found once per paragraph
 *   touched, scanning its tokens:
 *   - curly marks by direction: “ opens, ” closes; ‘ opens, ’ closes
 *     (German „ and ‚ open, closed by “ ” and ‘ ’); « opens and » closes,
 *     and a » that opens with no « pending opens a span closed by «
 *     (German style); ‹ ›, 「 」, 『 』 likewise;
 *   - straight " and ' (and ＂) by context: a mark after a space, the
 *     paragraph start or an opening bracket, and before a non-space,
 *     opens; a mark after a non-space and before a space, punctuation or
 *     the end closes; otherwise a " toggles and a ' is ignored;
 *   - a closing mark with nothing open is ignored: that is an apostrophe
 *     ("the Joneses’ house", "’90s");  a mark glued to a figure is a unit,
 *     not a quote (5'11", '90s); an apostrophe inside a word is never a
 *     token of its own (UAX #29 keeps "Japan's" whole);
 *   - a quotation left open runs to the end of the paragraph: news style
 *     does not close a quotation that continues in the next paragraph.
 *   Nesting is kept by a count per kind of mark, so mismatched marks never
 *   make a count negative.  Why: text inside quotation marks is what
 *   somebody said; changing it is the gravest error in news copy.
 *
 * name — a changed word (the part before any apostrophe: "Trump's") is
 *   - an acronym: two or more letters, all capitals ("NASA", "U.S.");
 *   - or capitalised and not the first word of its sentence (the
 *     sentence's first word, found through d->sent; a word right after an
 *     opening quotation mark, a colon, a dash or a bullet is taken as a
 *     first word too);
 *   and not one of I, Mr, Mrs, Ms, Mx, Dr, Prof, Sir, Dame, Madam, OK, a
 *   month or weekday (a date), and not a word that the other side of its
 *   block holds, with the same fold key or the same stem in lower case
 *   ("President" / "president", "Alibaba" / "Alibaba's", "US" / "U.S."):
 *   a paired or moved block's units on the other side, none for a block
 *   found in one version only.  In a title-case sentence (a headline: no
 *   lower-case word apart from short function words) only acronyms
 *   count, and in an all-capitals one nothing does.  Why: English marks
 *   proper names by capitals; the first word of a sentence is
 *   capitalised anyway, so a name there is missed rather than every
 *   "The" -> "A" being called a name; and a name that both versions of a
 *   passage hold ("US national security" -> "the national security of
 *   the U.S") did not change who is involved, only where it is said.
 *
 * attribution — a changed word is, compared in lower case, one of said,
 *   says, say, saying, told, tells, added, adds, stated, claimed, claims,
 *   argued, insisted, alleged, admitted, explained, noted, announced,
 *   reported, warned, wrote, asked, replied, denied, confirmed,
 *   acknowledged, suggested, maintained, according, declared, stressed,
 *   conceded, contended, quoted.  Why: "said" -> "claimed" or
 *   "admitted" changes how much the paper vouches for a statement.
 *
 * Boilerplate — a unit of a paragraph that boiler_match() labels, with
 *   any label but "headline", gives its site no kind: photo captions,
 *   bylines, datelines and chrome are not the story's facts, however many
 *   names and figures they hold; a headline is the story's.
 *
 * Cost: each changed unit is looked at once, with a hash look-up in a
 * word table, at most one binary search for its paragraph and sentence,
 * and a look at a few tokens around a figure or a date word; the
 * quotation marks of a paragraph, its boilerplate label and the first
 * word and style of a sentence are computed once per paragraph or
 * sentence touched (the label only when a unit there would give its site
 * a kind it lacks or a quotation mark); the name test uses a hash set of the fold keys and
 * stems of the other side of the block, built once per block when
 * needed.  All linear in the alignment and the text it touches.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "facts.h"
#include "hash.h"
#include "lexicon.h"
#include "uchar.h"
#include "xalloc.h"

#define FACT_BITS KIND_FACTS

const uint8_t change_kind_rank[KIND_COUNT] = {
	KIND_QUOTE, KIND_NUMBER, KIND_DATE, KIND_NAME, KIND_ATTRIBUTION,
	KIND_WORDING, KIND_COSMETIC,
};

const char *
change_kind_name(int kind)
{
	static const char *const names[KIND_COUNT] = {
		"wording", "cosmetic", "number", "date", "quote", "name",
		"attribution"
	};

	if (kind < 0 || kind >= KIND_COUNT)
		return "unknown";
	return names[kind];
}

/* --- word lists ----------------------------------------------------------- */

enum {
	W_NUMBER = 1,	/* a number word */
	W_DATE = 2,	/* a month or weekday: counts only when capitalised */
	W_ATTRIB = 4,	/* an attribution verb */
	W_NOTNAME = 8,	/* capitalised, but not a name */
	W_CAPS = 16,	/* a time word that counts only in capitals (AM) */
	W_ONE = 32,	/* "one": a pronoun in "one of", "no one", "the one" */
	W_TIME = 64,	/* a date or time word in any case: today, noon */
	W_REL = 128,	/* last, next, this: a date before a date word */
	W_PERIOD = 256,	/* week, year ...: a date after last, next, this */
	W_YEAR = 512,	/* in, since ...: a figure after it may be a year */
	W_AGO = 1024,	/* "ago": a date after a period word */
	W_ISDATE = 2048,	/* (word_flags) a date by itself */
	W_CLOCK = 4096,	/* a.m., PM, GMT: a time after a figure */
};

struct word {
	const char *w;
	uint16_t flags;
};

/* Lower case, sorted by bytes (strcmp order); months are lexicon.h's. */
static const struct word words[] = {
	{ "a.m", W_TIME | W_CLOCK },
	{ "according", W_ATTRIB },
	{ "acknowledged", W_ATTRIB },
	{ "added", W_ATTRIB },
	{ "adds", W_ATTRIB },
	{ "admitted", W_ATTRIB },
	{ "after", W_YEAR },
	{ "afternoon", W_PERIOD },
	{ "ago", W_AGO },
	{ "alleged", W_ATTRIB },
	{ "am", W_CAPS | W_CLOCK },
	{ "announced", W_ATTRIB },
	{ "argued", W_ATTRIB },
	{ "asked", W_ATTRIB },
	{ "autumn", W_PERIOD | W_YEAR },
	{ "before", W_YEAR },
	{ "billion", W_NUMBER },
	{ "billions", W_NUMBER },
	{ "bln", W_NUMBER },
	{ "bn", W_NUMBER },
	{ "by", W_YEAR },
	{ "cent", W_NUMBER },
	{ "cents", W_NUMBER },
	{ "claimed", W_ATTRIB },
	{ "claims", W_ATTRIB },
	{ "conceded", W_ATTRIB },
	{ "confirmed", W_ATTRIB },
	{ "contended", W_ATTRIB },
	{ "dame", W_NOTNAME },
	{ "day", W_PERIOD },
	{ "days", W_PERIOD },
	{ "decade", W_PERIOD },
	{ "decades", W_PERIOD },
	{ "declared", W_ATTRIB },
	{ "denied", W_ATTRIB },
	{ "dozen", W_NUMBER },
	{ "dozens", W_NUMBER },
	{ "dr", W_NOTNAME },
	{ "during", W_YEAR },
	{ "early", W_YEAR },
	{ "eight", W_NUMBER },
	{ "eighteen", W_NUMBER },
	{ "eighth", W_NUMBER },
	{ "eighty", W_NUMBER },
	{ "eleven", W_NUMBER },
	{ "evening", W_PERIOD },
	{ "explained", W_ATTRIB },
	{ "fall", W_PERIOD | W_YEAR },
	{ "fifteen", W_NUMBER },
	{ "fifth", W_NUMBER },
	{ "fifty", W_NUMBER },
	{ "first", W_NUMBER },
	{ "five", W_NUMBER },
	{ "forty", W_NUMBER },
	{ "four", W_NUMBER },
	{ "fourteen", W_NUMBER },
	{ "fourth", W_NUMBER },
	{ "friday", W_DATE },
	{ "from", W_YEAR },
	{ "gmt", W_CAPS | W_CLOCK },
	{ "half", W_NUMBER },
	{ "hundred", W_NUMBER },
	{ "hundreds", W_NUMBER },
	{ "i", W_NOTNAME },
	{ "in", W_YEAR },
	{ "insisted", W_ATTRIB },
	{ "last", W_REL },
	{ "late", W_YEAR },
	{ "madam", W_NOTNAME },
	{ "maintained", W_ATTRIB },
	{ "mid", W_YEAR },
	{ "midnight", W_TIME },
	{ "million", W_NUMBER },
	{ "millions", W_NUMBER },
	{ "mln", W_NUMBER },
	{ "monday", W_DATE },
	{ "month", W_PERIOD },
	{ "months", W_PERIOD },
	{ "morning", W_PERIOD },
	{ "mr", W_NOTNAME },
	{ "mrs", W_NOTNAME },
	{ "ms", W_NOTNAME },
	{ "mx", W_NOTNAME },
	{ "next", W_REL },
	{ "night", W_PERIOD },
	{ "nine", W_NUMBER },
	{ "nineteen", W_NUMBER },
	{ "ninety", W_NUMBER },
	{ "ninth", W_NUMBER },
	{ "noon", W_TIME },
	{ "noted", W_ATTRIB },
	{ "ok", W_NOTNAME },
	{ "one", W_NUMBER | W_ONE },
	{ "p.m", W_TIME | W_CLOCK },
	{ "percent", W_NUMBER },
	{ "pm", W_CAPS | W_CLOCK },
	{ "prof", W_NOTNAME },
	{ "quarter", W_PERIOD },
	{ "quoted", W_ATTRIB },
	{ "replied", W_ATTRIB },
	{ "reported", W_ATTRIB },
	{ "said", W_ATTRIB },
	{ "saturday", W_DATE },
	{ "say", W_ATTRIB },
	{ "saying", W_ATTRIB },
	{ "says", W_ATTRIB },
	{ "second", W_NUMBER },
	{ "seven", W_NUMBER },
	{ "seventeen", W_NUMBER },
	{ "seventh", W_NUMBER },
	{ "seventy", W_NUMBER },
	{ "since", W_YEAR },
	{ "sir", W_NOTNAME },
	{ "six", W_NUMBER },
	{ "sixteen", W_NUMBER },
	{ "sixth", W_NUMBER },
	{ "sixty", W_NUMBER },
	{ "spring", W_PERIOD | W_YEAR },
	{ "stated", W_ATTRIB },
	{ "stressed", W_ATTRIB },
	{ "suggested", W_ATTRIB },
	{ "summer", W_PERIOD | W_YEAR },
	{ "sunday", W_DATE },
	{ "tells", W_ATTRIB },
	{ "ten", W_NUMBER },
	{ "tenth", W_NUMBER },
	{ "third", W_NUMBER },
	{ "thirteen", W_NUMBER },
	{ "thirty", W_NUMBER },
	{ "this", W_REL },
	{ "thousand", W_NUMBER },
	{ "thousands", W_NUMBER },
	{ "three", W_NUMBER },
	{ "through", W_YEAR },
	{ "thursday", W_DATE },
	{ "till", W_YEAR },
	{ "today", W_TIME },
	{ "told", W_ATTRIB },
	{ "tomorrow", W_TIME },
	{ "tonight", W_TIME },
	{ "trillion", W_NUMBER },
	{ "trillions", W_NUMBER },
	{ "tuesday", W_DATE },
	{ "twelve", W_NUMBER },
	{ "twenty", W_NUMBER },
	{ "two", W_NUMBER },
	{ "until", W_YEAR },
	{ "utc", W_CAPS | W_CLOCK },
	{ "warned", W_ATTRIB },
	{ "wednesday", W_DATE },
	{ "week", W_PERIOD },
	{ "weekend", W_PERIOD },
	{ "weeks", W_PERIOD },
	{ "winter", W_PERIOD | W_YEAR },
	{ "wrote", W_ATTRIB },
	{ "year", W_PERIOD },
	{ "years", W_PERIOD },
	{ "yesterday", W_TIME },
	{ "zero", W_NUMBER },
};

/* Words a title-case headline leaves in lower case. */
static const char *const function_words[] = {
	"a", "an", "and", "as", "at", "but", "by", "for", "from", "in",
	"into", "nor", "of", "on", "or", "over", "per", "than", "the", "to",
	"up", "via", "vs", "with",
};

static int
str_cmp(const void *key, const void *elt)
{
	return strcmp(key, *(const char *const *)elt);
}

/*
 * s[0 .. n-1] in ASCII lower case into buf (NUL-terminated); false when
 * it is too long or holds anything but ASCII letters and dots, which no
 * listed word does.
 */
static bool
lower_ascii(const uint8_t *s, size_t n, char buf[16])
{
	size_t i;

	if (n == 0 || n >= 16)
		return false;
	for (i = 0; i < n; i++) {
		uint8_t c = s[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		else if (!(c >= 'a' && c <= 'z') && c != '.')
			return false;
		buf[i] = (char)c;
	}
	buf[n] = '\0';
	return true;
}

/*
 * The lists by hash, for the words of long rewrites: bsearch cost eight
 * strcmp calls a word.  Each list gets an open-addressed table of its
 * indexes + 1, made on first use; the words' table holds the months of
 * lexicon.h too, in lower case, after the words (one look-up a word, not
 * two).  facts_reference() looks words up as this once did, by bsearch
 * and lexicon_is_month, for the tests to compare with.
 */
#define TABLE_SIZE	512	/* a power of two, over twice a list */
#define NWORDS		(sizeof words / sizeof *words)
#define MONTH_FORMS	(3 * LEXICON_MONTHS)	/* a name, two abbreviations */

struct wordset {
	bool made;
	uint16_t slot[TABLE_SIZE];
};

static bool reference;		/* facts_reference() */

void
facts_reference(bool on)
{
	reference = on;
}

/* The months' names and abbreviations in lower case (word_name). */
static char month_form[MONTH_FORMS][16];
static size_t nmonth_form;

/* The index of buf[0 .. n-1] among the strings name(0) .. name(count - 1). */
static long
wordset_find(struct wordset *ws, const char *buf, size_t n, size_t count,
	     const char *(*name)(size_t))
{
	size_t i, x;
	const char *w;

	if (!ws->made) {
		for (x = 0; x < count; x++) {
			w = name(x);
			for (i = hash_bytes((const uint8_t *)w, strlen(w)) &
			     (TABLE_SIZE - 1); ws->slot[i] != 0;
			     i = (i + 1) & (TABLE_SIZE - 1))
				continue;
			ws->slot[i] = (uint16_t)(x + 1);
		}
		ws->made = true;
	}
	for (i = hash_bytes((const uint8_t *)buf, n) & (TABLE_SIZE - 1);
	     ws->slot[i] != 0; i = (i + 1) & (TABLE_SIZE - 1)) {
		w = name(ws->slot[i] - 1u);
		if (strncmp(w, buf, n) == 0 && w[n] == '\0')
			return (long)ws->slot[i] - 1;
	}
	return -1;
}

/* Word x of the words' table: words[], then the months. */
static const char *
word_name(size_t x)
{
	return x < NWORDS ? words[x].w : month_form[x - NWORDS];
}

static const char *
function_word_name(size_t x)
{
	return function_words[x];
}

static struct wordset word_set, function_word_set;

/* Fill month_form once, before word_set is made. */
static void
month_forms(void)
{
	const struct lexicon_month *m;
	const char *f;
	size_t i, k, j;

	for (i = 0; i < LEXICON_MONTHS; i++) {
		m = &lexicon_months[i];
		for (k = 0; k < 3; k++) {
			f = k == 0 ? m->name : m->abbr[k - 1];
			if (f == NULL)
				break;
			for (j = 0; f[j] != '\0' && j < 15; j++)
				month_form[nmonth_form][j] = (char)(
				    f[j] >= 'A' && f[j] <= 'Z' ?
				    f[j] + 'a' - 'A' : f[j]);
			month_form[nmonth_form++][j] = '\0';
		}
	}
}

/*
 * The first two bytes of every word of the words' table, a bit each:
 * start2[a][b] with a letter a, and b a letter, the dot or none (1 to 26,
 * 27, 0); made with word_set.  Most words of a text are ruled out by it
 * before they are lower-cased and hashed.
 */
static uint32_t start2[32];

static unsigned
start_code(unsigned char c)
{
	c |= 0x20;
	return c >= 'a' && c <= 'z' ? c - 'a' + 1u : c == '.' ? 27u :
	    c == ' ' ? 0u : 31u;
}

static void
start2_make(void)
{
	const char *w;
	size_t x;

	for (x = 0; x < NWORDS + nmonth_form; x++) {
		w = word_name(x);
		start2[start_code((unsigned char)w[0])] |=
		    UINT32_C(1) << (w[1] == '\0' ? 0 : start_code(
		    (unsigned char)w[1]));
	}
}

/* May s[0 .. n-1] (n > 0) be in the words' table, by start2? */
static bool
may_be_listed(const uint8_t *s, size_t n)
{
	/* a space first is in no word: 31, which no word has */
	unsigned a = s[0] == ' ' ? 31u : start_code(s[0]);
	unsigned b = n < 2 ? 0u : s[1] == ' ' ? 31u : start_code(s[1]);

	return (start2[a] >> b) & 1u;
}

/* The listed flags of s[0 .. n-1], lower-cased into buf: 0 if none. */
static unsigned
listed_flags(const uint8_t *s, size_t n, const char *buf)
{
	const struct word *w;
	long x;

	if (reference) {
		w = bsearch(buf, words, NWORDS, sizeof *words, str_cmp);
		if (w != NULL)
			return w->flags;
		return lexicon_is_month(s, n) ? W_DATE : 0;
	}
	x = wordset_find(&word_set, buf, n, NWORDS + nmonth_form, word_name);
	if (x < 0)
		return 0;
	return x < (long)NWORDS ? words[x].flags : W_DATE;
}

/* The flags of the word s[0 .. n-1] as written (case matters for some). */
static unsigned
word_flags(const uint8_t *s, size_t n)
{
	char buf[16];
	unsigned f;
	size_t i;

	if (!reference) {
		if (!word_set.made && nmonth_form == 0) {
			month_forms();
			start2_make();
		}
		if (n == 0 || !may_be_listed(s, n))
			return 0;
	}
	if (!lower_ascii(s, n, buf))
		return 0;
	f = listed_flags(s, n, buf);
	if (f == 0)
		return 0;
	if ((f & W_DATE) && s[0] >= 'A' && s[0] <= 'Z')
		f |= W_ISDATE | W_NOTNAME;
	if (f & W_TIME)
		f |= W_ISDATE;
	if (f & W_CAPS) {
		for (i = 0; i < n && s[i] >= 'A' && s[i] <= 'Z'; i++)
			continue;
		if (i == n)
			f |= W_ISDATE | W_NOTNAME;
	}
	return f;
}

static bool
is_function_word(const uint8_t *s, size_t n)
{
	char buf[16];

	/* none of them is longer than four letters */
	if ((n > 4 && !reference) || n >= 16 || n == 0 || s[0] < 'a' ||
	    s[0] > 'z' || !lower_ascii(s, n, buf))
		return false;
	return wordset_find(&function_word_set, buf, n, sizeof function_words /
			    sizeof *function_words, function_word_name) >= 0;
}

/* --- characters ----------------------------------------------------------- */

static ucs4_t
first_char(const uint8_t *s, size_t n)
{
	ucs4_t uc;

	if (s[0] < 0x80)
		return s[0];
	u8_mbtouc(&uc, s, n);
	return uc;
}

static bool
is_currency(ucs4_t uc)
{
	return uc == '$' || (uc >= 0x80 && uc_is_general_category_withtable(
		uc, UC_CATEGORY_MASK_Sc));
}

static bool
has_digit(const uint8_t *s, size_t n)
{
	size_t i = 0;
	ucs4_t uc;
	int len;

	while (i < n) {
		if (s[i] < 0x80) {
			if (s[i] >= '0' && s[i] <= '9')
				return true;
			i++;
			continue;
		}
		len = u8_mbtouc(&uc, s + i, n - i);
		if (uc_is_general_category_withtable(uc, UC_CATEGORY_MASK_Nd))
			return true;
		i += len > 0 ? (size_t)len : 1;
	}
	return false;
}

/* Letter shape of a word: letters, capitals, lower case, first capital. */
struct shape {
	size_t letters, upper, lower;
	bool first_upper;
};

static void
word_shape(const uint8_t *s, size_t n, struct shape *sh)
{
	size_t i = 0;
	ucs4_t uc;
	int len;

	memset(sh, 0, sizeof *sh);
	/* ASCII first, without a branch per kind of byte */
	while (i < n && s[i] < 0x80 && !reference) {
		unsigned up = (unsigned)(s[i] - 'A') < 26,
		    low = (unsigned)(s[i] - 'a') < 26;

		sh->first_upper |= up && sh->letters == 0;
		sh->letters += up | low;
		sh->upper += up;
		sh->lower += low;
		i++;
	}
	while (i < n) {
		if (s[i] < 0x80) {
			uc = s[i];
			len = 1;
		} else {
			len = u8_mbtouc(&uc, s + i, n - i);
			if (len <= 0)
				len = 1;
		}
		if (uc < 0x80 ? (uc >= 'A' && uc <= 'Z') :
		    uc_is_general_category_withtable(uc, UC_CATEGORY_MASK_Lu |
						     UC_CATEGORY_MASK_Lt)) {
			if (sh->letters == 0)
				sh->first_upper = true;
			sh->letters++;
			sh->upper++;
		} else if (uc < 0x80 ? (uc >= 'a' && uc <= 'z') :
			   uc_is_general_category_withtable(uc,
				UC_CATEGORY_MASK_Ll)) {
			sh->letters++;
			sh->lower++;
		} else if (uc >= 0x80 && uc_is_alpha(uc)) {
			sh->letters++;	/* no case: CJK, Arabic ... */
		}
		i += (size_t)len;
	}
}

/* Length of a word up to its first apostrophe ("Trump's" -> "Trump"). */
static size_t
word_stem(const uint8_t *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\'')
			return i;
		if (s[i] == 0xE2 && i + 2 < n && s[i + 1] == 0x80 &&
		    s[i + 2] == 0x99)
			return i;
	}
	return n;
}

/* --- per-version state ---------------------------------------------------- */

/* qmap values, per token of the paragraph in hand. */
enum { Q_OUT, Q_IN, Q_OPEN, Q_CLOSE };

/* What is known of one sentence, computed once. */
struct sinfo {
	uint32_t first;		/* its first word or number token, + 1 */
	uint8_t done;
	uint8_t title;		/* title case: only acronyms are names */
	uint8_t shout;		/* all capitals: nothing is a name */
};

struct side {
	const struct doc *d;
	uint32_t qpara;		/* paragraph described by qmap, or UINT32_MAX */
	uint8_t *qmap;		/* per token of qpara: enum Q_... */
	size_t qcap;
	uint32_t cpara;		/* last paragraph found, a cursor */
	struct sinfo *sinfo;	/* per sentence, allocated when needed */
	uint8_t *boiler;	/* per paragraph: 0 unknown, 1 story, 2 not */
};

/* A set of 64-bit keys (never 0), open addressing. */
struct kset {
	uint64_t *v;
	size_t cap, mask;	/* v holds cap keys; mask + 1 are in use */
	size_t n;		/* keys in it */
	bool built;
};

/*
 * stem_hash of the words of up to 8 bytes met lately: a giant paragraph's
 * block hashes every word of both sides, and a text repeats its words.
 * hash_word and the length tell such a word's bytes exactly.
 */
#define STEM_MEMO	1024
struct stem_memo {
	uint64_t word;
	uint64_t hash;
	uint32_t len;		/* 0: empty */
};

struct ctx {
	const struct alignment *al;
	const struct boiler *bp;
	struct side sa, sb;
	struct kset set[2];	/* fold keys of the block's A and B units */
	uint32_t block;		/* the block in hand */
	struct stem_memo *memo;	/* STEM_MEMO of them, or NULL until needed */
};

/* The paragraph of token tok, remembering the last one found. */
static uint32_t
find_para(struct side *s, uint32_t tok)
{
	const struct doc *d = s->d;

	if (s->cpara < d->npara && tok >= d->para[s->cpara].tok &&
	    tok < d->para[s->cpara].tok + d->para[s->cpara].ntok)
		return s->cpara;
	s->cpara = doc_para_of_token(d, tok);
	return s->cpara;
}

static const uint8_t *
tok_text(const struct doc *d, uint32_t t, size_t *n)
{
	*n = d->tok[t].len;
	return d->text->data + d->tok[t].off;
}

static ucs4_t
tok_char(const struct doc *d, uint32_t t)
{
	return first_char(d->text->data + d->tok[t].off, d->tok[t].len);
}

/* --- quotation marks ------------------------------------------------------ */

enum qkind {
	QK_DOUBLE,	/* “ ” */
	QK_SINGLE,	/* ‘ ’ */
	QK_LOW_DOUBLE,	/* „ closed by “ or ” */
	QK_LOW_SINGLE,	/* ‚ closed by ‘ or ’ */
	QK_GUIL,	/* « » */
	QK_GUIL_REV,	/* » « */
	QK_SGUIL,	/* ‹ › */
	QK_CORNER,	/* 「 」 */
	QK_WCORNER,	/* 『 』 */
	QK_STRAIGHT,	/* " */
	QK_STRAIGHT1,	/* ' */
	QK_COUNT
};

static bool
is_opening_punct(ucs4_t uc)
{
	if (uc < 0x80)
		return uc == '(' || uc == '[' || uc == '{' || uc == '-';
	return uc_is_general_category_withtable(uc, UC_CATEGORY_MASK_Ps |
		UC_CATEGORY_MASK_Pi | UC_CATEGORY_MASK_Pd) || uc == 0x201E ||
		uc == 0x201A;
}

static bool
is_quote_char(ucs4_t uc)
{
	switch (uc) {
	case '"': case '\'': case 0xFF02:
	case 0x201C: case 0x201D: case 0x2018: case 0x2019:
	case 0x201E: case 0x201A: case 0x00AB: case 0x00BB:
	case 0x2039: case 0x203A: case 0x300C: case 0x300D:
	case 0x300E: case 0x300F:
		return true;
	}
	return false;
}

/*
 * Fill s->qmap for paragraph p (see the rules at the top).  open[] counts
 * the marks of each kind still open; a mark that closes nothing open is
 * not a quotation mark.
 */
static void
quote_scan(struct side *s, uint32_t p)
{
	const struct doc *d = s->d;
	const struct para *pa = &d->para[p];
	uint32_t open[QK_COUNT] = { 0 }, total = 0, i, n = pa->ntok;

	const struct token *tk = &d->tok[pa->tok];
	uint32_t from = 0;	/* qmap is filled up to here */

	s->qmap = xgrow(s->qmap, &s->qcap, n ? n : 1, 1);
	s->qpara = p;
	for (i = 0; i < n; i++) {
		const struct token *t = &tk[i];
		const struct token *prev, *next;
		bool left, right, glued_num;
		int opens = -1, closes = -1;
		ucs4_t uc;

		if (t->kind != TOK_PUNCT)
			continue;	/* filled by the run below */
		memset(s->qmap + from, total ? Q_IN : Q_OUT, i + 1 - from);
		from = i + 1;
		uc = tok_char(d, pa->tok + i);
		if (!is_quote_char(uc))
			continue;
		prev = i ? t - 1 : NULL;
		next = i + 1 < n ? t + 1 : NULL;
		/* Context: space (or the edge) on the left, on the right. */
		left = prev == NULL || prev->kind == TOK_SPACE ||
			prev->kind == TOK_BREAK || (prev->kind == TOK_PUNCT &&
			is_opening_punct(first_char(d->text->data + prev->off,
						    prev->len)));
		right = next == NULL || next->kind == TOK_SPACE ||
			next->kind == TOK_BREAK || (next->kind == TOK_PUNCT &&
			!is_opening_punct(first_char(d->text->data + next->off,
						     next->len)));
		glued_num = (prev && prev->kind == TOK_NUMBER &&
			     prev->off + prev->len == t->off) ||
			((uc == '\'' || uc == 0x2018) && next &&
			 next->kind == TOK_NUMBER &&
			 t->off + t->len == next->off);
		switch (uc) {
		case '"':
		case 0xFF02:
			if (glued_num)
				break;
			if (left && !right)
				opens = QK_STRAIGHT;
			else if (!left && right)
				closes = QK_STRAIGHT;
			else if (open[QK_STRAIGHT])
				closes = QK_STRAIGHT;
			else
				opens = QK_STRAIGHT;
			break;
		case '\'':
			if (glued_num)
				break;
			if (left && !right)
				opens = QK_STRAIGHT1;
			else if (!left && right)
				closes = QK_STRAIGHT1;
			break;
		case 0x201C:
			if (open[QK_LOW_DOUBLE])
				closes = QK_LOW_DOUBLE;
			else
				opens = QK_DOUBLE;
			break;
		case 0x201D:
			closes = open[QK_DOUBLE] ? QK_DOUBLE : QK_LOW_DOUBLE;
			break;
		case 0x2018:
			if (open[QK_LOW_SINGLE])
				closes = QK_LOW_SINGLE;
			else if (!glued_num)
				opens = QK_SINGLE;
			break;
		case 0x2019:
			closes = open[QK_SINGLE] ? QK_SINGLE : QK_LOW_SINGLE;
			break;
		case 0x201E:
			opens = QK_LOW_DOUBLE;
			break;
		case 0x201A:
			opens = QK_LOW_SINGLE;
			break;
		case 0x00AB:
			if (open[QK_GUIL_REV])
				closes = QK_GUIL_REV;
			else
				opens = QK_GUIL;
			break;
		case 0x00BB:
			if (open[QK_GUIL])
				closes = QK_GUIL;
			else if (left && !right)
				opens = QK_GUIL_REV;
			break;
		case 0x2039:
			opens = QK_SGUIL;
			break;
		case 0x203A:
			closes = QK_SGUIL;
			break;
		case 0x300C:
			opens = QK_CORNER;
			break;
		case 0x300D:
			closes = QK_CORNER;
			break;
		case 0x300E:
			opens = QK_WCORNER;
			break;
		case 0x300F:
			closes = QK_WCORNER;
			break;
		}
		if (opens >= 0) {
			open[opens]++;
			total++;
			s->qmap[i] = Q_OPEN;
		} else if (closes >= 0 && open[closes]) {
			open[closes]--;
			total--;
			s->qmap[i] = Q_CLOSE;
		}
	}
	memset(s->qmap + from, total ? Q_IN : Q_OUT, n - from);
}

/* Token tok of s's doc (in paragraph p): Q_OUT, Q_IN, Q_OPEN, Q_CLOSE. */
static int
quote_state(struct side *s, uint32_t p, uint32_t tok)
{
	if (s->qpara != p)
		quote_scan(s, p);
	return s->qmap[tok - s->d->para[p].tok];
}

/* --- sentences ------------------------------------------------------------ */

static const struct sinfo *
sentence_info(struct side *s, uint32_t sn)
{
	const struct doc *d = s->d;
	const struct sentence *se = &d->sent[sn];
	struct sinfo *si;
	size_t nword = 0, cap = 0, low = 0, lower_letters = 0;
	uint32_t t;

	if (s->sinfo == NULL)
		s->sinfo = xcalloc(d->nsent ? d->nsent : 1, sizeof *s->sinfo);
	si = &s->sinfo[sn];
	if (si->done)
		return si;
	si->done = 1;
	for (t = se->tok; t < se->tok + se->ntok; t++) {
		const struct token *tk = &d->tok[t];
		const uint8_t *w = d->text->data + tk->off;
		struct shape sh;

		if (tk->kind != TOK_WORD && tk->kind != TOK_NUMBER)
			continue;
		if (si->first == 0)
			si->first = t + 1;
		if (tk->kind != TOK_WORD)
			continue;
		word_shape(w, tk->len, &sh);
		if (sh.letters == 0)
			continue;
		nword++;
		lower_letters += sh.lower;
		if (nword == 1)
			continue;
		if (sh.first_upper)
			cap++;
		else if (sh.lower && !is_function_word(w, tk->len))
			low++;
		/* neither title case nor capitals, whatever follows */
		if (low > 0 && lower_letters > 0 && !reference)
			break;
	}
	si->title = low == 0 && cap >= 2;
	si->shout = nword >= 3 && lower_letters == 0;
	return si;
}

/*
 * Whether word token t is the first word or figure of sentence sn, as
 * sentence_info's `first` says, without working out the rest of it.
 */
static bool
first_of_sentence(struct side *s, uint32_t sn, uint32_t t)
{
	const struct doc *d = s->d;
	const struct sentence *se = &d->sent[sn];
	uint32_t q;

	if (s->sinfo != NULL && s->sinfo[sn].done)
		return s->sinfo[sn].first == t + 1;
	for (q = se->tok; q < se->tok + se->ntok; q++)
		if (d->tok[q].kind == TOK_WORD || d->tok[q].kind == TOK_NUMBER)
			return q == t;
	return false;
}

/*
 * Whether word token t opens a sentence: it is the sentence's first word,
 * or the token before it (white space skipped) opens a quotation or is a
 * colon, a dash or a bullet.
 */
static bool
sentence_initial(struct side *s, uint32_t p, const struct sinfo *si,
		 uint32_t t)
{
	const struct doc *d = s->d;
	const struct para *pa = &d->para[p];
	uint32_t q = t;
	ucs4_t uc;

	if (si->first == t + 1)
		return true;
	if (q > pa->tok && d->tok[q - 1].kind == TOK_SPACE)
		q--;
	if (q <= pa->tok || d->tok[q - 1].kind != TOK_PUNCT)
		return false;
	q--;
	uc = tok_char(d, q);
	/* After an opening mark, a quotation starts a sentence of its own. */
	if (quote_state(s, p, q) == Q_OPEN)
		return true;
	return uc == ':' || uc == '-' || uc == 0x2013 || uc == 0x2014 ||
		uc == 0x2022 || uc == 0x00B7 || uc == '|';
}

/* --- key sets (case-only changes) ----------------------------------------- */

/*
 * A 64-bit hash of a word's stem (up to an apostrophe) in lower case, so
 * that "President" / "president" and "Alibaba" / "Alibaba's" meet; never
 * 0 and never with the top bit, which marks fold keys in a struct kset.
 */
static uint64_t
stem_hash(const uint8_t *s, size_t n)
{
	uint64_t h;
	size_t i = 0;
	ucs4_t uc;
	int len;

	n = word_stem(s, n);
	h = hash_start(n);
	while (i < n) {
		if (s[i] < 0x80) {
			uc = s[i];
			if (uc >= 'A' && uc <= 'Z')
				uc += 'a' - 'A';
			len = 1;
		} else {
			len = u8_mbtouc(&uc, s + i, n - i);
			if (len <= 0)
				len = 1;
			uc = uc_tolower(uc);
		}
		h = hash_add(h, uc);
		i += (size_t)len;
	}
	h = hash_end(h);
	return (h & ~(UINT64_C(1) << 63)) | 1;
}

/* stem_hash(s, n), remembered in c->memo for a word of up to 8 bytes. */
static uint64_t
stem_hash_memo(struct ctx *c, const uint8_t *s, size_t n)
{
	struct stem_memo *m;
	uint64_t w;

	if (n == 0 || n > 8)
		return stem_hash(s, n);
	if (c->memo == NULL)
		c->memo = xcalloc(STEM_MEMO, sizeof *c->memo);
	w = hash_word(s, n);
	m = &c->memo[((w + n) * UINT64_C(0x9E3779B97F4A7C15)) >> 54];
	if (m->len != n || m->word != w) {
		m->word = w;
		m->len = (uint32_t)n;
		m->hash = stem_hash(s, n);
	}
	return m->hash;
}

/* Where key goes in ks: its slot, or the empty one it would take. */
static inline size_t
kset_slot(const struct kset *ks, uint64_t key)
{
	size_t h = (size_t)((key * 0x9E3779B97F4A7C15u) >> 32) & ks->mask;

	while (ks->v[h] && ks->v[h] != key)
		h = (h + 1) & ks->mask;
	return h;
}

/*
 * Twice the room, for a set half full.  Sized by the keys it holds, not
 * by the units of the block: a giant paragraph of a million words has a
 * few thousand distinct ones.
 */
static void
kset_grow(struct kset *ks)
{
	uint64_t *old = ks->v;
	size_t i, n = ks->mask + 1;

	ks->cap = 2 * n;
	ks->v = xcalloc(ks->cap, sizeof *ks->v);
	ks->mask = ks->cap - 1;
	for (i = 0; i < n; i++)
		if (old[i])
			ks->v[kset_slot(ks, old[i])] = old[i];
	free(old);
}

static inline void
kset_add(struct kset *ks, uint64_t key)
{
	size_t h = kset_slot(ks, key);

	if (ks->v[h] == 0) {
		ks->v[h] = key;
		if (++ks->n > (ks->mask + 1) / 2)
			kset_grow(ks);
	}
}

static bool
kset_has(const struct kset *ks, uint64_t key)
{
	size_t h = (size_t)((key * 0x9E3779B97F4A7C15u) >> 32) & ks->mask;

	while (ks->v[h]) {
		if (ks->v[h] == key)
			return true;
		h = (h + 1) & ks->mask;
	}
	return false;
}

/*
 * The set of the block's units on one side: each unit's fold key (top bit
 * set) and, for words, its stem hash.
 */
static void
kset_build(struct ctx *c, int side)
{
	struct kset *ks = &c->set[side];
	const struct doc *d = side ? c->al->b : c->al->a;
	const struct block *bl = &c->al->block[c->block];
	uint32_t o0 = bl->op, o1 = bl->op + bl->nop;
	size_t n = 0, cap = 16;
	uint32_t o, u;

	for (o = o0; o < o1; o++)
		n += side ? c->al->op[o].nb : c->al->op[o].na;
	/* room for every unit's two keys, up to 4096: then grown */
	while (cap < 4 * n && cap < 4096)
		cap *= 2;
	if (cap > ks->cap || 4 * cap < ks->cap) {
		free(ks->v);
		ks->v = xcalloc(cap, sizeof *ks->v);
		ks->cap = cap;
	} else {
		memset(ks->v, 0, cap * sizeof *ks->v);
	}
	ks->mask = cap - 1;
	ks->n = 0;
	for (o = o0; o < o1; o++) {
		const struct wop *w = &c->al->op[o];
		uint32_t u0 = side ? w->b : w->a, nu = side ? w->nb : w->na;

		if (align_op_sub(c->al, o))
			continue;	/* moved away or here: not the block's */
		for (u = u0; u < u0 + nu; u++) {
			const struct token *t = &d->tok[d->unit[u].tok];

			kset_add(ks, (UINT64_C(1) << 63) | d->unit[u].fold);
			if (t->kind == TOK_WORD)
				kset_add(ks, stem_hash_memo(c,
				    d->text->data + t->off, t->len));
		}
	}
	ks->built = true;
}

/* --- one unit ------------------------------------------------------------- */

/* --- dates ---------------------------------------------------------------- */

#define NO_TOK UINT32_MAX

/*
 * The token next to t in paragraph pa, after it (dir 1) or before it
 * (dir -1), white space skipped; NO_TOK at the paragraph's edge.
 */
static uint32_t
tok_step(const struct doc *d, const struct para *pa, uint32_t t, int dir)
{
	for (;;) {
		if (dir > 0 ? t + 1 >= pa->tok + pa->ntok : t <= pa->tok)
			return NO_TOK;
		t = dir > 0 ? t + 1 : t - 1;
		if (d->tok[t].kind != TOK_SPACE)
			return t;
	}
}

/* The word_flags of token t, 0 for NO_TOK or a token that is no word. */
static unsigned
tok_flags(const struct doc *d, uint32_t t)
{
	const uint8_t *w;
	size_t n;

	if (t == NO_TOK || d->tok[t].kind != TOK_WORD)
		return 0;
	w = tok_text(d, t, &n);
	return word_flags(w, n);
}

/* Is token t the punctuation character c? */
static bool
tok_is(const struct doc *d, uint32_t t, ucs4_t c)
{
	return t != NO_TOK && d->tok[t].kind == TOK_PUNCT &&
		d->tok[t].len == 1 && d->text->data[d->tok[t].off] == c;
}

/* Does token t end where token t + 1 starts? */
static bool
glued(const struct doc *d, uint32_t t)
{
	return t + 1 < d->ntok &&
		d->tok[t].off + d->tok[t].len == d->tok[t + 1].off;
}

/* Is token t a capitalised month name or abbreviation ("June", "Jan")? */
static bool
is_month_tok(const struct doc *d, uint32_t t)
{
	const uint8_t *w;
	size_t n;

	if (t == NO_TOK || d->tok[t].kind != TOK_WORD)
		return false;
	w = tok_text(d, t, &n);
	return w[0] >= 'A' && w[0] <= 'Z' && lexicon_is_month(w, n);
}

/*
 * The value of figure t when it is 1 to 4 ASCII digits, followed by
 * nothing or by `suffix` letters only ("30th", "1990s"); -1 otherwise.
 * *ndigit gets the number of digits.
 */
static long
plain_figure(const struct doc *d, uint32_t t, size_t *ndigit)
{
	const uint8_t *w;
	size_t n, i;
	long v = 0;

	if (d->tok[t].kind != TOK_NUMBER)
		return -1;
	w = tok_text(d, t, &n);
	for (i = 0; i < n && i < 5 && w[i] >= '0' && w[i] <= '9'; i++)
		v = v * 10 + (w[i] - '0');
	*ndigit = i;
	if (i == 0 || i > 4)
		return -1;
	for (; i < n; i++)
		if (!(w[i] >= 'a' && w[i] <= 'z'))
			return -1;
	return v;
}

/*
 * Is figure t a day of a month: 1 to 31, with or without "st", "th" ...,
 * right before or after a month ("June 30", "30 June", "30th of June",
 * "Jan. 5")?
 */
static bool
month_day(const struct doc *d, const struct para *pa, uint32_t t)
{
	size_t nd;
	long v = plain_figure(d, t, &nd);
	uint32_t q;

	if (v < 1 || v > 31 || nd > 2)
		return false;
	q = tok_step(d, pa, t, -1);
	if (tok_is(d, q, '.') && q > pa->tok && glued(d, q - 1))
		q = q - 1;
	if (is_month_tok(d, q))
		return true;
	q = tok_step(d, pa, t, 1);
	if (q != NO_TOK && d->tok[q].kind == TOK_WORD && d->tok[q].len == 2 &&
	    memcmp(d->text->data + d->tok[q].off, "of", 2) == 0)
		q = tok_step(d, pa, q, 1);
	return is_month_tok(d, q);
}

/*
 * Is figure t, glued to its neighbours, one of three figures joined by
 * the same "-" or "/" ("2022-01-20", "1/20/2022")?
 */
static bool
written_date(const struct doc *d, const struct para *pa, uint32_t t)
{
	uint32_t lo = pa->tok, hi = pa->tok + pa->ntok, f;

	/* t is the first, second or third figure of the chain from f. */
	for (f = t >= lo + 4 ? t - 4 : lo; f <= t; f += 2) {
		ucs4_t sep;

		if (f + 4 >= hi || (t - f) % 2 != 0)
			continue;
		if (d->tok[f].kind != TOK_NUMBER ||
		    d->tok[f + 2].kind != TOK_NUMBER ||
		    d->tok[f + 4].kind != TOK_NUMBER)
			continue;
		sep = tok_char(d, f + 1);
		if ((sep != '-' && sep != '/') || !tok_is(d, f + 1, sep) ||
		    !tok_is(d, f + 3, sep))
			continue;
		if (glued(d, f) && glued(d, f + 1) && glued(d, f + 2) &&
		    glued(d, f + 3))
			return true;
	}
	return false;
}

/*
 * Is figure t a time: hours and minutes ("10:30"), or before a.m., p.m.,
 * AM, PM, GMT or UTC ("3 p.m.")?
 */
static bool
clock_time(const struct doc *d, const struct para *pa, uint32_t t)
{
	size_t nd;
	uint32_t end = pa->tok + pa->ntok;
	unsigned nf;

	if (t + 2 < end && tok_is(d, t + 1, ':') && glued(d, t) &&
	    glued(d, t + 1) && plain_figure(d, t + 2, &nd) >= 0 && nd == 2)
		return true;
	if (t >= pa->tok + 2 && tok_is(d, t - 1, ':') && glued(d, t - 2) &&
	    glued(d, t - 1) && d->tok[t - 2].kind == TOK_NUMBER &&
	    plain_figure(d, t, &nd) >= 0 && nd == 2)
		return true;
	nf = tok_flags(d, tok_step(d, pa, t, 1));
	return (nf & W_CLOCK) && (nf & W_ISDATE);
}

/* Is figure t (in paragraph pa) part of a date or a time?  See the top. */
static bool
date_figure(const struct doc *d, const struct para *pa, uint32_t t)
{
	size_t nd;
	long v = plain_figure(d, t, &nd);
	uint32_t q;

	if (month_day(d, pa, t) || written_date(d, pa, t) ||
	    clock_time(d, pa, t))
		return true;
	if (nd != 4 || v < 1000 || v > 2999)
		return false;
	/* A year: "June 2023", "June 30, 2023", "in 2020". */
	q = tok_step(d, pa, t, -1);
	if (tok_is(d, q, ','))
		q = tok_step(d, pa, q, -1);
	if (q == NO_TOK)
		return false;
	if (is_month_tok(d, q))
		return true;
	if (d->tok[q].kind == TOK_NUMBER)
		return month_day(d, pa, q);
	return (tok_flags(d, q) & W_YEAR) != 0;
}

/*
 * Is word t, with flags wf, a date for the words around it: last, next,
 * this before a date or period word, a period word after them, "ago"
 * after a period word?
 */
static bool
relative_date(const struct doc *d, const struct para *pa, uint32_t t,
	      unsigned wf)
{
	uint32_t q;

	if (wf & W_REL) {
		q = tok_step(d, pa, t, 1);
		/* "mid-January" */
		if (tok_is(d, q, '-'))
			q = tok_step(d, pa, q, 1);
		if (tok_flags(d, q) & (W_ISDATE | W_PERIOD))
			return true;
	}
	if (wf & W_PERIOD) {
		if (tok_flags(d, tok_step(d, pa, t, -1)) & W_REL)
			return true;
		if (tok_flags(d, tok_step(d, pa, t, 1)) & W_AGO)
			return true;
	}
	if (wf & W_AGO)
		return (tok_flags(d, tok_step(d, pa, t, -1)) & W_PERIOD) != 0;
	return false;
}


/* Whether token t is a figure or a currency sign. */
static bool
is_amount_tok(const struct doc *d, uint32_t t)
{
	const struct token *tk = &d->tok[t];

	if (tk->kind == TOK_NUMBER)
		return true;
	return tk->kind == TOK_SYMBOL &&
		is_currency(first_char(d->text->data + tk->off, tk->len));
}

/*
 * Whether "one" at token t is a pronoun rather than a count: "one of",
 * "no one", "the one", "each one" ...
 */
static bool
pronoun_one(const struct doc *d, const struct para *pa, uint32_t t)
{
	static const char *const before[] = {
		"any", "each", "every", "no", "that", "the", "this", "which",
	};
	char buf[16];
	uint32_t q;

	q = t + 1;
	if (q < pa->tok + pa->ntok && d->tok[q].kind == TOK_SPACE)
		q++;
	if (q < pa->tok + pa->ntok && d->tok[q].kind == TOK_WORD &&
	    lower_ascii(d->text->data + d->tok[q].off, d->tok[q].len, buf) &&
	    strcmp(buf, "of") == 0)
		return true;
	q = t;
	if (q > pa->tok && d->tok[q - 1].kind == TOK_SPACE)
		q--;
	if (q > pa->tok && d->tok[q - 1].kind == TOK_WORD &&
	    lower_ascii(d->text->data + d->tok[q - 1].off,
			d->tok[q - 1].len, buf) &&
	    bsearch(buf, before, sizeof before / sizeof *before,
		    sizeof *before, str_cmp) != NULL)
		return true;
	return false;
}

/*
 * Is paragraph p of s's doc boilerplate, never facts: labelled by the
 * rules or its web page, a headline apart?
 */
static bool
is_boilerplate(struct ctx *c, struct side *s, uint32_t p)
{
	const char *label;

	if (c->bp == NULL)
		return false;
	if (s->boiler == NULL)
		s->boiler = xcalloc(s->d->npara ? s->d->npara : 1, 1);
	if (s->boiler[p] == 0) {
		label = boiler_match(c->bp, s->d, p);
		s->boiler[p] = label != NULL && strcmp(label, "headline") != 0 ?
			2 : 1;
	}
	return s->boiler[p] == 2;
}

/*
 * The kinds (bits) that unit u of side `side` (0 A, 1 B) gives its site;
 * *marks counts the quotation marks (that open or close a quotation)
 * among its tokens.  `have` are the kinds the site has already: a unit
 * of a boilerplate paragraph gives nothing, but whether its paragraph is
 * boilerplate is asked (boiler_match, the dearest step here) only when
 * the unit would give a kind the site lacks or a quotation mark.
 */
static unsigned
unit_facts(struct ctx *c, int side, uint32_t u, size_t *marks,
	   unsigned have)
{
	struct side *s = side ? &c->sb : &c->sa;
	const struct doc *d = s->d;
	const struct unit *un = &d->unit[u];
	unsigned bits = 0, wf;
	uint32_t t, p, t0 = un->tok, t1 = unit_end_tok(d, un), name_tok = 0;
	bool name_cand = false, glued = false;
	const uint8_t *w;
	size_t n, nmark = 0;
	struct shape sh;

	p = find_para(s, t0);
	for (t = t0; t < t1; t++) {
		const struct token *tk = &d->tok[t];

		w = tok_text(d, t, &n);
		switch (tk->kind) {
		case TOK_NUMBER:
			bits |= 1u << (date_figure(d, &d->para[p], t) ?
				       KIND_DATE : KIND_NUMBER);
			break;
		case TOK_SYMBOL: {
			ucs4_t uc = first_char(w, n);

			if (is_currency(uc) || uchar_is_percent(uc))
				bits |= 1u << KIND_NUMBER;
			break;
		}
		case TOK_WORD:
			wf = word_flags(w, n);
			if ((wf & W_ONE) && pronoun_one(d, &d->para[p], t))
				wf &= ~(unsigned)W_NUMBER;
			if ((wf & W_ISDATE) || ((wf & (W_REL | W_PERIOD |
			     W_AGO)) && relative_date(d, &d->para[p], t, wf)))
				bits |= 1u << KIND_DATE;
			else if ((wf & W_NUMBER) || has_digit(w, n))
				bits |= 1u << KIND_NUMBER;
			if (wf & W_ATTRIB)
				bits |= 1u << KIND_ATTRIBUTION;
			if (t == t0 && !(wf & W_NOTNAME)) {
				name_cand = true;
				name_tok = t;
			}
			break;
		case TOK_PUNCT: {
			int q = quote_state(s, p, t);

			if (q == Q_OPEN || q == Q_CLOSE)
				nmark++;
			continue;	/* punctuation alone: no quote change */
		}
		default:
			continue;
		}
		if (!(bits & (1u << KIND_QUOTE)) &&
		    quote_state(s, p, t) != Q_OUT)
			bits |= 1u << KIND_QUOTE;
	}
	/* A word glued to a figure or currency sign is part of an amount. */
	if (d->tok[t0].kind == TOK_WORD) {
		const struct token *f = &d->tok[t0], *l = &d->tok[t1 - 1];

		if (t0 > 0 && d->tok[t0 - 1].off + d->tok[t0 - 1].len ==
		    f->off && is_amount_tok(d, t0 - 1))
			glued = true;
		if (t1 < d->ntok && l->off + l->len == d->tok[t1].off &&
		    is_amount_tok(d, t1))
			glued = true;
		if (glued) {
			bits |= 1u << KIND_NUMBER;
			name_cand = false;
		}
	}
	if (name_cand && !(bits & ((1u << KIND_NUMBER) | (1u << KIND_DATE)))) {
		const struct para *pa = &d->para[p];
		const struct sinfo *si;
		uint32_t sn = 0;
		bool acronym, capital;

		w = tok_text(d, name_tok, &n);
		if (w[0] >= 'a' && w[0] <= 'z' && !reference) {
			/* a lower-case letter first: neither */
			acronym = capital = false;
		} else {
			word_shape(w, word_stem(w, n), &sh);
			acronym = sh.letters >= 2 && sh.lower == 0 &&
				sh.upper == sh.letters;
			capital = sh.first_upper && sh.lower > 0;
		}
		if (pa->nsent == 0)
			acronym = capital = false;
		if (acronym || capital) {
			sn = doc_sentence_of_token(d, (uint32_t)(pa - d->para),
						   name_tok);
			/* the first word: no name, whatever the sentence */
			if (capital && !reference &&
			    first_of_sentence(s, sn, name_tok))
				capital = false;
		}
		if (acronym || capital) {
			si = sentence_info(s, sn);
			if (si->shout)
				acronym = capital = false;
			else if (capital && (si->title ||
				 sentence_initial(s, p, si, name_tok)))
				capital = false;
		}
		if (acronym || capital) {
			/* The other side holds it: no name came or went. */
			if (!c->set[!side].built)
				kset_build(c, !side);
			if (!kset_has(&c->set[!side], (UINT64_C(1) << 63) |
				      un->fold) &&
			    !kset_has(&c->set[!side], stem_hash_memo(c, w, n)))
				bits |= 1u << KIND_NAME;
		}
	}
	if (((bits & ~have) == 0 && nmark == 0) || is_boilerplate(c, s, p))
		return 0;
	*marks += nmark;
	return bits;
}

/* --- sites ---------------------------------------------------------------- */

static void
push_change(struct changes *out, size_t *cap, uint32_t block, uint32_t op,
	    uint32_t nop, unsigned kinds)
{
	struct change *ch;
	int kind;

	size_t r;

	kind = KIND_WORDING;
	for (r = 0; r < KIND_COUNT; r++)
		if (change_kind_rank[r] != KIND_WORDING &&
		    (kinds & (1u << change_kind_rank[r]))) {
			kind = change_kind_rank[r];
			break;
		}
	if (kind == KIND_WORDING)
		kinds = 1u << KIND_WORDING;
	out->v = xgrow(out->v, cap, out->n + 1, sizeof *out->v);
	ch = &out->v[out->n++];
	ch->block = block;
	ch->op = op;
	ch->nop = nop;
	ch->kind = (uint8_t)kind;
	ch->kinds = (uint8_t)kinds;
	out->count[kind]++;
}

/* The kinds of the substantive site made of ops [o0, o1). */
static unsigned
site_facts(struct ctx *c, uint32_t o0, uint32_t o1)
{
	unsigned bits = 0;
	uint32_t o, u;
	size_t marks[2] = { 0, 0 };

	for (o = o0; o < o1 && (bits & FACT_BITS) != FACT_BITS; o++) {
		const struct wop *w = &c->al->op[o];

		if (align_op_sub(c->al, o))
			continue;
		if (w->kind == WOP_DELETE)
			for (u = w->a; u < w->a + w->na &&
			     (bits & FACT_BITS) != FACT_BITS; u++)
				bits |= unit_facts(c, 0, u, &marks[0], bits);
		else if (w->kind == WOP_INSERT)
			for (u = w->b; u < w->b + w->nb &&
			     (bits & FACT_BITS) != FACT_BITS; u++)
				bits |= unit_facts(c, 1, u, &marks[1], bits);
	}
	/* Quotation marks added or removed, not just moved past a stop. */
	if (marks[0] != marks[1])
		bits |= 1u << KIND_QUOTE;
	return bits;
}

/*
 * The sites of ops [o0, o1) of block k: each run of cosmetic ops, each run
 * of deleted and inserted ops.  The ends of moves below the paragraph
 * stand inside runs of edits without parting them (they end a cosmetic
 * run) and are no site of their own: their moves' sites follow the run
 * they stand in (add_sub_sites).
 */
static void
add_run_sites(struct ctx *c, struct changes *out, size_t *cap, uint32_t k,
	      uint32_t o0, uint32_t o1);

/* A move below the paragraph: its sites, as a moved block's (facts.h). */
static void
add_sub_sites(struct ctx *c, struct changes *out, size_t *cap,
	      const struct submove *sm)
{
	if (!sm->edited) {
		push_change(out, cap, sm->src, sm->op, sm->nop, 0);
		return;
	}
	add_run_sites(c, out, cap, sm->src, sm->op, sm->op + sm->nop);
}

static void
add_run_sites(struct ctx *c, struct changes *out, size_t *cap, uint32_t k,
	      uint32_t o0, uint32_t o1)
{
	const struct alignment *al = c->al;
	uint32_t o, j, s, e, t;

	for (o = o0; o < o1; o = j) {
		uint8_t kind = al->op[o].kind;
		bool cosm = kind == WOP_COSMETIC;

		j = o + 1;
		if (kind == WOP_EQUAL)
			continue;
		while (j < o1 && (cosm ? al->op[j].kind == WOP_COSMETIC &&
				  !align_op_sub(al, j) :
				  al->op[j].kind == WOP_DELETE ||
				  al->op[j].kind == WOP_INSERT))
			j++;
		/* The run without the moves' ends at its two edges. */
		for (s = o; s < j && align_op_sub(al, s); s++)
			continue;
		for (e = j; e > s && align_op_sub(al, e - 1); e--)
			continue;
		if (s < e)
			push_change(out, cap, k, s, e - s,
				    cosm ? 1u << KIND_COSMETIC :
				    site_facts(c, s, e));
		for (t = o; t < j; t++)
			if (align_op_sub(al, t) &&
			    al->op[t].kind == WOP_DELETE &&
			    al->sub[align_op_sub(al, t) - 1].sop == t)
				add_sub_sites(c, out, cap,
					      &al->sub[align_op_sub(al, t) - 1]);
	}
}

void
facts_classify(const struct alignment *al, const struct boiler *bp,
	       struct changes *out)
{
	facts_classify_progress(al, bp, out, NULL);
}

void
facts_classify_progress(const struct alignment *al, const struct boiler *bp,
			struct changes *out, const struct align_progress *pg)
{
	struct ctx c;
	size_t cap = 0, k;

	memset(out, 0, sizeof *out);
	memset(&c, 0, sizeof c);
	c.al = al;
	c.bp = bp;
	c.sa.d = al->a;
	c.sb.d = al->b;
	c.sa.qpara = c.sb.qpara = UINT32_MAX;
	for (k = 0; k < al->nblock; k++) {
		const struct block *bl = &al->block[k];
		uint32_t end = bl->op + bl->nop, o;
		bool edited = false, sub = false;

		if (pg != NULL && k % 256 == 0) {
			struct align_step at = { ALIGN_CHANGES, al->a, al->b,
						 k, al->nblock, false };

			pg->fn(pg->arg, &at);
		}
		if (bl->move && bl->kind == BLOCK_INSERTED)
			continue;	/* counted at its source */
		c.block = (uint32_t)k;
		c.set[0].built = c.set[1].built = false;
		for (o = bl->op; o < end && al->opsub != NULL && !sub; o++)
			sub = align_op_sub(al, o) != 0;
		if (!bl->move && !sub && (bl->kind == BLOCK_DELETED ||
					  bl->kind == BLOCK_INSERTED)) {
			if (bl->nop)
				push_change(out, &cap, (uint32_t)k, bl->op,
					    bl->nop, site_facts(&c, bl->op,
								end));
			continue;
		}
		if (bl->move) {
			for (o = bl->op; o < end && !edited; o++)
				edited = al->op[o].kind == WOP_DELETE ||
					al->op[o].kind == WOP_INSERT;
			if (!edited) {
				push_change(out, &cap, (uint32_t)k, bl->op,
					    bl->nop, 0);
				continue;
			}
		}
		add_run_sites(&c, out, &cap, (uint32_t)k, bl->op, end);
	}
	free(c.sa.qmap);
	free(c.sb.qmap);
	free(c.sa.sinfo);
	free(c.sb.sinfo);
	free(c.sa.boiler);
	free(c.sb.boiler);
	free(c.set[0].v);
	free(c.set[1].v);
	free(c.memo);
}

void
changes_clear(struct changes *c)
{
	free(c->v);
	memset(c, 0, sizeof *c);
}

uint8_t *
facts_op_kinds(const struct alignment *al, const struct changes *ch)
{
	uint8_t *k = xcalloc(al->nop + 1, 1);
	size_t i;
	uint32_t o;

	for (i = 0; ch != NULL && i < ch->n; i++) {
		const struct change *c = &ch->v[i];

		for (o = c->op; o < c->op + c->nop && o < al->nop; o++)
			k[o] = (uint8_t)(c->kind + 1);
	}
	/* The ends of a sentence moved: the kind of its move's first site. */
	for (o = 0; al->opsub != NULL && o < al->nop; o++)
		if (align_op_sub(al, o)) {
			const struct submove *sm = &al->sub[align_op_sub(al, o) - 1];
			uint32_t x;

			for (x = sm->op; x < sm->op + sm->nop && !k[o]; x++)
				k[o] = k[x];
		}
	return k;
}
