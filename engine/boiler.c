/*
 * boiler.c — boilerplate rules: parsing, definitions, matching (boiler.h).
 *
 * Parsing.  Each line is a comment, a definition ("@name PATTERN") or a
 * rule ("LABEL PATTERN").  Definitions are expanded when they are read, so
 * a stored definition holds no {name} and expanding a rule is one pass.
 * Every definition is test-compiled, wrapped in parentheses as it will be
 * used, so that a broken one is reported on its own line rather than on
 * the first rule that uses it.  Expansion is capped (BOILER_PATTERN_MAX)
 * since definitions that each use the previous one twice would double at
 * every line.  A buffer is parsed into a pending set and committed only
 * when every line is well formed.
 *
 * How the label of a misformed line is judged: the first field of a rule
 * line is its label and the rest its pattern.  A line of one field that is
 * not a word ("^\(photo:") is a pattern that lost its label; a first field
 * that is not a word followed by more ("caption: ^photo") is a bad label.
 *
 * The C locale.  Patterns are compiled and matched under uselocale() of
 * a C locale made once per set, whatever the caller's LC_CTYPE (the TUI
 * runs in a UTF-8 locale): the rules then mean the same for every user
 * and every test, and glibc's matcher, which in a multibyte locale
 * decodes every character and turns ".{0,300}" into hundreds of states,
 * runs byte-wise and an order of magnitude faster.  uselocale() is
 * per-thread and restored before returning, so the set stays usable from
 * several threads.
 *
 * Matching.  regexec() needs a NUL-terminated string, and the rules want
 * one space wherever the paragraph has any white space, so each paragraph
 * is first copied into a stack buffer of BOILER_MATCH_MAX bytes (see
 * boiler.h for the normalisation); the copy stops at that size, which
 * bounds the work per paragraph whatever its length, and the match then
 * runs with REG_NOTEOL.
 *
 * Most paragraphs are prose that no rule matches, and one regexec() call
 * has a fixed cost of about a microsecond in glibc, while compiling all
 * the built-in rules costs some milliseconds, more than the rest of a
 * short comparison.  So the built-in rules, known good, are compiled only
 * when a paragraph first needs them, and a rule anchored at the start of
 * the paragraph is not even tried on one whose first two bytes no match
 * can begin with (shape_of): a paragraph is tried against the few rules
 * that can start with its first letters and the few that are not
 * anchored, keep rules first, then the others until one matches.  A
 * user's rules are compiled when they are read, so that a bad pattern is
 * reported on its line.  A built-in rule is compiled in lower case
 * without REG_ICASE where that means the same (lower_pattern) and run on
 * the lower-cased text, and the strings a rule needs are looked for only
 * when every pair of their adjacent bytes is in the text (pairs_seen):
 * together they took a third of the cost of boilerplate off an edited
 * text of prose.  Then a rule's shape (shape_of) rules out most of the
 * rest without compiling it: a rule whose match ends the text cannot
 * match a cut paragraph, nor one whose last two bytes no match can end
 * with ("l." for a time stamp); one whose match is the whole text cannot
 * match a longer one or one holding a byte it lacks (a menu, a full stop),
 * and every match holds a byte of a few small sets ("/" in a picture
 * agency's credit, a digit in a time stamp).  On prose, where nothing is
 * boilerplate, no rule is then compiled at all.  The filters are worked
 * out per rule, by one reading of its pattern, when a paragraph first
 * asks; the strings it needs when a paragraph first gets that far.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stddef.h>
#include <regex.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "align.h"
#include "boiler.h"
#include "doc.h"
#include "error.h"
#include "text.h"
#include "file.h"
#include "lexicon.h"
#include "xalloc.h"

/* Longest label, and longest pattern after expansion, in bytes. */
#define BOILER_LABEL_MAX	31
#define BOILER_PATTERN_MAX	65536

/* A set of bytes, a bit each (see shape_of). */
struct bset {
	uint64_t w[4];
};

/*
 * Pairs of bytes, by class (byte_class: a letter in either case, a digit,
 * common punctuation, the rest in a few lots): bit b of w[a] is the pair
 * of a byte of class a then one of class b.
 */
struct bloom {
	bool all;		/* every pair */
	uint64_t rows;		/* the rows of w in use; the others unread */
	uint64_t w[64];
};

#define NEED_BYTES	4
#define DIGITS	UINT64_C(0x03ff000000000000)	/* "0" to "9" in w[0] */

struct rule {
	char *label;
	char *pattern;		/* expanded */
	regex_t re;		/* once compiled */
	bool compiled;
	bool lower;		/* re is lower_pattern's: it matches `low` */
	bool broken;		/* did not compile: never matches */
	bool keep;
	/*
	 * What shape_of found: whether it could read the pattern (shaped);
	 * every match starts at the paragraph's first byte (anchored), and
	 * can match nothing (nullable); its first bytes, and when one byte
	 * is not a match alone (single), its first two in the bloom pre;
	 * likewise last and suf for its last ones; every match ends at the
	 * end of the text (eol); a match is the whole text (whole), then of
	 * at most maxlen bytes of alpha; every match holds a byte of each of
	 * the nneedb sets needb.
	 */
	bool shaped, anchored, nullable, eol, whole;
	uint64_t first, single, last;	/* classes, as in struct shape */
	struct bloom pre, suf;
	int nneedb;
	size_t maxlen;
	struct bset alpha;
	struct bset needb[NEED_BYTES];
	/*
	 * Strings every match contains one of each set of (need_sets); NULL
	 * until a paragraph first asks (the filters are worked out then).
	 */
	char *need;
	size_t nneed;		/* strings in need */
	uint8_t stage;		/* filters worked out: 0 none, 1 shape,
				 * 2 strings too */
};

struct def {
	char *name;
	char *text;		/* expanded, without the parentheses */
};

struct boiler {
	struct rule *rule;
	size_t nrule, caprule;
	struct def *def;
	size_t ndef, capdef;
	locale_t c_locale;	/* (locale_t)0 if it could not be made */
	bool unfiltered;	/* boiler_unfiltered() */
};

static int parse(struct boiler *b, const char *name, const char *buf,
		 size_t len, bool trusted, struct vs_error *err);
static char *need_sets(const char *p, size_t *nstr);

/*
 * The definition of {month}: every month of lexicon.h, its name and its
 * abbreviations, then an optional full stop.  NUL-terminated, malloc'd.
 */
static char *
month_definition(size_t *len)
{
	size_t cap = 32 * LEXICON_MONTHS + 32, n, m, k;
	char *buf = xmalloc(cap);
	const char *sep = "";

	n = (size_t)snprintf(buf, cap, "@month (");
	for (m = 0; m < LEXICON_MONTHS; m++) {
		const struct lexicon_month *x = &lexicon_months[m];

		n += (size_t)snprintf(buf + n, cap - n, "%s%s", sep, x->name);
		sep = "|";
		for (k = 0; k < 2 && x->abbr[k] != NULL; k++)
			n += (size_t)snprintf(buf + n, cap - n, "|%s",
			    x->abbr[k]);
	}
	n += (size_t)snprintf(buf + n, cap - n, ")\\.?\n");
	*len = n;
	return buf;
}

struct boiler *
boiler_new(void)
{
	struct boiler *b = xcalloc(1, sizeof *b);
	size_t len;
	char *month = month_definition(&len);

	b->c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	/* Patterns ignore case: "Sept." is {month} as "sept" is. */
	parse(b, "built-in", month, len, true, NULL);
	free(month);
	return b;
}

struct boiler *
boiler_new_builtin(void)
{
	struct boiler *b = boiler_new();

	/*
	 * Cannot fail: tests/engine/test-boiler.c parses the list and
	 * compiles every rule (boiler_check).  So its patterns are not
	 * compiled here but when a paragraph first needs them.
	 */
	parse(b, "built-in", boiler_builtin_text, boiler_builtin_len, true,
	    NULL);
	return b;
}

static void
rules_free(struct rule *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(r[i].label);
		free(r[i].pattern);
		free(r[i].need);
		if (r[i].compiled)
			regfree(&r[i].re);
	}
	free(r);
}

static void
defs_free(struct def *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(d[i].name);
		free(d[i].text);
	}
	free(d);
}

void
boiler_free(struct boiler *b)
{
	if (b == NULL)
		return;
	rules_free(b->rule, b->nrule);
	defs_free(b->def, b->ndef);
	if (b->c_locale != (locale_t)0)
		freelocale(b->c_locale);
	free(b);
}

size_t
boiler_count(const struct boiler *b)
{
	return b->nrule;
}

/* --- parsing ------------------------------------------------------------- */

/* What one buffer adds, before it is committed. */
struct pending {
	struct rule *rule;
	size_t nrule, caprule;
	struct def *def;
	size_t ndef, capdef;
	char *out;		/* the expanded pattern being built */
	size_t olen, ocap;
	bool trusted;		/* the built-in list: patterns known good */
	char msg[sizeof ((struct vs_error *)0)->msg];
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Is "\c" no literal c but a back-reference or one of glibc's escapes:
 * \w \W \s \S (a byte of a class), \b \B \< \> \` \' (anchors)?
 */
static bool
is_gnu_escape(char c)
{
	return is_alpha(c) || is_digit(c) || c == '`' || c == '\'' ||
	    c == '<' || c == '>';
}

/* A label: a letter, then letters, digits, "-" and "_". */
static bool
is_label(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > BOILER_LABEL_MAX || !is_alpha(s[0]))
		return false;
	for (i = 1; i < n; i++)
		if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '-' &&
		    s[i] != '_')
			return false;
	return true;
}

static bool
is_name_char(char c)
{
	return is_alpha(c) || is_digit(c) || c == '_';
}

/* The definition of name[0 .. n-1], newest first, pending ones first. */
static const struct def *
def_find(const struct boiler *b, const struct pending *pd, const char *name,
	 size_t n)
{
	size_t i;

	for (i = pd->ndef; i > 0; i--)
		if (strlen(pd->def[i - 1].name) == n &&
		    memcmp(pd->def[i - 1].name, name, n) == 0)
			return &pd->def[i - 1];
	for (i = b->ndef; i > 0; i--)
		if (strlen(b->def[i - 1].name) == n &&
		    memcmp(b->def[i - 1].name, name, n) == 0)
			return &b->def[i - 1];
	return NULL;
}

static bool
out_append(struct pending *pd, const char *s, size_t n)
{
	if (pd->olen + n > BOILER_PATTERN_MAX) {
		snprintf(pd->msg, sizeof pd->msg, "pattern too long");
		return false;
	}
	pd->out = xgrow(pd->out, &pd->ocap, pd->olen + n + 1, 1);
	memcpy(pd->out + pd->olen, s, n);
	pd->olen += n;
	pd->out[pd->olen] = '\0';
	return true;
}

/*
 * Length of the bracket expression starting at s[0] == '[' (n bytes
 * left), by POSIX rules: a "]" right after "[" or "[^" is literal, and
 * "[:", "[.", "[=" open classes that end at ":]", ".]", "=]".  An
 * unterminated one runs to the end; regcomp reports it.
 */
static size_t
bracket_len(const char *s, size_t n)
{
	size_t i = 1;
	char c;

	if (i < n && s[i] == '^')
		i++;
	if (i < n && s[i] == ']')
		i++;
	while (i < n && s[i] != ']') {
		if (s[i] == '[' && i + 1 < n &&
		    (s[i + 1] == ':' || s[i + 1] == '.' || s[i + 1] == '=')) {
			c = s[i + 1];
			for (i += 2; i + 1 < n; i++)
				if (s[i] == c && s[i + 1] == ']')
					break;
			if (i + 1 >= n)
				return n;
			i += 2;
			continue;
		}
		i++;
	}
	return i < n ? i + 1 : n;
}

/* Expand the {name}s of s[0 .. n-1] into pd->out. */
static bool
expand(const struct boiler *b, struct pending *pd, const char *s, size_t n)
{
	size_t i = 0, j, k;
	const struct def *d;

	pd->olen = 0;
	if (!out_append(pd, "", 0))
		return false;
	while (i < n) {
		if (s[i] == '\\' && i + 1 < n && s[i + 1] >= '1' &&
		    s[i + 1] <= '9') {
			/* (.*)(.*)\2\1z took over a minute on one paragraph */
			snprintf(pd->msg, sizeof pd->msg, "back-reference "
			    "'\\%c': matching one can take exponential time",
			    s[i + 1]);
			return false;
		}
		if (s[i] == '\\') {
			k = i + 1 < n ? 2 : 1;
			if (!out_append(pd, s + i, k))
				return false;
			i += k;
			continue;
		}
		if (s[i] == '[') {
			k = bracket_len(s + i, n - i);
			if (!out_append(pd, s + i, k))
				return false;
			i += k;
			continue;
		}
		if (s[i] == '{' && i + 1 < n && (is_alpha(s[i + 1]) ||
		    s[i + 1] == '_')) {
			for (j = i + 1; j < n && is_name_char(s[j]); j++)
				continue;
			if (j < n && s[j] == '}') {
				d = def_find(b, pd, s + i + 1, j - i - 1);
				if (d == NULL) {
					snprintf(pd->msg, sizeof pd->msg,
					    "unknown name {%.*s}",
					    (int)(j - i - 1), s + i + 1);
					return false;
				}
				if (!out_append(pd, "(", 1) ||
				    !out_append(pd, d->text, strlen(d->text)) ||
				    !out_append(pd, ")", 1))
					return false;
				i = j + 1;
				continue;
			}
		}
		if (!out_append(pd, s + i, 1))
			return false;
		i++;
	}
	return true;
}

/* regcomp() in the C locale; see the top of this file. */
static int
compile_c(const struct boiler *b, regex_t *re, const char *p)
{
	locale_t old = (locale_t)0;
	int r;

	if (b->c_locale != (locale_t)0)
		old = uselocale(b->c_locale);
	r = regcomp(re, p, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (old != (locale_t)0)
		uselocale(old);
	return r;
}

/* Compile pattern p; on error leave regerror's text in pd->msg. */
static bool
compile(const struct boiler *b, struct pending *pd, regex_t *re,
	const char *p)
{
	char buf[256];
	int r;

	r = compile_c(b, re, p);
	if (r == 0)
		return true;
	regerror(r, re, buf, sizeof buf);
	snprintf(pd->msg, sizeof pd->msg, "bad pattern: %s", buf);
	return false;
}

static bool
parse_def(const struct boiler *b, struct pending *pd, const char *s,
	  size_t n)
{
	size_t i = 1, name_end;
	regex_t re;
	char *wrapped;
	bool good;

	while (i < n && is_name_char(s[i]))
		i++;
	name_end = i;
	if (name_end == 1 || is_digit(s[1]) || i == n || !is_blank(s[i])) {
		snprintf(pd->msg, sizeof pd->msg, "bad definition");
		return false;
	}
	while (i < n && is_blank(s[i]))
		i++;
	if (!expand(b, pd, s + i, n - i))
		return false;
	if (!pd->trusted) {
		wrapped = xmalloc(pd->olen + 3);
		wrapped[0] = '(';
		memcpy(wrapped + 1, pd->out, pd->olen);
		memcpy(wrapped + 1 + pd->olen, ")", 2);
		good = compile(b, pd, &re, wrapped);
		free(wrapped);
		if (!good)
			return false;
		regfree(&re);
	}
	pd->def = xgrow(pd->def, &pd->capdef, pd->ndef + 1, sizeof *pd->def);
	pd->def[pd->ndef].name = xstrndup(s + 1, name_end - 1);
	pd->def[pd->ndef].text = xstrndup(pd->out, pd->olen);
	pd->ndef++;
	return true;
}

static bool
parse_rule(const struct boiler *b, struct pending *pd, const char *s,
	   size_t n)
{
	size_t i = 0, lend, p;
	struct rule *r;

	while (i < n && !is_blank(s[i]))
		i++;
	lend = i;
	while (i < n && is_blank(s[i]))
		i++;
	p = i;
	if (!is_label(s, lend)) {
		if (p == n) {
			snprintf(pd->msg, sizeof pd->msg,
			    "missing label before the pattern");
		} else {
			/* Quoted in a message: no control characters. */
			char shown[65];
			size_t k;

			for (k = 0; k < lend && k < sizeof shown - 1; k++)
				shown[k] = (unsigned char)s[k] < 0x20 ||
				    s[k] == 0x7f ? '?' : s[k];
			shown[k] = '\0';
			snprintf(pd->msg, sizeof pd->msg, "bad label '%s'",
			    shown);
		}
		return false;
	}
	if (p == n) {
		snprintf(pd->msg, sizeof pd->msg,
		    "missing pattern after '%.*s'", (int)lend, s);
		return false;
	}
	if (!expand(b, pd, s + p, n - p))
		return false;
	pd->rule = xgrow(pd->rule, &pd->caprule, pd->nrule + 1,
	    sizeof *pd->rule);
	r = &pd->rule[pd->nrule];
	memset(r, 0, sizeof *r);
	if (!pd->trusted) {
		if (!compile(b, pd, &r->re, pd->out))
			return false;
		r->compiled = true;
	}
	r->pattern = xstrndup(pd->out, pd->olen);
	r->label = xstrndup(s, lend);
	r->keep = strcmp(r->label, "keep") == 0;
	pd->nrule++;
	return true;
}

/* One line without its end; false with pd->msg set on error. */
static bool
parse_line(const struct boiler *b, struct pending *pd, const char *s,
	   size_t n)
{
	size_t i = 0;

	while (n > 0 && (is_blank(s[n - 1]) || s[n - 1] == '\r'))
		n--;
	while (i < n && is_blank(s[i]))
		i++;
	if (i == n || s[i] == '#')
		return true;
	if (s[i] == '@')
		return parse_def(b, pd, s + i, n - i);
	return parse_rule(b, pd, s + i, n - i);
}

/*
 * Reading a pattern (POSIX extended syntax, regex(7)) to filter the
 * paragraphs a rule is tried on: shape_of() below, and need_sets() for
 * the strings every match holds.  Contract of every filter: it may let
 * through a paragraph that the rule does not match, never hold back one
 * it does; what a reader is not sure of lets every paragraph through.
 */
struct scan {
	const char *p;
	size_t n, i;
	bool ok;
};

/*
 * Text every match contains.  A set of literal strings such that every
 * match of a piece of pattern contains one of them: a run of plain
 * characters is a set of one; a group, the union of a set from each of
 * its alternatives (if each has one); a sequence, any set of a piece it
 * cannot do without.  Of a rule's top-level pieces, up to NEED_SETS
 * sets are kept, each looked for case aside: "byline ^{name}'s (photo|
 * avatar|...)" needs "photo" or "avatar" ..., and "'s ".  Contract as for
 * shape_of: a paragraph that has none of a set cannot match.
 */
#define NEED_SETS	4
#define NEED_DIRECT	4	/* strings looked for without pairs_seen */
#define NEED_MIN	3	/* shorter strings are no filter */
#define LITS_MAX	24

struct lits {
	int n;			/* strings; -1: no set */
	size_t len;
	char buf[400];		/* the strings, each NUL-terminated */
};

static void
lits_none(struct lits *l)
{
	l->n = -1;
	l->len = 0;
}

/* A set as good as or better than another: longer shortest string. */
static size_t
lits_min(const struct lits *l)
{
	size_t i, k, m = SIZE_MAX;

	for (i = 0, k = 0; (int)k < l->n; k++) {
		size_t n = strlen(l->buf + i);

		m = n < m ? n : m;
		i += n + 1;
	}
	return l->n > 0 ? m : 0;
}

/* Add the strings of l to u; u becomes no set when it is too big. */
static void
lits_union(struct lits *u, const struct lits *l)
{
	if (u->n < 0 || l->n < 0 || u->n + l->n > LITS_MAX ||
	    u->len + l->len > sizeof u->buf) {
		lits_none(u);
		return;
	}
	memcpy(u->buf + u->len, l->buf, l->len);
	u->len += l->len;
	u->n += l->n;
}

static void
lits_one(struct lits *l, const char *s, size_t n)
{
	l->n = 1;
	memcpy(l->buf, s, n);
	l->buf[n] = '\0';
	l->len = n + 1;
}

/* Keep cand in *best when it is better; count and list it in need. */
static void
lits_offer(struct lits *best, const struct lits *cand, struct lits *need,
	   int *nneed)
{
	if (cand->n <= 0 || lits_min(cand) < NEED_MIN)
		return;
	if (best->n <= 0 || lits_min(cand) > lits_min(best))
		*best = *cand;
	if (need != NULL && *nneed < NEED_SETS)
		need[(*nneed)++] = *cand;
}

static void lits_alt(struct scan *f, struct lits *out);

/*
 * The pieces of one alternative, up to "|", ")" or the end: its best set
 * in *best, and (at the top level) every usable set in need.
 */
static void
lits_seq(struct scan *f, struct lits *best, struct lits *need, int *nneed)
{
	char run[sizeof ((struct lits *)0)->buf];
	size_t nrun = 0, next;
	struct lits cand, inner;
	const char *p = f->p;
	char c;
	bool literal, optional, repeated;

	lits_none(best);
	for (;;) {
		c = f->i < f->n ? p[f->i] : '\0';
		literal = false;
		next = f->i + 1;
		if (f->i >= f->n || c == '|' || c == ')') {
			if (nrun > 0) {
				lits_one(&cand, run, nrun);
				lits_offer(best, &cand, need, nneed);
			}
			return;
		}
		if (c == '\\') {
			literal = f->i + 1 < f->n &&
			    !is_gnu_escape(p[f->i + 1]);
			c = f->i + 1 < f->n ? p[f->i + 1] : c;
			next = f->i + 2;
		} else if (c == '(') {
			f->i++;
			lits_alt(f, &inner);
			if (f->i < f->n && p[f->i] == ')')
				f->i++;
			next = f->i;
		} else if (c == '[') {
			next = f->i + bracket_len(p + f->i, f->n - f->i);
		} else if (strchr(".^$*+?{}", c) == NULL) {
			literal = true;
		}
		optional = next < f->n && (p[next] == '*' || p[next] == '?' ||
		    (p[next] == '{' && next + 1 < f->n && p[next + 1] == '0'));
		repeated = next < f->n && (p[next] == '+' || p[next] == '{');
		if (literal && !optional && nrun + 1 < sizeof run)
			run[nrun++] = c;
		if (!literal || optional || repeated) {
			if (nrun > 0) {
				lits_one(&cand, run, nrun);
				lits_offer(best, &cand, need, nneed);
			}
			nrun = 0;
		}
		if (c == '(' && !literal && !optional)
			lits_offer(best, &inner, need, nneed);
		f->i = next;
		/* The repetition after the piece. */
		while (f->i < f->n && strchr("*+?{", p[f->i]) != NULL) {
			if (p[f->i] == '{')
				while (f->i < f->n && p[f->i] != '}')
					f->i++;
			if (f->i < f->n)
				f->i++;
		}
	}
}

/* Alternatives up to ")" or the end: the union of their best sets. */
static void
lits_alt(struct scan *f, struct lits *out)
{
	struct lits b;

	out->n = 0;
	out->len = 0;
	for (;;) {
		lits_seq(f, &b, NULL, NULL);
		lits_union(out, &b);
		if (f->i >= f->n || f->p[f->i] != '|')
			return;
		f->i++;
	}
}

/*
 * The sets of pattern p, into need (each string NUL-terminated, each set
 * ended by an empty string, the list by another).  A pattern with "|" at
 * its top level gets the union of its alternatives as its only set.
 */
static char *
need_sets(const char *p, size_t *nstr)
{
	struct scan f = { p, strlen(p), 0, true };
	struct lits need[NEED_SETS], best, all;
	int nneed = 0, k;
	size_t len = 0;
	char *out;

	lits_seq(&f, &best, need, &nneed);
	if (f.i < f.n && p[f.i] == '|') {
		/* Alternatives at the top: one set, their union. */
		f.i = 0;
		lits_alt(&f, &all);
		nneed = 0;
		if (all.n > 0 && lits_min(&all) >= NEED_MIN)
			need[nneed++] = all;
	}
	for (k = 0; k < nneed; k++)
		len += need[k].len + 1;
	out = xmalloc(len + 1);
	len = 0;
	for (k = 0; k < nneed; k++) {
		memcpy(out + len, need[k].buf, need[k].len);
		len += need[k].len;
		out[len++] = '\0';
	}
	out[len] = '\0';
	*nstr = 0;
	for (k = 0; k < nneed; k++)
		*nstr += (size_t)need[k].n;
	for (k = 0; (size_t)k < len; k++)
		if (out[k] >= 'A' && out[k] <= 'Z')
			out[k] = (char)(out[k] + 'a' - 'A');
	return out;
}

/*
 * The pairs of adjacent bytes of a paragraph's text, hashed into bits:
 * a string with a pair missing there is not in the text, and is not
 * looked for.  Made for a paragraph when a rule of many strings first
 * needs it.
 */
struct pairs_seen {
	uint64_t bit[64];
};

static unsigned
seen_hash(unsigned char c1, unsigned char c2)
{
	return ((unsigned)c1 * 67u + c2) & 4095u;
}

static bool
may_hold(const struct pairs_seen *ps, const char *str)
{
	size_t i;
	unsigned h;

	for (i = 0; str[i] != '\0' && str[i + 1] != '\0'; i++) {
		h = seen_hash((unsigned char)str[i], (unsigned char)str[i + 1]);
		if (!(ps->bit[h >> 6] & (UINT64_C(1) << (h & 63))))
			return false;
	}
	return true;
}

/*
 * Does s hold a string of each set of need (see need_sets)?  Both are
 * lower case (ASCII letters only, as the rules' REG_ICASE in the C
 * locale), so strstr does; ps (NULL: not made) spares the strstr of most
 * strings that are not there.
 */
static bool
has_needed(const char *s, const char *need, const struct pairs_seen *ps)
{
	bool found;

	while (*need != '\0') {
		for (found = false; *need != '\0'; need += strlen(need) + 1)
			if (!found && (ps == NULL || may_hold(ps, need)) &&
			    strstr(s, need) != NULL)
				found = true;
		if (!found)
			return false;
		need++;
	}
	return true;
}

/*
 * The shape of a rule: what a paragraph can be tested for before its rule
 * is compiled or run, worked out by one reading of the pattern.
 *   - first bytes: a rule anchored at the start ("^" first, no "|" at its
 *     top) and that cannot match nothing only matches a paragraph that
 *     starts with a byte a match can start with: a paragraph is tried
 *     against the few rules that can start with its first letter;
 *   - first and last pairs: the first two bytes of such a paragraph must
 *     be those of a match too (or its first byte a whole match), and so
 *     must the last two of a paragraph that a match must end (below):
 *     "^{stamps}$" is not tried on prose that starts "The" or ends "l.";
 *   - eol: every match ends at the end of the text ("...$", or a last
 *     group whose every alternative does), so the rule cannot match a
 *     paragraph cut at BOILER_MATCH_MAX (REG_NOTEOL);
 *   - for a rule anchored at both ends, whose match is then the whole
 *     text: the bytes a match may hold (alpha) and its greatest length
 *     (maxlen), so "Home | World | Business" rules out every paragraph
 *     with a full stop, a time stamp every paragraph longer than one;
 *   - up to NEED_BYTES sets of bytes of which every match holds one
 *     ("/" of a picture agency's credit, a digit of a date): a piece
 *     that cannot be left out needs one of the bytes it can start with.
 * Byte sets are 256 bits, as is the set of bytes present in a paragraph;
 * sets of pairs are blooms.  Literal characters count in both cases (the
 * rules ignore case), a bracket expression its members, "." anything; a
 * negated bracket or a class may be any byte, one of GNU's backslash
 * escapes any byte or none, a back-reference anything.  A pattern it
 * cannot read makes it give up: the rule is then tried on every paragraph.
 */

struct shape {
	struct bset alpha;	/* bytes a match may hold */
	size_t maxlen;		/* SIZE_MAX: no bound */
	bool eol;		/* every match ends at the end of the text */
	bool nullable;		/* may match the empty string */
	bool has_need;		/* need: a match holds one of these bytes */
	struct bset need;
	unsigned need_cost;	/* bset_cost(&need) */
	bool need_digit;	/* a match holds a digit */
	int nbranch;		/* alternatives at its top */
	/* the classes (byte_class) of bytes, a bit each: */
	uint64_t first;		/* that a match of one or more may start with */
	uint64_t single;	/* that may be a match alone */
	uint64_t last;		/* that a match of one or more may end with */
	struct bloom pre;	/* first two bytes of a match of two or more */
	struct bloom suf;	/* last two bytes of a match of two or more */
};

struct needs {
	struct bset set[NEED_BYTES];
	unsigned cost[NEED_BYTES];	/* bset_cost */
	int n;
};

static void
bset_add(struct bset *s, unsigned char c)
{
	s->w[c >> 6] |= UINT64_C(1) << (c & 63);
	if (is_alpha((char)c))
		s->w[(c ^ 0x20) >> 6] |= UINT64_C(1) << ((c ^ 0x20) & 63);
}

static void
bset_all(struct bset *s)
{
	memset(s->w, 0xff, sizeof s->w);
}

static void
bset_or(struct bset *s, const struct bset *t)
{
	int k;

	for (k = 0; k < 4; k++)
		s->w[k] |= t->w[k];
}

/* Bits set in x. */
static unsigned
popcount64(uint64_t x)
{
	x -= (x >> 1) & UINT64_C(0x5555555555555555);
	x = (x & UINT64_C(0x3333333333333333)) +
	    ((x >> 2) & UINT64_C(0x3333333333333333));
	x = (x + (x >> 4)) & UINT64_C(0x0f0f0f0f0f0f0f0f);
	return (unsigned)((x * UINT64_C(0x0101010101010101)) >> 56);
}

static bool
bset_has(const struct bset *s, unsigned char c)
{
	return (s->w[c >> 6] >> (c & 63)) & 1u;
}

/*
 * The class of byte c in a bloom: 0-25 a letter, either case; 26-35 a
 * digit; 36-53 a space or one of . , : - / ( ) | ' " ! ? ; & > _ *; 54-55
 * another ASCII byte; 56-63 a byte of UTF-8, by its low three bits.
 */
static const char class_punct[] = " .,:-/()|'\"!?;&>_*";

static unsigned
byte_class(unsigned char c)
{
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= '0' && c <= '9')
		return 26u + (c - '0');
	if (c >= 0x80)
		return 56u + (c & 7u);
	switch (c) {
	case ' ': return 36;
	case '.': return 37;
	case ',': return 38;
	case ':': return 39;
	case '-': return 40;
	case '/': return 41;
	case '(': return 42;
	case ')': return 43;
	case '|': return 44;
	case '\'': return 45;
	case '"': return 46;
	case '!': return 47;
	case '?': return 48;
	case ';': return 49;
	case '&': return 50;
	case '>': return 51;
	case '_': return 52;
	case '*': return 53;
	}
	return 54u + (c & 1u);
}

/* The classes of the bytes of s, a bit each. */
static uint64_t
class_mask(const struct bset *s)
{
	uint64_t m, x, rest0, rest1;
	unsigned char c;
	size_t i;

	m = ((s->w[1] >> 1) | (s->w[1] >> 33)) & UINT64_C(0x3ffffff);
	m |= ((s->w[0] >> 48) & UINT64_C(0x3ff)) << 26;
	rest0 = s->w[0] & ~DIGITS;
	rest1 = s->w[1] & ~UINT64_C(0x7fffffe) & ~(UINT64_C(0x7fffffe) << 32);
	for (i = 0; class_punct[i] != '\0'; i++) {
		c = (unsigned char)class_punct[i];
		if (bset_has(s, c))
			m |= UINT64_C(1) << (36 + i);
		if (c < 64)
			rest0 &= ~(UINT64_C(1) << c);
		else
			rest1 &= ~(UINT64_C(1) << (c - 64));
	}
	if ((rest0 | rest1) & UINT64_C(0x5555555555555555))
		m |= UINT64_C(1) << 54;
	if ((rest0 | rest1) & UINT64_C(0xaaaaaaaaaaaaaaaa))
		m |= UINT64_C(1) << 55;
	x = s->w[2] | s->w[3];
	x |= x >> 32;
	x |= x >> 16;
	x |= x >> 8;
	return m | (x & 0xff) << 56;
}

static void
bloom_clear(struct bloom *b)
{
	b->all = false;
	b->rows = 0;
}

/* The index of the lowest bit set in m (not 0). */
static unsigned
low_bit(uint64_t m)
{
#if defined(__GNUC__)
	return (unsigned)__builtin_ctzll(m);
#else
	return popcount64((m & (~m + 1)) - 1);
#endif
}

static bool
bloom_has(const struct bloom *b, unsigned char c1, unsigned char c2)
{
	unsigned k = byte_class(c1);

	return b->all || (((b->rows >> k) & 1u) &&
	    ((b->w[k] >> byte_class(c2)) & 1u));
}

/* Row k of b gets the pairs m. */
static void
bloom_row(struct bloom *b, unsigned k, uint64_t m)
{
	if ((b->rows >> k) & 1u) {
		b->w[k] |= m;
	} else {
		b->w[k] = m;
		b->rows |= UINT64_C(1) << k;
	}
}

static void
bloom_or(struct bloom *b, const struct bloom *c)
{
	uint64_t m;
	unsigned k;

	if (b->all)
		return;
	if (c->all) {
		b->all = true;
		return;
	}
	for (m = c->rows; m != 0; m &= m - 1) {
		k = low_bit(m);
		bloom_row(b, k, c->w[k]);
	}
}

/* b = c, reading only the rows in use. */
static void
bloom_copy(struct bloom *b, const struct bloom *c)
{
	uint64_t m;
	unsigned k;

	b->all = c->all;
	b->rows = c->rows;
	for (m = c->rows; m != 0 && !c->all; m &= m - 1) {
		k = low_bit(m);
		b->w[k] = c->w[k];
	}
}

/* Every pair of a byte of classes m1 then one of classes m2, into b. */
static void
bloom_product(struct bloom *b, uint64_t m1, uint64_t m2)
{
	if (b->all || m2 == 0)
		return;
	for (; m1 != 0; m1 &= m1 - 1)
		bloom_row(b, low_bit(m1), m2);
}

/*
 * How likely a paragraph of prose is to hold a byte of s, roughly: the
 * filters keep the sets least likely (a space or an "e" rules out
 * nothing; "/" or a digit rules out most paragraphs).  The paragraph's
 * bytes are in lower case, so capitals do not count.  By classes of
 * bytes: a space 1000, a full stop or comma 800, one of the dozen most
 * common letters 400, another letter 100, a digit 20, any other byte 10.
 */
static unsigned
bset_cost(const struct bset *s)
{
	const uint64_t space = UINT64_C(1) << ' ',
	    stops = (UINT64_C(1) << ',') | (UINT64_C(1) << '.'),
	    digits = UINT64_C(0x03ff000000000000),
	    upper = UINT64_C(0x07fffffe),		/* A-Z in w[1] */
	    lower = UINT64_C(0x07fffffe) << 32,	/* a-z in w[1] */
	    common = (UINT64_C(1) << ('e' - 64)) | (UINT64_C(1) << ('t' - 64)) |
		(UINT64_C(1) << ('a' - 64)) | (UINT64_C(1) << ('o' - 64)) |
		(UINT64_C(1) << ('i' - 64)) | (UINT64_C(1) << ('n' - 64)) |
		(UINT64_C(1) << ('s' - 64)) | (UINT64_C(1) << ('h' - 64)) |
		(UINT64_C(1) << ('r' - 64)) | (UINT64_C(1) << ('d' - 64)) |
		(UINT64_C(1) << ('l' - 64)) | (UINT64_C(1) << ('c' - 64)) |
		(UINT64_C(1) << ('u' - 64));
	uint64_t w0 = s->w[0], w1 = s->w[1] & ~upper;

	return 1000 * popcount64(w0 & space) + 800 * popcount64(w0 & stops) +
	    20 * popcount64(w0 & digits) +
	    10 * popcount64(w0 & ~(space | stops | digits)) +
	    400 * popcount64(w1 & common) +
	    100 * popcount64(w1 & lower & ~common) +
	    10 * popcount64(w1 & ~lower) +
	    10 * (popcount64(s->w[2]) + popcount64(s->w[3]));
}

/* bset_cost of a byte in both cases, without making its set. */
static unsigned
byte_cost(unsigned char c)
{
	/* e t a o i n s h r d l c u, by their places in the alphabet */
	const uint32_t common = (1u << 4) | (1u << 19) | (1u << 0) |
	    (1u << 14) | (1u << 8) | (1u << 13) | (1u << 18) | (1u << 7) |
	    (1u << 17) | (1u << 3) | (1u << 11) | (1u << 2) | (1u << 20);

	if (c >= 'A' && c <= 'Z')
		c = (unsigned char)(c + 'a' - 'A');
	if (c >= 'a' && c <= 'z')
		return (common >> (c - 'a')) & 1u ? 400 : 100;
	if (c == ' ')
		return 1000;
	if (c == ',' || c == '.')
		return 800;
	return is_digit((char)c) ? 20 : 10;
}

/* Lengths, SIZE_MAX for no bound. */
static size_t
len_add(size_t a, size_t b)
{
	return a == SIZE_MAX || b == SIZE_MAX || a + b < a ? SIZE_MAX : a + b;
}

static size_t
len_mul(size_t a, size_t k)
{
	if (a == 0 || k == 0)
		return 0;
	return a == SIZE_MAX || k == SIZE_MAX || a > SIZE_MAX / k - 1 ?
	    SIZE_MAX : a * k;
}

/*
 * Keep the NEED_BYTES sets of least cost; a set of nearly every byte is
 * no filter.  c is bset_cost(s): a piece of pattern knows its cost
 * already, and working it out again for every piece was a third of
 * reading a long pattern's shape.
 */
static void
needs_add_cost(struct needs *nd, const struct bset *s, unsigned c)
{
	int k, worst = 0;

	if (c == 0 || c >= 3000)
		return;
	for (k = 0; k < nd->n; k++)
		if (memcmp(&nd->set[k], s, sizeof *s) == 0)
			return;
	if (nd->n < NEED_BYTES) {
		nd->cost[nd->n] = c;
		nd->set[nd->n++] = *s;
		return;
	}
	for (k = 1; k < nd->n; k++)
		if (nd->cost[k] > nd->cost[worst])
			worst = k;
	if (c < nd->cost[worst]) {
		nd->cost[worst] = c;
		nd->set[worst] = *s;
	}
}

static void
needs_add(struct needs *nd, const struct bset *s)
{
	needs_add_cost(nd, s, bset_cost(s));
}

/*
 * A bracket expression at f->p[f->i] == '[': the bytes it matches, or
 * more.  A negated one is the complement of its list only when the list
 * holds no letter, range or class (case and ranges aside, the complement
 * is exact); otherwise any byte.
 */
static void
shape_bracket(struct scan *f, struct bset *s)
{
	size_t len = bracket_len(f->p + f->i, f->n - f->i), j, e, start = 1;
	const unsigned char *q = (const unsigned char *)f->p + f->i;
	struct bset list;
	unsigned c;
	int k;

	f->i += len;
	memset(s, 0, sizeof *s);
	if (len < 3 || q[len - 1] != ']') {
		f->ok = false;
		return;
	}
	e = len - 1;
	if (q[1] == '^')
		start = 2;
	memset(&list, 0, sizeof list);
	for (j = start; j < e; j++) {
		if (q[j] == '[' && j + 1 < e &&
		    (q[j + 1] == ':' || q[j + 1] == '.' || q[j + 1] == '=')) {
			bset_all(s);
			return;
		}
		if (start == 2 && (is_alpha((char)q[j]) ||
		    (j + 2 < e && q[j + 1] == '-'))) {
			bset_all(s);
			return;
		}
		if (j + 2 < e && q[j + 1] == '-') {
			for (c = q[j]; c <= q[j + 2]; c++)
				bset_add(&list, (unsigned char)c);
			j += 2;
			continue;
		}
		bset_add(&list, q[j]);
	}
	if (start == 1) {
		*s = list;
		return;
	}
	for (k = 0; k < 4; k++)
		s->w[k] = ~list.w[k];
	s->w[0] &= ~UINT64_C(1);	/* never NUL */
}

static void shape_regex(struct scan *f, struct shape *out, struct needs *nd);


/* A one-byte piece needs one of the bytes it matches. */
static void
need_alpha(struct shape *out, unsigned cost)
{
	const struct bset *s = &out->alpha;

	out->need = *s;
	out->has_need = true;
	out->need_cost = cost;
	out->need_digit = (s->w[0] & ~DIGITS) == 0 && s->w[0] != 0 &&
	    (s->w[1] | s->w[2] | s->w[3]) == 0;
}

/* A bound of an interval at f->i: its digits, or `none` if there are none. */
static size_t
interval_bound(struct scan *f, size_t none)
{
	size_t v = 0;
	bool any = false;

	while (f->i < f->n && is_digit(f->p[f->i])) {
		v = v > 100000 ? v : v * 10 + (size_t)(f->p[f->i] - '0');
		any = true;
		f->i++;
	}
	return any ? v : none;
}

/* One atom and its repetitions; the sets it needs at the top into nd. */
static void
shape_piece(struct scan *f, struct shape *out, struct needs *nd)
{
	const char *p = f->p;
	unsigned char c = (unsigned char)p[f->i];
	const unsigned char atom = c;
	uint64_t cls = ~UINT64_C(0);	/* the classes of a one-byte atom */
	struct needs inner;
	size_t lo = 1, hi = 1, m, x;
	int k;

	inner.n = 0;		/* only n: the sets are filled as needed */
	memset(out, 0, offsetof(struct shape, pre));
	bloom_clear(&out->pre);
	bloom_clear(&out->suf);
	switch (c) {
	case '(':
		f->i++;
		shape_regex(f, out, &inner);
		if (f->i < f->n && p[f->i] == ')')
			f->i++;
		else
			f->ok = false;
		break;
	case '[':
		shape_bracket(f, &out->alpha);
		out->maxlen = 1;
		need_alpha(out, bset_cost(&out->alpha));
		cls = class_mask(&out->alpha);
		break;
	case '.':
		bset_all(&out->alpha);
		out->maxlen = 1;
		f->i++;
		break;
	case '^':
	case '$':
		out->nullable = true;
		out->eol = c == '$';
		f->i++;
		break;
	case '\\':
		if (f->i + 1 >= f->n) {
			f->ok = false;
			f->i = f->n;
			return;
		}
		if (is_digit(p[f->i + 1])) {
			/* a back-reference: anything, or nothing */
			bset_all(&out->alpha);
			out->maxlen = SIZE_MAX;
			out->nullable = true;
			out->pre.all = out->suf.all = true;
		} else if (is_gnu_escape(p[f->i + 1])) {
			/* a GNU escape: one byte of any kind, or none */
			bset_all(&out->alpha);
			out->maxlen = 1;
			out->nullable = true;
		} else {
			bset_add(&out->alpha, (unsigned char)p[f->i + 1]);
			out->maxlen = 1;
			need_alpha(out, byte_cost((unsigned char)p[f->i + 1]));
			cls = UINT64_C(1) << byte_class((unsigned char)p[f->i + 1]);
		}
		f->i += 2;
		break;
	case '*':
	case '+':
	case '?':
	case '{':
	case '|':
	case ')':
		f->ok = false;
		f->i = f->n;
		return;
	default:
		bset_add(&out->alpha, c);
		out->maxlen = 1;
		need_alpha(out, byte_cost(c));
		cls = UINT64_C(1) << byte_class(c);
		f->i++;
		break;
	}
	while (f->ok && f->i < f->n && (p[f->i] == '*' || p[f->i] == '+' ||
	    p[f->i] == '?' || p[f->i] == '{')) {
		c = (unsigned char)p[f->i++];
		if (c == '*' || c == '?') {
			lo = 0;
			hi = c == '*' ? SIZE_MAX : hi;
		} else if (c == '+') {
			hi = SIZE_MAX;
		} else {
			if (f->i >= f->n || (!is_digit(p[f->i]) &&
			    p[f->i] != ',')) {
				f->ok = false;
				return;
			}
			m = interval_bound(f, 0);
			x = m;
			if (f->i < f->n && p[f->i] == ',') {
				f->i++;
				x = interval_bound(f, SIZE_MAX);
			}
			if (f->i >= f->n || p[f->i] != '}') {
				f->ok = false;
				return;
			}
			f->i++;
			lo = len_mul(lo, m);
			hi = len_mul(hi, x);
		}
	}
	out->maxlen = len_mul(out->maxlen, hi);
	if (atom != '(' && atom != '^' && atom != '$') {
		/* an atom of one byte, or a back-reference */
		out->first = out->single = out->last = cls;
	}
	if (hi == 0) {
		/* "x{0}": nothing but the empty string */
		out->first = out->single = out->last = 0;
		bloom_clear(&out->pre);
		bloom_clear(&out->suf);
	} else if (hi >= 2) {
		/* two of it in a row */
		bloom_product(&out->pre, out->single, out->first);
		bloom_product(&out->suf, out->last, out->single);
	}
	if (lo == 0) {
		out->nullable = true;
		out->eol = false;
		out->has_need = false;
		out->need_digit = false;
		return;
	}
	for (k = 0; nd != NULL && k < inner.n; k++)
		needs_add_cost(nd, &inner.set[k], inner.cost[k]);
}

/* Is f->p[f->i] a character standing for itself, once? */
static bool
plain_literal(const struct scan *f)
{
	char c = f->p[f->i], next = f->i + 1 < f->n ? f->p[f->i + 1] : '\0';

	switch (c) {
	case '(': case ')': case '[': case ']': case '.': case '^': case '$':
	case '|': case '*': case '+': case '?': case '{': case '}': case '\\':
		return false;
	}
	return next != '*' && next != '+' && next != '?' && next != '{';
}

/*
 * Append that character to the sequence out, as shape_branch appends a
 * piece (shape_piece's "default" case), without a struct shape for it:
 * most of a pattern is such characters.  *sa, *sb as in shape_branch.
 */
static void
literal_append(struct scan *f, struct shape *out, struct needs *nd,
	       uint64_t *sa, uint64_t *sb)
{
	unsigned char c = (unsigned char)f->p[f->i++];
	uint64_t cls = UINT64_C(1) << byte_class(c);
	unsigned cost = byte_cost(c);
	struct bset one = { { 0, 0, 0, 0 } };

	bset_add(&one, c);
	bloom_product(&out->pre, out->single, cls);
	bloom_clear(&out->suf);
	*sa = out->last;
	*sb = cls;
	if (out->nullable)
		out->first |= cls;
	out->single = out->nullable ? cls : 0;
	out->last = cls;
	bset_or(&out->alpha, &one);
	out->maxlen = len_add(out->maxlen, 1);
	out->eol = false;
	out->nullable = false;
	out->need_digit = out->need_digit || is_digit((char)c);
	if (!out->has_need || cost < out->need_cost) {
		out->need = one;
		out->need_cost = cost;
		out->has_need = true;
	}
	if (nd != NULL)
		needs_add_cost(nd, &one, cost);
}

/* A sequence of pieces, up to "|", an unmatched ")" or the end. */
static void
shape_branch(struct scan *f, struct shape *out, struct needs *nd)
{
	struct shape pc;
	uint64_t sa = 0, sb = 0;	/* out->suf lacks their product yet */

	memset(out, 0, offsetof(struct shape, pre));
	bloom_clear(&out->pre);
	bloom_clear(&out->suf);
	out->nullable = true;
	while (f->ok && f->i < f->n && f->p[f->i] != '|' &&
	       f->p[f->i] != ')') {
		if (plain_literal(f)) {
			literal_append(f, out, nd, &sa, &sb);
			continue;
		}
		shape_piece(f, &pc, nd);
		/*
		 * The pairs across the join.  The last pairs of a piece that
		 * cannot be left out are its own, or a last byte of out then
		 * its one byte: worked out when the next piece may be left
		 * out, or at the end, as most pieces are single bytes.
		 */
		if (out->nullable)
			bloom_or(&out->pre, &pc.pre);
		bloom_product(&out->pre, out->single, pc.first);
		if (pc.nullable) {
			bloom_product(&out->suf, sa, sb);
			bloom_or(&out->suf, &pc.suf);
		} else if (pc.suf.rows != 0 || pc.suf.all) {
			bloom_copy(&out->suf, &pc.suf);
		} else {
			bloom_clear(&out->suf);
		}
		sa = out->last;
		sb = pc.single;
		if (out->nullable)
			out->first |= pc.first;
		out->single = (pc.nullable ? out->single : 0) |
		    (out->nullable ? pc.single : 0);
		out->last = pc.last | (pc.nullable ? out->last : 0);
		bset_or(&out->alpha, &pc.alpha);
		out->maxlen = len_add(out->maxlen, pc.maxlen);
		out->eol = pc.eol;
		out->nullable = out->nullable && pc.nullable;
		out->need_digit = out->need_digit || pc.need_digit;
		if (pc.has_need && (!out->has_need ||
		    pc.need_cost < out->need_cost)) {
			out->need = pc.need;
			out->need_cost = pc.need_cost;
			out->has_need = true;
		}
		if (pc.has_need && nd != NULL)
			needs_add_cost(nd, &pc.need, pc.need_cost);
	}
	bloom_product(&out->suf, sa, sb);
}

/*
 * Alternatives, up to an unmatched ")" or the end.  The sets needed by
 * the pieces of a lone alternative go into nd; of several alternatives,
 * the union of a set from each.
 */
static void
shape_regex(struct scan *f, struct shape *out, struct needs *nd)
{
	struct needs one;
	struct shape br;
	int nbranch = 1, k;

	one.n = 0;

	shape_branch(f, out, &one);
	while (f->ok && f->i < f->n && f->p[f->i] == '|') {
		f->i++;
		shape_branch(f, &br, NULL);
		nbranch++;
		bset_or(&out->alpha, &br.alpha);
		out->maxlen = br.maxlen > out->maxlen ? br.maxlen :
		    out->maxlen;
		out->eol = out->eol && br.eol;
		out->nullable = out->nullable || br.nullable;
		out->first |= br.first;
		out->single |= br.single;
		out->last |= br.last;
		bloom_or(&out->pre, &br.pre);
		bloom_or(&out->suf, &br.suf);
		out->need_digit = out->need_digit && br.need_digit;
		if (out->has_need && br.has_need)
			bset_or(&out->need, &br.need);
		else
			out->has_need = false;
	}
	out->nbranch = nbranch;
	if (nbranch > 1 && out->has_need)
		out->need_cost = bset_cost(&out->need);
	if (nd == NULL)
		return;
	if (out->need_digit) {
		struct bset digits = { { DIGITS, 0, 0, 0 } };

		needs_add(nd, &digits);
	}
	if (nbranch == 1)
		for (k = 0; k < one.n; k++)
			needs_add_cost(nd, &one.set[k], one.cost[k]);
	else if (out->has_need)
		needs_add_cost(nd, &out->need, out->need_cost);
}

/* The shape of pattern p; false when it could not be read. */
static bool
shape_of(const char *p, struct shape *sh, struct needs *nd)
{
	struct scan f = { p, strlen(p), 0, true };

	nd->n = 0;
	shape_regex(&f, sh, nd);
	if (!f.ok || f.i != f.n) {
		nd->n = 0;
		return false;
	}
	return true;
}

static bool rule_ready(const struct boiler *b, struct rule *r);

static int
parse(struct boiler *b, const char *name, const char *buf, size_t len,
      bool trusted, struct vs_error *err)
{
	struct pending pd;
	size_t i = 0, e, lineno = 0;
	const char *nl;

	memset(&pd, 0, sizeof pd);
	pd.trusted = trusted;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;		/* a byte order mark */
	while (i < len) {
		nl = memchr(buf + i, '\n', len - i);
		e = nl != NULL ? (size_t)(nl - buf) : len;
		lineno++;
		if (memchr(buf + i, '\0', e - i) != NULL) {
			snprintf(pd.msg, sizeof pd.msg, "NUL byte");
			goto fail;
		}
		if (!parse_line(b, &pd, buf + i, e - i))
			goto fail;
		i = e + 1;
	}
	b->rule = xgrow(b->rule, &b->caprule, b->nrule + pd.nrule,
	    sizeof *b->rule);
	if (pd.nrule > 0)
		memcpy(b->rule + b->nrule, pd.rule, pd.nrule * sizeof *pd.rule);
	b->nrule += pd.nrule;
	b->def = xgrow(b->def, &b->capdef, b->ndef + pd.ndef, sizeof *b->def);
	if (pd.ndef > 0)
		memcpy(b->def + b->ndef, pd.def, pd.ndef * sizeof *pd.def);
	b->ndef += pd.ndef;
	free(pd.rule);
	free(pd.def);
	free(pd.out);
	return 0;

fail:
	vs_error_set(err, "%s:%zu: %s", name, lineno, pd.msg);
	rules_free(pd.rule, pd.nrule);
	defs_free(pd.def, pd.ndef);
	free(pd.out);
	return -1;
}

int
boiler_parse(struct boiler *b, const char *name, const char *buf,
	     size_t len, struct vs_error *err)
{
	return parse(b, name, buf, len, false, err);
}

void
boiler_unfiltered(struct boiler *b)
{
	b->unfiltered = true;
}

int
boiler_check(const struct boiler *b, struct vs_error *err)
{
	size_t i;

	for (i = 0; i < b->nrule; i++)
		if (!rule_ready(b, &b->rule[i])) {
			vs_error_set(err, "rule %zu (%s): bad pattern", i + 1,
			    b->rule[i].label);
			return -1;
		}
	return 0;
}

int
boiler_load(struct boiler *b, const char *path, struct vs_error *err)
{
	char *buf;
	size_t len;
	int ret;

	if (file_read_config(path, &buf, &len, err) != 0)
		return -1;
	ret = boiler_parse(b, path, buf, len, err);
	free(buf);
	return ret;
}

/* --- matching ------------------------------------------------------------ */

/* White space that becomes one space. */
static bool
is_space_uc(ucs4_t uc)
{
	return uc == 0x85 || uc == 0xa0 || uc == 0x1680 ||
	    (uc >= 0x2000 && uc <= 0x200a) || uc == 0x2028 || uc == 0x2029 ||
	    uc == 0x202f || uc == 0x205f || uc == 0x3000;
}

/* Characters that are dropped: zero-width ones and the soft hyphen. */
static bool
is_invisible_uc(ucs4_t uc)
{
	return uc == 0xad || (uc >= 0x200b && uc <= 0x200d) || uc == 0x2060 ||
	    uc == 0xfeff;
}

/*
 * Copy paragraph bytes s[0 .. n-1] into buf (BOILER_MATCH_MAX + 1 bytes)
 * as boiler.h describes.  Returns false for a paragraph holding a NUL;
 * sets *cut when the text did not fit.
 */
static bool
normalise(const uint8_t *s, size_t n, char *buf, bool *cut)
{
	size_t i = 0, o = 0, len;
	bool space = false;
	const char *put;
	char one;
	ucs4_t uc;
	int r;

	*cut = false;
	if (memchr(s, '\0', n) != NULL)
		return false;
	while (i < n) {
		if (s[i] < 0x80) {
			if (s[i] <= ' ' && (s[i] == ' ' ||
			    (s[i] >= '\t' && s[i] <= '\r'))) {
				space = true;
				i++;
				continue;
			}
			if (!space && o < BOILER_MATCH_MAX) {
				/* the common case, spelled out */
				buf[o++] = (char)s[i++];
				continue;
			}
			if (o + 2 <= BOILER_MATCH_MAX) {
				/* and the next, a word after a space */
				if (o > 0)
					buf[o++] = ' ';
				buf[o++] = (char)s[i++];
				space = false;
				continue;
			}
			one = (char)s[i];
			put = &one;
			len = 1;
			r = 1;
		} else {
			r = u8_mbtoucr(&uc, s + i, n - i);
			if (r <= 0) {
				put = "\xef\xbf\xbd";
				len = 3;
				r = 1;
			} else if (is_space_uc(uc)) {
				space = true;
				i += (size_t)r;
				continue;
			} else if (is_invisible_uc(uc)) {
				i += (size_t)r;
				continue;
			} else {
				put = (const char *)s + i;
				len = (size_t)r;
			}
		}
		if (o + (space && o > 0) + len > BOILER_MATCH_MAX) {
			*cut = true;
			break;
		}
		if (space && o > 0)
			buf[o++] = ' ';
		space = false;
		memcpy(buf + o, put, len);
		o += len;
		i += (size_t)r;
	}
	buf[o] = '\0';
	return true;
}

/*
 * Pattern p with its ASCII letters in lower case, for compile_lower:
 * matched against the paragraph's text in lower case, it matches what p
 * matches with REG_ICASE in the C locale (case aside for ASCII letters
 * only), and regexec() no longer translates the text, byte by byte, on
 * each call, which was most of the cost of a rule that fails at once.
 * NULL when lower-casing could change what p means: an escaped letter
 * ("\W", "\B"), a class, equivalence class or collating element in
 * brackets ("[[:upper:]]"), a range in brackets other than digits to
 * digits or letters to letters of one case.  malloc'd.
 */
static char *
lower_pattern(const char *p)
{
	size_t n = strlen(p), i, j, e, first;
	char *out = xmalloc(n + 1);
	unsigned char lo, hi;

	for (i = 0; i < n; i++) {
		if (p[i] == '\\') {
			if (i + 1 < n && is_alpha(p[i + 1]))
				goto unsafe;
			out[i] = p[i];
			if (i + 1 < n) {
				i++;
				out[i] = p[i];
			}
			continue;
		}
		if (p[i] != '[') {
			out[i] = p[i] >= 'A' && p[i] <= 'Z' ?
			    (char)(p[i] + 'a' - 'A') : p[i];
			continue;
		}
		e = i + bracket_len(p + i, n - i);
		first = i + 1;
		if (first < e && p[first] == '^')
			first++;
		for (j = first; j + 1 < e; j++) {
			if (p[j] == '[' && (p[j + 1] == ':' || p[j + 1] == '.' ||
			    p[j + 1] == '='))
				goto unsafe;
			/* "-" first or last in the list is itself */
			if (p[j] != '-' || j == first || j + 2 >= e)
				continue;
			lo = (unsigned char)p[j - 1];
			hi = (unsigned char)p[j + 1];
			if (!((is_digit((char)lo) && is_digit((char)hi)) ||
			    (lo >= 'a' && hi <= 'z' && lo <= hi) ||
			    (lo >= 'A' && hi <= 'Z' && lo <= hi)))
				goto unsafe;
		}
		for (; i < e; i++)
			out[i] = p[i] >= 'A' && p[i] <= 'Z' ?
			    (char)(p[i] + 'a' - 'A') : p[i];
		i--;
	}
	out[n] = '\0';
	return out;
unsafe:
	free(out);
	return NULL;
}

/* Compile lower_pattern's p to match case as it is, in the C locale. */
static int
compile_lower(const struct boiler *b, regex_t *re, const char *p)
{
	locale_t old = (locale_t)0;
	int r;

	if (b->c_locale != (locale_t)0)
		old = uselocale(b->c_locale);
	r = regcomp(re, p, REG_EXTENDED | REG_NOSUB);
	if (old != (locale_t)0)
		uselocale(old);
	return r;
}

/*
 * Compile rule r if it is not yet (the built-in rules are compiled when
 * first needed); false if it cannot be.  The set is const to its users:
 * compiling changes what a rule costs, not what it matches.
 */
static bool
rule_ready(const struct boiler *b, struct rule *r)
{
	char *low;

	if (!r->compiled && !r->broken) {
		/* unfiltered: the reference, the pattern as written */
		low = b->unfiltered ? NULL : lower_pattern(r->pattern);
		if (low != NULL && compile_lower(b, &r->re, low) == 0)
			r->lower = true;
		if (r->lower || compile_c(b, &r->re, r->pattern) == 0)
			r->compiled = true;
		else
			r->broken = true;
		free(low);
	}
	return r->compiled;
}

/* What boiler_match knows of a paragraph's text before trying rules. */
struct para_text {
	const char *s;		/* as normalised */
	const char *low;	/* s with its ASCII letters in lower case */
	size_t len;
	bool cut;		/* s stops at BOILER_MATCH_MAX */
	struct bset bytes;	/* the bytes of low */
	bool ps_made;		/* ps is made when a rule first needs it */
	struct pairs_seen ps;
};

/* Does s hold a byte of each set? */
static bool
has_bytes(const struct bset *bytes, const struct bset *set, int n)
{
	int k;

	for (k = 0; k < n; k++)
		if (!((bytes->w[0] & set[k].w[0]) | (bytes->w[1] & set[k].w[1]) |
		      (bytes->w[2] & set[k].w[2]) | (bytes->w[3] & set[k].w[3])))
			return false;
	return true;
}

/* Work out r's shape filters (see shape_of). */
static void
rule_shape(struct rule *r)
{
	struct shape sh;
	struct needs nd;
	int k;

	r->shaped = shape_of(r->pattern, &sh, &nd);
	if (!r->shaped)
		return;
	r->anchored = r->pattern[0] == '^' && sh.nbranch == 1 &&
	    !sh.nullable;
	r->nullable = sh.nullable;
	r->first = sh.first;
	r->single = sh.single;
	r->last = sh.last;
	r->pre = sh.pre;
	r->suf = sh.suf;
	r->eol = sh.eol;
	r->whole = sh.eol && sh.nbranch == 1 && r->pattern[0] == '^';
	r->maxlen = sh.maxlen;
	r->alpha = sh.alpha;
	r->nneedb = nd.n;
	for (k = 0; k < nd.n; k++)
		r->needb[k] = nd.set[k];
}

/* The pairs of adjacent bytes of t->low, hashed (pairs_seen). */
static void
pairs_make(struct para_text *t)
{
	unsigned h;
	size_t i;

	memset(&t->ps, 0, sizeof t->ps);
	for (i = 1; i < t->len; i++) {
		h = seen_hash((unsigned char)t->low[i - 1],
		    (unsigned char)t->low[i]);
		t->ps.bit[h >> 6] |= UINT64_C(1) << (h & 63);
	}
	t->ps_made = true;
}

/*
 * Can a match of r's start at the start of t (first), or end at its end
 * (last)?  Its first (last) byte must be one a match starts (ends) with,
 * and its first (last) two bytes those of a match, unless one byte is.
 */
static bool
may_start(const struct rule *r, const struct para_text *t)
{
	unsigned k;

	if (t->len == 0)
		return false;
	k = byte_class((unsigned char)t->low[0]);
	if (!((r->first >> k) & 1u))
		return false;
	return ((r->single >> k) & 1u) || (t->len >= 2 &&
	    bloom_has(&r->pre, (unsigned char)t->low[0],
	    (unsigned char)t->low[1]));
}

static bool
may_end(const struct rule *r, const struct para_text *t)
{
	unsigned char c;
	unsigned k;

	if (t->len == 0)
		return false;
	c = (unsigned char)t->low[t->len - 1];
	k = byte_class(c);
	if (!((r->last >> k) & 1u))
		return false;
	return ((r->single >> k) & 1u) || (t->len >= 2 &&
	    bloom_has(&r->suf, (unsigned char)t->low[t->len - 2], c));
}

static bool
may_match(const struct boiler *b, struct rule *r, struct para_text *t)
{
	if (b->unfiltered)
		return rule_ready(b, r);
	if (r->stage == 0) {
		rule_shape(r);
		r->stage = 1;
	}
	if (r->shaped) {
		if (r->anchored && !may_start(r, t))
			return false;
		if (r->eol && t->cut)
			return false;
		if (r->eol && !r->nullable && !may_end(r, t))
			return false;
		if (r->whole && (t->len > r->maxlen ||
		    (t->bytes.w[0] & ~r->alpha.w[0]) ||
		    (t->bytes.w[1] & ~r->alpha.w[1]) ||
		    (t->bytes.w[2] & ~r->alpha.w[2]) ||
		    (t->bytes.w[3] & ~r->alpha.w[3])))
			return false;
		if (!has_bytes(&t->bytes, r->needb, r->nneedb))
			return false;
	}
	if (r->stage == 1) {
		r->need = need_sets(r->pattern, &r->nneed);
		r->stage = 2;
	}
	/*
	 * A few strings are looked for at once; the pairs of the text are
	 * made for a rule that needs more (most paragraphs only meet the
	 * rules that are not anchored, of two or three strings each).
	 */
	if (r->nneed > NEED_DIRECT && !t->ps_made)
		pairs_make(t);
	if (!has_needed(t->low, r->need, t->ps_made ? &t->ps : NULL))
		return false;
	return rule_ready(b, r);
}

/*
 * Is rule r ruled out by t's first byte, of class k0 (64 for an empty
 * text), once its shape is known?  may_start's first test, which the
 * loops of boiler_match make before calling anything: most rules stop
 * there.
 */
static bool
first_rules_out(const struct boiler *b, const struct rule *r, unsigned k0)
{
	return !b->unfiltered && r->stage >= 1 && r->shaped && r->anchored &&
	    (k0 >= 64 || !((r->first >> k0) & 1u));
}

/* The caller's locale while rules run; switched when a rule first runs. */
struct run_locale {
	bool switched;
	locale_t old;
};

/* Try rule r on t (may_match first). */
static bool
try_rule(const struct boiler *b, struct rule *r, struct para_text *t,
	 int eflags, struct run_locale *rl)
{
	if (!may_match(b, r, t))
		return false;
	if (!rl->switched && b->c_locale != (locale_t)0) {
		rl->old = uselocale(b->c_locale);
		rl->switched = true;
	}
	return regexec(&r->re, r->lower ? t->low : t->s, 0, NULL, eflags) == 0;
}

const char *
boiler_match(const struct boiler *b, const struct doc *d, uint32_t para)
{
	char buf[BOILER_MATCH_MAX + 1], low[BOILER_MATCH_MAX + 1];
	struct para_text t;
	const struct para *p;
	struct rule *r;
	unsigned cur, k0;
	const char *label = NULL;
	struct run_locale rl = { false, (locale_t)0 };
	size_t i;
	int eflags;

	if (para >= d->npara)
		return NULL;
	p = &d->para[para];
	/* what the page's markup says (html.h) comes before any rule */
	label = text_label_at(d->text, p->start);
	if (label != NULL || b->nrule == 0)
		return label;
	if (!normalise(d->text->data + p->start, p->end - p->start, buf,
	    &t.cut))
		return NULL;
	eflags = t.cut ? REG_NOTEOL : 0;
	t.ps_made = false;
	memset(&t.bytes, 0, sizeof t.bytes);
	for (i = 0; buf[i] != '\0'; i++) {
		cur = (unsigned char)buf[i];
		cur = cur >= 'A' && cur <= 'Z' ? cur + 'a' - 'A' : cur;
		low[i] = (char)cur;
		t.bytes.w[cur >> 6] |= UINT64_C(1) << (cur & 63);
	}
	low[i] = '\0';
	t.s = buf;
	t.low = low;
	t.len = i;
	k0 = t.len > 0 ? byte_class((unsigned char)low[0]) : 64;
	for (i = 0; i < b->nrule; i++) {
		r = &b->rule[i];
		if (r->keep && !first_rules_out(b, r, k0) &&
		    try_rule(b, r, &t, eflags, &rl))
			goto done;
	}
	for (i = 0; i < b->nrule; i++) {
		r = &b->rule[i];
		if (!r->keep && !first_rules_out(b, r, k0) &&
		    try_rule(b, r, &t, eflags, &rl)) {
			label = r->label;
			break;
		}
	}
done:
	if (rl.switched)
		uselocale(rl.old);
	return label;
}

void
boiler_label_blocks(const struct boiler *b, const struct alignment *al,
		    const char **labels)
{
	const struct block *bl;
	const struct doc *d;
	const char *first, *l;
	uint32_t p, np, k;
	size_t i;

	for (i = 0; i < al->nblock; i++) {
		bl = &al->block[i];
		labels[i] = NULL;
		if (bl->move != 0)
			continue;
		if (bl->kind == BLOCK_DELETED) {
			d = al->a;
			p = bl->a;
			np = bl->na;
		} else if (bl->kind == BLOCK_INSERTED) {
			d = al->b;
			p = bl->b;
			np = bl->nb;
		} else {
			continue;
		}
		first = NULL;
		for (k = 0; k < np; k++) {
			l = boiler_match(b, d, p + k);
			if (l == NULL)
				break;
			if (first == NULL)
				first = l;
		}
		if (k == np && np > 0)
			labels[i] = first;
	}
}
