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
 * has a fixed cost of about a microsecond in glibc, so trying forty rules
 * one by one would cost forty of them per paragraph.  The prefilter
 * (prefilter_build) joins the rules into two patterns, and only a
 * paragraph that one of them matches goes through the rules in order:
 * keep rules first, then the others until one matches.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
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
#include "xalloc.h"

/* Longest label, and longest pattern after expansion, in bytes. */
#define BOILER_LABEL_MAX	31
#define BOILER_PATTERN_MAX	65536

struct rule {
	char *label;
	char *pattern;		/* expanded */
	regex_t re;
	bool keep;
};

/*
 * The prefilter: the rules that can label a paragraph, joined into two
 * patterns, those anchored at the start and the others.
 */
struct prefilter {
	regex_t head, any;
	bool have_head, have_any;
	bool backref;		/* some rule is not in the unions */
	bool valid;		/* false: run every rule */
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
	struct prefilter pf;
	locale_t c_locale;	/* (locale_t)0 if it could not be made */
};

struct boiler *
boiler_new(void)
{
	struct boiler *b = xcalloc(1, sizeof *b);

	b->c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	b->pf.valid = true;	/* no rules: nothing can match */
	return b;
}

struct boiler *
boiler_new_builtin(void)
{
	struct boiler *b = boiler_new();

	/* Cannot fail: tests/engine/test-boiler.c parses the list. */
	boiler_parse(b, "built-in", boiler_builtin_text, boiler_builtin_len,
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
		regfree(&r[i].re);
	}
	free(r);
}

static void
prefilter_free(struct prefilter *pf)
{
	if (pf->have_head)
		regfree(&pf->head);
	if (pf->have_any)
		regfree(&pf->any);
	pf->have_head = pf->have_any = false;
	pf->valid = false;
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
	prefilter_free(&b->pf);
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
	wrapped = xmalloc(pd->olen + 3);
	wrapped[0] = '(';
	memcpy(wrapped + 1, pd->out, pd->olen);
	memcpy(wrapped + 1 + pd->olen, ")", 2);
	good = compile(b, pd, &re, wrapped);
	free(wrapped);
	if (!good)
		return false;
	regfree(&re);
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
	if (!compile(b, pd, &r->re, pd->out))
		return false;
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
 * How a pattern sits at its top level (outside groups and brackets):
 * whether it starts with "^" and has no "|" there, so that it is anchored
 * at the start as a whole, and whether it uses a back-reference, which
 * the renumbered groups of a union would break.
 */
static void
pattern_shape(const char *p, bool *anchored, bool *backref)
{
	size_t i = 0, n = strlen(p), depth = 0;
	bool bar = false;

	*backref = false;
	while (i < n) {
		if (p[i] == '\\') {
			if (i + 1 < n && p[i + 1] >= '1' && p[i + 1] <= '9')
				*backref = true;
			i += 2;
			continue;
		}
		if (p[i] == '[') {
			i += bracket_len(p + i, n - i);
			continue;
		}
		if (p[i] == '(')
			depth++;
		else if (p[i] == ')' && depth > 0)
			depth--;
		else if (p[i] == '|' && depth == 0)
			bar = true;
		i++;
	}
	*anchored = n > 0 && p[0] == '^' && !bar;
}

static void
join_append(char **s, size_t *len, size_t *cap, const char *t, size_t n)
{
	*s = xgrow(*s, cap, *len + n + 1, 1);
	memcpy(*s + *len, t, n);
	*len += n;
	(*s)[*len] = '\0';
}

/*
 * Rebuild the prefilter: the labelling rules anchored at the start,
 * joined as "^((a)|(b)|...)", and the others as "(c)|(d)|...".  glibc
 * tries an anchored pattern at the first position only and runs one
 * automaton for all the alternatives, so a paragraph that no rule can
 * match (most of them) costs two calls of regexec instead of one per
 * rule.  Rules with back-references stay out and are always tried; a
 * union that does not compile (too big) disables the prefilter.
 */
static void
prefilter_build(struct boiler *b)
{
	char *head = NULL, *any = NULL;
	size_t hlen = 0, hcap = 0, alen = 0, acap = 0, i;
	bool anchored, backref, first_h = true, first_a = true;
	const char *p;

	prefilter_free(&b->pf);
	b->pf.backref = false;
	join_append(&head, &hlen, &hcap, "^(", 2);
	for (i = 0; i < b->nrule; i++) {
		if (b->rule[i].keep)
			continue;
		p = b->rule[i].pattern;
		pattern_shape(p, &anchored, &backref);
		if (backref) {
			b->pf.backref = true;
			continue;
		}
		if (anchored) {
			if (!first_h)
				join_append(&head, &hlen, &hcap, "|", 1);
			join_append(&head, &hlen, &hcap, "(", 1);
			join_append(&head, &hlen, &hcap, p + 1, strlen(p + 1));
			join_append(&head, &hlen, &hcap, ")", 1);
			first_h = false;
		} else {
			if (!first_a)
				join_append(&any, &alen, &acap, "|", 1);
			join_append(&any, &alen, &acap, "(", 1);
			join_append(&any, &alen, &acap, p, strlen(p));
			join_append(&any, &alen, &acap, ")", 1);
			first_a = false;
		}
	}
	join_append(&head, &hlen, &hcap, ")", 1);
	b->pf.valid = true;
	if (!first_h) {
		if (compile_c(b, &b->pf.head, head) == 0)
			b->pf.have_head = true;
		else
			b->pf.valid = false;
	}
	if (!first_a) {
		if (compile_c(b, &b->pf.any, any) == 0)
			b->pf.have_any = true;
		else
			b->pf.valid = false;
	}
	if (!b->pf.valid)
		prefilter_free(&b->pf);
	free(head);
	free(any);
}

int
boiler_parse(struct boiler *b, const char *name, const char *buf,
	     size_t len, struct vs_error *err)
{
	struct pending pd;
	size_t i = 0, e, lineno = 0;
	const char *nl;

	memset(&pd, 0, sizeof pd);
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
	if (pd.nrule > 0)
		prefilter_build(b);
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
boiler_load(struct boiler *b, const char *path, struct vs_error *err)
{
	char *buf;
	size_t len;
	int ret;

	if (file_read(path, &buf, &len, err) != 0)
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
			if (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')) {
				space = true;
				i++;
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

const char *
boiler_match(const struct boiler *b, const struct doc *d, uint32_t para)
{
	char buf[BOILER_MATCH_MAX + 1];
	const struct para *p;
	const struct rule *r;
	const char *label = NULL;
	locale_t old = (locale_t)0;
	size_t i;
	bool cut;
	int eflags;

	if (b->nrule == 0 || para >= d->npara)
		return NULL;
	p = &d->para[para];
	if (!normalise(d->text->data + p->start, p->end - p->start, buf,
	    &cut))
		return NULL;
	eflags = cut ? REG_NOTEOL : 0;
	if (b->c_locale != (locale_t)0)
		old = uselocale(b->c_locale);
	if (b->pf.valid && !(b->pf.have_head &&
	    regexec(&b->pf.head, buf, 0, NULL, eflags) == 0) &&
	    !(b->pf.have_any &&
	    regexec(&b->pf.any, buf, 0, NULL, eflags) == 0) &&
	    !b->pf.backref)
		goto done;
	for (i = 0; i < b->nrule; i++) {
		r = &b->rule[i];
		if (r->keep && regexec(&r->re, buf, 0, NULL, eflags) == 0)
			goto done;
	}
	for (i = 0; i < b->nrule; i++) {
		r = &b->rule[i];
		if (!r->keep && regexec(&r->re, buf, 0, NULL, eflags) == 0) {
			label = r->label;
			break;
		}
	}
done:
	if (old != (locale_t)0)
		uselocale(old);
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
