/*
 * action.h — the registry of everything a key can do in the browser.
 *
 * One list, ACTION_LIST, names every action once: its enum id, its stable
 * kebab-case name (what keymap files bind), and its help text.  The help
 * screen and `versus --list-actions` are generated from this list and the
 * loaded keymap; there is no second table anywhere.  What an action does
 * is in browse.c, which has one handler per entry.
 */
#ifndef VERSUS_ACTION_H
#define VERSUS_ACTION_H

#define ACTION_LIST(X) \
	X(SCROLL_DOWN, "scroll-down", "scroll down one line") \
	X(SCROLL_UP, "scroll-up", "scroll up one line") \
	X(HALF_PAGE_DOWN, "half-page-down", "scroll down half a screen") \
	X(HALF_PAGE_UP, "half-page-up", "scroll up half a screen") \
	X(PAGE_DOWN, "page-down", "scroll down one screen") \
	X(PAGE_UP, "page-up", "scroll up one screen") \
	X(TOP, "top", "go to the top") \
	X(BOTTOM, "bottom", "go to the bottom") \
	X(NEXT_CHANGE, "next-change", "go to the next change") \
	X(PREVIOUS_CHANGE, "previous-change", "go to the previous change") \
	X(NEXT_SUBSTANTIVE_CHANGE, "next-substantive-change", \
	  "go to the next substantive change (not only cosmetic)") \
	X(PREVIOUS_SUBSTANTIVE_CHANGE, "previous-substantive-change", \
	  "go to the previous substantive change") \
	X(NEXT_FACT_CHANGE, "next-fact-change", \
	  "go to the next change of a quotation, figure, name or attribution") \
	X(PREVIOUS_FACT_CHANGE, "previous-fact-change", \
	  "go to the previous change of a quotation, figure, name or attribution") \
	X(NEXT_PARAGRAPH, "next-paragraph", "go to the next paragraph") \
	X(PREVIOUS_PARAGRAPH, "previous-paragraph", \
	  "go to the previous paragraph") \
	X(SEARCH_FORWARD, "search-forward", "search forward for text") \
	X(SEARCH_BACKWARD, "search-backward", "search backward for text") \
	X(SEARCH_NEXT, "search-next", "repeat the last search") \
	X(SEARCH_PREVIOUS, "search-previous", \
	  "repeat the last search the other way") \
	X(GOTO, "goto", "go to a paragraph number, or a percentage (50%)") \
	X(JUMP_TO_MOVE_TARGET, "jump-to-move-target", \
	  "jump to the other end of a moved passage") \
	X(NEXT_VERSION_RIGHT, "next-version-right", \
	  "show the next version on the right") \
	X(PREVIOUS_VERSION_RIGHT, "previous-version-right", \
	  "show the previous version on the right") \
	X(NEXT_VERSION_LEFT, "next-version-left", \
	  "show the next version on the left") \
	X(PREVIOUS_VERSION_LEFT, "previous-version-left", \
	  "show the previous version on the left") \
	X(SWAP_SIDES, "swap-sides", "swap the left and right versions") \
	X(MAKE_BASE, "make-base", \
	  "make the left version the base of the overview") \
	X(WRITE_REPORT, "write-report", \
	  "write the substantive changes to a Markdown file (corrections log)") \
	X(SHOW_SOURCE, "show-source", \
	  "show the file's own bytes (the HTML of a page) of the passage on top") \
	X(VERSION_OVERVIEW, "version-overview", \
	  "list every version and their similarities") \
	X(TOGGLE_CHANGES_ONLY, "toggle-changes-only", \
	  "fold unchanged paragraphs away, or unfold them") \
	X(FOLD_UNCHANGED, "fold-unchanged", \
	  "fold unchanged paragraphs into one row each run") \
	X(UNFOLD_UNCHANGED, "unfold-unchanged", "show unchanged paragraphs") \
	X(TOGGLE_BOILERPLATE, "toggle-boilerplate", \
	  "fold away passages labelled boilerplate (captions, site chrome)") \
	X(PRESENCE_VIEW, "presence-view", \
	  "every version at once: which versions carry each passage") \
	X(TOGGLE_COSMETIC, "toggle-cosmetic", \
	  "cosmetic changes: shown, dimmed, hidden") \
	X(TOGGLE_IGNORE_CASE, "toggle-ignore-case", \
	  "ignore case-only changes, or show them") \
	X(TOGGLE_CHARS, "toggle-chars", \
	  "highlight the changed characters of a replaced word, or all of it") \
	X(TOGGLE_INLINE, "toggle-inline", \
	  "switch between side-by-side and inline views") \
	X(SELECT, "select", "open the chosen pair in the version overview") \
	X(REDRAW, "redraw", "redraw the screen") \
	X(HELP, "help", "show this help") \
	X(CANCEL, "cancel", "cancel a prompt or a pending key sequence") \
	X(QUIT, "quit", "quit versus")

enum action {
#define ACTION_ENUM(id, name, help) ACTION_##id,
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
