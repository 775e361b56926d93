/*
 * reviewed.h — the changes a reviewer has marked reviewed, kept per pair
 * of files from one run of versus to the next.
 *
 * Keys.  A pair of files is known by the hashes of their bytes, not by
 * their names: a mark follows the text through a rename or a copy, and
 * is gone once either file changes.  The two hashes are taken in order of
 * value, so the pair is the same whichever side each file is shown on.
 * A change site (facts.h) is known by the bytes it touches on each side,
 * again in order of value, and how many sites with the same bytes come
 * before it: the key survives swapping the sides, a new layout, and a
 * toggle that leaves the site's bytes alone.
 *
 * Storage.  One file per pair, $XDG_STATE_HOME/versus/HASH1-HASH2.reviewed
 * (without XDG_STATE_HOME, or when it is not absolute,
 * ~/.local/state/versus; with neither, the marks last for the run only,
 * and saving says so): a first line "versus reviewed 1", then one key a
 * line as 16 hexadecimal digits.  It is written whole on every change,
 * atomically (cli/atomic.h: a temporary file beside it, fsync, rename), so a
 * crash leaves the old marks or the new ones.  A file that does not read
 * as that is ignored, with a message saying so: the marks start empty,
 * and the next mark writes a good file over it.
 */
#ifndef VERSUS_REVIEWED_H
#define VERSUS_REVIEWED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "align.h"
#include "error.h"
#include "facts.h"
#include "text.h"

struct reviewed;

/*
 * The marks of the pair of texts a and b, read from their file if there
 * is one.  Never fails: when the file cannot be read or is corrupt, the
 * marks are empty and msg (when not NULL) says why; else msg is "".
 */
struct reviewed *reviewed_open(const struct text *a, const struct text *b,
			       char *msg, size_t msgsize);

void reviewed_free(struct reviewed *r);

/* The file the marks are kept in ("" when there is none). */
const char *reviewed_path(const struct reviewed *r);

bool reviewed_has(const struct reviewed *r, uint64_t key);
size_t reviewed_count(const struct reviewed *r);

/* Mark (on) or unmark a key; does not write the file. */
void reviewed_set(struct reviewed *r, uint64_t key, bool on);

/*
 * Write the marks to their file, making its folders (mode 0700) when
 * needed.  Returns 0, or -1 with "PATH: strerror" in err.
 */
int reviewed_save(struct reviewed *r, struct vs_error *err);

/* The keys of the sites ch of al, one per site, into key[ch->n]. */
void reviewed_keys(const struct alignment *al, const struct changes *ch,
		   uint64_t *key);

/*
 * The sites of ch whose keys r does not hold, into out (facts.h's struct,
 * its counts those of the sites kept); free with changes_clear().
 */
void reviewed_filter(const struct reviewed *r, const struct alignment *al,
		     const struct changes *ch, struct changes *out);

#endif
