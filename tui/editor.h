/*
 * editor.h — open the passage on top in the user's editor, then read the
 * file again and compare anew.
 *
 * edit-left and edit-right take the paragraph nearest the top of that
 * pane (clip_passage), find its line in the version's file
 * (line ends counted in the text before it: LF, CRLF or a lone CR), and
 * runs $VISUAL, else $EDITOR, else vi, through sh as git does (so that
 * "code -w" works) with "+LINE FILE", which vi, vim, nano, emacs, micro
 * and kakoune all read as "open FILE at LINE".  The browser hands the
 * terminal over for the time (screen_pause) and ignores SIGINT and
 * SIGQUIT meanwhile, as git does, so that a C-c meant for the editor
 * does not end versus.
 *
 * When the editor returns, the file is read again with the options it was
 * read with first (text_load); when its bytes changed, the session drops
 * what it had worked out (session_replace) and the pair is laid out
 * again, with the same paragraph number of that side at the top, so the
 * view stays near the passage.  A file that cannot be read any more
 * leaves the old version in place, saying why.  versus itself never
 * writes to the file: the editor does, because the user asked.
 *
 * Versions without a file of their own are refused, in one line saying
 * why: standard input, a page fetched from the web or an archive, a
 * version from git history, and a saved page whose text versus extracted
 * from its HTML (its paragraphs are not the file's lines).
 */
#ifndef VERSUS_EDITOR_H
#define VERSUS_EDITOR_H

#include "browse.h"

/* The edit-left and edit-right actions (action.h). */
int editor_open(struct browser *b, int action, unsigned count);

#endif
