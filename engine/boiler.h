/*
 * boiler.h — boilerplate rules: which paragraphs are site chrome.
 *
 * Copies of one article carry text that is not the article: photo
 * captions, bylines and time stamps, navigation and login links, search
 * help, sharing prompts, "Related" and "Read more" lists, "Source link"
 * trailers, advertisements.  When such a paragraph is present in one
 * version only, versus labels it so that the reader can collapse it and
 * look at the editorial changes.
 *
 * The rules are data.  The built-in ones come from data/boilerplate.rules
 * (compiled in as boiler_builtin_text); users add their own in a file of
 * the same format, parsed by the same parser:
 *
 *	# a comment
 *	@name PATTERN		define {name} for the patterns below
 *	LABEL PATTERN		a rule
 *
 * One rule per line: LABEL, white space, PATTERN.  LABEL is a word of
 * ASCII letters, digits, "-" and "_" starting with a letter, at most 31
 * bytes: one of caption, byline, dateline, chrome (navigation, login,
 * search help), share, related, source, ad, other, or any word the user
 * likes; it is what the gutter shows.  The label "keep" is special: a
 * paragraph that a keep rule matches is never boilerplate, whatever the
 * other rules say (an escape hatch for a built-in rule that misfires on
 * some site).  PATTERN, the rest of the line without trailing white space,
 * is a POSIX extended regular expression, compiled with REG_EXTENDED |
 * REG_ICASE | REG_NOSUB in the C locale whatever the caller's locale
 * (so the rules mean the same everywhere): text is matched byte by byte,
 * case is ignored for ASCII letters only, and a non-ASCII character must
 * be written as an alternative ("('|’)"), not inside brackets, where its
 * bytes would stand alone.  Lines whose first character other than space
 * and tab is "#" are comments; blank lines are ignored; a "\r" before the
 * line end is dropped; a UTF-8 byte order mark is skipped.
 *
 * Definitions.  "@name PATTERN" (name: letters, digits, "_") names a piece
 * of pattern; any later pattern or definition, in this buffer or a later
 * one, may write {name} and gets "(PATTERN)" in its place.  A "{" that
 * follows a backslash or sits inside a bracket expression is left alone,
 * and so is a "{" starting an interval ("{2}", "{1,3}").  Redefining a
 * name replaces it for the lines that follow.  The built-in definitions
 * ({month}, {date}, {time}, {name} ...) are documented in
 * data/boilerplate.rules and are there for user rules too; {month} is
 * made from lexicon.h's months by boiler_new(), so every set has it.
 *
 * Matching.  A pattern is matched against the text of one paragraph with
 * every run of white space (line ends, tabs, no-break and other Unicode
 * spaces) made one space, zero-width characters and soft hyphens removed,
 * and invalid UTF-8 bytes replaced by U+FFFD; a paragraph holding a NUL
 * byte is never boilerplate.  Only the first BOILER_MATCH_MAX bytes of
 * that text are matched (cut at a character boundary): boilerplate is
 * short, and this bounds the work on a long paragraph.  When the text was
 * cut, "$" does not match at the cut (REG_NOTEOL), so a rule anchored at
 * both ends never matches a long paragraph, and a rule anchored at the
 * start only ("^read more:") still can.  Rules are tried in order (the
 * built-in ones, then the user's); the first that matches gives the label.
 * Cost: about 3 microseconds for a paragraph no rule matches.
 *
 * Errors name the file and line: "FILE:LINE: bad label 'X'",
 * "FILE:LINE: missing label before the pattern", "FILE:LINE: missing
 * pattern after 'LABEL'", "FILE:LINE: bad pattern: TEXT" (TEXT is
 * regerror's), "FILE:LINE: unknown name {X}", "FILE:LINE: bad
 * definition", "FILE:LINE: pattern too long" (over 64 KiB once the names
 * are expanded), "FILE:LINE: NUL byte".  Parsing is all or nothing: on
 * error nothing from that buffer is kept.
 *
 * Lifetime: labels returned are borrowed from the struct boiler and valid
 * until boiler_free().  boiler_match() and boiler_label_blocks() do not
 * change what the set matches, but they compile built-in rules the first
 * time a paragraph needs them: one set is for one thread at a time.
 */
#ifndef VERSUS_BOILER_H
#define VERSUS_BOILER_H

#include <stddef.h>
#include <stdint.h>

#include "align.h"
#include "doc.h"
#include "error.h"

/* Bytes of a paragraph's text that the rules see, at most. */
#define BOILER_MATCH_MAX 512

struct boiler;

/* data/boilerplate.rules, NUL-terminated, and its length. */
extern const char boiler_builtin_text[];
extern const size_t boiler_builtin_len;

/* A set holding the built-in rules. */
struct boiler *boiler_new_builtin(void);

/* An empty set. */
struct boiler *boiler_new(void);

void boiler_free(struct boiler *b);

/*
 * Add the definitions and rules in buf[0 .. len-1]; `name` is used in
 * messages.  Returns 0, or -1 with err set ("NAME:LINE: message").
 */
int boiler_parse(struct boiler *b, const char *name, const char *buf,
		 size_t len, struct vs_error *err);

/* The same from a file; a missing file is an error ("PATH: strerror"). */
int boiler_load(struct boiler *b, const char *path, struct vs_error *err);

/*
 * Compile every rule now (the built-in ones are compiled when first
 * needed): 0, or -1 with err naming the first rule that does not.
 */
int boiler_check(const struct boiler *b, struct vs_error *err);

/*
 * Try every rule on every paragraph, without the filters that skip the
 * rules a paragraph cannot match, each compiled as written (REG_ICASE,
 * not lower-cased to match the lower-cased text): for the tests, which
 * check that neither changes a label.
 */
void boiler_unfiltered(struct boiler *b);

/* Number of rules in the set (keep rules included). */
size_t boiler_count(const struct boiler *b);

/*
 * The label of paragraph `para` of d, or NULL when it is not boilerplate
 * (no rule matches, a keep rule matches, or it holds a NUL byte).  A
 * paragraph that its web page labels (headline, byline, caption ...: see
 * text_label_at) has that label, whatever the rules say.
 */
const char *boiler_match(const struct boiler *b, const struct doc *d,
			 uint32_t para);

/*
 * Label the blocks of al: labels[k] (al->nblock entries, filled) gets a
 * label for block k when it is present in one version only, that is
 * BLOCK_DELETED or BLOCK_INSERTED and not part of a move, and every one
 * of its paragraphs is boilerplate; the label is its first paragraph's.
 * Every other block gets NULL.
 */
void boiler_label_blocks(const struct boiler *b, const struct alignment *al,
			 const char **labels);

#endif
