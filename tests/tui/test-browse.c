/*
 * test-browse.c — properties of the browser's moves, over seeded random
 * sessions of keys on the five samples (no terminal: tests/bench's stub
 * screen, 120x40).  After every action:
 *
 *  - the top row is within the view (0 <= top <= the last full screen);
 *  - the current change is none, or on the screen (its rows, or the rows
 *    of the other end of its move): it follows the view, whatever moved
 *    it there (issue 16, bug 1: a go-to left it far away);
 *  - next-change never goes up, and previous-change never down, from
 *    where the view is: from the current change's end on screen, else
 *    from the top (bug 2: after a jump to a move's other end, next went
 *    back up to the change after the move's source);
 *  - after next-edit or previous-edit, the current edit is one of the
 *    current change's (sites.h).
 *
 * Go-tos are typed into the prompt, key by key, as a user does.  Sets of
 * versions marked in the picker are shown as marked (sets_hold).  And C-g
 * after the emacs keymap's incremental search shows what was shown before
 * it, the layout counted whole or lazily; and it lands where a search on
 * Enter does.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "browse.h"
#include "keycode.h"
#include "tap.h"
#include "xalloc.h"

static unsigned long rng;

static unsigned
rnd(unsigned n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng >> 33) % n);
}

static size_t
view_rows(const struct browser *b)
{
	return view_count(&b->view);
}

/* The last view row of block k (the fold hiding it, if folded). */
static size_t
block_end(const struct browser *b, uint32_t k)
{
	size_t v0 = view_block_row(&b->view, k);

	if (b->view.hide[k] || b->view.rows[k] == 0)
		return v0;
	return v0 + b->view.rows[k] - 1;
}

/* Is any row of block k on the screen? */
static bool
block_shown(const struct browser *b, uint32_t k)
{
	size_t rows = (size_t)browse_text_rows();
	size_t v0 = view_block_row(&b->view, k);
	size_t v1 = block_end(b, k);

	return v1 >= b->top && v0 < b->top + rows;
}

/* The view row the view is at for next/previous-change (see above). */
static size_t
position(const struct browser *b)
{
	size_t rows = (size_t)browse_text_rows(), own, twin;
	const struct block *bl;

	if (b->cur < 0)
		return b->top;
	bl = &b->al->block[b->changes[b->cur]];
	own = view_block_row(&b->view, b->changes[b->cur]);
	if (own >= b->top && own < b->top + rows)
		return own;
	if (bl->move) {
		twin = view_block_row(&b->view, bl->twin);
		if (twin >= b->top && twin < b->top + rows)
			return twin;
	}
	return own;
}

static const int moves[] = {
	ACTION_SCROLL_DOWN, ACTION_SCROLL_UP, ACTION_PAGE_DOWN,
	ACTION_PAGE_UP, ACTION_HALF_PAGE_DOWN, ACTION_HALF_PAGE_UP,
	ACTION_TOP, ACTION_BOTTOM, ACTION_NEXT_CHANGE,
	ACTION_PREVIOUS_CHANGE, ACTION_NEXT_CHANGE, ACTION_PREVIOUS_CHANGE,
	ACTION_NEXT_SUBSTANTIVE_CHANGE, ACTION_PREVIOUS_SUBSTANTIVE_CHANGE,
	ACTION_NEXT_FACT_CHANGE, ACTION_PREVIOUS_FACT_CHANGE,
	ACTION_NEXT_PARAGRAPH, ACTION_PREVIOUS_PARAGRAPH,
	ACTION_JUMP_TO_MOVE_TARGET, ACTION_JUMP_TO_MOVE_TARGET,
	ACTION_SEARCH_NEXT, ACTION_SEARCH_PREVIOUS, ACTION_GOTO,
	ACTION_GOTO, ACTION_TOGGLE_CHANGES_ONLY, ACTION_TOGGLE_COSMETIC,
	ACTION_TOGGLE_BOILERPLATE, ACTION_TOGGLE_INLINE,
	ACTION_NEXT_VERSION_RIGHT, ACTION_PREVIOUS_VERSION_LEFT,
	ACTION_SWAP_SIDES, ACTION_HELP, ACTION_VERSION_OVERVIEW,
	ACTION_NEXT_EDIT, ACTION_PREVIOUS_EDIT, ACTION_CHANGE_LIST,
	ACTION_CHANGE_KIND_FILTER,
};

/* A go-to's argument: "N" or "N%". */
static void
goto_arg(char arg[16])
{
	if (rnd(2))
		snprintf(arg, 16, "%u%%", rnd(101));
	else
		snprintf(arg, 16, "%u", 1 + rnd(14));
}

/* A go-to typed into the prompt: ":N" or ":N%", then Enter. */
static int
type_goto_arg(struct browser *b, const char *arg)
{
	size_t i;

	for (i = 0; arg[i]; i++)
		browse_prompt_key(b, (unsigned char)arg[i]);
	return browse_prompt_key(b, KEYCODE_ENTER);
}

static int
type_goto(struct browser *b)
{
	char arg[16];

	goto_arg(arg);
	return type_goto_arg(b, arg);
}

/* One session: returns the number of the step that broke a property. */
static int
play(struct browser *b, unsigned long seed, int steps, char *why,
     size_t whysize)
{
	int i;

	rng = seed;
	for (i = 1; i <= steps; i++) {
		int a = moves[rnd(sizeof moves / sizeof moves[0])], re;
		size_t before = position(b), here, rows;
		long cur = b->cur;
		bool dir_next = a == ACTION_NEXT_CHANGE ||
			a == ACTION_NEXT_SUBSTANTIVE_CHANGE ||
			a == ACTION_NEXT_FACT_CHANGE;
		bool dir_prev = a == ACTION_PREVIOUS_CHANGE ||
			a == ACTION_PREVIOUS_SUBSTANTIVE_CHANGE ||
			a == ACTION_PREVIOUS_FACT_CHANGE;

		re = browse_action(b, a, 0);
		if (b->prompt == PROMPT_GOTO)
			re |= type_goto(b);
		if (!browse_react(b, re | RE_DRAW))
			return snprintf(why, whysize, "quit"), i;
		if (b->screen != SCREEN_DIFF) {
			browse_react(b, browse_action(b, ACTION_QUIT, 0));
			continue;
		}
		rows = (size_t)browse_text_rows();
		if (b->top > 0 && b->top + rows > view_rows(b))
			return snprintf(why, whysize, "top %zu past the end "
					"(%zu view rows)", b->top,
					view_rows(b)), i;
		if (b->cur >= 0 && !block_shown(b, b->changes[b->cur]) &&
		    !(b->al->block[b->changes[b->cur]].move &&
		      block_shown(b, b->al->block[b->changes[b->cur]].twin)))
			return snprintf(why, whysize, "%s: change %ld (view "
					"rows %zu-%zu) is off the screen (top "
					"%zu)", action_name(a), b->cur + 1,
					view_block_row(&b->view,
						       b->changes[b->cur]),
					block_end(b, b->changes[b->cur]),
					b->top), i;
		/* After a step through edits, the edit is the change's. */
		if ((a == ACTION_NEXT_EDIT || a == ACTION_PREVIOUS_EDIT) &&
		    b->cur >= 0 && sites_current(b) < 0 &&
		    b->sites.first[b->changes[b->cur]] <
		    b->sites.first[b->changes[b->cur] + 1])
			return snprintf(why, whysize, "%s: edit %ld is not one "
					"of change %ld's", action_name(a),
					b->cur_site, b->cur + 1), i;
		if (b->cur < 0 || b->cur == cur || !(dir_next || dir_prev))
			continue;
		here = view_block_row(&b->view, b->changes[b->cur]);
		if ((dir_next && (cur >= 0 ? here <= before : here < before)) ||
		    (dir_prev && here >= before))
			return snprintf(why, whysize, "%s went from row %zu "
					"to row %zu", action_name(a), before,
					here), i;
	}
	return 0;
}

/*
 * Sets of versions (picker.c): random keys of the picker and of the
 * versions, marks among them.  After each, the versions shown are the
 * session's, in all's order, all of them exactly when no set is; the pair
 * on screen is two of them, and its counts are the very ones all has for
 * those versions (one alignment, session_subset); compare-marked with two
 * marked or more shows the marked ones, all-versions every one.
 */
static int
sets_hold(struct session *s, struct keymap *km, unsigned long seed,
	  int steps, char *why, size_t whysize)
{
	static const int keys[] = {
		ACTION_VERSION_PICKER, ACTION_VERSION_PICKER,
		ACTION_SCROLL_DOWN, ACTION_SCROLL_UP, ACTION_SCROLL_DOWN,
		ACTION_MARK_VERSION, ACTION_MARK_VERSION, ACTION_MARK_VERSION,
		ACTION_SELECT, ACTION_COMPARE_MARKED, ACTION_COMPARE_MARKED,
		ACTION_ALL_VERSIONS, ACTION_QUIT, ACTION_NEXT_VERSION_RIGHT,
		ACTION_PREVIOUS_VERSION_LEFT, ACTION_SWAP_SIDES,
		ACTION_PAGE_DOWN, ACTION_NEXT_CHANGE, ACTION_PRESENCE_VIEW,
		ACTION_VERSION_OVERVIEW, ACTION_TOGGLE_IGNORE_CASE,
	};
	struct browser b;
	int i, bad = 0;

	browse_init(&b, s, km);
	browse_layout(&b);
	rng = seed;
	for (i = 1; i <= steps; i++) {
		int a = keys[rnd(sizeof keys / sizeof keys[0])];
		size_t nmarked = 0, v, l, r;
		bool picker = b.screen == SCREEN_PICKER;

		if (a == ACTION_QUIT && !picker)
			a = ACTION_CANCEL;	/* leave the picker only */
		for (v = 0; v < b.nall; v++)
			nmarked += b.pk_marked[v];
		if (!browse_react(&b, browse_action(&b, a, 0) | RE_DRAW)) {
			bad = snprintf(why, whysize, "quit");
			break;
		}
		if (b.screen != SCREEN_DIFF && b.screen != SCREEN_PICKER)
			browse_react(&b, browse_action(&b, ACTION_QUIT, 0));
		if ((b.shown == NULL) != (b.s == b.all) ||
		    b.n != session_count(b.s) || b.n < 2 ||
		    (b.shown == NULL && b.n != b.nall))
			bad = snprintf(why, whysize, "%s: %zu versions shown "
				       "of %zu, session of %zu", action_name(a),
				       b.n, b.nall, session_count(b.s));
		for (v = 0; v < b.n && !bad; v++)
			if (browse_number(&b, v) > b.nall ||
			    (v > 0 && browse_number(&b, v) <=
			     browse_number(&b, v - 1)) ||
			    session_texts(b.s)[v] !=
			    session_texts(b.all)[browse_number(&b, v) - 1])
				bad = snprintf(why, whysize, "%s: version %zu "
					       "shown is not all's %zu",
					       action_name(a), v + 1,
					       browse_number(&b, v));
		if (bad)
			break;
		if (b.left >= b.n || b.right >= b.n || b.left == b.right) {
			bad = snprintf(why, whysize, "%s: pair %zu, %zu of %zu",
				       action_name(a), b.left, b.right, b.n);
			break;
		}
		l = browse_number(&b, b.left) - 1;
		r = browse_number(&b, b.right) - 1;
		if (session_stats(b.s, b.left, b.right) !=
		    session_stats(b.all, l, r) ||
		    session_similarity(b.s, b.left, b.right) !=
		    session_similarity(b.all, l, r))
			bad = snprintf(why, whysize, "%s: %zu against %zu "
				       "counted apart from all's",
				       action_name(a), l + 1, r + 1);
		else if (a == ACTION_COMPARE_MARKED && nmarked >= 2 &&
			 (nmarked == b.nall ? b.shown != NULL :
			  b.n != nmarked))
			bad = snprintf(why, whysize, "%s: %zu marked, %zu "
				       "shown", action_name(a), nmarked, b.n);
		else if (a == ACTION_ALL_VERSIONS && b.shown != NULL)
			bad = snprintf(why, whysize, "%s: a set still shown",
				       action_name(a));
		else if (picker && a == ACTION_SELECT && nmarked >= 2 &&
			 nmarked < b.nall && b.n != nmarked)
			bad = snprintf(why, whysize, "select with %zu marked: "
				       "%zu shown", nmarked, b.n);
		if (bad)
			break;
	}
	browse_clear(&b);
	return bad ? i : 0;
}

/*
 * Row y of the screen: its block and row in it, or the fold's block.
 * Rows of a block with a giant paragraph are numbered with estimates
 * till its segments are counted (render.h), so a row is known by its
 * row in its piece or segment and where that starts on each side.
 */
static uint64_t
shown(struct browser *b, size_t y)
{
	struct view_row vr;
	uint64_t id;
	size_t i;

	if (!view_row(&b->view, b->top + y, &vr))
		return UINT64_MAX;
	if (vr.r == NULL)
		return (uint64_t)vr.block << 32 | 0xffffffffu;
	id = (uint64_t)vr.block << 32 | vr.i;
	for (i = 0; i < vr.r->nrow; i++) {
		uint32_t a = render_row_offset(vr.r, i, 0);
		uint32_t c = render_row_offset(vr.r, i, 1);

		if (a != UINT32_MAX || c != UINT32_MAX)
			return id ^ ((uint64_t)a * 0x9e3779b97f4a7c15u ^
				     (uint64_t)c * 0xc2b2ae3d27d4eb4fu) << 1;
	}
	return id;
}

/* The top of the last screen. */
static size_t
max_top_of(const struct browser *b)
{
	size_t n = view_count(&b->view), rows = (size_t)browse_text_rows();

	return n > rows ? n - rows : 0;
}

/* A key on a browser, as play() gives it. */
static void
press(struct browser *b, int a, const char *arg)
{
	int re = browse_action(b, a, 0);

	if (b->prompt == PROMPT_GOTO)
		re |= type_goto_arg(b, arg);
	browse_react(b, re | RE_DRAW);
	if (b->screen != SCREEN_DIFF)
		browse_react(b, browse_action(b, ACTION_QUIT, 0));
}

/*
 * The lazy layout lands where a layout of everything does: one browser
 * counts the whole layout when it lays out, the other nothing ahead (its
 * view rows numbered with estimates till counted), and after every key
 * both show the same rows, with the same current change and message.
 */
static int
lazy_like_eager(struct session *s, struct keymap *km, unsigned long seed,
		int steps, char *why, size_t whysize)
{
	struct browser e, l;
	int i, bad = 0;
	size_t y, rows = (size_t)browse_text_rows();

	browse_init(&e, s, km);
	e.count_ahead = SIZE_MAX;
	browse_layout(&e);
	browse_init(&l, s, km);
	l.count_ahead = 0;
	browse_layout(&l);
	snprintf(e.pattern, sizeof e.pattern, "the");
	snprintf(l.pattern, sizeof l.pattern, "the");
	rng = seed;
	for (i = 1; i <= steps && !bad; i++) {
		int a = moves[rnd(sizeof moves / sizeof moves[0])];
		char arg[16];

		goto_arg(arg);
		press(&e, a, arg);
		press(&l, a, arg);
		for (y = 0; y < rows && !bad; y++)
			if (shown(&e, y) != shown(&l, y)) {
				snprintf(why, whysize, "%s: screen row %zu "
					 "differs (top %zu, lazy %zu)",
					 action_name(a), y, e.top, l.top);
				bad = i;
			}
		if (!bad && (e.cur != l.cur || strcmp(e.message, l.message))) {
			snprintf(why, whysize, "%s: current change %ld / %ld, "
				 "message \"%.60s\" / \"%.60s\"", action_name(a),
				 e.cur, l.cur, e.message, l.message);
			bad = i;
		}
	}
	browse_clear(&e);
	browse_clear(&l);
	return bad;
}

/*
 * The emacs keymap's incremental search: after random moves, on a
 * browser that counts everything or nothing ahead, C-s and keys typed,
 * erased, C-s and C-r, then C-g, show the very rows shown before, with
 * the same current change; while it is open, the pattern is the input.
 */
static int
isearch_returns(struct session *s, struct keymap *km, unsigned long seed,
		bool lazy, char *why, size_t whysize)
{
	static const int keys[] = { 'I', 'n', 'o', 'u', 'e', 't', 'h', ' ',
		'a', 'q', KEYCODE_BACKSPACE, KEYCODE_BACKSPACE,
		KEYCODE_CTRL('s'), KEYCODE_CTRL('r'), KEYCODE_CTRL('u') };
	struct browser b;
	uint64_t before[64];
	size_t y, rows = (size_t)browse_text_rows();
	long cur;
	int i, j, n, bad = 0;

	browse_init(&b, s, km);
	b.count_ahead = lazy ? 0 : SIZE_MAX;
	browse_layout(&b);
	rng = seed;
	for (i = 1; i <= 20 && !bad; i++) {
		char arg[16];

		for (j = (int)rnd(4); j >= 0; j--) {
			goto_arg(arg);
			press(&b, moves[rnd(sizeof moves / sizeof moves[0])],
			      arg);
		}
		for (y = 0; y < rows && y < 64; y++)
			before[y] = shown(&b, y);
		cur = b.cur;
		browse_react(&b, browse_action(&b, rnd(2) ?
			     ACTION_SEARCH_FORWARD : ACTION_SEARCH_BACKWARD,
			     0) | RE_DRAW);
		if (!b.isearch.on) {
			snprintf(why, whysize, "C-s: not incremental");
			bad = i;
			break;
		}
		for (n = 1 + (int)rnd(8); n > 0 && !bad; n--) {
			browse_react(&b, browse_prompt_key(&b,
				     keys[rnd(sizeof keys / sizeof keys[0])]) |
				     RE_DRAW);
			if (b.prompt == PROMPT_NONE)	/* Backspace, nothing */
				break;		/* to erase: went back */
			if (b.ninput && strcmp(b.pattern, b.input) != 0) {
				snprintf(why, whysize, "pattern \"%.60s\", "
					 "input \"%.60s\"", b.pattern, b.input);
				bad = i;
			}
		}
		if (b.prompt != PROMPT_NONE)
			browse_react(&b, browse_prompt_key(&b,
				     KEYCODE_CTRL('g')) | RE_DRAW);
		for (y = 0; y < rows && y < 64 && !bad; y++)
			if (shown(&b, y) != before[y]) {
				snprintf(why, whysize, "C-g: screen row %zu "
					 "differs (top %zu)", y, b.top);
				bad = i;
			}
		if (!bad && b.cur != cur) {
			snprintf(why, whysize, "C-g: current change %ld, was "
				 "%ld", b.cur, cur);
			bad = i;
		}
	}
	browse_clear(&b);
	return bad;
}

/*
 * Searching as you type lands where a search on Enter does: two browsers
 * moved alike, one with the emacs keymap typing a word into its
 * incremental search, the other typing it into the default keymap's
 * prompt and pressing Enter, show the same rows; and when the search as
 * you type fails, the other finds nothing either.
 */
static int
isearch_like_search(struct session *s, struct keymap *emacs,
		    struct keymap *def, unsigned long seed, char *why,
		    size_t whysize)
{
	static const char letters[] = "Inoeuthars. 1";
	struct browser e, d;
	size_t y, rows = (size_t)browse_text_rows();
	int i, j, n, bad = 0, a;

	browse_init(&e, s, emacs);
	browse_init(&d, s, def);
	browse_layout(&e);
	browse_layout(&d);
	rng = seed;
	for (i = 1; i <= 20 && !bad; i++) {
		char arg[16], word[8];

		for (j = (int)rnd(4); j >= 0; j--) {
			a = moves[rnd(sizeof moves / sizeof moves[0])];
			goto_arg(arg);
			press(&e, a, arg);
			press(&d, a, arg);
		}
		n = 1 + (int)rnd(5);
		for (j = 0; j < n; j++)
			word[j] = letters[rnd(sizeof letters - 1)];
		word[n] = '\0';
		a = rnd(2) ? ACTION_SEARCH_FORWARD : ACTION_SEARCH_BACKWARD;
		browse_react(&e, browse_action(&e, a, 0) | RE_DRAW);
		browse_react(&d, browse_action(&d, a, 0) | RE_DRAW);
		for (j = 0; j < n; j++) {
			browse_react(&e, browse_prompt_key(&e, word[j]) |
				     RE_DRAW);
			browse_prompt_key(&d, word[j]);
		}
		browse_react(&d, browse_prompt_key(&d, KEYCODE_ENTER) |
			     RE_DRAW);
		if (e.isearch.failing) {
			if (strncmp(d.message, "not found", 9) != 0) {
				snprintf(why, whysize, "\"%s\": failing as "
					 "typed, found on Enter", word);
				bad = i;
			}
			browse_react(&e, browse_prompt_key(&e,
				     KEYCODE_CTRL('g')) | RE_DRAW);
		} else {
			browse_react(&e, browse_prompt_key(&e, KEYCODE_ENTER) |
				     RE_DRAW);
		}
		for (y = 0; y < rows && !bad; y++)
			if (shown(&e, y) != shown(&d, y)) {
				snprintf(why, whysize, "\"%s\": screen row %zu "
					 "differs (top %zu as typed, %zu on "
					 "Enter)", word, y, e.top, d.top);
				bad = i;
			}
	}
	browse_clear(&e);
	browse_clear(&d);
	return bad;
}

/*
 * A pair bigger than a screen many times over: n paragraphs a side, every
 * seventh of B's reworded, and, with `giant`, one paragraph of `giant`
 * words in the middle of both (its end changed in B).  Its docs are built
 * as versus builds two versions', the unchanged paragraphs left whole.
 */
static struct session *
big_session(struct text *t[2], const struct equiv *eq, size_t n,
	    size_t giant)
{
	struct text_opts to = { 0 };
	struct session_opts so = { 0 };
	struct vs_error err;
	char *buf[2];
	size_t len[2] = { 0, 0 }, cap[2] = { 0, 0 }, i, w;
	int s;

	for (s = 0; s < 2; s++) {
		buf[s] = NULL;
		for (i = 0; i < n; i++) {
			char line[160];
			int k = snprintf(line, sizeof line, "Paragraph %zu: the "
					 "quick brown fox %s over the lazy dog "
					 "by river %zu, again.\n\n", i + 1,
					 s && i % 7 == 3 ? "leaps" : "jumps",
					 i * 31 % 97);

			buf[s] = xgrow(buf[s], &cap[s], len[s] + (size_t)k + 1, 1);
			memcpy(buf[s] + len[s], line, (size_t)k);
			len[s] += (size_t)k;
			if (i != n / 2 || giant == 0)
				continue;
			for (w = 0; w < giant; w++) {
				k = snprintf(line, sizeof line, "%s%zu%s",
					     w % 9 ? "word" : "Verse ", w,
					     w + 1 < giant ? " " :
					     s ? " changed.\n\n" : ".\n\n");
				buf[s] = xgrow(buf[s], &cap[s],
					       len[s] + (size_t)k + 1, 1);
				memcpy(buf[s] + len[s], line, (size_t)k);
				len[s] += (size_t)k;
			}
		}
		t[s] = text_from_bytes(s ? "b.txt" : "a.txt", buf[s], len[s],
				       &to, &err);
		free(buf[s]);
	}
	so.eq = eq;
	so.base_only = true;	/* as versus has it: unchanged text whole */
	return session_new(t, 2, &so);
}

/*
 * :N% on a browser that has counted nothing: it lands on the row showing
 * the byte N% into the left text (the paragraph holding it on top), and
 * counts only what it shows (issue 15: not every row of the pair first);
 * and a lazy browser shows what an eager one does, key after key.
 */
static void
big_pair(struct keymap *km, const struct equiv *eq)
{
	static const unsigned pcts[] = { 1, 13, 50, 77, 99 };
	struct text *t[2];
	struct session *s = big_session(t, eq, 3000, 0);
	const struct doc *a;
	struct browser l;
	struct view_row vr;
	char arg[16], why[256];
	size_t i, bad = 0, counted = 0;
	unsigned long seed;

	browse_init(&l, s, km);
	l.count_ahead = 0;
	browse_layout(&l);
	a = l.al->a;
	for (i = 0; i < sizeof pcts / sizeof pcts[0]; i++) {
		uint32_t off = (uint32_t)(a->text->len * pcts[i] / 100), p;

		snprintf(arg, sizeof arg, "%u%%", pcts[i]);
		press(&l, ACTION_GOTO, arg);
		for (p = 0; p + 1 < a->npara && a->para[p + 1].start <= off;)
			p++;
		if (!view_row(&l.view, l.top, &vr) || vr.r == NULL ||
		    vr.r->row[vr.i].para[0] != p) {
			printf("#   :%s: top row shows paragraph %u, not %u\n",
			       arg, vr.r ? vr.r->row[vr.i].para[0] : 0, p);
			bad++;
		}
	}
	ok(bad == 0, "cold :N%%: the paragraph holding the byte N%% into "
	   "the left text on top");
	counted = l.view.nexact;
	ok(counted < l.view.nblock / 4, "cold :N%%: %zu of %zu blocks "
	   "counted, only those shown", counted, l.view.nblock);
	browse_clear(&l);
	for (seed = 1; seed <= 4; seed++) {
		why[0] = '\0';
		bad = (size_t)lazy_like_eager(s, km, seed, 200, why,
					      sizeof why);
		ok(bad == 0, "seed %lu: 3000 paragraphs, lazy as eager", seed);
		if (bad)
			printf("#   step %zu: %s\n", bad, why);
	}
	session_free(s);
}

/*
 * One giant paragraph among others, laid out a segment at a time (render.h,
 * made small here): next-paragraph steps through the left paragraphs one
 * by one, over the giant one at once, and previous-paragraph back; a lazy
 * browser shows what an eager one does.
 */
static void
giant_pair(struct keymap *km, const struct equiv *eq)
{
	const struct render_lazy_tuning saved = render_lazy_tuning;
	struct text *t[2];
	struct session *s;
	struct browser l;
	struct view_row vr;
	char why[256];
	uint32_t want, got = 0, n;
	int bad = 0, dir;
	unsigned long seed;

	render_lazy_tuning.giant = 4096;
	render_lazy_tuning.segment = 600;
	s = big_session(t, eq, 60, 3000);
	browse_init(&l, s, km);
	l.count_ahead = 0;
	browse_layout(&l);
	n = (uint32_t)l.al->a->npara;
	for (dir = 1; dir >= -1 && !bad; dir -= 2) {
		for (want = dir > 0 ? 1 : n - 2; want < n && !bad;
		     want += (uint32_t)dir) {
			press(&l, dir > 0 ? ACTION_NEXT_PARAGRAPH :
			      ACTION_PREVIOUS_PARAGRAPH, NULL);
			got = view_row(&l.view, l.top, &vr) && vr.r ?
				vr.r->row[vr.i].para[0] : RENDER_NONE;
			/* The last screen: the top stops moving. */
			if (dir > 0 && l.top == max_top_of(&l))
				break;
			if (got != want) {
				printf("#   %s: paragraph %u on top, not %u\n",
				       dir > 0 ? "next" : "previous", got, want);
				bad = 1;
			}
		}
		if (dir > 0 && !bad)
			press(&l, ACTION_BOTTOM, NULL);
		if (dir > 0 && !bad) {
			/* From the bottom: up from the last paragraph on top. */
			while (view_row(&l.view, l.top, &vr) && vr.r &&
			       vr.r->row[vr.i].para[0] == RENDER_NONE)
				press(&l, ACTION_SCROLL_UP, NULL);
			n = vr.r ? vr.r->row[vr.i].para[0] + 1 : n;
		}
	}
	ok(!bad, "giant paragraph: next and previous paragraph step one "
	   "paragraph at a time, over it at once");
	browse_clear(&l);
	for (seed = 1; seed <= 3; seed++) {
		why[0] = '\0';
		bad = lazy_like_eager(s, km, seed, 150, why, sizeof why);
		ok(bad == 0, "seed %lu: a giant paragraph, lazy as eager", seed);
		if (bad)
			printf("#   step %d: %s\n", bad, why);
	}
	session_free(s);
	render_lazy_tuning = saved;
}

int
main(void)
{
	static const char *const names[] = { "1-wire", "2-syndicated",
		"3-corrected", "4-rewrite", "5-summary" };
	const char *srcdir = getenv("srcdir");
	struct text_opts to = { 0 };
	struct session_opts so = { 0 };
	struct text *t[5];
	struct vs_error err;
	struct session *s;
	struct keymap *km;
	struct browser b;
	char path[4096], why[256];
	unsigned long seed;
	int i, bad;

	for (i = 0; i < 5; i++) {
		snprintf(path, sizeof path, "%s/samples/%s.txt",
			 srcdir ? srcdir : ".", names[i]);
		t[i] = text_load(path, &to, &err);
		if (t[i] == NULL) {
			printf("Bail out! %s\n", err.msg);
			return 1;
		}
	}
	so.eq = equiv_new_builtin();
	s = session_new(t, 5, &so);
	km = keymap_load("default", &err);
	for (seed = 1; seed <= 40; seed++) {
		browse_init(&b, s, km);
		browse_layout(&b);
		snprintf(b.pattern, sizeof b.pattern, "the");
		why[0] = '\0';
		bad = play(&b, seed, 300, why, sizeof why);
		ok(bad == 0, "seed %lu: 300 random keys keep the view's "
		   "properties", seed);
		if (bad)
			printf("#   step %d: %s\n", bad, why);
		browse_clear(&b);
	}
	for (seed = 1; seed <= 20; seed++) {
		why[0] = '\0';
		bad = sets_hold(s, km, seed, 200, why, sizeof why);
		ok(bad == 0, "seed %lu: sets of versions marked in the picker "
		   "are shown as they should be, 200 keys", seed);
		if (bad)
			printf("#   step %d: %s\n", bad, why);
	}
	for (seed = 1; seed <= 20; seed++) {
		why[0] = '\0';
		bad = lazy_like_eager(s, km, seed, 300, why, sizeof why);
		ok(bad == 0, "seed %lu: the lazy layout shows what the whole "
		   "one does, key after key", seed);
		if (bad)
			printf("#   step %d: %s\n", bad, why);
	}
	{
		struct keymap *emacs = keymap_load("emacs", &err);

		for (seed = 1; seed <= 20; seed++) {
			why[0] = '\0';
			bad = isearch_returns(s, emacs, seed, seed % 2, why,
					      sizeof why);
			ok(bad == 0, "seed %lu: C-g after an incremental "
			   "search shows what was shown before (%s layout)",
			   seed, seed % 2 ? "lazy" : "whole");
			if (bad)
				printf("#   round %d: %s\n", bad, why);
		}
		for (seed = 1; seed <= 10; seed++) {
			why[0] = '\0';
			bad = isearch_like_search(s, emacs, km, seed, why,
						  sizeof why);
			ok(bad == 0, "seed %lu: a word typed into the "
			   "incremental search lands where a search on Enter "
			   "does", seed);
			if (bad)
				printf("#   round %d: %s\n", bad, why);
		}
		keymap_free(emacs);
	}
	big_pair(km, so.eq);
	giant_pair(km, so.eq);
	keymap_free(km);
	session_free(s);
	equiv_free((struct equiv *)so.eq);
	return done_testing();
}
