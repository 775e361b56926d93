/*
 * report.h — a corrections-log report of the substantive changes between
 * two versions, in Markdown, ready to paste into an editor's note.
 *
 * The report (report_markdown) holds:
 *
 *	# Changes from OLD to NEW
 *
 *	3 substantive changes (quote 1, number 1, wording 1); 2 cosmetic
 *	changes not listed.
 *
 *	Listed below: 3, in 2 entries under 2 paragraphs.
 *
 *	## Paragraph 2
 *
 *	### Sentence 1 — quote, number (2 edits)
 *
 *	Before:
 *	> "It costs **$50 million**," she **said**.
 *
 *	After:
 *	> "It costs **$65 million**," she **claimed**.
 *
 *	## Paragraph 5
 *
 *	### Deleted — wording
 *
 *	> The old kiosk will close.
 *
 * The summary gives the counts of the change sites of facts.h by kind,
 * the numbers --stat and the browser give, then how many of them are
 * listed, and how many are left out because their paragraph is
 * boilerplate (labels, boiler.h: a caption, a "Login" line), by label.
 *
 * Then one entry ("###") per changed sentence, in reading order, under
 * the heading ("##") of its paragraph in OLD, with B's number when it
 * differs ("(now paragraph 1)", "(moved; now paragraph 1)"), or "New
 * paragraph N" for text only NEW has.  An entry gathers every
 * substantive site of one block touching its sentences: its heading
 * names the sentences (1-based, counted inside the paragraph; "(now
 * sentence 3)" with NEW's numbers when they differ), the kinds of its
 * sites, strongest first, and their number when more than one ("(2
 * edits)"), so the entries' edits add up to the listed count.  Before and
 * After quote the whole sentences on each side, every edit in **bold**:
 * bold is core Markdown everywhere (strikethrough is not), and "Before" /
 * "After" already say which text is old.  A pure insertion or deletion
 * also shows the sentence where it happens.  A paragraph deleted, added
 * or moved without an edit is one entry ("Deleted", "Added", "Moved to
 * paragraph 2"), quoted once without bold.  Several paragraphs in one
 * quote are separated by an empty quote line.  A quote longer than 2000
 * bytes (text without full stops) keeps only 40 tokens on each side of
 * each edit, an ellipsis for the rest, so a report stays linear in its
 * input.  Cosmetic sites are only counted.
 *
 * Text is escaped for Markdown: \ ` * _ [ ] < > # | ~ & get a backslash
 * everywhere, and so do "-", "+", "=" and the "." or ")" after leading
 * digits at the start of a line, so a quoted paragraph never turns into
 * a list or a heading.  White space becomes single spaces, and control
 * characters, escape sequences, bidi controls and invalid bytes appear in
 * their visible forms (width.h), never raw.  CommonMark does not open
 * bold before punctuation glued to a word ("pier**, built**"), nor close
 * it after punctuation glued to a word; such a bold run takes in the rest
 * of the word it is glued to ("**pier, built**").
 */
#ifndef VERSUS_REPORT_H
#define VERSUS_REPORT_H

#include <stdio.h>

#include "align.h"
#include "error.h"
#include "facts.h"

/*
 * Write the report of al, whose sites are ch (facts_classify), to out.
 * labels (per block, session_labels) marks boilerplate left out; NULL
 * leaves nothing out.
 */
void report_markdown(FILE *out, const struct alignment *al,
		     const struct changes *ch, const char *const *labels);

/*
 * Write the report to PATH, and nothing else:
 *  - atomically: into a temporary file ".NAME.XXXXXX" in PATH's
 *    directory (mkstemp), flushed to disk (fsync), then renamed over
 *    PATH; on any failure the temporary file is removed and PATH is left
 *    as it was;
 *  - never over an input: when PATH names the same file (device and
 *    inode, through symbolic and hard links) as al->a's or al->b's path
 *    (for "-", standard input when it is a file), nothing is written
 *    ("PATH: refusing to overwrite an input file");
 *  - never over anything but a regular file: a directory ("PATH: Is a
 *    directory"), a device or a pipe ("PATH: not a regular file");
 *  - an existing PATH keeps its permissions; a new one gets 0666 less
 *    the umask, as if made by open(2); a symbolic link at PATH is
 *    replaced by the file, not followed.
 * Returns 0, or -1 with "PATH: strerror" (or the message above) in err.
 */
int report_write(const char *path, const struct alignment *al,
		 const struct changes *ch, const char *const *labels,
		 struct vs_error *err);

#endif
