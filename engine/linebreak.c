/*
 * linebreak.c — UAX #14 break opportunities (linebreak.h).
 *
 * libunistring's u8_possible_linebreaks is the reference, and it costs
 * about as much as the rest of the layout.  Most prose is made of
 * stretches of letters, digits, spaces and . , : ; ! ? only, where its
 * answer is simple (checked against it by test-render on random text):
 * a line may break before a letter or a digit that follows a space, "!"
 * or "?", and before a letter that follows . , : or ; (never after the
 * spaces that open the text, never at its first byte).  Those stretches
 * are answered here; libunistring answers the rest, over a stretch that
 * starts and ends at a "restart": a letter or digit after spaces that
 * follow one of those plain characters.  There a break is possible
 * whatever came before (only an opening bracket before the spaces would
 * forbid it), and nothing before the spaces changes a later answer: the
 * rules that look back (UAX #14 LB14-17, LB21a, LB25) look through
 * spaces only to reach the restart itself.
 */
#include "config.h"

#include <stdbool.h>

#include <unilbrk.h>

#include "linebreak.h"

enum {
	LB_OTHER,	/* 0: anything libunistring must judge */
	LB_SPACE,
	LB_LETTER,
	LB_DIGIT,
	LB_INFIX,	/* . , : ; */
	LB_EXCLAM,	/* ! ? */
};

#define L	LB_LETTER
#define D	LB_DIGIT
#define S	LB_SPACE
#define I	LB_INFIX
#define E	LB_EXCLAM

/* Each byte's class; every byte from 0x80 on is LB_OTHER. */
static const uint8_t lb_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	S, E, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, I, 0, I, 0,
	D, D, D, D, D, D, D, D, D, D, I, I, 0, 0, 0, E,
	0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
	L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, 0,
	0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
	L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, 0,
};

#undef L
#undef D
#undef S
#undef I
#undef E

#define Y	UC_BREAK_POSSIBLE
#define N	UC_BREAK_PROHIBITED

/* May a line break between plain bytes of classes [prev][cur], not lead? */
static const char plain_break[6][6] = {
	/*		other space letter digit infix exclam */
	[LB_OTHER] =	{ N, N, N, N, N, N },
	[LB_SPACE] =	{ N, N, Y, Y, N, N },
	[LB_LETTER] =	{ N, N, N, N, N, N },
	[LB_DIGIT] =	{ N, N, N, N, N, N },
	[LB_INFIX] =	{ N, N, Y, N, N, N },
	[LB_EXCLAM] =	{ N, N, Y, Y, N, N },
};

#undef Y
#undef N

/* Is i (0 < i < n) a restart (see the top)? */
static bool
restart(const uint8_t *s, size_t i)
{
	int c = lb_class[s[i]];
	size_t k = i;

	if ((c != LB_LETTER && c != LB_DIGIT) || s[i - 1] != ' ')
		return false;
	while (k > 0 && s[k - 1] == ' ')
		k--;
	return k > 0 && lb_class[s[k - 1]] != LB_OTHER;
}

void
linebreak_possible(const uint8_t *s, size_t n, char *brk)
{
	size_t i = 0, j, l, r;
	bool other = false;

	if (n == 0)
		return;
	/* Everything as if plain: the spaces that open the text, then pairs. */
	brk[0] = UC_BREAK_PROHIBITED;
	while (i + 1 < n && s[i] == ' ')
		brk[++i] = UC_BREAK_PROHIBITED;
	other = lb_class[s[i]] == LB_OTHER;
	for (i++; i < n; i++) {
		uint8_t c = lb_class[s[i]];

		brk[i] = plain_break[lb_class[s[i - 1]]][c];
		other |= c == LB_OTHER;
	}
	if (!other)
		return;
	/* Each stretch holding something else, restart to restart. */
	for (i = 0; i < n; i = r) {
		for (j = i; j < n && lb_class[s[j]] != LB_OTHER; j++)
			;
		if (j == n)
			break;
		for (l = j; l > i && !restart(s, l); l--)
			;
		for (r = j + 1; r < n && !restart(s, r); r++)
			;
		u8_possible_linebreaks(s + l, r - l, "UTF-8", brk + l);
		if (l > 0)
			brk[l] = UC_BREAK_POSSIBLE;
	}
}
