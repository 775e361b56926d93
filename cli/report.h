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
 *	## 1. Number — paragraph 2, sentence 1
 *
 *	Before:
 *
 *	> The council approved **$50 million** for the pier.
 *
 *	After:
 *
 *	> The council approved **$65 million** for the pier.
 *
 * one section per substantive change site of facts.h, in reading order
 * (cosmetic sites are only counted).  Its heading gives the kind (and the
 * other kinds that apply: "Quote, number"), and where it is: paragraph
 * and sentence numbers, 1-based, the sentence counted inside its
 * paragraph, of A; then "(now ...)" with B's numbers when they differ, or
 * "(moved; now ...)" for an edit inside a moved paragraph.
 *
 * Before and After quote the whole sentences the site touches, on each
 * side, with the changed words in **bold** on both sides: bold is core
 * Markdown everywhere (strikethrough is not), and "Before" / "After"
 * already say which text is old.  A pure insertion or deletion also
 * shows the sentence where it happens, so the reader sees where the new
 * words went: its numbers are those of the inserted text (B's) or of the
 * deleted text (A's), and the other side's numbers are those of the
 * sentence it faces.  A paragraph deleted or added as a whole is quoted
 * once, without bold ("paragraph 5 deleted", "added as paragraph 5"); a
 * paragraph moved without an edit is quoted once ("paragraph 6 moved to
 * paragraph 2").  Several paragraphs in one quote are separated by an
 * empty quote line.  A quote of sentences longer than 2000 bytes (text
 * without full stops) keeps only 40 tokens on each side of the change,
 * with an ellipsis, so a report stays linear in its input.
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

/* Write the report of al, whose sites are ch (facts_classify), to out. */
void report_markdown(FILE *out, const struct alignment *al,
		     const struct changes *ch);

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
		 const struct changes *ch, struct vs_error *err);

#endif
