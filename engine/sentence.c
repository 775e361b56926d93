/*
 * sentence.c — sentence boundaries in one paragraph of news prose.
 *
 * Owns the rules listed in sentence.h.  The splitter makes one pass over
 * the paragraph.  Its only job is to find candidate ends and accept or
 * reject each one; it never builds a token list and never allocates
 * anything but the result.
 *
 * How a candidate is judged
 * -------------------------
 * A candidate starts at a stop: "." "!" "?" "…" (and "‼" "⁇" "⁈" "⁉"), or
 * one of the CJK stops "。" "！" "？" "｡".  The stop, and every stop and
 * closing quote or bracket right after it, make one cluster: `?"` `.”)`
 * `"...".` `。」`, and a French closing guillemet set off by one space
 * (`fini. »`, when white space or the end follows it).  The cluster
 * belongs to the sentence it ends, so the end offset is just past the
 * cluster, and a run of stops ("?!", "。。") ends one sentence, not
 * several.  Its kind is the strongest stop in it: CJK, then ! and ?, then
 * ellipsis ("…" or two or more "." in the cluster, so `(Inc.).` counts as
 * an ellipsis and skips R5, right since the last "." is a real stop), then
 * a single ".".
 *
 * Then:
 *
 *  R1  A CJK cluster always ends a sentence, with or without a space after
 *      it: Chinese and Japanese put no space between sentences.
 *
 *  R2  Any other cluster ends a sentence only if white space follows it.
 *      This keeps "3.5", "US$9.2", "U.S.A", "Alibaba.com",
 *      "property...from" and "Yahoo!Inc" whole.  A missing space after a
 *      real full stop ("end.The") is a typo we accept to miss: splitting
 *      there would cut domain names and numbers.  A soft line break is
 *      white space like any other: hard-wrapped copy of a story must split
 *      the same way as the unwrapped original.
 *
 *  R3  After the white space comes what would start the next sentence.  It
 *      does if it is a letter that is not lower case (upper case, title
 *      case, or a script without case such as CJK), a digit, a currency
 *      sign ("$50 million was raised."), an opening quote or bracket, a
 *      dash, or an invalid byte (most often a mangled capital such as a
 *      Latin-1 "É").  A lower-case letter continues the sentence ("our...
 *      cloud", `"Why?" he asked`, "Inc. for reasons") unless the next
 *      letter is upper case ("iPhone", "eBay": brand names that do start
 *      sentences).  Anything else — ",", ";", ":", a closing bracket, "&" —
 *      continues it too ("China. , Russia" in badly edited copy).
 *
 *  R4  For "!", "?" and ellipses, R2 and R3 decide alone.
 *
 *  R5  For a single ".", the word just before it decides too (the word is
 *      what follows the last white space, "-" or "/", minus opening quotes
 *      and brackets, so "(Mr." is "Mr" and "non-U.S." is "U.S"):
 *
 *      a. A title or a prefix-like abbreviation (Mr. Mrs. Ms. Prof. Sen.
 *         Rep. Gov. Gen. Col. Lt. Sgt. Rev. Capt. Mt. Ft. vs. e.g. i.e.
 *         cf. approx. ...) never ends a sentence: news never ends one on
 *         "Mr." and the name after it is capitalised.
 *      b. A single letter is an initial ("J. R. Smith", "George W. Bush")
 *         and ends a sentence only before a sentence opener (see below) of
 *         two letters or more, so "Plan B. The" splits but "J. A. Smith"
 *         does not.
 *      c. Other known abbreviations (company forms Inc. Corp. Co. Ltd.
 *         Bros. plc; months Jan. ... Sept. ... Dec.; Jr. Sr. St. Dr. No.
 *         etc. al. Ave. Blvd. Rd. Dept.; US state forms Calif. Fla. Mass.
 *         ...) and dotted abbreviations ("U.S", "U.K", "a.m", "Ph.D": only
 *         letters, at least two dot-separated parts, none longer than three
 *         letters) end a sentence only before a sentence opener: a
 *         capitalised function word such as The, It, He, She, They, We,
 *         But, In, A (the list is opener_words below), possibly after
 *         opening quotes.  These abbreviations do end sentences ("...than
 *         the U.S. The company said", "Gartner Inc. But if") yet are much
 *         more often followed by a name ("U.S. President", "Jan. 18",
 *         "St. Louis", "Alibaba Group Holding Ltd. Chief"): a function
 *         word cannot be a name, so it is the one safe signal.
 *      d. Any other word (including numbers, "million", "(Reuters)") ends
 *         the sentence by R3 alone.
 *
 *      Abbreviations are matched case-sensitively, so "Ill." (Illinois)
 *      is one and "ill." is not.
 *
 *  R6  A wire dateline at the start of the paragraph is never split:
 *      candidates inside it are dropped.  A dateline is at most
 *      DATELINE_MAX bytes: white-space separated chunks that each begin
 *      with a capital or a digit (anything goes inside parentheses),
 *      including at least one run of two capitals ("WASHINGTON", "ST"),
 *      closed by a chunk made only of dashes or bullets ("–", "—", "-",
 *      "--", "•") or by a chunk ending in ":".  The detector can only
 *      remove splits from those few bytes, so a false positive ("U.S.
 *      STOCKS — ...") costs nothing; the miss it prevents is
 *      "ST. LOUIS (AP) — ..." split after "ST.".  Other datelines contain
 *      no candidate that survives R5 ("Jan. 18", "D.C. (AP)").
 *
 * What is not done, on purpose: quotes are not tracked (a sentence inside
 * 「...」 or "..." splits like any other), because scraped news often has
 * unbalanced quotes and one stray quote must not glue a whole paragraph
 * into one sentence.  A sentence that begins with a lower-case word
 * ("iOS" aside) is not found.
 *
 * Linear time: the scan looks only for the lead bytes of stops (ASCII
 * bytes never occur inside a UTF-8 sequence, so no decoding is needed
 * between stops), eight bytes at a time where none of them can be one
 * (next_stop).  Each candidate then looks back at most WORD_MAX bytes,
 * forward over its cluster and white space (which the scan then skips),
 * and forward at most a few characters at the next word.  The dateline
 * check reads at most DATELINE_MAX bytes once.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "lexicon.h"
#include "sentence.h"
#include "xalloc.h"

/* Longest word (bytes) looked at behind a ".": abbreviations are short. */
#define WORD_MAX	48
/* Longest dateline, in bytes. */
#define DATELINE_MAX	160
/* Opening quotes/brackets skipped before the word after a candidate. */
#define OPENERS_MAX	4
/* Longest sentence-opener word, in bytes. */
#define OPENER_WORD_MAX	16

/* Not a Unicode scalar value: stands for one invalid UTF-8 byte. */
#define BAD_CHAR	((ucs4_t)0x110000)

enum stop {
	STOP_NONE,
	STOP_DOT,	/* "." */
	STOP_ELLIPSIS,	/* "…", or two or more "." in one cluster */
	STOP_STRONG,	/* "!" "?" and friends */
	STOP_CJK,	/* "。" "！" "？" "｡" */
};

/* What comes after a cluster and its white space (R3). */
enum next {
	NEXT_LOWER,	/* a lower-case word: continues the sentence */
	NEXT_START,	/* capital, caseless letter, invalid byte */
	NEXT_NUMBER,	/* digit or currency sign */
	NEXT_OPEN,	/* opening quote or bracket */
	NEXT_DASH,
	NEXT_OTHER,	/* , ; : closing brackets, other symbols */
};

/* The word before a single "." (R5). */
enum word {
	WORD_PLAIN,	/* R5d */
	WORD_TITLE,	/* R5a: never ends a sentence */
	WORD_INITIAL,	/* R5b */
	WORD_ABBR,	/* R5c */
};

/* A word of abbrs[] or opener_words[]. */
struct abbr {
	const char *s;
	uint8_t len;
	uint8_t kind;	/* abbrs[]: WORD_TITLE or WORD_ABBR */
};

#define T(s)	{ s, sizeof s - 1, WORD_TITLE }
#define A(s)	{ s, sizeof s - 1, WORD_ABBR }

static const struct abbr abbrs[] = {
	/* Titles and ranks: always followed by a name. */
	T("Mr"), T("Mrs"), T("Ms"), T("Messrs"), T("Mme"), T("Mlle"),
	T("Prof"), T("Sen"), T("Sens"), T("Rep"), T("Reps"), T("Gov"),
	T("Gen"), T("Col"), T("Lt"), T("Sgt"), T("Rev"), T("Capt"),
	T("Cmdr"), T("Cdr"), T("Adm"), T("Maj"), T("Brig"), T("Cpl"),
	T("Pvt"), T("Supt"), T("Insp"), T("Det"), T("Hon"), T("Rt"),
	T("Fr"), T("Msgr"), T("Pres"), T("Atty"), T("Mt"), T("Ft"),
	/* Prefix-like: always followed by what they introduce. */
	T("vs"), T("v"), T("e.g"), T("i.e"), T("cf"), T("viz"),
	T("approx"), T("ca"), T("incl"), T("esp"), T("fig"), T("Fig"),
	T("Nos"), T("pp"), T("Vol"), T("vol"),
	/* Company forms. */
	A("Inc"), A("Corp"), A("Co"), A("Cos"), A("Ltd"), A("Bros"),
	A("plc"), A("Plc"), A("Pty"), A("Assn"), A("Dept"), A("Univ"),
	/* Abbreviated months ("Sept.") are lexicon.h's: WORD_ABBR. */
	/* Names, places, numbers. */
	A("Jr"), A("Sr"), A("St"), A("Dr"), A("Ave"), A("Blvd"), A("Rd"),
	A("No"), A("etc"), A("al"), A("est"),
	/* US state forms used in datelines and addresses. */
	A("Ala"), A("Ariz"), A("Ark"), A("Calif"), A("Colo"), A("Conn"),
	A("Del"), A("Fla"), A("Ga"), A("Ill"), A("Ind"), A("Kan"),
	A("Kans"), A("Ky"), A("La"), A("Md"), A("Mass"), A("Mich"),
	A("Minn"), A("Miss"), A("Mo"), A("Mont"), A("Neb"), A("Nev"),
	A("Okla"), A("Ore"), A("Pa"), A("Tenn"), A("Tex"), A("Va"),
	A("Vt"), A("Wash"), A("Wis"), A("Wyo"),
};

#undef T
#undef A

/*
 * Capitalised function words that begin sentences and cannot be part of a
 * name: the signal that an abbreviation really ended a sentence (R5c).
 */
#define O(s)	{ s, sizeof s - 1, 0 }

static const struct abbr opener_words[] = {
	O("A"), O("I"), O("An"), O("The"), O("This"), O("That"), O("These"),
	O("Those"), O("There"), O("Then"), O("Thus"), O("Here"), O("It"),
	O("Its"), O("He"), O("She"), O("We"), O("They"), O("You"), O("His"),
	O("Her"), O("Their"), O("Our"), O("My"), O("Your"), O("One"),
	O("But"), O("And"), O("Or"), O("So"), O("Yet"), O("Nor"), O("Still"),
	O("Also"), O("However"), O("Meanwhile"), O("Instead"), O("Indeed"),
	O("Moreover"), O("Furthermore"), O("Nevertheless"), O("Otherwise"),
	O("In"), O("On"), O("At"), O("By"), O("For"), O("From"), O("With"),
	O("Without"), O("As"), O("Of"), O("To"), O("Into"), O("Under"),
	O("Over"), O("After"), O("Before"), O("Since"), O("During"),
	O("Despite"), O("Although"), O("Though"), O("While"), O("When"),
	O("Whether"), O("If"), O("Once"), O("Until"), O("Unlike"), O("Like"),
	O("According"), O("Among"), O("Between"), O("Against"), O("Amid"),
	O("What"), O("Why"), O("How"), O("Who"), O("Where"), O("Which"),
	O("Some"), O("Many"), O("Most"), O("Much"), O("More"), O("Few"),
	O("All"), O("Both"), O("Each"), O("Every"), O("Any"), O("No"),
	O("Not"), O("None"), O("Several"), O("Other"), O("Another"),
	O("Such"), O("Only"), O("Even"), O("Last"), O("Next"), O("Earlier"),
	O("Later"), O("Now"), O("Today"), O("Yesterday"),
};

#undef O

/*
 * The character at s[i] (i < end), its length in *len.  An invalid or
 * truncated sequence is one BAD_CHAR byte.
 */
static ucs4_t
char_at(const uint8_t *s, size_t i, size_t end, size_t *len)
{
	ucs4_t c;
	int n;

	if (s[i] < 0x80) {
		*len = 1;
		return s[i];
	}
	n = u8_mbtoucr(&c, s + i, end - i);
	if (n < 0) {
		*len = 1;
		return BAD_CHAR;
	}
	*len = (size_t)n;
	return c;
}

/* Unicode White_Space, which includes NBSP and the ideographic space. */
static bool
is_space(ucs4_t c)
{
	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r');
	switch (c) {
	case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202f: case 0x205f: case 0x3000:
		return true;
	}
	return c >= 0x2000 && c <= 0x200a;
}

static enum stop
stop_kind(ucs4_t c)
{
	switch (c) {
	case '.':
		return STOP_DOT;
	case 0x2026:			/* … */
		return STOP_ELLIPSIS;
	case '!': case '?':
	case 0x203c: case 0x2047: case 0x2048: case 0x2049:	/* ‼ ⁇ ⁈ ⁉ */
		return STOP_STRONG;
	case 0x3002: case 0xff01: case 0xff1f: case 0xff61:	/* 。！？｡ */
		return STOP_CJK;
	}
	return STOP_NONE;
}

/*
 * Closing quotes and brackets that a sentence keeps after its stop.  The
 * ASCII quotes are ambiguous, but right after a stop they close.  “ and ‘
 * close German quotations („So.“), « and ‹ German ones in the other style
 * (»So.«); with no space after a stop none of them can be opening a
 * quotation.  French « ... » is handled by french_closer().
 */
static bool
is_closer(ucs4_t c)
{
	switch (c) {
	case '"': case '\'': case ')': case ']': case '}':
	case 0x2019: case 0x201d: case 0x201c: case 0x2018:	/* ’ ” “ ‘ */
	case 0xbb: case 0x203a: case 0xab: case 0x2039:		/* » › « ‹ */
	case 0x300d: case 0x300f: case 0x3011: case 0x3015:	/* 」』】〕 */
	case 0x300b: case 0x3009:				/* 》〉 */
	case 0xff09: case 0xff3d: case 0xff63:			/* ）］｣ */
		return true;
	}
	return false;
}

/*
 * French sets its closing guillemet off with a space: « C'est fini. » Il
 * part.  Returns the length of such a space and "»" or "›" at s[i] when
 * white space or the end follows them, else 0.  German »So.« is not
 * affected: its "»" opens and is followed by a letter.
 */
static size_t
french_closer(const uint8_t *s, size_t i, size_t end)
{
	size_t len, len2, len3;
	ucs4_t c = char_at(s, i, end, &len);

	if (c != ' ' && c != 0xa0 && c != 0x202f && c != 0x2009)
		return 0;
	if (i + len >= end)
		return 0;
	c = char_at(s, i + len, end, &len2);
	if (c != 0xbb && c != 0x203a)
		return 0;
	if (i + len + len2 < end &&
	    !is_space(char_at(s, i + len + len2, end, &len3)))
		return 0;
	return len + len2;
}

/*
 * Opening quotes and brackets (and ¿ ¡) that may begin a sentence; » and ›
 * open German and Scandinavian quotations.
 */
static bool
is_opener(ucs4_t c)
{
	switch (c) {
	case '"': case '\'': case '(': case '[': case '{':
	case 0x201c: case 0x2018: case 0x201e: case 0x201a:	/* “ ‘ „ ‚ */
	case 0xab: case 0x2039: case 0xbf: case 0xa1:		/* « ‹ ¿ ¡ */
	case 0xbb: case 0x203a:					/* » › */
	case 0x300c: case 0x300e: case 0x3010: case 0x3014:	/* 「『【〔 */
	case 0x300a: case 0x3008:				/* 《〈 */
	case 0xff08: case 0xff3b: case 0xff62:			/* （［｢ */
		return true;
	}
	return false;
}

/* Hyphen-minus and the Unicode dashes ‐ ‑ ‒ – — ―. */
static bool
is_dash(ucs4_t c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015);
}

static bool
is_lower_letter(ucs4_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return c != BAD_CHAR && uc_is_lower(c) && !uc_is_upper(c);
}

static bool
is_upper_letter(ucs4_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	return c != BAD_CHAR && uc_is_upper(c);
}

static bool
is_letter(ucs4_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return c != BAD_CHAR && uc_is_alpha(c);
}

static bool
is_digit(ucs4_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	return c != BAD_CHAR && uc_is_general_category(c, UC_CATEGORY_Nd);
}

/* Bytes that can begin a stop: '.', '!', '?' and the lead bytes of the
 * three-byte stops (E2: … ‼ ⁇ ⁈ ⁉, E3: 。, EF: ！ ？ ｡). */
static bool
may_stop(uint8_t b)
{
	return b == '.' || b == '!' || b == '?' ||
	    b == 0xe2 || b == 0xe3 || b == 0xef;
}

/* Eight copies of byte b. */
#define BYTES8(b)	((uint64_t)(b) * UINT64_C(0x0101010101010101))

/*
 * Nonzero when some byte of x is zero.  The usual word-at-a-time test: a
 * byte's high bit survives in (x - 0x01...) & ~x only if the byte was 0 or
 * a borrow came from a zero byte below it, so the result can be wrong
 * about which byte, never about whether there is one.
 */
static inline uint64_t
has_zero(uint64_t x)
{
	return (x - BYTES8(0x01)) & ~x & BYTES8(0x80);
}

/*
 * The first i' >= i with may_stop(s[i']), or end.  Eight bytes at a time
 * are skipped while none of them is '.', '!', '?' or a non-ASCII byte (of
 * which only E2, E3 and EF may start a stop); a block that has one is
 * looked at byte by byte.  So this returns exactly what the byte loop
 * would, in an eighth of the steps on ASCII prose.
 */
static size_t
next_stop(const uint8_t *s, size_t i, size_t end)
{
	uint64_t x;
	size_t lim;

	for (;;) {
		while (end - i >= 8) {
			memcpy(&x, s + i, 8);
			if ((has_zero(x ^ BYTES8('.')) |
			    has_zero(x ^ BYTES8('!')) |
			    has_zero(x ^ BYTES8('?')) | (x & BYTES8(0x80))) != 0)
				break;
			i += 8;
		}
		lim = end - i >= 8 ? i + 8 : end;
		for (; i < lim; i++)
			if (may_stop(s[i]))
				return i;
		if (i == end)
			return end;
	}
}

/* Classify the character at q, which is not white space (R3). */
static enum next
next_kind(const uint8_t *s, size_t q, size_t end)
{
	size_t len;
	ucs4_t c = char_at(s, q, end, &len);

	if (c == BAD_CHAR)
		return NEXT_START;
	if (is_lower_letter(c)) {
		/* "iPhone", "eBay": a capital right after a small letter. */
		if (q + len < end &&
		    is_upper_letter(char_at(s, q + len, end, &len)))
			return NEXT_START;
		return NEXT_LOWER;
	}
	if (is_letter(c))
		return NEXT_START;
	if (is_digit(c) || (c >= 0x80 &&
	    uc_is_general_category(c, UC_CATEGORY_Sc)) || c == '$')
		return NEXT_NUMBER;
	if (is_opener(c))
		return NEXT_OPEN;
	if (is_dash(c))
		return NEXT_DASH;
	return NEXT_OTHER;
}

/*
 * Whether a sentence opener (opener_words) of at least minlen bytes starts
 * at q, after at most OPENERS_MAX opening quotes or brackets.  The word
 * must end there: "All-Star" and "Theodore" are not openers.
 */
static bool
opener_at(const uint8_t *s, size_t q, size_t end, size_t minlen)
{
	size_t len, a, i, k, n;
	ucs4_t c;

	for (k = 0; k < OPENERS_MAX && q < end; k++) {
		c = char_at(s, q, end, &len);
		if (!is_opener(c))
			break;
		q += len;
	}
	a = q;
	while (q < end && q - a <= OPENER_WORD_MAX &&
	    ((s[q] >= 'a' && s[q] <= 'z') || (s[q] >= 'A' && s[q] <= 'Z')))
		q++;
	n = q - a;
	if (n < minlen || n > OPENER_WORD_MAX)
		return false;
	if (q < end) {
		c = char_at(s, q, end, &len);
		if (is_letter(c) || is_digit(c) || is_dash(c))
			return false;
	}
	for (i = 0; i < sizeof opener_words / sizeof opener_words[0]; i++) {
		if (opener_words[i].len == n && opener_words[i].s[0] == s[a] &&
		    memcmp(opener_words[i].s, s + a, n) == 0)
			return true;
	}
	return false;
}

/*
 * Classify the word that ends just before the "." at p (R5).  Looks back at
 * most WORD_MAX bytes: a longer word is no abbreviation.
 */
static enum word
word_kind(const uint8_t *s, size_t start, size_t p)
{
	size_t lo, i, a, len, nseg, seglen, maxseg, letters;
	bool cut = false, only_letters;
	ucs4_t c;

	lo = p - start > WORD_MAX ? p - WORD_MAX : start;
	/* Fast path: walk back over ASCII to the white space, "-" or "/". */
	for (a = p; a > lo; a--) {
		uint8_t b = s[a - 1];

		if (b >= 0x80 || b == ' ' || (b >= '\t' && b <= '\r') ||
		    b == '-' || b == '/')
			break;
	}
	if (a == lo && lo > start)
		return WORD_PLAIN;
	if (a > lo && s[a - 1] >= 0x80) {
		/* Slow path: decode forward from a character boundary. */
		while (lo < p && (s[lo] & 0xc0) == 0x80 && lo > start)
			lo++;
		a = lo;
		for (i = lo; i < p; i += len) {
			c = char_at(s, i, p, &len);
			if (is_space(c) || c == '-' || c == '/') {
				a = i + len;
				cut = true;
			}
		}
		if (!cut && lo > start)
			return WORD_PLAIN;
	}
	/* Drop opening quotes and brackets: "(Mr." is "Mr". */
	while (a < p) {
		c = char_at(s, a, p, &len);
		if (!is_opener(c))
			break;
		a += len;
	}
	if (a == p)
		return WORD_PLAIN;

	nseg = 1;
	seglen = maxseg = letters = 0;
	only_letters = true;
	for (i = a; i < p && only_letters; i += len) {
		c = char_at(s, i, p, &len);
		if (c == '.') {
			if (seglen == 0)
				only_letters = false;
			nseg++;
			seglen = 0;
		} else if (is_letter(c)) {
			letters++;
			if (++seglen > maxseg)
				maxseg = seglen;
		} else
			only_letters = false;
	}
	if (!only_letters || seglen == 0)
		return WORD_PLAIN;
	for (i = 0; i < sizeof abbrs / sizeof abbrs[0]; i++) {
		if (abbrs[i].len == p - a && abbrs[i].s[0] == s[a] &&
		    memcmp(abbrs[i].s, s + a, p - a) == 0)
			return abbrs[i].kind;
	}
	if (lexicon_is_month_abbr(s + a, p - a))
		return WORD_ABBR;
	if (nseg == 1)
		return letters == 1 ? WORD_INITIAL : WORD_PLAIN;
	return maxseg <= 3 ? WORD_ABBR : WORD_PLAIN;
}

/*
 * End of the wire dateline that opens s[start, end), or start if there is
 * none (R6).
 */
static size_t
dateline_end(const uint8_t *s, size_t start, size_t end)
{
	size_t lim = end - start > DATELINE_MAX ? start + DATELINE_MAX : end;
	size_t i = start, len, nchunk = 0;
	int depth = 0;
	bool caps = false;
	ucs4_t c;

	while (i < lim) {
		bool only_sep = true, first = true, upper_prev = false;
		ucs4_t last = 0;

		/* One chunk: up to the next white space. */
		while (i < lim) {
			c = char_at(s, i, end, &len);
			if (is_space(c))
				break;
			if (first && depth == 0 && c != '(' &&
			    !is_upper_letter(c) && !is_digit(c) &&
			    !is_dash(c) && c != 0x2022)
				return start;
			first = false;
			if (!is_dash(c) && c != 0x2022)		/* • */
				only_sep = false;
			if (c == '(')
				depth++;
			else if (c == ')' && depth > 0)
				depth--;
			if (is_upper_letter(c)) {
				if (upper_prev && depth == 0)
					caps = true;
				upper_prev = true;
			} else
				upper_prev = false;
			last = c;
			i += len;
		}
		if (i >= lim)
			return start;
		if (depth == 0 && only_sep)
			return caps && nchunk > 0 ? i : start;
		if (depth == 0 && last == ':')
			return caps ? i : start;
		nchunk++;
		/* Skip the white space. */
		while (i < lim) {
			c = char_at(s, i, end, &len);
			if (!is_space(c))
				break;
			i += len;
		}
	}
	return start;
}

size_t
sentence_split(const uint8_t *s, size_t start, size_t end, uint32_t **ends)
{
	uint32_t *out = NULL;
	size_t n = 0, cap = 0, i, p, e, q, len, dots, dl;
	enum stop kind, k;
	enum next nk;
	enum word wk;
	bool split;
	ucs4_t c;

	*ends = NULL;
	if (start >= end)
		return 0;
	dl = dateline_end(s, start, end);

	i = start;
	while ((i = next_stop(s, i, end)) < end) {
		c = char_at(s, i, end, &len);
		if ((kind = stop_kind(c)) == STOP_NONE) {
			i += len;
			continue;
		}

		/* The cluster: stops and closers. */
		p = i;
		dots = 0;
		e = i;
		while (e < end) {
			c = char_at(s, e, end, &len);
			k = stop_kind(c);
			if (k == STOP_NONE && !is_closer(c)) {
				e += french_closer(s, e, end);
				break;
			}
			if (c == '.' && ++dots >= 2 && kind < STOP_ELLIPSIS)
				kind = STOP_ELLIPSIS;
			if (k > kind)
				kind = k;
			e += len;
		}
		i = e;
		if (e >= end)
			break;

		/* The white space after it. */
		for (q = e; q < end; q += len) {
			c = char_at(s, q, end, &len);
			if (!is_space(c))
				break;
		}
		if (q >= end)
			break;
		i = q;
		if (p < dl)
			continue;			/* R6 */

		if (kind == STOP_CJK)
			split = true;			/* R1 */
		else if (q == e)
			split = false;			/* R2 */
		else {
			nk = next_kind(s, q, end);
			split = nk != NEXT_LOWER && nk != NEXT_OTHER;	/* R3 */
			if (split && kind == STOP_DOT) {		/* R5 */
				wk = word_kind(s, start, p);
				if (wk == WORD_TITLE)
					split = false;
				else if (wk == WORD_INITIAL)
					split = opener_at(s, q, end, 2);
				else if (wk == WORD_ABBR)
					split = opener_at(s, q, end, 1);
			}
		}
		if (split) {
			out = xgrow(out, &cap, n + 1, sizeof *out);
			out[n++] = (uint32_t)e;
		}
	}
	out = xgrow(out, &cap, n + 1, sizeof *out);
	out[n++] = (uint32_t)end;
	*ends = out;
	return n;
}
