/*
 * action.h — the registry of everything a key can do in the browser.
 *
 * One list, ACTION_LIST, names every action once: its enum id, its stable
 * kebab-case name (what keymap files bind), its help text, and its
 * handler.  The help screen, versus(1)'s KEYS section and `versus
 * --list-actions` are generated from this list and the loaded keymap;
 * there is no second table anywhere.  What an action does on the versions
 * is its handler, a function of browse.c,
 *	int fn(struct browser *b, int action, unsigned count)
 * which changes the browser's state and returns what must happen next
 * (browse.h, RE_*); several actions of one family (scroll-up and
 * scroll-down) share a handler that looks at `action`.  The other screens
 * (help, overview, presence, source) give some actions a meaning of their
 * own first (browse.h, struct browse_screen_ops).  This file does not
 * depend on the handlers: only browse.c expands the fourth column.
 */
#ifndef VERSUS_ACTION_H
#define VERSUS_ACTION_H

#define ACTION_LIST(X) \
	X(SCROLL_DOWN, "scroll-down", "scroll down one line", act_scroll) \
	X(SCROLL_UP, "scroll-up", "scroll up one line", act_scroll) \
	X(HALF_PAGE_DOWN, "half-page-down", \
	  "scroll down half a screen", act_scroll) \
	X(HALF_PAGE_UP, "half-page-up", "scroll up half a screen", act_scroll) \
	X(PAGE_DOWN, "page-down", "scroll down one screen", act_scroll) \
	X(PAGE_UP, "page-up", "scroll up one screen", act_scroll) \
	X(TOP, "top", "go to the top", act_top_bottom) \
	X(BOTTOM, "bottom", "go to the bottom", act_top_bottom) \
	X(NEXT_CHANGE, "next-change", \
	  "go to the next passage with changes", act_step_change) \
	X(PREVIOUS_CHANGE, "previous-change", \
	  "go to the previous passage with changes", act_step_change) \
	X(NEXT_SUBSTANTIVE_CHANGE, "next-substantive-change", \
	  "go to the next passage with a substantive change", \
	  act_step_change) \
	X(PREVIOUS_SUBSTANTIVE_CHANGE, "previous-substantive-change", \
	  "go to the previous passage with a substantive change", \
	  act_step_change) \
	X(NEXT_FACT_CHANGE, "next-fact-change", \
	  "go to the next passage with a changed quote, figure, name or " \
	  "attribution", act_step_change) \
	X(PREVIOUS_FACT_CHANGE, "previous-fact-change", \
	  "go to the previous passage with a changed quote, figure, name or " \
	  "attribution", act_step_change) \
	X(NEXT_PARAGRAPH, "next-paragraph", \
	  "go to the next paragraph", act_step_paragraph) \
	X(PREVIOUS_PARAGRAPH, "previous-paragraph", \
	  "go to the previous paragraph", act_step_paragraph) \
	X(SEARCH_FORWARD, "search-forward", \
	  "search forward for text", act_search_prompt) \
	X(SEARCH_BACKWARD, "search-backward", \
	  "search backward for text", act_search_prompt) \
	X(SEARCH_NEXT, "search-next", \
	  "repeat the last search", act_search_again) \
	X(SEARCH_PREVIOUS, "search-previous", \
	  "repeat the last search the other way", act_search_again) \
	X(GOTO, "goto", \
	  "go to a paragraph of the left version (12), of the right (12r), " \
	  "or a percentage (50%)", act_goto) \
	X(JUMP_TO_MOVE_TARGET, "jump-to-move-target", \
	  "jump to the other end of a moved passage", act_jump_move) \
	X(NEXT_EDIT, "next-edit", \
	  "go to the next edit inside the current change, then on", \
	  act_step_edit) \
	X(PREVIOUS_EDIT, "previous-edit", \
	  "go to the previous edit inside the current change, then on", \
	  act_step_edit) \
	X(TOGGLE_REVIEWED, "toggle-reviewed", \
	  "mark the current edit (or change) reviewed, or unmark it", \
	  act_toggle_reviewed) \
	X(TOGGLE_SKIP_REVIEWED, "toggle-skip-reviewed", \
	  "let next-change and next-edit skip reviewed changes, or not", \
	  act_skip_reviewed) \
	X(CHANGE_LIST, "change-list", \
	  "list every change: kind, before \xe2\x86\x92 after, paragraph", \
	  act_change_list) \
	X(CHANGE_KIND_FILTER, "change-kind-filter", \
	  "list only one kind of change (numbers, quotes...), the next, all", \
	  act_kind_filter) \
	X(NEXT_VERSION_RIGHT, "next-version-right", \
	  "show the next version on the right", act_version) \
	X(PREVIOUS_VERSION_RIGHT, "previous-version-right", \
	  "show the previous version on the right", act_version) \
	X(NEXT_VERSION_LEFT, "next-version-left", \
	  "show the next version on the left", act_version) \
	X(PREVIOUS_VERSION_LEFT, "previous-version-left", \
	  "show the previous version on the left", act_version) \
	X(SWAP_SIDES, "swap-sides", \
	  "swap the left and right versions", act_swap) \
	X(MAKE_BASE, "make-base", \
	  "make the left version the base of the overview", act_make_base) \
	X(WRITE_REPORT, "write-report", \
	  "write the substantive changes to a Markdown file (corrections log)", \
	  act_report) \
	X(COPY_PASSAGE, "copy-passage", \
	  "copy the passage on top, with file, paragraph and date, to the " \
	  "clipboard", clip_copy) \
	X(COPY_CHANGE, "copy-change", \
	  "copy the current change as before \xe2\x86\x92 after, with " \
	  "files, paragraphs and dates, to the clipboard", clip_copy) \
	X(EDIT_LEFT, "edit-left", \
	  "edit the left version's file at the passage on top ($VISUAL, " \
	  "$EDITOR), then compare it anew", editor_open) \
	X(EDIT_RIGHT, "edit-right", \
	  "edit the right version's file at the passage on top ($VISUAL, " \
	  "$EDITOR), then compare it anew", editor_open) \
	X(SHOW_SOURCE, "show-source", \
	  "show the files' own bytes (a page's HTML) behind the passages on top", \
	  act_source) \
	X(VERSION_OVERVIEW, "version-overview", \
	  "list every version and their similarities", act_overview) \
	X(VERSION_PICKER, "version-picker", \
	  "list the versions by date with what each did to the passage on " \
	  "top; choose two to compare, or mark a set", act_version_picker) \
	X(MARK_VERSION, "mark-version", \
	  "in the version picker: mark the chosen version for a set to " \
	  "compare, or unmark it", act_mark_version) \
	X(COMPARE_MARKED, "compare-marked", \
	  "compare only the versions marked in the version picker, in " \
	  "their order", act_compare_marked) \
	X(ALL_VERSIONS, "all-versions", \
	  "compare every version again, after compare-marked", \
	  act_all_versions) \
	X(TOGGLE_CHANGES_ONLY, "toggle-changes-only", \
	  "fold unchanged paragraphs away, or unfold them", act_fold) \
	X(FOLD_UNCHANGED, "fold-unchanged", \
	  "fold unchanged paragraphs into one row each run", act_fold) \
	X(UNFOLD_UNCHANGED, "unfold-unchanged", \
	  "show unchanged paragraphs", act_fold) \
	X(OPEN_FOLD, "open-fold", \
	  "unfold the first fold on the screen only (a click opens one too)", \
	  act_fold_one) \
	X(CLOSE_FOLD, "close-fold", \
	  "fold the first unchanged paragraphs on the screen back", \
	  act_fold_one) \
	X(TOGGLE_BOILERPLATE, "toggle-boilerplate", \
	  "fold away passages labelled boilerplate (captions, site chrome)", \
	  act_boilerplate) \
	X(PRESENCE_VIEW, "presence-view", \
	  "every version at once: which versions carry each passage", \
	  act_presence) \
	X(TOGGLE_COSMETIC, "toggle-cosmetic", \
	  "cosmetic changes: shown, dimmed, hidden", act_cosmetic) \
	X(TOGGLE_IGNORE_CASE, "toggle-ignore-case", \
	  "ignore case-only changes, or show them", act_toggle) \
	X(TOGGLE_CHARS, "toggle-chars", \
	  "highlight the changed characters of a replaced word, or all of it", \
	  act_toggle) \
	X(TOGGLE_PARAGRAPH_NUMBERS, "toggle-paragraph-numbers", \
	  "show the paragraph numbers of both versions beside them, or not", \
	  act_toggle) \
	X(TOGGLE_INLINE, "toggle-inline", \
	  "switch between side-by-side and inline views", act_inline) \
	X(SELECT, "select", \
	  "open the chosen pair in the version overview", act_select) \
	X(REDRAW, "redraw", "redraw the screen", act_redraw) \
	X(HELP, "help", "show this help", act_help) \
	X(CANCEL, "cancel", \
	  "cancel a prompt or a pending key sequence", act_cancel) \
	X(QUIT, "quit", "quit versus", act_quit)

enum action {
#define ACTION_ENUM(id, name, help, fn) ACTION_##id,
	ACTION_LIST(ACTION_ENUM)
#undef ACTION_ENUM
	ACTION_COUNT
};

/* The name of an action ("next-change"), or NULL for an invalid id. */
const char *action_name(int action);

/* Its help text. */
const char *action_help(int action);

/* The action called `name`, or -1. */
int action_find(const char *name);

#endif
