/*
 * test-boiler.c — boilerplate rules: every built-in rule on paragraphs
 * it must and must not label, in the C and a UTF-8 locale; the text the
 * rules see; user files, definitions and keep rules; file:line errors;
 * labels on the blocks of an alignment; the seeds.
 */
#include "config.h"

#include <dirent.h>
#include <locale.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "align.h"
#include "boiler.h"
#include "lexicon.h"
#include "doc.h"
#include "equiv.h"
#include "cmpkeys.h"
#include "pair.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"

/*
 * The label the rules of b give s as one paragraph (NULL: none).  A
 * second paragraph follows it, since a file without blank lines has one
 * paragraph per line (doc.h).
 */
static const char *
label_of(const struct boiler *b, const char *s, size_t len)
{
	static char out[64];
	struct text_opts to = { 0 };
	struct text *t;
	struct doc *d;
	const char *l;
	char *buf = xmalloc(len + 8);

	memcpy(buf, s, len);
	memcpy(buf + len, "\n\nEnd.\n", 7);
	to.allow_binary = true;
	t = text_from_bytes("p", buf, len + 7, &to, NULL);
	free(buf);
	d = doc_build(t);
	if (d->npara != 2) {
		snprintf(out, sizeof out, "(%zu paragraphs)", d->npara);
		l = out;
	} else {
		l = boiler_match(b, d, 0);
		if (l != NULL) {
			snprintf(out, sizeof out, "%s", l);
			l = out;
		}
	}
	doc_free(d);
	text_free(t);
	return l;
}

static const char *
label(const struct boiler *b, const char *s)
{
	return label_of(b, s, strlen(s));
}

/* A paragraph and the label it must get (NULL: none). */
struct example {
	const char *want;
	const char *text;
};

static const struct example examples[] = {
	/* Captions. */
	{ "caption", "A ferry leaves the harbour at dawn. (photo: Marta Quill)" },
	{ "caption", "A ferry leaves the harbour.  (photo: Marta Quill)\n"
	    "A ferry leaves the harbour. (photo: Marta Quill)" },
	{ "caption", "The old mill.  (photo:\nThe old mill. (photo:" },
	{ "caption", "Crowds on the quay (Photo by Ines Varga)" },
	{ "caption", "(Photo credit: Northwind Agency)" },
	{ "caption", "Photo: Ines Varga/Northwind Agency" },
	{ "caption", "Pictured: the new bridge over the river" },
	{ "caption", "Image source, Northwind Agency" },
	{ "caption", "Workers repair a road in Lisbon, Portugal, March 3, "
	    "2023. REUTERS/Ines Varga/File Photo" },
	{ "caption", "Getty Images" },
	{ "caption", "Photo courtesy of the harbour authority" },
	{ NULL, "The photographer said the photo was taken in March." },
	{ NULL, "A photo of the minister went viral on Tuesday." },
	{ NULL, "Photo, video and audio evidence was presented at the "
	    "trial." },
	{ NULL, "Support for the plan rose, according to a Reuters/Ipsos "
	    "poll." },
	{ NULL, "The image (below) shows the damage to the pier." },
	{ NULL, "Picture this: a city without a single car." },
	{ NULL, "Image \xe2\x80\x93 not substance \xe2\x80\x93 is what "
	    "counts, she said." },
	{ NULL, "Support rose. Reuters/Ipsos polls showed it." },
	{ "caption", "Support rose. REUTERS/Ines Varga" },

	/* Bylines. */
	{ "byline", "By Marta Quill" },
	{ "byline", "by Marta Quill and Oskar Lind" },
	{ "byline", "By Marta Quill, Reuters" },
	{ "byline", "By Marta Quill, senior correspondent" },
	{ "byline", "By Marta Quill | Updated Jan 18, 2023 11:10 PM ET" },
	{ "byline", "By Oskar Lind\nMarch 6, 2023" },
	{ "byline", "Oskar Lind\xe2\x80\x99s Photo\nby Oskar Lind\n"
	    "Monday, Mar 6, 2023 - 09:15 AM" },
	{ "byline", "Oskar Lind's avatar" },
	{ "byline", "Reporting by Marta Quill in Lisbon; Editing by Oskar "
	    "Lind" },
	{ "byline", "(Reporting by Marta Quill; additional reporting by Ana "
	    "Ruiz in Madrid; editing by Oskar Lind)" },
	{ NULL, "By the end of the day, the talks had failed." },
	{ NULL, "By then, it was too late." },
	{ NULL, "By Tuesday the river had risen by two metres, officials "
	    "said." },
	{ NULL, "Written by a former soldier, the memoir describes the war "
	    "in detail." },
	{ NULL, "The decision was taken by Marta Quill, the harbour "
	    "master." },
	{ NULL, "By the numbers" },
	{ NULL, "By contrast" },
	{ NULL, "By now, all is lost" },
	{ "byline", "By The Associated Press" },

	/* Date lines. */
	{ "dateline", "Monday, Mar 6, 2023 - 09:15 AM" },
	{ "dateline", "Published: 6 March 2023 | Updated: 7 March 2023" },
	{ "dateline", "2023-03-06" },
	{ "dateline", "Updated 3 hours ago" },
	{ "dateline", "11:10 PM ET, Mon March 6, 2023" },
	{ NULL, "On March 6, 2023, the court ruled against the company." },
	{ NULL, "March 6, 2023 will be remembered as the day the pier "
	    "fell." },

	/* Site chrome. */
	{ "chrome", "Login Register Subscribe" },
	{ "chrome", "Home | World | Business | Sport" },
	{ "chrome", "Help" },
	{ "chrome", "Skip to main content" },
	{ "chrome", "Reprints" },
	{ "chrome", "Reprints\nHarbour" },
	{ "chrome", "Home > World > Europe" },
	{ "chrome", "Our archive uses Boolean search: combine words with "
	    "AND, OR and NOT." },
	{ "chrome", "To search for an exact phrase, put the phrase in "
	    "quotation marks. This will limit your search to those words." },
	{ "chrome", "We use cookies to improve your experience." },
	{ "chrome", "Already a subscriber? Log in" },
	{ "chrome", "Sign up for our free morning newsletter" },
	{ "chrome", "Continue reading" },
	{ "chrome", "5 min read" },
	{ "chrome", "Comments (12)" },
	{ "chrome", "Tags: harbour, ferries, Lisbon" },
	{ NULL, "To search for survivors, rescuers used dogs and drones." },
	{ NULL, "Search and rescue teams arrived on Monday." },
	{ NULL, "Register now to vote, the electoral commission urged." },
	{ NULL, "World Health Organization officials said the outbreak was "
	    "contained." },
	{ NULL, "Help arrived too late for the villagers." },
	{ NULL, "Police widened the search to the forest on Tuesday." },
	{ NULL, "Reprints of the book sold out within a week." },
	{ NULL, "Help!" },
	{ NULL, "Already a subscriber to three newspapers, she cancelled "
	    "them all." },
	{ NULL, "Did you mean to do that?" },
	{ NULL, "No results for the talks were announced." },
	{ NULL, "Download the app and you will see ads everywhere, critics "
	    "said." },

	/* Sharing. */
	{ "share", "Share this article" },
	{ "share", "Share on Facebook" },
	{ "share", "Facebook Twitter Email" },
	{ "share", "Share: Facebook | X | WhatsApp | Copy link" },
	{ "share", "Click to share on Twitter (Opens in new window)" },
	{ "share", "Follow us on Instagram" },
	{ NULL, "Share prices fell 3 per cent in early trading." },
	{ NULL, "Twitter users mocked the announcement." },
	{ NULL, "Follow the money, the auditor told the committee." },
	{ NULL, "Follow them to the river and you will find the camp." },

	/* Lists of links. */
	{ "related", "Related: City council approves new ferry route" },
	{ "related", "Read more: City council approves new ferry route" },
	{ "related", "Related Articles" },
	{ "related", "Read more" },
	{ "related", "Read more\xe2\x80\xa6" },
	{ "related", "See also \xe2\x80\x93 The harbour through the ages" },
	{ "related", "More from Northwind: Harbour news" },
	{ NULL, "Most popular \xe2\x80\x93 and most costly \xe2\x80\x93 was "
	    "the tax cut." },
	{ NULL, "In other news \xe2\x80\x94 as the mayor put it \xe2\x80\x94 "
	    "nothing happened." },
	{ "related", "Most Read" },
	{ "related", "Don\xe2\x80\x99t miss: How the ferry works" },
	{ NULL, "Related to the case, police said three people were "
	    "arrested." },
	{ NULL, "Read more about the plan on the council's website." },
	{ NULL, "Most read books of the year were thrillers." },

	/* Sources and syndication. */
	{ "source", "Source link" },
	{ "source", "Source link -12" },
	{ "source", "Source: Northwind Agency" },
	{ "source", "With information from Reuters and AFP" },
	{ "source", "This article originally appeared on The Harbour "
	    "Times." },
	{ "source", "REUTERS" },
	{ "source", "(AFP)" },
	{ "source", "\xc2\xa9 2023 Northwind Media. All rights reserved." },
	{ "source", "(Only the headline and picture of this report may have "
	    "been reworked by the staff; the rest of the content is "
	    "auto-generated from a syndicated feed.)" },
	{ NULL, "Sources said the deal was close." },
	{ NULL, "Copyright law was changed in 2019." },
	{ NULL, "With information from the ministry, analysts estimated "
	    "growth at 3 percent." },
	{ NULL, "Reuters reported the deal on Tuesday." },
	{ NULL, "Sources \xe2\x80\x93 two officials \xe2\x80\x93 said the "
	    "deal was close." },
	{ NULL, "First published in 1851, the newspaper closed in 2020." },
	{ "source", "This story was originally published by ProPublica, "
	    "a nonprofit newsroom." },

	/* Advertisements and the rest. */
	{ "ad", "Advertisement" },
	{ "ad", "Story continues below advertisement" },
	{ "ad", "Sponsored content" },
	{ NULL, "Advertisement revenue fell sharply last year." },
	{ "other", "* * *" },
	{ "other", "***" },
	{ "other", "Disclaimer: The views expressed are the author's own." },

	/* Ordinary reporting. */
	{ NULL, "The city will raise ferry fares by 10 per cent from April, "
	    "the council said on Monday." },
	{ NULL, "Commuter groups said the rise was unfair." },
};

/* The start of s on one line, for a test name. */
static const char *
oneline(const char *s)
{
	static char buf[52];
	size_t i;

	for (i = 0; i < sizeof buf - 1 && s[i] != '\0'; i++)
		buf[i] = s[i] == '\n' ? '|' : s[i];
	buf[i] = '\0';
	return buf;
}

static void
test_examples(const struct boiler *b, const char *locale)
{
	size_t i;

	for (i = 0; i < sizeof examples / sizeof examples[0]; i++)
		is_str(label(b, examples[i].text), examples[i].want,
		    "[%s] %s: %s", locale,
		    examples[i].want ? examples[i].want : "none",
		    oneline(examples[i].text));
}

static void
test_builtin(void)
{
	struct boiler *b = boiler_new();
	struct vs_error err;

	is_int(boiler_parse(b, "built-in", boiler_builtin_text,
	    boiler_builtin_len, &err), 0, "the built-in rules parse");
	is_int(boiler_builtin_len, strlen(boiler_builtin_text),
	    "boiler_builtin_len is the text's length");
	ok(boiler_count(b) >= 40, "built-in rules: %zu",
	    boiler_count(b));
	boiler_free(b);

	b = boiler_new_builtin();
	is_int(boiler_count(b) > 0, 1, "boiler_new_builtin has the rules");
	test_examples(b, "C");
	if (setlocale(LC_CTYPE, "C.UTF-8") != NULL ||
	    setlocale(LC_CTYPE, "en_US.UTF-8") != NULL) {
		/* The rules are compiled in the locale of their parse. */
		boiler_free(b);
		b = boiler_new_builtin();
		test_examples(b, "UTF-8");
		setlocale(LC_CTYPE, "C");
	} else {
		skip("no UTF-8 locale");
	}
	boiler_free(b);
}

/* What the rules see: white space, zero-width characters, bad bytes. */
static void
test_text(void)
{
	struct boiler *b = boiler_new();
	struct vs_error err;
	char buf[700];
	const char *rules =
	    "spaces ^a b c$\n"
	    "bad ^x\xef\xbf\xbdy$\n"
	    "full ^q{512}$\n"
	    "prefix ^r{100}\n"
	    "ends ^s+$\n";

	ok(boiler_parse(b, "t", rules, strlen(rules), &err) == 0,
	    "rules for the text tests parse");
	is_str(label(b, "a\nb\t \tc"), "spaces",
	    "line ends and tabs are single spaces");
	is_str(label(b, "a\xc2\xa0 b\xe2\x80\x83" "c"), "spaces",
	    "no-break and em spaces are single spaces");
	is_str(label(b, "a b\xe2\x80\x8b c\xc2\xad"), "spaces",
	    "zero-width space and soft hyphen are dropped");
	is_str(label(b, "a  b\r\nc"), "spaces", "CRLF is a space");
	is_str(label(b, "x\xffy"), "bad", "an invalid byte is U+FFFD");
	is_str(label_of(b, "a b\0 c", 6), NULL,
	    "a paragraph holding NUL is never boilerplate");

	memset(buf, 'q', 512);
	buf[512] = '\0';
	is_str(label(b, buf), "full", "512 bytes are matched whole");
	buf[512] = 'q';
	buf[513] = '\0';
	is_str(label(b, buf), NULL, "513 bytes: $ does not match at the cut");
	memset(buf, 'r', 600);
	buf[600] = '\0';
	is_str(label(b, buf), "prefix", "a long paragraph matches a prefix");
	memset(buf, 's', 511);
	memcpy(buf + 511, "\xc3\xa9", 3);
	is_str(label(b, buf), NULL,
	    "a character that does not fit is cut whole, with REG_NOTEOL");
	memset(buf, 's', 510);
	memcpy(buf + 510, "\xc3\xa9", 3);
	is_str(label(b, buf), NULL, "510 + 2 bytes fit: é is not s");
	boiler_free(b);

	b = boiler_new_builtin();
	memcpy(buf, "Read more: ", 11);
	memset(buf + 11, 'w', 600);
	buf[611] = '\0';
	is_str(label(b, buf), "related", "a long 'Read more:' is related");
	memcpy(buf, "The minister ", 13);
	memset(buf + 13, 'w', 520);
	strcpy(buf + 533, " (photo: Marta Quill)");
	is_str(label(b, buf), NULL, "a long paragraph is no caption");
	boiler_free(b);
}

static char *
write_file(const char *content)
{
	static char path[64];
	FILE *f;
	int fd;

	snprintf(path, sizeof path, "/tmp/test-boiler-XXXXXX");
	fd = mkstemp(path);
	f = fdopen(fd, "w");
	fputs(content, f);
	fclose(f);
	return path;
}

static void
test_user(void)
{
	struct boiler *b = boiler_new_builtin();
	size_t n = boiler_count(b);
	struct vs_error err;
	char *path;
	const char *user =
	    "# my own rules\r\n"
	    "\n"
	    "@site (harbour times|northwind)\n"
	    "promo ^subscribe to {site}( today)?[.!]?$\n"
	    "   keep ^read more: the mayor\n"
	    "masthead ^the {site} daily( {sep}{date})?$\n";

	path = write_file(user);
	is_int(boiler_load(b, path, &err), 0, "a user file loads");
	unlink(path);
	is_int(boiler_count(b), n + 3, "it adds its three rules");
	is_str(label(b, "Subscribe to Northwind today!"), "promo",
	    "a user rule with a user definition");
	is_str(label(b, "The Harbour Times daily - March 6, 2023"),
	    "masthead", "a user rule with built-in definitions");
	is_str(label(b, "Read more: The mayor speaks"), NULL,
	    "a keep rule overrides a built-in rule");
	is_str(label(b, "Read more: The harbour speaks"), "related",
	    "the built-in rule still works elsewhere");
	is_str(label(b, "Share this article"), "share",
	    "built-in rules come first");

	is_int(boiler_parse(b, "br", "dup ^([a-z]+) \\1$\n", 17, &err), -1,
	    "a rule with a back-reference is refused (issue 19.5)");
	is_str(label(b, "echo echo"), NULL, "and adds nothing");
	is_int(boiler_load(b, "/nonexistent/versus/boilerplate", &err), -1,
	    "a missing file fails");
	is_str(err.msg, "/nonexistent/versus/boilerplate: No such file or "
	    "directory", "missing file message");
	boiler_free(b);
}

/* {month} comes from lexicon.h, in every set, built-in rules or not. */
static void
test_month(void)
{
	struct boiler *b = boiler_new();
	struct vs_error err;
	const char *rule = "when ^on {month} [0-9]+$\n";
	size_t m, k;
	char text[64];
	int bad = 0;

	is_int(boiler_parse(b, "m", rule, strlen(rule), &err), 0,
	    "{month} is defined in a set without the built-in rules");
	for (m = 0; m < LEXICON_MONTHS; m++) {
		const struct lexicon_month *x = &lexicon_months[m];

		snprintf(text, sizeof text, "On %s 5", x->name);
		bad += label(b, text) == NULL;
		for (k = 0; k < 2 && x->abbr[k] != NULL; k++) {
			snprintf(text, sizeof text, "on %s. 5", x->abbr[k]);
			bad += label(b, text) == NULL;
			snprintf(text, sizeof text, "ON %s 5", x->abbr[k]);
			bad += label(b, text) == NULL;
		}
	}
	is_int(bad, 0, "{month}: every month, name and abbreviations");
	is_str(label(b, "On Septober 5"), NULL, "{month}: not a made-up one");
	is_str(label(b, "On Janu 5"), NULL, "{month}: not a part of one");
	boiler_free(b);
}

/* err.msg after parsing text into a fresh set, or "ok". */
static const char *
parse_error(const char *text)
{
	static struct vs_error err;
	struct boiler *b = boiler_new_builtin();
	size_t n = boiler_count(b);

	if (boiler_parse(b, "my.rules", text, strlen(text), &err) == 0)
		snprintf(err.msg, sizeof err.msg, "ok");
	else if (boiler_count(b) != n)
		snprintf(err.msg, sizeof err.msg, "rules kept after an error");
	boiler_free(b);
	return err.msg;
}

static void
test_errors(void)
{
	char want[600], re[256];
	regex_t rx;
	int r;

	r = regcomp(&rx, "^(photo", REG_EXTENDED | REG_ICASE | REG_NOSUB);
	regerror(r, &rx, re, sizeof re);
	snprintf(want, sizeof want, "my.rules:3: bad pattern: %s", re);
	is_str(parse_error("# c\ncaption ^photo:\ncaption ^(photo\n"), want,
	    "a bad pattern, with regerror's text");
	is_str(parse_error("caption ^a\n^\\(photo:\n"),
	    "my.rules:2: missing label before the pattern",
	    "a pattern without label");
	is_str(parse_error("caption: ^photo\n"),
	    "my.rules:1: bad label 'caption:'", "a label that is not a word");
	is_str(parse_error("2nd ^photo\n"), "my.rules:1: bad label '2nd'",
	    "a label must start with a letter");
	is_str(parse_error("x\x1b[2J ^photo\n"),
	    "my.rules:1: bad label 'x?[2J'",
	    "a bad label is quoted without control characters");
	is_str(parse_error("abcdefghijabcdefghijabcdefghijab ^x\n"),
	    "my.rules:1: bad label 'abcdefghijabcdefghijabcdefghijab'",
	    "a label of 32 bytes is too long");
	is_str(parse_error("caption   \n"),
	    "my.rules:1: missing pattern after 'caption'",
	    "a label without pattern");
	is_str(parse_error("\n\ncaption ^{nosuch}$\n"),
	    "my.rules:3: unknown name {nosuch}", "an unknown name");
	is_str(parse_error("\nx (.*)(.*)(.*)\\3\\2\\1z\n"),
	    "my.rules:2: back-reference '\\3': matching one can take "
	    "exponential time", "a back-reference is refused (issue 19.5)");
	is_str(parse_error("@p (a)\\1\n"),
	    "my.rules:1: back-reference '\\1': matching one can take "
	    "exponential time", "in a definition too");
	is_str(parse_error("x [\\1] \\\\1\n"), "ok",
	    "a backslash and a digit in brackets, or an escaped backslash, "
	    "are no back-reference");
	is_str(parse_error("@1x foo\n"), "my.rules:1: bad definition",
	    "a definition name must not start with a digit");
	is_str(parse_error("@x\n"), "my.rules:1: bad definition",
	    "a definition needs a pattern");
	snprintf(want, sizeof want, "my.rules:1: bad pattern: %s", re);
	is_str(parse_error("@x (photo\n"), want,
	    "a broken definition is reported on its own line");
	is_str(parse_error("@a xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
	    "@b {a}{a}{a}{a}{a}{a}{a}{a}\n@c {b}{b}{b}{b}{b}{b}{b}{b}\n"
	    "@d {c}{c}{c}{c}{c}{c}{c}{c}\n@e {d}{d}{d}{d}{d}{d}{d}{d}\n"),
	    "my.rules:5: pattern too long", "expansion is capped");
	is_str(parse_error("x ^a{2}[{x}]\\{x}$\nother ^x{1,3}$\n"), "ok",
	    "intervals, brackets and \\{ are not names");
	is_str(parse_error("# only comments\n  # and blanks\n\n"), "ok",
	    "comments and blank lines");
	is_str(parse_error("\xef\xbb\xbf" "caption ^x$"), "ok",
	    "a BOM and no final line end");
}

/* Two versions aligned, and the labels of their blocks. */
/* "=1:1 -1:0[byline] ..." */
static const char *
labelled_shape(const struct alignment *al, const char **labels)
{
	static char buf[1024];
	size_t k, n = 0;
	const struct block *bl;

	buf[0] = '\0';
	for (k = 0; k < al->nblock && n < sizeof buf - 64; k++) {
		bl = &al->block[k];
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%c%u:%u",
		    k ? " " : "", "=~-+"[bl->kind], (unsigned)bl->na,
		    (unsigned)bl->nb);
		if (bl->move)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "m%u",
			    (unsigned)bl->move);
		if (labels[k])
			n += (size_t)snprintf(buf + n, sizeof buf - n, "[%s]",
			    labels[k]);
	}
	return buf;
}

static void
test_blocks(void)
{
	struct boiler *b = boiler_new_builtin();
	struct pair p;
	const char **labels;
	const char *a =
	    "Ferry fares to rise\n\n"
	    "By Marta Quill\n\n"
	    "The city will raise ferry fares by 10 per cent from April, the "
	    "council said on Monday.\n\n"
	    "The increase is the first in five years, and the council "
	    "expects it to raise two million a year.\n\n"
	    "Share this article\n\n"
	    "Facebook Twitter Email\n";
	const char *bv =
	    "Ferry fares to rise\n\n"
	    "The city will raise ferry fares by 12 per cent from May, the "
	    "council said on Monday.\n\n"
	    "A ferry leaves the harbour at dawn. (photo: Oskar Lind)\n\n"
	    "The increase is the first in five years, and the council "
	    "expects it to raise two million a year.\n\n"
	    "Commuter groups said the rise was unfair and would hurt "
	    "workers on the islands.\n\n"
	    "Read more: Bridge repairs delayed\n";

	pair_open(&p, a, bv);
	labels = xcalloc(p.al->nblock, sizeof *labels);
	boiler_label_blocks(b, p.al, labels);
	is_str(labelled_shape(p.al, labels),
	    "=1:1 -1:0[byline] ~1:1 +0:1[caption] =1:1 -1:0[share] "
	    "-1:0[share] +0:1 +0:1[related]",
	    "labels only one-sided blocks of boilerplate");
	free(labels);
	pair_close(&p);

	/* A moved paragraph is never boilerplate, even if a rule matches. */
	pair_open(&p,
	    "Related: Harbour dredging begins next week in the old port\n\n"
	    "The council met on Monday to discuss the ferry timetable.\n\n"
	    "Fares will rise by ten per cent from the first of April.\n\n"
	    "Commuters were not consulted about the change, they said.\n",
	    "The council met on Monday to discuss the ferry timetable.\n\n"
	    "Fares will rise by ten per cent from the first of April.\n\n"
	    "Commuters were not consulted about the change, they said.\n\n"
	    "Related: Harbour dredging begins next week in the old port\n");
	labels = xcalloc(p.al->nblock, sizeof *labels);
	boiler_label_blocks(b, p.al, labels);
	is_str(labelled_shape(p.al, labels), "-1:0m1 =1:1 =1:1 =1:1 +0:1m1",
	    "moved blocks get no label");
	free(labels);
	pair_close(&p);
	boiler_free(b);
}

/*
 * align_build() makes one block per deleted or inserted paragraph, but
 * boiler_label_blocks() takes any alignment: blocks of several
 * paragraphs are labelled only when all of them are boilerplate.
 */
static void
test_synthetic_blocks(void)
{
	struct boiler *b = boiler_new_builtin();
	struct block blocks[] = {
		{ .a = 0, .na = 0, .b = 0, .nb = 2, .kind = BLOCK_INSERTED },
		{ .a = 0, .na = 0, .b = 1, .nb = 2, .kind = BLOCK_INSERTED },
		{ .a = 3, .na = 1, .b = 0, .nb = 0, .kind = BLOCK_DELETED },
		{ .a = 3, .na = 1, .b = 3, .nb = 1, .kind = BLOCK_EQUAL },
		{ .a = 3, .na = 1, .b = 3, .nb = 1, .kind = BLOCK_CHANGED },
		{ .a = 0, .na = 0, .b = 3, .nb = 1, .kind = BLOCK_INSERTED,
		  .move = 1 },
		{ .a = 0, .na = 0, .b = 3, .nb = 0, .kind = BLOCK_INSERTED },
		{ .a = 0, .na = 2, .b = 0, .nb = 0, .kind = BLOCK_DELETED },
	};
	const char *want[] = { "share", NULL, "byline", NULL, NULL, NULL,
	    NULL, "share" };
	const char *labels[8];
	const char *s = "Share this article\n\nRelated: Harbour news\n\n"
	    "The council met on Monday.\n\nBy Marta Quill\n";
	struct text *t = text_from_bytes("t", s, strlen(s), NULL, NULL);
	struct doc *d = doc_build(t);
	struct alignment al;
	size_t k;

	memset(&al, 0, sizeof al);
	al.a = al.b = d;
	al.block = blocks;
	al.nblock = 8;
	for (k = 0; k < 8; k++)
		labels[k] = "garbage";
	boiler_label_blocks(b, &al, labels);
	for (k = 0; k < 8; k++)
		is_str(labels[k], want[k], "synthetic block %zu", k);
	doc_free(d);
	text_free(t);
	boiler_free(b);
}

/*
 * The seeds' boilerplate, when SEEDS_DIR is set: exactly these paragraphs
 * (1-based) of each seed are labelled, and no other.  The seeds carry
 * search help, a menu, "Reprints", bylines with and without a picture
 * and a date, doubled photo captions, an agency name, "Source link" and
 * "With information from"; their reporting, subheadings included, must
 * stay unlabelled.
 */
static const struct {
	const char *prefix, *want;
} seeds[] = {
	{ "000_", "21:source" },
	{ "001_", "1:chrome 2:chrome 3:chrome 4:chrome 5:chrome 7:chrome" },
	{ "002_", "2:byline 12:source" },
	{ "003_", "2:caption 10:caption 15:caption 21:caption 28:caption "
	    "33:caption 36:source" },
	{ "004_", "2:byline" },
};

static void
test_seeds(void)
{
	const char *dir = getenv("SEEDS_DIR"), *l;
	struct boiler *b;
	struct text *t;
	struct doc *d;
	char path[4096], got[512];
	size_t i, k, n;
	struct dirent *de;
	DIR *dp;

	if (dir == NULL || (dp = opendir(dir)) == NULL) {
		skip_seeds("SEEDS_DIR not set");
		return;
	}
	b = boiler_new_builtin();
	for (k = 0; k < sizeof seeds / sizeof seeds[0]; k++) {
		rewinddir(dp);
		while ((de = readdir(dp)) != NULL)
			if (strncmp(de->d_name, seeds[k].prefix,
			    strlen(seeds[k].prefix)) == 0)
				break;
		if (de == NULL) {
			skip_seeds("no seed %s*", seeds[k].prefix);
			continue;
		}
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		t = text_load(path, NULL, NULL);
		if (t == NULL) {
			ok(0, "cannot read %s", path);
			continue;
		}
		d = doc_build(t);
		n = 0;
		got[0] = '\0';
		for (i = 0; i < d->npara && n < sizeof got - 64; i++) {
			l = boiler_match(b, d, (uint32_t)i);
			if (l != NULL)
				n += (size_t)snprintf(got + n, sizeof got - n,
				    "%s%zu:%s", n ? " " : "", i + 1, l);
		}
		is_str(got, seeds[k].want, "seed %s labels", de->d_name);
		doc_free(d);
		text_free(t);
	}
	closedir(dp);
	boiler_free(b);
}

/*
 * Label 20,000 random paragraphs of `nbits` bits with u (every rule
 * tried) and b (filtered), seeded by rng: of 1 to `words` bits (one in
 * four of 1 to 300 with `long_ones`), a space before a bit but one in
 * `glued`.  Returns how many labels differ (the first five printed);
 * *labelled counts the paragraphs u labels.
 */
static size_t
random_labels(const struct boiler *b, const struct boiler *u,
	      const char *const *bits, size_t nbits, uint64_t rng,
	      unsigned words, bool long_ones, unsigned glued,
	      size_t *labelled)
{
	char text[1400], want[64];
	const char *l;
	size_t i, k, n, len, bad = 0;

	for (i = 0; i < 20000; i++) {
		rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
		n = 1 + (rng >> 33) % (long_ones && i % 4 == 3 ? 300 : words);
		len = 0;
		for (k = 0; k < n && len < sizeof text - 64; k++) {
			const char *w;

			rng = rng * 6364136223846793005ULL +
			    1442695040888963407ULL;
			w = bits[(rng >> 33) % nbits];
			if (k > 0 && (rng >> 20) % glued != 0)
				text[len++] = ' ';
			memcpy(text + len, w, strlen(w));
			len += strlen(w);
		}
		text[len] = '\0';
		l = label(u, text);
		*labelled += l != NULL;
		snprintf(want, sizeof want, "%s", l ? l : "(none)");
		l = label(b, text);
		if (strcmp(want, l ? l : "(none)") != 0 && bad++ < 5)
			printf("#   '%s': %s unfiltered, %s filtered\n", text,
			       want, l ? l : "(none)");
	}
	return bad;
}

/*
 * The filters that skip rules a paragraph cannot match (a rule's first
 * bytes, the text every match contains, the bytes and length of a whole
 * match, a match that must end the text) never change a label: the same
 * paragraphs get the same labels with every rule tried.  Paragraphs: the
 * examples, each paragraph of the samples, and random ones made of words
 * and signs from the rules themselves, one in four of them longer than
 * the rules see (BOILER_MATCH_MAX).
 */
static void
test_filters(void)
{
	static const char *const bits[] = {
		"by", "By", "photo", "Photo:", "(photo:", "image", "Reuters",
		"AFP", "/", "|", "-", "\xe2\x80\x94", "Getty Images", "share",
		"Share", "on", "Facebook", "Twitter", "related", "Read more",
		"read", "more:", "Updated", "Published", "Jan.", "January",
		"12", "2024", "10:30", "am", "GMT", "\xc2\xa9", "(c)", "copyright",
		"Copyright", "All rights reserved.", "Advertisement", "Sign up",
		"newsletter", "for", "our", "Mary", "Smith", "and", "in", "London",
		"\xe2\x80\x99s", "'s", "'", ",", ".", ":", "?", "!", "\"", "*",
		"source:", "Source", "via", "Home", ">", "News", "Log in", "Menu",
		"Search", "comments", "3", "Tags:", "said", "the", "harbour",
		"Additional reporting by", "Reporting by", "Editing by", "with",
		"reporting", "from", "AP", "Photo", "File", "Handout", "Pool",
		"EPA-EFE", "Shutterstock", "cookies", "We use", "Continue reading",
		"Click here", "to", "Follow us", "syndicated feed", "Disclaimer:",
		"- - -", "___", "Mon", "Tuesday,", "hours ago", "5", "min",
		"Roe's", "Roe\xe2\x80\x99s", "avatar", "profile", "picture",
		"written", "Written", "Reuters/Jane", "AP/", "/", "licensing",
		"(Photo: Jane Roe)", "Reuters/Jane Roe", "Home | World", "0",
		"11:10 PM", "Jan 18, 2022", "2022-01-18", "1/18/2022", "ET",
		"\xe2\x80\x9c", "\xe2\x80\x9d", "#", "\xc2\xbb", "...",
	};
	struct boiler *b = boiler_new_builtin(), *u = boiler_new_builtin();
	struct vs_error err;
	char want[64];
	const char *l;
	size_t i, bad = 0, labelled = 0;

	boiler_unfiltered(u);
	is_int(boiler_check(b, &err), 0, "every built-in rule compiles");
	for (i = 0; i < sizeof examples / sizeof examples[0]; i++) {
		l = label(u, examples[i].text);
		snprintf(want, sizeof want, "%s", l ? l : "(none)");
		l = label(b, examples[i].text);
		if (strcmp(want, l ? l : "(none)") != 0 && bad++ == 0)
			printf("#   example %zu: %s unfiltered, %s filtered\n",
			       i, want, l ? l : "(none)");
	}
	bad += random_labels(b, u, bits, sizeof bits / sizeof bits[0], 7, 9,
			     true, 4, &labelled);
	ok(bad == 0, "the filters change no label (%zu differ)", bad);
	ok(labelled > 1000, "the random paragraphs include boilerplate (%zu)",
	   labelled);
	boiler_free(b);
	boiler_free(u);
}

/*
 * The same for rules of a user's that stray from the built-in ones' ways:
 * GNU's anchors and escapes, intervals, negated and ranged brackets,
 * alternatives at the top, repeated groups and anchors inside them.
 */
static void
test_user_filters(void)
{
	static const char rules[] =
	    "a1 foo\\'\n"
	    "a2 \\<bar\\>\n"
	    "a3 ^\\`baz qux\n"
	    "a4 ^(ab|cd){2,3}[^a-z0-9]?$\n"
	    "a5 x{,2}yz[[:digit:]]+\n"
	    "a6 ^(a|b$)|c.d$\n"
	    "a7 \\bwo+rd\\b \\w+ \\W\n"
	    "a8 ^[]x-]+ ?(-|$)\n"
	    "a9 (q$|r)s?\n"
	    "b1 ^([0-9]{1,2}[.:]){2}[0-9]+$\n"
	    "b2 ^(x?y?)z(ab)*$\n"
	    "b3 ^(foo|f)(o|)+ba?$\n"
	    "b4 (12|3)4?$\n"
	    "b6 ^q{0}r(s|t{0})u?\n"
	    "b7 ^(a|b)?(c|d)?e*(fg)?$\n"
	    "b8 ^(ab|c d)( ?x){0,2}$\n";
	static const char *const bits[] = {
		"foo", "foo'", "bar", "bars", "<bar>", "baz", "qux", "ab",
		"cd", "abcd", "ABCDAB", "!", "x", "xx", "yz", "1", "23", "a",
		"b", "c", "d", "word", "wooord", "WORD", "]", "-", "q", "r",
		"s", "12.", "3:", "45", ".", ",", "y", "z", "xz", "zab",
		"fooba", "fob", "o", "34", "124", "rs", "ru",
		"e", "ee", "fg", "ce", "bd", "12.3:45", "1:2.3", "zabab", "c d",
		"abx", "xx",
	};
	struct boiler *b = boiler_new(), *u = boiler_new();
	struct vs_error err;
	size_t bad = 0, labelled = 0;

	ok(boiler_parse(b, "user", rules, strlen(rules), &err) == 0 &&
	   boiler_parse(u, "user", rules, strlen(rules), &err) == 0,
	   "the stray rules parse");
	boiler_unfiltered(u);
	bad += random_labels(b, u, bits, sizeof bits / sizeof bits[0], 11, 5,
			     false, 3, &labelled);
	ok(bad == 0, "the filters change no label of a user's rules (%zu "
	   "differ)", bad);
	ok(labelled > 1000, "the random paragraphs match them (%zu)",
	   labelled);
	boiler_free(b);
	boiler_free(u);
}

int
main(void)
{
	test_builtin();
	test_filters();
	test_user_filters();
	test_text();
	test_user();
	test_month();
	test_errors();
	test_blocks();
	test_synthetic_blocks();
	test_seeds();
	return done_testing();
}
