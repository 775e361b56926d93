/*
 * output.h — the command-line outputs of a comparison: --json, --inline
 * and --stat (with, for more than two versions, the presence table).
 * (The side-by-side --print layout is print.h's, the report report.h's.)
 *
 * --json and --inline are built on the engine's byte-level walk of an
 * alignment (walk.h); --stat on its statistics.
 *
 * The writers never pass text through raw: --inline and --stat show
 * control characters, escape sequences and bidi controls in their visible
 * form (width.h), and --json escapes every string.
 */
#ifndef VERSUS_OUTPUT_H
#define VERSUS_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "align.h"
#include "doc.h"
#include "facts.h"
#include "mapping.h"
#include "presence.h"
#include "session.h"
#include "text.h"
#include "walk.h"

/*
 * Write s[0 .. n-1] in visible form: printable characters as themselves,
 * control characters, escape sequences, bidi controls and invalid bytes as
 * width.h shows them; CRLF and CR become "\n", tabs stay.
 */
void output_visible(FILE *out, const uint8_t *s, size_t n);

/* One comparison of the --json and --stat outputs. */
struct comparison {
	size_t a, b;			/* indexes into the versions */
	const struct alignment *al;
	const struct changes *ch;	/* its change sites, classified */
	const struct sentence_map *map;	/* b's sentences traced to a's */
	const char *const *labels;	/* per block: boilerplate label or NULL */
	double similarity;		/* of a and b, either way (session.h) */
};

/*
 * Every version of s against its base, in order, into cmp (room for
 * session_count(s)); returns how many (session_count(s) - 1).  With
 * `facts`, each gets the change sites, tracing, labels and similarity
 * --json and --stat show; without, the alignment only.
 */
size_t output_comparisons(struct session *s, bool facts,
			  struct comparison *cmp);

/*
 * --json: one object, {"versions":[...],"comparisons":[...]}, the schema
 * of versus(1).  Offsets are byte offsets into the original files; each
 * delete and insert op carries the kind of its change site (facts.h).
 */
void output_json(FILE *out, struct text *const *texts,
		 struct doc *const *docs, size_t nversions,
		 const struct comparison *cmp, size_t ncmp);

/*
 * The NUL-terminated string s as a JSON string, quoted and escaped as
 * --json writes paths (invalid UTF-8 as \ufffd); for --batch's records.
 */
void output_json_string(FILE *out, const char *s);

/*
 * The line naming comparison c, "== 1: PATH -> 2: PATH ==" (paths in
 * visible form), that --inline and --print write before each of several
 * comparisons; bold with color.
 */
void output_header(FILE *out, const struct comparison *c,
		   struct text *const *texts, bool color);

/*
 * --inline: B against A in wdiff style, "[-removed-]{+inserted+}",
 * cosmetic changes as "[~removed~]{~inserted~}", a moved passage as
 * "[-(moved to ¶N) text-]" where it was and "{+(moved from ¶M)+}" followed
 * by its own word diff where it went; with colour, SGR highlights instead
 * of brackets.
 */
void output_inline(FILE *out, const struct alignment *al, bool color);

/*
 * --stat: the versions with their sizes, then per comparison the words
 * kept, deleted, inserted, changed and moved, the change sites, and the
 * similarity; with more than two versions, `matrix` (nversions squared
 * similarities, row-major, may be NULL) is printed as a table.
 */
void output_stat(FILE *out, struct text *const *texts,
		 struct doc *const *docs, size_t nversions,
		 const struct comparison *cmp, size_t ncmp,
		 const double *matrix);

/*
 * --stat with more than two versions: the presence table (presence.h),
 * a header, one line per row, a summary.  A row shows the base paragraph number ("+" for an insertion), one mark
 * per version — "■" same, "□" changed, "↕" moved, "·" absent, "◆" the
 * version that introduced an insertion — and the start of the passage in
 * visible form (width.h), white space made single spaces, clipped to
 * OUTPUT_EXCERPT columns with "…".  texts[v] is the text docs[v] was
 * built from.  Returns 0, or -1 when writing failed (ferror).
 */
#define OUTPUT_EXCERPT 40

int output_presence(FILE *out, const struct presence *p,
		    struct text *const *texts);

#endif
