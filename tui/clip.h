/*
 * clip.h — copy with citation: a passage, or a change as "before →
 * after", with the file, the paragraph number and the date, for a
 * reporter's notes.
 *
 * copy-passage takes the paragraph at the top of the focused pane (the
 * one the source view shows); copy-change takes the current change (Tab),
 * else the first change on screen, and quotes the sentences its edits
 * touch on each side:
 *
 *	"It will create 1,400 jobs." — samples/3-corrected.txt ¶2, 2025-03-04
 *	"... 1,200 jobs." → "... 1,400 jobs." — samples/1-wire.txt ¶2,
 *	    2025-03-03 → samples/3-corrected.txt ¶2, 2025-03-04
 *
 * (one line).  The date is the version's own (text->when: a page's,
 * a capture's, a commit's), else an ISO date the text opens with, else
 * the file's modification time; none when nothing gives one.
 *
 * Only text versus built leaves: every character is decoded and written
 * again, white space made single spaces, control characters, escape
 * sequences, bidi controls and invalid bytes in their visible forms
 * (width.h: "^[", "<U+202E>"), never a raw byte of the file; a citation is
 * cut at CLIP_MAX bytes.  It goes to the terminal's clipboard as an OSC 52
 * sequence (base64, so nothing in it can be read as a control), only when
 * a key asks; with "osc52 off" in the settings, a prompt asks for a file
 * instead, and the citation is appended to it as a line ("~/" is the home
 * folder; never one of the versions compared, never anything but a
 * regular file).
 */
#ifndef VERSUS_CLIP_H
#define VERSUS_CLIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "browse.h"

/* The longest citation, in bytes (an OSC 52 sequence stays under 90 KB). */
#define CLIP_MAX 65536

/* The copy-passage and copy-change actions (action.h). */
int clip_copy(struct browser *b, int action, unsigned count);

/* Enter at PROMPT_CLIP: append the citation to the file typed. */
int clip_enter_file(struct browser *b, enum prompt_kind k);

/*
 * The passage nearest the top of pane `want` (RENDER_LEFT, RENDER_RIGHT),
 * or unless `strict` of the other pane when that row shows none of
 * `want`: its side and paragraph.  False when there is none below the
 * top.
 */
bool clip_passage(struct browser *b, int want, bool strict, int *side,
		  uint32_t *para);

#endif
